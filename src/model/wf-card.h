/* wf-card.h — a card in a cell of a journey map
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-image.h"
#include "wf-item.h"
#include "wf-lane.h"
#include "wf-metric.h"
#include "wf-phase.h"
#include "wf-types.h"

G_BEGIN_DECLS

#define WF_TYPE_CARD (wf_card_get_type ())

G_DECLARE_FINAL_TYPE (WfCard, wf_card, WF, CARD, WfItem)


WfCard             *wf_card_new          (const char         *id,
                                          const char         *title);
WfPhase            *wf_card_get_phase    (WfCard             *self);
WfLane             *wf_card_get_lane     (WfCard             *self);
const char         *wf_card_get_title    (WfCard             *self);
void                wf_card_set_title    (WfCard             *self,
                                          const char         *title);
const char         *wf_card_get_notes    (WfCard             *self);
void                wf_card_set_notes    (WfCard             *self,
                                          const char         *notes);
WfChannel           wf_card_get_channel  (WfCard             *self);
void                wf_card_set_channel  (WfCard             *self,
                                          WfChannel           channel);
WfContact           wf_card_get_contact  (WfCard             *self);
void                wf_card_set_contact  (WfCard             *self,
                                          WfContact           contact);
int                 wf_card_get_emotion  (WfCard             *self);
void                wf_card_set_emotion  (WfCard             *self,
                                          int                 emotion);
const char         *wf_card_get_color    (WfCard             *self);
void                wf_card_set_color    (WfCard             *self,
                                          const char         *color);
guint               wf_card_get_votes    (WfCard             *self);
void                wf_card_set_votes    (WfCard             *self,
                                          guint               votes);
GVariant           *wf_card_get_metrics  (WfCard             *self);
void                wf_card_set_metrics  (WfCard             *self,
                                          GVariant           *metrics);
const char * const *wf_card_get_tags     (WfCard             *self);
void                wf_card_set_tags     (WfCard             *self,
                                          const char * const *tags);
WfImage            *wf_card_get_image    (WfCard             *self);
void                wf_card_set_image    (WfCard             *self,
                                          WfImage            *image);

G_END_DECLS
