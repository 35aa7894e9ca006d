/* wf-document-private.h — how maps tell their document what changed
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-document.h"

G_BEGIN_DECLS

gboolean _wf_document_can_register  (WfDocument *self,
                                     WfItem     *item);
void     _wf_document_register      (WfDocument *self,
                                     WfItem     *item);
void     _wf_document_unregister    (WfDocument *self,
                                     WfItem     *item);
void     _wf_document_item_added    (WfDocument *self,
                                     WfItem     *item);
void     _wf_document_item_removed  (WfDocument *self,
                                     WfItem     *item,
                                     WfItem     *parent);
void     _wf_document_item_moved    (WfDocument *self,
                                     WfItem     *item);

G_END_DECLS
