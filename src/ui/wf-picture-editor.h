/* wf-picture-editor.h — a persona's photo or a card's image, chosen, dropped, described
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

#define WF_TYPE_PICTURE_EDITOR (wf_picture_editor_get_type ())

G_DECLARE_FINAL_TYPE (WfPictureEditor, wf_picture_editor, WF, PICTURE_EDITOR, GtkWidget)

GtkWidget  *wf_picture_editor_new      (void);
void        wf_picture_editor_set_item (WfPictureEditor *self,
                                        WfItem          *item);
WfItem     *wf_picture_editor_get_item (WfPictureEditor *self);
void        wf_picture_editor_set_file (WfPictureEditor *self,
                                        GFile           *file);
/* "group"; for tests: "preview", "choose", "remove", "alt", "focus-x", "focus-y" */
GtkWidget  *wf_picture_editor_find     (WfPictureEditor *self,
                                        const char      *role);
GdkTexture *wf_picture_editor_get_texture (WfPictureEditor *self);

/* Setting a picture from outside, wherever it comes from */
const char *wf_picture_member          (WfItem          *item);
void        wf_picture_set_file        (WfItem          *item,
                                        GFile           *file,
                                        GtkWidget       *widget,
                                        gboolean         toast);
void        wf_picture_set_texture     (WfItem          *item,
                                        GdkTexture      *texture,
                                        GtkWidget       *widget,
                                        gboolean         toast);
gboolean    wf_picture_set_value       (WfItem          *item,
                                        const GValue    *value,
                                        GtkWidget       *widget,
                                        gboolean         toast);
void        wf_picture_show_error      (GtkWidget       *widget,
                                        const char      *message);
GtkDropTarget *wf_picture_drop_target_new (void);

/* A square around the focal point, @size pixels, for an avatar */
void        wf_picture_load_thumbnail_async  (WfImage             *image,
                                              int                  size,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GdkTexture *wf_picture_load_thumbnail_finish (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
