/* wf-journey-writer.c — writing .journey files canonically and atomically
 *
 * The output is canonical: two-space indentation, known members in the
 * documented order with unknown ones after them in their original order,
 * numbers in their shortest exact form, and a final newline. Loading and
 * saving again gives the same bytes.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-atomic-file.h"
#include "wf-journey-private.h"
#include "wf-number.h"

typedef WfJourneyWriter Writer;

static void
newline (Writer *w)
{
  if (w->compact)
    return;

  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->indent; i++)
    g_string_append (w->out, "  ");
}

void
wf_journey_write_string (Writer     *w,
                         const char *str)
{
  const char *p = str ? str : "";
  const char *run = p;

  g_string_append_c (w->out, '"');

  for (; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (w->out, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"':  g_string_append (w->out, "\\\""); break;
        case '\\': g_string_append (w->out, "\\\\"); break;
        case '\n': g_string_append (w->out, "\\n"); break;
        case '\r': g_string_append (w->out, "\\r"); break;
        case '\t': g_string_append (w->out, "\\t"); break;
        case '\b': g_string_append (w->out, "\\b"); break;
        case '\f': g_string_append (w->out, "\\f"); break;
        default:   g_string_append_printf (w->out, "\\u%04x", c); break;
        }
    }

  g_string_append_len (w->out, run, p - run);
  g_string_append_c (w->out, '"');
}

/* The shortest text that reads back as the same double. Whole numbers
 * keep a ".0" only when @keep_float, so that a float stays a float.
 */
void
wf_journey_write_double (Writer   *w,
                         double    value,
                         gboolean  keep_float)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert (isfinite (value));

  if (!keep_float && value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append_printf (w->out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  g_string_append (w->out, wf_format_double (buf, value));

  if (keep_float && strpbrk (buf, ".eEn") == NULL)
    g_string_append (w->out, ".0");
}

static void
open_container (Writer *w,
                char    c)
{
  g_string_append_c (w->out, c);
  w->indent++;
  w->first = TRUE;
}

static void
close_container (Writer *w,
                 char    c)
{
  w->indent--;
  if (!w->first)
    newline (w);
  g_string_append_c (w->out, c);
  w->first = FALSE;
}

static void
next_element (Writer *w)
{
  if (!w->first)
    g_string_append_c (w->out, ',');
  newline (w);
  w->first = FALSE;
}

static void
key (Writer     *w,
     const char *name)
{
  next_element (w);
  wf_journey_write_string (w, name);
  g_string_append (w->out, ": ");
}

static void
member_string (Writer     *w,
               const char *name,
               const char *value)
{
  key (w, name);
  wf_journey_write_string (w, value);
}

void
wf_journey_write_nullable (Writer     *w,
                           const char *value)
{
  if (value != NULL)
    wf_journey_write_string (w, value);
  else
    g_string_append (w->out, "null");
}

static void
member_nullable (Writer     *w,
                 const char *name,
                 const char *value)
{
  key (w, name);
  wf_journey_write_nullable (w, value);
}

void
wf_journey_write_boolean (Writer   *w,
                          gboolean  value)
{
  g_string_append (w->out, value ? "true" : "false");
}

/* A card's emotion: a whole number, or null for none. */
void
wf_journey_write_emotion (Writer *w,
                          int     emotion)
{
  if (emotion == WF_EMOTION_NONE)
    g_string_append (w->out, "null");
  else
    g_string_append_printf (w->out, "%d", emotion);
}

/* A list of texts, such as a card's tags; NULL is an empty list. */
void
wf_journey_write_strings (Writer             *w,
                          const char * const *strings)
{
  open_container (w, '[');
  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    {
      next_element (w);
      wf_journey_write_string (w, strings[i]);
    }
  close_container (w, ']');
}

/* A picture: type, base64 of its bytes (or, for a revision, their hash),
 * alt text, and the focal point when it is not the centre
 * (docs/pictures.md); null for none. */
void
wf_journey_write_image (Writer  *w,
                        WfImage *image)
{
  g_autofree char *data = NULL;
  GBytes *bytes;
  double x, y;

  if (image == NULL)
    {
      g_string_append (w->out, "null");
      return;
    }

  bytes = wf_image_get_bytes (image);

  open_container (w, '{');
  member_string (w, "type", wf_image_get_mime_type (image));
  if (w->by_hash)
    member_string (w, "sha256", wf_image_get_hash (image));
  else
    {
      data = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      key (w, "data");
      g_string_append_c (w->out, '"');
      g_string_append (w->out, data);
      g_string_append_c (w->out, '"');
    }
  member_string (w, "alt", wf_image_get_alt (image));
  if (wf_image_has_focus (image))
    {
      wf_image_get_focus (image, &x, &y);
      key (w, "focus");
      open_container (w, '{');
      key (w, "x");
      wf_journey_write_double (w, x, FALSE);
      key (w, "y");
      wf_journey_write_double (w, y, FALSE);
      close_container (w, '}');
    }
  close_container (w, '}');
}

static void write_node (Writer   *w,
                        JsonNode *node);

static void
write_node (Writer   *w,
            JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *child;

        open_container (w, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &child))
          {
            key (w, name);
            write_node (w, child);
          }
        close_container (w, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        open_container (w, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            next_element (w);
            write_node (w, json_array_get_element (array, i));
          }
        close_container (w, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (w->out, "null");
      break;

    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          wf_journey_write_string (w, json_node_get_string (node));
          break;

        case G_TYPE_BOOLEAN:
          g_string_append (w->out, json_node_get_boolean (node) ? "true" : "false");
          break;

        case G_TYPE_DOUBLE:
          wf_journey_write_double (w, json_node_get_double (node), TRUE);
          break;

        case G_TYPE_INT64:
        default:
          g_string_append_printf (w->out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        }
      break;
    }
}

static void
write_extra (Writer *w,
             WfItem *item)
{
  JsonObject *extra = wf_item_get_extra (item);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (extra == NULL)
    return;

  json_object_iter_init_ordered (&iter, extra);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      key (w, name);
      write_node (w, node);
    }
}

static void
write_persona (Writer    *w,
               WfPersona *persona)
{
  open_container (w, '{');
  if (!w->value_only)
    member_string (w, "id", wf_item_get_id (WF_ITEM (persona)));
  member_string (w, "name", wf_persona_get_name (persona));
  member_string (w, "role", wf_persona_get_role (persona));
  member_string (w, "color", wf_persona_get_color (persona));
  member_string (w, "goals", wf_persona_get_goals (persona));
  member_string (w, "needs", wf_persona_get_needs (persona));
  member_string (w, "frustrations", wf_persona_get_frustrations (persona));
  member_string (w, "notes", wf_persona_get_notes (persona));
  if (wf_persona_get_photo (persona) != NULL)
    {
      key (w, "photo");
      wf_journey_write_image (w, wf_persona_get_photo (persona));
    }
  write_extra (w, WF_ITEM (persona));
  close_container (w, '}');
}

/* A metric as a number when version 1 could hold it (one undated value,
 * nothing else), else as an object.
 */
static void
write_metric (Writer   *w,
              WfMetric *metric)
{
  if (*metric->unit == '\0' && metric->direction == WF_DIRECTION_NONE && !metric->has_target &&
      metric->measurements->len == 1 &&
      g_array_index (metric->measurements, WfMeasurement, 0).date[0] == '\0')
    {
      wf_journey_write_double (w, g_array_index (metric->measurements, WfMeasurement, 0).value, FALSE);
      return;
    }

  open_container (w, '{');
  if (*metric->unit != '\0')
    member_string (w, "unit", metric->unit);
  if (metric->direction != WF_DIRECTION_NONE)
    member_string (w, "direction", wf_direction_to_string (metric->direction));
  if (metric->has_target)
    {
      key (w, "target");
      wf_journey_write_double (w, metric->target, FALSE);
    }
  key (w, "values");
  open_container (w, '[');
  for (guint i = 0; i < metric->measurements->len; i++)
    {
      WfMeasurement *m = &g_array_index (metric->measurements, WfMeasurement, i);

      next_element (w);
      open_container (w, '{');
      if (m->date[0] != '\0')
        member_string (w, "date", m->date);
      key (w, "value");
      wf_journey_write_double (w, m->value, FALSE);
      close_container (w, '}');
    }
  close_container (w, ']');
  close_container (w, '}');
}

/* The metrics of @persona ("" for everyone) as an object keyed by name. */
void
wf_journey_write_metrics (Writer     *w,
                          GPtrArray  *metrics,
                          const char *persona)
{
  open_container (w, '{');
  for (guint i = 0; i < metrics->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (metrics, i);

      if (strcmp (metric->persona, persona) != 0)
        continue;

      key (w, metric->name);
      write_metric (w, metric);
    }
  close_container (w, '}');
}

/**
 * wf_journey_metrics_personas:
 * @metrics: (element-type WfMetric): a phase's metrics
 * @everyone: (out): whether some are for everyone
 *
 * Returns: (transfer container): the ids of the personas that have
 *   metrics of their own, in the order first met, borrowed from @metrics
 */
GPtrArray *
wf_journey_metrics_personas (GPtrArray *metrics,
                             gboolean  *everyone)
{
  GPtrArray *personas = g_ptr_array_new ();

  *everyone = FALSE;

  for (guint i = 0; i < metrics->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (metrics, i);

      if (*metric->persona == '\0')
        *everyone = TRUE;
      else if (!g_ptr_array_find_with_equal_func (personas, metric->persona, g_str_equal, NULL))
        g_ptr_array_add (personas, metric->persona);
    }

  return personas;
}

/* The metrics of each of @personas, as an object keyed by persona id. */
void
wf_journey_write_persona_metrics (Writer    *w,
                                  GPtrArray *metrics,
                                  GPtrArray *personas)
{
  open_container (w, '{');
  for (guint i = 0; i < personas->len; i++)
    {
      key (w, g_ptr_array_index (personas, i));
      wf_journey_write_metrics (w, metrics, g_ptr_array_index (personas, i));
    }
  close_container (w, '}');
}

static void
write_phase_metrics (Writer  *w,
                     WfPhase *phase)
{
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_phase_get_metrics (phase));
  g_autoptr(GPtrArray) personas = NULL;
  gboolean everyone;

  /* Only when there are some, so that a document without figures is
   * written as version 1 wrote it.
   */
  personas = wf_journey_metrics_personas (metrics, &everyone);

  if (everyone)
    {
      key (w, "metrics");
      wf_journey_write_metrics (w, metrics, "");
    }

  if (personas->len > 0)
    {
      key (w, "persona_metrics");
      wf_journey_write_persona_metrics (w, metrics, personas);
    }
}

static void
write_phase (Writer  *w,
             WfPhase *phase)
{
  open_container (w, '{');
  if (!w->value_only)
    member_string (w, "id", wf_item_get_id (WF_ITEM (phase)));
  member_string (w, "name", wf_phase_get_name (phase));
  member_string (w, "description", wf_phase_get_description (phase));
  member_nullable (w, "color", wf_phase_get_color (phase));
  /* Only a width of its own; the usual one is not written. */
  if (wf_phase_get_width (phase) > 0)
    {
      key (w, "width");
      wf_journey_write_double (w, wf_phase_get_width (phase), FALSE);
    }
  write_phase_metrics (w, phase);
  write_extra (w, WF_ITEM (phase));
  close_container (w, '}');
}

static void
write_lane (Writer *w,
            WfLane *lane)
{
  WfPersona *persona = wf_lane_get_persona (lane);

  open_container (w, '{');
  if (!w->value_only)
    member_string (w, "id", wf_item_get_id (WF_ITEM (lane)));
  member_string (w, "kind", wf_lane_kind_to_string (wf_lane_get_kind (lane)));
  member_string (w, "title", wf_lane_get_title (lane));
  member_nullable (w, "persona", persona ? wf_item_get_id (WF_ITEM (persona)) : NULL);
  key (w, "collapsed");
  wf_journey_write_boolean (w, wf_lane_get_collapsed (lane));
  if (wf_lane_get_height (lane) > 0)
    {
      key (w, "height");
      wf_journey_write_double (w, wf_lane_get_height (lane), FALSE);
    }
  write_extra (w, WF_ITEM (lane));
  close_container (w, '}');
}

static void
write_card (Writer *w,
            WfCard *card)
{
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_card_get_metrics (card));

  open_container (w, '{');
  if (!w->value_only)
    member_string (w, "id", wf_item_get_id (WF_ITEM (card)));
  member_string (w, "phase", wf_item_get_id (WF_ITEM (wf_card_get_phase (card))));
  member_string (w, "lane", wf_item_get_id (WF_ITEM (wf_card_get_lane (card))));
  member_string (w, "title", wf_card_get_title (card));
  member_string (w, "notes", wf_card_get_notes (card));
  member_nullable (w, "channel", wf_channel_to_string (wf_card_get_channel (card)));
  member_nullable (w, "contact", wf_contact_to_string (wf_card_get_contact (card)));

  key (w, "emotion");
  wf_journey_write_emotion (w, wf_card_get_emotion (card));

  member_nullable (w, "color", wf_card_get_color (card));

  key (w, "votes");
  g_string_append_printf (w->out, "%u", wf_card_get_votes (card));

  key (w, "metrics");
  wf_journey_write_metrics (w, metrics, "");

  key (w, "tags");
  wf_journey_write_strings (w, wf_card_get_tags (card));

  if (wf_card_get_image (card) != NULL)
    {
      key (w, "image");
      wf_journey_write_image (w, wf_card_get_image (card));
    }

  write_extra (w, WF_ITEM (card));
  close_container (w, '}');
}

static void
write_link (Writer *w,
            WfLink *link)
{
  open_container (w, '{');
  if (!w->value_only)
    member_string (w, "id", wf_item_get_id (WF_ITEM (link)));
  member_string (w, "from", wf_item_get_id (WF_ITEM (wf_link_get_from (link))));
  member_string (w, "to", wf_item_get_id (WF_ITEM (wf_link_get_to (link))));
  member_string (w, "label", wf_link_get_label (link));
  write_extra (w, WF_ITEM (link));
  close_container (w, '}');
}

static void
write_map (Writer *w,
           WfMap  *map)
{
  g_autoptr(GPtrArray) cards = w->value_only ? NULL : wf_map_list_cards (map);
  const char * const *dismissed = wf_map_get_dismissed (map);

  open_container (w, '{');
  if (!w->value_only)
    member_string (w, "id", wf_item_get_id (WF_ITEM (map)));
  member_string (w, "title", wf_map_get_title (map));
  member_string (w, "scenario", wf_map_get_scenario (map));

  if (!w->value_only)
    {
    key (w, "phases");
    open_container (w, '[');
    for (guint i = 0; i < wf_map_get_n_phases (map); i++)
      {
        next_element (w);
        write_phase (w, wf_map_get_phase (map, i));
      }
    close_container (w, ']');

    key (w, "lanes");
    open_container (w, '[');
    for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
      {
        next_element (w);
        write_lane (w, wf_map_get_lane (map, i));
      }
    close_container (w, ']');

    key (w, "cards");
    open_container (w, '[');
    for (guint i = 0; i < cards->len; i++)
      {
        next_element (w);
        write_card (w, g_ptr_array_index (cards, i));
      }
    close_container (w, ']');

    key (w, "links");
    open_container (w, '[');
    for (guint i = 0; i < wf_map_get_n_links (map); i++)
      {
        next_element (w);
        write_link (w, wf_map_get_link (map, i));
      }
    close_container (w, ']');
    }

  if (dismissed != NULL && dismissed[0] != NULL)
    {
      key (w, "dismissed");
      wf_journey_write_strings (w, dismissed);
    }

  if (*wf_map_get_heat (map) != '\0')
    member_string (w, "heat", wf_map_get_heat (map));

  write_extra (w, WF_ITEM (map));
  close_container (w, '}');
}

/* The document's own members, as wf_journey_to_bytes() writes them, but
 * for the format, the version and the times.
 */
static void
write_document_value (Writer     *w,
                      WfDocument *document)
{
  open_container (w, '{');
  member_string (w, "title", wf_document_get_title (document));
  member_string (w, "description", wf_document_get_description (document));
  write_extra (w, WF_ITEM (document));
  close_container (w, '}');
}

/**
 * wf_journey_write_item_value:
 * @item: a document, persona, map, phase, lane, card or link
 *
 * Writes @item's object as a file has it, without its id and its child
 * arrays (for the document, also without format, version, created and
 * modified): the value of an item in the team library.
 */
void
wf_journey_write_item_value (Writer *w,
                             WfItem *item)
{
  gboolean value_only = w->value_only;

  w->value_only = TRUE;

  if (WF_IS_DOCUMENT (item))
    write_document_value (w, WF_DOCUMENT (item));
  else if (WF_IS_PERSONA (item))
    write_persona (w, WF_PERSONA (item));
  else if (WF_IS_MAP (item))
    write_map (w, WF_MAP (item));
  else if (WF_IS_PHASE (item))
    write_phase (w, WF_PHASE (item));
  else if (WF_IS_LANE (item))
    write_lane (w, WF_LANE (item));
  else if (WF_IS_CARD (item))
    write_card (w, WF_CARD (item));
  else if (WF_IS_LINK (item))
    write_link (w, WF_LINK (item));
  else
    g_assert_not_reached ();

  w->value_only = value_only;
}

/**
 * wf_journey_extra_to_string:
 * @extra: members of an item that this version does not know
 *
 * Writes @extra as one line of JSON, numbers and order kept, so that
 * wf_journey_extra_from_string() gives the same members back.
 *
 * Returns: (transfer full): the JSON text
 */
char *
wf_journey_extra_to_string (JsonObject *extra)
{
  Writer w = { .out = g_string_new (NULL), .compact = TRUE };
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), extra);

  g_return_val_if_fail (extra != NULL, NULL);

  write_node (&w, node);

  return g_string_free (w.out, FALSE);
}

/* Whether a card has a metric a version 1 reader would refuse: figures
 * elsewhere are members it keeps, but a card's metric must be a number.
 */
static gboolean
needs_version_2 (WfDocument *document)
{
  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    {
      g_autoptr(GPtrArray) cards = wf_map_list_cards (wf_document_get_map (document, i));

      for (guint j = 0; j < cards->len; j++)
        if (!wf_metrics_are_plain (wf_card_get_metrics (g_ptr_array_index (cards, j))))
          return TRUE;
    }

  return FALSE;
}

static GBytes *
to_bytes (WfDocument *document,
          gboolean    by_hash)
{
  Writer w = { .by_hash = by_hash };
  guint n_cards = 0;

  n_cards = wf_document_count_cards (document);

  w.out = g_string_sized_new (4096 + n_cards * 512);

  open_container (&w, '{');
  member_string (&w, "format", WF_JOURNEY_FORMAT);
  key (&w, "version");
  g_string_append_printf (w.out, "%d", needs_version_2 (document) ? 2 : 1);
  member_string (&w, "title", wf_document_get_title (document));
  member_string (&w, "description", wf_document_get_description (document));
  if (wf_document_get_created (document) != NULL)
    member_string (&w, "created", wf_document_get_created (document));
  if (wf_document_get_modified (document) != NULL)
    member_string (&w, "modified", wf_document_get_modified (document));

  key (&w, "personas");
  open_container (&w, '[');
  for (guint i = 0; i < wf_document_get_n_personas (document); i++)
    {
      next_element (&w);
      write_persona (&w, wf_document_get_persona (document, i));
    }
  close_container (&w, ']');

  key (&w, "maps");
  open_container (&w, '[');
  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    {
      next_element (&w);
      write_map (&w, wf_document_get_map (document, i));
    }
  close_container (&w, ']');

  write_extra (&w, WF_ITEM (document));
  close_container (&w, '}');
  g_string_append_c (w.out, '\n');

  return g_string_free_to_bytes (w.out);
}

/**
 * wf_journey_to_bytes:
 *
 * Returns: (transfer full): the document in the canonical .journey form
 */
GBytes *
wf_journey_to_bytes (WfDocument *document)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);

  return to_bytes (document, FALSE);
}

/**
 * wf_journey_to_bytes_by_hash:
 *
 * As wf_journey_to_bytes(), with each picture's bytes left out and named
 * by their hash (`"sha256"` instead of `"data"`): a revision in the
 * library, whose pictures are in its images table.
 *
 * Returns: (transfer full): the document
 */
GBytes *
wf_journey_to_bytes_by_hash (WfDocument *document)
{
  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);

  return to_bytes (document, TRUE);
}

/**
 * wf_journey_save_file:
 *
 * Writes @document to @file atomically: into a temporary file beside it,
 * flushed to disk, then renamed over the old one (wf_atomic_write()). A
 * crash or a full disk leaves the previous file as it was, and the next
 * save removes the temporary file a killed one left. An error names
 * @file, never the temporary file.
 */
gboolean
wf_journey_save_file (WfDocument    *document,
                      GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = wf_journey_to_bytes (document);
  g_debug ("Saving %s: %" G_GSIZE_FORMAT " bytes", g_file_peek_path (file), g_bytes_get_size (bytes));

  /* The error names the file chosen, never the temporary file. */
  if (!wf_atomic_write (file, bytes, WF_ATOMIC_DURABLE, cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not save “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}
