/* main.c — the entry point of `wayfinder`
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "cli/wf-cli.h"
#include "ui/wf-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WfApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands need no display: decide before GTK starts. */
  status = wf_cli_run (argc, argv);
  if (status != WF_CLI_NOT_A_COMMAND)
    return status;

  app = wf_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
