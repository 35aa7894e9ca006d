/* wf-json.c — a small, strict, fast JSON reader for .journey files
 *
 * Reads RFC 8259 JSON into a tree that lives in one arena, so that building
 * and freeing it costs little: opening a 20,000-card map is dominated by
 * making the model, not by the JSON. It refuses what a general parser lets
 * through silently: invalid UTF-8, NUL characters, integers that overflow,
 * duplicate member names, nesting beyond a limit (checked before any stack
 * is used), and content after the document.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-json.h"
#include "wf-quote.h"

#define BLOCK_SIZE (256 * 1024)

typedef struct _Block Block;

struct _Block
{
  Block *next;
  gsize  used;
  gsize  size;
  /* Keeps data aligned for gint64 and double on 32-bit systems too. */
  union {
    gint64 align_int;
    double align_double;
  } align[0];
  char   data[];
};

struct _WfJsonDocument
{
  Block       *blocks;
  WfJsonValue  root;
};

typedef struct
{
  const char     *data;
  const char     *p;
  const char     *end;
  guint           depth;
  guint           max_depth;
  WfJsonDocument *document;
  GArray         *stack;       /* values of the open containers */
  GArray         *names;       /* member names of the open objects */
  WfJsonError    *error;
} Parser;

static gpointer
arena_alloc (WfJsonDocument *document,
             gsize           size)
{
  Block *block = document->blocks;

  size = (size + 7) & ~(gsize) 7;

  if (block == NULL || block->size - block->used < size)
    {
      gsize block_size = MAX (BLOCK_SIZE, size);

      block = g_malloc (sizeof (Block) + block_size);
      block->next = document->blocks;
      block->used = 0;
      block->size = block_size;
      document->blocks = block;
    }

  block->used += size;

  return block->data + block->used - size;
}

void
wf_json_document_free (WfJsonDocument *document)
{
  Block *block, *next;

  if (document == NULL)
    return;

  for (block = document->blocks; block != NULL; block = next)
    {
      next = block->next;
      g_free (block);
    }

  g_free (document);
}

const WfJsonValue *
wf_json_document_root (WfJsonDocument *document)
{
  return &document->root;
}

static gboolean
fail (Parser     *parser,
      const char *at,
      const char *message)
{
  if (parser->error->message == NULL)
    {
      parser->error->offset = at - parser->data;
      parser->error->message = g_strdup (message);
    }

  return FALSE;
}

static void
skip_space (Parser *parser)
{
  const char *p = parser->p;

  while (p < parser->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;

  parser->p = p;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Parser     *parser,
           const char *p,
           gunichar   *out)
{
  gunichar c = 0;

  if (parser->end - p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int h = hex_value (p[i]);

      if (h < 0)
        return FALSE;
      c = (c << 4) | h;
    }

  *out = c;

  return TRUE;
}

/* Reads the string at parser->p (just after its opening quote) into the
 * arena. The input has been checked to be valid UTF-8 as a whole.
 */
static const char *
read_string (Parser *parser)
{
  const char *start = parser->p;
  const char *p = start;
  const char *end = parser->end;
  char *out, *o;

  /* The common case: no escapes. */
  while (p < end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
    p++;

  if (p < end && *p == '"')
    {
      out = arena_alloc (parser->document, p - start + 1);
      memcpy (out, start, p - start);
      out[p - start] = '\0';
      parser->p = p + 1;
      return out;
    }

  /* Escapes only ever shorten the text. */
  for (p = start; p < end && *p != '"'; p++)
    {
      if (*p == '\\')
        p++;
    }
  if (p >= end)
    {
      fail (parser, end, _("The file ends unexpectedly; it may be truncated"));
      return NULL;
    }

  out = o = arena_alloc (parser->document, p - start + 1);

  for (p = start; *p != '"'; )
    {
      guchar c = *p;

      if (c < 0x20)
        {
          fail (parser, p, _("A text contains a control character that must be escaped"));
          return NULL;
        }

      if (c != '\\')
        {
          *o++ = *p++;
          continue;
        }

      switch (p[1])
        {
        case '"':  *o++ = '"'; p += 2; break;
        case '\\': *o++ = '\\'; p += 2; break;
        case '/':  *o++ = '/'; p += 2; break;
        case 'b':  *o++ = '\b'; p += 2; break;
        case 'f':  *o++ = '\f'; p += 2; break;
        case 'n':  *o++ = '\n'; p += 2; break;
        case 'r':  *o++ = '\r'; p += 2; break;
        case 't':  *o++ = '\t'; p += 2; break;
        case 'u':
          {
            gunichar ch, low;

            if (!read_hex4 (parser, p + 2, &ch))
              {
                fail (parser, p, _("A text contains an invalid \\u escape"));
                return NULL;
              }
            p += 6;

            if (ch >= 0xd800 && ch < 0xdc00)
              {
                if (p[0] != '\\' || p[1] != 'u' || !read_hex4 (parser, p + 2, &low) ||
                    low < 0xdc00 || low >= 0xe000)
                  {
                    fail (parser, p - 6, _("A text contains an invalid \\u escape"));
                    return NULL;
                  }
                ch = 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00);
                p += 6;
              }
            else if (ch >= 0xdc00 && ch < 0xe000)
              {
                fail (parser, p - 6, _("A text contains an invalid \\u escape"));
                return NULL;
              }
            else if (ch == 0)
              {
                fail (parser, p - 6, _("A text contains a NUL character"));
                return NULL;
              }

            o += g_unichar_to_utf8 (ch, o);
          }
          break;

        default:
          fail (parser, p, _("A text contains an invalid escape"));
          return NULL;
        }
    }

  *o = '\0';
  parser->p = p + 1;

  return out;
}

static gboolean
read_number (Parser      *parser,
             WfJsonValue *value)
{
  const char *start = parser->p;
  const char *p = start;
  const char *end = parser->end;
  gboolean is_float = FALSE;
  char buf[64];
  g_autofree char *heap = NULL;
  char *token;

  if (p < end && *p == '-')
    p++;

  if (p < end && *p == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (*p))
        return fail (parser, start, _("This is not valid JSON: a number is malformed"));
    }
  else if (p < end && *p >= '1' && *p <= '9')
    while (p < end && g_ascii_isdigit (*p))
      p++;
  else
    return fail (parser, start, _("This is not valid JSON: a number is malformed"));

  if (p < end && *p == '.')
    {
      is_float = TRUE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return fail (parser, start, _("This is not valid JSON: a number is malformed"));
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      is_float = TRUE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return fail (parser, start, _("This is not valid JSON: a number is malformed"));
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if ((gsize) (p - start) < sizeof buf)
    token = buf;
  else
    token = heap = g_malloc (p - start + 1);
  memcpy (token, start, p - start);
  token[p - start] = '\0';

  if (!is_float)
    {
      errno = 0;
      value->type = WF_JSON_INT;
      value->v.integer = g_ascii_strtoll (token, NULL, 10);
      if (errno == ERANGE)
        return fail (parser, start, wf_json_out_of_range_message ());
    }
  else
    {
      /* A float that overflows becomes infinite; the reader refuses it
       * with its path, by wf_json_out_of_range_message(). */
      value->type = WF_JSON_DOUBLE;
      value->v.number = g_ascii_strtod (token, NULL);
    }

  parser->p = p;

  return TRUE;
}

static gboolean
read_literal (Parser      *parser,
              WfJsonValue *value)
{
  const char *p = parser->p;
  gsize left = parser->end - p;

  if (left >= 4 && memcmp (p, "null", 4) == 0)
    {
      value->type = WF_JSON_NULL;
      parser->p += 4;
    }
  else if (left >= 4 && memcmp (p, "true", 4) == 0)
    {
      value->type = WF_JSON_BOOLEAN;
      value->v.boolean = TRUE;
      parser->p += 4;
    }
  else if (left >= 5 && memcmp (p, "false", 5) == 0)
    {
      value->type = WF_JSON_BOOLEAN;
      value->v.boolean = FALSE;
      parser->p += 5;
    }
  else if (left == 0)
    return fail (parser, p, _("The file ends unexpectedly; it may be truncated"));
  else
    return fail (parser, p, _("Unexpected word; texts must be in double quotes"));

  if (parser->p < parser->end && g_ascii_isalnum (*parser->p))
    return fail (parser, p, _("Unexpected word; texts must be in double quotes"));

  return TRUE;
}

static gboolean
has_duplicates (const WfJsonMember *members,
                guint               n,
                const char        **duplicate)
{
  if (n <= 24)
    {
      for (guint i = 1; i < n; i++)
        for (guint j = 0; j < i; j++)
          if (strcmp (members[i].name, members[j].name) == 0)
            {
              *duplicate = members[i].name;
              return TRUE;
            }
    }
  else
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < n; i++)
        if (!g_hash_table_add (seen, (gpointer) members[i].name))
          {
            *duplicate = members[i].name;
            return TRUE;
          }
    }

  return FALSE;
}

/* Iterative, so that no input can exhaust the stack: the children of the
 * containers being read wait on parser->stack (with their names on
 * parser->names, NULL in arrays) until their container closes.
 */
typedef struct
{
  WfJsonType  type;
  guint       first;      /* index of the first child on the stack */
  const char *name;       /* the container's own name in its parent */
  const char *start;
} Frame;

static gboolean
close_container (Parser      *parser,
                 Frame       *frame,
                 WfJsonValue *value)
{
  guint n = parser->stack->len - frame->first;
  const WfJsonValue *children = &g_array_index (parser->stack, WfJsonValue, frame->first);
  const char * const *names = &g_array_index (parser->names, const char *, frame->first);

  memset (value, 0, sizeof *value);
  value->type = frame->type;
  value->len = n;

  if (frame->type == WF_JSON_ARRAY)
    {
      value->v.elements = arena_alloc (parser->document, MAX (n, 1) * sizeof (WfJsonValue));
      memcpy (value->v.elements, children, n * sizeof (WfJsonValue));
    }
  else
    {
      const char *duplicate;

      value->v.members = arena_alloc (parser->document, MAX (n, 1) * sizeof (WfJsonMember));
      for (guint i = 0; i < n; i++)
        {
          value->v.members[i].name = names[i];
          value->v.members[i].value = children[i];
        }

      if (has_duplicates (value->v.members, n, &duplicate))
        {
          g_autofree char *quoted = wf_quote_excerpt (duplicate);
          g_autofree char *message =
            g_strdup_printf (_("The member “%s” appears twice in one object"), quoted);
          return fail (parser, frame->start, message);
        }
    }

  g_array_set_size (parser->stack, frame->first);
  g_array_set_size (parser->names, frame->first);

  return TRUE;
}

static gboolean
read_value (Parser      *parser,
            WfJsonValue *result)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (Frame));

  for (;;)
    {
      Frame *top = frames->len ? &g_array_index (frames, Frame, frames->len - 1) : NULL;
      const char *name = NULL;
      gboolean closing = FALSE;
      WfJsonValue value;

      skip_space (parser);

      /* Inside an object: a member name and a colon come first. */
      if (top != NULL && top->type == WF_JSON_OBJECT)
        {
          if (parser->p >= parser->end)
            return fail (parser, parser->end, _("The file ends unexpectedly; it may be truncated"));
          if (*parser->p != '"')
            {
              if (*parser->p == '}')
                return fail (parser, parser->p, _("There is a comma after the last element"));
              return fail (parser, parser->p, _("A member name in double quotes was expected"));
            }
          parser->p++;
          if (!(name = read_string (parser)))
            return FALSE;
          skip_space (parser);
          if (parser->p >= parser->end)
            return fail (parser, parser->end, _("The file ends unexpectedly; it may be truncated"));
          if (*parser->p != ':')
            return fail (parser, parser->p, _("A colon is missing after a member name"));
          parser->p++;
          skip_space (parser);
        }

      if (parser->p >= parser->end)
        return fail (parser, parser->end, _("The file ends unexpectedly; it may be truncated"));

      memset (&value, 0, sizeof value);

      switch (*parser->p)
        {
        case '{':
        case '[':
          {
            Frame frame;

            if (frames->len >= parser->max_depth)
              {
                g_autofree char *message =
                  g_strdup_printf (_("The data is nested more than %u levels deep"), parser->max_depth);
                return fail (parser, parser->p, message);
              }

            frame.type = *parser->p == '{' ? WF_JSON_OBJECT : WF_JSON_ARRAY;
            frame.first = parser->stack->len;
            frame.name = name;
            frame.start = parser->p;
            parser->p++;
            g_array_append_val (frames, frame);

            skip_space (parser);
            if (parser->p < parser->end &&
                *parser->p == (frame.type == WF_JSON_OBJECT ? '}' : ']'))
              {
                closing = TRUE;
                break;
              }
            continue;
          }

        case '"':
          parser->p++;
          value.type = WF_JSON_STRING;
          if (!(value.v.string = read_string (parser)))
            return FALSE;
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (!read_number (parser, &value))
            return FALSE;
          break;

        case ']':
          if (top != NULL && top->type == WF_JSON_ARRAY)
            return fail (parser, parser->p, _("There is a comma after the last element"));
          return fail (parser, parser->p, _("This is not valid JSON: a value was expected"));

        case '}':
        case ',':
        case ':':
          return fail (parser, parser->p, _("This is not valid JSON: a value was expected"));

        default:
          if (!read_literal (parser, &value))
            return FALSE;
          break;
        }

      /* Close containers and store complete values until more is to come. */
      for (;;)
        {
          if (closing)
            {
              Frame frame = g_array_index (frames, Frame, frames->len - 1);

              parser->p++;
              if (!close_container (parser, &frame, &value))
                return FALSE;
              name = frame.name;
              g_array_set_size (frames, frames->len - 1);
              closing = FALSE;
            }

          if (frames->len == 0)
            {
              *result = value;
              return TRUE;
            }

          g_array_append_val (parser->stack, value);
          g_array_append_val (parser->names, name);
          top = &g_array_index (frames, Frame, frames->len - 1);

          skip_space (parser);
          if (parser->p >= parser->end)
            return fail (parser, parser->end, _("The file ends unexpectedly; it may be truncated"));

          if (*parser->p == ',')
            {
              parser->p++;
              break;
            }

          if (*parser->p != (top->type == WF_JSON_OBJECT ? '}' : ']'))
            return fail (parser, parser->p, _("A comma is missing between two elements"));

          closing = TRUE;
        }
    }
}

/**
 * wf_json_parse:
 * @max_depth: how deeply arrays and objects may nest
 * @error: (out caller-allocates): where and what, if it fails; free its
 *   message
 *
 * Returns: (transfer full) (nullable): the document, or %NULL
 */
WfJsonDocument *
wf_json_parse (const char  *data,
               gsize        len,
               guint        max_depth,
               WfJsonError *error)
{
  g_autoptr(WfJsonDocument) document = g_new0 (WfJsonDocument, 1);
  g_autoptr(GArray) stack = g_array_sized_new (FALSE, FALSE, sizeof (WfJsonValue), 256);
  g_autoptr(GArray) names = g_array_sized_new (FALSE, FALSE, sizeof (const char *), 256);
  const char *invalid, *nul;
  Parser parser = {
    .data = data,
    .p = data,
    .end = data + len,
    .max_depth = max_depth,
    .document = document,
    .stack = stack,
    .names = names,
    .error = error,
  };

  error->offset = 0;
  error->message = NULL;

  if ((nul = memchr (data, '\0', len)) != NULL)
    {
      fail (&parser, nul, _("The file contains a NUL byte; it is not a text file"));
      return NULL;
    }

  if (!g_utf8_validate_len (data, len, &invalid))
    {
      fail (&parser, invalid, _("The file is not valid UTF-8 text"));
      return NULL;
    }

  /* RFC 8259 lets a parser skip a byte order mark, which some Windows
   * editors write at the start of UTF-8 text. */
  if (len >= 3 && memcmp (data, WF_JSON_BOM, 3) == 0)
    parser.p += 3;

  skip_space (&parser);
  if (parser.p >= parser.end)
    {
      fail (&parser, parser.p, _("The file is empty"));
      return NULL;
    }

  if (!read_value (&parser, &document->root))
    return NULL;

  skip_space (&parser);
  if (parser.p < parser.end)
    {
      fail (&parser, parser.p, _("There is more content after the end of the document"));
      return NULL;
    }

  return g_steal_pointer (&document);
}

/**
 * wf_json_out_of_range_message:
 *
 * What is wrong with a number beyond what can be read: an integer beyond
 * 64 bits, which wf_json_parse() refuses, or a number such as 1e999, which
 * it reads as infinite for the reader to refuse with its place.
 *
 * Returns: the translated message
 */
const char *
wf_json_out_of_range_message (void)
{
  return _("The number is out of range: it is too large to be read");
}

/**
 * wf_json_object_get:
 *
 * Returns: (nullable): the member @name of @object
 */
const WfJsonValue *
wf_json_object_get (const WfJsonValue *object,
                    const char        *name)
{
  g_assert (object->type == WF_JSON_OBJECT);

  for (guint i = 0; i < object->len; i++)
    {
      const WfJsonMember *member = &object->v.members[i];

      if (member->name[0] == name[0] && strcmp (member->name, name) == 0)
        return &member->value;
    }

  return NULL;
}

/**
 * wf_json_value_to_node:
 *
 * Returns: (transfer full): @value as a json-glib node, to keep
 */
JsonNode *
wf_json_value_to_node (const WfJsonValue *value)
{
  JsonNode *node;

  switch (value->type)
    {
    case WF_JSON_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), value->v.boolean);

    case WF_JSON_INT:
      return json_node_init_int (json_node_alloc (), value->v.integer);

    case WF_JSON_DOUBLE:
      return json_node_init_double (json_node_alloc (), value->v.number);

    case WF_JSON_STRING:
      return json_node_init_string (json_node_alloc (), value->v.string);

    case WF_JSON_ARRAY:
      {
        JsonArray *array = json_array_sized_new (value->len);

        for (guint i = 0; i < value->len; i++)
          json_array_add_element (array, wf_json_value_to_node (&value->v.elements[i]));

        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, array);
        return node;
      }

    case WF_JSON_OBJECT:
      {
        JsonObject *object = json_object_new ();

        for (guint i = 0; i < value->len; i++)
          json_object_set_member (object, value->v.members[i].name,
                                  wf_json_value_to_node (&value->v.members[i].value));

        node = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (node, object);
        return node;
      }

    case WF_JSON_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}
