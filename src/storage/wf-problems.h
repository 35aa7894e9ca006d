/* wf-problems.h — what is wrong in a file, as its readers report it
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * WfProblem:
 * @where: where in the file: a JSON path such as `$.maps[0].cards[3].lane`,
 *   or a line and column for a syntax error
 * @message: what is wrong, translated
 * @table: (nullable): in a `.sqlite` file, the table of the row…
 * @row: (nullable): …the row's id, whole (@where quotes only its start)…
 * @column: (nullable): …and the column, so that a recovery can find them
 */
typedef struct
{
  char *where;
  char *message;
  char *table;
  char *row;
  char *column;
} WfProblem;

/* How many problems a reader keeps by default; it counts all of them. */
#define WF_PROBLEMS_MAX_KEPT 1000

typedef struct _WfProblems WfProblems;

void        wf_problem_free          (WfProblem   *problem);

WfProblems *wf_problems_new          (guint        max_kept);
void        wf_problems_free         (WfProblems  *problems);
gboolean    wf_problems_keeps_next   (WfProblems  *problems);
void        wf_problems_add          (WfProblems  *problems,
                                      int          code,
                                      const char  *where,
                                      const char  *table,
                                      const char  *row,
                                      const char  *column,
                                      const char  *format,
                                      ...) G_GNUC_PRINTF (7, 8);
void        wf_problems_add_valist   (WfProblems  *problems,
                                      int          code,
                                      const char  *where,
                                      const char  *table,
                                      const char  *row,
                                      const char  *column,
                                      const char  *format,
                                      va_list      args) G_GNUC_PRINTF (7, 0);
guint       wf_problems_get_count    (WfProblems  *problems);
int         wf_problems_get_code     (WfProblems  *problems);
void        wf_problems_clear        (WfProblems  *problems);
GPtrArray  *wf_problems_steal        (WfProblems  *problems);
void        wf_problems_set_error    (WfProblems  *problems,
                                      GError     **error,
                                      GQuark       domain);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfProblem, wf_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfProblems, wf_problems_free)

G_END_DECLS
