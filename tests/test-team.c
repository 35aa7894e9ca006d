/* test-team.c — the team library against a real PostgreSQL server
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The throwaway server itself (tests/test-postgres.c): that it starts,
 * takes roles and tables, runs beside a second one, and dies with a test
 * that crashes. Then the team library on it (docs/team-library.md, "The
 * plan in stages"): WfTeamConnection, init, push, list and pull. The
 * asynchronous code runs in the main loop, iterated until what a case
 * waits for has happened, never for a time.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "team/wf-team-connection.h"
#include "test-postgres.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

static PGconn *
connect_to (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Could not connect to %s: %s", conninfo, PQerrorMessage (conn));

  return conn;
}

/* Runs @sql, which must succeed. */
static PGresult *
run (PGconn     *conn,
     const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s failed: %s", sql, PQerrorMessage (conn));

  return result;
}

/* The one value @sql answers. */
static char *
run_value (PGconn     *conn,
           const char *sql)
{
  g_autoptr(PGresult) result = run (conn, sql);

  g_assert_cmpint (PQntuples (result), ==, 1);
  g_assert_cmpint (PQnfields (result), ==, 1);

  return g_strdup (PQgetvalue (result, 0, 0));
}

static void
test_server_answers (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *version = NULL;
  g_autofree char *recent = NULL;
  g_autofree char *listening = NULL;
  g_autofree char *encoding = NULL;

  if (server == NULL)
    return;

  conn = connect_to (wf_test_postgres_get_conninfo (server));
  version = run_value (conn, "SELECT version()");
  g_assert_true (g_str_has_prefix (version, "PostgreSQL "));

  /* The design needs 13 or later (docs/team-library.md). */
  recent = run_value (conn, "SELECT current_setting('server_version_num')::int >= 130000");
  g_assert_cmpstr (recent, ==, "t");
  g_assert_cmpint (PQserverVersion (conn), >=, 130000);

  /* On its socket only, and with the settings the tests rely on. */
  g_assert_cmpstr (PQhost (conn), ==, wf_test_postgres_get_dir (server));
  listening = run_value (conn, "SELECT current_setting('listen_addresses')");
  g_assert_cmpstr (listening, ==, "");
  encoding = run_value (conn, "SELECT pg_encoding_to_char(encoding) FROM pg_database "
                              "WHERE datname = current_database()");
  g_assert_cmpstr (encoding, ==, "UTF8");
}

/* Roles and grants work as the team's administrator would set them up. */
static void
test_roles_and_tables (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(PGconn) admin = NULL;
  g_autoptr(PGconn) db_admin = NULL;
  g_autoptr(PGconn) editor = NULL;
  g_autoptr(PGresult) refused = NULL;
  g_autofree char *db_conninfo = NULL;
  g_autofree char *editor_conninfo = NULL;
  g_autofree char *count = NULL;
  g_autofree char *body = NULL;

  if (server == NULL)
    return;

  admin = connect_to (wf_test_postgres_get_conninfo (server));
  PQclear (run (admin, "CREATE DATABASE t_roles"));
  PQclear (run (admin, "CREATE ROLE t_editors NOLOGIN"));
  PQclear (run (admin, "CREATE ROLE t_alice LOGIN IN ROLE t_editors"));

  db_conninfo = wf_test_postgres_conninfo (server, "t_roles", NULL);
  db_admin = connect_to (db_conninfo);
  PQclear (run (db_admin, "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)"));
  PQclear (run (db_admin, "GRANT SELECT, INSERT ON notes TO t_editors"));

  editor_conninfo = wf_test_postgres_conninfo (server, "t_roles", "t_alice");
  editor = connect_to (editor_conninfo);
  body = run_value (editor, "SELECT current_user");
  g_assert_cmpstr (body, ==, "t_alice");
  PQclear (run (editor, "INSERT INTO notes VALUES (1, 'klant belt, café crème')"));

  /* What the role was not granted is refused, with the SQLSTATE the
   * client will tell apart (42501: insufficient privilege).
   */
  refused = PQexec (editor, "UPDATE notes SET body = 'other' WHERE id = 1");
  g_assert_cmpint (PQresultStatus (refused), ==, PGRES_FATAL_ERROR);
  g_assert_cmpstr (PQresultErrorField (refused, PG_DIAG_SQLSTATE), ==, "42501");

  count = run_value (db_admin, "SELECT count(*) FROM notes");
  g_assert_cmpstr (count, ==, "1");
  g_free (body);
  body = run_value (db_admin, "SELECT body FROM notes WHERE id = 1");
  g_assert_cmpstr (body, ==, "klant belt, café crème");
}

/* A test may run two clusters at once: one server killed, one alive. */
static void
test_two_clusters (void)
{
  WfTestPostgres *first = wf_test_postgres_shared ();
  WfTestPostgres *second = NULL;
  g_autoptr(PGconn) conn1 = NULL;
  g_autoptr(PGconn) conn2 = NULL;
  g_autofree char *second_dir = NULL;
  g_autofree char *second_conninfo = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *dir1 = NULL;
  g_autofree char *dir2 = NULL;

  if (first == NULL)
    return;
  second = wf_test_postgres_start_or_skip ();
  if (second == NULL)
    return;

  g_assert_cmpstr (wf_test_postgres_get_dir (first), !=, wf_test_postgres_get_dir (second));
  g_assert_cmpint (wf_test_postgres_get_pid (first), !=, wf_test_postgres_get_pid (second));

  conn1 = connect_to (wf_test_postgres_get_conninfo (first));
  conn2 = connect_to (wf_test_postgres_get_conninfo (second));
  dir1 = run_value (conn1, "SELECT current_setting('data_directory')");
  dir2 = run_value (conn2, "SELECT current_setting('data_directory')");
  g_assert_cmpstr (dir1, !=, dir2);

  /* What one holds the other does not. */
  PQclear (run (conn2, "CREATE TABLE only_here (id int)"));
  seen = run_value (conn1, "SELECT to_regclass('only_here') IS NULL");
  g_assert_cmpstr (seen, ==, "t");

  /* Stopping the second leaves nothing of it, and the first unharmed. */
  second_dir = g_strdup (wf_test_postgres_get_dir (second));
  second_conninfo = g_strdup (wf_test_postgres_get_conninfo (second));
  g_clear_pointer (&conn2, PQfinish);
  wf_test_postgres_stop (second);
  g_assert_false (g_file_test (second_dir, G_FILE_TEST_EXISTS));
  g_assert_cmpint (PQping (second_conninfo), ==, PQPING_NO_RESPONSE);

  g_free (seen);
  seen = run_value (conn1, "SELECT 1");
  g_assert_cmpstr (seen, ==, "1");
}

/* Where the crashing child of the test process @test tells what it started. */
static char *
report_path (pid_t test)
{
  g_autofree char *name = g_strdup_printf ("wayfinder-postgres-report-%d", (int) test);

  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

/* A test that crashes takes its server along (PR_SET_PDEATHSIG). */
static void
test_dies_with_test (void)
{
  g_autofree char *report = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 deadline;

#ifndef __linux__
  g_test_skip ("Only Linux ends the server with the test (PR_SET_PDEATHSIG)");
  return;
#endif

  if (g_test_subprocess ())
    {
      WfTestPostgres *server = wf_test_postgres_start_or_skip ();
      g_autofree char *line = NULL;

      if (server == NULL)
        return;

      /* Where the parent finds the server, then a crash: no clean-up. */
      line = g_strdup_printf ("%s\n%s\n", wf_test_postgres_get_conninfo (server),
                              wf_test_postgres_get_dir (server));
      report = report_path (getppid ());
      g_assert_true (g_file_set_contents (report, line, -1, NULL));
      kill (getpid (), SIGKILL);
      return;
    }

  report = report_path (getpid ());
  g_unlink (report);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);

  if (!g_file_get_contents (report, &contents, NULL, NULL))
    {
      /* The child skipped or failed before it had a server. */
      if (wf_test_postgres_required ())
        g_test_fail_printf ("The crashing test started no server");
      else
        g_test_skip ("No PostgreSQL server to start");
      return;
    }
  g_test_trap_assert_failed ();

  lines = g_strsplit (contents, "\n", 3);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);

  /* The server goes (bounded: ten seconds). */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (PQping (lines[0]) != PQPING_NO_RESPONSE)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (G_USEC_PER_SEC / 50);
    }

  wf_test_postgres_remove_killed (lines[1]);
  g_unlink (report);
}

/* WfTeamConnection */

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static void
iterate_until (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

static WfTeamConnection *
open_connection (const char  *conninfo,
                 GError     **error)
{
  Wait wait = { 0 };
  WfTeamConnection *connection;

  wf_team_connection_new_async (conninfo, NULL, on_done, &wait);
  iterate_until (&wait.done);
  connection = wf_team_connection_new_finish (wait.result, error);
  g_object_unref (wait.result);

  return connection;
}

static PGresult *
query (WfTeamConnection   *connection,
       const char         *sql,
       const char * const *params,
       guint               n_params,
       GError            **error)
{
  Wait wait = { 0 };
  PGresult *result;

  wf_team_connection_query_async (connection, sql, params, n_params, NULL, on_done, &wait);
  iterate_until (&wait.done);
  result = wf_team_connection_query_finish (connection, wait.result, error);
  g_object_unref (wait.result);

  return result;
}

/* The one value of a query that must succeed. */
static char *
query_value (WfTeamConnection   *connection,
             const char         *sql,
             const char * const *params,
             guint               n_params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = query (connection, sql, params, n_params, &error);

  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (result), ==, 1);

  return g_strdup (PQgetvalue (result, 0, 0));
}

static void
test_connection_queries (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) failed = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *name = NULL;
  g_autofree char *listening = NULL;
  g_autofree char *null = NULL;
  g_autofree char *quoted = NULL;
  Wait first = { 0 }, second = { 0 }, third = { 0 };
  g_autoptr(PGresult) r1 = NULL;
  g_autoptr(PGresult) r2 = NULL;
  g_autoptr(PGresult) r3 = NULL;

  if (server == NULL)
    return;

  connection = open_connection (wf_test_postgres_get_conninfo (server), &error);
  g_assert_no_error (error);
  g_assert_true (wf_team_connection_is_open (connection));
  g_assert_cmpint (wf_team_connection_get_backend_pid (connection), >, 0);
  g_assert_cmpstr (wf_team_connection_get_user (connection), ==, "wayfinder_admin");

  sum = query_value (connection, "SELECT $1::int + 1", (const char *[]) { "41" }, 1);
  g_assert_cmpstr (sum, ==, "42");

  /* Who it is, and that it listens already. */
  name = query_value (connection, "SELECT current_setting('application_name')", (const char *[]) { NULL }, 0);
  g_assert_cmpstr (name, ==, "Wayfinder");
  listening = query_value (connection, "SELECT array_to_string(ARRAY(SELECT pg_listening_channels()), ',')",
                           (const char *[]) { NULL }, 0);
  g_assert_cmpstr (listening, ==, "wayfinder");

  /* NULL is SQL's NULL; parameters are never SQL. */
  null = query_value (connection, "SELECT coalesce($1, 'none') || $2",
                      (const char *[]) { NULL, "'; DROP TABLE x; --" }, 2);
  g_assert_cmpstr (null, ==, "none'; DROP TABLE x; --");

  /* Three at once: they go in order, each gets its own answer. */
  wf_team_connection_query_async (connection, "SELECT 1", (const char *[]) { NULL }, 0, NULL, on_done, &first);
  wf_team_connection_query_async (connection, "SELECT 1/0", (const char *[]) { NULL }, 0, NULL, on_done, &second);
  wf_team_connection_query_async (connection, "SELECT 3", (const char *[]) { NULL }, 0, NULL, on_done, &third);
  g_assert_false (first.done);
  iterate_until (&third.done);
  g_assert_true (first.done && second.done);
  r1 = wf_team_connection_query_finish (connection, first.result, NULL);
  r2 = wf_team_connection_query_finish (connection, second.result, &error);
  r3 = wf_team_connection_query_finish (connection, third.result, NULL);
  g_assert_cmpstr (PQgetvalue (r1, 0, 0), ==, "1");
  g_assert_null (r2);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_FAILED);
  g_assert_cmpstr (wf_team_error_get_sqlstate (error), ==, "22012");
  g_assert_cmpstr (PQgetvalue (r3, 0, 0), ==, "3");
  g_clear_error (&error);
  g_clear_object (&first.result);
  g_clear_object (&second.result);
  g_clear_object (&third.result);

  /* Without parameters, several statements; the first error counts. */
  failed = query (connection, "SELECT 1; SELECT * FROM no_such_table; SELECT 2", NULL, 0, &error);
  g_assert_null (failed);
  g_assert_cmpstr (wf_team_error_get_sqlstate (error), ==, "42P01");
  g_assert_true (wf_team_connection_is_open (connection));

  quoted = wf_team_connection_quote_identifier (connection, "we\"ird role");
  g_assert_cmpstr (quoted, ==, "\"we\"\"ird role\"");
}

/* A server that is not there, or does not answer: an error, in bounded
 * time (connect_timeout), never a hang.
 */
static void
test_connection_unreachable (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autofree char *no_port = NULL;
  g_autofree char *no_answer = NULL;
  gint64 start;

  if (server == NULL)
    return;

  /* No server on that port (its socket file is not there). */
  no_port = g_strdup_printf ("host=%s port=1 dbname=postgres user=wayfinder_admin",
                             wf_test_postgres_get_dir (server));
  connection = open_connection (no_port, &error);
  g_assert_null (connection);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
  g_assert_nonnull (strstr (error->message, ".s.PGSQL.1"));
  g_clear_error (&error);

  /* A name nobody has (.invalid never resolves, RFC 2606). */
  connection = open_connection ("host=nobody.invalid dbname=x", &error);
  g_assert_null (connection);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
  g_assert_nonnull (strstr (error->message, "nobody.invalid"));
  g_clear_error (&error);

  /* A connection string libpq cannot read. */
  connection = open_connection ("host=x nonsense=1", &error);
  g_assert_null (connection);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
  g_clear_error (&error);

  /* A port that takes the connection and then says nothing: the kernel
   * accepts it into the backlog, nobody answers. */
  silent = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (silent, any_port, TRUE, &error));
  g_assert_true (g_socket_listen (silent, &error));
  bound = g_socket_get_local_address (silent, &error);
  g_assert_no_error (error);
  no_answer = g_strdup_printf ("host=127.0.0.1 port=%u dbname=x connect_timeout=2 sslmode=disable",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  start = g_get_monotonic_time ();
  connection = open_connection (no_answer, &error);
  g_assert_null (connection);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
on_notification (WfTeamConnection *connection,
                 const char       *channel,
                 const char       *payload,
                 int               pid,
                 gpointer          user_data)
{
  GPtrArray *received = user_data;

  g_ptr_array_add (received, g_strdup_printf ("%s %s", channel, payload));
}

static void
on_closed (WfTeamConnection *connection,
           GError           *error,
           gpointer          user_data)
{
  GError **closed = user_data;

  g_assert_nonnull (error);
  *closed = g_error_copy (error);
}

/* What another connection sends on "wayfinder" arrives as a signal,
 * also while nothing is asked.
 */
static void
test_connection_notification (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(WfTeamConnection) listener = NULL;
  g_autoptr(GPtrArray) received = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PGconn) sender = NULL;

  if (server == NULL)
    return;

  listener = open_connection (wf_test_postgres_get_conninfo (server), NULL);
  g_assert_nonnull (listener);
  g_signal_connect (listener, "notification", G_CALLBACK (on_notification), received);

  sender = connect_to (wf_test_postgres_get_conninfo (server));
  PQclear (run (sender, "SELECT pg_notify('wayfinder', 'doc-1 7')"));
  PQclear (run (sender, "SELECT pg_notify('elsewhere', 'not for us')"));
  PQclear (run (sender, "SELECT pg_notify('wayfinder', 'doc-1 8')"));

  while (received->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (received, 0), ==, "wayfinder doc-1 7");
  g_assert_cmpstr (g_ptr_array_index (received, 1), ==, "wayfinder doc-1 8");
}

/* A request without an answer ends the connection; so does a server
 * that goes. Waiting requests fail, and "closed" says why.
 */
static void
test_connection_lost (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) closed = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(PGconn) admin = NULL;
  g_autofree char *kill_sql = NULL;
  Wait waiting = { 0 };

  if (server == NULL)
    return;

  connection = open_connection (wf_test_postgres_get_conninfo (server), NULL);
  g_assert_nonnull (connection);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), &closed);
  wf_team_connection_set_answer_timeout (connection, 300);

  result = query (connection, "SELECT pg_sleep(30)", (const char *[]) { NULL }, 0, &error);
  wf_team_connection_query_async (connection, "SELECT 1", (const char *[]) { NULL }, 0, NULL, on_done, &waiting);
  g_assert_null (result);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_TIMEOUT);
  g_assert_false (wf_team_connection_is_open (connection));
  g_assert_error (closed, WF_TEAM_ERROR, WF_TEAM_ERROR_TIMEOUT);
  iterate_until (&waiting.done);
  g_assert_null (wf_team_connection_query_finish (connection, waiting.result, NULL));
  g_clear_object (&waiting.result);
  g_clear_error (&error);
  g_clear_error (&closed);
  g_clear_object (&connection);

  /* The backend ends under it. */
  connection = open_connection (wf_test_postgres_get_conninfo (server), NULL);
  g_assert_nonnull (connection);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), &closed);
  admin = connect_to (wf_test_postgres_get_conninfo (server));
  kill_sql = g_strdup_printf ("SELECT pg_terminate_backend(%d)",
                              wf_team_connection_get_backend_pid (connection));
  PQclear (run (admin, kill_sql));
  while (closed == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (closed, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
  g_assert_false (wf_team_connection_is_open (connection));
  result = query (connection, "SELECT 1", (const char *[]) { NULL }, 0, &error);
  g_assert_null (result);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/team/postgres/answers", test_server_answers);
  g_test_add_func ("/team/postgres/roles-and-tables", test_roles_and_tables);
  g_test_add_func ("/team/postgres/two-clusters", test_two_clusters);
  g_test_add_func ("/team/postgres/dies-with-test", test_dies_with_test);
  g_test_add_func ("/team/connection/queries", test_connection_queries);
  g_test_add_func ("/team/connection/unreachable", test_connection_unreachable);
  g_test_add_func ("/team/connection/notification", test_connection_notification);
  g_test_add_func ("/team/connection/lost", test_connection_lost);

  status = g_test_run ();
  wf_test_postgres_stop_shared ();

  return status;
}
