/* wf-team-state.c — a document as the team server's items, and back
 *
 * The server keeps a team document as one row per item
 * (`wayfinder.items`, docs/team-library.md): the document itself, its
 * personas and maps, and each map's phases, lanes, cards and links. An
 * item's value is its object exactly as the .journey writer writes it in
 * a file, without its id and its child arrays, so both ways go through
 * the .journey writer and reader: what the server holds is checked as a
 * file is, and a problem is told with the item it is in.
 *
 * Order among siblings travels as position keys (team/wf-team-keys.c):
 * a share spreads keys over each list (the cards of each cell apart), and
 * reading orders siblings by (pos, id) as strcmp() does.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "storage/wf-journey.h"
#include "storage/wf-json.h"
#include "wf-team-error.h"
#include "wf-team-keys.h"
#include "wf-team-state.h"

/* What an item's value leaves out: its id, its child arrays, and for the
 * document what the file says about itself and what the server's own
 * created and changed stand for.
 */
static const char * const document_left_out[] = {
  "format", "version", "created", "modified", "personas", "maps", NULL
};
static const char * const map_left_out[] = {
  "id", "phases", "lanes", "cards", "links", NULL
};
static const char * const item_left_out[] = { "id", NULL };

/* The child arrays of a map, in the order the writer writes them. */
static const char * const map_children[] = { "phases", "lanes", "cards", "links" };
static const char * const child_types[] = { "phase", "lane", "card", "link" };

typedef struct
{
  WfTeamItem *map;
  GPtrArray  *children[G_N_ELEMENTS (map_children)];   /* WfTeamItem, unowned */
  JsonObject *object;
} MapEntry;

static void
map_entry_free (MapEntry *entry)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry->children); i++)
    g_ptr_array_unref (entry->children[i]);
  g_free (entry);
}

static void
append_string (GString    *out,
               const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static gboolean
is_left_out (const char         *name,
             const char * const *left_out)
{
  return g_strv_contains (left_out, name);
}

/* @object's members but those @left_out, as the writer writes them. */
static char *
value_text (const WfJsonValue  *object,
            const char * const *left_out)
{
  g_autoptr(JsonObject) value = json_object_new ();

  g_assert (object->type == WF_JSON_OBJECT);

  for (guint i = 0; i < object->len; i++)
    {
      const WfJsonMember *member = &object->v.members[i];

      if (!is_left_out (member->name, left_out))
        json_object_set_member (value, member->name, wf_json_value_to_node (&member->value));
    }

  return wf_journey_extra_to_string (value);
}

static const char *
string_member (const WfJsonValue *object,
               const char        *name)
{
  const WfJsonValue *value = wf_json_object_get (object, name);

  g_assert (value != NULL && value->type == WF_JSON_STRING);

  return value->v.string;
}

/* Items for @array's elements @start to @end (not included), with keys
 * spread over them as one run.
 */
static void
add_run (GPtrArray          *items,
         const WfJsonValue  *array,
         guint               start,
         guint               end,
         const char         *type,
         const char         *parent,
         const char * const *left_out)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = start; i < end; i++)
    g_ptr_array_add (keys, NULL);
  wf_team_keys_assign (keys);

  for (guint i = start; i < end; i++)
    {
      const WfJsonValue *element = &array->v.elements[i];
      g_autofree char *value = value_text (element, left_out);

      g_ptr_array_add (items, wf_team_item_new (string_member (element, "id"), type, parent,
                                                g_ptr_array_index (keys, i - start), value));
    }
}

static gboolean
same_cell (const WfJsonValue *a,
           const WfJsonValue *b)
{
  return strcmp (string_member (a, "phase"), string_member (b, "phase")) == 0 &&
         strcmp (string_member (a, "lane"), string_member (b, "lane")) == 0;
}

static void
add_map (GPtrArray         *items,
         const WfJsonValue *map)
{
  const char *id = string_member (map, "id");

  for (guint c = 0; c < G_N_ELEMENTS (map_children); c++)
    {
      const WfJsonValue *array = wf_json_object_get (map, map_children[c]);

      g_assert (array != NULL && array->type == WF_JSON_ARRAY);

      if (strcmp (map_children[c], "cards") != 0)
        {
          add_run (items, array, 0, array->len, child_types[c], id, item_left_out);
          continue;
        }

      /* The writer writes a map's cards cell by cell; each cell is a list
       * of its own. */
      for (guint start = 0, end; start < array->len; start = end)
        {
          for (end = start + 1; end < array->len; end++)
            if (!same_cell (&array->v.elements[start], &array->v.elements[end]))
              break;

          add_run (items, array, start, end, "card", id, item_left_out);
        }
    }
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const WfTeamItem *x = *(WfTeamItem **) a;
  const WfTeamItem *y = *(WfTeamItem **) b;
  int result = strcmp (x->pos ? x->pos : "", y->pos ? y->pos : "");

  return result != 0 ? result : strcmp (x->id, y->id);
}

static void
set_item_error (GError          **error,
                const WfTeamItem *item,
                const char       *message)
{
  if (item == NULL || item->id[0] == '\0')
    g_set_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_INVALID,
                 _("The team’s copy of the document has a problem: %s"), message);
  else
    g_set_error (error, WF_TEAM_ERROR, WF_TEAM_ERROR_INVALID,
                 _("The team’s copy of the document has a problem in item “%s”: %s"),
                 item->id, message);
}

/* PostgreSQL's jsonb keeps a number as a numeric and writes it without
 * an exponent: the writer's 1.5e+300 comes back as 15 and 299 zeros,
 * which no JSON reader takes as a whole number of 64 bits. The writer
 * writes whole numbers only from integers of the model, so a longer one
 * from the server was a float: it is read as one (1500….0), which gives
 * the same double and the writer's text again.
 */
static char *
widen_long_integers (const char *text)
{
  GString *out = NULL;
  const char *copied = text;
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;

      if (*p == '"')
        {
          for (p++; *p != '\0' && *p != '"'; p++)
            if (*p == '\\' && p[1] != '\0')
              p++;
          if (*p == '"')
            p++;
          continue;
        }

      if (*p != '-' && !g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }

      start = p;
      if (*p == '-')
        p++;
      while (g_ascii_isdigit (*p))
        p++;

      if (*p != '.' && *p != 'e' && *p != 'E' && p - start > 18)
        {
          if (out == NULL)
            out = g_string_new (NULL);
          g_string_append_len (out, copied, p - copied);
          g_string_append (out, ".0");
          copied = p;
        }

      while (g_ascii_isdigit (*p) || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-')
        p++;
    }

  if (out == NULL)
    return NULL;

  g_string_append (out, copied);

  return g_string_free (out, FALSE);
}

/* @item's value as an object, checked: JSON, an object, none of the
 * members it must leave out.
 */
static JsonObject *
parse_value (const WfTeamItem   *item,
             const char * const *left_out,
             GError            **error)
{
  g_autoptr(WfJsonDocument) json = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *widened = item->value ? widen_long_integers (item->value) : NULL;
  const char *text = widened ? widened : item->value;
  WfJsonError json_error = { 0 };
  const WfJsonValue *root;

  if (text == NULL ||
      !(json = wf_json_parse (text, strlen (text), WF_JOURNEY_MAX_DEPTH - 4, &json_error)))
    {
      set_item_error (error, item, json_error.message ? json_error.message : _("It has no value"));
      g_free (json_error.message);
      return NULL;
    }

  root = wf_json_document_root (json);
  if (root->type != WF_JSON_OBJECT)
    {
      set_item_error (error, item, _("Its value is not an object"));
      return NULL;
    }

  for (guint i = 0; i < root->len; i++)
    if (is_left_out (root->v.members[i].name, left_out))
      {
        g_autofree char *message = g_strdup_printf (_("Its value has a member “%s”, which it must not have"),
                                                    root->v.members[i].name);

        set_item_error (error, item, message);
        return NULL;
      }

  node = wf_json_value_to_node (root);

  return json_object_ref (json_node_get_object (node));
}

/* A new object: "id", then @value's members. */
static JsonObject *
item_object (const WfTeamItem *item,
             JsonObject       *value)
{
  JsonObject *object = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_set_string_member (object, "id", item->id);
  json_object_iter_init_ordered (&iter, value);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (object, name, json_node_copy (node));

  return object;
}

static void
add_array (JsonObject *object,
           const char *name,
           JsonArray  *array)
{
  json_object_set_array_member (object, name, array);
}

/* "$.maps[2].cards[7].lane" → the item it is in, and ".lane". */
static const WfTeamItem *
item_at (const char *where,
         GPtrArray  *personas,
         GPtrArray  *maps,
         GHashTable *entries,
         const char **rest)
{
  const WfTeamItem *found = NULL;
  const char *p;
  char *end;
  guint64 index;

  *rest = NULL;
  if (where == NULL || !g_str_has_prefix (where, "$"))
    return NULL;
  p = where + 1;

  if (g_str_has_prefix (p, ".personas["))
    {
      p += strlen (".personas[");
      index = g_ascii_strtoull (p, &end, 10);
      if (end == p || *end != ']' || index >= personas->len)
        return NULL;
      *rest = end + 1;
      return g_ptr_array_index (personas, index);
    }

  if (!g_str_has_prefix (p, ".maps["))
    {
      *rest = p;
      return NULL;
    }

  p += strlen (".maps[");
  index = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ']' || index >= maps->len)
    return NULL;
  found = g_ptr_array_index (maps, index);
  p = end + 1;
  *rest = p;

  for (guint c = 0; c < G_N_ELEMENTS (map_children); c++)
    {
      g_autofree char *prefix = g_strdup_printf (".%s[", map_children[c]);
      MapEntry *entry = g_hash_table_lookup (entries, found->id);

      if (!g_str_has_prefix (p, prefix))
        continue;

      p += strlen (prefix);
      index = g_ascii_strtoull (p, &end, 10);
      if (end == p || *end != ']' || index >= entry->children[c]->len)
        return found;
      *rest = end + 1;
      return g_ptr_array_index (entry->children[c], index);
    }

  return found;
}

/**
 * wf_team_item_new:
 *
 * Returns: (transfer full): a new item with copies of the strings
 */
WfTeamItem *
wf_team_item_new (const char *id,
                  const char *type,
                  const char *parent,
                  const char *pos,
                  const char *value)
{
  WfTeamItem *item = g_new0 (WfTeamItem, 1);

  item->id = g_strdup (id);
  item->type = g_strdup (type);
  item->parent = g_strdup (parent);
  item->pos = g_strdup (pos);
  item->value = g_strdup (value);

  return item;
}

void
wf_team_item_free (WfTeamItem *item)
{
  if (item == NULL)
    return;

  g_free (item->id);
  g_free (item->type);
  g_free (item->parent);
  g_free (item->pos);
  g_free (item->value);
  g_free (item);
}

/**
 * wf_team_state_from_document:
 * @document: a document
 *
 * Splits @document into the items the server keeps, with position keys
 * spread over each list of siblings: the document first, then its
 * personas, then each map followed by its phases, lanes, cards and links.
 *
 * Returns: (transfer container) (element-type WfTeamItem): the items
 */
GPtrArray *
wf_team_state_from_document (WfDocument *document)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WfJsonDocument) json = NULL;
  g_autofree char *document_value = NULL;
  g_autofree char *document_pos = NULL;
  WfJsonError json_error = { 0 };
  const WfJsonValue *root, *personas, *maps;
  GPtrArray *items;
  const char *data;
  gsize len;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);

  bytes = wf_journey_to_bytes (document);
  data = g_bytes_get_data (bytes, &len);
  json = wf_json_parse (data, len, WF_JOURNEY_MAX_DEPTH, &json_error);
  g_assert (json != NULL);
  root = wf_json_document_root (json);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_team_item_free);

  document_value = value_text (root, document_left_out);
  document_pos = wf_team_key_between (NULL, NULL);
  g_ptr_array_add (items, wf_team_item_new ("", "document", NULL, document_pos, document_value));

  personas = wf_json_object_get (root, "personas");
  add_run (items, personas, 0, personas->len, "persona", NULL, item_left_out);

  maps = wf_json_object_get (root, "maps");
  add_run (items, maps, 0, maps->len, "map", NULL, map_left_out);
  for (guint i = 0; i < maps->len; i++)
    add_map (items, &maps->v.elements[i]);

  return items;
}

/**
 * wf_team_state_items_to_json:
 * @items: (element-type WfTeamItem): items
 *
 * Returns: (transfer full): @items as the JSON array that
 *   `wayfinder.share()` takes: objects with id, type, parent, pos and value
 */
char *
wf_team_state_items_to_json (GPtrArray *items)
{
  GString *out;

  g_return_val_if_fail (items != NULL, NULL);

  out = g_string_new ("[");
  for (guint i = 0; i < items->len; i++)
    {
      WfTeamItem *item = g_ptr_array_index (items, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"id\":");
      append_string (out, item->id);
      g_string_append (out, ",\"type\":");
      append_string (out, item->type);
      g_string_append (out, ",\"parent\":");
      if (item->parent != NULL)
        append_string (out, item->parent);
      else
        g_string_append (out, "null");
      g_string_append (out, ",\"pos\":");
      if (item->pos != NULL)
        append_string (out, item->pos);
      else
        g_string_append (out, "null");
      g_string_append (out, ",\"value\":");
      g_string_append (out, item->value);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

/**
 * wf_team_state_to_document:
 * @items: (element-type WfTeamItem): the live items of a team document,
 *   in any order
 * @created: (nullable): the document's `created`, as the .journey file
 *   has it (2026-11-20T10:00:00Z)
 * @modified: (nullable): its `modified`
 * @error: return location for a %WF_TEAM_ERROR_INVALID naming the item
 *
 * Assembles the .journey tree of @items, siblings ordered by their
 * (pos, id), and reads it with the .journey reader, which checks every
 * value as in a file.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL
 */
WfDocument *
wf_team_state_to_document (GPtrArray   *items,
                           const char  *created,
                           const char  *modified,
                           GError     **error)
{
  g_autoptr(GPtrArray) personas = g_ptr_array_new ();
  g_autoptr(GPtrArray) maps = g_ptr_array_new ();
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) map_entry_free);
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) document_value = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  const WfTeamItem *document_item = NULL;
  JsonArray *persona_array, *map_array;
  WfDocument *document;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Who is whose: the document, personas and maps first, then what the
   * maps hold. */
  for (guint i = 0; i < items->len; i++)
    {
      WfTeamItem *item = g_ptr_array_index (items, i);

      g_return_val_if_fail (item->id != NULL && item->type != NULL, NULL);

      if (strcmp (item->type, "document") == 0)
        {
          if (document_item != NULL || item->id[0] != '\0')
            {
              set_item_error (error, item, _("A document has one item of the type “document”, whose id is empty"));
              return NULL;
            }
          document_item = item;
        }
      else if (strcmp (item->type, "persona") == 0)
        g_ptr_array_add (personas, item);
      else if (strcmp (item->type, "map") == 0)
        {
          MapEntry *entry = g_new0 (MapEntry, 1);

          entry->map = item;
          for (guint c = 0; c < G_N_ELEMENTS (entry->children); c++)
            entry->children[c] = g_ptr_array_new ();
          if (!g_hash_table_insert (entries, item->id, entry))
            {
              set_item_error (error, item, _("Two maps have this id"));
              return NULL;
            }
          g_ptr_array_add (maps, item);
        }
    }

  if (document_item == NULL)
    {
      set_item_error (error, NULL, _("The item of the document itself is missing"));
      return NULL;
    }

  for (guint i = 0; i < items->len; i++)
    {
      WfTeamItem *item = g_ptr_array_index (items, i);
      gboolean known = FALSE;

      if (g_str_equal (item->type, "document") || g_str_equal (item->type, "persona") ||
          g_str_equal (item->type, "map"))
        continue;

      for (guint c = 0; c < G_N_ELEMENTS (child_types); c++)
        {
          MapEntry *entry;

          if (strcmp (item->type, child_types[c]) != 0)
            continue;

          known = TRUE;
          if (item->parent == NULL || !(entry = g_hash_table_lookup (entries, item->parent)))
            {
              set_item_error (error, item, _("It belongs to a map that is not there"));
              return NULL;
            }
          g_ptr_array_add (entry->children[c], item);
        }

      if (!known)
        {
          g_autofree char *message = g_strdup_printf (_("This Wayfinder does not know items of the type “%s”"),
                                                      item->type);

          set_item_error (error, item, message);
          return NULL;
        }
    }

  /* The tree, as the file has it. */
  json_object_set_string_member (root, "format", WF_JOURNEY_FORMAT);
  json_object_set_int_member (root, "version", WF_JOURNEY_VERSION);
  if (!(document_value = parse_value (document_item, document_left_out, error)))
    return NULL;
  json_object_iter_init_ordered (&iter, document_value);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (root, name, json_node_copy (node));
  if (created != NULL)
    json_object_set_string_member (root, "created", created);
  if (modified != NULL)
    json_object_set_string_member (root, "modified", modified);

  g_ptr_array_sort (personas, compare_items);
  persona_array = json_array_sized_new (personas->len);
  for (guint i = 0; i < personas->len; i++)
    {
      WfTeamItem *item = g_ptr_array_index (personas, i);
      g_autoptr(JsonObject) value = NULL;

      if (!(value = parse_value (item, item_left_out, error)))
        {
          json_array_unref (persona_array);
          return NULL;
        }
      json_array_add_object_element (persona_array, item_object (item, value));
    }
  add_array (root, "personas", persona_array);

  g_ptr_array_sort (maps, compare_items);
  map_array = json_array_sized_new (maps->len);
  add_array (root, "maps", map_array);
  for (guint i = 0; i < maps->len; i++)
    {
      WfTeamItem *item = g_ptr_array_index (maps, i);
      MapEntry *entry = g_hash_table_lookup (entries, item->id);
      g_autoptr(JsonObject) value = NULL;
      JsonObject *map;

      if (!(value = parse_value (item, map_left_out, error)))
        return NULL;

      /* "id", the children, then the map's members: the reader takes them
       * in any order, and keeps unknown ones in theirs. */
      map = json_object_new ();
      json_object_set_string_member (map, "id", item->id);
      for (guint c = 0; c < G_N_ELEMENTS (map_children); c++)
        {
          JsonArray *array = json_array_sized_new (entry->children[c]->len);

          g_ptr_array_sort (entry->children[c], compare_items);
          for (guint j = 0; j < entry->children[c]->len; j++)
            {
              WfTeamItem *child = g_ptr_array_index (entry->children[c], j);
              g_autoptr(JsonObject) child_value = NULL;

              if (!(child_value = parse_value (child, item_left_out, error)))
                {
                  json_array_unref (array);
                  json_object_unref (map);
                  return NULL;
                }
              json_array_add_object_element (array, item_object (child, child_value));
            }
          add_array (map, map_children[c], array);
        }
      json_object_iter_init_ordered (&iter, value);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        json_object_set_member (map, name, json_node_copy (node));
      json_array_add_object_element (map_array, map);
    }

  text = wf_journey_extra_to_string (root);
  bytes = g_bytes_new_take (text, strlen (text));
  text = NULL;

  if (!(document = wf_journey_load_bytes (bytes, &problems, &local_error)))
    {
      WfProblem *problem = problems && problems->len > 0 ? g_ptr_array_index (problems, 0) : NULL;
      const WfTeamItem *item = NULL;
      const char *rest = NULL;

      if (problem != NULL)
        item = item_at (problem->where, personas, maps, entries, &rest);

      if (item == NULL)
        item = document_item;

      if (problem != NULL && rest != NULL && rest[0] == '.' && rest[1] != '\0')
        {
          g_autofree char *message = g_strdup_printf ("%s: %s", rest + 1, problem->message);

          set_item_error (error, item, message);
        }
      else
        set_item_error (error, item, problem ? problem->message : local_error->message);

      return NULL;
    }

  return document;
}
