/* wf-layout.h — where everything of a map is: columns, rows, cards
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <graphene.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

/* Sizes in map units (pixels at 100 % zoom). */
#define WF_LAYOUT_CARD_WIDTH        168.0
#define WF_LAYOUT_CARD_HEIGHT        76.0
#define WF_LAYOUT_GAP                 8.0
#define WF_LAYOUT_CELL_PADDING       12.0
#define WF_LAYOUT_HEADER_HEIGHT      64.0
#define WF_LAYOUT_LANE_HEADER_WIDTH 200.0
#define WF_LAYOUT_BAND_HEIGHT        36.0
#define WF_LAYOUT_COLLAPSED_HEIGHT   28.0
#define WF_LAYOUT_EMOTION_HEIGHT    168.0
#define WF_LAYOUT_CARDS_PER_ROW       2
#define WF_LAYOUT_MARKER_WIDTH      140.0   /* an emotion's marker, where its cell has room */
#define WF_LAYOUT_MARKER_HEIGHT      28.0

typedef enum {
  WF_ROW_PERSONA,   /* the band over one persona's lanes, or of its figures alone */
  WF_ROW_SHARED,    /* the band over the lanes of no persona */
  WF_ROW_LANE,
} WfRowKind;

/**
 * WfRow:
 * @kind: what the row is
 * @persona: (nullable): the persona of a band or lane
 * @lane: (nullable): the lane of a lane row
 * @y: top, in map units
 * @height: height, in map units
 *
 * One horizontal strip of the map, top to bottom: persona bands, each
 * followed by that persona's lanes, then the shared lanes. A persona with
 * figures in the map's phases but no lanes there has its band alone: a
 * band need not be followed by lanes.
 */
typedef struct
{
  WfRowKind  kind;
  WfPersona *persona;
  WfLane    *lane;
  double     y;
  double     height;
} WfRow;

typedef struct _WfLayout WfLayout;

WfLayout    *wf_layout_new              (WfMap                 *map);
void         wf_layout_free             (WfLayout              *layout);
void         wf_layout_update           (WfLayout              *layout);
WfMap       *wf_layout_get_map          (WfLayout              *layout);
double       wf_layout_get_width        (WfLayout              *layout);
double       wf_layout_get_height       (WfLayout              *layout);

guint        wf_layout_get_n_phases     (WfLayout              *layout);
void         wf_layout_get_phase_bounds (WfLayout              *layout,
                                         guint                  phase,
                                         double                *x,
                                         double                *width);
int          wf_layout_phase_at         (WfLayout              *layout,
                                         double                 x);

guint        wf_layout_get_n_rows       (WfLayout              *layout);
const WfRow *wf_layout_get_row          (WfLayout              *layout,
                                         guint                  row);
int          wf_layout_row_at           (WfLayout              *layout,
                                         double                 y);
int          wf_layout_get_lane_row     (WfLayout              *layout,
                                         WfLane                *lane);

gboolean     wf_layout_get_card_bounds  (WfLayout              *layout,
                                         WfCard                *card,
                                         graphene_rect_t       *bounds);
void         wf_layout_get_cell_card_bounds (WfLayout          *layout,
                                         guint                  phase,
                                         guint                  row,
                                         guint                  index,
                                         graphene_rect_t       *bounds);
WfCard      *wf_layout_card_at          (WfLayout              *layout,
                                         double                 x,
                                         double                 y);
void         wf_layout_get_visible      (WfLayout              *layout,
                                         const graphene_rect_t *area,
                                         guint                 *first_phase,
                                         guint                 *last_phase,
                                         guint                 *first_row,
                                         guint                 *last_row);
gboolean     wf_layout_is_emotion_row   (WfLayout              *layout,
                                         guint                  row);
guint        wf_layout_get_cards_per_row (WfLayout             *layout,
                                         guint                  phase);
void         wf_layout_set_persona_filter (WfLayout            *layout,
                                         WfPersona             *persona);
WfPersona   *wf_layout_get_persona_filter (WfLayout            *layout);
void         wf_layout_set_marker_size  (WfLayout              *layout,
                                         double                 width,
                                         double                 height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfLayout, wf_layout_free)

G_END_DECLS
