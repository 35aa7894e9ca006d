/* wf-team-keys.c — position keys: the order of siblings in a team document
 *
 * In a team document the order of siblings (personas, maps, the phases,
 * lanes and links of a map, the cards of a cell) travels as a key per
 * item, not as an index, so that two people inserting at one place both
 * keep their items (docs/team-library.md, "Position keys").
 *
 * A key is one or more of the digits 0-9A-Za-z, in that order, which is
 * also the order of their bytes: keys compare with strcmp(), as the
 * server's COLLATE "C" does, and items with equal keys by their ids. Read
 * a key as the digits after the point of a number between 0 and 1 in
 * base 62: "V" is about a half. No key ends in "0", so that there is
 * always a key before any key ("1" < "0z" < "0zV"), and two keys that
 * compare as strings compare as such numbers.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wf-team-keys.h"

#define N_DIGITS 62

/* 62^10 still fits in 63 bits. */
#define MAX_SPREAD_DIGITS 10

static const char digits[N_DIGITS + 1] =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static gboolean
is_digit (char c)
{
  return g_ascii_isdigit (c) || g_ascii_isupper (c) || g_ascii_islower (c);
}

static int
digit_value (char c)
{
  if (g_ascii_isdigit (c))
    return c - '0';
  if (g_ascii_isupper (c))
    return c - 'A' + 10;
  g_assert (g_ascii_islower (c));
  return c - 'a' + 36;
}

/* The shortest key after @before, the smallest of them: the one next to
 * it, so that appending one item after another uses every digit at one
 * length ("V", "W", … "z", "z1", … "zz", "zz1") before the keys grow. */
static char *
key_after (const char *before)
{
  gsize i = strspn (before, "z");

  if (before[i] == '\0')
    return g_strconcat (before, "1", NULL);

  return g_strdup_printf ("%.*s%c", (int) i, before,
                          digits[digit_value (before[i]) + 1]);
}

/* The shortest key before @after, the greatest of them. */
static char *
key_before (const char *after)
{
  gsize i = strspn (after, "0");

  g_assert (after[i] != '\0');

  /* "V3" → "V": a key comes before the longer ones it begins. */
  if (after[i + 1] != '\0')
    return g_strndup (after, i + 1);

  if (after[i] != '1')
    return g_strdup_printf ("%.*s%c", (int) i, after,
                            digits[digit_value (after[i]) - 1]);

  /* "01" → "00z": "00" would end in "0". */
  return g_strdup_printf ("%.*s0z", (int) i, after);
}

/* Moves what *@a and *@b begin with (reading *@a as if followed by
 * zeros) onto @out, and past it in both; nothing when *@b is the end.
 */
static void
take_common (GString     *out,
             const char **a,
             const char **b)
{
  gsize a_len = strlen (*a);
  gsize n = 0;

  if (*b == NULL)
    return;

  while ((n < a_len ? (*a)[n] : '0') == (*b)[n])
    n++;
  g_string_append_len (out, *b, n);
  *a += MIN (n, a_len);
  *b += n;
}

/* The shortest key between @before and @after (%NULL: the end), as near
 * their middle as the digits allow; @before is "" at the list's start. */
static char *
key_midpoint (const char *before,
              const char *after)
{
  GString *key = g_string_new (NULL);
  const char *a = before;
  const char *b = after;

  for (;;)
    {
      int da;
      int db;

      take_common (key, &a, &b);

      da = a[0] != '\0' ? digit_value (a[0]) : 0;
      db = b != NULL ? digit_value (b[0]) : N_DIGITS;
      g_assert (da < db);

      /* Rounded down: items inserted one after another before the same
       * neighbour, the commoner way, then get about six keys of a length
       * ("V", "k", "s", "w", "y", "z"), and those inserted one before
       * another after the same neighbour about five. */
      if (db - da > 1)
        {
          g_string_append_c (key, digits[(da + db) / 2]);
          break;
        }

      /* Neighbouring digits: "V" < "W" < "W3". */
      if (b != NULL && b[1] != '\0')
        {
          g_string_append_c (key, b[0]);
          break;
        }

      /* Between "V3" and "W" lie "V" followed by what comes after "3". */
      g_string_append_c (key, digits[da]);
      if (a[0] != '\0')
        a++;
      b = NULL;
    }

  return g_string_free (key, FALSE);
}

/* The number the first @len digits of @key make, as if it were followed by
 * zeros. */
static guint64
leading_value (const char *key,
               guint       len)
{
  guint64 value = 0;
  gboolean ended = FALSE;

  for (guint i = 0; i < len; i++)
    {
      ended = ended || key[i] == '\0';
      value = value * N_DIGITS + (ended ? 0 : digit_value (key[i]));
    }

  return value;
}

/* @n keys halving the space between @before and @after (nullable); for
 * neighbours so close that spread() cannot count what lies between them. */
static void
bisect (const char  *before,
        const char  *after,
        char       **keys,
        guint        n)
{
  guint middle = n / 2;

  keys[middle] = key_midpoint (before != NULL ? before : "", after);
  if (middle > 0)
    bisect (before, keys[middle], keys, middle);
  if (n - middle - 1 > 0)
    bisect (keys[middle], after, keys + middle + 1, n - middle - 1);
}

/* @n keys, increasing, at even steps between @before and @after (nullable),
 * as short as such steps allow: 10,000 new cards in an empty cell get
 * keys of three digits. */
static void
spread (const char  *before,
        const char  *after,
        char       **keys,
        guint        n)
{
  g_autoptr(GString) prefix = g_string_new (NULL);
  const char *a = before != NULL ? before : "";
  const char *b = after;

  /* Take off the digits that every key between the two begins with: what
   * both begin with, and a last digit of @a followed by nothing but the
   * end ("V3" and "W", "z3" and the end). */
  for (;;)
    {
      int da;
      int db;

      take_common (prefix, &a, &b);

      da = a[0] != '\0' ? digit_value (a[0]) : 0;
      db = b != NULL ? digit_value (b[0]) : N_DIGITS;
      if (db - da != 1 || (b != NULL && b[1] != '\0'))
        break;

      g_string_append_c (prefix, digits[da]);
      if (a[0] != '\0')
        a++;
      b = NULL;
    }

  /* Count the keys of @len more digits between the two (numbers from
   * @first to @last) until there are enough. */
  for (guint len = 1; len <= MAX_SPREAD_DIGITS; len++)
    {
      guint64 first = leading_value (a, len) + 1;
      guint64 last;
      guint64 width;
      guint64 step;
      guint64 rest;

      if (b == NULL)
        {
          last = 1;
          for (guint i = 0; i < len; i++)
            last *= N_DIGITS;
          last--;
        }
      else
        {
          last = leading_value (b, len);
          if (strlen (b) <= len)
            last--;
        }
      if (last < first || last - first + 1 < n)
        continue;

      /* Steps of width / (n + 1) from first - 1, without overflowing. */
      width = last - first + 2;
      step = width / (n + 1);
      rest = width % (n + 1);
      for (guint i = 0; i < n; i++)
        {
          guint64 value = first - 1 + (i + 1) * step + ((guint64) (i + 1) * rest) / (n + 1);
          GString *key = g_string_new (prefix->str);
          gsize end;

          g_string_set_size (key, prefix->len + len);
          for (guint j = len; j-- > 0;)
            {
              key->str[prefix->len + j] = digits[value % N_DIGITS];
              value /= N_DIGITS;
            }
          end = key->len;
          while (key->str[end - 1] == '0')
            end--;
          g_string_truncate (key, end);
          keys[i] = g_string_free (key, FALSE);
        }
      return;
    }

  bisect (before, after, keys, n);
}

/**
 * wf_team_key_is_valid:
 * @key: (nullable): a position key
 *
 * Returns: whether @key is one or more of the digits 0-9A-Za-z, not
 *   ending in "0"
 */
gboolean
wf_team_key_is_valid (const char *key)
{
  gsize i;

  if (key == NULL || key[0] == '\0')
    return FALSE;

  for (i = 0; key[i] != '\0'; i++)
    if (!is_digit (key[i]))
      return FALSE;

  return key[i - 1] != '0';
}

/**
 * wf_team_key_between:
 * @before: (nullable): the key of the item before, %NULL at the start
 * @after: (nullable): the key of the item after, %NULL at the end
 *
 * Gives a key for an item put between two neighbours: the shortest key
 * strictly between theirs. "V" in an empty list. At a list's end, the
 * shortest key next to its neighbour's ("W" after "V"), so that items
 * appended one by one use a length's every digit before their keys grow
 * (61 of them); between two keys, the shortest one nearest their middle,
 * so that items inserted at one place make their keys a digit longer only
 * about every sixth time (every fifth, inserted each after the same
 * neighbour).
 *
 * @before must come before @after. Neighbours with equal keys (two
 * clients chose the same key at once) have no key between them: the
 * caller gives the right one a new key too, as wf_team_keys_assign() does.
 *
 * Returns: (transfer full): the new key, or %NULL if the neighbours'
 *   keys are not valid or not in order
 */
char *
wf_team_key_between (const char *before,
                     const char *after)
{
  g_return_val_if_fail (before == NULL || wf_team_key_is_valid (before), NULL);
  g_return_val_if_fail (after == NULL || wf_team_key_is_valid (after), NULL);
  g_return_val_if_fail (before == NULL || after == NULL || strcmp (before, after) < 0, NULL);

  if (before == NULL && after == NULL)
    return g_strdup ("V");
  if (after == NULL)
    return key_after (before);
  if (before == NULL)
    return key_before (after);

  return key_midpoint (before, after);
}

/**
 * wf_team_keys_assign:
 * @keys: (element-type utf8): a list's keys in the model's order, each
 *   allocated with g_malloc() and owned by @keys; %NULL for an item that
 *   was added or moved
 *
 * Gives keys to the items that need one, as the journal does for each
 * list a step touched: the items that did not move keep their keys, and
 * each run of added or moved ones gets keys spread evenly between its
 * nearest kept neighbours (one item alone, wf_team_key_between()'s key).
 *
 * Kept keys out of order are given new keys too, as few as possible: of
 * two equal neighbours, the right one; a key that is not valid likewise.
 * Afterwards every key of @keys is valid and each is greater than the one
 * before it.
 */
void
wf_team_keys_assign (GPtrArray *keys)
{
  g_autofree guint *tails = NULL;
  g_autofree gssize *next = NULL;
  g_autofree gboolean *keep = NULL;
  guint n_tails = 0;
  guint i;

  g_return_if_fail (keys != NULL);

  if (keys->len == 0)
    return;

  /* The longest run of kept keys in order (not necessarily next to each
   * other), the leftmost of equal keys: read from the end, tails[l] is the
   * index of the greatest key that such a run of l + 1 keys begins with,
   * next[] links each key to the one after it in its run. */
  tails = g_new (guint, keys->len);
  next = g_new (gssize, keys->len);
  for (i = keys->len; i-- > 0;)
    {
      const char *key = g_ptr_array_index (keys, i);
      guint low = 0;
      guint high = n_tails;

      if (!wf_team_key_is_valid (key))
        continue;

      while (low < high)
        {
          guint middle = (low + high) / 2;

          if (strcmp (g_ptr_array_index (keys, tails[middle]), key) <= 0)
            high = middle;
          else
            low = middle + 1;
        }

      tails[low] = i;
      next[i] = low > 0 ? (gssize) tails[low - 1] : -1;
      if (low == n_tails)
        n_tails++;
    }

  keep = g_new0 (gboolean, keys->len);
  if (n_tails > 0)
    for (gssize k = tails[n_tails - 1]; k >= 0; k = next[k])
      keep[k] = TRUE;

  for (i = 0; i < keys->len; i++)
    if (!keep[i])
      g_clear_pointer (&g_ptr_array_index (keys, i), g_free);

  /* Each run of items without a key, between its kept neighbours. */
  for (i = 0; i < keys->len;)
    {
      const char *before;
      const char *after;
      guint end = i;

      if (g_ptr_array_index (keys, i) != NULL)
        {
          i++;
          continue;
        }

      while (end < keys->len && g_ptr_array_index (keys, end) == NULL)
        end++;
      before = i > 0 ? g_ptr_array_index (keys, i - 1) : NULL;
      after = end < keys->len ? g_ptr_array_index (keys, end) : NULL;

      if (end - i == 1)
        g_ptr_array_index (keys, i) = wf_team_key_between (before, after);
      else
        spread (before, after, (char **) &g_ptr_array_index (keys, i), end - i);

      i = end;
    }
}
