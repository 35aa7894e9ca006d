/* fuzz-sheet.c — libFuzzer target for spreadsheet exports (CSV)
 *
 * The reader of sheets alone, fast enough for long runs: whatever a
 * spreadsheet program, or anything else, wrote is read into rows, or
 * refused with a reason, in bounded time and memory; every field is
 * text, and the number and date parsers give finite numbers and valid
 * dates. fuzz-figures.c covers the import built on it.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "wf-fuzz.h"

#include "storage/wf-sheet.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WfSheet) sheet = wf_sheet_read ((const char *) data, size, &error);
  guint n_rows;

  if ((sheet == NULL) == (error == NULL))
    abort ();
  if (sheet == NULL)
    return 0;

  n_rows = wf_sheet_get_n_rows (sheet);
  if (n_rows == 0)
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

  return 0;
}
