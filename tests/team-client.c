/* team-client.c — one library live with a team server, as a process a test can kill
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   team-client LIBRARY DOC CONNINFO TEAM_DOC [TITLE]
 *
 * Opens document DOC (its number in the library at path LIBRARY, a team
 * document) with its journal and a session on CONNINFO, for TEAM_DOC on
 * the server. With TITLE, once live, it sets card cd0's title to it;
 * then it runs until the session has sent everything and read its
 * answers back, and exits 0. Only for tests (tests/test-team-session.c,
 * /team-session/client-killed): the test kills it while its push waits.
 */
#include "config.h"

#include <stdlib.h>

#include "storage/wf-autosave.h"
#include "storage/wf-library.h"
#include "team/wf-team-journal.h"
#include "team/wf-team-session.h"

static gboolean
on_too_long (gpointer data)
{
  g_printerr ("team-client: not done within 60 s\n");
  exit (2);
  return G_SOURCE_REMOVE;
}

static gboolean
on_look_again (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(WfAutosave) autosave = NULL;
  g_autoptr(WfTeamJournal) journal = NULL;
  g_autoptr(WfTeamSession) session = NULL;
  gint64 id;

  if (argc != 5 && argc != 6)
    {
      g_printerr ("usage: team-client LIBRARY DOC CONNINFO TEAM_DOC [TITLE]\n");
      return 2;
    }

  id = g_ascii_strtoll (argv[2], NULL, 10);
  if ((library = wf_library_new (argv[1], &error)) == NULL ||
      (document = wf_library_load (library, id, &error)) == NULL)
    {
      g_printerr ("team-client: %s\n", error->message);
      return 1;
    }
  autosave = wf_autosave_new (library, id, document);
  if ((journal = wf_team_journal_new (autosave, &error)) == NULL)
    {
      g_printerr ("team-client: %s\n", error->message);
      return 1;
    }

  session = wf_team_session_new (journal, argv[3], argv[4]);
  wf_team_session_set_retry (session, 20, 200);
  wf_team_session_start (session);
  g_timeout_add_seconds (60, on_too_long, NULL);
  g_timeout_add (10, on_look_again, NULL);

  while (wf_team_session_get_state (session) != WF_TEAM_SESSION_LIVE)
    g_main_context_iteration (NULL, TRUE);

  if (argc == 6)
    {
      WfItem *card = wf_document_lookup (document, "cd0");

      if (card == NULL)
        {
          g_printerr ("team-client: no card cd0\n");
          return 1;
        }
      wf_edit_set (card, "title", argv[5], NULL);
      if (!wf_autosave_flush (autosave))
        {
          g_printerr ("team-client: %s\n", wf_autosave_get_error (autosave)->message);
          return 1;
        }
    }

  while (!wf_team_session_is_idle (session))
    g_main_context_iteration (NULL, TRUE);

  wf_team_session_stop (session);
  wf_autosave_flush (autosave);
  wf_team_journal_close (journal);
  wf_autosave_close (autosave);

  return 0;
}
