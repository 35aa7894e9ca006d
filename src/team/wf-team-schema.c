/* wf-team-schema.c — the team server's schema: its SQL, step by step
 *
 * A team is one PostgreSQL database with the schema `wayfinder` in it
 * (docs/team-library.md, "The server: schema wayfinder"). Its tables
 * hold the documents' present state (items), the log of the changes that
 * made it (changes) and the conflicts the server decided; four functions,
 * SECURITY DEFINER, are the only way to write them: register(), share(),
 * push() and remove_document(). `team init` runs the steps from the
 * server's version to WF_TEAM_SCHEMA_VERSION in one transaction, after
 * pg_advisory_xact_lock (WF_TEAM_LOCK_KEY), then the grants.
 *
 * A step is never changed once shipped, as the library's migrations[]
 * are not: a server made by one Wayfinder is upgraded by the next.
 *
 * Errors the functions raise, besides PostgreSQL's own (SQLSTATE):
 *   WF001  the client's record version is below meta 'compatible'
 *   WF002  no such document, or it was removed
 *   WF003  a client_seq sent again with another record
 *   WF004  a malformed record, op or item; the message names its index
 *   WF005  the client never registered
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-team-schema.h"

/* Nothing → version 1. */
static const char step_1[] =
  "CREATE SCHEMA wayfinder;\n"
  "REVOKE ALL ON SCHEMA wayfinder FROM PUBLIC;\n"
  "\n"
  "CREATE TABLE wayfinder.meta (\n"
  "  key   text PRIMARY KEY,\n"
  "  value text NOT NULL\n"
  ");\n"
  "\n"
  "CREATE SEQUENCE wayfinder.client_tags;\n"
  "\n"
  "CREATE TABLE wayfinder.clients (\n"
  "  id   uuid PRIMARY KEY,\n"
  "  tag  text NOT NULL UNIQUE,\n"
  "  role text NOT NULL DEFAULT session_user,\n"
  "  seen timestamptz NOT NULL DEFAULT now()\n"
  ");\n"
  "\n"
  "CREATE TABLE wayfinder.documents (\n"
  "  id         uuid PRIMARY KEY,\n"
  "  title      text NOT NULL DEFAULT '',\n"
  "  seq        bigint NOT NULL DEFAULT 0,\n"
  "  horizon    bigint NOT NULL DEFAULT 1,\n"
  "  created    timestamptz NOT NULL DEFAULT now(),\n"
  "  created_by text NOT NULL DEFAULT session_user,\n"
  "  changed    timestamptz NOT NULL DEFAULT now(),\n"
  "  changed_by text NOT NULL DEFAULT session_user,\n"
  "  removed    boolean NOT NULL DEFAULT false\n"
  ");\n"
  "\n"
  "CREATE TABLE wayfinder.items (\n"
  "  doc      uuid NOT NULL REFERENCES wayfinder.documents ON DELETE CASCADE,\n"
  "  id       text NOT NULL,\n"
  "  type     text NOT NULL CHECK (type IN ('document', 'persona', 'map', 'phase', 'lane', 'card', 'link')),\n"
  "  parent   text,\n"
  "  pos      text COLLATE \"C\",\n"
  "  value    jsonb NOT NULL,\n"
  "  versions jsonb NOT NULL,\n"
  "  removed  bigint,\n"
  "  PRIMARY KEY (doc, id)\n"
  ");\n"
  "-- What a removal takes along: the live items of one type in one map.\n"
  "CREATE INDEX items_children ON wayfinder.items (doc, type, parent) WHERE removed IS NULL;\n"
  "\n"
  "CREATE TABLE wayfinder.changes (\n"
  "  doc        uuid NOT NULL REFERENCES wayfinder.documents ON DELETE CASCADE,\n"
  "  seq        bigint NOT NULL,\n"
  "  client     uuid NOT NULL REFERENCES wayfinder.clients,\n"
  "  client_seq bigint NOT NULL,\n"
  "  author     text NOT NULL DEFAULT session_user,\n"
  "  at         timestamptz NOT NULL DEFAULT now(),\n"
  "  label      text NOT NULL DEFAULT '',\n"
  "  ops        jsonb NOT NULL,\n"
  "  digest     text NOT NULL,\n"
  "  PRIMARY KEY (doc, seq),\n"
  "  UNIQUE (doc, client, client_seq)\n"
  ");\n"
  "\n"
  "CREATE TABLE wayfinder.conflicts (\n"
  "  doc      uuid NOT NULL,\n"
  "  seq      bigint NOT NULL,\n"
  "  item     text NOT NULL,\n"
  "  member   text NOT NULL,\n"
  "  value    jsonb,\n"
  "  resolved bigint,\n"
  "  PRIMARY KEY (doc, seq, item, member),\n"
  "  FOREIGN KEY (doc, seq) REFERENCES wayfinder.changes ON DELETE CASCADE\n"
  "    DEFERRABLE INITIALLY DEFERRED\n"
  ");\n"
  "CREATE INDEX conflicts_open ON wayfinder.conflicts (doc) WHERE resolved IS NULL;\n"
  "\n"
  "INSERT INTO wayfinder.meta (key, value) VALUES\n"
  "  ('schema', '1'),\n"
  "  ('compatible', '1'),\n"
  "  ('team', gen_random_uuid ()::text);\n"
  "\n"
  "-- Every member of @value, and the item's place, at version @seq.\n"
  "CREATE FUNCTION wayfinder.versions_at (value jsonb, seq bigint) RETURNS jsonb\n"
  "  LANGUAGE sql IMMUTABLE\n"
  "  AS $$\n"
  "    SELECT coalesce ((SELECT jsonb_object_agg (k, $2) FROM jsonb_object_keys ($1) AS k), '{}')\n"
  "           || jsonb_build_object ('@place', $2)\n"
  "  $$;\n"
  "\n"
  "-- Whether item @id of @doc is there, of @type, in @map (NULL: in none).\n"
  "CREATE FUNCTION wayfinder.is_live (doc uuid, id text, type text, map text) RETURNS boolean\n"
  "  LANGUAGE sql STABLE\n"
  "  AS $$\n"
  "    SELECT EXISTS (SELECT 1 FROM wayfinder.items i\n"
  "                   WHERE i.doc = $1 AND i.id = $2 AND i.type = $3 AND i.removed IS NULL\n"
  "                     AND i.parent IS NOT DISTINCT FROM $4)\n"
  "  $$;\n"
  "\n"
  "-- The highest of @versions above @after that a client other than @client\n"
  "-- set, or NULL. A version of the change being made has no row yet: it is\n"
  "-- the client's own.\n"
  "CREATE FUNCTION wayfinder.edited_after (doc uuid, client uuid, versions jsonb, after bigint)\n"
  "  RETURNS bigint\n"
  "  LANGUAGE sql STABLE\n"
  "  AS $$\n"
  "    SELECT max (x.v)\n"
  "    FROM (SELECT DISTINCT e.value::bigint AS v FROM jsonb_each_text ($3) AS e) AS x\n"
  "    WHERE x.v > $4\n"
  "      AND EXISTS (SELECT 1 FROM wayfinder.changes c\n"
  "                  WHERE c.doc = $1 AND c.seq = x.v AND c.client <> $2)\n"
  "  $$;\n"
  "\n"
  "-- An item as a removal sets it aside and a restore brings it back.\n"
  "CREATE FUNCTION wayfinder.item_state (type text, parent text, pos text, value jsonb)\n"
  "  RETURNS jsonb\n"
  "  LANGUAGE sql IMMUTABLE\n"
  "  AS $$\n"
  "    SELECT jsonb_build_object ('type', $1, 'parent', $2, 'pos', $3, 'value', $4)\n"
  "  $$;\n"
  "\n"
  "CREATE FUNCTION wayfinder.register (client uuid) RETURNS text\n"
  "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = wayfinder, pg_temp\n"
  "  AS $$\n"
  "#variable_conflict use_column\n"
  "DECLARE\n"
  "  _tag text;\n"
  "BEGIN\n"
  "  IF $1 IS NULL THEN\n"
  "    RAISE EXCEPTION USING ERRCODE = 'WF004', MESSAGE = 'No client id';\n"
  "  END IF;\n"
  "  UPDATE clients SET seen = now () WHERE id = $1 RETURNING tag INTO _tag;\n"
  "  IF NOT FOUND THEN\n"
  "    INSERT INTO clients (id, tag) VALUES ($1, 'k' || nextval ('client_tags'))\n"
  "      ON CONFLICT (id) DO UPDATE SET seen = now ()\n"
  "      RETURNING tag INTO _tag;\n"
  "  END IF;\n"
  "  RETURN _tag;\n"
  "END\n"
  "$$;\n"
  "\n"
  "-- Raises WF001 when records of @version may no longer be written, WF005\n"
  "-- when @client never registered.\n"
  "CREATE FUNCTION wayfinder.check_client (client uuid, version int) RETURNS void\n"
  "  LANGUAGE plpgsql STABLE\n"
  "  AS $$\n"
  "DECLARE\n"
  "  _compatible int := (SELECT m.value::int FROM wayfinder.meta m WHERE m.key = 'compatible');\n"
  "BEGIN\n"
  "  IF $2 IS NULL OR $2 < _compatible THEN\n"
  "    RAISE EXCEPTION USING ERRCODE = 'WF001',\n"
  "      MESSAGE = format ('Records of version %s are too old for this team, which needs version %s',\n"
  "                        coalesce ($2::text, 'NULL'), _compatible),\n"
  "      HINT = 'Update Wayfinder.';\n"
  "  END IF;\n"
  "  PERFORM FROM wayfinder.clients c WHERE c.id = $1;\n"
  "  IF NOT FOUND THEN\n"
  "    RAISE EXCEPTION USING ERRCODE = 'WF005',\n"
  "      MESSAGE = format ('Client %s is not registered with this team', $1);\n"
  "  END IF;\n"
  "END\n"
  "$$;\n"
  "\n"
  "CREATE FUNCTION wayfinder.share (doc uuid, client uuid, version int, title text, items jsonb)\n"
  "  RETURNS bigint\n"
  "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = wayfinder, pg_temp\n"
  "  AS $$\n"
  "#variable_conflict use_column\n"
  "DECLARE\n"
  "  _bad bigint;\n"
  "  _why text;\n"
  "BEGIN\n"
  "  PERFORM check_client ($2, $3);\n"
  "  IF jsonb_typeof ($5) IS DISTINCT FROM 'array' THEN\n"
  "    RAISE EXCEPTION USING ERRCODE = 'WF004', MESSAGE = 'The items are not an array';\n"
  "  END IF;\n"
  "\n"
  "  SELECT x.n - 1, x.why INTO _bad, _why\n"
  "  FROM (SELECT e.n,\n"
  "          CASE\n"
  "            WHEN jsonb_typeof (e.item) IS DISTINCT FROM 'object' THEN 'not an object'\n"
  "            WHEN jsonb_typeof (e.item->'id') IS DISTINCT FROM 'string' THEN 'no \"id\"'\n"
  "            WHEN e.item->>'type' IS NULL\n"
  "                 OR e.item->>'type' NOT IN ('document', 'persona', 'map', 'phase', 'lane', 'card', 'link')\n"
  "              THEN format ('unknown type %s', coalesce (e.item->>'type', 'null'))\n"
  "            WHEN e.item->>'type' IN ('phase', 'lane', 'card', 'link')\n"
  "                 AND jsonb_typeof (e.item->'parent') IS DISTINCT FROM 'string'\n"
  "              THEN 'no \"parent\"'\n"
  "            WHEN e.item->>'type' IN ('document', 'persona', 'map')\n"
  "                 AND coalesce (jsonb_typeof (e.item->'parent'), 'null') <> 'null'\n"
  "              THEN 'a parent it cannot have'\n"
  "            WHEN jsonb_typeof (e.item->'pos') IS DISTINCT FROM 'string' THEN 'no \"pos\"'\n"
  "            WHEN NOT (e.item->>'pos' COLLATE \"C\" ~ '^[0-9A-Za-z]*[1-9A-Za-z]$')\n"
  "              THEN format ('position key \"%s\" is not made of 0-9A-Za-z or ends in 0', e.item->>'pos')\n"
  "            WHEN jsonb_typeof (e.item->'value') IS DISTINCT FROM 'object' THEN 'no \"value\" object'\n"
  "          END AS why\n"
  "        FROM jsonb_array_elements ($5) WITH ORDINALITY AS e (item, n)) AS x\n"
  "  WHERE x.why IS NOT NULL\n"
  "  ORDER BY x.n\n"
  "  LIMIT 1;\n"
  "  IF FOUND THEN\n"
  "    RAISE EXCEPTION USING ERRCODE = 'WF004', MESSAGE = format ('Item %s: %s', _bad, _why);\n"
  "  END IF;\n"
  "\n"
  "  INSERT INTO documents (id, title, seq) VALUES ($1, coalesce ($4, ''), 1);\n"
  "  INSERT INTO items (doc, id, type, parent, pos, value, versions)\n"
  "    SELECT $1, r.id, r.type, r.parent, r.pos, r.value, versions_at (r.value, 1)\n"
  "    FROM jsonb_to_recordset ($5) AS r (id text, type text, parent text, pos text, value jsonb);\n"
  "  INSERT INTO changes (doc, seq, client, client_seq, label, ops, digest)\n"
  "    VALUES ($1, 1, $2, 0, 'Share', '[]', '');\n"
  "  PERFORM pg_notify ('wayfinder', $1 || ' 1');\n"
  "  RETURN 1;\n"
  "END\n"
  "$$;\n"
  "\n"
  "CREATE FUNCTION wayfinder.remove_document (doc uuid) RETURNS void\n"
  "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = wayfinder, pg_temp\n"
  "  AS $$\n"
  "#variable_conflict use_column\n"
  "DECLARE\n"
  "  _seq bigint;\n"
  "BEGIN\n"
  "  UPDATE documents SET removed = true, changed = now (), changed_by = session_user\n"
  "    WHERE id = $1 AND NOT removed\n"
  "    RETURNING seq INTO _seq;\n"
  "  IF NOT FOUND THEN\n"
  "    RAISE EXCEPTION USING ERRCODE = 'WF002',\n"
  "      MESSAGE = format ('The team has no document %s, or it was removed', $1);\n"
  "  END IF;\n"
  "  PERFORM pg_notify ('wayfinder', $1 || ' ' || _seq);\n"
  "END\n"
  "$$;\n"
  "\n"
  "CREATE FUNCTION wayfinder.push (doc uuid, client uuid, client_seq bigint, version int,\n"
  "                                label text, record jsonb, OUT seq bigint, OUT ops jsonb)\n"
  "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = wayfinder, pg_temp\n"
  "  AS $$\n"
  "BEGIN\n"
  "  RAISE EXCEPTION USING ERRCODE = 'WF004', MESSAGE = 'push() is still to come';\n"
  "END\n"
  "$$;\n";

static const char *const steps[] = {
  step_1,
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == WF_TEAM_SCHEMA_VERSION);

/* One row, (schema, compatible, team), on a team's database; no row when
 * its meta lacks them. On a database without the schema PostgreSQL
 * answers 42P01 (undefined_table: "relation wayfinder.meta does not
 * exist"), not 3F000, which it keeps for other uses of a missing schema.
 */
const char wf_team_schema_version_sql[] =
  "SELECT s.value::int AS schema, c.value::int AS compatible, t.value AS team "
  "FROM wayfinder.meta s, wayfinder.meta c, wayfinder.meta t "
  "WHERE s.key = 'schema' AND c.key = 'compatible' AND t.key = 'team'";

/**
 * wf_team_schema_step:
 * @from: a server schema version, 0 when there is none yet
 *
 * The SQL turning server schema version @from into @from + 1: several
 * statements, to be sent as one simple query (PQexec(), PQsendQuery(),
 * not with parameters), inside the caller's transaction. It sets meta
 * 'schema' (and step 1 'compatible' and 'team').
 *
 * Returns: (transfer none) (nullable): the SQL, or %NULL when @from is
 *   WF_TEAM_SCHEMA_VERSION or later
 */
const char *
wf_team_schema_step (guint from)
{
  if (from >= G_N_ELEMENTS (steps))
    return NULL;

  return steps[from];
}

/**
 * wf_team_schema_grants_sql:
 * @editors_quoted: the editors' group role, quoted as an identifier
 *   (PQescapeIdentifier())
 * @viewers_quoted: the viewers' group role, quoted the same way
 *
 * The grants of docs/team-library.md, "Roles and grants", to run after
 * the steps, and again when nothing needed upgrading: both roles read
 * every table and may register; only editors share, push and remove
 * documents; nobody else may run any function of the schema (PostgreSQL
 * lets everyone run a new function unless told otherwise). Several
 * statements, sent as the steps are.
 *
 * Returns: (transfer full): the SQL
 */
char *
wf_team_schema_grants_sql (const char *editors_quoted,
                           const char *viewers_quoted)
{
  g_return_val_if_fail (editors_quoted != NULL, NULL);
  g_return_val_if_fail (viewers_quoted != NULL, NULL);

  return g_strdup_printf (
    "REVOKE ALL ON SCHEMA wayfinder FROM PUBLIC;\n"
    "GRANT USAGE ON SCHEMA wayfinder TO %s, %s;\n"
    "GRANT SELECT ON ALL TABLES IN SCHEMA wayfinder TO %s, %s;\n"
    "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA wayfinder FROM PUBLIC;\n"
    "REVOKE ALL ON FUNCTION wayfinder.register(uuid),\n"
    "  wayfinder.share(uuid, uuid, int, text, jsonb),\n"
    "  wayfinder.push(uuid, uuid, bigint, int, text, jsonb),\n"
    "  wayfinder.remove_document(uuid) FROM PUBLIC;\n"
    "REVOKE ALL ON FUNCTION wayfinder.share(uuid, uuid, int, text, jsonb),\n"
    "  wayfinder.push(uuid, uuid, bigint, int, text, jsonb),\n"
    "  wayfinder.remove_document(uuid) FROM %s;\n"
    "GRANT EXECUTE ON FUNCTION wayfinder.register(uuid) TO %s, %s;\n"
    "GRANT EXECUTE ON FUNCTION wayfinder.share(uuid, uuid, int, text, jsonb),\n"
    "  wayfinder.push(uuid, uuid, bigint, int, text, jsonb),\n"
    "  wayfinder.remove_document(uuid) TO %s;\n",
    editors_quoted, viewers_quoted,
    editors_quoted, viewers_quoted,
    viewers_quoted,
    editors_quoted, viewers_quoted,
    editors_quoted);
}
