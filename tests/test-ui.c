/* test-ui.c — the real application, started as a user starts it
 *
 * Runs under Xvfb (the test command wraps the suite in xvfb-run). Any GTK
 * or GLib warning or critical fails the test.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "model/wf-model.h"
#include "model/wf-templates.h"
#include "storage/wf-journey.h"
#include "storage/wf-library.h"
#include "ui/wf-announcer.h"
#include "ui/wf-canvas-private.h"
#include "ui/wf-export-dialog.h"
#include "ui/wf-history-dialog.h"
#include "ui/wf-insights-panel.h"
#include "ui/wf-library-view.h"
#include "ui/wf-outline.h"
#include "ui/wf-presenter.h"
#include "ui/wf-window-private.h"
#include "test-app.h"
#include "test-util.h"

/* @contents as the file @name, in a folder of its own, @dir. */
static char *
write_test_file (const char  *name,
                 const char  *contents,
                 gssize       len,
                 char       **dir)
{
  char *path;

  *dir = g_dir_make_tmp ("wayfinder-ui-XXXXXX", NULL);
  path = g_build_filename (*dir, name, NULL);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  return path;
}

/* The test data file @name, copied into a folder of its own, @dir. */
static char *
copy_test_file (const char *name,
                char      **dir)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (source, &contents, &len, NULL));

  return write_test_file (name, contents, len, dir);
}

static void
remove_test_file (char *path,
                  char *dir)
{
  g_remove (path);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
}

/* Answers @dialog with Close, then closes every window. */
static void
close_dialog_and_windows (WfTestApp        *app,
                          AdwMessageDialog *dialog)
{
  g_autoptr(GList) all = NULL;

  adw_message_dialog_response (dialog, "close");

  /* Destroying a window changes the application's list: walk a copy. */
  all = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app->app)));
  for (GList *l = all; l; l = l->next)
    gtk_window_destroy (l->data);
}

/* Opening a file from the command line shows it. */
static gboolean
step_open (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document;
  WfUndoStack *stack;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  if ((document = wf_window_get_document (window)) == NULL)
    return FALSE;

  g_assert_cmpstr (wf_document_get_title (document), ==, "Every part of a journey");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Every part of a journey");
  g_assert_nonnull (wf_window_get_file (window));

  /* An edit marks the window as modified; undo through the action clears it. */
  stack = wf_document_get_undo_stack (document);
  wf_edit_set (document, "title", "Changed", NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Changed");
  g_assert_true (wf_undo_stack_get_modified (stack));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (wf_undo_stack_get_modified (stack));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Every part of a journey");

  gtk_window_close (GTK_WINDOW (window));

  return TRUE;
}

static void
test_open_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "rich.journey", NULL);
  WfTestApp app = { 0 };

  wf_test_app_run (&app, path, step_open);
}

/* Opening a file, a worker puts it into the library while the map is
 * shown (issue #19); an edit made at once waits for it and is in the
 * library when its step ends.
 */
static gboolean
step_open_library (WfTestApp *app)
{
  gboolean edit = GPOINTER_TO_INT (app->data);
  WfWindow *window = wf_test_app_get_window (app);
  WfLibrary *library = wf_application_get_library (app->app, NULL);
  WfDocument *document;
  g_autoptr(WfLibraryEntry) entry = NULL;
  g_autoptr(WfDocument) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (window == NULL || (document = wf_window_get_document (window)) == NULL)
    return FALSE;

  if (app->stage == 0)
    {
      /* The worker waits: the map is shown, the library has no copy of
       * the file yet.
       */
      g_assert_cmpint (wf_window_get_library_id (window), ==, 0);
      app->stage++;
      if (edit)
        {
          /* The edit lets the worker go and waits for it. */
          _wf_window_hold_library_writes (FALSE);
          wf_edit_set (document, "title", "Edited at once", NULL);
          g_assert_cmpint (wf_window_get_library_id (window), >, 0);
        }
      else
        _wf_window_hold_library_writes (FALSE);
    }

  if ((id = wf_window_get_library_id (window)) == 0)
    return FALSE;

  entry = wf_library_get_entry (library, id);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->path, ==, g_file_peek_path (wf_window_get_file (window)));
  stored = wf_library_load (library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wf_document_get_title (stored), ==, edit ? "Edited at once" : "Every part of a journey");
  g_assert_true (entry->unsaved == edit);

  gtk_window_close (GTK_WINDOW (window));

  return TRUE;
}

static void
test_open_library (void)
{
  for (int edit = 0; edit <= 1; edit++)
    {
      WfTestApp app = { .data = GINT_TO_POINTER (edit) };
      char *dir = NULL;
      char *path = copy_test_file ("rich.journey", &dir);

      /* A file the library has no copy of yet, each time. */
      _wf_window_hold_library_writes (TRUE);
      wf_test_app_run (&app, path, step_open_library);
      remove_test_file (path, dir);
    }
}

/* Without a file, the start page offers the templates. */
static gboolean
step_start_page (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  GtkWidget *list;
  GtkListBoxRow *row;
  WfDocument *document;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  g_assert_null (wf_window_get_document (window));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL) &&
                  wf_window_get_document (window) != NULL);

  list = wf_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX);
  g_assert_nonnull (list);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 5));
  gtk_widget_activate (GTK_WIDGET (row));

  document = wf_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_cmpuint (wf_map_get_n_phases (wf_document_get_map (document, 0)), ==, 5);

  /* A new journey is not on disk: closing asks first, so close quietly here. */
  g_assert_null (wf_window_get_file (window));
  gtk_window_destroy (GTK_WINDOW (window));

  return TRUE;
}

static void
test_start_page (void)
{
  WfTestApp app = { 0 };

  wf_test_app_run (&app, NULL, step_start_page);
}

/* A broken file is refused with a message, and the app keeps running. */
static gboolean
step_broken (WfTestApp *app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app->app));
  AdwMessageDialog *dialog = wf_test_find_dialog ();

  if (dialog == NULL)
    return FALSE;

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open “broken.journey”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "$.maps[0].lanes[0].kind"));

  for (GList *l = windows; l; l = l->next)
    {
      if (WF_IS_WINDOW (l->data))
        g_assert_null (wf_window_get_document (l->data));
    }

  close_dialog_and_windows (app, dialog);
  return TRUE;
}

static void
test_broken_file (void)
{
  char *dir = NULL;
  char *path = write_test_file ("broken.journey",
                                "{\"format\":\"wayfinder-journey\",\"version\":1,\"maps\":[{\"id\":\"m\","
                                "\"lanes\":[{\"id\":\"l\",\"kind\":\"moods\"}]}]}", -1, &dir);
  WfTestApp app = { 0 };

  wf_test_app_run (&app, path, step_broken);
  remove_test_file (path, dir);
}

/* A file whose pictures could not be read opens without them, but not
 * silently: the banner says how many were left out, Details… lists
 * where and why, and Dismiss puts the banner away (issue #17). A file
 * whose pictures are good opens with no banner.
 */
static gboolean
step_pictures_left_out (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  gboolean bad = GPOINTER_TO_INT (app->data);
  AdwMessageDialog *dialog;
  GtkWidget *label;
  const char *list;

  switch (app->stage)
    {
    case 0:
      if (wf_test_app_get_canvas (app) == NULL || wf_window_get_document (window) == NULL)
        return FALSE;
      g_assert_true (gtk_revealer_get_reveal_child (window->banner) == bad);
      if (!bad)
        {
          gtk_window_destroy (GTK_WINDOW (window));
          return TRUE;
        }
      /* The rest of the document is there. */
      g_assert_nonnull (wf_document_lookup (wf_window_get_document (window), "cd2"));
      g_assert_cmpstr (gtk_label_get_text (window->banner_label), ==,
                       "2 pictures could not be read and were left out.");
      g_assert_cmpstr (gtk_button_get_label (window->banner_button), ==, "_Details…");
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->banner_button)));
      g_signal_emit_by_name (window->banner_button, "clicked");
      app->stage++;
      return FALSE;

    case 1:
      if ((dialog = wf_test_find_dialog ()) == NULL)
        return FALSE;
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Pictures Left Out");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“pictures-bad.journey”"));
      label = wf_test_find_any_widget (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LABEL);
      g_assert_nonnull (label);
      list = gtk_label_get_text (GTK_LABEL (label));
      g_test_message ("%s", list);
      g_assert_cmpstr (list, ==,
                       "$.personas[0].photo: The data is not a PNG or JPEG picture\n"
                       "$.maps[0].cards[0].image: The picture is damaged or cut off");
      adw_message_dialog_response (dialog, "dismiss");
      app->stage++;
      return FALSE;

    default:
      g_assert_false (gtk_revealer_get_reveal_child (window->banner));
      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_pictures_left_out (void)
{
  for (int bad = 0; bad <= 1; bad++)
    {
      WfTestApp app = { .data = GINT_TO_POINTER (bad) };
      char *dir = NULL;
      char *path = copy_test_file (bad ? "pictures-bad.journey" : "pictures.journey", &dir);

      wf_test_app_run (&app, path, step_pictures_left_out);
      remove_test_file (path, dir);
    }
}

/* A document of the library whose pictures could not be read (a damaged
 * images table) opens with the same banner.
 */
static gboolean
step_library_pictures_left_out (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  gint64 id = *(gint64 *) app->data;
  AdwMessageDialog *dialog;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  switch (app->stage)
    {
    case 0:
      wf_window_open_library_document (window, id, FALSE);
      g_assert_nonnull (wf_window_get_document (window));
      g_assert_null (wf_persona_get_photo (WF_PERSONA (wf_document_lookup (wf_window_get_document (window), "anna"))));
      g_assert_true (gtk_revealer_get_reveal_child (window->banner));
      g_assert_true (g_str_has_suffix (gtk_label_get_text (window->banner_label),
                                       "could not be read and were left out."));
      g_signal_emit_by_name (window->banner_button, "clicked");
      app->stage++;
      return FALSE;

    default:
      if ((dialog = wf_test_find_dialog ()) == NULL)
        return FALSE;
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "These pictures could not be read."));
      close_dialog_and_windows (app, dialog);
      return TRUE;
    }
}

static void
test_library_pictures_left_out (void)
{
  g_autofree char *library_path = wf_library_get_default_path ();
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "pictures.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (source);
  gint64 id;
  WfTestApp app = { .data = &id };

  {
    g_autoptr(WfLibrary) library = wf_library_new (library_path, NULL);
    g_autoptr(WfDocument) document = wf_journey_load_file (file, NULL, NULL, NULL);
    g_autoptr(GError) error = NULL;

    id = wf_library_add (library, document, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (wf_library_get_db (library),
                                   "UPDATE images SET bytes = substr (bytes, 1, 40) WHERE type = 'image/png'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }

  wf_test_app_run (&app, NULL, step_library_pictures_left_out);
}

/* Regression (issue #14): a colour of a megabyte kept the “Could Not Open”
 * dialog from ever being drawn, the app spinning in Pango over the message.
 * The message quotes the colour's beginning; and a dialog shows at most
 * 2,000 characters of any error, such as one naming a long path.
 */
static gboolean
step_long_message (WfTestApp *app)
{
  AdwMessageDialog *dialog = wf_test_find_dialog ();
  const char *body;

  if (dialog == NULL)
    return FALSE;

  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%.300s", body);
  if (strstr (adw_message_dialog_get_heading (dialog), "long-colour.journey") != NULL)
    {
      g_assert_cmpuint (strlen (body), <, 300);
      g_assert_nonnull (strstr (body, "$.maps[0].phases[0].color: “#fffffffff"));
      g_assert_nonnull (strstr (body, "fff…” is not a colour"));
    }
  else
    {
      g_assert_cmpint (g_utf8_strlen (body, -1), ==, 2001);
      g_assert_true (g_str_has_suffix (body, "…"));
    }

  close_dialog_and_windows (app, dialog);
  return TRUE;
}

static void
test_long_message (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\":\"wayfinder-journey\",\"version\":1,\"maps\":[{\"id\":\"m\","
                                          "\"phases\":[{\"id\":\"p\",\"name\":\"P\",\"color\":\"#");
  g_autoptr(GString) missing = NULL;
  char *dir = NULL;
  char *path;

  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (json, 'f');
  g_string_append (json, "\"}]}]}");
  path = write_test_file ("long-colour.journey", json->str, json->len, &dir);

  {
    WfTestApp app = { 0 };

    wf_test_app_run (&app, path, step_long_message);
  }

  /* Folders that do not exist, 3,000 characters deep. */
  missing = g_string_new (dir);
  while (missing->len < 3000)
    g_string_append (missing, "/no-such-folder-no-such-folder-no-such-folder-no-such-folder");
  g_string_append (missing, "/map.journey");
  {
    WfTestApp app = { 0 };

    wf_test_app_run (&app, missing->str, step_long_message);
  }

  remove_test_file (path, dir);
}

/* Save writes the file and clears "modified"; a save that fails says so
 * and keeps the edit, marked as unsaved.
 */
typedef struct
{
  char *dir;
  char *path;
} SaveState;

static gboolean
step_save (WfTestApp *app)
{
  SaveState *sf = app->data;
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document = window ? wf_window_get_document (window) : NULL;
  g_autofree char *contents = NULL;
  AdwMessageDialog *dialog;

  if (document == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  switch (app->stage++)
    {
    case 0:
      wf_edit_set (document, "title", "Saved title", NULL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
      g_assert_false (wf_undo_stack_get_modified (wf_document_get_undo_stack (document)));
      g_assert_true (g_file_get_contents (sf->path, &contents, NULL, NULL));
      g_assert_nonnull (strstr (contents, "\"title\": \"Saved title\""));
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Saved title");

      /* The folder disappears: the next save must fail, loudly. */
      g_assert_cmpint (g_remove (sf->path), ==, 0);
      g_assert_cmpint (g_rmdir (sf->dir), ==, 0);
      wf_edit_set (document, "title", "Unsaved title", NULL);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
      return FALSE;

    default:
      if ((dialog = wf_test_find_dialog ()) == NULL)
        return FALSE;

      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save the Journey");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "/rich.journey”"));
      /* Not the temporary file it was written to first. */
      g_assert_null (strstr (adw_message_dialog_get_body (dialog), "rich.journey."));
      g_assert_true (wf_undo_stack_get_modified (wf_document_get_undo_stack (document)));
      g_assert_cmpstr (wf_document_get_title (document), ==, "Unsaved title");
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Unsaved title");

      adw_message_dialog_response (dialog, "close");
      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_save (void)
{
  SaveState sf = { 0 };
  WfTestApp app = { .data = &sf };

  sf.path = copy_test_file ("rich.journey", &sf.dir);
  wf_test_app_run (&app, sf.path, step_save);

  g_free (sf.dir);
  g_free (sf.path);
}


/* The library */

static gboolean
is_shown_label_starting (GtkWidget *widget,
                         gpointer   prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

/* A label shown in the window whose text starts with @prefix. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *prefix)
{
  return GTK_LABEL (wf_test_find (root, is_shown_label_starting, (gpointer) prefix));
}

/* The text of the toast @overlay shows (its title, as a person reads it),
 * or NULL when it shows none.
 */
static const char *
get_toast_text (GtkWidget *root)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");
  GtkWidget *toast = toast_type != 0 ? wf_test_find_widget (root, toast_type) : NULL;
  GtkWidget *label = toast != NULL ? wf_test_find_widget (toast, GTK_TYPE_LABEL) : NULL;

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Whether the toast shown has finished coming in: two frames were drawn
 * since it last moved. libadwaita 1.2 frees a
 * toast dismissed while it still comes in, and its show animation then
 * writes to it when the overlay is unmapped (AdwToastOverlay's
 * show_done_cb, seen with valgrind): a test dismisses a toast, or closes
 * the window, only once the toast is all there, as a person does.
 */
typedef struct
{
  float  y;
  gint64 frame;
} ToastPlace;

static gboolean
toast_is_shown (GtkWidget  *root,
                ToastPlace *last)
{
  GtkWidget *toast = wf_test_find_widget (root, g_type_from_name ("AdwToastWidget"));
  GtkWidget *overlay = toast != NULL ? gtk_widget_get_parent (toast) : NULL;
  GdkFrameClock *clock = overlay != NULL ? gtk_widget_get_frame_clock (overlay) : NULL;
  graphene_rect_t bounds;
  gint64 frame;

  if (clock == NULL || !gtk_widget_compute_bounds (toast, overlay, &bounds))
    return FALSE;

  /* Frames go on, so that one comes after the toast's last move. */
  gtk_widget_queue_draw (overlay);
  frame = gdk_frame_clock_get_frame_counter (clock);
  if (bounds.origin.y != last->y)
    {
      last->y = bounds.origin.y;
      last->frame = frame;
      return FALSE;
    }

  return frame >= last->frame + 2 && bounds.origin.y + bounds.size.height < gtk_widget_get_height (overlay);
}

/* Dismisses the toast shown, so that the next one shows at once. */
static void
dismiss_toast (GtkWidget *root)
{
  GtkWidget *toast = wf_test_find_widget (root, g_type_from_name ("AdwToastWidget"));

  for (GtkWidget *child = gtk_widget_get_first_child (toast); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0)
      g_signal_emit_by_name (child, "clicked");
}

/* Titles with "&" and "<" in toasts: a toast's title is markup, and such
 * a title left it empty. Export a journey titled "Q&A <draft>", delete a
 * map titled "Tips & <tricks>".
 */
typedef struct
{
  SaveState  save;
  GFile     *exported;
  ToastPlace toast;
} MarkupState;

static gboolean
step_markup (WfTestApp *app)
{
  MarkupState *mf = app->data;
  SaveState *sf = &mf->save;
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document = window ? wf_window_get_document (window) : NULL;
  WfExportDialog *dialog;
  const char *text;

  if (document == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  switch (app->stage)
    {
    case 0:
      wf_edit_set (document, "title", "Q&A <draft>", NULL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
      app->stage++;
      return FALSE;

    case 1:
      dialog = (WfExportDialog *) wf_test_find_window (WF_TYPE_EXPORT_DIALOG);
      if (dialog == NULL || wf_export_dialog_is_busy (dialog))
        return FALSE;
      wf_export_dialog_set_format (dialog, WF_EXPORT_FORMAT_CSV);
      {
        g_autofree char *name = wf_export_dialog_get_file_name (dialog);

        g_assert_cmpstr (name, ==, "Q&A <draft>.csv");
        mf->exported = g_file_new_build_filename (sf->dir, name, NULL);
      }
      wf_export_dialog_export_to (dialog, mf->exported);
      app->stage++;
      return FALSE;

    case 2:
      if ((text = get_toast_text (GTK_WIDGET (window))) == NULL)
        return FALSE;
      g_assert_cmpstr (text, ==, "Exported “Q&A <draft>.csv”");
      g_assert_true (g_file_query_exists (mf->exported, NULL));
      if (!toast_is_shown (GTK_WIDGET (window), &mf->toast))
        return FALSE;
      dismiss_toast (GTK_WIDGET (window));

      wf_edit_set (wf_document_get_map (document, 0), "title", "Tips & <tricks>", NULL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.map-delete", "u", 0));
      app->stage++;
      return FALSE;

    default:
      if ((text = get_toast_text (GTK_WIDGET (window))) == NULL || strstr (text, "Exported") != NULL)
        return FALSE;
      g_assert_cmpstr (text, ==, "Map “Tips & <tricks>” deleted");
      if (!toast_is_shown (GTK_WIDGET (window), &mf->toast))
        return FALSE;

      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

/* Undo keeps what someone else changed since, and says so (issue #16,
 * "Undo stays personal"): a change applied outside the stack, as a team
 * member's is, stands; the step leaves the stack; a toast tells why.
 */
typedef struct
{
  ToastPlace toast;
} SkippedState;

static gboolean
step_undo_skipped (WfTestApp *app)
{
  SkippedState *st = app->data;
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document = window ? wf_window_get_document (window) : NULL;
  WfUndoStack *stack;
  const char *text;

  if (document == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  stack = wf_document_get_undo_stack (document);
  switch (app->stage)
    {
    case 0:
      wf_edit_set (document, "title", "Mine", NULL);
      wf_undo_stack_seal (stack);
      wf_undo_stack_begin_remote (stack);
      wf_document_set_title (document, "Theirs");
      wf_undo_stack_end_remote (stack);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
      g_assert_cmpstr (wf_document_get_title (document), ==, "Theirs");
      app->stage++;
      return FALSE;

    default:
      if ((text = get_toast_text (GTK_WIDGET (window))) == NULL)
        return FALSE;
      g_assert_cmpstr (text, ==, "Not undone: someone else changed it since");
      if (!toast_is_shown (GTK_WIDGET (window), &st->toast))
        return FALSE;
      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_undo_skipped (void)
{
  SkippedState st = { { 0 } };
  WfTestApp app = { .data = &st };
  char *dir = NULL;
  char *path = copy_test_file ("rich.journey", &dir);

  wf_test_app_run (&app, path, step_undo_skipped);
  remove_test_file (path, dir);
}

static void
test_markup_in_titles (void)
{
  MarkupState mf = { 0 };
  WfTestApp app = { .data = &mf };

  mf.save.path = copy_test_file ("rich.journey", &mf.save.dir);
  wf_test_app_run (&app, mf.save.path, step_markup);

  g_file_delete (mf.exported, NULL, NULL);
  g_clear_object (&mf.exported);
  remove_test_file (mf.save.path, mf.save.dir);
}

/* A document that was open with unsaved edits when Wayfinder died comes
 * back in a window that says so; Discard brings back the saved file.
 */
typedef struct
{
  gint64  id;
  char   *file_title;
} RecoveryState;

static gboolean
step_recovery (WfTestApp *app)
{
  RecoveryState *rf = app->data;
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document = window ? wf_window_get_document (window) : NULL;
  GtkWidget *revealer, *discard;
  WfLibrary *library;
  g_autoptr(WfLibraryEntry) entry = NULL;

  if (document == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  g_assert_cmpint (wf_window_get_library_id (window), ==, rf->id);
  g_assert_cmpstr (wf_document_get_title (document), ==, "Edited before the crash");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Edited before the crash");

  revealer = wf_test_find_widget (GTK_WIDGET (window), GTK_TYPE_REVEALER);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  discard = wf_test_find_button (revealer, "_Discard Changes");
  g_assert_nonnull (discard);

  g_signal_emit_by_name (discard, "clicked");

  document = wf_window_get_document (window);
  g_assert_cmpstr (wf_document_get_title (document), ==, rf->file_title);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, rf->file_title);

  library = wf_application_get_library (app->app, NULL);
  entry = wf_library_get_entry (library, rf->id);
  g_assert_false (entry->unsaved);
  {
    g_autoptr(WfDocument) stored = wf_library_load (library, rf->id, NULL);
    g_assert_cmpstr (wf_document_get_title (stored), ==, rf->file_title);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_library_recovery (void)
{
  g_autofree char *library_path = wf_library_get_default_path ();
  char *dir = NULL;
  char *path = copy_test_file ("rich.journey", &dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RecoveryState rf = { 0 };
  WfTestApp app = { .data = &rf };

  /* What a crash leaves: a document marked open, with an edit the file
   * does not have.
   */
  {
    g_autoptr(WfLibrary) library = wf_library_new (library_path, NULL);
    g_autoptr(WfDocument) document = wf_journey_load_file (file, NULL, NULL, NULL);

    rf.file_title = g_strdup (wf_document_get_title (document));
    wf_document_set_title (document, "Edited before the crash");
    rf.id = wf_library_add (library, document, path, NULL);
    g_assert_true (wf_library_set_open (library, rf.id, TRUE, NULL));
    g_assert_true (wf_library_set_unsaved (library, rf.id, TRUE, NULL));
  }

  wf_test_app_run (&app, NULL, step_recovery);

  g_free (rf.file_title);
  remove_test_file (path, dir);
}

/* Quitting while a title is being typed: the autosave holds the typing
 * back for a pause, and the application writes it as it ends, though the
 * window was not closed first.
 */
static gboolean
step_quit_typing (WfTestApp *app)
{
  gint64 *id = app->data;
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document = window ? wf_window_get_document (window) : NULL;
  WfUndoStack *stack;

  if (document == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  /* The library's copy of an opened file is written by a worker. */
  if ((*id = wf_window_get_library_id (window)) == 0)
    return FALSE;
  stack = wf_document_get_undo_stack (document);
  wf_undo_stack_seal (stack);
  wf_edit_set (document, "title", "T", NULL);
  wf_edit_set (document, "title", "Ty", NULL);
  wf_edit_set (document, "title", "Typed, then quit", NULL);
  g_assert_true (wf_undo_stack_get_merging (stack));
  return TRUE;
}

static void
test_library_quit_typing (void)
{
  g_autofree char *library_path = wf_library_get_default_path ();
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(WfDocument) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  wf_test_app_run_sample (step_quit_typing, &id);

  library = wf_library_new (library_path, &error);
  g_assert_no_error (error);
  stored = wf_library_load (library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wf_document_get_title (stored), ==, "Typed, then quit");
}

/* Logging out while a title is being typed: the session ends the
 * application with SIGTERM, and it writes the typing as it ends.
 */
static gboolean
step_terminate_typing (WfTestApp *app)
{
  if (app->stage > 0)
    return FALSE;

  if (!step_quit_typing (app))
    return FALSE;

  /* The application, not this step, ends the run. */
  app->stage++;
  app->done = TRUE;
  raise (SIGTERM);

  return FALSE;
}

static void
test_library_terminate_typing (void)
{
  g_autofree char *library_path = wf_library_get_default_path ();
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(WfDocument) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  wf_test_app_run_sample (step_terminate_typing, &id);

  library = wf_library_new (library_path, &error);
  g_assert_no_error (error);
  stored = wf_library_load (library, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wf_document_get_title (stored), ==, "Typed, then quit");
}

/* History: a save makes a version; restoring it is undoable. */
static gboolean
step_history (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document = window ? wf_window_get_document (window) : NULL;
  GtkWindow *history;
  GtkWidget *restore;

  if (document == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  switch (app->stage)
    {
    case 0:
      wf_edit_set (document, "title", "Second", NULL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
      wf_undo_stack_seal (wf_document_get_undo_stack (document));
      wf_edit_set (document, "title", "Third", NULL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.history", NULL));
      app->stage++;
      return FALSE;

    default:
      if ((history = wf_test_find_window (WF_TYPE_HISTORY_DIALOG)) == NULL)
        return FALSE;

      restore = wf_test_find_button (GTK_WIDGET (history), "_Restore");
      g_assert_nonnull (restore);
      g_signal_emit_by_name (restore, "clicked");

      g_assert_cmpstr (wf_document_get_title (document), ==, "Second");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
      g_assert_cmpstr (wf_document_get_title (document), ==, "Third");
      {
        WfLibrary *library = wf_application_get_library (app->app, NULL);
        g_autoptr(WfDocument) stored = wf_library_load (library, wf_window_get_library_id (window), NULL);

        g_assert_cmpstr (wf_document_get_title (stored), ==, "Third");
      }

      /* Saved, then edited: close without asking, for the test. */
      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_library_history (void)
{
  SaveState sf = { 0 };
  WfTestApp app = { .data = &sf };

  sf.path = copy_test_file ("rich.journey", &sf.dir);
  wf_test_app_run (&app, sf.path, step_history);
  remove_test_file (sf.path, sf.dir);
}

/* The start page lists the sample map on the first start; deleting it
 * can be undone from the toast; search finds card texts.
 */
static gboolean
step_library_page (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfLibrary *library = wf_application_get_library (app->app, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *view, *undo, *search;
  gint64 id;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  entries = wf_library_list (library, NULL, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  id = ((WfLibraryEntry *) entries->pdata[0])->id;
  g_clear_pointer (&entries, g_ptr_array_unref);

  view = wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_LIBRARY_VIEW);
  g_assert_nonnull (view);

  /* Search: a word of a card of the sample, and one that is nowhere. */
  search = wf_test_find_widget (view, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), "web shop");
  wf_library_view_refresh (WF_LIBRARY_VIEW (view));
  g_assert_nonnull (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (GTK_LIST_BOX (wf_test_find_widget (view, GTK_TYPE_LIST_BOX)), 0)), "document-id"));
  gtk_editable_set_text (GTK_EDITABLE (search), "xyzzy");
  wf_library_view_refresh (WF_LIBRARY_VIEW (view));
  g_assert_null (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (GTK_LIST_BOX (wf_test_find_widget (view, GTK_TYPE_LIST_BOX)), 0)), "document-id"));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  wf_library_view_refresh (WF_LIBRARY_VIEW (view));

  /* A title with "&" and "<": the row and the toast show it as it is. */
  g_assert_true (wf_library_rename (library, id, "Q&A <draft>", NULL));
  wf_library_view_refresh (WF_LIBRARY_VIEW (view));

  g_assert_true (gtk_widget_activate_action (view, "library.delete", "x", id));
  entries = wf_library_list (library, NULL, NULL);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_cmpstr (get_toast_text (GTK_WIDGET (window)), ==, "“Q&A <draft>” deleted");

  undo = wf_test_find_button (GTK_WIDGET (window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  entries = wf_library_list (library, NULL, NULL);
  g_assert_cmpuint (entries->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_library_page (void)
{
  WfTestApp app = { 0 };

  wf_test_app_run (&app, NULL, step_library_page);
}

/* A map open in one window: another window's start page says so, and
 * stops saying so when the map is closed. */
static gboolean
step_library_open_elsewhere (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfLibrary *library = wf_application_get_library (app->app, NULL);
  WfWindow **other = app->data;
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *row;

  switch (app->stage)
    {
    case 0:
      if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
        return FALSE;
      entries = wf_library_list (library, NULL, NULL);
      g_assert_cmpuint (entries->len, ==, 1);
      *other = wf_window_new (GTK_APPLICATION (app->app));
      gtk_window_present (GTK_WINDOW (*other));
      wf_window_open_library_document (window, ((WfLibraryEntry *) entries->pdata[0])->id, FALSE);
      app->stage++;
      return FALSE;

    case 1:
      if (wf_window_get_document (*other) != NULL || !gtk_widget_get_mapped (GTK_WIDGET (*other)))
        return FALSE;
      wf_library_view_refresh ((*other)->library_view);
      row = gtk_widget_get_first_child (wf_test_find_widget (GTK_WIDGET ((*other)->library_view), GTK_TYPE_LIST_BOX));
      if (row == NULL || strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "open in a window") == NULL)
        return FALSE;
      /* The map's window goes; the start page follows. */
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app->app)); l; l = l->next)
        if (l->data != *other)
          {
            gtk_window_destroy (l->data);
            break;
          }
      row = gtk_widget_get_first_child (wf_test_find_widget (GTK_WIDGET ((*other)->library_view), GTK_TYPE_LIST_BOX));
      g_assert_nonnull (row);
      g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "open in a window"));
      gtk_window_destroy (GTK_WINDOW (*other));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_library_open_elsewhere (void)
{
  WfWindow *other = NULL;
  WfTestApp app = { .data = &other };

  wf_test_app_run (&app, NULL, step_library_open_elsewhere);
}

/* Without a library (its folder cannot be made), the app runs on, says
 * so, and a new map asks to be saved as a file.
 */
static gboolean
step_no_library (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  const GError *error = NULL;
  g_autoptr(WfDocument) document = NULL;
  GtkWidget *revealer;
  GtkLabel *label;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  g_assert_null (wf_application_get_library (app->app, &error));
  g_assert_nonnull (error);

  /* The start page says so, with the reason. */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "The Library Cannot Be Used"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), error->message));

  document = wf_templates_create ("funnel", "en");
  wf_window_set_document (window, document, NULL);
  wf_edit_set (document, "title", "Kept only in memory", NULL);

  revealer = wf_test_find_widget (GTK_WIDGET (window), GTK_TYPE_REVEALER);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  label = GTK_LABEL (gtk_widget_get_first_child (gtk_revealer_get_child (GTK_REVEALER (revealer))));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "Changes cannot be kept in the library"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_widget_get_next_sibling (GTK_WIDGET (label)))), ==, "_Save As…");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Kept only in memory");

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_library_unavailable (void)
{
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "wayfinder", NULL);
  WfTestApp app = { 0 };

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));

  wf_test_app_run (&app, NULL, step_no_library);
}

/* A damaged library: the start page says so, names the file it was kept
 * as, offers to show it, and lists what was recovered.
 */
static gboolean
step_damaged_library (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfLibrary *library = wf_application_get_library (app->app, NULL);
  const WfLibraryRecovery *recovery;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *name = NULL;
  GtkLabel *title, *body;
  GtkWidget *view, *list, *dismiss;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  g_assert_nonnull (library);
  recovery = wf_library_get_recovery (library);
  g_assert_nonnull (recovery);
  g_assert_true (g_file_test (recovery->damaged_path, G_FILE_TEST_EXISTS));
  name = g_path_get_basename (recovery->damaged_path);

  view = wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_LIBRARY_VIEW);
  g_assert_nonnull (view);
  title = find_label (view, "The Library Was Damaged");
  g_assert_nonnull (title);
  body = find_label (view, "Wayfinder could not read its library file");
  g_assert_nonnull (body);
  g_assert_nonnull (strstr (gtk_label_get_text (body), name));
  g_assert_nonnull (wf_test_find_button (view, "_Show Folder"));

  /* What was recovered is in the list below, to open. */
  entries = wf_library_list (library, NULL, NULL);
  g_assert_cmpuint (entries->len, >, 0);
  g_assert_cmpuint (entries->len, ==, recovery->n_documents);
  list = wf_test_find_widget (view, GTK_TYPE_LIST_BOX);
  g_assert_nonnull (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0)),
                                       "document-id"));

  /* Dismissed, it goes. */
  dismiss = wf_test_find_button (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (title))), NULL);
  g_assert_nonnull (dismiss);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (dismiss), ==, "Dismiss");
  g_signal_emit_by_name (dismiss, "clicked");
  g_assert_null (find_label (view, "The Library Was Damaged"));

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_library_damaged (void)
{
  g_autofree char *path = wf_library_get_default_path ();
  g_autoptr(GBytes) bytes = NULL;
  WfTestApp app = { 0 };
  char *data;
  gsize len;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WfLibrary) library = wf_library_new (path, &error);
    const char * const *ids = wf_templates_get_ids ();

    g_assert_no_error (error);
    for (guint round = 0; round < 3; round++)
      for (guint i = 0; ids[i] != NULL; i++)
        {
          g_autoptr(WfDocument) document = wf_templates_create (ids[i], round % 2 ? "nl" : "en");

          wf_library_add (library, document, NULL, &error);
          g_assert_no_error (error);
        }
  }

  /* Pages in the middle overwritten. */
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >=, 16 * 4096);
  memset (data + (len / 4096 / 2) * 4096, 0x5a, 2 * 4096);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  g_free (data);

  wf_test_app_run (&app, NULL, step_damaged_library);
}

/* The canvas: it shows the first map, zooms around a point that stays
 * still, moves the focus from card to card, moves a card with the
 * keyboard, and deletes the selection as one undoable step.
 */
static gboolean
step_canvas (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document;
  WfCanvas *canvas;
  WfMap *map;
  WfCard *first, *second;
  WfPhase *phase;
  double before_x, before_y, after_x, after_y, zoom;
  WfUndoStack *stack;
  guint n_cards;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  if (app->stage == 0)
    {
      g_autoptr(WfDocument) created = wf_templates_create ("five-phases", "en");

      wf_window_set_document (window, created, NULL);
      app->stage++;
    }

  document = wf_window_get_document (window);
  stack = wf_document_get_undo_stack (document);
  map = wf_document_get_map (document, 0);

  canvas = WF_CANVAS (wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_CANVAS));
  if (canvas == NULL || gtk_widget_get_width (GTK_WIDGET (canvas)) == 0)
    return FALSE;

  g_assert_true (wf_canvas_get_map (canvas) == map);

  /* Zoom keeps the point under the pointer still. */
  wf_canvas_widget_to_map (canvas, 300, 200, &before_x, &before_y);
  zoom = wf_canvas_get_zoom (canvas);
  wf_canvas_zoom_at (canvas, zoom * 1.5, 300, 200);
  g_assert_cmpfloat (wf_canvas_get_zoom (canvas), >, zoom);
  wf_canvas_widget_to_map (canvas, 300, 200, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (before_x, after_x, 0.01);
  g_assert_cmpfloat_with_epsilon (before_y, after_y, 0.01);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-reset", NULL));
  g_assert_cmpfloat (wf_canvas_get_zoom (canvas), ==, 1.0);

  /* Arrows: the first card, then its right neighbour in the same lane. */
  g_assert_true (wf_canvas_move_focus (canvas, 1, 0, FALSE));
  first = wf_canvas_get_focus_card (canvas);
  g_assert_nonnull (first);
  g_assert_true (wf_canvas_move_focus (canvas, 1, 0, FALSE));
  second = wf_canvas_get_focus_card (canvas);
  g_assert_true (second != first);
  g_assert_true (wf_card_get_lane (second) == wf_card_get_lane (first));

  /* Ctrl+Right: the card goes to the next phase, and Undo brings it back. */
  phase = wf_card_get_phase (second);
  wf_canvas_move_focused (canvas, 1, 0, FALSE);
  g_assert_true (wf_card_get_phase (second) != phase);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_true (wf_card_get_phase (second) == phase);

  /* Delete the selection: one step. */
  n_cards = wf_map_get_n_cards (map);
  wf_canvas_select (canvas, first, FALSE);
  wf_canvas_select (canvas, second, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL));
  g_assert_cmpuint (wf_map_get_n_cards (map), ==, n_cards - 2);
  g_assert_null (wf_canvas_get_selection (canvas));
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpuint (wf_map_get_n_cards (map), ==, n_cards);

  /* Dropping palette items where a person would. */
  {
    WfLayout *layout = wf_scene_get_layout (wf_canvas_get_scene (canvas));
    WfPhase *second_phase = wf_map_get_phase (map, 1);
    WfLane *touchpoints = NULL, *pains = NULL;
    guint n_phases = wf_map_get_n_phases (map);
    double x, w;
    const WfRow *row;

    for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
      {
        if (wf_lane_get_kind (wf_map_get_lane (map, i)) == WF_LANE_TOUCHPOINTS)
          touchpoints = wf_map_get_lane (map, i);
        if (wf_lane_get_kind (wf_map_get_lane (map, i)) == WF_LANE_PAIN_POINTS)
          pains = wf_map_get_lane (map, i);
      }

    /* A phase dropped just right of the border between phases 1 and 2. */
    wf_layout_get_phase_bounds (layout, 1, &x, &w);
    g_assert_true (wf_canvas_add_item (canvas, "phase", x + 10, 30));
    g_assert_cmpuint (wf_map_get_n_phases (map), ==, n_phases + 1);
    g_assert_true (wf_map_get_phase (map, 0) != second_phase || wf_map_get_phase (map, 2) == second_phase);
    g_assert_cmpint (wf_map_get_phase_index (map, second_phase), ==, 2);
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_cmpuint (wf_map_get_n_phases (map), ==, n_phases);

    /* A touchpoint dropped on the touchpoints cell of phase 2 lands there. */
    wf_layout_get_phase_bounds (layout, 1, &x, &w);
    row = wf_layout_get_row (layout, wf_layout_get_lane_row (layout, touchpoints));
    n_cards = wf_map_get_n_cell_cards (map, second_phase, touchpoints);
    g_assert_true (wf_canvas_add_item (canvas, "touchpoint", x + w - 5, row->y + row->height - 5));
    g_assert_cmpuint (wf_map_get_n_cell_cards (map, second_phase, touchpoints), ==, n_cards + 1);

    /* … but not on a lane of pain points: refused, nothing changes. */
    row = wf_layout_get_row (layout, wf_layout_get_lane_row (layout, pains));
    n_cards = wf_map_get_n_cards (map);
    g_assert_false (wf_canvas_add_item (canvas, "touchpoint", x + w - 5, row->y + row->height - 5));
    g_assert_cmpuint (wf_map_get_n_cards (map), ==, n_cards);
    g_assert_true (wf_undo_stack_undo (stack));

    /* A card dragged to another cell moves there; undo puts it back. */
    phase = wf_card_get_phase (first);
    wf_layout_get_phase_bounds (layout, 3, &x, &w);
    row = wf_layout_get_row (layout, wf_layout_get_lane_row (layout, wf_card_get_lane (first)));
    g_assert_true (wf_canvas_move_card_to (canvas, first, x + w - 5, row->y + row->height - 5));
    g_assert_true (wf_card_get_phase (first) == wf_map_get_phase (map, 3));
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_true (wf_card_get_phase (first) == phase);

    /* A phase header dropped right of the third phase moves the first
     * phase there; a lane header dropped below the last lane moves it
     * to the end. Undo restores each.
     */
    {
      WfPhase *first_phase = wf_map_get_phase (map, 0);
      WfLane *first_lane = wf_map_get_lane (map, 0);
      const WfRow *last_row = wf_layout_get_row (layout, wf_layout_get_n_rows (layout) - 1);

      wf_layout_get_phase_bounds (layout, 2, &x, &w);
      g_assert_true (wf_canvas_move_header_to (canvas, first_phase, x + w - 5, 30));
      g_assert_cmpint (wf_map_get_phase_index (map, first_phase), ==, 2);
      g_assert_true (wf_undo_stack_undo (stack));
      g_assert_cmpint (wf_map_get_phase_index (map, first_phase), ==, 0);

      g_assert_true (wf_canvas_move_header_to (canvas, first_lane, 50, last_row->y + last_row->height - 2));
      g_assert_cmpint (wf_map_get_lane_index (map, first_lane), ==, wf_map_get_n_lanes (map) - 1);
      g_assert_true (wf_undo_stack_undo (stack));
      g_assert_cmpint (wf_map_get_lane_index (map, first_lane), ==, 0);
    }

    /* Every card can be reached with the arrows: from the first, going
     * on from each card reached in the four directions. Up and down stay
     * in the card's phase while it has cards (issue #20). */
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      g_autoptr(GPtrArray) reached = g_ptr_array_new ();
      static const int steps[][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };

      wf_canvas_set_focus_card (canvas, NULL);
      g_assert_true (wf_canvas_move_focus (canvas, 1, 0, FALSE));
      g_hash_table_add (seen, wf_canvas_get_focus_card (canvas));
      g_ptr_array_add (reached, wf_canvas_get_focus_card (canvas));
      for (guint i = 0; i < reached->len; i++)
        for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
          {
            WfCard *next;

            wf_canvas_set_focus_card (canvas, reached->pdata[i]);
            if (!wf_canvas_move_focus (canvas, steps[s][0], steps[s][1], FALSE))
              continue;
            next = wf_canvas_get_focus_card (canvas);
            /* Up and down leave the phase only for a lane without a
             * card in it, where the column has ended. */
            if (steps[s][1] != 0 && wf_card_get_phase (next) != wf_card_get_phase (reached->pdata[i]))
              {
                GPtrArray *cell = wf_map_get_cell (map, wf_card_get_phase (reached->pdata[i]),
                                                   wf_card_get_lane (next));

                g_assert_true (cell == NULL || cell->len == 0);
              }
            if (g_hash_table_add (seen, next))
              g_ptr_array_add (reached, next);
          }
      g_assert_cmpuint (g_hash_table_size (seen), ==, wf_map_get_n_cards (map));
    }
  }

  /* Duplicate, and paste text from another application: one step each. */
  n_cards = wf_map_get_n_cards (map);
  wf_canvas_select (canvas, first, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.duplicate", NULL));
  g_assert_cmpuint (wf_map_get_n_cards (map), ==, n_cards + 1);
  g_assert_cmpstr (wf_card_get_title (wf_canvas_get_focus_card (canvas)), ==, wf_card_get_title (first));
  g_assert_true (wf_undo_stack_undo (stack));
  {
    g_autoptr(GBytes) text = g_bytes_new_static ("Chat bot\nCall centre\n", 21);

    wf_canvas_set_focus_card (canvas, first);
    g_assert_cmpuint (wf_canvas_paste_data (canvas, "text/plain", text), ==, 2);
    g_assert_cmpuint (wf_map_get_n_cards (map), ==, n_cards + 2);
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_cmpuint (wf_map_get_n_cards (map), ==, n_cards);
  }

  /* A rubber band over the first two phases' rows selects their cards. */
  {
    WfLayout *layout = wf_scene_get_layout (wf_canvas_get_scene (canvas));
    double x, w;
    graphene_rect_t band;
    g_autoptr(GList) selected = NULL;
    guint expected = 0;

    wf_layout_get_phase_bounds (layout, 1, &x, &w);
    band = GRAPHENE_RECT_INIT (WF_LAYOUT_LANE_HEADER_WIDTH + 1, WF_LAYOUT_HEADER_HEIGHT + 1,
                               x + w - WF_LAYOUT_LANE_HEADER_WIDTH - 2, wf_layout_get_height (layout));
    for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
      expected += wf_map_get_n_cell_cards (map, wf_map_get_phase (map, 0), wf_map_get_lane (map, i)) +
                  wf_map_get_n_cell_cards (map, wf_map_get_phase (map, 1), wf_map_get_lane (map, i));
    g_assert_cmpuint (wf_canvas_select_area (canvas, &band, FALSE), ==, expected);
    selected = wf_canvas_get_selection (canvas);
    g_assert_cmpuint (g_list_length (selected), ==, expected);
    wf_canvas_select (canvas, NULL, FALSE);
  }

  /* The outline follows the canvas's selection, and the canvas follows
   * the outline's.
   */
  {
    WfOutline *outline = WF_OUTLINE (wf_test_find_any_widget (GTK_WIDGET (window), WF_TYPE_OUTLINE));
    GtkSingleSelection *rows = GTK_SINGLE_SELECTION (wf_outline_get_model (outline));
    g_autoptr(GList) selected = NULL;

    guint first_row;

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), >=, wf_map_get_n_phases (map));
    wf_canvas_select (canvas, first, FALSE);
    first_row = gtk_single_selection_get_selected (rows);
    g_assert_cmpuint (first_row, !=, GTK_INVALID_LIST_POSITION);

    wf_canvas_select (canvas, second, FALSE);
    g_assert_cmpuint (gtk_single_selection_get_selected (rows), !=, first_row);

    /* Choosing the first card's row selects it on the canvas. */
    gtk_single_selection_set_selected (rows, first_row);
    selected = wf_canvas_get_selection (canvas);
    g_assert_cmpuint (g_list_length (selected), ==, 1);
    g_assert_true (selected->data == first);

    /* Typing a card's title keeps the outline as it is (no rebuild). */
    wf_edit_set (first, "notes", "Seen on the train", NULL);
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_cmpuint (gtk_single_selection_get_selected (rows), ==, first_row);
  }

  /* Insert adds a card after the focused one, in its cell. */
  n_cards = wf_map_get_n_cards (map);
  wf_canvas_set_focus_card (canvas, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.add-card", NULL));
  g_assert_cmpuint (wf_map_get_n_cards (map), ==, n_cards + 1);
  g_assert_true (wf_card_get_lane (wf_canvas_get_focus_card (canvas)) == wf_card_get_lane (first));
  gtk_popover_popdown (GTK_POPOVER (wf_test_find_any_widget (GTK_WIDGET (canvas), GTK_TYPE_POPOVER)));
  g_assert_true (wf_undo_stack_undo (stack));

  /* Ctrl+L links the selected cards to the focused one. */
  {
    guint n_links = wf_map_get_n_links (map);

    wf_canvas_select (canvas, second, FALSE);
    wf_canvas_select (canvas, first, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.link", NULL));
    g_assert_cmpuint (wf_map_get_n_links (map), ==, n_links + 1);
    g_assert_true (wf_link_get_from (wf_map_get_link (map, n_links)) == second);
    g_assert_true (wf_link_get_to (wf_map_get_link (map, n_links)) == first);

    /* Ctrl+Shift+L removes it again, one step. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.unlink", NULL));
    g_assert_cmpuint (wf_map_get_n_links (map), ==, n_links);
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_cmpuint (wf_map_get_n_links (map), ==, n_links + 1);
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_cmpuint (wf_map_get_n_links (map), ==, n_links);
  }

  /* Editing a title in place. */
  wf_canvas_set_focus_card (canvas, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.edit", NULL));
  {
    GtkWidget *entry = wf_test_find_widget (GTK_WIDGET (canvas), GTK_TYPE_ENTRY);

    if (entry == NULL)
      entry = gtk_popover_get_child (GTK_POPOVER (wf_test_find_any_widget (GTK_WIDGET (canvas), GTK_TYPE_POPOVER)));
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Edited on the canvas");
    g_signal_emit_by_name (entry, "activate");
    g_assert_cmpstr (wf_card_get_title (first), ==, "Edited on the canvas");
  }

  /* The overview: add a map (the canvas shows it), rename it, delete
   * it and undo; edit a persona's role in place; add a persona.
   */
  {
    guint n_maps = wf_document_get_n_maps (document);
    guint n_personas = wf_document_get_n_personas (document);
    WfPersona *persona = wf_document_get_persona (document, 0);
    GtkWidget *flap = wf_test_find_widget (GTK_WIDGET (window), ADW_TYPE_FLAP);
    GtkWidget *role = NULL;

    /* Filled while it is shown, not before. */
    g_assert_null (wf_test_find_row (GTK_WIDGET (window), ADW_TYPE_EXPANDER_ROW, wf_persona_get_name (persona)));
    adw_flap_set_reveal_flap (ADW_FLAP (flap), TRUE);
    g_assert_nonnull (wf_test_find_row (GTK_WIDGET (window), ADW_TYPE_EXPANDER_ROW, wf_persona_get_name (persona)));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.map-add", NULL));
    g_assert_cmpuint (wf_document_get_n_maps (document), ==, n_maps + 1);
    g_assert_true (wf_canvas_get_map (canvas) == wf_document_get_map (document, n_maps));
    g_assert_nonnull (wf_test_find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "New Map"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.map-move-up", "u", n_maps));
    g_assert_cmpint (wf_document_get_map_index (document, wf_canvas_get_map (canvas)), ==, n_maps - 1);
    /* The overview's row moved with it. */
    g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (wf_test_find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "New Map"))),
                     ==, n_maps - 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.map-delete", "u", n_maps - 1));
    g_assert_cmpuint (wf_document_get_n_maps (document), ==, n_maps);
    g_assert_null (wf_test_find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "New Map"));
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_cmpuint (wf_document_get_n_maps (document), ==, n_maps + 1);
    g_assert_nonnull (wf_test_find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "New Map"));

    /* A persona renamed: the overview follows, and follows the undo. */
    {
      g_autofree char *old_name = g_strdup (wf_persona_get_name (persona));

      wf_edit_set (persona, "name", "Renamed persona", NULL);
      g_assert_nonnull (wf_test_find_row (GTK_WIDGET (window), ADW_TYPE_EXPANDER_ROW, "Renamed persona"));
      g_assert_nonnull (wf_test_find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Remove Renamed persona and their lanes"));
      g_assert_true (wf_undo_stack_undo (stack));
      g_assert_null (wf_test_find_row (GTK_WIDGET (window), ADW_TYPE_EXPANDER_ROW, "Renamed persona"));
      g_assert_nonnull (wf_test_find_row (GTK_WIDGET (window), ADW_TYPE_EXPANDER_ROW, old_name));
    }

    /* The persona's role, typed in the sidebar, reaches the model; undo
     * brings the row back.
     */
    adw_flap_set_reveal_flap (ADW_FLAP (flap), TRUE);
    role = wf_test_find_row (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, "Role");
    g_assert_nonnull (role);
    gtk_editable_set_text (GTK_EDITABLE (role), "Office manager");
    g_assert_cmpstr (wf_persona_get_role (persona), ==, "Office manager");
    wf_undo_stack_seal (stack);
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (role)), ==, wf_persona_get_role (persona));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.persona-add", NULL));
    g_assert_cmpuint (wf_document_get_n_personas (document), ==, n_personas + 1);
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_cmpuint (wf_document_get_n_personas (document), ==, n_personas);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static gboolean
heat_listed (gpointer data)
{
  return gtk_drop_down_get_selected (data) == g_list_model_get_n_items (gtk_drop_down_get_model (data)) - 1;
}

static gboolean
heat_none (gpointer data)
{
  return gtk_drop_down_get_selected (data) == 0;
}

/* The Insights panel lists the sample's gaps; showing one outlines its
 * cards, or the cells of a phase a persona never reaches; a click on
 * the map takes the outline away. Dismissing one is undoable.
 */
static gboolean
step_insights (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfInsightsPanel *panel;
  WfFindings *findings;
  GListModel *model;
  g_autoptr(WfFinding) with_cards = NULL;
  g_autoptr(WfFinding) without = NULL;
  GPtrArray *cards = NULL;
  WfPhase *phase = NULL;
  WfUndoStack *stack;

  if (window == NULL || canvas == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
      wf_canvas_get_map (canvas) == NULL)
    return FALSE;

  panel = WF_INSIGHTS_PANEL (wf_test_find_any_widget (GTK_WIDGET (window), WF_TYPE_INSIGHTS_PANEL));
  g_assert_nonnull (panel);
  findings = wf_insights_panel_get_findings (panel);
  model = G_LIST_MODEL (findings);
  g_assert_true (wf_findings_get_map (findings) == wf_canvas_get_map (canvas));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);

  /* Eva's drop in feeling: her emotion cards, selected and outlined. */
  with_cards = g_list_model_get_item (model, 1);
  g_assert_cmpstr (wf_finding_get_rule (with_cards), ==, "emotion-drop");
  wf_insights_panel_show_finding (panel, with_cards);
  g_assert_true (wf_canvas_get_highlight (canvas, &cards, &phase));
  g_assert_cmpuint (cards->len, ==, wf_finding_get_cards (with_cards)->len);
  {
    g_autoptr(GList) selection = wf_canvas_get_selection (canvas);

    g_assert_cmpuint (g_list_length (selection), ==, cards->len);
  }

  /* Ruben never reaches Delivery: the cells of that phase, nothing selected. */
  without = g_list_model_get_item (model, 3);
  g_assert_cmpstr (wf_finding_get_rule (without), ==, "no-touchpoint");
  wf_insights_panel_show_finding (panel, without);
  g_assert_true (wf_canvas_get_highlight (canvas, &cards, &phase));
  g_assert_null (cards);
  g_assert_true (phase == wf_finding_get_phase (without));
  {
    g_autoptr(GList) selection = wf_canvas_get_selection (canvas);

    g_assert_null (selection);
  }

  /* A phase's figure off target: the phase with its header, where the
   * figure is; Ruben's missing touchpoint: his lanes with his band.
   */
  {
    g_autoptr(WfFinding) figure = g_list_model_get_item (model, 0);
    graphene_rect_t bounds;

    g_assert_cmpstr (wf_finding_get_rule (figure), ==, "metric-off-target");
    wf_insights_panel_show_finding (panel, figure);
    g_assert_true (wf_canvas_get_highlight_bounds (canvas, &bounds));
    g_assert_cmpfloat (bounds.origin.y, ==, 0);

    wf_insights_panel_show_finding (panel, without);
    g_assert_true (wf_canvas_get_highlight_bounds (canvas, &bounds));
    for (guint r = 0; r < wf_layout_get_n_rows (wf_scene_get_layout (wf_canvas_get_scene (canvas))); r++)
      {
        const WfRow *row = wf_layout_get_row (wf_scene_get_layout (wf_canvas_get_scene (canvas)), r);

        if (row->kind == WF_ROW_PERSONA && row->persona == wf_finding_get_persona (without))
          g_assert_cmpfloat (bounds.origin.y, ==, row->y);
      }
  }

  wf_canvas_clear_highlight (canvas);
  g_assert_false (wf_canvas_get_highlight (canvas, NULL, NULL));

  /* Set aside, and back with undo. */
  stack = wf_document_get_undo_stack (wf_window_get_document (window));
  {
    const char *keys[] = { wf_finding_get_key (without), NULL };

    wf_edit_set (wf_canvas_get_map (canvas), "dismissed", keys, NULL);
  }
  wf_findings_refresh (findings);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_cmpuint (wf_findings_get_n_dismissed (findings), ==, 1);
  g_assert_true (wf_undo_stack_undo (stack));
  wf_findings_refresh (findings);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);

  /* The heat view: the sample's metrics to choose from, after None;
   * choosing one is a step undone like any other, and the choice
   * follows the undo.
   */
  {
    GtkDropDown *heat = GTK_DROP_DOWN (wf_test_find_any_widget (GTK_WIDGET (panel), GTK_TYPE_DROP_DOWN));
    GListModel *names = gtk_drop_down_get_model (heat);
    WfMap *map = wf_canvas_get_map (canvas);
    guint nps = GTK_INVALID_LIST_POSITION;

    g_assert_cmpuint (gtk_drop_down_get_selected (heat), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (names), ==, 6);
    for (guint i = 1; i < g_list_model_get_n_items (names); i++)
      if (strcmp (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "NPS") == 0)
        nps = i;
    g_assert_cmpuint (nps, !=, GTK_INVALID_LIST_POSITION);

    gtk_drop_down_set_selected (heat, nps);
    g_assert_cmpstr (wf_map_get_heat (map), ==, "NPS");
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_cmpstr (wf_map_get_heat (map), ==, "");
    wf_test_wait_until (heat_none, heat, "the heat view's choice following the undo");
    g_assert_true (wf_undo_stack_redo (stack));
    g_assert_cmpstr (wf_map_get_heat (map), ==, "NPS");

    /* Two choices in a row are two steps, not one typed text. */
    for (guint i = 1; i < g_list_model_get_n_items (names); i++)
      if (strcmp (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "conversion") == 0)
        gtk_drop_down_set_selected (heat, i);
    g_assert_cmpstr (wf_map_get_heat (map), ==, "conversion");
    for (guint i = 1; i < g_list_model_get_n_items (names); i++)
      if (strcmp (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "churn") == 0)
        gtk_drop_down_set_selected (heat, i);
    g_assert_cmpstr (wf_map_get_heat (map), ==, "churn");
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_cmpstr (wf_map_get_heat (map), ==, "conversion");

    /* A long name, chosen, does not widen the pane. */
    {
      const char *name = "Average number of support tickets per thousand active subscribers per month";
      g_autofree char *shown = NULL;
      int natural;

      wf_map_set_heat (map, name);
      wf_test_wait_until (heat_listed, heat, "the long name listed");
      gtk_widget_measure (GTK_WIDGET (heat), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpint (natural, <, 200);
      shown = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (names), gtk_drop_down_get_selected (heat)));
      g_assert_cmpstr (shown, ==, name);
    }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

/* A map of thousands of cards: zoom to fit shows the whole of it, below
 * the 10 % a person zooms out to by hand, and zooming out by hand stops
 * there too.
 */
static gboolean
step_fit_large (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfLayout *layout;
  double width, height;

  if (window == NULL || canvas == NULL || !gtk_widget_get_mapped (GTK_WIDGET (canvas)) ||
      wf_canvas_get_map (canvas) == NULL || gtk_widget_get_height (GTK_WIDGET (canvas)) <= 0)
    return FALSE;

  layout = wf_scene_get_layout (wf_canvas_get_scene (canvas));
  width = gtk_widget_get_width (GTK_WIDGET (canvas));
  height = gtk_widget_get_height (GTK_WIDGET (canvas));
  g_assert_cmpfloat (wf_layout_get_height (layout) * WF_CANVAS_MIN_ZOOM, >, height);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-fit", NULL));
  g_assert_cmpfloat (wf_canvas_get_zoom (canvas), <, WF_CANVAS_MIN_ZOOM);
  g_assert_cmpfloat (wf_layout_get_width (layout) * wf_canvas_get_zoom (canvas), <=, width);
  g_assert_cmpfloat (wf_layout_get_height (layout) * wf_canvas_get_zoom (canvas), <=, height);

  for (guint i = 0; i < 10; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-out", NULL));
  g_assert_cmpfloat (wf_canvas_get_zoom (canvas), ==, wf_canvas_get_min_zoom (canvas));

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

/* A focused card at the right of the view stays in view when the card
 * sidebar opens beside the map and takes its room (issue #20: with
 * large text the sidebar covered the card). */
static gboolean
step_sidebar_keeps_focus (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas;
  WfMap *map;
  WfCard *card = NULL;
  graphene_rect_t bounds, area;
  int *width = app->data;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || wf_window_get_document (window) == NULL)
    return FALSE;
  canvas = WF_CANVAS (wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_CANVAS));
  if (canvas == NULL || gtk_widget_get_width (GTK_WIDGET (canvas)) == 0 || wf_canvas_get_map (canvas) == NULL)
    return FALSE;
  map = wf_canvas_get_map (canvas);
  for (guint l = 0; l < wf_map_get_n_lanes (map) && card == NULL; l++)
    {
      GPtrArray *cell = wf_map_get_cell (map, wf_map_get_phase (map, 0), wf_map_get_lane (map, l));

      if (cell != NULL && cell->len > 0)
        card = cell->pdata[0];
    }
  g_assert_nonnull (card);
  g_assert_true (wf_layout_get_card_bounds (wf_scene_get_layout (wf_canvas_get_scene (canvas)), card, &bounds));

  if (app->stage == 0)
    {
      /* No sidebar; the card at the view's right edge. */
      wf_canvas_select (canvas, NULL, FALSE);
      if (gtk_revealer_get_child_revealed (window->properties_revealer))
        return FALSE;
      *width = gtk_widget_get_width (GTK_WIDGET (canvas));
      canvas->view.offset_x = bounds.origin.x + bounds.size.width - (*width - 8) / canvas->view.zoom;
      gtk_widget_queue_draw (GTK_WIDGET (canvas));
      wf_canvas_get_visible_area (canvas, &area);
      g_assert_true (graphene_rect_contains_rect (&area, &bounds));
      gtk_widget_grab_focus (GTK_WIDGET (canvas));
      wf_canvas_set_focus_card (canvas, card);
      wf_canvas_select (canvas, card, FALSE);
      app->stage++;
      return FALSE;
    }

  if (!gtk_revealer_get_child_revealed (window->properties_revealer) ||
      gtk_widget_get_width (GTK_WIDGET (canvas)) >= *width)
    return FALSE;
  wf_canvas_get_visible_area (canvas, &area);
  g_assert_true (graphene_rect_contains_rect (&area, &bounds));

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_sidebar_keeps_focus (void)
{
  int width = 0;

  wf_test_app_run_sample (step_sidebar_keeps_focus, &width);
}

static void
test_fit_large (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "large.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  g_autoptr(GError) error = NULL;
  WfMap *map = wf_document_get_map (document, 0);
  WfTestApp app = { 0 };

  /* 40 lanes of 5 phases, 16 cards a cell: about 27,000 units tall. */
  for (guint l = 0; l < 40; l++)
    {
      g_autofree char *lane_id = wf_document_make_id (document, "lane");
      g_autoptr(WfLane) lane = wf_lane_new (lane_id, WF_LANE_ACTIONS);

      wf_map_insert_lane (map, lane, -1);
      for (guint p = 0; p < wf_map_get_n_phases (map); p++)
        for (guint c = 0; c < 16; c++)
          {
            g_autofree char *id = wf_document_make_id (document, "card");
            g_autoptr(WfCard) card = wf_card_new (id, "Step");

            wf_map_insert_card (map, card, wf_map_get_phase (map, p), lane, -1);
          }
    }
  g_assert_true (wf_journey_save_file (document, file, NULL, &error));
  g_assert_no_error (error);

  wf_test_app_run (&app, path, step_fit_large);
  wf_test_remove_tree (dir);
}

static void
test_insights (void)
{
  WfTestApp app = { 0 };

  wf_test_app_run_sample (step_insights, &app);
}

static gboolean
findings_arrived (gpointer data)
{
  return wf_findings_get_map (data) != NULL;
}

/* Hidden, as when a map opens, the Insights panel finds the gaps after
 * the map's first frame; shown, or asked for them, at once.
 */
static void
test_insights_later (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  WfMap *map = wf_document_get_map (document, 0);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *canvas = wf_canvas_new ();
  GtkWidget *panel = wf_insights_panel_new ();
  GtkWidget *stack = gtk_stack_new ();
  WfFindings *findings;

  gtk_stack_add_named (GTK_STACK (stack), canvas, "canvas");
  gtk_stack_add_named (GTK_STACK (stack), panel, "insights");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  wf_insights_panel_set_canvas (WF_INSIGHTS_PANEL (panel), WF_CANVAS (canvas));
  findings = g_object_ref (wf_insights_panel_get_findings (WF_INSIGHTS_PANEL (panel)));

  wf_canvas_set_map (WF_CANVAS (canvas), map);
  g_assert_null (wf_findings_get_map (findings));
  wf_test_wait_until (findings_arrived, findings, "the gaps found");
  g_assert_true (wf_findings_get_map (findings) == map);

  /* Asked for them before the main loop came to it. */
  wf_canvas_set_map (WF_CANVAS (canvas), NULL);
  wf_canvas_set_map (WF_CANVAS (canvas), map);
  g_assert_null (wf_findings_get_map (findings));
  g_assert_true (wf_insights_panel_get_findings (WF_INSIGHTS_PANEL (panel)) == findings);
  g_assert_true (wf_findings_get_map (findings) == map);

  /* Shown before then. */
  wf_canvas_set_map (WF_CANVAS (canvas), NULL);
  wf_canvas_set_map (WF_CANVAS (canvas), map);
  g_assert_null (wf_findings_get_map (findings));
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "insights");
  g_assert_true (wf_findings_get_map (findings) == map);

  /* Shown, at once. */
  wf_canvas_set_map (WF_CANVAS (canvas), NULL);
  wf_canvas_set_map (WF_CANVAS (canvas), map);
  g_assert_true (wf_findings_get_map (findings) == map);

  g_object_unref (findings);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_canvas (void)
{
  WfTestApp app = { 0 };

  wf_test_app_run (&app, NULL, step_canvas);
}

/* Sends a key press to @widget's key controllers, as GTK delivers it. */
static gboolean
send_key (GtkWidget       *widget,
          guint            keyval,
          GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

static GtkTreeListRow *
outline_row (GtkSingleSelection *rows,
             guint               position)
{
  GtkTreeListRow *row = g_list_model_get_item (G_LIST_MODEL (rows), position);

  g_object_unref (row);
  return row;
}

/* The outline as a keyboard and screen-reader user meets it: one Tab
 * stop, Right and Left open and close rows, an edit keeps what is open
 * and chosen, and it follows what the canvas selects. */
static gboolean
step_outline (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfOutline *outline;
  GtkSingleSelection *rows;
  GtkWidget *view;
  WfCanvas *canvas;
  WfMap *map;
  WfCard *card;
  GtkRoot *root;
  guint n_rows;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || wf_window_get_document (window) == NULL)
    return FALSE;

  outline = WF_OUTLINE (wf_test_find_any_widget (GTK_WIDGET (window), WF_TYPE_OUTLINE));
  canvas = WF_CANVAS (wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_CANVAS));
  if (app->stage == 0)
    {
      GtkStack *left = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (outline), GTK_TYPE_STACK));

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
      gtk_stack_set_visible_child_name (left, "outline");
      app->stage++;
      return FALSE;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (outline)) || gtk_widget_get_height (GTK_WIDGET (outline)) == 0)
    return FALSE;

  root = gtk_widget_get_root (GTK_WIDGET (outline));
  rows = GTK_SINGLE_SELECTION (wf_outline_get_model (outline));
  view = wf_test_find_widget (GTK_WIDGET (outline), GTK_TYPE_LIST_VIEW);
  map = wf_canvas_get_map (canvas);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, wf_map_get_n_phases (map));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (view)), ==, GTK_ACCESSIBLE_ROLE_TREE);

  /* Tab into the outline: the first row; Tab again leaves it, not to the
   * next row. */
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  for (guint i = 0; i < 40 && !gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (outline)); i++)
    gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_BACKWARD);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (outline)));
  g_assert_cmpuint (gtk_single_selection_get_selected (rows), ==, 0);
  gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (outline)));
  gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_BACKWARD);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (outline)));
  /* The row has the focus, not the expander in it: the row is what says
   * its place. */
  g_assert_false (GTK_IS_TREE_EXPANDER (gtk_root_get_focus (root)));

  /* Enter on a phase: its properties, as a click on its header. */
  g_signal_emit_by_name (view, "activate", 0);
  g_assert_true (wf_canvas_get_selected_header (canvas) == WF_ITEM (wf_map_get_phase (map, 0)));

  /* Right opens the phase, Right again goes to its first lane, which
   * Right opens and enters: the first card. Left goes back up. */
  g_assert_true (send_key (view, GDK_KEY_Right, 0));
  g_assert_true (gtk_tree_list_row_get_expanded (outline_row (rows, 0)));
  g_assert_true (send_key (view, GDK_KEY_Right, 0));
  g_assert_cmpuint (gtk_single_selection_get_selected (rows), ==, 1);
  while (wf_map_get_n_cell_cards (map, wf_map_get_phase (map, 0), wf_map_get_lane (map, gtk_single_selection_get_selected (rows) - 1)) == 0)
    gtk_single_selection_set_selected (rows, gtk_single_selection_get_selected (rows) + 1);
  g_assert_true (send_key (view, GDK_KEY_Right, 0));
  g_assert_true (send_key (view, GDK_KEY_Right, 0));
  card = wf_canvas_get_focus_card (canvas);
  g_assert_nonnull (card);
  g_assert_true (wf_card_get_phase (card) == wf_map_get_phase (map, 0));
  g_assert_true (send_key (view, GDK_KEY_Left, 0));
  g_assert_cmpuint (gtk_tree_list_row_get_depth (gtk_single_selection_get_selected_item (rows)), ==, 1);
  g_assert_true (send_key (view, GDK_KEY_Left, 0));
  g_assert_false (gtk_tree_list_row_get_expanded (gtk_single_selection_get_selected_item (rows)));
  g_assert_true (send_key (view, GDK_KEY_Right, 0));
  g_assert_true (gtk_tree_list_row_get_expanded (gtk_single_selection_get_selected_item (rows)));

  /* A phase renamed rebuilds the rows; what is open and chosen stays. */
  g_assert_true (send_key (view, GDK_KEY_Right, 0));
  g_assert_true (wf_canvas_get_focus_card (canvas) == card);
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (rows));
  wf_edit_set (wf_map_get_phase (map, 1), "name", "Renamed", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, n_rows);
  {
    GtkTreeListRow *selected = gtk_single_selection_get_selected_item (rows);

    g_assert_nonnull (selected);
    g_assert_cmpuint (gtk_tree_list_row_get_depth (selected), ==, 2);
  }
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (outline)));

  /* Delete on a card's row deletes that card, as one step. */
  {
    guint n_cards = wf_map_get_n_cards (map);
    WfCard *announced_card = wf_canvas_get_focus_card (canvas);

    GPtrArray *cell = wf_map_get_cell (map, wf_card_get_phase (announced_card), wf_card_get_lane (announced_card));
    guint position = gtk_single_selection_get_selected (rows);
    WfCard *next = NULL;
    guint at = 0;

    g_assert_true (g_ptr_array_find (cell, announced_card, &at));
    next = at + 1 < cell->len ? cell->pdata[at + 1] : at > 0 ? cell->pdata[at - 1] : NULL;
    g_assert_true (send_key (view, GDK_KEY_Delete, 0));
    g_assert_cmpuint (wf_map_get_n_cards (map), ==, n_cards - 1);
    g_assert_null (wf_item_get_document (WF_ITEM (announced_card)));
    /* The keyboard stays there: on the next card of the lane, or the one
     * before, or the row before; not back on the first row. */
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (outline)));
    if (next != NULL)
      {
        g_assert_true (wf_canvas_get_focus_card (canvas) == next);
        g_assert_cmpuint (gtk_tree_list_row_get_depth (gtk_single_selection_get_selected_item (rows)), ==, 2);
      }
    else
      g_assert_cmpuint (gtk_single_selection_get_selected (rows), ==, position - 1);
    g_assert_cmpuint (gtk_single_selection_get_selected (rows), !=, 0);
    g_assert_true (wf_undo_stack_undo (wf_document_get_undo_stack (wf_window_get_document (window))));
    g_assert_cmpuint (wf_map_get_n_cards (map), ==, n_cards);
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }

  /* The arrows on the canvas select the card they reach, and the outline
   * shows that card. */
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  g_assert_true (wf_canvas_move_focus (canvas, 1, 0, FALSE));
  {
    g_autoptr(GList) selected = wf_canvas_get_selection (canvas);

    g_assert_cmpuint (g_list_length (selected), ==, 1);
    g_assert_true (selected->data == wf_canvas_get_focus_card (canvas));
    g_assert_true (wf_canvas_get_focus_card (canvas) != card);
  }
  g_assert_cmpuint (gtk_single_selection_get_selected (rows), !=, GTK_INVALID_LIST_POSITION);

  /* A screen reader hears the card's title, then what it is and where:
   * kind, persona, lane, phase, and that it is selected. */
  {
    WfCard *focus = wf_canvas_get_focus_card (canvas);
    WfLane *lane = wf_card_get_lane (focus);
    g_autofree char *details = wf_canvas_describe_card (canvas, focus);
    g_autofree char *label = g_strdup_printf ("%s — %s", wf_card_get_title (focus), details);
    g_autofree char *wrong = NULL;

    g_assert_nonnull (strstr (details, wf_lane_get_title (lane)));
    g_assert_nonnull (strstr (details, wf_phase_get_name (wf_card_get_phase (focus))));
    if (wf_lane_get_persona (lane) != NULL)
      g_assert_nonnull (strstr (details, wf_persona_get_name (wf_lane_get_persona (lane))));
    g_assert_true (g_str_has_suffix (details, ", selected"));
    wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
    g_assert_null (wrong);
  }

  /* An arrow key at the end of a lane says so, and where the focus is. */
  {
    WfCard *last;
    g_autofree char *expected = NULL;
    g_autofree char *lane = NULL;
    g_autofree char *wrong = NULL;

    do
      last = wf_canvas_get_focus_card (canvas);
    while (send_key (GTK_WIDGET (canvas), GDK_KEY_Right, 0) && wf_canvas_get_focus_card (canvas) != last);
    lane = wf_lane_get_persona (wf_card_get_lane (last))
      ? g_strdup_printf ("%s (%s)", wf_lane_get_title (wf_card_get_lane (last)),
                         wf_persona_get_name (wf_lane_get_persona (wf_card_get_lane (last))))
      : g_strdup (wf_lane_get_title (wf_card_get_lane (last)));
    expected = g_strdup_printf ("No more cards to the right in %s — %s", lane, wf_card_get_title (last));
    /* Told as a focus event on the map's status, which a screen reader
     * reads out; the next arrow goes on from the card. */
    g_assert_cmpstr (wf_canvas_a11y_get_told (canvas), ==, expected);
    g_assert_true (wf_canvas_a11y_has_keyboard (canvas));
    wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (gtk_root_get_focus (root)),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
    g_assert_null (wrong);
    g_assert_true (send_key (GTK_WIDGET (canvas), GDK_KEY_Left, 0));
    g_assert_true (wf_canvas_get_focus_card (canvas) != last);
    g_assert_true (gtk_root_get_focus (root) == wf_canvas_a11y_get_part (canvas, WF_ITEM (wf_canvas_get_focus_card (canvas))));
  }
  wf_canvas_select (canvas, NULL, FALSE);
  g_assert_cmpuint (gtk_single_selection_get_selected (rows), ==, GTK_INVALID_LIST_POSITION);

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_outline (void)
{
  wf_test_app_run_sample (step_outline, NULL);
}

/* What the window's announcer last told a screen reader. */
static const char *
announced (WfWindow *window)
{
  GtkWidget *announcer = wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_ANNOUNCER);

  g_assert_nonnull (announcer);
  return wf_announcer_get_message (WF_ANNOUNCER (announcer));
}

/* The map for a screen reader: a part per persona, lane, phase and card,
 * each card's under its lane's, named by its title; the arrow keys move
 * the keyboard focus onto the card's part, and Tab leaves the map. */
static gboolean
step_canvas_parts (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas;
  WfMap *map;
  GtkRoot *root;
  WfCard *card;
  GtkWidget *part;
  WfLane *deleted_lane;
  WfPhase *deleted_phase;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || wf_window_get_document (window) == NULL)
    return FALSE;
  canvas = WF_CANVAS (wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_CANVAS));
  if (canvas == NULL || gtk_widget_get_width (GTK_WIDGET (canvas)) == 0)
    return FALSE;
  map = wf_canvas_get_map (canvas);
  if (wf_canvas_a11y_get_part (canvas, WF_ITEM (wf_map_get_phase (map, 0))) == NULL)
    return FALSE;

  for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
    {
      WfLane *lane = wf_map_get_lane (map, l);
      GtkWidget *lane_part = wf_canvas_a11y_get_part (canvas, WF_ITEM (lane));
      WfPersona *persona = wf_lane_get_persona (lane);

      g_assert_nonnull (lane_part);
      g_assert_true (gtk_widget_get_parent (lane_part) ==
                     (persona ? wf_canvas_a11y_get_part (canvas, WF_ITEM (persona)) : GTK_WIDGET (canvas)));
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (lane_part)), ==, GTK_ACCESSIBLE_ROLE_LIST);
      for (guint p = 0; p < wf_map_get_n_phases (map); p++)
        {
          GPtrArray *cell = wf_map_get_cell (map, wf_map_get_phase (map, p), lane);

          for (guint i = 0; cell != NULL && i < cell->len; i++)
            {
              WfCard *each = g_ptr_array_index (cell, i);
              GtkWidget *card_part = wf_canvas_a11y_get_part (canvas, WF_ITEM (each));
              g_autofree char *wrong = NULL;

              g_assert_nonnull (card_part);
              g_assert_true (gtk_widget_get_parent (card_part) == lane_part);
              wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (card_part), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                          wf_card_get_title (each));
              g_assert_null (wrong);
            }
        }
    }

  /* Arrows: the focus is on the card's part, and the map keeps the
   * keyboard. */
  root = gtk_widget_get_root (GTK_WIDGET (canvas));
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  g_assert_true (wf_canvas_move_focus (canvas, 1, 0, FALSE));
  g_assert_true (wf_canvas_move_focus (canvas, 1, 0, FALSE));
  card = wf_canvas_get_focus_card (canvas);
  part = wf_canvas_a11y_get_part (canvas, WF_ITEM (card));
  g_assert_true (gtk_root_get_focus (root) == part);
  g_assert_true (wf_canvas_a11y_has_keyboard (canvas));
  g_assert_true (gtk_test_accessible_has_state (GTK_ACCESSIBLE (part), GTK_ACCESSIBLE_STATE_SELECTED));

  /* The card deleted: its part goes, the keyboard stays on the map. */
  deleted_lane = wf_card_get_lane (card);
  deleted_phase = wf_card_get_phase (card);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (wf_canvas_a11y_get_part (canvas, WF_ITEM (card)));
  g_assert_true (wf_canvas_a11y_has_keyboard (canvas));
  /* The toast is told too: it takes no focus. */
  g_assert_cmpstr (announced (window), ==, "1 card deleted");
  /* The keyboard is on a neighbour, not back at the first card. */
  g_assert_nonnull (wf_canvas_get_focus_card (canvas));
  g_assert_true (wf_card_get_lane (wf_canvas_get_focus_card (canvas)) == deleted_lane ||
                 wf_card_get_phase (wf_canvas_get_focus_card (canvas)) == deleted_phase);
  g_assert_true (gtk_root_get_focus (root) == wf_canvas_a11y_get_part (canvas, WF_ITEM (wf_canvas_get_focus_card (canvas))));
  g_assert_true (wf_undo_stack_undo (wf_document_get_undo_stack (wf_window_get_document (window))));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_nonnull (wf_canvas_a11y_get_part (canvas, WF_ITEM (card)));

  /* Large Text: the map's natural size grows with the system's text,
   * also while it is shown. */
  {
    GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (canvas));
    int dpi = 0;

    g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-reset", NULL));
    g_assert_cmpfloat_with_epsilon (wf_canvas_get_zoom (canvas), wf_canvas_get_text_scale (canvas), 0.001);
    g_object_set (settings, "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);
    g_assert_cmpfloat_with_epsilon (wf_canvas_get_text_scale (canvas), 1.5, 0.001);
    g_assert_cmpfloat_with_epsilon (wf_canvas_get_zoom (canvas), 1.5, 0.001);
    g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-reset", NULL));
    g_assert_cmpfloat_with_epsilon (wf_canvas_get_zoom (canvas), wf_canvas_get_text_scale (canvas), 0.001);
  }

  /* A card moved to another lane keeps the keyboard: its item, now
   * under the new lane's list, takes the focus again. */
  {
    WfCard *moving;
    WfLane *from;

    wf_canvas_select (canvas, card, FALSE);
    moving = wf_canvas_get_focus_card (canvas);
    from = wf_card_get_lane (moving);
    wf_canvas_move_focused (canvas, 0, 1, FALSE);
    if (wf_card_get_lane (moving) == from)
      wf_canvas_move_focused (canvas, 0, -1, FALSE);
    g_assert_true (wf_card_get_lane (moving) != from);
    /* The parts follow in an idle of low priority: wait for it, as long
     * as a slow machine needs. */
    {
      gint64 until = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

      while (gtk_widget_get_parent (wf_canvas_a11y_get_part (canvas, WF_ITEM (moving))) !=
               wf_canvas_a11y_get_part (canvas, WF_ITEM (wf_card_get_lane (moving))) &&
             g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
    g_assert_true (gtk_widget_get_parent (wf_canvas_a11y_get_part (canvas, WF_ITEM (moving))) ==
                   wf_canvas_a11y_get_part (canvas, WF_ITEM (wf_card_get_lane (moving))));
    g_assert_true (gtk_root_get_focus (root) == wf_canvas_a11y_get_part (canvas, WF_ITEM (moving)));
    g_assert_true (wf_undo_stack_undo (wf_document_get_undo_stack (wf_window_get_document (window))));
  }

  /* A phase's header chosen after a card: Delete deletes nothing, not
   * the card the keyboard was on. */
  {
    guint n_cards = wf_map_get_n_cards (map);

    wf_canvas_select (canvas, card, FALSE);
    wf_canvas_select_header (canvas, WF_ITEM (wf_card_get_phase (card)));
    gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL);
    g_assert_cmpuint (wf_map_get_n_cards (map), ==, n_cards);
    g_assert_true (wf_item_get_document (WF_ITEM (card)) != NULL);
  }

  /* One Tab stop: Tab from a card leaves the map, not to the next card. */
  g_assert_true (wf_canvas_move_focus (canvas, 1, 0, FALSE));
  g_assert_true (wf_canvas_a11y_has_keyboard (canvas));
  gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
  g_assert_false (wf_canvas_a11y_has_keyboard (canvas));
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (canvas)));

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_canvas_parts (void)
{
  wf_test_app_run_sample (step_canvas_parts, NULL);
}

/* A Mermaid user journey opened from the command line becomes a journey. */
static gboolean
step_mermaid (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document;
  WfMap *map;

  if (window == NULL || (document = wf_window_get_document (window)) == NULL)
    return FALSE;

  map = wf_document_get_map (document, 0);
  g_assert_cmpstr (wf_map_get_title (map), ==, "My working day");
  g_assert_cmpuint (wf_map_get_n_phases (map), ==, 2);
  g_assert_cmpstr (wf_phase_get_name (wf_map_get_phase (map, 1)), ==, "Go home");
  g_assert_cmpuint (wf_map_get_n_cards (map), >=, 3);
  /* Not linked to the .mmd: saving writes a journey. */
  g_assert_null (wf_window_get_file (window));

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_mermaid (void)
{
  WfTestApp app = { 0 };
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "day.mmd", NULL);
  static const char text[] =
    "journey\n"
    "    title My working day\n"
    "    section Go to work\n"
    "      Make tea: 5: Me\n"
    "      Go upstairs: 3: Me\n"
    "    section Go home\n"
    "      Go downstairs: 5: Me\n";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  wf_test_app_run (&app, path, step_mermaid);
  wf_test_remove_tree (dir);
}

/* Workshop mode: present, step through phases, capture, vote. */

/* Whether @trigger, or one of its alternatives, is @key. */
static gboolean
trigger_has (GtkShortcutTrigger *trigger,
             GtkShortcutTrigger *key)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_has (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), key) ||
           trigger_has (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), key);

  return gtk_shortcut_trigger_equal (trigger, key);
}

/* Presses @keyval with @state in a presentation, as the canvas's
 * shortcuts would take it: the presenter's shortcut for that key, if
 * there is one, activated on the canvas.
 *
 * Returns: whether the key did something there (its action is enabled)
 */
static gboolean
press_key (WfCanvas        *canvas,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));
  g_autoptr(GtkShortcutTrigger) pressed = gtk_keyval_trigger_new (keyval, state);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          g_strcmp0 (gtk_event_controller_get_name (controller), "presenter") != 0)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (trigger_has (gtk_shortcut_get_trigger (shortcut), pressed))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (canvas), gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

/* The phase the view centres, from where the canvas looks. */
static int
visible_phase (WfCanvas *canvas)
{
  WfLayout *layout = wf_scene_get_layout (wf_canvas_get_scene (canvas));
  graphene_rect_t area;
  double center;

  wf_canvas_get_visible_area (canvas, &area);
  /* Right of the lane titles the presentation keeps at the left. */
  center = area.origin.x + (WF_LAYOUT_LANE_HEADER_WIDTH + area.size.width) / 2;

  return wf_layout_phase_at (layout, center);
}

static gboolean
step_workshop (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfPresenter *presenter;
  WfDocument *document;
  WfMap *map;
  WfUndoStack *stack;

  if (canvas == NULL)
    return FALSE;

  presenter = wf_window_get_presenter (window);
  document = wf_window_get_document (window);
  map = wf_canvas_get_map (canvas);
  stack = wf_document_get_undo_stack (document);

  switch (app->stage)
    {
    case 0:
      /* F5's action: the projector style, the first phase in the light. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
      g_assert_true (wf_presenter_is_active (presenter));
      g_assert_true (wf_canvas_get_presenting (canvas));
      g_assert_cmpint (wf_scene_get_theme (wf_canvas_get_scene (canvas)), ==, WF_THEME_PROJECTOR);
      g_assert_cmpint (wf_presenter_get_phase (presenter), ==, 0);
      g_assert_cmpint (wf_canvas_get_spotlight (canvas), ==, 0);
      app->stage++;
      return FALSE;

    case 1:
      /* Laid out again without the header bar and the side panes: the
       * canvas fills the window.
       */
      if (gtk_widget_get_width (GTK_WIDGET (canvas)) != gtk_widget_get_width (GTK_WIDGET (window)) ||
          gtk_widget_get_height (GTK_WIDGET (canvas)) != gtk_widget_get_height (GTK_WIDGET (window)) ||
          !wf_test_app_wait_frame (app, GTK_WIDGET (canvas)))
        return FALSE;
      g_assert_cmpint (visible_phase (canvas), ==, 0);

      /* Card titles at least 28 pixels high (12 × 1.25 map units), as
       * long as the phase's width fits: on a smaller screen the whole
       * phase, across.
       */
      {
        graphene_rect_t visible;
        double x, w;

        wf_layout_get_phase_bounds (wf_scene_get_layout (wf_canvas_get_scene (canvas)), 0, &x, &w);
        wf_canvas_get_visible_area (canvas, &visible);
        g_assert_true (wf_canvas_get_zoom (canvas) * 12 * 1.25 >= 28 - 0.01 ||
                       (x >= visible.origin.x && x + w <= visible.origin.x + visible.size.width &&
                        w + WF_LAYOUT_LANE_HEADER_WIDTH >= visible.size.width * 0.8));
        g_test_message ("presenting at zoom %.2f: titles %.1f px high", wf_canvas_get_zoom (canvas),
                        wf_canvas_get_zoom (canvas) * 12 * 1.25);
      }

      /* Page Down, twice: the third phase; Page Up: the second. */
      g_assert_true (press_key (canvas, GDK_KEY_Page_Down, 0));
      g_assert_true (press_key (canvas, GDK_KEY_Page_Down, 0));
      g_assert_cmpint (wf_presenter_get_phase (presenter), ==, 2);
      g_assert_cmpint (visible_phase (canvas), ==, 2);
      g_assert_true (press_key (canvas, GDK_KEY_Page_Up, 0));
      g_assert_cmpint (wf_presenter_get_phase (presenter), ==, 1);
      g_assert_cmpint (visible_phase (canvas), ==, 1);
      g_assert_cmpint (wf_canvas_get_spotlight (canvas), ==, 1);
      /* A screen reader is told where the presentation is. */
      {
        g_autofree char *said = g_strdup_printf ("Phase 2 of %u: %s", wf_map_get_n_phases (map),
                                                 wf_phase_get_name (wf_map_get_phase (map, 1)));

        g_assert_cmpstr (announced (window), ==, said);
      }

      /* Home: the whole map; Space: back to the first phase. */
      g_assert_true (press_key (canvas, GDK_KEY_Home, 0));
      g_assert_cmpint (wf_presenter_get_phase (presenter), ==, -1);
      g_assert_cmpint (wf_canvas_get_spotlight (canvas), ==, -1);
      g_assert_true (press_key (canvas, GDK_KEY_Right, 0));
      g_assert_cmpint (wf_presenter_get_phase (presenter), ==, 0);
      g_assert_true (press_key (canvas, GDK_KEY_space, 0));
      g_assert_cmpint (wf_presenter_get_phase (presenter), ==, 1);
      /* Ctrl+… stays the window's. */
      g_assert_false (press_key (canvas, GDK_KEY_z, GDK_CONTROL_MASK));
      app->stage++;
      return FALSE;

    case 2:
      {
        WfPhase *phase = wf_map_get_phase (map, 1);
        WfPhase *capture_phase;
        WfLane *capture_lane, *first_lane;
        GtkWidget *entry;
        guint before;

        /* C: the entry opens at the focused cell, in the phase shown. */
        g_assert_true (press_key (canvas, GDK_KEY_c, 0));
        g_assert_true (wf_presenter_get_capture_cell (presenter, &capture_phase, &capture_lane));
        g_assert_true (capture_phase == phase);
        first_lane = capture_lane;
        g_assert_true (wf_presenter_is_capturing (presenter));
        entry = wf_test_find_widget (gtk_widget_get_parent (GTK_WIDGET (canvas)), GTK_TYPE_ENTRY);
        g_assert_nonnull (entry);

        /* Typing and Enter: a card there, and the entry stays, empty. */
        before = wf_map_get_n_cell_cards (map, phase, capture_lane);
        gtk_editable_set_text (GTK_EDITABLE (entry), "Wants a trial box");
        g_signal_emit_by_name (entry, "activate");
        g_assert_cmpuint (wf_map_get_n_cell_cards (map, phase, capture_lane), ==, before + 1);
        g_assert_cmpstr (wf_card_get_title (g_ptr_array_index (wf_map_get_cell (map, phase, capture_lane), before)),
                         ==, "Wants a trial box");
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
        g_assert_true (gtk_widget_get_mapped (entry));

        /* Tab: the next lane; the next card goes there. */
        wf_presenter_move_capture (presenter, 1, 0);
        g_assert_true (wf_presenter_get_capture_cell (presenter, &capture_phase, &capture_lane));
        g_assert_true (capture_lane != first_lane);
        before = wf_map_get_n_cell_cards (map, phase, capture_lane);
        gtk_editable_set_text (GTK_EDITABLE (entry), "Second thought");
        g_signal_emit_by_name (entry, "activate");
        g_assert_cmpuint (wf_map_get_n_cell_cards (map, phase, capture_lane), ==, before + 1);

        /* Both undo, one at a time. */
        g_assert_true (wf_undo_stack_undo (stack));
        g_assert_cmpuint (wf_map_get_n_cell_cards (map, phase, capture_lane), ==, before);
        g_assert_true (wf_undo_stack_redo (stack));

        /* Ctrl+Tab: the next phase, and the presentation follows. */
        wf_presenter_move_capture (presenter, 0, 1);
        g_assert_true (wf_presenter_get_capture_cell (presenter, &capture_phase, &capture_lane));
        g_assert_true (capture_phase == wf_map_get_phase (map, 2));
        g_assert_cmpint (wf_presenter_get_phase (presenter), ==, 2);
        wf_presenter_close_capture (presenter);
        g_assert_false (wf_presenter_is_capturing (presenter));
      }
      app->stage++;
      return FALSE;

    case 3:
      {
        WfCard *card = g_ptr_array_index (wf_map_get_cell (map, wf_map_get_phase (map, 0),
                                                          wf_map_get_lane (map, 0)), 0);
        guint votes = wf_card_get_votes (card);

        /* Votes on the focused card: + + −, then undo back to none. */
        wf_canvas_set_focus_card (canvas, card);
        g_assert_true (press_key (canvas, GDK_KEY_plus, 0));
        g_assert_true (press_key (canvas, GDK_KEY_plus, 0));
        g_assert_true (press_key (canvas, GDK_KEY_minus, 0));
        g_assert_cmpuint (wf_card_get_votes (card), ==, votes + 1);
        {
          g_autofree char *said = g_strdup_printf (votes + 1 == 1 ? "%u vote for %s" : "%u votes for %s",
                                                   votes + 1, wf_card_get_title (card));

          g_assert_cmpstr (announced (window), ==, said);
        }
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
        g_assert_cmpuint (wf_card_get_votes (card), ==, votes + 2);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
        g_assert_cmpuint (wf_card_get_votes (card), ==, votes);

        /* A sticky colour, and none. */
        g_assert_true (press_key (canvas, GDK_KEY_3, 0));
        g_assert_cmpstr (wf_card_get_color (card), ==, wf_presenter_get_color (2));
        g_assert_true (press_key (canvas, GDK_KEY_0, 0));
        g_assert_null (wf_card_get_color (card));

        /* Reset votes: every card at 0, and undo brings them back. */
        wf_edit_set (card, "votes", 4, NULL);
        g_assert_true (press_key (canvas, GDK_KEY_V, GDK_SHIFT_MASK));
        g_assert_cmpuint (wf_card_get_votes (card), ==, 0);
        g_assert_true (wf_undo_stack_undo (stack));
        g_assert_cmpuint (wf_card_get_votes (card), ==, 4);
      }
      app->stage++;
      return FALSE;

    case 4:
      {
        WfLayout *layout = wf_scene_get_layout (wf_canvas_get_scene (canvas));
        guint rows = wf_layout_get_n_rows (layout);

        /* P: one persona's lanes, then the next, then all again. */
        g_assert_true (press_key (canvas, GDK_KEY_p, 0));
        g_assert_nonnull (wf_canvas_get_persona_filter (canvas));
        g_assert_cmpuint (wf_layout_get_n_rows (layout), <, rows);
        for (guint i = 0; i < wf_document_get_n_personas (document) && wf_canvas_get_persona_filter (canvas); i++)
          press_key (canvas, GDK_KEY_p, 0);
        g_assert_null (wf_canvas_get_persona_filter (canvas));
        g_assert_cmpuint (wf_layout_get_n_rows (layout), ==, rows);

        /* T: the timer runs; T again: it stops. */
        g_assert_false (wf_presenter_get_timer_running (presenter));
        g_assert_true (press_key (canvas, GDK_KEY_t, 0));
        g_assert_true (wf_presenter_get_timer_running (presenter));
        g_assert_cmpstr (announced (window), ==, "Timer running");
        g_assert_true (press_key (canvas, GDK_KEY_t, 0));
        g_assert_false (wf_presenter_get_timer_running (presenter));
        g_assert_cmpstr (announced (window), ==, "Timer paused");

        /* F5 again leaves. */
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
        g_assert_false (wf_presenter_is_active (presenter));
        g_assert_false (wf_canvas_get_presenting (canvas));
        g_assert_cmpint (wf_canvas_get_spotlight (canvas), ==, -1);
        g_assert_false (press_key (canvas, GDK_KEY_Page_Down, 0));
      }
      app->stage++;
      return FALSE;

    default:
      /* The captured cards were autosaved with the rest. */
      g_assert_true (wf_undo_stack_get_modified (stack));

      /* Duplicate the map from its menu: the copy is shown; undo. */
      {
        guint n_maps = wf_document_get_n_maps (document);
        guint n_cards = wf_map_get_n_cards (map);

        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.map-duplicate", "u", 0));
        g_assert_cmpuint (wf_document_get_n_maps (document), ==, n_maps + 1);
        g_assert_true (wf_canvas_get_map (canvas) == wf_document_get_map (document, 1));
        g_assert_cmpuint (wf_map_get_n_cards (wf_canvas_get_map (canvas)), ==, n_cards);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
        g_assert_cmpuint (wf_document_get_n_maps (document), ==, n_maps);
      }

      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_workshop (void)
{
  /* Moves without animation, so the view is where it goes at once. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  wf_test_app_run_sample (step_workshop, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
}

/* Every .ui file loads. */
static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  GObject *overlay;

  gtk_builder_add_from_resource (builder, RESOURCE_PREFIX "/wf-help-overlay.ui", &error);
  g_assert_no_error (error);
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* A template with a missing child or a wrong property fails here. */
static void
test_window_template (void)
{
  GtkWidget *window = g_object_new (WF_TYPE_WINDOW, NULL);

  g_assert_true (WF_IS_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's own accessibility backend for tests: /ui/outline reads what a
   * screen reader is told. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  wf_test_app_init (&argc, &argv);

  g_test_add_func ("/ui/open-file", test_open_file);
  g_test_add_func ("/ui/open-library", test_open_library);
  g_test_add_func ("/ui/undo-skipped", test_undo_skipped);
  g_test_add_func ("/ui/start-page", test_start_page);
  g_test_add_func ("/ui/broken-file", test_broken_file);
  g_test_add_func ("/ui/broken-file/long-message", test_long_message);
  g_test_add_func ("/ui/pictures-left-out", test_pictures_left_out);
  g_test_add_func ("/ui/library/pictures-left-out", test_library_pictures_left_out);
  g_test_add_func ("/ui/save", test_save);
  g_test_add_func ("/ui/markup-in-titles", test_markup_in_titles);
  g_test_add_func ("/ui/library/recovery", test_library_recovery);
  g_test_add_func ("/ui/library/quit-typing", test_library_quit_typing);
  g_test_add_func ("/ui/library/terminate-typing", test_library_terminate_typing);
  g_test_add_func ("/ui/library/history", test_library_history);
  g_test_add_func ("/ui/library/start-page", test_library_page);
  g_test_add_func ("/ui/library/open-elsewhere", test_library_open_elsewhere);
  g_test_add_func ("/ui/library/unavailable", test_library_unavailable);
  g_test_add_func ("/ui/library/damaged", test_library_damaged);
  g_test_add_func ("/ui/canvas", test_canvas);
  g_test_add_func ("/ui/outline", test_outline);
  g_test_add_func ("/ui/canvas-parts", test_canvas_parts);
  g_test_add_func ("/ui/insights", test_insights);
  g_test_add_func ("/ui/insights-later", test_insights_later);
  g_test_add_func ("/ui/fit-large", test_fit_large);
  g_test_add_func ("/ui/sidebar-keeps-focus", test_sidebar_keeps_focus);
  g_test_add_func ("/ui/workshop", test_workshop);
  g_test_add_func ("/ui/mermaid", test_mermaid);
  g_test_add_func ("/ui-files/help-overlay", test_help_overlay);
  g_test_add_func ("/ui-files/window", test_window_template);

  return g_test_run ();
}
