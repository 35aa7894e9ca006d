/* wf-fuzz.h — what every libFuzzer target of Wayfinder shares
 *
 * Included once by each target, which is a program of its own.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>

#include <math.h>

#include <glib.h>

#include "storage/wf-sheet.h"

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* GSlice hides use-after-free from AddressSanitizer: every allocation must
 * go through malloc (best set in the environment too, docs/robustness.md).
 * A GLib warning or critical inside a target counts as a crash.
 */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

/* What a sheet read from any bytes must be: lines that only go up, every
 * field valid UTF-8, and the number and date parsers giving finite
 * numbers and valid dates (fuzz-sheet.c, fuzz-figures.c). */
static inline void
wf_fuzz_check_sheet (WfSheet *sheet)
{
  guint n_rows = wf_sheet_get_n_rows (sheet);

  if (n_rows == 0 || wf_sheet_get_line (sheet, 0) == 0)
    abort ();

  for (guint r = 0; r < n_rows; r++)
    {
      guint n;
      const char * const *fields = wf_sheet_get_row (sheet, r, &n);

      if (r > 0 && wf_sheet_get_line (sheet, r) <= wf_sheet_get_line (sheet, r - 1))
        abort ();

      for (guint i = 0; i < n; i++)
        {
          double value;
          gboolean percent;
          GDate date;

          if (!g_utf8_validate (fields[i], -1, NULL))
            abort ();
          if (wf_sheet_parse_number (fields[i], wf_sheet_get_decimal_mark (sheet), &value, &percent) &&
              !isfinite (value))
            abort ();
          if (wf_sheet_parse_date (fields[i], wf_sheet_get_separator (sheet), &date) && !g_date_valid (&date))
            abort ();
        }
    }
}
