/* wf-image.h — a picture: a persona's photo, a card's image
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WF_TYPE_IMAGE (wf_image_get_type ())

#define WF_IMAGE_PNG  "image/png"
#define WF_IMAGE_JPEG "image/jpeg"

typedef struct _WfImage WfImage;

GType       wf_image_get_type      (void) G_GNUC_CONST;

WfImage    *wf_image_new           (const char *mime_type,
                                    GBytes     *bytes,
                                    guint       width,
                                    guint       height,
                                    const char *alt,
                                    double      focus_x,
                                    double      focus_y);
WfImage    *wf_image_ref           (WfImage    *self);
void        wf_image_unref         (WfImage    *self);

const char *wf_image_get_mime_type (WfImage    *self);
GBytes     *wf_image_get_bytes     (WfImage    *self);
guint       wf_image_get_width     (WfImage    *self);
guint       wf_image_get_height    (WfImage    *self);
const char *wf_image_get_alt       (WfImage    *self);
void        wf_image_get_focus     (WfImage    *self,
                                    double     *x,
                                    double     *y);
gboolean    wf_image_has_focus     (WfImage    *self);
const char *wf_image_get_hash      (WfImage    *self);

WfImage    *wf_image_with_alt      (WfImage    *self,
                                    const char *alt);
WfImage    *wf_image_with_focus    (WfImage    *self,
                                    double      x,
                                    double      y);
gboolean    wf_image_equal         (WfImage    *a,
                                    WfImage    *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfImage, wf_image_unref)

G_END_DECLS
