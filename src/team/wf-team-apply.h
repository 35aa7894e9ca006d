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

/**
 * WfTeamState:
 * @seq: the last change the state holds
 * @client: the client of change @seq
 * @client_seq: its number in that client's outbox
 * @items: the live items, each an "add" op as the log has them: "id",
 *   "type", "parent", "pos", "value"; parents before their children
 * @conflicts: the open conflicts, each {"seq", "item", "member", "value"
 *   (JSON text or null), "author", "at"}
 * @answered: (element-type gint64): pairs of client_seq and seq, the
 *   records of ours the server has
 *
 * A document's state on the server, read in one transaction, for a
 * client too far behind to read the log.
 */
typedef struct
{
  gint64      seq;
  const char *client;
  gint64      client_seq;
  JsonArray  *items;
  JsonArray  *conflicts;
  GArray     *answered;
} WfTeamState;

gboolean wf_team_apply       (WfTeamJournal       *journal,
                              const WfTeamChange  *change,
                              GError             **error);
gboolean wf_team_apply_state (WfTeamJournal       *journal,
                              const WfTeamState   *state,
                              GError             **error);

G_END_DECLS
