/* wf-card-private.h — what the map needs of its cards
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-card.h"

G_BEGIN_DECLS

void _wf_card_set_cell (WfCard  *self,
                        WfPhase *phase,
                        WfLane  *lane);

G_END_DECLS
