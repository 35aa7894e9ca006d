/* wf-team-session.h — one open team document, live with the team server
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-team-connection.h"
#include "wf-team-journal.h"

G_BEGIN_DECLS

/* Records read from the log per request, per transaction and per
 * main-loop turn. */
#define WF_TEAM_SESSION_PAGE 500
/* Changes behind from which the state is read instead of the log. */
#define WF_TEAM_SESSION_STATE_AFTER 5000
/* The first and the longest wait before connecting again, in ms. */
#define WF_TEAM_SESSION_RETRY_FIRST 1000
#define WF_TEAM_SESSION_RETRY_MAX 60000

/**
 * WfTeamSessionState:
 * @WF_TEAM_SESSION_OFFLINE: no connection; edits wait in the outbox
 * @WF_TEAM_SESSION_CONNECTING: connecting, or registering the client
 * @WF_TEAM_SESSION_CATCHING_UP: reading the log after the local seq
 * @WF_TEAM_SESSION_LIVE: caught up; records are sent as they are made,
 *   and the log is read when the server says it grew
 */
typedef enum
{
  WF_TEAM_SESSION_OFFLINE,
  WF_TEAM_SESSION_CONNECTING,
  WF_TEAM_SESSION_CATCHING_UP,
  WF_TEAM_SESSION_LIVE,
} WfTeamSessionState;

GType wf_team_session_state_get_type (void);
#define WF_TYPE_TEAM_SESSION_STATE (wf_team_session_state_get_type ())

#define WF_TYPE_TEAM_SESSION (wf_team_session_get_type ())

G_DECLARE_FINAL_TYPE (WfTeamSession, wf_team_session, WF, TEAM_SESSION, GObject)

WfTeamSession      *wf_team_session_new            (WfTeamJournal  *journal,
                                                    const char     *conninfo,
                                                    const char     *team_id);
void                wf_team_session_start          (WfTeamSession  *self);
void                wf_team_session_stop           (WfTeamSession  *self);
WfTeamSessionState  wf_team_session_get_state      (WfTeamSession  *self);
const GError       *wf_team_session_get_error      (WfTeamSession  *self);
WfTeamJournal      *wf_team_session_get_journal    (WfTeamSession  *self);
WfTeamConnection   *wf_team_session_get_connection (WfTeamSession  *self);
gboolean            wf_team_session_is_idle        (WfTeamSession  *self);
gboolean            wf_team_session_get_can_write  (WfTeamSession  *self);

/* For tests */
guint               wf_team_session_get_n_state_reads (WfTeamSession *self);
/* For tests: the waits before connecting again, in ms. */
void                wf_team_session_set_retry      (WfTeamSession  *self,
                                                    guint           first_msec,
                                                    guint           max_msec);
void                wf_team_session_set_network_monitor (WfTeamSession   *self,
                                                         GNetworkMonitor *monitor);

G_END_DECLS
