/* wf-journey-reader.c — reading .journey files, refusing bad ones clearly
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-journey.h"

#define MAX_PATH 16

typedef struct
{
  const char *member;   /* or NULL for an array index */
  guint       index;
} Segment;

typedef struct
{
  WfDocument *document;
  GPtrArray  *problems;
  GHashTable *items;      /* id → WfItem, unowned; ids point into the JSON tree */
  Segment     path[MAX_PATH];
  guint       depth;
  guint       found;      /* known members seen in the current object */
  int         code;       /* the error code of the first problem */
} Reader;

G_DEFINE_QUARK (wf-journey-error-quark, wf_journey_error)

void
wf_problem_free (WfProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->where);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray  *problems,
             char       *where,
             char       *message)
{
  WfProblem *problem = g_new0 (WfProblem, 1);

  problem->where = where;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/* Syntax: where a byte offset of the data is, as "line 3, column 14". */
static char *
where_offset (const char *data,
              gsize       offset)
{
  guint line = 1;
  gsize line_start = 0;
  glong column;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          line++;
          line_start = i + 1;
        }
    }

  column = g_utf8_strlen (data + line_start, offset - line_start) + 1;

  /* Translators: a place in a file */
  return g_strdup_printf (_("line %u, column %ld"), line, column);
}

static void
syntax_problem (GPtrArray  *problems,
                const char *data,
                gsize       offset,
                const char *message)
{
  add_problem (problems, where_offset (data, offset), g_strdup (message));
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Returns the end of the number token starting at @i, and checks that an
 * integer fits in 64 bits: JsonParser would silently clamp it. (A float
 * that overflows becomes infinite, which the reader refuses with its path.)
 */
static gsize
scan_number (const char *data,
             gsize       len,
             gsize       i,
             gboolean   *overflows)
{
  gsize start = i;
  gboolean is_float = FALSE;
  guint digits = 0;

  for (; i < len; i++)
    {
      char c = data[i];

      if (g_ascii_isdigit (c))
        digits++;
      else if (c == '.' || c == 'e' || c == 'E')
        is_float = TRUE;
      else if (c != '-' && c != '+')
        break;
    }

  *overflows = FALSE;

  if (!is_float && digits >= 19)
    {
      g_autofree char *token = g_strndup (data + start, i - start);

      errno = 0;
      g_ascii_strtoll (token, NULL, 10);
      *overflows = errno == ERANGE;
    }

  return i;
}

/* What JsonParser does not check, or would crash on: NUL bytes, invalid
 * UTF-8, nesting deep enough to exhaust the stack, numbers that overflow,
 * truncation, and content after the document.
 */
static gboolean
prescan (const char *data,
         gsize       len,
         GPtrArray  *problems)
{
  const char *nul, *end;
  gboolean in_string = FALSE;
  gboolean closed = FALSE;
  guint depth = 0;
  gsize i;

  if ((nul = memchr (data, '\0', len)) != NULL)
    {
      syntax_problem (problems, data, nul - data,
                      _("The file contains a NUL byte; it is not a text file"));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, len, &end))
    {
      syntax_problem (problems, data, end - data,
                      _("The file is not valid UTF-8 text"));
      return FALSE;
    }

  for (i = 0; i < len; i++)
    {
      char c = data[i];
      gboolean overflows;

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (is_space (c))
        continue;

      if (closed)
        {
          syntax_problem (problems, data, i,
                          _("There is more content after the end of the document"));
          return FALSE;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '{':
        case '[':
          if (++depth > WF_JOURNEY_MAX_DEPTH)
            {
              g_autofree char *message =
                g_strdup_printf (_("The data is nested more than %d levels deep"),
                                 WF_JOURNEY_MAX_DEPTH);
              syntax_problem (problems, data, i, message);
              return FALSE;
            }
          break;

        case '}':
        case ']':
          /* Unbalanced brackets are JsonParser's to report. */
          if (depth > 0 && --depth == 0)
            closed = TRUE;
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          {
            gsize token_end = scan_number (data, len, i, &overflows);

            if (overflows)
              {
                syntax_problem (problems, data, i,
                                _("The number is too large to be read"));
                return FALSE;
              }
            i = token_end - 1;
          }
          break;

        default:
          break;
        }
    }

  if (in_string || depth > 0)
    {
      syntax_problem (problems, data, len,
                      _("The file ends unexpectedly; it may be truncated"));
      return FALSE;
    }

  return TRUE;
}

static const char *
parser_error_message (const GError *error)
{
  if (error->domain == JSON_PARSER_ERROR)
    {
      switch (error->code)
        {
        case JSON_PARSER_ERROR_TRAILING_COMMA:
          return _("There is a comma after the last element");
        case JSON_PARSER_ERROR_MISSING_COMMA:
          return _("A comma is missing between two elements");
        case JSON_PARSER_ERROR_MISSING_COLON:
          return _("A colon is missing after a member name");
        case JSON_PARSER_ERROR_INVALID_BAREWORD:
          return _("Unexpected word; texts must be in double quotes");
        case JSON_PARSER_ERROR_EMPTY_MEMBER_NAME:
          return _("A member has an empty name");
        case JSON_PARSER_ERROR_INVALID_DATA:
          return _("The data is not valid");
        default:
          break;
        }
    }

  return _("This is not valid JSON");
}

/* JsonParser reports places as "<data>:LINE:COLUMN: Parse error: …". */
static void
parser_problem (GPtrArray    *problems,
                const GError *error)
{
  guint line = 0, column = 0;
  const char *message = error->message;
  const char *detail;

  if (sscanf (message, "<data>:%u:%u:", &line, &column) == 2 &&
      (detail = strstr (message, ": Parse error: ")) != NULL)
    {
      add_problem (problems,
                   g_strdup_printf (_("line %u, column %ld"), line, (long) column),
                   g_strdup_printf ("%s (%s)", parser_error_message (error),
                                    detail + strlen (": Parse error: ")));
    }
  else
    {
      add_problem (problems, g_strdup ("$"),
                   g_strdup_printf ("%s (%s)", parser_error_message (error), message));
    }
}

/* Paths and problems */

static void
push_member (Reader     *r,
             const char *member)
{
  g_assert (r->depth < MAX_PATH);
  r->path[r->depth].member = member;
  r->depth++;
}

static void
push_index (Reader *r,
            guint   index)
{
  g_assert (r->depth < MAX_PATH);
  r->path[r->depth].member = NULL;
  r->path[r->depth].index = index;
  r->depth++;
}

static void
pop (Reader *r)
{
  g_assert (r->depth > 0);
  r->depth--;
}

static char *
format_path (Reader     *r,
             const char *member)
{
  GString *str = g_string_new ("$");

  for (guint i = 0; i < r->depth; i++)
    {
      if (r->path[i].member != NULL)
        g_string_append_printf (str, ".%s", r->path[i].member);
      else
        g_string_append_printf (str, "[%u]", r->path[i].index);
    }

  if (member != NULL)
    g_string_append_printf (str, ".%s", member);

  return g_string_free (str, FALSE);
}

static void problem (Reader     *r,
                     int         code,
                     const char *member,
                     const char *format,
                     ...) G_GNUC_PRINTF (4, 5);

static void
problem (Reader     *r,
         int         code,
         const char *member,
         const char *format,
         ...)
{
  va_list args;

  if (r->problems->len == 0)
    r->code = code;

  va_start (args, format);
  add_problem (r->problems, format_path (r, member), g_strdup_vprintf (format, args));
  va_end (args);
}

static const char *
describe (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a text");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        default:
          return _("a number");
        }
    }
}

static void
wrong_type (Reader     *r,
            const char *member,
            const char *expected,
            JsonNode   *node)
{
  /* Translators: the first %s is what was expected ("a text"), the second
   * what the file has ("a number") */
  problem (r, WF_JOURNEY_ERROR_INVALID, member, _("Expected %s, found %s"),
           expected, describe (node));
}

/* Typed access to members. Each counts the member as known. */

static JsonNode *
member (Reader     *r,
        JsonObject *object,
        const char *name,
        gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL)
    r->found++;
  else if (required)
    problem (r, WF_JOURNEY_ERROR_INVALID, NULL,
             _("The member “%s” is missing"), name);

  return node;
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static const char *
get_string (Reader     *r,
            JsonObject *object,
            const char *name,
            gboolean    required)
{
  JsonNode *node = member (r, object, name, required);

  if (node == NULL)
    return NULL;

  if (holds_type (node, G_TYPE_STRING))
    return json_node_get_string (node);

  wrong_type (r, name, _("a text"), node);
  return NULL;
}

/* A string or null; *present tells whether it was a string. */
static const char *
get_nullable_string (Reader     *r,
                     JsonObject *object,
                     const char *name)
{
  JsonNode *node = member (r, object, name, FALSE);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (holds_type (node, G_TYPE_STRING))
    return json_node_get_string (node);

  wrong_type (r, name, _("a text or null"), node);
  return NULL;
}

static const char *
get_id (Reader     *r,
        JsonObject *object)
{
  const char *id = get_string (r, object, "id", TRUE);

  if (id == NULL)
    return NULL;

  if (*id == '\0')
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, "id", _("The id is empty"));
      return NULL;
    }

  if (g_hash_table_contains (r->items, id))
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, "id",
               _("The id “%s” is used by another item"), id);
      return NULL;
    }

  return id;
}

static void
remember (Reader     *r,
          const char *id,
          gpointer    item)
{
  g_hash_table_insert (r->items, (gpointer) id, item);
}

static const char *
get_color (Reader     *r,
           JsonObject *object,
           const char *name)
{
  const char *color = get_nullable_string (r, object, name);

  if (color != NULL && !wf_color_is_valid (color))
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, name,
               _("“%s” is not a colour of the form #rrggbb"), color);
      return NULL;
    }

  return color;
}

static gboolean
get_int (Reader     *r,
         JsonObject *object,
         const char *name,
         gint64      min,
         gint64      max,
         gint64     *value)
{
  JsonNode *node = member (r, object, name, FALSE);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  if (!holds_type (node, G_TYPE_INT64))
    {
      wrong_type (r, name, _("a whole number"), node);
      return FALSE;
    }

  *value = json_node_get_int (node);

  if (*value < min || *value > max)
    {
      g_autofree char *s_value = g_strdup_printf ("%" G_GINT64_FORMAT, *value);
      g_autofree char *s_min = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *s_max = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      /* Translators: "7 is out of range; it must be from -2 to 2" */
      problem (r, WF_JOURNEY_ERROR_INVALID, name,
               _("%s is out of range; it must be from %s to %s"),
               s_value, s_min, s_max);
      return FALSE;
    }

  return TRUE;
}

static JsonArray *
get_array (Reader     *r,
           JsonObject *object,
           const char *name,
           gboolean    required)
{
  JsonNode *node = member (r, object, name, required);

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  wrong_type (r, name, _("a list"), node);
  return NULL;
}

static JsonObject *
element_object (Reader    *r,
                JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  problem (r, WF_JOURNEY_ERROR_INVALID, NULL, _("Expected %s, found %s"),
           _("an object"), describe (node));
  return NULL;
}

static gboolean
node_is_finite (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *child;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &child))
          {
            if (!node_is_finite (child))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (!node_is_finite (json_array_get_element (array, i)))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_DOUBLE ||
             isfinite (json_node_get_double (node));

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* Keeps the members of @object that are not in @known, in order. */
static void
keep_extra (Reader             *r,
            JsonObject         *object,
            const char * const *known,
            gpointer            item)
{
  g_autoptr(JsonObject) extra = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (json_object_get_size (object) == r->found)
    return;

  extra = json_object_new ();
  json_object_iter_init_ordered (&iter, object);

  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (g_strv_contains (known, name))
        continue;

      if (!node_is_finite (node))
        {
          problem (r, WF_JOURNEY_ERROR_INVALID, name, _("A number is too large to be read"));
          continue;
        }

      json_object_set_member (extra, name, json_node_copy (node));
    }

  wf_item_set_extra (item, extra);
}

/* The objects */

static const char * const persona_members[] = {
  "id", "name", "role", "color", "goals", "needs", "frustrations", "notes", NULL
};

static void
read_persona (Reader     *r,
              JsonObject *object)
{
  g_autoptr(WfPersona) persona = NULL;
  const char *id, *name, *color;

  r->found = 0;
  id = get_id (r, object);
  name = get_string (r, object, "name", TRUE);

  if (id == NULL)
    return;

  persona = wf_persona_new (id, name);
  wf_persona_set_role (persona, get_string (r, object, "role", FALSE));
  if ((color = get_color (r, object, "color")) != NULL)
    wf_persona_set_color (persona, color);
  else
    wf_persona_set_color (persona, wf_persona_default_color (wf_document_get_n_personas (r->document)));
  wf_persona_set_goals (persona, get_string (r, object, "goals", FALSE));
  wf_persona_set_needs (persona, get_string (r, object, "needs", FALSE));
  wf_persona_set_frustrations (persona, get_string (r, object, "frustrations", FALSE));
  wf_persona_set_notes (persona, get_string (r, object, "notes", FALSE));
  keep_extra (r, object, persona_members, persona);

  remember (r, id, persona);
  wf_document_insert_persona (r->document, persona, -1);
}

static const char * const phase_members[] = {
  "id", "name", "description", "color", NULL
};

static void
read_phase (Reader     *r,
            WfMap      *map,
            JsonObject *object)
{
  g_autoptr(WfPhase) phase = NULL;
  const char *id, *name;

  r->found = 0;
  id = get_id (r, object);
  name = get_string (r, object, "name", TRUE);

  if (id == NULL)
    return;

  phase = wf_phase_new (id, name);
  wf_phase_set_description (phase, get_string (r, object, "description", FALSE));
  wf_phase_set_color (phase, get_color (r, object, "color"));
  keep_extra (r, object, phase_members, phase);

  remember (r, id, phase);
  wf_map_insert_phase (map, phase, -1);
}

static const char * const lane_members[] = {
  "id", "kind", "title", "persona", "collapsed", NULL
};

static void
read_lane (Reader     *r,
           WfMap      *map,
           JsonObject *object)
{
  g_autoptr(WfLane) lane = NULL;
  const char *id, *kind_name, *persona_id;
  WfLaneKind kind = WF_LANE_TOUCHPOINTS;
  WfPersona *persona = NULL;
  JsonNode *node;

  r->found = 0;
  id = get_id (r, object);
  kind_name = get_string (r, object, "kind", TRUE);

  if (kind_name != NULL && !wf_lane_kind_from_string (kind_name, &kind))
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, "kind",
               _("“%s” is not a kind of lane; expected one of touchpoints, actions, thoughts, emotions, pain-points, opportunities, channels, metrics, backstage or notes"),
               kind_name);
      id = NULL;
    }

  if ((persona_id = get_nullable_string (r, object, "persona")) != NULL)
    {
      persona = g_hash_table_lookup (r->items, persona_id);

      if (!WF_IS_PERSONA (persona))
        {
          problem (r, WF_JOURNEY_ERROR_INVALID, "persona",
                   _("The lane refers to persona “%s”, which does not exist"), persona_id);
          persona = NULL;
        }
    }

  if (id == NULL)
    return;

  lane = wf_lane_new (id, kind);
  wf_lane_set_title (lane, get_string (r, object, "title", FALSE));
  wf_lane_set_persona (lane, persona);

  if ((node = member (r, object, "collapsed", FALSE)) != NULL)
    {
      if (holds_type (node, G_TYPE_BOOLEAN))
        wf_lane_set_collapsed (lane, json_node_get_boolean (node));
      else
        wrong_type (r, "collapsed", _("true or false"), node);
    }

  keep_extra (r, object, lane_members, lane);

  remember (r, id, lane);
  wf_map_insert_lane (map, lane, -1);
}

static GVariant *
read_metrics (Reader     *r,
              JsonObject *object)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (WF_METRICS_TYPE);
  JsonNode *node = member (r, object, "metrics", FALSE);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong_type (r, "metrics", _("an object"), node);
      return NULL;
    }

  if (json_object_get_size (json_node_get_object (node)) == 0)
    return NULL;

  push_member (r, "metrics");
  json_object_iter_init_ordered (&iter, json_node_get_object (node));

  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      double number;

      if (holds_type (value, G_TYPE_INT64))
        number = json_node_get_int (value);
      else if (holds_type (value, G_TYPE_DOUBLE))
        number = json_node_get_double (value);
      else
        {
          wrong_type (r, name, _("a number"), value);
          continue;
        }

      if (!isfinite (number))
        {
          problem (r, WF_JOURNEY_ERROR_INVALID, name, _("The number is too large to be read"));
          continue;
        }

      g_variant_builder_add (&builder, "(sd)", name, number);
    }

  pop (r);

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static GPtrArray *
read_tags (Reader     *r,
           JsonObject *object)
{
  JsonArray *array = get_array (r, object, "tags", FALSE);
  GPtrArray *tags;

  if (array == NULL || json_array_get_length (array) == 0)
    return NULL;

  tags = g_ptr_array_new ();
  push_member (r, "tags");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (holds_type (node, G_TYPE_STRING))
        g_ptr_array_add (tags, (gpointer) json_node_get_string (node));
      else
        {
          push_index (r, i);
          problem (r, WF_JOURNEY_ERROR_INVALID, NULL, _("Expected %s, found %s"),
                   _("a text"), describe (node));
          pop (r);
        }
    }

  pop (r);
  g_ptr_array_add (tags, NULL);

  return tags;
}

static gpointer
lookup_in_map (Reader     *r,
               WfMap      *map,
               const char *id,
               GType       type)
{
  WfItem *item = g_hash_table_lookup (r->items, id);

  if (item != NULL && G_TYPE_CHECK_INSTANCE_TYPE (item, type) &&
      wf_item_get_parent (item) == WF_ITEM (map))
    return item;

  return NULL;
}

static const char * const card_members[] = {
  "id", "phase", "lane", "title", "notes", "channel", "contact", "emotion",
  "color", "votes", "metrics", "tags", NULL
};

static void
read_card (Reader     *r,
           WfMap      *map,
           JsonObject *object)
{
  g_autoptr(WfCard) card = NULL;
  g_autoptr(GVariant) metrics = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  const char *id, *phase_id, *lane_id, *str;
  WfPhase *phase = NULL;
  WfLane *lane = NULL;
  gint64 number;
  gboolean ok = TRUE;

  r->found = 0;
  id = get_id (r, object);
  phase_id = get_string (r, object, "phase", TRUE);
  lane_id = get_string (r, object, "lane", TRUE);

  if (phase_id != NULL && !(phase = lookup_in_map (r, map, phase_id, WF_TYPE_PHASE)))
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, "phase",
               _("The card refers to phase “%s”, which does not exist in this map"), phase_id);
      ok = FALSE;
    }

  if (lane_id != NULL && !(lane = lookup_in_map (r, map, lane_id, WF_TYPE_LANE)))
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, "lane",
               _("The card refers to lane “%s”, which does not exist in this map"), lane_id);
      ok = FALSE;
    }

  card = wf_card_new (id ? id : "-", get_string (r, object, "title", FALSE));

  if ((str = get_string (r, object, "notes", FALSE)) != NULL && *str != '\0')
    wf_card_set_notes (card, str);

  if ((str = get_nullable_string (r, object, "channel")) != NULL)
    {
      WfChannel channel;

      if (wf_channel_from_string (str, &channel))
        wf_card_set_channel (card, channel);
      else
        problem (r, WF_JOURNEY_ERROR_INVALID, "channel",
                 _("“%s” is not a channel; expected one of web, app, email, social, search, ads, phone, chat, store, event, print, word-of-mouth, review-site or other"),
                 str);
    }

  if ((str = get_nullable_string (r, object, "contact")) != NULL)
    {
      WfContact contact;

      if (wf_contact_from_string (str, &contact))
        wf_card_set_contact (card, contact);
      else
        problem (r, WF_JOURNEY_ERROR_INVALID, "contact",
                 _("“%s” is not a kind of contact; expected direct or indirect"), str);
    }

  if (get_int (r, object, "emotion", WF_EMOTION_MIN, WF_EMOTION_MAX, &number))
    wf_card_set_emotion (card, number);

  if ((str = get_color (r, object, "color")) != NULL)
    wf_card_set_color (card, str);

  if (get_int (r, object, "votes", 0, G_MAXINT32, &number))
    wf_card_set_votes (card, number);

  if ((metrics = read_metrics (r, object)) != NULL)
    wf_card_set_metrics (card, metrics);

  if ((tags = read_tags (r, object)) != NULL)
    wf_card_set_tags (card, (const char * const *) tags->pdata);

  keep_extra (r, object, card_members, card);

  if (id == NULL || !ok)
    return;

  remember (r, id, card);
  wf_map_insert_card (map, card, phase, lane, -1);
}

static const char * const link_members[] = {
  "id", "from", "to", "label", NULL
};

static void
read_link (Reader     *r,
           WfMap      *map,
           JsonObject *object)
{
  g_autoptr(WfLink) link = NULL;
  const char *id, *from_id, *to_id;
  WfCard *from = NULL, *to = NULL;

  r->found = 0;
  id = get_id (r, object);
  from_id = get_string (r, object, "from", TRUE);
  to_id = get_string (r, object, "to", TRUE);

  if (from_id != NULL && !(from = lookup_in_map (r, map, from_id, WF_TYPE_CARD)))
    problem (r, WF_JOURNEY_ERROR_INVALID, "from",
             _("The link refers to card “%s”, which does not exist in this map"), from_id);

  if (to_id != NULL && !(to = lookup_in_map (r, map, to_id, WF_TYPE_CARD)))
    problem (r, WF_JOURNEY_ERROR_INVALID, "to",
             _("The link refers to card “%s”, which does not exist in this map"), to_id);

  if (id == NULL || from == NULL || to == NULL)
    return;

  link = wf_link_new (id, from, to);
  wf_link_set_label (link, get_string (r, object, "label", FALSE));
  keep_extra (r, object, link_members, link);

  remember (r, id, link);
  wf_map_insert_link (map, link, -1);
}

typedef void (*ReadFunc) (Reader     *r,
                          WfMap      *map,
                          JsonObject *object);

static void
read_list (Reader     *r,
           WfMap      *map,
           JsonArray  *array,
           const char *name,
           ReadFunc    func)
{
  if (array == NULL)
    return;

  push_member (r, name);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object;

      push_index (r, i);
      if ((object = element_object (r, array, i)) != NULL)
        func (r, map, object);
      pop (r);
    }

  pop (r);
}

static const char * const map_members[] = {
  "id", "title", "scenario", "phases", "lanes", "cards", "links", NULL
};

static void
read_map (Reader     *r,
          JsonObject *object)
{
  g_autoptr(WfMap) map = NULL;
  JsonArray *phases, *lanes, *cards, *links;
  const char *id;

  r->found = 0;
  id = get_id (r, object);

  map = wf_map_new (id ? id : "-", get_string (r, object, "title", FALSE));
  wf_map_set_scenario (map, get_string (r, object, "scenario", FALSE));
  phases = get_array (r, object, "phases", FALSE);
  lanes = get_array (r, object, "lanes", FALSE);
  cards = get_array (r, object, "cards", FALSE);
  links = get_array (r, object, "links", FALSE);
  keep_extra (r, object, map_members, map);

  if (id != NULL)
    remember (r, id, map);

  read_list (r, map, phases, "phases", read_phase);
  read_list (r, map, lanes, "lanes", read_lane);
  read_list (r, map, cards, "cards", read_card);
  read_list (r, map, links, "links", read_link);

  /* Inserting last announces the map once, with all it holds. */
  if (id != NULL && r->problems->len == 0)
    wf_document_insert_map (r->document, map, -1);
}

static const char * const document_members[] = {
  "format", "version", "title", "description", "created", "modified",
  "personas", "maps", NULL
};

static const char *
get_timestamp (Reader     *r,
               JsonObject *object,
               const char *name)
{
  const char *stamp = get_nullable_string (r, object, name);
  g_autoptr(GDateTime) date = NULL;

  if (stamp == NULL)
    return NULL;

  if (!(date = g_date_time_new_from_iso8601 (stamp, NULL)))
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, name,
               _("“%s” is not a date and time such as 2026-11-20T10:00:00Z"), stamp);
      return NULL;
    }

  return stamp;
}

static void
read_document (Reader   *r,
               JsonNode *root)
{
  JsonObject *object;
  JsonArray *personas, *maps;
  const char *format;
  gint64 version = 0;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      problem (r, WF_JOURNEY_ERROR_FORMAT, NULL,
               _("This is not a Wayfinder journey: the file holds %s instead of an object"),
               describe (root));
      return;
    }

  object = json_node_get_object (root);
  r->found = 0;

  format = get_string (r, object, "format", FALSE);
  if (g_strcmp0 (format, WF_JOURNEY_FORMAT) != 0)
    {
      g_ptr_array_set_size (r->problems, 0);
      if (format == NULL)
        problem (r, WF_JOURNEY_ERROR_FORMAT, "format",
                 _("This is not a Wayfinder journey: the member “format” is missing"));
      else
        problem (r, WF_JOURNEY_ERROR_FORMAT, "format",
                 _("This is not a Wayfinder journey but a file of the format “%s”"), format);
      return;
    }

  node = member (r, object, "version", TRUE);
  if (node != NULL)
    {
      if (!holds_type (node, G_TYPE_INT64) || (version = json_node_get_int (node)) < 1)
        {
          problem (r, WF_JOURNEY_ERROR_INVALID, "version",
                   _("The version must be a whole number from 1"));
          return;
        }

      if (version > WF_JOURNEY_VERSION)
        {
          g_autofree char *s_version = g_strdup_printf ("%" G_GINT64_FORMAT, version);

          problem (r, WF_JOURNEY_ERROR_VERSION, "version",
                   _("The file was made by a newer version of Wayfinder (format version %s); this version reads format version %d. Please update Wayfinder."),
                   s_version, WF_JOURNEY_VERSION);
          return;
        }
    }

  wf_document_set_title (r->document, get_string (r, object, "title", FALSE));
  wf_document_set_description (r->document, get_string (r, object, "description", FALSE));
  wf_document_set_created (r->document, get_timestamp (r, object, "created"));
  wf_document_set_modified (r->document, get_timestamp (r, object, "modified"));
  personas = get_array (r, object, "personas", FALSE);
  maps = get_array (r, object, "maps", TRUE);
  keep_extra (r, object, document_members, r->document);

  if (personas != NULL)
    {
      push_member (r, "personas");
      for (guint i = 0; i < json_array_get_length (personas); i++)
        {
          JsonObject *persona;

          push_index (r, i);
          if ((persona = element_object (r, personas, i)) != NULL)
            read_persona (r, persona);
          pop (r);
        }
      pop (r);
    }

  if (maps != NULL)
    {
      push_member (r, "maps");
      for (guint i = 0; i < json_array_get_length (maps); i++)
        {
          JsonObject *map;

          push_index (r, i);
          if ((map = element_object (r, maps, i)) != NULL)
            read_map (r, map);
          pop (r);
        }
      pop (r);
    }
}

static void
set_error (GError    **error,
           int         code,
           GPtrArray  *problems)
{
  WfProblem *first = g_ptr_array_index (problems, 0);
  g_autoptr(GString) message = g_string_new (NULL);

  g_string_append_printf (message, "%s: %s", first->where, first->message);

  if (problems->len > 1)
    {
      guint more = problems->len - 1;

      g_string_append_c (message, ' ');
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "(and %u more problem)",
                                           "(and %u more problems)", more),
                              more);
    }

  g_set_error_literal (error, WF_JOURNEY_ERROR, code, message->str);
}

/**
 * wf_journey_load_bytes:
 * @bytes: the content of a .journey file
 * @problems: (out) (optional) (element-type WfProblem): every problem found
 * @error: the first problem, with a count of the others
 *
 * Returns: (transfer full) (nullable): the document, or %NULL if the file
 *   has any problem
 */
WfDocument *
wf_journey_load_bytes (GBytes     *bytes,
                       GPtrArray **problems,
                       GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_problem_free);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GHashTable) items = NULL;
  const char *data;
  gsize len;
  JsonNode *root;
  Reader r = { 0 };

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = "";

  if (!prescan (data, len, found))
    {
      set_error (error, WF_JOURNEY_ERROR_SYNTAX, found);
      goto out;
    }

  parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, data, len, &parse_error))
    {
      parser_problem (found, parse_error);
      set_error (error, WF_JOURNEY_ERROR_SYNTAX, found);
      goto out;
    }

  if ((root = json_parser_get_root (parser)) == NULL)
    {
      add_problem (found, g_strdup ("$"), g_strdup (_("The file is empty")));
      set_error (error, WF_JOURNEY_ERROR_SYNTAX, found);
      goto out;
    }

  items = g_hash_table_new (g_str_hash, g_str_equal);
  document = wf_document_new ();
  r.document = document;
  r.problems = found;
  r.items = items;
  read_document (&r, root);

  if (found->len > 0)
    {
      set_error (error, r.code, found);
      g_clear_object (&document);
    }

out:
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return g_steal_pointer (&document);
}

/**
 * wf_journey_load_file:
 *
 * Returns: (transfer full) (nullable): the document, or %NULL
 */
WfDocument *
wf_journey_load_file (GFile         *file,
                      GPtrArray    **problems,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (problems != NULL)
    *problems = NULL;

  if (!(bytes = g_file_load_bytes (file, cancellable, NULL, error)))
    return NULL;

  return wf_journey_load_bytes (bytes, problems, error);
}
