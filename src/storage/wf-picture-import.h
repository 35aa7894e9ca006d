/* wf-picture-import.h — a picture from outside made fit to keep
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

/* The long side of an imported picture, in pixels (docs/pictures.md). */
#define WF_PICTURE_IMPORT_SIDE 2048

WfImage *wf_picture_import             (GBytes               *bytes,
                                        const char           *name,
                                        GError              **error);
void     wf_picture_import_async       (GBytes               *bytes,
                                        const char           *name,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
void     wf_picture_import_file_async  (GFile                *file,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
WfImage *wf_picture_import_finish      (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
