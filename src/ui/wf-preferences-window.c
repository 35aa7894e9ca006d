/* wf-preferences-window.c — Preferences: the team server
 *
 * The server's address and the user are the settings team-server and
 * team-user, the encryption team-sslmode; the password goes to the
 * keyring through WfTeamAccount (in memory without one). The password
 * row says whether one is kept for the server and user set, and asks for
 * it when none is. A server address holding a password is refused.
 * Check Connection tries the connection and says what came of it:
 * encrypted or not (pg_stat_ssl for this backend), editor or viewer, or
 * the error in plain words, the server's own in the tooltip. It checks
 * a connection of its own: whether an open map is live is said in its
 * window.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "team/wf-team-error.h"
#include "team/wf-team-init.h"
#include "team/wf-team-library.h"
#include "wf-preferences-window.h"

struct _WfPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;   /* nullable */
  WfTeamAccount        *account;
  GCancellable         *cancellable;
  WfTeamConnection     *connection; /* while Connect asks its questions */
  gboolean              encrypted;

  AdwEntryRow          *server_row;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  AdwComboRow          *encryption_row;
  AdwActionRow         *status_row;
  GtkButton            *connect_button;
};

G_DEFINE_FINAL_TYPE (WfPreferencesWindow, wf_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const sslmodes[] = { "prefer", "require", "verify-full" };

static void
set_status (WfPreferencesWindow *self,
            const char          *title,
            const char          *subtitle)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle ? subtitle : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_row), NULL);
}

/* Whether a password is kept for the server and user set, and where;
 * asked for when none is. */
static void
show_password_place (WfPreferencesWindow *self)
{
  const char *title;

  switch (wf_team_account_get_password_place (self->account))
    {
    case WF_TEAM_PASSWORD_KEYRING:
      title = _("Password (kept in the keyring)");
      break;

    case WF_TEAM_PASSWORD_MEMORY:
      title = _("Password (kept until Wayfinder quits)");
      break;

    case WF_TEAM_PASSWORD_NONE:
    default:
      title = wf_team_account_is_set (self->account)
        ? _("Password (none kept for this server and user)")
        : _("Password");
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), title);
}

static void
stop_connecting (WfPreferencesWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->connection != NULL)
    wf_team_connection_close (self->connection);
  g_clear_object (&self->connection);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), TRUE);
}

static void
show_error (WfPreferencesWindow *self,
            const GError        *error)
{
  stop_connecting (self);
  /* The message says what failed; the server's own words, in English,
   * are for the tooltip. */
  set_status (self, _("Not connected"), error->message);
  if (error->domain == WF_TEAM_ERROR && wf_team_error_get_detail (error) != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_row), wf_team_error_get_detail (error));
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WfPreferencesWindow *self = user_data;
  g_autoptr(WfTeamInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  const char *user;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GString *text;

  info = wf_team_check_finish (WF_TEAM_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (info == NULL || !wf_team_info_allows (info, FALSE, &error))
    {
      show_error (self, error);
      return;
    }

  user = wf_team_connection_get_user (self->connection);
  text = g_string_new (NULL);
  if (info->can_push)
    /* Translators: %s is the role (user) on the team server */
    g_string_append_printf (text, _("As %s, who may edit the team’s maps."), user);
  else
    g_string_append_printf (text, _("As %s, who may view the team’s maps but not edit them."), user);

  if (self->encrypted)
    title = g_strdup (_("Connected, encrypted"));
  else if (wf_team_connection_is_on_socket (self->connection))
    /* A Unix socket: no network to cross, and no encryption libpq does. */
    title = g_strdup (_("Connected on this computer"));
  else
    {
      title = g_strdup (_("Connected, not encrypted"));
      if (g_str_equal (wf_team_account_get_sslmode (self->account), "prefer"))
        g_string_append_printf (text, " %s",
                                _("The server offers no encryption, so what you share crosses the network unprotected. Ask its administrator to turn TLS on, then choose “Always”."));
    }

  subtitle = g_string_free (text, FALSE);
  stop_connecting (self);
  set_status (self, title, subtitle);
}

static void
on_ssl_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WfPreferencesWindow *self = user_data;
  g_autoptr(PGresult) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = wf_team_connection_query_finish (WF_TEAM_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer == NULL)
    {
      show_error (self, error);
      return;
    }

  self->encrypted = PQntuples (answer) == 1 && g_str_equal (PQgetvalue (answer, 0, 0), "t");
  wf_team_check_async (self->connection, self->cancellable, on_checked, self);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  WfPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  WfTeamConnection *connection;

  connection = wf_team_account_connect_finish (WF_TEAM_ACCOUNT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (connection == NULL)
    {
      show_error (self, error);
      return;
    }

  self->connection = connection;
  wf_team_connection_query_async (connection,
                                  "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid ()",
                                  NULL, 0, self->cancellable, on_ssl_read, self);
}

static void
on_connect_clicked (WfPreferencesWindow *self)
{
  stop_connecting (self);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), FALSE);
  set_status (self, _("Connecting…"), NULL);
  wf_team_account_connect_async (self->account, self->cancellable, on_connected, self);
}

static void
on_server_applied (WfPreferencesWindow *self)
{
  g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;

  if (server[0] != '\0' && !(conninfo = wf_team_conninfo_build (server, NULL, NULL, &error)))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      set_status (self, _("The server’s address cannot be used"), error->message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  stop_connecting (self);
  set_status (self, _("Not checked yet"), NULL);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "team-server", server);
}

static void
on_user_applied (WfPreferencesWindow *self)
{
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));

  stop_connecting (self);
  set_status (self, _("Not checked yet"), NULL);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "team-user", user);
}

static void
on_password_stored (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(WfPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wf_team_account_set_password_finish (WF_TEAM_ACCOUNT (source), result, &error))
    {
      set_status (self, _("The password was not kept"), error->message);
      return;
    }

  show_password_place (self);
  switch (wf_team_account_get_password_place (self->account))
    {
    case WF_TEAM_PASSWORD_KEYRING:
      set_status (self, _("The password is kept in the keyring"), NULL);
      break;

    case WF_TEAM_PASSWORD_MEMORY:
      set_status (self, _("No keyring: the password is kept until Wayfinder quits"), NULL);
      break;

    case WF_TEAM_PASSWORD_NONE:
    default:
      set_status (self, _("Not checked yet"), NULL);
      break;
    }
}

static void
on_password_applied (WfPreferencesWindow *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  wf_team_account_set_password_async (self->account, password, NULL, on_password_stored,
                                      g_object_ref (self));
  /* Not left in the entry, where it could be shown. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}

/* What the chosen encryption does, under its short name. */
static void
describe_encryption (WfPreferencesWindow *self)
{
  const char *descriptions[] = {
    N_("Encrypted when the server offers it"),
    N_("A server without encryption is refused"),
    N_("A server without encryption, or whose certificate cannot be checked, is refused"),
  };
  guint selected = adw_combo_row_get_selected (self->encryption_row);

  G_STATIC_ASSERT (G_N_ELEMENTS (descriptions) == G_N_ELEMENTS (sslmodes));
  if (selected < G_N_ELEMENTS (descriptions))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encryption_row), _(descriptions[selected]));
}

static void
on_encryption_selected (WfPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->encryption_row);

  describe_encryption (self);

  if (self->settings != NULL && selected < G_N_ELEMENTS (sslmodes))
    g_settings_set_string (self->settings, "team-sslmode", sslmodes[selected]);
  stop_connecting (self);
  set_status (self, _("Not checked yet"), NULL);
}

/* Overrides */

static void
wf_preferences_window_dispose (GObject *object)
{
  WfPreferencesWindow *self = WF_PREFERENCES_WINDOW (object);

  stop_connecting (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->account);

  gtk_widget_dispose_template (GTK_WIDGET (self), WF_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (wf_preferences_window_parent_class)->dispose (object);
}

static void
wf_preferences_window_class_init (WfPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/wf-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WfPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, WfPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, WfPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, WfPreferencesWindow, encryption_row);
  gtk_widget_class_bind_template_child (widget_class, WfPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, WfPreferencesWindow, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, on_server_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_user_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_password_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked);
}

static void
wf_preferences_window_init (WfPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * wf_preferences_window_new:
 * @settings: (nullable): the application's settings
 * @account: the team account
 */
WfPreferencesWindow *
wf_preferences_window_new (GtkWindow     *parent,
                           GSettings     *settings,
                           WfTeamAccount *account)
{
  WfPreferencesWindow *self;

  g_return_val_if_fail (WF_IS_TEAM_ACCOUNT (account), NULL);

  self = g_object_new (WF_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->account = g_object_ref (account);
  if (settings != NULL)
    {
      g_autofree char *server = g_settings_get_string (settings, "team-server");
      g_autofree char *user = g_settings_get_string (settings, "team-user");
      const char *sslmode = wf_team_account_get_sslmode (account);

      self->settings = g_object_ref (settings);
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
      for (guint i = 0; i < G_N_ELEMENTS (sslmodes); i++)
        if (g_str_equal (sslmode, sslmodes[i]))
          adw_combo_row_set_selected (self->encryption_row, i);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);

  describe_encryption (self);
  g_signal_connect_object (self->encryption_row, "notify::selected",
                           G_CALLBACK (on_encryption_selected), self, G_CONNECT_SWAPPED);
  /* A new server or user has its own password, or none. */
  g_signal_connect_object (account, "changed", G_CALLBACK (show_password_place),
                           self, G_CONNECT_SWAPPED);
  show_password_place (self);

  return self;
}
