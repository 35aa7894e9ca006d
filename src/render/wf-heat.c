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

struct _WfHeat
{
  WfMetric   *metric;     /* the scale: name, unit, direction, target */
  gboolean    conflicting_direction;
  gboolean    conflicting_target;
  gboolean    has_values;
  double      min;
  double      max;
  guint       n_phases;
  GHashTable *lanes;      /* WfLane → double[n_phases]: its cells, NAN for none */
  double     *everyone;   /* [n_phases]: each phase's figure for everyone, or NAN */
  GHashTable *personas;   /* persona id → double[n_phases]: its figures */
};

static double *
new_row (guint n)
{
  double *row = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    row[i] = NAN;

  return row;
}

/* Takes the unit, direction and target of one metric of the name into
 * the scale: the first unit found; a direction or a target that
 * differs between metrics is none.
 */
static void
add_scale (WfHeat *self,
           GVariant *metric)
{
  const char *unit, *direction;
  g_autoptr(GVariant) target = NULL;
  WfDirection dir = WF_DIRECTION_NONE;

  g_variant_get_child (metric, 2, "&s", &unit);
  g_variant_get_child (metric, 3, "&s", &direction);
  target = g_variant_get_child_value (metric, 4);

  if (*self->metric->unit == '\0' && *unit != '\0')
    {
      g_free (self->metric->unit);
      self->metric->unit = g_strdup (unit);
    }

  wf_direction_from_string (direction, &dir);
  if (dir != WF_DIRECTION_NONE && !self->conflicting_direction)
    {
      if (self->metric->direction == WF_DIRECTION_NONE)
        self->metric->direction = dir;
      else if (self->metric->direction != dir)
        {
          self->metric->direction = WF_DIRECTION_NONE;
          self->conflicting_direction = TRUE;
        }
    }

  if (g_variant_n_children (target) > 0 && !self->conflicting_target)
    {
      double value;

      g_variant_get_child (target, 0, "d", &value);
      if (!self->metric->has_target)
        {
          self->metric->has_target = TRUE;
          self->metric->target = value;
        }
      else if (self->metric->target != value)
        {
          self->metric->has_target = FALSE;
          self->conflicting_target = TRUE;
        }
    }
}

static void
add_value (WfHeat *self,
           double  value)
{
  if (!self->has_values)
    {
      self->min = self->max = value;
      self->has_values = TRUE;
      return;
    }

  self->min = MIN (self->min, value);
  self->max = MAX (self->max, value);
}

/* Reads a metric's latest value into @value. */
static gboolean
latest_value (GVariant *metric,
              double   *value)
{
  g_autoptr(GVariant) measurements = g_variant_get_child_value (metric, 5);
  gsize n = g_variant_n_children (measurements);

  if (n == 0)
    return FALSE;

  g_variant_get_child (measurements, n - 1, "(d&s)", value, NULL);
  return isfinite (*value);
}

/* Finds the metric called @name in a card's @metrics. */
static GVariant *
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
        return g_steal_pointer (&metric);
    }

  return NULL;
}

static void
read_cells (WfHeat *self,
            WfMap  *map)
{
  for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
    {
      WfLane *lane = wf_map_get_lane (map, l);
      double *row = NULL;

      for (guint p = 0; p < self->n_phases; p++)
        {
          GPtrArray *cell = wf_map_get_cell (map, wf_map_get_phase (map, p), lane);
          double sum = 0;
          guint n = 0;

          for (guint i = 0; cell != NULL && i < cell->len; i++)
            {
              g_autoptr(GVariant) metric = NULL;
              double value;

              metric = find_metric (wf_card_get_metrics (g_ptr_array_index (cell, i)),
                                    self->metric->name);
              if (metric == NULL)
                continue;

              add_scale (self, metric);
              if (latest_value (metric, &value))
                {
                  sum += value;
                  n++;
                }
            }

          if (n == 0)
            continue;

          if (row == NULL)
            {
              row = new_row (self->n_phases);
              g_hash_table_insert (self->lanes, lane, row);
            }
          row[p] = sum / n;
          add_value (self, row[p]);
        }
    }
}

static void
read_phases (WfHeat *self,
             WfMap  *map)
{
  for (guint p = 0; p < self->n_phases; p++)
    {
      GVariant *metrics = wf_phase_get_metrics (wf_map_get_phase (map, p));
      gsize n = metrics ? g_variant_n_children (metrics) : 0;

      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) metric = g_variant_get_child_value (metrics, i);
          const char *name, *persona;
          double value;
          double *row;

          g_variant_get_child (metric, 0, "&s", &name);
          if (strcmp (name, self->metric->name) != 0)
            continue;

          g_variant_get_child (metric, 1, "&s", &persona);
          add_scale (self, metric);
          if (!latest_value (metric, &value))
            continue;

          if (*persona == '\0')
            row = self->everyone;
          else if ((row = g_hash_table_lookup (self->personas, persona)) == NULL)
            {
              row = new_row (self->n_phases);
              g_hash_table_insert (self->personas, g_strdup (persona), row);
            }
          row[p] = value;
          add_value (self, value);
        }
    }
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
  self->n_phases = wf_map_get_n_phases (map);
  self->lanes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->personas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->everyone = new_row (self->n_phases);

  read_cells (self, map);
  read_phases (self, map);

  return self;
}

void
wf_heat_free (WfHeat *self)
{
  if (self == NULL)
    return;

  wf_metric_free (self->metric);
  g_hash_table_unref (self->lanes);
  g_hash_table_unref (self->personas);
  g_free (self->everyone);
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
  const double *row;
  WfPersona *persona;

  if (phase >= self->n_phases || !self->has_values)
    return FALSE;

  if ((row = g_hash_table_lookup (self->lanes, lane)) != NULL && !isnan (row[phase]))
    {
      *value = row[phase];
      return TRUE;
    }

  if ((persona = wf_lane_get_persona (lane)) != NULL &&
      (row = g_hash_table_lookup (self->personas, wf_item_get_id (WF_ITEM (persona)))) != NULL &&
      !isnan (row[phase]))
    {
      *value = row[phase];
      return TRUE;
    }

  *value = self->everyone[phase];
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
