/* wf-library-private.h — what only the library's own files share
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-library.h"

G_BEGIN_DECLS

WfLibraryRecovery *wf_library_recover (WfLibrary  *self,
                                       const char *damaged_path,
                                       GError     *reason);

G_END_DECLS
