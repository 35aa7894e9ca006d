/* wf-csv.c — the cards of journey maps as a CSV table
 *
 * One row per card, for spreadsheets and scripts (docs/csv-and-mermaid.md);
 * and the measurements of cards and phases in long form, one row each.
 * RFC 4180: fields separated by commas, records ended by CRLF, a field
 * that holds a comma, a double quote, a CR or an LF is quoted, and a quote
 * inside it is doubled. UTF-8 without a byte order mark. Numbers are
 * written in the C locale, whatever the user's locale is.
 *
 * The file is meant for spreadsheets, which run a cell that begins with
 * `=`, `+`, `-` or `@` as a formula: a card titled
 * `=HYPERLINK("http://x","y")` would be a live link, `+cmd|' /C calc'!A0`
 * a command. Such a text gets a `'` in front, as OWASP's "CSV Injection"
 * advises, so that the spreadsheet shows it as text.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wf-csv.h"
#include "wf-number.h"

typedef struct
{
  GString    *out;
  GPtrArray  *metric_names;   /* (element-type utf8) unowned: the column order */
  GHashTable *metric_columns; /* name → column index + 1 */
} Writer;

/* Whether [@p, @end) is a number and nothing else: "-3", "-2.5", "+1e-7",
 * "-1,5" (a decimal comma). A spreadsheet reads it as that number, which
 * no formula can be.
 */
static gboolean
is_plain_number (const char *p,
                 const char *end)
{
  guint digits = 0;

  if (p < end && (*p == '-' || *p == '+'))
    p++;
  for (; p < end && g_ascii_isdigit (*p); p++)
    digits++;
  if (p < end && (*p == '.' || *p == ','))
    for (p++; p < end && g_ascii_isdigit (*p); p++)
      digits++;
  if (digits == 0)
    return FALSE;

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      digits = 0;
      p++;
      if (p < end && (*p == '-' || *p == '+'))
        p++;
      for (; p < end && g_ascii_isdigit (*p); p++)
        digits++;
      if (digits == 0)
        return FALSE;
    }

  return p == end;
}

/* Whether a spreadsheet could take the cell that begins at @p (and ends
 * before @end) for a formula: it begins with one of the characters OWASP
 * names (= + - @, or a tab, CR or LF, which some spreadsheets skip), and
 * is not simply a number such as "-3".
 */
static gboolean
starts_formula (const char *p,
                const char *end)
{
  return p < end &&
         (*p == '=' || *p == '+' || *p == '-' || *p == '@' ||
          *p == '\t' || *p == '\r' || *p == '\n') &&
         !is_plain_number (p, end);
}

/* A cell can also begin inside a field, for a spreadsheet that splits
 * lines at another character than the comma: Excel opens a .csv with the
 * list separator of the regional settings, a ';' in Dutch and most of
 * Europe, and tags are joined by ';'. Where a ';' or a tab would start
 * such a cell (any '"' after it is taken for quoting), the cell gets the
 * same "'".
 */
static const char *
next_cell (const char *p,
           const char *end)
{
  while (p < end && *p != ';' && *p != '\t')
    p++;

  return p;
}

/* The first character of a cell is never the separator that ends it. */
static gboolean
cell_starts_formula (const char *p,
                     const char *end)
{
  return p < end && starts_formula (p, next_cell (p + 1, end));
}

static void
append_neutralized (GString    *out,
                    const char *value)
{
  const char *end = value + strlen (value);
  const char *p = value;

  /* The field is the cell, for a reader that splits at commas. */
  if (starts_formula (value, end))
    g_string_append_c (out, '\'');

  for (;;)
    {
      const char *separator = next_cell (p, end);
      const char *start;

      g_string_append_len (out, p, separator - p);
      if (separator == end)
        break;
      g_string_append_c (out, *separator);

      /* The next cell, past any quotes that open it. */
      for (start = separator + 1; start < end && *start == '"'; start++)
        ;
      if (cell_starts_formula (start, end))
        g_string_append_c (out, '\'');
      p = separator + 1;
    }
}

static void
append_field (GString    *out,
              const char *value)
{
  g_autoptr(GString) safe = NULL;

  if (value == NULL)
    return;

  safe = g_string_new (NULL);
  append_neutralized (safe, value);

  if (strpbrk (safe->str, ",\"\r\n") == NULL)
    {
      g_string_append_len (out, safe->str, safe->len);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = safe->str; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_separator (GString *out)
{
  g_string_append_c (out, ',');
}

static void
end_record (GString *out)
{
  g_string_append (out, "\r\n");
}

/* The shortest text that g_ascii_strtod() reads back as the same double. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return;

  g_string_append (out, wf_format_double (buf, value));
}

/* The maps to write, in order. */
static GPtrArray *
list_maps (WfDocument *document,
           WfMap      *map)
{
  GPtrArray *maps = g_ptr_array_new ();

  if (map != NULL)
    {
      g_ptr_array_add (maps, map);
      return maps;
    }

  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    g_ptr_array_add (maps, wf_document_get_map (document, i));

  return maps;
}

/* Calls @func for each card of @map: phase order, then lane order, then
 * position in the cell.
 */
static void
foreach_card (WfMap    *map,
              void    (*func) (Writer *w, WfMap *map, WfCard *card),
              Writer   *w)
{
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);

  for (guint i = 0; i < cards->len; i++)
    func (w, map, g_ptr_array_index (cards, i));
}

static void
collect_metric_names (Writer *w,
                      WfMap  *map,
                      WfCard *card)
{
  GVariant *metrics = wf_card_get_metrics (card);
  gsize n = metrics != NULL ? g_variant_n_children (metrics) : 0;

  for (gsize i = 0; i < n; i++)
    {
      const char *name;

      wf_metrics_get_latest_value (metrics, i, &name, NULL);
      if (g_hash_table_contains (w->metric_columns, name))
        continue;

      g_ptr_array_add (w->metric_names, (gpointer) name);
      g_hash_table_insert (w->metric_columns, (gpointer) name,
                           GUINT_TO_POINTER (w->metric_names->len));
    }
}

static void
write_card (Writer *w,
            WfMap  *map,
            WfCard *card)
{
  WfLane *lane = wf_card_get_lane (card);
  WfPersona *persona = wf_lane_get_persona (lane);
  const char * const *tags = wf_card_get_tags (card);
  GVariant *metrics = wf_card_get_metrics (card);
  guint n_metrics = w->metric_names->len;
  g_autofree double *values = g_new0 (double, MAX (n_metrics, 1));
  g_autofree gboolean *present = g_new0 (gboolean, MAX (n_metrics, 1));
  g_autofree char *joined_tags = NULL;

  append_field (w->out, wf_map_get_title (map));
  append_separator (w->out);
  append_field (w->out, wf_phase_get_name (wf_card_get_phase (card)));
  append_separator (w->out);
  append_field (w->out, wf_lane_get_title (lane));
  append_separator (w->out);
  append_field (w->out, wf_lane_kind_to_string (wf_lane_get_kind (lane)));
  append_separator (w->out);
  append_field (w->out, persona != NULL ? wf_persona_get_name (persona) : NULL);
  append_separator (w->out);
  append_field (w->out, wf_card_get_title (card));
  append_separator (w->out);
  append_field (w->out, wf_card_get_notes (card));
  append_separator (w->out);
  append_field (w->out, wf_channel_to_string (wf_card_get_channel (card)));
  append_separator (w->out);
  append_field (w->out, wf_contact_to_string (wf_card_get_contact (card)));
  append_separator (w->out);
  if (wf_card_get_emotion (card) != WF_EMOTION_NONE)
    g_string_append_printf (w->out, "%d", wf_card_get_emotion (card));
  append_separator (w->out);
  g_string_append_printf (w->out, "%u", wf_card_get_votes (card));
  append_separator (w->out);
  if (tags != NULL)
    {
      joined_tags = g_strjoinv (WF_CSV_TAG_SEPARATOR, (char **) tags);
      append_field (w->out, joined_tags);
    }

  /* A card that names a metric twice shows the first value. */
  if (metrics != NULL)
    {
      gsize n = g_variant_n_children (metrics);

      for (gsize i = 0; i < n; i++)
        {
          const char *name;
          double value;
          gboolean has_value = wf_metrics_get_latest_value (metrics, i, &name, &value);
          guint column = GPOINTER_TO_UINT (g_hash_table_lookup (w->metric_columns, name));

          g_assert (column > 0 && column <= n_metrics);
          if (has_value && !present[column - 1])
            {
              present[column - 1] = TRUE;
              values[column - 1] = value;
            }
        }
    }

  for (guint i = 0; i < n_metrics; i++)
    {
      append_separator (w->out);
      if (present[i])
        append_double (w->out, values[i]);
    }

  end_record (w->out);
}

/**
 * wf_csv_write:
 * @document: a document
 * @map: (nullable): one map of @document, or %NULL for all of its maps
 *
 * Writes the cards of @map, or of every map of @document, as a CSV table
 * (RFC 4180, UTF-8 without a byte order mark, CRLF line ends).
 *
 * The first record is a header: the fixed columns of %WF_CSV_HEADER (`map`,
 * `phase`, `lane`, `lane_kind`, `persona`, `title`, `notes`, `channel`,
 * `contact`, `emotion`, `votes`, `tags`), then one column per metric name:
 * every name that a written card has, in the order they first appear.
 * Then one record per card: maps in document order, then phases in map
 * order, then lanes in map order, then cards by position in their cell.
 *
 * Lane kinds, channels and contacts are written as the identifiers of the
 * .journey format (`pain-points`, `word-of-mouth`, `direct`), an emotion as
 * an integer from -2 to 2, votes as an integer, tags joined with
 * %WF_CSV_TAG_SEPARATOR, metrics with as many digits as they need to read
 * back exactly, in the C locale (a decimal point, never a comma). What a
 * card does not have (a channel, an emotion, a metric, a shared lane's
 * persona) is an empty field.
 *
 * A text that a spreadsheet would run as a formula (it begins with `=`,
 * `+`, `-`, `@`, a tab, a CR or an LF, and is not a plain number such as
 * `-3`) is written with a `'` in front; so is the part of a text after a
 * `;` or a tab, where a spreadsheet that splits lines at those begins a
 * cell: `checkout;'=cmd`. Headers (metric names) too.
 *
 * Returns: (transfer full): the CSV text
 */
char *
wf_csv_write (WfDocument *document,
              WfMap      *map)
{
  g_autoptr(GPtrArray) maps = NULL;
  g_autoptr(GPtrArray) metric_names = NULL;
  g_autoptr(GHashTable) metric_columns = NULL;
  Writer w;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (map == NULL || WF_IS_MAP (map), NULL);
  g_return_val_if_fail (map == NULL || wf_document_get_map_index (document, map) >= 0, NULL);

  maps = list_maps (document, map);
  metric_names = g_ptr_array_new ();
  metric_columns = g_hash_table_new (g_str_hash, g_str_equal);

  w.out = g_string_new (NULL);
  w.metric_names = metric_names;
  w.metric_columns = metric_columns;

  for (guint i = 0; i < maps->len; i++)
    foreach_card (g_ptr_array_index (maps, i), collect_metric_names, &w);

  g_string_append (w.out, WF_CSV_HEADER);
  for (guint i = 0; i < metric_names->len; i++)
    {
      append_separator (w.out);
      append_field (w.out, g_ptr_array_index (metric_names, i));
    }
  end_record (w.out);

  for (guint i = 0; i < maps->len; i++)
    foreach_card (g_ptr_array_index (maps, i), write_card, &w);

  return g_string_free (w.out, FALSE);
}

/* The measurements of @metrics, one record each, after the fields that
 * say where they belong (@map_title, @phase_name, @persona_name,
 * @card_title, @card_id; NULL for an empty field).
 */
static void
write_measurements (GString    *out,
                    GVariant   *variant,
                    WfDocument *document,
                    const char *map_title,
                    const char *phase_name,
                    const char *persona_name,
                    const char *card_title,
                    const char *card_id)
{
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (variant);

  for (guint i = 0; i < metrics->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (metrics, i);
      const char *persona = persona_name;

      /* A phase's metric names its persona by id. */
      if (*metric->persona != '\0')
        {
          WfItem *item = wf_document_lookup (document, metric->persona);

          persona = WF_IS_PERSONA (item) ? wf_persona_get_name (WF_PERSONA (item)) : metric->persona;
        }

      for (guint j = 0; j < metric->measurements->len; j++)
        {
          WfMeasurement *m = &g_array_index (metric->measurements, WfMeasurement, j);

          append_field (out, map_title);
          append_separator (out);
          append_field (out, phase_name);
          append_separator (out);
          append_field (out, persona);
          append_separator (out);
          append_field (out, card_title);
          append_separator (out);
          append_field (out, card_id);
          append_separator (out);
          append_field (out, metric->name);
          append_separator (out);
          append_field (out, metric->unit);
          append_separator (out);
          append_field (out, wf_direction_to_string (metric->direction));
          append_separator (out);
          if (metric->has_target)
            append_double (out, metric->target);
          append_separator (out);
          append_field (out, m->date);
          append_separator (out);
          append_double (out, m->value);
          end_record (out);
        }
    }
}

static gboolean
has_values (GVariant *variant)
{
  GVariantIter iter;
  GVariant *child;

  if (variant == NULL)
    return FALSE;

  g_variant_iter_init (&iter, variant);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) owned = child;
      g_autoptr(GVariant) values = g_variant_get_child_value (child, 5);

      if (g_variant_n_children (values) > 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * wf_csv_has_measurements:
 * @document: a document
 * @map: (nullable): one map of @document, or %NULL for all of its maps
 *
 * Whether the measurements are worth a file of their own: whether @map,
 * or a map, has figures that the table of cards cannot show, that is a
 * phase with a measured value or a card metric that is more than one
 * undated value (a date, a unit, a direction, a target, several values).
 * Cards with plain metrics only, as before figures had dates, have all
 * they hold in wf_csv_write()'s table.
 *
 * Returns: whether to write wf_csv_write_measurements() too
 */
gboolean
wf_csv_has_measurements (WfDocument *document,
                         WfMap      *map)
{
  g_autoptr(GPtrArray) maps = NULL;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);

  maps = list_maps (document, map);
  for (guint i = 0; i < maps->len; i++)
    {
      WfMap *m = g_ptr_array_index (maps, i);
      g_autoptr(GPtrArray) cards = wf_map_list_cards (m);

      for (guint p = 0; p < wf_map_get_n_phases (m); p++)
        if (has_values (wf_phase_get_metrics (wf_map_get_phase (m, p))))
          return TRUE;

      for (guint c = 0; c < cards->len; c++)
        if (!wf_metrics_are_plain (wf_card_get_metrics (g_ptr_array_index (cards, c))))
          return TRUE;
    }

  return FALSE;
}

/**
 * wf_csv_write_measurements:
 * @document: a document
 * @map: (nullable): one map of @document, or %NULL for all of its maps
 *
 * Writes the measurements of the phases and cards of @map, or of every
 * map, in long form, as wf_csv_write() writes its table: the header
 * %WF_CSV_MEASUREMENTS_HEADER, then one record per measured value. Per
 * map and phase, in order, first the phase's own (card and card_id
 * empty; persona the persona's name, or empty for everyone), then those
 * of its cards in the order of wf_csv_write() (persona their lane's).
 * A metric's values come undated first, then by date (`YYYY-MM-DD`, empty
 * for undated); direction is `higher`, `lower` or empty, target empty
 * when there is none. A metric without values has no record.
 *
 * Returns: (transfer full): the CSV text
 */
char *
wf_csv_write_measurements (WfDocument *document,
                           WfMap      *map)
{
  g_autoptr(GPtrArray) maps = NULL;
  GString *out;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (map == NULL || WF_IS_MAP (map), NULL);
  g_return_val_if_fail (map == NULL || wf_document_get_map_index (document, map) >= 0, NULL);

  maps = list_maps (document, map);
  out = g_string_new (WF_CSV_MEASUREMENTS_HEADER);
  end_record (out);

  for (guint i = 0; i < maps->len; i++)
    {
      WfMap *m = g_ptr_array_index (maps, i);
      g_autoptr(GPtrArray) cards = wf_map_list_cards (m);
      guint c = 0;

      for (guint p = 0; p < wf_map_get_n_phases (m); p++)
        {
          WfPhase *phase = wf_map_get_phase (m, p);

          write_measurements (out, wf_phase_get_metrics (phase), document, wf_map_get_title (m),
                              wf_phase_get_name (phase), NULL, NULL, NULL);

          /* The cards come phase by phase. */
          for (; c < cards->len && wf_card_get_phase (g_ptr_array_index (cards, c)) == phase; c++)
            {
              WfCard *card = g_ptr_array_index (cards, c);
              WfPersona *persona = wf_lane_get_persona (wf_card_get_lane (card));

              write_measurements (out, wf_card_get_metrics (card), document, wf_map_get_title (m),
                                  wf_phase_get_name (phase),
                                  persona != NULL ? wf_persona_get_name (persona) : NULL,
                                  wf_card_get_title (card), wf_item_get_id (WF_ITEM (card)));
            }
        }
    }

  return g_string_free (out, FALSE);
}
