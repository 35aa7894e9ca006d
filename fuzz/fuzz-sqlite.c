/* fuzz-sqlite.c — libFuzzer target for the .sqlite reader
 *
 * Any input must be read without a crash, a leak, undefined behaviour, or a
 * GLib warning or critical, whether it is not SQLite at all, a damaged
 * database, another program's database or a Wayfinder file with wrong
 * content. A document that loads must write as .sqlite, and that file must
 * load again to the same document (compared as canonical .journey bytes).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-fuzz.h"

#include "storage/wf-journey.h"
#include "storage/wf-sqlite.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = NULL;

  bytes = g_bytes_new_static (data, size);
  document = wf_sqlite_load_bytes (bytes, &problems, &error);

  /* Either a document or an error, never both, never neither. */
  if ((document == NULL) == (error == NULL))
    abort ();

  if (document != NULL)
    {
      g_autoptr(GBytes) json = wf_journey_to_bytes (document);
      g_autoptr(GBytes) sqlite = NULL;
      g_autoptr(WfDocument) again = NULL;
      g_autoptr(GBytes) json_again = NULL;

      /* Problems beside a document are warnings (bad pictures, left
       * out); the document without them must still go round. */
      if (problems == NULL)
        abort ();

      if (!(sqlite = wf_sqlite_to_bytes (document, NULL)))
        abort ();

      if (!(again = wf_sqlite_load_bytes (sqlite, NULL, NULL)))
        abort ();

      json_again = wf_journey_to_bytes (again);
      if (!g_bytes_equal (json, json_again))
        abort ();
    }

  return 0;
}
