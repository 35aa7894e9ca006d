/* wf-team-init.c — making and upgrading a team, and what a client may do
 *
 * `team init` makes the schema `wayfinder` on an empty database, or
 * upgrades it, in one transaction ("A newer schema on the server",
 * docs/team-library.md): BEGIN, pg_advisory_xact_lock (WF_TEAM_LOCK_KEY)
 * so that two administrators cannot upgrade at once, the version read,
 * the missing steps of team/wf-team-schema.c, the grants, COMMIT. A server
 * newer than this Wayfinder knows is refused and left as it was; so is
 * one whose group roles do not exist. A failed step leaves the old
 * version whole: PostgreSQL's DDL is transactional.
 *
 * The check at connect reads the same version and says what a client may
 * do with the server.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "wf-team-init.h"
#include "wf-team-schema.h"

static const char meta_exists_sql[] =
  "SELECT to_regclass('wayfinder.meta') IS NOT NULL";

/* A newer schema may have changed push(): then this client cannot call
 * it, and has_function_privilege() of a name would raise 42883. */
static const char can_push_sql[] =
  "SELECT coalesce(has_function_privilege("
  "to_regprocedure('wayfinder.push(uuid,uuid,bigint,int,text,json)'), 'EXECUTE'), false)";

static const char missing_roles_sql[] =
  "SELECT r FROM unnest(ARRAY[$1, $2]::text[]) WITH ORDINALITY AS x (r, n) "
  "WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) ORDER BY n";

static const char * const no_params[] = { NULL };

typedef struct
{
  char       *editors;
  char       *viewers;
  guint       from;      /* the server's version before */
  GError     *error;     /* to return after the rollback */
} Init;

static void
init_free (Init *init)
{
  g_free (init->editors);
  g_free (init->viewers);
  g_clear_error (&init->error);
  g_free (init);
}

/* The version row of @result, or %NULL with an error. */
static WfTeamInfo *
info_from_result (PGresult  *result,
                  GError   **error)
{
  WfTeamInfo *info;

  if (PQntuples (result) != 1 || PQnfields (result) < 3)
    {
      g_set_error_literal (error, WF_TEAM_ERROR, WF_TEAM_ERROR_INVALID,
                           _("The team server’s schema is incomplete: its version is missing"));
      return NULL;
    }

  info = g_new0 (WfTeamInfo, 1);
  info->schema = (guint) CLAMP (atoi (PQgetvalue (result, 0, 0)), 0, G_MAXINT);
  info->compatible = (guint) CLAMP (atoi (PQgetvalue (result, 0, 1)), 0, G_MAXINT);
  info->team = g_strdup (PQgetvalue (result, 0, 2));
  info->use = wf_team_schema_use (info->schema, info->compatible);

  return info;
}

static void
set_newer_error (GError **error,
                 guint    schema)
{
  g_set_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_SCHEMA_NEWER,
               _("The team server’s schema is version %u, newer than this Wayfinder knows (%u); update Wayfinder. Nothing was changed."),
               schema, WF_TEAM_SCHEMA_VERSION);
}

/* Check */

static void
on_check_version (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WfTeamConnection *connection = WF_TEAM_CONNECTION (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) answers = NULL;
  GError *error = NULL;
  WfTeamInfo *info;

  if (!(answers = wf_team_connection_batch_finish (connection, result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!(info = info_from_result (g_ptr_array_index (answers, 0), &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  info->can_push = g_str_equal (PQgetvalue (g_ptr_array_index (answers, 1), 0, 0), "t");

  g_task_return_pointer (task, info, (GDestroyNotify) wf_team_info_free);
}

static void
on_check_exists (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WfTeamConnection *connection = WF_TEAM_CONNECTION (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(PGresult) answer = NULL;
  GError *error = NULL;

  if (!(answer = wf_team_connection_query_finish (connection, result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!g_str_equal (PQgetvalue (answer, 0, 0), "t"))
    {
      g_task_return_new_error (task, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_SCHEMA, "%s",
                               _("This database holds no team library; run “wayfinder team init” first"));
      return;
    }

  {
    const WfTeamQuery queries[] = {
      { wf_team_schema_version_sql, no_params, 0 },
      { can_push_sql, no_params, 0 },
    };

    wf_team_connection_batch_async (connection, queries, G_N_ELEMENTS (queries),
                                    g_task_get_cancellable (task), on_check_version,
                                    g_object_ref (task));
  }
}

/* Init */

static void
return_after_rollback (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PGresult) answer = NULL;
  Init *init = g_task_get_task_data (task);

  answer = wf_team_connection_query_finish (WF_TEAM_CONNECTION (source), result, NULL);
  g_task_return_error (task, g_steal_pointer (&init->error));
}

/* Ends the transaction, changing nothing, then fails with @error. */
static void
fail (GTask  *task,
      GError *error)
{
  WfTeamConnection *connection = g_task_get_source_object (task);
  Init *init = g_task_get_task_data (task);

  init->error = error;
  if (!wf_team_connection_is_open (connection))
    {
      g_task_return_error (task, g_steal_pointer (&init->error));
      g_object_unref (task);
      return;
    }

  wf_team_connection_query_async (connection, "ROLLBACK", no_params, 0, NULL,
                                  return_after_rollback, task);
}

static void
on_init_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  WfTeamConnection *connection = WF_TEAM_CONNECTION (source);
  GTask *task = user_data;
  Init *init = g_task_get_task_data (task);
  g_autoptr(GPtrArray) answers = NULL;
  GError *error = NULL;
  WfTeamInfo *info;

  if (!(answers = wf_team_connection_batch_finish (connection, result, &error)))
    {
      fail (task, error);
      return;
    }

  /* The version after, read before the COMMIT. */
  if (!(info = info_from_result (g_ptr_array_index (answers, answers->len - 2), &error)))
    {
      fail (task, error);
      return;
    }
  info->can_push = TRUE;

  g_debug ("Team %s: schema %u → %u", info->team, init->from, info->schema);
  g_task_return_pointer (task, info, (GDestroyNotify) wf_team_info_free);
  g_object_unref (task);
}

static void
upgrade (GTask *task,
         guint  from)
{
  WfTeamConnection *connection = g_task_get_source_object (task);
  Init *init = g_task_get_task_data (task);
  g_autoptr(GArray) queries = g_array_new (FALSE, TRUE, sizeof (WfTeamQuery));
  g_autofree char *editors = wf_team_connection_quote_identifier (connection, init->editors);
  g_autofree char *viewers = wf_team_connection_quote_identifier (connection, init->viewers);
  g_autofree char *grants = NULL;
  WfTeamQuery query = { 0 };

  if (from > WF_TEAM_SCHEMA_VERSION)
    {
      GError *error = NULL;

      set_newer_error (&error, from);
      fail (task, error);
      return;
    }

  if (editors == NULL || viewers == NULL)
    {
      fail (task, g_error_new_literal (WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION,
                                       _("The connection to the team server was lost")));
      return;
    }

  init->from = from;
  for (guint v = from; v < WF_TEAM_SCHEMA_VERSION; v++)
    {
      query.sql = wf_team_schema_step (v);
      g_array_append_val (queries, query);
    }

  grants = wf_team_schema_grants_sql (editors, viewers);
  query.sql = grants;
  g_array_append_val (queries, query);

  query.sql = wf_team_schema_version_sql;
  query.params = no_params;
  g_array_append_val (queries, query);

  query.sql = "COMMIT";
  g_array_append_val (queries, query);

  wf_team_connection_batch_async (connection, (WfTeamQuery *) queries->data, queries->len,
                                  NULL, on_init_done, task);
}

static void
on_init_version (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WfTeamConnection *connection = WF_TEAM_CONNECTION (source);
  GTask *task = user_data;
  g_autoptr(PGresult) answer = NULL;
  g_autoptr(WfTeamInfo) info = NULL;
  GError *error = NULL;

  if (!(answer = wf_team_connection_query_finish (connection, result, &error)) ||
      !(info = info_from_result (answer, &error)))
    {
      fail (task, error);
      return;
    }

  upgrade (task, info->schema);
}

static void
on_init_started (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WfTeamConnection *connection = WF_TEAM_CONNECTION (source);
  GTask *task = user_data;
  g_autoptr(GPtrArray) answers = NULL;
  GError *error = NULL;
  PGresult *missing, *exists;

  if (!(answers = wf_team_connection_batch_finish (connection, result, &error)))
    {
      fail (task, error);
      return;
    }

  missing = g_ptr_array_index (answers, 2);
  exists = g_ptr_array_index (answers, 3);

  if (PQntuples (missing) > 0)
    {
      const char *name = PQgetvalue (missing, 0, 0);
      /* The statement to copy names the role as SQL reads it. */
      g_autofree char *quoted = wf_team_connection_quote_identifier (connection, name);

      fail (task, g_error_new (WF_TEAM_ERROR, WF_TEAM_ERROR_NO_ROLE,
                               _("The role “%s” does not exist; an administrator makes it first (CREATE ROLE %s NOLOGIN). Nothing was changed."),
                               name, quoted ? quoted : name));
      return;
    }

  if (!g_str_equal (PQgetvalue (exists, 0, 0), "t"))
    {
      upgrade (task, 0);
      return;
    }

  wf_team_connection_query_async (connection, wf_team_schema_version_sql, no_params, 0, NULL,
                                  on_init_version, task);
}

/* Public API */

void
wf_team_info_free (WfTeamInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->team);
  g_free (info);
}

/**
 * wf_team_schema_use:
 * @schema: the server's schema version (meta 'schema')
 * @compatible: the lowest record version it takes (meta 'compatible')
 *
 * Returns: what this Wayfinder may do with such a server
 */
WfTeamSchemaUse
wf_team_schema_use (guint schema,
                    guint compatible)
{
  if (schema == WF_TEAM_SCHEMA_VERSION)
    return WF_TEAM_SCHEMA_CURRENT;
  if (schema < WF_TEAM_SCHEMA_MIN)
    return WF_TEAM_SCHEMA_TOO_OLD;
  if (schema < WF_TEAM_SCHEMA_VERSION)
    return WF_TEAM_SCHEMA_OLDER;
  if (compatible <= WF_TEAM_RECORD_VERSION)
    return WF_TEAM_SCHEMA_NEWER;

  return WF_TEAM_SCHEMA_INCOMPATIBLE;
}

/**
 * wf_team_info_allows:
 * @write: whether the client means to change the server (share, push)
 * @error: return location for what to tell the person when not
 *
 * Returns: whether a client may read (and with @write, write) the team's
 *   documents
 */
gboolean
wf_team_info_allows (const WfTeamInfo  *info,
                     gboolean           write,
                     GError           **error)
{
  g_return_val_if_fail (info != NULL, FALSE);

  switch (info->use)
    {
    case WF_TEAM_SCHEMA_TOO_OLD:
      g_set_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_SCHEMA_OLDER,
                   _("The team server needs updating: ask your administrator to run “wayfinder team init” with this version of Wayfinder."));
      return FALSE;

    case WF_TEAM_SCHEMA_INCOMPATIBLE:
      g_set_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_SCHEMA_NEWER,
                   _("The team server was upgraded for a newer Wayfinder; update Wayfinder to share your changes."));
      return FALSE;

    case WF_TEAM_SCHEMA_CURRENT:
    case WF_TEAM_SCHEMA_OLDER:
    case WF_TEAM_SCHEMA_NEWER:
    default:
      break;
    }

  if (write && !info->can_push)
    {
      if (error != NULL)
        {
          g_set_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_PERMISSION,
                       _("Your role may view the team’s documents but not change them; ask your administrator to make you an editor."));
          wf_team_error_set_sqlstate (*error, "42501");
        }
      return FALSE;
    }

  return TRUE;
}

/**
 * wf_team_check_async:
 *
 * Reads the server's schema version and whether this role may push, as
 * a client does at each connect.
 */
void
wf_team_check_async (WfTeamConnection    *connection,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (WF_IS_TEAM_CONNECTION (connection));

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, wf_team_check_async);
  wf_team_connection_query_async (connection, meta_exists_sql, no_params, 0, cancellable,
                                  on_check_exists, task);
}

/**
 * wf_team_check_finish:
 *
 * Returns: (transfer full) (nullable): the server's version and what
 *   this client may do, or %NULL (%WF_TEAM_ERROR_NO_SCHEMA: no team there)
 */
WfTeamInfo *
wf_team_check_finish (WfTeamConnection  *connection,
                      GAsyncResult      *result,
                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * wf_team_init_async:
 * @editors: (nullable): the editors' group role (wayfinder_editor)
 * @viewers: (nullable): the viewers' group role (wayfinder_viewer)
 *
 * Makes or upgrades the team's schema and grants, in one transaction,
 * as the role the connection logged in as (who then owns the schema).
 * The connection must have nothing else to do meanwhile.
 */
void
wf_team_init_async (WfTeamConnection    *connection,
                    const char          *editors,
                    const char          *viewers,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autofree char *lock_key = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) WF_TEAM_LOCK_KEY);
  GTask *task;
  Init *init;

  g_return_if_fail (WF_IS_TEAM_CONNECTION (connection));

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, wf_team_init_async);
  init = g_new0 (Init, 1);
  init->editors = g_strdup (editors ? editors : WF_TEAM_DEFAULT_EDITORS);
  init->viewers = g_strdup (viewers ? viewers : WF_TEAM_DEFAULT_VIEWERS);
  g_task_set_task_data (task, init, (GDestroyNotify) init_free);

  /* One role cannot be both: the viewers' rights would take the editors'. */
  if (g_str_equal (init->editors, init->viewers))
    {
      g_task_return_new_error (task, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_ROLE, "%s",
                               _("The editors and the viewers must be two different roles."));
      g_object_unref (task);
      return;
    }

  {
    const char * const lock_params[] = { lock_key };
    const char * const role_params[] = { init->editors, init->viewers };
    const WfTeamQuery queries[] = {
      { "BEGIN", no_params, 0 },
      { "SELECT pg_advisory_xact_lock($1::bigint)", lock_params, 1 },
      { missing_roles_sql, role_params, 2 },
      { meta_exists_sql, no_params, 0 },
    };

    wf_team_connection_batch_async (connection, queries, G_N_ELEMENTS (queries), NULL,
                                    on_init_started, task);
  }
}

/**
 * wf_team_init_finish:
 *
 * Returns: (transfer full) (nullable): the team as it is now, or %NULL
 *   with nothing changed
 */
WfTeamInfo *
wf_team_init_finish (WfTeamConnection  *connection,
                     GAsyncResult      *result,
                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
