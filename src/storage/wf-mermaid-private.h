/* wf-mermaid-private.h — what the Mermaid reader and writer share
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-mermaid.h"

G_BEGIN_DECLS

#define NEUTRAL_SCORE  3      /* emotion 0, and the score of a card without an emotion */

/* What JavaScript's `\s` and trim() take for white space: Mermaid skips it
 * before a statement and trims it from actors and scores.
 */
static inline gboolean
wf_mermaid_is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == '\v' || c == 0xFEFF;
}

G_END_DECLS
