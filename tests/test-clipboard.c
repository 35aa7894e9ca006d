/* test-clipboard.c — cards on the clipboard, and what others may paste
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "model/wf-templates.h"
#include "storage/wf-clipboard.h"
#include "storage/wf-journey.h"
#include "test-util.h"

static WfDocument *
load_rich (void)
{
  return wf_test_load_data ("rich.journey");
}

/* Every member of a card but its id, phase and lane survives a copy,
 * figures over time included.
 */
static void
check_round_trip (WfDocument *document)
{
  g_autoptr(WfDocument) other = wf_templates_create ("funnel", "en");

  for (guint m = 0; m < wf_document_get_n_maps (document); m++)
    {
      WfMap *map = wf_document_get_map (document, m);
      g_autoptr(GPtrArray) cards = wf_map_list_cards (map);
      g_autofree char *json = wf_clipboard_cards_to_json (cards);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) copies = wf_clipboard_cards_from_json (json, strlen (json), other, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (copies->len, ==, cards->len);

      for (guint i = 0; i < cards->len; i++)
        {
          WfCard *a = g_ptr_array_index (cards, i), *b = g_ptr_array_index (copies, i);
          g_autofree char *ta = wf_card_get_tags (a) ? g_strjoinv ("|", (char **) wf_card_get_tags (a)) : g_strdup ("");
          g_autofree char *tb = wf_card_get_tags (b) ? g_strjoinv ("|", (char **) wf_card_get_tags (b)) : g_strdup ("");

          g_assert_cmpstr (wf_card_get_title (a), ==, wf_card_get_title (b));
          g_assert_cmpstr (wf_card_get_notes (a), ==, wf_card_get_notes (b));
          g_assert_cmpint (wf_card_get_channel (a), ==, wf_card_get_channel (b));
          g_assert_cmpint (wf_card_get_contact (a), ==, wf_card_get_contact (b));
          g_assert_cmpint (wf_card_get_emotion (a), ==, wf_card_get_emotion (b));
          g_assert_cmpstr (wf_card_get_color (a), ==, wf_card_get_color (b));
          g_assert_cmpuint (wf_card_get_votes (a), ==, wf_card_get_votes (b));
          g_assert_cmpstr (ta, ==, tb);
          g_assert_true ((wf_card_get_metrics (a) == NULL && wf_card_get_metrics (b) == NULL) ||
                         g_variant_equal (wf_card_get_metrics (a), wf_card_get_metrics (b)));
          g_assert_true ((wf_item_get_extra (WF_ITEM (a)) == NULL) == (wf_item_get_extra (WF_ITEM (b)) == NULL));
          g_assert_true ((wf_card_get_image (a) == NULL && wf_card_get_image (b) == NULL) ||
                         (wf_card_get_image (a) != NULL && wf_card_get_image (b) != NULL &&
                          wf_image_equal (wf_card_get_image (a), wf_card_get_image (b))));
          g_assert_null (wf_document_lookup (other, wf_item_get_id (WF_ITEM (b))));
        }
    }
}

static void
test_round_trip (void)
{
  g_autoptr(WfDocument) rich = load_rich ();
  g_autoptr(WfDocument) figures = wf_test_load_data ("figures.journey");
  g_autoptr(WfDocument) pictures = wf_test_load_data ("pictures.journey");
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_card_get_metrics (WF_CARD (wf_document_lookup (figures, "c1"))));

  /* The figures are there to be copied. */
  g_assert_cmpuint (((WfMetric *) metrics->pdata[0])->measurements->len, ==, 2);
  check_round_trip (rich);
  check_round_trip (figures);
  /* Its cards' images, alt text and focal point included. */
  g_assert_nonnull (wf_card_get_image (WF_CARD (wf_document_lookup (pictures, "cd1"))));
  check_round_trip (pictures);
}

/* A card's image from elsewhere is checked as a file's: a bad one is
 * left out, the card is pasted.
 */
static void
test_hostile_image (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("funnel", "en");
  const char *data =
    "{\"format\": \"wayfinder-cards\", \"cards\": ["
    "{\"title\": \"Bad\", \"image\": {\"type\": \"image/png\", \"data\": \"AAAA\", \"alt\": \"\"}},"
    "{\"title\": \"Not base64\", \"image\": {\"type\": \"image/png\", \"data\": \"*\", \"alt\": \"\"}},"
    "{\"title\": \"Wrong\", \"image\": 12}]}";
  g_autoptr(GPtrArray) cards = wf_clipboard_cards_from_json (data, strlen (data), document, NULL);

  g_assert_cmpuint (cards->len, ==, 3);
  for (guint i = 0; i < cards->len; i++)
    {
      g_assert_null (wf_card_get_image (g_ptr_array_index (cards, i)));
      g_assert_null (wf_item_get_extra (g_ptr_array_index (cards, i)));
    }
}

/* A metric object from elsewhere: what is valid of it is kept. */
static void
test_hostile_metrics (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("funnel", "en");
  const char *data =
    "{\"format\":\"wayfinder-cards\",\"cards\":[{\"title\":\"t\",\"metrics\":{"
    "\"nps\":{\"unit\":\"score\",\"direction\":\"up\",\"target\":\"x\",\"values\":"
    "[{\"date\":\"2026-02-30\",\"value\":1},{\"value\":\"2\"},{\"date\":\"2026-10-31\",\"value\":3},7]},"
    "\"bad\":[1]}}]}";
  g_autoptr(GPtrArray) cards = wf_clipboard_cards_from_json (data, strlen (data), document, NULL);
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric;

  g_assert_cmpuint (cards->len, ==, 1);
  metrics = wf_metrics_from_variant (wf_card_get_metrics (g_ptr_array_index (cards, 0)));
  g_assert_cmpuint (metrics->len, ==, 1);
  metric = metrics->pdata[0];
  g_assert_cmpstr (metric->unit, ==, "score");
  g_assert_cmpint (metric->direction, ==, WF_DIRECTION_NONE);
  g_assert_false (metric->has_target);
  g_assert_cmpuint (metric->measurements->len, ==, 1);
  g_assert_cmpstr (wf_metric_get_latest (metric)->date, ==, "2026-10-31");
}

/* Text from another application: a card a line; blank lines skipped. */
static void
test_text (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("funnel", "en");
  const char text[] = "First idea\r\n\n  Second idea  \nDerde \xff idee\n";
  g_autoptr(GPtrArray) cards = wf_clipboard_cards_from_text (text, sizeof text - 1, document);

  g_assert_cmpuint (cards->len, ==, 3);
  g_assert_cmpstr (wf_card_get_title (g_ptr_array_index (cards, 1)), ==, "Second idea");
  g_assert_true (g_utf8_validate (wf_card_get_title (g_ptr_array_index (cards, 2)), -1, NULL));
}

/* What is not ours, or is broken, is refused or cleaned, never a crash. */
static void
test_hostile (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("funnel", "en");
  const char *refused[] = {
    "", "not json", "[]", "{\"format\":\"other\",\"cards\":[]}", "{\"format\":\"wayfinder-cards\"}",
    "{\"format\":\"wayfinder-cards\",\"cards\":{}}",
  };
  const char *cleaned =
    "{\"format\":\"wayfinder-cards\",\"cards\":[7,{\"title\":5,\"emotion\":9,\"votes\":-1,"
    "\"color\":\"red\",\"channel\":\"telepathy\",\"metrics\":{\"a\":\"x\",\"b\":2},\"tags\":[1,\"t\"],"
    "\"x-new\":{\"deep\":[1.5]}}]}";
  g_autoptr(GPtrArray) cards = NULL;
  WfCard *card;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) none = wf_clipboard_cards_from_json (refused[i], strlen (refused[i]), document, &error);

      g_assert_null (none);
      g_assert_error (error, WF_JOURNEY_ERROR, (i < 2 ? WF_JOURNEY_ERROR_SYNTAX : WF_JOURNEY_ERROR_FORMAT));
    }

  cards = wf_clipboard_cards_from_json (cleaned, strlen (cleaned), document, NULL);
  g_assert_cmpuint (cards->len, ==, 1);
  card = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (wf_card_get_title (card), ==, "");
  g_assert_cmpint (wf_card_get_emotion (card), ==, WF_EMOTION_NONE);
  g_assert_cmpuint (wf_card_get_votes (card), ==, 0);
  g_assert_null (wf_card_get_color (card));
  g_assert_cmpint (wf_card_get_channel (card), ==, WF_CHANNEL_NONE);
  g_assert_cmpuint (g_variant_n_children (wf_card_get_metrics (card)), ==, 1);
  g_assert_cmpstr (wf_card_get_tags (card)[0], ==, "t");
  g_assert_nonnull (wf_item_get_extra (WF_ITEM (card)));
}

/* Regression (issue #14): clipboard data from anywhere with a member name
 * of a megabyte twice gets a short message that quotes its beginning.
 */
static void
test_long_values (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("funnel", "en");
  g_autoptr(GString) name = g_string_new ("x-\\n");
  g_autoptr(GString) data = g_string_new ("{\"format\":\"wayfinder-cards\",\"cards\":[],\"@N@\":1,\"@N@\":2}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  while (name->len < 1000000)
    g_string_append (name, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_replace (data, "@N@", name->str, 0);

  cards = wf_clipboard_cards_from_json (data->str, data->len, document, &error);
  g_assert_null (cards);
  g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_SYNTAX);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_assert_nonnull (strstr (error->message, "“x-\\nxxxxxxxxxx"));
  g_assert_nonnull (strstr (error->message, "xx…”"));
}

/* Regression (fuzz-clipboard): a large metric copies as valid JSON. */
static void
test_large_numbers (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("funnel", "en");
  const char *data = "{\"format\":\"wayfinder-cards\",\"cards\":[{\"title\":\"Ad\","
                     "\"metrics\":{\"CSAT\":1e85,\"tiny\":5e-324,\"n\":89}}]}";
  g_autoptr(GPtrArray) cards = wf_clipboard_cards_from_json (data, strlen (data), document, NULL);
  g_autofree char *json = wf_clipboard_cards_to_json (cards);
  g_autoptr(GPtrArray) again = wf_clipboard_cards_from_json (json, strlen (json), document, NULL);

  g_assert_nonnull (again);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_true (g_variant_equal (wf_card_get_metrics (g_ptr_array_index (cards, 0)),
                                  wf_card_get_metrics (g_ptr_array_index (again, 0))));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipboard/round-trip", test_round_trip);
  g_test_add_func ("/clipboard/hostile-image", test_hostile_image);
  g_test_add_func ("/clipboard/text", test_text);
  g_test_add_func ("/clipboard/hostile", test_hostile);
  g_test_add_func ("/clipboard/hostile-metrics", test_hostile_metrics);
  g_test_add_func ("/clipboard/long-values", test_long_values);
  g_test_add_func ("/clipboard/large-numbers", test_large_numbers);

  return g_test_run ();
}
