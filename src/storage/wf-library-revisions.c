/* wf-library-revisions.c — the revisions of the library's documents
 *
 * A revision is the whole document as it was, gzip-compressed canonical
 * .journey, made at every save, at every restore and every ten minutes
 * of editing. The automatic ones thin out with age. Its pictures are
 * named by hash, their bytes in the images table once, and listed in
 * revision_images so that they stay while it does (docs/pictures.md).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wf-journey.h"
#include "wf-journey-private.h"
#include "wf-library-private.h"

/* Revisions */

void
wf_revision_free (WfRevision *revision)
{
  if (revision == NULL)
    return;

  g_free (revision->time);
  g_free (revision->kind);
  g_free (revision);
}

static GBytes *
convert (GBytes      *input,
         GConverter  *converter,
         GError     **error)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) stream = g_converter_output_stream_new (memory, converter);
  gsize written;

  if (!g_output_stream_write_all (stream, g_bytes_get_data (input, NULL), g_bytes_get_size (input),
                                  &written, NULL, error) ||
      !g_output_stream_close (stream, NULL, error))
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/**
 * wf_library_add_revision:
 * @self: a library
 * @id: a document
 * @document: its present content
 * @kind: "save", "auto" or "restore"
 * @changes: the edits since the revision before
 * @error: return location for an error
 *
 * Returns: the revision's id, or 0 on error
 */
/* Adds @image to the images table unless it is there, and to the
 * pictures of @revision. */
static gboolean
add_revision_image (WfLibrary  *self,
                    gint64      revision,
                    WfImage    *image,
                    GError    **error)
{
  GBytes *bytes = wf_image_get_bytes (image);
  sqlite3_stmt *stmt;

  if (!(stmt = wf_library_prepare (self, "INSERT INTO images (hash, type, bytes, width, height)"
                                         " SELECT ?1, ?2, ?3, ?4, ?5"
                                         " WHERE NOT EXISTS (SELECT 1 FROM images WHERE hash = ?1)", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, wf_image_get_hash (image), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, wf_image_get_mime_type (image), -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 3, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, wf_image_get_width (image));
  sqlite3_bind_int64 (stmt, 5, wf_image_get_height (image));
  if (!wf_library_finish (self, stmt, error))
    return FALSE;

  if (!(stmt = wf_library_prepare (self, "INSERT OR IGNORE INTO revision_images (revision, hash)"
                                         " VALUES (?1, ?2)", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, revision);
  sqlite3_bind_text (stmt, 2, wf_image_get_hash (image), -1, SQLITE_STATIC);

  return wf_library_finish (self, stmt, error);
}

static gboolean
add_revision_images (WfLibrary   *self,
                     gint64       revision,
                     WfDocument  *document,
                     GError     **error)
{
  for (guint i = 0; i < wf_document_get_n_personas (document); i++)
    {
      WfImage *photo = wf_persona_get_photo (wf_document_get_persona (document, i));

      if (photo != NULL && !add_revision_image (self, revision, photo, error))
        return FALSE;
    }

  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    {
      g_autoptr(GPtrArray) cards = wf_map_list_cards (wf_document_get_map (document, i));

      for (guint j = 0; j < cards->len; j++)
        {
          WfImage *image = wf_card_get_image (g_ptr_array_index (cards, j));

          if (image != NULL && !add_revision_image (self, revision, image, error))
            return FALSE;
        }
    }

  return TRUE;
}

gint64
wf_library_add_revision (WfLibrary   *self,
                         gint64       id,
                         WfDocument  *document,
                         const char  *kind,
                         guint        changes,
                         GError     **error)
{
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 3);
  g_autofree char *now = wf_library_now_string ();
  sqlite3_stmt *stmt;
  guint n_cards = 0;
  gint64 revision;

  g_return_val_if_fail (WF_IS_LIBRARY (self), 0);
  g_return_val_if_fail (WF_IS_DOCUMENT (document), 0);

  n_cards = wf_document_count_cards (document);

  json = wf_journey_to_bytes_by_hash (document);
  if (!(compressed = convert (json, G_CONVERTER (compressor), error)))
    return 0;

  if (!wf_sqlite_exec (self->db, "SAVEPOINT add_revision", error))
    return 0;

  if (!(stmt = wf_library_prepare (self, "INSERT INTO revisions (doc, time, kind, changes, cards, content)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)))
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, changes);
  sqlite3_bind_int64 (stmt, 5, n_cards);
  sqlite3_bind_blob64 (stmt, 6, g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed),
                       SQLITE_STATIC);

  if (!wf_library_finish (self, stmt, error))
    goto fail;

  revision = sqlite3_last_insert_rowid (self->db);
  if (!add_revision_images (self, revision, document, error) ||
      !wf_sqlite_exec (self->db, "RELEASE add_revision", error))
    goto fail;

  return revision;

fail:
  sqlite3_exec (self->db, "ROLLBACK TO add_revision; RELEASE add_revision", NULL, NULL, NULL);
  return 0;
}

/**
 * wf_library_list_revisions:
 *
 * Returns: (transfer full) (element-type WfRevision): the revisions of
 *   @id, the newest first
 */
GPtrArray *
wf_library_list_revisions (WfLibrary  *self,
                           gint64      id,
                           GError    **error)
{
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_revision_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WF_IS_LIBRARY (self), NULL);

  if (!(stmt = wf_library_prepare (self, "SELECT id, time, kind, changes, cards FROM revisions"
                                         " WHERE doc = ?1 ORDER BY time DESC, id DESC", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WfRevision *revision = g_new0 (WfRevision, 1);

      revision->id = sqlite3_column_int64 (stmt, 0);
      revision->time = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      revision->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      revision->changes = sqlite3_column_int (stmt, 3);
      revision->n_cards = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (revisions, revision);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      wf_sqlite_set_error (error, self->db, rc);
      return NULL;
    }

  return g_steal_pointer (&revisions);
}

/* The bytes of the picture @hash, for a revision. */
static GBytes *
revision_image (const char *hash,
                gpointer    user_data)
{
  WfLibrary *self = user_data;
  sqlite3_stmt *stmt;
  GBytes *bytes = NULL;

  if (!(stmt = wf_library_prepare (self, "SELECT bytes FROM images WHERE hash = ?1", NULL)))
    return NULL;

  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);

  return bytes;
}

/**
 * wf_library_load_revision:
 *
 * Returns: (transfer full) (nullable): the document as it was at @revision
 */
WfDocument *
wf_library_load_revision (WfLibrary  *self,
                          gint64      revision,
                          GError    **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GBytes) json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WF_IS_LIBRARY (self), NULL);

  if (!(stmt = wf_library_prepare (self, "SELECT content FROM revisions WHERE id = ?1", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, revision);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    compressed = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NO_DOCUMENT,
                     _("The library holds no revision %d"), (int) revision);
      else
        wf_sqlite_set_error (error, self->db, rc);
      return NULL;
    }

  if (!(json = convert (compressed, G_CONVERTER (decompressor), error)))
    return NULL;

  return wf_journey_load_bytes_by_hash (json, revision_image, self, NULL, error);
}

/* Which span an automatic revision of that age shares with others: the
 * newest one of each span is kept.
 */
static char *
thinning_span (GDateTime *time,
               GTimeSpan  age)
{
  gint64 seconds = g_date_time_to_unix (time);

  if (age < 2 * G_TIME_SPAN_HOUR)
    return NULL;    /* keep every one */
  if (age < 2 * G_TIME_SPAN_DAY)
    return g_strdup_printf ("h%" G_GINT64_FORMAT, seconds / 3600);
  if (age < 30 * G_TIME_SPAN_DAY)
    return g_strdup_printf ("d%" G_GINT64_FORMAT, seconds / 86400);
  return g_strdup_printf ("w%" G_GINT64_FORMAT, seconds / (7 * 86400));
}

/**
 * wf_library_thin_revisions:
 * @self: a library
 * @id: a document
 * @now: the present time
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Deletes automatic revisions so that the library stays small: all of
 * the last two hours are kept, then one an hour for two days, one a day
 * for thirty days and one a week before that. Revisions made by saving
 * or restoring are always kept.
 *
 * Returns: how many revisions were deleted
 */
guint
wf_library_thin_revisions (WfLibrary  *self,
                           gint64      id,
                           GDateTime  *now,
                           GError    **error)
{
  g_autoptr(GHashTable) spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) doomed = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WF_IS_LIBRARY (self), 0);

  if (!(stmt = wf_library_prepare (self, "SELECT id, time FROM revisions WHERE doc = ?1 AND kind = 'auto'"
                                         " ORDER BY time DESC, id DESC", error)))
    return 0;

  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 revision = sqlite3_column_int64 (stmt, 0);
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 1), NULL);
      g_autofree char *span = NULL;

      if (time == NULL)
        continue;

      span = thinning_span (time, g_date_time_difference (now, time));
      if (span == NULL)
        continue;

      if (g_hash_table_contains (spans, span))
        g_array_append_val (doomed, revision);
      else
        g_hash_table_add (spans, g_steal_pointer (&span));
    }
  sqlite3_finalize (stmt);

  if (doomed->len == 0)
    return 0;

  if (!(stmt = wf_library_prepare (self, "DELETE FROM revisions WHERE id = ?1", error)))
    return 0;

  /* One transaction, one fsync, for all of them. */
  if (!wf_sqlite_exec (self->db, "SAVEPOINT thin", error))
    {
      sqlite3_finalize (stmt);
      return 0;
    }

  for (guint i = 0; i < doomed->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (doomed, gint64, i));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          wf_sqlite_set_error (error, self->db, sqlite3_errcode (self->db));
          sqlite3_finalize (stmt);
          sqlite3_exec (self->db, "ROLLBACK TO thin; RELEASE thin", NULL, NULL, NULL);
          return 0;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  if (!wf_sqlite_exec (self->db, "RELEASE thin", error))
    return 0;

  return doomed->len;
}
