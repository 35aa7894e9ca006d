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

#include "storage/wf-autosave-private.h"
#include "storage/wf-journey.h"
#include "storage/wf-library.h"
#include "storage/wf-sqlite.h"
#include "team/wf-team-apply.h"
#include "team/wf-team-journal.h"
#include "test-util.h"

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
  g_autofree char *record = wf_test_sqlite_text (db_of (c), "SELECT record FROM team_outbox ORDER BY client_seq DESC LIMIT 1");
  const char *ops;

  g_assert_nonnull (record);
  ops = strstr (record, "\"ops\":[");
  g_assert_nonnull (ops);

  return g_strndup (ops + 7, strlen (ops + 7) - 2);
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
card_title (Client     *c,
            const char *id)
{
  WfItem *item = wf_document_lookup (c->document, id);

  g_assert_true (WF_IS_CARD (item));
  return wf_card_get_title (WF_CARD (item));
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/team-conflicts/list", test_list);
  g_test_add_func ("/team-conflicts/keep-map-value", test_keep_map_value);
  g_test_add_func ("/team-conflicts/use-set-aside", test_use_set_aside);
  g_test_add_func ("/team-conflicts/other-members", test_other_members);
  g_test_add_func ("/team-conflicts/restore", test_restore);
  g_test_add_func ("/team-conflicts/dismiss", test_dismiss);
  g_test_add_func ("/team-conflicts/reopen", test_reopen);

  return g_test_run ();
}
