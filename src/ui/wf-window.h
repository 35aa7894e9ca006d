/* wf-window.h
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/wf-presenter.h"

#include "model/wf-model.h"

G_BEGIN_DECLS

#define WF_TYPE_WINDOW (wf_window_get_type ())

G_DECLARE_FINAL_TYPE (WfWindow, wf_window, WF, WINDOW, AdwApplicationWindow)

WfWindow   *wf_window_new          (GtkApplication *application);
WfDocument *wf_window_get_document (WfWindow       *self);
GFile      *wf_window_get_file     (WfWindow       *self);
void        wf_window_set_document (WfWindow       *self,
                                    WfDocument     *document,
                                    GFile          *file);
void        wf_window_open_file    (WfWindow       *self,
                                    GFile          *file);
void        wf_window_open_library_document (WfWindow *self,
                                             gint64    id,
                                             gboolean  recovered);
gint64      wf_window_get_library_id        (WfWindow *self);
WfPresenter *wf_window_get_presenter        (WfWindow *self);

G_END_DECLS
