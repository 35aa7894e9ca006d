/* wf-phase.c — a column of a journey map
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-item-private.h"
#include "wf-phase.h"

struct _WfPhase
{
  WfItem  parent_instance;
  char   *name;
  char   *description;
  char   *color;          /* nullable */
  double  width;          /* 0: the layout's own */
  GVariant *metrics;      /* nullable: WF_METRICS_TYPE */
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_COLOR,
  PROP_WIDTH,
  PROP_METRICS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WfPhase, wf_phase, WF_TYPE_ITEM)

static void
wf_phase_finalize (GObject *object)
{
  WfPhase *self = WF_PHASE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->metrics, g_variant_unref);

  G_OBJECT_CLASS (wf_phase_parent_class)->finalize (object);
}

static void
wf_phase_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  WfPhase *self = WF_PHASE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_WIDTH:
      g_value_set_double (value, self->width);
      break;

    case PROP_METRICS:
      g_value_set_variant (value, self->metrics);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_phase_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  WfPhase *self = WF_PHASE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      wf_phase_set_name (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      wf_phase_set_description (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      wf_phase_set_color (self, g_value_get_string (value));
      break;

    case PROP_WIDTH:
      wf_phase_set_width (self, g_value_get_double (value));
      break;

    case PROP_METRICS:
      wf_phase_set_metrics (self, g_value_get_variant (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_phase_class_init (WfPhaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wf_phase_finalize;
  object_class->get_property = wf_phase_get_property;
  object_class->set_property = wf_phase_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * WfPhase:color:
   *
   * The colour band of the phase as `#rrggbb`, or %NULL for the theme's.
   */
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WfPhase:width:
   *
   * The width of the column in map units (CSS pixels), from
   * %WF_PHASE_MIN_WIDTH to %WF_PHASE_MAX_WIDTH, or 0 for the usual width.
   */
  properties[PROP_WIDTH] =
    g_param_spec_double ("width", NULL, NULL, 0, WF_PHASE_MAX_WIDTH, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WfPhase:metrics:
   *
   * Figures measured in this phase, as a WF_METRICS_TYPE variant (see
   * wf-metric.h), or %NULL: NPS or CSAT of the phase, for one persona
   * (by id) or for everyone (an empty persona).
   */
  properties[PROP_METRICS] =
    g_param_spec_variant ("metrics", NULL, NULL, WF_METRICS_TYPE, NULL,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wf_phase_init (WfPhase *self)
{
  self->name = g_strdup ("");
  self->description = g_strdup ("");
}

WfPhase *
wf_phase_new (const char *id,
              const char *name)
{
  WfPhase *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (WF_TYPE_PHASE, "id", id, NULL);
  g_free (self->name);
  self->name = g_strdup (name ? name : "");

  return self;
}

const char *
wf_phase_get_name (WfPhase *self)
{
  g_return_val_if_fail (WF_IS_PHASE (self), NULL);

  return self->name;
}

void
wf_phase_set_name (WfPhase    *self,
                   const char *name)
{
  g_return_if_fail (WF_IS_PHASE (self));

  wf_item_set_string (WF_ITEM (self), &self->name, name, properties[PROP_NAME]);
}

const char *
wf_phase_get_description (WfPhase *self)
{
  g_return_val_if_fail (WF_IS_PHASE (self), NULL);

  return self->description;
}

void
wf_phase_set_description (WfPhase    *self,
                          const char *description)
{
  g_return_if_fail (WF_IS_PHASE (self));

  wf_item_set_string (WF_ITEM (self), &self->description, description,
                      properties[PROP_DESCRIPTION]);
}

/**
 * wf_phase_get_color:
 *
 * Returns: (nullable): the colour as `#rrggbb`
 */
const char *
wf_phase_get_color (WfPhase *self)
{
  g_return_val_if_fail (WF_IS_PHASE (self), NULL);

  return self->color;
}

void
wf_phase_set_color (WfPhase    *self,
                    const char *color)
{
  g_return_if_fail (WF_IS_PHASE (self));

  wf_item_set_color (WF_ITEM (self), &self->color, color, TRUE,
                     properties[PROP_COLOR]);
}

double
wf_phase_get_width (WfPhase *self)
{
  g_return_val_if_fail (WF_IS_PHASE (self), 0);

  return self->width;
}

/**
 * wf_phase_set_width:
 * @width: the column's width, or 0 for the usual one; other values are
 *   brought into range
 */
void
wf_phase_set_width (WfPhase *self,
                    double   width)
{
  g_return_if_fail (WF_IS_PHASE (self));

  if (!(width > 0))
    width = 0;
  else
    width = CLAMP (width, WF_PHASE_MIN_WIDTH, WF_PHASE_MAX_WIDTH);

  if (self->width != width)
    {
      self->width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
    }
}

/**
 * wf_phase_get_metrics:
 *
 * Returns: (transfer none) (nullable): the phase's metrics,
 *   WF_METRICS_TYPE
 */
GVariant *
wf_phase_get_metrics (WfPhase *self)
{
  g_return_val_if_fail (WF_IS_PHASE (self), NULL);

  return self->metrics;
}

/**
 * wf_phase_set_metrics:
 * @metrics: (nullable): a WF_METRICS_TYPE variant; a floating one is sunk
 *
 * An empty array is stored as %NULL.
 */
void
wf_phase_set_metrics (WfPhase  *self,
                      GVariant *metrics)
{
  g_return_if_fail (WF_IS_PHASE (self));
  g_return_if_fail (!metrics || g_variant_is_of_type (metrics, WF_METRICS_TYPE));

  if (wf_metrics_replace (&self->metrics, metrics))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METRICS]);
}
