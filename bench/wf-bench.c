/* wf-bench.c — Wayfinder's benchmark
 *
 * Generates journey maps of realistic shape (12 phases, 10 personas with 4
 * lanes each, card texts of realistic length) and measures, as the median of
 * several runs: json-glib's own parse of the file (the baseline), opening it
 * as a Wayfinder document, writing it, and saving it to disk atomically; and
 * the peak memory of the process.
 *
 *   wayfinder-bench                    sizes 1,000, 5,000 and 20,000 cards
 *   wayfinder-bench --cards 20000      one size
 *   wayfinder-bench --json out.json    the figures as JSON too
 *   wayfinder-bench --quick --check    small sizes, fail beyond 10× the goals
 *   wayfinder-bench --keep DIR         keep the generated maps in DIR
 *
 * Build with -Dbuildtype=release for the real figures (docs/performance.md).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "model/wf-model.h"
#include "storage/wf-journey.h"

#define N_PHASES   12
#define N_PERSONAS 10

/* Goals from the issues; --check fails at ten times these. */
#define GOAL_OPEN_RATIO   1.5
#define GOAL_SAVE_20K_MS  250.0
#define GOAL_OPEN_5K_MS   100.0
#define GOAL_PEAK_RSS_MB  200.0

typedef struct
{
  guint  cards;
  double size_mb;
  double parse_ms;       /* bare JsonParser */
  double open_ms;        /* wf_journey_load_bytes */
  double ratio;
  double write_ms;       /* wf_journey_to_bytes */
  double save_ms;        /* wf_journey_save_file, with fsync */
  double peak_rss_mb;
} Result;

static const char *words[] = {
  "customer", "checks", "the", "website", "for", "delivery", "times", "and", "compares",
  "prices", "klant", "bestelt", "via", "de", "app", "reads", "reviews", "on", "a",
  "comparison", "site", "calls", "service", "desk", "about", "invoice", "waits",
  "confirmation", "e-mail", "store", "visit", "advisor", "explains", "options", "trial",
  "subscription", "cancels", "renews", "recommends", "friend", "onboarding", "training",
};

static char *
sentence (GRand *rand,
          guint  min_len,
          guint  max_len)
{
  GString *s = g_string_new (NULL);
  guint len = g_rand_int_range (rand, min_len, max_len + 1);

  while (s->len < len)
    {
      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }

  if (s->len > 0)
    s->str[0] = g_ascii_toupper (s->str[0]);

  return g_string_free (s, FALSE);
}

static WfDocument *
generate (guint n_cards)
{
  static const WfLaneKind kinds[] = {
    WF_LANE_TOUCHPOINTS, WF_LANE_EMOTIONS, WF_LANE_PAIN_POINTS, WF_LANE_OPPORTUNITIES,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (n_cards);
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("map", "Generated journey");
  g_autoptr(GPtrArray) phases = g_ptr_array_new ();
  g_autoptr(GPtrArray) lanes = g_ptr_array_new ();
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  wf_document_set_title (document, "Benchmark");
  wf_document_touch (document);

  for (guint p = 0; p < N_PERSONAS; p++)
    {
      g_autofree char *id = g_strdup_printf ("persona%u", p);
      g_autofree char *name = g_strdup_printf ("Persona %u", p + 1);
      g_autoptr(WfPersona) persona = wf_persona_new (id, name);
      g_autofree char *goals = sentence (rand, 40, 120);

      wf_persona_set_color (persona, wf_persona_default_color (p));
      wf_persona_set_goals (persona, goals);
      wf_document_insert_persona (document, persona, -1);

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *lane_id = g_strdup_printf ("lane%u-%u", p, k);
          g_autoptr(WfLane) lane = wf_lane_new (lane_id, kinds[k]);

          wf_lane_set_title (lane, wf_lane_kind_to_string (kinds[k]));
          wf_lane_set_persona (lane, persona);
          wf_map_insert_lane (map, lane, -1);
          g_ptr_array_add (lanes, lane);
        }
    }

  for (guint p = 0; p < N_PHASES; p++)
    {
      g_autofree char *id = g_strdup_printf ("phase%u", p);
      g_autofree char *name = sentence (rand, 8, 20);
      g_autoptr(WfPhase) phase = wf_phase_new (id, name);
      g_autofree char *description = sentence (rand, 30, 90);

      wf_phase_set_description (phase, description);
      wf_map_insert_phase (map, phase, -1);
      g_ptr_array_add (phases, phase);
    }

  for (guint i = 0; i < n_cards; i++)
    {
      g_autofree char *id = g_strdup_printf ("card%u", i);
      g_autofree char *title = sentence (rand, 20, 70);
      g_autoptr(WfCard) card = wf_card_new (id, title);
      WfLane *lane = lanes->pdata[g_rand_int_range (rand, 0, lanes->len)];
      WfPhase *phase = phases->pdata[g_rand_int_range (rand, 0, phases->len)];

      if (g_rand_boolean (rand))
        {
          g_autofree char *notes = sentence (rand, 40, 200);
          wf_card_set_notes (card, notes);
        }

      switch (wf_lane_get_kind (lane))
        {
        case WF_LANE_TOUCHPOINTS:
          wf_card_set_channel (card, g_rand_int_range (rand, 1, WF_N_CHANNELS));
          wf_card_set_contact (card, g_rand_int_range (rand, 0, 3));
          break;
        case WF_LANE_EMOTIONS:
          wf_card_set_emotion (card, g_rand_int_range (rand, -2, 3));
          break;
        case WF_LANE_PAIN_POINTS:
          wf_card_set_votes (card, g_rand_int_range (rand, 0, 12));
          break;
        default:
          break;
        }

      if (g_rand_int_range (rand, 0, 10) == 0)
        wf_card_set_metrics (card, g_variant_new_parsed ("[('conversion', %d), ('visits', %d)]",
                                                         g_rand_double (rand),
                                                         (double) g_rand_int_range (rand, 10, 100000)));
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          const char *tags[] = { "workshop", i % 2 ? "online" : "offline", NULL };
          wf_card_set_tags (card, tags);
        }

      wf_map_insert_card (map, card, phase, lane, -1);
      g_ptr_array_add (cards, card);
    }

  for (guint i = 0; i + 1 < cards->len && i < n_cards / 50 * 50; i += 50)
    {
      g_autofree char *id = g_strdup_printf ("link%u", i);
      g_autoptr(WfLink) link = wf_link_new (id, cards->pdata[i], cards->pdata[i + 1]);

      wf_map_insert_link (map, link, -1);
    }

  wf_document_insert_map (document, map, -1);

  return g_steal_pointer (&document);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);

  return g_array_index (times, double, times->len / 2);
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_maxrss / 1024.0;
}

static char *keep_dir;

static void
measure (guint   n_cards,
         guint   runs,
         Result *result)
{
  g_autoptr(WfDocument) document = generate (n_cards);
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
  g_autoptr(GArray) parse = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) write = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) save = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("wayfinder-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  for (guint run = 0; run < runs; run++)
    {
      gint64 start;
      double ms;

      /* Side by side: the bare parser, then Wayfinder, on the same bytes. */
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        g_autoptr(GError) error = NULL;

        start = g_get_monotonic_time ();
        if (!json_parser_load_from_data (parser, data, size, &error))
          g_error ("%s", error->message);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (parse, ms);
      }

      {
        g_autoptr(GError) error = NULL;
        g_autoptr(WfDocument) loaded = NULL;

        start = g_get_monotonic_time ();
        loaded = wf_journey_load_bytes (bytes, NULL, &error);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        if (loaded == NULL)
          g_error ("%s", error->message);
        g_array_append_val (open, ms);
      }

      {
        g_autoptr(GBytes) out = NULL;

        start = g_get_monotonic_time ();
        out = wf_journey_to_bytes (document);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (write, ms);
      }

      {
        g_autoptr(GError) error = NULL;

        start = g_get_monotonic_time ();
        if (!wf_journey_save_file (document, file, NULL, &error))
          g_error ("%s", error->message);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (save, ms);
      }
    }

  if (keep_dir != NULL)
    {
      g_autofree char *name = g_strdup_printf ("generated-%u.journey", n_cards);
      g_autofree char *kept = g_build_filename (keep_dir, name, NULL);

      g_rename (path, kept);
    }

  g_unlink (path);
  g_rmdir (dir);

  result->cards = n_cards;
  result->size_mb = size / 1e6;
  result->parse_ms = median (parse);
  result->open_ms = median (open);
  result->ratio = result->open_ms / result->parse_ms;
  result->write_ms = median (write);
  result->save_ms = median (save);
  result->peak_rss_mb = peak_rss_mb ();
}

int
main (int   argc,
      char *argv[])
{
  int cards = 0;
  int runs = 7;
  gboolean quick = FALSE;
  gboolean check = FALSE;
  g_autofree char *json_path = NULL;
  GOptionEntry entries[] = {
    { "cards", 'c', 0, G_OPTION_ARG_INT, &cards, "Measure one size only", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs per figure (the median is reported)", "N" },
    { "json", 'j', 0, G_OPTION_ARG_FILENAME, &json_path, "Write the figures as JSON too", "FILE" },
    { "keep", 'k', 0, G_OPTION_ARG_FILENAME, &keep_dir, "Keep the generated files in DIR", "DIR" },
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &quick, "Small sizes, for the test suite", NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "Fail when a figure is ten times worse than its goal", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— measure Wayfinder");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = g_array_new (FALSE, TRUE, sizeof (Result));
  g_autoptr(GString) json = g_string_new ("{\n  \"benchmark\": \"journey\",\n  \"results\": [\n");
  guint sizes_full[] = { 1000, 5000, 20000 };
  guint sizes_quick[] = { 1000 };
  guint *sizes = quick ? sizes_quick : sizes_full;
  guint n_sizes;
  gboolean failed = FALSE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  sizes = quick ? sizes_quick : sizes_full;
  n_sizes = quick ? G_N_ELEMENTS (sizes_quick) : G_N_ELEMENTS (sizes_full);
  if (cards > 0)
    {
      sizes = (guint *) &cards;
      n_sizes = 1;
    }
  if (quick && runs == 7)
    runs = 3;

  g_print ("%8s %9s %13s %9s %7s %10s %9s %10s\n",
           "cards", "size MB", "JsonParser ms", "open ms", "ratio", "write ms", "save ms", "peak RSS MB");

  for (guint i = 0; i < n_sizes; i++)
    {
      Result r;

      measure (sizes[i], runs, &r);
      g_array_append_val (results, r);

      g_print ("%8u %9.2f %13.1f %9.1f %7.2f %10.1f %9.1f %10.1f\n",
               r.cards, r.size_mb, r.parse_ms, r.open_ms, r.ratio, r.write_ms, r.save_ms, r.peak_rss_mb);
      g_string_append_printf (json,
                              "    { \"cards\": %u, \"size_mb\": %.3f, \"json_parser_ms\": %.2f, "
                              "\"open_ms\": %.2f, \"open_ratio\": %.3f, \"write_ms\": %.2f, "
                              "\"save_ms\": %.2f, \"peak_rss_mb\": %.1f }%s\n",
                              r.cards, r.size_mb, r.parse_ms, r.open_ms, r.ratio, r.write_ms,
                              r.save_ms, r.peak_rss_mb, i + 1 < n_sizes ? "," : "");

      if (check)
        {
          double save_goal = GOAL_SAVE_20K_MS * MAX (1.0, r.cards / 20000.0);
          double open_goal = GOAL_OPEN_5K_MS * MAX (1.0, r.cards / 5000.0);

          if (r.ratio > 10 * GOAL_OPEN_RATIO || r.save_ms > 10 * save_goal ||
              r.open_ms > 10 * open_goal || r.peak_rss_mb > 10 * GOAL_PEAK_RSS_MB)
            {
              g_printerr ("%u cards: a figure is more than ten times its goal\n", r.cards);
              failed = TRUE;
            }
        }
    }

  g_string_append (json, "  ]\n}\n");

  if (json_path != NULL && !g_file_set_contents (json_path, json->str, json->len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return failed ? 1 : 0;
}
