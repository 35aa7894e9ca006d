/* wf-findings.c — the findings of a map, kept up to date as it is edited
 *
 * A list model of WfFinding for the Insights panel. It listens to the
 * map's document and finds the gaps again once the main loop is idle
 * after a change, so a burst of changes (an undo of many cards, a paste)
 * costs one search. Finding again is cheap (see wf-insights.c); what
 * this file keeps cheap for the views is the change it reports: only
 * the findings that differ between the old and the new list are
 * announced as removed and added, so a view keeps its scroll position
 * and the rows that stayed.

 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-findings.h"

struct _WfFindings
{
  GObject     parent_instance;

  WfMap      *map;
  WfDocument *document;      /* the map's, while it has one */
  GPtrArray  *findings;      /* WfFinding */
  guint       refresh_id;
  gboolean    show_dismissed;
  guint       n_dismissed;   /* found and set aside */
  char      **dismissed;     /* the map's, when last found */
};

enum {
  PROP_0,
  PROP_MAP,
  PROP_N_ITEMS,
  PROP_SHOW_DISMISSED,
  PROP_N_DISMISSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WfFindings, wf_findings, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* GListModel */

static GType
list_model_get_item_type (GListModel *model)
{
  return WF_TYPE_FINDING;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return WF_FINDINGS (model)->findings->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  WfFindings *self = WF_FINDINGS (model);

  if (position >= self->findings->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->findings, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

/* Finding again */

/* Whether @a and @b read the same: same key, same sentence, same cards. */
static gboolean
same_finding (WfFinding *a,
              WfFinding *b)
{
  GPtrArray *ca = wf_finding_get_cards (a);
  GPtrArray *cb = wf_finding_get_cards (b);

  if (g_strcmp0 (wf_finding_get_key (a), wf_finding_get_key (b)) != 0 ||
      g_strcmp0 (wf_finding_get_message (a), wf_finding_get_message (b)) != 0 ||
      ca->len != cb->len)
    return FALSE;

  for (guint i = 0; i < ca->len; i++)
    if (ca->pdata[i] != cb->pdata[i])
      return FALSE;

  return TRUE;
}

/* Replaces the list with @found, announcing the smallest middle part
 * that differs: findings the same at the start and at the end stay.
 */
static void
replace (WfFindings *self,
         GPtrArray  *found,
         gboolean    all)
{
  g_autoptr(GPtrArray) old = self->findings;
  guint head = 0, tail = 0;
  guint n_old = old->len, n_new = found->len;

  while (!all && head < n_old && head < n_new && same_finding (old->pdata[head], found->pdata[head]))
    head++;
  while (!all && tail < n_old - head && tail < n_new - head &&
         same_finding (old->pdata[n_old - 1 - tail], found->pdata[n_new - 1 - tail]))
    tail++;

  self->findings = g_ptr_array_ref (found);

  if (n_old - head - tail == 0 && n_new - head - tail == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), head, n_old - head - tail, n_new - head - tail);
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * wf_findings_refresh:
 *
 * Finds the gaps of the map again now, rather than when the main loop is
 * next idle.
 */
void
wf_findings_refresh (WfFindings *self)
{
  g_autoptr(GPtrArray) found = NULL;
  const char * const *dismissed;
  gboolean all;
  guint n_dismissed;

  g_return_if_fail (WF_IS_FINDINGS (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->map != NULL && self->document != NULL)
    found = wf_insights_find (self->map);
  else
    found = g_ptr_array_new_with_free_func (g_object_unref);

  /* What a person set aside is left out, unless asked for. */
  n_dismissed = 0;
  for (guint i = found->len; i > 0; i--)
    {
      if (!wf_map_is_dismissed (self->map, wf_finding_get_key (g_ptr_array_index (found, i - 1))))
        continue;

      n_dismissed++;
      if (!self->show_dismissed)
        g_ptr_array_remove_index (found, i - 1);
    }

  /* A finding set aside or taken back reads the same but is shown
   * otherwise: every row is made again. */
  dismissed = self->map ? wf_map_get_dismissed (self->map) : NULL;
  all = !((self->dismissed == NULL && dismissed == NULL) ||
          (self->dismissed != NULL && dismissed != NULL &&
           g_strv_equal ((const char * const *) self->dismissed, dismissed)));
  g_strfreev (self->dismissed);
  self->dismissed = g_strdupv ((char **) dismissed);

  replace (self, found, all);

  if (n_dismissed != self->n_dismissed)
    {
      self->n_dismissed = n_dismissed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DISMISSED]);
    }
}

static gboolean
refresh_cb (gpointer data)
{
  WfFindings *self = data;

  self->refresh_id = 0;
  wf_findings_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (WfFindings *self)
{
  /* After the views have handled the change, before the next frame is
   * drawn: the canvas shows the findings in the same frame as the edit.
   */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, refresh_cb, self, NULL);
}

/**
 * wf_findings_is_stale:
 *
 * Returns: whether the map changed since the findings were last found
 */
gboolean
wf_findings_is_stale (WfFindings *self)
{
  g_return_val_if_fail (WF_IS_FINDINGS (self), FALSE);

  return self->refresh_id != 0;
}

/* A change anywhere in the document may change a finding: a persona's
 * name is in its sentences, a card moved to another map leaves this one.
 */
static void
on_document_changed (WfFindings *self)
{
  schedule_refresh (self);
}

static void
on_item_removed (WfFindings *self,
                 WfItem     *item,
                 WfItem     *parent)
{
  /* The map itself was removed from its document. */
  if (item == WF_ITEM (self->map))
    {
      wf_findings_set_map (self, NULL);
      return;
    }

  schedule_refresh (self);
}

static void
set_document (WfFindings *self,
              WfDocument *document)
{
  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      g_signal_connect_swapped (document, "item-added", G_CALLBACK (on_document_changed), self);
      g_signal_connect_swapped (document, "item-removed", G_CALLBACK (on_item_removed), self);
      g_signal_connect_swapped (document, "item-moved", G_CALLBACK (on_document_changed), self);
      g_signal_connect_swapped (document, "item-changed", G_CALLBACK (on_document_changed), self);
    }
}

/* The object */

static void
wf_findings_dispose (GObject *object)
{
  WfFindings *self = WF_FINDINGS (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  set_document (self, NULL);
  g_clear_object (&self->map);

  G_OBJECT_CLASS (wf_findings_parent_class)->dispose (object);
}

static void
wf_findings_finalize (GObject *object)
{
  WfFindings *self = WF_FINDINGS (object);

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->dismissed, g_strfreev);

  G_OBJECT_CLASS (wf_findings_parent_class)->finalize (object);
}

static void
wf_findings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WfFindings *self = WF_FINDINGS (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->findings->len);
      break;

    case PROP_SHOW_DISMISSED:
      g_value_set_boolean (value, self->show_dismissed);
      break;

    case PROP_N_DISMISSED:
      g_value_set_uint (value, self->n_dismissed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_findings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WfFindings *self = WF_FINDINGS (object);

  switch (prop_id)
    {
    case PROP_MAP:
      wf_findings_set_map (self, g_value_get_object (value));
      break;

    case PROP_SHOW_DISMISSED:
      wf_findings_set_show_dismissed (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_findings_class_init (WfFindingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wf_findings_dispose;
  object_class->finalize = wf_findings_finalize;
  object_class->get_property = wf_findings_get_property;
  object_class->set_property = wf_findings_set_property;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL,
                         WF_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_DISMISSED] =
    g_param_spec_boolean ("show-dismissed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_DISMISSED] =
    g_param_spec_uint ("n-dismissed", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wf_findings_init (WfFindings *self)
{
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
}

WfFindings *
wf_findings_new (void)
{
  return g_object_new (WF_TYPE_FINDINGS, NULL);
}

WfMap *
wf_findings_get_map (WfFindings *self)
{
  g_return_val_if_fail (WF_IS_FINDINGS (self), NULL);

  return self->map;
}

/**
 * wf_findings_set_map:
 * @map: (nullable): the map to examine, which belongs to a document
 *
 * The findings of @map are found at once.
 */
void
wf_findings_set_map (WfFindings *self,
                     WfMap      *map)
{
  g_return_if_fail (WF_IS_FINDINGS (self));
  g_return_if_fail (map == NULL || WF_IS_MAP (map));

  if (self->map == map)
    return;

  g_set_object (&self->map, map);
  set_document (self, map ? wf_item_get_document (WF_ITEM (map)) : NULL);
  wf_findings_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

/**
 * wf_findings_get_show_dismissed:
 *
 * Returns: whether the findings a person set aside are listed too
 */
gboolean
wf_findings_get_show_dismissed (WfFindings *self)
{
  g_return_val_if_fail (WF_IS_FINDINGS (self), FALSE);

  return self->show_dismissed;
}

void
wf_findings_set_show_dismissed (WfFindings *self,
                                gboolean    show)
{
  g_return_if_fail (WF_IS_FINDINGS (self));

  show = !!show;
  if (self->show_dismissed == show)
    return;

  self->show_dismissed = show;
  wf_findings_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_DISMISSED]);
}

/**
 * wf_findings_get_n_dismissed:
 *
 * Returns: how many of the map's findings were set aside
 */
guint
wf_findings_get_n_dismissed (WfFindings *self)
{
  g_return_val_if_fail (WF_IS_FINDINGS (self), 0);

  return self->n_dismissed;
}
