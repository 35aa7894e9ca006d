/* test-metric.c — figures over time: measurements, trends, targets, the variant form
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/wf-model.h"
#include "model/wf-templates.h"

static void
test_measurements (void)
{
  g_autoptr(WfMetric) metric = wf_metric_new ("Conversion");
  const WfMeasurement *latest;

  g_assert_null (wf_metric_get_latest (metric));
  g_assert_cmpint (wf_metric_get_trend (metric), ==, 0);

  /* Kept in date order, undated first, whatever the order they came in. */
  wf_metric_set_measurement (metric, 3.1, "2026-10-01");
  wf_metric_set_measurement (metric, 2.0, NULL);
  wf_metric_set_measurement (metric, 3.4, "2026-11-01");
  wf_metric_set_measurement (metric, 2.9, "2026-09-01");
  g_assert_cmpuint (metric->measurements->len, ==, 4);
  g_assert_cmpstr (g_array_index (metric->measurements, WfMeasurement, 0).date, ==, "");
  g_assert_cmpstr (g_array_index (metric->measurements, WfMeasurement, 1).date, ==, "2026-09-01");
  g_assert_cmpstr (g_array_index (metric->measurements, WfMeasurement, 3).date, ==, "2026-11-01");

  latest = wf_metric_get_latest (metric);
  g_assert_cmpfloat (latest->value, ==, 3.4);
  g_assert_cmpfloat (wf_metric_get_previous (metric)->value, ==, 3.1);
  g_assert_cmpint (wf_metric_get_trend (metric), ==, 1);

  /* The same date again replaces its value: importing twice adds nothing. */
  wf_metric_set_measurement (metric, 3.0, "2026-11-01");
  wf_metric_set_measurement (metric, 2.5, "");
  g_assert_cmpuint (metric->measurements->len, ==, 4);
  g_assert_cmpfloat (wf_metric_get_latest (metric)->value, ==, 3.0);
  g_assert_cmpfloat (g_array_index (metric->measurements, WfMeasurement, 0).value, ==, 2.5);
  g_assert_cmpint (wf_metric_get_trend (metric), ==, -1);

  g_assert_true (wf_metric_remove_measurement (metric, "2026-11-01"));
  g_assert_false (wf_metric_remove_measurement (metric, "2026-11-01"));
  g_assert_true (wf_metric_remove_measurement (metric, NULL));
  g_assert_cmpuint (metric->measurements->len, ==, 2);
}

static void
test_targets (void)
{
  g_autoptr(WfMetric) churn = wf_metric_new ("Churn");

  /* No target, direction or value: nothing to say. */
  g_assert_cmpint (wf_metric_get_target_state (churn), ==, WF_TARGET_NONE);
  churn->has_target = TRUE;
  churn->target = 5;
  g_assert_cmpint (wf_metric_get_target_state (churn), ==, WF_TARGET_NONE);
  churn->direction = WF_DIRECTION_LOWER;
  g_assert_cmpint (wf_metric_get_target_state (churn), ==, WF_TARGET_NONE);

  wf_metric_set_measurement (churn, 6, "2026-10-01");
  g_assert_cmpint (wf_metric_get_target_state (churn), ==, WF_TARGET_MISSED);
  wf_metric_set_measurement (churn, 5, "2026-11-01");
  g_assert_cmpint (wf_metric_get_target_state (churn), ==, WF_TARGET_MET);

  churn->direction = WF_DIRECTION_HIGHER;
  wf_metric_set_measurement (churn, 4.9, "2026-12-01");
  g_assert_cmpint (wf_metric_get_target_state (churn), ==, WF_TARGET_MISSED);
  g_assert_true (wf_metric_is_worse (churn, 1, 2));
  churn->direction = WF_DIRECTION_NONE;
  g_assert_false (wf_metric_is_worse (churn, 1, 2));
}

static void
test_variant (void)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) none = wf_metrics_from_variant (NULL);
  g_autoptr(GVariant) variant = NULL;
  WfMetric *nps = wf_metric_new ("NPS");
  WfMetric *visits = wf_metric_new ("Visits");
  WfMetric *found;

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_null (wf_metrics_to_variant (none));

  g_free (nps->persona);
  nps->persona = g_strdup ("eva");
  g_free (nps->unit);
  nps->unit = g_strdup ("score");
  nps->direction = WF_DIRECTION_HIGHER;
  nps->has_target = TRUE;
  nps->target = 30;
  wf_metric_set_measurement (nps, -12, "2026-10-31");
  wf_metric_set_measurement (nps, 4, "2026-11-30");
  wf_metric_set_measurement (visits, 12840, NULL);
  g_ptr_array_add (metrics, nps);
  g_ptr_array_add (metrics, visits);

  variant = g_variant_ref_sink (wf_metrics_to_variant (metrics));
  g_assert_true (g_variant_is_of_type (variant, WF_METRICS_TYPE));
  {
    g_autofree char *text = g_variant_print (variant, FALSE);

    g_assert_cmpstr (text, ==,
                     "[('NPS', 'eva', 'score', 'higher', 30.0, [(-12.0, '2026-10-31'), (4.0, '2026-11-30')]), "
                     "('Visits', '', '', '', nothing, [(12840.0, '')])]");
  }

  back = wf_metrics_from_variant (variant);
  g_assert_cmpuint (back->len, ==, 2);
  found = wf_metrics_find (back, "NPS", "eva");
  g_assert_nonnull (found);
  g_assert_cmpstr (found->unit, ==, "score");
  g_assert_cmpint (found->direction, ==, WF_DIRECTION_HIGHER);
  g_assert_true (found->has_target);
  g_assert_cmpfloat (found->target, ==, 30);
  g_assert_cmpuint (found->measurements->len, ==, 2);
  g_assert_null (wf_metrics_find (back, "NPS", NULL));
  found = wf_metrics_find (back, "Visits", "");
  g_assert_nonnull (found);
  g_assert_false (found->has_target);
  g_assert_cmpfloat (wf_metric_get_latest (found)->value, ==, 12840);

  /* A copy is a copy. */
  {
    g_autoptr(WfMetric) copy = wf_metric_copy (nps);

    wf_metric_set_measurement (copy, 1, "2027-01-01");
    g_assert_cmpuint (copy->measurements->len, ==, 3);
    g_assert_cmpuint (nps->measurements->len, ==, 2);
    g_assert_cmpstr (copy->persona, ==, "eva");
  }
}

static void
test_dates (void)
{
  static const char * const good[] = { "2026-10-31", "2028-02-29", "0001-01-01" };
  static const char * const bad[] = { "", "2026-1-31", "2026-13-01", "2027-02-29", "0000-01-01",
                                      "2026/10/31", "2026-10-31T00:00", "31-10-2026", "2026-10-3x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (wf_date_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (wf_date_is_valid (bad[i]));
  g_assert_false (wf_date_is_valid (NULL));
}

static void
test_directions (void)
{
  WfDirection direction;

  for (WfDirection d = WF_DIRECTION_NONE; d <= WF_DIRECTION_LOWER; d++)
    {
      g_assert_true (wf_direction_from_string (wf_direction_to_string (d), &direction));
      g_assert_cmpint (direction, ==, d);
    }

  g_assert_false (wf_direction_from_string ("up", &direction));
}

static GVariant *
phase_metrics_for (const char *persona)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  WfMetric *everyone = wf_metric_new ("NPS");
  WfMetric *one = wf_metric_new ("NPS");

  wf_metric_set_measurement (everyone, 10, "2026-10-31");
  g_free (one->persona);
  one->persona = g_strdup (persona);
  wf_metric_set_measurement (one, -5, "2026-10-31");
  g_ptr_array_add (metrics, everyone);
  g_ptr_array_add (metrics, one);

  return wf_metrics_to_variant (metrics);
}

static void
test_phase_metrics (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfMap *map = wf_document_get_map (document, 0);
  WfPhase *phase = wf_map_get_phase (map, 1);
  WfPersona *persona = wf_document_get_persona (document, 0);
  const char *id = wf_item_get_id (WF_ITEM (persona));
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(WfMap) copy = NULL;

  g_assert_null (wf_phase_get_metrics (phase));
  wf_edit_set (phase, "metrics", phase_metrics_for (id), NULL);
  g_assert_cmpuint (g_variant_n_children (wf_phase_get_metrics (phase)), ==, 2);

  /* The persona goes, and its figures with it, in the same step. */
  wf_edit_remove (persona);
  left = wf_metrics_from_variant (wf_phase_get_metrics (phase));
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpstr (((WfMetric *) left->pdata[0])->persona, ==, "");
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpuint (g_variant_n_children (wf_phase_get_metrics (phase)), ==, 2);

  /* A copy of the map has the figures; its findings are its own. */
  wf_map_set_dismissed (map, (const char * const[]) { "no-touchpoint/map/p/eva/", NULL });
  copy = wf_map_duplicate (map, "Copy");
  g_assert_cmpuint (g_variant_n_children (wf_phase_get_metrics (wf_map_get_phase (copy, 1))), ==, 2);
  g_assert_null (wf_map_get_dismissed (copy));

  /* An empty list is none. */
  wf_phase_set_metrics (phase, wf_metrics_from_pairs (g_variant_new_parsed ("@a(sd) []")));
  g_assert_null (wf_phase_get_metrics (phase));
}

static void
test_dismissed (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfMap *map = wf_document_get_map (document, 0);
  const char * const keys[] = { "pain-without-opportunity/map/a/b/c", "no-touchpoint/map/a/b/", NULL };
  const char * const none[] = { NULL };

  g_assert_null (wf_map_get_dismissed (map));
  g_assert_false (wf_map_is_dismissed (map, keys[0]));

  wf_edit_set (map, "dismissed", keys, NULL);
  g_assert_true (wf_map_is_dismissed (map, keys[0]));
  g_assert_true (wf_map_is_dismissed (map, keys[1]));
  g_assert_false (wf_map_is_dismissed (map, "no-touchpoint/map/a/b"));
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_null (wf_map_get_dismissed (map));

  wf_map_set_dismissed (map, none);
  g_assert_null (wf_map_get_dismissed (map));
}

/* GVariant's own way to build the metrics, to check the bytes
 * wf_metrics_to_variant() writes directly.
 */
static GVariant *
build_with_glib (GPtrArray *metrics)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, WF_METRICS_TYPE);
  for (guint i = 0; i < metrics->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (metrics, i);
      GVariantBuilder measurements;

      g_variant_builder_init (&measurements, G_VARIANT_TYPE ("a(ds)"));
      for (guint j = 0; j < metric->measurements->len; j++)
        {
          WfMeasurement *m = &g_array_index (metric->measurements, WfMeasurement, j);

          g_variant_builder_add (&measurements, "(ds)", m->value, m->date);
        }

      g_variant_builder_add (&builder, "(ssss@mda(ds))",
                             metric->name, metric->persona, metric->unit,
                             wf_direction_to_string (metric->direction),
                             g_variant_new_maybe (G_VARIANT_TYPE_DOUBLE,
                                                  metric->has_target ? g_variant_new_double (metric->target) : NULL),
                             &measurements);
    }

  return g_variant_builder_end (&builder);
}

/* A random string of at most @max_bytes bytes of valid UTF-8: ASCII,
 * and characters of two, three and four bytes.
 */
static char *
random_utf8 (guint max_bytes)
{
  static const char *pieces[] = { "a", "Z", " ", "7", "-", "é", "ß", "€", "→", "日", "😀", "𝄞" };
  guint length = g_test_rand_int_range (0, max_bytes + 1);
  GString *text = g_string_new (NULL);

  for (;;)
    {
      const char *piece = pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))];

      if (text->len + strlen (piece) > length)
        break;
      g_string_append (text, piece);
    }

  g_assert_true (g_utf8_validate (text->str, -1, NULL));
  return g_string_free (text, FALSE);
}

/* A random value, with the edges of a double among them: signed zeros,
 * the largest and smallest, subnormals.
 */
static double
random_value (void)
{
  static const double edges[] = {
    0.0, -0.0, 1e308, -1e308, G_MAXDOUBLE, -G_MAXDOUBLE, G_MINDOUBLE, -G_MINDOUBLE,
    4.9406564584124654e-324, -4.9406564584124654e-324, 2.2250738585072009e-308, 1e-310,
  };

  switch (g_test_rand_int_range (0, 4))
    {
    case 0:
      return edges[g_test_rand_int_range (0, G_N_ELEMENTS (edges))];
    case 1:
      return g_test_rand_double_range (-1e6, 1e6);
    case 2:
      return g_test_rand_int_range (-100, 101);
    default:
      {
        guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();
        double value;

        /* Any bit pattern but NaN and infinity, which a measurement cannot be. */
        memcpy (&value, &bits, sizeof value);
        return isfinite (value) ? value : 1.5;
      }
    }
}

static WfMetric *
random_metric (void)
{
  static const char *units[] = { "", "%", "€", "count", "score" };
  g_autofree char *name = random_utf8 (300);
  WfMetric *metric = wf_metric_new (name);
  guint n_measurements = g_test_rand_int_range (0, 41);

  g_free (metric->persona);
  metric->persona = g_test_rand_bit () ? g_strdup ("") : random_utf8 (40);
  g_free (metric->unit);
  metric->unit = g_test_rand_bit () ? g_strdup (units[g_test_rand_int_range (0, G_N_ELEMENTS (units))])
                                    : random_utf8 (20);
  metric->direction = g_test_rand_int_range (WF_DIRECTION_NONE, WF_DIRECTION_LOWER + 1);
  metric->has_target = g_test_rand_bit ();
  metric->target = metric->has_target ? random_value () : 0;

  for (guint j = 0; j < n_measurements; j++)
    {
      g_autofree char *date = NULL;

      if (g_test_rand_int_range (0, 8) != 0)
        date = g_strdup_printf ("%04d-%02d-%02d", g_test_rand_int_range (1900, 2100),
                                g_test_rand_int_range (1, 13), g_test_rand_int_range (1, 29));
      wf_metric_set_measurement (metric, random_value (), date);
    }

  return metric;
}

static gboolean
same_double (double a,
             double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

static void
test_variant_bytes (void)
{
  /* From a few bytes to more than 64 KiB, so that every size of framing
   * offset is written: 1, 2 and 4 bytes. */
  static const guint sizes[][2] = { { 1, 0 }, { 1, 1 }, { 3, 2 }, { 4, 40 }, { 30, 80 }, { 300, 30 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
      g_autoptr(GVariant) ours = NULL;
      g_autoptr(GVariant) theirs = NULL;
      g_autoptr(GVariant) untrusted = NULL;

      for (guint i = 0; i < sizes[s][0]; i++)
        {
          g_autofree char *name = g_strdup_printf ("Metric %u%s", i, i % 3 ? "" : " with a longer name, é");
          WfMetric *metric = wf_metric_new (name);

          if (i % 2)
            {
              g_free (metric->persona);
              metric->persona = g_strdup ("persona-7");
            }
          if (i % 4 == 1)
            {
              g_free (metric->unit);
              metric->unit = g_strdup ("%");
            }
          metric->direction = i % 3;
          metric->has_target = i % 5 != 0;
          metric->target = i * 1.5;
          for (guint j = 0; j < sizes[s][1]; j++)
            {
              g_autofree char *date = g_strdup_printf ("20%02u-%02u-28", 10 + j / 12, 1 + j % 12);

              wf_metric_set_measurement (metric, j * 0.25 - i, j % 7 == 3 ? NULL : date);
            }
          g_ptr_array_add (metrics, metric);
        }

      ours = g_variant_ref_sink (wf_metrics_to_variant (metrics));
      theirs = g_variant_ref_sink (build_with_glib (metrics));
      g_test_message ("%u metrics of %u measurements: %" G_GSIZE_FORMAT " bytes",
                      sizes[s][0], sizes[s][1], g_variant_get_size (theirs));

      g_assert_cmpuint (g_variant_get_size (ours), ==, g_variant_get_size (theirs));
      g_assert_cmpmem (g_variant_get_data (ours), g_variant_get_size (ours),
                       g_variant_get_data (theirs), g_variant_get_size (theirs));
      g_assert_true (g_variant_equal (ours, theirs));

      /* What an untrusted reader makes of the same bytes is the same. */
      untrusted = g_variant_new_from_data (WF_METRICS_TYPE, g_variant_get_data (ours), g_variant_get_size (ours),
                                         FALSE, NULL, NULL);
      g_variant_ref_sink (untrusted);
      g_assert_true (g_variant_is_normal_form (untrusted));
    }
}

/* Random lists of metrics, written directly and by GVariantBuilder:
 * the bytes are the same, and they read back to the same metrics.
 * Run with --seed to repeat a failure.
 */
static void
test_variant_random (void)
{
  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
      g_autoptr(GPtrArray) back = NULL;
      g_autoptr(GVariant) ours = NULL;
      g_autoptr(GVariant) theirs = NULL;
      g_autoptr(GVariant) untrusted = NULL;
      guint n_metrics = g_test_rand_int_range (0, 6);

      for (guint i = 0; i < n_metrics; i++)
        g_ptr_array_add (metrics, random_metric ());

      ours = wf_metrics_to_variant (metrics);
      if (n_metrics == 0)
        {
          /* None is no variant at all, as the property takes it. */
          g_assert_null (ours);
          continue;
        }
      g_variant_ref_sink (ours);
      theirs = g_variant_ref_sink (build_with_glib (metrics));

      g_assert_true (g_variant_is_of_type (ours, WF_METRICS_TYPE));
      g_assert_cmpuint (g_variant_get_size (ours), ==, g_variant_get_size (theirs));
      g_assert_true (memcmp (g_variant_get_data (ours), g_variant_get_data (theirs),
                             g_variant_get_size (theirs)) == 0);
      g_assert_true (g_variant_equal (ours, theirs));

      untrusted = g_variant_new_from_data (WF_METRICS_TYPE, g_variant_get_data (ours), g_variant_get_size (ours),
                                           FALSE, NULL, NULL);
      g_variant_ref_sink (untrusted);
      g_assert_true (g_variant_is_normal_form (untrusted));

      back = wf_metrics_from_variant (ours);
      g_assert_cmpuint (back->len, ==, metrics->len);
      for (guint i = 0; i < metrics->len; i++)
        {
          WfMetric *a = g_ptr_array_index (metrics, i);
          WfMetric *b = g_ptr_array_index (back, i);

          g_assert_cmpstr (b->name, ==, a->name);
          g_assert_cmpstr (b->persona, ==, a->persona);
          g_assert_cmpstr (b->unit, ==, a->unit);
          g_assert_cmpint (b->direction, ==, a->direction);
          g_assert_cmpint (b->has_target, ==, a->has_target);
          if (a->has_target)
            g_assert_true (same_double (b->target, a->target));
          g_assert_cmpuint (b->measurements->len, ==, a->measurements->len);
          for (guint j = 0; j < a->measurements->len; j++)
            {
              WfMeasurement *ma = &g_array_index (a->measurements, WfMeasurement, j);
              WfMeasurement *mb = &g_array_index (b->measurements, WfMeasurement, j);

              g_assert_true (same_double (mb->value, ma->value));
              g_assert_cmpstr (mb->date, ==, ma->date);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/metric/measurements", test_measurements);
  g_test_add_func ("/metric/targets", test_targets);
  g_test_add_func ("/metric/variant", test_variant);
  g_test_add_func ("/metric/variant-bytes", test_variant_bytes);
  g_test_add_func ("/metric/variant-random", test_variant_random);
  g_test_add_func ("/metric/dates", test_dates);
  g_test_add_func ("/metric/directions", test_directions);
  g_test_add_func ("/metric/phase", test_phase_metrics);
  g_test_add_func ("/metric/dismissed", test_dismissed);

  return g_test_run ();
}
