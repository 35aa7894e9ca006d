/* wf-team-documents.h — sharing a document with a team, listing and reading them
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-model.h"
#include "wf-team-connection.h"

G_BEGIN_DECLS

/**
 * WfTeamListing:
 * @id: the document's id on the server, a UUID
 * @title: its title
 * @changed: its last change, UTC, as 2026-11-20T10:00:00Z
 * @changed_by: the role that made it
 *
 * One team document, as `team list` prints it.
 */
typedef struct
{
  char *id;
  char *title;
  char *changed;
  char *changed_by;
} WfTeamListing;

void        wf_team_listing_free   (WfTeamListing     *listing);

void        wf_team_share_async    (WfTeamConnection  *connection,
                                    WfDocument        *document,
                                    const char        *client,
                                    GCancellable      *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer           user_data);
char       *wf_team_share_finish   (WfTeamConnection  *connection,
                                    GAsyncResult      *result,
                                    char             **tag,
                                    GError           **error);
const char *wf_team_share_get_id   (GAsyncResult      *result);

void        wf_team_list_async     (WfTeamConnection  *connection,
                                    GCancellable      *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer           user_data);
GPtrArray  *wf_team_list_finish    (WfTeamConnection  *connection,
                                    GAsyncResult      *result,
                                    GError           **error);

void        wf_team_read_async     (WfTeamConnection  *connection,
                                    const char        *id,
                                    GCancellable      *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer           user_data);
WfDocument *wf_team_read_finish    (WfTeamConnection  *connection,
                                    GAsyncResult      *result,
                                    gint64            *seq,
                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfTeamListing, wf_team_listing_free)

G_END_DECLS
