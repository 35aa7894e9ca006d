/* wf-sqlite-schema.c — the SQLite schema, its migrations, opening and errors
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-quote.h"
#include "wf-sqlite-private.h"

G_DEFINE_QUARK (wf-sqlite-error-quark, wf_sqlite_error)

/* The schema, one step per version: migrations[n] turns version n into
 * version n + 1. An empty database starts at version 0. Never edit a
 * step that has shipped; add one.
 */
static const char * const migrations[] = {
  /* 0 → 1: the first schema */
  "CREATE TABLE documents ("
  "  id          INTEGER PRIMARY KEY,"
  "  title       TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  created     TEXT,"
  "  modified    TEXT,"
  "  extra       TEXT,"
  "  path        TEXT,"
  "  changed     TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  unsaved     INTEGER NOT NULL DEFAULT 0,"
  "  open        INTEGER NOT NULL DEFAULT 0,"
  "  trashed     INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE personas ("
  "  doc          INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  id           TEXT NOT NULL,"
  "  position     INTEGER NOT NULL,"
  "  name         TEXT NOT NULL DEFAULT '',"
  "  role         TEXT NOT NULL DEFAULT '',"
  "  color        TEXT NOT NULL,"
  "  goals        TEXT NOT NULL DEFAULT '',"
  "  needs        TEXT NOT NULL DEFAULT '',"
  "  frustrations TEXT NOT NULL DEFAULT '',"
  "  notes        TEXT NOT NULL DEFAULT '',"
  "  extra        TEXT,"
  "  PRIMARY KEY (doc, id)"
  ");"
  "CREATE TABLE maps ("
  "  doc      INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  id       TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  title    TEXT NOT NULL DEFAULT '',"
  "  scenario TEXT NOT NULL DEFAULT '',"
  "  extra    TEXT,"
  "  PRIMARY KEY (doc, id)"
  ");"
  "CREATE TABLE phases ("
  "  doc         INTEGER NOT NULL,"
  "  id          TEXT NOT NULL,"
  "  map         TEXT NOT NULL,"
  "  position    INTEGER NOT NULL,"
  "  name        TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  color       TEXT,"
  "  extra       TEXT,"
  "  PRIMARY KEY (doc, id),"
  "  FOREIGN KEY (doc, map) REFERENCES maps (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
  ");"
  "CREATE INDEX phases_map ON phases (doc, map);"
  "CREATE TABLE lanes ("
  "  doc       INTEGER NOT NULL,"
  "  id        TEXT NOT NULL,"
  "  map       TEXT NOT NULL,"
  "  position  INTEGER NOT NULL,"
  "  kind      TEXT NOT NULL,"
  "  title     TEXT NOT NULL DEFAULT '',"
  "  persona   TEXT,"
  "  collapsed INTEGER NOT NULL DEFAULT 0,"
  "  extra     TEXT,"
  "  PRIMARY KEY (doc, id),"
  "  FOREIGN KEY (doc, map) REFERENCES maps (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  FOREIGN KEY (doc, persona) REFERENCES personas (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
  ");"
  "CREATE INDEX lanes_map ON lanes (doc, map);"
  "CREATE INDEX lanes_persona ON lanes (doc, persona);"
  "CREATE TABLE cards ("
  "  key      INTEGER PRIMARY KEY,"
  "  doc      INTEGER NOT NULL,"
  "  id       TEXT NOT NULL,"
  "  map      TEXT NOT NULL,"
  "  phase    TEXT NOT NULL,"
  "  lane     TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  title    TEXT NOT NULL DEFAULT '',"
  "  notes    TEXT NOT NULL DEFAULT '',"
  "  channel  TEXT,"
  "  contact  TEXT,"
  "  emotion  INTEGER,"
  "  color    TEXT,"
  "  votes    INTEGER NOT NULL DEFAULT 0,"
  "  extra    TEXT,"
  "  UNIQUE (doc, id),"
  "  FOREIGN KEY (doc, map) REFERENCES maps (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  FOREIGN KEY (doc, phase) REFERENCES phases (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  FOREIGN KEY (doc, lane) REFERENCES lanes (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
  ");"
  "CREATE INDEX cards_map ON cards (doc, map, position);"
  "CREATE INDEX cards_phase ON cards (doc, phase);"
  "CREATE INDEX cards_lane ON cards (doc, lane);"
  "CREATE TABLE card_metrics ("
  "  doc      INTEGER NOT NULL,"
  "  card     TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  name     TEXT NOT NULL,"
  "  value    REAL NOT NULL,"
  "  PRIMARY KEY (doc, card, position),"
  "  FOREIGN KEY (doc, card) REFERENCES cards (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
  ");"
  "CREATE TABLE card_tags ("
  "  doc      INTEGER NOT NULL,"
  "  card     TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  tag      TEXT NOT NULL,"
  "  PRIMARY KEY (doc, card, position),"
  "  FOREIGN KEY (doc, card) REFERENCES cards (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
  ");"
  "CREATE TABLE links ("
  "  doc       INTEGER NOT NULL,"
  "  id        TEXT NOT NULL,"
  "  map       TEXT NOT NULL,"
  "  position  INTEGER NOT NULL,"
  "  from_card TEXT NOT NULL,"
  "  to_card   TEXT NOT NULL,"
  "  label     TEXT NOT NULL DEFAULT '',"
  "  extra     TEXT,"
  "  PRIMARY KEY (doc, id),"
  "  FOREIGN KEY (doc, map) REFERENCES maps (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  FOREIGN KEY (doc, from_card) REFERENCES cards (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  FOREIGN KEY (doc, to_card) REFERENCES cards (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
  ");"
  "CREATE INDEX links_map ON links (doc, map);"
  "CREATE INDEX links_from ON links (doc, from_card);"
  "CREATE INDEX links_to ON links (doc, to_card);"
  "CREATE TABLE revisions ("
  "  id      INTEGER PRIMARY KEY,"
  "  doc     INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  time    TEXT NOT NULL,"
  "  kind    TEXT NOT NULL CHECK (kind IN ('save', 'auto', 'restore')),"
  "  changes INTEGER NOT NULL DEFAULT 0,"
  "  cards   INTEGER NOT NULL DEFAULT 0,"
  "  content BLOB NOT NULL"
  ");"
  "CREATE INDEX revisions_doc ON revisions (doc, time);",

  /* 1 → 2: full-text search over card titles and notes */
  "CREATE VIRTUAL TABLE card_search USING fts5 ("
  "  title, notes, content = 'cards', content_rowid = 'key',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO card_search (card_search) VALUES ('rebuild');"
  "CREATE TRIGGER cards_search_insert AFTER INSERT ON cards BEGIN"
  "  INSERT INTO card_search (rowid, title, notes) VALUES (new.key, new.title, new.notes);"
  "END;"
  "CREATE TRIGGER cards_search_delete AFTER DELETE ON cards BEGIN"
  "  INSERT INTO card_search (card_search, rowid, title, notes)"
  "    VALUES ('delete', old.key, old.title, old.notes);"
  "END;"
  "CREATE TRIGGER cards_search_update AFTER UPDATE OF title, notes ON cards"
  "  WHEN old.title IS NOT new.title OR old.notes IS NOT new.notes BEGIN"
  "  INSERT INTO card_search (card_search, rowid, title, notes)"
  "    VALUES ('delete', old.key, old.title, old.notes);"
  "  INSERT INTO card_search (rowid, title, notes) VALUES (new.key, new.title, new.notes);"
  "END;",

  /* 2 → 3: resized phases and lanes (NULL: the usual size) */
  "ALTER TABLE phases ADD COLUMN width REAL;"
  "ALTER TABLE lanes ADD COLUMN height REAL;",

  /* 3 → 4: figures over time (issue #15). A card's metric keeps its
   * latest value for SQL users, NULL when it has none, so the table is
   * made again; its dated values are rows of their own, and the value a
   * metric had becomes its one undated value. Phases have metrics too,
   * for everyone (persona NULL) or one persona; a map keeps the keys of
   * the findings dismissed in it.
   */
  "CREATE TABLE card_metrics_4 ("
  "  doc       INTEGER NOT NULL,"
  "  card      TEXT NOT NULL,"
  "  position  INTEGER NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  value     REAL,"
  "  unit      TEXT NOT NULL DEFAULT '',"
  "  direction TEXT NOT NULL DEFAULT '',"
  "  target    REAL,"
  "  PRIMARY KEY (doc, card, position),"
  "  FOREIGN KEY (doc, card) REFERENCES cards (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
  ");"
  "INSERT INTO card_metrics_4 (doc, card, position, name, value)"
  "  SELECT doc, card, position, name, value FROM card_metrics;"
  "DROP TABLE card_metrics;"
  "ALTER TABLE card_metrics_4 RENAME TO card_metrics;"
  "CREATE TABLE card_metric_values ("
  "  doc      INTEGER NOT NULL,"
  "  card     TEXT NOT NULL,"
  "  metric   INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  date     TEXT NOT NULL DEFAULT '',"
  "  value    REAL NOT NULL,"
  "  PRIMARY KEY (doc, card, metric, position),"
  "  FOREIGN KEY (doc, card, metric) REFERENCES card_metrics (doc, card, position)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
  ");"
  "INSERT INTO card_metric_values (doc, card, metric, position, value)"
  "  SELECT doc, card, position, 0, value FROM card_metrics WHERE value IS NOT NULL;"
  "CREATE TABLE phase_metrics ("
  "  doc       INTEGER NOT NULL,"
  "  phase     TEXT NOT NULL,"
  "  position  INTEGER NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  persona   TEXT,"
  "  unit      TEXT NOT NULL DEFAULT '',"
  "  direction TEXT NOT NULL DEFAULT '',"
  "  target    REAL,"
  "  value     REAL,"
  "  PRIMARY KEY (doc, phase, position),"
  "  FOREIGN KEY (doc, phase) REFERENCES phases (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  FOREIGN KEY (doc, persona) REFERENCES personas (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
  ");"
  "CREATE INDEX phase_metrics_persona ON phase_metrics (doc, persona);"
  "CREATE TABLE phase_metric_values ("
  "  doc      INTEGER NOT NULL,"
  "  phase    TEXT NOT NULL,"
  "  metric   INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  date     TEXT NOT NULL DEFAULT '',"
  "  value    REAL NOT NULL,"
  "  PRIMARY KEY (doc, phase, metric, position),"
  "  FOREIGN KEY (doc, phase, metric) REFERENCES phase_metrics (doc, phase, position)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
  ");"
  "CREATE TABLE map_dismissed ("
  "  doc      INTEGER NOT NULL,"
  "  map      TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  key      TEXT NOT NULL,"
  "  PRIMARY KEY (doc, map, position),"
  "  FOREIGN KEY (doc, map) REFERENCES maps (doc, id)"
  "    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
  ");",

  /* 4 → 5: the metric a map's heat view tints by ('' for none) */
  "ALTER TABLE maps ADD COLUMN heat TEXT NOT NULL DEFAULT '';",

  /* 5 → 6: the team library (docs/team-library.md): the teams this
   * library is a client of, its shared documents with the last change
   * applied, the change records not yet answered or applied (the outbox,
   * written in the autosave's transaction), each item's position key and
   * the versions of its members, and the open conflicts. Team state, not
   * content: empty in a .sqlite file, as revisions are.
   */
  "CREATE TABLE team_clients ("
  "  team   TEXT PRIMARY KEY,"
  "  client TEXT NOT NULL,"
  "  tag    TEXT NOT NULL"
  ");"
  "CREATE TABLE team_documents ("
  "  doc     INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,"
  "  team    TEXT NOT NULL REFERENCES team_clients (team),"
  "  team_id TEXT NOT NULL,"
  "  seq     INTEGER NOT NULL,"
  "  last    TEXT NOT NULL,"
  "  next    INTEGER NOT NULL,"
  "  UNIQUE (team, team_id)"
  ");"
  "CREATE TABLE team_outbox ("
  "  doc        INTEGER NOT NULL REFERENCES team_documents (doc) ON DELETE CASCADE,"
  "  client_seq INTEGER NOT NULL,"
  "  label      TEXT NOT NULL,"
  "  record     TEXT NOT NULL,"
  "  made       TEXT NOT NULL,"
  "  seq        INTEGER,"
  "  PRIMARY KEY (doc, client_seq)"
  ");"
  "CREATE TABLE team_items ("
  "  doc      INTEGER NOT NULL REFERENCES team_documents (doc) ON DELETE CASCADE,"
  "  id       TEXT NOT NULL,"
  "  pos      TEXT NOT NULL,"
  "  versions TEXT NOT NULL,"
  "  PRIMARY KEY (doc, id)"
  ");"
  "CREATE TABLE team_conflicts ("
  "  doc    INTEGER NOT NULL REFERENCES team_documents (doc) ON DELETE CASCADE,"
  "  seq    INTEGER NOT NULL,"
  "  item   TEXT NOT NULL,"
  "  member TEXT NOT NULL,"
  "  value  TEXT,"
  "  author TEXT NOT NULL,"
  "  at     TEXT NOT NULL,"
  "  PRIMARY KEY (doc, seq, item, member)"
  ");",

  /* 6 → 7: pictures (issue #17, docs/pictures.md): each picture's bytes
   * once, keyed by their SHA-256, however many personas, cards and
   * documents show it; a persona's photo and a card's image name the
   * hash and keep their own alt text and focal point (NULL: the centre).
   * A revision names its pictures by hash too, and lists them in
   * revision_images, so that they are kept while it is.
   */
  "CREATE TABLE images ("
  "  hash   TEXT PRIMARY KEY,"
  "  type   TEXT NOT NULL,"
  "  bytes  BLOB NOT NULL,"
  "  width  INTEGER NOT NULL,"
  "  height INTEGER NOT NULL"
  ");"
  "ALTER TABLE personas ADD COLUMN photo TEXT;"
  "ALTER TABLE personas ADD COLUMN photo_alt TEXT;"
  "ALTER TABLE personas ADD COLUMN photo_x REAL;"
  "ALTER TABLE personas ADD COLUMN photo_y REAL;"
  "ALTER TABLE cards ADD COLUMN image TEXT;"
  "ALTER TABLE cards ADD COLUMN image_alt TEXT;"
  "ALTER TABLE cards ADD COLUMN image_x REAL;"
  "ALTER TABLE cards ADD COLUMN image_y REAL;"
  "CREATE TABLE revision_images ("
  "  revision INTEGER NOT NULL REFERENCES revisions (id) ON DELETE CASCADE,"
  "  hash     TEXT NOT NULL,"
  "  PRIMARY KEY (revision, hash)"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == WF_SQLITE_SCHEMA_VERSION);

/* The tables a document's content lives in, for checking a foreign file. */
static const char * const tables[] = {
  "documents", "personas", "maps", "phases", "lanes", "cards",
  "card_metrics", "card_tags", "links", "revisions", "card_search",
  "card_metric_values", "phase_metrics", "phase_metric_values", "map_dismissed",
  "images", "revision_images",
};

/* SQLite's own messages may quote the file: the names in a damaged schema,
 * what PRAGMA quick_check found. A message quotes this much of them.
 */
#define MAX_DETAIL_CHARS 160

gboolean
wf_sqlite_set_error (GError  **error,
                     sqlite3  *db,
                     int       rc)
{
  g_autofree char *detail = NULL;

  /* The connection's message only when it is about @rc: some calls
   * (sqlite3_backup_step() on its source) return an error without
   * storing it there, and the message would read "not an error".
   */
  if (db != NULL && (sqlite3_extended_errcode (db) & 0xff) == (rc & 0xff))
    detail = wf_quote_excerpt_len (sqlite3_errmsg (db), -1, MAX_DETAIL_CHARS);
  else
    detail = g_strdup (sqlite3_errstr (rc));

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NOT_DATABASE,
                           _("The file is not an SQLite database"));
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_CORRUPT,
                   _("The database is damaged (%s)"), detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_LOCKED,
                           _("The database is in use by another program; try again after closing it there"));
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_READ_ONLY,
                   _("The database cannot be written here (%s)"), detail);
      break;

    case SQLITE_FULL:
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_FULL,
                           _("The disk is full"));
      break;

    default:
      g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_FAILED,
                   _("The database could not be used (%s)"), detail);
      break;
    }

  return FALSE;
}

gboolean
wf_sqlite_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return wf_sqlite_set_error (error, db, rc);

  return TRUE;
}

gboolean
wf_sqlite_query_int (sqlite3     *db,
                     const char  *sql,
                     gint64      *value,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    return wf_sqlite_set_error (error, db, rc);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  return TRUE;
}

/* PRAGMA quick_check, which also reads every page: a damaged file or one
 * that is not a database at all fails here, before anything else.
 */
gboolean
wf_sqlite_check_integrity (sqlite3  *db,
                           GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *result = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &stmt, NULL)) != SQLITE_OK)
    return wf_sqlite_set_error (error, db, rc);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return wf_sqlite_set_error (error, db, rc);

  if (g_strcmp0 (result, "ok") != 0)
    {
      const char *detail = result ? result : "?";
      g_autofree char *quoted = NULL;

      /* "*** in database main ***\nPage 39: …": only the second line says something. */
      if (g_str_has_prefix (detail, "*** ") && strchr (detail, '\n') != NULL)
        detail = strchr (detail, '\n') + 1;

      quoted = wf_quote_excerpt_len (detail, -1, MAX_DETAIL_CHARS);
      g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_CORRUPT,
                   _("The database is damaged (%s)"), quoted);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_tables (sqlite3  *db,
              GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'"
                         " AND (sql LIKE 'CREATE TABLE%%' OR sql LIKE 'CREATE VIRTUAL TABLE%% USING fts5%%')",
                         tables[i]);
      gint64 found = 0;

      if (!wf_sqlite_query_int (db, sql, &found, error))
        return FALSE;

      if (found != 1)
        {
          g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_CORRUPT,
                       _("The database has no table “%s”"), tables[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * wf_sqlite_create_old_schema:
 * @db: an empty database
 * @version: a schema version before the current one
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Gives @db the schema of an earlier Wayfinder, for tests of migrations:
 * what wf_sqlite_prepare() then migrates.
 *
 * Returns: whether it worked
 */
gboolean
wf_sqlite_create_old_schema (sqlite3  *db,
                             int       version,
                             GError  **error)
{
  g_autofree char *set_version = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (version >= 1 && version < WF_SQLITE_SCHEMA_VERSION, FALSE);

  for (int v = 0; v < version; v++)
    if (!wf_sqlite_exec (db, migrations[v], error))
      return FALSE;

  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 WF_SQLITE_APPLICATION_ID, version);

  return wf_sqlite_exec (db, set_version, error);
}

/**
 * wf_sqlite_prepare:
 * @db: an open database
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Makes @db hold the current schema: creates it in an empty database and
 * migrates one of an earlier version, in one transaction. Refuses a
 * database that another program made and one from a newer Wayfinder,
 * without changing either.
 *
 * Returns: whether @db now has the current schema
 */
gboolean
wf_sqlite_prepare (sqlite3  *db,
                   GError  **error)
{
  g_autofree char *set_version = NULL;
  gint64 application_id = 0, version = 0, n_objects = 0;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!wf_sqlite_query_int (db, "PRAGMA application_id", &application_id, error) ||
      !wf_sqlite_query_int (db, "PRAGMA user_version", &version, error) ||
      !wf_sqlite_query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if (application_id != WF_SQLITE_APPLICATION_ID && !(application_id == 0 && n_objects == 0))
    {
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_FOREIGN,
                           _("The database was not made by Wayfinder"));
      return FALSE;
    }

  if (version > WF_SQLITE_SCHEMA_VERSION)
    {
      g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NEWER,
                   _("The database was made by a newer version of Wayfinder (schema %d; this version reads up to %d)"),
                   (int) version, WF_SQLITE_SCHEMA_VERSION);
      return FALSE;
    }

  if (version == WF_SQLITE_SCHEMA_VERSION)
    return check_tables (db, error);

  if (version < 0 || (version == 0 && n_objects != 0))
    {
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_FOREIGN,
                           _("The database was not made by Wayfinder"));
      return FALSE;
    }

  if (!wf_sqlite_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (gint64 v = version; v < WF_SQLITE_SCHEMA_VERSION; v++)
    if (!wf_sqlite_exec (db, migrations[v], error))
      goto fail;

  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 WF_SQLITE_APPLICATION_ID, WF_SQLITE_SCHEMA_VERSION);
  if (!wf_sqlite_exec (db, set_version, error) ||
      !wf_sqlite_exec (db, "COMMIT", error))
    goto fail;

  return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* No writes to the schema by hand. A database from elsewhere may hold
 * anything in its schema: of one that is not @trusted, only read, run
 * nothing with side effects (this also keeps its triggers from using the
 * search table, which only the library and our own files write).
 */
void
wf_sqlite_harden (sqlite3  *db,
                  gboolean  trusted)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, trusted ? 1 : 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
  sqlite3_busy_timeout (db, 2000);
}

static sqlite3 *
open_full (const char  *filename,
           int          flags,
           gboolean     read_only,
           GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (filename, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      wf_sqlite_set_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  /* SQLite opens a file it may not write read-only without a word; the
   * library would then fail at its first autosave instead of now.
   */
  if (!read_only && sqlite3_db_readonly (db, "main") == 1)
    {
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_READ_ONLY,
                           _("The database cannot be written here (the file is read-only)"));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  wf_sqlite_harden (db, !read_only);

  /* Closing the last connection to a database in WAL mode copies its
   * -wal into it: a file that fails the checks below must not be
   * written that way either.
   */
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!wf_sqlite_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !wf_sqlite_check_integrity (db, error) ||
      (read_only ? FALSE : !wf_sqlite_prepare (db, error)))
    {
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, read_only ? 1 : 0, NULL);

  return db;
}

/**
 * wf_sqlite_open:
 * @path: a file, created if it does not exist and @read_only is %FALSE
 * @read_only: whether to open without writing
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Opens @path with foreign keys on, checks its integrity and, unless
 * @read_only, creates or migrates the schema.
 *
 * Returns: (transfer full): the database, to close with sqlite3_close()
 */
sqlite3 *
wf_sqlite_open (const char  *path,
                gboolean     read_only,
                GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_full (path, read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                    read_only, error);
}

/**
 * wf_sqlite_open_again:
 * @path: a database that wf_sqlite_open() opened, checked and migrated
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Opens another connection to @path, for another thread: as
 * wf_sqlite_open() does, but without checking the file again (which reads
 * every page) or touching its schema.
 *
 * Returns: (transfer full): the database, to close with sqlite3_close()
 */
sqlite3 *
wf_sqlite_open_again (const char  *path,
                      GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      wf_sqlite_set_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  wf_sqlite_harden (db, TRUE);

  if (!wf_sqlite_exec (db, "PRAGMA foreign_keys = ON", error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

/**
 * wf_sqlite_uri_for_path:
 * @path: a file
 * @immutable: whether SQLite may take the file as one nobody changes
 *
 * Returns: (transfer full) (nullable): a `file:` URI for sqlite3_open_v2()
 *   with %SQLITE_OPEN_URI, or %NULL if @path cannot be one
 */
char *
wf_sqlite_uri_for_path (const char *path,
                        gboolean    immutable)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);

  if (uri == NULL)
    return NULL;

  return immutable ? g_strconcat (uri, "?immutable=1", NULL) : g_steal_pointer (&uri);
}

/**
 * wf_sqlite_open_immutable:
 * @path: an existing file
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Opens @path read-only as an immutable file: SQLite writes nothing, not
 * even the -shm index of a database in WAL mode, so this works in a
 * folder that cannot be written. A -wal file beside it is not read:
 * what was only written there is not seen.
 *
 * Returns: (transfer full): the database, to close with sqlite3_close()
 */
sqlite3 *
wf_sqlite_open_immutable (const char  *path,
                          GError     **error)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(uri = wf_sqlite_uri_for_path (path, TRUE)))
    return open_full (path, SQLITE_OPEN_READONLY, TRUE, error);

  return open_full (uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, TRUE, error);
}
