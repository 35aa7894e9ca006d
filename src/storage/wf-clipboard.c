/* wf-clipboard.c — cards on the clipboard: as JSON for Wayfinder, as text for others
 *
 * Copied cards travel as a small JSON document,
 *
 *   { "format": "wayfinder-cards", "version": 1, "cards": [ { "title": …, … } ] }
 *
 * whose card objects have the members of a .journey card except its id,
 * phase and lane (pasting decides those), unknown members included (a
 * card's image as the .journey writer writes it, checked as its reader
 * checks it); and as plain text, one title a line, for other applications. Pasted text
 * from elsewhere becomes one card a non-empty line. Both readers take
 * data from anywhere: they check everything and keep what is valid.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-clipboard.h"
#include "wf-journey.h"
#include "wf-journey-private.h"
#include "wf-json.h"

static const char * const known[] = {
  "id", "phase", "lane", "title", "notes", "channel", "contact", "emotion",
  "color", "votes", "metrics", "tags", "image", NULL
};

/* A card's metrics as in a .journey file: a number for a plain metric,
 * else an object with unit, direction, target and values.
 */
static void
add_metrics (JsonBuilder *builder,
             GVariant    *variant)
{
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (variant);

  json_builder_begin_object (builder);
  for (guint i = 0; i < metrics->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (metrics, i);
      const WfMeasurement *first = metric->measurements->len > 0
                                   ? &g_array_index (metric->measurements, WfMeasurement, 0) : NULL;

      json_builder_set_member_name (builder, metric->name);

      if (*metric->unit == '\0' && metric->direction == WF_DIRECTION_NONE && !metric->has_target &&
          metric->measurements->len == 1 && first->date[0] == '\0')
        {
          json_builder_add_double_value (builder, first->value);
          continue;
        }

      json_builder_begin_object (builder);
      if (*metric->unit != '\0')
        {
          json_builder_set_member_name (builder, "unit");
          json_builder_add_string_value (builder, metric->unit);
        }
      if (metric->direction != WF_DIRECTION_NONE)
        {
          json_builder_set_member_name (builder, "direction");
          json_builder_add_string_value (builder, wf_direction_to_string (metric->direction));
        }
      if (metric->has_target)
        {
          json_builder_set_member_name (builder, "target");
          json_builder_add_double_value (builder, metric->target);
        }
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint j = 0; j < metric->measurements->len; j++)
        {
          WfMeasurement *m = &g_array_index (metric->measurements, WfMeasurement, j);

          json_builder_begin_object (builder);
          if (m->date[0] != '\0')
            {
              json_builder_set_member_name (builder, "date");
              json_builder_add_string_value (builder, m->date);
            }
          json_builder_set_member_name (builder, "value");
          json_builder_add_double_value (builder, m->value);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/* A picture as the .journey writer writes it in a file. */
static void
add_image (JsonBuilder *builder,
           WfImage     *image)
{
  WfJourneyWriter w = { .compact = TRUE };
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  w.out = g_string_new (NULL);
  wf_journey_write_image (&w, image);
  node = json_from_string (w.out->str, &error);
  g_string_free (w.out, TRUE);
  g_assert_no_error (error);

  json_builder_add_value (builder, node);
}

/**
 * wf_clipboard_cards_to_json:
 * @cards: (element-type WfCard): the cards to copy
 *
 * Returns: (transfer full): the cards as clipboard JSON
 */
char *
wf_clipboard_cards_to_json (GPtrArray *cards)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, WF_CLIPBOARD_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);

  for (guint i = 0; i < cards->len; i++)
    {
      WfCard *card = g_ptr_array_index (cards, i);
      GVariant *metrics = wf_card_get_metrics (card);
      const char * const *tags = wf_card_get_tags (card);
      JsonObject *extra = wf_item_get_extra (WF_ITEM (card));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, wf_card_get_title (card));
      json_builder_set_member_name (builder, "notes");
      json_builder_add_string_value (builder, wf_card_get_notes (card));
      if (wf_card_get_channel (card) != WF_CHANNEL_NONE)
        {
          json_builder_set_member_name (builder, "channel");
          json_builder_add_string_value (builder, wf_channel_to_string (wf_card_get_channel (card)));
        }
      if (wf_card_get_contact (card) != WF_CONTACT_NONE)
        {
          json_builder_set_member_name (builder, "contact");
          json_builder_add_string_value (builder, wf_contact_to_string (wf_card_get_contact (card)));
        }
      if (wf_card_get_emotion (card) != WF_EMOTION_NONE)
        {
          json_builder_set_member_name (builder, "emotion");
          json_builder_add_int_value (builder, wf_card_get_emotion (card));
        }
      if (wf_card_get_color (card) != NULL)
        {
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, wf_card_get_color (card));
        }
      json_builder_set_member_name (builder, "votes");
      json_builder_add_int_value (builder, wf_card_get_votes (card));

      json_builder_set_member_name (builder, "metrics");
      add_metrics (builder, metrics);

      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (gsize t = 0; tags != NULL && tags[t] != NULL; t++)
        json_builder_add_string_value (builder, tags[t]);
      json_builder_end_array (builder);

      if (wf_card_get_image (card) != NULL)
        {
          json_builder_set_member_name (builder, "image");
          add_image (builder, wf_card_get_image (card));
        }

      if (extra != NULL)
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *node;

          json_object_iter_init_ordered (&iter, extra);
          while (json_object_iter_next_ordered (&iter, &name, &node))
            {
              json_builder_set_member_name (builder, name);
              json_builder_add_value (builder, json_node_copy (node));
            }
        }

      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  /* Written by our own writer: json-glib 1.6 writes 1e85 as "1e+85.0",
   * which is not JSON (found by fuzz/fuzz-clipboard).
   */
  root = json_builder_get_root (builder);

  return wf_journey_extra_to_string (json_node_get_object (root));
}

/**
 * wf_clipboard_cards_to_text:
 *
 * Returns: (transfer full): the cards' titles, one a line
 */
char *
wf_clipboard_cards_to_text (GPtrArray *cards)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < cards->len; i++)
    {
      g_autofree char *title = g_strdup (wf_card_get_title (g_ptr_array_index (cards, i)));

      /* One card, one line. */
      g_strdelimit (title, "\r\n", ' ');
      g_string_append (text, title);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static const char *
string_member (const WfJsonValue *object,
               const char        *name)
{
  const WfJsonValue *value = wf_json_object_get (object, name);

  return value != NULL && value->type == WF_JSON_STRING ? value->v.string : NULL;
}

static gboolean
int_member (const WfJsonValue *object,
            const char        *name,
            gint64             min,
            gint64             max,
            gint64            *out)
{
  const WfJsonValue *value = wf_json_object_get (object, name);

  if (value == NULL || value->type != WF_JSON_INT || value->v.integer < min || value->v.integer > max)
    return FALSE;

  *out = value->v.integer;
  return TRUE;
}

static gboolean
number_value (const WfJsonValue *value,
              double            *out)
{
  if (value == NULL)
    return FALSE;

  if (value->type == WF_JSON_INT)
    *out = value->v.integer;
  else if (value->type == WF_JSON_DOUBLE && isfinite (value->v.number))
    *out = value->v.number;
  else
    return FALSE;

  return TRUE;
}

/* Metrics as add_metrics() writes them, keeping what is valid: a value
 * without a number or with a bad date is left out, and of two on one
 * date the second is kept.
 */
static GPtrArray *
read_metrics (const WfJsonValue *object)
{
  GPtrArray *metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);

  for (guint i = 0; i < object->len; i++)
    {
      const WfJsonMember *m = &object->v.members[i];
      g_autoptr(WfMetric) metric = NULL;
      const WfJsonValue *values;
      const char *str;
      double n;

      if (wf_metrics_find (metrics, m->name, NULL) != NULL)
        continue;

      metric = wf_metric_new (m->name);

      if (number_value (&m->value, &n))
        wf_metric_set_measurement (metric, n, NULL);
      else if (m->value.type == WF_JSON_OBJECT)
        {
          if ((str = string_member (&m->value, "unit")) != NULL)
            {
              g_free (metric->unit);
              metric->unit = g_strdup (str);
            }
          if ((str = string_member (&m->value, "direction")) != NULL &&
              !wf_direction_from_string (str, &metric->direction))
            metric->direction = WF_DIRECTION_NONE;
          metric->has_target = number_value (wf_json_object_get (&m->value, "target"), &metric->target);

          values = wf_json_object_get (&m->value, "values");
          for (guint j = 0; values != NULL && values->type == WF_JSON_ARRAY && j < values->len; j++)
            {
              const WfJsonValue *element = &values->v.elements[j];
              const char *date;

              if (element->type != WF_JSON_OBJECT ||
                  !number_value (wf_json_object_get (element, "value"), &n))
                continue;

              date = string_member (element, "date");
              if (date != NULL && !wf_date_is_valid (date))
                continue;

              wf_metric_set_measurement (metric, n, date);
            }
        }
      else
        continue;

      g_ptr_array_add (metrics, g_steal_pointer (&metric));
    }

  return metrics;
}

static gboolean
finite_everywhere (const WfJsonValue *value)
{
  switch (value->type)
    {
    case WF_JSON_DOUBLE:
      return isfinite (value->v.number);
    case WF_JSON_ARRAY:
      for (guint i = 0; i < value->len; i++)
        if (!finite_everywhere (&value->v.elements[i]))
          return FALSE;
      return TRUE;
    case WF_JSON_OBJECT:
      for (guint i = 0; i < value->len; i++)
        if (!finite_everywhere (&value->v.members[i].value))
          return FALSE;
      return TRUE;
    case WF_JSON_NULL:
    case WF_JSON_BOOLEAN:
    case WF_JSON_INT:
    case WF_JSON_STRING:
    default:
      return TRUE;
    }
}

static WfCard *
read_card (const WfJsonValue *object,
           WfDocument        *document)
{
  g_autofree char *id = wf_document_make_id (document, "card");
  const char *str = string_member (object, "title");
  g_autoptr(WfCard) card = wf_card_new (id, str ? str : "");
  const WfJsonValue *value;
  gint64 number;
  WfChannel channel;
  WfContact contact;

  if ((str = string_member (object, "notes")) != NULL)
    wf_card_set_notes (card, str);
  if ((str = string_member (object, "channel")) != NULL && wf_channel_from_string (str, &channel))
    wf_card_set_channel (card, channel);
  if ((str = string_member (object, "contact")) != NULL && wf_contact_from_string (str, &contact))
    wf_card_set_contact (card, contact);
  if (int_member (object, "emotion", WF_EMOTION_MIN, WF_EMOTION_MAX, &number))
    wf_card_set_emotion (card, number);
  if ((str = string_member (object, "color")) != NULL && wf_color_is_valid (str))
    wf_card_set_color (card, str);
  if (int_member (object, "votes", 0, G_MAXINT32, &number))
    wf_card_set_votes (card, number);

  if ((value = wf_json_object_get (object, "metrics")) != NULL && value->type == WF_JSON_OBJECT)
    {
      g_autoptr(GPtrArray) metrics = read_metrics (value);

      if (metrics->len > 0)
        wf_card_set_metrics (card, wf_metrics_to_variant (metrics));
    }

  if ((value = wf_json_object_get (object, "tags")) != NULL && value->type == WF_JSON_ARRAY)
    {
      g_autoptr(GPtrArray) tags = g_ptr_array_new ();

      for (guint i = 0; i < value->len; i++)
        if (value->v.elements[i].type == WF_JSON_STRING)
          g_ptr_array_add (tags, (gpointer) value->v.elements[i].v.string);
      g_ptr_array_add (tags, NULL);
      wf_card_set_tags (card, (const char * const *) tags->pdata);
    }

  /* The picture as the .journey reader reads it: a bad one is left
   * out, as a file's is.
   */
  {
    g_autoptr(WfProblems) problems = wf_problems_new (1);
    g_autoptr(WfProblems) warnings = wf_problems_new (1);
    WfJourneyReader r = { .document = document, .problems = problems, .warnings = warnings };
    g_autoptr(WfImage) image = wf_journey_read_image (&r, object, "image");

    if (image != NULL)
      wf_card_set_image (card, image);
  }

  /* Members a newer Wayfinder wrote travel along. */
  {
    g_autoptr(JsonObject) extra = json_object_new ();

    for (guint i = 0; i < object->len; i++)
      {
        const WfJsonMember *m = &object->v.members[i];

        if (!g_strv_contains (known, m->name) && finite_everywhere (&m->value))
          json_object_set_member (extra, m->name, wf_json_value_to_node (&m->value));
      }

    if (json_object_get_size (extra) > 0)
      wf_item_set_extra (WF_ITEM (card), extra);
  }

  return g_steal_pointer (&card);
}

/**
 * wf_clipboard_cards_from_json:
 * @data: clipboard JSON, from anywhere
 * @len: its length
 * @document: the document the cards will go into, for their ids
 * @error: return location for a #WF_JOURNEY_ERROR
 *
 * Returns: (transfer full) (element-type WfCard): new cards, not yet in
 *   any map, or %NULL if @data is not clipboard JSON
 */
GPtrArray *
wf_clipboard_cards_from_json (const char  *data,
                              gsize        len,
                              WfDocument  *document,
                              GError     **error)
{
  g_autoptr(WfJsonDocument) json = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  WfJsonError json_error = { 0 };
  const WfJsonValue *root, *list;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);

  if (!(json = wf_json_parse (data ? data : "", data ? len : 0, WF_JOURNEY_MAX_DEPTH, &json_error)))
    {
      g_set_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_SYNTAX, "%s", json_error.message);
      g_free (json_error.message);
      return NULL;
    }

  root = wf_json_document_root (json);
  if (root->type != WF_JSON_OBJECT ||
      g_strcmp0 (string_member (root, "format"), WF_CLIPBOARD_FORMAT) != 0 ||
      (list = wf_json_object_get (root, "cards")) == NULL || list->type != WF_JSON_ARRAY)
    {
      g_set_error_literal (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_FORMAT,
                           _("The clipboard holds no Wayfinder cards"));
      return NULL;
    }

  for (guint i = 0; i < list->len && cards->len < WF_CLIPBOARD_MAX_CARDS; i++)
    if (list->v.elements[i].type == WF_JSON_OBJECT)
      g_ptr_array_add (cards, read_card (&list->v.elements[i], document));

  return g_steal_pointer (&cards);
}

/**
 * wf_clipboard_cards_from_text:
 *
 * Returns: (transfer full) (element-type WfCard): a card for each
 *   non-empty line of @data (valid UTF-8 only), not yet in any map
 */
GPtrArray *
wf_clipboard_cards_from_text (const char *data,
                              gsize       len,
                              WfDocument *document)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), cards);

  if (data == NULL)
    return cards;

  text = g_utf8_make_valid (data, len);
  lines = g_strsplit_set (text, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL && cards->len < WF_CLIPBOARD_MAX_CARDS; i++)
    {
      g_autofree char *id = NULL;
      char *title = g_strstrip (lines[i]);

      if (*title == '\0')
        continue;

      /* No NUL characters in a title. */
      id = wf_document_make_id (document, "card");
      g_ptr_array_add (cards, wf_card_new (id, title));
    }

  return cards;
}
