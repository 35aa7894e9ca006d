/* wf-map.h — one journey map: phases × lanes, cards and links
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-card.h"
#include "wf-lane.h"
#include "wf-link.h"
#include "wf-phase.h"

G_BEGIN_DECLS

#define WF_TYPE_MAP (wf_map_get_type ())

G_DECLARE_FINAL_TYPE (WfMap, wf_map, WF, MAP, WfItem)

WfMap      *wf_map_new              (const char *id,
                                     const char *title);
const char *wf_map_get_title        (WfMap      *self);
void        wf_map_set_title        (WfMap      *self,
                                     const char *title);
const char *wf_map_get_scenario     (WfMap      *self);
void        wf_map_set_scenario     (WfMap      *self,
                                     const char *scenario);
const char *wf_map_get_heat         (WfMap      *self);
void        wf_map_set_heat         (WfMap      *self,
                                     const char *metric);

guint       wf_map_get_n_phases     (WfMap      *self);
WfPhase    *wf_map_get_phase        (WfMap      *self,
                                     guint       index);
int         wf_map_get_phase_index  (WfMap      *self,
                                     WfPhase    *phase);
gboolean    wf_map_insert_phase     (WfMap      *self,
                                     WfPhase    *phase,
                                     int         index);
void        wf_map_remove_phase     (WfMap      *self,
                                     WfPhase    *phase);
void        wf_map_move_phase       (WfMap      *self,
                                     WfPhase    *phase,
                                     guint       index);
GListModel *wf_map_get_phases_model (WfMap      *self);

guint       wf_map_get_n_lanes      (WfMap      *self);
WfLane     *wf_map_get_lane         (WfMap      *self,
                                     guint       index);
int         wf_map_get_lane_index   (WfMap      *self,
                                     WfLane     *lane);
gboolean    wf_map_insert_lane      (WfMap      *self,
                                     WfLane     *lane,
                                     int         index);
void        wf_map_remove_lane      (WfMap      *self,
                                     WfLane     *lane);
void        wf_map_move_lane        (WfMap      *self,
                                     WfLane     *lane,
                                     guint       index);
GListModel *wf_map_get_lanes_model  (WfMap      *self);

guint       wf_map_get_n_cards      (WfMap      *self);
GPtrArray  *wf_map_get_cell         (WfMap      *self,
                                     WfPhase    *phase,
                                     WfLane     *lane);
guint       wf_map_get_n_cell_cards (WfMap      *self,
                                     WfPhase    *phase,
                                     WfLane     *lane);
int         wf_map_get_card_index   (WfMap      *self,
                                     WfCard     *card);
gboolean    wf_map_insert_card      (WfMap      *self,
                                     WfCard     *card,
                                     WfPhase    *phase,
                                     WfLane     *lane,
                                     int         index);
void        wf_map_remove_card      (WfMap      *self,
                                     WfCard     *card);
void        wf_map_move_card        (WfMap      *self,
                                     WfCard     *card,
                                     WfPhase    *phase,
                                     WfLane     *lane,
                                     int         index);
GPtrArray  *wf_map_list_cards       (WfMap      *self);

guint       wf_map_get_n_links      (WfMap      *self);
WfLink     *wf_map_get_link         (WfMap      *self,
                                     guint       index);
int         wf_map_get_link_index   (WfMap      *self,
                                     WfLink     *link);
gboolean    wf_map_insert_link      (WfMap      *self,
                                     WfLink     *link,
                                     int         index);
void        wf_map_remove_link      (WfMap      *self,
                                     WfLink     *link);
GPtrArray  *wf_map_list_links_of    (WfMap      *self,
                                     WfCard     *card);

void        wf_map_collect_items    (WfMap      *self,
                                     GPtrArray  *items);

WfMap      *wf_map_duplicate        (WfMap      *map,
                                     const char *title);

const char * const *wf_map_get_dismissed (WfMap      *self);
void        wf_map_set_dismissed    (WfMap      *self,
                                     const char * const *dismissed);
gboolean    wf_map_is_dismissed     (WfMap      *self,
                                     const char *key);

G_END_DECLS
