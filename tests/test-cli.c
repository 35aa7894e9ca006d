/* test-cli.c — `wayfinder` subcommands, run as a user runs them, with no display
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "model/wf-metric.h"
#include "storage/wf-journey.h"
#include "storage/wf-sheet.h"
#include "storage/wf-sqlite.h"
#include "test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run (Run        *result,
     const char *first,
     ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("WAYFINDER");
  va_list args;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (gpointer) exe);

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Subcommands must work with no display at all. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "none-such", TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
test_version (void)
{
  g_auto(Run) r = { 0 };

  run (&r, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "wayfinder " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) r = { 0 };

  run (&r, "help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "validate"));
  g_assert_nonnull (strstr (r.out, "templates"));
  g_assert_nonnull (strstr (r.out, "stats"));
  g_assert_nonnull (strstr (r.out, "convert [--force] IN OUT"));
  g_assert_nonnull (strstr (r.out, ".sqlite"));
}

static void
test_command_help (void)
{
  g_auto(Run) r = { 0 };

  run (&r, "convert", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Usage:\n  wayfinder "));
  g_assert_nonnull (strstr (r.out, " convert IN OUT\n"));
  g_assert_null (strstr (r.out, "convert [OPTION"));
  g_assert_nonnull (strstr (r.out, "--force"));
}

/* Every command `wayfinder help` lists has its item in the help page. */
static void
test_help_page (void)
{
  g_autofree char *page_path = g_test_build_filename (G_TEST_DIST, "..", "help", "C", "command-line.page", NULL);
  g_autofree char *page = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) r = { 0 };
  gboolean in_commands = FALSE;
  guint n = 0;

  g_assert_true (g_file_get_contents (page_path, &page, NULL, NULL));
  run (&r, "help", NULL);
  g_assert_cmpint (r.status, ==, 0);

  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      g_autofree char *item = NULL;

      /* The commands: the indented lines after "Commands:". */
      if (g_str_equal (lines[i], "Commands:"))
        {
          in_commands = TRUE;
          continue;
        }
      if (!g_str_has_prefix (lines[i], "  "))
        in_commands = FALSE;
      if (!in_commands)
        continue;

      words = g_strsplit (g_strstrip (lines[i]), " ", 2);
      item = g_strdup_printf ("<title><cmd>wayfinder %s", words[0]);
      g_test_message ("help page item for “%s”", words[0]);
      g_assert_nonnull (strstr (page, item));
      n++;
    }

  g_assert_cmpuint (n, >=, 6);
  g_assert_nonnull (strstr (page, "<cmd>wayfinder convert [--force] <var>IN</var> <var>OUT</var></cmd>"));
}

static void
test_unknown (void)
{
  g_auto(Run) r = { 0 };
  g_auto(Run) r2 = { 0 };

  run (&r, "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "frobnicate"));

  run (&r2, "validate", NULL);
  g_assert_cmpint (r2.status, ==, 2);
}

/* `team` without a server: wrong usage is 2, a server that is not there
 * is 1 with the reason, help is 0 (tests/test-team.c runs the rest
 * against a real server). */
static void
test_team_usage (void)
{
  const char *nowhere = "host=/nonexistent-wayfinder-dir port=1 dbname=x";
  g_auto(Run) r = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) no_server = { 0 };
  g_auto(Run) no_file = { 0 };
  const char *usage[][6] = {
    { "team", NULL },
    { "team", "frobnicate", NULL },
    { "team", "init", NULL },
    { "team", "init", nowhere, "--owner", "x", NULL },
    { "team", "list", nowhere, "extra", NULL },
    { "team", "push", nowhere, NULL },
    { "team", "pull", nowhere, "card1", "out.journey", NULL },
    { "team", "pull", nowhere, "00000000-0000-4000-8000-000000000000", "out.txt", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      run_clear (&r);
      run (&r, usage[i][0], usage[i][1], usage[i][2], usage[i][3], usage[i][4], usage[i][5], NULL);
      g_test_message ("%s %s: %s", usage[i][0], usage[i][1] ? usage[i][1] : "", r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "wayfinder team"));
    }

  run (&help, "team", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "wayfinder team pull"));

  run (&no_server, "team", "list", nowhere, NULL);
  g_assert_cmpint (no_server.status, ==, 1);
  g_assert_true (g_str_has_prefix (no_server.err, "wayfinder team list: error: "));
  g_assert_nonnull (strstr (no_server.err, "nonexistent-wayfinder-dir"));

  /* The file is read first: its problem, not the server's. */
  run (&no_file, "team", "push", nowhere, "/nonexistent/x.journey", NULL);
  g_assert_cmpint (no_file.status, ==, 1);
  g_assert_nonnull (strstr (no_file.err, "/nonexistent/x.journey"));
  g_assert_null (strstr (no_file.err, "nonexistent-wayfinder-dir"));
}

static void
test_validate (void)
{
  g_autofree char *good = data_path ("rich.journey");
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.journey", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.journey", NULL);
  g_autofree char *after = NULL;
  static const char bad_json[] =
    "{\"format\":\"wayfinder-journey\",\"version\":1,\"maps\":[{\"id\":\"m\","
    "\"phases\":[{\"id\":\"p\",\"name\":\"P\"}],\"lanes\":[{\"id\":\"l\",\"kind\":\"moods\"}],"
    "\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l9\"}]}]}";
  g_auto(Run) ok = { 0 };
  g_auto(Run) fail = { 0 };
  g_auto(Run) gone = { 0 };
  g_autofree char *expected1 = NULL;
  g_autofree char *expected2 = NULL;

  g_assert_true (g_file_set_contents (bad, bad_json, -1, NULL));

  run (&ok, "validate", good, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_cmpstr (ok.err, ==, "");

  /* One line per problem, FILE: error: WHERE: MESSAGE. */
  run (&fail, "validate", good, bad, NULL);
  g_assert_cmpint (fail.status, ==, 1);
  expected1 = g_strdup_printf ("%s: error: $.maps[0].lanes[0].kind: “moods” is not a kind of lane", bad);
  expected2 = g_strdup_printf ("%s: error: $.maps[0].cards[0].lane: The card refers to lane “l9”, which does not exist in this map\n", bad);
  g_assert_true (g_str_has_prefix (fail.err, expected1));
  g_assert_nonnull (strstr (fail.err, expected2));

  /* A refused file is never changed. */
  g_file_get_contents (bad, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, bad_json);

  run (&gone, "validate", missing, NULL);
  g_assert_cmpint (gone.status, ==, 1);
  g_assert_true (g_str_has_prefix (gone.err, missing));

  g_unlink (bad);
  g_rmdir (dir);
}

/* A file whose pictures could not be read opens without them, but does
 * not conform: `validate` prints each picture left out as a warning and
 * fails; `export` warns and goes on (issue #17, docs/pictures.md).
 */
static void
test_validate_pictures (void)
{
  g_autofree char *good = data_path ("pictures.journey");
  g_autofree char *bad = data_path ("pictures-bad.journey");
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *expected1 = NULL;
  g_autofree char *expected2 = NULL;
  g_autofree char *both = NULL;
  g_auto(Run) ok = { 0 };
  g_auto(Run) warned = { 0 };
  g_auto(Run) exported = { 0 };

  run (&ok, "validate", good, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_cmpstr (ok.err, ==, "");

  run (&warned, "validate", bad, NULL);
  g_assert_cmpint (warned.status, ==, 1);
  expected1 = g_strdup_printf ("%s: warning: $.personas[0].photo: The data is not a PNG or JPEG picture\n", bad);
  expected2 = g_strdup_printf ("%s: warning: $.maps[0].cards[0].image: The picture is damaged or cut off\n", bad);
  both = g_strconcat (expected1, expected2, NULL);
  g_assert_cmpstr (warned.err, ==, both);

  run (&exported, "export", bad, png, NULL);
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_nonnull (strstr (exported.err, expected1));
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));

  wf_test_remove_tree (dir);
}

/* Regression (issue #14): `validate` printed a colour of a megabyte whole,
 * and `export --map` listed a map's title of a megabyte whole. Each now
 * quotes its beginning, on one line.
 */
static void
test_validate_long_values (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "long.journey", NULL);
  g_autofree char *good = g_build_filename (dir, "long-title.journey", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autoptr(GString) value = g_string_new ("#abc\\n");
  g_autoptr(GString) json = NULL;
  g_auto(Run) r = { 0 };
  g_auto(Run) listed = { 0 };

  while (value->len < 1000000)
    g_string_append (value, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");

  json = g_string_new ("{\"format\":\"wayfinder-journey\",\"version\":1,\"maps\":[{\"id\":\"m\","
                       "\"phases\":[{\"id\":\"p\",\"name\":\"P\",\"color\":\"@V@\"}]}]}");
  g_string_replace (json, "@V@", value->str, 0);
  g_assert_true (g_file_set_contents (bad, json->str, json->len, NULL));

  run (&r, "validate", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpuint (strlen (r.err), <, strlen (bad) + 200);
  g_assert_nonnull (strstr (r.err, "$.maps[0].phases[0].color: “#abc\\nffffffffff"));
  g_assert_nonnull (strstr (r.err, "ff…” is not a colour"));
  g_assert_true (g_str_has_suffix (r.err, "#rrggbb\n"));
  g_assert_cmpuint (strchr (r.err, '\n') - r.err, ==, strlen (r.err) - 1);

  g_string_assign (json, "{\"format\":\"wayfinder-journey\",\"version\":1,\"maps\":[{\"id\":\"m\",\"title\":\"@V@\"}]}");
  g_string_replace (json, "@V@", value->str, 0);
  g_assert_true (g_file_set_contents (good, json->str, json->len, NULL));

  run (&listed, "export", good, png, "--map", "nope", NULL);
  g_assert_cmpint (listed.status, ==, 1);
  g_assert_cmpuint (strlen (listed.err), <, strlen (good) + 300);
  g_assert_nonnull (strstr (listed.err, "  1  m                #abc\\nffffff"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  g_unlink (bad);
  g_unlink (good);
  g_rmdir (dir);
}

static void
test_new_and_stats (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "b2b.journey", NULL);
  g_auto(Run) created = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) stats = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) bad_template = { 0 };
  g_auto(Run) bad_lang = { 0 };
  g_autofree char *contents = NULL;

  run (&list, "templates", "--lang", "nl", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "five-phases"));
  g_assert_nonnull (strstr (list.out, "Vijf fasen"));
  g_assert_nonnull (strstr (list.out, "service-blueprint"));

  run (&created, "new", "--template", "b2b", "--lang", "nl", out, NULL);
  g_assert_cmpint (created.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"name\": \"Inkoop\""));

  /* An existing file is not overwritten without --force. */
  run (&again, "new", "--template", "funnel", out, NULL);
  g_assert_cmpint (again.status, ==, 1);

  run (&stats, "stats", out, NULL);
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_cmpstr (stats.out, ==,
                   "{\n  \"personas\": 4,\n  \"maps\": 1,\n  \"phases\": 6,\n  \"lanes\": 9,\n"
                   "  \"cards\": 15,\n  \"links\": 0\n}\n");

  run (&bad_template, "new", "--template", "nope", out, NULL);
  g_assert_cmpint (bad_template.status, ==, 2);
  run (&bad_lang, "new", "--template", "funnel", "--lang", "fr", out, NULL);
  g_assert_cmpint (bad_lang.status, ==, 2);

  g_unlink (out);
  g_rmdir (dir);
}

typedef struct
{
  char            *contents;
  gsize            len;
  struct timespec  mtime;
} FileState;

static void
file_state_clear (FileState *state)
{
  g_clear_pointer (&state->contents, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileState, file_state_clear)

static void
file_state_take (FileState  *state,
                 const char *path)
{
  struct stat st;

  file_state_clear (state);
  g_assert_cmpint (stat (path, &st), ==, 0);
  state->mtime = st.st_mtim;
  g_assert_true (g_file_get_contents (path, &state->contents, &state->len, NULL));
}

static void
assert_file_unchanged (const char *path,
                       FileState  *before)
{
  g_auto(FileState) after = { 0 };

  file_state_take (&after, path);
  g_assert_cmpmem (before->contents, before->len, after.contents, after.len);
  g_assert_cmpint (before->mtime.tv_sec, ==, after.mtime.tv_sec);
  g_assert_cmpint (before->mtime.tv_nsec, ==, after.mtime.tv_nsec);
}

static void
assert_same_contents (const char *a,
                      const char *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;
  gsize la, lb;

  g_assert_true (g_file_get_contents (a, &ca, &la, NULL));
  g_assert_true (g_file_get_contents (b, &cb, &lb, NULL));
  g_assert_cmpmem (ca, la, cb, lb);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, one per line: what a failed command left. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("\n", (char **) names->pdata);
}

static void
sql (const char *path,
     const char *statements)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, statements, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* .journey → .sqlite → .journey gives back the same bytes; so does a
 * file of schema 1; stats and validate read .sqlite files.
 */
static void
test_convert_round_trip (void)
{
  g_autofree char *rich = data_path ("rich.journey");
  g_autofree char *rich_v1 = data_path ("rich-v1.sqlite");
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "rich.sqlite", NULL);
  g_autofree char *db2 = g_build_filename (dir, "again.SQLITE", NULL);
  g_autofree char *back = g_build_filename (dir, "back.journey", NULL);
  g_autofree char *from_v1 = g_build_filename (dir, "from-v1.journey", NULL);
  g_autofree char *canonical = g_build_filename (dir, "canonical.journey", NULL);
  g_autofree char *disguised = g_build_filename (dir, "disguised.journey", NULL);
  g_auto(Run) to_sqlite = { 0 };
  g_auto(Run) to_journey = { 0 };
  g_auto(Run) v1 = { 0 };
  g_auto(Run) sqlite_sqlite = { 0 };
  g_auto(Run) journey_journey = { 0 };
  g_auto(Run) stats_journey = { 0 };
  g_auto(Run) stats_sqlite = { 0 };
  g_auto(Run) stats_disguised = { 0 };
  g_auto(Run) validate = { 0 };
  g_autofree char *header = NULL;

  run (&to_sqlite, "convert", rich, db, NULL);
  g_assert_cmpint (to_sqlite.status, ==, 0);
  g_assert_cmpstr (to_sqlite.err, ==, "");
  g_assert_true (g_file_get_contents (db, &header, NULL, NULL));
  g_assert_cmpstr (header, ==, "SQLite format 3");

  run (&to_journey, "convert", db, back, NULL);
  g_assert_cmpint (to_journey.status, ==, 0);
  assert_same_contents (rich, back);

  run (&v1, "convert", rich_v1, from_v1, NULL);
  g_assert_cmpint (v1.status, ==, 0);
  assert_same_contents (rich, from_v1);

  run (&sqlite_sqlite, "convert", db, db2, NULL);
  g_assert_cmpint (sqlite_sqlite.status, ==, 0);
  run (&journey_journey, "convert", rich, canonical, NULL);
  g_assert_cmpint (journey_journey.status, ==, 0);
  assert_same_contents (rich, canonical);

  /* A .sqlite file under another name is known by its first bytes. */
  g_assert_cmpint (g_rename (db2, disguised), ==, 0);

  run (&stats_journey, "stats", rich, NULL);
  run (&stats_sqlite, "stats", db, NULL);
  run (&stats_disguised, "stats", disguised, NULL);
  g_assert_cmpint (stats_journey.status, ==, 0);
  g_assert_cmpint (stats_sqlite.status, ==, 0);
  g_assert_cmpint (stats_disguised.status, ==, 0);
  g_assert_cmpstr (stats_sqlite.out, ==, stats_journey.out);
  g_assert_cmpstr (stats_disguised.out, ==, stats_journey.out);
  g_assert_nonnull (strstr (stats_sqlite.out, "\"cards\": 37"));

  run (&validate, "validate", db, rich_v1, disguised, rich, NULL);
  g_assert_cmpint (validate.status, ==, 0);
  g_assert_cmpstr (validate.err, ==, "");

  wf_test_remove_tree (dir);
}

/* OUT is written completely or not at all; IN is never written. */
static void
test_convert_refused (void)
{
  g_autofree char *rich = data_path ("rich.journey");
  g_autofree char *library = data_path ("library-v1.sqlite");
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
  g_autofree char *in = g_build_filename (dir, "in.journey", NULL);
  g_autofree char *out = g_build_filename (dir, "out.sqlite", NULL);
  g_autofree char *link = g_build_filename (dir, "link.journey", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.sqlite", NULL);
  g_autofree char *made = g_build_filename (dir, "made.journey", NULL);
  g_autofree char *missing_dir = g_build_filename (dir, "no-such-folder", "out.sqlite", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  g_auto(FileState) in_state = { 0 };
  g_auto(FileState) out_state = { 0 };
  g_auto(Run) first = { 0 };
  g_auto(Run) exists = { 0 };
  g_auto(Run) same = { 0 };
  g_auto(Run) same_link = { 0 };
  g_auto(Run) extension = { 0 };
  g_auto(Run) one_arg = { 0 };
  g_auto(Run) not_sqlite = { 0 };
  g_auto(Run) two_documents = { 0 };
  g_auto(Run) no_folder = { 0 };
  g_auto(Run) forced_bad = { 0 };
  g_auto(Run) forced = { 0 };

  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (rich, &contents, &len, NULL));
    g_assert_true (g_file_set_contents (in, contents, len, NULL));
  }
  g_assert_cmpint (symlink (in, link), ==, 0);

  run (&first, "convert", in, out, NULL);
  g_assert_cmpint (first.status, ==, 0);
  file_state_take (&in_state, in);
  file_state_take (&out_state, out);

  /* An existing OUT is replaced only with --force, as `new` does. */
  run (&exists, "convert", in, out, NULL);
  g_assert_cmpint (exists.status, ==, 1);
  expected = g_strdup_printf ("%s: error: The file already exists; use --force to replace it.\n", out);
  g_assert_cmpstr (exists.err, ==, expected);
  assert_file_unchanged (out, &out_state);

  /* Never onto IN itself, not even with --force or through a link. */
  run (&same, "convert", "--force", in, in, NULL);
  g_assert_cmpint (same.status, ==, 2);
  g_assert_nonnull (strstr (same.err, "same file"));
  run (&same_link, "convert", "-f", in, link, NULL);
  g_assert_cmpint (same_link.status, ==, 2);
  assert_file_unchanged (in, &in_state);

  /* The format to write comes from OUT's extension. */
  run (&extension, "convert", in, made, NULL);
  g_assert_cmpint (extension.status, ==, 0);
  g_unlink (made);
  {
    g_autofree char *txt = g_build_filename (dir, "out.txt", NULL);

    run (&extension, "convert", in, txt, NULL);
  }
  g_assert_cmpint (extension.status, ==, 2);
  g_assert_nonnull (strstr (extension.err, ".journey or .sqlite"));

  run (&one_arg, "convert", in, NULL);
  g_assert_cmpint (one_arg.status, ==, 2);

  /* An IN that cannot be read: exit 1, FILE: error: MESSAGE, no OUT. */
  g_assert_true (g_file_set_contents (bad, "{\"format\": \"wayfinder-journey\"}", -1, NULL));
  run (&not_sqlite, "convert", bad, made, NULL);
  g_assert_cmpint (not_sqlite.status, ==, 1);
  g_free (expected);
  expected = g_strdup_printf ("%s: error: The file is not an SQLite database\n", bad);
  g_assert_cmpstr (not_sqlite.err, ==, expected);
  g_assert_false (g_file_test (made, G_FILE_TEST_EXISTS));

  run (&two_documents, "convert", library, made, NULL);
  g_assert_cmpint (two_documents.status, ==, 1);
  g_assert_nonnull (strstr (two_documents.err, "2 documents"));
  g_assert_false (g_file_test (made, G_FILE_TEST_EXISTS));

  run (&no_folder, "convert", in, missing_dir, NULL);
  g_assert_cmpint (no_folder.status, ==, 1);
  g_assert_true (g_str_has_prefix (no_folder.err, missing_dir));

  /* With --force, a bad IN leaves the old OUT as it was. */
  run (&forced_bad, "convert", "--force", bad, out, NULL);
  g_assert_cmpint (forced_bad.status, ==, 1);
  assert_file_unchanged (out, &out_state);

  /* Nothing half-written was left behind by any of it. */
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "bad.sqlite\nin.journey\nlink.journey\nout.sqlite");

  run (&forced, "convert", "--force", rich, out, NULL);
  g_assert_cmpint (forced.status, ==, 0);
  assert_file_unchanged (in, &in_state);

  wf_test_remove_tree (dir);
}

/* validate reports every problem of a .sqlite file as FILE: error: WHERE:
 * MESSAGE, and never changes the file.
 */
static void
test_validate_sqlite (void)
{
  g_autofree char *rich = data_path ("rich.journey");
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
  g_autofree char *content = g_build_filename (dir, "content.sqlite", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.sqlite", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.sqlite", NULL);
  g_autofree char *expected = NULL;
  g_auto(FileState) content_state = { 0 };
  g_auto(FileState) newer_state = { 0 };
  g_auto(Run) made = { 0 };
  g_auto(Run) made2 = { 0 };
  g_auto(Run) r = { 0 };
  g_auto(Run) stats = { 0 };
  const char *wheres[] = { "cards[cd4].lane", "cards[cd8].title", "cards[cd12].emotion", "links[ph0].id" };

  run (&made, "convert", rich, content, NULL);
  g_assert_cmpint (made.status, ==, 0);
  run (&made2, "convert", rich, newer, NULL);
  g_assert_cmpint (made2.status, ==, 0);
  sql (content,
       "UPDATE cards SET lane = 'ln99' WHERE id = 'cd4';"
       "UPDATE cards SET title = CAST (x'436166c3' AS TEXT) WHERE id = 'cd8';"
       "UPDATE cards SET emotion = 7 WHERE id = 'cd12';"
       "UPDATE links SET id = 'ph0' WHERE id = 'lk0';");
  sql (newer, "PRAGMA user_version = 99");
  g_assert_true (g_file_set_contents (text, "Just some notes.\n", -1, NULL));
  file_state_take (&content_state, content);
  file_state_take (&newer_state, newer);

  run (&r, "validate", content, newer, text, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_test_message ("%s", r.err);

  for (guint i = 0; i < G_N_ELEMENTS (wheres); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s: error: %s: ", content, wheres[i]);

      g_assert_nonnull (strstr (r.err, line));
    }
  expected = g_strdup_printf ("%s: error: cards[cd4].lane: The card refers to lane “ln99”, which does not exist in this map\n", content);
  g_assert_nonnull (strstr (r.err, expected));
  g_free (expected);
  expected = g_strdup_printf ("%s: error: The database was made by a newer version of Wayfinder (schema 99; this version reads up to %d)\n",
                              newer, WF_SQLITE_SCHEMA_VERSION);
  g_assert_nonnull (strstr (r.err, expected));
  g_free (expected);
  expected = g_strdup_printf ("%s: error: The file is not an SQLite database\n", text);
  g_assert_nonnull (strstr (r.err, expected));

  run (&stats, "stats", content, NULL);
  g_assert_cmpint (stats.status, ==, 1);
  g_assert_cmpstr (stats.out, ==, "");

  assert_file_unchanged (content, &content_state);
  assert_file_unchanged (newer, &newer_state);

  wf_test_remove_tree (dir);
}

/* `wayfinder export` with no display: every format, the files named
 * for several maps, usage errors (2), problems (1), no file left behind.
 */
/* A PDF's pages, as cairo writes them: an object "/Type /Page" each. */
static guint
count_pdf_pages (const char *pdf,
                 gsize       length)
{
  g_autoptr(GRegex) page = g_regex_new ("/Type\\s*/Page\\b", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  for (g_regex_match_full (page, pdf, length, 0, 0, &match, NULL); g_match_info_matches (match); g_match_info_next (match, NULL))
    n++;

  return n;
}

static void
test_export (void)
{
  g_autofree char *rich = data_path ("rich.journey");
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *png1 = g_build_filename (dir, "map-1.png", NULL);
  g_autofree char *png2 = g_build_filename (dir, "map-2.png", NULL);
  g_autofree char *csv = g_build_filename (dir, "cards.csv", NULL);
  g_autofree char *measurements = g_build_filename (dir, "cards-measurements.csv", NULL);
  g_autofree char *figures = data_path ("figures.journey");
  g_autofree char *mmd = g_build_filename (dir, "main.mmd", NULL);
  g_autofree char *back = g_build_filename (dir, "back.journey", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "map.pdf", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) r = { 0 };

  /* PDF, A3 landscape with a title block. */
  run (&r, "export", rich, pdf, "--paper", "a3", "--landscape", "--title-block", "--theme", "dark", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);
  run_clear (&r);

  /* PDF with Insights: a page more for each of the two maps. */
  {
    g_autofree char *with = g_build_filename (dir, "insights.pdf", NULL);
    g_autofree char *plain = NULL;
    g_autofree char *insights = NULL;
    gsize plain_length, insights_length;

    run (&r, "export", figures, pdf, NULL);
    g_assert_cmpint (r.status, ==, 0);
    run_clear (&r);
    run (&r, "export", figures, with, "--insights", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    run_clear (&r);
    g_assert_true (g_file_get_contents (pdf, &plain, &plain_length, NULL));
    g_assert_true (g_file_get_contents (with, &insights, &insights_length, NULL));
    g_assert_cmpuint (count_pdf_pages (plain, plain_length), ==, 2);
    g_assert_cmpuint (count_pdf_pages (insights, insights_length), ==, 4);

    /* Only for PDF: 2. */
    run (&r, "export", figures, png, "--insights", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "--insights"));
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
    run_clear (&r);
  }

  /* The heat view as saved (csat), another, none; a metric no map has
   * is named with the ones they have, and nothing is written.
   */
  {
    g_autofree char *saved = g_build_filename (dir, "saved.png", NULL);
    g_autofree char *again = g_build_filename (dir, "again.png", NULL);
    g_autofree char *none = g_build_filename (dir, "none.png", NULL);
    g_autofree char *typo = g_build_filename (dir, "typo.png", NULL);
    g_autofree char *a = NULL, *b = NULL, *c = NULL;
    gsize a_length, b_length, c_length;

    run (&r, "export", figures, saved, "--map", "m1", NULL);
    g_assert_cmpint (r.status, ==, 0);
    run_clear (&r);
    run (&r, "export", figures, again, "--map", "m1", "--heat", "csat", NULL);
    g_assert_cmpint (r.status, ==, 0);
    run_clear (&r);
    run (&r, "export", figures, none, "--map", "m1", "--heat", "None", NULL);
    g_assert_cmpint (r.status, ==, 0);
    run_clear (&r);
    g_assert_true (g_file_get_contents (saved, &a, &a_length, NULL));
    g_assert_true (g_file_get_contents (again, &b, &b_length, NULL));
    g_assert_true (g_file_get_contents (none, &c, &c_length, NULL));
    g_assert_cmpmem (a, a_length, b, b_length);
    g_assert_false (a_length == c_length && memcmp (a, c, a_length) == 0);

    run (&r, "export", figures, typo, "--heat", "CSAT score", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "No map has a metric “CSAT score”"));
    g_assert_nonnull (strstr (r.err, "\n  csat\n"));
    g_assert_false (g_file_test (typo, G_FILE_TEST_EXISTS));
    run_clear (&r);
  }

  /* PNG of every map: a file each, named on standard output. */
  run (&r, "export", rich, png, "--scale", "0.5", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "map-1.png"));
  g_assert_true (g_file_test (png1, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (png2, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  run_clear (&r);

  /* CSV and Mermaid; the Mermaid made a journey again. */
  run (&r, "export", rich, csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "map,phase,lane,lane_kind,persona,title,"));
  g_clear_pointer (&contents, g_free);
  /* Plain metrics only: no file of measurements, OUT not named. */
  g_assert_false (g_file_test (measurements, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (r.out, ==, "");
  run_clear (&r);

  /* Figures over time: their measurements beside it, both named. */
  run (&r, "export", figures, csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "cards.csv\n"));
  g_assert_nonnull (strstr (r.out, "cards-measurements.csv\n"));
  g_assert_true (g_file_get_contents (measurements, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "map,phase,persona,card,card_id,metric,unit,direction,target,date,value\r\n"));
  g_assert_nonnull (strstr (contents, "Webshop,Orientation,Anna,Search ad,c1,click-through,%,higher,2.5,2026-10-31,2.1\r\n"));
  g_clear_pointer (&contents, g_free);
  g_remove (measurements);
  run_clear (&r);
  run (&r, "export", rich, mmd, "--map", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (mmd, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "journey\n    title Main journey\n"));
  run_clear (&r);
  run (&r, "convert", mmd, back, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  run (&r, "stats", back, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"maps\": 1"));
  run_clear (&r);

  /* Wrong usage: 2. */
  run (&r, "export", rich, "map.docx", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, ".png, .pdf, .svg, .csv or .mmd"));
  run_clear (&r);
  run (&r, "export", rich, png, "--scale", "9", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  run (&r, "export", rich, pdf, "--paper", "letter", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "letter"));
  run_clear (&r);

  /* Problems: 1, and no file. */
  run (&r, "export", rich, pdf, "--map", "nope", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "There is no map “nope”"));
  g_assert_nonnull (strstr (r.err, "Main journey"));
  run_clear (&r);
  run (&r, "export", rich, missing, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "map.pdf"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  run_clear (&r);
  wf_test_remove_tree (dir);
}

static void
test_insights (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "coffee-subscription.journey", NULL);
  g_autofree char *compact = data_path ("compact.journey");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) one = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) no_map = { 0 };
  JsonArray *findings, *cards;
  JsonObject *first;

  run (&text, "insights", sample, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Coffee subscription — as is: 7 gaps\n"));
  g_assert_nonnull (strstr (text.out, "  metric-off-target: NPS in “Delivery” is 5, below its target of 30\n"));
  g_assert_nonnull (strstr (text.out, "  no-touchpoint: Ruben has no touchpoint in “Delivery”\n"));
  g_assert_nonnull (strstr (text.out, "  channel-break: Ruben goes from only online in “Purchase” to only offline in “Loyalty”\n"));

  run (&json, "insights", "--json", sample, NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  findings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 7);
  /* A phase's figure is about no persona and no card. */
  first = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "rule"), ==, "metric-off-target");
  g_assert_cmpstr (json_object_get_string_member (first, "phase"), ==, "aw");
  g_assert_true (json_object_get_null_member (first, "persona"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "cards")), ==, 0);
  first = json_array_get_object_element (findings, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "rule"), ==, "emotion-drop");
  g_assert_cmpstr (json_object_get_string_member (first, "map"), ==, "map");
  g_assert_cmpstr (json_object_get_string_member (first, "phase"), ==, "co");
  g_assert_cmpstr (json_object_get_string_member (first, "persona"), ==, "eva");
  cards = json_object_get_array_member (first, "cards");
  g_assert_cmpuint (json_array_get_length (cards), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (cards, 0), ==, "e1");
  g_assert_nonnull (strstr (json_object_get_string_member (first, "message"), "Eva’s feeling drops"));

  /* One map, by number; a map without gaps says so. */
  run (&one, "insights", "--map", "2", compact, NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpstr (one.out, ==, "Empty scenario: no gaps found\n");

  run (&none, "insights", "--map", "map2", "--json", compact, NULL);
  g_assert_cmpint (none.status, ==, 0);
  json_parser_load_from_data (parser, none.out, -1, &error);
  g_assert_no_error (error);
  findings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 0);

  /* Dismissed in the app: left out, unless asked for. */
  {
    g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "dismissed.journey", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
    g_autoptr(WfDocument) document = wf_journey_load_file (sample_file, NULL, NULL, &error);
    g_auto(Run) left = { 0 };
    g_auto(Run) all = { 0 };
    const char * const keys[] = { "no-touchpoint/map/de/ruben/", NULL };

    g_assert_no_error (error);
    wf_map_set_dismissed (wf_document_get_map (document, 0), keys);
    g_assert_true (wf_journey_save_file (document, file, NULL, &error));
    g_assert_no_error (error);

    run (&left, "insights", path, NULL);
    g_assert_cmpint (left.status, ==, 0);
    g_assert_null (strstr (left.out, "Ruben has no touchpoint"));
    g_assert_nonnull (strstr (left.out, ": 6 gaps\n"));

    run (&all, "insights", "--all", path, NULL);
    g_assert_nonnull (strstr (all.out, "  no-touchpoint: Ruben has no touchpoint in “Delivery” (dismissed)\n"));

    g_unlink (path);
    g_rmdir (dir);
  }

  run (&no_map, "insights", "--map", "nope", sample, NULL);
  g_assert_cmpint (no_map.status, ==, 1);
  g_assert_nonnull (strstr (no_map.err, "There is no map “nope”"));
}

/* A file with more problems than are worth listing: the first thousand,
 * and a line that says there are more, at once.
 */
static void
test_validate_many_problems (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "many.journey", NULL);
  g_autoptr(GString) text = g_string_new ("{\"format\": \"wayfinder-journey\", \"version\": 1, \"title\": \"\", "
                                          "\"maps\": [{\"id\": \"m\", \"title\": \"\", \"cards\": [");
  g_auto(Run) r = { 0 };
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (text, "%s{\"id\": \"c%u\", \"phase\": \"gone\", \"lane\": \"gone\", \"title\": \"\"}",
                            i ? ", " : "", i);
  g_string_append (text, "]}]}");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  run (&r, "validate", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  lines = g_strsplit (r.err, "\n", -1);
  /* A thousand problems, the line about the rest, and the end. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1002);
  g_assert_nonnull (strstr (lines[0], "$.maps[0].cards[0].phase: The card refers to phase “gone”"));
  g_assert_nonnull (strstr (lines[1000], "There are more problems; only the first 1000 are listed."));

  g_unlink (path);
  g_rmdir (dir);
}

/* The latest value of a card's metric in a written journey. */
static double
latest_value (const char *path,
              const char *card_title,
              const char *metric_name)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  if (g_str_has_suffix (path, ".sqlite"))
    document = wf_sqlite_load_file (file, NULL, NULL, &error);
  else
    document = wf_journey_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);

  cards = wf_map_list_cards (wf_document_get_map (document, 0));
  for (guint i = 0; i < cards->len; i++)
    {
      WfCard *card = g_ptr_array_index (cards, i);
      g_autoptr(GPtrArray) metrics = NULL;
      WfMetric *metric;

      if (g_strcmp0 (wf_card_get_title (card), card_title) != 0 || wf_card_get_metrics (card) == NULL)
        continue;

      metrics = wf_metrics_from_variant (wf_card_get_metrics (card));
      if ((metric = wf_metrics_find (metrics, metric_name, "")) != NULL)
        return wf_metric_get_latest (metric)->value;
    }

  g_assert_not_reached ();
}

static void
test_import_metrics (void)
{
  /* As a Dutch Excel writes "CSV UTF-8": a byte order mark, semicolons,
   * CRLF and decimal commas. */
  static const char excel[] =
    "\xEF\xBB\xBF" "fase;kaart;metriek;waarde;datum;doel;richting\r\n"
    "Awareness;;Bereik;12.345;31-10-2026;;hoger\r\n"
    ";Orders in the web shop;Conversie;3,4%;31-10-2026;5;hoger\r\n";
  static const char broken[] =
    "phase,card,metric,value\n"
    "Nope,,X,1\n"
    ",Curious,X,abc\n"
    "Awareness,,X,2\n";
  static const char custom[] = "Stap,KPI,Score\nCurious,Mood,4.5\n";
  static const char theydo[] =
    "{\"format\": \"THEYDO_METRICS_V1\", \"metrics\": [{\"type\": \"NPS\", \"importKey\": \"NPS\",\n"
    " \"title\": \"Orders in the web shop\", \"unit\": \"responses\", \"dataPoints\": [\n"
    " {\"dateOfMeasurement\": \"2025-01-31\", \"detractors\": 10, \"passives\": 10, \"promoters\": 30}]}]}\n";
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
  g_autofree char *in = g_build_filename (dir, "in.journey", NULL);
  g_autofree char *in_sqlite = g_build_filename (dir, "in.sqlite", NULL);
  g_autofree char *excel_csv = g_build_filename (dir, "excel.csv", NULL);
  g_autofree char *broken_csv = g_build_filename (dir, "broken.csv", NULL);
  g_autofree char *custom_csv = g_build_filename (dir, "custom.csv", NULL);
  g_autofree char *theydo_json = g_build_filename (dir, "metrics.json", NULL);
  g_autofree char *out = g_build_filename (dir, "out.journey", NULL);
  g_autofree char *out_sqlite = g_build_filename (dir, "out.sqlite", NULL);
  g_autofree char *not_written = g_build_filename (dir, "not-written.journey", NULL);
  g_autofree char *expected = NULL;
  g_auto(Run) made = { 0 };
  g_auto(Run) converted = { 0 };
  g_auto(Run) imported = { 0 };
  g_auto(Run) from_sqlite = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) skipped = { 0 };
  g_auto(Run) mapped = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) bad_column = { 0 };
  g_auto(Run) missing_column = { 0 };
  g_auto(Run) two_args = { 0 };
  g_auto(Run) bad_extension = { 0 };
  g_auto(Run) same = { 0 };
  g_auto(Run) no_map = { 0 };

  g_assert_true (g_file_set_contents (excel_csv, excel, -1, NULL));
  g_assert_true (g_file_set_contents (broken_csv, broken, -1, NULL));
  g_assert_true (g_file_set_contents (custom_csv, custom, -1, NULL));
  g_assert_true (g_file_set_contents (theydo_json, theydo, -1, NULL));

  run (&made, "new", "--template", "five-phases", in, NULL);
  g_assert_cmpint (made.status, ==, 0);
  run (&converted, "convert", in, in_sqlite, NULL);
  g_assert_cmpint (converted.status, ==, 0);

  run (&imported, "import-metrics", in, excel_csv, out, NULL);
  g_assert_cmpstr (imported.err, ==, "");
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_cmpstr (imported.out, ==, "Imported into “Five phases”: rows 2, skipped 0; new metrics 2; "
                                     "measurements added 2, replaced 0.\n");
  g_assert_cmpfloat (latest_value (out, "Orders in the web shop", "Conversie"), ==, 3.4);

  /* From a database, into a database. */
  run (&from_sqlite, "import-metrics", in_sqlite, excel_csv, out_sqlite, NULL);
  g_assert_cmpint (from_sqlite.status, ==, 0);
  g_assert_cmpfloat (latest_value (out_sqlite, "Orders in the web shop", "Conversie"), ==, 3.4);

  /* A bad row: every one listed, nothing written. */
  run (&bad, "import-metrics", in, broken_csv, not_written, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  expected = g_strdup_printf ("%s: error: line 2: There is no phase “Nope” in this map.\n"
                              "%s: error: line 3: The value “abc” is not a number.\n",
                              broken_csv, broken_csv);
  g_assert_cmpstr (bad.err, ==, expected);
  g_assert_cmpstr (bad.out, ==, "");
  g_assert_false (g_file_test (not_written, G_FILE_TEST_EXISTS));
  g_clear_pointer (&expected, g_free);

  run (&skipped, "import-metrics", "--skip-bad", in, broken_csv, out, NULL);
  g_assert_cmpint (skipped.status, ==, 0);
  expected = g_strdup_printf ("%s: warning: line 2: There is no phase “Nope” in this map. (skipped)\n"
                              "%s: warning: line 3: The value “abc” is not a number. (skipped)\n",
                              broken_csv, broken_csv);
  g_assert_cmpstr (skipped.err, ==, expected);
  g_assert_true (g_str_has_prefix (skipped.out, "Imported into “Five phases”: rows 1, skipped 2;"));

  run (&mapped, "import-metrics", in, custom_csv, out, "--column", "Stap=kaart",
       "--column", "KPI=metric", "-c", "score=value", "--map", "1", NULL);
  g_assert_cmpint (mapped.status, ==, 0);
  g_assert_cmpfloat (latest_value (out, "Curious", "Mood"), ==, 4.5);

  run (&json, "import-metrics", in, theydo_json, out, NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpfloat (latest_value (out, "Orders in the web shop", "Orders in the web shop"), ==, 40);

  /* Wrong usage. */
  run (&bad_column, "import-metrics", in, custom_csv, out, "--column", "Stap", NULL);
  g_assert_cmpint (bad_column.status, ==, 2);
  run (&two_args, "import-metrics", in, custom_csv, NULL);
  g_assert_cmpint (two_args.status, ==, 2);
  run (&bad_extension, "import-metrics", in, custom_csv, "out.txt", NULL);
  g_assert_cmpint (bad_extension.status, ==, 2);
  run (&same, "import-metrics", in, custom_csv, in, NULL);
  g_assert_cmpint (same.status, ==, 2);

  /* A sheet whose columns say nothing we know. */
  run (&missing_column, "import-metrics", in, custom_csv, not_written, NULL);
  g_assert_cmpint (missing_column.status, ==, 1);
  g_assert_nonnull (strstr (missing_column.err, "No column names a phase or a card"));
  g_assert_false (g_file_test (not_written, G_FILE_TEST_EXISTS));

  run (&no_map, "import-metrics", in, custom_csv, not_written, "--map", "x", NULL);
  g_assert_cmpint (no_map.status, ==, 1);
  g_assert_nonnull (strstr (no_map.err, "There is no map “x”."));
  g_assert_false (g_file_test (not_written, G_FILE_TEST_EXISTS));

  wf_test_remove_tree (dir);
}

/* Figures from a pipe, which says no size, far more than a sheet holds:
 * read no further than the limit, and refused.
 */
static void
test_import_metrics_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-cli-XXXXXX", NULL);
  g_autofree char *in = g_build_filename (dir, "in.journey", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.csv", NULL);
  g_autofree char *not_written = g_build_filename (dir, "not-written.journey", NULL);
  g_autofree char *expected = NULL;
  g_auto(Run) made = { 0 };
  g_auto(Run) refused = { 0 };
  WfTestFifo *fifo;
  gsize written;

  run (&made, "new", "--template", "five-phases", in, NULL);
  g_assert_cmpint (made.status, ==, 0);

  fifo = wf_test_fifo_new (huge, 2 * (gsize) WF_SHEET_MAX_BYTES + 1);
  run (&refused, "import-metrics", in, huge, not_written, NULL);
  written = wf_test_fifo_finish (fifo);

  g_test_message ("%" G_GSIZE_FORMAT " bytes written", written);
  g_assert_cmpuint (written, <, WF_SHEET_MAX_BYTES + 4 * 1024 * 1024);
  g_assert_cmpint (refused.status, ==, 1);
  expected = g_strdup_printf ("%s: error: The file is larger than 64 MB; no import is that large.\n", huge);
  g_assert_cmpstr (refused.err, ==, expected);
  g_assert_false (g_file_test (not_written, G_FILE_TEST_EXISTS));

  wf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/help-page", test_help_page);
  g_test_add_func ("/cli/command-help", test_command_help);
  g_test_add_func ("/cli/unknown", test_unknown);
  g_test_add_func ("/cli/validate", test_validate);
  g_test_add_func ("/cli/validate/long-values", test_validate_long_values);
  g_test_add_func ("/cli/validate/many-problems", test_validate_many_problems);
  g_test_add_func ("/cli/validate/pictures", test_validate_pictures);
  g_test_add_func ("/cli/new-and-stats", test_new_and_stats);
  g_test_add_func ("/cli/convert/round-trip", test_convert_round_trip);
  g_test_add_func ("/cli/convert/refused", test_convert_refused);
  g_test_add_func ("/cli/validate/sqlite", test_validate_sqlite);
  g_test_add_func ("/cli/export", test_export);
  g_test_add_func ("/cli/insights", test_insights);
  g_test_add_func ("/cli/import-metrics", test_import_metrics);
  g_test_add_func ("/cli/import-metrics-too-large", test_import_metrics_too_large);
  g_test_add_func ("/cli/team/usage", test_team_usage);

  return g_test_run ();
}
