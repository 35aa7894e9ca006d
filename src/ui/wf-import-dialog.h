/* wf-import-dialog.h — see a spreadsheet's rows, say what its columns hold, import
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/wf-model.h"
#include "storage/wf-figures.h"

G_BEGIN_DECLS

#define WF_TYPE_IMPORT_DIALOG (wf_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WfImportDialog, wf_import_dialog, WF, IMPORT_DIALOG, AdwWindow)

WfImportDialog *wf_import_dialog_new            (GtkWindow      *parent,
                                                 WfDocument     *document,
                                                 WfMap          *current,
                                                 GBytes         *data);
guint           wf_import_dialog_get_n_columns  (WfImportDialog *self);
void            wf_import_dialog_set_role       (WfImportDialog *self,
                                                 guint           column,
                                                 WfFiguresRole   role);
WfFiguresRole   wf_import_dialog_get_role       (WfImportDialog *self,
                                                 guint           column);
void            wf_import_dialog_set_skip_bad   (WfImportDialog *self,
                                                 gboolean        skip_bad);
gboolean        wf_import_dialog_import         (WfImportDialog *self);
guint           wf_import_dialog_get_n_problems (WfImportDialog *self);

G_END_DECLS
