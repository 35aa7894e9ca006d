/* wf-undo-stack-private.h — what the document and the edit functions need
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-undo-stack.h"

G_BEGIN_DECLS

WfUndoStack *_wf_undo_stack_new     (WfDocument  *document);
WfCommand   *_wf_undo_stack_current (WfUndoStack *self);

G_END_DECLS
