/* wf-item-private.h — what the model's own classes share
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-item.h"

G_BEGIN_DECLS

void     wf_item_set_parent      (WfItem      *self,
                                  WfItem      *parent);
void     wf_item_attach          (WfItem      *self,
                                  WfDocument  *document);
gboolean wf_item_set_string      (WfItem      *self,
                                  char       **field,
                                  const char  *value,
                                  GParamSpec  *pspec);
gboolean wf_item_set_color       (WfItem      *self,
                                  char       **field,
                                  const char  *value,
                                  gboolean     nullable,
                                  GParamSpec  *pspec);

/* Called by WfItem when a property of an attached item changes. */
void     _wf_document_item_changed (WfDocument *document,
                                    WfItem     *item,
                                    GParamSpec *pspec);

G_END_DECLS
