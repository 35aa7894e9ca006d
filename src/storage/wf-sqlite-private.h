/* wf-sqlite-private.h — what only the SQLite store's own files share
 *
 * wf-sqlite-schema.c opens databases and keeps their schema,
 * wf-sqlite-writer.c writes a document's rows, wf-sqlite-reader.c reads
 * them back, and wf-sqlite.c loads and saves standalone .sqlite files.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-sqlite.h"

G_BEGIN_DECLS

gboolean wf_sqlite_query_int       (sqlite3     *db,
                                    const char  *sql,
                                    gint64      *value,
                                    GError     **error);
gboolean wf_sqlite_check_integrity (sqlite3     *db,
                                    GError     **error);
void     wf_sqlite_harden          (sqlite3     *db,
                                    gboolean     trusted);

G_END_DECLS
