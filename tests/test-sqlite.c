/* test-sqlite.c — the SQLite schema: round trips, migrations and refused databases
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "model/wf-templates.h"
#include "storage/wf-journey.h"
#include "storage/wf-sqlite.h"

static GBytes *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

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

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("wf-test-sqlite-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* .journey → .sqlite → .journey gives the same bytes, through a file. */
static void
check_round_trip (WfDocument *document,
                  GBytes     *expected)
{
  g_autofree char *dir = make_tmpdir ();
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

  remove_tree (dir);
}

static void
test_round_trip_files (void)
{
  const char *names[] = { "rich.journey", "compact.journey" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) original = read_data (names[i]);
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
  g_autoptr(GBytes) original = read_data ("rich.journey");
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sqlite/round-trip/files", test_round_trip_files);
  g_test_add_func ("/sqlite/round-trip/templates", test_round_trip_templates);
  g_test_add_func ("/sqlite/round-trip/bytes", test_round_trip_bytes);

  return g_test_run ();
}
