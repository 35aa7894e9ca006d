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

#include "model/wf-templates.h"
#include "storage/wf-journey.h"
#include "storage/wf-sqlite.h"
#include "team/wf-team-connection.h"
#include "team/wf-team-documents.h"
#include "team/wf-team-init.h"
#include "team/wf-team-schema.h"
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

/* Done, keeping nothing of the result. */
static void
on_done_dropped (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
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
  /* In plain words; libpq's own lines, one clause each, on one line,
   * are the detail. */
  g_assert_cmpstr (error->message, ==, "The team server cannot be reached: check its address, and that it is running.");
  g_assert_nonnull (strstr (wf_team_error_get_detail (error), ".s.PGSQL.1"));
  g_assert_null (strchr (wf_team_error_get_detail (error), '\n'));
  g_assert_null (strchr (wf_team_error_get_detail (error), '\t'));
  g_assert_nonnull (strstr (wf_team_error_get_detail (error), "; "));
  g_clear_error (&error);

  /* A name nobody has (.invalid never resolves, RFC 2606); a resolver
   * that does not answer is bounded by connect_timeout. */
  connection = open_connection ("host=nobody.invalid dbname=x connect_timeout=3", &error);
  g_assert_null (connection);
  if (!g_error_matches (error, WF_TEAM_ERROR, WF_TEAM_ERROR_TIMEOUT))
    {
      g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
      g_assert_nonnull (strstr (error->message, "nobody.invalid"));
    }
  g_clear_error (&error);

  /* A connection string libpq cannot read. */
  connection = open_connection ("host=x nonsense=1", &error);
  g_assert_null (connection);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
  g_clear_error (&error);

  /* Nor one with a password, which the message never repeats. */
  {
    static const char * const with_password[] = {
      "postgresql://anna:s3cret@[::1/db",
      "postgresql://anna:s3%ZZcret@db.example.org/db",
      "postgresql://anna@db.example.org/db?password=s3cret&nonsense=1&x=[",
      "host=x password=s3cret nonsense",
      "host=x password='s3cret' port",
    };

    for (guint i = 0; i < G_N_ELEMENTS (with_password); i++)
      {
        connection = open_connection (with_password[i], &error);
        g_assert_null (connection);
        g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
        g_assert_null (strstr (error->message, "s3"));
        g_assert_true (wf_team_conninfo_has_password (with_password[i]));
        g_clear_error (&error);
      }
    g_assert_true (wf_team_conninfo_has_password ("host=x password=s3cret"));
    g_assert_true (wf_team_conninfo_has_password ("postgresql://anna:s3cret@x/db"));
    g_assert_false (wf_team_conninfo_has_password ("postgresql://anna@x/db"));
  }

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
  g_clear_error (&error);

  /* A name, looked up by GResolver and given to libpq as hostaddr:
   * the same silent port. */
  {
    g_autofree char *by_name = g_strdup_printf ("host=localhost port=%u dbname=x connect_timeout=2 sslmode=disable",
                                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

    connection = open_connection (by_name, &error);
    g_assert_null (connection);
    g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_TIMEOUT);
    g_clear_error (&error);
  }

  /* A caller that keeps nothing of the result: the connection goes with
   * the task, after it is done with it (under AddressSanitizer). */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    gboolean done = FALSE;

    wf_team_connection_new_async (no_answer, NULL, on_done_dropped, &done);
    iterate_until (&done);

    done = FALSE;
    wf_team_connection_new_async (no_answer, cancellable, on_done_dropped, &done);
    g_main_context_iteration (NULL, FALSE);
    g_cancellable_cancel (cancellable);
    iterate_until (&done);
  }

  /* Given up on by the person: at once. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    Wait wait = { 0 };

    wf_team_connection_new_async (no_answer, cancellable, on_done, &wait);
    g_main_context_iteration (NULL, FALSE);
    g_cancellable_cancel (cancellable);
    iterate_until (&wait.done);
    g_assert_null (wf_team_connection_new_finish (wait.result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_object_unref (wait.result);
  }
}

/* The common failures of a connect in plain words, never libpq's
 * English inside a translated sentence (that stays as the detail),
 * never "Could not connect" twice. */
static void
test_connection_plain_errors (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(PGconn) admin = NULL;
  g_autoptr(GError) error = NULL;
  WfTeamConnection *connection;
  static const struct { const char *libpq; const char *plain; } phrases[] = {
    { "connection to server at \"127.0.0.1\", port 5499 failed: FATAL:  28P01: password authentication failed for user \"vera\"; LOCATION:  auth_failed, auth.c:326",
      "The team server did not accept the user name or password." },
    { "connection to server at \"127.0.0.1\", port 5499 failed: FATAL:  password authentication failed for user \"vera\"",
      "The team server did not accept the user name or password." },
    { "connection to server at \"127.0.0.1\", port 5499 failed: fe_sendauth: no password supplied",
      "The team server asks for a password, and none is kept for this server and user: type it in Preferences." },
    { "connection to server at \"127.0.0.1\", port 5499 failed: Connection refused; Is the server running on that host and accepting TCP/IP connections?",
      "The team server cannot be reached: check its address, and that it is running." },
    { "connection to server at \"127.0.0.1\", port 5499 failed: server does not support SSL, but SSL was required",
      "The team server offers no encryption, but Encryption is set to “Always” in Preferences." },
    { "connection to server at \"127.0.0.1\", port 5499 failed: FATAL:  28000: no pg_hba.conf entry for host \"127.0.0.1\", user \"vera\", database \"journeys\", no encryption",
      "The team server accepts only encrypted connections: choose “Always” under Encryption in Preferences." },
    { "connection to server at \"db\" (10.0.0.2), port 5432 failed: root certificate file \"/home/vera/.postgresql/root.crt\" does not exist",
      "The team server’s certificate could not be checked; ask its administrator." },
    { "connection to server at \"127.0.0.1\", port 5499 failed: FATAL:  53300: sorry, too many clients already",
      "The team server has too many connections open; try again later." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    {
      g_autoptr(GError) plain = wf_team_error_new_connect (phrases[i].libpq, FALSE);

      g_assert_error (plain, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
      g_assert_cmpstr (plain->message, ==, phrases[i].plain);
      /* Refused for who connects or how: no use trying again as is. */
      g_assert_cmpint (wf_team_error_is_credentials (plain), ==, i < 3 || i == 5);
      g_assert_nonnull (wf_team_error_get_detail (plain));
      g_assert_null (strstr (wf_team_error_get_detail (plain), "LOCATION"));
      g_assert_nonnull (strstr (wf_team_error_get_detail (plain), "port 5"));
    }

  /* libpq's words in another language: PQconnectionNeedsPassword()
   * says it. */
  {
    g_autoptr(GError) plain = wf_team_error_new_connect ("Verbindung zum Server … fehlgeschlagen: fe_sendauth: kein Passwort angegeben", TRUE);

    g_assert_cmpstr (plain->message, ==, phrases[2].plain);
    g_assert_true (wf_team_error_is_credentials (plain));
  }

  if (server == NULL)
    return;

  admin = connect_to (wf_test_postgres_get_conninfo (server));

  /* No such database: 3D000, found in libpq's verbose message. */
  {
    g_autofree char *conninfo = wf_test_postgres_conninfo (server, "t_not_there", NULL);

    connection = open_connection (conninfo, &error);
    g_assert_null (connection);
    g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
    g_assert_cmpstr (error->message, ==, "The database named in the server’s address does not exist on the team server.");
    g_assert_cmpstr (wf_team_error_get_sqlstate (error), ==, "3D000");
    g_assert_nonnull (strstr (wf_team_error_get_detail (error), "t_not_there"));
    g_clear_error (&error);
  }

  /* A role without the CONNECT privilege: 42501. */
  {
    g_autofree char *conninfo = wf_test_postgres_conninfo (server, "t_closed", "t_outsider");

    PQclear (run (admin, "CREATE DATABASE t_closed"));
    PQclear (run (admin, "REVOKE CONNECT ON DATABASE t_closed FROM PUBLIC"));
    PQclear (run (admin, "CREATE ROLE t_outsider LOGIN"));
    connection = open_connection (conninfo, &error);
    g_assert_null (connection);
    g_assert_cmpstr (error->message, ==, "This user may not connect to the team’s database; ask the team server’s administrator.");
    g_assert_cmpstr (wf_team_error_get_sqlstate (error), ==, "42501");
    g_assert_null (strstr (error->message, "Could not connect"));
    g_clear_error (&error);
  }

  /* Once open, the server's messages are short again (no SQLSTATE, no
   * LOCATION in the text). */
  {
    g_autofree char *conninfo = wf_test_postgres_conninfo (server, "postgres", NULL);
    g_autoptr(PGresult) answer = NULL;

    connection = open_connection (conninfo, &error);
    g_assert_no_error (error);
    answer = query (connection, "SELECT 1/0", NULL, 0, &error);
    g_assert_null (answer);
    g_assert_null (strstr (error->message, "LOCATION"));
    g_assert_null (strstr (error->message, "22012"));
    g_clear_error (&error);
    wf_team_connection_close (connection);
    g_object_unref (connection);
  }
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
  pid_t stopped;

  if (server == NULL)
    return;

  connection = open_connection (wf_test_postgres_get_conninfo (server), NULL);
  g_assert_nonnull (connection);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), &closed);
  wf_team_connection_set_answer_timeout (connection, 2000);

  /* A statement that runs too long: the server ends it first (its
   * statement_timeout is a bit under the limit), and rolls it back; the
   * connection stays. */
  result = query (connection, "SELECT pg_sleep(30)", (const char *[]) { NULL }, 0, &error);
  g_assert_null (result);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_FAILED);
  g_assert_cmpstr (wf_team_error_get_sqlstate (error), ==, "57014");
  g_assert_true (wf_team_connection_is_open (connection));
  g_assert_null (closed);
  g_clear_error (&error);

  /* A server that says nothing at all (its backend stopped) is taken for
   * gone: the connection ends. */
  wf_team_connection_set_answer_timeout (connection, 1000);
  g_free (query_value (connection, "SELECT 1", (const char *[]) { NULL }, 0));
  stopped = wf_team_connection_get_backend_pid (connection);
  g_assert_cmpint (kill (stopped, SIGSTOP), ==, 0);
  result = query (connection, "SELECT 1", (const char *[]) { NULL }, 0, &error);
  g_assert_cmpint (kill (stopped, SIGCONT), ==, 0);
  g_assert_nonnull (strstr (error->message, "did not answer in 1 second;"));
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

/* A batch given up on once its BEGIN is sent is still sent whole, and
 * says it was cancelled; one given up on before it is sent is dropped
 * whole. Either way the connection is outside any transaction after.
 */
static void
test_connection_batch_cancelled (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  const WfTeamQuery queries[] = {
    { "BEGIN READ ONLY", (const char *[]) { NULL }, 0 },
    { "SELECT 1", (const char *[]) { NULL }, 0 },
    { "COMMIT", (const char *[]) { NULL }, 0 },
  };

  if (server == NULL)
    return;

  connection = open_connection (wf_test_postgres_get_conninfo (server), NULL);
  g_assert_nonnull (connection);

  for (guint waiting = 0; waiting < 2; waiting++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GPtrArray) results = NULL;
      g_autofree char *read_only = NULL;
      g_autoptr(PGresult) savepoint = NULL;
      Wait before = { 0 }, wait = { 0 };

      /* With a request ahead of it, the batch is not sent yet. */
      if (waiting)
        wf_team_connection_query_async (connection, "SELECT pg_sleep(0.1)", (const char *[]) { NULL }, 0,
                                        NULL, on_done, &before);
      wf_team_connection_batch_async (connection, queries, G_N_ELEMENTS (queries), cancellable,
                                      on_done, &wait);
      g_cancellable_cancel (cancellable);
      iterate_until (&wait.done);
      results = wf_team_connection_batch_finish (connection, wait.result, &error);
      g_assert_null (results);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_clear_object (&wait.result);
      if (waiting)
        {
          iterate_until (&before.done);
          g_clear_object (&before.result);
        }

      read_only = query_value (connection, "SHOW transaction_read_only", (const char *[]) { NULL }, 0);
      g_assert_cmpstr (read_only, ==, "off");
      /* Outside a transaction block a savepoint is refused. */
      savepoint = query (connection, "SAVEPOINT inside", (const char *[]) { NULL }, 0, &error);
      g_assert_null (savepoint);
      g_assert_cmpstr (wf_team_error_get_sqlstate (error), ==, "25P01");
      g_clear_error (&error);
      g_assert_true (wf_team_connection_is_open (connection));
    }
}

/* init, push, list, pull */

/* A new database @name on @server, with the team's group roles (made
 * once per cluster) and a login role in each. Returns its conninfo.
 */
static char *
new_database (WfTestPostgres *server,
              const char     *name)
{
  g_autoptr(PGconn) admin = connect_to (wf_test_postgres_get_conninfo (server));
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *exists = run_value (admin, "SELECT count(*) FROM pg_roles WHERE rolname = 'wayfinder_editor'");

  if (g_str_equal (exists, "0"))
    {
      PQclear (run (admin, "CREATE ROLE wayfinder_editor NOLOGIN"));
      PQclear (run (admin, "CREATE ROLE wayfinder_viewer NOLOGIN"));
      PQclear (run (admin, "CREATE ROLE t_anna LOGIN IN ROLE wayfinder_editor"));
      PQclear (run (admin, "CREATE ROLE t_bram LOGIN IN ROLE wayfinder_viewer"));
    }
  PQclear (run (admin, create));

  return wf_test_postgres_conninfo (server, name, NULL);
}

static WfTeamInfo *
init_team (WfTeamConnection  *connection,
           const char        *editors,
           const char        *viewers,
           GError           **error)
{
  Wait wait = { 0 };
  WfTeamInfo *info;

  wf_team_init_async (connection, editors, viewers, NULL, on_done, &wait);
  iterate_until (&wait.done);
  info = wf_team_init_finish (connection, wait.result, error);
  g_object_unref (wait.result);

  return info;
}

static WfTeamInfo *
check_team (WfTeamConnection  *connection,
            GError           **error)
{
  Wait wait = { 0 };
  WfTeamInfo *info;

  wf_team_check_async (connection, NULL, on_done, &wait);
  iterate_until (&wait.done);
  info = wf_team_check_finish (connection, wait.result, error);
  g_object_unref (wait.result);

  return info;
}

/* What init made, to compare: the functions with their rights, the
 * tables, meta.
 */
static char *
schema_state (PGconn *conn)
{
  return run_value (conn,
    "SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
    "  SELECT p.oid::regprocedure::text || ' ' || coalesce(p.proacl::text, '') AS x"
    "  FROM pg_proc p WHERE p.pronamespace = 'wayfinder'::regnamespace"
    "  UNION ALL SELECT c.relname || ' ' || coalesce(c.relacl::text, '')"
    "  FROM pg_class c WHERE c.relnamespace = 'wayfinder'::regnamespace"
    "  UNION ALL SELECT key || '=' || value FROM wayfinder.meta"
    "  UNION ALL SELECT 'schema ' || coalesce(nspacl::text, '') FROM pg_namespace WHERE nspname = 'wayfinder'"
    ") AS s");
}

static void
test_init_twice (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfTeamInfo) first = NULL;
  g_autoptr(WfTeamInfo) second = NULL;
  g_autoptr(WfTeamInfo) checked = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *viewer_may_share = NULL;
  g_autofree char *editor_may_share = NULL;

  if (server == NULL)
    return;

  conninfo = new_database (server, "t_init_twice");
  connection = open_connection (conninfo, &error);
  g_assert_no_error (error);

  /* Before: no team. */
  g_assert_null (check_team (connection, &error));
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_SCHEMA);
  g_clear_error (&error);

  first = init_team (connection, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->schema, ==, WF_TEAM_SCHEMA_VERSION);
  g_assert_true (g_uuid_string_is_valid (first->team));

  conn = connect_to (conninfo);
  before = schema_state (conn);
  viewer_may_share = run_value (conn, "SELECT has_function_privilege('wayfinder_viewer', "
                                      "'wayfinder.share(uuid,uuid,int,text,json)', 'EXECUTE')");
  editor_may_share = run_value (conn, "SELECT has_function_privilege('wayfinder_editor', "
                                      "'wayfinder.share(uuid,uuid,int,text,json)', 'EXECUTE')");
  g_assert_cmpstr (viewer_may_share, ==, "f");
  g_assert_cmpstr (editor_may_share, ==, "t");

  second = init_team (connection, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->team, ==, first->team);
  g_assert_cmpuint (second->schema, ==, first->schema);
  after = schema_state (conn);
  g_assert_cmpstr (after, ==, before);

  /* Not inside a transaction any more, the lock let go. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT state || ' ' || (SELECT count(*) FROM pg_locks l "
                                            "WHERE l.pid = a.pid AND l.locktype = 'advisory') "
                                            "FROM pg_stat_activity a WHERE pid = %d",
                                            wf_team_connection_get_backend_pid (connection));

    g_free (after);
    after = run_value (conn, sql);
    g_assert_cmpstr (after, ==, "idle 0");
  }

  checked = check_team (connection, &error);
  g_assert_no_error (error);
  g_assert_cmpint (checked->use, ==, WF_TEAM_SCHEMA_CURRENT);
  g_assert_true (checked->can_push);
  g_assert_cmpstr (checked->team, ==, first->team);
  g_assert_true (wf_team_info_allows (checked, TRUE, NULL));
}

/* A schema newer than this Wayfinder knows is refused and left as it
 * was; and a client's check says what it may do with it.
 */
static void
test_init_newer (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfTeamInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (server == NULL)
    return;

  conninfo = new_database (server, "t_init_newer");
  connection = open_connection (conninfo, NULL);
  info = init_team (connection, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&info, wf_team_info_free);

  conn = connect_to (conninfo);
  PQclear (run (conn, "UPDATE wayfinder.meta SET value = '99' WHERE key = 'schema'"));
  /* What the grants would put back if init ran them. */
  PQclear (run (conn, "REVOKE USAGE ON SCHEMA wayfinder FROM wayfinder_viewer"));
  before = schema_state (conn);

  info = init_team (connection, NULL, NULL, &error);
  g_assert_null (info);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_SCHEMA_NEWER);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);
  after = schema_state (conn);
  g_assert_cmpstr (after, ==, before);

  /* Newer, but compatible: a client reads and writes. */
  info = check_team (connection, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->schema, ==, 99);
  g_assert_cmpint (info->use, ==, WF_TEAM_SCHEMA_NEWER);
  g_assert_true (wf_team_info_allows (info, TRUE, NULL));
  g_clear_pointer (&info, wf_team_info_free);

  /* Newer, with a push() of another signature: this client cannot push,
   * but still reads. */
  PQclear (run (conn, "ALTER FUNCTION wayfinder.push(uuid,uuid,bigint,int,text,json) RENAME TO push_v1"));
  info = check_team (connection, &error);
  g_assert_no_error (error);
  g_assert_false (info->can_push);
  g_assert_true (wf_team_info_allows (info, FALSE, NULL));
  g_clear_pointer (&info, wf_team_info_free);
  PQclear (run (conn, "ALTER FUNCTION wayfinder.push_v1 RENAME TO push"));

  /* Not compatible: neither. */
  PQclear (run (conn, "UPDATE wayfinder.meta SET value = '99' WHERE key = 'compatible'"));
  info = check_team (connection, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->use, ==, WF_TEAM_SCHEMA_INCOMPATIBLE);
  g_assert_false (wf_team_info_allows (info, FALSE, &error));
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_SCHEMA_NEWER);

  /* The rules themselves. */
  g_assert_cmpint (wf_team_schema_use (WF_TEAM_SCHEMA_VERSION, 1), ==, WF_TEAM_SCHEMA_CURRENT);
  g_assert_cmpint (wf_team_schema_use (WF_TEAM_SCHEMA_MIN - 1, 1), ==, WF_TEAM_SCHEMA_TOO_OLD);
  g_assert_cmpint (wf_team_schema_use (WF_TEAM_SCHEMA_VERSION + 1, WF_TEAM_RECORD_VERSION), ==,
                   WF_TEAM_SCHEMA_NEWER);
  g_assert_cmpint (wf_team_schema_use (WF_TEAM_SCHEMA_VERSION + 1, WF_TEAM_RECORD_VERSION + 1), ==,
                   WF_TEAM_SCHEMA_INCOMPATIBLE);
}

/* Roles that do not exist: a clear error, and no schema made. */
static void
test_init_no_role (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfTeamInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *missing = NULL;

  if (server == NULL)
    return;

  conninfo = new_database (server, "t_init_no_role");
  connection = open_connection (conninfo, NULL);
  info = init_team (connection, "wayfinder_editor", "no \"such\" role", &error);
  g_assert_null (info);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_ROLE);
  g_assert_nonnull (strstr (error->message, "no \"such\" role"));
  /* The statement to copy quotes the name as SQL reads it. */
  g_assert_nonnull (strstr (error->message, "CREATE ROLE \"no \"\"such\"\" role\" NOLOGIN"));
  g_clear_error (&error);

  /* One role for both is refused before anything is sent. */
  info = init_team (connection, "wayfinder_editor", "wayfinder_editor", &error);
  g_assert_null (info);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_ROLE);
  g_assert_true (wf_team_connection_is_open (connection));

  conn = connect_to (conninfo);
  missing = run_value (conn, "SELECT to_regnamespace('wayfinder') IS NULL");
  g_assert_cmpstr (missing, ==, "t");
}

/* Every document the tests know: each file in tests/data that opens,
 * and each template in both languages.
 */
static GPtrArray *
all_documents (GPtrArray **names)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  *names = g_ptr_array_new_with_free_func (g_free);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      WfDocument *document = NULL;

      if (g_str_has_suffix (path, ".journey"))
        document = wf_journey_load_file (file, NULL, NULL, NULL);
      else if (g_str_has_suffix (path, ".sqlite"))
        document = wf_sqlite_load_file (file, NULL, NULL, NULL);

      if (document != NULL)
        {
          g_ptr_array_add (documents, document);
          g_ptr_array_add (*names, g_strdup (name));
        }
    }

  for (const char * const *id = wf_templates_get_ids (); *id != NULL; id++)
    for (guint l = 0; l < 2; l++)
      {
        const char *lang = l == 0 ? "en" : "nl";

        g_ptr_array_add (documents, wf_templates_create (*id, lang));
        g_ptr_array_add (*names, g_strdup_printf ("template %s (%s)", *id, lang));
      }

  g_assert_cmpuint (documents->len, >=, 4);

  return documents;
}

/* Two texts equal, or the first line where they differ. */
static void
assert_same_text (const char *actual,
                  const char *expected)
{
  g_auto(GStrv) a = g_strsplit (actual, "\n", -1);
  g_auto(GStrv) b = g_strsplit (expected, "\n", -1);

  for (guint i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (strcmp (a[i], b[i]) != 0)
      {
        g_autofree char *got = g_strdup_printf ("line %u: %s", i + 1, a[i]);
        g_autofree char *wanted = g_strdup_printf ("line %u: %s", i + 1, b[i]);

        g_assert_cmpstr (got, ==, wanted);
      }
  g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
}

/* What went through the server is the same document, byte for byte:
 * the server keeps each value as its sender wrote it (json, not jsonb),
 * so a card's metrics and unknown members keep their order and numbers
 * their text.
 */
static void
assert_same_document_text (const char *actual,
                           const char *expected,
                           const char *name)
{
  if (strcmp (actual, expected) == 0)
    return;

  g_test_message ("%s differs after the server", name);
  assert_same_text (actual, expected);
}

static char *
journey_text (WfDocument *document)
{
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
share (WfTeamConnection  *connection,
       WfDocument        *document,
       const char        *client,
       GError           **error)
{
  Wait wait = { 0 };
  char *id;

  wf_team_share_async (connection, document, client, NULL, on_done, &wait);
  iterate_until (&wait.done);
  id = wf_team_share_finish (connection, wait.result, NULL, error);
  g_object_unref (wait.result);

  return id;
}

static WfDocument *
read_document (WfTeamConnection  *connection,
               const char        *id,
               gint64            *seq,
               GError           **error)
{
  Wait wait = { 0 };
  WfDocument *document;

  wf_team_read_async (connection, id, NULL, on_done, &wait);
  iterate_until (&wait.done);
  document = wf_team_read_finish (connection, wait.result, seq, error);
  g_object_unref (wait.result);

  return document;
}

/* Shared, then read back as a client new to it reads it: the same
 * bytes, but for created and modified, which are the server's.
 */
static void
test_share_and_read (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfTeamInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *client = g_uuid_string_random ();

  if (server == NULL)
    return;

  conninfo = new_database (server, "t_share");
  connection = open_connection (conninfo, NULL);
  info = init_team (connection, NULL, NULL, &error);
  g_assert_no_error (error);
  conn = connect_to (conninfo);

  documents = all_documents (&names);
  for (guint i = 0; i < documents->len; i++)
    {
      WfDocument *document = g_ptr_array_index (documents, i);
      g_autoptr(WfDocument) back = NULL;
      g_autofree char *id = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *created = NULL;
      gint64 seq = 0;

      g_test_message ("%s", (char *) g_ptr_array_index (names, i));
      id = share (connection, document, client, &error);
      g_assert_no_error (error);
      g_assert_true (g_uuid_string_is_valid (id));

      back = read_document (connection, id, &seq, &error);
      g_assert_no_error (error);
      g_assert_cmpint (seq, ==, 1);

      sql = g_strdup_printf ("SELECT to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                             "FROM wayfinder.documents WHERE id = '%s'", id);
      created = run_value (conn, sql);
      g_assert_cmpstr (wf_document_get_created (back), ==, created);
      g_assert_cmpstr (wf_document_get_modified (back), ==, created);

      wf_document_set_created (document, wf_document_get_created (back));
      wf_document_set_modified (document, wf_document_get_modified (back));
      before = journey_text (document);
      after = journey_text (back);
      assert_same_document_text (after, before, g_ptr_array_index (names, i));
    }

  /* An id that is not there, or not an id. */
  g_assert_null (read_document (connection, "00000000-0000-4000-8000-000000000000", NULL, &error));
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_DOCUMENT);
  g_clear_error (&error);
  g_assert_null (read_document (connection, "card1", NULL, &error));
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_DOCUMENT);
  g_clear_error (&error);

  /* A viewer may read but not share: 42501, and nothing is added. */
  {
    g_autofree char *viewer_conninfo = wf_test_postgres_conninfo (server, "t_share", "t_bram");
    g_autoptr(WfTeamConnection) viewer = open_connection (viewer_conninfo, NULL);
    g_autoptr(WfTeamInfo) viewer_info = check_team (viewer, NULL);
    g_autofree char *count_before = run_value (conn, "SELECT count(*) FROM wayfinder.documents");
    g_autofree char *count_after = NULL;
    g_autofree char *refused = NULL;
    g_autofree char *viewer_client = g_uuid_string_random ();

    g_assert_false (viewer_info->can_push);
    g_assert_false (wf_team_info_allows (viewer_info, TRUE, NULL));
    g_assert_true (wf_team_info_allows (viewer_info, FALSE, NULL));
    refused = share (viewer, g_ptr_array_index (documents, 0), viewer_client, &error);
    g_assert_null (refused);
    g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_PERMISSION);
    g_assert_cmpstr (wf_team_error_get_sqlstate (error), ==, "42501");

    /* Nor under the client id of another role (WF006). */
    g_clear_error (&error);
    g_assert_null (share (viewer, g_ptr_array_index (documents, 0), client, &error));
    g_assert_cmpstr (wf_team_error_get_sqlstate (error), ==, "WF006");
    count_after = run_value (conn, "SELECT count(*) FROM wayfinder.documents");
    g_assert_cmpstr (count_after, ==, count_before);
  }
}

static GPtrArray *
list (WfTeamConnection *connection)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GPtrArray *listings;

  wf_team_list_async (connection, NULL, on_done, &wait);
  iterate_until (&wait.done);
  listings = wf_team_list_finish (connection, wait.result, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);

  return listings;
}

static void
test_list (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfTeamInfo) info = NULL;
  g_autoptr(GPtrArray) listings = NULL;
  g_autoptr(WfDocument) first = wf_templates_create ("funnel", "en");
  g_autoptr(WfDocument) second = wf_templates_create ("b2b", "nl");
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *client = g_uuid_string_random ();
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *sql = NULL;
  WfTeamListing *listing;

  if (server == NULL)
    return;

  conninfo = new_database (server, "t_list");
  connection = open_connection (conninfo, NULL);
  info = init_team (connection, NULL, NULL, NULL);
  g_assert_nonnull (info);

  listings = list (connection);
  g_assert_cmpuint (listings->len, ==, 0);
  g_clear_pointer (&listings, g_ptr_array_unref);

  wf_document_set_title (first, "Eerste\treis");
  first_id = share (connection, first, client, NULL);
  second_id = share (connection, second, client, NULL);
  g_assert_nonnull (first_id);
  g_assert_nonnull (second_id);

  /* The first was changed later. */
  conn = connect_to (conninfo);
  sql = g_strdup_printf ("UPDATE wayfinder.documents SET changed = '2030-01-02 03:04:05+00', "
                         "changed_by = 't_anna' WHERE id = '%s'", first_id);
  PQclear (run (conn, sql));

  listings = list (connection);
  g_assert_cmpuint (listings->len, ==, 2);
  listing = g_ptr_array_index (listings, 0);
  g_assert_cmpstr (listing->id, ==, first_id);
  g_assert_cmpstr (listing->title, ==, "Eerste\treis");
  g_assert_cmpstr (listing->changed, ==, "2030-01-02T03:04:05Z");
  g_assert_cmpstr (listing->changed_by, ==, "t_anna");
  listing = g_ptr_array_index (listings, 1);
  g_assert_cmpstr (listing->id, ==, second_id);
  g_assert_cmpstr (listing->title, ==, wf_document_get_title (second));
  g_assert_cmpstr (listing->changed_by, ==, "wayfinder_admin");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", listing->changed, 0, 0));

  /* A removed document is not listed. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE wayfinder.documents SET removed = true WHERE id = '%s'", second_id);
  PQclear (run (conn, sql));
  g_clear_pointer (&listings, g_ptr_array_unref);
  listings = list (connection);
  g_assert_cmpuint (listings->len, ==, 1);
}

/* The command line */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run_result)
{
  g_clear_pointer (&run_result->out, g_free);
  g_clear_pointer (&run_result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Starts `wayfinder ARGS…`; @answer_msec, if not %NULL, is its answer
 * limit (WAYFINDER_TEAM_ANSWER_MSEC). */
static GSubprocess *
start_cli_v (const char *answer_msec,
             const char *first,
             va_list     args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("WAYFINDER");
  GSubprocess *process;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (gpointer) exe);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  if (answer_msec != NULL)
    g_subprocess_launcher_setenv (launcher, "WAYFINDER_TEAM_ANSWER_MSEC", answer_msec, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

static GSubprocess *
start_cli (const char *answer_msec,
           const char *first,
           ...)
{
  GSubprocess *process;
  va_list args;

  va_start (args, first);
  process = start_cli_v (answer_msec, first, args);
  va_end (args);

  return process;
}

static void
wait_cli (Run         *result,
          GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  run_clear (result);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
}

static void
run_cli (Run        *result,
         const char *first,
         ...)
{
  g_autoptr(GSubprocess) process = NULL;
  va_list args;

  va_start (args, first);
  process = start_cli_v (NULL, first, args);
  va_end (args);
  wait_cli (result, process);
}

static void
test_cli (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autofree char *conninfo = NULL;
  g_autofree char *rich = g_test_build_filename (G_TEST_DIST, "data", "rich.journey", NULL);
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-team-XXXXXX", NULL);
  g_autofree char *out_journey = g_build_filename (dir, "pulled.journey", NULL);
  g_autofree char *out_sqlite = g_build_filename (dir, "pulled.sqlite", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.journey", NULL);
  g_autofree char *no_port = NULL;
  g_autofree char *viewer = NULL;
  g_autofree char *id = NULL;
  g_autoptr(WfDocument) original = NULL;
  g_autoptr(WfDocument) pulled = NULL;
  g_autoptr(WfDocument) pulled_sqlite = NULL;
  g_autoptr(GFile) rich_file = g_file_new_for_path (rich);
  g_autoptr(GFile) out_file = g_file_new_for_path (out_journey);
  g_autoptr(GFile) sqlite_file = g_file_new_for_path (out_sqlite);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  g_auto(Run) r = { 0 };

  if (server == NULL)
    return;

  conninfo = new_database (server, "t_cli");
  viewer = wf_test_postgres_conninfo (server, "t_cli", "t_bram");
  no_port = g_strdup_printf ("host=%s port=1 dbname=t_cli", wf_test_postgres_get_dir (server));

  /* Usage: 2. */
  run_cli (&r, "team", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "team", "frobnicate", conninfo, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "team", "init", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "team", "push", conninfo, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "team", "pull", conninfo, "not-an-id", out_journey, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "team", "pull", conninfo, "00000000-0000-4000-8000-000000000000", "x.txt", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "team", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "wayfinder team pull"));
  run_cli (&r, "team", "init", conninfo, "--viewers", "wayfinder_editor", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "team", "init", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--editors"));

  /* Before init: 1, with the reason. */
  run_cli (&r, "team", "list", conninfo, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "team init"));

  /* No server there: 1. */
  run_cli (&r, "team", "init", no_port, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, "wayfinder team init: error: "));

  /* A password in the string: a warning, and it is never repeated. */
  {
    g_autofree char *with_password = g_strdup_printf ("%s password=s3cret", no_port);

    run_cli (&r, "team", "list", with_password, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_true (g_str_has_prefix (r.err, "wayfinder team list: warning: "));
    g_assert_nonnull (strstr (r.err, "~/.pgpass"));
    g_assert_null (strstr (r.err, "s3cret"));
    run_cli (&r, "team", "init", "postgresql://anna:s3cret@[::1/t_cli", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "~/.pgpass"));
    g_assert_null (strstr (r.err, "s3cret"));
    run_cli (&r, "team", "list", no_port, NULL);
    g_assert_null (strstr (r.err, "~/.pgpass"));
  }

  run_cli (&r, "team", "init", conninfo, "--viewers", "nobody_such", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "nobody_such"));

  run_cli (&r, "team", "init", conninfo, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^Team [0-9a-f-]{36}, schema version 1\n$", r.out, 0, 0));
  run_cli (&r, "team", "init", conninfo, "--editors", "wayfinder_editor", "--viewers", "wayfinder_viewer", NULL);
  g_assert_cmpint (r.status, ==, 0);

  /* Push: the id; a file with problems or none: 1; a viewer: 1. */
  run_cli (&r, "team", "push", conninfo, rich, NULL);
  g_assert_cmpint (r.status, ==, 0);
  id = g_strstrip (g_strdup (r.out));
  g_assert_true (g_uuid_string_is_valid (id));

  g_assert_true (g_file_set_contents (broken, "{\"format\": \"wayfinder-journey\"", -1, NULL));
  run_cli (&r, "team", "push", conninfo, broken, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "broken.journey"));
  run_cli (&r, "team", "push", conninfo, "/nonexistent/x.journey", NULL);
  g_assert_cmpint (r.status, ==, 1);
  run_cli (&r, "team", "push", viewer, rich, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "editor"));

  /* List: one line, tab-separated. */
  run_cli (&r, "team", "list", viewer, NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 4);
  g_assert_cmpstr (fields[0], ==, id);
  g_assert_cmpstr (fields[1], ==, "Every part of a journey");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", fields[2], 0, 0));
  g_assert_cmpstr (fields[3], ==, "wayfinder_admin");

  /* A title that would steer the terminal is shown, not obeyed: every
   * control and bidirectional control character a space, and cut to 200
   * characters. */
  {
    g_autoptr(PGconn) conn = connect_to (conninfo);
    g_autofree char *sql = g_strdup_printf ("UPDATE wayfinder.documents SET title = "
                                            "E'A\\u001b[2J\\u0007B\\u202eC\\u2066D\\u0085E\\rF' || repeat ('é', 300) "
                                            "WHERE id = '%s'", id);
    g_autoptr(GString) expected = g_string_new ("A [2J B C D E F");
    g_auto(GStrv) evil_lines = NULL;
    g_auto(GStrv) evil_fields = NULL;

    PQclear (run (conn, sql));
    run_cli (&r, "team", "list", viewer, NULL);
    g_assert_cmpint (r.status, ==, 0);
    evil_lines = g_strsplit (r.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (evil_lines), ==, 2);
    evil_fields = g_strsplit (evil_lines[0], "\t", -1);
    g_assert_cmpuint (g_strv_length (evil_fields), ==, 4);
    while (g_utf8_strlen (expected->str, -1) < 200)
      g_string_append (expected, "é");
    g_string_append (expected, "…");
    g_assert_cmpstr (evil_fields[1], ==, expected->str);
    PQclear (run (conn, "UPDATE wayfinder.documents SET title = 'Every part of a journey'"));
  }

  /* Pull, as .journey and as .sqlite: the same document. */
  run_cli (&r, "team", "pull", viewer, id, out_journey, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "team", "pull", conninfo, id, out_sqlite, NULL);
  g_assert_cmpint (r.status, ==, 0);
  original = wf_journey_load_file (rich_file, NULL, NULL, NULL);
  pulled = wf_journey_load_file (out_file, NULL, NULL, NULL);
  pulled_sqlite = wf_sqlite_load_file (sqlite_file, NULL, NULL, NULL);
  g_assert_nonnull (pulled);
  g_assert_nonnull (pulled_sqlite);
  g_assert_cmpstr (wf_document_get_created (pulled), ==, fields[2]);
  wf_document_set_created (original, wf_document_get_created (pulled));
  wf_document_set_modified (original, wf_document_get_modified (pulled));
  before = journey_text (original);
  after = journey_text (pulled);
  assert_same_document_text (after, before, "rich.journey");
  g_free (after);
  after = journey_text (pulled_sqlite);
  assert_same_document_text (after, before, "rich.journey (.sqlite)");

  /* A file that is there is replaced only with --force, as convert
   * does, and before anything is asked of the server. */
  {
    g_autofree char *kept = NULL;

    g_assert_true (g_file_set_contents (out_journey, "kept", -1, NULL));
    run_cli (&r, "team", "pull", conninfo, id, out_journey, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "--force"));
    g_assert_true (g_file_get_contents (out_journey, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "kept");
    run_cli (&r, "team", "pull", "--force", conninfo, id, out_journey, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_clear_pointer (&kept, g_free);
    g_assert_true (g_file_get_contents (out_journey, &kept, NULL, NULL));
    g_assert_true (g_str_has_prefix (kept, "{"));
  }

  /* team init by an editor: who may run it, not only the server's
   * "permission denied". */
  {
    g_autofree char *editor = wf_test_postgres_conninfo (server, "t_cli", "t_anna");

    run_cli (&r, "team", "init", editor, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "owner of the database"));
    g_assert_nonnull (strstr (r.err, "permission denied"));
  }

  /* No such document: 1. */
  run_cli (&r, "team", "pull", "--force", conninfo, "00000000-0000-4000-8000-000000000000", out_journey, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, "wayfinder team pull: error: "));

  g_unlink (out_journey);
  g_unlink (out_sqlite);
  g_unlink (broken);
  g_rmdir (dir);
}

/* The pid of the Wayfinder backend on @conn's database waiting for a
 * lock, once there is one. @conn is inside a transaction, which sees
 * one snapshot of the activity unless told to drop it. */
static int
lock_waiter (PGconn *conn)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(PGresult) cleared = run (conn, "SELECT pg_stat_clear_snapshot()");
      g_autoptr(PGresult) result = run (conn, "SELECT pid FROM pg_stat_activity "
                                              "WHERE application_name = 'Wayfinder' "
                                              "AND datname = current_database() AND wait_event_type = 'Lock'");

      if (PQntuples (result) == 1)
        return atoi (PQgetvalue (result, 0, 0));
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (G_USEC_PER_SEC / 50);
    }
}

/* Until no Wayfinder backend is left on @conn's database. */
static void
wait_backends_gone (PGconn *conn)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *count = run_value (conn, "SELECT count(*) FROM pg_stat_activity "
                                                "WHERE application_name = 'Wayfinder' "
                                                "AND datname = current_database()");

      if (g_str_equal (count, "0"))
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (G_USEC_PER_SEC / 50);
    }
}

/* A push that waits on a lock another session holds: the server gives
 * up first (statement_timeout) and rolls back, so the push fails and
 * nothing is shared. A server that stops answering altogether: the
 * client gives up, says the outcome is not known, and names the id it
 * tried.
 */
static void
test_cli_lock_wait (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autofree char *conninfo = NULL;
  g_autofree char *rich = g_test_build_filename (G_TEST_DIST, "data", "rich.journey", NULL);
  g_autoptr(PGconn) holder = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) uuid = g_regex_new ("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 0, 0, NULL);
  g_autofree char *count = NULL;
  g_autofree char *tried = NULL;
  g_auto(Run) r = { 0 };
  int waiter;

  if (server == NULL)
    return;

  conninfo = new_database (server, "t_lock");
  run_cli (&r, "team", "init", conninfo, NULL);
  g_assert_cmpint (r.status, ==, 0);
  holder = connect_to (conninfo);

  PQclear (run (holder, "BEGIN"));
  PQclear (run (holder, "LOCK TABLE wayfinder.documents"));
  process = start_cli ("3000", "team", "push", conninfo, rich, NULL);
  wait_cli (&r, process);
  PQclear (run (holder, "ROLLBACK"));
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_null (strstr (r.err, "did not answer"));
  g_assert_nonnull (strstr (r.err, "statement timeout"));
  wait_backends_gone (holder);
  count = run_value (holder, "SELECT count(*) FROM wayfinder.documents");
  g_assert_cmpstr (count, ==, "0");
  g_clear_object (&process);

  /* The backend that waits stops answering: the client's limit. */
  PQclear (run (holder, "BEGIN"));
  PQclear (run (holder, "LOCK TABLE wayfinder.documents"));
  process = start_cli ("3000", "team", "push", conninfo, rich, NULL);
  waiter = lock_waiter (holder);
  g_assert_cmpint (kill (waiter, SIGSTOP), ==, 0);
  wait_cli (&r, process);
  g_assert_cmpint (kill (waiter, SIGCONT), ==, 0);
  PQclear (run (holder, "ROLLBACK"));
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "did not answer in 3 seconds"));
  g_assert_nonnull (strstr (r.err, "not known"));
  g_assert_true (g_regex_match (uuid, r.err, 0, &match));
  tried = g_match_info_fetch (match, 0);

  /* Whatever the server did, it is the id named or nothing. */
  wait_backends_gone (holder);
  g_free (count);
  count = run_value (holder, "SELECT count(*) FROM wayfinder.documents");
  if (!g_str_equal (count, "0"))
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM wayfinder.documents WHERE id = '%s'", tried);
      g_autofree char *named = run_value (holder, sql);

      g_assert_cmpstr (named, ==, "1");
    }
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
  g_test_add_func ("/team/connection/plain-errors", test_connection_plain_errors);
  g_test_add_func ("/team/connection/notification", test_connection_notification);
  g_test_add_func ("/team/connection/lost", test_connection_lost);
  g_test_add_func ("/team/connection/batch-cancelled", test_connection_batch_cancelled);
  g_test_add_func ("/team/init/twice", test_init_twice);
  g_test_add_func ("/team/init/newer", test_init_newer);
  g_test_add_func ("/team/init/no-role", test_init_no_role);
  g_test_add_func ("/team/share/read", test_share_and_read);
  g_test_add_func ("/team/share/list", test_list);
  g_test_add_func ("/team/cli", test_cli);
  g_test_add_func ("/team/cli/lock-wait", test_cli_lock_wait);

  status = g_test_run ();
  wf_test_postgres_stop_shared ();

  return status;
}
