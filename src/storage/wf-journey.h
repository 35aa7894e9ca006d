/* wf-journey.h — reading and writing .journey files
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/wf-model.h"
#include "wf-problems.h"

G_BEGIN_DECLS

#define WF_JOURNEY_FORMAT   "wayfinder-journey"
#define WF_JOURNEY_VERSION  2
#define WF_JOURNEY_MAX_DEPTH 64

#define WF_JOURNEY_ERROR (wf_journey_error_quark ())

typedef enum {
  WF_JOURNEY_ERROR_SYNTAX,     /* not JSON, truncated, empty, bad UTF-8 */
  WF_JOURNEY_ERROR_FORMAT,     /* JSON, but not a journey document */
  WF_JOURNEY_ERROR_VERSION,    /* made by a newer Wayfinder */
  WF_JOURNEY_ERROR_INVALID,    /* a journey document with wrong content */
} WfJourneyError;

GQuark      wf_journey_error_quark (void);

WfDocument *wf_journey_load_bytes  (GBytes        *bytes,
                                    GPtrArray    **problems,
                                    GError       **error);
WfDocument *wf_journey_load_file   (GFile         *file,
                                    GPtrArray    **problems,
                                    GCancellable  *cancellable,
                                    GError       **error);
GBytes     *wf_journey_to_bytes    (WfDocument    *document);
gboolean    wf_journey_save_file   (WfDocument    *document,
                                    GFile         *file,
                                    GCancellable  *cancellable,
                                    GError       **error);

char       *wf_journey_extra_to_string   (JsonObject   *extra);
JsonObject *wf_journey_extra_from_string (const char   *text,
                                          GError      **error);

G_END_DECLS
