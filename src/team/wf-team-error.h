/* wf-team-error.h — the errors of the team library, with their SQLSTATE
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WF_TEAM_ERROR (wf_team_error_quark ())

typedef enum {
  WF_TEAM_ERROR_FAILED,          /* the server refused: its message, its SQLSTATE */
  WF_TEAM_ERROR_CLIENT_TOO_OLD,  /* WF001: the server wants a newer Wayfinder */
  WF_TEAM_ERROR_NO_DOCUMENT,     /* WF002: no such document, or removed */
  WF_TEAM_ERROR_CLIENT_REUSED,   /* WF003: a client_seq sent again with another record */
  WF_TEAM_ERROR_MALFORMED,       /* WF004: a record or op the server refuses */
  WF_TEAM_ERROR_NOT_REGISTERED,  /* WF005: the client never registered */
  WF_TEAM_ERROR_PERMISSION,      /* 42501: the role may not do this */
  WF_TEAM_ERROR_CONNECTION,      /* could not connect, or the connection ended */
  WF_TEAM_ERROR_TIMEOUT,         /* no answer in time: the connection was ended */
  WF_TEAM_ERROR_NO_SCHEMA,       /* no team on this database (no `team init` yet) */
  WF_TEAM_ERROR_SCHEMA_NEWER,    /* made by a newer Wayfinder */
  WF_TEAM_ERROR_SCHEMA_OLDER,    /* older than this Wayfinder can talk to */
  WF_TEAM_ERROR_NO_ROLE,         /* `team init`: a role to grant to does not exist */
  WF_TEAM_ERROR_INVALID,         /* the server's state is not a document this one reads */
} WfTeamErrorEnum;

GQuark      wf_team_error_quark        (void);
const char *wf_team_error_get_sqlstate (const GError *error);
void        wf_team_error_set_sqlstate (GError       *error,
                                        const char   *sqlstate);
WfTeamErrorEnum wf_team_error_from_sqlstate (const char *sqlstate);
const char *wf_team_error_get_detail   (const GError *error);
GError     *wf_team_error_new_connect  (const char   *message,
                                        gboolean      needs_password);
gboolean    wf_team_error_is_credentials (const GError *error);
gboolean    wf_team_error_is_lasting   (const GError *error);

G_END_DECLS
