/* wf-finding.c — one gap the gap finder found in a journey map
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-finding.h"

/* A finding holds what it is about by reference: the findings of a map
 * are found again after every edit, so they never outlive a change that
 * would make them stale for long.
 */
struct _WfFinding
{
  GObject    parent_instance;

  const char *rule;       /* static: a rule id */
  WfMap      *map;
  WfPhase    *phase;      /* or NULL */
  WfPersona  *persona;    /* or NULL */
  GPtrArray  *cards;      /* WfCard */
  char       *message;
  char       *key;
};

G_DEFINE_FINAL_TYPE (WfFinding, wf_finding, G_TYPE_OBJECT)

static void
wf_finding_finalize (GObject *object)
{
  WfFinding *self = WF_FINDING (object);

  g_clear_object (&self->map);
  g_clear_object (&self->phase);
  g_clear_object (&self->persona);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (wf_finding_parent_class)->finalize (object);
}

static void
wf_finding_class_init (WfFindingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wf_finding_finalize;
}

static void
wf_finding_init (WfFinding *self)
{
}

static const char *
id_of (gpointer item)
{
  return item != NULL ? wf_item_get_id (WF_ITEM (item)) : "";
}

/**
 * wf_finding_new:
 * @rule: the rule's id, a static string such as "no-touchpoint"
 * @map: the map it was found in
 * @phase: (nullable): the phase where it applies
 * @persona: (nullable): the persona it applies to
 * @cards: (nullable) (element-type WfCard): the cards involved; the
 *   finding takes a reference to the array
 * @subject: (nullable): the card the finding is about, if it is about
 *   one card rather than a phase
 * @detail: (nullable): what else tells this finding from others of its
 *   rule in the same place: the name of a metric
 * @message: (transfer full): the finding in a sentence, translated
 *
 * The key of a finding names the rule and what it is about (map, phase,
 * persona and subject card by id, and the detail), so that a person's dismissal of it
 * still applies when the map is examined again after an edit.
 *
 * Returns: (transfer full): a new finding
 */
WfFinding *
wf_finding_new (const char *rule,
                WfMap      *map,
                WfPhase    *phase,
                WfPersona  *persona,
                GPtrArray  *cards,
                WfCard     *subject,
                const char *detail,
                char       *message)
{
  WfFinding *self;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (WF_IS_MAP (map), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (WF_TYPE_FINDING, NULL);
  self->rule = rule;
  self->map = g_object_ref (map);
  self->phase = phase ? g_object_ref (phase) : NULL;
  self->persona = persona ? g_object_ref (persona) : NULL;
  self->cards = cards ? g_ptr_array_ref (cards) : g_ptr_array_new_with_free_func (g_object_unref);
  self->message = message;
  self->key = g_strjoin ("/", rule, id_of (map), id_of (phase), id_of (persona), id_of (subject), detail, NULL);

  return self;
}

const char *
wf_finding_get_rule (WfFinding *self)
{
  g_return_val_if_fail (WF_IS_FINDING (self), NULL);

  return self->rule;
}

WfMap *
wf_finding_get_map (WfFinding *self)
{
  g_return_val_if_fail (WF_IS_FINDING (self), NULL);

  return self->map;
}

WfPhase *
wf_finding_get_phase (WfFinding *self)
{
  g_return_val_if_fail (WF_IS_FINDING (self), NULL);

  return self->phase;
}

WfPersona *
wf_finding_get_persona (WfFinding *self)
{
  g_return_val_if_fail (WF_IS_FINDING (self), NULL);

  return self->persona;
}

/**
 * wf_finding_get_cards:
 *
 * Returns: (transfer none) (element-type WfCard): the cards involved,
 *   in the order of the map; possibly none
 */
GPtrArray *
wf_finding_get_cards (WfFinding *self)
{
  g_return_val_if_fail (WF_IS_FINDING (self), NULL);

  return self->cards;
}

const char *
wf_finding_get_message (WfFinding *self)
{
  g_return_val_if_fail (WF_IS_FINDING (self), NULL);

  return self->message;
}

/**
 * wf_finding_get_key:
 *
 * Returns: what the finding is about, as
 *   "rule/map-id/phase-id/persona-id/card-id", followed by "/detail" when
 *   there is one, with empty parts where none applies; the same finding
 *   found again has the same key
 */
const char *
wf_finding_get_key (WfFinding *self)
{
  g_return_val_if_fail (WF_IS_FINDING (self), NULL);

  return self->key;
}
