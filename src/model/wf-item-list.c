/* wf-item-list.c — the personas, maps, phases or lanes of their owner as a GListModel
 *
 * A view over the array in which a document keeps its personas or maps,
 * or a map its phases or lanes: the owner changes the array and then
 * says what changed, so that lists in the interface can be bound to it
 * and follow every edit, undo and redo. The list holds no reference to
 * its owner; an owner that goes away detaches it, and the list is empty
 * from then on.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-item-list-private.h"

struct _WfItemList
{
  GObject    parent_instance;
  GType      item_type;
  GPtrArray *items;      /* the owner's, nullable once detached */
};

static GType
wf_item_list_get_item_type (GListModel *model)
{
  return WF_ITEM_LIST (model)->item_type;
}

static guint
wf_item_list_get_n_items (GListModel *model)
{
  WfItemList *self = WF_ITEM_LIST (model);

  return self->items ? self->items->len : 0;
}

static gpointer
wf_item_list_get_item (GListModel *model,
                       guint       position)
{
  WfItemList *self = WF_ITEM_LIST (model);

  if (self->items == NULL || position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
wf_item_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = wf_item_list_get_item_type;
  iface->get_n_items = wf_item_list_get_n_items;
  iface->get_item = wf_item_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (WfItemList, wf_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, wf_item_list_model_init))

static void
wf_item_list_class_init (WfItemListClass *klass)
{
}

static void
wf_item_list_init (WfItemList *self)
{
}

/**
 * _wf_item_list_new:
 * @item_type: the type of the items
 * @items: (element-type GObject): the owner's array, which it keeps
 *   until it calls _wf_item_list_detach()
 *
 * Returns: (transfer full): a list model showing @items
 */
WfItemList *
_wf_item_list_new (GType      item_type,
                   GPtrArray *items)
{
  WfItemList *self = g_object_new (WF_TYPE_ITEM_LIST, NULL);

  self->item_type = item_type;
  self->items = items;

  return self;
}

/* The owner changed its array: @removed items at @position went, and
 * @added items are there now.
 */
void
_wf_item_list_items_changed (WfItemList *self,
                             guint       position,
                             guint       removed,
                             guint       added)
{
  g_return_if_fail (WF_IS_ITEM_LIST (self));

  if (self->items != NULL)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* The owner moved the item at @from to @to: every place in between
 * holds another item now.
 */
void
_wf_item_list_moved (WfItemList *self,
                     guint       from,
                     guint       to)
{
  guint first = MIN (from, to);
  guint n = MAX (from, to) - first + 1;

  g_return_if_fail (WF_IS_ITEM_LIST (self));

  if (from != to)
    _wf_item_list_items_changed (self, first, n, n);
}

/* The owner goes away: the list forgets its array and is empty. */
void
_wf_item_list_detach (WfItemList *self)
{
  guint n;

  g_return_if_fail (WF_IS_ITEM_LIST (self));

  if (self->items == NULL)
    return;

  n = self->items->len;
  self->items = NULL;
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}
