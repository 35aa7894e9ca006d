/* wf-launch.h — a file or folder opened in another program
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void wf_launch_uri (GtkWindow  *parent,
                    const char *uri);

G_END_DECLS
