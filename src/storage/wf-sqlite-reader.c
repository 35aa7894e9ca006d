/* wf-sqlite-reader.c — reading a document's rows, checking what the schema cannot
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-journey.h"
#include "wf-picture.h"
#include "wf-quote.h"
#include "wf-sqlite-private.h"

typedef struct
{
  sqlite3      *db;
  gint64        doc;
  WfDocument   *document;
  WfProblems   *problems;
  GHashTable   *items;      /* id → WfItem, every table */
  const char   *table;
  const char   *row;        /* the id of the row being read */
  WfProblems   *warnings;   /* bad pictures, left out */
  GHashTable   *images;     /* hash → WfImage, checked once; NULL for a bad one */
  sqlite3_stmt *image;      /* reads a row of the images table */
} Reader;

static void problem (Reader     *r,
                     const char *column,
                     const char *format,
                     ...) G_GNUC_PRINTF (3, 4);

/* Where: "cards[card-ad].lane", the table, the row's id and the column. */
static void
problem (Reader     *r,
         const char *column,
         const char *format,
         ...)
{
  g_autofree char *where = NULL;
  va_list args;

  if (wf_problems_keeps_next (r->problems))
    {
      g_autofree char *row = r->row ? wf_quote_excerpt (r->row) : NULL;

      if (row != NULL && column != NULL)
        where = g_strdup_printf ("%s[%s].%s", r->table, row, column);
      else if (row != NULL)
        where = g_strdup_printf ("%s[%s]", r->table, row);
      else
        where = g_strdup (r->table);
    }

  va_start (args, format);
  wf_problems_add_valist (r->problems, WF_JOURNEY_ERROR_INVALID, where, r->table, r->row, column,
                          format, args);
  va_end (args);
}

/* Text of a column as the model needs it: valid UTF-8 without NULs.
 * Returns NULL for SQL NULL, and for bad text after reporting it.
 */
static const char *
text (Reader       *r,
      sqlite3_stmt *stmt,
      int           column)
{
  const char *value;
  int len;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  value = (const char *) sqlite3_column_text (stmt, column);
  len = sqlite3_column_bytes (stmt, column);

  if (value == NULL)
    value = "";

  if ((int) strlen (value) != len || !g_utf8_validate (value, len, NULL))
    {
      problem (r, sqlite3_column_name (stmt, column), _("The text is not valid UTF-8"));
      return NULL;
    }

  return value;
}

static const char *
text_or_empty (Reader       *r,
               sqlite3_stmt *stmt,
               int           column)
{
  const char *value = text (r, stmt, column);

  return value != NULL ? value : "";
}

static const char *
color (Reader       *r,
       sqlite3_stmt *stmt,
       int           column)
{
  const char *value = text (r, stmt, column);

  if (value != NULL && !wf_color_is_valid (value))
    {
      g_autofree char *quoted = wf_quote_excerpt (value);

      problem (r, sqlite3_column_name (stmt, column),
               _("“%s” is not a colour of the form #rrggbb"), quoted);
      return NULL;
    }

  return value;
}

static gboolean
integer (Reader       *r,
         sqlite3_stmt *stmt,
         int           column,
         gint64        min,
         gint64        max,
         gint64       *value)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return FALSE;

  if (sqlite3_column_type (stmt, column) != SQLITE_INTEGER ||
      sqlite3_column_int64 (stmt, column) < min ||
      sqlite3_column_int64 (stmt, column) > max)
    {
      problem (r, sqlite3_column_name (stmt, column),
               _("Expected a whole number from %d to %d"), (int) min, (int) max);
      return FALSE;
    }

  *value = sqlite3_column_int64 (stmt, column);
  return TRUE;
}

/* A size, or 0 when the column is NULL. */
static double
size (Reader       *r,
      sqlite3_stmt *stmt,
      int           column,
      double        min,
      double        max)
{
  double value = sqlite3_column_double (stmt, column);
  int type = sqlite3_column_type (stmt, column);

  if (type == SQLITE_NULL)
    return 0;

  if ((type != SQLITE_FLOAT && type != SQLITE_INTEGER) || !(value >= min && value <= max))
    {
      problem (r, sqlite3_column_name (stmt, column), _("Expected a number from %g to %g"), min, max);
      return 0;
    }

  return value;
}

static void
read_extra (Reader       *r,
            sqlite3_stmt *stmt,
            int           column,
            gpointer      item)
{
  const char *value = text (r, stmt, column);
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return;

  if (!(extra = wf_journey_extra_from_string (value, &error)))
    {
      problem (r, "extra", _("The unknown members are not a JSON object: %s"), error->message);
      return;
    }

  if (json_object_get_size (extra) > 0)
    wf_item_set_extra (item, extra);
}

/* The id of the current row: not empty and not used by another item. */
static const char *
row_id (Reader       *r,
        sqlite3_stmt *stmt,
        int           column)
{
  const char *id;

  r->row = NULL;
  id = text (r, stmt, column);

  if (id == NULL || *id == '\0')
    {
      problem (r, "id", _("The id is empty"));
      return NULL;
    }

  r->row = id;

  if (g_hash_table_contains (r->items, id))
    {
      g_autofree char *quoted = wf_quote_excerpt (id);

      problem (r, "id", _("The id “%s” is used by another item"), quoted);
      return NULL;
    }

  return id;
}

static void
remember (Reader     *r,
          const char *id,
          gpointer    item)
{
  g_hash_table_insert (r->items, g_strdup (id), g_object_ref (item));
}

static gpointer
lookup (Reader     *r,
        const char *id,
        GType       type,
        WfMap      *map)
{
  WfItem *item;

  if (id == NULL || !(item = g_hash_table_lookup (r->items, id)))
    return NULL;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (item, type))
    return NULL;

  if (map != NULL && wf_item_get_parent (item) != WF_ITEM (map))
    return NULL;

  return item;
}

static sqlite3_stmt *
query (Reader     *r,
       const char *sql,
       GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (r->db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    {
      wf_sqlite_set_error (error, r->db, rc);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, r->doc);
  return stmt;
}

static gboolean
step (Reader        *r,
      sqlite3_stmt  *stmt,
      gboolean      *failed,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc != SQLITE_DONE)
    {
      wf_sqlite_set_error (error, r->db, rc);
      *failed = TRUE;
    }

  return FALSE;
}

#define FOR_EACH_ROW(r, stmt, failed, error) \
  while (step (r, stmt, &failed, error))

/* Pictures (docs/pictures.md) */

static void
image_unref0 (gpointer image)
{
  if (image != NULL)
    wf_image_unref (image);
}

/* The picture of @hash in the images table, checked as a file's is and
 * against its hash, once however many rows name it; problems go to the
 * current problems, which read_image() makes the warnings.
 */
static WfImage *
lookup_image (Reader     *r,
              const char *column,
              const char *hash)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfImage) image = NULL;
  g_autofree char *type = NULL;
  WfImage *found;
  int rc;

  if (g_hash_table_lookup_extended (r->images, hash, NULL, (gpointer *) &found))
    {
      if (found == NULL)
        problem (r, column, _("The picture is damaged or cut off"));
      return found;
    }

  if (r->image == NULL &&
      (rc = sqlite3_prepare_v2 (r->db, "SELECT type, bytes FROM images WHERE hash = ?1", -1,
                                &r->image, NULL)) != SQLITE_OK)
    {
      problem (r, column, "%s", sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_bind_text (r->image, 1, hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (r->image);
  if (rc == SQLITE_ROW && sqlite3_column_type (r->image, 0) == SQLITE_TEXT &&
      sqlite3_column_type (r->image, 1) == SQLITE_BLOB)
    {
      type = g_strdup ((const char *) sqlite3_column_text (r->image, 0));
      bytes = g_bytes_new (sqlite3_column_blob (r->image, 1), sqlite3_column_bytes (r->image, 1));
    }
  sqlite3_reset (r->image);

  if (bytes == NULL)
    {
      g_autofree char *quoted = wf_quote_excerpt (hash);

      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        problem (r, column, _("The picture “%s” is not in the images table"), quoted);
      else
        problem (r, column, "%s", sqlite3_errstr (rc));
    }
  else if (!(image = wf_picture_new_image (type, bytes, NULL, 0.5, 0.5, &error)))
    problem (r, column, "%s", error->message);
  else if (strcmp (wf_image_get_hash (image), hash) != 0)
    {
      problem (r, column, _("The picture is damaged or cut off"));
      g_clear_pointer (&image, wf_image_unref);
    }

  g_hash_table_insert (r->images, g_strdup (hash), image ? wf_image_ref (image) : NULL);

  return image;
}

/* The picture in columns @column (its hash), alt text, x and y, or NULL
 * for none; a bad one is left out with a warning at "personas[anna].photo".
 */
static WfImage *
read_image (Reader       *r,
            sqlite3_stmt *stmt,
            int           column)
{
  const char *name = sqlite3_column_name (stmt, column);
  WfProblems *problems = r->problems;
  const char *hash, *alt;
  double focus[2] = { 0.5, 0.5 };
  WfImage *image = NULL;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  r->problems = r->warnings;

  hash = text (r, stmt, column);
  alt = text_or_empty (r, stmt, column + 1);

  for (int i = 0; i < 2; i++)
    {
      int type = sqlite3_column_type (stmt, column + 2 + i);

      if (type == SQLITE_NULL)
        continue;

      focus[i] = sqlite3_column_double (stmt, column + 2 + i);
      if ((type != SQLITE_FLOAT && type != SQLITE_INTEGER) || !(focus[i] >= 0 && focus[i] <= 1))
        {
          problem (r, sqlite3_column_name (stmt, column + 2 + i), _("Expected a number from %g to %g"),
                   0.0, 1.0);
          hash = NULL;
        }
    }

  if (hash != NULL)
    {
      WfImage *found = lookup_image (r, name, hash);

      /* The bytes are shared by every row that shows them. */
      if (found != NULL)
        {
          g_autoptr(WfImage) described = wf_image_with_alt (found, alt);

          image = wf_image_with_focus (described, focus[0], focus[1]);
        }
    }

  r->problems = problems;

  return image;
}

static gboolean
read_personas (Reader  *r,
               GError **error)
{
  sqlite3_stmt *stmt;
  gboolean failed = FALSE;

  r->table = "personas";
  if (!(stmt = query (r, "SELECT id, name, role, color, goals, needs, frustrations, notes, extra,"
                         " photo, photo_alt, photo_x, photo_y"
                         " FROM personas WHERE doc = ?1 ORDER BY position, rowid", error)))
    return FALSE;

  FOR_EACH_ROW (r, stmt, failed, error)
    {
      g_autoptr(WfPersona) persona = NULL;
      g_autoptr(WfImage) photo = NULL;
      const char *id = row_id (r, stmt, 0);
      const char *c;

      persona = wf_persona_new (id ? id : "-", text_or_empty (r, stmt, 1));
      wf_persona_set_role (persona, text_or_empty (r, stmt, 2));
      if ((c = color (r, stmt, 3)) != NULL)
        wf_persona_set_color (persona, c);
      wf_persona_set_goals (persona, text_or_empty (r, stmt, 4));
      wf_persona_set_needs (persona, text_or_empty (r, stmt, 5));
      wf_persona_set_frustrations (persona, text_or_empty (r, stmt, 6));
      wf_persona_set_notes (persona, text_or_empty (r, stmt, 7));
      read_extra (r, stmt, 8, persona);
      if ((photo = read_image (r, stmt, 9)) != NULL)
        wf_persona_set_photo (persona, photo);

      if (id == NULL)
        continue;

      remember (r, id, persona);
      wf_document_insert_persona (r->document, persona, -1);
    }

  sqlite3_finalize (stmt);
  r->row = NULL;
  return !failed;
}

/* Whether a column holds a finite number. */
static gboolean
number (sqlite3_stmt *stmt,
        int           column,
        double       *value)
{
  int type = sqlite3_column_type (stmt, column);

  *value = sqlite3_column_double (stmt, column);

  return (type == SQLITE_FLOAT || type == SQLITE_INTEGER) && isfinite (*value);
}

/* Reads the values of each metric of @metrics from @stmt (metric, date,
 * value, in order), checking them.
 */
static void
read_metric_values (Reader       *r,
                    const char   *id,
                    GPtrArray    *metrics,
                    GArray       *positions,
                    sqlite3_stmt *stmt)
{
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);
      const char *date = text_or_empty (r, stmt, 1);
      WfMetric *metric = NULL;
      double value;

      for (guint i = 0; i < positions->len; i++)
        if (g_array_index (positions, gint64, i) == position)
          metric = g_ptr_array_index (metrics, i);

      /* The foreign key keeps values of a metric that is not there out. */
      if (metric == NULL)
        continue;

      if (*date != '\0' && !wf_date_is_valid (date))
        {
          g_autofree char *quoted = wf_quote_excerpt (date);

          problem (r, "date", _("“%s” is not a date such as 2026-10-31"), quoted);
          continue;
        }

      if (!number (stmt, 2, &value))
        {
          problem (r, "value", _("A metric needs a name and a number"));
          continue;
        }

      for (guint i = 0; i < metric->measurements->len; i++)
        {
          if (strcmp (g_array_index (metric->measurements, WfMeasurement, i).date, date) == 0)
            {
              if (*date != '\0')
                problem (r, "date", _("The metric has another value on %s"), date);
              else
                problem (r, "date", _("The metric has another value without a date"));
              metric = NULL;
              break;
            }
        }

      if (metric != NULL)
        wf_metric_set_measurement (metric, value, date);
    }

  sqlite3_reset (stmt);
}

/* Reads the metrics of the card or phase @id: @stmt gives position, name,
 * persona (NULL for a card's), unit, direction, target and value, and
 * @values_stmt the values (read_metric_values()).
 */
static GVariant *
read_metrics (Reader       *r,
              const char   *id,
              const char   *table,
              const char   *values_table,
              sqlite3_stmt *stmt,
              sqlite3_stmt *values_stmt)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) latest = g_array_new (FALSE, FALSE, sizeof (double));
  const char *saved_table = r->table;
  GVariant *variant;

  r->table = table;
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);
      const char *name = text (r, stmt, 1);
      const char *persona = text (r, stmt, 2);
      const char *str = text_or_empty (r, stmt, 4);
      g_autoptr(WfMetric) metric = NULL;
      double value = NAN;

      if (name == NULL)
        {
          problem (r, "name", _("A metric needs a name and a number"));
          continue;
        }

      /* A .journey file cannot hold two of a name. */
      if (wf_metrics_find (metrics, name, persona) != NULL)
        {
          g_autofree char *quoted = wf_quote_excerpt (name);

          problem (r, "name", _("There is another metric called “%s”"), quoted);
          continue;
        }

      metric = wf_metric_new (name);

      if (persona != NULL)
        {
          if (lookup (r, persona, WF_TYPE_PERSONA, NULL) == NULL)
            {
              g_autofree char *quoted = wf_quote_excerpt (persona);

              problem (r, "persona", _("The metrics refer to persona “%s”, which does not exist"),
                       quoted);
              continue;
            }

          g_free (metric->persona);
          metric->persona = g_strdup (persona);
        }

      g_free (metric->unit);
      metric->unit = g_strdup (text_or_empty (r, stmt, 3));

      if (!wf_direction_from_string (str, &metric->direction))
        {
          g_autofree char *quoted = wf_quote_excerpt (str);

          problem (r, "direction", _("“%s” is not a direction; expected higher or lower"), quoted);
        }

      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          if (number (stmt, 5, &metric->target))
            metric->has_target = TRUE;
          else
            problem (r, "target", _("The target is not a number"));
        }

      /* The latest value is there for SQL; a metric given one without
       * rows of values has it as its undated value.
       */
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL && !number (stmt, 6, &value))
        problem (r, "value", _("A metric needs a name and a number"));

      g_array_append_val (positions, position);
      g_array_append_val (latest, value);
      g_ptr_array_add (metrics, g_steal_pointer (&metric));
    }

  sqlite3_reset (stmt);

  r->table = values_table;
  read_metric_values (r, id, metrics, positions, values_stmt);
  r->table = saved_table;

  for (guint i = 0; i < metrics->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (metrics, i);
      double value = g_array_index (latest, double, i);

      if (metric->measurements->len == 0 && isfinite (value))
        wf_metric_set_measurement (metric, value, NULL);
    }

  if ((variant = wf_metrics_to_variant (metrics)) == NULL)
    return NULL;

  return g_variant_ref_sink (variant);
}

static gboolean
read_phases (Reader  *r,
             WfMap   *map,
             GError **error)
{
  sqlite3_stmt *stmt = NULL, *metrics = NULL, *values = NULL;
  gboolean failed = FALSE;

  r->table = "phases";
  if (!(stmt = query (r, "SELECT id, name, description, color, extra, width"
                         " FROM phases WHERE doc = ?1 AND map = ?2 ORDER BY position, rowid", error)) ||
      !(metrics = query (r, "SELECT position, name, persona, unit, direction, target, value"
                            " FROM phase_metrics WHERE doc = ?1 AND phase = ?2"
                            " ORDER BY position, rowid", error)) ||
      !(values = query (r, "SELECT metric, date, value FROM phase_metric_values"
                           " WHERE doc = ?1 AND phase = ?2 ORDER BY metric, position, rowid", error)))
    {
      sqlite3_finalize (stmt);
      sqlite3_finalize (metrics);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 2, wf_item_get_id (WF_ITEM (map)), -1, SQLITE_STATIC);

  FOR_EACH_ROW (r, stmt, failed, error)
    {
      g_autoptr(WfPhase) phase = NULL;
      const char *id = row_id (r, stmt, 0);

      phase = wf_phase_new (id ? id : "-", text_or_empty (r, stmt, 1));
      wf_phase_set_description (phase, text_or_empty (r, stmt, 2));
      wf_phase_set_color (phase, color (r, stmt, 3));
      read_extra (r, stmt, 4, phase);
      wf_phase_set_width (phase, size (r, stmt, 5, WF_PHASE_MIN_WIDTH, WF_PHASE_MAX_WIDTH));

      if (id == NULL)
        continue;

      {
        g_autoptr(GVariant) m = read_metrics (r, id, "phase_metrics", "phase_metric_values",
                                              metrics, values);

        if (m != NULL)
          wf_phase_set_metrics (phase, m);
      }

      remember (r, id, phase);
      wf_map_insert_phase (map, phase, -1);
    }

  sqlite3_finalize (stmt);
  sqlite3_finalize (metrics);
  sqlite3_finalize (values);
  r->row = NULL;
  return !failed;
}

static gboolean
read_lanes (Reader  *r,
            WfMap   *map,
            GError **error)
{
  sqlite3_stmt *stmt;
  gboolean failed = FALSE;

  r->table = "lanes";
  if (!(stmt = query (r, "SELECT id, kind, title, persona, collapsed, extra, height"
                         " FROM lanes WHERE doc = ?1 AND map = ?2 ORDER BY position, rowid", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 2, wf_item_get_id (WF_ITEM (map)), -1, SQLITE_STATIC);

  FOR_EACH_ROW (r, stmt, failed, error)
    {
      g_autoptr(WfLane) lane = NULL;
      const char *id = row_id (r, stmt, 0);
      const char *kind_name = text (r, stmt, 1);
      const char *persona_id = text (r, stmt, 3);
      WfPersona *persona = NULL;
      WfLaneKind kind = WF_LANE_TOUCHPOINTS;
      gint64 collapsed = 0;
      gboolean ok = TRUE;

      if (kind_name == NULL || !wf_lane_kind_from_string (kind_name, &kind))
        {
          g_autofree char *quoted = wf_quote_excerpt (kind_name);

          problem (r, "kind", _("“%s” is not a kind of lane"), quoted);
          ok = FALSE;
        }

      if (persona_id != NULL && !(persona = lookup (r, persona_id, WF_TYPE_PERSONA, NULL)))
        {
          g_autofree char *quoted = wf_quote_excerpt (persona_id);

          problem (r, "persona", _("The lane refers to persona “%s”, which does not exist"),
                   quoted);
          ok = FALSE;
        }

      lane = wf_lane_new (id ? id : "-", kind);
      wf_lane_set_title (lane, text_or_empty (r, stmt, 2));
      wf_lane_set_persona (lane, persona);
      if (integer (r, stmt, 4, 0, 1, &collapsed))
        wf_lane_set_collapsed (lane, collapsed != 0);
      read_extra (r, stmt, 5, lane);
      wf_lane_set_height (lane, size (r, stmt, 6, WF_LANE_MIN_HEIGHT, WF_LANE_MAX_HEIGHT));

      if (id == NULL || !ok)
        continue;

      remember (r, id, lane);
      wf_map_insert_lane (map, lane, -1);
    }

  sqlite3_finalize (stmt);
  r->row = NULL;
  return !failed;
}

static GPtrArray *
read_tags (Reader       *r,
           const char   *card,
           sqlite3_stmt *stmt)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);
  const char *table = r->table;

  r->table = "card_tags";
  sqlite3_bind_text (stmt, 2, card, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *tag = text (r, stmt, 0);

      if (tag != NULL)
        g_ptr_array_add (tags, g_strdup (tag));
    }

  sqlite3_reset (stmt);
  r->table = table;

  g_ptr_array_add (tags, NULL);
  return tags;
}

static gboolean
read_cards (Reader  *r,
            WfMap   *map,
            GError **error)
{
  sqlite3_stmt *stmt, *metrics = NULL, *values = NULL, *tags = NULL;
  gboolean failed = FALSE;

  r->table = "cards";
  if (!(stmt = query (r, "SELECT id, phase, lane, title, notes, channel, contact, emotion,"
                         " color, votes, extra,"
                         " EXISTS (SELECT 1 FROM card_metrics m WHERE m.doc = cards.doc AND m.card = cards.id),"
                         " EXISTS (SELECT 1 FROM card_tags t WHERE t.doc = cards.doc AND t.card = cards.id),"
                         " image, image_alt, image_x, image_y"
                         " FROM cards WHERE doc = ?1 AND map = ?2 ORDER BY position, key", error)) ||
      !(metrics = query (r, "SELECT position, name, NULL, unit, direction, target, value"
                            " FROM card_metrics WHERE doc = ?1 AND card = ?2"
                            " ORDER BY position, rowid", error)) ||
      !(values = query (r, "SELECT metric, date, value FROM card_metric_values"
                           " WHERE doc = ?1 AND card = ?2 ORDER BY metric, position, rowid", error)) ||
      !(tags = query (r, "SELECT tag FROM card_tags WHERE doc = ?1 AND card = ?2"
                         " ORDER BY position, rowid", error)))
    {
      sqlite3_finalize (stmt);
      sqlite3_finalize (metrics);
      sqlite3_finalize (values);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 2, wf_item_get_id (WF_ITEM (map)), -1, SQLITE_STATIC);

  FOR_EACH_ROW (r, stmt, failed, error)
    {
      g_autoptr(WfCard) card = NULL;
      g_autoptr(WfImage) image = NULL;
      const char *id = row_id (r, stmt, 0);
      const char *phase_id = text (r, stmt, 1);
      const char *lane_id = text (r, stmt, 2);
      WfPhase *phase;
      WfLane *lane;
      const char *str;
      gint64 number;

      if (!(phase = lookup (r, phase_id, WF_TYPE_PHASE, map)))
        {
          g_autofree char *quoted = wf_quote_excerpt (phase_id);

          problem (r, "phase", _("The card refers to phase “%s”, which does not exist in this map"),
                   quoted);
        }

      if (!(lane = lookup (r, lane_id, WF_TYPE_LANE, map)))
        {
          g_autofree char *quoted = wf_quote_excerpt (lane_id);

          problem (r, "lane", _("The card refers to lane “%s”, which does not exist in this map"),
                   quoted);
        }

      card = wf_card_new (id ? id : "-", text_or_empty (r, stmt, 3));

      if ((str = text (r, stmt, 4)) != NULL && *str != '\0')
        wf_card_set_notes (card, str);

      if ((str = text (r, stmt, 5)) != NULL)
        {
          WfChannel channel;

          if (wf_channel_from_string (str, &channel))
            wf_card_set_channel (card, channel);
          else
            {
              g_autofree char *quoted = wf_quote_excerpt (str);

              problem (r, "channel", _("“%s” is not a channel"), quoted);
            }
        }

      if ((str = text (r, stmt, 6)) != NULL)
        {
          WfContact contact;

          if (wf_contact_from_string (str, &contact))
            wf_card_set_contact (card, contact);
          else
            {
              g_autofree char *quoted = wf_quote_excerpt (str);

              problem (r, "contact", _("“%s” is not a kind of contact; expected direct or indirect"),
                       quoted);
            }
        }

      if (integer (r, stmt, 7, WF_EMOTION_MIN, WF_EMOTION_MAX, &number))
        wf_card_set_emotion (card, number);

      if ((str = color (r, stmt, 8)) != NULL)
        wf_card_set_color (card, str);

      if (integer (r, stmt, 9, 0, G_MAXINT32, &number))
        wf_card_set_votes (card, number);

      read_extra (r, stmt, 10, card);

      if (id != NULL && sqlite3_column_int (stmt, 11))
        {
          g_autoptr(GVariant) m = read_metrics (r, id, "card_metrics", "card_metric_values",
                                                metrics, values);

          if (m != NULL)
            wf_card_set_metrics (card, m);
        }

      if (id != NULL && sqlite3_column_int (stmt, 12))
        {
          g_autoptr(GPtrArray) t = read_tags (r, id, tags);

          wf_card_set_tags (card, (const char * const *) t->pdata);
        }

      if ((image = read_image (r, stmt, 13)) != NULL)
        wf_card_set_image (card, image);

      if (id == NULL || phase == NULL || lane == NULL)
        continue;

      remember (r, id, card);
      wf_map_insert_card (map, card, phase, lane, -1);
    }

  sqlite3_finalize (stmt);
  sqlite3_finalize (metrics);
  sqlite3_finalize (values);
  sqlite3_finalize (tags);
  r->row = NULL;
  return !failed;
}

static gboolean
read_links (Reader  *r,
            WfMap   *map,
            GError **error)
{
  sqlite3_stmt *stmt;
  gboolean failed = FALSE;

  r->table = "links";
  if (!(stmt = query (r, "SELECT id, from_card, to_card, label, extra"
                         " FROM links WHERE doc = ?1 AND map = ?2 ORDER BY position, rowid", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 2, wf_item_get_id (WF_ITEM (map)), -1, SQLITE_STATIC);

  FOR_EACH_ROW (r, stmt, failed, error)
    {
      g_autoptr(WfLink) link = NULL;
      const char *id = row_id (r, stmt, 0);
      const char *from_id = text (r, stmt, 1);
      const char *to_id = text (r, stmt, 2);
      WfCard *from, *to;

      if (!(from = lookup (r, from_id, WF_TYPE_CARD, map)))
        {
          g_autofree char *quoted = wf_quote_excerpt (from_id);

          problem (r, "from_card", _("The link refers to card “%s”, which does not exist in this map"),
                   quoted);
        }

      if (!(to = lookup (r, to_id, WF_TYPE_CARD, map)))
        {
          g_autofree char *quoted = wf_quote_excerpt (to_id);

          problem (r, "to_card", _("The link refers to card “%s”, which does not exist in this map"),
                   quoted);
        }

      if (id == NULL || from == NULL || to == NULL)
        continue;

      link = wf_link_new (id, from, to);
      wf_link_set_label (link, text_or_empty (r, stmt, 3));
      read_extra (r, stmt, 4, link);

      remember (r, id, link);
      wf_map_insert_link (map, link, -1);
    }

  sqlite3_finalize (stmt);
  r->row = NULL;
  return !failed;
}

static gboolean
read_dismissed (Reader  *r,
                WfMap   *map,
                GError **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean failed = FALSE;

  r->table = "map_dismissed";
  if (!(stmt = query (r, "SELECT key FROM map_dismissed WHERE doc = ?1 AND map = ?2"
                         " ORDER BY position, rowid", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 2, wf_item_get_id (WF_ITEM (map)), -1, SQLITE_STATIC);

  FOR_EACH_ROW (r, stmt, failed, error)
    {
      const char *key = text (r, stmt, 0);

      if (key != NULL)
        g_ptr_array_add (keys, g_strdup (key));
    }

  sqlite3_finalize (stmt);

  if (keys->len > 0)
    {
      g_ptr_array_add (keys, NULL);
      wf_map_set_dismissed (map, (const char * const *) keys->pdata);
    }

  return !failed;
}

static gboolean
read_maps (Reader  *r,
           GError **error)
{
  sqlite3_stmt *stmt;
  gboolean failed = FALSE;

  if (!(stmt = query (r, "SELECT id, title, scenario, extra, heat"
                         " FROM maps WHERE doc = ?1 ORDER BY position, rowid", error)))
    return FALSE;

  while (!failed)
    {
      g_autoptr(WfMap) map = NULL;
      g_autofree char *id = NULL;
      const char *row;

      r->table = "maps";
      if (!step (r, stmt, &failed, error))
        break;

      if ((row = row_id (r, stmt, 0)) == NULL)
        continue;

      id = g_strdup (row);
      map = wf_map_new (id, text_or_empty (r, stmt, 1));
      wf_map_set_scenario (map, text_or_empty (r, stmt, 2));
      read_extra (r, stmt, 3, map);
      wf_map_set_heat (map, text_or_empty (r, stmt, 4));
      remember (r, id, map);

      if (!read_dismissed (r, map, error) ||
          !read_phases (r, map, error) ||
          !read_lanes (r, map, error) ||
          !read_cards (r, map, error) ||
          !read_links (r, map, error))
        failed = TRUE;
      else
        wf_document_insert_map (r->document, map, -1);
    }

  sqlite3_finalize (stmt);
  return !failed;
}

/**
 * wf_sqlite_read_document:
 * @db: a database with the current schema
 * @doc: a row of the documents table
 * @problems: (out) (optional) (element-type WfProblem): the problems of
 *   the content, each with where it is (`cards[card-ad].lane`), the first
 *   %WF_PROBLEMS_MAX_KEPT of them; when the document is returned, the
 *   warnings: the bad pictures left out of it (`personas[anna].photo`)
 * @error: return location for a #WF_SQLITE_ERROR, or a
 *   #WF_JOURNEY_ERROR_INVALID for wrong content
 *
 * Reads one document, checking what the schema cannot: unique ids across
 * tables, references, enumerations, ranges and text encoding.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL
 */
WfDocument *
wf_sqlite_read_document (sqlite3     *db,
                         gint64       doc,
                         GPtrArray  **problems,
                         GError     **error)
{
  g_autoptr(WfProblems) found = wf_problems_new (WF_PROBLEMS_MAX_KEPT);
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(WfProblems) warnings = wf_problems_new (WF_PROBLEMS_MAX_KEPT);
  g_autoptr(GHashTable) images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         image_unref0);
  g_autoptr(WfDocument) document = wf_document_new ();
  sqlite3_stmt *stmt = NULL;
  Reader r = { db, doc, document, found, items, "documents", NULL, warnings, images, NULL };
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  if (!wf_sqlite_exec (db, "SAVEPOINT read_document", error))
    return NULL;

  if (!(stmt = query (&r, "SELECT title, description, created, modified, extra"
                          " FROM documents WHERE id = ?1", error)))
    goto fail;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NO_DOCUMENT,
                   _("The database holds no document %d"), (int) doc);
      goto fail;
    }
  else if (rc != SQLITE_ROW)
    {
      wf_sqlite_set_error (error, db, rc);
      goto fail;
    }

  wf_document_set_title (document, text_or_empty (&r, stmt, 0));
  wf_document_set_description (document, text_or_empty (&r, stmt, 1));
  wf_document_set_created (document, text (&r, stmt, 2));
  wf_document_set_modified (document, text (&r, stmt, 3));
  read_extra (&r, stmt, 4, document);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!read_personas (&r, error) || !read_maps (&r, error))
    goto fail;

  g_clear_pointer (&r.image, sqlite3_finalize);
  sqlite3_exec (db, "RELEASE read_document", NULL, NULL, NULL);

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

  if (problems != NULL)
    *problems = wf_problems_steal (found);

  return g_steal_pointer (&document);

fail:
  sqlite3_finalize (stmt);
  sqlite3_finalize (r.image);
  sqlite3_exec (db, "ROLLBACK TO read_document; RELEASE read_document", NULL, NULL, NULL);
  return NULL;
}

/**
 * wf_sqlite_count_documents:
 * @db: a database with the current schema
 * @first: (out) (optional): the id of the first document
 *
 * Returns: how many documents (not in the trash) @db holds
 */
guint
wf_sqlite_count_documents (sqlite3 *db,
                           gint64  *first)
{
  gint64 n = 0, id = 0;

  wf_sqlite_query_int (db, "SELECT count(*) FROM documents WHERE trashed = 0", &n, NULL);
  wf_sqlite_query_int (db, "SELECT min(id) FROM documents WHERE trashed = 0", &id, NULL);

  if (first != NULL)
    *first = id;

  return n;
}
