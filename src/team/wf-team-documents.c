/* wf-team-documents.c — sharing a document with a team, listing and reading them
 *
 * Sharing registers the client (wayfinder.register() gives its tag) and
 * sends the document as its items (team/wf-team-state.c) to
 * wayfinder.share(). Reading is what a client new to a document does
 * ("Catching up", step 2, in docs/team-library.md): in one REPEATABLE
 * READ READ ONLY transaction, the document's seq, created and changed and
 * its live items; the items are read as a .journey file is, and
 * `created` and `modified` come from the server's created and changed.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wf-team-documents.h"
#include "wf-team-schema.h"
#include "wf-team-state.h"

#define UTC_STAMP(column) \
  "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static const char * const no_params[] = { NULL };

static const char list_sql[] =
  "SELECT id, title, " UTC_STAMP ("changed") ", changed_by FROM wayfinder.documents "
  "WHERE NOT removed ORDER BY changed DESC, id";

static const char read_document_sql[] =
  "SELECT seq, " UTC_STAMP ("created") ", " UTC_STAMP ("changed") " "
  "FROM wayfinder.documents WHERE id = $1::uuid AND NOT removed";

static const char read_items_sql[] =
  "SELECT id, type, parent, pos, value::text FROM wayfinder.items "
  "WHERE doc = $1::uuid AND removed IS NULL";

static void
on_shared (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) answers = NULL;
  GError *error = NULL;

  if (!(answers = wf_team_connection_batch_finish (WF_TEAM_CONNECTION (source), result, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_ptr_array_ref (answers), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PGresult) answer = NULL;
  GPtrArray *listings;
  GError *error = NULL;

  if (!(answer = wf_team_connection_query_finish (WF_TEAM_CONNECTION (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  listings = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_team_listing_free);
  for (int i = 0; i < PQntuples (answer); i++)
    {
      WfTeamListing *listing = g_new0 (WfTeamListing, 1);

      listing->id = g_strdup (PQgetvalue (answer, i, 0));
      listing->title = g_strdup (PQgetvalue (answer, i, 1));
      listing->changed = g_strdup (PQgetvalue (answer, i, 2));
      listing->changed_by = g_strdup (PQgetvalue (answer, i, 3));
      g_ptr_array_add (listings, listing);
    }

  g_task_return_pointer (task, listings, (GDestroyNotify) g_ptr_array_unref);
}

typedef struct
{
  WfDocument *document;
  gint64      seq;
} ReadState;

static void
read_state_free (ReadState *state)
{
  g_clear_object (&state->document);
  g_free (state);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GPtrArray) items = NULL;
  PGresult *document, *rows;
  ReadState *state;
  GError *error = NULL;

  if (!(answers = wf_team_connection_batch_finish (WF_TEAM_CONNECTION (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  document = g_ptr_array_index (answers, 1);
  rows = g_ptr_array_index (answers, 2);
  if (PQntuples (document) != 1)
    {
      g_task_return_new_error (task, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_DOCUMENT, "%s",
                               _("The document is not on the team server, or was removed from it"));
      return;
    }

  items = g_ptr_array_new_full (PQntuples (rows), (GDestroyNotify) wf_team_item_free);
  for (int i = 0; i < PQntuples (rows); i++)
    g_ptr_array_add (items, wf_team_item_new (PQgetvalue (rows, i, 0),
                                              PQgetvalue (rows, i, 1),
                                              PQgetisnull (rows, i, 2) ? NULL : PQgetvalue (rows, i, 2),
                                              PQgetisnull (rows, i, 3) ? NULL : PQgetvalue (rows, i, 3),
                                              PQgetvalue (rows, i, 4)));

  state = g_new0 (ReadState, 1);
  state->seq = g_ascii_strtoll (PQgetvalue (document, 0, 0), NULL, 10);
  state->document = wf_team_state_to_document (items, PQgetvalue (document, 0, 1),
                                               PQgetvalue (document, 0, 2), &error);
  if (state->document == NULL)
    {
      read_state_free (state);
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Read team document %s at %" G_GINT64_FORMAT ": %d items",
           (char *) g_task_get_task_data (task), state->seq, PQntuples (rows));
  g_task_return_pointer (task, state, (GDestroyNotify) read_state_free);
}

/* Public API */

void
wf_team_listing_free (WfTeamListing *listing)
{
  if (listing == NULL)
    return;

  g_free (listing->id);
  g_free (listing->title);
  g_free (listing->changed);
  g_free (listing->changed_by);
  g_free (listing);
}

/**
 * wf_team_share_async:
 * @document: the document to share
 * @client: this client's id, a UUID (registered here if new)
 *
 * Shares @document as a new team document with a new id.
 */
void
wf_team_share_async (WfTeamConnection    *connection,
                     WfDocument          *document,
                     const char          *client,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *json = NULL;
  g_autofree char *version = g_strdup_printf ("%d", WF_TEAM_RECORD_VERSION);
  GTask *task;
  char *id;

  g_return_if_fail (WF_IS_TEAM_CONNECTION (connection));
  g_return_if_fail (WF_IS_DOCUMENT (document));
  g_return_if_fail (client != NULL);

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, wf_team_share_async);
  id = g_uuid_string_random ();
  g_task_set_task_data (task, id, g_free);

  items = wf_team_state_from_document (document);
  json = wf_team_state_items_to_json (items);

  {
    const char * const register_params[] = { client };
    const char * const share_params[] = {
      id, client, version, wf_document_get_title (document), json
    };
    const WfTeamQuery queries[] = {
      { "SELECT wayfinder.register($1::uuid)", register_params, 1 },
      { "SELECT wayfinder.share($1::uuid, $2::uuid, $3::int, $4, $5::json)", share_params, 5 },
    };

    wf_team_connection_batch_async (connection, queries, G_N_ELEMENTS (queries), cancellable,
                                    on_shared, task);
  }
}

/**
 * wf_team_share_finish:
 * @tag: (out) (optional): the client's tag on this team
 *
 * Returns: (transfer full) (nullable): the new team document's id
 */
char *
wf_team_share_finish (WfTeamConnection  *connection,
                      GAsyncResult      *result,
                      char             **tag,
                      GError           **error)
{
  g_autoptr(GPtrArray) answers = NULL;

  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);

  if (!(answers = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  if (tag != NULL)
    *tag = g_strdup (PQgetvalue (g_ptr_array_index (answers, 0), 0, 0));

  return g_strdup (g_task_get_task_data (G_TASK (result)));
}

/**
 * wf_team_share_get_id:
 *
 * Returns: the id @result's share gave the document, also when it
 *   failed: after a %WF_TEAM_ERROR_TIMEOUT the server may have it
 */
const char *
wf_team_share_get_id (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wf_team_share_async, NULL);

  return g_task_get_task_data (G_TASK (result));
}

/**
 * wf_team_list_async:
 *
 * Lists the team's documents, the most recently changed first.
 */
void
wf_team_list_async (WfTeamConnection    *connection,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (WF_IS_TEAM_CONNECTION (connection));

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, wf_team_list_async);
  wf_team_connection_query_async (connection, list_sql, no_params, 0, cancellable, on_listed, task);
}

/**
 * wf_team_list_finish:
 *
 * Returns: (transfer container) (element-type WfTeamListing) (nullable):
 *   the documents
 */
GPtrArray *
wf_team_list_finish (WfTeamConnection  *connection,
                     GAsyncResult      *result,
                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * wf_team_read_async:
 * @id: the team document's id
 *
 * Reads the present state of a team document, as a client new to it does.
 */
void
wf_team_read_async (WfTeamConnection    *connection,
                    const char          *id,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (WF_IS_TEAM_CONNECTION (connection));
  g_return_if_fail (id != NULL);

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, wf_team_read_async);
  g_task_set_task_data (task, g_strdup (id), g_free);

  if (!g_uuid_string_is_valid (id))
    {
      g_task_return_new_error (task, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_DOCUMENT,
                               _("“%s” is not the id of a team document"), id);
      g_object_unref (task);
      return;
    }

  {
    const char * const params[] = { id };
    const WfTeamQuery queries[] = {
      { "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", no_params, 0 },
      { read_document_sql, params, 1 },
      { read_items_sql, params, 1 },
      { "COMMIT", no_params, 0 },
    };

    wf_team_connection_batch_async (connection, queries, G_N_ELEMENTS (queries), cancellable,
                                    on_read, task);
  }
}

/**
 * wf_team_read_finish:
 * @seq: (out) (optional): the last change the state holds
 *
 * Returns: (transfer full) (nullable): the document, or %NULL
 */
WfDocument *
wf_team_read_finish (WfTeamConnection  *connection,
                     GAsyncResult      *result,
                     gint64            *seq,
                     GError           **error)
{
  ReadState *state;
  WfDocument *document;

  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);

  if (!(state = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  if (seq != NULL)
    *seq = state->seq;
  document = g_steal_pointer (&state->document);
  read_state_free (state);

  return document;
}
