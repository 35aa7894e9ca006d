/* wf-application.c
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "model/wf-templates.h"
#include "storage/wf-library.h"
#include "team/wf-team-sender.h"
#include "wf-application.h"
#include "wf-message.h"
#include "wf-preferences-window.h"
#include "wf-team-account.h"
#include "wf-window.h"

struct _WfApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;   /* nullable: the schema may not be installed */
  WfLibrary      *library;    /* nullable: see library_error */
  GError         *library_error;  /* why there is none, or why it is read-only */
  GArray         *recovered;  /* ids of documents to bring back after a crash */
  WfTeamAccount  *team;       /* the team server and its password */
  WfTeamSender   *sender;     /* nullable: sends what closed team maps kept */
  guint           signal_ids[3];
};

G_DEFINE_FINAL_TYPE (WfApplication, wf_application, ADW_TYPE_APPLICATION)

/* How long quitting waits for the team server to take the last changes. */
#define WF_APPLICATION_QUIT_SEND_WAIT (3 * G_TIME_SPAN_SECOND)

static WfWindow *
new_window (WfApplication *self)
{
  return wf_window_new (GTK_APPLICATION (self));
}

/* A window that shows no document yet, to open a file in. */
static WfWindow *
find_empty_window (WfApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (WF_IS_WINDOW (l->data) && wf_window_get_document (l->data) == NULL)
        return l->data;
    }

  return NULL;
}

/* Documents that were open with unsaved edits when Wayfinder last ended
 * without closing them come back, each in its own window, saying so.
 */
static gboolean
open_recovered (WfApplication *self)
{
  g_autoptr(GArray) ids = g_steal_pointer (&self->recovered);

  if (ids == NULL || ids->len == 0)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      WfWindow *window = find_empty_window (self);

      if (window == NULL)
        window = new_window (self);

      wf_window_open_library_document (window, g_array_index (ids, gint64, i), TRUE);
      gtk_window_present (GTK_WINDOW (window));
    }

  return TRUE;
}

static void
wf_application_activate (GApplication *app)
{
  WfApplication *self = WF_APPLICATION (app);
  GtkWindow *window;

  if (open_recovered (self))
    return;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (new_window (self));

  gtk_window_present (window);
}

static void
wf_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  WfApplication *self = WF_APPLICATION (app);

  open_recovered (self);

  for (int i = 0; i < n_files; i++)
    {
      WfWindow *window = find_empty_window (self);

      if (window == NULL)
        window = new_window (self);

      wf_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
on_new_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  WfApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (new_window (self)));
}

/* The help is Mallard pages for a help viewer (Yelp). Where none is
 * installed, GTK only logs a warning: say so in the window, and offer the
 * shortcuts, which need nothing else.
 */
static void
on_no_help_response (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *window)
{
  if (g_str_equal (response, "shortcuts"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
on_help_shown (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;

  g_debug ("help:wayfinder: %s", error->message);
  dialog = wf_message_new (window, _("Could Not Show the Help"),
                           _("The help is read in a help viewer, such as Help (Yelp), and "
                             "none is installed. Install the “yelp” package to read it. The "
                             "keyboard shortcuts are at hand meanwhile."));
  adw_message_dialog_add_response (dialog, "shortcuts", _("_Keyboard Shortcuts"));
  adw_message_dialog_set_default_response (dialog, "shortcuts");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_no_help_response), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_help_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  WfApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    return;

  gtk_show_uri_full (window, "help:wayfinder", GDK_CURRENT_TIME, NULL, on_help_shown, g_object_ref (window));
}

static void
on_about_activated (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  WfApplication *self = user_data;
  static const char *developers[] = { "The Wayfinder developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", APP_ID,
                        "application-name", _("Wayfinder"),
                        "developer-name", _("The Wayfinder developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Draw customer journey maps: phases, personas, touchpoints and emotions, for teams and workshops."),
                        "website", "https://github.com/wayfinder/wayfinder",
                        "issue-url", "https://github.com/wayfinder/wayfinder/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Wayfinder developers",
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_preferences_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  WfApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* One at a time: a second Ctrl+comma brings the first back. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (WF_IS_PREFERENCES_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return;
      }

  gtk_window_present (GTK_WINDOW (wf_preferences_window_new (parent, self->settings, self->team)));
}

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  WfApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window asks about its unsaved changes before it closes. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "new", on_new_activated },
  { "help", on_help_activated },
  { "about", on_about_activated },
  { "preferences", on_preferences_activated },
  { "quit", on_quit_activated },
};

/* The library: $XDG_DATA_HOME/wayfinder/library.sqlite. On the first
 * start it gets one sample map, so that a newcomer sees a real map at
 * once. A damaged library is set aside and what can be read of it is
 * recovered into a new one; one that cannot be written is opened to
 * read. The start page of each window says what happened; if there is no
 * library at all, each window also says so when a map is opened.
 */
static void
open_library (WfApplication *self)
{
  g_autofree char *path = wf_library_get_default_path ();
  gboolean first_start = !g_file_test (path, G_FILE_TEST_EXISTS);
  g_autoptr(GError) error = NULL;
  const GError *read_only;

  self->library = wf_library_open (path, &self->library_error);
  if (self->library == NULL)
    {
      g_message ("The library %s cannot be used: %s", path, self->library_error->message);
      return;
    }

  /* Documents shown from it cannot be kept in it: the windows say why. */
  if ((read_only = wf_library_get_read_only_reason (self->library)))
    {
      g_message ("The library %s cannot be written: %s", path, read_only->message);
      self->library_error = g_error_copy (read_only);
      return;
    }

  self->recovered = wf_library_list_recovered (self->library);

  if (!wf_library_empty_trash (self->library, &error))
    g_warning ("The library’s trash could not be emptied: %s", error->message);

  if (first_start)
    {
      g_autoptr(WfDocument) sample = wf_templates_create ("five-phases", NULL);

      if (!wf_library_add (self->library, sample, NULL, &error))
        g_warning ("The sample map could not be added to the library: %s", error->message);
    }
}

static gboolean
is_open_in_window (gint64   doc,
                   gpointer user_data)
{
  return wf_application_find_window (user_data, doc) != NULL;
}

/* Changes made to a team map offline stay in the library's outbox; its
 * window sends them when the server is back. Those of maps closed since
 * are sent by the application's sender, from the start and whenever a
 * window closes one; a new server or user starts it again.
 */
static void
restart_sender (WfApplication *self)
{
  g_autofree char *conninfo = NULL;
  g_autoptr(GError) error = NULL;

  if (self->sender != NULL)
    wf_team_sender_stop (self->sender);
  g_clear_object (&self->sender);

  if (self->library == NULL || self->library_error != NULL || !wf_team_account_is_set (self->team))
    return;
  if (!(conninfo = wf_team_account_get_conninfo (self->team, &error)))
    {
      g_debug ("Closed team maps are not sent: %s", error->message);
      return;
    }

  self->sender = wf_team_sender_new (self->library, conninfo);
  wf_team_sender_set_open_func (self->sender, is_open_in_window, self);
  wf_team_sender_run (self->sender);
}

static gboolean
on_quit_wait (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
send_before_quitting (WfApplication *self)
{
  gint64 deadline = g_get_monotonic_time () + WF_APPLICATION_QUIT_SEND_WAIT;
  guint tick;

  wf_team_sender_run (self->sender);
  /* Wakes the loop below to look at the clock. */
  tick = g_timeout_add (100, on_quit_wait, NULL);
  while (wf_team_sender_get_busy (self->sender) && !wf_team_sender_is_stalled (self->sender) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

/* Logging out, a terminal closed or Ctrl+C: the session asks the
 * application to end. It ends as it does when quit, so each window's
 * autosave writes what it holds back (a title being typed waits for a
 * pause) instead of losing it with the process.
 */
static gboolean
on_terminate (gpointer data)
{
  WfApplication *self = data;

  g_debug ("Ended by a signal; writing what is not written yet");
  g_application_quit (G_APPLICATION (self));

  return G_SOURCE_CONTINUE;
}

static void
wf_application_shutdown (GApplication *app)
{
  WfApplication *self = WF_APPLICATION (app);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);

  /* A window still open when the application ends writes what its
   * autosave holds back (a title being typed waits for a pause).
   */
  for (GList *l = windows; l; l = l->next)
    gtk_window_destroy (l->data);

  /* What those windows wrote last for the team (a title typed, then
   * Ctrl+Q) is sent while the server answers, for a few seconds at
   * most; what is left waits for the next start. */
  if (self->sender != NULL)
    {
      send_before_quitting (self);
      wf_team_sender_stop (self->sender);
    }
  g_clear_object (&self->sender);

  /* Documents deleted in this session, whose undo toasts are gone. */
  if (self->library != NULL && wf_library_get_read_only_reason (self->library) == NULL)
    wf_library_empty_trash (self->library, NULL);

  G_APPLICATION_CLASS (wf_application_parent_class)->shutdown (app);
}

static void
wf_application_startup (GApplication *app)
{
  WfApplication *self = WF_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export", { "<Control><Shift>e", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.present", { "F5", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (wf_application_parent_class)->startup (app);

  self->signal_ids[0] = g_unix_signal_add (SIGTERM, on_terminate, self);
  self->signal_ids[1] = g_unix_signal_add (SIGINT, on_terminate, self);
  self->signal_ids[2] = g_unix_signal_add (SIGHUP, on_terminate, self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  source = g_settings_schema_source_get_default ();
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    {
      g_autoptr(GAction) animations = NULL;

      self->settings = g_settings_new (APP_ID);
      /* The menu's check item for it. */
      animations = g_settings_create_action (self->settings, "present-animations");
      g_action_map_add_action (G_ACTION_MAP (self), animations);
    }
  else
    g_message ("The settings schema %s is not installed; window sizes will not be remembered", APP_ID);

  self->team = wf_team_account_new (self->settings);

  open_library (self);

  g_signal_connect_object (self->team, "changed", G_CALLBACK (restart_sender), self, G_CONNECT_SWAPPED);
  restart_sender (self);
}

static void
wf_application_dispose (GObject *object)
{
  WfApplication *self = WF_APPLICATION (object);

  g_clear_object (&self->sender);
  g_clear_object (&self->team);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);
  g_clear_error (&self->library_error);
  g_clear_pointer (&self->recovered, g_array_unref);

  G_OBJECT_CLASS (wf_application_parent_class)->dispose (object);
}

static void
wf_application_class_init (WfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = wf_application_dispose;

  app_class->activate = wf_application_activate;
  app_class->open = wf_application_open;
  app_class->startup = wf_application_startup;
  app_class->shutdown = wf_application_shutdown;
}

static void
wf_application_init (WfApplication *self)
{
}

WfApplication *
wf_application_new (void)
{
  return g_object_new (WF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * wf_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, if the schema is installed
 */
GSettings *
wf_application_get_settings (WfApplication *self)
{
  g_return_val_if_fail (WF_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * wf_application_get_library:
 * @error: (out) (optional) (transfer none): why there is no library, or
 *   why the library cannot be written
 *
 * Returns: (transfer none) (nullable): the library, if it could be opened
 */
WfLibrary *
wf_application_get_library (WfApplication  *self,
                            const GError  **error)
{
  g_return_val_if_fail (WF_IS_APPLICATION (self), NULL);

  if (error != NULL)
    *error = self->library_error;

  return self->library;
}

/**
 * wf_application_find_window:
 * @id: a document of the library
 *
 * Returns: (transfer none) (nullable): the window showing @id
 */
WfWindow *
wf_application_find_window (WfApplication *self,
                            gint64         id)
{
  g_return_val_if_fail (WF_IS_APPLICATION (self), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (WF_IS_WINDOW (l->data) && wf_window_get_library_id (l->data) == id)
        return l->data;
    }

  return NULL;
}

/**
 * wf_application_get_team_account:
 *
 * Returns: (transfer none) (nullable): the team server and its
 *   password, once the application started
 */
WfTeamAccount *
wf_application_get_team_account (WfApplication *self)
{
  g_return_val_if_fail (WF_IS_APPLICATION (self), NULL);

  return self->team;
}

/**
 * wf_application_claim_document:
 * @id: a document of the library a window is about to open
 *
 * Makes the window the document's only writer: if the application was
 * sending the changes the map kept while closed, that stops at once,
 * and the window's own session goes on with them.
 */
void
wf_application_claim_document (WfApplication *self,
                               gint64         id)
{
  g_return_if_fail (WF_IS_APPLICATION (self));

  if (self->sender != NULL)
    wf_team_sender_release (self->sender, id);
}

/**
 * wf_application_send_team_changes:
 *
 * A window closed a map: if it is a team map with changes the server
 * has not taken, they are sent without it.
 */
void
wf_application_send_team_changes (WfApplication *self)
{
  g_return_if_fail (WF_IS_APPLICATION (self));

  if (self->sender != NULL)
    wf_team_sender_run (self->sender);
}
