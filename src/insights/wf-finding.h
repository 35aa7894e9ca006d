/* wf-finding.h — one gap the gap finder found in a journey map
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-model.h"

G_BEGIN_DECLS

#define WF_TYPE_FINDING (wf_finding_get_type ())

G_DECLARE_FINAL_TYPE (WfFinding, wf_finding, WF, FINDING, GObject)

WfFinding  *wf_finding_new         (const char *rule,
                                    WfMap      *map,
                                    WfPhase    *phase,
                                    WfPersona  *persona,
                                    GPtrArray  *cards,
                                    WfCard     *subject,
                                    const char *detail,
                                    char       *message);
const char *wf_finding_get_rule    (WfFinding  *self);
WfMap      *wf_finding_get_map     (WfFinding  *self);
WfPhase    *wf_finding_get_phase   (WfFinding  *self);
WfPersona  *wf_finding_get_persona (WfFinding  *self);
GPtrArray  *wf_finding_get_cards   (WfFinding  *self);
const char *wf_finding_get_message (WfFinding  *self);
const char *wf_finding_get_key     (WfFinding  *self);

G_END_DECLS
