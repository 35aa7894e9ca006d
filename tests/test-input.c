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

#include "ui/wf-canvas.h"
#include "test-app.h"

static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "coffee-subscription.journey", NULL);
}

/* The canvas of a window that shows its map, or NULL while it does not yet. */
static WfCanvas *
get_shown_canvas (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  GtkWidget *canvas;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
      wf_window_get_document (window) == NULL)
    return NULL;

  canvas = wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_CANVAS);
  if (canvas == NULL || gtk_widget_get_width (canvas) <= 0 || wf_canvas_get_map (WF_CANVAS (canvas)) == NULL)
    return NULL;

  return WF_CANVAS (canvas);
}

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
  WfCanvas *canvas = get_shown_canvas (app);
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
  g_autofree char *path = sample_path ();
  ZoomState state = { 0 };
  WfTestApp app = { .data = &state };

  wf_test_app_run (&app, path, step_ctrl_wheel);
}

int
main (int   argc,
      char *argv[])
{
  wf_test_app_init (&argc, &argv);

  g_test_add_func ("/input/canvas/ctrl-wheel", test_ctrl_wheel);

  return g_test_run ();
}
