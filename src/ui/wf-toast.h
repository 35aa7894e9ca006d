/* wf-toast.h — toasts that show text as it is
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *wf_toast_new_text (const char *text);

G_END_DECLS
