/* wf-team-journal.c — a team document's steps as change records in the outbox
 *
 * WfTeamJournal listens to a team document beside its autosave
 * (docs/team-library.md, "From a completed step to a record"): it notes
 * which items were added, removed, moved or changed, and when the
 * autosave writes a transaction, it writes in it, through the autosave's
 * hook, one team_outbox row holding the change record of what it noted:
 * an item added and changed is one add with its final value, added and
 * removed is nothing, a member set twice is one set. Values are read
 * from the model as the .journey writer writes them; each op's base is
 * the member's version in team_items; items added or moved get position
 * keys between their neighbours' (team/wf-team-keys.c), which are
 * written into team_items in the same transaction. A transaction that
 * fails writes nothing of this: the journal keeps what it noted for the
 * next one, so the library and the outbox always agree.
 *
 * Changes applied from the team's log (wf-team-apply.c, while
 * wf_undo_stack_is_remote()) are not noted; the versions, keys, applied
 * seq and conflicts they bring are kept in the journal's state
 * (wf-team-journal-state.c, sharing wf-team-journal-private.h) and
 * written by the same hook, with the rows they changed.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "storage/wf-journey-member.h"
#include "storage/wf-sqlite.h"
#include "wf-team-journal-private.h"
#include "wf-team-keys.h"

/* What happened to one item since the last record. */
typedef struct
{
  char      *id;
  WfItem    *item;         /* the latest object with this id */
  guint      added : 1;    /* not in the last record's state: an add */
  guint      present : 1;  /* in the document now */
  guint      moved : 1;
  guint      all : 1;      /* removed and back: every member and its place */
  guint      removed : 1;  /* removed itself, not along with its map */
  GPtrArray *members;      /* the members that changed, in order */
} Entry;

G_DEFINE_FINAL_TYPE (WfTeamJournal, wf_team_journal, G_TYPE_OBJECT)

enum
{
  RECORDED,
  CONFLICTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The order in which adds go (parents first) and, reversed, removes. */
static int
rank_of (WfItem *item)
{
  if (WF_IS_PERSONA (item))
    return 0;
  if (WF_IS_MAP (item))
    return 1;
  if (WF_IS_PHASE (item))
    return 2;
  if (WF_IS_LANE (item))
    return 3;
  if (WF_IS_CARD (item))
    return 4;
  if (WF_IS_LINK (item))
    return 5;
  return -1;
}

static const char *
type_of (WfItem *item)
{
  static const char * const names[] = { "persona", "map", "phase", "lane", "card", "link" };
  int rank = rank_of (item);

  return rank < 0 ? "document" : names[rank];
}

static const char *
id_of (WfItem *item)
{
  return WF_IS_DOCUMENT (item) ? "" : wf_item_get_id (item);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->id);
  g_clear_object (&entry->item);
  g_ptr_array_unref (entry->members);
  g_free (entry);
}

/* Noting what happens */

static Entry *
lookup_entry (WfTeamJournal *self,
              const char    *id)
{
  return g_hash_table_lookup (self->by_id, id);
}

/* The entry of @item, made if there is none: an item that was there. */
static Entry *
ensure_entry (WfTeamJournal *self,
              WfItem        *item)
{
  Entry *entry = lookup_entry (self, id_of (item));

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->id = g_strdup (id_of (item));
      entry->item = g_object_ref (item);
      entry->present = TRUE;
      entry->members = g_ptr_array_new ();
      g_ptr_array_add (self->entries, entry);
      g_hash_table_insert (self->by_id, entry->id, entry);
    }

  return entry;
}

static gboolean
listening (WfTeamJournal *self)
{
  return !self->closed && !wf_undo_stack_is_remote (self->stack);
}

static GPtrArray *
tree_of (WfItem *item)
{
  GPtrArray *items = g_ptr_array_new ();

  g_ptr_array_add (items, item);
  if (WF_IS_MAP (item))
    wf_map_collect_items (WF_MAP (item), items);

  return items;
}

static void
on_item_added (WfTeamJournal *self,
               WfItem        *item)
{
  g_autoptr(GPtrArray) items = NULL;

  if (!listening (self))
    return;

  items = tree_of (item);
  for (guint i = 0; i < items->len; i++)
    {
      WfItem *one = g_ptr_array_index (items, i);
      Entry *entry = lookup_entry (self, id_of (one));

      if (entry == NULL)
        {
          entry = ensure_entry (self, one);
          entry->added = TRUE;
        }
      else if (!entry->added)
        {
          /* Removed and back (a failed write kept both): every member. */
          entry->all = TRUE;
          entry->moved = TRUE;
        }

      g_set_object (&entry->item, one);
      entry->present = TRUE;
      entry->removed = FALSE;
    }
}

static void
on_item_removed (WfTeamJournal *self,
                 WfItem        *item,
                 WfItem        *parent)
{
  g_autoptr(GPtrArray) items = NULL;

  if (!listening (self))
    return;

  /* A map goes with everything it holds; only the map is an op. */
  items = tree_of (item);
  for (guint i = 0; i < items->len; i++)
    {
      Entry *entry = ensure_entry (self, g_ptr_array_index (items, i));

      entry->present = FALSE;
      entry->removed = i == 0;
    }
}

static void
on_item_moved (WfTeamJournal *self,
               WfItem        *item)
{
  if (!listening (self))
    return;

  ensure_entry (self, item)->moved = TRUE;
}

static void
add_member (Entry      *entry,
            const char *member)
{
  if (!g_ptr_array_find_with_equal_func (entry->members, member, g_str_equal, NULL))
    g_ptr_array_add (entry->members, (gpointer) g_intern_string (member));
}

static void
on_item_changed (WfTeamJournal *self,
                 WfItem        *item,
                 GParamSpec    *pspec)
{
  Entry *entry;

  if (!listening (self) || !wf_journey_member_is_known (G_OBJECT_TYPE (item), pspec->name))
    return;

  entry = ensure_entry (self, item);
  add_member (entry, pspec->name);

  /* One property of the model, two members in a file. */
  if (WF_IS_PHASE (item) && strcmp (pspec->name, "metrics") == 0)
    add_member (entry, "persona_metrics");
}

/* Position keys */

/* The list that holds @item, as a key, and its members in order. */
static char *
list_of (WfDocument *document,
         WfItem     *item,
         GPtrArray  *members)
{
  WfItem *parent = wf_item_get_parent (item);

  if (WF_IS_PERSONA (item))
    {
      for (guint i = 0; i < wf_document_get_n_personas (document); i++)
        g_ptr_array_add (members, wf_document_get_persona (document, i));
      return g_strdup ("personas");
    }

  if (WF_IS_MAP (item))
    {
      for (guint i = 0; i < wf_document_get_n_maps (document); i++)
        g_ptr_array_add (members, wf_document_get_map (document, i));
      return g_strdup ("maps");
    }

  if (WF_IS_PHASE (item))
    {
      for (guint i = 0; i < wf_map_get_n_phases (WF_MAP (parent)); i++)
        g_ptr_array_add (members, wf_map_get_phase (WF_MAP (parent), i));
      return g_strdup_printf ("phases %p", parent);
    }

  if (WF_IS_LANE (item))
    {
      for (guint i = 0; i < wf_map_get_n_lanes (WF_MAP (parent)); i++)
        g_ptr_array_add (members, wf_map_get_lane (WF_MAP (parent), i));
      return g_strdup_printf ("lanes %p", parent);
    }

  if (WF_IS_LINK (item))
    {
      for (guint i = 0; i < wf_map_get_n_links (WF_MAP (parent)); i++)
        g_ptr_array_add (members, wf_map_get_link (WF_MAP (parent), i));
      return g_strdup_printf ("links %p", parent);
    }

  if (WF_IS_CARD (item))
    {
      WfCard *card = WF_CARD (item);
      GPtrArray *cell = wf_map_get_cell (WF_MAP (parent), wf_card_get_phase (card), wf_card_get_lane (card));

      for (guint i = 0; cell != NULL && i < cell->len; i++)
        g_ptr_array_add (members, g_ptr_array_index (cell, i));
      return g_strdup_printf ("cell %p %p", wf_card_get_phase (card), wf_card_get_lane (card));
    }

  return NULL;
}

static gboolean
needs_key (Entry *entry)
{
  return entry != NULL && entry->present && (entry->added || entry->moved || entry->all);
}

/* Gives the added and moved items of @item's list keys between their
 * kept neighbours', staged until the transaction commits.
 */
static void
assign_list (WfTeamJournal *self,
             WfItem        *item,
             GHashTable    *done)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  char *list = list_of (self->document, item, members);

  if (list == NULL || !g_hash_table_add (done, list))
    return;

  for (guint i = 0; i < members->len; i++)
    {
      const char *id = wf_item_get_id (g_ptr_array_index (members, i));

      g_ptr_array_add (keys, needs_key (lookup_entry (self, id)) ? NULL : g_strdup (_wf_team_journal_current_key (self, id)));
    }

  wf_team_keys_assign (keys);

  for (guint i = 0; i < members->len; i++)
    {
      const char *id = wf_item_get_id (g_ptr_array_index (members, i));
      const char *key = g_ptr_array_index (keys, i);

      if (g_strcmp0 (key, _wf_team_journal_current_key (self, id)) != 0)
        g_hash_table_insert (self->staged_keys, g_strdup (id), g_strdup (key));
    }
}

/* Writing a record */

static gint64
highest_version (WfTeamJournal *self,
                 const char    *id)
{
  WfTeamItemState *item = g_hash_table_lookup (self->items, id);
  GHashTableIter iter;
  gpointer seq;
  gint64 highest = 0;

  if (item == NULL)
    return 0;

  g_hash_table_iter_init (&iter, item->versions);
  while (g_hash_table_iter_next (&iter, NULL, &seq))
    highest = MAX (highest, *(gint64 *) seq);

  return highest;
}

static void
begin_op (GString    *ops,
          const char *kind,
          const char *id)
{
  if (ops->len > 0)
    g_string_append_c (ops, ',');
  g_string_append (ops, "{\"op\":");
  _wf_team_append_string (ops, kind);
  g_string_append (ops, ",\"id\":");
  _wf_team_append_string (ops, id);
}

static void
add_op (WfTeamJournal *self,
        GString       *ops,
        Entry         *entry)
{
  WfItem *parent = wf_item_get_parent (entry->item);
  g_autofree char *value = wf_journey_member_write_item (entry->item);
  const char *key = _wf_team_journal_current_key (self, entry->id);

  g_assert (key != NULL);

  begin_op (ops, "add", entry->id);
  g_string_append (ops, ",\"type\":");
  _wf_team_append_string (ops, type_of (entry->item));
  g_string_append (ops, ",\"parent\":");
  if (WF_IS_MAP (parent))
    _wf_team_append_string (ops, wf_item_get_id (parent));
  else
    g_string_append (ops, "null");
  g_string_append (ops, ",\"pos\":");
  _wf_team_append_string (ops, key);
  g_string_append (ops, ",\"value\":");
  g_string_append (ops, value);
  g_string_append_c (ops, '}');

  g_ptr_array_add (self->staged_pending, _wf_team_pending_key (entry->id, "@item"));
}

static void
move_op (WfTeamJournal *self,
         GString       *ops,
         WfItem        *item)
{
  const char *id = wf_item_get_id (item);
  const char *key = _wf_team_journal_current_key (self, id);

  begin_op (ops, "move", id);
  if (WF_IS_CARD (item))
    {
      g_string_append (ops, ",\"phase\":");
      _wf_team_append_string (ops, wf_item_get_id (WF_ITEM (wf_card_get_phase (WF_CARD (item)))));
      g_string_append (ops, ",\"lane\":");
      _wf_team_append_string (ops, wf_item_get_id (WF_ITEM (wf_card_get_lane (WF_CARD (item)))));
    }
  g_string_append (ops, ",\"pos\":");
  _wf_team_append_string (ops, key ? key : "V");
  g_string_append_printf (ops, ",\"base\":%" G_GINT64_FORMAT "}", _wf_team_journal_version_of (self, id, "@place"));

  g_ptr_array_add (self->staged_pending, _wf_team_pending_key (id, "@place"));
}

static void
set_op (WfTeamJournal *self,
        GString       *ops,
        Entry         *entry,
        const char    *member)
{
  g_autofree char *value = wf_journey_member_write (entry->item, member);

  begin_op (ops, "set", entry->id);
  g_string_append (ops, ",\"member\":");
  _wf_team_append_string (ops, member);
  g_string_append (ops, ",\"value\":");
  g_string_append (ops, value);
  g_string_append_printf (ops, ",\"base\":%" G_GINT64_FORMAT "}", _wf_team_journal_version_of (self, entry->id, member));

  g_ptr_array_add (self->staged_pending, _wf_team_pending_key (entry->id, member));
}

/* What names @item as it went, as a state {type, parent, pos, value}
 * like the server keeps, with its title or name only (a removed card
 * has no cell to write): should the removal meet someone else's
 * change, the conflict it makes here names the item (wf-team-apply.c). */
static void
note_gone (WfTeamJournal *self,
           Entry         *entry)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (entry->item);
  const char *member = g_object_class_find_property (klass, "name") != NULL ? "name" : "title";
  g_autofree char *name = NULL;
  GString *state;

  if (WF_IS_DOCUMENT (entry->item) || g_object_class_find_property (klass, member) == NULL)
    return;

  g_object_get (entry->item, member, &name, NULL);
  state = g_string_new ("{\"type\":");
  _wf_team_append_string (state, type_of (entry->item));
  g_string_append (state, ",\"parent\":null,\"pos\":\"\",\"value\":{");
  _wf_team_append_string (state, member);
  g_string_append_c (state, ':');
  _wf_team_append_string (state, name ? name : "");
  g_string_append (state, "}}");
  g_hash_table_replace (self->gone, g_strdup (entry->id), g_string_free (state, FALSE));
}

static void
remove_op (WfTeamJournal *self,
           GString       *ops,
           Entry         *entry)
{
  note_gone (self, entry);
  begin_op (ops, "remove", entry->id);
  g_string_append_printf (ops, ",\"base\":%" G_GINT64_FORMAT "}", highest_version (self, entry->id));
  g_ptr_array_add (self->staged_pending, _wf_team_pending_key (entry->id, "@removed"));
}

/* The ops of what was noted, in an order the server can apply: adds,
 * parents first; moves; sets; removes, dependents first.
 */
static void
build_ops (WfTeamJournal *self,
           GString       *ops)
{
  g_autoptr(GHashTable) lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) moved = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer id;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (needs_key (entry) && !WF_IS_DOCUMENT (entry->item))
        assign_list (self, entry->item, lists);
      else if (!entry->present && !entry->added)
        g_hash_table_insert (self->staged_keys, g_strdup (entry->id), NULL);
    }

  for (int rank = 0; rank <= 5; rank++)
    for (guint i = 0; i < self->entries->len; i++)
      {
        Entry *entry = g_ptr_array_index (self->entries, i);

        if (entry->added && entry->present && rank_of (entry->item) == rank)
          add_op (self, ops, entry);
      }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->present && !entry->added && (entry->moved || entry->all) &&
          !WF_IS_DOCUMENT (entry->item))
        {
          move_op (self, ops, entry->item);
          g_hash_table_add (moved, entry->id);
        }
    }

  /* Kept items whose keys were out of order got new ones. */
  g_hash_table_iter_init (&iter, self->staged_keys);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      Entry *entry = lookup_entry (self, id);
      WfItem *item;

      if (g_hash_table_contains (moved, id) || (entry != NULL && (entry->added || !entry->present)))
        continue;
      if ((item = wf_document_lookup (self->document, id)) != NULL)
        move_op (self, ops, item);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (!entry->present || entry->added)
        continue;

      if (entry->all)
        {
          const char * const *members = wf_journey_member_list (G_OBJECT_TYPE (entry->item));

          for (guint j = 0; members[j] != NULL; j++)
            set_op (self, ops, entry, members[j]);
        }
      else
        {
          for (guint j = 0; j < entry->members->len; j++)
            set_op (self, ops, entry, g_ptr_array_index (entry->members, j));
        }
    }

  for (int rank = 5; rank >= 0; rank--)
    for (guint i = 0; i < self->entries->len; i++)
      {
        Entry *entry = g_ptr_array_index (self->entries, i);

        if (!entry->present && !entry->added && entry->removed && rank_of (entry->item) == rank)
          remove_op (self, ops, entry);
      }

  /* Conflicts closed, items brought back: after what the step did. */
  for (guint i = 0; i < self->resolves->len; i++)
    {
      if (ops->len > 0)
        g_string_append_c (ops, ',');
      g_string_append (ops, g_ptr_array_index (self->resolves, i));
    }
  self->staged_resolves = self->resolves->len;
}

static gboolean
write_record (WfTeamJournal  *self,
              sqlite3        *db,
              GError        **error)
{
  g_autoptr(GString) ops = g_string_new (NULL);
  g_autoptr(GString) record = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *made = NULL;
  const char *label;
  sqlite3_stmt *stmt = NULL;
  int rc;

  build_ops (self, ops);
  if (ops->len == 0)
    return TRUE;

  /* The step done or redone, or the one undone. */
  self->staged_position = wf_undo_stack_get_position (self->stack);
  if (self->entries->len == 0)
    label = _("Resolve Conflict");
  else
    label = self->staged_position < self->position ? wf_undo_stack_get_redo_label (self->stack)
                                                   : wf_undo_stack_get_undo_label (self->stack);

  record = g_string_new (NULL);
  g_string_append_printf (record, "{\"v\":%d,\"seen\":%" G_GINT64_FORMAT ",\"ops\":[%s]}",
                          WF_TEAM_JOURNAL_RECORD_VERSION, self->seq, ops->str);

  now = g_date_time_new_now_utc ();
  made = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  rc = sqlite3_prepare_v2 (db, "INSERT INTO team_outbox (doc, client_seq, label, record, made)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->doc);
      sqlite3_bind_int64 (stmt, 2, self->next);
      sqlite3_bind_text (stmt, 3, label ? label : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, record->str, record->len, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, made, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  self->staged_record = TRUE;

  return TRUE;
}

static void
clear_staged (WfTeamJournal *self)
{
  g_hash_table_remove_all (self->staged_keys);
  g_ptr_array_set_size (self->staged_pending, 0);
  self->staged_record = FALSE;
  self->staged_resolves = 0;
}

static gboolean
on_autosave_write (sqlite3   *db,
                   gint64     doc,
                   gpointer   data,
                   GError   **error)
{
  WfTeamJournal *self = data;

  g_assert (doc == self->doc);

  clear_staged (self);

  if ((self->entries->len > 0 || self->resolves->len > 0) && !write_record (self, db, error))
    return FALSE;

  return _wf_team_journal_write_rows (self, db, error);
}

/* The transaction committed: what it holds is now the state. If it did
 * not, everything noted is kept for the next one.
 */
static void
on_autosave_done (gboolean committed,
                  gpointer data)
{
  WfTeamJournal *self = data;
  GHashTableIter iter;
  gpointer id, key;
  gboolean recorded, conflicts_changed;

  if (!committed)
    {
      clear_staged (self);
      return;
    }

  g_hash_table_iter_init (&iter, self->staged_keys);
  while (g_hash_table_iter_next (&iter, &id, &key))
    {
      if (key == NULL)
        g_hash_table_remove (self->items, id);
      else
        {
          WfTeamItemState *item = _wf_team_journal_ensure (self, id);

          g_free (item->pos);
          item->pos = g_strdup (key);
        }
    }

  if (self->staged_record)
    {
      g_ptr_array_remove_range (self->resolves, 0, self->staged_resolves);
      _wf_team_journal_add_pending (self, self->next, self->staged_pending);
      self->next++;
      self->position = self->staged_position;
    }

  g_ptr_array_set_size (self->entries, 0);
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->dirty);
  g_array_set_size (self->answered, 0);
  self->document_dirty = FALSE;
  conflicts_changed = self->conflicts_dirty;
  self->conflicts_dirty = FALSE;
  recorded = self->staged_record;
  clear_staged (self);

  if (conflicts_changed)
    g_signal_emit (self, signals[CONFLICTS_CHANGED], 0);
  if (recorded)
    g_signal_emit (self, signals[RECORDED], 0);
}

/* GObject */

static void
wf_team_journal_dispose (GObject *object)
{
  WfTeamJournal *self = WF_TEAM_JOURNAL (object);

  wf_team_journal_close (self);

  G_OBJECT_CLASS (wf_team_journal_parent_class)->dispose (object);
}

static void
wf_team_journal_finalize (GObject *object)
{
  WfTeamJournal *self = WF_TEAM_JOURNAL (object);

  g_clear_object (&self->autosave);
  g_clear_object (&self->document);
  g_clear_object (&self->stack);
  g_free (self->client);
  g_free (self->last);
  g_hash_table_unref (self->items);
  g_hash_table_unref (self->dirty);
  g_ptr_array_unref (self->conflicts);
  g_array_unref (self->answered);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->records);
  g_ptr_array_unref (self->resolves);
  g_hash_table_unref (self->gone);
  g_hash_table_unref (self->editors);
  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->staged_keys);
  g_ptr_array_unref (self->staged_pending);

  G_OBJECT_CLASS (wf_team_journal_parent_class)->finalize (object);
}

static void
wf_team_journal_class_init (WfTeamJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wf_team_journal_dispose;
  object_class->finalize = wf_team_journal_finalize;

  /**
   * WfTeamJournal::recorded:
   *
   * A new record is in the outbox: its transaction committed.
   */
  signals[RECORDED] =
    g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * WfTeamJournal::conflicts-changed:
   *
   * The open conflicts changed (applied from the log or a state read, or
   * resolved here) and were written.
   */
  signals[CONFLICTS_CHANGED] =
    g_signal_new ("conflicts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wf_team_journal_init (WfTeamJournal *self)
{
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _wf_team_item_state_free);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->conflicts = g_ptr_array_new_with_free_func (_wf_team_conflict_free);
  self->answered = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->records = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_strfreev);
  self->resolves = g_ptr_array_new_with_free_func (g_free);
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->gone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->editors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->staged_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->staged_pending = g_ptr_array_new_with_free_func (g_free);
}

/**
 * wf_team_journal_new:
 * @autosave: the autosave of a team document (one with a row in
 *   team_documents)
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Starts recording the steps made in @autosave's document as change
 * records in the outbox, in the autosave's transactions.
 *
 * Returns: (transfer full) (nullable): the journal, or %NULL if the team
 *   state could not be read
 */
WfTeamJournal *
wf_team_journal_new (WfAutosave  *autosave,
                     GError     **error)
{
  g_autoptr(WfTeamJournal) self = NULL;

  g_return_val_if_fail (WF_IS_AUTOSAVE (autosave), NULL);

  self = g_object_new (WF_TYPE_TEAM_JOURNAL, NULL);
  self->autosave = g_object_ref (autosave);
  self->document = g_object_ref (wf_autosave_get_document (autosave));
  self->stack = g_object_ref (wf_document_get_undo_stack (self->document));
  self->doc = wf_autosave_get_id (autosave);
  self->position = wf_undo_stack_get_position (self->stack);

  if (!_wf_team_journal_read_state (self, wf_library_get_db (wf_autosave_get_library (autosave)), error))
    {
      self->closed = TRUE;
      return NULL;
    }

  g_signal_connect_swapped (self->document, "item-added", G_CALLBACK (on_item_added), self);
  g_signal_connect_swapped (self->document, "item-removed", G_CALLBACK (on_item_removed), self);
  g_signal_connect_swapped (self->document, "item-moved", G_CALLBACK (on_item_moved), self);
  g_signal_connect_swapped (self->document, "item-changed", G_CALLBACK (on_item_changed), self);
  wf_autosave_set_hook (autosave, on_autosave_write, on_autosave_done, self);

  return g_steal_pointer (&self);
}

/**
 * wf_team_journal_close:
 *
 * Stops recording. What was noted and not yet written is dropped: flush
 * the autosave first.
 */
void
wf_team_journal_close (WfTeamJournal *self)
{
  g_return_if_fail (WF_IS_TEAM_JOURNAL (self));

  if (self->closed)
    return;

  self->closed = TRUE;
  g_signal_handlers_disconnect_by_data (self->document, self);
  wf_autosave_set_hook (self->autosave, NULL, NULL, NULL);
}

WfAutosave *
wf_team_journal_get_autosave (WfTeamJournal *self)
{
  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), NULL);

  return self->autosave;
}

WfDocument *
wf_team_journal_get_document (WfTeamJournal *self)
{
  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), NULL);

  return self->document;
}

/**
 * wf_team_journal_get_client:
 *
 * Returns: this library's client UUID in the document's team
 */
const char *
wf_team_journal_get_client (WfTeamJournal *self)
{
  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), NULL);

  return self->client;
}

/**
 * wf_team_journal_get_seq:
 *
 * Returns: the seq of the last change applied here
 */
gint64
wf_team_journal_get_seq (WfTeamJournal *self)
{
  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), 0);

  return self->seq;
}

/**
 * wf_team_journal_get_key:
 * @id: an item's id, "" for the document
 *
 * Returns: (nullable): the item's position key, as last written
 */
const char *
wf_team_journal_get_key (WfTeamJournal *self,
                         const char    *id)
{
  WfTeamItemState *item;

  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), NULL);

  item = g_hash_table_lookup (self->items, id);

  return item ? item->pos : NULL;
}

/**
 * wf_team_journal_get_version:
 * @member: a member, or "@place"
 *
 * Returns: the seq of the change that last set @member of @id, or 0
 */
gint64
wf_team_journal_get_version (WfTeamJournal *self,
                             const char    *id,
                             const char    *member)
{
  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), 0);

  return _wf_team_journal_version_of (self, id, member);
}

/* Whether a step of ours removed @id and the removal has not come back
 * from the log yet, or was not even written: someone else's add of it
 * (an undone removal) is held back, as the server takes ours after it.
 */
gboolean
_wf_team_journal_is_removed_here (WfTeamJournal *self,
                                  const char    *id)
{
  g_autofree char *key = _wf_team_pending_key (id, "@removed");
  Entry *entry;

  if (g_hash_table_contains (self->pending, key))
    return TRUE;

  return (entry = lookup_entry (self, id)) != NULL && !entry->present;
}

/**
 * wf_team_journal_is_pending:
 * @member: a member, "@place", or "@item" for the item as a whole
 *
 * Whether @member of @id was changed here and the change has not come
 * back from the log yet, or was not even written: a change from someone
 * else to it is held back. "@item" is pending when the item was added
 * here (or came back by an undo), and then so is every member.
 */
gboolean
wf_team_journal_is_pending (WfTeamJournal *self,
                            const char    *id,
                            const char    *member)
{
  g_autofree char *key = NULL;
  g_autofree char *item_key = NULL;
  Entry *entry;

  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), FALSE);

  key = _wf_team_pending_key (id, member);
  item_key = _wf_team_pending_key (id, "@item");
  if (g_hash_table_contains (self->pending, key) || g_hash_table_contains (self->pending, item_key))
    return TRUE;

  if ((entry = lookup_entry (self, id)) == NULL || !entry->present)
    return FALSE;

  if (entry->added || entry->all)
    return TRUE;
  if (strcmp (member, "@item") == 0)
    return FALSE;
  if (strcmp (member, "@place") == 0)
    return entry->moved;

  return g_ptr_array_find_with_equal_func (entry->members, member, g_str_equal, NULL);
}

/* The state of item @id as this library removed it, or NULL. */
const char *
_wf_team_journal_gone_state (WfTeamJournal *self,
                             const char    *id)
{
  return g_hash_table_lookup (self->gone, id);
}

/* Someone else, @author, changed item @id, which is not here. */
void
_wf_team_journal_note_editor (WfTeamJournal *self,
                              const char    *id,
                              const char    *author)
{
  if (author != NULL && author[0] != '\0')
    g_hash_table_replace (self->editors, g_strdup (id), g_strdup (author));
}

/**
 * wf_team_journal_get_editor:
 * @id: an item's id
 *
 * Returns: (nullable): who else last changed item @id while it was not
 *   here (removed here first), as far as this session saw, or %NULL
 */
const char *
wf_team_journal_get_editor (WfTeamJournal *self,
                            const char    *id)
{
  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->editors, id);
}

/**
 * wf_team_journal_has_unsent:
 * @db: the library
 * @doc: a document's library id
 * @if_unknown: what to answer when the outbox cannot be read
 *
 * Returns: whether @doc's outbox holds records the server has not
 *   answered (no seq yet); what it has written since must be flushed
 *   first (wf_autosave_flush())
 */
gboolean
wf_team_journal_has_unsent (sqlite3  *db,
                            gint64    doc,
                            gboolean  if_unknown)
{
  sqlite3_stmt *stmt = NULL;
  gboolean unsent = if_unknown;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM team_outbox WHERE doc = ?1 AND seq IS NULL LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, doc);
      unsent = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);

  return unsent;
}
