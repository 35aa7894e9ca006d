/* wf-metric.c — a figure measured over time, with a unit and a target
 *
 * Cards and phases keep their metrics as one immutable GVariant
 * (WF_METRICS_TYPE), so that an edit is a property set like any other,
 * undone by setting the old value. WfMetric is the form code reads and
 * builds them in: wf_metrics_from_variant(), change, wf_metrics_to_variant().
 *
 * A metric has at most one measurement per date and at most one undated
 * one: measuring again on a date replaces that date's value, so importing
 * the same spreadsheet twice changes nothing.

 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wf-metric.h"

const char *
wf_direction_to_string (WfDirection direction)
{
  switch (direction)
    {
    case WF_DIRECTION_HIGHER: return "higher";
    case WF_DIRECTION_LOWER:  return "lower";
    case WF_DIRECTION_NONE:
    default:                  return "";
    }
}

gboolean
wf_direction_from_string (const char  *str,
                          WfDirection *direction)
{
  g_return_val_if_fail (direction != NULL, FALSE);

  if (str == NULL || *str == '\0')
    *direction = WF_DIRECTION_NONE;
  else if (strcmp (str, "higher") == 0)
    *direction = WF_DIRECTION_HIGHER;
  else if (strcmp (str, "lower") == 0)
    *direction = WF_DIRECTION_LOWER;
  else
    return FALSE;

  return TRUE;
}

/**
 * wf_date_is_valid:
 * @date: (nullable): a date as the format writes it
 *
 * Returns: whether @date is a calendar date written "YYYY-MM-DD"
 */
gboolean
wf_date_is_valid (const char *date)
{
  guint year, month, day;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;

  year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
  month = (date[5] - '0') * 10 + (date[6] - '0');
  day = (date[8] - '0') * 10 + (date[9] - '0');

  return year >= 1 && g_date_valid_dmy (day, month, year);
}

WfMetric *
wf_metric_new (const char *name)
{
  WfMetric *metric = g_new0 (WfMetric, 1);

  metric->name = g_strdup (name ? name : "");
  metric->persona = g_strdup ("");
  metric->unit = g_strdup ("");
  metric->measurements = g_array_new (FALSE, FALSE, sizeof (WfMeasurement));

  return metric;
}

WfMetric *
wf_metric_copy (const WfMetric *metric)
{
  WfMetric *copy;

  g_return_val_if_fail (metric != NULL, NULL);

  copy = wf_metric_new (metric->name);
  g_free (copy->persona);
  copy->persona = g_strdup (metric->persona);
  g_free (copy->unit);
  copy->unit = g_strdup (metric->unit);
  copy->direction = metric->direction;
  copy->has_target = metric->has_target;
  copy->target = metric->target;
  g_array_append_vals (copy->measurements, metric->measurements->data, metric->measurements->len);

  return copy;
}

void
wf_metric_free (WfMetric *metric)
{
  if (metric == NULL)
    return;

  g_free (metric->name);
  g_free (metric->persona);
  g_free (metric->unit);
  g_array_unref (metric->measurements);
  g_free (metric);
}

/**
 * wf_metric_set_measurement:
 * @value: a finite number
 * @date: (nullable): "YYYY-MM-DD", or %NULL or "" for an undated value
 *
 * Adds a measurement in date order, or replaces the value measured on
 * that date (or the undated one).
 */
void
wf_metric_set_measurement (WfMetric   *metric,
                           double      value,
                           const char *date)
{
  WfMeasurement m = { value, "" };
  guint i;

  g_return_if_fail (metric != NULL);
  g_return_if_fail (isfinite (value));
  g_return_if_fail (date == NULL || *date == '\0' || wf_date_is_valid (date));

  if (date != NULL)
    g_strlcpy (m.date, date, sizeof m.date);

  /* ISO dates sort as text; "" sorts first. */
  for (i = 0; i < metric->measurements->len; i++)
    {
      WfMeasurement *at = &g_array_index (metric->measurements, WfMeasurement, i);
      int cmp = strcmp (at->date, m.date);

      if (cmp == 0)
        {
          at->value = value;
          return;
        }
      if (cmp > 0)
        break;
    }

  g_array_insert_val (metric->measurements, i, m);
}

/**
 * wf_metric_remove_measurement:
 * @date: (nullable): the date of the measurement, or %NULL or "" for the
 *   undated one
 *
 * Returns: whether there was one to remove
 */
gboolean
wf_metric_remove_measurement (WfMetric   *metric,
                              const char *date)
{
  g_return_val_if_fail (metric != NULL, FALSE);

  for (guint i = 0; i < metric->measurements->len; i++)
    {
      if (strcmp (g_array_index (metric->measurements, WfMeasurement, i).date, date ? date : "") == 0)
        {
          g_array_remove_index (metric->measurements, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * wf_metric_get_latest:
 *
 * Returns: (nullable): the measurement with the latest date, else the
 *   undated one; %NULL when there is none
 */
const WfMeasurement *
wf_metric_get_latest (const WfMetric *metric)
{
  g_return_val_if_fail (metric != NULL, NULL);

  if (metric->measurements->len == 0)
    return NULL;

  return &g_array_index (metric->measurements, WfMeasurement, metric->measurements->len - 1);
}

/**
 * wf_metric_get_previous:
 *
 * Returns: (nullable): the measurement before the latest, for its trend
 */
const WfMeasurement *
wf_metric_get_previous (const WfMetric *metric)
{
  g_return_val_if_fail (metric != NULL, NULL);

  if (metric->measurements->len < 2)
    return NULL;

  return &g_array_index (metric->measurements, WfMeasurement, metric->measurements->len - 2);
}

/**
 * wf_metric_get_trend:
 *
 * Returns: 1 if the latest value is higher than the one before it, -1 if
 *   lower, 0 if the same or there is no value before it
 */
int
wf_metric_get_trend (const WfMetric *metric)
{
  const WfMeasurement *latest, *previous;

  g_return_val_if_fail (metric != NULL, 0);

  latest = wf_metric_get_latest (metric);
  previous = wf_metric_get_previous (metric);
  if (latest == NULL || previous == NULL || latest->value == previous->value)
    return 0;

  return latest->value > previous->value ? 1 : -1;
}

/**
 * wf_metric_is_worse:
 *
 * Returns: whether @value is worse than @than in the metric's direction;
 *   never for a metric without a direction
 */
gboolean
wf_metric_is_worse (const WfMetric *metric,
                    double          value,
                    double          than)
{
  g_return_val_if_fail (metric != NULL, FALSE);

  switch (metric->direction)
    {
    case WF_DIRECTION_HIGHER: return value < than;
    case WF_DIRECTION_LOWER:  return value > than;
    case WF_DIRECTION_NONE:
    default:                  return FALSE;
    }
}

/**
 * wf_metric_get_target_state:
 *
 * Returns: whether the latest measurement meets the target in the
 *   metric's direction (reaching it exactly meets it); WF_TARGET_NONE
 *   without a target, a direction or a measurement
 */
WfTargetState
wf_metric_get_target_state (const WfMetric *metric)
{
  const WfMeasurement *latest;

  g_return_val_if_fail (metric != NULL, WF_TARGET_NONE);

  latest = wf_metric_get_latest (metric);
  if (!metric->has_target || metric->direction == WF_DIRECTION_NONE || latest == NULL)
    return WF_TARGET_NONE;

  return wf_metric_is_worse (metric, latest->value, metric->target) ? WF_TARGET_MISSED : WF_TARGET_MET;
}

/**
 * wf_metric_format_value:
 * @value: a value of @metric
 *
 * Writes @value as a person reads it, in the locale's way with numbers
 * and with the metric's unit: "3.4%", "€12.5", "12 min"; the units
 * "count" and "score" say what the number is and are not written.
 *
 * Returns: (transfer full): the text
 */
char *
wf_metric_format_value (const WfMetric *metric,
                        double          value)
{
  const char *unit;

  g_return_val_if_fail (metric != NULL, NULL);

  unit = metric->unit;
  if (*unit == '\0' || strcmp (unit, "count") == 0 || strcmp (unit, "score") == 0)
    return g_strdup_printf ("%.6g", value);
  if (strcmp (unit, "%") == 0)
    return g_strdup_printf ("%.6g%%", value);
  if (strcmp (unit, "€") == 0 || strcmp (unit, "$") == 0 || strcmp (unit, "£") == 0)
    return g_strdup_printf ("%s%.6g", unit, value);

  return g_strdup_printf ("%.6g %s", value, unit);
}

/**
 * wf_metric_new_from_variant:
 * @item: one metric of a WF_METRICS_TYPE variant, an `(ssssmda(ds))`
 *
 * Returns: (transfer full): the metric
 */
WfMetric *
wf_metric_new_from_variant (GVariant *item)
{
  g_autoptr(GVariant) name = NULL;
  g_autoptr(GVariant) persona = NULL;
  g_autoptr(GVariant) unit = NULL;
  g_autoptr(GVariant) direction = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GVariant) measurements = NULL;
  WfMetric *metric;
  gsize n_measurements;

  g_return_val_if_fail (item != NULL && g_variant_is_of_type (item, G_VARIANT_TYPE ("(ssssmda(ds))")), NULL);

  /* Taken apart child by child, not through format strings: an import
   * reads the metrics of thousands of cards at once. */
  name = g_variant_get_child_value (item, 0);
  persona = g_variant_get_child_value (item, 1);
  unit = g_variant_get_child_value (item, 2);
  direction = g_variant_get_child_value (item, 3);
  target = g_variant_get_child_value (item, 4);
  measurements = g_variant_get_child_value (item, 5);
  metric = wf_metric_new (g_variant_get_string (name, NULL));
  n_measurements = g_variant_n_children (measurements);

  g_free (metric->persona);
  metric->persona = g_variant_dup_string (persona, NULL);
  g_free (metric->unit);
  metric->unit = g_variant_dup_string (unit, NULL);
  wf_direction_from_string (g_variant_get_string (direction, NULL), &metric->direction);

  if (g_variant_n_children (target) > 0)
    {
      g_autoptr(GVariant) inner = g_variant_get_child_value (target, 0);

      metric->has_target = TRUE;
      metric->target = g_variant_get_double (inner);
    }

  for (gsize j = 0; j < n_measurements; j++)
    {
      g_autoptr(GVariant) pair = g_variant_get_child_value (measurements, j);
      g_autoptr(GVariant) value = g_variant_get_child_value (pair, 0);
      g_autoptr(GVariant) date = g_variant_get_child_value (pair, 1);
      WfMeasurement measurement = { g_variant_get_double (value), "" };

      g_strlcpy (measurement.date, g_variant_get_string (date, NULL), sizeof measurement.date);
      g_array_append_val (metric->measurements, measurement);
    }

  return metric;
}

/**
 * wf_metrics_from_variant:
 * @metrics: (nullable): a WF_METRICS_TYPE variant
 *
 * Returns: (transfer container) (element-type WfMetric): the metrics, in
 *   order; empty for %NULL
 */
GPtrArray *
wf_metrics_from_variant (GVariant *metrics)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  gsize n;

  if (metrics == NULL)
    return list;

  g_return_val_if_fail (g_variant_is_of_type (metrics, WF_METRICS_TYPE), list);

  n = g_variant_n_children (metrics);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (metrics, i);

      g_ptr_array_add (list, wf_metric_new_from_variant (item));
    }

  return list;
}

/* GVariant's serialised form, written directly: an import sets the
 * metrics of thousands of cards at once, and building a tree of a
 * GVariant for every string and number takes most of its time. The
 * rules (GVariant's specification, "Serialisation"): a container's
 * children are aligned from its start (8 for a double, and for a tuple
 * or maybe that holds one), variable-sized array elements and tuple
 * members but the last are framed by little-endian end offsets whose
 * size follows from the container's size, a tuple's in reverse order
 * after it; Nothing is empty and Just of a double is its 8 bytes.
 */
static void
pad8 (GByteArray *data,
      gsize       start)
{
  static const guint8 zeros[8] = { 0 };

  g_byte_array_append (data, zeros, (8 - (data->len - start) % 8) % 8);
}

static void
append_string (GByteArray *data,
               const char *string)
{
  g_byte_array_append (data, (const guint8 *) string, strlen (string) + 1);
}

static void
append_double (GByteArray *data,
               double      value)
{
  g_byte_array_append (data, (const guint8 *) &value, sizeof value);
}

static guint
offset_size (gsize body,
             gsize n_offsets)
{
  if (body + n_offsets <= G_MAXUINT8)
    return 1;
  if (body + 2 * n_offsets <= G_MAXUINT16)
    return 2;
  if (body + 4 * n_offsets <= G_MAXUINT32)
    return 4;
  return 8;
}

static void
append_offsets (GByteArray  *data,
                const gsize *offsets,
                gsize        n,
                guint        size,
                gboolean     reversed)
{
  for (gsize i = 0; i < n; i++)
    {
      guint64 offset = offsets[reversed ? n - 1 - i : i];
      guint8 bytes[8];

      for (guint b = 0; b < size; b++)
        bytes[b] = (offset >> (8 * b)) & 0xff;
      g_byte_array_append (data, bytes, size);
    }
}

/* One (ssssmda(ds)), starting 8-aligned. */
static void
append_metric (GByteArray     *data,
               const WfMetric *metric,
               GArray         *ends)
{
  gsize start = data->len;
  gsize members[5];
  gsize array_start;
  guint n = metric->measurements->len;

  append_string (data, metric->name);
  members[0] = data->len - start;
  append_string (data, metric->persona);
  members[1] = data->len - start;
  append_string (data, metric->unit);
  members[2] = data->len - start;
  append_string (data, wf_direction_to_string (metric->direction));
  members[3] = data->len - start;
  pad8 (data, start);
  if (metric->has_target)
    append_double (data, metric->target);
  members[4] = data->len - start;

  pad8 (data, start);
  array_start = data->len;
  g_array_set_size (ends, 0);
  for (guint j = 0; j < n; j++)
    {
      const WfMeasurement *m = &g_array_index (metric->measurements, WfMeasurement, j);
      gsize end;

      pad8 (data, array_start);
      append_double (data, m->value);
      append_string (data, m->date);
      end = data->len - array_start;
      g_array_append_val (ends, end);
    }
  if (n > 0)
    append_offsets (data, (gsize *) (void *) ends->data, n,
                    offset_size (data->len - array_start, n), FALSE);

  append_offsets (data, members, G_N_ELEMENTS (members),
                  offset_size (data->len - start, G_N_ELEMENTS (members)), TRUE);
}

/**
 * wf_metrics_to_variant:
 * @metrics: (element-type WfMetric): metrics
 *
 * Returns: (transfer floating) (nullable): the metrics as a
 *   WF_METRICS_TYPE variant, or %NULL for none
 */
GVariant *
wf_metrics_to_variant (GPtrArray *metrics)
{
  g_autoptr(GArray) ends = NULL;
  g_autoptr(GArray) measurement_ends = NULL;
  GByteArray *data;
  guint8 *bytes;
  gsize size;

  g_return_val_if_fail (metrics != NULL, NULL);

  if (metrics->len == 0)
    return NULL;

  ends = g_array_sized_new (FALSE, FALSE, sizeof (gsize), metrics->len);
  measurement_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  data = g_byte_array_new ();

  for (guint i = 0; i < metrics->len; i++)
    {
      gsize end;

      pad8 (data, 0);
      append_metric (data, g_ptr_array_index (metrics, i), measurement_ends);
      end = data->len;
      g_array_append_val (ends, end);
    }

  append_offsets (data, (gsize *) (void *) ends->data, ends->len,
                  offset_size (data->len, ends->len), FALSE);

  size = data->len;
  bytes = g_byte_array_free (data, FALSE);

  return g_variant_new_from_data (WF_METRICS_TYPE, bytes, size, TRUE, g_free, bytes);
}

/**
 * wf_metrics_find:
 * @metrics: (element-type WfMetric): metrics
 * @persona: (nullable): a persona's id, or %NULL or "" for everyone
 *
 * Returns: (transfer none) (nullable): the metric called @name for
 *   @persona
 */
WfMetric *
wf_metrics_find (GPtrArray  *metrics,
                 const char *name,
                 const char *persona)
{
  g_return_val_if_fail (metrics != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < metrics->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (metrics, i);

      if (strcmp (metric->name, name) == 0 && strcmp (metric->persona, persona ? persona : "") == 0)
        return metric;
    }

  return NULL;
}

/**
 * wf_metrics_builder_add_plain:
 * @builder: a builder of WF_METRICS_TYPE
 *
 * Adds a metric as a card had them before figures had dates: a name and
 * one undated value, without unit, direction or target.
 */
void
wf_metrics_builder_add_plain (GVariantBuilder *builder,
                              const char      *name,
                              double           value)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (name != NULL);

  g_variant_builder_add_parsed (builder, "(%s, '', '', '', @md nothing, [(%d, '')])", name, value);
}

/**
 * wf_metrics_from_pairs:
 * @pairs: (nullable): an `a(sd)` variant of names and values; a floating
 *   one is sunk
 *
 * Returns: (transfer floating) (nullable): the same as plain metrics
 *   (wf_metrics_builder_add_plain()), or %NULL for none
 */
GVariant *
wf_metrics_from_pairs (GVariant *pairs)
{
  g_autoptr(GVariant) held = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *name;
  double value;

  if (pairs == NULL)
    return NULL;

  held = g_variant_ref_sink (pairs);
  g_return_val_if_fail (g_variant_is_of_type (pairs, G_VARIANT_TYPE ("a(sd)")), NULL);

  if (g_variant_n_children (pairs) == 0)
    return NULL;

  g_variant_builder_init (&builder, WF_METRICS_TYPE);
  g_variant_iter_init (&iter, pairs);
  while (g_variant_iter_next (&iter, "(&sd)", &name, &value))
    wf_metrics_builder_add_plain (&builder, name, value);

  return g_variant_builder_end (&builder);
}

/**
 * wf_metrics_get_latest_value:
 * @metrics: a WF_METRICS_TYPE variant
 * @index: which metric
 * @name: (out) (optional) (transfer none): its name, which lives as long
 *   as @metrics
 * @value: (out) (optional): its latest value
 *
 * Returns: whether the metric has a value
 */
gboolean
wf_metrics_get_latest_value (GVariant    *metrics,
                             guint        index,
                             const char **name,
                             double      *value)
{
  g_autoptr(GVariant) metric = NULL;
  g_autoptr(GVariant) measurements = NULL;
  gsize n;

  g_return_val_if_fail (metrics != NULL && g_variant_is_of_type (metrics, WF_METRICS_TYPE), FALSE);
  g_return_val_if_fail (index < g_variant_n_children (metrics), FALSE);

  metric = g_variant_get_child_value (metrics, index);
  if (name != NULL)
    g_variant_get_child (metric, 0, "&s", name);

  measurements = g_variant_get_child_value (metric, 5);
  n = g_variant_n_children (measurements);
  if (n == 0)
    return FALSE;

  if (value != NULL)
    g_variant_get_child (measurements, n - 1, "(d&s)", value, NULL);

  return TRUE;
}

/**
 * wf_metrics_are_plain:
 * @metrics: (nullable): a WF_METRICS_TYPE variant
 *
 * Returns: whether every metric is a name and one undated value, with no
 *   persona, unit, direction or target: what version 1 of the format
 *   can hold
 */
gboolean
wf_metrics_are_plain (GVariant *metrics)
{
  GVariantIter iter;
  const char *persona, *unit, *direction;
  GVariant *target, *measurements;
  gboolean plain = TRUE;

  if (metrics == NULL)
    return TRUE;

  g_return_val_if_fail (g_variant_is_of_type (metrics, WF_METRICS_TYPE), FALSE);

  g_variant_iter_init (&iter, metrics);
  while (plain && g_variant_iter_next (&iter, "(&s&s&s&s@md@a(ds))", NULL, &persona, &unit, &direction,
                                       &target, &measurements))
    {
      plain = *persona == '\0' && *unit == '\0' && *direction == '\0' &&
              g_variant_n_children (target) == 0 && g_variant_n_children (measurements) == 1;

      if (plain)
        {
          const char *date;

          g_variant_get_child (measurements, 0, "(d&s)", NULL, &date);
          plain = *date == '\0';
        }

      g_variant_unref (target);
      g_variant_unref (measurements);
    }

  return plain;
}

/**
 * wf_metrics_replace:
 * @slot: where an item keeps its metrics (nullable WF_METRICS_TYPE)
 * @metrics: (nullable): the new metrics; a floating reference is sunk,
 *   and an empty list is kept as %NULL
 *
 * What the "metrics" setters of cards and phases share.
 *
 * Returns: whether @slot changed (then the caller notifies)
 */
gboolean
wf_metrics_replace (GVariant **slot,
                    GVariant  *metrics)
{
  g_return_val_if_fail (slot != NULL, FALSE);

  if (metrics != NULL)
    {
      g_variant_ref_sink (metrics);
      if (g_variant_n_children (metrics) == 0)
        g_clear_pointer (&metrics, g_variant_unref);
    }

  if (*slot == metrics || (*slot != NULL && metrics != NULL && g_variant_equal (*slot, metrics)))
    {
      g_clear_pointer (&metrics, g_variant_unref);
      return FALSE;
    }

  g_clear_pointer (slot, g_variant_unref);
  *slot = metrics;

  return TRUE;
}
