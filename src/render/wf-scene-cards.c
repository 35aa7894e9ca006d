/* wf-scene-cards.c — the text and the cards of a map's drawing
 *
 * Text as the scene lays it out (at most what its lines could show), a
 * card's drawing as a render node kept until the card changes, the
 * colour block that stands for a card too small for words, the outline
 * of a selected card, and cairo drawing in map units for the curves and
 * links.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-scene-private.h"

/* Text
 *
 * Pango shapes the whole of a text it is given, even where it shows two
 * words and an ellipsis: a title of 50 MB took a minute and gigabytes to
 * draw. So a layout only gets as much of a text as its lines could show
 * at the narrowest: MIN_ADVANCE_EM (a hair space) a character, over a
 * line no wider than MAX_LINE_WIDTH. A text cut shorter ends in "…".
 */
#define MIN_ADVANCE_EM  0.1
#define MAX_LINE_WIDTH  20000.0
/* Characters after the cut that tell whether a grapheme goes on. */
#define CLIP_LOOKAHEAD  8

/* The next character, or the next byte where @p is not valid UTF-8;
 * never past the end of the string.
 */
const char *
wf_scene_next_char (const char *p)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  return c == (gunichar) -1 || c == (gunichar) -2 ? p + 1 : g_utf8_next_char (p);
}

/**
 * wf_scene_clip_text:
 * @text: a text, best valid UTF-8
 * @max_chars: the most characters to keep, at least 1
 *
 * Cuts a text to what can be shown of it, looking no further into it
 * than @max_chars and a few characters more. A cut falls between
 * graphemes (a letter and its accents stay together), and is marked by
 * an ellipsis.
 *
 * Returns: (transfer full): @text itself if it has at most @max_chars
 *   characters; otherwise at most its first @max_chars characters, made
 *   valid UTF-8, and "…"
 */
char *
wf_scene_clip_text (const char *text,
                    gsize       max_chars)
{
  const char *p = text, *end;
  g_autofree char *valid = NULL;
  g_autofree PangoLogAttr *attrs = NULL;
  gsize keep = 0, n = 0, cut;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (max_chars > 0, NULL);

  while (*p != '\0' && keep < max_chars)
    {
      p = wf_scene_next_char (p);
      keep++;
    }
  if (*p == '\0')
    return g_strdup (text);

  end = p;
  for (guint i = 0; *end != '\0' && i < CLIP_LOOKAHEAD; i++)
    end = wf_scene_next_char (end);

  /* Invalid bytes become U+FFFD, one each, so characters keep their
   * places.
   */
  valid = g_utf8_make_valid (text, end - text);
  n = g_utf8_strlen (valid, -1);
  attrs = g_new (PangoLogAttr, n + 1);
  pango_get_log_attrs (valid, -1, -1, pango_language_get_default (), attrs, n + 1);

  /* Back to where a grapheme starts; a single grapheme longer than
   * everything (a letter with thousands of accents) is cut anyway.
   */
  for (cut = MIN (keep, n); cut > 0 && !attrs[cut].is_cursor_position; cut--)
    ;
  if (cut == 0)
    cut = MIN (keep, n);

  *g_utf8_offset_to_pointer (valid, cut) = '\0';

  return g_strconcat (valid, "…", NULL);
}

/* How many characters a layout of @lines lines of @width could show at
 * the most, in type of @size.
 */
static gsize
text_capacity (WfScene *self,
               double   size,
               double   width,
               int      lines)
{
  double em = size * self->theme.type_scale;
  double per_line = ceil (CLAMP (width, em, MAX_LINE_WIDTH) / (em * MIN_ADVANCE_EM));

  return (gsize) MAX (lines, 1) * ((gsize) per_line + 1);
}

PangoLayout *
wf_scene_make_text (WfScene    *self,
                    const char *text,
                    double      size,
                    gboolean    bold,
                    double      width,
                    int         lines)
{
  PangoLayout *layout = pango_layout_new (self->context);
  char key[32];
  PangoFontDescription *font;
  g_autofree char *shown = wf_scene_clip_text (text, text_capacity (self, size, width, lines));

  g_snprintf (key, sizeof key, "%g %d", size, bold);
  if (!(font = g_hash_table_lookup (self->fonts, key)))
    {
      font = pango_font_description_from_string ("Cantarell, Sans");
      pango_font_description_set_absolute_size (font, size * self->theme.type_scale * PANGO_SCALE);
      if (bold)
        pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      g_hash_table_insert (self->fonts, g_strdup (key), font);
    }
  pango_layout_set_font_description (layout, font);

  self->longest_text = MAX (self->longest_text, strlen (shown));
  pango_layout_set_text (layout, shown, -1);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -lines);

  return layout;
}

typedef struct
{
  PangoFont        *font;
  PangoGlyphString *glyphs;
  int               x, baseline;   /* of its first run */
  int               pen;           /* the end of its widths, from x */
} FontRun;

static void
font_run_free (FontRun *run)
{
  pango_glyph_string_free (run->glyphs);
  g_free (run);
}

/* The glyphs of @layout, one text node for each font rather than one
 * for each line (gtk_snapshot_append_layout()): a text node costs GTK's
 * cairo renderer about as much for a word as for a line, and a card's
 * title has up to three. Each run's glyphs keep their place through
 * their offsets; their widths are left alone, as a text node leaves out
 * empty glyphs.
 */
static void
append_lines (GtkSnapshot   *snapshot,
              PangoLayout   *layout,
              const GdkRGBA *color)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) font_run_free);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutRun *piece = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      FontRun *run = NULL;
      int baseline, start;

      if (piece == NULL)
        continue;

      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      for (guint i = 0; i < runs->len && run == NULL; i++)
        if (((FontRun *) g_ptr_array_index (runs, i))->font == piece->item->analysis.font)
          run = g_ptr_array_index (runs, i);
      if (run == NULL)
        {
          run = g_new0 (FontRun, 1);
          run->font = piece->item->analysis.font;
          run->glyphs = pango_glyph_string_new ();
          run->x = logical.x;
          run->baseline = baseline;
          g_ptr_array_add (runs, run);
        }

      /* Empty glyphs (a tab) are left out, their widths kept in the
       * offsets of those after them.
       */
      start = run->glyphs->num_glyphs;
      pango_glyph_string_set_size (run->glyphs, start + piece->glyphs->num_glyphs);
      for (int i = 0, x = logical.x - run->x; i < piece->glyphs->num_glyphs; x += piece->glyphs->glyphs[i++].geometry.width)
        {
          PangoGlyphInfo *glyph = &run->glyphs->glyphs[start];

          if (piece->glyphs->glyphs[i].glyph == PANGO_GLYPH_EMPTY)
            continue;

          *glyph = piece->glyphs->glyphs[i];
          glyph->geometry.x_offset += x - run->pen;
          glyph->geometry.y_offset += baseline - run->baseline;
          run->glyphs->log_clusters[start++] = 0;
          run->pen += glyph->geometry.width;
        }
      pango_glyph_string_set_size (run->glyphs, start);
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  for (guint i = 0; i < runs->len; i++)
    {
      FontRun *run = g_ptr_array_index (runs, i);
      GskRenderNode *node = gsk_text_node_new (run->font, run->glyphs, color,
                                               &GRAPHENE_POINT_INIT ((float) run->x / PANGO_SCALE,
                                                                     (float) run->baseline / PANGO_SCALE));

      if (node != NULL)
        {
          gtk_snapshot_append_node (snapshot, node);
          gsk_render_node_unref (node);
        }
    }
}

void
wf_scene_place_layout (GtkSnapshot   *snapshot,
                       PangoLayout   *layout,
                       double         x,
                       double         y,
                       const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  /* Attributes (underlines, colours, spacing) are GTK's to draw. */
  if (pango_layout_get_line_count (layout) > 1 && pango_layout_get_attributes (layout) == NULL)
    append_lines (snapshot, layout, color);
  else
    gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

void
wf_scene_draw_text (WfScene       *self,
                    GtkSnapshot   *snapshot,
                    const char    *text,
                    double         x,
                    double         y,
                    double         size,
                    gboolean       bold,
                    double         width,
                    int            lines,
                    const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (text == NULL || *text == '\0')
    return;

  layout = wf_scene_make_text (self, text, size, bold, width, lines);
  wf_scene_place_layout (snapshot, layout, x, y, color);
}

/* Cards */

/* The sign that tells the kind of a card without its colour. */
static const char *
kind_sign (WfLaneKind kind)
{
  switch (kind)
    {
    case WF_LANE_PAIN_POINTS:   return "⚠";
    case WF_LANE_OPPORTUNITIES: return "★";
    case WF_LANE_NOTES:         return "✎";
    case WF_LANE_METRICS:       return "∑";
    case WF_LANE_THOUGHTS:      return "…";
    case WF_LANE_BACKSTAGE:     return "⚙";
    case WF_LANE_TOUCHPOINTS:
    case WF_LANE_ACTIONS:
    case WF_LANE_EMOTIONS:
    case WF_LANE_CHANNELS:
    default:
      return NULL;
    }
}

/* Of a metric's name, more than a card's footer line can show. */
#define FOOTER_CHARS 256

/*
 * wf_scene_format_figure:
 * @name_chars: how much of the metric's name to keep
 *
 * A metric as a map shows it: its name and latest value with its unit,
 * in the locale's way with numbers, an arrow against the measurement
 * before it (none without one) and a mark for on or off target, so that
 * neither is told by colour alone: "Conversion 3.4% ▼ ✗". A metric
 * without measurements is its name alone.
 *
 * Returns: (transfer full): the text
 */
char *
wf_scene_format_figure (const WfMetric *metric,
                        gsize           name_chars)
{
  g_autoptr(GString) figure = g_string_new (NULL);
  g_autofree char *name = wf_scene_clip_text (metric->name, name_chars);
  const WfMeasurement *latest = wf_metric_get_latest (metric);
  int trend = wf_metric_get_trend (metric);
  WfTargetState state = wf_metric_get_target_state (metric);

  g_string_append (figure, name);
  if (latest != NULL)
    {
      g_autofree char *value = wf_metric_format_value (metric, latest->value);

      g_string_append_printf (figure, " %s", value);
    }
  if (trend > 0)
    g_string_append (figure, " ▲");
  else if (trend < 0)
    g_string_append (figure, " ▼");
  if (state == WF_TARGET_MET)
    g_string_append (figure, " ✓");
  else if (state == WF_TARGET_MISSED)
    g_string_append (figure, " ✗");

  return g_string_free (g_steal_pointer (&figure), FALSE);
}

/*
 * wf_scene_card_footer:
 * @heat: the heat view's metric, or ""
 *
 * A card's channel and one figure on one line: the one named @heat
 * where the card has it, else its first; with @figure_first the figure
 * leads, for a line too long to show both.
 */
char *
wf_scene_card_footer (WfCard     *card,
                      const char *heat,
                      gboolean    figure_first)
{
  g_autoptr(GString) footer = g_string_new (NULL);
  WfChannel channel = wf_card_get_channel (card);
  GVariant *metrics = wf_card_get_metrics (card);

  if (channel != WF_CHANNEL_NONE)
    {
      g_string_append (footer, wf_channel_get_label (channel));
      if (wf_card_get_contact (card) == WF_CONTACT_DIRECT)
        g_string_append_printf (footer, " · %s", _("direct"));
      else if (wf_card_get_contact (card) == WF_CONTACT_INDIRECT)
        g_string_append_printf (footer, " · %s", _("indirect"));
      if (wf_channel_get_presence (channel) == WF_PRESENCE_ONLINE)
        g_string_append_printf (footer, " · %s", _("online"));
      else if (wf_channel_get_presence (channel) == WF_PRESENCE_OFFLINE)
        g_string_append_printf (footer, " · %s", _("offline"));
    }

  if (metrics != NULL && g_variant_n_children (metrics) > 0)
    {
      g_autoptr(GPtrArray) list = wf_metrics_from_variant (metrics);
      /* The figure the heat view tints by, where the card has it: the
       * tint is never the only sign of it. Else the first.
       */
      WfMetric *shown = wf_metrics_find (list, heat, NULL);
      g_autofree char *figure = wf_scene_format_figure (shown ? shown : g_ptr_array_index (list, 0), FOOTER_CHARS);

      if (figure_first && footer->len > 0)
        g_string_prepend (footer, " · ");
      else if (footer->len > 0)
        g_string_append (footer, " · ");
      if (figure_first)
        g_string_prepend (footer, figure);
      else
        g_string_append (footer, figure);
    }

  return g_string_free (g_steal_pointer (&footer), FALSE);
}

#define DOT_SIZE  7.0
#define DOT_PITCH 9.0

/* @dots votes' dots as one run of “●”, each DOT_SIZE across and
 * DOT_PITCH apart, placed in @ink (in the layout's own units); NULL
 * where no font has the glyph. GTK's cairo renderer draws a run of
 * glyphs for about what one shape costs: drawn a shape each, the dots
 * were half the nodes of a view of cards (wayfinder-paint --by-node).
 * Made once for each count: a card's making is on a frame's budget.
 */
static PangoLayout *
make_dots (WfScene        *self,
           guint           dots,
           PangoRectangle *ink)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  g_autoptr(GString) text = NULL;
  PangoAttrList *attrs;
  PangoRectangle logical;

  if (self->no_dots)
    return NULL;
  if (self->dots[dots - 1] != NULL)
    {
      *ink = self->dots_ink[dots - 1];
      return self->dots[dots - 1];
    }

  layout = pango_layout_new (self->context);
  font = pango_font_description_from_string ("Cantarell, Sans");
  text = g_string_new (NULL);

  /* The glyph's ink at 10 pixels gives the size that makes it a dot. */
  pango_font_description_set_absolute_size (font, 10 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "●", -1);
  pango_layout_get_extents (layout, ink, &logical);
  if (pango_layout_get_unknown_glyphs_count (layout) > 0 || ink->height <= 0)
    {
      self->no_dots = TRUE;
      return NULL;
    }

  pango_font_description_set_absolute_size (font, 10 * DOT_SIZE / ink->height * PANGO_SCALE * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_get_extents (layout, ink, &logical);

  for (guint i = 0; i < dots; i++)
    g_string_append (text, "●");
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (DOT_PITCH * PANGO_SCALE - logical.width));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text->str, -1);
  pango_layout_get_extents (layout, ink, NULL);

  self->dots[dots - 1] = g_steal_pointer (&layout);
  self->dots_ink[dots - 1] = *ink;

  return self->dots[dots - 1];
}

/**
 * wf_scene_more_votes:
 * @votes: a card's votes, more than five
 *
 * Returns: what the card says beside its five dots: “+4”; past 99 more,
 *   as badges count, “99+”, not a number cut off to its first figure
 *   (the card's description says how many)
 */
char *
wf_scene_more_votes (guint votes)
{
  return votes - 5 > 99 ? g_strdup ("99+") : g_strdup_printf ("+%u", votes - 5);
}

static void
draw_votes (WfScene     *self,
            GtkSnapshot *snapshot,
            guint        votes,
            double       right,
            double       y)
{
  guint dots = MIN (votes, 5);
  PangoRectangle ink;
  PangoLayout *run = make_dots (self, dots, &ink);

  /* The last dot ends where its pitch ends, less the gap. */
  if (run != NULL)
    wf_scene_place_layout (snapshot, run, right - (DOT_PITCH - DOT_SIZE) - (double) (ink.x + ink.width) / PANGO_SCALE,
                           y - (double) ink.y / PANGO_SCALE, &self->theme.accent);
  else
    for (guint i = 0; i < dots; i++)
      {
        GskRoundedRect dot;

        gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (right - (i + 1) * DOT_PITCH, y, DOT_SIZE, DOT_SIZE),
                                         DOT_SIZE / 2);
        wf_scene_fill_rounded (snapshot, &dot, &self->theme.accent);
      }

  if (votes > 5)
    {
      g_autofree char *more = wf_scene_more_votes (votes);

      wf_scene_draw_text (self, snapshot, more, right - 5 * DOT_PITCH - 22, y - 4, 10, TRUE, 22, 1, &self->theme.accent);
    }
}

/* Around a card's thumbnail, in map units. */
#define CARD_IMAGE_INSET 6.0

/* Where a card's image goes, a square at its left, in the card's own
 * units; FALSE where it shows none (no image, or an emotion's marker).
 */
static gboolean
card_image_bounds (WfCard                *card,
                   WfLane                *lane,
                   const graphene_rect_t *bounds,
                   graphene_rect_t       *box)
{
  WfLaneKind kind = wf_lane_get_kind (lane);
  double side = bounds->size.height - 2 * CARD_IMAGE_INSET;

  if (wf_card_get_image (card) == NULL || kind == WF_LANE_EMOTIONS)
    return FALSE;

  /* Beside a pain point's stripe. */
  *box = GRAPHENE_RECT_INIT ((kind == WF_LANE_PAIN_POINTS ? 4 : 0) + CARD_IMAGE_INSET, CARD_IMAGE_INSET, side, side);

  return TRUE;
}

/* The corners of a card of @kind, @height tall. */
static double
card_radius (WfLaneKind kind,
             double     height)
{
  return kind == WF_LANE_NOTES ? 1 : kind == WF_LANE_EMOTIONS ? height / 2 : 6;
}

/* A card's outline, drawn @far (below WF_SCENE_DETAIL_ZOOM) or not. */
static double
card_line (WfScene  *self,
           gboolean  far)
{
  return far && !self->theme.high_contrast ? 0 : self->theme.line;
}

/* Whether a card's kept @node was drawn for @bounds' size. */
static gboolean
same_size (GskRenderNode         *node,
           const graphene_rect_t *bounds)
{
  graphene_rect_t drawn;

  gsk_render_node_get_bounds (node, &drawn);

  return fabs (drawn.size.width - bounds->size.width) <= 0.5 &&
         fabs (drawn.size.height - bounds->size.height) <= 0.5;
}

/* A card's shape in @bounds: its outline, @line wide (none when 0), as
 * the shape filled in the outline's colour, and its fill that shape a
 * line smaller over it: two plain fills. An outline drawn as a border is
 * a ring, two paths filled even-odd, which costs GTK's cairo renderer
 * more than both fills together (wayfinder-paint: a view of cards at
 * 40 % 16.0 → 14.0 ms). Returns the fill's shape.
 */
static GskRoundedRect
draw_shape (WfScene               *self,
            GtkSnapshot           *snapshot,
            WfCard                *card,
            WfLane                *lane,
            const graphene_rect_t *bounds,
            double                 line)
{
  double radius = card_radius (wf_lane_get_kind (lane), bounds->size.height);
  GdkRGBA fill, border = self->theme.high_contrast ? self->theme.text : self->theme.grid;
  GskRoundedRect shape, inside;

  wf_scene_get_card_fill (self, card, lane, &fill);
  gsk_rounded_rect_init_from_rect (&shape, bounds, radius);
  if (line > 0)
    wf_scene_fill_rounded (snapshot, &shape, &border);
  gsk_rounded_rect_init_from_rect (&inside, &GRAPHENE_RECT_INIT (bounds->origin.x + line, bounds->origin.y + line,
                                                                 bounds->size.width - 2 * line,
                                                                 bounds->size.height - 2 * line),
                                   MAX (0, radius - line));
  wf_scene_fill_rounded (snapshot, &inside, &fill);

  return inside;
}

/* A card's shape and pain stripe, drawn @far or not, under its @words
 * and, near, its @footer: one of its kept nodes.
 */
static GskRenderNode *
assemble_card (WfScene       *self,
               WfCard        *card,
               WfLane        *lane,
               double         w,
               double         h,
               gboolean       far,
               GskRenderNode *words,
               GskRenderNode *footer)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  double line = card_line (self, far);
  GskRoundedRect inside = draw_shape (self, snapshot, card, lane, &GRAPHENE_RECT_INIT (0, 0, w, h), line);

  /* A pain point has a strong stripe on its left edge: a border on
   * that side alone, in one colour (a single fill, as the shape's).
   */
  if (wf_lane_get_kind (lane) == WF_LANE_PAIN_POINTS)
    {
      GdkRGBA stripe = { 0.88, 0.11, 0.14, 1 };
      float widths[4] = { 0, 0, 0, 5 - line };
      GdkRGBA stripes[4] = { stripe, stripe, stripe, stripe };

      if (self->theme.high_contrast)
        stripes[0] = stripes[1] = stripes[2] = stripes[3] = self->theme.text;
      gtk_snapshot_append_border (snapshot, &inside, widths, stripes);
    }

  if (words != NULL)
    gtk_snapshot_append_node (snapshot, words);
  if (footer != NULL && !far)
    gtk_snapshot_append_node (snapshot, footer);

  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* A card's two kept nodes: @near, and @far for below
 * WF_SCENE_DETAIL_ZOOM, without the footer and, unless in high
 * contrast, the outline, a card of fewer nodes, which GTK's cairo
 * renderer pays for one by one (a view of cards at 58 %, the middle of
 * the map, 7.8 → 5.5 ms; wayfinder-paint --zoom). Made together, they
 * share the words, whose shaping is most of a card's making: a zoom
 * across the level finds both.
 */
static void
make_card_nodes (WfScene                *self,
                 WfCard                 *card,
                 WfLane                 *lane,
                 const graphene_rect_t  *bounds,
                 GskRenderNode         **near,
                 GskRenderNode         **far)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) words = NULL;
  g_autoptr(GskRenderNode) footer_node = NULL;
  WfLaneKind kind = wf_lane_get_kind (lane);
  double w = bounds->size.width, h = bounds->size.height;
  const char *sign = kind_sign (kind);
  double text_x = kind == WF_LANE_PAIN_POINTS ? 12 : 8;
  double text_w = w - 16 - (kind == WF_LANE_PAIN_POINTS ? 4 : 0);
  double scale = self->theme.type_scale;

  if (kind == WF_LANE_EMOTIONS)
    {
      /* Many markers in one cell leave no room for words; a taller one
       * (the projector's) wraps its label on as many lines as it holds.
       */
      const char *title = wf_card_get_title (card);

      if (w >= 48 && title != NULL && *title != '\0')
        {
          int lines = MAX (1, (int) ((h - 8) / (14 * scale)));
          double inset = MAX (12, h / 2 - 4);
          g_autoptr(PangoLayout) label = wf_scene_make_text (self, title, 11, FALSE, w - 2 * inset, lines);

          if (lines > 1)
            pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
          wf_scene_place_layout (snapshot, label, inset, (h - pango_layout_get_line_count (label) * 14 * scale) / 2 - 1,
                                 &self->theme.text);
        }
      words = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      *near = assemble_card (self, card, lane, w, h, FALSE, words, NULL);
      *far = assemble_card (self, card, lane, w, h, TRUE, words, NULL);
      return;
    }

  if (sign != NULL)
    {
      wf_scene_draw_text (self, snapshot, sign, w - 22, 4, 13, TRUE, 18, 1, &self->theme.text);
      text_w -= 16;
    }

  /* The image, a square thumbnail at the left (card_image_bounds(),
   * drawn over the kept node); the text beside it.
   */
  if (wf_card_get_image (card) != NULL)
    {
      double side = h - 2 * CARD_IMAGE_INSET;

      text_x += side + CARD_IMAGE_INSET;
      text_w -= side + CARD_IMAGE_INSET;
    }

  /* Larger type keeps two lines of title above the footer. */
  wf_scene_draw_text (self, snapshot, wf_card_get_title (card), text_x, 6, WF_SCENE_TITLE_SIZE, scale > 1, text_w,
                      scale > 1 ? 2 : 3, &self->theme.text);

  {
    g_autofree char *footer = wf_scene_card_footer (card, wf_map_get_heat (self->map), FALSE);
    guint votes = wf_card_get_votes (card);
    double footer_w = w - text_x - 8 - (votes > 0 ? MIN (votes, 5) * DOT_PITCH + 26 : 0);

    if (votes > 0)
      draw_votes (self, snapshot, votes, w - 6, h - 13);
    words = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

    /* A figure cut off after a long channel goes first, to be seen. */
    if (*footer != '\0')
      {
        g_autoptr(GtkSnapshot) below = gtk_snapshot_new ();
        g_autoptr(PangoLayout) layout = wf_scene_make_text (self, footer, 9.5, FALSE, footer_w, 1);

        if (pango_layout_is_ellipsized (layout) && wf_card_get_channel (card) != WF_CHANNEL_NONE)
          {
            g_free (footer);
            footer = wf_scene_card_footer (card, wf_map_get_heat (self->map), TRUE);
            g_clear_object (&layout);
            layout = wf_scene_make_text (self, footer, 9.5, FALSE, footer_w, 1);
          }
        wf_scene_place_layout (below, layout, text_x, h - 6 - 12 * scale, &self->theme.dim);
        footer_node = gtk_snapshot_free_to_node (g_steal_pointer (&below));
      }
  }

  *near = assemble_card (self, card, lane, w, h, FALSE, words, footer_node);
  *far = assemble_card (self, card, lane, w, h, TRUE, words, footer_node);
}

/* A card too small for words: a block of its colour (solid in high
 * contrast, where fills are white).
 */
void
wf_scene_draw_block (WfScene               *self,
                     GtkSnapshot           *snapshot,
                     WfCard                *card,
                     WfLane                *lane,
                     const graphene_rect_t *bounds)
{
  GdkRGBA fill;

  wf_scene_get_card_fill (self, card, lane, &fill);
  if (self->theme.high_contrast)
    fill = self->theme.text;
  gtk_snapshot_append_color (snapshot, &fill, bounds);
}

void
wf_scene_draw_card (WfScene               *self,
                    GtkSnapshot           *snapshot,
                    WfCard                *card,
                    WfLane                *lane,
                    const graphene_rect_t *bounds,
                    double                 zoom)
{
  gboolean far = zoom < WF_SCENE_DETAIL_ZOOM;
  GHashTable *cache = far ? self->cards_far : self->cards;
  GskRenderNode *node;

  if (zoom < WF_SCENE_TEXT_ZOOM)
    {
      wf_scene_draw_block (self, snapshot, card, lane, bounds);
      return;
    }

  node = g_hash_table_lookup (cache, card);

  /* A marker's width follows how many share its cell. */
  if (node != NULL && !same_size (node, bounds))
    node = NULL;

  /* Past this drawing's time for new cards, the card's shape for now;
   * but each drawing makes one, to come to an end.
   */
  if (node == NULL && self->built > 0 && g_get_monotonic_time () > self->build_until)
    {
      draw_shape (self, snapshot, card, lane, bounds, card_line (self, far));
      self->incomplete = TRUE;
      return;
    }

  if (node == NULL)
    {
      GskRenderNode *near_node, *far_node;

      make_card_nodes (self, card, lane, bounds, &near_node, &far_node);
      g_hash_table_insert (self->cards, card, near_node);
      g_hash_table_insert (self->cards_far, card, far_node);
      node = far ? far_node : near_node;
      self->built++;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &bounds->origin);
  gtk_snapshot_append_node (snapshot, node);

  /* The thumbnail is not kept in the card's node: its size follows the
   * zoom, and it may still be decoding (wf-picture-cache.c).
   */
  {
    graphene_rect_t box;

    if (card_image_bounds (card, lane, bounds, &box))
      wf_scene_draw_picture (self, snapshot, wf_card_get_image (card), &box, 4, TRUE);
  }
  gtk_snapshot_restore (snapshot);
}

/**
 * wf_scene_fill_rounded:
 * @shape: the rounded rectangle to fill
 * @color: its colour
 *
 * Fills @shape: a border node as thick as half the shape, which GTK's
 * cairo renderer draws as one antialiased fill, where a colour under a
 * rounded clip is a clip path and then a fill through it, two to three
 * times the cost (wayfinder-paint --by-node). A GL renderer draws both
 * alike.
 */
void
wf_scene_fill_rounded (GtkSnapshot          *snapshot,
                       const GskRoundedRect *shape,
                       const GdkRGBA        *color)
{
  float half[4] = {
    shape->bounds.size.height / 2, shape->bounds.size.width / 2,
    shape->bounds.size.height / 2, shape->bounds.size.width / 2,
  };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gtk_snapshot_append_border (snapshot, shape, half, colors);
}

void
wf_scene_draw_outline (GtkSnapshot           *snapshot,
                       const graphene_rect_t *bounds,
                       const GdkRGBA         *color,
                       double                 width,
                       double                 radius)
{
  GskRoundedRect shape;
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&shape, &GRAPHENE_RECT_INIT (bounds->origin.x - width,
                                                                bounds->origin.y - width,
                                                                bounds->size.width + 2 * width,
                                                                bounds->size.height + 2 * width),
                                   radius + width);
  gtk_snapshot_append_border (snapshot, &shape, widths, colors);
}

/* Cairo drawing, in map units whatever the snapshot's transform: GTK 4.8
 * places a cairo node wrongly under a scale followed by a translation, so
 * it is drawn into a snapshot of its own and appended as a node.
 */
cairo_t *
wf_scene_begin_cairo (WfScene                *self,
                      GtkSnapshot           **sub,
                      const graphene_rect_t  *bounds)
{
  graphene_rect_t area = *bounds;

  /* For an export, from the map's origin: cairo 1.16's SVG surface
   * draws nothing of a recording (what a GSK cairo node holds) whose
   * extents do not start at 0, 0. Not on the canvas, where a GL
   * renderer would make a texture of the whole extents.
   */
  if (self->anchor_drawings)
    area = GRAPHENE_RECT_INIT (0, 0, bounds->origin.x + bounds->size.width,
                               bounds->origin.y + bounds->size.height);

  *sub = gtk_snapshot_new ();
  return gtk_snapshot_append_cairo (*sub, &area);
}

void
wf_scene_end_cairo (GtkSnapshot *snapshot,
                    GtkSnapshot *sub,
                    cairo_t     *cr)
{
  GskRenderNode *node;

  cairo_destroy (cr);
  node = gtk_snapshot_free_to_node (sub);
  if (node != NULL)
    {
      gtk_snapshot_append_node (snapshot, node);
      gsk_render_node_unref (node);
    }
}
