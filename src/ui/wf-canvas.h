/* wf-canvas.h — a journey map to look at and work on
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/wf-model.h"
#include "render/wf-scene.h"

G_BEGIN_DECLS

#define WF_TYPE_CANVAS (wf_canvas_get_type ())

G_DECLARE_FINAL_TYPE (WfCanvas, wf_canvas, WF, CANVAS, GtkWidget)

#define WF_CANVAS_MIN_ZOOM 0.1
#define WF_CANVAS_MAX_ZOOM 4.0

GtkWidget  *wf_canvas_new            (void);
WfMap      *wf_canvas_get_map        (WfCanvas    *self);
void        wf_canvas_set_map        (WfCanvas    *self,
                                      WfMap       *map);
double      wf_canvas_get_zoom       (WfCanvas    *self);
void        wf_canvas_zoom_at        (WfCanvas    *self,
                                      double       zoom,
                                      double       widget_x,
                                      double       widget_y);
void        wf_canvas_zoom_to_fit    (WfCanvas    *self);
void        wf_canvas_scroll_by      (WfCanvas    *self,
                                      double       dx,
                                      double       dy);
void        wf_canvas_get_offset     (WfCanvas    *self,
                                      double      *x,
                                      double      *y);
void        wf_canvas_widget_to_map  (WfCanvas    *self,
                                      double       widget_x,
                                      double       widget_y,
                                      double      *map_x,
                                      double      *map_y);
WfCard     *wf_canvas_get_focus_card (WfCanvas    *self);
void        wf_canvas_set_focus_card (WfCanvas    *self,
                                      WfCard      *card);
GList      *wf_canvas_get_selection  (WfCanvas    *self);
void        wf_canvas_select         (WfCanvas    *self,
                                      WfCard      *card,
                                      gboolean     extend);
void        wf_canvas_edit_title     (WfCanvas    *self,
                                      WfCard      *card);
gboolean    wf_canvas_move_focus     (WfCanvas    *self,
                                      int          dx,
                                      int          dy,
                                      gboolean     extend);
void        wf_canvas_move_focused   (WfCanvas    *self,
                                      int          dx,
                                      int          dy,
                                      gboolean     within);
WfScene    *wf_canvas_get_scene      (WfCanvas    *self);
gboolean    wf_canvas_add_item       (WfCanvas    *self,
                                      const char  *kind,
                                      double       x,
                                      double       y);
gboolean    wf_canvas_add_item_at_focus (WfCanvas *self,
                                      const char  *kind);
guint       wf_canvas_link_selection (WfCanvas    *self);
guint       wf_canvas_unlink_selection (WfCanvas  *self);
void        wf_canvas_reveal         (WfCanvas    *self,
                                      WfCard      *card);
void        wf_canvas_reveal_area    (WfCanvas    *self,
                                      const graphene_rect_t *area);
guint       wf_canvas_select_area    (WfCanvas    *self,
                                      const graphene_rect_t *area,
                                      gboolean     extend);
guint       wf_canvas_paste_data     (WfCanvas    *self,
                                      const char  *mime_type,
                                      GBytes      *data);
gboolean    wf_canvas_move_header_to (WfCanvas    *self,
                                      gpointer     item,
                                      double       x,
                                      double       y);
gboolean    wf_canvas_move_card_to   (WfCanvas    *self,
                                      WfCard      *card,
                                      double       x,
                                      double       y);

void        wf_canvas_set_presenting (WfCanvas    *self,
                                      gboolean     presenting);
gboolean    wf_canvas_get_presenting (WfCanvas    *self);
void        wf_canvas_set_spotlight  (WfCanvas    *self,
                                      int          phase);
int         wf_canvas_get_spotlight  (WfCanvas    *self);
void        wf_canvas_show_area      (WfCanvas    *self,
                                      const graphene_rect_t *area,
                                      double       min_zoom,
                                      gboolean     animate);
void        wf_canvas_get_visible_area (WfCanvas  *self,
                                      graphene_rect_t *area);
void        wf_canvas_set_obscured   (WfCanvas    *self,
                                      const GtkBorder *border);
void        wf_canvas_set_persona_filter (WfCanvas *self,
                                      WfPersona   *persona);
WfPersona  *wf_canvas_get_persona_filter (WfCanvas *self);

void        wf_canvas_select_link    (WfCanvas    *self,
                                      WfLink      *link);
WfLink     *wf_canvas_get_selected_link (WfCanvas *self);
void        wf_canvas_edit_link_label (WfCanvas   *self,
                                      WfLink      *link);
gboolean    wf_canvas_get_link_handle (WfCanvas   *self,
                                      graphene_point_t *point);
gboolean    wf_canvas_draw_link      (WfCanvas    *self,
                                      WfCard      *from,
                                      WfCard      *to);

void        wf_canvas_select_header  (WfCanvas    *self,
                                      WfItem      *item);
WfItem     *wf_canvas_get_selected_header (WfCanvas *self);

G_END_DECLS
