/* test-team-session.c — two libraries live with one team server
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case shares a document from library A, opens it in library B from
 * the server, and edits it in both through a WfTeamSession each, in one
 * process. The main loop runs until a condition holds, never for a time.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <libpq-fe.h>

#include "storage/wf-autosave-private.h"
#include "storage/wf-journey.h"
#include "storage/wf-library.h"
#include "storage/wf-sqlite.h"
#include "team/wf-team-documents.h"
#include "team/wf-team-journal.h"
#include "team/wf-team-schema.h"
#include "team/wf-team-sender.h"
#include "team/wf-team-session.h"
#include "test-postgres.h"
#include "test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

#define TEAM "5b1d7a52-0000-4000-8000-000000000001"
#define CLIENT_A "c0000000-0000-4000-8000-00000000000a"
#define CLIENT_B "c0000000-0000-4000-8000-00000000000b"
#define CLIENT_C "c0000000-0000-4000-8000-00000000000c"

/* How long a condition may take before the case fails. */
#define WAIT_SECONDS 60

/* One library with the team document open in a session. */
typedef struct
{
  char          *dir;
  char          *client;
  WfLibrary     *library;
  WfDocument    *document;
  WfAutosave    *autosave;
  WfTeamJournal *journal;
  WfTeamSession *session;
  gint64         id;
} Client;

typedef struct
{
  WfTestPostgres *server;
  gboolean        own_server;
  char           *conninfo;
  PGconn         *conn;       /* the test's own, blocking */
  char           *doc;        /* the document's id on the server */
  Client         *a;
  Client         *b;
} Team;

/* The main loop (wf_test_loop_until()) and the server */

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
make_team_database (Team *team)
{
  static int counter = 0;
  g_autofree char *dbname = g_strdup_printf ("t_session_%d", ++counter);

  team->conn = wf_test_postgres_team_database (team->server, dbname, &team->conninfo);
}

/* The clients */

static Client *
client_new (const char *client)
{
  Client *c = g_new0 (Client, 1);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  c->dir = wf_test_make_tmpdir ();
  c->client = g_strdup (client);
  path = g_build_filename (c->dir, "library.sqlite", NULL);
  c->library = wf_library_new (path, &error);
  g_assert_no_error (error);

  return c;
}

/* @document, just added to @c's library as the team document @doc at
 * @seq, opened with its journal and a session on @conninfo. */
static void
client_open_with (Client     *c,
                  Team       *team,
                  const char *conninfo,
                  WfDocument *document,
                  const char *tag,
                  gint64      seq)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *insert = NULL;
  sqlite3 *db = wf_library_get_db (c->library);

  c->document = g_object_ref (document);
  c->id = wf_library_add (c->library, c->document, NULL, &error);
  g_assert_no_error (error);

  insert = g_strdup_printf ("INSERT INTO team_clients (team, client, tag) VALUES ('" TEAM "', '%s', '%s')",
                            c->client, tag);
  g_assert_true (wf_sqlite_exec (db, insert, NULL));
  wf_document_set_id_tag (c->document, tag);
  g_assert_true (wf_team_journal_write_state (db, c->id, c->document, TEAM, team->doc, seq, "", &error));
  g_assert_no_error (error);

  c->autosave = wf_autosave_new (c->library, c->id, c->document);
  /* Written when the test says so: wf_autosave_flush(). */
  _wf_autosave_set_delay (c->autosave, 600 * 1000);
  c->journal = wf_team_journal_new (c->autosave, &error);
  g_assert_no_error (error);

  c->session = wf_team_session_new (c->journal, conninfo, team->doc);
  wf_team_session_set_retry (c->session, 20, 200);
  g_assert_true (wf_team_session_get_can_write (c->session));
  wf_team_session_start (c->session);
}

static void
client_open (Client     *c,
             Team       *team,
             WfDocument *document,
             const char *tag,
             gint64      seq)
{
  client_open_with (c, team, team->conninfo, document, tag, seq);
}

static void
client_free (Client *c)
{
  if (c->session != NULL)
    wf_team_session_stop (c->session);
  g_clear_object (&c->session);
  if (c->journal != NULL)
    {
      wf_autosave_flush (c->autosave);
      wf_team_journal_close (c->journal);
      wf_autosave_close (c->autosave);
    }
  g_clear_object (&c->journal);
  g_clear_object (&c->autosave);
  g_clear_object (&c->document);
  g_clear_object (&c->library);
  wf_test_remove_tree (c->dir);
  g_free (c->dir);
  g_free (c->client);
  g_free (c);
}

/* The library's database of @c. */
static sqlite3 *
db_of (Client *c)
{
  return wf_library_get_db (c->library);
}

static WfItem *
find (Client     *c,
      const char *id)
{
  WfItem *item = wf_document_lookup (c->document, id);

  g_assert_nonnull (item);
  return item;
}

/* A step, written as the autosave would write it after a while: its
 * record goes into the outbox, and the session sends it. */
static void
edit (Client     *c,
      const char *id,
      const char *member,
      const char *value)
{
  wf_edit_set (find (c, id), member, value, NULL);
  g_assert_true (wf_autosave_flush (c->autosave));
}

static char *
title_of (Client     *c,
          const char *id)
{
  g_autofree char *title = NULL;

  g_object_get (find (c, id), "title", &title, NULL);

  return g_steal_pointer (&title);
}

/* The document as a file, but for "created" and "modified": A's are its
 * own, B's the server's (docs/team-library.md, open question 8). */
static char *
text_of_document (WfDocument *document)
{
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
  g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  GString *text = g_string_new (NULL);

  g_assert_cmpuint (strlen (g_bytes_get_data (bytes, NULL)), ==, g_bytes_get_size (bytes));
  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "  \"created\":") && !g_str_has_prefix (lines[i], "  \"modified\":"))
      g_string_append_printf (text, "%s\n", lines[i]);

  return g_string_free (text, FALSE);
}

static char *
text_of (Client *c)
{
  return text_of_document (c->document);
}

/* Conditions */

static gboolean
both_live (Team *team)
{
  return wf_team_session_get_state (team->a->session) == WF_TEAM_SESSION_LIVE &&
         wf_team_session_get_state (team->b->session) == WF_TEAM_SESSION_LIVE;
}

static gboolean
a_offline (Team *team)
{
  return wf_team_session_get_state (team->a->session) == WF_TEAM_SESSION_OFFLINE;
}

static gboolean
push_waits (Team *team)
{
  return pg_int (team, "SELECT count(*) FROM pg_stat_activity"
                       " WHERE wait_event_type = 'Lock' AND datname = current_database()") == 1;
}

static gboolean
both_gave_up (Team *team)
{
  return wf_team_session_get_state (team->a->session) == WF_TEAM_SESSION_OFFLINE &&
         wf_team_session_get_error (team->a->session) != NULL &&
         wf_team_session_get_state (team->b->session) == WF_TEAM_SESSION_OFFLINE &&
         wf_team_session_get_error (team->b->session) != NULL;
}

static gboolean
a_sent (Team *team)
{
  return wf_team_session_is_idle (team->a->session) &&
         wf_team_journal_get_seq (team->a->journal) ==
           pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1");
}

/* Both at the server's seq with nothing left to send. */
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

static void
assert_converged (Team *team)
{
  g_autofree char *text_a = text_of (team->a);
  g_autofree char *text_b = text_of (team->b);

  wf_test_assert_same_text (text_a, text_b);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 0);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->b), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 0);
}

/* The team: A shares the test document, B reads it from the server. */

static Team *
team_new (WfTestPostgres *server,
          gboolean        own_server)
{
  Team *team = g_new0 (Team, 1);
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfDocument) document_a = NULL;
  g_autoptr(WfDocument) document_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tag_a = NULL;
  gint64 seq = 0;
  WfTestWait wait = { 0 };

  team->server = server;
  team->own_server = own_server;
  make_team_database (team);
  team->a = client_new (CLIENT_A);
  team->b = client_new (CLIENT_B);

  wf_team_connection_new_async (team->conninfo, NULL, wf_test_on_ready, &wait);
  connection = wf_team_connection_new_finish (wf_test_wait_for (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  document_a = wf_test_load_data ("rich.journey");
  wf_team_share_async (connection, document_a, CLIENT_A, NULL, wf_test_on_ready, &wait);
  team->doc = wf_team_share_finish (connection, wf_test_wait_for (&wait), &tag_a, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  client_open (team->a, team, document_a, tag_a, 1);

  wf_team_read_async (connection, team->doc, NULL, wf_test_on_ready, &wait);
  document_b = wf_team_read_finish (connection, wf_test_wait_for (&wait), &seq, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  {
    const char *params[] = { CLIENT_B };
    PGresult *tag_b = wf_test_pg_exec (team->conn, "SELECT wayfinder.register ($1)", 1, params);

    client_open (team->b, team, document_b, PQgetvalue (tag_b, 0, 0), seq);
    PQclear (tag_b);
  }
  wf_team_connection_close (connection);

  wait_until (team, both_live);

  return team;
}

static void
team_free (Team *team)
{
  client_free (team->a);
  client_free (team->b);
  PQfinish (team->conn);
  if (team->own_server)
    wf_test_postgres_stop (team->server);
  g_free (team->conninfo);
  g_free (team->doc);
  g_free (team);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Team, team_free)

/* Cases */

/* Edits to different cards on both sides, at once: both end with both. */
static void
test_different_cards (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autofree char *title = NULL;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  edit (team->a, "cd0", "title", "Anna's");
  edit (team->b, "cd4", "title", "Bram's");
  edit (team->a, "cd8", "notes", "Seen on Monday");
  wait_until (team, converged);

  assert_converged (team);
  title = title_of (team->b, "cd0");
  g_assert_cmpstr (title, ==, "Anna's");
  g_clear_pointer (&title, g_free);
  title = title_of (team->a, "cd4");
  g_assert_cmpstr (title, ==, "Bram's");
  g_assert_cmpint (pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1"), ==, 4);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_conflicts"), ==, 0);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->b), "SELECT count(*) FROM team_conflicts"), ==, 0);
}

static gboolean
b_has_title (Team *team)
{
  g_autofree char *title = title_of (team->b, "cd12");

  return g_strcmp0 (title, "Told") == 0;
}

/* B reads the log because the server told it to: nobody asks it to. */
static void
test_notified (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  gint64 commits;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);
  commits = _wf_autosave_get_n_commits (team->b->autosave);

  edit (team->a, "cd12", "title", "Told");
  wait_until (team, b_has_title);

  /* Applied and written in B's library, not on B's undo stack. */
  g_assert_cmpuint (_wf_autosave_get_n_commits (team->b->autosave), >, commits);
  g_assert_cmpuint (wf_undo_stack_get_length (wf_document_get_undo_stack (team->b->document)), ==, 0);
  wait_until (team, converged);
  assert_converged (team);
}

/* A title typed key by key, the main loop running between the keys, as
 * answers and notifications come: the team gets it as one change, not
 * a change for its first key, nor one for each page of the log that
 * comes in while it is typed. */
static void
test_typing (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  static const char typed[] = "Typed slowly";
  g_autoptr(Team) team = NULL;
  g_autofree char *title = NULL;
  gint64 before, after;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);
  before = pg_int (team, "SELECT count(*) FROM wayfinder.changes WHERE doc = $1");

  for (gsize n = 1; n <= strlen (typed); n++)
    {
      g_autofree char *prefix = g_strndup (typed, n);

      gint64 until = g_get_monotonic_time () + 40 * G_TIME_SPAN_MILLISECOND;

      /* A key every 40 ms, the main loop running between; halfway, B's
       * change comes in while A types. */
      wf_edit_set (find (team->a, "cd0"), "title", prefix, NULL);
      if (n == 4)
        edit (team->b, "cd4", "notes", "Meanwhile");
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  {
    g_autofree char *notes = NULL;

    g_object_get (find (team->a, "cd4"), "notes", &notes, NULL);
    g_assert_cmpstr (notes, ==, "Meanwhile");
  }
  wf_undo_stack_seal (wf_document_get_undo_stack (team->a->document));
  g_assert_true (wf_autosave_flush (team->a->autosave));
  wait_until (team, converged);

  after = pg_int (team, "SELECT count(*) FROM wayfinder.changes WHERE doc = $1");
  g_assert_cmpint (after - before, ==, 2);
  assert_converged (team);
  title = title_of (team->b, "cd0");
  g_assert_cmpstr (title, ==, typed);
}

/* Different members of one card, at once: both are kept. */
static void
test_different_members (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autofree char *title = NULL;
  g_autofree char *notes = NULL;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  edit (team->a, "cd0", "title", "Anna's");
  edit (team->b, "cd0", "notes", "Bram's note");
  wait_until (team, converged);

  assert_converged (team);
  title = title_of (team->b, "cd0");
  g_object_get (find (team->a, "cd0"), "notes", &notes, NULL);
  g_assert_cmpstr (title, ==, "Anna's");
  g_assert_cmpstr (notes, ==, "Bram's note");
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_conflicts"), ==, 0);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->b), "SELECT count(*) FROM team_conflicts"), ==, 0);
}

/* One member, changed by A while B is offline and by B meanwhile: the
 * server keeps A's, which came first; B's is listed as a conflict on
 * both sides.
 */
static void
test_same_member_offline (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wf_team_session_stop (team->b->session);
  g_assert_cmpint (wf_team_session_get_state (team->b->session), ==, WF_TEAM_SESSION_OFFLINE);

  edit (team->a, "cd0", "title", "Anna's");
  wait_until (team, a_sent);
  edit (team->b, "cd0", "title", "Bram's");
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->b), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 1);

  wf_team_session_start (team->b->session);
  wait_until (team, converged);

  assert_converged (team);
  for (guint i = 0; i < 2; i++)
    {
      Client *c = i == 0 ? team->a : team->b;
      g_autofree char *title = title_of (c, "cd0");
      g_autofree char *value = NULL;

      g_assert_cmpstr (title, ==, "Anna's");
      g_assert_cmpint (wf_test_sqlite_int (db_of (c), "SELECT count(*) FROM team_conflicts"), ==, 1);
      value = wf_test_sqlite_text (db_of (c), "SELECT value FROM team_conflicts WHERE item = 'cd0' AND member = 'title'");
      g_assert_nonnull (value);
      g_assert_nonnull (strstr (value, "Bram's"));
    }
}

/* The server killed while A's push waits for the document's row lock,
 * and A edits again while it is gone: once it is back, A sends both, and
 * each is one change on the server.
 */
static void
test_server_killed (void)
{
  WfTestPostgres *server = wf_test_postgres_start_or_skip ();
  g_autoptr(Team) team = NULL;
  g_autoptr(PGconn) locker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *params[] = { NULL };

  if (server == NULL)
    return;

  team = team_new (server, TRUE);
  wait_until (team, converged);

  /* A connection of the test's holds the lock push() takes. */
  params[0] = team->doc;
  locker = PQconnectdb (team->conninfo);
  PQclear (wf_test_pg_exec (locker, "BEGIN", 0, NULL));
  PQclear (wf_test_pg_exec (locker, "SELECT 1 FROM wayfinder.documents WHERE id = $1 FOR UPDATE", 1, params));
  edit (team->a, "cd0", "title", "Before the crash");
  wait_until (team, push_waits);

  wf_test_postgres_kill (server);
  wait_until (team, a_offline);
  g_assert_nonnull (wf_team_session_get_error (team->a->session));
  edit (team->a, "cd4", "title", "During the crash");

  g_assert_true (wf_test_postgres_restart (server, &error));
  g_assert_no_error (error);
  PQreset (team->conn);
  g_assert_cmpint (PQstatus (team->conn), ==, CONNECTION_OK);
  wait_until (team, converged);

  assert_converged (team);
  g_assert_null (wf_team_session_get_error (team->a->session));
  title = title_of (team->b, "cd0");
  g_assert_cmpstr (title, ==, "Before the crash");
  g_clear_pointer (&title, g_free);
  title = title_of (team->b, "cd4");
  g_assert_cmpstr (title, ==, "During the crash");

  /* Each record of A is one change, the first one's included. */
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox"), ==, 2);
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.changes WHERE doc = $1 AND seq > 1 AND client = '" CLIENT_A "'"),
                   ==, 2);
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.changes"
                                 " WHERE doc = $1 AND ops::text LIKE '%Before the crash%'"), ==, 1);
}

/* B offline while A makes more changes than one page of the log holds:
 * B reads them a page at a time, each page written in one transaction.
 */
static void
test_catch_up_pages (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  guint n_edits = g_test_slow () ? 2 * WF_TEAM_SESSION_PAGE + 100 : WF_TEAM_SESSION_PAGE + 50;
  g_autofree char *last = NULL;
  g_autofree char *title = NULL;
  guint commits;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);
  wf_team_session_stop (team->b->session);

  for (guint i = 0; i < n_edits; i++)
    {
      g_autofree char *value = g_strdup_printf ("Title %u", i);

      edit (team->a, i % 2 == 0 ? "cd0" : "cd4", "title", value);
    }
  wait_until (team, a_sent);
  g_assert_cmpint (wf_team_journal_get_seq (team->a->journal), ==, 1 + n_edits);

  commits = _wf_autosave_get_n_commits (team->b->autosave);
  wf_team_session_start (team->b->session);
  wait_until (team, converged);

  assert_converged (team);
  last = g_strdup_printf ("Title %u", n_edits - 1);
  title = title_of (team->b, n_edits % 2 == 0 ? "cd4" : "cd0");
  g_assert_cmpstr (title, ==, last);
  /* One transaction a page, and no more. */
  g_assert_cmpuint (_wf_autosave_get_n_commits (team->b->autosave) - commits, ==,
                    (n_edits + WF_TEAM_SESSION_PAGE - 1) / WF_TEAM_SESSION_PAGE);
}

/* A removes a card while B, offline, edits it: once B is back, the card
 * is gone on both, and B is told its edit found nothing.
 */
static void
test_remove_against_edit (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);
  wf_team_session_stop (team->b->session);

  wf_edit_remove (find (team->a, "cd8"));
  g_assert_true (wf_autosave_flush (team->a->autosave));
  wait_until (team, a_sent);
  edit (team->b, "cd8", "title", "Bram's");

  wf_team_session_start (team->b->session);
  wait_until (team, converged);

  assert_converged (team);
  g_assert_null (wf_document_lookup (team->a->document, "cd8"));
  g_assert_null (wf_document_lookup (team->b->document, "cd8"));
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->b), "SELECT count(*) FROM team_conflicts WHERE item = 'cd8'"), ==, 1);
}

/* B types a card's title while A deletes the card: what B typed after
 * the removal is set aside (a "gone" set). B restores the card from
 * the removal bar: one record brings it back with that title, on both,
 * and closes the conflicts. */
static void
test_restore_set_aside (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *record = NULL;
  gint64 outbox, seq;
  char *member;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  edit (team->b, "cd8", "title", "Colleagu");
  wait_until (team, converged);
  wf_team_session_stop (team->b->session);

  wf_edit_remove (find (team->a, "cd8"));
  g_assert_true (wf_autosave_flush (team->a->autosave));
  wait_until (team, a_sent);
  edit (team->b, "cd8", "title", "Colleague typing by Ben");

  wf_team_session_start (team->b->session);
  wait_until (team, converged);
  assert_converged (team);
  g_assert_null (wf_document_lookup (team->b->document, "cd8"));

  /* The bar's row: B's change, set aside. */
  conflicts = wf_team_journal_list_conflicts (team->b->journal, "cd8");
  g_assert_cmpuint (conflicts->len, ==, 1);
  seq = ((WfTeamConflict *) conflicts->pdata[0])->seq;
  member = g_strdup (((WfTeamConflict *) conflicts->pdata[0])->member);
  g_assert_cmpstr (member, ==, "title");
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  outbox = wf_test_sqlite_int (db_of (team->b), "SELECT count(*) FROM team_outbox");
  g_assert_true (wf_team_journal_restore (team->b->journal, seq, "cd8", member, &error));
  g_assert_no_error (error);
  g_free (member);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->b), "SELECT count(*) FROM team_outbox"), ==, outbox + 1);
  record = wf_test_sqlite_text (db_of (team->b), "SELECT record FROM team_outbox ORDER BY client_seq DESC LIMIT 1");
  g_assert_nonnull (strstr (record, "\"restore\""));
  g_assert_nonnull (strstr (record, "Colleague typing by Ben"));

  wait_until (team, converged);
  assert_converged (team);
  for (guint i = 0; i < 2; i++)
    {
      Client *c = i == 0 ? team->a : team->b;
      g_autofree char *title = title_of (c, "cd8");

      g_assert_cmpstr (title, ==, "Colleague typing by Ben");
      g_assert_cmpint (wf_test_sqlite_int (db_of (c), "SELECT count(*) FROM team_conflicts WHERE item = 'cd8'"), ==, 0);
    }
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.conflicts"
                                 " WHERE doc = $1 AND item = 'cd8' AND resolved IS NULL"), ==, 0);
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.items"
                                 " WHERE doc = $1 AND id = 'cd8' AND value->>'title' = 'Colleague typing by Ben'"
                                 " AND removed IS NULL"), ==, 1);
}

/* A restores a version from History after edits of every kind, while B,
 * offline, edits a card the version does not touch: the restore is one
 * step, one record and one change on the server, setting only what
 * differs, so B's edit is kept without a conflict; both end with the
 * same bytes. Undo is one more change, back to A's edits on both.
 */
static void
test_restore_revision (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(WfDocument) old = NULL;
  g_autoptr(WfCard) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *card_id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *record = NULL;
  g_autofree char *original = NULL;
  g_autofree char *title = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *seq_sql = NULL;
  WfUndoStack *stack;
  WfMap *map;
  gint64 outbox, seq;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);
  stack = wf_document_get_undo_stack (team->a->document);
  map = WF_MAP (find (team->a, "map1"));

  /* The version to go back to, as History lists it. */
  g_assert_true (wf_autosave_add_revision (team->a->autosave, "save"));
  revisions = wf_library_list_revisions (team->a->library, team->a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, >, 0);
  before = text_of (team->a);
  original = title_of (team->a, "cd0");

  /* A's edits since: a title, a card moved, one added, one removed, a
   * phase reordered, a lane's persona, a link's label. */
  edit (team->a, "cd0", "title", "Anna's");
  wf_edit_move_card (WF_CARD (find (team->a, "cd4")), WF_PHASE (find (team->a, "ph2")),
                     WF_LANE (find (team->a, "ln1")), 0);
  card_id = wf_document_make_id (team->a->document, "card");
  added = wf_card_new (card_id, "Added by Anna");
  g_assert_true (wf_edit_add_card (map, added, WF_PHASE (find (team->a, "ph1")), WF_LANE (find (team->a, "ln2")), -1));
  wf_edit_remove (find (team->a, "cd8"));
  wf_edit_reorder (find (team->a, "ph3"), 0);
  wf_edit_set (find (team->a, "ln9"), "persona", find (team->a, "bo"), NULL);
  wf_edit_set (find (team->a, "lk0"), "label", "then", NULL);
  g_assert_true (wf_autosave_flush (team->a->autosave));
  wait_until (team, converged);
  assert_converged (team);

  /* B, offline, edits a card the version does not touch. */
  wf_team_session_stop (team->b->session);
  edit (team->b, "cd12", "notes", "Bram's note");

  /* A restores the version: one step, one record. */
  outbox = wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox");
  seq = wf_team_journal_get_seq (team->a->journal);
  old = wf_library_load_revision (team->a->library, ((WfRevision *) revisions->pdata[0])->id, &error);
  g_assert_no_error (error);
  wf_edit_replace_content (team->a->document, old, "Restore Version");
  g_assert_true (wf_autosave_flush (team->a->autosave));
  g_assert_cmpstr (wf_undo_stack_get_undo_label (stack), ==, "Restore Version");
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox"), ==, outbox + 1);
  restored = text_of (team->a);
  wf_test_assert_same_text (before, restored);

  /* Only what differs: nothing of the cards the edits did not touch. */
  record = wf_test_sqlite_text (db_of (team->a), "SELECT record FROM team_outbox ORDER BY client_seq DESC LIMIT 1");
  g_assert_nonnull (strstr (record, "\"cd0\""));
  g_assert_nonnull (strstr (record, "\"cd8\""));
  g_assert_null (strstr (record, "\"cd12\""));
  g_assert_null (strstr (record, "\"cd1\""));
  wait_until (team, a_sent);
  seq_sql = g_strdup_printf ("SELECT count(*) FROM wayfinder.changes WHERE doc = $1 AND seq > %" G_GINT64_FORMAT
                             " AND client = '" CLIENT_A "'", seq);
  g_assert_cmpint (pg_int (team, seq_sql), ==, 1);

  wf_team_session_start (team->b->session);
  wait_until (team, converged);
  assert_converged (team);

  title = title_of (team->b, "cd0");
  g_assert_cmpstr (title, ==, original);
  g_assert_null (wf_document_lookup (team->b->document, card_id));
  g_assert_nonnull (wf_document_lookup (team->b->document, "cd8"));
  g_object_get (find (team->a, "cd12"), "notes", &notes, NULL);
  g_assert_cmpstr (notes, ==, "Bram's note");
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_conflicts"), ==, 0);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->b), "SELECT count(*) FROM team_conflicts"), ==, 0);

  /* Undo: A's edits again, on both. */
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpuint (wf_undo_stack_get_last_skipped (stack, NULL), ==, 0);
  g_assert_true (wf_autosave_flush (team->a->autosave));
  wait_until (team, converged);
  assert_converged (team);
  g_clear_pointer (&title, g_free);
  title = title_of (team->b, "cd0");
  g_assert_cmpstr (title, ==, "Anna's");
  g_assert_nonnull (wf_document_lookup (team->b->document, card_id));
  g_assert_null (wf_document_lookup (team->b->document, "cd8"));
}

/* A and B each add a card at one place in one cell, at once: both cards
 * are kept, in the same order on both. */
static void
test_inserts_at_one_place (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autoptr(WfCard) card_a = wf_card_new ("card-anna", "Anna's");
  g_autoptr(WfCard) card_b = wf_card_new ("card-bram", "Bram's");

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);

  g_assert_true (wf_edit_add_card (WF_MAP (find (team->a, "map1")), card_a, WF_PHASE (find (team->a, "ph0")),
                                   WF_LANE (find (team->a, "ln0")), 1));
  g_assert_true (wf_edit_add_card (WF_MAP (find (team->b, "map1")), card_b, WF_PHASE (find (team->b, "ph0")),
                                   WF_LANE (find (team->b, "ln0")), 1));
  g_assert_true (wf_autosave_flush (team->a->autosave));
  g_assert_true (wf_autosave_flush (team->b->autosave));
  wait_until (team, converged);

  assert_converged (team);
  for (guint i = 0; i < 2; i++)
    {
      Client *c = i == 0 ? team->a : team->b;
      WfMap *map = WF_MAP (find (c, "map1"));

      g_assert_cmpint (ABS (wf_map_get_card_index (map, WF_CARD (find (c, "card-anna"))) -
                            wf_map_get_card_index (map, WF_CARD (find (c, "card-bram")))), ==, 1);
    }
}

/* One backend killed (A's): PostgreSQL ends every session and recovers;
 * both clients connect again, and an edit A made meanwhile arrives once.
 */
static void
test_backend_killed (void)
{
  WfTestPostgres *server = wf_test_postgres_start_or_skip ();
  g_autoptr(Team) team = NULL;
  g_autofree char *title = NULL;
  int pid;

  if (server == NULL)
    return;

  team = team_new (server, TRUE);
  wait_until (team, converged);

  pid = wf_team_connection_get_backend_pid (wf_team_session_get_connection (team->a->session));
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  wait_until (team, a_offline);
  edit (team->a, "cd0", "title", "After the backend");

  /* The test's own connection ended too. */
  PQreset (team->conn);
  while (PQstatus (team->conn) != CONNECTION_OK)
    {
      g_main_context_iteration (NULL, FALSE);
      PQreset (team->conn);
    }
  wait_until (team, converged);

  assert_converged (team);
  title = title_of (team->b, "cd0");
  g_assert_cmpstr (title, ==, "After the backend");
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.changes"
                                 " WHERE doc = $1 AND ops::text LIKE '%After the backend%'"), ==, 1);
}

/* Random edits on both sides, B sometimes offline: they end equal. */
static void
test_random (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (wf_test_seed (0x5eed0004));
  guint n_rounds = g_test_slow () ? 100 : 20;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  for (guint round = 0; round < n_rounds; round++)
    {
      guint n_a = g_rand_int_range (rand, 0, 4);
      guint n_b = g_rand_int_range (rand, 0, 4);

      if (g_rand_int_range (rand, 0, 4) == 0)
        wf_team_session_stop (team->b->session);
      else
        wf_team_session_start (team->b->session);

      for (guint i = 0; i < n_a + n_b; i++)
        wf_test_random_edit (i < n_a ? team->a->document : team->b->document, rand);
      wf_undo_stack_seal (wf_document_get_undo_stack (team->a->document));
      wf_undo_stack_seal (wf_document_get_undo_stack (team->b->document));
      g_assert_true (wf_autosave_flush (team->a->autosave));
      g_assert_true (wf_autosave_flush (team->b->autosave));

      /* Sometimes until all is sent and read, sometimes a few turns. */
      if (g_rand_boolean (rand) && wf_team_session_get_state (team->b->session) != WF_TEAM_SESSION_OFFLINE)
        wait_until (team, converged);
      else
        for (guint i = g_rand_int_range (rand, 0, 20); i > 0; i--)
          g_main_context_iteration (NULL, FALSE);
    }

  wf_team_session_start (team->b->session);
  wait_until (team, converged);
  assert_converged (team);
  g_test_message ("%" G_GINT64_FORMAT " changes, %" G_GINT64_FORMAT " conflicts",
                  wf_team_journal_get_seq (team->a->journal),
                  wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_conflicts"));
}

/* The document removed from the team: B, connecting, and A, pushing,
 * stop and say why; their edits stay in the outbox. */
static void
test_document_removed (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);
  wf_team_session_stop (team->b->session);
  pg_int (team, "WITH r AS (UPDATE wayfinder.documents SET removed = true WHERE id = $1 RETURNING 1)"
                " SELECT count(*) FROM r");

  edit (team->a, "cd0", "title", "Too late");
  wf_team_session_start (team->b->session);
  wait_until (team, both_gave_up);

  g_assert_error (wf_team_session_get_error (team->a->session), WF_TEAM_ERROR, WF_TEAM_ERROR_NO_DOCUMENT);
  g_assert_error (wf_team_session_get_error (team->b->session), WF_TEAM_ERROR, WF_TEAM_ERROR_NO_DOCUMENT);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 1);
  g_assert_cmpint (pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1"), ==, 1);
}

/* The log shortened past B's seq: B reads the state instead, and sends
 * its edit made meanwhile. */
static void
test_past_horizon (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autofree char *title = NULL;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);
  wf_team_session_stop (team->b->session);
  edit (team->a, "cd0", "title", "One");
  edit (team->a, "cd0", "title", "Two");
  edit (team->a, "cd0", "title", "Three");
  wf_edit_remove (find (team->a, "cd8"));
  g_assert_true (wf_autosave_flush (team->a->autosave));
  wait_until (team, a_sent);
  pg_int (team, "WITH r AS (UPDATE wayfinder.documents SET horizon = seq WHERE id = $1 RETURNING 1)"
                " SELECT count(*) FROM r");
  edit (team->b, "cd4", "title", "Bram's, offline");

  wf_team_session_start (team->b->session);
  wait_until (team, converged);

  assert_converged (team);
  g_assert_null (wf_team_session_get_error (team->b->session));
  g_assert_cmpuint (wf_team_session_get_n_state_reads (team->b->session), ==, 1);
  g_assert_cmpuint (wf_team_session_get_n_state_reads (team->a->session), ==, 0);
  title = title_of (team->b, "cd0");
  g_assert_cmpstr (title, ==, "Three");
  g_clear_pointer (&title, g_free);
  title = title_of (team->a, "cd4");
  g_assert_cmpstr (title, ==, "Bram's, offline");
  g_assert_null (wf_document_lookup (team->b->document, "cd8"));
}

/* Another client's changes, @n of them, pushed by SQL in one statement:
 * each sets the title of cd0 to "Title N". */
static void
push_many (Team  *team,
           guint  n)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *params[] = { team->doc, count };

  PQclear (wf_test_pg_exec (team->conn, "SELECT wayfinder.register ('" CLIENT_C "')", 0, NULL));
  PQclear (wf_test_pg_exec (team->conn,
                    "SELECT count (wayfinder.push ($1::uuid, '" CLIENT_C "', i, 1, 'Rename',"
                    " json_build_object ('v', 1, 'seen', s, 'ops', json_build_array (json_build_object ("
                    "  'op', 'set', 'id', 'cd0', 'member', 'title', 'value', 'Title ' || i, 'base', s)))))"
                    " FROM generate_series (1, $2::int) i,"
                    " LATERAL (SELECT seq AS s FROM wayfinder.documents WHERE id = $1::uuid) d",
                    2, params));
}

/* B offline while more than 5,000 changes are made: it reads the state
 * instead of the log, keeps its own edit, and converges. */
static void
test_far_behind (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autofree char *title = NULL;
  g_autofree char *last = NULL;
  guint n = WF_TEAM_SESSION_STATE_AFTER + 1;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);
  wf_team_session_stop (team->b->session);
  edit (team->b, "cd4", "title", "Bram's, offline");
  wf_edit_remove (find (team->b, "cd8"));
  g_assert_true (wf_autosave_flush (team->b->autosave));

  push_many (team, n);
  g_assert_cmpint (pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1"), ==, 1 + n);

  wf_team_session_start (team->b->session);
  wait_until (team, converged);

  assert_converged (team);
  g_assert_cmpuint (wf_team_session_get_n_state_reads (team->b->session), ==, 1);
  g_assert_cmpuint (wf_team_session_get_n_state_reads (team->a->session), ==, 0);
  last = g_strdup_printf ("Title %u", n);
  title = title_of (team->b, "cd0");
  g_assert_cmpstr (title, ==, last);
  g_clear_pointer (&title, g_free);
  title = title_of (team->a, "cd4");
  g_assert_cmpstr (title, ==, "Bram's, offline");
  g_assert_null (wf_document_lookup (team->a->document, "cd8"));
}

/* The server restored from an older backup: A's last change is gone,
 * and another client's took its seq. Both notice at connect, read the
 * state, and A sends its lost change again. */
static void
test_restored (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autofree char *backup_seq = NULL;
  gint64 seq;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);

  /* The backup. */
  seq = pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1");
  {
    const char *params[] = { team->doc };

    PQclear (wf_test_pg_exec (team->conn, "CREATE TABLE backup_items AS SELECT * FROM wayfinder.items WHERE doc = $1::uuid",
                      1, params));
  }

  edit (team->a, "cd4", "title", "Lost in the restore");
  wait_until (team, converged);
  wf_team_session_stop (team->a->session);
  wf_team_session_stop (team->b->session);

  /* The restore, as it leaves the tables. */
  backup_seq = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  {
    const char *params[] = { team->doc, backup_seq };

    PQclear (wf_test_pg_exec (team->conn, "BEGIN", 0, NULL));
    PQclear (wf_test_pg_exec (team->conn, "DELETE FROM wayfinder.changes WHERE doc = $1::uuid AND seq > $2::bigint",
                      2, params));
    PQclear (wf_test_pg_exec (team->conn, "DELETE FROM wayfinder.items WHERE doc = $1::uuid", 1, params));
    PQclear (wf_test_pg_exec (team->conn, "INSERT INTO wayfinder.items SELECT * FROM backup_items", 0, NULL));
    PQclear (wf_test_pg_exec (team->conn, "UPDATE wayfinder.documents SET seq = $2::bigint WHERE id = $1::uuid",
                      2, params));
    PQclear (wf_test_pg_exec (team->conn, "COMMIT", 0, NULL));
  }
  /* Someone else's change takes the lost one's seq. */
  push_many (team, 1);
  g_assert_cmpint (pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1"), ==, seq + 1);
  g_assert_cmpint (wf_team_journal_get_seq (team->a->journal), ==, seq + 1);

  wf_team_session_start (team->a->session);
  wf_team_session_start (team->b->session);
  wait_until (team, converged);

  assert_converged (team);
  for (guint i = 0; i < 2; i++)
    {
      Client *c = i == 0 ? team->a : team->b;
      g_autofree char *lost = title_of (c, "cd4");
      g_autofree char *other = title_of (c, "cd0");

      g_assert_cmpstr (lost, ==, "Lost in the restore");
      g_assert_cmpstr (other, ==, "Title 1");
      g_assert_cmpuint (wf_team_session_get_n_state_reads (c->session), ==, 1);
      g_assert_null (wf_team_session_get_error (c->session));
    }
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.changes"
                                 " WHERE doc = $1 AND ops::text LIKE '%Lost in the restore%'"), ==, 1);
}

/* A copied library: another library pushes under A's client id with
 * the client_seq A uses next. A's push is refused with WF003; A takes a
 * new client id, reads the state (the copy's change, taken for its own
 * from the log, included) and sends again. */
static void
test_copied_library (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autofree char *client = NULL;
  const char *params[2] = { NULL };

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);

  /* The copy's change, client_seq 1 under A's id. */
  params[0] = team->doc;
  PQclear (wf_test_pg_exec (team->conn,
                    "SELECT wayfinder.push ($1::uuid, '" CLIENT_A "', 1, 1, 'Rename',"
                    " json_build_object ('v', 1, 'seen', 1, 'ops', json_build_array (json_build_object ("
                    "  'op', 'set', 'id', 'cd0', 'member', 'title', 'value', 'From the copy', 'base', 1))))",
                    1, params));
  wait_until (team, converged);

  edit (team->a, "cd4", "title", "Anna's");
  wait_until (team, converged);

  assert_converged (team);
  client = wf_test_sqlite_text (db_of (team->a), "SELECT client FROM team_clients");
  g_assert_cmpstr (client, !=, CLIENT_A);
  g_assert_cmpstr (client, ==, wf_team_journal_get_client (team->a->journal));
  g_assert_cmpuint (wf_team_session_get_n_state_reads (team->a->session), ==, 1);
  g_assert_null (wf_team_session_get_error (team->a->session));
  for (guint i = 0; i < 2; i++)
    {
      Client *c = i == 0 ? team->a : team->b;
      g_autofree char *copied = title_of (c, "cd0");
      g_autofree char *ours = title_of (c, "cd4");

      g_assert_cmpstr (copied, ==, "From the copy");
      g_assert_cmpstr (ours, ==, "Anna's");
    }
  params[1] = client;
  {
    PGresult *count = wf_test_pg_exec (team->conn, "SELECT count(*) FROM wayfinder.changes"
                                           " WHERE doc = $1::uuid AND client = $2::uuid AND ops::text LIKE '%Anna''s%'",
                               2, params);

    g_assert_cmpstr (PQgetvalue (count, 0, 0), ==, "1");
    PQclear (count);
  }
}

/* The client, a process of its own (tests/team-client.c), killed while
 * its push waits for the document's row lock, and started again on the
 * same library: the server has its change once, and its library ends as
 * the others. */
static GSubprocess *
spawn_client (const char  *library,
              gint64       id,
              Team        *team,
              const char  *title)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "team-client", NULL);
  g_autofree char *doc_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  /* Without @title the argument list ends there: no edit. */
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, library, doc_id,
                              team->conninfo, team->doc, title, NULL);
  g_assert_no_error (error);

  return process;
}

static void
test_client_killed (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autoptr(PGconn) locker = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text_b = NULL;
  g_autofree char *text_c = NULL;
  const char *params[] = { NULL };
  gint64 seq = 0;
  gint64 id;
  WfTestWait wait = { 0 };

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);

  /* Library C has the document from the server, as B has. */
  dir = wf_test_make_tmpdir ();
  path = g_build_filename (dir, "library.sqlite", NULL);
  library = wf_library_new (path, &error);
  g_assert_no_error (error);
  wf_team_connection_new_async (team->conninfo, NULL, wf_test_on_ready, &wait);
  connection = wf_team_connection_new_finish (wf_test_wait_for (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  wf_team_read_async (connection, team->doc, NULL, wf_test_on_ready, &wait);
  document = wf_team_read_finish (connection, wf_test_wait_for (&wait), &seq, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  wf_team_connection_close (connection);
  id = wf_library_add (library, document, NULL, &error);
  g_assert_no_error (error);
  {
    const char *register_params[] = { CLIENT_C };
    PGresult *tag = wf_test_pg_exec (team->conn, "SELECT wayfinder.register ($1)", 1, register_params);
    g_autofree char *insert = g_strdup_printf ("INSERT INTO team_clients (team, client, tag)"
                                               " VALUES ('" TEAM "', '" CLIENT_C "', '%s')",
                                               PQgetvalue (tag, 0, 0));

    g_assert_true (wf_sqlite_exec (wf_library_get_db (library), insert, NULL));
    wf_document_set_id_tag (document, PQgetvalue (tag, 0, 0));
    PQclear (tag);
  }
  g_assert_true (wf_team_journal_write_state (wf_library_get_db (library), id, document, TEAM, team->doc, seq, "",
                                              &error));
  g_assert_no_error (error);
  g_clear_object (&document);
  g_clear_object (&library);

  /* Its push waits for the lock, and it is killed. */
  params[0] = team->doc;
  locker = PQconnectdb (team->conninfo);
  PQclear (wf_test_pg_exec (locker, "BEGIN", 0, NULL));
  PQclear (wf_test_pg_exec (locker, "SELECT 1 FROM wayfinder.documents WHERE id = $1 FOR UPDATE", 1, params));
  first = spawn_client (path, id, team, "From the killed client");
  wait_until (team, push_waits);
  g_subprocess_send_signal (first, SIGKILL);
  g_assert_true (g_subprocess_wait (first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (first));
  PQclear (wf_test_pg_exec (locker, "COMMIT", 0, NULL));

  /* Started again, it sends the record again and reads it back. */
  again = spawn_client (path, id, team, NULL);
  g_assert_true (g_subprocess_wait_check (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.changes"
                                 " WHERE doc = $1 AND client = '" CLIENT_C "' AND client_seq = 1"), ==, 1);
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.changes"
                                 " WHERE doc = $1 AND client = '" CLIENT_C "'"), ==, 1);
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.changes"
                                 " WHERE doc = $1 AND ops::text LIKE '%From the killed client%'"), ==, 1);

  /* A and B read it; C's library holds what theirs do. */
  wait_until (team, converged);
  assert_converged (team);
  library = wf_library_new (path, &error);
  g_assert_no_error (error);
  document = wf_library_load (library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wf_test_sqlite_int (wf_library_get_db (library), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"),
                   ==, 0);
  text_b = text_of (team->b);
  text_c = text_of_document (document);
  wf_test_assert_same_text (text_b, text_c);
  g_clear_object (&document);
  g_clear_object (&library);
  wf_test_remove_tree (dir);
}

/* A newer schema on the server (docs/team-library.md): one that only
 * added what we may ignore is used as ours; one that older clients may
 * not write to is neither read nor sent to, and A says so and keeps its
 * edit, until the server takes our records again. */
static gboolean
a_gave_up (Team *team)
{
  return wf_team_session_get_state (team->a->session) == WF_TEAM_SESSION_OFFLINE &&
         wf_team_session_get_error (team->a->session) != NULL;
}

static gboolean
b_sent (Team *team)
{
  return wf_team_session_is_idle (team->b->session) &&
         wf_team_journal_get_seq (team->b->journal) ==
           pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1");
}

static void
test_newer_schema (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autofree char *title = NULL;
  gint64 seq;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);

  /* Schema 2, compatible 1: as ours. */
  PQclear (wf_test_pg_exec (team->conn, "UPDATE wayfinder.meta SET value = '2' WHERE key = 'schema'", 0, NULL));
  wf_team_session_stop (team->a->session);
  wf_team_session_start (team->a->session);
  wait_until (team, both_live);
  edit (team->a, "cd0", "title", "On schema 2");
  wait_until (team, converged);
  assert_converged (team);
  title = title_of (team->b, "cd0");
  g_assert_cmpstr (title, ==, "On schema 2");

  /* Compatible 2: A neither reads B's edit nor sends its own. */
  wf_team_session_stop (team->a->session);
  edit (team->b, "cd4", "title", "B's, not read");
  wait_until (team, b_sent);
  seq = pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1");
  PQclear (wf_test_pg_exec (team->conn, "UPDATE wayfinder.meta SET value = '2' WHERE key = 'compatible'", 0, NULL));
  edit (team->a, "cd8", "title", "A's, kept");
  wf_team_session_start (team->a->session);
  wait_until (team, a_gave_up);

  g_assert_error (wf_team_session_get_error (team->a->session), WF_TEAM_ERROR, WF_TEAM_ERROR_SCHEMA_NEWER);
  g_assert_cmpstr (wf_team_session_get_error (team->a->session)->message, ==,
                   "The team server was upgraded for a newer Wayfinder; update Wayfinder to share your changes. "
                   "Your changes are kept on this computer.");
  g_assert_cmpint (wf_team_journal_get_seq (team->a->journal), <, seq);
  g_assert_cmpint (pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1"), ==, seq);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 1);
  g_clear_pointer (&title, g_free);
  title = title_of (team->a, "cd4");
  g_assert_cmpstr (title, !=, "B's, not read");
  g_assert_true (wf_team_session_get_can_write (team->a->session));

  /* It stays stopped; started again on a server that takes it, it
   * sends what it kept. */
  PQclear (wf_test_pg_exec (team->conn, "UPDATE wayfinder.meta SET value = '1' WHERE key IN ('schema', 'compatible')", 0, NULL));
  wf_team_session_start (team->a->session);
  wait_until (team, converged);
  assert_converged (team);
  g_assert_null (wf_team_session_get_error (team->a->session));
}

/* A viewer (a role with the viewers' grants only): it reads, does not
 * send, and says so as can-write, known at connect; an editor made a
 * viewer while connected learns it from the push refused (42501) and
 * keeps reading. The records wait until the role may write. */
#define VIEWER_ROLE "t_session_vera"

static void
make_viewer_role (Team *team)
{
  static WfTestPostgres *made_for = NULL;
  g_autofree char *grants = wf_team_schema_grants_sql ("t_session_editors", "t_session_viewers");

  if (made_for != team->server)
    {
      made_for = team->server;
      PQclear (wf_test_pg_exec (team->conn, "CREATE ROLE t_session_editors NOLOGIN", 0, NULL));
      PQclear (wf_test_pg_exec (team->conn, "CREATE ROLE t_session_viewers NOLOGIN", 0, NULL));
      PQclear (wf_test_pg_exec (team->conn, "CREATE ROLE " VIEWER_ROLE " LOGIN IN ROLE t_session_viewers", 0, NULL));
    }
  PQclear (PQexec (team->conn, grants));
}

/* B replaced by a library C that reads the document from the server
 * as @role, and is live with it as @role. */
static void
replace_b_as (Team       *team,
              const char *role)
{
  g_autofree char *conninfo = wf_test_postgres_conninfo (team->server, PQdb (team->conn), role);
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = PQconnectdb (conninfo);
  const char *params[] = { CLIENT_C };
  PGresult *tag;
  gint64 seq = 0;
  WfTestWait wait = { 0 };

  wf_team_connection_new_async (conninfo, NULL, wf_test_on_ready, &wait);
  connection = wf_team_connection_new_finish (wf_test_wait_for (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  wf_team_read_async (connection, team->doc, NULL, wf_test_on_ready, &wait);
  document = wf_team_read_finish (connection, wf_test_wait_for (&wait), &seq, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  wf_team_connection_close (connection);

  client_free (team->b);
  team->b = client_new (CLIENT_C);
  tag = wf_test_pg_exec (conn, "SELECT wayfinder.register ($1)", 1, params);
  client_open_with (team->b, team, conninfo, document, PQgetvalue (tag, 0, 0), seq);
  PQclear (tag);
}

static gboolean
b_reads_a (Team *team)
{
  gint64 seq = pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1");

  return wf_team_session_is_idle (team->a->session) &&
         wf_team_session_get_state (team->b->session) == WF_TEAM_SESSION_LIVE &&
         wf_team_journal_get_seq (team->a->journal) == seq && wf_team_journal_get_seq (team->b->journal) == seq;
}

static gboolean
b_refused (Team *team)
{
  return !wf_team_session_get_can_write (team->b->session);
}

static void
test_viewer (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);
  make_viewer_role (team);

  /* Known at connect. */
  replace_b_as (team, VIEWER_ROLE);
  wait_until (team, b_reads_a);
  g_assert_false (wf_team_session_get_can_write (team->b->session));
  g_assert_null (wf_team_session_get_error (team->b->session));
  edit (team->a, "cd0", "title", "For the viewer");
  edit (team->b, "cd4", "title", "Not sent");
  wait_until (team, b_reads_a);
  title = title_of (team->b, "cd0");
  g_assert_cmpstr (title, ==, "For the viewer");
  g_clear_pointer (&title, g_free);
  title = title_of (team->a, "cd4");
  g_assert_cmpstr (title, !=, "Not sent");
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->b), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 1);
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.changes WHERE doc = $1 AND client = '" CLIENT_C "'"), ==, 0);

  /* Made an editor: connected again, it sends what waited. */
  PQclear (wf_test_pg_exec (team->conn, "GRANT t_session_editors TO " VIEWER_ROLE, 0, NULL));
  wf_team_session_stop (team->b->session);
  wf_team_session_start (team->b->session);
  wait_until (team, converged);
  assert_converged (team);
  g_assert_true (wf_team_session_get_can_write (team->b->session));

  /* A viewer again while connected: the push is refused, B reads on. */
  PQclear (wf_test_pg_exec (team->conn, "REVOKE t_session_editors FROM " VIEWER_ROLE, 0, NULL));
  edit (team->b, "cd8", "title", "Refused");
  wait_until (team, b_refused);
  g_assert_error (wf_team_session_get_error (team->b->session), WF_TEAM_ERROR, WF_TEAM_ERROR_PERMISSION);
  g_assert_cmpint (wf_team_session_get_state (team->b->session), ==, WF_TEAM_SESSION_LIVE);
  edit (team->a, "cd1", "title", "Still read");
  wait_until (team, b_reads_a);
  g_clear_pointer (&title, g_free);
  title = title_of (team->b, "cd1");
  g_assert_cmpstr (title, ==, "Still read");
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->b), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 1);
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.changes WHERE doc = $1 AND ops::text LIKE '%Refused%'"), ==, 0);
}

/* The server's disk full (53100, raised here by a trigger: a real full
 * disk takes a file system of its own): A says so, keeps its record and
 * tries again, and sends it once there is room. */
static gboolean
a_disk_full (Team *team)
{
  const GError *error = wf_team_session_get_error (team->a->session);

  return error != NULL && g_strcmp0 (wf_team_error_get_sqlstate (error), "53100") == 0;
}

static void
test_server_disk_full (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autofree char *title = NULL;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);
  PQclear (wf_test_pg_exec (team->conn,
                    "CREATE FUNCTION public.t_disk_full () RETURNS trigger LANGUAGE plpgsql AS"
                    " $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'"
                    " USING ERRCODE = '53100'; END $$", 0, NULL));
  PQclear (wf_test_pg_exec (team->conn, "CREATE TRIGGER t_disk_full BEFORE INSERT ON wayfinder.changes"
                                " FOR EACH ROW EXECUTE FUNCTION public.t_disk_full ()", 0, NULL));

  edit (team->a, "cd0", "title", "When there is room");
  wait_until (team, a_disk_full);
  g_assert_cmpstr (wf_team_session_get_error (team->a->session)->message, ==,
                   "The team server is out of disk space; your changes are kept on this computer and sent when it has room.");
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 1);
  g_assert_cmpint (wf_team_session_get_state (team->a->session), ==, WF_TEAM_SESSION_LIVE);

  PQclear (wf_test_pg_exec (team->conn, "DROP TRIGGER t_disk_full ON wayfinder.changes", 0, NULL));
  wait_until (team, converged);
  assert_converged (team);
  g_assert_null (wf_team_session_get_error (team->a->session));
  title = title_of (team->b, "cd0");
  g_assert_cmpstr (title, ==, "When there is room");
}

/* A network monitor whose answer the test sets. */
#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum
{
  MONITOR_PROP_0,
  MONITOR_PROP_AVAILABLE,
  MONITOR_PROP_METERED,
  MONITOR_PROP_CONNECTIVITY,
};

static gboolean
test_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
}

static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

static void
on_state_count_connecting (WfTeamSession *session,
                           GParamSpec    *pspec,
                           guint         *n)
{
  if (wf_team_session_get_state (session) == WF_TEAM_SESSION_CONNECTING)
    (*n)++;
}

static gboolean
on_quiet_time (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
b_offline_again (Team *team)
{
  return wf_team_session_get_state (team->b->session) == WF_TEAM_SESSION_OFFLINE;
}

/* The network monitor: a server on a Unix socket is connected to again
 * while the monitor says there is no network; one over the network is
 * not, until the network comes, and then at once. */
static void
test_network (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(WfTeamSession) far = NULL;
  gboolean quiet = FALSE;
  guint n_connecting = 0;
  int pid;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);

  /* B's connection ends; its server is on a Unix socket. */
  wf_team_session_set_network_monitor (team->b->session, G_NETWORK_MONITOR (monitor));
  pid = wf_team_connection_get_backend_pid (wf_team_session_get_connection (team->b->session));
  {
    g_autofree char *terminate = g_strdup_printf ("SELECT pg_terminate_backend (%d)", pid);

    PQclear (wf_test_pg_exec (team->conn, terminate, 0, NULL));
  }
  wait_until (team, b_offline_again);
  edit (team->a, "cd0", "title", "Without a network");
  wait_until (team, converged);
  assert_converged (team);

  /* A server over the network, which refuses at once. */
  far = wf_team_session_new (team->a->journal, "host=db.example.org hostaddr=127.0.0.1 port=1 dbname=x",
                             team->doc);
  wf_team_session_set_network_monitor (far, G_NETWORK_MONITOR (monitor));
  wf_team_session_set_retry (far, 20, 60000);
  g_signal_connect (far, "notify::state", G_CALLBACK (on_state_count_connecting), &n_connecting);
  wf_team_session_start (far);
  g_assert_cmpuint (n_connecting, ==, 1);
  g_timeout_add (300, on_quiet_time, &quiet);
  while (!quiet)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_connecting, ==, 1);
  g_assert_cmpint (wf_team_session_get_state (far), ==, WF_TEAM_SESSION_OFFLINE);

  test_monitor_set_available (monitor, TRUE);
  g_assert_cmpuint (n_connecting, ==, 2);
  wf_team_session_stop (far);
}

/* A closes the map as a window would: its changes stay in the outbox. */
static void
client_close (Client *c)
{
  wf_team_session_stop (c->session);
  g_clear_object (&c->session);
  wf_autosave_flush (c->autosave);
  wf_team_journal_close (c->journal);
  wf_autosave_close (c->autosave);
  g_clear_object (&c->journal);
  g_clear_object (&c->autosave);
}

static gboolean
b_has_evening (Team *team)
{
  g_autofree char *title = title_of (team->b, "cd0");

  return g_strcmp0 (title, "Written in the evening") == 0;
}

static gboolean
sender_done (WfTeamSender *sender)
{
  return !wf_team_sender_get_busy (sender);
}

static gboolean
is_open_in_test (gint64   doc,
                 gpointer user_data)
{
  return doc == *(gint64 *) user_data;
}

/* A edits offline and closes the map; later, with no window open, the
 * sender sends what the outbox kept, and B gets it. A map a window has
 * open is left to it, and one a window opens is handed over at once. */
static void
test_closed_map (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autoptr(WfTeamSender) sender = NULL;
  gint64 open_doc;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);

  wf_team_session_stop (team->a->session);
  edit (team->a, "cd0", "title", "Written in the evening");
  wf_edit_set (find (team->a, "cd4"), "votes", 5, NULL);
  g_assert_true (wf_autosave_flush (team->a->autosave));
  client_close (team->a);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 2);

  /* While a window has it, the sender leaves it. */
  sender = wf_team_sender_new (team->a->library, team->conninfo);
  open_doc = team->a->id;
  wf_team_sender_set_open_func (sender, is_open_in_test, &open_doc);
  wf_team_sender_run (sender);
  wf_test_loop_until ((WfTestLoopCondition) sender_done, sender, WAIT_SECONDS, "sender_done");
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 2);

  /* Closed: sent, applied as A's own, written. */
  open_doc = 0;
  wf_team_sender_run (sender);
  g_assert_true (wf_team_sender_get_busy (sender));
  wait_until (team, b_has_evening);
  wf_test_loop_until ((WfTestLoopCondition) sender_done, sender, WAIT_SECONDS, "sender_done");
  g_assert_cmpint (wf_team_sender_get_current (sender), ==, 0);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 0);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT seq FROM team_documents"), ==,
                   pg_int (team, "SELECT seq FROM wayfinder.documents WHERE id = $1"));
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.changes WHERE doc = $1 AND seq > 1 AND client = '" CLIENT_A "'"),
                   ==, 2);

  /* The library holds what was sent; A's next change, made offline, is
   * handed to the window that opens the map while the sender tries. */
  g_clear_object (&team->a->document);
  team->a->document = wf_library_load (team->a->library, team->a->id, NULL);
  g_assert_nonnull (team->a->document);
  {
    g_autofree char *title = title_of (team->a, "cd0");

    g_assert_cmpstr (title, ==, "Written in the evening");
  }
  g_clear_object (&team->a->document);
  {
    g_autoptr(WfDocument) document = wf_library_load (team->a->library, team->a->id, NULL);
    g_autoptr(WfAutosave) autosave = wf_autosave_new (team->a->library, team->a->id, document);
    g_autoptr(WfTeamJournal) journal = wf_team_journal_new (autosave, NULL);

    wf_edit_set (wf_document_lookup (document, "cd8"), "votes", 9, NULL);
    wf_autosave_flush (autosave);
    wf_team_journal_close (journal);
    wf_autosave_close (autosave);
  }
  g_clear_object (&sender);
  sender = wf_team_sender_new (team->a->library, "host=/nonexistent/wayfinder dbname=gone");
  wf_team_sender_run (sender);
  while (wf_team_sender_get_current (sender) == 0)
    g_main_context_iteration (NULL, TRUE);
  wf_team_sender_release (sender, team->a->id);
  g_assert_cmpint (wf_team_sender_get_current (sender), ==, 0);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 1);
}

/* A change from a newer Wayfinder at the end of the log, with an op
 * this one does not know, as the server keeps it. */
static void
add_newer_change (Team *team)
{
  const char *params[] = { team->doc };

  PQclear (wf_test_pg_exec (team->conn,
                            "INSERT INTO wayfinder.changes (doc, seq, client, client_seq, ops, digest)"
                            " SELECT id, seq + 1, '" CLIENT_B "', 1000, '[{\"op\":\"teleport\",\"id\":\"cd4\"}]', 'x'"
                            " FROM wayfinder.documents WHERE id = $1", 1, params));
  PQclear (wf_test_pg_exec (team->conn, "UPDATE wayfinder.documents SET seq = seq + 1 WHERE id = $1", 1, params));
}

/* A closed map whose log holds a change this Wayfinder cannot apply (a
 * newer one's): the sender sends what the map kept, cannot read the
 * answers back past that change, and leaves the map for the next round
 * instead of opening it again and again. */
static void
test_closed_map_stopped (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  g_autoptr(WfTeamSender) sender = NULL;
  GLogLevelFlags fatal;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);

  wf_team_session_stop (team->a->session);
  edit (team->a, "cd0", "title", "Sent, never read back");
  client_close (team->a);

  add_newer_change (team);

  sender = wf_team_sender_new (team->a->library, team->conninfo);
  /* The session warns that it stopped at that change: expected here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  wf_team_sender_run (sender);
  g_assert_true (wf_team_sender_get_busy (sender));
  wf_test_loop_until ((WfTestLoopCondition) sender_done, sender, WAIT_SECONDS, "sender_done");
  g_log_set_always_fatal (fatal);

  /* On the server once; here still without its seq, left for later. */
  g_assert_cmpint (pg_int (team, "SELECT count(*) FROM wayfinder.changes WHERE doc = $1"
                                 " AND ops::text LIKE '%Sent, never read back%'"), ==, 1);
  g_assert_cmpint (wf_test_sqlite_int (db_of (team->a), "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), ==, 1);
  g_assert_cmpint (wf_team_sender_get_current (sender), ==, 0);
}

static gboolean
a_stopped (Team *team)
{
  const GError *error = wf_team_session_get_error (team->a->session);

  return error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static gboolean
a_pushed_after_stop (Team *team)
{
  return pg_int (team, "SELECT count(*) FROM wayfinder.changes WHERE doc = $1"
                       " AND ops::text LIKE '%After the stop%'") == 1 &&
         wf_team_session_is_idle (team->a->session);
}

/* A live session that stopped at a change it cannot apply still sends,
 * and the answers to its pushes meet the error it holds (one of GIO's,
 * which has no SQLSTATE) without a critical. */
static void
test_stopped_then_push (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(Team) team = NULL;
  GLogLevelFlags fatal;

  if (server == NULL)
    return;

  team = team_new (server, FALSE);
  wait_until (team, converged);

  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  add_newer_change (team);
  edit (team->b, "cd8", "notes", "Wakes A");
  wait_until (team, a_stopped);

  edit (team->a, "cd0", "title", "After the stop");
  wait_until (team, a_pushed_after_stop);
  /* Both sessions warned they stopped: expected here. */
  g_log_set_always_fatal (fatal);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/team-session/different-cards", test_different_cards);
  g_test_add_func ("/team-session/notified", test_notified);
  g_test_add_func ("/team-session/typing", test_typing);
  g_test_add_func ("/team-session/different-members", test_different_members);
  g_test_add_func ("/team-session/same-member-offline", test_same_member_offline);
  g_test_add_func ("/team-session/remove-against-edit", test_remove_against_edit);
  g_test_add_func ("/team-session/restore-set-aside", test_restore_set_aside);
  g_test_add_func ("/team-session/restore-revision", test_restore_revision);
  g_test_add_func ("/team-session/inserts-at-one-place", test_inserts_at_one_place);
  g_test_add_func ("/team-session/catch-up-pages", test_catch_up_pages);
  g_test_add_func ("/team-session/document-removed", test_document_removed);
  g_test_add_func ("/team-session/past-horizon", test_past_horizon);
  g_test_add_func ("/team-session/far-behind", test_far_behind);
  g_test_add_func ("/team-session/restored", test_restored);
  g_test_add_func ("/team-session/copied-library", test_copied_library);
  g_test_add_func ("/team-session/server-killed", test_server_killed);
  g_test_add_func ("/team-session/backend-killed", test_backend_killed);
  g_test_add_func ("/team-session/random", test_random);
  g_test_add_func ("/team-session/client-killed", test_client_killed);
  g_test_add_func ("/team-session/newer-schema", test_newer_schema);
  g_test_add_func ("/team-session/viewer", test_viewer);
  g_test_add_func ("/team-session/server-disk-full", test_server_disk_full);
  g_test_add_func ("/team-session/network", test_network);
  g_test_add_func ("/team-session/closed-map", test_closed_map);
  g_test_add_func ("/team-session/closed-map-stopped", test_closed_map_stopped);
  g_test_add_func ("/team-session/stopped-then-push", test_stopped_then_push);

  ret = g_test_run ();
  wf_test_postgres_stop_shared ();

  return ret;
}
