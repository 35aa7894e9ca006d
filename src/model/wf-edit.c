/* wf-edit.c — every change to a document, as undoable commands
 *
 * Each function performs its change at once and records it in the open
 * group of the document's undo stack; without an open group it is a step of
 * its own. Widgets change documents only through these functions.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>

#include "wf-command-private.h"
#include "wf-edit.h"
#include "wf-undo-stack-private.h"

static WfUndoStack *
begin (gpointer    item,
       const char *label)
{
  WfDocument *document = wf_item_get_document (item);
  WfUndoStack *stack;

  g_return_val_if_fail (document != NULL, NULL);

  stack = wf_document_get_undo_stack (document);
  wf_undo_stack_begin (stack, label);

  return stack;
}

static const char *
label_for_change (WfItem *item)
{
  if (WF_IS_CARD (item))
    return _("Edit Card");
  if (WF_IS_PHASE (item))
    return _("Edit Phase");
  if (WF_IS_LANE (item))
    return _("Edit Lane");
  if (WF_IS_PERSONA (item))
    return _("Edit Persona");
  if (WF_IS_MAP (item))
    return _("Edit Map");
  if (WF_IS_LINK (item))
    return _("Edit Link");

  return _("Edit Document");
}

/**
 * wf_edit_set:
 * @item: a #WfItem in a document, or the document
 * @first_property: the first property name, followed by its value, and
 *   further pairs, ended by %NULL
 *
 * Sets properties as g_object_set() does, as one step.
 */
void
wf_edit_set (gpointer    item,
             const char *first_property,
             ...)
{
  WfUndoStack *stack;
  const char *name;
  va_list args;

  g_return_if_fail (WF_IS_ITEM (item));

  if (!(stack = begin (item, label_for_change (item))))
    return;

  va_start (args, first_property);

  for (name = first_property; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), name);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE) ||
          (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
        {
          g_critical ("%s has no writable property “%s”", G_OBJECT_TYPE_NAME (item), name);
          break;
        }

      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
      if (error != NULL)
        {
          g_critical ("%s", error);
          break;
        }

      _wf_command_set (_wf_undo_stack_current (stack), item, pspec, &value);
    }

  va_end (args);

  wf_undo_stack_end (stack);
}

void
wf_edit_set_value (gpointer      item,
                   const char   *property,
                   const GValue *value)
{
  GParamSpec *pspec;
  WfUndoStack *stack;

  g_return_if_fail (WF_IS_ITEM (item));

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
  g_return_if_fail (pspec != NULL && (pspec->flags & G_PARAM_WRITABLE));

  if (!(stack = begin (item, label_for_change (item))))
    return;

  _wf_command_set (_wf_undo_stack_current (stack), item, pspec, value);
  wf_undo_stack_end (stack);
}

static gboolean
add (WfItem     *container,
     WfItem     *item,
     WfPhase    *phase,
     WfLane     *lane,
     int         index,
     const char *label)
{
  WfUndoStack *stack;
  gboolean ret;

  if (!(stack = begin (container, label)))
    return FALSE;

  ret = _wf_command_insert (_wf_undo_stack_current (stack), container, item, phase, lane, index);
  wf_undo_stack_end (stack);

  return ret;
}

gboolean
wf_edit_add_persona (WfDocument *document,
                     WfPersona  *persona,
                     int         index)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (WF_IS_PERSONA (persona), FALSE);

  return add (WF_ITEM (document), WF_ITEM (persona), NULL, NULL, index, _("Add Persona"));
}

gboolean
wf_edit_add_map (WfDocument *document,
                 WfMap      *map,
                 int         index)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (WF_IS_MAP (map), FALSE);

  return add (WF_ITEM (document), WF_ITEM (map), NULL, NULL, index, _("Add Map"));
}

gboolean
wf_edit_add_phase (WfMap   *map,
                   WfPhase *phase,
                   int      index)
{
  g_return_val_if_fail (WF_IS_MAP (map), FALSE);
  g_return_val_if_fail (WF_IS_PHASE (phase), FALSE);

  return add (WF_ITEM (map), WF_ITEM (phase), NULL, NULL, index, _("Add Phase"));
}

gboolean
wf_edit_add_lane (WfMap  *map,
                  WfLane *lane,
                  int     index)
{
  g_return_val_if_fail (WF_IS_MAP (map), FALSE);
  g_return_val_if_fail (WF_IS_LANE (lane), FALSE);

  return add (WF_ITEM (map), WF_ITEM (lane), NULL, NULL, index, _("Add Lane"));
}

gboolean
wf_edit_add_card (WfMap   *map,
                  WfCard  *card,
                  WfPhase *phase,
                  WfLane  *lane,
                  int      index)
{
  g_return_val_if_fail (WF_IS_MAP (map), FALSE);
  g_return_val_if_fail (WF_IS_CARD (card), FALSE);
  g_return_val_if_fail (WF_IS_PHASE (phase), FALSE);
  g_return_val_if_fail (WF_IS_LANE (lane), FALSE);

  return add (WF_ITEM (map), WF_ITEM (card), phase, lane, index, _("Add Card"));
}

gboolean
wf_edit_add_link (WfMap  *map,
                  WfLink *link,
                  int     index)
{
  g_return_val_if_fail (WF_IS_MAP (map), FALSE);
  g_return_val_if_fail (WF_IS_LINK (link), FALSE);

  return add (WF_ITEM (map), WF_ITEM (link), NULL, NULL, index, _("Add Link"));
}

static void
remove_card (WfCommand *command,
             WfCard    *card)
{
  WfMap *map = WF_MAP (wf_item_get_parent (WF_ITEM (card)));
  g_autoptr(GPtrArray) links = wf_map_list_links_of (map, card);

  for (guint i = 0; i < links->len; i++)
    _wf_command_remove (command, g_ptr_array_index (links, i));

  _wf_command_remove (command, WF_ITEM (card));
}

static void
remove_lane (WfCommand *command,
             WfLane    *lane)
{
  WfMap *map = WF_MAP (wf_item_get_parent (WF_ITEM (lane)));

  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    {
      GPtrArray *cell = wf_map_get_cell (map, wf_map_get_phase (map, p), lane);

      while (cell != NULL && cell->len > 0)
        remove_card (command, g_ptr_array_index (cell, cell->len - 1));
    }

  _wf_command_remove (command, WF_ITEM (lane));
}

static void
remove_phase (WfCommand *command,
              WfPhase   *phase)
{
  WfMap *map = WF_MAP (wf_item_get_parent (WF_ITEM (phase)));

  for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
    {
      GPtrArray *cell = wf_map_get_cell (map, phase, wf_map_get_lane (map, l));

      while (cell != NULL && cell->len > 0)
        remove_card (command, g_ptr_array_index (cell, cell->len - 1));
    }

  _wf_command_remove (command, WF_ITEM (phase));
}

/* A phase's figures for @persona go with the persona. */
static void
remove_persona_metrics (WfCommand *command,
                        WfPhase   *phase,
                        WfPersona *persona)
{
  const char *id = wf_item_get_id (WF_ITEM (persona));
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_phase_get_metrics (phase));
  g_auto(GValue) value = G_VALUE_INIT;
  guint n = metrics->len;

  for (guint i = metrics->len; i > 0; i--)
    if (strcmp (((WfMetric *) g_ptr_array_index (metrics, i - 1))->persona, id) == 0)
      g_ptr_array_remove_index (metrics, i - 1);

  if (metrics->len == n)
    return;

  g_value_init (&value, G_TYPE_VARIANT);
  g_value_set_variant (&value, wf_metrics_to_variant (metrics));
  _wf_command_set (command, WF_ITEM (phase),
                   g_object_class_find_property (G_OBJECT_GET_CLASS (phase), "metrics"),
                   &value);
}

static void
remove_persona (WfCommand *command,
                WfPersona *persona)
{
  WfDocument *document = wf_item_get_document (WF_ITEM (persona));

  for (guint m = 0; m < wf_document_get_n_maps (document); m++)
    {
      WfMap *map = wf_document_get_map (document, m);

      for (guint p = 0; p < wf_map_get_n_phases (map); p++)
        remove_persona_metrics (command, wf_map_get_phase (map, p), persona);

      for (guint l = wf_map_get_n_lanes (map); l > 0; l--)
        {
          WfLane *lane = wf_map_get_lane (map, l - 1);

          if (wf_lane_get_persona (lane) == persona)
            remove_lane (command, lane);
        }
    }

  _wf_command_remove (command, WF_ITEM (persona));
}

static const char *
label_for_removal (WfItem *item)
{
  if (WF_IS_CARD (item))
    return _("Delete Card");
  if (WF_IS_PHASE (item))
    return _("Delete Phase");
  if (WF_IS_LANE (item))
    return _("Delete Lane");
  if (WF_IS_PERSONA (item))
    return _("Delete Persona");
  if (WF_IS_MAP (item))
    return _("Delete Map");

  return _("Delete Link");
}

/**
 * wf_edit_remove:
 * @item: a persona, map, phase, lane, card or link of a document
 *
 * Removes @item with what depends on it: a phase or lane with its cards,
 * a card with its links, a persona with its lanes.
 */
void
wf_edit_remove (gpointer item)
{
  WfUndoStack *stack;
  WfCommand *command;

  g_return_if_fail (WF_IS_ITEM (item));
  g_return_if_fail (!WF_IS_DOCUMENT (item));

  if (!(stack = begin (item, label_for_removal (item))))
    return;

  command = _wf_undo_stack_current (stack);

  if (WF_IS_CARD (item))
    remove_card (command, item);
  else if (WF_IS_PHASE (item))
    remove_phase (command, item);
  else if (WF_IS_LANE (item))
    remove_lane (command, item);
  else if (WF_IS_PERSONA (item))
    remove_persona (command, item);
  else
    _wf_command_remove (command, item);

  wf_undo_stack_end (stack);
}

/**
 * wf_edit_move_card:
 * @index: the position in the target cell after the card left its old
 *   place, or -1 to append
 */
void
wf_edit_move_card (WfCard  *card,
                   WfPhase *phase,
                   WfLane  *lane,
                   int      index)
{
  WfUndoStack *stack;

  g_return_if_fail (WF_IS_CARD (card));
  g_return_if_fail (WF_IS_PHASE (phase));
  g_return_if_fail (WF_IS_LANE (lane));

  if (!(stack = begin (card, _("Move Card"))))
    return;

  _wf_command_move_card (_wf_undo_stack_current (stack), card, phase, lane, index);
  wf_undo_stack_end (stack);
}

/**
 * wf_edit_reorder:
 * @item: a persona, map, phase or lane
 * @index: its new position
 */
void
wf_edit_reorder (gpointer item,
                 guint    index)
{
  WfUndoStack *stack;
  const char *label;

  g_return_if_fail (WF_IS_PERSONA (item) || WF_IS_MAP (item) ||
                    WF_IS_PHASE (item) || WF_IS_LANE (item));

  if (WF_IS_PHASE (item))
    label = _("Move Phase");
  else if (WF_IS_LANE (item))
    label = _("Move Lane");
  else if (WF_IS_PERSONA (item))
    label = _("Move Persona");
  else
    label = _("Move Map");

  if (!(stack = begin (item, label)))
    return;

  _wf_command_reorder (_wf_undo_stack_current (stack), item, index);
  wf_undo_stack_end (stack);
}

typedef struct
{
  WfCard *card;
  guint   position;
} Ranked;

static int
by_votes (gconstpointer a,
          gconstpointer b)
{
  const Ranked *ra = a, *rb = b;
  guint va = wf_card_get_votes (ra->card), vb = wf_card_get_votes (rb->card);

  /* Most votes first; equal votes keep their order. */
  if (va != vb)
    return va > vb ? -1 : 1;

  return ra->position < rb->position ? -1 : ra->position > rb->position;
}

/**
 * wf_edit_sort_cell_by_votes:
 * @map: a map
 * @phase: the cell's phase
 * @lane: the cell's lane
 *
 * Orders the cards of a cell by their votes, most first; cards with as
 * many votes keep their order. One step.
 *
 * Returns: whether a card moved
 */
gboolean
wf_edit_sort_cell_by_votes (WfMap   *map,
                            WfPhase *phase,
                            WfLane  *lane)
{
  GPtrArray *cell;
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  WfUndoStack *stack;
  gboolean moved = FALSE;

  g_return_val_if_fail (WF_IS_MAP (map), FALSE);
  g_return_val_if_fail (WF_IS_PHASE (phase), FALSE);
  g_return_val_if_fail (WF_IS_LANE (lane), FALSE);

  cell = wf_map_get_cell (map, phase, lane);
  if (cell == NULL || cell->len < 2)
    return FALSE;

  for (guint i = 0; i < cell->len; i++)
    g_array_append_val (ranked, ((Ranked) { cell->pdata[i], i }));
  g_array_sort (ranked, by_votes);

  if (!(stack = begin (map, _("Sort by Votes"))))
    return FALSE;

  for (guint i = 0; i < ranked->len; i++)
    {
      WfCard *card = g_array_index (ranked, Ranked, i).card;

      if (g_ptr_array_index (wf_map_get_cell (map, phase, lane), i) != card)
        {
          _wf_command_move_card (_wf_undo_stack_current (stack), card, phase, lane, i);
          moved = TRUE;
        }
    }

  wf_undo_stack_end (stack);

  return moved;
}

/**
 * wf_edit_reset_votes:
 * @map: a map
 *
 * Takes every vote off every card of @map, as one step.
 *
 * Returns: how many cards had votes
 */
guint
wf_edit_reset_votes (WfMap *map)
{
  g_autoptr(GPtrArray) cards = NULL;
  GParamSpec *pspec;
  WfUndoStack *stack;
  guint n = 0;

  g_return_val_if_fail (WF_IS_MAP (map), 0);

  cards = wf_map_list_cards (map);
  pspec = g_object_class_find_property (g_type_class_peek (WF_TYPE_CARD), "votes");

  if (!(stack = begin (map, _("Reset Votes"))))
    return 0;

  for (guint i = 0; i < cards->len; i++)
    {
      g_auto(GValue) zero = G_VALUE_INIT;

      if (wf_card_get_votes (cards->pdata[i]) == 0)
        continue;

      g_value_init (&zero, G_TYPE_UINT);
      _wf_command_set (_wf_undo_stack_current (stack), cards->pdata[i], pspec, &zero);
      n++;
    }

  wf_undo_stack_end (stack);

  return n;
}
