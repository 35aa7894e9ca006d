/* test-files.c — files on disk: the names Wayfinder makes of titles
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "render/wf-export.h"
#include "storage/wf-file-name.h"
#include "test-util.h"

/* Whether @name is one file in the folder it is put in. */
static void
assert_safe (const char *name)
{
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_cmpuint (strlen (name), >, 0);
  g_assert_cmpuint (strlen (name), <=, WF_FILE_NAME_MAX);
  g_assert_null (strchr (name, '/'));
  g_assert_null (strchr (name, '\\'));
  g_assert_cmpint (name[0], !=, '.');
  g_assert_cmpint (name[0], !=, '-');
  g_assert_cmpint (name[0], !=, ' ');
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
}

static void
assert_name (const char *text,
             const char *suffix,
             const char *expected)
{
  g_autofree char *name = wf_file_name_make_safe (text, suffix);

  g_assert_cmpstr (name, ==, expected);
  assert_safe (name);
}

static void
test_name_examples (void)
{
  /* Titles that named other folders. */
  assert_name ("../../tmp/x", ".pdf", "tmp-x.pdf");
  assert_name ("/etc/passwd", NULL, "etc-passwd");
  assert_name ("a/b\\c", ".journey", "a-b-c.journey");
  assert_name ("..", ".journey", "Journey.journey");
  assert_name ("./", NULL, "Journey");

  /* Hidden files, options, empty names. */
  assert_name (".bashrc", NULL, "bashrc");
  assert_name ("  . -rf", ".png", "rf.png");
  assert_name ("", ".csv", "Journey.csv");
  assert_name (NULL, ".csv", "Journey.csv");
  assert_name (" \t\n", NULL, "Journey");

  /* Control characters, line breaks, text turned around. */
  assert_name ("two\nlines\r\nand\ta tab ", ".svg", "two lines and a tab.svg");
  assert_name ("bell\a\x7f" "del", NULL, "bell del");
  assert_name ("x\u202Egnp.exe", NULL, "xgnp.exe");
  assert_name ("line\u2028separator", NULL, "line separator");

  /* What is fine stays as it is. */
  assert_name ("Klantreis: Q3 “webshop” (v2) 🙂", ".journey", "Klantreis: Q3 “webshop” (v2) 🙂.journey");
  assert_name ("a.b.c", ".png", "a.b.c.png");
  assert_name ("Coffee & <tea>", ".pdf", "Coffee & <tea>.pdf");

  /* Not UTF-8. */
  assert_name ("\xff/x", NULL, "\xef\xbf\xbd-x");
}

static void
test_name_length (void)
{
  g_autoptr(GString) long_text = g_string_new ("a");
  g_autofree char *name = NULL;

  /* Two-byte characters after one byte: the cut falls inside one. */
  for (guint i = 0; i < 300; i++)
    g_string_append (long_text, "é");
  name = wf_file_name_make_safe (long_text->str, ".journey");
  assert_safe (name);
  g_assert_true (g_str_has_suffix (name, ".journey"));
  g_assert_cmpuint (strlen (name), ==, 1 + 2 * ((WF_FILE_NAME_MAX - 1 - 8) / 2) + 8);
  g_clear_pointer (&name, g_free);

  /* Four-byte characters. */
  g_string_assign (long_text, "");
  for (guint i = 0; i < 100; i++)
    g_string_append (long_text, "🙂");
  name = wf_file_name_make_safe (long_text->str, "-12.png");
  assert_safe (name);
  g_assert_true (g_str_has_suffix (name, "🙂-12.png"));
  g_assert_cmpuint (strlen (name), >, WF_FILE_NAME_MAX - 4);
  g_clear_pointer (&name, g_free);

  /* A cut that leaves a space at the end drops it. */
  g_string_assign (long_text, "");
  g_string_append_len (long_text, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 100);
  g_string_append_len (long_text, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ", 100);
  g_string_append (long_text, "tail");
  name = wf_file_name_make_safe (long_text->str, NULL);
  assert_safe (name);
  g_assert_cmpuint (strlen (name), ==, WF_FILE_NAME_MAX - 1);
}

/* Every character, alone and around others, gives a safe name. */
static void
test_name_every_character (void)
{
  for (gunichar c = 1; c < 0x3000; c++)
    {
      char utf8[8] = { 0 };
      g_autofree char *alone = NULL;
      g_autofree char *around = NULL;
      g_autofree char *text = NULL;

      g_unichar_to_utf8 (c, utf8);
      alone = wf_file_name_make_safe (utf8, NULL);
      assert_safe (alone);
      text = g_strdup_printf ("%s..%sa%s/%s", utf8, utf8, utf8, utf8);
      around = wf_file_name_make_safe (text, ".x");
      assert_safe (around);
    }
}

/* An export with a file per map numbers the name chosen, and the numbered
 * names stay in its folder and within the length a file system allows.
 */
static void
test_name_numbered (void)
{
  g_autoptr(GString) stem = g_string_new (NULL);
  g_autoptr(GFile) dir = g_file_new_for_path ("/some/folder");
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) numbered = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;

  chosen = g_file_get_child (dir, "journey.png");
  numbered = wf_export_number_file (chosen, 1);
  name = g_file_get_basename (numbered);
  g_assert_cmpstr (name, ==, "journey-2.png");
  g_clear_object (&numbered);
  g_clear_pointer (&name, g_free);
  g_clear_object (&chosen);

  /* A name as long as a file system allows: 250 bytes and ".png". */
  for (guint i = 0; i < 125; i++)
    g_string_append (stem, "ü");
  g_string_append (stem, ".png");
  chosen = g_file_get_child (dir, stem->str);
  numbered = wf_export_number_file (chosen, 11);
  name = g_file_get_basename (numbered);
  assert_safe (name);
  g_assert_true (g_str_has_suffix (name, "ü-12.png"));
  parent = g_file_get_parent (numbered);
  g_assert_true (g_file_equal (parent, dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/files/name/examples", test_name_examples);
  g_test_add_func ("/files/name/length", test_name_length);
  g_test_add_func ("/files/name/every-character", test_name_every_character);
  g_test_add_func ("/files/name/numbered", test_name_numbered);

  return g_test_run ();
}
