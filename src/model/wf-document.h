/* wf-document.h — a journey document: personas and maps
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-item.h"
#include "wf-map.h"
#include "wf-persona.h"

G_BEGIN_DECLS

#define WF_TYPE_DOCUMENT (wf_document_get_type ())

G_DECLARE_FINAL_TYPE (WfDocument, wf_document, WF, DOCUMENT, WfItem)

typedef struct _WfUndoStack WfUndoStack;

WfDocument  *wf_document_new               (void);
WfUndoStack *wf_document_get_undo_stack    (WfDocument *self);

const char  *wf_document_get_title         (WfDocument *self);
void         wf_document_set_title         (WfDocument *self,
                                            const char *title);
const char  *wf_document_get_description   (WfDocument *self);
void         wf_document_set_description   (WfDocument *self,
                                            const char *description);
const char  *wf_document_get_created       (WfDocument *self);
void         wf_document_set_created       (WfDocument *self,
                                            const char *created);
const char  *wf_document_get_modified      (WfDocument *self);
void         wf_document_set_modified      (WfDocument *self,
                                            const char *modified);
void         wf_document_touch             (WfDocument *self);

guint        wf_document_get_n_personas    (WfDocument *self);
WfPersona   *wf_document_get_persona       (WfDocument *self,
                                            guint       index);
int          wf_document_get_persona_index (WfDocument *self,
                                            WfPersona  *persona);
gboolean     wf_document_insert_persona    (WfDocument *self,
                                            WfPersona  *persona,
                                            int         index);
void         wf_document_remove_persona    (WfDocument *self,
                                            WfPersona  *persona);
void         wf_document_move_persona      (WfDocument *self,
                                            WfPersona  *persona,
                                            guint       index);
GListModel  *wf_document_get_personas_model (WfDocument *self);

guint        wf_document_get_n_maps        (WfDocument *self);
guint        wf_document_count_cards       (WfDocument *self);
WfMap       *wf_document_get_map           (WfDocument *self,
                                            guint       index);
int          wf_document_get_map_index     (WfDocument *self,
                                            WfMap      *map);
gboolean     wf_document_insert_map        (WfDocument *self,
                                            WfMap      *map,
                                            int         index);
void         wf_document_remove_map        (WfDocument *self,
                                            WfMap      *map);
void         wf_document_move_map          (WfDocument *self,
                                            WfMap      *map,
                                            guint       index);
GListModel  *wf_document_get_maps_model    (WfDocument *self);

WfItem      *wf_document_lookup            (WfDocument *self,
                                            const char *id);
char        *wf_document_make_id           (WfDocument *self,
                                            const char *prefix);
void         wf_document_set_id_tag        (WfDocument *self,
                                            const char *tag);
const char  *wf_document_get_id_tag        (WfDocument *self);
gboolean     wf_document_persona_in_use    (WfDocument *self,
                                            WfPersona  *persona);

G_END_DECLS
