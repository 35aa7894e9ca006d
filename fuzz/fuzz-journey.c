/* fuzz-journey.c — libFuzzer target for the .journey reader
 *
 * Any input must be read without a crash, a leak, undefined behaviour, or a
 * GLib warning or critical. A document that loads must save, and the saved
 * form must load again and save to the same bytes.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-fuzz.h"

#include "storage/wf-journey.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WfDocument) document = NULL;

  bytes = g_bytes_new_static (data, size);
  document = wf_journey_load_bytes (bytes, NULL, NULL);

  if (document != NULL)
    {
      g_autoptr(GBytes) saved = wf_journey_to_bytes (document);
      g_autoptr(WfDocument) again = wf_journey_load_bytes (saved, NULL, NULL);
      g_autoptr(GBytes) saved_again = NULL;

      if (again == NULL)
        abort ();

      saved_again = wf_journey_to_bytes (again);
      if (!g_bytes_equal (saved, saved_again))
        abort ();
    }

  return 0;
}
