/* wf-document-overview.h — the journey's title, maps and personas, in the side pane
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

#define WF_TYPE_DOCUMENT_OVERVIEW (wf_document_overview_get_type ())

G_DECLARE_FINAL_TYPE (WfDocumentOverview, wf_document_overview, WF, DOCUMENT_OVERVIEW, AdwPreferencesPage)

GtkWidget  *wf_document_overview_new          (void);
WfDocument *wf_document_overview_get_document (WfDocumentOverview *self);
void        wf_document_overview_set_document (WfDocumentOverview *self,
                                               WfDocument         *document);

G_END_DECLS
