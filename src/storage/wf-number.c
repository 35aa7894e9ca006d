/* wf-number.c — numbers as the shortest text that reads back the same
 *
 * The .journey writer and the CSV export write metrics and sizes this
 * way, so that a document read back holds the very same doubles.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <math.h>

#include "wf-number.h"

/**
 * wf_format_double:
 * @buf: a buffer of %G_ASCII_DTOSTR_BUF_SIZE bytes
 * @value: a finite number
 *
 * Writes the shortest text that g_ascii_strtod() reads back as @value,
 * in the C locale: `0.1`, `0.3333333333333333`, `1e+300`, `-0`.
 *
 * Returns: @buf
 */
const char *
wf_format_double (char   buf[G_ASCII_DTOSTR_BUF_SIZE],
                  double value)
{
  static const char * const formats[] = {
    NULL, "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g", "%.8g", "%.9g",
    "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g", "%.16g", "%.17g",
  };
  int precision = 15;

  g_return_val_if_fail (buf != NULL, NULL);
  g_return_val_if_fail (isfinite (value), NULL);

  /* Of a normal number, a text of 15 digits or fewer that reads back, if
   * there is one, is what %.15g writes (%g drops the trailing zeros).
   * A subnormal one has fewer bits: 5e-324 needs only one digit.
   */
  if (value != 0 && fabs (value) < DBL_MIN)
    precision = 1;

  for (; precision <= 17; precision++)
    {
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, formats[precision], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  return buf;
}
