/* wf-templates.h — the maps people start from
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-document.h"

G_BEGIN_DECLS

const char * const *wf_templates_get_ids         (void);
gboolean            wf_templates_has             (const char *id);
const char         *wf_templates_get_name        (const char *id,
                                                  const char *lang);
const char         *wf_templates_get_description (const char *id,
                                                  const char *lang);
const char         *wf_templates_get_ui_language (void);
WfDocument         *wf_templates_create          (const char *id,
                                                  const char *lang);

G_END_DECLS
