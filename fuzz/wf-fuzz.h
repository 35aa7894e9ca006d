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

#include <glib.h>

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
