/* wf-quote.h — short, one-line excerpts of values quoted in messages
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Characters of a value that a message quotes, at most: enough for any
 * id, colour, date or keyword a person writes, and a line's beginning.
 */
#define WF_QUOTE_MAX_CHARS 60

char *wf_quote_excerpt     (const char *text);
gboolean wf_quote_is_direction_mark (gunichar c);
char *wf_quote_excerpt_len (const char *text,
                            gssize      length,
                            guint       max_chars);

G_END_DECLS
