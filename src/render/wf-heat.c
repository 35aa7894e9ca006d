/* wf-heat.c — what the heat view tints a map's cells by
 *
 * The heat view tints each cell of a map by one metric, chosen by name
 * (WfMap:heat). A cell's value is the mean of the latest values of its
 * cards' metrics of that name; a cell with none takes its phase's
 * figure for the lane's persona, else its phase's figure for everyone,
 * so that NPS per phase tints whole columns and conversion per
 * touchpoint tints single cells.
 *
 * The scale runs from the worst value to the best when the metric has a
 * direction, through its target when all its measurements share one
 * (so that the tint's side agrees with the ✓ and ✗ on the cards), and
 * from the lowest value to the highest when it has no direction.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wf-heat.h"

/* What one cell, or one phase's figure, adds to the scale. */
typedef struct
{
  double      value;        /* NAN for none */
  const char *unit;         /* the first unit found, or NULL; lives as long as the metrics */
  WfDirection direction;
  gboolean    conflicting_direction;
  gboolean    has_target;
  gboolean    conflicting_target;
  double      target;
  GVariant   *keep;         /* a reference on what unit points into */
} Part;

struct _WfHeat
{
  WfMetric   *metric;     /* the scale: name, unit, direction, target */
  WfMap      *map;
  gboolean    has_values;
  double      min;
  double      max;
  guint       n_phases;
  GHashTable *lanes;      /* WfLane → Part[n_phases]: its cells */
  Part       *everyone;   /* [n_phases]: each phase's figure for everyone */
  GHashTable *personas;   /* persona id → Part[n_phases]: its figures */
};

static Part *
new_parts (guint n)
{
  Part *parts = g_new0 (Part, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    parts[i].value = NAN;

  return parts;
}

static void
clear_part (Part *part)
{
  g_clear_pointer (&part->keep, g_variant_unref);
  *part = (Part) { .value = NAN };
}

static void
free_parts (gpointer data,
            guint    n)
{
  Part *parts = data;

  for (guint i = 0; i < n; i++)
    clear_part (&parts[i]);
  g_free (parts);
}

/* Merges a direction and a target into @into: a direction or a target
 * that differs from the one there is none, for good.
 */
static void
merge_scale (Part        *into,
             WfDirection  direction,
             gboolean     conflicting_direction,
             gboolean     has_target,
             double       target,
             gboolean     conflicting_target)
{
  if (conflicting_direction)
    {
      into->conflicting_direction = TRUE;
      into->direction = WF_DIRECTION_NONE;
    }
  else if (direction != WF_DIRECTION_NONE && !into->conflicting_direction)
    {
      if (into->direction == WF_DIRECTION_NONE)
        into->direction = direction;
      else if (into->direction != direction)
        {
          into->direction = WF_DIRECTION_NONE;
          into->conflicting_direction = TRUE;
        }
    }

  if (conflicting_target)
    {
      into->conflicting_target = TRUE;
      into->has_target = FALSE;
    }
  else if (has_target && !into->conflicting_target)
    {
      if (!into->has_target)
        {
          into->has_target = TRUE;
          into->target = target;
        }
      else if (into->target != target)
        {
          into->has_target = FALSE;
          into->conflicting_target = TRUE;
        }
    }
}

/* Takes the unit, direction and target of one metric of the name into
 * @part.
 */
static void
add_metric (Part     *part,
            GVariant *metric)
{
  const char *unit, *direction;
  g_autoptr(GVariant) target = NULL;
  WfDirection dir = WF_DIRECTION_NONE;
  double value = 0;

  g_variant_get_child (metric, 2, "&s", &unit);
  g_variant_get_child (metric, 3, "&s", &direction);
  target = g_variant_get_child_value (metric, 4);

  if (part->unit == NULL && *unit != '\0')
    {
      part->unit = unit;
      part->keep = g_variant_ref (metric);
    }

  wf_direction_from_string (direction, &dir);
  if (g_variant_n_children (target) > 0)
    g_variant_get_child (target, 0, "d", &value);
  merge_scale (part, dir, FALSE, g_variant_n_children (target) > 0, value, FALSE);
}

/* Where the metric called @name is in a card's @metrics, or -1. */
static gssize
find_metric (GVariant   *metrics,
             const char *name)
{
  gsize n = metrics ? g_variant_n_children (metrics) : 0;

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) metric = g_variant_get_child_value (metrics, i);
      const char *metric_name;

      g_variant_get_child (metric, 0, "&s", &metric_name);
      if (strcmp (metric_name, name) == 0)
        return i;
    }

  return -1;
}

/* The latest value of the metric at @index of @metrics, if it has one. */
static gboolean
latest_value (GVariant *metrics,
              gsize     index,
              double   *value)
{
  return wf_metrics_get_latest_value (metrics, index, NULL, value) && isfinite (*value);
}

/* Reads one cell: the mean of its cards' latest values. */
static void
read_cell (WfHeat *self,
           Part   *part,
           guint   phase,
           WfLane *lane)
{
  GPtrArray *cell = wf_map_get_cell (self->map, wf_map_get_phase (self->map, phase), lane);
  double sum = 0;
  guint n = 0;

  clear_part (part);
  for (guint i = 0; cell != NULL && i < cell->len; i++)
    {
      GVariant *metrics = wf_card_get_metrics (g_ptr_array_index (cell, i));
      gssize index = find_metric (metrics, self->metric->name);
      g_autoptr(GVariant) metric = NULL;
      double value;

      if (index < 0)
        continue;

      metric = g_variant_get_child_value (metrics, index);
      add_metric (part, metric);
      if (latest_value (metrics, index, &value))
        {
          sum += value;
          n++;
        }
    }

  if (n > 0)
    part->value = sum / n;
}

static void
read_cells (WfHeat *self)
{
  for (guint l = 0; l < wf_map_get_n_lanes (self->map); l++)
    {
      WfLane *lane = wf_map_get_lane (self->map, l);
      Part *parts = new_parts (self->n_phases);

      for (guint p = 0; p < self->n_phases; p++)
        read_cell (self, &parts[p], p, lane);
      g_hash_table_insert (self->lanes, lane, parts);
    }
}

static void
read_phases (WfHeat *self)
{
  for (guint p = 0; p < self->n_phases; p++)
    {
      GVariant *metrics = wf_phase_get_metrics (wf_map_get_phase (self->map, p));
      gsize n = metrics ? g_variant_n_children (metrics) : 0;

      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) metric = g_variant_get_child_value (metrics, i);
          const char *name, *persona;
          Part *parts;
          double value;

          g_variant_get_child (metric, 0, "&s", &name);
          if (strcmp (name, self->metric->name) != 0)
            continue;

          g_variant_get_child (metric, 1, "&s", &persona);
          if (*persona == '\0')
            parts = self->everyone;
          else if ((parts = g_hash_table_lookup (self->personas, persona)) == NULL)
            {
              parts = new_parts (self->n_phases);
              g_hash_table_insert (self->personas, g_strdup (persona), parts);
            }

          add_metric (&parts[p], metric);
          if (latest_value (metrics, i, &value))
            parts[p].value = value;
        }
    }
}

static void
merge_part (WfHeat     *self,
            Part       *scale,
            const Part *part)
{
  if (scale->unit == NULL && part->unit != NULL)
    scale->unit = part->unit;
  merge_scale (scale, part->direction, part->conflicting_direction,
               part->has_target, part->target, part->conflicting_target);

  if (isnan (part->value))
    return;

  if (!self->has_values)
    {
      self->min = self->max = part->value;
      self->has_values = TRUE;
      return;
    }

  self->min = MIN (self->min, part->value);
  self->max = MAX (self->max, part->value);
}

/* Makes the scale and the range from the cells and the phases' figures,
 * in the order of the map: lanes, then phases.
 */
static void
merge (WfHeat *self)
{
  Part scale = { .value = NAN };
  WfDocument *document = wf_item_get_document (WF_ITEM (self->map));

  self->has_values = FALSE;
  for (guint l = 0; l < wf_map_get_n_lanes (self->map); l++)
    {
      Part *cells = g_hash_table_lookup (self->lanes, wf_map_get_lane (self->map, l));

      for (guint p = 0; cells != NULL && p < self->n_phases; p++)
        merge_part (self, &scale, &cells[p]);
    }
  for (guint p = 0; p < self->n_phases; p++)
    merge_part (self, &scale, &self->everyone[p]);
  /* The personas' in the document's order; a figure for a persona the
   * document lacks is not shown, and counts for nothing.
   */
  for (guint i = 0; document != NULL && i < wf_document_get_n_personas (document); i++)
    {
      WfPersona *persona = wf_document_get_persona (document, i);
      Part *parts = g_hash_table_lookup (self->personas, wf_item_get_id (WF_ITEM (persona)));

      for (guint p = 0; parts != NULL && p < self->n_phases; p++)
        merge_part (self, &scale, &parts[p]);
    }

  g_free (self->metric->unit);
  self->metric->unit = g_strdup (scale.unit ? scale.unit : "");
  self->metric->direction = scale.direction;
  self->metric->has_target = scale.has_target;
  self->metric->target = scale.target;
}

/**
 * wf_heat_new:
 * @map: a map
 * @metric: the name of a metric
 *
 * Reads the values of @metric in @map, cell by cell.
 *
 * Returns: (transfer full): the heat view's values
 */
WfHeat *
wf_heat_new (WfMap      *map,
             const char *metric)
{
  WfHeat *self;

  g_return_val_if_fail (WF_IS_MAP (map), NULL);
  g_return_val_if_fail (metric != NULL, NULL);

  self = g_new0 (WfHeat, 1);
  self->metric = wf_metric_new (metric);
  self->map = g_object_ref (map);
  self->n_phases = wf_map_get_n_phases (map);
  self->lanes = g_hash_table_new_full (NULL, NULL, NULL, NULL);
  self->personas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->everyone = new_parts (self->n_phases);

  read_cells (self);
  read_phases (self);
  merge (self);

  return self;
}

/**
 * wf_heat_update_card:
 * @card: a card of the map whose figures changed, in the cell it was in
 *
 * Reads the cell of @card again, not the whole map: the canvas calls it
 * after each edit of a card while the heat view is shown. A card that
 * moved, came or went changes the layout, which reads everything again.
 */
void
wf_heat_update_card (WfHeat *self,
                     WfCard *card)
{
  int phase = wf_map_get_phase_index (self->map, wf_card_get_phase (card));
  Part *cells = g_hash_table_lookup (self->lanes, wf_card_get_lane (card));

  if (phase < 0 || (guint) phase >= self->n_phases || cells == NULL)
    return;

  read_cell (self, &cells[phase], phase, wf_card_get_lane (card));
  merge (self);
}

void
wf_heat_free (WfHeat *self)
{
  GHashTableIter iter;
  gpointer parts;

  if (self == NULL)
    return;

  g_hash_table_iter_init (&iter, self->personas);
  while (g_hash_table_iter_next (&iter, NULL, &parts))
    free_parts (parts, self->n_phases);
  g_hash_table_iter_init (&iter, self->lanes);
  while (g_hash_table_iter_next (&iter, NULL, &parts))
    free_parts (parts, self->n_phases);
  g_hash_table_unref (self->personas);
  g_hash_table_unref (self->lanes);
  free_parts (self->everyone, self->n_phases);
  wf_metric_free (self->metric);
  g_object_unref (self->map);
  g_free (self);
}

/**
 * wf_heat_get_metric:
 *
 * Returns: (transfer none): the scale: the metric's name, its unit, and
 *   its direction and target where its measurements agree on them; it
 *   has no measurements
 */
const WfMetric *
wf_heat_get_metric (WfHeat *self)
{
  return self->metric;
}

/**
 * wf_heat_get_range:
 * @min: (out): the lowest value of a cell
 * @max: (out): the highest
 *
 * Returns: whether any cell has a value
 */
gboolean
wf_heat_get_range (WfHeat *self,
                   double *min,
                   double *max)
{
  *min = self->min;
  *max = self->max;

  return self->has_values;
}

/**
 * wf_heat_get_value:
 * @phase: the index of a phase
 * @lane: a lane of the map
 * @value: (out): the value the cell is tinted by
 *
 * Returns: whether the cell has a value
 */
gboolean
wf_heat_get_value (WfHeat *self,
                   guint   phase,
                   WfLane *lane,
                   double *value)
{
  const Part *parts;
  WfPersona *persona;

  if (phase >= self->n_phases || !self->has_values)
    return FALSE;

  if ((parts = g_hash_table_lookup (self->lanes, lane)) != NULL && !isnan (parts[phase].value))
    {
      *value = parts[phase].value;
      return TRUE;
    }

  if ((persona = wf_lane_get_persona (lane)) != NULL &&
      (parts = g_hash_table_lookup (self->personas, wf_item_get_id (WF_ITEM (persona)))) != NULL &&
      !isnan (parts[phase].value))
    {
      *value = parts[phase].value;
      return TRUE;
    }

  *value = self->everyone[phase].value;
  return !isnan (*value);
}

/**
 * wf_heat_is_diverging:
 *
 * Returns: whether the scale runs from worse to better (the metric has a
 *   direction), rather than from low to high
 */
gboolean
wf_heat_is_diverging (WfHeat *self)
{
  return self->metric->direction != WF_DIRECTION_NONE;
}

/**
 * wf_heat_get_level:
 * @value: a value of a cell
 *
 * Returns: where @value lies on the scale: from -1 (the worst, or the
 *   furthest below target) to 1 (the best) when the scale is diverging,
 *   with 0 at the target or the middle; else from 0 (the lowest) to 1
 */
double
wf_heat_get_level (WfHeat *self,
                   double  value)
{
  double sign = self->metric->direction == WF_DIRECTION_LOWER ? -1 : 1;
  double level;

  if (!wf_heat_is_diverging (self))
    return self->max > self->min ? (value - self->min) / (self->max - self->min) : 1;

  if (self->metric->has_target)
    {
      double target = self->metric->target;
      double span = MAX (fabs (self->max - target), fabs (self->min - target));

      if (span == 0)
        return 0;
      level = sign * (value - target) / span;
    }
  else if (self->max > self->min)
    level = sign * (2 * (value - self->min) / (self->max - self->min) - 1);
  else
    return 0;

  return CLAMP (level, -1, 1);
}

static void
add_names (GHashTable *names,
           GVariant   *metrics)
{
  gsize n = metrics ? g_variant_n_children (metrics) : 0;

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) metric = g_variant_get_child_value (metrics, i);
      const char *name;

      /* The name lives as long as @metrics, whose data it points into. */
      g_variant_get_child (metric, 0, "&s", &name);
      g_hash_table_add (names, (gpointer) name);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/**
 * wf_heat_list_metrics:
 * @map: a map
 *
 * Returns: (transfer full): the names of the metrics of @map's cards and
 *   phases, each once, in the locale's order
 */
char **
wf_heat_list_metrics (WfMap *map)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree const char **sorted = NULL;
  guint n;
  char **list;

  for (guint i = 0; i < cards->len; i++)
    add_names (names, wf_card_get_metrics (g_ptr_array_index (cards, i)));
  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    add_names (names, wf_phase_get_metrics (wf_map_get_phase (map, p)));

  sorted = (const char **) g_hash_table_get_keys_as_array (names, &n);
  qsort (sorted, n, sizeof (char *), compare_names);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, sorted[i]);

  list = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return list;
}
