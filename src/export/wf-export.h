/* wf-export.h — maps out of the application: PNG, PDF, SVG, CSV, Mermaid
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "model/wf-model.h"
#include "render/wf-pages.h"
#include "render/wf-scene.h"

G_BEGIN_DECLS

typedef enum {
  WF_EXPORT_FORMAT_NONE,
  WF_EXPORT_FORMAT_PNG,
  WF_EXPORT_FORMAT_PDF,
  WF_EXPORT_FORMAT_SVG,
  WF_EXPORT_FORMAT_CSV,
  WF_EXPORT_FORMAT_MERMAID,
} WfExportFormat;

#define WF_EXPORT_ERROR (wf_export_error_quark ())

typedef enum {
  WF_EXPORT_ERROR_NO_MAP,      /* the document has no such map, or none */
  WF_EXPORT_ERROR_TOO_LARGE,   /* an image larger than can be made, or more pages than can be used */
  WF_EXPORT_ERROR_FAILED,      /* drawing or encoding failed */
  WF_EXPORT_ERROR_ILLEGIBLE,   /* the map would be drawn too small to read */
} WfExportError;

/* PNG images are refused beyond these: cairo's limit a side, and a
 * quarter of a gigapixel (a gigabyte to whoever opens it).
 */
#define WF_EXPORT_MAX_PIXELS_SIDE 32767
#define WF_EXPORT_MAX_PIXELS      (256.0 * 1024 * 1024)

/* PDF pages and SVG pictures are refused where a card's title would be
 * smaller than this, in points on the page: 5 points at 1000 %, as far
 * as some PDF readers zoom (pdf.js). An SVG counts as the largest page
 * a PDF reader shows, 200 inches a side. Below it, a map is specks.
 */
#define WF_EXPORT_MIN_TEXT_PT     0.5
/* Tiled pages are refused beyond this many: some 60 m² of A4. */
#define WF_EXPORT_MAX_PAGES       WF_PAGES_MAX

typedef struct
{
  WfExportFormat  format;
  WfMap          *map;           /* only this map, or NULL for every map */
  double          scale;         /* PNG: pixels per map pixel; tiled pages: 1 is 96 dpi */
  WfPaper         paper;
  double          custom_width;  /* points, for WF_PAPER_CUSTOM */
  double          custom_height;
  double          margin;        /* points around fitted and tiled pages; < 0: the default */
  gboolean        landscape;
  gboolean        tile;          /* across pages of @paper, at @scale, with crop marks */
  WfThemeKind     theme;
  gboolean        title_block;
  gboolean        insights;      /* PDF: a map's findings and figures after its pages */
  gboolean        transparent;   /* PNG: no background */
  GDateTime      *date;          /* for the title block; NULL: today */
} WfExportOptions;

typedef void (*WfExportProgress) (double   fraction,
                                  gpointer user_data);

typedef struct _WfExport WfExport;

GQuark          wf_export_error_quark          (void);
void            wf_export_options_init         (WfExportOptions  *options);
WfExportFormat  wf_export_format_for_name      (const char       *name);
const char     *wf_export_format_get_extension (WfExportFormat    format);

WfExport       *wf_export_new                  (WfDocument       *document,
                                                const WfExportOptions *options);
void            wf_export_free                 (WfExport         *self);
gboolean        wf_export_check                (WfExport         *self,
                                                GError          **error);
guint           wf_export_get_n_maps           (WfExport         *self);
WfExportFormat  wf_export_get_format           (WfExport         *self);
guint           wf_export_get_n_files          (WfExport         *self);
GFile          *wf_export_get_file             (WfExport         *self,
                                                GFile            *file,
                                                guint             index);
GFile          *wf_export_number_file          (GFile            *file,
                                                guint             index);
GFile          *wf_export_measurements_file    (GFile            *file);
GFile          *wf_export_default_folder       (void);
void            wf_export_get_image_size       (WfExport         *self,
                                                guint             map,
                                                int              *width,
                                                int              *height);
guint           wf_export_get_n_pages          (WfExport         *self);
void            wf_export_get_page_size        (WfExport         *self,
                                                guint             page,
                                                double           *width,
                                                double           *height);
void            wf_export_draw_page            (WfExport         *self,
                                                cairo_t          *cr,
                                                guint             page,
                                                double            detail);
void            wf_export_draw_map             (WfExport         *self,
                                                cairo_t          *cr,
                                                guint             map,
                                                double            detail);
GBytes         *wf_export_render_file          (WfExport         *self,
                                                guint             index,
                                                WfExportProgress  progress,
                                                gpointer          user_data,
                                                GCancellable     *cancellable,
                                                GError          **error);
gboolean        wf_export_write                (WfExport         *self,
                                                GFile            *file,
                                                WfExportProgress  progress,
                                                gpointer          user_data,
                                                GCancellable     *cancellable,
                                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfExport, wf_export_free)

G_END_DECLS
