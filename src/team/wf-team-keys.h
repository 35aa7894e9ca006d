/* wf-team-keys.h — position keys: the order of siblings in a team document
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  wf_team_key_is_valid (const char *key);
char     *wf_team_key_between  (const char *before,
                                const char *after);
void      wf_team_keys_assign  (GPtrArray  *keys);

G_END_DECLS
