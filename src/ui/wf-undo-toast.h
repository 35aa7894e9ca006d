/* wf-undo-toast.h — a message about one step, with an Undo for that step
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

AdwToast *wf_undo_toast_new (WfUndoStack *stack,
                             const char  *title);

G_END_DECLS
