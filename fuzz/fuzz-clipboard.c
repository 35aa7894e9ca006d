/* fuzz-clipboard.c — libFuzzer target for pasted cards
 *
 * Whatever another program put on the clipboard, read as Wayfinder's card
 * JSON and as text, must give cards (or a clear refusal) without a crash,
 * a leak, undefined behaviour, or a GLib warning or critical. Cards read
 * from JSON must copy again to JSON that reads back to equal cards, and
 * must go into a map.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wf-fuzz.h"

#include "model/wf-templates.h"
#include "storage/wf-clipboard.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  WfMap *map;

  document = wf_templates_create ("three-phases", "en");
  map = wf_document_get_map (document, 0);

  cards = wf_clipboard_cards_from_json ((const char *) data, size, document, &error);
  if ((cards == NULL) == (error == NULL))
    abort ();

  if (cards != NULL)
    {
      g_autofree char *json = wf_clipboard_cards_to_json (cards);
      g_autoptr(GPtrArray) again = wf_clipboard_cards_from_json (json, strlen (json), document, NULL);
      g_autofree char *json_again = NULL;

      if (again == NULL || again->len != cards->len)
        abort ();

      /* Equal cards copy to equal JSON (ids are not copied). */
      json_again = wf_clipboard_cards_to_json (again);
      if (strcmp (json, json_again) != 0)
        abort ();

      for (guint i = 0; i < cards->len; i++)
        if (!wf_map_insert_card (map, g_ptr_array_index (cards, i),
                                 wf_map_get_phase (map, 0), wf_map_get_lane (map, 0), -1))
          abort ();
    }

  lines = wf_clipboard_cards_from_text ((const char *) data, size, document);
  for (guint i = 0; i < lines->len; i++)
    if (!g_utf8_validate (wf_card_get_title (g_ptr_array_index (lines, i)), -1, NULL))
      abort ();

  return 0;
}
