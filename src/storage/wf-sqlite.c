/* wf-sqlite.c — journey documents in SQLite: the library's schema and .sqlite files
 *
 * One schema serves the library (many documents, autosaved edit by edit)
 * and standalone .sqlite files (one document, for SQL tools). Each item
 * is a row keyed by (doc, id); order is kept in a position column; the
 * members this version does not know are kept as JSON in an extra
 * column, so .journey → .sqlite → .journey gives the same bytes.
 * docs/sqlite.md documents the schema for people who query it.
 *
 * This file loads and saves standalone .sqlite files; the schema and
 * opening a database are in wf-sqlite-schema.c, writing rows in
 * wf-sqlite-writer.c and reading them in wf-sqlite-reader.c.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wf-atomic-file.h"
#include "wf-sqlite-private.h"

/* Standalone .sqlite files */

/* Reads the one document of a database that is open in memory, after
 * bringing it to the current schema there; the file itself is not
 * changed.
 */
static WfDocument *
load_memory (sqlite3     *db,
             GPtrArray  **problems,
             GError     **error)
{
  gint64 doc = 0;
  guint n;

  sqlite3_extended_result_codes (db, 1);
  wf_sqlite_harden (db, FALSE);

  if (!wf_sqlite_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !wf_sqlite_check_integrity (db, error) ||
      !wf_sqlite_prepare (db, error))
    return NULL;

  n = wf_sqlite_count_documents (db, &doc);
  if (n != 1)
    {
      g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NO_DOCUMENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The database holds %u document; a .sqlite file holds exactly one",
                                "The database holds %u documents; a .sqlite file holds exactly one",
                                n),
                   n);
      return NULL;
    }

  return wf_sqlite_read_document (db, doc, problems, error);
}

static sqlite3 *
open_memory (GError **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      wf_sqlite_set_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

/**
 * wf_sqlite_load_bytes:
 * @bytes: the content of a .sqlite file
 * @problems: (out) (optional) (element-type WfProblem): see
 *   wf_sqlite_read_document()
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the one document of @bytes
 */
WfDocument *
wf_sqlite_load_bytes (GBytes     *bytes,
                      GPtrArray **problems,
                      GError    **error)
{
  sqlite3 *db;
  WfDocument *document;
  unsigned char *copy;
  gsize len;
  const void *data;
  int rc;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  data = g_bytes_get_data (bytes, &len);
  if (len < 100 || memcmp (data, "SQLite format 3", 16) != 0)
    {
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NOT_DATABASE,
                           _("The file is not an SQLite database"));
      return NULL;
    }

  if (!(db = open_memory (error)))
    return NULL;

  copy = sqlite3_malloc64 (len);
  if (copy == NULL)
    {
      sqlite3_close (db);
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_FAILED,
                           _("Not enough memory to open the database"));
      return NULL;
    }
  memcpy (copy, data, len);

  /* A file written in WAL mode reads as rollback mode from memory. */
  if (copy[18] == 2 && copy[19] == 2)
    copy[18] = copy[19] = 1;

  rc = sqlite3_deserialize (db, "main", copy, len, len,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK)
    {
      wf_sqlite_set_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  document = load_memory (db, problems, error);
  sqlite3_close (db);

  return document;
}

/**
 * wf_sqlite_load_file:
 *
 * Reads the one document of a .sqlite file. The file is copied into
 * memory first, so it is never changed, not even by a migration, and a
 * file another program holds open is read as it was last committed.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL
 */
WfDocument *
wf_sqlite_load_file (GFile         *file,
                     GPtrArray    **problems,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = NULL;
  sqlite3 *source = NULL, *db = NULL;
  sqlite3_backup *backup;
  WfDocument *document = NULL;
  char header[16] = { 0 };
  FILE *f;
  int rc;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (problems != NULL)
    *problems = NULL;

  if (!(path = g_file_get_path (file)))
    {
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, cancellable, NULL, error);

      return bytes ? wf_sqlite_load_bytes (bytes, problems, error) : NULL;
    }

  /* Say plainly what is wrong with a file that is missing or not SQLite,
   * rather than what SQLite makes of it.
   */
  if (!(f = g_fopen (path, "rb")))
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      return NULL;
    }
  if (fread (header, 1, sizeof header, f) != sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      fclose (f);
      g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NOT_DATABASE,
                           _("The file is not an SQLite database"));
      return NULL;
    }
  fclose (f);

  rc = sqlite3_open_v2 (path, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      wf_sqlite_set_error (error, source, rc);
      goto out;
    }
  sqlite3_extended_result_codes (source, 1);
  wf_sqlite_harden (source, FALSE);

  if (!(db = open_memory (error)))
    goto out;

  backup = sqlite3_backup_init (db, "main", source, "main");
  if (backup == NULL)
    {
      wf_sqlite_set_error (error, db, sqlite3_errcode (db));
      goto out;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      wf_sqlite_set_error (error, source, rc);
      goto out;
    }

  document = load_memory (db, problems, error);

out:
  sqlite3_close (source);
  sqlite3_close (db);
  return document;
}

/**
 * wf_sqlite_to_bytes:
 *
 * Returns: (transfer full): a .sqlite file holding @document
 */
GBytes *
wf_sqlite_to_bytes (WfDocument  *document,
                    GError     **error)
{
  sqlite3 *db;
  unsigned char *data;
  sqlite3_int64 size = 0;
  GBytes *bytes = NULL;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);

  if (!(db = open_memory (error)))
    return NULL;

  if (wf_sqlite_exec (db, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = OFF", error) &&
      wf_sqlite_prepare (db, error) &&
      wf_sqlite_exec (db, "BEGIN", error) &&
      wf_sqlite_insert_document (db, document, error) != 0 &&
      wf_sqlite_exec (db, "COMMIT", error) &&
      wf_sqlite_exec (db, "VACUUM", error))
    {
      data = sqlite3_serialize (db, "main", &size, 0);
      if (data != NULL)
        bytes = g_bytes_new_with_free_func (data, size, sqlite3_free, data);
      else
        g_set_error_literal (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_FAILED,
                             _("Not enough memory to write the database"));
    }

  sqlite3_close (db);
  return bytes;
}

/**
 * wf_sqlite_save_file:
 *
 * Writes @document as a .sqlite file, atomically: the file is either the
 * old one or the complete new one (wf_atomic_write(), which also removes
 * what a killed save of @file left). An error names @file.
 */
gboolean
wf_sqlite_save_file (WfDocument    *document,
                     GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(bytes = wf_sqlite_to_bytes (document, error)))
    return FALSE;

  /* As wf_journey_save_file() says it. */
  if (!wf_atomic_write (file, bytes, WF_ATOMIC_DURABLE, cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not save “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}
