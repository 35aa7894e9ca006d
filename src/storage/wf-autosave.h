/* wf-autosave.h — keeps a document's rows in the library up to date, edit by edit
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "model/wf-model.h"
#include "storage/wf-library.h"

G_BEGIN_DECLS

/* An automatic revision after this much editing. */
#define WF_AUTOSAVE_REVISION_INTERVAL (10 * G_TIME_SPAN_MINUTE)

/* A step still being typed into is written after this pause (ms). */
#define WF_AUTOSAVE_DELAY 1000
/* Typing that never pauses is written after this many pauses' length. */
#define WF_AUTOSAVE_MAX_WAIT 5

#define WF_TYPE_AUTOSAVE (wf_autosave_get_type ())

G_DECLARE_FINAL_TYPE (WfAutosave, wf_autosave, WF, AUTOSAVE, GObject)

/**
 * WfAutosaveWriteFunc:
 * @db: the library's database, inside the autosave's transaction
 * @id: the document's row in the library
 * @user_data: what wf_autosave_set_hook() was given
 * @error: return location for an error, which rolls the transaction back
 *
 * Writes what belongs with the rows of this transaction (the team
 * journal's change record), before COMMIT.
 */
typedef gboolean (*WfAutosaveWriteFunc) (sqlite3   *db,
                                         gint64     id,
                                         gpointer   user_data,
                                         GError   **error);

/**
 * WfAutosaveDoneFunc:
 * @committed: whether the transaction that the write function wrote in
 *   was committed; if not, nothing it wrote is in the library
 * @user_data: what wf_autosave_set_hook() was given
 */
typedef void (*WfAutosaveDoneFunc) (gboolean committed,
                                    gpointer user_data);

WfAutosave   *wf_autosave_new             (WfLibrary   *library,
                                           gint64       id,
                                           WfDocument  *document);
WfAutosave   *wf_autosave_new_normalized  (WfLibrary   *library,
                                           gint64       id,
                                           WfDocument  *document);
gboolean      wf_autosave_normalize       (gpointer     db,
                                           gint64       id,
                                           GError     **error);
gint64        wf_autosave_get_id          (WfAutosave  *self);
WfDocument   *wf_autosave_get_document    (WfAutosave  *self);
WfLibrary    *wf_autosave_get_library     (WfAutosave  *self);
const GError *wf_autosave_get_error       (WfAutosave  *self);
gboolean      wf_autosave_flush           (WfAutosave  *self);
gboolean      wf_autosave_is_waiting      (WfAutosave  *self);
gboolean      wf_autosave_saved           (WfAutosave  *self,
                                           const char  *path);
gboolean      wf_autosave_add_revision    (WfAutosave  *self,
                                           const char  *kind);
void          wf_autosave_close           (WfAutosave  *self);
void          wf_autosave_set_clock       (WfAutosave  *self,
                                           GDateTime *(*now) (void));
void          wf_autosave_set_hook        (WfAutosave          *self,
                                           WfAutosaveWriteFunc  write,
                                           WfAutosaveDoneFunc   done,
                                           gpointer             user_data);
void          wf_autosave_hook_changed    (WfAutosave  *self);

G_END_DECLS
