/* wf-layout.c — where everything of a map is: columns, rows, cards
 *
 * A map is a grid, so the grid is its spatial index: phases are columns
 * with known left edges and rows have known tops, both sorted, so "what
 * is under the pointer" and "what is in this rectangle" are two binary
 * searches plus arithmetic inside one cell, never a scan of the cards.
 * Cards have one size and flow in rows of WF_LAYOUT_CARDS_PER_ROW (more
 * in a phase made wider) in
 * their cell; a lane is as tall as its fullest cell. In an emotions lane
 * a card is a marker whose height follows its emotion (−2 … +2).
 *
 * The layout knows no toolkit: the canvas and every export use it.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "wf-layout.h"

struct _WfLayout
{
  WfMap      *map;
  GArray     *phase_x;     /* double: n_phases + 1 edges, left to right */
  GArray     *per_row;     /* guint: how many cards side by side, per phase */
  GArray     *rows;        /* WfRow, top to bottom */
  GHashTable *lane_rows;   /* WfLane → row index + 1 */
  GHashTable *phase_index; /* WfPhase → column + 1, of the phases laid out */
  GHashTable *card_index;  /* WfCard → index in its cell + 1, a cell at a time (card_place()) */
  WfPersona  *only;        /* (nullable): the one persona shown, and the shared lanes */
  double      width;
  double      height;
  double      marker_width;  /* an emotion's marker, at most */
  double      marker_height;
};

#define PHASE_WIDTH (2 * WF_LAYOUT_CELL_PADDING + WF_LAYOUT_CARDS_PER_ROW * WF_LAYOUT_CARD_WIDTH + \
                     (WF_LAYOUT_CARDS_PER_ROW - 1) * WF_LAYOUT_GAP)

static double
lane_height (WfLayout *self,
             WfLane   *lane)
{
  guint card_rows;

  if (wf_lane_get_collapsed (lane))
    return WF_LAYOUT_COLLAPSED_HEIGHT;

  if (wf_lane_get_kind (lane) == WF_LANE_EMOTIONS)
    return MAX (WF_LAYOUT_EMOTION_HEIGHT, wf_lane_get_height (lane));

  card_rows = 1;
  for (guint p = 0; p < wf_map_get_n_phases (self->map); p++)
    {
      guint n = wf_map_get_n_cell_cards (self->map, wf_map_get_phase (self->map, p), lane);
      guint per_row = g_array_index (self->per_row, guint, p);

      card_rows = MAX (card_rows, (n + per_row - 1) / per_row);
    }

  /* A lane made taller keeps its height; more cards make it taller still. */
  return MAX (wf_lane_get_height (lane),
              2 * WF_LAYOUT_CELL_PADDING + card_rows * WF_LAYOUT_CARD_HEIGHT + (card_rows - 1) * WF_LAYOUT_GAP);
}

static void
add_row (WfLayout  *self,
         WfRowKind  kind,
         WfPersona *persona,
         WfLane    *lane,
         double     height)
{
  WfRow row = { kind, persona, lane, self->height, height };

  g_array_append_val (self->rows, row);
  if (lane != NULL)
    g_hash_table_insert (self->lane_rows, lane, GUINT_TO_POINTER (self->rows->len));
  self->height += height;
}

/* Whether a phase of the map has figures about @persona, which its band
 * shows.
 */
static gboolean
has_phase_figures (WfLayout  *self,
                   WfPersona *persona)
{
  const char *id = wf_item_get_id (WF_ITEM (persona));

  for (guint p = 0; p < wf_map_get_n_phases (self->map); p++)
    {
      GVariant *metrics = wf_phase_get_metrics (wf_map_get_phase (self->map, p));
      gsize n = metrics != NULL ? g_variant_n_children (metrics) : 0;

      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) metric = g_variant_get_child_value (metrics, i);
          g_autoptr(GVariant) about = g_variant_get_child_value (metric, 1);

          if (g_strcmp0 (g_variant_get_string (about, NULL), id) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static void
add_lanes_of (WfLayout  *self,
              WfPersona *persona,
              WfRowKind  band)
{
  gboolean any = FALSE;

  for (guint i = 0; i < wf_map_get_n_lanes (self->map); i++)
    {
      WfLane *lane = wf_map_get_lane (self->map, i);

      if (wf_lane_get_persona (lane) != persona)
        continue;

      if (!any)
        add_row (self, band, persona, NULL, WF_LAYOUT_BAND_HEIGHT);
      any = TRUE;

      add_row (self, WF_ROW_LANE, persona, lane, lane_height (self, lane));
    }

  /* A persona with figures in this map's phases but no lanes in it still
   * has its band, or its figures would be nowhere on the map.
   */
  if (!any && persona != NULL && has_phase_figures (self, persona))
    add_row (self, band, persona, NULL, WF_LAYOUT_BAND_HEIGHT);
}

/**
 * wf_layout_update:
 *
 * Lays the map out again, after it changed.
 */
void
wf_layout_update (WfLayout *self)
{
  WfDocument *document = wf_item_get_document (WF_ITEM (self->map));
  double x = WF_LAYOUT_LANE_HEADER_WIDTH;

  g_array_set_size (self->phase_x, 0);
  g_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->lane_rows);
  g_hash_table_remove_all (self->phase_index);
  g_hash_table_remove_all (self->card_index);

  g_array_set_size (self->per_row, 0);
  g_array_append_val (self->phase_x, x);
  for (guint p = 0; p < wf_map_get_n_phases (self->map); p++)
    {
      double width = wf_phase_get_width (wf_map_get_phase (self->map, p));
      guint per_row;

      if (!(width > 0))
        width = PHASE_WIDTH;
      per_row = MAX (1, (guint) floor ((width - 2 * WF_LAYOUT_CELL_PADDING + WF_LAYOUT_GAP) /
                                       (WF_LAYOUT_CARD_WIDTH + WF_LAYOUT_GAP)));
      g_array_append_val (self->per_row, per_row);
      g_hash_table_insert (self->phase_index, wf_map_get_phase (self->map, p), GUINT_TO_POINTER (p + 1));
      x += width;
      g_array_append_val (self->phase_x, x);
    }
  self->width = x;

  self->height = WF_LAYOUT_HEADER_HEIGHT;

  /* Each persona's lanes under its band, in the document's order of
   * personas and the map's order of lanes; then the shared lanes. A
   * persona with neither lanes nor figures here has no band.
   */
  for (guint i = 0; document != NULL && i < wf_document_get_n_personas (document); i++)
    {
      WfPersona *persona = wf_document_get_persona (document, i);

      /* A filter on a persona no longer there shows them all. */
      if (self->only == NULL || self->only == persona ||
          wf_document_get_persona_index (document, self->only) < 0)
        add_lanes_of (self, persona, WF_ROW_PERSONA);
    }

  add_lanes_of (self, NULL, WF_ROW_SHARED);
}

/**
 * wf_layout_new:
 * @map: a map
 *
 * Returns: (transfer full): the layout of @map as it is now
 */
WfLayout *
wf_layout_new (WfMap *map)
{
  WfLayout *self;

  g_return_val_if_fail (WF_IS_MAP (map), NULL);

  self = g_new0 (WfLayout, 1);
  self->map = g_object_ref (map);
  self->phase_x = g_array_new (FALSE, FALSE, sizeof (double));
  self->per_row = g_array_new (FALSE, FALSE, sizeof (guint));
  self->rows = g_array_new (FALSE, FALSE, sizeof (WfRow));
  self->lane_rows = g_hash_table_new (NULL, NULL);
  self->phase_index = g_hash_table_new (NULL, NULL);
  self->card_index = g_hash_table_new (NULL, NULL);
  self->marker_width = WF_LAYOUT_MARKER_WIDTH;
  self->marker_height = WF_LAYOUT_MARKER_HEIGHT;
  wf_layout_update (self);

  return self;
}

void
wf_layout_free (WfLayout *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->map);
  g_clear_object (&self->only);
  g_array_unref (self->phase_x);
  g_array_unref (self->per_row);
  g_array_unref (self->rows);
  g_hash_table_unref (self->lane_rows);
  g_hash_table_unref (self->phase_index);
  g_hash_table_unref (self->card_index);
  g_free (self);
}

WfMap *
wf_layout_get_map (WfLayout *self)
{
  return self->map;
}

double
wf_layout_get_width (WfLayout *self)
{
  return self->width;
}

double
wf_layout_get_height (WfLayout *self)
{
  return self->height;
}

guint
wf_layout_get_n_phases (WfLayout *self)
{
  return self->phase_x->len - 1;
}

void
wf_layout_get_phase_bounds (WfLayout *self,
                            guint     phase,
                            double   *x,
                            double   *width)
{
  g_return_if_fail (phase < wf_layout_get_n_phases (self));

  *x = g_array_index (self->phase_x, double, phase);
  *width = g_array_index (self->phase_x, double, phase + 1) - *x;
}

/* The last index whose value is <= @value, or -1. */
static int
bisect (const double *values,
        guint         n,
        gsize         stride,
        double        value)
{
  int lo = 0, hi = (int) n - 1, found = -1;

  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;
      double v = *(const double *) ((const char *) values + mid * stride);

      if (v <= value)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }

  return found;
}

/**
 * wf_layout_phase_at:
 *
 * Returns: the phase whose column holds @x, or -1
 */
int
wf_layout_phase_at (WfLayout *self,
                    double    x)
{
  guint n = wf_layout_get_n_phases (self);
  int found;

  if (n == 0 || x >= self->width)
    return -1;

  found = bisect ((const double *) self->phase_x->data, n, sizeof (double), x);

  return found;
}

guint
wf_layout_get_n_rows (WfLayout *self)
{
  return self->rows->len;
}

const WfRow *
wf_layout_get_row (WfLayout *self,
                   guint     row)
{
  g_return_val_if_fail (row < self->rows->len, NULL);

  return &g_array_index (self->rows, WfRow, row);
}

/**
 * wf_layout_row_at:
 *
 * Returns: the row that holds @y, or -1 (also in the header row)
 */
int
wf_layout_row_at (WfLayout *self,
                  double    y)
{
  if (self->rows->len == 0 || y >= self->height)
    return -1;

  return bisect (&g_array_index (self->rows, WfRow, 0).y, self->rows->len, sizeof (WfRow), y);
}

/**
 * wf_layout_get_lane_row:
 *
 * Returns: the row of @lane, or -1
 */
int
wf_layout_get_lane_row (WfLayout *self,
                        WfLane   *lane)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->lane_rows, lane)) - 1;
}

gboolean
wf_layout_is_emotion_row (WfLayout *self,
                          guint     row)
{
  const WfRow *r = wf_layout_get_row (self, row);

  return r->lane != NULL && wf_lane_get_kind (r->lane) == WF_LANE_EMOTIONS &&
         !wf_lane_get_collapsed (r->lane);
}

/**
 * wf_layout_get_cell_card_bounds:
 * @phase: a phase
 * @row: the row of a lane
 * @index: a card's place in the cell
 * @bounds: (out): where the card is drawn
 *
 * In an emotions lane, the marker of the card; in a collapsed lane, a
 * thin strip.
 */
void
wf_layout_get_cell_card_bounds (WfLayout        *self,
                                guint            phase,
                                guint            row,
                                guint            index,
                                graphene_rect_t *bounds)
{
  const WfRow *r = wf_layout_get_row (self, row);
  double x, width;

  wf_layout_get_phase_bounds (self, phase, &x, &width);

  if (wf_lane_get_collapsed (r->lane))
    {
      graphene_rect_init (bounds, x + WF_LAYOUT_CELL_PADDING + index * 12.0, r->y + 8, 8, r->height - 16);
      return;
    }

  if (wf_layout_is_emotion_row (self, row))
    {
      WfPhase *p = wf_map_get_phase (self->map, phase);
      GPtrArray *cell = wf_map_get_cell (self->map, p, r->lane);
      guint n = cell ? cell->len : 1;
      WfCard *card = cell && index < cell->len ? g_ptr_array_index (cell, index) : NULL;
      int emotion = card ? wf_card_get_emotion (card) : WF_EMOTION_NONE;
      double slot = (width - 2 * WF_LAYOUT_CELL_PADDING) / MAX (n, 1);
      double cx = x + WF_LAYOUT_CELL_PADDING + slot * (index + 0.5);
      double span = r->height - 2 * WF_LAYOUT_CELL_PADDING - self->marker_height;
      double level = emotion == WF_EMOTION_NONE ? 0 : emotion;
      double cy = r->y + WF_LAYOUT_CELL_PADDING + self->marker_height / 2 +
                  span * (WF_EMOTION_MAX - level) / (WF_EMOTION_MAX - WF_EMOTION_MIN);
      double w = MIN (self->marker_width, slot - 4);

      graphene_rect_init (bounds, cx - w / 2, cy - self->marker_height / 2, w, self->marker_height);
      return;
    }

  {
    guint per_row = wf_layout_get_cards_per_row (self, phase);

    graphene_rect_init (bounds,
                        x + WF_LAYOUT_CELL_PADDING + (index % per_row) * (WF_LAYOUT_CARD_WIDTH + WF_LAYOUT_GAP),
                        r->y + WF_LAYOUT_CELL_PADDING + (index / per_row) * (WF_LAYOUT_CARD_HEIGHT + WF_LAYOUT_GAP),
                        WF_LAYOUT_CARD_WIDTH, WF_LAYOUT_CARD_HEIGHT);
  }
}

/* Where @card is in the map as it is now: its phase's column and its
 * index in its cell, or FALSE. Searching the phases and the cell made a
 * million links into a cell of a hundred thousand cards some 10^11
 * comparisons; here each is looked up in a table, the phases' made with
 * the layout, a cell's cards the first time one of them is asked for.
 * What the map changed since (a card added, moved, removed before the
 * next wf_layout_update()) is found by checking each answer against
 * the map, and the cell is indexed again.
 */
static gboolean
card_place (WfLayout *self,
            WfCard   *card,
            int      *phase,
            int      *index)
{
  WfPhase *card_phase = wf_card_get_phase (card);
  GPtrArray *cell;
  guint p, i;

  p = GPOINTER_TO_UINT (g_hash_table_lookup (self->phase_index, card_phase));
  if (p > 0 && p <= wf_map_get_n_phases (self->map) && wf_map_get_phase (self->map, p - 1) == card_phase)
    *phase = p - 1;
  else
    *phase = wf_map_get_phase_index (self->map, card_phase);

  cell = wf_map_get_cell (self->map, card_phase, wf_card_get_lane (card));
  if (cell == NULL)
    return FALSE;

  i = GPOINTER_TO_UINT (g_hash_table_lookup (self->card_index, card));
  if (i == 0 || i > cell->len || cell->pdata[i - 1] != card)
    {
      for (guint k = 0; k < cell->len; k++)
        g_hash_table_insert (self->card_index, cell->pdata[k], GUINT_TO_POINTER (k + 1));
      i = GPOINTER_TO_UINT (g_hash_table_lookup (self->card_index, card));
      if (i == 0 || i > cell->len || cell->pdata[i - 1] != card)
        return FALSE;
    }

  *index = i - 1;
  return TRUE;
}

/**
 * wf_layout_get_card_bounds:
 * @bounds: (out): where @card is drawn
 *
 * Looks @card up in tables, never searches: as fast for a million links
 * into one crowded cell as for one card.
 *
 * Returns: whether @card is laid out here
 */
gboolean
wf_layout_get_card_bounds (WfLayout        *self,
                           WfCard          *card,
                           graphene_rect_t *bounds)
{
  int phase, row, index;

  if (wf_item_get_parent (WF_ITEM (card)) != WF_ITEM (self->map))
    return FALSE;

  row = wf_layout_get_lane_row (self, wf_card_get_lane (card));

  if (!card_place (self, card, &phase, &index) ||
      phase < 0 || row < 0 || (guint) phase >= wf_layout_get_n_phases (self))
    return FALSE;

  wf_layout_get_cell_card_bounds (self, phase, row, index, bounds);
  return TRUE;
}

/**
 * wf_layout_card_at:
 *
 * Returns: (transfer none) (nullable): the card under the point
 */
WfCard *
wf_layout_card_at (WfLayout *self,
                   double    x,
                   double    y)
{
  int phase = wf_layout_phase_at (self, x);
  int row = wf_layout_row_at (self, y);
  const WfRow *r;
  GPtrArray *cell;
  graphene_rect_t bounds;
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);

  if (phase < 0 || row < 0)
    return NULL;

  r = wf_layout_get_row (self, row);
  if (r->lane == NULL)
    return NULL;

  cell = wf_map_get_cell (self->map, wf_map_get_phase (self->map, phase), r->lane);
  if (cell == NULL || cell->len == 0)
    return NULL;

  if (wf_layout_is_emotion_row (self, row) || wf_lane_get_collapsed (r->lane))
    {
      /* Markers may overlap: the one drawn last is on top. */
      for (int i = cell->len - 1; i >= 0; i--)
        {
          wf_layout_get_cell_card_bounds (self, phase, row, i, &bounds);
          if (graphene_rect_contains_point (&bounds, &point))
            return g_ptr_array_index (cell, i);
        }
      return NULL;
    }

  {
    double px, pw;
    int column, card_row, index;

    wf_layout_get_phase_bounds (self, phase, &px, &pw);
    column = floor ((x - px - WF_LAYOUT_CELL_PADDING) / (WF_LAYOUT_CARD_WIDTH + WF_LAYOUT_GAP));
    card_row = floor ((y - r->y - WF_LAYOUT_CELL_PADDING) / (WF_LAYOUT_CARD_HEIGHT + WF_LAYOUT_GAP));

    if (column < 0 || column >= (int) wf_layout_get_cards_per_row (self, phase) || card_row < 0)
      return NULL;

    index = card_row * wf_layout_get_cards_per_row (self, phase) + column;
    if (index >= (int) cell->len)
      return NULL;

    wf_layout_get_cell_card_bounds (self, phase, row, index, &bounds);
    return graphene_rect_contains_point (&bounds, &point) ? g_ptr_array_index (cell, index) : NULL;
  }
}

/**
 * wf_layout_get_visible:
 * @area: a rectangle in map units
 * @first_phase: (out): the first phase that meets @area
 * @last_phase: (out): one past the last one
 * @first_row: (out): the first row that meets @area
 * @last_row: (out): one past the last one
 *
 * What to draw of @area: empty ranges if it shows nothing.
 */
void
wf_layout_get_visible (WfLayout              *self,
                       const graphene_rect_t *area,
                       guint                 *first_phase,
                       guint                 *last_phase,
                       guint                 *first_row,
                       guint                 *last_row)
{
  guint n_phases = wf_layout_get_n_phases (self);
  double left = area->origin.x, right = area->origin.x + area->size.width;
  double top = area->origin.y, bottom = area->origin.y + area->size.height;
  int p0, p1, r0, r1;

  p0 = left < WF_LAYOUT_LANE_HEADER_WIDTH ? 0 : wf_layout_phase_at (self, left);
  p1 = right >= self->width ? (int) n_phases - 1 : wf_layout_phase_at (self, right);
  r0 = self->rows->len > 0 && top < g_array_index (self->rows, WfRow, 0).y ? 0 : wf_layout_row_at (self, top);
  r1 = bottom >= self->height ? (int) self->rows->len - 1 : wf_layout_row_at (self, bottom);

  if (p0 < 0 || p1 < 0 || right < WF_LAYOUT_LANE_HEADER_WIDTH || left >= self->width)
    *first_phase = *last_phase = 0;
  else
    {
      *first_phase = p0;
      *last_phase = p1 + 1;
    }

  if (r0 < 0 || r1 < 0 || top >= self->height || bottom < WF_LAYOUT_HEADER_HEIGHT)
    *first_row = *last_row = 0;
  else
    {
      *first_row = r0;
      *last_row = r1 + 1;
    }
}

/**
 * wf_layout_set_persona_filter:
 * @persona: (nullable): the persona whose lanes alone are shown, with
 *   the shared lanes; %NULL shows every lane
 *
 * Lays the map out again with only @persona's lanes, as a workshop
 * looks at one persona at a time. Cards in hidden lanes have no bounds.
 */
void
wf_layout_set_persona_filter (WfLayout  *self,
                              WfPersona *persona)
{
  g_return_if_fail (persona == NULL || WF_IS_PERSONA (persona));

  if (g_set_object (&self->only, persona))
    wf_layout_update (self);
}

WfPersona *
wf_layout_get_persona_filter (WfLayout *self)
{
  return self->only;
}

/**
 * wf_layout_get_cards_per_row:
 * @phase: the index of a phase
 *
 * Returns: how many cards stand side by side in the phase's cells: two in
 *   a column of the usual width, more in a wider one
 */
guint
wf_layout_get_cards_per_row (WfLayout *self,
                             guint     phase)
{
  if (phase >= self->per_row->len)
    return WF_LAYOUT_CARDS_PER_ROW;

  return g_array_index (self->per_row, guint, phase);
}

/**
 * wf_layout_set_marker_size:
 * @width: the widest an emotion's marker is, where its cell has room
 * @height: a marker's height
 *
 * Larger markers hold longer labels: the projector's style, with its
 * larger type, gives its labels two lines and the room a cell has.
 */
void
wf_layout_set_marker_size (WfLayout *self,
                           double    width,
                           double    height)
{
  g_return_if_fail (width > 0 && height > 0);

  self->marker_width = width;
  self->marker_height = height;
}
