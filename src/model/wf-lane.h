/* wf-lane.h — a row (swimlane) of a journey map
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-item.h"
#include "wf-persona.h"
#include "wf-types.h"

G_BEGIN_DECLS

#define WF_TYPE_LANE (wf_lane_get_type ())

G_DECLARE_FINAL_TYPE (WfLane, wf_lane, WF, LANE, WfItem)

WfLane     *wf_lane_new           (const char *id,
                                   WfLaneKind  kind);
WfLaneKind  wf_lane_get_kind      (WfLane     *self);
void        wf_lane_set_kind      (WfLane     *self,
                                   WfLaneKind  kind);
const char *wf_lane_get_title     (WfLane     *self);
void        wf_lane_set_title     (WfLane     *self,
                                   const char *title);
WfPersona  *wf_lane_get_persona   (WfLane     *self);
void        wf_lane_set_persona   (WfLane     *self,
                                   WfPersona  *persona);
gboolean    wf_lane_get_collapsed (WfLane     *self);
void        wf_lane_set_collapsed (WfLane     *self,
                                   gboolean    collapsed);

#define WF_LANE_MIN_HEIGHT   40.0
#define WF_LANE_MAX_HEIGHT 4000.0

double      wf_lane_get_height    (WfLane     *self);
void        wf_lane_set_height    (WfLane     *self,
                                   double      height);

G_END_DECLS
