/* wf-library-view.h — the start page: the library's maps, search, templates
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "storage/wf-library.h"
#include "wf-team-account.h"

G_BEGIN_DECLS

#define WF_TYPE_LIBRARY_VIEW (wf_library_view_get_type ())

G_DECLARE_FINAL_TYPE (WfLibraryView, wf_library_view, WF, LIBRARY_VIEW, GtkWidget)

GtkWidget *wf_library_view_new         (void);
void       wf_library_view_set_library (WfLibraryView *self,
                                        WfLibrary     *library);
void       wf_library_view_refresh     (WfLibraryView *self);
char      *wf_format_time_ago          (const char    *iso8601);
void       wf_library_view_set_team_account (WfLibraryView *self,
                                        WfTeamAccount *account);
GtkWidget *wf_library_view_get_team_group (WfLibraryView *self);

G_END_DECLS
