/* wf-team-error.c — the errors of the team library, with their SQLSTATE
 *
 * An error from the server keeps its SQLSTATE (five characters, as
 * PostgreSQL's manual lists them, and WF001…WF004 from the team's own
 * functions, WF005 too) beside the message, in an extended GError: the code says
 * what a client does about it, the SQLSTATE says exactly what happened.
 * A failed connect becomes a plain, translated sentence
 * (wf_team_error_new_connect()), libpq's own text kept as its detail.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "wf-team-error.h"

typedef struct
{
  char     sqlstate[6];
  char    *detail;        /* nullable: the server's or libpq's own words */
  gboolean no_password;   /* a connect the server asked a password for, none given */
} WfTeamErrorPrivate;

static void
wf_team_error_private_init (WfTeamErrorPrivate *priv)
{
  priv->sqlstate[0] = '\0';
  priv->detail = NULL;
  priv->no_password = FALSE;
}

static void
wf_team_error_private_copy (const WfTeamErrorPrivate *src,
                            WfTeamErrorPrivate       *dest)
{
  memcpy (dest->sqlstate, src->sqlstate, sizeof dest->sqlstate);
  dest->detail = g_strdup (src->detail);
  dest->no_password = src->no_password;
}

static void
wf_team_error_private_clear (WfTeamErrorPrivate *priv)
{
  priv->sqlstate[0] = '\0';
  g_clear_pointer (&priv->detail, g_free);
  priv->no_password = FALSE;
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

  /* Any error a session may hold: one of GIO (a log it cannot apply)
   * has none. */
  if (error->domain != WF_TEAM_ERROR ||
      (priv = wf_team_error_get_private (error)) == NULL || priv->sqlstate[0] == '\0')
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

/**
 * wf_team_error_get_detail:
 *
 * Returns: (nullable): the server's or libpq's own (English) words
 *   behind @error's plain message, or %NULL
 */
const char *
wf_team_error_get_detail (const GError *error)
{
  WfTeamErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != WF_TEAM_ERROR || (priv = wf_team_error_get_private (error)) == NULL)
    return NULL;

  return priv->detail;
}

/* Whether @text holds any of @phrases, libpq's and the server's own
 * English words, as a last resort where no SQLSTATE came. */
static gboolean
says (const char         *text,
      const char * const *phrases)
{
  for (guint i = 0; phrases[i] != NULL; i++)
    if (strstr (text, phrases[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* The SQLSTATE in a message libpq wrote with PQERRORS_VERBOSE
 * ("FATAL:  28P01: password authentication failed …"), or "". */
static void
find_sqlstate (const char *text,
               char        sqlstate[6])
{
  g_autoptr(GRegex) pattern = g_regex_new ("\\b(?:FATAL|ERROR|PANIC):\\s+([0-9A-Z]{5}):", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  sqlstate[0] = '\0';
  if (g_regex_match (pattern, text, 0, &match))
    {
      g_autofree char *found = g_match_info_fetch (match, 1);

      g_strlcpy (sqlstate, found, 6);
    }
}

/**
 * wf_team_error_new_connect:
 * @message: what libpq said when the connection failed, on one line,
 *   without a password (the server's part written with
 *   PQERRORS_VERBOSE, so that it carries the SQLSTATE)
 * @needs_password: PQconnectionNeedsPassword(): the server asked for a
 *   password and none was given (said in any language libpq speaks)
 *
 * The common failures of a connect in plain, translated words: a
 * wrong user or password, a server that cannot be reached, one that
 * wants TLS or whose certificate fails the check, a database that does
 * not exist or that the user may not connect to, too many
 * connections. @message stays as the error's detail
 * (wf_team_error_get_detail()), and its SQLSTATE, if any, as the
 * error's.
 *
 * Returns: (transfer full): a %WF_TEAM_ERROR_CONNECTION
 */
GError *
wf_team_error_new_connect (const char *message,
                           gboolean    needs_password)
{
  static const char * const no_password[] = { "no password supplied", NULL };
  static const char * const wrong_password[] = { "password authentication failed", NULL };
  static const char * const no_tls[] = { "server does not support SSL", NULL };
  static const char * const certificate[] = {
    "certificate verify failed", "root certificate file", "server certificate for",
    "certificate", NULL
  };
  static const char * const unreachable[] = {
    "Connection refused", "No such file or directory", "could not translate host name",
    "Network is unreachable", "No route to host", "Connection timed out", "timeout expired",
    "Name or service not known", NULL
  };
  static const char * const wants_tls[] = { "SSL off", "no encryption", NULL };
  char sqlstate[6];
  g_autofree char *detail = NULL;
  const char *plain;
  GError *error;

  g_return_val_if_fail (message != NULL, NULL);

  /* libpq's verbose form ends with where in the server it failed:
   * nothing for a person. */
  {
    g_autoptr(GRegex) location = g_regex_new (";?\\s*LOCATION:[^;]*", 0, 0, NULL);

    detail = g_regex_replace_literal (location, message, -1, 0, "", 0, NULL);
  }
  find_sqlstate (detail, sqlstate);

  if (g_str_equal (sqlstate, "28P01") || says (detail, wrong_password))
    plain = _("The team server did not accept the user name or password.");
  else if (g_str_equal (sqlstate, "28000") && says (detail, wants_tls))
    plain = _("The team server accepts only encrypted connections: choose “Always” under Encryption in Preferences.");
  else if (g_str_equal (sqlstate, "28000") && strstr (detail, "pg_hba.conf") != NULL)
    plain = _("The team server does not let this user connect from this computer; ask its administrator.");
  else if (g_str_equal (sqlstate, "28000"))
    plain = _("The team server did not accept the user name or password.");
  else if (g_str_equal (sqlstate, "3D000"))
    plain = _("The database named in the server’s address does not exist on the team server.");
  else if (g_str_equal (sqlstate, "42501"))
    plain = _("This user may not connect to the team’s database; ask the team server’s administrator.");
  else if (g_str_equal (sqlstate, "53300"))
    plain = _("The team server has too many connections open; try again later.");
  else if (g_str_equal (sqlstate, "57P03"))
    plain = _("The team server is starting or stopping; try again in a moment.");
  else if (sqlstate[0] != '\0')
    plain = NULL;
  else if ((needs_password = needs_password || says (detail, no_password)))
    plain = _("The team server asks for a password, and none is kept for this server and user: type it in Preferences.");
  else if (says (detail, no_tls))
    plain = _("The team server offers no encryption, but Encryption is set to “Always” in Preferences.");
  else if (says (detail, certificate))
    plain = _("The team server’s certificate could not be checked; ask its administrator.");
  else if (says (detail, unreachable))
    plain = _("The team server cannot be reached: check its address, and that it is running.");
  else
    plain = NULL;

  if (plain != NULL)
    error = g_error_new_literal (WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION, plain);
  else
    error = g_error_new (WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION,
                         _("Could not connect to the team server: %s"), detail);

  wf_team_error_set_sqlstate (error, sqlstate);
  {
    WfTeamErrorPrivate *priv = wf_team_error_get_private (error);

    priv->detail = g_steal_pointer (&detail);
    priv->no_password = needs_password;
  }

  return error;
}

/**
 * wf_team_error_is_credentials:
 *
 * Returns: whether @error says the server refused who connects or how
 *   (SQLSTATE class 28: a wrong user or password, a rule of the
 *   server's), or that the password was missing (libpq's own words):
 *   trying again with the same settings cannot help
 */
gboolean
wf_team_error_is_credentials (const GError *error)
{
  static const char * const phrases[] = { "password authentication failed", NULL };
  WfTeamErrorPrivate *priv;
  const char *sqlstate;

  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain != WF_TEAM_ERROR || (priv = wf_team_error_get_private (error)) == NULL)
    return FALSE;

  sqlstate = wf_team_error_get_sqlstate (error);

  return priv->no_password
         || (sqlstate != NULL && g_str_has_prefix (sqlstate, "28"))
         || (priv->detail != NULL && says (priv->detail, phrases));
}

/**
 * wf_team_error_is_lasting:
 * @error: (nullable): why a team session is offline or stopped
 *
 * Whether @error stops a session until someone acts (a newer schema, a
 * document removed from the server, a log this Wayfinder cannot read),
 * rather than one that connecting again may mend: a server not reached,
 * no answer in time, or a role that may only read.
 *
 * Returns: whether @error lasts
 */
gboolean
wf_team_error_is_lasting (const GError *error)
{
  return error != NULL &&
         !(error->domain == WF_TEAM_ERROR &&
           (error->code == WF_TEAM_ERROR_CONNECTION || error->code == WF_TEAM_ERROR_TIMEOUT ||
            error->code == WF_TEAM_ERROR_PERMISSION)) &&
         !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}
