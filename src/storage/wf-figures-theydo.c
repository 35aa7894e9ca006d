/* wf-figures-theydo.c — reading figures from TheyDo's metrics JSON
 *
 * TheyDo's THEYDO_METRICS_V1 JSON has per metric dated data points,
 * added up over their dimensions into one value a date, which go to the
 * cards or phase titled as the metric.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "model/wf-card.h"
#include "model/wf-metric.h"
#include "model/wf-persona.h"
#include "model/wf-phase.h"
#include "storage/wf-json.h"
#include "storage/wf-problems.h"
#include "storage/wf-quote.h"
#include "wf-figures-private.h"

/* How deep TheyDo's JSON nests: a data point's dimension is at depth 6. */
#define MAX_JSON_DEPTH 16

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
          char *folded = wf_figures_fold (wf_card_get_title (card));
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

      if (names[n] == NULL || wf_figures_is_blank (names[n]))
        continue;

      folded = wf_figures_fold (names[n]);
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

      if (names[n] == NULL || wf_figures_is_blank (names[n]))
        continue;

      folded = wf_figures_fold (names[n]);
      phase = g_hash_table_lookup (import->phases_by_name, folded);
      if (phase == NULL)
        phase = g_hash_table_lookup (import->phases_by_id, names[n]);
      if (phase != NULL && phase != (gpointer) &wf_figures_ambiguous)
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
            wf_figures_add_problem (import, where, _("“%s” is missing or is not a count."), fields[type][i]);
          else
            wf_figures_add_problem (import, where, _("“%s” is missing or is not a number."), fields[type][i]);
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
      wf_figures_add_problem (import, where, _("A metric is not a JSON object."));
      return;
    }

  if (!theydo_type (json_string (metric, "type"), &type))
    {
      g_autofree char *quoted = wf_quote_excerpt (json_string (metric, "type") ?: "");

      wf_figures_add_problem (import, where, _("The type “%s” is not NPS, CSAT, CES, RATIO or OTHER."), quoted);
      return;
    }

  if (title == NULL || wf_figures_is_blank (title))
    {
      wf_figures_add_problem (import, where, _("The metric has no title."));
      return;
    }

  if (points == NULL || points->type != WF_JSON_ARRAY)
    {
      wf_figures_add_problem (import, where, _("The metric has no list of data points."));
      return;
    }

  theydo_targets (import, title, key, items);
  if (items->len == 0)
    {
      g_autofree char *quoted = wf_quote_excerpt (title);

      wf_figures_add_problem (import, where, _("No card or phase in this map is titled “%s”."), quoted);
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

          wf_figures_add_problem (import, point_where, _("“%s” is not a date; write it as 2026-10-31 or 31-10-2026."), quoted);
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
          wf_figures_add_problem (import, where, _("There are no answers on %s, so there is no figure to import."), day->date);
          return;
        }
    }

  for (guint i = 0; i < days->len; i++)
    {
      const TheydoDay *day = &g_array_index (days, TheydoDay, i);

      theydo_value (type, g_strcmp0 (aggregation, "SUM") == 0, day, &figure.value);
      g_strlcpy (figure.date, day->date, sizeof figure.date);
      for (guint j = 0; j < items->len; j++)
        wf_figures_apply_figure (import, g_ptr_array_index (items, j), &figure);
      import->counts.rows_applied++;
    }
}

gboolean
wf_figures_import_theydo (Import      *import,
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
