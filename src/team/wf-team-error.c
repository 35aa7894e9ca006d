/* wf-team-error.c — the errors of the team library, with their SQLSTATE
 *
 * An error from the server keeps its SQLSTATE (five characters, as
 * PostgreSQL's manual lists them, and WF001…WF004 from the team's own
 * functions, WF005 too) beside the message, in an extended GError: the code says
 * what a client does about it, the SQLSTATE says exactly what happened.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wf-team-error.h"

typedef struct
{
  char sqlstate[6];
} WfTeamErrorPrivate;

static void
wf_team_error_private_init (WfTeamErrorPrivate *priv)
{
  priv->sqlstate[0] = '\0';
}

static void
wf_team_error_private_copy (const WfTeamErrorPrivate *src,
                            WfTeamErrorPrivate       *dest)
{
  memcpy (dest->sqlstate, src->sqlstate, sizeof dest->sqlstate);
}

static void
wf_team_error_private_clear (WfTeamErrorPrivate *priv)
{
  priv->sqlstate[0] = '\0';
}

G_DEFINE_EXTENDED_ERROR (WfTeamError, wf_team_error)

/**
 * wf_team_error_get_sqlstate:
 *
 * Returns: (nullable): the SQLSTATE the server gave for @error, or %NULL
 *   when it did not come from the server (or is not a %WF_TEAM_ERROR)
 */
const char *
wf_team_error_get_sqlstate (const GError *error)
{
  WfTeamErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if ((priv = wf_team_error_get_private (error)) == NULL || priv->sqlstate[0] == '\0')
    return NULL;

  return priv->sqlstate;
}

void
wf_team_error_set_sqlstate (GError     *error,
                            const char *sqlstate)
{
  WfTeamErrorPrivate *priv;

  g_return_if_fail (error != NULL);

  if ((priv = wf_team_error_get_private (error)) == NULL)
    return;

  g_strlcpy (priv->sqlstate, sqlstate ? sqlstate : "", sizeof priv->sqlstate);
}

/**
 * wf_team_error_from_sqlstate:
 *
 * Returns: the code for an error the server answered with @sqlstate
 */
WfTeamErrorEnum
wf_team_error_from_sqlstate (const char *sqlstate)
{
  static const struct { const char *sqlstate; WfTeamErrorEnum code; } codes[] = {
    { "WF001", WF_TEAM_ERROR_CLIENT_TOO_OLD },
    { "WF002", WF_TEAM_ERROR_NO_DOCUMENT },
    { "WF003", WF_TEAM_ERROR_CLIENT_REUSED },
    { "WF004", WF_TEAM_ERROR_MALFORMED },
    { "WF005", WF_TEAM_ERROR_NOT_REGISTERED },
    { "42501", WF_TEAM_ERROR_PERMISSION },
    { "3F000", WF_TEAM_ERROR_NO_SCHEMA },   /* schema "wayfinder" does not exist */
  };

  for (guint i = 0; sqlstate != NULL && i < G_N_ELEMENTS (codes); i++)
    if (strcmp (sqlstate, codes[i].sqlstate) == 0)
      return codes[i].code;

  /* Class 08: connection exceptions. */
  if (sqlstate != NULL && g_str_has_prefix (sqlstate, "08"))
    return WF_TEAM_ERROR_CONNECTION;

  return WF_TEAM_ERROR_FAILED;
}
