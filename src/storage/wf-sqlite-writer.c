/* wf-sqlite-writer.c — writing a document's rows, whole or one at a time
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-journey.h"
#include "wf-sqlite-private.h"

struct _WfSqliteWriter
{
  sqlite3      *db;
  gint64        doc;
  sqlite3_stmt *document;
  sqlite3_stmt *persona;
  sqlite3_stmt *map;
  sqlite3_stmt *phase;
  sqlite3_stmt *lane;
  sqlite3_stmt *card;
  sqlite3_stmt *metric;
  sqlite3_stmt *metric_value;
  sqlite3_stmt *tag;
  sqlite3_stmt *clear_metrics;
  sqlite3_stmt *clear_metric_values;
  sqlite3_stmt *clear_tags;
  sqlite3_stmt *phase_metric;
  sqlite3_stmt *phase_metric_value;
  sqlite3_stmt *clear_phase_metrics;
  sqlite3_stmt *clear_phase_metric_values;
  sqlite3_stmt *dismissed;
  sqlite3_stmt *clear_dismissed;
  sqlite3_stmt *link;
  sqlite3_stmt *image;
  sqlite3_stmt *position[6];
  sqlite3_stmt *delete[6];
};

typedef enum {
  TABLE_PERSONAS,
  TABLE_MAPS,
  TABLE_PHASES,
  TABLE_LANES,
  TABLE_CARDS,
  TABLE_LINKS,
} Table;

static const char * const item_tables[] = {
  "personas", "maps", "phases", "lanes", "cards", "links",
};

static Table
table_of (WfItem *item)
{
  if (WF_IS_PERSONA (item))
    return TABLE_PERSONAS;
  if (WF_IS_MAP (item))
    return TABLE_MAPS;
  if (WF_IS_PHASE (item))
    return TABLE_PHASES;
  if (WF_IS_LANE (item))
    return TABLE_LANES;
  if (WF_IS_CARD (item))
    return TABLE_CARDS;
  g_assert (WF_IS_LINK (item));
  return TABLE_LINKS;
}

void
wf_sqlite_writer_free (WfSqliteWriter *writer)
{
  if (writer == NULL)
    return;

  sqlite3_finalize (writer->document);
  sqlite3_finalize (writer->persona);
  sqlite3_finalize (writer->map);
  sqlite3_finalize (writer->phase);
  sqlite3_finalize (writer->lane);
  sqlite3_finalize (writer->card);
  sqlite3_finalize (writer->metric);
  sqlite3_finalize (writer->metric_value);
  sqlite3_finalize (writer->tag);
  sqlite3_finalize (writer->clear_metrics);
  sqlite3_finalize (writer->clear_metric_values);
  sqlite3_finalize (writer->clear_tags);
  sqlite3_finalize (writer->phase_metric);
  sqlite3_finalize (writer->phase_metric_value);
  sqlite3_finalize (writer->clear_phase_metrics);
  sqlite3_finalize (writer->clear_phase_metric_values);
  sqlite3_finalize (writer->dismissed);
  sqlite3_finalize (writer->clear_dismissed);
  sqlite3_finalize (writer->link);
  sqlite3_finalize (writer->image);
  for (guint i = 0; i < G_N_ELEMENTS (writer->position); i++)
    {
      sqlite3_finalize (writer->position[i]);
      sqlite3_finalize (writer->delete[i]);
    }
  g_free (writer);
}

static gboolean
prepare (WfSqliteWriter  *w,
         sqlite3_stmt   **stmt,
         const char      *sql,
         GError         **error)
{
  int rc = sqlite3_prepare_v3 (w->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);

  if (rc != SQLITE_OK)
    return wf_sqlite_set_error (error, w->db, rc);

  return TRUE;
}

/**
 * wf_sqlite_writer_new:
 * @db: a database with the current schema
 * @doc: the document's row in the documents table
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Prepares the statements that write one document's rows. The writer
 * does not open transactions; its caller groups the writes.
 *
 * Returns: (transfer full): the writer
 */
WfSqliteWriter *
wf_sqlite_writer_new (sqlite3  *db,
                      gint64    doc,
                      GError  **error)
{
  g_autoptr(WfSqliteWriter) w = g_new0 (WfSqliteWriter, 1);

  w->db = db;
  w->doc = doc;

  if (!prepare (w, &w->document,
                "UPDATE documents SET title = ?2, description = ?3, created = ?4, modified = ?5,"
                " extra = ?6 WHERE id = ?1", error) ||
      !prepare (w, &w->persona,
                "INSERT INTO personas (doc, id, position, name, role, color, goals, needs,"
                " frustrations, notes, extra, photo, photo_alt, photo_x, photo_y)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
                " ON CONFLICT (doc, id) DO UPDATE SET position = excluded.position,"
                " name = excluded.name, role = excluded.role, color = excluded.color,"
                " goals = excluded.goals, needs = excluded.needs,"
                " frustrations = excluded.frustrations, notes = excluded.notes,"
                " extra = excluded.extra, photo = excluded.photo, photo_alt = excluded.photo_alt,"
                " photo_x = excluded.photo_x, photo_y = excluded.photo_y", error) ||
      !prepare (w, &w->map,
                "INSERT INTO maps (doc, id, position, title, scenario, extra, heat)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                " ON CONFLICT (doc, id) DO UPDATE SET position = excluded.position,"
                " title = excluded.title, scenario = excluded.scenario, extra = excluded.extra,"
                " heat = excluded.heat",
                error) ||
      !prepare (w, &w->phase,
                "INSERT INTO phases (doc, id, map, position, name, description, color, extra, width)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                " ON CONFLICT (doc, id) DO UPDATE SET map = excluded.map,"
                " position = excluded.position, name = excluded.name,"
                " description = excluded.description, color = excluded.color,"
                " extra = excluded.extra, width = excluded.width", error) ||
      !prepare (w, &w->lane,
                "INSERT INTO lanes (doc, id, map, position, kind, title, persona, collapsed, extra, height)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                " ON CONFLICT (doc, id) DO UPDATE SET map = excluded.map,"
                " position = excluded.position, kind = excluded.kind, title = excluded.title,"
                " persona = excluded.persona, collapsed = excluded.collapsed,"
                " extra = excluded.extra, height = excluded.height", error) ||
      !prepare (w, &w->card,
                "INSERT INTO cards (doc, id, map, phase, lane, position, title, notes, channel,"
                " contact, emotion, color, votes, extra, image, image_alt, image_x, image_y)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                " ?17, ?18)"
                " ON CONFLICT (doc, id) DO UPDATE SET map = excluded.map,"
                " phase = excluded.phase, lane = excluded.lane, position = excluded.position,"
                " title = excluded.title, notes = excluded.notes, channel = excluded.channel,"
                " contact = excluded.contact, emotion = excluded.emotion,"
                " color = excluded.color, votes = excluded.votes, extra = excluded.extra,"
                " image = excluded.image, image_alt = excluded.image_alt,"
                " image_x = excluded.image_x, image_y = excluded.image_y",
                error) ||
      /* A picture already there is not written again, nor are its bytes
       * even copied into a record: the autosave writes a card's row at
       * every edit of the card (docs/pictures.md). */
      !prepare (w, &w->image,
                "INSERT INTO images (hash, type, bytes, width, height)"
                " SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM images WHERE hash = ?1)",
                error) ||
      !prepare (w, &w->metric,
                "INSERT INTO card_metrics (doc, card, position, name, value, unit, direction, target)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error) ||
      !prepare (w, &w->metric_value,
                "INSERT INTO card_metric_values (doc, card, metric, position, date, value)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error) ||
      !prepare (w, &w->clear_metric_values,
                "DELETE FROM card_metric_values WHERE doc = ?1 AND card = ?2", error) ||
      !prepare (w, &w->phase_metric,
                "INSERT INTO phase_metrics (doc, phase, position, name, persona, unit, direction,"
                " target, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error) ||
      !prepare (w, &w->phase_metric_value,
                "INSERT INTO phase_metric_values (doc, phase, metric, position, date, value)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error) ||
      !prepare (w, &w->clear_phase_metrics,
                "DELETE FROM phase_metrics WHERE doc = ?1 AND phase = ?2", error) ||
      !prepare (w, &w->clear_phase_metric_values,
                "DELETE FROM phase_metric_values WHERE doc = ?1 AND phase = ?2", error) ||
      !prepare (w, &w->dismissed,
                "INSERT INTO map_dismissed (doc, map, position, key) VALUES (?1, ?2, ?3, ?4)",
                error) ||
      !prepare (w, &w->clear_dismissed,
                "DELETE FROM map_dismissed WHERE doc = ?1 AND map = ?2", error) ||
      !prepare (w, &w->tag,
                "INSERT INTO card_tags (doc, card, position, tag) VALUES (?1, ?2, ?3, ?4)",
                error) ||
      !prepare (w, &w->clear_metrics,
                "DELETE FROM card_metrics WHERE doc = ?1 AND card = ?2", error) ||
      !prepare (w, &w->clear_tags,
                "DELETE FROM card_tags WHERE doc = ?1 AND card = ?2", error) ||
      !prepare (w, &w->link,
                "INSERT INTO links (doc, id, map, position, from_card, to_card, label, extra)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                " ON CONFLICT (doc, id) DO UPDATE SET map = excluded.map,"
                " position = excluded.position, from_card = excluded.from_card,"
                " to_card = excluded.to_card, label = excluded.label, extra = excluded.extra",
                error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (item_tables); i++)
    {
      g_autofree char *position =
        g_strdup_printf ("UPDATE %s SET position = ?3 WHERE doc = ?1 AND id = ?2", item_tables[i]);
      g_autofree char *delete =
        g_strdup_printf ("DELETE FROM %s WHERE doc = ?1 AND id = ?2", item_tables[i]);

      if (!prepare (w, &w->position[i], position, error) ||
          !prepare (w, &w->delete[i], delete, error))
        return NULL;
    }

  return g_steal_pointer (&w);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

/* A size of its own, or NULL for the usual one. */
static void
bind_size (sqlite3_stmt *stmt,
           int           column,
           double        size)
{
  if (size > 0)
    sqlite3_bind_double (stmt, column, size);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_extra (sqlite3_stmt *stmt,
            int           column,
            WfItem       *item)
{
  JsonObject *extra = wf_item_get_extra (item);

  if (extra != NULL && json_object_get_size (extra) > 0)
    sqlite3_bind_text (stmt, column, wf_journey_extra_to_string (extra), -1, g_free);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
run (WfSqliteWriter  *w,
     sqlite3_stmt    *stmt,
     GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, w->db, rc);

  return TRUE;
}

static const char *
id_of (gpointer item)
{
  return item != NULL ? wf_item_get_id (WF_ITEM (item)) : NULL;
}

/* Deletes the rows of item @id that @stmt deletes. */
static gboolean
clear (WfSqliteWriter  *w,
       sqlite3_stmt    *stmt,
       const char      *id,
       GError         **error)
{
  sqlite3_bind_int64 (stmt, 1, w->doc);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);

  return run (w, stmt, error);
}

/* Writes the metrics of the card or phase @id: a row per metric, with its
 * latest value for SQL users (NULL without one), and a row per value.
 * Both statements bind unit, direction and target as ?6 to ?8; a card's
 * latest value is ?5, a phase's ?9 after its persona as ?5.
 */
static gboolean
put_metrics (WfSqliteWriter  *w,
             sqlite3_stmt    *metric_stmt,
             sqlite3_stmt    *value_stmt,
             const char      *id,
             GVariant        *variant,
             GError         **error)
{
  g_autoptr(GPtrArray) metrics = NULL;
  gboolean phase = metric_stmt == w->phase_metric;

  if (variant == NULL)
    return TRUE;

  metrics = wf_metrics_from_variant (variant);

  for (guint i = 0; i < metrics->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (metrics, i);
      const WfMeasurement *latest = wf_metric_get_latest (metric);

      sqlite3_bind_int64 (metric_stmt, 1, w->doc);
      sqlite3_bind_text (metric_stmt, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (metric_stmt, 3, i);
      bind_text (metric_stmt, 4, metric->name);
      if (phase)
        bind_text (metric_stmt, 5, *metric->persona != '\0' ? metric->persona : NULL);
      bind_text (metric_stmt, 6, metric->unit);
      bind_text (metric_stmt, 7, wf_direction_to_string (metric->direction));
      if (metric->has_target)
        sqlite3_bind_double (metric_stmt, 8, metric->target);
      if (latest != NULL)
        sqlite3_bind_double (metric_stmt, phase ? 9 : 5, latest->value);
      if (!run (w, metric_stmt, error))
        return FALSE;

      for (guint j = 0; j < metric->measurements->len; j++)
        {
          WfMeasurement *m = &g_array_index (metric->measurements, WfMeasurement, j);

          sqlite3_bind_int64 (value_stmt, 1, w->doc);
          sqlite3_bind_text (value_stmt, 2, id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (value_stmt, 3, i);
          sqlite3_bind_int64 (value_stmt, 4, j);
          bind_text (value_stmt, 5, m->date);
          sqlite3_bind_double (value_stmt, 6, m->value);
          if (!run (w, value_stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
put_phase_lists (WfSqliteWriter  *w,
                 WfPhase         *phase,
                 gboolean         fresh,
                 GError         **error)
{
  const char *id = id_of (phase);

  if (!fresh &&
      (!clear (w, w->clear_phase_metric_values, id, error) ||
       !clear (w, w->clear_phase_metrics, id, error)))
    return FALSE;

  return put_metrics (w, w->phase_metric, w->phase_metric_value, id,
                      wf_phase_get_metrics (phase), error);
}

static gboolean
put_map_lists (WfSqliteWriter  *w,
               WfMap           *map,
               gboolean         fresh,
               GError         **error)
{
  const char *id = id_of (map);
  const char * const *dismissed = wf_map_get_dismissed (map);

  if (!fresh && !clear (w, w->clear_dismissed, id, error))
    return FALSE;

  for (guint i = 0; dismissed != NULL && dismissed[i] != NULL; i++)
    {
      sqlite3_bind_int64 (w->dismissed, 1, w->doc);
      sqlite3_bind_text (w->dismissed, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (w->dismissed, 3, i);
      bind_text (w->dismissed, 4, dismissed[i]);
      if (!run (w, w->dismissed, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
put_card_lists (WfSqliteWriter  *w,
                WfCard          *card,
                gboolean         fresh,
                GError         **error)
{
  const char *id = id_of (card);
  GVariant *metrics = wf_card_get_metrics (card);
  const char * const *tags = wf_card_get_tags (card);

  if (!fresh &&
      (!clear (w, w->clear_metric_values, id, error) ||
       !clear (w, w->clear_metrics, id, error) ||
       !clear (w, w->clear_tags, id, error)))
    return FALSE;

  if (!put_metrics (w, w->metric, w->metric_value, id, metrics, error))
    return FALSE;

  for (gsize i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      sqlite3_bind_int64 (w->tag, 1, w->doc);
      sqlite3_bind_text (w->tag, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (w->tag, 3, i);
      sqlite3_bind_text (w->tag, 4, tags[i], -1, SQLITE_STATIC);
      if (!run (w, w->tag, error))
        return FALSE;
    }

  return TRUE;
}

/* Writes @image into the images table unless it is there, and binds its
 * hash, alt text and focal point (NULL for the centre) to @column and
 * the three after it; all four NULL without a picture.
 */
static gboolean
put_image (WfSqliteWriter  *w,
           sqlite3_stmt    *stmt,
           int              column,
           WfImage         *image,
           GError         **error)
{
  GBytes *bytes;
  double x, y;

  if (image == NULL)
    return TRUE;

  bytes = wf_image_get_bytes (image);
  sqlite3_bind_text (w->image, 1, wf_image_get_hash (image), -1, SQLITE_STATIC);
  sqlite3_bind_text (w->image, 2, wf_image_get_mime_type (image), -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (w->image, 3, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       SQLITE_STATIC);
  sqlite3_bind_int64 (w->image, 4, wf_image_get_width (image));
  sqlite3_bind_int64 (w->image, 5, wf_image_get_height (image));
  if (!run (w, w->image, error))
    return FALSE;

  sqlite3_bind_text (stmt, column, wf_image_get_hash (image), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, column + 1, wf_image_get_alt (image), -1, SQLITE_STATIC);
  if (wf_image_has_focus (image))
    {
      wf_image_get_focus (image, &x, &y);
      sqlite3_bind_double (stmt, column + 2, x);
      sqlite3_bind_double (stmt, column + 3, y);
    }

  return TRUE;
}

static gboolean
put_item (WfSqliteWriter  *w,
          WfItem          *item,
          int              position,
          gboolean         fresh,
          GError         **error)
{
  const char *map_id = id_of (wf_item_get_parent (item));
  sqlite3_stmt *stmt;

  if (WF_IS_PERSONA (item))
    {
      WfPersona *persona = WF_PERSONA (item);

      stmt = w->persona;
      bind_text (stmt, 4, wf_persona_get_name (persona));
      bind_text (stmt, 5, wf_persona_get_role (persona));
      bind_text (stmt, 6, wf_persona_get_color (persona));
      bind_text (stmt, 7, wf_persona_get_goals (persona));
      bind_text (stmt, 8, wf_persona_get_needs (persona));
      bind_text (stmt, 9, wf_persona_get_frustrations (persona));
      bind_text (stmt, 10, wf_persona_get_notes (persona));
      bind_extra (stmt, 11, item);
      if (!put_image (w, stmt, 12, wf_persona_get_photo (persona), error))
        {
          sqlite3_clear_bindings (stmt);
          return FALSE;
        }
    }
  else if (WF_IS_MAP (item))
    {
      stmt = w->map;
      bind_text (stmt, 4, wf_map_get_title (WF_MAP (item)));
      bind_text (stmt, 5, wf_map_get_scenario (WF_MAP (item)));
      bind_extra (stmt, 6, item);
      bind_text (stmt, 7, wf_map_get_heat (WF_MAP (item)));
    }
  else if (WF_IS_PHASE (item))
    {
      stmt = w->phase;
      bind_text (stmt, 5, wf_phase_get_name (WF_PHASE (item)));
      bind_text (stmt, 6, wf_phase_get_description (WF_PHASE (item)));
      bind_text (stmt, 7, wf_phase_get_color (WF_PHASE (item)));
      bind_extra (stmt, 8, item);
      bind_size (stmt, 9, wf_phase_get_width (WF_PHASE (item)));
    }
  else if (WF_IS_LANE (item))
    {
      WfLane *lane = WF_LANE (item);

      stmt = w->lane;
      bind_text (stmt, 5, wf_lane_kind_to_string (wf_lane_get_kind (lane)));
      bind_text (stmt, 6, wf_lane_get_title (lane));
      bind_text (stmt, 7, id_of (wf_lane_get_persona (lane)));
      sqlite3_bind_int (stmt, 8, wf_lane_get_collapsed (lane));
      bind_extra (stmt, 9, item);
      bind_size (stmt, 10, wf_lane_get_height (lane));
    }
  else if (WF_IS_CARD (item))
    {
      WfCard *card = WF_CARD (item);
      int emotion = wf_card_get_emotion (card);

      stmt = w->card;
      bind_text (stmt, 4, id_of (wf_card_get_phase (card)));
      bind_text (stmt, 5, id_of (wf_card_get_lane (card)));
      sqlite3_bind_int (stmt, 6, position);
      bind_text (stmt, 7, wf_card_get_title (card));
      bind_text (stmt, 8, wf_card_get_notes (card));
      bind_text (stmt, 9, wf_card_get_channel (card) != WF_CHANNEL_NONE
                          ? wf_channel_to_string (wf_card_get_channel (card)) : NULL);
      bind_text (stmt, 10, wf_card_get_contact (card) != WF_CONTACT_NONE
                           ? wf_contact_to_string (wf_card_get_contact (card)) : NULL);
      if (emotion != WF_EMOTION_NONE)
        sqlite3_bind_int (stmt, 11, emotion);
      else
        sqlite3_bind_null (stmt, 11);
      bind_text (stmt, 12, wf_card_get_color (card));
      sqlite3_bind_int64 (stmt, 13, wf_card_get_votes (card));
      bind_extra (stmt, 14, item);
      if (!put_image (w, stmt, 15, wf_card_get_image (card), error))
        {
          sqlite3_clear_bindings (stmt);
          return FALSE;
        }
    }
  else
    {
      WfLink *link = WF_LINK (item);

      stmt = w->link;
      bind_text (stmt, 5, id_of (wf_link_get_from (link)));
      bind_text (stmt, 6, id_of (wf_link_get_to (link)));
      bind_text (stmt, 7, wf_link_get_label (link));
      bind_extra (stmt, 8, item);
    }

  sqlite3_bind_int64 (stmt, 1, w->doc);
  bind_text (stmt, 2, wf_item_get_id (item));
  if (WF_IS_PERSONA (item) || WF_IS_MAP (item))
    sqlite3_bind_int (stmt, 3, position);
  else
    {
      bind_text (stmt, 3, map_id);
      if (!WF_IS_CARD (item))
        sqlite3_bind_int (stmt, 4, position);
    }

  if (!run (w, stmt, error))
    return FALSE;

  if (WF_IS_CARD (item))
    return put_card_lists (w, WF_CARD (item), fresh, error);
  if (WF_IS_PHASE (item))
    return put_phase_lists (w, WF_PHASE (item), fresh, error);
  if (WF_IS_MAP (item))
    return put_map_lists (w, WF_MAP (item), fresh, error);

  return TRUE;
}

/**
 * wf_sqlite_writer_put_item:
 * @writer: a writer
 * @item: a persona, map, phase, lane, card or link of the document
 * @position: its place among its siblings (in its cell, for a card)
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Writes the row of @item, and a card's metrics and tags, a phase's
 * metrics and a map's dismissed findings, inserting or replacing them. A map's phases, lanes, cards and links are not written.
 */
gboolean
wf_sqlite_writer_put_item (WfSqliteWriter  *writer,
                           WfItem          *item,
                           int              position,
                           GError         **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (WF_IS_ITEM (item) && !WF_IS_DOCUMENT (item), FALSE);

  return put_item (writer, item, position, FALSE, error);
}

static gboolean
put_tree (WfSqliteWriter  *w,
          WfItem          *item,
          int              position,
          gboolean         fresh,
          GError         **error)
{
  WfMap *map;

  if (!put_item (w, item, position, fresh, error))
    return FALSE;

  if (!WF_IS_MAP (item))
    return TRUE;

  map = WF_MAP (item);

  for (guint i = 0; i < wf_map_get_n_phases (map); i++)
    if (!put_item (w, WF_ITEM (wf_map_get_phase (map, i)), i, fresh, error))
      return FALSE;

  for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
    if (!put_item (w, WF_ITEM (wf_map_get_lane (map, i)), i, fresh, error))
      return FALSE;

  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
      {
        GPtrArray *cell = wf_map_get_cell (map, wf_map_get_phase (map, p), wf_map_get_lane (map, l));

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          if (!put_item (w, g_ptr_array_index (cell, i), i, fresh, error))
            return FALSE;
      }

  for (guint i = 0; i < wf_map_get_n_links (map); i++)
    if (!put_item (w, WF_ITEM (wf_map_get_link (map, i)), i, fresh, error))
      return FALSE;

  return TRUE;
}

/**
 * wf_sqlite_writer_put_tree:
 *
 * As wf_sqlite_writer_put_item(), and for a map also everything it holds.
 */
gboolean
wf_sqlite_writer_put_tree (WfSqliteWriter  *writer,
                           WfItem          *item,
                           int              position,
                           GError         **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (WF_IS_ITEM (item) && !WF_IS_DOCUMENT (item), FALSE);

  return put_tree (writer, item, position, FALSE, error);
}

/**
 * wf_sqlite_writer_put_document:
 *
 * Writes the document's own members (title, description, times, extra).
 */
gboolean
wf_sqlite_writer_put_document (WfSqliteWriter  *writer,
                               WfDocument      *document,
                               GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);

  stmt = writer->document;
  sqlite3_bind_int64 (stmt, 1, writer->doc);
  bind_text (stmt, 2, wf_document_get_title (document));
  bind_text (stmt, 3, wf_document_get_description (document));
  bind_text (stmt, 4, wf_document_get_created (document));
  bind_text (stmt, 5, wf_document_get_modified (document));
  bind_extra (stmt, 6, WF_ITEM (document));

  return run (writer, stmt, error);
}

gboolean
wf_sqlite_writer_set_position (WfSqliteWriter  *writer,
                               WfItem          *item,
                               int              position,
                               GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (writer != NULL, FALSE);

  stmt = writer->position[table_of (item)];
  sqlite3_bind_int64 (stmt, 1, writer->doc);
  bind_text (stmt, 2, wf_item_get_id (item));
  sqlite3_bind_int (stmt, 3, position);

  return run (writer, stmt, error);
}

/**
 * wf_sqlite_writer_delete_item:
 *
 * Deletes the row of @item; the rows that depend on it (a map's content,
 * a card's links, metrics and tags) go with it.
 */
gboolean
wf_sqlite_writer_delete_item (WfSqliteWriter  *writer,
                              WfItem          *item,
                              GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (writer != NULL, FALSE);

  stmt = writer->delete[table_of (item)];
  sqlite3_bind_int64 (stmt, 1, writer->doc);
  bind_text (stmt, 2, wf_item_get_id (item));

  return run (writer, stmt, error);
}

static gboolean
write_rows (sqlite3     *db,
            gint64       doc,
            WfDocument  *document,
            GError     **error)
{
  g_autoptr(WfSqliteWriter) w = NULL;

  if (!(w = wf_sqlite_writer_new (db, doc, error)) ||
      !wf_sqlite_writer_put_document (w, document, error))
    return FALSE;

  for (guint i = 0; i < wf_document_get_n_personas (document); i++)
    if (!put_tree (w, WF_ITEM (wf_document_get_persona (document, i)), i, TRUE, error))
      return FALSE;

  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    if (!put_tree (w, WF_ITEM (wf_document_get_map (document, i)), i, TRUE, error))
      return FALSE;

  return TRUE;
}

/**
 * wf_sqlite_write_content:
 * @db: a database with the current schema
 * @doc: a row of the documents table
 * @document: the content to store there
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Replaces everything stored for @doc with @document, atomically.
 */
gboolean
wf_sqlite_write_content (sqlite3     *db,
                         gint64       doc,
                         WfDocument  *document,
                         GError     **error)
{
  g_autofree char *clear = NULL;
  g_autofree char *index = NULL;
  int triggers = 1;
  gboolean written;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);

  if (!wf_sqlite_exec (db, "SAVEPOINT write_content", error))
    return FALSE;

  /* The old rows leave the search index through its triggers; every
   * card of @doc goes with its map.
   */
  clear = g_strdup_printf ("DELETE FROM maps WHERE doc = %" G_GINT64_FORMAT ";"
                           "DELETE FROM personas WHERE doc = %" G_GINT64_FORMAT,
                           doc, doc);
  if (!wf_sqlite_exec (db, clear, error))
    goto fail;

  /* The new cards are indexed in one statement at the end. Through the
   * trigger, FTS5 writes its pending terms out at each statement's
   * savepoint, that is at every card, which made saving 20,000 cards
   * take 600 ms instead of 240 (docs/performance.md). The only triggers
   * of the schema are the search index's; statements prepared while
   * triggers are off have none, and the setting must stay off until
   * they are finalized, as changing it makes SQLite prepare them again.
   */
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &triggers);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  written = write_rows (db, doc, document, error);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, triggers, NULL);
  if (!written)
    goto fail;

  index = g_strdup_printf ("INSERT INTO card_search (rowid, title, notes)"
                           " SELECT key, title, notes FROM cards WHERE doc = %" G_GINT64_FORMAT,
                           doc);
  if (!wf_sqlite_exec (db, index, error))
    goto fail;

  return wf_sqlite_exec (db, "RELEASE write_content", error);

fail:
  sqlite3_exec (db, "ROLLBACK TO write_content; RELEASE write_content", NULL, NULL, NULL);
  return FALSE;
}

/**
 * wf_sqlite_insert_document:
 *
 * Adds @document to @db as a new row of the documents table.
 *
 * Returns: the new row's id, or 0 on error
 */
gint64
wf_sqlite_insert_document (sqlite3     *db,
                           WfDocument  *document,
                           GError     **error)
{
  gint64 doc;

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (WF_IS_DOCUMENT (document), 0);

  if (!wf_sqlite_exec (db, "SAVEPOINT insert_document", error))
    return 0;

  if (!wf_sqlite_exec (db, "INSERT INTO documents DEFAULT VALUES", error))
    goto fail;

  doc = sqlite3_last_insert_rowid (db);

  if (!wf_sqlite_write_content (db, doc, document, error) ||
      !wf_sqlite_exec (db, "RELEASE insert_document", error))
    goto fail;

  return doc;

fail:
  sqlite3_exec (db, "ROLLBACK TO insert_document; RELEASE insert_document", NULL, NULL, NULL);
  return 0;
}
