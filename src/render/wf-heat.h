/* wf-heat.h — what the heat view tints a map's cells by
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-model.h"
#include "model/wf-metric.h"

G_BEGIN_DECLS

typedef struct _WfHeat WfHeat;

WfHeat         *wf_heat_new            (WfMap      *map,
                                        const char *metric);
void            wf_heat_free           (WfHeat     *heat);
void            wf_heat_update_card    (WfHeat     *heat,
                                        WfCard     *card);

const WfMetric *wf_heat_get_metric     (WfHeat     *heat);
gboolean        wf_heat_get_range      (WfHeat     *heat,
                                        double     *min,
                                        double     *max);
gboolean        wf_heat_get_value      (WfHeat     *heat,
                                        guint       phase,
                                        WfLane     *lane,
                                        double     *value);
gboolean        wf_heat_is_diverging   (WfHeat     *heat);
double          wf_heat_get_level      (WfHeat     *heat,
                                        double      value);

char          **wf_heat_list_metrics   (WfMap      *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfHeat, wf_heat_free)

G_END_DECLS
