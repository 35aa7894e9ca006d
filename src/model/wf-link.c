/* wf-link.c — an arrow from one card to another
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-item-private.h"
#include "wf-link.h"

struct _WfLink
{
  WfItem  parent_instance;
  WfCard *from;
  WfCard *to;
  char   *label;
};

enum {
  PROP_0,
  PROP_FROM,
  PROP_TO,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WfLink, wf_link, WF_TYPE_ITEM)

static void
wf_link_finalize (GObject *object)
{
  WfLink *self = WF_LINK (object);

  g_clear_object (&self->from);
  g_clear_object (&self->to);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (wf_link_parent_class)->finalize (object);
}

static void
wf_link_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WfLink *self = WF_LINK (object);

  switch (prop_id)
    {
    case PROP_FROM:
      g_value_set_object (value, self->from);
      break;

    case PROP_TO:
      g_value_set_object (value, self->to);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_link_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WfLink *self = WF_LINK (object);

  switch (prop_id)
    {
    case PROP_FROM:
      self->from = g_value_dup_object (value);
      break;

    case PROP_TO:
      self->to = g_value_dup_object (value);
      break;

    case PROP_LABEL:
      wf_link_set_label (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_link_class_init (WfLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wf_link_finalize;
  object_class->get_property = wf_link_get_property;
  object_class->set_property = wf_link_set_property;

  properties[PROP_FROM] =
    g_param_spec_object ("from", NULL, NULL, WF_TYPE_CARD,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TO] =
    g_param_spec_object ("to", NULL, NULL, WF_TYPE_CARD,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wf_link_init (WfLink *self)
{
  self->label = g_strdup ("");
}

WfLink *
wf_link_new (const char *id,
             WfCard     *from,
             WfCard     *to)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (WF_IS_CARD (from), NULL);
  g_return_val_if_fail (WF_IS_CARD (to), NULL);

  return g_object_new (WF_TYPE_LINK, "id", id, "from", from, "to", to, NULL);
}

/**
 * wf_link_get_from:
 *
 * Returns: (transfer none): the card the arrow starts at
 */
WfCard *
wf_link_get_from (WfLink *self)
{
  g_return_val_if_fail (WF_IS_LINK (self), NULL);

  return self->from;
}

/**
 * wf_link_get_to:
 *
 * Returns: (transfer none): the card the arrow points to
 */
WfCard *
wf_link_get_to (WfLink *self)
{
  g_return_val_if_fail (WF_IS_LINK (self), NULL);

  return self->to;
}

const char *
wf_link_get_label (WfLink *self)
{
  g_return_val_if_fail (WF_IS_LINK (self), NULL);

  return self->label;
}

void
wf_link_set_label (WfLink     *self,
                   const char *label)
{
  g_return_if_fail (WF_IS_LINK (self));

  wf_item_set_string (WF_ITEM (self), &self->label, label, properties[PROP_LABEL]);
}
