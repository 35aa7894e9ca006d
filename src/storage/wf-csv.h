/* wf-csv.h — the cards of journey maps as a CSV table
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-model.h"

G_BEGIN_DECLS

/* The fixed columns, before one column per metric name. */
#define WF_CSV_HEADER "map,phase,lane,lane_kind,persona,title,notes,channel,contact,emotion,votes,tags"

/* What joins a card's tags in the tags column. */
#define WF_CSV_TAG_SEPARATOR ";"

/* The columns of the measurements, one record per measured value. */
#define WF_CSV_MEASUREMENTS_HEADER "map,phase,persona,card,card_id,metric,unit,direction,target,date,value"

char     *wf_csv_write                (WfDocument *document,
                                       WfMap      *map);
gboolean  wf_csv_has_measurements     (WfDocument *document,
                                       WfMap      *map);
char     *wf_csv_write_measurements   (WfDocument *document,
                                       WfMap      *map);

G_END_DECLS
