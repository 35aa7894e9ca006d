/* wf-team-sender.h — sends what closed team documents kept while offline
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "storage/wf-library.h"

G_BEGIN_DECLS

/**
 * WfTeamSenderOpenFunc:
 * @doc: a document of the library
 * @user_data: the data given with the function
 *
 * Returns: whether a window has @doc open: its own session sends it
 */
typedef gboolean (*WfTeamSenderOpenFunc) (gint64   doc,
                                          gpointer user_data);

#define WF_TYPE_TEAM_SENDER (wf_team_sender_get_type ())

G_DECLARE_FINAL_TYPE (WfTeamSender, wf_team_sender, WF, TEAM_SENDER, GObject)

WfTeamSender *wf_team_sender_new         (WfLibrary            *library,
                                          const char           *conninfo);
void          wf_team_sender_set_open_func (WfTeamSender       *self,
                                          WfTeamSenderOpenFunc  func,
                                          gpointer              user_data);
void          wf_team_sender_run         (WfTeamSender         *self);
void          wf_team_sender_release     (WfTeamSender         *self,
                                          gint64                doc);
void          wf_team_sender_stop        (WfTeamSender         *self);
gint64        wf_team_sender_get_current (WfTeamSender         *self);
gboolean      wf_team_sender_get_busy    (WfTeamSender         *self);
gboolean      wf_team_sender_is_stalled  (WfTeamSender         *self);

G_END_DECLS
