/* wf-export.c — maps out of the application: PNG, PDF, SVG, CSV, Mermaid
 *
 * The pictures are the canvas's own drawing: each map's WfScene builds
 * its render nodes and gsk_render_node_draw() puts them on a cairo
 * surface, a PDF or SVG one for vectors, image strips for PNG. Nothing
 * here needs a display.
 *
 * A map is exported as a *sheet*: the map with a padding around it and,
 * if asked for, a title block above it, in map units (a CSS pixel, 1/96
 * inch). PDF pages and printed pages show a sheet whole (a poster page or
 * a fitted A-size) or a tile of it (tiles overlap, with crop marks). The
 * page plan is computed once, so PDF, print and the preview agree.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <unistd.h>
#include <fcntl.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <pango/pangocairo.h>
#include <zlib.h>

#include "storage/wf-atomic-file.h"
#include "storage/wf-csv.h"
#include "storage/wf-file-name.h"
#include "storage/wf-mermaid.h"
#include "storage/wf-quote.h"
#include "wf-export.h"

#define PT_PER_UNIT     0.75     /* a map unit is a CSS pixel: 1/96 inch */
#define SHEET_PADDING  32.0     /* map units around the map on its sheet */
#define MM             (72.0 / 25.4)
#define PAGE_MARGIN    (10 * MM)
#define TILE_OVERLAP   (10 * MM)
#define POSTER_MAX_PT  14400.0  /* the largest page a PDF reader must show */
#define STRIP_PIXELS   (2 * 1024 * 1024)
#define META_CHARS     256      /* of a title in a file's metadata, bookmarks or tile labels */

typedef struct
{
  WfMap   *map;
  WfScene *scene;
  double   title_height;   /* map units; 0 without a title block */
  double   width;          /* of the sheet, map units */
  double   height;
  double   n_tiles;        /* the pages it takes when tiled; none are planned beyond WF_EXPORT_MAX_PAGES */
} Sheet;

typedef struct
{
  guint           sheet;
  double          width;   /* of the page, points */
  double          height;
  double          scale;   /* points per map unit */
  double          x;       /* where the sheet's origin is on the page, points */
  double          y;
  graphene_rect_t clip;    /* what of the page shows the sheet, points */
  guint           row, column, n_rows, n_columns;
} Page;

struct _WfExport
{
  WfDocument      *document;
  PangoFontMap    *font_map;    /* borrowed, for the sheets' scenes */
  WfExportOptions  options;
  GArray          *sheets;
  GArray          *pages;
  char            *date;
};

G_DEFINE_QUARK (wf-export-error-quark, wf_export_error)

/* Font maps for the threads that draw exports. A font map serves one
 * thread at a time; a thread's own default one would go when the thread
 * ends, with what Pango keeps of its fonts. These stay, and are lent.
 */
static GMutex font_maps_lock;
static GPtrArray *font_maps_free;

static PangoFontMap *
borrow_font_map (void)
{
  PangoFontMap *font_map = NULL;

  g_mutex_lock (&font_maps_lock);
  if (font_maps_free == NULL)
    font_maps_free = g_ptr_array_new ();
  if (font_maps_free->len > 0)
    font_map = g_ptr_array_steal_index_fast (font_maps_free, font_maps_free->len - 1);
  g_mutex_unlock (&font_maps_lock);

  if (font_map == NULL)
    font_map = pango_cairo_font_map_new ();

  return font_map;
}

static void
return_font_map (PangoFontMap *font_map)
{
  g_mutex_lock (&font_maps_lock);
  g_ptr_array_add (font_maps_free, font_map);
  g_mutex_unlock (&font_maps_lock);
}

/* Formats and paper */

/**
 * wf_export_options_init:
 *
 * Sets @options to the defaults: every map, light theme, scale 1, one
 * poster page per map, no title block.
 */
void
wf_export_options_init (WfExportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->format = WF_EXPORT_FORMAT_PDF;
  options->scale = 1.0;
  options->paper = WF_PAPER_POSTER;
  options->margin = -1;
  options->theme = WF_THEME_LIGHT;
}

static const struct {
  WfExportFormat  format;
  const char     *extension;
} extensions[] = {
  { WF_EXPORT_FORMAT_PNG, "png" },
  { WF_EXPORT_FORMAT_PDF, "pdf" },
  { WF_EXPORT_FORMAT_SVG, "svg" },
  { WF_EXPORT_FORMAT_CSV, "csv" },
  { WF_EXPORT_FORMAT_MERMAID, "mmd" },
};

/**
 * wf_export_format_for_name:
 * @name: a file name
 *
 * Returns: the format that @name's extension asks for (".png", ".PDF"),
 *   or %WF_EXPORT_FORMAT_NONE
 */
WfExportFormat
wf_export_format_for_name (const char *name)
{
  const char *dot;

  g_return_val_if_fail (name != NULL, WF_EXPORT_FORMAT_NONE);

  if ((dot = strrchr (name, '.')) == NULL || strchr (dot, '/') != NULL)
    return WF_EXPORT_FORMAT_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_ascii_strcasecmp (dot + 1, extensions[i].extension) == 0)
      return extensions[i].format;

  return WF_EXPORT_FORMAT_NONE;
}

const char *
wf_export_format_get_extension (WfExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (extensions[i].format == format)
      return extensions[i].extension;

  return NULL;
}

static const char *paper_names[] = {
  [WF_PAPER_POSTER] = "poster",
  [WF_PAPER_A4] = "a4",
  [WF_PAPER_A3] = "a3",
  [WF_PAPER_A2] = "a2",
  [WF_PAPER_A1] = "a1",
  [WF_PAPER_A0] = "a0",
};

gboolean
wf_paper_from_string (const char *name,
                      WfPaper    *paper)
{
  for (guint i = 0; i < G_N_ELEMENTS (paper_names); i++)
    {
      if (g_ascii_strcasecmp (name, paper_names[i]) == 0)
        {
          *paper = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * wf_paper_get_size:
 *
 * The size of an A-series sheet in points: A0 is 841 × 1189 mm, and each
 * next size is the previous one halved. Poster and custom paper have no
 * size of their own: both are 0.
 */
void
wf_paper_get_size (WfPaper   paper,
                   gboolean  landscape,
                   double   *width,
                   double   *height)
{
  double w = 841, h = 1189;

  if (paper < WF_PAPER_A4 || paper > WF_PAPER_A0)
    {
      *width = *height = 0;
      return;
    }

  for (int n = WF_PAPER_A0; n > (int) paper; n--)
    {
      double half = floor (h / 2);

      h = w;
      w = half;
    }

  *width = (landscape ? h : w) * MM;
  *height = (landscape ? w : h) * MM;
}

/* Sheets */

static void
sheet_clear (Sheet *sheet)
{
  g_clear_pointer (&sheet->scene, wf_scene_free);
}

/* A title block as wide as the map, but room for its words however
 * small the map.
 */
static double
title_width (double map_width)
{
  return MAX (map_width, 720);
}

static void
add_sheet (WfExport *self,
           WfMap    *map)
{
  Sheet sheet = { .map = map };
  double map_width, map_height;

  sheet.scene = wf_scene_new_for_font_map (map, self->font_map);
  wf_scene_set_theme (sheet.scene, self->options.theme);
  wf_scene_set_paint_background (sheet.scene, FALSE);

  map_width = wf_layout_get_width (wf_scene_get_layout (sheet.scene));
  map_height = wf_layout_get_height (wf_scene_get_layout (sheet.scene));

  if (self->options.title_block)
    sheet.title_height = wf_scene_snapshot_title_block (sheet.scene, NULL, title_width (map_width),
                                                        wf_document_get_title (self->document),
                                                        self->date);

  sheet.width = (self->options.title_block ? title_width (map_width) : map_width) + 2 * SHEET_PADDING;
  sheet.height = map_height + sheet.title_height + 2 * SHEET_PADDING;

  g_array_append_val (self->sheets, sheet);
}

/* Draws what of a sheet meets @area (map units) onto @cr, whose user
 * space is the sheet's. @zoom is the device pixels per unit, for the
 * scene's level of detail.
 */
static void
draw_sheet_keeping (WfExport              *self,
                    const Sheet           *sheet,
                    WfScene               *scene,
                    cairo_t               *cr,
                    const graphene_rect_t *area,
                    double                 zoom,
                    GskRenderNode        **keep)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  WfLayout *layout = wf_scene_get_layout (scene);
  graphene_rect_t sheet_bounds = GRAPHENE_RECT_INIT (0, 0, sheet->width, sheet->height);
  graphene_rect_t map_bounds, visible;
  double map_top = SHEET_PADDING + sheet->title_height;

  if (!graphene_rect_intersection (area, &sheet_bounds, &visible))
    return;

  if (!self->options.transparent)
    gtk_snapshot_append_color (snapshot, wf_scene_get_background (scene), &visible);

  if (sheet->title_height > 0 && visible.origin.y < map_top)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (SHEET_PADDING, SHEET_PADDING));
      wf_scene_snapshot_title_block (scene, snapshot, title_width (wf_layout_get_width (layout)),
                                     wf_document_get_title (self->document), self->date);
      gtk_snapshot_restore (snapshot);
    }

  map_bounds = GRAPHENE_RECT_INIT (SHEET_PADDING, map_top,
                                   wf_layout_get_width (layout), wf_layout_get_height (layout));
  if (graphene_rect_intersection (&visible, &map_bounds, &visible))
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (SHEET_PADDING, map_top));
      graphene_rect_offset (&visible, -SHEET_PADDING, -map_top);
      wf_scene_snapshot (scene, snapshot, &visible, zoom, NULL, NULL);
      gtk_snapshot_restore (snapshot);
    }

  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  if (keep != NULL)
    *keep = g_steal_pointer (&node);
}

static void
draw_sheet (WfExport              *self,
            const Sheet           *sheet,
            WfScene               *scene,
            cairo_t               *cr,
            const graphene_rect_t *area,
            double                 zoom)
{
  draw_sheet_keeping (self, sheet, scene, cr, area, zoom, NULL);
}

/* Pages */

static double
page_margin (WfExport *self)
{
  return self->options.margin >= 0 ? self->options.margin : PAGE_MARGIN;
}

static void
paper_size (WfExport *self,
            double   *width,
            double   *height)
{
  WfPaper paper = self->options.paper;

  if (paper == WF_PAPER_CUSTOM)
    {
      *width = self->options.custom_width;
      *height = self->options.custom_height;
      return;
    }

  /* A poster cut into tiles is cut into A4 pages. */
  if (paper == WF_PAPER_POSTER)
    paper = WF_PAPER_A4;
  wf_paper_get_size (paper, self->options.landscape, width, height);
}

/* Points per map unit on a poster page: the map's own size, shrunk
 * only where PDF readers would refuse the page.
 */
static double
poster_scale (const Sheet *sheet)
{
  double scale = PT_PER_UNIT;

  if (MAX (sheet->width, sheet->height) * scale > POSTER_MAX_PT)
    scale = POSTER_MAX_PT / MAX (sheet->width, sheet->height);

  return scale;
}

static void
plan_pages (WfExport *self,
            guint     index)
{
  Sheet *sheet = &g_array_index (self->sheets, Sheet, index);
  Page page = { .sheet = index, .n_rows = 1, .n_columns = 1 };
  double margin = page_margin (self);
  double area_w, area_h;

  sheet->n_tiles = 1;

  if (self->options.paper == WF_PAPER_POSTER && !self->options.tile)
    {
      page.scale = poster_scale (sheet);
      page.width = sheet->width * page.scale;
      page.height = sheet->height * page.scale;
      page.clip = GRAPHENE_RECT_INIT (0, 0, page.width, page.height);
      g_array_append_val (self->pages, page);
      return;
    }

  paper_size (self, &page.width, &page.height);
  area_w = MAX (1, page.width - 2 * margin);
  area_h = MAX (1, page.height - 2 * margin);
  page.clip = GRAPHENE_RECT_INIT (margin, margin, area_w, area_h);

  if (!self->options.tile)
    {
      /* The whole sheet, as large as the page allows, centred. */
      page.scale = MIN (area_w / sheet->width, area_h / sheet->height);
      page.x = (page.width - sheet->width * page.scale) / 2;
      page.y = (page.height - sheet->height * page.scale) / 2;
      g_array_append_val (self->pages, page);
      return;
    }

  {
    /* Overlap at most half a page: on tiny paper, less. */
    double step_w = MAX (area_w / 2, area_w - TILE_OVERLAP);
    double step_h = MAX (area_h / 2, area_h - TILE_OVERLAP);
    double total_w, total_h, n_columns, n_rows;

    page.scale = PT_PER_UNIT * self->options.scale;
    total_w = sheet->width * page.scale;
    total_h = sheet->height * page.scale;
    n_columns = total_w <= area_w ? 1 : ceil ((total_w - (area_w - step_w)) / step_w);
    n_rows = total_h <= area_h ? 1 : ceil ((total_h - (area_h - step_h)) / step_h);

    /* More pages than anyone would print are not planned: the export is
     * refused (wf_export_check()).
     */
    sheet->n_tiles = n_columns * n_rows;
    if (sheet->n_tiles > WF_EXPORT_MAX_PAGES)
      return;
    page.n_columns = n_columns;
    page.n_rows = n_rows;

    for (guint r = 0; r < page.n_rows; r++)
      for (guint c = 0; c < page.n_columns; c++)
        {
          page.row = r;
          page.column = c;
          page.x = margin - c * step_w;
          page.y = margin - r * step_h;
          g_array_append_val (self->pages, page);
        }
  }
}

/* When the export is made: the date asked for, or the one reproducible
 * builds and tests set from outside, or now.
 */
static GDateTime *
export_date (GDateTime *date)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  gint64 seconds;

  if (date != NULL)
    return g_date_time_ref (date);
  if (epoch != NULL && g_ascii_string_to_signed (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    return g_date_time_new_from_unix_utc (seconds);

  return g_date_time_new_now_local ();
}

/**
 * wf_export_new:
 * @document: the document to export; it must not change while the
 *   export is in use
 * @options: what to make
 *
 * Lays out every map to export and plans the pages. An export is used
 * from one thread at a time; the document too, so an application that
 * exports in a thread gives it a copy.
 *
 * Returns: (transfer full): a new export
 */
WfExport *
wf_export_new (WfDocument            *document,
               const WfExportOptions *options)
{
  WfExport *self;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->map == NULL || WF_IS_MAP (options->map), NULL);

  self = g_new0 (WfExport, 1);
  self->document = g_object_ref (document);
  self->font_map = borrow_font_map ();
  self->options = *options;
  self->options.date = export_date (options->date);
  /* Only a PNG image is ever transparent. */
  self->options.transparent = options->transparent && options->format == WF_EXPORT_FORMAT_PNG;
  if (!(self->options.scale > 0))
    self->options.scale = 1.0;
  /* Translators: the date on an exported map, in g_date_time_format()'s
   * terms: "23 November 2026". Write it as your language does.
   */
  self->date = g_date_time_format (self->options.date, _("%-d %B %Y"));
  self->sheets = g_array_new (FALSE, TRUE, sizeof (Sheet));
  g_array_set_clear_func (self->sheets, (GDestroyNotify) sheet_clear);
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));

  /* Only the drawn formats need sheets. */
  if (options->format == WF_EXPORT_FORMAT_CSV || options->format == WF_EXPORT_FORMAT_MERMAID)
    return self;

  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    {
      WfMap *map = wf_document_get_map (document, i);

      if (options->map == NULL || options->map == map)
        {
          add_sheet (self, map);
          plan_pages (self, self->sheets->len - 1);
        }
    }

  return self;
}

void
wf_export_free (WfExport *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->sheets);
  g_array_unref (self->pages);
  return_font_map (self->font_map);
  g_clear_pointer (&self->options.date, g_date_time_unref);
  g_free (self->date);
  g_object_unref (self->document);
  g_free (self);
}

/**
 * wf_export_get_n_maps:
 *
 * Returns: how many maps the export holds
 */
guint
wf_export_get_n_maps (WfExport *self)
{
  if (self->options.map != NULL)
    return 1;

  return wf_document_get_n_maps (self->document);
}

static WfMap *
nth_map (WfExport *self,
         guint     index)
{
  if (self->options.map != NULL)
    return self->options.map;

  return wf_document_get_map (self->document, index);
}

/**
 * wf_export_get_image_size:
 *
 * The size in pixels of the PNG image of the @map'th map exported.
 */
void
wf_export_get_image_size (WfExport *self,
                          guint     map,
                          int      *width,
                          int      *height)
{
  const Sheet *sheet;

  g_return_if_fail (map < self->sheets->len);

  sheet = &g_array_index (self->sheets, Sheet, map);
  *width = (int) MIN (G_MAXINT, ceil (sheet->width * self->options.scale));
  *height = (int) MIN (G_MAXINT, ceil (sheet->height * self->options.scale));
}

/* A map's title, as far as a message quotes it. */
static char *
quoted_title (const Sheet *sheet)
{
  return wf_quote_excerpt (wf_map_get_title (sheet->map));
}

static gboolean
check_png (WfExport  *self,
           GError   **error)
{
  for (guint i = 0; i < self->sheets->len; i++)
    {
      const Sheet *sheet = &g_array_index (self->sheets, Sheet, i);
      double w = ceil (sheet->width * self->options.scale);
      double h = ceil (sheet->height * self->options.scale);

      if (w > WF_EXPORT_MAX_PIXELS_SIDE || h > WF_EXPORT_MAX_PIXELS_SIDE || w * h > WF_EXPORT_MAX_PIXELS)
        {
          g_autofree char *title = quoted_title (sheet);

          g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_TOO_LARGE,
                       /* Translators: "The map “Onboarding” would be an image of 40000 × 52000 pixels, …" */
                       _("The map “%s” would be an image of %.0f × %.0f pixels, more than a PNG image can "
                         "hold here (%d pixels a side, %.0f million in all). Choose a smaller scale, export "
                         "it as PDF, or split it into smaller maps."),
                       title, w, h, WF_EXPORT_MAX_PIXELS_SIDE, WF_EXPORT_MAX_PIXELS / 1e6);
          return FALSE;
        }
    }

  return TRUE;
}

/* An SVG picture shows a map whole, as a poster page would: refused
 * where the poster would be.
 */
static gboolean
check_svg (WfExport  *self,
           GError   **error)
{
  for (guint i = 0; i < self->sheets->len; i++)
    {
      const Sheet *sheet = &g_array_index (self->sheets, Sheet, i);
      double text = WF_SCENE_TITLE_SIZE * poster_scale (sheet);

      if (text < WF_EXPORT_MIN_TEXT_PT)
        {
          g_autofree char *title = quoted_title (sheet);

          g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_ILLEGIBLE,
                       /* Translators: "The map “Onboarding” is too large for one picture: 360200 × 1800 pixels. …" */
                       _("The map “%s” is too large for one picture: %.0f × %.0f pixels. Shown whole, as on "
                         "the largest page a PDF reader shows (200 inches a side), its text would be %.2g "
                         "points high, too small to read. Export it as PDF across pages (tiled), or split "
                         "it into smaller maps."),
                       title, ceil (sheet->width), ceil (sheet->height), text);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_pages (WfExport  *self,
             GError   **error)
{
  double n_pages = 0;

  for (guint i = 0; i < self->sheets->len; i++)
    n_pages += g_array_index (self->sheets, Sheet, i).n_tiles;

  if (n_pages > WF_EXPORT_MAX_PAGES)
    {
      double w, h;

      paper_size (self, &w, &h);
      g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_TOO_LARGE,
                   /* Translators: "Across pages of 210 × 297 mm, the export would take 5400 pages, …" */
                   _("Across pages of %.0f × %.0f mm, the export would take %.0f pages, more than %d. "
                     "Choose a smaller scale or larger paper, or split the map into smaller maps."),
                   w / MM, h / MM, n_pages, WF_EXPORT_MAX_PAGES);
      return FALSE;
    }

  for (guint i = 0; i < self->pages->len; i++)
    {
      const Page *page = &g_array_index (self->pages, Page, i);
      const Sheet *sheet = &g_array_index (self->sheets, Sheet, page->sheet);
      double text = WF_SCENE_TITLE_SIZE * page->scale;
      g_autofree char *title = NULL;

      if (text >= WF_EXPORT_MIN_TEXT_PT)
        continue;

      title = quoted_title (sheet);
      if (self->options.tile)
        g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_ILLEGIBLE,
                     /* Translators: "At this scale, the text of the map “Onboarding” would be 0.09 points high, …" */
                     _("At this scale, the text of the map “%s” would be %.2g points high, too small to "
                       "read. Choose a larger scale."),
                     title, text);
      else if (self->options.paper == WF_PAPER_POSTER)
        g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_ILLEGIBLE,
                     /* Translators: "The map “Onboarding” is too large to show whole: 360200 × 1800 pixels. …" */
                     _("The map “%s” is too large to show whole: %.0f × %.0f pixels. Fitted on the largest "
                       "page a PDF reader shows (200 inches a side), its text would be %.2g points high, "
                       "too small to read. Print it across pages (tiled), or split it into smaller maps."),
                     title, ceil (sheet->width), ceil (sheet->height), text);
      else
        g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_ILLEGIBLE,
                     /* Translators: "The map “Onboarding” does not fit legibly on a page of 210 × 297 mm: …" */
                     _("The map “%s” does not fit legibly on a page of %.0f × %.0f mm: its text would be "
                       "%.2g points high. Choose larger paper, print it across pages (tiled), or split it "
                       "into smaller maps."),
                     title, page->width / MM, page->height / MM, text);
      return FALSE;
    }

  return TRUE;
}

/**
 * wf_export_check:
 *
 * Tells whether the export can be made and be of use: there are maps to
 * export; a PNG image is not beyond what can be made
 * (%WF_EXPORT_ERROR_TOO_LARGE, with a message that suggests PDF); PDF
 * pages are no more than %WF_EXPORT_MAX_PAGES (%WF_EXPORT_ERROR_TOO_LARGE);
 * and no PDF page or SVG picture draws a map so small that its text is
 * below %WF_EXPORT_MIN_TEXT_PT (%WF_EXPORT_ERROR_ILLEGIBLE). Each message
 * names the map and says what to do.
 */
gboolean
wf_export_check (WfExport  *self,
                 GError   **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (wf_export_get_n_maps (self) == 0)
    {
      g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_NO_MAP,
                   _("The journey has no maps to export."));
      return FALSE;
    }

  switch (self->options.format)
    {
    case WF_EXPORT_FORMAT_PNG:
      return check_png (self, error);
    case WF_EXPORT_FORMAT_SVG:
      return check_svg (self, error);
    case WF_EXPORT_FORMAT_PDF:
      return check_pages (self, error);
    case WF_EXPORT_FORMAT_CSV:
    case WF_EXPORT_FORMAT_MERMAID:
    case WF_EXPORT_FORMAT_NONE:
    default:
      return TRUE;
    }
}

/**
 * wf_export_get_n_files:
 *
 * PDF and CSV hold every map in one file; PNG, SVG and Mermaid make a
 * file per map.
 *
 * Returns: how many files wf_export_write() makes
 */
guint
wf_export_get_n_files (WfExport *self)
{
  switch (self->options.format)
    {
    case WF_EXPORT_FORMAT_PDF:
    case WF_EXPORT_FORMAT_CSV:
      return 1;
    case WF_EXPORT_FORMAT_PNG:
    case WF_EXPORT_FORMAT_SVG:
    case WF_EXPORT_FORMAT_MERMAID:
      return wf_export_get_n_maps (self);
    case WF_EXPORT_FORMAT_NONE:
    default:
      return 0;
    }
}

/**
 * wf_export_get_file:
 * @file: the file the person chose
 * @index: which of wf_export_get_n_files()
 *
 * With a single file, @file itself; with a file per map, @file's name
 * with the map's number before the extension: "journey-2.png".
 *
 * Returns: (transfer full): the @index'th file to write
 */
GFile *
wf_export_get_file (WfExport *self,
                    GFile    *file,
                    guint     index)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (wf_export_get_n_files (self) <= 1)
    return g_object_ref (file);

  return wf_export_number_file (file, index);
}

/**
 * wf_export_number_file:
 * @file: the file a person chose
 * @index: which map, from 0
 *
 * Returns: (transfer full): @file's name with the map's number before the
 *   extension: "journey-2.png", in @file's folder; the name is the
 *   person's, only shortened where the number would make it longer than
 *   a file system allows (wf_file_name_fit())
 */
GFile *
wf_export_number_file (GFile *file,
                       guint  index)
{
  g_autofree char *name = NULL;
  g_autofree char *numbered = NULL;
  g_autoptr(GFile) parent = NULL;
  char *dot;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u.%s", index + 1, dot + 1);

      *dot = '\0';
      numbered = wf_file_name_fit (name, suffix);
    }
  else
    {
      g_autofree char *suffix = g_strdup_printf ("-%u", index + 1);

      numbered = wf_file_name_fit (name, suffix);
    }

  parent = g_file_get_parent (file);
  return parent ? g_file_get_child (parent, numbered) : g_file_new_for_path (numbered);
}

/**
 * wf_export_get_n_pages:
 *
 * Returns: how many pages the PDF or the printout has
 */
guint
wf_export_get_n_pages (WfExport *self)
{
  return self->pages->len;
}

void
wf_export_get_page_size (WfExport *self,
                         guint     page,
                         double   *width,
                         double   *height)
{
  const Page *p;

  g_return_if_fail (page < self->pages->len);

  p = &g_array_index (self->pages, Page, page);
  *width = p->width;
  *height = p->height;
}

/* What lets a person put tiles together: marks where to cut, and which
 * tile this is.
 */
static void
draw_tile_marks (WfExport   *self,
                 cairo_t    *cr,
                 const Page *page)
{
  const Sheet *sheet = &g_array_index (self->sheets, Sheet, page->sheet);
  const graphene_rect_t *c = &page->clip;
  double mark = MIN (page_margin (self) - 2, 8 * MM);
  double xs[2] = { c->origin.x, c->origin.x + c->size.width };
  double ys[2] = { c->origin.y, c->origin.y + c->size.height };
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  if (mark <= 1)
    return;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      {
        double dx = i == 0 ? -1 : 1, dy = j == 0 ? -1 : 1;

        cairo_move_to (cr, xs[i] + dx * 2, ys[j]);
        cairo_line_to (cr, xs[i] + dx * (2 + mark), ys[j]);
        cairo_move_to (cr, xs[i], ys[j] + dy * 2);
        cairo_line_to (cr, xs[i], ys[j] + dy * (2 + mark));
      }
  cairo_stroke (cr);

  /* Translators: the label on a tile of a map printed across several
   * pages: "Customer onboarding — row 1 of 3, column 2 of 4".
   */
  title = wf_scene_clip_text (wf_map_get_title (sheet->map), META_CHARS);
  label = g_strdup_printf (_("%s — row %u of %u, column %u of %u"), title,
                           page->row + 1, page->n_rows, page->column + 1, page->n_columns);
  /* From the export's own font map: this may be a worker thread. */
  {
    PangoContext *context = pango_font_map_create_context (self->font_map);

    pango_cairo_update_context (cr, context);
    layout = pango_layout_new (context);
    g_object_unref (context);
  }
  font = pango_font_description_from_string ("Cantarell, Sans 7");
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, label, -1);
  pango_layout_set_width (layout, (int) (c->size.width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  cairo_move_to (cr, c->origin.x + 6, c->origin.y + c->size.height + 4);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/**
 * wf_export_draw_page:
 * @cr: a context whose user space is the page's, in points
 * @page: which page
 * @detail: device pixels per point, for the level of detail; 0 for a
 *   vector surface, which gets every detail
 *
 * Draws a page of the PDF or printout: for PDF, print and preview alike.
 */
void
wf_export_draw_page (WfExport *self,
                     cairo_t  *cr,
                     guint     page,
                     double    detail)
{
  const Page *p;
  const Sheet *sheet;
  graphene_rect_t area;

  g_return_if_fail (self != NULL);
  g_return_if_fail (page < self->pages->len);

  p = &g_array_index (self->pages, Page, page);
  sheet = &g_array_index (self->sheets, Sheet, p->sheet);

  cairo_save (cr);
  cairo_rectangle (cr, p->clip.origin.x, p->clip.origin.y, p->clip.size.width, p->clip.size.height);
  cairo_clip (cr);
  cairo_translate (cr, p->x, p->y);
  cairo_scale (cr, p->scale, p->scale);
  area = GRAPHENE_RECT_INIT ((p->clip.origin.x - p->x) / p->scale, (p->clip.origin.y - p->y) / p->scale,
                             p->clip.size.width / p->scale, p->clip.size.height / p->scale);
  draw_sheet (self, sheet, sheet->scene, cr, &area, detail > 0 ? p->scale * detail : 1.0);
  cairo_restore (cr);

  if (p->n_rows * p->n_columns > 1)
    draw_tile_marks (self, cr, p);
}

/**
 * wf_export_draw_map:
 * @cr: a context whose user space is in map units
 * @map: which of the exported maps
 * @detail: device pixels per map unit, 0 for a vector surface
 *
 * Draws the @map'th map's whole sheet, as the PNG and SVG exports do.
 */
void
wf_export_draw_map (WfExport *self,
                    cairo_t  *cr,
                    guint     map,
                    double    detail)
{
  const Sheet *sheet;

  g_return_if_fail (map < self->sheets->len);

  sheet = &g_array_index (self->sheets, Sheet, map);
  draw_sheet (self, sheet, sheet->scene, cr, &GRAPHENE_RECT_INIT (0, 0, sheet->width, sheet->height),
              detail > 0 ? detail : 1.0);
}

/* Writing */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
cairo_failed (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return FALSE;

  g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_FAILED,
               _("The drawing could not be made: %s."), cairo_status_to_string (status));
  return TRUE;
}

static void
report (WfExportProgress progress,
        gpointer         user_data,
        double           fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0, 1), user_data);
}

static GBytes *
render_pdf (WfExport          *self,
            WfExportProgress   progress,
            gpointer           user_data,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *created = g_date_time_format (self->options.date, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *creator = g_strdup_printf ("Wayfinder %s", PACKAGE_VERSION);
  g_autofree char *title = wf_scene_clip_text (wf_document_get_title (self->document), META_CHARS);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint last_sheet = G_MAXUINT;

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, 595, 842);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
  cr = cairo_create (surface);

  for (guint i = 0; i < self->pages->len; i++)
    {
      const Page *page = &g_array_index (self->pages, Page, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;

      cairo_pdf_surface_set_size (surface, page->width, page->height);

      /* Each map is a bookmark, at its first page. */
      if (page->sheet != last_sheet)
        {
          const Sheet *sheet = &g_array_index (self->sheets, Sheet, page->sheet);
          g_autofree char *link = g_strdup_printf ("page=%u", i + 1);
          g_autofree char *bookmark = wf_scene_clip_text (wf_map_get_title (sheet->map), META_CHARS);

          cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, bookmark, link, 0);
          last_sheet = page->sheet;
        }

      wf_export_draw_page (self, cr, i, 0);
      cairo_show_page (cr);
      report (progress, user_data, (i + 1.0) / self->pages->len);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) || cairo_failed (status, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static GBytes *
render_svg (WfExport      *self,
            guint          index,
            GError       **error)
{
  const Sheet *sheet = &g_array_index (self->sheets, Sheet, index);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  GskRenderNode *node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, sheet->width, sheet->height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  /* The drawing lives until the file is finished: cairo 1.16's SVG
   * backend leaks what it made of a recording surface (a GSK cairo node)
   * that goes before the file is done.
   */
  draw_sheet_keeping (self, sheet, sheet->scene, cr, &GRAPHENE_RECT_INIT (0, 0, sheet->width, sheet->height), 1.0, &node);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_clear_pointer (&node, gsk_render_node_unref);

  if (cairo_failed (status, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* PNG, drawn and compressed a strip at a time, so that memory stays
 * small whatever the image's size, and in as many threads as there are
 * processors (up to four). Each thread has a scene of its own, drawing
 * the same map: the model is only read. Each strip becomes a piece of
 * raw deflate ending on a byte boundary; the pieces, one after another,
 * are the image's zlib stream (as pigz does), and their checksums are
 * combined.
 */

#define MAX_THREADS 4

typedef struct
{
  GByteArray *deflated;
  guint32     adler;
  gsize       length;      /* of the filtered data */
} Strip;

typedef struct
{
  WfExport     *self;
  const Sheet  *sheet;
  int           width;
  int           height;
  int           strip_height;
  guint         n_strips;
  Strip        *strips;
  gint          next;        /* the next strip to take, atomically */
  gint          done;
  GCancellable *cancellable;
  GMutex        lock;
  char         *error;       /* the first failure, under lock */
} PngJob;

static void
png_job_fail (PngJob     *job,
              const char *message)
{
  g_mutex_lock (&job->lock);
  if (job->error == NULL)
    job->error = g_strdup (message);
  g_mutex_unlock (&job->lock);
}

/* Cairo's premultiplied native-endian pixels to PNG's straight RGB(A),
 * with the Sub filter: each byte less the byte of the pixel before,
 * which turns flat colour into zeros.
 */
static void
filter_row (const guint32 *in,
            guint8        *out,
            int            width,
            gboolean       alpha)
{
  guint8 pr = 0, pg = 0, pb = 0, pa = 0;

  *out++ = 1;   /* Sub */

  if (!alpha)
    {
      for (int x = 0; x < width; x++)
        {
          guint32 p = in[x];
          guint8 r = p >> 16, g = p >> 8, b = p;

          out[0] = r - pr;
          out[1] = g - pg;
          out[2] = b - pb;
          out += 3;
          pr = r;
          pg = g;
          pb = b;
        }
      return;
    }

  for (int x = 0; x < width; x++)
    {
      guint32 p = in[x];
      guint a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

      if (a != 0 && a != 255)
        {
          r = (r * 255 + a / 2) / a;
          g = (g * 255 + a / 2) / a;
          b = (b * 255 + a / 2) / a;
        }
      out[0] = (guint8) r - pr;
      out[1] = (guint8) g - pg;
      out[2] = (guint8) b - pb;
      out[3] = (guint8) a - pa;
      out += 4;
      pr = r;
      pg = g;
      pb = b;
      pa = a;
    }
}

static gboolean
encode_strip (PngJob          *job,
              WfScene         *scene,
              cairo_surface_t *surface,
              guint8          *filtered,
              GByteArray      *buffer,
              guint            index)
{
  Strip *strip = &job->strips[index];
  double scale = job->self->options.scale;
  gboolean alpha = job->self->options.transparent;
  int top = index * job->strip_height;
  int rows = MIN (job->strip_height, job->height - top);
  gsize row_bytes = 1 + (gsize) job->width * (alpha ? 4 : 3);
  z_stream z = { 0 };
  const guint8 *data;
  int stride, status;
  cairo_t *cr;

  cr = cairo_create (surface);
  /* A strip starts empty, or in the background's colour: the sheet's
   * own background may leave a fraction of a pixel at its edges.
   */
  if (alpha)
    cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  else
    gdk_cairo_set_source_rgba (cr, wf_scene_get_background (scene));
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_translate (cr, 0, -top);
  cairo_scale (cr, scale, scale);
  draw_sheet (job->self, job->sheet, scene, cr,
              &GRAPHENE_RECT_INIT (0, top / scale, job->width / scale, rows / scale), scale);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* The checksum goes along, row by row: that of a row of zeros is
   * known without reading it.
   */
  strip->length = row_bytes * rows;
  strip->adler = adler32 (0, NULL, 0);
  for (int y = 0; y < rows; y++)
    {
      const guint8 *pixels = data + (gsize) y * stride;
      guint8 *out = filtered + y * row_bytes;

      /* A row like the one above, common in a map, is all zeros with
       * the Up filter.
       */
      if (y > 0 && memcmp (pixels, pixels - stride, (gsize) job->width * 4) == 0)
        {
          out[0] = 2;   /* Up */
          memset (out + 1, 0, row_bytes - 1);
          /* The bytes 2, 0, 0, …: a = 3, and b gains 3 a byte. */
          strip->adler = adler32_combine (strip->adler, ((3 * (uLong) row_bytes) % 65521) << 16 | 3, row_bytes);
        }
      else
        {
          filter_row ((const guint32 *) pixels, out, job->width, alpha);
          strip->adler = adler32 (strip->adler, out, row_bytes);
        }
    }

  /* Raw deflate, at the fastest level: maps are mostly flat colour,
   * which the filter has made zeros of.
   */
  if (deflateInit2 (&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      png_job_fail (job, z.msg ? z.msg : "deflateInit2");
      return FALSE;
    }

  g_byte_array_set_size (buffer, MAX (buffer->len, deflateBound (&z, strip->length) + 16));
  z.next_in = filtered;
  z.avail_in = strip->length;
  z.next_out = buffer->data;
  z.avail_out = buffer->len;
  /* The last strip ends the stream; the others end on a byte boundary. */
  status = deflate (&z, index + 1 == job->n_strips ? Z_FINISH : Z_SYNC_FLUSH);
  strip->deflated = g_byte_array_sized_new (buffer->len - z.avail_out);
  g_byte_array_append (strip->deflated, buffer->data, buffer->len - z.avail_out);
  deflateEnd (&z);

  /* All of it in, and the last strip ended the stream. */
  if (z.avail_in != 0 || (index + 1 == job->n_strips ? status != Z_STREAM_END : status != Z_OK))
    {
      png_job_fail (job, "deflate");
      return FALSE;
    }

  return TRUE;
}

/* Takes strips until none are left: in each thread, the calling one too,
 * which alone reports @progress.
 */
static void
png_work (PngJob           *job,
          WfExportProgress  progress,
          gpointer          user_data)
{
  PangoFontMap *font_map = borrow_font_map ();
  g_autoptr(WfScene) scene = wf_scene_new_for_font_map (job->sheet->map, font_map);
  gboolean alpha = job->self->options.transparent;
  cairo_surface_t *surface;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 *filtered;

  wf_scene_set_theme (scene, job->self->options.theme);
  wf_scene_set_paint_background (scene, FALSE);

  surface = cairo_image_surface_create (alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                        job->width, job->strip_height);
  filtered = g_try_malloc ((1 + (gsize) job->width * 4) * job->strip_height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    png_job_fail (job, cairo_status_to_string (cairo_surface_status (surface)));
  else if (filtered == NULL)
    png_job_fail (job, g_strerror (ENOMEM));

  while (g_atomic_pointer_get (&job->error) == NULL && !g_cancellable_is_cancelled (job->cancellable))
    {
      guint index = g_atomic_int_add (&job->next, 1);

      if (index >= job->n_strips || !encode_strip (job, scene, surface, filtered, buffer, index))
        break;
      g_atomic_int_inc (&job->done);
      report (progress, user_data, (double) g_atomic_int_get (&job->done) / job->n_strips);
    }

  cairo_surface_destroy (surface);
  g_free (filtered);
  g_clear_pointer (&scene, wf_scene_free);
  return_font_map (font_map);
}

static gpointer
png_thread (gpointer data)
{
  png_work (data, NULL, NULL);
  return NULL;
}

static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  guint8 header[8];
  guint8 trailer[4];
  guint32 crc;

  g_assert (length < G_MAXINT32);

  header[0] = length >> 24;
  header[1] = length >> 16;
  header[2] = length >> 8;
  header[3] = length;
  memcpy (header + 4, type, 4);
  crc = crc32 (crc32 (0, NULL, 0), header + 4, 4);
  if (length > 0)
    crc = crc32 (crc, data, length);
  trailer[0] = crc >> 24;
  trailer[1] = crc >> 16;
  trailer[2] = crc >> 8;
  trailer[3] = crc;

  g_byte_array_append (out, header, 8);
  if (length > 0)
    g_byte_array_append (out, data, length);
  g_byte_array_append (out, trailer, 4);
}

static void
put_be32 (guint8  *p,
          guint32  value)
{
  p[0] = value >> 24;
  p[1] = value >> 16;
  p[2] = value >> 8;
  p[3] = value;
}

static GBytes *
render_png (WfExport          *self,
            guint              index,
            WfExportProgress   progress,
            gpointer           user_data,
            GCancellable      *cancellable,
            GError           **error)
{
  static const guint8 signature[8] = { 137, 'P', 'N', 'G', '\r', '\n', 26, '\n' };
  PngJob job = { .self = self, .sheet = &g_array_index (self->sheets, Sheet, index), .cancellable = cancellable };
  GThread *threads[MAX_THREADS - 1] = { NULL };
  guint n_threads = CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  g_autoptr(GByteArray) out = NULL;
  guint32 adler;
  guint8 ihdr[13];

  wf_export_get_image_size (self, index, &job.width, &job.height);
  job.strip_height = CLAMP (STRIP_PIXELS / MAX (job.width, 1), 1, job.height);
  /* Enough strips to share among the threads and to show progress. */
  if (job.height / job.strip_height < 8 * n_threads)
    job.strip_height = MAX (16, job.height / (8 * n_threads));
  job.strip_height = MIN (job.strip_height, job.height);
  job.n_strips = (job.height + job.strip_height - 1) / job.strip_height;
  job.strips = g_new0 (Strip, job.n_strips);
  g_mutex_init (&job.lock);

  n_threads = MIN (n_threads, job.n_strips);
  for (guint i = 0; i + 1 < n_threads; i++)
    threads[i] = g_thread_try_new ("wf-export-png", png_thread, &job, NULL);

  /* This thread draws too, and tells the progress between strips. */
  png_work (&job, progress, user_data);

  for (guint i = 0; i + 1 < n_threads; i++)
    if (threads[i] != NULL)
      g_thread_join (threads[i]);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (job.error != NULL)
    {
      g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_FAILED,
                   _("The PNG image could not be made: %s."), job.error);
      goto out;
    }

  /* The file: header, the image's facts, then the strips. */
  out = g_byte_array_new ();
  g_byte_array_append (out, signature, sizeof signature);

  put_be32 (ihdr, job.width);
  put_be32 (ihdr + 4, job.height);
  ihdr[8] = 8;                                   /* bits per sample */
  ihdr[9] = self->options.transparent ? 6 : 2;   /* RGBA or RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;            /* deflate, adaptive filters, no interlace */
  put_chunk (out, "IHDR", ihdr, sizeof ihdr);

  {
    /* 96 dpi at scale 1, in pixels per metre. */
    guint32 ppm = (guint32) lround (96 * self->options.scale / 0.0254);
    guint8 phys[9];
    g_autoptr(GByteArray) text = g_byte_array_new ();
    g_autofree char *title = wf_scene_clip_text (wf_map_get_title (job.sheet->map), META_CHARS);
    static const guint8 itxt_flags[5] = { 0, 0, 0, 0, 0 };  /* uncompressed, no language */

    put_be32 (phys, ppm);
    put_be32 (phys + 4, ppm);
    phys[8] = 1;                                 /* per metre */
    put_chunk (out, "pHYs", phys, sizeof phys);

    g_byte_array_append (text, (const guint8 *) "Title", 5);
    g_byte_array_append (text, itxt_flags, 5);
    g_byte_array_append (text, (const guint8 *) title, strlen (title));
    put_chunk (out, "iTXt", text->data, text->len);
    put_chunk (out, "tEXt", (const guint8 *) "Software\0Wayfinder", 18);
  }

  {
    static const guint8 zlib_header[2] = { 0x78, 0x01 };
    guint8 trailer[4];

    put_chunk (out, "IDAT", zlib_header, 2);
    adler = adler32 (0, NULL, 0);
    for (guint i = 0; i < job.n_strips; i++)
      {
        put_chunk (out, "IDAT", job.strips[i].deflated->data, job.strips[i].deflated->len);
        adler = adler32_combine (adler, job.strips[i].adler, job.strips[i].length);
      }
    put_be32 (trailer, adler);
    put_chunk (out, "IDAT", trailer, 4);
  }
  put_chunk (out, "IEND", NULL, 0);
  report (progress, user_data, 1);

out:
  for (guint i = 0; i < job.n_strips; i++)
    g_clear_pointer (&job.strips[i].deflated, g_byte_array_unref);
  g_free (job.strips);
  g_free (job.error);
  g_mutex_clear (&job.lock);

  return out ? g_byte_array_free_to_bytes (g_steal_pointer (&out)) : NULL;
}

/**
 * wf_export_render_file:
 * @index: which of wf_export_get_n_files()
 * @progress: (nullable): called, in this thread, with how much is done
 *
 * Makes the bytes of one exported file.
 *
 * Returns: (transfer full): the file's contents, or %NULL with @error set
 */
GBytes *
wf_export_render_file (WfExport          *self,
                       guint              index,
                       WfExportProgress   progress,
                       gpointer           user_data,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < wf_export_get_n_files (self), NULL);

  if (!wf_export_check (self, error))
    return NULL;

  switch (self->options.format)
    {
    case WF_EXPORT_FORMAT_PDF:
      return render_pdf (self, progress, user_data, cancellable, error);

    case WF_EXPORT_FORMAT_PNG:
      return render_png (self, index, progress, user_data, cancellable, error);

    case WF_EXPORT_FORMAT_SVG:
      {
        GBytes *bytes = render_svg (self, index, error);

        report (progress, user_data, 1);
        return bytes;
      }

    case WF_EXPORT_FORMAT_CSV:
      {
        char *text = wf_csv_write (self->document, self->options.map);

        report (progress, user_data, 1);
        return g_bytes_new_take (text, strlen (text));
      }

    case WF_EXPORT_FORMAT_MERMAID:
      {
        char *text = wf_mermaid_write (nth_map (self, index));

        report (progress, user_data, 1);
        return g_bytes_new_take (text, strlen (text));
      }

    case WF_EXPORT_FORMAT_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
set_write_error (GError **error,
                 GFile   *file,
                 GError  *reason)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, reason->domain, reason->code,
               _("Could not write “%s”: %s"), name, reason->message);
}

static gboolean
write_bytes (GFile         *file,
             GBytes        *bytes,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!wf_atomic_write (file, bytes, WF_ATOMIC_CONSISTENT, cancellable, &local_error))
    {
      set_write_error (error, file, local_error);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  WfExportProgress progress;
  gpointer         user_data;
  guint            done;
  guint            n;
} Progress;

static void
file_progress (double   fraction,
               gpointer user_data)
{
  Progress *p = user_data;

  report (p->progress, p->user_data, (p->done + fraction) / p->n);
}

/**
 * wf_export_write:
 * @file: where to write; with a file per map, the name they are numbered
 *   after (see wf_export_get_file())
 * @progress: (nullable): called, in this thread, with how much is done
 *
 * Makes every file of the export and only then writes them, each into
 * a temporary file that is renamed over its name. On failure no file is
 * left half-written, and none is made.
 *
 * Returns: whether every file was written
 */
gboolean
wf_export_write (WfExport          *self,
                 GFile             *file,
                 WfExportProgress   progress,
                 gpointer           user_data,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_object_unref);
  Progress p = { progress, user_data, 0, wf_export_get_n_files (self) };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!wf_export_check (self, error))
    return FALSE;

  for (p.done = 0; p.done < p.n; p.done++)
    {
      GBytes *bytes = wf_export_render_file (self, p.done, file_progress, &p, cancellable, error);

      if (bytes == NULL)
        return FALSE;
      g_ptr_array_add (contents, bytes);
    }

  /* Closed or stopped before the files were written: none is. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* A file per map: each into a temporary file beside it first, then all
   * renamed, so that a failure half-way changes no file at all: those
   * renamed before it are put back (wf_atomic_set_commit()).
   */
  if (contents->len > 1 && g_file_peek_path (file) != NULL)
    {
      g_autoptr(WfAtomicSet) set = wf_atomic_set_new ();
      g_autoptr(GError) local_error = NULL;
      guint i;

      for (i = 0; i < contents->len; i++)
        {
          g_autoptr(GFile) target = wf_export_get_file (self, file, i);

          if (!wf_atomic_set_add (set, target, contents->pdata[i], WF_ATOMIC_CONSISTENT, &local_error))
            break;
        }

      if (local_error == NULL)
        wf_atomic_set_commit (set, &i, &local_error);

      /* Freeing the set removes the temporary files not renamed. */
      if (local_error != NULL)
        {
          g_autoptr(GFile) target = wf_export_get_file (self, file, i);

          set_write_error (error, target, local_error);
          return FALSE;
        }

      return TRUE;
    }

  for (guint i = 0; i < contents->len; i++)
    {
      g_autoptr(GFile) target = wf_export_get_file (self, file, i);
      gboolean existed = g_file_query_exists (target, NULL);

      if (!write_bytes (target, contents->pdata[i], cancellable, error))
        {
          /* All or nothing: what this export made goes again. */
          for (guint j = 0; j < written->len; j++)
            g_file_delete (written->pdata[j], NULL, NULL);
          return FALSE;
        }
      if (!existed)
        g_ptr_array_add (written, g_object_ref (target));
    }

  return TRUE;
}
