/* wf-autosave.h — keeps a document's rows in the library up to date, edit by edit
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-model.h"
#include "storage/wf-library.h"

G_BEGIN_DECLS

/* An automatic revision after this much editing. */
#define WF_AUTOSAVE_REVISION_INTERVAL (10 * G_TIME_SPAN_MINUTE)

/* A step still being typed into is written after this pause (ms). */
#define WF_AUTOSAVE_DELAY 1000

#define WF_TYPE_AUTOSAVE (wf_autosave_get_type ())

G_DECLARE_FINAL_TYPE (WfAutosave, wf_autosave, WF, AUTOSAVE, GObject)

WfAutosave   *wf_autosave_new             (WfLibrary   *library,
                                           gint64       id,
                                           WfDocument  *document);
gint64        wf_autosave_get_id          (WfAutosave  *self);
WfDocument   *wf_autosave_get_document    (WfAutosave  *self);
WfLibrary    *wf_autosave_get_library     (WfAutosave  *self);
const GError *wf_autosave_get_error       (WfAutosave  *self);
gboolean      wf_autosave_flush           (WfAutosave  *self);
gboolean      wf_autosave_saved           (WfAutosave  *self,
                                           const char  *path);
gboolean      wf_autosave_add_revision    (WfAutosave  *self,
                                           const char  *kind);
void          wf_autosave_close           (WfAutosave  *self);
void          wf_autosave_set_clock       (WfAutosave  *self,
                                           GDateTime *(*now) (void));

G_END_DECLS
