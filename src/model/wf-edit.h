/* wf-edit.h — every change to a document, as undoable commands
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-document.h"
#include "wf-undo-stack.h"

G_BEGIN_DECLS

void     wf_edit_set        (gpointer      item,
                             const char   *first_property,
                             ...) G_GNUC_NULL_TERMINATED;
void     wf_edit_set_value  (gpointer      item,
                             const char   *property,
                             const GValue *value);
gboolean wf_edit_add_persona (WfDocument  *document,
                              WfPersona   *persona,
                              int          index);
gboolean wf_edit_add_map    (WfDocument   *document,
                             WfMap        *map,
                             int           index);
gboolean wf_edit_add_phase  (WfMap        *map,
                             WfPhase      *phase,
                             int           index);
gboolean wf_edit_add_lane   (WfMap        *map,
                             WfLane       *lane,
                             int           index);
gboolean wf_edit_add_card   (WfMap        *map,
                             WfCard       *card,
                             WfPhase      *phase,
                             WfLane       *lane,
                             int           index);
gboolean wf_edit_add_link   (WfMap        *map,
                             WfLink       *link,
                             int           index);
void     wf_edit_remove     (gpointer      item);
void     wf_edit_move_card  (WfCard       *card,
                             WfPhase      *phase,
                             WfLane       *lane,
                             int           index);
void     wf_edit_reorder    (gpointer      item,
                             guint         index);

gboolean wf_edit_sort_cell_by_votes (WfMap   *map,
                                     WfPhase *phase,
                                     WfLane  *lane);
guint    wf_edit_reset_votes        (WfMap   *map);

void     wf_edit_replace_content (WfDocument *document,
                                  WfDocument *source,
                                  const char *label);

G_END_DECLS
