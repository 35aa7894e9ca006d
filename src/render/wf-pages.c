/* wf-pages.c — the page planner: maps on sheets, sheets on pages
 *
 * A map is exported as a *sheet*: the map with a padding around it and,
 * if asked for, a title block above it, in map units (a CSS pixel, 1/96
 * inch). PDF pages and printed pages show a sheet whole (a poster page or
 * a fitted A-size) or a tile of it (tiles overlap, with crop marks). The
 * page plan is computed once, so PDF, print and the preview agree.
 *
 * Each sheet draws with its map's WfScene, the canvas's own drawing:
 * its render nodes go onto a cairo surface with gsk_render_node_draw().
 * Nothing here needs a display.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>
#include <pango/pangocairo.h>

#include "wf-pages.h"

#define PT_PER_UNIT     0.75     /* a map unit is a CSS pixel: 1/96 inch */
#define SHEET_PADDING  32.0     /* map units around the map on its sheet */
#define MM             WF_PAGES_MM
#define PAGE_MARGIN    (10 * MM)
#define TILE_OVERLAP   (10 * MM)
#define POSTER_MAX_PT  14400.0  /* the largest page a PDF reader must show */
#define META_CHARS     WF_PAGES_META_CHARS

typedef struct
{
  WfMap   *map;
  WfScene *scene;
  double   title_height;   /* map units; 0 without a title block */
  double   width;          /* of the sheet, map units */
  double   height;
  double   n_tiles;        /* the pages it takes when tiled; none are planned beyond WF_PAGES_MAX */
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

struct _WfPages
{
  WfPageSetup   setup;      /* its title and date our own copies */
  PangoFontMap *font_map;   /* borrowed, for the sheets' scenes */
  GArray       *sheets;
  GArray       *pages;
};

/* Font maps for the threads that draw exports. A font map serves one
 * thread at a time; a thread's own default one would go when the thread
 * ends, with what Pango keeps of its fonts. These stay, and are lent.
 */
static GMutex font_maps_lock;
static GPtrArray *font_maps_free;

PangoFontMap *
wf_pages_borrow_font_map (void)
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

void
wf_pages_return_font_map (PangoFontMap *font_map)
{
  g_mutex_lock (&font_maps_lock);
  g_ptr_array_add (font_maps_free, font_map);
  g_mutex_unlock (&font_maps_lock);
}

/* Paper */

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
add_sheet (WfPages *self,
           WfMap   *map)
{
  Sheet sheet = { .map = map };
  double map_width, map_height;

  sheet.scene = wf_scene_new_for_font_map (map, self->font_map);
  wf_scene_set_theme (sheet.scene, self->setup.theme);
  wf_scene_set_paint_background (sheet.scene, FALSE);
  wf_scene_set_anchor_drawings (sheet.scene, TRUE);

  map_width = wf_layout_get_width (wf_scene_get_layout (sheet.scene));
  map_height = wf_layout_get_height (wf_scene_get_layout (sheet.scene));

  if (self->setup.title_block)
    sheet.title_height = wf_scene_snapshot_title_block (sheet.scene, NULL, title_width (map_width),
                                                        self->setup.title, self->setup.date);

  sheet.width = (self->setup.title_block ? title_width (map_width) : map_width) + 2 * SHEET_PADDING;
  sheet.height = map_height + sheet.title_height + 2 * SHEET_PADDING;

  g_array_append_val (self->sheets, sheet);
}

/* Draws what of a sheet meets @area (map units) onto @cr, whose user
 * space is the sheet's. @zoom is the device pixels per unit, for the
 * scene's level of detail.
 */
static void
draw_sheet_keeping (WfPages               *self,
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

  if (!self->setup.transparent)
    gtk_snapshot_append_color (snapshot, wf_scene_get_background (scene), &visible);

  if (sheet->title_height > 0 && visible.origin.y < map_top)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (SHEET_PADDING, SHEET_PADDING));
      wf_scene_snapshot_title_block (scene, snapshot, title_width (wf_layout_get_width (layout)),
                                     self->setup.title, self->setup.date);
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

/* Pages */

static double
page_margin (WfPages *self)
{
  return self->setup.margin >= 0 ? self->setup.margin : PAGE_MARGIN;
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
plan_pages (WfPages *self,
            guint    index)
{
  Sheet *sheet = &g_array_index (self->sheets, Sheet, index);
  Page page = { .sheet = index, .n_rows = 1, .n_columns = 1 };
  double margin = page_margin (self);
  double area_w, area_h;

  sheet->n_tiles = 1;

  if (self->setup.paper == WF_PAPER_POSTER && !self->setup.tile)
    {
      page.scale = poster_scale (sheet);
      page.width = sheet->width * page.scale;
      page.height = sheet->height * page.scale;
      page.clip = GRAPHENE_RECT_INIT (0, 0, page.width, page.height);
      g_array_append_val (self->pages, page);
      return;
    }

  wf_pages_get_paper_size (self, &page.width, &page.height);
  area_w = MAX (1, page.width - 2 * margin);
  area_h = MAX (1, page.height - 2 * margin);
  page.clip = GRAPHENE_RECT_INIT (margin, margin, area_w, area_h);

  if (!self->setup.tile)
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

    page.scale = PT_PER_UNIT * self->setup.scale;
    total_w = sheet->width * page.scale;
    total_h = sheet->height * page.scale;
    n_columns = total_w <= area_w ? 1 : ceil ((total_w - (area_w - step_w)) / step_w);
    n_rows = total_h <= area_h ? 1 : ceil ((total_h - (area_h - step_h)) / step_h);

    /* More pages than anyone would print are not planned: the export is
     * refused (wf_export_check()).
     */
    sheet->n_tiles = n_columns * n_rows;
    if (sheet->n_tiles > WF_PAGES_MAX)
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

/* What lets a person put tiles together: marks where to cut, and which
 * tile this is.
 */
static void
draw_tile_marks (WfPages    *self,
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
 * wf_pages_new:
 * @setup: how to put maps on sheets and sheets on pages
 *
 * An empty plan: wf_pages_add_map() adds each map's sheet and plans its
 * pages. A plan is used from one thread at a time.
 *
 * Returns: (transfer full): a new plan
 */
WfPages *
wf_pages_new (const WfPageSetup *setup)
{
  WfPages *self;

  g_return_val_if_fail (setup != NULL, NULL);

  self = g_new0 (WfPages, 1);
  self->setup = *setup;
  self->setup.title = g_strdup (setup->title);
  self->setup.date = g_strdup (setup->date);
  self->font_map = wf_pages_borrow_font_map ();
  self->sheets = g_array_new (FALSE, TRUE, sizeof (Sheet));
  g_array_set_clear_func (self->sheets, (GDestroyNotify) sheet_clear);
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));

  return self;
}

void
wf_pages_free (WfPages *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->sheets);
  g_array_unref (self->pages);
  wf_pages_return_font_map (self->font_map);
  g_free ((char *) self->setup.title);
  g_free ((char *) self->setup.date);
  g_free (self);
}

/**
 * wf_pages_add_map:
 * @map: a map; it must not change while the plan is in use
 *
 * Lays @map out on a sheet of its own and plans its pages.
 */
void
wf_pages_add_map (WfPages *self,
                  WfMap   *map)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (WF_IS_MAP (map));

  add_sheet (self, map);
  plan_pages (self, self->sheets->len - 1);
}

/**
 * wf_pages_get_paper_size:
 *
 * The size of the paper that fitted and tiled pages use, in points.
 */
void
wf_pages_get_paper_size (WfPages *self,
                         double  *width,
                         double  *height)
{
  WfPaper paper = self->setup.paper;

  if (paper == WF_PAPER_CUSTOM)
    {
      *width = self->setup.custom_width;
      *height = self->setup.custom_height;
      return;
    }

  /* A poster cut into tiles is cut into A4 pages. */
  if (paper == WF_PAPER_POSTER)
    paper = WF_PAPER_A4;
  wf_paper_get_size (paper, self->setup.landscape, width, height);
}

guint
wf_pages_get_n_sheets (WfPages *self)
{
  return self->sheets->len;
}

WfMap *
wf_pages_get_sheet_map (WfPages *self,
                        guint    sheet)
{
  g_return_val_if_fail (sheet < self->sheets->len, NULL);

  return g_array_index (self->sheets, Sheet, sheet).map;
}

/**
 * wf_pages_get_sheet_size:
 *
 * The size of the @sheet'th sheet, in map units.
 */
void
wf_pages_get_sheet_size (WfPages *self,
                         guint    sheet,
                         double  *width,
                         double  *height)
{
  const Sheet *s;

  g_return_if_fail (sheet < self->sheets->len);

  s = &g_array_index (self->sheets, Sheet, sheet);
  *width = s->width;
  *height = s->height;
}

/**
 * wf_pages_get_sheet_tiles:
 *
 * Returns: how many pages the @sheet'th sheet takes when tiled, planned
 *   or not (beyond %WF_PAGES_MAX, none are)
 */
double
wf_pages_get_sheet_tiles (WfPages *self,
                          guint    sheet)
{
  g_return_val_if_fail (sheet < self->sheets->len, 0);

  return g_array_index (self->sheets, Sheet, sheet).n_tiles;
}

/**
 * wf_pages_get_poster_scale:
 *
 * Returns: the points per map unit of the @sheet'th sheet on a poster
 *   page, where it is shown whole
 */
double
wf_pages_get_poster_scale (WfPages *self,
                           guint    sheet)
{
  g_return_val_if_fail (sheet < self->sheets->len, 0);

  return poster_scale (&g_array_index (self->sheets, Sheet, sheet));
}

/**
 * wf_pages_new_scene:
 * @font_map: the font map of the thread that draws with it
 *
 * A scene of the @sheet'th sheet's map, as the sheet's own: for another
 * thread that draws the same sheet.
 *
 * Returns: (transfer full): a new scene
 */
WfScene *
wf_pages_new_scene (WfPages      *self,
                    guint         sheet,
                    PangoFontMap *font_map)
{
  WfScene *scene;

  g_return_val_if_fail (sheet < self->sheets->len, NULL);

  scene = wf_scene_new_for_font_map (g_array_index (self->sheets, Sheet, sheet).map, font_map);
  wf_scene_set_theme (scene, self->setup.theme);
  wf_scene_set_paint_background (scene, FALSE);
  wf_scene_set_anchor_drawings (scene, TRUE);

  return scene;
}

/**
 * wf_pages_draw_sheet:
 * @scene: (nullable): the scene to draw with (wf_pages_new_scene()), or
 *   %NULL for the sheet's own
 * @cr: a context whose user space is the sheet's, in map units
 * @area: what of the sheet to draw, map units
 * @zoom: device pixels per map unit, for the level of detail
 * @keep: (out) (optional): the drawing, for a surface that needs it
 *   until it is finished
 *
 * Draws what of the @sheet'th sheet meets @area.
 */
void
wf_pages_draw_sheet (WfPages               *self,
                     guint                  sheet,
                     WfScene               *scene,
                     cairo_t               *cr,
                     const graphene_rect_t *area,
                     double                 zoom,
                     GskRenderNode        **keep)
{
  const Sheet *s;

  g_return_if_fail (sheet < self->sheets->len);

  s = &g_array_index (self->sheets, Sheet, sheet);
  draw_sheet_keeping (self, s, scene != NULL ? scene : s->scene, cr, area, zoom, keep);
}

/**
 * wf_pages_get_n_pages:
 *
 * Returns: how many pages the PDF or the printout has
 */
guint
wf_pages_get_n_pages (WfPages *self)
{
  return self->pages->len;
}

guint
wf_pages_get_page_sheet (WfPages *self,
                         guint    page)
{
  g_return_val_if_fail (page < self->pages->len, 0);

  return g_array_index (self->pages, Page, page).sheet;
}

void
wf_pages_get_page_size (WfPages *self,
                        guint    page,
                        double  *width,
                        double  *height)
{
  const Page *p;

  g_return_if_fail (page < self->pages->len);

  p = &g_array_index (self->pages, Page, page);
  *width = p->width;
  *height = p->height;
}

/**
 * wf_pages_get_page_scale:
 *
 * Returns: the points per map unit of the @page'th page
 */
double
wf_pages_get_page_scale (WfPages *self,
                         guint    page)
{
  g_return_val_if_fail (page < self->pages->len, 0);

  return g_array_index (self->pages, Page, page).scale;
}

/**
 * wf_pages_draw_page:
 * @cr: a context whose user space is the page's, in points
 * @page: which page
 * @detail: device pixels per point, for the level of detail; 0 for a
 *   vector surface, which gets every detail
 *
 * Draws a page of the PDF or printout: for PDF, print and preview alike.
 */
void
wf_pages_draw_page (WfPages *self,
                    cairo_t *cr,
                    guint    page,
                    double   detail)
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
  draw_sheet_keeping (self, sheet, sheet->scene, cr, &area, detail > 0 ? p->scale * detail : 1.0, NULL);
  cairo_restore (cr);

  if (p->n_rows * p->n_columns > 1)
    draw_tile_marks (self, cr, p);
}
