/* wf-frame-probe.h — whole frames timed in the running app, for the benchmark
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void wf_frame_probe_attach (GtkWidget  *window);
void wf_frame_probe_mark   (GtkWidget  *window,
                            const char *name);

G_END_DECLS
