/* wf-conflict-popover.h — a member's conflict, as a button with a popover
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "team/wf-team-journal.h"

G_BEGIN_DECLS

GtkWidget *wf_conflict_button_new     (WfTeamJournal        *journal,
                                       const WfTeamConflict *conflict);
void       wf_conflict_button_attach  (GtkWidget            *button,
                                       GtkWidget            *field);
void       wf_conflict_button_detach  (GtkWidget            *button);

void       wf_conflict_buttons_update (GPtrArray            *buttons,
                                       WfTeamJournal        *journal,
                                       WfItem               *item,
                                       GtkWidget *         (*field_of) (gpointer    owner,
                                                                         const char *member),
                                       gpointer              owner);

char      *wf_conflict_format_value   (WfDocument           *document,
                                       const char           *member,
                                       const char           *json);
char      *wf_conflict_format_author  (WfTeamJournal        *journal,
                                       const WfTeamConflict *conflict);
const char *wf_conflict_member_label  (const char           *member);

G_END_DECLS
