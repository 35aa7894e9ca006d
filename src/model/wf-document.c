/* wf-document.c — a journey document: personas and maps
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wf-document-private.h"
#include "wf-item-list-private.h"
#include "wf-item-private.h"
#include "wf-undo-stack-private.h"

struct _WfDocument
{
  WfItem       parent_instance;
  char        *title;
  char        *description;
  char        *created;      /* nullable: ISO 8601 */
  char        *modified;     /* nullable: ISO 8601 */
  GPtrArray   *personas;
  GPtrArray   *maps;
  WfItemList  *persona_list; /* views of the two arrays above */
  WfItemList  *map_list;
  GHashTable  *ids;          /* id → WfItem, unowned */
  WfUndoStack *undo_stack;
  guint        next_id;
  char        *id_tag;       /* nullable: the team client's, for new ids */
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  ITEM_ADDED,
  ITEM_REMOVED,
  ITEM_CHANGED,
  ITEM_MOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WfDocument, wf_document, WF_TYPE_ITEM)

static gboolean
is_id_tag (const char *tag)
{
  gsize len = strspn (tag, "abcdefghijklmnopqrstuvwxyz0123456789");

  return len >= 1 && len <= 16 && tag[len] == '\0';
}

static void
attach_tree (WfDocument *self,
             WfItem     *item,
             gboolean    attach)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_ptr_array_add (items, item);
  if (WF_IS_MAP (item))
    wf_map_collect_items (WF_MAP (item), items);

  for (guint i = 0; i < items->len; i++)
    {
      if (attach)
        _wf_document_register (self, g_ptr_array_index (items, i));
      else
        _wf_document_unregister (self, g_ptr_array_index (items, i));
    }
}

static gboolean
can_attach_tree (WfDocument *self,
                 WfItem     *item)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_add (children, item);
  if (WF_IS_MAP (item))
    wf_map_collect_items (WF_MAP (item), children);

  for (guint i = 0; i < children->len; i++)
    {
      WfItem *child = g_ptr_array_index (children, i);
      const char *id = wf_item_get_id (child);

      if (!_wf_document_can_register (self, child) ||
          !g_hash_table_add (seen, (gpointer) id))
        {
          g_critical ("An item with id “%s” is already in the document", id);
          return FALSE;
        }
    }

  return TRUE;
}

static WfItemList *
list_of (WfDocument *self,
         GPtrArray  *array)
{
  g_assert (array == self->personas || array == self->maps);

  return array == self->personas ? self->persona_list : self->map_list;
}

static gboolean
insert_top (WfDocument *self,
            GPtrArray  *array,
            WfItem     *item,
            int         index)
{
  g_return_val_if_fail (wf_item_get_parent (item) == NULL, FALSE);

  if (!can_attach_tree (self, item))
    return FALSE;

  if (index < 0 || (guint) index > array->len)
    index = array->len;

  g_ptr_array_insert (array, index, g_object_ref (item));
  wf_item_set_parent (item, WF_ITEM (self));
  attach_tree (self, item, TRUE);
  _wf_item_list_items_changed (list_of (self, array), index, 0, 1);
  g_signal_emit (self, signals[ITEM_ADDED], 0, item);

  return TRUE;
}

static void
remove_top (WfDocument *self,
            GPtrArray  *array,
            WfItem     *item)
{
  g_autoptr(WfItem) hold = g_object_ref (item);
  guint index;

  if (!g_ptr_array_find (array, item, &index))
    g_return_if_reached ();

  g_ptr_array_remove_index (array, index);
  wf_item_set_parent (item, NULL);
  attach_tree (self, item, FALSE);
  _wf_item_list_items_changed (list_of (self, array), index, 1, 0);
  g_signal_emit (self, signals[ITEM_REMOVED], 0, item, self);
}

static void
move_top (WfDocument *self,
          GPtrArray  *array,
          WfItem     *item,
          guint       index)
{
  guint old_index;

  if (!g_ptr_array_find (array, item, &old_index))
    g_return_if_reached ();
  g_return_if_fail (index < array->len);

  if (old_index == index)
    return;

  g_ptr_array_steal_index (array, old_index);
  g_ptr_array_insert (array, index, item);
  _wf_item_list_moved (list_of (self, array), old_index, index);
  g_signal_emit (self, signals[ITEM_MOVED], 0, item);
}

static void
wf_document_dispose (GObject *object)
{
  WfDocument *self = WF_DOCUMENT (object);

  g_clear_object (&self->undo_stack);

  /* A list still bound somewhere outlives the arrays it shows. */
  if (self->persona_list != NULL)
    _wf_item_list_detach (self->persona_list);
  if (self->map_list != NULL)
    _wf_item_list_detach (self->map_list);
  g_clear_object (&self->persona_list);
  g_clear_object (&self->map_list);

  G_OBJECT_CLASS (wf_document_parent_class)->dispose (object);
}

static void
wf_document_finalize (GObject *object)
{
  WfDocument *self = WF_DOCUMENT (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->maps, g_ptr_array_unref);
  g_clear_pointer (&self->personas, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->id_tag, g_free);

  G_OBJECT_CLASS (wf_document_parent_class)->finalize (object);
}

static void
wf_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WfDocument *self = WF_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_CREATED:
      g_value_set_string (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_string (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WfDocument *self = WF_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      wf_document_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      wf_document_set_description (self, g_value_get_string (value));
      break;

    case PROP_CREATED:
      wf_document_set_created (self, g_value_get_string (value));
      break;

    case PROP_MODIFIED:
      wf_document_set_modified (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_document_class_init (WfDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wf_document_dispose;
  object_class->finalize = wf_document_finalize;
  object_class->get_property = wf_document_get_property;
  object_class->set_property = wf_document_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREATED] =
    g_param_spec_string ("created", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODIFIED] =
    g_param_spec_string ("modified", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WfDocument::item-added:
   * @item: the persona, map, phase, lane, card or link that was added
   *
   * A map is announced once, with everything it holds.
   */
  signals[ITEM_ADDED] =
    g_signal_new ("item-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WF_TYPE_ITEM);

  /**
   * WfDocument::item-removed:
   * @item: the item that was removed
   * @parent: the map or document that held it
   */
  signals[ITEM_REMOVED] =
    g_signal_new ("item-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, WF_TYPE_ITEM, WF_TYPE_ITEM);

  /**
   * WfDocument::item-changed:
   * @item: the item (or the document itself)
   * @pspec: the property that changed
   *
   * Detailed by the property name, as #GObject::notify is.
   */
  signals[ITEM_CHANGED] =
    g_signal_new ("item-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, WF_TYPE_ITEM, G_TYPE_PARAM);

  /**
   * WfDocument::item-moved:
   * @item: a card that changed cell or place in its cell, or a persona,
   *   map, phase or lane that changed place
   */
  signals[ITEM_MOVED] =
    g_signal_new ("item-moved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WF_TYPE_ITEM);
}

static void
wf_document_init (WfDocument *self)
{
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->personas = g_ptr_array_new_with_free_func (g_object_unref);
  self->maps = g_ptr_array_new_with_free_func (g_object_unref);
  self->persona_list = _wf_item_list_new (WF_TYPE_PERSONA, self->personas);
  self->map_list = _wf_item_list_new (WF_TYPE_MAP, self->maps);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->undo_stack = _wf_undo_stack_new (self);

  wf_item_attach (WF_ITEM (self), self);
}

/**
 * wf_document_new:
 *
 * Returns: (transfer full): an empty document
 */
WfDocument *
wf_document_new (void)
{
  return g_object_new (WF_TYPE_DOCUMENT, NULL);
}

/**
 * wf_document_get_undo_stack:
 *
 * Returns: (transfer none): the one undo stack every change goes through
 */
WfUndoStack *
wf_document_get_undo_stack (WfDocument *self)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);

  return self->undo_stack;
}

const char *
wf_document_get_title (WfDocument *self)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);

  return self->title;
}

void
wf_document_set_title (WfDocument *self,
                       const char *title)
{
  g_return_if_fail (WF_IS_DOCUMENT (self));

  wf_item_set_string (WF_ITEM (self), &self->title, title, properties[PROP_TITLE]);
}

const char *
wf_document_get_description (WfDocument *self)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);

  return self->description;
}

void
wf_document_set_description (WfDocument *self,
                             const char *description)
{
  g_return_if_fail (WF_IS_DOCUMENT (self));

  wf_item_set_string (WF_ITEM (self), &self->description, description,
                      properties[PROP_DESCRIPTION]);
}

static void
set_timestamp (WfDocument  *self,
               char       **field,
               const char  *value,
               GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/**
 * wf_document_get_created:
 *
 * Returns: (nullable): when the document was made, as ISO 8601
 */
const char *
wf_document_get_created (WfDocument *self)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);

  return self->created;
}

void
wf_document_set_created (WfDocument *self,
                         const char *created)
{
  g_return_if_fail (WF_IS_DOCUMENT (self));

  set_timestamp (self, &self->created, created, properties[PROP_CREATED]);
}

/**
 * wf_document_get_modified:
 *
 * Returns: (nullable): when the document was last saved changed, as ISO 8601
 */
const char *
wf_document_get_modified (WfDocument *self)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);

  return self->modified;
}

void
wf_document_set_modified (WfDocument *self,
                          const char *modified)
{
  g_return_if_fail (WF_IS_DOCUMENT (self));

  set_timestamp (self, &self->modified, modified, properties[PROP_MODIFIED]);
}

/**
 * wf_document_touch:
 *
 * Sets the modification time to now, and the creation time too if the
 * document has none.
 */
void
wf_document_touch (WfDocument *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;

  g_return_if_fail (WF_IS_DOCUMENT (self));

  now = g_date_time_new_now_utc ();
  stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  if (self->created == NULL)
    wf_document_set_created (self, stamp);
  wf_document_set_modified (self, stamp);
}

/* Personas */

guint
wf_document_get_n_personas (WfDocument *self)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), 0);

  return self->personas->len;
}

/**
 * wf_document_get_persona:
 *
 * Returns: (transfer none): the persona at @index
 */
WfPersona *
wf_document_get_persona (WfDocument *self,
                         guint       index)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->personas->len, NULL);

  return g_ptr_array_index (self->personas, index);
}

int
wf_document_get_persona_index (WfDocument *self,
                               WfPersona  *persona)
{
  guint index;

  g_return_val_if_fail (WF_IS_DOCUMENT (self), -1);

  if (g_ptr_array_find (self->personas, persona, &index))
    return index;

  return -1;
}

gboolean
wf_document_insert_persona (WfDocument *self,
                            WfPersona  *persona,
                            int         index)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (WF_IS_PERSONA (persona), FALSE);

  return insert_top (self, self->personas, WF_ITEM (persona), index);
}

/**
 * wf_document_remove_persona:
 *
 * Removes a persona that no lane belongs to.
 */
void
wf_document_remove_persona (WfDocument *self,
                            WfPersona  *persona)
{
  g_return_if_fail (WF_IS_DOCUMENT (self));
  g_return_if_fail (WF_IS_PERSONA (persona));
  g_return_if_fail (!wf_document_persona_in_use (self, persona));

  remove_top (self, self->personas, WF_ITEM (persona));
}

void
wf_document_move_persona (WfDocument *self,
                          WfPersona  *persona,
                          guint       index)
{
  g_return_if_fail (WF_IS_DOCUMENT (self));
  g_return_if_fail (WF_IS_PERSONA (persona));

  move_top (self, self->personas, WF_ITEM (persona), index);
}

/**
 * wf_document_get_personas_model:
 *
 * The personas in their order, as a list that follows every change:
 * adding, removing and moving a persona, and their undo and redo.
 *
 * Returns: (transfer none): a #GListModel of #WfPersona
 */
GListModel *
wf_document_get_personas_model (WfDocument *self)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->persona_list);
}

/**
 * wf_document_persona_in_use:
 *
 * Returns: %TRUE if a lane of any map belongs to @persona
 */
gboolean
wf_document_persona_in_use (WfDocument *self,
                            WfPersona  *persona)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), FALSE);

  for (guint m = 0; m < self->maps->len; m++)
    {
      WfMap *map = g_ptr_array_index (self->maps, m);

      for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
        {
          if (wf_lane_get_persona (wf_map_get_lane (map, l)) == persona)
            return TRUE;
        }
    }

  return FALSE;
}

/* Maps */

guint
wf_document_get_n_maps (WfDocument *self)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), 0);

  return self->maps->len;
}

/**
 * wf_document_count_cards:
 *
 * Returns: how many cards all the maps hold together
 */
guint
wf_document_count_cards (WfDocument *self)
{
  guint n = 0;

  g_return_val_if_fail (WF_IS_DOCUMENT (self), 0);

  for (guint i = 0; i < self->maps->len; i++)
    n += wf_map_get_n_cards (g_ptr_array_index (self->maps, i));

  return n;
}

/**
 * wf_document_get_map:
 *
 * Returns: (transfer none): the map at @index
 */
WfMap *
wf_document_get_map (WfDocument *self,
                     guint       index)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->maps->len, NULL);

  return g_ptr_array_index (self->maps, index);
}

int
wf_document_get_map_index (WfDocument *self,
                           WfMap      *map)
{
  guint index;

  g_return_val_if_fail (WF_IS_DOCUMENT (self), -1);

  if (g_ptr_array_find (self->maps, map, &index))
    return index;

  return -1;
}

/**
 * wf_document_insert_map:
 * @map: a map, with or without content
 * @index: the position, or -1 to append
 *
 * Returns: %FALSE if an id of the map is already in the document
 */
gboolean
wf_document_insert_map (WfDocument *self,
                        WfMap      *map,
                        int         index)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (WF_IS_MAP (map), FALSE);

  return insert_top (self, self->maps, WF_ITEM (map), index);
}

void
wf_document_remove_map (WfDocument *self,
                        WfMap      *map)
{
  g_return_if_fail (WF_IS_DOCUMENT (self));
  g_return_if_fail (WF_IS_MAP (map));

  remove_top (self, self->maps, WF_ITEM (map));
}

void
wf_document_move_map (WfDocument *self,
                      WfMap      *map,
                      guint       index)
{
  g_return_if_fail (WF_IS_DOCUMENT (self));
  g_return_if_fail (WF_IS_MAP (map));

  move_top (self, self->maps, WF_ITEM (map), index);
}

/**
 * wf_document_get_maps_model:
 *
 * The maps in their order, as a list that follows every change: adding,
 * removing and moving a map, and their undo and redo.
 *
 * Returns: (transfer none): a #GListModel of #WfMap
 */
GListModel *
wf_document_get_maps_model (WfDocument *self)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->map_list);
}

/* Ids */

/**
 * wf_document_lookup:
 *
 * Returns: (transfer none) (nullable): the item with @id
 */
WfItem *
wf_document_lookup (WfDocument *self,
                    const char *id)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);

  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->ids, id);
}

/**
 * wf_document_make_id:
 * @prefix: a short prefix, such as "card"
 *
 * Makes an id from @prefix and a counter of the document, followed by
 * "-" and the document's id tag if it has one: "card14", "card14-k3".
 *
 * Returns: (transfer full): an id no item of the document has
 */
char *
wf_document_make_id (WfDocument *self,
                     const char *prefix)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);

  for (;;)
    {
      char *id = self->id_tag != NULL
        ? g_strdup_printf ("%s%u-%s", prefix, ++self->next_id, self->id_tag)
        : g_strdup_printf ("%s%u", prefix, ++self->next_id);

      if (!g_hash_table_contains (self->ids, id))
        return id;

      g_free (id);
    }
}

/**
 * wf_document_set_id_tag:
 * @tag: (nullable): one to sixteen of a-z and 0-9, or %NULL for none
 *
 * Sets what wf_document_make_id() puts after the ids it makes from now
 * on: in a team document, the tag the server gave this client, so that
 * two clients never make the same id (docs/team-library.md, "Ids").
 * Ids already made stay as they are. The tag belongs to the client, not
 * to the document: files do not hold it.
 */
void
wf_document_set_id_tag (WfDocument *self,
                        const char *tag)
{
  g_return_if_fail (WF_IS_DOCUMENT (self));
  g_return_if_fail (tag == NULL || is_id_tag (tag));

  g_free (self->id_tag);
  self->id_tag = g_strdup (tag);
}

/**
 * wf_document_get_id_tag:
 *
 * Returns: (nullable): what wf_document_make_id() puts after new ids
 */
const char *
wf_document_get_id_tag (WfDocument *self)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (self), NULL);

  return self->id_tag;
}

gboolean
_wf_document_can_register (WfDocument *self,
                           WfItem     *item)
{
  const char *id = wf_item_get_id (item);

  return id != NULL && !g_hash_table_contains (self->ids, id);
}

void
_wf_document_register (WfDocument *self,
                       WfItem     *item)
{
  g_hash_table_insert (self->ids, (gpointer) wf_item_get_id (item), item);
  wf_item_attach (item, self);
}

void
_wf_document_unregister (WfDocument *self,
                         WfItem     *item)
{
  g_hash_table_remove (self->ids, wf_item_get_id (item));
  wf_item_attach (item, NULL);
}

void
_wf_document_item_added (WfDocument *self,
                         WfItem     *item)
{
  g_signal_emit (self, signals[ITEM_ADDED], 0, item);
}

void
_wf_document_item_removed (WfDocument *self,
                           WfItem     *item,
                           WfItem     *parent)
{
  g_signal_emit (self, signals[ITEM_REMOVED], 0, item, parent);
}

void
_wf_document_item_moved (WfDocument *self,
                         WfItem     *item)
{
  g_signal_emit (self, signals[ITEM_MOVED], 0, item);
}

void
_wf_document_item_changed (WfDocument *self,
                           WfItem     *item,
                           GParamSpec *pspec)
{
  g_signal_emit (self, signals[ITEM_CHANGED], g_param_spec_get_name_quark (pspec),
                 item, pspec);
}
