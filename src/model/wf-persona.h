/* wf-persona.h — a fictional customer type
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-image.h"
#include "wf-item.h"

G_BEGIN_DECLS

#define WF_TYPE_PERSONA (wf_persona_get_type ())

G_DECLARE_FINAL_TYPE (WfPersona, wf_persona, WF, PERSONA, WfItem)

WfPersona  *wf_persona_new              (const char *id,
                                         const char *name);
const char *wf_persona_get_name         (WfPersona  *self);
void        wf_persona_set_name         (WfPersona  *self,
                                         const char *name);
const char *wf_persona_get_role         (WfPersona  *self);
void        wf_persona_set_role         (WfPersona  *self,
                                         const char *role);
const char *wf_persona_get_color        (WfPersona  *self);
void        wf_persona_set_color        (WfPersona  *self,
                                         const char *color);
const char *wf_persona_get_goals        (WfPersona  *self);
void        wf_persona_set_goals        (WfPersona  *self,
                                         const char *goals);
const char *wf_persona_get_needs        (WfPersona  *self);
void        wf_persona_set_needs        (WfPersona  *self,
                                         const char *needs);
const char *wf_persona_get_frustrations (WfPersona  *self);
void        wf_persona_set_frustrations (WfPersona  *self,
                                         const char *frustrations);
const char *wf_persona_get_notes        (WfPersona  *self);
void        wf_persona_set_notes        (WfPersona  *self,
                                         const char *notes);

WfImage    *wf_persona_get_photo        (WfPersona  *self);
void        wf_persona_set_photo        (WfPersona  *self,
                                         WfImage    *photo);

const char *wf_persona_default_color    (guint       n);

G_END_DECLS
