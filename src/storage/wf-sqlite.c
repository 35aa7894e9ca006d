/* wf-sqlite.c — journey documents in SQLite: the library's schema and .sqlite files
 *
 * One schema serves the library (many documents, autosaved edit by edit)
 * and standalone .sqlite files (one document, for SQL tools). Each item
 * is a row keyed by (doc, id); order is kept in a position column; the
 * members this version does not know are kept as JSON in an extra
 * column, so .journey → .sqlite → .journey gives the same bytes.
 * docs/sqlite.md documents the schema for people who query it.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wf-atomic-file.h"
#include "wf-journey.h"
#include "wf-quote.h"
#include "wf-sqlite.h"

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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == WF_SQLITE_SCHEMA_VERSION);

/* The tables a document's content lives in, for checking a foreign file. */
static const char * const tables[] = {
  "documents", "personas", "maps", "phases", "lanes", "cards",
  "card_metrics", "card_tags", "links", "revisions", "card_search",
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

static gboolean
query_int (sqlite3     *db,
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
static gboolean
check_integrity (sqlite3  *db,
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

      if (!query_int (db, sql, &found, error))
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

  if (!query_int (db, "PRAGMA application_id", &application_id, error) ||
      !query_int (db, "PRAGMA user_version", &version, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
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
static void
harden (sqlite3  *db,
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
  harden (db, !read_only);

  /* Closing the last connection to a database in WAL mode copies its
   * -wal into it: a file that fails the checks below must not be
   * written that way either.
   */
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!wf_sqlite_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !check_integrity (db, error) ||
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

/* Writing */

struct _WfSqliteWriter
{
  sqlite3      *db;
  gint64        doc;
  sqlite3_stmt *document;
  sqlite3_stmt *persona;
  sqlite3_stmt *map;
  sqlite3_stmt *phase;
  sqlite3_stmt *lane;
  sqlite3_stmt *card;
  sqlite3_stmt *metric;
  sqlite3_stmt *tag;
  sqlite3_stmt *clear_metrics;
  sqlite3_stmt *clear_tags;
  sqlite3_stmt *link;
  sqlite3_stmt *position[6];
  sqlite3_stmt *delete[6];
};

typedef enum {
  TABLE_PERSONAS,
  TABLE_MAPS,
  TABLE_PHASES,
  TABLE_LANES,
  TABLE_CARDS,
  TABLE_LINKS,
} Table;

static const char * const item_tables[] = {
  "personas", "maps", "phases", "lanes", "cards", "links",
};

static Table
table_of (WfItem *item)
{
  if (WF_IS_PERSONA (item))
    return TABLE_PERSONAS;
  if (WF_IS_MAP (item))
    return TABLE_MAPS;
  if (WF_IS_PHASE (item))
    return TABLE_PHASES;
  if (WF_IS_LANE (item))
    return TABLE_LANES;
  if (WF_IS_CARD (item))
    return TABLE_CARDS;
  g_assert (WF_IS_LINK (item));
  return TABLE_LINKS;
}

void
wf_sqlite_writer_free (WfSqliteWriter *writer)
{
  if (writer == NULL)
    return;

  sqlite3_finalize (writer->document);
  sqlite3_finalize (writer->persona);
  sqlite3_finalize (writer->map);
  sqlite3_finalize (writer->phase);
  sqlite3_finalize (writer->lane);
  sqlite3_finalize (writer->card);
  sqlite3_finalize (writer->metric);
  sqlite3_finalize (writer->tag);
  sqlite3_finalize (writer->clear_metrics);
  sqlite3_finalize (writer->clear_tags);
  sqlite3_finalize (writer->link);
  for (guint i = 0; i < G_N_ELEMENTS (writer->position); i++)
    {
      sqlite3_finalize (writer->position[i]);
      sqlite3_finalize (writer->delete[i]);
    }
  g_free (writer);
}

static gboolean
prepare (WfSqliteWriter  *w,
         sqlite3_stmt   **stmt,
         const char      *sql,
         GError         **error)
{
  int rc = sqlite3_prepare_v3 (w->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);

  if (rc != SQLITE_OK)
    return wf_sqlite_set_error (error, w->db, rc);

  return TRUE;
}

/**
 * wf_sqlite_writer_new:
 * @db: a database with the current schema
 * @doc: the document's row in the documents table
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Prepares the statements that write one document's rows. The writer
 * does not open transactions; its caller groups the writes.
 *
 * Returns: (transfer full): the writer
 */
WfSqliteWriter *
wf_sqlite_writer_new (sqlite3  *db,
                      gint64    doc,
                      GError  **error)
{
  g_autoptr(WfSqliteWriter) w = g_new0 (WfSqliteWriter, 1);

  w->db = db;
  w->doc = doc;

  if (!prepare (w, &w->document,
                "UPDATE documents SET title = ?2, description = ?3, created = ?4, modified = ?5,"
                " extra = ?6 WHERE id = ?1", error) ||
      !prepare (w, &w->persona,
                "INSERT INTO personas (doc, id, position, name, role, color, goals, needs,"
                " frustrations, notes, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                " ON CONFLICT (doc, id) DO UPDATE SET position = excluded.position,"
                " name = excluded.name, role = excluded.role, color = excluded.color,"
                " goals = excluded.goals, needs = excluded.needs,"
                " frustrations = excluded.frustrations, notes = excluded.notes,"
                " extra = excluded.extra", error) ||
      !prepare (w, &w->map,
                "INSERT INTO maps (doc, id, position, title, scenario, extra)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                " ON CONFLICT (doc, id) DO UPDATE SET position = excluded.position,"
                " title = excluded.title, scenario = excluded.scenario, extra = excluded.extra",
                error) ||
      !prepare (w, &w->phase,
                "INSERT INTO phases (doc, id, map, position, name, description, color, extra, width)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                " ON CONFLICT (doc, id) DO UPDATE SET map = excluded.map,"
                " position = excluded.position, name = excluded.name,"
                " description = excluded.description, color = excluded.color,"
                " extra = excluded.extra, width = excluded.width", error) ||
      !prepare (w, &w->lane,
                "INSERT INTO lanes (doc, id, map, position, kind, title, persona, collapsed, extra, height)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                " ON CONFLICT (doc, id) DO UPDATE SET map = excluded.map,"
                " position = excluded.position, kind = excluded.kind, title = excluded.title,"
                " persona = excluded.persona, collapsed = excluded.collapsed,"
                " extra = excluded.extra, height = excluded.height", error) ||
      !prepare (w, &w->card,
                "INSERT INTO cards (doc, id, map, phase, lane, position, title, notes, channel,"
                " contact, emotion, color, votes, extra)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                " ON CONFLICT (doc, id) DO UPDATE SET map = excluded.map,"
                " phase = excluded.phase, lane = excluded.lane, position = excluded.position,"
                " title = excluded.title, notes = excluded.notes, channel = excluded.channel,"
                " contact = excluded.contact, emotion = excluded.emotion,"
                " color = excluded.color, votes = excluded.votes, extra = excluded.extra",
                error) ||
      !prepare (w, &w->metric,
                "INSERT INTO card_metrics (doc, card, position, name, value)"
                " VALUES (?1, ?2, ?3, ?4, ?5)", error) ||
      !prepare (w, &w->tag,
                "INSERT INTO card_tags (doc, card, position, tag) VALUES (?1, ?2, ?3, ?4)",
                error) ||
      !prepare (w, &w->clear_metrics,
                "DELETE FROM card_metrics WHERE doc = ?1 AND card = ?2", error) ||
      !prepare (w, &w->clear_tags,
                "DELETE FROM card_tags WHERE doc = ?1 AND card = ?2", error) ||
      !prepare (w, &w->link,
                "INSERT INTO links (doc, id, map, position, from_card, to_card, label, extra)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                " ON CONFLICT (doc, id) DO UPDATE SET map = excluded.map,"
                " position = excluded.position, from_card = excluded.from_card,"
                " to_card = excluded.to_card, label = excluded.label, extra = excluded.extra",
                error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (item_tables); i++)
    {
      g_autofree char *position =
        g_strdup_printf ("UPDATE %s SET position = ?3 WHERE doc = ?1 AND id = ?2", item_tables[i]);
      g_autofree char *delete =
        g_strdup_printf ("DELETE FROM %s WHERE doc = ?1 AND id = ?2", item_tables[i]);

      if (!prepare (w, &w->position[i], position, error) ||
          !prepare (w, &w->delete[i], delete, error))
        return NULL;
    }

  return g_steal_pointer (&w);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

/* A size of its own, or NULL for the usual one. */
static void
bind_size (sqlite3_stmt *stmt,
           int           column,
           double        size)
{
  if (size > 0)
    sqlite3_bind_double (stmt, column, size);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_extra (sqlite3_stmt *stmt,
            int           column,
            WfItem       *item)
{
  JsonObject *extra = wf_item_get_extra (item);

  if (extra != NULL && json_object_get_size (extra) > 0)
    sqlite3_bind_text (stmt, column, wf_journey_extra_to_string (extra), -1, g_free);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
run (WfSqliteWriter  *w,
     sqlite3_stmt    *stmt,
     GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, w->db, rc);

  return TRUE;
}

static const char *
id_of (gpointer item)
{
  return item != NULL ? wf_item_get_id (WF_ITEM (item)) : NULL;
}

static gboolean
put_card_lists (WfSqliteWriter  *w,
                WfCard          *card,
                gboolean         fresh,
                GError         **error)
{
  const char *id = id_of (card);
  GVariant *metrics = wf_card_get_metrics (card);
  const char * const *tags = wf_card_get_tags (card);

  if (!fresh)
    {
      sqlite3_bind_int64 (w->clear_metrics, 1, w->doc);
      sqlite3_bind_text (w->clear_metrics, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (w->clear_tags, 1, w->doc);
      sqlite3_bind_text (w->clear_tags, 2, id, -1, SQLITE_STATIC);
      if (!run (w, w->clear_metrics, error) || !run (w, w->clear_tags, error))
        return FALSE;
    }

  for (gsize i = 0; metrics != NULL && i < g_variant_n_children (metrics); i++)
    {
      const char *name;
      double value;

      g_variant_get_child (metrics, i, "(&sd)", &name, &value);
      sqlite3_bind_int64 (w->metric, 1, w->doc);
      sqlite3_bind_text (w->metric, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (w->metric, 3, i);
      sqlite3_bind_text (w->metric, 4, name, -1, SQLITE_STATIC);
      sqlite3_bind_double (w->metric, 5, value);
      if (!run (w, w->metric, error))
        return FALSE;
    }

  for (gsize i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      sqlite3_bind_int64 (w->tag, 1, w->doc);
      sqlite3_bind_text (w->tag, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (w->tag, 3, i);
      sqlite3_bind_text (w->tag, 4, tags[i], -1, SQLITE_STATIC);
      if (!run (w, w->tag, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
put_item (WfSqliteWriter  *w,
          WfItem          *item,
          int              position,
          gboolean         fresh,
          GError         **error)
{
  const char *map_id = id_of (wf_item_get_parent (item));
  sqlite3_stmt *stmt;

  if (WF_IS_PERSONA (item))
    {
      WfPersona *persona = WF_PERSONA (item);

      stmt = w->persona;
      bind_text (stmt, 4, wf_persona_get_name (persona));
      bind_text (stmt, 5, wf_persona_get_role (persona));
      bind_text (stmt, 6, wf_persona_get_color (persona));
      bind_text (stmt, 7, wf_persona_get_goals (persona));
      bind_text (stmt, 8, wf_persona_get_needs (persona));
      bind_text (stmt, 9, wf_persona_get_frustrations (persona));
      bind_text (stmt, 10, wf_persona_get_notes (persona));
      bind_extra (stmt, 11, item);
    }
  else if (WF_IS_MAP (item))
    {
      stmt = w->map;
      bind_text (stmt, 4, wf_map_get_title (WF_MAP (item)));
      bind_text (stmt, 5, wf_map_get_scenario (WF_MAP (item)));
      bind_extra (stmt, 6, item);
    }
  else if (WF_IS_PHASE (item))
    {
      stmt = w->phase;
      bind_text (stmt, 5, wf_phase_get_name (WF_PHASE (item)));
      bind_text (stmt, 6, wf_phase_get_description (WF_PHASE (item)));
      bind_text (stmt, 7, wf_phase_get_color (WF_PHASE (item)));
      bind_extra (stmt, 8, item);
      bind_size (stmt, 9, wf_phase_get_width (WF_PHASE (item)));
    }
  else if (WF_IS_LANE (item))
    {
      WfLane *lane = WF_LANE (item);

      stmt = w->lane;
      bind_text (stmt, 5, wf_lane_kind_to_string (wf_lane_get_kind (lane)));
      bind_text (stmt, 6, wf_lane_get_title (lane));
      bind_text (stmt, 7, id_of (wf_lane_get_persona (lane)));
      sqlite3_bind_int (stmt, 8, wf_lane_get_collapsed (lane));
      bind_extra (stmt, 9, item);
      bind_size (stmt, 10, wf_lane_get_height (lane));
    }
  else if (WF_IS_CARD (item))
    {
      WfCard *card = WF_CARD (item);
      int emotion = wf_card_get_emotion (card);

      stmt = w->card;
      bind_text (stmt, 4, id_of (wf_card_get_phase (card)));
      bind_text (stmt, 5, id_of (wf_card_get_lane (card)));
      sqlite3_bind_int (stmt, 6, position);
      bind_text (stmt, 7, wf_card_get_title (card));
      bind_text (stmt, 8, wf_card_get_notes (card));
      bind_text (stmt, 9, wf_card_get_channel (card) != WF_CHANNEL_NONE
                          ? wf_channel_to_string (wf_card_get_channel (card)) : NULL);
      bind_text (stmt, 10, wf_card_get_contact (card) != WF_CONTACT_NONE
                           ? wf_contact_to_string (wf_card_get_contact (card)) : NULL);
      if (emotion != WF_EMOTION_NONE)
        sqlite3_bind_int (stmt, 11, emotion);
      else
        sqlite3_bind_null (stmt, 11);
      bind_text (stmt, 12, wf_card_get_color (card));
      sqlite3_bind_int64 (stmt, 13, wf_card_get_votes (card));
      bind_extra (stmt, 14, item);
    }
  else
    {
      WfLink *link = WF_LINK (item);

      stmt = w->link;
      bind_text (stmt, 5, id_of (wf_link_get_from (link)));
      bind_text (stmt, 6, id_of (wf_link_get_to (link)));
      bind_text (stmt, 7, wf_link_get_label (link));
      bind_extra (stmt, 8, item);
    }

  sqlite3_bind_int64 (stmt, 1, w->doc);
  bind_text (stmt, 2, wf_item_get_id (item));
  if (WF_IS_PERSONA (item) || WF_IS_MAP (item))
    sqlite3_bind_int (stmt, 3, position);
  else
    {
      bind_text (stmt, 3, map_id);
      if (!WF_IS_CARD (item))
        sqlite3_bind_int (stmt, 4, position);
    }

  if (!run (w, stmt, error))
    return FALSE;

  if (WF_IS_CARD (item))
    return put_card_lists (w, WF_CARD (item), fresh, error);

  return TRUE;
}

/**
 * wf_sqlite_writer_put_item:
 * @writer: a writer
 * @item: a persona, map, phase, lane, card or link of the document
 * @position: its place among its siblings (in its cell, for a card)
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Writes the row of @item, and a card's metrics and tags, inserting or
 * replacing it. A map's phases, lanes, cards and links are not written.
 */
gboolean
wf_sqlite_writer_put_item (WfSqliteWriter  *writer,
                           WfItem          *item,
                           int              position,
                           GError         **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (WF_IS_ITEM (item) && !WF_IS_DOCUMENT (item), FALSE);

  return put_item (writer, item, position, FALSE, error);
}

static gboolean
put_tree (WfSqliteWriter  *w,
          WfItem          *item,
          int              position,
          gboolean         fresh,
          GError         **error)
{
  WfMap *map;

  if (!put_item (w, item, position, fresh, error))
    return FALSE;

  if (!WF_IS_MAP (item))
    return TRUE;

  map = WF_MAP (item);

  for (guint i = 0; i < wf_map_get_n_phases (map); i++)
    if (!put_item (w, WF_ITEM (wf_map_get_phase (map, i)), i, fresh, error))
      return FALSE;

  for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
    if (!put_item (w, WF_ITEM (wf_map_get_lane (map, i)), i, fresh, error))
      return FALSE;

  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
      {
        GPtrArray *cell = wf_map_get_cell (map, wf_map_get_phase (map, p), wf_map_get_lane (map, l));

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          if (!put_item (w, g_ptr_array_index (cell, i), i, fresh, error))
            return FALSE;
      }

  for (guint i = 0; i < wf_map_get_n_links (map); i++)
    if (!put_item (w, WF_ITEM (wf_map_get_link (map, i)), i, fresh, error))
      return FALSE;

  return TRUE;
}

/**
 * wf_sqlite_writer_put_tree:
 *
 * As wf_sqlite_writer_put_item(), and for a map also everything it holds.
 */
gboolean
wf_sqlite_writer_put_tree (WfSqliteWriter  *writer,
                           WfItem          *item,
                           int              position,
                           GError         **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (WF_IS_ITEM (item) && !WF_IS_DOCUMENT (item), FALSE);

  return put_tree (writer, item, position, FALSE, error);
}

/**
 * wf_sqlite_writer_put_document:
 *
 * Writes the document's own members (title, description, times, extra).
 */
gboolean
wf_sqlite_writer_put_document (WfSqliteWriter  *writer,
                               WfDocument      *document,
                               GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);

  stmt = writer->document;
  sqlite3_bind_int64 (stmt, 1, writer->doc);
  bind_text (stmt, 2, wf_document_get_title (document));
  bind_text (stmt, 3, wf_document_get_description (document));
  bind_text (stmt, 4, wf_document_get_created (document));
  bind_text (stmt, 5, wf_document_get_modified (document));
  bind_extra (stmt, 6, WF_ITEM (document));

  return run (writer, stmt, error);
}

gboolean
wf_sqlite_writer_set_position (WfSqliteWriter  *writer,
                               WfItem          *item,
                               int              position,
                               GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (writer != NULL, FALSE);

  stmt = writer->position[table_of (item)];
  sqlite3_bind_int64 (stmt, 1, writer->doc);
  bind_text (stmt, 2, wf_item_get_id (item));
  sqlite3_bind_int (stmt, 3, position);

  return run (writer, stmt, error);
}

/**
 * wf_sqlite_writer_delete_item:
 *
 * Deletes the row of @item; the rows that depend on it (a map's content,
 * a card's links, metrics and tags) go with it.
 */
gboolean
wf_sqlite_writer_delete_item (WfSqliteWriter  *writer,
                              WfItem          *item,
                              GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (writer != NULL, FALSE);

  stmt = writer->delete[table_of (item)];
  sqlite3_bind_int64 (stmt, 1, writer->doc);
  bind_text (stmt, 2, wf_item_get_id (item));

  return run (writer, stmt, error);
}

static gboolean
write_rows (sqlite3     *db,
            gint64       doc,
            WfDocument  *document,
            GError     **error)
{
  g_autoptr(WfSqliteWriter) w = NULL;

  if (!(w = wf_sqlite_writer_new (db, doc, error)) ||
      !wf_sqlite_writer_put_document (w, document, error))
    return FALSE;

  for (guint i = 0; i < wf_document_get_n_personas (document); i++)
    if (!put_tree (w, WF_ITEM (wf_document_get_persona (document, i)), i, TRUE, error))
      return FALSE;

  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    if (!put_tree (w, WF_ITEM (wf_document_get_map (document, i)), i, TRUE, error))
      return FALSE;

  return TRUE;
}

/**
 * wf_sqlite_write_content:
 * @db: a database with the current schema
 * @doc: a row of the documents table
 * @document: the content to store there
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Replaces everything stored for @doc with @document, atomically.
 */
gboolean
wf_sqlite_write_content (sqlite3     *db,
                         gint64       doc,
                         WfDocument  *document,
                         GError     **error)
{
  g_autofree char *clear = NULL;
  g_autofree char *index = NULL;
  int triggers = 1;
  gboolean written;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);

  if (!wf_sqlite_exec (db, "SAVEPOINT write_content", error))
    return FALSE;

  /* The old rows leave the search index through its triggers; every
   * card of @doc goes with its map.
   */
  clear = g_strdup_printf ("DELETE FROM maps WHERE doc = %" G_GINT64_FORMAT ";"
                           "DELETE FROM personas WHERE doc = %" G_GINT64_FORMAT,
                           doc, doc);
  if (!wf_sqlite_exec (db, clear, error))
    goto fail;

  /* The new cards are indexed in one statement at the end. Through the
   * trigger, FTS5 writes its pending terms out at each statement's
   * savepoint, that is at every card, which made saving 20,000 cards
   * take 600 ms instead of 240 (docs/performance.md). The only triggers
   * of the schema are the search index's; statements prepared while
   * triggers are off have none, and the setting must stay off until
   * they are finalized, as changing it makes SQLite prepare them again.
   */
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &triggers);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  written = write_rows (db, doc, document, error);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, triggers, NULL);
  if (!written)
    goto fail;

  index = g_strdup_printf ("INSERT INTO card_search (rowid, title, notes)"
                           " SELECT key, title, notes FROM cards WHERE doc = %" G_GINT64_FORMAT,
                           doc);
  if (!wf_sqlite_exec (db, index, error))
    goto fail;

  return wf_sqlite_exec (db, "RELEASE write_content", error);

fail:
  sqlite3_exec (db, "ROLLBACK TO write_content; RELEASE write_content", NULL, NULL, NULL);
  return FALSE;
}

/**
 * wf_sqlite_insert_document:
 *
 * Adds @document to @db as a new row of the documents table.
 *
 * Returns: the new row's id, or 0 on error
 */
gint64
wf_sqlite_insert_document (sqlite3     *db,
                           WfDocument  *document,
                           GError     **error)
{
  gint64 doc;

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (WF_IS_DOCUMENT (document), 0);

  if (!wf_sqlite_exec (db, "SAVEPOINT insert_document", error))
    return 0;

  if (!wf_sqlite_exec (db, "INSERT INTO documents DEFAULT VALUES", error))
    goto fail;

  doc = sqlite3_last_insert_rowid (db);

  if (!wf_sqlite_write_content (db, doc, document, error) ||
      !wf_sqlite_exec (db, "RELEASE insert_document", error))
    goto fail;

  return doc;

fail:
  sqlite3_exec (db, "ROLLBACK TO insert_document; RELEASE insert_document", NULL, NULL, NULL);
  return 0;
}

/* Reading */

typedef struct
{
  sqlite3      *db;
  gint64        doc;
  WfDocument   *document;
  GPtrArray    *problems;
  GHashTable   *items;      /* id → WfItem, every table */
  const char   *table;
  const char   *row;        /* the id of the row being read */
} Reader;

static void problem (Reader     *r,
                     const char *column,
                     const char *format,
                     ...) G_GNUC_PRINTF (3, 4);

/* Where: "cards[card-ad].lane", the table, the row's id and the column. */
static void
problem (Reader     *r,
         const char *column,
         const char *format,
         ...)
{
  WfProblem *p = g_new0 (WfProblem, 1);
  g_autofree char *row = r->row ? wf_quote_excerpt (r->row) : NULL;
  va_list args;

  if (row != NULL && column != NULL)
    p->where = g_strdup_printf ("%s[%s].%s", r->table, row, column);
  else if (row != NULL)
    p->where = g_strdup_printf ("%s[%s]", r->table, row);
  else
    p->where = g_strdup (r->table);
  p->table = g_strdup (r->table);
  p->row = g_strdup (r->row);
  p->column = g_strdup (column);

  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (r->problems, p);
}

/* Text of a column as the model needs it: valid UTF-8 without NULs.
 * Returns NULL for SQL NULL, and for bad text after reporting it.
 */
static const char *
text (Reader       *r,
      sqlite3_stmt *stmt,
      int           column)
{
  const char *value;
  int len;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  value = (const char *) sqlite3_column_text (stmt, column);
  len = sqlite3_column_bytes (stmt, column);

  if (value == NULL)
    value = "";

  if ((int) strlen (value) != len || !g_utf8_validate (value, len, NULL))
    {
      problem (r, sqlite3_column_name (stmt, column), _("The text is not valid UTF-8"));
      return NULL;
    }

  return value;
}

static const char *
text_or_empty (Reader       *r,
               sqlite3_stmt *stmt,
               int           column)
{
  const char *value = text (r, stmt, column);

  return value != NULL ? value : "";
}

static const char *
color (Reader       *r,
       sqlite3_stmt *stmt,
       int           column)
{
  const char *value = text (r, stmt, column);

  if (value != NULL && !wf_color_is_valid (value))
    {
      g_autofree char *quoted = wf_quote_excerpt (value);

      problem (r, sqlite3_column_name (stmt, column),
               _("“%s” is not a colour of the form #rrggbb"), quoted);
      return NULL;
    }

  return value;
}

static gboolean
integer (Reader       *r,
         sqlite3_stmt *stmt,
         int           column,
         gint64        min,
         gint64        max,
         gint64       *value)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return FALSE;

  if (sqlite3_column_type (stmt, column) != SQLITE_INTEGER ||
      sqlite3_column_int64 (stmt, column) < min ||
      sqlite3_column_int64 (stmt, column) > max)
    {
      problem (r, sqlite3_column_name (stmt, column),
               _("Expected a whole number from %d to %d"), (int) min, (int) max);
      return FALSE;
    }

  *value = sqlite3_column_int64 (stmt, column);
  return TRUE;
}

/* A size, or 0 when the column is NULL. */
static double
size (Reader       *r,
      sqlite3_stmt *stmt,
      int           column,
      double        min,
      double        max)
{
  double value = sqlite3_column_double (stmt, column);
  int type = sqlite3_column_type (stmt, column);

  if (type == SQLITE_NULL)
    return 0;

  if ((type != SQLITE_FLOAT && type != SQLITE_INTEGER) || !(value >= min && value <= max))
    {
      problem (r, sqlite3_column_name (stmt, column), _("Expected a number from %g to %g"), min, max);
      return 0;
    }

  return value;
}

static void
read_extra (Reader       *r,
            sqlite3_stmt *stmt,
            int           column,
            gpointer      item)
{
  const char *value = text (r, stmt, column);
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return;

  if (!(extra = wf_journey_extra_from_string (value, &error)))
    {
      problem (r, "extra", _("The unknown members are not a JSON object: %s"), error->message);
      return;
    }

  if (json_object_get_size (extra) > 0)
    wf_item_set_extra (item, extra);
}

/* The id of the current row: not empty and not used by another item. */
static const char *
row_id (Reader       *r,
        sqlite3_stmt *stmt,
        int           column)
{
  const char *id;

  r->row = NULL;
  id = text (r, stmt, column);

  if (id == NULL || *id == '\0')
    {
      problem (r, "id", _("The id is empty"));
      return NULL;
    }

  r->row = id;

  if (g_hash_table_contains (r->items, id))
    {
      g_autofree char *quoted = wf_quote_excerpt (id);

      problem (r, "id", _("The id “%s” is used by another item"), quoted);
      return NULL;
    }

  return id;
}

static void
remember (Reader     *r,
          const char *id,
          gpointer    item)
{
  g_hash_table_insert (r->items, g_strdup (id), g_object_ref (item));
}

static gpointer
lookup (Reader     *r,
        const char *id,
        GType       type,
        WfMap      *map)
{
  WfItem *item;

  if (id == NULL || !(item = g_hash_table_lookup (r->items, id)))
    return NULL;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (item, type))
    return NULL;

  if (map != NULL && wf_item_get_parent (item) != WF_ITEM (map))
    return NULL;

  return item;
}

static sqlite3_stmt *
query (Reader     *r,
       const char *sql,
       GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (r->db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    {
      wf_sqlite_set_error (error, r->db, rc);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, r->doc);
  return stmt;
}

static gboolean
step (Reader        *r,
      sqlite3_stmt  *stmt,
      gboolean      *failed,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc != SQLITE_DONE)
    {
      wf_sqlite_set_error (error, r->db, rc);
      *failed = TRUE;
    }

  return FALSE;
}

#define FOR_EACH_ROW(r, stmt, failed, error) \
  while (step (r, stmt, &failed, error))

static gboolean
read_personas (Reader  *r,
               GError **error)
{
  sqlite3_stmt *stmt;
  gboolean failed = FALSE;

  r->table = "personas";
  if (!(stmt = query (r, "SELECT id, name, role, color, goals, needs, frustrations, notes, extra"
                         " FROM personas WHERE doc = ?1 ORDER BY position, rowid", error)))
    return FALSE;

  FOR_EACH_ROW (r, stmt, failed, error)
    {
      g_autoptr(WfPersona) persona = NULL;
      const char *id = row_id (r, stmt, 0);
      const char *c;

      persona = wf_persona_new (id ? id : "-", text_or_empty (r, stmt, 1));
      wf_persona_set_role (persona, text_or_empty (r, stmt, 2));
      if ((c = color (r, stmt, 3)) != NULL)
        wf_persona_set_color (persona, c);
      wf_persona_set_goals (persona, text_or_empty (r, stmt, 4));
      wf_persona_set_needs (persona, text_or_empty (r, stmt, 5));
      wf_persona_set_frustrations (persona, text_or_empty (r, stmt, 6));
      wf_persona_set_notes (persona, text_or_empty (r, stmt, 7));
      read_extra (r, stmt, 8, persona);

      if (id == NULL)
        continue;

      remember (r, id, persona);
      wf_document_insert_persona (r->document, persona, -1);
    }

  sqlite3_finalize (stmt);
  r->row = NULL;
  return !failed;
}

static gboolean
read_phases (Reader  *r,
             WfMap   *map,
             GError **error)
{
  sqlite3_stmt *stmt;
  gboolean failed = FALSE;

  r->table = "phases";
  if (!(stmt = query (r, "SELECT id, name, description, color, extra, width"
                         " FROM phases WHERE doc = ?1 AND map = ?2 ORDER BY position, rowid", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 2, wf_item_get_id (WF_ITEM (map)), -1, SQLITE_STATIC);

  FOR_EACH_ROW (r, stmt, failed, error)
    {
      g_autoptr(WfPhase) phase = NULL;
      const char *id = row_id (r, stmt, 0);

      phase = wf_phase_new (id ? id : "-", text_or_empty (r, stmt, 1));
      wf_phase_set_description (phase, text_or_empty (r, stmt, 2));
      wf_phase_set_color (phase, color (r, stmt, 3));
      read_extra (r, stmt, 4, phase);
      wf_phase_set_width (phase, size (r, stmt, 5, WF_PHASE_MIN_WIDTH, WF_PHASE_MAX_WIDTH));

      if (id == NULL)
        continue;

      remember (r, id, phase);
      wf_map_insert_phase (map, phase, -1);
    }

  sqlite3_finalize (stmt);
  r->row = NULL;
  return !failed;
}

static gboolean
read_lanes (Reader  *r,
            WfMap   *map,
            GError **error)
{
  sqlite3_stmt *stmt;
  gboolean failed = FALSE;

  r->table = "lanes";
  if (!(stmt = query (r, "SELECT id, kind, title, persona, collapsed, extra, height"
                         " FROM lanes WHERE doc = ?1 AND map = ?2 ORDER BY position, rowid", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 2, wf_item_get_id (WF_ITEM (map)), -1, SQLITE_STATIC);

  FOR_EACH_ROW (r, stmt, failed, error)
    {
      g_autoptr(WfLane) lane = NULL;
      const char *id = row_id (r, stmt, 0);
      const char *kind_name = text (r, stmt, 1);
      const char *persona_id = text (r, stmt, 3);
      WfPersona *persona = NULL;
      WfLaneKind kind = WF_LANE_TOUCHPOINTS;
      gint64 collapsed = 0;
      gboolean ok = TRUE;

      if (kind_name == NULL || !wf_lane_kind_from_string (kind_name, &kind))
        {
          g_autofree char *quoted = wf_quote_excerpt (kind_name);

          problem (r, "kind", _("“%s” is not a kind of lane"), quoted);
          ok = FALSE;
        }

      if (persona_id != NULL && !(persona = lookup (r, persona_id, WF_TYPE_PERSONA, NULL)))
        {
          g_autofree char *quoted = wf_quote_excerpt (persona_id);

          problem (r, "persona", _("The lane refers to persona “%s”, which does not exist"),
                   quoted);
          ok = FALSE;
        }

      lane = wf_lane_new (id ? id : "-", kind);
      wf_lane_set_title (lane, text_or_empty (r, stmt, 2));
      wf_lane_set_persona (lane, persona);
      if (integer (r, stmt, 4, 0, 1, &collapsed))
        wf_lane_set_collapsed (lane, collapsed != 0);
      read_extra (r, stmt, 5, lane);
      wf_lane_set_height (lane, size (r, stmt, 6, WF_LANE_MIN_HEIGHT, WF_LANE_MAX_HEIGHT));

      if (id == NULL || !ok)
        continue;

      remember (r, id, lane);
      wf_map_insert_lane (map, lane, -1);
    }

  sqlite3_finalize (stmt);
  r->row = NULL;
  return !failed;
}

static GVariant *
read_metrics (Reader  *r,
              const char *card,
              sqlite3_stmt *stmt)
{
  GVariantBuilder builder;
  gboolean any = FALSE;
  const char *table = r->table;

  r->table = "card_metrics";
  g_variant_builder_init (&builder, WF_METRICS_TYPE);
  sqlite3_bind_text (stmt, 2, card, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = text (r, stmt, 0);
      double value = sqlite3_column_double (stmt, 1);

      if (name == NULL || sqlite3_column_type (stmt, 1) == SQLITE_NULL ||
          sqlite3_column_type (stmt, 1) == SQLITE_TEXT ||
          sqlite3_column_type (stmt, 1) == SQLITE_BLOB || !isfinite (value))
        {
          problem (r, "value", _("A metric needs a name and a number"));
          continue;
        }

      g_variant_builder_add (&builder, "(sd)", name, value);
      any = TRUE;
    }

  sqlite3_reset (stmt);
  r->table = table;

  if (!any)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static GPtrArray *
read_tags (Reader       *r,
           const char   *card,
           sqlite3_stmt *stmt)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);
  const char *table = r->table;

  r->table = "card_tags";
  sqlite3_bind_text (stmt, 2, card, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *tag = text (r, stmt, 0);

      if (tag != NULL)
        g_ptr_array_add (tags, g_strdup (tag));
    }

  sqlite3_reset (stmt);
  r->table = table;

  g_ptr_array_add (tags, NULL);
  return tags;
}

static gboolean
read_cards (Reader  *r,
            WfMap   *map,
            GError **error)
{
  sqlite3_stmt *stmt, *metrics = NULL, *tags = NULL;
  gboolean failed = FALSE;

  r->table = "cards";
  if (!(stmt = query (r, "SELECT id, phase, lane, title, notes, channel, contact, emotion,"
                         " color, votes, extra,"
                         " EXISTS (SELECT 1 FROM card_metrics m WHERE m.doc = cards.doc AND m.card = cards.id),"
                         " EXISTS (SELECT 1 FROM card_tags t WHERE t.doc = cards.doc AND t.card = cards.id)"
                         " FROM cards WHERE doc = ?1 AND map = ?2 ORDER BY position, key", error)) ||
      !(metrics = query (r, "SELECT name, value FROM card_metrics WHERE doc = ?1 AND card = ?2"
                            " ORDER BY position, rowid", error)) ||
      !(tags = query (r, "SELECT tag FROM card_tags WHERE doc = ?1 AND card = ?2"
                         " ORDER BY position, rowid", error)))
    {
      sqlite3_finalize (stmt);
      sqlite3_finalize (metrics);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 2, wf_item_get_id (WF_ITEM (map)), -1, SQLITE_STATIC);

  FOR_EACH_ROW (r, stmt, failed, error)
    {
      g_autoptr(WfCard) card = NULL;
      const char *id = row_id (r, stmt, 0);
      const char *phase_id = text (r, stmt, 1);
      const char *lane_id = text (r, stmt, 2);
      WfPhase *phase;
      WfLane *lane;
      const char *str;
      gint64 number;

      if (!(phase = lookup (r, phase_id, WF_TYPE_PHASE, map)))
        {
          g_autofree char *quoted = wf_quote_excerpt (phase_id);

          problem (r, "phase", _("The card refers to phase “%s”, which does not exist in this map"),
                   quoted);
        }

      if (!(lane = lookup (r, lane_id, WF_TYPE_LANE, map)))
        {
          g_autofree char *quoted = wf_quote_excerpt (lane_id);

          problem (r, "lane", _("The card refers to lane “%s”, which does not exist in this map"),
                   quoted);
        }

      card = wf_card_new (id ? id : "-", text_or_empty (r, stmt, 3));

      if ((str = text (r, stmt, 4)) != NULL && *str != '\0')
        wf_card_set_notes (card, str);

      if ((str = text (r, stmt, 5)) != NULL)
        {
          WfChannel channel;

          if (wf_channel_from_string (str, &channel))
            wf_card_set_channel (card, channel);
          else
            {
              g_autofree char *quoted = wf_quote_excerpt (str);

              problem (r, "channel", _("“%s” is not a channel"), quoted);
            }
        }

      if ((str = text (r, stmt, 6)) != NULL)
        {
          WfContact contact;

          if (wf_contact_from_string (str, &contact))
            wf_card_set_contact (card, contact);
          else
            {
              g_autofree char *quoted = wf_quote_excerpt (str);

              problem (r, "contact", _("“%s” is not a kind of contact; expected direct or indirect"),
                       quoted);
            }
        }

      if (integer (r, stmt, 7, WF_EMOTION_MIN, WF_EMOTION_MAX, &number))
        wf_card_set_emotion (card, number);

      if ((str = color (r, stmt, 8)) != NULL)
        wf_card_set_color (card, str);

      if (integer (r, stmt, 9, 0, G_MAXINT32, &number))
        wf_card_set_votes (card, number);

      read_extra (r, stmt, 10, card);

      if (id != NULL && sqlite3_column_int (stmt, 11))
        {
          g_autoptr(GVariant) m = read_metrics (r, id, metrics);

          if (m != NULL)
            wf_card_set_metrics (card, m);
        }

      if (id != NULL && sqlite3_column_int (stmt, 12))
        {
          g_autoptr(GPtrArray) t = read_tags (r, id, tags);

          wf_card_set_tags (card, (const char * const *) t->pdata);
        }

      if (id == NULL || phase == NULL || lane == NULL)
        continue;

      remember (r, id, card);
      wf_map_insert_card (map, card, phase, lane, -1);
    }

  sqlite3_finalize (stmt);
  sqlite3_finalize (metrics);
  sqlite3_finalize (tags);
  r->row = NULL;
  return !failed;
}

static gboolean
read_links (Reader  *r,
            WfMap   *map,
            GError **error)
{
  sqlite3_stmt *stmt;
  gboolean failed = FALSE;

  r->table = "links";
  if (!(stmt = query (r, "SELECT id, from_card, to_card, label, extra"
                         " FROM links WHERE doc = ?1 AND map = ?2 ORDER BY position, rowid", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 2, wf_item_get_id (WF_ITEM (map)), -1, SQLITE_STATIC);

  FOR_EACH_ROW (r, stmt, failed, error)
    {
      g_autoptr(WfLink) link = NULL;
      const char *id = row_id (r, stmt, 0);
      const char *from_id = text (r, stmt, 1);
      const char *to_id = text (r, stmt, 2);
      WfCard *from, *to;

      if (!(from = lookup (r, from_id, WF_TYPE_CARD, map)))
        {
          g_autofree char *quoted = wf_quote_excerpt (from_id);

          problem (r, "from_card", _("The link refers to card “%s”, which does not exist in this map"),
                   quoted);
        }

      if (!(to = lookup (r, to_id, WF_TYPE_CARD, map)))
        {
          g_autofree char *quoted = wf_quote_excerpt (to_id);

          problem (r, "to_card", _("The link refers to card “%s”, which does not exist in this map"),
                   quoted);
        }

      if (id == NULL || from == NULL || to == NULL)
        continue;

      link = wf_link_new (id, from, to);
      wf_link_set_label (link, text_or_empty (r, stmt, 3));
      read_extra (r, stmt, 4, link);

      remember (r, id, link);
      wf_map_insert_link (map, link, -1);
    }

  sqlite3_finalize (stmt);
  r->row = NULL;
  return !failed;
}

static gboolean
read_maps (Reader  *r,
           GError **error)
{
  sqlite3_stmt *stmt;
  gboolean failed = FALSE;

  if (!(stmt = query (r, "SELECT id, title, scenario, extra"
                         " FROM maps WHERE doc = ?1 ORDER BY position, rowid", error)))
    return FALSE;

  while (!failed)
    {
      g_autoptr(WfMap) map = NULL;
      g_autofree char *id = NULL;
      const char *row;

      r->table = "maps";
      if (!step (r, stmt, &failed, error))
        break;

      if ((row = row_id (r, stmt, 0)) == NULL)
        continue;

      id = g_strdup (row);
      map = wf_map_new (id, text_or_empty (r, stmt, 1));
      wf_map_set_scenario (map, text_or_empty (r, stmt, 2));
      read_extra (r, stmt, 3, map);
      remember (r, id, map);

      if (!read_phases (r, map, error) ||
          !read_lanes (r, map, error) ||
          !read_cards (r, map, error) ||
          !read_links (r, map, error))
        failed = TRUE;
      else
        wf_document_insert_map (r->document, map, -1);
    }

  sqlite3_finalize (stmt);
  return !failed;
}

/**
 * wf_sqlite_read_document:
 * @db: a database with the current schema
 * @doc: a row of the documents table
 * @problems: (out) (optional) (element-type WfProblem): every problem of
 *   the content, each with where it is (`cards[card-ad].lane`)
 * @error: return location for a #WF_SQLITE_ERROR, or a
 *   #WF_JOURNEY_ERROR_INVALID for wrong content
 *
 * Reads one document, checking what the schema cannot: unique ids across
 * tables, references, enumerations, ranges and text encoding.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL
 */
WfDocument *
wf_sqlite_read_document (sqlite3     *db,
                         gint64       doc,
                         GPtrArray  **problems,
                         GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_problem_free);
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(WfDocument) document = wf_document_new ();
  sqlite3_stmt *stmt = NULL;
  Reader r = { db, doc, document, found, items, "documents", NULL };
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  if (!wf_sqlite_exec (db, "SAVEPOINT read_document", error))
    return NULL;

  if (!(stmt = query (&r, "SELECT title, description, created, modified, extra"
                          " FROM documents WHERE id = ?1", error)))
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NO_DOCUMENT,
                   _("The database holds no document %d"), (int) doc);
      goto fail;
    }
  else if (rc != SQLITE_ROW)
    {
      wf_sqlite_set_error (error, db, rc);
      goto fail;
    }

  wf_document_set_title (document, text_or_empty (&r, stmt, 0));
  wf_document_set_description (document, text_or_empty (&r, stmt, 1));
  wf_document_set_created (document, text (&r, stmt, 2));
  wf_document_set_modified (document, text (&r, stmt, 3));
  read_extra (&r, stmt, 4, document);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!read_personas (&r, error) || !read_maps (&r, error))
    goto fail;

  sqlite3_exec (db, "RELEASE read_document", NULL, NULL, NULL);

  if (found->len > 0)
    {
      wf_problems_set_error (error, WF_JOURNEY_ERROR_INVALID, found);
      g_clear_object (&document);
    }

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return g_steal_pointer (&document);

fail:
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "ROLLBACK TO read_document; RELEASE read_document", NULL, NULL, NULL);
  return NULL;
}

/**
 * wf_sqlite_count_documents:
 * @db: a database with the current schema
 * @first: (out) (optional): the id of the first document
 *
 * Returns: how many documents (not in the trash) @db holds
 */
guint
wf_sqlite_count_documents (sqlite3 *db,
                           gint64  *first)
{
  gint64 n = 0, id = 0;

  query_int (db, "SELECT count(*) FROM documents WHERE trashed = 0", &n, NULL);
  query_int (db, "SELECT min(id) FROM documents WHERE trashed = 0", &id, NULL);

  if (first != NULL)
    *first = id;

  return n;
}

/* Standalone .sqlite files */

/* Reads the one document of a database that is open in memory, after
 * bringing it to the current schema there; the file itself is not
 * changed.
 */
static WfDocument *
load_memory (sqlite3     *db,
             GPtrArray  **problems,
             GError     **error)
{
  gint64 doc = 0;
  guint n;

  sqlite3_extended_result_codes (db, 1);
  harden (db, FALSE);

  if (!wf_sqlite_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !check_integrity (db, error) ||
      !wf_sqlite_prepare (db, error))
    return NULL;

  n = wf_sqlite_count_documents (db, &doc);
  if (n != 1)
    {
      g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NO_DOCUMENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The database holds %u document; a .sqlite file holds exactly one",
                                "The database holds %u documents; a .sqlite file holds exactly one",
                                n),
                   n);
      return NULL;
    }

  return wf_sqlite_read_document (db, doc, problems, error);
}

static sqlite3 *
open_memory (GError **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      wf_sqlite_set_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

/**
 * wf_sqlite_load_bytes:
 * @bytes: the content of a .sqlite file
 * @problems: (out) (optional) (element-type WfProblem): see
 *   wf_sqlite_read_document()
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the one document of @bytes
 */
WfDocument *
wf_sqlite_load_bytes (GBytes     *bytes,
                      GPtrArray **problems,
                      GError    **error)
{
  sqlite3 *db;
  WfDocument *document;
  unsigned char *copy;
  gsize len;
  const void *data;
  int rc;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  data = g_bytes_get_data (bytes, &len);
  if (len < 100 || memcmp (data, "SQLite format 3", 16) != 0)
    {
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NOT_DATABASE,
                           _("The file is not an SQLite database"));
      return NULL;
    }

  if (!(db = open_memory (error)))
    return NULL;

  copy = sqlite3_malloc64 (len);
  if (copy == NULL)
    {
      sqlite3_close (db);
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_FAILED,
                           _("Not enough memory to open the database"));
      return NULL;
    }
  memcpy (copy, data, len);

  /* A file written in WAL mode reads as rollback mode from memory. */
  if (copy[18] == 2 && copy[19] == 2)
    copy[18] = copy[19] = 1;

  rc = sqlite3_deserialize (db, "main", copy, len, len,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK)
    {
      wf_sqlite_set_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  document = load_memory (db, problems, error);
  sqlite3_close (db);

  return document;
}

/**
 * wf_sqlite_load_file:
 *
 * Reads the one document of a .sqlite file. The file is copied into
 * memory first, so it is never changed, not even by a migration, and a
 * file another program holds open is read as it was last committed.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL
 */
WfDocument *
wf_sqlite_load_file (GFile         *file,
                     GPtrArray    **problems,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = NULL;
  sqlite3 *source = NULL, *db = NULL;
  sqlite3_backup *backup;
  WfDocument *document = NULL;
  char header[16] = { 0 };
  FILE *f;
  int rc;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (problems != NULL)
    *problems = NULL;

  if (!(path = g_file_get_path (file)))
    {
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, cancellable, NULL, error);

      return bytes ? wf_sqlite_load_bytes (bytes, problems, error) : NULL;
    }

  /* Say plainly what is wrong with a file that is missing or not SQLite,
   * rather than what SQLite makes of it.
   */
  if (!(f = g_fopen (path, "rb")))
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      return NULL;
    }
  if (fread (header, 1, sizeof header, f) != sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      fclose (f);
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NOT_DATABASE,
                           _("The file is not an SQLite database"));
      return NULL;
    }
  fclose (f);

  rc = sqlite3_open_v2 (path, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      wf_sqlite_set_error (error, source, rc);
      goto out;
    }
  sqlite3_extended_result_codes (source, 1);
  harden (source, FALSE);

  if (!(db = open_memory (error)))
    goto out;

  backup = sqlite3_backup_init (db, "main", source, "main");
  if (backup == NULL)
    {
      wf_sqlite_set_error (error, db, sqlite3_errcode (db));
      goto out;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      wf_sqlite_set_error (error, source, rc);
      goto out;
    }

  document = load_memory (db, problems, error);

out:
  sqlite3_close (source);
  sqlite3_close (db);
  return document;
}

/**
 * wf_sqlite_to_bytes:
 *
 * Returns: (transfer full): a .sqlite file holding @document
 */
GBytes *
wf_sqlite_to_bytes (WfDocument  *document,
                    GError     **error)
{
  sqlite3 *db;
  unsigned char *data;
  sqlite3_int64 size = 0;
  GBytes *bytes = NULL;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);

  if (!(db = open_memory (error)))
    return NULL;

  if (wf_sqlite_exec (db, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = OFF", error) &&
      wf_sqlite_prepare (db, error) &&
      wf_sqlite_exec (db, "BEGIN", error) &&
      wf_sqlite_insert_document (db, document, error) != 0 &&
      wf_sqlite_exec (db, "COMMIT", error) &&
      wf_sqlite_exec (db, "VACUUM", error))
    {
      data = sqlite3_serialize (db, "main", &size, 0);
      if (data != NULL)
        bytes = g_bytes_new_with_free_func (data, size, sqlite3_free, data);
      else
        g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_FAILED,
                             _("Not enough memory to write the database"));
    }

  sqlite3_close (db);
  return bytes;
}

/**
 * wf_sqlite_save_file:
 *
 * Writes @document as a .sqlite file, atomically: the file is either the
 * old one or the complete new one (wf_atomic_write(), which also removes
 * what a killed save of @file left). An error names @file.
 */
gboolean
wf_sqlite_save_file (WfDocument    *document,
                     GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(bytes = wf_sqlite_to_bytes (document, error)))
    return FALSE;

  /* As wf_journey_save_file() says it. */
  if (!wf_atomic_write (file, bytes, WF_ATOMIC_DURABLE, cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not save “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}
