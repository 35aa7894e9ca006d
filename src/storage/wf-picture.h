/* wf-picture.h — checking pictures from outside before anything decodes them
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

/* The largest picture a file may hold (docs/pictures.md). */
#define WF_PICTURE_MAX_BYTES  (16 * 1024 * 1024)
#define WF_PICTURE_MAX_SIDE   8192
#define WF_PICTURE_MAX_PIXELS (32 * 1000 * 1000)

#define WF_PICTURE_ERROR (wf_picture_error_quark ())

typedef enum {
  WF_PICTURE_ERROR_TYPE,       /* a type other than PNG and JPEG */
  WF_PICTURE_ERROR_BASE64,     /* the text is not base64 */
  WF_PICTURE_ERROR_NOT_IMAGE,  /* neither PNG nor JPEG */
  WF_PICTURE_ERROR_WRONG_TYPE, /* the other type than declared */
  WF_PICTURE_ERROR_DAMAGED,    /* cut off, or its structure is wrong */
  WF_PICTURE_ERROR_TOO_LARGE,  /* too many bytes or pixels */
} WfPictureError;

GQuark   wf_picture_error_quark    (void);

gboolean wf_picture_check          (const char    *mime_type,
                                    const guint8  *data,
                                    gsize          len,
                                    guint         *width,
                                    guint         *height,
                                    GError       **error);
GBytes  *wf_picture_decode_base64  (const char    *text,
                                    gsize          len,
                                    GError       **error);
WfImage *wf_picture_new_image      (const char    *mime_type,
                                    GBytes        *bytes,
                                    const char    *alt,
                                    double         focus_x,
                                    double         focus_y,
                                    GError       **error);

G_END_DECLS
