/* wf-journey-private.h — what the .journey reader and writer share with
 * the reading and writing of one member (wf-journey-member.c)
 *
 * A member travels as the writer writes it in a file and is checked as
 * the reader checks it there: both use these functions, so that the two
 * cannot drift apart.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-model.h"
#include "wf-journey.h"
#include "wf-json.h"
#include "wf-problems.h"

G_BEGIN_DECLS

/* The reader (wf-journey-reader.c) */

#define WF_JOURNEY_MAX_PATH 16

typedef struct
{
  const char *member;   /* or NULL for an array index */
  guint       index;
} WfJourneySegment;

typedef struct
{
  WfDocument       *document;
  WfProblems       *problems;
  WfProblems       *warnings;   /* nullable: bad pictures, left out; NULL:
                                 * they are problems */
  GHashTable       *items;      /* id → WfItem, unowned; ids point into the JSON tree;
                                 * NULL: the items of @document */
  WfJourneySegment  path[WF_JOURNEY_MAX_PATH];
  guint             depth;
  guint             found;      /* known members seen in the current object */
  GBytes         *(*image_func) (const char *hash,
                                 gpointer    user_data);
                                /* nullable: reads pictures by "sha256" */
  gpointer          image_data;
  GHashTable       *pictures;   /* nullable: a picture's "data" text → the
                                 * WfImage read from it, so that a picture
                                 * on many cards is decoded and checked once */
} WfJourneyReader;

const char *wf_journey_get_string       (WfJourneyReader   *r,
                                         const WfJsonValue *object,
                                         const char        *name,
                                         gboolean           required);
const char *wf_journey_get_color        (WfJourneyReader   *r,
                                         const WfJsonValue *object,
                                         const char        *name);
gboolean    wf_journey_get_int          (WfJourneyReader   *r,
                                         const WfJsonValue *object,
                                         const char        *name,
                                         gint64             min,
                                         gint64             max,
                                         gint64            *value);
gboolean    wf_journey_get_boolean      (WfJourneyReader   *r,
                                         const WfJsonValue *object,
                                         const char        *name,
                                         gboolean          *value);
double      wf_journey_get_size         (WfJourneyReader   *r,
                                         const WfJsonValue *object,
                                         const char        *name,
                                         double             min,
                                         double             max);
gboolean    wf_journey_get_lane_kind    (WfJourneyReader   *r,
                                         const WfJsonValue *object,
                                         WfLaneKind        *kind);
WfPersona  *wf_journey_get_lane_persona (WfJourneyReader   *r,
                                         const WfJsonValue *object);
gboolean    wf_journey_get_channel      (WfJourneyReader   *r,
                                         const WfJsonValue *object,
                                         WfChannel         *channel);
gboolean    wf_journey_get_contact      (WfJourneyReader   *r,
                                         const WfJsonValue *object,
                                         WfContact         *contact);
WfCard     *wf_journey_lookup_link_end  (WfJourneyReader   *r,
                                         WfMap             *map,
                                         const char        *id,
                                         const char        *name);
GVariant   *wf_journey_read_metrics     (WfJourneyReader   *r,
                                         const WfJsonValue *object);
GVariant   *wf_journey_read_phase_metrics (WfJourneyReader   *r,
                                           const WfJsonValue *object);
GPtrArray  *wf_journey_read_strings     (WfJourneyReader   *r,
                                         const WfJsonValue *object,
                                         const char        *member);
WfImage    *wf_journey_read_image       (WfJourneyReader   *r,
                                         const WfJsonValue *object,
                                         const char        *name);

WfDocument *wf_journey_load_bytes_by_hash (GBytes      *bytes,
                                           GBytes     *(*image_func) (const char *hash,
                                                                      gpointer    user_data),
                                           gpointer     image_data,
                                           GPtrArray  **problems,
                                           GError     **error);

/* The writer (wf-journey-writer.c) */

typedef struct
{
  GString *out;
  guint    indent;
  gboolean first;      /* no member written yet in the open container */
  gboolean compact;    /* one line, for a value stored elsewhere */
  gboolean value_only; /* an item without its id and child arrays */
  gboolean by_hash;    /* pictures by "sha256", their bytes elsewhere */
} WfJourneyWriter;

void        wf_journey_write_string     (WfJourneyWriter    *w,
                                         const char         *str);
void        wf_journey_write_nullable   (WfJourneyWriter    *w,
                                         const char         *value);
void        wf_journey_write_boolean    (WfJourneyWriter    *w,
                                         gboolean            value);
void        wf_journey_write_double     (WfJourneyWriter    *w,
                                         double              value,
                                         gboolean            keep_float);
void        wf_journey_write_emotion    (WfJourneyWriter    *w,
                                         int                 emotion);
void        wf_journey_write_strings    (WfJourneyWriter    *w,
                                         const char * const *strings);
void        wf_journey_write_image      (WfJourneyWriter    *w,
                                         WfImage            *image);
void        wf_journey_write_metrics    (WfJourneyWriter    *w,
                                         GPtrArray          *metrics,
                                         const char         *persona);
GPtrArray  *wf_journey_metrics_personas (GPtrArray          *metrics,
                                         gboolean           *everyone);
void        wf_journey_write_persona_metrics (WfJourneyWriter *w,
                                              GPtrArray       *metrics,
                                              GPtrArray       *personas);
void        wf_journey_write_item_value (WfJourneyWriter    *w,
                                         WfItem             *item);
GBytes     *wf_journey_to_bytes_by_hash (WfDocument         *document);

G_END_DECLS
