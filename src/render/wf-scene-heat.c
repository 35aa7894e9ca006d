/* wf-scene-heat.c — the heat view: cells tinted by a metric, and its key
 *
 * With a metric chosen for the heat view (WfMap:heat), each cell with a
 * value (wf-heat.c) is washed in a tint under its cards: blue for better
 * and orange for worse when the metric has a direction, deeper the
 * further from the middle or the target; one purple, deeper for higher,
 * when it has none. Blue and orange stay apart for every common form of
 * colour blindness, and the tint is never the only sign: the cards and
 * headers carry the values with ▲/▼ and ✓/✗, and the corner above the
 * lane headers holds the key, the metric's name, what is better and the
 * ends of the scale.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "wf-scene-private.h"

static const GdkRGBA better = { 0.11, 0.44, 0.85, 1 };  /* GNOME blue 4 */
static const GdkRGBA worse = { 0.90, 0.38, 0.00, 1 };   /* GNOME orange 5 */
static const GdkRGBA higher = { 0.57, 0.25, 0.67, 1 };  /* GNOME purple 3 */

/* The corner that holds the key: above the lane headers, left of the
 * phase headers.
 */
#define KEY_PADDING 12.0

/**
 * wf_scene_get_heat:
 *
 * Returns: (transfer none) (nullable): the values of the heat view, read
 *   once after each change, or %NULL when the map shows none
 */
WfHeat *
wf_scene_get_heat (WfScene *self)
{
  const char *metric = wf_map_get_heat (self->map);

  if (*metric == '\0')
    return NULL;

  if (self->heat == NULL)
    self->heat = wf_heat_new (self->map, metric);

  return self->heat;
}

/* Reads the heat view's values of @card's cell again, after it changed,
 * and drops the key, whose ends may have moved.
 */
void
wf_scene_update_heat (WfScene *self,
                      WfCard  *card)
{
  if (self->heat == NULL)
    return;

  wf_heat_update_card (self->heat, card);
  g_hash_table_remove (self->headers, &self->heat);
}

/* A card shows the heat view's figure first: its drawing is made
 * again when another metric is chosen.
 */
void
wf_scene_follow_heat (WfScene *self)
{
  const char *metric = wf_map_get_heat (self->map);

  if (g_strcmp0 (self->cards_heat, metric) == 0)
    return;

  g_hash_table_remove_all (self->cards);
  g_hash_table_remove_all (self->cards_far);
  g_free (self->cards_heat);
  self->cards_heat = g_strdup (metric);
}

/**
 * wf_scene_get_heat_color:
 * @level: a level from wf_heat_get_level()
 * @color: (out): the tint of a cell at @level
 */
void
wf_scene_get_heat_color (WfScene *self,
                         double   level,
                         GdkRGBA *color)
{
  WfHeat *heat = wf_scene_get_heat (self);
  double strength = heat != NULL && wf_heat_is_diverging (heat) ? fabs (level) : level;
  double floor = self->theme_kind == WF_THEME_DARK ? 0.12 : 0.08;
  double reach = self->theme_kind == WF_THEME_DARK ? 0.43 : 0.37;

  if (heat == NULL || !wf_heat_is_diverging (heat))
    *color = higher;
  else
    *color = level < 0 ? worse : better;

  color->alpha = floor + reach * CLAMP (strength, 0, 1);
}

/**
 * wf_scene_draw_heat:
 *
 * Tints the cells of the visible rows @r0 to @r1 and phases @p0 to @p1
 * that have a value, under their cards.
 */
void
wf_scene_draw_heat (WfScene     *self,
                    GtkSnapshot *snapshot,
                    guint        p0,
                    guint        p1,
                    guint        r0,
                    guint        r1)
{
  WfHeat *heat = wf_scene_get_heat (self);

  if (heat == NULL)
    return;

  for (guint r = r0; r < r1; r++)
    {
      const WfRow *row = wf_layout_get_row (self->layout, r);

      if (row->kind != WF_ROW_LANE)
        continue;

      for (guint p = p0; p < p1; p++)
        {
          double value, x, w;
          GdkRGBA tint;

          if (!wf_heat_get_value (heat, p, row->lane, &value))
            continue;

          wf_layout_get_phase_bounds (self->layout, p, &x, &w);
          wf_scene_get_heat_color (self, wf_heat_get_level (heat, value), &tint);
          gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (x, row->y, w, row->height));
        }
    }
}

/* What is better on the scale, in a few words. */
static char *
describe_scale (WfHeat *heat)
{
  const WfMetric *metric = wf_heat_get_metric (heat);
  g_autofree char *target = NULL;

  if (!wf_heat_is_diverging (heat))
    return g_strdup (_("Low to high"));

  if (!metric->has_target)
    return g_strdup (metric->direction == WF_DIRECTION_HIGHER ? _("Higher is better") : _("Lower is better"));

  target = wf_metric_format_value (metric, metric->target);
  /* Translators: the key of the heat view; %s is a value, "40%" */
  return g_strdup_printf (metric->direction == WF_DIRECTION_HIGHER ? _("Target %s, higher is better")
                                                                    : _("Target %s, lower is better"),
                          target);
}

static void
draw_key (WfScene       *self,
          GtkSnapshot   *snapshot,
          gconstpointer  data)
{
  WfHeat *heat = wf_scene_get_heat (self);
  const WfMetric *metric = wf_heat_get_metric (heat);
  double width = WF_LAYOUT_LANE_HEADER_WIDTH - 2 * KEY_PADDING;
  g_autofree char *title = NULL;
  g_autofree char *scale = NULL;
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  PangoLayout *layout;
  GskColorStop stops[3];
  double min, max, low, high, from, to, middle = -1, y = 48;
  int text_width;

  /* Translators: the key of the heat view; %s is the metric's name */
  title = g_strdup_printf (_("Heat: %s"), metric->name);
  wf_scene_draw_text (self, snapshot, title, KEY_PADDING, 6, 11, TRUE, width, 1, &self->theme.text);

  if (!wf_heat_get_range (heat, &min, &max))
    {
      wf_scene_draw_text (self, snapshot, _("No values in this map"), KEY_PADDING, 23, 9.5, FALSE, width, 1,
                          &self->theme.dim);
      return;
    }

  scale = describe_scale (heat);
  wf_scene_draw_text (self, snapshot, scale, KEY_PADDING, 22, 9.5, FALSE, width, 1, &self->theme.dim);

  /* The bar runs from the worst to the best, or the lowest to the
   * highest; its ends are the values at them.
   */
  low = metric->direction == WF_DIRECTION_LOWER ? max : min;
  high = metric->direction == WF_DIRECTION_LOWER ? min : max;
  from = wf_heat_get_level (heat, low);
  to = wf_heat_get_level (heat, high);
  wf_scene_get_heat_color (self, from, &stops[0].color);
  wf_scene_get_heat_color (self, to, &stops[2].color);
  stops[0].offset = 0;
  stops[2].offset = 1;
  if (wf_heat_is_diverging (heat) && from < 0 && to > 0)
    {
      /* The middle, or the target, between the ends: no tint. */
      middle = -from / (to - from);
      stops[1].color = self->theme.header;
      stops[1].offset = middle;
    }
  else
    {
      wf_scene_get_heat_color (self, (from + to) / 2, &stops[1].color);
      stops[1].offset = 0.5;
    }

  gtk_snapshot_append_color (snapshot, &self->theme.header, &GRAPHENE_RECT_INIT (KEY_PADDING, 37, width, 8));
  gtk_snapshot_append_linear_gradient (snapshot, &GRAPHENE_RECT_INIT (KEY_PADDING, 37, width, 8),
                                       &GRAPHENE_POINT_INIT (KEY_PADDING, 0),
                                       &GRAPHENE_POINT_INIT (KEY_PADDING + width, 0),
                                       stops, G_N_ELEMENTS (stops));
  wf_scene_draw_outline (snapshot, &GRAPHENE_RECT_INIT (KEY_PADDING, 37, width, 8), &self->theme.grid,
                         self->theme.line, 0);
  /* The target, where it falls inside the bar, as a mark. */
  if (middle >= 0 && metric->has_target)
    gtk_snapshot_append_color (snapshot, &self->theme.text,
                               &GRAPHENE_RECT_INIT (KEY_PADDING + middle * width - 1, 34, 2, 14));

  /* One value: it is both ends. */
  left = wf_metric_format_value (metric, low);
  wf_scene_draw_text (self, snapshot, left, KEY_PADDING, y, 9.5, FALSE, width / 2 - 4, 1, &self->theme.text);
  if (low == high)
    return;
  right = wf_metric_format_value (metric, high);
  layout = wf_scene_make_text (self, right, 9.5, FALSE, width / 2 - 4, 1);
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  wf_scene_place_layout (snapshot, layout, KEY_PADDING + width - text_width, y, &self->theme.text);
  g_object_unref (layout);
}

/**
 * wf_scene_draw_heat_key:
 *
 * Draws the key of the heat view in the corner above the lane headers,
 * when the map shows one.
 */
void
wf_scene_draw_heat_key (WfScene     *self,
                        GtkSnapshot *snapshot)
{
  if (wf_scene_get_heat (self) == NULL)
    return;

  wf_scene_draw_cached (self, snapshot, &self->heat, &GRAPHENE_POINT_INIT (0, 0), draw_key, NULL);
}
