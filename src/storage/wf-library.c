/* wf-library.c — every document a person works on, in one SQLite database
 *
 * The library lives in $XDG_DATA_HOME/wayfinder/library.sqlite (inside
 * Flatpak, the app's own data folder). It holds each document as rows
 * (see wf-sqlite.c), whether it is linked to a .journey file, whether a
 * window has it open and has edits not saved explicitly — which is what
 * crash recovery looks at — and its revisions: the whole document,
 * gzip-compressed canonical .journey, at every save and every ten minutes
 * of editing.
 *
 * This file opens the library and keeps its documents; their revisions
 * are in wf-library-revisions.c, and what is read of a damaged library
 * in wf-library-recover.c.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wf-journey.h"
#include "wf-library-private.h"
#include "wf-sqlite.h"

G_DEFINE_FINAL_TYPE (WfLibrary, wf_library, G_TYPE_OBJECT)

void
wf_library_entry_free (WfLibraryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->title);
  g_free (entry->changed);
  g_free (entry->path);
  g_free (entry);
}


void
wf_preview_free (WfPreview *preview)
{
  if (preview == NULL)
    return;

  g_free (preview->kinds);
  g_free (preview->counts);
  g_free (preview);
}

void
wf_recovered_document_free (WfRecoveredDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->title);
  g_free (document->revision);
  g_free (document);
}

void
wf_library_recovery_free (WfLibraryRecovery *recovery)
{
  if (recovery == NULL)
    return;

  g_free (recovery->damaged_path);
  g_clear_error (&recovery->reason);
  g_clear_pointer (&recovery->incomplete, g_ptr_array_unref);
  g_free (recovery);
}

char *
wf_library_now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

sqlite3_stmt *
wf_library_prepare (WfLibrary   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      wf_sqlite_set_error (error, self->db, rc);
      return NULL;
    }

  return stmt;
}

/* Runs a statement that returns no rows, and finalizes it. */
gboolean
wf_library_finish (WfLibrary     *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return wf_sqlite_set_error (error, self->db, rc);

  return TRUE;
}

static void
wf_library_finalize (GObject *object)
{
  WfLibrary *self = WF_LIBRARY (object);

  sqlite3_close (self->db);
  g_free (self->path);
  g_clear_pointer (&self->recovery, wf_library_recovery_free);
  g_clear_error (&self->read_only);

  G_OBJECT_CLASS (wf_library_parent_class)->finalize (object);
}

static void
wf_library_class_init (WfLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wf_library_finalize;
}

static void
wf_library_init (WfLibrary *self)
{
}

/**
 * wf_library_get_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/wayfinder/library.sqlite`
 */
char *
wf_library_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "wayfinder", "library.sqlite", NULL);
}

/* Makes a new library at @path under another name first, and moves it
 * there only when it holds the schema: a library Wayfinder made is never
 * an empty file, so an empty one is one that something else emptied.
 */
static gboolean
create_library (const char  *path,
                GError     **error)
{
  g_autofree char *creating = g_strconcat (path, ".creating", NULL);
  g_autofree char *journal = g_strconcat (creating, "-journal", NULL);
  sqlite3 *db;

  /* What an interrupted start left. */
  g_remove (creating);
  g_remove (journal);

  if (!(db = wf_sqlite_open (creating, FALSE, error)))
    {
      g_remove (creating);
      return FALSE;
    }

  /* WAL is a setting of the file: it is kept in its header. */
  if (!wf_sqlite_exec (db, "PRAGMA journal_mode = WAL", error))
    {
      sqlite3_close (db);
      g_remove (creating);
      return FALSE;
    }
  sqlite3_close (db);

  if (g_rename (creating, path) != 0)
    {
      int saved = errno;

      g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_READ_ONLY,
                   _("The library “%s” cannot be created: %s"), path, g_strerror (saved));
      g_remove (creating);
      return FALSE;
    }

  return TRUE;
}

/**
 * wf_library_new:
 * @path: the database file, created with its folder if need be
 * @error: return location for a #WF_SQLITE_ERROR or #G_FILE_ERROR
 *
 * Opens the library, checking its integrity and migrating its schema.
 * Nothing is changed when it cannot be used (a damaged file, one from a
 * newer Wayfinder, a read-only folder). An empty file (0 bytes) counts
 * as damaged: Wayfinder never leaves one (see create_library()).
 *
 * Returns: (transfer full) (nullable): the library
 */
WfLibrary *
wf_library_new (const char  *path,
                GError     **error)
{
  g_autoptr(WfLibrary) self = NULL;
  g_autofree char *dir = NULL;
  GStatBuf buf;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The folder “%s” cannot be created: %s"), dir, g_strerror (saved));
      return NULL;
    }

  if (g_stat (path, &buf) != 0)
    {
      if (errno == ENOENT && !create_library (path, error))
        return NULL;
    }
  else if (S_ISREG (buf.st_mode) && buf.st_size == 0)
    {
      g_set_error (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_CORRUPT,
                   _("The library “%s” is empty (0 bytes)"), path);
      return NULL;
    }

  self = g_object_new (WF_TYPE_LIBRARY, NULL);
  self->path = g_strdup (path);

  if (!(self->db = wf_sqlite_open (path, FALSE, error)))
    return NULL;

  /* Every edit is a transaction of its own: WAL makes that cheap, and
   * synchronous = FULL makes each one durable when its commit returns.
   */
  if (!wf_sqlite_exec (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * wf_library_new_connection:
 * @self: an open library
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Opens the library @self opened once more, for a worker thread that
 * writes a large document while the main thread goes on (each SQLite
 * connection here is used by one thread). It is neither checked nor
 * migrated again: @self did that.
 *
 * Returns: (transfer full) (nullable): the library
 */
WfLibrary *
wf_library_new_connection (WfLibrary  *self,
                           GError    **error)
{
  g_autoptr(WfLibrary) other = NULL;

  g_return_val_if_fail (WF_IS_LIBRARY (self), NULL);

  if (self->read_only != NULL)
    {
      g_propagate_error (error, g_error_copy (self->read_only));
      return NULL;
    }

  other = g_object_new (WF_TYPE_LIBRARY, NULL);
  other->path = g_strdup (self->path);

  if (!(other->db = wf_sqlite_open_again (self->path, error)) ||
      !wf_sqlite_exec (other->db, "PRAGMA synchronous = FULL", error))
    return NULL;

  return g_steal_pointer (&other);
}

/* Whether the library file is damaged, rather than in use, newer or in
 * a place that cannot be written: then only setting it aside helps.
 */
static gboolean
is_damage (const GError *error)
{
  return g_error_matches (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_NOT_DATABASE) ||
         g_error_matches (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_CORRUPT) ||
         g_error_matches (error, WF_SQLITE_ERROR, WF_SQLITE_ERROR_FOREIGN);
}

/* "library.sqlite" → "library.damaged-2026-12-05T18-30-00.sqlite", the
 * local time; "-2", "-3" … if that is taken.
 */
static char *
aside_path (const char *path,
            const char *what)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H-%M-%S");
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  const char *dot = strrchr (base, '.');
  g_autofree char *stem = dot && dot != base ? g_strndup (base, dot - base) : g_strdup (base);
  const char *ext = dot && dot != base ? dot : "";

  for (guint i = 1; ; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup_printf ("%s.%s-%s%s", stem, what, stamp, ext)
                                     : g_strdup_printf ("%s.%s-%s-%u%s", stem, what, stamp, i, ext);
      char *candidate = g_build_filename (dir, name, NULL);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        return candidate;
      g_free (candidate);
    }
}

/* Moves the damaged file and what SQLite keeps beside it (its -wal and
 * -journal, which may hold its last transactions) to @aside, the side
 * files first: a -wal left behind would be read as part of the new
 * library. What holds nothing goes: the -shm index, which SQLite makes
 * afresh from the -wal, and an empty -wal (opening the file to check it
 * makes one).
 */
static gboolean
set_aside (const char  *path,
           const char  *aside,
           GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-journal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);
      GStatBuf buf;

      if (g_stat (from, &buf) != 0)
        continue;

      if (g_str_equal (suffixes[i], "-shm") || (g_str_equal (suffixes[i], "-wal") && buf.st_size == 0))
        {
          g_remove (from);
          continue;
        }

      if (g_rename (from, to) != 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("The damaged library cannot be set aside as “%s”: %s"), to, g_strerror (saved));
          return FALSE;
        }
    }

  if (g_rename (path, aside) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The damaged library cannot be set aside as “%s”: %s"), aside, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

/* A library that cannot be written, to read: the maps in it can still be
 * opened, and saved as files.
 */
static WfLibrary *
open_read_only (const char  *path,
                GError      *reason,
                GError     **error)
{
  g_autoptr(WfLibrary) self = g_object_new (WF_TYPE_LIBRARY, NULL);
  g_autoptr(GError) local = NULL;

  self->path = g_strdup (path);

  /* As it is, with what its -wal holds; without writing the -shm index
   * of WAL mode when the folder is read-only.
   */
  if (!(self->db = wf_sqlite_open (path, TRUE, &local)))
    {
      g_debug ("Library %s: read-only: %s; opening it as immutable", path, local->message);
      g_clear_error (&local);
      self->db = wf_sqlite_open_immutable (path, &local);
    }

  /* The schema must be the current one: an older one would need
   * migrating, which is writing.
   */
  if (self->db == NULL || !wf_sqlite_prepare (self->db, &local))
    {
      g_debug ("Library %s: cannot be read either: %s", path, local->message);
      g_propagate_error (error, g_error_copy (reason));
      return NULL;
    }

  self->read_only = g_error_copy (reason);
  return g_steal_pointer (&self);
}

/**
 * wf_library_open:
 * @path: the database file, created with its folder if need be
 * @error: return location for a #WF_SQLITE_ERROR or #G_FILE_ERROR
 *
 * Opens the library as Wayfinder starts. Unlike wf_library_new(), it
 * makes the best of a library that cannot be used as it is:
 *
 * - a damaged one (not SQLite, failing its integrity check, empty, or
 *   not made by Wayfinder) is kept, untouched, beside a new library under
 *   a name that says so (`library.damaged-2026-12-05T18-30-00.sqlite`,
 *   `library.empty-…` for an empty one), and every document that can
 *   still be read from it is recovered into the new library;
 *   wf_library_get_recovery() tells what was recovered;
 * - one that cannot be written (a read-only file or folder) is opened to
 *   read; wf_library_get_read_only_reason() says why.
 *
 * Returns: (transfer full) (nullable): the library, or %NULL when none
 *   can be used (one from a newer Wayfinder, one in use by another
 *   program, a damaged one in a folder that cannot be written)
 */
WfLibrary *
wf_library_open (const char  *path,
                 GError     **error)
{
  g_autoptr(WfLibrary) self = NULL;
  g_autoptr(GError) reason = NULL;
  g_autofree char *aside = NULL;
  GStatBuf buf;
  gboolean empty;

  g_return_val_if_fail (path != NULL, NULL);

  if ((self = wf_library_new (path, &reason)))
    return g_steal_pointer (&self);

  if (g_error_matches (reason, WF_SQLITE_ERROR, WF_SQLITE_ERROR_READ_ONLY) &&
      g_file_test (path, G_FILE_TEST_EXISTS))
    return open_read_only (path, reason, error);

  if (!is_damage (reason))
    {
      g_propagate_error (error, g_steal_pointer (&reason));
      return NULL;
    }

  empty = g_stat (path, &buf) == 0 && buf.st_size == 0;
  aside = aside_path (path, empty ? "empty" : "damaged");
  g_message ("The library %s cannot be used (%s); it is kept as %s", path, reason->message, aside);

  if (!set_aside (path, aside, error))
    {
      g_prefix_error (error, "%s ", reason->message);
      return NULL;
    }

  if (!(self = wf_library_new (path, error)))
    return NULL;

  if (empty)
    {
      self->recovery = g_new0 (WfLibraryRecovery, 1);
      self->recovery->damaged_path = g_steal_pointer (&aside);
      self->recovery->reason = g_steal_pointer (&reason);
      self->recovery->empty = TRUE;
      self->recovery->incomplete = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_recovered_document_free);
    }
  else
    self->recovery = wf_library_recover (self, aside, g_steal_pointer (&reason));

  return g_steal_pointer (&self);
}

/**
 * wf_library_get_recovery:
 *
 * Returns: (transfer none) (nullable): what wf_library_open() found
 *   damaged and recovered, or %NULL if the library was fine
 */
const WfLibraryRecovery *
wf_library_get_recovery (WfLibrary *self)
{
  g_return_val_if_fail (WF_IS_LIBRARY (self), NULL);

  return self->recovery;
}

/**
 * wf_library_get_read_only_reason:
 *
 * Returns: (transfer none) (nullable): why the library was opened
 *   read-only, or %NULL if it can be written
 */
const GError *
wf_library_get_read_only_reason (WfLibrary *self)
{
  g_return_val_if_fail (WF_IS_LIBRARY (self), NULL);

  return self->read_only;
}

const char *
wf_library_get_path (WfLibrary *self)
{
  g_return_val_if_fail (WF_IS_LIBRARY (self), NULL);

  return self->path;
}

/**
 * wf_library_get_db:
 *
 * Returns: (transfer none): the sqlite3 handle, for WfAutosave
 */
gpointer
wf_library_get_db (WfLibrary *self)
{
  g_return_val_if_fail (WF_IS_LIBRARY (self), NULL);

  return self->db;
}

/**
 * wf_library_add:
 * @self: a library
 * @document: a document
 * @path: (nullable): the .journey file it is linked to
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Returns: the new document's id, or 0 on error
 */
gint64
wf_library_add (WfLibrary   *self,
                WfDocument  *document,
                const char  *path,
                GError     **error)
{
  gint64 id;

  g_return_val_if_fail (WF_IS_LIBRARY (self), 0);
  g_return_val_if_fail (WF_IS_DOCUMENT (document), 0);

  if (!wf_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return 0;

  if ((id = wf_sqlite_insert_document (self->db, document, error)) == 0 ||
      (path != NULL && !wf_library_set_path (self, id, path, error)) ||
      !wf_sqlite_exec (self->db, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return 0;
    }

  return id;
}

/**
 * wf_library_load:
 *
 * Returns: (transfer full) (nullable): the document stored as @id
 */
WfDocument *
wf_library_load (WfLibrary  *self,
                 gint64      id,
                 GError    **error)
{
  return wf_library_load_warned (self, id, NULL, error);
}

/**
 * wf_library_load_warned:
 * @warnings: (out) (optional) (element-type WfProblem): with the
 *   document, what was left out of it: the pictures that could not be
 *   read (`personas[anna].photo`), or an empty array
 *
 * Returns: (transfer full) (nullable): the document stored as @id
 */
WfDocument *
wf_library_load_warned (WfLibrary  *self,
                        gint64      id,
                        GPtrArray **warnings,
                        GError    **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  WfDocument *document;

  g_return_val_if_fail (WF_IS_LIBRARY (self), NULL);

  document = wf_sqlite_read_document (self->db, id, warnings ? &problems : NULL, error);
  if (document != NULL && warnings != NULL)
    *warnings = g_steal_pointer (&problems);

  return document;
}

static const char entry_columns[] =
  "SELECT d.id, d.title, d.changed, d.path, d.unsaved, d.open,"
  " (SELECT count(*) FROM maps m WHERE m.doc = d.id),"
  " (SELECT count(*) FROM cards c WHERE c.doc = d.id)"
  " FROM documents d";

static WfLibraryEntry *
read_entry (sqlite3_stmt *stmt)
{
  WfLibraryEntry *entry = g_new0 (WfLibraryEntry, 1);
  const char *path = (const char *) sqlite3_column_text (stmt, 3);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  entry->changed = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  entry->path = g_strdup (path);
  entry->unsaved = sqlite3_column_int (stmt, 4) != 0;
  entry->open = sqlite3_column_int (stmt, 5) != 0;
  entry->n_maps = sqlite3_column_int (stmt, 6);
  entry->n_cards = sqlite3_column_int (stmt, 7);

  return entry;
}

/**
 * wf_library_get_entry:
 *
 * Returns: (transfer full) (nullable): what the library knows of @id
 */
WfLibraryEntry *
wf_library_get_entry (WfLibrary *self,
                      gint64     id)
{
  g_autofree char *sql = g_strdup_printf ("%s WHERE d.id = ?1", entry_columns);
  sqlite3_stmt *stmt;
  WfLibraryEntry *entry = NULL;

  g_return_val_if_fail (WF_IS_LIBRARY (self), NULL);

  if (!(stmt = wf_library_prepare (self, sql, NULL)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    entry = read_entry (stmt);
  sqlite3_finalize (stmt);

  return entry;
}

/* "50% off" → "%50\%%" for LIKE … ESCAPE '\'. */
static char *
like_pattern (const char *search)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = search; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

/* "wacht kassa" → "\"wacht\"* \"kassa\"*": every word, as a prefix, in
 * FTS5 syntax with nothing of the search taken as an operator.
 */
static char *
match_query (const char *search)
{
  g_auto(GStrv) words = g_strsplit_set (search, " \t\n", -1);
  GString *query = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;

      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  if (query->len == 0)
    g_string_append (query, "\"\"");

  return g_string_free (query, FALSE);
}

/**
 * wf_library_list:
 * @self: a library
 * @search: (nullable): words to look for in titles and card texts
 * @error: return location for a #WF_SQLITE_ERROR
 *
 * Returns: (transfer full) (element-type WfLibraryEntry): the documents
 *   not in the trash, the most recently changed first
 */
GPtrArray *
wf_library_list (WfLibrary   *self,
                 const char  *search,
                 GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_library_entry_free);
  g_autofree char *sql = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WF_IS_LIBRARY (self), NULL);

  if (search != NULL && *search != '\0')
    {
      sql = g_strdup_printf ("%s WHERE d.trashed = 0 AND (d.title LIKE ?1 ESCAPE '\\'"
                             " OR EXISTS (SELECT 1 FROM maps m WHERE m.doc = d.id AND m.title LIKE ?1 ESCAPE '\\')"
                             " OR d.id IN (SELECT c.doc FROM card_search s JOIN cards c ON c.key = s.rowid"
                             "             WHERE card_search MATCH ?2))"
                             " ORDER BY d.changed DESC, d.id DESC", entry_columns);
      pattern = like_pattern (search);
      match = match_query (search);
    }
  else
    sql = g_strdup_printf ("%s WHERE d.trashed = 0 ORDER BY d.changed DESC, d.id DESC", entry_columns);

  if (!(stmt = wf_library_prepare (self, sql, error)))
    return NULL;

  if (pattern != NULL)
    {
      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, match, -1, SQLITE_STATIC);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, read_entry (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      wf_sqlite_set_error (error, self->db, rc);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

static int
index_of_id (GPtrArray  *ids,
             const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return i;

  return -1;
}

/**
 * wf_library_get_preview:
 *
 * Returns: (transfer full) (nullable): the grid of the first map of @id,
 *   or %NULL if it has no map
 */
WfPreview *
wf_library_get_preview (WfLibrary *self,
                        gint64     id)
{
  g_autoptr(GPtrArray) phases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lanes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *map = NULL;
  WfPreview *preview;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WF_IS_LIBRARY (self), NULL);

  if (!(stmt = wf_library_prepare (self, "SELECT id FROM maps WHERE doc = ?1 ORDER BY position, rowid LIMIT 1", NULL)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    map = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (map == NULL)
    return NULL;

  if ((stmt = wf_library_prepare (self, "SELECT id FROM phases WHERE doc = ?1 AND map = ?2"
                                        " ORDER BY position, rowid", NULL)))
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, map, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (phases, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
    }

  if ((stmt = wf_library_prepare (self, "SELECT id, kind FROM lanes WHERE doc = ?1 AND map = ?2"
                                        " ORDER BY position, rowid", NULL)))
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, map, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          WfLaneKind kind = WF_LANE_TOUCHPOINTS;
          guint k;

          g_ptr_array_add (lanes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          wf_lane_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind);
          k = kind;
          g_array_append_val (kinds, k);
        }
      sqlite3_finalize (stmt);
    }

  preview = g_new0 (WfPreview, 1);
  preview->n_phases = phases->len;
  preview->n_lanes = lanes->len;
  preview->kinds = (guint *) g_array_free (g_steal_pointer (&kinds), FALSE);
  preview->counts = g_new0 (guint, MAX (1, phases->len * lanes->len));

  if ((stmt = wf_library_prepare (self, "SELECT phase, lane, count(*) FROM cards WHERE doc = ?1 AND map = ?2"
                                        " GROUP BY phase, lane", NULL)))
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, map, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          int p = index_of_id (phases, (const char *) sqlite3_column_text (stmt, 0));
          int l = index_of_id (lanes, (const char *) sqlite3_column_text (stmt, 1));

          if (p >= 0 && l >= 0)
            preview->counts[l * phases->len + p] = sqlite3_column_int (stmt, 2);
        }
      sqlite3_finalize (stmt);
    }

  return preview;
}

/**
 * wf_library_find_path:
 *
 * Returns: the document linked to the .journey file @path, or 0
 */
gint64
wf_library_find_path (WfLibrary  *self,
                      const char *path)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (WF_IS_LIBRARY (self), 0);

  if (!(stmt = wf_library_prepare (self, "SELECT id FROM documents WHERE path = ?1 AND trashed = 0"
                                         " ORDER BY id DESC LIMIT 1", NULL)))
    return 0;

  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return id;
}

static gboolean
update (WfLibrary   *self,
        const char  *sql,
        gint64       id,
        GError     **error,
        ...)
{
  sqlite3_stmt *stmt;
  const char *text;
  va_list args;

  if (!(stmt = wf_library_prepare (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  va_start (args, error);
  text = va_arg (args, const char *);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  va_end (args);

  return wf_library_finish (self, stmt, error);
}

gboolean
wf_library_set_path (WfLibrary   *self,
                     gint64       id,
                     const char  *path,
                     GError     **error)
{
  g_return_val_if_fail (WF_IS_LIBRARY (self), FALSE);

  return update (self, "UPDATE documents SET path = ?2 WHERE id = ?1", id, error, path, NULL);
}

/**
 * wf_library_set_open:
 *
 * Notes that a window has @id open: on the next start after a crash, the
 * documents still marked open with unsaved edits are brought back.
 */
gboolean
wf_library_set_open (WfLibrary  *self,
                     gint64      id,
                     gboolean    open,
                     GError    **error)
{
  g_return_val_if_fail (WF_IS_LIBRARY (self), FALSE);

  return update (self, open ? "UPDATE documents SET open = 1 WHERE id = ?1"
                            : "UPDATE documents SET open = 0 WHERE id = ?1", id, error, NULL);
}

gboolean
wf_library_set_unsaved (WfLibrary  *self,
                        gint64      id,
                        gboolean    unsaved,
                        GError    **error)
{
  g_return_val_if_fail (WF_IS_LIBRARY (self), FALSE);

  return update (self, unsaved ? "UPDATE documents SET unsaved = 1 WHERE id = ?1"
                               : "UPDATE documents SET unsaved = 0 WHERE id = ?1", id, error, NULL);
}

/**
 * wf_library_list_recovered:
 *
 * Call before this process opens any document: the documents that a
 * window of Wayfinder had open when it ended without closing them, and
 * that have edits not saved explicitly. Their open mark is cleared, so
 * that they are offered once.
 *
 * Returns: (transfer full) (element-type gint64): their ids
 */
GArray *
wf_library_list_recovered (WfLibrary *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WF_IS_LIBRARY (self), ids);

  if ((stmt = wf_library_prepare (self, "SELECT id FROM documents WHERE open = 1 AND unsaved = 1 AND trashed = 0"
                                        " ORDER BY changed", NULL)))
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      sqlite3_finalize (stmt);
    }

  sqlite3_exec (self->db, "UPDATE documents SET open = 0 WHERE open = 1", NULL, NULL, NULL);

  return ids;
}

gboolean
wf_library_rename (WfLibrary   *self,
                   gint64       id,
                   const char  *title,
                   GError     **error)
{
  g_autofree char *now = wf_library_now_string ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WF_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  if (!(stmt = wf_library_prepare (self, "UPDATE documents SET title = ?2, changed = ?3 WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);

  return wf_library_finish (self, stmt, error);
}

/**
 * wf_library_duplicate:
 *
 * Returns: the copy's id, or 0 on error. The copy is not linked to a file.
 */
gint64
wf_library_duplicate (WfLibrary   *self,
                      gint64       id,
                      const char  *title,
                      GError     **error)
{
  g_autoptr(WfDocument) document = NULL;

  g_return_val_if_fail (WF_IS_LIBRARY (self), 0);

  if (!(document = wf_library_load (self, id, error)))
    return 0;

  if (title != NULL)
    wf_document_set_title (document, title);

  return wf_library_add (self, document, NULL, error);
}

/**
 * wf_library_set_trashed:
 *
 * Moves @id to the trash, where it stays until wf_library_empty_trash(),
 * or brings it back.
 */
gboolean
wf_library_set_trashed (WfLibrary  *self,
                        gint64      id,
                        gboolean    trashed,
                        GError    **error)
{
  g_return_val_if_fail (WF_IS_LIBRARY (self), FALSE);

  return update (self, trashed ? "UPDATE documents SET trashed = 1 WHERE id = ?1"
                               : "UPDATE documents SET trashed = 0 WHERE id = ?1", id, error, NULL);
}

gboolean
wf_library_empty_trash (WfLibrary  *self,
                        GError    **error)
{
  g_return_val_if_fail (WF_IS_LIBRARY (self), FALSE);

  /* Pictures that no persona, card or revision shows any more go with
   * them: the ones of the documents deleted, and those replaced or
   * removed since the last time (docs/pictures.md). */
  return wf_sqlite_exec (self->db,
                         "SAVEPOINT empty_trash;"
                         "DELETE FROM documents WHERE trashed = 1;"
                         "DELETE FROM images WHERE hash NOT IN"
                         " (SELECT photo FROM personas WHERE photo IS NOT NULL"
                         "  UNION SELECT image FROM cards WHERE image IS NOT NULL"
                         "  UNION SELECT hash FROM revision_images);"
                         "RELEASE empty_trash", error) ||
         (sqlite3_exec (self->db, "ROLLBACK TO empty_trash; RELEASE empty_trash", NULL, NULL, NULL),
          FALSE);
}
