/* test-figures.c — importing figures from spreadsheet exports and TheyDo's JSON
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "model/wf-model.h"
#include "model/wf-metric.h"
#include "storage/wf-figures.h"
#include "storage/wf-problems.h"
#include "storage/wf-sheet.h"

typedef struct
{
  WfDocument *document;
  WfMap      *map;
  WfPhase    *buy;
  WfPhase    *use;
  WfCard     *pay;
  WfCard     *wait;
  WfCard     *cafe;
  WfCard     *help_a;   /* two cards titled "Help" */
  WfCard     *help_b;
} Fixture;

static WfCard *
add_card (Fixture    *f,
          const char *id,
          const char *title,
          WfPhase    *phase,
          WfLane     *lane)
{
  WfCard *card = wf_card_new (id, title);

  g_assert_true (wf_map_insert_card (f->map, card, phase, lane, -1));
  g_object_unref (card);

  return card;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  WfPersona *eva = wf_persona_new ("eva", "Eva");
  WfLane *lane = wf_lane_new ("touchpoints", WF_LANE_TOUCHPOINTS);

  f->document = wf_document_new ();
  wf_document_insert_persona (f->document, eva, -1);
  g_object_unref (eva);

  f->map = wf_map_new ("map", "Coffee");
  wf_document_insert_map (f->document, f->map, -1);
  g_object_unref (f->map);

  f->buy = wf_phase_new ("buy", "Buy");
  wf_map_insert_phase (f->map, f->buy, -1);
  g_object_unref (f->buy);
  f->use = wf_phase_new ("use", "Use");
  wf_map_insert_phase (f->map, f->use, -1);
  g_object_unref (f->use);

  wf_map_insert_lane (f->map, lane, -1);
  g_object_unref (lane);

  f->pay = add_card (f, "c1", "Pay", f->buy, lane);
  f->wait = add_card (f, "c2", "Wait \"in line\"", f->use, lane);
  f->cafe = add_card (f, "c3", "Café", f->use, lane);
  f->help_a = add_card (f, "c4", "Help", f->use, lane);
  f->help_b = add_card (f, "c5", "Help", f->use, lane);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->document);
}

static WfMetric *
find_metric (gpointer    item,
             const char *name,
             const char *persona)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric;

  g_object_get (item, "metrics", &variant, NULL);
  if (variant == NULL)
    return NULL;

  metrics = wf_metrics_from_variant (variant);
  metric = wf_metrics_find (metrics, name, persona);

  return metric ? wf_metric_copy (metric) : NULL;
}

static void
assert_measurement (const WfMetric *metric,
                    guint           index,
                    double          value,
                    const char     *date)
{
  const WfMeasurement *m;

  g_assert_cmpuint (index, <, metric->measurements->len);
  m = &g_array_index (metric->measurements, WfMeasurement, index);
  g_assert_cmpfloat_with_epsilon (m->value, value, 1e-9);
  g_assert_cmpstr (m->date, ==, date);
}

static gboolean
import_text (Fixture             *f,
             const char          *text,
             const char * const  *columns,
             gboolean             skip_bad,
             WfFiguresCounts     *counts,
             GPtrArray          **problems,
             GError             **error)
{
  return wf_figures_import (f->document, NULL, text, strlen (text), columns,
                            skip_bad, counts, problems, error);
}

static void
import_ok (Fixture         *f,
           const char      *text,
           WfFiguresCounts *counts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (import_text (f, text, NULL, FALSE, counts, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* What every sheet of the LibreOffice and Excel cases says. */
static void
assert_sheet_imported (Fixture               *f,
                       const WfFiguresCounts *counts)
{
  g_autoptr(WfMetric) conversion = find_metric (f->pay, "Conversion", "");
  g_autoptr(WfMetric) nps = find_metric (f->buy, "NPS", "");
  g_autoptr(WfMetric) revenue = find_metric (f->pay, "Revenue, total", "");
  g_autoptr(WfMetric) minutes = find_metric (f->wait, "Minutes", "");

  g_assert_cmpuint (counts->rows_applied, ==, 4);
  g_assert_cmpuint (counts->rows_skipped, ==, 0);
  g_assert_cmpuint (counts->metrics_created, ==, 4);
  g_assert_cmpuint (counts->measurements_added, ==, 4);
  g_assert_cmpuint (counts->measurements_replaced, ==, 0);

  g_assert_nonnull (conversion);
  g_assert_cmpstr (conversion->unit, ==, "%");
  g_assert_true (conversion->has_target);
  g_assert_cmpfloat (conversion->target, ==, 5);
  g_assert_cmpint (conversion->direction, ==, WF_DIRECTION_HIGHER);
  g_assert_cmpuint (conversion->measurements->len, ==, 1);
  assert_measurement (conversion, 0, 3.4, "2026-10-31");

  g_assert_nonnull (nps);
  g_assert_cmpstr (nps->unit, ==, "");
  g_assert_false (nps->has_target);
  g_assert_cmpint (nps->direction, ==, WF_DIRECTION_NONE);
  assert_measurement (nps, 0, -12, "2026-11-01");

  g_assert_nonnull (revenue);
  g_assert_cmpfloat (revenue->target, ==, 1500);
  assert_measurement (revenue, 0, 1234.5, "2026-11-01");

  g_assert_nonnull (minutes);
  g_assert_cmpint (minutes->direction, ==, WF_DIRECTION_LOWER);
  assert_measurement (minutes, 0, 7.25, "");
}

static void
test_libreoffice (Fixture       *f,
                  gconstpointer  data)
{
  /* Made with `soffice --headless --convert-to csv` from figures-nl.fods
   * and figures-en.fods under LANG=nl_NL.UTF-8 and en_US.UTF-8: commas
   * between fields either way, "3,4%" and 31-10-2026 in Dutch, 3.4% and
   * 10/31/2026 in American English. */
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", data, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  WfFiguresCounts counts;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  import_ok (f, text, &counts);
  assert_sheet_imported (f, &counts);
}

static void
test_excel_dutch (Fixture       *f,
                  gconstpointer  data)
{
  /* "CSV UTF-8 (met scheidingstekens)" from a Dutch Excel. */
  static const char text[] =
    "\xEF\xBB\xBF" "Fase;Kaart;Metriek;Waarde;Datum;Doel;Richting\r\n"
    "Buy;Pay;Conversion;3,4%;31-10-2026;5;Hoger is beter\r\n"
    "buy;;NPS;-12;1-11-2026;;\r\n"
    ";c1;Revenue, total;1.234,5;01-11-2026;1.500;HOGER\r\n"
    ";\"Wait \"\"in line\"\"\";Minutes;7,25;;5;omlaag\r\n";
  WfFiguresCounts counts;

  import_ok (f, text, &counts);
  assert_sheet_imported (f, &counts);
}

static void
test_windows_1252 (Fixture       *f,
                   gconstpointer  data)
{
  /* Plain "CSV" from Excel: Windows-1252, € is 0x80 and é 0xE9. */
  static const char text[] = "kaart;metriek;waarde;eenheid\r\nCaf\xE9;Omzet;\x80 12,50;\x80\r\n";
  g_autoptr(WfMetric) revenue = NULL;
  WfFiguresCounts counts;

  import_ok (f, text, &counts);
  revenue = find_metric (f->cafe, "Omzet", "");
  g_assert_nonnull (revenue);
  g_assert_cmpstr (revenue->unit, ==, "€");
  assert_measurement (revenue, 0, 12.5, "");
}

static const char broken[] =
  "phase,card,metric,value,date,target,direction,persona\n"
  "Sell,,NPS,3,,,,\n"                 /* 2: no such phase */
  ",Queue,NPS,3,,,,\n"                /* 3: no such card */
  ",Pay,NPS,abc,,,,\n"                /* 4: no number */
  ",Pay,NPS,3,31-13-2026,,,\n"        /* 5: no date */
  ",Help,NPS,3,,,,\n"                 /* 6: two cards titled so */
  "Buy,Café,NPS,3,,,,\n"              /* 7: the card is in another phase */
  ",Pay,NPS,3,,,sideways,\n"          /* 8: no direction */
  ",Pay,NPS,3,,lots,,\n"              /* 9: no target */
  "Buy,,NPS,3,,,,Bob\n"               /* 10: no such persona */
  ",,NPS,3,,,,\n"                     /* 11: neither phase nor card */
  ",Pay,,3,,,,\n"                     /* 12: no metric */
  "Use,,Effort,4,2026-10-31,,,Eva\n"; /* 13: good */

static void
assert_broken_problems (GPtrArray *problems)
{
  static const struct { const char *where; const char *part; } expected[] = {
    { "line 2", "“Sell”" },
    { "line 3", "“Queue”" },
    { "line 4", "“abc”" },
    { "line 5", "“31-13-2026”" },
    { "line 6", "Several cards are titled “Help”" },
    { "line 7", "not in the phase “Buy”" },
    { "line 8", "“sideways”" },
    { "line 9", "“lots”" },
    { "line 10", "“Bob”" },
    { "line 11", "no phase and no card" },
    { "line 12", "no metric" },
  };

  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      WfProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->where, ==, expected[i].where);
      if (strstr (problem->message, expected[i].part) == NULL)
        g_error ("%s: “%s” does not say “%s”", problem->where, problem->message, expected[i].part);
    }
}

static void
test_broken (Fixture       *f,
             gconstpointer  data)
{
  WfUndoStack *stack = wf_document_get_undo_stack (f->document);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(WfMetric) effort = NULL;
  WfFiguresCounts counts;

  g_assert_false (import_text (f, broken, NULL, FALSE, &counts, &problems, &error));
  g_assert_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_ROWS);
  g_assert_true (g_str_has_prefix (error->message, "line 2: "));
  assert_broken_problems (problems);

  /* Nothing is imported, not even the good row. */
  g_assert_cmpuint (wf_undo_stack_get_length (stack), ==, 0);
  effort = find_metric (f->use, "Effort", "eva");
  g_assert_null (effort);
  g_assert_cmpuint (counts.rows_applied, ==, 0);
}

static void
test_skip_bad (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(WfMetric) effort = NULL;
  g_autoptr(WfMetric) pay_nps = NULL;
  WfFiguresCounts counts;

  g_assert_true (import_text (f, broken, NULL, TRUE, &counts, &problems, &error));
  g_assert_no_error (error);
  assert_broken_problems (problems);

  g_assert_cmpuint (counts.rows_applied, ==, 1);
  g_assert_cmpuint (counts.rows_skipped, ==, 11);
  effort = find_metric (f->use, "Effort", "eva");
  g_assert_nonnull (effort);
  assert_measurement (effort, 0, 4, "2026-10-31");
  pay_nps = find_metric (f->pay, "NPS", "");
  g_assert_null (pay_nps);
}

static void
test_merge_undo_reimport (Fixture       *f,
                          gconstpointer  data)
{
  static const char text[] =
    "card,metric,value,date,unit\n"
    "Pay,Conversion,3.5,2026-10-31,\n"     /* replaces */
    "Pay,Conversion,3.9,2026-11-30,\n"     /* adds */
    "Pay,Conversion,3.1,2026-09-30,\n"     /* same: changes nothing */
    "Wait \"in line\",Minutes,7,,min\n";   /* a new metric */
  WfUndoStack *stack = wf_document_get_undo_stack (f->document);
  g_autoptr(GVariant) pay_before = NULL;
  g_autoptr(GVariant) pay_after = NULL;
  GVariant *pay_undone;
  GVariant *wait_undone;
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  g_autoptr(WfMetric) conversion = NULL;
  WfMetric *existing = wf_metric_new ("Conversion");
  WfFiguresCounts counts;

  g_free (existing->unit);
  existing->unit = g_strdup ("%");
  wf_metric_set_measurement (existing, 3.1, "2026-09-30");
  wf_metric_set_measurement (existing, 3.4, "2026-10-31");
  g_ptr_array_add (metrics, existing);
  wf_card_set_metrics (f->pay, wf_metrics_to_variant (metrics));
  pay_before = wf_card_get_metrics (f->pay);
  g_variant_ref (pay_before);

  import_ok (f, text, &counts);
  g_assert_cmpuint (counts.rows_applied, ==, 4);
  g_assert_cmpuint (counts.metrics_created, ==, 1);
  g_assert_cmpuint (counts.measurements_added, ==, 2);
  g_assert_cmpuint (counts.measurements_replaced, ==, 1);

  /* One step, named so. */
  g_assert_cmpuint (wf_undo_stack_get_length (stack), ==, 1);
  g_assert_cmpstr (wf_undo_stack_get_undo_label (stack), ==, "Import Figures");

  conversion = find_metric (f->pay, "Conversion", "");
  g_assert_cmpstr (conversion->unit, ==, "%");
  g_assert_cmpuint (conversion->measurements->len, ==, 3);
  assert_measurement (conversion, 0, 3.1, "2026-09-30");
  assert_measurement (conversion, 1, 3.5, "2026-10-31");
  assert_measurement (conversion, 2, 3.9, "2026-11-30");
  pay_after = g_variant_ref (wf_card_get_metrics (f->pay));

  /* Again: nothing changes, and no step is added. */
  import_ok (f, text, &counts);
  g_assert_cmpuint (counts.rows_applied, ==, 4);
  g_assert_cmpuint (counts.metrics_created, ==, 0);
  g_assert_cmpuint (counts.measurements_added, ==, 0);
  g_assert_cmpuint (counts.measurements_replaced, ==, 0);
  g_assert_cmpuint (wf_undo_stack_get_length (stack), ==, 1);
  g_assert_true (g_variant_equal (pay_after, wf_card_get_metrics (f->pay)));

  /* Undo brings back everything as it was. */
  g_assert_true (wf_undo_stack_undo (stack));
  pay_undone = wf_card_get_metrics (f->pay);
  g_assert_true (g_variant_equal (pay_before, pay_undone));
  wait_undone = wf_card_get_metrics (f->wait);
  g_assert_null (wait_undone);

  g_assert_true (wf_undo_stack_redo (stack));
  g_assert_true (g_variant_equal (pay_after, wf_card_get_metrics (f->pay)));
}

/* Spaces around a metric or a unit, as a sheet may have them: the
 * metric the card has, not a second one.
 */
static void
test_spaces (Fixture       *f,
             gconstpointer  data)
{
  static const char text[] = "card,metric,value,date,unit\n Pay , Conversion ,3.5,2026-10-31, % \n";
  g_autoptr(WfMetric) conversion = NULL;
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  WfMetric *existing = wf_metric_new ("Conversion");
  WfFiguresCounts counts;

  wf_metric_set_measurement (existing, 3.1, "2026-09-30");
  g_ptr_array_add (metrics, existing);
  wf_card_set_metrics (f->pay, wf_metrics_to_variant (metrics));

  import_ok (f, text, &counts);
  g_assert_cmpuint (counts.metrics_created, ==, 0);
  g_assert_cmpuint (counts.measurements_added, ==, 1);
  g_assert_cmpuint (g_variant_n_children (wf_card_get_metrics (f->pay)), ==, 1);
  conversion = find_metric (f->pay, "Conversion", "");
  g_assert_cmpstr (conversion->unit, ==, "%");
  g_assert_cmpuint (conversion->measurements->len, ==, 2);
}

/* An undated and a dated value of one metric in one sheet: imported
 * again, nothing changes (the fuzz target found a rule that broke it).
 */
static void
test_undated_and_dated (Fixture       *f,
                        gconstpointer  data)
{
  static const char text[] = "card,metric,value,date\nPay,Conversion,1,\nPay,Conversion,2,2026-10-31\n";
  g_autoptr(GVariant) once = NULL;
  WfFiguresCounts counts;

  import_ok (f, text, &counts);
  g_assert_cmpuint (counts.measurements_added, ==, 2);
  once = g_variant_ref (wf_card_get_metrics (f->pay));

  import_ok (f, text, &counts);
  g_assert_cmpuint (counts.measurements_added, ==, 0);
  g_assert_cmpuint (counts.measurements_replaced, ==, 0);
  g_assert_true (g_variant_equal (once, wf_card_get_metrics (f->pay)));
}

static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  static const char text[] = "Stap;KPI;Score;Opmerking;Fase\nPay;CES;4,2;fijn;\n";
  const char *columns[] = { "stap=card", "KPI = Metric", "score=waarde", NULL };
  const char *unknown[] = { "Stap=card", "Nope=metric", NULL };
  const char *bad_role[] = { "Stap=kleur", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WfMetric) ces = NULL;
  WfFiguresCounts counts;

  g_assert_true (import_text (f, text, columns, FALSE, &counts, NULL, &error));
  g_assert_no_error (error);
  ces = find_metric (f->pay, "CES", "");
  assert_measurement (ces, 0, 4.2, "");

  g_assert_false (import_text (f, text, unknown, FALSE, NULL, NULL, &error));
  g_assert_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_COLUMNS);
  g_assert_nonnull (strstr (error->message, "“Nope”"));
  g_clear_error (&error);

  g_assert_false (import_text (f, text, bad_role, FALSE, NULL, NULL, &error));
  g_assert_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_COLUMNS);
  g_clear_error (&error);

  /* Without the mapping there is no value column. */
  g_assert_false (import_text (f, text, NULL, FALSE, NULL, NULL, &error));
  g_assert_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_COLUMNS);
  g_clear_error (&error);

  g_assert_false (import_text (f, "card,kaart,metric,value\n", NULL, FALSE, NULL, NULL, &error));
  g_assert_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_COLUMNS);
}

static void
test_persona (Fixture       *f,
              gconstpointer  data)
{
  static const char text[] =
    "phase,persona,metric,value\n"
    "use,eva,Effort,4\n"
    "Use, EVA ,Effort,5\n"
    "Use,,Effort,3\n";
  g_autoptr(WfMetric) eva = NULL;
  g_autoptr(WfMetric) everyone = NULL;
  WfFiguresCounts counts;

  import_ok (f, text, &counts);
  /* Counted as the map changed: Eva's second value is no replacement. */
  g_assert_cmpuint (counts.rows_applied, ==, 3);
  g_assert_cmpuint (counts.metrics_created, ==, 2);
  g_assert_cmpuint (counts.measurements_added, ==, 2);
  g_assert_cmpuint (counts.measurements_replaced, ==, 0);
  eva = find_metric (f->use, "Effort", "eva");
  everyone = find_metric (f->use, "Effort", "");
  assert_measurement (eva, 0, 5, "");
  assert_measurement (everyone, 0, 3, "");
}

/* A THEYDO_METRICS_V1 file as their schema (schemas/MetricsFile.schema.json
 * in theydo/theydo-s3-integrations) and its example describe it: every
 * type, dimensions splitting a date's data points, a target with its
 * comparison operator.
 */
static const char theydo[] =
  "\xEF\xBB\xBF\n{\n"
  "  \"format\": \"THEYDO_METRICS_V1\",\n"
  "  \"metrics\": [\n"
  "    { \"type\": \"NPS\", \"importKey\": \"NPS\", \"title\": \"Net Promoter Score\",\n"
  "      \"description\": null, \"unit\": \"responses\", \"target\": 40,\n"
  "      \"targetComparisonOperator\": \"MORE_THAN_OR_EQUAL_TO\",\n"
  "      \"dataPoints\": [\n"
  "        { \"dateOfMeasurement\": \"2025-01-31\", \"detractors\": 42, \"passives\": 88, \"promoters\": 230,\n"
  "          \"dimensions\": [ { \"key\": \"segment\", \"value\": \"SMB\" } ] },\n"
  "        { \"dateOfMeasurement\": \"2025-01-31\", \"detractors\": 35, \"passives\": 79, \"promoters\": 256,\n"
  "          \"dimensions\": [ { \"key\": \"segment\", \"value\": \"Enterprise\" } ] },\n"
  "        { \"dateOfMeasurement\": \"2024-12-31\", \"detractors\": 10, \"passives\": 10, \"promoters\": 30 } ] },\n"
  "    { \"type\": \"CSAT\", \"importKey\": \"CSAT\", \"title\": \"customer satisfaction score\", \"unit\": \"responses\",\n"
  "      \"dataPoints\": [\n"
  "        { \"dateOfMeasurement\": \"2025-01-31\", \"veryUnsatisfied\": 12, \"unsatisfied\": 28, \"neutral\": 45,\n"
  "          \"satisfied\": 180, \"verySatisfied\": 95 },\n"
  "        { \"dateOfMeasurement\": \"2025-01-31\", \"veryUnsatisfied\": 8, \"unsatisfied\": 21, \"neutral\": 38,\n"
  "          \"satisfied\": 195, \"verySatisfied\": 110 } ] },\n"
  "    { \"type\": \"CES\", \"importKey\": \"Pay\", \"title\": \"Customer Effort Score\", \"unit\": \"score\",\n"
  "      \"target\": 5.5, \"targetComparisonOperator\": \"LESS_THAN_OR_EQUAL_TO\",\n"
  "      \"dataPoints\": [\n"
  "        { \"dateOfMeasurement\": \"2025-01-31\", \"score\": 4.8, \"respondents\": 320 },\n"
  "        { \"dateOfMeasurement\": \"2025-01-31\", \"score\": 5.1, \"respondents\": 295 } ] },\n"
  "    { \"type\": \"OTHER\", \"importKey\": \"OTHER\", \"title\": \"Average Handle Time\", \"unit\": \"seconds\",\n"
  "      \"aggregationMethod\": \"AVERAGE\", \"groups\": [\"Operations\"],\n"
  "      \"groupTags\": [ { \"tagGroup\": \"Team\", \"tag\": \"Tier 1\" } ],\n"
  "      \"dataPoints\": [\n"
  "        { \"dateOfMeasurement\": \"2025-01-31\", \"value\": 312.5 },\n"
  "        { \"dateOfMeasurement\": \"2025-01-31\", \"value\": 287.0 } ] },\n"
  "    { \"type\": \"RATIO\", \"importKey\": \"RATIO\", \"title\": \"Buy\", \"unit\": \"cases\",\n"
  "      \"dataPoints\": [\n"
  "        { \"dateOfMeasurement\": \"2025-01-31\", \"numerator\": 740, \"denominator\": 1000 },\n"
  "        { \"dateOfMeasurement\": \"2025-01-31\", \"numerator\": 812, \"denominator\": 1050 } ] }\n"
  "  ]\n}\n";

static void
test_theydo (Fixture       *f,
             gconstpointer  data)
{
  WfCard *nps_a, *nps_b, *csat, *aht;
  g_autoptr(WfMetric) nps = NULL;
  g_autoptr(WfMetric) nps_other = NULL;
  g_autoptr(WfMetric) sat = NULL;
  g_autoptr(WfMetric) ces = NULL;
  g_autoptr(WfMetric) time = NULL;
  g_autoptr(WfMetric) ratio = NULL;
  WfFiguresCounts counts;

  nps_a = add_card (f, "n1", "Net Promoter Score", f->buy, wf_map_get_lane (f->map, 0));
  nps_b = add_card (f, "n2", "net promoter score ", f->use, wf_map_get_lane (f->map, 0));
  csat = add_card (f, "s1", "Customer Satisfaction Score", f->use, wf_map_get_lane (f->map, 0));
  aht = add_card (f, "OTHER", "Calls", f->use, wf_map_get_lane (f->map, 0));

  import_ok (f, theydo, &counts);
  g_assert_cmpuint (counts.rows_applied, ==, 6);

  /* NPS: (promoters − detractors) / answers × 100, over the dimensions. */
  nps = find_metric (nps_a, "Net Promoter Score", "");
  g_assert_nonnull (nps);
  g_assert_cmpstr (nps->unit, ==, "");
  g_assert_cmpfloat (nps->target, ==, 40);
  g_assert_cmpint (nps->direction, ==, WF_DIRECTION_HIGHER);
  g_assert_cmpuint (nps->measurements->len, ==, 2);
  assert_measurement (nps, 0, 40, "2024-12-31");
  assert_measurement (nps, 1, 56.03, "2025-01-31");
  nps_other = find_metric (nps_b, "Net Promoter Score", "");
  g_assert_nonnull (nps_other);

  /* CSAT: the share satisfied or very satisfied. */
  sat = find_metric (csat, "customer satisfaction score", "");
  g_assert_cmpstr (sat->unit, ==, "%");
  assert_measurement (sat, 0, 79.23, "2025-01-31");

  /* CES: on the card its importKey names, weighted by respondents. */
  ces = find_metric (f->pay, "Customer Effort Score", "");
  g_assert_cmpstr (ces->unit, ==, "score");
  g_assert_cmpint (ces->direction, ==, WF_DIRECTION_LOWER);
  assert_measurement (ces, 0, 4.94, "2025-01-31");

  /* OTHER: averaged as it says; on the card whose id is the key. */
  time = find_metric (aht, "Average Handle Time", "");
  assert_measurement (time, 0, 299.75, "2025-01-31");

  /* RATIO: on the phase of that name, as a percentage. */
  ratio = find_metric (f->buy, "Buy", "");
  g_assert_cmpstr (ratio->unit, ==, "%");
  assert_measurement (ratio, 0, 75.71, "2025-01-31");
}

static void
test_theydo_broken (Fixture       *f,
                    gconstpointer  data)
{
  static const char *cases[] = {
    "{\"format\": \"SOMETHING_ELSE\", \"metrics\": []}",
    "{\"format\": \"THEYDO_METRICS_V1\"}",
    "{\"format\": \"THEYDO_METRICS_V1\", \"metrics\": [",
  };
  static const char bad_rows[] =
    "{\"format\": \"THEYDO_METRICS_V1\", \"metrics\": [\n"
    " {\"type\": \"NPS\", \"importKey\": \"x\", \"title\": \"Nowhere\", \"unit\": \"\", \"dataPoints\": []},\n"
    " {\"type\": \"WOW\", \"importKey\": \"x\", \"title\": \"Pay\", \"unit\": \"\", \"dataPoints\": []},\n"
    " {\"type\": \"NPS\", \"importKey\": \"x\", \"title\": \"Pay\", \"unit\": \"\", \"dataPoints\": [\n"
    "   {\"dateOfMeasurement\": \"2025-01-31\", \"detractors\": -1, \"passives\": 0, \"promoters\": 2},\n"
    "   {\"dateOfMeasurement\": \"31-01-2025\", \"detractors\": 1, \"passives\": 0, \"promoters\": 2}]},\n"
    " {\"type\": \"CSAT\", \"importKey\": \"x\", \"title\": \"Pay\", \"unit\": \"\", \"dataPoints\": [\n"
    "   {\"dateOfMeasurement\": \"2025-01-31\", \"veryUnsatisfied\": 0, \"unsatisfied\": 0, \"neutral\": 0,\n"
    "    \"satisfied\": 0, \"verySatisfied\": 0}]},\n"
    " {\"type\": \"OTHER\", \"importKey\": \"x\", \"title\": \"Pay\", \"unit\": \"s\", \"aggregationMethod\": \"SUM\",\n"
    "  \"dataPoints\": [{\"dateOfMeasurement\": \"2025-01-31\", \"value\": 3}]}\n"
    "]}";
  static const char *wheres[] = {
    "$.metrics[0]", "$.metrics[1]", "$.metrics[2].dataPoints[0]",
    "$.metrics[2].dataPoints[1]", "$.metrics[3]",
  };
  g_autoptr(GString) deep = g_string_new ("{\"format\": \"THEYDO_METRICS_V1\", \"metrics\": ");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfMetric) other = NULL;
  WfFiguresCounts counts;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_false (import_text (f, cases[i], NULL, FALSE, NULL, NULL, &error));
      g_assert_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_READ);
      g_clear_error (&error);
    }

  /* Nesting a hundred thousand deep is refused at once. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_false (import_text (f, deep->str, NULL, FALSE, NULL, NULL, &error));
  g_assert_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_READ);
  g_clear_error (&error);

  g_assert_false (import_text (f, bad_rows, NULL, FALSE, NULL, &problems, &error));
  g_assert_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_ROWS);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (wheres));
  for (guint i = 0; i < problems->len; i++)
    g_assert_cmpstr (((WfProblem *) g_ptr_array_index (problems, i))->where, ==, wheres[i]);
  g_assert_cmpuint (wf_undo_stack_get_length (wf_document_get_undo_stack (f->document)), ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_error (&error);

  /* Skipping the bad metrics imports the good one: a sum, in seconds. */
  g_assert_true (import_text (f, bad_rows, NULL, TRUE, &counts, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.rows_applied, ==, 1);
  g_assert_cmpuint (counts.rows_skipped, ==, 4);
  other = find_metric (f->pay, "Pay", "");
  g_assert_cmpstr (other->unit, ==, "s");
  assert_measurement (other, 0, 3, "2025-01-31");
}

static void
test_theydo_many (Fixture       *f,
                  gconstpointer  data)
{
  /* Twenty thousand metrics against five thousand cards: each metric
   * finds its cards in a table, not by reading every card's title. */
  g_autoptr(GString) json = g_string_new ("{\"format\": \"THEYDO_METRICS_V1\", \"metrics\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(WfMetric) last = NULL;
  WfLane *lane = wf_map_get_lane (f->map, 0);
  WfCard *card = NULL;
  WfFiguresCounts counts;

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("many%u", i);
      g_autofree char *title = g_strdup_printf ("Step %u", i);

      card = add_card (f, id, title, f->use, lane);
    }

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (json,
                            "%s{\"type\": \"OTHER\", \"importKey\": \"k%u\", \"title\": \"Step %u\", "
                            "\"unit\": \"s\", \"aggregationMethod\": \"SUM\", \"dataPoints\": ["
                            "{\"dateOfMeasurement\": \"2025-01-31\", \"value\": %u}]}",
                            i ? ", " : "", i, i % 5000, i);
  g_string_append (json, "]}");

  g_test_timer_start ();
  g_assert_true (wf_figures_import (f->document, NULL, json->str, json->len, NULL, FALSE,
                                    &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (g_test_timer_elapsed (), <, 10);
  g_assert_cmpuint (counts.rows_applied, ==, 20000);

  /* "Step 4999" gets its own metric "Step 4999", from four metrics of
   * that title: the last one's value stays. */
  last = find_metric (card, "Step 4999", "");
  g_assert_nonnull (last);
  assert_measurement (last, 0, 19999, "2025-01-31");
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GBytes **bytes = user_data;
  g_autoptr(GError) error = NULL;

  *bytes = wf_figures_load_file_finish (G_FILE (source), result, &error);
  g_assert_no_error (error);
}

/* Reading a file of figures: whole when small, not at all when its size
 * says too large, and no further than the limit when it says no size.
 */
static void
test_load_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-figures-XXXXXX", NULL);
  g_autofree char *small_path = g_build_filename (dir, "small.csv", NULL);
  g_autofree char *sparse_path = g_build_filename (dir, "sparse.csv", NULL);
  g_autoptr(GFile) small = g_file_new_for_path (small_path);
  g_autoptr(GFile) sparse = g_file_new_for_path (sparse_path);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/figures.csv");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  FILE *file;

  g_assert_true (g_file_set_contents (small_path, "phase,metric,value\nA,NPS,1\n", -1, NULL));
  bytes = wf_figures_load_file (small, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "phase,metric,value\nA,NPS,1\n", 27);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Ten times the limit, without a byte on disk: refused before reading. */
  file = g_fopen (sparse_path, "w");
  g_assert_nonnull (file);
  g_assert_cmpint (fseeko (file, 10 * (off_t) WF_SHEET_MAX_BYTES, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('\n', file), ==, '\n');
  g_assert_cmpint (fclose (file), ==, 0);
  g_test_timer_start ();
  g_assert_null (wf_figures_load_file (sparse, NULL, &error));
  g_assert_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_READ);
  g_assert_cmpstr (error->message, ==, "The file is larger than 64 MB; no import is that large.");
  g_assert_cmpfloat (g_test_timer_elapsed (), <, 0.1);
  g_clear_error (&error);

  /* A device of endless zeros says its size is nothing. */
  g_assert_null (wf_figures_load_file (zero, NULL, &error));
  g_assert_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_READ);
  g_clear_error (&error);

  g_assert_null (wf_figures_load_file (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* In a thread. */
  wf_figures_load_file_async (small, NULL, on_loaded, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 27);

  g_assert_cmpint (g_unlink (small_path), ==, 0);
  g_assert_cmpint (g_unlink (sparse_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/figures/libreoffice-nl", test_libreoffice, "figures-libreoffice-nl.csv");
  ADD ("/figures/libreoffice-en", test_libreoffice, "figures-libreoffice-en.csv");
  ADD ("/figures/excel-dutch", test_excel_dutch, NULL);
  ADD ("/figures/windows-1252", test_windows_1252, NULL);
  ADD ("/figures/broken", test_broken, NULL);
  ADD ("/figures/skip-bad", test_skip_bad, NULL);
  ADD ("/figures/merge-undo-reimport", test_merge_undo_reimport, NULL);
  ADD ("/figures/columns", test_columns, NULL);
  ADD ("/figures/spaces", test_spaces, NULL);
  ADD ("/figures/undated-and-dated", test_undated_and_dated, NULL);
  ADD ("/figures/persona", test_persona, NULL);
  ADD ("/figures/theydo", test_theydo, NULL);
  ADD ("/figures/theydo-broken", test_theydo_broken, NULL);
  ADD ("/figures/theydo-many", test_theydo_many, NULL);

#undef ADD

  g_test_add_func ("/figures/load-file", test_load_file);

  return g_test_run ();
}
