/* wf-canvas.h — a journey map to look at and work on
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/wf-model.h"
#include "render/wf-scene.h"
#include "team/wf-team-journal.h"

G_BEGIN_DECLS

#define WF_TYPE_CANVAS (wf_canvas_get_type ())

G_DECLARE_FINAL_TYPE (WfCanvas, wf_canvas, WF, CANVAS, GtkWidget)

/* A person zooms out by hand to 10 %, or further if that is what shows
 * the whole map: never below the floor.
 */
#define WF_CANVAS_MIN_ZOOM 0.1
#define WF_CANVAS_FLOOR_ZOOM 0.001
#define WF_CANVAS_MAX_ZOOM 4.0

WfMap      *wf_canvas_get_map        (WfCanvas    *self);
void        wf_canvas_set_map        (WfCanvas    *self,
                                      WfMap       *map);
void        wf_canvas_zoom_to_fit    (WfCanvas    *self);
double      wf_canvas_get_text_scale (WfCanvas    *self);
WfCard     *wf_canvas_get_focus_card (WfCanvas    *self);
void        wf_canvas_set_focus_card (WfCanvas    *self,
                                      WfCard      *card);
GList      *wf_canvas_get_selection  (WfCanvas    *self);
void        wf_canvas_select         (WfCanvas    *self,
                                      WfCard      *card,
                                      gboolean     extend);
WfScene    *wf_canvas_get_scene      (WfCanvas    *self);
gboolean    wf_canvas_add_item_at_focus (WfCanvas *self,
                                      const char  *kind);
void        wf_canvas_reveal         (WfCanvas    *self,
                                      WfCard      *card);
void        wf_canvas_reveal_area    (WfCanvas    *self,
                                      const graphene_rect_t *area);

void        wf_canvas_set_presenting (WfCanvas    *self,
                                      gboolean     presenting);
void        wf_canvas_set_spotlight  (WfCanvas    *self,
                                      int          phase);
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

void        wf_canvas_select_header  (WfCanvas    *self,
                                      WfItem      *item);
WfItem     *wf_canvas_get_selected_header (WfCanvas *self);

void        wf_canvas_show_highlight (WfCanvas    *self,
                                      GPtrArray   *cards,
                                      WfPhase     *phase,
                                      WfPersona   *persona);
void        wf_canvas_clear_highlight (WfCanvas   *self);
void        wf_canvas_set_team_journal (WfCanvas      *self,
                                        WfTeamJournal *journal);
WfTeamJournal *wf_canvas_get_team_journal (WfCanvas   *self);

char       *wf_canvas_describe_picture (WfImage     *image,
                                        gboolean     photo);

G_END_DECLS
