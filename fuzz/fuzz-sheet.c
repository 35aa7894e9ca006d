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

#include "wf-fuzz.h"

#include "storage/wf-sheet.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WfSheet) sheet = wf_sheet_read ((const char *) data, size, &error);

  if ((sheet == NULL) == (error == NULL))
    abort ();
  if (sheet == NULL)
    return 0;

  wf_fuzz_check_sheet (sheet);

  return 0;
}
