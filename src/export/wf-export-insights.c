/* wf-export-insights.c — the Insights pages of a PDF: findings and figures
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After a map's pages, a PDF can have a page (or more) with what the gap
 * finder says about the map, phase by phase, and a table of its figures.
 * The text is laid out with Pango once, in rows; the rows are put on
 * pages as far as they fit, so nothing is cut off.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "insights/wf-insights.h"
#include "model/wf-metric.h"
#include "wf-export-insights.h"

#define MARGIN      (20 * (72.0 / 25.4))
#define GAP         4.0
#define N_COLUMNS   5

typedef struct
{
  PangoLayout *cells[N_COLUMNS];  /* a paragraph has only the first */
  double       x[N_COLUMNS];
  double       space;             /* above the row */
  double       height;
  gboolean     rule;              /* a line under the row: the table's head */
} Row;

struct _WfInsightsPages
{
  PangoContext *context;
  GArray       *rows;     /* Row */
  GArray       *starts;   /* guint: each page's first row, and the end */
  double        width;
  double        height;
  GdkRGBA       background;
  GdkRGBA       text;
  GdkRGBA       dim;
};

static void
row_clear (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&row->cells[i]);
}

static PangoLayout *
new_layout (WfInsightsPages *self,
            const char      *markup,
            const char      *font,
            double           width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);

  return layout;
}

static void
add_row (WfInsightsPages *self,
         Row             *row,
         double           space)
{
  row->space = space;
  row->height = 0;
  for (guint i = 0; i < N_COLUMNS; i++)
    if (row->cells[i] != NULL)
      {
        int h;

        pango_layout_get_size (row->cells[i], NULL, &h);
        row->height = MAX (row->height, (double) h / PANGO_SCALE);
      }
  g_array_append_val (self->rows, *row);
}

static void
add_paragraph (WfInsightsPages *self,
               const char      *markup,
               const char      *font,
               double           space)
{
  Row row = { 0 };

  row.cells[0] = new_layout (self, markup, font, self->width - 2 * MARGIN);
  row.x[0] = MARGIN;
  add_row (self, &row, space);
}

/* Table columns, as parts of the text's width. */
static const double column_parts[N_COLUMNS] = { 0.28, 0.22, 0.14, 0.18, 0.18 };

static void
add_table_row (WfInsightsPages    *self,
               const char * const *cells,
               gboolean            head)
{
  Row row = { 0 };
  double x = MARGIN;
  double text_width = self->width - 2 * MARGIN;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (cells[i], -1);
      g_autofree char *markup = head ? g_strdup_printf ("<b>%s</b>", escaped) : g_steal_pointer (&escaped);

      row.cells[i] = new_layout (self, markup, "Cantarell, Sans 9", column_parts[i] * text_width - GAP);
      row.x[i] = x;
      x += column_parts[i] * text_width;
    }
  row.rule = head;
  add_row (self, &row, head ? 10 : 3);
}

static char *
describe_place (WfDocument *document,
                WfPhase    *phase,
                WfCard     *card,
                WfMetric   *metric)
{
  GString *place = g_string_new (wf_phase_get_name (phase));

  if (card != NULL)
    g_string_append_printf (place, " › %s", wf_card_get_title (card));
  if (*metric->persona != '\0')
    {
      WfItem *item = document ? wf_document_lookup (document, metric->persona) : NULL;

      if (WF_IS_PERSONA (item))
        g_string_append_printf (place, " (%s)", wf_persona_get_name (WF_PERSONA (item)));
    }

  return g_string_free (place, FALSE);
}

static void
add_figures (WfInsightsPages *self,
             WfDocument      *document,
             WfPhase         *phase,
             WfCard          *card,
             GVariant        *variant,
             guint           *n_rows)
{
  g_autoptr(GPtrArray) metrics = NULL;

  if (variant == NULL)
    return;

  metrics = wf_metrics_from_variant (variant);
  for (guint i = 0; i < metrics->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (metrics, i);
      const WfMeasurement *latest = wf_metric_get_latest (metric);
      const WfMeasurement *previous = wf_metric_get_previous (metric);
      g_autofree char *place = describe_place (document, phase, card, metric);
      g_autofree char *value = latest ? wf_metric_format_value (metric, latest->value) : g_strdup ("—");
      g_autofree char *trend = NULL;
      g_autofree char *target = NULL;
      const char *cells[N_COLUMNS];

      if (previous != NULL)
        {
          g_autofree char *before = wf_metric_format_value (metric, previous->value);
          int direction = wf_metric_get_trend (metric);

          /* Translators: a figure's trend: an arrow and the measurement before. */
          trend = g_strdup_printf (_("%s from %s"), direction > 0 ? "▲" : direction < 0 ? "▼" : "=", before);
        }
      else
        trend = g_strdup ("—");

      if (metric->has_target)
        {
          g_autofree char *goal = wf_metric_format_value (metric, metric->target);

          switch (wf_metric_get_target_state (metric))
            {
            case WF_TARGET_MET:
              /* Translators: a figure's target, and that it is met: "80 % (on target)". */
              target = g_strdup_printf (_("%s (on target)"), goal);
              break;
            case WF_TARGET_MISSED:
              /* Translators: a figure's target, and that it is missed: "80 % (off target)". */
              target = g_strdup_printf (_("%s (off target)"), goal);
              break;
            case WF_TARGET_NONE:
            default:
              target = g_steal_pointer (&goal);
              break;
            }
        }
      else
        target = g_strdup ("—");

      if (*n_rows == 0)
        {
          const char *head[N_COLUMNS] = { _("Where"), _("Metric"), _("Latest"), _("Trend"), _("Target") };

          add_paragraph (self, _("<b>Figures</b>"), "Cantarell, Sans 13", 18);
          add_table_row (self, head, TRUE);
        }

      cells[0] = place;
      cells[1] = metric->name;
      cells[2] = value;
      cells[3] = trend;
      cells[4] = target;
      add_table_row (self, cells, FALSE);
      (*n_rows)++;
    }
}

static void
plan (WfInsightsPages *self,
      WfMap           *map)
{
  WfDocument *document = wf_item_get_document (WF_ITEM (map));
  g_autoptr(GPtrArray) findings = wf_insights_find (map);
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);
  g_autofree char *title = g_markup_escape_text (wf_map_get_title (map), -1);
  g_autofree char *heading = NULL;
  guint n_findings = 0, n_rows = 0;
  double used = 0;

  /* Translators: the heading of a map's page of findings and figures in a PDF. */
  heading = g_strdup_printf (_("Insights: %s"), title);
  add_paragraph (self, heading, "Cantarell, Sans Bold 18", 0);

  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    {
      WfPhase *phase = wf_map_get_phase (map, p);
      gboolean named = FALSE;

      for (guint i = 0; i < findings->len; i++)
        {
          WfFinding *finding = findings->pdata[i];
          g_autofree char *rule = NULL;
          g_autofree char *message = NULL;
          g_autofree char *markup = NULL;

          if (wf_finding_get_phase (finding) != phase ||
              wf_map_is_dismissed (map, wf_finding_get_key (finding)))
            continue;

          if (!named)
            {
              g_autofree char *name = g_markup_escape_text (wf_phase_get_name (phase), -1);
              g_autofree char *bold = g_strdup_printf ("<b>%s</b>", name);

              add_paragraph (self, bold, "Cantarell, Sans 13", 14);
              named = TRUE;
            }
          rule = g_markup_escape_text (wf_insights_get_rule_title (wf_finding_get_rule (finding)), -1);
          message = g_markup_escape_text (wf_finding_get_message (finding), -1);
          markup = g_strdup_printf ("<b>%s</b>\n%s", rule, message);
          add_paragraph (self, markup, "Cantarell, Sans 10", 5);
          n_findings++;
        }
    }
  if (n_findings == 0)
    add_paragraph (self, _("Nothing is missing from this map."), "Cantarell, Sans 10", 14);

  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    {
      WfPhase *phase = wf_map_get_phase (map, p);

      add_figures (self, document, phase, NULL, wf_phase_get_metrics (phase), &n_rows);
      for (guint i = 0; i < cards->len; i++)
        if (wf_card_get_phase (cards->pdata[i]) == phase)
          add_figures (self, document, phase, cards->pdata[i], wf_card_get_metrics (cards->pdata[i]), &n_rows);
    }

  /* The rows on pages: a row goes on the next page if it does not fit,
   * unless it is a page's first (then it is as high as the page allows).
   */
  {
    guint zero = 0;

    g_array_append_val (self->starts, zero);
  }
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      double needed = row->height + (used > 0 ? row->space : 0);

      if (used > 0 && used + needed > self->height - 2 * MARGIN)
        {
          g_array_append_val (self->starts, i);
          used = 0;
          needed = row->height;
        }
      used += needed;
    }
  g_array_append_val (self->starts, self->rows->len);
}

/**
 * wf_insights_pages_new:
 * @map: the map whose findings and figures to show
 * @theme: the export's theme
 * @font_map: the export's font map
 * @width: the pages' width, in points
 * @height: the pages' height, in points
 *
 * Lays out a map's Insights pages: its findings that are not dismissed,
 * by phase, and a table of its figures.
 *
 * Returns: (transfer full): the pages
 */
WfInsightsPages *
wf_insights_pages_new (WfMap        *map,
                       WfThemeKind   theme,
                       PangoFontMap *font_map,
                       double        width,
                       double        height)
{
  WfInsightsPages *self = g_new0 (WfInsightsPages, 1);
  cairo_font_options_t *options = cairo_font_options_create ();
  WfScene *scene;
  GdkRGBA accent;

  self->width = width;
  self->height = height;
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Measured as a vector surface draws: no hinting, points as units. */
  self->context = pango_font_map_create_context (font_map);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 72);

  scene = wf_scene_new_for_font_map (map, font_map);
  wf_scene_set_theme (scene, theme);
  self->background = *wf_scene_get_background (scene);
  wf_scene_get_text_colors (scene, &self->text, &self->dim, &accent);
  wf_scene_free (scene);

  plan (self, map);

  return self;
}

void
wf_insights_pages_free (WfInsightsPages *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->rows);
  g_array_unref (self->starts);
  g_object_unref (self->context);
  g_free (self);
}

guint
wf_insights_pages_get_n_pages (WfInsightsPages *self)
{
  return self->starts->len - 1;
}

void
wf_insights_pages_get_size (WfInsightsPages *self,
                            double          *width,
                            double          *height)
{
  *width = self->width;
  *height = self->height;
}

/**
 * wf_insights_pages_draw_page:
 * @cr: a context whose user space is the page's, in points
 * @page: which of the map's Insights pages
 *
 * Draws an Insights page: the theme's background, then its rows.
 */
void
wf_insights_pages_draw_page (WfInsightsPages *self,
                             cairo_t         *cr,
                             guint            page)
{
  guint first, end;
  double y = MARGIN;

  g_return_if_fail (page < wf_insights_pages_get_n_pages (self));

  first = g_array_index (self->starts, guint, page);
  end = g_array_index (self->starts, guint, page + 1);

  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, &self->background);
  cairo_paint (cr);

  for (guint i = first; i < end; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);

      if (i > first)
        y += row->space;
      gdk_cairo_set_source_rgba (cr, &self->text);
      for (guint c = 0; c < N_COLUMNS; c++)
        if (row->cells[c] != NULL)
          {
            cairo_move_to (cr, row->x[c], y);
            pango_cairo_show_layout (cr, row->cells[c]);
          }
      y += row->height;
      if (row->rule)
        {
          gdk_cairo_set_source_rgba (cr, &self->dim);
          cairo_set_line_width (cr, 0.5);
          cairo_move_to (cr, MARGIN, y + 1.5);
          cairo_line_to (cr, self->width - MARGIN, y + 1.5);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}
