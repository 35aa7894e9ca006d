/* wf-sheet.c — spreadsheet exports (CSV) as Excel and LibreOffice write them
 *
 * Teams bring their figures as spreadsheet exports, and those differ by
 * program and by locale. A Dutch Excel writes `fase;waarde` with
 * `3,4%` and `31-10-2026`, in Windows-1252 unless asked for UTF-8 (then
 * with a byte order mark); an American LibreOffice writes `phase,value`
 * with `0.034` and `10/31/26`. Lines end in CRLF, and a field holding the
 * separator, a quote or a line break is quoted ("a ""b"" c").
 *
 * wf_sheet_read() finds out which of these a file is: its encoding, its
 * separator (the one of `;`, `,` and tab that splits the first lines into
 * the same number of fields, more than one) and its decimal mark (a
 * comma for files separated by `;`, as the locales that use one do), and
 * splits it into rows of fields with the line each row starts on, for
 * messages. The parsers of numbers and dates read what such files hold.

 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wf-sheet.h"

struct _WfSheet
{
  char       separator;
  char       decimal_mark;
  GPtrArray *rows;      /* GStrv */
  GArray    *lines;     /* guint: the line each row starts on, from 1 */
};

G_DEFINE_QUARK (wf-sheet-error-quark, wf_sheet_error)

/* Splitting */

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
} Cursor;

/* Reads one record from @c, separated by @sep, into @fields (if given).
 * Returns FALSE at the end of the text; sets @error for a quote that is
 * never closed.
 */
static gboolean
read_record (Cursor     *c,
             char        sep,
             GPtrArray  *fields,
             GError    **error)
{
  g_autoptr(GString) field = g_string_new (NULL);
  guint start_line = c->line;

  if (c->p >= c->end)
    return FALSE;

  for (;;)
    {
      g_string_truncate (field, 0);

      if (c->p < c->end && *c->p == '"')
        {
          c->p++;
          for (;;)
            {
              if (c->p >= c->end)
                {
                  g_set_error (error, WF_SHEET_ERROR, WF_SHEET_ERROR_QUOTE,
                               /* Translators: %u is a line number */
                               _("Line %u: a quoted field is never closed"), start_line);
                  return FALSE;
                }
              if (*c->p == '"')
                {
                  if (c->p + 1 < c->end && c->p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      c->p += 2;
                      continue;
                    }
                  c->p++;
                  break;
                }
              if (*c->p == '\n')
                c->line++;
              g_string_append_c (field, *c->p++);
            }
        }

      /* The rest of the field: after a closing quote, text up to the
       * separator is kept as a spreadsheet keeps it. */
      while (c->p < c->end && *c->p != sep && *c->p != '\n' && *c->p != '\r')
        g_string_append_c (field, *c->p++);

      if (fields != NULL)
        g_ptr_array_add (fields, g_strndup (field->str, field->len));

      if (c->p < c->end && *c->p == sep)
        {
          c->p++;
          continue;
        }

      /* The end of the record: CRLF, LF or a lone CR. */
      if (c->p < c->end && *c->p == '\r')
        c->p++;
      if (c->p < c->end && *c->p == '\n')
        c->p++;
      c->line++;
      return TRUE;
    }
}

static gboolean
is_blank_record (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *f = g_ptr_array_index (fields, i);

      for (; *f; f++)
        if (!g_ascii_isspace (*f))
          return FALSE;
    }

  return TRUE;
}

/* The number of fields @sep splits each of the first records into, if
 * it is the same for all of them (blank lines aside); 0 if not.
 */
static guint
score_separator (const char *text,
                 gsize       length,
                 char        sep)
{
  Cursor c = { text, text + length, 1 };
  guint n = 0;

  for (guint records = 0; records < 20; records++)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

      if (!read_record (&c, sep, fields, NULL))
        break;
      if (is_blank_record (fields))
        continue;
      if (n != 0 && fields->len != n)
        return 0;
      n = fields->len;
    }

  return n > 1 ? n : 0;
}

static char
detect_separator (const char *text,
                  gsize       length)
{
  static const char candidates[] = { ';', ',', '\t' };
  char best = ',';
  guint best_score = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint score = score_separator (text, length, candidates[i]);

      if (score > best_score)
        {
          best = candidates[i];
          best_score = score;
        }
    }

  return best;
}

/**
 * wf_sheet_read:
 * @data: the bytes of a CSV file
 * @length: their length
 *
 * Reads a spreadsheet export. Blank lines are left out.
 *
 * Returns: (transfer full) (nullable): the sheet, or %NULL with @error set
 *   (WF_SHEET_ERROR) for a file too large, not text, with an unclosed
 *   quote, or without a row
 */
WfSheet *
wf_sheet_read (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autofree char *converted = NULL;
  g_autoptr(WfSheet) sheet = NULL;
  const char *text = data;
  Cursor c;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > WF_SHEET_MAX_BYTES)
    {
      g_set_error (error, WF_SHEET_ERROR, WF_SHEET_ERROR_TOO_LARGE,
                   _("The file is larger than %u MB; split it into smaller files"),
                   WF_SHEET_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  /* A byte order mark, from "CSV UTF-8"; else UTF-8 or, as Excel writes
   * plain CSV in western locales, Windows-1252. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, WF_SHEET_ERROR, WF_SHEET_ERROR_ENCODING,
                   _("The file is not text: it holds a zero byte"));
      return NULL;
    }

  if (!g_utf8_validate_len (text, length, NULL))
    {
      gsize written = 0;

      converted = g_convert (text, length, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
      if (converted == NULL)
        {
          g_set_error (error, WF_SHEET_ERROR, WF_SHEET_ERROR_ENCODING,
                       _("The file is neither UTF-8 nor Windows-1252 text"));
          return NULL;
        }
      text = converted;
      length = written;
    }

  sheet = g_new0 (WfSheet, 1);
  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sheet->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  sheet->separator = detect_separator (text, length);
  sheet->decimal_mark = sheet->separator == ';' ? ',' : '.';

  c = (Cursor) { text, text + length, 1 };
  for (;;)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      guint line = c.line;
      GError *local_error = NULL;

      if (!read_record (&c, sheet->separator, fields, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          break;
        }

      if (is_blank_record (fields))
        continue;

      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (sheet->rows, g_ptr_array_steal (fields, NULL));
      g_array_append_val (sheet->lines, line);
    }

  if (sheet->rows->len == 0)
    {
      g_set_error (error, WF_SHEET_ERROR, WF_SHEET_ERROR_EMPTY, _("The file has no rows"));
      return NULL;
    }

  return g_steal_pointer (&sheet);
}

void
wf_sheet_free (WfSheet *sheet)
{
  if (sheet == NULL)
    return;

  g_clear_pointer (&sheet->rows, g_ptr_array_unref);
  g_clear_pointer (&sheet->lines, g_array_unref);
  g_free (sheet);
}

/**
 * wf_sheet_get_separator:
 *
 * Returns: the separator found: ';', ',' or a tab
 */
char
wf_sheet_get_separator (WfSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, ',');

  return sheet->separator;
}

/**
 * wf_sheet_get_decimal_mark:
 *
 * Returns: the decimal mark a number of this sheet most likely uses: a
 *   comma when fields are separated by semicolons, else a point. See
 *   wf_sheet_parse_number() for how a number says otherwise.
 */
char
wf_sheet_get_decimal_mark (WfSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, '.');

  return sheet->decimal_mark;
}

guint
wf_sheet_get_n_rows (WfSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);

  return sheet->rows->len;
}

/**
 * wf_sheet_get_row:
 * @n_fields: (out) (optional): the number of fields
 *
 * Returns: (transfer none) (array zero-terminated=1): the fields of @row
 */
const char * const *
wf_sheet_get_row (WfSheet *sheet,
                  guint    row,
                  guint   *n_fields)
{
  const char * const *fields;

  g_return_val_if_fail (sheet != NULL, NULL);
  g_return_val_if_fail (row < sheet->rows->len, NULL);

  fields = g_ptr_array_index (sheet->rows, row);
  if (n_fields != NULL)
    *n_fields = g_strv_length ((char **) fields);

  return fields;
}

/**
 * wf_sheet_get_line:
 *
 * Returns: the line of the file @row starts on, counted from 1
 */
guint
wf_sheet_get_line (WfSheet *sheet,
                   guint    row)
{
  g_return_val_if_fail (sheet != NULL, 0);
  g_return_val_if_fail (row < sheet->rows->len, 0);

  return g_array_index (sheet->lines, guint, row);
}

/* Numbers */

/* Skips spaces, also the no-break spaces that separate thousands and
 * currency symbols in some locales. */
static const char *
skip_space (const char *p)
{
  for (;;)
    {
      if (*p == ' ' || *p == '\t')
        p++;
      else if (g_str_has_prefix (p, "\xC2\xA0"))          /* U+00A0 */
        p += 2;
      else if (g_str_has_prefix (p, "\xE2\x80\xAF") ||    /* U+202F */
               g_str_has_prefix (p, "\xE2\x80\x89"))      /* U+2009 */
        p += 3;
      else
        return p;
    }
}

static const char *
skip_currency (const char *p)
{
  static const char * const symbols[] = { "\xE2\x82\xAC" /* € */, "$", "\xC2\xA3" /* £ */, "EUR", "USD", "GBP" };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_str_has_prefix (p, symbols[i]))
      return skip_space (p + strlen (symbols[i]));

  return p;
}

/**
 * wf_sheet_parse_number:
 * @text: a field
 * @decimal_mark: the sheet's decimal mark, '.' or ','
 * @value: (out): the number
 * @percent: (out) (optional): whether it was written as a percentage
 *
 * Reads a number as spreadsheets write it: `3.4`, `3,4`, `-12`,
 * `−12` (a minus sign), `1.234,5`, `1,234.5`, `1 234,5`, `3,4%`, `€ 12`,
 * `1e-7`. A percentage keeps the number shown (`3,4%` is 3.4, with
 * @percent set).
 *
 * Which of point and comma is the decimal mark: the later of the two
 * when a number has both; a mark that appears more than once separates
 * thousands; a single mark followed by exactly three digits in a number
 * that also has the other mark (or when it is not @decimal_mark)
 * separates thousands; otherwise a single mark is the decimal mark.
 *
 * Returns: whether @text is a finite number and nothing else
 */
gboolean
wf_sheet_parse_number (const char *text,
                       char        decimal_mark,
                       double     *value,
                       gboolean   *percent)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *p, *end;
  const char *last_point, *last_comma;
  guint n_points = 0, n_commas = 0;
  gboolean negative = FALSE, is_percent = FALSE;
  char decimal;
  char *rest = NULL;
  double v;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  p = skip_currency (skip_space (text));
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  else if (g_str_has_prefix (p, "\xE2\x88\x92"))   /* U+2212 minus */
    {
      negative = TRUE;
      p += 3;
    }
  p = skip_currency (skip_space (p));

  /* The end, before spaces, a percent sign or a currency. */
  end = p + strlen (p);
  for (;;)
    {
      const char *before = end;

      while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
      if (end - p >= 2 && memcmp (end - 2, "\xC2\xA0", 2) == 0)
        end -= 2;
      if (end > p && end[-1] == '%' && !is_percent)
        {
          is_percent = TRUE;
          end--;
        }
      if (end - p >= 3 && memcmp (end - 3, "\xE2\x82\xAC", 3) == 0)
        end -= 3;
      if (end == before)
        break;
    }

  if (end == p || (!g_ascii_isdigit (*p) && *p != '.' && *p != ','))
    return FALSE;

  last_point = last_comma = NULL;
  for (const char *q = p; q < end; q++)
    {
      if (*q == '.')
        {
          n_points++;
          last_point = q;
        }
      else if (*q == ',')
        {
          n_commas++;
          last_comma = q;
        }
      else if (*q == 'e' || *q == 'E')
        break;
    }

  if (n_points > 0 && n_commas > 0)
    decimal = last_point > last_comma ? '.' : ',';
  else if (n_points > 1)
    decimal = ',';
  else if (n_commas > 1)
    decimal = '.';
  else if (n_points == 1 || n_commas == 1)
    {
      char mark = n_points == 1 ? '.' : ',';
      const char *at = n_points == 1 ? last_point : last_comma;
      gsize digits = 0;

      for (const char *q = at + 1; q < end && g_ascii_isdigit (*q); q++)
        digits++;

      /* "1.234" in a sheet whose decimal mark is a comma is a thousand. */
      if (mark != decimal_mark && digits == 3 && at + 4 == end && at > p)
        decimal = mark == '.' ? ',' : '.';
      else
        decimal = mark;
    }
  else
    decimal = '.';

  for (const char *q = p; q < end; q++)
    {
      if (*q == decimal)
        g_string_append_c (clean, '.');
      else if (*q == '.' || *q == ',' || *q == '\'')
        continue;   /* thousands */
      else if (*q == ' ')
        continue;
      else if ((guchar) *q == 0xC2 && q + 1 < end && (guchar) q[1] == 0xA0)
        q++;
      else if ((guchar) *q == 0xE2 && q + 2 < end && (guchar) q[1] == 0x80 &&
               ((guchar) q[2] == 0xAF || (guchar) q[2] == 0x89))
        q += 2;
      else if (g_ascii_isdigit (*q) || *q == 'e' || *q == 'E' || *q == '-' || *q == '+')
        g_string_append_c (clean, *q);
      else
        return FALSE;
    }

  if (clean->len == 0)
    return FALSE;

  v = g_ascii_strtod (clean->str, &rest);
  if (rest == clean->str || *rest != '\0' || !isfinite (v))
    return FALSE;

  *value = negative ? -v : v;
  if (percent != NULL)
    *percent = is_percent;

  return TRUE;
}

/* Dates */

static gboolean
read_uint (const char **p,
           guint        max_digits,
           guint       *out,
           guint       *n_digits)
{
  guint v = 0, n = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  *out = v;
  *n_digits = n;

  return n > 0;
}

/**
 * wf_sheet_parse_date:
 * @text: a field
 * @separator: the sheet's field separator, a hint for dates with slashes
 * @date: (out caller-allocates): the date
 *
 * Reads a date: ISO 8601 (`2026-10-31`, also with a time after it, which
 * is left out), day-month-year with `-`, `.` or `/` (`31-10-2026`,
 * `31.10.2026`, `31/10/26`), or, in a sheet separated by commas as
 * American ones are, month/day/year (`10/31/2026`) unless the numbers
 * can only be day/month. A two-digit year is in this century.
 *
 * Returns: whether @text is a valid date
 */
gboolean
wf_sheet_parse_date (const char *text,
                     char        separator,
                     GDate      *date)
{
  const char *p;
  guint a, b, c, na, nb, nc;
  guint day, month, year;
  char mark;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  p = skip_space (text);
  if (!read_uint (&p, 4, &a, &na))
    return FALSE;
  mark = *p;
  if (mark != '-' && mark != '.' && mark != '/')
    return FALSE;
  p++;
  if (!read_uint (&p, 2, &b, &nb) || *p != mark)
    return FALSE;
  p++;
  if (!read_uint (&p, 4, &c, &nc))
    return FALSE;

  if (na == 4)
    {
      /* ISO: year-month-day, maybe followed by a time. */
      if (mark != '-' || nc > 2)
        return FALSE;
      year = a;
      month = b;
      day = c;
      if (*p == 'T' || *p == ' ')
        p += strlen (p);
    }
  else
    {
      if (na > 2 || (nc != 2 && nc != 4))
        return FALSE;
      year = nc == 2 ? 2000 + c : c;
      if (mark == '/' && separator == ',' && a <= 12)
        {
          month = a;
          day = b;
        }
      else
        {
          day = a;
          month = b;
        }
    }

  if (*skip_space (p) != '\0')
    return FALSE;

  if (year < 1 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);

  return TRUE;
}
