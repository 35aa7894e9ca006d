/* wf-window-conflicts.h — a team document's open conflicts in its window
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "team/wf-team-journal.h"
#include "wf-window.h"

G_BEGIN_DECLS

void       _wf_window_attach_conflicts  (WfWindow      *self,
                                         WfTeamJournal *journal);
void       _wf_window_detach_conflicts  (WfWindow      *self);

/* For tests */
GtkWidget *_wf_window_get_removal_bar   (WfWindow      *self);

G_END_DECLS
