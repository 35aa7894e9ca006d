/* wf-team-state.h — a document as the team server's items, and back
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-model.h"

G_BEGIN_DECLS

/**
 * WfTeamItem:
 * @id: the item's id; "" for the document itself
 * @type: document, persona, map, phase, lane, card or link
 * @parent: (nullable): the map of a phase, lane, card or link
 * @pos: (nullable): its position key among its siblings
 * @value: its object as the .journey writer writes it, one line of JSON,
 *   without its id and child arrays (and the document's format, version,
 *   created and modified)
 *
 * One row of `wayfinder.items` (docs/team-library.md).
 */
typedef struct
{
  char *id;
  char *type;
  char *parent;
  char *pos;
  char *value;
} WfTeamItem;

WfTeamItem *wf_team_item_new              (const char  *id,
                                           const char  *type,
                                           const char  *parent,
                                           const char  *pos,
                                           const char  *value);
void        wf_team_item_free             (WfTeamItem  *item);

GPtrArray  *wf_team_state_from_document   (WfDocument  *document);
char       *wf_team_state_items_to_json   (GPtrArray   *items);
WfDocument *wf_team_state_to_document     (GPtrArray   *items,
                                           const char  *created,
                                           const char  *modified,
                                           GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfTeamItem, wf_team_item_free)

G_END_DECLS
