/* wf-canvas-viewport.c — what part of the map the canvas shows
 *
 * The zoom and the offset (the map point at the widget's top left), kept
 * so that some of the map stays in sight; how a map first shows; zooming
 * around a point, fitting the map, scrolling; revealing a card or an
 * area clear of the titles and of what overlays cover; the animated move
 * to an area that presenting asks for; widget and map coordinates.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wf-canvas-private.h"

#define MOVE_DURATION_US (350 * 1000)

/* The smallest zoom a map opens at: card titles (12 px) stay about 9 px
 * high, readable without leaning in.
 */
#define READABLE_ZOOM 0.75

/* Ends a move of the view to where it goes (wf_canvas_show_area()). */
void
wf_canvas_stop_move (WfCanvas *self)
{
  if (self->view.tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->view.tick_id);
  self->view.tick_id = 0;
}

void
wf_canvas_clamp_offset (WfCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) / self->view.zoom;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) / self->view.zoom;
  WfLayout *layout;
  double margin = 80 / self->view.zoom;

  if (self->scene == NULL)
    return;

  layout = wf_scene_get_layout (self->scene);

  /* Nothing that is not a number reaches the view. */
  if (!isfinite (self->view.offset_x))
    self->view.offset_x = 0;
  if (!isfinite (self->view.offset_y))
    self->view.offset_y = 0;

  /* The map may move anywhere, as long as some of it stays in sight. */
  self->view.offset_x = CLAMP (self->view.offset_x, -(width - margin), wf_layout_get_width (layout) - margin);
  self->view.offset_y = CLAMP (self->view.offset_y, -(height - margin), wf_layout_get_height (layout) - margin);
}

/* Scrolls so that @bounds (map units) is in view, with a margin: clear
 * of the lane and phase titles and of what overlays cover; where a move
 * is under way, in the view where it ends.
 */
static void
reveal_area (WfCanvas              *self,
             const graphene_rect_t *bounds)
{
  gboolean moving = self->view.tick_id != 0;
  double zoom = moving ? self->view.to_zoom : self->view.zoom;
  double margin = 24 / zoom;
  graphene_rect_t view;
  double x, y;

  wf_canvas_get_visible_area (self, &view);
  if (view.size.width <= 0 || view.size.height <= 0)
    return;
  x = view.origin.x;
  y = view.origin.y;

  if (bounds->origin.x - margin < x + WF_LAYOUT_LANE_HEADER_WIDTH)
    x = bounds->origin.x - margin - WF_LAYOUT_LANE_HEADER_WIDTH;
  else if (bounds->origin.x + bounds->size.width + margin > x + view.size.width)
    x = bounds->origin.x + bounds->size.width + margin - view.size.width;

  if (bounds->origin.y - margin < y + WF_LAYOUT_HEADER_HEIGHT)
    y = bounds->origin.y - margin - WF_LAYOUT_HEADER_HEIGHT;
  else if (bounds->origin.y + bounds->size.height + margin > y + view.size.height)
    y = bounds->origin.y + bounds->size.height + margin - view.size.height;

  x -= self->view.obscured.left / zoom;
  y -= self->view.obscured.top / zoom;
  if (moving)
    {
      self->view.to_x = x;
      self->view.to_y = y;
      return;
    }

  self->view.offset_x = x;
  self->view.offset_y = y;
  wf_canvas_clamp_offset (self);
}

void
wf_canvas_reveal_card (WfCanvas *self,
                       WfCard   *card)
{
  graphene_rect_t bounds;

  if (self->scene != NULL && wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), card, &bounds))
    reveal_area (self, &bounds);
}

/*
 * wf_canvas_keep_focus_in_view:
 * @width: the view's width before it changed
 * @height: its height before
 *
 * The view got smaller: the card sidebar opened beside it, as it does
 * when a card is chosen, or the window shrank. A focused card that was
 * in view stays in view, rather than end up under the sidebar (with
 * large text, the sidebar is wide and the cards big).
 */
void
wf_canvas_keep_focus_in_view (WfCanvas *self,
                              int       width,
                              int       height)
{
  const GtkBorder *o = &self->view.obscured;
  graphene_rect_t bounds, before, now;

  if (self->scene == NULL || self->selection.focus == NULL || self->present.active ||
      (gtk_widget_get_width (GTK_WIDGET (self)) >= width && gtk_widget_get_height (GTK_WIDGET (self)) >= height) ||
      !wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), self->selection.focus, &bounds))
    return;

  wf_canvas_get_visible_area (self, &now);
  before = GRAPHENE_RECT_INIT (now.origin.x, now.origin.y,
                               MAX (0, width - o->left - o->right) / self->view.zoom,
                               MAX (0, height - o->top - o->bottom) / self->view.zoom);
  if (graphene_rect_intersection (&bounds, &before, NULL) && !graphene_rect_contains_rect (&now, &bounds))
    reveal_area (self, &bounds);
}

/* How a map first shows: as it was left, or else whole when it is then
 * still readable, or as wide as the window when that is, or else at
 * 100 % from its top left corner.
 */
void
wf_canvas_show_start (WfCanvas *self)
{
  double natural = wf_canvas_get_text_scale (self);
  double readable = READABLE_ZOOM * natural;
  WfLayout *layout = wf_scene_get_layout (self->scene);
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  WfCanvasView *view = g_object_get_data (G_OBJECT (self->map), WF_CANVAS_VIEW_KEY);
  double fit_width = (width - 32) / MAX (1.0, wf_layout_get_width (layout));
  double fit_height = (height - 32) / MAX (1.0, wf_layout_get_height (layout));

  if (view != NULL)
    {
      wf_canvas_set_zoom (self, view->zoom);
      self->view.offset_x = view->offset_x;
      self->view.offset_y = view->offset_y;
    }
  else if (MIN (fit_width, fit_height) >= readable)
    {
      wf_canvas_zoom_to_fit (self);
      return;
    }
  else
    {
      wf_canvas_set_zoom (self, fit_width >= readable ? MIN (natural, fit_width) : natural);
      self->view.offset_x = -16 / self->view.zoom;
      self->view.offset_y = -16 / self->view.zoom;
    }

  wf_canvas_clamp_offset (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static double
ease_out (double t)
{
  return 1 - pow (1 - t, 3);
}

static gboolean
move_tick (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  WfCanvas *self = WF_CANVAS (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t;

  if (self->view.move_start == 0)
    self->view.move_start = now;

  t = MIN (1.0, (double) (now - self->view.move_start) / MOVE_DURATION_US);
  t = ease_out (t);

  /* Zoom between the two geometrically, so that it feels even. */
  wf_canvas_set_zoom (self, self->view.from_zoom * pow (self->view.to_zoom / self->view.from_zoom, t));
  self->view.offset_x = self->view.from_x + (self->view.to_x - self->view.from_x) * t;
  self->view.offset_y = self->view.from_y + (self->view.to_y - self->view.from_y) * t;
  gtk_widget_queue_draw (widget);

  if (t >= 1.0)
    {
      self->view.tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/**
 * wf_canvas_zoom_at:
 * @zoom: the new zoom
 * @widget_x: a point of the widget that stays where it is
 * @widget_y: the same point's y
 */
void
wf_canvas_zoom_at (WfCanvas *self,
                   double    zoom,
                   double    widget_x,
                   double    widget_y)
{
  double map_x, map_y;

  g_return_if_fail (WF_IS_CANVAS (self));

  /* Whatever an input device reports, the view stays a view. */
  if (!isfinite (zoom) || !isfinite (widget_x) || !isfinite (widget_y))
    return;

  wf_canvas_widget_to_map (self, widget_x, widget_y, &map_x, &map_y);
  wf_canvas_set_zoom (self, zoom);
  self->view.offset_x = map_x - widget_x / self->view.zoom;
  self->view.offset_y = map_y - widget_y / self->view.zoom;
  wf_canvas_clamp_offset (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wf_canvas_get_min_zoom:
 *
 * Returns: the least zoom: 10 %, or what shows the whole map in the
 *   view when that is less (a map of thousands of cards), never below
 *   %WF_CANVAS_FLOOR_ZOOM
 */
double
wf_canvas_get_min_zoom (WfCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  WfLayout *layout;
  double fit;

  g_return_val_if_fail (WF_IS_CANVAS (self), WF_CANVAS_MIN_ZOOM);

  if (self->scene == NULL || width <= 32 || height <= 32)
    return WF_CANVAS_MIN_ZOOM;

  layout = wf_scene_get_layout (self->scene);
  fit = MIN ((width - 32) / MAX (1.0, wf_layout_get_width (layout)),
             (height - 32) / MAX (1.0, wf_layout_get_height (layout)));

  return CLAMP (fit, WF_CANVAS_FLOOR_ZOOM, WF_CANVAS_MIN_ZOOM);
}

/**
 * wf_canvas_get_text_scale:
 *
 * How much larger than usual the system shows text (GNOME's Large Text,
 * or a text scaling factor): the map's natural size, "100 %", is that
 * much larger, so that its text grows with the rest of the desktop's.
 * Exports keep their own size.
 *
 * Returns: the factor, 1 without scaling, at most 3
 */
double
wf_canvas_get_text_scale (WfCanvas *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  int dpi = 0;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  if (dpi <= 0)
    return 1.0;

  return CLAMP (dpi / (96.0 * 1024), 1.0, 3.0);
}

void
wf_canvas_zoom_to_fit (WfCanvas *self)
{
  WfLayout *layout;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_if_fail (WF_IS_CANVAS (self));

  if (self->scene == NULL || width <= 0 || height <= 0)
    return;

  layout = wf_scene_get_layout (self->scene);
  wf_canvas_set_zoom (self, MIN (wf_canvas_get_text_scale (self),
                                 MIN ((width - 32) / wf_layout_get_width (layout),
                                      (height - 32) / wf_layout_get_height (layout))));
  self->view.offset_x = -(width / self->view.zoom - wf_layout_get_width (layout)) / 2;
  self->view.offset_y = -16 / self->view.zoom;
  if (wf_layout_get_width (layout) * self->view.zoom > width - 32)
    self->view.offset_x = -16 / self->view.zoom;
  wf_canvas_clamp_offset (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wf_canvas_scroll_by (WfCanvas *self,
                     double    dx,
                     double    dy)
{
  g_return_if_fail (WF_IS_CANVAS (self));

  if (!isfinite (dx) || !isfinite (dy))
    return;

  self->view.offset_x += dx / self->view.zoom;
  self->view.offset_y += dy / self->view.zoom;
  wf_canvas_clamp_offset (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
wf_canvas_get_zoom (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), 1.0);

  return self->view.zoom;
}

void
wf_canvas_get_offset (WfCanvas *self,
                      double   *x,
                      double   *y)
{
  *x = self->view.offset_x;
  *y = self->view.offset_y;
}

void
wf_canvas_widget_to_map (WfCanvas *self,
                         double    widget_x,
                         double    widget_y,
                         double   *map_x,
                         double   *map_y)
{
  *map_x = self->view.offset_x + widget_x / self->view.zoom;
  *map_y = self->view.offset_y + widget_y / self->view.zoom;
}

/**
 * wf_canvas_reveal:
 *
 * Scrolls so that @card is in view.
 */
void
wf_canvas_reveal (WfCanvas *self,
                  WfCard   *card)
{
  g_return_if_fail (WF_IS_CANVAS (self));
  g_return_if_fail (WF_IS_CARD (card));

  wf_canvas_reveal_card (self, card);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wf_canvas_reveal_area:
 * @area: a part of the map, in map units
 *
 * Scrolls so that @area is in view, clear of the titles and of what
 * overlays cover; where a move is under way, in the view where it ends.
 */
void
wf_canvas_reveal_area (WfCanvas              *self,
                       const graphene_rect_t *area)
{
  g_return_if_fail (WF_IS_CANVAS (self));
  g_return_if_fail (area != NULL);

  if (self->scene == NULL)
    return;

  reveal_area (self, area);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wf_canvas_show_area:
 * @area: a part of the map, in map units
 * @min_zoom: the smallest zoom to show it at, however tall it is
 * @animate: whether to move there smoothly (when the system allows
 *   animations)
 *
 * Moves the view so that @area fills it: as large as fits, but no
 * smaller than @min_zoom as long as its width fits; an area taller than
 * the view shows its top.
 */
void
wf_canvas_show_area (WfCanvas              *self,
                     const graphene_rect_t *area,
                     double                 min_zoom,
                     gboolean               animate)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - self->view.obscured.left - self->view.obscured.right;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - self->view.obscured.top - self->view.obscured.bottom;
  gboolean animations = TRUE;
  double zoom, x, y;

  g_return_if_fail (WF_IS_CANVAS (self));

  /* Kept, to show again when the view changes its size. */
  self->view.showing = TRUE;
  self->view.shown_area = *area;
  self->view.shown_min_zoom = min_zoom;

  if (self->scene == NULL || width <= 0 || height <= 0 || area->size.width <= 0 || area->size.height <= 0)
    return;

  /* Never wider than the view, whatever @min_zoom asks: a phase cut at
   * the right of a small projector hides its cards.
   */
  zoom = MIN (width / area->size.width, height / area->size.height);
  zoom = CLAMP (MAX (zoom, MIN (min_zoom, width / area->size.width)), wf_canvas_get_min_zoom (self),
                WF_CANVAS_MAX_ZOOM);
  x = area->origin.x + area->size.width / 2 - width / zoom / 2;
  if (area->size.height * zoom <= height)
    y = area->origin.y + area->size.height / 2 - height / zoom / 2;
  else
    y = area->origin.y;

  /* A view wider than the area shows more of the map on both sides, and
   * no empty band beside the map where there is map on the other side.
   */
  {
    WfLayout *layout = wf_scene_get_layout (self->scene);
    double left = MIN (area->origin.x, 0);
    double right = MAX (area->origin.x + area->size.width, wf_layout_get_width (layout));

    if (right - left <= width / zoom)
      x = (left + right - width / zoom) / 2;
    else
      x = CLAMP (x, left, right - width / zoom);
  }
  x -= self->view.obscured.left / zoom;
  y -= self->view.obscured.top / zoom;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animations, NULL);

  wf_canvas_stop_move (self);
  self->view.fitted = TRUE;

  self->view.shown_width = gtk_widget_get_width (GTK_WIDGET (self));
  self->view.shown_height = gtk_widget_get_height (GTK_WIDGET (self));

  if (!animate || !animations || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      wf_canvas_set_zoom (self, zoom);
      self->view.offset_x = x;
      self->view.offset_y = y;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  self->view.from_zoom = self->view.zoom;
  self->view.from_x = self->view.offset_x;
  self->view.from_y = self->view.offset_y;
  self->view.to_zoom = zoom;
  self->view.to_x = x;
  self->view.to_y = y;
  self->view.move_start = 0;
  self->view.tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), move_tick, NULL, NULL);
}

/**
 * wf_canvas_get_visible_area:
 * @area: (out): the part of the map in view and not covered by overlays
 *   (see wf_canvas_set_obscured()), in map units; where a move is under
 *   way, where it ends
 */
void
wf_canvas_get_visible_area (WfCanvas        *self,
                            graphene_rect_t *area)
{
  double zoom = self->view.tick_id ? self->view.to_zoom : self->view.zoom;
  const GtkBorder *o = &self->view.obscured;

  g_return_if_fail (WF_IS_CANVAS (self));

  *area = GRAPHENE_RECT_INIT ((self->view.tick_id ? self->view.to_x : self->view.offset_x) + o->left / zoom,
                              (self->view.tick_id ? self->view.to_y : self->view.offset_y) + o->top / zoom,
                              MAX (0, gtk_widget_get_width (GTK_WIDGET (self)) - o->left - o->right) / zoom,
                              MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - o->top - o->bottom) / zoom);
}

/**
 * wf_canvas_set_obscured:
 * @border: how many pixels at each edge of the view something over the
 *   canvas covers (a presentation's hint bar)
 *
 * Areas shown and cards revealed are placed in the rest of the view.
 */
void
wf_canvas_set_obscured (WfCanvas        *self,
                        const GtkBorder *border)
{
  g_return_if_fail (WF_IS_CANVAS (self));
  g_return_if_fail (border != NULL);

  if (memcmp (&self->view.obscured, border, sizeof *border) == 0)
    return;

  self->view.obscured = *border;
  if (self->present.active && self->view.showing)
    {
      graphene_rect_t area = self->view.shown_area;

      wf_canvas_show_area (self, &area, self->view.shown_min_zoom, FALSE);
    }
}
