/* wf-team-journal-state.c — a team document's state in the library
 *
 * What the journal (wf-team-journal.c) and applying records
 * (wf-team-apply.c) keep of a team document beside its content: each
 * item's position key and the versions of its members (team_items), the
 * last change applied and the next client_seq (team_documents), the open
 * conflicts (team_conflicts), and which members are pending, from the
 * records not yet back (team_outbox). It is read when the journal
 * starts, changed in memory, and written through the autosave's hook in
 * the transaction that holds the rows it belongs with.
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

static const char *
id_of (WfItem *item)
{
  return WF_IS_DOCUMENT (item) ? "" : wf_item_get_id (item);
}

/* Rows and JSON */

char *
_wf_team_pending_key (const char *id,
             const char *member)
{
  return g_strconcat (id, "\037", member, NULL);
}

void
_wf_team_item_state_free (gpointer data)
{
  WfTeamItemState *item = data;

  g_free (item->pos);
  g_hash_table_unref (item->versions);
  g_free (item);
}

static WfTeamItemState *
team_item_new (void)
{
  WfTeamItemState *item = g_new0 (WfTeamItemState, 1);

  item->versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return item;
}

void
_wf_team_conflict_free (gpointer data)
{
  WfTeamConflict *conflict = data;

  g_free (conflict->item);
  g_free (conflict->member);
  g_free (conflict->value);
  g_free (conflict->author);
  g_free (conflict->at);
  g_free (conflict);
}

void
_wf_team_append_string (GString    *out,
               const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* {"member": seq, …}, the members in byte order. */
static char *
versions_to_json (GHashTable *versions)
{
  g_autofree gpointer *members = NULL;
  GString *out = g_string_new ("{");
  guint n;

  if (versions != NULL)
    {
      members = g_hash_table_get_keys_as_array (versions, &n);
      qsort (members, n, sizeof (gpointer), compare_strings);
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          _wf_team_append_string (out, members[i]);
          g_string_append_printf (out, ":%" G_GINT64_FORMAT,
                                  *(gint64 *) g_hash_table_lookup (versions, members[i]));
        }
    }
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

static void
versions_from_json (GHashTable *versions,
                    const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &member, &node))
    {
      gint64 *seq = g_new (gint64, 1);

      *seq = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
      g_hash_table_insert (versions, g_strdup (member), seq);
    }
}

/* Reading */

/* The keys that a record's ops make pending: a member, "@place",
 * "@item" for an add, or "@removed" for a removal.
 */
static GPtrArray *
pending_keys_of (const char *record)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  JsonObject *root;
  JsonArray *ops;

  if (!json_parser_load_from_data (parser, record, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return keys;

  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "ops") ||
      !(ops = json_object_get_array_member (root, "ops")))
    return keys;

  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonObject *op = json_array_get_object_element (ops, i);
      const char *kind = op ? json_object_get_string_member_with_default (op, "op", "") : "";
      const char *id = op ? json_object_get_string_member_with_default (op, "id", NULL) : NULL;

      if (id == NULL)
        continue;

      if (strcmp (kind, "set") == 0)
        g_ptr_array_add (keys, _wf_team_pending_key (id, json_object_get_string_member_with_default (op, "member", "")));
      else if (strcmp (kind, "move") == 0)
        g_ptr_array_add (keys, _wf_team_pending_key (id, "@place"));
      else if (strcmp (kind, "add") == 0)
        g_ptr_array_add (keys, _wf_team_pending_key (id, "@item"));
      else if (strcmp (kind, "remove") == 0)
        g_ptr_array_add (keys, _wf_team_pending_key (id, "@removed"));
    }

  return keys;
}

void
_wf_team_journal_add_pending (WfTeamJournal *self,
             gint64         client_seq,
             GPtrArray     *keys)
{
  gint64 *key = g_new (gint64, 1);
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint i = 0; i < keys->len; i++)
    {
      const char *k = g_ptr_array_index (keys, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending, k));

      g_hash_table_insert (self->pending, g_strdup (k), GUINT_TO_POINTER (count + 1));
      g_strv_builder_add (builder, k);
    }

  *key = client_seq;
  g_hash_table_insert (self->records, key, g_strv_builder_end (builder));
  g_strv_builder_unref (builder);
}

gboolean
_wf_team_journal_read_state (WfTeamJournal  *self,
            sqlite3        *db,
            GError        **error)
{
  g_autofree char *team = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT d.team, d.seq, d.last, d.next, c.client FROM team_documents d"
                               " JOIN team_clients c ON c.team = d.team WHERE d.doc = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->doc);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      team = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      self->seq = sqlite3_column_int64 (stmt, 1);
      self->last = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      self->next = sqlite3_column_int64 (stmt, 3);
      self->client = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NO_DOCUMENT,
                           _("The document is not shared with a team"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return wf_sqlite_set_error (error, db, rc);

  rc = sqlite3_prepare_v2 (db, "SELECT id, pos, versions FROM team_items WHERE doc = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->doc);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          WfTeamItemState *item = team_item_new ();

          item->pos = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          versions_from_json (item->versions, (const char *) sqlite3_column_text (stmt, 2));
          g_hash_table_insert (self->items, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), item);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  rc = sqlite3_prepare_v2 (db, "SELECT seq, item, member, value, author, at FROM team_conflicts"
                               " WHERE doc = ?1 ORDER BY seq, item, member", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->doc);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          WfTeamConflict *conflict = g_new0 (WfTeamConflict, 1);

          conflict->seq = sqlite3_column_int64 (stmt, 0);
          conflict->item = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          conflict->member = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          conflict->value = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          conflict->author = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          conflict->at = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
          g_ptr_array_add (self->conflicts, conflict);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  /* Records not answered, or answered and not yet applied here. */
  rc = sqlite3_prepare_v2 (db, "SELECT client_seq, record FROM team_outbox"
                               " WHERE doc = ?1 AND (seq IS NULL OR seq > ?2) ORDER BY client_seq",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->doc);
      sqlite3_bind_int64 (stmt, 2, self->seq);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(GPtrArray) keys = pending_keys_of ((const char *) sqlite3_column_text (stmt, 1));

          _wf_team_journal_add_pending (self, sqlite3_column_int64 (stmt, 0), keys);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  return TRUE;
}

/* Keys and versions */

const char *
_wf_team_journal_current_key (WfTeamJournal *self,
             const char    *id)
{
  gpointer key;
  WfTeamItemState *item;

  if (g_hash_table_lookup_extended (self->staged_keys, id, NULL, &key))
    return key;

  item = g_hash_table_lookup (self->items, id);

  return item ? item->pos : NULL;
}

gint64
_wf_team_journal_version_of (WfTeamJournal *self,
            const char    *id,
            const char    *member)
{
  WfTeamItemState *item = g_hash_table_lookup (self->items, id);
  gint64 *seq = item ? g_hash_table_lookup (item->versions, member) : NULL;

  return seq ? *seq : 0;
}

/* Writing */

static gboolean
write_item_row (WfTeamJournal  *self,
                sqlite3        *db,
                const char     *id,
                GError        **error)
{
  WfTeamItemState *item = g_hash_table_lookup (self->items, id);
  gpointer staged = NULL;
  gboolean in_staged = g_hash_table_lookup_extended (self->staged_keys, id, NULL, &staged);
  gboolean gone = in_staged ? staged == NULL : item == NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (gone)
    rc = sqlite3_prepare_v2 (db, "DELETE FROM team_items WHERE doc = ?1 AND id = ?2", -1, &stmt, NULL);
  else
    rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO team_items (doc, id, pos, versions)"
                                 " VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->doc);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      if (!gone)
        {
          const char *pos = _wf_team_journal_current_key (self, id);

          sqlite3_bind_text (stmt, 3, pos ? pos : "", -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, versions_to_json (item ? item->versions : NULL), -1, g_free);
        }
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  return TRUE;
}

static gboolean
write_conflicts (WfTeamJournal  *self,
                 sqlite3        *db,
                 GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "DELETE FROM team_conflicts WHERE doc = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->doc);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  for (guint i = 0; i < self->conflicts->len; i++)
    {
      WfTeamConflict *conflict = g_ptr_array_index (self->conflicts, i);

      rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO team_conflicts (doc, seq, item, member, value, author, at)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, self->doc);
          sqlite3_bind_int64 (stmt, 2, conflict->seq);
          sqlite3_bind_text (stmt, 3, conflict->item, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, conflict->member, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, conflict->value, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, conflict->author ? conflict->author : "", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 7, conflict->at ? conflict->at : "", -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return wf_sqlite_set_error (error, db, rc);
    }

  return TRUE;
}

static gboolean
write_document (WfTeamJournal  *self,
                sqlite3        *db,
                GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "UPDATE team_documents SET seq = ?2, last = ?3, next = ?4 WHERE doc = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->doc);
      sqlite3_bind_int64 (stmt, 2, self->seq);
      sqlite3_bind_text (stmt, 3, self->last ? self->last : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, self->next + (self->staged_record ? 1 : 0));
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  for (guint i = 0; i < self->answered->len; i += 2)
    {
      rc = sqlite3_prepare_v2 (db, "UPDATE team_outbox SET seq = ?3 WHERE doc = ?1 AND client_seq = ?2",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, self->doc);
          sqlite3_bind_int64 (stmt, 2, g_array_index (self->answered, gint64, i));
          sqlite3_bind_int64 (stmt, 3, g_array_index (self->answered, gint64, i + 1));
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return wf_sqlite_set_error (error, db, rc);
    }

  return TRUE;
}

/* The rows that changed: team_items, team_documents with the answered
 * outbox rows, team_conflicts; in the autosave's transaction. */
gboolean
_wf_team_journal_write_rows (WfTeamJournal  *self,
                             sqlite3        *db,
                             GError        **error)
{
  g_autoptr(GHashTable) rows = NULL;
  GHashTableIter iter;
  gpointer id;

  rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (rows, id);
  g_hash_table_iter_init (&iter, self->staged_keys);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (rows, id);

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!write_item_row (self, db, id, error))
      return FALSE;

  if ((self->document_dirty || self->staged_record || self->answered->len > 0) &&
      !write_document (self, db, error))
    return FALSE;

  if (self->conflicts_dirty && !write_conflicts (self, db, error))
    return FALSE;

  return TRUE;
}

/* For wf-team-apply.c */

WfTeamItemState *
_wf_team_journal_lookup (WfTeamJournal *self,
                         const char    *id)
{
  return g_hash_table_lookup (self->items, id);
}

WfTeamItemState *
_wf_team_journal_ensure (WfTeamJournal *self,
                         const char    *id)
{
  WfTeamItemState *item = g_hash_table_lookup (self->items, id);

  if (item == NULL)
    {
      item = team_item_new ();
      g_hash_table_insert (self->items, g_strdup (id), item);
    }

  return item;
}

void
_wf_team_journal_set_key (WfTeamJournal *self,
                          const char    *id,
                          const char    *key)
{
  WfTeamItemState *item = _wf_team_journal_ensure (self, id);

  if (g_strcmp0 (item->pos, key) == 0)
    return;

  g_free (item->pos);
  item->pos = g_strdup (key);
  g_hash_table_add (self->dirty, g_strdup (id));
}

void
_wf_team_journal_set_version (WfTeamJournal *self,
                              const char    *id,
                              const char    *member,
                              gint64         seq)
{
  WfTeamItemState *item = _wf_team_journal_ensure (self, id);
  gint64 *value = g_new (gint64, 1);

  *value = seq;
  g_hash_table_insert (item->versions, g_strdup (member), value);
  g_hash_table_add (self->dirty, g_strdup (id));
}

void
_wf_team_journal_forget (WfTeamJournal *self,
                         const char    *id)
{
  if (g_hash_table_remove (self->items, id))
    g_hash_table_add (self->dirty, g_strdup (id));
}

void
_wf_team_journal_add_conflict (WfTeamJournal *self,
                               gint64         seq,
                               const char    *item,
                               const char    *member,
                               const char    *value,
                               const char    *author,
                               const char    *at)
{
  WfTeamConflict *conflict;

  _wf_team_journal_drop_conflict (self, seq, item, member);

  conflict = g_new0 (WfTeamConflict, 1);
  conflict->seq = seq;
  conflict->item = g_strdup (item);
  conflict->member = g_strdup (member);
  conflict->value = g_strdup (value);
  conflict->author = g_strdup (author);
  conflict->at = g_strdup (at);
  g_ptr_array_add (self->conflicts, conflict);
  self->conflicts_dirty = TRUE;
}

/* @seq 0: every conflict of @member of @item. */
void
_wf_team_journal_drop_conflict (WfTeamJournal *self,
                                gint64         seq,
                                const char    *item,
                                const char    *member)
{
  for (guint i = self->conflicts->len; i > 0; i--)
    {
      WfTeamConflict *conflict = g_ptr_array_index (self->conflicts, i - 1);

      if ((seq == 0 || conflict->seq == seq) && strcmp (conflict->item, item) == 0 &&
          strcmp (conflict->member, member) == 0)
        {
          g_ptr_array_remove_index (self->conflicts, i - 1);
          self->conflicts_dirty = TRUE;
        }
    }
}

/* Our record @client_seq came back as change @seq: its members are no
 * longer pending (but for a later record's).
 */
void
_wf_team_journal_answered (WfTeamJournal *self,
                           gint64         client_seq,
                           gint64         seq)
{
  GStrv keys = g_hash_table_lookup (self->records, &client_seq);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending, keys[i]));

      if (count <= 1)
        g_hash_table_remove (self->pending, keys[i]);
      else
        g_hash_table_insert (self->pending, g_strdup (keys[i]), GUINT_TO_POINTER (count - 1));
    }
  g_hash_table_remove (self->records, &client_seq);

  g_array_append_val (self->answered, client_seq);
  g_array_append_val (self->answered, seq);
}

void
_wf_team_journal_applied (WfTeamJournal *self,
                          gint64         seq,
                          const char    *client,
                          gint64         client_seq)
{
  self->seq = seq;
  g_free (self->last);
  self->last = g_strdup_printf ("%s:%" G_GINT64_FORMAT, client, client_seq);
  self->document_dirty = TRUE;
  wf_autosave_hook_changed (self->autosave);
}

/**
 * _wf_team_journal_get_conflicts:
 *
 * Returns: (transfer none) (element-type WfTeamConflict): the open
 *   conflicts
 */
GPtrArray *
_wf_team_journal_get_conflicts (WfTeamJournal *self)
{
  return self->conflicts;
}

/* Whether our record @client_seq waits for its change to come back. */
gboolean
_wf_team_journal_is_awaited (WfTeamJournal *self,
                             gint64         client_seq)
{
  return g_hash_table_contains (self->records, &client_seq);
}

/* The last change applied, "client:client_seq". */
const char *
_wf_team_journal_get_last (WfTeamJournal *self)
{
  return self->last;
}

/**
 * _wf_team_journal_set_client:
 * @client: a new client UUID, registered
 * @tag: its id tag
 *
 * Another library uses our client id (a copied library, WF003): this
 * one takes a new id and tag, for all its documents of the team. The
 * records not yet answered keep their client_seq: the new id has none.
 *
 * Returns: whether the library could be written
 */
gboolean
_wf_team_journal_set_client (WfTeamJournal  *self,
                             const char     *client,
                             const char     *tag,
                             GError        **error)
{
  sqlite3 *db = wf_library_get_db (wf_autosave_get_library (self->autosave));
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "UPDATE team_clients SET client = ?2, tag = ?3"
                               " WHERE team = (SELECT team FROM team_documents WHERE doc = ?1)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->doc);
      sqlite3_bind_text (stmt, 2, client, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, tag, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  g_free (self->client);
  self->client = g_strdup (client);
  wf_document_set_id_tag (self->document, tag);

  return TRUE;
}

/**
 * _wf_team_journal_send_again:
 * @on_server: (element-type gint64): pairs of client_seq and seq, our
 *   records the server has
 * @horizon: the server's horizon: answers below it may be gone from
 *   the log by a shortening
 *
 * For a server restored from an older backup: our records answered at
 * or above @horizon that the server no longer has become unanswered
 * (their seq NULL in team_outbox, their members pending again), so that
 * they are sent again.
 *
 * Returns: whether the library could be written
 */
gboolean
_wf_team_journal_send_again (WfTeamJournal  *self,
                             GArray         *on_server,
                             gint64          horizon,
                             GError        **error)
{
  sqlite3 *db = wf_library_get_db (wf_autosave_get_library (self->autosave));
  g_autoptr(GHashTable) kept = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) lost = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint i = 0; i < on_server->len; i += 2)
    g_hash_table_add (kept, &g_array_index (on_server, gint64, i));

  rc = sqlite3_prepare_v2 (db, "SELECT client_seq, record FROM team_outbox"
                               " WHERE doc = ?1 AND seq IS NOT NULL AND seq >= ?2 ORDER BY client_seq",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->doc);
      sqlite3_bind_int64 (stmt, 2, horizon);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 client_seq = sqlite3_column_int64 (stmt, 0);

          if (g_hash_table_contains (kept, &client_seq))
            continue;
          g_array_append_val (lost, client_seq);
          g_ptr_array_add (records, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  for (guint i = 0; i < lost->len; i++)
    {
      gint64 client_seq = g_array_index (lost, gint64, i);

      rc = sqlite3_prepare_v2 (db, "UPDATE team_outbox SET seq = NULL WHERE doc = ?1 AND client_seq = ?2",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, self->doc);
          sqlite3_bind_int64 (stmt, 2, client_seq);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return wf_sqlite_set_error (error, db, rc);

      if (!g_hash_table_contains (self->records, &client_seq))
        {
          g_autoptr(GPtrArray) keys = pending_keys_of (g_ptr_array_index (records, i));

          _wf_team_journal_add_pending (self, client_seq, keys);
        }
    }

  return TRUE;
}

/* Sharing */

static gboolean
insert_item_row (sqlite3     *db,
                 gint64       doc,
                 WfItem      *item,
                 const char  *pos,
                 gint64       seq,
                 GError     **error)
{
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char * const *members = wf_journey_member_list (G_OBJECT_TYPE (item));
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint i = 0; members[i] != NULL; i++)
    g_hash_table_insert (versions, (gpointer) members[i], g_memdup2 (&seq, sizeof seq));
  if (!WF_IS_DOCUMENT (item))
    g_hash_table_insert (versions, (gpointer) "@place", g_memdup2 (&seq, sizeof seq));
  json = versions_to_json (versions);

  rc = sqlite3_prepare_v2 (db, "INSERT INTO team_items (doc, id, pos, versions) VALUES (?1, ?2, ?3, ?4)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, doc);
      sqlite3_bind_text (stmt, 2, id_of (item), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, pos, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, json, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  return TRUE;
}

/* Keys spread evenly over a whole list, as when it is shared. */
static gboolean
insert_list (sqlite3     *db,
             gint64       doc,
             GPtrArray   *list,
             gint64       seq,
             GError     **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (keys, list->len);
  wf_team_keys_assign (keys);

  for (guint i = 0; i < list->len; i++)
    if (!insert_item_row (db, doc, g_ptr_array_index (list, i), g_ptr_array_index (keys, i), seq, error))
      return FALSE;

  return TRUE;
}

/**
 * wf_team_journal_write_state:
 * @db: the library's database
 * @doc: @document's row in it
 * @team: the team's UUID, in team_clients
 * @team_id: the document's UUID on the team's server
 * @seq: the change that @document is as of (1 for a document just
 *   shared)
 * @last: that change's "client:client_seq"
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Makes @document a team document in the library: its team_documents
 * row, and a team_items row for each item with every member at version
 * @seq and keys spread evenly over each list, as the share sends them
 * (the keys wf_team_keys_assign() gives a list that has none). Replaces
 * what was there. Call it inside a transaction.
 */
gboolean
wf_team_journal_write_state (sqlite3     *db,
                             gint64       doc,
                             WfDocument  *document,
                             const char  *team,
                             const char  *team_id,
                             gint64       seq,
                             const char  *last,
                             GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);

  rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO team_documents (doc, team, team_id, seq, last, next)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, 1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, doc);
      sqlite3_bind_text (stmt, 2, team, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, team_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, seq);
      sqlite3_bind_text (stmt, 5, last ? last : "", -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  rc = sqlite3_prepare_v2 (db, "DELETE FROM team_items WHERE doc = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, doc);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  if (!insert_item_row (db, doc, WF_ITEM (document), "V", seq, error))
    return FALSE;

  for (guint i = 0; i < wf_document_get_n_personas (document); i++)
    g_ptr_array_add (list, wf_document_get_persona (document, i));
  if (!insert_list (db, doc, list, seq, error))
    return FALSE;

  g_ptr_array_set_size (list, 0);
  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    g_ptr_array_add (list, wf_document_get_map (document, i));
  if (!insert_list (db, doc, list, seq, error))
    return FALSE;

  for (guint m = 0; m < wf_document_get_n_maps (document); m++)
    {
      WfMap *map = wf_document_get_map (document, m);

      g_ptr_array_set_size (list, 0);
      for (guint i = 0; i < wf_map_get_n_phases (map); i++)
        g_ptr_array_add (list, wf_map_get_phase (map, i));
      if (!insert_list (db, doc, list, seq, error))
        return FALSE;

      g_ptr_array_set_size (list, 0);
      for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
        g_ptr_array_add (list, wf_map_get_lane (map, i));
      if (!insert_list (db, doc, list, seq, error))
        return FALSE;

      g_ptr_array_set_size (list, 0);
      for (guint i = 0; i < wf_map_get_n_links (map); i++)
        g_ptr_array_add (list, wf_map_get_link (map, i));
      if (!insert_list (db, doc, list, seq, error))
        return FALSE;

      for (guint p = 0; p < wf_map_get_n_phases (map); p++)
        for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
          {
            GPtrArray *cell = wf_map_get_cell (map, wf_map_get_phase (map, p), wf_map_get_lane (map, l));

            if (cell != NULL && cell->len > 0 && !insert_list (db, doc, cell, seq, error))
              return FALSE;
          }
    }

  return TRUE;
}
