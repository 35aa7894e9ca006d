/* test-team-state.c — a document as the team server's items, and back
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "model/wf-templates.h"
#include "storage/wf-journey.h"
#include "storage/wf-json.h"
#include "storage/wf-sqlite.h"
#include "team/wf-team-error.h"
#include "team/wf-team-keys.h"
#include "team/wf-team-state.h"

/* Every document the tests know: each file in tests/data that opens as a
 * journey, and each template in both languages.
 */
static GPtrArray *
all_documents (GPtrArray **names)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  *names = g_ptr_array_new_with_free_func (g_free);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (sorted, g_strdup (name));
  g_ptr_array_sort (sorted, (GCompareFunc) g_ascii_strcasecmp);

  for (guint i = 0; i < sorted->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (sorted, i), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      WfDocument *document = NULL;

      if (g_str_has_suffix (path, ".journey"))
        document = wf_journey_load_file (file, NULL, NULL, NULL);
      else if (g_str_has_suffix (path, ".sqlite"))
        document = wf_sqlite_load_file (file, NULL, NULL, NULL);

      if (document != NULL)
        {
          g_ptr_array_add (documents, document);
          g_ptr_array_add (*names, g_strdup (g_ptr_array_index (sorted, i)));
        }
    }

  for (const char * const *id = wf_templates_get_ids (); *id != NULL; id++)
    for (guint l = 0; l < 2; l++)
      {
        const char *lang = l == 0 ? "en" : "nl";

        g_ptr_array_add (documents, wf_templates_create (*id, lang));
        g_ptr_array_add (*names, g_strdup_printf ("template %s (%s)", *id, lang));
      }

  /* At least the rich test file and some templates. */
  g_assert_cmpuint (documents->len, >=, 4);

  return documents;
}

static char *
journey_text (WfDocument *document)
{
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The items as the server gives them back: in its own order, and each
 * value through a JSON parser and writer of its own (here json-glib's),
 * spaces and all.
 */
static GPtrArray *
as_from_server (GPtrArray *items)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_team_item_free);

  for (guint i = items->len; i-- > 0;)
    {
      WfTeamItem *item = g_ptr_array_index (items, i);

      g_ptr_array_add (rows, wf_team_item_new (item->id, item->type, item->parent, item->pos,
                                               item->value));
    }

  return rows;
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) documents = all_documents (&names);

  for (guint i = 0; i < documents->len; i++)
    {
      WfDocument *document = g_ptr_array_index (documents, i);
      g_autoptr(GPtrArray) items = wf_team_state_from_document (document);
      g_autoptr(GPtrArray) rows = as_from_server (items);
      g_autoptr(WfDocument) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = journey_text (document);
      g_autofree char *after = NULL;

      g_test_message ("%s: %u items", (char *) g_ptr_array_index (names, i), items->len);

      back = wf_team_state_to_document (rows, wf_document_get_created (document),
                                        wf_document_get_modified (document), &error);
      g_assert_no_error (error);
      after = journey_text (back);
      g_assert_cmpstr (after, ==, before);
    }
}

/* Each item is one object of the file, as the contract has it. */
static void
test_items (void)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) documents = all_documents (&names);

  for (guint i = 0; i < documents->len; i++)
    {
      WfDocument *document = g_ptr_array_index (documents, i);
      g_autoptr(GPtrArray) items = wf_team_state_from_document (document);
      g_autoptr(GHashTable) last_pos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autofree char *json = wf_team_state_items_to_json (items);
      g_autoptr(JsonParser) parser = json_parser_new ();
      guint n_cards = 0, n_maps = 0, n_personas = 0;

      g_test_message ("%s", (char *) g_ptr_array_index (names, i));

      /* The document first, without what the file says of itself. */
      {
        WfTeamItem *first = g_ptr_array_index (items, 0);

        g_assert_cmpstr (first->id, ==, "");
        g_assert_cmpstr (first->type, ==, "document");
        g_assert_null (first->parent);
        g_assert_true (g_str_has_prefix (first->value, "{\"title\":"));
        g_assert_null (strstr (first->value, "\"maps\""));
        g_assert_null (strstr (first->value, "\"created\""));
      }

      for (guint j = 0; j < items->len; j++)
        {
          WfTeamItem *item = g_ptr_array_index (items, j);
          g_autofree char *list = NULL;
          const char *before;

          g_assert_true (wf_team_key_is_valid (item->pos));
          g_assert_false (g_str_has_prefix (item->value, "{\"id\""));
          g_assert_null (strchr (item->value, '\n'));

          if (g_str_equal (item->type, "persona"))
            n_personas++;
          else if (g_str_equal (item->type, "map"))
            {
              n_maps++;
              g_assert_null (item->parent);
              g_assert_null (strstr (item->value, "\"phases\":"));
            }
          else if (g_str_equal (item->type, "card"))
            {
              n_cards++;
              g_assert_nonnull (item->parent);
              g_assert_true (g_str_has_prefix (item->value, "{\"phase\":"));
            }

          /* Keys rise along each list (a cell's cards are a list). */
          if (g_str_equal (item->type, "card"))
            {
              WfJsonError json_error = { 0 };
              g_autoptr(WfJsonDocument) value = wf_json_parse (item->value, strlen (item->value), 8, &json_error);
              const WfJsonValue *root;

              g_assert_nonnull (value);
              root = wf_json_document_root (value);

              list = g_strdup_printf ("%s/%s/%s", item->parent,
                                      wf_json_object_get (root, "phase")->v.string,
                                      wf_json_object_get (root, "lane")->v.string);
            }
          else
            list = g_strdup_printf ("%s/%s", item->parent ? item->parent : "", item->type);

          before = g_hash_table_lookup (last_pos, list);
          if (before != NULL)
            g_assert_cmpstr (before, <, item->pos);
          g_hash_table_insert (last_pos, g_steal_pointer (&list), g_strdup (item->pos));
        }

      g_assert_cmpuint (n_personas, ==, wf_document_get_n_personas (document));
      g_assert_cmpuint (n_maps, ==, wf_document_get_n_maps (document));
      g_assert_cmpuint (n_cards, ==, wf_document_count_cards (document));

      /* The array for share() is JSON, one object per item. */
      g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
      g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))),
                        ==, items->len);
    }
}

static GPtrArray *
rich_items (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "rich.journey", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WfDocument) document = wf_journey_load_file (file, NULL, NULL, NULL);

  g_assert_nonnull (document);

  return wf_team_state_from_document (document);
}

static WfTeamItem *
find_item (GPtrArray  *items,
           const char *type,
           guint       nth)
{
  for (guint i = 0; i < items->len; i++)
    {
      WfTeamItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->type, type) && nth-- == 0)
        return item;
    }

  g_assert_not_reached ();
}

static void
replace_value (WfTeamItem *item,
               const char *from,
               const char *to)
{
  char *at = strstr (item->value, from);
  char *value;

  g_assert_nonnull (at);
  value = g_strdup_printf ("%.*s%s%s", (int) (at - item->value), item->value, to, at + strlen (from));
  g_free (item->value);
  item->value = value;
}

/* Siblings come in the order of their keys, ties broken by the ids. */
static void
test_order (void)
{
  g_autoptr(GPtrArray) items = rich_items ();
  WfTeamItem *first = find_item (items, "persona", 0);
  WfTeamItem *second = find_item (items, "persona", 1);
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (first->id, ==, "anna");
  g_assert_cmpstr (second->id, ==, "bo");

  g_free (first->pos);
  first->pos = g_strdup ("z");
  document = wf_team_state_to_document (items, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wf_item_get_id (WF_ITEM (wf_document_get_persona (document, 0))), ==, "bo");
  g_assert_cmpstr (wf_item_get_id (WF_ITEM (wf_document_get_persona (document, 1))), ==, "anna");
  g_clear_object (&document);

  g_free (second->pos);
  second->pos = g_strdup ("z");
  document = wf_team_state_to_document (items, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wf_item_get_id (WF_ITEM (wf_document_get_persona (document, 0))), ==, "anna");
}

/* What the server holds is checked as a file is, and the error names
 * the item.
 */
static void
test_refused (void)
{
  struct {
    const char *type;
    const char *from;
    const char *to;
    const char *expected;
  } cases[] = {
    { "card", "\"lane\": \"", "\"lane\": \"nowhere-", "item “" },
    { "persona", "\"color\": \"#3584e4\"", "\"color\": \"blue\"", "item “anna”: color" },
    { "phase", "{", "{\"id\":\"x\",", "item “ph0”: Its value has a member “id”" },
    { "lane", "{", "[", "item “ln0”" },
    { "document", "{", "{\"maps\":[],", "has a problem: Its value has a member “maps”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) items = rich_items ();
      g_autoptr(WfDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      replace_value (find_item (items, cases[i].type, 0), cases[i].from, cases[i].to);
      document = wf_team_state_to_document (items, NULL, NULL, &error);
      g_assert_null (document);
      g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].expected));
    }

  /* A child of a map that is not there, a type nobody knows. */
  {
    g_autoptr(GPtrArray) items = rich_items ();
    g_autoptr(GError) error = NULL;
    WfTeamItem *link = find_item (items, "link", 0);

    g_free (link->parent);
    link->parent = g_strdup ("gone");
    g_assert_null (wf_team_state_to_document (items, NULL, NULL, &error));
    g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, link->id));
  }
  {
    g_autoptr(GPtrArray) items = rich_items ();
    g_autoptr(GError) error = NULL;

    g_ptr_array_add (items, wf_team_item_new ("s1", "sticker", "map1", "V", "{}"));
    g_assert_null (wf_team_state_to_document (items, NULL, NULL, &error));
    g_assert_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "“sticker”"));
  }
}

/* The server's jsonb writes a float's exponent out in full: the value
 * still reads as the float it was.
 */
static void
test_long_numbers (void)
{
  g_autoptr(GPtrArray) items = rich_items ();
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *digits = g_strnfill (299, '0');
  g_autofree char *big = g_strdup_printf ("\"x-big\": 15%s, \"x-text\": \"12345678901234567890123\"}", digits);
  WfTeamItem *persona = find_item (items, "persona", 1);

  g_free (persona->value);
  persona->value = g_strdup_printf ("{\"name\": \"Bo\", \"color\": \"#e66100\", %s", big);

  document = wf_team_state_to_document (items, NULL, NULL, &error);
  g_assert_no_error (error);
  bytes = wf_journey_to_bytes (document);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  "\"x-big\": 1.5e+300,"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  "\"x-text\": \"12345678901234567890123\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/team/state/round-trip", test_round_trip);
  g_test_add_func ("/team/state/items", test_items);
  g_test_add_func ("/team/state/order", test_order);
  g_test_add_func ("/team/state/refused", test_refused);
  g_test_add_func ("/team/state/long-numbers", test_long_numbers);

  return g_test_run ();
}
