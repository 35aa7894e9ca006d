/* test-team-server.c — the team server's schema and functions in PostgreSQL
 *
 * The SQL of team/wf-team-schema.c on a throwaway server
 * (tests/test-postgres.c): the steps and grants install and run again,
 * register(), share(), push() with each op and each outcome of
 * docs/team-library.md ("Order and idempotence", "Conflicts per member"),
 * the roles' rights and the notification. Each case makes its own
 * database; the blocking libpq is fine here.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libpq-fe.h>

#include "team/wf-team-schema.h"
#include "test-postgres.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

#define DOC     "d0c00000-0000-4000-8000-000000000001"
#define ANNA    "a0000000-0000-4000-8000-00000000000a"
#define BRAM    "b0000000-0000-4000-8000-00000000000b"

/* One map: phases p1 p2, lanes l1 l2 (l2 is persona u's), cards c1 c2 in
 * p1/l1 and c3 in p2/l2, links k1 c1→c2 and k2 c2→c3. */
static const char items_json[] =
  "[{\"id\": \"\", \"type\": \"document\", \"parent\": null, \"pos\": \"V\","
  "  \"value\": {\"title\": \"Webshop\", \"description\": \"\"}},"
  " {\"id\": \"u\", \"type\": \"persona\", \"parent\": null, \"pos\": \"V\","
  "  \"value\": {\"name\": \"Ria\", \"color\": \"#3584e4\"}},"
  " {\"id\": \"m\", \"type\": \"map\", \"parent\": null, \"pos\": \"V\","
  "  \"value\": {\"title\": \"Online\"}},"
  " {\"id\": \"p1\", \"type\": \"phase\", \"parent\": \"m\", \"pos\": \"V\","
  "  \"value\": {\"name\": \"Orient\"}},"
  " {\"id\": \"p2\", \"type\": \"phase\", \"parent\": \"m\", \"pos\": \"W\","
  "  \"value\": {\"name\": \"Buy\"}},"
  " {\"id\": \"l1\", \"type\": \"lane\", \"parent\": \"m\", \"pos\": \"V\","
  "  \"value\": {\"kind\": \"touchpoints\", \"title\": \"Touchpoints\", \"persona\": null}},"
  " {\"id\": \"l2\", \"type\": \"lane\", \"parent\": \"m\", \"pos\": \"W\","
  "  \"value\": {\"kind\": \"emotions\", \"title\": \"Feelings\", \"persona\": \"u\"}},"
  " {\"id\": \"c1\", \"type\": \"card\", \"parent\": \"m\", \"pos\": \"V\","
  "  \"value\": {\"phase\": \"p1\", \"lane\": \"l1\", \"title\": \"Ad\", \"notes\": \"\"}},"
  " {\"id\": \"c2\", \"type\": \"card\", \"parent\": \"m\", \"pos\": \"W\","
  "  \"value\": {\"phase\": \"p1\", \"lane\": \"l1\", \"title\": \"Search\", \"notes\": \"\"}},"
  " {\"id\": \"c3\", \"type\": \"card\", \"parent\": \"m\", \"pos\": \"V\","
  "  \"value\": {\"phase\": \"p2\", \"lane\": \"l2\", \"title\": \"Pay\", \"notes\": \"\"}},"
  " {\"id\": \"k1\", \"type\": \"link\", \"parent\": \"m\", \"pos\": \"V\","
  "  \"value\": {\"from\": \"c1\", \"to\": \"c2\", \"label\": \"\"}},"
  " {\"id\": \"k2\", \"type\": \"link\", \"parent\": \"m\", \"pos\": \"W\","
  "  \"value\": {\"from\": \"c2\", \"to\": \"c3\", \"label\": \"\"}}]";

/* A team database with the document above shared by Anna; Bram is
 * registered too. */
typedef struct
{
  WfTestPostgres *server;
  char *dbname;
  PGconn *admin;  /* the owner, wayfinder_admin */
  PGconn *anna;   /* an editor */
  PGconn *bram;   /* another editor */
  PGconn *cleo;   /* a viewer */
} Team;

static PGconn *
connect_to (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Could not connect to %s: %s", conninfo, PQerrorMessage (conn));

  return conn;
}

static PGconn *
connect_as (WfTestPostgres *server,
            const char     *dbname,
            const char     *user)
{
  g_autofree char *conninfo = wf_test_postgres_conninfo (server, dbname, user);

  return connect_to (conninfo);
}

/* Runs @sql, which must succeed. */
static void
run (PGconn     *conn,
     const char *sql)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s failed: %s", sql, PQerrorMessage (conn));
}

/* The one value @sql answers with @params (NULL for SQL NULL). */
static char *
value_of (PGconn             *conn,
          const char         *sql,
          int                 n_params,
          const char * const *params)
{
  g_autoptr(PGresult) result = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s failed: %s", sql, PQerrorMessage (conn));
  g_assert_cmpint (PQntuples (result), ==, 1);
  g_assert_cmpint (PQnfields (result), ==, 1);
  if (PQgetisnull (result, 0, 0))
    return NULL;

  return g_strdup (PQgetvalue (result, 0, 0));
}

static char *
value (PGconn     *conn,
       const char *sql)
{
  return value_of (conn, sql, 0, NULL);
}

static void
assert_value (PGconn     *conn,
              const char *sql,
              const char *expected)
{
  g_autofree char *got = value (conn, sql);

  g_assert_cmpstr (got, ==, expected);
}

/* Fails unless @result is an error with @sqlstate, and its message has
 * @message in it (if not %NULL). */
static void
assert_error (PGresult   *result,
              const char *sqlstate,
              const char *message)
{
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
  g_assert_cmpstr (PQresultErrorField (result, PG_DIAG_SQLSTATE), ==, sqlstate);
  if (message != NULL && strstr (PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY), message) == NULL)
    g_error ("“%s” does not say “%s”", PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY), message);
}

/* The server's version by wf_team_schema_version_sql, which must be ours;
 * returns the team's id. */
static char *
read_version (PGconn *conn)
{
  g_autoptr(PGresult) result = PQexec (conn, wf_team_schema_version_sql);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (result), ==, 1);
  g_assert_cmpint (PQnfields (result), ==, 3);
  g_assert_cmpstr (PQfname (result, 0), ==, "schema");
  g_assert_cmpstr (PQfname (result, 1), ==, "compatible");
  g_assert_cmpstr (PQfname (result, 2), ==, "team");
  g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, G_STRINGIFY (WF_TEAM_SCHEMA_VERSION));
  g_assert_cmpstr (PQgetvalue (result, 0, 1), ==, G_STRINGIFY (WF_TEAM_RECORD_VERSION));

  return g_strdup (PQgetvalue (result, 0, 2));
}

/* The group roles and people of docs/team-library.md, once per cluster. */
static void
make_roles (WfTestPostgres *server)
{
  static WfTestPostgres *made_for = NULL;
  g_autoptr(PGconn) admin = NULL;

  if (made_for == server)
    return;
  made_for = server;

  admin = connect_to (wf_test_postgres_get_conninfo (server));
  run (admin, "CREATE ROLE wayfinder_editor NOLOGIN");
  run (admin, "CREATE ROLE wayfinder_viewer NOLOGIN");
  run (admin, "CREATE ROLE t_anna LOGIN IN ROLE wayfinder_editor");
  run (admin, "CREATE ROLE t_bram LOGIN IN ROLE wayfinder_editor");
  run (admin, "CREATE ROLE t_cleo LOGIN IN ROLE wayfinder_viewer");
}

/* What `team init` does: the steps from the server's version, then the
 * grants, in one transaction after the advisory lock. Returns how many
 * steps it ran. */
static guint
init_team (PGconn *conn)
{
  g_autoptr(PGresult) version = NULL;
  g_autofree char *lock = NULL;
  g_autofree char *grants = NULL;
  guint from = 0;
  guint ran = 0;

  run (conn, "BEGIN");
  lock = g_strdup_printf ("SELECT pg_advisory_xact_lock (%" G_GINT64_FORMAT ")",
                          (gint64) WF_TEAM_LOCK_KEY);
  run (conn, lock);
  run (conn, "SAVEPOINT version");
  version = PQexec (conn, wf_team_schema_version_sql);
  if (PQresultStatus (version) == PGRES_TUPLES_OK)
    {
      g_assert_cmpint (PQntuples (version), ==, 1);
      from = (guint) g_ascii_strtoull (PQgetvalue (version, 0, 0), NULL, 10);
      run (conn, "RELEASE SAVEPOINT version");
    }
  else
    {
      /* An empty database: no table wayfinder.meta. */
      assert_error (version, "42P01", "wayfinder.meta");
      run (conn, "ROLLBACK TO SAVEPOINT version");
    }

  for (const char *step; (step = wf_team_schema_step (from)) != NULL; from++, ran++)
    run (conn, step);

  grants = wf_team_schema_grants_sql ("wayfinder_editor", "wayfinder_viewer");
  run (conn, grants);
  run (conn, "COMMIT");

  return ran;
}

static PGresult *
call_push (PGconn     *conn,
           const char *client,
           const char *client_seq,
           const char *record)
{
  const char *params[] = { DOC, client, client_seq, G_STRINGIFY (WF_TEAM_RECORD_VERSION), "Step", record };

  return PQexecParams (conn, "SELECT seq, ops FROM wayfinder.push ($1, $2, $3, $4, $5, $6::json)",
                       G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
}

/* Pushes @record, which must succeed; returns its ops as applied, in
 * short: "op id outcome" each, joined by "; ". */
static char *
push (PGconn     *conn,
      const char *client,
      const char *client_seq,
      const char *record)
{
  g_autoptr(PGresult) result = call_push (conn, client, client_seq, record);
  const char *params[1];

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("push of %s failed: %s", record, PQerrorMessage (conn));
  g_assert_cmpint (PQntuples (result), ==, 1);

  params[0] = PQgetvalue (result, 0, 1);
  return value_of (conn,
                   "SELECT string_agg (concat_ws (' ', o->>'op', o->>'id', o->>'outcome'), '; ' "
                   "                   ORDER BY n) "
                   "FROM jsonb_array_elements ($1::jsonb) WITH ORDINALITY AS e (o, n)",
                   1, params);
}

static void
team_setup (Team          *team,
            gconstpointer  data)
{
  static int counter = 0;
  g_autoptr(PGconn) postgres = NULL;
  g_autofree char *create = NULL;
  g_autoptr(PGresult) shared = NULL;
  const char *params[] = { DOC, ANNA, G_STRINGIFY (WF_TEAM_RECORD_VERSION), "Webshop", items_json };

  team->server = wf_test_postgres_shared ();
  if (team->server == NULL)
    return;
  make_roles (team->server);

  team->dbname = g_strdup_printf ("t_server_%d", ++counter);
  postgres = connect_to (wf_test_postgres_get_conninfo (team->server));
  create = g_strdup_printf ("CREATE DATABASE %s", team->dbname);
  run (postgres, create);

  team->admin = connect_as (team->server, team->dbname, NULL);
  team->anna = connect_as (team->server, team->dbname, "t_anna");
  team->bram = connect_as (team->server, team->dbname, "t_bram");
  team->cleo = connect_as (team->server, team->dbname, "t_cleo");
  if (data != NULL)
    return;

  init_team (team->admin);
  assert_value (team->anna, "SELECT wayfinder.register ('" ANNA "')", "k1");
  assert_value (team->bram, "SELECT wayfinder.register ('" BRAM "')", "k2");
  shared = PQexecParams (team->anna, "SELECT wayfinder.share ($1, $2, $3, $4, $5::json)",
                         G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
  if (PQresultStatus (shared) != PGRES_TUPLES_OK)
    g_error ("share failed: %s", PQerrorMessage (team->anna));
  g_assert_cmpstr (PQgetvalue (shared, 0, 0), ==, "1");
}

static void
team_teardown (Team          *team,
               gconstpointer  data)
{
  g_clear_pointer (&team->admin, PQfinish);
  g_clear_pointer (&team->anna, PQfinish);
  g_clear_pointer (&team->bram, PQfinish);
  g_clear_pointer (&team->cleo, PQfinish);
  g_free (team->dbname);
}

/* An empty database: the steps install; `team init` again runs none and
 * only the grants. */
static void
test_install (Team          *team,
              gconstpointer  data)
{
  g_autofree char *team_id = NULL;
  g_autofree char *again = NULL;

  if (team->server == NULL)
    return;

  g_assert_cmpuint (init_team (team->admin), ==, WF_TEAM_SCHEMA_VERSION);
  team_id = read_version (team->admin);
  g_assert_true (g_uuid_string_is_valid (team_id));
  g_assert_null (wf_team_schema_step (WF_TEAM_SCHEMA_VERSION));
  g_assert_cmpint (WF_TEAM_SCHEMA_MIN, <=, WF_TEAM_SCHEMA_VERSION);

  g_assert_cmpuint (init_team (team->admin), ==, 0);
  g_assert_cmpuint (init_team (team->admin), ==, 0);
  again = read_version (team->admin);
  g_assert_cmpstr (again, ==, team_id);

  /* Only the four functions are anyone's to run, and as the design
   * grants them. */
  assert_value (team->anna, "SELECT has_function_privilege ('wayfinder.push(uuid,uuid,bigint,int,text,json)', 'EXECUTE')", "t");
  assert_value (team->cleo, "SELECT has_function_privilege ('wayfinder.push(uuid,uuid,bigint,int,text,json)', 'EXECUTE')", "f");
  assert_value (team->cleo, "SELECT has_function_privilege ('wayfinder.register(uuid)', 'EXECUTE')", "t");
  assert_value (team->cleo, "SELECT has_function_privilege ('wayfinder.share(uuid,uuid,int,text,json)', 'EXECUTE')", "f");
  assert_value (team->anna, "SELECT count (*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = 'wayfinder' AND has_function_privilege (p.oid, 'EXECUTE')", "4");
  assert_value (team->admin, "SELECT count (*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = 'wayfinder' AND p.prosecdef "
                "AND p.proconfig @> ARRAY['search_path=wayfinder, pg_temp']", "4");
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.items", "0");
}

/* The version query answers in the shape the contract gives. */
/* A viewer reads the version, in the shape the contract gives. */
static void
test_version_query (Team          *team,
                    gconstpointer  data)
{
  g_autofree char *team_id = NULL;

  if (team->server == NULL)
    return;

  team_id = read_version (team->cleo);
  g_assert_true (g_uuid_string_is_valid (team_id));
}

static void
test_register (Team          *team,
               gconstpointer  data)
{
  g_autoptr(PGresult) result = NULL;

  if (team->server == NULL)
    return;

  /* Anna is k1 and Bram k2 (team_setup); each keeps his tag, a viewer
   * gets one too. */
  assert_value (team->anna, "SELECT wayfinder.register ('" ANNA "')", "k1");
  assert_value (team->bram, "SELECT wayfinder.register ('" BRAM "')", "k2");
  assert_value (team->cleo, "SELECT wayfinder.register ('c0000000-0000-4000-8000-00000000000c')", "k3");
  assert_value (team->admin, "SELECT count (DISTINCT tag) FROM wayfinder.clients", "3");
  assert_value (team->admin, "SELECT role FROM wayfinder.clients WHERE id = '" BRAM "'", "t_bram");

  /* A client id is its role's: Bram can neither take Anna's nor write
   * under it. */
  result = PQexec (team->bram, "SELECT wayfinder.register ('" ANNA "')");
  assert_error (result, "WF006", "belongs to another role");
  g_clear_pointer (&result, PQclear);
  result = call_push (team->bram, ANNA, "1",
                      "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"c1\", "
                      "\"member\": \"title\", \"value\": \"Bram's\", \"base\": 1}]}");
  assert_error (result, "WF006", "belongs to another role");
  g_clear_pointer (&result, PQclear);
  {
    const char *params[] = { "d0c00000-0000-4000-8000-000000000003", ANNA, "1", "Bram's",
                             "[{\"id\": \"\", \"type\": \"document\", \"parent\": null, \"pos\": \"V\", \"value\": {}}]" };

    result = PQexecParams (team->bram, "SELECT wayfinder.share ($1, $2, $3, $4, $5::json)",
                           G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
    assert_error (result, "WF006", "belongs to another role");
  }
  assert_value (team->admin, "SELECT role FROM wayfinder.clients WHERE id = '" ANNA "'", "t_anna");
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.documents", "1");
  assert_value (team->cleo, "SELECT value->>'title' FROM wayfinder.items WHERE id = 'c1'", "Ad");
}

static void
test_share (Team          *team,
            gconstpointer  data)
{
  const char *params[] = { "d0c00000-0000-4000-8000-000000000002", ANNA, "1", "Bad", NULL };
  g_autoptr(PGresult) bad = NULL;
  g_autoptr(PGresult) stranger = NULL;

  if (team->server == NULL)
    return;

  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.items WHERE doc = '" DOC "'", "12");
  assert_value (team->cleo, "SELECT value->>'title' FROM wayfinder.items WHERE doc = '" DOC "' AND id = 'c2'",
                "Search");
  assert_value (team->cleo, "SELECT parent || ' ' || pos || ' ' || (versions->>'title') || ' ' "
                "|| (versions->>'@place') FROM wayfinder.items WHERE doc = '" DOC "' AND id = 'c2'",
                "m W 1 1");
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.items WHERE versions->>'@place' = '1'", "12");
  assert_value (team->cleo, "SELECT title || ' ' || seq || ' ' || created_by FROM wayfinder.documents",
                "Webshop 1 t_anna");
  assert_value (team->cleo, "SELECT seq || ' ' || label || ' ' || ops || ' ' || author "
                "FROM wayfinder.changes", "1 Share [] t_anna");

  /* Item 1's key ends in 0. */
  params[4] = "[{\"id\": \"\", \"type\": \"document\", \"parent\": null, \"pos\": \"V\", \"value\": {}},"
              " {\"id\": \"m\", \"type\": \"map\", \"parent\": null, \"pos\": \"V0\", \"value\": {}}]";
  bad = PQexecParams (team->anna, "SELECT wayfinder.share ($1, $2, $3, $4, $5::json)",
                      G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
  assert_error (bad, "WF004", "Item 1:");

  /* Items the client could not read back, or that hang from nothing. */
  {
    static const struct {
      const char *items;
      const char *message;
    } cases[] = {
      { "[{\"id\": \"\", \"type\": \"document\", \"parent\": null, \"pos\": \"V\", \"value\": {\"created\": \"x\"}}]",
        "Item 0: a document's value cannot hold \"created\"" },
      { "[{\"id\": \"\", \"type\": \"document\", \"parent\": null, \"pos\": \"V\", \"value\": {}},"
        " {\"id\": \"m\", \"type\": \"map\", \"parent\": null, \"pos\": \"V\", \"value\": {\"phases\": []}}]",
        "Item 1: a map's value cannot hold \"phases\"" },
      { "[{\"id\": \"\", \"type\": \"document\", \"parent\": null, \"pos\": \"V\", \"value\": {}},"
        " {\"id\": \"u\", \"type\": \"persona\", \"parent\": null, \"pos\": \"V\", \"value\": {\"id\": \"u\"}}]",
        "Item 1: a persona's value cannot hold \"id\"" },
      { "[{\"id\": \"d\", \"type\": \"document\", \"parent\": null, \"pos\": \"V\", \"value\": {}}]",
        "Item 0: the document's id is not \"\"" },
      { "[{\"id\": \"m\", \"type\": \"map\", \"parent\": null, \"pos\": \"V\", \"value\": {}}]",
        "exactly one of type document" },
      { "[{\"id\": \"\", \"type\": \"document\", \"parent\": null, \"pos\": \"V\", \"value\": {}},"
        " {\"id\": \"u\", \"type\": \"persona\", \"parent\": null, \"pos\": \"V\", \"value\": {}},"
        " {\"id\": \"p\", \"type\": \"phase\", \"parent\": \"u\", \"pos\": \"V\", \"value\": {}}]",
        "Item 2: parent \"u\" is not a map of the document" },
      { "[{\"id\": \"\", \"type\": \"document\", \"parent\": null, \"pos\": \"V\", \"value\": {}},"
        " {\"id\": \"c\", \"type\": \"card\", \"parent\": \"nowhere\", \"pos\": \"V\","
        " \"value\": {\"phase\": \"p\", \"lane\": \"l\"}}]",
        "Item 1: parent \"nowhere\" is not a map of the document" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(PGresult) refused = NULL;

        params[4] = cases[i].items;
        refused = PQexecParams (team->anna, "SELECT wayfinder.share ($1, $2, $3, $4, $5::json)",
                                G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
        assert_error (refused, "WF004", cases[i].message);
      }
  }

  /* A client that never registered. */
  params[1] = "e0000000-0000-4000-8000-00000000000e";
  params[4] = "[]";
  stranger = PQexecParams (team->anna, "SELECT wayfinder.share ($1, $2, $3, $4, $5::json)",
                           G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
  assert_error (stranger, "WF005", NULL);
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.documents", "1");
}

/* 20,000 cards in one set-based statement (the goal: well under 3 s). */
static void
test_share_large (Team          *team,
                  gconstpointer  data)
{
  g_autoptr(GString) items = g_string_new ("[{\"id\": \"\", \"type\": \"document\", \"parent\": null, "
                                           "\"pos\": \"V\", \"value\": {\"title\": \"Big\"}},"
                                           "{\"id\": \"m\", \"type\": \"map\", \"parent\": null, "
                                           "\"pos\": \"V\", \"value\": {\"title\": \"Big\"}}");
  const char *params[] = { "d0c00000-0000-4000-8000-000000000003", ANNA, "1", "Big", NULL };
  g_autoptr(PGresult) shared = NULL;
  gint64 start;
  double seconds;

  if (team->server == NULL)
    return;

  for (int i = 0; i < 20000; i++)
    g_string_append_printf (items, ",{\"id\": \"card%d\", \"type\": \"card\", \"parent\": \"m\", "
                            "\"pos\": \"V%d\", \"value\": {\"phase\": \"p\", \"lane\": \"l\", "
                            "\"title\": \"Card number %d\", \"notes\": \"Some notes\", "
                            "\"channel\": \"web\", \"emotion\": 1, \"votes\": 0, \"tags\": [\"a\", \"b\"]}}",
                            i, i * 10 + 1, i);
  g_string_append (items, "]");
  params[4] = items->str;

  start = g_get_monotonic_time ();
  shared = PQexecParams (team->anna, "SELECT wayfinder.share ($1, $2, $3, $4, $5::json)",
                         G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("share of 20,000 cards: %.2f s", seconds);
  if (PQresultStatus (shared) != PGRES_TUPLES_OK)
    g_error ("share failed: %s", PQerrorMessage (team->anna));

  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.items "
                "WHERE doc = 'd0c00000-0000-4000-8000-000000000003'", "20002");
  /* Generous, for a loaded test machine; the figure is in the log. */
  g_assert_cmpfloat (seconds, <, 15.0);
}

static void
test_push_set (Team          *team,
               gconstpointer  data)
{
  g_autofree char *ops = NULL;

  if (team->server == NULL)
    return;

  ops = push (team->anna, ANNA, "1",
              "{\"v\": 1, \"seen\": 1, \"ops\": ["
              "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Instagram ad\", \"base\": 1},"
              "{\"op\": \"set\", \"id\": \"\", \"member\": \"title\", \"value\": \"Web shop\", \"base\": 1},"
              "{\"op\": \"set\", \"id\": \"p1\", \"member\": \"width\", \"value\": 2, \"base\": 0}]}");
  g_assert_cmpstr (ops, ==, "set c1 applied; set  applied; set p1 applied");

  assert_value (team->cleo, "SELECT value->>'title' || ' ' || (versions->>'title') || ' ' || (versions->>'notes') "
                "FROM wayfinder.items WHERE id = 'c1'", "Instagram ad 2 1");
  assert_value (team->cleo, "SELECT value::text FROM wayfinder.items WHERE id = 'p1'",
                "{\"name\": \"Orient\", \"width\": 2}");
  /* The list shows the document's title. */
  assert_value (team->cleo, "SELECT title || ' ' || seq || ' ' || changed_by FROM wayfinder.documents",
                "Web shop 2 t_anna");
  assert_value (team->cleo, "SELECT client_seq || ' ' || label || ' ' || author || ' ' || "
                "(ops->0->>'outcome') FROM wayfinder.changes WHERE seq = 2", "1 Step t_anna applied");
}

/* A record sent again gets the first answer and makes no second change;
 * one with other ops under that number is another library's. */
static void
test_push_twice (Team          *team,
                 gconstpointer  data)
{
  const char *record = "{\"v\": 1, \"seen\": 1, \"ops\": ["
                       "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Once\", \"base\": 1}]}";
  g_autoptr(PGresult) first = NULL;
  g_autoptr(PGresult) second = NULL;
  g_autoptr(PGresult) other = NULL;

  if (team->server == NULL)
    return;

  first = call_push (team->anna, ANNA, "1", record);
  g_assert_cmpint (PQresultStatus (first), ==, PGRES_TUPLES_OK);
  second = call_push (team->anna, ANNA, "1", record);
  g_assert_cmpint (PQresultStatus (second), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (first, 0, 0), ==, "2");
  g_assert_cmpstr (PQgetvalue (second, 0, 0), ==, "2");
  g_assert_cmpstr (PQgetvalue (first, 0, 1), ==, PQgetvalue (second, 0, 1));
  assert_value (team->cleo, "SELECT count (*) || ' ' || max (seq) FROM wayfinder.changes", "2 2");
  assert_value (team->cleo, "SELECT seq FROM wayfinder.documents", "2");

  other = call_push (team->anna, ANNA, "1",
                     "{\"v\": 1, \"seen\": 1, \"ops\": ["
                     "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Twice\", \"base\": 1}]}");
  assert_error (other, "WF003", NULL);
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.changes", "2");
  assert_value (team->cleo, "SELECT value->>'title' FROM wayfinder.items WHERE id = 'c1'", "Once");
}

/* Two sends of one record at once (a client that timed out and sent
 * again): the second waits for the document's lock and gets the first
 * one's answer. */
static void
test_push_twice_at_once (Team          *team,
                         gconstpointer  data)
{
  const char *params[] = { DOC, ANNA, "1", G_STRINGIFY (WF_TEAM_RECORD_VERSION), "Step",
                           "{\"v\": 1, \"seen\": 1, \"ops\": ["
                           "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Once\", \"base\": 1}]}" };
  g_autoptr(PGconn) again = NULL;
  g_autoptr(PGconn) watcher = NULL;
  g_autoptr(PGresult) first = NULL;
  g_autoptr(PGresult) second = NULL;
  PGconn *senders[2];
  gint64 deadline;

  if (team->server == NULL)
    return;

  again = connect_as (team->server, team->dbname, "t_anna");
  watcher = connect_as (team->server, team->dbname, NULL);
  senders[0] = team->anna;
  senders[1] = again;

  run (team->admin, "BEGIN");
  run (team->admin, "SELECT 1 FROM wayfinder.documents WHERE id = '" DOC "' FOR UPDATE");
  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    g_assert_cmpint (PQsendQueryParams (senders[i],
                                        "SELECT seq, ops FROM wayfinder.push ($1, $2, $3, $4, $5, $6::json)",
                                        G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0), ==, 1);

  /* Both wait for the lock (bounded: ten seconds). */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autofree char *waiting = value (watcher, "SELECT count (*) FROM pg_stat_activity "
                                        "WHERE datname = current_database () AND wait_event_type = 'Lock'");

      if (g_strcmp0 (waiting, "2") == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (G_USEC_PER_SEC / 50);
    }
  run (team->admin, "COMMIT");

  first = PQgetResult (senders[0]);
  second = PQgetResult (senders[1]);
  g_assert_cmpint (PQresultStatus (first), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQresultStatus (second), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (first, 0, 0), ==, "2");
  g_assert_cmpstr (PQgetvalue (second, 0, 0), ==, "2");
  g_assert_cmpstr (PQgetvalue (first, 0, 1), ==, PQgetvalue (second, 0, 1));
  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    g_assert_null (PQgetResult (senders[i]));

  assert_value (team->cleo, "SELECT count (*) || ' ' || max (seq) FROM wayfinder.changes", "2 2");
  assert_value (team->cleo, "SELECT seq FROM wayfinder.documents", "2");
}

static void
test_push_too_old (Team          *team,
                   gconstpointer  data)
{
  const char *params[] = { DOC, ANNA, "1", "0", "Step", "{\"v\": 0, \"seen\": 1, \"ops\": []}" };
  g_autoptr(PGresult) old = NULL;
  g_autoptr(PGresult) raised = NULL;
  g_autofree char *raise = NULL;

  if (team->server == NULL)
    return;

  old = PQexecParams (team->anna, "SELECT * FROM wayfinder.push ($1, $2, $3, $4, $5, $6::json)",
                      G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
  assert_error (old, "WF001", NULL);

  /* A newer Wayfinder raised 'compatible' past this one. */
  raise = g_strdup_printf ("UPDATE wayfinder.meta SET value = '%d' WHERE key = 'compatible'",
                           WF_TEAM_RECORD_VERSION + 1);
  run (team->admin, raise);
  raised = call_push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": []}");
  assert_error (raised, "WF001", NULL);
  assert_value (team->cleo, "SELECT count (*) || ' ' || max (seq) FROM wayfinder.changes", "1 1");
}

static void
test_push_removed_document (Team          *team,
                            gconstpointer  data)
{
  const char *params[] = { "d0c00000-0000-4000-8000-0000000000ff", ANNA, "1", "1", "Step",
                           "{\"v\": 1, \"seen\": 1, \"ops\": []}" };
  g_autoptr(PGresult) unknown = NULL;
  g_autoptr(PGresult) removed = NULL;
  g_autoptr(PGresult) again = NULL;

  if (team->server == NULL)
    return;

  unknown = PQexecParams (team->anna, "SELECT * FROM wayfinder.push ($1, $2, $3, $4, $5, $6::json)",
                          G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
  assert_error (unknown, "WF002", NULL);

  run (team->anna, "SELECT wayfinder.remove_document ('" DOC "')");
  assert_value (team->cleo, "SELECT removed FROM wayfinder.documents", "t");
  removed = call_push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": []}");
  assert_error (removed, "WF002", NULL);
  again = PQexec (team->anna, "SELECT wayfinder.remove_document ('" DOC "')");
  assert_error (again, "WF002", NULL);
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.changes", "1");
}

/* A malformed op is refused whole, with its index. */
static void
test_push_malformed (Team          *team,
                     gconstpointer  data)
{
  static const struct {
    const char *record;
    const char *message;
  } cases[] = {
    { "{\"v\": 1, \"seen\": 1, \"ops\": ["
      "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"A\", \"base\": 1},"
      "{\"op\": \"move\", \"id\": \"c1\", \"phase\": \"p2\", \"lane\": \"l1\", \"pos\": \"V0\", \"base\": 1}]}",
      "Op 1: position key \"V0\"" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"add\", \"id\": \"c9\", \"type\": \"card\", \"parent\": \"m\","
      " \"pos\": \"a-b\", \"value\": {\"phase\": \"p1\", \"lane\": \"l1\"}}]}",
      "Op 0: position key \"a-b\"" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"paint\", \"id\": \"c1\"}]}", "Op 0: unknown op \"paint\"" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"A\"}]}",
      "Op 0: no \"base\"" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"c1\", \"member\": \"lane\", \"value\": \"l2\", \"base\": 1}]}",
      "Op 0: a card's \"lane\" changes with a move" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"remove\", \"id\": \"\", \"base\": 1}]}",
      "Op 0: a remove of the document" },
    { "{\"v\": 1, \"ops\": []}", "no \"seen\"" },
    /* What the client keeps out of a value: set, the document could not
     * be read again. */
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"\", \"member\": \"created\", \"value\": \"x\", \"base\": 1}]}",
      "Op 0: member \"created\" cannot be set" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"\", \"member\": \"format\", \"value\": \"x\", \"base\": 1}]}",
      "Op 0: member \"format\" cannot be set" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"\", \"member\": \"version\", \"value\": 2, \"base\": 1}]}",
      "Op 0: member \"version\" cannot be set" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"\", \"member\": \"modified\", \"value\": \"x\", \"base\": 1}]}",
      "Op 0: member \"modified\" cannot be set" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"\", \"member\": \"personas\", \"value\": [], \"base\": 1}]}",
      "Op 0: member \"personas\" cannot be set" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"\", \"member\": \"maps\", \"value\": [], \"base\": 1}]}",
      "Op 0: member \"maps\" cannot be set" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"m\", \"member\": \"phases\", \"value\": [], \"base\": 1}]}",
      "Op 0: member \"phases\" of a map cannot be set" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"m\", \"member\": \"lanes\", \"value\": [], \"base\": 1}]}",
      "Op 0: member \"lanes\" of a map cannot be set" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"m\", \"member\": \"cards\", \"value\": [], \"base\": 1}]}",
      "Op 0: member \"cards\" of a map cannot be set" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"set\", \"id\": \"m\", \"member\": \"links\", \"value\": [], \"base\": 1}]}",
      "Op 0: member \"links\" of a map cannot be set" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"add\", \"id\": \"c9\", \"type\": \"card\", \"parent\": \"m\","
      " \"pos\": \"X\", \"value\": {\"id\": \"c9\", \"phase\": \"p1\", \"lane\": \"l1\"}}]}",
      "Op 0: a card's value cannot hold \"id\"" },
    { "{\"v\": 1, \"seen\": 1, \"ops\": [{\"op\": \"add\", \"id\": \"m2\", \"type\": \"map\", \"parent\": null,"
      " \"pos\": \"X\", \"value\": {\"title\": \"Two\", \"cards\": []}}]}",
      "Op 0: a map's value cannot hold \"cards\"" },
  };

  if (team->server == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *client_seq = g_strdup_printf ("%u", i + 1);
      g_autoptr(PGresult) refused = call_push (team->anna, ANNA, client_seq, cases[i].record);

      assert_error (refused, "WF004", cases[i].message);
    }

  assert_value (team->cleo, "SELECT seq FROM wayfinder.documents", "1");
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.changes", "1");
  assert_value (team->cleo, "SELECT value->>'title' FROM wayfinder.items WHERE id = 'c1'", "Ad");
}

/* Two set one member from the same version: the first stays, the
 * second is kept aside. */
static void
test_conflict_same_member (Team          *team,
                           gconstpointer  data)
{
  g_autoptr(PGresult) second = NULL;
  g_autofree char *ops = NULL;

  if (team->server == NULL)
    return;

  ops = push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
              "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Anna's\", \"base\": 1}]}");
  g_assert_cmpstr (ops, ==, "set c1 applied");
  second = call_push (team->bram, BRAM, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
                      "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Bram's\", \"base\": 1}]}");
  g_assert_cmpint (PQresultStatus (second), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (second, 0, 0), ==, "3");
  g_assert_cmpstr (PQgetvalue (second, 0, 1), ==,
                   "[{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Bram's\", \"base\": 1, "
                   "\"outcome\": \"conflict\", \"taken\": {\"seq\" : 2, \"value\" : \"Anna's\"}}]");

  assert_value (team->cleo, "SELECT value->>'title' || ' ' || (versions->>'title') "
                "FROM wayfinder.items WHERE id = 'c1'", "Anna's 2");
  assert_value (team->cleo, "SELECT seq || ' ' || item || ' ' || member || ' ' || value || ' ' "
                "|| coalesce (resolved::text, 'open') FROM wayfinder.conflicts", "3 c1 title \"Bram's\" open");

  /* Anna again, from the version she had: her own change is no conflict. */
  g_free (ops);
  ops = push (team->anna, ANNA, "2", "{\"v\": 1, \"seen\": 2, \"ops\": ["
              "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Anna's 2\", \"base\": 1}]}");
  g_assert_cmpstr (ops, ==, "set c1 applied");
  /* Bram, having seen it: neither. */
  g_free (ops);
  ops = push (team->bram, BRAM, "2", "{\"v\": 1, \"seen\": 4, \"ops\": ["
              "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Bram's 2\", \"base\": 4}]}");
  g_assert_cmpstr (ops, ==, "set c1 applied");
  assert_value (team->cleo, "SELECT value->>'title' FROM wayfinder.items WHERE id = 'c1'", "Bram's 2");
}

static void
test_different_members (Team          *team,
                        gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (team->server == NULL)
    return;

  first = push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
                "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Ad\", \"base\": 1}]}");
  second = push (team->bram, BRAM, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
                 "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"color\", \"value\": \"#e01b24\", \"base\": 0},"
                 "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"notes\", \"value\": \"Bram's\", \"base\": 1}]}");
  g_assert_cmpstr (first, ==, "set c1 applied");
  g_assert_cmpstr (second, ==, "set c1 applied; set c1 applied");
  assert_value (team->cleo, "SELECT value->>'title' || ' ' || (value->>'color') || ' ' || (value->>'notes') "
                "FROM wayfinder.items WHERE id = 'c1'", "Ad #e01b24 Bram's");
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.conflicts", "0");
}

static void
test_move (Team          *team,
           gconstpointer  data)
{
  g_autofree char *ops = NULL;
  g_autofree char *conflict = NULL;
  g_autofree char *gone = NULL;

  if (team->server == NULL)
    return;

  ops = push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
              "{\"op\": \"move\", \"id\": \"c1\", \"phase\": \"p2\", \"lane\": \"l2\", \"pos\": \"U\", \"base\": 1},"
              "{\"op\": \"move\", \"id\": \"p2\", \"pos\": \"U\", \"base\": 1}]}");
  g_assert_cmpstr (ops, ==, "move c1 applied; move p2 applied");
  assert_value (team->cleo, "SELECT pos || ' ' || (value->>'phase') || ' ' || (value->>'lane') || ' ' "
                "|| (versions->>'@place') || ' ' || (versions->>'phase') FROM wayfinder.items WHERE id = 'c1'",
                "U p2 l2 2 1");

  /* Bram moved it elsewhere from where he saw it: Anna's place stays. */
  conflict = push (team->bram, BRAM, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
                   "{\"op\": \"move\", \"id\": \"c1\", \"phase\": \"p1\", \"lane\": \"l2\", \"pos\": \"z\", \"base\": 1}]}");
  g_assert_cmpstr (conflict, ==, "move c1 conflict");
  assert_value (team->cleo, "SELECT ops->0->'taken' FROM wayfinder.changes WHERE seq = 3",
                "{\"seq\" : 2, \"value\" : {\"pos\" : \"U\", \"phase\" : \"p2\", \"lane\" : \"l2\"}}");
  assert_value (team->cleo, "SELECT member || ' ' || value FROM wayfinder.conflicts",
                "@place {\"pos\" : \"z\", \"phase\" : \"p1\", \"lane\" : \"l2\"}");
  assert_value (team->cleo, "SELECT pos || ' ' || (value->>'phase') FROM wayfinder.items WHERE id = 'c1'", "U p2");

  /* Into a lane that is no more. */
  g_free (ops);
  ops = push (team->anna, ANNA, "2", "{\"v\": 1, \"seen\": 3, \"ops\": ["
              "{\"op\": \"remove\", \"id\": \"l1\", \"base\": 1}]}");
  gone = push (team->bram, BRAM, "2", "{\"v\": 1, \"seen\": 3, \"ops\": ["
               "{\"op\": \"move\", \"id\": \"c3\", \"phase\": \"p1\", \"lane\": \"l1\", \"pos\": \"V\", \"base\": 1}]}");
  g_assert_cmpstr (gone, ==, "move c3 gone");
  assert_value (team->cleo, "SELECT value->>'lane' FROM wayfinder.items WHERE id = 'c3'", "l2");
  /* Bram has it in that lane: he learns where it stayed. */
  assert_value (team->cleo, "SELECT ops->0->'taken'->'value'->>'lane' FROM wayfinder.changes WHERE seq = 5", "l2");
}

static void
test_add (Team          *team,
          gconstpointer  data)
{
  g_autofree char *ops = NULL;
  g_autofree char *gone = NULL;

  if (team->server == NULL)
    return;

  ops = push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
              "{\"op\": \"add\", \"id\": \"card4-k1\", \"type\": \"card\", \"parent\": \"m\", \"pos\": \"X\","
              " \"value\": {\"phase\": \"p2\", \"lane\": \"l1\", \"title\": \"New\", \"x-extra\": 1}},"
              "{\"op\": \"add\", \"id\": \"link3-k1\", \"type\": \"link\", \"parent\": \"m\", \"pos\": \"X\","
              " \"value\": {\"from\": \"c1\", \"to\": \"card4-k1\", \"label\": \"\"}}]}");
  g_assert_cmpstr (ops, ==, "add card4-k1 applied; add link3-k1 applied");
  assert_value (team->cleo, "SELECT type || ' ' || parent || ' ' || pos || ' ' || (value->>'x-extra') || ' ' "
                "|| (versions->>'title') || ' ' || (versions->>'@place') "
                "FROM wayfinder.items WHERE id = 'card4-k1'", "card m X 1 2 2");

  /* Into a phase Anna removed meanwhile: kept aside whole. */
  g_free (ops);
  ops = push (team->anna, ANNA, "2", "{\"v\": 1, \"seen\": 2, \"ops\": ["
              "{\"op\": \"remove\", \"id\": \"p1\", \"base\": 1}]}");
  gone = push (team->bram, BRAM, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
               "{\"op\": \"add\", \"id\": \"card4-k2\", \"type\": \"card\", \"parent\": \"m\", \"pos\": \"X\","
               " \"value\": {\"phase\": \"p1\", \"lane\": \"l1\", \"title\": \"Late\"}}]}");
  g_assert_cmpstr (gone, ==, "add card4-k2 gone");
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.items WHERE id = 'card4-k2'", "0");
  assert_value (team->cleo, "SELECT member || ' ' || (value->>'type') || ' ' || (value->'value'->>'title') "
                "FROM wayfinder.conflicts WHERE item = 'card4-k2'", "@item card Late");
}

/* Values are kept as sent (json, not jsonb): a card's metrics, whose
 * order is the order of its figures, and its unknown members keep their
 * order, numbers their text, in the item, in the log and in a conflict;
 * a member set changes in its place, a new one comes last. */
static void
test_value_order (Team          *team,
                  gconstpointer  data)
{
  g_autofree char *ops = NULL;
  g_autoptr(PGresult) conflict = NULL;

  if (team->server == NULL)
    return;

  ops = push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
              "{\"op\": \"add\", \"id\": \"card4-k1\", \"type\": \"card\", \"parent\": \"m\", \"pos\": \"X\","
              " \"value\": {\"phase\": \"p1\", \"lane\": \"l1\", \"title\": \"Rate\","
              " \"x-zeta\": {\"b\": 1, \"a\": [2.50, 1e-07]}, \"metrics\": {}, \"notes\": \"\"}}]}");
  g_assert_cmpstr (ops, ==, "add card4-k1 applied");

  g_free (ops);
  ops = push (team->anna, ANNA, "2", "{\"v\": 1, \"seen\": 2, \"ops\": ["
              "{\"op\": \"set\", \"id\": \"card4-k1\", \"member\": \"metrics\","
              " \"value\": {\"visits\": 12840, \"NPS\": -12, \"big\": 1.5e+300}, \"base\": 2},"
              "{\"op\": \"set\", \"id\": \"card4-k1\", \"member\": \"x-new\", \"value\": {\"z\": 1, \"a\": 2}, \"base\": 0}]}");
  g_assert_cmpstr (ops, ==, "set card4-k1 applied; set card4-k1 applied");

  assert_value (team->cleo, "SELECT value::text FROM wayfinder.items WHERE id = 'card4-k1'",
                "{\"phase\": \"p1\", \"lane\": \"l1\", \"title\": \"Rate\", \"x-zeta\": {\"b\": 1, \"a\": [2.50, 1e-07]}, "
                "\"metrics\": {\"visits\": 12840, \"NPS\": -12, \"big\": 1.5e+300}, \"notes\": \"\", "
                "\"x-new\": {\"z\": 1, \"a\": 2}}");
  assert_value (team->cleo, "SELECT (ops->0)::text FROM wayfinder.changes WHERE seq = 3",
                "{\"op\": \"set\", \"id\": \"card4-k1\", \"member\": \"metrics\", "
                "\"value\": {\"visits\": 12840, \"NPS\": -12, \"big\": 1.5e+300}, \"base\": 2, \"outcome\": \"applied\"}");
  assert_value (team->cleo, "SELECT (ops->0->'value'->'x-zeta')::text FROM wayfinder.changes WHERE seq = 2",
                "{\"b\": 1, \"a\": [2.50, 1e-07]}");

  /* Bram set the figures from what he had: his are kept aside, in their
   * order, and the answer names Anna's, in theirs. */
  conflict = call_push (team->bram, BRAM, "1", "{\"v\": 1, \"seen\": 2, \"ops\": ["
                        "{\"op\": \"set\", \"id\": \"card4-k1\", \"member\": \"metrics\","
                        " \"value\": {\"visits\": 99, \"CES\": 2.0}, \"base\": 2}]}");
  g_assert_cmpint (PQresultStatus (conflict), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (conflict, 0, 1), ==,
                   "[{\"op\": \"set\", \"id\": \"card4-k1\", \"member\": \"metrics\", "
                   "\"value\": {\"visits\": 99, \"CES\": 2.0}, \"base\": 2, \"outcome\": \"conflict\", "
                   "\"taken\": {\"seq\" : 3, \"value\" : {\"visits\": 12840, \"NPS\": -12, \"big\": 1.5e+300}}}]");
  assert_value (team->cleo, "SELECT value::text FROM wayfinder.conflicts WHERE item = 'card4-k1'",
                "{\"visits\": 99, \"CES\": 2.0}");
  assert_value (team->cleo, "SELECT value->>'metrics' FROM wayfinder.items WHERE id = 'card4-k1'",
                "{\"visits\": 12840, \"NPS\": -12, \"big\": 1.5e+300}");
}

/* A removal takes its dependents along, they come first. */
static void
test_remove_cascade (Team          *team,
                     gconstpointer  data)
{
  g_autofree char *lane = NULL;
  g_autofree char *map = NULL;

  if (team->server == NULL)
    return;

  lane = push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
               "{\"op\": \"remove\", \"id\": \"l1\", \"base\": 1}]}");
  g_assert_cmpstr (lane, ==,
                   "remove k1 cascade; remove k2 cascade; remove c1 cascade; remove c2 cascade; "
                   "remove l1 applied");
  assert_value (team->cleo, "SELECT string_agg (id || '=' || coalesce (removed::text, '-'), ' ' ORDER BY id) "
                "FROM wayfinder.items WHERE type IN ('card', 'link', 'lane')",
                "c1=2 c2=2 c3=- k1=2 k2=2 l1=2 l2=-");
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.conflicts", "0");

  /* A persona takes its lanes, and their cards; removing a removed item
   * does no harm. */
  g_free (lane);
  lane = push (team->anna, ANNA, "2", "{\"v\": 1, \"seen\": 2, \"ops\": ["
               "{\"op\": \"remove\", \"id\": \"u\", \"base\": 1},"
               "{\"op\": \"remove\", \"id\": \"c2\", \"base\": 1}]}");
  g_assert_cmpstr (lane, ==, "remove c3 cascade; remove l2 cascade; remove u applied; remove c2 applied");

  map = push (team->anna, ANNA, "3", "{\"v\": 1, \"seen\": 3, \"ops\": ["
              "{\"op\": \"remove\", \"id\": \"m\", \"base\": 1}]}");
  g_assert_cmpstr (map, ==, "remove p1 cascade; remove p2 cascade; remove m applied");
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.items WHERE removed IS NULL", "1");
}

/* A removal wins over an edit made after what the remover had seen; the
 * edited item's last state is kept. */
static void
test_remove_against_edit (Team          *team,
                          gconstpointer  data)
{
  g_autofree char *edit = NULL;
  g_autofree char *removal = NULL;

  if (team->server == NULL)
    return;

  edit = push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
               "{\"op\": \"set\", \"id\": \"c2\", \"member\": \"title\", \"value\": \"Plan page\", \"base\": 1}]}");
  removal = push (team->bram, BRAM, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
                  "{\"op\": \"remove\", \"id\": \"l1\", \"base\": 1}]}");
  g_assert_cmpstr (removal, ==,
                   "remove k1 cascade; remove k2 cascade; remove c1 cascade; remove c2 cascade; "
                   "remove l1 applied");
  assert_value (team->cleo, "SELECT ops->3 FROM wayfinder.changes WHERE seq = 3",
                "{\"op\" : \"remove\", \"id\" : \"c2\", \"outcome\" : \"cascade\", \"edited\" : 2}");
  assert_value (team->cleo, "SELECT string_agg (item || ' ' || member || ' ' || seq || ' ' || "
                "(value->'value'->>'title'), ', ') FROM wayfinder.conflicts",
                "c2 @item 3 Plan page");
  assert_value (team->cleo, "SELECT removed FROM wayfinder.items WHERE id = 'c2'", "3");

  /* The remover's own edit before it is no conflict. */
  g_free (edit);
  edit = push (team->bram, BRAM, "2", "{\"v\": 1, \"seen\": 3, \"ops\": ["
               "{\"op\": \"set\", \"id\": \"c3\", \"member\": \"title\", \"value\": \"Checkout\", \"base\": 1},"
               "{\"op\": \"remove\", \"id\": \"c3\", \"base\": 1}]}");
  g_assert_cmpstr (edit, ==, "set c3 applied; remove c3 applied");
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.conflicts", "1");
}

static void
test_edit_removed (Team          *team,
                   gconstpointer  data)
{
  g_autofree char *removal = NULL;
  g_autofree char *edit = NULL;

  if (team->server == NULL)
    return;

  removal = push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
                  "{\"op\": \"remove\", \"id\": \"c2\", \"base\": 1}]}");
  g_assert_cmpstr (removal, ==, "remove k1 cascade; remove k2 cascade; remove c2 applied");
  edit = push (team->bram, BRAM, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
               "{\"op\": \"set\", \"id\": \"c2\", \"member\": \"title\", \"value\": \"Too late\", \"base\": 1},"
               "{\"op\": \"set\", \"id\": \"l1\", \"member\": \"persona\", \"value\": \"nobody\", \"base\": 1},"
               "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Still here\", \"base\": 1}]}");
  g_assert_cmpstr (edit, ==, "set c2 gone; set l1 gone; set c1 applied");
  assert_value (team->cleo, "SELECT value->>'title' || ' ' || removed FROM wayfinder.items WHERE id = 'c2'",
                "Search 2");
  assert_value (team->cleo, "SELECT string_agg (item || ' ' || member || ' ' || value, ', ' ORDER BY item) "
                "FROM wayfinder.conflicts", "c2 title \"Too late\", l1 persona \"nobody\"");
}

static void
test_resolve (Team          *team,
              gconstpointer  data)
{
  g_autofree char *ops = NULL;

  if (team->server == NULL)
    return;

  g_free (push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
                "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"A\", \"base\": 1}]}"));
  g_free (push (team->bram, BRAM, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
                "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"B\", \"base\": 1}]}"));
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.conflicts WHERE resolved IS NULL", "1");

  /* Bram takes his value after all, and closes the conflict. */
  ops = push (team->bram, BRAM, "2", "{\"v\": 1, \"seen\": 3, \"ops\": ["
              "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"B\", \"base\": 2},"
              "{\"op\": \"resolve\", \"id\": \"c1\", \"member\": \"title\", \"conflict\": 3},"
              "{\"op\": \"resolve\", \"id\": \"c1\", \"member\": \"notes\", \"conflict\": 3}]}");
  g_assert_cmpstr (ops, ==, "set c1 applied; resolve c1 applied; resolve c1 gone");
  assert_value (team->cleo, "SELECT resolved FROM wayfinder.conflicts", "4");
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.conflicts WHERE resolved IS NULL", "0");
  assert_value (team->cleo, "SELECT value->>'title' FROM wayfinder.items WHERE id = 'c1'", "B");
}

/* A restore brings back the card and the lane it needs, logged as adds. */
static void
test_restore (Team          *team,
              gconstpointer  data)
{
  g_autofree char *ops = NULL;

  if (team->server == NULL)
    return;

  g_free (push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
                "{\"op\": \"remove\", \"id\": \"l2\", \"base\": 1}]}"));
  g_free (push (team->anna, ANNA, "2", "{\"v\": 1, \"seen\": 2, \"ops\": ["
                "{\"op\": \"remove\", \"id\": \"u\", \"base\": 1}]}"));
  assert_value (team->cleo, "SELECT string_agg (id, ' ' ORDER BY id) FROM wayfinder.items "
                "WHERE removed IS NOT NULL", "c3 k2 l2 u");

  ops = push (team->bram, BRAM, "1", "{\"v\": 1, \"seen\": 3, \"ops\": ["
              "{\"op\": \"restore\", \"id\": \"c3\"},"
              "{\"op\": \"restore\", \"id\": \"nothing\"}]}");
  g_assert_cmpstr (ops, ==, "add u applied; add l2 applied; add c3 applied; restore nothing gone");
  assert_value (team->cleo, "SELECT ops->1 FROM wayfinder.changes WHERE seq = 4",
                "{\"op\" : \"add\", \"id\" : \"l2\", \"type\" : \"lane\", \"parent\" : \"m\", \"pos\" : \"W\", "
                "\"value\" : {\"kind\": \"emotions\", \"title\": \"Feelings\", \"persona\": \"u\"}, "
                "\"outcome\" : \"applied\"}");
  assert_value (team->cleo, "SELECT string_agg (id, ' ' ORDER BY id) FROM wayfinder.items "
                "WHERE removed IS NOT NULL", "k2");
  assert_value (team->cleo, "SELECT versions->>'title' FROM wayfinder.items WHERE id = 'c3'", "4");
}

/* A viewer may read and register, not push; nobody writes the tables. */
static void
test_rights (Team          *team,
             gconstpointer  data)
{
  g_autoptr(PGresult) viewer = NULL;
  g_autoptr(PGresult) update = NULL;
  g_autoptr(PGresult) insert = NULL;
  g_autoptr(PGresult) helper = NULL;

  if (team->server == NULL)
    return;

  viewer = call_push (team->cleo, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
                      "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Cleo's\", \"base\": 1}]}");
  assert_error (viewer, "42501", "permission denied for function push");
  assert_value (team->cleo, "SELECT count (*) FROM wayfinder.changes", "1");
  assert_value (team->cleo, "SELECT value->>'title' FROM wayfinder.items WHERE id = 'c1'", "Ad");

  update = PQexec (team->anna, "UPDATE wayfinder.items SET value = '{}' WHERE id = 'c1'");
  assert_error (update, "42501", "permission denied for table items");
  insert = PQexec (team->anna, "INSERT INTO wayfinder.meta VALUES ('x', 'y')");
  assert_error (insert, "42501", NULL);
  helper = PQexec (team->anna, "SELECT wayfinder.versions_at ('{}', 1)");
  assert_error (helper, "42501", NULL);
  assert_value (team->cleo, "SELECT value->>'title' FROM wayfinder.items WHERE id = 'c1'", "Ad");
}

static void
test_notify (Team          *team,
             gconstpointer  data)
{
  PGnotify *notify;
  g_autofree char *ops = NULL;

  if (team->server == NULL)
    return;

  run (team->cleo, "LISTEN wayfinder");
  ops = push (team->anna, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": []}");
  g_assert_cmpstr (ops, ==, NULL);

  /* Waited for on the socket, never slept for. */
  while ((notify = PQnotifies (team->cleo)) == NULL)
    {
      GPollFD fd = { PQsocket (team->cleo), G_IO_IN, 0 };

      g_assert_cmpint (g_poll (&fd, 1, 10 * 1000), ==, 1);
      g_assert_cmpint (PQconsumeInput (team->cleo), ==, 1);
    }
  g_assert_nonnull (notify);
  g_assert_cmpstr (notify->relname, ==, "wayfinder");
  g_assert_cmpstr (notify->extra, ==, DOC " 2");
  PQfreemem (notify);
}

/* The SQL of help/C/team-server.page and docs/team-library.md ("Roles
 * and grants"): with CONNECT granted to the two groups only, an editor
 * taken out of the editors alone can no longer connect at all; moved to
 * the viewers (GRANT first), she connects and reads, and may not push. */
static void
test_roles_as_documented (Team          *team,
                          gconstpointer  data)
{
  g_autofree char *database = NULL;
  g_autofree char *dana = NULL;
  g_autoptr(PGresult) pushed = NULL;
  PGconn *conn;

  if (team->server == NULL)
    return;

  database = g_strdup_printf ("REVOKE ALL ON DATABASE %s FROM PUBLIC;"
                              " GRANT CONNECT ON DATABASE %s TO wayfinder_editor, wayfinder_viewer",
                              team->dbname, team->dbname);
  run (team->admin, database);
  run (team->admin, "CREATE ROLE t_dana LOGIN IN ROLE wayfinder_editor");
  dana = wf_test_postgres_conninfo (team->server, team->dbname, "t_dana");

  conn = connect_to (dana);
  assert_value (conn, "SELECT has_function_privilege ('wayfinder.push(uuid,uuid,bigint,int,text,json)', 'EXECUTE')", "t");
  PQfinish (conn);

  /* REVOKE alone: no CONNECT left. */
  run (team->admin, "REVOKE wayfinder_editor FROM t_dana");
  conn = PQconnectdb (dana);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_BAD);
  g_assert_nonnull (strstr (PQerrorMessage (conn), "permission denied for database"));
  PQfinish (conn);

  /* As documented: a viewer now. */
  run (team->admin, "GRANT wayfinder_editor TO t_dana");
  run (team->admin, "GRANT wayfinder_viewer TO t_dana; REVOKE wayfinder_editor FROM t_dana");
  conn = connect_to (dana);
  assert_value (conn, "SELECT value->>'title' FROM wayfinder.items WHERE id = 'c1'", "Ad");
  assert_value (conn, "SELECT has_function_privilege ('wayfinder.push(uuid,uuid,bigint,int,text,json)', 'EXECUTE')", "f");
  pushed = call_push (conn, ANNA, "1", "{\"v\": 1, \"seen\": 1, \"ops\": ["
                      "{\"op\": \"set\", \"id\": \"c1\", \"member\": \"title\", \"value\": \"Dana's\", \"base\": 1}]}");
  assert_error (pushed, "42501", "permission denied for function push");
  PQfinish (conn);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/team/server/" path, Team, data, team_setup, func, team_teardown)

  ADD ("install", test_install, "empty");
  ADD ("version-query", test_version_query, NULL);
  ADD ("register", test_register, NULL);
  ADD ("share", test_share, NULL);
  ADD ("share-large", test_share_large, NULL);
  ADD ("push-set", test_push_set, NULL);
  ADD ("push-twice", test_push_twice, NULL);
  ADD ("push-twice-at-once", test_push_twice_at_once, NULL);
  ADD ("push-too-old", test_push_too_old, NULL);
  ADD ("push-removed-document", test_push_removed_document, NULL);
  ADD ("push-malformed", test_push_malformed, NULL);
  ADD ("conflict-same-member", test_conflict_same_member, NULL);
  ADD ("different-members", test_different_members, NULL);
  ADD ("move", test_move, NULL);
  ADD ("add", test_add, NULL);
  ADD ("value-order", test_value_order, NULL);
  ADD ("remove-cascade", test_remove_cascade, NULL);
  ADD ("remove-against-edit", test_remove_against_edit, NULL);
  ADD ("edit-removed", test_edit_removed, NULL);
  ADD ("resolve", test_resolve, NULL);
  ADD ("restore", test_restore, NULL);
  ADD ("rights", test_rights, NULL);
  ADD ("roles-as-documented", test_roles_as_documented, NULL);
  ADD ("notify", test_notify, NULL);

#undef ADD

  status = g_test_run ();
  wf_test_postgres_stop_shared ();

  return status;
}
