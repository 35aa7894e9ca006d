/* wf-card.c — a card in a cell of a journey map
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-card-private.h"
#include "wf-item-private.h"

struct _WfCard
{
  WfItem      parent_instance;
  WfPhase    *phase;      /* unowned: the map holds phases and lanes */
  WfLane     *lane;
  char       *title;
  char       *notes;
  char       *color;      /* nullable */
  GVariant   *metrics;    /* nullable: WF_METRICS_TYPE */
  char      **tags;       /* nullable */
  WfImage    *image;      /* nullable */
  int         emotion;
  guint       votes;
  WfChannel   channel : 8;
  WfContact   contact : 4;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_NOTES,
  PROP_CHANNEL,
  PROP_CONTACT,
  PROP_EMOTION,
  PROP_COLOR,
  PROP_VOTES,
  PROP_METRICS,
  PROP_TAGS,
  PROP_IMAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WfCard, wf_card, WF_TYPE_ITEM)

static void
wf_card_finalize (GObject *object)
{
  WfCard *self = WF_CARD (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->metrics, g_variant_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->image, wf_image_unref);

  G_OBJECT_CLASS (wf_card_parent_class)->finalize (object);
}

static void
wf_card_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WfCard *self = WF_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    case PROP_CONTACT:
      g_value_set_enum (value, self->contact);
      break;

    case PROP_EMOTION:
      g_value_set_int (value, self->emotion);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_VOTES:
      g_value_set_uint (value, self->votes);
      break;

    case PROP_METRICS:
      g_value_set_variant (value, self->metrics);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_IMAGE:
      g_value_set_boxed (value, self->image);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_card_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WfCard *self = WF_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      wf_card_set_title (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      wf_card_set_notes (self, g_value_get_string (value));
      break;

    case PROP_CHANNEL:
      wf_card_set_channel (self, g_value_get_enum (value));
      break;

    case PROP_CONTACT:
      wf_card_set_contact (self, g_value_get_enum (value));
      break;

    case PROP_EMOTION:
      wf_card_set_emotion (self, g_value_get_int (value));
      break;

    case PROP_COLOR:
      wf_card_set_color (self, g_value_get_string (value));
      break;

    case PROP_VOTES:
      wf_card_set_votes (self, g_value_get_uint (value));
      break;

    case PROP_METRICS:
      wf_card_set_metrics (self, g_value_get_variant (value));
      break;

    case PROP_TAGS:
      wf_card_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_IMAGE:
      wf_card_set_image (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_card_class_init (WfCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE |
                             G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_STRINGS);

  object_class->finalize = wf_card_finalize;
  object_class->get_property = wf_card_get_property;
  object_class->set_property = wf_card_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", flags);
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       WF_TYPE_CHANNEL, WF_CHANNEL_NONE, flags);
  properties[PROP_CONTACT] =
    g_param_spec_enum ("contact", NULL, NULL,
                       WF_TYPE_CONTACT, WF_CONTACT_NONE, flags);
  /**
   * WfCard:emotion:
   *
   * How the customer feels, from -2 to +2, or %WF_EMOTION_NONE.
   */
  properties[PROP_EMOTION] =
    g_param_spec_int ("emotion", NULL, NULL,
                      WF_EMOTION_NONE, WF_EMOTION_MAX, WF_EMOTION_NONE, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_VOTES] =
    g_param_spec_uint ("votes", NULL, NULL, 0, G_MAXINT32, 0, flags);
  /**
   * WfCard:metrics:
   *
   * Measured figures as a WF_METRICS_TYPE variant (see wf-metric.h), or %NULL.
   */
  properties[PROP_METRICS] =
    g_param_spec_variant ("metrics", NULL, NULL, WF_METRICS_TYPE, NULL, flags);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  /**
   * WfCard:image: (nullable)
   *
   * A picture the card carries, or %NULL.
   */
  properties[PROP_IMAGE] =
    g_param_spec_boxed ("image", NULL, NULL, WF_TYPE_IMAGE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wf_card_init (WfCard *self)
{
  self->title = g_strdup ("");
  self->notes = g_strdup ("");
  self->emotion = WF_EMOTION_NONE;
}

WfCard *
wf_card_new (const char *id,
             const char *title)
{
  WfCard *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (WF_TYPE_CARD, "id", id, NULL);
  g_free (self->title);
  self->title = g_strdup (title ? title : "");

  return self;
}

/**
 * wf_card_get_phase:
 *
 * Returns: (transfer none) (nullable): the phase of the card's cell
 */
WfPhase *
wf_card_get_phase (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), NULL);

  return self->phase;
}

/**
 * wf_card_get_lane:
 *
 * Returns: (transfer none) (nullable): the lane of the card's cell
 */
WfLane *
wf_card_get_lane (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), NULL);

  return self->lane;
}

void
_wf_card_set_cell (WfCard  *self,
                   WfPhase *phase,
                   WfLane  *lane)
{
  self->phase = phase;
  self->lane = lane;
}

const char *
wf_card_get_title (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), NULL);

  return self->title;
}

void
wf_card_set_title (WfCard     *self,
                   const char *title)
{
  g_return_if_fail (WF_IS_CARD (self));

  wf_item_set_string (WF_ITEM (self), &self->title, title, properties[PROP_TITLE]);
}

const char *
wf_card_get_notes (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), NULL);

  return self->notes;
}

void
wf_card_set_notes (WfCard     *self,
                   const char *notes)
{
  g_return_if_fail (WF_IS_CARD (self));

  wf_item_set_string (WF_ITEM (self), &self->notes, notes, properties[PROP_NOTES]);
}

WfChannel
wf_card_get_channel (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), WF_CHANNEL_NONE);

  return self->channel;
}

void
wf_card_set_channel (WfCard    *self,
                     WfChannel  channel)
{
  g_return_if_fail (WF_IS_CARD (self));
  g_return_if_fail (channel < WF_N_CHANNELS);

  if (self->channel != channel)
    {
      self->channel = channel;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
    }
}

WfContact
wf_card_get_contact (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), WF_CONTACT_NONE);

  return self->contact;
}

void
wf_card_set_contact (WfCard    *self,
                     WfContact  contact)
{
  g_return_if_fail (WF_IS_CARD (self));
  g_return_if_fail (contact <= WF_CONTACT_INDIRECT);

  if (self->contact != contact)
    {
      self->contact = contact;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
    }
}

/**
 * wf_card_get_emotion:
 *
 * Returns: the emotion from -2 to +2, or %WF_EMOTION_NONE
 */
int
wf_card_get_emotion (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), WF_EMOTION_NONE);

  return self->emotion;
}

void
wf_card_set_emotion (WfCard *self,
                     int     emotion)
{
  g_return_if_fail (WF_IS_CARD (self));
  g_return_if_fail (emotion == WF_EMOTION_NONE ||
                    (emotion >= WF_EMOTION_MIN && emotion <= WF_EMOTION_MAX));

  if (self->emotion != emotion)
    {
      self->emotion = emotion;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMOTION]);
    }
}

/**
 * wf_card_get_color:
 *
 * Returns: (nullable): the card's own colour as `#rrggbb`
 */
const char *
wf_card_get_color (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), NULL);

  return self->color;
}

void
wf_card_set_color (WfCard     *self,
                   const char *color)
{
  g_return_if_fail (WF_IS_CARD (self));

  wf_item_set_color (WF_ITEM (self), &self->color, color, TRUE,
                     properties[PROP_COLOR]);
}

guint
wf_card_get_votes (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), 0);

  return self->votes;
}

void
wf_card_set_votes (WfCard *self,
                   guint   votes)
{
  g_return_if_fail (WF_IS_CARD (self));
  g_return_if_fail (votes <= G_MAXINT32);

  if (self->votes != votes)
    {
      self->votes = votes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOTES]);
    }
}

/**
 * wf_card_get_metrics:
 *
 * Returns: (transfer none) (nullable): the metrics, WF_METRICS_TYPE
 */
GVariant *
wf_card_get_metrics (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), NULL);

  return self->metrics;
}

/**
 * wf_card_set_metrics:
 * @metrics: (nullable): a WF_METRICS_TYPE variant; a floating one is sunk
 *
 * An empty array is stored as %NULL.
 */
void
wf_card_set_metrics (WfCard   *self,
                     GVariant *metrics)
{
  g_return_if_fail (WF_IS_CARD (self));
  g_return_if_fail (!metrics || g_variant_is_of_type (metrics, WF_METRICS_TYPE));

  if (wf_metrics_replace (&self->metrics, metrics))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METRICS]);
}

/**
 * wf_card_get_tags:
 *
 * Returns: (transfer none) (nullable): the tags
 */
const char * const *
wf_card_get_tags (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), NULL);

  return (const char * const *) self->tags;
}

/**
 * wf_card_set_tags:
 * @tags: (nullable): the tags; an empty list is stored as %NULL
 */
void
wf_card_set_tags (WfCard             *self,
                  const char * const *tags)
{
  g_return_if_fail (WF_IS_CARD (self));

  if (tags != NULL && tags[0] == NULL)
    tags = NULL;

  if (self->tags == NULL && tags == NULL)
    return;

  if (self->tags != NULL && tags != NULL &&
      g_strv_equal ((const char * const *) self->tags, tags))
    return;

  g_clear_pointer (&self->tags, g_strfreev);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * wf_card_get_image:
 *
 * Returns: (transfer none) (nullable): the card's picture
 */
WfImage *
wf_card_get_image (WfCard *self)
{
  g_return_val_if_fail (WF_IS_CARD (self), NULL);

  return self->image;
}

/**
 * wf_card_set_image:
 * @image: (nullable): the picture, or %NULL for none
 */
void
wf_card_set_image (WfCard  *self,
                   WfImage *image)
{
  g_return_if_fail (WF_IS_CARD (self));

  if (wf_image_equal (self->image, image))
    return;

  if (image != NULL)
    wf_image_ref (image);
  g_clear_pointer (&self->image, wf_image_unref);
  self->image = image;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}
