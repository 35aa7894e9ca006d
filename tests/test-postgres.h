/* test-postgres.h — a throwaway PostgreSQL server for the team tests
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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
