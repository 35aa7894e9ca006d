/* wf-number.h — numbers as the shortest text that reads back the same
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *wf_format_double (char   buf[G_ASCII_DTOSTR_BUF_SIZE],
                              double value);

G_END_DECLS
