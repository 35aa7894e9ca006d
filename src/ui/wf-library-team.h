/* wf-library-team.h — the start page's Team group: the team's shared maps
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "storage/wf-library.h"
#include "wf-team-account.h"

G_BEGIN_DECLS

#define WF_TYPE_LIBRARY_TEAM (wf_library_team_get_type ())

G_DECLARE_FINAL_TYPE (WfLibraryTeam, wf_library_team, WF, LIBRARY_TEAM, AdwPreferencesGroup)

void      wf_library_team_set_library (WfLibraryTeam *self,
                                       WfLibrary     *library);
void      wf_library_team_set_account (WfLibraryTeam *self,
                                       WfTeamAccount *account);
void      wf_library_team_refresh     (WfLibraryTeam *self);
void      wf_library_team_stop        (WfLibraryTeam *self);
gboolean  wf_library_team_is_busy     (WfLibraryTeam *self);

G_END_DECLS
