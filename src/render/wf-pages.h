/* wf-pages.h — the page planner: maps on sheets, sheets on pages
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "model/wf-model.h"
#include "render/wf-scene.h"

G_BEGIN_DECLS

typedef enum {
  WF_PAPER_POSTER,   /* one page, as large as the map */
  WF_PAPER_A4,
  WF_PAPER_A3,
  WF_PAPER_A2,
  WF_PAPER_A1,
  WF_PAPER_A0,
  WF_PAPER_CUSTOM,   /* custom_width × custom_height points: a printer's page */
} WfPaper;

/* Tiled pages are planned no further than this many: some 60 m² of A4. */
#define WF_PAGES_MAX         1000
/* Points in a millimetre. */
#define WF_PAGES_MM          (72.0 / 25.4)
/* Characters of a title in a file's metadata, bookmarks or tile labels. */
#define WF_PAGES_META_CHARS  256

/**
 * WfPageSetup:
 * @paper: the paper of the pages
 * @custom_width: points, for %WF_PAPER_CUSTOM
 * @custom_height: points, for %WF_PAPER_CUSTOM
 * @margin: points around fitted and tiled pages; < 0: the default
 * @landscape: the paper turned
 * @tile: across pages of @paper, at @scale, with crop marks
 * @scale: tiled pages: 1 is 96 dpi
 * @theme: the maps' theme
 * @title_block: a title block above each map
 * @transparent: no background
 * @title: (nullable): the document's title, for the title block
 * @date: (nullable): the date, for the title block
 *
 * How maps are put on sheets and sheets on pages.
 */
typedef struct
{
  WfPaper      paper;
  double       custom_width;
  double       custom_height;
  double       margin;
  gboolean     landscape;
  gboolean     tile;
  double       scale;
  WfThemeKind  theme;
  gboolean     title_block;
  gboolean     transparent;
  const char  *title;
  const char  *date;
} WfPageSetup;

typedef struct _WfPages WfPages;

gboolean      wf_paper_from_string        (const char            *name,
                                           WfPaper               *paper);
void          wf_paper_get_size           (WfPaper                paper,
                                           gboolean               landscape,
                                           double                *width,
                                           double                *height);

PangoFontMap *wf_pages_borrow_font_map    (void);
void          wf_pages_return_font_map    (PangoFontMap          *font_map);

WfPages      *wf_pages_new                (const WfPageSetup     *setup);
void          wf_pages_free               (WfPages               *self);
void          wf_pages_add_map            (WfPages               *self,
                                           WfMap                 *map);
void          wf_pages_get_paper_size     (WfPages               *self,
                                           double                *width,
                                           double                *height);

guint         wf_pages_get_n_sheets       (WfPages               *self);
WfMap        *wf_pages_get_sheet_map      (WfPages               *self,
                                           guint                  sheet);
void          wf_pages_get_sheet_size     (WfPages               *self,
                                           guint                  sheet,
                                           double                *width,
                                           double                *height);
double        wf_pages_get_sheet_tiles    (WfPages               *self,
                                           guint                  sheet);
double        wf_pages_get_poster_scale   (WfPages               *self,
                                           guint                  sheet);
WfScene      *wf_pages_new_scene          (WfPages               *self,
                                           guint                  sheet,
                                           PangoFontMap          *font_map);
void          wf_pages_draw_sheet         (WfPages               *self,
                                           guint                  sheet,
                                           WfScene               *scene,
                                           cairo_t               *cr,
                                           const graphene_rect_t *area,
                                           double                 zoom,
                                           GskRenderNode        **keep);

guint         wf_pages_get_n_pages        (WfPages               *self);
guint         wf_pages_get_page_sheet     (WfPages               *self,
                                           guint                  page);
void          wf_pages_get_page_size      (WfPages               *self,
                                           guint                  page,
                                           double                *width,
                                           double                *height);
double        wf_pages_get_page_scale     (WfPages               *self,
                                           guint                  page);
void          wf_pages_draw_page          (WfPages               *self,
                                           cairo_t               *cr,
                                           guint                  page,
                                           double                 detail);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfPages, wf_pages_free)

G_END_DECLS
