/* wf-team-library.h — library documents shared with a team, and joined from it
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "storage/wf-library.h"
#include "wf-team-connection.h"

G_BEGIN_DECLS

/**
 * WfTeamLocal:
 * @doc: the document's row in the library
 * @team: the team's id, a UUID
 * @team_id: the document's id on the team's server
 * @tag: this library's id tag on that team
 *
 * A team document as this library knows it (team_documents).
 */
typedef struct
{
  gint64  doc;
  char   *team;
  char   *team_id;
  char   *tag;
} WfTeamLocal;

void         wf_team_local_free          (WfTeamLocal        *local);

char        *wf_team_conninfo_build      (const char         *server,
                                          const char         *user,
                                          const char         *sslmode,
                                          GError            **error);

WfTeamLocal *wf_team_library_lookup      (WfLibrary          *library,
                                          gint64              doc);
gint64       wf_team_library_find        (WfLibrary          *library,
                                          const char         *team_id);
GPtrArray   *wf_team_library_list        (WfLibrary          *library);

void         wf_team_library_share_async (WfLibrary          *library,
                                          gint64              doc,
                                          WfDocument         *document,
                                          WfTeamConnection   *connection,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
char        *wf_team_library_share_finish (WfLibrary         *library,
                                          GAsyncResult       *result,
                                          GError            **error);

void         wf_team_library_join_async  (WfLibrary          *library,
                                          WfTeamConnection   *connection,
                                          const char         *team_id,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gint64       wf_team_library_join_finish (WfLibrary          *library,
                                          GAsyncResult       *result,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfTeamLocal, wf_team_local_free)

G_END_DECLS
