/* wf-team-connection.c — one connection to the team server, in the main loop
 *
 * libpq in the GLib main loop (docs/team-library.md): nothing here
 * blocks. Host names are looked up by GResolver and given to libpq as
 * hostaddr, since libpq itself would call the blocking getaddrinfo();
 * PQconnectPoll() is driven by watches on its socket, read again after
 * each poll; a GLib timeout stands for connect_timeout, which
 * PQconnectPoll() ignores. Requests wait in a queue and go one at a time
 * (PQsendQueryParams(), PQflush() while the socket takes more), their
 * answers are read when the socket has something (PQconsumeInput(),
 * PQgetResult()). The server ends a statement that runs or waits longer
 * than its statement_timeout, a bit under WF_TEAM_ANSWER_TIMEOUT; a
 * connection silent for WF_TEAM_ANSWER_TIMEOUT seconds while a request
 * waits is taken for a server gone, and ended: PQcancel() would block.
 * Notifications
 * arrive as the signal "notification"; the first query on a connection
 * is `LISTEN wayfinder`.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "wf-team-connection.h"

typedef enum {
  STATE_RESOLVING,
  STATE_CONNECTING,
  STATE_OPEN,
  STATE_CLOSED,
} State;

typedef struct
{
  char     *sql;
  GStrv     params;       /* NULL for a query without parameters */
  guint     n_params;
  gboolean *is_null;
  guint     batch_rest;   /* the parts of its batch that follow it */
} Request;

struct _WfTeamConnection
{
  GObject       parent_instance;

  State         state;
  PGconn       *conn;
  GMainContext *context;

  /* Connecting: the parsed options and the host names still to look up. */
  struct {
    GTask            *task;
    PQconninfoOption *options;
    GPtrArray        *hosts;       /* of the host option, one per host */
    GPtrArray        *addresses;   /* what each is to libpq's hostaddr, "" to leave it */
    guint             next;        /* the host to look up next */
    GSource          *timeout;
    GSource          *cancelled;
    guint             seconds;
  } connect;

  /* The socket's watch: what it waits for, on which descriptor. */
  struct {
    GSource      *source;
    int           fd;
    GIOCondition  condition;
  } watch;

  /* Requests: the one in flight first, then those waiting. */
  GQueue        requests;     /* GTask */
  gboolean      sent;         /* the head has been sent */
  gboolean      flushing;     /* PQflush() said there is more to send */
  PGresult     *result;       /* the head's answer so far */
  GSource      *answer_timeout;
  guint         answer_msec;
};

enum {
  NOTIFICATION,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Where passwords come from: the application's keyring (one per process). */
static WfTeamPasswordFunc password_func;
static gpointer password_data;

G_DEFINE_FINAL_TYPE (WfTeamConnection, wf_team_connection, G_TYPE_OBJECT)

static void update_watch  (WfTeamConnection *self,
                           GIOCondition      condition);
static void send_next     (WfTeamConnection *self);
static void connect_poll  (WfTeamConnection *self);

/* A timeout in the context the connection was made in. */
static GSource *
add_timeout (WfTeamConnection *self,
             guint             msec,
             GSourceFunc       func)
{
  GSource *source = g_timeout_source_new (msec);

  g_source_set_callback (source, func, self, NULL);
  g_source_set_static_name (source, "[wayfinder] team connection timeout");
  g_source_attach (source, self->context);

  return source;
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
request_free (Request *request)
{
  g_free (request->sql);
  g_strfreev (request->params);
  g_free (request->is_null);
  g_free (request);
}

/* libpq's messages end in a newline, and may be several lines. */
static char *
trimmed (const char *message)
{
  char *text = g_strdup (message ? message : "");

  return g_strstrip (text);
}

/* The patterns of a password in a connection string or a message that
 * quotes one: a URI's "user:password@", and "password=…" (quoted or not,
 * also as a URI's parameter); the password is group 2. */
static GRegex *
password_pattern (gboolean in_uri)
{
  return in_uri
    ? g_regex_new ("(://[^:/@\\s\\[]*:)([^@\\s]*)@", 0, 0, NULL)
    : g_regex_new ("(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^\\s&'\"]*)",
                   G_REGEX_CASELESS, 0, NULL);
}

/* @message (taken) without a password it may quote: what the patterns
 * find in it, and whatever @conninfo (if not %NULL) has as its password,
 * wherever the message has that text (libpq quotes a token it cannot
 * read alone). */
static char *
without_password (char       *message,
                  const char *conninfo)
{
  for (guint in_uri = 0; in_uri < 2; in_uri++)
    {
      g_autoptr(GRegex) pattern = password_pattern (in_uri);
      g_autoptr(GMatchInfo) match = NULL;
      char *hidden;

      if (conninfo != NULL && g_regex_match (pattern, conninfo, 0, &match))
        {
          g_autofree char *secret = g_match_info_fetch (match, 2);

          if (secret != NULL && secret[0] != '\0')
            {
              g_auto(GStrv) pieces = g_strsplit (message, secret, -1);

              g_free (message);
              message = g_strjoinv ("***", pieces);
            }
        }

      hidden = g_regex_replace (pattern, message, -1, 0, in_uri ? "\\1***@" : "\\1***", 0, NULL);
      g_free (message);
      message = hidden;
    }

  return message;
}

/* What libpq says went wrong, on one line. */
static char *
libpq_message (WfTeamConnection *self)
{
  char *message = without_password (trimmed (self->conn ? PQerrorMessage (self->conn) : NULL), NULL);

  if (message[0] == '\0')
    {
      g_free (message);
      message = g_strdup (_("no answer"));
    }

  /* "failed: No such file…\n\tIs the server running…" on one line,
   * each line its own clause. */
  {
    g_auto(GStrv) lines = g_strsplit (message, "\n", -1);
    g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
    g_auto(GStrv) clauses = NULL;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_strdelimit (g_strstrip (lines[i]), "\t", ' ');
        if (lines[i][0] != '\0')
          g_strv_builder_add (kept, lines[i]);
      }
    clauses = g_strv_builder_end (kept);
    g_free (message);
    message = g_strjoinv ("; ", clauses);
  }

  return message;
}

#define connection_error(self, code, format) \
  ({ g_autofree char *_message = libpq_message (self); \
     g_error_new (WF_TEAM_ERROR, (code), format, _message); })

/* An error answer of the server as a GError, SQLSTATE kept. */
static GError *
result_error (PGresult *result)
{
  const char *sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  const char *primary = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
  const char *detail = PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL);
  WfTeamErrorEnum code = wf_team_error_from_sqlstate (sqlstate);
  g_autofree char *server = trimmed (primary ? primary : PQresultErrorMessage (result));
  GError *error;

  if (detail != NULL && detail[0] != '\0')
    {
      g_autofree char *both = g_strdup_printf ("%s (%s)", server, detail);

      g_free (server);
      server = g_steal_pointer (&both);
    }

  switch (code)
    {
    case WF_TEAM_ERROR_CLIENT_TOO_OLD:
      error = g_error_new (WF_TEAM_ERROR, code, "%s",
                           _("The team server was upgraded for a newer Wayfinder; update Wayfinder to share your changes."));
      break;

    case WF_TEAM_ERROR_NO_DOCUMENT:
      error = g_error_new (WF_TEAM_ERROR, code, "%s",
                           _("The document is not on the team server, or was removed from it"));
      break;

    case WF_TEAM_ERROR_NO_SCHEMA:
      error = g_error_new (WF_TEAM_ERROR, code, "%s",
                           _("This database holds no team library; run “wayfinder team init” first"));
      break;

    default:
      error = g_error_new (WF_TEAM_ERROR, code, _("The team server refused: %s"), server);
      break;
    }

  wf_team_error_set_sqlstate (error, sqlstate);

  return error;
}

static void
clear_connect (WfTeamConnection *self)
{
  clear_source (&self->connect.timeout);
  clear_source (&self->connect.cancelled);
  g_clear_pointer (&self->connect.options, PQconninfoFree);
  g_clear_pointer (&self->connect.hosts, g_ptr_array_unref);
  g_clear_pointer (&self->connect.addresses, g_ptr_array_unref);
}

/* Ends the connection, failing every request with @error (taken).
 * Returning the connect task may drop the last reference to @self (its
 * task data), so @self is held until the end. */
static void
close_with_error (WfTeamConnection *self,
                  GError           *error)
{
  GTask *task;
  State was = self->state;

  g_object_ref (self);
  self->state = STATE_CLOSED;
  update_watch (self, 0);
  clear_source (&self->answer_timeout);
  clear_connect (self);
  g_clear_pointer (&self->result, PQclear);
  g_clear_pointer (&self->conn, PQfinish);
  self->sent = FALSE;
  self->flushing = FALSE;

  if (self->connect.task != NULL)
    {
      task = g_steal_pointer (&self->connect.task);
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
    }

  while ((task = g_queue_pop_head (&self->requests)) != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
    }

  if (was == STATE_OPEN)
    {
      g_debug ("Team connection closed: %s", error ? error->message : "");
      g_signal_emit (self, signals[CLOSED], 0, error);
    }

  g_clear_error (&error);
  g_object_unref (self);
}

static gboolean
on_answer_timeout (gpointer user_data)
{
  WfTeamConnection *self = user_data;
  guint seconds = (self->answer_msec + 999) / 1000;

  g_clear_pointer (&self->answer_timeout, g_source_unref);
  close_with_error (self, g_error_new (WF_TEAM_ERROR, WF_TEAM_ERROR_TIMEOUT,
                                       g_dngettext (GETTEXT_PACKAGE,
                                                    "The team server did not answer in %u second; the connection was ended",
                                                    "The team server did not answer in %u seconds; the connection was ended",
                                                    seconds),
                                       seconds));

  return G_SOURCE_REMOVE;
}

/* The answer limit counts from the last sign of life of the connection. */
static void
restart_answer_timeout (WfTeamConnection *self)
{
  clear_source (&self->answer_timeout);
  if (self->sent)
    self->answer_timeout = add_timeout (self, self->answer_msec, on_answer_timeout);
}

/* The server's statement_timeout for the answer limit, in milliseconds. */
static guint
statement_msec (WfTeamConnection *self)
{
  return MAX (1, (guint) (self->answer_msec * WF_TEAM_STATEMENT_SHARE));
}

static void
emit_notifications (WfTeamConnection *self)
{
  PGnotify *notify;

  g_object_ref (self);
  while (self->conn != NULL && (notify = PQnotifies (self->conn)) != NULL)
    {
      g_signal_emit (self, signals[NOTIFICATION], 0, notify->relname, notify->extra,
                     notify->be_pid);
      PQfreemem (notify);
    }
  g_object_unref (self);
}

/* The head request's answer is complete: hand it over. */
static void
finish_request (WfTeamConnection *self)
{
  g_autoptr(GTask) task = g_queue_pop_head (&self->requests);
  PGresult *result = g_steal_pointer (&self->result);

  self->sent = FALSE;
  clear_source (&self->answer_timeout);

  if (result == NULL)
    g_task_return_new_error (task, WF_TEAM_ERROR, WF_TEAM_ERROR_FAILED, "%s",
                             _("The team server gave no answer"));
  else if (PQresultStatus (result) == PGRES_FATAL_ERROR ||
           PQresultStatus (result) == PGRES_NONFATAL_ERROR ||
           PQresultStatus (result) == PGRES_BAD_RESPONSE)
    {
      g_task_return_error (task, result_error (result));
      PQclear (result);
    }
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, result, (GDestroyNotify) PQclear);
  else
    PQclear (result);
}

/* Reads what the socket has: answers, then notifications. */
static void
read_input (WfTeamConnection *self)
{
  if (!PQconsumeInput (self->conn))
    {
      close_with_error (self, connection_error (self, WF_TEAM_ERROR_CONNECTION,
                                                _("The connection to the team server was lost: %s")));
      return;
    }

  while (self->sent && !PQisBusy (self->conn))
    {
      PGresult *result = PQgetResult (self->conn);

      if (result == NULL)
        {
          finish_request (self);
          break;
        }

      /* Several statements: the first error, else the last answer. */
      if (self->result == NULL || PQresultStatus (self->result) != PGRES_FATAL_ERROR)
        {
          g_clear_pointer (&self->result, PQclear);
          self->result = result;
        }
      else
        PQclear (result);
    }

  emit_notifications (self);

  if (self->conn != NULL && PQstatus (self->conn) == CONNECTION_BAD)
    {
      close_with_error (self, connection_error (self, WF_TEAM_ERROR_CONNECTION,
                                                _("The connection to the team server was lost: %s")));
      return;
    }

  if (self->state == STATE_OPEN && !self->sent)
    send_next (self);
}

static void
flush (WfTeamConnection *self)
{
  int flushed = PQflush (self->conn);

  if (flushed < 0)
    {
      close_with_error (self, connection_error (self, WF_TEAM_ERROR_CONNECTION,
                                                _("The connection to the team server was lost: %s")));
      return;
    }

  self->flushing = flushed == 1;
  update_watch (self, G_IO_IN | (self->flushing ? G_IO_OUT : 0));
}

static gboolean
on_socket_ready (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  WfTeamConnection *self = user_data;

  g_object_ref (self);

  if (self->state == STATE_CONNECTING)
    connect_poll (self);
  else if (self->state == STATE_OPEN)
    {
      /* Bytes go or come: the server is there. */
      restart_answer_timeout (self);
      if ((condition & G_IO_OUT) && self->flushing)
        flush (self);
      if (self->state == STATE_OPEN && (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR)))
        read_input (self);
    }

  g_object_unref (self);

  return G_SOURCE_CONTINUE;
}

/* Watches libpq's socket (read again: it may change) for @condition, or
 * for nothing.
 */
static void
update_watch (WfTeamConnection *self,
              GIOCondition      condition)
{
  int fd = self->conn != NULL && condition != 0 ? PQsocket (self->conn) : -1;

  if (fd < 0)
    condition = 0;

  if (self->watch.source != NULL && self->watch.fd == fd && self->watch.condition == condition)
    return;

  if (self->watch.source != NULL)
    {
      g_source_destroy (self->watch.source);
      g_clear_pointer (&self->watch.source, g_source_unref);
    }

  self->watch.fd = fd;
  self->watch.condition = condition;

  if (condition == 0)
    return;

  self->watch.source = g_unix_fd_source_new (fd, condition);
  g_source_set_callback (self->watch.source, G_SOURCE_FUNC (on_socket_ready), self, NULL);
  g_source_set_static_name (self->watch.source, "[wayfinder] team connection");
  g_source_attach (self->watch.source, self->context);
}

static void
send_next (WfTeamConnection *self)
{
  GTask *task;
  Request *request;
  int sent;

  /* A request given up on before it was sent is dropped, and with it
   * the rest of its batch: only a batch's first part has the
   * cancellable, so a batch once begun is sent whole (a BEGIN without
   * its COMMIT would leave the connection inside the transaction). */
  while ((task = g_queue_peek_head (&self->requests)) != NULL &&
         g_task_return_error_if_cancelled (task))
    {
      guint rest = ((Request *) g_task_get_task_data (task))->batch_rest;
      g_autoptr(GError) cancelled = NULL;

      g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &cancelled);
      g_object_unref (g_queue_pop_head (&self->requests));
      for (; rest > 0; rest--)
        {
          GTask *part = g_queue_pop_head (&self->requests);

          g_task_return_error (part, g_error_copy (cancelled));
          g_object_unref (part);
        }
    }

  if (task == NULL)
    {
      update_watch (self, G_IO_IN);
      return;
    }

  request = g_task_get_task_data (task);
  if (request->params != NULL)
    {
      g_autofree const char **values = g_new0 (const char *, request->n_params + 1);

      for (guint i = 0; i < request->n_params; i++)
        values[i] = request->is_null[i] ? NULL : request->params[i];

      sent = PQsendQueryParams (self->conn, request->sql, (int) request->n_params, NULL,
                                values, NULL, NULL, 0);
    }
  else
    sent = PQsendQuery (self->conn, request->sql);

  if (!sent)
    {
      GError *error = connection_error (self, WF_TEAM_ERROR_CONNECTION,
                                        _("Could not send a request to the team server: %s"));

      if (PQstatus (self->conn) == CONNECTION_BAD)
        {
          close_with_error (self, error);
          return;
        }

      g_queue_pop_head (&self->requests);
      g_task_return_error (task, error);
      g_object_unref (task);
      send_next (self);
      return;
    }

  self->sent = TRUE;
  restart_answer_timeout (self);
  flush (self);
}

static void
on_listen_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  WfTeamConnection *self = WF_TEAM_CONNECTION (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(PGresult) answer = NULL;
  GError *error = NULL;

  if (!(answer = wf_team_connection_query_finish (self, result, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

/* Connected: LISTEN first, then the connection is handed over. */
static void
opened (WfTeamConnection *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->connect.task);

  clear_connect (self);
  g_debug ("Team connection open: %s@%s, backend %d", PQuser (self->conn),
           PQhost (self->conn), PQbackendPID (self->conn));

  /* The message alone: what goes to a person is one line. */
  PQsetErrorVerbosity (self->conn, PQERRORS_TERSE);
  if (PQsetnonblocking (self->conn, 1) != 0)
    {
      GError *error = connection_error (self, WF_TEAM_ERROR_CONNECTION,
                                        _("Could not connect to the team server: %s"));

      g_task_return_error (task, g_error_copy (error));
      close_with_error (self, error);
      return;
    }

  self->state = STATE_OPEN;
  wf_team_connection_query_async (self, "LISTEN wayfinder", (const char *[]) { NULL }, 0,
                                  g_task_get_cancellable (task),
                                  on_listen_done, g_object_ref (task));
}

static void
connect_poll (WfTeamConnection *self)
{
  switch (PQconnectPoll (self->conn))
    {
    case PGRES_POLLING_OK:
      opened (self);
      break;

    case PGRES_POLLING_READING:
      update_watch (self, G_IO_IN);
      break;

    case PGRES_POLLING_WRITING:
      update_watch (self, G_IO_OUT);
      break;

    case PGRES_POLLING_FAILED:
    default:
      {
        g_autofree char *message = libpq_message (self);

        /* In plain words, libpq's own as the detail. */
        close_with_error (self, wf_team_error_new_connect (message, PQconnectionNeedsPassword (self->conn)));
      }
      break;
    }
}

static gboolean
on_connect_timeout (gpointer user_data)
{
  WfTeamConnection *self = user_data;

  g_clear_pointer (&self->connect.timeout, g_source_unref);
  close_with_error (self, g_error_new (WF_TEAM_ERROR, WF_TEAM_ERROR_TIMEOUT,
                                       g_dngettext (GETTEXT_PACKAGE,
                                                    "Could not connect to the team server: no answer in %u second",
                                                    "Could not connect to the team server: no answer in %u seconds",
                                                    self->connect.seconds),
                                       self->connect.seconds));

  return G_SOURCE_REMOVE;
}

static gboolean
on_connect_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  WfTeamConnection *self = user_data;
  GError *error = NULL;

  g_clear_pointer (&self->connect.cancelled, g_source_unref);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  close_with_error (self, error);

  return G_SOURCE_REMOVE;
}

static PQconninfoOption *
find_option (PQconninfoOption *options,
             const char       *keyword)
{
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (strcmp (option->keyword, keyword) == 0)
      return option;

  return NULL;
}

/* Sets @keyword to @value unless the connection string gave it. */
static void
set_default (PQconninfoOption *options,
             const char       *keyword,
             const char       *value)
{
  PQconninfoOption *option = find_option (options, keyword);

  if (option != NULL && (option->val == NULL || option->val[0] == '\0'))
    {
      /* PQconninfoFree() frees with free(). */
      free (option->val);
      option->val = strdup (value);
    }
}

static void
set_option (PQconninfoOption *options,
            const char       *keyword,
            const char       *value)
{
  PQconninfoOption *option = find_option (options, keyword);

  g_assert (option != NULL);
  free (option->val);
  option->val = value != NULL ? strdup (value) : NULL;
}

static void
on_notice (void       *user_data,
           const char *message)
{
  g_autofree char *text = trimmed (message);

  g_debug ("Team server: %s", text);
}

/* Every name looked up: libpq connects with hostaddr and never looks up
 * a name itself.
 */
static void
start_connect (WfTeamConnection *self)
{
  g_autoptr(GPtrArray) keywords = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  PQconninfoOption *option;
  const char *port_text = find_option (self->connect.options, "port")->val;
  g_auto(GStrv) ports = g_strsplit (port_text ? port_text : "", ",", -1);
  gboolean port_each = g_strv_length (ports) > 1 && g_strv_length (ports) == self->connect.hosts->len;
  g_autoptr(GString) hosts = g_string_new (NULL);
  g_autoptr(GString) addresses = g_string_new (NULL);
  g_autoptr(GString) each_port = g_string_new (NULL);
  gboolean any = FALSE;

  /* A name with several addresses is that many hosts to libpq, which
   * tries them in order, as it would have tried the addresses itself;
   * the ports, if one per host, follow. */
  for (guint i = 0; i < self->connect.hosts->len; i++)
    {
      const char *address = g_ptr_array_index (self->connect.addresses, i);
      g_auto(GStrv) several = g_strsplit (address, ",", -1);

      if (several[0] == NULL)
        {
          g_strfreev (several);
          several = g_new0 (char *, 2);
          several[0] = g_strdup ("");
        }

      for (guint j = 0; several[j] != NULL; j++)
        {
          if (i > 0 || j > 0)
            {
              g_string_append_c (hosts, ',');
              g_string_append_c (addresses, ',');
              g_string_append_c (each_port, ',');
            }
          g_string_append (hosts, g_ptr_array_index (self->connect.hosts, i));
          g_string_append (addresses, several[j]);
          if (port_each)
            g_string_append (each_port, ports[i]);
          any = any || several[j][0] != '\0';
        }
    }

  if (any)
    {
      set_option (self->connect.options, "host", hosts->str);
      set_option (self->connect.options, "hostaddr", addresses->str);
      if (port_each)
        set_option (self->connect.options, "port", each_port->str);
    }

  for (option = self->connect.options; option->keyword != NULL; option++)
    if (option->val != NULL)
      {
        g_ptr_array_add (keywords, option->keyword);
        g_ptr_array_add (values, option->val);
      }
  g_ptr_array_add (keywords, NULL);
  g_ptr_array_add (values, NULL);

  self->state = STATE_CONNECTING;
  self->conn = PQconnectStartParams ((const char * const *) keywords->pdata,
                                     (const char * const *) values->pdata, 0);

  if (self->conn == NULL || PQstatus (self->conn) == CONNECTION_BAD)
    {
      g_autofree char *message = libpq_message (self);

      close_with_error (self, wf_team_error_new_connect (message, FALSE));
      return;
    }

  PQsetNoticeProcessor (self->conn, on_notice, NULL);
  /* While connecting, the server's messages with their SQLSTATE
   * (wf_team_error_new_connect() finds it there: a failed connect has
   * no result to ask); once open, the message alone. */
  PQsetErrorVerbosity (self->conn, PQERRORS_VERBOSE);

  /* From PGRES_POLLING_WRITING on, as the manual says. */
  update_watch (self, G_IO_OUT);
}

/* Notices (and a FATAL that comes as one) go to the debug log, not to
 * standard error. */
static void resolve_next (WfTeamConnection *self);

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WfTeamConnection) self = user_data;
  g_autolist(GInetAddress) addresses = NULL;
  g_autoptr(GError) error = NULL;
  const char *host;

  if (self->state != STATE_RESOLVING)
    return;

  host = g_ptr_array_index (self->connect.hosts, self->connect.next);
  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  if (addresses == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        close_with_error (self, g_steal_pointer (&error));
      else
        close_with_error (self, g_error_new (WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION,
                                             _("Could not connect to the team server: could not find “%s”: %s"),
                                             host, error->message));
      return;
    }

  {
    g_autoptr(GString) all = g_string_new (NULL);

    for (GList *l = addresses; l != NULL; l = l->next)
      {
        g_autofree char *text = g_inet_address_to_string (l->data);

        if (all->len > 0)
          g_string_append_c (all, ',');
        g_string_append (all, text);
      }

    g_free (g_ptr_array_index (self->connect.addresses, self->connect.next));
    g_ptr_array_index (self->connect.addresses, self->connect.next) = g_string_free (g_steal_pointer (&all), FALSE);
  }
  self->connect.next++;
  resolve_next (self);
}

static void
resolve_next (WfTeamConnection *self)
{
  while (self->connect.next < self->connect.hosts->len)
    {
      const char *host = g_ptr_array_index (self->connect.hosts, self->connect.next);
      const char *address = g_ptr_array_index (self->connect.addresses, self->connect.next);

      /* A path, a number, or an address the string gave: nothing to look up. */
      if (address[0] == '\0' && host[0] != '\0' && host[0] != '/' && host[0] != '@' &&
          !g_hostname_is_ip_address (host))
        {
          g_autoptr(GResolver) resolver = g_resolver_get_default ();

          g_resolver_lookup_by_name_async (resolver, host,
                                           g_task_get_cancellable (self->connect.task),
                                           on_resolved, g_object_ref (self));
          return;
        }

      self->connect.next++;
    }

  start_connect (self);
}

/* Overrides */

static void
wf_team_connection_dispose (GObject *object)
{
  WfTeamConnection *self = WF_TEAM_CONNECTION (object);

  update_watch (self, 0);
  clear_source (&self->answer_timeout);
  clear_connect (self);
  g_clear_pointer (&self->result, PQclear);
  g_clear_pointer (&self->conn, PQfinish);
  self->state = STATE_CLOSED;

  G_OBJECT_CLASS (wf_team_connection_parent_class)->dispose (object);
}

static void
wf_team_connection_finalize (GObject *object)
{
  WfTeamConnection *self = WF_TEAM_CONNECTION (object);

  g_assert (g_queue_is_empty (&self->requests));
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (wf_team_connection_parent_class)->finalize (object);
}

static void
wf_team_connection_class_init (WfTeamConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wf_team_connection_dispose;
  object_class->finalize = wf_team_connection_finalize;

  /**
   * WfTeamConnection::notification:
   * @channel: the channel, "wayfinder"
   * @payload: what the sender said, "DOC SEQ" for a push
   * @pid: the sending backend's process id
   *
   * A NOTIFY arrived on a channel this connection listens to.
   */
  signals[NOTIFICATION] =
    g_signal_new ("notification", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);

  /**
   * WfTeamConnection::closed:
   * @error: why
   *
   * The open connection ended: the server went, or a request had no
   * answer in time. The requests still waiting failed with @error.
   */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
wf_team_connection_init (WfTeamConnection *self)
{
  self->state = STATE_RESOLVING;
  self->context = g_main_context_ref_thread_default ();
  self->answer_msec = WF_TEAM_ANSWER_TIMEOUT * 1000;
  /* For the test suite only: a limit short enough to wait for. */
  if (g_getenv ("WAYFINDER_TEAM_ANSWER_MSEC") != NULL)
    self->answer_msec = CLAMP (atoi (g_getenv ("WAYFINDER_TEAM_ANSWER_MSEC")), 100, 3600 * 1000);
  self->watch.fd = -1;
  g_queue_init (&self->requests);
}

/* Public API */

/**
 * wf_team_connection_new_async:
 * @conninfo: a libpq connection string or URI
 *
 * Connects to the team server without blocking, then sends
 * `LISTEN wayfinder`. Host names are looked up asynchronously;
 * `application_name=Wayfinder` and TCP keepalives are added unless
 * @conninfo has its own; `connect_timeout` (10 s if none) bounds the
 * attempt.
 */
void
wf_team_connection_new_async (const char          *conninfo,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(WfTeamConnection) self = g_object_new (WF_TYPE_TEAM_CONNECTION, NULL);
  g_autofree char *parse_error = NULL;
  g_autofree char *hosts_text = NULL;
  g_autofree char *addresses_text = NULL;
  PQconninfoOption *option;
  char *errmsg = NULL;
  const char *host;
  const char *hostaddr;
  g_autoptr(GError) load_error = NULL;

  g_return_if_fail (conninfo != NULL);

  self->connect.task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (self->connect.task, wf_team_connection_new_async);
  g_task_set_task_data (self->connect.task, g_object_ref (self), g_object_unref);

  if (!wf_pq_load (&load_error))
    {
      /* Not a connection that may work the next time: it lasts. */
      close_with_error (self, g_error_new_literal (WF_TEAM_ERROR, WF_TEAM_ERROR_FAILED, load_error->message));
      return;
    }

  if (!(self->connect.options = PQconninfoParse (conninfo, &errmsg)))
    {
      parse_error = without_password (trimmed (errmsg ? errmsg : _("out of memory")), conninfo);
      PQfreemem (errmsg);
      close_with_error (self, g_error_new (WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION,
                                           _("The connection string cannot be read: %s"),
                                           parse_error));
      return;
    }

  /* Passed as the password keyword only: never in a string that could
   * be shown or logged. */
  if (password_func != NULL)
    {
      PQconninfoOption *password = find_option (self->connect.options, "password");

      if (password != NULL && (password->val == NULL || password->val[0] == '\0'))
        {
          char *value = password_func (conninfo, find_option (self->connect.options, "user")->val,
                                       password_data);

          if (value != NULL)
            {
              set_option (self->connect.options, "password", value);
              memset (value, 0, strlen (value));
              g_free (value);
            }
        }
    }

  set_default (self->connect.options, "application_name", "Wayfinder");
  set_default (self->connect.options, "keepalives", "1");
  set_default (self->connect.options, "keepalives_idle", "30");
  set_default (self->connect.options, "keepalives_interval", "10");
  set_default (self->connect.options, "keepalives_count", "3");
  set_default (self->connect.options, "tcp_user_timeout", "60000");

  /* The server gives up on a statement before the client gives up on
   * the server; options of the string's own (or PGOPTIONS, which
   * libpq no longer reads once options is given) come after, and win. */
  {
    PQconninfoOption *options = find_option (self->connect.options, "options");
    const char *own = options->val && options->val[0] ? options->val : g_getenv ("PGOPTIONS");
    g_autofree char *value = g_strdup_printf ("-c statement_timeout=%u%s%s", statement_msec (self),
                                              own && own[0] ? " " : "", own ? own : "");

    set_option (self->connect.options, "options", value);
  }

  option = find_option (self->connect.options, "connect_timeout");
  self->connect.seconds = option && option->val ? (guint) MIN (atoi (option->val), 3600) : 0;
  if (self->connect.seconds == 0)
    self->connect.seconds = WF_TEAM_CONNECT_TIMEOUT;
  else if (self->connect.seconds < 2)
    self->connect.seconds = 2;    /* as libpq reads it */
  self->connect.timeout = add_timeout (self, self->connect.seconds * 1000, on_connect_timeout);
  if (cancellable != NULL)
    {
      self->connect.cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->connect.cancelled, G_SOURCE_FUNC (on_connect_cancelled), self, NULL);
      g_source_attach (self->connect.cancelled, self->context);
    }

  /* libpq would take PGHOST and look its names up itself. */
  host = find_option (self->connect.options, "host")->val;
  if (host == NULL || host[0] == '\0')
    host = g_getenv ("PGHOST");
  host = hosts_text = g_strdup (host);
  hostaddr = find_option (self->connect.options, "hostaddr")->val;
  if (hostaddr == NULL || hostaddr[0] == '\0')
    hostaddr = g_getenv ("PGHOSTADDR");
  hostaddr = addresses_text = g_strdup (hostaddr);
  if (host != NULL && host[0] != '\0')
    set_option (self->connect.options, "host", host);

  self->connect.hosts = g_ptr_array_new_with_free_func (g_free);
  self->connect.addresses = g_ptr_array_new_with_free_func (g_free);
  if (host != NULL && host[0] != '\0')
    {
      g_auto(GStrv) hosts = g_strsplit (host, ",", -1);
      g_auto(GStrv) addresses = g_strsplit (hostaddr ? hostaddr : "", ",", -1);

      for (guint i = 0; hosts[i] != NULL; i++)
        {
          g_ptr_array_add (self->connect.hosts, g_strstrip (g_strdup (hosts[i])));
          g_ptr_array_add (self->connect.addresses,
                           g_strdup (i < g_strv_length (addresses) ? addresses[i] : ""));
        }
    }

  resolve_next (self);
}

/**
 * wf_team_conninfo_has_password:
 * @conninfo: a libpq connection string or URI
 *
 * Returns: whether @conninfo holds a password (also when libpq cannot
 *   read it), which anyone who may list this computer's processes or
 *   read a shell's history can see
 */
gboolean
wf_team_conninfo_has_password (const char *conninfo)
{
  PQconninfoOption *options;
  PQconninfoOption *password;
  gboolean has;

  g_return_val_if_fail (conninfo != NULL, FALSE);

  /* One libpq cannot read may still hold one, as a message would quote
   * it; so may one read without libpq. */
  if (!wf_pq_load (NULL) || !(options = PQconninfoParse (conninfo, NULL)))
    {
      g_autofree char *hidden = without_password (g_strdup (conninfo), conninfo);

      return !g_str_equal (hidden, conninfo);
    }

  password = find_option (options, "password");
  has = password != NULL && password->val != NULL && password->val[0] != '\0';
  PQconninfoFree (options);

  return has;
}

/**
 * wf_team_connection_set_password_func:
 * @func: (nullable): where connections made from now on get a password
 *   their connection string lacks, or %NULL for libpq's own ways
 *
 * The application sets it once, from its keyring; the command line
 * leaves it unset.
 */
void
wf_team_connection_set_password_func (WfTeamPasswordFunc func,
                                      gpointer           user_data)
{
  password_func = func;
  password_data = user_data;
}

/**
 * wf_team_connection_new_finish:
 *
 * Returns: (transfer full) (nullable): the open connection, or %NULL
 */
WfTeamConnection *
wf_team_connection_new_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wf_team_connection_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * wf_team_connection_query_async:
 * @sql: one statement with parameters $1…; or, with @params %NULL,
 *   SQL without parameters that may hold several statements (the schema
 *   steps of init, built from no input)
 * @params: (array length=n_params) (nullable): the parameters as text,
 *   an element %NULL for SQL's NULL; %NULL to send @sql as it is
 *   (PQsendQuery())
 *
 * Queues a request; requests go one at a time, in the order they came.
 * The server ends a statement at its statement_timeout; a connection
 * that stays silent for WF_TEAM_ANSWER_TIMEOUT seconds while a request
 * waits is ended.
 */
void
wf_team_connection_query_async (WfTeamConnection    *self,
                                const char          *sql,
                                const char * const  *params,
                                guint                n_params,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (WF_IS_TEAM_CONNECTION (self));
  g_return_if_fail (sql != NULL);
  g_return_if_fail (params != NULL || n_params == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wf_team_connection_query_async);

  if (self->state != STATE_OPEN)
    {
      g_task_return_new_error (task, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION, "%s",
                               _("Not connected to the team server"));
      return;
    }

  request = g_new0 (Request, 1);
  request->sql = g_strdup (sql);
  if (params != NULL)
    {
      request->n_params = n_params;
      request->params = g_new0 (char *, n_params + 1);
      request->is_null = g_new0 (gboolean, n_params);
      for (guint i = 0; i < n_params; i++)
        {
          request->params[i] = g_strdup (params[i] ? params[i] : "");
          request->is_null[i] = params[i] == NULL;
        }
    }

  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_queue_push_tail (&self->requests, g_steal_pointer (&task));

  if (!self->sent)
    send_next (self);
}

/**
 * wf_team_connection_query_finish:
 *
 * Returns: (transfer full) (nullable): the answer (free with PQclear()),
 *   or %NULL with a %WF_TEAM_ERROR carrying the server's SQLSTATE
 */
PGresult *
wf_team_connection_query_finish (WfTeamConnection  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GPtrArray *results;   /* PGresult, in the order of the queries */
  guint      pending;
  GError    *error;     /* the first */
} Batch;

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->results);
  g_clear_error (&batch->error);
  g_free (batch);
}

typedef struct
{
  GTask *task;
  guint  index;
} BatchPart;

static void
on_batch_part_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  BatchPart *part = user_data;
  g_autoptr(GTask) task = part->task;
  Batch *batch = g_task_get_task_data (task);
  GError *error = NULL;
  PGresult *answer;

  answer = wf_team_connection_query_finish (WF_TEAM_CONNECTION (source), result, &error);
  g_ptr_array_index (batch->results, part->index) = answer;
  if (error != NULL && batch->error == NULL)
    batch->error = error;
  else
    g_clear_error (&error);
  g_free (part);

  if (--batch->pending > 0)
    return;

  if (batch->error == NULL && g_task_return_error_if_cancelled (task))
    return;
  if (batch->error != NULL)
    g_task_return_error (task, g_steal_pointer (&batch->error));
  else
    g_task_return_pointer (task, g_ptr_array_ref (batch->results), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * wf_team_connection_batch_async:
 * @queries: (array length=n_queries): the requests, sent one after the
 *   other with nothing of anyone else's in between
 *
 * Queues several requests at once, as a transaction from BEGIN to COMMIT
 * is: if one fails, PostgreSQL refuses the rest of the transaction
 * (25P02) and turns its COMMIT into a rollback, so the batch fails with
 * the first error and changes nothing.
 */
void
wf_team_connection_batch_async (WfTeamConnection    *self,
                                const WfTeamQuery   *queries,
                                guint                n_queries,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Batch *batch;

  g_return_if_fail (WF_IS_TEAM_CONNECTION (self));
  g_return_if_fail (queries != NULL && n_queries > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wf_team_connection_batch_async);
  batch = g_new0 (Batch, 1);
  batch->results = g_ptr_array_new_full (n_queries, (GDestroyNotify) PQclear);
  g_ptr_array_set_size (batch->results, n_queries);
  batch->pending = n_queries;
  g_task_set_task_data (task, batch, (GDestroyNotify) batch_free);

  /* Only the first part may be given up on: once it is sent, so is the
   * rest, and the batch says it was cancelled when all have answered. */
  for (guint i = 0; i < n_queries; i++)
    {
      BatchPart *part = g_new0 (BatchPart, 1);
      GTask *queued;

      part->task = g_object_ref (task);
      part->index = i;
      wf_team_connection_query_async (self, queries[i].sql, queries[i].params, queries[i].n_params,
                                      i == 0 ? cancellable : NULL, on_batch_part_done, part);
      if (i == 0 && (queued = g_queue_peek_tail (&self->requests)) != NULL &&
          g_task_get_task_data (queued) != NULL && self->state == STATE_OPEN)
        ((Request *) g_task_get_task_data (queued))->batch_rest = n_queries - 1;
    }
}

/**
 * wf_team_connection_batch_finish:
 *
 * Returns: (transfer container) (element-type PGresult): the answers, in
 *   the order of the queries, or %NULL with the first error
 */
GPtrArray *
wf_team_connection_batch_finish (WfTeamConnection  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
wf_team_connection_is_open (WfTeamConnection *self)
{
  g_return_val_if_fail (WF_IS_TEAM_CONNECTION (self), FALSE);

  return self->state == STATE_OPEN;
}

/**
 * wf_team_connection_close:
 *
 * Ends the connection; requests still waiting fail.
 */
void
wf_team_connection_close (WfTeamConnection *self)
{
  g_return_if_fail (WF_IS_TEAM_CONNECTION (self));

  if (self->state == STATE_CLOSED)
    return;

  close_with_error (self, g_error_new (WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION, "%s",
                                       _("The connection to the team server was closed")));
}

/**
 * wf_team_connection_quote_identifier:
 *
 * Returns: (transfer full) (nullable): @name quoted as an SQL identifier
 *   for this connection (PQescapeIdentifier()), or %NULL if closed
 */
char *
wf_team_connection_quote_identifier (WfTeamConnection *self,
                                     const char       *name)
{
  char *escaped;
  char *quoted;

  g_return_val_if_fail (WF_IS_TEAM_CONNECTION (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->conn == NULL || !(escaped = PQescapeIdentifier (self->conn, name, strlen (name))))
    return NULL;

  quoted = g_strdup (escaped);
  PQfreemem (escaped);

  return quoted;
}

int
wf_team_connection_get_backend_pid (WfTeamConnection *self)
{
  g_return_val_if_fail (WF_IS_TEAM_CONNECTION (self), 0);

  return self->conn ? PQbackendPID (self->conn) : 0;
}

/**
 * wf_team_connection_get_user:
 *
 * Returns: (nullable): the role this connection logged in as
 */
const char *
wf_team_connection_get_user (WfTeamConnection *self)
{
  g_return_val_if_fail (WF_IS_TEAM_CONNECTION (self), NULL);

  return self->conn ? PQuser (self->conn) : NULL;
}

/**
 * wf_team_connection_is_on_socket:
 *
 * Returns: whether the server is reached through a Unix socket on this
 *   computer, where nothing crosses a network and libpq encrypts nothing
 *   whatever the sslmode says
 */
gboolean
wf_team_connection_is_on_socket (WfTeamConnection *self)
{
  const char *host;

  g_return_val_if_fail (WF_IS_TEAM_CONNECTION (self), FALSE);

  host = self->conn ? PQhost (self->conn) : NULL;

  return host != NULL && (host[0] == '/' || host[0] == '@');
}

void
wf_team_connection_set_answer_timeout (WfTeamConnection *self,
                                       guint             msec)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (WF_IS_TEAM_CONNECTION (self));

  self->answer_msec = msec;
  sql = g_strdup_printf ("SET statement_timeout = %u", statement_msec (self));
  if (self->state == STATE_OPEN)
    wf_team_connection_query_async (self, sql, NULL, 0, NULL, NULL, NULL);
}
