/* test-sqlite.c — the SQLite schema: round trips, migrations and refused databases
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "model/wf-templates.h"
#include "storage/wf-journey.h"
#include "storage/wf-library.h"
#include "storage/wf-sqlite.h"
#include "test-util.h"

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  if (!g_bytes_equal (a, b))
    {
      g_autofree char *sa = g_strndup (g_bytes_get_data (a, NULL), g_bytes_get_size (a));
      g_autofree char *sb = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));

      g_assert_cmpstr (sa, ==, sb);
    }
}

/* .journey → .sqlite → .journey gives the same bytes, through a file. */
static void
check_round_trip (WfDocument *document,
                  GBytes     *expected)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "map.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(WfDocument) back = NULL;
  g_autoptr(GBytes) json = NULL;

  wf_sqlite_save_file (document, file, NULL, &error);
  g_assert_no_error (error);

  back = wf_sqlite_load_file (file, &problems, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpuint (problems->len, ==, 0);

  json = wf_journey_to_bytes (back);
  assert_bytes_equal (json, expected);

  wf_test_remove_tree (dir);
}

static void
test_round_trip_files (void)
{
  const char *names[] = { "rich.journey", "compact.journey", "figures.journey", "pictures.journey",
                          "../../data/samples/coffee-subscription.journey" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) original = wf_test_read_data (names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(WfDocument) document = wf_journey_load_bytes (original, NULL, &error);
      g_autoptr(GBytes) canonical = NULL;

      g_assert_no_error (error);
      canonical = wf_journey_to_bytes (document);
      check_round_trip (document, canonical);
    }
}

static void
test_round_trip_templates (void)
{
  const char * const langs[] = { "en", "nl" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (const char * const *id = wf_templates_get_ids (); *id != NULL; id++)
      {
        g_autoptr(WfDocument) document = wf_templates_create (*id, langs[l]);
        g_autoptr(GBytes) canonical = wf_journey_to_bytes (document);

        check_round_trip (document, canonical);
      }
}

/* The rich document itself is canonical: the bytes of the file come back. */
static void
test_round_trip_bytes (void)
{
  g_autoptr(GBytes) original = wf_test_read_data ("rich.journey");
  g_autoptr(WfDocument) document = wf_journey_load_bytes (original, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sqlite = wf_sqlite_to_bytes (document, &error);
  g_autoptr(WfDocument) back = NULL;
  g_autoptr(GBytes) json = NULL;

  g_assert_no_error (error);
  back = wf_sqlite_load_bytes (sqlite, NULL, &error);
  g_assert_no_error (error);
  json = wf_journey_to_bytes (back);
  assert_bytes_equal (json, original);
}


/* Bad input. Every refused file must be left exactly as it was: same bytes,
 * same modification time, and no journal or WAL file beside it.
 */

typedef struct
{
  GBytes          *bytes;
  struct timespec  mtime;
} Snapshot;

static void
snapshot_clear (Snapshot *s)
{
  g_clear_pointer (&s->bytes, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

static void
snapshot_take (Snapshot   *s,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  struct stat st;
  char *contents;
  gsize len;

  snapshot_clear (s);
  g_assert_cmpint (stat (path, &st), ==, 0);
  s->mtime = st.st_mtim;
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  s->bytes = g_bytes_new_take (contents, len);
}

static void
assert_unchanged (const char *path,
                  Snapshot   *before)
{
  g_auto(Snapshot) after = { 0 };
  const char *suffixes[] = { "-journal", "-wal", "-shm" };

  snapshot_take (&after, path);
  g_assert_true (g_bytes_equal (before->bytes, after.bytes));
  g_assert_cmpint (before->mtime.tv_sec, ==, after.mtime.tv_sec);
  g_assert_cmpint (before->mtime.tv_nsec, ==, after.mtime.tv_nsec);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_assert_false (g_file_test (side, G_FILE_TEST_EXISTS));
    }
}

static char *
write_file (const char *dir,
            const char *name,
            GBytes     *bytes)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

static char *
copy_data (const char *dir,
           const char *name)
{
  g_autoptr(GBytes) bytes = wf_test_read_data (name);

  return write_file (dir, name, bytes);
}

/* tests/data/rich.journey as a .sqlite file */
static GBytes *
rich_sqlite (void)
{
  g_autoptr(GBytes) json = wf_test_read_data ("rich.journey");
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = wf_journey_load_bytes (json, NULL, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = wf_sqlite_to_bytes (document, &error);
  g_assert_no_error (error);
  return bytes;
}

/* Changes a file the way another program would: a plain connection. */
static void
sql (const char *path,
     const char *statements)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, statements, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statements, message);
  sqlite3_close (db);
}

static gint64
sql_int (const char *path,
         const char *query)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Loading @path as a file fails with @code, loading its content as
 * bytes with @bytes_code and opening it as a library with @library_code,
 * each unless -1. The file is not changed by any of it.
 */
static void
assert_refused_full (const char *path,
                     int         code,
                     int         bytes_code,
                     int         library_code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(Snapshot) before = { 0 };

  snapshot_take (&before, path);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(WfDocument) document = wf_sqlite_load_file (file, &problems, NULL, &error);

    g_test_message ("%s: load_file: %s", path, error ? error->message : "(loaded)");
    g_assert_error (error, WF_SQLITE_ERROR, code);
    g_assert_null (document);
    g_assert_true (problems == NULL || problems->len == 0);
    assert_unchanged (path, &before);
  }

  if (bytes_code >= 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WfDocument) document = wf_sqlite_load_bytes (before.bytes, NULL, &error);

      g_assert_error (error, WF_SQLITE_ERROR, bytes_code);
      g_assert_null (document);
    }

  if (library_code >= 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WfLibrary) library = wf_library_new (path, &error);

      g_test_message ("%s: library: %s", path, error ? error->message : "(opened)");
      g_assert_error (error, WF_SQLITE_ERROR, library_code);
      g_assert_null (library);
      assert_unchanged (path, &before);
    }
}

static void
assert_refused (const char *path,
                int         code,
                int         library_code)
{
  assert_refused_full (path, code, code, library_code);
}

/* Issue #15, done when: measurements, targets, phase metrics and
 * dismissals survive .journey → .sqlite → .journey byte for byte, and
 * SQL sees them in their tables.
 */
static void
test_round_trip_figures (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "figures.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) original = wf_test_read_data ("figures.journey");
  g_autoptr(WfDocument) document = wf_journey_load_bytes (original, NULL, NULL);
  g_autoptr(WfDocument) back = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (document);
  wf_sqlite_save_file (document, file, NULL, &error);
  g_assert_no_error (error);
  back = wf_sqlite_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  json = wf_journey_to_bytes (back);
  assert_bytes_equal (json, original);

  /* The latest value stays in card_metrics for SQL; NULL without one. */
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM card_metrics WHERE card = 'c1' AND name = 'click-through'"
                                  " AND value = 2.1 AND unit = '%' AND direction = 'higher' AND target = 2.5"), ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM card_metrics WHERE name = 'cart value'"
                                  " AND value IS NULL AND target = 60"), ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM card_metric_values"), ==, 6);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM card_metric_values WHERE date = ''"), ==, 3);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM phase_metrics WHERE persona IS NULL"), ==, 2);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM phase_metrics WHERE persona = 'anna' AND name = 'csat'"
                                  " AND value = 3.4"), ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM phase_metric_values"), ==, 8);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM map_dismissed WHERE map = 'm1'"), ==, 2);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM maps WHERE id = 'm1' AND heat = 'csat'"), ==, 1);

  wf_test_remove_tree (dir);
}

/* A library of schema 3 — metrics as name and number — is migrated: each
 * metric's value becomes its one undated value.
 */
static void
test_migrate_schema_3 (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GBytes) json = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  wf_sqlite_create_old_schema (db, 3, &error);
  g_assert_no_error (error);
  wf_sqlite_exec (db,
                  "INSERT INTO documents (id, title) VALUES (1, 'Old');"
                  "INSERT INTO maps (doc, id, position) VALUES (1, 'm', 0);"
                  "INSERT INTO phases (doc, id, map, position, name) VALUES (1, 'p', 'm', 0, 'P');"
                  "INSERT INTO lanes (doc, id, map, position, kind) VALUES (1, 'l', 'm', 0, 'metrics');"
                  "INSERT INTO cards (doc, id, map, phase, lane, position) VALUES (1, 'c', 'm', 'p', 'l', 0);"
                  "INSERT INTO card_metrics (doc, card, position, name, value)"
                  "  VALUES (1, 'c', 0, 'conversion', 0.034), (1, 'c', 1, 'visits', 12840)",
                  &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 3);

  /* Read as a file: migrated in memory. */
  document = wf_sqlite_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 3);
  metrics = wf_metrics_from_variant (wf_card_get_metrics (WF_CARD (wf_document_lookup (document, "c"))));
  g_assert_cmpuint (metrics->len, ==, 2);
  g_assert_true (wf_metrics_are_plain (wf_card_get_metrics (WF_CARD (wf_document_lookup (document, "c")))));
  json = wf_journey_to_bytes (document);
  g_assert_nonnull (strstr (g_bytes_get_data (json, NULL), "\"version\": 1,"));
  g_assert_nonnull (strstr (g_bytes_get_data (json, NULL), "\"conversion\": 0.034,\n"));
  g_clear_object (&document);

  /* Opened as a library: migrated in place. */
  library = wf_library_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, WF_SQLITE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM card_metric_values WHERE date = ''"), ==, 2);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM card_metrics WHERE unit = '' AND direction = ''"
                                  " AND target IS NULL AND value IS NOT NULL"), ==, 2);
  document = wf_library_load (library, 1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) again = wf_journey_to_bytes (document);

    assert_bytes_equal (again, json);
  }

  g_clear_object (&library);
  wf_test_remove_tree (dir);
}

/* Figures that are wrong in the tables are problems, each with its
 * place; a metric's value without rows of values is read as its
 * undated one.
 */
static void
test_bad_figures (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "figures.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) original = wf_test_read_data ("figures.journey");
  g_autoptr(WfDocument) document = wf_journey_load_bytes (original, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) found = g_string_new (NULL);
  const char *expected[] = {
    "card_metric_values[c1].date: “2026-13-01” is not a date",
    "card_metrics[c2].direction: “up” is not a direction",
    "card_metric_values[c2].value: A metric needs a name and a number",
    "phase_metrics[p1].persona: The metrics refer to persona “zed”, which does not exist",
    "phase_metric_values[p1].date: The metric has another value on 2026-10-31",
    "phase_metrics[p2].target: The target is not a number",
    "card_metrics[c1].name: There is another metric called “click-through”",
  };

  wf_sqlite_save_file (document, file, NULL, &error);
  g_assert_no_error (error);
  sql (path,
       "UPDATE card_metric_values SET date = '2026-13-01' WHERE card = 'c1' AND metric = 0 AND position = 0;"
       "UPDATE card_metrics SET direction = 'up' WHERE card = 'c2' AND name = 'abandonment';"
       "UPDATE card_metric_values SET value = 'many' WHERE card = 'c2' AND metric = 0 AND position = 0;"
       "UPDATE phase_metrics SET persona = 'zed' WHERE phase = 'p1' AND persona = 'bo';"
       "UPDATE phase_metric_values SET date = '2026-10-31' WHERE phase = 'p1' AND metric = 1 AND position = 1;"
       "UPDATE phase_metrics SET target = 'high' WHERE phase = 'p2';"
       "UPDATE card_metrics SET name = 'click-through' WHERE card = 'c1' AND name = 'impressions';");

  g_clear_object (&document);
  document = wf_sqlite_load_file (file, &problems, NULL, &error);
  g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID);
  g_assert_null (document);

  for (guint i = 0; i < problems->len; i++)
    {
      WfProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (found, "%s: %s\n", problem->where, problem->message);
    }
  g_test_message ("%s", found->str);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (found->str, expected[i]));
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));

  /* A value given in card_metrics alone, as an SQL user may write it. */
  g_clear_error (&error);
  g_clear_pointer (&problems, g_ptr_array_unref);
  document = wf_journey_load_bytes (original, NULL, NULL);
  wf_sqlite_save_file (document, file, NULL, &error);
  g_clear_object (&document);
  g_assert_no_error (error);
  sql (path, "DELETE FROM card_metric_values WHERE card = 'c2';"
             "UPDATE card_metrics SET value = 7 WHERE card = 'c2' AND name = 'cart value'");
  document = wf_sqlite_load_file (file, &problems, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_card_get_metrics (WF_CARD (wf_document_lookup (document, "c2"))));
    WfMetric *metric = wf_metrics_find (metrics, "cart value", NULL);

    g_assert_cmpuint (metric->measurements->len, ==, 1);
    g_assert_cmpfloat (wf_metric_get_latest (metric)->value, ==, 7);
    g_assert_cmpstr (wf_metric_get_latest (metric)->date, ==, "");
  }

  wf_test_remove_tree (dir);
}

static void
test_bad_not_sqlite (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GBytes) text = g_bytes_new_static ("Just some notes.\n", 17);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) journey = wf_test_read_data ("rich.journey");
  g_autoptr(GBytes) sqlite = rich_sqlite ();
  g_autoptr(GBytes) header_only = g_bytes_new_from_bytes (sqlite, 0, 100);
  g_autofree char *text_path = write_file (dir, "text.sqlite", text);
  g_autofree char *empty_path = write_file (dir, "empty.sqlite", empty);
  g_autofree char *journey_path = write_file (dir, "renamed.sqlite", journey);
  g_autofree char *header_path = write_file (dir, "header.sqlite", header_only);

  assert_refused (text_path, WF_SQLITE_ERROR_NOT_DATABASE, WF_SQLITE_ERROR_NOT_DATABASE);
  assert_refused (journey_path, WF_SQLITE_ERROR_NOT_DATABASE, WF_SQLITE_ERROR_NOT_DATABASE);
  /* SQLite takes an empty file for a new database: a library may start
   * there, but it is not a .sqlite document. */
  assert_refused (empty_path, WF_SQLITE_ERROR_NOT_DATABASE, -1);
  /* The header of a database and nothing else. */
  assert_refused (header_path, WF_SQLITE_ERROR_CORRUPT, WF_SQLITE_ERROR_CORRUPT);

  wf_test_remove_tree (dir);
}

static void
test_bad_corrupt (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GBytes) sqlite = rich_sqlite ();
  gsize len = g_bytes_get_size (sqlite);
  guint page = wf_test_sqlite_page_size (sqlite);
  guint n_pages = len / page;
  g_autofree guint8 *flipped = g_memdup2 (g_bytes_get_data (sqlite, NULL), len);
  g_autofree guint8 *schema = g_memdup2 (g_bytes_get_data (sqlite, NULL), len);
  g_autoptr(GBytes) flipped_bytes = NULL;
  g_autoptr(GBytes) schema_bytes = NULL;
  g_autoptr(GBytes) truncated = NULL;
  g_autofree char *flipped_path = NULL;
  g_autofree char *schema_path = NULL;
  g_autofree char *truncated_path = NULL;
  guint n_flipped = 0;

  g_assert_cmpuint (n_pages, >=, 6);

  /* Bytes flipped in the leaf pages of the middle third of the file
   * (tables and indexes, not the schema): the file opens and its schema
   * reads, but quick_check fails. */
  for (guint p = n_pages / 3; p < 2 * n_pages / 3; p++)
    {
      guint8 *start = flipped + (gsize) p * page;

      if (start[0] != 0x0a && start[0] != 0x0d)
        continue;

      for (guint i = 8; i < page; i += 13)
        start[i] ^= 0x5a;
      n_flipped++;
    }
  g_assert_cmpuint (n_flipped, >, 0);
  flipped_bytes = g_bytes_new_static (flipped, len);
  flipped_path = write_file (dir, "flipped.sqlite", flipped_bytes);
  assert_refused (flipped_path, WF_SQLITE_ERROR_CORRUPT, WF_SQLITE_ERROR_CORRUPT);

  /* Bytes flipped in the schema on page 1 (after the file header). */
  for (guint i = 100 + 8; i < page; i += 13)
    schema[i] ^= 0x5a;
  schema_bytes = g_bytes_new_static (schema, len);
  schema_path = write_file (dir, "schema.sqlite", schema_bytes);
  assert_refused (schema_path, WF_SQLITE_ERROR_CORRUPT, WF_SQLITE_ERROR_CORRUPT);

  /* Cut off after half its pages, as by a copy that did not finish. */
  truncated = g_bytes_new_from_bytes (sqlite, 0, (n_pages / 2) * page);
  truncated_path = write_file (dir, "truncated.sqlite", truncated);
  assert_refused (truncated_path, WF_SQLITE_ERROR_CORRUPT, WF_SQLITE_ERROR_CORRUPT);

  wf_test_remove_tree (dir);
}

static void
test_bad_newer (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GBytes) sqlite = rich_sqlite ();
  g_autofree char *path = write_file (dir, "newer.sqlite", sqlite);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WfDocument) document = NULL;

  sql (path, "PRAGMA user_version = 99");
  assert_refused (path, WF_SQLITE_ERROR_NEWER, WF_SQLITE_ERROR_NEWER);

  /* The message says which schema the file has. */
  document = wf_sqlite_load_file (file, NULL, NULL, &error);
  g_assert_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "99"));
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 99);

  wf_test_remove_tree (dir);
}

static void
test_bad_foreign (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *crm = g_build_filename (dir, "crm.sqlite", NULL);
  g_autofree char *other = g_build_filename (dir, "other.sqlite", NULL);
  g_autofree char *same_names = g_build_filename (dir, "same-names.sqlite", NULL);

  /* Another program's tables, no application id. */
  sql (crm, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);"
            "INSERT INTO customers (name) VALUES ('Ada'), ('Grace')");
  assert_refused (crm, WF_SQLITE_ERROR_FOREIGN, WF_SQLITE_ERROR_FOREIGN);

  /* Another program's application id, even with our schema version. */
  {
    g_autofree char *other_sql = g_strdup_printf ("PRAGMA application_id = 1196444237; PRAGMA user_version = %d;"
                                                  "CREATE TABLE documents (id INTEGER PRIMARY KEY)",
                                                  WF_SQLITE_SCHEMA_VERSION);
    sql (other, other_sql);
  }
  assert_refused (other, WF_SQLITE_ERROR_FOREIGN, WF_SQLITE_ERROR_FOREIGN);

  /* Our application id and version, but not our tables. */
  {
    g_autofree char *same_sql = g_strdup_printf ("PRAGMA application_id = 1463900486; PRAGMA user_version = %d;"
                                                 "CREATE TABLE documents (id INTEGER PRIMARY KEY)",
                                                 WF_SQLITE_SCHEMA_VERSION);
    sql (same_names, same_sql);
  }
  assert_refused (same_names, WF_SQLITE_ERROR_CORRUPT, WF_SQLITE_ERROR_CORRUPT);

  wf_test_remove_tree (dir);
}

static sqlite3 *
lock_exclusive (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
test_bad_locked (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GBytes) sqlite = rich_sqlite ();
  g_autofree char *path = write_file (dir, "locked.sqlite", sqlite);
  g_autofree char *v1 = copy_data (dir, "library-v1.sqlite");
  g_autofree char *v2 = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  sqlite3 *other;

  /* A .sqlite file another program is writing. */
  other = lock_exclusive (path);
  assert_refused_full (path, WF_SQLITE_ERROR_LOCKED, -1, -1);
  sqlite3_close (other);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WfDocument) document = wf_sqlite_load_file (file, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (document);
  }

  /* A library of schema 1 is neither read nor migrated while locked. */
  {
    g_auto(Snapshot) before = { 0 };
    g_autoptr(GError) error = NULL;
    g_autoptr(WfLibrary) library = NULL;

    other = lock_exclusive (v1);
    snapshot_take (&before, v1);
    library = wf_library_new (v1, &error);
    g_assert_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_LOCKED);
    g_assert_null (library);
    sqlite3_close (other);
    assert_unchanged (v1, &before);
    g_assert_cmpint (sql_int (v1, "PRAGMA user_version"), ==, 1);
  }

  /* A library in WAL mode can be read while another program writes, so
   * it opens; a write waits, then fails and says why. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WfLibrary) library = wf_library_new (v2, &error);
    g_autoptr(WfDocument) document = wf_templates_create ("funnel", "en");
    g_autoptr(GPtrArray) entries = NULL;
    gint64 id;

    g_assert_no_error (error);
    g_clear_object (&library);

    other = lock_exclusive (v2);
    library = wf_library_new (v2, &error);
    g_assert_no_error (error);
    id = wf_library_add (library, document, NULL, &error);
    g_assert_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_LOCKED);
    g_assert_cmpint (id, ==, 0);
    g_clear_error (&error);
    sqlite3_close (other);

    id = wf_library_add (library, document, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (id, >, 0);
    entries = wf_library_list (library, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
  }

  wf_test_remove_tree (dir);
}

static void
assert_library_refused (const char *path,
                        int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WfLibrary) library = NULL;
  g_auto(Snapshot) before = { 0 };
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);

  if (existed)
    snapshot_take (&before, path);

  library = wf_library_new (path, &error);
  g_test_message ("%s: library: %s", path, error ? error->message : "(opened)");
  g_assert_error (error, WF_SQLITE_ERROR, code);
  g_assert_null (library);

  if (existed)
    assert_unchanged (path, &before);
  else
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* @library_v1: tests/data/library-v1.sqlite, read by the caller */
static void
read_only_cases (GBytes *library_v1)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *locked_dir = g_build_filename (dir, "locked", NULL);
  g_autofree char *fresh = g_build_filename (locked_dir, "library.sqlite", NULL);
  g_autofree char *current = g_build_filename (dir, "current.sqlite", NULL);
  g_autofree char *current_in_dir = g_build_filename (locked_dir, "current.sqlite", NULL);
  g_autofree char *v1 = write_file (dir, "library-v1.sqlite", library_v1);
  g_autofree char *v1_in_dir = NULL;

  g_assert_cmpint (g_mkdir (locked_dir, 0700), ==, 0);
  v1_in_dir = write_file (locked_dir, "library-v1.sqlite", library_v1);

  /* A library of the current schema, closed cleanly. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WfLibrary) library = wf_library_new (current, &error);
    g_autoptr(WfDocument) document = wf_templates_create ("funnel", "en");

    g_assert_no_error (error);
    wf_library_add (library, document, NULL, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(GBytes) bytes = NULL;
    char *contents;
    gsize len;

    g_assert_true (g_file_get_contents (current, &contents, &len, NULL));
    bytes = g_bytes_new_take (contents, len);
    g_free (write_file (locked_dir, "current.sqlite", bytes));
  }

  g_assert_cmpint (g_chmod (locked_dir, 0500), ==, 0);

  /* A read-only folder: no library can be made there… */
  assert_library_refused (fresh, WF_SQLITE_ERROR_READ_ONLY);
  /* …and one that is there cannot be migrated (no room for the journal)… */
  assert_library_refused (v1_in_dir, WF_SQLITE_ERROR_READ_ONLY);
  g_assert_cmpint (sql_int (v1_in_dir, "PRAGMA user_version"), ==, 1);
  /* …nor written in WAL mode. */
  assert_library_refused (current_in_dir, WF_SQLITE_ERROR_READ_ONLY);

  /* A read-only file in a writable folder. */
  g_assert_cmpint (g_chmod (v1, 0400), ==, 0);
  assert_library_refused (v1, WF_SQLITE_ERROR_READ_ONLY);
  g_assert_cmpint (sql_int (v1, "PRAGMA user_version"), ==, 1);

  g_assert_cmpint (g_chmod (current, 0400), ==, 0);
  assert_library_refused (current, WF_SQLITE_ERROR_READ_ONLY);

  wf_test_remove_tree (dir);
}

static void
test_bad_read_only (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GBytes) library_v1 = wf_test_read_data ("library-v1.sqlite");

      if (!wf_test_become_unprivileged ())
        {
          g_test_skip ("running as root and cannot become another user; chmod would not bite");
          return;
        }

      read_only_cases (library_v1);
      return;
    }

  /* As root, the subprocess reads its data from a copy in a folder only
   * root may enter, as a tree in /root is, wherever this tree is. */
  if (geteuid () == 0)
    {
      g_autofree char *private_tree = wf_test_make_tmpdir ();
      g_autofree char *data_dir = g_build_filename (private_tree, "data", NULL);
      g_autoptr(GBytes) library_v1 = wf_test_read_data ("library-v1.sqlite");
      g_autofree char *srcdir = g_strdup (g_getenv ("G_TEST_SRCDIR"));

      g_assert_cmpint (g_chmod (private_tree, 0700), ==, 0);
      g_assert_cmpint (g_mkdir (data_dir, 0700), ==, 0);
      g_free (write_file (data_dir, "library-v1.sqlite", library_v1));

      g_setenv ("G_TEST_SRCDIR", private_tree, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      if (srcdir != NULL)
        g_setenv ("G_TEST_SRCDIR", srcdir, TRUE);
      else
        g_unsetenv ("G_TEST_SRCDIR");
      wf_test_remove_tree (private_tree);
    }
  else
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);

  g_test_trap_assert_passed ();
}

/* Content the schema allows but a document does not: every problem is
 * reported, each with where it is, and nothing is loaded.
 */
static void
test_bad_content (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GBytes) sqlite = rich_sqlite ();
  g_autofree char *path = write_file (dir, "content.sqlite", sqlite);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *expected[] = {
    "cards[cd4].lane",      /* a lane that does not exist */
    "cards[cd8].title",     /* not UTF-8 */
    "cards[cd12].emotion",  /* out of range */
    "links[ph0].id",        /* the id of a phase */
  };
  g_auto(Snapshot) before = { 0 };

  sql (path,
       "UPDATE cards SET lane = 'ln99' WHERE id = 'cd4';"
       "UPDATE cards SET title = CAST (x'436166c3' AS TEXT) WHERE id = 'cd8';"
       "UPDATE cards SET emotion = 7 WHERE id = 'cd12';"
       "UPDATE links SET id = 'ph0' WHERE id = 'lk0';");
  snapshot_take (&before, path);

  for (guint from_bytes = 0; from_bytes < 2; from_bytes++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(WfDocument) document = NULL;
      g_autoptr(GString) wheres = g_string_new (NULL);

      if (from_bytes)
        document = wf_sqlite_load_bytes (before.bytes, &problems, &error);
      else
        document = wf_sqlite_load_file (file, &problems, NULL, &error);

      g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID);
      g_assert_null (document);
      g_assert_nonnull (problems);

      for (guint i = 0; i < problems->len; i++)
        {
          WfProblem *problem = g_ptr_array_index (problems, i);

          g_test_message ("%s: %s", problem->where, problem->message);
          g_string_append_printf (wheres, "%s\n", problem->where);
        }

      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        {
          g_autofree char *line = g_strconcat (expected[i], "\n", NULL);

          g_assert_nonnull (strstr (wheres->str, line));
        }
      g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));

      /* The messages say what is wrong, in words. */
      for (guint i = 0; i < problems->len; i++)
        {
          WfProblem *problem = g_ptr_array_index (problems, i);

          if (g_str_equal (problem->where, "cards[cd4].lane"))
            g_assert_nonnull (strstr (problem->message, "ln99"));
          if (g_str_equal (problem->where, "links[ph0].id"))
            g_assert_nonnull (strstr (problem->message, "ph0"));
        }
    }

  assert_unchanged (path, &before);
  wf_test_remove_tree (dir);
}

/* Regression (issue #14): a value of a megabyte in a colour, a keyword, a
 * reference or an id, or in the name of a damaged schema's table, is
 * quoted by its beginning only, where and in the message.
 */
static void
test_bad_long_values (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GBytes) sqlite = rich_sqlite ();
  g_autofree char *path = write_file (dir, "long.sqlite", sqlite);
  g_autofree char *schema_path = write_file (dir, "schema.sqlite", sqlite);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) schema_file = g_file_new_for_path (schema_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) schema_error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(WfDocument) none = NULL;
  guint quoted = 0, long_wheres = 0;

  /* 'Start\n' and a million Z. */
#define LONG "('Start' || char (10) || replace (hex (zeroblob (500000)), '0', 'Z'))"
  sql (path,
       "UPDATE phases SET color = " LONG " WHERE id = 'ph1';"
       "UPDATE lanes SET kind = " LONG " WHERE id = 'ln1';"
       "UPDATE lanes SET persona = " LONG " WHERE id = 'ln2';"
       "UPDATE cards SET channel = " LONG " WHERE id = 'cd0';"
       "UPDATE cards SET contact = " LONG " WHERE id = 'cd4';"
       "UPDATE cards SET lane = " LONG " WHERE id = 'cd8';"
       "UPDATE links SET to_card = " LONG " || 'x' WHERE id = 'lk0';"
       "UPDATE cards SET id = " LONG ", color = 'red' WHERE id = 'cd12';");
  sql (schema_path,
       "PRAGMA writable_schema = ON;"
       "INSERT INTO sqlite_schema VALUES ('table', " LONG ", 'x', 0, 'CREATE TABLE \"' || " LONG " || '\" (a');");
#undef LONG

  document = wf_sqlite_load_file (file, &problems, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (strlen (error->message), <, 300);
  g_assert_cmpuint (problems->len, >=, 8);

  for (guint i = 0; i < problems->len; i++)
    {
      WfProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("%s: %s", problem->where, problem->message);
      g_assert_cmpuint (strlen (problem->where), <, 200);
      g_assert_cmpuint (strlen (problem->message), <, 300);
      g_assert_null (strchr (problem->where, '\n'));
      g_assert_null (strchr (problem->message, '\n'));
      if (strstr (problem->where, "Start\\nZZZZZZZZZZ") != NULL ||
          strstr (problem->message, "Start\\nZZZZZZZZZZ") != NULL)
        quoted++;
      if (strstr (problem->where, "ZZZ…") != NULL)
        {
          /* The message quotes the id's start; the problem keeps all of
           * it, for a recovery to find the row by.
           */
          g_assert_cmpstr (problem->table, ==, "cards");
          g_assert_cmpuint (strlen (problem->row), >, 100000);
          g_assert_true (g_str_has_prefix (problem->row, "Start\nZZZ"));
          g_assert_cmpstr (problem->column, ==, "color");
          long_wheres++;
        }
    }
  g_assert_cmpuint (quoted, ==, 8);
  g_assert_cmpuint (long_wheres, ==, 1);    /* cards[Start\nZZZ…].color */

  none = wf_sqlite_load_file (schema_file, NULL, NULL, &schema_error);
  g_assert_null (none);
  g_assert_error (schema_error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_CORRUPT);
  g_test_message ("%s", schema_error->message);
  g_assert_cmpuint (strlen (schema_error->message), <, 300);
  g_assert_nonnull (strstr (schema_error->message, "Start\\nZZZZZZZZZZ"));

  wf_test_remove_tree (dir);
}

/* Schema 1 (before card_search) is read by migrating a copy in memory. */
static void
test_migrate_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "rich-v1.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) expected = wf_test_read_data ("rich.journey");
  g_autoptr(GBytes) v1 = wf_test_read_data ("rich-v1.sqlite");
  g_auto(Snapshot) before = { 0 };

  snapshot_take (&before, path);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(WfDocument) document = wf_sqlite_load_file (file, &problems, NULL, &error);
    g_autoptr(GBytes) json = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
    json = wf_journey_to_bytes (document);
    assert_bytes_equal (json, expected);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WfDocument) document = wf_sqlite_load_bytes (v1, NULL, &error);
    g_autoptr(GBytes) json = NULL;

    g_assert_no_error (error);
    json = wf_journey_to_bytes (document);
    assert_bytes_equal (json, expected);
  }

  /* Reading never migrates the file itself. */
  assert_unchanged (path, &before);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 1);
}

static guint
count_search (WfLibrary  *library,
              const char *search,
              gint64     *first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = wf_library_list (library, search, &error);

  g_assert_no_error (error);
  if (first != NULL && entries->len > 0)
    *first = ((WfLibraryEntry *) g_ptr_array_index (entries, 0))->id;
  return entries->len;
}

/* A library of schema 5 gains the team library's tables, empty, with
 * their references: a team document goes with its library document.
 */
static void
test_migrate_schema_5 (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(WfDocument) document = NULL;
  const char *tables[] = { "team_clients", "team_documents", "team_outbox", "team_items", "team_conflicts" };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  wf_sqlite_create_old_schema (db, 5, &error);
  g_assert_no_error (error);
  wf_sqlite_exec (db,
                  "INSERT INTO documents (id, title) VALUES (1, 'Old');"
                  "INSERT INTO maps (doc, id, position, heat) VALUES (1, 'm', 0, 'nps')",
                  &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 5);

  library = wf_library_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, WF_SQLITE_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_assert_cmpint (sql_int (path, query), ==, 0);
    }

  /* The document is as it was. */
  document = wf_library_load (library, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wf_document_get_title (document), ==, "Old");
  g_assert_cmpstr (wf_map_get_heat (wf_document_get_map (document, 0)), ==, "nps");

  /* A team document needs its team and its library document, and its
   * rows go with the library document. */
  db = wf_library_get_db (library);
  g_assert_false (wf_sqlite_exec (db, "INSERT INTO team_documents (doc, team, team_id, seq, last, next)"
                                      " VALUES (1, 't', 'u', 1, '', 1)", NULL));
  wf_sqlite_exec (db,
                  "INSERT INTO team_clients (team, client, tag) VALUES ('t', 'c', 'k1');"
                  "INSERT INTO team_documents (doc, team, team_id, seq, last, next) VALUES (1, 't', 'u', 1, '', 1);"
                  "INSERT INTO team_outbox (doc, client_seq, label, record, made)"
                  "  VALUES (1, 1, 'Move Card', '{}', '2026-01-01T00:00:00Z');"
                  "INSERT INTO team_items (doc, id, pos, versions) VALUES (1, 'm', 'V', '{}');"
                  "INSERT INTO team_conflicts (doc, seq, item, member, value, author, at)"
                  "  VALUES (1, 2, 'm', 'title', '\"A\"', 'anna', '2026-01-01T00:00:00Z')",
                  &error);
  g_assert_no_error (error);
  g_assert_false (wf_sqlite_exec (db, "INSERT INTO team_items (doc, id, pos, versions) VALUES (2, 'x', 'V', '{}')",
                                  NULL));
  wf_sqlite_exec (db, "DELETE FROM documents WHERE id = 1", &error);
  g_assert_no_error (error);
  for (guint i = 1; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_assert_cmpint (sql_int (path, query), ==, 0);
    }

  g_clear_object (&library);
  wf_test_remove_tree (dir);
}

/* A library of schema 1 is migrated in place when it is opened, and the
 * search then finds words that are only in cards.
 */
static void
test_migrate_library (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = copy_data (dir, "library-v1.sqlite");
  g_autoptr(GBytes) rich = wf_test_read_data ("rich.journey");
  g_autoptr(GError) error = NULL;
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GBytes) json = NULL;
  gint64 id = 0;

  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 1);

  library = wf_library_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, WF_SQLITE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (path, "PRAGMA application_id"), ==, WF_SQLITE_APPLICATION_ID);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'card_search'"), ==, 1);

  g_assert_cmpuint (count_search (library, NULL, NULL), ==, 2);

  /* "Roastery packs and ships within 48 hours": a card of document 2,
   * in no title. */
  g_assert_cmpuint (count_search (library, "roastery", &id), ==, 1);
  g_assert_cmpint (id, ==, 2);
  /* "Überweisung bestätigt" in document 1, found without the diacritics. */
  g_assert_cmpuint (count_search (library, "uberweisung", &id), ==, 1);
  g_assert_cmpint (id, ==, 1);
  g_assert_cmpuint (count_search (library, "nosuchwordanywhere", NULL), ==, 0);

  /* The documents themselves are as they were. */
  document = wf_library_load (library, 1, &error);
  g_assert_no_error (error);
  json = wf_journey_to_bytes (document);
  assert_bytes_equal (json, rich);

  /* Cards added after the migration are found too. */
  {
    WfMap *map = wf_document_get_map (document, 0);
    g_autoptr(WfCard) card = wf_card_new ("new-card", "Espresso machine descaling");
    gint64 copy;

    wf_map_insert_card (map, card, wf_map_get_phase (map, 0), wf_map_get_lane (map, 0), -1);
    copy = wf_library_add (library, document, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_search (library, "descaling", &id), ==, 1);
    g_assert_cmpint (id, ==, copy);
  }

  /* Opening it again does not migrate it again. */
  g_clear_object (&library);
  library = wf_library_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_search (library, "roastery", NULL), ==, 1);

  g_clear_object (&library);
  wf_test_remove_tree (dir);
}

/* A migration that fails half-way leaves the file at version 1, with
 * nothing of version 2 in it.
 */
static void
test_migrate_failure (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = copy_data (dir, "library-v1.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(WfLibrary) library = NULL;
  g_auto(Snapshot) before = { 0 };

  /* A trigger with the name of one the migration creates last: the
   * search table is made and filled before the step fails. */
  sql (path, "CREATE TRIGGER cards_search_update AFTER UPDATE ON cards BEGIN SELECT 1; END");
  snapshot_take (&before, path);

  library = wf_library_new (path, &error);
  g_test_message ("%s", error ? error->message : "(opened)");
  g_assert_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "cards_search_update"));
  g_assert_null (library);

  assert_unchanged (path, &before);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'card_search%'"), ==, 0);

  wf_test_remove_tree (dir);
}

/* Issue #17: pictures in a .sqlite file, in their own table, once per
 * content; the canonical .journey comes back byte for byte. */
static void
test_round_trip_pictures (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GBytes) original = wf_test_read_data ("pictures.journey");
  g_autoptr(WfDocument) document = wf_journey_load_bytes (original, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sqlite = wf_sqlite_to_bytes (document, &error);
  g_autofree char *path = NULL;
  g_autoptr(WfDocument) back = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) json = NULL;
  WfImage *photo;

  g_assert_no_error (error);
  path = write_file (dir, "pictures.sqlite", sqlite);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM images"), ==, 2);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM images i JOIN personas p ON p.photo = i.hash"
                                  " WHERE i.type = 'image/png' AND i.width = 4 AND i.height = 3"
                                  " AND p.photo_alt = 'Anna at her kitchen table'"
                                  " AND p.photo_x = 0.5 AND p.photo_y = 0.25"), ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM cards WHERE image IS NOT NULL"
                                  " AND image_x IS NULL"), ==, 1);

  back = wf_sqlite_load_bytes (sqlite, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  json = wf_journey_to_bytes (back);
  assert_bytes_equal (json, original);

  /* The persona and the card that show the same picture share its bytes. */
  photo = wf_persona_get_photo (WF_PERSONA (wf_document_lookup (back, "anna")));
  g_assert_true (wf_image_get_bytes (photo) ==
                 wf_image_get_bytes (wf_card_get_image (WF_CARD (wf_document_lookup (back, "cd1")))));

  wf_test_remove_tree (dir);
}

/* A bad picture in a .sqlite file is left out with a warning saying
 * where; the rest opens (issue #17). */
static void
test_bad_pictures (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GBytes) original = wf_test_read_data ("pictures.journey");
  g_autoptr(WfDocument) document = wf_journey_load_bytes (original, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sqlite = wf_sqlite_to_bytes (document, &error);
  g_autofree char *path = write_file (dir, "bad.sqlite", sqlite);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WfDocument) back = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  WfProblem *problem;

  g_assert_no_error (error);
  /* The PNG cut short, the JPEG gone, a focal point off the picture. */
  sql (path,
       "UPDATE images SET bytes = substr (bytes, 1, 40) WHERE type = 'image/png';"
       "DELETE FROM images WHERE type = 'image/jpeg';"
       "UPDATE cards SET image = (SELECT photo FROM personas WHERE id = 'anna'), image_x = 2"
       " WHERE id = 'cd2'");

  back = wf_sqlite_load_file (file, &problems, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s: %s", ((WfProblem *) problems->pdata[i])->where,
                    ((WfProblem *) problems->pdata[i])->message);
  g_assert_cmpuint (problems->len, ==, 4);

  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->where, ==, "personas[anna].photo");
  g_assert_cmpstr (problem->message, ==, "The picture is damaged or cut off");
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpstr (problem->where, ==, "cards[cd0].image");
  g_assert_true (g_str_has_prefix (problem->message, "The picture “"));
  g_assert_true (g_str_has_suffix (problem->message, "” is not in the images table"));
  problem = g_ptr_array_index (problems, 2);
  g_assert_cmpstr (problem->where, ==, "cards[cd1].image");
  problem = g_ptr_array_index (problems, 3);
  g_assert_cmpstr (problem->where, ==, "cards[cd2].image_x");
  g_assert_cmpstr (problem->message, ==, "Expected a number from 0 to 1");

  g_assert_null (wf_persona_get_photo (WF_PERSONA (wf_document_lookup (back, "anna"))));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("cd%u", i);

      g_assert_null (wf_card_get_image (WF_CARD (wf_document_lookup (back, id))));
    }
  g_assert_cmpstr (wf_card_get_title (WF_CARD (wf_document_lookup (back, "cd2"))), ==, "No picture");

  wf_test_remove_tree (dir);
}

/* A library of schema 6 gains the images table and the pictures'
 * columns, empty; its documents are as they were and take pictures. */
static void
test_migrate_schema_6 (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(WfDocument) pictures = NULL;
  sqlite3 *db = NULL;
  gint64 id;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  wf_sqlite_create_old_schema (db, 6, &error);
  g_assert_no_error (error);
  wf_sqlite_exec (db,
                  "INSERT INTO documents (id, title) VALUES (1, 'Old');"
                  "INSERT INTO personas (doc, id, position, name, color) VALUES (1, 'anna', 0, 'Anna', '#3584e4');"
                  "INSERT INTO maps (doc, id, position) VALUES (1, 'm', 0);"
                  "INSERT INTO phases (doc, id, map, position, name) VALUES (1, 'p', 'm', 0, 'P');"
                  "INSERT INTO lanes (doc, id, map, position, kind) VALUES (1, 'l', 'm', 0, 'actions');"
                  "INSERT INTO cards (doc, id, map, phase, lane, position, title)"
                  "  VALUES (1, 'c', 'm', 'p', 'l', 0, 'Card')",
                  &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 6);

  library = wf_library_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 7);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM images"), ==, 0);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM revision_images"), ==, 0);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM personas WHERE photo IS NULL AND photo_alt IS NULL"
                                  " AND photo_x IS NULL AND photo_y IS NULL"), ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM cards WHERE image IS NULL AND image_alt IS NULL"
                                  " AND image_x IS NULL AND image_y IS NULL"), ==, 1);

  document = wf_library_load (library, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wf_card_get_title (WF_CARD (wf_document_lookup (document, "c"))), ==, "Card");
  g_assert_null (wf_persona_get_photo (WF_PERSONA (wf_document_lookup (document, "anna"))));

  {
    g_autoptr(GBytes) bytes = wf_test_read_data ("pictures.journey");

    pictures = wf_journey_load_bytes (bytes, NULL, &error);
  }
  g_assert_no_error (error);
  id = wf_library_add (library, pictures, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&document);
  document = wf_library_load (library, id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) json = wf_journey_to_bytes (document);
    g_autoptr(GBytes) original = wf_test_read_data ("pictures.journey");

    assert_bytes_equal (json, original);
  }
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM images"), ==, 2);

  g_clear_object (&library);
  wf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sqlite/round-trip/files", test_round_trip_files);
  g_test_add_func ("/sqlite/round-trip/templates", test_round_trip_templates);
  g_test_add_func ("/sqlite/round-trip/bytes", test_round_trip_bytes);
  g_test_add_func ("/sqlite/round-trip/figures", test_round_trip_figures);
  g_test_add_func ("/sqlite/bad/figures", test_bad_figures);
  g_test_add_func ("/sqlite/migrate/schema-3", test_migrate_schema_3);
  g_test_add_func ("/sqlite/migrate/schema-5", test_migrate_schema_5);
  g_test_add_func ("/sqlite/migrate/schema-6", test_migrate_schema_6);
  g_test_add_func ("/sqlite/round-trip/pictures", test_round_trip_pictures);
  g_test_add_func ("/sqlite/bad/pictures", test_bad_pictures);
  g_test_add_func ("/sqlite/bad/not-sqlite", test_bad_not_sqlite);
  g_test_add_func ("/sqlite/bad/corrupt", test_bad_corrupt);
  g_test_add_func ("/sqlite/bad/newer", test_bad_newer);
  g_test_add_func ("/sqlite/bad/foreign", test_bad_foreign);
  g_test_add_func ("/sqlite/bad/locked", test_bad_locked);
  g_test_add_func ("/sqlite/bad/read-only", test_bad_read_only);
  g_test_add_func ("/sqlite/bad/content", test_bad_content);
  g_test_add_func ("/sqlite/bad/long-values", test_bad_long_values);
  g_test_add_func ("/sqlite/migrate/file", test_migrate_file);
  g_test_add_func ("/sqlite/migrate/library", test_migrate_library);
  g_test_add_func ("/sqlite/migrate/failure", test_migrate_failure);

  return g_test_run ();
}
