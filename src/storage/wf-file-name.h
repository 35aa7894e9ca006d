/* wf-file-name.h — file names made from what people type
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest name wf_file_name_make_safe() makes, in bytes: under the
 * 255 that Linux file systems allow, with room for a map's number
 * ("-12") and for the temporary file of an atomic save beside it.
 */
#define WF_FILE_NAME_MAX 200

char *wf_file_name_make_safe (const char *text,
                              const char *suffix);
char *wf_file_name_fit       (const char *name,
                              const char *suffix);
gsize wf_file_name_cut       (const char *name,
                              gsize       max);

G_END_DECLS
