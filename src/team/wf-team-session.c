/* wf-team-session.c — one open team document, live with the team server
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session connects, registers the client, reads the log after the
 * journal's seq a page at a time (applying each page with
 * wf_team_apply() and writing it with the autosave), then sends the
 * outbox in client_seq order, one push at a time. Our own records come
 * back through the log, where the journal ends their pending state
 * (docs/team-library.md, "Applying remote changes"). A notification
 * for this document with a seq above ours queues one read of the log; a
 * new record in the outbox is sent. When the connection ends the
 * session is offline and connects again after 1, 2, 4 … 60 s, and starts
 * over: catch up, then send what has no answer (push is idempotent by
 * client and client_seq).
 *
 * At each connect it reads the server's schema version and whether the
 * role may push (wf_team_check_async()): a server made for a newer
 * Wayfinder that this one may not write to is neither read nor sent to;
 * a viewer reads and does not send ("can-write"). A server out of disk
 * space (53100) gets the push again after a wait that grows as the
 * retries do, while the log is still read. While the network monitor
 * says there is no network, a server reached over the network is tried
 * only at the longest wait (the monitor may be wrong); when the network
 * comes, at once. A server on a Unix socket needs no network.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "storage/wf-sqlite.h"
#include "wf-team-apply.h"
#include "wf-team-init.h"
#include "wf-team-journal-private.h"
#include "wf-team-schema.h"
#include "wf-team-session.h"

struct _WfTeamSession
{
  GObject             parent_instance;

  WfTeamJournal      *journal;
  char               *conninfo;
  char               *team_id;

  WfTeamSessionState  state;
  GError             *error;
  gboolean            started;

  WfTeamConnection   *connection;
  GCancellable       *cancellable;   /* of the connection being made */

  struct
  {
    guint id;
    guint msec;                      /* the next wait */
    guint first;
    guint max;
  } retry;

  struct
  {
    gboolean busy;                   /* a page asked for or to be read */
    gboolean again;                  /* the log grew while busy */
    gboolean stopped;                /* a change could not be applied */
    guint    page_id;                /* the idle that asks for the next page */
    guint    n_states;               /* state reads, for tests */
  } read;

  struct
  {
    gboolean busy;                   /* a push without its answer */
    gboolean refused;                /* the role may not push: read only */
    gboolean can_write;              /* not known to be refused */
    gint64   answered;               /* the last client_seq answered on this connection */
    guint    wait_id;                /* the push again, the server's disk being full */
    guint    wait_msec;              /* the next such wait */
  } send;

  struct
  {
    GNetworkMonitor *monitor;
    gboolean         local;          /* the server is on this computer: no network needed */
  } network;
};

enum
{
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  PROP_CAN_WRITE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (WfTeamSessionState, wf_team_session_state,
                    G_DEFINE_ENUM_VALUE (WF_TEAM_SESSION_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (WF_TEAM_SESSION_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (WF_TEAM_SESSION_CATCHING_UP, "catching-up"),
                    G_DEFINE_ENUM_VALUE (WF_TEAM_SESSION_LIVE, "live"))

G_DEFINE_FINAL_TYPE (WfTeamSession, wf_team_session, G_TYPE_OBJECT)

#define UTC_STAMP(column) \
  "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static const char log_sql[] =
  "SELECT seq, client, client_seq, author, " UTC_STAMP ("at") ", ops::text "
  "FROM wayfinder.changes WHERE doc = $1::uuid AND seq > $2::bigint ORDER BY seq LIMIT "
  G_STRINGIFY (WF_TEAM_SESSION_PAGE);

static const char check_sql[] =
  "SELECT d.seq, d.horizon, (SELECT c.client || ':' || c.client_seq FROM wayfinder.changes c"
  " WHERE c.doc = d.id AND c.seq = $2::bigint) "
  "FROM wayfinder.documents d WHERE d.id = $1::uuid AND NOT d.removed";

/* The state (docs/team-library.md, "Catching up after days offline",
 * step 2), in one transaction: the document's seq and that change, its
 * live items with parents first and siblings by key, its open
 * conflicts, and which of our records the server has. */
static const char state_document_sql[] =
  "SELECT d.seq, c.client, c.client_seq FROM wayfinder.documents d"
  " LEFT JOIN wayfinder.changes c ON c.doc = d.id AND c.seq = d.seq"
  " WHERE d.id = $1::uuid AND NOT d.removed";

static const char state_items_sql[] =
  "SELECT id, type, parent, pos, value::text FROM wayfinder.items WHERE doc = $1::uuid AND removed IS NULL "
  "ORDER BY array_position (ARRAY['document', 'persona', 'map', 'phase', 'lane', 'card', 'link'], type),"
  " parent COLLATE \"C\", pos COLLATE \"C\", id COLLATE \"C\"";

static const char state_conflicts_sql[] =
  "SELECT f.seq, f.item, f.member, f.value::text, coalesce (c.author, ''), "
  "coalesce (" UTC_STAMP ("c.at") ", '') FROM wayfinder.conflicts f"
  " LEFT JOIN wayfinder.changes c ON c.doc = f.doc AND c.seq = f.seq"
  " WHERE f.doc = $1::uuid AND f.resolved IS NULL ORDER BY f.seq, f.item, f.member";

static const char state_ours_sql[] =
  "SELECT client_seq, seq FROM wayfinder.changes WHERE doc = $1::uuid AND client = $2::uuid"
  " ORDER BY client_seq";

static const char push_sql[] =
  "SELECT seq FROM wayfinder.push ($1::uuid, $2::uuid, $3::bigint, $4::int, $5, $6::json)";

static void connect_now (WfTeamSession *self);
static gboolean on_retry (gpointer data);
static void read_log (WfTeamSession *self);
static void send_next (WfTeamSession *self);

/* One push on its way: which record. */
typedef struct
{
  WfTeamSession *session;
  gint64         client_seq;
  const char    *client;       /* a new client id, being registered */
} Push;

static void
set_state (WfTeamSession      *self,
           WfTeamSessionState  state)
{
  if (self->state == state)
    return;

  g_debug ("Team document %s, client %s: %s", self->team_id, wf_team_journal_get_client (self->journal),
           g_enum_get_value (g_type_class_peek (WF_TYPE_TEAM_SESSION_STATE), state)->value_nick);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Takes @error (nullable). */
static void
set_error (WfTeamSession *self,
           GError        *error)
{
  if (self->error == NULL && error == NULL)
    return;

  if (error != NULL)
    g_debug ("Team document %s, client %s: %s", self->team_id, wf_team_journal_get_client (self->journal),
             error->message);
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_can_write (WfTeamSession *self,
               gboolean       can_write)
{
  if (self->send.can_write == can_write)
    return;

  self->send.can_write = can_write;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_WRITE]);
}

/* Whether the server is reached without a network: every host of the
 * connection string a Unix socket's folder (or none: libpq's default
 * socket), or this computer. */
static gboolean
is_local (const char *conninfo)
{
  PQconninfoOption *options = wf_pq_load (NULL) ? PQconninfoParse (conninfo, NULL) : NULL;
  const char *host = NULL;
  const char *hostaddr = NULL;
  g_auto(GStrv) hosts = NULL;
  gboolean local = TRUE;

  if (options == NULL)
    return FALSE;

  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (strcmp (option->keyword, "host") == 0)
      host = option->val;
    else if (strcmp (option->keyword, "hostaddr") == 0)
      hostaddr = option->val;

  hosts = g_strsplit (host != NULL ? host : "", ",", -1);
  for (guint i = 0; hosts[i] != NULL && local; i++)
    local = hosts[i][0] == '\0' || hosts[i][0] == '/' || hosts[i][0] == '@' ||
            g_str_equal (hosts[i], "localhost") || g_str_equal (hosts[i], "127.0.0.1") ||
            g_str_equal (hosts[i], "::1");
  if (hostaddr != NULL && hostaddr[0] != '\0')
    local = FALSE;

  PQconninfoFree (options);

  return local;
}

/* Whether the monitor says the server cannot be reached. */
static gboolean
no_network (WfTeamSession *self)
{
  return !self->network.local && !g_network_monitor_get_network_available (self->network.monitor);
}

static void
schedule_retry (WfTeamSession *self)
{
  if (!self->started || self->retry.id != 0)
    return;

  self->retry.id = g_timeout_add (self->retry.msec, on_retry, self);
  self->retry.msec = MIN (self->retry.msec * 2, self->retry.max);
}

static gboolean
on_retry (gpointer data)
{
  WfTeamSession *self = data;

  self->retry.id = 0;

  /* No network: only the longest wait tries, in case the monitor is
   * wrong; the network coming back tries at once. */
  if (no_network (self) && self->retry.msec < self->retry.max)
    {
      g_debug ("Team document %s: no network, not connecting", self->team_id);
      schedule_retry (self);
      return G_SOURCE_REMOVE;
    }

  connect_now (self);

  return G_SOURCE_REMOVE;
}

/* Forgets the connection and what was on its way through it: the
 * requests still waiting end with an error their callbacks ignore.
 */
static void
forget_connection (WfTeamSession *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      wf_team_connection_close (self->connection);
      g_clear_object (&self->connection);
    }

  g_clear_handle_id (&self->read.page_id, g_source_remove);
  g_clear_handle_id (&self->send.wait_id, g_source_remove);
  self->read.busy = FALSE;
  self->read.again = FALSE;
  self->send.busy = FALSE;
  self->send.answered = 0;
}

/* Takes @error: the connection ended or a request failed. Offline until
 * the next attempt. */
static void
go_offline (WfTeamSession *self,
            GError        *error)
{
  forget_connection (self);
  set_error (self, error);
  set_state (self, WF_TEAM_SESSION_OFFLINE);
  schedule_retry (self);
}

/* Takes @error: a refusal that trying again would not change. Offline
 * until wf_team_session_start(). */
static void
give_up (WfTeamSession *self,
         GError        *error)
{
  self->started = FALSE;
  g_clear_handle_id (&self->retry.id, g_source_remove);
  forget_connection (self);
  set_error (self, error);
  set_state (self, WF_TEAM_SESSION_OFFLINE);
}

/* Whether @source is the connection of now, not one forgotten. */
static gboolean
is_current (WfTeamSession *self,
            GObject       *source)
{
  return self->connection != NULL && (GObject *) self->connection == source;
}

/* Whether the callback of a query on @source goes on with @answer: not
 * when @source is a connection forgotten since (its error is dropped),
 * nor without an answer (the session goes offline with @error, which
 * it takes).
 */
static gboolean
answered (WfTeamSession *self,
          GObject       *source,
          gconstpointer  answer,
          GError        *error)
{
  if (!is_current (self, source))
    {
      g_clear_error (&error);
      return FALSE;
    }
  if (answer == NULL)
    {
      go_offline (self, error);
      return FALSE;
    }

  return TRUE;
}

/* Applying the log */

static gboolean
apply_row (WfTeamSession  *self,
           PGresult       *rows,
           int             row,
           GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  WfTeamChange change = {
    .seq = g_ascii_strtoll (PQgetvalue (rows, row, 0), NULL, 10),
    .client = PQgetvalue (rows, row, 1),
    .client_seq = g_ascii_strtoll (PQgetvalue (rows, row, 2), NULL, 10),
    .author = PQgetvalue (rows, row, 3),
    .at = PQgetvalue (rows, row, 4),
  };

  if (!json_parser_load_from_data (parser, PQgetvalue (rows, row, 5), -1, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, change.seq);

      g_set_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_INVALID,
                   _("Change %s on the team server cannot be read"), seq);
      return FALSE;
    }
  change.ops = json_node_get_array (root);

  return wf_team_apply (self->journal, &change, error);
}

static gboolean
on_next_page (gpointer data)
{
  WfTeamSession *self = data;

  self->read.page_id = 0;
  self->read.busy = FALSE;
  read_log (self);

  return G_SOURCE_REMOVE;
}

static void
on_log_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WfTeamSession) self = user_data;
  g_autoptr(PGresult) rows = NULL;
  GError *error = NULL;
  WfAutosave *autosave = wf_team_journal_get_autosave (self->journal);
  int n;

  rows = wf_team_connection_query_finish (WF_TEAM_CONNECTION (source), result, &error);
  if (!answered (self, source, rows, error))
    return;

  n = PQntuples (rows);
  for (int row = 0; row < n; row++)
    if (!apply_row (self, rows, row, &error))
      {
        /* Nothing after it can be applied: it waits for a newer
         * Wayfinder, or for someone to mend the server. */
        g_warning ("Team document %s: %s", self->team_id, error->message);
        self->read.stopped = TRUE;
        break;
      }

  /* One page, one transaction: the rows and the seq together. While a
   * title is being typed, the page waits for the pause with it: a flush
   * now would send the half-typed title as a change of its own, and
   * each answer to it would cut the title again. Until then the seq on
   * disk stays behind, so a crash reads the page again. */
  if ((error != NULL || !wf_autosave_is_waiting (autosave)) &&
      !wf_autosave_flush (autosave) && error == NULL)
    {
      const GError *failure = wf_autosave_get_error (autosave);

      error = failure != NULL ? g_error_copy (failure)
                              : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("The library could not be written"));
      self->read.stopped = TRUE;
    }

  if (self->read.stopped)
    {
      self->read.busy = FALSE;
      set_error (self, error);
      if (self->state == WF_TEAM_SESSION_CATCHING_UP)
        set_state (self, WF_TEAM_SESSION_LIVE);
      send_next (self);
      return;
    }

  /* The next page in the next turn of the main loop, so that a long
   * catch-up does not freeze the window. */
  if (n == WF_TEAM_SESSION_PAGE || self->read.again)
    {
      self->read.page_id = g_idle_add (on_next_page, self);
      return;
    }

  self->read.busy = FALSE;
  if (self->state == WF_TEAM_SESSION_CATCHING_UP)
    {
      self->retry.msec = self->retry.first;
      set_error (self, NULL);
      set_state (self, WF_TEAM_SESSION_LIVE);
    }
  send_next (self);
}

static void
read_log (WfTeamSession *self)
{
  g_autofree char *seq = NULL;

  if (self->connection == NULL || self->read.stopped ||
      (self->state != WF_TEAM_SESSION_CATCHING_UP && self->state != WF_TEAM_SESSION_LIVE))
    return;

  if (self->read.busy)
    {
      self->read.again = TRUE;
      return;
    }

  self->read.busy = TRUE;
  self->read.again = FALSE;
  seq = g_strdup_printf ("%" G_GINT64_FORMAT, wf_team_journal_get_seq (self->journal));
  {
    const char * const params[] = { self->team_id, seq };

    wf_team_connection_query_async (self->connection, log_sql, params, G_N_ELEMENTS (params), NULL,
                                    on_log_read, g_object_ref (self));
  }
}

/* Reading the state instead of the log */

/* What a state read needs to know when its answer comes. */
typedef struct
{
  WfTeamSession *session;
  gboolean       restored;   /* the server went back in time */
  gint64         horizon;
} StateRead;

static JsonNode *
parse_json (const char  *text,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  if ((root = json_parser_get_root (parser)) == NULL)
    {
      g_set_error_literal (error, WF_TEAM_ERROR, WF_TEAM_ERROR_INVALID,
                           _("The team server’s copy of the map cannot be read"));
      return NULL;
    }

  return json_node_copy (root);
}

/* The state's answers as wf_team_apply_state() takes them. */
static gboolean
apply_state (WfTeamSession  *self,
             StateRead      *read,
             GPtrArray      *answers,
             GError        **error)
{
  PGresult *document = g_ptr_array_index (answers, 1);
  PGresult *items = g_ptr_array_index (answers, 2);
  PGresult *conflicts = g_ptr_array_index (answers, 3);
  PGresult *ours = g_ptr_array_index (answers, 4);
  g_autoptr(JsonArray) item_ops = json_array_new ();
  g_autoptr(JsonArray) conflict_list = json_array_new ();
  g_autoptr(GArray) answered = g_array_new (FALSE, FALSE, sizeof (gint64));
  WfTeamState state = { 0 };

  if (PQntuples (document) != 1)
    {
      g_set_error_literal (error, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_DOCUMENT,
                           _("The document is not on the team server, or was removed from it"));
      return FALSE;
    }

  for (int row = 0; row < PQntuples (items); row++)
    {
      g_autoptr(JsonObject) op = json_object_new ();
      JsonNode *value = parse_json (PQgetvalue (items, row, 4), error);

      if (value == NULL)
        return FALSE;
      json_object_set_string_member (op, "op", "add");
      json_object_set_string_member (op, "id", PQgetvalue (items, row, 0));
      json_object_set_string_member (op, "type", PQgetvalue (items, row, 1));
      if (!PQgetisnull (items, row, 2))
        json_object_set_string_member (op, "parent", PQgetvalue (items, row, 2));
      if (!PQgetisnull (items, row, 3))
        json_object_set_string_member (op, "pos", PQgetvalue (items, row, 3));
      json_object_set_member (op, "value", value);
      json_array_add_object_element (item_ops, g_steal_pointer (&op));
    }

  for (int row = 0; row < PQntuples (conflicts); row++)
    {
      g_autoptr(JsonObject) conflict = json_object_new ();

      json_object_set_int_member (conflict, "seq", g_ascii_strtoll (PQgetvalue (conflicts, row, 0), NULL, 10));
      json_object_set_string_member (conflict, "item", PQgetvalue (conflicts, row, 1));
      json_object_set_string_member (conflict, "member", PQgetvalue (conflicts, row, 2));
      if (PQgetisnull (conflicts, row, 3))
        json_object_set_null_member (conflict, "value");
      else
        {
          /* As the log's values are kept: written again by json-glib. */
          g_autoptr(JsonNode) value = parse_json (PQgetvalue (conflicts, row, 3), NULL);
          g_autofree char *text = value ? json_to_string (value, FALSE) : g_strdup (PQgetvalue (conflicts, row, 3));

          json_object_set_string_member (conflict, "value", text);
        }
      json_object_set_string_member (conflict, "author", PQgetvalue (conflicts, row, 4));
      json_object_set_string_member (conflict, "at", PQgetvalue (conflicts, row, 5));
      json_array_add_object_element (conflict_list, g_steal_pointer (&conflict));
    }

  for (int row = 0; row < PQntuples (ours); row++)
    {
      gint64 client_seq = g_ascii_strtoll (PQgetvalue (ours, row, 0), NULL, 10);
      gint64 seq = g_ascii_strtoll (PQgetvalue (ours, row, 1), NULL, 10);

      g_array_append_val (answered, client_seq);
      g_array_append_val (answered, seq);
    }

  /* Our records the server lost are sent again; till then their members
   * are pending, and held back from the state. */
  if (read->restored && !_wf_team_journal_send_again (self->journal, answered, read->horizon, error))
    return FALSE;

  state.seq = g_ascii_strtoll (PQgetvalue (document, 0, 0), NULL, 10);
  state.client = PQgetisnull (document, 0, 1) ? "" : PQgetvalue (document, 0, 1);
  state.client_seq = PQgetisnull (document, 0, 2) ? 0 : g_ascii_strtoll (PQgetvalue (document, 0, 2), NULL, 10);
  state.items = item_ops;
  state.conflicts = conflict_list;
  state.answered = answered;

  return wf_team_apply_state (self->journal, &state, error);
}

static void
on_state_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  StateRead *read = user_data;
  g_autoptr(WfTeamSession) self = read->session;
  g_autoptr(GPtrArray) answers = NULL;
  WfAutosave *autosave = wf_team_journal_get_autosave (self->journal);
  GError *error = NULL;

  answers = wf_team_connection_batch_finish (WF_TEAM_CONNECTION (source), result, &error);
  if (!answered (self, source, answers, error))
    {
      g_free (read);
      return;
    }

  self->read.n_states++;
  if (!apply_state (self, read, answers, &error))
    {
      g_free (read);
      if (g_error_matches (error, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_DOCUMENT))
        give_up (self, error);
      else
        {
          g_warning ("Team document %s: %s", self->team_id, error->message);
          self->read.stopped = TRUE;
          self->read.busy = FALSE;
          set_error (self, error);
          set_state (self, WF_TEAM_SESSION_LIVE);
          send_next (self);
        }
      return;
    }
  g_free (read);

  /* The state, its seq and versions and keys, in one transaction. */
  if (!wf_autosave_flush (autosave))
    {
      const GError *failure = wf_autosave_get_error (autosave);

      self->read.stopped = TRUE;
      self->read.busy = FALSE;
      set_error (self, failure != NULL ? g_error_copy (failure)
                                       : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                              _("The library could not be written")));
      set_state (self, WF_TEAM_SESSION_LIVE);
      send_next (self);
      return;
    }

  /* What came after the state, from the log; then live, and sending. */
  self->read.busy = FALSE;
  self->read.again = FALSE;
  read_log (self);
}

/* Reads the document's state instead of its log: the log was shortened
 * past our seq, we are too far behind, or the server went back. */
static void
read_state (WfTeamSession *self,
            gboolean       restored,
            gint64         horizon)
{
  StateRead *read = g_new0 (StateRead, 1);
  static const char * const no_params[] = { NULL };

  g_debug ("Team document %s, client %s: reading the state%s", self->team_id,
           wf_team_journal_get_client (self->journal), restored ? ", the server went back" : "");

  /* A step being typed goes into the outbox first, so that its members
   * are pending and held back. */
  wf_autosave_flush (wf_team_journal_get_autosave (self->journal));

  read->session = g_object_ref (self);
  read->restored = restored;
  read->horizon = horizon;
  self->read.busy = TRUE;
  self->read.again = FALSE;
  {
    const char * const params[] = { self->team_id };
    const char * const our_params[] = { self->team_id, wf_team_journal_get_client (self->journal) };
    const WfTeamQuery queries[] = {
      { "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", no_params, 0 },
      { state_document_sql, params, 1 },
      { state_items_sql, params, 1 },
      { state_conflicts_sql, params, 1 },
      { state_ours_sql, our_params, 2 },
      { "COMMIT", no_params, 0 },
    };

    wf_team_connection_batch_async (self->connection, queries, G_N_ELEMENTS (queries), NULL,
                                    on_state_read, read);
  }
}

/* Sending the outbox */

static void
on_reregistered (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Push *push = user_data;
  g_autoptr(WfTeamSession) self = push->session;
  g_autofree char *client = (char *) push->client;
  g_autoptr(PGresult) answer = NULL;
  GError *error = NULL;

  g_free (push);
  answer = wf_team_connection_query_finish (WF_TEAM_CONNECTION (source), result, &error);
  if (!answered (self, source, answer, error))
    return;
  if (!_wf_team_journal_set_client (self->journal, client, PQgetvalue (answer, 0, 0), &error))
    {
      self->send.refused = TRUE;
      set_error (self, error);
      return;
    }

  /* The other library's records under our old id may have been taken
   * for ours: the state says what they did. Then the outbox is sent
   * under the new id. */
  self->send.busy = FALSE;
  self->send.answered = 0;
  set_state (self, WF_TEAM_SESSION_CATCHING_UP);
  read_state (self, FALSE, 0);
}

static gboolean
on_send_wait (gpointer data)
{
  WfTeamSession *self = data;

  self->send.wait_id = 0;
  send_next (self);

  return G_SOURCE_REMOVE;
}

static void
on_pushed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Push *push = user_data;
  g_autoptr(WfTeamSession) self = push->session;
  g_autoptr(PGresult) answer = NULL;
  gint64 client_seq = push->client_seq;
  GError *error = NULL;

  g_free (push);
  answer = wf_team_connection_query_finish (WF_TEAM_CONNECTION (source), result, &error);
  if (!is_current (self, source))
    {
      g_clear_error (&error);
      return;
    }
  self->send.busy = FALSE;
  if (g_error_matches (error, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_DOCUMENT) ||
      g_error_matches (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CLIENT_TOO_OLD))
    {
      give_up (self, error);
      return;
    }
  if (g_error_matches (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CLIENT_REUSED))
    {
      /* Another library sent this client_seq under our id with another
       * record: a copied library. This one registers a new id and sends
       * again (docs/team-library.md, "Failures"). */
      Push *again = g_new0 (Push, 1);
      char *client = g_uuid_string_random ();
      const char * const params[] = { client };

      g_debug ("Team document %s: client %s is used by another library too, now %s",
               self->team_id, wf_team_journal_get_client (self->journal), client);
      g_clear_error (&error);
      again->session = g_object_ref (self);
      again->client = client;
      self->send.busy = TRUE;
      wf_team_connection_query_async (self->connection, "SELECT wayfinder.register ($1::uuid)",
                                      params, G_N_ELEMENTS (params), NULL, on_reregistered, again);
      return;
    }
  if (g_error_matches (error, WF_TEAM_ERROR, WF_TEAM_ERROR_PERMISSION))
    {
      /* A viewer: the records wait in the outbox, the log is read. */
      self->send.refused = TRUE;
      set_can_write (self, FALSE);
      set_error (self, error);
      return;
    }
  if (error != NULL && g_strcmp0 (wf_team_error_get_sqlstate (error), "53100") == 0)
    {
      /* The server's disk is full: the record waits, the log is read,
       * and the push is tried again after a wait that grows. */
      GError *full = g_error_new_literal (WF_TEAM_ERROR, WF_TEAM_ERROR_FAILED,
                                          _("The team server is out of disk space; your changes are kept on this computer and sent when it has room."));

      wf_team_error_set_sqlstate (full, "53100");
      g_clear_error (&error);
      set_error (self, full);
      self->send.wait_id = g_timeout_add (self->send.wait_msec, on_send_wait, self);
      self->send.wait_msec = MIN (self->send.wait_msec * 2, self->retry.max);
      return;
    }
  if (answer == NULL)
    {
      /* Sent again after connecting again: either the server has it
       * and answers as the first time, or it never had it. */
      go_offline (self, error);
      return;
    }

  g_debug ("Team document %s, client %s: record %" G_GINT64_FORMAT " is change %s",
           self->team_id, wf_team_journal_get_client (self->journal), client_seq, PQgetvalue (answer, 0, 0));
  self->send.answered = client_seq;
  self->send.wait_msec = self->retry.first;
  if (self->error != NULL && g_strcmp0 (wf_team_error_get_sqlstate (self->error), "53100") == 0)
    set_error (self, NULL);

  /* It comes back through the log, where it is applied as ours. */
  if (g_ascii_strtoll (PQgetvalue (answer, 0, 0), NULL, 10) > wf_team_journal_get_seq (self->journal))
    read_log (self);
  send_next (self);
}

static void
send_next (WfTeamSession *self)
{
  sqlite3 *db = wf_library_get_db (wf_autosave_get_library (wf_team_journal_get_autosave (self->journal)));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (self->state != WF_TEAM_SESSION_LIVE || self->send.busy || self->send.refused ||
      self->send.wait_id != 0 || self->connection == NULL)
    return;

  rc = sqlite3_prepare_v2 (db, "SELECT client_seq, label, record FROM team_outbox"
                               " WHERE doc = ?1 AND seq IS NULL AND client_seq > ?2"
                               " ORDER BY client_seq LIMIT 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, wf_autosave_get_id (wf_team_journal_get_autosave (self->journal)));
      sqlite3_bind_int64 (stmt, 2, self->send.answered);
      rc = sqlite3_step (stmt);
    }

  if (rc == SQLITE_ROW)
    {
      g_autofree char *client_seq = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      const char * const params[] = {
        self->team_id, wf_team_journal_get_client (self->journal), client_seq,
        G_STRINGIFY (WF_TEAM_RECORD_VERSION), (const char *) sqlite3_column_text (stmt, 1),
        (const char *) sqlite3_column_text (stmt, 2),
      };
      Push *push = g_new0 (Push, 1);

      push->session = g_object_ref (self);
      push->client_seq = sqlite3_column_int64 (stmt, 0);
      self->send.busy = TRUE;
      wf_team_connection_query_async (self->connection, push_sql, params, G_N_ELEMENTS (params), NULL,
                                      on_pushed, push);
    }
  else if (rc != SQLITE_DONE)
    {
      GError *error = NULL;

      wf_sqlite_set_error (&error, db, rc);
      set_error (self, error);
    }

  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE && !self->read.busy)
    g_signal_emit (self, signals[IDLE], 0);
}

/* Callbacks */

static void
on_journal_recorded (WfTeamSession *self)
{
  send_next (self);
}

/* The network came (or changed): an offline session waiting to connect
 * again does so at once. */
static void
on_network_changed (WfTeamSession   *self,
                    gboolean         available,
                    GNetworkMonitor *monitor)
{
  if (!available || !self->started || self->connection != NULL || self->cancellable != NULL)
    return;

  g_debug ("Team document %s: the network changed, connecting", self->team_id);
  self->retry.msec = self->retry.first;
  connect_now (self);
}

static void
on_connection_notification (WfTeamSession    *self,
                            const char       *channel,
                            const char       *payload,
                            int               pid,
                            WfTeamConnection *connection)
{
  g_auto(GStrv) words = NULL;
  gint64 seq;

  if (g_strcmp0 (channel, "wayfinder") != 0 || payload == NULL)
    return;

  /* Our own pushes: their answer already asked for the log. */
  if (pid == wf_team_connection_get_backend_pid (connection))
    return;

  words = g_strsplit (payload, " ", -1);
  if (g_strv_length (words) != 2 || g_ascii_strcasecmp (words[0], self->team_id) != 0 ||
      !g_ascii_string_to_signed (words[1], 10, 1, G_MAXINT64, &seq, NULL))
    return;

  if (seq > wf_team_journal_get_seq (self->journal))
    read_log (self);
}

static void
on_connection_closed (WfTeamSession    *self,
                      const GError     *error,
                      WfTeamConnection *connection)
{
  go_offline (self, error != NULL ? g_error_copy (error)
                                  : g_error_new_literal (WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION,
                                                         _("The connection to the team server was closed")));
}

static void
on_document_checked (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(WfTeamSession) self = user_data;
  g_autoptr(PGresult) answer = NULL;
  GError *error = NULL;
  gint64 seq, horizon, ours;
  const char *last;
  gboolean restored;

  answer = wf_team_connection_query_finish (WF_TEAM_CONNECTION (source), result, &error);
  if (!answered (self, source, answer, error))
    return;

  if (PQntuples (answer) != 1)
    {
      give_up (self, g_error_new_literal (WF_TEAM_ERROR, WF_TEAM_ERROR_NO_DOCUMENT,
                                          _("The document is not on the team server, or was removed from it")));
      return;
    }

  /* The server went back in time (restored from an older backup): it
   * has fewer changes than we applied, or another one at our seq. A log
   * shortened past our seq, or one too long to read, gives the state
   * instead of the log too (docs/team-library.md, "Catching up after
   * days offline", step 2, and "Failures"). */
  seq = g_ascii_strtoll (PQgetvalue (answer, 0, 0), NULL, 10);
  horizon = g_ascii_strtoll (PQgetvalue (answer, 0, 1), NULL, 10);
  ours = wf_team_journal_get_seq (self->journal);
  last = _wf_team_journal_get_last (self->journal);
  restored = seq < ours ||
             (ours >= horizon && last != NULL && *last != '\0' &&
              g_strcmp0 (PQgetisnull (answer, 0, 2) ? NULL : PQgetvalue (answer, 0, 2), last) != 0);

  set_state (self, WF_TEAM_SESSION_CATCHING_UP);
  if (restored || ours < horizon - 1 || seq - ours > WF_TEAM_SESSION_STATE_AFTER)
    read_state (self, restored, horizon);
  else
    read_log (self);
}

static void
on_registered (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WfTeamSession) self = user_data;
  g_autoptr(PGresult) answer = NULL;
  GError *error = NULL;

  answer = wf_team_connection_query_finish (WF_TEAM_CONNECTION (source), result, &error);
  if (!answered (self, source, answer, error))
    return;

  {
    g_autofree char *ours = g_strdup_printf ("%" G_GINT64_FORMAT, wf_team_journal_get_seq (self->journal));
    const char * const params[] = { self->team_id, ours };

    wf_team_connection_query_async (self->connection, check_sql, params, G_N_ELEMENTS (params), NULL,
                                    on_document_checked, g_object_ref (self));
  }
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WfTeamSession) self = user_data;
  g_autoptr(WfTeamInfo) info = NULL;
  GError *error = NULL;

  info = wf_team_check_finish (WF_TEAM_CONNECTION (source), result, &error);
  if (g_error_matches (error, WF_TEAM_ERROR, WF_TEAM_ERROR_NO_SCHEMA) && is_current (self, source))
    {
      give_up (self, error);
      return;
    }
  if (!answered (self, source, info, error))
    return;

  /* A server made for a newer Wayfinder that this one may not write to
   * (docs/team-library.md, "A newer schema on the server"): nothing is
   * read or sent, the outbox keeps its records. */
  if (info->use == WF_TEAM_SCHEMA_INCOMPATIBLE)
    {
      give_up (self, g_error_new_literal (WF_TEAM_ERROR, WF_TEAM_ERROR_SCHEMA_NEWER,
                                          _("The team server was upgraded for a newer Wayfinder; update Wayfinder to share your changes. Your changes are kept on this computer.")));
      return;
    }
  if (!wf_team_info_allows (info, FALSE, &error))
    {
      give_up (self, error);
      return;
    }

  /* A viewer reads and keeps its records. */
  set_can_write (self, info->can_push);
  self->send.refused = !info->can_push;

  /* Registering a client the server knows changes nothing. */
  {
    const char * const params[] = { wf_team_journal_get_client (self->journal) };

    wf_team_connection_query_async (self->connection, "SELECT wayfinder.register ($1::uuid)",
                                    params, G_N_ELEMENTS (params), NULL, on_registered, g_object_ref (self));
  }
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WfTeamSession) self = user_data;
  g_autoptr(WfTeamConnection) connection = NULL;
  GError *error = NULL;

  connection = wf_team_connection_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->started)
    {
      g_clear_error (&error);
      return;
    }
  g_clear_object (&self->cancellable);
  if (connection == NULL)
    {
      go_offline (self, error);
      return;
    }

  self->connection = g_steal_pointer (&connection);
  g_signal_connect_object (self->connection, "notification", G_CALLBACK (on_connection_notification),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "closed", G_CALLBACK (on_connection_closed),
                           self, G_CONNECT_SWAPPED);

  /* What the server's schema and our role allow. */
  wf_team_check_async (self->connection, NULL, on_checked, g_object_ref (self));
}

static void
connect_now (WfTeamSession *self)
{
  g_assert (self->connection == NULL);

  g_clear_handle_id (&self->retry.id, g_source_remove);
  set_state (self, WF_TEAM_SESSION_CONNECTING);
  self->cancellable = g_cancellable_new ();
  wf_team_connection_new_async (self->conninfo, self->cancellable, on_connected, g_object_ref (self));
}

/* GObject */

static void
wf_team_session_dispose (GObject *object)
{
  WfTeamSession *self = WF_TEAM_SESSION (object);

  wf_team_session_stop (self);
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);
  g_clear_object (&self->journal);
  if (self->network.monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network.monitor, self);
  g_clear_object (&self->network.monitor);

  G_OBJECT_CLASS (wf_team_session_parent_class)->dispose (object);
}

static void
wf_team_session_finalize (GObject *object)
{
  WfTeamSession *self = WF_TEAM_SESSION (object);

  g_clear_error (&self->error);
  g_free (self->conninfo);
  g_free (self->team_id);

  G_OBJECT_CLASS (wf_team_session_parent_class)->finalize (object);
}

static void
wf_team_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WfTeamSession *self = WF_TEAM_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_CAN_WRITE:
      g_value_set_boolean (value, self->send.can_write);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_team_session_class_init (WfTeamSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wf_team_session_dispose;
  object_class->finalize = wf_team_session_finalize;
  object_class->get_property = wf_team_session_get_property;

  /**
   * WfTeamSession:state:
   *
   * Offline, connecting, catching up or live.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, WF_TYPE_TEAM_SESSION_STATE, WF_TEAM_SESSION_OFFLINE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * WfTeamSession:error:
   *
   * Why the session went offline or stopped applying the log, or %NULL
   * once it is live again.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * WfTeamSession:can-write:
   *
   * Whether the role may send changes: %TRUE until the server says
   * otherwise (a viewer), at connect or by refusing a push. A window
   * shows the document read-only when it is %FALSE.
   */
  properties[PROP_CAN_WRITE] =
    g_param_spec_boolean ("can-write", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WfTeamSession::idle:
   *
   * Emitted when the session is live with nothing on its way: the log
   * read to the end and nothing left in the outbox to send, as
   * wf_team_session_is_idle() then says.
   */
  signals[IDLE] =
    g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
wf_team_session_init (WfTeamSession *self)
{
  self->state = WF_TEAM_SESSION_OFFLINE;
  self->retry.first = WF_TEAM_SESSION_RETRY_FIRST;
  self->retry.max = WF_TEAM_SESSION_RETRY_MAX;
  self->retry.msec = self->retry.first;
  self->send.can_write = TRUE;
  self->send.wait_msec = self->retry.first;
}

/* Public API */

/**
 * wf_team_session_new:
 * @journal: the journal of an open team document
 * @conninfo: the team server's connection string
 * @team_id: the document's id on the server
 *
 * Makes a session, offline: wf_team_session_start() connects it.
 *
 * Returns: (transfer full): the session
 */
WfTeamSession *
wf_team_session_new (WfTeamJournal *journal,
                     const char    *conninfo,
                     const char    *team_id)
{
  WfTeamSession *self;

  g_return_val_if_fail (WF_IS_TEAM_JOURNAL (journal), NULL);
  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (team_id != NULL, NULL);

  self = g_object_new (WF_TYPE_TEAM_SESSION, NULL);
  self->journal = g_object_ref (journal);
  self->conninfo = g_strdup (conninfo);
  self->team_id = g_strdup (team_id);
  self->network.local = is_local (conninfo);
  g_signal_connect_swapped (journal, "recorded", G_CALLBACK (on_journal_recorded), self);
  wf_team_session_set_network_monitor (self, g_network_monitor_get_default ());

  return self;
}

/**
 * wf_team_session_start:
 *
 * Connects, and keeps connecting again whenever the connection ends,
 * until wf_team_session_stop().
 */
void
wf_team_session_start (WfTeamSession *self)
{
  g_return_if_fail (WF_IS_TEAM_SESSION (self));

  if (self->started)
    return;

  self->started = TRUE;
  self->send.refused = FALSE;
  self->read.stopped = FALSE;
  self->retry.msec = self->retry.first;
  connect_now (self);
}

/**
 * wf_team_session_stop:
 *
 * Ends the connection and does not connect again: offline. Records made
 * meanwhile wait in the outbox.
 */
void
wf_team_session_stop (WfTeamSession *self)
{
  g_return_if_fail (WF_IS_TEAM_SESSION (self));

  self->started = FALSE;
  g_clear_handle_id (&self->retry.id, g_source_remove);
  forget_connection (self);
  set_state (self, WF_TEAM_SESSION_OFFLINE);
}

WfTeamSessionState
wf_team_session_get_state (WfTeamSession *self)
{
  g_return_val_if_fail (WF_IS_TEAM_SESSION (self), WF_TEAM_SESSION_OFFLINE);

  return self->state;
}

/**
 * wf_team_session_get_error:
 *
 * Returns: (nullable): why the session is offline or stopped applying
 *   the log, or %NULL
 */
const GError *
wf_team_session_get_error (WfTeamSession *self)
{
  g_return_val_if_fail (WF_IS_TEAM_SESSION (self), NULL);

  return self->error;
}

WfTeamJournal *
wf_team_session_get_journal (WfTeamSession *self)
{
  g_return_val_if_fail (WF_IS_TEAM_SESSION (self), NULL);

  return self->journal;
}

/**
 * wf_team_session_get_connection:
 *
 * Returns: (nullable) (transfer none): the open connection, or %NULL
 *   while offline or connecting
 */
WfTeamConnection *
wf_team_session_get_connection (WfTeamSession *self)
{
  g_return_val_if_fail (WF_IS_TEAM_SESSION (self), NULL);

  return self->connection;
}

/**
 * wf_team_session_is_idle:
 *
 * Returns: whether the session is live with nothing on its way: no page
 *   of the log being read, no push without its answer, nothing in the
 *   outbox left to send
 */
gboolean
wf_team_session_is_idle (WfTeamSession *self)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean unsent = FALSE;

  g_return_val_if_fail (WF_IS_TEAM_SESSION (self), FALSE);

  if (self->state != WF_TEAM_SESSION_LIVE || self->read.busy || self->send.busy)
    return FALSE;

  db = wf_library_get_db (wf_autosave_get_library (wf_team_journal_get_autosave (self->journal)));
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM team_outbox WHERE doc = ?1 AND seq IS NULL AND client_seq > ?2",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, wf_autosave_get_id (wf_team_journal_get_autosave (self->journal)));
      sqlite3_bind_int64 (stmt, 2, self->send.answered);
      unsent = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);

  return !unsent;
}

/**
 * wf_team_session_get_n_state_reads:
 *
 * For tests: how often the session read the document's state instead of
 * the log.
 */
guint
wf_team_session_get_n_state_reads (WfTeamSession *self)
{
  g_return_val_if_fail (WF_IS_TEAM_SESSION (self), 0);

  return self->read.n_states;
}

/**
 * wf_team_session_set_retry:
 * @first_msec: the first wait before connecting again
 * @max_msec: the longest
 *
 * For tests: 1 s and 60 s unless set.
 */
void
wf_team_session_set_retry (WfTeamSession *self,
                           guint          first_msec,
                           guint          max_msec)
{
  g_return_if_fail (WF_IS_TEAM_SESSION (self));
  g_return_if_fail (first_msec > 0 && first_msec <= max_msec);

  self->retry.first = first_msec;
  self->retry.max = max_msec;
  self->retry.msec = first_msec;
  self->send.wait_msec = first_msec;
}

/**
 * wf_team_session_set_network_monitor:
 * @monitor: the monitor that says whether there is a network
 *
 * For tests: g_network_monitor_get_default() unless set.
 */
void
wf_team_session_set_network_monitor (WfTeamSession   *self,
                                     GNetworkMonitor *monitor)
{
  g_return_if_fail (WF_IS_TEAM_SESSION (self));
  g_return_if_fail (G_IS_NETWORK_MONITOR (monitor));

  if (self->network.monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network.monitor, self);
  g_set_object (&self->network.monitor, monitor);
  g_signal_connect_object (monitor, "network-changed", G_CALLBACK (on_network_changed), self, G_CONNECT_SWAPPED);
}

/**
 * wf_team_session_get_can_write:
 *
 * Returns: whether the role may send changes to the team server: %TRUE
 *   until the server says otherwise
 */
gboolean
wf_team_session_get_can_write (WfTeamSession *self)
{
  g_return_val_if_fail (WF_IS_TEAM_SESSION (self), FALSE);

  return self->send.can_write;
}
