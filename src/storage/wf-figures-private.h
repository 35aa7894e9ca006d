/* wf-figures-private.h — what only the importer of figures' own files share
 *
 * The import under way (the document's cards, phases and personas by id
 * and by name, the items whose metrics change) and one figure checked,
 * which the reading of a sheet (wf-figures-csv.c) and of TheyDo's JSON
 * (wf-figures-theydo.c) hand to wf-figures.c to apply.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-metric.h"
#include "storage/wf-problems.h"
#include "wf-figures.h"

G_BEGIN_DECLS

/* Where several cards share a title, the title table holds this. */
extern char wf_figures_ambiguous;

/* An item whose metrics the import changes: its list, made once. */
typedef struct
{
  WfItem    *item;
  GPtrArray *metrics;     /* WfMetric */
  GPtrArray *original;    /* WfMetric: a copy made at the first change */
} Target;

typedef struct
{
  WfDocument      *document;
  WfMap           *map;
  GHashTable      *cards_by_id;      /* id → WfCard */
  GHashTable      *cards_by_title;   /* folded title → WfCard, or &wf_figures_ambiguous */
  GHashTable      *cards_by_text;    /* title as it is → WfCard, or &wf_figures_ambiguous */
  GHashTable      *cards_by_folded;  /* folded title → GPtrArray of WfCard, for TheyDo */
  GHashTable      *phases_by_id;     /* id → WfPhase */
  GHashTable      *phases_by_name;   /* folded name → WfPhase, or &wf_figures_ambiguous */
  GHashTable      *personas;         /* id and folded name → persona id */
  GHashTable      *targets;          /* WfItem → Target */
  GPtrArray       *order;            /* Target, in the order first met */
  WfProblems      *problems;
  WfFiguresCounts  counts;
  GString         *name;             /* the row's metric and unit, trimmed */
  GString         *unit;
} Import;

/* What one row or data point says, checked. */
typedef struct
{
  const char  *name;
  const char  *persona;     /* an id, or "" */
  double       value;
  char         date[11];
  const char  *unit;        /* NULL: leave it */
  gboolean     has_target;
  double       target;
  WfDirection  direction;
  gboolean     has_direction;
} Figure;

/* The import (wf-figures.c) */
char     *wf_figures_fold          (const char         *text);
char     *wf_figures_fold_word     (const char         *text);
void      wf_figures_add_problem   (Import             *import,
                                    const char         *where,
                                    const char         *format,
                                    ...) G_GNUC_PRINTF (3, 4);
void      wf_figures_apply_figure  (Import             *import,
                                    WfItem             *item,
                                    const Figure       *figure);

/* Sheets (wf-figures-csv.c) */
gboolean  wf_figures_is_blank      (const char         *text);
gboolean  wf_figures_import_sheet  (Import             *import,
                                    const char         *data,
                                    gsize               length,
                                    const char * const *mapping,
                                    GError            **error);

/* TheyDo's metrics JSON (wf-figures-theydo.c) */
gboolean  wf_figures_import_theydo (Import             *import,
                                    const char         *data,
                                    gsize               length,
                                    GError            **error);

G_END_DECLS
