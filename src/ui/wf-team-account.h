/* wf-team-account.h — the team server the application uses, and its password
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "team/wf-team-connection.h"

G_BEGIN_DECLS

#define WF_TYPE_TEAM_ACCOUNT (wf_team_account_get_type ())

typedef enum {
  WF_TEAM_PASSWORD_NONE,     /* none kept for the server and user */
  WF_TEAM_PASSWORD_KEYRING,  /* in the keyring */
  WF_TEAM_PASSWORD_MEMORY,   /* no keyring: in memory until Wayfinder quits */
} WfTeamPasswordPlace;

G_DECLARE_FINAL_TYPE (WfTeamAccount, wf_team_account, WF, TEAM_ACCOUNT, GObject)

WfTeamAccount    *wf_team_account_new                (GSettings          *settings);
gboolean          wf_team_account_is_set             (WfTeamAccount      *self);
char             *wf_team_account_get_conninfo       (WfTeamAccount      *self,
                                                      GError            **error);
const char       *wf_team_account_get_sslmode        (WfTeamAccount      *self);
gboolean          wf_team_account_has_password       (WfTeamAccount      *self);
WfTeamPasswordPlace wf_team_account_get_password_place (WfTeamAccount    *self);

void              wf_team_account_connect_async      (WfTeamAccount      *self,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
WfTeamConnection *wf_team_account_connect_finish     (WfTeamAccount      *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

void              wf_team_account_set_password_async (WfTeamAccount      *self,
                                                      const char         *password,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean          wf_team_account_set_password_finish (WfTeamAccount     *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);
void              wf_team_account_set_use_keyring    (WfTeamAccount      *self,
                                                      gboolean            use);

G_END_DECLS
