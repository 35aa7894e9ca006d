/* test-library.c — the library: autosave edit by edit, crashes, revisions, recovery
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "model/wf-templates.h"
#include "storage/wf-autosave.h"
#include "storage/wf-journey.h"
#include "storage/wf-library.h"
#include "storage/wf-sqlite.h"
#include "test-util.h"

static const char *self_path;

static char *
snapshot (WfDocument *document)
{
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static WfLibrary *
open_library (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  WfLibrary *library = wf_library_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (library);
  return library;
}

static char *
stored (WfLibrary *library,
        gint64     id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = wf_library_load (library, id, &error);

  g_assert_no_error (error);
  return snapshot (document);
}

/* The search index agrees with the cards (FTS5's own check). */
static void
assert_search_index_ok (WfLibrary *library)
{
  g_autoptr(GError) error = NULL;

  wf_sqlite_exec (wf_library_get_db (library),
                  "INSERT INTO card_search (card_search, rank) VALUES ('integrity-check', 1)", &error);
  g_assert_no_error (error);
}

/* One step of the randomized tests: mostly edits, some undos and redos. */
static void
random_step (WfDocument *document,
             GRand      *rand)
{
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  guint action = g_rand_int_range (rand, 0, 10);

  if (action < 2)
    wf_undo_stack_undo (stack);
  else if (action < 3)
    wf_undo_stack_redo (stack);
  else
    wf_test_random_edit (document, rand);
}

/* After every command, the library holds exactly the document in memory. */
static void
test_autosave_randomized (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfLibrary) library = open_library (dir);

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(WfDocument) document = wf_templates_create (round % 2 ? "b2b" : "service-blueprint", "nl");
      g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
      g_autoptr(WfAutosave) autosave = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id;

      id = wf_library_add (library, document, NULL, &error);
      g_assert_no_error (error);
      autosave = wf_autosave_new (library, id, document);
      g_assert_null (wf_autosave_get_error (autosave));

      for (guint step = 0; step < 120; step++)
        {
          g_autofree char *now = NULL;
          g_autofree char *db = NULL;

          random_step (document, rand);

          now = snapshot (document);
          db = stored (library, id);
          wf_test_assert_same_text (now, db);
        }

      g_assert_null (wf_autosave_get_error (autosave));
      wf_autosave_close (autosave);
      assert_search_index_ok (library);
    }

  wf_test_remove_tree (dir);
}

/* The child of the crash test: edits as fast as it can, and says after
 * each completed command how many it has completed.
 */
static int
crash_child (const char *dir,
             guint32     seed)
{
  g_autoptr(WfLibrary) library = open_library (dir);
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(WfAutosave) autosave = NULL;
  gint64 id = wf_library_add (library, document, NULL, NULL);

  autosave = wf_autosave_new (library, id, document);
  printf ("ready %" G_GINT64_FORMAT "\n", id);
  fflush (stdout);

  for (guint step = 1; step < 100000; step++)
    {
      random_step (document, rand);
      if (wf_autosave_get_error (autosave) != NULL)
        return 1;
      printf ("%u\n", step);
      fflush (stdout);
    }

  return 0;
}

/* Kills a child that edits a document at random moments, many times, and
 * finds the library holding the state after the last command that was
 * completed: the one the child reported, or the next if the kill came
 * between its commit and its report.
 */
static void
test_autosave_crash (void)
{
  guint rounds = g_test_slow () ? 200 : 40;
  guint at_report = 0, in_flight = 0;

  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *dir = wf_test_make_tmpdir ();
      g_autofree char *seed_text = NULL;
      const char *argv[] = { self_path, "--crash-child", dir, NULL, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(WfLibrary) library = NULL;
      g_autoptr(WfDocument) replay = NULL;
      g_autoptr(GRand) rand = NULL;
      g_autofree char *db = NULL;
      guint32 seed = g_test_rand_int ();
      GPid pid;
      int out, status;
      FILE *f;
      char line[64];
      gint64 id = 0;
      guint reported = 0;

      seed_text = g_strdup_printf ("%u", seed);
      argv[3] = seed_text;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      f = fdopen (out, "r");

      g_assert_nonnull (fgets (line, sizeof line, f));
      g_assert_true (sscanf (line, "ready %" G_GINT64_FORMAT, &id) == 1);

      g_usleep (g_test_rand_int_range (0, 80000));
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));

      while (fgets (line, sizeof line, f) != NULL)
        {
          guint n;

          if (sscanf (line, "%u", &n) == 1)
            reported = n;
        }
      fclose (f);

      library = open_library (dir);
      db = stored (library, id);

      /* The same edits again, in memory; the template's times are the
       * child's.
       */
      replay = wf_templates_create ("five-phases", "en");
      {
        g_autoptr(WfDocument) child = wf_library_load (library, id, NULL);

        wf_document_set_created (replay, wf_document_get_created (child));
        wf_document_set_modified (replay, wf_document_get_modified (child));
      }
      rand = g_rand_new_with_seed (seed);
      for (guint step = 0; step < reported; step++)
        random_step (replay, rand);

      {
        g_autofree char *after_report = snapshot (replay);

        if (g_strcmp0 (db, after_report) == 0)
          at_report++;
        else
          {
            g_autofree char *next = NULL;

            random_step (replay, rand);
            next = snapshot (replay);
            wf_test_assert_same_text (next, db);
            in_flight++;
          }
      }

      g_clear_object (&library);
      wf_test_remove_tree (dir);
    }

  g_test_message ("%u kills: %u at the reported command, %u one command later",
                  rounds, at_report, in_flight);
}

static GDateTime *fake_now;

static GDateTime *
fake_clock (void)
{
  return g_date_time_ref (fake_now);
}

static void
advance (GTimeSpan span)
{
  GDateTime *later = g_date_time_add (fake_now, span);

  g_date_time_unref (fake_now);
  fake_now = later;
}

/* A revision every ten minutes of editing and at every save; restoring
 * one is a command like any other, so it can be undone.
 */
static void
test_revisions (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfLibrary) library = open_library (dir);
  g_autoptr(WfDocument) document = wf_templates_create ("funnel", "en");
  g_autoptr(WfAutosave) autosave = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(WfDocument) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  gint64 id;

  fake_now = g_date_time_new_utc (2026, 11, 23, 9, 0, 0);

  id = wf_library_add (library, document, NULL, &error);
  g_assert_no_error (error);
  autosave = wf_autosave_new (library, id, document);
  wf_autosave_set_clock (autosave, fake_clock);

  /* Edits within ten minutes make no revision. */
  wf_edit_set (document, "title", "Funnel one", NULL);
  advance (5 * G_TIME_SPAN_MINUTE);
  wf_edit_set (document, "description", "Five minutes later", NULL);
  revisions = wf_library_list_revisions (library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 0);
  g_clear_pointer (&revisions, g_ptr_array_unref);

  /* The edit after ten minutes makes one, holding that edit. */
  advance (6 * G_TIME_SPAN_MINUTE);
  wf_undo_stack_seal (stack);
  wf_edit_set (document, "title", "Funnel two", NULL);
  first = snapshot (document);
  revisions = wf_library_list_revisions (library, id, &error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpstr (((WfRevision *) revisions->pdata[0])->kind, ==, "auto");
  g_assert_cmpuint (((WfRevision *) revisions->pdata[0])->changes, ==, 3);
  g_clear_pointer (&revisions, g_ptr_array_unref);

  /* A save makes one. */
  advance (G_TIME_SPAN_MINUTE);
  wf_edit_set (document, "title", "Funnel saved", NULL);
  wf_undo_stack_set_saved (stack);
  g_assert_true (wf_autosave_saved (autosave, "/tmp/funnel.journey"));
  revisions = wf_library_list_revisions (library, id, &error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (((WfRevision *) revisions->pdata[0])->kind, ==, "save");
  g_assert_cmpint (wf_library_find_path (library, "/tmp/funnel.journey"), ==, id);

  /* The first revision comes back as it was. */
  old = wf_library_load_revision (library, ((WfRevision *) revisions->pdata[1])->id, &error);
  g_assert_no_error (error);
  {
    g_autofree char *text = snapshot (old);
    g_assert_cmpstr (text, ==, first);
  }

  /* Restoring it is one undoable step, kept in the library like any. */
  {
    g_autofree char *before = snapshot (document);
    g_autofree char *restored = NULL;
    g_autofree char *db = NULL;

    wf_edit_replace_content (document, old, "Restore Revision");
    restored = snapshot (document);
    db = stored (library, id);
    g_assert_cmpstr (wf_document_get_title (document), ==, "Funnel two");
    wf_test_assert_same_text (restored, db);
    g_assert_cmpuint (wf_document_get_n_maps (old), ==, 0);

    g_assert_true (wf_undo_stack_undo (stack));
    g_free (db);
    db = stored (library, id);
    {
      g_autofree char *undone = snapshot (document);

      wf_test_assert_same_text (before, undone);
      wf_test_assert_same_text (before, db);
    }
  }

  g_clear_pointer (&fake_now, g_date_time_unref);
  wf_autosave_close (autosave);
  wf_test_remove_tree (dir);
}

/* Thinning keeps every saved revision, all automatic ones of the last two
 * hours, then one an hour, one a day, one a week.
 */
static void
test_thinning (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfLibrary) library = open_library (dir);
  g_autoptr(WfDocument) document = wf_templates_create ("three-phases", "en");
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = wf_library_get_db (library);
  gint64 id = wf_library_add (library, document, NULL, &error);
  guint deleted, autos = 0;

  g_assert_no_error (error);

  /* Every ten minutes for 60 days, with a save each day at noon. */
  for (gint64 minutes = 0; minutes < 60 * 24 * 60; minutes += 10)
    {
      g_autoptr(GDateTime) time = g_date_time_add_minutes (now, -minutes);
      g_autofree char *text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
      gint64 revision = wf_library_add_revision (library, id, document,
                                                 minutes % (24 * 60) == 0 ? "save" : "auto",
                                                 1, &error);
      g_autofree char *sql = g_strdup_printf ("UPDATE revisions SET time = '%s' WHERE id = %" G_GINT64_FORMAT,
                                              text, revision);

      g_assert_no_error (error);
      g_assert_true (wf_sqlite_exec (db, sql, NULL));
    }

  deleted = wf_library_thin_revisions (library, id, now, &error);
  g_assert_no_error (error);
  revisions = wf_library_list_revisions (library, id, &error);

  for (guint i = 0; i < revisions->len; i++)
    if (g_str_equal (((WfRevision *) revisions->pdata[i])->kind, "auto"))
      autos++;

  /* 2 h: 11 (12 minus the save at noon), 46 h: 46, 28 days: 28, 30 days: 5 weeks or so */
  g_test_message ("%u deleted, %u kept (%u automatic)", deleted, revisions->len, autos);
  g_assert_cmpuint (revisions->len - autos, ==, 60);
  g_assert_cmpuint (autos, >=, 11 + 46 + 28 + 4);
  g_assert_cmpuint (autos, <=, 11 + 48 + 30 + 6);

  /* Thinning again changes nothing. */
  g_assert_cmpuint (wf_library_thin_revisions (library, id, now, NULL), ==, 0);

  wf_test_remove_tree (dir);
}

/* A document that was open with unsaved edits when the program died is
 * offered once on the next start; a cleanly closed one is not.
 */
static void
test_recovery_marks (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfLibrary) library = open_library (dir);
  g_autoptr(WfDocument) crashed = wf_templates_create ("funnel", "en");
  g_autoptr(WfDocument) closed = wf_templates_create ("b2b", "en");
  g_autoptr(WfAutosave) a = NULL;
  g_autoptr(WfAutosave) b = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 crashed_id, closed_id;

  crashed_id = wf_library_add (library, crashed, NULL, NULL);
  closed_id = wf_library_add (library, closed, NULL, NULL);
  a = wf_autosave_new (library, crashed_id, crashed);
  b = wf_autosave_new (library, closed_id, closed);

  wf_edit_set (crashed, "title", "Edited, never saved", NULL);
  wf_edit_set (closed, "title", "Edited, then closed", NULL);
  wf_autosave_close (b);

  /* Stop without closing a, as a crash does; open the library again. */
  g_clear_object (&library);
  library = open_library (dir);
  ids = wf_library_list_recovered (library);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, crashed_id);
  g_clear_pointer (&ids, g_array_unref);

  ids = wf_library_list_recovered (library);
  g_assert_cmpuint (ids->len, ==, 0);

  {
    g_autoptr(WfDocument) back = wf_library_load (library, crashed_id, NULL);
    g_assert_cmpstr (wf_document_get_title (back), ==, "Edited, never saved");
  }

  g_signal_handlers_disconnect_by_data (crashed, a);
  g_signal_handlers_disconnect_by_data (wf_document_get_undo_stack (crashed), a);
  wf_test_remove_tree (dir);
}

static void
test_list_search_trash (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfLibrary) library = open_library (dir);
  g_autoptr(WfDocument) nl = wf_templates_create ("five-phases", "nl");
  g_autoptr(WfDocument) en = wf_templates_create ("b2b", "en");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfPreview) preview = NULL;
  g_autoptr(WfCard) card = wf_card_new ("c-unique", "Wachtrij bij de kassa");
  WfMap *map = wf_document_get_map (nl, 0);
  gint64 nl_id, en_id, copy_id;

  wf_map_insert_card (map, card, wf_map_get_phase (map, 2), wf_map_get_lane (map, 0), -1);
  nl_id = wf_library_add (library, nl, NULL, &error);
  en_id = wf_library_add (library, en, NULL, &error);
  g_assert_no_error (error);

  all = wf_library_list (library, NULL, &error);
  g_assert_cmpuint (all->len, ==, 2);
  assert_search_index_ok (library);

  /* Card texts are searched, as are titles; % is not a wildcard. */
  found = wf_library_list (library, "kassa", &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((WfLibraryEntry *) found->pdata[0])->id, ==, nl_id);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = wf_library_list (library, "%", &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  preview = wf_library_get_preview (library, nl_id);
  g_assert_cmpuint (preview->n_phases, ==, wf_map_get_n_phases (map));
  g_assert_cmpuint (preview->n_lanes, ==, wf_map_get_n_lanes (map));
  g_assert_cmpuint (preview->counts[0 * preview->n_phases + 2], ==, 1);

  copy_id = wf_library_duplicate (library, en_id, "Copy of B2B", &error);
  g_assert_no_error (error);
  g_assert_true (wf_library_rename (library, nl_id, "Hernoemd", &error));
  {
    g_autoptr(WfDocument) renamed = wf_library_load (library, nl_id, NULL);
    g_autofree char *a = stored (library, en_id);
    g_autofree char *b = stored (library, copy_id);

    g_assert_cmpstr (wf_document_get_title (renamed), ==, "Hernoemd");
    g_assert_cmpstr (strstr (b, "\"maps\""), ==, strstr (a, "\"maps\""));
  }

  /* Trashed documents leave the list, can come back, and go for good
   * when the trash is emptied.
   */
  g_assert_true (wf_library_set_trashed (library, en_id, TRUE, &error));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = wf_library_list (library, NULL, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (wf_library_set_trashed (library, en_id, FALSE, &error));
  g_assert_true (wf_library_set_trashed (library, copy_id, TRUE, &error));
  g_assert_true (wf_library_empty_trash (library, &error));
  g_assert_null (wf_library_get_entry (library, copy_id));
  {
    g_autoptr(WfLibraryEntry) kept = wf_library_get_entry (library, en_id);

    g_assert_nonnull (kept);
  }

  wf_test_remove_tree (dir);
}

/* One command that gives a lane to another persona and removes the old
 * one keeps the lane and its cards in the library (the removal must not
 * cascade through the lane's old persona).
 */
static void
test_autosave_reassign_then_remove (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfLibrary) library = open_library (dir);
  g_autoptr(WfDocument) document = wf_templates_create ("b2b", "en");
  g_autoptr(WfAutosave) autosave = NULL;
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfPersona *old_persona = wf_document_get_persona (document, 0);
  WfPersona *new_persona = wf_document_get_persona (document, 1);
  WfMap *map = wf_document_get_map (document, 0);
  WfLane *lane = NULL;
  gint64 id;

  for (guint i = 0; i < wf_map_get_n_lanes (map) && lane == NULL; i++)
    if (wf_lane_get_persona (wf_map_get_lane (map, i)) == old_persona)
      lane = wf_map_get_lane (map, i);
  g_assert_nonnull (lane);

  id = wf_library_add (library, document, NULL, NULL);
  autosave = wf_autosave_new (library, id, document);

  wf_undo_stack_begin (stack, "Reassign and remove");
  wf_edit_set (lane, "persona", new_persona, NULL);
  wf_edit_remove (old_persona);
  wf_undo_stack_end (stack);

  {
    g_autofree char *now = snapshot (document);
    g_autofree char *db = stored (library, id);

    wf_test_assert_same_text (now, db);
  }

  wf_autosave_close (autosave);
  wf_test_remove_tree (dir);
}

/* A write that fails (a full disk, a read-only library) is reported, the
 * document stays editable, and the next write that can succeed brings
 * the library up to date, the failed edits included.
 */
static void
test_autosave_failure (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfLibrary) library = open_library (dir);
  g_autoptr(WfDocument) document = wf_templates_create ("b2b", "en");
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(WfAutosave) autosave = NULL;
  sqlite3 *db = wf_library_get_db (library);
  gint64 id;

  id = wf_library_add (library, document, NULL, NULL);
  autosave = wf_autosave_new (library, id, document);

  g_assert_true (wf_sqlite_exec (db, "PRAGMA query_only = ON", NULL));
  for (guint step = 0; step < 20; step++)
    wf_test_random_edit (document, rand);
  wf_edit_set (document, "title", "Edited while the library was read-only", NULL);

  g_assert_nonnull (wf_autosave_get_error (autosave));
  g_assert_true (g_error_matches (wf_autosave_get_error (autosave), WF_SQLITE_ERROR, WF_SQLITE_ERROR_READ_ONLY));

  g_assert_true (wf_sqlite_exec (db, "PRAGMA query_only = OFF", NULL));
  wf_edit_set (document, "description", "Writable again", NULL);
  g_assert_null (wf_autosave_get_error (autosave));

  {
    g_autofree char *now = snapshot (document);
    g_autofree char *stored_text = stored (library, id);

    wf_test_assert_same_text (now, stored_text);
  }
  assert_search_index_ok (library);

  wf_autosave_close (autosave);
  wf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2], strtoul (argv[3], NULL, 10));

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/autosave/randomized", test_autosave_randomized);
  g_test_add_func ("/library/autosave/crash", test_autosave_crash);
  g_test_add_func ("/library/autosave/failure", test_autosave_failure);
  g_test_add_func ("/library/autosave/reassign-then-remove", test_autosave_reassign_then_remove);
  g_test_add_func ("/library/revisions", test_revisions);
  g_test_add_func ("/library/revisions/thinning", test_thinning);
  g_test_add_func ("/library/recovery", test_recovery_marks);
  g_test_add_func ("/library/list", test_list_search_trash);

  return g_test_run ();
}
