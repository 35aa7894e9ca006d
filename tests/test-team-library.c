/* test-team-library.c — sharing library documents with a team and joining them
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libpq-fe.h>

#include "storage/wf-journey.h"
#include "storage/wf-library.h"
#include "storage/wf-sqlite.h"
#include "team/wf-team-library.h"
#include "team/wf-team-schema.h"
#include "test-postgres.h"
#include "test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_ready (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  g_clear_object (&wait->result);
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wait->result;
}

/* A team database of its own on the shared server, its schema made as
 * `team init` makes it (the admin owns it: no grants needed). */
static char *
make_team (WfTestPostgres *server)
{
  static int counter = 0;
  g_autofree char *dbname = g_strdup_printf ("t_library_%d", ++counter);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", dbname);
  g_autoptr(PGconn) postgres = PQconnectdb (wf_test_postgres_get_conninfo (server));
  g_autoptr(PGconn) conn = NULL;
  char *conninfo;

  g_assert_cmpint (PQstatus (postgres), ==, CONNECTION_OK);
  PQclear (PQexec (postgres, create));

  conninfo = wf_test_postgres_conninfo (server, dbname, NULL);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  for (guint from = 0; wf_team_schema_step (from) != NULL; from++)
    {
      PGresult *result = PQexec (conn, wf_team_schema_step (from));

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      PQclear (result);
    }

  return conninfo;
}

static WfTeamConnection *
connect_to (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  WfTeamConnection *connection;
  Wait wait = { 0 };

  wf_team_connection_new_async (conninfo, NULL, on_ready, &wait);
  connection = wf_team_connection_new_finish (wait_for (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  return connection;
}

static WfLibrary *
library_new (char **dir)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  WfLibrary *library;

  *dir = wf_test_make_tmpdir ();
  path = g_build_filename (*dir, "library.sqlite", NULL);
  library = wf_library_new (path, &error);
  g_assert_no_error (error);

  return library;
}

static void
test_conninfo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *own = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *refused = NULL;

  plain = wf_team_conninfo_build ("host=db.example.org dbname=journeys", "anna", "verify-full", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "dbname='journeys' host='db.example.org' user='anna' sslmode='verify-full'");

  /* The string's own user and sslmode win. */
  own = wf_team_conninfo_build ("host=db user=bram sslmode=disable", "anna", "require", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (own, ==, "user='bram' host='db' sslmode='disable'");

  uri = wf_team_conninfo_build ("postgresql://db.example.org:5433/journeys", "", "prefer", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "dbname='journeys' host='db.example.org' port='5433' sslmode='prefer'");

  refused = wf_team_conninfo_build ("host=db password=secret", "anna", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
  g_assert_null (strstr (error->message, "secret"));
  g_clear_error (&error);

  refused = wf_team_conninfo_build ("postgresql://anna:secret@db/journeys", NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION);
}

typedef struct
{
  guint  calls;
  char  *user;
} Asked;

static char *
password_for (const char *conninfo,
              const char *user,
              gpointer    data)
{
  Asked *asked = data;

  asked->calls++;
  g_free (asked->user);
  asked->user = g_strdup (user);

  return g_strdup ("not-checked-under-trust");
}

/* A's document shared, B joins it: both are team documents of one team,
 * each with its own client and tag; joining again finds B's copy. */
static void
test_share_join (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_autofree char *conninfo = NULL;
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autoptr(WfLibrary) library_a = NULL;
  g_autoptr(WfLibrary) library_b = NULL;
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(WfDocument) joined = NULL;
  g_autoptr(WfTeamLocal) local_a = NULL;
  g_autoptr(WfTeamLocal) local_b = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *team_id = NULL;
  Asked asked = { 0 };
  Wait wait = { 0 };
  gint64 doc_a, doc_b, again;

  if (server == NULL)
    return;

  conninfo = make_team (server);
  library_a = library_new (&dir_a);
  library_b = library_new (&dir_b);

  wf_team_connection_set_password_func (password_for, &asked);
  connection = connect_to (conninfo);
  wf_team_connection_set_password_func (NULL, NULL);
  g_assert_cmpuint (asked.calls, ==, 1);
  g_assert_cmpstr (asked.user, ==, "wayfinder_admin");
  g_free (asked.user);

  document = wf_test_load_data ("rich.journey");
  doc_a = wf_library_add (library_a, document, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (wf_team_library_lookup (library_a, doc_a));

  wf_team_library_share_async (library_a, doc_a, document, connection, NULL, on_ready, &wait);
  team_id = wf_team_library_share_finish (library_a, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (team_id));

  local_a = wf_team_library_lookup (library_a, doc_a);
  g_assert_nonnull (local_a);
  g_assert_cmpstr (local_a->team_id, ==, team_id);
  g_assert_cmpint (wf_team_library_find (library_a, team_id), ==, doc_a);
  g_assert_cmpint (wf_test_sqlite_int (wf_library_get_db (library_a),
                                       "SELECT seq FROM team_documents"), ==, 1);
  g_assert_cmpint (wf_test_sqlite_int (wf_library_get_db (library_a),
                                       "SELECT count(*) FROM team_items"), >, 10);

  /* Shared once only. */
  wf_team_library_share_async (library_a, doc_a, document, connection, NULL, on_ready, &wait);
  g_assert_null (wf_team_library_share_finish (library_a, wait_for (&wait), &error));
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_FAILED);
  g_clear_error (&error);

  wf_team_library_join_async (library_b, connection, team_id, NULL, on_ready, &wait);
  doc_b = wf_team_library_join_finish (library_b, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc_b, >, 0);

  local_b = wf_team_library_lookup (library_b, doc_b);
  g_assert_nonnull (local_b);
  g_assert_cmpstr (local_b->team, ==, local_a->team);
  g_assert_cmpstr (local_b->team_id, ==, team_id);
  g_assert_cmpstr (local_b->tag, !=, local_a->tag);

  joined = wf_library_load (library_b, doc_b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wf_document_get_title (joined), ==, wf_document_get_title (document));
  g_assert_cmpuint (wf_document_get_n_maps (joined), ==, wf_document_get_n_maps (document));

  wf_team_library_join_async (library_b, connection, team_id, NULL, on_ready, &wait);
  again = wf_team_library_join_finish (library_b, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, doc_b);
  g_assert_cmpint (wf_test_sqlite_int (wf_library_get_db (library_b),
                                       "SELECT count(*) FROM documents"), ==, 1);

  list = wf_team_library_list (library_b);
  g_assert_cmpuint (list->len, ==, 1);

  /* One not on the server. */
  wf_team_library_join_async (library_b, connection, "00000000-0000-4000-8000-000000000000",
                              NULL, on_ready, &wait);
  g_assert_cmpint (wf_team_library_join_finish (library_b, wait_for (&wait), &error), ==, 0);
  g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_DOCUMENT);
  g_clear_object (&wait.result);

  wf_team_connection_close (connection);
  g_clear_object (&library_a);
  g_clear_object (&library_b);
  wf_test_remove_tree (dir_a);
  wf_test_remove_tree (dir_b);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/team/library/conninfo", test_conninfo);
  g_test_add_func ("/team/library/share-join", test_share_join);

  status = g_test_run ();
  wf_test_postgres_stop_shared ();

  return status;
}
