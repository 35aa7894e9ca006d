/* test-cli.c — `wayfinder` subcommands, run as a user runs them, with no display
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/unknown", test_unknown);
  g_test_add_func ("/cli/validate", test_validate);
  g_test_add_func ("/cli/new-and-stats", test_new_and_stats);

  return g_test_run ();
}
