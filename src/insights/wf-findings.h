/* wf-findings.h — the findings of a map, kept up to date as it is edited
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wf-insights.h"

G_BEGIN_DECLS

#define WF_TYPE_FINDINGS (wf_findings_get_type ())

G_DECLARE_FINAL_TYPE (WfFindings, wf_findings, WF, FINDINGS, GObject)

WfFindings *wf_findings_new       (void);
WfMap      *wf_findings_get_map   (WfFindings *self);
void        wf_findings_set_map   (WfFindings *self,
                                   WfMap      *map);
void        wf_findings_refresh   (WfFindings *self);
gboolean    wf_findings_get_show_dismissed (WfFindings *self);
void        wf_findings_set_show_dismissed (WfFindings *self,
                                            gboolean    show);
guint       wf_findings_get_n_dismissed    (WfFindings *self);
gboolean    wf_findings_is_stale  (WfFindings *self);

G_END_DECLS
