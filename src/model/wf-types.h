/* wf-types.h — enumerations of the journey map vocabulary
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  WF_LANE_TOUCHPOINTS,
  WF_LANE_ACTIONS,
  WF_LANE_THOUGHTS,
  WF_LANE_EMOTIONS,
  WF_LANE_PAIN_POINTS,
  WF_LANE_OPPORTUNITIES,
  WF_LANE_CHANNELS,
  WF_LANE_METRICS,
  WF_LANE_BACKSTAGE,
  WF_LANE_NOTES,
} WfLaneKind;

#define WF_N_LANE_KINDS (WF_LANE_NOTES + 1)

typedef enum {
  WF_CHANNEL_NONE,
  WF_CHANNEL_WEB,
  WF_CHANNEL_APP,
  WF_CHANNEL_EMAIL,
  WF_CHANNEL_SOCIAL,
  WF_CHANNEL_SEARCH,
  WF_CHANNEL_ADS,
  WF_CHANNEL_PHONE,
  WF_CHANNEL_CHAT,
  WF_CHANNEL_STORE,
  WF_CHANNEL_EVENT,
  WF_CHANNEL_PRINT,
  WF_CHANNEL_WORD_OF_MOUTH,
  WF_CHANNEL_REVIEW_SITE,
  WF_CHANNEL_OTHER,
} WfChannel;

#define WF_N_CHANNELS (WF_CHANNEL_OTHER + 1)

typedef enum {
  WF_CONTACT_NONE,
  WF_CONTACT_DIRECT,
  WF_CONTACT_INDIRECT,
} WfContact;

typedef enum {
  WF_PRESENCE_UNKNOWN,
  WF_PRESENCE_ONLINE,
  WF_PRESENCE_OFFLINE,
} WfPresence;

/* A card without an emotion. Emotions run from -2 to +2. */
#define WF_EMOTION_NONE G_MININT
#define WF_EMOTION_MIN  (-2)
#define WF_EMOTION_MAX  2

#define WF_TYPE_LANE_KIND (wf_lane_kind_get_type ())
#define WF_TYPE_CHANNEL   (wf_channel_get_type ())
#define WF_TYPE_CONTACT   (wf_contact_get_type ())

GType        wf_lane_kind_get_type     (void) G_GNUC_CONST;
GType        wf_channel_get_type       (void) G_GNUC_CONST;
GType        wf_contact_get_type       (void) G_GNUC_CONST;

const char  *wf_lane_kind_to_string    (WfLaneKind   kind);
gboolean     wf_lane_kind_from_string  (const char  *str,
                                        WfLaneKind  *kind);
const char  *wf_lane_kind_get_label    (WfLaneKind   kind);
const char  *wf_lane_kind_get_card_label (WfLaneKind kind);

const char  *wf_channel_to_string      (WfChannel    channel);
gboolean     wf_channel_from_string    (const char  *str,
                                        WfChannel   *channel);
const char  *wf_channel_get_label      (WfChannel    channel);
WfPresence   wf_channel_get_presence   (WfChannel    channel);

const char  *wf_contact_to_string      (WfContact    contact);
gboolean     wf_contact_from_string    (const char  *str,
                                        WfContact   *contact);

gboolean     wf_color_is_valid         (const char  *color);
char        *wf_color_normalize        (const char  *color);

G_END_DECLS
