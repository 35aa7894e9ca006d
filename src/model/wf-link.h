/* wf-link.h — an arrow from one card to another
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-card.h"

G_BEGIN_DECLS

#define WF_TYPE_LINK (wf_link_get_type ())

G_DECLARE_FINAL_TYPE (WfLink, wf_link, WF, LINK, WfItem)

WfLink     *wf_link_new       (const char *id,
                               WfCard     *from,
                               WfCard     *to);
WfCard     *wf_link_get_from  (WfLink     *self);
WfCard     *wf_link_get_to    (WfLink     *self);
const char *wf_link_get_label (WfLink     *self);
void        wf_link_set_label (WfLink     *self,
                               const char *label);

G_END_DECLS
