/* wf-scene-headers.c — the headers and bands of a map's drawing
 *
 * The phase headers along the top, the lane headers down the left, the
 * persona bands with their initials, each drawn once and kept until the
 * layout or the item changes (a persona's photo is drawn over its band
 * at each zoom, for the level of detail); and the title block that heads
 * an export.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-scene-private.h"

/* Headers and bands */

/* The first letters of a name's first two words: "Eva de Vries" is EV.
 * Only the start of a name is read: it may be long.
 */
static char *
initials (const char *name)
{
  GString *out = g_string_new (NULL);
  gboolean word_start = TRUE;
  guint n = 0;

  for (const char *p = name; *p != '\0' && n < 2 && p - name < 1024; p = wf_scene_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (*p == ' ')
        word_start = TRUE;
      else if (word_start && c != (gunichar) -1 && c != (gunichar) -2)
        {
          g_string_append_unichar (out, g_unichar_toupper (c));
          word_start = FALSE;
          n++;
        }
      else
        word_start = FALSE;
    }

  return g_string_free (out, FALSE);
}

/* The circle of a persona's initials or photo in its band, in map units
 * from the band's left and top.
 */
#define BAND_PHOTO_X    12.0
#define BAND_PHOTO_Y     6.0
#define BAND_PHOTO_SIZE 26.0

/* The widest the initials may be in their circle of 26 units. */
#define INITIALS_MAX_WIDTH 17.0

/* Of a phase's figures, more than its header or band can show: a name
 * is cut to this, and no more figures are added past it.
 */
#define FIGURES_CHARS 1024

/*
 * wf_scene_format_phase_figures:
 * @persona: a persona's id, or "" for everyone
 *
 * A phase's figures about @persona on one line: "NPS 12 ▲ ✓ · CSAT 78% ✗".
 *
 * Returns: (transfer full) (nullable): the line, or %NULL if it has none
 */
char *
wf_scene_format_phase_figures (WfPhase    *phase,
                               const char *persona)
{
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_phase_get_metrics (phase));
  GString *line = NULL;

  for (guint i = 0; i < metrics->len && (line == NULL || line->len < FIGURES_CHARS); i++)
    {
      const WfMetric *metric = g_ptr_array_index (metrics, i);
      g_autofree char *figure = NULL;

      if (strcmp (metric->persona, persona) != 0)
        continue;

      figure = wf_scene_format_figure (metric, FIGURES_CHARS);
      if (line == NULL)
        line = g_string_new (figure);
      else
        g_string_append_printf (line, " · %s", figure);
    }

  return line != NULL ? g_string_free (line, FALSE) : NULL;
}

static void
draw_band (WfScene     *self,
           GtkSnapshot *snapshot,
           const WfRow *row,
           double       left,
           double       right)
{
  GdkRGBA tint = self->theme.dim;
  const char *name = row->persona ? wf_persona_get_name (row->persona) : _("Shared lanes");
  double x = left + BAND_PHOTO_X;

  if (row->persona != NULL)
    gdk_rgba_parse (&tint, wf_persona_get_color (row->persona));

  {
    GdkRGBA wash = tint;

    wash.alpha = self->theme.high_contrast ? 0 : 0.16;
    gtk_snapshot_append_color (snapshot, &wash, &GRAPHENE_RECT_INIT (left, row->y, right - left, row->height));
    gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (left, row->y, right - left, 3));
  }

  if (row->persona != NULL)
    {
      g_autofree char *letters = initials (name);
      GskRoundedRect circle;
      GdkRGBA white;

      wf_scene_get_initials_color (self, &tint, &white);

      gsk_rounded_rect_init_from_rect (&circle, &GRAPHENE_RECT_INIT (x, row->y + BAND_PHOTO_Y, BAND_PHOTO_SIZE,
                                                                     BAND_PHOTO_SIZE), BAND_PHOTO_SIZE / 2);
      wf_scene_fill_rounded (snapshot, &circle, &tint);
      /* The letters' ink in the middle of the circle, whatever their
       * widths and the font's ascent. A photo takes their place
       * (wf_scene_draw_band_photo()); too small to be seen, the circle
       * of the persona's colour stands for it.
       */
      if (*letters != '\0' && wf_persona_get_photo (row->persona) == NULL)
        {
          g_autoptr(PangoLayout) layout = wf_scene_make_text (self, letters, 11, TRUE, 80, 1);
          PangoRectangle ink;

          /* Two wide letters ("B博") are made smaller to keep inside. */
          pango_layout_get_extents (layout, &ink, NULL);
          if (ink.width > INITIALS_MAX_WIDTH * PANGO_SCALE)
            {
              g_object_unref (layout);
              layout = wf_scene_make_text (self, letters, floor (11 * INITIALS_MAX_WIDTH * PANGO_SCALE / ink.width),
                                           TRUE, 80, 1);
              pango_layout_get_extents (layout, &ink, NULL);
            }
          wf_scene_place_layout (snapshot, layout,
                                 x + 13 - (ink.x + ink.width / 2.0) / PANGO_SCALE,
                                 row->y + 19 - (ink.y + ink.height / 2.0) / PANGO_SCALE, &white);
        }
      x += 34;
    }

  wf_scene_draw_text (self, snapshot, name, x, row->y + 9, 14, TRUE, 400, 1, &self->theme.text);

  /* The persona's figures in each phase's column, where they fit beside
   * the name.
   */
  if (row->persona != NULL)
    {
      g_autoptr(PangoLayout) layout = wf_scene_make_text (self, name, 14, TRUE, 400, 1);
      int name_width;
      double name_end;

      pango_layout_get_pixel_size (layout, &name_width, NULL);
      name_end = x + name_width + 16;
      for (guint p = 0; p < wf_layout_get_n_phases (self->layout); p++)
        {
          g_autofree char *figures = wf_scene_format_phase_figures (wf_map_get_phase (self->map, p),
                                                                    wf_item_get_id (WF_ITEM (row->persona)));
          double px, pw, start;

          if (figures == NULL)
            continue;
          wf_layout_get_phase_bounds (self->layout, p, &px, &pw);
          start = MAX (px + 14, name_end);
          if (px + pw - 14 - start < 48)
            continue;
          wf_scene_draw_text (self, snapshot, figures, start, row->y + 12, 10.5, FALSE,
                              px + pw - 14 - start, 1, &self->theme.text);
        }
    }
}

/*
 * wf_scene_draw_band_photo:
 * @row: a persona's band
 * @zoom: the scale the drawing will be seen at
 *
 * The persona's photo in its band's circle, cropped around its focal
 * point, over the circle of its colour; none where the persona has no
 * photo or the circle would be a few pixels across.
 */
void
wf_scene_draw_band_photo (WfScene     *self,
                          GtkSnapshot *snapshot,
                          const WfRow *row,
                          double       zoom)
{
  WfImage *photo;

  if (row->kind != WF_ROW_PERSONA || row->persona == NULL ||
      (photo = wf_persona_get_photo (row->persona)) == NULL ||
      BAND_PHOTO_SIZE * zoom < WF_SCENE_PICTURE_MIN_PIXELS)
    return;

  wf_scene_draw_picture (self, snapshot, photo,
                         &GRAPHENE_RECT_INIT (BAND_PHOTO_X, row->y + BAND_PHOTO_Y, BAND_PHOTO_SIZE, BAND_PHOTO_SIZE),
                         BAND_PHOTO_SIZE / 2, TRUE);
}

/* Whether a lane's title says what its kind does; kinds' names are
 * short, so a long title does not.
 */
static gboolean
same_words (const char *a,
            const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (strnlen (a, 256) == 256 || strnlen (b, 256) == 256)
    return FALSE;

  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);

  return g_utf8_collate (fa, fb) == 0;
}

static void
draw_lane_header (WfScene     *self,
                  GtkSnapshot *snapshot,
                  const WfRow *row)
{
  const char *title = wf_lane_get_title (row->lane);
  const char *kind = wf_lane_kind_get_label (wf_lane_get_kind (row->lane));
  double w = WF_LAYOUT_LANE_HEADER_WIDTH;

  gtk_snapshot_append_color (snapshot, &self->theme.header, &GRAPHENE_RECT_INIT (0, row->y, w, row->height));
  if (wf_lane_get_collapsed (row->lane))
    {
      wf_scene_draw_text (self, snapshot, *title ? title : kind, 16, row->y + 6, 11, TRUE, w - 24, 1, &self->theme.dim);
      return;
    }

  wf_scene_draw_text (self, snapshot, *title ? title : kind, 16, row->y + 12, 13, TRUE, w - 24, 2, &self->theme.text);

  /* The kind, unless the title says it already. */
  if (*title && !same_words (title, kind))
    wf_scene_draw_text (self, snapshot, kind, 16, row->y + 12 + 38 * self->theme.type_scale, 10.5, FALSE, w - 24, 1,
                        &self->theme.dim);
}

static void
draw_phase_header (WfScene     *self,
                   GtkSnapshot *snapshot,
                   guint        index)
{
  WfPhase *phase = wf_map_get_phase (self->map, index);
  GdkRGBA band = self->theme.accent;
  double x, w;
  g_autofree char *figures = wf_scene_format_phase_figures (phase, "");
  const char *description = wf_phase_get_description (phase);

  wf_layout_get_phase_bounds (self->layout, index, &x, &w);
  gtk_snapshot_append_color (snapshot, &self->theme.header, &GRAPHENE_RECT_INIT (x, 0, w, WF_LAYOUT_HEADER_HEIGHT));
  if (wf_phase_get_color (phase) != NULL)
    gdk_rgba_parse (&band, wf_phase_get_color (phase));
  gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (x, 0, w, 6));

  /* The figures for everyone below the description; with both, the
   * three lines move up to share the header.
   */
  if (figures != NULL && *description != '\0')
    {
      wf_scene_draw_text (self, snapshot, wf_phase_get_name (phase), x + 14, 9, 16, TRUE, w - 28, 1,
                          &self->theme.text);
      wf_scene_draw_text (self, snapshot, description, x + 14, 31, 10.5, FALSE, w - 28, 1, &self->theme.dim);
      wf_scene_draw_text (self, snapshot, figures, x + 14, 46, 9.5, FALSE, w - 28, 1, &self->theme.text);
      return;
    }

  wf_scene_draw_text (self, snapshot, wf_phase_get_name (phase), x + 14, 16, 16, TRUE, w - 28, 1, &self->theme.text);
  if (figures != NULL)
    wf_scene_draw_text (self, snapshot, figures, x + 14, 40, 10.5, FALSE, w - 28, 1, &self->theme.text);
  else
    wf_scene_draw_text (self, snapshot, description, x + 14, 40, 10.5, FALSE, w - 28, 1, &self->theme.dim);
}

/* Headers and bands change seldom: each is drawn once, at the origin, and
 * kept until the layout or the item changes. @key is the item.
 */
void
wf_scene_draw_cached (WfScene               *self,
                      GtkSnapshot           *snapshot,
                      gconstpointer          key,
                      const graphene_point_t *origin,
                      HeaderFunc             func,
                      gconstpointer          data)
{
  GskRenderNode *node = g_hash_table_lookup (self->headers, key);

  if (node == NULL)
    {
      g_autoptr(GtkSnapshot) sub = gtk_snapshot_new ();

      func (self, sub, data);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&sub));
      if (node == NULL)
        return;
      g_hash_table_insert (self->headers, (gpointer) key, node);
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, origin);
  gtk_snapshot_append_node (snapshot, node);
  gtk_snapshot_restore (snapshot);
}

void
wf_scene_band_func (WfScene       *self,
                    GtkSnapshot   *snapshot,
                    gconstpointer  data)
{
  WfRow row = *(const WfRow *) data;

  row.y = 0;
  draw_band (self, snapshot, &row, 0, wf_layout_get_width (self->layout));
}

void
wf_scene_lane_header_func (WfScene       *self,
                           GtkSnapshot   *snapshot,
                           gconstpointer  data)
{
  WfRow row = *(const WfRow *) data;

  row.y = 0;
  draw_lane_header (self, snapshot, &row);
}

void
wf_scene_phase_header_func (WfScene       *self,
                            GtkSnapshot   *snapshot,
                            gconstpointer  data)
{
  guint index = GPOINTER_TO_UINT (data);
  double x, w;

  wf_layout_get_phase_bounds (self->layout, index, &x, &w);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-x, 0));
  draw_phase_header (self, snapshot, index);
}

/* One line of text in the title block; returns its height. */
static double
title_text (WfScene       *self,
            GtkSnapshot   *snapshot,
            const char    *text,
            double         x,
            double         y,
            double         size,
            gboolean       bold,
            double         width,
            const GdkRGBA *color,
            double        *text_width)
{
  g_autoptr(PangoLayout) layout = NULL;
  int w = 0, h = 0;

  if (text == NULL || *text == '\0')
    {
      if (text_width != NULL)
        *text_width = 0;
      return 0;
    }

  layout = wf_scene_make_text (self, text, size, bold, width, 1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (snapshot != NULL)
    wf_scene_place_layout (snapshot, layout, x, y, color);
  if (text_width != NULL)
    *text_width = w;

  return h;
}

/**
 * wf_scene_snapshot_title_block:
 * @snapshot: (nullable): where to draw, or %NULL to measure only
 * @width: the width of the block, the map's
 * @title: (nullable): the document's title
 * @date: (nullable): the date to show, already formatted
 *
 * Draws the block that heads an exported map: the document's and the
 * map's titles, the date, and the map's personas with their colours.
 *
 * Returns: the height of the block
 */
double
wf_scene_snapshot_title_block (WfScene     *self,
                               GtkSnapshot *snapshot,
                               double       width,
                               const char  *title,
                               const char  *date)
{
  const Theme *t = &self->theme;
  double y = 0, x = 0, date_w = 0, line = 0;
  const char *map_title = wf_map_get_title (self->map);
  const char *scenario = wf_map_get_scenario (self->map);

  g_return_val_if_fail (self != NULL, 0);

  /* The date first, at the right, so the titles keep clear of it. */
  title_text (self, NULL, date, 0, 0, 13, FALSE, width / 3, &t->dim, &date_w);
  if (date_w > 0)
    title_text (self, snapshot, date, width - date_w, 8, 13, FALSE, width / 3, &t->dim, NULL);

  y += title_text (self, snapshot, title, 0, 0, 28, TRUE, width - date_w - 24, &t->text, NULL);
  if (map_title != NULL && g_strcmp0 (map_title, title) != 0)
    y += title_text (self, snapshot, map_title, 0, y + 4, 18, FALSE, width - date_w - 24, &t->text, NULL) + 4;
  if (scenario != NULL && *scenario)
    y += title_text (self, snapshot, scenario, 0, y + 4, 13, FALSE, width - date_w - 24, &t->dim, NULL) + 4;

  /* The personas, as a legend that wraps. */
  y += 16;
  for (guint r = 0; r < wf_layout_get_n_rows (self->layout); r++)
    {
      const WfRow *row = wf_layout_get_row (self->layout, r);
      const char *name;
      double name_w, h;
      GdkRGBA tint = t->dim;

      if (row->kind != WF_ROW_PERSONA)
        continue;

      name = wf_persona_get_name (row->persona);
      gdk_rgba_parse (&tint, wf_persona_get_color (row->persona));
      title_text (self, NULL, name, 0, 0, 14, FALSE, 320, &t->text, &name_w);
      if (x > 0 && x + 22 + name_w > width)
        {
          x = 0;
          y += line + 8;
          line = 0;
        }

      h = title_text (self, snapshot, name, x + 22, y, 14, FALSE, 320, &t->text, NULL);
      if (snapshot != NULL)
        {
          GskRoundedRect dot;

          gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (x, y + h / 2 - 8, 16, 16), 8);
          wf_scene_fill_rounded (snapshot, &dot, &tint);
        }
      line = MAX (line, h);
      x += 22 + name_w + 24;
    }
  y += line + 16;

  if (snapshot != NULL)
    gtk_snapshot_append_color (snapshot, &t->grid, &GRAPHENE_RECT_INIT (0, y, width, t->line));

  return y + t->line + 24;
}
