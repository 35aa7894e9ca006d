/* wf-persona.c — a fictional customer type
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-item-private.h"
#include "wf-persona.h"

enum {
  PROP_0,
  PROP_NAME,
  PROP_ROLE,
  PROP_COLOR,
  PROP_GOALS,
  PROP_NEEDS,
  PROP_FRUSTRATIONS,
  PROP_NOTES,
  N_TEXT,
  PROP_PHOTO = N_TEXT,
  N_PROPS
};

struct _WfPersona
{
  WfItem   parent_instance;
  /* The properties before the photo are strings, indexed by their id. */
  char    *text[N_TEXT];
  WfImage *photo;   /* nullable */
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WfPersona, wf_persona, WF_TYPE_ITEM)

/* A palette that reads on light and dark backgrounds (GNOME palette). */
static const char * const default_colors[] = {
  "#3584e4", "#e66100", "#2ec27e", "#9141ac", "#e5a50a", "#c01c28",
  "#1c71d8", "#865e3c", "#26a269", "#613583",
};

static void
wf_persona_finalize (GObject *object)
{
  WfPersona *self = WF_PERSONA (object);

  for (guint i = 0; i < N_TEXT; i++)
    g_free (self->text[i]);
  g_clear_pointer (&self->photo, wf_image_unref);

  G_OBJECT_CLASS (wf_persona_parent_class)->finalize (object);
}

static void
wf_persona_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WfPersona *self = WF_PERSONA (object);

  if (prop_id == PROP_PHOTO)
    g_value_set_boxed (value, self->photo);
  else if (prop_id > PROP_0 && prop_id < N_TEXT)
    g_value_set_string (value, self->text[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
wf_persona_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WfPersona *self = WF_PERSONA (object);

  if (prop_id == PROP_COLOR)
    wf_persona_set_color (self, g_value_get_string (value));
  else if (prop_id == PROP_PHOTO)
    wf_persona_set_photo (self, g_value_get_boxed (value));
  else if (prop_id > PROP_0 && prop_id < N_TEXT)
    wf_item_set_string (WF_ITEM (self), &self->text[prop_id],
                        g_value_get_string (value), pspec);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
wf_persona_class_init (WfPersonaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[N_TEXT] = {
    NULL, "name", "role", "color", "goals", "needs", "frustrations", "notes",
  };

  object_class->finalize = wf_persona_finalize;
  object_class->get_property = wf_persona_get_property;
  object_class->set_property = wf_persona_set_property;

  for (guint i = 1; i < N_TEXT; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL,
                                         i == PROP_COLOR ? default_colors[0] : "",
                                         (G_PARAM_READWRITE |
                                          G_PARAM_EXPLICIT_NOTIFY |
                                          G_PARAM_STATIC_STRINGS));

  /**
   * WfPersona:photo: (nullable)
   *
   * The persona's photo, or %NULL for their initials.
   */
  properties[PROP_PHOTO] =
    g_param_spec_boxed ("photo", NULL, NULL, WF_TYPE_IMAGE,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wf_persona_init (WfPersona *self)
{
  for (guint i = 1; i < N_TEXT; i++)
    self->text[i] = g_strdup (i == PROP_COLOR ? default_colors[0] : "");
}

WfPersona *
wf_persona_new (const char *id,
                const char *name)
{
  WfPersona *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (WF_TYPE_PERSONA, "id", id, NULL);
  g_free (self->text[PROP_NAME]);
  self->text[PROP_NAME] = g_strdup (name ? name : "");

  return self;
}

/**
 * wf_persona_default_color:
 * @n: the position of the persona
 *
 * Returns: a distinct colour for the @n-th persona of a document
 */
const char *
wf_persona_default_color (guint n)
{
  return default_colors[n % G_N_ELEMENTS (default_colors)];
}

#define WF_PERSONA_STRING(field, PROP)                                       \
const char *                                                                 \
wf_persona_get_##field (WfPersona *self)                                     \
{                                                                            \
  g_return_val_if_fail (WF_IS_PERSONA (self), NULL);                         \
  return self->text[PROP];                                                   \
}                                                                            \
                                                                             \
void                                                                         \
wf_persona_set_##field (WfPersona  *self,                                    \
                        const char *value)                                   \
{                                                                            \
  g_return_if_fail (WF_IS_PERSONA (self));                                   \
  wf_item_set_string (WF_ITEM (self), &self->text[PROP], value,              \
                      properties[PROP]);                                     \
}

WF_PERSONA_STRING (name, PROP_NAME)
WF_PERSONA_STRING (role, PROP_ROLE)
WF_PERSONA_STRING (goals, PROP_GOALS)
WF_PERSONA_STRING (needs, PROP_NEEDS)
WF_PERSONA_STRING (frustrations, PROP_FRUSTRATIONS)
WF_PERSONA_STRING (notes, PROP_NOTES)

const char *
wf_persona_get_color (WfPersona *self)
{
  g_return_val_if_fail (WF_IS_PERSONA (self), NULL);

  return self->text[PROP_COLOR];
}

void
wf_persona_set_color (WfPersona  *self,
                      const char *color)
{
  g_return_if_fail (WF_IS_PERSONA (self));
  g_return_if_fail (color != NULL);

  wf_item_set_color (WF_ITEM (self), &self->text[PROP_COLOR], color, FALSE,
                     properties[PROP_COLOR]);
}

/**
 * wf_persona_get_photo:
 *
 * Returns: (transfer none) (nullable): the photo
 */
WfImage *
wf_persona_get_photo (WfPersona *self)
{
  g_return_val_if_fail (WF_IS_PERSONA (self), NULL);

  return self->photo;
}

/**
 * wf_persona_set_photo:
 * @photo: (nullable): the photo, or %NULL for none
 */
void
wf_persona_set_photo (WfPersona *self,
                      WfImage   *photo)
{
  g_return_if_fail (WF_IS_PERSONA (self));

  if (wf_image_equal (self->photo, photo))
    return;

  if (photo != NULL)
    wf_image_ref (photo);
  g_clear_pointer (&self->photo, wf_image_unref);
  self->photo = photo;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
}
