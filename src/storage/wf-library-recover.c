/* wf-library-recover.c — what can still be read of a damaged library
 *
 * wf_library_open() sets a damaged library.sqlite aside and calls
 * wf_library_recover() to bring every document that can still be read
 * into the new, empty library. SQLite's recovery extension
 * (sqlite3_recover) is not in the SQLite that Debian 12 ships, so this
 * reads the damaged file itself, defensively:
 *
 * 1. It opens the file without writing to it: as an immutable URI or, if
 *    a -wal or -journal lies beside it (the last transactions), a copy of
 *    them in a temporary folder, where SQLite may apply them. If the
 *    schema itself is damaged, a copy gets the schema pages of a new
 *    library, which are where every library has them.
 * 2. It copies every row it can read into a scratch database in memory,
 *    table by table in rowid order. When a read fails (SQLITE_CORRUPT, a
 *    page past the end of a cut-off file), it skips the damaged stretch:
 *    it looks for the first rowid past it where reading works again,
 *    doubling the step and then bisecting.
 * 3. It reads each document from the scratch database with the reader
 *    Wayfinder always uses. The rows that reader finds wrong (a card
 *    whose lane was lost, text that is no longer UTF-8) are dropped, or
 *    their column emptied, and it reads again.
 * 4. A document of which no map could be read is rebuilt from its newest
 *    revision that can be read; its revisions come along in any case.
 *
 * What the damaged file's indexes still count tells which documents were
 * recovered only in part. docs/sqlite.md describes this for people.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wf-journey.h"
#include "wf-library-private.h"
#include "wf-sqlite.h"

/* The tables, in the order they are copied; card_search is rebuilt.
 * The pictures (images, of no one document) come along whole: the
 * reader takes those that are still whole and leaves out the others. */
static const char * const tables[] = {
  "documents", "personas", "maps", "phases", "lanes", "cards",
  "card_metrics", "card_metric_values", "card_tags", "links", "revisions",
  "phase_metrics", "phase_metric_values", "map_dismissed", "images", "revision_images",
};

/* The tables of an item's lists, by the column that names the item, in
 * pairs that go together: a problem in one drops the item's rows of both.
 */
static const struct
{
  const char *table;
  const char *item;
  const char *other;
} list_tables[] = {
  { "card_metrics", "card", "card_metric_values" },
  { "card_metric_values", "card", "card_metrics" },
  { "card_tags", "card", NULL },
  { "phase_metrics", "phase", "phase_metric_values" },
  { "phase_metric_values", "phase", "phase_metrics" },
  { "map_dismissed", "map", NULL },
};

/* The tables whose rows hold a document's items, keyed by (doc, id). */
static const char * const item_tables[] = {
  "personas", "maps", "phases", "lanes", "cards", "links",
};

/* A damaged stretch of a table of content: documents from @after to
 * @before (by id: rows are written in the order documents are added) may
 * have had rows there.
 */
typedef struct
{
  gint64 after;
  gint64 before;
} Gap;

typedef struct
{
  sqlite3    *damaged;
  sqlite3    *scratch;
  char       *tmpdir;      /* nullable: the copy that is read */
  guint       n_damaged;   /* damaged stretches skipped */
  GArray     *gaps;        /* Gap, in the tables of content */
  GHashTable *patched;     /* documents given stand-ins for lost rows */
} Salvage;

static void
salvage_clear (Salvage *s)
{
  sqlite3_close (s->damaged);
  sqlite3_close (s->scratch);
  g_clear_pointer (&s->gaps, g_array_unref);
  g_clear_pointer (&s->patched, g_hash_table_unref);

  if (s->tmpdir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (s->tmpdir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)))
        {
          g_autofree char *file = g_build_filename (s->tmpdir, name, NULL);
          g_remove (file);
        }
      g_rmdir (s->tmpdir);
      g_free (s->tmpdir);
    }
}

static gboolean
is_known (const char * const *names,
          guint               n_names,
          const char         *name)
{
  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (names[i], name))
      return TRUE;

  return FALSE;
}

/* Opening the damaged file */

static gboolean
has_side_file (const char *path,
               const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);
  GStatBuf buf;

  return g_stat (side, &buf) == 0 && buf.st_size > 0;
}

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, destination, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    {
      g_debug ("Recovery: %s cannot be copied: %s", from, error->message);
      return FALSE;
    }

  return TRUE;
}

/* No integrity check here, it fails: only the schema must be readable.
 * Of a schema that is itself damaged, writable_schema lets SQLite skip
 * the entries it cannot parse (nothing is written: the file is read-only
 * or a copy).
 */
static sqlite3 *
open_for_salvage (const char *filename,
                  int         flags)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (filename, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_debug ("Recovery: %s cannot be opened: %s", filename, db ? sqlite3_errmsg (db) : "?");
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_busy_timeout (db, 2000);

  if (sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("Recovery: the schema of %s cannot be read (%s); skipping what is damaged in it",
               filename, sqlite3_errmsg (db));
      sqlite3_exec (db, "PRAGMA writable_schema = ON", NULL, NULL, NULL);

      if (sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)
        {
          g_debug ("Recovery: the schema of %s cannot be read at all: %s", filename, sqlite3_errmsg (db));
          sqlite3_close (db);
          return NULL;
        }
    }

  return db;
}

/* The pages of the schema in a library as Wayfinder creates it. */
static GArray *
schema_pages (const char  *template,
              GBytes     **bytes)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  char *contents;
  gsize len;

  if (!(db = wf_sqlite_open (template, FALSE, &error)))
    {
      g_debug ("Recovery: no new schema to compare with: %s", error->message);
      return NULL;
    }

  if (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' ORDER BY pageno",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          guint page = sqlite3_column_int (stmt, 0);
          g_array_append_val (pages, page);
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);

  if (pages->len == 0 || !g_file_get_contents (template, &contents, &len, NULL))
    return NULL;

  *bytes = g_bytes_new_take (contents, len);
  return g_steal_pointer (&pages);
}

/* A library whose schema cannot be read: its pages are where every
 * library Wayfinder made has them, since the schema is created in an
 * empty file, always the same way, and never changes after. A copy of
 * the file gets them from a new library; the tables' root pages are then
 * found where they are. (A library made by a Wayfinder before the search
 * table has its schema elsewhere; then this finds nothing.)
 */
static sqlite3 *
open_with_known_schema (Salvage    *s,
                        const char *path)
{
  g_autofree char *template = NULL;
  g_autofree char *spliced = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GBytes) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = NULL;
  const guint8 *fresh;
  gsize len, fresh_len;
  guint page_size = 4096;

  if (s->tmpdir == NULL && !(s->tmpdir = g_dir_make_tmp ("wayfinder-recovery-XXXXXX", &error)))
    return NULL;

  template = g_build_filename (s->tmpdir, "schema.sqlite", NULL);
  spliced = g_build_filename (s->tmpdir, "spliced.sqlite", NULL);

  if (!g_file_get_contents (path, (char **) &data, &len, &error) ||
      !(pages = schema_pages (template, &schema)))
    return NULL;

  fresh = g_bytes_get_data (schema, &fresh_len);
  if (fresh_len >= 100)
    page_size = (fresh[16] << 8) | fresh[17];

  /* Another page size: then nothing is where the schema says. */
  if (len >= 100 && memcmp (data, "SQLite format 3", 16) == 0 &&
      ((data[16] << 8) | data[17]) != page_size)
    return NULL;

  for (guint i = 0; i < pages->len; i++)
    {
      gsize offset = (gsize) (g_array_index (pages, guint, i) - 1) * page_size;

      if (offset + page_size > fresh_len)
        return NULL;
      if (offset + page_size > len)
        {
          data = g_realloc (data, offset + page_size);
          memset (data + len, 0, offset + page_size - len);
          len = offset + page_size;
        }
      memcpy (data + offset, fresh + offset, page_size);
    }

  /* The size in the header is the new library's: SQLite is to count the
   * pages of the file instead.
   */
  memset (data + 28, 0, 4);

  if (!g_file_set_contents (spliced, (const char *) data, len, &error))
    {
      g_debug ("Recovery: %s", error->message);
      return NULL;
    }

  g_debug ("Recovery: reading %s with the schema pages of a new library", path);
  return open_for_salvage (spliced, SQLITE_OPEN_READWRITE);
}

static sqlite3 *
open_damaged (Salvage    *s,
              const char *path)
{
  g_autofree char *uri = NULL;
  sqlite3 *db;

  if (has_side_file (path, "-wal") || has_side_file (path, "-journal"))
    {
      g_autoptr(GError) error = NULL;

      if ((s->tmpdir = g_dir_make_tmp ("wayfinder-recovery-XXXXXX", &error)))
        {
          g_autofree char *copy = g_build_filename (s->tmpdir, "library.sqlite", NULL);
          gboolean copied = copy_file (path, copy);

          for (guint i = 0; copied && i < 2; i++)
            {
              const char *suffix = i == 0 ? "-wal" : "-journal";
              g_autofree char *side = g_strconcat (path, suffix, NULL);
              g_autofree char *side_copy = g_strconcat (copy, suffix, NULL);

              if (g_file_test (side, G_FILE_TEST_EXISTS))
                copied = copy_file (side, side_copy);
            }

          if (copied && (db = open_for_salvage (copy, SQLITE_OPEN_READWRITE)))
            return db;
        }
      else
        g_debug ("Recovery: no temporary folder: %s", error->message);

      g_debug ("Recovery: reading %s without its -wal or -journal", path);
    }

  uri = wf_sqlite_uri_for_path (path, TRUE);
  if ((db = open_for_salvage (uri ? uri : path, SQLITE_OPEN_READONLY | (uri ? SQLITE_OPEN_URI : 0))))
    return db;

  return open_with_known_schema (s, path);
}

/* Copying the rows that can be read */

typedef struct
{
  char     *name;
  gboolean  not_null;
  char     *default_value;
} Column;

static void
column_free (Column *column)
{
  g_free (column->name);
  g_free (column->default_value);
  g_free (column);
}

/* The columns of @table, and whether its primary key is the rowid. */
static GPtrArray *
get_columns (sqlite3    *db,
             const char *table,
             gboolean   *rowid_key)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  sqlite3_stmt *stmt = NULL;
  guint n_keys = 0;
  gboolean integer_key = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT name, \"notnull\", dflt_value, pk, upper (type)"
                              " FROM pragma_table_info (?1)", -1, &stmt, NULL) != SQLITE_OK)
    return columns;

  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Column *column = g_new0 (Column, 1);

      column->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      column->not_null = sqlite3_column_int (stmt, 1) != 0;
      column->default_value = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      if (sqlite3_column_int (stmt, 3) > 0)
        {
          n_keys++;
          integer_key = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "INTEGER") == 0;
        }

      if (column->name != NULL)
        g_ptr_array_add (columns, column);
      else
        column_free (column);
    }
  sqlite3_finalize (stmt);

  if (rowid_key != NULL)
    *rowid_key = n_keys == 1 && integer_key;

  return columns;
}

static Column *
find_column (GPtrArray  *columns,
             const char *name)
{
  for (guint i = 0; i < columns->len; i++)
    {
      Column *column = g_ptr_array_index (columns, i);

      if (g_str_equal (column->name, name))
        return column;
    }

  return NULL;
}

/* Double quotes for an identifier; the names come from our own schema. */
static void
append_name (GString    *sql,
             const char *name)
{
  g_string_append_c (sql, '"');
  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (sql, '"');
      g_string_append_c (sql, *p);
    }
  g_string_append_c (sql, '"');
}

static int
seek (sqlite3_stmt *select,
      gint64        from)
{
  sqlite3_reset (select);
  sqlite3_bind_int64 (select, 1, from);

  return sqlite3_step (select);
}

static gboolean
readable (sqlite3_stmt *select,
          gint64        from)
{
  int rc = seek (select, from);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The first rowid from @start on where reading works again: reading
 * from a rowid in a damaged page (or below a damaged interior page)
 * fails, reading from one past it works. The step doubles until reading
 * works, then the gap is bisected, so that no readable row after the
 * damage is skipped.
 */
static gboolean
next_readable (sqlite3_stmt *select,
               gint64        start,
               gint64       *next)
{
  gint64 bad = start, good;
  guint64 step = 1;

  for (;;)
    {
      good = (guint64) G_MAXINT64 - (guint64) bad <= step ? G_MAXINT64 : (gint64) ((guint64) bad + step);

      if (readable (select, good))
        break;
      if (good == G_MAXINT64)
        return FALSE;

      bad = good;
      step *= 2;
    }

  while ((guint64) good - (guint64) bad > 1)
    {
      gint64 mid = (gint64) ((guint64) bad + ((guint64) good - (guint64) bad) / 2);

      if (readable (select, mid))
        good = mid;
      else
        bad = mid;
    }

  *next = good;
  return TRUE;
}

/* Returns: (nullable): the gap to complete with the document after it */
static Gap *
note_damage (Salvage    *s,
             const char *table,
             gint64      after)
{
  Gap gap = { after, G_MAXINT64 };

  s->n_damaged++;
  if (g_str_equal (table, "documents") || g_str_equal (table, "revisions"))
    return NULL;

  g_array_append_val (s->gaps, gap);
  return &g_array_index (s->gaps, Gap, s->gaps->len - 1);
}

/* Copies every row of @table that can be read, with its rowid. */
static void
salvage_table (Salvage    *s,
               const char *table)
{
  g_autoptr(GPtrArray) from_columns = get_columns (s->damaged, table, NULL);
  g_autoptr(GPtrArray) to_columns = NULL;
  g_autoptr(GString) select_sql = g_string_new ("SELECT rowid");
  g_autoptr(GString) insert_sql = g_string_new ("INSERT OR IGNORE INTO ");
  g_autoptr(GString) values = g_string_new (NULL);
  sqlite3_stmt *select = NULL, *insert = NULL;
  gboolean rowid_key = FALSE;
  guint n_columns = 0, n_rows = 0, n_stretches = 0;
  gint64 from = G_MININT64;
  gint64 last_doc = G_MININT64;
  int doc_column = -1;
  guint gap = G_MAXUINT;

  to_columns = get_columns (s->scratch, table, &rowid_key);
  append_name (insert_sql, table);
  g_string_append (insert_sql, " (");
  if (!rowid_key)
    {
      g_string_append (insert_sql, "rowid");
      g_string_append (values, "?");
    }

  /* The columns both have: a library of an older schema lacks some. */
  for (guint i = 0; i < from_columns->len; i++)
    {
      Column *column = g_ptr_array_index (from_columns, i);

      if (!find_column (to_columns, column->name))
        continue;

      if (g_str_equal (column->name, "doc"))
        doc_column = n_columns + 1;

      g_string_append (select_sql, ", ");
      append_name (select_sql, column->name);
      if (values->len > 0)
        {
          g_string_append (insert_sql, ", ");
          g_string_append (values, ", ");
        }
      append_name (insert_sql, column->name);
      g_string_append (values, "?");
      n_columns++;
    }

  g_string_append (select_sql, " FROM ");
  append_name (select_sql, table);
  g_string_append (select_sql, " WHERE rowid >= ?1 ORDER BY rowid");
  g_string_append_printf (insert_sql, ") VALUES (%s)", values->str);

  if (n_columns == 0 ||
      sqlite3_prepare_v2 (s->damaged, select_sql->str, -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (s->scratch, insert_sql->str, -1, &insert, NULL) != SQLITE_OK)
    {
      g_debug ("Recovery: table %s cannot be read: %s", table,
               n_columns == 0 ? "not in the schema" : sqlite3_errmsg (select ? s->scratch : s->damaged));
      note_damage (s, table, G_MININT64);
      sqlite3_finalize (select);
      return;
    }

  /* Each round reads from @from until the end or until damage. */
  for (;;)
    {
      gboolean any = FALSE;
      gint64 last = 0;
      int rc = seek (select, from);

      while (rc == SQLITE_ROW)
        {
          gint64 rowid = sqlite3_column_int64 (select, 0);
          int first = rowid_key ? 1 : 2;

          /* A damaged page can hold rows out of order. */
          if (rowid < from || (any && rowid <= last))
            {
              rc = SQLITE_CORRUPT;
              break;
            }

          /* The documents a damaged stretch before this row may have
           * held rows of end with this one's.
           */
          if (doc_column >= 0 && sqlite3_column_type (select, doc_column) == SQLITE_INTEGER)
            last_doc = sqlite3_column_int64 (select, doc_column);
          if (gap != G_MAXUINT)
            {
              g_array_index (s->gaps, Gap, gap).before = doc_column >= 0 ? last_doc : G_MAXINT64;
              gap = G_MAXUINT;
            }

          if (!rowid_key)
            sqlite3_bind_int64 (insert, 1, rowid);
          for (guint i = 0; i < n_columns; i++)
            sqlite3_bind_value (insert, first + i, sqlite3_column_value (select, i + 1));
          if (sqlite3_step (insert) == SQLITE_DONE && sqlite3_changes (s->scratch) > 0)
            n_rows++;
          sqlite3_reset (insert);
          sqlite3_clear_bindings (insert);

          last = rowid;
          any = TRUE;
          rc = sqlite3_step (select);
        }

      if (rc == SQLITE_DONE)
        break;

      g_debug ("Recovery: table %s is damaged after rowid %" G_GINT64_FORMAT ": %s",
               table, any ? last : from, sqlite3_errstr (rc));
      if (note_damage (s, table, doc_column >= 0 ? last_doc : G_MININT64))
        gap = s->gaps->len - 1;
      n_stretches++;

      if (any && last == G_MAXINT64)
        break;
      if (!next_readable (select, any ? last + 1 : from, &from))
        break;
    }

  g_debug ("Recovery: table %s: %u rows copied, %u damaged stretches skipped", table, n_rows, n_stretches);
  sqlite3_finalize (select);
  sqlite3_finalize (insert);
}

/* Rows of documents whose own row was lost get one, so that their other
 * rows can be read.
 */
static void
add_lost_documents (Salvage *s)
{
  sqlite3_exec (s->scratch,
                "CREATE TEMP TABLE lost AS"
                " SELECT doc FROM personas UNION SELECT doc FROM maps UNION SELECT doc FROM revisions"
                " EXCEPT SELECT id FROM documents;"
                "INSERT OR IGNORE INTO documents (id, title) SELECT doc, '' FROM temp.lost",
                NULL, NULL, NULL);
}

/* Stand-ins for lost maps, phases and lanes, so that the cards placed in
 * them are not lost with them: a card is what a team wrote, a phase or
 * lane only a heading that is easily written again.
 */
static void
add_stand_ins (Salvage *s)
{
  static const char * const sql[] = {
    "INSERT OR IGNORE INTO maps (doc, id, position, title)"
    " SELECT doc, map, 1000000 + min (rowid), ?1 FROM"
    "  (SELECT doc, map, rowid FROM phases UNION ALL SELECT doc, map, rowid FROM lanes"
    "   UNION ALL SELECT doc, map, key FROM cards) r"
    " WHERE NOT EXISTS (SELECT 1 FROM maps m WHERE m.doc = r.doc AND m.id = r.map)"
    " GROUP BY doc, map RETURNING doc",
    "INSERT OR IGNORE INTO phases (doc, id, map, position, name)"
    " SELECT doc, phase, map, 1000000 + min (key), ?1 FROM cards c"
    " WHERE NOT EXISTS (SELECT 1 FROM phases p WHERE p.doc = c.doc AND p.id = c.phase)"
    " GROUP BY doc, phase RETURNING doc",
    "INSERT OR IGNORE INTO lanes (doc, id, map, position, kind, title)"
    " SELECT doc, lane, map, 1000000 + min (key), 'notes', ?1 FROM cards c"
    " WHERE NOT EXISTS (SELECT 1 FROM lanes l WHERE l.doc = c.doc AND l.id = c.lane)"
    " GROUP BY doc, lane RETURNING doc",
  };
  const char *titles[] = {
    _("Recovered Map"),
    _("Recovered Phase"),
    _("Recovered Lane"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (s->scratch, sql[i], -1, &stmt, NULL) != SQLITE_OK)
        {
          g_debug ("Recovery: no stand-ins: %s", sqlite3_errmsg (s->scratch));
          continue;
        }

      sqlite3_bind_text (stmt, 1, titles[i], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (s->patched, GINT_TO_POINTER (sqlite3_column_int64 (stmt, 0)));
      sqlite3_finalize (stmt);
    }
}

/* Reading each document */

static int
exec_bound (sqlite3    *db,
            const char *sql,
            gint64      doc,
            const char *id)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    return rc;

  sqlite3_bind_int64 (stmt, 1, doc);
  if (id != NULL)
    sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return rc;
}

static gboolean
is_good_text (sqlite3_stmt *stmt,
              int           column)
{
  const char *value = (const char *) sqlite3_column_text (stmt, column);
  int len = sqlite3_column_bytes (stmt, column);

  return value != NULL && *value != '\0' && (int) strlen (value) == len && g_utf8_validate (value, len, NULL);
}

/* Rows of @table without an id the reader can use. */
static void
drop_bad_ids (Salvage    *s,
              const char *table,
              gint64      doc)
{
  g_autoptr(GArray) doomed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *select = g_strdup_printf ("SELECT rowid, id FROM \"%s\" WHERE doc = ?1", table);
  g_autofree char *delete = g_strdup_printf ("DELETE FROM \"%s\" WHERE rowid = ?1", table);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (s->scratch, select, -1, &stmt, NULL) != SQLITE_OK)
    return;

  sqlite3_bind_int64 (stmt, 1, doc);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (!is_good_text (stmt, 1))
      {
        gint64 rowid = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (doomed, rowid);
      }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < doomed->len; i++)
    exec_bound (s->scratch, delete, g_array_index (doomed, gint64, i), NULL);
}

/* The document's own row: what the reader reports about it has no
 * column, so every column but the title is reset, and the title too if
 * it is not text.
 */
static void
repair_document_row (Salvage *s,
                     gint64   doc)
{
  sqlite3_stmt *stmt = NULL;
  gboolean good_title = FALSE;

  exec_bound (s->scratch,
              "UPDATE documents SET description = '', created = NULL, modified = NULL, extra = NULL"
              " WHERE id = ?1 AND (description <> '' OR created IS NOT NULL OR modified IS NOT NULL"
              "                    OR extra IS NOT NULL)", doc, NULL);

  if (sqlite3_prepare_v2 (s->scratch, "SELECT title FROM documents WHERE id = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, doc);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        good_title = sqlite3_column_type (stmt, 0) == SQLITE_TEXT &&
                     (is_good_text (stmt, 0) || sqlite3_column_bytes (stmt, 0) == 0);
      sqlite3_finalize (stmt);
    }

  if (!good_title)
    exec_bound (s->scratch, "UPDATE documents SET title = '' WHERE id = ?1 AND title IS NOT ''", doc, NULL);
}

/* Makes the reader's complaint about one row go away: the row goes if
 * it cannot be placed without the column (its id, its map, phase, lane
 * or cards), else the column is emptied.
 */
static void
repair (Salvage    *s,
        gint64      doc,
        const char *table,
        const char *id,
        const char *column)
{
  static const char * const vital[] = { "id", "kind", "phase", "lane", "map", "from_card", "to_card" };
  g_autoptr(GPtrArray) columns = NULL;
  g_autofree char *sql = NULL;
  Column *c;

  if (g_str_equal (table, "documents"))
    {
      repair_document_row (s, doc);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (list_tables); i++)
    {
      if (!g_str_equal (table, list_tables[i].table))
        continue;

      if (id != NULL)
        {
          sql = g_strdup_printf ("DELETE FROM %s WHERE doc = ?1 AND %s = ?2",
                                 table, list_tables[i].item);
          exec_bound (s->scratch, sql, doc, id);
          g_clear_pointer (&sql, g_free);
          if (list_tables[i].other != NULL)
            {
              sql = g_strdup_printf ("DELETE FROM %s WHERE doc = ?1 AND %s = ?2",
                                     list_tables[i].other, list_tables[i].item);
              exec_bound (s->scratch, sql, doc, id);
            }
        }
      return;
    }

  if (!is_known (item_tables, G_N_ELEMENTS (item_tables), table))
    return;

  if (id == NULL)
    {
      drop_bad_ids (s, table, doc);
      return;
    }

  columns = get_columns (s->scratch, table, NULL);
  c = column != NULL ? find_column (columns, column) : NULL;

  if (c != NULL && !is_known (vital, G_N_ELEMENTS (vital), column))
    {
      g_autoptr(GString) update = g_string_new ("UPDATE ");

      append_name (update, table);
      g_string_append (update, " SET ");
      append_name (update, c->name);
      if (!c->not_null)
        g_string_append (update, " = NULL");
      else if (c->default_value != NULL)
        g_string_append_printf (update, " = %s", c->default_value);
      else
        goto drop;
      g_string_append (update, " WHERE doc = ?1 AND id = ?2");

      if (exec_bound (s->scratch, update->str, doc, id) == SQLITE_DONE)
        return;
    }

drop:
  sql = g_strdup_printf ("DELETE FROM %s WHERE doc = ?1 AND id = ?2", table);
  exec_bound (s->scratch, sql, doc, id);
}

/* The row a problem is about, by the reader's own names for it: the
 * message quotes only the start of a long or odd id.
 */
static void
repair_problem (Salvage         *s,
                gint64           doc,
                const WfProblem *problem)
{
  g_debug ("Recovery: document %" G_GINT64_FORMAT ": %s: %s", doc, problem->where, problem->message);
  repair (s, doc, problem->table ? problem->table : problem->where, problem->row, problem->column);
}

/* How many passes of repairs bring to light what the last one caused;
 * fewer for a test, which then needs fewer broken rows. */
static guint max_passes = 16;

void
_wf_library_set_recover_passes (guint n)
{
  max_passes = n;
}

/* The document as the reader takes it, after dropping what it rejects. */
static WfDocument *
read_document (Salvage  *s,
               gint64    doc,
               gboolean *repaired)
{
  /* A repair can bring the next problem to light (a card whose lane was
   * dropped): sixteen passes (max_passes) are plenty for that. A pass that was handed
   * only the first WF_PROBLEMS_MAX_KEPT problems does not count as one:
   * it repairs that many rows, and the next pass gets the next ones.
   */
  for (guint attempt = 0; attempt < max_passes; )
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      WfDocument *document = wf_sqlite_read_document (s->scratch, doc, &problems, &error);
      int changes = sqlite3_total_changes (s->scratch);

      if (document != NULL)
        return document;

      if (!g_error_matches (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID) || problems == NULL)
        {
          g_debug ("Recovery: document %" G_GINT64_FORMAT " cannot be read: %s", doc, error->message);
          return NULL;
        }

      for (guint i = 0; i < problems->len; i++)
        repair_problem (s, doc, g_ptr_array_index (problems, i));
      *repaired = TRUE;

      if (problems->len < WF_PROBLEMS_MAX_KEPT)
        attempt++;

      if (sqlite3_total_changes (s->scratch) == changes)
        break;
    }

  g_debug ("Recovery: document %" G_GINT64_FORMAT " still has problems", doc);
  return NULL;
}

/* How many rows of @doc @table has in @db, from an index when one covers
 * it (of the damaged file: the index may still be whole where the table
 * is not); -1 when that cannot be read.
 */
static int
count_rows (sqlite3    *db,
            const char *table,
            gint64      doc)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE doc = ?1", table);
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  if (db == NULL || sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return -1;

  sqlite3_bind_int64 (stmt, 1, doc);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* Whether rows of @doc are known to be lost (*@unknown: or it cannot be
 * told from the damaged file's indexes, and a damaged stretch may have
 * held some).
 */
static gboolean
lost_rows (Salvage  *s,
           gint64    doc,
           gboolean *unknown)
{
  gboolean lost = FALSE;

  *unknown = FALSE;

  /* The items, and what their lists hold: figures lost are lost too. */
  for (guint i = 0; i < G_N_ELEMENTS (item_tables) + G_N_ELEMENTS (list_tables); i++)
    {
      const char *table = i < G_N_ELEMENTS (item_tables) ? item_tables[i]
                                                         : list_tables[i - G_N_ELEMENTS (item_tables)].table;
      int before, now;

      /* A library of an older schema has no table of figures. */
      if (i >= G_N_ELEMENTS (item_tables) && s->damaged != NULL)
        {
          g_autoptr(GPtrArray) columns = get_columns (s->damaged, table, NULL);

          if (columns->len == 0)
            continue;
        }

      before = count_rows (s->damaged, table, doc);
      now = count_rows (s->scratch, table, doc);

      if (before < 0)
        {
          for (guint g = 0; g < s->gaps->len; g++)
            {
              Gap *gap = &g_array_index (s->gaps, Gap, g);

              /* Rows of a document edited after it was added are written
               * after those of the documents added since: a stretch up
               * to the end of the table may have held rows of any.
               */
              if ((gap->after <= doc && doc <= gap->before) || gap->before == G_MAXINT64)
                *unknown = TRUE;
            }
        }
      else if (now < before)
        lost = TRUE;
    }

  return lost;
}

/* Its revisions, as they were. */
static void
copy_revisions (Salvage   *s,
                WfLibrary *library,
                gint64     doc,
                gint64     id)
{
  sqlite3 *db = wf_library_get_db (library);
  sqlite3_stmt *select = NULL, *insert = NULL;
  sqlite3_stmt *select_images = NULL, *insert_image = NULL, *insert_name = NULL;

  if (sqlite3_prepare_v2 (s->scratch, "SELECT time, kind, changes, cards, content, id FROM revisions"
                                      " WHERE doc = ?1 ORDER BY id", -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO revisions (doc, time, kind, changes, cards, content)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &insert, NULL) != SQLITE_OK ||
      /* Its pictures: the revision names them by hash. */
      sqlite3_prepare_v2 (s->scratch, "SELECT r.hash, i.type, i.bytes, i.width, i.height"
                                      " FROM revision_images r LEFT JOIN images i ON i.hash = r.hash"
                                      " WHERE r.revision = ?1", -1, &select_images, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO images (hash, type, bytes, width, height)"
                              " SELECT ?1, ?2, ?3, ?4, ?5 WHERE ?3 IS NOT NULL"
                              " AND NOT EXISTS (SELECT 1 FROM images WHERE hash = ?1)",
                          -1, &insert_image, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO revision_images (revision, hash) VALUES (?1, ?2)",
                          -1, &insert_name, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (select);
      sqlite3_finalize (insert);
      sqlite3_finalize (select_images);
      sqlite3_finalize (insert_image);
      return;
    }

  sqlite3_exec (db, "SAVEPOINT revisions", NULL, NULL, NULL);
  sqlite3_bind_int64 (select, 1, doc);
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      gint64 revision;

      sqlite3_bind_int64 (insert, 1, id);
      for (int i = 0; i < 5; i++)
        sqlite3_bind_value (insert, i + 2, sqlite3_column_value (select, i));
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          g_debug ("Recovery: a revision of document %" G_GINT64_FORMAT " is skipped: %s", doc, sqlite3_errmsg (db));
          sqlite3_reset (insert);
          continue;
        }
      sqlite3_reset (insert);
      revision = sqlite3_last_insert_rowid (db);

      sqlite3_bind_int64 (select_images, 1, sqlite3_column_int64 (select, 5));
      while (sqlite3_step (select_images) == SQLITE_ROW)
        {
          for (int i = 0; i < 5; i++)
            sqlite3_bind_value (insert_image, i + 1, sqlite3_column_value (select_images, i));
          sqlite3_step (insert_image);
          sqlite3_reset (insert_image);
          sqlite3_bind_int64 (insert_name, 1, revision);
          sqlite3_bind_value (insert_name, 2, sqlite3_column_value (select_images, 0));
          sqlite3_step (insert_name);
          sqlite3_reset (insert_name);
        }
      sqlite3_reset (select_images);
    }
  sqlite3_exec (db, "RELEASE revisions", NULL, NULL, NULL);

  sqlite3_finalize (select);
  sqlite3_finalize (insert);
  sqlite3_finalize (select_images);
  sqlite3_finalize (insert_image);
  sqlite3_finalize (insert_name);
}

/* The newest revision of @id that can be read and has a map. */
static WfDocument *
newest_revision (WfLibrary  *library,
                 gint64      id,
                 char      **time)
{
  g_autoptr(GPtrArray) revisions = wf_library_list_revisions (library, id, NULL);

  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      WfRevision *revision = g_ptr_array_index (revisions, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(WfDocument) document = wf_library_load_revision (library, revision->id, &error);

      if (document != NULL && wf_document_get_n_maps (document) > 0)
        {
          *time = g_strdup (revision->time);
          return g_steal_pointer (&document);
        }

      g_debug ("Recovery: revision %" G_GINT64_FORMAT " is of no use: %s", revision->id,
               error ? error->message : "no map");
    }

  return NULL;
}

/* Puts document @doc of the scratch database into @library and notes
 * what became of it.
 */
static void
recover_document (Salvage           *s,
                  WfLibrary         *library,
                  WfLibraryRecovery *recovery,
                  gint64             doc,
                  const char        *path,
                  const char        *changed,
                  gboolean           unsaved,
                  gboolean           row_lost)
{
  int expected_maps = count_rows (s->damaged, "maps", doc);
  int expected_cards = count_rows (s->damaged, "cards", doc);
  gboolean unknown, repaired = g_hash_table_contains (s->patched, GINT_TO_POINTER (doc));
  gboolean lost = lost_rows (s, doc, &unknown);
  g_autoptr(WfDocument) document = read_document (s, doc, &repaired);
  g_autoptr(GError) error = NULL;
  g_autofree char *revision_time = NULL;
  g_autoptr(GDateTime) changed_time = changed ? g_date_time_new_from_iso8601 (changed, NULL) : NULL;
  guint n_maps, n_cards;
  gint64 id;

  if (document == NULL)
    document = wf_document_new ();

  if (!(id = wf_library_add (library, document, path, &error)))
    {
      g_warning ("A recovered document could not be added to the new library: %s", error->message);
      return;
    }

  if (changed_time != NULL)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (wf_library_get_db (library), "UPDATE documents SET changed = ?2, unsaved = ?3"
                                                          " WHERE id = ?1", -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, changed, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 3, unsaved ? 1 : 0);
          sqlite3_step (stmt);
          sqlite3_finalize (stmt);
        }
    }

  copy_revisions (s, library, doc, id);

  /* Nothing of its maps could be read, but they are in a revision. */
  if (wf_document_get_n_maps (document) == 0 && expected_maps != 0)
    {
      g_autoptr(WfDocument) older = newest_revision (library, id, &revision_time);

      if (older != NULL && !wf_sqlite_write_content (wf_library_get_db (library), id, older, &error))
        {
          g_warning ("A recovered document could not be written to the new library: %s", error->message);
          g_clear_pointer (&revision_time, g_free);
        }
      else if (older != NULL)
        g_set_object (&document, older);
    }

  n_maps = wf_document_get_n_maps (document);
  n_cards = wf_document_count_cards (document);
  recovery->n_documents++;
  recovery->n_maps += n_maps;
  recovery->n_cards += n_cards;

  g_debug ("Recovery: document %" G_GINT64_FORMAT " “%s”: %u maps of %d, %u cards of %d%s%s%s%s",
           doc, wf_document_get_title (document), n_maps, expected_maps, n_cards, expected_cards,
           revision_time ? ", from a revision" : "", lost ? ", rows lost" : "",
           unknown ? ", rows may be lost" : "", repaired ? ", repaired" : "");

  if (row_lost || revision_time != NULL || lost || unknown || repaired ||
      (expected_maps >= 0 && (guint) expected_maps > n_maps) ||
      (expected_cards >= 0 && (guint) expected_cards > n_cards))
    {
      WfRecoveredDocument *incomplete = g_new0 (WfRecoveredDocument, 1);

      incomplete->title = g_strdup (wf_document_get_title (document));
      incomplete->n_maps = n_maps;
      incomplete->n_cards = n_cards;
      incomplete->expected_maps = revision_time ? -1 : expected_maps;
      incomplete->expected_cards = revision_time ? -1 : expected_cards;
      incomplete->revision = g_steal_pointer (&revision_time);
      g_ptr_array_add (recovery->incomplete, incomplete);
    }
}

/**
 * wf_library_recover:
 * @self: a new, empty library
 * @damaged_path: the damaged library, set aside
 * @reason: (transfer full): why it could not be used
 *
 * Reads what can still be read of @damaged_path, without writing to it,
 * and adds every document of it (but those in the trash) to @self.
 *
 * Returns: (transfer full): what was recovered
 */
WfLibraryRecovery *
wf_library_recover (WfLibrary  *self,
                    const char *damaged_path,
                    GError     *reason)
{
  WfLibraryRecovery *recovery = g_new0 (WfLibraryRecovery, 1);
  Salvage s = { .gaps = g_array_new (FALSE, FALSE, sizeof (Gap)),
                .patched = g_hash_table_new (NULL, NULL) };
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GError) error = NULL;

  recovery->damaged_path = g_strdup (damaged_path);
  recovery->reason = reason;
  recovery->incomplete = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_recovered_document_free);

  if (!(s.damaged = open_damaged (&s, damaged_path)))
    goto out;

  if (sqlite3_open_v2 (":memory:", &s.scratch, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      !wf_sqlite_prepare (s.scratch, &error))
    {
      g_warning ("No database in memory to recover the library into: %s",
                 error ? error->message : sqlite3_errmsg (s.scratch));
      goto out;
    }

  /* Only for the log: what SQLite itself finds. */
  if (sqlite3_prepare_v2 (s.damaged, "PRAGMA quick_check (5)", -1, &stmt, NULL) == SQLITE_OK)
    {
      int rc;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_debug ("Recovery: quick_check: %s", sqlite3_column_text (stmt, 0));
      if (rc != SQLITE_DONE)
        g_debug ("Recovery: quick_check stopped: %s", sqlite3_errstr (rc));
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  sqlite3_exec (s.scratch, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    salvage_table (&s, tables[i]);
  sqlite3_exec (s.scratch, "COMMIT", NULL, NULL, NULL);

  add_lost_documents (&s);
  add_stand_ins (&s);

  if (sqlite3_prepare_v2 (s.scratch, "SELECT d.id, d.path, d.changed, d.unsaved,"
                                     " d.id IN (SELECT doc FROM temp.lost)"
                                     " FROM documents d WHERE d.trashed IS NOT 1 ORDER BY d.id", -1, &stmt, NULL) != SQLITE_OK)
    goto out;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *path = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *changed = g_strdup ((const char *) sqlite3_column_text (stmt, 2));

      recover_document (&s, self, recovery, sqlite3_column_int64 (stmt, 0), path, changed,
                        sqlite3_column_int (stmt, 3) != 0, sqlite3_column_int (stmt, 4) != 0);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

out:
  g_message ("Recovered %u documents with %u maps and %u cards from %s; %u damaged stretches skipped, %u documents incomplete",
             recovery->n_documents, recovery->n_maps, recovery->n_cards, damaged_path,
             s.n_damaged, recovery->incomplete->len);
  salvage_clear (&s);

  return recovery;
}
