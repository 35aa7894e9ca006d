/* wf-cli-private.h — what the subcommands' files share with wf-cli.c
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

#define WF_CLI_EXIT_USAGE 2

WfDocument     *wf_cli_load           (const char   *path);
int             wf_cli_usage_error    (const char   *command,
                                       const char   *message);
void            wf_cli_print_problem  (const char   *file,
                                       const char   *where,
                                       const char   *message);
GOptionContext *wf_cli_option_context (const char   *command,
                                       const char   *args,
                                       GOptionEntry *entries);

int             wf_cli_team           (int           argc,
                                       char        **argv);

G_END_DECLS
