/* wf-canvas-private.h — what the canvas shows only its siblings and tests
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-canvas.h"

G_BEGIN_DECLS

gboolean    wf_canvas_get_drop_mark  (WfCanvas        *self,
                                      graphene_rect_t *mark);

G_END_DECLS
