/* wf-mermaid.h — journey maps as Mermaid user journey diagrams
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

#define WF_MERMAID_ERROR (wf_mermaid_error_quark ())

/**
 * WfMermaidError:
 * @WF_MERMAID_ERROR_ENCODING: the text is not UTF-8, or holds a zero byte
 * @WF_MERMAID_ERROR_NOT_JOURNEY: the text is not a Mermaid user journey
 *   (it does not begin with `journey`)
 * @WF_MERMAID_ERROR_SYNTAX: a line that a user journey cannot hold, such as
 *   a task without a score or a score outside 1 to 5
 */
typedef enum {
  WF_MERMAID_ERROR_ENCODING,
  WF_MERMAID_ERROR_NOT_JOURNEY,
  WF_MERMAID_ERROR_SYNTAX,
} WfMermaidError;

GQuark      wf_mermaid_error_quark (void);

char       *wf_mermaid_write       (WfMap       *map);
WfDocument *wf_mermaid_read        (const char  *text,
                                    gssize       length,
                                    GError     **error);

G_END_DECLS
