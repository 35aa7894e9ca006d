/* wf-command.h — one undoable step: a list of changes to a document
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WF_TYPE_COMMAND (wf_command_get_type ())

G_DECLARE_FINAL_TYPE (WfCommand, wf_command, WF, COMMAND, GObject)

const char *wf_command_get_label (WfCommand *self);
guint       wf_command_get_size  (WfCommand *self);

G_END_DECLS
