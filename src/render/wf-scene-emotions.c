/* wf-scene-emotions.c — the emotion curves of a map's drawing
 *
 * The curve through the markers of each emotions lane, drawn once per
 * lane and kept; a cell with more markers than can be told apart is one
 * band, and the curve passes through its mean emotion.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-scene-private.h"

/* Emotion curves */

/* Markers narrower than this cannot be told apart. */
#define MIN_MARKER_WIDTH 6.0

/* Whether a cell of an emotions lane holds more markers than can be
 * told apart: then it is drawn as one band over its emotions, and the
 * curve passes through their mean. Hundreds of thousands of markers in
 * a cell drew for minutes, all on top of each other.
 */
gboolean
wf_scene_crowded_cell (WfScene *self,
                       guint    phase,
                       guint    row)
{
  graphene_rect_t bounds;

  wf_layout_get_cell_card_bounds (self->layout, phase, row, 0, &bounds);

  return bounds.size.width < MIN_MARKER_WIDTH;
}

void
wf_scene_draw_crowded_cell (WfScene     *self,
                            GtkSnapshot *snapshot,
                            guint        phase,
                            guint        row,
                            GPtrArray   *cell)
{
  const WfRow *r = wf_layout_get_row (self->layout, row);
  graphene_rect_t band, bounds;
  GskRoundedRect shape;
  GdkRGBA fill, border = self->theme.high_contrast ? self->theme.text : self->theme.grid;
  float widths[4] = { self->theme.line, self->theme.line, self->theme.line, self->theme.line };
  GdkRGBA borders[4] = { border, border, border, border };

  wf_layout_get_cell_card_bounds (self->layout, phase, row, 0, &band);
  for (guint i = 1; i < cell->len; i++)
    {
      wf_layout_get_cell_card_bounds (self->layout, phase, row, i, &bounds);
      graphene_rect_union (&band, &bounds, &band);
    }

  wf_scene_get_card_fill (self, g_ptr_array_index (cell, 0), r->lane, &fill);
  if (self->theme.high_contrast)
    fill = self->theme.text;
  fill.alpha = self->theme.high_contrast ? 0.25 : 0.6;

  gsk_rounded_rect_init_from_rect (&shape, &band, MIN (band.size.height / 2, 14));
  wf_scene_fill_rounded (snapshot, &shape, &fill);
  gtk_snapshot_append_border (snapshot, &shape, widths, borders);
}

static void
curve_point (WfScene          *self,
             guint             phase,
             guint             row,
             guint             index,
             graphene_point_t *point)
{
  graphene_rect_t bounds;

  wf_layout_get_cell_card_bounds (self->layout, phase, row, index, &bounds);
  graphene_rect_get_center (&bounds, point);
}

/* A smooth curve (Catmull-Rom as Bézier segments) through the markers of
 * one emotions lane, from phase @first to @last; lanes of one persona
 * differ by their dash pattern.
 */
static void
build_emotion_curve (WfScene     *self,
                     GtkSnapshot *snapshot,
                     guint        row,
                     guint        first,
                     guint        last,
                     gboolean     per_cell)
{
  const WfRow *r = wf_layout_get_row (self->layout, row);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  guint n_phases = wf_layout_get_n_phases (self->layout);
  double x0, w0, x1, w1;
  GtkSnapshot *sub;
  cairo_t *cr;
  int style = 0;

  /* One phase more on either side, so the curve enters and leaves. */
  first = first > 0 ? first - 1 : 0;
  last = MIN (last + 1, n_phases);

  for (guint p = first; p < last; p++)
    {
      GPtrArray *cell = wf_map_get_cell (self->map, wf_map_get_phase (self->map, p), r->lane);

      /* Too small to tell markers apart: the cell's mean emotion. */
      if (per_cell || wf_scene_crowded_cell (self, p, row))
        {
          double sum = 0, x, w, span = r->height - 2 * WF_LAYOUT_CELL_PADDING;
          guint n = 0;
          graphene_point_t point;

          for (guint i = 0; cell != NULL && i < cell->len; i++)
            {
              int emotion = wf_card_get_emotion (g_ptr_array_index (cell, i));

              if (emotion != WF_EMOTION_NONE)
                {
                  sum += emotion;
                  n++;
                }
            }
          if (n == 0)
            continue;

          wf_layout_get_phase_bounds (self->layout, p, &x, &w);
          point = GRAPHENE_POINT_INIT (x + w / 2, r->y + WF_LAYOUT_CELL_PADDING +
                                       span * (WF_EMOTION_MAX - sum / n) / (WF_EMOTION_MAX - WF_EMOTION_MIN));
          g_array_append_val (points, point);
          continue;
        }

      for (guint i = 0; cell != NULL && i < cell->len; i++)
        {
          graphene_point_t point;

          if (wf_card_get_emotion (g_ptr_array_index (cell, i)) == WF_EMOTION_NONE)
            continue;
          curve_point (self, p, row, i, &point);
          g_array_append_val (points, point);
        }
    }

  if (points->len < 2)
    return;

  for (guint i = 0; i < row; i++)
    {
      const WfRow *other = wf_layout_get_row (self->layout, i);

      if (other->lane != NULL && other->persona == r->persona &&
          wf_lane_get_kind (other->lane) == WF_LANE_EMOTIONS)
        style++;
    }

  wf_layout_get_phase_bounds (self->layout, first, &x0, &w0);
  wf_layout_get_phase_bounds (self->layout, last - 1, &x1, &w1);
  cr = wf_scene_begin_cairo (self, &sub, &GRAPHENE_RECT_INIT (x0, r->y, x1 + w1 - x0, r->height));

  cairo_set_line_width (cr, self->theme.high_contrast ? 4 : 3);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (style % 3 == 1)
    cairo_set_dash (cr, (double[]) { 10, 6 }, 2, 0);
  else if (style % 3 == 2)
    cairo_set_dash (cr, (double[]) { 2, 6 }, 2, 0);
  gdk_cairo_set_source_rgba (cr, &self->theme.accent);

  {
    graphene_point_t *p = (graphene_point_t *) points->data;
    guint n = points->len;

    cairo_move_to (cr, p[0].x, p[0].y);
    for (guint i = 0; i + 1 < n; i++)
      {
        graphene_point_t a = p[i > 0 ? i - 1 : i], b = p[i], c = p[i + 1], d = p[i + 2 < n ? i + 2 : i + 1];

        cairo_curve_to (cr,
                        b.x + (c.x - a.x) / 6, b.y + (c.y - a.y) / 6,
                        c.x - (d.x - b.x) / 6, c.y - (d.y - b.y) / 6,
                        c.x, c.y);
      }
    cairo_stroke (cr);
  }

  wf_scene_end_cairo (snapshot, sub, cr);
}

/* The curve of a whole lane is drawn once and kept until the lane's
 * cards or the layout change.
 */
void
wf_scene_draw_emotion_curve (WfScene     *self,
                             GtkSnapshot *snapshot,
                             guint        row,
                             gboolean     per_cell)
{
  const WfRow *r = wf_layout_get_row (self->layout, row);
  GHashTable *cache = per_cell ? self->coarse : self->curves;
  GskRenderNode *node = g_hash_table_lookup (cache, r->lane);

  if (!g_hash_table_contains (cache, r->lane))
    {
      g_autoptr(GtkSnapshot) sub = gtk_snapshot_new ();

      build_emotion_curve (self, sub, row, 0, wf_layout_get_n_phases (self->layout), per_cell);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&sub));
      g_hash_table_insert (cache, r->lane, node);
    }

  if (node != NULL)
    gtk_snapshot_append_node (snapshot, node);
}
