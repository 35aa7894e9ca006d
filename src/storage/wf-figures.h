/* wf-figures.h — importing figures from a spreadsheet export or TheyDo's metrics JSON
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/wf-document.h"
#include "model/wf-map.h"

G_BEGIN_DECLS

#define WF_FIGURES_ERROR (wf_figures_error_quark ())

typedef enum {
  WF_FIGURES_ERROR_READ,      /* the file is no sheet or no JSON we read */
  WF_FIGURES_ERROR_COLUMNS,   /* a column is missing, or mapped wrongly */
  WF_FIGURES_ERROR_ROWS,      /* rows have problems: nothing was imported */
  WF_FIGURES_ERROR_NO_MAP,    /* the document has no map */
} WfFiguresError;

/* What a column of a sheet holds. */
typedef enum {
  WF_FIGURES_ROLE_NONE,
  WF_FIGURES_ROLE_PHASE,
  WF_FIGURES_ROLE_CARD,
  WF_FIGURES_ROLE_METRIC,
  WF_FIGURES_ROLE_VALUE,
  WF_FIGURES_ROLE_DATE,
  WF_FIGURES_ROLE_TARGET,
  WF_FIGURES_ROLE_DIRECTION,
  WF_FIGURES_ROLE_UNIT,
  WF_FIGURES_ROLE_PERSONA,
  WF_FIGURES_N_ROLES
} WfFiguresRole;

/* What an import did. A row (or a TheyDo date) that changed nothing
 * because the map already had it still counts as applied; metrics and
 * measurements are counted as the map differs after the import, so a
 * file imported again counts none.
 */
typedef struct
{
  guint rows_applied;
  guint rows_skipped;
  guint metrics_created;
  guint measurements_added;
  guint measurements_replaced;
} WfFiguresCounts;

GQuark         wf_figures_error_quark    (void);

gboolean       wf_figures_role_from_name (const char          *name,
                                          WfFiguresRole       *role);
const char    *wf_figures_role_to_string (WfFiguresRole        role);

gboolean       wf_figures_import         (WfDocument          *document,
                                          WfMap               *map,
                                          const char          *data,
                                          gsize                length,
                                          const char * const  *columns,
                                          gboolean             skip_bad,
                                          WfFiguresCounts     *counts,
                                          GPtrArray          **problems,
                                          GError             **error);

GBytes        *wf_figures_load_file      (GFile               *file,
                                          GCancellable        *cancellable,
                                          GError             **error);
void           wf_figures_load_file_async (GFile              *file,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
GBytes        *wf_figures_load_file_finish (GFile             *file,
                                            GAsyncResult      *result,
                                            GError           **error);

G_END_DECLS
