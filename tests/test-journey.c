/* test-journey.c — the .journey format: round trips and refused files
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "model/wf-templates.h"
#include "storage/wf-journey.h"
#include "storage/wf-number.h"
#include "storage/wf-quote.h"
#include "test-util.h"

static WfDocument *
load_ok (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  WfDocument *document;

  document = wf_journey_load_bytes (bytes, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (problems->len, ==, 0);

  return document;
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  if (!g_bytes_equal (a, b))
    {
      g_autofree char *sa = g_strndup (g_bytes_get_data (a, NULL), g_bytes_get_size (a));
      g_autofree char *sb = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));

      g_assert_cmpstr (sa, ==, sb);
    }
}

/* The canonical test document comes back byte for byte. */
static void
test_round_trip_rich (void)
{
  g_autoptr(GBytes) original = wf_test_read_data ("rich.journey");
  g_autoptr(WfDocument) document = load_ok (original);
  g_autoptr(GBytes) saved = wf_journey_to_bytes (document);
  WfMap *map;
  WfItem *card;
  JsonObject *extra;

  assert_bytes_equal (saved, original);

  /* And the content is what the file says. */
  g_assert_cmpuint (wf_document_get_n_personas (document), ==, 2);
  g_assert_cmpuint (wf_document_get_n_maps (document), ==, 2);
  map = wf_document_get_map (document, 0);
  g_assert_cmpuint (wf_map_get_n_lanes (map), ==, WF_N_LANE_KINDS);
  g_assert_cmpuint (wf_map_get_n_links (map), ==, 2);

  card = wf_document_lookup (document, "cd0");
  g_assert_true (WF_IS_CARD (card));
  g_assert_cmpint (wf_card_get_channel (WF_CARD (card)), ==, WF_CHANNEL_WEB);
  g_assert_cmpint (wf_card_get_contact (WF_CARD (card)), ==, WF_CONTACT_DIRECT);

  card = wf_document_lookup (document, "cd34");
  g_assert_cmpuint (g_utf8_strlen (wf_card_get_title (WF_CARD (card)), -1), ==, 5000);

  card = wf_document_lookup (document, "cd29");
  g_assert_cmpint (wf_card_get_emotion (WF_CARD (card)), ==, 2);
  card = wf_document_lookup (document, "cd30");
  g_assert_cmpint (wf_card_get_emotion (WF_CARD (card)), ==, WF_EMOTION_NONE);

  extra = wf_item_get_extra (WF_ITEM (document));
  g_assert_nonnull (extra);
  g_assert_true (json_object_has_member (extra, "x-future"));

  /* A card added to a cell after others keeps its place in the cell. */
  g_assert_cmpint (wf_map_get_card_index (map, WF_CARD (wf_document_lookup (document, "order-test"))),
                   ==, 4);
}


/* Figures over time come back byte for byte: measurements, targets, a
 * phase's metrics for everyone and per persona, dismissed findings.
 */
static void
test_round_trip_figures (void)
{
  g_autoptr(GBytes) original = wf_test_read_data ("figures.journey");
  g_autoptr(WfDocument) document = load_ok (original);
  g_autoptr(GBytes) saved = wf_journey_to_bytes (document);
  g_autoptr(GPtrArray) metrics = NULL;
  WfMap *map;
  WfMetric *metric;
  const WfMeasurement *latest;

  assert_bytes_equal (saved, original);

  metrics = wf_metrics_from_variant (wf_card_get_metrics (WF_CARD (wf_document_lookup (document, "c1"))));
  g_assert_cmpuint (metrics->len, ==, 2);
  metric = wf_metrics_find (metrics, "click-through", NULL);
  g_assert_cmpstr (metric->unit, ==, "%");
  g_assert_cmpint (metric->direction, ==, WF_DIRECTION_HIGHER);
  g_assert_true (metric->has_target);
  g_assert_cmpfloat (metric->target, ==, 2.5);
  g_assert_cmpuint (metric->measurements->len, ==, 2);
  latest = wf_metric_get_latest (metric);
  g_assert_cmpstr (latest->date, ==, "2026-10-31");
  g_assert_cmpfloat (latest->value, ==, 2.1);
  g_clear_pointer (&metrics, g_ptr_array_unref);

  metrics = wf_metrics_from_variant (wf_phase_get_metrics (WF_PHASE (wf_document_lookup (document, "p1"))));
  g_assert_cmpuint (metrics->len, ==, 4);
  g_assert_nonnull (wf_metrics_find (metrics, "bounce", ""));
  metric = wf_metrics_find (metrics, "csat", "anna");
  g_assert_nonnull (metric);
  g_assert_cmpstr (metric->persona, ==, "anna");
  g_assert_nonnull (wf_metrics_find (metrics, "csat", "bo"));
  g_assert_null (wf_metrics_find (metrics, "csat", ""));

  map = WF_MAP (wf_document_lookup (document, "m1"));
  g_assert_true (wf_map_is_dismissed (map, "pain-without-opportunity:c9"));
  g_assert_cmpuint (g_strv_length ((char **) wf_map_get_dismissed (map)), ==, 2);
  g_assert_cmpstr (wf_map_get_heat (map), ==, "csat");
}

static const char *
version_of (GBytes *bytes)
{
  const char *data = g_bytes_get_data (bytes, NULL);

  if (strstr (data, "\n  \"version\": 1,\n") != NULL)
    return "1";
  if (strstr (data, "\n  \"version\": 2,\n") != NULL)
    return "2";
  return "?";
}

static void
set_card_metrics (WfCard   *card,
                  WfMetric *metric)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new ();

  g_ptr_array_add (metrics, metric);
  wf_card_set_metrics (card, wf_metrics_to_variant (metrics));
}

/* Version 2 only when a version 1 reader would refuse the file: a card
 * metric that is more than a number. Figures elsewhere are members a
 * version 1 reader keeps.
 */
static void
test_version_written (void)
{
  g_autoptr(GBytes) rich = wf_test_read_data ("rich.journey");
  g_autoptr(WfDocument) document = load_ok (rich);
  WfCard *card = WF_CARD (wf_document_lookup (document, "cd33"));
  WfPhase *phase = WF_PHASE (wf_document_lookup (document, "ph0"));
  g_autoptr(WfMetric) metric = wf_metric_new ("nps");
  g_autoptr(GBytes) bytes = NULL;
  const char *keys[] = { "a", NULL };

  bytes = wf_journey_to_bytes (document);
  g_assert_cmpstr (version_of (bytes), ==, "1");

  /* Phase metrics, a persona's too, and dismissals: still 1. */
  wf_metric_set_measurement (metric, 3, "2026-10-31");
  metric->direction = WF_DIRECTION_HIGHER;
  {
    g_autoptr(GPtrArray) list = g_ptr_array_new ();
    g_autoptr(WfMetric) persona = wf_metric_copy (metric);

    g_free (persona->persona);
    persona->persona = g_strdup ("anna");
    g_ptr_array_add (list, metric);
    g_ptr_array_add (list, persona);
    wf_phase_set_metrics (phase, wf_metrics_to_variant (list));
  }
  wf_map_set_dismissed (wf_document_get_map (document, 0), keys);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = wf_journey_to_bytes (document);
  g_assert_cmpstr (version_of (bytes), ==, "1");

  /* A card metric with one undated value is a number: still 1. */
  {
    g_autoptr(WfMetric) plain = wf_metric_new ("visits");

    wf_metric_set_measurement (plain, 12, NULL);
    set_card_metrics (card, plain);
  }
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = wf_journey_to_bytes (document);
  g_assert_cmpstr (version_of (bytes), ==, "1");
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"visits\": 12\n"));

  /* A unit, a date, a target, a direction or no value at all: 2. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(WfMetric) rich_metric = wf_metric_new ("visits");
      g_autoptr(WfDocument) again = NULL;
      g_autoptr(GBytes) again_bytes = NULL;

      if (i != 4)
        wf_metric_set_measurement (rich_metric, 12, i == 1 ? "2026-10-31" : NULL);
      if (i == 0)
        {
          g_free (rich_metric->unit);
          rich_metric->unit = g_strdup ("count");
        }
      rich_metric->has_target = i == 2;
      rich_metric->direction = i == 3 ? WF_DIRECTION_LOWER : WF_DIRECTION_NONE;
      set_card_metrics (card, rich_metric);

      g_clear_pointer (&bytes, g_bytes_unref);
      bytes = wf_journey_to_bytes (document);
      g_assert_cmpstr (version_of (bytes), ==, "2");

      again = load_ok (bytes);
      again_bytes = wf_journey_to_bytes (again);
      assert_bytes_equal (again_bytes, bytes);
    }
}

/* A file written by another tool — one line, every character escaped — reads
 * the same and is then written canonically.
 */
static void
test_round_trip_compact (void)
{
  g_autoptr(GBytes) compact = wf_test_read_data ("compact.journey");
  g_autoptr(GBytes) canonical = wf_test_read_data ("rich.journey");
  g_autoptr(WfDocument) document = load_ok (compact);
  g_autoptr(GBytes) saved = wf_journey_to_bytes (document);
  g_autoptr(WfDocument) again = load_ok (saved);
  g_autoptr(GBytes) saved_again = wf_journey_to_bytes (again);

  assert_bytes_equal (saved, canonical);
  assert_bytes_equal (saved_again, saved);
}

static void
test_round_trip_templates (void)
{
  const char * const *ids = wf_templates_get_ids ();
  const char *langs[] = { "en", "nl" };

  for (guint i = 0; ids[i]; i++)
    {
      for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
        {
          g_autoptr(WfDocument) document = wf_templates_create (ids[i], langs[l]);
          g_autoptr(GBytes) first = wf_journey_to_bytes (document);
          g_autoptr(WfDocument) loaded = load_ok (first);
          g_autoptr(GBytes) second = wf_journey_to_bytes (loaded);

          assert_bytes_equal (second, first);
        }
    }
}

static void
test_save_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.journey", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "map.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (missing);
  g_autoptr(WfDocument) document = wf_templates_create ("funnel", "nl");
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) loaded = NULL;

  g_assert_true (wf_journey_save_file (document, file, NULL, &error));
  g_assert_no_error (error);

  loaded = wf_journey_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wf_document_get_title (loaded), ==, "Klantreis als trechter");

  /* A failed save names the file and the reason, and changes nothing. */
  g_assert_false (wf_journey_save_file (document, bad, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "map.journey"));
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* No temporary files are left beside the saved one. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (d)))
      n++;
    g_assert_cmpuint (n, ==, 1);
  }

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  const char *name;
  const char *data;
  int         code;
  const char *where;     /* a substring of the first problem's place */
  const char *message;   /* a substring of its message */
} BadCase;

#define HEAD "{\"format\":\"wayfinder-journey\",\"version\":1,"
#define MAP(body) HEAD "\"maps\":[{\"id\":\"m\"," body "}]}"
#define PHASES "\"phases\":[{\"id\":\"p\",\"name\":\"P\"}]"
#define LANES "\"lanes\":[{\"id\":\"l\",\"kind\":\"touchpoints\"}]"

static const BadCase bad_cases[] = {
  { "not-json", "this is not json", WF_JOURNEY_ERROR_SYNTAX, "line 1", "" },
  { "truncated", HEAD "\"maps\":[{\"id\":\"m\"", WF_JOURNEY_ERROR_SYNTAX, "line 1", "truncated" },
  { "truncated-string", HEAD "\"title\":\"abc", WF_JOURNEY_ERROR_SYNTAX, "line 1", "truncated" },
  { "empty", "", WF_JOURNEY_ERROR_SYNTAX, "line 1", "empty" },
  { "whitespace", " \n\t ", WF_JOURNEY_ERROR_SYNTAX, "line 2", "empty" },
  { "not-object", "[1, 2, 3]", WF_JOURNEY_ERROR_FORMAT, "$", "instead of an object" },
  { "string-root", "\"journey\"", WF_JOURNEY_ERROR_FORMAT, "$", "instead of an object" },
  { "other-format", "{\"format\":\"drawio\",\"version\":1,\"maps\":[]}", WF_JOURNEY_ERROR_FORMAT, "$.format", "drawio" },
  { "no-format", "{\"version\":1,\"maps\":[]}", WF_JOURNEY_ERROR_FORMAT, "$.format", "missing" },
  { "newer-version", "{\"format\":\"wayfinder-journey\",\"version\":3,\"maps\":[]}", WF_JOURNEY_ERROR_VERSION, "$.version", "newer version" },
  { "bad-version", "{\"format\":\"wayfinder-journey\",\"version\":\"1\",\"maps\":[]}", WF_JOURNEY_ERROR_INVALID, "$.version", "whole number" },
  { "missing-maps", HEAD "\"title\":\"x\"}", WF_JOURNEY_ERROR_INVALID, "$", "“maps” is missing" },
  { "missing-id", HEAD "\"maps\":[{\"title\":\"m\"}]}", WF_JOURNEY_ERROR_INVALID, "$.maps[0]", "“id” is missing" },
  { "empty-id", HEAD "\"maps\":[{\"id\":\"\"}]}", WF_JOURNEY_ERROR_INVALID, "$.maps[0].id", "empty" },
  { "missing-phase-name", MAP ("\"phases\":[{\"id\":\"p\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].phases[0]", "“name” is missing" },
  { "wrong-type-title", HEAD "\"title\":42,\"maps\":[]}", WF_JOURNEY_ERROR_INVALID, "$.title", "Expected a text, found a number" },
  { "wrong-type-maps", HEAD "\"maps\":{}}", WF_JOURNEY_ERROR_INVALID, "$.maps", "Expected a list, found an object" },
  { "wrong-type-element", HEAD "\"maps\":[7]}", WF_JOURNEY_ERROR_INVALID, "$.maps[0]", "Expected an object" },
  { "wrong-type-collapsed", MAP ("\"lanes\":[{\"id\":\"l\",\"kind\":\"notes\",\"collapsed\":\"yes\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].lanes[0].collapsed", "true or false" },
  { "wrong-type-tags", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"tags\":[1]}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].tags[0]", "Expected a text" },
  { "wrong-type-metric", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"metrics\":{\"nps\":\"high\"}}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].metrics.nps", "a number" },
  { "duplicate-id", MAP (PHASES ",\"lanes\":[{\"id\":\"p\",\"kind\":\"notes\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].lanes[0].id", "“p” is used by another item" },
  { "duplicate-map-id", HEAD "\"personas\":[{\"id\":\"m\",\"name\":\"M\"}],\"maps\":[{\"id\":\"m\"}]}", WF_JOURNEY_ERROR_INVALID, "$.maps[0].id", "used by another" },
  { "card-unknown-phase", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"nope\",\"lane\":\"l\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].phase", "phase “nope”, which does not exist" },
  { "card-missing-phase", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"lane\":\"l\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0]", "“phase” is missing" },
  { "card-unknown-lane", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l9\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].lane", "lane “l9”" },
  { "card-lane-is-phase", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"p\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].lane", "does not exist" },
  { "lane-unknown-persona", MAP ("\"lanes\":[{\"id\":\"l\",\"kind\":\"notes\",\"persona\":\"ghost\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].lanes[0].persona", "persona “ghost”" },
  { "link-unknown-card", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\"}],\"links\":[{\"id\":\"k\",\"from\":\"c\",\"to\":\"zz\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].links[0].to", "card “zz”" },
  { "emotion-range", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"emotion\":3}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].emotion", "out of range" },
  { "emotion-float", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"emotion\":1.5}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].emotion", "whole number" },
  { "votes-negative", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"votes\":-1}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].votes", "out of range" },
  { "bad-color", HEAD "\"personas\":[{\"id\":\"a\",\"name\":\"A\",\"color\":\"red\"}],\"maps\":[]}", WF_JOURNEY_ERROR_INVALID, "$.personas[0].color", "“red” is not a colour" },
  { "bad-color-short", MAP ("\"phases\":[{\"id\":\"p\",\"name\":\"P\",\"color\":\"#fff\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].phases[0].color", "#rrggbb" },
  { "unknown-kind", MAP ("\"lanes\":[{\"id\":\"l\",\"kind\":\"feelings\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].lanes[0].kind", "“feelings” is not a kind of lane" },
  { "unknown-channel", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"channel\":\"fax\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].channel", "“fax” is not a channel" },
  { "unknown-contact", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"contact\":\"both\"}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].contact", "direct or indirect" },
  { "bad-date", HEAD "\"created\":\"yesterday\",\"maps\":[]}", WF_JOURNEY_ERROR_INVALID, "$.created", "not a date" },
  { "invalid-utf8", HEAD "\"title\":\"caf\xe9\",\"maps\":[]}", WF_JOURNEY_ERROR_SYNTAX, "line 1, column 55", "UTF-8" },
  { "integer-overflow", HEAD "\"maps\":[],\"x\":99999999999999999999}", WF_JOURNEY_ERROR_SYNTAX, "line 1", "too large" },
  { "float-overflow", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"metrics\":{\"n\":1e999}}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].metrics.n", "too large" },
  { "float-overflow-unknown", HEAD "\"maps\":[],\"x\":[-1E+400]}", WF_JOURNEY_ERROR_INVALID, "$.x", "too large" },
  { "emotion-infinite", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"emotion\":1e999}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].emotion", "The number is out of range" },
  { "votes-infinite", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"votes\":-1E+999}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].votes", "The number is out of range" },
  { "width-infinite", MAP ("\"phases\":[{\"id\":\"p\",\"name\":\"P\",\"width\":1e999}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].phases[0].width", "The number is out of range" },
  { "height-infinite", MAP ("\"lanes\":[{\"id\":\"l\",\"kind\":\"notes\",\"height\":-1e999}]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].lanes[0].height", "The number is out of range" },
  { "version-infinite", "{\"format\":\"wayfinder-journey\",\"version\":1e999,\"maps\":[]}", WF_JOURNEY_ERROR_INVALID, "$.version", "The number is out of range" },
  { "title-infinite", HEAD "\"title\":1e999,\"maps\":[]}", WF_JOURNEY_ERROR_INVALID, "$.title", "The number is out of range" },
  { "integer-out-of-range", HEAD "\"maps\":[],\"x\":-99999999999999999999}", WF_JOURNEY_ERROR_SYNTAX, "line 1, column 57", "The number is out of range" },
  { "votes-overflow", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"votes\":4294967296}]"), WF_JOURNEY_ERROR_INVALID, "votes", "out of range" },
  { "trailing-garbage", HEAD "\"maps\":[]} {}", WF_JOURNEY_ERROR_SYNTAX, "line 1", "more content" },
  { "trailing-comma", HEAD "\"maps\":[],}", WF_JOURNEY_ERROR_SYNTAX, "line 1", "" },
  { "missing-colon", "{\"format\" \"x\"}", WF_JOURNEY_ERROR_SYNTAX, "line 1", "colon" },
  { "duplicate-member", HEAD "\"maps\":[],\"title\":\"a\",\"title\":\"b\"}", WF_JOURNEY_ERROR_SYNTAX, "line 1, column 1", "“title” appears twice" },
  { "bad-escape", HEAD "\"title\":\"a\\qb\",\"maps\":[]}", WF_JOURNEY_ERROR_SYNTAX, "line 1", "invalid escape" },
  { "lone-surrogate", HEAD "\"title\":\"\\ud83d\",\"maps\":[]}", WF_JOURNEY_ERROR_SYNTAX, "line 1", "\\u escape" },
  { "escaped-nul", HEAD "\"title\":\"a\\u0000b\",\"maps\":[]}", WF_JOURNEY_ERROR_SYNTAX, "line 1", "NUL character" },
  { "control-char", HEAD "\"title\":\"a\tb\",\"maps\":[]}", WF_JOURNEY_ERROR_SYNTAX, "line 1", "control character" },
  { "leading-zero", HEAD "\"maps\":[],\"x\":012}", WF_JOURNEY_ERROR_SYNTAX, "line 1", "number is malformed" },
  { "refused-map-then-reference", HEAD "\"maps\":[{\"id\":\"m0\",\"phases\":[{\"id\":\"p0\",\"name\":\"P\"}],\"lanes\":[{\"id\":\"l0\",\"kind\":\"bogus\"}]},{\"id\":\"m1\",\"lanes\":[{\"id\":\"l1\",\"kind\":\"notes\",\"persona\":\"p0\"}],\"cards\":[{\"id\":\"c1\",\"phase\":\"p0\",\"lane\":\"l1\"}]}]}", WF_JOURNEY_ERROR_INVALID, "$.maps[0].lanes[0].kind", "not a kind of lane" },
  { "odd-member-name", HEAD "\"maps\":[],\"a.b\":{\"c\":[1e999]}}", WF_JOURNEY_ERROR_INVALID, "$[\"a.b\"]", "too large" },
  { "votes-decimal", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"votes\":1.5}]"), WF_JOURNEY_ERROR_INVALID, "votes", "whole number, found a decimal number" },
  { "bare-point", HEAD "\"maps\":[],\"x\":1.}", WF_JOURNEY_ERROR_SYNTAX, "line 1", "number is malformed" },
  { "bad-literal", HEAD "\"maps\":[],\"x\":tru}", WF_JOURNEY_ERROR_SYNTAX, "line 1", "Unexpected word" },
#define CARD_METRICS(body) MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"metrics\":{\"nps\":" body "}}]")
#define PHASE_METRICS(body) HEAD "\"personas\":[{\"id\":\"a\",\"name\":\"A\"}],\"maps\":[{\"id\":\"m\",\"phases\":[{\"id\":\"p\",\"name\":\"P\"," body "}]}]}"
  { "metric-bad-date", CARD_METRICS ("{\"values\":[{\"date\":\"2026-02-30\",\"value\":1}]}"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].metrics.nps.values[0].date", "“2026-02-30” is not a date" },
  { "metric-duplicate-date", CARD_METRICS ("{\"values\":[{\"date\":\"2026-10-31\",\"value\":1},{\"date\":\"2026-10-31\",\"value\":2}]}"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].metrics.nps.values[1].date", "another value on 2026-10-31" },
  { "metric-duplicate-undated", CARD_METRICS ("{\"values\":[{\"value\":1},{\"value\":2}]}"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].metrics.nps.values[1]", "another value without a date" },
  { "metric-unknown-direction", CARD_METRICS ("{\"direction\":\"up\",\"values\":[]}"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].metrics.nps.direction", "“up” is not a direction" },
  { "metric-value-text", CARD_METRICS ("{\"values\":[{\"value\":\"3,4\"}]}"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].metrics.nps.values[0].value", "Expected a number, found a text" },
  { "metric-no-value", CARD_METRICS ("{\"values\":[{\"date\":\"2026-10-31\"}]}"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].metrics.nps.values[0]", "“value” is missing" },
  { "metric-target-text", CARD_METRICS ("{\"target\":\"high\"}"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].metrics.nps.target", "Expected a number" },
  { "metric-unknown-member", CARD_METRICS ("{\"source\":\"crm\"}"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].metrics.nps.source", "not a member of a metric" },
  { "metric-bool", CARD_METRICS ("true"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].cards[0].metrics.nps", "Expected a number, found true or false" },
  { "phase-metrics-list", PHASE_METRICS ("\"metrics\":[]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].phases[0].metrics", "Expected an object, found a list" },
  { "phase-metric-bad-date", PHASE_METRICS ("\"metrics\":{\"csat\":{\"values\":[{\"date\":\"31-10-2026\",\"value\":4}]}}"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].phases[0].metrics.csat.values[0].date", "not a date" },
  { "phase-metric-no-persona", PHASE_METRICS ("\"persona_metrics\":{\"b\":{\"csat\":4}}"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].phases[0].persona_metrics.b", "refer to persona “b”, which does not exist" },
  { "phase-metric-persona-text", PHASE_METRICS ("\"persona_metrics\":{\"a\":4}"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].phases[0].persona_metrics.a", "Expected an object, found a number" },
  { "dismissed-number", MAP ("\"dismissed\":[\"a\",2]"), WF_JOURNEY_ERROR_INVALID, "$.maps[0].dismissed[1]", "Expected a text, found a number" },
  { "multiline", "{\n  \"format\": \"wayfinder-journey\",\n  \"version\": 1\n  \"maps\": []\n}", WF_JOURNEY_ERROR_SYNTAX, "line 4", "comma" },
};

/* A version 1 file that already holds a metric object is read all the
 * same (and written as version 2).
 */
static void
test_version_1_lenient (void)
{
  const char *data = HEAD "\"maps\":[{\"id\":\"m\"," PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"metrics\":{\"nps\":{\"unit\":\"score\",\"values\":[{\"value\":8}]}}}]}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, strlen (data));
  g_autoptr(WfDocument) document = load_ok (bytes);
  g_autoptr(GBytes) saved = wf_journey_to_bytes (document);
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_card_get_metrics (WF_CARD (wf_document_lookup (document, "c"))));

  g_assert_cmpuint (metrics->len, ==, 1);
  g_assert_cmpstr (((WfMetric *) metrics->pdata[0])->unit, ==, "score");
  g_assert_cmpstr (version_of (saved), ==, "2");
}

/* Values out of date order are read in the model's order. */
static void
test_metric_values_sorted (void)
{
  const char *data = HEAD "\"maps\":[{\"id\":\"m\"," PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"metrics\":{\"nps\":{\"values\":[{\"date\":\"2026-10-31\",\"value\":2},{\"value\":0},{\"date\":\"2026-01-31\",\"value\":1}]}}}]}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, strlen (data));
  g_autoptr(WfDocument) document = load_ok (bytes);
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_card_get_metrics (WF_CARD (wf_document_lookup (document, "c"))));
  WfMetric *metric = metrics->pdata[0];

  g_assert_cmpuint (metric->measurements->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (g_array_index (metric->measurements, WfMeasurement, i).value, ==, i);
}

static void
check_bad (const char *name,
           GBytes     *bytes,
           int         code,
           const char *where,
           const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(WfDocument) document = NULL;
  WfProblem *first;

  g_test_message ("case %s", name);
  document = wf_journey_load_bytes (bytes, &problems, &error);
  g_assert_null (document);
  g_assert_error (error, WF_JOURNEY_ERROR, code);
  g_assert_cmpuint (problems->len, >, 0);

  first = g_ptr_array_index (problems, 0);
  if (strstr (first->where, where) == NULL || strstr (first->message, message) == NULL)
    g_error ("case %s: got “%s: %s”, expected “%s” and “%s”",
             name, first->where, first->message, where, message);

  /* The error names the place too, for a dialog. */
  g_assert_nonnull (strstr (error->message, first->where));
}

static void
test_bad_input (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(GBytes) bytes = g_bytes_new_static (c->data, strlen (c->data));

      check_bad (c->name, bytes, c->code, c->where, c->message);
    }
}

static void
test_bad_nul (void)
{
  static const char data[] = HEAD "\"title\":\"a\0b\",\"maps\":[]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, sizeof data - 1);

  check_bad ("nul", bytes, WF_JOURNEY_ERROR_SYNTAX, "line 1", "NUL");
}

static void
test_bad_deep_nesting (void)
{
  g_autoptr(GString) deep = g_string_new (HEAD "\"maps\":[],\"x\":");

  /* Deep enough to exhaust the stack of a recursive parser. */
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deep, '[');

  {
    g_autoptr(GBytes) bytes = g_bytes_new (deep->str, deep->len);
    check_bad ("deep", bytes, WF_JOURNEY_ERROR_SYNTAX, "line 1", "nested");
  }
}

/* Regression (issue #14): a byte order mark, which Notepad writes at the
 * start of UTF-8 text, is skipped; it was “line 1, column 1: Unexpected
 * word”. Places after it are counted as an editor shows them.
 */
static void
test_byte_order_mark (void)
{
  g_autoptr(GBytes) plain = wf_test_read_data ("compact.journey");
  g_autoptr(GByteArray) marked = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(WfDocument) plain_document = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) plain_saved = NULL;
  g_autoptr(GBytes) broken = g_bytes_new_static ("\xef\xbb\xbf{\"format\" \"x\"}", 17);
  g_autoptr(GBytes) only = g_bytes_new_static ("\xef\xbb\xbf\n", 4);
  g_autoptr(GBytes) twice = g_bytes_new_static ("\xef\xbb\xbf\xef\xbb\xbf{}", 8);

  g_byte_array_append (marked, (const guint8 *) "\xef\xbb\xbf", 3);
  g_byte_array_append (marked, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&marked));

  /* Read as without it; saved without it. */
  document = load_ok (bytes);
  plain_document = load_ok (plain);
  saved = wf_journey_to_bytes (document);
  plain_saved = wf_journey_to_bytes (plain_document);
  assert_bytes_equal (saved, plain_saved);

  check_bad ("bom-then-missing-colon", broken, WF_JOURNEY_ERROR_SYNTAX, "line 1, column 11", "colon");
  check_bad ("bom-only", only, WF_JOURNEY_ERROR_SYNTAX, "line 2", "empty");
  check_bad ("bom-twice", twice, WF_JOURNEY_ERROR_SYNTAX, "line 1, column 1", "");
}

/* Several problems are all reported, each with its place. */
static void
test_many_problems (void)
{
  static const char data[] =
    MAP ("\"phases\":[{\"id\":\"p\",\"name\":\"P\",\"color\":\"blue\"}]," LANES ","
         "\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"x\",\"emotion\":9}]");
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, sizeof data - 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = wf_journey_load_bytes (bytes, &problems, &error);

  g_assert_null (document);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpstr (((WfProblem *) problems->pdata[0])->where, ==, "$.maps[0].phases[0].color");
  g_assert_cmpstr (((WfProblem *) problems->pdata[1])->where, ==, "$.maps[0].cards[0].lane");
  g_assert_cmpstr (((WfProblem *) problems->pdata[2])->where, ==, "$.maps[0].cards[0].emotion");
  g_assert_nonnull (strstr (error->message, "and 2 more problems"));
}

/* More problems than are kept: the first are whole, all are counted. */
static void
test_too_many_problems (void)
{
  const guint n = WF_PROBLEMS_MAX_KEPT + 5;
  g_autoptr(GString) data = g_string_new (HEAD "\"maps\":[{\"id\":\"m\"," PHASES "," LANES ",\"cards\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autofree char *more = g_strdup_printf ("(and %u more problems)", n - 1);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (data, "%s{\"id\":\"c%u\",\"phase\":\"p\",\"lane\":\"l\",\"emotion\":9}",
                            i > 0 ? "," : "", i);
  g_string_append (data, "]}]}");
  bytes = g_bytes_new (data->str, data->len);
  document = wf_journey_load_bytes (bytes, &problems, &error);

  g_assert_null (document);
  g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "$.maps[0].cards[0].emotion: "));
  g_assert_true (g_str_has_suffix (error->message, more));
  g_assert_cmpuint (problems->len, ==, WF_PROBLEMS_MAX_KEPT);
  g_assert_cmpstr (((WfProblem *) problems->pdata[WF_PROBLEMS_MAX_KEPT - 1])->where, ==,
                   "$.maps[0].cards[999].emotion");
}

/* A million problems are counted in little memory. */
static void
test_problems_collector (void)
{
  g_autoptr(WfProblems) problems = wf_problems_new (3);
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) only = NULL;
  g_autoptr(WfProblems) one = wf_problems_new (1);

  g_assert_cmpuint (wf_problems_get_count (problems), ==, 0);
  for (guint i = 0; i < 1000000; i++)
    {
      g_assert_true (wf_problems_keeps_next (problems) == (i < 3));
      wf_problems_add (problems, i == 0 ? WF_JOURNEY_ERROR_VERSION : WF_JOURNEY_ERROR_INVALID,
                       "here", "cards", i == 1 ? "c1" : NULL, i == 1 ? "lane" : NULL,
                       "Problem %u", i);
    }

  g_assert_cmpuint (wf_problems_get_count (problems), ==, 1000000);
  g_assert_cmpint (wf_problems_get_code (problems), ==, WF_JOURNEY_ERROR_VERSION);
  wf_problems_set_error (problems, &error, WF_JOURNEY_ERROR);
  g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_VERSION);
  g_assert_cmpstr (error->message, ==, "here: Problem 0 (and 999999 more problems)");

  kept = wf_problems_steal (problems);
  g_assert_cmpuint (kept->len, ==, 3);
  g_assert_cmpstr (((WfProblem *) kept->pdata[1])->message, ==, "Problem 1");
  g_assert_cmpstr (((WfProblem *) kept->pdata[1])->table, ==, "cards");
  g_assert_cmpstr (((WfProblem *) kept->pdata[1])->row, ==, "c1");
  g_assert_cmpstr (((WfProblem *) kept->pdata[1])->column, ==, "lane");
  g_assert_cmpstr (((WfProblem *) kept->pdata[2])->message, ==, "Problem 2");
  g_assert_null (((WfProblem *) kept->pdata[2])->row);

  /* Without a place, the message alone; "none" after clearing. */
  wf_problems_add (one, 7, NULL, NULL, NULL, NULL, "Line %u: wrong", 3);
  wf_problems_add (one, 8, NULL, NULL, NULL, NULL, "Line %u: wrong", 4);
  wf_problems_set_error (one, &only, WF_JOURNEY_ERROR);
  g_assert_error (only, WF_JOURNEY_ERROR, 7);
  g_assert_cmpstr (only->message, ==, "Line 3: wrong (and 1 more problem)");
  wf_problems_clear (one);
  g_assert_cmpuint (wf_problems_get_count (one), ==, 0);
  g_assert_cmpint (wf_problems_get_code (one), ==, 0);
  g_assert_true (wf_problems_keeps_next (one));
}

/* The excerpt a message quotes: short, one line, cut between characters. */
static void
test_quote_excerpt (void)
{
  g_autoptr(GString) long_ascii = g_string_new (NULL);
  g_autoptr(GString) long_utf8 = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  struct {
    const char *text;
    gssize      length;
    const char *excerpt;
  } cases[] = {
    { "#12345", -1, "#12345" },
    { "", -1, "" },
    { NULL, -1, "" },
    { "two\nlines\r\tand\x1b[31m", -1, "two\\nlines\\r\\tand\\u001B[31m" },
    { "a\xc2\x85" "b", -1, "a\\u0085b" },                          /* next line, a C1 control */
    { "a\xe2\x80\xa8" "b", -1, "a\\u2028b" },                     /* line separator */
    { "abc\xe2\x80\xae" "cba", -1, "abc\\u202Ecba" },          /* right-to-left override */
    { "caf\xe9 \xf0\x9f", -1, "caf\\xE9 \\xF0\\x9F" },         /* not UTF-8 */
    { "a\0b", 3, "a\\x00b" },
    { "abcdef", 3, "abc" },
    { "café 🙂 ok", -1, "café 🙂 ok" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *excerpt = wf_quote_excerpt_len (cases[i].text, cases[i].length, WF_QUOTE_MAX_CHARS);

      g_assert_cmpstr (excerpt, ==, cases[i].excerpt);
    }

  /* Exactly the limit: whole; one more: cut, with an ellipsis. */
  for (guint i = 0; i < WF_QUOTE_MAX_CHARS; i++)
    g_string_append_c (long_ascii, 'a');
  {
    g_autofree char *whole = wf_quote_excerpt (long_ascii->str);

    g_assert_cmpstr (whole, ==, long_ascii->str);
  }
  g_string_append (expected, long_ascii->str);
  g_string_append (expected, "…");
  g_string_append_c (long_ascii, 'b');
  {
    g_autofree char *cut = wf_quote_excerpt (long_ascii->str);

    g_assert_cmpstr (cut, ==, expected->str);
  }

  /* An escape is never cut in two. */
  g_string_truncate (long_ascii, WF_QUOTE_MAX_CHARS - 1);
  g_string_append_c (long_ascii, '\n');
  {
    g_autofree char *cut = wf_quote_excerpt (long_ascii->str);

    g_assert_true (g_str_has_suffix (cut, "a…"));
    g_assert_cmpint (g_utf8_strlen (cut, -1), ==, WF_QUOTE_MAX_CHARS);
  }

  /* A million characters of two and three bytes: cut between them. */
  for (guint i = 0; i < 500000; i++)
    g_string_append (long_utf8, "é€");
  {
    g_autofree char *cut = wf_quote_excerpt (long_utf8->str);

    g_assert_true (g_utf8_validate (cut, -1, NULL));
    g_assert_cmpint (g_utf8_strlen (cut, -1), ==, WF_QUOTE_MAX_CHARS + 1);
    g_assert_true (g_str_has_prefix (cut, "é€é€"));
    g_assert_true (g_str_has_suffix (cut, "€…"));
  }
}

/* Regression (issue #14): a file with a value of a megabyte where a colour,
 * an id, a keyword or a date belongs gets a short message of one line that
 * quotes the value's beginning; a dialog showing the whole value hung the
 * app in Pango for minutes.
 */
static void
test_long_values (void)
{
  /* @V@ stands for the value, in JSON. */
  static const struct {
    const char *name;
    const char *json;
  } cases[] = {
    { "phase-color", MAP ("\"phases\":[{\"id\":\"p\",\"name\":\"P\",\"color\":\"@V@\"}]") },
    { "persona-color", HEAD "\"personas\":[{\"id\":\"a\",\"name\":\"A\",\"color\":\"@V@\"}],\"maps\":[]}" },
    { "card-color", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"color\":\"@V@\"}]") },
    { "duplicate-id", HEAD "\"personas\":[{\"id\":\"@V@\",\"name\":\"A\"},{\"id\":\"@V@\",\"name\":\"B\"}],\"maps\":[]}" },
    { "card-phase", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"@V@\",\"lane\":\"l\"}]") },
    { "card-lane", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"@V@\"}]") },
    { "lane-persona", MAP ("\"lanes\":[{\"id\":\"l\",\"kind\":\"notes\",\"persona\":\"@V@\"}]") },
    { "link-from", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\"}],\"links\":[{\"id\":\"k\",\"from\":\"@V@\",\"to\":\"c\"}]") },
    { "link-to", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\"}],\"links\":[{\"id\":\"k\",\"from\":\"c\",\"to\":\"@V@\"}]") },
    { "lane-kind", MAP ("\"lanes\":[{\"id\":\"l\",\"kind\":\"@V@\"}]") },
    { "channel", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"channel\":\"@V@\"}]") },
    { "contact", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"contact\":\"@V@\"}]") },
    { "created", HEAD "\"created\":\"@V@\",\"maps\":[]}" },
    { "modified", HEAD "\"modified\":\"@V@\",\"maps\":[]}" },
    { "format", "{\"format\":\"@V@\",\"version\":1,\"maps\":[]}" },
    { "duplicate-member", HEAD "\"maps\":[],\"@V@\":1,\"@V@\":2}" },
    { "member-in-path", MAP (PHASES "," LANES ",\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"metrics\":{\"@V@\":\"high\"}}]") },
    { "unknown-member-in-path", HEAD "\"maps\":[],\"@V@\":[1e999]}" },
  };
  g_autoptr(GString) value = g_string_new ("Start-é\\n\\u001b");

  /* A million characters, a newline and an escape among the first. */
  while (value->len < 1000000)
    g_string_append (value, "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) json = g_string_new (cases[i].json);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(WfDocument) document = NULL;
      gint64 start = g_get_monotonic_time ();

      g_test_message ("case %s", cases[i].name);
      g_string_replace (json, "@V@", value->str, 0);
      bytes = g_bytes_new (json->str, json->len);
      document = wf_journey_load_bytes (bytes, &problems, &error);

      g_assert_null (document);
      g_assert_nonnull (error);
      g_assert_cmpuint (problems->len, >, 0);
      g_test_message ("%s", error->message);

      /* Short, one line, with the value's beginning and an ellipsis. */
      g_assert_cmpuint (strlen (error->message), <, 300);
      g_assert_null (strchr (error->message, '\n'));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, "Start-é\\n\\u001BZZZZZZZZZZ"));
      g_assert_nonnull (strstr (error->message, "ZZ…"));

      for (guint j = 0; j < problems->len; j++)
        {
          WfProblem *problem = g_ptr_array_index (problems, j);

          g_assert_cmpuint (strlen (problem->where), <, 200);
          g_assert_cmpuint (strlen (problem->message), <, 300);
          g_assert_null (strchr (problem->where, '\n'));
          g_assert_null (strchr (problem->message, '\n'));
        }

      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
    }
}

/* Unknown members of a newer minor version survive a save. */
static void
test_unknown_members (void)
{
  static const char data[] =
    "{\"format\":\"wayfinder-journey\",\"version\":1,\"z-top\":[1,{\"a\":null}],\"maps\":[{\"id\":\"m\","
    "\"phases\":[{\"id\":\"p\",\"name\":\"P\",\"z-phase\":true}],"
    "\"lanes\":[{\"id\":\"l\",\"kind\":\"emotions\",\"z-lane\":{}}],"
    "\"cards\":[{\"id\":\"c\",\"phase\":\"p\",\"lane\":\"l\",\"emotion\":-2,\"z-card\":0.5,\"a-first\":\"x\"}],"
    "\"z-map\":\"kept\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, sizeof data - 1);
  g_autoptr(WfDocument) document = load_ok (bytes);
  g_autoptr(GBytes) saved = wf_journey_to_bytes (document);
  g_autofree char *text = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  const char *z_card, *a_first, *tags;

  g_assert_nonnull (strstr (text, "\"z-top\": [\n    1,\n    {\n      \"a\": null\n    }\n  ]"));
  g_assert_nonnull (strstr (text, "\"z-phase\": true"));
  g_assert_nonnull (strstr (text, "\"z-lane\": {}"));
  g_assert_nonnull (strstr (text, "\"z-map\": \"kept\""));

  /* Unknown members follow the known ones, in their original order. */
  z_card = strstr (text, "\"z-card\": 0.5");
  a_first = strstr (text, "\"a-first\": \"x\"");
  tags = strstr (text, "\"tags\": []");
  g_assert_nonnull (z_card);
  g_assert_true (tags < z_card && z_card < a_first);
}

/* Every byte of a valid file can be cut off: no prefix crashes, and none
 * but the whole (or the whole without its final newline) loads.
 */
static void
test_every_prefix (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("three-phases", "en");
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
  gsize len = g_bytes_get_size (bytes);
  const char *data = g_bytes_get_data (bytes, NULL);

  for (gsize i = 0; i < len - 1; i++)
    {
      g_autoptr(GBytes) prefix = g_bytes_new_static (data, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(WfDocument) loaded = wf_journey_load_bytes (prefix, NULL, &error);

      g_assert_null (loaded);
      g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_SYNTAX);
    }
}

static void
map_ids (GHashTable *ids,
         gpointer    original,
         gpointer    copy)
{
  g_hash_table_insert (ids, g_strdup_printf ("\"%s\"", wf_item_get_id (original)),
                       g_strdup_printf ("\"%s\"", wf_item_get_id (copy)));
}

/* A duplicated map is the map again, under new ids: written out, the two
 * are the same text once the ids are swapped; undo takes the copy away.
 */
static void
test_duplicate_map (void)
{
  g_autoptr(GBytes) original = wf_test_read_data ("rich.journey");
  g_autoptr(WfDocument) document = load_ok (original);
  WfMap *map = wf_document_get_map (document, 0);
  g_autoptr(WfMap) copy = wf_map_duplicate (map, "Main journey, again");
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);
  g_autoptr(GPtrArray) card_copies = wf_map_list_cards (copy);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copy_text = NULL;
  JsonArray *maps;
  GHashTableIter iter;
  gpointer from, to;
  guint n_maps = wf_document_get_n_maps (document);

  g_assert_cmpuint (wf_map_get_n_phases (copy), ==, wf_map_get_n_phases (map));
  g_assert_cmpuint (wf_map_get_n_lanes (copy), ==, wf_map_get_n_lanes (map));
  g_assert_cmpuint (cards->len, ==, card_copies->len);
  g_assert_cmpuint (wf_map_get_n_links (copy), ==, wf_map_get_n_links (map));
  g_assert_cmpuint (cards->len, >, 10);

  map_ids (ids, map, copy);
  for (guint i = 0; i < wf_map_get_n_phases (map); i++)
    map_ids (ids, wf_map_get_phase (map, i), wf_map_get_phase (copy, i));
  for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
    map_ids (ids, wf_map_get_lane (map, i), wf_map_get_lane (copy, i));
  for (guint i = 0; i < cards->len; i++)
    map_ids (ids, cards->pdata[i], card_copies->pdata[i]);
  for (guint i = 0; i < wf_map_get_n_links (map); i++)
    map_ids (ids, wf_map_get_link (map, i), wf_map_get_link (copy, i));

  g_assert_true (wf_edit_add_map (document, copy, -1));
  written = wf_journey_to_bytes (document);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (written, NULL), g_bytes_get_size (written), &error));
  g_assert_no_error (error);
  maps = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "maps");
  g_assert_cmpuint (json_array_get_length (maps), ==, n_maps + 1);
  text = json_to_string (json_array_get_element (maps, 0), FALSE);
  copy_text = json_to_string (json_array_get_element (maps, n_maps), FALSE);

  /* Every id is new, and the text is the same once they are swapped. */
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &from, &to))
    {
      g_autoptr(GString) swapped = g_string_new (text);

      g_assert_cmpstr (from, !=, to);
      g_assert_null (strstr (copy_text, from));
      g_string_replace (swapped, from, to, 0);
      g_free (text);
      text = g_string_free (g_steal_pointer (&swapped), FALSE);
    }
  {
    g_autoptr(GString) retitled = g_string_new (text);

    g_string_replace (retitled, "\"Main journey\"", "\"Main journey, again\"", 1);
    g_free (text);
    text = g_string_free (g_steal_pointer (&retitled), FALSE);
  }
  wf_test_assert_same_text (text, copy_text);

  /* One step, undone. */
  g_assert_true (wf_undo_stack_undo (wf_document_get_undo_stack (document)));
  undone = wf_journey_to_bytes (document);
  assert_bytes_equal (original, undone);
}

/* Numbers are written as the shortest text that reads back as the same
 * double: one digit fewer would give another number.
 */
static void
test_format_double (void)
{
  static const struct {
    double      value;
    const char *text;
  } cases[] = {
    { 0.1, "0.1" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1e300, "1e+300" },
    { -0.0, "-0" },
    { 0.0, "0" },
    { 5e-324, "5e-324" },
    { 2.2250738585072014e-308, "2.2250738585072014e-308" },
    { -1.7976931348623157e308, "-1.7976931348623157e+308" },
    { 12840, "12840" },
    { 0.034, "0.034" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      const char *text = wf_format_double (buf, cases[i].value);
      double back = g_ascii_strtod (text, NULL);
      g_autoptr(GString) mantissa = g_string_new (NULL);
      int digits;

      g_assert_true (text == buf);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (back == cases[i].value);
      g_assert_cmpint (signbit (back), ==, signbit (cases[i].value));

      /* Shortest: with one significant digit fewer, it reads back otherwise. */
      for (const char *p = text; *p != '\0' && *p != 'e'; p++)
        if (g_ascii_isdigit (*p) && (mantissa->len > 0 || *p != '0'))
          g_string_append_c (mantissa, *p);
      while (mantissa->len > 0 && mantissa->str[mantissa->len - 1] == '0')
        g_string_truncate (mantissa, mantissa->len - 1);
      digits = mantissa->len;
      if (digits > 1)
        {
          char shorter[G_ASCII_DTOSTR_BUF_SIZE];
          g_autofree char *format = g_strdup_printf ("%%.%dg", digits - 1);

          g_ascii_formatd (shorter, sizeof shorter, format, cases[i].value);
          g_assert_true (g_ascii_strtod (shorter, NULL) != cases[i].value);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/journey/round-trip/rich", test_round_trip_rich);
  g_test_add_func ("/journey/round-trip/compact", test_round_trip_compact);
  g_test_add_func ("/journey/round-trip/figures", test_round_trip_figures);
  g_test_add_func ("/journey/version/written", test_version_written);
  g_test_add_func ("/journey/version/1-lenient", test_version_1_lenient);
  g_test_add_func ("/journey/metrics/sorted", test_metric_values_sorted);
  g_test_add_func ("/journey/round-trip/templates", test_round_trip_templates);
  g_test_add_func ("/journey/round-trip/unknown-members", test_unknown_members);
  g_test_add_func ("/journey/save/file", test_save_file);
  g_test_add_func ("/journey/duplicate-map", test_duplicate_map);
  g_test_add_func ("/journey/bad/cases", test_bad_input);
  g_test_add_func ("/journey/bad/nul", test_bad_nul);
  g_test_add_func ("/journey/bad/deep-nesting", test_bad_deep_nesting);
  g_test_add_func ("/journey/bad/many-problems", test_many_problems);
  g_test_add_func ("/journey/bad/too-many-problems", test_too_many_problems);
  g_test_add_func ("/journey/problems/collector", test_problems_collector);
  g_test_add_func ("/journey/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/journey/bad/long-values", test_long_values);
  g_test_add_func ("/journey/quote/excerpt", test_quote_excerpt);
  g_test_add_func ("/journey/bad/every-prefix", test_every_prefix);
  g_test_add_func ("/journey/format-double", test_format_double);

  return g_test_run ();
}
