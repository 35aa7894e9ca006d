/* test-templates.c — the built-in templates, in English and Dutch
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "model/wf-templates.h"
#include "storage/wf-journey.h"

static void
test_all_valid (void)
{
  const char * const *ids = wf_templates_get_ids ();
  const char *langs[] = { "en", "nl" };

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 5);

  for (guint i = 0; ids[i]; i++)
    {
      for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
        {
          g_autoptr(WfDocument) document = wf_templates_create (ids[i], langs[l]);
          g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
          g_autoptr(GError) error = NULL;
          g_autoptr(WfDocument) loaded = wf_journey_load_bytes (bytes, NULL, &error);
          WfMap *map;

          g_assert_no_error (error);
          g_assert_nonnull (loaded);
          g_assert_cmpuint (wf_document_get_n_maps (document), ==, 1);
          g_assert_cmpuint (wf_document_get_n_personas (document), >=, 1);
          g_assert_nonnull (wf_document_get_created (document));

          map = wf_document_get_map (document, 0);
          g_assert_cmpuint (wf_map_get_n_phases (map), >=, 3);
          g_assert_cmpuint (wf_map_get_n_lanes (map), >=, 3);
          g_assert_cmpuint (wf_map_get_n_cards (map), >=, 5);
          g_assert_cmpstr (wf_document_get_title (document), ==, wf_templates_get_name (ids[i], langs[l]));

          /* Every phase of a real starting map has content. */
          for (guint p = 0; p < wf_map_get_n_phases (map); p++)
            {
              WfPhase *phase = wf_map_get_phase (map, p);
              guint n = 0;

              for (guint ln = 0; ln < wf_map_get_n_lanes (map); ln++)
                n += wf_map_get_n_cell_cards (map, phase, wf_map_get_lane (map, ln));

              g_assert_cmpuint (n, >, 0);
              g_assert_cmpstr (wf_phase_get_name (phase), !=, "");
            }
        }
    }
}

static void
assert_phases (const char         *id,
               const char         *lang,
               const char * const *names)
{
  g_autoptr(WfDocument) document = wf_templates_create (id, lang);
  WfMap *map = wf_document_get_map (document, 0);

  g_assert_cmpuint (wf_map_get_n_phases (map), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i]; i++)
    g_assert_cmpstr (wf_phase_get_name (wf_map_get_phase (map, i)), ==, names[i]);
}

/* The phase names users expect, in both languages (DOMAIN.md). */
static void
test_phase_names (void)
{
  const char *five_en[] = { "Awareness", "Consideration", "Decision", "Purchase", "Aftercare", NULL };
  const char *five_nl[] = { "Bewustwording", "Overweging", "Beslissing", "Aankoop", "Nazorg", NULL };
  const char *funnel_nl[] = { "Bewustzijn", "Overweging", "Aankoop", "Behoud", "Belangenbehartiging", NULL };
  const char *three_nl[] = { "Pre-sales fase", "Transactiefase", "Post-aankoopfase", NULL };
  const char *three_en[] = { "Pre-sales", "Transaction", "Post-purchase", NULL };

  assert_phases ("five-phases", "en", five_en);
  assert_phases ("five-phases", "nl", five_nl);
  assert_phases ("funnel", "nl", funnel_nl);
  assert_phases ("three-phases", "nl", three_nl);
  assert_phases ("three-phases", "en", three_en);
}

/* The B2B journey has a group of lanes per member of the buying team. */
static void
test_b2b_lane_groups (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("b2b", "nl");
  WfMap *map = wf_document_get_map (document, 0);

  g_assert_cmpuint (wf_document_get_n_personas (document), ==, 4);
  g_assert_cmpstr (wf_persona_get_name (wf_document_get_persona (document, 1)), ==, "Inkoop");

  for (guint p = 0; p < wf_document_get_n_personas (document); p++)
    {
      WfPersona *persona = wf_document_get_persona (document, p);
      guint lanes = 0;

      for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
        lanes += wf_lane_get_persona (wf_map_get_lane (map, l)) == persona;

      g_assert_cmpuint (lanes, >=, 2);
    }
}

static void
test_blueprint_lanes (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("service-blueprint", "en");
  WfMap *map = wf_document_get_map (document, 0);
  guint backstage = 0;

  g_assert_cmpint (wf_lane_get_kind (wf_map_get_lane (map, 0)), ==, WF_LANE_ACTIONS);
  g_assert_cmpint (wf_lane_get_kind (wf_map_get_lane (map, 1)), ==, WF_LANE_TOUCHPOINTS);
  for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
    backstage += wf_lane_get_kind (wf_map_get_lane (map, l)) == WF_LANE_BACKSTAGE;
  g_assert_cmpuint (backstage, ==, 2);
}

/* Emotion lanes carry emotions, so that the curve has points. */
static void
test_emotions (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfMap *map = wf_document_get_map (document, 0);
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);
  guint with_emotion = 0;

  for (guint i = 0; i < cards->len; i++)
    {
      WfCard *card = cards->pdata[i];

      if (wf_lane_get_kind (wf_card_get_lane (card)) == WF_LANE_EMOTIONS)
        {
          g_assert_cmpint (wf_card_get_emotion (card), !=, WF_EMOTION_NONE);
          with_emotion++;
        }
    }

  g_assert_cmpuint (with_emotion, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/templates/all-valid", test_all_valid);
  g_test_add_func ("/templates/phase-names", test_phase_names);
  g_test_add_func ("/templates/b2b-lane-groups", test_b2b_lane_groups);
  g_test_add_func ("/templates/blueprint-lanes", test_blueprint_lanes);
  g_test_add_func ("/templates/emotions", test_emotions);

  return g_test_run ();
}
