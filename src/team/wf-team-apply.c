/* wf-team-apply.c — a change from the team's log, applied to an open document
 *
 * A change in the log says what became of each member it touched, with
 * the server's outcome per op (docs/team-library.md, "Applying remote
 * changes to an open document"). It is carried out with the model's own
 * functions, which emit the usual signals, between
 * wf_undo_stack_begin_remote() and _end_remote(): nothing enters the undo
 * stack and the journal does not send it back. The versions and keys it
 * brings, the applied seq and the conflicts are kept by the journal and
 * written with the autosave's next transaction, together with the rows
 * the change touched.
 *
 * Another client's applied op is held back where the member is pending
 * here: our own record for it comes back as a conflict carrying the value
 * to show. Our own records end the pending state; a conflict brings the
 * value that was kept. An op on an item that is not here (a pending step
 * of ours removed it) is skipped.
 *
 * The index of an item put somewhere is the place of its key among its
 * siblings' (key, id), so the model's order stays that order.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "storage/wf-journey-member.h"
#include "storage/wf-sqlite.h"
#include "wf-team-apply.h"
#include "wf-team-journal-private.h"

typedef struct
{
  WfTeamJournal      *journal;
  WfDocument         *document;
  const WfTeamChange *change;
  gboolean            own;
  gboolean            state;     /* a state read instead of the log */
  GHashTable         *back;      /* nullable: ids a restore of ours brought back */
} Apply;

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static WfItem *
lookup (Apply      *a,
        const char *id)
{
  if (id == NULL)
    return NULL;
  if (*id == '\0')
    return WF_ITEM (a->document);

  return wf_document_lookup (a->document, id);
}

static const char *
id_of (WfItem *item)
{
  return WF_IS_DOCUMENT (item) ? "" : wf_item_get_id (item);
}

/* Members that are not an item's own in the model: a card's place. */
static gboolean
is_place_member (WfItem     *item,
                 const char *member)
{
  return WF_IS_CARD (item) && (strcmp (member, "phase") == 0 || strcmp (member, "lane") == 0);
}

/* Whether the log has @persona at the place we are reading it: here,
 * and not only by an add of ours that has not come back yet (an undone
 * removal), which the server takes after what we read now.
 */
static gboolean
is_known_persona (Apply      *a,
                  const char *persona)
{
  return WF_IS_PERSONA (wf_document_lookup (a->document, persona)) &&
         !wf_team_journal_is_pending (a->journal, persona, "@item");
}

/* A phase's figures for personas that are not here are left out: the
 * server does not take them along when a persona is removed (someone
 * may have set them at once), and the model keeps none without it. A
 * persona here only by a pending add of ours is not here yet: the
 * others leave its figures out too, and its add does not bring them.
 */
static JsonNode *
known_personas_only (Apply    *a,
                     JsonNode *value)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *persona;
  JsonNode *figures;
  JsonNode *copy;

  if (!JSON_NODE_HOLDS_OBJECT (value))
    return json_node_ref (value);

  copy = json_node_init_object (json_node_alloc (), json_object_new ());
  object = json_node_get_object (copy);
  json_object_unref (object);
  json_object_iter_init_ordered (&iter, json_node_get_object (value));
  while (json_object_iter_next_ordered (&iter, &persona, &figures))
    if (is_known_persona (a, persona))
      json_object_set_member (object, persona, json_node_copy (figures));

  if (json_object_get_size (object) == 0)
    {
      json_node_unref (copy);
      return json_node_init_null (json_node_alloc ());
    }

  return copy;
}

/* Sets one member from its JSON value; one this Wayfinder does not know
 * is kept in the item's extra, as a file's would be.
 */
static void
set_member (Apply      *a,
            WfItem     *item,
            const char *member,
            JsonNode   *value)
{
  g_autoptr(GError) error = NULL;

  if (is_place_member (item, member))
    return;

  if (wf_journey_member_is_known (G_OBJECT_TYPE (item), member))
    {
      g_autoptr(JsonNode) known = WF_IS_PHASE (item) && strcmp (member, "persona_metrics") == 0 ?
                                  known_personas_only (a, value) : json_node_ref (value);
      g_autofree char *json = json_to_string (known, FALSE);

      /* A value that names an item not here (a lane's persona that a
       * pending step of ours removed) is skipped: our step's answer
       * takes what depends on it along. */
      if (!wf_journey_member_read (item, member, json, &error))
        g_debug ("Not applied, %s of %s: %s", member, id_of (item), error->message);
    }
  else
    {
      JsonObject *old = wf_item_get_extra (item);
      g_autoptr(JsonObject) extra = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      if (old != NULL)
        {
          json_object_iter_init_ordered (&iter, old);
          while (json_object_iter_next_ordered (&iter, &name, &node))
            json_object_set_member (extra, name, json_node_copy (node));
        }
      json_object_set_member (extra, member, json_node_copy (value));
      wf_item_set_extra (item, extra);

      /* The extra has no signal of its own: the item's row is written
       * again when a member of it is announced. */
      g_object_notify (G_OBJECT (item), wf_journey_member_list (G_OBJECT_TYPE (item))[0]);
    }
}

/* Sets every member of @value, and the unknown ones as the extra. */
static void
set_value (Apply      *a,
           WfItem     *item,
           JsonObject *value)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, value);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (is_place_member (item, name))
        continue;
      if (wf_journey_member_is_known (G_OBJECT_TYPE (item), name))
        set_member (a, item, name, node);
      else
        json_object_set_member (extra, name, json_node_copy (node));
    }

  wf_item_set_extra (item, json_object_get_size (extra) > 0 ? extra : NULL);
}

/* As set_value(), but a member pending here is held back. */
static void
set_value_held (Apply      *a,
                WfItem     *item,
                JsonObject *value)
{
  g_autoptr(JsonObject) kept = json_object_new ();
  JsonObject *extra = wf_item_get_extra (item);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, value);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!wf_team_journal_is_pending (a->journal, id_of (item), name))
      json_object_set_member (kept, name, json_node_copy (node));
    else if (!wf_journey_member_is_known (G_OBJECT_TYPE (item), name) && extra != NULL &&
             json_object_has_member (extra, name))
      json_object_set_member (kept, name, json_node_copy (json_object_get_member (extra, name)));

  set_value (a, item, kept);
}

/* Places */

/* The list @item belongs in, given its card's target cell. */
static GPtrArray *
siblings_of (Apply   *a,
             WfItem  *item,
             WfMap   *map,
             WfPhase *phase,
             WfLane  *lane)
{
  GPtrArray *list = g_ptr_array_new ();

  if (WF_IS_PERSONA (item))
    for (guint i = 0; i < wf_document_get_n_personas (a->document); i++)
      g_ptr_array_add (list, wf_document_get_persona (a->document, i));
  else if (WF_IS_MAP (item))
    for (guint i = 0; i < wf_document_get_n_maps (a->document); i++)
      g_ptr_array_add (list, wf_document_get_map (a->document, i));
  else if (WF_IS_PHASE (item))
    for (guint i = 0; i < wf_map_get_n_phases (map); i++)
      g_ptr_array_add (list, wf_map_get_phase (map, i));
  else if (WF_IS_LANE (item))
    for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
      g_ptr_array_add (list, wf_map_get_lane (map, i));
  else if (WF_IS_LINK (item))
    for (guint i = 0; i < wf_map_get_n_links (map); i++)
      g_ptr_array_add (list, wf_map_get_link (map, i));
  else if (WF_IS_CARD (item))
    {
      GPtrArray *cell = wf_map_get_cell (map, phase, lane);

      for (guint i = 0; cell != NULL && i < cell->len; i++)
        g_ptr_array_add (list, g_ptr_array_index (cell, i));
    }

  g_ptr_array_remove (list, item);

  return list;
}

static int
compare_places (const char *key_a,
                const char *id_a,
                const char *key_b,
                const char *id_b)
{
  int cmp = strcmp (key_a ? key_a : "", key_b ? key_b : "");

  return cmp != 0 ? cmp : strcmp (id_a, id_b);
}

/* Where an item with @key and @id goes among @siblings (itself not
 * among them): after every sibling ordered before it.
 */
static int
index_for (Apply      *a,
           GPtrArray  *siblings,
           const char *key,
           const char *id)
{
  int index = 0;

  for (guint i = 0; i < siblings->len; i++)
    {
      const char *sibling = wf_item_get_id (g_ptr_array_index (siblings, i));
      WfTeamItemState *team = _wf_team_journal_lookup (a->journal, sibling);

      if (compare_places (team ? team->pos : NULL, sibling, key, id) < 0)
        index = i + 1;
    }

  return index;
}

/* Moves @item to its place by @key (and for a card into the cell of
 * @phase and @lane). */
static void
place (Apply      *a,
       WfItem     *item,
       const char *key,
       WfPhase    *phase,
       WfLane     *lane)
{
  WfItem *parent = wf_item_get_parent (item);
  WfMap *map = WF_IS_MAP (parent) ? WF_MAP (parent) : NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  int index;

  _wf_team_journal_set_key (a->journal, wf_item_get_id (item), key);

  siblings = siblings_of (a, item, map, phase, lane);
  index = index_for (a, siblings, key, wf_item_get_id (item));

  if (WF_IS_PERSONA (item))
    wf_document_move_persona (a->document, WF_PERSONA (item), index);
  else if (WF_IS_MAP (item))
    wf_document_move_map (a->document, WF_MAP (item), index);
  else if (WF_IS_PHASE (item))
    wf_map_move_phase (map, WF_PHASE (item), index);
  else if (WF_IS_LANE (item))
    wf_map_move_lane (map, WF_LANE (item), index);
  else if (WF_IS_CARD (item))
    wf_map_move_card (map, WF_CARD (item), phase, lane, index);
  else if (WF_IS_LINK (item) && wf_map_get_link_index (map, WF_LINK (item)) != index)
    {
      g_autoptr(WfLink) link = g_object_ref (WF_LINK (item));

      /* Links have no move of their own. */
      wf_map_remove_link (map, link);
      wf_map_insert_link (map, link, index);
    }
}

/* A card's target cell from a move or an add; FALSE if it is not here. */
static gboolean
find_cell (Apply       *a,
           WfMap       *map,
           JsonObject  *object,
           WfPhase    **phase,
           WfLane     **lane)
{
  WfItem *p = lookup (a, string_member (object, "phase"));
  WfItem *l = lookup (a, string_member (object, "lane"));

  if (!WF_IS_PHASE (p) || !WF_IS_LANE (l) ||
      wf_item_get_parent (p) != WF_ITEM (map) || wf_item_get_parent (l) != WF_ITEM (map))
    return FALSE;

  *phase = WF_PHASE (p);
  *lane = WF_LANE (l);

  return TRUE;
}

/* Removing */

/* A phase's figures for @persona go with it, as wf_edit_remove() takes
 * them along, also when someone set them after the removal was made. */
static void
remove_persona_figures (WfPhase   *phase,
                        WfPersona *persona)
{
  const char *id = wf_item_get_id (WF_ITEM (persona));
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_phase_get_metrics (phase));
  guint n = metrics->len;

  for (guint i = metrics->len; i > 0; i--)
    if (strcmp (((WfMetric *) g_ptr_array_index (metrics, i - 1))->persona, id) == 0)
      g_ptr_array_remove_index (metrics, i - 1);

  if (metrics->len < n)
    {
      GVariant *variant = wf_metrics_to_variant (metrics);

      if (variant != NULL)
        g_variant_ref_sink (variant);
      wf_phase_set_metrics (phase, variant);
      g_clear_pointer (&variant, g_variant_unref);
    }
}

static void remove_tree (Apply  *a,
                         WfItem *item);

/* Moves @card out of the phase or lane being removed, into the first
 * other one: a card that a pending step of ours moved in is elsewhere
 * on the server (else its cascade, earlier in the change, took it), and
 * goes there when the answer to our move says where. There is another
 * phase or lane, since the server's cell of the card is live.
 */
static void
park_card (Apply   *a,
           WfMap   *map,
           WfCard  *card,
           WfPhase *phase,
           WfLane  *lane)
{
  WfPhase *to_phase = wf_card_get_phase (card);
  WfLane *to_lane = wf_card_get_lane (card);

  for (guint p = 0; phase != NULL && p < wf_map_get_n_phases (map); p++)
    if ((to_phase = wf_map_get_phase (map, p)) != phase)
      break;
  for (guint l = 0; lane != NULL && l < wf_map_get_n_lanes (map); l++)
    if ((to_lane = wf_map_get_lane (map, l)) != lane)
      break;

  if (to_phase == phase || to_lane == lane)
    remove_tree (a, WF_ITEM (card));
  else
    place (a, WF_ITEM (card), wf_team_journal_get_key (a->journal, wf_item_get_id (WF_ITEM (card))), to_phase, to_lane);
}

static void
remove_cards_of (Apply   *a,
                 WfMap   *map,
                 WfPhase *phase,
                 WfLane  *lane)
{
  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
      {
        WfPhase *cell_phase = wf_map_get_phase (map, p);
        WfLane *cell_lane = wf_map_get_lane (map, l);
        GPtrArray *cell;

        if ((phase != NULL && cell_phase != phase) || (lane != NULL && cell_lane != lane))
          continue;

        while ((cell = wf_map_get_cell (map, cell_phase, cell_lane)) != NULL && cell->len > 0)
          {
            WfItem *card = g_ptr_array_index (cell, cell->len - 1);
            const char *id = wf_item_get_id (card);

            if (!a->own && wf_team_journal_is_pending (a->journal, id, "@place")
                && !wf_team_journal_is_pending (a->journal, id, "@item"))
              park_card (a, map, WF_CARD (card), phase, lane);
            else
              remove_tree (a, card);
          }
      }
}

/* Removes @item with what depends on it, as the server's cascade does:
 * a card's links, a phase's or lane's cards, a persona's lanes.
 */
static void
remove_tree (Apply  *a,
             WfItem *item)
{
  g_autoptr(WfItem) hold = g_object_ref (item);
  WfItem *parent = wf_item_get_parent (item);
  WfMap *map = WF_IS_MAP (parent) ? WF_MAP (parent) : NULL;

  if (WF_IS_CARD (item))
    {
      g_autoptr(GPtrArray) links = wf_map_list_links_of (map, WF_CARD (item));

      for (guint i = 0; i < links->len; i++)
        remove_tree (a, g_ptr_array_index (links, i));
      wf_map_remove_card (map, WF_CARD (item));
    }
  else if (WF_IS_LINK (item))
    wf_map_remove_link (map, WF_LINK (item));
  else if (WF_IS_PHASE (item))
    {
      remove_cards_of (a, map, WF_PHASE (item), NULL);
      wf_map_remove_phase (map, WF_PHASE (item));
    }
  else if (WF_IS_LANE (item))
    {
      remove_cards_of (a, map, NULL, WF_LANE (item));
      wf_map_remove_lane (map, WF_LANE (item));
    }
  else if (WF_IS_PERSONA (item))
    {
      for (guint m = 0; m < wf_document_get_n_maps (a->document); m++)
        {
          WfMap *one = wf_document_get_map (a->document, m);

          for (guint l = wf_map_get_n_lanes (one); l > 0; l--)
            if (wf_lane_get_persona (wf_map_get_lane (one, l - 1)) == WF_PERSONA (item))
              remove_tree (a, WF_ITEM (wf_map_get_lane (one, l - 1)));
          for (guint p = 0; p < wf_map_get_n_phases (one); p++)
            remove_persona_figures (wf_map_get_phase (one, p), WF_PERSONA (item));
        }
      wf_document_remove_persona (a->document, WF_PERSONA (item));
    }
  else if (WF_IS_MAP (item))
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      wf_map_collect_items (WF_MAP (item), items);
      for (guint i = 0; i < items->len; i++)
        _wf_team_journal_forget (a->journal, wf_item_get_id (g_ptr_array_index (items, i)));
      wf_document_remove_map (a->document, WF_MAP (item));
    }

  _wf_team_journal_forget (a->journal, wf_item_get_id (item));
}

/* Ops */

static void
set_all_versions (Apply      *a,
                  WfItem     *item,
                  gint64      seq)
{
  const char * const *members = wf_journey_member_list (G_OBJECT_TYPE (item));

  /* A state read leaves a pending member's version as it is: our
   * record's answer sets it. */
  for (guint i = 0; members[i] != NULL; i++)
    if (!a->state || !wf_team_journal_is_pending (a->journal, id_of (item), members[i]))
      _wf_team_journal_set_version (a->journal, id_of (item), members[i], seq);
  if (!WF_IS_DOCUMENT (item) && (!a->state || !wf_team_journal_is_pending (a->journal, id_of (item), "@place")))
    _wf_team_journal_set_version (a->journal, id_of (item), "@place", seq);
}

static WfItem *
make_item (Apply      *a,
           const char *type,
           const char *id,
           WfMap      *map,
           JsonObject *value)
{
  if (g_strcmp0 (type, "persona") == 0)
    return WF_ITEM (wf_persona_new (id, string_member (value, "name")));

  if (g_strcmp0 (type, "map") == 0)
    return WF_ITEM (wf_map_new (id, string_member (value, "title")));

  if (map == NULL)
    return NULL;

  if (g_strcmp0 (type, "phase") == 0)
    return WF_ITEM (wf_phase_new (id, string_member (value, "name")));

  if (g_strcmp0 (type, "lane") == 0)
    {
      WfLaneKind kind;

      if (!wf_lane_kind_from_string (string_member (value, "kind"), &kind))
        return NULL;
      return WF_ITEM (wf_lane_new (id, kind));
    }

  if (g_strcmp0 (type, "card") == 0)
    return WF_ITEM (wf_card_new (id, string_member (value, "title")));

  if (g_strcmp0 (type, "link") == 0)
    {
      WfItem *from = lookup (a, string_member (value, "from"));
      WfItem *to = lookup (a, string_member (value, "to"));

      if (!WF_IS_CARD (from) || !WF_IS_CARD (to) ||
          wf_item_get_parent (from) != WF_ITEM (map) || wf_item_get_parent (to) != WF_ITEM (map))
        return NULL;
      return WF_ITEM (wf_link_new (id, WF_CARD (from), WF_CARD (to)));
    }

  return NULL;
}

static gboolean
insert_item (Apply      *a,
             WfItem     *item,
             WfMap      *map,
             const char *key,
             WfPhase    *phase,
             WfLane     *lane)
{
  g_autoptr(GPtrArray) siblings = siblings_of (a, item, map, phase, lane);
  int index = index_for (a, siblings, key, wf_item_get_id (item));

  if (WF_IS_PERSONA (item))
    return wf_document_insert_persona (a->document, WF_PERSONA (item), index);
  if (WF_IS_MAP (item))
    return wf_document_insert_map (a->document, WF_MAP (item), index);
  if (WF_IS_PHASE (item))
    return wf_map_insert_phase (map, WF_PHASE (item), index);
  if (WF_IS_LANE (item))
    return wf_map_insert_lane (map, WF_LANE (item), index);
  if (WF_IS_CARD (item))
    return wf_map_insert_card (map, WF_CARD (item), phase, lane, index);
  if (WF_IS_LINK (item))
    return wf_map_insert_link (map, WF_LINK (item), index);

  return FALSE;
}

static void
apply_add (Apply      *a,
           JsonObject *op)
{
  const char *id = string_member (op, "id");
  const char *key = string_member (op, "pos");
  JsonObject *value = object_member (op, "value");
  WfItem *item = lookup (a, id);
  WfItem *parent = lookup (a, string_member (op, "parent"));
  WfMap *map = WF_IS_MAP (parent) ? WF_MAP (parent) : NULL;
  WfPhase *phase = NULL;
  WfLane *lane = NULL;
  g_autoptr(WfItem) made = NULL;

  if (id == NULL || value == NULL || key == NULL)
    return;

  if (a->own)
    {
      /* Ours, as we made it; gone here if a later step of ours removed it. */
      if (item != NULL)
        {
          set_all_versions (a, item, a->change->seq);
          return;
        }
      /* Not made here: a restore of ours brings it back (and what it
       * needs), as the server did. */
      if (_wf_team_journal_is_removed_here (a->journal, id))
        return;
    }

  /* Removed here again (someone else's undone removal met ours): our
   * removal comes after it on the server. */
  if (item == NULL && _wf_team_journal_is_removed_here (a->journal, id))
    return;

  if (g_strcmp0 (string_member (op, "type"), "card") == 0 && (map == NULL || !find_cell (a, map, value, &phase, &lane)))
    return;

  if (item != NULL)
    {
      /* Already here: it becomes what the op says (in a state read,
       * but for the members pending here). */
      if (WF_IS_DOCUMENT (item))
        a->state ? set_value_held (a, item, value) : set_value (a, item, value);
      else if (!wf_team_journal_is_pending (a->journal, id, "@item"))
        {
          a->state ? set_value_held (a, item, value) : set_value (a, item, value);
          if (!wf_team_journal_is_pending (a->journal, id, "@place"))
            place (a, item, key, phase, lane);
        }
      set_all_versions (a, item, a->change->seq);
      return;
    }

  if ((made = make_item (a, string_member (op, "type"), id, map, value)) == NULL)
    return;

  _wf_team_journal_set_key (a->journal, id, key);
  if (!insert_item (a, made, map, key, phase, lane))
    {
      _wf_team_journal_forget (a->journal, id);
      return;
    }

  set_value (a, made, value);
  set_all_versions (a, made, a->change->seq);

  /* The sets of our record that follow re-apply what was set aside. */
  if (a->own)
    {
      if (a->back == NULL)
        a->back = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (a->back, g_strdup (id));
    }
}

static void
apply_set (Apply      *a,
           JsonObject *op)
{
  const char *id = string_member (op, "id");
  const char *member = string_member (op, "member");
  JsonNode *value = json_object_get_member (op, "value");
  WfItem *item = lookup (a, id);

  if (item == NULL || member == NULL || value == NULL)
    return;

  /* Ours is here already, but for an item our restore just brought
   * back with its state at the removal (wf_team_journal_restore()). */
  if (!a->own || (a->back != NULL && g_hash_table_contains (a->back, id)))
    {
      if (wf_team_journal_is_pending (a->journal, id, member))
        return;
      set_member (a, item, member, value);
    }

  _wf_team_journal_set_version (a->journal, id, member, a->change->seq);
}

/* Puts @item where @object (a move op, or a conflict's kept place) says. */
static void
apply_place (Apply      *a,
             WfItem     *item,
             JsonObject *object)
{
  WfItem *parent = wf_item_get_parent (item);
  WfPhase *phase = NULL;
  WfLane *lane = NULL;
  const char *key = string_member (object, "pos");

  if (key == NULL || WF_IS_DOCUMENT (item))
    return;
  if (WF_IS_CARD (item) && !find_cell (a, WF_MAP (parent), object, &phase, &lane))
    return;

  place (a, item, key, phase, lane);
}

static void
apply_move (Apply      *a,
            JsonObject *op)
{
  const char *id = string_member (op, "id");
  WfItem *item = lookup (a, id);

  if (item == NULL)
    return;

  if (!a->own)
    {
      if (wf_team_journal_is_pending (a->journal, id, "@place"))
        return;
      apply_place (a, item, op);
    }

  _wf_team_journal_set_version (a->journal, id, "@place", a->change->seq);
}

/* The value an op set aside, as JSON text: a member's, or a place. */
static char *
value_of (JsonObject *op)
{
  const char *kind = string_member (op, "op");

  if (g_strcmp0 (kind, "move") == 0)
    {
      g_autoptr(JsonObject) place = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      if (string_member (op, "phase") != NULL)
        json_object_set_string_member (place, "phase", string_member (op, "phase"));
      if (string_member (op, "lane") != NULL)
        json_object_set_string_member (place, "lane", string_member (op, "lane"));
      json_object_set_string_member (place, "pos", string_member (op, "pos"));
      json_node_set_object (node, place);
      return json_to_string (node, FALSE);
    }

  if (json_object_has_member (op, "value"))
    return json_to_string (json_object_get_member (op, "value"), FALSE);

  return NULL;
}

static const char *
member_of (JsonObject *op)
{
  const char *kind = string_member (op, "op");

  if (g_strcmp0 (kind, "set") == 0)
    return string_member (op, "member");
  if (g_strcmp0 (kind, "move") == 0)
    return "@place";

  return "@item";
}

/* A set or move of ours that met someone else's: the value on the
 * server stays, ours is kept as a conflict.
 */
static void
apply_own_conflict (Apply      *a,
                    JsonObject *op)
{
  const char *id = string_member (op, "id");
  const char *member = member_of (op);
  JsonObject *taken = object_member (op, "taken");
  JsonNode *value = taken ? json_object_get_member (taken, "value") : NULL;
  WfItem *item = lookup (a, id);

  if (item != NULL && value != NULL && !wf_team_journal_is_pending (a->journal, id, member))
    {
      if (strcmp (member, "@item") == 0 && JSON_NODE_HOLDS_OBJECT (value))
        {
          /* An add of an item that was there already: the server's item
           * stays, given as {type, parent, pos, value}. */
          JsonObject *state = json_node_get_object (value);
          JsonObject *item_value = object_member (state, "value");
          g_autoptr(JsonObject) where = json_object_new ();

          if (item_value != NULL && !WF_IS_DOCUMENT (item))
            {
              set_value (a, item, item_value);
              if (string_member (state, "pos") != NULL)
                json_object_set_string_member (where, "pos", string_member (state, "pos"));
              if (string_member (item_value, "phase") != NULL)
                json_object_set_string_member (where, "phase", string_member (item_value, "phase"));
              if (string_member (item_value, "lane") != NULL)
                json_object_set_string_member (where, "lane", string_member (item_value, "lane"));
              apply_place (a, item, where);
            }
        }
      else if (strcmp (member, "@place") == 0 && JSON_NODE_HOLDS_OBJECT (value))
        apply_place (a, item, json_node_get_object (value));
      else if (strcmp (member, "@place") != 0 && strcmp (member, "@item") != 0)
        set_member (a, item, member, value);
    }

  if (item != NULL && taken != NULL)
    {
      if (strcmp (member, "@item") == 0)
        set_all_versions (a, item, int_member (taken, "seq"));
      else
        _wf_team_journal_set_version (a->journal, id, member, int_member (taken, "seq"));
    }
}

/* A removal that met someone's edit ("edited"): the item's last state
 * here, {type, parent, pos, value} as the server keeps it, is set aside
 * as an "@item" conflict, and both learn of it. Our own removal took it
 * here already: its state as it went, if this session removed it.
 */
static void
note_removal (Apply      *a,
              JsonObject *op,
              WfItem     *item)
{
  static const char * const types[] = { "persona", "map", "phase", "lane", "card", "link" };
  GType gtypes[] = { WF_TYPE_PERSONA, WF_TYPE_MAP, WF_TYPE_PHASE, WF_TYPE_LANE, WF_TYPE_CARD, WF_TYPE_LINK };
  const char *id = string_member (op, "id");
  g_autoptr(GString) state = NULL;

  if (item != NULL && !WF_IS_DOCUMENT (item))
    {
      WfItem *parent = wf_item_get_parent (item);
      const char *key = wf_team_journal_get_key (a->journal, id);
      g_autofree char *value = wf_journey_member_write_item (item);

      state = g_string_new ("{\"type\":");
      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        if (G_TYPE_CHECK_INSTANCE_TYPE (item, gtypes[i]))
          _wf_team_append_string (state, types[i]);
      g_string_append (state, ",\"parent\":");
      if (WF_IS_MAP (parent))
        _wf_team_append_string (state, wf_item_get_id (parent));
      else
        g_string_append (state, "null");
      g_string_append (state, ",\"pos\":");
      _wf_team_append_string (state, key ? key : "");
      g_string_append_printf (state, ",\"value\":%s}", value);
    }

  _wf_team_journal_add_conflict (a->journal, a->change->seq, id, "@item",
                                 state ? state->str : (a->own ? _wf_team_journal_gone_state (a->journal, id) : NULL),
                                 a->change->author, a->change->at);
}

static void
apply_op (Apply      *a,
          JsonObject *op)
{
  const char *kind = string_member (op, "op");
  const char *outcome = string_member (op, "outcome");
  const char *id = string_member (op, "id");

  if (kind == NULL || id == NULL)
    return;
  if (outcome == NULL)
    outcome = "applied";

  /* Someone else changed what is gone here: who, for the removal's
   * conflict should ours meet it. */
  if (!a->own && !a->state && (strcmp (kind, "set") == 0 || strcmp (kind, "move") == 0) &&
      lookup (a, id) == NULL)
    _wf_team_journal_note_editor (a->journal, id, a->change->author);

  if (strcmp (kind, "resolve") == 0)
    {
      const char *member = string_member (op, "member");

      _wf_team_journal_drop_conflict (a->journal, int_member (op, "conflict"), id, member ? member : "@item");
      return;
    }

  if (strcmp (outcome, "conflict") == 0 || strcmp (outcome, "gone") == 0)
    {
      g_autofree char *value = value_of (op);

      if (strcmp (kind, "remove") == 0)
        return;

      /* A move of ours into something removed: the server says where
       * the item stayed. */
      if (a->own && (strcmp (outcome, "conflict") == 0 || strcmp (kind, "move") == 0))
        apply_own_conflict (a, op);
      else if (a->own && strcmp (kind, "add") == 0)
        {
          /* Our item went into something removed: it is not on the server. */
          WfItem *item = lookup (a, id);

          if (item != NULL && !WF_IS_DOCUMENT (item))
            remove_tree (a, item);
        }

      _wf_team_journal_add_conflict (a->journal, a->change->seq, id, member_of (op), value,
                                     a->change->author, a->change->at);
      return;
    }

  if (strcmp (kind, "set") == 0)
    apply_set (a, op);
  else if (strcmp (kind, "move") == 0)
    apply_move (a, op);
  else if (strcmp (kind, "add") == 0)
    apply_add (a, op);
  else if (strcmp (kind, "remove") == 0)
    {
      WfItem *item = lookup (a, id);

      if (json_object_has_member (op, "edited"))
        note_removal (a, op, item);

      /* Our own removal happened here already; the item may be back
       * since (an undo, pending), and stays. */
      if (a->own && strcmp (outcome, "cascade") != 0)
        return;

      /* Added here again and not yet back (an undone removal): the
       * server brings it back when our add arrives, after this. */
      if (wf_team_journal_is_pending (a->journal, id, "@item"))
        return;

      if (item != NULL && !WF_IS_DOCUMENT (item))
        remove_tree (a, item);
      else
        _wf_team_journal_forget (a->journal, id);
    }
}

static gboolean
is_known_op (const char *kind)
{
  static const char * const kinds[] = { "set", "move", "add", "remove", "resolve", "restore", NULL };

  return kind != NULL && g_strv_contains (kinds, kind);
}

/**
 * wf_team_apply:
 * @journal: the journal of the open team document
 * @change: the next change of its log, as the server applied it
 * @error: return location for a #G_IO_ERROR_NOT_SUPPORTED, for an op
 *   that a newer Wayfinder made
 *
 * Applies @change to the journal's document outside the undo stack, and
 * keeps the versions, keys, conflicts and seq it brings in the journal,
 * for the autosave's next transaction: call wf_autosave_flush() after a
 * batch. A change at or below the applied seq changes nothing, and so
 * does applying one twice. No undo group may be open.
 *
 * Returns: whether @change was applied; if not, nothing of it was
 */
gboolean
wf_team_apply (WfTeamJournal       *journal,
               const WfTeamChange  *change,
               GError             **error)
{
  WfDocument *document;
  WfUndoStack *stack;
  Apply a = { 0 };

  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (journal), FALSE);
  g_return_val_if_fail (change != NULL && change->ops != NULL, FALSE);

  if (change->seq <= wf_team_journal_get_seq (journal))
    return TRUE;

  for (guint i = 0; i < json_array_get_length (change->ops); i++)
    {
      JsonNode *node = json_array_get_element (change->ops, i);

      if (!JSON_NODE_HOLDS_OBJECT (node) || !is_known_op (string_member (json_node_get_object (node), "op")))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Update Wayfinder to see the latest changes to this map"));
          return FALSE;
        }
    }

  document = wf_team_journal_get_document (journal);
  stack = wf_document_get_undo_stack (document);

  a.journal = journal;
  a.document = document;
  a.change = change;
  a.own = g_strcmp0 (change->client, wf_team_journal_get_client (journal)) == 0;

  /* Our record came back: its members are no longer pending. */
  if (a.own)
    _wf_team_journal_answered (journal, change->client_seq, change->seq);

  wf_undo_stack_begin_remote (stack);
  for (guint i = 0; i < json_array_get_length (change->ops); i++)
    apply_op (&a, json_array_get_object_element (change->ops, i));
  wf_undo_stack_end_remote (stack);
  g_clear_pointer (&a.back, g_hash_table_unref);

  _wf_team_journal_applied (journal, change->seq, change->client, change->client_seq);

  return TRUE;
}

/* The state */

/* The ids that our records not yet on the server remove: the state
 * still has them, and must not bring them back here. */
static GHashTable *
removed_here (WfTeamJournal      *journal,
              const WfTeamState  *state,
              GError            **error)
{
  WfAutosave *autosave = wf_team_journal_get_autosave (journal);
  sqlite3 *db = wf_library_get_db (wf_autosave_get_library (autosave));
  g_autoptr(GHashTable) on_server = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint i = 0; state->answered != NULL && i < state->answered->len; i += 2)
    g_hash_table_add (on_server, g_memdup2 (&g_array_index (state->answered, gint64, i), sizeof (gint64)));

  rc = sqlite3_prepare_v2 (db, "SELECT client_seq, record FROM team_outbox WHERE doc = ?1 AND seq IS NULL",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, wf_autosave_get_id (autosave));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 client_seq = sqlite3_column_int64 (stmt, 0);
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *record;
          JsonArray *ops;

          if (g_hash_table_contains (on_server, &client_seq) ||
              !json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 1), -1, NULL) ||
              !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
            continue;
          record = json_node_get_object (json_parser_get_root (parser));
          if (!json_object_has_member (record, "ops") ||
              !JSON_NODE_HOLDS_ARRAY (json_object_get_member (record, "ops")))
            continue;
          ops = json_object_get_array_member (record, "ops");
          for (guint i = 0; i < json_array_get_length (ops); i++)
            {
              JsonNode *node = json_array_get_element (ops, i);
              JsonObject *op = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

              if (g_strcmp0 (string_member (op, "op"), "remove") == 0 && string_member (op, "id") != NULL)
                g_hash_table_add (ids, g_strdup (string_member (op, "id")));
            }
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      wf_sqlite_set_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static int
rank_of (WfItem *item)
{
  if (WF_IS_LINK (item))
    return 0;
  if (WF_IS_CARD (item))
    return 1;
  if (WF_IS_LANE (item))
    return 2;
  if (WF_IS_PHASE (item))
    return 3;

  return 4;
}

static int
compare_ranks (gconstpointer a,
               gconstpointer b)
{
  return rank_of (*(WfItem **) a) - rank_of (*(WfItem **) b);
}

/* Removes what is here and not in the state, dependents first, but for
 * what our records not yet on the server added. */
static void
remove_missing (Apply      *a,
                GHashTable *live)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint m = 0; m < wf_document_get_n_maps (a->document); m++)
    {
      g_autoptr(GPtrArray) content = g_ptr_array_new ();

      wf_map_collect_items (wf_document_get_map (a->document, m), content);
      g_ptr_array_sort (content, compare_ranks);
      for (guint i = 0; i < content->len; i++)
        if (!WF_IS_MAP (g_ptr_array_index (content, i)))
          g_ptr_array_add (ordered, g_object_ref (g_ptr_array_index (content, i)));
    }
  for (guint m = 0; m < wf_document_get_n_maps (a->document); m++)
    g_ptr_array_add (ordered, g_object_ref (wf_document_get_map (a->document, m)));
  for (guint p = 0; p < wf_document_get_n_personas (a->document); p++)
    g_ptr_array_add (ordered, g_object_ref (wf_document_get_persona (a->document, p)));

  for (guint i = 0; i < ordered->len; i++)
    g_ptr_array_add (items, g_strdup (wf_item_get_id (g_ptr_array_index (ordered, i))));

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = g_ptr_array_index (items, i);
      WfItem *item;

      if (g_hash_table_contains (live, id) || wf_team_journal_is_pending (a->journal, id, "@item"))
        continue;
      /* Gone already with what it depended on. */
      if ((item = wf_document_lookup (a->document, id)) != NULL)
        remove_tree (a, item);
    }
}

/**
 * wf_team_apply_state:
 * @journal: the journal of the open team document
 * @state: the document's state on the server
 * @error: return location for an error of the library
 *
 * Makes the journal's document what @state says, as one remote batch
 * outside the undo stack: items added, changed, moved and removed, but
 * for what our records not yet on the server changed (their members and
 * the items they add or remove are held back, as for the log). Our
 * records that @state holds are answered; the open conflicts become
 * those of @state; the applied seq becomes @state's, also when it is
 * below ours (a server restored from a backup). Nothing is written: call
 * wf_autosave_flush(). No undo group may be open.
 *
 * Returns: whether @state was applied; if not, nothing of it was
 */
gboolean
wf_team_apply_state (WfTeamJournal      *journal,
                     const WfTeamState  *state,
                     GError            **error)
{
  WfTeamChange change = { 0 };
  g_autoptr(GHashTable) removed = NULL;
  g_autoptr(GHashTable) live = NULL;
  GPtrArray *conflicts;
  WfUndoStack *stack;
  Apply a = { 0 };

  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (journal), FALSE);
  g_return_val_if_fail (state != NULL && state->items != NULL, FALSE);

  if ((removed = removed_here (journal, state, error)) == NULL)
    return FALSE;

  change.seq = state->seq;
  change.client = state->client;
  change.client_seq = state->client_seq;
  change.ops = state->items;
  a.journal = journal;
  a.document = wf_team_journal_get_document (journal);
  a.change = &change;
  a.state = TRUE;
  stack = wf_document_get_undo_stack (a.document);

  /* Our records the server has: their members are no longer pending, and
   * the state holds what became of them. */
  for (guint i = 0; state->answered != NULL && i < state->answered->len; i += 2)
    {
      gint64 client_seq = g_array_index (state->answered, gint64, i);

      if (_wf_team_journal_is_awaited (journal, client_seq))
        _wf_team_journal_answered (journal, client_seq, g_array_index (state->answered, gint64, i + 1));
    }

  live = g_hash_table_new (g_str_hash, g_str_equal);
  wf_undo_stack_begin_remote (stack);
  for (guint i = 0; i < json_array_get_length (state->items); i++)
    {
      JsonObject *op = json_array_get_object_element (state->items, i);
      const char *id = string_member (op, "id");

      if (id == NULL)
        continue;
      g_hash_table_add (live, (gpointer) id);
      if (!g_hash_table_contains (removed, id))
        apply_add (&a, op);
    }
  remove_missing (&a, live);
  wf_undo_stack_end_remote (stack);

  /* The open conflicts are the server's. */
  conflicts = _wf_team_journal_get_conflicts (journal);
  while (conflicts->len > 0)
    {
      WfTeamConflict *conflict = g_ptr_array_index (conflicts, conflicts->len - 1);
      g_autofree char *item = g_strdup (conflict->item);
      g_autofree char *member = g_strdup (conflict->member);

      _wf_team_journal_drop_conflict (journal, conflict->seq, item, member);
    }
  for (guint i = 0; state->conflicts != NULL && i < json_array_get_length (state->conflicts); i++)
    {
      JsonObject *conflict = json_array_get_object_element (state->conflicts, i);

      _wf_team_journal_add_conflict (journal, int_member (conflict, "seq"), string_member (conflict, "item"),
                                     string_member (conflict, "member"), string_member (conflict, "value"),
                                     string_member (conflict, "author"), string_member (conflict, "at"));
    }

  _wf_team_journal_applied (journal, state->seq, state->client ? state->client : "", state->client_seq);

  return TRUE;
}
