/* wf-print.h — printing maps through GtkPrintOperation
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

GtkPrintOperation *wf_print_operation_new (WfDocument *document,
                                           WfMap      *current);
const GError      *wf_print_operation_get_refusal (GtkPrintOperation *operation);

G_END_DECLS
