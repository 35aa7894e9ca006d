/* wf-team-library.c — library documents shared with a team, and joined from it
 *
 * Sharing makes a document of the library a team document: the server's
 * team id (wf_team_check_async()), our client on that team (made and
 * registered the first time: wayfinder.register() gives the tag), the
 * share (wf_team_share_async()), then team_clients and the team state
 * (wf_team_journal_write_state()) in one library transaction. Joining
 * reads a team document's state from the server (wf_team_read_async())
 * and adds it to the library as a team document, in one transaction;
 * one already here is not added twice. Nothing here blocks on the
 * server; the library is written in the main loop, as the autosave does.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "storage/wf-sqlite.h"
#include "wf-team-documents.h"
#include "wf-team-init.h"
#include "wf-team-journal.h"
#include "wf-team-library.h"

/* One share or join on its way. */
typedef struct
{
  WfLibrary        *library;
  WfTeamConnection *connection;
  WfDocument       *document;
  gint64            doc;
  char             *team;       /* the team's id, from the check */
  char             *client;
  char             *tag;        /* NULL until the server gave it */
  gboolean          new_client;
  char             *team_id;    /* the document's id on the server */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->library);
  g_clear_object (&job->connection);
  g_clear_object (&job->document);
  g_free (job->team);
  g_free (job->client);
  g_free (job->tag);
  g_free (job->team_id);
  g_free (job);
}

/* Our client and tag on @team, or FALSE when this library has none yet. */
static gboolean
read_client (sqlite3     *db,
             const char  *team,
             char       **client,
             char       **tag)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT client, tag FROM team_clients WHERE team = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, team, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          *client = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          *tag = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          found = TRUE;
        }
    }
  sqlite3_finalize (stmt);

  return found;
}

static gboolean
insert_client (sqlite3     *db,
               Job         *job,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO team_clients (team, client, tag) VALUES (?1, ?2, ?3)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, job->team, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, job->client, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, job->tag, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, db, rc);

  return TRUE;
}

/* Writes the team document @job->doc at @seq, with the client, in one
 * transaction; with @job->doc 0, adds @job->document first. */
static gboolean
write_team_document (Job     *job,
                     gint64   seq,
                     GError **error)
{
  sqlite3 *db = wf_library_get_db (job->library);

  if (!wf_sqlite_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if ((job->doc == 0 && (job->doc = wf_sqlite_insert_document (db, job->document, error)) == 0) ||
      !insert_client (db, job, error) ||
      !wf_team_journal_write_state (db, job->doc, job->document, job->team, job->team_id,
                                    seq, "", error) ||
      !wf_sqlite_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/* Sharing */

static void
on_shared (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autofree char *tag = NULL;
  GError *error = NULL;

  if (!(job->team_id = wf_team_share_finish (job->connection, result, &tag, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_free (job->tag);
  job->tag = g_steal_pointer (&tag);
  if (!write_team_document (job, 1, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  wf_document_set_id_tag (job->document, job->tag);
  g_debug ("Shared library document %" G_GINT64_FORMAT " as team document %s",
           job->doc, job->team_id);
  g_task_return_pointer (task, g_strdup (job->team_id), g_free);
}

static void
on_share_checked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(WfTeamInfo) info = NULL;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(info = wf_team_check_finish (job->connection, result, &error)) ||
      !wf_team_info_allows (info, TRUE, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job->team = g_strdup (info->team);
  if (!read_client (wf_library_get_db (job->library), job->team, &job->client, &job->tag))
    job->client = g_uuid_string_random ();

  wf_team_share_async (job->connection, job->document, job->client,
                       g_task_get_cancellable (task), on_shared, g_object_ref (task));
}

/* Joining */

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 seq = 0;
  gint64 doc;

  if (!(job->document = wf_team_read_finish (job->connection, result, &seq, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Joined meanwhile (twice clicked): the first copy is the one. */
  if ((doc = wf_team_library_find (job->library, job->team_id)) != 0)
    {
      g_task_return_int (task, doc);
      return;
    }

  if (!write_team_document (job, seq, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Joined team document %s at %" G_GINT64_FORMAT " as library document %" G_GINT64_FORMAT,
           job->team_id, seq, job->doc);
  g_task_return_int (task, job->doc);
}

static void
on_registered (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PGresult) answer = NULL;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(answer = wf_team_connection_query_finish (job->connection, result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  job->tag = g_strdup (PQgetvalue (answer, 0, 0));
  wf_team_read_async (job->connection, job->team_id, g_task_get_cancellable (task),
                      on_read, g_object_ref (task));
}

static void
on_join_checked (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(WfTeamInfo) info = NULL;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(info = wf_team_check_finish (job->connection, result, &error)) ||
      !wf_team_info_allows (info, FALSE, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job->team = g_strdup (info->team);
  if (read_client (wf_library_get_db (job->library), job->team, &job->client, &job->tag))
    {
      wf_team_read_async (job->connection, job->team_id, g_task_get_cancellable (task),
                          on_read, g_object_ref (task));
      return;
    }

  job->client = g_uuid_string_random ();
  {
    const char * const params[] = { job->client };

    wf_team_connection_query_async (job->connection, "SELECT wayfinder.register ($1::uuid)",
                                    params, G_N_ELEMENTS (params), g_task_get_cancellable (task),
                                    on_registered, g_object_ref (task));
  }
}

/* Public API */

void
wf_team_local_free (WfTeamLocal *local)
{
  if (local == NULL)
    return;

  g_free (local->team);
  g_free (local->team_id);
  g_free (local->tag);
  g_free (local);
}

static void
append_value (GString    *string,
              const char *keyword,
              const char *value)
{
  if (string->len > 0)
    g_string_append_c (string, ' ');
  g_string_append_printf (string, "%s='", keyword);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (string, '\\');
      g_string_append_c (string, *p);
    }
  g_string_append_c (string, '\'');
}

/**
 * wf_team_conninfo_build:
 * @server: the team server as a person gave it: a libpq connection
 *   string or URI
 * @user: (nullable): the role to connect as, unless @server names one
 * @sslmode: (nullable): libpq's sslmode, unless @server has its own
 * @error: return location for a #WF_TEAM_ERROR_CONNECTION
 *
 * The connection string the app connects with. A @server that holds a
 * password is refused: the password belongs in the keyring.
 *
 * Returns: (transfer full) (nullable): a connection string, or %NULL
 */
char *
wf_team_conninfo_build (const char  *server,
                        const char  *user,
                        const char  *sslmode,
                        GError     **error)
{
  g_autoptr(GString) conninfo = g_string_new (NULL);
  PQconninfoOption *options;
  gboolean has_user = FALSE;
  gboolean has_sslmode = FALSE;
  char *errmsg = NULL;

  g_return_val_if_fail (server != NULL, NULL);

  if (wf_team_conninfo_has_password (server))
    {
      g_set_error_literal (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION,
                           _("The server’s address holds a password; remove it and enter the password in its own field, which keeps it in the keyring."));
      return NULL;
    }

  if (!wf_pq_load (error))
    return NULL;

  if (!(options = PQconninfoParse (server, &errmsg)))
    {
      g_autofree char *message = g_strstrip (g_strdup (errmsg ? errmsg : ""));

      PQfreemem (errmsg);
      g_set_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION,
                   _("The server’s address cannot be read: %s"), message);
      return NULL;
    }

  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (option->val != NULL && option->val[0] != '\0')
      {
        append_value (conninfo, option->keyword, option->val);
        has_user = has_user || strcmp (option->keyword, "user") == 0;
        has_sslmode = has_sslmode || strcmp (option->keyword, "sslmode") == 0;
      }
  PQconninfoFree (options);

  if (!has_user && user != NULL && user[0] != '\0')
    append_value (conninfo, "user", user);
  if (!has_sslmode && sslmode != NULL && sslmode[0] != '\0')
    append_value (conninfo, "sslmode", sslmode);

  return g_string_free (g_steal_pointer (&conninfo), FALSE);
}

/**
 * wf_team_library_lookup:
 * @doc: a document of @library
 *
 * Returns: (transfer full) (nullable): what makes @doc a team
 *   document, or %NULL when it is not one
 */
WfTeamLocal *
wf_team_library_lookup (WfLibrary *library,
                        gint64     doc)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  WfTeamLocal *local = NULL;

  g_return_val_if_fail (WF_IS_LIBRARY (library), NULL);

  db = wf_library_get_db (library);
  if (sqlite3_prepare_v2 (db, "SELECT d.team, d.team_id, c.tag FROM team_documents d"
                              " JOIN team_clients c ON c.team = d.team WHERE d.doc = ?1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, doc);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          local = g_new0 (WfTeamLocal, 1);
          local->doc = doc;
          local->team = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          local->team_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          local->tag = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
    }
  sqlite3_finalize (stmt);

  return local;
}

/**
 * wf_team_library_find:
 * @team_id: a document's id on the team server
 *
 * Returns: the local copy of that team document (one not in the
 *   trash), or 0
 */
gint64
wf_team_library_find (WfLibrary  *library,
                      const char *team_id)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 doc = 0;

  g_return_val_if_fail (WF_IS_LIBRARY (library), 0);
  g_return_val_if_fail (team_id != NULL, 0);

  db = wf_library_get_db (library);
  if (sqlite3_prepare_v2 (db, "SELECT t.doc FROM team_documents t JOIN documents d ON d.id = t.doc"
                              " WHERE t.team_id = ?1 AND d.trashed = 0 ORDER BY t.doc LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, team_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        doc = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  return doc;
}

/**
 * wf_team_library_list:
 *
 * Returns: (transfer container) (element-type WfTeamLocal): the team
 *   documents of @library not in the trash, by their row
 */
GPtrArray *
wf_team_library_list (WfLibrary *library)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_team_local_free);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (WF_IS_LIBRARY (library), list);

  db = wf_library_get_db (library);
  if (sqlite3_prepare_v2 (db, "SELECT t.doc, t.team, t.team_id, c.tag FROM team_documents t"
                              " JOIN documents d ON d.id = t.doc JOIN team_clients c ON c.team = t.team"
                              " WHERE d.trashed = 0 ORDER BY t.doc",
                          -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        WfTeamLocal *local = g_new0 (WfTeamLocal, 1);

        local->doc = sqlite3_column_int64 (stmt, 0);
        local->team = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        local->team_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        local->tag = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
        g_ptr_array_add (list, local);
      }
  sqlite3_finalize (stmt);

  return list;
}

/**
 * wf_team_library_share_async:
 * @doc: @document's row in @library, written (the autosave flushed)
 * @connection: an open connection to the team server
 *
 * Shares @document with the team: on success @doc is a team document
 * at seq 1, and @document has this library's id tag for the team.
 */
void
wf_team_library_share_async (WfLibrary           *library,
                             gint64               doc,
                             WfDocument          *document,
                             WfTeamConnection    *connection,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (WF_IS_LIBRARY (library));
  g_return_if_fail (WF_IS_DOCUMENT (document));
  g_return_if_fail (WF_IS_TEAM_CONNECTION (connection));
  g_return_if_fail (doc > 0);

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, wf_team_library_share_async);
  job = g_new0 (Job, 1);
  job->library = g_object_ref (library);
  job->connection = g_object_ref (connection);
  job->document = g_object_ref (document);
  job->doc = doc;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  {
    g_autoptr(WfTeamLocal) local = wf_team_library_lookup (library, doc);

    if (local != NULL)
      {
        g_task_return_new_error (task, WF_TEAM_ERROR, WF_TEAM_ERROR_FAILED, "%s",
                                 _("The document is already shared with a team"));
        g_object_unref (task);
        return;
      }
  }

  wf_team_check_async (connection, cancellable, on_share_checked, task);
}

/**
 * wf_team_library_share_finish:
 *
 * Returns: (transfer full) (nullable): the document's id on the team
 *   server, or %NULL
 */
char *
wf_team_library_share_finish (WfLibrary     *library,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, library), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * wf_team_library_join_async:
 * @connection: an open connection to the team server
 * @team_id: a team document's id on the server
 *
 * Adds the team document @team_id to @library from its state on the
 * server (registering this library with the team the first time), or
 * finds the copy already there.
 */
void
wf_team_library_join_async (WfLibrary           *library,
                            WfTeamConnection    *connection,
                            const char          *team_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Job *job;
  gint64 doc;

  g_return_if_fail (WF_IS_LIBRARY (library));
  g_return_if_fail (WF_IS_TEAM_CONNECTION (connection));
  g_return_if_fail (team_id != NULL);

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, wf_team_library_join_async);
  job = g_new0 (Job, 1);
  job->library = g_object_ref (library);
  job->connection = g_object_ref (connection);
  job->team_id = g_strdup (team_id);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if ((doc = wf_team_library_find (library, team_id)) != 0)
    {
      g_task_return_int (task, doc);
      g_object_unref (task);
      return;
    }

  wf_team_check_async (connection, cancellable, on_join_checked, task);
}

/**
 * wf_team_library_join_finish:
 *
 * Returns: the team document's row in the library, or 0
 */
gint64
wf_team_library_join_finish (WfLibrary     *library,
                             GAsyncResult  *result,
                             GError       **error)
{
  GError *own = NULL;
  gint64 doc;

  g_return_val_if_fail (g_task_is_valid (result, library), 0);

  doc = g_task_propagate_int (G_TASK (result), &own);
  if (own != NULL)
    {
      g_propagate_error (error, own);
      return 0;
    }

  return doc;
}
