/* test-team-keys.c — position keys for the order of siblings in a team
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "team/wf-team-keys.h"

static const char digits[] =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static void
assert_in_order (GPtrArray *keys)
{
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      if (!wf_team_key_is_valid (key))
        g_error ("key %u of %u, “%s”, is not valid", i, keys->len, key);
      if (i > 0 && strcmp (g_ptr_array_index (keys, i - 1), key) >= 0)
        g_error ("key %u of %u, “%s”, does not come after “%s”", i, keys->len,
                 key, (const char *) g_ptr_array_index (keys, i - 1));
    }
}

static guint
longest (GPtrArray *keys)
{
  guint length = 0;

  for (guint i = 0; i < keys->len; i++)
    length = MAX (length, strlen (g_ptr_array_index (keys, i)));

  return length;
}

/* Puts a new key at @index of the ordered @keys, between its neighbours. */
static const char *
insert_at (GPtrArray *keys,
           guint      index)
{
  const char *before = index > 0 ? g_ptr_array_index (keys, index - 1) : NULL;
  const char *after = index < keys->len ? g_ptr_array_index (keys, index) : NULL;
  char *key = wf_team_key_between (before, after);

  g_assert_true (wf_team_key_is_valid (key));
  if (before != NULL)
    g_assert_cmpstr (before, <, key);
  if (after != NULL)
    g_assert_cmpstr (key, <, after);
  g_ptr_array_insert (keys, index, key);

  return key;
}

static void
test_valid (void)
{
  g_assert_true (wf_team_key_is_valid ("V"));
  g_assert_true (wf_team_key_is_valid ("0z"));
  g_assert_true (wf_team_key_is_valid ("09AZaz"));
  g_assert_true (wf_team_key_is_valid ("1"));

  g_assert_false (wf_team_key_is_valid (NULL));
  g_assert_false (wf_team_key_is_valid (""));
  g_assert_false (wf_team_key_is_valid ("0"));
  g_assert_false (wf_team_key_is_valid ("V0"));
  g_assert_false (wf_team_key_is_valid ("V-1"));
  g_assert_false (wf_team_key_is_valid ("V 1"));
  g_assert_false (wf_team_key_is_valid ("Vé"));
}

static void
test_between_edges (void)
{
  static const struct {
    const char *before;
    const char *after;
    const char *key;
  } cases[] = {
    /* An empty list. */
    { NULL, NULL, "V" },
    /* At the end: next to the last key. */
    { "V", NULL, "W" },
    { "y5", NULL, "z" },
    { "z", NULL, "z1" },
    { "z5", NULL, "z6" },
    { "zz", NULL, "zz1" },
    { "zzy", NULL, "zzz" },
    /* At the start: next to the first key. */
    { NULL, "V", "U" },
    { NULL, "V3", "V" },
    { NULL, "2", "1" },
    { NULL, "1", "0z" },
    { NULL, "01", "00z" },
    { NULL, "0V", "0U" },
    { NULL, "0z", "0y" },
    /* Between two: near the middle. */
    { "A", "C", "B" },
    { "1", "z", "V" },
    { "V", "W", "VV" },
    { "V", "W3", "W" },
    { "V3", "W", "VW" },
    { "V", "V1", "V0V" },
    { "0z", "1", "0zV" },
    { "V", "Vz", "VU" },
    { "abc", "abd", "abcV" },
    { "abc1", "abd", "abcV" },
    { "zz", "zz1", "zz0V" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = wf_team_key_between (cases[i].before, cases[i].after);

      g_test_message ("between %s and %s", cases[i].before, cases[i].after);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static gboolean
any_shorter_between (const char *before,
                     const char *after,
                     guint       length)
{
  char key[3] = { 0 };

  g_assert_cmpuint (length, <=, 2);
  for (guint i = 0; i < 62; i++)
    {
      key[0] = digits[i];
      key[1] = '\0';
      if (wf_team_key_is_valid (key)
          && (before == NULL || strcmp (before, key) < 0)
          && (after == NULL || strcmp (key, after) < 0))
        return TRUE;
      if (length < 2)
        continue;
      for (guint j = 1; j < 62; j++)
        {
          key[1] = digits[j];
          if ((before == NULL || strcmp (before, key) < 0)
              && (after == NULL || strcmp (key, after) < 0))
            return TRUE;
        }
    }

  return FALSE;
}

static char *
random_key (GRand *rand,
            guint  max_length)
{
  guint length = g_rand_int_range (rand, 1, max_length + 1);
  char *key = g_malloc (length + 1);

  for (guint i = 0; i < length; i++)
    key[i] = digits[g_rand_int_range (rand, i + 1 < length ? 0 : 1, 62)];
  key[length] = '\0';

  return key;
}

/* No key shorter than the one given fits between the two. */
static void
test_between_shortest (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *a = random_key (rand, 3);
      g_autofree char *b = random_key (rand, 3);
      g_autofree char *key = NULL;
      const char *before = a;
      const char *after = b;
      int order = strcmp (a, b);

      if (order == 0)
        continue;
      if (order > 0)
        {
          before = b;
          after = a;
        }
      /* Now and then one end of the list. */
      if (i % 5 == 1)
        before = NULL;
      else if (i % 5 == 2)
        after = NULL;

      key = wf_team_key_between (before, after);
      g_assert_true (wf_team_key_is_valid (key));
      if (before != NULL)
        g_assert_cmpstr (before, <, key);
      if (after != NULL)
        g_assert_cmpstr (key, <, after);
      if (strlen (key) > 1 && strlen (key) <= 3)
        {
          if (any_shorter_between (before, after, strlen (key) - 1))
            g_error ("a key shorter than “%s” lies between “%s” and “%s”",
                     key, before, after);
        }
    }
}

static void
test_between_refused (void)
{
  char *key;

  /* Equal neighbours have no key between them: the caller gives the
   * right one a new key (wf_team_keys_assign()). */
  g_test_expect_message ("Wayfinder", G_LOG_LEVEL_CRITICAL, "*strcmp (before, after) < 0*");
  key = wf_team_key_between ("V", "V");
  g_test_assert_expected_messages ();
  g_assert_null (key);

  g_test_expect_message ("Wayfinder", G_LOG_LEVEL_CRITICAL, "*strcmp (before, after) < 0*");
  key = wf_team_key_between ("W", "V");
  g_test_assert_expected_messages ();
  g_assert_null (key);

  g_test_expect_message ("Wayfinder", G_LOG_LEVEL_CRITICAL, "*wf_team_key_is_valid (before)*");
  key = wf_team_key_between ("V0", "W");
  g_test_assert_expected_messages ();
  g_assert_null (key);

  g_test_expect_message ("Wayfinder", G_LOG_LEVEL_CRITICAL, "*wf_team_key_is_valid (after)*");
  key = wf_team_key_between (NULL, "");
  g_test_assert_expected_messages ();
  g_assert_null (key);
}

/* 10,000 items inserted at one place, each between the two inserted
 * last: the space between halves each time, the worst there is, and the
 * keys grow by a digit about every sixth insert (2^6 ≈ 62). */
static void
test_one_place_halving (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  guint index;

  insert_at (keys, 0);
  insert_at (keys, 1);
  index = 1;
  for (guint i = 0; i < 10000; i++)
    {
      insert_at (keys, index);
      /* Next time between this one and the one on the other side. */
      if (i % 2 == 0)
        index++;
    }

  assert_in_order (keys);
  g_test_message ("longest of 10,000 keys inserted at one place: %u", longest (keys));
  g_assert_cmpuint (longest (keys), <, 10000 / 5);
  g_assert_cmpuint (longest (keys), >, 10000 / 8);
}

/* 10,000 items each inserted before the last one (typing a list in the
 * middle of a cell), and 10,000 each inserted after the first one: the
 * keys grow by a digit about every sixth insert, and every fifth. */
static void
test_one_place_next_to (void)
{
  g_autoptr(GPtrArray) before_last = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) after_first = g_ptr_array_new_with_free_func (g_free);

  insert_at (before_last, 0);
  insert_at (before_last, 1);
  insert_at (after_first, 0);
  insert_at (after_first, 1);
  for (guint i = 0; i < 10000; i++)
    {
      insert_at (before_last, before_last->len - 1);
      insert_at (after_first, 1);
    }

  assert_in_order (before_last);
  assert_in_order (after_first);
  g_test_message ("longest of 10,000 keys inserted before the last: %u, after the first: %u",
                  longest (before_last), longest (after_first));
  g_assert_cmpuint (longest (before_last), <, 10000 / 5);
  g_assert_cmpuint (longest (after_first), <, 10000 / 4);
}

/* Appended one by one, keys use every digit at one length before they
 * grow; prepended likewise. */
static void
test_append_one_by_one (void)
{
  g_autoptr(GPtrArray) appended = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) prepended = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 10000; i++)
    {
      insert_at (appended, appended->len);
      insert_at (prepended, 0);
    }

  assert_in_order (appended);
  assert_in_order (prepended);
  g_assert_cmpstr (g_ptr_array_index (appended, 0), ==, "V");
  g_assert_cmpstr (g_ptr_array_index (appended, 1), ==, "W");
  g_assert_cmpstr (g_ptr_array_index (appended, 30), ==, "z");
  g_assert_cmpstr (g_ptr_array_index (appended, 31), ==, "z1");
  g_assert_cmpstr (g_ptr_array_index (appended, 92), ==, "zz1");
  /* 31 keys of one digit, then 61 of each length. */
  g_assert_cmpuint (longest (appended), ==, 2 + (9999 - 31) / 61);
  g_test_message ("longest of 10,000 keys appended: %u, prepended: %u",
                  longest (appended), longest (prepended));
  g_assert_cmpuint (longest (prepended), <, 10000 / 50);
}

/* 10,000 cards appended in one step (a paste, an import, a map shared
 * with the team) get keys of fewer than four digits. */
static void
test_append_run (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (keys, 10000);
  wf_team_keys_assign (keys);
  assert_in_order (keys);
  g_assert_cmpuint (longest (keys), <, 4);

  /* And after cards that have keys already. */
  g_ptr_array_add (more, g_strdup ("1"));
  g_ptr_array_add (more, g_strdup ("V"));
  g_ptr_array_add (more, g_strdup ("e"));
  g_ptr_array_set_size (more, 10003);
  wf_team_keys_assign (more);
  assert_in_order (more);
  g_assert_cmpstr (g_ptr_array_index (more, 0), ==, "1");
  g_assert_cmpstr (g_ptr_array_index (more, 1), ==, "V");
  g_assert_cmpstr (g_ptr_array_index (more, 2), ==, "e");
  g_assert_cmpuint (longest (more), <, 4);

  /* After "zz", every new key begins "zz". */
  g_ptr_array_set_size (more, 0);
  g_ptr_array_add (more, g_strdup ("zz"));
  g_ptr_array_set_size (more, 10001);
  wf_team_keys_assign (more);
  assert_in_order (more);
  g_assert_cmpuint (longest (more), <, 6);
}

/* Items inserted and moved at random places stay in order. */
static void
test_random_moves (void)
{
  for (guint seed = 1; seed <= 20; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < 2000; i++)
        {
          guint n = keys->len;

          if (n < 2 || g_rand_int_range (rand, 0, 3) == 0)
            {
              /* Often near the ends and near where the last one went. */
              insert_at (keys, g_rand_boolean (rand) ? g_rand_int_range (rand, 0, n + 1)
                                                     : (g_rand_boolean (rand) ? 0 : n));
            }
          else
            {
              guint from = g_rand_int_range (rand, 0, n);
              guint to;

              g_ptr_array_remove_index (keys, from);
              to = g_rand_int_range (rand, 0, n);
              insert_at (keys, to);
            }
        }

      assert_in_order (keys);
      g_test_message ("seed %u: longest key %u", seed, longest (keys));
    }
}

static void
test_assign_cases (void)
{
  static const struct {
    const char *keys[8];
    const char *assigned[8];
  } cases[] = {
    { { NULL }, { NULL } },
    { { "", NULL }, { "V", NULL } },
    { { "", "", "", NULL }, { "F", "V", "k", NULL } },
    /* One alone between neighbours: wf_team_key_between(). */
    { { "A", "", "C", NULL }, { "A", "B", "C", NULL } },
    { { "V", "", NULL }, { "V", "W", NULL } },
    { { "", "V", NULL }, { "U", "V", NULL } },
    /* Equal neighbours: the right one gets a key too. */
    { { "V", "V", NULL }, { "V", "W", NULL } },
    { { "A", "A", "C", NULL }, { "A", "B", "C", NULL } },
    { { "A", "A", "A", "C", NULL }, { "A", "Af", "BK", "C", NULL } },
    /* A key out of order gets a new one; the others stay. */
    { { "A", "z", "B", "C", NULL }, { "A", "AV", "B", "C", NULL } },
    { { "A", "B", "1", "C", NULL }, { "A", "B", "BV", "C", NULL } },
    /* Keys that are not valid likewise. */
    { { "A", "A0", "C", NULL }, { "A", "B", "C", NULL } },
    { { "A", "A-1", "C", NULL }, { "A", "B", "C", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

      for (guint j = 0; cases[i].keys[j] != NULL; j++)
        g_ptr_array_add (keys, cases[i].keys[j][0] != '\0' ? g_strdup (cases[i].keys[j]) : NULL);

      wf_team_keys_assign (keys);

      g_test_message ("case %u", i);
      for (guint j = 0; cases[i].assigned[j] != NULL; j++)
        g_assert_cmpstr (g_ptr_array_index (keys, j), ==, cases[i].assigned[j]);
      assert_in_order (keys);
    }
}

/* Neighbours so close that no run of keys fits within ten more digits. */
static void
test_assign_close (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (keys, g_strdup ("Vzzzzzzzzzzzz1"));
  g_ptr_array_set_size (keys, 8);
  g_ptr_array_add (keys, g_strdup ("W000000000001"));

  wf_team_keys_assign (keys);

  assert_in_order (keys);
  g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, "Vzzzzzzzzzzzz1");
  g_assert_cmpstr (g_ptr_array_index (keys, 8), ==, "W000000000001");
}

/* The longest run of strictly increasing valid keys, the slow way. */
static guint
count_kept (GPtrArray *keys)
{
  g_autofree guint *runs = g_new0 (guint, keys->len);
  guint best = 0;

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      if (!wf_team_key_is_valid (key))
        continue;
      runs[i] = 1;
      for (guint j = 0; j < i; j++)
        if (runs[j] > 0 && strcmp (g_ptr_array_index (keys, j), key) < 0)
          runs[i] = MAX (runs[i], runs[j] + 1);
      best = MAX (best, runs[i]);
    }

  return best;
}

/* Random lists with random items to key: all in order afterwards, and
 * as many kept keys unchanged as can be. */
static void
test_assign_random (void)
{
  for (guint seed = 1; seed <= 500; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_free);
      guint n = g_rand_int_range (rand, 0, 60);
      gboolean shuffle = g_rand_int_range (rand, 0, 3) == 0;
      guint unchanged = 0;
      guint kept;

      /* An ordered list, made as people would make it. */
      for (guint i = 0; i < n; i++)
        insert_at (keys, g_rand_int_range (rand, 0, keys->len + 1));

      for (guint i = 0; i < n; i++)
        {
          int what = g_rand_int_range (rand, 0, 10);
          char **key = (char **) &g_ptr_array_index (keys, i);

          if (what < 3)
            g_clear_pointer (key, g_free);
          else if (what == 3 && i > 0 && g_ptr_array_index (keys, i - 1) != NULL)
            {
              /* Another client chose the same key. */
              g_free (*key);
              *key = g_strdup (g_ptr_array_index (keys, i - 1));
            }
          else if (what == 4 && shuffle)
            {
              guint j = g_rand_int_range (rand, 0, n);
              char *other = g_ptr_array_index (keys, j);

              g_ptr_array_index (keys, j) = *key;
              *key = other;
            }
        }

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (old, g_strdup (g_ptr_array_index (keys, i)));
      kept = count_kept (old);

      wf_team_keys_assign (keys);

      g_test_message ("seed %u", seed);
      g_assert_cmpuint (keys->len, ==, n);
      assert_in_order (keys);
      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (g_ptr_array_index (old, i), g_ptr_array_index (keys, i)) == 0)
          unchanged++;
      g_assert_cmpuint (unchanged, ==, kept);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/team/keys/valid", test_valid);
  g_test_add_func ("/team/keys/between/edges", test_between_edges);
  g_test_add_func ("/team/keys/between/shortest", test_between_shortest);
  g_test_add_func ("/team/keys/between/refused", test_between_refused);
  g_test_add_func ("/team/keys/one-place/halving", test_one_place_halving);
  g_test_add_func ("/team/keys/one-place/next-to", test_one_place_next_to);
  g_test_add_func ("/team/keys/append/one-by-one", test_append_one_by_one);
  g_test_add_func ("/team/keys/append/run", test_append_run);
  g_test_add_func ("/team/keys/random-moves", test_random_moves);
  g_test_add_func ("/team/keys/assign/cases", test_assign_cases);
  g_test_add_func ("/team/keys/assign/close", test_assign_close);
  g_test_add_func ("/team/keys/assign/random", test_assign_random);

  return g_test_run ();
}
