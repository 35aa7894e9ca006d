/* test-journey-member.c — one member of one item, to and from JSON
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "model/wf-templates.h"
#include "storage/wf-journey.h"
#include "storage/wf-journey-member.h"
#include "test-util.h"

/* Every item of @document, the document first, in file order. */
static GPtrArray *
list_items (WfDocument *document)
{
  GPtrArray *items = g_ptr_array_new ();

  g_ptr_array_add (items, document);
  for (guint i = 0; i < wf_document_get_n_personas (document); i++)
    g_ptr_array_add (items, wf_document_get_persona (document, i));
  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    {
      WfMap *map = wf_document_get_map (document, i);

      g_ptr_array_add (items, map);
      wf_map_collect_items (map, items);
    }

  return items;
}

static WfItem *
find_in (WfDocument *document,
         WfItem     *item)
{
  if (WF_IS_DOCUMENT (item))
    return WF_ITEM (document);

  return wf_document_lookup (document, wf_item_get_id (item));
}

/* JSON without the white space outside its strings. */
static char *
squeeze (const char *json)
{
  GString *out = g_string_new (NULL);
  gboolean in_string = FALSE;

  for (const char *p = json; *p != '\0'; p++)
    {
      if (in_string)
        {
          g_string_append_c (out, *p);
          if (*p == '\\')
            g_string_append_c (out, *++p);
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p);
        }
      else if (*p != ' ' && *p != '\n')
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* The text of @member of @item in the canonical file @text, or NULL if
 * the writer left it out. The file's objects have one member a line,
 * each object's members at one indentation: the item's object starts at
 * its "id" and ends at the "}" one level out.
 */
static char *
member_in_file (const char *text,
                WfItem     *item,
                const char *member)
{
  g_autofree char *indent = NULL;
  g_autofree char *key = NULL;
  g_autofree char *next = NULL;
  g_autofree char *close = NULL;
  const char *start, *end, *found, *value, *stop;

  if (WF_IS_DOCUMENT (item))
    {
      indent = g_strdup ("  ");
      start = text;
    }
  else
    {
      g_autofree char *id_line = g_strdup_printf ("\"id\": \"%s\",\n", wf_item_get_id (item));
      const char *line;

      g_assert_null (strpbrk (wf_item_get_id (item), "\"\\"));
      start = strstr (text, id_line);
      g_assert_nonnull (start);
      for (line = start; line[-1] != '\n'; line--)
        ;
      indent = g_strndup (line, start - line);
    }

  close = g_strdup_printf ("\n%.*s}", (int) strlen (indent) - 2, indent);
  end = strstr (start, close);
  g_assert_nonnull (end);

  key = g_strdup_printf ("\n%s\"%s\": ", indent, member);
  found = g_strstr_len (start, end - start, key);
  if (found == NULL)
    return NULL;

  value = found + strlen (key);
  next = g_strdup_printf (",\n%s\"", indent);
  stop = g_strstr_len (value, end - value, next);

  return g_strndup (value, (stop ? stop : end) - value);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* Every member of @item written, in a NULL-terminated array. */
static GStrv
write_all (WfItem *item)
{
  const char * const *members = wf_journey_member_list (G_OBJECT_TYPE (item));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; members[i] != NULL; i++)
    {
      g_autofree char *value = wf_journey_member_write (item, members[i]);

      g_assert_nonnull (value);
      g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

/* Reads @json into @member of @target: it then writes @json, the other
 * members are as they were, and it notified if and only if it changed.
 */
static void
read_one (WfItem     *target,
          const char *member,
          const char *json)
{
  const char * const *members = wf_journey_member_list (G_OBJECT_TYPE (target));
  g_auto(GStrv) before = write_all (target);
  g_auto(GStrv) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  gboolean changed = FALSE;
  guint notified = 0;
  gulong handler;

  handler = g_signal_connect (target, "notify", G_CALLBACK (on_notify), &notified);
  wf_journey_member_read (target, member, json, &error);
  g_signal_handler_disconnect (target, handler);
  g_assert_no_error (error);

  written = wf_journey_member_write (target, member);
  g_assert_cmpstr (written, ==, json);

  after = write_all (target);
  for (guint i = 0; members[i] != NULL; i++)
    {
      if (strcmp (members[i], member) == 0)
        changed = strcmp (before[i], after[i]) != 0;
      else
        g_assert_cmpstr (after[i], ==, before[i]);
    }

  g_assert_true (changed == (notified > 0));
}

/* The object of @item (not a map or the document) in the canonical file
 * @text, without white space outside strings and without its id.
 */
static char *
object_in_file (const char *text,
                WfItem     *item)
{
  g_autofree char *id_line = g_strdup_printf ("\"id\": \"%s\",\n", wf_item_get_id (item));
  g_autofree char *id_member = g_strdup_printf ("\"id\":\"%s\",", wf_item_get_id (item));
  g_autofree char *close = NULL;
  g_autofree char *object = NULL;
  g_autofree char *squeezed = NULL;
  const char *start = strstr (text, id_line);
  const char *open, *line, *end;
  char *id;

  g_assert_nonnull (start);
  for (open = start; *open != '{'; open--)
    ;
  for (line = start; line[-1] != '\n'; line--)
    ;
  close = g_strdup_printf ("\n%*s}", (int) (start - line) - 2, "");
  end = strstr (start, close);
  g_assert_nonnull (end);
  object = g_strndup (open, end + strlen (close) - open);
  squeezed = squeeze (object);
  id = strstr (squeezed, id_member);
  g_assert_nonnull (id);
  memmove (id, id + strlen (id_member), strlen (id + strlen (id_member)) + 1);

  return g_steal_pointer (&squeezed);
}

/* @node without the members an item's value leaves out. */
static void
strip_value (JsonObject *object,
             gboolean    document)
{
  const char *left_out[] = { "id", "personas", "maps", "phases", "lanes", "cards", "links" };
  const char *document_left_out[] = { "format", "version", "created", "modified" };

  for (guint i = 0; i < G_N_ELEMENTS (left_out); i++)
    json_object_remove_member (object, left_out[i]);
  for (guint i = 0; document && i < G_N_ELEMENTS (document_left_out); i++)
    json_object_remove_member (object, document_left_out[i]);
}

/* Each item's value is its object in the file, without its id and child
 * arrays: byte for byte for the items the file writes on lines of their
 * own, member for member for maps and the document.
 */
static void
check_item_values (WfDocument *document,
                   const char *text)
{
  g_autoptr(GPtrArray) items = list_items (document);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; i < items->len; i++)
    {
      WfItem *item = g_ptr_array_index (items, i);
      g_autofree char *value = wf_journey_member_write_item (item);
      g_autoptr(JsonParser) value_parser = json_parser_new ();
      g_autoptr(JsonNode) expected = NULL;

      g_assert_null (strchr (value, '\n'));

      if (!WF_IS_DOCUMENT (item) && !WF_IS_MAP (item))
        {
          g_autofree char *in_file = object_in_file (text, item);
          g_autofree char *squeezed = squeeze (value);

          g_assert_cmpstr (squeezed, ==, in_file);
        }

      json_parser_load_from_data (value_parser, value, -1, &error);
      g_assert_no_error (error);

      if (WF_IS_DOCUMENT (item))
        expected = json_node_copy (json_parser_get_root (parser));
      else
        {
          const char *name = WF_IS_PERSONA (item) ? "personas" : "maps";
          JsonArray *list = json_object_has_member (root, name) ? json_object_get_array_member (root, name) : NULL;

          for (guint j = 0; list != NULL && j < json_array_get_length (list) && expected == NULL; j++)
            {
              JsonObject *object = json_array_get_object_element (list, j);

              if (g_strcmp0 (json_object_get_string_member (object, "id"), wf_item_get_id (item)) == 0)
                expected = json_node_copy (json_array_get_element (list, j));
            }
        }

      if (expected == NULL)
        continue;
      strip_value (json_node_get_object (expected), WF_IS_DOCUMENT (item));
      g_assert_true (json_node_equal (expected, json_parser_get_root (value_parser)));
    }
}

static void
check_document (WfDocument *document)
{
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(WfDocument) copy = wf_journey_load_bytes (bytes, NULL, NULL);
  g_autoptr(WfDocument) blank = wf_document_new ();
  g_autoptr(GPtrArray) items = list_items (document);
  g_autoptr(GBytes) again = NULL;
  g_autofree char *again_text = NULL;

  g_assert_nonnull (copy);

  check_item_values (document, text);

  /* Each member as in the file. */
  for (guint i = 0; i < items->len; i++)
    {
      WfItem *item = g_ptr_array_index (items, i);
      const char * const *members = wf_journey_member_list (G_OBJECT_TYPE (item));

      g_assert_nonnull (members);
      for (guint j = 0; members[j] != NULL; j++)
        {
          g_autofree char *value = wf_journey_member_write (item, members[j]);
          g_autofree char *in_file = member_in_file (text, item, members[j]);
          g_autofree char *squeezed = squeeze (in_file ? in_file : "null");
          g_autofree char *value_squeezed = squeeze (value);

          g_assert_nonnull (value);
          g_assert_null (strchr (value, '\n'));
          g_assert_cmpstr (value_squeezed, ==, squeezed);
        }
    }

  /* Into a fresh document, then back. */
  for (const char * const *m = wf_journey_member_list (WF_TYPE_DOCUMENT); *m != NULL; m++)
    {
      g_autofree char *value = wf_journey_member_write (WF_ITEM (document), *m);

      read_one (WF_ITEM (blank), *m, value);
    }

  /* Each item of the copy takes the values of the next item of its type
   * (but a link's cards, which cannot change), then its own again.
   */
  for (guint i = 0; i < items->len; i++)
    {
      WfItem *item = g_ptr_array_index (items, i);
      const char * const *members = wf_journey_member_list (G_OBJECT_TYPE (item));
      WfItem *other = NULL;
      WfItem *target = find_in (copy, item);

      for (guint k = i + 1; k < items->len && other == NULL; k++)
        if (G_OBJECT_TYPE (g_ptr_array_index (items, k)) == G_OBJECT_TYPE (item))
          other = g_ptr_array_index (items, k);

      g_assert_nonnull (target);
      if (other == NULL)
        continue;

      for (guint j = 0; members[j] != NULL; j++)
        {
          g_autofree char *value = wf_journey_member_write (other, members[j]);

          if (WF_IS_LINK (item) && strcmp (members[j], "label") != 0)
            continue;

          read_one (target, members[j], value);
        }

      for (guint j = 0; members[j] != NULL; j++)
        {
          g_autofree char *value = wf_journey_member_write (item, members[j]);

          read_one (target, members[j], value);
        }
    }

  again = wf_journey_to_bytes (copy);
  again_text = g_strndup (g_bytes_get_data (again, NULL), g_bytes_get_size (again));
  wf_test_assert_same_text (text, again_text);
}

static void
test_data_files (void)
{
  const char *names[] = { "rich.journey", "figures.journey", "compact.journey" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(WfDocument) document = wf_test_load_data (names[i]);

      check_document (document);
    }
}

static void
test_templates (void)
{
  const char * const *ids = wf_templates_get_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(WfDocument) en = wf_templates_create (ids[i], "en");
      g_autoptr(WfDocument) nl = wf_templates_create (ids[i], "nl");

      check_document (en);
      check_document (nl);
    }
}

/* A document with one item of each type, @member of the one of @type
 * being @value (when @type is not 0).
 */
static char *
file_with (GType       type,
           const char *member,
           const char *value)
{
  struct { GType type; const char *head; const char *defaults[3]; } objects[] = {
    { WF_TYPE_DOCUMENT, "\"format\": \"wayfinder-journey\", \"version\": 2", { NULL } },
    { WF_TYPE_PERSONA, "\"id\": \"p1\"", { "\"name\": \"P\"", NULL } },
    { WF_TYPE_MAP, "\"id\": \"m1\"", { NULL } },
    { WF_TYPE_PHASE, "\"id\": \"ph1\"", { "\"name\": \"A\"", NULL } },
    { WF_TYPE_LANE, "\"id\": \"l1\"", { "\"kind\": \"actions\"", NULL } },
    { WF_TYPE_CARD, "\"id\": \"c1\", \"phase\": \"ph1\", \"lane\": \"l1\"", { NULL } },
    { WF_TYPE_LINK, "\"id\": \"k1\"", { "\"from\": \"c1\"", "\"to\": \"c2\"", NULL } },
  };
  g_autofree char *prefix = g_strdup_printf ("\"%s\":", member ? member : "");
  char *text[G_N_ELEMENTS (objects)];
  char *file;

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      GString *object = g_string_new (objects[i].head);

      for (guint j = 0; objects[i].defaults[j] != NULL; j++)
        if (objects[i].type != type || !g_str_has_prefix (objects[i].defaults[j], prefix))
          g_string_append_printf (object, ", %s", objects[i].defaults[j]);

      if (objects[i].type == type)
        g_string_append_printf (object, ", \"%s\": %s", member, value);

      text[i] = g_string_free (object, FALSE);
    }

  file = g_strdup_printf ("{%s, \"personas\": [{%s}], \"maps\": [{%s, \"phases\": [{%s}], "
                          "\"lanes\": [{%s}], \"cards\": [{%s}, "
                          "{\"id\": \"c2\", \"phase\": \"ph1\", \"lane\": \"l1\"}], "
                          "\"links\": [{%s}]}]}\n",
                          text[0], text[1], text[2], text[3], text[4], text[5], text[6]);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_free (text[i]);

  return file;
}

static WfItem *
item_of_type (WfDocument *document,
              GType       type)
{
  const char *ids[] = { "p1", "m1", "ph1", "l1", "c1", "k1" };

  if (type == WF_TYPE_DOCUMENT)
    return WF_ITEM (document);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      WfItem *item = wf_document_lookup (document, ids[i]);

      if (G_OBJECT_TYPE (item) == type)
        return item;
    }

  g_assert_not_reached ();
}

static void
test_refused (void)
{
  struct { GType type; const char *member; const char *value; } cases[] = {
    { WF_TYPE_DOCUMENT, "title", "false" },
    { WF_TYPE_DOCUMENT, "description", "null" },
    { WF_TYPE_PERSONA, "name", "null" },
    { WF_TYPE_PERSONA, "color", "\"blue\"" },
    { WF_TYPE_PERSONA, "notes", "[]" },
    { WF_TYPE_MAP, "title", "1e999" },
    { WF_TYPE_MAP, "dismissed", "\"finding\"" },
    { WF_TYPE_MAP, "dismissed", "[\"finding\", 3]" },
    { WF_TYPE_MAP, "heat", "3" },
    { WF_TYPE_PHASE, "color", "\"#12345\"" },
    { WF_TYPE_PHASE, "width", "50000" },
    { WF_TYPE_PHASE, "width", "\"wide\"" },
    { WF_TYPE_PHASE, "metrics", "[]" },
    { WF_TYPE_PHASE, "metrics", "{\"NPS\": {\"direction\": \"up\", \"values\": []}}" },
    { WF_TYPE_PHASE, "persona_metrics", "{\"nobody\": {\"NPS\": 1}}" },
    { WF_TYPE_PHASE, "persona_metrics", "{\"p1\": 4}" },
    { WF_TYPE_LANE, "kind", "\"road\"" },
    { WF_TYPE_LANE, "kind", "null" },
    { WF_TYPE_LANE, "persona", "\"nobody\"" },
    { WF_TYPE_LANE, "persona", "\"c1\"" },
    { WF_TYPE_LANE, "collapsed", "\"yes\"" },
    { WF_TYPE_LANE, "height", "10" },
    { WF_TYPE_CARD, "title", "3" },
    { WF_TYPE_CARD, "channel", "\"fax\"" },
    { WF_TYPE_CARD, "contact", "\"telepathy\"" },
    { WF_TYPE_CARD, "emotion", "7" },
    { WF_TYPE_CARD, "emotion", "1.5" },
    { WF_TYPE_CARD, "color", "\"red\"" },
    { WF_TYPE_CARD, "votes", "-1" },
    { WF_TYPE_CARD, "metrics", "null" },
    { WF_TYPE_CARD, "metrics", "{\"NPS\": \"high\"}" },
    { WF_TYPE_CARD, "metrics", "{\"NPS\": {\"colour\": 1}}" },
    { WF_TYPE_CARD, "metrics", "{\"NPS\": {\"values\": [{\"date\": \"2026-13-45\", \"value\": 1}]}}" },
    { WF_TYPE_CARD, "metrics", "{\"NPS\": {\"values\": [{\"value\": 1}, {\"value\": 2}]}}" },
    { WF_TYPE_CARD, "tags", "[\"a\", 3]" },
    { WF_TYPE_LINK, "from", "\"c9\"" },
    { WF_TYPE_LINK, "to", "\"ph1\"" },
    { WF_TYPE_LINK, "label", "3" },
  };
  g_autofree char *base_text = file_with (0, NULL, NULL);
  g_autoptr(GBytes) base_bytes = g_bytes_new (base_text, strlen (base_text));
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) base = wf_journey_load_bytes (base_bytes, NULL, &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = file_with (cases[i].type, cases[i].member, cases[i].value);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) file_error = NULL;
      g_autoptr(GError) member_error = NULL;
      g_autoptr(WfDocument) refused = NULL;
      g_autofree char *first = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      WfItem *item = item_of_type (base, cases[i].type);
      WfProblem *problem;
      guint notified = 0;
      gulong handler;

      g_test_message ("%s %s", cases[i].member, cases[i].value);

      refused = wf_journey_load_bytes (bytes, &problems, &file_error);
      g_assert_null (refused);
      g_assert_error (file_error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID);
      problem = g_ptr_array_index (problems, 0);
      first = g_strdup_printf ("%s: %s", problem->where, problem->message);

      before = wf_journey_member_write (item, cases[i].member);
      handler = g_signal_connect (item, "notify", G_CALLBACK (on_notify), &notified);
      g_assert_false (wf_journey_member_read (item, cases[i].member, cases[i].value, &member_error));
      g_signal_handler_disconnect (item, handler);
      after = wf_journey_member_write (item, cases[i].member);

      /* The reader's message, at the item rather than in the file. */
      g_assert_error (member_error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (member_error->message, "$."));
      if (!g_str_has_suffix (first, member_error->message + 1))
        g_error ("The file says “%s”, the member “%s”", first, member_error->message);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpuint (notified, ==, 0);
    }
}

static void
test_null_is_usual (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("figures.journey");
  g_autoptr(GPtrArray) items = list_items (document);
  g_autoptr(GError) error = NULL;
  WfPhase *phase = NULL;
  WfLane *lane = NULL;
  WfMap *map = wf_document_get_map (document, 0);

  for (guint i = 0; i < items->len; i++)
    {
      if (WF_IS_PHASE (g_ptr_array_index (items, i)) && phase == NULL)
        phase = g_ptr_array_index (items, i);
      if (WF_IS_LANE (g_ptr_array_index (items, i)) && lane == NULL)
        lane = g_ptr_array_index (items, i);
    }

  /* What a file leaves out is null, and reads back as the usual value. */
  g_assert_true (wf_journey_member_read (WF_ITEM (phase), "width", "480", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (wf_phase_get_width (phase), ==, 480);
  g_assert_true (wf_journey_member_read (WF_ITEM (phase), "width", "null", &error));
  g_assert_cmpfloat (wf_phase_get_width (phase), ==, 0);

  g_assert_true (wf_journey_member_read (WF_ITEM (lane), "height", "null", &error));
  g_assert_cmpfloat (wf_lane_get_height (lane), ==, 0);

  g_assert_true (wf_journey_member_read (WF_ITEM (map), "heat", "null", &error));
  g_assert_cmpstr (wf_map_get_heat (map), ==, "");
  g_assert_true (wf_journey_member_read (WF_ITEM (map), "dismissed", "[\"a\"]", &error));
  g_assert_true (wf_map_is_dismissed (map, "a"));
  g_assert_true (wf_journey_member_read (WF_ITEM (map), "dismissed", "null", &error));
  g_assert_false (wf_map_is_dismissed (map, "a"));

  /* A phase's metrics for everyone and per persona apart. */
  g_assert_true (wf_journey_member_read (WF_ITEM (phase), "metrics", "{\"NPS\": 40}", &error));
  g_assert_no_error (error);
  g_assert_true (wf_journey_member_read (WF_ITEM (phase), "persona_metrics", "null", &error));
  g_assert_no_error (error);
  {
    g_autofree char *everyone = wf_journey_member_write (WF_ITEM (phase), "metrics");
    g_autofree char *personas = wf_journey_member_write (WF_ITEM (phase), "persona_metrics");

    g_assert_cmpstr (everyone, ==, "{\"NPS\": 40}");
    g_assert_cmpstr (personas, ==, "null");
  }
  g_assert_true (wf_journey_member_read (WF_ITEM (phase), "metrics", "{}", &error));
  g_assert_null (wf_phase_get_metrics (phase));

  /* Null is refused where a file would refuse it and has it. */
  g_assert_false (wf_journey_member_read (WF_ITEM (lane), "title", "null", &error));
  g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID);
}

static void
test_unknown (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  WfMap *map = wf_document_get_map (document, 0);
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);
  WfItem *card = g_ptr_array_index (cards, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = wf_journey_member_write (card, "title");

  g_assert_null (wf_journey_member_list (G_TYPE_OBJECT));
  g_assert_null (wf_journey_member_write (card, "id"));
  g_assert_null (wf_journey_member_write (card, "phase"));
  g_assert_null (wf_journey_member_write (card, "bogus"));
  g_assert_null (wf_journey_member_write (WF_ITEM (map), "phases"));
  g_assert_null (wf_journey_member_write (WF_ITEM (document), "created"));
  g_assert_false (wf_journey_member_is_known (WF_TYPE_CARD, "name"));
  g_assert_true (wf_journey_member_is_known (WF_TYPE_PERSONA, "name"));

  g_assert_false (wf_journey_member_read (card, "bogus", "1", &error));
  g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_FORMAT);
  g_clear_error (&error);

  /* Not JSON: the reader's syntax error. */
  g_assert_false (wf_journey_member_read (card, "title", "\"open", &error));
  g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_false (wf_journey_member_read (card, "title", "\"a\" \"b\"", &error));
  g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_SYNTAX);
  g_clear_error (&error);

  {
    g_autofree char *still = wf_journey_member_write (card, "title");

    g_assert_cmpstr (still, ==, title);
  }
}

static void
test_link_cards (void)
{
  g_autofree char *text = file_with (0, NULL, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(WfDocument) document = wf_journey_load_bytes (bytes, NULL, NULL);
  WfItem *link = wf_document_lookup (document, "k1");
  g_autoptr(GError) error = NULL;

  /* The same card is no change; another is another link. */
  g_assert_true (wf_journey_member_read (link, "from", "\"c1\"", &error));
  g_assert_no_error (error);
  g_assert_false (wf_journey_member_read (link, "from", "\"c2\"", &error));
  g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID);
  g_assert_true (wf_link_get_from (WF_LINK (link)) == WF_CARD (wf_document_lookup (document, "c1")));
}

static void
test_escapes_and_numbers (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m1", "Map");
  g_autoptr(WfPhase) phase = wf_phase_new ("ph1", "A");
  g_autoptr(WfLane) lane = wf_lane_new ("l1", WF_LANE_ACTIONS);
  g_autoptr(WfCard) card = wf_card_new ("c1", "x");
  g_autoptr(GError) error = NULL;
  const char *values[][2] = {
    { "title", "\"quote \\\" backslash \\\\ tab \\t newline \\n bell \\u0007 é\"" },
    { "metrics", "{\"NPS\": 0.1,\"big\": 1e+300,\"CSAT\": {\"unit\": \"%\",\"direction\": \"higher\",\"target\": 80,\"values\": [{\"value\": 71.5},{\"date\": \"2026-10-31\",\"value\": -3}]}}" },
    { "emotion", "-2" },
    { "votes", "2147483647" },
    { "tags", "[\"a\",\"b c\"]" },
  };

  wf_map_insert_phase (map, phase, -1);
  wf_map_insert_lane (map, lane, -1);
  wf_map_insert_card (map, card, phase, lane, -1);
  wf_document_insert_map (document, map, -1);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *text = NULL;
      g_autofree char *written = NULL;
      g_autofree char *in_file = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_assert_true (wf_journey_member_read (WF_ITEM (card), values[i][0], values[i][1], &error));
      g_assert_no_error (error);
      written = wf_journey_member_write (WF_ITEM (card), values[i][0]);
      g_assert_cmpstr (written, ==, values[i][1]);

      bytes = wf_journey_to_bytes (document);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      in_file = member_in_file (text, WF_ITEM (card), values[i][0]);
      a = squeeze (in_file);
      b = squeeze (written);
      g_assert_cmpstr (a, ==, b);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/journey-member/data-files", test_data_files);
  g_test_add_func ("/journey-member/templates", test_templates);
  g_test_add_func ("/journey-member/refused", test_refused);
  g_test_add_func ("/journey-member/null-is-usual", test_null_is_usual);
  g_test_add_func ("/journey-member/unknown", test_unknown);
  g_test_add_func ("/journey-member/link-cards", test_link_cards);
  g_test_add_func ("/journey-member/escapes-and-numbers", test_escapes_and_numbers);

  return g_test_run ();
}
