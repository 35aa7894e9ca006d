/* wf-png.h — the PNG encoder of exported maps
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "render/wf-pages.h"

G_BEGIN_DECLS

typedef void (*WfPngProgress) (double   fraction,
                               gpointer user_data);

GBytes *wf_png_encode (WfPages        *pages,
                       guint           sheet,
                       int             width,
                       int             height,
                       double          scale,
                       gboolean        alpha,
                       WfPngProgress   progress,
                       gpointer        user_data,
                       GCancellable   *cancellable,
                       char          **failure);

G_END_DECLS
