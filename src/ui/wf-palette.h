/* wf-palette.h — what can be dragged onto the canvas
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

/* The text a palette item carries while it is dragged: "wayfinder-palette:KIND". */
#define WF_PALETTE_PREFIX "wayfinder-palette:"

#define WF_TYPE_PALETTE (wf_palette_get_type ())

G_DECLARE_FINAL_TYPE (WfPalette, wf_palette, WF, PALETTE, GtkWidget)

GtkWidget  *wf_palette_new             (void);
gboolean    wf_palette_kind_is_card    (const char *kind,
                                        WfLaneKind *lane_kind);
gboolean    wf_palette_kind_is_lane    (const char *kind,
                                        WfLaneKind *lane_kind);
const char *wf_palette_kind_get_label  (const char *kind);

G_END_DECLS
