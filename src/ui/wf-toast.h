/* wf-toast.h — toasts that show text as it is, and toasts with an Undo
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

AdwToast *wf_toast_new_text (const char  *text);
AdwToast *wf_toast_new_undo (WfUndoStack *stack,
                             const char  *title);
void      wf_toast_show     (AdwToastOverlay *overlay,
                             AdwToast        *toast);

G_END_DECLS
