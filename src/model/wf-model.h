/* wf-model.h — the document model, in one include
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-card.h"
#include "wf-command.h"
#include "wf-document.h"
#include "wf-edit.h"
#include "wf-image.h"
#include "wf-item.h"
#include "wf-lane.h"
#include "wf-link.h"
#include "wf-map.h"
#include "wf-metric.h"
#include "wf-persona.h"
#include "wf-phase.h"
#include "wf-types.h"
#include "wf-undo-stack.h"
