/* wf-history-dialog.h — earlier versions of a document, to look at and restore
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "storage/wf-autosave.h"

G_BEGIN_DECLS

#define WF_TYPE_HISTORY_DIALOG (wf_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WfHistoryDialog, wf_history_dialog, WF, HISTORY_DIALOG, AdwWindow)

WfHistoryDialog *wf_history_dialog_new (GtkWindow  *parent,
                                        WfAutosave *autosave);

G_END_DECLS
