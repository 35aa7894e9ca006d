/* test-library.c — the library: autosave edit by edit, crashes, revisions, recovery
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "model/wf-templates.h"
#include "storage/wf-autosave-private.h"
#include "storage/wf-library-private.h"
#include "storage/wf-journey.h"
#include "storage/wf-library.h"
#include "storage/wf-picture.h"
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

/* Issue #15: a phase's figures, a persona's among them, and a map's
 * dismissed findings are written when they change, and when undone; a
 * persona removed takes its figures along.
 */
static void
test_autosave_figures (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfLibrary) library = open_library (dir);
  g_autoptr(WfDocument) document = wf_test_load_data ("figures.journey");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfPhase *phase = WF_PHASE (wf_document_lookup (document, "p3"));
  WfMap *map = WF_MAP (wf_document_lookup (document, "m1"));
  g_autoptr(WfAutosave) autosave = NULL;
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "emotion-drop:m1:p3:anna", NULL };
  WfMetric *metric;
  gint64 id;

  id = wf_library_add (library, document, NULL, &error);
  g_assert_no_error (error);
  autosave = wf_autosave_new (library, id, document);

  metric = wf_metric_new ("csat");
  g_free (metric->persona);
  metric->persona = g_strdup ("anna");
  metric->direction = WF_DIRECTION_HIGHER;
  wf_metric_set_measurement (metric, 3.8, "2026-11-30");
  g_ptr_array_add (metrics, metric);
  metric = wf_metric_new ("drop-out");
  metric->has_target = TRUE;
  metric->target = 30;
  wf_metric_set_measurement (metric, 35, NULL);
  g_ptr_array_add (metrics, metric);

  for (guint step = 0; step < 6; step++)
    {
      g_autofree char *now = NULL;
      g_autofree char *db = NULL;

      switch (step)
        {
        case 0:
          wf_edit_set (phase, "metrics", wf_metrics_to_variant (metrics), NULL);
          break;
        case 1:
          wf_edit_set (map, "dismissed", keys, NULL);
          break;
        case 2:
          {
            g_autofree char *text = NULL;

            wf_edit_remove (wf_document_get_persona (document, 0));
            text = snapshot (document);
            g_assert_null (strstr (text, "\"anna\": {"));
          }
          break;
        default:
          wf_undo_stack_undo (stack);
          break;
        }

      wf_autosave_flush (autosave);
      now = snapshot (document);
      db = stored (library, id);
      wf_test_assert_same_text (now, db);
    }

  g_assert_null (wf_autosave_get_error (autosave));
  wf_autosave_close (autosave);
  g_clear_object (&library);
  wf_test_remove_tree (dir);
}

static gint64
db_int (WfLibrary  *library,
        const char *sql)
{
  return wf_test_sqlite_int (wf_library_get_db (library), sql);
}

/* Issue #17: a picture's bytes are in the library once, however many
 * personas, cards and revisions show it; the autosave writes them when a
 * new one comes, never again when its card changes, and emptying the
 * trash takes those nobody shows any more. */
static void
test_autosave_pictures (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfLibrary) library = open_library (dir);
  g_autoptr(WfDocument) document = wf_test_load_data ("pictures.journey");
  g_autoptr(WfDocument) second = wf_test_load_data ("pictures.journey");
  g_autoptr(GBytes) other_bytes = NULL;
  g_autoptr(WfImage) other = NULL;
  g_autoptr(WfImage) described = NULL;
  g_autoptr(WfAutosave) autosave = NULL;
  g_autoptr(GError) error = NULL;
  WfCard *counter = WF_CARD (wf_document_lookup (document, "cd0"));
  WfCard *plain = WF_CARD (wf_document_lookup (document, "cd2"));
  WfPersona *bo = WF_PERSONA (wf_document_lookup (document, "bo"));
  g_autofree char *with_photo = NULL;
  gint64 id, id2, revision = 0;

  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pictures", "other.png", NULL);
    char *contents;
    gsize len;

    g_file_get_contents (path, &contents, &len, &error);
    g_assert_no_error (error);
    other_bytes = g_bytes_new_take (contents, len);
    other = wf_picture_new_image (WF_IMAGE_PNG, other_bytes, "Bo", 0.5, 0.5, &error);
    g_assert_no_error (error);
  }

  /* Three pictures show two images; two documents show them still. */
  id = wf_library_add (library, document, NULL, &error);
  g_assert_no_error (error);
  id2 = wf_library_add (library, second, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (library, "SELECT count(*) FROM images"), ==, 2);

  autosave = wf_autosave_new (library, id, document);
  wf_sqlite_exec (wf_library_get_db (library),
                  "CREATE TEMP TABLE image_writes (hash TEXT);"
                  "CREATE TEMP TRIGGER image_inserted AFTER INSERT ON main.images BEGIN"
                  "  INSERT INTO image_writes VALUES (new.hash); END;"
                  "CREATE TEMP TRIGGER image_updated AFTER UPDATE ON main.images BEGIN"
                  "  INSERT INTO image_writes VALUES (new.hash); END;",
                  &error);
  g_assert_no_error (error);

  for (guint step = 0; step < 7; step++)
    {
      g_autofree char *now = NULL;
      g_autofree char *db = NULL;
      gint64 writes = 0;

      switch (step)
        {
        case 0:   /* the card of a picture changes */
          wf_edit_set (counter, "title", "The counter at noon", NULL);
          break;
        case 1:   /* another card shows the same picture, described otherwise */
          described = wf_image_with_alt (wf_card_get_image (counter), "The counter again");
          wf_edit_set (plain, "image", described, NULL);
          break;
        case 2:   /* a new picture */
          wf_edit_set (bo, "photo", other, NULL);
          writes = 1;
          break;
        case 3:   /* its focal point */
          {
            g_autoptr(WfImage) moved = wf_image_with_focus (other, 0.2, 0.8);

            wf_edit_set (bo, "photo", moved, NULL);
          }
          break;
        default:
          wf_undo_stack_undo (wf_document_get_undo_stack (document));
          break;
        }

      wf_autosave_flush (autosave);
      now = snapshot (document);
      db = stored (library, id);
      wf_test_assert_same_text (now, db);

      /* A revision names its pictures, and writes none again. */
      if (step == 3)
        {
          revision = wf_library_add_revision (library, id, document, "save", 0, &error);
          g_assert_no_error (error);
          with_photo = g_steal_pointer (&now);
        }

      g_assert_cmpint (db_int (library, "SELECT count(*) FROM image_writes"), ==, writes);
      wf_sqlite_exec (wf_library_get_db (library), "DELETE FROM image_writes", &error);
      g_assert_no_error (error);
    }
  g_assert_null (wf_autosave_get_error (autosave));
  g_assert_null (wf_persona_get_photo (bo));
  g_assert_cmpint (db_int (library, "SELECT count(*) FROM images"), ==, 3);

  /* The revision has them by hash, and comes back whole. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM revision_images WHERE revision = %"
                                            G_GINT64_FORMAT, revision);
    g_autofree char *size = g_strdup_printf ("SELECT length(content) FROM revisions WHERE id = %"
                                             G_GINT64_FORMAT, revision);
    g_autoptr(WfDocument) old = wf_library_load_revision (library, revision, &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    text = snapshot (old);
    wf_test_assert_same_text (with_photo, text);
    g_assert_cmpint (db_int (library, sql), ==, 3);
    /* Smaller than the document with its pictures by their bytes, which
     * gzip cannot shrink much: the JPEG's 633 and two PNGs of 93. */
    {
      g_autoptr(GBytes) inline_json = wf_journey_to_bytes (old);
      g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 3);
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
      g_autoptr(GOutputStream) stream = g_converter_output_stream_new (memory, G_CONVERTER (gzip));

      g_output_stream_write_all (stream, g_bytes_get_data (inline_json, NULL), g_bytes_get_size (inline_json),
                                 NULL, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_close (stream, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("revision: %" G_GINT64_FORMAT " bytes; with the pictures: %" G_GSIZE_FORMAT,
                      db_int (library, size),
                      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
      g_assert_cmpint (db_int (library, size) + 500, <,
                       g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
    }
  }

  /* Emptying the trash takes what no document or revision shows: the
   * revision keeps Bo's photo; the others go when both documents have. */
  wf_library_empty_trash (library, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (library, "SELECT count(*) FROM images"), ==, 3);

  wf_autosave_close (autosave);
  wf_library_set_trashed (library, id, TRUE, &error);
  g_assert_no_error (error);
  wf_library_empty_trash (library, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (library, "SELECT count(*) FROM revision_images"), ==, 0);
  g_assert_cmpint (db_int (library, "SELECT count(*) FROM images"), ==, 2);
  wf_library_set_trashed (library, id2, TRUE, &error);
  g_assert_no_error (error);
  wf_library_empty_trash (library, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (library, "SELECT count(*) FROM images"), ==, 0);

  g_clear_object (&library);
  wf_test_remove_tree (dir);
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

          /* A step being typed into is written after a pause, or with
           * the next step that does not fold into it.
           */
          if (wf_autosave_is_waiting (autosave))
            {
              g_assert_true (wf_undo_stack_get_merging (wf_document_get_undo_stack (document)));
              if (g_rand_boolean (rand))
                continue;
              wf_autosave_flush (autosave);
            }

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
 * each completed command how many it has completed, once the library
 * holds it (a step being typed into waits for a pause).
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
      if (wf_autosave_is_waiting (autosave))
        continue;
      printf ("%u\n", step);
      fflush (stdout);
    }

  return 0;
}

/* Kills a child that edits a document at random moments, many times, and
 * finds the library holding the state after the last command that was
 * completed: the one the child reported, or the next if the kill came
 * between its commit and its report; or, if the child was typing, a later
 * one, with only the typing since then missing.
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
            while (g_strcmp0 (next, db) != 0 &&
                   wf_undo_stack_get_merging (wf_document_get_undo_stack (replay)))
              {
                g_free (next);
                random_step (replay, rand);
                next = snapshot (replay);
              }
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

  /* Edits within ten minutes make no revision. Each is typed into a
   * field that then loses the focus: written when sealed. */
  wf_edit_set (document, "title", "Funnel one", NULL);
  wf_undo_stack_seal (stack);
  advance (5 * G_TIME_SPAN_MINUTE);
  wf_edit_set (document, "description", "Five minutes later", NULL);
  wf_undo_stack_seal (stack);
  revisions = wf_library_list_revisions (library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 0);
  g_clear_pointer (&revisions, g_ptr_array_unref);

  /* The edit after ten minutes makes one, holding that edit: not inside
   * the edit, but once the main loop is idle.
   */
  advance (6 * G_TIME_SPAN_MINUTE);
  wf_edit_set (document, "title", "Funnel two", NULL);
  wf_undo_stack_seal (stack);
  first = snapshot (document);
  revisions = wf_library_list_revisions (library, id, &error);
  g_assert_cmpuint (revisions->len, ==, 0);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  while (g_main_context_iteration (NULL, FALSE))
    ;
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

  /* Closing makes a revision that is due at once. */
  advance (11 * G_TIME_SPAN_MINUTE);
  wf_edit_set (document, "title", "Funnel closed", NULL);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = wf_library_list_revisions (library, id, &error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  wf_autosave_close (autosave);
  revisions = wf_library_list_revisions (library, id, &error);
  g_assert_cmpuint (revisions->len, ==, 3);
  g_assert_cmpstr (((WfRevision *) revisions->pdata[0])->kind, ==, "auto");
  g_clear_object (&old);
  old = wf_library_load_revision (library, ((WfRevision *) revisions->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wf_document_get_title (old), ==, "Funnel closed");

  g_clear_pointer (&fake_now, g_date_time_unref);
  wf_test_remove_tree (dir);
}

/* Types @text into the title of @card key by key, as an entry does. */
static void
type_title (WfCard     *card,
            const char *text)
{
  for (gsize i = 1; i <= strlen (text); i++)
    {
      g_autofree char *typed = g_strndup (text, i);

      wf_edit_set (card, "title", typed, NULL);
    }
}

/* The title of the first card of the first map, as the library holds it. */
static const char *
stored_title (WfLibrary  *library,
              gint64      id)
{
  static char *title;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = wf_library_load (library, id, &error);
  g_autoptr(GPtrArray) cards = NULL;

  g_assert_no_error (error);
  cards = wf_map_list_cards (wf_document_get_map (document, 0));
  g_free (title);
  title = g_strdup (wf_card_get_title (g_ptr_array_index (cards, 0)));
  return title;
}

/* Typing a title costs one commit when the step is complete, not one a
 * key; a pause writes what was typed, and so does closing.
 */
static void
test_autosave_typing (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfLibrary) library = open_library (dir);
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  g_autoptr(WfAutosave) autosave = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = wf_map_list_cards (wf_document_get_map (document, 0));
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfCard *card = g_ptr_array_index (cards, 0);
  g_autofree char *before = NULL;
  guint commits;
  gint64 id;

  id = wf_library_add (library, document, NULL, &error);
  g_assert_no_error (error);
  autosave = wf_autosave_new (library, id, document);
  g_assert_null (wf_autosave_get_error (autosave));
  /* No pause in this test is long enough, unless it waits for one. */
  _wf_autosave_set_delay (autosave, 3600 * 1000);
  commits = _wf_autosave_get_n_commits (autosave);
  before = g_strdup (stored_title (library, id));

  /* 14 keys: all wait, the first too. */
  type_title (card, "Calls the desk");
  g_assert_cmpuint (wf_undo_stack_get_length (stack), ==, 1);
  g_assert_cmpuint (_wf_autosave_get_n_commits (autosave), ==, commits);
  g_assert_true (wf_autosave_is_waiting (autosave));
  g_assert_cmpstr (stored_title (library, id), ==, before);

  /* Leaving the field completes the step. */
  wf_undo_stack_seal (stack);
  g_assert_cmpuint (_wf_autosave_get_n_commits (autosave), ==, commits + 1);
  g_assert_false (wf_autosave_is_waiting (autosave));
  g_assert_cmpstr (stored_title (library, id), ==, "Calls the desk");

  /* A step that does not fold into it completes it too, in one commit. */
  type_title (card, "Mails");
  wf_edit_set (card, "votes", 3, NULL);
  g_assert_cmpuint (_wf_autosave_get_n_commits (autosave), ==, commits + 2);
  g_assert_false (wf_autosave_is_waiting (autosave));
  g_assert_cmpstr (stored_title (library, id), ==, "Mails");

  /* So do undo and redo. */
  type_title (card, "Writes");
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpuint (_wf_autosave_get_n_commits (autosave), ==, commits + 3);
  g_assert_cmpstr (stored_title (library, id), ==, "Mails");
  g_assert_true (wf_undo_stack_redo (stack));
  g_assert_cmpuint (_wf_autosave_get_n_commits (autosave), ==, commits + 4);
  g_assert_cmpstr (stored_title (library, id), ==, "Writes");

  /* A pause writes what was typed. */
  _wf_autosave_set_delay (autosave, 10);
  wf_undo_stack_seal (stack);
  type_title (card, "Phones");
  g_assert_cmpstr (stored_title (library, id), ==, "Writes");
  while (wf_autosave_is_waiting (autosave))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (_wf_autosave_get_n_commits (autosave), ==, commits + 5);
  g_assert_cmpstr (stored_title (library, id), ==, "Phones");

  /* An explicit flush, and closing, write at once. */
  _wf_autosave_set_delay (autosave, 3600 * 1000);
  type_title (card, "Phones twice");
  g_assert_true (wf_autosave_is_waiting (autosave));
  g_assert_true (wf_autosave_flush (autosave));
  g_assert_false (wf_autosave_is_waiting (autosave));
  g_assert_cmpstr (stored_title (library, id), ==, "Phones twice");
  wf_undo_stack_seal (stack);
  type_title (card, "Visits");
  g_assert_true (wf_autosave_is_waiting (autosave));
  wf_autosave_close (autosave);
  g_assert_cmpstr (stored_title (library, id), ==, "Visits");

  /* And so does dropping the autosave without closing it. */
  g_clear_object (&autosave);
  autosave = wf_autosave_new (library, id, document);
  _wf_autosave_set_delay (autosave, 3600 * 1000);
  wf_undo_stack_seal (stack);
  type_title (card, "Chats");
  g_assert_true (wf_autosave_is_waiting (autosave));
  g_clear_object (&autosave);
  g_assert_cmpstr (stored_title (library, id), ==, "Chats");

  /* Typing that never pauses is written once it has waited five pauses:
   * keys every 4 ms with a pause of 10 ms. */
  autosave = wf_autosave_new (library, id, document);
  _wf_autosave_set_delay (autosave, 10);
  wf_undo_stack_seal (stack);
  commits = _wf_autosave_get_n_commits (autosave);
  {
    gint64 start = g_get_monotonic_time ();
    GString *typed = g_string_new (NULL);

    while (g_get_monotonic_time () - start < 80 * G_TIME_SPAN_MILLISECOND)
      {
        g_string_append_c (typed, 'a');
        wf_edit_set (card, "title", typed->str, NULL);
        g_usleep (4 * G_TIME_SPAN_MILLISECOND);
      }
    g_assert_cmpuint (_wf_autosave_get_n_commits (autosave), >=, commits + 1);
    g_assert_cmpstr (stored_title (library, id), !=, "Chats");
    g_string_free (typed, TRUE);
  }
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
  wf_undo_stack_seal (wf_document_get_undo_stack (crashed));
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
  /* A text set may still be being typed, written after a pause; with
   * some seeds no earlier write was waiting to take it along.
   */
  if (wf_autosave_is_waiting (autosave))
    wf_autosave_flush (autosave);
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

/* Damaged libraries */

typedef struct
{
  char       *dir;
  char       *path;
  GHashTable *originals;   /* title → canonical .journey text */
  GHashTable *n_cards;     /* title → cards, as GUINT_TO_POINTER */
  guint       n_maps;
  guint       total_cards;
} Shelf;

static void
shelf_clear (Shelf *shelf)
{
  wf_test_remove_tree (shelf->dir);
  g_free (shelf->dir);
  g_free (shelf->path);
  g_clear_pointer (&shelf->originals, g_hash_table_unref);
  g_clear_pointer (&shelf->n_cards, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Shelf, shelf_clear)

/* A library as a person's would be after some weeks: every template
 * twice in both languages, the rich test file and the sample, 24
 * documents, every fourth edited since it was added and with a revision;
 * closed cleanly.
 */
static void
shelf_init (Shelf *shelf)
{
  const char * const *ids = wf_templates_get_ids ();
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  shelf->dir = wf_test_make_tmpdir ();
  shelf->path = g_build_filename (shelf->dir, "library.sqlite", NULL);
  shelf->originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  shelf->n_cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  library = wf_library_new (shelf->path, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < 5; round++)
    for (guint i = 0; round < 4 ? ids[i] != NULL : i < 4; i++)
      {
        g_autoptr(WfDocument) document = round < 4 ? wf_templates_create (ids[i], round % 2 ? "nl" : "en")
                                                   : wf_test_load_data (i == 2 ? "pictures.journey"
                                                                        : i % 2 ? "rich.journey"
                                                                        : "../../data/samples/coffee-subscription.journey");
        g_autofree char *title = g_strdup_printf ("Journey %u", ++n);
        gint64 id;

        wf_document_set_title (document, title);
        id = wf_library_add (library, document, NULL, &error);
        g_assert_no_error (error);

        if (n % 4 == 0)
          {
            g_autoptr(GRand) rand = g_rand_new_with_seed (n);
            g_autoptr(WfAutosave) autosave = wf_autosave_new (library, id, document);

            wf_library_add_revision (library, id, document, "save", 0, &error);
            g_assert_no_error (error);
            for (guint step = 0; step < 40; step++)
              wf_test_random_edit (document, rand);
            /* Edits may have changed it. */
            wf_edit_set (document, "title", title, NULL);
            g_assert_null (wf_autosave_get_error (autosave));
            wf_autosave_close (autosave);
          }

        shelf->n_maps += wf_document_get_n_maps (document);
        shelf->total_cards += wf_document_count_cards (document);
        g_hash_table_insert (shelf->originals, g_strdup (title), snapshot (document));
        g_hash_table_insert (shelf->n_cards, g_strdup (title), GUINT_TO_POINTER (wf_document_count_cards (document)));
      }

  g_clear_object (&library);
  {
    GStatBuf buf;

    g_assert_cmpint (g_stat (shelf->path, &buf), ==, 0);
    g_test_message ("library: %u documents, %u maps, %u cards, %u bytes",
                    g_hash_table_size (shelf->originals), shelf->n_maps, shelf->total_cards,
                    (guint) buf.st_size);
  }
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* What every recovery must do, whatever the damage: the damaged file kept
 * byte for byte under a name that says what it is, a new library that
 * works, and every document in it one of the originals, whole or in part.
 *
 * Returns: how many documents came back whole
 */
static guint
assert_recovered (Shelf                    *shelf,
                  GBytes                   *damaged,
                  const char               *what,
                  WfLibraryRecovery       **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WfLibrary) library = wf_library_open (shelf->path, &error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(WfDocument) fresh = wf_templates_create ("funnel", "en");
  g_autofree char *base = NULL;
  g_autofree char *prefix = g_strdup_printf ("library.%s-", what);
  const WfLibraryRecovery *recovery;
  guint whole = 0, n_maps = 0, n_cards = 0;

  g_assert_no_error (error);
  g_assert_nonnull (library);
  recovery = wf_library_get_recovery (library);
  g_assert_nonnull (recovery);
  g_assert_nonnull (recovery->reason);
  g_test_message ("%s: %s", recovery->reason->message, recovery->damaged_path);

  /* Kept next to the library, untouched. */
  base = g_path_get_basename (recovery->damaged_path);
  g_assert_true (g_str_has_prefix (base, prefix));
  g_assert_true (g_str_has_suffix (base, ".sqlite"));
  kept = read_bytes (recovery->damaged_path);
  g_assert_true (g_bytes_equal (kept, damaged));

  entries = wf_library_list (library, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, recovery->n_documents);

  for (guint i = 0; i < entries->len; i++)
    {
      WfLibraryEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(WfDocument) document = wf_library_load (library, entry->id, &error);
      g_autofree char *text = NULL;
      const char *original;

      g_assert_no_error (error);
      text = snapshot (document);
      n_maps += wf_document_get_n_maps (document);
      n_cards += wf_document_count_cards (document);

      if ((original = g_hash_table_lookup (shelf->originals, wf_document_get_title (document))) &&
          g_str_equal (original, text))
        whole++;
      else if (original != NULL)
        g_assert_cmpuint (wf_document_count_cards (document), <=,
                          GPOINTER_TO_UINT (g_hash_table_lookup (shelf->n_cards, wf_document_get_title (document))));
    }

  g_assert_cmpuint (n_maps, ==, recovery->n_maps);
  g_assert_cmpuint (n_cards, ==, recovery->n_cards);
  g_assert_cmpuint (recovery->n_documents - whole, <=, recovery->incomplete->len);
  g_test_message ("recovered %u documents (%u whole) with %u of %u maps and %u of %u cards; %u listed as incomplete",
                  recovery->n_documents, whole, recovery->n_maps, shelf->n_maps,
                  recovery->n_cards, shelf->total_cards, recovery->incomplete->len);

  /* The new library works. */
  g_assert_cmpint (wf_library_add (library, fresh, NULL, &error), >, 0);
  g_assert_no_error (error);
  assert_search_index_ok (library);

  if (out != NULL)
    {
      WfLibraryRecovery *copy = g_new0 (WfLibraryRecovery, 1);

      copy->n_documents = recovery->n_documents;
      copy->n_maps = recovery->n_maps;
      copy->n_cards = recovery->n_cards;
      copy->empty = recovery->empty;
      copy->incomplete = g_ptr_array_ref (recovery->incomplete);
      *out = copy;
    }

  g_clear_object (&library);

  /* Opened again, it is a library like any other. */
  library = wf_library_open (shelf->path, &error);
  g_assert_no_error (error);
  g_assert_null (wf_library_get_recovery (library));

  return whole;
}

/* Cut off, as by a copy that did not finish or a full disk. */
static void
test_damaged_truncated (void)
{
  g_auto(Shelf) shelf = { 0 };
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) cut = NULL;
  g_autoptr(WfLibraryRecovery) recovery = NULL;
  guint page;

  shelf_init (&shelf);
  whole = read_bytes (shelf.path);
  page = wf_test_sqlite_page_size (whole);
  cut = g_bytes_new_from_bytes (whole, 0, (g_bytes_get_size (whole) / page * 2 / 3) * page);
  write_bytes (shelf.path, cut);

  assert_recovered (&shelf, cut, "damaged", &recovery);
  g_assert_cmpuint (recovery->n_documents, >, 0);
  g_assert_cmpuint (recovery->n_maps, >, 0);
  g_assert_cmpuint (recovery->n_cards, >, 0);
  /* What was in the lost third is missing, and it says where. */
  g_assert_cmpuint (recovery->n_cards, <, shelf.total_cards);
  g_assert_cmpuint (recovery->incomplete->len, >, 0);
}

/* Pages in the middle overwritten with garbage, as by a bad disk or
 * another program writing to the wrong file.
 */
static void
test_damaged_overwritten (void)
{
  g_auto(Shelf) shelf = { 0 };
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  g_autoptr(WfLibraryRecovery) recovery = NULL;
  g_autoptr(GArray) card_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint8 *data;
  gsize len;
  guint page, n_pages, n_whole;

  shelf_init (&shelf);
  whole = read_bytes (shelf.path);
  len = g_bytes_get_size (whole);
  page = wf_test_sqlite_page_size (whole);
  n_pages = len / page;
  g_assert_cmpuint (n_pages, >=, 12);

  /* Three pages in the middle of the cards, wherever the schema puts
   * them among the pages of other tables.
   */
  g_assert_cmpint (sqlite3_open_v2 (shelf.path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = 'cards' AND pagetype = 'leaf'"
                                           " ORDER BY pageno", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_array_append_val (card_pages, (guint) { sqlite3_column_int (stmt, 0) - 1 });
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (card_pages->len, >=, 6);

  data = g_memdup2 (g_bytes_get_data (whole, NULL), len);
  for (guint k = card_pages->len / 2 - 1; k < card_pages->len / 2 + 2; k++)
    for (guint i = 0; i < page; i++)
      data[(gsize) g_array_index (card_pages, guint, k) * page + i] = g_rand_int_range (rand, 0, 256);
  damaged = g_bytes_new_take (data, len);
  write_bytes (shelf.path, damaged);

  n_whole = assert_recovered (&shelf, damaged, "damaged", &recovery);
  /* Three pages of the cards: what was in them and below them in their
   * table is lost, the rest comes back.
   */
  g_assert_cmpuint (n_whole, >=, g_hash_table_size (shelf.originals) / 3);
  g_assert_cmpuint (recovery->n_maps, ==, shelf.n_maps);
  g_assert_cmpuint (recovery->n_cards, >=, shelf.total_cards / 2);
  g_assert_cmpuint (recovery->n_cards, <, shelf.total_cards);
}

/* The schema's own pages overwritten: nothing of the file can be read
 * through it, but its pages are where every library has them.
 */
static void
test_damaged_schema (void)
{
  g_auto(Shelf) shelf = { 0 };
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(WfLibraryRecovery) recovery = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint8 *data;
  gsize len;
  guint page, n_overwritten = 0;

  shelf_init (&shelf);
  whole = read_bytes (shelf.path);
  len = g_bytes_get_size (whole);
  page = wf_test_sqlite_page_size (whole);
  data = g_memdup2 (g_bytes_get_data (whole, NULL), len);

  /* Every page of the schema but the first, with its file header. */
  g_assert_cmpint (sqlite3_open_v2 (shelf.path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' AND pageno > 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      memset (data + (gsize) (sqlite3_column_int (stmt, 0) - 1) * page, 0xa5, page);
      n_overwritten++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n_overwritten, >, 0);

  damaged = g_bytes_new_take (data, len);
  write_bytes (shelf.path, damaged);

  g_assert_cmpuint (assert_recovered (&shelf, damaged, "damaged", &recovery), ==, g_hash_table_size (shelf.originals));
  g_assert_cmpuint (recovery->n_cards, ==, shelf.total_cards);
}

/* A damaged library holding a document of more broken cards than the
 * reader reports problems for at once: each card's title is not text.
 * Recovery repairs them pass after pass, however many there are, and
 * the document comes back whole.
 */
static void
test_damaged_many_rows (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) damaged = NULL;
  const WfLibraryRecovery *recovery;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint8 *data;
  gsize len;
  guint page, n_overwritten = 0, n_cards;

  {
    g_autoptr(WfLibrary) library = wf_library_new (path, &error);
    g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
    WfMap *map = wf_document_get_map (document, 0);
    guint n_phases = wf_map_get_n_phases (map), n_lanes = wf_map_get_n_lanes (map);

    g_assert_no_error (error);
    wf_document_set_title (document, "Many cards");
    /* More than two passes of WF_PROBLEMS_MAX_KEPT problems each, with
     * two passes allowed for the repairs a repair brings to light. */
    for (guint i = 0; i < 2 * WF_PROBLEMS_MAX_KEPT + 500; i++)
      {
        g_autofree char *id = g_strdup_printf ("many-%u", i);
        g_autoptr(WfCard) card = wf_card_new (id, "A card");

        wf_map_insert_card (map, card, wf_map_get_phase (map, i % n_phases), wf_map_get_lane (map, i % n_lanes), -1);
      }
    wf_library_add (library, document, NULL, &error);
    g_assert_no_error (error);
    n_cards = wf_document_count_cards (document);
  }

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE cards SET title = CAST(X'FF' AS TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  db = NULL;

  whole = read_bytes (path);
  len = g_bytes_get_size (whole);
  page = wf_test_sqlite_page_size (whole);
  data = g_memdup2 (g_bytes_get_data (whole, NULL), len);

  /* The revisions' page, empty: the damage that makes it a recovery. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = 'revisions'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      memset (data + (gsize) (sqlite3_column_int (stmt, 0) - 1) * page, 0xa5, page);
      n_overwritten++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n_overwritten, >, 0);

  damaged = g_bytes_new_take (data, len);
  write_bytes (path, damaged);

  _wf_library_set_recover_passes (2);
  {
    g_autoptr(WfLibrary) library = wf_library_open (path, &error);
    g_autoptr(GPtrArray) entries = NULL;
    g_autoptr(WfDocument) document = NULL;

    _wf_library_set_recover_passes (16);
    g_assert_no_error (error);
    recovery = wf_library_get_recovery (library);
    g_assert_nonnull (recovery);
    g_assert_cmpuint (recovery->n_documents, ==, 1);
    entries = wf_library_list (library, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
    document = wf_library_load (library, ((WfLibraryEntry *) g_ptr_array_index (entries, 0))->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (wf_document_get_title (document), ==, "Many cards");
    g_assert_cmpuint (wf_document_count_cards (document), ==, n_cards);
  }

  wf_test_remove_tree (dir);
}

/* Empty: SQLite would take it for an empty database, and Wayfinder
 * once put a new library in its place without a word. It never makes
 * an empty one itself (a new library is made under another name and
 * moved in place), so an empty one was emptied: kept, and said so.
 */
static void
test_damaged_empty (void)
{
  g_auto(Shelf) shelf = { 0 };
  g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);
  g_autoptr(WfLibraryRecovery) recovery = NULL;

  shelf_init (&shelf);
  write_bytes (shelf.path, nothing);

  assert_recovered (&shelf, nothing, "empty", &recovery);
  g_assert_true (recovery->empty);
  g_assert_cmpuint (recovery->n_documents, ==, 0);
}

/* A library Wayfinder creates is never an empty file, not even for a
 * moment: what an interrupted creation leaves is under another name.
 */
static void
test_new_library_not_empty (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *creating = g_strconcat (path, ".creating", NULL);
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf buf;

  /* Left by a start that was killed while creating it. */
  g_assert_true (g_file_set_contents (creating, "", 0, NULL));

  library = wf_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (wf_library_get_recovery (library));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_size, >, 0);
  g_assert_false (g_file_test (creating, G_FILE_TEST_EXISTS));

  g_clear_object (&library);
  wf_test_remove_tree (dir);
}

/* Not SQLite at all: a .journey saved under the library's name. */
static void
test_damaged_not_sqlite (void)
{
  g_auto(Shelf) shelf = { 0 };
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  g_autoptr(GBytes) journey = wf_journey_to_bytes (document);
  g_autoptr(WfLibraryRecovery) recovery = NULL;

  shelf_init (&shelf);
  write_bytes (shelf.path, journey);

  assert_recovered (&shelf, journey, "damaged", &recovery);
  g_assert_false (recovery->empty);
  g_assert_cmpuint (recovery->n_documents, ==, 0);
}

/* Its last transactions still in the -wal: they go along with it, and are
 * read from a copy.
 */
static void
test_damaged_with_wal (void)
{
  g_auto(Shelf) shelf = { 0 };
  g_autofree char *wal = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) wal_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) late = wf_templates_create ("b2b", "en");
  WfLibraryRecovery *recovery = NULL;
  guint8 *data;
  gsize len;
  guint page;

  shelf_init (&shelf);
  whole = read_bytes (shelf.path);
  len = g_bytes_get_size (whole);
  page = wf_test_sqlite_page_size (whole);

  /* A document added last, only in the -wal: the library is copied
   * while open, as a crash would leave it.
   */
  {
    g_autoptr(WfLibrary) library = wf_library_new (shelf.path, &error);
    g_autofree char *copy_dir = g_build_filename (shelf.dir, "copy", NULL);
    g_autofree char *copy = g_build_filename (copy_dir, "library.sqlite", NULL);
    g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
    g_autofree char *path_wal = g_strconcat (shelf.path, "-wal", NULL);
    g_autoptr(GBytes) main_bytes = NULL;

    g_assert_no_error (error);
    wf_document_set_title (late, "Added last");
    wf_library_add (library, late, NULL, &error);
    g_assert_no_error (error);

    main_bytes = read_bytes (shelf.path);
    wal_bytes = read_bytes (path_wal);
    g_assert_cmpuint (g_bytes_get_size (wal_bytes), >, 0);
    g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
    write_bytes (copy, main_bytes);
    write_bytes (copy_wal, wal_bytes);
    g_clear_object (&library);

    g_remove (shelf.path);
    g_assert_cmpint (g_rename (copy, shelf.path), ==, 0);
    g_assert_cmpint (g_rename (copy_wal, path_wal), ==, 0);
    wal = g_strdup (path_wal);
  }

  /* One page in the middle of the main file overwritten. */
  data = g_memdup2 (g_bytes_get_data (whole, NULL), len);
  memset (data + (gsize) (len / page / 2) * page, 0x5a, page);
  damaged = g_bytes_new_take (data, len);
  write_bytes (shelf.path, damaged);

  g_hash_table_insert (shelf.originals, g_strdup ("Added last"), snapshot (late));
  g_hash_table_insert (shelf.n_cards, g_strdup ("Added last"), GUINT_TO_POINTER (wf_document_count_cards (late)));
  assert_recovered (&shelf, damaged, "damaged", &recovery);

  /* The -wal went along, untouched, and what only it held came back. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) dir = g_dir_open (shelf.dir, 0, NULL);
    const char *name;
    gboolean found = FALSE;

    while ((name = g_dir_read_name (dir)))
      if (g_str_has_prefix (name, "library.damaged-") && g_str_has_suffix (name, ".sqlite-wal"))
        {
          g_autofree char *kept = g_build_filename (shelf.dir, name, NULL);
          g_autoptr(GBytes) kept_bytes = read_bytes (kept);

          g_assert_true (g_bytes_equal (kept_bytes, wal_bytes));
          found = TRUE;
        }
    g_assert_true (found);
  }
  {
    g_autoptr(WfLibrary) library = wf_library_open (shelf.path, &error);
    g_autoptr(GPtrArray) entries = wf_library_list (library, "Added last", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
  }

  wf_library_recovery_free (recovery);
}

/* Hands @path and what is in it to @uid, as if they had made it. */
static void
give_tree (const char *path,
           uid_t       uid)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_cmpint (lchown (path, uid, uid), ==, 0);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      give_tree (child, uid);
    }
}

static void
read_only_library_cases (Shelf *shelf)
{
  g_autofree char *file_dir = NULL;
  g_autofree char *file_path = NULL;
  guint n = 0;

  n = g_hash_table_size (shelf->originals);

  /* A read-only file in a writable folder: a copy of the library. */
  file_dir = g_build_filename (shelf->dir, "file", NULL);
  file_path = g_build_filename (file_dir, "library.sqlite", NULL);
  g_assert_cmpint (g_mkdir (file_dir, 0700), ==, 0);
  {
    g_autoptr(GBytes) bytes = read_bytes (shelf->path);

    write_bytes (file_path, bytes);
    g_assert_cmpint (g_chmod (file_path, 0400), ==, 0);
  }

  /* A folder that cannot be written. */
  g_assert_cmpint (g_chmod (shelf->dir, 0500), ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? shelf->path : file_path;
      g_autoptr(GBytes) before = read_bytes (path);
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(WfLibrary) library = wf_library_open (path, &error);
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(WfDocument) document = wf_templates_create ("funnel", "en");
      const GError *reason;

      g_assert_no_error (error);
      g_assert_nonnull (library);
      g_assert_null (wf_library_get_recovery (library));
      reason = wf_library_get_read_only_reason (library);
      g_assert_true (g_error_matches (reason, WF_SQLITE_ERROR, WF_SQLITE_ERROR_READ_ONLY));
      g_test_message ("%s: %s", path, reason->message);

      /* Its maps can be listed and opened… */
      entries = wf_library_list (library, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (entries->len, ==, n);
      {
        g_autoptr(WfDocument) loaded = wf_library_load (library, ((WfLibraryEntry *) entries->pdata[0])->id, &error);

        g_assert_no_error (error);
        g_assert_nonnull (loaded);
      }

      /* …but nothing is written, and a write says so. */
      g_assert_cmpint (wf_library_add (library, document, NULL, &error), ==, 0);
      g_assert_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_READ_ONLY);
      g_clear_object (&library);
      after = read_bytes (path);
      g_assert_true (g_bytes_equal (before, after));
    }

  g_chmod (shelf->dir, 0700);
}

static void
test_read_only (void)
{
  if (g_test_subprocess ())
    {
      g_auto(Shelf) shelf = { 0 };

      /* The shelf reads the source tree: made before becoming nobody,
       * then given to nobody, as a library of theirs would be.
       */
      shelf_init (&shelf);
      if (geteuid () == 0)
        give_tree (shelf.dir, 65534);

      if (!wf_test_become_unprivileged ())
        {
          g_test_skip ("running as root and cannot become another user; chmod would not bite");
          return;
        }

      read_only_library_cases (&shelf);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
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
  g_test_add_func ("/library/autosave/figures", test_autosave_figures);
  g_test_add_func ("/library/autosave/pictures", test_autosave_pictures);
  g_test_add_func ("/library/autosave/crash", test_autosave_crash);
  g_test_add_func ("/library/autosave/failure", test_autosave_failure);
  g_test_add_func ("/library/autosave/reassign-then-remove", test_autosave_reassign_then_remove);
  g_test_add_func ("/library/autosave/typing", test_autosave_typing);
  g_test_add_func ("/library/revisions", test_revisions);
  g_test_add_func ("/library/revisions/thinning", test_thinning);
  g_test_add_func ("/library/recovery", test_recovery_marks);
  g_test_add_func ("/library/list", test_list_search_trash);
  g_test_add_func ("/library/damaged/truncated", test_damaged_truncated);
  g_test_add_func ("/library/damaged/overwritten", test_damaged_overwritten);
  g_test_add_func ("/library/damaged/schema", test_damaged_schema);
  g_test_add_func ("/library/damaged/many-rows", test_damaged_many_rows);
  g_test_add_func ("/library/damaged/empty", test_damaged_empty);
  g_test_add_func ("/library/damaged/not-sqlite", test_damaged_not_sqlite);
  g_test_add_func ("/library/damaged/with-wal", test_damaged_with_wal);
  g_test_add_func ("/library/new-is-never-empty", test_new_library_not_empty);
  g_test_add_func ("/library/read-only", test_read_only);

  return g_test_run ();
}
