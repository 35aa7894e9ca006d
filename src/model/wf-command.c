/* wf-command.c — one undoable step: a list of changes to a document
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-command-private.h"

typedef enum {
  OP_SET,
  OP_INSERT,
  OP_REMOVE,
  OP_MOVE_CARD,
  OP_REORDER,
} OpKind;

typedef struct
{
  OpKind      kind;
  WfItem     *item;
  WfItem     *container;   /* OP_INSERT, OP_REMOVE, OP_REORDER */
  GParamSpec *pspec;       /* OP_SET */
  GValue      old_value;
  GValue      new_value;
  WfPhase    *phase;       /* cards: the cell after the change */
  WfLane     *lane;
  WfPhase    *old_phase;   /* OP_MOVE_CARD: the cell before */
  WfLane     *old_lane;
  int         index;
  int         old_index;
} Op;

struct _WfCommand
{
  GObject  parent_instance;
  char    *label;
  GArray  *ops;
};

G_DEFINE_FINAL_TYPE (WfCommand, wf_command, G_TYPE_OBJECT)

/* A command holds the items it changes, except the document: the
 * document owns the undo stack that owns the command, and a reference
 * back would keep both alive for ever.
 */
static gpointer
hold (WfItem *item)
{
  return WF_IS_DOCUMENT (item) ? item : g_object_ref (item);
}

static void
release (WfItem **item)
{
  if (*item != NULL && !WF_IS_DOCUMENT (*item))
    g_object_unref (*item);
  *item = NULL;
}

static void
op_clear (gpointer data)
{
  Op *op = data;

  release (&op->item);
  release (&op->container);
  g_clear_object (&op->phase);
  g_clear_object (&op->lane);
  g_clear_object (&op->old_phase);
  g_clear_object (&op->old_lane);
  if (G_IS_VALUE (&op->old_value))
    g_value_unset (&op->old_value);
  if (G_IS_VALUE (&op->new_value))
    g_value_unset (&op->new_value);
}

static int
index_in_container (WfItem *container,
                    WfItem *item)
{
  if (WF_IS_DOCUMENT (container))
    {
      if (WF_IS_PERSONA (item))
        return wf_document_get_persona_index (WF_DOCUMENT (container), WF_PERSONA (item));
      if (WF_IS_MAP (item))
        return wf_document_get_map_index (WF_DOCUMENT (container), WF_MAP (item));
    }
  else if (WF_IS_MAP (container))
    {
      WfMap *map = WF_MAP (container);

      if (WF_IS_PHASE (item))
        return wf_map_get_phase_index (map, WF_PHASE (item));
      if (WF_IS_LANE (item))
        return wf_map_get_lane_index (map, WF_LANE (item));
      if (WF_IS_CARD (item))
        return wf_map_get_card_index (map, WF_CARD (item));
      if (WF_IS_LINK (item))
        return wf_map_get_link_index (map, WF_LINK (item));
    }

  g_return_val_if_reached (-1);
}

static gboolean
container_insert (WfItem  *container,
                  WfItem  *item,
                  WfPhase *phase,
                  WfLane  *lane,
                  int      index)
{
  if (WF_IS_DOCUMENT (container))
    {
      if (WF_IS_PERSONA (item))
        return wf_document_insert_persona (WF_DOCUMENT (container), WF_PERSONA (item), index);
      if (WF_IS_MAP (item))
        return wf_document_insert_map (WF_DOCUMENT (container), WF_MAP (item), index);
    }
  else if (WF_IS_MAP (container))
    {
      WfMap *map = WF_MAP (container);

      if (WF_IS_PHASE (item))
        return wf_map_insert_phase (map, WF_PHASE (item), index);
      if (WF_IS_LANE (item))
        return wf_map_insert_lane (map, WF_LANE (item), index);
      if (WF_IS_CARD (item))
        return wf_map_insert_card (map, WF_CARD (item), phase, lane, index);
      if (WF_IS_LINK (item))
        return wf_map_insert_link (map, WF_LINK (item), index);
    }

  g_return_val_if_reached (FALSE);
}

static void
container_remove (WfItem *container,
                  WfItem *item)
{
  if (WF_IS_DOCUMENT (container))
    {
      if (WF_IS_PERSONA (item))
        wf_document_remove_persona (WF_DOCUMENT (container), WF_PERSONA (item));
      else if (WF_IS_MAP (item))
        wf_document_remove_map (WF_DOCUMENT (container), WF_MAP (item));
      else
        g_return_if_reached ();
    }
  else if (WF_IS_MAP (container))
    {
      WfMap *map = WF_MAP (container);

      if (WF_IS_PHASE (item))
        wf_map_remove_phase (map, WF_PHASE (item));
      else if (WF_IS_LANE (item))
        wf_map_remove_lane (map, WF_LANE (item));
      else if (WF_IS_CARD (item))
        wf_map_remove_card (map, WF_CARD (item));
      else if (WF_IS_LINK (item))
        wf_map_remove_link (map, WF_LINK (item));
      else
        g_return_if_reached ();
    }
  else
    g_return_if_reached ();
}

static void
container_reorder (WfItem *container,
                   WfItem *item,
                   guint   index)
{
  if (WF_IS_PERSONA (item))
    wf_document_move_persona (WF_DOCUMENT (container), WF_PERSONA (item), index);
  else if (WF_IS_MAP (item))
    wf_document_move_map (WF_DOCUMENT (container), WF_MAP (item), index);
  else if (WF_IS_PHASE (item))
    wf_map_move_phase (WF_MAP (container), WF_PHASE (item), index);
  else if (WF_IS_LANE (item))
    wf_map_move_lane (WF_MAP (container), WF_LANE (item), index);
  else
    g_return_if_reached ();
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (pspec->value_type == G_TYPE_VARIANT)
    {
      GVariant *va = g_value_get_variant (a);
      GVariant *vb = g_value_get_variant (b);

      return va == vb || (va && vb && g_variant_equal (va, vb));
    }

  if (pspec->value_type == G_TYPE_STRV)
    {
      const char * const *sa = g_value_get_boxed (a);
      const char * const *sb = g_value_get_boxed (b);

      return sa == sb || (sa && sb && g_strv_equal (sa, sb));
    }

  if (pspec->value_type == WF_TYPE_IMAGE)
    return wf_image_equal (g_value_get_boxed (a), g_value_get_boxed (b));

  return g_param_values_cmp (pspec, a, b) == 0;
}

/* How many items of @item's kind @container holds. */
static guint
container_count (WfItem *container,
                 WfItem *item)
{
  if (WF_IS_PERSONA (item))
    return wf_document_get_n_personas (WF_DOCUMENT (container));
  if (WF_IS_MAP (item))
    return wf_document_get_n_maps (WF_DOCUMENT (container));
  if (WF_IS_PHASE (item))
    return wf_map_get_n_phases (WF_MAP (container));
  if (WF_IS_LANE (item))
    return wf_map_get_n_lanes (WF_MAP (container));

  g_return_val_if_reached (0);
}

/* Whether @container can take items: the document, or a map in it. */
static gboolean
container_is_there (WfItem *container)
{
  return WF_IS_DOCUMENT (container) || wf_item_get_parent (container) != NULL;
}

/* Whether @persona (an id) names a persona in @document. */
static gboolean
is_persona_there (WfDocument *document,
                  const char *persona)
{
  return WF_IS_PERSONA (wf_document_lookup (document, persona));
}

/* Whether every figure of @metrics (a phase's) is for everyone or for a
 * persona in @document. */
static gboolean
personas_there (WfDocument *document,
                GVariant   *metrics)
{
  g_autoptr(GPtrArray) list = wf_metrics_from_variant (metrics);

  for (guint i = 0; i < list->len; i++)
    {
      const char *persona = ((WfMetric *) g_ptr_array_index (list, i))->persona;

      if (persona != NULL && *persona != '\0' && !is_persona_there (document, persona))
        return FALSE;
    }

  return TRUE;
}

/* Whether @value, to be set on @op's item, names only what is in the
 * document: a lane's persona, a phase's figures for a persona (someone
 * else may have removed it since). */
static gboolean
refers_to_what_is_there (Op           *op,
                         const GValue *value)
{
  WfDocument *document = wf_item_get_document (op->item);

  if (document == NULL)
    return TRUE;
  if (G_VALUE_HOLDS_OBJECT (value) && WF_IS_ITEM (g_value_get_object (value)))
    return container_is_there (g_value_get_object (value)) &&
           wf_item_get_document (g_value_get_object (value)) == document;
  if (WF_IS_PHASE (op->item) && G_VALUE_HOLDS_VARIANT (value) && g_value_get_variant (value) != NULL &&
      g_str_equal (op->pspec->name, "metrics"))
    return personas_there (document, g_value_get_variant (value));

  return TRUE;
}

/* Whether @item, put back into @document, names only what is there: a
 * lane's persona, a phase's figures, those of a map's lanes and phases. */
static gboolean
item_refers_to_what_is_there (WfItem     *item,
                              WfDocument *document)
{
  if (WF_IS_LANE (item) && wf_lane_get_persona (WF_LANE (item)) != NULL)
    return wf_item_get_document (WF_ITEM (wf_lane_get_persona (WF_LANE (item)))) == document;
  if (WF_IS_PHASE (item))
    return personas_there (document, wf_phase_get_metrics (WF_PHASE (item)));
  if (WF_IS_MAP (item))
    {
      WfMap *map = WF_MAP (item);

      for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
        if (!item_refers_to_what_is_there (WF_ITEM (wf_map_get_lane (map, l)), document))
          return FALSE;
      for (guint p = 0; p < wf_map_get_n_phases (map); p++)
        if (!item_refers_to_what_is_there (WF_ITEM (wf_map_get_phase (map, p)), document))
          return FALSE;
    }

  return TRUE;
}

/* Whether @item can be taken out of @container: nothing that came since
 * needs it (the step took out what needed it then, before it). A card
 * in a phase or lane, a link to a card, a lane of a persona or figures
 * for it, put there by someone else since, keep it. */
static gboolean
nothing_needs (WfItem *item,
               WfItem *container)
{
  if (WF_IS_PHASE (item) || WF_IS_LANE (item))
    {
      WfMap *map = WF_MAP (container);

      for (guint p = 0; p < wf_map_get_n_phases (map); p++)
        for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
          {
            WfPhase *phase = wf_map_get_phase (map, p);
            WfLane *lane = wf_map_get_lane (map, l);

            if (((gpointer) phase == (gpointer) item || (gpointer) lane == (gpointer) item) &&
                wf_map_get_n_cell_cards (map, phase, lane) > 0)
              return FALSE;
          }
    }
  else if (WF_IS_CARD (item))
    {
      g_autoptr(GPtrArray) links = wf_map_list_links_of (WF_MAP (container), WF_CARD (item));

      return links->len == 0;
    }
  else if (WF_IS_PERSONA (item))
    {
      WfDocument *document = WF_DOCUMENT (container);
      const char *id = wf_item_get_id (item);

      if (wf_document_persona_in_use (document, WF_PERSONA (item)))
        return FALSE;
      for (guint m = 0; m < wf_document_get_n_maps (document); m++)
        {
          WfMap *map = wf_document_get_map (document, m);

          for (guint p = 0; p < wf_map_get_n_phases (map); p++)
            {
              g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_phase_get_metrics (wf_map_get_phase (map, p)));

              for (guint i = 0; i < metrics->len; i++)
                if (g_strcmp0 (((WfMetric *) g_ptr_array_index (metrics, i))->persona, id) == 0)
                  return FALSE;
            }
        }
    }

  return TRUE;
}

/* Whether @item is in @map, which is in its document. */
static gboolean
in_map (gpointer  item,
        WfItem   *map)
{
  return item != NULL && wf_item_get_parent (WF_ITEM (item)) == map && container_is_there (map);
}

/* Whether @op can be carried out, undone (@forward FALSE) or redone:
 * whether what it touches is as the command left it. A change made
 * outside the undo stack since (someone else's, in a shared map) is
 * kept, not overwritten; the op is skipped. Without such changes, every
 * op applies, as the stack undoes and redoes in order.
 */
static gboolean
op_applies (Op       *op,
            gboolean  forward)
{
  switch (op->kind)
    {
    case OP_SET:
      {
        g_auto(GValue) current = G_VALUE_INIT;

        g_value_init (&current, op->pspec->value_type);
        g_object_get_property (G_OBJECT (op->item), op->pspec->name, &current);

        return values_equal (op->pspec, &current, forward ? &op->old_value : &op->new_value) &&
               refers_to_what_is_there (op, forward ? &op->new_value : &op->old_value);
      }

    case OP_INSERT:
    case OP_REMOVE:
      if ((op->kind == OP_INSERT) != forward)
        return wf_item_get_parent (op->item) == op->container && nothing_needs (op->item, op->container);

      /* Put back: into a container that is still there, a card into its
       * cell, a link between its cards. */
      if (wf_item_get_parent (op->item) != NULL || !container_is_there (op->container))
        return FALSE;
      if (WF_IS_CARD (op->item))
        return in_map (op->phase, op->container) && in_map (op->lane, op->container);
      if (WF_IS_LINK (op->item))
        return in_map (wf_link_get_from (WF_LINK (op->item)), op->container) &&
               in_map (wf_link_get_to (WF_LINK (op->item)), op->container);
      return item_refers_to_what_is_there (op->item, WF_IS_DOCUMENT (op->container) ?
                                                     WF_DOCUMENT (op->container) :
                                                     wf_item_get_document (op->container));

    case OP_MOVE_CARD:
      {
        WfItem *map = wf_item_get_parent (op->item);

        return map != NULL && container_is_there (map) &&
               in_map (forward ? op->phase : op->old_phase, map) &&
               in_map (forward ? op->lane : op->old_lane, map);
      }

    case OP_REORDER:
      return wf_item_get_parent (op->item) == op->container && container_is_there (op->container);

    default:
      g_assert_not_reached ();
    }
}

static void
op_run (Op       *op,
        gboolean  forward)
{
  gboolean insert;

  switch (op->kind)
    {
    case OP_SET:
      g_object_set_property (G_OBJECT (op->item), op->pspec->name,
                             forward ? &op->new_value : &op->old_value);
      break;

    case OP_INSERT:
    case OP_REMOVE:
      insert = (op->kind == OP_INSERT) == forward;
      if (insert)
        container_insert (op->container, op->item, op->phase, op->lane, op->index);
      else
        container_remove (op->container, op->item);
      break;

    case OP_MOVE_CARD:
      if (forward)
        wf_map_move_card (WF_MAP (wf_item_get_parent (op->item)), WF_CARD (op->item),
                          op->phase, op->lane, op->index);
      else
        wf_map_move_card (WF_MAP (wf_item_get_parent (op->item)), WF_CARD (op->item),
                          op->old_phase, op->old_lane, op->old_index);
      break;

    case OP_REORDER:
      /* The list may have grown shorter since. */
      container_reorder (op->container, op->item,
                         MIN ((guint) (forward ? op->index : op->old_index),
                              container_count (op->container, op->item) - 1));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
wf_command_finalize (GObject *object)
{
  WfCommand *self = WF_COMMAND (object);

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->ops, g_array_unref);

  G_OBJECT_CLASS (wf_command_parent_class)->finalize (object);
}

static void
wf_command_class_init (WfCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wf_command_finalize;
}

static void
wf_command_init (WfCommand *self)
{
  self->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (self->ops, op_clear);
}

WfCommand *
_wf_command_new (const char *label)
{
  WfCommand *self = g_object_new (WF_TYPE_COMMAND, NULL);

  self->label = g_strdup (label);

  return self;
}

/**
 * wf_command_get_label:
 *
 * Returns: the translated name of the step, as "Move Card"
 */
const char *
wf_command_get_label (WfCommand *self)
{
  g_return_val_if_fail (WF_IS_COMMAND (self), NULL);

  return self->label;
}

/**
 * wf_command_get_size:
 *
 * Returns: how many primitive changes the command holds
 */
guint
wf_command_get_size (WfCommand *self)
{
  g_return_val_if_fail (WF_IS_COMMAND (self), 0);

  return self->ops->len;
}

/**
 * _wf_command_apply:
 *
 * Does the command again (redo), each op where what it touches is as
 * the command found it.
 *
 * Returns: how many ops were skipped
 */
guint
_wf_command_apply (WfCommand *self)
{
  guint skipped = 0;

  for (guint i = 0; i < self->ops->len; i++)
    {
      Op *op = &g_array_index (self->ops, Op, i);

      if (op_applies (op, TRUE))
        op_run (op, TRUE);
      else
        skipped++;
    }

  return skipped;
}

/**
 * _wf_command_revert:
 *
 * Undoes the command, each op where what it touches is as the command
 * left it.
 *
 * Returns: how many ops were skipped
 */
guint
_wf_command_revert (WfCommand *self)
{
  guint skipped = 0;

  for (guint i = self->ops->len; i > 0; i--)
    {
      Op *op = &g_array_index (self->ops, Op, i - 1);

      if (op_applies (op, FALSE))
        op_run (op, FALSE);
      else
        skipped++;
    }

  return skipped;
}

/* A picture's alt text or focal point changed, the picture the same. */
static gboolean
is_picture_detail (const Op *op)
{
  WfImage *before, *after;

  if (op->pspec->value_type != WF_TYPE_IMAGE)
    return FALSE;

  before = g_value_get_boxed (&op->old_value);
  after = g_value_get_boxed (&op->new_value);

  return before != NULL && after != NULL &&
         (wf_image_get_bytes (before) == wf_image_get_bytes (after) ||
          g_bytes_equal (wf_image_get_bytes (before), wf_image_get_bytes (after)));
}

/**
 * _wf_command_is_mergeable:
 *
 * Returns: whether another command may fold into @self
 */
gboolean
_wf_command_is_mergeable (WfCommand *self)
{
  Op *op;

  if (self->ops->len != 1)
    return FALSE;

  op = &g_array_index (self->ops, Op, 0);

  /* Text, as typed; sizes, as dragged; and a picture's alt text or
   * focal point, typed or dragged: never a new picture. */
  return op->kind == OP_SET &&
         (op->pspec->value_type == G_TYPE_STRING || op->pspec->value_type == G_TYPE_DOUBLE ||
          is_picture_detail (op));
}

/**
 * _wf_command_try_merge:
 *
 * Folds @next into @self when both set the same text or size property of
 * the same item, so that typing a title, or dragging a phase wider, is
 * one step.
 *
 * Returns: %TRUE if @next was merged and can be dropped
 */
gboolean
_wf_command_try_merge (WfCommand *self,
                       WfCommand *next)
{
  Op *op, *next_op;

  if (!_wf_command_is_mergeable (self) || !_wf_command_is_mergeable (next))
    return FALSE;

  op = &g_array_index (self->ops, Op, 0);
  next_op = &g_array_index (next->ops, Op, 0);

  if (op->item != next_op->item || op->pspec != next_op->pspec)
    return FALSE;

  g_value_copy (&next_op->new_value, &op->new_value);

  return TRUE;
}

static Op *
append_op (WfCommand *self,
           OpKind     kind,
           WfItem    *item)
{
  Op *op;

  g_array_set_size (self->ops, self->ops->len + 1);
  op = &g_array_index (self->ops, Op, self->ops->len - 1);
  op->kind = kind;
  op->item = hold (item);

  return op;
}

gboolean
_wf_command_set (WfCommand    *self,
                 WfItem       *item,
                 GParamSpec   *pspec,
                 const GValue *value)
{
  g_auto(GValue) old_value = G_VALUE_INIT;
  g_auto(GValue) new_value = G_VALUE_INIT;
  Op *op;

  g_value_init (&old_value, pspec->value_type);
  g_value_init (&new_value, pspec->value_type);
  g_object_get_property (G_OBJECT (item), pspec->name, &old_value);
  g_object_set_property (G_OBJECT (item), pspec->name, value);
  g_object_get_property (G_OBJECT (item), pspec->name, &new_value);

  if (values_equal (pspec, &old_value, &new_value))
    return FALSE;

  op = append_op (self, OP_SET, item);
  op->pspec = pspec;
  g_value_init (&op->old_value, pspec->value_type);
  g_value_init (&op->new_value, pspec->value_type);
  g_value_copy (&old_value, &op->old_value);
  g_value_copy (&new_value, &op->new_value);

  return TRUE;
}

gboolean
_wf_command_insert (WfCommand *self,
                    WfItem    *container,
                    WfItem    *item,
                    WfPhase   *phase,
                    WfLane    *lane,
                    int        index)
{
  Op *op;

  if (!container_insert (container, item, phase, lane, index))
    return FALSE;

  op = append_op (self, OP_INSERT, item);
  op->container = hold (container);
  op->index = index_in_container (container, item);
  if (phase != NULL)
    op->phase = g_object_ref (phase);
  if (lane != NULL)
    op->lane = g_object_ref (lane);

  return TRUE;
}

void
_wf_command_remove (WfCommand *self,
                    WfItem    *item)
{
  WfItem *container = wf_item_get_parent (item);
  Op *op;

  g_return_if_fail (container != NULL);

  op = append_op (self, OP_REMOVE, item);
  op->container = hold (container);
  op->index = index_in_container (container, item);

  if (WF_IS_CARD (item))
    {
      op->phase = g_object_ref (wf_card_get_phase (WF_CARD (item)));
      op->lane = g_object_ref (wf_card_get_lane (WF_CARD (item)));
    }

  container_remove (container, item);
}

void
_wf_command_move_card (WfCommand *self,
                       WfCard    *card,
                       WfPhase   *phase,
                       WfLane    *lane,
                       int        index)
{
  WfMap *map = WF_MAP (wf_item_get_parent (WF_ITEM (card)));
  WfPhase *old_phase = wf_card_get_phase (card);
  WfLane *old_lane = wf_card_get_lane (card);
  int old_index = wf_map_get_card_index (map, card);
  int new_index;
  Op *op;

  wf_map_move_card (map, card, phase, lane, index);
  new_index = wf_map_get_card_index (map, card);

  if (old_phase == phase && old_lane == lane && old_index == new_index)
    return;

  op = append_op (self, OP_MOVE_CARD, WF_ITEM (card));
  op->phase = g_object_ref (phase);
  op->lane = g_object_ref (lane);
  op->index = new_index;
  op->old_phase = g_object_ref (old_phase);
  op->old_lane = g_object_ref (old_lane);
  op->old_index = old_index;
}

void
_wf_command_reorder (WfCommand *self,
                     WfItem    *item,
                     guint      index)
{
  WfItem *container = wf_item_get_parent (item);
  int old_index = index_in_container (container, item);
  Op *op;

  if (old_index == (int) index)
    return;

  container_reorder (container, item, index);

  op = append_op (self, OP_REORDER, item);
  op->container = hold (container);
  op->index = index;
  op->old_index = old_index;
}
