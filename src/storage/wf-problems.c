/* wf-problems.c — what is wrong in a file, as its readers report it
 *
 * The .journey, .sqlite and Mermaid readers go on after a problem, so as
 * to report every one at once. They keep the first problems whole and
 * only count the others: a file with a million of them still takes
 * little memory, and the message says how many there are.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wf-problems.h"

struct _WfProblems
{
  GPtrArray *kept;      /* (element-type WfProblem) the first max_kept */
  guint      max_kept;
  guint      count;     /* every problem, kept or not */
  int        code;      /* the error code of the first problem */
};

void
wf_problem_free (WfProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->where);
  g_free (problem->message);
  g_free (problem->table);
  g_free (problem->row);
  g_free (problem->column);
  g_free (problem);
}

/**
 * wf_problems_new:
 * @max_kept: how many problems to keep whole, at least 1; the others
 *   are only counted
 *
 * Returns: (transfer full): an empty collection
 */
WfProblems *
wf_problems_new (guint max_kept)
{
  WfProblems *problems;

  g_return_val_if_fail (max_kept > 0, NULL);

  problems = g_new0 (WfProblems, 1);
  problems->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_problem_free);
  problems->max_kept = max_kept;

  return problems;
}

void
wf_problems_free (WfProblems *problems)
{
  if (problems == NULL)
    return;

  g_ptr_array_unref (problems->kept);
  g_free (problems);
}

/**
 * wf_problems_keeps_next:
 *
 * Returns: whether the next problem added is kept: a reader need not say
 *   where one is that is only counted
 */
gboolean
wf_problems_keeps_next (WfProblems *problems)
{
  g_return_val_if_fail (problems != NULL, FALSE);

  return problems->kept->len < problems->max_kept;
}

void
wf_problems_add_valist (WfProblems *problems,
                        int         code,
                        const char *where,
                        const char *table,
                        const char *row,
                        const char *column,
                        const char *format,
                        va_list     args)
{
  WfProblem *problem;

  g_return_if_fail (problems != NULL);
  g_return_if_fail (format != NULL);

  if (problems->count == 0)
    problems->code = code;

  if (problems->count < G_MAXUINT)
    problems->count++;

  if (problems->kept->len >= problems->max_kept)
    return;

  problem = g_new0 (WfProblem, 1);
  problem->where = g_strdup (where);
  problem->message = g_strdup_vprintf (format, args);
  problem->table = g_strdup (table);
  problem->row = g_strdup (row);
  problem->column = g_strdup (column);
  g_ptr_array_add (problems->kept, problem);
}

/**
 * wf_problems_add:
 * @problems: a collection
 * @code: the error code, for when this is the first problem
 * @where: (nullable): where in the file, as #WfProblem says
 * @table: (nullable): the table of a row in a `.sqlite` file
 * @row: (nullable): the row's id
 * @column: (nullable): the column
 * @format: the message, translated, and its arguments
 *
 * Adds a problem: kept whole if fewer than the maximum are, else counted.
 */
void
wf_problems_add (WfProblems *problems,
                 int         code,
                 const char *where,
                 const char *table,
                 const char *row,
                 const char *column,
                 const char *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  wf_problems_add_valist (problems, code, where, table, row, column, format, args);
  va_end (args);
}

/**
 * wf_problems_get_count:
 *
 * Returns: how many problems were added, also those not kept
 */
guint
wf_problems_get_count (WfProblems *problems)
{
  g_return_val_if_fail (problems != NULL, 0);

  return problems->count;
}

/**
 * wf_problems_get_code:
 *
 * Returns: the error code of the first problem, or 0 if there is none
 */
int
wf_problems_get_code (WfProblems *problems)
{
  g_return_val_if_fail (problems != NULL, 0);

  return problems->count > 0 ? problems->code : 0;
}

/**
 * wf_problems_clear:
 *
 * Forgets every problem, for a reader that finds one that makes the
 * others beside the point.
 */
void
wf_problems_clear (WfProblems *problems)
{
  g_return_if_fail (problems != NULL);

  g_ptr_array_set_size (problems->kept, 0);
  problems->count = 0;
  problems->code = 0;
}

/**
 * wf_problems_steal:
 *
 * Returns: (transfer full) (element-type WfProblem): the problems kept,
 *   in the order they were added; @problems keeps its count but no
 *   longer holds them
 */
GPtrArray *
wf_problems_steal (WfProblems *problems)
{
  GPtrArray *kept;

  g_return_val_if_fail (problems != NULL, NULL);

  kept = g_steal_pointer (&problems->kept);
  problems->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_problem_free);
  return kept;
}

/**
 * wf_problems_set_error:
 * @problems: a collection with at least one problem kept
 * @error: return location for an error
 * @domain: the error domain; the code is that of the first problem
 *
 * Sets @error to the first problem, saying how many more there are:
 * "WHERE: MESSAGE (and 2 more problems)", or without "WHERE: " if the
 * first problem says not where it is.
 */
void
wf_problems_set_error (WfProblems  *problems,
                       GError     **error,
                       GQuark       domain)
{
  g_autoptr(GString) message = g_string_new (NULL);
  WfProblem *first;

  g_return_if_fail (problems != NULL);
  g_return_if_fail (problems->kept->len > 0);

  first = g_ptr_array_index (problems->kept, 0);
  if (first->where != NULL)
    g_string_append_printf (message, "%s: %s", first->where, first->message);
  else
    g_string_append (message, first->message);

  if (problems->count > 1)
    {
      guint more = problems->count - 1;

      g_string_append_c (message, ' ');
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "(and %u more problem)",
                                           "(and %u more problems)", more),
                              more);
    }

  g_set_error_literal (error, domain, problems->code, message->str);
}
