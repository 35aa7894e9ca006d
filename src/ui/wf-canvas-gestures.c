/* wf-canvas-gestures.c — the pointer and touch on the canvas
 *
 * The scroll wheel and the touchpad, the pinch, the pans (a finger, the
 * middle button, Space with the primary button), clicks, and the primary
 * button's drag, whose mode is chosen where it begins: a card or a phase
 * or lane by its header moves, an empty place draws a rubber band, the
 * focused card's handle draws a link, a header's edge resizes. Also what
 * is at a point of the map for them, and the marks they draw.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "wf-canvas-private.h"

/* The round handle on the focused card, in pixels. */
#define HANDLE_RADIUS 7.0

/* The phase whose header's right edge, or the lane whose header's lower
 * edge, is at a point of the map: what a drag there resizes.
 */
static WfItem *
edge_at (WfCanvas *self,
         double    x,
         double    y)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  double slack = 5 / self->view.zoom;

  if (self->present.active)
    return NULL;

  if (y >= 0 && y < WF_LAYOUT_HEADER_HEIGHT)
    {
      for (guint p = 0; p < wf_layout_get_n_phases (layout); p++)
        {
          double px, pw;

          wf_layout_get_phase_bounds (layout, p, &px, &pw);
          if (fabs (x - (px + pw)) <= slack)
            return WF_ITEM (wf_map_get_phase (self->map, p));
        }
      return NULL;
    }

  if (x >= 0 && x < WF_LAYOUT_LANE_HEADER_WIDTH)
    {
      for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
        {
          const WfRow *row = wf_layout_get_row (layout, r);

          if (row->kind == WF_ROW_LANE && !wf_lane_get_collapsed (row->lane) &&
              fabs (y - (row->y + row->height)) <= slack)
            return WF_ITEM (row->lane);
        }
    }

  return NULL;
}

/* The phase, lane or persona whose header is at a point of the map. */
static WfItem *
header_at (WfCanvas *self,
           double    x,
           double    y)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  int phase = wf_layout_phase_at (layout, x);
  int r = wf_layout_row_at (layout, y);
  const WfRow *row = r >= 0 ? wf_layout_get_row (layout, r) : NULL;

  if (y >= 0 && y < WF_LAYOUT_HEADER_HEIGHT && phase >= 0)
    return WF_ITEM (wf_map_get_phase (self->map, phase));
  if (row != NULL && row->kind == WF_ROW_LANE && x >= 0 && x < WF_LAYOUT_LANE_HEADER_WIDTH)
    return WF_ITEM (row->lane);
  if (row != NULL && row->kind == WF_ROW_PERSONA && x >= 0 && x < wf_layout_get_width (layout))
    return WF_ITEM (row->persona);

  return NULL;
}

static void
on_pointer_enter (GtkEventControllerMotion *controller,
                  double                    x,
                  double                    y,
                  WfCanvas                 *self)
{
  self->pointer.x = x;
  self->pointer.y = y;
  self->pointer.inside = isfinite (x) && isfinite (y);
}

static void
on_pointer_leave (GtkEventControllerMotion *controller,
                  WfCanvas                 *self)
{
  self->pointer.inside = FALSE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WfCanvas                 *self)
{
  double map_x, map_y;
  WfItem *edge;

  on_pointer_enter (controller, x, y, self);

  if (self->scene == NULL || self->drag.mode == WF_CANVAS_DRAG_RESIZE || !self->pointer.inside)
    return;

  wf_canvas_widget_to_map (self, x, y, &map_x, &map_y);
  edge = edge_at (self, map_x, map_y);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   WF_IS_PHASE (edge) ? "col-resize" : WF_IS_LANE (edge) ? "row-resize" : NULL);
}

static void
on_move_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               WfCanvas       *self)
{
  double map_x, map_y;

  self->drag.mode = WF_CANVAS_DRAG_NONE;
  self->drag.card = NULL;

  if (self->scene == NULL)
    return;

  /* A finger pans (the touch gesture does that); it does not move cards. */
  {
    GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
    GdkDevice *device = event ? gdk_event_get_device (event) : NULL;

    if (device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN)
      {
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
        return;
      }
  }

  wf_canvas_widget_to_map (self, x, y, &map_x, &map_y);

  /* From a header's edge: a wider phase or a taller lane. */
  if (!self->drag.space_down && (self->drag.resizing = edge_at (self, map_x, map_y)) != NULL)
    {
      WfLayout *layout = wf_scene_get_layout (self->scene);

      /* This drag is a step of its own, not merged into the last one. */
      wf_undo_stack_seal (wf_document_get_undo_stack (self->document));

      if (WF_IS_PHASE (self->drag.resizing))
        {
          double px;

          wf_layout_get_phase_bounds (layout, wf_map_get_phase_index (self->map, WF_PHASE (self->drag.resizing)),
                                      &px, &self->drag.resize_start);
        }
      else
        self->drag.resize_start = wf_layout_get_row (layout, wf_layout_get_lane_row (layout, WF_LANE (self->drag.resizing)))->height;

      self->drag.mode = WF_CANVAS_DRAG_RESIZE;
      self->drag.card = NULL;
      self->drag.header = NULL;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  /* From the focused card's handle: a new link. */
  {
    graphene_point_t handle;

    if (!self->drag.space_down && wf_canvas_get_link_handle (self, &handle) &&
        hypot (map_x - handle.x, map_y - handle.y) <= HANDLE_RADIUS / self->view.zoom + 3 / self->view.zoom)
      {
        self->drag.mode = WF_CANVAS_DRAG_LINK;
        self->drag.link_from = self->selection.focus;
        self->drag.link_target = NULL;
        self->drag.link_end = GRAPHENE_POINT_INIT (map_x, map_y);
        self->drag.header = NULL;
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
        return;
      }
  }

  self->drag.card = wf_canvas_card_at (self, map_x, map_y);
  self->drag.header = NULL;

  /* A phase by its header, a lane by its header. */
  if (self->drag.card == NULL)
    {
      WfLayout *layout = wf_scene_get_layout (self->scene);
      int phase = wf_layout_phase_at (layout, map_x);
      int row = wf_layout_row_at (layout, map_y);

      if (map_y >= 0 && map_y < WF_LAYOUT_HEADER_HEIGHT && phase >= 0)
        self->drag.header = WF_ITEM (wf_map_get_phase (self->map, phase));
      else if (map_x >= 0 && map_x < WF_LAYOUT_LANE_HEADER_WIDTH && row >= 0 &&
               wf_layout_get_row (layout, row)->lane != NULL)
        self->drag.header = WF_ITEM (wf_layout_get_row (layout, row)->lane);
    }

  /* Space+drag pans, wherever it starts. */
  if (self->drag.space_down)
    {
      self->drag.card = NULL;
      self->drag.header = NULL;
      self->drag.mode = WF_CANVAS_DRAG_PAN;
      self->drag.pan_x = self->drag.pan_y = 0;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  /* From an empty place of the grid: a rubber band. */
  if (self->drag.card == NULL && self->drag.header == NULL &&
      map_x >= WF_LAYOUT_LANE_HEADER_WIDTH && map_y >= WF_LAYOUT_HEADER_HEIGHT)
    {
      self->drag.mode = WF_CANVAS_DRAG_BAND;
      self->drag.band = GRAPHENE_RECT_INIT (map_x, map_y, 0, 0);
      return;
    }

  if (self->drag.card == NULL && self->drag.header == NULL)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
  else
    self->drag.mode = WF_CANVAS_DRAG_PRESS;
}

static void
on_move_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                WfCanvas       *self)
{
  double x, y;

  if (self->drag.mode == WF_CANVAS_DRAG_RESIZE)
    {
      /* One step however long the drag: the edits merge until sealed. */
      if (WF_IS_PHASE (self->drag.resizing))
        wf_edit_set (self->drag.resizing, "width", MAX (WF_PHASE_MIN_WIDTH, self->drag.resize_start + dx / self->view.zoom), NULL);
      else
        wf_edit_set (self->drag.resizing, "height", MAX (WF_LANE_MIN_HEIGHT, self->drag.resize_start + dy / self->view.zoom), NULL);
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_LINK)
    {
      double mx, my;
      WfCard *target;

      gtk_gesture_drag_get_start_point (gesture, &x, &y);
      wf_canvas_widget_to_map (self, x + dx, y + dy, &mx, &my);
      self->drag.link_end = GRAPHENE_POINT_INIT (mx, my);
      target = wf_canvas_card_at (self, mx, my);
      self->drag.link_target = target != self->drag.link_from ? target : NULL;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_PAN)
    {
      wf_canvas_scroll_by (self, -(dx - self->drag.pan_x), -(dy - self->drag.pan_y));
      self->drag.pan_x = dx;
      self->drag.pan_y = dy;
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_BAND)
    {
      double sx, sy, ex, ey;

      gtk_gesture_drag_get_start_point (gesture, &x, &y);
      wf_canvas_widget_to_map (self, x, y, &sx, &sy);
      wf_canvas_widget_to_map (self, x + dx, y + dy, &ex, &ey);
      self->drag.band = GRAPHENE_RECT_INIT (MIN (sx, ex), MIN (sy, ey), fabs (ex - sx), fabs (ey - sy));
      if (hypot (dx, dy) >= 8)
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_NONE ||
      (self->drag.card == NULL && self->drag.header == NULL))
    return;

  if (self->drag.mode == WF_CANVAS_DRAG_PRESS && hypot (dx, dy) < 8)
    return;

  if (self->drag.mode == WF_CANVAS_DRAG_PRESS)
    {
      self->drag.mode = WF_CANVAS_DRAG_MOVE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  wf_canvas_set_drop (self, self->drag.card ? "move" : WF_IS_PHASE (self->drag.header) ? "move-phase" : "move-lane",
            x + dx, y + dy);
}

static void
on_move_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             WfCanvas       *self)
{
  WfCard *card = self->drag.card;

  g_clear_pointer (&self->drop.kind, g_free);

  if (self->drag.mode == WF_CANVAS_DRAG_RESIZE)
    {
      self->drag.mode = WF_CANVAS_DRAG_NONE;
      self->drag.resizing = NULL;
      if (self->document != NULL)
        wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_LINK)
    {
      WfCard *from = self->drag.link_from, *to = self->drag.link_target;

      self->drag.mode = WF_CANVAS_DRAG_NONE;
      self->drag.link_from = self->drag.link_target = NULL;
      if (from != NULL && to != NULL)
        wf_canvas_draw_link (self, from, to);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_PAN)
    {
      self->drag.mode = WF_CANVAS_DRAG_NONE;
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_BAND)
    {
      GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

      self->drag.mode = WF_CANVAS_DRAG_NONE;
      if (hypot (dx, dy) >= 8)
        wf_canvas_select_area (self, &self->drag.band, (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if ((card != NULL || self->drag.header != NULL) && self->drag.mode == WF_CANVAS_DRAG_MOVE)
    {
      double x, y, map_x, map_y;

      gtk_gesture_drag_get_start_point (gesture, &x, &y);
      wf_canvas_widget_to_map (self, x + dx, y + dy, &map_x, &map_y);
      if (card != NULL)
        wf_canvas_move_card_to (self, card, map_x, map_y);
      else
        wf_canvas_move_header_to (self, self->drag.header, map_x, map_y);
    }

  self->drag.mode = WF_CANVAS_DRAG_NONE;
  self->drag.card = NULL;
  self->drag.header = NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WfCanvas                 *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean touchpad = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = touchpad ? exp (-dy / 100.0) : pow (1.2, -dy);
      double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

      /* Around the pointer; the event's own position is not the widget's
       * (and GTK 4.8 gives a scroll event none).
       */
      if (self->pointer.inside)
        {
          x = self->pointer.x;
          y = self->pointer.y;
        }

      wf_canvas_zoom_at (self, self->view.zoom * factor, x, y);
      return TRUE;
    }

  /* A wheel moves in steps; Shift turns it sideways. */
  if (!touchpad)
    {
      dx *= 60;
      dy *= 60;
      if (state & GDK_SHIFT_MASK)
        {
          dx = dy;
          dy = 0;
        }
    }

  wf_canvas_scroll_by (self, dx, dy);
  return TRUE;
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               WfCanvas         *self)
{
  self->drag.zoom_begin = self->view.zoom;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       WfCanvas       *self)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  wf_canvas_zoom_at (self, self->drag.zoom_begin * scale, x, y);
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              WfCanvas       *self)
{
  self->drag.pan_x = 0;
  self->drag.pan_y = 0;
}

static void
on_pan_update (GtkGestureDrag *gesture,
               double          x,
               double          y,
               WfCanvas       *self)
{
  wf_canvas_scroll_by (self, -(x - self->drag.pan_x), -(y - self->drag.pan_y));
  self->drag.pan_x = x;
  self->drag.pan_y = y;
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  WfCanvas        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  double map_x, map_y;
  WfCard *card;

  if (self->scene == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* A finding's outline goes once the person works on the map. */
  wf_canvas_clear_highlight (self);

  /* With Space held, a press starts a pan: it selects nothing. */
  if (self->drag.space_down)
    return;

  /* Presenting, the pinned titles cover what is under them. */
  if (self->present.active &&
      ((self->view.offset_x > 0 && x < WF_LAYOUT_LANE_HEADER_WIDTH * self->view.zoom) ||
       (self->view.offset_y > 0 && y < WF_LAYOUT_HEADER_HEIGHT * self->view.zoom)))
    return;

  wf_canvas_widget_to_map (self, x, y, &map_x, &map_y);
  card = wf_layout_card_at (wf_scene_get_layout (self->scene), map_x, map_y);

  if (n_press == 2 && card != NULL)
    {
      wf_canvas_select (self, card, FALSE);
      wf_canvas_edit_title (self, card);
      return;
    }

  /* A double click on a resized edge: the usual size again. */
  if (n_press == 2 && card == NULL)
    {
      WfItem *edge = edge_at (self, map_x, map_y);

      if (WF_IS_PHASE (edge) && wf_phase_get_width (WF_PHASE (edge)) > 0)
        {
          wf_edit_set (edge, "width", 0.0, NULL);
          wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
          return;
        }
      if (WF_IS_LANE (edge) && wf_lane_get_height (WF_LANE (edge)) > 0)
        {
          wf_edit_set (edge, "height", 0.0, NULL);
          wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
          return;
        }
    }

  /* Next to a link's line: the link, and a double click edits its label. */
  if (card == NULL)
    {
      WfLink *link = wf_scene_link_at (self->scene, map_x, map_y, 6 / self->view.zoom);

      if (link != NULL)
        {
          wf_canvas_select_link (self, link);
          if (n_press == 2)
            wf_canvas_edit_link_label (self, link);
          return;
        }
    }

  /* A header: its phase, lane or persona, for the properties. */
  if (card == NULL && n_press == 1)
    {
      WfItem *header = header_at (self, map_x, map_y);

      if (header != NULL)
        {
          wf_canvas_select_header (self, header);
          return;
        }
    }

  /* A double click on a lane's header folds it to a thin row, or opens it. */
  if (n_press == 2 && map_x >= 0 && map_x < WF_LAYOUT_LANE_HEADER_WIDTH)
    {
      int row = wf_layout_row_at (wf_scene_get_layout (self->scene), map_y);
      WfLane *lane = row >= 0 ? wf_layout_get_row (wf_scene_get_layout (self->scene), row)->lane : NULL;

      if (lane != NULL)
        {
          wf_edit_set (lane, "collapsed", !wf_lane_get_collapsed (lane), NULL);
          return;
        }
    }

  wf_canvas_select (self, card, (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0);
}

/* The focused card's handle, to draw a link from; and the link being
 * drawn, to the card it would reach.
 */
void
wf_canvas_snapshot_link_handle (WfCanvas    *self,
                                GtkSnapshot *snapshot)
{
  graphene_point_t handle;
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
  GdkRGBA white = { 1, 1, 1, 1 };
  double r = HANDLE_RADIUS / self->view.zoom;
  GskRoundedRect dot;

  if (self->drag.mode == WF_CANVAS_DRAG_LINK && self->drag.link_from != NULL)
    {
      graphene_rect_t from;
      double w = 2.5 / self->view.zoom;
      double dx, dy, length;

      if (!wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), self->drag.link_from, &from))
        return;
      handle = GRAPHENE_POINT_INIT (from.origin.x + from.size.width, from.origin.y + from.size.height / 2);
      dx = self->drag.link_end.x - handle.x;
      dy = self->drag.link_end.y - handle.y;
      length = hypot (dx, dy);

      /* The line as a thin rotated rectangle. */
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &handle);
      gtk_snapshot_rotate (snapshot, atan2 (dy, dx) * 180 / G_PI);
      gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (0, -w / 2, length, w));
      gtk_snapshot_restore (snapshot);

      if (self->drag.link_target != NULL)
        {
          graphene_rect_t to;
          GskRoundedRect frame;
          float widths[4] = { 3 / self->view.zoom, 3 / self->view.zoom, 3 / self->view.zoom, 3 / self->view.zoom };
          GdkRGBA colors[4] = { accent, accent, accent, accent };

          if (wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), self->drag.link_target, &to))
            {
              graphene_rect_inset (&to, -3 / self->view.zoom, -3 / self->view.zoom);
              gsk_rounded_rect_init_from_rect (&frame, &to, 8 / self->view.zoom);
              gtk_snapshot_append_border (snapshot, &frame, widths, colors);
            }
        }
    }
  else if (!wf_canvas_get_link_handle (self, &handle))
    return;

  gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (handle.x - r - 2 / self->view.zoom, handle.y - r - 2 / self->view.zoom,
                                                              2 * r + 4 / self->view.zoom, 2 * r + 4 / self->view.zoom),
                                   r + 2 / self->view.zoom);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, &white, &dot.bounds);
  gtk_snapshot_pop (snapshot);
  gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (handle.x - r, handle.y - r, 2 * r, 2 * r), r);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, &accent, &dot.bounds);
  gtk_snapshot_pop (snapshot);
}

/* The rubber band, while it is drawn. */
void
wf_canvas_snapshot_band (WfCanvas    *self,
                         GtkSnapshot *snapshot)
{
  if (self->drag.mode == WF_CANVAS_DRAG_BAND && self->drag.band.size.width > 0)
    {
      GdkRGBA wash = { 0.21, 0.52, 0.89, 0.15 };
      GdkRGBA edge = { 0.21, 0.52, 0.89, 1 };
      GskRoundedRect frame;
      float widths[4] = { 1 / self->view.zoom, 1 / self->view.zoom, 1 / self->view.zoom, 1 / self->view.zoom };
      GdkRGBA colors[4] = { edge, edge, edge, edge };

      gtk_snapshot_append_color (snapshot, &wash, &self->drag.band);
      gsk_rounded_rect_init_from_rect (&frame, &self->drag.band, 0);
      gtk_snapshot_append_border (snapshot, &frame, widths, colors);
    }
}

/**
 * wf_canvas_get_link_handle:
 * @point: (out): where the handle is, in map units
 *
 * The handle on the focused card's right edge, from which a drag draws
 * a link; there is none while presenting or without a focused card in
 * sight.
 *
 * Returns: whether there is a handle
 */
gboolean
wf_canvas_get_link_handle (WfCanvas         *self,
                           graphene_point_t *point)
{
  graphene_rect_t bounds;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  if (self->scene == NULL || self->selection.focus == NULL || self->present.active || self->view.zoom < WF_SCENE_TEXT_ZOOM ||
      wf_lane_get_collapsed (wf_card_get_lane (self->selection.focus)) ||
      !wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), self->selection.focus, &bounds))
    return FALSE;

  *point = GRAPHENE_POINT_INIT (bounds.origin.x + bounds.size.width, bounds.origin.y + bounds.size.height / 2);
  return TRUE;
}

/**
 * wf_canvas_draw_link:
 *
 * Links @from to @to as an undoable step, unless they are linked that
 * way already, and selects the new link.
 *
 * Returns: whether a link was made
 */
gboolean
wf_canvas_draw_link (WfCanvas *self,
                     WfCard   *from,
                     WfCard   *to)
{
  g_autofree char *id = NULL;
  g_autoptr(WfLink) link = NULL;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (WF_IS_CARD (from) && WF_IS_CARD (to), FALSE);

  if (self->map == NULL || from == to)
    return FALSE;

  for (guint i = 0; i < wf_map_get_n_links (self->map); i++)
    {
      WfLink *other = wf_map_get_link (self->map, i);

      if (wf_link_get_from (other) == from && wf_link_get_to (other) == to)
        return FALSE;
    }

  id = wf_document_make_id (self->document, "link");
  link = wf_link_new (id, from, to);
  if (!wf_edit_add_link (self->map, link, -1))
    return FALSE;

  wf_canvas_select_link (self, link);
  return TRUE;
}

/* The controllers of the pointer and of touch, in the order they see
 * an event.
 */
void
wf_canvas_gestures_init (WfCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  /* A finger pans. */
  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_pan_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_pan_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_move_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_move_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_move_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_pointer_enter), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_pointer_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}
