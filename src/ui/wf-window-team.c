/* wf-window-team.c — the window's team document: journal, session, sharing, status
 *
 * A document of the library with a team_documents row is a team
 * document: while the window shows it, a WfTeamJournal records its
 * steps beside the autosave and a WfTeamSession keeps it live with the
 * team server set in Preferences. Both go when the window shows another
 * document or closes (close_autosave() in wf-window.c). Share with
 * Team… makes the window's document one (team/wf-team-library.c). The
 * title's subtitle says how the document stands with the team; for a
 * viewer (the session's can-write) the window offers no edits.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "team/wf-team-library.h"
#include "wf-application.h"
#include "wf-message.h"
#include "wf-palette.h"
#include "wf-window-conflicts.h"
#include "wf-window-private.h"

/* The actions that change the document, off for a viewer; History is
 * there to restore a version, which is an edit like any. */
static const char * const canvas_edits[] = {
  "canvas.edit", "canvas.delete", "canvas.cut", "canvas.paste", "canvas.duplicate",
  "canvas.link", "canvas.add-card", "canvas.unlink", "canvas.move-card",
};
static const char * const window_edits[] = {
  "win.undo", "win.redo", "win.map-add", "win.map-rename", "win.map-duplicate",
  "win.map-move-up", "win.map-move-down", "win.map-delete", "win.persona-add",
  "win.import-figures", "win.history",
};

static WfTeamAccount *
get_account (WfWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return WF_IS_APPLICATION (app) ? wf_application_get_team_account (WF_APPLICATION (app)) : NULL;
}

static gboolean
session_can_write (WfTeamSession *session)
{
  gboolean can_write = TRUE;

  /* The property comes with the live session's work; without it, the
   * session's refusal still keeps a viewer's edits in the outbox. */
  if (session != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (session), "can-write"))
    g_object_get (session, "can-write", &can_write, NULL);

  return can_write;
}

/* The palette, somewhere in the left pane. */
static GtkWidget *
find_palette (GtkWidget *widget)
{
  if (WF_IS_PALETTE (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_palette (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Read only: the palette, the document's pane, the card's sidebar and
 * the canvas's edits off, and those of a presentation and of the
 * insights (dismissing, the heat view's choice); the canvas still
 * scrolls, zooms, selects and presents, and the outline and insights
 * still show. */
static void
on_view_click_pressed (GtkGestureClick *gesture,
                       int              n_press,
                       double           x,
                       double           y,
                       WfWindow        *self)
{
  /* A double click would edit a title. */
  if (n_press >= 2)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_view_drag_update (GtkGestureDrag *gesture,
                     double          dx,
                     double          dy,
                     WfWindow       *self)
{
  /* A drag would move or resize something. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* The canvas takes the palette's items by drag and drop, from another
 * window's palette too: not while read only. */
static void
set_drops (WfWindow *self,
           gboolean  enabled)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (self->canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        gtk_event_controller_set_propagation_phase (controller, enabled ? GTK_PHASE_BUBBLE : GTK_PHASE_NONE);
    }
}

static void
set_read_only (WfWindow *self,
               gboolean  read_only)
{
  if (self->team.read_only == read_only)
    return;

  self->team.read_only = read_only;
  g_debug ("The team document is %s", read_only ? "read only" : "editable");

  for (guint i = 0; i < G_N_ELEMENTS (canvas_edits); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self->canvas), canvas_edits[i], !read_only);
  if (find_palette (self->left_pane) != NULL)
    gtk_widget_set_sensitive (find_palette (self->left_pane), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->overview), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->properties_box), !read_only);
  /* Presenting stays: capture, votes and colours go. */
  wf_presenter_set_read_only (self->presenter, read_only);
  /* The findings show: dismissing one and the heat view's choice go. */
  wf_insights_panel_set_read_only (self->insights, read_only);
  set_drops (self, !read_only);

  if (read_only && self->team.view_click == NULL)
    {
      self->team.view_click = gtk_gesture_click_new ();
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->team.view_click),
                                                  GTK_PHASE_CAPTURE);
      g_signal_connect (self->team.view_click, "pressed", G_CALLBACK (on_view_click_pressed), self);
      gtk_widget_add_controller (GTK_WIDGET (self->canvas_overlay),
                                 GTK_EVENT_CONTROLLER (self->team.view_click));

      self->team.view_drag = gtk_gesture_drag_new ();
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->team.view_drag),
                                                  GTK_PHASE_CAPTURE);
      g_signal_connect (self->team.view_drag, "drag-update", G_CALLBACK (on_view_drag_update), self);
      gtk_widget_add_controller (GTK_WIDGET (self->canvas_overlay),
                                 GTK_EVENT_CONTROLLER (self->team.view_drag));
    }
  else if (!read_only && self->team.view_click != NULL)
    {
      gtk_widget_remove_controller (GTK_WIDGET (self->canvas_overlay),
                                    GTK_EVENT_CONTROLLER (self->team.view_click));
      gtk_widget_remove_controller (GTK_WIDGET (self->canvas_overlay),
                                    GTK_EVENT_CONTROLLER (self->team.view_drag));
      self->team.view_click = NULL;
      self->team.view_drag = NULL;
    }

  _wf_window_update_actions (self);
  _wf_window_update_banner (self);
}

/* Whether the outbox holds records the server has not taken. */
static gboolean
has_unsent (WfWindow *self)
{
  wf_autosave_flush (self->autosave);

  return wf_team_journal_has_unsent (wf_library_get_db (wf_autosave_get_library (self->autosave)),
                                     wf_autosave_get_id (self->autosave), FALSE);
}

static void
on_session_changed (WfWindow *self)
{
  const GError *error;

  if (self->team.session == NULL)
    return;

  error = wf_team_session_get_error (self->team.session);
  /* An error that lasts until someone acts (an administrator, an
   * update) is told once. A lost connection is not: the session tries
   * again by itself. */
  if (wf_team_error_is_lasting (error) && !self->team.error_shown)
    {
      self->team.error_shown = TRUE;
      _wf_window_show_error (self, _("The Map Is Not Live with the Team"), error->message);
    }
  else if (error == NULL && wf_team_session_get_state (self->team.session) == WF_TEAM_SESSION_LIVE)
    self->team.error_shown = FALSE;

  /* The server refused what she changed (her role was taken away while
   * she was live, or before she connected again): it stays here, in
   * the map and the outbox, and is sent if she may edit again; told
   * once. */
  if (!session_can_write (self->team.session) && !self->team.refusal_shown &&
      self->autosave != NULL && has_unsent (self))
    {
      self->team.refusal_shown = TRUE;
      _wf_window_show_error (self, _("Your Changes Are Not Shared"),
                             _("You can now only view this map. The changes you made are kept on this computer, "
                               "but the team does not get them unless you may edit again."));
    }

  set_read_only (self, !session_can_write (self->team.session));
  _wf_window_update_title (self);
}

static void
start_session (WfWindow *self)
{
  WfTeamAccount *account = get_account (self);
  g_autoptr(WfTeamLocal) local = NULL;
  g_autofree char *conninfo = NULL;
  g_autoptr(GError) error = NULL;

  if (account == NULL || self->team.journal == NULL)
    return;

  local = wf_team_library_lookup (wf_autosave_get_library (self->autosave),
                                  wf_autosave_get_id (self->autosave));
  if (local == NULL || !(conninfo = wf_team_account_get_conninfo (account, &error)))
    {
      g_debug ("No team session: %s", error ? error->message : "not a team document");
      return;
    }

  self->team.session = wf_team_session_new (self->team.journal, conninfo, local->team_id);
  g_signal_connect_object (self->team.session, "notify", G_CALLBACK (on_session_changed),
                           self, G_CONNECT_SWAPPED);
  wf_team_session_start (self->team.session);
}

static void
stop_session (WfWindow *self)
{
  if (self->team.session == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->team.session, self);
  wf_team_session_stop (self->team.session);
  g_clear_object (&self->team.session);
}

/* The server, the user or the encryption changed: connect again. */
static void
on_account_changed (WfWindow *self)
{
  stop_session (self);
  self->team.error_shown = FALSE;
  start_session (self);
  set_read_only (self, !session_can_write (self->team.session));
  _wf_window_update_title (self);
  _wf_window_update_actions (self);
}

/* Share with Team… */

static void
end_sharing (WfWindow *self)
{
  g_clear_object (&self->team.sharing);
  if (self->team.progress != NULL)
    {
      GtkWidget *progress = g_steal_pointer (&self->team.progress);

      g_object_set_data (G_OBJECT (progress), "wf-window", NULL);
      gtk_window_destroy (GTK_WINDOW (progress));
    }
  _wf_window_update_actions (self);
  _wf_window_update_title (self);
}

typedef struct
{
  WfWindow         *window;      /* weak: the share outlives a closed window */
  GCancellable     *cancellable;
  WfTeamConnection *connection;  /* nullable: not yet open */
} Share;

static void
share_free (Share *share)
{
  g_clear_weak_pointer (&share->window);
  g_clear_object (&share->cancellable);
  if (share->connection != NULL)
    wf_team_connection_close (share->connection);
  g_clear_object (&share->connection);
  g_free (share);
}

static gboolean
share_is_current (Share *share)
{
  return share->window != NULL && share->window->team.sharing == share->cancellable &&
         !g_cancellable_is_cancelled (share->cancellable);
}

static void
share_failed (Share        *share,
              const GError *error)
{
  WfWindow *self = share->window;

  end_sharing (self);
  _wf_window_show_error (self, _("Could Not Share the Map"), error->message);
}

static void
on_shared (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Share *share = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *team_id = NULL;

  team_id = wf_team_library_share_finish (WF_LIBRARY (source), result, &error);
  if (share_is_current (share))
    {
      if (team_id == NULL)
        share_failed (share, error);
      else
        {
          WfWindow *self = share->window;

          end_sharing (self);
          _wf_window_team_start (self);
          _wf_window_show_toast (self, _("Shared with the team"));
        }
    }
  share_free (share);
}

static void
on_share_connected (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Share *share = user_data;
  g_autoptr(GError) error = NULL;
  WfWindow *self;

  share->connection = wf_team_account_connect_finish (WF_TEAM_ACCOUNT (source), result, &error);
  if (!share_is_current (share))
    {
      share_free (share);
      return;
    }
  if (share->connection == NULL)
    {
      share_failed (share, error);
      share_free (share);
      return;
    }

  self = share->window;
  wf_team_library_share_async (wf_autosave_get_library (self->autosave),
                               wf_autosave_get_id (self->autosave), self->document,
                               share->connection, share->cancellable, on_shared, share);
}

static void
on_progress_response (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  WfWindow *self = g_object_get_data (G_OBJECT (dialog), "wf-window");

  /* Cancelled: the server may still have it, unlinked; the map stays as it was here. */
  if (self != NULL && self->team.sharing != NULL)
    {
      g_cancellable_cancel (self->team.sharing);
      self->team.progress = NULL;
      end_sharing (self);
    }
}

static void
start_sharing (WfWindow *self)
{
  WfTeamAccount *account = get_account (self);
  g_autofree char *title = _wf_window_get_display_title (self);
  Share *share;
  AdwMessageDialog *progress;

  if (account == NULL || self->autosave == NULL || self->team.sharing != NULL)
    return;

  /* What the server gets is what the library holds. */
  wf_autosave_flush (self->autosave);

  /* Modal while it runs: an edit made meanwhile would not reach the team. */
  progress = wf_message_new (GTK_WINDOW (self), _("Sharing…"), NULL);
  adw_message_dialog_format_body (progress, _("“%s” is being sent to the team server."), title);
  adw_message_dialog_add_response (progress, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (progress, "cancel");
  g_object_set_data (G_OBJECT (progress), "wf-window", self);
  g_signal_connect (progress, "response", G_CALLBACK (on_progress_response), NULL);
  self->team.progress = GTK_WIDGET (progress);
  gtk_window_present (GTK_WINDOW (progress));

  self->team.sharing = g_cancellable_new ();
  share = g_new0 (Share, 1);
  g_set_weak_pointer (&share->window, self);
  share->cancellable = g_object_ref (self->team.sharing);
  _wf_window_update_actions (self);
  _wf_window_update_title (self);

  wf_team_account_connect_async (account, share->cancellable, on_share_connected, share);
}

static void
on_share_response (AdwMessageDialog *dialog,
                   const char       *response,
                   WfWindow         *self)
{
  if (g_str_equal (response, "share"))
    start_sharing (self);
}

static void
share_team_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  g_autofree char *title = _wf_window_get_display_title (self);
  AdwMessageDialog *dialog;

  if (self->document == NULL || self->autosave == NULL || self->team.journal != NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Share “%s” with the Team?"), title);
  adw_message_dialog_set_body (dialog,
                               _("Everyone in the team can then see this map and your changes as you make them, "
                                 "and the team’s editors can change it. "
                                 "It stays in your library and keeps working when you are offline."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "share", _("_Share"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "share", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "share");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_share_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Private API */

/**
 * _wf_window_team_start:
 *
 * Makes the window's document live with the team if the library holds
 * it as a team document: its journal over the autosave, its session.
 */
void
_wf_window_team_start (WfWindow *self)
{
  WfTeamAccount *account = get_account (self);
  g_autoptr(WfTeamLocal) local = NULL;
  g_autoptr(GError) error = NULL;

  if (self->autosave == NULL || self->team.journal != NULL || self->document == NULL)
    return;

  local = wf_team_library_lookup (wf_autosave_get_library (self->autosave),
                                  wf_autosave_get_id (self->autosave));
  if (local == NULL)
    return;

  /* New items get ids no other member of the team makes. */
  wf_document_set_id_tag (self->document, local->tag);
  if (!(self->team.journal = wf_team_journal_new (self->autosave, &error)))
    {
      g_warning ("The team document %s cannot record its changes: %s", local->team_id, error->message);
      _wf_window_show_error (self, _("The Map Is Not Live with the Team"), error->message);
      return;
    }
  /* Marks, the sidebar's popovers and the removal bar. */
  _wf_window_attach_conflicts (self, self->team.journal);

  g_debug ("Library document %" G_GINT64_FORMAT " is team document %s",
           local->doc, local->team_id);
  start_session (self);
  if (account != NULL && self->team.account_id == 0)
    self->team.account_id = g_signal_connect_object (account, "changed", G_CALLBACK (on_account_changed),
                                                     self, G_CONNECT_SWAPPED);
  set_read_only (self, !session_can_write (self->team.session));
  _wf_window_update_title (self);
  _wf_window_update_actions (self);
}

/**
 * _wf_window_team_stop:
 *
 * Stops and drops the session and the journal, before the autosave
 * closes: what the autosave still holds is recorded first.
 */
void
_wf_window_team_stop (WfWindow *self)
{
  WfTeamAccount *account = get_account (self);

  if (self->team.sharing != NULL)
    {
      g_cancellable_cancel (self->team.sharing);
      end_sharing (self);
    }

  if (self->team.account_id != 0 && account != NULL)
    g_signal_handler_disconnect (account, self->team.account_id);
  self->team.account_id = 0;

  stop_session (self);
  if (self->team.journal != NULL)
    {
      _wf_window_detach_conflicts (self);
      wf_autosave_flush (self->autosave);
      wf_team_journal_close (self->team.journal);
      g_clear_object (&self->team.journal);
    }
  self->team.error_shown = FALSE;
  self->team.refusal_shown = FALSE;
  set_read_only (self, FALSE);
}

/**
 * _wf_window_team_get_status:
 *
 * Returns: (nullable): how the document stands with the team, for the
 *   title's subtitle, or %NULL when it is no team document
 */
const char *
_wf_window_team_get_status (WfWindow *self)
{
  if (self->team.sharing != NULL)
    return _("Sharing…");

  if (self->team.journal == NULL)
    return NULL;

  if (self->team.session == NULL)
    return _("Shared · No team server set — changes kept on this computer");

  switch (wf_team_session_get_state (self->team.session))
    {
    case WF_TEAM_SESSION_CONNECTING:
      return _("Shared · Connecting…");
    case WF_TEAM_SESSION_CATCHING_UP:
      return _("Shared · Catching up…");
    case WF_TEAM_SESSION_LIVE:
      return self->team.read_only ? _("Shared · Live · View only") : _("Shared · Live");
    case WF_TEAM_SESSION_OFFLINE:
    default:
      return _("Offline — changes kept on this computer");
    }
}

void
_wf_window_team_update_actions (WfWindow *self)
{
  WfTeamAccount *account = get_account (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.share-team",
                                 self->document != NULL && self->autosave != NULL &&
                                 self->library_write == NULL &&
                                 account != NULL && wf_team_account_is_set (account) &&
                                 self->team.journal == NULL && self->team.sharing == NULL);

  if (self->team.read_only)
    for (guint i = 0; i < G_N_ELEMENTS (window_edits); i++)
      gtk_widget_action_set_enabled (GTK_WIDGET (self), window_edits[i], FALSE);
}

void
_wf_window_class_init_team (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.share-team", NULL, share_team_action);
}
