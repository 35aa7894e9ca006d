/* wf-scene.h — the one drawing of a map, for the canvas and every export
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "render/wf-layout.h"
#include "render/wf-picture-cache.h"

G_BEGIN_DECLS

typedef enum {
  WF_THEME_LIGHT,
  WF_THEME_DARK,
  WF_THEME_HIGH_CONTRAST,
  WF_THEME_PROJECTOR,
} WfThemeKind;

/* Below this zoom, cards are colour blocks without text. */
#define WF_SCENE_TEXT_ZOOM 0.4
/* Below this zoom, a card leaves out its footer (text under 6 pixels)
 * and, but in high contrast, its outline (thinner than a pixel).
 */
#define WF_SCENE_DETAIL_ZOOM 0.6
/* The size of a card's title, in map units: the map's main text. */
#define WF_SCENE_TITLE_SIZE 12.0

typedef struct _WfScene WfScene;

WfScene     *wf_scene_new             (WfMap                 *map);
WfScene     *wf_scene_new_for_font_map (WfMap                *map,
                                       PangoFontMap          *font_map);
void         wf_scene_free            (WfScene               *scene);
WfLayout    *wf_scene_get_layout      (WfScene               *scene);
void         wf_scene_set_theme       (WfScene               *scene,
                                       WfThemeKind            theme);
WfThemeKind  wf_scene_get_theme       (WfScene               *scene);
void         wf_scene_update          (WfScene               *scene);
void         wf_scene_forget_card     (WfScene               *scene,
                                       WfCard                *card);
void         wf_scene_forget_all      (WfScene               *scene);
void         wf_scene_snapshot        (WfScene               *scene,
                                       GtkSnapshot           *snapshot,
                                       const graphene_rect_t *area,
                                       double                 zoom,
                                       GHashTable            *selection,
                                       WfCard                *focus);
guint        wf_scene_get_n_cached    (WfScene               *scene);
void         wf_scene_set_build_budget (WfScene              *scene,
                                       gint64                 budget_us);
gboolean     wf_scene_is_complete     (WfScene               *scene);
guint        wf_scene_get_n_pictures  (WfScene               *scene);
void         wf_scene_set_pictures_async (WfScene            *scene,
                                       WfPictureReadyFunc     ready,
                                       gpointer               data);
void         wf_scene_set_pixel_scale (WfScene               *scene,
                                       double                 scale);
WfPictureCache *wf_scene_get_picture_cache (WfScene          *scene);
gsize        wf_scene_get_longest_text (WfScene              *scene);
char        *wf_scene_clip_text       (const char            *text,
                                       gsize                  max_chars);
void         wf_scene_set_paint_background (WfScene          *scene,
                                       gboolean               paint);
void         wf_scene_set_anchor_drawings (WfScene           *scene,
                                       gboolean               anchor);
const GdkRGBA *wf_scene_get_background (WfScene              *scene);
double       wf_scene_snapshot_title_block (WfScene          *scene,
                                       GtkSnapshot           *snapshot,
                                       double                 width,
                                       const char            *title,
                                       const char            *date);

double       wf_scene_contrast        (const GdkRGBA         *a,
                                       const GdkRGBA         *b);
void         wf_scene_cover_rect      (double                 picture_width,
                                       double                 picture_height,
                                       double                 focus_x,
                                       double                 focus_y,
                                       const graphene_rect_t *bounds,
                                       graphene_rect_t       *rect);
void         wf_scene_get_initials_color (WfScene           *scene,
                                       const GdkRGBA         *tint,
                                       GdkRGBA               *color);
void         wf_scene_get_text_colors (WfScene               *scene,
                                       GdkRGBA               *text,
                                       GdkRGBA               *dim,
                                       GdkRGBA               *accent);
void         wf_scene_get_card_fill   (WfScene               *scene,
                                       WfCard                *card,
                                       WfLane                *lane,
                                       GdkRGBA               *fill);

void         wf_scene_set_selected_link (WfScene             *scene,
                                       WfLink                *link);
WfLink      *wf_scene_link_at         (WfScene               *scene,
                                       double                 x,
                                       double                 y,
                                       double                 tolerance);
gboolean     wf_scene_get_link_middle (WfScene               *scene,
                                       WfLink                *link,
                                       graphene_point_t      *point);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfScene, wf_scene_free)

G_END_DECLS
