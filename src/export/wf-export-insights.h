/* wf-export-insights.h — the Insights pages of a PDF: findings and figures
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "model/wf-model.h"
#include "render/wf-scene.h"

G_BEGIN_DECLS

typedef struct _WfInsightsPages WfInsightsPages;

WfInsightsPages *wf_insights_pages_new         (WfMap           *map,
                                                WfThemeKind      theme,
                                                PangoFontMap    *font_map,
                                                double           width,
                                                double           height);
void             wf_insights_pages_free        (WfInsightsPages *self);
guint            wf_insights_pages_get_n_pages (WfInsightsPages *self);
void             wf_insights_pages_get_size    (WfInsightsPages *self,
                                                double          *width,
                                                double          *height);
void             wf_insights_pages_draw_page   (WfInsightsPages *self,
                                                cairo_t         *cr,
                                                guint            page);

G_END_DECLS
