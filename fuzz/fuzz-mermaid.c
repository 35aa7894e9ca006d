/* fuzz-mermaid.c — libFuzzer target for the Mermaid user journey reader
 *
 * Any input must be read without a crash, a leak, undefined behaviour, or a
 * GLib warning or critical, and give either a document or an error that
 * names a line. A document that is read must write, the written text must
 * read again and write to the same text, and the document must save as a
 * .journey file that loads.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wf-fuzz.h"

#include "storage/wf-journey.h"
#include "storage/wf-mermaid.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(WfDocument) again = NULL;
  g_autoptr(WfDocument) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *written = NULL;
  g_autofree char *written_again = NULL;

  document = wf_mermaid_read ((const char *) data, (gssize) size, &error);

  if ((document == NULL) == (error == NULL))
    abort ();

  if (error != NULL)
    {
      if (error->domain != WF_MERMAID_ERROR ||
          !g_str_has_prefix (error->message, "Line ") ||
          !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  if (wf_document_get_n_maps (document) != 1)
    abort ();

  written = wf_mermaid_write (wf_document_get_map (document, 0));
  again = wf_mermaid_read (written, -1, NULL);
  if (again == NULL)
    abort ();

  written_again = wf_mermaid_write (wf_document_get_map (again, 0));
  if (strcmp (written, written_again) != 0)
    abort ();

  bytes = wf_journey_to_bytes (document);
  loaded = wf_journey_load_bytes (bytes, NULL, NULL);
  if (loaded == NULL)
    abort ();

  return 0;
}
