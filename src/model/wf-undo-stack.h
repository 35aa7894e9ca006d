/* wf-undo-stack.h — the one undo stack of a document
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-command.h"
#include "wf-document.h"

G_BEGIN_DECLS

#define WF_TYPE_UNDO_STACK (wf_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (WfUndoStack, wf_undo_stack, WF, UNDO_STACK, GObject)

WfDocument *wf_undo_stack_get_document   (WfUndoStack *self);
void        wf_undo_stack_begin          (WfUndoStack *self,
                                          const char  *label);
void        wf_undo_stack_end            (WfUndoStack *self);
void        wf_undo_stack_seal           (WfUndoStack *self);
gboolean    wf_undo_stack_get_merging    (WfUndoStack *self);
gboolean    wf_undo_stack_can_undo       (WfUndoStack *self);
gboolean    wf_undo_stack_can_redo       (WfUndoStack *self);
const char *wf_undo_stack_get_undo_label (WfUndoStack *self);
const char *wf_undo_stack_get_redo_label (WfUndoStack *self);
gboolean    wf_undo_stack_undo           (WfUndoStack *self);
gboolean    wf_undo_stack_redo           (WfUndoStack *self);
WfCommand  *wf_undo_stack_peek_undo      (WfUndoStack *self);
gboolean    wf_undo_stack_undo_command   (WfUndoStack *self,
                                          WfCommand   *command);
gboolean    wf_undo_stack_is_replaying   (WfUndoStack *self);
guint       wf_undo_stack_get_last_skipped (WfUndoStack *self,
                                            guint       *size);
void        wf_undo_stack_begin_remote   (WfUndoStack *self);
void        wf_undo_stack_end_remote     (WfUndoStack *self);
gboolean    wf_undo_stack_is_remote      (WfUndoStack *self);
gboolean    wf_undo_stack_get_modified   (WfUndoStack *self);
void        wf_undo_stack_set_saved      (WfUndoStack *self);
void        wf_undo_stack_set_unsaved    (WfUndoStack *self);
void        wf_undo_stack_clear          (WfUndoStack *self);
guint       wf_undo_stack_get_position   (WfUndoStack *self);
guint       wf_undo_stack_get_length     (WfUndoStack *self);

G_END_DECLS
