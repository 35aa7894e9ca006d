/* wf-figures-csv.c — reading figures from a spreadsheet's rows
 *
 * A sheet, read by wf-sheet, has a header row naming what each column
 * holds (in English or Dutch, or mapped by the caller) and one figure a
 * row; each row is checked here and handed to wf_figures_apply_figure().
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
#include "storage/wf-problems.h"
#include "storage/wf-quote.h"
#include "storage/wf-sheet.h"
#include "wf-figures-private.h"

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

static const char *
field (const char * const *fields,
       guint               n_fields,
       int                 column)
{
  if (column < 0 || (guint) column >= n_fields)
    return "";

  return fields[column];
}

gboolean
wf_figures_is_blank (const char *text)
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
  g_autofree char *word = wf_figures_fold_word (text);

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
      folded = wf_figures_fold_word (name);
      for (guint i = 0; i < n_header; i++)
        {
          g_autofree char *h = wf_figures_fold_word (header[i]);

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
/* @text without the white space around it, in @buffer. */
static const char *
trimmed (GString    *buffer,
         const char *text)
{
  const char *end = text + strlen (text);

  while (g_ascii_isspace (*text))
    text++;
  while (end > text && g_ascii_isspace (end[-1]))
    end--;

  g_string_truncate (buffer, 0);
  g_string_append_len (buffer, text, end - text);

  return buffer->str;
}

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

  if (!wf_figures_is_blank (phase_text))
    {
      phase = g_hash_table_lookup (import->phases_by_id, phase_text);
      if (phase == NULL)
        {
          g_autofree char *key = wf_figures_fold (phase_text);

          phase = g_hash_table_lookup (import->phases_by_name, key);
        }
      if (phase == NULL || phase == (gpointer) &wf_figures_ambiguous)
        {
          g_autofree char *quoted = wf_quote_excerpt (phase_text);

          if (phase == NULL)
            wf_figures_add_problem (import, WHERE, _("There is no phase “%s” in this map."), quoted);
          else
            wf_figures_add_problem (import, WHERE, _("Several phases are named “%s”; use the phase’s id."), quoted);
          return FALSE;
        }
    }

  if (!wf_figures_is_blank (card_text))
    {
      /* By id, by the title as it is, then by the title as a person
       * reads it: another case, spaces around it. */
      card = g_hash_table_lookup (import->cards_by_id, card_text);
      if (card == NULL)
        card = g_hash_table_lookup (import->cards_by_text, card_text);
      if (card == NULL)
        {
          g_autofree char *key = wf_figures_fold (card_text);

          card = g_hash_table_lookup (import->cards_by_title, key);
        }
      if (card == NULL || card == (gpointer) &wf_figures_ambiguous)
        {
          g_autofree char *quoted = wf_quote_excerpt (card_text);

          if (card == NULL)
            wf_figures_add_problem (import, WHERE, _("There is no card “%s” in this map."), quoted);
          else
            wf_figures_add_problem (import, WHERE, _("Several cards are titled “%s”; use the card’s id."), quoted);
          return FALSE;
        }
      if (phase != NULL && wf_card_get_phase (card) != phase)
        {
          g_autofree char *quoted_card = wf_quote_excerpt (card_text);
          g_autofree char *quoted_phase = wf_quote_excerpt (phase_text);

          wf_figures_add_problem (import, WHERE, _("The card “%s” is not in the phase “%s”."),
                                  quoted_card, quoted_phase);
          return FALSE;
        }
    }

  if (card == NULL && phase == NULL)
    {
      wf_figures_add_problem (import, WHERE, _("The row names no phase and no card."));
      return FALSE;
    }

  if (card == NULL && !wf_figures_is_blank (persona_text))
    {
      g_autofree char *key = wf_figures_fold (persona_text);
      const char *id = g_hash_table_lookup (import->personas, persona_text);

      if (id == NULL)
        id = g_hash_table_lookup (import->personas, key);
      if (id == NULL)
        {
          g_autofree char *quoted = wf_quote_excerpt (persona_text);

          wf_figures_add_problem (import, WHERE, _("There is no persona “%s”."), quoted);
          return FALSE;
        }
      figure->persona = id;
    }

  if (wf_figures_is_blank (metric_text))
    {
      wf_figures_add_problem (import, WHERE, _("The row names no metric."));
      return FALSE;
    }
  /* A name or unit as a person reads it: " NPS " in a sheet is the
   * NPS the map has, not a metric of its own. */
  figure->name = trimmed (import->name, metric_text);

  if (!wf_sheet_parse_number (value_text, wf_sheet_get_decimal_mark (sheet), &figure->value, &percent))
    {
      g_autofree char *quoted = wf_quote_excerpt (value_text);

      wf_figures_add_problem (import, WHERE, _("The value “%s” is not a number."), quoted);
      return FALSE;
    }

  if (!wf_figures_is_blank (date_text))
    {
      if (!wf_sheet_parse_date (date_text, wf_sheet_get_separator (sheet), &date))
        {
          g_autofree char *quoted = wf_quote_excerpt (date_text);

          wf_figures_add_problem (import, WHERE, _("“%s” is not a date; write it as 2026-10-31 or 31-10-2026."), quoted);
          return FALSE;
        }
      g_snprintf (figure->date, sizeof figure->date, "%04u-%02u-%02u",
                  g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
    }

  if (!wf_figures_is_blank (target_text))
    {
      if (!wf_sheet_parse_number (target_text, wf_sheet_get_decimal_mark (sheet), &figure->target, NULL))
        {
          g_autofree char *quoted = wf_quote_excerpt (target_text);

          wf_figures_add_problem (import, WHERE, _("The target “%s” is not a number."), quoted);
          return FALSE;
        }
      figure->has_target = TRUE;
    }

  if (!wf_figures_is_blank (direction_text))
    {
      if (!parse_direction (direction_text, &figure->direction))
        {
          g_autofree char *quoted = wf_quote_excerpt (direction_text);

          wf_figures_add_problem (import, WHERE, _("The direction “%s” is neither higher nor lower."), quoted);
          return FALSE;
        }
      figure->has_direction = TRUE;
    }

  if (!wf_figures_is_blank (unit_text))
    figure->unit = trimmed (import->unit, unit_text);
  else if (percent)
    figure->unit = "%";

  *item = card ? WF_ITEM (card) : WF_ITEM (phase);

  return TRUE;
#undef WHERE
}

gboolean
wf_figures_import_sheet (Import              *import,
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
        blank = wf_figures_is_blank (fields[i]);
      if (blank)
        continue;

      if (!read_row (import, sheet, row, columns, &figure, &item))
        {
          import->counts.rows_skipped++;
          continue;
        }

      /* Into copies of the items' metrics: when a row is bad and bad
       * rows are not skipped, none of them is set. */
      wf_figures_apply_figure (import, item, &figure);
      import->counts.rows_applied++;
    }

  return TRUE;
}

