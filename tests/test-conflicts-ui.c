/* test-conflicts-ui.c — a team document's conflicts in the window
 *
 * A library document is made a team document, its journal is made over
 * the window's autosave and attached as the window's code does, and
 * changes from another member are applied as the log brings them: the
 * card with a conflict is marked, the sidebar offers both values, Use
 * This clears the mark and writes the record, and the bar above the map
 * restores or dismisses what a removal took.
 *
 * WF_TEST_SCREENSHOTS=DIR saves the screen at each stage into DIR
 * (with `import` from ImageMagick), to look at it as a person would;
 * WF_TEST_LOCALEDIR=build/po with LANGUAGE=nl shows it in Dutch, and
 * then the English texts are not checked.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "storage/wf-autosave.h"
#include "storage/wf-library.h"
#include "storage/wf-sqlite.h"
#include "team/wf-team-apply.h"
#include "team/wf-team-journal.h"
#include "ui/wf-canvas-private.h"
#include "ui/wf-conflict-popover.h"
#include "ui/wf-window-conflicts.h"
#include "ui/wf-window-private.h"
#include "test-app.h"
#include "test-util.h"

#define TEAM "5b1d7a52-0000-4000-8000-000000000001"
#define TEAM_DOC "5b1d7a52-0000-4000-8000-0000000000d0"
#define US "c0000000-0000-4000-8000-00000000000b"
#define ANNA "c0000000-0000-4000-8000-00000000000a"

typedef struct
{
  WfTeamJournal *journal;
  GtkWidget     *popover;
  guint          ticks;    /* waited before a screenshot */
} State;

static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("WF_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;

  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

/* With screenshots asked for, whether the screen had time to show the
 * stage: a few ticks of the test's clock. */
static gboolean
shown (State *state)
{
  if (g_getenv ("WF_TEST_SCREENSHOTS") == NULL)
    return TRUE;
  if (state->ticks++ < 10)
    return FALSE;
  state->ticks = 0;
  return TRUE;
}

/* The texts are checked in English only. */
static gboolean
english (void)
{
  return g_getenv ("WF_TEST_LOCALEDIR") == NULL;
}

static sqlite3 *
db_of (WfWindow *window)
{
  return wf_library_get_db (wf_autosave_get_library (window->autosave));
}

static char *
last_record (WfWindow *window)
{
  return wf_test_sqlite_text (db_of (window), "SELECT record FROM team_outbox ORDER BY client_seq DESC LIMIT 1");
}

static void
apply_json (WfTeamJournal *journal,
            const char    *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *change;
  WfTeamChange one = { .author = "Anna", .at = "2026-12-06T10:04:00Z" };

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  change = json_node_get_object (json_parser_get_root (parser));
  one.seq = json_object_get_int_member (change, "seq");
  one.client = json_object_get_string_member (change, "client");
  one.client_seq = json_object_get_int_member (change, "client_seq");
  one.ops = json_object_get_array_member (change, "ops");
  g_assert_true (wf_team_apply (journal, &one, &error));
  g_assert_no_error (error);
  wf_autosave_flush (wf_team_journal_get_autosave (journal));
}

static gboolean
is_conflict_button (GtkWidget *widget,
                    gpointer   data)
{
  return gtk_widget_has_css_class (widget, "wf-conflict-button");
}

static gboolean
has_label (GtkWidget *widget,
           gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

static gboolean
label_contains (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

static GPtrArray *
buttons_labelled (GtkWidget  *root,
                  const char *label)
{
  g_autoptr(GPtrArray) all = wf_test_find_all_widgets (root, GTK_TYPE_BUTTON);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (all, i)), label) == 0)
      g_ptr_array_add (found, g_ptr_array_index (all, i));

  return found;
}

static gboolean
step_conflicts (WfTestApp *app)
{
  State *state = app->data;
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas;
  WfDocument *document;
  gint64 id;

  if (window == NULL || (document = wf_window_get_document (window)) == NULL ||
      (id = wf_window_get_library_id (window)) == 0 || window->autosave == NULL)
    return FALSE;
  canvas = window->canvas;

  switch (app->stage)
    {
    case 0:
      {
        g_autoptr(GError) error = NULL;
        sqlite3 *db = db_of (window);

        /* As the team part of the window would have it: a team document
         * with its journal, attached. */
        if (g_getenv ("WF_TEST_SCREENSHOTS") != NULL)
          gtk_window_set_default_size (GTK_WINDOW (window), 1500, 900);

        g_assert_true (wf_sqlite_exec (db, "INSERT OR IGNORE INTO team_clients (team, client, tag)"
                                           " VALUES ('" TEAM "', '" US "', 'k2')", NULL));
        g_assert_true (wf_team_journal_write_state (db, id, document, TEAM, TEAM_DOC, 1, "", &error));
        g_assert_no_error (error);
        state->journal = wf_team_journal_new (window->autosave, &error);
        g_assert_no_error (error);
        _wf_window_attach_conflicts (window, state->journal);
        g_assert_cmpuint (wf_canvas_get_n_conflict_marks (canvas), ==, 0);
        g_assert_false (gtk_widget_get_visible (_wf_window_get_removal_bar (window)));

        /* Anna's title came late; she removed two cards someone had
         * changed. */
        apply_json (state->journal,
                    "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
                    "{\"op\":\"set\",\"id\":\"cd0\",\"member\":\"title\",\"value\":\"Web visit, first look\",\"base\":0,"
                    "\"outcome\":\"conflict\",\"taken\":{\"seq\":1,\"value\":\"Touchpoint via web\"}},"
                    "{\"op\":\"remove\",\"id\":\"cd4\",\"base\":0,\"outcome\":\"applied\",\"edited\":1},"
                    "{\"op\":\"remove\",\"id\":\"cd8\",\"base\":0,\"outcome\":\"applied\",\"edited\":1},"
                    "{\"op\":\"set\",\"id\":\"\",\"member\":\"title\",\"value\":\"Anna's journey\",\"base\":0,"
                    "\"outcome\":\"conflict\",\"taken\":{\"seq\":1,\"value\":\"Every part of a journey\"}}]}");
        g_assert_null (wf_document_lookup (document, "cd4"));

        /* The card is marked; the removals are in the bar. */
        g_assert_cmpuint (wf_canvas_get_n_conflict_marks (canvas), ==, 1);
        g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (_wf_window_get_removal_bar (window))));
        /* The document's title has no place on the canvas: the bar. */
        if (english ())
          g_assert_nonnull (wf_test_find (_wf_window_get_removal_bar (window), label_contains,
                                          (gpointer) "Title of the document: two changes"));
        if (english ())
          g_assert_nonnull (wf_test_find (_wf_window_get_removal_bar (window), label_contains,
                                        (gpointer) "Anna deleted “Touchpoint via search” after it was changed"));

        wf_canvas_select (canvas, WF_CARD (wf_document_lookup (document, "cd0")), FALSE);
        app->stage++;
        return FALSE;
      }

    case 1:
      {
        GtkWidget *button;
        GtkWidget *popover;

        if (window->properties == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window->properties)) ||
            !shown (state))
          return FALSE;

        /* The title's field has the button, named for screen readers. */
        button = wf_test_find (GTK_WIDGET (window->properties), is_conflict_button, NULL);
        g_assert_nonnull (button);
        g_assert_true (gtk_widget_is_ancestor (button, wf_test_find_row (GTK_WIDGET (window->properties),
                                                                        ADW_TYPE_ENTRY_ROW, _("Title"))));
        if (english ())
          g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Title: two changes, choose one");
        screenshot ("conflict-marked.png");

        gtk_menu_button_popup (GTK_MENU_BUTTON (button));
        popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
        state->popover = popover;
        g_assert_nonnull (wf_test_find (popover, has_label, (gpointer) "Touchpoint via web"));
        g_assert_nonnull (wf_test_find (popover, has_label, (gpointer) "Web visit, first look"));
        if (english ())
          g_assert_nonnull (wf_test_find (popover, label_contains, (gpointer) "Set aside: Anna, "));
        app->stage++;
        return FALSE;
      }

    case 2:
      {
        g_autoptr(GPtrArray) uses = NULL;

        if (!gtk_widget_get_mapped (state->popover) || !shown (state))
          return FALSE;
        screenshot ("conflict-popover.png");

        uses = buttons_labelled (state->popover, _("_Use This"));
        g_assert_cmpuint (uses->len, ==, 2);
        gtk_widget_activate (g_ptr_array_index (uses, 1));
        app->stage++;
        return FALSE;
      }

    case 3:
      {
        g_autofree char *record = NULL;

        if (wf_team_journal_has_conflict (state->journal, "cd0") || !shown (state))
          return FALSE;

        /* The mark and the button are gone; the step and its record. */
        g_assert_cmpuint (wf_canvas_get_n_conflict_marks (canvas), ==, 0);
        g_assert_null (wf_test_find (GTK_WIDGET (window->properties), is_conflict_button, NULL));
        g_assert_cmpstr (wf_card_get_title (WF_CARD (wf_document_lookup (document, "cd0"))), ==,
                         "Web visit, first look");
        record = last_record (window);
        g_assert_nonnull (strstr (record, "{\"op\":\"set\",\"id\":\"cd0\",\"member\":\"title\""));
        g_assert_nonnull (strstr (record, "{\"op\":\"resolve\",\"id\":\"cd0\",\"member\":\"title\",\"conflict\":2}"));
        g_assert_true (wf_undo_stack_can_undo (wf_document_get_undo_stack (document)));
        screenshot ("conflict-bar.png");

        /* Restore the first removal. */
        {
          g_autoptr(GPtrArray) restores = buttons_labelled (_wf_window_get_removal_bar (window), _("_Restore"));

          g_assert_cmpuint (restores->len, ==, 2);
          gtk_widget_activate (g_ptr_array_index (restores, 0));
        }
        app->stage++;
        return FALSE;
      }

    case 4:
      {
        g_autofree char *record = NULL;
        g_autoptr(GPtrArray) dismisses = NULL;

        if (wf_team_journal_has_conflict (state->journal, "cd4"))
          return FALSE;

        record = last_record (window);
        g_assert_nonnull (strstr (record, "{\"op\":\"restore\",\"id\":\"cd4\"},"
                                          "{\"op\":\"resolve\",\"id\":\"cd4\",\"member\":\"@item\",\"conflict\":2}"));
        dismisses = buttons_labelled (_wf_window_get_removal_bar (window), C_("conflict", "_Dismiss"));
        g_assert_cmpuint (dismisses->len, ==, 1);
        gtk_widget_activate (g_ptr_array_index (dismisses, 0));
        app->stage++;
        return FALSE;
      }

    case 5:
      {
        g_autofree char *record = NULL;

        if (wf_team_journal_has_conflict (state->journal, "cd8"))
          return FALSE;

        record = last_record (window);
        g_assert_nonnull (strstr (record, "\"ops\":[{\"op\":\"resolve\",\"id\":\"cd8\",\"member\":\"@item\",\"conflict\":2}]"));

        /* The document's title: its popover, from the bar. */
        {
          GtkWidget *choose = wf_test_find_widget (_wf_window_get_removal_bar (window), GTK_TYPE_MENU_BUTTON);
          g_autoptr(GPtrArray) uses = NULL;

          g_assert_nonnull (choose);
          gtk_menu_button_popup (GTK_MENU_BUTTON (choose));
          uses = buttons_labelled (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (choose))), _("_Use This"));
          g_assert_cmpuint (uses->len, ==, 2);
          gtk_widget_activate (g_ptr_array_index (uses, 0));
        }
        app->stage++;
        return FALSE;
      }

    case 6:
      {
        g_autofree char *record = NULL;

        if (wf_team_journal_has_conflict (state->journal, ""))
          return FALSE;

        record = last_record (window);
        g_assert_nonnull (strstr (record, "\"ops\":[{\"op\":\"resolve\",\"id\":\"\",\"member\":\"title\",\"conflict\":2}]"));
        g_assert_cmpstr (wf_document_get_title (document), ==, "Every part of a journey");
        g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (_wf_window_get_removal_bar (window))));
        g_assert_cmpint (wf_test_sqlite_int (db_of (window), "SELECT count(*) FROM team_conflicts"), ==, 0);

        _wf_window_detach_conflicts (window);
        g_assert_null (_wf_window_get_removal_bar (window));
        wf_autosave_flush (window->autosave);
        wf_team_journal_close (state->journal);
        g_clear_object (&state->journal);
        gtk_window_close (GTK_WINDOW (window));
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* Runs the app with @step on a copy of rich.journey in a folder of its
 * own, which goes after. */
static void
run_on_rich_copy (WfTestStep step)
{
  State state = { 0 };
  WfTestApp app = { .data = &state };
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "rich.journey", NULL);
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "rich.journey", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (source, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  wf_test_app_run (&app, path, step);

  wf_test_remove_tree (dir);
}

static void
test_conflicts (void)
{
  run_on_rich_copy (step_conflicts);
}

/* We deleted a card Anna had just changed: the bar names the card and
 * her, not "an item" and "someone else". */
static gboolean
step_own_removal (WfTestApp *app)
{
  State *state = app->data;
  WfWindow *window = wf_test_app_get_window (app);
  g_autoptr(GError) error = NULL;
  WfDocument *document;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db;
  gint64 id;

  if (window == NULL || (document = wf_window_get_document (window)) == NULL ||
      (id = wf_window_get_library_id (window)) == 0 || window->autosave == NULL)
    return FALSE;

  db = db_of (window);
  g_assert_true (wf_sqlite_exec (db, "INSERT OR IGNORE INTO team_clients (team, client, tag)"
                                     " VALUES ('" TEAM "', '" US "', 'k2')", NULL));
  g_assert_true (wf_team_journal_write_state (db, id, document, TEAM, TEAM_DOC, 1, "", &error));
  g_assert_no_error (error);
  state->journal = wf_team_journal_new (window->autosave, &error);
  g_assert_no_error (error);
  _wf_window_attach_conflicts (window, state->journal);

  title = g_strdup (wf_card_get_title (WF_CARD (wf_document_lookup (document, "cd4"))));
  wf_edit_remove (wf_document_lookup (document, "cd4"));
  g_assert_true (wf_autosave_flush (window->autosave));
  apply_json (state->journal,
              "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
              "{\"op\":\"set\",\"id\":\"cd4\",\"member\":\"notes\",\"value\":\"Hers\",\"base\":1,"
              "\"outcome\":\"applied\"}]}");
  apply_json (state->journal,
              "{\"seq\":3,\"client\":\"" US "\",\"client_seq\":1,\"ops\":["
              "{\"op\":\"remove\",\"id\":\"cd4\",\"base\":1,\"outcome\":\"applied\",\"edited\":2}]}");

  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (_wf_window_get_removal_bar (window))));
  text = g_strdup_printf ("You deleted “%s” after Anna changed it", title);
  if (english ())
    g_assert_nonnull (wf_test_find (_wf_window_get_removal_bar (window), label_contains, text));

  _wf_window_detach_conflicts (window);
  wf_autosave_flush (window->autosave);
  wf_team_journal_close (state->journal);
  g_clear_object (&state->journal);
  gtk_window_close (GTK_WINDOW (window));
  return TRUE;
}

static void
test_own_removal (void)
{
  run_on_rich_copy (step_own_removal);
}

/* What a screen reader hears of a focused card with a conflict, and
 * without once it is resolved. */
static void
test_spoken (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  g_autoptr(WfAutosave) autosave = NULL;
  g_autoptr(WfTeamJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  g_autofree char *label = NULL;
  WfCanvas *canvas;
  WfCard *card;
  char *failure;
  gint64 id;

  library = wf_library_new (path, &error);
  g_assert_no_error (error);
  id = wf_library_add (library, document, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wf_sqlite_exec (wf_library_get_db (library), "INSERT INTO team_clients (team, client, tag)"
                                 " VALUES ('" TEAM "', '" US "', 'k2')", NULL));
  g_assert_true (wf_team_journal_write_state (wf_library_get_db (library), id, document, TEAM, TEAM_DOC, 1, "", &error));
  autosave = wf_autosave_new (library, id, document);
  journal = wf_team_journal_new (autosave, &error);
  g_assert_no_error (error);
  apply_json (journal, "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
                       "{\"op\":\"set\",\"id\":\"cd0\",\"member\":\"title\",\"value\":\"Hers\",\"base\":0,"
                       "\"outcome\":\"conflict\",\"taken\":{\"seq\":1,\"value\":\"Touchpoint via web\"}}]}");

  canvas = WF_CANVAS (g_object_ref_sink (wf_canvas_new ()));
  wf_canvas_set_map (canvas, WF_MAP (wf_document_lookup (document, "map1")));
  wf_canvas_set_team_journal (canvas, journal);
  card = WF_CARD (wf_document_lookup (document, "cd0"));
  wf_canvas_set_focus_card (canvas, card);
  details = wf_canvas_describe_card (canvas, card);
  g_assert_true (g_str_has_suffix (details, ", two changes to choose from in the sidebar"));
  label = g_strdup_printf ("Touchpoint via web — %s", details);
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  g_assert_null (failure);

  g_assert_true (wf_team_journal_resolve (journal, 2, "cd0", "title", FALSE, &error));
  g_assert_no_error (error);
  g_free (details);
  details = wf_canvas_describe_card (canvas, card);
  g_assert_null (strstr (details, "two changes"));
  g_free (label);
  label = g_strdup_printf ("Touchpoint via web — %s", details);
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  g_assert_null (failure);

  g_object_unref (canvas);
  wf_autosave_flush (autosave);
  wf_team_journal_close (journal);
  wf_autosave_close (autosave);
  g_clear_object (&journal);
  g_clear_object (&autosave);
  g_clear_object (&library);
  wf_test_remove_tree (dir);
}

/* An add that met the item already there (the whole item, "@item"):
 * its popover names the card and each version by its title, never the
 * member's internal name. */
static gboolean
has_label_text (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static void
test_whole_item (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  g_autoptr(WfAutosave) autosave = NULL;
  g_autoptr(WfTeamJournal) journal = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button, *popover;
  gint64 id;

  library = wf_library_new (path, &error);
  g_assert_no_error (error);
  id = wf_library_add (library, document, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wf_sqlite_exec (wf_library_get_db (library), "INSERT INTO team_clients (team, client, tag)"
                                 " VALUES ('" TEAM "', '" US "', 'k2')", NULL));
  g_assert_true (wf_team_journal_write_state (wf_library_get_db (library), id, document, TEAM, TEAM_DOC, 1, "", &error));
  autosave = wf_autosave_new (library, id, document);
  journal = wf_team_journal_new (autosave, &error);
  g_assert_no_error (error);
  apply_json (journal, "{\"seq\":2,\"client\":\"" ANNA "\",\"client_seq\":1,\"ops\":["
                       "{\"op\":\"add\",\"id\":\"cd0\",\"type\":\"card\",\"parent\":\"map1\",\"pos\":\"V\","
                       "\"value\":{\"phase\":\"ph0\",\"lane\":\"ln0\",\"title\":\"Her version\",\"notes\":\"\","
                       "\"tags\":[],\"votes\":0,\"metrics\":{}},"
                       "\"outcome\":\"conflict\",\"taken\":{\"seq\":1,\"value\":null}}]}");
  conflicts = wf_team_journal_list_conflicts (journal, "cd0");
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((WfTeamConflict *) conflicts->pdata[0])->member, ==, "@item");

  button = g_object_ref_sink (wf_conflict_button_new (journal, conflicts->pdata[0]));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "This card: two versions, choose one");
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (wf_test_find (popover, has_label_text, (gpointer) "Two Versions of This Card"));
  g_assert_nonnull (wf_test_find (popover, has_label_text, (gpointer) "“Touchpoint via web”"));
  g_assert_nonnull (wf_test_find (popover, has_label_text, (gpointer) "“Her version”"));
  g_assert_null (wf_test_find (popover, has_label_text, (gpointer) "@"));
  g_assert_null (wf_test_find (popover, has_label_text, (gpointer) "figures"));
  g_object_unref (button);

  wf_autosave_flush (autosave);
  wf_team_journal_close (journal);
  wf_autosave_close (autosave);
  g_clear_object (&journal);
  g_clear_object (&autosave);
  g_clear_object (&library);
  wf_test_remove_tree (dir);
}

/* How the popover reads a value: a picture by its description, never
 * its bytes. */
static void
test_values (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  g_autofree char *with_alt = wf_conflict_format_value (document, "photo",
                                                        "{\"type\":\"image/png\",\"data\":\"iVBORw0KGgo=\",\"alt\":\"Anna\"}");
  g_autofree char *without = wf_conflict_format_value (document, "image",
                                                       "{\"type\":\"image/png\",\"data\":\"iVBORw0KGgo=\",\"alt\":\"\"}");
  g_autofree char *none = wf_conflict_format_value (document, "image", "null");

  if (!english ())
    return;
  g_assert_cmpstr (with_alt, ==, "A picture: “Anna”");
  g_assert_cmpstr (without, ==, "A picture without a description");
  g_assert_cmpstr (none, ==, "None");
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's own accessibility backend for tests, not none: spoken reads
   * what a screen reader would be told. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  wf_test_app_init (&argc, &argv);
  if (!english ())
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("WF_TEST_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  g_test_add_func ("/conflicts-ui/values", test_values);
  g_test_add_func ("/conflicts-ui/spoken", test_spoken);
  g_test_add_func ("/conflicts-ui/whole-item", test_whole_item);
  g_test_add_func ("/conflicts-ui/own-removal", test_own_removal);
  g_test_add_func ("/conflicts-ui/choose-restore-dismiss", test_conflicts);

  return g_test_run ();
}
