/* wf-item-list-private.h — the personas, maps, phases or lanes of their owner as a GListModel
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WF_TYPE_ITEM_LIST (wf_item_list_get_type ())

G_DECLARE_FINAL_TYPE (WfItemList, wf_item_list, WF, ITEM_LIST, GObject)

WfItemList *_wf_item_list_new           (GType       item_type,
                                         GPtrArray  *items);
void        _wf_item_list_items_changed (WfItemList *self,
                                         guint       position,
                                         guint       removed,
                                         guint       added);
void        _wf_item_list_moved         (WfItemList *self,
                                         guint       from,
                                         guint       to);
void        _wf_item_list_detach        (WfItemList *self);

G_END_DECLS
