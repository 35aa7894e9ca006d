/* wf-map.c — one journey map: phases × lanes, cards and links
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-card-private.h"
#include "wf-document-private.h"
#include "wf-item-list-private.h"
#include "wf-item-private.h"
#include "wf-map.h"

typedef struct
{
  WfPhase *phase;
  WfLane  *lane;
} CellKey;

struct _WfMap
{
  WfItem      parent_instance;
  char       *title;
  char       *scenario;
  char       *heat;       /* the metric the heat view tints by, or "" */
  GPtrArray  *phases;
  GPtrArray  *lanes;
  WfItemList *phase_list;  /* views of the two arrays above */
  WfItemList *lane_list;
  GPtrArray  *links;
  GHashTable *cells;     /* CellKey → GPtrArray of WfCard, in cell order */
  guint       n_cards;
  char      **dismissed;  /* nullable: keys of findings set aside */
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SCENARIO,
  PROP_DISMISSED,
  PROP_HEAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WfMap, wf_map, WF_TYPE_ITEM)

static guint
cell_key_hash (gconstpointer data)
{
  const CellKey *key = data;

  return g_direct_hash (key->phase) ^ (g_direct_hash (key->lane) * 31);
}

static gboolean
cell_key_equal (gconstpointer a,
                gconstpointer b)
{
  const CellKey *ka = a;
  const CellKey *kb = b;

  return ka->phase == kb->phase && ka->lane == kb->lane;
}

static GPtrArray *
ensure_cell (WfMap   *self,
             WfPhase *phase,
             WfLane  *lane)
{
  CellKey key = { phase, lane };
  GPtrArray *cell;

  cell = g_hash_table_lookup (self->cells, &key);

  if (cell == NULL)
    {
      CellKey *new_key = g_new (CellKey, 1);

      *new_key = key;
      cell = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->cells, new_key, cell);
    }

  return cell;
}

static WfDocument *
get_document (WfMap *self)
{
  return wf_item_get_document (WF_ITEM (self));
}

/* Registers @item's id with the document, if the map is in one. */
static gboolean
adopt (WfMap  *self,
       WfItem *item)
{
  WfDocument *document = get_document (self);

  g_assert (wf_item_get_parent (item) == NULL);

  if (document != NULL)
    {
      if (!_wf_document_can_register (document, item))
        {
          g_critical ("An item with id “%s” is already in the document",
                      wf_item_get_id (item));
          return FALSE;
        }

      _wf_document_register (document, item);
    }

  wf_item_set_parent (item, WF_ITEM (self));

  return TRUE;
}

static void
added (WfMap  *self,
       WfItem *item)
{
  WfDocument *document = get_document (self);

  if (document != NULL)
    _wf_document_item_added (document, item);
}

/* Takes @item out of the map's bookkeeping; the caller holds a reference. */
static void
release (WfMap  *self,
         WfItem *item)
{
  WfDocument *document = get_document (self);

  wf_item_set_parent (item, NULL);

  if (document != NULL)
    {
      _wf_document_unregister (document, item);
      _wf_document_item_removed (document, item, WF_ITEM (self));
    }
}

static void
moved (WfMap  *self,
       WfItem *item)
{
  WfDocument *document = get_document (self);

  if (document != NULL)
    _wf_document_item_moved (document, item);
}

static guint
clamp_index (int   index,
             guint len)
{
  return (index < 0 || (guint) index > len) ? len : (guint) index;
}

/* The list model of @array, if it has one (links have none). */
static WfItemList *
list_of (WfMap     *self,
         GPtrArray *array)
{
  if (array == self->phases)
    return self->phase_list;
  if (array == self->lanes)
    return self->lane_list;

  return NULL;
}

static gboolean
insert_item (WfMap     *self,
             GPtrArray *array,
             WfItem    *item,
             int        index)
{
  WfItemList *list = list_of (self, array);
  guint position = clamp_index (index, array->len);

  if (!adopt (self, item))
    return FALSE;

  g_ptr_array_insert (array, position, g_object_ref (item));
  if (list != NULL)
    _wf_item_list_items_changed (list, position, 0, 1);
  added (self, item);

  return TRUE;
}

static void
remove_item (WfMap     *self,
             GPtrArray *array,
             WfItem    *item)
{
  g_autoptr(WfItem) hold = g_object_ref (item);
  WfItemList *list = list_of (self, array);
  guint index;

  if (!g_ptr_array_find (array, item, &index))
    g_return_if_reached ();

  g_ptr_array_remove_index (array, index);
  if (list != NULL)
    _wf_item_list_items_changed (list, index, 1, 0);
  release (self, item);
}

static void
move_item (WfMap     *self,
           GPtrArray *array,
           WfItem    *item,
           guint      index)
{
  guint old_index;

  if (!g_ptr_array_find (array, item, &old_index))
    g_return_if_reached ();
  g_return_if_fail (index < array->len);

  if (old_index == index)
    return;

  g_ptr_array_steal_index (array, old_index);
  g_ptr_array_insert (array, index, item);
  if (list_of (self, array) != NULL)
    _wf_item_list_moved (list_of (self, array), old_index, index);
  moved (self, item);
}

static int
index_of (GPtrArray *array,
          gpointer   item)
{
  guint index;

  if (g_ptr_array_find (array, item, &index))
    return index;

  return -1;
}

static void
wf_map_finalize (GObject *object)
{
  WfMap *self = WF_MAP (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->scenario, g_free);
  g_clear_pointer (&self->heat, g_free);
  /* A list still bound somewhere outlives the arrays it shows. */
  _wf_item_list_detach (self->phase_list);
  _wf_item_list_detach (self->lane_list);
  g_clear_object (&self->phase_list);
  g_clear_object (&self->lane_list);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->phases, g_ptr_array_unref);
  g_clear_pointer (&self->dismissed, g_strfreev);

  G_OBJECT_CLASS (wf_map_parent_class)->finalize (object);
}

static void
wf_map_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  WfMap *self = WF_MAP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SCENARIO:
      g_value_set_string (value, self->scenario);
      break;

    case PROP_DISMISSED:
      g_value_set_boxed (value, self->dismissed);
      break;

    case PROP_HEAT:
      g_value_set_string (value, self->heat);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_map_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  WfMap *self = WF_MAP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      wf_map_set_title (self, g_value_get_string (value));
      break;

    case PROP_SCENARIO:
      wf_map_set_scenario (self, g_value_get_string (value));
      break;

    case PROP_DISMISSED:
      wf_map_set_dismissed (self, g_value_get_boxed (value));
      break;

    case PROP_HEAT:
      wf_map_set_heat (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_map_class_init (WfMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wf_map_finalize;
  object_class->get_property = wf_map_get_property;
  object_class->set_property = wf_map_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SCENARIO] =
    g_param_spec_string ("scenario", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * WfMap:dismissed:
   *
   * The keys of the gap finder's findings that a person set aside
   * (wf_finding_get_key()), in the order they were, or %NULL. A key of
   * a finding no longer found stays: the gap may open again.
   */
  properties[PROP_DISMISSED] =
    g_param_spec_boxed ("dismissed", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * WfMap:heat:
   *
   * The name of the metric the heat view tints the map's cells by, or
   * "" for no heat view. Kept with the map, so that every export and
   * whoever opens the file next sees what the team chose to look at.
   */
  properties[PROP_HEAT] =
    g_param_spec_string ("heat", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wf_map_init (WfMap *self)
{
  self->title = g_strdup ("");
  self->scenario = g_strdup ("");
  self->heat = g_strdup ("");
  self->phases = g_ptr_array_new_with_free_func (g_object_unref);
  self->lanes = g_ptr_array_new_with_free_func (g_object_unref);
  self->phase_list = _wf_item_list_new (WF_TYPE_PHASE, self->phases);
  self->lane_list = _wf_item_list_new (WF_TYPE_LANE, self->lanes);
  self->links = g_ptr_array_new_with_free_func (g_object_unref);
  self->cells = g_hash_table_new_full (cell_key_hash, cell_key_equal,
                                       g_free, (GDestroyNotify) g_ptr_array_unref);
}

WfMap *
wf_map_new (const char *id,
            const char *title)
{
  WfMap *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (WF_TYPE_MAP, "id", id, NULL);
  g_free (self->title);
  self->title = g_strdup (title ? title : "");

  return self;
}

const char *
wf_map_get_title (WfMap *self)
{
  g_return_val_if_fail (WF_IS_MAP (self), NULL);

  return self->title;
}

void
wf_map_set_title (WfMap      *self,
                  const char *title)
{
  g_return_if_fail (WF_IS_MAP (self));

  wf_item_set_string (WF_ITEM (self), &self->title, title, properties[PROP_TITLE]);
}

const char *
wf_map_get_scenario (WfMap *self)
{
  g_return_val_if_fail (WF_IS_MAP (self), NULL);

  return self->scenario;
}

void
wf_map_set_scenario (WfMap      *self,
                     const char *scenario)
{
  g_return_if_fail (WF_IS_MAP (self));

  wf_item_set_string (WF_ITEM (self), &self->scenario, scenario,
                      properties[PROP_SCENARIO]);
}

/**
 * wf_map_get_heat:
 *
 * Returns: the name of the metric the heat view shows, or "" for none
 */
const char *
wf_map_get_heat (WfMap *self)
{
  g_return_val_if_fail (WF_IS_MAP (self), NULL);

  return self->heat;
}

void
wf_map_set_heat (WfMap      *self,
                 const char *metric)
{
  g_return_if_fail (WF_IS_MAP (self));

  wf_item_set_string (WF_ITEM (self), &self->heat, metric, properties[PROP_HEAT]);
}

/* Phases */

guint
wf_map_get_n_phases (WfMap *self)
{
  g_return_val_if_fail (WF_IS_MAP (self), 0);

  return self->phases->len;
}

/**
 * wf_map_get_phase:
 *
 * Returns: (transfer none): the phase at @index
 */
WfPhase *
wf_map_get_phase (WfMap *self,
                  guint  index)
{
  g_return_val_if_fail (WF_IS_MAP (self), NULL);
  g_return_val_if_fail (index < self->phases->len, NULL);

  return g_ptr_array_index (self->phases, index);
}

int
wf_map_get_phase_index (WfMap   *self,
                        WfPhase *phase)
{
  g_return_val_if_fail (WF_IS_MAP (self), -1);

  return index_of (self->phases, phase);
}

/**
 * wf_map_insert_phase:
 * @index: the position, or -1 to append
 *
 * Returns: %FALSE if the phase's id is already in the document
 */
gboolean
wf_map_insert_phase (WfMap   *self,
                     WfPhase *phase,
                     int      index)
{
  g_return_val_if_fail (WF_IS_MAP (self), FALSE);
  g_return_val_if_fail (WF_IS_PHASE (phase), FALSE);

  return insert_item (self, self->phases, WF_ITEM (phase), index);
}

/**
 * wf_map_remove_phase:
 *
 * Removes an empty phase. Remove its cards first.
 */
void
wf_map_remove_phase (WfMap   *self,
                     WfPhase *phase)
{
  g_return_if_fail (WF_IS_MAP (self));
  g_return_if_fail (WF_IS_PHASE (phase));

  for (guint i = 0; i < self->lanes->len; i++)
    g_return_if_fail (wf_map_get_n_cell_cards (self, phase, g_ptr_array_index (self->lanes, i)) == 0);

  remove_item (self, self->phases, WF_ITEM (phase));
}

void
wf_map_move_phase (WfMap   *self,
                   WfPhase *phase,
                   guint    index)
{
  g_return_if_fail (WF_IS_MAP (self));
  g_return_if_fail (WF_IS_PHASE (phase));

  move_item (self, self->phases, WF_ITEM (phase), index);
}

/**
 * wf_map_get_phases_model:
 *
 * The phases in their order, as a list that follows every change:
 * adding, removing and moving a phase, and their undo and redo.
 *
 * Returns: (transfer none): a #GListModel of #WfPhase
 */
GListModel *
wf_map_get_phases_model (WfMap *self)
{
  g_return_val_if_fail (WF_IS_MAP (self), NULL);

  return G_LIST_MODEL (self->phase_list);
}

/* Lanes */

guint
wf_map_get_n_lanes (WfMap *self)
{
  g_return_val_if_fail (WF_IS_MAP (self), 0);

  return self->lanes->len;
}

/**
 * wf_map_get_lane:
 *
 * Returns: (transfer none): the lane at @index
 */
WfLane *
wf_map_get_lane (WfMap *self,
                 guint  index)
{
  g_return_val_if_fail (WF_IS_MAP (self), NULL);
  g_return_val_if_fail (index < self->lanes->len, NULL);

  return g_ptr_array_index (self->lanes, index);
}

int
wf_map_get_lane_index (WfMap  *self,
                       WfLane *lane)
{
  g_return_val_if_fail (WF_IS_MAP (self), -1);

  return index_of (self->lanes, lane);
}

gboolean
wf_map_insert_lane (WfMap  *self,
                    WfLane *lane,
                    int     index)
{
  g_return_val_if_fail (WF_IS_MAP (self), FALSE);
  g_return_val_if_fail (WF_IS_LANE (lane), FALSE);

  return insert_item (self, self->lanes, WF_ITEM (lane), index);
}

/**
 * wf_map_remove_lane:
 *
 * Removes an empty lane. Remove its cards first.
 */
void
wf_map_remove_lane (WfMap  *self,
                    WfLane *lane)
{
  g_return_if_fail (WF_IS_MAP (self));
  g_return_if_fail (WF_IS_LANE (lane));

  for (guint i = 0; i < self->phases->len; i++)
    g_return_if_fail (wf_map_get_n_cell_cards (self, g_ptr_array_index (self->phases, i), lane) == 0);

  remove_item (self, self->lanes, WF_ITEM (lane));
}

void
wf_map_move_lane (WfMap  *self,
                  WfLane *lane,
                  guint   index)
{
  g_return_if_fail (WF_IS_MAP (self));
  g_return_if_fail (WF_IS_LANE (lane));

  move_item (self, self->lanes, WF_ITEM (lane), index);
}

/**
 * wf_map_get_lanes_model:
 *
 * The lanes in their order, as a list that follows every change: adding,
 * removing and moving a lane, and their undo and redo.
 *
 * Returns: (transfer none): a #GListModel of #WfLane
 */
GListModel *
wf_map_get_lanes_model (WfMap *self)
{
  g_return_val_if_fail (WF_IS_MAP (self), NULL);

  return G_LIST_MODEL (self->lane_list);
}

/* Cards */

guint
wf_map_get_n_cards (WfMap *self)
{
  g_return_val_if_fail (WF_IS_MAP (self), 0);

  return self->n_cards;
}

/**
 * wf_map_get_cell:
 *
 * Returns: (transfer none) (nullable) (element-type WfCard): the cards of
 *   the cell in order, or %NULL if the cell never held one. Do not modify.
 */
GPtrArray *
wf_map_get_cell (WfMap   *self,
                 WfPhase *phase,
                 WfLane  *lane)
{
  CellKey key = { phase, lane };

  g_return_val_if_fail (WF_IS_MAP (self), NULL);

  return g_hash_table_lookup (self->cells, &key);
}

guint
wf_map_get_n_cell_cards (WfMap   *self,
                         WfPhase *phase,
                         WfLane  *lane)
{
  GPtrArray *cell = wf_map_get_cell (self, phase, lane);

  return cell ? cell->len : 0;
}

/**
 * wf_map_get_card_index:
 *
 * Returns: the position of @card inside its cell, or -1
 */
int
wf_map_get_card_index (WfMap  *self,
                       WfCard *card)
{
  GPtrArray *cell;

  g_return_val_if_fail (WF_IS_MAP (self), -1);
  g_return_val_if_fail (WF_IS_CARD (card), -1);

  cell = wf_map_get_cell (self, wf_card_get_phase (card), wf_card_get_lane (card));

  return cell ? index_of (cell, card) : -1;
}

/**
 * wf_map_insert_card:
 * @index: the position inside the cell, or -1 to append
 *
 * Returns: %FALSE if the card's id is already in the document
 */
gboolean
wf_map_insert_card (WfMap   *self,
                    WfCard  *card,
                    WfPhase *phase,
                    WfLane  *lane,
                    int      index)
{
  GPtrArray *cell;

  g_return_val_if_fail (WF_IS_MAP (self), FALSE);
  g_return_val_if_fail (WF_IS_CARD (card), FALSE);
  g_return_val_if_fail (wf_item_get_parent (WF_ITEM (phase)) == WF_ITEM (self), FALSE);
  g_return_val_if_fail (wf_item_get_parent (WF_ITEM (lane)) == WF_ITEM (self), FALSE);

  if (!adopt (self, WF_ITEM (card)))
    return FALSE;

  cell = ensure_cell (self, phase, lane);
  g_ptr_array_insert (cell, clamp_index (index, cell->len), g_object_ref (card));
  _wf_card_set_cell (card, phase, lane);
  self->n_cards++;
  added (self, WF_ITEM (card));

  return TRUE;
}

/**
 * wf_map_remove_card:
 *
 * Removes a card. Remove the links to and from it first.
 */
void
wf_map_remove_card (WfMap  *self,
                    WfCard *card)
{
  g_autoptr(WfCard) hold = NULL;
  GPtrArray *cell;

  g_return_if_fail (WF_IS_MAP (self));
  g_return_if_fail (WF_IS_CARD (card));
  g_return_if_fail (wf_item_get_parent (WF_ITEM (card)) == WF_ITEM (self));

  hold = g_object_ref (card);
  cell = wf_map_get_cell (self, wf_card_get_phase (card), wf_card_get_lane (card));
  if (cell == NULL || !g_ptr_array_remove (cell, card))
    g_return_if_reached ();

  self->n_cards--;
  release (self, WF_ITEM (card));
  _wf_card_set_cell (card, NULL, NULL);
}

/**
 * wf_map_move_card:
 * @index: the position in the target cell, or -1 to append
 *
 * Moves @card to position @index of the cell (@phase, @lane). The index is
 * taken after the card has left its old place.
 */
void
wf_map_move_card (WfMap   *self,
                  WfCard  *card,
                  WfPhase *phase,
                  WfLane  *lane,
                  int      index)
{
  GPtrArray *from, *to;
  guint old_index, new_index;

  g_return_if_fail (WF_IS_MAP (self));
  g_return_if_fail (WF_IS_CARD (card));
  g_return_if_fail (wf_item_get_parent (WF_ITEM (card)) == WF_ITEM (self));
  g_return_if_fail (wf_item_get_parent (WF_ITEM (phase)) == WF_ITEM (self));
  g_return_if_fail (wf_item_get_parent (WF_ITEM (lane)) == WF_ITEM (self));

  from = wf_map_get_cell (self, wf_card_get_phase (card), wf_card_get_lane (card));
  if (from == NULL || !g_ptr_array_find (from, card, &old_index))
    g_return_if_reached ();

  to = ensure_cell (self, phase, lane);
  new_index = clamp_index (index, to == from ? to->len - 1 : to->len);

  if (to == from && new_index == old_index)
    return;

  g_ptr_array_steal_index (from, old_index);
  g_ptr_array_insert (to, new_index, card);
  _wf_card_set_cell (card, phase, lane);
  moved (self, WF_ITEM (card));
}

/**
 * wf_map_list_cards:
 *
 * Returns: (transfer container) (element-type WfCard): every card of the
 *   map, by phase, then lane, then order in the cell
 */
GPtrArray *
wf_map_list_cards (WfMap *self)
{
  GPtrArray *cards;

  g_return_val_if_fail (WF_IS_MAP (self), NULL);

  cards = g_ptr_array_sized_new (self->n_cards);

  for (guint p = 0; p < self->phases->len; p++)
    {
      for (guint l = 0; l < self->lanes->len; l++)
        {
          GPtrArray *cell = wf_map_get_cell (self,
                                             g_ptr_array_index (self->phases, p),
                                             g_ptr_array_index (self->lanes, l));

          if (cell != NULL)
            g_ptr_array_extend (cards, cell, NULL, NULL);
        }
    }

  return cards;
}

/* Links */

guint
wf_map_get_n_links (WfMap *self)
{
  g_return_val_if_fail (WF_IS_MAP (self), 0);

  return self->links->len;
}

/**
 * wf_map_get_link:
 *
 * Returns: (transfer none): the link at @index
 */
WfLink *
wf_map_get_link (WfMap *self,
                 guint  index)
{
  g_return_val_if_fail (WF_IS_MAP (self), NULL);
  g_return_val_if_fail (index < self->links->len, NULL);

  return g_ptr_array_index (self->links, index);
}

int
wf_map_get_link_index (WfMap  *self,
                       WfLink *link)
{
  g_return_val_if_fail (WF_IS_MAP (self), -1);

  return index_of (self->links, link);
}

gboolean
wf_map_insert_link (WfMap  *self,
                    WfLink *link,
                    int     index)
{
  g_return_val_if_fail (WF_IS_MAP (self), FALSE);
  g_return_val_if_fail (WF_IS_LINK (link), FALSE);
  g_return_val_if_fail (wf_item_get_parent (WF_ITEM (wf_link_get_from (link))) == WF_ITEM (self), FALSE);
  g_return_val_if_fail (wf_item_get_parent (WF_ITEM (wf_link_get_to (link))) == WF_ITEM (self), FALSE);

  return insert_item (self, self->links, WF_ITEM (link), index);
}

void
wf_map_remove_link (WfMap  *self,
                    WfLink *link)
{
  g_return_if_fail (WF_IS_MAP (self));
  g_return_if_fail (WF_IS_LINK (link));

  remove_item (self, self->links, WF_ITEM (link));
}

/**
 * wf_map_list_links_of:
 *
 * Returns: (transfer container) (element-type WfLink): the links that
 *   start or end at @card
 */
GPtrArray *
wf_map_list_links_of (WfMap  *self,
                      WfCard *card)
{
  GPtrArray *links = g_ptr_array_new ();

  g_return_val_if_fail (WF_IS_MAP (self), links);

  for (guint i = 0; i < self->links->len; i++)
    {
      WfLink *link = g_ptr_array_index (self->links, i);

      if (wf_link_get_from (link) == card || wf_link_get_to (link) == card)
        g_ptr_array_add (links, link);
    }

  return links;
}

/**
 * wf_map_collect_items:
 * @items: (element-type WfItem): where to add them, unowned
 *
 * Adds every phase, lane, card and link of the map to @items.
 */
void
wf_map_collect_items (WfMap     *self,
                      GPtrArray *items)
{
  g_autoptr(GPtrArray) cards = NULL;

  g_return_if_fail (WF_IS_MAP (self));

  cards = wf_map_list_cards (self);
  g_ptr_array_extend (items, self->phases, NULL, NULL);
  g_ptr_array_extend (items, self->lanes, NULL, NULL);
  g_ptr_array_extend (items, cards, NULL, NULL);
  g_ptr_array_extend (items, self->links, NULL, NULL);
}

/* Every property that may be set after construction, and the unknown
 * members kept from a file.
 */
static void
copy_properties (gpointer from,
                 gpointer to)
{
  guint n;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (from), &n);
  JsonObject *extra = wf_item_get_extra (from);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(specs[i]->flags & G_PARAM_WRITABLE) || (specs[i]->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;

      g_value_init (&value, specs[i]->value_type);
      g_object_get_property (from, specs[i]->name, &value);
      g_object_set_property (to, specs[i]->name, &value);
    }

  if (extra != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), extra);
      g_autoptr(JsonNode) copy = json_node_copy (node);

      wf_item_set_extra (to, json_node_get_object (copy));
    }
}

/* An id not yet in the document (the document counts on, so none is
 * handed out twice), kept in @taken until the copy is made.
 */
static const char *
new_id (WfDocument *document,
        GPtrArray  *taken,
        const char *prefix)
{
  char *id = wf_document_make_id (document, prefix);

  g_ptr_array_add (taken, id);
  return id;
}

/**
 * wf_map_duplicate:
 * @map: a map in a document
 * @title: the copy's title
 *
 * Copies @map with everything in it: its phases, lanes (with the same
 * personas), cards and links, each under a new id of @map's document.
 * The copy is not yet in the document: add it with wf_edit_add_map().
 *
 * Returns: (transfer full): the copy
 */
WfMap *
wf_map_duplicate (WfMap      *map,
                  const char *title)
{
  WfDocument *document;
  g_autofree char *map_id = NULL;
  g_autoptr(GHashTable) copies = g_hash_table_new (NULL, NULL);  /* original → copy */
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  WfMap *copy;

  g_return_val_if_fail (WF_IS_MAP (map), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  document = wf_item_get_document (WF_ITEM (map));
  g_return_val_if_fail (document != NULL, NULL);

#define NEW_ID(prefix) new_id (document, taken, prefix)
  map_id = g_strdup (NEW_ID ("map"));
  copy = wf_map_new (map_id, title);
  copy_properties (map, copy);
  wf_map_set_title (copy, title);
  /* The keys name the original's items: the copy's gaps are its own. */
  wf_map_set_dismissed (copy, NULL);

  for (guint i = 0; i < wf_map_get_n_phases (map); i++)
    {
      WfPhase *phase = wf_map_get_phase (map, i);
      g_autoptr(WfPhase) phase_copy = wf_phase_new (NEW_ID ("phase"), wf_phase_get_name (phase));

      copy_properties (phase, phase_copy);
      wf_map_insert_phase (copy, phase_copy, -1);
      g_hash_table_insert (copies, phase, phase_copy);
    }

  for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
    {
      WfLane *lane = wf_map_get_lane (map, i);
      g_autoptr(WfLane) lane_copy = wf_lane_new (NEW_ID ("lane"), wf_lane_get_kind (lane));

      copy_properties (lane, lane_copy);
      wf_map_insert_lane (copy, lane_copy, -1);
      g_hash_table_insert (copies, lane, lane_copy);
    }

  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
      {
        WfPhase *phase = wf_map_get_phase (map, p);
        WfLane *lane = wf_map_get_lane (map, l);
        GPtrArray *cell = wf_map_get_cell (map, phase, lane);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            WfCard *card = cell->pdata[i];
            g_autoptr(WfCard) card_copy = wf_card_new (NEW_ID ("card"), wf_card_get_title (card));

            copy_properties (card, card_copy);
            wf_map_insert_card (copy, card_copy, g_hash_table_lookup (copies, phase),
                                g_hash_table_lookup (copies, lane), -1);
            g_hash_table_insert (copies, card, card_copy);
          }
      }

  for (guint i = 0; i < wf_map_get_n_links (map); i++)
    {
      WfLink *link = wf_map_get_link (map, i);
      g_autoptr(WfLink) link_copy = wf_link_new (NEW_ID ("link"),
                                                 g_hash_table_lookup (copies, wf_link_get_from (link)),
                                                 g_hash_table_lookup (copies, wf_link_get_to (link)));

      copy_properties (link, link_copy);
      wf_map_insert_link (copy, link_copy, -1);
    }
#undef NEW_ID

  return copy;
}

/**
 * wf_map_get_dismissed:
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the keys
 *   of the findings set aside
 */
const char * const *
wf_map_get_dismissed (WfMap *self)
{
  g_return_val_if_fail (WF_IS_MAP (self), NULL);

  return (const char * const *) self->dismissed;
}

/**
 * wf_map_set_dismissed:
 * @dismissed: (nullable) (array zero-terminated=1): keys of findings; an
 *   empty list is stored as %NULL
 */
void
wf_map_set_dismissed (WfMap              *self,
                      const char * const *dismissed)
{
  g_return_if_fail (WF_IS_MAP (self));

  if (dismissed != NULL && dismissed[0] == NULL)
    dismissed = NULL;

  if (self->dismissed == NULL && dismissed == NULL)
    return;

  if (self->dismissed != NULL && dismissed != NULL &&
      g_strv_equal ((const char * const *) self->dismissed, dismissed))
    return;

  g_clear_pointer (&self->dismissed, g_strfreev);
  self->dismissed = g_strdupv ((char **) dismissed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISMISSED]);
}

/**
 * wf_map_is_dismissed:
 * @key: a finding's key
 *
 * Returns: whether the finding with @key was set aside
 */
gboolean
wf_map_is_dismissed (WfMap      *self,
                     const char *key)
{
  g_return_val_if_fail (WF_IS_MAP (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return self->dismissed != NULL && g_strv_contains ((const char * const *) self->dismissed, key);
}
