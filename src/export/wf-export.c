/* wf-export.c — maps out of the application: PNG, PDF, SVG, CSV, Mermaid
 *
 * The export sits above drawing and storage: it takes the options, checks
 * that the export can be of use, and dispatches to a format. The pictures
 * are the canvas's own drawing: the page planner (render/wf-pages.c) puts
 * each map on a sheet and the sheets on pages, and draws them on a cairo
 * surface, a PDF or SVG one for vectors; PNG has its own encoder
 * (render/wf-png.c). CSV and Mermaid are storage's. Nothing here needs a
 * display. The files are named and written in wf-export-files.c.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>

#include "render/wf-png.h"
#include "storage/wf-csv.h"
#include "storage/wf-mermaid.h"
#include "storage/wf-quote.h"
#include "wf-export-insights.h"
#include "wf-export.h"

#define MM             WF_PAGES_MM
#define META_CHARS     WF_PAGES_META_CHARS

struct _WfExport
{
  WfDocument      *document;
  WfExportOptions  options;
  WfPages         *pages;     /* the sheets of the drawn formats, and their pages */
  char            *date;
  /* With Insights pages, each map's after its own; else NULL. */
  GArray          *page_list; /* ExportPage */
  GPtrArray       *insights;  /* WfInsightsPages, a sheet each */
  PangoFontMap    *font_map;  /* borrowed, for the Insights pages */
};

/* A page of the PDF: one of the planner's, or of a map's Insights. */
typedef struct
{
  guint    sheet;
  guint    page;       /* the planner's page, or the sheet's Insights page */
  gboolean insights;
} ExportPage;

G_DEFINE_QUARK (wf-export-error-quark, wf_export_error)

/* Formats */

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

static void
add_insights_pages (WfExport *self,
                    guint     sheet)
{
  WfInsightsPages *insights = g_ptr_array_index (self->insights, sheet);

  for (guint i = 0; i < wf_insights_pages_get_n_pages (insights); i++)
    {
      ExportPage page = { sheet, i, TRUE };

      g_array_append_val (self->page_list, page);
    }
}

/* Each map's Insights pages, on the paper of the export (A4 for posters),
 * after the map's own pages.
 */
static void
plan_insights (WfExport *self)
{
  guint n_pages = wf_pages_get_n_pages (self->pages);
  guint n_sheets = wf_pages_get_n_sheets (self->pages);
  guint last_sheet = G_MAXUINT;
  double width, height;

  if (self->options.paper == WF_PAPER_POSTER)
    wf_paper_get_size (WF_PAPER_A4, FALSE, &width, &height);
  else if (self->options.paper == WF_PAPER_CUSTOM)
    {
      width = self->options.custom_width;
      height = self->options.custom_height;
    }
  else
    wf_paper_get_size (self->options.paper, self->options.landscape, &width, &height);

  self->font_map = wf_pages_borrow_font_map ();
  self->insights = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_insights_pages_free);
  for (guint i = 0; i < n_sheets; i++)
    g_ptr_array_add (self->insights,
                     wf_insights_pages_new (wf_pages_get_sheet_map (self->pages, i), self->options.theme,
                                            self->font_map, width, height));

  self->page_list = g_array_new (FALSE, FALSE, sizeof (ExportPage));
  for (guint i = 0; i < n_pages; i++)
    {
      guint sheet = wf_pages_get_page_sheet (self->pages, i);
      ExportPage page = { sheet, i, FALSE };

      if (last_sheet != G_MAXUINT && sheet != last_sheet)
        add_insights_pages (self, last_sheet);
      g_array_append_val (self->page_list, page);
      last_sheet = sheet;
    }
  if (last_sheet != G_MAXUINT)
    add_insights_pages (self, last_sheet);
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

  {
    WfPageSetup setup = {
      .paper = self->options.paper,
      .custom_width = self->options.custom_width,
      .custom_height = self->options.custom_height,
      .margin = self->options.margin,
      .landscape = self->options.landscape,
      .tile = self->options.tile,
      .scale = self->options.scale,
      .theme = self->options.theme,
      .title_block = self->options.title_block,
      .transparent = self->options.transparent,
      .title = wf_document_get_title (document),
      .date = self->date,
    };

    self->pages = wf_pages_new (&setup);
  }

  /* Only the drawn formats need sheets. */
  if (options->format == WF_EXPORT_FORMAT_CSV || options->format == WF_EXPORT_FORMAT_MERMAID)
    return self;

  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    {
      WfMap *map = wf_document_get_map (document, i);

      if (options->map == NULL || options->map == map)
        wf_pages_add_map (self->pages, map);
    }

  if (options->insights && options->format == WF_EXPORT_FORMAT_PDF)
    plan_insights (self);

  return self;
}

void
wf_export_free (WfExport *self)
{
  if (self == NULL)
    return;

  wf_pages_free (self->pages);
  g_clear_pointer (&self->page_list, g_array_unref);
  g_clear_pointer (&self->insights, g_ptr_array_unref);
  if (self->font_map != NULL)
    wf_pages_return_font_map (self->font_map);
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
  double w, h;

  g_return_if_fail (map < wf_pages_get_n_sheets (self->pages));

  wf_pages_get_sheet_size (self->pages, map, &w, &h);
  *width = (int) MIN (G_MAXINT, ceil (w * self->options.scale));
  *height = (int) MIN (G_MAXINT, ceil (h * self->options.scale));
}

/* A map's title, as far as a message quotes it. */
static char *
quoted_title (WfExport *self,
              guint     sheet)
{
  return wf_quote_excerpt (wf_map_get_title (wf_pages_get_sheet_map (self->pages, sheet)));
}

static gboolean
check_png (WfExport  *self,
           GError   **error)
{
  for (guint i = 0; i < wf_pages_get_n_sheets (self->pages); i++)
    {
      double w, h;

      wf_pages_get_sheet_size (self->pages, i, &w, &h);
      w = ceil (w * self->options.scale);
      h = ceil (h * self->options.scale);

      if (w > WF_EXPORT_MAX_PIXELS_SIDE || h > WF_EXPORT_MAX_PIXELS_SIDE || w * h > WF_EXPORT_MAX_PIXELS)
        {
          g_autofree char *title = quoted_title (self, i);

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
  for (guint i = 0; i < wf_pages_get_n_sheets (self->pages); i++)
    {
      double text = WF_SCENE_TITLE_SIZE * wf_pages_get_poster_scale (self->pages, i);
      double width, height;

      wf_pages_get_sheet_size (self->pages, i, &width, &height);
      if (text < WF_EXPORT_MIN_TEXT_PT)
        {
          g_autofree char *title = quoted_title (self, i);

          g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_ILLEGIBLE,
                       /* Translators: "The map “Onboarding” is too large for one picture: 360200 × 1800 pixels. …" */
                       _("The map “%s” is too large for one picture: %.0f × %.0f pixels. Shown whole, as on "
                         "the largest page a PDF reader shows (200 inches a side), its text would be %.2g "
                         "points high, too small to read. Export it as PDF across pages (tiled), or split "
                         "it into smaller maps."),
                       title, ceil (width), ceil (height), text);
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

  for (guint i = 0; i < wf_pages_get_n_sheets (self->pages); i++)
    n_pages += wf_pages_get_sheet_tiles (self->pages, i);

  if (n_pages > WF_EXPORT_MAX_PAGES)
    {
      double w, h;

      wf_pages_get_paper_size (self->pages, &w, &h);
      g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_TOO_LARGE,
                   /* Translators: "Across pages of 210 × 297 mm, the export would take 5400 pages, …" */
                   _("Across pages of %.0f × %.0f mm, the export would take %.0f pages, more than %d. "
                     "Choose a smaller scale or larger paper, or split the map into smaller maps."),
                   w / MM, h / MM, n_pages, WF_EXPORT_MAX_PAGES);
      return FALSE;
    }

  for (guint i = 0; i < wf_pages_get_n_pages (self->pages); i++)
    {
      guint sheet = wf_pages_get_page_sheet (self->pages, i);
      double text = WF_SCENE_TITLE_SIZE * wf_pages_get_page_scale (self->pages, i);
      double sheet_w, sheet_h, page_w, page_h;
      g_autofree char *title = NULL;

      if (text >= WF_EXPORT_MIN_TEXT_PT)
        continue;

      title = quoted_title (self, sheet);
      wf_pages_get_sheet_size (self->pages, sheet, &sheet_w, &sheet_h);
      wf_pages_get_page_size (self->pages, i, &page_w, &page_h);
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
                     title, ceil (sheet_w), ceil (sheet_h), text);
      else
        g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_ILLEGIBLE,
                     /* Translators: "The map “Onboarding” does not fit legibly on a page of 210 × 297 mm: …" */
                     _("The map “%s” does not fit legibly on a page of %.0f × %.0f mm: its text would be "
                       "%.2g points high. Choose larger paper, print it across pages (tiled), or split it "
                       "into smaller maps."),
                     title, page_w / MM, page_h / MM, text);
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

WfExportFormat
wf_export_get_format (WfExport *self)
{
  g_return_val_if_fail (self != NULL, WF_EXPORT_FORMAT_NONE);

  return self->options.format;
}

/**
 * wf_export_get_n_files:
 *
 * PDF and CSV hold every map in one file; PNG, SVG and Mermaid make a
 * file per map. A CSV export of maps with measurements makes a second
 * file, of the measurements (see wf_export_get_file()).
 *
 * Returns: how many files wf_export_write() makes
 */
guint
wf_export_get_n_files (WfExport *self)
{
  switch (self->options.format)
    {
    case WF_EXPORT_FORMAT_PDF:
      return 1;
    case WF_EXPORT_FORMAT_CSV:
      return wf_csv_has_measurements (self->document, self->options.map) ? 2 : 1;
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
 * wf_export_get_n_pages:
 *
 * Returns: how many pages the PDF or the printout has
 */
guint
wf_export_get_n_pages (WfExport *self)
{
  if (self->page_list != NULL)
    return self->page_list->len;

  return wf_pages_get_n_pages (self->pages);
}

/* The map, that is the sheet, that a page of the export is of. */
static guint
get_page_sheet (WfExport *self,
                guint     page)
{
  if (self->page_list != NULL)
    return g_array_index (self->page_list, ExportPage, page).sheet;

  return wf_pages_get_page_sheet (self->pages, page);
}

void
wf_export_get_page_size (WfExport *self,
                         guint     page,
                         double   *width,
                         double   *height)
{
  g_return_if_fail (page < wf_export_get_n_pages (self));

  if (self->page_list != NULL)
    {
      const ExportPage *p = &g_array_index (self->page_list, ExportPage, page);

      if (p->insights)
        {
          wf_insights_pages_get_size (g_ptr_array_index (self->insights, p->sheet), width, height);
          return;
        }
      page = p->page;
    }

  wf_pages_get_page_size (self->pages, page, width, height);
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
  g_return_if_fail (self != NULL);
  g_return_if_fail (page < wf_export_get_n_pages (self));

  if (self->page_list != NULL)
    {
      const ExportPage *p = &g_array_index (self->page_list, ExportPage, page);

      if (p->insights)
        {
          wf_insights_pages_draw_page (g_ptr_array_index (self->insights, p->sheet), cr, p->page);
          return;
        }
      page = p->page;
    }

  wf_pages_draw_page (self->pages, cr, page, detail);
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
  double width, height;

  g_return_if_fail (map < wf_pages_get_n_sheets (self->pages));

  wf_pages_get_sheet_size (self->pages, map, &width, &height);
  wf_pages_draw_sheet (self->pages, map, NULL, cr, &GRAPHENE_RECT_INIT (0, 0, width, height),
                       detail > 0 ? detail : 1.0, NULL);
}

/* The files' bytes */

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
  guint n_pages = wf_export_get_n_pages (self);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, 595, 842);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
  cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      guint sheet = get_page_sheet (self, i);
      double width, height;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      wf_export_get_page_size (self, i, &width, &height);
      cairo_pdf_surface_set_size (surface, width, height);

      /* Each map is a bookmark, at its first page. */
      if (sheet != last_sheet)
        {
          WfMap *map = wf_pages_get_sheet_map (self->pages, sheet);
          g_autofree char *link = g_strdup_printf ("page=%u", i + 1);
          g_autofree char *bookmark = wf_scene_clip_text (wf_map_get_title (map), META_CHARS);

          cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, bookmark, link, 0);
          last_sheet = sheet;
        }

      wf_export_draw_page (self, cr, i, 0);
      cairo_show_page (cr);
      report (progress, user_data, (i + 1.0) / n_pages);
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
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  GskRenderNode *node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double width, height;

  wf_pages_get_sheet_size (self->pages, index, &width, &height);
  surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  /* The drawing lives until the file is finished: cairo 1.16's SVG
   * backend leaks what it made of a recording surface (a GSK cairo node)
   * that goes before the file is done.
   */
  wf_pages_draw_sheet (self->pages, index, NULL, cr, &GRAPHENE_RECT_INIT (0, 0, width, height), 1.0, &node);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_clear_pointer (&node, gsk_render_node_unref);

  if (cairo_failed (status, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* PNG has an encoder of its own (render/wf-png.c). */
static GBytes *
render_png (WfExport          *self,
            guint              index,
            WfExportProgress   progress,
            gpointer           user_data,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autofree char *failure = NULL;
  GBytes *bytes;
  int width, height;

  wf_export_get_image_size (self, index, &width, &height);
  bytes = wf_png_encode (self->pages, index, width, height, self->options.scale, self->options.transparent,
                         progress, user_data, cancellable, &failure);
  if (bytes == NULL && !g_cancellable_set_error_if_cancelled (cancellable, error))
    g_set_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_FAILED,
                 _("The PNG image could not be made: %s."), failure != NULL ? failure : "?");

  return bytes;
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
        char *text = index == 0 ? wf_csv_write (self->document, self->options.map)
                                : wf_csv_write_measurements (self->document, self->options.map);

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
