/* wf-presenter.h — workshop mode: present a map phase by phase, capture
 * cards, vote
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui/wf-canvas.h"

G_BEGIN_DECLS

#define WF_TYPE_PRESENTER (wf_presenter_get_type ())

G_DECLARE_FINAL_TYPE (WfPresenter, wf_presenter, WF, PRESENTER, GObject)

/* The sticky-note colours, chosen with the keys 1 to 6. */
#define WF_PRESENTER_N_COLORS 6

WfPresenter *wf_presenter_new              (WfCanvas        *canvas,
                                            GtkOverlay      *overlay);
void         wf_presenter_start            (WfPresenter     *self);
void         wf_presenter_stop             (WfPresenter     *self);
gboolean     wf_presenter_is_active        (WfPresenter     *self);
int          wf_presenter_get_phase        (WfPresenter     *self);
void         wf_presenter_go_to_phase      (WfPresenter     *self,
                                            int              phase);
void         wf_presenter_cycle_persona    (WfPresenter     *self);
void         wf_presenter_open_capture     (WfPresenter     *self);
void         wf_presenter_close_capture    (WfPresenter     *self);
gboolean     wf_presenter_is_capturing     (WfPresenter     *self);
gboolean     wf_presenter_get_capture_cell (WfPresenter     *self,
                                            WfPhase        **phase,
                                            WfLane         **lane);
gboolean     wf_presenter_capture          (WfPresenter     *self,
                                            const char      *title);
void         wf_presenter_move_capture     (WfPresenter     *self,
                                            int              lanes,
                                            int              phases);
void         wf_presenter_toggle_timer     (WfPresenter     *self);
void         wf_presenter_reset_timer      (WfPresenter     *self);
guint        wf_presenter_get_timer_seconds (WfPresenter    *self);
gboolean     wf_presenter_get_timer_running (WfPresenter    *self);
const char  *wf_presenter_get_color        (guint            n);
void         wf_presenter_set_animate      (WfPresenter     *self,
                                            gboolean         animate);
void         wf_presenter_set_read_only    (WfPresenter     *self,
                                            gboolean         read_only);

G_END_DECLS
