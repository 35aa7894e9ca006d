/* test-files.c — files on disk: the names Wayfinder makes of titles, and
 * writes that are whole or not at all, leave nothing behind and name the
 * file chosen when they fail
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "export/wf-export.h"
#include "storage/wf-atomic-file.h"
#include "storage/wf-file-name.h"
#include "storage/wf-journey.h"
#include "storage/wf-sqlite.h"
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

  /* The name the person chose stays theirs, dash, dot and all. */
  chosen = g_file_get_child (dir, "-q3 review.png");
  numbered = wf_export_number_file (chosen, 0);
  name = g_file_get_basename (numbered);
  g_assert_cmpstr (name, ==, "-q3 review-1.png");
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

/* Atomic writes */

typedef gboolean (*SaveFunc) (WfDocument *document, GFile *file, GError **error);

static gboolean
save_journey (WfDocument *document, GFile *file, GError **error)
{
  return wf_journey_save_file (document, file, NULL, error);
}

static gboolean
save_sqlite (WfDocument *document, GFile *file, GError **error)
{
  return wf_sqlite_save_file (document, file, NULL, error);
}

static gboolean
export_csv (WfDocument *document, GFile *file, GError **error)
{
  g_autoptr(WfExport) export = NULL;
  WfExportOptions options;

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_CSV;
  export = wf_export_new (document, &options);
  return wf_export_write (export, file, NULL, NULL, NULL, error);
}

/* A file per map: all written first, then all renamed. */
static gboolean
export_mermaid (WfDocument *document, GFile *file, GError **error)
{
  g_autoptr(WfExport) export = NULL;
  WfExportOptions options;

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_MERMAID;
  export = wf_export_new (document, &options);
  g_assert_cmpuint (wf_export_get_n_files (export), ==, 2);
  return wf_export_write (export, file, NULL, NULL, NULL, error);
}

static const struct {
  const char *name;      /* the file chosen */
  const char *written;   /* the file written, when the export numbers it */
  SaveFunc    save;
} writers[] = {
  { "map.journey", "map.journey", save_journey },
  { "map.sqlite", "map.sqlite", save_sqlite },
  { "cards.csv", "cards.csv", export_csv },
  { "journey.mmd", "journey-1.mmd", export_mermaid },
};

static void
make_file (const char *dir,
           const char *name,
           gint64      age_seconds)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GError *error = NULL;
  struct utimbuf times;

  g_file_set_contents (path, "left over", -1, &error);
  g_assert_no_error (error);
  times.actime = times.modtime = time (NULL) - age_seconds;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static gboolean
exists (const char *dir,
        const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

/* A save killed half-way leaves its temporary file; the next write of the
 * same file removes it, and nothing else: not a newer one (a save that is
 * making its file), not one a running save holds, not another file's, not
 * files the person made.
 */
static void
test_atomic_stale (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");

  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    {
      g_autofree char *dir = wf_test_make_tmpdir ();
      g_autoptr(GFile) file = g_file_new_build_filename (dir, writers[w].name, NULL);
      g_autoptr(GFile) written = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *stale = NULL, *stale2 = NULL, *fresh = NULL, *held = NULL, *held_path = NULL;
      g_autofree char *short_name = NULL, *other = NULL, *backup = NULL, *legacy = NULL;
      g_autoptr(GError) error = NULL;
      int held_fd;

      written = g_file_new_build_filename (dir, writers[w].written, NULL);
      prefix = wf_atomic_temp_prefix (written);
      g_assert_true (g_str_has_prefix (prefix, "."));
      g_assert_true (g_str_has_suffix (prefix, ".wayfinder-"));

      stale = g_strconcat (prefix, "Ab12Cd", NULL);
      stale2 = g_strconcat (prefix, "zzzzzz", NULL);
      fresh = g_strconcat (prefix, "Fresh1", NULL);
      held = g_strconcat (prefix, "Held01", NULL);
      short_name = g_strconcat (prefix, "Ab12C", NULL);
      other = g_strdup_printf (".other.journey.wayfinder-Ab12Cd");
      backup = g_strconcat (writers[w].written, ".backup", NULL);
      legacy = g_strconcat (writers[w].written, ".Ab12Cd", NULL);

      make_file (dir, stale, 3600);
      make_file (dir, stale2, WF_ATOMIC_STALE_SECONDS + 5);
      make_file (dir, fresh, 0);
      make_file (dir, held, 3600);
      make_file (dir, short_name, 3600);
      make_file (dir, other, 3600);
      make_file (dir, backup, 3600);
      make_file (dir, legacy, 3600);

      /* A save that runs meanwhile holds its file. */
      held_path = g_build_filename (dir, held, NULL);
      held_fd = g_open (held_path, O_RDWR, 0);
      g_assert_cmpint (held_fd, >=, 0);
      g_assert_cmpint (flock (held_fd, LOCK_EX), ==, 0);

      g_assert_true (writers[w].save (document, file, &error));
      g_assert_no_error (error);

      g_assert_false (exists (dir, stale));
      g_assert_false (exists (dir, stale2));
      g_assert_true (exists (dir, fresh));
      g_assert_true (exists (dir, held));
      g_assert_true (exists (dir, short_name));
      g_assert_true (exists (dir, other));
      g_assert_true (exists (dir, backup));
      g_assert_true (exists (dir, legacy));
      g_assert_true (exists (dir, writers[w].written));

      /* Once the save that held it is gone, it is a leftover too. */
      close (held_fd);
      g_assert_true (writers[w].save (document, file, &error));
      g_assert_no_error (error);
      g_assert_false (exists (dir, held));
      g_assert_true (exists (dir, fresh));

      wf_test_remove_tree (dir);
    }
}

/* A write that succeeds leaves the file and nothing else. */
static void
test_atomic_clean (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");

  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    {
      g_autofree char *dir = wf_test_make_tmpdir ();
      g_autoptr(GFile) file = g_file_new_build_filename (dir, writers[w].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;

      g_assert_true (writers[w].save (document, file, &error));
      g_assert_true (writers[w].save (document, file, &error));
      g_assert_no_error (error);
      listing = list_dir (dir);
      if (writers[w].save == export_mermaid)
        g_assert_cmpstr (listing, ==, "journey-1.mmd journey-2.mmd");
      else
        g_assert_cmpstr (listing, ==, writers[w].name);

      wf_test_remove_tree (dir);
    }
}

/* The message of a failed write names the file chosen (or, for a file per
 * map, the numbered one), says why, and never names a temporary file; none
 * is left, and the old file is as it was.
 */
static void
assert_failed_write (GError     *error,
                     const char *named,
                     const char *reason)
{
  g_autofree char *quoted = g_strdup_printf ("“%s”", named);

  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, quoted));
  g_assert_nonnull (strstr (error->message, reason));
  g_assert_null (strstr (error->message, ".wayfinder-"));
  g_assert_null (strstr (error->message, "XXXXXX"));
  /* The name appears once: no "…x.journey.9J08Z3" after it. */
  g_assert_null (strstr (strstr (error->message, quoted) + strlen (quoted), named));
}

/* The file chosen is a folder. */
static void
test_atomic_error_is_folder (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");

  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    {
      g_autofree char *dir = wf_test_make_tmpdir ();
      g_autofree char *written = g_build_filename (dir, writers[w].written, NULL);
      g_autoptr(GFile) file = g_file_new_build_filename (dir, writers[w].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;

      g_assert_cmpint (g_mkdir (written, 0700), ==, 0);
      g_assert_false (writers[w].save (document, file, &error));
      assert_failed_write (error, written, g_strerror (EISDIR));
      g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY));

      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, writers[w].written);

      wf_test_remove_tree (dir);
    }
}

/* The folder is gone, or is a file. */
static void
test_atomic_error_no_folder (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  g_autofree char *dir = wf_test_make_tmpdir ();

  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    {
      g_autofree char *written = g_build_filename (dir, "gone", writers[w].written, NULL);
      g_autofree char *not_folder = g_build_filename (dir, "file", NULL);
      g_autofree char *under_file_written = g_build_filename (not_folder, writers[w].written, NULL);
      g_autoptr(GFile) file = g_file_new_build_filename (dir, "gone", writers[w].name, NULL);
      g_autoptr(GFile) file2 = g_file_new_build_filename (not_folder, writers[w].name, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (writers[w].save (document, file, &error));
      assert_failed_write (error, written, g_strerror (ENOENT));
      g_clear_error (&error);

      g_assert_true (g_file_set_contents (not_folder, "", 0, NULL));
      g_assert_false (writers[w].save (document, file2, &error));
      assert_failed_write (error, under_file_written, g_strerror (ENOTDIR));
    }

  wf_test_remove_tree (dir);
}

/* A full disk: the file system refuses the bytes half-way. RLIMIT_FSIZE
 * makes write() fail as a full disk does, without a disk to fill.
 */
static void
test_atomic_error_full (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");

  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    {
      g_autofree char *dir = wf_test_make_tmpdir ();
      g_autofree char *written = g_build_filename (dir, writers[w].written, NULL);
      g_autoptr(GFile) file = g_file_new_build_filename (dir, writers[w].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;
      g_autofree char *old = NULL;
      struct rlimit saved, small;
      void (*handler) (int);

      g_assert_true (g_file_set_contents (written, "old content", -1, NULL));

      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      small = saved;
      small.rlim_cur = 200;
      handler = signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);

      g_assert_false (writers[w].save (document, file, &error));

      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      signal (SIGXFSZ, handler);

      assert_failed_write (error, written, g_strerror (EFBIG));
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, writers[w].written);
      g_assert_true (g_file_get_contents (written, &old, NULL, NULL));
      g_assert_cmpstr (old, ==, "old content");

      wf_test_remove_tree (dir);
    }
}

/* A folder that cannot be written to. */
static void
test_atomic_error_read_only (void)
{
  if (g_test_subprocess ())
    {
      /* Read from the source tree while it still can be. */
      g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
      g_autofree char *dir = NULL;

      if (!wf_test_become_unprivileged ())
        {
          g_test_skip ("cannot run without privileges");
          return;
        }

      dir = wf_test_make_tmpdir ();
      g_assert_cmpint (g_chmod (dir, 0500), ==, 0);

      for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
        {
          g_autofree char *written = g_build_filename (dir, writers[w].written, NULL);
          g_autoptr(GFile) file = g_file_new_build_filename (dir, writers[w].name, NULL);
          g_autoptr(GError) error = NULL;

          g_assert_false (writers[w].save (document, file, &error));
          assert_failed_write (error, written, g_strerror (EACCES));
        }

      wf_test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A set of files is written as one: when the third cannot be renamed
 * (a folder is in its way), the first, renamed already, is put back (the
 * very file, not a copy of its bytes) and the second, which was not
 * there, goes again. Without the failure, all three are written and
 * nothing else is left.
 */
static void
test_atomic_set_half_way (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *c = g_build_filename (dir, "c.txt", NULL);
  const char *names[] = { "a.txt", "b.txt", "c.txt" };
  g_autoptr(GBytes) bytes = g_bytes_new_static ("new", 3);
  g_autoptr(WfAtomicSet) set = wf_atomic_set_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *content = NULL;
  struct stat before, after;
  guint failed = 0;

  g_assert_true (g_file_set_contents (a, "old a", -1, NULL));
  g_assert_cmpint (g_chmod (a, 0640), ==, 0);
  g_assert_cmpint (g_stat (a, &before), ==, 0);
  g_assert_cmpint (g_mkdir (c, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) file = g_file_new_build_filename (dir, names[i], NULL);

      g_assert_true (wf_atomic_set_add (set, file, bytes, WF_ATOMIC_CONSISTENT, &error));
      g_assert_no_error (error);
    }

  g_assert_false (wf_atomic_set_commit (set, &failed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_cmpuint (failed, ==, 2);
  g_clear_error (&error);
  g_clear_pointer (&set, wf_atomic_set_free);

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "a.txt c.txt");
  g_assert_true (g_file_get_contents (a, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "old a");
  g_assert_cmpint (g_stat (a, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpuint (after.st_mode & 0777, ==, 0640);
  g_clear_pointer (&listing, g_free);
  g_clear_pointer (&content, g_free);

  /* Nothing in the way: all three, and nothing else. */
  g_assert_cmpint (g_rmdir (c), ==, 0);
  set = wf_atomic_set_new ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) file = g_file_new_build_filename (dir, names[i], NULL);

      g_assert_true (wf_atomic_set_add (set, file, bytes, WF_ATOMIC_CONSISTENT, &error));
    }
  g_assert_true (wf_atomic_set_commit (set, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&set, wf_atomic_set_free);

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "a.txt b.txt c.txt");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
      g_assert_cmpstr (content, ==, "new");
      g_clear_pointer (&content, g_free);
    }

  wf_test_remove_tree (dir);
}

/* An export of a file per map fails half-way, at the second map's file:
 * the first is as it was, or not there if it was not before.
 */
static void
test_atomic_export_half_way (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");

  for (guint existed = 0; existed < 2; existed++)
    {
      g_autofree char *dir = wf_test_make_tmpdir ();
      g_autofree char *first = g_build_filename (dir, "journey-1.mmd", NULL);
      g_autofree char *second = g_build_filename (dir, "journey-2.mmd", NULL);
      g_autoptr(GFile) file = g_file_new_build_filename (dir, "journey.mmd", NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;
      g_autofree char *content = NULL;

      if (existed)
        g_assert_true (g_file_set_contents (first, "old content", -1, NULL));
      g_assert_cmpint (g_mkdir (second, 0700), ==, 0);

      g_assert_false (export_mermaid (document, file, &error));
      assert_failed_write (error, second, g_strerror (EISDIR));

      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, existed ? "journey-1.mmd journey-2.mmd" : "journey-2.mmd");
      if (existed)
        {
          g_assert_true (g_file_get_contents (first, &content, NULL, NULL));
          g_assert_cmpstr (content, ==, "old content");
        }

      wf_test_remove_tree (dir);
    }
}

/* A file name as long as a file system allows still has room for its
 * temporary file.
 */
static void
test_atomic_long_name (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  while (name->len < 255 - strlen (".journey"))
    g_string_append_c (name, 'n');
  g_string_append (name, ".journey");
  path = g_build_filename (dir, name->str, NULL);
  file = g_file_new_for_path (path);

  g_assert_true (wf_journey_save_file (document, file, NULL, &error));
  g_assert_no_error (error);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, name->str);

  wf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/files/name/examples", test_name_examples);
  g_test_add_func ("/files/name/length", test_name_length);
  g_test_add_func ("/files/name/every-character", test_name_every_character);
  g_test_add_func ("/files/name/numbered", test_name_numbered);
  g_test_add_func ("/files/atomic/clean", test_atomic_clean);
  g_test_add_func ("/files/atomic/stale", test_atomic_stale);
  g_test_add_func ("/files/atomic/long-name", test_atomic_long_name);
  g_test_add_func ("/files/atomic/error-is-folder", test_atomic_error_is_folder);
  g_test_add_func ("/files/atomic/error-no-folder", test_atomic_error_no_folder);
  g_test_add_func ("/files/atomic/error-full", test_atomic_error_full);
  g_test_add_func ("/files/atomic/error-read-only", test_atomic_error_read_only);
  g_test_add_func ("/files/atomic/set-half-way", test_atomic_set_half_way);
  g_test_add_func ("/files/atomic/export-half-way", test_atomic_export_half_way);

  return g_test_run ();
}
