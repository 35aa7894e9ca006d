/* test-team-conflicts.c — the open conflicts of a team document, and choosing
 *
 * Without a server: conflicts come as the log brings them (a change
 * applied with wf_team_apply()), and the records that choosing writes
 * are read from the outbox. With the throwaway server: two clients
 * change one title at once, one of them chooses, and both end equal.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libpq-fe.h>

#include "storage/wf-autosave-private.h"
#include "storage/wf-journey.h"
#include "storage/wf-library.h"
#include "storage/wf-sqlite.h"
#include "team/wf-team-apply.h"
#include "team/wf-team-documents.h"
#include "team/wf-team-journal.h"
#include "team/wf-team-schema.h"
#include "team/wf-team-session.h"
#include "test-postgres.h"
#include "test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

#define TEAM "5b1d7a52-0000-4000-8000-000000000001"
#define TEAM_DOC "5b1d7a52-0000-4000-8000-0000000000d0"
#define US "c0000000-0000-4000-8000-00000000000b"
#define ANNA "c0000000-0000-4000-8000-00000000000a"

/* One library with one team document open, as a client of the team. */
typedef struct
{
  char          *dir;
  WfLibrary     *library;
  WfDocument    *document;
  WfAutosave    *autosave;
  WfTeamJournal *journal;
  gint64         id;
  guint          n_changed;   /* conflicts-changed emitted */
} Client;

static void
on_conflicts_changed (Client *c)
{
  c->n_changed++;
}

static Client *
client_new (void)
{
  Client *c = g_new0 (Client, 1);
  g_autofree char *journey = g_test_build_filename (G_TEST_DIST, "data", "rich.journey", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents;
  gsize len;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (journey, &contents, &len, NULL));
  bytes = g_bytes_new_take (contents, len);

  c->dir = wf_test_make_tmpdir ();
  path = g_build_filename (c->dir, "library.sqlite", NULL);
  c->library = wf_library_new (path, &error);
  g_assert_no_error (error);
  c->document = wf_journey_load_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  c->id = wf_library_add (c->library, c->document, NULL, &error);
  g_assert_no_error (error);

  /* As after sharing it (or pulling it) at change 1. */
  db = wf_library_get_db (c->library);
  g_assert_true (wf_sqlite_exec (db, "INSERT INTO team_clients (team, client, tag)"
                                     " VALUES ('" TEAM "', '" US "', 'k2')", NULL));
  wf_team_journal_write_state (db, c->id, c->document, TEAM, TEAM_DOC, 1, "", &error);
  g_assert_no_error (error);

  c->autosave = wf_autosave_new (c->library, c->id, c->document);
  _wf_autosave_set_delay (c->autosave, 60 * 1000);
  c->journal = wf_team_journal_new (c->autosave, &error);
  g_assert_no_error (error);
  g_signal_connect_swapped (c->journal, "conflicts-changed", G_CALLBACK (on_conflicts_changed), c);

  return c;
}

static void
client_free (Client *c)
{
  wf_autosave_flush (c->autosave);
  wf_team_journal_close (c->journal);
  wf_autosave_close (c->autosave);
  g_clear_object (&c->journal);
  g_clear_object (&c->autosave);
  g_clear_object (&c->document);
  g_clear_object (&c->library);
  wf_test_remove_tree (c->dir);
  g_free (c->dir);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static sqlite3 *
db_of (Client *c)
{
  return wf_library_get_db (c->library);
}

static gint64
n_records (Client *c)
{
  return wf_test_sqlite_int (db_of (c), "SELECT count(*) FROM team_outbox");
}

static gint64
n_conflict_rows (Client *c)
{
  return wf_test_sqlite_int (db_of (c), "SELECT count(*) FROM team_conflicts");
}

/* The ops of the newest record, without the record around them. */
static char *
last_ops (Client *c)
{
  return wf_test_outbox_last_ops (db_of (c));
}

static void
apply_json (Client     *c,
            const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *change;
  WfTeamChange one = { .author = "anna", .at = "2026-12-06T10:00:00Z" };

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  change = json_node_get_object (json_parser_get_root (parser));
  one.seq = json_object_get_int_member (change, "seq");
  one.client = json_object_get_string_member (change, "client");
  one.client_seq = json_object_get_int_member (change, "client_seq");
  one.ops = json_object_get_array_member (change, "ops");
  g_assert_true (wf_team_apply (c->journal, &one, &error));
  g_assert_no_error (error);
  wf_autosave_flush (c->autosave);
}

/* Anna's title for cd0 came late: hers is set aside, ours stays. */
static void
conflict_on_title (Client *c)
{
  apply_json (c, "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
                 "{\"op\":\"set\",\"id\":\"cd0\",\"member\":\"title\",\"value\":\"Anna's title\",\"base\":0,"
                 "\"outcome\":\"conflict\",\"taken\":{\"seq\":1,\"value\":\"Touchpoint via web\"}}]}");
}

static const char *
card_title_of (WfDocument *document,
               const char *id)
{
  WfItem *item = wf_document_lookup (document, id);

  g_assert_true (WF_IS_CARD (item));
  return wf_card_get_title (WF_CARD (item));
}

static const char *
card_title (Client     *c,
            const char *id)
{
  return card_title_of (c->document, id);
}

/* The log's conflict is listed with who, when, both values. */
static void
test_list (void)
{
  g_autoptr(Client) c = client_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *on_map = NULL;
  WfTeamConflict *conflict;

  conflict_on_title (c);
  g_assert_cmpuint (c->n_changed, ==, 1);
  g_assert_cmpint (n_conflict_rows (c), ==, 1);

  all = wf_team_journal_list_conflicts (c->journal, NULL);
  g_assert_cmpuint (all->len, ==, 1);
  conflict = g_ptr_array_index (all, 0);
  g_assert_cmpint (conflict->seq, ==, 2);
  g_assert_cmpstr (conflict->item, ==, "cd0");
  g_assert_cmpstr (conflict->member, ==, "title");
  g_assert_cmpstr (conflict->value, ==, "\"Anna's title\"");
  g_assert_cmpstr (conflict->author, ==, "anna");
  g_assert_cmpstr (conflict->at, ==, "2026-12-06T10:00:00Z");
  g_assert_false (wf_team_journal_is_own_change (c->journal, conflict->seq));
  g_assert_true (wf_team_journal_has_conflict (c->journal, "cd0"));
  g_assert_false (wf_team_journal_has_conflict (c->journal, "cd1"));

  on_map = wf_team_journal_get_map_value (c->journal, "cd0", "title");
  g_assert_cmpstr (on_map, ==, "\"Touchpoint via web\"");

  none = wf_team_journal_list_conflicts (c->journal, "cd1");
  g_assert_cmpuint (none->len, ==, 0);
}

/* Keeping the map's value: a record with only the resolve op, and
 * nothing on the undo stack. */
static void
test_keep_map_value (void)
{
  g_autoptr(Client) c = client_new ();
  WfUndoStack *stack = wf_document_get_undo_stack (c->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *ops = NULL;
  guint position = wf_undo_stack_get_position (stack);

  conflict_on_title (c);
  g_assert_cmpint (n_records (c), ==, 0);

  g_assert_true (wf_team_journal_resolve (c->journal, 2, "cd0", "title", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c->n_changed, ==, 2);
  g_assert_cmpint (n_records (c), ==, 1);
  ops = last_ops (c);
  g_assert_cmpstr (ops, ==, "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"title\",\"conflict\":2}");
  g_assert_cmpint (n_conflict_rows (c), ==, 0);
  g_assert_cmpstr (card_title (c, "cd0"), ==, "Touchpoint via web");
  g_assert_cmpuint (wf_undo_stack_get_position (stack), ==, position);

  /* Closed: choosing again says so. */
  g_assert_false (wf_team_journal_resolve (c->journal, 2, "cd0", "title", TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Using the value set aside: an undoable step whose record carries the
 * set and the resolve op; undo sets the old title back and does not
 * open the conflict again. */
static void
test_use_set_aside (void)
{
  g_autoptr(Client) c = client_new ();
  WfUndoStack *stack = wf_document_get_undo_stack (c->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *ops = NULL;
  g_autofree char *undone = NULL;

  conflict_on_title (c);

  g_assert_true (wf_team_journal_resolve (c->journal, 2, "cd0", "title", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (card_title (c, "cd0"), ==, "Anna's title");
  g_assert_cmpint (n_records (c), ==, 1);
  ops = last_ops (c);
  g_assert_cmpstr (ops, ==, "{\"op\":\"set\",\"id\":\"cd0\",\"member\":\"title\",\"value\":\"Anna's title\",\"base\":1},"
                            "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"title\",\"conflict\":2}");
  g_assert_cmpint (n_conflict_rows (c), ==, 0);
  g_assert_true (wf_undo_stack_can_undo (stack));

  wf_undo_stack_undo (stack);
  wf_autosave_flush (c->autosave);
  g_assert_cmpstr (card_title (c, "cd0"), ==, "Touchpoint via web");
  g_assert_cmpint (n_records (c), ==, 2);
  undone = last_ops (c);
  g_assert_null (strstr (undone, "resolve"));
  g_assert_nonnull (strstr (undone, "\"value\":\"Touchpoint via web\""));
  g_assert_cmpint (n_conflict_rows (c), ==, 0);
  g_assert_false (wf_team_journal_has_conflict (c->journal, "cd0"));
}

/* Other members: an emotion and a card's place. */
static void
test_other_members (void)
{
  g_autoptr(Client) c = client_new ();
  g_autoptr(GError) error = NULL;
  WfCard *card;

  apply_json (c, "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
                 "{\"op\":\"set\",\"id\":\"cd0\",\"member\":\"emotion\",\"value\":-1,\"base\":0,"
                 "\"outcome\":\"conflict\",\"taken\":{\"seq\":1,\"value\":null}},"
                 "{\"op\":\"move\",\"id\":\"cd0\",\"phase\":\"ph1\",\"lane\":\"ln0\",\"pos\":\"V\",\"base\":0,"
                 "\"outcome\":\"conflict\",\"taken\":{\"seq\":1,\"value\":{\"pos\":\"V\",\"phase\":\"ph0\",\"lane\":\"ln0\"}}}]}");
  g_assert_cmpint (n_conflict_rows (c), ==, 2);

  g_assert_true (wf_team_journal_resolve (c->journal, 2, "cd0", "emotion", TRUE, &error));
  g_assert_no_error (error);
  card = WF_CARD (wf_document_lookup (c->document, "cd0"));
  g_assert_cmpint (wf_card_get_emotion (card), ==, -1);

  g_assert_true (wf_team_journal_resolve (c->journal, 2, "cd0", "@place", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wf_item_get_id (WF_ITEM (wf_card_get_phase (card))), ==, "ph1");
  {
    g_autofree char *ops = last_ops (c);

    g_assert_nonnull (strstr (ops, "{\"op\":\"move\",\"id\":\"cd0\",\"phase\":\"ph1\""));
    g_assert_nonnull (strstr (ops, "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"@place\",\"conflict\":2}"));
  }
  g_assert_cmpint (n_conflict_rows (c), ==, 0);
}

/* A phase's place: the one set aside is taken by its key among the
 * other phases' keys, as a move through the undo stack. */
static void
test_phase_place (void)
{
  g_autoptr(Client) c = client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ops = NULL;
  WfMap *map = WF_MAP (wf_document_lookup (c->document, "map1"));
  guint n = wf_map_get_n_phases (map);

  g_assert_cmpstr (wf_item_get_id (WF_ITEM (wf_map_get_phase (map, 0))), ==, "ph0");
  apply_json (c, "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
                 "{\"op\":\"move\",\"id\":\"ph0\",\"pos\":\"zz\",\"base\":0,"
                 "\"outcome\":\"conflict\",\"taken\":{\"seq\":1,\"value\":{\"pos\":\"A\"}}}]}");
  g_assert_true (wf_team_journal_has_conflict (c->journal, "ph0"));

  g_assert_true (wf_team_journal_resolve (c->journal, 2, "ph0", "@place", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wf_item_get_id (WF_ITEM (wf_map_get_phase (map, n - 1))), ==, "ph0");
  ops = last_ops (c);
  g_assert_nonnull (strstr (ops, "{\"op\":\"move\",\"id\":\"ph0\""));
  g_assert_nonnull (strstr (ops, "{\"op\":\"resolve\",\"id\":\"ph0\",\"member\":\"@place\",\"conflict\":2}"));
  g_assert_cmpint (n_conflict_rows (c), ==, 0);
}

/* Anna removed a card someone had changed: its last state is set aside;
 * Restore asks the server for it back, and the answer brings it. */
static void
test_restore (void)
{
  g_autoptr(Client) c = client_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ops = NULL;
  WfTeamConflict *conflict;

  apply_json (c, "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
                 "{\"op\":\"remove\",\"id\":\"cd0\",\"base\":0,\"outcome\":\"applied\",\"edited\":1}]}");
  g_assert_null (wf_document_lookup (c->document, "cd0"));
  all = wf_team_journal_list_conflicts (c->journal, NULL);
  g_assert_cmpuint (all->len, ==, 1);
  conflict = g_ptr_array_index (all, 0);
  g_assert_cmpstr (conflict->member, ==, "@item");
  g_assert_cmpstr (conflict->author, ==, "anna");
  g_assert_nonnull (strstr (conflict->value, "{\"type\":\"card\",\"parent\":\"map1\",\"pos\":"));
  g_assert_nonnull (strstr (conflict->value, "\"title\": \"Touchpoint via web\""));
  g_clear_pointer (&all, g_ptr_array_unref);

  g_assert_true (wf_team_journal_restore (c->journal, 2, "cd0", "@item", &error));
  g_assert_no_error (error);
  ops = last_ops (c);
  g_assert_cmpstr (ops, ==, "{\"op\":\"restore\",\"id\":\"cd0\"},"
                            "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"@item\",\"conflict\":2}");
  g_assert_cmpint (n_conflict_rows (c), ==, 0);

  /* The server's answer: the card comes back with its value. */
  apply_json (c, "{\"seq\":3,\"client\":\"" US "\",\"client_seq\":1,\"ops\":["
                 "{\"op\":\"add\",\"id\":\"cd0\",\"type\":\"card\",\"parent\":\"map1\",\"pos\":\"V\","
                 "\"value\":{\"phase\":\"ph0\",\"lane\":\"ln0\",\"title\":\"Touchpoint via web\"},\"outcome\":\"applied\"},"
                 "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"@item\",\"conflict\":2,\"outcome\":\"applied\"}]}");
  g_assert_cmpstr (card_title (c, "cd0"), ==, "Touchpoint via web");
  g_assert_cmpint (wf_team_journal_get_version (c->journal, "cd0", "title"), ==, 3);
}

/* Someone moved and retitled a card while Anna removed it: both were
 * set aside with the removal, and Restore brings the card back where
 * it was moved, with its new title. */
static void
test_restore_moved (void)
{
  g_autoptr(Client) c = client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ops = NULL;

  apply_json (c, "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
                 "{\"op\":\"remove\",\"id\":\"cd0\",\"base\":0,\"outcome\":\"applied\",\"edited\":1}]}");
  apply_json (c, "{\"seq\":3,\"client\":\"" ANNA "\",\"client_seq\":2,\"ops\":["
                 "{\"op\":\"move\",\"id\":\"cd0\",\"phase\":\"ph1\",\"lane\":\"ln0\",\"pos\":\"k\",\"base\":0,"
                 "\"outcome\":\"gone\"},"
                 "{\"op\":\"set\",\"id\":\"cd0\",\"member\":\"title\",\"value\":\"Moved and renamed\",\"base\":0,"
                 "\"outcome\":\"gone\"}]}");
  g_assert_cmpint (n_conflict_rows (c), ==, 3);

  g_assert_true (wf_team_journal_restore (c->journal, 2, "cd0", "@item", &error));
  g_assert_no_error (error);
  ops = last_ops (c);
  g_assert_true (g_str_has_prefix (ops, "{\"op\":\"restore\",\"id\":\"cd0\"},"));
  g_assert_nonnull (strstr (ops, "{\"op\":\"move\",\"id\":\"cd0\",\"phase\":\"ph1\",\"lane\":\"ln0\",\"pos\":\"k\",\"base\":"));
  g_assert_nonnull (strstr (ops, "{\"op\":\"set\",\"id\":\"cd0\",\"member\":\"title\",\"value\":\"Moved and renamed\""));
  g_assert_nonnull (strstr (ops, "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"@place\",\"conflict\":3}"));
  g_assert_nonnull (strstr (ops, "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"@item\",\"conflict\":2}"));
  g_assert_cmpint (n_conflict_rows (c), ==, 0);
}

/* A title set aside before the card was removed (against a title that
 * came later): Restore does not make it the title, the card comes back
 * with its last one and the old conflict stays open; Dismiss of the
 * removal closes both. */
static void
test_restore_older (void)
{
  for (guint dismiss = 0; dismiss < 2; dismiss++)
    {
      g_autoptr(Client) c = client_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *ops = NULL;

      apply_json (c, "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
                     "{\"op\":\"set\",\"id\":\"cd0\",\"member\":\"title\",\"value\":\"Set aside\",\"base\":0,"
                     "\"outcome\":\"conflict\",\"taken\":{\"seq\":1,\"value\":\"Touchpoint via web\"}}]}");
      apply_json (c, "{\"seq\":3,\"client\":\"" ANNA "\",\"client_seq\":2,\"ops\":["
                     "{\"op\":\"set\",\"id\":\"cd0\",\"member\":\"title\",\"value\":\"Changed later\",\"base\":1}]}");
      apply_json (c, "{\"seq\":4,\"client\":\"" ANNA "\",\"client_seq\":3,\"ops\":["
                     "{\"op\":\"remove\",\"id\":\"cd0\",\"base\":0,\"outcome\":\"applied\",\"edited\":1}]}");
      g_assert_cmpint (n_conflict_rows (c), ==, 2);

      if (dismiss)
        {
          g_assert_true (wf_team_journal_resolve (c->journal, 4, "cd0", "@item", FALSE, &error));
          g_assert_no_error (error);
          ops = last_ops (c);
          g_assert_nonnull (strstr (ops, "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"@item\",\"conflict\":4}"));
          g_assert_nonnull (strstr (ops, "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"title\",\"conflict\":2}"));
          g_assert_cmpint (n_conflict_rows (c), ==, 0);
          continue;
        }

      g_assert_true (wf_team_journal_restore (c->journal, 4, "cd0", "@item", &error));
      g_assert_no_error (error);
      ops = last_ops (c);
      g_assert_cmpstr (ops, ==, "{\"op\":\"restore\",\"id\":\"cd0\"},"
                                "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"@item\",\"conflict\":4}");
      g_assert_cmpint (n_conflict_rows (c), ==, 1);
    }
}

/* Dismiss: only the resolve op; a resolve from the log closes it too. */
static void
test_dismiss (void)
{
  g_autoptr(Client) c = client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ops = NULL;

  apply_json (c, "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
                 "{\"op\":\"remove\",\"id\":\"cd0\",\"base\":0,\"outcome\":\"applied\",\"edited\":1},"
                 "{\"op\":\"set\",\"id\":\"cd1\",\"member\":\"notes\",\"value\":\"Hers\",\"base\":0,"
                 "\"outcome\":\"conflict\",\"taken\":{\"seq\":1,\"value\":\"\"}}]}");
  g_assert_cmpint (n_conflict_rows (c), ==, 2);

  g_assert_true (wf_team_journal_resolve (c->journal, 2, "cd0", "@item", FALSE, &error));
  g_assert_no_error (error);
  ops = last_ops (c);
  g_assert_cmpstr (ops, ==, "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"@item\",\"conflict\":2}");
  g_assert_null (wf_document_lookup (c->document, "cd0"));
  g_assert_cmpint (n_conflict_rows (c), ==, 1);

  /* Someone else chose for cd1. */
  c->n_changed = 0;
  apply_json (c, "{\"seq\":3,\"client\":\"" ANNA "\",\"client_seq\":2,\"ops\":["
                 "{\"op\":\"resolve\",\"id\":\"cd1\",\"member\":\"notes\",\"conflict\":2,\"outcome\":\"applied\"}]}");
  g_assert_cmpint (n_conflict_rows (c), ==, 0);
  g_assert_cmpuint (c->n_changed, ==, 1);
}

/* We deleted a card Anna had changed: the conflict our removal makes
 * here keeps the card's state as it went, and who changed it. */
static void
test_own_removal_named (void)
{
  g_autoptr(Client) c = client_new ();
  g_autoptr(GPtrArray) all = NULL;
  WfTeamConflict *conflict;

  wf_edit_remove (wf_document_lookup (c->document, "cd0"));
  g_assert_true (wf_autosave_flush (c->autosave));
  g_assert_null (wf_team_journal_get_editor (c->journal, "cd0"));

  /* Anna's change came first, to a card not here. */
  apply_json (c, "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
                 "{\"op\":\"set\",\"id\":\"cd0\",\"member\":\"title\",\"value\":\"Anna's title\",\"base\":1,"
                 "\"outcome\":\"applied\"}]}");
  apply_json (c, "{\"seq\":3,\"client\":\"" US "\",\"client_seq\":1,\"ops\":["
                 "{\"op\":\"remove\",\"id\":\"cd0\",\"base\":1,\"outcome\":\"applied\",\"edited\":2}]}");

  all = wf_team_journal_list_conflicts (c->journal, "cd0");
  g_assert_cmpuint (all->len, ==, 1);
  conflict = g_ptr_array_index (all, 0);
  g_assert_cmpstr (conflict->member, ==, "@item");
  g_assert_true (wf_team_journal_is_own_change (c->journal, conflict->seq));
  g_assert_nonnull (conflict->value);
  g_assert_nonnull (strstr (conflict->value, "{\"type\":\"card\",\"parent\":"));
  g_assert_nonnull (strstr (conflict->value, "Touchpoint via web"));
  g_assert_cmpstr (wf_team_journal_get_editor (c->journal, "cd0"), ==, "anna");
}

/* Conflicts read back when the document is opened again. */
static void
test_reopen (void)
{
  g_autoptr(Client) c = client_new ();
  g_autoptr(WfTeamJournal) again = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  conflict_on_title (c);
  wf_team_journal_close (c->journal);
  again = wf_team_journal_new (c->autosave, &error);
  g_assert_no_error (error);
  all = wf_team_journal_list_conflicts (again, "cd0");
  g_assert_cmpuint (all->len, ==, 1);
  wf_team_journal_close (again);
}


/* With a server: two libraries, as tests/test-team-session.c has them */

#define WAIT_SECONDS 60

typedef struct
{
  char          *dir;
  const char    *client;
  WfLibrary     *library;
  WfDocument    *document;
  WfAutosave    *autosave;
  WfTeamJournal *journal;
  WfTeamSession *session;
  gint64         id;
} Member;

typedef struct
{
  char   *conninfo;
  PGconn *conn;
  char   *doc;
  Member *a;
  Member *b;
} Team;

typedef gboolean (*Condition) (Team *team);

#define wait_until(team, condition) \
  wf_test_loop_until ((WfTestLoopCondition) (condition), (team), WAIT_SECONDS, #condition)

static gint64
pg_int (Team       *team,
        const char *sql)
{
  return wf_test_pg_int (team->conn, sql, team->doc);
}

static void
make_team_database (Team           *team,
                    WfTestPostgres *server)
{
  static int counter = 0;
  g_autofree char *dbname = g_strdup_printf ("t_conflicts_%d", ++counter);

  team->conn = wf_test_postgres_team_database (server, dbname, &team->conninfo);
}

static Member *
member_open (Team       *team,
             const char *client,
             WfDocument *document,
             const char *tag,
             gint64      seq)
{
  Member *m = g_new0 (Member, 1);
  g_autofree char *path = NULL;
  g_autofree char *insert = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  m->dir = wf_test_make_tmpdir ();
  m->client = client;
  path = g_build_filename (m->dir, "library.sqlite", NULL);
  m->library = wf_library_new (path, &error);
  g_assert_no_error (error);
  db = wf_library_get_db (m->library);
  m->document = g_object_ref (document);
  m->id = wf_library_add (m->library, m->document, NULL, &error);
  g_assert_no_error (error);

  insert = g_strdup_printf ("INSERT INTO team_clients (team, client, tag) VALUES ('" TEAM "', '%s', '%s')",
                            client, tag);
  g_assert_true (wf_sqlite_exec (db, insert, NULL));
  wf_document_set_id_tag (m->document, tag);
  g_assert_true (wf_team_journal_write_state (db, m->id, m->document, TEAM, team->doc, seq, "", &error));
  g_assert_no_error (error);

  m->autosave = wf_autosave_new (m->library, m->id, m->document);
  _wf_autosave_set_delay (m->autosave, 600 * 1000);
  m->journal = wf_team_journal_new (m->autosave, &error);
  g_assert_no_error (error);
  m->session = wf_team_session_new (m->journal, team->conninfo, team->doc);
  wf_team_session_set_retry (m->session, 20, 200);
  wf_team_session_start (m->session);

  return m;
}

static void
member_free (Member *m)
{
  wf_team_session_stop (m->session);
  g_clear_object (&m->session);
  wf_autosave_flush (m->autosave);
  wf_team_journal_close (m->journal);
  wf_autosave_close (m->autosave);
  g_clear_object (&m->journal);
  g_clear_object (&m->autosave);
  g_clear_object (&m->document);
  g_clear_object (&m->library);
  wf_test_remove_tree (m->dir);
  g_free (m->dir);
  g_free (m);
}

static gboolean
both_live (Team *team)
{
  return wf_team_session_get_state (team->a->session) == WF_TEAM_SESSION_LIVE &&
         wf_team_session_get_state (team->b->session) == WF_TEAM_SESSION_LIVE;
}

static gboolean
a_sent (Team *team)
{
  return wf_team_session_is_idle (team->a->session) &&
         wf_team_journal_get_seq (team->a->journal) ==
           pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1");
}

static gboolean
converged (Team *team)
{
  gint64 seq;

  if (!wf_team_session_is_idle (team->a->session) || !wf_team_session_is_idle (team->b->session))
    return FALSE;

  seq = pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1");

  return wf_team_journal_get_seq (team->a->journal) == seq &&
         wf_team_journal_get_seq (team->b->journal) == seq;
}

/* A shares rich.journey, B reads it from the server; both live. */
static Team *
team_new (WfTestPostgres *server)
{
  Team *team = g_new0 (Team, 1);
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfDocument) document_a = NULL;
  g_autoptr(WfDocument) document_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tag_a = NULL;
  WfTestWait wait = { NULL };
  const char *params[] = { US };
  PGresult *tag_b;
  gint64 seq = 0;

  make_team_database (team, server);

  wf_team_connection_new_async (team->conninfo, NULL, wf_test_on_ready, &wait);
  connection = wf_team_connection_new_finish (wf_test_wait_for (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  document_a = wf_test_load_data ("rich.journey");
  wf_team_share_async (connection, document_a, ANNA, NULL, wf_test_on_ready, &wait);
  team->doc = wf_team_share_finish (connection, wf_test_wait_for (&wait), &tag_a, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  team->a = member_open (team, ANNA, document_a, tag_a, 1);

  wf_team_read_async (connection, team->doc, NULL, wf_test_on_ready, &wait);
  document_b = wf_team_read_finish (connection, wf_test_wait_for (&wait), &seq, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  tag_b = wf_test_pg_exec (team->conn, "SELECT wayfinder.register ($1)", 1, params);
  team->b = member_open (team, US, document_b, PQgetvalue (tag_b, 0, 0), seq);
  PQclear (tag_b);
  wf_team_connection_close (connection);

  wait_until (team, both_live);

  return team;
}

static void
team_free (Team *team)
{
  member_free (team->a);
  member_free (team->b);
  PQfinish (team->conn);
  g_free (team->conninfo);
  g_free (team->doc);
  g_free (team);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Team, team_free)

/* The document as a file, but for "created" and "modified". */
static char *
text_of (WfDocument *document)
{
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
  g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "  \"created\":") && !g_str_has_prefix (lines[i], "  \"modified\":"))
      g_string_append_printf (text, "%s\n", lines[i]);

  return g_string_free (text, FALSE);
}

/* Both documents equal, in memory and in the libraries, and no conflict
 * left on either side or on the server. */
static void
assert_equal_and_closed (Team *team)
{
  g_autofree char *text_a = text_of (team->a->document);
  g_autofree char *text_b = text_of (team->b->document);
  g_autoptr(WfDocument) stored_a = NULL;
  g_autoptr(WfDocument) stored_b = NULL;
  g_autofree char *stored_text_a = NULL;
  g_autofree char *stored_text_b = NULL;
  g_autoptr(GError) error = NULL;

  wf_test_assert_same_text (text_a, text_b);
  stored_a = wf_library_load (team->a->library, team->a->id, &error);
  g_assert_no_error (error);
  stored_b = wf_library_load (team->b->library, team->b->id, &error);
  g_assert_no_error (error);
  stored_text_a = text_of (stored_a);
  stored_text_b = text_of (stored_b);
  wf_test_assert_same_text (text_a, stored_text_a);
  wf_test_assert_same_text (stored_text_a, stored_text_b);

  g_assert_cmpint (wf_test_sqlite_int (wf_library_get_db (team->a->library), "SELECT count(*) FROM team_conflicts"), ==, 0);
  g_assert_cmpint (wf_test_sqlite_int (wf_library_get_db (team->b->library), "SELECT count(*) FROM team_conflicts"), ==, 0);
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.conflicts WHERE doc = $1 AND resolved IS NULL"), ==, 0);
}

static gboolean
both_have_conflict (Team *team)
{
  return converged (team) &&
         wf_team_journal_has_conflict (team->a->journal, "cd0") &&
         wf_team_journal_has_conflict (team->b->journal, "cd0");
}

/* A and B change one title apart: A's stays, B's is set aside on both.
 * A chooses B's: the mark goes on both, and both end equal with B's. */
static void
test_server_choose (void)
{
  g_autoptr(WfTestPostgres) server = wf_test_postgres_start_or_skip ();
  g_autoptr(Team) team = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  WfTeamConflict *conflict;
  gint64 seq;

  if (server == NULL)
    return;

  team = team_new (server);
  wf_team_session_stop (team->b->session);
  wf_edit_set (wf_document_lookup (team->a->document, "cd0"), "title", "Anna's", NULL);
  g_assert_true (wf_autosave_flush (team->a->autosave));
  wait_until (team, a_sent);
  wf_edit_set (wf_document_lookup (team->b->document, "cd0"), "title", "Bram's", NULL);
  g_assert_true (wf_autosave_flush (team->b->autosave));
  wf_team_session_start (team->b->session);
  wait_until (team, both_have_conflict);

  conflicts = wf_team_journal_list_conflicts (team->a->journal, "cd0");
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->value, ==, "\"Bram's\"");
  g_assert_false (wf_team_journal_is_own_change (team->a->journal, conflict->seq));
  g_assert_true (wf_team_journal_is_own_change (team->b->journal, conflict->seq));
  seq = conflict->seq;
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  g_assert_cmpstr (card_title_of (team->b->document, "cd0"), ==, "Anna's");

  g_assert_true (wf_team_journal_resolve (team->a->journal, seq, "cd0", "title", TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (wf_team_journal_has_conflict (team->a->journal, "cd0"));
  wait_until (team, converged);

  g_assert_false (wf_team_journal_has_conflict (team->b->journal, "cd0"));
  g_assert_cmpstr (card_title_of (team->a->document, "cd0"), ==, "Bram's");
  g_assert_cmpstr (card_title_of (team->b->document, "cd0"), ==, "Bram's");
  assert_equal_and_closed (team);
}

static gboolean
b_has_removal (Team *team)
{
  return converged (team) && wf_team_journal_has_conflict (team->b->journal, "cd8");
}

static gboolean
cd8_back_on_both (Team *team)
{
  return converged (team) && wf_document_lookup (team->a->document, "cd8") != NULL &&
         wf_document_lookup (team->b->document, "cd8") != NULL;
}

/* B changes a card, A (apart) removes it: the removal met B's edit, and
 * B restores it; it comes back on both, and the notice goes. */
static void
test_server_restore (void)
{
  g_autoptr(WfTestPostgres) server = wf_test_postgres_start_or_skip ();
  g_autoptr(Team) team = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  WfTeamConflict *conflict;
  gint64 seq;

  if (server == NULL)
    return;

  team = team_new (server);
  wf_team_session_stop (team->a->session);
  wf_edit_set (wf_document_lookup (team->b->document, "cd8"), "title", "Bram's", NULL);
  g_assert_true (wf_autosave_flush (team->b->autosave));
  wf_edit_remove (wf_document_lookup (team->a->document, "cd8"));
  g_assert_true (wf_autosave_flush (team->a->autosave));
  wf_team_session_start (team->a->session);
  wait_until (team, b_has_removal);

  g_assert_null (wf_document_lookup (team->b->document, "cd8"));
  conflicts = wf_team_journal_list_conflicts (team->b->journal, "cd8");
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->member, ==, "@item");
  g_assert_nonnull (strstr (conflict->value, "Bram's"));
  seq = conflict->seq;
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  g_assert_true (wf_team_journal_restore (team->b->journal, seq, "cd8", "@item", &error));
  g_assert_no_error (error);
  wait_until (team, cd8_back_on_both);

  g_assert_cmpstr (card_title_of (team->a->document, "cd8"), ==, "Bram's");
  assert_equal_and_closed (team);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/team-conflicts/list", test_list);
  g_test_add_func ("/team-conflicts/keep-map-value", test_keep_map_value);
  g_test_add_func ("/team-conflicts/use-set-aside", test_use_set_aside);
  g_test_add_func ("/team-conflicts/other-members", test_other_members);
  g_test_add_func ("/team-conflicts/phase-place", test_phase_place);
  g_test_add_func ("/team-conflicts/restore", test_restore);
  g_test_add_func ("/team-conflicts/restore-moved", test_restore_moved);
  g_test_add_func ("/team-conflicts/restore-older", test_restore_older);
  g_test_add_func ("/team-conflicts/dismiss", test_dismiss);
  g_test_add_func ("/team-conflicts/own-removal-named", test_own_removal_named);
  g_test_add_func ("/team-conflicts/reopen", test_reopen);
  g_test_add_func ("/team-conflicts/server/choose", test_server_choose);
  g_test_add_func ("/team-conflicts/server/restore", test_server_restore);

  return g_test_run ();
}
