/* wf-announcer.h — telling a screen reader what happened away from the focus
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WF_TYPE_ANNOUNCER (wf_announcer_get_type ())

G_DECLARE_FINAL_TYPE (WfAnnouncer, wf_announcer, WF, ANNOUNCER, GtkWidget)

GtkWidget  *wf_announcer_new         (void);
void        wf_announcer_attach      (GtkWindow   *root,
                                      WfAnnouncer *announcer);
const char *wf_announcer_get_message (WfAnnouncer *self);

void        wf_announce              (GtkWidget   *widget,
                                      const char  *message);

G_END_DECLS
