/* test-sheet.c — reading spreadsheet exports: separators, encodings, numbers, dates
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "storage/wf-sheet.h"

static WfSheet *
read_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  WfSheet *sheet = wf_sheet_read (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (sheet);

  return sheet;
}

static void
assert_row (WfSheet    *sheet,
            guint       row,
            guint       line,
            const char *first,
            ...)
{
  guint n;
  const char * const *fields = wf_sheet_get_row (sheet, row, &n);
  guint i = 0;
  va_list args;

  g_assert_cmpuint (wf_sheet_get_line (sheet, row), ==, line);

  va_start (args, first);
  for (const char *expected = first; expected != NULL; expected = va_arg (args, const char *))
    {
      g_assert_cmpuint (i, <, n);
      g_assert_cmpstr (fields[i], ==, expected);
      i++;
    }
  va_end (args);

  g_assert_cmpuint (i, ==, n);
}

static void
test_dutch_excel (void)
{
  /* "CSV UTF-8 (met scheidingstekens)" from a Dutch Excel: a byte order
   * mark, semicolons, CRLF, decimal commas. */
  g_autoptr(WfSheet) sheet =
    read_text ("\xEF\xBB\xBF" "fase;kaart;metriek;waarde;datum\r\n"
               "Aankoop;Afrekenen;Conversie;3,4%;31-10-2026\r\n"
               "Aankoop;;NPS;-12;1-11-2026\r\n");

  g_assert_cmpint (wf_sheet_get_separator (sheet), ==, ';');
  g_assert_cmpint (wf_sheet_get_decimal_mark (sheet), ==, ',');
  g_assert_cmpuint (wf_sheet_get_n_rows (sheet), ==, 3);
  assert_row (sheet, 0, 1, "fase", "kaart", "metriek", "waarde", "datum", NULL);
  assert_row (sheet, 1, 2, "Aankoop", "Afrekenen", "Conversie", "3,4%", "31-10-2026", NULL);
  assert_row (sheet, 2, 3, "Aankoop", "", "NPS", "-12", "1-11-2026", NULL);
}

static void
test_windows_1252 (void)
{
  /* Plain "CSV" from Excel: Windows-1252, where € is 0x80 and é 0xE9. */
  g_autoptr(WfSheet) sheet = read_text ("fase;waarde\r\nCaf\xE9;\x80 12,50\r\n");

  assert_row (sheet, 1, 2, "Café", "€ 12,50", NULL);
}

static void
test_quotes (void)
{
  /* LibreOffice in any locale: commas, and a field holding one quoted. */
  g_autoptr(WfSheet) sheet =
    read_text ("phase,card,metric,value\n"
               "Buy,\"Pay, then wait\",Conversion,\"3,4\"\n"
               "Buy,\"Say \"\"hi\"\"\nand more\",NPS,12\n"
               "\n"
               "Use,,Churn,0.05");

  g_assert_cmpint (wf_sheet_get_separator (sheet), ==, ',');
  g_assert_cmpint (wf_sheet_get_decimal_mark (sheet), ==, '.');
  g_assert_cmpuint (wf_sheet_get_n_rows (sheet), ==, 4);
  assert_row (sheet, 1, 2, "Buy", "Pay, then wait", "Conversion", "3,4", NULL);
  assert_row (sheet, 2, 3, "Buy", "Say \"hi\"\nand more", "NPS", "12", NULL);
  /* Line 5 is blank: the last row starts on line 6. */
  assert_row (sheet, 3, 6, "Use", "", "Churn", "0.05", NULL);
}

static void
test_tabs (void)
{
  g_autoptr(WfSheet) sheet = read_text ("phase\tvalue\rBuy\t1\r");

  g_assert_cmpint (wf_sheet_get_separator (sheet), ==, '\t');
  assert_row (sheet, 1, 2, "Buy", "1", NULL);
}

static void
test_bad (void)
{
  static const struct {
    const char *text;
    gsize       length;
    int         code;
    const char *message;
  } cases[] = {
    { "a,b\n\"open,1\n2,3\n", 0, WF_SHEET_ERROR_QUOTE, "Line 2: a quoted field is never closed" },
    { "", 0, WF_SHEET_ERROR_EMPTY, "The file has no rows" },
    { "\r\n\r\n  \n", 0, WF_SHEET_ERROR_EMPTY, "The file has no rows" },
    { "a,b\n\0\0", 7, WF_SHEET_ERROR_ENCODING, "The file is not text: it holds a zero byte" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].text);
      g_autoptr(WfSheet) sheet = wf_sheet_read (cases[i].text, length, &error);

      g_assert_null (sheet);
      g_assert_error (error, WF_SHEET_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WfSheet) sheet = NULL;

  /* Refused before a byte is read. */
  sheet = wf_sheet_read ("", (gsize) WF_SHEET_MAX_BYTES + 1, &error);
  g_assert_null (sheet);
  g_assert_error (error, WF_SHEET_ERROR, WF_SHEET_ERROR_TOO_LARGE);
}

static void
test_numbers (void)
{
  static const struct {
    const char *text;
    char        decimal_mark;
    double      value;
    gboolean    percent;
  } good[] = {
    { "3.4", '.', 3.4, FALSE },
    { "3,4", ',', 3.4, FALSE },
    { "3,4", '.', 3.4, FALSE },        /* a lone mark is a decimal mark */
    { "0,034", ',', 0.034, FALSE },
    { "3,4%", ',', 3.4, TRUE },
    { " 3,4 % ", ',', 3.4, TRUE },
    { "-12", ',', -12, FALSE },
    { "\xE2\x88\x92" "12", ',', -12, FALSE },  /* U+2212 */
    { "+7", '.', 7, FALSE },
    { "1.234,5", ',', 1234.5, FALSE },
    { "1,234.5", '.', 1234.5, FALSE },
    { "1.234.567", ',', 1234567, FALSE },
    { "1,234,567", '.', 1234567, FALSE },
    { "1.234", ',', 1234, FALSE },      /* a thousand in a Dutch sheet */
    { "1,234", '.', 1234, FALSE },      /* and in an American one */
    { "1.234", '.', 1.234, FALSE },
    { "1 234,5", ',', 1234.5, FALSE },
    { "1\xC2\xA0" "234,5", ',', 1234.5, FALSE },
    { "\xE2\x82\xAC 12,50", ',', 12.5, FALSE },
    { "12,50 \xE2\x82\xAC", ',', 12.5, FALSE },
    { "$1,200.00", '.', 1200, FALSE },
    { "1e-7", '.', 1e-7, FALSE },
    { ",5", ',', 0.5, FALSE },
  };
  static const char * const bad[] = {
    "", " ", "abc", "12abc", "1,2,3.4.5x", "nan", "inf", "1e999", "--1", "%", "€", "3,4%%", "12 kg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      double value = 0;
      gboolean percent = !good[i].percent;

      g_test_message ("“%s”", good[i].text);
      g_assert_true (wf_sheet_parse_number (good[i].text, good[i].decimal_mark, &value, &percent));
      g_assert_cmpfloat_with_epsilon (value, good[i].value, 1e-12);
      g_assert_cmpint (percent, ==, good[i].percent);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double value = 0;

      g_test_message ("“%s”", bad[i]);
      g_assert_false (wf_sheet_parse_number (bad[i], ',', &value, NULL));
    }
}

static void
test_dates (void)
{
  static const struct {
    const char *text;
    char        separator;
    guint       day, month, year;
  } good[] = {
    { "2026-10-31", ';', 31, 10, 2026 },
    { "2026-10-31T09:30:00Z", ',', 31, 10, 2026 },
    { "2026-10-31 09:30", ',', 31, 10, 2026 },
    { "31-10-2026", ';', 31, 10, 2026 },
    { "1-11-2026", ';', 1, 11, 2026 },
    { "31.10.2026", ';', 31, 10, 2026 },
    { "31-10-26", ';', 31, 10, 2026 },
    { "31/10/2026", ';', 31, 10, 2026 },
    { "10/31/2026", ',', 31, 10, 2026 },   /* American */
    { "10/31/26", ',', 31, 10, 2026 },
    { "31/10/2026", ',', 31, 10, 2026 },   /* only day/month can be meant */
    { "2/3/2026", ',', 3, 2, 2026 },
    { "2/3/2026", ';', 2, 3, 2026 },
    { "29-2-2028", ';', 29, 2, 2028 },
  };
  static const char * const bad[] = {
    "", "31-10", "2026-13-01", "31-02-2026", "29-2-2027", "2026/10/31", "31-10-2026x",
    "yesterday", "12345-1-1", "1-1-123",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      GDate date;

      g_test_message ("“%s”", good[i].text);
      g_assert_true (wf_sheet_parse_date (good[i].text, good[i].separator, &date));
      g_assert_cmpuint (g_date_get_day (&date), ==, good[i].day);
      g_assert_cmpuint (g_date_get_month (&date), ==, good[i].month);
      g_assert_cmpuint (g_date_get_year (&date), ==, good[i].year);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      GDate date;

      g_test_message ("“%s”", bad[i]);
      g_assert_false (wf_sheet_parse_date (bad[i], ';', &date));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheet/dutch-excel", test_dutch_excel);
  g_test_add_func ("/sheet/windows-1252", test_windows_1252);
  g_test_add_func ("/sheet/quotes", test_quotes);
  g_test_add_func ("/sheet/tabs", test_tabs);
  g_test_add_func ("/sheet/bad", test_bad);
  g_test_add_func ("/sheet/too-large", test_too_large);
  g_test_add_func ("/sheet/numbers", test_numbers);
  g_test_add_func ("/sheet/dates", test_dates);

  return g_test_run ();
}
