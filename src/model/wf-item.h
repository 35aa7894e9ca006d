/* wf-item.h — the base of everything a journey document holds
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define WF_TYPE_ITEM (wf_item_get_type ())

G_DECLARE_DERIVABLE_TYPE (WfItem, wf_item, WF, ITEM, GObject)

struct _WfItemClass
{
  GObjectClass parent_class;
};

typedef struct _WfDocument WfDocument;

const char *wf_item_get_id        (WfItem      *self);
WfDocument *wf_item_get_document  (WfItem      *self);
WfItem     *wf_item_get_parent    (WfItem      *self);
JsonObject *wf_item_get_extra     (WfItem      *self);
void        wf_item_set_extra     (WfItem      *self,
                                   JsonObject  *extra);

G_END_DECLS
