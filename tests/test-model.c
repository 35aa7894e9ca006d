/* test-model.c — the document model, its commands and the undo stack
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "model/wf-model.h"
#include "model/wf-templates.h"
#include "test-util.h"
#include "storage/wf-journey.h"

static char *
snapshot (WfDocument *document)
{
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static WfMap *
first_map (WfDocument *document)
{
  return wf_document_get_map (document, 0);
}

static void
test_ids (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfMap *map = first_map (document);
  WfPhase *phase = wf_map_get_phase (map, 0);
  g_autoptr(WfPhase) twin = wf_phase_new (wf_item_get_id (WF_ITEM (phase)), "Twin");
  g_autofree char *id = NULL;

  g_assert_true (wf_document_lookup (document, wf_item_get_id (WF_ITEM (phase))) == WF_ITEM (phase));
  g_assert_null (wf_document_lookup (document, "no-such-id"));

  /* An id that is taken is refused, loudly. */
  if (g_test_subprocess ())
    {
      wf_map_insert_phase (map, twin, -1);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*already in the document*");
  g_assert_cmpuint (wf_map_get_n_phases (map), ==, 5);

  id = wf_document_make_id (document, "card");
  g_assert_null (wf_document_lookup (document, id));
}

static void
test_cells (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Map");
  g_autoptr(WfPhase) p1 = wf_phase_new ("p1", "One");
  g_autoptr(WfPhase) p2 = wf_phase_new ("p2", "Two");
  g_autoptr(WfLane) lane = wf_lane_new ("l1", WF_LANE_TOUCHPOINTS);
  g_autoptr(WfCard) a = wf_card_new ("a", "A");
  g_autoptr(WfCard) b = wf_card_new ("b", "B");
  g_autoptr(WfCard) c = wf_card_new ("c", "C");

  wf_document_insert_map (document, map, -1);
  wf_map_insert_phase (map, p1, -1);
  wf_map_insert_phase (map, p2, -1);
  wf_map_insert_lane (map, lane, -1);
  wf_map_insert_card (map, a, p1, lane, -1);
  wf_map_insert_card (map, b, p1, lane, -1);
  wf_map_insert_card (map, c, p1, lane, 0);

  g_assert_cmpuint (wf_map_get_n_cards (map), ==, 3);
  g_assert_cmpint (wf_map_get_card_index (map, c), ==, 0);
  g_assert_cmpint (wf_map_get_card_index (map, a), ==, 1);
  g_assert_cmpint (wf_map_get_card_index (map, b), ==, 2);

  /* Reorder inside the cell: the index counts without the card. */
  wf_map_move_card (map, c, p1, lane, 2);
  g_assert_cmpint (wf_map_get_card_index (map, c), ==, 2);

  wf_map_move_card (map, a, p2, lane, -1);
  g_assert_true (wf_card_get_phase (a) == p2);
  g_assert_cmpuint (wf_map_get_n_cell_cards (map, p1, lane), ==, 2);
  g_assert_cmpuint (wf_map_get_n_cell_cards (map, p2, lane), ==, 1);

  wf_map_remove_card (map, b);
  g_assert_cmpuint (wf_map_get_n_cards (map), ==, 2);
  g_assert_null (wf_document_lookup (document, "b"));
  g_assert_null (wf_item_get_document (WF_ITEM (b)));
}

static void
on_item_changed (WfDocument *document,
                 WfItem     *item,
                 GParamSpec *pspec,
                 GString    *log)
{
  g_string_append_printf (log, "changed:%s.%s;", wf_item_get_id (item) ? wf_item_get_id (item) : "doc",
                          pspec->name);
}

static void
on_item_added (WfDocument *document,
               WfItem     *item,
               GString    *log)
{
  g_string_append_printf (log, "added:%s;", wf_item_get_id (item));
}

static void
on_item_removed (WfDocument *document,
                 WfItem     *item,
                 WfItem     *parent,
                 GString    *log)
{
  g_string_append_printf (log, "removed:%s;", wf_item_get_id (item));
}

static void
on_item_moved (WfDocument *document,
               WfItem     *item,
               GString    *log)
{
  g_string_append_printf (log, "moved:%s;", wf_item_get_id (item));
}

static void
test_signals (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("three-phases", "en");
  g_autoptr(GString) log = g_string_new (NULL);
  WfMap *map = first_map (document);
  WfPhase *phase = wf_map_get_phase (map, 0);
  WfLane *lane = wf_map_get_lane (map, 0);
  GPtrArray *cell = wf_map_get_cell (map, phase, lane);
  WfCard *card = g_ptr_array_index (cell, 0);
  g_autofree char *id = g_strdup (wf_item_get_id (WF_ITEM (card)));
  g_autofree char *expected = NULL;

  g_signal_connect (document, "item-changed", G_CALLBACK (on_item_changed), log);
  g_signal_connect (document, "item-added", G_CALLBACK (on_item_added), log);
  g_signal_connect (document, "item-removed", G_CALLBACK (on_item_removed), log);
  g_signal_connect (document, "item-moved", G_CALLBACK (on_item_moved), log);

  wf_edit_set (card, "title", "New title", NULL);
  /* Setting the same value again is no change and no step. */
  wf_edit_set (card, "title", "New title", NULL);
  wf_edit_move_card (card, wf_map_get_phase (map, 1), lane, 0);
  wf_edit_remove (card);
  wf_edit_set (document, "title", "Doc", NULL);

  expected = g_strdup_printf ("changed:%s.title;moved:%s;removed:%s;changed:doc.title;", id, id, id);
  g_assert_cmpstr (log->str, ==, expected);
  g_assert_cmpuint (wf_undo_stack_get_length (wf_document_get_undo_stack (document)), ==, 4);
}

static void
test_remove_cascade (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("b2b", "en");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfMap *map = first_map (document);
  WfPersona *persona = wf_document_get_persona (document, 0);
  g_autofree char *before = snapshot (document);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  guint lanes = wf_map_get_n_lanes (map);
  guint cards = wf_map_get_n_cards (map);
  WfCard *from, *to;
  g_autoptr(WfLink) link = NULL;

  /* A link from a card of the persona to a shared lane's card. */
  from = g_ptr_array_index (wf_map_get_cell (map, wf_map_get_phase (map, 0), wf_map_get_lane (map, 0)), 0);
  to = g_ptr_array_index (wf_map_get_cell (map, wf_map_get_phase (map, 2), wf_map_get_lane (map, 8)), 0);
  link = wf_link_new ("link1", from, to);
  wf_edit_add_link (map, link, -1);
  g_free (before);
  before = snapshot (document);

  wf_edit_remove (persona);

  g_assert_cmpint (wf_document_get_persona_index (document, persona), ==, -1);
  g_assert_cmpuint (wf_map_get_n_lanes (map), ==, lanes - 2);
  g_assert_cmpuint (wf_map_get_n_cards (map), <, cards);
  g_assert_cmpuint (wf_map_get_n_links (map), ==, 0);
  g_assert_false (wf_document_persona_in_use (document, persona));
  g_assert_cmpstr (wf_undo_stack_get_undo_label (stack), ==, "Delete Persona");
  after = snapshot (document);

  /* One step undoes the whole cascade, exactly. */
  wf_undo_stack_undo (stack);
  undone = snapshot (document);
  g_assert_cmpstr (undone, ==, before);
  wf_undo_stack_redo (stack);
  g_free (undone);
  undone = snapshot (document);
  g_assert_cmpstr (undone, ==, after);
}

/* The Undo of a message undoes its own step or nothing: after Ctrl+Z
 * already undid a deletion, the toast's Undo must not revert the edit
 * before it.
 */
static void
on_replay_item_added (WfDocument *document,
                      WfItem     *item,
                      gboolean   *replayed)
{
  *replayed = wf_undo_stack_is_replaying (wf_document_get_undo_stack (document));
}

static void
test_undo_own_command (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfMap *map = first_map (document);
  WfPhase *phase = wf_map_get_phase (map, 0);
  g_autoptr(WfCard) card = wf_card_new ("c-own", "Mine");
  WfCommand *deletion;
  gboolean replayed = FALSE;

  wf_edit_set (phase, "name", "Edited", NULL);
  wf_undo_stack_seal (stack);
  wf_edit_add_card (map, card, phase, wf_map_get_lane (map, 0), -1);
  wf_undo_stack_seal (stack);
  wf_edit_remove (card);
  deletion = wf_undo_stack_peek_undo (stack);
  g_assert_nonnull (deletion);

  /* Ctrl+Z undoes the deletion; the toast's Undo then does nothing. */
  g_signal_connect (document, "item-added", G_CALLBACK (on_replay_item_added), &replayed);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_true (replayed);
  g_assert_false (wf_undo_stack_is_replaying (stack));
  g_assert_false (wf_undo_stack_undo_command (stack, deletion));
  g_assert_cmpstr (wf_phase_get_name (phase), ==, "Edited");
  g_assert_true (wf_item_get_document (WF_ITEM (card)) == document);

  /* Redone, it is the step undo would revert again, and the toast's. */
  g_assert_true (wf_undo_stack_redo (stack));
  g_assert_true (wf_undo_stack_undo_command (stack, deletion));
  g_assert_true (wf_item_get_document (WF_ITEM (card)) == document);

  /* A new edit on top: the toast's step is no longer the last. */
  g_assert_true (wf_undo_stack_redo (stack));
  wf_edit_set (phase, "name", "Edited again", NULL);
  g_assert_false (wf_undo_stack_undo_command (stack, deletion));
  g_assert_cmpstr (wf_phase_get_name (phase), ==, "Edited again");
}

/* A change made outside the undo stack since a step (someone else's,
 * in a shared map) is kept: undo and redo skip what it touched, and
 * carry out the rest.
 */
static void
test_undo_keeps_others (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfMap *map = first_map (document);
  WfPhase *phase = wf_map_get_phase (map, 0);
  WfPhase *second = wf_map_get_phase (map, 1);
  WfLane *lane = wf_map_get_lane (map, 0);
  g_autoptr(WfCard) card = wf_card_new ("c-mine", "Mine");
  g_autoptr(WfCard) moved = wf_card_new ("c-moved", "Moved");
  g_autoptr(WfPhase) extra = wf_phase_new ("ph-extra", "Extra");

  /* A title set by me, then by someone else: undo keeps theirs. */
  wf_edit_set (phase, "name", "Mine", "description", "My words", NULL);
  wf_undo_stack_seal (stack);
  wf_phase_set_name (phase, "Theirs");
  g_assert_true (wf_undo_stack_undo (stack));
  {
    guint size = 0;

    /* One of the step's two changes was left alone: the window says so. */
    g_assert_cmpuint (wf_undo_stack_get_last_skipped (stack, &size), ==, 1);
    g_assert_cmpuint (size, ==, 2);
  }
  g_assert_cmpstr (wf_phase_get_name (phase), ==, "Theirs");
  g_assert_cmpstr (wf_phase_get_description (phase), !=, "My words");
  g_assert_true (wf_undo_stack_redo (stack));
  g_assert_cmpstr (wf_phase_get_name (phase), ==, "Theirs");
  g_assert_cmpstr (wf_phase_get_description (phase), ==, "My words");

  /* A card I added, removed by someone else: undo has nothing to do;
   * redo puts it back. */
  wf_edit_add_card (map, card, phase, lane, -1);
  wf_undo_stack_seal (stack);
  wf_map_remove_card (map, card);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpuint (wf_undo_stack_get_last_skipped (stack, NULL), ==, 1);
  g_assert_null (wf_item_get_parent (WF_ITEM (card)));
  g_assert_true (wf_undo_stack_redo (stack));
  g_assert_true (wf_item_get_parent (WF_ITEM (card)) == WF_ITEM (map));

  /* A card I moved, whose old phase someone else removed: it stays. */
  wf_map_insert_phase (map, extra, -1);
  wf_map_insert_card (map, moved, extra, lane, -1);
  wf_edit_move_card (moved, second, lane, -1);
  wf_undo_stack_seal (stack);
  wf_map_remove_phase (map, extra);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_true (wf_card_get_phase (moved) == second);

  /* The last phase moved to the front by me, then a phase removed by
   * someone else: undo puts it back as far as the list now reaches. */
  {
    g_autoptr(WfPhase) empty = wf_phase_new ("ph-empty", "Empty");
    WfPhase *last;

    wf_map_insert_phase (map, empty, 1);
    last = wf_map_get_phase (map, wf_map_get_n_phases (map) - 1);
    wf_edit_reorder (last, 0);
    wf_undo_stack_seal (stack);
    g_assert_true (wf_map_get_phase (map, 0) == last);
    wf_map_remove_phase (map, empty);
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_true (wf_map_get_phase (map, wf_map_get_n_phases (map) - 1) == last);
  }
}

/* Figures of a phase for @persona (an id). */
static GVariant *
figures_for (const char *persona)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  WfMetric *metric = wf_metric_new ("CSAT");

  g_free (metric->persona);
  metric->persona = g_strdup (persona);
  wf_metric_set_measurement (metric, 4.5, NULL);
  g_ptr_array_add (metrics, metric);

  return g_variant_ref_sink (wf_metrics_to_variant (metrics));
}

/* Undo and redo leave alone what would name an item someone else
 * removed since, and keep an item that something added since needs:
 * the library could not store either (its tables refer to the items).
 */
static void
test_undo_keeps_what_others_need (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfMap *map = first_map (document);
  WfPhase *phase = wf_map_get_phase (map, 0);
  WfLane *lane = wf_map_get_lane (map, 0);
  g_autoptr(WfPersona) gone = wf_persona_new ("p-gone", "Gone");
  g_autoptr(WfPersona) mine = wf_persona_new ("p-mine", "Mine");
  g_autoptr(WfLane) extra = wf_lane_new ("ln-extra", WF_LANE_ACTIONS);
  g_autoptr(WfCard) card = wf_card_new ("c-theirs", "Theirs");
  g_autoptr(WfCard) linked = wf_card_new ("c-linked", "Linked");
  g_autoptr(WfLink) link = NULL;
  g_autoptr(GVariant) figures = figures_for ("p-gone");
  g_autoptr(GVariant) my_figures = figures_for ("p-mine");

  /* A lane's persona and a phase's figures I took away, whose persona
   * someone else removed since: undo does not name it again. */
  g_assert_true (wf_document_insert_persona (document, gone, -1));
  wf_lane_set_persona (lane, gone);
  wf_phase_set_metrics (phase, figures);
  wf_undo_stack_begin (stack, "Clear");
  wf_edit_set (lane, "persona", NULL, NULL);
  wf_edit_set (phase, "metrics", NULL, NULL);
  wf_undo_stack_end (stack);
  wf_document_remove_persona (document, gone);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpuint (wf_undo_stack_get_last_skipped (stack, NULL), ==, 2);
  g_assert_null (wf_lane_get_persona (lane));
  g_assert_null (wf_phase_get_metrics (phase));

  /* A lane of that persona I removed: undo does not put it back. */
  g_assert_true (wf_document_insert_persona (document, gone, -1));
  g_assert_true (wf_map_insert_lane (map, extra, -1));
  wf_lane_set_persona (extra, gone);
  wf_edit_remove (WF_ITEM (extra));
  wf_undo_stack_seal (stack);
  wf_document_remove_persona (document, gone);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_null (wf_item_get_parent (WF_ITEM (extra)));

  /* A lane I removed, undid, and redo: someone put a card in it since,
   * so it stays. */
  wf_lane_set_persona (extra, NULL);
  g_assert_true (wf_map_insert_lane (map, extra, -1));
  wf_edit_remove (WF_ITEM (extra));
  wf_undo_stack_seal (stack);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_true (wf_map_insert_card (map, card, phase, extra, -1));
  g_assert_true (wf_undo_stack_redo (stack));
  g_assert_true (wf_item_get_parent (WF_ITEM (extra)) == WF_ITEM (map));
  g_assert_true (wf_card_get_lane (card) == extra);

  /* A card I added, linked to by someone else since: undo keeps it. */
  wf_edit_add_card (map, linked, phase, lane, -1);
  wf_undo_stack_seal (stack);
  link = wf_link_new ("lk-theirs", card, linked);
  g_assert_true (wf_map_insert_link (map, link, -1));
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_true (wf_item_get_parent (WF_ITEM (linked)) == WF_ITEM (map));

  /* A persona I added, with figures someone else set since: undo keeps
   * it. */
  wf_edit_add_persona (document, mine, -1);
  wf_undo_stack_seal (stack);
  wf_phase_set_metrics (phase, my_figures);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_true (wf_item_get_document (WF_ITEM (mine)) == document);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* A picture's description typed, or its focal point dragged, is one step
 * as text is; a new picture never merges into one. */
static void
test_undo_picture_merge (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("pictures.journey");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfPersona *anna = WF_PERSONA (wf_document_lookup (document, "anna"));
  WfCard *card = WF_CARD (wf_document_lookup (document, "cd0"));
  g_autoptr(WfImage) original = wf_image_ref (wf_persona_get_photo (anna));
  g_autoptr(WfImage) a = wf_image_with_alt (original, "A");
  g_autoptr(WfImage) an = wf_image_with_alt (original, "An");
  g_autoptr(WfImage) other = wf_image_ref (wf_card_get_image (card));
  g_autoptr(WfImage) other_alt = wf_image_with_alt (other, "Other");

  wf_edit_set (anna, "photo", a, NULL);
  wf_edit_set (anna, "photo", an, NULL);
  wf_undo_stack_undo (stack);
  g_assert_true (wf_image_equal (wf_persona_get_photo (anna), original));
  g_assert_false (wf_undo_stack_can_undo (stack));

  /* Another picture, then its description: two steps. */
  wf_edit_set (anna, "photo", other, NULL);
  wf_edit_set (anna, "photo", other_alt, NULL);
  wf_undo_stack_undo (stack);
  g_assert_true (wf_image_equal (wf_persona_get_photo (anna), other));
  wf_undo_stack_undo (stack);
  g_assert_true (wf_image_equal (wf_persona_get_photo (anna), original));
}

static void
test_undo_groups_and_merge (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfMap *map = first_map (document);
  WfPhase *phase = wf_map_get_phase (map, 0);
  WfLane *lane = wf_map_get_lane (map, 0);
  g_autofree char *original = snapshot (document);
  g_autofree char *now = NULL;
  const char *typed[] = { "A", "Aw", "Awa", "Awar", NULL };
  guint merging_notified = 0;

  g_assert_false (wf_undo_stack_get_modified (stack));
  g_assert_false (wf_undo_stack_get_merging (stack));
  g_signal_connect_swapped (stack, "notify::merging", G_CALLBACK (count_notify), &merging_notified);

  /* Typing a title is one step, open to more typing until it is sealed. */
  for (guint i = 0; typed[i]; i++)
    wf_edit_set (phase, "name", typed[i], NULL);
  g_assert_cmpuint (wf_undo_stack_get_length (stack), ==, 1);
  g_assert_cmpstr (wf_phase_get_name (phase), ==, "Awar");
  g_assert_true (wf_undo_stack_get_modified (stack));
  g_assert_true (wf_undo_stack_get_merging (stack));
  g_assert_cmpuint (merging_notified, ==, 1);

  /* After sealing (the editor lost focus), typing starts a new step. */
  wf_undo_stack_seal (stack);
  g_assert_false (wf_undo_stack_get_merging (stack));
  g_assert_cmpuint (merging_notified, ==, 2);
  wf_edit_set (phase, "name", "Aware", NULL);
  g_assert_cmpuint (wf_undo_stack_get_length (stack), ==, 2);
  g_assert_true (wf_undo_stack_get_merging (stack));

  /* A paste of 30 cards is one step. */
  wf_undo_stack_begin (stack, "Paste");
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *id = wf_document_make_id (document, "pasted");
      g_autoptr(WfCard) card = wf_card_new (id, "Pasted");

      wf_edit_add_card (map, card, phase, lane, -1);
    }
  wf_undo_stack_end (stack);
  g_assert_cmpuint (wf_undo_stack_get_length (stack), ==, 3);
  g_assert_cmpstr (wf_undo_stack_get_undo_label (stack), ==, "Paste");
  g_assert_false (wf_undo_stack_get_merging (stack));

  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpstr (wf_undo_stack_get_redo_label (stack), ==, "Paste");
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_false (wf_undo_stack_undo (stack));

  now = snapshot (document);
  g_assert_cmpstr (now, ==, original);
  g_assert_false (wf_undo_stack_get_modified (stack));
}

static void
test_saved_point (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfPhase *phase = wf_map_get_phase (first_map (document), 0);

  wf_edit_set (phase, "name", "One", NULL);
  wf_undo_stack_set_saved (stack);
  g_assert_false (wf_undo_stack_get_modified (stack));

  g_assert_false (wf_undo_stack_get_merging (stack));

  /* Typing after a save must not merge into the saved step. */
  wf_edit_set (phase, "name", "One more", NULL);
  g_assert_true (wf_undo_stack_get_modified (stack));
  g_assert_true (wf_undo_stack_get_merging (stack));
  wf_undo_stack_undo (stack);
  g_assert_false (wf_undo_stack_get_merging (stack));
  g_assert_false (wf_undo_stack_get_modified (stack));
  g_assert_cmpstr (wf_phase_get_name (phase), ==, "One");

  /* Undo past the save point is modified; redo back is not. */
  wf_undo_stack_undo (stack);
  g_assert_true (wf_undo_stack_get_modified (stack));
  wf_undo_stack_redo (stack);
  g_assert_false (wf_undo_stack_get_modified (stack));

  /* A new step after undoing past the save point makes it unreachable. */
  wf_undo_stack_undo (stack);
  wf_edit_set (phase, "name", "Other", NULL);
  g_assert_true (wf_undo_stack_get_modified (stack));
  wf_undo_stack_undo (stack);
  g_assert_true (wf_undo_stack_get_modified (stack));
}

/* Randomized: any sequence of edits, undos and redos leaves the document
 * equal to the one at that point of the history.
 */
static void
test_undo_randomized (void)
{
  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(WfDocument) document = wf_templates_create (round % 2 ? "b2b" : "five-phases", "en");
      WfUndoStack *stack = wf_document_get_undo_stack (document);
      g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

      g_ptr_array_add (states, snapshot (document));

      for (guint step = 0; step < 150; step++)
        {
          guint action = g_test_rand_int_range (0, 10);
          g_autofree char *now = NULL;

          if (action < 2)
            wf_undo_stack_undo (stack);
          else if (action < 3)
            wf_undo_stack_redo (stack);
          else
            {
              guint before = wf_undo_stack_get_position (stack);

              wf_test_random_edit (document, rand);
              if (wf_undo_stack_get_position (stack) != before ||
                  wf_undo_stack_get_length (stack) != states->len - 1)
                {
                  g_ptr_array_set_size (states, wf_undo_stack_get_position (stack));
                  g_ptr_array_add (states, snapshot (document));
                }
              else
                {
                  /* Merged into the top step: that state changed. */
                  g_free (states->pdata[before]);
                  states->pdata[before] = snapshot (document);
                }
            }

          now = snapshot (document);
          g_assert_cmpuint (states->len, ==, wf_undo_stack_get_length (stack) + 1);
          g_assert_cmpstr (now, ==, g_ptr_array_index (states, wf_undo_stack_get_position (stack)));
        }

      while (wf_undo_stack_undo (stack))
        ;
      {
        g_autofree char *first = snapshot (document);
        g_assert_cmpstr (first, ==, g_ptr_array_index (states, 0));
      }
      while (wf_undo_stack_redo (stack))
        ;
      {
        g_autofree char *last = snapshot (document);
        g_assert_cmpstr (last, ==, g_ptr_array_index (states, states->len - 1));
      }
    }
}

static void
test_many_cards (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Big");
  g_autoptr(GPtrArray) phases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lanes = g_ptr_array_new_with_free_func (g_object_unref);

  wf_document_insert_map (document, map, -1);

  for (guint p = 0; p < 12; p++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", p);
      WfPhase *phase = wf_phase_new (id, id);
      wf_map_insert_phase (map, phase, -1);
      g_ptr_array_add (phases, phase);
    }

  for (guint l = 0; l < 40; l++)
    {
      g_autofree char *id = g_strdup_printf ("l%u", l);
      WfLane *lane = wf_lane_new (id, l % WF_N_LANE_KINDS);
      wf_map_insert_lane (map, lane, -1);
      g_ptr_array_add (lanes, lane);
    }

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autoptr(WfCard) card = wf_card_new (id, id);

      wf_map_insert_card (map, card, phases->pdata[i % 12], lanes->pdata[(i / 12) % 40], -1);
    }

  g_assert_cmpuint (wf_map_get_n_cards (map), ==, 20000);
  g_assert_true (WF_IS_CARD (wf_document_lookup (document, "c19999")));
  g_assert_cmpuint (wf_map_get_n_cell_cards (map, phases->pdata[0], lanes->pdata[0]), ==, 42);
}

/* A document with an undo history is freed when its last reference goes:
 * commands that changed the document itself must not hold it.
 */
static void
test_document_freed (void)
{
  WfDocument *document = wf_templates_create ("b2b", "en");
  WfDocument *watch = document;

  g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &watch);
  wf_edit_set (document, "title", "Changed", NULL);
  wf_edit_remove (wf_document_get_persona (document, 0));
  wf_edit_reorder (wf_document_get_map (document, 0), 0);
  g_assert_true (wf_undo_stack_undo (wf_document_get_undo_stack (document)));

  g_object_unref (document);
  g_assert_null (watch);
}

/* Workshop voting: sort a cell by votes, reset them, undo both. */
static void
test_votes (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Map");
  g_autoptr(WfPhase) phase = wf_phase_new ("p", "Phase");
  g_autoptr(WfLane) lane = wf_lane_new ("l", WF_LANE_PAIN_POINTS);
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  const guint votes[] = { 1, 3, 0, 3, 2 };
  const char *sorted[] = { "c1", "c3", "c4", "c0", "c2" };
  GPtrArray *cell;

  wf_document_insert_map (document, map, -1);
  wf_map_insert_phase (map, phase, -1);
  wf_map_insert_lane (map, lane, -1);
  for (guint i = 0; i < G_N_ELEMENTS (votes); i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autoptr(WfCard) card = wf_card_new (id, id);

      wf_card_set_votes (card, votes[i]);
      wf_map_insert_card (map, card, phase, lane, -1);
    }

  /* Most votes first; c1 and c3 (3 votes each) keep their order. */
  g_assert_true (wf_edit_sort_cell_by_votes (map, phase, lane));
  cell = wf_map_get_cell (map, phase, lane);
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_assert_cmpstr (wf_item_get_id (cell->pdata[i]), ==, sorted[i]);
  g_assert_cmpstr (wf_undo_stack_get_undo_label (stack), ==, "Sort by Votes");

  /* Sorted already: nothing moves. */
  g_assert_false (wf_edit_sort_cell_by_votes (map, phase, lane));

  g_assert_cmpuint (wf_edit_reset_votes (map), ==, 4);
  for (guint i = 0; i < cell->len; i++)
    g_assert_cmpuint (wf_card_get_votes (cell->pdata[i]), ==, 0);

  /* Each was one step. */
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpuint (wf_card_get_votes (cell->pdata[0]), ==, 3);
  g_assert_cmpuint (wf_card_get_votes (cell->pdata[4]), ==, 0);
  g_assert_true (wf_undo_stack_undo (stack));
  for (guint i = 0; i < cell->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);

      g_assert_cmpstr (wf_item_get_id (cell->pdata[i]), ==, id);
      g_assert_cmpuint (wf_card_get_votes (cell->pdata[i]), ==, votes[i]);
    }
}

/* The list models of personas, maps, phases and lanes: what
 * items-changed says agrees with what the list holds, through adds,
 * moves, removals and their undo and redo.
 */

typedef struct
{
  GString *log;
  guint    n_items;
} ListLog;

static void
on_list_items_changed (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       ListLog    *log)
{
  g_assert_cmpuint (position + removed, <=, log->n_items);
  g_assert_cmpuint (log->n_items - removed + added, ==, g_list_model_get_n_items (model));
  log->n_items = g_list_model_get_n_items (model);
  g_string_append_printf (log->log, "%u-%u+%u;", position, removed, added);
}

static char *
list_ids (GListModel *model)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WfItem) item = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s%s", i ? "," : "", wf_item_get_id (item));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Checks the log since the last step and the ids in the list. */
static void
assert_list (ListLog    *log,
             GListModel *model,
             const char *changes,
             const char *ids)
{
  g_autofree char *now = list_ids (model);

  g_assert_cmpstr (log->log->str, ==, changes);
  g_assert_cmpstr (now, ==, ids);
  g_string_truncate (log->log, 0);
}

typedef gboolean (*AddFunc) (gpointer owner,
                             gpointer item,
                             int      index);

/* @items are three new items "a", "b" and "c" that @add puts into @owner. */
static void
check_list_model (WfDocument *document,
                  gpointer    owner,
                  GListModel *model,
                  AddFunc     add,
                  gpointer    items[3])
{
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  g_autoptr(GString) changes = g_string_new (NULL);
  ListLog log = { changes, g_list_model_get_n_items (model) };

  g_assert_cmpuint (log.n_items, ==, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_list_items_changed), &log);

  g_assert_true (add (owner, items[0], -1));
  g_assert_true (add (owner, items[1], -1));
  g_assert_true (add (owner, items[2], 0));
  assert_list (&log, model, "0-0+1;1-0+1;0-0+1;", "c,a,b");

  /* A move changes every place between where it was and where it goes. */
  wf_edit_reorder (items[1], 0);
  assert_list (&log, model, "0-3+3;", "b,c,a");
  wf_edit_reorder (items[1], 1);
  assert_list (&log, model, "0-2+2;", "c,b,a");
  g_assert_true (wf_undo_stack_undo (stack));
  assert_list (&log, model, "0-2+2;", "b,c,a");

  wf_edit_remove (items[2]);
  assert_list (&log, model, "1-1+0;", "b,a");
  g_assert_true (wf_undo_stack_undo (stack));
  assert_list (&log, model, "1-0+1;", "b,c,a");
  g_assert_true (wf_undo_stack_redo (stack));
  assert_list (&log, model, "1-1+0;", "b,a");
  g_assert_true (wf_undo_stack_undo (stack));
  assert_list (&log, model, "1-0+1;", "b,c,a");

  /* Undo the first move and the three adds. */
  g_assert_true (wf_undo_stack_undo (stack));
  assert_list (&log, model, "0-3+3;", "c,a,b");
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_true (wf_undo_stack_undo (stack));
  assert_list (&log, model, "0-1+0;1-1+0;0-1+0;", "");
  g_assert_true (wf_undo_stack_redo (stack));
  assert_list (&log, model, "0-0+1;", "a");

  g_signal_handlers_disconnect_by_data (model, &log);
}

static void
test_personas_model (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfPersona) a = wf_persona_new ("a", "Ann");
  g_autoptr(WfPersona) b = wf_persona_new ("b", "Bob");
  g_autoptr(WfPersona) c = wf_persona_new ("c", "Cem");
  gpointer items[] = { a, b, c };
  GListModel *model = wf_document_get_personas_model (document);

  g_assert_true (g_list_model_get_item_type (model) == WF_TYPE_PERSONA);
  check_list_model (document, document, model, (AddFunc) wf_edit_add_persona, items);
}

static void
test_maps_model (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) a = wf_map_new ("a", "One");
  g_autoptr(WfMap) b = wf_map_new ("b", "Two");
  g_autoptr(WfMap) c = wf_map_new ("c", "Three");
  gpointer items[] = { a, b, c };
  g_autoptr(GListModel) model = g_object_ref (wf_document_get_maps_model (document));
  g_autoptr(GString) changes = g_string_new (NULL);
  ListLog log = { changes, 0 };

  g_assert_true (g_list_model_get_item_type (model) == WF_TYPE_MAP);
  check_list_model (document, document, model, (AddFunc) wf_edit_add_map, items);

  /* A list that outlives its document is empty, and says so. */
  log.n_items = g_list_model_get_n_items (model);
  g_assert_cmpuint (log.n_items, ==, 1);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_list_items_changed), &log);
  g_clear_object (&document);
  assert_list (&log, model, "0-1+0;", "");
}

static void
test_phases_model (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Map");
  g_autoptr(WfPhase) a = wf_phase_new ("a", "Before");
  g_autoptr(WfPhase) b = wf_phase_new ("b", "During");
  g_autoptr(WfPhase) c = wf_phase_new ("c", "After");
  gpointer items[] = { a, b, c };
  GListModel *model = wf_map_get_phases_model (map);

  g_assert_true (wf_document_insert_map (document, map, -1));
  g_assert_true (g_list_model_get_item_type (model) == WF_TYPE_PHASE);
  check_list_model (document, map, model, (AddFunc) wf_edit_add_phase, items);
}

static void
test_lanes_model (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Map");
  g_autoptr(WfLane) a = wf_lane_new ("a", WF_LANE_ACTIONS);
  g_autoptr(WfLane) b = wf_lane_new ("b", WF_LANE_TOUCHPOINTS);
  g_autoptr(WfLane) c = wf_lane_new ("c", WF_LANE_THOUGHTS);
  gpointer items[] = { a, b, c };
  GListModel *model = wf_map_get_lanes_model (map);

  g_assert_true (wf_document_insert_map (document, map, -1));
  g_assert_true (g_list_model_get_item_type (model) == WF_TYPE_LANE);
  check_list_model (document, map, model, (AddFunc) wf_edit_add_lane, items);
}

/* Every value of the enumerations is written as the string of the
 * .journey format and read back as itself; "none" is no value there.
 */
static void
test_enum_strings (void)
{
  static const char * const lane_kinds[] = {
    "touchpoints", "actions", "thoughts", "emotions", "pain-points",
    "opportunities", "channels", "metrics", "backstage", "notes",
  };
  static const char * const channels[] = {
    NULL, "web", "app", "email", "social", "search", "ads", "phone", "chat",
    "store", "event", "print", "word-of-mouth", "review-site", "other",
  };
  static const char * const contacts[] = { NULL, "direct", "indirect" };
  g_autoptr(GEnumClass) lane_kind_class = g_type_class_ref (WF_TYPE_LANE_KIND);
  g_autoptr(GEnumClass) channel_class = g_type_class_ref (WF_TYPE_CHANNEL);
  g_autoptr(GEnumClass) contact_class = g_type_class_ref (WF_TYPE_CONTACT);
  WfLaneKind kind;
  WfChannel channel;
  WfContact contact;

  g_assert_cmpuint (lane_kind_class->n_values, ==, WF_N_LANE_KINDS);
  g_assert_cmpuint (G_N_ELEMENTS (lane_kinds), ==, WF_N_LANE_KINDS);
  for (WfLaneKind k = 0; k < WF_N_LANE_KINDS; k++)
    {
      g_assert_cmpstr (wf_lane_kind_to_string (k), ==, lane_kinds[k]);
      kind = WF_LANE_NOTES - k;
      g_assert_true (wf_lane_kind_from_string (lane_kinds[k], &kind));
      g_assert_cmpint (kind, ==, k);
    }

  g_assert_cmpuint (channel_class->n_values, ==, WF_N_CHANNELS);
  g_assert_cmpuint (G_N_ELEMENTS (channels), ==, WF_N_CHANNELS);
  for (WfChannel c = 0; c < WF_N_CHANNELS; c++)
    {
      g_assert_cmpstr (wf_channel_to_string (c), ==, channels[c]);
      if (channels[c] == NULL)
        continue;
      channel = WF_CHANNEL_NONE;
      g_assert_true (wf_channel_from_string (channels[c], &channel));
      g_assert_cmpint (channel, ==, c);
    }

  g_assert_cmpuint (contact_class->n_values, ==, G_N_ELEMENTS (contacts));
  for (WfContact c = 0; c < G_N_ELEMENTS (contacts); c++)
    {
      g_assert_cmpstr (wf_contact_to_string (c), ==, contacts[c]);
      if (contacts[c] == NULL)
        continue;
      contact = WF_CONTACT_NONE;
      g_assert_true (wf_contact_from_string (contacts[c], &contact));
      g_assert_cmpint (contact, ==, c);
    }

  /* Not in the format: no value, the nick of none, another case. */
  kind = WF_LANE_NOTES;
  channel = WF_CHANNEL_WEB;
  contact = WF_CONTACT_DIRECT;
  g_assert_false (wf_lane_kind_from_string (NULL, &kind));
  g_assert_false (wf_lane_kind_from_string ("Touchpoints", &kind));
  g_assert_false (wf_lane_kind_from_string ("", &kind));
  g_assert_false (wf_channel_from_string (NULL, &channel));
  g_assert_false (wf_channel_from_string ("none", &channel));
  g_assert_false (wf_channel_from_string ("Web", &channel));
  g_assert_false (wf_contact_from_string (NULL, &contact));
  g_assert_false (wf_contact_from_string ("none", &contact));
  g_assert_false (wf_contact_from_string ("Direct", &contact));
  g_assert_cmpint (kind, ==, WF_LANE_NOTES);
  g_assert_cmpint (channel, ==, WF_CHANNEL_WEB);
  g_assert_cmpint (contact, ==, WF_CONTACT_DIRECT);
  g_assert_null (wf_contact_to_string (G_N_ELEMENTS (contacts)));
}

/* The ids of @map and of everything in it. */
static GPtrArray *
map_ids (WfMap *map)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GPtrArray *ids = g_ptr_array_new ();

  g_ptr_array_add (items, map);
  wf_map_collect_items (map, items);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (ids, (gpointer) wf_item_get_id (g_ptr_array_index (items, i)));

  return ids;
}

static void
test_id_tag (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  g_autofree char *before = snapshot (document);
  g_autofree char *after = NULL;
  g_autofree char *id = NULL;
  g_autoptr(WfMap) copy = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) old_ids = map_ids (first_map (document));
  g_autoptr(GPtrArray) old_copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < old_ids->len; i++)
    g_ptr_array_add (old_copy, g_strdup (g_ptr_array_index (old_ids, i)));

  g_assert_null (wf_document_get_id_tag (document));
  wf_document_set_id_tag (document, "k3");
  g_assert_cmpstr (wf_document_get_id_tag (document), ==, "k3");

  /* The ids there are stay, and no file holds the tag. */
  after = snapshot (document);
  g_assert_cmpstr (after, ==, before);

  id = wf_document_make_id (document, "card");
  g_assert_true (g_regex_match_simple ("^card[0-9]+-k3$", id, 0, 0));
  g_assert_null (wf_document_lookup (document, id));

  /* A copy of a map: the map, its phases, lanes, cards and links. */
  copy = wf_map_duplicate (first_map (document), "Copy");
  g_assert_true (wf_edit_add_map (document, copy, -1));
  ids = map_ids (copy);
  g_assert_cmpuint (ids->len, >, 10);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *copied = g_ptr_array_index (ids, i);

      g_test_message ("%s", copied);
      g_assert_true (g_regex_match_simple ("^(map|phase|lane|card|link)[0-9]+-k3$", copied, 0, 0));
    }

  /* The original kept its ids. */
  g_clear_pointer (&old_ids, g_ptr_array_unref);
  old_ids = map_ids (first_map (document));
  g_assert_cmpuint (old_ids->len, ==, old_copy->len);
  for (guint i = 0; i < old_ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (old_ids, i), ==, g_ptr_array_index (old_copy, i));
}

/* Two clients with one document, its counter at the same place: their
 * new ids differ by the tags alone. */
static void
test_id_tag_two_clients (void)
{
  g_autoptr(WfDocument) one = wf_templates_create ("five-phases", "en");
  g_autoptr(WfDocument) two = wf_templates_create ("five-phases", "en");
  g_autoptr(WfDocument) three = wf_templates_create ("five-phases", "en");
  g_autoptr(WfMap) one_copy = NULL;
  g_autoptr(WfMap) two_copy = NULL;
  g_autoptr(WfMap) three_copy = NULL;
  g_autoptr(GPtrArray) one_ids = NULL;
  g_autoptr(GPtrArray) two_ids = NULL;
  g_autoptr(GPtrArray) three_ids = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  wf_document_set_id_tag (one, "k1");
  wf_document_set_id_tag (two, "k2");

  one_copy = wf_map_duplicate (first_map (one), "Copy");
  two_copy = wf_map_duplicate (first_map (two), "Copy");
  three_copy = wf_map_duplicate (first_map (three), "Copy");
  one_ids = map_ids (one_copy);
  two_ids = map_ids (two_copy);
  three_ids = map_ids (three_copy);
  g_assert_cmpuint (one_ids->len, ==, two_ids->len);
  g_assert_cmpuint (one_ids->len, ==, three_ids->len);

  for (guint i = 0; i < one_ids->len; i++)
    {
      g_autofree char *one_plain = g_strndup (g_ptr_array_index (one_ids, i),
                                              strlen (g_ptr_array_index (one_ids, i)) - 3);
      g_autofree char *two_plain = g_strndup (g_ptr_array_index (two_ids, i),
                                              strlen (g_ptr_array_index (two_ids, i)) - 3);

      /* The same counter: without tags they would be the same ids. */
      g_assert_cmpstr (one_plain, ==, g_ptr_array_index (three_ids, i));
      g_assert_cmpstr (two_plain, ==, g_ptr_array_index (three_ids, i));
      g_assert_true (g_str_has_suffix (g_ptr_array_index (one_ids, i), "-k1"));
      g_assert_true (g_str_has_suffix (g_ptr_array_index (two_ids, i), "-k2"));

      g_assert_true (g_hash_table_add (seen, g_ptr_array_index (one_ids, i)));
      g_assert_true (g_hash_table_add (seen, g_ptr_array_index (two_ids, i)));
      g_assert_null (wf_document_lookup (one, g_ptr_array_index (two_ids, i)));
      g_assert_null (wf_document_lookup (two, g_ptr_array_index (one_ids, i)));
    }
}

/* Without a tag, ids are as they always were. */
static void
test_id_tag_none (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfDocument) templated = wf_templates_create ("five-phases", "en");
  g_autoptr(WfMap) copy = wf_map_duplicate (first_map (templated), "Copy");
  g_autoptr(GPtrArray) ids = map_ids (copy);
  char *id;

  id = wf_document_make_id (document, "card");
  g_assert_cmpstr (id, ==, "card1");
  g_free (id);
  id = wf_document_make_id (document, "phase");
  g_assert_cmpstr (id, ==, "phase2");
  g_free (id);

  wf_document_set_id_tag (document, "k3");
  id = wf_document_make_id (document, "card");
  g_assert_cmpstr (id, ==, "card3-k3");
  g_free (id);

  wf_document_set_id_tag (document, NULL);
  g_assert_null (wf_document_get_id_tag (document));
  id = wf_document_make_id (document, "card");
  g_assert_cmpstr (id, ==, "card4");
  g_free (id);

  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_regex_match_simple ("^(map|phase|lane|card|link)[0-9]+$",
                                         g_ptr_array_index (ids, i), 0, 0));
}

/* A tag is one to sixteen of a-z and 0-9: it ends an id. */
static void
test_id_tag_refused (void)
{
  static const char * const refused[] = {
    "", "K3", "k-3", "k 3", "k_3", "kü", "abcdefghijklmnopq",
  };
  g_autoptr(WfDocument) document = wf_document_new ();

  wf_document_set_id_tag (document, "abcdefghijklmnop");
  g_assert_cmpstr (wf_document_get_id_tag (document), ==, "abcdefghijklmnop");
  wf_document_set_id_tag (document, "k3");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_expect_message ("Wayfinder", G_LOG_LEVEL_CRITICAL, "*is_id_tag*");
      wf_document_set_id_tag (document, refused[i]);
      g_test_assert_expected_messages ();
      g_assert_cmpstr (wf_document_get_id_tag (document), ==, "k3");
    }
}

/* Beside wf_test_random_edit(), which keeps to the first map: personas,
 * a lane's persona, maps, the document's title, links' labels and order.
 */
static void
random_wider_edit (WfDocument *document,
                   GRand      *rand)
{
  guint n_personas = wf_document_get_n_personas (document);
  guint n_maps = wf_document_get_n_maps (document);
  WfMap *map = n_maps > 0 ? wf_document_get_map (document, g_rand_int_range (rand, 0, n_maps)) : NULL;
  WfPersona *persona = n_personas > 0 ? wf_document_get_persona (document, g_rand_int_range (rand, 0, n_personas)) : NULL;
  guint n_lanes = map ? wf_map_get_n_lanes (map) : 0;
  guint n_links = map ? wf_map_get_n_links (map) : 0;

  switch (g_rand_int_range (rand, 0, 9))
    {
    case 0:
      {
        g_autofree char *id = wf_document_make_id (document, "persona");
        g_autoptr(WfPersona) added = wf_persona_new (id, "Dana");

        wf_edit_add_persona (document, added, g_rand_int_range (rand, -1, n_personas + 1));
      }
      break;

    case 1:
      if (persona != NULL && g_rand_int_range (rand, 0, 3) == 0)
        wf_edit_remove (persona);
      else if (persona != NULL)
        wf_edit_reorder (persona, g_rand_int_range (rand, 0, n_personas));
      break;

    case 2:
      if (persona != NULL)
        wf_edit_set (persona, "name", g_rand_boolean (rand) ? "Eva" : "Fien", "goals", "Quick", NULL);
      break;

    case 3:
      if (n_lanes > 0)
        wf_edit_set (wf_map_get_lane (map, g_rand_int_range (rand, 0, n_lanes)),
                     "persona", g_rand_boolean (rand) ? persona : NULL, NULL);
      break;

    case 4:
      if (map != NULL && n_maps < 4)
        {
          g_autoptr(WfMap) copy = wf_map_duplicate (map, "Copy");

          wf_edit_add_map (document, copy, g_rand_int_range (rand, -1, n_maps + 1));
        }
      break;

    case 5:
      if (n_maps > 1 && g_rand_boolean (rand))
        wf_edit_remove (wf_document_get_map (document, g_rand_int_range (rand, 1, n_maps)));
      else if (map != NULL)
        wf_edit_reorder (map, g_rand_int_range (rand, 0, n_maps));
      break;

    case 6:
      wf_edit_set (document, "title", g_rand_boolean (rand) ? "Shared" : "Gedeeld",
                   "description", g_rand_boolean (rand) ? "" : "Why", NULL);
      break;

    case 7:
      if (n_links > 0)
        wf_edit_set (wf_map_get_link (map, g_rand_int_range (rand, 0, n_links)),
                     "label", g_rand_boolean (rand) ? "then" : "", NULL);
      break;

    case 8:
    default:
      /* A link taken out and put back last: the list's order changes. */
      if (n_links > 1)
        {
          WfUndoStack *stack = wf_document_get_undo_stack (document);
          g_autoptr(WfLink) link = g_object_ref (wf_map_get_link (map, 0));

          wf_undo_stack_begin (stack, "Link Last");
          wf_edit_remove (link);
          wf_edit_add_link (map, link, -1);
          wf_undo_stack_end (stack);
        }
      break;
    }
}

static WfDocument *
copy_of (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  WfDocument *copy = wf_journey_load_bytes (bytes, NULL, &error);

  g_assert_no_error (error);

  return copy;
}

/* Restoring an earlier state of a document, among random edits: the
 * document is then that state, byte for byte, in one step that undo
 * takes back and redo brings again; the copy is left empty.
 */
static void
test_replace_content (void)
{
  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(WfDocument) document = wf_templates_create (round % 2 ? "b2b" : "five-phases", "en");
      WfUndoStack *stack = wf_document_get_undo_stack (document);
      g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

      g_ptr_array_add (revisions, wf_journey_to_bytes (document));

      for (guint step = 0; step < 120; step++)
        {
          guint action = g_rand_int_range (rand, 0, 20);

          if (action < 8)
            wf_test_random_edit (document, rand);
          else if (action < 14)
            random_wider_edit (document, rand);
          else if (action < 15)
            wf_undo_stack_undo (stack);
          else if (action < 17)
            g_ptr_array_add (revisions, wf_journey_to_bytes (document));
          else
            {
              GBytes *revision = g_ptr_array_index (revisions, g_rand_int_range (rand, 0, revisions->len));
              g_autoptr(WfDocument) old = copy_of (revision);
              g_autofree char *wanted = g_strndup (g_bytes_get_data (revision, NULL), g_bytes_get_size (revision));
              g_autofree char *before = snapshot (document);
              g_autofree char *after = NULL;
              g_autofree char *undone = NULL;
              g_autofree char *redone = NULL;
              guint position;

              wf_undo_stack_seal (stack);
              position = wf_undo_stack_get_position (stack);
              wf_edit_replace_content (document, old, "Restore");
              after = snapshot (document);
              wf_test_assert_same_text (wanted, after);
              g_assert_cmpuint (wf_document_get_n_maps (old), ==, 0);
              g_assert_cmpuint (wf_document_get_n_personas (old), ==, 0);

              /* Nothing differed: no step. */
              if (g_str_equal (before, wanted))
                {
                  g_assert_cmpuint (wf_undo_stack_get_position (stack), ==, position);
                  continue;
                }

              g_assert_cmpuint (wf_undo_stack_get_position (stack), ==, position + 1);
              g_assert_cmpstr (wf_undo_stack_get_undo_label (stack), ==, "Restore");
              g_assert_true (wf_undo_stack_undo (stack));
              g_assert_cmpuint (wf_undo_stack_get_last_skipped (stack, NULL), ==, 0);
              undone = snapshot (document);
              wf_test_assert_same_text (before, undone);
              g_assert_true (wf_undo_stack_redo (stack));
              redone = snapshot (document);
              wf_test_assert_same_text (wanted, redone);
            }
        }
    }
}

/* Only what differs changes: one card's title back is one op, and every
 * other item is still the object it was.
 */
static void
test_replace_content_small (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("b2b", "en");
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
  g_autoptr(WfDocument) old = copy_of (bytes);
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfMap *map = wf_document_get_map (document, 0);
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);
  WfCard *edited = g_ptr_array_index (cards, 0);
  WfCard *moved = g_ptr_array_index (cards, 1);
  g_autofree char *title = g_strdup (wf_card_get_title (edited));
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autofree char *wanted = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *after = NULL;

  g_ptr_array_add (items, map);
  wf_map_collect_items (map, items);
  for (guint i = 0; i < wf_document_get_n_personas (document); i++)
    g_ptr_array_add (items, wf_document_get_persona (document, i));

  wf_edit_set (edited, "title", "Changed", NULL);
  wf_edit_move_card (moved, wf_map_get_phase (map, wf_map_get_n_phases (map) - 1),
                     wf_map_get_lane (map, 0), 0);
  wf_undo_stack_seal (stack);

  wf_edit_replace_content (document, old, "Restore");
  after = snapshot (document);
  wf_test_assert_same_text (wanted, after);
  g_assert_cmpstr (wf_card_get_title (edited), ==, title);
  g_assert_cmpuint (wf_command_get_size (wf_undo_stack_peek_undo (stack)), ==, 2);

  for (guint i = 0; i < items->len; i++)
    g_assert_true (wf_document_lookup (document, wf_item_get_id (items->pdata[i])) == items->pdata[i]);

  /* A title being typed, then restored: two steps, however alike. */
  {
    g_autoptr(WfDocument) again = copy_of (bytes);
    g_autofree char *title_before = g_strdup (wf_document_get_title (document));

    wf_edit_set (document, "title", "Typed", NULL);
    g_assert_true (wf_undo_stack_get_merging (stack));
    wf_edit_replace_content (document, again, "Restore");
    g_assert_false (wf_undo_stack_get_merging (stack));
    g_assert_cmpstr (wf_document_get_title (document), ==, title_before);
    g_assert_true (wf_undo_stack_undo (stack));
    g_assert_cmpstr (wf_document_get_title (document), ==, "Typed");
  }
}

/* A persona's photo and a card's image: set as edits, undone and redone,
 * equal values no step; a new alt text is a new value (docs/pictures.md). */
static void
test_pictures (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfMap *map = first_map (document);
  g_autoptr(WfPersona) persona = wf_persona_new ("anna", "Anna");
  g_autoptr(WfCard) card = wf_card_new ("shop", "Shop");
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x89PNG not really", 16);
  g_autoptr(GBytes) same = g_bytes_new ("\x89PNG not really", 16);
  g_autoptr(WfImage) photo = wf_image_new (WF_IMAGE_PNG, bytes, 40, 30, "Anna", 0.5, 0.25);
  g_autoptr(WfImage) twin = wf_image_new (WF_IMAGE_PNG, same, 40, 30, "Anna", 0.5, 0.25);
  g_autoptr(WfImage) described = wf_image_with_alt (photo, "Anna at home");
  g_autoptr(WfImage) moved = wf_image_with_focus (photo, 0.5, 0.5);
  g_autofree char *before = NULL;
  guint length;

  g_assert_true (wf_edit_add_persona (document, persona, -1));
  g_assert_true (wf_edit_add_card (map, card, wf_map_get_phase (map, 0), wf_map_get_lane (map, 0), -1));
  wf_undo_stack_seal (stack);
  before = snapshot (document);

  g_assert_true (wf_image_equal (photo, twin));
  g_assert_false (wf_image_equal (photo, described));
  g_assert_false (wf_image_equal (photo, moved));
  g_assert_true (wf_image_has_focus (photo));
  g_assert_false (wf_image_has_focus (moved));
  g_assert_cmpstr (wf_image_get_hash (photo), ==, wf_image_get_hash (described));
  g_assert_cmpstr (wf_image_get_hash (photo), ==, wf_image_get_hash (twin));
  g_assert_cmpuint (strlen (wf_image_get_hash (photo)), ==, 64);

  wf_undo_stack_begin (stack, "Pictures");
  wf_edit_set (persona, "photo", photo, NULL);
  wf_edit_set (card, "image", described, NULL);
  wf_undo_stack_end (stack);
  g_assert_true (wf_persona_get_photo (persona) == photo);
  g_assert_true (wf_card_get_image (card) == described);
  length = wf_undo_stack_get_length (stack);

  /* An equal picture is no change. */
  wf_edit_set (persona, "photo", twin, NULL);
  wf_undo_stack_seal (stack);
  g_assert_cmpuint (wf_undo_stack_get_length (stack), ==, length);
  g_assert_true (wf_persona_get_photo (persona) == photo);

  /* A new focal point is one. */
  wf_edit_set (persona, "photo", moved, NULL);
  wf_undo_stack_seal (stack);
  g_assert_cmpuint (wf_undo_stack_get_length (stack), ==, length + 1);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_true (wf_persona_get_photo (persona) == photo);

  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_null (wf_persona_get_photo (persona));
  g_assert_null (wf_card_get_image (card));
  {
    g_autofree char *now = snapshot (document);

    wf_test_assert_same_text (before, now);
  }

  g_assert_true (wf_undo_stack_redo (stack));
  g_assert_true (wf_image_equal (wf_persona_get_photo (persona), photo));
  g_assert_true (wf_image_equal (wf_card_get_image (card), described));

  /* Removing it is an edit too. */
  wf_edit_set (card, "image", NULL, NULL);
  g_assert_null (wf_card_get_image (card));
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpstr (wf_image_get_alt (wf_card_get_image (card)), ==, "Anna at home");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/document/ids", test_ids);
  g_test_add_func ("/model/map/cells", test_cells);
  g_test_add_func ("/model/map/many-cards", test_many_cards);
  g_test_add_func ("/model/document/signals", test_signals);
  g_test_add_func ("/model/edit/remove-cascade", test_remove_cascade);
  g_test_add_func ("/model/undo/groups-and-merge", test_undo_groups_and_merge);
  g_test_add_func ("/model/undo/picture-merge", test_undo_picture_merge);
  g_test_add_func ("/model/undo/saved-point", test_saved_point);
  g_test_add_func ("/model/undo/own-command", test_undo_own_command);
  g_test_add_func ("/model/undo/keeps-others", test_undo_keeps_others);
  g_test_add_func ("/model/undo/keeps-what-others-need", test_undo_keeps_what_others_need);
  g_test_add_func ("/model/undo/randomized", test_undo_randomized);
  g_test_add_func ("/model/document/freed", test_document_freed);
  g_test_add_func ("/model/edit/votes", test_votes);
  g_test_add_func ("/model/document/personas-model", test_personas_model);
  g_test_add_func ("/model/document/maps-model", test_maps_model);
  g_test_add_func ("/model/map/phases-model", test_phases_model);
  g_test_add_func ("/model/map/lanes-model", test_lanes_model);
  g_test_add_func ("/model/types/strings", test_enum_strings);
  g_test_add_func ("/model/edit/pictures", test_pictures);
  g_test_add_func ("/model/document/id-tag", test_id_tag);
  g_test_add_func ("/model/document/id-tag/two-clients", test_id_tag_two_clients);
  g_test_add_func ("/model/document/id-tag/none", test_id_tag_none);
  g_test_add_func ("/model/document/id-tag/refused", test_id_tag_refused);
  g_test_add_func ("/model/edit/replace-content", test_replace_content);
  g_test_add_func ("/model/edit/replace-content/only-what-differs", test_replace_content_small);

  return g_test_run ();
}
