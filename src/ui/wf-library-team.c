/* wf-library-team.c — the start page's Team group: the team's shared maps
 *
 * While the start page shows, the group keeps one connection to the
 * team server (Preferences), lists the team's documents (title, who
 * changed each last and when) and lists them again when the server
 * says one changed (the connection LISTENs). A document this library
 * already holds opens from its copy, also offline; one it does not is
 * joined first (team/wf-team-library.c). Offline, the team documents
 * of the library still show, and the group says in one line that the
 * server cannot be reached (what failed in its tooltip). It follows the
 * account (a new server, user or password connects again at once), and
 * while it shows offline it tries again with a growing wait, and at
 * once when the network changes.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "team/wf-team-documents.h"
#include "team/wf-team-error.h"
#include "team/wf-team-library.h"
#include "wf-library-team.h"
#include "wf-library-view.h"
#include "wf-message.h"

/* After a notification, the wait before listing again: several pushes
 * in a row give one listing. */
#define RELIST_DELAY_MSEC 300

/* Offline, the first wait before trying again, doubled each time up to
 * the longest. */
#define RETRY_FIRST_SEC 2
#define RETRY_LONGEST_SEC 30

struct _WfLibraryTeam
{
  AdwPreferencesGroup  parent_instance;

  WfLibrary           *library;
  WfTeamAccount       *account;
  GtkListBox          *list;
  GCancellable        *cancellable;   /* of the refresh under way */
  WfTeamConnection    *connection;    /* nullable: offline or not yet */
  guint                relist_id;
  guint                retry_id;      /* offline: the next try */
  guint                retry_sec;     /* the wait before it */
  GNetworkMonitor     *monitor;
  gboolean             busy;          /* connecting, listing or joining */
};

enum {
  OPEN_DOCUMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WfLibraryTeam, wf_library_team, ADW_TYPE_PREFERENCES_GROUP)

static void list_now (WfLibraryTeam *self);
static void connect_now (WfLibraryTeam *self);

static void
clear_rows (WfLibraryTeam *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
}

static void
set_busy (WfLibraryTeam *self,
          gboolean       busy)
{
  self->busy = busy;
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle,
          const char *team_id,
          gint64      doc)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *title ? title : _("Untitled Journey"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                                                                 "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                                                 NULL));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "team-id", g_strdup (team_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "document-id", g_memdup2 (&doc, sizeof doc), g_free);

  return row;
}

/* The team documents this library holds: what shows offline. */
static void
show_local (WfLibraryTeam *self)
{
  g_autoptr(GPtrArray) locals = wf_team_library_list (self->library);

  clear_rows (self);
  for (guint i = 0; i < locals->len; i++)
    {
      WfTeamLocal *local = g_ptr_array_index (locals, i);
      g_autoptr(WfLibraryEntry) entry = wf_library_get_entry (self->library, local->doc);
      g_autofree char *ago = NULL;
      g_autofree char *subtitle = NULL;

      if (entry == NULL)
        continue;

      ago = wf_format_time_ago (entry->changed);
      /* Translators: "Kept on this computer · edited 5 minutes ago" */
      subtitle = g_strdup_printf (_("Kept on this computer · edited %s"), ago);
      gtk_list_box_append (self->list, make_row (entry->title, subtitle, local->team_id, local->doc));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->list), locals->len > 0);
}

static gboolean
on_retry (gpointer user_data)
{
  WfLibraryTeam *self = user_data;

  self->retry_id = 0;
  connect_now (self);

  return G_SOURCE_REMOVE;
}

static void
show_offline (WfLibraryTeam *self,
              const GError  *error)
{
  const char *detail = error->domain == WF_TEAM_ERROR ? wf_team_error_get_detail (error) : NULL;
  g_autofree char *tooltip = detail ? g_strdup_printf ("%s\n%s", error->message, detail) : g_strdup (error->message);

  g_autofree char *description = NULL;

  /* A refused password is not an unreachable server: it says which. */
  if (wf_team_error_is_credentials (error))
    /* Translators: %s is why the team server refused to connect, a sentence */
    description = g_strdup_printf (_("%s The team’s maps in your library still open."), error->message);
  else
    description = g_strdup (_("The team server cannot be reached; the team’s maps in your library still open."));

  g_debug ("Team server: %s", tooltip);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  show_local (self);

  /* Tried again while the page shows, each time waiting longer; a
   * wrong or missing password waits for the account to change. */
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (wf_team_error_is_credentials (error))
    return;
  self->retry_sec = self->retry_sec == 0 ? RETRY_FIRST_SEC : MIN (self->retry_sec * 2, RETRY_LONGEST_SEC);
  self->retry_id = g_timeout_add_seconds (self->retry_sec, on_retry, self);
}

static void
drop_connection (WfLibraryTeam *self)
{
  g_clear_handle_id (&self->relist_id, g_source_remove);
  if (self->connection == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->connection, self);
  wf_team_connection_close (self->connection);
  g_clear_object (&self->connection);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  WfLibraryTeam *self = user_data;
  g_autoptr(GPtrArray) listings = NULL;
  g_autoptr(GError) error = NULL;

  listings = wf_team_list_finish (WF_TEAM_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (listings == NULL)
    {
      show_offline (self, error);
      return;
    }

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         listings->len > 0 ? _("Maps shared with your team.")
                                                           : _("No maps are shared with the team yet. Share one from its window’s menu."));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  self->retry_sec = 0;
  clear_rows (self);
  for (guint i = 0; i < listings->len; i++)
    {
      WfTeamListing *listing = g_ptr_array_index (listings, i);
      gint64 doc = wf_team_library_find (self->library, listing->id);
      g_autofree char *ago = wf_format_time_ago (listing->changed);
      g_autofree char *subtitle = NULL;

      /* Translators: "Changed by anna 5 minutes ago" */
      subtitle = g_strdup_printf (_("Changed by %s %s"), listing->changed_by, ago);
      if (doc != 0)
        {
          char *more = g_strdup_printf ("%s · %s", subtitle, _("in your library"));

          g_free (subtitle);
          subtitle = more;
        }
      gtk_list_box_append (self->list, make_row (listing->title, subtitle, listing->id, doc));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), listings->len > 0);
}

static void
list_now (WfLibraryTeam *self)
{
  g_clear_handle_id (&self->relist_id, g_source_remove);
  if (self->connection == NULL)
    return;

  set_busy (self, TRUE);
  wf_team_list_async (self->connection, self->cancellable, on_listed, self);
}

static gboolean
on_relist (gpointer user_data)
{
  WfLibraryTeam *self = user_data;

  self->relist_id = 0;
  list_now (self);

  return G_SOURCE_REMOVE;
}

static void
on_notification (WfLibraryTeam *self)
{
  if (self->relist_id == 0)
    self->relist_id = g_timeout_add (RELIST_DELAY_MSEC, on_relist, self);
}

static void
on_connection_closed (WfLibraryTeam *self,
                      const GError  *error)
{
  drop_connection (self);
  show_offline (self, error);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  WfLibraryTeam *self = user_data;
  g_autoptr(GError) error = NULL;
  WfTeamConnection *connection;

  connection = wf_team_account_connect_finish (WF_TEAM_ACCOUNT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_object (&connection);
      return;
    }

  if (connection == NULL)
    {
      set_busy (self, FALSE);
      show_offline (self, error);
      return;
    }

  self->connection = connection;
  g_signal_connect_object (connection, "notification", G_CALLBACK (on_notification),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "closed", G_CALLBACK (on_connection_closed),
                           self, G_CONNECT_SWAPPED);
  list_now (self);
}

/* Connects, the rows as they are until the server answers. */
static void
connect_now (WfLibraryTeam *self)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  drop_connection (self);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  wf_team_account_connect_async (self->account, self->cancellable, on_connected, self);
}

static void
on_network_changed (WfLibraryTeam *self,
                    gboolean       available)
{
  /* Offline and waiting to try again: now rather than later. */
  if (available && self->retry_id != 0)
    {
      self->retry_sec = 0;
      connect_now (self);
    }
}

/* Joining and opening */

static void
on_joined (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  WfLibraryTeam *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 doc;

  doc = wf_team_library_join_finish (WF_LIBRARY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (doc == 0)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      wf_message_show (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       _("Could Not Open the Team’s Map"), error->message);
      return;
    }

  g_signal_emit (self, signals[OPEN_DOCUMENT], 0, doc);
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  WfLibraryTeam *self)
{
  const gint64 *doc = g_object_get_data (G_OBJECT (row), "document-id");
  const char *team_id = g_object_get_data (G_OBJECT (row), "team-id");

  if (doc == NULL || team_id == NULL)
    return;

  /* The library's copy, when there is one: it opens offline too. */
  if (*doc != 0)
    {
      g_signal_emit (self, signals[OPEN_DOCUMENT], 0, *doc);
      return;
    }

  if (self->connection == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      wf_message_show (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       _("Could Not Open the Team’s Map"),
                       _("The team server cannot be reached, and this map is not in your library yet."));
      return;
    }

  set_busy (self, TRUE);
  wf_team_library_join_async (self->library, self->connection, team_id, self->cancellable,
                              on_joined, self);
}

static void
on_account_changed (WfLibraryTeam *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  /* Hidden without a server, so its page says whether it shows; else
   * it is listed again when the page shows. */
  if (parent != NULL && gtk_widget_get_mapped (parent))
    wf_library_team_refresh (self);
}

/* Overrides */

static void
wf_library_team_unmap (GtkWidget *widget)
{
  wf_library_team_stop (WF_LIBRARY_TEAM (widget));

  GTK_WIDGET_CLASS (wf_library_team_parent_class)->unmap (widget);
}

static void
wf_library_team_dispose (GObject *object)
{
  WfLibraryTeam *self = WF_LIBRARY_TEAM (object);

  wf_library_team_stop (self);
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_clear_object (&self->account);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (wf_library_team_parent_class)->dispose (object);
}

static void
wf_library_team_class_init (WfLibraryTeamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_library_team_dispose;
  widget_class->unmap = wf_library_team_unmap;

  /**
   * WfLibraryTeam::open-document:
   * @id: the library's copy of a team document
   */
  signals[OPEN_DOCUMENT] =
    g_signal_new ("open-document", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
wf_library_team_init (WfLibraryTeam *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Team"));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The team’s maps"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (on_network_changed),
                           self, G_CONNECT_SWAPPED);
}

/* Public API */

void
wf_library_team_set_library (WfLibraryTeam *self,
                             WfLibrary     *library)
{
  g_return_if_fail (WF_IS_LIBRARY_TEAM (self));

  g_set_object (&self->library, library);
}

void
wf_library_team_set_account (WfLibraryTeam *self,
                             WfTeamAccount *account)
{
  g_return_if_fail (WF_IS_LIBRARY_TEAM (self));

  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_set_object (&self->account, account);
  if (account != NULL)
    g_signal_connect_object (account, "changed", G_CALLBACK (on_account_changed),
                             self, G_CONNECT_SWAPPED);
}

/**
 * wf_library_team_refresh:
 *
 * Lists the team's maps again; shown only with a team server set or a
 * team map in the library.
 */
void
wf_library_team_refresh (WfLibraryTeam *self)
{
  g_autoptr(GPtrArray) locals = NULL;
  gboolean is_set;

  g_return_if_fail (WF_IS_LIBRARY_TEAM (self));

  wf_library_team_stop (self);
  if (self->library == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  is_set = self->account != NULL && wf_team_account_is_set (self->account);
  locals = wf_team_library_list (self->library);
  gtk_widget_set_visible (GTK_WIDGET (self), is_set || locals->len > 0);
  if (!is_set)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                             _("No team server is set: set one in Preferences. The team’s maps in your library still open."));
      show_local (self);
      return;
    }

  /* What is here shows at once; the server's list replaces it. */
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), _("Connecting to the team server…"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  show_local (self);
  self->retry_sec = 0;
  connect_now (self);
}

/**
 * wf_library_team_stop:
 *
 * Ends the connection and what it was doing: the page is hidden.
 */
void
wf_library_team_stop (WfLibraryTeam *self)
{
  g_return_if_fail (WF_IS_LIBRARY_TEAM (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  drop_connection (self);
  set_busy (self, FALSE);
}

/**
 * wf_library_team_is_busy:
 *
 * Returns: whether it is connecting, listing or joining, for tests
 */
gboolean
wf_library_team_is_busy (WfLibraryTeam *self)
{
  g_return_val_if_fail (WF_IS_LIBRARY_TEAM (self), FALSE);

  return self->busy;
}
