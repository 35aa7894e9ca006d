/* wf-insights.c — the gap finder: what a journey map is missing
 *
 * Each rule looks at the map's cells, phase by phase, for whom a lane is
 * (its persona, or everyone when it is shared). The rules and their
 * exact definitions are documented in help/C/insights.page; keep the two
 * in step.
 *
 * Who a rule speaks of, its audience:
 * - touchpoints: every persona that has a touchpoints lane of its own;
 *   a shared touchpoints lane serves each of them too. A map whose
 *   touchpoints lanes are all shared has one audience, everyone (NULL).
 * - emotions: every persona with an emotions lane of its own, and
 *   everyone (NULL) when there is a shared emotions lane; each is one
 *   curve on the canvas, and a rule follows that curve.
 *
 * The finder reads the touchpoints of each audience once for its three
 * rules, borrowing the cards rather than holding them, and takes apart
 * only the figures that have a direction: on the benchmark's map of
 * 20,000 cards it takes about 2 ms, so the findings are simply found
 * again after an edit (docs/performance.md, "Figures and gaps"). A map
 * with tens of thousands of findings takes longer, in building them.

 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-insights.h"

static const char * const rules[] = {
  WF_RULE_NO_TOUCHPOINT,
  WF_RULE_PAIN_WITHOUT_OPPORTUNITY,
  WF_RULE_EMOTION_DROP,
  WF_RULE_INDIRECT_ONLY,
  WF_RULE_CHANNEL_BREAK,
  WF_RULE_METRIC_OFF_TARGET,
  WF_RULE_METRIC_WORSENING,
  NULL,
};

#define N_RULES (G_N_ELEMENTS (rules) - 1)

typedef struct
{
  WfMap      *map;
  guint       n_phases;
  GPtrArray  *lanes[WF_N_LANE_KINDS];   /* WfLane, by kind, in map order */
  GHashTable *phase_numbers;            /* WfPhase → its index + 1 */
  GPtrArray  *found;                    /* per phase and rule, a GPtrArray of WfFinding or NULL */
} Finder;

/* Names as the map shows them */

static const char *
persona_name (WfPersona *persona)
{
  const char *name = wf_persona_get_name (persona);

  return *name ? name : _("Unnamed persona");
}

static const char *
phase_name (WfPhase *phase)
{
  const char *name = wf_phase_get_name (phase);

  return *name ? name : _("Untitled phase");
}

static const char *
card_title (WfCard *card)
{
  const char *title = wf_card_get_title (card);

  return *title ? title : _("Untitled card");
}

/* Audiences and the cards they see */

/* Whether @lane speaks of @audience: its own lanes, and shared lanes
 * when @shared is set. The audience NULL (everyone) is served by shared
 * lanes only.
 */
static gboolean
lane_serves (WfLane    *lane,
             WfPersona *audience,
             gboolean   shared)
{
  WfPersona *persona = wf_lane_get_persona (lane);

  if (persona == NULL)
    return audience == NULL || shared;

  return persona == audience;
}

/* The personas with a lane of @kind of their own, in the order their
 * first such lane has on the map; then NULL (everyone) when @everyone
 * says so. Returns a new array of borrowed pointers.
 */
static GPtrArray *
list_audiences (Finder     *f,
                WfLaneKind  kind,
                gboolean    everyone)
{
  GPtrArray *audiences = g_ptr_array_new ();

  for (guint i = 0; i < f->lanes[kind]->len; i++)
    {
      WfPersona *persona = wf_lane_get_persona (g_ptr_array_index (f->lanes[kind], i));

      if (persona != NULL && !g_ptr_array_find (audiences, persona, NULL))
        g_ptr_array_add (audiences, persona);
    }

  if (everyone)
    g_ptr_array_add (audiences, NULL);

  return audiences;
}

static gboolean
has_shared_lane (Finder     *f,
                 WfLaneKind  kind)
{
  for (guint i = 0; i < f->lanes[kind]->len; i++)
    if (wf_lane_get_persona (g_ptr_array_index (f->lanes[kind], i)) == NULL)
      return TRUE;

  return FALSE;
}

/* The cards of the lanes of @kind that serve @audience in @phase, in
 * lane order, appended to @cards. The pointers are borrowed: the map
 * does not change while the finder runs.
 */
static void
collect_cards (Finder     *f,
               WfLaneKind  kind,
               WfPersona  *audience,
               gboolean    shared,
               WfPhase    *phase,
               GPtrArray  *cards)
{
  for (guint i = 0; i < f->lanes[kind]->len; i++)
    {
      WfLane *lane = g_ptr_array_index (f->lanes[kind], i);
      GPtrArray *cell;

      if (!lane_serves (lane, audience, shared))
        continue;

      cell = wf_map_get_cell (f->map, phase, lane);
      if (cell != NULL)
        g_ptr_array_extend (cards, cell, NULL, NULL);
    }
}

/* The cards of collect_cards(), phase by phase: each rule of an
 * audience reads them, so they are collected once. A new array of
 * f->n_phases arrays of borrowed cards.
 */
static GPtrArray *
collect_cards_by_phase (Finder     *f,
                        WfLaneKind  kind,
                        WfPersona  *audience,
                        gboolean    shared)
{
  GPtrArray *by_phase = g_ptr_array_new_full (f->n_phases, (GDestroyNotify) g_ptr_array_unref);

  for (guint p = 0; p < f->n_phases; p++)
    {
      GPtrArray *cards = g_ptr_array_new ();

      collect_cards (f, kind, audience, shared, wf_map_get_phase (f->map, p), cards);
      g_ptr_array_add (by_phase, cards);
    }

  return by_phase;
}

static void
append_cards (GPtrArray *to,
              GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_object_ref (g_ptr_array_index (from, i)));
}

static guint
rule_order (const char *rule)
{
  for (guint i = 0; rules[i] != NULL; i++)
    if (rules[i] == rule || strcmp (rules[i], rule) == 0)
      return i;

  return G_N_ELEMENTS (rules);
}

/* The findings are listed by phase, then rule; findings of one rule and
 * phase in the order they were found (audiences, then cards, in map
 * order). Each goes to its place as it is found, rather than all being
 * sorted at the end: @finding is taken.
 */
static void
keep_finding (Finder    *f,
              WfFinding *finding)
{
  guint number = GPOINTER_TO_UINT (g_hash_table_lookup (f->phase_numbers, wf_finding_get_phase (finding)));
  guint rule = rule_order (wf_finding_get_rule (finding));
  GPtrArray **place;

  g_assert (number > 0 && rule < N_RULES);

  place = (GPtrArray **) &g_ptr_array_index (f->found, (number - 1) * N_RULES + rule);
  if (*place == NULL)
    *place = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (*place, finding);
}

static void
add_finding (Finder     *f,
             const char *rule,
             WfPhase    *phase,
             WfPersona  *persona,
             GPtrArray  *cards,
             WfCard     *subject,
             char       *message)
{
  keep_finding (f, wf_finding_new (rule, f->map, phase, persona, cards, subject, NULL, message));
}

/* The touchpoint audiences: personas with touchpoints lanes of their
 * own, or everyone when all touchpoints lanes are shared.
 */
static GPtrArray *
list_touchpoint_audiences (Finder *f)
{
  GPtrArray *audiences = list_audiences (f, WF_LANE_TOUCHPOINTS, FALSE);

  if (audiences->len == 0 && f->lanes[WF_LANE_TOUCHPOINTS]->len > 0)
    g_ptr_array_add (audiences, NULL);

  return audiences;
}

/* no-touchpoint */

static void
find_no_touchpoint (Finder    *f,
                    WfPersona *audience,
                    GPtrArray *touchpoints)
{
  for (guint p = 0; p < f->n_phases; p++)
    {
      WfPhase *phase = wf_map_get_phase (f->map, p);
      GPtrArray *cards = g_ptr_array_index (touchpoints, p);

      if (cards->len > 0)
        continue;

      if (audience != NULL)
        add_finding (f, WF_RULE_NO_TOUCHPOINT, phase, audience, NULL, NULL,
                     /* Translators: a gap in a journey map; the first %s is a
                      * persona, the second a phase */
                     g_strdup_printf (_("%s has no touchpoint in “%s”"),
                                      persona_name (audience), phase_name (phase)));
      else
        add_finding (f, WF_RULE_NO_TOUCHPOINT, phase, NULL, NULL, NULL,
                     /* Translators: a gap in a journey map; %s is a phase */
                     g_strdup_printf (_("No touchpoint in “%s”"), phase_name (phase)));
    }
}

/* indirect-only */

static void
find_indirect_only (Finder    *f,
                    WfPersona *audience,
                    GPtrArray *touchpoints)
{
  for (guint p = 0; p < f->n_phases; p++)
    {
      WfPhase *phase = wf_map_get_phase (f->map, p);
      GPtrArray *found = g_ptr_array_index (touchpoints, p);
      g_autoptr(GPtrArray) cards = NULL;
      gboolean indirect = found->len > 0;

      for (guint i = 0; indirect && i < found->len; i++)
        indirect = wf_card_get_contact (g_ptr_array_index (found, i)) == WF_CONTACT_INDIRECT;

      if (!indirect)
        continue;

      cards = g_ptr_array_new_with_free_func (g_object_unref);
      append_cards (cards, found);

      if (audience != NULL)
        add_finding (f, WF_RULE_INDIRECT_ONLY, phase, audience, cards, NULL,
                     /* Translators: a gap in a journey map; the first %s is a
                      * persona, the second a phase. Indirectly: through
                      * friends, review sites, the press */
                     g_strdup_printf (_("%s meets the company only indirectly in “%s”"),
                                      persona_name (audience), phase_name (phase)));
      else
        add_finding (f, WF_RULE_INDIRECT_ONLY, phase, NULL, cards, NULL,
                     /* Translators: a gap in a journey map; %s is a phase */
                     g_strdup_printf (_("Customers meet the company only indirectly in “%s”"),
                                      phase_name (phase)));
    }
}

/* channel-break */

/* Where the touchpoints in @cards are: all online, all offline, or
 * WF_PRESENCE_UNKNOWN for a mix or a channel that says neither.
 */
static WfPresence
get_presence (GPtrArray *cards)
{
  WfPresence presence = WF_PRESENCE_UNKNOWN;

  for (guint i = 0; i < cards->len; i++)
    {
      WfPresence p = wf_channel_get_presence (wf_card_get_channel (g_ptr_array_index (cards, i)));

      if (p == WF_PRESENCE_UNKNOWN || (i > 0 && p != presence))
        return WF_PRESENCE_UNKNOWN;
      presence = p;
    }

  return presence;
}

static void
find_channel_break (Finder    *f,
                    WfPersona *audience,
                    GPtrArray *touchpoints)
{
  GPtrArray *before = NULL;
  WfPhase *before_phase = NULL;

  for (guint p = 0; p < f->n_phases; p++)
    {
      WfPhase *phase = wf_map_get_phase (f->map, p);
      GPtrArray *cards = g_ptr_array_index (touchpoints, p);
      WfPresence was, is;

      if (cards->len == 0)
        continue;

      was = before ? get_presence (before) : WF_PRESENCE_UNKNOWN;
      is = get_presence (cards);

      if (was != WF_PRESENCE_UNKNOWN && is != WF_PRESENCE_UNKNOWN && was != is)
        {
          g_autoptr(GPtrArray) involved = g_ptr_array_new_with_free_func (g_object_unref);
          const char *who = audience ? persona_name (audience) : _("The customer");
          char *message;

          append_cards (involved, before);
          append_cards (involved, cards);

          if (is == WF_PRESENCE_OFFLINE)
            /* Translators: a gap in a journey map: a hand-over where
             * customers get lost. The first %s is a persona (or "The
             * customer"), the second and third are phases */
            message = g_strdup_printf (_("%s goes from only online in “%s” to only offline in “%s”"),
                                       who, phase_name (before_phase), phase_name (phase));
          else
            /* Translators: as above, the other way round */
            message = g_strdup_printf (_("%s goes from only offline in “%s” to only online in “%s”"),
                                       who, phase_name (before_phase), phase_name (phase));

          add_finding (f, WF_RULE_CHANNEL_BREAK, phase, audience, involved, NULL, message);
        }

      before = cards;
      before_phase = phase;
    }
}

/* emotion-drop */

/* The mean of the emotions set on @cards; FALSE when none is set. */
static gboolean
get_mean_emotion (GPtrArray *cards,
                  double    *mean)
{
  int sum = 0;
  guint n = 0;

  for (guint i = 0; i < cards->len; i++)
    {
      int emotion = wf_card_get_emotion (g_ptr_array_index (cards, i));

      if (emotion == WF_EMOTION_NONE)
        continue;
      sum += emotion;
      n++;
    }

  if (n == 0)
    return FALSE;

  *mean = (double) sum / n;
  return TRUE;
}

static void
find_emotion_drop (Finder    *f,
                   WfPersona *audience)
{
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  WfPhase *before_phase = NULL;
  double before_mean = 0;

  for (guint p = 0; p < f->n_phases; p++)
    {
      WfPhase *phase = wf_map_get_phase (f->map, p);
      GPtrArray *swap;
      double mean;

      g_ptr_array_set_size (cards, 0);
      collect_cards (f, WF_LANE_EMOTIONS, audience, FALSE, phase, cards);

      if (!get_mean_emotion (cards, &mean))
        continue;

      if (before_phase != NULL && before_mean - mean >= WF_INSIGHTS_EMOTION_DROP)
        {
          g_autoptr(GPtrArray) involved = g_ptr_array_new_with_free_func (g_object_unref);
          char *message;

          append_cards (involved, before);
          append_cards (involved, cards);

          if (audience != NULL)
            /* Translators: a gap in a journey map. The first %s is a
             * persona, then a phase and its mean emotion (from -2 to +2),
             * then the next phase and its mean emotion */
            message = g_strdup_printf (_("%s’s feeling drops from %+.1f in “%s” to %+.1f in “%s”"),
                                       persona_name (audience), before_mean, phase_name (before_phase),
                                       mean, phase_name (phase));
          else
            /* Translators: as above, for everyone */
            message = g_strdup_printf (_("The feeling drops from %+.1f in “%s” to %+.1f in “%s”"),
                                       before_mean, phase_name (before_phase),
                                       mean, phase_name (phase));

          add_finding (f, WF_RULE_EMOTION_DROP, phase, audience, involved, NULL, message);
        }

      /* This phase's cards are the next one's before; the arrays
       * change places. */
      swap = before;
      before = cards;
      cards = swap;
      before_phase = phase;
      before_mean = mean;
    }
}

/* pain-without-opportunity */

static gboolean
is_opportunity (WfCard *card)
{
  WfLane *lane = wf_card_get_lane (card);

  return lane != NULL && wf_lane_get_kind (lane) == WF_LANE_OPPORTUNITIES;
}

/* The cards linked, either way, to an opportunity card. */
static GHashTable *
find_linked_to_opportunity (Finder *f)
{
  GHashTable *linked = g_hash_table_new (NULL, NULL);
  guint n = wf_map_get_n_links (f->map);

  for (guint i = 0; i < n; i++)
    {
      WfLink *link = wf_map_get_link (f->map, i);
      WfCard *from = wf_link_get_from (link);
      WfCard *to = wf_link_get_to (link);

      if (is_opportunity (to))
        g_hash_table_add (linked, from);
      if (is_opportunity (from))
        g_hash_table_add (linked, to);
    }

  return linked;
}

/* Whether an opportunity in @phase answers the pains of @lane: one in
 * its persona's opportunities lanes or a shared one; any, for a shared
 * pain-points lane.
 */
static gboolean
has_opportunity (Finder  *f,
                 WfLane  *lane,
                 WfPhase *phase)
{
  WfPersona *persona = wf_lane_get_persona (lane);

  for (guint i = 0; i < f->lanes[WF_LANE_OPPORTUNITIES]->len; i++)
    {
      WfLane *other = g_ptr_array_index (f->lanes[WF_LANE_OPPORTUNITIES], i);

      if (persona != NULL && !lane_serves (other, persona, TRUE))
        continue;
      if (wf_map_get_n_cell_cards (f->map, phase, other) > 0)
        return TRUE;
    }

  return FALSE;
}

static void
find_pain_without_opportunity (Finder *f,
                               guint   p)
{
  WfPhase *phase = wf_map_get_phase (f->map, p);
  g_autoptr(GHashTable) linked = NULL;

  for (guint i = 0; i < f->lanes[WF_LANE_PAIN_POINTS]->len; i++)
    {
      WfLane *lane = g_ptr_array_index (f->lanes[WF_LANE_PAIN_POINTS], i);
      GPtrArray *cell = wf_map_get_cell (f->map, phase, lane);

      if (cell == NULL || cell->len == 0 || has_opportunity (f, lane, phase))
        continue;

      if (linked == NULL)
        linked = find_linked_to_opportunity (f);

      for (guint j = 0; j < cell->len; j++)
        {
          WfCard *card = g_ptr_array_index (cell, j);
          g_autoptr(GPtrArray) involved = NULL;

          if (g_hash_table_contains (linked, card))
            continue;

          involved = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (involved, g_object_ref (card));
          add_finding (f, WF_RULE_PAIN_WITHOUT_OPPORTUNITY, phase, wf_lane_get_persona (lane), involved, card,
                       /* Translators: a gap in a journey map; the first %s is
                        * the title of a pain point, the second a phase */
                       g_strdup_printf (_("Nothing answers the pain point “%s” in “%s”: no opportunity there and none linked to it"),
                                        card_title (card), phase_name (phase)));
        }
    }
}

/* metric-off-target and metric-worsening */

/* Whether the last WF_INSIGHTS_WORSENING measurements each got worse in
 * the metric's direction.
 */
static gboolean
is_worsening (const WfMetric *metric)
{
  guint n = metric->measurements->len;

  if (metric->direction == WF_DIRECTION_NONE || n < WF_INSIGHTS_WORSENING)
    return FALSE;

  for (guint i = n - WF_INSIGHTS_WORSENING + 1; i < n; i++)
    {
      const WfMeasurement *before = &g_array_index (metric->measurements, WfMeasurement, i - 1);
      const WfMeasurement *after = &g_array_index (metric->measurements, WfMeasurement, i);

      if (!wf_metric_is_worse (metric, after->value, before->value))
        return FALSE;
    }

  return TRUE;
}

/* "3.1% → 2.8% → 2.2%": the measurements that make the trend. */
static char *
format_trend (const WfMetric *metric)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = metric->measurements->len;

  for (guint i = n - WF_INSIGHTS_WORSENING; i < n; i++)
    {
      g_autofree char *value = wf_metric_format_value (metric, g_array_index (metric->measurements, WfMeasurement, i).value);

      if (text->len > 0)
        g_string_append (text, " → ");
      g_string_append (text, value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Where a metric is, in a sentence: "on “Checkout”", "in “Buy” for Eva". */
static char *
describe_place (WfCard    *card,
                WfPhase   *phase,
                WfPersona *persona)
{
  if (card != NULL)
    /* Translators: where a figure is measured: on a card, by its title */
    return g_strdup_printf (_("on “%s”"), card_title (card));
  if (persona != NULL)
    /* Translators: where a figure is measured: in a phase, for a persona */
    return g_strdup_printf (_("in “%s” for %s"), phase_name (phase), persona_name (persona));

  /* Translators: where a figure is measured: in a phase, for everyone */
  return g_strdup_printf (_("in “%s”"), phase_name (phase));
}

/* Whether @size bytes at @data hold the text @word with its final NUL. */
static gboolean
holds_word (const char *data,
            gsize       size,
            const char *word)
{
  gsize len = strlen (word) + 1;
  const char *end = data + size;

  for (const char *at = data; (gsize) (end - at) >= len; at++)
    {
      at = memchr (at, word[0], end - at - len + 1);
      if (at == NULL)
        return FALSE;
      if (memcmp (at, word, len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether a metric of @variant may have a direction. Its serialised form
 * holds each direction as its text, so metrics whose bytes hold neither
 * "higher" nor "lower" are all plain; a metric named "lower" gives a
 * false yes, which metric_has_direction() then answers.
 */
static gboolean
may_have_direction (GVariant *variant)
{
  const char *data = g_variant_get_data (variant);
  gsize size = g_variant_get_size (variant);

  if (data == NULL)
    return TRUE;

  return holds_word (data, size, wf_direction_to_string (WF_DIRECTION_HIGHER)) ||
         holds_word (data, size, wf_direction_to_string (WF_DIRECTION_LOWER));
}

/* Whether @item, one metric, has a direction: without one it has no
 * target to miss and cannot get worse, and most figures on a map are
 * plain (a name and a value). Read without taking the metric apart.
 */
static gboolean
metric_has_direction (GVariant *item)
{
  g_autoptr(GVariant) text = g_variant_get_child_value (item, 3);
  WfDirection direction = WF_DIRECTION_NONE;

  wf_direction_from_string (g_variant_get_string (text, NULL), &direction);

  return direction != WF_DIRECTION_NONE;
}

static void
add_metric_finding (Finder         *f,
                    const char     *rule,
                    const WfMetric *metric,
                    WfPhase        *phase,
                    WfCard         *card,
                    const char     *trend)
{
  WfDocument *document = wf_item_get_document (WF_ITEM (f->map));
  WfPersona *persona = card ? wf_lane_get_persona (wf_card_get_lane (card)) : NULL;
  g_autoptr(GPtrArray) involved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *place = NULL;
  char *message;

  if (*metric->persona != '\0')
    {
      WfItem *item = document ? wf_document_lookup (document, metric->persona) : NULL;

      persona = WF_IS_PERSONA (item) ? WF_PERSONA (item) : NULL;
    }

  if (card != NULL)
    g_ptr_array_add (involved, g_object_ref (card));
  place = describe_place (card, phase, persona);

  if (trend == NULL)
    {
      g_autofree char *value = wf_metric_format_value (metric, wf_metric_get_latest (metric)->value);
      g_autofree char *target = wf_metric_format_value (metric, metric->target);

      if (metric->direction == WF_DIRECTION_HIGHER)
        /* Translators: a figure that misses its target. The first %s
         * is a metric's name, the second where it is ("on “Checkout”"),
         * then its value and its target */
        message = g_strdup_printf (_("%s %s is %s, below its target of %s"),
                                   metric->name, place, value, target);
      else
        /* Translators: as above, for a figure where lower is better */
        message = g_strdup_printf (_("%s %s is %s, above its target of %s"),
                                   metric->name, place, value, target);
    }
  else
    /* Translators: a figure that got worse at each of its last
     * measurements. The first %s is a metric's name, the second
     * where it is ("on “Checkout”"), the third its values
     * ("3.1% → 2.8% → 2.2%") */
    message = g_strdup_printf (_("%s %s got worse at each of its last measurements: %s"),
                               metric->name, place, trend);

  keep_finding (f, wf_finding_new (rule, f->map, phase, persona, involved, card, metric->name, message));
}

static void
find_metrics_of (Finder    *f,
                 GVariant  *variant,
                 WfPhase   *phase,
                 WfCard    *card)
{
  gsize n;

  if (variant == NULL || !may_have_direction (variant))
    return;

  /* A metric is taken apart only when it can be a finding. */
  n = g_variant_n_children (variant);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (variant, i);
      g_autoptr(WfMetric) metric = NULL;

      if (!metric_has_direction (item))
        continue;

      metric = wf_metric_new_from_variant (item);

      if (wf_metric_get_target_state (metric) == WF_TARGET_MISSED)
        add_metric_finding (f, WF_RULE_METRIC_OFF_TARGET, metric, phase, card, NULL);

      if (is_worsening (metric))
        {
          g_autofree char *trend = format_trend (metric);

          add_metric_finding (f, WF_RULE_METRIC_WORSENING, metric, phase, card, trend);
        }
    }
}

static void
find_metrics (Finder *f,
              guint   p)
{
  WfPhase *phase = wf_map_get_phase (f->map, p);
  guint n_lanes = wf_map_get_n_lanes (f->map);

  find_metrics_of (f, wf_phase_get_metrics (phase), phase, NULL);

  for (guint l = 0; l < n_lanes; l++)
    {
      GPtrArray *cell = wf_map_get_cell (f->map, phase, wf_map_get_lane (f->map, l));

      for (guint i = 0; cell != NULL && i < cell->len; i++)
        {
          WfCard *card = g_ptr_array_index (cell, i);

          find_metrics_of (f, wf_card_get_metrics (card), phase, card);
        }
    }
}

/**
 * wf_insights_list_rules:
 *
 * Returns: (transfer none): the ids of the rules, NULL-terminated
 */
const char * const *
wf_insights_list_rules (void)
{
  return rules;
}

/**
 * wf_insights_get_rule_title:
 * @rule: a rule's id
 *
 * Returns: (nullable): the rule's name as the Insights panel shows it,
 *   translated; NULL for an unknown rule
 */
const char *
wf_insights_get_rule_title (const char *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);

  if (strcmp (rule, WF_RULE_NO_TOUCHPOINT) == 0)
    return _("No touchpoint");
  if (strcmp (rule, WF_RULE_PAIN_WITHOUT_OPPORTUNITY) == 0)
    return _("Pain without opportunity");
  if (strcmp (rule, WF_RULE_EMOTION_DROP) == 0)
    return _("Emotion drops");
  if (strcmp (rule, WF_RULE_INDIRECT_ONLY) == 0)
    return _("Only indirect contact");
  if (strcmp (rule, WF_RULE_CHANNEL_BREAK) == 0)
    return _("Channel break");
  if (strcmp (rule, WF_RULE_METRIC_OFF_TARGET) == 0)
    return _("Figure off target");
  if (strcmp (rule, WF_RULE_METRIC_WORSENING) == 0)
    return _("Figure getting worse");

  return NULL;
}

/**
 * wf_insights_find:
 * @map: a map
 *
 * Applies every rule to @map.
 *
 * Returns: (transfer container) (element-type WfFinding): the findings,
 *   by phase and then by rule
 */
GPtrArray *
wf_insights_find (WfMap *map)
{
  Finder f = { NULL };
  GPtrArray *findings;
  guint n_lanes;
  g_autoptr(GPtrArray) touchpoints = NULL;
  g_autoptr(GPtrArray) emotions = NULL;

  g_return_val_if_fail (WF_IS_MAP (map), NULL);

  f.map = map;
  f.n_phases = wf_map_get_n_phases (map);
  f.phase_numbers = g_hash_table_new (NULL, NULL);
  for (guint p = 0; p < f.n_phases; p++)
    g_hash_table_insert (f.phase_numbers, wf_map_get_phase (map, p), GUINT_TO_POINTER (p + 1));
  f.found = g_ptr_array_new ();
  g_ptr_array_set_size (f.found, f.n_phases * N_RULES);
  for (guint k = 0; k < WF_N_LANE_KINDS; k++)
    f.lanes[k] = g_ptr_array_new ();

  n_lanes = wf_map_get_n_lanes (map);
  for (guint i = 0; i < n_lanes; i++)
    {
      WfLane *lane = wf_map_get_lane (map, i);

      g_ptr_array_add (f.lanes[wf_lane_get_kind (lane)], lane);
    }

  touchpoints = list_touchpoint_audiences (&f);
  emotions = list_audiences (&f, WF_LANE_EMOTIONS, has_shared_lane (&f, WF_LANE_EMOTIONS));

  for (guint i = 0; i < touchpoints->len; i++)
    {
      WfPersona *audience = g_ptr_array_index (touchpoints, i);
      g_autoptr(GPtrArray) cards = collect_cards_by_phase (&f, WF_LANE_TOUCHPOINTS, audience, TRUE);

      find_no_touchpoint (&f, audience, cards);
      find_indirect_only (&f, audience, cards);
      find_channel_break (&f, audience, cards);
    }

  for (guint i = 0; i < emotions->len; i++)
    find_emotion_drop (&f, g_ptr_array_index (emotions, i));

  for (guint p = 0; p < f.n_phases; p++)
    {
      find_pain_without_opportunity (&f, p);
      find_metrics (&f, p);
    }

  findings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < f.found->len; i++)
    if (g_ptr_array_index (f.found, i) != NULL)
      g_ptr_array_extend_and_steal (findings, g_ptr_array_index (f.found, i));

  for (guint k = 0; k < WF_N_LANE_KINDS; k++)
    g_ptr_array_unref (f.lanes[k]);
  g_hash_table_unref (f.phase_numbers);
  g_ptr_array_unref (f.found);

  return findings;
}

/**
 * wf_insights_find_all:
 * @document: a document
 *
 * Returns: (transfer container) (element-type WfFinding): the findings
 *   of every map, map by map
 */
GPtrArray *
wf_insights_find_all (WfDocument *document)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);

  n = wf_document_get_n_maps (document);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) found = wf_insights_find (wf_document_get_map (document, i));

      for (guint j = 0; j < found->len; j++)
        g_ptr_array_add (findings, g_object_ref (g_ptr_array_index (found, j)));
    }

  return findings;
}
