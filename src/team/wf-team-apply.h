/* wf-team-apply.h — a change from the team's log, applied to an open document
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "wf-team-journal.h"

G_BEGIN_DECLS

/**
 * WfTeamChange:
 * @seq: its number in the document's log
 * @client: the UUID of the client that made it
 * @client_seq: its number in that client's outbox
 * @author: who made it (the server's session_user)
 * @at: when (UTC, ISO 8601)
 * @ops: its ops as the server applied them, each with its "outcome"
 *
 * One row of wayfinder.changes.
 */
typedef struct
{
  gint64      seq;
  const char *client;
  gint64      client_seq;
  const char *author;
  const char *at;
  JsonArray  *ops;
} WfTeamChange;

gboolean wf_team_apply (WfTeamJournal       *journal,
                        const WfTeamChange  *change,
                        GError             **error);

G_END_DECLS
