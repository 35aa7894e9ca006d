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
#include "wf-figures.h"

/* How deep TheyDo's JSON nests: a data point's dimension is at depth 6. */
#define MAX_JSON_DEPTH 16

G_DEFINE_QUARK (wf-figures-error-quark, wf_figures_error)

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

static const struct
{
  const char  *word;
  WfDirection  direction;
} direction_words[] = {
  { "higher", WF_DIRECTION_HIGHER },
  { "higherisbetter", WF_DIRECTION_HIGHER },
  { "up", WF_DIRECTION_HIGHER },
  { "hoger", WF_DIRECTION_HIGHER },
  { "hogerisbeter", WF_DIRECTION_HIGHER },
  { "omhoog", WF_DIRECTION_HIGHER },
  { "lower", WF_DIRECTION_LOWER },
  { "lowerisbetter", WF_DIRECTION_LOWER },
  { "down", WF_DIRECTION_LOWER },
  { "lager", WF_DIRECTION_LOWER },
  { "lagerisbeter", WF_DIRECTION_LOWER },
  { "omlaag", WF_DIRECTION_LOWER },
};

/* Where several cards share a title, the title table holds this. */
static char ambiguous;

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
  GHashTable      *cards_by_title;   /* folded title → WfCard, or &ambiguous */
  GHashTable      *cards_by_text;    /* title as it is → WfCard, or &ambiguous */
  GHashTable      *cards_by_folded;  /* folded title → GPtrArray of WfCard, for TheyDo */
  GHashTable      *phases_by_id;     /* id → WfPhase */
  GHashTable      *phases_by_name;   /* folded name → WfPhase, or &ambiguous */
  GHashTable      *personas;         /* id and folded name → persona id */
  GHashTable      *targets;          /* WfItem → Target */
  GPtrArray       *order;            /* Target, in the order first met */
  WfProblems      *problems;
  WfFiguresCounts  counts;
} Import;

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
static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return g_utf8_casefold (stripped, -1);
}

/* For header names and words: case and every space do not count. */
static char *
fold_word (const char *text)
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

  key = fold (name);
  if (g_hash_table_contains (table, key))
    {
      g_hash_table_replace (table, key, &ambiguous);
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
  memset (&import->counts, 0, sizeof import->counts);

  for (guint i = 0; i < cards->len; i++)
    {
      WfCard *card = g_ptr_array_index (cards, i);
      const char *title = wf_card_get_title (card);

      g_hash_table_insert (import->cards_by_id, (gpointer) wf_item_get_id (WF_ITEM (card)), card);
      insert_name (import->cards_by_title, title, card);
      g_hash_table_insert (import->cards_by_text, (gpointer) title,
                           g_hash_table_contains (import->cards_by_text, title) ? (gpointer) &ambiguous : card);
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

      g_hash_table_insert (import->personas, fold (wf_persona_get_name (persona)), (gpointer) id);
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
}

static void
add_problem (Import     *import,
             const char *where,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (Import     *import,
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

static void
apply_figure (Import       *import,
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

/* Sheets */

static const char *
field (const char * const *fields,
       guint               n_fields,
       int                 column)
{
  if (column < 0 || (guint) column >= n_fields)
    return "";

  return fields[column];
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

static gboolean
parse_direction (const char  *text,
                 WfDirection *direction)
{
  g_autofree char *word = fold_word (text);

  for (guint i = 0; i < G_N_ELEMENTS (direction_words); i++)
    {
      if (strcmp (word, direction_words[i].word) == 0)
        {
          *direction = direction_words[i].direction;
          return TRUE;
        }
    }

  return FALSE;
}

/* Which column holds what: the header row's names, then the caller's
 * NAME=ROLE list over them.
 */
static gboolean
map_columns (WfSheet            *sheet,
             const char * const *mapping,
             int                 columns[WF_FIGURES_N_ROLES],
             GError            **error)
{
  const char * const *header;
  guint n_header;
  g_autofree WfFiguresRole *roles = NULL;

  header = wf_sheet_get_row (sheet, 0, &n_header);
  roles = g_new0 (WfFiguresRole, n_header + 1);

  for (guint i = 0; i < n_header; i++)
    wf_figures_role_from_name (header[i], &roles[i]);

  for (guint m = 0; mapping != NULL && mapping[m] != NULL; m++)
    {
      const char *eq = strrchr (mapping[m], '=');
      g_autofree char *name = NULL;
      g_autofree char *folded = NULL;
      WfFiguresRole role;
      gboolean found = FALSE;

      if (eq == NULL || !wf_figures_role_from_name (eq + 1, &role))
        {
          g_autofree char *quoted = wf_quote_excerpt (mapping[m]);

          g_set_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_COLUMNS,
                       _("“%s” does not say which column is what; write NAME=ROLE, where ROLE is phase, card, metric, value, date, target, direction, unit, persona or ignore."),
                       quoted);
          return FALSE;
        }

      name = g_strndup (mapping[m], eq - mapping[m]);
      folded = fold_word (name);
      for (guint i = 0; i < n_header; i++)
        {
          g_autofree char *h = fold_word (header[i]);

          if (strcmp (h, folded) == 0)
            {
              roles[i] = role;
              found = TRUE;
            }
        }

      if (!found)
        {
          g_autofree char *quoted = wf_quote_excerpt (name);

          g_set_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_COLUMNS,
                       _("The sheet has no column “%s”."), quoted);
          return FALSE;
        }
    }

  for (guint r = 0; r < WF_FIGURES_N_ROLES; r++)
    columns[r] = -1;

  for (guint i = 0; i < n_header; i++)
    {
      if (roles[i] == WF_FIGURES_ROLE_NONE)
        continue;

      if (columns[roles[i]] >= 0)
        {
          g_autofree char *first = wf_quote_excerpt (header[columns[roles[i]]]);
          g_autofree char *second = wf_quote_excerpt (header[i]);

          g_set_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_COLUMNS,
                       _("The columns “%s” and “%s” hold the same thing; map one of them to another role or ignore it."),
                       first, second);
          return FALSE;
        }

      columns[roles[i]] = i;
    }

  if (columns[WF_FIGURES_ROLE_PHASE] < 0 && columns[WF_FIGURES_ROLE_CARD] < 0)
    {
      g_set_error_literal (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_COLUMNS,
                           _("No column names a phase or a card (a column “phase”, “card”, “fase” or “kaart”)."));
      return FALSE;
    }
  if (columns[WF_FIGURES_ROLE_METRIC] < 0)
    {
      g_set_error_literal (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_COLUMNS,
                           _("No column names the metric (a column “metric” or “metriek”)."));
      return FALSE;
    }
  if (columns[WF_FIGURES_ROLE_VALUE] < 0)
    {
      g_set_error_literal (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_COLUMNS,
                           _("No column holds the values (a column “value” or “waarde”)."));
      return FALSE;
    }

  return TRUE;
}

/* Checks one row; adds a problem and returns FALSE if it is bad. */
static gboolean
read_row (Import             *import,
          WfSheet            *sheet,
          guint               row,
          const int           columns[WF_FIGURES_N_ROLES],
          Figure             *figure,
          WfItem            **item)
{
  guint n;
  const char * const *fields = wf_sheet_get_row (sheet, row, &n);
  const char *phase_text = field (fields, n, columns[WF_FIGURES_ROLE_PHASE]);
  const char *card_text = field (fields, n, columns[WF_FIGURES_ROLE_CARD]);
  const char *metric_text = field (fields, n, columns[WF_FIGURES_ROLE_METRIC]);
  const char *value_text = field (fields, n, columns[WF_FIGURES_ROLE_VALUE]);
  const char *date_text = field (fields, n, columns[WF_FIGURES_ROLE_DATE]);
  const char *target_text = field (fields, n, columns[WF_FIGURES_ROLE_TARGET]);
  const char *direction_text = field (fields, n, columns[WF_FIGURES_ROLE_DIRECTION]);
  const char *unit_text = field (fields, n, columns[WF_FIGURES_ROLE_UNIT]);
  const char *persona_text = field (fields, n, columns[WF_FIGURES_ROLE_PERSONA]);
  g_autofree char *where = NULL;
  WfPhase *phase = NULL;
  WfCard *card = NULL;
  gboolean percent = FALSE;
  GDate date;

  memset (figure, 0, sizeof *figure);
  figure->persona = "";

  /* Made only for a problem: most rows have none. */
#define WHERE (where ? where : (where = g_strdup_printf (_("line %u"), wf_sheet_get_line (sheet, row))))

  if (!is_blank (phase_text))
    {
      phase = g_hash_table_lookup (import->phases_by_id, phase_text);
      if (phase == NULL)
        {
          g_autofree char *key = fold (phase_text);

          phase = g_hash_table_lookup (import->phases_by_name, key);
        }
      if (phase == NULL || phase == (gpointer) &ambiguous)
        {
          g_autofree char *quoted = wf_quote_excerpt (phase_text);

          if (phase == NULL)
            add_problem (import, WHERE, _("There is no phase “%s” in this map."), quoted);
          else
            add_problem (import, WHERE, _("Several phases are named “%s”; use the phase’s id."), quoted);
          return FALSE;
        }
    }

  if (!is_blank (card_text))
    {
      /* By id, by the title as it is, then by the title as a person
       * reads it: another case, spaces around it. */
      card = g_hash_table_lookup (import->cards_by_id, card_text);
      if (card == NULL)
        card = g_hash_table_lookup (import->cards_by_text, card_text);
      if (card == NULL)
        {
          g_autofree char *key = fold (card_text);

          card = g_hash_table_lookup (import->cards_by_title, key);
        }
      if (card == NULL || card == (gpointer) &ambiguous)
        {
          g_autofree char *quoted = wf_quote_excerpt (card_text);

          if (card == NULL)
            add_problem (import, WHERE, _("There is no card “%s” in this map."), quoted);
          else
            add_problem (import, WHERE, _("Several cards are titled “%s”; use the card’s id."), quoted);
          return FALSE;
        }
      if (phase != NULL && wf_card_get_phase (card) != phase)
        {
          g_autofree char *quoted_card = wf_quote_excerpt (card_text);
          g_autofree char *quoted_phase = wf_quote_excerpt (phase_text);

          add_problem (import, WHERE, _("The card “%s” is not in the phase “%s”."),
                       quoted_card, quoted_phase);
          return FALSE;
        }
    }

  if (card == NULL && phase == NULL)
    {
      add_problem (import, WHERE, _("The row names no phase and no card."));
      return FALSE;
    }

  if (card == NULL && !is_blank (persona_text))
    {
      g_autofree char *key = fold (persona_text);
      const char *id = g_hash_table_lookup (import->personas, persona_text);

      if (id == NULL)
        id = g_hash_table_lookup (import->personas, key);
      if (id == NULL)
        {
          g_autofree char *quoted = wf_quote_excerpt (persona_text);

          add_problem (import, WHERE, _("There is no persona “%s”."), quoted);
          return FALSE;
        }
      figure->persona = id;
    }

  if (is_blank (metric_text))
    {
      add_problem (import, WHERE, _("The row names no metric."));
      return FALSE;
    }
  figure->name = metric_text;

  if (!wf_sheet_parse_number (value_text, wf_sheet_get_decimal_mark (sheet), &figure->value, &percent))
    {
      g_autofree char *quoted = wf_quote_excerpt (value_text);

      add_problem (import, WHERE, _("The value “%s” is not a number."), quoted);
      return FALSE;
    }

  if (!is_blank (date_text))
    {
      if (!wf_sheet_parse_date (date_text, wf_sheet_get_separator (sheet), &date))
        {
          g_autofree char *quoted = wf_quote_excerpt (date_text);

          add_problem (import, WHERE, _("“%s” is not a date; write it as 2026-10-31 or 31-10-2026."), quoted);
          return FALSE;
        }
      g_snprintf (figure->date, sizeof figure->date, "%04u-%02u-%02u",
                  g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
    }

  if (!is_blank (target_text))
    {
      if (!wf_sheet_parse_number (target_text, wf_sheet_get_decimal_mark (sheet), &figure->target, NULL))
        {
          g_autofree char *quoted = wf_quote_excerpt (target_text);

          add_problem (import, WHERE, _("The target “%s” is not a number."), quoted);
          return FALSE;
        }
      figure->has_target = TRUE;
    }

  if (!is_blank (direction_text))
    {
      if (!parse_direction (direction_text, &figure->direction))
        {
          g_autofree char *quoted = wf_quote_excerpt (direction_text);

          add_problem (import, WHERE, _("The direction “%s” is neither higher nor lower."), quoted);
          return FALSE;
        }
      figure->has_direction = TRUE;
    }

  if (!is_blank (unit_text))
    figure->unit = unit_text;
  else if (percent)
    figure->unit = "%";

  *item = card ? WF_ITEM (card) : WF_ITEM (phase);

  return TRUE;
#undef WHERE
}

static gboolean
import_sheet (Import              *import,
              const char          *data,
              gsize                length,
              const char * const  *mapping,
              GError             **error)
{
  g_autoptr(WfSheet) sheet = NULL;
  int columns[WF_FIGURES_N_ROLES];
  GError *local = NULL;

  if (!(sheet = wf_sheet_read (data, length, &local)))
    {
      g_set_error_literal (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_READ, local->message);
      g_error_free (local);
      return FALSE;
    }

  if (!map_columns (sheet, mapping, columns, error))
    return FALSE;

  for (guint row = 1; row < wf_sheet_get_n_rows (sheet); row++)
    {
      guint n;
      const char * const *fields = wf_sheet_get_row (sheet, row, &n);
      gboolean blank = TRUE;
      WfItem *item = NULL;
      Figure figure;

      for (guint i = 0; i < n && blank; i++)
        blank = is_blank (fields[i]);
      if (blank)
        continue;

      if (!read_row (import, sheet, row, columns, &figure, &item))
        {
          import->counts.rows_skipped++;
          continue;
        }

      /* Into copies of the items' metrics: when a row is bad and bad
       * rows are not skipped, none of them is set. */
      apply_figure (import, item, &figure);
      import->counts.rows_applied++;
    }

  return TRUE;
}

/* TheyDo's metrics JSON */

typedef enum {
  THEYDO_NPS,
  THEYDO_CSAT,
  THEYDO_CES,
  THEYDO_RATIO,
  THEYDO_OTHER,
} TheydoType;

/* The data points of one date, added up over their dimensions. */
typedef struct
{
  char   date[11];
  double sum[5];
  guint  n;
} TheydoDay;

static const char *
json_string (const WfJsonValue *object,
             const char        *name)
{
  const WfJsonValue *value = wf_json_object_get (object, name);

  return value != NULL && value->type == WF_JSON_STRING ? value->v.string : NULL;
}

static gboolean
json_number (const WfJsonValue *object,
             const char        *name,
             gboolean           count,
             double            *number)
{
  const WfJsonValue *value = wf_json_object_get (object, name);

  if (value == NULL)
    return FALSE;
  if (value->type == WF_JSON_INT)
    *number = (double) value->v.integer;
  else if (value->type == WF_JSON_DOUBLE && !count)
    *number = value->v.number;
  else
    return FALSE;

  return isfinite (*number) && (!count || *number >= 0);
}

/* The cards of the map a TheyDo metric belongs on, or its phase. TheyDo
 * attaches a metric to steps and touchpoints inside TheyDo; its export
 * says nothing of that, so the metric goes where a card is titled as the
 * metric, or as its importKey (or has it as its id); failing that, on the
 * phase so named.
 */
static void
theydo_targets (Import     *import,
                const char *title,
                const char *key,
                GPtrArray  *items)
{
  const char *names[] = { title, key };

  /* Every card of a title, folded: made once, for the first metric. */
  if (import->cards_by_folded == NULL)
    {
      g_autoptr(GPtrArray) cards = wf_map_list_cards (import->map);

      import->cards_by_folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < cards->len; i++)
        {
          WfCard *card = g_ptr_array_index (cards, i);
          char *folded = fold (wf_card_get_title (card));
          GPtrArray *same = g_hash_table_lookup (import->cards_by_folded, folded);

          if (same == NULL)
            {
              same = g_ptr_array_new ();
              g_hash_table_insert (import->cards_by_folded, folded, same);
            }
          else
            g_free (folded);
          g_ptr_array_add (same, card);
        }
    }

  for (guint n = 0; n < G_N_ELEMENTS (names) && items->len == 0; n++)
    {
      g_autofree char *folded = NULL;
      GPtrArray *cards;
      WfCard *card;

      if (names[n] == NULL || is_blank (names[n]))
        continue;

      folded = fold (names[n]);
      if ((cards = g_hash_table_lookup (import->cards_by_folded, folded)) != NULL)
        g_ptr_array_extend (items, cards, NULL, NULL);
      if ((card = g_hash_table_lookup (import->cards_by_id, names[n])) != NULL &&
          !g_ptr_array_find (items, card, NULL))
        g_ptr_array_add (items, card);
    }

  for (guint n = 0; n < G_N_ELEMENTS (names) && items->len == 0; n++)
    {
      g_autofree char *folded = NULL;
      WfPhase *phase;

      if (names[n] == NULL || is_blank (names[n]))
        continue;

      folded = fold (names[n]);
      phase = g_hash_table_lookup (import->phases_by_name, folded);
      if (phase == NULL)
        phase = g_hash_table_lookup (import->phases_by_id, names[n]);
      if (phase != NULL && phase != (gpointer) &ambiguous)
        g_ptr_array_add (items, phase);
    }
}

static gboolean
theydo_type (const char *text,
             TheydoType *type)
{
  static const char *names[] = { "NPS", "CSAT", "CES", "RATIO", "OTHER" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    {
      if (strcmp (text, names[i]) == 0)
        {
          *type = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Reads a data point's figures into @day; FALSE (with a problem) if bad. */
static gboolean
theydo_add_point (Import            *import,
                  const char        *where,
                  TheydoType         type,
                  const WfJsonValue *point,
                  TheydoDay         *day)
{
  static const char *fields[][5] = {
    [THEYDO_NPS] = { "detractors", "passives", "promoters" },
    [THEYDO_CSAT] = { "veryUnsatisfied", "unsatisfied", "neutral", "satisfied", "verySatisfied" },
    [THEYDO_CES] = { "score", "respondents" },
    [THEYDO_RATIO] = { "numerator", "denominator" },
    [THEYDO_OTHER] = { "value" },
  };
  double v[5] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (fields[type]) && fields[type][i] != NULL; i++)
    {
      gboolean count = type == THEYDO_NPS || type == THEYDO_CSAT ||
                       (type == THEYDO_CES && i == 1);

      if (!json_number (point, fields[type][i], count, &v[i]))
        {
          if (count)
            add_problem (import, where, _("“%s” is missing or is not a count."), fields[type][i]);
          else
            add_problem (import, where, _("“%s” is missing or is not a number."), fields[type][i]);
          return FALSE;
        }
    }

  if (type == THEYDO_CES)
    {
      /* Weighted by the respondents, to average over dimensions. */
      day->sum[0] += v[0] * v[1];
      day->sum[1] += v[1];
      day->sum[2] += v[0];
    }
  else
    {
      for (guint i = 0; i < 5; i++)
        day->sum[i] += v[i];
    }
  day->n++;

  return TRUE;
}

/* The figure of a date; FALSE if there is none (no answers). */
static gboolean
theydo_value (TheydoType       type,
              gboolean         sum,
              const TheydoDay *day,
              double          *value)
{
  const double *s = day->sum;
  double total;

  switch (type)
    {
    case THEYDO_NPS:
      total = s[0] + s[1] + s[2];
      if (total <= 0)
        return FALSE;
      *value = (s[2] - s[0]) / total * 100;
      break;

    case THEYDO_CSAT:
      total = s[0] + s[1] + s[2] + s[3] + s[4];
      if (total <= 0)
        return FALSE;
      *value = (s[3] + s[4]) / total * 100;
      break;

    case THEYDO_CES:
      *value = s[1] > 0 ? s[0] / s[1] : s[2] / day->n;
      break;

    case THEYDO_RATIO:
      if (s[1] == 0)
        return FALSE;
      *value = s[0] / s[1] * 100;
      break;

    case THEYDO_OTHER:
    default:
      *value = sum ? s[0] : s[0] / day->n;
      break;
    }

  /* Two decimals are all a map shows, and a file keeps them exactly. */
  *value = round (*value * 100) / 100;

  return isfinite (*value);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  return strcmp (((const TheydoDay *) a)->date, ((const TheydoDay *) b)->date);
}

static void
theydo_metric (Import            *import,
               guint              index,
               const WfJsonValue *metric)
{
  g_autofree char *where = g_strdup_printf ("$.metrics[%u]", index);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (TheydoDay));
  g_autoptr(GHashTable) day_of = g_hash_table_new (g_str_hash, g_str_equal);
  const char *title = json_string (metric, "title");
  const char *key = json_string (metric, "importKey");
  const char *unit = json_string (metric, "unit");
  const char *operator = json_string (metric, "targetComparisonOperator");
  const char *aggregation = json_string (metric, "aggregationMethod");
  const WfJsonValue *points = wf_json_object_get (metric, "dataPoints");
  guint problems = wf_problems_get_count (import->problems);
  Figure figure = { 0 };
  TheydoType type;

  if (metric->type != WF_JSON_OBJECT)
    {
      add_problem (import, where, _("A metric is not a JSON object."));
      return;
    }

  if (!theydo_type (json_string (metric, "type"), &type))
    {
      g_autofree char *quoted = wf_quote_excerpt (json_string (metric, "type") ?: "");

      add_problem (import, where, _("The type “%s” is not NPS, CSAT, CES, RATIO or OTHER."), quoted);
      return;
    }

  if (title == NULL || is_blank (title))
    {
      add_problem (import, where, _("The metric has no title."));
      return;
    }

  if (points == NULL || points->type != WF_JSON_ARRAY)
    {
      add_problem (import, where, _("The metric has no list of data points."));
      return;
    }

  theydo_targets (import, title, key, items);
  if (items->len == 0)
    {
      g_autofree char *quoted = wf_quote_excerpt (title);

      add_problem (import, where, _("No card or phase in this map is titled “%s”."), quoted);
      return;
    }

  for (guint i = 0; i < points->len; i++)
    {
      const WfJsonValue *point = &points->v.elements[i];
      g_autofree char *point_where = g_strdup_printf ("$.metrics[%u].dataPoints[%u]", index, i);
      const char *date = point->type == WF_JSON_OBJECT ? json_string (point, "dateOfMeasurement") : NULL;
      TheydoDay *day;
      gpointer at;

      if (date == NULL || !wf_date_is_valid (date))
        {
          g_autofree char *quoted = wf_quote_excerpt (date ?: "");

          add_problem (import, point_where, _("“%s” is not a date; write it as 2026-10-31 or 31-10-2026."), quoted);
          continue;
        }

      if (g_hash_table_lookup_extended (day_of, date, NULL, &at))
        day = &g_array_index (days, TheydoDay, GPOINTER_TO_UINT (at));
      else
        {
          TheydoDay fresh = { 0 };

          g_strlcpy (fresh.date, date, sizeof fresh.date);
          g_array_append_val (days, fresh);
          /* The keys point into the JSON document, which outlives this. */
          g_hash_table_insert (day_of, (gpointer) date, GUINT_TO_POINTER (days->len - 1));
          day = &g_array_index (days, TheydoDay, days->len - 1);
        }

      theydo_add_point (import, point_where, type, point, day);
    }

  if (wf_problems_get_count (import->problems) != problems)
    return;

  figure.name = title;
  figure.persona = "";
  switch (type)
    {
    case THEYDO_NPS:
      figure.unit = "";
      break;
    case THEYDO_CSAT:
    case THEYDO_RATIO:
      figure.unit = "%";
      break;
    case THEYDO_CES:
    case THEYDO_OTHER:
    default:
      figure.unit = unit ? unit : "";
      break;
    }

  if (json_number (metric, "target", FALSE, &figure.target))
    figure.has_target = TRUE;
  if (g_strcmp0 (operator, "MORE_THAN_OR_EQUAL_TO") == 0)
    {
      figure.direction = WF_DIRECTION_HIGHER;
      figure.has_direction = TRUE;
    }
  else if (g_strcmp0 (operator, "LESS_THAN_OR_EQUAL_TO") == 0)
    {
      figure.direction = WF_DIRECTION_LOWER;
      figure.has_direction = TRUE;
    }
  else if (type == THEYDO_NPS || type == THEYDO_CSAT)
    {
      figure.direction = WF_DIRECTION_HIGHER;
      figure.has_direction = TRUE;
    }

  g_array_sort (days, compare_days);
  for (guint i = 0; i < days->len; i++)
    {
      const TheydoDay *day = &g_array_index (days, TheydoDay, i);

      if (!theydo_value (type, g_strcmp0 (aggregation, "SUM") == 0, day, &figure.value))
        {
          add_problem (import, where, _("There are no answers on %s, so there is no figure to import."), day->date);
          return;
        }
    }

  for (guint i = 0; i < days->len; i++)
    {
      const TheydoDay *day = &g_array_index (days, TheydoDay, i);

      theydo_value (type, g_strcmp0 (aggregation, "SUM") == 0, day, &figure.value);
      g_strlcpy (figure.date, day->date, sizeof figure.date);
      for (guint j = 0; j < items->len; j++)
        apply_figure (import, g_ptr_array_index (items, j), &figure);
      import->counts.rows_applied++;
    }
}

static gboolean
import_theydo (Import      *import,
               const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(WfJsonDocument) json = NULL;
  const WfJsonValue *root;
  const WfJsonValue *metrics;
  WfJsonError json_error = { 0 };
  g_autofree char *where = NULL;

  if (!(json = wf_json_parse (data, length, MAX_JSON_DEPTH, &json_error)))
    {
      guint line = 1;

      for (gsize i = 0; i < json_error.offset && i < length; i++)
        if (data[i] == '\n')
          line++;

      where = g_strdup_printf (_("line %u"), line);
      g_set_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_READ,
                   "%s: %s", where, json_error.message);
      g_clear_pointer (&json_error.message, g_free);
      return FALSE;
    }

  root = wf_json_document_root (json);
  if (root->type != WF_JSON_OBJECT ||
      g_strcmp0 (json_string (root, "format"), "THEYDO_METRICS_V1") != 0 ||
      (metrics = wf_json_object_get (root, "metrics")) == NULL ||
      metrics->type != WF_JSON_ARRAY)
    {
      g_set_error_literal (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_READ,
                           _("This JSON is not TheyDo’s metrics export (“format”: “THEYDO_METRICS_V1” with a list of “metrics”)."));
      return FALSE;
    }

  for (guint i = 0; i < metrics->len; i++)
    {
      guint before = wf_problems_get_count (import->problems);

      theydo_metric (import, i, &metrics->v.elements[i]);
      if (wf_problems_get_count (import->problems) != before)
        import->counts.rows_skipped++;
    }

  return TRUE;
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

  word = fold_word (name);
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
      g_set_error (error, WF_FIGURES_ERROR, WF_FIGURES_ERROR_READ,
                   _("The file is larger than %u MB; no import is that large."),
                   WF_SHEET_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  import_init (&import, document, map);

  if (looks_like_json (data, length))
    read = import_theydo (&import, data, length, error);
  else
    read = import_sheet (&import, data, length, columns, error);

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
