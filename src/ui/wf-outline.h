/* wf-outline.h — the map as a tree: phases, their lanes, their cards
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "wf-canvas.h"

G_BEGIN_DECLS

#define WF_TYPE_OUTLINE (wf_outline_get_type ())

G_DECLARE_FINAL_TYPE (WfOutline, wf_outline, WF, OUTLINE, GtkWidget)

GtkWidget  *wf_outline_new        (void);
void        wf_outline_set_canvas (WfOutline *self,
                                   WfCanvas  *canvas);
GListModel *wf_outline_get_model  (WfOutline *self);

G_END_DECLS
