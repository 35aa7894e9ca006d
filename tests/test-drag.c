/* test-drag.c — drags with a real pointer on the running application
 *
 * Under Xvfb: starts Wayfinder with an empty home, opens the sample map
 * from the start page with a click, drags a Touchpoint from the palette
 * onto a cell, a Phase between two phases and a card to another phase,
 * quits with Ctrl+Q, and reads what the library then holds.
 *
 * The pointer and the keyboard are xdotool's, so every event goes through
 * the X server and GTK's drag and drop as a person's would; so no other
 * test may show a window meanwhile (is_parallel: false). Nothing here
 * waits for a time. Targets are found from the widgets' and the map's
 * geometry when they are needed. Each pointer move returns once the X
 * server has moved the pointer and the app has handled every event that
 * caused (xdotool --sync, then a round trip to the server and the main
 * loop run dry), and each step then waits for what it needs: the window
 * mapped, the map shown, the drag begun, the drag seen where the pointer
 * is, the item weighed by the canvas there, the edit applied. One
 * generous deadline for the whole run makes a broken build fail instead
 * of hang, naming what it waited for.
 *
 * So it runs xdotool and waits in its own way, not with test-app's steps
 * (polled every 50 ms, with xdotool's commands queued to run meanwhile);
 * it starts, skips and finds widgets as the other UI tests do.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "model/wf-model.h"
#include "render/wf-layout.h"
#include "storage/wf-library.h"
#include "ui/wf-library-view.h"
#include "ui/wf-palette.h"
#include "test-app.h"

/* For the whole run, however loaded the machine: far more than it needs
 * (a few seconds when idle), less than meson's timeout for the test. */
#define DEADLINE_SECONDS 200

typedef struct
{
  WfApplication *app;
  gint64         deadline;
  char          *xid;

  WfWindow      *window;
  WfCanvas      *canvas;
  WfMap         *map;

  /* Where the pointer was sent last, in window coordinates. */
  graphene_point_t pointer;

  /* Where the window last saw a drag go by (window coordinates). */
  struct {
    guint        n_motions;
    double       x, y;
  } dnd;

  /* Where the canvas's drop target was last offered the drag (canvas
   * coordinates), and whether the canvas itself weighed it there: its
   * ::motion handler, knowing what is dropped. (The first point over the
   * canvas comes as ::enter, which GtkDropTarget answers alone.) */
  struct {
    double       x, y;
    gboolean     weighed;
  } drop;

  /* The drag source of the palette row being dragged. */
  GtkDragSource *palette_source;

  /* The canvas's drag gesture (moving a card): where it began and the
   * point of its last update, in canvas coordinates. */
  struct {
    gboolean     begun;
    double       start_x, start_y;
    double       x, y;
  } move;

  /* What the step under way waits for: the cell that gets a card, and
   * how many it had; the card that moves. */
  struct {
    WfPhase     *phase;
    WfLane      *lane;
    guint        n_cards;
  } cell;
  WfCard        *card;
} Fixture;

static void
check_deadline (Fixture    *f,
                const char *what)
{
  if (g_get_monotonic_time () > f->deadline)
    g_error ("Gave up after %d s waiting until %s", DEADLINE_SECONDS, what);
}

/* Iterates the main context until @done is true. */
static void
wait_for (Fixture     *f,
          gboolean   (*done) (Fixture *f),
          const char  *what)
{
  while (!done (f))
    {
      check_deadline (f, what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_test_message ("%s", what);
}

/* Handles every event the X server has sent so far, and what follows
 * from them in the app (a drag's motion comes back as a second event). */
static void
settle (Fixture *f)
{
  gdk_display_sync (gdk_display_get_default ());
  while (g_main_context_pending (NULL))
    {
      check_deadline (f, "the main loop has run dry");
      g_main_context_iteration (NULL, FALSE);
    }
}

/* Runs xdotool. */
static void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;
  va_list args;

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("xdotool %s: %s %s", first, error->message, err);
}

/* The pointer to a point of @widget, in its own coordinates; returns
 * once the app has handled what that did. */
static void
pointer_to (Fixture   *f,
            GtkWidget *widget,
            double     x,
            double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double sx, sy;
  g_autofree char *px = NULL, *py = NULL;

  g_assert_true (native == GTK_NATIVE (f->window));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point));
  f->pointer = GRAPHENE_POINT_INIT (round (point.x), round (point.y));

  gtk_native_get_surface_transform (native, &sx, &sy);
  px = g_strdup_printf ("%d", (int) round (f->pointer.x + sx));
  py = g_strdup_printf ("%d", (int) round (f->pointer.y + sy));
  xdotool ("mousemove", "--sync", "--window", f->xid, px, py, NULL);
  settle (f);
}

/* Whether a point of @widget is where the pointer was sent. */
static gboolean
at_pointer (Fixture   *f,
            GtkWidget *widget,
            double     x,
            double     y)
{
  graphene_point_t point;

  return gtk_widget_compute_point (widget, GTK_WIDGET (f->window), &GRAPHENE_POINT_INIT (x, y), &point) &&
         fabs (point.x - f->pointer.x) < 0.5 && fabs (point.y - f->pointer.y) < 0.5;
}

/* A point of the map, in map units, as canvas coordinates. */
static void
map_to_canvas (Fixture *f,
               double   map_x,
               double   map_y,
               double  *x,
               double  *y)
{
  double offset_x, offset_y, zoom = wf_canvas_get_zoom (f->canvas);

  wf_canvas_get_offset (f->canvas, &offset_x, &offset_y);
  *x = round ((map_x - offset_x) * zoom);
  *y = round ((map_y - offset_y) * zoom);
  g_assert_cmpfloat (*x, >, 0);
  g_assert_cmpfloat (*x, <, gtk_widget_get_width (GTK_WIDGET (f->canvas)));
  g_assert_cmpfloat (*y, >, 0);
  g_assert_cmpfloat (*y, <, gtk_widget_get_height (GTK_WIDGET (f->canvas)));
}

/* During a drag: the pointer to a point of @widget, until the window has
 * seen the drag there and @done (if any) holds. A drag's first move is
 * announced to the window without its point, and GDK does not send a
 * point while the last one is unanswered; then a pixel to the side and
 * back, as a hand would, until the point arrives. */
static void
drag_pointer_to (Fixture    *f,
                 GtkWidget  *widget,
                 double      x,
                 double      y,
                 gboolean  (*done) (Fixture *f),
                 const char *what)
{
  guint moves;

  for (moves = 1;; moves++)
    {
      f->dnd.n_motions = 0;
      pointer_to (f, widget, x + (moves + 1) % 2, y);
      if (f->dnd.n_motions > 0 && at_pointer (f, GTK_WIDGET (f->window), f->dnd.x, f->dnd.y) &&
          (done == NULL || done (f)))
        break;
      check_deadline (f, what);
    }
  g_test_message ("%s (%u %s)", what, moves, moves == 1 ? "move" : "moves");
}

/* The first controller of @type on @widget; of drag gestures, the one of
 * the primary button that also takes a mouse. */
static gpointer
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) &&
          (type != GTK_TYPE_GESTURE_DRAG ||
           (gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY &&
            !gtk_gesture_single_get_touch_only (GTK_GESTURE_SINGLE (controller)))))
        return controller;
    }

  return NULL;
}

/* The canvas's title editor */
static GtkWidget *
find_editor (Fixture *f)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->canvas)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      return child;

  return NULL;
}

static WfPhase *
find_phase (WfMap      *map,
            const char *name)
{
  for (guint i = 0; i < wf_map_get_n_phases (map); i++)
    if (g_strcmp0 (wf_phase_get_name (wf_map_get_phase (map, i)), name) == 0)
      return wf_map_get_phase (map, i);

  g_error ("The map has no phase “%s”", name);
}

static WfLane *
find_lane (WfMap      *map,
           WfLaneKind  kind)
{
  for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
    if (wf_lane_get_kind (wf_map_get_lane (map, i)) == kind)
      return wf_map_get_lane (map, i);

  g_error ("The map has no lane of kind %d", kind);
}

static WfCard *
find_card (WfMap      *map,
           const char *title_start)
{
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);

  for (guint i = 0; i < cards->len; i++)
    if (g_str_has_prefix (wf_card_get_title (cards->pdata[i]), title_start))
      return cards->pdata[i];

  g_error ("The map has no card “%s…”", title_start);
}

static WfLayout *
get_layout (Fixture *f)
{
  return wf_scene_get_layout (wf_canvas_get_scene (f->canvas));
}

/* Observers. They only look; the app's own handlers decide. */

static void
on_window_drag_motion (GtkDropControllerMotion *controller,
                       double                   x,
                       double                   y,
                       Fixture                 *f)
{
  f->dnd.n_motions++;
  f->dnd.x = x;
  f->dnd.y = y;
}

/* For GtkDropTarget's ::enter and ::motion */
static gboolean
on_drop_offered_hook (GSignalInvocationHint *hint,
                      guint                  n_values,
                      const GValue          *values,
                      gpointer               data)
{
  Fixture *f = data;
  GtkDropTarget *target = g_value_get_object (&values[0]);

  if (f->canvas != NULL && gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)) == GTK_WIDGET (f->canvas))
    {
      f->drop.x = g_value_get_double (&values[1]);
      f->drop.y = g_value_get_double (&values[2]);
      f->drop.weighed = hint->signal_id == g_signal_lookup ("motion", GTK_TYPE_DROP_TARGET) &&
                        gtk_drop_target_get_value (target) != NULL;
    }

  return TRUE;
}

static void
on_move_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               Fixture        *f)
{
  f->move.begun = TRUE;
  f->move.start_x = f->move.x = x;
  f->move.start_y = f->move.y = y;
}

static void
on_move_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                Fixture        *f)
{
  f->move.x = f->move.start_x + dx;
  f->move.y = f->move.start_y + dy;
}

/* Conditions */

static gboolean
window_mapped (Fixture *f)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (f->app));

  if (!WF_IS_WINDOW (window) || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  f->window = WF_WINDOW (window);
  return TRUE;
}

static GtkWidget *
library_row (Fixture *f)
{
  GtkWidget *view = wf_test_find_widget (GTK_WIDGET (f->window), WF_TYPE_LIBRARY_VIEW);
  GtkWidget *list = view ? wf_test_find_widget (view, GTK_TYPE_LIST_BOX) : NULL;
  GtkListBoxRow *row = list ? gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0) : NULL;

  if (row == NULL || g_object_get_data (G_OBJECT (row), "document-id") == NULL ||
      !gtk_widget_get_mapped (GTK_WIDGET (row)) || gtk_widget_get_width (GTK_WIDGET (row)) == 0)
    return NULL;

  return GTK_WIDGET (row);
}

static gboolean
start_page_shown (Fixture *f)
{
  return library_row (f) != NULL;
}

static gboolean
map_fitted (Fixture *f)
{
  WfLayout *layout = get_layout (f);

  return wf_layout_get_width (layout) * wf_canvas_get_zoom (f->canvas) <= gtk_widget_get_width (GTK_WIDGET (f->canvas)) &&
         wf_layout_get_height (layout) * wf_canvas_get_zoom (f->canvas) <= gtk_widget_get_height (GTK_WIDGET (f->canvas));
}

static gboolean
map_shown (Fixture *f)
{
  GtkWidget *palette;

  if (wf_window_get_document (f->window) == NULL)
    return FALSE;

  f->canvas = WF_CANVAS (wf_test_find_widget (GTK_WIDGET (f->window), WF_TYPE_CANVAS));
  palette = wf_test_find_widget (GTK_WIDGET (f->window), WF_TYPE_PALETTE);

  return f->canvas != NULL && wf_canvas_get_map (f->canvas) != NULL &&
         gtk_widget_get_width (GTK_WIDGET (f->canvas)) > 0 &&
         palette != NULL && gtk_widget_get_width (palette) > 0;
}

static gboolean
palette_pressed (Fixture *f)
{
  return gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (f->palette_source)) == GDK_BUTTON_PRIMARY;
}

static gboolean
palette_drag_begun (Fixture *f)
{
  return gtk_drag_source_get_drag (f->palette_source) != NULL;
}

static gboolean
palette_drag_over (Fixture *f)
{
  return gtk_drag_source_get_drag (f->palette_source) == NULL;
}

static gboolean
canvas_weighed_drop (Fixture *f)
{
  return f->drop.weighed && at_pointer (f, GTK_WIDGET (f->canvas), f->drop.x, f->drop.y);
}

static gboolean
move_begun (Fixture *f)
{
  return f->move.begun;
}

static gboolean
move_followed (Fixture *f)
{
  return at_pointer (f, GTK_WIDGET (f->canvas), f->move.x, f->move.y);
}

static gboolean
touchpoint_added (Fixture *f)
{
  return wf_map_get_n_cell_cards (f->map, f->cell.phase, f->cell.lane) == f->cell.n_cards + 1;
}

static gboolean
editor_closed (Fixture *f)
{
  GtkWidget *editor = find_editor (f);

  return editor == NULL || !gtk_widget_get_visible (editor);
}

static gboolean
phase_added (Fixture *f)
{
  return wf_map_get_n_phases (f->map) == 6;
}

static gboolean
card_moved (Fixture *f)
{
  return wf_card_get_phase (f->card) == find_phase (f->map, "Decision");
}

static gboolean
has_keyboard (Fixture *f)
{
  return gtk_window_is_active (GTK_WINDOW (f->window));
}

static gboolean
no_window (Fixture *f)
{
  return gtk_application_get_windows (GTK_APPLICATION (f->app)) == NULL;
}

/* Drags */

/* Drags the palette item @kind to the point of the map (@map_x, @map_y)
 * and drops it there, once the canvas has weighed the item there. The
 * caller waits for the result.
 */
static void
drag_from_palette (Fixture    *f,
                   const char *kind,
                   double      map_x,
                   double      map_y)
{
  GtkWidget *palette = wf_test_find_widget (GTK_WIDGET (f->window), WF_TYPE_PALETTE);
  GtkWidget *row = wf_test_find_palette_row (palette, kind);
  double h, x, y;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  f->palette_source = find_controller (row, GTK_TYPE_DRAG_SOURCE);
  g_assert_nonnull (f->palette_source);

  h = gtk_widget_get_height (row);
  pointer_to (f, row, 20, h / 2);
  xdotool ("mousedown", "1", NULL);
  wait_for (f, palette_pressed, "the palette row is pressed");
  pointer_to (f, row, 60, h / 2);
  wait_for (f, palette_drag_begun, "the drag from the palette has begun");
  drag_pointer_to (f, row, 64, h / 2, NULL, "the window sees the drag");

  map_to_canvas (f, map_x, map_y, &x, &y);
  drag_pointer_to (f, GTK_WIDGET (f->canvas), x, y, canvas_weighed_drop, "the canvas weighs the item at the drop point");
  g_assert_cmpint (gdk_drag_get_selected_action (gtk_drag_source_get_drag (f->palette_source)), ==, GDK_ACTION_COPY);

  xdotool ("mouseup", "1", NULL);
  wait_for (f, palette_drag_over, "the drag from the palette is over");
  f->palette_source = NULL;
}

/* Drags @card with the primary button to the point of the map
 * (@map_x, @map_y) and lets go there. */
static void
drag_card (Fixture *f,
           WfCard  *card,
           double   map_x,
           double   map_y)
{
  GtkGestureDrag *gesture = find_controller (GTK_WIDGET (f->canvas), GTK_TYPE_GESTURE_DRAG);
  graphene_rect_t bounds;
  double x, y, start_map_x, start_map_y;
  gulong begin_id, update_id;

  g_assert_nonnull (gesture);
  begin_id = g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_move_begin), f);
  update_id = g_signal_connect (gesture, "drag-update", G_CALLBACK (on_move_update), f);
  f->move.begun = FALSE;

  g_assert_true (wf_layout_get_card_bounds (get_layout (f), card, &bounds));
  map_to_canvas (f, bounds.origin.x + bounds.size.width / 2, bounds.origin.y + bounds.size.height / 2, &x, &y);
  pointer_to (f, GTK_WIDGET (f->canvas), x, y);
  xdotool ("mousedown", "1", NULL);
  wait_for (f, move_begun, "the canvas's drag has begun");

  /* It began on the card. */
  wf_canvas_widget_to_map (f->canvas, f->move.start_x, f->move.start_y, &start_map_x, &start_map_y);
  g_assert_true (wf_layout_card_at (get_layout (f), start_map_x, start_map_y) == card);

  map_to_canvas (f, map_x, map_y, &x, &y);
  pointer_to (f, GTK_WIDGET (f->canvas), x, y);
  wait_for (f, move_followed, "the canvas's drag has followed the pointer");
  xdotool ("mouseup", "1", NULL);

  g_signal_handler_disconnect (gesture, begin_id);
  g_signal_handler_disconnect (gesture, update_id);
}

static void
run_scenario (Fixture *f)
{
  GtkEventController *observer;
  GtkWidget *row;
  WfLayout *layout;
  WfPhase *decision;
  WfLane *touchpoints;
  double x, width;
  const WfRow *lane_row;

  wait_for (f, window_mapped, "the window is mapped");
#ifdef GDK_WINDOWING_X11
  f->xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (f->window))));
#endif

  /* To know where the window sees a drag; it takes nothing. */
  observer = gtk_drop_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (observer, GTK_PHASE_CAPTURE);
  g_signal_connect (observer, "motion", G_CALLBACK (on_window_drag_motion), f);
  gtk_widget_add_controller (GTK_WIDGET (f->window), observer);

  /* The sample, from the start page. */
  wait_for (f, start_page_shown, "the start page shows the library");
  row = library_row (f);
  pointer_to (f, row, gtk_widget_get_width (row) / 2.0, gtk_widget_get_height (row) / 2.0);
  xdotool ("click", "1", NULL);
  wait_for (f, map_shown, "the map is shown");

  f->map = wf_canvas_get_map (f->canvas);
  layout = get_layout (f);

  /* The whole map in view, as Zoom to Fit shows it: a map opens at a
   * readable size, from its top left, with Decision out of sight.
   */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.zoom-fit", NULL));
  wait_for (f, map_fitted, "the whole map is in view");
  decision = find_phase (f->map, "Decision");
  touchpoints = find_lane (f->map, WF_LANE_TOUCHPOINTS);
  g_assert_cmpuint (wf_map_get_n_phases (f->map), ==, 5);
  g_assert_cmpuint (wf_map_get_n_cards (f->map), ==, 13);

  /* A Touchpoint onto Decision × Touchpoints, below the cards there; the
   * title editor it opens is closed with Escape. */
  f->cell.phase = decision;
  f->cell.lane = touchpoints;
  f->cell.n_cards = wf_map_get_n_cell_cards (f->map, decision, touchpoints);
  wf_layout_get_phase_bounds (layout, wf_map_get_phase_index (f->map, decision), &x, &width);
  lane_row = wf_layout_get_row (layout, wf_layout_get_lane_row (layout, touchpoints));
  drag_from_palette (f, "touchpoint", x + width / 2, lane_row->y + lane_row->height - 4);
  wait_for (f, touchpoint_added, "the touchpoint is in its cell");
  g_assert_true (gtk_widget_get_visible (find_editor (f)));
  wait_for (f, has_keyboard, "the window has the keyboard");
  xdotool ("key", "Escape", NULL);
  wait_for (f, editor_closed, "the title editor is closed");

  /* A Phase onto the right half of Decision: between it and Purchase. */
  wf_layout_get_phase_bounds (layout, wf_map_get_phase_index (f->map, decision), &x, &width);
  drag_from_palette (f, "phase", x + width * 0.75, WF_LAYOUT_HEADER_HEIGHT / 2);
  wait_for (f, phase_added, "the phase is added");
  g_assert_cmpint (wf_map_get_phase_index (f->map, find_phase (f->map, "Purchase")), ==, 4);

  /* The card of Consideration × Actions to Decision, same lane. */
  f->card = find_card (f->map, "Compares prices");
  g_assert_true (wf_card_get_phase (f->card) == find_phase (f->map, "Consideration"));
  wf_layout_get_phase_bounds (layout, wf_map_get_phase_index (f->map, decision), &x, &width);
  lane_row = wf_layout_get_row (layout, wf_layout_get_lane_row (layout, wf_card_get_lane (f->card)));
  drag_card (f, f->card, x + width / 2, lane_row->y + lane_row->height / 2);
  wait_for (f, card_moved, "the card is in Decision");

  /* Quit as a user does; every window closes. */
  wait_for (f, has_keyboard, "the window has the keyboard");
  xdotool ("key", "ctrl+q", NULL);
  wait_for (f, no_window, "the windows are closed");
}

static gboolean
on_idle (gpointer data)
{
  run_scenario (data);
  return G_SOURCE_REMOVE;
}

static void
on_startup (GApplication *app,
            Fixture      *f)
{
  g_idle_add (on_idle, f);
}

static void
test_drag (void)
{
  Fixture f = { 0 };
  char *argv[] = { (char *) "wayfinder", NULL };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(WfDocument) stored = NULL;
  WfMap *map;
  WfPhase *decision;
  gpointer drop_target_class;
  guint enter, motion, enter_hook, motion_hook;

  if (!wf_test_have_xdotool ())
    return;

  wf_test_use_system_data_dirs ();
  f.deadline = g_get_monotonic_time () + DEADLINE_SECONDS * G_USEC_PER_SEC;

  drop_target_class = g_type_class_ref (GTK_TYPE_DROP_TARGET);
  enter = g_signal_lookup ("enter", GTK_TYPE_DROP_TARGET);
  motion = g_signal_lookup ("motion", GTK_TYPE_DROP_TARGET);
  enter_hook = g_signal_add_emission_hook (enter, 0, on_drop_offered_hook, &f, NULL);
  motion_hook = g_signal_add_emission_hook (motion, 0, on_drop_offered_hook, &f, NULL);

  f.app = wf_application_new ();
  g_application_set_flags (G_APPLICATION (f.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (f.app, "startup", G_CALLBACK (on_startup), &f);
  g_application_run (G_APPLICATION (f.app), 1, argv);

  g_signal_remove_emission_hook (enter, enter_hook);
  g_signal_remove_emission_hook (motion, motion_hook);
  g_type_class_unref (drop_target_class);
  g_clear_object (&f.app);
  g_free (f.xid);

  /* What the library kept. */
  path = wf_library_get_default_path ();
  library = wf_library_new (path, &error);
  g_assert_no_error (error);
  entries = wf_library_list (library, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  stored = wf_library_load (library, ((WfLibraryEntry *) entries->pdata[0])->id, &error);
  g_assert_no_error (error);
  map = wf_document_get_map (stored, 0);

  g_assert_cmpuint (wf_map_get_n_phases (map), ==, 6);
  decision = find_phase (map, "Decision");
  g_assert_cmpint (wf_map_get_phase_index (map, decision), ==, 2);
  g_assert_cmpint (wf_map_get_phase_index (map, find_phase (map, "Purchase")), ==, 4);
  g_assert_cmpuint (wf_map_get_n_cards (map), ==, 14);
  g_assert_cmpuint (wf_map_get_n_cell_cards (map, decision, find_lane (map, WF_LANE_TOUCHPOINTS)), ==, 1);
  g_assert_true (wf_card_get_phase (find_card (map, "Compares prices")) == decision);
}

int
main (int   argc,
      char *argv[])
{
  wf_test_app_init (&argc, &argv);

  g_test_add_func ("/drag/palette-and-cards", test_drag);

  return g_test_run ();
}
