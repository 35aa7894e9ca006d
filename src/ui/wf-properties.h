/* wf-properties.h — the properties of the selected cards, in a sidebar
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wf-canvas.h"

G_BEGIN_DECLS

#define WF_TYPE_PROPERTIES (wf_properties_get_type ())

G_DECLARE_FINAL_TYPE (WfProperties, wf_properties, WF, PROPERTIES, GtkWidget)

GtkWidget *wf_properties_new        (void);
WfCanvas  *wf_properties_get_canvas (WfProperties *self);
void       wf_properties_set_canvas (WfProperties *self,
                                     WfCanvas     *canvas);

G_END_DECLS
