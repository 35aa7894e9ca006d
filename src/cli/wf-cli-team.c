/* wf-cli-team.c — `wayfinder team init|push|list|pull`
 *
 * The team library from the command line (docs/team-library.md, "The
 * command line"). Each subcommand runs the same asynchronous code as the
 * application (team/), in a main loop of its own until its request is
 * done. The password comes the ways libpq has: ~/.pgpass, PGPASSWORD, a
 * service file; the connection string is never printed.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "storage/wf-journey.h"
#include "storage/wf-sqlite.h"
#include "team/wf-team-connection.h"
#include "team/wf-team-documents.h"
#include "team/wf-team-init.h"
#include "wf-cli-private.h"

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
on_ready (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* Runs the loop until the operation started with @wait is done. */
static GAsyncResult *
wait_for (Wait *wait)
{
  if (wait->result == NULL)
    g_main_loop_run (wait->loop);

  return wait->result;
}

static void
wait_clear (Wait *wait)
{
  g_clear_object (&wait->result);
}

static int
failed (const char   *command,
        const GError *error)
{
  const char *detail = error->domain == WF_TEAM_ERROR ? wf_team_error_get_detail (error) : NULL;

  /* Translators: the word "error" in "wayfinder team push: error: MESSAGE" */
  g_printerr ("wayfinder team %s: %s: %s\n", command, _("error"), error->message);
  /* libpq's own words too: which socket or host, for the administrator. */
  if (detail != NULL)
    g_printerr ("  %s\n", detail);

  return 1;
}

/* A password in the connection string is seen by whoever lists this
 * computer's processes or reads the shell's history. */
static void
warn_password (const char *command,
               const char *conninfo)
{
  if (wf_team_conninfo_has_password (conninfo))
    g_printerr ("wayfinder team %s: %s: %s\n", command, _("warning"),
                _("The connection string holds a password, which others on this computer may see; use ~/.pgpass or PGPASSWORD instead."));
}

/* Connects and reads what this Wayfinder may do there. */
static WfTeamConnection *
open_team (GMainLoop   *loop,
           const char  *command,
           const char  *conninfo,
           gboolean     write,
           WfTeamInfo **info_out,
           GError     **error)
{
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfTeamInfo) info = NULL;
  Wait wait = { loop, NULL };

  warn_password (command, conninfo);
  wf_team_connection_new_async (conninfo, NULL, on_ready, &wait);
  connection = wf_team_connection_new_finish (wait_for (&wait), error);
  wait_clear (&wait);
  if (connection == NULL)
    return NULL;

  wf_team_check_async (connection, NULL, on_ready, &wait);
  info = wf_team_check_finish (connection, wait_for (&wait), error);
  wait_clear (&wait);
  if (info == NULL || !wf_team_info_allows (info, write, error))
    return NULL;

  if (info_out != NULL)
    *info_out = g_steal_pointer (&info);

  return g_steal_pointer (&connection);
}

static int
team_init (GMainLoop  *loop,
           int         argc,
           char      **argv)
{
  g_autofree char *editors = NULL;
  g_autofree char *viewers = NULL;
  GOptionEntry entries[] = {
    { "editors", 'e', 0, G_OPTION_ARG_STRING, &editors, N_("The group role whose members may change the team’s documents (default: wayfinder_editor)"), N_("ROLE") },
    { "viewers", 'v', 0, G_OPTION_ARG_STRING, &viewers, N_("The group role whose members may only view them (default: wayfinder_viewer)"), N_("ROLE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wf_cli_option_context ("team init", _("CONNINFO"), entries);
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfTeamInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { loop, NULL };

  g_option_context_set_summary (context, _("Create the team library’s schema on a PostgreSQL database, or upgrade it, and grant the two roles their rights. The roles must exist. Prints the team’s id and the schema version."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return wf_cli_usage_error ("team init", error->message);

  if (argc != 2)
    return wf_cli_usage_error ("team init", _("Name the server with one connection string."));

  if (g_str_equal (editors ? editors : WF_TEAM_DEFAULT_EDITORS, viewers ? viewers : WF_TEAM_DEFAULT_VIEWERS))
    return wf_cli_usage_error ("team init", _("The editors and the viewers must be two different roles."));

  warn_password ("init", argv[1]);
  wf_team_connection_new_async (argv[1], NULL, on_ready, &wait);
  connection = wf_team_connection_new_finish (wait_for (&wait), &error);
  wait_clear (&wait);
  if (connection == NULL)
    return failed ("init", error);

  wf_team_init_async (connection, editors, viewers, NULL, on_ready, &wait);
  info = wf_team_init_finish (connection, wait_for (&wait), &error);
  wait_clear (&wait);
  if (info == NULL && g_strcmp0 (wf_team_error_get_sqlstate (error), "42501") == 0)
    {
      /* An editor or a viewer may not make the schema or grant: say
       * who may, the server's words after. */
      g_autofree char *server = g_strdup (error->message);

      g_clear_error (&error);
      g_set_error (&error, WF_TEAM_ERROR, WF_TEAM_ERROR_PERMISSION,
                   _("“team init” must be run by the owner of the database (or a superuser), connected as that role. (%s)"),
                   server);
      return failed ("init", error);
    }
  if (info == NULL)
    return failed ("init", error);

  /* Translators: %s is the team's id, %u the server schema version */
  g_print (_("Team %s, schema version %u\n"), info->team, info->schema);

  return 0;
}

static int
team_push (GMainLoop  *loop,
           int         argc,
           char      **argv)
{
  g_autoptr(GOptionContext) context = wf_cli_option_context ("team push", _("CONNINFO FILE"), NULL);
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client = NULL;
  g_autofree char *id = NULL;
  Wait wait = { loop, NULL };

  g_option_context_set_summary (context, _("Share a .journey or .sqlite file with the team as a new document, and print its id."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return wf_cli_usage_error ("team push", error->message);

  if (argc != 3)
    return wf_cli_usage_error ("team push", _("Name the server with a connection string, then the file to share."));

  if (!(document = wf_cli_load (argv[2])))
    return 1;

  if (!(connection = open_team (loop, "push", argv[1], TRUE, NULL, &error)))
    return failed ("push", error);

  /* A client of its own: each run is a new one. */
  client = g_uuid_string_random ();
  wf_team_share_async (connection, document, client, NULL, on_ready, &wait);
  id = wf_team_share_finish (connection, wait_for (&wait), NULL, &error);
  if (id == NULL && g_error_matches (error, WF_TEAM_ERROR, WF_TEAM_ERROR_TIMEOUT))
    {
      /* The server may have shared it after all: say which id to look for. */
      g_autofree char *tried = g_strdup (wf_team_share_get_id (wait.result));

      wait_clear (&wait);
      failed ("push", error);
      /* Translators: %s is a document's id */
      g_printerr (_("Whether the document was shared is not known: if “wayfinder team list” shows %s, it was.\n"), tried);
      return 1;
    }
  wait_clear (&wait);
  if (id == NULL)
    return failed ("push", error);

  g_print ("%s\n", id);

  return 0;
}

#define FIELD_MAX_CHARS 200

/* Whether @c would steer a terminal or the direction of the text rather
 * than show: control characters (escape sequences, tabs, line breaks)
 * and the bidirectional embeddings, overrides and isolates. */
static gboolean
is_steering (gunichar c)
{
  return g_unichar_iscntrl (c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* A title on one line of tab-separated text, shown as it is written:
 * what would steer the terminal becomes a space, and a long one is cut
 * to FIELD_MAX_CHARS characters and "…". */
static char *
one_field (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *field = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == FIELD_MAX_CHARS)
        {
          g_string_append (field, "…");
          break;
        }
      if (is_steering (c))
        g_string_append_c (field, ' ');
      else
        g_string_append_unichar (field, c);
    }

  return g_string_free (field, FALSE);
}

static int
team_list (GMainLoop  *loop,
           int         argc,
           char      **argv)
{
  g_autoptr(GOptionContext) context = wf_cli_option_context ("team list", _("CONNINFO"), NULL);
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(GPtrArray) listings = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { loop, NULL };

  g_option_context_set_summary (context, _("List the team’s documents, the most recently changed first: one line each with the id, the title, the last change (UTC) and who made it, separated by tabs."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return wf_cli_usage_error ("team list", error->message);

  if (argc != 2)
    return wf_cli_usage_error ("team list", _("Name the server with one connection string."));

  if (!(connection = open_team (loop, "list", argv[1], FALSE, NULL, &error)))
    return failed ("list", error);

  wf_team_list_async (connection, NULL, on_ready, &wait);
  listings = wf_team_list_finish (connection, wait_for (&wait), &error);
  wait_clear (&wait);
  if (listings == NULL)
    return failed ("list", error);

  for (guint i = 0; i < listings->len; i++)
    {
      WfTeamListing *listing = g_ptr_array_index (listings, i);
      g_autofree char *title = one_field (listing->title);
      g_autofree char *by = one_field (listing->changed_by);

      g_print ("%s\t%s\t%s\t%s\n", listing->id, title, listing->changed, by);
    }

  return 0;
}

static int
team_pull (GMainLoop  *loop,
           int         argc,
           char      **argv)
{
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace OUT if it exists"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wf_cli_option_context ("team pull", _("CONNINFO ID OUT"), entries);
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) out = NULL;
  g_autofree char *lower = NULL;
  Wait wait = { loop, NULL };
  gboolean saved;

  g_option_context_set_summary (context, _("Write a team document as it is on the server to OUT, a .journey or .sqlite file by its extension."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return wf_cli_usage_error ("team pull", error->message);

  if (argc != 4)
    return wf_cli_usage_error ("team pull", _("Name the server with a connection string, then the document’s id and the file to write."));

  if (!g_uuid_string_is_valid (argv[2]))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not the id of a team document; “wayfinder team list” shows them."), argv[2]);
      return wf_cli_usage_error ("team pull", message);
    }

  lower = g_ascii_strdown (argv[3], -1);
  if (!g_str_has_suffix (lower, ".journey") && !g_str_has_suffix (lower, ".sqlite"))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” does not end in .journey or .sqlite, so the format to write is not known."), argv[3]);
      return wf_cli_usage_error ("team pull", message);
    }

  out = g_file_new_for_commandline_arg (argv[3]);
  /* As convert does: a file is replaced only when asked. */
  if (!force && g_file_query_exists (out, NULL))
    {
      wf_cli_print_problem (argv[3], NULL, _("The file already exists; use --force to replace it."));
      return 1;
    }

  if (!(connection = open_team (loop, "pull", argv[1], FALSE, NULL, &error)))
    return failed ("pull", error);

  wf_team_read_async (connection, argv[2], NULL, on_ready, &wait);
  document = wf_team_read_finish (connection, wait_for (&wait), NULL, &error);
  wait_clear (&wait);
  if (document == NULL)
    return failed ("pull", error);

  if (g_str_has_suffix (lower, ".sqlite"))
    saved = wf_sqlite_save_file (document, out, NULL, &error);
  else
    saved = wf_journey_save_file (document, out, NULL, &error);

  if (!saved)
    {
      wf_cli_print_problem (argv[3], NULL, error->message);
      return 1;
    }

  return 0;
}

static int
team_help (void)
{
  g_print (_("Usage:\n"));
  g_print ("  wayfinder team init %s [--editors %s] [--viewers %s]\n", _("CONNINFO"), _("ROLE"), _("ROLE"));
  g_print ("  wayfinder team push %s %s\n", _("CONNINFO"), _("FILE"));
  g_print ("  wayfinder team list %s\n", _("CONNINFO"));
  g_print ("  wayfinder team pull [--force] %s %s %s\n\n", _("CONNINFO"), _("ID"), _("OUT"));
  g_print ("%s\n\n", _("Share journeys through a team’s PostgreSQL server. CONNINFO is a libpq connection string or URI, such as “host=db.example.org dbname=journeys user=anna”; the password comes from ~/.pgpass, PGPASSWORD or a service file. “wayfinder team COMMAND --help” tells more of each."));
  g_print ("%s\n", _("Exit status: 0 on success, 1 when the server or a file has a problem, 2 on wrong usage."));

  return 0;
}

/**
 * wf_cli_team:
 * @argv: "team", the subcommand, its arguments
 *
 * Returns: the exit status
 */
int
wf_cli_team (int    argc,
             char **argv)
{
  static const struct {
    const char *name;
    int (*func) (GMainLoop *loop, int argc, char **argv);
  } subcommands[] = {
    { "init", team_init },
    { "push", team_push },
    { "list", team_list },
    { "pull", team_pull },
  };
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  int status = -1;

  if (argc < 2)
    return wf_cli_usage_error ("team", _("Name what to do: init, push, list or pull."));

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    return team_help ();

  context = g_main_context_new ();
  loop = g_main_loop_new (context, FALSE);
  g_main_context_push_thread_default (context);

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      {
        status = subcommands[i].func (loop, argc - 1, argv + 1);
        break;
      }

  /* What the connection still has to say goodbye goes now. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  if (status < 0)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not one of init, push, list and pull."), argv[1]);

      return wf_cli_usage_error ("team", message);
    }

  return status;
}
