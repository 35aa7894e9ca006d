/* test-postgres.c — a throwaway PostgreSQL server for the team tests
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each server is a cluster of its own in a temporary folder, made by
 * initdb and run by postgres as a child of the test, listening on a Unix
 * socket in that folder only: nothing on the machine is touched, several
 * can run at once, and the folder goes when the server stops. The design
 * is in docs/team-library.md, "Tests: a throwaway PostgreSQL".
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "team/wf-team-schema.h"

#include "test-postgres.h"
#include "test-util.h"

/* The user and group initdb and postgres run as when the test is root. */
#define NOBODY 65534

/* The port only names the socket file (.s.PGSQL.5432): each server has a
 * folder of its own, so they may all use the same one.
 */
#define PORT 5432

#define ADMIN "wayfinder_admin"

/* How long a server may take to accept connections, and to stop. */
#define START_SECONDS 30
#define STOP_SECONDS 10

struct _WfTestPostgres
{
  char *dir;            /* the temporary folder: data/, the socket, the log */
  char *conninfo;
  GSubprocess *postmaster;
  GPid pid;
};

typedef struct
{
  pid_t parent;
} ChildSetup;

static WfTestPostgres *shared;
static char *shared_failure;
static gboolean shared_skipped;   /* else shared_failure fails each case */
static gboolean shared_tried;

/* Runs in the child between fork and exec. */
static void
child_setup (gpointer data)
{
  ChildSetup *setup = data;

  /* initdb and postgres refuse to run as root. */
  if (!wf_test_become_unprivileged ())
    _exit (127);

#ifdef __linux__
  /* A test that crashes takes its server along. After setuid, which
   * clears it; and if the test died before this line, the child was
   * already given to another parent.
   */
  if (prctl (PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid () != setup->parent)
    _exit (127);
#else
  (void) setup;
#endif
}

static GSubprocessLauncher *
make_launcher (const char        *dir,
               GSubprocessFlags   flags,
               ChildSetup        *setup)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  setup->parent = getpid ();
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, setup, NULL);
  /* Only the options given on the command line count. */
  g_subprocess_launcher_unsetenv (launcher, "PGDATA");
  g_subprocess_launcher_unsetenv (launcher, "PGPORT");
  g_subprocess_launcher_unsetenv (launcher, "PGOPTIONS");

  return launcher;
}

static gboolean
has_server (const char *bindir)
{
  g_autofree char *initdb = g_build_filename (bindir, "initdb", NULL);
  g_autofree char *postgres = g_build_filename (bindir, "postgres", NULL);

  return g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE)
         && g_file_test (postgres, G_FILE_TEST_IS_EXECUTABLE);
}

/* "16" and "9.6", as Debian names its folders, to compare. */
static guint64
version_number (const char *name)
{
  char *end = NULL;
  guint64 major = g_ascii_strtoull (name, &end, 10);
  guint64 minor = *end == '.' ? g_ascii_strtoull (end + 1, NULL, 10) : 0;

  return major * 1000 + minor;
}

/* The folder with initdb and postgres: Debian keeps them out of PATH, in
 * /usr/lib/postgresql/VERSION/bin; the highest version wins.
 */
static char *
find_bindir (void)
{
  g_autoptr(GDir) versions = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  g_autofree char *best = NULL;
  g_autofree char *initdb = NULL;
  const char *name;

  while (versions != NULL && (name = g_dir_read_name (versions)) != NULL)
    {
      g_autofree char *bindir = g_build_filename ("/usr/lib/postgresql", name, "bin", NULL);

      if (has_server (bindir) && (best == NULL || version_number (name) > version_number (best)))
        {
          g_free (best);
          best = g_strdup (name);
        }
    }
  if (best != NULL)
    return g_build_filename ("/usr/lib/postgresql", best, "bin", NULL);

  initdb = g_find_program_in_path ("initdb");
  if (initdb != NULL)
    {
      g_autofree char *bindir = g_path_get_dirname (initdb);

      if (has_server (bindir))
        return g_steal_pointer (&bindir);
    }

  return NULL;
}

/* A value for a connection string, in quotes (the folder may hold spaces). */
static char *
quote_value (const char *value)
{
  GString *s = g_string_new ("'");

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '\'');

  return g_string_free (s, FALSE);
}

static char *
read_log (WfTestPostgres *server)
{
  g_autofree char *path = g_build_filename (server->dir, "postgres.log", NULL);
  char *log = NULL;

  if (!g_file_get_contents (path, &log, NULL, NULL))
    return g_strdup ("(no log)");

  return log;
}

static gboolean
run_initdb (WfTestPostgres  *server,
            const char      *bindir,
            GError         **error)
{
  g_autofree char *initdb = g_build_filename (bindir, "initdb", NULL);
  g_autofree char *data = g_build_filename (server->dir, "data", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;
  ChildSetup setup;

  launcher = make_launcher (server->dir,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                            &setup);
  process = g_subprocess_launcher_spawn (launcher, error,
                                         initdb, "-D", data, "-U", ADMIN, "--auth=trust",
                                         "--no-sync", "-E", "UTF8", "--locale=C", NULL);
  if (process == NULL)
    return FALSE;

  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, error))
    return FALSE;

  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "initdb failed (%s):\n%s", initdb, output);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_postgres (WfTestPostgres  *server,
              const char      *bindir,
              GError         **error)
{
  g_autofree char *postgres = g_build_filename (bindir, "postgres", NULL);
  g_autofree char *data = g_build_filename (server->dir, "data", NULL);
  g_autofree char *log = g_build_filename (server->dir, "postgres.log", NULL);
  g_autofree char *port = g_strdup_printf ("%d", PORT);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  ChildSetup setup;

  /* postgres itself, not pg_ctl start: the test owns its process id. */
  launcher = make_launcher (server->dir, G_SUBPROCESS_FLAGS_STDERR_MERGE, &setup);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  /* fsync=off is safe here: a test kills the server, never the machine. */
  server->postmaster = g_subprocess_launcher_spawn (launcher, error,
                                                    postgres, "-D", data, "-k", server->dir,
                                                    "-p", port, "-c", "listen_addresses=",
                                                    "-c", "fsync=off", NULL);
  if (server->postmaster == NULL)
    return FALSE;

  server->pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (server->postmaster), NULL, 10);

  return TRUE;
}

/* Waited for, never slept for: asks until the server answers. */
static gboolean
wait_until_ready (WfTestPostgres  *server,
                  GError         **error)
{
  gint64 deadline = g_get_monotonic_time () + START_SECONDS * G_USEC_PER_SEC;

  while (PQping (server->conninfo) != PQPING_OK)
    {
      /* The identifier is gone once the process has ended. */
      if (g_subprocess_get_identifier (server->postmaster) == NULL)
        {
          g_autofree char *log = read_log (server);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "postgres ended before accepting connections:\n%s", log);
          return FALSE;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *log = read_log (server);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "postgres accepted no connection in %d s:\n%s", START_SECONDS, log);
          return FALSE;
        }
      g_usleep (G_USEC_PER_SEC / 50);
    }

  return TRUE;
}

/* Whether the process ended within @seconds. */
static gboolean
wait_for_exit (GSubprocess *process,
               int          seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_subprocess_get_identifier (process) != NULL)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (G_USEC_PER_SEC / 100);
    }

  return TRUE;
}

/* What failed, or NULL when the test is to be skipped: no server on the
 * machine, and none required.
 */
static char *
describe_failure (const GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup (error->message);
  if (wf_test_postgres_required ())
    return g_strdup_printf ("%s; CI or WAYFINDER_REQUIRE_POSTGRES=1 is set, so the team "
                            "tests must not be skipped", error->message);
  return NULL;
}

/**
 * wf_test_postgres_start:
 * @error: where a failure is told; %G_IO_ERROR_NOT_FOUND when the machine
 *   has no PostgreSQL server
 *
 * Makes a cluster in a temporary folder and starts its server, reachable
 * only on a Unix socket in that folder. Its administrator is the
 * superuser `wayfinder_admin`, and every role may connect without a
 * password (trust). As root, initdb and postgres run as nobody, who owns
 * the folder; root connects all the same.
 *
 * Returns: (transfer full) (nullable): the running server, accepting
 *   connections
 */
WfTestPostgres *
wf_test_postgres_start (GError **error)
{
  g_autoptr(WfTestPostgres) server = NULL;
  g_autofree char *bindir = find_bindir ();
  g_autofree char *host = NULL;

  if (bindir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "No PostgreSQL server on this machine: no initdb and postgres in "
                   "/usr/lib/postgresql/*/bin or in PATH (on Debian: apt install postgresql)");
      return NULL;
    }

  server = g_new0 (WfTestPostgres, 1);
  server->dir = g_dir_make_tmp ("wayfinder-postgres-XXXXXX", error);
  if (server->dir == NULL)
    return NULL;

  if (geteuid () == 0 && chown (server->dir, NOBODY, NOBODY) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not give %s to nobody: %s", server->dir, g_strerror (saved_errno));
      return NULL;
    }

  host = quote_value (server->dir);
  server->conninfo = g_strdup_printf ("host=%s port=%d dbname=postgres user=" ADMIN, host, PORT);

  if (!run_initdb (server, bindir, error)
      || !run_postgres (server, bindir, error)
      || !wait_until_ready (server, error))
    return NULL;

  g_debug ("PostgreSQL from %s is running in %s", bindir, server->dir);

  return g_steal_pointer (&server);
}

/**
 * wf_test_postgres_stop:
 * @server: (transfer full) (nullable): a server
 *
 * Stops the server (fast shutdown: open sessions are ended; killed if it
 * takes longer than 10 s) and removes its folder.
 */
void
wf_test_postgres_stop (WfTestPostgres *server)
{
  if (server == NULL)
    return;

  if (server->postmaster != NULL)
    {
      /* SIGINT is the fast shutdown; SIGTERM would wait for every
       * session to end, and a failed test may have left one open.
       */
      g_subprocess_send_signal (server->postmaster, SIGINT);
      if (!wait_for_exit (server->postmaster, STOP_SECONDS))
        {
          g_subprocess_force_exit (server->postmaster);
          g_subprocess_wait (server->postmaster, NULL, NULL);
        }
      g_clear_object (&server->postmaster);
    }

  if (server->dir != NULL)
    wf_test_remove_tree (server->dir);

  g_free (server->dir);
  g_free (server->conninfo);
  g_free (server);
}

/**
 * wf_test_postgres_remove_killed:
 * @dir: the folder of a server that was killed (wf_test_postgres_get_dir())
 *
 * Removes what a server killed with SIGKILL leaves: its folder, and the
 * small System V shared memory segment the postmaster would have removed
 * on its way out (its key and id are the seventh line of postmaster.pid).
 */
void
wf_test_postgres_remove_killed (const char *dir)
{
  g_autofree char *pid_file = g_build_filename (dir, "data", "postmaster.pid", NULL);
  g_autofree char *contents = NULL;

  if (g_file_get_contents (pid_file, &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (g_strchomp (contents), "\n", -1);
      guint n = g_strv_length (lines);
      g_auto(GStrv) words = g_strsplit_set (n >= 7 ? g_strstrip (lines[6]) : "", " \t", -1);
      guint n_words = g_strv_length (words);
      char *end = NULL;
      gint64 shmid;

      /* "KEY SHMID", padded with spaces; written once the segment exists. */
      shmid = n_words > 0 ? g_ascii_strtoll (words[n_words - 1], &end, 10) : 0;
      if (end != NULL && *end == '\0' && shmid > 0 && n_words > 1)
        shmctl ((int) shmid, IPC_RMID, NULL);
    }

  wf_test_remove_tree (dir);
}

/**
 * wf_test_postgres_kill:
 * @server: a running server
 *
 * Kills the postmaster with SIGKILL, as a crash would, and waits until it
 * is gone. Its backends end by themselves once they see it gone.
 */
void
wf_test_postgres_kill (WfTestPostgres *server)
{
  g_return_if_fail (server->postmaster != NULL);

  g_subprocess_force_exit (server->postmaster);
  g_subprocess_wait (server->postmaster, NULL, NULL);
  g_clear_object (&server->postmaster);
  server->pid = 0;
}

/**
 * wf_test_postgres_restart:
 * @server: a server killed by wf_test_postgres_kill()
 * @error: where a failure is told
 *
 * Starts the server again on the same folder, which recovers from the
 * crash. While a backend of the killed server still holds the old shared
 * memory, postgres refuses to start: it is started again until it runs
 * (for at most 30 s).
 *
 * Returns: whether it accepts connections
 */
gboolean
wf_test_postgres_restart (WfTestPostgres  *server,
                          GError         **error)
{
  g_autofree char *bindir = find_bindir ();
  gint64 deadline = g_get_monotonic_time () + START_SECONDS * G_USEC_PER_SEC;

  g_return_val_if_fail (server->postmaster == NULL, FALSE);
  g_return_val_if_fail (bindir != NULL, FALSE);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (!run_postgres (server, bindir, error))
        return FALSE;
      if (wait_until_ready (server, &local_error))
        return TRUE;

      g_subprocess_wait (server->postmaster, NULL, NULL);
      g_clear_object (&server->postmaster);
      if (g_get_monotonic_time () > deadline)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_usleep (G_USEC_PER_SEC / 50);
    }
}

/**
 * wf_test_postgres_get_conninfo:
 * @server: a running server
 *
 * Returns: the connection string for the database `postgres` as the
 *   superuser `wayfinder_admin`
 */
const char *
wf_test_postgres_get_conninfo (WfTestPostgres *server)
{
  return server->conninfo;
}

/**
 * wf_test_postgres_get_dir:
 * @server: a running server
 *
 * Returns: the folder of the cluster (data/), its socket and its log
 */
const char *
wf_test_postgres_get_dir (WfTestPostgres *server)
{
  return server->dir;
}

/**
 * wf_test_postgres_get_pid:
 * @server: a running server
 *
 * Returns: the process id of the postmaster
 */
GPid
wf_test_postgres_get_pid (WfTestPostgres *server)
{
  return server->pid;
}

/**
 * wf_test_postgres_conninfo:
 * @server: a running server
 * @dbname: (nullable): a database, or %NULL for `postgres`
 * @user: (nullable): a role, or %NULL for `wayfinder_admin`
 *
 * Returns: (transfer full): a connection string for @dbname as @user
 */
char *
wf_test_postgres_conninfo (WfTestPostgres *server,
                           const char     *dbname,
                           const char     *user)
{
  g_autofree char *host = quote_value (server->dir);
  g_autofree char *db = quote_value (dbname != NULL ? dbname : "postgres");
  g_autofree char *role = quote_value (user != NULL ? user : ADMIN);

  return g_strdup_printf ("host=%s port=%d dbname=%s user=%s", host, PORT, db, role);
}

/**
 * wf_test_postgres_required:
 *
 * CI must not pass by skipping the team tests: there, and wherever
 * `WAYFINDER_REQUIRE_POSTGRES=1` (build-aux/dev.sh test sets it), a
 * missing server fails them.
 *
 * Returns: whether the team tests must run
 */
gboolean
wf_test_postgres_required (void)
{
  const char *ci = g_getenv ("CI");

  return g_strcmp0 (g_getenv ("WAYFINDER_REQUIRE_POSTGRES"), "1") == 0
         || (ci != NULL && *ci != '\0' && g_strcmp0 (ci, "false") != 0 && g_strcmp0 (ci, "0") != 0);
}

/**
 * wf_test_postgres_start_or_skip:
 *
 * Starts a server for the running test case. Without a PostgreSQL server
 * on the machine the case is skipped, unless wf_test_postgres_required();
 * then, and on any other failure, the case fails.
 *
 * Returns: (transfer full) (nullable): the running server, or %NULL when
 *   the case was skipped or failed and must return
 */
WfTestPostgres *
wf_test_postgres_start_or_skip (void)
{
  g_autoptr(GError) error = NULL;
  WfTestPostgres *server = wf_test_postgres_start (&error);

  if (server == NULL)
    {
      g_autofree char *failure = describe_failure (error);

      if (failure != NULL)
        g_test_fail_printf ("%s", failure);
      else
        g_test_skip (error->message);
    }

  return server;
}

/**
 * wf_test_postgres_shared:
 *
 * One server for all the cases of a test program, started by the first
 * case that asks; wf_test_postgres_stop_shared() after g_test_run() stops
 * it. When it could not start, every case that asks is skipped or fails
 * as the first one was.
 *
 * Returns: (transfer none) (nullable): the server, or %NULL when the case
 *   was skipped or failed and must return
 */
WfTestPostgres *
wf_test_postgres_shared (void)
{
  if (!shared_tried)
    {
      g_autoptr(GError) error = NULL;

      shared_tried = TRUE;
      shared = wf_test_postgres_start (&error);
      if (shared == NULL)
        {
          shared_failure = describe_failure (error);
          shared_skipped = shared_failure == NULL;
          if (shared_skipped)
            shared_failure = g_strdup (error->message);
        }
    }

  if (shared == NULL && shared_skipped)
    g_test_skip (shared_failure);
  else if (shared == NULL)
    g_test_fail_printf ("%s", shared_failure);

  return shared;
}

/**
 * wf_test_postgres_stop_shared:
 *
 * Stops the server of wf_test_postgres_shared(), if it was started.
 */
void
wf_test_postgres_stop_shared (void)
{
  g_clear_pointer (&shared, wf_test_postgres_stop);
  g_clear_pointer (&shared_failure, g_free);
}

/* The main loop */

typedef struct
{
  const char *name;
  guint       seconds;
} Deadline;

static gboolean
on_too_long (gpointer data)
{
  Deadline *deadline = data;

  g_error ("%s did not happen within %u s", deadline->name, deadline->seconds);
  return G_SOURCE_REMOVE;
}

static gboolean
on_look_again (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * wf_test_loop_until:
 * @condition: what to wait for, called with @data
 * @data: for @condition
 * @seconds: how long it may take before the process fails
 * @name: what the failure calls it
 *
 * Runs the main loop until @condition holds; it blocks in poll() between
 * events. A condition on the server (a push waiting for a lock) changes
 * with nothing for the loop to wake for, so the loop also wakes every
 * 10 ms to look again.
 */
void
wf_test_loop_until (WfTestLoopCondition condition,
                    gpointer            data,
                    guint               seconds,
                    const char         *name)
{
  Deadline deadline = { name, seconds };
  guint timeout = g_timeout_add_seconds (seconds, on_too_long, &deadline);
  guint look = g_timeout_add (10, on_look_again, NULL);

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (look);
  g_source_remove (timeout);
}

/**
 * wf_test_on_ready:
 *
 * A #GAsyncReadyCallback whose data is a #WfTestWait: keeps the result.
 */
void
wf_test_on_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  WfTestWait *wait = data;

  wait->result = g_object_ref (result);
}

/**
 * wf_test_wait_for:
 * @wait: given to wf_test_on_ready()
 *
 * Runs the main loop until @wait has its result.
 *
 * Returns: (transfer none): the result, which @wait holds
 */
GAsyncResult *
wf_test_wait_for (WfTestWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wait->result;
}

/* The server's SQL */

/**
 * wf_test_pg_exec:
 *
 * Runs @sql on @conn (with PQexec() where it has no parameters, so it
 * may hold more than one statement) and fails the process where it
 * fails.
 *
 * Returns: (transfer full): the result, for PQclear()
 */
PGresult *
wf_test_pg_exec (PGconn      *conn,
                 const char  *sql,
                 int          n_params,
                 const char **params)
{
  PGresult *result = n_params == 0 ? PQexec (conn, sql) : PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));

  return result;
}

/**
 * wf_test_pg_int:
 * @param: $1, where @sql has it
 *
 * Returns: the first column of the first row of @sql, as a number
 */
gint64
wf_test_pg_int (PGconn     *conn,
                const char *sql,
                const char *param)
{
  const char *params[] = { param };
  PGresult *result;
  gint64 value;

  result = wf_test_pg_exec (conn, sql, strstr (sql, "$1") != NULL ? 1 : 0, params);
  value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);

  return value;
}

/**
 * wf_test_postgres_team_database:
 * @dbname: a database not yet on @server
 * @conninfo: (out) (optional): where to connect to it
 *
 * Makes the database @dbname on @server with the team schema in it, as
 * `wayfinder team init` makes it.
 *
 * Returns: (transfer full): a blocking connection to it, for PQfinish()
 */
PGconn *
wf_test_postgres_team_database (WfTestPostgres  *server,
                                const char      *dbname,
                                char           **conninfo)
{
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", dbname);
  g_autofree char *info = wf_test_postgres_conninfo (server, dbname, NULL);
  g_autofree char *lock = g_strdup_printf ("SELECT pg_advisory_xact_lock (%" G_GINT64_FORMAT ")",
                                           (gint64) WF_TEAM_LOCK_KEY);
  PGconn *postgres = PQconnectdb (wf_test_postgres_get_conninfo (server));
  PGconn *conn;
  PGresult *result;

  if (PQstatus (postgres) != CONNECTION_OK)
    g_error ("%s", PQerrorMessage (postgres));
  PQclear (wf_test_pg_exec (postgres, create, 0, NULL));
  PQfinish (postgres);

  conn = PQconnectdb (info);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s", PQerrorMessage (conn));
  PQclear (wf_test_pg_exec (conn, "BEGIN", 0, NULL));
  PQclear (wf_test_pg_exec (conn, lock, 0, NULL));
  for (guint from = 0; wf_team_schema_step (from) != NULL; from++)
    {
      result = PQexec (conn, wf_team_schema_step (from));
      if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
        g_error ("team schema step %u: %s", from, PQerrorMessage (conn));
      PQclear (result);
    }
  PQclear (wf_test_pg_exec (conn, "COMMIT", 0, NULL));

  if (conninfo != NULL)
    *conninfo = g_steal_pointer (&info);

  return conn;
}
