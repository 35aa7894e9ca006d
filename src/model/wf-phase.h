/* wf-phase.h — a column of a journey map
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-item.h"
#include "wf-metric.h"

G_BEGIN_DECLS

#define WF_TYPE_PHASE (wf_phase_get_type ())

G_DECLARE_FINAL_TYPE (WfPhase, wf_phase, WF, PHASE, WfItem)

WfPhase    *wf_phase_new             (const char *id,
                                      const char *name);
const char *wf_phase_get_name        (WfPhase    *self);
void        wf_phase_set_name        (WfPhase    *self,
                                      const char *name);
const char *wf_phase_get_description (WfPhase    *self);
void        wf_phase_set_description (WfPhase    *self,
                                      const char *description);
const char *wf_phase_get_color       (WfPhase    *self);
void        wf_phase_set_color       (WfPhase    *self,
                                      const char *color);

/* A column is at least as wide as a card with its padding. */
#define WF_PHASE_MIN_WIDTH  200.0
#define WF_PHASE_MAX_WIDTH 4000.0

double      wf_phase_get_width       (WfPhase    *self);
void        wf_phase_set_width       (WfPhase    *self,
                                      double      width);

GVariant   *wf_phase_get_metrics     (WfPhase    *self);
void        wf_phase_set_metrics     (WfPhase    *self,
                                      GVariant   *metrics);

G_END_DECLS
