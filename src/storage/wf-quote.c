/* wf-quote.c — short, one-line excerpts of values quoted in messages
 *
 * A message that quotes a value from a file ("“#12345” is not a colour")
 * quotes at most an excerpt of it: a file may hold a colour of a million
 * characters, and a message that long hangs whatever shows it (a dialog
 * measures all of it with Pango) and floods a terminal. The excerpt is
 * also one line, without characters that move the cursor or turn the
 * text's direction, so that the message reads as the reader wrote it.
 * Only as much of the value as is quoted is ever looked at.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wf-quote.h"

#define ELLIPSIS "\xe2\x80\xa6"   /* … */

/* Controls, line and paragraph separators, and the marks that change the
 * direction of the text after them.
 */
static gboolean
needs_escape (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return TRUE;
    default:
      break;
    }

  return wf_quote_is_direction_mark (c);
}

/**
 * wf_quote_is_direction_mark:
 *
 * Returns: whether @c changes the direction of the text after it
 *   (U+202E makes "x\u202Egnp.exe" look like "xexe.png")
 */
gboolean
wf_quote_is_direction_mark (gunichar c)
{
  return c == 0x061c ||                   /* Arabic letter mark */
         c == 0x200e || c == 0x200f ||    /* left-to-right, right-to-left mark */
         (c >= 0x202a && c <= 0x202e) ||  /* embeddings and overrides */
         (c >= 0x2066 && c <= 0x2069);    /* isolates */
}

/* What stands for @c in the excerpt: "\n", "\t", "\r" or "\u001B". */
static void
escape (char     buf[8],
        gunichar c)
{
  switch (c)
    {
    case '\n': g_strlcpy (buf, "\\n", 8); break;
    case '\r': g_strlcpy (buf, "\\r", 8); break;
    case '\t': g_strlcpy (buf, "\\t", 8); break;
    default:   g_snprintf (buf, 8, "\\u%04X", c); break;
    }
}

/**
 * wf_quote_excerpt_len:
 * @text: (nullable): a value, as read from a file: any bytes
 * @length: the length of @text in bytes, or -1 if it ends with a NUL
 * @max_chars: how many characters the excerpt may have, without the
 *   ellipsis
 *
 * The beginning of @text as a message may quote it: at most @max_chars
 * characters, cut at a character's boundary and followed by “…” when some
 * of @text is left out; control characters (newlines too), separators and
 * direction marks are written as escapes such as `\n` and `\u001B`, and
 * bytes that are not UTF-8 as `\xFF`, so the excerpt is one line of valid
 * UTF-8. It reads at most @max_chars characters of @text, however long
 * @text is.
 *
 * Returns: (transfer full): the excerpt
 */
char *
wf_quote_excerpt_len (const char *text,
                      gssize      length,
                      guint       max_chars)
{
  GString *out;
  const char *p, *end;
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");

  p = text;
  end = length >= 0 ? text + length : NULL;
  out = g_string_sized_new (MIN (max_chars, 256) + 4);

  while (end != NULL ? p < end : *p != '\0')
    {
      gssize left = end != NULL ? end - p : -1;
      gunichar c = g_utf8_get_char_validated (p, left);
      char buf[8];
      const char *piece;
      gsize piece_len, piece_chars, consumed;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8, or a NUL inside @length: one byte at a time. */
          g_snprintf (buf, sizeof buf, "\\x%02X", (guchar) *p);
          piece = buf;
          piece_len = piece_chars = strlen (buf);
          consumed = 1;
        }
      else if (needs_escape (c))
        {
          escape (buf, c);
          piece = buf;
          piece_len = piece_chars = strlen (buf);
          consumed = g_utf8_next_char (p) - p;
        }
      else
        {
          piece = p;
          piece_len = consumed = g_utf8_next_char (p) - p;
          piece_chars = 1;
        }

      if (n + piece_chars > max_chars)
        {
          g_string_append (out, ELLIPSIS);
          break;
        }

      g_string_append_len (out, piece, piece_len);
      n += piece_chars;
      p += consumed;
    }

  return g_string_free (out, FALSE);
}

/**
 * wf_quote_excerpt:
 * @text: (nullable): a value from a file, ending with a NUL
 *
 * wf_quote_excerpt_len() of @text with at most %WF_QUOTE_MAX_CHARS
 * characters: what every message that quotes a value from a file quotes.
 *
 * Returns: (transfer full): the excerpt
 */
char *
wf_quote_excerpt (const char *text)
{
  return wf_quote_excerpt_len (text, -1, WF_QUOTE_MAX_CHARS);
}
