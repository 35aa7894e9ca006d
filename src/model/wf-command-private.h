/* wf-command-private.h — the primitive changes a command is made of
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-command.h"
#include "wf-document.h"

G_BEGIN_DECLS

WfCommand *_wf_command_new            (const char  *label);
guint      _wf_command_apply          (WfCommand   *self);
guint      _wf_command_revert         (WfCommand   *self);
gboolean   _wf_command_try_merge      (WfCommand   *self,
                                       WfCommand   *next);
gboolean   _wf_command_is_mergeable   (WfCommand   *self);

/* Each of these performs the change at once and records it. */
gboolean   _wf_command_set            (WfCommand   *self,
                                       WfItem      *item,
                                       GParamSpec  *pspec,
                                       const GValue *value);
gboolean   _wf_command_insert         (WfCommand   *self,
                                       WfItem      *container,
                                       WfItem      *item,
                                       WfPhase     *phase,
                                       WfLane      *lane,
                                       int          index);
void       _wf_command_remove         (WfCommand   *self,
                                       WfItem      *item);
void       _wf_command_move_card      (WfCommand   *self,
                                       WfCard      *card,
                                       WfPhase     *phase,
                                       WfLane      *lane,
                                       int          index);
void       _wf_command_reorder        (WfCommand   *self,
                                       WfItem      *item,
                                       guint        index);

G_END_DECLS
