/* fuzz-figures.c — libFuzzer target for imported figures
 *
 * A spreadsheet export or TheyDo's metrics JSON, as a team brings it, is
 * read and its figures imported into a small map (Buy and Use, cards Pay,
 * Wait "in line", Café and two called Help, a persona Eva) without a
 * crash, a leak, undefined behaviour, or a GLib warning or critical. An
 * import either changes nothing and says why, or is one step that undo
 * takes back entirely; importing the same input again changes nothing.
 * Every field of the sheet also goes through the number and date
 * parsers, which must give finite numbers and valid dates.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wf-fuzz.h"

#include "storage/wf-figures.h"
#include "storage/wf-journey.h"
#include "storage/wf-sheet.h"

static WfCard *
add_card (WfMap      *map,
          const char *id,
          const char *title,
          WfPhase    *phase,
          WfLane     *lane)
{
  g_autoptr(WfCard) card = wf_card_new (id, title);

  if (!wf_map_insert_card (map, card, phase, lane, -1))
    abort ();

  return card;
}

static WfDocument *
make_document (void)
{
  WfDocument *document = wf_document_new ();
  g_autoptr(WfPersona) eva = wf_persona_new ("eva", "Eva");
  g_autoptr(WfMap) map = wf_map_new ("map", "Coffee");
  g_autoptr(WfPhase) buy = wf_phase_new ("buy", "Buy");
  g_autoptr(WfPhase) use = wf_phase_new ("use", "Use");
  g_autoptr(WfLane) lane = wf_lane_new ("touchpoints", WF_LANE_TOUCHPOINTS);

  wf_lane_set_persona (lane, eva);
  wf_document_insert_persona (document, eva, -1);
  wf_document_insert_map (document, map, -1);
  wf_map_insert_phase (map, buy, -1);
  wf_map_insert_phase (map, use, -1);
  wf_map_insert_lane (map, lane, -1);
  add_card (map, "c1", "Pay", buy, lane);
  add_card (map, "c2", "Wait \"in line\"", use, lane);
  add_card (map, "c3", "Café", use, lane);
  add_card (map, "c4", "Help", use, lane);
  add_card (map, "c5", "Help", use, lane);

  return document;
}

static void
parse_fields (const uint8_t *data,
              size_t         size)
{
  g_autoptr(WfSheet) sheet = wf_sheet_read ((const char *) data, size, NULL);

  if (sheet != NULL)
    wf_fuzz_check_sheet (sheet);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The map as made, once: every input starts from the same. */
  static GBytes *before;

  if (before == NULL)
    {
      g_autoptr(WfDocument) document = make_document ();

      before = wf_journey_to_bytes (document);
    }

  parse_fields (data, size);

  for (int skip_bad = 0; skip_bad <= 1; skip_bad++)
    {
      g_autoptr(WfDocument) document = make_document ();
      WfUndoStack *stack = wf_document_get_undo_stack (document);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      WfFiguresCounts counts = { 0 };
      gboolean imported;

      imported = wf_figures_import (document, NULL, (const char *) data, size, NULL, skip_bad,
                                    &counts, &problems, &error);

      if (!imported)
        {
          /* Refused: a reason, and the map as it was. */
          if (error == NULL || wf_undo_stack_can_undo (stack))
            abort ();
          continue;
        }

      if (error != NULL)
        abort ();

      /* Once more: nothing changes. */
      {
        g_autoptr(GBytes) once = wf_journey_to_bytes (document);
        g_autoptr(GBytes) twice = NULL;
        g_autoptr(GPtrArray) again_problems = NULL;
        WfFiguresCounts again = { 0 };

        if (!wf_figures_import (document, NULL, (const char *) data, size, NULL, skip_bad,
                                &again, &again_problems, NULL))
          abort ();
        twice = wf_journey_to_bytes (document);
        if (!g_bytes_equal (once, twice))
          abort ();
      }

      /* Undo takes the whole import back. */
      while (wf_undo_stack_can_undo (stack))
        wf_undo_stack_undo (stack);
      {
        g_autoptr(GBytes) undone = wf_journey_to_bytes (document);

        if (!g_bytes_equal (before, undone))
          abort ();
      }
    }

  return 0;
}
