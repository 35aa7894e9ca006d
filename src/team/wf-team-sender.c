/* wf-team-sender.c — sends what closed team documents kept while offline
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A team document edited without the server keeps its changes in the
 * library's outbox. While a window has it open, the window's session
 * sends them when the server is back. A map closed before that would
 * otherwise keep them until someone opens it again while connected: so
 * the sender opens such a document without a window — its autosave,
 * journal and session, the same objects a window uses, so ordering,
 * idempotence and conflicts are the session's — until the session is
 * live with nothing left to send, then writes and closes it, and goes
 * on with the next. One at a time, in the order of the documents' ids.
 *
 * A document a window has open is left to the window
 * (wf_team_sender_set_open_func()); a window about to open the one the
 * sender has calls wf_team_sender_release() first, which writes and
 * closes it at once. A session that cannot connect keeps trying, with
 * its own growing waits and the network monitor; one that stops for
 * good (a newer schema, a document removed from the server) or may not
 * write (a viewer) is left until the next wf_team_sender_run().
 */
#include "config.h"

#include <sqlite3.h>

#include "storage/wf-autosave.h"
#include "wf-team-error.h"
#include "wf-team-journal.h"
#include "wf-team-library.h"
#include "wf-team-sender.h"
#include "wf-team-session.h"

struct _WfTeamSender
{
  GObject               parent_instance;

  WfLibrary            *library;
  char                 *conninfo;
  WfTeamSenderOpenFunc  is_open;
  gpointer              is_open_data;

  GHashTable           *left;       /* ids tried this round that could not be sent */
  guint                 next_id;    /* the next document, in an idle */
  gboolean              done;       /* the current one is to be closed there */
  gboolean              done_left;  /* … and left for the next round */

  /* The document being sent, or none (doc 0) */
  gint64                doc;
  WfDocument           *document;
  WfAutosave           *autosave;
  WfTeamJournal        *journal;
  WfTeamSession        *session;
};

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WfTeamSender, wf_team_sender, G_TYPE_OBJECT)

static void send_next (WfTeamSender *self);

/* Writes what the session applied and answered, and closes the
 * document; @left keeps it from being tried again this round. */
static void
close_document (WfTeamSender *self,
                gboolean      left)
{
  self->done = FALSE;
  if (self->doc == 0)
    return;

  g_debug ("Team sender: library document %" G_GINT64_FORMAT " %s", self->doc,
           left ? "left for later" : "sent");
  if (left)
    g_hash_table_add (self->left, g_memdup2 (&self->doc, sizeof self->doc));

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      wf_team_session_stop (self->session);
    }
  if (self->journal != NULL)
    {
      wf_autosave_flush (self->autosave);
      wf_team_journal_close (self->journal);
    }
  if (self->autosave != NULL)
    wf_autosave_close (self->autosave);
  g_clear_object (&self->session);
  g_clear_object (&self->journal);
  g_clear_object (&self->autosave);
  g_clear_object (&self->document);
  self->doc = 0;
}

static gboolean
on_next (gpointer data)
{
  WfTeamSender *self = data;

  self->next_id = 0;
  if (self->done)
    close_document (self, self->done_left);
  send_next (self);

  return G_SOURCE_REMOVE;
}

static void
queue_next (WfTeamSender *self)
{
  if (self->next_id == 0)
    self->next_id = g_idle_add_full (G_PRIORITY_LOW, on_next, self, NULL);
}

/* The session is closed in an idle, not inside its own signal. */
static void
finish (WfTeamSender *self,
        gboolean      left)
{
  self->done = TRUE;
  self->done_left = left;
  queue_next (self);
}

/* Our records answered and back through the log: sent. Records still
 * without their seq (the log could not be read to them) leave it for
 * the next round, rather than opening it again at once. */
static void
on_session_idle (WfTeamSender *self)
{
  /* What the session applied is not written yet: ask after it is. An
   * outbox that cannot be read is left for the next round.
   */
  wf_autosave_flush (self->autosave);
  finish (self, wf_team_journal_has_unsent (wf_library_get_db (self->library), self->doc, TRUE));
}

/* A session that may not write, or that stopped for good, is left. */
static void
on_session_changed (WfTeamSender *self)
{
  const GError *error = wf_team_session_get_error (self->session);

  /* A session still live after an error that lasts (a log it stopped
   * applying, a newer Wayfinder's change) still sends what the map
   * kept: it is left when it goes idle with answers it cannot read
   * back (on_session_idle()). */
  if (wf_team_session_get_can_write (self->session) &&
      !(wf_team_error_is_lasting (error) && wf_team_session_get_state (self->session) == WF_TEAM_SESSION_OFFLINE))
    return;

  g_debug ("Team sender: library document %" G_GINT64_FORMAT ": %s", self->doc,
           error != NULL ? error->message : "view only");
  finish (self, TRUE);
}

/* Opens @doc as a window would, without one, and starts its session. */
static gboolean
open_document (WfTeamSender *self,
               gint64        doc)
{
  g_autoptr(WfTeamLocal) local = wf_team_library_lookup (self->library, doc);
  g_autoptr(GError) error = NULL;

  if (local == NULL)
    return FALSE;

  self->document = wf_library_load (self->library, doc, &error);
  if (self->document == NULL)
    {
      g_warning ("Team document %s cannot be read from the library: %s", local->team_id, error->message);
      return FALSE;
    }

  self->doc = doc;
  wf_document_set_id_tag (self->document, local->tag);
  self->autosave = wf_autosave_new (self->library, doc, self->document);
  self->journal = wf_team_journal_new (self->autosave, &error);
  if (self->journal == NULL)
    {
      g_warning ("Team document %s cannot record its changes: %s", local->team_id, error->message);
      close_document (self, TRUE);
      return TRUE;
    }

  g_debug ("Team sender: sending library document %" G_GINT64_FORMAT ", team document %s",
           doc, local->team_id);
  self->session = wf_team_session_new (self->journal, self->conninfo, local->team_id);
  g_signal_connect_swapped (self->session, "idle", G_CALLBACK (on_session_idle), self);
  g_signal_connect_swapped (self->session, "notify::error", G_CALLBACK (on_session_changed), self);
  g_signal_connect_swapped (self->session, "notify::can-write", G_CALLBACK (on_session_changed), self);
  wf_team_session_start (self->session);

  return TRUE;
}

/* The first document with records the server has not taken, that no
 * window has open and that was not left this round; 0 for none. */
static gint64
find_next (WfTeamSender *self)
{
  sqlite3 *db = wf_library_get_db (self->library);
  sqlite3_stmt *stmt = NULL;
  gint64 found = 0;

  if (sqlite3_prepare_v2 (db, "SELECT DISTINCT o.doc FROM team_outbox o JOIN documents d ON d.id = o.doc"
                              " WHERE o.seq IS NULL AND d.trashed = 0 ORDER BY o.doc", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("The team outbox cannot be read: %s", sqlite3_errmsg (db));
      return 0;
    }

  while (found == 0 && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 doc = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_contains (self->left, &doc) ||
          (self->is_open != NULL && self->is_open (doc, self->is_open_data)))
        continue;
      found = doc;
    }
  sqlite3_finalize (stmt);

  return found;
}

static void
send_next (WfTeamSender *self)
{
  gboolean was_busy = self->doc != 0;

  while (self->doc == 0)
    {
      gint64 doc = find_next (self);

      if (doc == 0)
        break;
      if (!open_document (self, doc))
        g_hash_table_add (self->left, g_memdup2 (&doc, sizeof doc));
    }

  if (was_busy != (self->doc != 0) || self->doc == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
wf_team_sender_dispose (GObject *object)
{
  WfTeamSender *self = WF_TEAM_SENDER (object);

  close_document (self, FALSE);
  g_clear_handle_id (&self->next_id, g_source_remove);

  G_OBJECT_CLASS (wf_team_sender_parent_class)->dispose (object);
}

static void
wf_team_sender_finalize (GObject *object)
{
  WfTeamSender *self = WF_TEAM_SENDER (object);

  g_clear_object (&self->library);
  g_free (self->conninfo);
  g_hash_table_unref (self->left);

  G_OBJECT_CLASS (wf_team_sender_parent_class)->finalize (object);
}

static void
wf_team_sender_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WfTeamSender *self = WF_TEAM_SENDER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, wf_team_sender_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_team_sender_class_init (WfTeamSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wf_team_sender_dispose;
  object_class->finalize = wf_team_sender_finalize;
  object_class->get_property = wf_team_sender_get_property;

  /**
   * WfTeamSender:busy:
   *
   * Whether a document is being sent, or waits for its turn. Notified
   * also when a round ends with nothing left that can be sent.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wf_team_sender_init (WfTeamSender *self)
{
  self->left = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * wf_team_sender_new:
 * @library: the library whose team documents are sent
 * @conninfo: the team server's connection string
 *
 * Returns: (transfer full): a sender, idle until wf_team_sender_run()
 */
WfTeamSender *
wf_team_sender_new (WfLibrary  *library,
                    const char *conninfo)
{
  WfTeamSender *self;

  g_return_val_if_fail (WF_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (conninfo != NULL, NULL);

  self = g_object_new (WF_TYPE_TEAM_SENDER, NULL);
  self->library = g_object_ref (library);
  self->conninfo = g_strdup (conninfo);

  return self;
}

/**
 * wf_team_sender_set_open_func:
 * @func: (nullable): says whether a window has a document open
 *
 * Documents @func says are open are not sent: their windows do it.
 */
void
wf_team_sender_set_open_func (WfTeamSender         *self,
                              WfTeamSenderOpenFunc  func,
                              gpointer              user_data)
{
  g_return_if_fail (WF_IS_TEAM_SENDER (self));

  self->is_open = func;
  self->is_open_data = user_data;
}

/**
 * wf_team_sender_run:
 *
 * Starts a round: every closed team document with changes the server
 * has not taken is sent, one after the other, in the main loop. Those
 * that could not be sent in the last round are tried again. While a
 * round runs, this only has it try those again at its end.
 */
void
wf_team_sender_run (WfTeamSender *self)
{
  g_return_if_fail (WF_IS_TEAM_SENDER (self));

  g_hash_table_remove_all (self->left);
  queue_next (self);
}

/**
 * wf_team_sender_release:
 * @doc: a document a window is about to open
 *
 * If @doc is being sent, writes what its session did and closes it at
 * once, so that the window is its only writer; the rest of the round
 * goes on.
 */
void
wf_team_sender_release (WfTeamSender *self,
                        gint64        doc)
{
  g_return_if_fail (WF_IS_TEAM_SENDER (self));

  if (doc == 0 || doc != self->doc)
    return;

  close_document (self, FALSE);
  queue_next (self);
}

/**
 * wf_team_sender_stop:
 *
 * Writes and closes the document being sent, and sends no more until
 * the next wf_team_sender_run().
 */
void
wf_team_sender_stop (WfTeamSender *self)
{
  g_return_if_fail (WF_IS_TEAM_SENDER (self));

  close_document (self, FALSE);
  g_clear_handle_id (&self->next_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * wf_team_sender_get_current:
 *
 * Returns: the library document being sent, or 0
 */
gint64
wf_team_sender_get_current (WfTeamSender *self)
{
  g_return_val_if_fail (WF_IS_TEAM_SENDER (self), 0);

  return self->doc;
}

/**
 * wf_team_sender_is_stalled:
 *
 * Returns: whether the document being sent waits for a server that
 *   could not be reached: its session is offline, trying again later
 */
gboolean
wf_team_sender_is_stalled (WfTeamSender *self)
{
  g_return_val_if_fail (WF_IS_TEAM_SENDER (self), FALSE);

  return self->session != NULL && !self->done &&
         wf_team_session_get_state (self->session) == WF_TEAM_SESSION_OFFLINE &&
         wf_team_session_get_error (self->session) != NULL;
}

gboolean
wf_team_sender_get_busy (WfTeamSender *self)
{
  g_return_val_if_fail (WF_IS_TEAM_SENDER (self), FALSE);

  return self->doc != 0 || self->next_id != 0;
}
