/* wf-types.c — enumerations of the journey map vocabulary
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wf-types.h"

/* The nicks are the strings of the .journey format. */
G_DEFINE_ENUM_TYPE (WfLaneKind, wf_lane_kind,
  G_DEFINE_ENUM_VALUE (WF_LANE_TOUCHPOINTS, "touchpoints"),
  G_DEFINE_ENUM_VALUE (WF_LANE_ACTIONS, "actions"),
  G_DEFINE_ENUM_VALUE (WF_LANE_THOUGHTS, "thoughts"),
  G_DEFINE_ENUM_VALUE (WF_LANE_EMOTIONS, "emotions"),
  G_DEFINE_ENUM_VALUE (WF_LANE_PAIN_POINTS, "pain-points"),
  G_DEFINE_ENUM_VALUE (WF_LANE_OPPORTUNITIES, "opportunities"),
  G_DEFINE_ENUM_VALUE (WF_LANE_CHANNELS, "channels"),
  G_DEFINE_ENUM_VALUE (WF_LANE_METRICS, "metrics"),
  G_DEFINE_ENUM_VALUE (WF_LANE_BACKSTAGE, "backstage"),
  G_DEFINE_ENUM_VALUE (WF_LANE_NOTES, "notes"))

G_DEFINE_ENUM_TYPE (WfChannel, wf_channel,
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_NONE, "none"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_WEB, "web"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_APP, "app"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_EMAIL, "email"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_SOCIAL, "social"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_SEARCH, "search"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_ADS, "ads"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_PHONE, "phone"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_CHAT, "chat"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_STORE, "store"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_EVENT, "event"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_PRINT, "print"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_WORD_OF_MOUTH, "word-of-mouth"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_REVIEW_SITE, "review-site"),
  G_DEFINE_ENUM_VALUE (WF_CHANNEL_OTHER, "other"))

G_DEFINE_ENUM_TYPE (WfContact, wf_contact,
  G_DEFINE_ENUM_VALUE (WF_CONTACT_NONE, "none"),
  G_DEFINE_ENUM_VALUE (WF_CONTACT_DIRECT, "direct"),
  G_DEFINE_ENUM_VALUE (WF_CONTACT_INDIRECT, "indirect"))

/* The classes, looked up once and kept: the nicks are the strings. */
static GEnumClass *lane_kind_class;
static GEnumClass *channel_class;
static GEnumClass *contact_class;

static GEnumClass *
enum_class (GType        type,
            GEnumClass **cache)
{
  GEnumClass *klass = g_atomic_pointer_get (cache);

  if (G_UNLIKELY (klass == NULL))
    {
      klass = g_type_class_ref (type);
      g_atomic_pointer_set (cache, klass);
    }

  return klass;
}

static const char *
enum_to_string (GType        type,
                GEnumClass **cache,
                int          value)
{
  GEnumValue *v = g_enum_get_value (enum_class (type, cache), value);

  return v != NULL ? v->value_nick : NULL;
}

static gboolean
enum_from_string (GType        type,
                  GEnumClass **cache,
                  const char  *str,
                  int         *out)
{
  GEnumValue *v;

  g_assert (out != NULL);

  if (str == NULL || !(v = g_enum_get_value_by_nick (enum_class (type, cache), str)))
    return FALSE;

  *out = v->value;
  return TRUE;
}

const char *
wf_lane_kind_to_string (WfLaneKind kind)
{
  g_return_val_if_fail (kind < WF_N_LANE_KINDS, NULL);

  return enum_to_string (WF_TYPE_LANE_KIND, &lane_kind_class, kind);
}

gboolean
wf_lane_kind_from_string (const char *str,
                          WfLaneKind *kind)
{
  int i;

  if (!enum_from_string (WF_TYPE_LANE_KIND, &lane_kind_class, str, &i))
    return FALSE;

  *kind = i;
  return TRUE;
}

/**
 * wf_lane_kind_get_label:
 *
 * Returns: the translated, human-readable name of a lane kind
 */
const char *
wf_lane_kind_get_label (WfLaneKind kind)
{
  switch (kind)
    {
    case WF_LANE_TOUCHPOINTS:   return _("Touchpoints");
    case WF_LANE_ACTIONS:       return _("Actions");
    case WF_LANE_THOUGHTS:      return _("Thoughts");
    case WF_LANE_EMOTIONS:      return _("Emotions");
    case WF_LANE_PAIN_POINTS:   return _("Pain Points");
    case WF_LANE_OPPORTUNITIES: return _("Opportunities");
    case WF_LANE_CHANNELS:      return _("Channels");
    case WF_LANE_METRICS:       return _("Metrics");
    case WF_LANE_BACKSTAGE:     return _("Backstage");
    case WF_LANE_NOTES:         return _("Notes");
    default:                    g_return_val_if_reached (NULL);
    }
}

/**
 * wf_lane_kind_get_card_label:
 *
 * Returns: the translated name of one card of a lane of @kind, as the
 *   palette offers it: "Touchpoint", "Pain Point"
 */
const char *
wf_lane_kind_get_card_label (WfLaneKind kind)
{
  switch (kind)
    {
    case WF_LANE_TOUCHPOINTS:   return _("Touchpoint");
    case WF_LANE_ACTIONS:       return _("Action");
    case WF_LANE_THOUGHTS:      return _("Thought");
    case WF_LANE_EMOTIONS:      return _("Emotion");
    case WF_LANE_PAIN_POINTS:   return _("Pain Point");
    case WF_LANE_OPPORTUNITIES: return _("Opportunity");
    case WF_LANE_CHANNELS:      return _("Channel");
    case WF_LANE_METRICS:       return _("Metric");
    case WF_LANE_BACKSTAGE:     return _("Backstage");
    case WF_LANE_NOTES:         return _("Note");
    default:                    g_return_val_if_reached (NULL);
    }
}

/* A card without a channel has none in the format either: "none" is
 * only the nick of WF_CHANNEL_NONE.
 */
const char *
wf_channel_to_string (WfChannel channel)
{
  g_return_val_if_fail (channel < WF_N_CHANNELS, NULL);

  if (channel == WF_CHANNEL_NONE)
    return NULL;

  return enum_to_string (WF_TYPE_CHANNEL, &channel_class, channel);
}

gboolean
wf_channel_from_string (const char *str,
                        WfChannel  *channel)
{
  int i;

  if (!enum_from_string (WF_TYPE_CHANNEL, &channel_class, str, &i) || i == WF_CHANNEL_NONE)
    return FALSE;

  *channel = i;
  return TRUE;
}

const char *
wf_channel_get_label (WfChannel channel)
{
  switch (channel)
    {
    case WF_CHANNEL_NONE:          return _("No Channel");
    case WF_CHANNEL_WEB:           return _("Web");
    case WF_CHANNEL_APP:           return _("App");
    case WF_CHANNEL_EMAIL:         return _("Email");
    case WF_CHANNEL_SOCIAL:        return _("Social Media");
    case WF_CHANNEL_SEARCH:        return _("Search");
    case WF_CHANNEL_ADS:           return _("Advertising");
    case WF_CHANNEL_PHONE:         return _("Phone");
    case WF_CHANNEL_CHAT:          return _("Chat");
    case WF_CHANNEL_STORE:         return _("Store");
    case WF_CHANNEL_EVENT:         return _("Event");
    case WF_CHANNEL_PRINT:         return _("Print");
    case WF_CHANNEL_WORD_OF_MOUTH: return _("Word of Mouth");
    case WF_CHANNEL_REVIEW_SITE:   return _("Review Site");
    case WF_CHANNEL_OTHER:         return _("Other");
    default:                       g_return_val_if_reached (NULL);
    }
}

WfPresence
wf_channel_get_presence (WfChannel channel)
{
  switch (channel)
    {
    case WF_CHANNEL_WEB:
    case WF_CHANNEL_APP:
    case WF_CHANNEL_EMAIL:
    case WF_CHANNEL_SOCIAL:
    case WF_CHANNEL_SEARCH:
    case WF_CHANNEL_ADS:
    case WF_CHANNEL_CHAT:
    case WF_CHANNEL_REVIEW_SITE:
      return WF_PRESENCE_ONLINE;

    case WF_CHANNEL_PHONE:
    case WF_CHANNEL_STORE:
    case WF_CHANNEL_EVENT:
    case WF_CHANNEL_PRINT:
    case WF_CHANNEL_WORD_OF_MOUTH:
      return WF_PRESENCE_OFFLINE;

    case WF_CHANNEL_NONE:
    case WF_CHANNEL_OTHER:
    default:
      return WF_PRESENCE_UNKNOWN;
    }
}

/* As for channels: no contact is no member, and so is a value out of range. */
const char *
wf_contact_to_string (WfContact contact)
{
  if (contact == WF_CONTACT_NONE)
    return NULL;

  return enum_to_string (WF_TYPE_CONTACT, &contact_class, contact);
}

gboolean
wf_contact_from_string (const char *str,
                        WfContact  *contact)
{
  int i;

  if (!enum_from_string (WF_TYPE_CONTACT, &contact_class, str, &i) || i == WF_CONTACT_NONE)
    return FALSE;

  *contact = i;
  return TRUE;
}

/**
 * wf_color_is_valid:
 * @color: (nullable): a string
 *
 * Returns: %TRUE if @color is of the form `#rrggbb`
 */
gboolean
wf_color_is_valid (const char *color)
{
  if (color == NULL || color[0] != '#')
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return FALSE;
    }

  return color[7] == '\0';
}

/**
 * wf_color_normalize:
 *
 * Returns: (transfer full) (nullable): @color in lower case, or %NULL if
 *   it is not a valid colour
 */
char *
wf_color_normalize (const char *color)
{
  if (!wf_color_is_valid (color))
    return NULL;

  return g_ascii_strdown (color, -1);
}
