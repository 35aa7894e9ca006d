/* wf-a11y.h — names for the parts GTK 4.8 leaves unnamed
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void wf_a11y_name_scroll_bars  (GtkWidget  *root);
void wf_a11y_name_inner_button (GtkWidget  *widget,
                                const char *label);
void wf_a11y_name_inner_lists  (GtkWidget  *root,
                                const char *label);
void wf_a11y_name_icon_buttons (GtkWidget  *root);
void wf_a11y_name_shortcuts_window (GtkWidget *window);
void wf_a11y_name_drop_down    (GtkWidget  *drop_down,
                                const char *label);
void wf_a11y_watch             (GtkWidget  *root);
void wf_a11y_label_only        (GtkWidget  *widget,
                                const char *label);

G_END_DECLS
