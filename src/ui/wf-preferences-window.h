/* wf-preferences-window.h — Preferences: the team server
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wf-team-account.h"

G_BEGIN_DECLS

#define WF_TYPE_PREFERENCES_WINDOW (wf_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (WfPreferencesWindow, wf_preferences_window, WF, PREFERENCES_WINDOW, AdwPreferencesWindow)

WfPreferencesWindow *wf_preferences_window_new (GtkWindow     *parent,
                                                GSettings     *settings,
                                                WfTeamAccount *account);

G_END_DECLS
