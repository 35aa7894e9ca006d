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
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wf-scene.h"

typedef struct
{
  GdkRGBA background;
  GdkRGBA header;
  GdkRGBA grid;
  GdkRGBA text;
  GdkRGBA dim;
  GdkRGBA accent;
  double  line;            /* width of grid lines and card borders */
  double  card_fill[WF_N_LANE_KINDS][3];
  double  card_alpha;
  double  type_scale;      /* 1, or larger for a projector */
  gboolean high_contrast;  /* black on white, no washes */
} Theme;

struct _WfScene
{
  WfMap        *map;
  WfLayout     *layout;
  WfThemeKind   theme_kind;
  Theme         theme;
  gboolean      paint_background;
  PangoContext *context;
  GHashTable   *fonts;       /* "size bold" → PangoFontDescription */
  GHashTable   *cards;       /* WfCard → GskRenderNode, in map units */
  GHashTable   *curves;      /* WfLane → GskRenderNode: its whole curve */
  GHashTable   *coarse;      /* the same, through each cell's mean */
  GHashTable   *headers;     /* WfPhase, WfLane, WfPersona or the scene → GskRenderNode */
  gsize         longest_text; /* bytes, the most given to one layout */
  GArray       *links;       /* LinkPath, or NULL until drawn */
  WfLink       *selected_link;
};

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
static const char *
next_char (const char *p)
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
      p = next_char (p);
      keep++;
    }
  if (*p == '\0')
    return g_strdup (text);

  end = p;
  for (guint i = 0; *end != '\0' && i < CLIP_LOOKAHEAD; i++)
    end = next_char (end);

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

static PangoLayout *
make_text (WfScene    *self,
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

static void
place_layout (GtkSnapshot   *snapshot,
              PangoLayout   *layout,
              double         x,
              double         y,
              const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_text (WfScene       *self,
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

  layout = make_text (self, text, size, bold, width, lines);
  place_layout (snapshot, layout, x, y, color);
}

/* Cards */

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

static char *
card_footer (WfCard *card)
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
      const char *name;
      double value;
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *shown = NULL;

      wf_metrics_get_latest_value (metrics, 0, &name, &value);
      g_ascii_formatd (number, sizeof number, "%.4g", value);
      shown = wf_scene_clip_text (name, FOOTER_CHARS);
      if (footer->len > 0)
        g_string_append (footer, " · ");
      g_string_append_printf (footer, "%s %s", shown, number);
    }

  return g_string_free (g_steal_pointer (&footer), FALSE);
}

static void
draw_votes (WfScene     *self,
            GtkSnapshot *snapshot,
            guint        votes,
            double       right,
            double       y)
{
  guint dots = MIN (votes, 5);

  for (guint i = 0; i < dots; i++)
    {
      GskRoundedRect dot;

      gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (right - (i + 1) * 9, y, 7, 7), 3.5);
      gtk_snapshot_push_rounded_clip (snapshot, &dot);
      gtk_snapshot_append_color (snapshot, &self->theme.accent, &dot.bounds);
      gtk_snapshot_pop (snapshot);
    }

  if (votes > 5)
    {
      g_autofree char *more = g_strdup_printf ("+%u", votes - 5);

      draw_text (self, snapshot, more, right - 5 * 9 - 22, y - 4, 10, TRUE, 22, 1, &self->theme.accent);
    }
}

static GskRenderNode *
make_card_node (WfScene               *self,
                WfCard                *card,
                WfLane                *lane,
                const graphene_rect_t *bounds)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  WfLaneKind kind = wf_lane_get_kind (lane);
  double w = bounds->size.width, h = bounds->size.height;
  gboolean marker = kind == WF_LANE_EMOTIONS;
  double radius = kind == WF_LANE_NOTES ? 1 : marker ? h / 2 : 6;
  GskRoundedRect shape;
  GdkRGBA fill, border = self->theme.grid;
  float widths[4];
  GdkRGBA borders[4];
  const char *sign = kind_sign (kind);
  double text_x = 8, text_w = w - 16;
  double scale = self->theme.type_scale;

  card_fill (self, card, lane, &fill);
  if (self->theme.high_contrast)
    border = self->theme.text;

  gsk_rounded_rect_init_from_rect (&shape, &GRAPHENE_RECT_INIT (0, 0, w, h), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &shape);
  gtk_snapshot_append_color (snapshot, &fill, &shape.bounds);

  /* A pain point has a strong stripe on its left edge. */
  if (kind == WF_LANE_PAIN_POINTS)
    {
      GdkRGBA stripe = { 0.88, 0.11, 0.14, 1 };

      if (self->theme.high_contrast)
        stripe = self->theme.text;
      gtk_snapshot_append_color (snapshot, &stripe, &GRAPHENE_RECT_INIT (0, 0, 5, h));
      text_x += 4;
      text_w -= 4;
    }
  gtk_snapshot_pop (snapshot);

  for (guint i = 0; i < 4; i++)
    {
      widths[i] = self->theme.line;
      borders[i] = border;
    }
  gtk_snapshot_append_border (snapshot, &shape, widths, borders);

  if (marker)
    {
      /* Many markers in one cell leave no room for words; a taller one
       * (the projector's) wraps its label on as many lines as it holds.
       */
      const char *title = wf_card_get_title (card);

      if (w >= 48 && title != NULL && *title != '\0')
        {
          int lines = MAX (1, (int) ((h - 8) / (14 * scale)));
          double inset = MAX (12, h / 2 - 4);
          g_autoptr(PangoLayout) label = make_text (self, title, 11, FALSE, w - 2 * inset, lines);

          if (lines > 1)
            pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
          place_layout (snapshot, label, inset, (h - pango_layout_get_line_count (label) * 14 * scale) / 2 - 1,
                        &self->theme.text);
        }
      return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }

  if (sign != NULL)
    {
      draw_text (self, snapshot, sign, w - 22, 4, 13, TRUE, 18, 1, &self->theme.text);
      text_w -= 16;
    }

  /* Larger type keeps two lines of title above the footer. */
  draw_text (self, snapshot, wf_card_get_title (card), text_x, 6, WF_SCENE_TITLE_SIZE, scale > 1, text_w,
             scale > 1 ? 2 : 3, &self->theme.text);

  {
    g_autofree char *footer = card_footer (card);
    guint votes = wf_card_get_votes (card);
    double footer_w = w - text_x - 8 - (votes > 0 ? MIN (votes, 5) * 9 + 26 : 0);

    draw_text (self, snapshot, footer, text_x, h - 6 - 12 * scale, 9.5, FALSE, footer_w, 1, &self->theme.dim);
    if (votes > 0)
      draw_votes (self, snapshot, votes, w - 6, h - 13);
  }

  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* A card too small for words: a block of its colour (solid in high
 * contrast, where fills are white).
 */
static void
draw_block (WfScene               *self,
            GtkSnapshot           *snapshot,
            WfCard                *card,
            WfLane                *lane,
            const graphene_rect_t *bounds)
{
  GdkRGBA fill;

  card_fill (self, card, lane, &fill);
  if (self->theme.high_contrast)
    fill = self->theme.text;
  gtk_snapshot_append_color (snapshot, &fill, bounds);
}

static void
draw_card (WfScene               *self,
           GtkSnapshot           *snapshot,
           WfCard                *card,
           WfLane                *lane,
           const graphene_rect_t *bounds,
           double                 zoom)
{
  GskRenderNode *node;

  if (zoom < WF_SCENE_TEXT_ZOOM)
    {
      draw_block (self, snapshot, card, lane, bounds);
      return;
    }

  node = g_hash_table_lookup (self->cards, card);

  /* A marker's width follows how many share its cell. */
  if (node != NULL)
    {
      graphene_rect_t drawn;

      gsk_render_node_get_bounds (node, &drawn);
      if (fabs (drawn.size.width - bounds->size.width) > 0.5 ||
          fabs (drawn.size.height - bounds->size.height) > 0.5)
        node = NULL;
    }

  if (node == NULL)
    {
      node = make_card_node (self, card, lane, bounds);
      g_hash_table_insert (self->cards, card, node);
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &bounds->origin);
  gtk_snapshot_append_node (snapshot, node);
  gtk_snapshot_restore (snapshot);
}

static void
draw_outline (GtkSnapshot           *snapshot,
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
static cairo_t *
begin_cairo (GtkSnapshot           **sub,
             const graphene_rect_t  *bounds)
{
  *sub = gtk_snapshot_new ();
  return gtk_snapshot_append_cairo (*sub, bounds);
}

static void
end_cairo (GtkSnapshot *snapshot,
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

/* Emotion curves */

/* Markers narrower than this cannot be told apart. */
#define MIN_MARKER_WIDTH 6.0

/* Whether a cell of an emotions lane holds more markers than can be
 * told apart: then it is drawn as one band over its emotions, and the
 * curve passes through their mean. Hundreds of thousands of markers in
 * a cell drew for minutes, all on top of each other.
 */
static gboolean
crowded_cell (WfScene *self,
              guint    phase,
              guint    row)
{
  graphene_rect_t bounds;

  wf_layout_get_cell_card_bounds (self->layout, phase, row, 0, &bounds);

  return bounds.size.width < MIN_MARKER_WIDTH;
}

static void
draw_crowded_cell (WfScene     *self,
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

  card_fill (self, g_ptr_array_index (cell, 0), r->lane, &fill);
  if (self->theme.high_contrast)
    fill = self->theme.text;
  fill.alpha = self->theme.high_contrast ? 0.25 : 0.6;

  gsk_rounded_rect_init_from_rect (&shape, &band, MIN (band.size.height / 2, 14));
  gtk_snapshot_push_rounded_clip (snapshot, &shape);
  gtk_snapshot_append_color (snapshot, &fill, &band);
  gtk_snapshot_pop (snapshot);
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
      if (per_cell || crowded_cell (self, p, row))
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
  cr = begin_cairo (&sub, &GRAPHENE_RECT_INIT (x0, r->y, x1 + w1 - x0, r->height));

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

  end_cairo (snapshot, sub, cr);
}

/* The curve of a whole lane is drawn once and kept until the lane's
 * cards or the layout change.
 */
static void
draw_emotion_curve (WfScene     *self,
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

/* Links */

typedef struct
{
  WfLink           *link;
  graphene_point_t  a;      /* from the edge of one card… */
  graphene_point_t  b;      /* …to the edge of the other */
  graphene_point_t  label;  /* where the middle of its label goes */
  graphene_rect_t   span;
  gboolean          line;      /* FALSE where an earlier link's line is the same */
  gboolean          labelled;  /* whether its label is drawn: not where another one is */
} LinkPath;

/* A label belongs in a lane of one of the cards it joins. The middle of
 * the line is, when the cards are in one lane or in lanes next to each
 * other; a line across other lanes (a pain point answered by an
 * opportunity far below) has its label where it enters the lane of the
 * card it points to, between that lane's edge and the card.
 */
static graphene_point_t
link_label_point (WfScene               *self,
                  const LinkPath        *path,
                  const graphene_rect_t *to)
{
  graphene_point_t middle = GRAPHENE_POINT_INIT ((path->a.x + path->b.x) / 2, (path->a.y + path->b.y) / 2);
  int from_index = wf_layout_get_lane_row (self->layout, wf_card_get_lane (wf_link_get_from (path->link)));
  int to_index = wf_layout_get_lane_row (self->layout, wf_card_get_lane (wf_link_get_to (path->link)));
  const WfRow *from_row, *to_row;
  double y;

  if (from_index < 0 || to_index < 0 || path->a.y == path->b.y)
    return middle;

  from_row = wf_layout_get_row (self->layout, from_index);
  to_row = wf_layout_get_row (self->layout, to_index);
  if ((middle.y >= from_row->y && middle.y <= from_row->y + from_row->height) ||
      (middle.y >= to_row->y && middle.y <= to_row->y + to_row->height))
    return middle;

  if (path->b.y > path->a.y)
    y = (to_row->y + to->origin.y) / 2;
  else
    y = (to->origin.y + to->size.height + to_row->y + to_row->height) / 2;

  return GRAPHENE_POINT_INIT (path->a.x + (path->b.x - path->a.x) * (y - path->a.y) / (path->b.y - path->a.y), y);
}

#define LINK_LABEL_SIZE   10.5
#define LINK_LABEL_WIDTH 160.0

/* The pill behind a link's label, centred where the label goes. */
static void
label_pill (const LinkPath  *path,
            int              w,
            int              h,
            graphene_rect_t *pill)
{
  double x = path->label.x - w / 2.0;
  double y = path->label.y - h / 2.0;

  graphene_rect_init (pill, x - 6, y - 2, w + 12, h + 4);
}

/* Labels already placed, by the cells of a grid they meet. */
#define LABEL_CELL_W 128.0
#define LABEL_CELL_H  32.0

static GArray *
label_cell (GHashTable *grid,
            int         column,
            int         row,
            gboolean    create)
{
  gint64 key = ((gint64) column << 32) | (guint32) row;
  GArray *placed = g_hash_table_lookup (grid, &key);

  if (placed == NULL && create)
    {
      placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
      g_hash_table_insert (grid, g_memdup2 (&key, sizeof key), placed);
    }

  return placed;
}

static gboolean
label_overlaps (GHashTable            *grid,
                const graphene_rect_t *rect,
                gboolean               place)
{
  int c0 = floor (rect->origin.x / LABEL_CELL_W), c1 = floor ((rect->origin.x + rect->size.width) / LABEL_CELL_W);
  int r0 = floor (rect->origin.y / LABEL_CELL_H), r1 = floor ((rect->origin.y + rect->size.height) / LABEL_CELL_H);

  for (int c = c0; c <= c1; c++)
    for (int r = r0; r <= r1; r++)
      {
        GArray *placed = label_cell (grid, c, r, place);

        if (place)
          g_array_append_val (placed, *rect);
        else
          for (guint i = 0; placed != NULL && i < placed->len; i++)
            if (graphene_rect_intersection (rect, &g_array_index (placed, graphene_rect_t, i), NULL))
              return TRUE;
      }

  return FALSE;
}

static guint
segment_hash (gconstpointer key)
{
  const LinkPath *path = key;
  float v[4] = { path->a.x, path->a.y, path->b.x, path->b.y };
  guint hash = 17;

  for (guint i = 0; i < 4; i++)
    {
      guint32 bits;

      memcpy (&bits, &v[i], sizeof bits);
      hash = hash * 31 + bits;
    }

  return hash;
}

static gboolean
segment_equal (gconstpointer a,
               gconstpointer b)
{
  const LinkPath *pa = a, *pb = b;

  return graphene_point_equal (&pa->a, &pb->a) && graphene_point_equal (&pa->b, &pb->b);
}

/* Which lines and labels of links are drawn. One line over another
 * adds nothing; one label over another hides it: with a million links,
 * drawing each took minutes and gigabytes for a picture of nothing but
 * labels. So a line is drawn once, and a label only where no other is;
 * the later link's goes first, as it was the one on top. The labels
 * drawn are then no more than fit side by side on the map.
 */
static void
place_link_labels (WfScene *self,
                   GArray  *paths)
{
  g_autoptr(GHashTable) segments = g_hash_table_new (segment_hash, segment_equal);
  g_autoptr(GHashTable) grid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < paths->len; i++)
    {
      LinkPath *path = &g_array_index (paths, LinkPath, i);

      path->line = g_hash_table_add (segments, path);
    }

  for (guint i = paths->len; i-- > 0;)
    {
      LinkPath *path = &g_array_index (paths, LinkPath, i);
      const char *label = wf_link_get_label (path->link);
      g_autoptr(PangoLayout) layout = NULL;
      graphene_rect_t pill;
      int w, h;

      path->labelled = FALSE;
      if (label == NULL || *label == '\0')
        continue;

      /* Where another label covers the middle, this one would overlap
       * it whatever its size: no need to lay it out.
       */
      label_pill (path, 0, 0, &pill);
      graphene_rect_inset (&pill, 5.5, 1.5);
      if (label_overlaps (grid, &pill, FALSE))
        continue;

      layout = make_text (self, label, LINK_LABEL_SIZE, FALSE, LINK_LABEL_WIDTH, 1);
      pango_layout_get_pixel_size (layout, &w, &h);
      label_pill (path, w, h, &pill);
      if (label_overlaps (grid, &pill, FALSE))
        continue;

      label_overlaps (grid, &pill, TRUE);
      path->labelled = TRUE;
    }
}

/* Where each link runs, worked out once per layout. */
static GArray *
get_link_paths (WfScene *self)
{
  if (self->links != NULL)
    return self->links;

  self->links = g_array_new (FALSE, FALSE, sizeof (LinkPath));
  if (wf_map_get_n_links (self->map) == 0)
    return self->links;

  for (guint i = 0; i < wf_map_get_n_links (self->map); i++)
    {
      WfLink *link = wf_map_get_link (self->map, i);
      graphene_rect_t from, to;
      LinkPath path = { link };

      /* Looked up, not searched for: a million links into one crowded
       * cell cost no more than a million links anywhere.
       */
      if (!wf_layout_get_card_bounds (self->layout, wf_link_get_from (link), &from) ||
          !wf_layout_get_card_bounds (self->layout, wf_link_get_to (link), &to))
        continue;

      path.a = GRAPHENE_POINT_INIT (from.origin.x + from.size.width, from.origin.y + from.size.height / 2);
      path.b = GRAPHENE_POINT_INIT (to.origin.x, to.origin.y + to.size.height / 2);
      if (to.origin.x + to.size.width <= from.origin.x)
        {
          path.a.x = from.origin.x;
          path.b.x = to.origin.x + to.size.width;
        }
      else if (to.origin.x < from.origin.x + from.size.width)
        {
          path.a = GRAPHENE_POINT_INIT (from.origin.x + from.size.width / 2,
                                        to.origin.y > from.origin.y ? from.origin.y + from.size.height : from.origin.y);
          path.b = GRAPHENE_POINT_INIT (to.origin.x + to.size.width / 2,
                                        to.origin.y > from.origin.y ? to.origin.y : to.origin.y + to.size.height);
        }
      path.label = link_label_point (self, &path, &to);
      graphene_rect_union (&from, &to, &path.span);
      g_array_append_val (self->links, path);
    }

  place_link_labels (self, self->links);

  return self->links;
}

static void
draw_link_lines (WfScene               *self,
                 GtkSnapshot           *snapshot,
                 const graphene_rect_t *area)
{
  GArray *paths = get_link_paths (self);
  GtkSnapshot *sub = NULL;
  cairo_t *cr = NULL;

  for (guint i = 0; i < paths->len; i++)
    {
      const LinkPath *path = &g_array_index (paths, LinkPath, i);
      gboolean selected = path->link == self->selected_link;
      double angle, head = 10, width = self->theme.high_contrast ? 3 : 2;

      if ((!path->line && !selected) || !graphene_rect_intersection (&path->span, area, NULL))
        continue;

      if (cr == NULL)
        cr = begin_cairo (&sub, area);

      cairo_set_line_width (cr, selected ? width + 2 : width);
      gdk_cairo_set_source_rgba (cr, selected ? &self->theme.accent : &self->theme.dim);
      cairo_move_to (cr, path->a.x, path->a.y);
      cairo_line_to (cr, path->b.x, path->b.y);
      cairo_stroke (cr);

      angle = atan2 (path->b.y - path->a.y, path->b.x - path->a.x);
      cairo_move_to (cr, path->b.x, path->b.y);
      cairo_line_to (cr, path->b.x - head * cos (angle - 0.45), path->b.y - head * sin (angle - 0.45));
      cairo_line_to (cr, path->b.x - head * cos (angle + 0.45), path->b.y - head * sin (angle + 0.45));
      cairo_close_path (cr);
      cairo_fill (cr);
    }

  if (cr != NULL)
    end_cairo (snapshot, sub, cr);
}

/* The labels, over the lines and the cards. */
static void
draw_link_labels (WfScene               *self,
                  GtkSnapshot           *snapshot,
                  const graphene_rect_t *area)
{
  GArray *paths = get_link_paths (self);

  for (guint i = 0; i < paths->len; i++)
    {
      const LinkPath *path = &g_array_index (paths, LinkPath, i);
      const char *label = wf_link_get_label (path->link);
      g_autoptr(PangoLayout) layout = NULL;
      GskRoundedRect pill;
      graphene_rect_t bounds;
      int w, h;

      if (label == NULL || *label == '\0' || (!path->labelled && path->link != self->selected_link) ||
          !graphene_rect_intersection (&path->span, area, NULL))
        continue;

      layout = make_text (self, label, LINK_LABEL_SIZE, FALSE, LINK_LABEL_WIDTH, 1);
      pango_layout_get_pixel_size (layout, &w, &h);
      label_pill (path, w, h, &bounds);
      gsk_rounded_rect_init_from_rect (&pill, &bounds, (h + 4) / 2.0);
      gtk_snapshot_push_rounded_clip (snapshot, &pill);
      gtk_snapshot_append_color (snapshot, &self->theme.background, &pill.bounds);
      gtk_snapshot_pop (snapshot);
      {
        float widths[4] = { 1, 1, 1, 1 };
        const GdkRGBA *c = path->link == self->selected_link ? &self->theme.accent : &self->theme.dim;
        GdkRGBA colors[4] = { *c, *c, *c, *c };

        gtk_snapshot_append_border (snapshot, &pill, widths, colors);
      }
      place_layout (snapshot, layout, bounds.origin.x + 6, bounds.origin.y + 2, &self->theme.text);
    }
}

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

  for (const char *p = name; *p != '\0' && n < 2 && p - name < 1024; p = next_char (p))
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

/* The widest the initials may be in their circle of 26 units. */
#define INITIALS_MAX_WIDTH 17.0

static void
draw_band (WfScene     *self,
           GtkSnapshot *snapshot,
           const WfRow *row,
           double       left,
           double       right)
{
  GdkRGBA tint = self->theme.dim;
  const char *name = row->persona ? wf_persona_get_name (row->persona) : _("Shared lanes");
  double x = left + 12;

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

      gsk_rounded_rect_init_from_rect (&circle, &GRAPHENE_RECT_INIT (x, row->y + 6, 26, 26), 13);
      gtk_snapshot_push_rounded_clip (snapshot, &circle);
      gtk_snapshot_append_color (snapshot, &tint, &circle.bounds);
      gtk_snapshot_pop (snapshot);
      /* The letters' ink in the middle of the circle, whatever their
       * widths and the font's ascent.
       */
      if (*letters != '\0')
        {
          g_autoptr(PangoLayout) layout = make_text (self, letters, 11, TRUE, 80, 1);
          PangoRectangle ink;

          /* Two wide letters ("B博") are made smaller to keep inside. */
          pango_layout_get_extents (layout, &ink, NULL);
          if (ink.width > INITIALS_MAX_WIDTH * PANGO_SCALE)
            {
              g_object_unref (layout);
              layout = make_text (self, letters, floor (11 * INITIALS_MAX_WIDTH * PANGO_SCALE / ink.width), TRUE, 80, 1);
              pango_layout_get_extents (layout, &ink, NULL);
            }
          place_layout (snapshot, layout,
                        x + 13 - (ink.x + ink.width / 2.0) / PANGO_SCALE,
                        row->y + 19 - (ink.y + ink.height / 2.0) / PANGO_SCALE, &white);
        }
      x += 34;
    }

  draw_text (self, snapshot, name, x, row->y + 9, 14, TRUE, 400, 1, &self->theme.text);
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
      draw_text (self, snapshot, *title ? title : kind, 16, row->y + 6, 11, TRUE, w - 24, 1, &self->theme.dim);
      return;
    }

  draw_text (self, snapshot, *title ? title : kind, 16, row->y + 12, 13, TRUE, w - 24, 2, &self->theme.text);

  /* The kind, unless the title says it already. */
  if (*title && !same_words (title, kind))
    draw_text (self, snapshot, kind, 16, row->y + 12 + 38 * self->theme.type_scale, 10.5, FALSE, w - 24, 1,
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

  wf_layout_get_phase_bounds (self->layout, index, &x, &w);
  gtk_snapshot_append_color (snapshot, &self->theme.header, &GRAPHENE_RECT_INIT (x, 0, w, WF_LAYOUT_HEADER_HEIGHT));
  if (wf_phase_get_color (phase) != NULL)
    gdk_rgba_parse (&band, wf_phase_get_color (phase));
  gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (x, 0, w, 6));
  draw_text (self, snapshot, wf_phase_get_name (phase), x + 14, 16, 16, TRUE, w - 28, 1, &self->theme.text);
  draw_text (self, snapshot, wf_phase_get_description (phase), x + 14, 40, 10.5, FALSE, w - 28, 1, &self->theme.dim);
}

/* Headers and bands change seldom: each is drawn once, at the origin, and
 * kept until the layout or the item changes. @key is the item.
 */
typedef void (*HeaderFunc) (WfScene *self, GtkSnapshot *snapshot, gconstpointer data);

static void
draw_cached (WfScene               *self,
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

static void
band_func (WfScene       *self,
           GtkSnapshot   *snapshot,
           gconstpointer  data)
{
  WfRow row = *(const WfRow *) data;

  row.y = 0;
  draw_band (self, snapshot, &row, 0, wf_layout_get_width (self->layout));
}

static void
lane_header_func (WfScene       *self,
                  GtkSnapshot   *snapshot,
                  gconstpointer  data)
{
  WfRow row = *(const WfRow *) data;

  row.y = 0;
  draw_lane_header (self, snapshot, &row);
}

static void
phase_header_func (WfScene       *self,
                   GtkSnapshot   *snapshot,
                   gconstpointer  data)
{
  guint index = GPOINTER_TO_UINT (data);
  double x, w;

  wf_layout_get_phase_bounds (self->layout, index, &x, &w);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-x, 0));
  draw_phase_header (self, snapshot, index);
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

  g_return_if_fail (self != NULL);

  if (self->paint_background)
    gtk_snapshot_append_color (snapshot, &self->theme.background, area);

  wf_layout_get_visible (self->layout, area, &p0, &p1, &r0, &r1);

  for (guint r = r0; r < r1; r++)
    {
      const WfRow *row = wf_layout_get_row (self->layout, r);

      if (row->kind != WF_ROW_LANE)
        {
          /* A shared band has no persona: the scene stands for it. */
          draw_cached (self, snapshot, row->persona ? (gpointer) row->persona : (gpointer) self,
                       &GRAPHENE_POINT_INIT (0, row->y), band_func, row);
          continue;
        }

      /* The curve under its markers; so small that markers would be
       * specks, the curve alone.
       */
      if (wf_layout_is_emotion_row (self->layout, r) && p0 < p1)
        {
          draw_emotion_curve (self, snapshot, r, tiny);
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

              draw_block (self, cards, g_ptr_array_index (cell, 0), row->lane, &block);
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
              crowded_cell (self, p, r))
            {
              draw_crowded_cell (self, cards, p, r, cell);
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
                  draw_block (self, cards, card, row->lane, &bounds);
                  continue;
                }

              draw_card (self, cards, card, row->lane, &bounds, zoom);

              if (selection != NULL && g_hash_table_contains (selection, card))
                draw_outline (cards, &bounds, &self->theme.accent, 3, 6);
              else if (card == focus)
                draw_outline (cards, &bounds, &self->theme.accent, 1.5, 6);
            }
        }

    }

  /* A link's line goes under the cards it passes, not through their
   * text; its label goes over them.
   */
  draw_link_lines (self, snapshot, area);
  if ((cards_node = gtk_snapshot_free_to_node (cards)) != NULL)
    {
      gtk_snapshot_append_node (snapshot, cards_node);
      gsk_render_node_unref (cards_node);
    }
  draw_grid (self, snapshot, p0, p1, r0, r1, 0, height);
  draw_link_labels (self, snapshot, area);

  /* The headers, over everything of their rows and columns. */
  for (guint r = r0; r < r1; r++)
    {
      const WfRow *row = wf_layout_get_row (self->layout, r);

      if (row->kind == WF_ROW_LANE && area->origin.x < WF_LAYOUT_LANE_HEADER_WIDTH)
        draw_cached (self, snapshot, row->lane, &GRAPHENE_POINT_INIT (0, row->y), lane_header_func, row);
    }

  if (area->origin.y < WF_LAYOUT_HEADER_HEIGHT)
    {
      gtk_snapshot_append_color (snapshot, &self->theme.header,
                                 &GRAPHENE_RECT_INIT (0, 0, WF_LAYOUT_LANE_HEADER_WIDTH, WF_LAYOUT_HEADER_HEIGHT));
      for (guint p = p0; p < p1; p++)
        {
          double x, w;

          wf_layout_get_phase_bounds (self->layout, p, &x, &w);
          draw_cached (self, snapshot, wf_map_get_phase (self->map, p), &GRAPHENE_POINT_INIT (x, 0),
                       phase_header_func, GUINT_TO_POINTER (p));
        }
    }

  /* The frame of the grid, over the headers. */
  gtk_snapshot_append_color (snapshot, &self->theme.grid,
                             &GRAPHENE_RECT_INIT (WF_LAYOUT_LANE_HEADER_WIDTH - self->theme.line / 2, 0,
                                                  self->theme.line, height));
  gtk_snapshot_append_color (snapshot, &self->theme.grid,
                             &GRAPHENE_RECT_INIT (0, WF_LAYOUT_HEADER_HEIGHT - self->theme.line / 2,
                                                  width, self->theme.line));
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
  self->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pango_font_description_free);
  self->curves = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) unref_node);
  self->headers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) gsk_render_node_unref);
  self->coarse = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) unref_node);

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
  g_hash_table_unref (self->curves);
  g_hash_table_unref (self->coarse);
  g_hash_table_unref (self->fonts);
  g_hash_table_unref (self->headers);
  g_clear_pointer (&self->links, g_array_unref);
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
  g_hash_table_remove_all (self->curves);
  g_hash_table_remove_all (self->coarse);
}

void
wf_scene_forget_all (WfScene *self)
{
  g_hash_table_remove_all (self->cards);
  forget_placed (self);
}

guint
wf_scene_get_n_cached (WfScene *self)
{
  return g_hash_table_size (self->cards);
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

  layout = make_text (self, text, size, bold, width, 1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (snapshot != NULL)
    place_layout (snapshot, layout, x, y, color);
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
          gtk_snapshot_push_rounded_clip (snapshot, &dot);
          gtk_snapshot_append_color (snapshot, &tint, &dot.bounds);
          gtk_snapshot_pop (snapshot);
        }
      line = MAX (line, h);
      x += 22 + name_w + 24;
    }
  y += line + 16;

  if (snapshot != NULL)
    gtk_snapshot_append_color (snapshot, &t->grid, &GRAPHENE_RECT_INIT (0, y, width, t->line));

  return y + t->line + 24;
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

/**
 * wf_scene_set_selected_link:
 * @link: (nullable): the link to draw as selected
 */
void
wf_scene_set_selected_link (WfScene *self,
                            WfLink  *link)
{
  self->selected_link = link;
}

static double
distance_to_segment (const graphene_point_t *p,
                     const graphene_point_t *a,
                     const graphene_point_t *b)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((p->x - a->x) * dx + (p->y - a->y) * dy) / length2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (p->x - (a->x + t * dx), p->y - (a->y + t * dy));
}

/**
 * wf_scene_link_at:
 * @x: a point of the map
 * @y: its y
 * @tolerance: how far from the line a point may be, in map units
 *
 * Returns: (nullable) (transfer none): the link drawn nearest the point,
 *   within @tolerance
 */
WfLink *
wf_scene_link_at (WfScene *self,
                  double   x,
                  double   y,
                  double   tolerance)
{
  GArray *paths = get_link_paths (self);
  graphene_point_t p = GRAPHENE_POINT_INIT (x, y);
  WfLink *nearest = NULL;
  double best = tolerance;

  for (guint i = 0; i < paths->len; i++)
    {
      const LinkPath *path = &g_array_index (paths, LinkPath, i);
      double d = distance_to_segment (&p, &path->a, &path->b);

      if (d <= best)
        {
          best = d;
          nearest = path->link;
        }
    }

  return nearest;
}

/**
 * wf_scene_get_link_middle:
 * @point: (out): where @link's label is, on its line
 *
 * Returns: whether @link is drawn
 */
gboolean
wf_scene_get_link_middle (WfScene          *self,
                          WfLink           *link,
                          graphene_point_t *point)
{
  GArray *paths = get_link_paths (self);

  for (guint i = 0; i < paths->len; i++)
    {
      const LinkPath *path = &g_array_index (paths, LinkPath, i);

      if (path->link == link)
        {
          *point = path->label;
          return TRUE;
        }
    }

  return FALSE;
}
