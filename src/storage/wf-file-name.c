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
#include "wf-quote.h"


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

/**
 * wf_file_name_cut:
 * @name: UTF-8
 * @max: the most bytes to keep
 *
 * Returns: how many bytes of @name to keep so that it has at most @max,
 *   cut between two characters
 */
gsize
wf_file_name_cut (const char *name,
                  gsize       max)
{
  gsize length = strlen (name);

  if (length <= max)
    return length;

  while (max > 0 && (name[max] & 0xC0) == 0x80)
    max--;
  return max;
}

static void
truncate_utf8 (GString *out,
               gsize    max)
{
  g_string_truncate (out, wf_file_name_cut (out->str, max));
}

/**
 * wf_file_name_fit:
 * @name: a name a person chose, UTF-8
 * @suffix: added as it is: "-2.png"
 *
 * Returns: (transfer full): @name, cut between two characters where it
 *   has to be for @suffix to fit in %WF_FILE_NAME_MAX bytes, then @suffix;
 *   the name is kept as the person wrote it
 */
char *
wf_file_name_fit (const char *name,
                  const char *suffix)
{
  gsize suffix_len = strlen (suffix);
  gsize keep = wf_file_name_cut (name, WF_FILE_NAME_MAX > suffix_len ? WF_FILE_NAME_MAX - suffix_len : 0);

  return g_strdup_printf ("%.*s%s", (int) keep, name, suffix);
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
      else if (!wf_quote_is_direction_mark (c))
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
