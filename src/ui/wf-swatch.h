/* wf-swatch.h — a round colour to choose, for cards, phases and personas
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *wf_swatch_new (const char *color,
                          const char *name);

G_END_DECLS
