/* wf-journey-member.h — one member of one item, to and from JSON
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-model.h"

G_BEGIN_DECLS

const char * const *wf_journey_member_list     (GType        type);
gboolean            wf_journey_member_is_known (GType        type,
                                                const char  *member);
char               *wf_journey_member_write    (WfItem      *item,
                                                const char  *member);
char               *wf_journey_member_write_item (WfItem    *item);
gboolean            wf_journey_member_read     (WfItem      *item,
                                                const char  *member,
                                                const char  *json,
                                                GError     **error);

G_END_DECLS
