/* wf-bench-stats.c — the figures the benchmark's tools take of their runs
 *
 * Shared by wayfinder-bench and wayfinder-paint: the median and a
 * percentile of a run's times, this thread's CPU time, the process's
 * resident memory.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "wf-bench.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* The middle of @times; sorts them. */
double
wf_bench_median (GArray *times)
{
  g_array_sort (times, compare_doubles);

  return g_array_index (times, double, times->len / 2);
}

/* The value below which @p of @times lie (nearest rank); sorts @times. */
double
wf_bench_percentile (GArray *times,
                     double  p)
{
  guint rank;

  g_array_sort (times, compare_doubles);
  rank = (guint) MAX (1.0, ceil (p * times->len));

  return g_array_index (times, double, MIN (rank, times->len) - 1);
}

/* This thread's CPU time, in ms: what other threads and processes on the
 * two cores do not move.
 */
double
wf_bench_thread_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/* The process's resident memory now, in MB (VmRSS); -1 where unknown. */
double
wf_bench_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;

  return g_ascii_strtod (line + 6, NULL) / 1024;
}
