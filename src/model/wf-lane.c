/* wf-lane.c — a row (swimlane) of a journey map
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-item-private.h"
#include "wf-lane.h"

struct _WfLane
{
  WfItem      parent_instance;
  WfLaneKind  kind;
  char       *title;
  WfPersona  *persona;     /* nullable: a shared lane */
  guint       collapsed : 1;
  double      height;       /* 0: as tall as its cards need */
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_PERSONA,
  PROP_COLLAPSED,
  PROP_HEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WfLane, wf_lane, WF_TYPE_ITEM)

static void
wf_lane_finalize (GObject *object)
{
  WfLane *self = WF_LANE (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->persona);

  G_OBJECT_CLASS (wf_lane_parent_class)->finalize (object);
}

static void
wf_lane_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WfLane *self = WF_LANE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_PERSONA:
      g_value_set_object (value, self->persona);
      break;

    case PROP_COLLAPSED:
      g_value_set_boolean (value, self->collapsed);
      break;

    case PROP_HEIGHT:
      g_value_set_double (value, self->height);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_lane_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WfLane *self = WF_LANE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      wf_lane_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_TITLE:
      wf_lane_set_title (self, g_value_get_string (value));
      break;

    case PROP_PERSONA:
      wf_lane_set_persona (self, g_value_get_object (value));
      break;

    case PROP_COLLAPSED:
      wf_lane_set_collapsed (self, g_value_get_boolean (value));
      break;

    case PROP_HEIGHT:
      wf_lane_set_height (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_lane_class_init (WfLaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wf_lane_finalize;
  object_class->get_property = wf_lane_get_property;
  object_class->set_property = wf_lane_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       WF_TYPE_LANE_KIND, WF_LANE_TOUCHPOINTS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * WfLane:persona:
   *
   * The persona whose journey the lane belongs to, or %NULL for a lane
   * shared by all personas.
   */
  properties[PROP_PERSONA] =
    g_param_spec_object ("persona", NULL, NULL,
                         WF_TYPE_PERSONA,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COLLAPSED] =
    g_param_spec_boolean ("collapsed", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WfLane:height:
   *
   * The least height of the lane in map units, from %WF_LANE_MIN_HEIGHT
   * to %WF_LANE_MAX_HEIGHT, or 0: as tall as its cards need. Cards never
   * overflow: a lane with more cards is taller.
   */
  properties[PROP_HEIGHT] =
    g_param_spec_double ("height", NULL, NULL, 0, WF_LANE_MAX_HEIGHT, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wf_lane_init (WfLane *self)
{
  self->title = g_strdup ("");
}

WfLane *
wf_lane_new (const char *id,
             WfLaneKind  kind)
{
  WfLane *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (kind < WF_N_LANE_KINDS, NULL);

  self = g_object_new (WF_TYPE_LANE, "id", id, NULL);
  self->kind = kind;

  return self;
}

WfLaneKind
wf_lane_get_kind (WfLane *self)
{
  g_return_val_if_fail (WF_IS_LANE (self), 0);

  return self->kind;
}

void
wf_lane_set_kind (WfLane     *self,
                  WfLaneKind  kind)
{
  g_return_if_fail (WF_IS_LANE (self));
  g_return_if_fail (kind < WF_N_LANE_KINDS);

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

const char *
wf_lane_get_title (WfLane *self)
{
  g_return_val_if_fail (WF_IS_LANE (self), NULL);

  return self->title;
}

void
wf_lane_set_title (WfLane     *self,
                   const char *title)
{
  g_return_if_fail (WF_IS_LANE (self));

  wf_item_set_string (WF_ITEM (self), &self->title, title, properties[PROP_TITLE]);
}

/**
 * wf_lane_get_persona:
 *
 * Returns: (transfer none) (nullable): the lane's persona
 */
WfPersona *
wf_lane_get_persona (WfLane *self)
{
  g_return_val_if_fail (WF_IS_LANE (self), NULL);

  return self->persona;
}

void
wf_lane_set_persona (WfLane    *self,
                     WfPersona *persona)
{
  g_return_if_fail (WF_IS_LANE (self));
  g_return_if_fail (!persona || WF_IS_PERSONA (persona));

  if (g_set_object (&self->persona, persona))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONA]);
}

gboolean
wf_lane_get_collapsed (WfLane *self)
{
  g_return_val_if_fail (WF_IS_LANE (self), FALSE);

  return self->collapsed;
}

void
wf_lane_set_collapsed (WfLane   *self,
                       gboolean  collapsed)
{
  g_return_if_fail (WF_IS_LANE (self));

  collapsed = !!collapsed;

  if (self->collapsed != collapsed)
    {
      self->collapsed = collapsed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLAPSED]);
    }
}

double
wf_lane_get_height (WfLane *self)
{
  g_return_val_if_fail (WF_IS_LANE (self), 0);

  return self->height;
}

/**
 * wf_lane_set_height:
 * @height: the least height, or 0; other values are brought into range
 */
void
wf_lane_set_height (WfLane *self,
                    double  height)
{
  g_return_if_fail (WF_IS_LANE (self));

  if (!(height > 0))
    height = 0;
  else
    height = CLAMP (height, WF_LANE_MIN_HEIGHT, WF_LANE_MAX_HEIGHT);

  if (self->height != height)
    {
      self->height = height;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
    }
}
