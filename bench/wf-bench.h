/* wf-bench.h — what the benchmark's parts share
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-model.h"

G_BEGIN_DECLS

/* wf-bench-stats.c */
double      wf_bench_median        (GArray      *times);
double      wf_bench_percentile    (GArray      *times,
                                    double       p);
double      wf_bench_thread_ms     (void);
double      wf_bench_rss_mb        (void);

/* wf-bench.c */
WfDocument *wf_bench_generate      (guint        n_cards);
char       *wf_bench_make_tmp_dir  (void);
void        wf_bench_remove_tree   (const char  *dir);
gint64      wf_bench_get_sync_us   (void);
guint       wf_bench_get_n_syncs   (void);

/* wf-bench-team.c */
gboolean    wf_bench_team          (guint        n_cards,
                                    guint        runs,
                                    guint        edits,
                                    guint        n_clients,
                                    gboolean     check,
                                    GString     *json);

/* wf-bench-pictures.c */
WfDocument *wf_bench_generate_pictures (guint    n_cards,
                                        guint    every,
                                        gsize   *bytes);
gboolean    wf_bench_pictures      (guint        n_cards,
                                    guint        every,
                                    guint        runs,
                                    gboolean     check,
                                    GString     *json);
gboolean    wf_bench_generate_pictures_file (const char *dir,
                                             guint       n_cards,
                                             guint       every);

G_END_DECLS
