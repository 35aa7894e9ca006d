/* wf-team-init.h — making and upgrading a team, and what a client may do
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-team-connection.h"

G_BEGIN_DECLS

/* The group roles `team init` grants to unless told others. */
#define WF_TEAM_DEFAULT_EDITORS "wayfinder_editor"
#define WF_TEAM_DEFAULT_VIEWERS "wayfinder_viewer"

/**
 * WfTeamSchemaUse:
 * @WF_TEAM_SCHEMA_CURRENT: the server's schema is this Wayfinder's
 * @WF_TEAM_SCHEMA_OLDER: older, but one this Wayfinder still speaks
 * @WF_TEAM_SCHEMA_TOO_OLD: older than it can talk to: work offline until
 *   an administrator runs `team init` with this version
 * @WF_TEAM_SCHEMA_NEWER: newer, but it only added what older clients may
 *   ignore: read and write
 * @WF_TEAM_SCHEMA_INCOMPATIBLE: newer, and older clients may not write
 *   (meta 'compatible' is above this one's record version): neither read
 *   nor send
 *
 * What a client may do with a team server ("A newer schema on the
 * server", docs/team-library.md).
 */
typedef enum {
  WF_TEAM_SCHEMA_CURRENT,
  WF_TEAM_SCHEMA_OLDER,
  WF_TEAM_SCHEMA_TOO_OLD,
  WF_TEAM_SCHEMA_NEWER,
  WF_TEAM_SCHEMA_INCOMPATIBLE,
} WfTeamSchemaUse;

/**
 * WfTeamInfo:
 * @schema: the server's schema version
 * @compatible: the lowest record version it takes
 * @team: the team's id, a UUID
 * @use: what this Wayfinder may do with it
 * @can_push: whether the role may push (an editor)
 */
typedef struct
{
  guint            schema;
  guint            compatible;
  char            *team;
  WfTeamSchemaUse  use;
  gboolean         can_push;
} WfTeamInfo;

void             wf_team_info_free      (WfTeamInfo        *info);
WfTeamSchemaUse  wf_team_schema_use     (guint              schema,
                                         guint              compatible);
gboolean         wf_team_info_allows    (const WfTeamInfo  *info,
                                         gboolean           write,
                                         GError           **error);

void             wf_team_check_async    (WfTeamConnection  *connection,
                                         GCancellable      *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer           user_data);
WfTeamInfo      *wf_team_check_finish   (WfTeamConnection  *connection,
                                         GAsyncResult      *result,
                                         GError           **error);

void             wf_team_init_async     (WfTeamConnection  *connection,
                                         const char        *editors,
                                         const char        *viewers,
                                         GCancellable      *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer           user_data);
WfTeamInfo      *wf_team_init_finish    (WfTeamConnection  *connection,
                                         GAsyncResult      *result,
                                         GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfTeamInfo, wf_team_info_free)

G_END_DECLS
