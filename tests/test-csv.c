/* test-csv.c — the CSV export, read back by a strict RFC 4180 parser
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "model/wf-templates.h"
#include "storage/wf-csv.h"
#include "storage/wf-journey.h"
#include "test-util.h"

/* A strict RFC 4180 parser, for the tests only.
 *
 * Every record ends with CRLF; a field is either quoted ("…", a quote
 * inside doubled, anything else allowed) or unquoted (no comma, quote, CR
 * or LF). Anything else is refused with a message. Returns the records,
 * each a GStrv of its fields.
 */
static GPtrArray *
csv_parse (const char  *text,
           char       **message)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *p = text;

  *message = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    {
      *message = g_strdup ("not UTF-8");
      return NULL;
    }

  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    {
      *message = g_strdup ("a byte order mark");
      return NULL;
    }

  while (*p != '\0')
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

      for (;;)
        {
          g_autoptr(GString) field = g_string_new (NULL);

          if (*p == '"')
            {
              p++;
              for (;;)
                {
                  if (*p == '\0')
                    {
                      *message = g_strdup ("a quoted field is not closed");
                      return NULL;
                    }
                  if (*p == '"' && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                    }
                  else if (*p == '"')
                    {
                      p++;
                      break;
                    }
                  else
                    g_string_append_c (field, *p++);
                }
            }
          else
            {
              while (*p != '\0' && strchr (",\"\r\n", *p) == NULL)
                g_string_append_c (field, *p++);
              if (*p == '"')
                {
                  *message = g_strdup ("a quote in an unquoted field");
                  return NULL;
                }
            }

          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));

          if (*p == ',')
            {
              p++;
              continue;
            }
          if (p[0] == '\r' && p[1] == '\n')
            {
              p += 2;
              break;
            }

          *message = g_strdup_printf ("a record that does not end with CRLF at byte %ld",
                                      (long) (p - text));
          return NULL;
        }

      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (records, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
    }

  for (guint i = 1; i < records->len; i++)
    {
      if (g_strv_length (g_ptr_array_index (records, i)) !=
          g_strv_length (g_ptr_array_index (records, 0)))
        {
          *message = g_strdup_printf ("record %u has another number of fields than the header", i);
          return NULL;
        }
    }

  return g_steal_pointer (&records);
}

static GPtrArray *
parse_ok (const char *text)
{
  g_autofree char *message = NULL;
  GPtrArray *records = csv_parse (text, &message);

  if (records == NULL)
    g_error ("CSV refused: %s\n%s", message, text);

  return records;
}

static const char * const fixed_columns[] = {
  "map", "phase", "lane", "lane_kind", "persona", "title", "notes", "channel",
  "contact", "emotion", "votes", "tags",
};

#define N_FIXED G_N_ELEMENTS (fixed_columns)

static GPtrArray *
cards_in_order (WfMap *map)
{
  GPtrArray *cards = g_ptr_array_new ();

  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
      {
        WfPhase *phase = wf_map_get_phase (map, p);
        WfLane *lane = wf_map_get_lane (map, l);

        for (guint i = 0; i < wf_map_get_n_cell_cards (map, phase, lane); i++)
          g_ptr_array_add (cards, g_ptr_array_index (wf_map_get_cell (map, phase, lane), i));
      }

  return cards;
}

static gboolean
card_metric (WfCard     *card,
             const char *wanted,
             double     *out)
{
  GVariant *metrics = wf_card_get_metrics (card);
  const char *name;
  double value;

  if (metrics == NULL)
    return FALSE;

  for (gsize i = 0; i < g_variant_n_children (metrics); i++)
    {
      if (wf_metrics_get_latest_value (metrics, i, &name, &value) && strcmp (name, wanted) == 0)
        {
          *out = value;
          return TRUE;
        }
    }

  return FALSE;
}

/* Every field of the CSV of @map (or of all maps) equals the model's value. */
/* Whether a spreadsheet takes @cell (up to @length bytes) for a formula,
 * as OWASP's "CSV Injection" lists the characters; a plain number such as
 * -3 is a number.
 */
static gboolean
is_formula (const char *cell,
            gssize      length)
{
  g_autofree char *text = g_strndup (cell, length < 0 ? strlen (cell) : (gsize) length);

  return text[0] != '\0' && strchr ("=+-@\t\r\n", text[0]) != NULL &&
         !g_regex_match_simple ("^[-+]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][-+]?[0-9]+)?$", text, 0, 0);
}

/* A text as the CSV should hold it: a "'" in front when the field would be
 * a formula, and after each ';' or tab whose cell would be one (a
 * spreadsheet that splits at those sees a cell there; quotes open it).
 */
static char *
expected_text (const char *value)
{
  GString *out = g_string_new (NULL);

  if (is_formula (value, -1))
    g_string_append_c (out, '\'');

  for (const char *p = value; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == ';' || *p == '\t')
        {
          const char *cell = p + 1 + strspn (p + 1, "\"");

          if (*cell != '\0' && is_formula (cell, 1 + strcspn (cell + 1, ";\t")))
            g_string_append_c (out, '\'');
        }
    }

  return g_string_free (out, FALSE);
}

static void
assert_text (const char *field,
             const char *value)
{
  g_autofree char *expected = expected_text (value);

  g_assert_cmpstr (field, ==, expected);
}

static void
assert_csv_matches (WfDocument *document,
                    WfMap      *only)
{
  g_autofree char *csv = wf_csv_write (document, only);
  g_autoptr(GPtrArray) records = parse_ok (csv);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) metric_names = g_ptr_array_new_with_free_func (g_free);
  char **header;
  guint row = 1;

  for (guint m = 0; m < wf_document_get_n_maps (document); m++)
    {
      WfMap *map = wf_document_get_map (document, m);
      g_autoptr(GPtrArray) map_cards = NULL;

      if (only != NULL && map != only)
        continue;

      map_cards = cards_in_order (map);
      g_ptr_array_extend (cards, map_cards, NULL, NULL);
    }

  /* The metric columns: every name, in order of first appearance. */
  for (guint i = 0; i < cards->len; i++)
    {
      GVariant *metrics = wf_card_get_metrics (g_ptr_array_index (cards, i));
      const char *name;
      double value;

      if (metrics == NULL)
        continue;

      for (gsize m = 0; m < g_variant_n_children (metrics); m++)
        {
          gboolean seen = FALSE;

          wf_metrics_get_latest_value (metrics, m, &name, &value);

          for (guint j = 0; j < metric_names->len; j++)
            seen = seen || strcmp (g_ptr_array_index (metric_names, j), name) == 0;
          if (!seen)
            g_ptr_array_add (metric_names, g_strdup (name));
        }
    }

  g_assert_cmpuint (records->len, ==, cards->len + 1);

  header = g_ptr_array_index (records, 0);
  g_assert_cmpuint (g_strv_length (header), ==, N_FIXED + metric_names->len);
  for (guint i = 0; i < N_FIXED; i++)
    g_assert_cmpstr (header[i], ==, fixed_columns[i]);
  for (guint i = 0; i < metric_names->len; i++)
    assert_text (header[N_FIXED + i], g_ptr_array_index (metric_names, i));

  for (guint i = 0; i < cards->len; i++, row++)
    {
      WfCard *card = g_ptr_array_index (cards, i);
      WfLane *lane = wf_card_get_lane (card);
      WfPersona *persona = wf_lane_get_persona (lane);
      WfMap *map = WF_MAP (wf_item_get_parent (WF_ITEM (lane)));
      char **f = g_ptr_array_index (records, row);
      g_autofree char *emotion = NULL;
      g_autofree char *votes = g_strdup_printf ("%u", wf_card_get_votes (card));
      g_autofree char *tags = NULL;
      const char *channel = wf_channel_to_string (wf_card_get_channel (card));
      const char *contact = wf_contact_to_string (wf_card_get_contact (card));

      if (wf_card_get_emotion (card) != WF_EMOTION_NONE)
        emotion = g_strdup_printf ("%d", wf_card_get_emotion (card));
      tags = wf_card_get_tags (card) != NULL ? g_strjoinv (";", (char **) wf_card_get_tags (card)) : g_strdup ("");

      assert_text (f[0], wf_map_get_title (map));
      assert_text (f[1], wf_phase_get_name (wf_card_get_phase (card)));
      assert_text (f[2], wf_lane_get_title (lane));
      g_assert_cmpstr (f[3], ==, wf_lane_kind_to_string (wf_lane_get_kind (lane)));
      assert_text (f[4], persona != NULL ? wf_persona_get_name (persona) : "");
      assert_text (f[5], wf_card_get_title (card));
      assert_text (f[6], wf_card_get_notes (card));
      g_assert_cmpstr (f[7], ==, channel != NULL ? channel : "");
      g_assert_cmpstr (f[8], ==, contact != NULL ? contact : "");
      g_assert_cmpstr (f[9], ==, emotion != NULL ? emotion : "");
      g_assert_cmpstr (f[10], ==, votes);
      assert_text (f[11], tags);

      for (guint j = 0; j < metric_names->len; j++)
        {
          const char *field = f[N_FIXED + j];
          double value;

          if (card_metric (card, g_ptr_array_index (metric_names, j), &value))
            {
              char *end = NULL;

              g_assert_cmpstr (field, !=, "");
              g_assert_true (g_ascii_strtod (field, &end) == value);
              g_assert_cmpint (*end, ==, '\0');
              g_assert_null (strchr (field, ','));
            }
          else
            g_assert_cmpstr (field, ==, "");
        }
    }
}

static void
assert_document (WfDocument *document)
{
  assert_csv_matches (document, NULL);
  for (guint m = 0; m < wf_document_get_n_maps (document); m++)
    assert_csv_matches (document, wf_document_get_map (document, m));
}

static void
test_templates (void)
{
  const char * const *ids = wf_templates_get_ids ();
  const char *langs[] = { "en", "nl" };

  for (guint i = 0; ids[i] != NULL; i++)
    for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
      {
        g_autoptr(WfDocument) document = wf_templates_create (ids[i], langs[l]);

        g_assert_cmpuint (wf_map_get_n_cards (wf_document_get_map (document, 0)), >, 0);
        assert_document (document);
      }
}

static void
test_rich (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  g_autofree char *csv = wf_csv_write (document, NULL);
  guint n_cards = 0;

  for (guint m = 0; m < wf_document_get_n_maps (document); m++)
    n_cards += wf_map_get_n_cards (wf_document_get_map (document, m));

  /* Both maps, and the metric columns of the card with metrics. */
  g_assert_cmpuint (wf_document_get_n_maps (document), ==, 2);
  g_assert_true (g_str_has_prefix (csv, WF_CSV_HEADER ",conversion,visits,NPS,ratio,big\r\n"));
  g_assert_nonnull (strstr (csv, ",0.034,12840,-12,1e-07,1.5e+300\r\n"));
  g_assert_cmpuint (n_cards, >, 10);

  assert_document (document);
}


/* Issue #15: the measurements in long form, a record per value, of the
 * phases and then the cards of each phase; the card table keeps the
 * latest values.
 */
static void
test_measurements (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("figures.journey");
  g_autoptr(WfDocument) rich = wf_test_load_data ("rich.journey");
  g_autofree char *csv = wf_csv_write (document, NULL);
  g_autofree char *long_form = wf_csv_write_measurements (document, NULL);
  g_autofree char *one_map = wf_csv_write_measurements (document, wf_document_get_map (document, 1));
  const char *expected =
    WF_CSV_MEASUREMENTS_HEADER "\r\n"
    "Webshop,Orientation,,,,visits,,,,,12840\r\n"
    "Webshop,Orientation,,,,bounce,%,lower,40,,48.5\r\n"
    "Webshop,Orientation,,,,bounce,%,lower,40,2026-09-30,45\r\n"
    "Webshop,Orientation,,,,bounce,%,lower,40,2026-10-31,41.2\r\n"
    "Webshop,Orientation,Anna,,,csat,score,higher,4,2026-10-31,3.4\r\n"
    "Webshop,Orientation,Bo,,,csat,,,,,3.9\r\n"
    "Webshop,Orientation,Anna,Search ad,c1,click-through,%,higher,2.5,2026-09-30,1.8\r\n"
    "Webshop,Orientation,Anna,Search ad,c1,click-through,%,higher,2.5,2026-10-31,2.1\r\n"
    "Webshop,Orientation,Anna,Search ad,c1,impressions,,,,,52000\r\n"
    "Webshop,Purchase,Bo,,,nps,,higher,,2026-01-01,-12\r\n"
    "Webshop,Purchase,Bo,,,nps,,higher,,2026-06-30,5\r\n"
    "Webshop,Purchase,,Checkout,c2,conversion,%,,,,3.1\r\n"
    "Webshop,Purchase,,Checkout,c2,conversion,%,,,2026-10-31,3.4\r\n"
    "Webshop,Purchase,,Checkout,c2,abandonment,,lower,,,0.7\r\n";

  wf_test_assert_same_text (expected, long_form);
  g_assert_cmpstr (one_map, ==, WF_CSV_MEASUREMENTS_HEADER "\r\n");

  /* The card table has the latest values, none for a metric without. */
  g_assert_nonnull (strstr (csv, ",click-through,impressions,conversion,cart value,abandonment\r\n"));
  g_assert_nonnull (strstr (csv, ",2.1,52000,,,\r\n"));
  g_assert_nonnull (strstr (csv, ",,,3.4,,0.7\r\n"));

  /* Worth a file of its own only with what the card table cannot show. */
  g_assert_true (wf_csv_has_measurements (document, NULL));
  g_assert_true (wf_csv_has_measurements (document, wf_document_get_map (document, 0)));
  g_assert_false (wf_csv_has_measurements (document, wf_document_get_map (document, 1)));
  g_assert_false (wf_csv_has_measurements (rich, NULL));
}

static void
test_compact (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("compact.journey");

  assert_document (document);
}

static WfCard *
add_card (WfDocument *document,
          WfMap      *map,
          WfPhase    *phase,
          WfLane     *lane,
          const char *title)
{
  g_autofree char *id = wf_document_make_id (document, "card");
  g_autoptr(WfCard) card = wf_card_new (id, title);

  wf_map_insert_card (map, card, phase, lane, -1);
  return card;
}

/* Every lane kind, every channel, titles in many scripts, and the
 * characters CSV must quote.
 */
static WfDocument *
make_scripts_document (void)
{
  static const char *titles[] = {
    "Çà et là: crème brûlée, naïve façade",
    "Путь клиента",
    "رحلة العميل",
    "顾客旅程 カスタマージャーニー 고객 여정",
    "🙂 happy 👩🏽‍💻 ok",
    "He said \"great\", then left",
    "a,b,,c",
    "two\nlines",
    "windows\r\nline end",
    "lone\rcarriage return",
    "\"quoted\"",
    "",
    " leading and trailing spaces ",
    "=SUM(A1:A2)",
    "tab\there",
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "-2.5",
    "\r=1+2",
    "first;=HYPERLINK(\"http://x\",\"y\")",
    "a;\"-b\";-3;\t@c",
  };
  WfDocument *document = wf_document_new ();
  g_autoptr(WfPersona) anna = wf_persona_new ("anna", "Anna, \"the buyer\"");
  g_autoptr(WfMap) map = wf_map_new ("m", "Scripts, \"quotes\"\nand lines");
  g_autoptr(WfPhase) p0 = wf_phase_new ("p0", "Één");
  g_autoptr(WfPhase) p1 = wf_phase_new ("p1", "Два, \"two\"");
  guint n = 0;

  wf_document_insert_persona (document, anna, -1);
  wf_document_insert_map (document, map, -1);
  wf_map_insert_phase (map, p0, -1);
  wf_map_insert_phase (map, p1, -1);

  for (guint k = 0; k < WF_N_LANE_KINDS; k++)
    {
      g_autofree char *id = g_strdup_printf ("lane%u", k);
      g_autoptr(WfLane) lane = wf_lane_new (id, k);
      g_autofree char *title = g_strdup_printf ("%s, «%u»", wf_lane_kind_to_string (k), k);

      wf_lane_set_title (lane, title);
      if (k % 2 == 0)
        wf_lane_set_persona (lane, anna);
      wf_map_insert_lane (map, lane, -1);
    }

  for (guint t = 0; t < G_N_ELEMENTS (titles); t++)
    for (guint k = 0; k < WF_N_LANE_KINDS; k += 3)
      {
        WfPhase *phase = (t + k) % 2 ? p1 : p0;
        WfCard *card = add_card (document, map, phase, wf_map_get_lane (map, k), titles[t]);
        g_auto(GVariantBuilder) metrics = G_VARIANT_BUILDER_INIT (WF_METRICS_TYPE);
        const char *tags[] = { titles[(t + 1) % G_N_ELEMENTS (titles)], "tag", NULL };

        n++;
        wf_card_set_notes (card, titles[(t + 2) % G_N_ELEMENTS (titles)]);
        wf_card_set_channel (card, n % WF_N_CHANNELS);
        wf_card_set_contact (card, n % 3);
        wf_card_set_emotion (card, n % 6 == 5 ? WF_EMOTION_NONE : (int) (n % 5) - 2);
        wf_card_set_votes (card, n % 4 == 0 ? G_MAXINT32 : n);
        if (n % 3 != 0)
          wf_card_set_tags (card, tags);

        if (n % 2 == 0)
          wf_metrics_builder_add_plain (&metrics, "rate, %", 1.0 / 3.0);
        if (n % 3 == 0)
          wf_metrics_builder_add_plain (&metrics, "NPS \"net\"", -12.0);
        if (n % 5 == 0)
          wf_metrics_builder_add_plain (&metrics, "tiny", 5e-324);
        if (n % 7 == 0)
          wf_metrics_builder_add_plain (&metrics, "huge", -1.7976931348623157e308);
        wf_card_set_metrics (card, g_variant_builder_end (&metrics));
      }

  return document;
}

static void
test_scripts (void)
{
  g_autoptr(WfDocument) document = make_scripts_document ();
  WfMap *map = wf_document_get_map (document, 0);
  g_autofree char *csv = wf_csv_write (document, map);

  g_assert_cmpuint (wf_map_get_n_cards (map), ==, 88);
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  g_assert_true (g_str_has_prefix (csv, WF_CSV_HEADER ",\"NPS \"\"net\"\"\",tiny,huge,\"rate, %\"\r\n"));

  assert_document (document);
}

static void
test_empty (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Empty");
  g_autoptr(WfPhase) phase = wf_phase_new ("p", "Phase");
  g_autoptr(WfLane) lane = wf_lane_new ("l", WF_LANE_NOTES);
  g_autofree char *none = NULL;
  g_autofree char *empty = NULL;

  /* A document without maps. */
  none = wf_csv_write (document, NULL);
  g_assert_cmpstr (none, ==, WF_CSV_HEADER "\r\n");

  /* A map with a phase and a lane but no card. */
  wf_document_insert_map (document, map, -1);
  wf_map_insert_phase (map, phase, -1);
  wf_map_insert_lane (map, lane, -1);
  empty = wf_csv_write (document, map);
  g_assert_cmpstr (empty, ==, WF_CSV_HEADER "\r\n");

  assert_document (document);
}

/* The exact bytes of a small table: quoting, CRLF, empty fields, numbers. */
static void
test_exact (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfPersona) sam = wf_persona_new ("sam", "Sam");
  g_autoptr(WfMap) map = wf_map_new ("m", "Web shop");
  g_autoptr(WfPhase) phase = wf_phase_new ("p", "Purchase");
  g_autoptr(WfLane) touch = wf_lane_new ("l1", WF_LANE_TOUCHPOINTS);
  g_autoptr(WfLane) metrics = wf_lane_new ("l2", WF_LANE_METRICS);
  const char *tags[] = { "checkout", "web", NULL };
  g_autofree char *csv = NULL;
  WfCard *card;

  wf_document_insert_persona (document, sam, -1);
  wf_document_insert_map (document, map, -1);
  wf_map_insert_phase (map, phase, -1);
  wf_lane_set_title (touch, "Touchpoints");
  wf_lane_set_persona (touch, sam);
  wf_map_insert_lane (map, touch, -1);
  wf_lane_set_title (metrics, "Metrics");
  wf_map_insert_lane (map, metrics, -1);

  card = add_card (document, map, phase, touch, "Pays, \"finally\"");
  wf_card_set_notes (card, "Line one\nline two");
  wf_card_set_channel (card, WF_CHANNEL_WORD_OF_MOUTH);
  wf_card_set_contact (card, WF_CONTACT_INDIRECT);
  wf_card_set_emotion (card, -2);
  wf_card_set_votes (card, 3);
  wf_card_set_tags (card, tags);

  card = add_card (document, map, phase, metrics, "Conversion");
  wf_card_set_metrics (card, wf_metrics_from_pairs (g_variant_new_parsed ("[('conversion', 0.034), ('visits', 12840.0)]")));

  csv = wf_csv_write (document, NULL);
  g_assert_cmpstr (csv, ==,
                   "map,phase,lane,lane_kind,persona,title,notes,channel,contact,emotion,votes,tags,conversion,visits\r\n"
                   "Web shop,Purchase,Touchpoints,touchpoints,Sam,\"Pays, \"\"finally\"\"\",\"Line one\nline two\","
                   "word-of-mouth,indirect,-2,3,checkout;web,,\r\n"
                   "Web shop,Purchase,Metrics,metrics,,Conversion,,,,,0,,0.034,12840\r\n");
}

/* Texts that a spreadsheet would run as formulas get a "'" in front, in
 * every column and the headers; plain numbers stay numbers.
 */
static void
test_formulas (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfPersona) persona = wf_persona_new ("p1", "@persona");
  g_autoptr(WfMap) map = wf_map_new ("m", "=map");
  g_autoptr(WfPhase) phase = wf_phase_new ("p", "+phase");
  g_autoptr(WfLane) lane = wf_lane_new ("l", WF_LANE_TOUCHPOINTS);
  const char *tags[] = { "checkout", "=cmd|' /C calc'!A0", "-3", NULL };
  const char *titles[] = {
    "=HYPERLINK(\"http://x\",\"y\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3+cmd|' /C calc'!A0",
    "\tTab first",
    "\rCR first",
    "-3",
    "-2.5",
    "-",
    "Plain",
  };
  g_autofree char *csv = NULL;
  WfCard *card;

  wf_document_insert_persona (document, persona, -1);
  wf_document_insert_map (document, map, -1);
  wf_map_insert_phase (map, phase, -1);
  wf_lane_set_title (lane, "-lane");
  wf_lane_set_persona (lane, persona);
  wf_map_insert_lane (map, lane, -1);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      card = add_card (document, map, phase, lane, titles[i]);
      if (i == 0)
        {
          wf_card_set_notes (card, "-1,5");
          wf_card_set_tags (card, tags);
          wf_card_set_emotion (card, -2);
          wf_card_set_metrics (card, wf_metrics_from_pairs (g_variant_new_parsed ("[('=1+1', -3.0), ('-', -0.5)]")));
        }
    }

  csv = wf_csv_write (document, NULL);
  g_assert_cmpstr (csv, ==,
                   WF_CSV_HEADER ",'=1+1,'-\r\n"
                   "'=map,'+phase,'-lane,touchpoints,'@persona,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"-1,5\",,,-2,0,"
                   "checkout;'=cmd|' /C calc'!A0;-3,-3,-0.5\r\n"
                   "'=map,'+phase,'-lane,touchpoints,'@persona,'+cmd|' /C calc'!A0,,,,,0,,,\r\n"
                   "'=map,'+phase,'-lane,touchpoints,'@persona,'@SUM(1),,,,,0,,,\r\n"
                   "'=map,'+phase,'-lane,touchpoints,'@persona,'-2+3+cmd|' /C calc'!A0,,,,,0,,,\r\n"
                   "'=map,'+phase,'-lane,touchpoints,'@persona,'\tTab first,,,,,0,,,\r\n"
                   "'=map,'+phase,'-lane,touchpoints,'@persona,\"'\rCR first\",,,,,0,,,\r\n"
                   "'=map,'+phase,'-lane,touchpoints,'@persona,-3,,,,,0,,,\r\n"
                   "'=map,'+phase,'-lane,touchpoints,'@persona,-2.5,,,,,0,,,\r\n"
                   "'=map,'+phase,'-lane,touchpoints,'@persona,'-,,,,,0,,,\r\n"
                   "'=map,'+phase,'-lane,touchpoints,'@persona,Plain,,,,,0,,,\r\n");

  assert_document (document);
}

/* The parser of these tests refuses what is not RFC 4180, so that the tests
 * above can fail.
 */
static void
test_parser (void)
{
  const char *bad[] = {
    "a,b\n",                /* LF only */
    "a,b",                  /* no line end */
    "a,\"b\r\n",            /* quote not closed */
    "a,b\"c\r\n",           /* quote in an unquoted field */
    "a,\"b\"c\r\n",         /* text after a closing quote */
    "a,b\r\nc\r\n",         /* another number of fields */
    "\xef\xbb\xbf\x61\r\n",  /* byte order mark */
  };
  g_autoptr(GPtrArray) good = parse_ok ("a,\"b,\"\"c\"\"\r\nd\",\r\n\"\",e,f\r\n");
  char **record;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = NULL;
      g_autoptr(GPtrArray) records = csv_parse (bad[i], &message);

      g_assert_null (records);
      g_assert_nonnull (message);
    }

  g_assert_cmpuint (good->len, ==, 2);
  record = g_ptr_array_index (good, 0);
  g_assert_cmpstr (record[0], ==, "a");
  g_assert_cmpstr (record[1], ==, "b,\"c\"\r\nd");
  g_assert_cmpstr (record[2], ==, "");
  record = g_ptr_array_index (good, 1);
  g_assert_cmpstr (record[0], ==, "");
  g_assert_cmpstr (record[1], ==, "e");
  g_assert_cmpstr (record[2], ==, "f");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/parser", test_parser);
  g_test_add_func ("/csv/exact", test_exact);
  g_test_add_func ("/csv/empty", test_empty);
  g_test_add_func ("/csv/templates", test_templates);
  g_test_add_func ("/csv/rich", test_rich);
  g_test_add_func ("/csv/compact", test_compact);
  g_test_add_func ("/csv/measurements", test_measurements);
  g_test_add_func ("/csv/scripts", test_scripts);
  g_test_add_func ("/csv/formulas", test_formulas);

  return g_test_run ();
}
