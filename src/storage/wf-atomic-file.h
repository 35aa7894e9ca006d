/* wf-atomic-file.h — writing a file whole or not at all
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * WfAtomicFlags:
 * @WF_ATOMIC_CONSISTENT: after a crash, the file is the old one or the
 *   new one (flushed to disk before the rename when it replaces content)
 * @WF_ATOMIC_DURABLE: also flushed when it replaces nothing, so that the
 *   new content is on disk when the call returns
 */
typedef enum {
  WF_ATOMIC_CONSISTENT = 0,
  WF_ATOMIC_DURABLE    = 1 << 0,
} WfAtomicFlags;

/* A temporary file older than this, that no save holds, is a leftover. */
#define WF_ATOMIC_STALE_SECONDS 60

typedef struct _WfAtomicFile WfAtomicFile;

WfAtomicFile *wf_atomic_file_new      (GFile          *file,
                                       GError        **error);
gboolean      wf_atomic_file_write    (WfAtomicFile   *self,
                                       const void     *data,
                                       gsize           length,
                                       WfAtomicFlags   flags,
                                       GError        **error);
gboolean      wf_atomic_file_commit   (WfAtomicFile   *self,
                                       GError        **error);
void          wf_atomic_file_free     (WfAtomicFile   *self);

gboolean      wf_atomic_write         (GFile          *file,
                                       GBytes         *bytes,
                                       WfAtomicFlags   flags,
                                       GCancellable   *cancellable,
                                       GError        **error);

char         *wf_atomic_temp_prefix   (GFile          *file);

typedef struct _WfAtomicSet WfAtomicSet;

WfAtomicSet  *wf_atomic_set_new       (void);
gboolean      wf_atomic_set_add       (WfAtomicSet    *self,
                                       GFile          *file,
                                       GBytes         *bytes,
                                       WfAtomicFlags   flags,
                                       GError        **error);
gboolean      wf_atomic_set_commit    (WfAtomicSet    *self,
                                       guint          *failed,
                                       GError        **error);
void          wf_atomic_set_free      (WfAtomicSet    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfAtomicFile, wf_atomic_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfAtomicSet, wf_atomic_set_free)

G_END_DECLS
