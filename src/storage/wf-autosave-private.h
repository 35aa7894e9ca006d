/* wf-autosave-private.h — what the tests and the benchmark may ask an autosave
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-autosave.h"

G_BEGIN_DECLS

void     _wf_autosave_set_delay      (WfAutosave *self,
                                      guint       delay_ms);
guint    _wf_autosave_get_n_commits  (WfAutosave *self);

G_END_DECLS
