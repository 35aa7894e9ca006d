/* wf-item-properties.h — the fields of a phase, a lane or a persona
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/wf-model.h"
#include "team/wf-team-journal.h"

G_BEGIN_DECLS

#define WF_TYPE_ITEM_PROPERTIES (wf_item_properties_get_type ())

G_DECLARE_FINAL_TYPE (WfItemProperties, wf_item_properties, WF, ITEM_PROPERTIES, GtkWidget)

GtkWidget *wf_item_properties_new      (void);
void       wf_item_properties_set_item (WfItemProperties *self,
                                        WfItem           *item);
WfItem    *wf_item_properties_get_item (WfItemProperties *self);
void       wf_item_properties_set_team_journal (WfItemProperties *self,
                                                WfTeamJournal    *journal);

G_END_DECLS
