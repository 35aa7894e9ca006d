/* wf-insights.h — the gap finder: what a journey map is missing
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-finding.h"

G_BEGIN_DECLS

/* The rules, in the order their findings are listed within a phase. */
#define WF_RULE_NO_TOUCHPOINT            "no-touchpoint"
#define WF_RULE_PAIN_WITHOUT_OPPORTUNITY "pain-without-opportunity"
#define WF_RULE_EMOTION_DROP             "emotion-drop"
#define WF_RULE_INDIRECT_ONLY            "indirect-only"
#define WF_RULE_CHANNEL_BREAK            "channel-break"
#define WF_RULE_METRIC_OFF_TARGET        "metric-off-target"
#define WF_RULE_METRIC_WORSENING         "metric-worsening"

/* How far a persona's mean emotion must fall from one phase to the next
 * for WF_RULE_EMOTION_DROP (emotions run from -2 to +2).
 */
#define WF_INSIGHTS_EMOTION_DROP 2.0

/* How many measurements in a row, each worse than the one before, make
 * WF_RULE_METRIC_WORSENING: three, that is two steps down.
 */
#define WF_INSIGHTS_WORSENING 3

const char * const *wf_insights_list_rules (void);
const char         *wf_insights_get_rule_title (const char *rule);

GPtrArray          *wf_insights_find       (WfMap      *map);
GPtrArray          *wf_insights_find_all   (WfDocument *document);

G_END_DECLS
