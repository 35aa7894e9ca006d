/* wf-picture-cache.h — pictures decoded for drawing, per size, within a budget
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/wf-image.h"

G_BEGIN_DECLS

/* The sizes the cache keeps of a picture, its short side in pixels:
 * powers of two from the smallest to the largest, which is a card's
 * thumbnail (64 units) at the canvas's largest zoom (4) and an
 * export's largest scale (4).
 */
#define WF_PICTURE_CACHE_SMALLEST 32
#define WF_PICTURE_CACHE_LARGEST  256
/* What the cache may keep, in bytes of decoded pixels, by default. */
#define WF_PICTURE_CACHE_BUDGET   (96 * 1024 * 1024)

typedef enum {
  WF_PICTURE_READY,     /* the texture is there */
  WF_PICTURE_PENDING,   /* being decoded in a thread: draw something in its place */
  WF_PICTURE_BROKEN,    /* it does not decode */
} WfPictureState;

typedef struct _WfPictureCache WfPictureCache;

typedef void (*WfPictureReadyFunc) (gpointer data);

WfPictureCache *wf_picture_cache_new          (void);
void            wf_picture_cache_free         (WfPictureCache     *cache);
void            wf_picture_cache_set_async    (WfPictureCache     *cache,
                                               WfPictureReadyFunc  ready,
                                               gpointer            data);
void            wf_picture_cache_set_budget   (WfPictureCache     *cache,
                                               gsize               bytes);
void            wf_picture_cache_begin_frame  (WfPictureCache     *cache);
WfPictureState  wf_picture_cache_lookup       (WfPictureCache     *cache,
                                               WfImage            *image,
                                               double              pixels,
                                               GdkTexture        **texture);
GdkTexture     *wf_picture_cache_get          (WfPictureCache     *cache,
                                               WfImage            *image);
guint           wf_picture_cache_get_n_pictures (WfPictureCache   *cache);
guint           wf_picture_cache_get_n_decoded  (WfPictureCache   *cache);
guint           wf_picture_cache_get_n_pending  (WfPictureCache   *cache);
gsize           wf_picture_cache_get_size     (WfPictureCache     *cache);
GdkTexture     *wf_picture_cache_decode       (WfImage            *image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfPictureCache, wf_picture_cache_free)

G_END_DECLS
