/* test-postgres.h — a throwaway PostgreSQL server for the team tests
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

typedef struct _WfTestPostgres WfTestPostgres;

WfTestPostgres *wf_test_postgres_start          (GError         **error);
void            wf_test_postgres_stop           (WfTestPostgres  *server);
void            wf_test_postgres_remove_killed  (const char      *dir);
void            wf_test_postgres_kill           (WfTestPostgres  *server);
gboolean        wf_test_postgres_restart        (WfTestPostgres  *server,
                                                 GError         **error);
const char     *wf_test_postgres_get_conninfo   (WfTestPostgres  *server);
const char     *wf_test_postgres_get_dir        (WfTestPostgres  *server);
GPid            wf_test_postgres_get_pid        (WfTestPostgres  *server);
char           *wf_test_postgres_conninfo       (WfTestPostgres  *server,
                                                 const char      *dbname,
                                                 const char      *user);

gboolean        wf_test_postgres_required       (void);
WfTestPostgres *wf_test_postgres_start_or_skip  (void);
WfTestPostgres *wf_test_postgres_shared         (void);
void            wf_test_postgres_stop_shared    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfTestPostgres, wf_test_postgres_stop)

/* What the team tests (and the team benchmark) share: the main loop run
 * until a condition holds, an async result waited for, and the throwaway
 * server's SQL run from the test's own blocking connection. */

typedef gboolean (*WfTestLoopCondition) (gpointer data);

typedef struct
{
  GAsyncResult *result;
} WfTestWait;

void            wf_test_loop_until              (WfTestLoopCondition condition,
                                                 gpointer            data,
                                                 guint               seconds,
                                                 const char         *name);
void            wf_test_on_ready                (GObject         *source,
                                                 GAsyncResult    *result,
                                                 gpointer         data);
GAsyncResult   *wf_test_wait_for                (WfTestWait      *wait);

PGresult       *wf_test_pg_exec                 (PGconn          *conn,
                                                 const char      *sql,
                                                 int              n_params,
                                                 const char     **params);
gint64          wf_test_pg_int                  (PGconn          *conn,
                                                 const char      *sql,
                                                 const char      *param);
PGconn         *wf_test_postgres_team_database  (WfTestPostgres  *server,
                                                 const char      *dbname,
                                                 char           **conninfo);
