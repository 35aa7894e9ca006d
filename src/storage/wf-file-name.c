/* wf-file-name.c — file names made from what people type
 *
 * A journey's or a map's title becomes the name that Save As, Export and
 * Print to File suggest, and the numbered names of an export with a file
 * per map. A title is any text: "../../tmp/x", "a/b", "..", a line break,
 * 500 characters. Every such name goes through wf_file_name_make_safe(),
 * so that it names a file in the folder the person sees, and nowhere else.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-file-name.h"

/* Characters that turn the text that follows around (U+202E makes
 * "x\u202Egnp.exe" look like "xexe.png"): dropped.
 */
static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x200E || c == 0x200F || c == 0x061C ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

static void
append_space (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');
}

/* Drops spaces, dots (".", "..", a hidden file) and dashes (an option,
 * in a terminal) at the start of @out.
 */
static void
trim_start (GString *out)
{
  const char *p = out->str;

  while (*p == '.' || *p == '-' || g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  g_string_erase (out, 0, p - out->str);
}

static void
trim_end (GString *out)
{
  while (out->len > 0)
    {
      const char *last = g_utf8_find_prev_char (out->str, out->str + out->len);

      if (last == NULL || !g_unichar_isspace (g_utf8_get_char (last)))
        break;
      g_string_truncate (out, last - out->str);
    }
}

/* Shortens @out to at most @max bytes, between two characters. */
static void
truncate_utf8 (GString *out,
               gsize    max)
{
  gsize end = max;

  if (out->len <= max)
    return;

  while (end > 0 && (out->str[end] & 0xC0) == 0x80)
    end--;
  g_string_truncate (out, end);
}

/**
 * wf_file_name_make_safe:
 * @text: (nullable): what the name is made of: a title, or the name a
 *   person chose without its extension; UTF-8 (invalid bytes become U+FFFD)
 * @suffix: (nullable): added as it is: ".journey", "-2.png"
 *
 * Makes a file name of @text that names a file in the folder it is put
 * in: `/` and `\` become `-`; control characters (line breaks, tabs, a
 * zero byte cannot occur) become a space; characters that reverse the
 * direction of text are dropped; spaces, dots and dashes at the start
 * (`..`, a hidden file, an option) and spaces at the end go: "../../tmp/x"
 * becomes "tmp-x". The name is at most
 * %WF_FILE_NAME_MAX bytes with @suffix, cut between two characters. When
 * nothing is left, the name is “Journey” in the user's language.
 *
 * Returns: (transfer full): the file name, UTF-8, never empty
 */
char *
wf_file_name_make_safe (const char *text,
                        const char *suffix)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);
  gsize suffix_len;

  if (suffix == NULL)
    suffix = "";
  suffix_len = strlen (suffix);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\')
        g_string_append_c (out, '-');
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        append_space (out);
      else if (!is_bidi_control (c))
        g_string_append_unichar (out, c);
    }

  trim_start (out);
  truncate_utf8 (out, WF_FILE_NAME_MAX > suffix_len ? WF_FILE_NAME_MAX - suffix_len : 0);
  trim_end (out);

  if (out->len == 0)
    g_string_append (out, _("Journey"));

  g_string_append (out, suffix);

  return g_string_free (out, FALSE);
}
