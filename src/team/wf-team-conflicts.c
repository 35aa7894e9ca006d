/* wf-team-conflicts.c — the open conflicts of a team document, and choosing
 *
 * Part of WfTeamJournal (sharing wf-team-journal-private.h): the open
 * conflicts the journal keeps in team_conflicts, as the window shows them
 * (docs/team-library.md, "How a conflict is shown"), and what choosing
 * does. Choosing the value set aside is an ordinary undoable step (a set
 * through wf_edit_set_value(), or a move to the place set aside, at the
 * index its position key gives among its siblings') whose record also
 * carries a resolve op; choosing the value on the map writes a record
 * with only the resolve op. A removal that met an edit is brought back
 * with a restore op, or dismissed with a resolve. The conflict is closed
 * here at once, in the record's transaction; undoing the step does not
 * open it again.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "storage/wf-journey-member.h"
#include "storage/wf-sqlite.h"
#include "wf-team-journal-private.h"

static WfTeamConflict *
find_conflict (WfTeamJournal *self,
               gint64         seq,
               const char    *id,
               const char    *member)
{
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      WfTeamConflict *conflict = g_ptr_array_index (self->conflicts, i);

      if (conflict->seq == seq && strcmp (conflict->item, id) == 0 && strcmp (conflict->member, member) == 0)
        return conflict;
    }

  return NULL;
}

static WfItem *
lookup_item (WfTeamJournal *self,
             const char    *id)
{
  if (id[0] == '\0')
    return WF_ITEM (self->document);

  return wf_document_lookup (self->document, id);
}

static void
note_resolve (WfTeamJournal *self,
              gint64         seq,
              const char    *id,
              const char    *member)
{
  GString *op = g_string_new ("{\"op\":\"resolve\",\"id\":");

  _wf_team_append_string (op, id);
  g_string_append (op, ",\"member\":");
  _wf_team_append_string (op, member);
  g_string_append_printf (op, ",\"conflict\":%" G_GINT64_FORMAT "}", seq);
  g_ptr_array_add (self->resolves, g_string_free (op, FALSE));
}

/* The model's property that holds @member of @item. */
static const char *
property_of (WfItem     *item,
             const char *member)
{
  if (WF_IS_PHASE (item) && strcmp (member, "persona_metrics") == 0)
    return "metrics";

  return member;
}

/* The value of @item's property for @member that @json makes: the
 * member reader checks and reads it into the item, and the value it made
 * is taken back out, to be set again through the undo stack.
 */
static gboolean
read_value (WfItem      *item,
            const char  *member,
            const char  *json,
            GValue      *new_value,
            GError     **error)
{
  const char *property = property_of (item, member);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
  g_auto(GValue) old_value = G_VALUE_INIT;

  if (pspec == NULL || json == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This value cannot be used here"));
      return FALSE;
    }

  g_value_init (&old_value, pspec->value_type);
  g_value_init (new_value, pspec->value_type);
  g_object_get_property (G_OBJECT (item), property, &old_value);

  if (!wf_journey_member_read (item, member, json, error))
    return FALSE;

  g_object_get_property (G_OBJECT (item), property, new_value);
  g_object_set_property (G_OBJECT (item), property, &old_value);

  return TRUE;
}

/* Where @key puts @item among @siblings (the list it is to be in, @item
 * left out): after each sibling whose (key, id) is lower. */
static guint
index_for_key (WfTeamJournal *self,
               GPtrArray     *siblings,
               WfItem        *item,
               const char    *key)
{
  const char *id = wf_item_get_id (item);
  guint index = 0;

  for (guint i = 0; siblings != NULL && i < siblings->len; i++)
    {
      WfItem *other = g_ptr_array_index (siblings, i);
      const char *other_key = _wf_team_journal_current_key (self, wf_item_get_id (other));
      int order;

      if (other == item)
        continue;
      order = strcmp (other_key ? other_key : "", key);
      if (order < 0 || (order == 0 && strcmp (wf_item_get_id (other), id) < 0))
        index++;
    }

  return index;
}

/* The list @item is in: its siblings, itself among them. */
static GPtrArray *
siblings_of (WfTeamJournal *self,
             WfItem        *item)
{
  GPtrArray *siblings = g_ptr_array_new ();
  WfItem *parent = wf_item_get_parent (item);

  if (WF_IS_PERSONA (item))
    for (guint i = 0; i < wf_document_get_n_personas (self->document); i++)
      g_ptr_array_add (siblings, wf_document_get_persona (self->document, i));
  else if (WF_IS_MAP (item))
    for (guint i = 0; i < wf_document_get_n_maps (self->document); i++)
      g_ptr_array_add (siblings, wf_document_get_map (self->document, i));
  else if (WF_IS_PHASE (item))
    for (guint i = 0; i < wf_map_get_n_phases (WF_MAP (parent)); i++)
      g_ptr_array_add (siblings, wf_map_get_phase (WF_MAP (parent), i));
  else if (WF_IS_LANE (item))
    for (guint i = 0; i < wf_map_get_n_lanes (WF_MAP (parent)); i++)
      g_ptr_array_add (siblings, wf_map_get_lane (WF_MAP (parent), i));

  return siblings;
}

/* Where an item's set-aside place puts it: a card's phase and lane, and
 * its index there or in its list. */
static gboolean
read_place (WfTeamJournal  *self,
            WfItem         *item,
            const char     *json,
            WfPhase       **phase_out,
            WfLane        **lane_out,
            guint          *index_out,
            GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *place = NULL;
  const char *key = NULL;
  WfItem *phase = NULL;
  WfItem *lane = NULL;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      place = json_node_get_object (json_parser_get_root (parser));
      key = json_object_get_string_member_with_default (place, "pos", NULL);
    }

  if (place != NULL && key != NULL && WF_IS_CARD (item))
    {
      phase = wf_document_lookup (self->document, json_object_get_string_member_with_default (place, "phase", ""));
      lane = wf_document_lookup (self->document, json_object_get_string_member_with_default (place, "lane", ""));
      if (WF_IS_PHASE (phase) && WF_IS_LANE (lane) &&
          wf_item_get_parent (phase) == wf_item_get_parent (item) && wf_item_get_parent (lane) == wf_item_get_parent (item))
        {
          GPtrArray *cell = wf_map_get_cell (WF_MAP (wf_item_get_parent (item)), WF_PHASE (phase), WF_LANE (lane));

          *phase_out = WF_PHASE (phase);
          *lane_out = WF_LANE (lane);
          *index_out = index_for_key (self, cell, item, key);
          return TRUE;
        }
    }
  else if (place != NULL && key != NULL && !WF_IS_DOCUMENT (item) && !WF_IS_LINK (item))
    {
      g_autoptr(GPtrArray) siblings = siblings_of (self, item);

      *index_out = index_for_key (self, siblings, item, key);
      return TRUE;
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("This place is no longer on the map"));
  return FALSE;
}

/**
 * wf_team_journal_list_conflicts:
 * @id: (nullable): an item's id ("" for the document), or %NULL for all
 *
 * Returns: (transfer container) (element-type WfTeamConflict): the open
 *   conflicts of @id, oldest first; valid until the conflicts change
 */
GPtrArray *
wf_team_journal_list_conflicts (WfTeamJournal *self,
                                const char    *id)
{
  GPtrArray *list;

  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), NULL);

  list = g_ptr_array_new ();
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      WfTeamConflict *conflict = g_ptr_array_index (self->conflicts, i);

      if (id == NULL || strcmp (conflict->item, id) == 0)
        g_ptr_array_add (list, conflict);
    }

  return list;
}

/**
 * wf_team_journal_has_conflict:
 *
 * Returns: whether item @id has an open conflict
 */
gboolean
wf_team_journal_has_conflict (WfTeamJournal *self,
                              const char    *id)
{
  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), FALSE);

  for (guint i = 0; i < self->conflicts->len; i++)
    if (strcmp (((WfTeamConflict *) g_ptr_array_index (self->conflicts, i))->item, id) == 0)
      return TRUE;

  return FALSE;
}

/**
 * wf_team_journal_is_own_change:
 *
 * Returns: whether change @seq of the log was a record of this library's
 */
gboolean
wf_team_journal_is_own_change (WfTeamJournal *self,
                               gint64         seq)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean own = FALSE;

  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), FALSE);

  /* Answered in the transaction being made: not in the table yet. */
  for (guint i = 0; i + 1 < self->answered->len; i += 2)
    if (g_array_index (self->answered, gint64, i + 1) == seq)
      return TRUE;

  db = wf_library_get_db (wf_autosave_get_library (self->autosave));
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM team_outbox WHERE doc = ?1 AND seq = ?2", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->doc);
      sqlite3_bind_int64 (stmt, 2, seq);
      own = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);

  return own;
}

/**
 * wf_team_journal_get_map_value:
 * @id: an item's id, "" for the document
 * @member: a member, or "@place"
 *
 * Returns: (transfer full) (nullable): @member of @id as it is on the
 *   map, as JSON text ({"pos", "phase", "lane"} for a card's place), or
 *   %NULL when the item is not there
 */
char *
wf_team_journal_get_map_value (WfTeamJournal *self,
                               const char    *id,
                               const char    *member)
{
  WfItem *item;

  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), NULL);

  if ((item = lookup_item (self, id)) == NULL || strcmp (member, "@item") == 0)
    return NULL;

  if (strcmp (member, "@place") == 0)
    {
      GString *place = g_string_new ("{\"pos\":");
      const char *key = _wf_team_journal_current_key (self, id);

      _wf_team_append_string (place, key ? key : "");
      if (WF_IS_CARD (item))
        {
          g_string_append (place, ",\"phase\":");
          _wf_team_append_string (place, wf_item_get_id (WF_ITEM (wf_card_get_phase (WF_CARD (item)))));
          g_string_append (place, ",\"lane\":");
          _wf_team_append_string (place, wf_item_get_id (WF_ITEM (wf_card_get_lane (WF_CARD (item)))));
        }
      g_string_append_c (place, '}');
      return g_string_free (place, FALSE);
    }

  if (!wf_journey_member_is_known (G_OBJECT_TYPE (item), member))
    return NULL;

  return wf_journey_member_write (item, member);
}

/* Closes the conflicts of item @id older than change @seq. */
static void
close_older (WfTeamJournal *self,
             gint64         seq,
             const char    *id)
{
  g_autoptr(GPtrArray) older = g_ptr_array_new ();

  for (guint i = 0; i < self->conflicts->len; i++)
    {
      WfTeamConflict *c = g_ptr_array_index (self->conflicts, i);

      if (strcmp (c->item, id) == 0 && c->seq < seq)
        g_ptr_array_add (older, c);
    }

  /* Closed after the loop, each from copies: dropping one frees it. */
  for (guint i = 0; i < older->len; i++)
    {
      WfTeamConflict *c = g_ptr_array_index (older, i);
      gint64 c_seq = c->seq;
      g_autofree char *c_member = g_strdup (c->member);

      note_resolve (self, c_seq, id, c_member);
      _wf_team_journal_drop_conflict (self, c_seq, id, c_member);
    }
}

/**
 * wf_team_journal_resolve:
 * @seq: the conflict's change
 * @id: its item
 * @member: its member
 * @use_set_aside: %TRUE to use the value set aside, %FALSE to keep the
 *   one on the map
 * @error: return location for a #G_IO_ERROR
 *
 * Closes a conflict: the value set aside becomes the member's by an
 * ordinary undoable step, or the map's stays, and the record written
 * for it carries a resolve op. The conflict is gone here at once; undo
 * does not bring it back. For a whole item ("@item"), @use_set_aside
 * is wf_team_journal_restore().
 *
 * Returns: whether the conflict was closed
 */
gboolean
wf_team_journal_resolve (WfTeamJournal  *self,
                         gint64          seq,
                         const char     *id,
                         const char     *member,
                         gboolean        use_set_aside,
                         GError        **error)
{
  WfTeamConflict *conflict;
  g_auto(GValue) value = G_VALUE_INIT;
  WfPhase *phase = NULL;
  WfLane *lane = NULL;
  guint index = 0;
  gboolean place = strcmp (member, "@place") == 0;
  WfItem *item;

  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), FALSE);
  g_return_val_if_fail (id != NULL && member != NULL, FALSE);

  if ((conflict = find_conflict (self, seq, id, member)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Someone else chose already"));
      return FALSE;
    }

  if (use_set_aside && strcmp (member, "@item") == 0)
    return wf_team_journal_restore (self, seq, id, member, error);

  item = lookup_item (self, id);
  if (use_set_aside && item == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("It was deleted from the map"));
      return FALSE;
    }

  if (use_set_aside && place)
    {
      if (!read_place (self, item, conflict->value, &phase, &lane, &index, error))
        return FALSE;
    }
  else if (use_set_aside && !read_value (item, member, conflict->value, &value, error))
    return FALSE;

  /* The resolve op goes into the record of the step that follows, or
   * into one of its own when the map's value stays. */
  note_resolve (self, seq, id, member);
  _wf_team_journal_drop_conflict (self, seq, id, member);
  /* A removal that stays takes the item's older conflicts along. */
  if (strcmp (member, "@item") == 0)
    close_older (self, seq, id);
  wf_autosave_hook_changed (self->autosave);

  if (use_set_aside && place && WF_IS_CARD (item))
    wf_edit_move_card (WF_CARD (item), phase, lane, index);
  else if (use_set_aside && place)
    wf_edit_reorder (item, index);
  else if (use_set_aside)
    wf_edit_set_value (item, property_of (item, member), &value);

  wf_autosave_flush (self->autosave);

  return TRUE;
}

/* A move op that puts @id at @place ({"pos", "phase", "lane"}, as a
 * place is set aside), or %NULL when @place is not one. */
static char *
place_op (WfTeamJournal *self,
          const char    *id,
          const char    *place)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  static const char * const members[] = { "phase", "lane", "pos" };
  JsonObject *object;
  GString *op;

  if (!json_parser_load_from_data (parser, place, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_string_member_with_default (object, "pos", NULL) == NULL)
    return NULL;

  op = g_string_new ("{\"op\":\"move\",\"id\":");
  _wf_team_append_string (op, id);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *value = json_object_get_string_member_with_default (object, members[i], NULL);

      if (value == NULL)
        continue;
      g_string_append_printf (op, ",\"%s\":", members[i]);
      _wf_team_append_string (op, value);
    }
  g_string_append_printf (op, ",\"base\":%" G_GINT64_FORMAT "}", _wf_team_journal_version_of (self, id, "@place"));

  return g_string_free (op, FALSE);
}

/* After a restore op: the changes to item @id's members that met its
 * removal and were set aside (a typed title, say, or a move) are made
 * again, the latest of each member, and their conflicts closed, so that the item
 * comes back as its editor left it. A conflict older than the removal
 * (@seq) stays open: its value was set aside before, against a value
 * that comes back with the item. The server takes a set right
 * after a restore in the same record as applied: the restore gives the
 * item this change's versions, and a version of the same client is no
 * conflict (edited_after()). */
static void
note_set_aside (WfTeamJournal *self,
                gint64         seq,
                const char    *id,
                const char    *member)
{
  g_autoptr(GHashTable) latest = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) closed = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer conflict;

  for (guint i = 0; i < self->conflicts->len; i++)
    {
      WfTeamConflict *c = g_ptr_array_index (self->conflicts, i);
      WfTeamConflict *before;

      if (strcmp (c->item, id) != 0 || (c->member[0] == '@' && strcmp (c->member, "@place") != 0) ||
          c->value == NULL || c->seq < seq)
        continue;
      before = g_hash_table_lookup (latest, c->member);
      if (before == NULL || before->seq < c->seq)
        g_hash_table_insert (latest, c->member, c);
      /* The one restored is closed by the caller. */
      if (c->seq != seq || strcmp (c->member, member) != 0)
        g_ptr_array_add (closed, c);
    }

  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, NULL, &conflict))
    {
      WfTeamConflict *c = conflict;
      GString *op;

      /* A move that met the removal: the item goes where it was moved. */
      if (strcmp (c->member, "@place") == 0)
        {
          char *move = place_op (self, id, c->value);

          if (move != NULL)
            g_ptr_array_add (self->resolves, move);
          continue;
        }

      op = g_string_new ("{\"op\":\"set\",\"id\":");
      _wf_team_append_string (op, id);
      g_string_append (op, ",\"member\":");
      _wf_team_append_string (op, c->member);
      g_string_append_printf (op, ",\"value\":%s,\"base\":%" G_GINT64_FORMAT "}",
                              c->value, _wf_team_journal_version_of (self, id, c->member));
      g_ptr_array_add (self->resolves, g_string_free (op, FALSE));
    }

  /* Closed after the loops: dropping one frees it. */
  for (guint i = 0; i < closed->len; i++)
    {
      WfTeamConflict *c = g_ptr_array_index (closed, i);
      gint64 c_seq = c->seq;
      g_autofree char *c_member = g_strdup (c->member);

      note_resolve (self, c_seq, id, c_member);
      _wf_team_journal_drop_conflict (self, c_seq, id, c_member);
    }
}

/**
 * wf_team_journal_restore:
 * @member: the conflict's member, "@item" for a removal that met an edit
 *
 * Brings back item @id, removed by the change that made the conflict:
 * the record carries a restore op (the server brings back what the item
 * needs as well, and the items come back here with the answer), set ops
 * for the changes to the item that were set aside (note_set_aside())
 * and resolve ops for their conflicts and this one.
 *
 * Returns: whether it was asked for
 */
gboolean
wf_team_journal_restore (WfTeamJournal  *self,
                         gint64          seq,
                         const char     *id,
                         const char     *member,
                         GError        **error)
{
  GString *op;

  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), FALSE);
  g_return_val_if_fail (id != NULL && member != NULL, FALSE);

  if (find_conflict (self, seq, id, member) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Someone else chose already"));
      return FALSE;
    }

  if (id[0] != '\0')
    {
      op = g_string_new ("{\"op\":\"restore\",\"id\":");
      _wf_team_append_string (op, id);
      g_string_append_c (op, '}');
      g_ptr_array_add (self->resolves, g_string_free (op, FALSE));
      note_set_aside (self, seq, id, member);
    }

  note_resolve (self, seq, id, member);
  _wf_team_journal_drop_conflict (self, seq, id, member);
  wf_autosave_hook_changed (self->autosave);
  wf_autosave_flush (self->autosave);

  return TRUE;
}
