/* wf-team-connection.h — one connection to the team server, in the main loop
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "wf-pq.h"

#include "wf-team-error.h"

G_BEGIN_DECLS

/* What libpq's connect_timeout is when the connection string has none. */
#define WF_TEAM_CONNECT_TIMEOUT 10
/* How long a connection with a request in flight may stay silent (not a
 * byte either way) before it is ended; the server's statement_timeout is
 * WF_TEAM_STATEMENT_SHARE of it, so a statement that waits (on a lock)
 * is ended and rolled back by the server first. The test suite sets
 * WAYFINDER_TEAM_ANSWER_MSEC to make it short. */
#define WF_TEAM_ANSWER_TIMEOUT 15
#define WF_TEAM_STATEMENT_SHARE 0.8

/**
 * WfTeamQuery:
 * @sql: the SQL
 * @params: (nullable): its parameters, or %NULL to send @sql as it is
 * @n_params: how many
 *
 * One request of a batch (wf_team_connection_batch_async()).
 */
typedef struct
{
  const char         *sql;
  const char * const *params;
  guint               n_params;
} WfTeamQuery;

/**
 * WfTeamPasswordFunc:
 * @conninfo: the connection string being connected with
 * @user: (nullable): the role it names, or %NULL for libpq's default
 * @user_data: what wf_team_connection_set_password_func() was given
 *
 * Returns: (transfer full) (nullable): the password for @user on that
 *   server, or %NULL to leave it to libpq (~/.pgpass, PGPASSWORD)
 */
typedef char *(*WfTeamPasswordFunc) (const char *conninfo,
                                     const char *user,
                                     gpointer    user_data);

#define WF_TYPE_TEAM_CONNECTION (wf_team_connection_get_type ())

G_DECLARE_FINAL_TYPE (WfTeamConnection, wf_team_connection, WF, TEAM_CONNECTION, GObject)

void              wf_team_connection_new_async       (const char          *conninfo,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
WfTeamConnection *wf_team_connection_new_finish      (GAsyncResult        *result,
                                                      GError             **error);
gboolean          wf_team_conninfo_has_password      (const char          *conninfo);
void              wf_team_connection_set_password_func (WfTeamPasswordFunc func,
                                                      gpointer            user_data);

void              wf_team_connection_query_async     (WfTeamConnection    *self,
                                                      const char          *sql,
                                                      const char * const  *params,
                                                      guint                n_params,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
PGresult         *wf_team_connection_query_finish    (WfTeamConnection    *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

void              wf_team_connection_batch_async     (WfTeamConnection    *self,
                                                      const WfTeamQuery   *queries,
                                                      guint                n_queries,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray        *wf_team_connection_batch_finish    (WfTeamConnection    *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

gboolean          wf_team_connection_is_open         (WfTeamConnection    *self);
void              wf_team_connection_close           (WfTeamConnection    *self);
char             *wf_team_connection_quote_identifier (WfTeamConnection   *self,
                                                      const char          *name);
int               wf_team_connection_get_backend_pid (WfTeamConnection    *self);
const char       *wf_team_connection_get_user        (WfTeamConnection    *self);
gboolean          wf_team_connection_is_on_socket    (WfTeamConnection    *self);

/* For tests: the answer timeout in milliseconds (and statement_timeout
 * with it, for the requests queued after). */
void              wf_team_connection_set_answer_timeout (WfTeamConnection *self,
                                                         guint             msec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
