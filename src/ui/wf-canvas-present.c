/* wf-canvas-present.c — the canvas in a workshop
 *
 * Presenting draws the map in the projector's style with its titles
 * pinned at the edges, and goes back to the view from before it
 * afterwards; a spotlight dims every phase but one. Where the view goes
 * is wf_canvas_show_area() in wf-canvas-viewport.c.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-canvas-private.h"

static void
snapshot_pinned_headers (WfCanvas              *self,
                         GtkSnapshot           *snapshot,
                         const graphene_rect_t *area)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  const GdkRGBA *background = wf_scene_get_background (self->scene);
  GdkRGBA edge = { 0, 0, 0, 0.5 };

  if (area->origin.y > 0)
    {
      graphene_rect_t top = GRAPHENE_RECT_INIT (area->origin.x, 0, area->size.width, WF_LAYOUT_HEADER_HEIGHT);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, area->origin.y));
      gtk_snapshot_push_clip (snapshot, &top);
      gtk_snapshot_append_color (snapshot, background, &top);
      wf_scene_snapshot (self->scene, snapshot, &top, self->view.zoom, NULL, NULL);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (area->origin.x, WF_LAYOUT_HEADER_HEIGHT,
                                                                      area->size.width, 2 / self->view.zoom));
      gtk_snapshot_restore (snapshot);
    }

  if (area->origin.x > 0)
    {
      graphene_rect_t left = GRAPHENE_RECT_INIT (0, area->origin.y, WF_LAYOUT_LANE_HEADER_WIDTH,
                                                 MIN (area->size.height, wf_layout_get_height (layout)));

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (area->origin.x, 0));
      gtk_snapshot_push_clip (snapshot, &left);
      gtk_snapshot_append_color (snapshot, background, &left);
      wf_scene_snapshot (self->scene, snapshot, &left, self->view.zoom, NULL, NULL);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (WF_LAYOUT_LANE_HEADER_WIDTH, area->origin.y,
                                                                      2 / self->view.zoom, left.size.height));
      gtk_snapshot_restore (snapshot);
    }
}

/* The phases around the one in the light, dimmed; presenting, the
 * titles pinned.
 */
void
wf_canvas_snapshot_present (WfCanvas              *self,
                            GtkSnapshot           *snapshot,
                            const graphene_rect_t *area)
{
  gboolean pinned_left = self->present.active && area->origin.x > 0;

  /* Presenting, the lane titles stay at the left and the phase titles
   * at the top, wherever the view is. First, so that the spotlight dims
   * the pinned titles of the phases around it too.
   */
  if (self->present.active)
    snapshot_pinned_headers (self, snapshot, area);

  /* The phases around the one in the light, dimmed. */
  if (self->present.spotlight >= 0 && (guint) self->present.spotlight < wf_map_get_n_phases (self->map))
    {
      WfLayout *layout = wf_scene_get_layout (self->scene);
      GdkRGBA dim = *wf_scene_get_background (self->scene);
      double x, w;
      /* Not the lane titles, pinned or in their place: they say what
       * the rows are. */
      double left = pinned_left ? area->origin.x + WF_LAYOUT_LANE_HEADER_WIDTH
                                : MAX (area->origin.x, WF_LAYOUT_LANE_HEADER_WIDTH);

      dim.alpha = 0.72;
      wf_layout_get_phase_bounds (layout, self->present.spotlight, &x, &w);

      if (left < x)
        gtk_snapshot_append_color (snapshot, &dim,
                                   &GRAPHENE_RECT_INIT (left, area->origin.y, x - left, area->size.height));
      if (area->origin.x + area->size.width > MAX (x + w, left))
        {
          double from = MAX (x + w, left);

          gtk_snapshot_append_color (snapshot, &dim,
                                     &GRAPHENE_RECT_INIT (from, area->origin.y,
                                                          area->origin.x + area->size.width - from, area->size.height));
        }
    }
}

/**
 * wf_canvas_set_presenting:
 * @presenting: whether the map is shown to a room
 *
 * In a presentation the map is drawn in the projector's style: high
 * contrast, larger type, thicker lines.
 */
void
wf_canvas_set_presenting (WfCanvas *self,
                          gboolean  presenting)
{
  g_return_if_fail (WF_IS_CANVAS (self));

  presenting = !!presenting;
  if (self->present.active == presenting)
    return;

  self->present.active = presenting;
  self->view.showing = FALSE;

  /* After the presentation the map shows as it was before it. */
  if (presenting)
    self->present.before = (WfCanvasView) { self->view.zoom, self->view.offset_x, self->view.offset_y };
  else
    {
      self->present.spotlight = -1;
      wf_canvas_stop_move (self);
      wf_canvas_set_zoom (self, self->present.before.zoom);
      self->view.offset_x = self->present.before.offset_x;
      self->view.offset_y = self->present.before.offset_y;
    }
  wf_canvas_update_theme (self);
  wf_canvas_relayout (self);
}

gboolean
wf_canvas_get_presenting (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  return self->present.active;
}

/**
 * wf_canvas_set_spotlight:
 * @phase: the index of the phase to show as it is, or -1
 *
 * Dims every phase but @phase.
 */
void
wf_canvas_set_spotlight (WfCanvas *self,
                         int       phase)
{
  g_return_if_fail (WF_IS_CANVAS (self));

  if (self->present.spotlight == phase)
    return;

  self->present.spotlight = phase;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
wf_canvas_get_spotlight (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), -1);

  return self->present.spotlight;
}
