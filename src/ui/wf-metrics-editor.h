/* wf-metrics-editor.h — the figures of a card or a phase, edited over time
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

#define WF_TYPE_METRICS_EDITOR (wf_metrics_editor_get_type ())

G_DECLARE_FINAL_TYPE (WfMetricsEditor, wf_metrics_editor, WF, METRICS_EDITOR, GtkWidget)

GtkWidget *wf_metrics_editor_new      (void);
void       wf_metrics_editor_set_item (WfMetricsEditor *self,
                                       WfItem          *item,
                                       const char      *property);
WfItem    *wf_metrics_editor_get_item (WfMetricsEditor *self);

/* For tests: the widget of @role ("row", "name", "unit", "unit-text",
 * "direction", "target", "date", "value", "add", "remove", or
 * "remove:YYYY-MM-DD" / "remove:" for a measurement) of a metric, or with
 * @metric %NULL the new metric's "new-name", "new-value", "new-for" and
 * "new-add". */
GtkWidget *wf_metrics_editor_find     (WfMetricsEditor *self,
                                       const char      *metric,
                                       const char      *persona,
                                       const char      *role);

G_END_DECLS
