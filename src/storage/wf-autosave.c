/* wf-autosave.c — keeps a document's rows in the library up to date, edit by edit
 *
 * WfAutosave listens to a document: it notes which items were added,
 * removed, moved or changed, and when the undo stack says a step is
 * complete (done, undone or redone), it writes just those rows in one
 * transaction. A step that is still being typed into (the stack says it
 * is merging) is written when it is sealed or followed by another step,
 * or after a pause of WF_AUTOSAVE_DELAY (typing that never pauses,
 * after WF_AUTOSAVE_MAX_WAIT times that), so typing a title costs one
 * commit (one more a pause) rather than one a key. A step that sets
 * one text or size (a title typed, a field pasted into, a card resized)
 * counts as being typed until the next step, a seal or the pause. A
 * crash or a kill at any moment therefore loses no completed step of
 * another kind, and of a text or size being set at most the last
 * pause's worth. When a write fails (a full disk, a
 * read-only library), the document stays editable, #WfAutosave:error
 * says why, and the next write that can succeed rewrites the whole
 * document.
 *
 * The automatic revision (the whole document, every ten minutes of
 * editing) is made in an idle of low priority after the write that made
 * it due, not inside the edit; closing makes a due one at once.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wf-autosave-private.h"
#include "wf-sqlite.h"

typedef enum {
  OP_ADD,
  OP_REMOVE,
  OP_MOVE,
} OpKind;

typedef struct
{
  OpKind  kind;
  WfItem *item;
} Op;

struct _WfAutosave
{
  GObject         parent_instance;

  WfLibrary      *library;
  sqlite3        *db;
  gint64          id;
  WfDocument     *document;
  WfUndoStack    *stack;
  WfSqliteWriter *writer;

  GArray         *ops;          /* of Op, in the order they happened */
  GHashTable     *changed;      /* WfItem → itself: rows to rewrite */
  gboolean        document_changed;
  GHashTable     *positions;    /* WfItem → position + 1, as in the database */
  gboolean        rewrite;      /* a write failed: write everything next time */
  GHashTable     *removed;      /* ids removed since the last write */
  int             unsaved;      /* as written, or -1 */
  GError         *error;

  guint           position;     /* of the stack at its last "changed" */
  guint           flush_id;     /* writes a step being typed, after a pause */
  guint           delay;        /* of that pause, in ms */
  gint64          waiting_since; /* monotonic µs the step being typed first waited, or 0 */
  guint           n_commits;    /* transactions written by wf_autosave_flush() */

  guint           changes;      /* completed commands since the last revision */
  GDateTime      *last_revision;
  guint           revision_id;  /* makes the automatic revision that is due */
  GDateTime    *(*now) (void);
  gboolean        closed;

  WfAutosaveWriteFunc hook_write;  /* writes in the transaction, before COMMIT */
  WfAutosaveDoneFunc  hook_done;   /* told whether it was committed */
  gpointer            hook_data;
  gboolean            hook_changed; /* the hook has something to write */
};

enum {
  PROP_0,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WfAutosave, wf_autosave, G_TYPE_OBJECT)

static void
clear_op (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->item);
}

static gboolean
attached (WfAutosave *self,
          WfItem     *item)
{
  return wf_item_get_document (item) == self->document && !WF_IS_DOCUMENT (item);
}

static int
position_of (WfAutosave *self,
             WfItem     *item)
{
  WfItem *parent = wf_item_get_parent (item);

  if (WF_IS_PERSONA (item))
    return wf_document_get_persona_index (self->document, WF_PERSONA (item));
  if (WF_IS_MAP (item))
    return wf_document_get_map_index (self->document, WF_MAP (item));
  if (WF_IS_PHASE (item))
    return wf_map_get_phase_index (WF_MAP (parent), WF_PHASE (item));
  if (WF_IS_LANE (item))
    return wf_map_get_lane_index (WF_MAP (parent), WF_LANE (item));
  if (WF_IS_CARD (item))
    return wf_map_get_card_index (WF_MAP (parent), WF_CARD (item));
  return wf_map_get_link_index (WF_MAP (parent), WF_LINK (item));
}

static void
remember_position (WfAutosave *self,
                   WfItem     *item,
                   int         position)
{
  g_hash_table_insert (self->positions, item, GINT_TO_POINTER (position + 1));
}

/* Every item of the document with its present position, as the database
 * holds them after a full write or after normalize().
 */
static void
remember_all (WfAutosave *self)
{
  g_hash_table_remove_all (self->positions);

  for (guint i = 0; i < wf_document_get_n_personas (self->document); i++)
    remember_position (self, WF_ITEM (wf_document_get_persona (self->document, i)), i);

  for (guint m = 0; m < wf_document_get_n_maps (self->document); m++)
    {
      WfMap *map = wf_document_get_map (self->document, m);
      g_autoptr(GPtrArray) cards = wf_map_list_cards (map);

      remember_position (self, WF_ITEM (map), m);
      for (guint i = 0; i < wf_map_get_n_phases (map); i++)
        remember_position (self, WF_ITEM (wf_map_get_phase (map, i)), i);
      for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
        remember_position (self, WF_ITEM (wf_map_get_lane (map, i)), i);
      for (guint i = 0; i < wf_map_get_n_links (map); i++)
        remember_position (self, WF_ITEM (wf_map_get_link (map, i)), i);
      for (guint i = 0; i < cards->len; i++)
        remember_position (self, g_ptr_array_index (cards, i),
                           wf_map_get_card_index (map, g_ptr_array_index (cards, i)));
    }
}

/**
 * wf_autosave_normalize:
 * @db: a library's database, in a transaction
 * @id: a document of it
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Positions in the database may have gaps (a row deleted by an earlier
 * session); numbers each list of @id 0, 1, 2… in the order it is read,
 * so that they equal the positions in the model, as the autosave needs.
 * It reads every row of the document (60 ms for 20,000 cards): a worker
 * that wrote the document does it on its own connection, and the
 * autosave is then made with wf_autosave_new_normalized().
 *
 * Returns: whether it worked
 */
gboolean
wf_autosave_normalize (gpointer   db,
                       gint64     id,
                       GError   **error)
{
  static const char * const statements[] = {
    "UPDATE personas SET position = r.n FROM (SELECT rowid AS k, row_number () OVER"
    " (ORDER BY position, rowid) - 1 AS n FROM personas WHERE doc = ?1) AS r"
    " WHERE personas.rowid = r.k AND personas.position != r.n",
    "UPDATE maps SET position = r.n FROM (SELECT rowid AS k, row_number () OVER"
    " (ORDER BY position, rowid) - 1 AS n FROM maps WHERE doc = ?1) AS r"
    " WHERE maps.rowid = r.k AND maps.position != r.n",
    "UPDATE phases SET position = r.n FROM (SELECT rowid AS k, row_number () OVER"
    " (PARTITION BY map ORDER BY position, rowid) - 1 AS n FROM phases WHERE doc = ?1) AS r"
    " WHERE phases.rowid = r.k AND phases.position != r.n",
    "UPDATE lanes SET position = r.n FROM (SELECT rowid AS k, row_number () OVER"
    " (PARTITION BY map ORDER BY position, rowid) - 1 AS n FROM lanes WHERE doc = ?1) AS r"
    " WHERE lanes.rowid = r.k AND lanes.position != r.n",
    "UPDATE links SET position = r.n FROM (SELECT rowid AS k, row_number () OVER"
    " (PARTITION BY map ORDER BY position, rowid) - 1 AS n FROM links WHERE doc = ?1) AS r"
    " WHERE links.rowid = r.k AND links.position != r.n",
    "UPDATE cards SET position = r.n FROM (SELECT key AS k, row_number () OVER"
    " (PARTITION BY map, phase, lane ORDER BY position, key) - 1 AS n FROM cards WHERE doc = ?1) AS r"
    " WHERE cards.key = r.k AND cards.position != r.n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, statements[i], -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);

      if (rc != SQLITE_DONE)
        return wf_sqlite_set_error (error, db, rc);
    }

  return TRUE;
}

static void
forget_tree (WfAutosave *self,
             WfItem     *item)
{
  g_hash_table_remove (self->positions, item);

  if (WF_IS_MAP (item))
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      wf_map_collect_items (WF_MAP (item), items);
      for (guint i = 0; i < items->len; i++)
        g_hash_table_remove (self->positions, g_ptr_array_index (items, i));
    }
}

/* Writes @item at @position, or at its place in the model if -1. */
static gboolean
put (WfAutosave  *self,
     WfItem      *item,
     int          position,
     gboolean     tree,
     GError     **error)
{
  if (position < 0)
    position = position_of (self, item);

  if (tree ? !wf_sqlite_writer_put_tree (self->writer, item, position, error)
           : !wf_sqlite_writer_put_item (self->writer, item, position, error))
    return FALSE;

  remember_position (self, item, position);

  if (tree && WF_IS_MAP (item))
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      wf_map_collect_items (WF_MAP (item), items);
      for (guint i = 0; i < items->len; i++)
        {
          WfItem *child = g_ptr_array_index (items, i);

          if (child != item)
            remember_position (self, child, position_of (self, child));
        }
    }

  return TRUE;
}

/* The list that holds @item, as a key, and its members. */
static char *
list_of (WfAutosave *self,
         WfItem     *item,
         GPtrArray  *members)
{
  WfItem *parent = wf_item_get_parent (item);

  if (WF_IS_PERSONA (item))
    {
      for (guint i = 0; i < wf_document_get_n_personas (self->document); i++)
        g_ptr_array_add (members, wf_document_get_persona (self->document, i));
      return g_strdup ("personas");
    }

  if (WF_IS_MAP (item))
    {
      for (guint i = 0; i < wf_document_get_n_maps (self->document); i++)
        g_ptr_array_add (members, wf_document_get_map (self->document, i));
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

  {
    WfCard *card = WF_CARD (item);
    GPtrArray *cell = wf_map_get_cell (WF_MAP (parent), wf_card_get_phase (card), wf_card_get_lane (card));

    for (guint i = 0; cell != NULL && i < cell->len; i++)
      g_ptr_array_add (members, g_ptr_array_index (cell, i));
    return g_strdup_printf ("cell %p %p", wf_card_get_phase (card), wf_card_get_lane (card));
  }
}

/* Gives each member of the lists in @lists the position it has in the
 * model, writing only those whose position in the database differs.
 */
static gboolean
renumber (WfAutosave  *self,
          GPtrArray   *lists,
          GError     **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < lists->len; i++)
    {
      WfItem *item = g_ptr_array_index (lists, i);
      g_autoptr(GPtrArray) members = g_ptr_array_new ();
      char *key;

      if (!attached (self, item))
        continue;

      key = list_of (self, item, members);
      if (!g_hash_table_add (done, key))
        continue;

      for (guint j = 0; j < members->len; j++)
        {
          WfItem *member = g_ptr_array_index (members, j);

          if (GPOINTER_TO_INT (g_hash_table_lookup (self->positions, member)) == (int) j + 1)
            continue;

          if (!wf_sqlite_writer_set_position (self->writer, member, j, error))
            return FALSE;
          remember_position (self, member, j);
        }
    }

  return TRUE;
}

static gboolean
write_changes (WfAutosave  *self,
               GError     **error)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer item;

  if (self->rewrite)
    {
      if (!wf_sqlite_write_content (self->db, self->id, self->document, error))
        return FALSE;
      remember_all (self);
      return TRUE;
    }

  /* Changed rows first: a deletion below may cascade through a reference
   * that this command changed (a lane given to another persona before the
   * old persona is removed). A changed item keeps the position the
   * database has for it: its siblings may not have been renumbered after
   * a removal.
   */
  g_hash_table_iter_init (&iter, self->changed);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      int known = GPOINTER_TO_INT (g_hash_table_lookup (self->positions, item)) - 1;

      if (!attached (self, item))
        continue;
      if (!put (self, item, known, FALSE, error))
        return FALSE;
      if (known < 0)
        g_ptr_array_add (lists, item);
    }

  for (guint i = 0; i < self->ops->len; i++)
    {
      Op *op = &g_array_index (self->ops, Op, i);

      switch (op->kind)
        {
        case OP_ADD:
          if (!attached (self, op->item))
            break;
          if (!put (self, op->item, -1, TRUE, error))
            return FALSE;
          g_ptr_array_add (lists, op->item);
          break;

        case OP_REMOVE:
          if (!wf_sqlite_writer_delete_item (self->writer, op->item, error))
            return FALSE;
          forget_tree (self, op->item);
          break;

        case OP_MOVE:
        default:
          if (!attached (self, op->item))
            break;
          /* A card that changed cells changes its phase and lane. */
          if (WF_IS_CARD (op->item) && !put (self, op->item, -1, FALSE, error))
            return FALSE;
          g_ptr_array_add (lists, op->item);
          break;
        }
    }

  if (!renumber (self, lists, error))
    return FALSE;

  if (self->document_changed &&
      !wf_sqlite_writer_put_document (self->writer, self->document, error))
    return FALSE;

  return TRUE;
}

static void
set_error (WfAutosave *self,
           GError     *error)
{
  if (error == NULL && self->error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static GDateTime *
now_utc (void)
{
  return g_date_time_new_now_utc ();
}

static gboolean
write_state (WfAutosave  *self,
             gboolean     unsaved,
             GError     **error)
{
  g_autoptr(GDateTime) now = self->now ();
  g_autofree char *changed = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "UPDATE documents SET changed = ?2, unsaved = ?3, open = 1"
                                     " WHERE id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->id);
      sqlite3_bind_text (stmt, 2, changed, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, unsaved);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, self->db, rc);

  return TRUE;
}

static gboolean
on_revision_idle (gpointer data)
{
  WfAutosave *self = data;

  self->revision_id = 0;
  wf_autosave_add_revision (self, "auto");

  return G_SOURCE_REMOVE;
}

/**
 * wf_autosave_flush:
 * @self: an autosave
 *
 * Writes what changed since the last flush, in one transaction. Called
 * when a step completes, and after a pause in typing into one; call it
 * after changing the document outside the undo stack, or to have the
 * library up to date at once.
 *
 * Returns: whether the library now holds the document as it is
 */
gboolean
wf_autosave_flush (WfAutosave *self)
{
  g_autoptr(GError) error = NULL;
  gboolean content = self->ops->len > 0 || g_hash_table_size (self->changed) > 0 ||
                     self->document_changed;
  gboolean unsaved;

  g_return_val_if_fail (WF_IS_AUTOSAVE (self), FALSE);

  if (self->closed)
    return FALSE;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  self->waiting_since = 0;
  unsaved = wf_undo_stack_get_modified (self->stack);

  if (!content && !self->rewrite && !self->hook_changed && (int) unsaved == self->unsaved)
    return TRUE;

  if (self->writer == NULL &&
      !(self->writer = wf_sqlite_writer_new (self->db, self->id, &error)))
    goto fail;

  if (!wf_sqlite_exec (self->db, "BEGIN IMMEDIATE", &error))
    goto fail;

  if (!write_changes (self, &error) ||
      !write_state (self, unsaved, &error) ||
      (self->hook_write != NULL && !self->hook_write (self->db, self->id, self->hook_data, &error)) ||
      !wf_sqlite_exec (self->db, "COMMIT", &error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      goto fail;
    }

  self->hook_changed = FALSE;
  if (self->hook_done != NULL)
    self->hook_done (TRUE, self->hook_data);

  g_debug ("Autosaved document %" G_GINT64_FORMAT ": %u changes, %u items%s",
           self->id, self->ops->len, g_hash_table_size (self->changed), self->rewrite ? ", rewritten" : "");
  g_array_set_size (self->ops, 0);
  g_hash_table_remove_all (self->changed);
  g_hash_table_remove_all (self->removed);
  self->document_changed = FALSE;
  self->rewrite = FALSE;
  self->unsaved = unsaved;
  self->n_commits++;
  set_error (self, NULL);

  /* The revision writes the whole document (a tenth of a second for a
   * large one): not inside the edit, but once the main loop is idle.
   */
  if (content)
    {
      g_autoptr(GDateTime) now = self->now ();

      self->changes++;
      if (self->revision_id == 0 &&
          g_date_time_difference (now, self->last_revision) >= WF_AUTOSAVE_REVISION_INTERVAL)
        {
          self->revision_id = g_idle_add_full (G_PRIORITY_LOW, on_revision_idle, self, NULL);
          g_source_set_name_by_id (self->revision_id, "[wayfinder] automatic revision");
        }
    }

  return TRUE;

fail:
  /* What was noted is kept until a write succeeds; the next one writes
   * the whole document, so nothing of the failed one is lost.
   */
  g_array_set_size (self->ops, 0);
  g_hash_table_remove_all (self->changed);
  g_hash_table_remove_all (self->removed);
  self->rewrite = TRUE;
  if (self->hook_done != NULL)
    self->hook_done (FALSE, self->hook_data);
  set_error (self, g_steal_pointer (&error));
  return FALSE;
}

/**
 * wf_autosave_add_revision:
 * @self: an autosave
 * @kind: "save", "auto" or "restore"
 *
 * Stores the document as it is now as a revision, and thins out the old
 * automatic ones.
 *
 * Returns: whether the revision was stored
 */
gboolean
wf_autosave_add_revision (WfAutosave *self,
                          const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = self->now ();

  g_return_val_if_fail (WF_IS_AUTOSAVE (self), FALSE);

  /* This one holds what a due automatic revision would. */
  g_clear_handle_id (&self->revision_id, g_source_remove);

  if (!wf_library_add_revision (self->library, self->id, self->document, kind, self->changes, &error))
    {
      set_error (self, g_steal_pointer (&error));
      return FALSE;
    }

  g_clear_pointer (&self->last_revision, g_date_time_unref);
  self->last_revision = g_date_time_ref (now);
  self->changes = 0;

  wf_library_thin_revisions (self->library, self->id, now, NULL);

  return TRUE;
}

/**
 * wf_autosave_saved:
 * @self: an autosave
 * @path: (nullable): the .journey file the document was saved to
 *
 * Call after the document was saved explicitly (and the undo stack told
 * so): links it to @path and stores a revision.
 */
gboolean
wf_autosave_saved (WfAutosave *self,
                   const char *path)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (WF_IS_AUTOSAVE (self), FALSE);

  if (!wf_autosave_flush (self))
    return FALSE;

  if (path != NULL && !wf_library_set_path (self->library, self->id, path, &error))
    {
      set_error (self, g_steal_pointer (&error));
      return FALSE;
    }

  return wf_autosave_add_revision (self, "save");
}

static void
add_op (WfAutosave *self,
        OpKind      kind,
        WfItem     *item)
{
  Op op = { kind, g_object_ref (item) };

  g_array_append_val (self->ops, op);
}

static void
on_item_added (WfAutosave *self,
               WfItem     *item)
{
  /* Removed and back in one write, as a team member's changes applied
   * in a batch can be: deleting its row took rows that refer to it
   * along (a phase's figures for a persona), so everything is written.
   */
  if (g_hash_table_contains (self->removed, wf_item_get_id (item)))
    self->rewrite = TRUE;

  add_op (self, OP_ADD, item);
}

static void
on_item_removed (WfAutosave *self,
                 WfItem     *item,
                 WfItem     *parent)
{
  g_hash_table_add (self->removed, g_strdup (wf_item_get_id (item)));
  add_op (self, OP_REMOVE, item);
}

static void
on_item_moved (WfAutosave *self,
               WfItem     *item)
{
  add_op (self, OP_MOVE, item);
}

static void
on_item_changed (WfAutosave *self,
                 WfItem     *item,
                 GParamSpec *pspec)
{
  if (WF_IS_DOCUMENT (item))
    self->document_changed = TRUE;
  else if (!g_hash_table_contains (self->changed, item))
    g_hash_table_add (self->changed, g_object_ref (item));
}

static gboolean
on_flush_timeout (gpointer data)
{
  WfAutosave *self = data;

  self->flush_id = 0;
  wf_autosave_flush (self);

  return G_SOURCE_REMOVE;
}

/* A step being typed waits for the step to be complete, or for a
 * pause, from its first key on: so a title typed into an emptied field
 * is one change for the team, not an empty title and then the rest.
 * Anything else is written at once, with what was still waiting.
 */
static void
on_stack_changed (WfAutosave *self)
{
  guint position = wf_undo_stack_get_position (self->stack);
  gboolean merging = wf_undo_stack_get_merging (self->stack);
  gboolean merged = position == self->position && merging;
  gboolean begun = position != self->position && merging && self->flush_id == 0;

  self->position = position;

  if (!merged && !begun)
    {
      wf_autosave_flush (self);
      return;
    }

  /* Typing that never pauses is written once it has waited
   * WF_AUTOSAVE_MAX_WAIT times the pause (5 s): a crash loses at most
   * that much of it, and the team sees a long text grow. */
  if (self->waiting_since == 0)
    self->waiting_since = g_get_monotonic_time ();
  else if (g_get_monotonic_time () - self->waiting_since >=
           (gint64) self->delay * WF_AUTOSAVE_MAX_WAIT * G_TIME_SPAN_MILLISECOND)
    {
      wf_autosave_flush (self);
      return;
    }

  g_clear_handle_id (&self->flush_id, g_source_remove);
  self->flush_id = g_timeout_add (self->delay, on_flush_timeout, self);
  g_source_set_name_by_id (self->flush_id, "[wayfinder] autosave");
}

/* The step being typed was sealed (the field lost the focus). */
static void
on_stack_merging (WfAutosave *self)
{
  if (!wf_undo_stack_get_merging (self->stack))
    wf_autosave_flush (self);
}

/**
 * wf_autosave_close:
 *
 * Writes what is left, and an automatic revision if one is due, and
 * notes that no window has the document open any more. The autosave does
 * nothing after this.
 */
void
wf_autosave_close (WfAutosave *self)
{
  g_return_if_fail (WF_IS_AUTOSAVE (self));

  if (self->closed)
    return;

  wf_autosave_flush (self);
  if (self->revision_id != 0)
    wf_autosave_add_revision (self, "auto");
  self->closed = TRUE;
  g_clear_handle_id (&self->flush_id, g_source_remove);

  g_signal_handlers_disconnect_by_data (self->document, self);
  g_signal_handlers_disconnect_by_data (self->stack, self);

  if (self->error == NULL)
    wf_library_set_open (self->library, self->id, FALSE, NULL);
}

static void
wf_autosave_dispose (GObject *object)
{
  WfAutosave *self = WF_AUTOSAVE (object);

  if (self->document != NULL)
    wf_autosave_close (self);

  G_OBJECT_CLASS (wf_autosave_parent_class)->dispose (object);
}

static void
wf_autosave_finalize (GObject *object)
{
  WfAutosave *self = WF_AUTOSAVE (object);

  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_handle_id (&self->revision_id, g_source_remove);
  g_clear_pointer (&self->writer, wf_sqlite_writer_free);
  g_clear_pointer (&self->ops, g_array_unref);
  g_clear_pointer (&self->changed, g_hash_table_unref);
  g_clear_pointer (&self->removed, g_hash_table_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->last_revision, g_date_time_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->stack);
  g_clear_object (&self->document);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (wf_autosave_parent_class)->finalize (object);
}

static void
wf_autosave_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WfAutosave *self = WF_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_autosave_class_init (WfAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wf_autosave_dispose;
  object_class->finalize = wf_autosave_finalize;
  object_class->get_property = wf_autosave_get_property;

  /**
   * WfAutosave:error:
   *
   * Why the library could not be written, or %NULL when it is up to date.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wf_autosave_init (WfAutosave *self)
{
  self->ops = g_array_new (FALSE, FALSE, sizeof (Op));
  g_array_set_clear_func (self->ops, clear_op);
  self->changed = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->positions = g_hash_table_new (NULL, NULL);
  self->unsaved = -1;
  self->delay = WF_AUTOSAVE_DELAY;
  self->now = now_utc;
}

/* Both constructors; @normalized skips wf_autosave_normalize(). */
static WfAutosave *
autosave_new (WfLibrary  *library,
              gint64      id,
              WfDocument *document,
              gboolean    normalized)
{
  WfAutosave *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (WF_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);

  self = g_object_new (WF_TYPE_AUTOSAVE, NULL);
  self->library = g_object_ref (library);
  self->db = wf_library_get_db (library);
  self->id = id;
  self->document = g_object_ref (document);
  self->stack = g_object_ref (wf_document_get_undo_stack (document));
  self->position = wf_undo_stack_get_position (self->stack);
  self->last_revision = self->now ();

  g_signal_connect_swapped (document, "item-added", G_CALLBACK (on_item_added), self);
  g_signal_connect_swapped (document, "item-removed", G_CALLBACK (on_item_removed), self);
  g_signal_connect_swapped (document, "item-moved", G_CALLBACK (on_item_moved), self);
  g_signal_connect_swapped (document, "item-changed", G_CALLBACK (on_item_changed), self);
  g_signal_connect_swapped (self->stack, "changed", G_CALLBACK (on_stack_changed), self);
  g_signal_connect_swapped (self->stack, "notify::merging", G_CALLBACK (on_stack_merging), self);

  remember_all (self);

  if (!wf_sqlite_exec (self->db, "BEGIN IMMEDIATE", &error))
    self->rewrite = TRUE;
  else if ((!normalized && !wf_autosave_normalize (self->db, self->id, &error)) ||
           !write_state (self, wf_undo_stack_get_modified (self->stack), &error) ||
           !wf_sqlite_exec (self->db, "COMMIT", &error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->rewrite = TRUE;
    }
  else
    self->unsaved = wf_undo_stack_get_modified (self->stack);

  if (error != NULL)
    self->error = g_steal_pointer (&error);

  return self;
}

/**
 * wf_autosave_new:
 * @library: a library
 * @id: the row of @document in @library
 * @document: a document, as the library holds it
 *
 * Starts keeping @document in @library and notes that a window has it
 * open. If that fails, #WfAutosave:error says why.
 *
 * Returns: (transfer full): the autosave
 */
WfAutosave *
wf_autosave_new (WfLibrary  *library,
                 gint64      id,
                 WfDocument *document)
{
  return autosave_new (library, id, document, FALSE);
}

/**
 * wf_autosave_new_normalized:
 * @library: a library
 * @id: the row of @document in @library, whose positions
 *   wf_autosave_normalize() numbered since the document was written
 * @document: a document, as the library holds it
 *
 * As wf_autosave_new(), without numbering the positions again.
 *
 * Returns: (transfer full): the autosave
 */
WfAutosave *
wf_autosave_new_normalized (WfLibrary  *library,
                            gint64      id,
                            WfDocument *document)
{
  return autosave_new (library, id, document, TRUE);
}

gint64
wf_autosave_get_id (WfAutosave *self)
{
  g_return_val_if_fail (WF_IS_AUTOSAVE (self), 0);

  return self->id;
}

WfDocument *
wf_autosave_get_document (WfAutosave *self)
{
  g_return_val_if_fail (WF_IS_AUTOSAVE (self), NULL);

  return self->document;
}

WfLibrary *
wf_autosave_get_library (WfAutosave *self)
{
  g_return_val_if_fail (WF_IS_AUTOSAVE (self), NULL);

  return self->library;
}

/**
 * wf_autosave_get_error:
 *
 * Returns: (nullable): why the library could not be written
 */
const GError *
wf_autosave_get_error (WfAutosave *self)
{
  g_return_val_if_fail (WF_IS_AUTOSAVE (self), NULL);

  return self->error;
}

/**
 * wf_autosave_set_clock:
 * @now: returns the present time, in UTC
 *
 * For tests: the clock that decides when an automatic revision is due.
 */
void
wf_autosave_set_clock (WfAutosave   *self,
                       GDateTime *(*now) (void))
{
  g_return_if_fail (WF_IS_AUTOSAVE (self));

  self->now = now ? now : now_utc;
  g_clear_pointer (&self->last_revision, g_date_time_unref);
  self->last_revision = self->now ();
}

/**
 * wf_autosave_set_hook:
 * @write: (nullable): called in each transaction before COMMIT
 * @done: (nullable): called after each transaction @write was called in
 *   (or that failed before), with whether it was committed
 * @user_data: for both, not owned; unset the hook before it goes
 *
 * Lets a listener beside the autosave (the team journal) write rows that
 * belong with the document's in the same transaction, so that the two
 * are in the library together or not at all. Storage knows nothing of
 * what is written. %NULL for both unsets the hook.
 */
void
wf_autosave_set_hook (WfAutosave          *self,
                      WfAutosaveWriteFunc  write,
                      WfAutosaveDoneFunc   done,
                      gpointer             user_data)
{
  g_return_if_fail (WF_IS_AUTOSAVE (self));

  self->hook_write = write;
  self->hook_done = done;
  self->hook_data = user_data;
  self->hook_changed = FALSE;
}

/**
 * wf_autosave_hook_changed:
 *
 * Tells the autosave that the hook has something to write although no
 * item may have changed (a remote change applied twice still moves the
 * document's last applied change on): the next wf_autosave_flush()
 * writes a transaction.
 */
void
wf_autosave_hook_changed (WfAutosave *self)
{
  g_return_if_fail (WF_IS_AUTOSAVE (self));

  self->hook_changed = TRUE;
}

/**
 * _wf_autosave_set_delay:
 * @delay_ms: the pause after which a step being typed is written
 *
 * For tests.
 */
void
_wf_autosave_set_delay (WfAutosave *self,
                        guint       delay_ms)
{
  g_return_if_fail (WF_IS_AUTOSAVE (self));

  self->delay = delay_ms;
}

/**
 * _wf_autosave_get_n_commits:
 *
 * For tests: how many transactions wf_autosave_flush() has written.
 */
guint
_wf_autosave_get_n_commits (WfAutosave *self)
{
  g_return_val_if_fail (WF_IS_AUTOSAVE (self), 0);

  return self->n_commits;
}

/**
 * wf_autosave_is_waiting:
 *
 * Whether a step being typed waits for a pause to be written: a flush
 * now would write it half typed.
 */
gboolean
wf_autosave_is_waiting (WfAutosave *self)
{
  g_return_val_if_fail (WF_IS_AUTOSAVE (self), FALSE);

  return self->flush_id != 0;
}
