/* wf-team-schema.h — the team server's schema: its SQL, step by step
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The server schema this Wayfinder writes. */
#define WF_TEAM_SCHEMA_VERSION 1
/* The oldest server schema it can still talk to. */
#define WF_TEAM_SCHEMA_MIN     1
/* A record's "v" and push()'s version argument; meta 'compatible' <= this. */
#define WF_TEAM_RECORD_VERSION 1
/* The pg_advisory_xact_lock() key that init and upgrade take ("Wayfindr"). */
#define WF_TEAM_LOCK_KEY       G_GINT64_CONSTANT (0x57617966696e6472)

const char *wf_team_schema_step       (guint       from);
char       *wf_team_schema_grants_sql (const char *editors_quoted,
                                       const char *viewers_quoted);

extern const char wf_team_schema_version_sql[];

G_END_DECLS
