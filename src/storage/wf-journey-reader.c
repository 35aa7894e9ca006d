/* wf-journey-reader.c — reading .journey files, refusing bad ones clearly
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-journey-private.h"
#include "wf-picture.h"
#include "wf-quote.h"

#define MAX_PATH WF_JOURNEY_MAX_PATH

typedef WfJourneyReader Reader;

G_DEFINE_QUARK (wf-journey-error-quark, wf_journey_error)

/* Syntax: where a byte offset of the data is, as "line 3, column 14". */
static char *
where_offset (const char *data,
              gsize       offset)
{
  guint line = 1;
  gsize line_start = 0;
  glong column;

  /* A byte order mark is not a column anyone sees. */
  if (offset >= 3 && memcmp (data, WF_JSON_BOM, 3) == 0)
    line_start = 3;

  for (gsize i = line_start; i < offset; i++)
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

/* .name, or ["name"] when the name would make the path ambiguous; a long
 * name or one with control characters as its excerpt.
 */
static void
append_member (GString    *str,
               const char *name)
{
  g_autofree char *quoted = wf_quote_excerpt (name);
  gboolean whole = strcmp (quoted, name) == 0;

  if (whole && name[0] != '\0' && strpbrk (name, ".[]\"\\ ") == NULL)
    {
      g_string_append_printf (str, ".%s", name);
      return;
    }

  /* The excerpt's own escapes (\n, \u001B) stay as they are. */
  g_string_append (str, "[\"");
  for (const char *p = quoted; *p; p++)
    {
      if (*p == '"' || (*p == '\\' && whole))
        g_string_append_c (str, '\\');
      g_string_append_c (str, *p);
    }
  g_string_append (str, "\"]");
}

static char *
format_path (Reader     *r,
             const char *member)
{
  GString *str = g_string_new ("$");

  for (guint i = 0; i < r->depth; i++)
    {
      if (r->path[i].member != NULL)
        append_member (str, r->path[i].member);
      else
        g_string_append_printf (str, "[%u]", r->path[i].index);
    }

  if (member != NULL)
    append_member (str, member);

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
  g_autofree char *where = NULL;
  va_list args;

  /* The path of a problem that is only counted is not needed. */
  if (wf_problems_keeps_next (r->problems))
    where = format_path (r, member);

  va_start (args, format);
  wf_problems_add_valist (r->problems, code, where, NULL, NULL, NULL, format, args);
  va_end (args);
}

static const char *
describe (const WfJsonValue *node)
{
  switch (node->type)
    {
    case WF_JSON_OBJECT:
      return _("an object");
    case WF_JSON_ARRAY:
      return _("a list");
    case WF_JSON_NULL:
      return _("null");
    case WF_JSON_STRING:
      return _("a text");
    case WF_JSON_BOOLEAN:
      return _("true or false");
    case WF_JSON_DOUBLE:
      return _("a decimal number");
    case WF_JSON_INT:
    default:
      return _("a number");
    }
}

static void
wrong_type (Reader     *r,
            const char *member,
            const char *expected,
            const WfJsonValue *node)
{
  /* Translators: the first %s is what was expected ("a text"), the second
   * what the file has ("a number") */
  problem (r, WF_JOURNEY_ERROR_INVALID, member, _("Expected %s, found %s"),
           expected, describe (node));
}

/* A number such as 1e999: JSON sets no limit, a double does. */
static void
out_of_range (Reader     *r,
              const char *member)
{
  problem (r, WF_JOURNEY_ERROR_INVALID, member, "%s", wf_json_out_of_range_message ());
}

/* Typed access to members. Each counts the member as known, and refuses a
 * number out of range whatever the member should hold.
 */

static const WfJsonValue *
member (Reader     *r,
        const WfJsonValue *object,
        const char *name,
        gboolean    required)
{
  const WfJsonValue *node = wf_json_object_get (object, name);

  if (node != NULL)
    {
      r->found++;
      if (node->type == WF_JSON_DOUBLE && !isfinite (node->v.number))
        {
          out_of_range (r, name);
          return NULL;
        }
    }
  else if (required)
    problem (r, WF_JOURNEY_ERROR_INVALID, NULL,
             _("The member “%s” is missing"), name);

  return node;
}

static const WfJsonValue *
typed_member (Reader            *r,
              const WfJsonValue *object,
              const char        *name,
              gboolean           required,
              WfJsonType         type,
              const char        *expected)
{
  const WfJsonValue *node = member (r, object, name, required);

  if (node == NULL)
    return NULL;

  if (node->type == type)
    return node;

  wrong_type (r, name, expected, node);
  return NULL;
}

const char *
wf_journey_get_string (Reader            *r,
                       const WfJsonValue *object,
                       const char        *name,
                       gboolean           required)
{
  const WfJsonValue *node = typed_member (r, object, name, required, WF_JSON_STRING, _("a text"));

  return node ? node->v.string : NULL;
}

/* A string or null; *present tells whether it was a string. */
static const char *
get_nullable_string (Reader     *r,
                     const WfJsonValue *object,
                     const char *name)
{
  const WfJsonValue *node = member (r, object, name, FALSE);

  if (node == NULL || (node->type == WF_JSON_NULL))
    return NULL;

  if (node->type == WF_JSON_STRING)
    return node->v.string;

  wrong_type (r, name, _("a text or null"), node);
  return NULL;
}

static const char *
get_id (Reader     *r,
        const WfJsonValue *object)
{
  const char *id = wf_journey_get_string (r, object, "id", TRUE);

  if (id == NULL)
    return NULL;

  if (*id == '\0')
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, "id", _("The id is empty"));
      return NULL;
    }

  if (g_hash_table_contains (r->items, id))
    {
      g_autofree char *quoted = wf_quote_excerpt (id);

      problem (r, WF_JOURNEY_ERROR_INVALID, "id",
               _("The id “%s” is used by another item"), quoted);
      return NULL;
    }

  return id;
}

/* The table holds a reference: an item of a map that is refused must stay
 * valid for the lookups that follow.
 */
static void
remember (Reader     *r,
          const char *id,
          gpointer    item)
{
  g_hash_table_insert (r->items, (gpointer) id, g_object_ref (item));
}

/* An item by id: from the items read so far, or when one member is read
 * alone, from the document.
 */
static gpointer
lookup (Reader     *r,
        const char *id)
{
  if (r->items == NULL)
    return r->document ? wf_document_lookup (r->document, id) : NULL;

  return g_hash_table_lookup (r->items, id);
}

const char *
wf_journey_get_color (Reader            *r,
                      const WfJsonValue *object,
                      const char        *name)
{
  const char *color = get_nullable_string (r, object, name);

  if (color != NULL && !wf_color_is_valid (color))
    {
      g_autofree char *quoted = wf_quote_excerpt (color);

      problem (r, WF_JOURNEY_ERROR_INVALID, name,
               _("“%s” is not a colour of the form #rrggbb"), quoted);
      return NULL;
    }

  return color;
}

gboolean
wf_journey_get_int (Reader            *r,
                    const WfJsonValue *object,
                    const char        *name,
                    gint64             min,
                    gint64             max,
                    gint64            *value)
{
  const WfJsonValue *node = member (r, object, name, FALSE);

  if (node == NULL || (node->type == WF_JSON_NULL))
    return FALSE;

  if (!(node->type == WF_JSON_INT))
    {
      wrong_type (r, name, _("a whole number"), node);
      return FALSE;
    }

  *value = node->v.integer;

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

static const WfJsonValue *
get_array (Reader            *r,
           const WfJsonValue *object,
           const char        *name,
           gboolean           required)
{
  return typed_member (r, object, name, required, WF_JSON_ARRAY, _("a list"));
}

static const WfJsonValue *
element_object (Reader    *r,
                const WfJsonValue *array,
                guint      index)
{
  const WfJsonValue *node = &array->v.elements[index];

  if (node->type == WF_JSON_OBJECT)
    return node;

  problem (r, WF_JOURNEY_ERROR_INVALID, NULL, _("Expected %s, found %s"),
           _("an object"), describe (node));
  return NULL;
}

static gboolean
value_is_finite (const WfJsonValue *value)
{
  switch (value->type)
    {
    case WF_JSON_OBJECT:
      for (guint i = 0; i < value->len; i++)
        {
          if (!value_is_finite (&value->v.members[i].value))
            return FALSE;
        }
      return TRUE;

    case WF_JSON_ARRAY:
      for (guint i = 0; i < value->len; i++)
        {
          if (!value_is_finite (&value->v.elements[i]))
            return FALSE;
        }
      return TRUE;

    case WF_JSON_DOUBLE:
      return isfinite (value->v.number);

    case WF_JSON_NULL:
    case WF_JSON_BOOLEAN:
    case WF_JSON_INT:
    case WF_JSON_STRING:
    default:
      return TRUE;
    }
}

/* Keeps the members of @object that are not in @known, in order. */
static void
keep_extra (Reader             *r,
            const WfJsonValue  *object,
            const char * const *known,
            gpointer            item)
{
  g_autoptr(JsonObject) extra = NULL;

  if (object->len == r->found)
    return;

  extra = json_object_new ();

  for (guint i = 0; i < object->len; i++)
    {
      const WfJsonMember *m = &object->v.members[i];

      if (g_strv_contains (known, m->name))
        continue;

      if (!value_is_finite (&m->value))
        {
          out_of_range (r, m->name);
          continue;
        }

      json_object_set_member (extra, m->name, wf_json_value_to_node (&m->value));
    }

  wf_item_set_extra (item, extra);
}

/* The objects */

static const char * const persona_members[] = {
  "id", "name", "role", "color", "goals", "needs", "frustrations", "notes", "photo", NULL
};

static void
read_persona (Reader     *r,
              const WfJsonValue *object)
{
  g_autoptr(WfPersona) persona = NULL;
  g_autoptr(WfImage) photo = NULL;
  const char *id, *name, *color;

  r->found = 0;
  id = get_id (r, object);
  name = wf_journey_get_string (r, object, "name", TRUE);

  if (id == NULL)
    return;

  persona = wf_persona_new (id, name);
  wf_persona_set_role (persona, wf_journey_get_string (r, object, "role", FALSE));
  if ((color = wf_journey_get_color (r, object, "color")) != NULL)
    wf_persona_set_color (persona, color);
  else
    wf_persona_set_color (persona, wf_persona_default_color (wf_document_get_n_personas (r->document)));
  wf_persona_set_goals (persona, wf_journey_get_string (r, object, "goals", FALSE));
  wf_persona_set_needs (persona, wf_journey_get_string (r, object, "needs", FALSE));
  wf_persona_set_frustrations (persona, wf_journey_get_string (r, object, "frustrations", FALSE));
  wf_persona_set_notes (persona, wf_journey_get_string (r, object, "notes", FALSE));
  if ((photo = wf_journey_read_image (r, object, "photo")) != NULL)
    wf_persona_set_photo (persona, photo);
  keep_extra (r, object, persona_members, persona);

  remember (r, id, persona);
  wf_document_insert_persona (r->document, persona, -1);
}

static const char * const phase_members[] = {
  "id", "name", "description", "color", "width", "metrics", "persona_metrics", NULL
};

/* An optional size: a number in a range, or absent (0). */
double
wf_journey_get_size (Reader            *r,
                     const WfJsonValue *object,
                     const char        *name,
                     double             min,
                     double             max)
{
  const WfJsonValue *node = member (r, object, name, FALSE);
  double value;

  if (node == NULL)
    return 0;

  if (node->type == WF_JSON_INT)
    value = node->v.integer;
  else if (node->type == WF_JSON_DOUBLE)
    value = node->v.number;
  else
    {
      wrong_type (r, name, _("a number"), node);
      return 0;
    }

  if (!(value >= min && value <= max))
    {
      if (g_str_equal (name, "width"))
        problem (r, WF_JOURNEY_ERROR_INVALID, name,
                 _("The width %g is out of range: it must be from %g to %g"), value, min, max);
      else
        problem (r, WF_JOURNEY_ERROR_INVALID, name,
                 _("The height %g is out of range: it must be from %g to %g"), value, min, max);
      return 0;
    }

  return value;
}

static void
read_phase (Reader     *r,
            WfMap      *map,
            const WfJsonValue *object)
{
  g_autoptr(WfPhase) phase = NULL;
  g_autoptr(GVariant) metrics = NULL;
  const char *id, *name;

  r->found = 0;
  id = get_id (r, object);
  name = wf_journey_get_string (r, object, "name", TRUE);

  if (id == NULL)
    return;

  phase = wf_phase_new (id, name);
  wf_phase_set_description (phase, wf_journey_get_string (r, object, "description", FALSE));
  wf_phase_set_color (phase, wf_journey_get_color (r, object, "color"));
  wf_phase_set_width (phase, wf_journey_get_size (r, object, "width", WF_PHASE_MIN_WIDTH, WF_PHASE_MAX_WIDTH));
  if ((metrics = wf_journey_read_phase_metrics (r, object)) != NULL)
    wf_phase_set_metrics (phase, metrics);
  keep_extra (r, object, phase_members, phase);

  remember (r, id, phase);
  wf_map_insert_phase (map, phase, -1);
}

static const char * const lane_members[] = {
  "id", "kind", "title", "persona", "collapsed", "height", NULL
};

/* FALSE for a kind that is not one, which makes the lane unusable; an
 * absent kind is only a problem.
 */
gboolean
wf_journey_get_lane_kind (Reader            *r,
                          const WfJsonValue *object,
                          WfLaneKind        *kind)
{
  const char *kind_name = wf_journey_get_string (r, object, "kind", TRUE);

  if (kind_name != NULL && !wf_lane_kind_from_string (kind_name, kind))
    {
      g_autofree char *quoted = wf_quote_excerpt (kind_name);

      problem (r, WF_JOURNEY_ERROR_INVALID, "kind",
               _("“%s” is not a kind of lane; expected one of touchpoints, actions, thoughts, emotions, pain-points, opportunities, channels, metrics, backstage or notes"),
               quoted);
      return FALSE;
    }

  return TRUE;
}

/* The lane's persona, or NULL for none or one that does not exist. */
WfPersona *
wf_journey_get_lane_persona (Reader            *r,
                             const WfJsonValue *object)
{
  const char *persona_id;
  WfPersona *persona = NULL;

  if ((persona_id = get_nullable_string (r, object, "persona")) != NULL)
    {
      persona = lookup (r, persona_id);

      if (!WF_IS_PERSONA (persona))
        {
          g_autofree char *quoted = wf_quote_excerpt (persona_id);

          problem (r, WF_JOURNEY_ERROR_INVALID, "persona",
                   _("The lane refers to persona “%s”, which does not exist"), quoted);
          persona = NULL;
        }
    }

  return persona;
}

gboolean
wf_journey_get_boolean (Reader            *r,
                        const WfJsonValue *object,
                        const char        *name,
                        gboolean          *value)
{
  const WfJsonValue *node = member (r, object, name, FALSE);

  if (node == NULL)
    return FALSE;

  if (node->type == WF_JSON_BOOLEAN)
    {
      *value = node->v.boolean;
      return TRUE;
    }

  wrong_type (r, name, _("true or false"), node);
  return FALSE;
}

static void
read_lane (Reader     *r,
           WfMap      *map,
           const WfJsonValue *object)
{
  g_autoptr(WfLane) lane = NULL;
  const char *id;
  WfLaneKind kind = WF_LANE_TOUCHPOINTS;
  WfPersona *persona = NULL;
  gboolean collapsed;

  r->found = 0;
  id = get_id (r, object);

  if (!wf_journey_get_lane_kind (r, object, &kind))
    id = NULL;

  persona = wf_journey_get_lane_persona (r, object);

  if (id == NULL)
    return;

  lane = wf_lane_new (id, kind);
  wf_lane_set_title (lane, wf_journey_get_string (r, object, "title", FALSE));
  wf_lane_set_persona (lane, persona);

  if (wf_journey_get_boolean (r, object, "collapsed", &collapsed))
    wf_lane_set_collapsed (lane, collapsed);
  wf_lane_set_height (lane, wf_journey_get_size (r, object, "height", WF_LANE_MIN_HEIGHT, WF_LANE_MAX_HEIGHT));

  keep_extra (r, object, lane_members, lane);

  remember (r, id, lane);
  wf_map_insert_lane (map, lane, -1);
}

/* Metrics: an object keyed by metric name; a value is a number (one
 * undated measurement, as in version 1) or an object with a unit, a
 * direction, a target and dated values. Unknown members inside a metric
 * are refused: a metric is a GVariant with no room for them.
 */

static const char * const metric_members[] = {
  "unit", "direction", "target", "values", NULL
};

static const char * const measurement_members[] = {
  "date", "value", NULL
};

static gboolean
get_number (Reader            *r,
            const WfJsonValue *node,
            const char        *name,
            double            *number)
{
  if (node->type == WF_JSON_INT)
    *number = node->v.integer;
  else if (node->type == WF_JSON_DOUBLE)
    *number = node->v.number;
  else
    {
      wrong_type (r, name, _("a number"), node);
      return FALSE;
    }

  if (!isfinite (*number))
    {
      out_of_range (r, name);
      return FALSE;
    }

  return TRUE;
}

static void
refuse_unknown (Reader             *r,
                const WfJsonValue  *object,
                const char * const *known)
{
  gboolean in_metric = known == metric_members;

  for (guint i = 0; i < object->len; i++)
    {
      const char *name = object->v.members[i].name;

      if (!g_strv_contains (known, name))
        {
          g_autofree char *quoted = wf_quote_excerpt (name);

          if (in_metric)
            problem (r, WF_JOURNEY_ERROR_INVALID, name,
                     _("“%s” is not a member of a metric; expected unit, direction, target or values"),
                     quoted);
          else
            problem (r, WF_JOURNEY_ERROR_INVALID, name,
                     _("“%s” is not a member of a measurement; expected date or value"), quoted);
        }
    }
}

static void
read_measurement (Reader            *r,
                  WfMetric          *metric,
                  const WfJsonValue *object)
{
  const WfJsonValue *node;
  const char *date;
  double value;

  refuse_unknown (r, object, measurement_members);

  date = wf_journey_get_string (r, object, "date", FALSE);
  if (date != NULL && !wf_date_is_valid (date))
    {
      g_autofree char *quoted = wf_quote_excerpt (date);

      problem (r, WF_JOURNEY_ERROR_INVALID, "date",
               _("“%s” is not a date such as 2026-10-31"), quoted);
      return;
    }

  if ((node = member (r, object, "value", TRUE)) == NULL ||
      !get_number (r, node, "value", &value))
    return;

  for (guint i = 0; i < metric->measurements->len; i++)
    {
      if (strcmp (g_array_index (metric->measurements, WfMeasurement, i).date, date ? date : "") == 0)
        {
          if (date != NULL)
            problem (r, WF_JOURNEY_ERROR_INVALID, "date",
                     _("The metric has another value on %s"), date);
          else
            problem (r, WF_JOURNEY_ERROR_INVALID, NULL,
                     _("The metric has another value without a date"));
          return;
        }
    }

  wf_metric_set_measurement (metric, value, date);
}

static void
read_metric_object (Reader            *r,
                    WfMetric          *metric,
                    const WfJsonValue *object)
{
  const WfJsonValue *node;
  const char *str;

  refuse_unknown (r, object, metric_members);

  if ((str = wf_journey_get_string (r, object, "unit", FALSE)) != NULL)
    {
      g_free (metric->unit);
      metric->unit = g_strdup (str);
    }

  if ((str = wf_journey_get_string (r, object, "direction", FALSE)) != NULL &&
      !wf_direction_from_string (str, &metric->direction))
    {
      g_autofree char *quoted = wf_quote_excerpt (str);

      problem (r, WF_JOURNEY_ERROR_INVALID, "direction",
               _("“%s” is not a direction; expected higher or lower"), quoted);
    }

  if ((node = member (r, object, "target", FALSE)) != NULL &&
      get_number (r, node, "target", &metric->target))
    metric->has_target = TRUE;

  if ((node = get_array (r, object, "values", FALSE)) != NULL)
    {
      push_member (r, "values");
      for (guint i = 0; i < node->len; i++)
        {
          const WfJsonValue *element;

          push_index (r, i);
          if ((element = element_object (r, node, i)) != NULL)
            read_measurement (r, metric, element);
          pop (r);
        }
      pop (r);
    }
}

/* Reads the metrics object @node (at member @name) for @persona. */
static void
read_metrics_object (Reader            *r,
                     const WfJsonValue *node,
                     const char        *persona,
                     GPtrArray         *metrics)
{
  for (guint i = 0; i < node->len; i++)
    {
      const char *name = node->v.members[i].name;
      const WfJsonValue *value = &node->v.members[i].value;
      g_autoptr(WfMetric) metric = wf_metric_new (name);
      double number;

      g_free (metric->persona);
      metric->persona = g_strdup (persona);

      if (value->type == WF_JSON_OBJECT)
        {
          guint found = r->found;

          push_member (r, name);
          read_metric_object (r, metric, value);
          pop (r);
          r->found = found;
        }
      else if (get_number (r, value, name, &number))
        wf_metric_set_measurement (metric, number, NULL);
      else
        continue;

      g_ptr_array_add (metrics, g_steal_pointer (&metric));
    }
}

static const WfJsonValue *
get_object (Reader            *r,
            const WfJsonValue *object,
            const char        *name)
{
  return typed_member (r, object, name, FALSE, WF_JSON_OBJECT, _("an object"));
}

GVariant *
wf_journey_read_metrics (Reader            *r,
                         const WfJsonValue *object)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  const WfJsonValue *node = get_object (r, object, "metrics");
  GVariant *variant;

  if (node == NULL || node->len == 0)
    return NULL;

  push_member (r, "metrics");
  read_metrics_object (r, node, "", metrics);
  pop (r);

  if ((variant = wf_metrics_to_variant (metrics)) == NULL)
    return NULL;

  return g_variant_ref_sink (variant);
}

/* Pictures (docs/pictures.md) */

static const char * const image_members[] = {
  "type", "data", "alt", "focus", NULL
};

static const char * const focus_members[] = {
  "x", "y", NULL
};

static double
read_focus_part (Reader            *r,
                 const WfJsonValue *focus,
                 const char        *name)
{
  const WfJsonValue *node = member (r, focus, name, TRUE);
  double value;

  if (node == NULL || !get_number (r, node, name, &value))
    return -1;

  if (!(value >= 0 && value <= 1))
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, name,
               _("The focal point %g is out of range: it must be from 0 to 1"), value);
      return -1;
    }

  return value;
}

/* A picture's base64 text, hashed from its length and 64 of its
 * characters spread over it: hashing all of a photo's 250,000 would
 * cost as much as decoding it. Texts that differ only elsewhere are told
 * apart by g_str_equal().
 */
static guint
hash_picture_text (gconstpointer key)
{
  const char *text = key;
  gsize len = strlen (text);
  guint hash = (guint) len;

  for (guint i = 0; len > 0 && i < 64; i++)
    hash = hash * 31 + (guchar) text[len * i / 64];

  return hash;
}

static WfImage *
read_image_object (Reader            *r,
                   const WfJsonValue *object)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const WfJsonValue *data, *focus;
  const char *type, *alt, *hash = NULL;
  double x = 0.5, y = 0.5;
  guint before = wf_problems_get_count (r->problems);
  WfImage *image;

  for (guint i = 0; i < object->len; i++)
    if (!g_strv_contains (image_members, object->v.members[i].name) &&
        !(r->image_func != NULL && strcmp (object->v.members[i].name, "sha256") == 0))
      {
        g_autofree char *quoted = wf_quote_excerpt (object->v.members[i].name);

        problem (r, WF_JOURNEY_ERROR_INVALID, object->v.members[i].name,
                 _("“%s” is not a member of a picture; expected type, data, alt or focus"), quoted);
      }

  type = wf_journey_get_string (r, object, "type", TRUE);
  if (r->image_func != NULL)
    hash = wf_journey_get_string (r, object, "sha256", FALSE);
  data = hash == NULL ? typed_member (r, object, "data", TRUE, WF_JSON_STRING, _("a text")) : NULL;
  alt = wf_journey_get_string (r, object, "alt", TRUE);

  if ((focus = get_object (r, object, "focus")) != NULL)
    {
      push_member (r, "focus");
      for (guint i = 0; i < focus->len; i++)
        if (!g_strv_contains (focus_members, focus->v.members[i].name))
          {
            g_autofree char *quoted = wf_quote_excerpt (focus->v.members[i].name);

            problem (r, WF_JOURNEY_ERROR_INVALID, focus->v.members[i].name,
                     _("“%s” is not a member of a focal point; expected x or y"), quoted);
          }
      x = read_focus_part (r, focus, "x");
      y = read_focus_part (r, focus, "y");
      pop (r);
    }

  if (wf_problems_get_count (r->problems) > before || type == NULL || (data == NULL && hash == NULL) ||
      alt == NULL)
    return NULL;

  /* A picture read before in this file, on another card: the same bytes,
   * checked then; this one's alt text and focal point.
   */
  if (hash == NULL && r->pictures != NULL &&
      (image = g_hash_table_lookup (r->pictures, data->v.string)) != NULL &&
      strcmp (wf_image_get_mime_type (image), type) == 0)
    {
      g_autoptr(WfImage) with_alt = NULL;

      /* Once, so that the copies have it. */
      wf_image_get_hash (image);
      with_alt = wf_image_with_alt (image, alt);

      return wf_image_with_focus (with_alt, x, y);
    }

  /* A revision's picture, by its hash. */
  if (hash != NULL)
    {
      if (!(bytes = r->image_func (hash, r->image_data)))
        {
          g_autofree char *quoted = wf_quote_excerpt (hash);

          problem (r, WF_JOURNEY_ERROR_INVALID, "sha256",
                   _("The picture “%s” is not in the images table"), quoted);
          return NULL;
        }
    }
  else if (!(bytes = wf_picture_decode_base64 (data->v.string, strlen (data->v.string), &error)))
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, NULL, "%s", error->message);
      return NULL;
    }

  if (!(image = wf_picture_new_image (type, bytes, alt, x, y, &error)))
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, NULL, "%s", error->message);
      return NULL;
    }

  if (hash != NULL && strcmp (hash, wf_image_get_hash (image)) != 0)
    {
      problem (r, WF_JOURNEY_ERROR_INVALID, NULL, "%s", _("The picture is damaged or cut off"));
      wf_image_unref (image);
      return NULL;
    }

  if (hash == NULL && r->pictures != NULL)
    g_hash_table_replace (r->pictures, (gpointer) data->v.string, wf_image_ref (image));

  return image;
}

/**
 * wf_journey_read_image:
 * @object: a persona's or card's object
 * @name: "photo" or "image"
 *
 * Reads the picture in member @name, checked by wf_picture_check(). A
 * problem with it goes to the reader's warnings when it has them (a
 * file: the picture is left out, the rest opens), else to its problems.
 *
 * Returns: (transfer full) (nullable): the picture, or %NULL for none or
 *   a bad one
 */
WfImage *
wf_journey_read_image (Reader            *r,
                       const WfJsonValue *object,
                       const char        *name)
{
  const WfJsonValue *node = member (r, object, name, FALSE);
  WfProblems *problems = r->problems;
  guint found = r->found;
  WfImage *image = NULL;

  if (node == NULL || node->type == WF_JSON_NULL)
    return NULL;

  if (r->warnings != NULL)
    r->problems = r->warnings;

  if (node->type != WF_JSON_OBJECT)
    wrong_type (r, name, _("an object"), node);
  else
    {
      push_member (r, name);
      image = read_image_object (r, node);
      pop (r);
    }

  r->problems = problems;
  r->found = found;

  return image;
}

/* A phase's metrics: for everyone, then per persona. */
GVariant *
wf_journey_read_phase_metrics (Reader            *r,
                               const WfJsonValue *object)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  const WfJsonValue *node;
  GVariant *variant;

  if ((node = get_object (r, object, "metrics")) != NULL)
    {
      push_member (r, "metrics");
      read_metrics_object (r, node, "", metrics);
      pop (r);
    }

  if ((node = get_object (r, object, "persona_metrics")) != NULL)
    {
      push_member (r, "persona_metrics");
      for (guint i = 0; i < node->len; i++)
        {
          const char *persona_id = node->v.members[i].name;
          const WfJsonValue *value = &node->v.members[i].value;

          if (!WF_IS_PERSONA (lookup (r, persona_id)))
            {
              g_autofree char *quoted = wf_quote_excerpt (persona_id);

              problem (r, WF_JOURNEY_ERROR_INVALID, persona_id,
                       _("The metrics refer to persona “%s”, which does not exist"), quoted);
              continue;
            }

          if (value->type != WF_JSON_OBJECT)
            {
              wrong_type (r, persona_id, _("an object"), value);
              continue;
            }

          push_member (r, persona_id);
          read_metrics_object (r, value, persona_id, metrics);
          pop (r);
        }
      pop (r);
    }

  if ((variant = wf_metrics_to_variant (metrics)) == NULL)
    return NULL;

  return g_variant_ref_sink (variant);
}

/* An array of texts, @member of @object, NULL-terminated and borrowing
 * the texts of the JSON; NULL when absent or empty. Other values are
 * problems, each at its place. */
GPtrArray *
wf_journey_read_strings (Reader            *r,
                         const WfJsonValue *object,
                         const char        *member)
{
  const WfJsonValue *array = get_array (r, object, member, FALSE);
  GPtrArray *strings;

  if (array == NULL || array->len == 0)
    return NULL;

  strings = g_ptr_array_new ();
  push_member (r, member);

  for (guint i = 0; i < array->len; i++)
    {
      const WfJsonValue *node = &array->v.elements[i];

      if (node->type == WF_JSON_STRING)
        g_ptr_array_add (strings, (gpointer) node->v.string);
      else
        {
          push_index (r, i);
          problem (r, WF_JOURNEY_ERROR_INVALID, NULL, _("Expected %s, found %s"),
                   _("a text"), describe (node));
          pop (r);
        }
    }

  pop (r);
  g_ptr_array_add (strings, NULL);

  return strings;
}

static gpointer
lookup_in_map (Reader     *r,
               WfMap      *map,
               const char *id,
               GType       type)
{
  WfItem *item = lookup (r, id);

  if (item != NULL && G_TYPE_CHECK_INSTANCE_TYPE (item, type) &&
      wf_item_get_parent (item) == WF_ITEM (map))
    return item;

  return NULL;
}

/* TRUE for a channel; FALSE for null, absent or not a channel. */
gboolean
wf_journey_get_channel (Reader            *r,
                        const WfJsonValue *object,
                        WfChannel         *channel)
{
  g_autofree char *quoted = NULL;
  const char *str;

  if ((str = get_nullable_string (r, object, "channel")) == NULL)
    return FALSE;

  if (wf_channel_from_string (str, channel))
    return TRUE;

  quoted = wf_quote_excerpt (str);
  problem (r, WF_JOURNEY_ERROR_INVALID, "channel",
           _("“%s” is not a channel; expected one of web, app, email, social, search, ads, phone, chat, store, event, print, word-of-mouth, review-site or other"),
           quoted);
  return FALSE;
}

/* TRUE for a kind of contact; FALSE for null, absent or not one. */
gboolean
wf_journey_get_contact (Reader            *r,
                        const WfJsonValue *object,
                        WfContact         *contact)
{
  g_autofree char *quoted = NULL;
  const char *str;

  if ((str = get_nullable_string (r, object, "contact")) == NULL)
    return FALSE;

  if (wf_contact_from_string (str, contact))
    return TRUE;

  quoted = wf_quote_excerpt (str);
  problem (r, WF_JOURNEY_ERROR_INVALID, "contact",
           _("“%s” is not a kind of contact; expected direct or indirect"), quoted);
  return FALSE;
}

static const char * const card_members[] = {
  "id", "phase", "lane", "title", "notes", "channel", "contact", "emotion",
  "color", "votes", "metrics", "tags", "image", NULL
};

static void
read_card (Reader     *r,
           WfMap      *map,
           const WfJsonValue *object)
{
  g_autoptr(WfCard) card = NULL;
  g_autoptr(GVariant) metrics = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(WfImage) image = NULL;
  const char *id, *phase_id, *lane_id, *str;
  WfPhase *phase = NULL;
  WfLane *lane = NULL;
  WfChannel channel;
  WfContact contact;
  gint64 number;
  gboolean ok = TRUE;

  r->found = 0;
  id = get_id (r, object);
  phase_id = wf_journey_get_string (r, object, "phase", TRUE);
  lane_id = wf_journey_get_string (r, object, "lane", TRUE);

  if (phase_id != NULL && !(phase = lookup_in_map (r, map, phase_id, WF_TYPE_PHASE)))
    {
      g_autofree char *quoted = wf_quote_excerpt (phase_id);

      problem (r, WF_JOURNEY_ERROR_INVALID, "phase",
               _("The card refers to phase “%s”, which does not exist in this map"), quoted);
      ok = FALSE;
    }

  if (lane_id != NULL && !(lane = lookup_in_map (r, map, lane_id, WF_TYPE_LANE)))
    {
      g_autofree char *quoted = wf_quote_excerpt (lane_id);

      problem (r, WF_JOURNEY_ERROR_INVALID, "lane",
               _("The card refers to lane “%s”, which does not exist in this map"), quoted);
      ok = FALSE;
    }

  card = wf_card_new (id ? id : "-", wf_journey_get_string (r, object, "title", FALSE));

  if ((str = wf_journey_get_string (r, object, "notes", FALSE)) != NULL && *str != '\0')
    wf_card_set_notes (card, str);

  if (wf_journey_get_channel (r, object, &channel))
    wf_card_set_channel (card, channel);

  if (wf_journey_get_contact (r, object, &contact))
    wf_card_set_contact (card, contact);

  if (wf_journey_get_int (r, object, "emotion", WF_EMOTION_MIN, WF_EMOTION_MAX, &number))
    wf_card_set_emotion (card, number);

  if ((str = wf_journey_get_color (r, object, "color")) != NULL)
    wf_card_set_color (card, str);

  if (wf_journey_get_int (r, object, "votes", 0, G_MAXINT32, &number))
    wf_card_set_votes (card, number);

  if ((metrics = wf_journey_read_metrics (r, object)) != NULL)
    wf_card_set_metrics (card, metrics);

  if ((tags = wf_journey_read_strings (r, object, "tags")) != NULL)
    wf_card_set_tags (card, (const char * const *) tags->pdata);

  if ((image = wf_journey_read_image (r, object, "image")) != NULL)
    wf_card_set_image (card, image);

  keep_extra (r, object, card_members, card);

  if (id == NULL || !ok || phase == NULL || lane == NULL)
    return;

  remember (r, id, card);
  wf_map_insert_card (map, card, phase, lane, -1);
}

static const char * const link_members[] = {
  "id", "from", "to", "label", NULL
};

/* The card @id of @map that a link's member @name refers to, or NULL. */
WfCard *
wf_journey_lookup_link_end (Reader     *r,
                            WfMap      *map,
                            const char *id,
                            const char *name)
{
  WfCard *card = lookup_in_map (r, map, id, WF_TYPE_CARD);

  if (card == NULL)
    {
      g_autofree char *quoted = wf_quote_excerpt (id);

      problem (r, WF_JOURNEY_ERROR_INVALID, name,
               _("The link refers to card “%s”, which does not exist in this map"), quoted);
    }

  return card;
}

static void
read_link (Reader     *r,
           WfMap      *map,
           const WfJsonValue *object)
{
  g_autoptr(WfLink) link = NULL;
  const char *id, *from_id, *to_id;
  WfCard *from = NULL, *to = NULL;

  r->found = 0;
  id = get_id (r, object);
  from_id = wf_journey_get_string (r, object, "from", TRUE);
  to_id = wf_journey_get_string (r, object, "to", TRUE);

  if (from_id != NULL)
    from = wf_journey_lookup_link_end (r, map, from_id, "from");

  if (to_id != NULL)
    to = wf_journey_lookup_link_end (r, map, to_id, "to");

  if (id == NULL || from == NULL || to == NULL)
    return;

  link = wf_link_new (id, from, to);
  wf_link_set_label (link, wf_journey_get_string (r, object, "label", FALSE));
  keep_extra (r, object, link_members, link);

  remember (r, id, link);
  wf_map_insert_link (map, link, -1);
}

typedef void (*ReadFunc) (Reader     *r,
                          WfMap      *map,
                          const WfJsonValue *object);

static void
read_list (Reader     *r,
           WfMap      *map,
           const WfJsonValue *array,
           const char *name,
           ReadFunc    func)
{
  if (array == NULL)
    return;

  push_member (r, name);

  for (guint i = 0; i < array->len; i++)
    {
      const WfJsonValue *object;

      push_index (r, i);
      if ((object = element_object (r, array, i)) != NULL)
        func (r, map, object);
      pop (r);
    }

  pop (r);
}

static const char * const map_members[] = {
  "id", "title", "scenario", "phases", "lanes", "cards", "links", "dismissed", "heat", NULL
};

/* The keys of the findings set aside in the map. */
static void
read_dismissed (Reader            *r,
                WfMap             *map,
                const WfJsonValue *object)
{
  g_autoptr(GPtrArray) keys = wf_journey_read_strings (r, object, "dismissed");

  if (keys != NULL)
    wf_map_set_dismissed (map, (const char * const *) keys->pdata);
}

static void
read_map (Reader     *r,
          const WfJsonValue *object)
{
  g_autoptr(WfMap) map = NULL;
  const WfJsonValue *phases, *lanes, *cards, *links;
  const char *id;

  r->found = 0;
  id = get_id (r, object);

  map = wf_map_new (id ? id : "-", wf_journey_get_string (r, object, "title", FALSE));
  wf_map_set_scenario (map, wf_journey_get_string (r, object, "scenario", FALSE));
  wf_map_set_heat (map, wf_journey_get_string (r, object, "heat", FALSE));
  phases = get_array (r, object, "phases", FALSE);
  lanes = get_array (r, object, "lanes", FALSE);
  cards = get_array (r, object, "cards", FALSE);
  links = get_array (r, object, "links", FALSE);
  read_dismissed (r, map, object);
  keep_extra (r, object, map_members, map);

  if (id != NULL)
    remember (r, id, map);

  read_list (r, map, phases, "phases", read_phase);
  read_list (r, map, lanes, "lanes", read_lane);
  read_list (r, map, cards, "cards", read_card);
  read_list (r, map, links, "links", read_link);

  /* Inserting last announces the map once, with all it holds. */
  if (id != NULL && wf_problems_get_count (r->problems) == 0)
    wf_document_insert_map (r->document, map, -1);
}

static const char * const document_members[] = {
  "format", "version", "title", "description", "created", "modified",
  "personas", "maps", NULL
};

static const char *
get_timestamp (Reader     *r,
               const WfJsonValue *object,
               const char *name)
{
  const char *stamp = get_nullable_string (r, object, name);
  g_autoptr(GDateTime) date = NULL;

  if (stamp == NULL)
    return NULL;

  if (!(date = g_date_time_new_from_iso8601 (stamp, NULL)))
    {
      g_autofree char *quoted = wf_quote_excerpt (stamp);

      problem (r, WF_JOURNEY_ERROR_INVALID, name,
               _("“%s” is not a date and time such as 2026-11-20T10:00:00Z"), quoted);
      return NULL;
    }

  return stamp;
}

static void
read_document (Reader   *r,
               const WfJsonValue *root)
{
  const WfJsonValue *object;
  const WfJsonValue *personas, *maps;
  const char *format;
  gint64 version = 0;
  const WfJsonValue *node;

  if (!(root->type == WF_JSON_OBJECT))
    {
      problem (r, WF_JOURNEY_ERROR_FORMAT, NULL,
               _("This is not a Wayfinder journey: the file holds %s instead of an object"),
               describe (root));
      return;
    }

  object = root;
  r->found = 0;

  format = wf_journey_get_string (r, object, "format", FALSE);
  if (g_strcmp0 (format, WF_JOURNEY_FORMAT) != 0)
    {
      wf_problems_clear (r->problems);
      if (format == NULL)
        problem (r, WF_JOURNEY_ERROR_FORMAT, "format",
                 _("This is not a Wayfinder journey: the member “format” is missing"));
      else
        {
          g_autofree char *quoted = wf_quote_excerpt (format);

          problem (r, WF_JOURNEY_ERROR_FORMAT, "format",
                   _("This is not a Wayfinder journey but a file of the format “%s”"), quoted);
        }
      return;
    }

  node = member (r, object, "version", TRUE);
  if (node != NULL)
    {
      if (!(node->type == WF_JSON_INT) || (version = node->v.integer) < 1)
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

  wf_document_set_title (r->document, wf_journey_get_string (r, object, "title", FALSE));
  wf_document_set_description (r->document, wf_journey_get_string (r, object, "description", FALSE));
  wf_document_set_created (r->document, get_timestamp (r, object, "created"));
  wf_document_set_modified (r->document, get_timestamp (r, object, "modified"));
  personas = get_array (r, object, "personas", FALSE);
  maps = get_array (r, object, "maps", TRUE);
  keep_extra (r, object, document_members, r->document);

  if (personas != NULL)
    {
      push_member (r, "personas");
      for (guint i = 0; i < personas->len; i++)
        {
          const WfJsonValue *persona;

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
      for (guint i = 0; i < maps->len; i++)
        {
          const WfJsonValue *map;

          push_index (r, i);
          if ((map = element_object (r, maps, i)) != NULL)
            read_map (r, map);
          pop (r);
        }
      pop (r);
    }
}

/**
 * wf_journey_load_bytes:
 * @bytes: the content of a .journey file
 * @problems: (out) (optional) (element-type WfProblem): the problems found,
 *   the first %WF_PROBLEMS_MAX_KEPT of them; when the document is
 *   returned, the warnings: the bad pictures left out of it
 * @error: the first problem, with a count of the others
 *
 * A bad picture (docs/pictures.md) is no problem but a warning: the
 * persona or card opens without it, and the rest of the document opens.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL if the file
 *   has any problem
 */
WfDocument *
wf_journey_load_bytes (GBytes     *bytes,
                       GPtrArray **problems,
                       GError    **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return wf_journey_load_bytes_by_hash (bytes, NULL, NULL, problems, error);
}

/**
 * wf_journey_load_bytes_by_hash:
 * @image_func: (nullable): gives the bytes of the picture with a hash, or
 *   %NULL if there is none
 *
 * As wf_journey_load_bytes(), for what wf_journey_to_bytes_by_hash()
 * wrote: a picture may name its bytes by `"sha256"`, which @image_func
 * looks up; they are checked as any picture's are, and against the hash.
 */
WfDocument *
wf_journey_load_bytes_by_hash (GBytes      *bytes,
                               GBytes     *(*image_func) (const char *hash,
                                                          gpointer    user_data),
                               gpointer     image_data,
                               GPtrArray  **problems,
                               GError     **error)
{
  g_autoptr(WfProblems) found = wf_problems_new (WF_PROBLEMS_MAX_KEPT);
  g_autoptr(WfProblems) warnings = wf_problems_new (WF_PROBLEMS_MAX_KEPT);
  g_autoptr(WfJsonDocument) json = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GHashTable) items = NULL;
  WfJsonError json_error;
  const char *data;
  gsize len;
  Reader r = { 0 };

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = "";

  if (!(json = wf_json_parse (data, len, WF_JOURNEY_MAX_DEPTH, &json_error)))
    {
      g_autofree char *where = where_offset (data, json_error.offset);

      wf_problems_add (found, WF_JOURNEY_ERROR_SYNTAX, where, NULL, NULL, NULL, "%s", json_error.message);
      g_free (json_error.message);
      wf_problems_set_error (found, error, WF_JOURNEY_ERROR);
      goto out;
    }

  items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  document = wf_document_new ();
  r.document = document;
  r.problems = found;
  r.warnings = warnings;
  r.image_func = image_func;
  r.image_data = image_data;
  r.items = items;
  /* Its keys are texts of the JSON tree, which outlives it. */
  r.pictures = g_hash_table_new_full (hash_picture_text, g_str_equal, NULL, (GDestroyNotify) wf_image_unref);
  read_document (&r, wf_json_document_root (json));
  g_clear_pointer (&r.pictures, g_hash_table_unref);

  if (wf_problems_get_count (found) > 0)
    {
      wf_problems_set_error (found, error, WF_JOURNEY_ERROR);
      g_clear_object (&document);
    }
  else if (wf_problems_get_count (warnings) > 0)
    {
      g_debug ("%u bad pictures left out", wf_problems_get_count (warnings));
      wf_problems_free (g_steal_pointer (&found));
      found = g_steal_pointer (&warnings);
    }

out:
  if (problems != NULL)
    *problems = wf_problems_steal (found);

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

  g_debug ("Reading %s: %" G_GSIZE_FORMAT " bytes", g_file_peek_path (file), g_bytes_get_size (bytes));
  return wf_journey_load_bytes (bytes, problems, error);
}

/**
 * wf_journey_extra_from_string:
 * @text: what wf_journey_extra_to_string() wrote
 * @error: return location for a #WF_JOURNEY_ERROR
 *
 * Returns: (transfer full): the members, or %NULL if @text is not a JSON
 *   object
 */
JsonObject *
wf_journey_extra_from_string (const char  *text,
                              GError     **error)
{
  g_autoptr(WfJsonDocument) json = NULL;
  g_autoptr(JsonNode) node = NULL;
  WfJsonError json_error = { 0 };
  const WfJsonValue *root;

  g_return_val_if_fail (text != NULL, NULL);

  if (!(json = wf_json_parse (text, strlen (text), WF_JOURNEY_MAX_DEPTH, &json_error)))
    {
      g_set_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_SYNTAX, "%s", json_error.message);
      g_free (json_error.message);
      return NULL;
    }

  root = wf_json_document_root (json);
  if (root->type != WF_JSON_OBJECT)
    {
      g_set_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_FORMAT,
                   _("Expected %s, found %s"), _("an object"), describe (root));
      return NULL;
    }

  for (guint i = 0; i < root->len; i++)
    if (!value_is_finite (&root->v.members[i].value))
      {
        g_set_error_literal (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID,
                             wf_json_out_of_range_message ());
        return NULL;
      }

  node = wf_json_value_to_node (root);

  return json_object_ref (json_node_get_object (node));
}
