/* wf-scene.c — the one drawing of a map, for the canvas and every export
 *
 * Draws what of a map meets an area into a GtkSnapshot: the phase
 * headers, persona bands, lane headers, the grid, the cards, the emotion
 * curves and the links. The canvas shows the snapshot's render nodes;
 * exports draw the same nodes onto a cairo surface. Only the canvas
 * passes a selection and a focus, so exports draw no such decorations.
 *
 * Each card's drawing is kept as a render node in map units and reused
 * until that card changes (wf_scene_forget_card()); below
 * WF_SCENE_TEXT_ZOOM cards are colour blocks without text. Cards are
 * never told apart by colour alone: pain points, opportunities, notes,
 * metrics, thoughts and backstage cards each carry a sign and a shape.
 *
 * This file holds the scene itself: its theme and colours, its caches
 * and what empties them, and wf_scene_snapshot(), which draws the parts
 * in order. The parts are beside it: text and cards
 * (wf-scene-cards.c), emotion curves (wf-scene-emotions.c), links and
 * what is under the pointer on them (wf-scene-links.c), headers, bands
 * and the title block (wf-scene-headers.c), the heat view's tints and
 * key (wf-scene-heat.c), pictures decoded once and drawn cropped
 * (wf-scene-pictures.c).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wf-scene-private.h"

/* Card fills per lane kind, as RGB. */
static const double light_fills[WF_N_LANE_KINDS][3] = {
  [WF_LANE_TOUCHPOINTS]   = { 0.85, 0.91, 0.99 },
  [WF_LANE_ACTIONS]       = { 0.91, 0.88, 0.96 },
  [WF_LANE_THOUGHTS]      = { 0.90, 0.95, 0.99 },
  [WF_LANE_EMOTIONS]      = { 1.00, 0.95, 0.77 },
  [WF_LANE_PAIN_POINTS]   = { 0.98, 0.86, 0.86 },
  [WF_LANE_OPPORTUNITIES] = { 0.85, 0.96, 0.90 },
  [WF_LANE_CHANNELS]      = { 0.93, 0.93, 0.93 },
  [WF_LANE_METRICS]       = { 0.96, 0.91, 0.85 },
  [WF_LANE_BACKSTAGE]     = { 0.90, 0.90, 0.90 },
  [WF_LANE_NOTES]         = { 1.00, 0.97, 0.76 },
};

static const double dark_fills[WF_N_LANE_KINDS][3] = {
  [WF_LANE_TOUCHPOINTS]   = { 0.12, 0.23, 0.37 },
  [WF_LANE_ACTIONS]       = { 0.22, 0.16, 0.31 },
  [WF_LANE_THOUGHTS]      = { 0.14, 0.26, 0.34 },
  [WF_LANE_EMOTIONS]      = { 0.36, 0.30, 0.08 },
  [WF_LANE_PAIN_POINTS]   = { 0.38, 0.13, 0.14 },
  [WF_LANE_OPPORTUNITIES] = { 0.11, 0.30, 0.19 },
  [WF_LANE_CHANNELS]      = { 0.24, 0.24, 0.24 },
  [WF_LANE_METRICS]       = { 0.33, 0.23, 0.13 },
  [WF_LANE_BACKSTAGE]     = { 0.20, 0.20, 0.20 },
  [WF_LANE_NOTES]         = { 0.34, 0.31, 0.10 },
};

static void
rgba (GdkRGBA *color,
      double   r,
      double   g,
      double   b)
{
  *color = (GdkRGBA) { r, g, b, 1.0 };
}

static void
load_theme (WfScene *self)
{
  Theme *t = &self->theme;
  double marker_width = WF_LAYOUT_MARKER_WIDTH;
  double marker_height = WF_LAYOUT_MARKER_HEIGHT;

  t->type_scale = 1.0;
  t->high_contrast = FALSE;

  switch (self->theme_kind)
    {
    case WF_THEME_DARK:
      rgba (&t->background, 0.14, 0.14, 0.14);
      rgba (&t->header, 0.19, 0.19, 0.19);
      rgba (&t->grid, 0.28, 0.28, 0.30);
      rgba (&t->text, 1.00, 1.00, 1.00);
      rgba (&t->dim, 0.75, 0.75, 0.74);
      rgba (&t->accent, 0.47, 0.68, 0.93);
      t->line = 1.0;
      memcpy (t->card_fill, dark_fills, sizeof dark_fills);
      break;

    case WF_THEME_PROJECTOR:
    case WF_THEME_HIGH_CONTRAST:
      /* The projector's is high contrast with larger type: read from
       * the back of a room, on a projector that washes out pale colours.
       */
      if (self->theme_kind == WF_THEME_PROJECTOR)
        {
          /* Room for an emotion's label: two lines, and more of its
           * cell's width.
           */
          t->type_scale = 1.25;
          marker_width = 240;
          marker_height = 46;
        }
      t->high_contrast = TRUE;
      rgba (&t->background, 1.0, 1.0, 1.0);
      rgba (&t->header, 1.0, 1.0, 1.0);
      rgba (&t->grid, 0.0, 0.0, 0.0);
      rgba (&t->text, 0.0, 0.0, 0.0);
      rgba (&t->dim, 0.0, 0.0, 0.0);
      rgba (&t->accent, 0.0, 0.25, 0.65);
      t->line = 2.0;
      for (guint i = 0; i < WF_N_LANE_KINDS; i++)
        t->card_fill[i][0] = t->card_fill[i][1] = t->card_fill[i][2] = 1.0;
      break;

    case WF_THEME_LIGHT:
    default:
      rgba (&t->background, 0.98, 0.98, 0.98);
      rgba (&t->header, 1.0, 1.0, 1.0);
      rgba (&t->grid, 0.87, 0.87, 0.85);
      rgba (&t->text, 0.14, 0.12, 0.19);
      rgba (&t->dim, 0.37, 0.36, 0.39);
      rgba (&t->accent, 0.21, 0.52, 0.89);
      t->line = 1.0;
      memcpy (t->card_fill, light_fills, sizeof light_fills);
      break;
    }

  wf_layout_set_marker_size (self->layout, marker_width, marker_height);
}

static void
card_fill (WfScene *self,
           WfCard  *card,
           WfLane  *lane,
           GdkRGBA *fill)
{
  const char *color = wf_card_get_color (card);

  /* High contrast leaves colours out; the projector keeps them, for
   * the sticky notes of a workshop, pale under black text.
   */
  if (color != NULL && (!self->theme.high_contrast || self->theme_kind == WF_THEME_PROJECTOR) &&
      gdk_rgba_parse (fill, color))
    {
      /* A card's own colour, softened so that text stays readable. */
      double mix = self->theme_kind == WF_THEME_DARK ? 0.45 : 0.35;
      const GdkRGBA *bg = &self->theme.background;

      fill->red = bg->red * (1 - mix) + fill->red * mix;
      fill->green = bg->green * (1 - mix) + fill->green * mix;
      fill->blue = bg->blue * (1 - mix) + fill->blue * mix;
      fill->alpha = 1;
      return;
    }

  rgba (fill,
        self->theme.card_fill[wf_lane_get_kind (lane)][0],
        self->theme.card_fill[wf_lane_get_kind (lane)][1],
        self->theme.card_fill[wf_lane_get_kind (lane)][2]);
}

static void
draw_grid (WfScene     *self,
           GtkSnapshot *snapshot,
           guint        p0,
           guint        p1,
           guint        r0,
           guint        r1,
           double       top,
           double       bottom)
{
  double line = self->theme.line;
  double right = wf_layout_get_width (self->layout);

  for (guint p = p0; p <= p1 && p <= wf_layout_get_n_phases (self->layout); p++)
    {
      double x, w;

      if (p < wf_layout_get_n_phases (self->layout))
        wf_layout_get_phase_bounds (self->layout, p, &x, &w);
      else
        x = right;
      gtk_snapshot_append_color (snapshot, &self->theme.grid, &GRAPHENE_RECT_INIT (x - line / 2, top, line, bottom - top));
    }

  for (guint r = r0; r < r1; r++)
    {
      const WfRow *row = wf_layout_get_row (self->layout, r);

      gtk_snapshot_append_color (snapshot, &self->theme.grid,
                                 &GRAPHENE_RECT_INIT (0, row->y + row->height - line / 2, right, line));
    }

  gtk_snapshot_append_color (snapshot, &self->theme.grid,
                             &GRAPHENE_RECT_INIT (0, WF_LAYOUT_HEADER_HEIGHT - line / 2, right, line));
}

/**
 * wf_scene_snapshot:
 * @scene: a scene
 * @snapshot: where to draw, in map units
 * @area: what of the map to draw, in map units
 * @zoom: the scale the drawing will be seen at, for the level of detail
 * @selection: (nullable): the selected cards (a set), outlined
 * @focus: (nullable): the card with the keyboard focus
 *
 * Draws everything of the map that meets @area.
 */
void
wf_scene_snapshot (WfScene               *self,
                   GtkSnapshot           *snapshot,
                   const graphene_rect_t *area,
                   double                 zoom,
                   GHashTable            *selection,
                   WfCard                *focus)
{
  guint p0, p1, r0, r1;
  double width = wf_layout_get_width (self->layout);
  double height = wf_layout_get_height (self->layout);
  gboolean tiny = zoom * WF_LAYOUT_CARD_HEIGHT < 4;
  GtkSnapshot *cards = gtk_snapshot_new ();   /* over the links' lines */
  GskRenderNode *cards_node;
  graphene_rect_t focus_bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  g_return_if_fail (self != NULL);

  self->zoom = zoom;
  self->build_until = self->build_budget > 0 ? g_get_monotonic_time () + self->build_budget : G_MAXINT64;
  self->built = 0;
  self->incomplete = FALSE;
  wf_picture_cache_begin_frame (self->pictures);

  if (self->paint_background)
    gtk_snapshot_append_color (snapshot, &self->theme.background, area);

  wf_layout_get_visible (self->layout, area, &p0, &p1, &r0, &r1);
  wf_scene_follow_heat (self);
  wf_scene_draw_heat (self, snapshot, p0, p1, r0, r1);

  for (guint r = r0; r < r1; r++)
    {
      const WfRow *row = wf_layout_get_row (self->layout, r);

      if (row->kind != WF_ROW_LANE)
        {
          /* A shared band has no persona: the scene stands for it. */
          wf_scene_draw_cached (self, snapshot, row->persona ? (gpointer) row->persona : (gpointer) self,
                                &GRAPHENE_POINT_INIT (0, row->y), wf_scene_band_func, row);
          wf_scene_draw_band_photo (self, snapshot, row, zoom);
          continue;
        }

      /* The curve under its markers; so small that markers would be
       * specks, the curve alone.
       */
      if (wf_layout_is_emotion_row (self->layout, r) && p0 < p1)
        {
          wf_scene_draw_emotion_curve (self, snapshot, r, tiny);
          if (tiny)
            continue;
        }

      /* So small that a card is a line: one block per cell, as tall as
       * its cards' rows.
       */
      if (tiny && !wf_lane_get_collapsed (row->lane))
        {
          for (guint p = p0; p < p1; p++)
            {
              GPtrArray *cell = wf_map_get_cell (self->map, wf_map_get_phase (self->map, p), row->lane);
              graphene_rect_t first_bounds, last_bounds, block;

              if (cell == NULL || cell->len == 0)
                continue;

              wf_layout_get_cell_card_bounds (self->layout, p, r, 0, &first_bounds);
              wf_layout_get_cell_card_bounds (self->layout, p, r,
                                              MIN (cell->len - 1, wf_layout_get_cards_per_row (self->layout, p) - 1),
                                              &last_bounds);
              graphene_rect_union (&first_bounds, &last_bounds, &block);
              wf_layout_get_cell_card_bounds (self->layout, p, r, cell->len - 1, &last_bounds);
              block.size.height = last_bounds.origin.y + last_bounds.size.height - block.origin.y;

              wf_scene_draw_block (self, cards, g_ptr_array_index (cell, 0), row->lane, &block);
            }
          continue;
        }

      for (guint p = p0; p < p1; p++)
        {
          GPtrArray *cell = wf_map_get_cell (self->map, wf_map_get_phase (self->map, p), row->lane);
          guint first = 0, last = cell ? cell->len : 0;

          /* Only the card rows of the cell that meet the area. */
          if (cell != NULL && !wf_layout_is_emotion_row (self->layout, r) && !wf_lane_get_collapsed (row->lane))
            {
              double step = WF_LAYOUT_CARD_HEIGHT + WF_LAYOUT_GAP;
              double top = area->origin.y - row->y - WF_LAYOUT_CELL_PADDING;
              double bottom = top + area->size.height;

              guint per_row = wf_layout_get_cards_per_row (self->layout, p);

              first = MIN (last, (guint) MAX (0, floor (top / step)) * per_row);
              last = MIN (last, (guint) MAX (0, ceil (bottom / step) + 1) * per_row);
            }

          if (cell != NULL && cell->len > 0 && wf_layout_is_emotion_row (self->layout, r) &&
              wf_scene_crowded_cell (self, p, r))
            {
              wf_scene_draw_crowded_cell (self, cards, p, r, cell);
              continue;
            }

          /* A collapsed lane shows as many strips as its cell holds. */
          if (cell != NULL && wf_lane_get_collapsed (row->lane))
            {
              double x, w;

              wf_layout_get_phase_bounds (self->layout, p, &x, &w);
              last = MIN (last, (guint) MAX (0, floor ((w - 2 * WF_LAYOUT_CELL_PADDING + 4) / 12)));
            }

          for (guint i = first; i < last; i++)
            {
              WfCard *card = g_ptr_array_index (cell, i);
              graphene_rect_t bounds;

              wf_layout_get_cell_card_bounds (self->layout, p, r, i, &bounds);

              if (wf_lane_get_collapsed (row->lane))
                {
                  wf_scene_draw_block (self, cards, card, row->lane, &bounds);
                  continue;
                }

              wf_scene_draw_card (self, cards, card, row->lane, &bounds, zoom);

              if (selection != NULL && g_hash_table_contains (selection, card))
                wf_scene_draw_outline (cards, &bounds, &self->theme.accent, 3, 6);
              else if (card == focus)
                wf_scene_draw_outline (cards, &bounds, &self->theme.accent, 1.5, 6);
              if (card == focus)
                focus_bounds = bounds;
            }
        }

    }

  /* A link's line goes under the cards it passes, not through their
   * text; its label goes over them.
   */
  wf_scene_draw_link_lines (self, snapshot, area, zoom);
  if ((cards_node = gtk_snapshot_free_to_node (cards)) != NULL)
    {
      gtk_snapshot_append_node (snapshot, cards_node);
      gsk_render_node_unref (cards_node);
    }
  draw_grid (self, snapshot, p0, p1, r0, r1, 0, height);
  wf_scene_draw_link_labels (self, snapshot, area);

  /* The headers, over everything of their rows and columns. */
  for (guint r = r0; r < r1; r++)
    {
      const WfRow *row = wf_layout_get_row (self->layout, r);

      if (row->kind == WF_ROW_LANE && area->origin.x < WF_LAYOUT_LANE_HEADER_WIDTH)
        wf_scene_draw_cached (self, snapshot, row->lane, &GRAPHENE_POINT_INIT (0, row->y),
                              wf_scene_lane_header_func, row);
    }

  if (area->origin.y < WF_LAYOUT_HEADER_HEIGHT)
    {
      gtk_snapshot_append_color (snapshot, &self->theme.header,
                                 &GRAPHENE_RECT_INIT (0, 0, WF_LAYOUT_LANE_HEADER_WIDTH, WF_LAYOUT_HEADER_HEIGHT));
      if (area->origin.x < WF_LAYOUT_LANE_HEADER_WIDTH)
        wf_scene_draw_heat_key (self, snapshot);
      for (guint p = p0; p < p1; p++)
        {
          double x, w;

          wf_layout_get_phase_bounds (self->layout, p, &x, &w);
          wf_scene_draw_cached (self, snapshot, wf_map_get_phase (self->map, p), &GRAPHENE_POINT_INIT (x, 0),
                                wf_scene_phase_header_func, GUINT_TO_POINTER (p));
        }
    }

  /* The frame of the grid, over the headers. */
  gtk_snapshot_append_color (snapshot, &self->theme.grid,
                             &GRAPHENE_RECT_INIT (WF_LAYOUT_LANE_HEADER_WIDTH - self->theme.line / 2, 0,
                                                  self->theme.line, height));
  gtk_snapshot_append_color (snapshot, &self->theme.grid,
                             &GRAPHENE_RECT_INIT (0, WF_LAYOUT_HEADER_HEIGHT - self->theme.line / 2,
                                                  width, self->theme.line));

  /* The focused card's picture, larger, over everything: on the canvas
   * alone, which is the only one to pass a focus.
   */
  if (focus != NULL && focus_bounds.size.width > 0 && zoom >= WF_SCENE_TEXT_ZOOM)
    wf_scene_draw_card_preview (self, snapshot, focus, &focus_bounds, zoom);
}

static void
unref_node (GskRenderNode *node)
{
  if (node != NULL)
    gsk_render_node_unref (node);
}

/**
 * wf_scene_new:
 * @map: a map
 *
 * Returns: (transfer full): a scene drawing @map in the light theme
 */
WfScene *
wf_scene_new (WfMap *map)
{
  return wf_scene_new_for_font_map (map, pango_cairo_font_map_get_default ());
}

/**
 * wf_scene_new_for_font_map:
 * @map: a map
 * @font_map: where the scene's fonts come from; a font map is used by one
 *   thread at a time, so a scene drawn in another thread needs its own
 *
 * Returns: (transfer full): a scene drawing @map in the light theme
 */
WfScene *
wf_scene_new_for_font_map (WfMap        *map,
                           PangoFontMap *font_map)
{
  WfScene *self = g_new0 (WfScene, 1);

  /* The render node types, also where GTK was never initialized (the
   * command line's export).
   */
  g_type_ensure (GSK_TYPE_COLOR_NODE);

  self->map = g_object_ref (map);
  self->layout = wf_layout_new (map);
  self->cards = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) gsk_render_node_unref);
  self->cards_far = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) gsk_render_node_unref);
  self->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pango_font_description_free);
  self->curves = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) unref_node);
  self->headers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) gsk_render_node_unref);
  self->coarse = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) unref_node);
  self->pictures = wf_picture_cache_new ();
  self->cancellable = g_cancellable_new ();

  /* Our own text context, the same on screen and in every export. */
  self->context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->context, 96);
  {
    cairo_font_options_t *options = cairo_font_options_create ();

    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options (self->context, options);
    cairo_font_options_destroy (options);
  }

  self->theme_kind = WF_THEME_LIGHT;
  self->paint_background = TRUE;
  load_theme (self);

  return self;
}

void
wf_scene_free (WfScene *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->cards);
  g_hash_table_unref (self->cards_far);
  g_hash_table_unref (self->curves);
  g_hash_table_unref (self->coarse);
  g_hash_table_unref (self->fonts);
  for (guint i = 0; i < G_N_ELEMENTS (self->dots); i++)
    g_clear_object (&self->dots[i]);
  g_hash_table_unref (self->headers);
  wf_picture_cache_free (self->pictures);
  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  g_clear_object (&self->whole);
  g_free (self->whole_hash);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->heat, wf_heat_free);
  g_free (self->cards_heat);
  g_clear_object (&self->context);
  wf_layout_free (self->layout);
  g_clear_object (&self->map);
  g_free (self);
}

WfLayout *
wf_scene_get_layout (WfScene *self)
{
  return self->layout;
}

void
wf_scene_set_theme (WfScene     *self,
                    WfThemeKind  theme)
{
  if (self->theme_kind == theme)
    return;

  self->theme_kind = theme;
  load_theme (self);
  g_hash_table_remove_all (self->fonts);
  wf_scene_forget_all (self);
}

WfThemeKind
wf_scene_get_theme (WfScene *self)
{
  return self->theme_kind;
}

/* Drops what depends on where things are: curves, headers, links. */
static void
forget_placed (WfScene *self)
{
  g_hash_table_remove_all (self->curves);
  g_hash_table_remove_all (self->coarse);
  g_hash_table_remove_all (self->headers);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->heat, wf_heat_free);
}

/**
 * wf_scene_update:
 *
 * Lays the map out again after its structure changed. Cached cards stay:
 * their drawing does not depend on where they are, except in emotions
 * lanes, whose markers depend on the cell.
 */
void
wf_scene_update (WfScene *self)
{
  wf_layout_update (self->layout);
  forget_placed (self);
}

/**
 * wf_scene_forget_card:
 *
 * Drops the cached drawing of @card, after it changed.
 */
void
wf_scene_forget_card (WfScene *self,
                      WfCard  *card)
{
  g_hash_table_remove (self->cards, card);
  g_hash_table_remove (self->cards_far, card);
  g_hash_table_remove_all (self->curves);
  g_hash_table_remove_all (self->coarse);
  wf_scene_update_heat (self, card);
}

void
wf_scene_forget_all (WfScene *self)
{
  g_hash_table_remove_all (self->cards);
  g_hash_table_remove_all (self->cards_far);
  forget_placed (self);
}

/**
 * wf_scene_set_build_budget:
 * @budget_us: how long a drawing may spend making the nodes of cards it
 *   has not drawn before, in µs; 0 (exports) for no limit
 *
 * A card drawn for the first time costs Pango's shaping of its words,
 * 40–80 µs: a frame that opens a map or zooms out over hundreds of new
 * cards took 20–30 ms. With a budget, the cards past it are drawn as
 * their shapes alone and the drawing is incomplete
 * (wf_scene_is_complete()), for the next frame to go on.
 */
void
wf_scene_set_build_budget (WfScene *self,
                           gint64   budget_us)
{
  self->build_budget = MAX (0, budget_us);
}

/**
 * wf_scene_is_complete:
 *
 * Returns: %FALSE when the last drawing left cards without their words
 *   (wf_scene_set_build_budget()), to be drawn again
 */
gboolean
wf_scene_is_complete (WfScene *self)
{
  return !self->incomplete;
}

guint
wf_scene_get_n_cached (WfScene *self)
{
  return g_hash_table_size (self->cards) + g_hash_table_size (self->cards_far);
}

/**
 * wf_scene_get_n_pictures:
 *
 * For tests and the benchmark.
 *
 * Returns: how many pictures the scene has decoded (or tried to), one
 *   per picture however many persons and cards show it
 */
guint
wf_scene_get_n_pictures (WfScene *self)
{
  return wf_picture_cache_get_n_pictures (self->pictures);
}

/**
 * wf_scene_set_pictures_async:
 * @ready: (nullable): called when a picture decoded in a thread is
 *   there, to draw again; %NULL to decode each where it is drawn
 *
 * For the canvas: large pictures, and any past a frame's time for
 * decoding, decode in a thread, and are drawn as a plain box until they
 * are there; the focused card's picture whole, too, shown from its
 * thumbnail's texture meanwhile. An export leaves this off, so that it
 * always has its pictures.
 */
void
wf_scene_set_pictures_async (WfScene            *self,
                             WfPictureReadyFunc  ready,
                             gpointer            data)
{
  self->ready = ready;
  self->ready_data = data;
  wf_picture_cache_set_async (self->pictures, ready, data);
}

/**
 * wf_scene_set_pixel_scale:
 * @scale: device pixels per map unit at zoom 1; 0 (the default) for a
 *   drawing that is not pixels (PDF, SVG, print)
 *
 * Where the drawing is pixels (the canvas, a PNG), pictures are drawn
 * from the smallest size kept that is as large as they show
 * (wf-picture-cache.c); elsewhere from the largest.
 */
void
wf_scene_set_pixel_scale (WfScene *self,
                          double   scale)
{
  self->pixel_scale = MAX (scale, 0);
}

/**
 * wf_scene_get_picture_cache:
 *
 * For tests and the benchmark.
 *
 * Returns: (transfer none): the scene's decoded pictures
 */
WfPictureCache *
wf_scene_get_picture_cache (WfScene *self)
{
  return self->pictures;
}

/**
 * wf_scene_get_longest_text:
 *
 * For tests and the benchmark: what the scene's drawing cost depends on.
 *
 * Returns: the most bytes of text the scene has given one Pango layout
 *   since it was made
 */
gsize
wf_scene_get_longest_text (WfScene *self)
{
  return self->longest_text;
}

/**
 * wf_scene_set_paint_background:
 * @paint: whether wf_scene_snapshot() fills the area with the theme's
 *   background first
 *
 * Off for an export with a transparent background.
 */
void
wf_scene_set_paint_background (WfScene  *self,
                               gboolean  paint)
{
  self->paint_background = !!paint;
}

/**
 * wf_scene_set_anchor_drawings:
 * @anchor: whether the drawings made with cairo (emotion curves, links)
 *   reach from the map's origin, as cairo 1.16's SVG surface needs
 *
 * On for exports, which draw with cairo; off for the canvas, where a GL
 * renderer makes a texture of a drawing's whole extents.
 */
void
wf_scene_set_anchor_drawings (WfScene  *self,
                              gboolean  anchor)
{
  if (self->anchor_drawings == !!anchor)
    return;

  self->anchor_drawings = !!anchor;
  wf_scene_forget_all (self);
}

/**
 * wf_scene_get_background:
 *
 * Returns: the colour behind the map in the scene's theme
 */
const GdkRGBA *
wf_scene_get_background (WfScene *self)
{
  return &self->theme.background;
}

/* WCAG's relative luminance of a colour. */
static double
luminance (const GdkRGBA *c)
{
  double v[3] = { c->red, c->green, c->blue };

  for (guint i = 0; i < 3; i++)
    v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : pow ((v[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/**
 * wf_scene_contrast:
 *
 * Returns: the WCAG contrast ratio of two opaque colours, from 1 to 21
 */
double
wf_scene_contrast (const GdkRGBA *a,
                   const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/**
 * wf_scene_get_initials_color:
 * @tint: a persona's colour
 * @color: (out): black or white, whichever reads better on @tint
 */
void
wf_scene_get_initials_color (WfScene       *self,
                             const GdkRGBA *tint,
                             GdkRGBA       *color)
{
  GdkRGBA black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };

  *color = wf_scene_contrast (tint, &white) >= wf_scene_contrast (tint, &black) ? white : black;
}

/**
 * wf_scene_get_text_colors:
 * @text: (out): the colour of titles
 * @dim: (out): of secondary text, such as a card's channel
 * @accent: (out): of votes, curves and other marks
 */
void
wf_scene_get_text_colors (WfScene *self,
                          GdkRGBA *text,
                          GdkRGBA *dim,
                          GdkRGBA *accent)
{
  *text = self->theme.text;
  *dim = self->theme.dim;
  *accent = self->theme.accent;
}

/**
 * wf_scene_get_card_fill:
 * @fill: (out): what @card, in @lane, is filled with
 */
void
wf_scene_get_card_fill (WfScene *self,
                        WfCard  *card,
                        WfLane  *lane,
                        GdkRGBA *fill)
{
  card_fill (self, card, lane, fill);
}
