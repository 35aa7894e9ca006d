/* test-input.c — the application as a person's hands reach it
 *
 * Real pointer and keyboard events through the X server (xdotool), under
 * Xvfb: what a synthesised signal would skip (where GTK puts a scroll
 * event, which widget has the keyboard) is part of what is tested.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "model/wf-templates.h"
#include "ui/wf-canvas-private.h"
#include "ui/wf-export-dialog.h"
#include "ui/wf-launch.h"
#include "ui/wf-palette.h"
#include "ui/wf-presenter.h"
#include "ui/wf-print.h"
#include "ui/wf-toast.h"
#include "test-app.h"

/* Ctrl + one notch of the wheel zooms in around the pointer (GTK 4.8's
 * scroll events carry no position: the canvas once zoomed around NaN and
 * drew nothing ever after).
 */
typedef struct
{
  double zoom;
  double x, y;           /* the pointer, in the canvas */
  double map_x, map_y;   /* the map point under it */
} ZoomState;

static gboolean
step_ctrl_wheel (WfTestApp *app)
{
  ZoomState *state = app->data;
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  double map_x, map_y, offset_x, offset_y;

  if (canvas == NULL)
    return FALSE;

  switch (app->stage)
    {
    case 0:
      state->zoom = wf_canvas_get_zoom (canvas);
      state->x = gtk_widget_get_width (GTK_WIDGET (canvas)) / 3.0;
      state->y = gtk_widget_get_height (GTK_WIDGET (canvas)) / 3.0;
      wf_canvas_widget_to_map (canvas, state->x, state->y, &state->map_x, &state->map_y);
      if (!wf_test_xdotool (GTK_WIDGET (canvas), state->x, state->y,
                            "keydown", "ctrl", "click", "4", "keyup", "ctrl", NULL))
        {
          gtk_window_destroy (GTK_WINDOW (wf_test_app_get_window (app)));
          return TRUE;
        }
      app->stage++;
      return FALSE;

    default:
      if (wf_canvas_get_zoom (canvas) == state->zoom)
        return FALSE;

      wf_canvas_get_offset (canvas, &offset_x, &offset_y);
      g_assert_true (isfinite (offset_x) && isfinite (offset_y));
      g_assert_cmpfloat (wf_canvas_get_zoom (canvas), >, state->zoom);
      g_assert_cmpfloat (wf_canvas_get_zoom (canvas), <=, WF_CANVAS_MAX_ZOOM);

      /* What was under the pointer still is. */
      wf_canvas_widget_to_map (canvas, state->x, state->y, &map_x, &map_y);
      g_assert_cmpfloat_with_epsilon (map_x, state->map_x, 1.0);
      g_assert_cmpfloat_with_epsilon (map_y, state->map_y, 1.0);

      gtk_window_destroy (GTK_WINDOW (wf_test_app_get_window (app)));
      return TRUE;
    }
}

static void
test_ctrl_wheel (void)
{
  ZoomState state = { 0 };

  wf_test_app_run_sample (step_ctrl_wheel, &state);
}

static void
click_widget (GtkWidget *widget)
{
  wf_test_xdotool (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0,
                   "click", "1", NULL);
}

static WfCard *
first_card (WfMap *map)
{
  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
      {
        GPtrArray *cell = wf_map_get_cell (map, wf_map_get_phase (map, p), wf_map_get_lane (map, l));

        if (cell != NULL && cell->len > 0)
          return g_ptr_array_index (cell, 0);
      }

  g_assert_not_reached ();
}

/* A card deleted with the Delete key comes back with the toast's Undo
 * or with Ctrl+Z, with the keyboard on it; the toast is about its own
 * step only: once Ctrl+Z undid it or another edit came after, the toast
 * goes (its Undo once reverted the edit before the deletion).
 */
typedef struct
{
  WfCard *card;
  WfPhase *phase;
  GtkWidget *undo;
  graphene_point_t undo_at;   /* where it was, in the window */
} DeleteState;

/* The toast's Undo button, once it is there and the window has settled:
 * the properties slide in and out with the card, and the toast, centred
 * under the map, moves with them.
 */
static gboolean
undo_button_settled (WfTestApp   *app,
                     DeleteState *state)
{
  WfWindow *window = wf_test_app_get_window (app);
  graphene_point_t at;

  if (state->undo == NULL)
    {
      if ((state->undo = wf_test_find_button (GTK_WIDGET (window), "_Undo")) == NULL)
        return FALSE;
      g_object_add_weak_pointer (G_OBJECT (state->undo), (gpointer *) &state->undo);
      state->undo_at = GRAPHENE_POINT_INIT (-1, -1);
    }

  g_assert_true (gtk_widget_compute_point (state->undo, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &at));
  if (!graphene_point_equal (&at, &state->undo_at))
    {
      state->undo_at = at;
      return FALSE;
    }
  if (!wf_test_app_wait_frame (app, state->undo))
    return FALSE;
  g_assert_true (gtk_widget_compute_point (state->undo, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &at));
  if (!graphene_point_equal (&at, &state->undo_at))
    {
      state->undo_at = at;
      return FALSE;
    }

  return TRUE;
}

static gboolean
step_delete_undo (WfTestApp *app)
{
  DeleteState *state = app->data;
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document = window ? wf_window_get_document (window) : NULL;
  gboolean present;
  WfMap *map;

  if (canvas == NULL)
    return FALSE;

  map = wf_canvas_get_map (canvas);
  present = state->card != NULL && wf_item_get_document (WF_ITEM (state->card)) == document;

  switch (app->stage)
    {
    case 0:
      /* An edit before the one the toast is about. */
      state->phase = wf_map_get_phase (map, 0);
      wf_edit_set (state->phase, "name", "Edited first", NULL);
      wf_undo_stack_seal (wf_document_get_undo_stack (document));

      state->card = g_object_ref (first_card (map));
      wf_canvas_select (canvas, state->card, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (canvas));
      if (!wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "Delete", NULL))
        {
          gtk_window_destroy (GTK_WINDOW (window));
          return TRUE;
        }
      app->stage++;
      return FALSE;

    case 1:
      /* Deleted; the toast's Undo, with the real pointer. */
      if (present || !undo_button_settled (app, state))
        return FALSE;
      click_widget (state->undo);
      app->stage++;
      return FALSE;

    case 2:
      if (!present || state->undo != NULL)
        return FALSE;
      g_assert_cmpstr (wf_phase_get_name (state->phase), ==, "Edited first");
      g_assert_true (wf_canvas_get_focus_card (canvas) == state->card);

      /* Deleted again, and back with Ctrl+Z this time. */
      gtk_widget_grab_focus (GTK_WIDGET (canvas));
      wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "Delete", NULL);
      app->stage++;
      return FALSE;

    case 3:
      if (present || !undo_button_settled (app, state))
        return FALSE;
      wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "ctrl+z", NULL);
      app->stage++;
      return FALSE;

    case 4:
      /* Back, with the keyboard on it, and the toast gone: its Undo has
       * nothing left to undo.
       */
      if (!present || state->undo != NULL)
        return FALSE;
      g_assert_true (wf_canvas_get_focus_card (canvas) == state->card);
      g_assert_true (wf_canvas_a11y_has_keyboard (canvas));
      g_assert_cmpstr (wf_phase_get_name (state->phase), ==, "Edited first");

      /* Deleted once more, then another edit: the toast goes too. */
      wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "Delete", NULL);
      app->stage++;
      return FALSE;

    case 5:
      if (present || !undo_button_settled (app, state))
        return FALSE;
      wf_edit_set (state->phase, "name", "Edited after", NULL);
      app->stage++;
      return FALSE;

    default:
      if (state->undo != NULL)
        return FALSE;
      g_assert_false (present);
      g_assert_cmpstr (wf_phase_get_name (state->phase), ==, "Edited after");

      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_delete_undo (void)
{
  DeleteState state = { 0 };

  wf_test_app_run_sample (step_delete_undo, &state);
  g_clear_object (&state.card);
}

/* Tab from the start of the window reaches the map in a few steps: the
 * palette is one stop (it was one per row, 27 presses in all), and the
 * map shows where its focus is as soon as it has it.
 */
typedef struct
{
  guint      presses;
  GPtrArray *palette_stops;
  GtkWidget *last;
} TabState;

#define MAX_TABS 12

static gboolean
step_tab_to_map (WfTestApp *app)
{
  TabState *state = app->data;
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);
  GtkWidget *focus, *palette;

  if (canvas == NULL)
    return FALSE;

  focus = gtk_root_get_focus (GTK_ROOT (window));
  palette = wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_PALETTE);
  g_assert_nonnull (palette);

  if (app->stage == 0)
    {
      /* Start where a person starts: nothing focused in the window, and
       * the pointer used last (as after opening the map from the start
       * page), so no focus rectangles until a key is pressed.
       */
      gtk_root_set_focus (GTK_ROOT (window), NULL);
      gtk_window_set_focus_visible (GTK_WINDOW (window), FALSE);
      state->last = NULL;
      state->presses = 1;
      app->stage++;
      wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "Tab", NULL);
      return FALSE;
    }

  /* On the map: a card shows the focus, once the window knows the
   * keyboard is in use.
   */
  if (focus == GTK_WIDGET (canvas) && focus == state->last)
    {
      if (wf_canvas_get_focus_card (canvas) == NULL ||
          !gtk_window_get_focus_visible (GTK_WINDOW (window)))
        return FALSE;

      g_test_message ("the map after %u presses of Tab", state->presses);
      g_assert_cmpuint (state->palette_stops->len, ==, 1);
      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }

  if (focus == state->last)
    return FALSE;   /* the last Tab has not arrived yet */

  g_test_message ("Tab %u: %s, focus visible %d", state->presses, focus ? G_OBJECT_TYPE_NAME (focus) : "nothing", gtk_window_get_focus_visible (GTK_WINDOW (window)));

  state->last = focus;

  if (focus == GTK_WIDGET (canvas))
    return FALSE;

  if (focus != NULL && gtk_widget_is_ancestor (focus, palette) &&
      !g_ptr_array_find (state->palette_stops, focus, NULL))
    g_ptr_array_add (state->palette_stops, focus);

  g_assert_cmpuint (state->presses, <, MAX_TABS);
  state->presses++;
  wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "Tab", NULL);
  return FALSE;
}

static void
test_tab_to_map (void)
{
  TabState state = { .palette_stops = g_ptr_array_new () };

  wf_test_app_run_sample (step_tab_to_map, &state);
  g_ptr_array_unref (state.palette_stops);
}

/* Inside the palette the arrows go from row to row, across its groups. */
static gboolean
step_palette_arrows (WfTestApp *app)
{
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *palette;

  if (canvas == NULL)
    return FALSE;

  palette = wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_PALETTE);
  rows = wf_test_find_all_widgets (palette, GTK_TYPE_LIST_BOX_ROW);
  g_assert_cmpuint (rows->len, >, 4);

  switch (app->stage)
    {
    case 0:
      gtk_widget_grab_focus (g_ptr_array_index (rows, 0));
      /* Past the two rows of the first group, into the cards. */
      wf_test_xdotool (palette, 1, 1, "key", "Down", "Down", "Down", "Up", "Down", NULL);
      app->stage++;
      return FALSE;

    default:
      if (gtk_root_get_focus (GTK_ROOT (window)) != g_ptr_array_index (rows, 3))
        return FALSE;

      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_palette_arrows (void)
{
  wf_test_app_run_sample (step_palette_arrows, NULL);
}

/* A map opens readable: card titles (12 px) at least 9 px high, from the
 * top left, not shrunk to fit (the sample's text was 5 px high); each map
 * shows again as it was left when the window switches back to it.
 */
static gboolean
step_first_view (WfTestApp *app)
{
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);
  ZoomState *left = app->data;   /* the view the map was left at */
  GtkDropDown *switcher;
  double x, y;

  if (canvas == NULL)
    return FALSE;

  switcher = GTK_DROP_DOWN (wf_test_find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN));

  switch (app->stage++)
    {
    case 0:
      g_assert_cmpfloat (wf_canvas_get_zoom (canvas), >=, 0.75);
      wf_canvas_get_offset (canvas, &x, &y);
      g_assert_cmpfloat (x, <=, 0);
      g_assert_cmpfloat (y, <=, 0);

      /* Somewhere else in the map, then to the other map and back. */
      wf_canvas_zoom_at (canvas, 1.5, 300, 200);
      wf_canvas_scroll_by (canvas, 120, 80);
      left->zoom = wf_canvas_get_zoom (canvas);
      wf_canvas_get_offset (canvas, &left->x, &left->y);
      g_assert_nonnull (switcher);
      gtk_drop_down_set_selected (switcher, 1);
      return FALSE;

    case 1:
      gtk_drop_down_set_selected (switcher, 0);
      return FALSE;

    default:
      g_assert_cmpfloat (wf_canvas_get_zoom (canvas), ==, left->zoom);
      wf_canvas_get_offset (canvas, &x, &y);
      g_assert_cmpfloat (x, ==, left->x);
      g_assert_cmpfloat (y, ==, left->y);

      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_first_view (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "rich.journey", NULL);
  ZoomState left = { 0 };
  WfTestApp app = { .data = &left };

  wf_test_app_run (&app, path, step_first_view);
}

/* A persona dragged from the palette: the mark shows where its lanes
 * will go (it showed at the bottom of the map while the persona went
 * before the lanes no persona has), and they go there.
 */
typedef struct
{
  graphene_rect_t mark;
  guint           n_personas;
} PersonaDropState;

static gboolean
step_persona_drop (WfTestApp *app)
{
  PersonaDropState *state = app->data;
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);
  WfDocument *document = window ? wf_window_get_document (window) : NULL;
  WfLayout *layout;
  GtkWidget *row;

  if (canvas == NULL)
    return FALSE;

  layout = wf_scene_get_layout (wf_canvas_get_scene (canvas));

  switch (app->stage)
    {
    case 0:
      state->n_personas = wf_document_get_n_personas (document);
      row = wf_test_find_palette_row (GTK_WIDGET (window), "persona");
      g_assert_nonnull (row);
      if (!wf_test_xdotool_drag (row, 20, gtk_widget_get_height (row) / 2.0,
                                 GTK_WIDGET (canvas), gtk_widget_get_width (GTK_WIDGET (canvas)) / 2.0,
                                 gtk_widget_get_height (GTK_WIDGET (canvas)) / 2.0, FALSE))
        {
          gtk_window_destroy (GTK_WINDOW (window));
          return TRUE;
        }
      app->stage++;
      return FALSE;

    case 1:
      /* Still held over the map. */
      if (!wf_canvas_get_drop_mark (canvas, &state->mark))
        return FALSE;

      wf_test_xdotool (GTK_WIDGET (canvas), gtk_widget_get_width (GTK_WIDGET (canvas)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (canvas)) / 2.0, "mouseup", "1", NULL);
      app->stage++;
      return FALSE;

    default:
      if (wf_document_get_n_personas (document) == state->n_personas)
        return FALSE;

      /* The new persona's band starts where the mark was. */
      {
        const WfRow *band = NULL;

        for (guint r = 0; r < wf_layout_get_n_rows (layout) && band == NULL; r++)
          if (wf_layout_get_row (layout, r)->persona == wf_document_get_persona (document, state->n_personas))
            band = wf_layout_get_row (layout, r);

        g_assert_nonnull (band);
        g_assert_cmpfloat_with_epsilon (band->y, state->mark.origin.y + state->mark.size.height / 2, 0.5);
      }

      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_persona_drop (void)
{
  PersonaDropState state = { 0 };

  wf_test_app_run_sample (step_persona_drop, &state);
}

/* F9 shows the journey's details beside the map, in a pane of its own
 * width: it took half of a 1200-pixel window.
 */
static gboolean
step_details_pane (WfTestApp *app)
{
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);
  AdwFlap *flap;
  GtkWidget *pane;

  if (canvas == NULL)
    return FALSE;

  flap = ADW_FLAP (wf_test_find_widget (GTK_WIDGET (window), ADW_TYPE_FLAP));
  pane = adw_flap_get_flap (flap);

  if (app->stage++ == 0)
    {
      g_assert_false (adw_flap_get_reveal_flap (flap));
      wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "F9", NULL);
      return FALSE;
    }

  /* Shown, and laid out: the slide is over. */
  if (!adw_flap_get_reveal_flap (flap) || adw_flap_get_reveal_progress (flap) < 1 ||
      gtk_widget_get_width (pane) == 0)
    return FALSE;

  g_test_message ("window %d, pane %d, map %d", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_width (pane), gtk_widget_get_width (GTK_WIDGET (canvas)));
  g_assert_cmpint (gtk_widget_get_width (pane), <=, 400);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), >=, 400);

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_details_pane (void)
{
  wf_test_app_run_sample (step_details_pane, NULL);
}

/* The Export dialog keeps what was chosen (it forgot the title block). */

/* The switch of the row titled @title. */
static GtkWidget *
find_row_switch (GtkWidget  *root,
                 const char *title)
{
  GtkWidget *row = wf_test_find_row (root, ADW_TYPE_ACTION_ROW, title);

  return row != NULL ? adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) : NULL;
}

static gboolean
step_export_remembers (WfTestApp *app)
{
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);
  GtkWindow *dialog = wf_test_find_window (WF_TYPE_EXPORT_DIALOG);
  GtkWidget *title_block;

  if (canvas == NULL)
    return FALSE;

  switch (app->stage)
    {
    case 0:
    case 3:
      if (dialog != NULL)
        return FALSE;   /* the last one is still closing */
      wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "ctrl+shift+e", NULL);
      app->stage++;
      return FALSE;

    case 1:
      if (dialog == NULL || (title_block = find_row_switch (GTK_WIDGET (dialog), "_Title Block")) == NULL ||
          !gtk_widget_get_mapped (title_block))
        return FALSE;
      g_assert_false (gtk_switch_get_active (GTK_SWITCH (title_block)));
      /* The row may be below the fold of the settings: the keyboard
       * reaches it wherever it is.
       */
      gtk_widget_grab_focus (title_block);
      wf_test_xdotool (title_block, 1, 1, "key", "space", NULL);
      app->stage++;
      return FALSE;

    case 2:
      title_block = find_row_switch (GTK_WIDGET (dialog), "_Title Block");
      if (!gtk_switch_get_active (GTK_SWITCH (title_block)))
        return FALSE;
      wf_test_xdotool (title_block, 1, 1, "key", "Escape", NULL);
      app->stage++;
      return FALSE;

    default:
      if (dialog == NULL || (title_block = find_row_switch (GTK_WIDGET (dialog), "_Title Block")) == NULL)
        return FALSE;
      g_assert_true (gtk_switch_get_active (GTK_SWITCH (title_block)));

      gtk_window_destroy (dialog);
      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_export_remembers (void)
{
  wf_test_app_run_sample (step_export_remembers, NULL);
}

/* Whether the message dialog has come, headed @heading and offering
 * @response; then it is answered with Close, and @window closed.
 */
static gboolean
dialog_offers (WfWindow   *window,
               const char *heading,
               const char *response)
{
  AdwMessageDialog *dialog = wf_test_find_dialog ();

  if (dialog == NULL)
    return FALSE;

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

/* F1 without a help viewer says so and offers the shortcuts (it failed
 * with only a warning on the terminal).
 */
static gboolean
step_no_help (WfTestApp *app)
{
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);

  if (canvas == NULL)
    return FALSE;

  if (app->stage++ == 0)
    {
      wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "F1", NULL);
      return FALSE;
    }

  return dialog_offers (window, "Could Not Show the Help", "shortcuts");
}

static void
test_no_help (void)
{
  g_autofree char *yelp = g_find_program_in_path ("yelp");

  if (yelp != NULL)
    {
      g_test_skip ("a help viewer is installed");
      return;
    }

  wf_test_app_run_sample (step_no_help, NULL);
}

/* Print Preview without a document viewer says so and offers the Export
 * dialog (GTK said only that a child process failed).
 */
static gboolean
step_no_previewer (WfTestApp *app)
{
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);

  if (canvas == NULL)
    return FALSE;

  if (app->stage++ == 0)
    {
      g_autoptr(GtkPrintOperation) operation = wf_print_operation_new (wf_window_get_document (window),
                                                                       wf_canvas_get_map (canvas));
      g_autoptr(GError) error = NULL;

      g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)),
                    "gtk-print-preview-command", "wayfinder-test-no-such-viewer %f", NULL);
      gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PREVIEW, GTK_WINDOW (window), &error);
      g_assert_no_error (error);
      return FALSE;
    }

  return dialog_offers (window, "No Print Preview", "export");
}

static void
test_no_previewer (void)
{
  wf_test_app_run_sample (step_no_previewer, NULL);
}

/* A toast shows a title as it is, on one line and short enough to lay
 * out at once, whatever the title.
 */
static void
test_toast_text (void)
{
  g_autoptr(GString) huge = g_string_new ("Q&A <draft>\n");
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(AdwToast) plain = g_object_ref_sink (wf_toast_new_text ("Tips & <tricks>"));

  for (guint i = 0; i < 100000; i++)
    g_string_append (huge, "long title ");
  toast = g_object_ref_sink (wf_toast_new_text (huge->str));

  g_assert_cmpstr (adw_toast_get_title (plain), ==, "Tips &amp; &lt;tricks&gt;");
  g_assert_true (g_str_has_prefix (adw_toast_get_title (toast), "Q&amp;A &lt;draft&gt;\\nlong title"));
  g_assert_cmpuint (g_utf8_strlen (adw_toast_get_title (toast), -1), <, 300);
}

/* F5, then Escape: the map shows as it was before the presentation (it
 * came back fitted, the reader's zoom and place gone).
 */
static gboolean
step_present_keeps_view (WfTestApp *app)
{
  ZoomState *before = app->data;
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);
  WfPresenter *presenter;
  double x, y;

  if (canvas == NULL)
    return FALSE;

  presenter = wf_window_get_presenter (window);

  switch (app->stage)
    {
    case 0:
      wf_canvas_zoom_at (canvas, 1.3, 200, 150);
      wf_canvas_scroll_by (canvas, 90, 60);
      before->zoom = wf_canvas_get_zoom (canvas);
      wf_canvas_get_offset (canvas, &before->x, &before->y);
      wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "F5", NULL);
      app->stage++;
      return FALSE;

    case 1:
      if (!wf_presenter_is_active (presenter) || !wf_test_app_wait_frame (app, GTK_WIDGET (canvas)))
        return FALSE;
      g_assert_cmpfloat (wf_canvas_get_zoom (canvas), !=, before->zoom);
      wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "Escape", NULL);
      app->stage++;
      return FALSE;

    default:
      if (wf_presenter_is_active (presenter) || !wf_test_app_wait_frame (app, GTK_WIDGET (canvas)))
        return FALSE;
      g_assert_cmpfloat (wf_canvas_get_zoom (canvas), ==, before->zoom);
      wf_canvas_get_offset (canvas, &x, &y);
      g_assert_cmpfloat (x, ==, before->x);
      g_assert_cmpfloat (y, ==, before->y);

      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_present_keeps_view (void)
{
  ZoomState before = { 0 };

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  wf_test_app_run_sample (step_present_keeps_view, &before);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
}

/* Presenting on a small projector (1024 × 768), the phase in the light
 * is seen whole across: it was cut at the right, its cards with it.
 */
static gboolean
step_present_small (WfTestApp *app)
{
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);
  graphene_rect_t visible;
  double x, w;

  if (canvas == NULL)
    return FALSE;

  switch (app->stage)
    {
    case 0:
      wf_test_xdotool_resize (GTK_WIDGET (window), 1024, 768);
      app->stage++;
      return FALSE;

    case 1:
      if (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))) != 1024 ||
          !wf_test_app_wait_frame (app, GTK_WIDGET (canvas)))
        return FALSE;
      wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "F5", NULL);
      app->stage++;
      return FALSE;

    default:
      if (!wf_presenter_is_active (wf_window_get_presenter (window)) ||
          wf_canvas_get_spotlight (canvas) < 0 || !wf_test_app_wait_frame (app, GTK_WIDGET (canvas)))
        return FALSE;

      wf_layout_get_phase_bounds (wf_scene_get_layout (wf_canvas_get_scene (canvas)),
                                  wf_canvas_get_spotlight (canvas), &x, &w);
      wf_canvas_get_visible_area (canvas, &visible);
      g_test_message ("phase %.0f to %.0f, view %.0f to %.0f", x, x + w,
                      visible.origin.x, visible.origin.x + visible.size.width);
      g_assert_cmpfloat (x, >=, visible.origin.x);
      g_assert_cmpfloat (x + w, <=, visible.origin.x + visible.size.width);

      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_present_small (void)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  wf_test_app_run_sample (step_present_small, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
}

/* Open or Show Folder where no program can show the file says so, and
 * where the file is (GTK only logged a warning).
 */
static gboolean
step_launch_nothing (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  AdwMessageDialog *dialog;

  if (wf_test_app_get_canvas (app) == NULL)
    return FALSE;

  if (app->stage++ == 0)
    {
      wf_launch_uri (GTK_WINDOW (window), "wayfinder-test-nothing-opens:exported-map");
      return FALSE;
    }

  if ((dialog = wf_test_find_dialog ()) == NULL)
    return FALSE;

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the File");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "exported-map"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_launch_nothing (void)
{
  wf_test_app_run_sample (step_launch_nothing, NULL);
}

/* Ctrl+V reads the clipboard without blocking the window: two lines of
 * text from another program become two cards.
 */
/* Space held with a drag pans the map; the press selects nothing, even
 * on a card, and the selection stays. */
typedef struct
{
  WfCard *selected;
  double  offset_x, offset_y;
} SpacePan;

static gboolean
step_space_pan (WfTestApp *app)
{
  SpacePan *state = app->data;
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  g_autoptr(GList) selection = NULL;
  WfMap *map;

  if (canvas == NULL || (map = wf_canvas_get_map (canvas)) == NULL ||
      !wf_test_app_wait_frame (app, GTK_WIDGET (canvas)))
    return FALSE;

  switch (app->stage)
    {
    case 0:
      {
        g_autoptr(GPtrArray) cards = wf_map_list_cards (map);
        WfCard *other = NULL;
        graphene_rect_t bounds;
        double zoom = wf_canvas_get_zoom (canvas);
        double x, y;

        state->selected = first_card (map);
        for (guint i = 0; i < cards->len && other == NULL; i++)
          if (g_ptr_array_index (cards, i) != state->selected)
            other = g_ptr_array_index (cards, i);
        g_assert_nonnull (other);

        wf_canvas_select (canvas, state->selected, FALSE);
        wf_canvas_reveal (canvas, other);
        wf_canvas_get_offset (canvas, &state->offset_x, &state->offset_y);
        g_assert_true (wf_layout_get_card_bounds (wf_scene_get_layout (wf_canvas_get_scene (canvas)), other, &bounds));
        x = (bounds.origin.x + bounds.size.width / 2 - state->offset_x) * zoom;
        y = (bounds.origin.y + bounds.size.height / 2 - state->offset_y) * zoom;

        /* Press on the other card with Space down, drag, let go: Space
         * goes to the canvas, not to a button that has the focus. */
        gtk_widget_grab_focus (GTK_WIDGET (canvas));
        if (!wf_test_xdotool (GTK_WIDGET (canvas), x, y,
                              "keydown", "space", "mousedown", "1",
                              "mousemove_relative", "--", "-60", "-40",
                              "mousemove_relative", "--", "-60", "-40",
                              "mouseup", "1", "keyup", "space", NULL))
          {
            gtk_window_destroy (GTK_WINDOW (wf_test_app_get_window (app)));
            return TRUE;
          }
        app->stage++;
        return FALSE;
      }

    case 1:
      {
        double offset_x, offset_y;

        if (!wf_test_app_keys_arrived (app))
          return FALSE;
        wf_canvas_get_offset (canvas, &offset_x, &offset_y);
        if (offset_x == state->offset_x && offset_y == state->offset_y)
          return FALSE;

        selection = wf_canvas_get_selection (canvas);
        g_assert_cmpuint (g_list_length (selection), ==, 1);
        g_assert_true (selection->data == state->selected);
        gtk_window_destroy (GTK_WINDOW (wf_test_app_get_window (app)));
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static void
test_space_pan (void)
{
  SpacePan state = { NULL };

  wf_test_app_run_sample (step_space_pan, &state);
}

static gboolean
step_paste (WfTestApp *app)
{
  guint *before = app->data;
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfWindow *window = wf_test_app_get_window (app);
  WfMap *map;

  if (canvas == NULL)
    return FALSE;

  map = wf_canvas_get_map (canvas);

  if (app->stage++ == 0)
    {
      *before = wf_map_get_n_cards (map);
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (canvas)), "Pasted one\nPasted two\n");
      wf_canvas_select (canvas, first_card (map), FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (canvas));
      wf_test_xdotool (GTK_WIDGET (canvas), 1, 1, "key", "ctrl+v", NULL);
      return FALSE;
    }

  if (wf_map_get_n_cards (map) != *before + 2)
    return FALSE;

  gtk_window_destroy (GTK_WINDOW (window));
  return TRUE;
}

static void
test_paste (void)
{
  guint before = 0;

  wf_test_app_run_sample (step_paste, &before);
}

/* An undo toast goes as soon as its step is not the last one done: its
 * Undo could not do anything any more.
 */
static void
on_dismissed (AdwToast *toast,
              guint    *n_dismissed)
{
  (*n_dismissed)++;
}

static void
test_toast_undo (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfPhase *phase = wf_map_get_phase (wf_document_get_map (document, 0), 0);
  GtkWidget *overlay = g_object_ref_sink (adw_toast_overlay_new ());
  g_autoptr(AdwToast) toast = NULL;
  guint n_dismissed = 0;

  wf_edit_set (phase, "name", "Before", NULL);
  toast = g_object_ref_sink (wf_toast_new_undo (stack, "Renamed"));
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed), &n_dismissed);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");

  /* Undone and redone: it is the step on top again, but the toast went.
   * It goes once it has been shown for its animation's time (libadwaita
   * 1.2 crashes otherwise); until then its Undo does nothing. */
  g_assert_true (wf_undo_stack_undo (stack));
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpstr (wf_phase_get_name (phase), !=, "Before");
  g_assert_true (wf_undo_stack_can_redo (stack));
  while (n_dismissed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_dismissed, ==, 1);
  g_assert_true (wf_undo_stack_redo (stack));
  g_assert_cmpuint (n_dismissed, ==, 1);

  /* Another edit after it, with a toast of its own. */
  g_clear_object (&toast);
  n_dismissed = 0;
  toast = g_object_ref_sink (wf_toast_new_undo (stack, "Renamed"));
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed), &n_dismissed);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  wf_edit_set (phase, "name", "After", NULL);
  while (n_dismissed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_dismissed, ==, 1);

  g_object_unref (overlay);
}

int
main (int   argc,
      char *argv[])
{
  wf_test_app_init (&argc, &argv);

  g_test_add_func ("/input/canvas/ctrl-wheel", test_ctrl_wheel);
  g_test_add_func ("/input/canvas/delete-undo", test_delete_undo);
  g_test_add_func ("/input/tab-to-map", test_tab_to_map);
  g_test_add_func ("/input/details-pane", test_details_pane);
  g_test_add_func ("/input/export/remembers", test_export_remembers);
  g_test_add_func ("/input/help/no-viewer", test_no_help);
  g_test_add_func ("/input/print/no-previewer", test_no_previewer);
  g_test_add_func ("/input/toast/text", test_toast_text);
  g_test_add_func ("/input/toast/undo", test_toast_undo);
  g_test_add_func ("/input/space-pan", test_space_pan);
  g_test_add_func ("/input/present/keeps-view", test_present_keeps_view);
  g_test_add_func ("/input/present/small-screen", test_present_small);
  g_test_add_func ("/input/launch/nothing-opens", test_launch_nothing);
  g_test_add_func ("/input/canvas/paste", test_paste);
  g_test_add_func ("/input/palette/arrows", test_palette_arrows);
  g_test_add_func ("/input/canvas/first-view", test_first_view);
  g_test_add_func ("/input/canvas/persona-drop", test_persona_drop);

  return g_test_run ();
}
