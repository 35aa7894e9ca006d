/* test-insights.c — the gap finder's rules on hand-made maps
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "insights/wf-findings.h"
#include "insights/wf-insights.h"

/* A map where no rule fires: Eva and Ruben each have touchpoints in every
 * phase, direct and through mixed channels; Eva's feeling moves gently;
 * her pain in "Choose" has an opportunity next to it.
 */
typedef struct
{
  WfDocument *document;
  WfMap      *map;
  WfPersona  *eva;
  WfPersona  *ruben;
  WfPhase    *phases[4];
  WfLane     *eva_touchpoints;
  WfLane     *eva_emotions;
  WfLane     *eva_pains;
  WfLane     *eva_opportunities;
  WfLane     *ruben_touchpoints;
  WfLane     *ruben_opportunities;
  WfLane     *shared_touchpoints;
  WfLane     *shared_opportunities;
  guint       n_cards;
} Fixture;

static WfLane *
add_lane (Fixture    *f,
          WfLaneKind  kind,
          WfPersona  *persona)
{
  g_autofree char *id = wf_document_make_id (f->document, "lane");
  WfLane *lane = wf_lane_new (id, kind);

  wf_lane_set_persona (lane, persona);
  g_assert_true (wf_map_insert_lane (f->map, lane, -1));
  g_object_unref (lane);

  return lane;
}

static void
clear_cell (Fixture *f,
            WfMap   *map,
            WfPhase *phase,
            WfLane  *lane)
{
  GPtrArray *cell;

  while ((cell = wf_map_get_cell (map, phase, lane)) != NULL && cell->len > 0)
    wf_map_remove_card (map, g_ptr_array_index (cell, 0));
}

static void
remove_lane (Fixture *f,
             WfLane  *lane)
{
  for (guint p = 0; p < G_N_ELEMENTS (f->phases); p++)
    clear_cell (f, f->map, f->phases[p], lane);
  wf_map_remove_lane (f->map, lane);
}

static WfCard *
add_card (Fixture    *f,
          guint       phase,
          WfLane     *lane,
          const char *title)
{
  g_autofree char *id = g_strdup_printf ("card-%u", ++f->n_cards);
  WfCard *card = wf_card_new (id, title);

  g_assert_true (wf_map_insert_card (f->map, card, f->phases[phase], lane, -1));
  g_object_unref (card);

  return card;
}

static WfCard *
add_touchpoint (Fixture    *f,
                guint       phase,
                WfLane     *lane,
                const char *title,
                WfChannel   channel,
                WfContact   contact)
{
  WfCard *card = add_card (f, phase, lane, title);

  wf_card_set_channel (card, channel);
  wf_card_set_contact (card, contact);

  return card;
}

static WfCard *
add_emotion (Fixture *f,
             guint    phase,
             int      emotion)
{
  WfCard *card = add_card (f, phase, f->eva_emotions, "Feeling");

  wf_card_set_emotion (card, emotion);

  return card;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char * const names[] = { "Orient", "Choose", "Buy", "Use" };
  WfMap *map;

  f->document = wf_document_new ();
  f->eva = wf_persona_new ("eva", "Eva");
  f->ruben = wf_persona_new ("ruben", "Ruben");
  wf_document_insert_persona (f->document, f->eva, -1);
  wf_document_insert_persona (f->document, f->ruben, -1);
  g_object_unref (f->eva);
  g_object_unref (f->ruben);

  map = wf_map_new ("map", "Coffee");
  wf_document_insert_map (f->document, map, -1);
  f->map = map;
  g_object_unref (map);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_ascii_strdown (names[i], -1);

      f->phases[i] = wf_phase_new (id, names[i]);
      wf_map_insert_phase (f->map, f->phases[i], -1);
      g_object_unref (f->phases[i]);
    }

  f->eva_touchpoints = add_lane (f, WF_LANE_TOUCHPOINTS, f->eva);
  f->eva_emotions = add_lane (f, WF_LANE_EMOTIONS, f->eva);
  f->eva_pains = add_lane (f, WF_LANE_PAIN_POINTS, f->eva);
  f->eva_opportunities = add_lane (f, WF_LANE_OPPORTUNITIES, f->eva);
  f->ruben_touchpoints = add_lane (f, WF_LANE_TOUCHPOINTS, f->ruben);
  f->ruben_opportunities = add_lane (f, WF_LANE_OPPORTUNITIES, f->ruben);

  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    {
      add_touchpoint (f, p, f->eva_touchpoints, "Site", WF_CHANNEL_WEB, WF_CONTACT_DIRECT);
      add_touchpoint (f, p, f->eva_touchpoints, "Shop", WF_CHANNEL_STORE, WF_CONTACT_DIRECT);
      add_touchpoint (f, p, f->ruben_touchpoints, "Review", WF_CHANNEL_REVIEW_SITE, WF_CONTACT_INDIRECT);
      add_touchpoint (f, p, f->ruben_touchpoints, "Call", WF_CHANNEL_PHONE, WF_CONTACT_DIRECT);
    }

  add_emotion (f, 0, 1);
  add_emotion (f, 1, 0);
  add_emotion (f, 1, -1);
  add_emotion (f, 2, -1);
  add_emotion (f, 3, 0);

  add_card (f, 1, f->eva_pains, "Too many plans");
  add_card (f, 1, f->eva_opportunities, "A plan finder");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_unref (f->document);
}

static GPtrArray *
find (Fixture *f)
{
  GPtrArray *findings = wf_insights_find (f->map);

  for (guint i = 0; i < findings->len; i++)
    g_test_message ("finding %u: %s — %s", i,
                    wf_finding_get_key (g_ptr_array_index (findings, i)),
                    wf_finding_get_message (g_ptr_array_index (findings, i)));

  return findings;
}

static void
assert_finding (WfFinding  *finding,
                const char *rule,
                WfPhase    *phase,
                WfPersona  *persona,
                guint       n_cards)
{
  g_assert_cmpstr (wf_finding_get_rule (finding), ==, rule);
  g_assert_true (wf_finding_get_phase (finding) == phase);
  g_assert_true (wf_finding_get_persona (finding) == persona);
  g_assert_cmpuint (wf_finding_get_cards (finding)->len, ==, n_cards);
}

static void
test_none (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = find (f);

  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_no_touchpoint (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) again = NULL;

  clear_cell (f, f->map, f->phases[2], f->eva_touchpoints);

  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings->pdata[0], WF_RULE_NO_TOUCHPOINT, f->phases[2], f->eva, 0);
  g_assert_cmpstr (wf_finding_get_message (findings->pdata[0]), ==, "Eva has no touchpoint in “Buy”");
  g_assert_cmpstr (wf_finding_get_key (findings->pdata[0]), ==, "no-touchpoint/map/buy/eva/");

  /* A shared touchpoints lane serves Eva as well. */
  f->shared_touchpoints = add_lane (f, WF_LANE_TOUCHPOINTS, NULL);
  add_touchpoint (f, 2, f->shared_touchpoints, "Newsletter", WF_CHANNEL_EMAIL, WF_CONTACT_DIRECT);
  again = find (f);
  g_assert_cmpuint (again->len, ==, 0);
}

static void
test_no_touchpoint_everyone (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;

  /* Only shared touchpoints: the rule speaks of everyone. */
  remove_lane (f, f->eva_touchpoints);
  remove_lane (f, f->ruben_touchpoints);
  f->shared_touchpoints = add_lane (f, WF_LANE_TOUCHPOINTS, NULL);
  add_touchpoint (f, 0, f->shared_touchpoints, "Ad", WF_CHANNEL_ADS, WF_CONTACT_DIRECT);
  add_touchpoint (f, 2, f->shared_touchpoints, "Shop", WF_CHANNEL_STORE, WF_CONTACT_DIRECT);
  add_touchpoint (f, 3, f->shared_touchpoints, "Shop", WF_CHANNEL_STORE, WF_CONTACT_DIRECT);

  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 2);
  assert_finding (findings->pdata[0], WF_RULE_NO_TOUCHPOINT, f->phases[1], NULL, 0);
  g_assert_cmpstr (wf_finding_get_message (findings->pdata[0]), ==, "No touchpoint in “Choose”");
  /* Online in Orient, offline in Buy: the phase without touchpoints
   * between them does not hide the hand-over. */
  assert_finding (findings->pdata[1], WF_RULE_CHANNEL_BREAK, f->phases[2], NULL, 2);
}

static void
test_no_touchpoint_lanes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;

  /* No touchpoints lanes at all: no persona is expected to have any. */
  remove_lane (f, f->eva_touchpoints);
  remove_lane (f, f->ruben_touchpoints);

  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_pain_without_opportunity (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) answered = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(WfLink) link = NULL;
  g_autofree char *key = NULL;
  WfCard *pain;
  WfCard *elsewhere;

  pain = add_card (f, 2, f->eva_pains, "Hidden costs");
  /* Ruben's opportunity does not answer Eva's pain. */
  add_card (f, 2, f->ruben_opportunities, "Call-back");

  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings->pdata[0], WF_RULE_PAIN_WITHOUT_OPPORTUNITY, f->phases[2], f->eva, 1);
  g_assert_true (wf_finding_get_cards (findings->pdata[0])->pdata[0] == pain);
  g_assert_cmpstr (wf_finding_get_message (findings->pdata[0]), ==,
                   "Nothing answers the pain point “Hidden costs” in “Buy”: no opportunity there and none linked to it");
  key = g_strconcat ("pain-without-opportunity/map/buy/eva/", wf_item_get_id (WF_ITEM (pain)), NULL);
  g_assert_cmpstr (wf_finding_get_key (findings->pdata[0]), ==, key);

  /* A link to an opportunity in another phase answers it, either way. */
  elsewhere = add_card (f, 3, f->eva_opportunities, "Price check");
  link = wf_link_new ("link", elsewhere, pain);
  wf_map_insert_link (f->map, link, -1);
  linked = find (f);
  g_assert_cmpuint (linked->len, ==, 0);
  wf_map_remove_link (f->map, link);

  /* So does a shared opportunity in the same phase. */
  f->shared_opportunities = add_lane (f, WF_LANE_OPPORTUNITIES, NULL);
  add_card (f, 2, f->shared_opportunities, "Clear prices");
  answered = find (f);
  g_assert_cmpuint (answered->len, ==, 0);
}

static void
test_shared_pain (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) answered = NULL;
  WfLane *shared_pains = add_lane (f, WF_LANE_PAIN_POINTS, NULL);

  add_card (f, 3, shared_pains, "Slow delivery");
  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings->pdata[0], WF_RULE_PAIN_WITHOUT_OPPORTUNITY, f->phases[3], NULL, 1);

  /* Any persona's opportunity answers a shared pain. */
  add_card (f, 3, f->ruben_opportunities, "Track and trace");
  answered = find (f);
  g_assert_cmpuint (answered->len, ==, 0);
}

static void
test_emotion_drop (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) gentle = NULL;
  WfCard *low;

  /* Choose has a mean of -0.5; from +2 in Orient that is a drop of 2.5. */
  wf_card_set_emotion (wf_map_get_cell (f->map, f->phases[0], f->eva_emotions)->pdata[0], 2);

  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings->pdata[0], WF_RULE_EMOTION_DROP, f->phases[1], f->eva, 3);
  g_assert_cmpstr (wf_finding_get_message (findings->pdata[0]), ==,
                   "Eva’s feeling drops from +2.0 in “Orient” to -0.5 in “Choose”");

  /* A drop of 1.5 is not a gap. */
  wf_card_set_emotion (wf_map_get_cell (f->map, f->phases[0], f->eva_emotions)->pdata[0], 1);
  gentle = find (f);
  g_assert_cmpuint (gentle->len, ==, 0);

  /* Phases without emotions are skipped; cards without one don't count. */
  wf_map_remove_card (f->map, wf_map_get_cell (f->map, f->phases[2], f->eva_emotions)->pdata[0]);
  add_card (f, 2, f->eva_emotions, "No feeling");
  low = add_emotion (f, 3, -2);
  {
    g_autoptr(GPtrArray) skipped = find (f);

    /* Choose (-0.5) → Use (mean of 0 and -2: -1) is no drop of 2. */
    g_assert_cmpuint (skipped->len, ==, 0);
  }
  wf_card_set_emotion (low, WF_EMOTION_NONE);
  wf_card_set_emotion (wf_map_get_cell (f->map, f->phases[3], f->eva_emotions)->pdata[0], -2);
  wf_card_set_emotion (wf_map_get_cell (f->map, f->phases[1], f->eva_emotions)->pdata[0], 1);
  wf_card_set_emotion (wf_map_get_cell (f->map, f->phases[1], f->eva_emotions)->pdata[1], 0);
  {
    g_autoptr(GPtrArray) later = find (f);

    /* Choose (+0.5) → Use (-2), over Buy which has none. */
    g_assert_cmpuint (later->len, ==, 1);
    assert_finding (later->pdata[0], WF_RULE_EMOTION_DROP, f->phases[3], f->eva, 4);
  }
}

static void
test_indirect_only (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  GPtrArray *cell = wf_map_get_cell (f->map, f->phases[0], f->ruben_touchpoints);

  wf_card_set_contact (cell->pdata[1], WF_CONTACT_INDIRECT);
  /* A touchpoint whose contact is not set is not indirect. */
  wf_card_set_contact (wf_map_get_cell (f->map, f->phases[1], f->ruben_touchpoints)->pdata[1], WF_CONTACT_NONE);

  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings->pdata[0], WF_RULE_INDIRECT_ONLY, f->phases[0], f->ruben, 2);
  g_assert_cmpstr (wf_finding_get_message (findings->pdata[0]), ==,
                   "Ruben meets the company only indirectly in “Orient”");
}

static void
test_channel_break (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) mixed = NULL;

  /* Eva: only online in Choose, only offline in Buy. */
  wf_card_set_channel (wf_map_get_cell (f->map, f->phases[1], f->eva_touchpoints)->pdata[1], WF_CHANNEL_APP);
  wf_card_set_channel (wf_map_get_cell (f->map, f->phases[2], f->eva_touchpoints)->pdata[0], WF_CHANNEL_PHONE);

  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings->pdata[0], WF_RULE_CHANNEL_BREAK, f->phases[2], f->eva, 4);
  g_assert_cmpstr (wf_finding_get_message (findings->pdata[0]), ==,
                   "Eva goes from only online in “Choose” to only offline in “Buy”");

  /* A channel that is neither online nor offline makes no break. */
  wf_card_set_channel (wf_map_get_cell (f->map, f->phases[2], f->eva_touchpoints)->pdata[0], WF_CHANNEL_OTHER);
  mixed = find (f);
  g_assert_cmpuint (mixed->len, ==, 0);
}

static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;

  /* Gaps in Use, then in Orient: listed by phase, then by rule. */
  clear_cell (f, f->map, f->phases[3], f->ruben_touchpoints);
  add_card (f, 3, f->eva_pains, "Broken grinder");
  clear_cell (f, f->map, f->phases[0], f->eva_touchpoints);

  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 3);
  assert_finding (findings->pdata[0], WF_RULE_NO_TOUCHPOINT, f->phases[0], f->eva, 0);
  assert_finding (findings->pdata[1], WF_RULE_NO_TOUCHPOINT, f->phases[3], f->ruben, 0);
  assert_finding (findings->pdata[2], WF_RULE_PAIN_WITHOUT_OPPORTUNITY, f->phases[3], f->eva, 1);
}

static void
test_rules (void)
{
  const char * const *rules = wf_insights_list_rules ();

  g_assert_cmpuint (g_strv_length ((char **) rules), ==, 7);
  for (guint i = 0; rules[i] != NULL; i++)
    g_assert_nonnull (wf_insights_get_rule_title (rules[i]));
  g_assert_null (wf_insights_get_rule_title ("no-such-rule"));
}

static void
test_all_maps (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(WfMap) copy = wf_map_duplicate (f->map, "Copy");
  g_autoptr(GPtrArray) findings = NULL;

  wf_document_insert_map (f->document, copy, -1);
  clear_cell (f, copy, wf_map_get_phase (copy, 1), wf_map_get_lane (copy, 0));

  findings = wf_insights_find_all (f->document);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_true (wf_finding_get_map (findings->pdata[0]) == copy);
}

static GVariant *
one_metric (const char  *name,
            const char  *persona,
            const char  *unit,
            WfDirection  direction,
            double       target,
            const char  *dates_values)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  g_auto(GStrv) pairs = g_strsplit (dates_values, " ", -1);
  WfMetric *metric = wf_metric_new (name);

  g_free (metric->persona);
  metric->persona = g_strdup (persona);
  g_free (metric->unit);
  metric->unit = g_strdup (unit);
  metric->direction = direction;
  metric->has_target = !isnan (target);
  metric->target = target;
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) dv = g_strsplit (pairs[i], "=", 2);

      wf_metric_set_measurement (metric, g_ascii_strtod (dv[1], NULL), dv[0]);
    }
  g_ptr_array_add (metrics, metric);

  return wf_metrics_to_variant (metrics);
}

static void
test_metric_off_target (Fixture       *f,
                        gconstpointer  data)
{
  WfCard *site = wf_map_get_cell (f->map, f->phases[2], f->eva_touchpoints)->pdata[0];
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) met = NULL;
  g_autoptr(GPtrArray) phase = NULL;
  g_autofree char *key = NULL;

  /* Conversion should be higher; its latest value is below target. */
  wf_card_set_metrics (site, one_metric ("Conversion", "", "%", WF_DIRECTION_HIGHER, 4,
                                         "2026-09-30=4.2 2026-10-31=3.1"));
  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings->pdata[0], WF_RULE_METRIC_OFF_TARGET, f->phases[2], f->eva, 1);
  g_assert_true (wf_finding_get_cards (findings->pdata[0])->pdata[0] == site);
  g_assert_cmpstr (wf_finding_get_message (findings->pdata[0]), ==,
                   "Conversion on “Site” is 3.1%, below its target of 4%");
  key = g_strconcat ("metric-off-target/map/buy/eva/", wf_item_get_id (WF_ITEM (site)), "/Conversion", NULL);
  g_assert_cmpstr (wf_finding_get_key (findings->pdata[0]), ==, key);

  /* Reaching the target meets it; without a direction there is none. */
  wf_card_set_metrics (site, one_metric ("Conversion", "", "%", WF_DIRECTION_HIGHER, 4,
                                         "2026-09-30=3.1 2026-10-31=4"));
  wf_card_set_metrics (wf_map_get_cell (f->map, f->phases[1], f->eva_touchpoints)->pdata[0],
                       one_metric ("Visits", "", "count", WF_DIRECTION_NONE, 1000, "=10"));
  met = find (f);
  g_assert_cmpuint (met->len, ==, 0);

  /* A phase's figure for a persona, where lower is better. */
  wf_phase_set_metrics (f->phases[3], one_metric ("Churn", "ruben", "%", WF_DIRECTION_LOWER, 5, "2026-10-31=6.5"));
  phase = find (f);
  g_assert_cmpuint (phase->len, ==, 1);
  assert_finding (phase->pdata[0], WF_RULE_METRIC_OFF_TARGET, f->phases[3], f->ruben, 0);
  g_assert_cmpstr (wf_finding_get_message (phase->pdata[0]), ==,
                   "Churn in “Use” for Ruben is 6.5%, above its target of 5%");
  g_assert_cmpstr (wf_finding_get_key (phase->pdata[0]), ==, "metric-off-target/map/use/ruben//Churn");
}

static void
test_metric_worsening (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) recovered = NULL;
  g_autoptr(GPtrArray) two = NULL;

  /* NPS for everyone in Choose: 20, 12, 5 — worse twice in a row. */
  wf_phase_set_metrics (f->phases[1], one_metric ("NPS", "", "score", WF_DIRECTION_HIGHER, NAN,
                                                  "2026-08-31=20 2026-09-30=12 2026-10-31=5"));
  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings->pdata[0], WF_RULE_METRIC_WORSENING, f->phases[1], NULL, 0);
  g_assert_cmpstr (wf_finding_get_message (findings->pdata[0]), ==,
                   "NPS in “Choose” got worse at each of its last measurements: 20 → 12 → 5");

  /* Better again at the last: no longer. */
  wf_phase_set_metrics (f->phases[1], one_metric ("NPS", "", "score", WF_DIRECTION_HIGHER, NAN,
                                                  "2026-08-31=20 2026-09-30=12 2026-10-31=5 2026-11-30=9"));
  recovered = find (f);
  g_assert_cmpuint (recovered->len, ==, 0);

  /* Two measurements are not yet a trend. */
  wf_phase_set_metrics (f->phases[1], one_metric ("NPS", "", "score", WF_DIRECTION_HIGHER, NAN,
                                                  "2026-09-30=12 2026-10-31=5"));
  two = find (f);
  g_assert_cmpuint (two->len, ==, 0);
}

/* The finder skips plain figures by their bytes: a figure named after a
 * direction is still plain, and a figure with a direction after plain
 * ones is still found, by its own name.
 */
static void
test_metric_plain (Fixture       *f,
                   gconstpointer  data)
{
  WfCard *site = wf_map_get_cell (f->map, f->phases[2], f->eva_touchpoints)->pdata[0];
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const char *names[] = { "lower", "higher", "Conversion" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      WfMetric *metric = wf_metric_new (names[i]);

      metric->has_target = TRUE;
      metric->target = 4;
      wf_metric_set_measurement (metric, 5, "2026-08-31");
      wf_metric_set_measurement (metric, 4, "2026-09-30");
      wf_metric_set_measurement (metric, 3, "2026-10-31");
      g_ptr_array_add (metrics, metric);
    }

  wf_card_set_metrics (site, wf_metrics_to_variant (metrics));
  plain = find (f);
  g_assert_cmpuint (plain->len, ==, 0);

  ((WfMetric *) metrics->pdata[2])->direction = WF_DIRECTION_HIGHER;
  wf_card_set_metrics (site, wf_metrics_to_variant (metrics));
  findings = find (f);
  g_assert_cmpuint (findings->len, ==, 2);
  assert_finding (findings->pdata[0], WF_RULE_METRIC_OFF_TARGET, f->phases[2], f->eva, 1);
  g_assert_cmpstr (wf_finding_get_message (findings->pdata[0]), ==,
                   "Conversion on “Site” is 3, below its target of 4");
  assert_finding (findings->pdata[1], WF_RULE_METRIC_WORSENING, f->phases[2], f->eva, 1);
  g_assert_cmpstr (wf_finding_get_message (findings->pdata[1]), ==,
                   "Conversion on “Site” got worse at each of its last measurements: 5 → 4 → 3");
}

typedef struct
{
  guint position, removed, added, n;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->n++;
}

static void
wait_for_findings (WfFindings *findings)
{
  while (wf_findings_is_stale (findings))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_findings_live (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WfFindings) findings = wf_findings_new ();
  g_autoptr(WfFinding) first = NULL;
  Change change = { 0 };

  g_signal_connect (findings, "items-changed", G_CALLBACK (on_items_changed), &change);
  wf_findings_set_map (findings, f->map);
  g_assert_false (wf_findings_is_stale (findings));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (findings)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (findings)) == WF_TYPE_FINDING);

  /* Many changes, one search, once the main loop is idle. */
  clear_cell (f, f->map, f->phases[1], f->ruben_touchpoints);
  clear_cell (f, f->map, f->phases[3], f->ruben_touchpoints);
  g_assert_true (wf_findings_is_stale (findings));
  g_assert_cmpuint (change.n, ==, 0);
  wait_for_findings (findings);
  g_assert_cmpuint (change.n, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (findings)), ==, 2);

  /* A new name changes one sentence: only that finding is replaced. */
  add_touchpoint (f, 3, f->ruben_touchpoints, "Call", WF_CHANNEL_PHONE, WF_CONTACT_DIRECT);
  wait_for_findings (findings);
  g_assert_cmpuint (change.n, ==, 2);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);

  wf_persona_set_name (f->ruben, "Ruud");
  wait_for_findings (findings);
  g_assert_cmpuint (change.n, ==, 3);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (findings), 0);
  g_assert_cmpstr (wf_finding_get_message (first), ==, "Ruud has no touchpoint in “Choose”");

  /* A change that changes no finding says nothing. */
  wf_card_set_notes (wf_map_get_cell (f->map, f->phases[0], f->eva_touchpoints)->pdata[0], "Notes");
  wait_for_findings (findings);
  g_assert_cmpuint (change.n, ==, 3);

  /* The map leaves its document: nothing to find. */
  g_object_ref (f->map);
  wf_document_remove_map (f->document, f->map);
  g_assert_null (wf_findings_get_map (findings));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (findings)), ==, 0);
  g_object_unref (f->map);
}

static void
test_findings_dismissed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(WfFindings) findings = wf_findings_new ();
  WfUndoStack *stack = wf_document_get_undo_stack (f->document);
  g_autoptr(WfFinding) first = NULL;
  const char *keys[2] = { NULL, NULL };

  clear_cell (f, f->map, f->phases[1], f->ruben_touchpoints);
  clear_cell (f, f->map, f->phases[3], f->ruben_touchpoints);
  wf_findings_set_map (findings, f->map);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (findings)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (findings), 0);

  /* Set aside, as one undoable step: it leaves the list, and is counted. */
  keys[0] = wf_finding_get_key (first);
  wf_edit_set (f->map, "dismissed", keys, NULL);
  wait_for_findings (findings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (findings)), ==, 1);
  g_assert_cmpuint (wf_findings_get_n_dismissed (findings), ==, 1);

  /* Shown when asked for. */
  wf_findings_set_show_dismissed (findings, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (findings)), ==, 2);
  wf_findings_set_show_dismissed (findings, FALSE);

  g_assert_true (wf_undo_stack_undo (stack));
  wait_for_findings (findings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (findings)), ==, 2);
  g_assert_cmpuint (wf_findings_get_n_dismissed (findings), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/insights/none", test_none);
  ADD ("/insights/no-touchpoint", test_no_touchpoint);
  ADD ("/insights/no-touchpoint/everyone", test_no_touchpoint_everyone);
  ADD ("/insights/no-touchpoint/no-lanes", test_no_touchpoint_lanes);
  ADD ("/insights/pain-without-opportunity", test_pain_without_opportunity);
  ADD ("/insights/pain-without-opportunity/shared", test_shared_pain);
  ADD ("/insights/emotion-drop", test_emotion_drop);
  ADD ("/insights/indirect-only", test_indirect_only);
  ADD ("/insights/channel-break", test_channel_break);
  ADD ("/insights/order", test_order);
  ADD ("/insights/metric-off-target", test_metric_off_target);
  ADD ("/insights/metric-worsening", test_metric_worsening);
  ADD ("/insights/metric-plain", test_metric_plain);
  ADD ("/insights/all-maps", test_all_maps);
  ADD ("/insights/findings/live", test_findings_live);
  ADD ("/insights/findings/dismissed", test_findings_dismissed);
  g_test_add_func ("/insights/rules", test_rules);

  return g_test_run ();
}
