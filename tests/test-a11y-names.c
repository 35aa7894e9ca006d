/* test-a11y-names.c — what a screen reader is told of the parts GTK leaves unnamed
 *
 * Issue #20: the palette's items, a drop-down's choices, a toast's
 * buttons, the personas in the Journey details pane, the main menu, the
 * folded flap and the presentation's capture entry, read through GTK's
 * test accessibility backend (GTK_A11Y=test).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "model/wf-edit.h"
#include "storage/wf-journey.h"
#include "ui/wf-a11y.h"
#include "ui/wf-announcer.h"
#include "ui/wf-canvas-private.h"
#include "ui/wf-insights-panel.h"
#include "ui/wf-outline.h"
#include "ui/wf-palette.h"
#include "ui/wf-presenter.h"
#include "ui/wf-properties.h"
#include "ui/wf-toast.h"
#include "test-app.h"
#include "test-util.h"

static void
iterate (void)
{
  for (int i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static const char *
announced (WfWindow *window)
{
  GtkWidget *announcer = wf_test_find_any_widget (GTK_WIDGET (window), WF_TYPE_ANNOUNCER);

  g_assert_nonnull (announcer);
  return wf_announcer_get_message (WF_ANNOUNCER (announcer));
}

static void
assert_label (GtkWidget  *widget,
              const char *label)
{
  g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);

  if (wrong != NULL)
    g_error ("%s: name “%s”, not “%s”", G_OBJECT_TYPE_NAME (widget), wrong, label);
}

static void
assert_description (GtkWidget  *widget,
                    const char *description)
{
  g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                               description);

  g_assert_null (wrong);
}

static void
assert_state (GtkWidget          *widget,
              GtkAccessibleState  state,
              gboolean            value)
{
  g_autofree char *wrong = gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), state, value);

  g_assert_null (wrong);
}

static gboolean
is_main_menu (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), _("Main Menu")) == 0;
}

static gboolean
is_close_button (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0;
}

static gboolean
is_text_button (GtkWidget *widget,
                gpointer   label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_label_text (GtkWidget *widget,
               gpointer   text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_expander_row (GtkWidget *widget,
                 gpointer   title)
{
  return ADW_IS_EXPANDER_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_swatch (GtkWidget *widget,
           gpointer   data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_RADIO;
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* Opens the popover of @widget, a drop-down or a drop-down row: its list
 * is named @name, and each of its rows by its text. */
static void
check_choices (GtkWidget  *widget,
               const char *name)
{
  GtkWidget *popover = wf_test_find_any_widget (widget, GTK_TYPE_POPOVER);
  GtkWidget *list;
  guint n = 0;

  g_assert_nonnull (popover);
  list = wf_test_find_any_widget (popover, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list);
  assert_label (list, name);

  gtk_popover_popup (GTK_POPOVER (popover));
  for (int i = 0; i < 100 && gtk_widget_get_first_child (list) == NULL; i++)
    {
      iterate ();
      g_usleep (10000);
    }
  iterate ();
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      collect_text (row, text);
      g_assert_cmpuint (text->len, >, 0);
      assert_label (row, text->str);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
  gtk_popover_popdown (GTK_POPOVER (popover));
  iterate ();
}

static gboolean
is_find_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "edit-find-symbolic") == 0;
}

static gboolean
step_names (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas;
  WfDocument *document;
  GtkWidget *widget;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || (document = wf_window_get_document (window)) == NULL)
    return FALSE;
  canvas = WF_CANVAS (wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_CANVAS));
  if (canvas == NULL || gtk_widget_get_width (GTK_WIDGET (canvas)) == 0 || wf_canvas_get_map (canvas) == NULL)
    return FALSE;

  /* The palette's items are named by their text, and one that cannot be
   * added says why. The sample has no lane of thoughts. */
  widget = wf_test_find_palette_row (GTK_WIDGET (window), "touchpoint");
  g_assert_nonnull (widget);
  assert_label (widget, wf_palette_kind_get_label ("touchpoint"));
  widget = wf_test_find_palette_row (GTK_WIDGET (window), "thought");
  g_assert_nonnull (widget);
  {
    g_autofree char *expected = g_strdup_printf ("This map has no “%s” lane for “%s” cards: add one first",
                                                 wf_lane_kind_get_label (WF_LANE_THOUGHTS),
                                                 wf_palette_kind_get_label ("thought"));

    AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (wf_test_find_any_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY));
    GtkWidget *toast = NULL;

    g_signal_emit_by_name (gtk_widget_get_parent (widget), "row-activated", widget);
    g_assert_cmpstr (announced (window), ==, expected);

    /* Shown as a toast too, for who does not hear it; then closed. */
    for (int i = 0; i < 100 && toast == NULL; i++)
      {
        iterate ();
        for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child; child = gtk_widget_get_next_sibling (child))
          if (child != adw_toast_overlay_get_child (overlay) && wf_test_find (child, is_label_text, expected) != NULL)
            toast = child;
      }
    g_assert_nonnull (toast);
    /* Closed once shown: libadwaita 1.2 trips over a toast closed while
     * it still comes in. */
    for (int i = 0; i < 50; i++)
      {
        iterate ();
        g_usleep (10000);
      }
    g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &toast);
    g_assert_nonnull (wf_test_find (toast, is_close_button, NULL));
    g_signal_emit_by_name (wf_test_find (toast, is_close_button, NULL), "clicked");
    for (int i = 0; i < 200 && toast != NULL && gtk_widget_get_parent (toast) != NULL; i++)
      {
        iterate ();
        g_usleep (10000);
      }
  }

  /* The main menu's popover is named as its button. */
  widget = wf_test_find (GTK_WIDGET (window), is_main_menu, NULL);
  g_assert_nonnull (widget);
  assert_label (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget))), _("Main Menu"));

  /* The Journey details pane is not there while folded away; its
   * personas are named rows that say whether they are open. */
  {
    AdwFlap *flap = ADW_FLAP (wf_test_find_any_widget (GTK_WIDGET (window), ADW_TYPE_FLAP));
    GtkWidget *row;
    GtkWidget *remove;

    g_assert_nonnull (flap);
    adw_flap_set_reveal_flap (flap, FALSE);
    assert_state (adw_flap_get_flap (flap), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);
    adw_flap_set_reveal_flap (flap, TRUE);
    assert_state (adw_flap_get_flap (flap), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE);

    row = wf_test_find (GTK_WIDGET (window), is_expander_row, (gpointer) "Eva");
    g_assert_nonnull (row);
    assert_label (row, "Eva");
    assert_state (row, GTK_ACCESSIBLE_STATE_EXPANDED, FALSE);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    assert_state (row, GTK_ACCESSIBLE_STATE_EXPANDED, TRUE);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
    /* "_Remove Persona Remove Persona": the label inside names it. */
    remove = wf_test_find (row, is_text_button, (gpointer) _("_Remove Persona"));
    g_assert_nonnull (remove);
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL));
    adw_flap_set_reveal_flap (flap, FALSE);
  }

  /* The heat view's drop-down says its value, and its choices their text. */
  {
    GtkWidget *insights = wf_test_find_any_widget (GTK_WIDGET (window), WF_TYPE_INSIGHTS_PANEL);
    GtkWidget *drop;
    g_autofree char *value = NULL;

    g_assert_nonnull (insights);
    drop = wf_test_find_any_widget (insights, GTK_TYPE_DROP_DOWN);
    g_assert_nonnull (drop);
    value = g_strdup (gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (drop))));
    assert_description (drop, value);
    check_choices (drop, "Heat View");
  }

  /* A drop-down row's choices too: the card sidebar's kind. */
  {
    GtkWidget *row;
    g_autofree char *title = NULL;

    gtk_widget_grab_focus (GTK_WIDGET (canvas));
    g_assert_true (wf_canvas_move_focus (canvas, 1, 0, FALSE));
    iterate ();
    row = wf_test_find_any_widget (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW);
    g_assert_nonnull (row);
    g_assert_true (pango_parse_markup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1, '_',
                                       NULL, &title, NULL, NULL));
    check_choices (row, title);

    /* The card's title: its text is a text box of its own, named as the
     * row, so that its focus is told (libadwaita 1.2 gives it no role). */
    {
      GtkWidget *properties = wf_test_find_any_widget (GTK_WIDGET (window), WF_TYPE_PROPERTIES);
      GtkWidget *entry_row = wf_test_find_row (properties, ADW_TYPE_ENTRY_ROW, _("Title"));
      GtkWidget *text = wf_test_find_any_widget (entry_row, GTK_TYPE_TEXT);

      g_assert_nonnull (text);
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (text)), ==, GTK_ACCESSIBLE_ROLE_TEXT_BOX);
      assert_label (text, "Card title");
    }

    /* Votes: the spin button is named, and Tab reaches it. (Its row
     * stays a Tab stop too: GTK 4.8's list box cannot Tab into a row
     * that takes no focus.) */
    {
      GtkWidget *properties = wf_test_find_any_widget (GTK_WIDGET (window), WF_TYPE_PROPERTIES);
      GtkWidget *spin = wf_test_find_any_widget (properties, GTK_TYPE_SPIN_BUTTON);
      GtkWidget *focus;
      g_autoptr(GPtrArray) swatches = NULL;

      g_assert_nonnull (spin);
      assert_label (spin, _("Votes"));
      /* GTK orders the Tab stops by where they are: the sidebar must be
       * laid out (its revealer open) before Tab means anything. */
      {
        GtkWidget *revealer = gtk_widget_get_ancestor (properties, GTK_TYPE_REVEALER);
        gint64 until = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

        while ((!gtk_widget_get_mapped (spin) || gtk_widget_get_width (spin) == 0 ||
                (revealer != NULL && !gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)))) &&
               g_get_monotonic_time () < until)
          g_main_context_iteration (NULL, TRUE);
        iterate ();
      }
      gtk_widget_grab_focus (spin);
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD);
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD);
      for (guint i = 0; i < 3; i++)
        {
          gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
          focus = gtk_root_get_focus (GTK_ROOT (window));
          if (focus == spin || gtk_widget_is_ancestor (focus, spin))
            break;
        }
      g_assert_true (focus == spin || gtk_widget_is_ancestor (focus, spin));

      /* The colours: radio buttons, one checked. */
      swatches = wf_test_find_all (properties, is_swatch, NULL);
      g_assert_cmpuint (swatches->len, >, 1);
      for (guint i = 0; i < swatches->len; i++)
        {
          GtkWidget *swatch = g_ptr_array_index (swatches, i);

          assert_state (swatch, GTK_ACCESSIBLE_STATE_CHECKED, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (swatch)));
          g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_STATE_PRESSED));
        }
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (g_ptr_array_index (swatches, 1)), TRUE);
      assert_state (g_ptr_array_index (swatches, 1), GTK_ACCESSIBLE_STATE_CHECKED, TRUE);
      assert_state (g_ptr_array_index (swatches, 0), GTK_ACCESSIBLE_STATE_CHECKED, FALSE);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    }
    wf_canvas_select (canvas, NULL, FALSE);
  }

  /* A toast made after the window was watched: its buttons are named. */
  {
    AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (wf_test_find_any_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY));
    WfUndoStack *stack = wf_document_get_undo_stack (document);
    GtkWidget *close = NULL;
    GtkWidget *undo = NULL;

    g_assert_nonnull (overlay);
    wf_edit_set (document, "title", "Renamed", NULL);
    /* The window's title shows "• Renamed"; a screen reader says it in words. */
    iterate ();
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Renamed");
    assert_label (GTK_WIDGET (window), "Renamed, unsaved changes");
    wf_toast_show (overlay, wf_toast_new_undo (stack, "Renamed"));
    for (int i = 0; i < 100 && (close == NULL || undo == NULL); i++)
      {
        iterate ();
        for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child; child = gtk_widget_get_next_sibling (child))
          if (child != adw_toast_overlay_get_child (overlay))
            {
              close = wf_test_find (child, is_close_button, NULL);
              undo = wf_test_find (child, is_text_button, (gpointer) _("_Undo"));
            }
      }
    g_assert_nonnull (close);
    g_assert_nonnull (undo);
    assert_label (close, _("Dismiss"));
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (undo), GTK_ACCESSIBLE_PROPERTY_LABEL));
    /* Undo says what it undoes. */
    assert_description (undo, "Renamed");
  }

  /* The capture entry says where its card goes, also after Tab. */
  {
    WfPresenter *presenter = wf_window_get_presenter (window);
    GtkWidget *entry;

    for (int moves = 0; moves < 2; moves++)
      {
        WfPhase *phase;
        WfLane *lane;
        g_autofree char *where = NULL;
        g_autofree char *expected = NULL;

        if (moves == 0)
          wf_presenter_open_capture (presenter);
        else
          wf_presenter_move_capture (presenter, 1, 0);
        g_assert_true (wf_presenter_get_capture_cell (presenter, &phase, &lane));
        entry = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_TYPE_ENTRY);
        g_assert_nonnull (entry);
        where = wf_lane_get_persona (lane)
          ? g_strdup_printf ("%s (%s)", wf_lane_get_title (lane), wf_persona_get_name (wf_lane_get_persona (lane)))
          : g_strdup (wf_lane_get_title (lane));
        expected = g_strdup_printf ("New card in %s, %s", wf_phase_get_name (phase), where);
        assert_label (entry, expected);
        assert_description (entry, _("Tab: next lane · Ctrl+Tab: next phase · Esc: done"));
      }
    wf_presenter_close_capture (presenter);
  }

  /* The window of shortcuts: a title, a named search entry and buttons. */
  {
    GtkWidget *help = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
    GtkWidget *search;

    g_assert_nonnull (help);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (help)), ==, "Keyboard Shortcuts");
    search = wf_test_find_any_widget (help, GTK_TYPE_SEARCH_ENTRY);
    g_assert_nonnull (search);
    assert_label (search, "Search Shortcuts");
    assert_label (wf_test_find (help, is_close_button, NULL), _("Dismiss"));
    assert_label (wf_test_find (help, is_find_button, NULL), "Search Shortcuts");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_names (void)
{
  wf_test_app_run_sample (step_names, NULL);
}

/* A widget a screen reader names @data. */
static gboolean
is_named (GtkWidget *widget,
          gpointer   data)
{
  g_autofree char *wrong = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, data);
  return wrong == NULL;
}

/* Pictures are read by their alt text (issue #17): a card's image in what
 * the canvas says of the card and in its Outline row, a persona's photo
 * in what the canvas says of the persona.
 */
static gboolean
step_pictures (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document;
  WfCanvas *canvas;
  WfOutline *outline;
  WfCard *counter, *same;
  GtkWidget *part, *row;
  g_autofree char *details = NULL;
  g_autofree char *expected = NULL;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || (document = wf_window_get_document (window)) == NULL)
    return FALSE;
  canvas = WF_CANVAS (wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_CANVAS));
  if (canvas == NULL || gtk_widget_get_width (GTK_WIDGET (canvas)) == 0 || wf_canvas_get_map (canvas) == NULL)
    return FALSE;
  outline = WF_OUTLINE (wf_test_find_any_widget (GTK_WIDGET (window), WF_TYPE_OUTLINE));
  if (app->stage == 0)
    {
      GtkStack *left = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (outline), GTK_TYPE_STACK));

      gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
      gtk_stack_set_visible_child_name (left, "outline");
      app->stage++;
      return FALSE;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (outline)) || gtk_widget_get_height (GTK_WIDGET (outline)) == 0)
    return FALSE;

  counter = WF_CARD (wf_document_lookup (document, "cd0"));
  same = WF_CARD (wf_document_lookup (document, "cd1"));
  wf_canvas_a11y_sync (canvas);

  details = wf_canvas_describe_card (canvas, counter);
  g_assert_nonnull (strstr (details, ", image: The shop counter"));
  part = wf_canvas_a11y_get_part (canvas, WF_ITEM (counter));
  g_assert_nonnull (part);
  assert_description (part, details);
  g_clear_pointer (&details, g_free);
  details = wf_canvas_describe_card (canvas, same);
  g_assert_nonnull (strstr (details, ", image without a description"));
  g_clear_pointer (&details, g_free);
  details = wf_canvas_describe_card (canvas, WF_CARD (wf_document_lookup (document, "cd2")));
  g_assert_null (strstr (details, "image"));

  part = wf_canvas_a11y_get_part (canvas, wf_document_lookup (document, "anna"));
  g_assert_nonnull (part);
  assert_description (part, "Persona, photo: Anna at her kitchen table");
  part = wf_canvas_a11y_get_part (canvas, wf_document_lookup (document, "bo"));
  if (part != NULL)
    assert_description (part, "Persona");

  /* The Outline's row of the card, shown by selecting the card. */
  wf_canvas_select (canvas, counter, FALSE);
  iterate ();
  row = wf_test_find (GTK_WIDGET (outline), is_named, (gpointer) "Counter");
  g_assert_nonnull (row);
  expected = g_strdup_printf ("Card in %s, %s (Anna), image: The shop counter",
                              wf_phase_get_name (wf_card_get_phase (counter)),
                              wf_lane_get_title (wf_card_get_lane (counter)));
  assert_description (row, expected);

  /* A new alt text is read at once. */
  {
    g_autoptr(WfImage) image = wf_image_with_alt (wf_card_get_image (counter), "The new counter");

    wf_edit_set (counter, "image", image, NULL);
    iterate ();
    g_clear_pointer (&expected, g_free);
    expected = g_strdup_printf ("Card in %s, %s (Anna), image: The new counter",
                                wf_phase_get_name (wf_card_get_phase (counter)),
                                wf_lane_get_title (wf_card_get_lane (counter)));
    assert_description (row, expected);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

/* Runs @step on a copy of tests/data/@name: the app keeps what it opens
 * in the library. */
static void
run_copy (const char *name,
          WfTestStep  step)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-a11y-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize len;
  WfTestApp app = { 0 };

  g_assert_true (g_file_get_contents (source, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  wf_test_app_run (&app, path, step);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_pictures (void)
{
  run_copy ("pictures.journey", step_pictures);
}

/* A message followed at once by a focus move reaches a screen reader:
 * Delete's "1 card deleted" goes with the next card's focus event, in
 * its description, and no status takes the focus after it (Orca stops
 * at every focus event); the next move says the card alone again. F5's
 * phase is told after the map took the keyboard, not before. */
static gboolean
step_told_with_focus (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas;
  GtkRoot *root;
  GtkWidget *focus;
  WfCard *next;
  g_autofree char *details = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *deleted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card deleted", "%u cards deleted", 1), 1);

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || wf_window_get_document (window) == NULL)
    return FALSE;
  canvas = WF_CANVAS (wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_CANVAS));
  if (canvas == NULL || gtk_widget_get_width (GTK_WIDGET (canvas)) == 0 || wf_canvas_get_map (canvas) == NULL)
    return FALSE;
  root = GTK_ROOT (window);

  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  g_assert_true (wf_canvas_move_focus (canvas, 1, 0, FALSE));
  g_assert_true (wf_canvas_move_focus (canvas, 1, 0, FALSE));
  iterate ();
  g_assert_true (wf_canvas_a11y_has_keyboard (canvas));

  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL);
  next = wf_canvas_get_focus_card (canvas);
  g_assert_nonnull (next);
  focus = gtk_root_get_focus (root);
  g_assert_true (focus == wf_canvas_a11y_get_part (canvas, WF_ITEM (next)));
  details = wf_canvas_describe_card (canvas, next);
  expected = g_strdup_printf ("%s — %s", deleted, details);
  assert_description (focus, expected);
  iterate ();
  g_assert_true (gtk_root_get_focus (root) == focus);
  assert_description (focus, expected);

  g_assert_true (wf_canvas_move_focus (canvas, -1, 0, FALSE) || wf_canvas_move_focus (canvas, 1, 0, FALSE));
  iterate ();
  g_assert_true (gtk_root_get_focus (root) != focus);
  g_clear_pointer (&details, g_free);
  details = wf_canvas_describe_card (canvas, next);
  assert_description (focus, details);

  /* F5: the phase is told by the last focus event: the map's status's,
   * or the first card's of the phase, which the presentation goes to. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  for (int i = 0; i < 20; i++)
    {
      iterate ();
      g_usleep (10000);
    }
  g_assert_true (g_str_has_prefix (announced (window), "Phase 1 of "));
  g_assert_cmpstr (wf_canvas_a11y_get_told (canvas), ==, announced (window));
  focus = gtk_root_get_focus (root);
  if (wf_canvas_get_focus_card (canvas) != NULL &&
      focus == wf_canvas_a11y_get_part (canvas, WF_ITEM (wf_canvas_get_focus_card (canvas))))
    {
      g_clear_pointer (&details, g_free);
      g_clear_pointer (&expected, g_free);
      details = wf_canvas_describe_card (canvas, wf_canvas_get_focus_card (canvas));
      expected = g_strdup_printf ("%s — %s", announced (window), details);
      assert_description (focus, expected);
    }
  else
    assert_label (focus, announced (window));

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_told_with_focus (void)
{
  wf_test_app_run_sample (step_told_with_focus, NULL);
}

/* F9 takes the keyboard into the Journey details pane, which is named,
 * so that a screen reader says where it is; F9 again takes it back. */
static gboolean
step_details_focus (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas;
  AdwFlap *flap;
  GtkWidget *pane;
  GtkRoot *root;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || wf_window_get_document (window) == NULL)
    return FALSE;
  canvas = WF_CANVAS (wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_CANVAS));
  if (canvas == NULL || gtk_widget_get_width (GTK_WIDGET (canvas)) == 0 || wf_canvas_get_map (canvas) == NULL)
    return FALSE;
  root = GTK_ROOT (window);
  flap = ADW_FLAP (wf_test_find_any_widget (GTK_WIDGET (window), ADW_TYPE_FLAP));
  pane = adw_flap_get_flap (flap);
  assert_label (pane, _("Journey Details"));

  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  g_assert_true (wf_canvas_move_focus (canvas, 1, 0, FALSE));
  iterate ();
  g_assert_true (wf_canvas_a11y_has_keyboard (canvas));
  {
    GtkWidget *card = gtk_root_get_focus (root);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
    for (int i = 0; i < 200 && !gtk_widget_get_mapped (pane); i++)
      {
        iterate ();
        g_usleep (10000);
      }
    iterate ();
    g_assert_true (adw_flap_get_reveal_flap (flap));
    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), pane));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
    iterate ();
    g_assert_false (adw_flap_get_reveal_flap (flap));
    g_assert_true (gtk_root_get_focus (root) == card);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_details_focus (void)
{
  wf_test_app_run_sample (step_details_focus, NULL);
}

static gboolean
is_map_switcher (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_DROP_DOWN (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), _("Map")) == 0;
}

/* The map switcher of a journey with two maps: the button that takes the
 * focus is named "Map" and says the map shown; its list is named too,
 * and each choice by its map's title (GTK 4.8 said "GtkToggleButton" and
 * left the choices unnamed). */
static gboolean
step_map_switcher (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document;
  GtkWidget *switcher;
  GtkWidget *button = NULL;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || (document = wf_window_get_document (window)) == NULL)
    return FALSE;
  switcher = wf_test_find (GTK_WIDGET (window), is_map_switcher, NULL);
  if (switcher == NULL || !gtk_widget_get_visible (switcher))
    return FALSE;
  g_assert_cmpuint (wf_document_get_n_maps (document), ==, 2);

  for (GtkWidget *child = gtk_widget_get_first_child (switcher); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      button = child;
  g_assert_nonnull (button);
  assert_label (switcher, _("Map"));
  assert_label (button, _("Map"));
  assert_description (button, wf_map_get_title (wf_document_get_map (document, 0)));
  check_choices (switcher, _("Map"));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (switcher), 1);
  iterate ();
  assert_description (button, wf_map_get_title (wf_document_get_map (document, 1)));
  check_choices (switcher, _("Map"));

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_map_switcher (void)
{
  run_copy ("rich.journey", step_map_switcher);
}

/* Up and Down keep to a phase as an editor keeps to a column: a lane
 * without a card in it gets its nearest card, and the next step goes
 * back to the phase. So every lane can be reached, and the column is
 * not lost on the way. */
static void
test_arrows_reach_every_lane (void)
{
  static const char json[] =
    "{\"format\": \"wayfinder-journey\", \"version\": 1, \"title\": \"Columns\", \"personas\": [],"
    " \"maps\": [{\"id\": \"map1\", \"title\": \"Shop\","
    "  \"phases\": [{\"id\": \"ph0\", \"name\": \"Look\"}, {\"id\": \"ph1\", \"name\": \"Buy\"}],"
    "  \"lanes\": [{\"id\": \"ln0\", \"kind\": \"actions\", \"title\": \"Actions\"},"
    "             {\"id\": \"ln1\", \"kind\": \"touchpoints\", \"title\": \"Touchpoints\"},"
    "             {\"id\": \"ln2\", \"kind\": \"thoughts\", \"title\": \"Thoughts\"}],"
    "  \"cards\": [{\"id\": \"a\", \"phase\": \"ph0\", \"lane\": \"ln0\", \"title\": \"Looks\"},"
    "            {\"id\": \"b\", \"phase\": \"ph1\", \"lane\": \"ln1\", \"title\": \"Pays\"},"
    "            {\"id\": \"c\", \"phase\": \"ph0\", \"lane\": \"ln2\", \"title\": \"Wonders\"}],"
    "  \"links\": []}]}";
  static const struct { int dy; const char *to; } walk[] = {
    { 1, "b" },    /* no card in Look in Touchpoints: its nearest */
    { 1, "c" },    /* back in Look */
    { 1, NULL },   /* the end */
    { -1, "b" },
    { -1, "a" },
    { -1, NULL },
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = wf_journey_load_bytes (bytes, NULL, &error);
  WfCanvas *canvas;

  g_assert_no_error (error);
  canvas = WF_CANVAS (g_object_ref_sink (wf_canvas_new ()));
  wf_canvas_set_map (canvas, wf_document_get_map (document, 0));

  wf_canvas_set_focus_card (canvas, WF_CARD (wf_document_lookup (document, "a")));
  for (guint i = 0; i < G_N_ELEMENTS (walk); i++)
    {
      g_assert_cmpint (wf_canvas_move_focus (canvas, 0, walk[i].dy, FALSE), ==, walk[i].to != NULL);
      if (walk[i].to != NULL)
        g_assert_cmpstr (wf_item_get_id (WF_ITEM (wf_canvas_get_focus_card (canvas))), ==, walk[i].to);
    }

  /* From Pays itself, its phase is the one kept: Thoughts has none in
   * Buy, so its nearest. */
  wf_canvas_set_focus_card (canvas, WF_CARD (wf_document_lookup (document, "b")));
  g_assert_true (wf_canvas_move_focus (canvas, 0, 1, FALSE));
  g_assert_cmpstr (wf_item_get_id (WF_ITEM (wf_canvas_get_focus_card (canvas))), ==, "c");

  g_object_unref (canvas);
}

/* An entry row's text box says the row's text as its description (GTK
 * 4.8 gives it no Text interface); a password row's says nothing. */
static void
test_entry_text (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *password = adw_password_entry_row_new ();
  GtkWidget *text;
  char *failure;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Title");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (password), "Password");
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), password);
  gtk_window_set_child (GTK_WINDOW (window), box);
  wf_a11y_watch (row);
  wf_a11y_watch (password);

  gtk_editable_set_text (GTK_EDITABLE (row), "Orders in the web shop");
  gtk_editable_set_text (GTK_EDITABLE (password), "s3cret");
  text = wf_test_find_any_widget (row, GTK_TYPE_TEXT);
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                "Orders in the web shop");
  g_assert_null (failure);
  text = wf_test_find_any_widget (password, GTK_TYPE_TEXT);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A card's links say where they go and come from, with their label. */
static void
test_links_said (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  WfCanvas *canvas = WF_CANVAS (g_object_ref_sink (wf_canvas_new ()));
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  wf_canvas_set_map (canvas, WF_MAP (wf_document_lookup (document, "map1")));
  from = wf_canvas_describe_card (canvas, WF_CARD (wf_document_lookup (document, "cd0")));
  to = wf_canvas_describe_card (canvas, WF_CARD (wf_document_lookup (document, "cd1")));
  g_assert_nonnull (strstr (from, "link to Touchpoint via app, leads to"));
  g_assert_nonnull (strstr (to, "link from Touchpoint via web, leads to"));

  g_object_unref (canvas);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  wf_test_app_init (&argc, &argv);

  g_test_add_func ("/a11y-names/window", test_names);
  g_test_add_func ("/a11y-names/pictures", test_pictures);
  g_test_add_func ("/a11y-names/map-switcher", test_map_switcher);
  g_test_add_func ("/a11y-names/told-with-focus", test_told_with_focus);
  g_test_add_func ("/a11y-names/details-focus", test_details_focus);
  g_test_add_func ("/a11y-names/arrows-reach-every-lane", test_arrows_reach_every_lane);
  g_test_add_func ("/a11y-names/entry-text", test_entry_text);
  g_test_add_func ("/a11y-names/links-said", test_links_said);

  return g_test_run ();
}
