/* test-util.h — what several tests share
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/wf-model.h"

void wf_test_random_edit (WfDocument *document,
                          GRand      *rand);
void wf_test_assert_same_text (const char *expected,
                               const char *actual);
char *wf_test_make_tmpdir      (void);
void  wf_test_remove_tree      (const char *dir);
WfDocument *wf_test_load_data  (const char *name);
GBytes     *wf_test_read_data  (const char *name);
WfImage    *wf_test_make_png   (int         width,
                                int         height,
                                guint32     top,
                                guint32     bottom,
                                double      focus_x,
                                double      focus_y);
gboolean wf_test_become_unprivileged (void);
const char *wf_test_long_text  (void);
guint wf_test_sqlite_page_size (GBytes *bytes);
guint32 wf_test_seed           (guint32     fixed);
gint64 wf_test_sqlite_int      (gpointer    db,
                                const char *sql);
char  *wf_test_sqlite_text     (gpointer    db,
                                const char *sql);
char  *wf_test_outbox_last_ops (gpointer    db);
GPtrArray *wf_test_collect_nodes (GskRenderNode     *node,
                                  GskRenderNodeType  type,
                                  gboolean           through_transforms,
                                  guint             *n_nodes);
GLogWriterOutput wf_test_fail_on_warnings (GLogLevelFlags   level,
                                           const GLogField *fields,
                                           gsize            n_fields,
                                           gpointer         user_data);

/* A named pipe that offers more bytes than any import may hold, and
 * says no size: a reader must stop at its limit by itself.
 */
typedef struct _WfTestFifo WfTestFifo;

WfTestFifo *wf_test_fifo_new     (const char *path,
                                  gsize       offered);
gsize       wf_test_fifo_finish  (WfTestFifo *fifo);
