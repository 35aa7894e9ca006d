/* wf-insights-panel.h — the gaps of the map on the canvas, listed
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "insights/wf-findings.h"
#include "wf-canvas.h"

G_BEGIN_DECLS

#define WF_TYPE_INSIGHTS_PANEL (wf_insights_panel_get_type ())

G_DECLARE_FINAL_TYPE (WfInsightsPanel, wf_insights_panel, WF, INSIGHTS_PANEL, GtkWidget)

GtkWidget  *wf_insights_panel_new          (void);
void        wf_insights_panel_set_canvas   (WfInsightsPanel *self,
                                            WfCanvas        *canvas);
WfFindings *wf_insights_panel_get_findings (WfInsightsPanel *self);
void        wf_insights_panel_show_finding (WfInsightsPanel *self,
                                            WfFinding       *finding);
void        wf_insights_panel_set_read_only (WfInsightsPanel *self,
                                             gboolean         read_only);

G_END_DECLS
