/* wf-library-private.h — what only the library's own files share
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-library.h"
#include "wf-sqlite.h"

G_BEGIN_DECLS

struct _WfLibrary
{
  GObject            parent_instance;

  char              *path;
  sqlite3           *db;
  WfLibraryRecovery *recovery;    /* nullable: what wf_library_open() recovered */
  GError            *read_only;   /* nullable: why it was opened read-only */
};

/* wf-library.c */
char              *wf_library_now_string (void);
sqlite3_stmt      *wf_library_prepare    (WfLibrary     *self,
                                          const char    *sql,
                                          GError       **error);
gboolean           wf_library_finish     (WfLibrary     *self,
                                          sqlite3_stmt  *stmt,
                                          GError       **error);

/* wf-library-recover.c */
WfLibraryRecovery *wf_library_recover (WfLibrary  *self,
                                       const char *damaged_path,
                                       GError     *reason);
void               _wf_library_set_recover_passes (guint n);

G_END_DECLS
