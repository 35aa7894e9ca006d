/* wf-team-account.c — the team server the application uses, and its password
 *
 * The server and the user are settings (team-server, team-user,
 * team-sslmode); the password is in the keyring (libsecret, schema
 * io.github.wayfinder.Wayfinder.Team, attributes server and user),
 * looked up asynchronously when the settings change and before each
 * connect the account makes, and kept here for the connections that
 * sessions make on their own: WfTeamConnection asks for it through
 * wf_team_connection_set_password_func() and passes it as libpq's
 * password keyword, never in a connection string. Without a keyring (no
 * Secret Service, or its prompt for a new keyring cancelled) a password
 * is kept in memory, per server and user, until the application quits.
 * "changed" is emitted once the password for new settings is looked up.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "team/wf-team-library.h"
#include "wf-team-account.h"

struct _WfTeamAccount
{
  GObject       parent_instance;

  GSettings    *settings;    /* nullable: no schema, no team */
  char         *conninfo;    /* what the password was looked up for */
  char         *password;    /* nullable */
  WfTeamPasswordPlace place; /* where password came from */
  GHashTable   *in_memory;   /* "server\nuser" → password, where no keyring kept it */
  gboolean      no_keyring;  /* never ask the keyring (tests) */
  GCancellable *lookup;      /* of the lookup under way */
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WfTeamAccount, wf_team_account, G_TYPE_OBJECT)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.wayfinder.Wayfinder.Team", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static char *
get_string (WfTeamAccount *self,
            const char    *key)
{
  return self->settings != NULL ? g_strstrip (g_settings_get_string (self->settings, key)) : g_strdup ("");
}

static void
forget_password (WfTeamAccount *self)
{
  if (self->password != NULL)
    {
      secret_password_free (self->password);
      self->password = NULL;
    }
  self->place = WF_TEAM_PASSWORD_NONE;
}

static char *
memory_key (const char *server,
            const char *user)
{
  return g_strconcat (server, "\n", user, NULL);
}

static void
free_secret (gpointer password)
{
  secret_password_free (password);
}

static char *
password_for (const char *conninfo,
              const char *user,
              gpointer    user_data)
{
  WfTeamAccount *self = user_data;

  /* Only the server and user it was kept for get it. */
  if (self->password == NULL || g_strcmp0 (conninfo, self->conninfo) != 0)
    return NULL;

  return g_strdup (self->password);
}

typedef struct
{
  WfTeamAccount *self;
  GTask         *task;        /* nullable: a connect waiting for it */
  char          *conninfo;
  char          *key;         /* in in_memory */
} Lookup;

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  WfTeamConnection *connection = wf_team_connection_new_finish (result, &error);

  if (connection == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, connection, g_object_unref);
}

/* Connects @task's way, with or without a password. */
static void
connect_now (GTask *task)
{
  WfTeamAccount *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autofree char *conninfo = wf_team_account_get_conninfo (self, &error);

  if (conninfo == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  wf_team_connection_new_async (conninfo, g_task_get_cancellable (task), on_connected, task);
}

/* The keyring's answer (@password taken, nullable), or none. */
static void
looked_up (Lookup *lookup,
           char   *password,
           GError *error)
{
  WfTeamAccount *self = lookup->self;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No team password from the keyring: %s", error->message);

  if (error == NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      const char *kept = g_hash_table_lookup (self->in_memory, lookup->key);

      forget_password (self);
      if (password != NULL)
        {
          self->password = password;
          self->place = WF_TEAM_PASSWORD_KEYRING;
        }
      else if (kept != NULL)
        {
          self->password = g_strdup (kept);
          self->place = WF_TEAM_PASSWORD_MEMORY;
        }
      g_free (self->conninfo);
      self->conninfo = g_steal_pointer (&lookup->conninfo);
      /* A connect's own lookup says nothing: the settings did not
       * change, and whoever listens would connect again. */
      if (lookup->task == NULL)
        g_signal_emit (self, signals[CHANGED], 0);
    }
  else if (password != NULL)
    secret_password_free (password);

  if (lookup->task != NULL)
    connect_now (lookup->task);

  g_free (lookup->conninfo);
  g_free (lookup->key);
  g_object_unref (lookup->self);
  g_free (lookup);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  looked_up (user_data, password, error);
}

/* Looks the password up for the present settings; @task, if any,
 * connects when that is done, whatever the keyring said. */
static void
look_up (WfTeamAccount *self,
         GTask         *task)
{
  g_autofree char *server = get_string (self, "team-server");
  g_autofree char *user = get_string (self, "team-user");
  Lookup *lookup;

  if (task == NULL)
    {
      g_cancellable_cancel (self->lookup);
      g_clear_object (&self->lookup);
    }

  if (server[0] == '\0')
    {
      forget_password (self);
      if (task != NULL)
        connect_now (task);
      else
        g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->task = task;
  lookup->conninfo = wf_team_account_get_conninfo (self, NULL);
  lookup->key = memory_key (server, user);
  if (self->no_keyring)
    {
      looked_up (lookup, NULL, NULL);
      return;
    }
  if (task == NULL)
    self->lookup = g_cancellable_new ();
  secret_password_lookup (get_schema (), task ? g_task_get_cancellable (task) : self->lookup,
                          on_looked_up, lookup, "server", server, "user", user, NULL);
}

static void
on_settings_changed (WfTeamAccount *self,
                     const char    *key)
{
  if (!g_str_has_prefix (key, "team-"))
    return;

  /* "changed" once the password for the new settings is known. */
  look_up (self, NULL);
}

/* Overrides */

static void
wf_team_account_dispose (GObject *object)
{
  WfTeamAccount *self = WF_TEAM_ACCOUNT (object);

  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wf_team_account_parent_class)->dispose (object);
}

static void
wf_team_account_finalize (GObject *object)
{
  WfTeamAccount *self = WF_TEAM_ACCOUNT (object);

  wf_team_connection_set_password_func (NULL, NULL);
  forget_password (self);
  g_free (self->conninfo);
  g_hash_table_unref (self->in_memory);

  G_OBJECT_CLASS (wf_team_account_parent_class)->finalize (object);
}

static void
wf_team_account_class_init (WfTeamAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wf_team_account_dispose;
  object_class->finalize = wf_team_account_finalize;

  /**
   * WfTeamAccount::changed:
   *
   * The server, the user, the encryption or the password changed;
   * emitted once the password for the new settings is looked up.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wf_team_account_init (WfTeamAccount *self)
{
  self->in_memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_secret);
}

/* Public API */

/**
 * wf_team_account_new:
 * @settings: (nullable): the application's settings
 *
 * The account; it gives connections their password from now on.
 */
WfTeamAccount *
wf_team_account_new (GSettings *settings)
{
  WfTeamAccount *self = g_object_new (WF_TYPE_TEAM_ACCOUNT, NULL);

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), self);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed),
                               self, G_CONNECT_SWAPPED);
    }
  wf_team_connection_set_password_func (password_for, self);
  look_up (self, NULL);

  return self;
}

/**
 * wf_team_account_is_set:
 *
 * Returns: whether a team server is set
 */
gboolean
wf_team_account_is_set (WfTeamAccount *self)
{
  g_autofree char *server = NULL;

  g_return_val_if_fail (WF_IS_TEAM_ACCOUNT (self), FALSE);

  server = get_string (self, "team-server");

  return server[0] != '\0';
}

/**
 * wf_team_account_get_conninfo:
 *
 * Returns: (transfer full) (nullable): the connection string for the
 *   settings, without a password, or %NULL when none is set or it
 *   cannot be used
 */
char *
wf_team_account_get_conninfo (WfTeamAccount  *self,
                              GError        **error)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;

  g_return_val_if_fail (WF_IS_TEAM_ACCOUNT (self), NULL);

  server = get_string (self, "team-server");
  user = get_string (self, "team-user");
  if (server[0] == '\0')
    {
      g_set_error_literal (error, WF_TEAM_ERROR, WF_TEAM_ERROR_CONNECTION,
                           _("No team server is set: set one in Preferences."));
      return NULL;
    }

  return wf_team_conninfo_build (server, user, wf_team_account_get_sslmode (self), error);
}

/**
 * wf_team_account_get_sslmode:
 *
 * Returns: libpq's sslmode for the Encryption setting
 */
const char *
wf_team_account_get_sslmode (WfTeamAccount *self)
{
  g_autofree char *mode = NULL;

  g_return_val_if_fail (WF_IS_TEAM_ACCOUNT (self), "prefer");

  mode = get_string (self, "team-sslmode");
  if (g_str_equal (mode, "require"))
    return "require";
  if (g_str_equal (mode, "verify-full"))
    return "verify-full";

  return "prefer";
}

/**
 * wf_team_account_has_password:
 *
 * Returns: whether the keyring gave a password for the present settings
 */
gboolean
wf_team_account_has_password (WfTeamAccount *self)
{
  g_return_val_if_fail (WF_IS_TEAM_ACCOUNT (self), FALSE);

  return self->password != NULL;
}

/**
 * wf_team_account_get_password_place:
 *
 * Returns: where the password for the present settings is kept: the
 *   keyring, in memory until the application quits, or nowhere
 */
WfTeamPasswordPlace
wf_team_account_get_password_place (WfTeamAccount *self)
{
  g_return_val_if_fail (WF_IS_TEAM_ACCOUNT (self), WF_TEAM_PASSWORD_NONE);

  return self->place;
}

/**
 * wf_team_account_connect_async:
 *
 * Looks the password up again, then connects to the team server.
 */
void
wf_team_account_connect_async (WfTeamAccount       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (WF_IS_TEAM_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wf_team_account_connect_async);
  look_up (self, task);
}

/**
 * wf_team_account_connect_finish:
 *
 * Returns: (transfer full) (nullable): the open connection
 */
WfTeamConnection *
wf_team_account_connect_finish (WfTeamAccount  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char *key;       /* in in_memory */
  char *password;  /* nullable: what to keep in memory if the keyring fails */
} Store;

static void
store_free (Store *store)
{
  g_free (store->key);
  if (store->password != NULL)
    secret_password_free (store->password);
  g_free (store);
}

/* The keyring kept (@done) the password of @task (taken), or not. */
static void
stored (GTask    *task,
        gboolean  done,
        GError   *error)
{
  WfTeamAccount *self = g_task_get_source_object (task);
  Store *store = g_task_get_task_data (task);

  /* Known at once, for whoever asks when this returns; the lookup
   * after says so again, with "changed". */
  forget_password (self);
  g_free (self->conninfo);
  self->conninfo = wf_team_account_get_conninfo (self, NULL);
  if (!done)
    {
      /* No keyring (no Secret Service, or its prompt for a new keyring
       * cancelled): kept in memory for this session. */
      g_debug ("The keyring did not keep the team password: %s", error ? error->message : "none");
      self->password = g_strdup (store->password);
      self->place = WF_TEAM_PASSWORD_MEMORY;
      g_hash_table_replace (self->in_memory, g_strdup (store->key), g_steal_pointer (&store->password));
    }
  else if (store->password != NULL)
    {
      self->password = g_strdup (store->password);
      self->place = WF_TEAM_PASSWORD_KEYRING;
    }

  look_up (self, NULL);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (g_task_get_source_tag (task) == (gpointer) secret_password_clear)
    {
      /* Nothing to clear, or no keyring to clear it in, is no failure:
       * the one in memory is gone. */
      if (!secret_password_clear_finish (result, &error) && error != NULL)
        g_debug ("The keyring did not clear the team password: %s", error->message);
      done = TRUE;
    }
  else
    done = secret_password_store_finish (result, &error);

  stored (task, done, error);
}

/**
 * wf_team_account_set_password_async:
 * @password: the password for the present server and user, "" to
 *   remove it from the keyring
 *
 * Keeps @password in the keyring, or, when there is none, in memory
 * until the application quits (wf_team_account_get_password_place()
 * says which, once done).
 */
void
wf_team_account_set_password_async (WfTeamAccount       *self,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *label = NULL;
  Store *store;
  GTask *task;

  g_return_if_fail (WF_IS_TEAM_ACCOUNT (self));
  g_return_if_fail (password != NULL);

  server = get_string (self, "team-server");
  user = get_string (self, "team-user");
  task = g_task_new (self, cancellable, callback, user_data);
  store = g_new0 (Store, 1);
  store->key = memory_key (server, user);
  g_task_set_task_data (task, store, (GDestroyNotify) store_free);
  /* A new one replaces what memory kept; it goes back there only if
   * the keyring fails. */
  g_hash_table_remove (self->in_memory, store->key);

  if (self->no_keyring)
    {
      if (password[0] != '\0')
        store->password = g_strdup (password);
      stored (task, password[0] == '\0', NULL);
      return;
    }

  if (password[0] == '\0')
    {
      g_task_set_source_tag (task, (gpointer) secret_password_clear);
      secret_password_clear (get_schema (), cancellable, on_stored, task,
                             "server", server, "user", user, NULL);
      return;
    }

  g_task_set_source_tag (task, wf_team_account_set_password_async);
  store->password = g_strdup (password);
  /* Translators: the keyring's name for the password; %s is a role on the team server */
  label = g_strdup_printf (_("Wayfinder team password for %s"), user[0] ? user : g_get_user_name ());
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, on_stored, task, "server", server, "user", user, NULL);
}

gboolean
wf_team_account_set_password_finish (WfTeamAccount  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * wf_team_account_set_use_keyring:
 * @use: %FALSE to never ask the keyring, as where there is none
 *
 * For tests: passwords are then kept in memory only.
 */
void
wf_team_account_set_use_keyring (WfTeamAccount *self,
                                 gboolean       use)
{
  g_return_if_fail (WF_IS_TEAM_ACCOUNT (self));

  self->no_keyring = !use;
}
