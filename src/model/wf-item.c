/* wf-item.c — the base of everything a journey document holds
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-item-private.h"
#include "wf-types.h"

typedef struct
{
  char       *id;
  JsonObject *extra;      /* members this version does not know, in order */
  WfItem     *parent;     /* unowned: the map or document holding the item */
  WfDocument *document;   /* unowned: set while the item is in a document */
} WfItemPrivate;

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (WfItem, wf_item, G_TYPE_OBJECT)

static void
wf_item_notify (GObject    *object,
                GParamSpec *pspec)
{
  WfItem *self = WF_ITEM (object);
  WfItemPrivate *priv = wf_item_get_instance_private (self);

  if (priv->document != NULL)
    _wf_document_item_changed (priv->document, self, pspec);
}

static void
wf_item_finalize (GObject *object)
{
  WfItem *self = WF_ITEM (object);
  WfItemPrivate *priv = wf_item_get_instance_private (self);

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->extra, json_object_unref);

  G_OBJECT_CLASS (wf_item_parent_class)->finalize (object);
}

static void
wf_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WfItem *self = WF_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, wf_item_get_id (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_item_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WfItem *self = WF_ITEM (object);
  WfItemPrivate *priv = wf_item_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      priv->id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_item_class_init (WfItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wf_item_finalize;
  object_class->get_property = wf_item_get_property;
  object_class->set_property = wf_item_set_property;
  object_class->notify = wf_item_notify;

  /**
   * WfItem:id:
   *
   * The identifier, unique within the document. It never changes.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wf_item_init (WfItem *self)
{
}

const char *
wf_item_get_id (WfItem *self)
{
  WfItemPrivate *priv = wf_item_get_instance_private (self);

  g_return_val_if_fail (WF_IS_ITEM (self), NULL);

  return priv->id;
}

/**
 * wf_item_get_document:
 *
 * Returns: (transfer none) (nullable): the document holding @self
 */
WfDocument *
wf_item_get_document (WfItem *self)
{
  WfItemPrivate *priv = wf_item_get_instance_private (self);

  g_return_val_if_fail (WF_IS_ITEM (self), NULL);

  return priv->document;
}

/**
 * wf_item_get_parent:
 *
 * Returns: (transfer none) (nullable): the map or document that holds @self
 */
WfItem *
wf_item_get_parent (WfItem *self)
{
  WfItemPrivate *priv = wf_item_get_instance_private (self);

  g_return_val_if_fail (WF_IS_ITEM (self), NULL);

  return priv->parent;
}

/**
 * wf_item_get_extra:
 *
 * Returns: (transfer none) (nullable): the members of the item that this
 *   version of Wayfinder does not know, kept to be written back unchanged
 */
JsonObject *
wf_item_get_extra (WfItem *self)
{
  WfItemPrivate *priv = wf_item_get_instance_private (self);

  g_return_val_if_fail (WF_IS_ITEM (self), NULL);

  return priv->extra;
}

void
wf_item_set_extra (WfItem     *self,
                   JsonObject *extra)
{
  WfItemPrivate *priv = wf_item_get_instance_private (self);

  g_return_if_fail (WF_IS_ITEM (self));

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&priv->extra, json_object_unref);
  priv->extra = extra;
}

void
wf_item_set_parent (WfItem *self,
                    WfItem *parent)
{
  WfItemPrivate *priv = wf_item_get_instance_private (self);

  priv->parent = parent;
}

void
wf_item_attach (WfItem     *self,
                WfDocument *document)
{
  WfItemPrivate *priv = wf_item_get_instance_private (self);

  priv->document = document;
}

/* Replaces *field with a copy of value and notifies, if it changed.
 * A NULL value is stored as the empty string.
 */
gboolean
wf_item_set_string (WfItem      *self,
                    char       **field,
                    const char  *value,
                    GParamSpec  *pspec)
{
  g_assert (WF_IS_ITEM (self));
  g_assert (field != NULL);

  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);

  return TRUE;
}

gboolean
wf_item_set_color (WfItem      *self,
                   char       **field,
                   const char  *value,
                   gboolean     nullable,
                   GParamSpec  *pspec)
{
  g_autofree char *color = NULL;

  g_assert (WF_IS_ITEM (self));

  if (value != NULL)
    {
      color = wf_color_normalize (value);
      g_return_val_if_fail (color != NULL, FALSE);
    }
  else
    g_return_val_if_fail (nullable, FALSE);

  if (g_strcmp0 (*field, color) == 0)
    return FALSE;

  g_free (*field);
  *field = g_steal_pointer (&color);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);

  return TRUE;
}
