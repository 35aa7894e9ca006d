/* wf-cli.h — the headless subcommands of `wayfinder`
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WF_CLI_NOT_A_COMMAND (-1)

int wf_cli_run (int    argc,
                char **argv);

G_END_DECLS
