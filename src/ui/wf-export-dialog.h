/* wf-export-dialog.h — choose how to export, see it, and export
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/wf-model.h"
#include "export/wf-export.h"

G_BEGIN_DECLS

#define WF_TYPE_EXPORT_DIALOG (wf_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WfExportDialog, wf_export_dialog, WF, EXPORT_DIALOG, AdwWindow)

WfExportDialog *wf_export_dialog_new           (GtkWindow      *parent,
                                                WfDocument     *document,
                                                WfMap          *current,
                                                const char     *name);
void            wf_export_dialog_set_format    (WfExportDialog *self,
                                                WfExportFormat  format);
void            wf_export_dialog_set_folder    (WfExportDialog *self,
                                                GFile          *folder);
void            wf_export_dialog_export_to     (WfExportDialog *self,
                                                GFile          *file);
char           *wf_export_dialog_get_file_name (WfExportDialog *self);
guint           wf_export_dialog_get_n_pages   (WfExportDialog *self);
gboolean        wf_export_dialog_is_busy       (WfExportDialog *self);

G_END_DECLS
