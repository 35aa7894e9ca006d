/* test-team.c — the team library against a real PostgreSQL server
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For now the throwaway server itself (tests/test-postgres.c): that it
 * starts, takes roles and tables, runs beside a second one, and dies with
 * a test that crashes. The team library's own tests come here as it grows
 * (docs/team-library.md, "The plan in stages").
 */
#include "config.h"

#include <signal.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "test-postgres.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

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

  status = g_test_run ();
  wf_test_postgres_stop_shared ();

  return status;
}
