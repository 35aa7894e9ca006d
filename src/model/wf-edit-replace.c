/* wf-edit-replace.c — a document made to hold another's content, as one step
 *
 * Restoring a revision (History) or going back to the saved file
 * (Discard Changes) makes the open document hold what another copy of
 * it holds. wf_edit_replace_content() does that as the difference
 * between the two, item by item, matched by id, through the ordinary
 * edits inside one group of the undo stack: a member that differs is
 * set, an item in another place is moved or reordered, an item only in
 * the copy is added and one only here is removed. What is the same is
 * not touched, so the step is as small as the change: in a team
 * document the journal makes one record of it that sets only what
 * differs (docs/team-library.md, "Restoring a revision"), Undo takes it
 * back, and the canvas keeps the cards it already shows.
 *
 * An item is kept when the copy has one with its id, of its kind, in
 * the map of the same id (a link also between the same cards); anything
 * else with that id here is removed and the copy's added. A link's ends
 * cannot change (they are set when it is made), nor can a link be
 * reordered: a link that must go elsewhere in its map's list is taken
 * out and put back. The members a .journey file keeps but this
 * Wayfinder does not know (wf_item_get_extra()) come with an item that
 * is added; those of a kept item stay as they are.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wf-edit.h"

typedef struct
{
  WfDocument *document;
  WfDocument *source;
  GHashTable *wanted;   /* id → the item of @source with that id */
} Replace;

static void
collect_source (Replace *r)
{
  for (guint i = 0; i < wf_document_get_n_personas (r->source); i++)
    {
      WfPersona *persona = wf_document_get_persona (r->source, i);

      g_hash_table_insert (r->wanted, (gpointer) wf_item_get_id (WF_ITEM (persona)), persona);
    }

  for (guint i = 0; i < wf_document_get_n_maps (r->source); i++)
    {
      WfMap *map = wf_document_get_map (r->source, i);
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      g_ptr_array_add (items, map);
      wf_map_collect_items (map, items);
      for (guint j = 0; j < items->len; j++)
        g_hash_table_insert (r->wanted, (gpointer) wf_item_get_id (items->pdata[j]), items->pdata[j]);
    }
}

static gboolean
same_id (gpointer a,
         gpointer b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strcmp0 (wf_item_get_id (a), wf_item_get_id (b)) == 0;
}

/* The item of the source that @item (of the document) stays as, or
 * NULL if it is to go.
 */
static WfItem *
wanted (Replace *r,
        WfItem  *item)
{
  WfItem *other = g_hash_table_lookup (r->wanted, wf_item_get_id (item));

  /* A persona or a map anywhere in the list; a map's content in the
   * map of the same id. */
  if (other == NULL || G_OBJECT_TYPE (other) != G_OBJECT_TYPE (item) ||
      (!WF_IS_PERSONA (item) && !WF_IS_MAP (item) &&
       !same_id (wf_item_get_parent (other), wf_item_get_parent (item))))
    return NULL;

  if (WF_IS_LINK (item) &&
      (!same_id (wf_link_get_from (WF_LINK (item)), wf_link_get_from (WF_LINK (other))) ||
       !same_id (wf_link_get_to (WF_LINK (item)), wf_link_get_to (WF_LINK (other)))))
    return NULL;

  return other;
}

/* The document's item that @item (of the source) is, or NULL. */
static gpointer
counterpart (Replace *r,
             gpointer item)
{
  WfItem *here;

  if (item == NULL)
    return NULL;

  here = wf_document_lookup (r->document, wf_item_get_id (item));
  if (here == NULL || G_OBJECT_TYPE (here) != G_OBJECT_TYPE (item) || wanted (r, here) != item)
    return NULL;

  return here;
}

/* @item's value of @pspec, an item it names being the document's. */
static void
get_value (Replace    *r,
           WfItem     *item,
           GParamSpec *pspec,
           GValue     *value)
{
  g_value_init (value, pspec->value_type);
  g_object_get_property (G_OBJECT (item), pspec->name, value);

  if (G_VALUE_HOLDS_OBJECT (value) && WF_IS_ITEM (g_value_get_object (value)))
    g_value_set_object (value, counterpart (r, g_value_get_object (value)));
}

static gboolean
is_member (WfItem     *item,
           GParamSpec *pspec)
{
  if (!(pspec->flags & G_PARAM_WRITABLE) || (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
    return FALSE;

  /* The document's dates are the files' to keep. */
  if (WF_IS_DOCUMENT (item))
    return strcmp (pspec->name, "title") == 0 || strcmp (pspec->name, "description") == 0;

  return TRUE;
}

/* Gives @item (of the document) what @from (of the source) holds: as
 * edits if @item is in the document, directly if it is yet to go in.
 */
static void
set_members (Replace *r,
             WfItem  *item,
             WfItem  *from,
             gboolean edit)
{
  guint n;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (from), &n);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!is_member (item, specs[i]))
        continue;

      get_value (r, from, specs[i], &value);
      if (edit)
        wf_edit_set_value (item, specs[i]->name, &value);
      else
        g_object_set_property (G_OBJECT (item), specs[i]->name, &value);
    }
}

/* A persona, phase, lane, card or link as @item (of the source) is,
 * for the document: what it names is the document's.
 */
static WfItem *
copy_item (Replace *r,
           WfItem  *item)
{
  JsonObject *extra = wf_item_get_extra (item);
  WfItem *copy;

  if (WF_IS_LINK (item))
    copy = WF_ITEM (wf_link_new (wf_item_get_id (item),
                                 counterpart (r, wf_link_get_from (WF_LINK (item))),
                                 counterpart (r, wf_link_get_to (WF_LINK (item)))));
  else
    copy = g_object_new (G_OBJECT_TYPE (item), "id", wf_item_get_id (item), NULL);

  set_members (r, copy, item, FALSE);

  if (extra != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), extra);
      g_autoptr(JsonNode) node_copy = json_node_copy (node);

      wf_item_set_extra (copy, json_node_get_object (node_copy));
    }

  return copy;
}

/* A map's content */

/* Links and cards that are to go, before anything is added: an id is
 * then free for what comes. Phases and lanes go once the cards that
 * stay have left them (remove_phases_and_lanes()).
 */
static void
remove_links_and_cards (Replace *r,
                        WfMap   *map)
{
  g_autoptr(GPtrArray) cards = NULL;

  for (guint i = wf_map_get_n_links (map); i > 0; i--)
    {
      WfLink *link = wf_map_get_link (map, i - 1);

      if (wanted (r, WF_ITEM (link)) == NULL)
        wf_edit_remove (link);
    }

  cards = wf_map_list_cards (map);
  for (guint i = 0; i < cards->len; i++)
    if (wanted (r, cards->pdata[i]) == NULL)
      wf_edit_remove (cards->pdata[i]);
}

static void
replace_phases (Replace *r,
                WfMap   *map,
                WfMap   *from)
{
  for (guint i = 0; i < wf_map_get_n_phases (from); i++)
    {
      WfPhase *phase = wf_map_get_phase (from, i);
      WfPhase *here = counterpart (r, phase);

      if (here != NULL)
        {
          set_members (r, WF_ITEM (here), WF_ITEM (phase), TRUE);
          wf_edit_reorder (here, i);
        }
      else
        {
          g_autoptr(WfItem) copy = copy_item (r, WF_ITEM (phase));

          wf_edit_add_phase (map, WF_PHASE (copy), i);
        }
    }
}

static void
replace_lanes (Replace *r,
               WfMap   *map,
               WfMap   *from)
{
  for (guint i = 0; i < wf_map_get_n_lanes (from); i++)
    {
      WfLane *lane = wf_map_get_lane (from, i);
      WfLane *here = counterpart (r, lane);

      if (here != NULL)
        {
          set_members (r, WF_ITEM (here), WF_ITEM (lane), TRUE);
          wf_edit_reorder (here, i);
        }
      else
        {
          g_autoptr(WfItem) copy = copy_item (r, WF_ITEM (lane));

          wf_edit_add_lane (map, WF_LANE (copy), i);
        }
    }
}

/* Each cell of @map gets the cards of @from's, in their order: a card
 * put at its index pushes down what is not yet in place.
 */
static void
replace_cards (Replace *r,
               WfMap   *map,
               WfMap   *from)
{
  for (guint p = 0; p < wf_map_get_n_phases (from); p++)
    for (guint l = 0; l < wf_map_get_n_lanes (from); l++)
      {
        WfPhase *phase = wf_map_get_phase (from, p);
        WfLane *lane = wf_map_get_lane (from, l);
        WfPhase *phase_here = counterpart (r, phase);
        WfLane *lane_here = counterpart (r, lane);
        GPtrArray *cell = wf_map_get_cell (from, phase, lane);

        if (phase_here == NULL || lane_here == NULL)
          continue;

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            WfCard *card = g_ptr_array_index (cell, i);
            WfCard *here = counterpart (r, card);

            if (here != NULL)
              {
                wf_edit_move_card (here, phase_here, lane_here, i);
                set_members (r, WF_ITEM (here), WF_ITEM (card), TRUE);
              }
            else
              {
                g_autoptr(WfItem) copy = copy_item (r, WF_ITEM (card));

                wf_edit_add_card (map, WF_CARD (copy), phase_here, lane_here, i);
              }
          }
      }
}

static void
remove_phases_and_lanes (Replace *r,
                         WfMap   *map)
{
  for (guint i = wf_map_get_n_phases (map); i > 0; i--)
    {
      WfPhase *phase = wf_map_get_phase (map, i - 1);

      if (wanted (r, WF_ITEM (phase)) == NULL)
        wf_edit_remove (phase);
    }

  for (guint i = wf_map_get_n_lanes (map); i > 0; i--)
    {
      WfLane *lane = wf_map_get_lane (map, i - 1);

      if (wanted (r, WF_ITEM (lane)) == NULL)
        wf_edit_remove (lane);
    }
}

/* The links of @from, in its order; one of ours out of place is taken
 * out and put back at its index.
 */
static void
replace_links (Replace *r,
               WfMap   *map,
               WfMap   *from)
{
  for (guint i = 0; i < wf_map_get_n_links (from); i++)
    {
      WfLink *link = wf_map_get_link (from, i);
      WfLink *here = counterpart (r, link);

      if (here != NULL)
        {
          if (wf_map_get_link_index (map, here) != (int) i)
            {
              g_autoptr(WfLink) held = g_object_ref (here);

              wf_edit_remove (held);
              wf_edit_add_link (map, held, i);
            }
          set_members (r, WF_ITEM (here), WF_ITEM (link), TRUE);
        }
      else if (counterpart (r, wf_link_get_from (link)) != NULL &&
               counterpart (r, wf_link_get_to (link)) != NULL)
        {
          g_autoptr(WfItem) copy = copy_item (r, WF_ITEM (link));

          wf_edit_add_link (map, WF_LINK (copy), i);
        }
    }
}

static void
replace_map (Replace *r,
             WfMap   *map,
             WfMap   *from)
{
  set_members (r, WF_ITEM (map), WF_ITEM (from), TRUE);
  replace_phases (r, map, from);
  replace_lanes (r, map, from);
  replace_cards (r, map, from);
  remove_phases_and_lanes (r, map);
  replace_links (r, map, from);
}

/* A map only in the source comes whole; its lanes name the document's
 * personas.
 */
static void
take_map (Replace *r,
          WfMap   *from,
          guint    index)
{
  g_autoptr(WfMap) map = g_object_ref (from);

  wf_document_remove_map (r->source, map);
  for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
    {
      WfLane *lane = wf_map_get_lane (map, l);

      wf_lane_set_persona (lane, counterpart (r, wf_lane_get_persona (lane)));
    }

  wf_edit_add_map (r->document, map, index);
}

/**
 * wf_edit_replace_content:
 * @document: the document to change
 * @source: a document whose personas and maps @document is to hold;
 *   it is left empty
 * @label: the label of the undo step
 *
 * Makes @document hold what @source holds — title, description,
 * personas and maps — as one step of the undo stack, as when an earlier
 * revision is restored. Only what differs changes: items are matched by
 * id, and each member, place and item that differs is set, moved, added
 * or removed with the ordinary edits. @document's items that stay are
 * still the same objects. The step never merges with the one before or
 * after it; if nothing differs, there is none.
 */
void
wf_edit_replace_content (WfDocument *document,
                         WfDocument *source,
                         const char *label)
{
  g_autoptr(GPtrArray) maps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) personas = g_ptr_array_new_with_free_func (g_object_unref);
  Replace r = { document, source, NULL };
  WfUndoStack *stack;

  g_return_if_fail (WF_IS_DOCUMENT (document));
  g_return_if_fail (WF_IS_DOCUMENT (source));
  g_return_if_fail (document != source);

  r.wanted = g_hash_table_new (g_str_hash, g_str_equal);
  collect_source (&r);

  /* A step of its own: a restore that only sets a title must not fold
   * into the title being typed, nor typing after it into the restore. */
  stack = wf_document_get_undo_stack (document);
  wf_undo_stack_seal (stack);
  wf_undo_stack_begin (stack, label);

  /* What goes first, so that its ids are free. */
  for (guint i = wf_document_get_n_maps (document); i > 0; i--)
    {
      WfMap *map = wf_document_get_map (document, i - 1);

      if (wanted (&r, WF_ITEM (map)) == NULL)
        wf_edit_remove (map);
      else
        remove_links_and_cards (&r, map);
    }

  set_members (&r, WF_ITEM (document), WF_ITEM (source), TRUE);

  /* Personas before maps: lanes name them. Those that go, last: by then
   * no lane does. */
  for (guint i = 0; i < wf_document_get_n_personas (source); i++)
    g_ptr_array_add (personas, g_object_ref (wf_document_get_persona (source, i)));
  for (guint i = 0; i < personas->len; i++)
    {
      WfPersona *persona = g_ptr_array_index (personas, i);
      WfPersona *here = counterpart (&r, persona);

      if (here != NULL)
        {
          set_members (&r, WF_ITEM (here), WF_ITEM (persona), TRUE);
          wf_edit_reorder (here, i);
        }
      else
        {
          g_autoptr(WfItem) copy = copy_item (&r, WF_ITEM (persona));

          wf_edit_add_persona (document, WF_PERSONA (copy), i);
        }
    }

  for (guint i = 0; i < wf_document_get_n_maps (source); i++)
    g_ptr_array_add (maps, g_object_ref (wf_document_get_map (source, i)));
  for (guint i = 0; i < maps->len; i++)
    {
      WfMap *map = g_ptr_array_index (maps, i);
      WfMap *here = counterpart (&r, map);

      if (here != NULL)
        {
          replace_map (&r, here, map);
          wf_edit_reorder (here, i);
        }
      else
        take_map (&r, map, i);
    }

  for (guint i = wf_document_get_n_personas (document); i > personas->len; i--)
    wf_edit_remove (wf_document_get_persona (document, i - 1));

  wf_undo_stack_end (stack);
  wf_undo_stack_seal (stack);
  g_hash_table_unref (r.wanted);

  /* What the document did not take. */
  while (wf_document_get_n_maps (source) > 0)
    wf_document_remove_map (source, wf_document_get_map (source, 0));
  while (wf_document_get_n_personas (source) > 0)
    wf_document_remove_persona (source, wf_document_get_persona (source, 0));
}
