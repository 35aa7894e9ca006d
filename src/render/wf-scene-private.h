/* wf-scene-private.h — what only the scene's own files share
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-scene.h"
#include "wf-heat.h"
#include "model/wf-metric.h"
#include "wf-picture-cache.h"

G_BEGIN_DECLS

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
  gboolean      anchor_drawings; /* cairo drawings from the origin, for SVG */
  PangoContext *context;
  GHashTable   *fonts;       /* "size bold" → PangoFontDescription */
  PangoLayout  *dots[5];     /* 1 to 5 votes' dots, made once (draw_votes()) */
  PangoRectangle dots_ink[5];
  gboolean      no_dots;     /* no font has the dot's glyph */
  GHashTable   *cards;       /* WfCard → GskRenderNode, in map units */
  GHashTable   *cards_far;   /* the same, below WF_SCENE_DETAIL_ZOOM */
  gint64        build_budget; /* µs a drawing may spend making cards' nodes; 0: all */
  gint64        build_until; /* the drawing under way's end of that time */
  guint         built;       /* cards' nodes the drawing under way made */
  gboolean      incomplete;  /* the last drawing left cards without words */
  GHashTable   *curves;      /* WfLane → GskRenderNode: its whole curve */
  GHashTable   *coarse;      /* the same, through each cell's mean */
  GHashTable   *headers;     /* WfPhase, WfLane, WfPersona or the scene → GskRenderNode */
  gsize         longest_text; /* bytes, the most given to one layout */
  GArray       *links;       /* LinkPath, or NULL until drawn */
  WfLink       *selected_link;
  WfHeat       *heat;        /* the heat view's values, or NULL until read */
  char         *cards_heat;  /* the heat view's metric when the cards were drawn */
  WfPictureCache *pictures;  /* decoded pictures, per size (wf-picture-cache.c) */
  double        pixel_scale; /* device pixels per unit at zoom 1; 0 where pictures are kept largest */
  double        zoom;        /* of the drawing under way */
  char         *whole_hash;  /* the picture the focused card's larger view shows… */
  GdkTexture   *whole;       /* …decoded whole, or NULL while it decodes in a thread */
  WfPictureReadyFunc ready;  /* NULL: pictures decode where drawn (exports) */
  gpointer      ready_data;
  GCancellable *cancellable; /* of the whole picture's decoding, when the scene goes */
};

/* Text and cards (wf-scene-cards.c) */
const char    *wf_scene_next_char          (const char            *p);
PangoLayout   *wf_scene_make_text          (WfScene               *self,
                                            const char            *text,
                                            double                 size,
                                            gboolean               bold,
                                            double                 width,
                                            int                    lines);
void           wf_scene_place_layout       (GtkSnapshot           *snapshot,
                                            PangoLayout           *layout,
                                            double                 x,
                                            double                 y,
                                            const GdkRGBA         *color);
void           wf_scene_draw_text          (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            const char            *text,
                                            double                 x,
                                            double                 y,
                                            double                 size,
                                            gboolean               bold,
                                            double                 width,
                                            int                    lines,
                                            const GdkRGBA         *color);
char          *wf_scene_format_figure      (const WfMetric        *metric,
                                            gsize                  name_chars);
char          *wf_scene_card_footer        (WfCard                *card,
                                            const char            *heat,
                                            gboolean               figure_first);
void           wf_scene_draw_block         (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            WfCard                *card,
                                            WfLane                *lane,
                                            const graphene_rect_t *bounds);
void           wf_scene_draw_card          (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            WfCard                *card,
                                            WfLane                *lane,
                                            const graphene_rect_t *bounds,
                                            double                 zoom);
char          *wf_scene_more_votes         (guint                  votes);
void           wf_scene_fill_rounded       (GtkSnapshot           *snapshot,
                                            const GskRoundedRect  *shape,
                                            const GdkRGBA         *color);
void           wf_scene_draw_outline       (GtkSnapshot           *snapshot,
                                            const graphene_rect_t *bounds,
                                            const GdkRGBA         *color,
                                            double                 width,
                                            double                 radius);
cairo_t       *wf_scene_begin_cairo        (WfScene               *self,
                                            GtkSnapshot          **sub,
                                            const graphene_rect_t *bounds);
void           wf_scene_end_cairo          (GtkSnapshot           *snapshot,
                                            GtkSnapshot           *sub,
                                            cairo_t               *cr);

/* Emotion curves (wf-scene-emotions.c) */
gboolean       wf_scene_crowded_cell       (WfScene               *self,
                                            guint                  phase,
                                            guint                  row);
void           wf_scene_draw_crowded_cell  (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            guint                  phase,
                                            guint                  row,
                                            GPtrArray             *cell);
void           wf_scene_draw_emotion_curve (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            guint                  row,
                                            gboolean               per_cell);

/* Links (wf-scene-links.c) */
void           wf_scene_draw_link_lines    (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            const graphene_rect_t *area,
                                            double                 zoom);
void           wf_scene_draw_link_labels   (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            const graphene_rect_t *area);

/* Headers and bands (wf-scene-headers.c) */
/* Draws a header or band of the map at the origin, to be kept. */
typedef void (*HeaderFunc) (WfScene *self, GtkSnapshot *snapshot, gconstpointer data);

void           wf_scene_draw_cached        (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            gconstpointer          key,
                                            const graphene_point_t *origin,
                                            HeaderFunc             func,
                                            gconstpointer          data);
char          *wf_scene_format_phase_figures (WfPhase             *phase,
                                              const char          *persona);
void           wf_scene_band_func          (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            gconstpointer          data);
void           wf_scene_draw_band_photo    (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            const WfRow           *row,
                                            double                 zoom);
void           wf_scene_lane_header_func   (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            gconstpointer          data);
void           wf_scene_phase_header_func  (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            gconstpointer          data);

/* Pictures (wf-scene-pictures.c) */
/* A photo in a band, a thumbnail on a card: smaller on screen than this,
 * in pixels, it is a plain tinted shape.
 */
#define WF_SCENE_PICTURE_MIN_PIXELS 6.0
/* The short side of a picture as the scene keeps it at its largest: a
 * card's thumbnail (64 units) at the canvas's largest zoom (4) and an
 * export's largest scale (4).
 */
#define WF_SCENE_THUMBNAIL_PIXELS WF_PICTURE_CACHE_LARGEST

GdkTexture    *wf_scene_get_picture        (WfScene               *self,
                                            WfImage               *image);
void           wf_scene_picture_rect       (WfImage               *image,
                                            const graphene_rect_t *bounds,
                                            graphene_rect_t       *rect);
void           wf_scene_draw_picture       (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            WfImage               *image,
                                            const graphene_rect_t *bounds,
                                            double                 radius,
                                            gboolean               crop);
void           wf_scene_draw_card_preview  (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            WfCard                *card,
                                            const graphene_rect_t *card_bounds,
                                            double                 zoom);

/* The heat view (wf-scene-heat.c) */
WfHeat        *wf_scene_get_heat           (WfScene               *self);
void           wf_scene_update_heat        (WfScene               *self,
                                            WfCard                *card);
void           wf_scene_follow_heat        (WfScene               *self);
void           wf_scene_get_heat_color     (WfScene               *self,
                                            double                 level,
                                            GdkRGBA               *color);
void           wf_scene_draw_heat          (WfScene               *self,
                                            GtkSnapshot           *snapshot,
                                            guint                  p0,
                                            guint                  p1,
                                            guint                  r0,
                                            guint                  r1);
void           wf_scene_draw_heat_key      (WfScene               *self,
                                            GtkSnapshot           *snapshot);

G_END_DECLS
