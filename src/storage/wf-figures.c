/* wf-figures.c — importing figures from a spreadsheet export or TheyDo's metrics JSON
 *
 * A sheet has a header row naming what each column holds (in English or
 * Dutch, or mapped by the caller) and one figure a row: where it belongs
 * (a card, or a phase and maybe a persona), the metric, the value, and
 * maybe a date, target, direction and unit. TheyDo's THEYDO_METRICS_V1
 * JSON has per metric dated data points, which become one value a date.
 *
 * Every row is checked before anything changes; the changes are then made
 * on copies of each item's metrics and set once per item, in one undoable
 * step, so a sheet of a hundred thousand rows imports in a fraction of a
 * second.
 *
 * This file holds the public entry, the roles of columns, the import's
 * tables of cards, phases and personas, applying the figures as one
 * undo step, and reading the file no further than an import holds;
 * reading a sheet is in wf-figures-csv.c, TheyDo's JSON in
 * wf-figures-theydo.c.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "model/wf-card.h"
#include "model/wf-edit.h"
#include "model/wf-metric.h"
#include "model/wf-persona.h"
#include "model/wf-phase.h"
#include "storage/wf-json.h"
#include "storage/wf-problems.h"
#include "storage/wf-quote.h"
#include "storage/wf-sheet.h"
#include "wf-figures-private.h"

G_DEFINE_QUARK (wf-figures-error-quark, wf_figures_error)

/* Where several cards share a title, the title table holds this. */
char wf_figures_ambiguous;

static const struct
{
  const char    *name;
  WfFiguresRole  role;
} role_names[] = {
  { "phase", WF_FIGURES_ROLE_PHASE },
  { "fase", WF_FIGURES_ROLE_PHASE },
  { "card", WF_FIGURES_ROLE_CARD },
  { "kaart", WF_FIGURES_ROLE_CARD },
  { "metric", WF_FIGURES_ROLE_METRIC },
  { "metriek", WF_FIGURES_ROLE_METRIC },
  { "value", WF_FIGURES_ROLE_VALUE },
  { "waarde", WF_FIGURES_ROLE_VALUE },
  { "date", WF_FIGURES_ROLE_DATE },
  { "datum", WF_FIGURES_ROLE_DATE },
  { "target", WF_FIGURES_ROLE_TARGET },
  { "doel", WF_FIGURES_ROLE_TARGET },
  { "direction", WF_FIGURES_ROLE_DIRECTION },
  { "richting", WF_FIGURES_ROLE_DIRECTION },
  { "unit", WF_FIGURES_ROLE_UNIT },
  { "eenheid", WF_FIGURES_ROLE_UNIT },
  { "persona", WF_FIGURES_ROLE_PERSONA },
  { "ignore", WF_FIGURES_ROLE_NONE },
  { "negeren", WF_FIGURES_ROLE_NONE },
};

static void
target_free (Target *target)
{
  g_ptr_array_unref (target->metrics);
  g_clear_pointer (&target->original, g_ptr_array_unref);
  g_free (target);
}

/* For matching names as a person reads them: case and the spaces around
 * them do not count.
 */
char *
wf_figures_fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return g_utf8_casefold (stripped, -1);
}

/* For header names and words: case and every space do not count. */
char *
wf_figures_fold_word (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *word = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0xFEFF)
        g_string_append_unichar (word, c);
    }

  return g_string_free (word, FALSE);
}

static void
insert_name (GHashTable *table,
             const char *name,
             gpointer    item)
{
  char *key;

  if (name == NULL || *name == '\0')
    return;

  key = wf_figures_fold (name);
  if (g_hash_table_contains (table, key))
    {
      g_hash_table_replace (table, key, &wf_figures_ambiguous);
      return;
    }

  g_hash_table_insert (table, key, item);
}

static void
import_init (Import     *import,
             WfDocument *document,
             WfMap      *map)
{
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);

  import->document = document;
  import->map = map;
  import->cards_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  import->cards_by_title = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->cards_by_text = g_hash_table_new (g_str_hash, g_str_equal);
  import->cards_by_folded = NULL;
  import->phases_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  import->phases_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->personas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->targets = g_hash_table_new (NULL, NULL);
  import->order = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  import->problems = wf_problems_new (WF_PROBLEMS_MAX_KEPT);
  import->name = g_string_new (NULL);
  import->unit = g_string_new (NULL);
  memset (&import->counts, 0, sizeof import->counts);

  for (guint i = 0; i < cards->len; i++)
    {
      WfCard *card = g_ptr_array_index (cards, i);
      const char *title = wf_card_get_title (card);

      g_hash_table_insert (import->cards_by_id, (gpointer) wf_item_get_id (WF_ITEM (card)), card);
      insert_name (import->cards_by_title, title, card);
      g_hash_table_insert (import->cards_by_text, (gpointer) title,
                           g_hash_table_contains (import->cards_by_text, title) ? (gpointer) &wf_figures_ambiguous : card);
    }

  for (guint i = 0; i < wf_map_get_n_phases (map); i++)
    {
      WfPhase *phase = wf_map_get_phase (map, i);

      g_hash_table_insert (import->phases_by_id, (gpointer) wf_item_get_id (WF_ITEM (phase)), phase);
      insert_name (import->phases_by_name, wf_phase_get_name (phase), phase);
    }

  for (guint i = 0; i < wf_document_get_n_personas (document); i++)
    {
      WfPersona *persona = wf_document_get_persona (document, i);
      const char *id = wf_item_get_id (WF_ITEM (persona));

      g_hash_table_insert (import->personas, wf_figures_fold (wf_persona_get_name (persona)), (gpointer) id);
      g_hash_table_insert (import->personas, g_strdup (id), (gpointer) id);
    }
}

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->cards_by_id, g_hash_table_unref);
  g_clear_pointer (&import->cards_by_title, g_hash_table_unref);
  g_clear_pointer (&import->cards_by_text, g_hash_table_unref);
  g_clear_pointer (&import->cards_by_folded, g_hash_table_unref);
  g_clear_pointer (&import->phases_by_id, g_hash_table_unref);
  g_clear_pointer (&import->phases_by_name, g_hash_table_unref);
  g_clear_pointer (&import->personas, g_hash_table_unref);
  g_clear_pointer (&import->targets, g_hash_table_unref);
  g_clear_pointer (&import->order, g_ptr_array_unref);
  g_clear_pointer (&import->problems, wf_problems_free);
  if (import->name != NULL)
    g_string_free (g_steal_pointer (&import->name), TRUE);
  if (import->unit != NULL)
    g_string_free (g_steal_pointer (&import->unit), TRUE);
}

void
wf_figures_add_problem (Import     *import,
                        const char *where,
                        const char *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  wf_problems_add_valist (import->problems, WF_FIGURES_ERROR_ROWS, where,
                          NULL, NULL, NULL, format, args);
  va_end (args);
}

static Target *
get_target (Import *import,
            WfItem *item)
{
  Target *target = g_hash_table_lookup (import->targets, item);

  if (target == NULL)
    {
      GVariant *metrics = NULL;

      g_object_get (item, "metrics", &metrics, NULL);

      target = g_new0 (Target, 1);
      target->item = item;
      target->metrics = metrics ? wf_metrics_from_variant (metrics)
                                : g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
      g_clear_pointer (&metrics, g_variant_unref);

      g_hash_table_insert (import->targets, item, target);
      g_ptr_array_add (import->order, target);
    }

  return target;
}

static WfMeasurement *
find_measurement (const WfMetric *metric,
                  const char     *date)
{
  /* Measurements are few per metric, and in date order. */
  for (guint i = 0; i < metric->measurements->len; i++)
    {
      WfMeasurement *m = &g_array_index (metric->measurements, WfMeasurement, i);
      int cmp = strcmp (m->date, date);

      if (cmp == 0)
        return m;
      if (cmp > 0)
        break;
    }

  return NULL;
}

static gboolean
figure_changes (const WfMetric *metric,
                const Figure   *figure)
{
  WfMeasurement *m;

  if (metric == NULL)
    return TRUE;
  if (figure->unit != NULL && strcmp (metric->unit, figure->unit) != 0)
    return TRUE;
  if (figure->has_target && (!metric->has_target || metric->target != figure->target))
    return TRUE;
  if (figure->has_direction && metric->direction != figure->direction)
    return TRUE;

  m = find_measurement (metric, figure->date);

  return m == NULL || m->value != figure->value;
}

void
wf_figures_apply_figure (Import       *import,
                         WfItem       *item,
                         const Figure *figure)
{
  Target *target = get_target (import, item);
  WfMetric *metric = wf_metrics_find (target->metrics, figure->name, figure->persona);

  /* Most figures of a file imported again change nothing: those leave
   * the item as it is. */
  if (!figure_changes (metric, figure))
    return;

  if (target->original == NULL)
    {
      target->original = g_ptr_array_new_full (target->metrics->len, (GDestroyNotify) wf_metric_free);
      for (guint i = 0; i < target->metrics->len; i++)
        g_ptr_array_add (target->original, wf_metric_copy (g_ptr_array_index (target->metrics, i)));
    }

  if (metric == NULL)
    {
      metric = wf_metric_new (figure->name);
      g_free (metric->persona);
      metric->persona = g_strdup (figure->persona);
      g_ptr_array_add (target->metrics, metric);
    }

  if (figure->unit != NULL && g_strcmp0 (metric->unit, figure->unit) != 0)
    {
      g_free (metric->unit);
      metric->unit = g_strdup (figure->unit);
    }
  if (figure->has_target)
    {
      metric->has_target = TRUE;
      metric->target = figure->target;
    }
  if (figure->has_direction)
    metric->direction = figure->direction;

  wf_metric_set_measurement (metric, figure->value, figure->date);
}

static gboolean
metrics_equal (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      WfMetric *x = g_ptr_array_index (a, i);
      WfMetric *y = g_ptr_array_index (b, i);

      if (strcmp (x->name, y->name) != 0 || strcmp (x->persona, y->persona) != 0 ||
          strcmp (x->unit, y->unit) != 0 || x->direction != y->direction ||
          x->has_target != y->has_target || (x->has_target && x->target != y->target) ||
          x->measurements->len != y->measurements->len)
        return FALSE;

      for (guint j = 0; j < x->measurements->len; j++)
        {
          WfMeasurement *m = &g_array_index (x->measurements, WfMeasurement, j);
          WfMeasurement *n = &g_array_index (y->measurements, WfMeasurement, j);

          if (m->value != n->value || strcmp (m->date, n->date) != 0)
            return FALSE;
        }
    }

  return TRUE;
}

/* Counts what changed between an item's metrics before and after: a
 * sheet that gives a date twice counts only what differs in the end.
 */
static void
count_changes (Import    *import,
               GPtrArray *before,
               GPtrArray *after)
{
  for (guint i = 0; i < after->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (after, i);
      WfMetric *was = wf_metrics_find (before, metric->name, metric->persona);

      if (was == NULL)
        {
          import->counts.metrics_created++;
          import->counts.measurements_added += metric->measurements->len;
          continue;
        }

      for (guint j = 0; j < metric->measurements->len; j++)
        {
          WfMeasurement *m = &g_array_index (metric->measurements, WfMeasurement, j);
          WfMeasurement *old = find_measurement (was, m->date);

          if (old == NULL)
            import->counts.measurements_added++;
          else if (old->value != m->value)
            import->counts.measurements_replaced++;
        }
    }
}

/* Sets the metrics of every item that changed, in one step. */
static void
import_commit (Import *import)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  WfUndoStack *stack;

  for (guint i = 0; i < import->order->len; i++)
    {
      Target *target = g_ptr_array_index (import->order, i);

      if (target->original == NULL || metrics_equal (target->original, target->metrics))
        continue;

      count_changes (import, target->original, target->metrics);
      g_ptr_array_add (changed, target->item);
      g_ptr_array_add (values, g_variant_ref_sink (wf_metrics_to_variant (target->metrics)));
    }

  g_debug ("import: %u items change", changed->len);

  if (changed->len == 0)
    return;

  stack = wf_document_get_undo_stack (import->document);
  wf_undo_stack_begin (stack, _("Import Figures"));
  for (guint i = 0; i < changed->len; i++)
    wf_edit_set (g_ptr_array_index (changed, i), "metrics", g_ptr_array_index (values, i), NULL);
  wf_undo_stack_end (stack);
}

static gboolean
looks_like_json (const char *data,
                 gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, WF_JSON_BOM, 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && data[i] == '{';
}

static void
set_too_large (GError **error)
{
  g_set_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_READ,
               _("The file is larger than %u MB; no import is that large."),
               WF_SHEET_MAX_BYTES / (1024 * 1024));
}

/* Reading a file of figures, in pieces of this size. */
#define READ_CHUNK (256 * 1024)

static void
load_file_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = wf_figures_load_file (G_FILE (source), cancellable, &error);

  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

/**
 * wf_figures_role_from_name:
 * @name: a column's header, or a role's name, in English or Dutch
 * @role: (out): what the column holds
 *
 * Case and spaces do not count: "Metric", " waarde ", "Ignore".
 *
 * Returns: whether @name names a role
 */
gboolean
wf_figures_role_from_name (const char    *name,
                           WfFiguresRole *role)
{
  g_autofree char *word = NULL;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  word = wf_figures_fold_word (name);
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    {
      if (strcmp (word, role_names[i].name) == 0)
        {
          *role = role_names[i].role;
          return TRUE;
        }
    }

  *role = WF_FIGURES_ROLE_NONE;
  return FALSE;
}

/**
 * wf_figures_role_to_string:
 *
 * Returns: the English name of @role, as --column takes it
 */
const char *
wf_figures_role_to_string (WfFiguresRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i += 2)
    if (role_names[i].role == role)
      return role_names[i].name;

  return "ignore";
}

/**
 * wf_figures_import:
 * @document: the document
 * @map: (nullable): the map whose cards and phases get the figures; the
 *   first when %NULL
 * @data: a CSV sheet as a spreadsheet writes it, or TheyDo's metrics JSON
 * @length: its length in bytes
 * @columns: (nullable) (array zero-terminated=1): "NAME=ROLE" pairs that
 *   say what the columns of a sheet hold, over what their names say
 * @skip_bad: import the good rows when some are bad
 * @counts: (out) (optional): what was done
 * @problems: (out) (optional) (element-type WfProblem): the bad rows,
 *   each "line N" (or a JSON path) and what is wrong
 * @error: where the first problem goes when nothing is imported
 *
 * Imports figures as one undoable step, "Import Figures": each row's
 * value goes to the metric of that name (and persona) of its card or
 * phase, made if there is none, replacing a value of the same date, so
 * that importing a sheet again changes nothing. Without @skip_bad, one
 * bad row means nothing is imported.
 *
 * Returns: whether the figures were imported
 */
gboolean
wf_figures_import (WfDocument          *document,
                   WfMap               *map,
                   const char          *data,
                   gsize                length,
                   const char * const  *columns,
                   gboolean             skip_bad,
                   WfFiguresCounts     *counts,
                   GPtrArray          **problems,
                   GError             **error)
{
  Import import;
  gboolean read;
  gboolean ok = TRUE;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (map == NULL || WF_IS_MAP (map), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (counts != NULL)
    memset (counts, 0, sizeof *counts);
  if (problems != NULL)
    *problems = NULL;

  if (map == NULL)
    {
      if (wf_document_get_n_maps (document) == 0)
        {
          g_set_error_literal (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_NO_MAP,
                               _("The journey has no map to import figures into."));
          return FALSE;
        }
      map = wf_document_get_map (document, 0);
    }

  if (length > WF_SHEET_MAX_BYTES)
    {
      set_too_large (error);
      return FALSE;
    }

  import_init (&import, document, map);

  if (looks_like_json (data, length))
    read = wf_figures_import_theydo (&import, data, length, error);
  else
    read = wf_figures_import_sheet (&import, data, length, columns, error);

  if (!read)
    {
      import_clear (&import);
      return FALSE;
    }

  if (wf_problems_get_count (import.problems) > 0 && !skip_bad)
    {
      wf_problems_set_error (import.problems, error, WF_FIGURES_ERROR);
      ok = FALSE;
    }
  else
    import_commit (&import);

  if (counts != NULL && ok)
    *counts = import.counts;
  if (problems != NULL)
    *problems = wf_problems_steal (import.problems);

  import_clear (&import);

  return ok;
}

/**
 * wf_figures_load_file:
 * @file: a sheet or TheyDo export of figures
 * @cancellable: (nullable): to stop reading
 * @error: return location for a #GIOError, or #WF_FIGURES_ERROR_READ for
 *   a file larger than %WF_SHEET_MAX_BYTES
 *
 * Reads @file for wf_figures_import(), no more than it imports: a file
 * whose size says it is larger is not read at all, and one whose size
 * says nothing or is wrong — a pipe, a device, a file in /proc, a file
 * still growing — is read no further than the limit. This blocks; see
 * wf_figures_load_file_async().
 *
 * Returns: (transfer full) (nullable): the bytes of @file, or %NULL
 */
GBytes *
wf_figures_load_file (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) data = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Without a size (a file system that has none) the reading below
   * still stops at the limit. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      g_file_info_get_size (info) > WF_SHEET_MAX_BYTES)
    {
      set_too_large (error);
      return NULL;
    }

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;

  data = g_byte_array_new ();
  for (;;)
    {
      guint start = data->len;
      gssize n;

      g_byte_array_set_size (data, start + READ_CHUNK);
      n = g_input_stream_read (G_INPUT_STREAM (stream), data->data + start, READ_CHUNK,
                               cancellable, error);
      if (n < 0)
        return NULL;
      g_byte_array_set_size (data, start + n);
      if (n == 0)
        break;
      if (data->len > WF_SHEET_MAX_BYTES)
        {
          set_too_large (error);
          return NULL;
        }
    }

  g_debug ("Read %s: %u bytes of figures", g_file_peek_path (file), data->len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/**
 * wf_figures_load_file_async:
 * @file: a sheet or TheyDo export of figures
 * @cancellable: (nullable): to stop reading
 * @callback: called with the result, in the thread-default main context
 * @user_data: for @callback
 *
 * Reads @file as wf_figures_load_file() does, in another thread, so a slow
 * disk or a pipe does not stop the window.
 */
void
wf_figures_load_file_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, wf_figures_load_file_async);
  g_task_run_in_thread (task, load_file_thread);
}

/**
 * wf_figures_load_file_finish:
 *
 * Returns: (transfer full) (nullable): the bytes of the file, or %NULL
 *   with @error set as by wf_figures_load_file()
 */
GBytes *
wf_figures_load_file_finish (GFile         *file,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
