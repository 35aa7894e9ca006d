/* wf-message.h — a message about something that went wrong, in a dialog
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwMessageDialog *wf_message_new  (GtkWindow  *parent,
                                   const char *heading,
                                   const char *body);
void              wf_message_show (GtkWindow  *parent,
                                   const char *heading,
                                   const char *body);

G_END_DECLS
