/* wf-atomic-file.c — writing a file whole or not at all
 *
 * Every file Wayfinder writes (a .journey or .sqlite save, an export) is
 * written into a temporary file beside it, then renamed over its name: a
 * crash, a kill or a full disk leaves the old file as it was.
 *
 * The temporary file is hidden and named after the file, so that the next
 * write of that file knows its leftovers: ".map.journey.wayfinder-Ab12Cd"
 * beside "map.journey". A save holds a lock (flock) on its temporary file
 * until it is renamed or removed; a killed save's lock goes with it. The
 * next write removes the temporary files of its own name that nobody
 * holds and that are older than %WF_ATOMIC_STALE_SECONDS (so that a save
 * between making its file and locking it is never disturbed), and nothing
 * else.
 *
 * A set of files (an export of a file per map) is written as one
 * (WfAtomicSet): every temporary file first, then each old file is kept
 * under a temporary name, then all are renamed; when one rename fails,
 * the files renamed before it are put back as they were.
 *
 * Errors say why, as strerror() does ("Permission denied"), never naming
 * the temporary file: the caller names the file the person chose.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "wf-atomic-file.h"
#include "wf-file-name.h"

/* The part of a temporary file's name after the file's own name. */
#define TEMP_MARK ".wayfinder-"
#define TEMP_RANDOM "XXXXXX"

/* What a file system allows in one name. */
#define NAME_MAX_BYTES 255

struct _WfAtomicFile
{
  char    *path;       /* the file the person chose */
  char    *temp_path;  /* where it is written first */
  int      fd;         /* temp_path, locked; -1 once closed */
  gboolean committed;
};

static gboolean
set_errno_error (GError **error,
                 int      saved_errno)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

/* The name's start, cut between two characters so that the temporary
 * file's name stays within what a file system allows.
 */
static char *
temp_prefix_for_name (const char *name)
{
  gsize length = wf_file_name_cut (name, NAME_MAX_BYTES - 1 - strlen (TEMP_MARK) - strlen (TEMP_RANDOM));

  return g_strdup_printf (".%.*s" TEMP_MARK, (int) length, name);
}

/**
 * wf_atomic_temp_prefix:
 * @file: a file with a path
 *
 * Returns: (transfer full) (nullable): the start of the names of
 *   @file's temporary files, without the folder: ".map.journey.wayfinder-";
 *   six letters and digits follow it
 */
char *
wf_atomic_temp_prefix (GFile *file)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (g_file_peek_path (file) == NULL)
    return NULL;

  name = g_file_get_basename (file);
  return temp_prefix_for_name (name);
}

static gboolean
is_temp_name (const char *name,
              const char *prefix)
{
  gsize prefix_length = strlen (prefix);

  if (strncmp (name, prefix, prefix_length) != 0 || strlen (name) != prefix_length + strlen (TEMP_RANDOM))
    return FALSE;

  for (const char *p = name + prefix_length; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;

  return TRUE;
}

/* Removes @path if it is a leftover: a file of ours that no save holds,
 * older than WF_ATOMIC_STALE_SECONDS.
 */
static gboolean
remove_if_stale (const char *path)
{
  struct stat held, named;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
  gboolean removed = FALSE;

  if (fd < 0)
    return FALSE;

  if (fstat (fd, &held) == 0 &&
      S_ISREG (held.st_mode) &&
      held.st_uid == geteuid () &&
      held.st_mtime < time (NULL) - WF_ATOMIC_STALE_SECONDS &&
      /* A save holds it: not ours to take. Where locks do not work
       * (ENOLCK, EOPNOTSUPP), the age alone decides.
       */
      (flock (fd, LOCK_EX | LOCK_NB) == 0 || (errno != EWOULDBLOCK && errno != EINTR)) &&
      /* Still the same file under that name (not renamed meanwhile). */
      lstat (path, &named) == 0 &&
      named.st_dev == held.st_dev && named.st_ino == held.st_ino)
    {
      removed = g_unlink (path) == 0;
      if (removed)
        g_debug ("Removed the leftover temporary file %s", path);
    }

  close (fd);
  return removed;
}

/* remove_stale:
 * @file: a file
 *
 * Removes the temporary files that writes of @file left behind, killed
 * or crashed half-way: only those named after @file, that no running
 * write holds, and older than %WF_ATOMIC_STALE_SECONDS. wf_atomic_file_new()
 * calls it.
 *
 * Returns: how many were removed
 */
static guint
remove_stale (GFile *file)
{
  g_autofree char *prefix = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (G_IS_FILE (file), 0);

  if ((prefix = wf_atomic_temp_prefix (file)) == NULL)
    return 0;

  folder = g_path_get_dirname (g_file_peek_path (file));
  if ((dir = g_dir_open (folder, 0, NULL)) == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_temp_name (name, prefix))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        removed += remove_if_stale (path);
      }

  return removed;
}

/**
 * wf_atomic_file_new:
 * @file: the file to write; it must have a path
 *
 * Starts writing @file: removes its leftover temporary files
 * (remove_stale()) and makes a new one beside it, locked. Write
 * into it with wf_atomic_file_write(), then put it in place with
 * wf_atomic_file_commit(); wf_atomic_file_free() without a commit removes
 * it and leaves @file as it was.
 *
 * Returns: (transfer full) (nullable): the write, or %NULL with @error
 *   saying why (in %G_IO_ERROR, without a file name)
 */
WfAtomicFile *
wf_atomic_file_new (GFile   *file,
                    GError **error)
{
  g_autoptr(WfAtomicFile) self = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *template = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (g_file_peek_path (file) != NULL, NULL);

  remove_stale (file);

  self = g_new0 (WfAtomicFile, 1);
  self->fd = -1;
  self->path = g_strdup (g_file_peek_path (file));

  prefix = wf_atomic_temp_prefix (file);
  folder = g_path_get_dirname (self->path);
  template = g_strconcat (folder, G_DIR_SEPARATOR_S, prefix, TEMP_RANDOM, NULL);

  self->fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      set_errno_error (error, errno);
      return NULL;
    }
  self->temp_path = g_steal_pointer (&template);

  /* Held until the file is renamed or removed, and by nobody once this
   * process is gone. Where locks do not work, the age protects it.
   */
  if (flock (self->fd, LOCK_EX | LOCK_NB) != 0)
    g_debug ("No lock on %s: %s", self->temp_path, g_strerror (errno));

  return g_steal_pointer (&self);
}

/**
 * wf_atomic_file_write:
 * @flags: how safe against a crash
 *
 * Writes all of @data into the temporary file, and flushes it to disk as
 * @flags ask.
 *
 * Returns: whether all was written, or %FALSE with @error saying why
 */
gboolean
wf_atomic_file_write (WfAtomicFile   *self,
                      const void     *data,
                      gsize           length,
                      WfAtomicFlags   flags,
                      GError        **error)
{
  const char *p = data;
  struct stat old;
  gboolean replaces_content;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  while (length > 0)
    {
      gssize written = write (self->fd, p, MIN (length, G_MAXSSIZE));

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return set_errno_error (error, errno);
        }
      p += written;
      length -= written;
    }

  /* As g_file_set_contents_full() does: when an old content could be
   * lost, it is not replaced before the new one is on disk.
   */
  replaces_content = g_stat (self->path, &old) == 0 && old.st_size > 0;
  if ((flags & WF_ATOMIC_DURABLE) || replaces_content)
    {
      int result;

      do
        result = fsync (self->fd);
      while (result != 0 && errno == EINTR);

      if (result != 0)
        return set_errno_error (error, errno);
    }

  return TRUE;
}

/**
 * wf_atomic_file_commit:
 *
 * Renames the temporary file over the file: from now on the file has
 * the new content.
 *
 * Returns: whether it was renamed, or %FALSE with @error saying why (the
 *   file is then as it was)
 */
gboolean
wf_atomic_file_commit (WfAtomicFile  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  if (g_rename (self->temp_path, self->path) != 0)
    return set_errno_error (error, errno);

  self->committed = TRUE;
  close (self->fd);
  self->fd = -1;

  return TRUE;
}

/**
 * wf_atomic_file_free:
 *
 * Ends the write: without a commit, the temporary file is removed.
 */
void
wf_atomic_file_free (WfAtomicFile *self)
{
  if (self == NULL)
    return;

  if (!self->committed && self->temp_path != NULL)
    g_unlink (self->temp_path);
  if (self->fd >= 0)
    close (self->fd);

  g_free (self->path);
  g_free (self->temp_path);
  g_free (self);
}

/**
 * wf_atomic_write:
 * @file: the file to write
 * @bytes: all of its new content
 * @flags: how safe against a crash
 *
 * Writes @file whole or not at all: wf_atomic_file_new(), write, commit.
 * A file without a path (another GVfs location) goes through
 * g_file_replace_contents(), which is atomic its own way.
 *
 * Returns: whether @file now has @bytes, or %FALSE with @error saying why,
 *   in %G_IO_ERROR, without naming any file: the caller names @file
 */
gboolean
wf_atomic_write (GFile          *file,
                 GBytes         *bytes,
                 WfAtomicFlags   flags,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(WfAtomicFile) write = NULL;
  gsize length;
  const void *data;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &length);

  if (g_file_peek_path (file) == NULL)
    return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                    cancellable, error);

  if (!(write = wf_atomic_file_new (file, error)) ||
      !wf_atomic_file_write (write, data, length, flags, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !wf_atomic_file_commit (write, error))
    return FALSE;

  return TRUE;
}

/* Sets of files */

typedef struct
{
  WfAtomicFile *write;
  char         *backup_path;  /* (nullable): the old file, kept beside it while the set goes in place */
  int           backup_fd;    /* the backup, locked; -1 */
  gboolean      renamed;
} SetEntry;

struct _WfAtomicSet
{
  GArray   *entries;   /* SetEntry, in the order they were added */
  gboolean  done;
};

static void
set_entry_drop_backup (SetEntry *entry)
{
  if (entry->backup_fd >= 0)
    close (entry->backup_fd);
  entry->backup_fd = -1;
  if (entry->backup_path != NULL)
    g_unlink (entry->backup_path);
  g_clear_pointer (&entry->backup_path, g_free);
}

static void
set_entry_clear (SetEntry *entry)
{
  set_entry_drop_backup (entry);
  g_clear_pointer (&entry->write, wf_atomic_file_free);
}

/* Copies all of @from into @to, and @from's permissions: a backup where
 * the file system has no hard links.
 */
static gboolean
copy_fd (int      from,
         int      to,
         GError **error)
{
  char buffer[64 * 1024];
  struct stat st;

  for (;;)
    {
      gssize n = read (from, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno);
      if (n == 0)
        break;

      for (gssize done = 0; done < n;)
        {
          gssize written = write (to, buffer + done, n - done);

          if (written < 0 && errno == EINTR)
            continue;
          if (written < 0)
            return set_errno_error (error, errno);
          done += written;
        }
    }

  if (fstat (from, &st) == 0)
    (void) fchmod (to, st.st_mode & 07777);

  return TRUE;
}

/* keep_old:
 *
 * Keeps the file that @entry replaces under a temporary name beside it,
 * so that it can be put back: a hard link to it (the very file, its
 * permissions and all), or where the file system has none, a copy. The
 * name is a temporary file's, so a killed write's backup is a leftover
 * like any other (remove_stale()); it is locked, so that no other write
 * takes it for one meanwhile. Only a file or a symbolic link is kept:
 * anything else in the way (a folder) makes the rename fail, which says
 * why.
 */
static gboolean
keep_old (SetEntry  *entry,
          GError   **error)
{
  const char *path = entry->write->path;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *prefix = temp_prefix_for_name (name);
  g_autofree char *template = NULL;
  struct stat old;
  int link_errno = EEXIST;
  int from;

  if (g_lstat (path, &old) != 0 || !(S_ISREG (old.st_mode) || S_ISLNK (old.st_mode)))
    return TRUE;

  for (guint attempt = 0; attempt < 100 && link_errno == EEXIST; attempt++)
    {
      static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      g_autofree char *candidate = g_strconcat (folder, G_DIR_SEPARATOR_S, prefix, TEMP_RANDOM, NULL);
      char *random = candidate + strlen (candidate) - strlen (TEMP_RANDOM);

      for (char *p = random; *p != '\0'; p++)
        *p = letters[g_random_int_range (0, sizeof letters - 1)];

      if (linkat (AT_FDCWD, path, AT_FDCWD, candidate, 0) == 0)
        {
          entry->backup_path = g_steal_pointer (&candidate);
          if (S_ISREG (old.st_mode))
            {
              entry->backup_fd = g_open (entry->backup_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
              if (entry->backup_fd >= 0 && flock (entry->backup_fd, LOCK_EX | LOCK_NB) != 0)
                g_debug ("No lock on %s: %s", entry->backup_path, g_strerror (errno));
            }
          return TRUE;
        }
      link_errno = errno;
    }

  if (!S_ISREG (old.st_mode))
    return set_errno_error (error, link_errno);

  /* No hard links here: a copy. */
  g_debug ("No hard link to %s (%s): copying it", path, g_strerror (link_errno));
  template = g_strconcat (folder, G_DIR_SEPARATOR_S, prefix, TEMP_RANDOM, NULL);
  entry->backup_fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  if (entry->backup_fd < 0)
    return set_errno_error (error, errno);
  entry->backup_path = g_steal_pointer (&template);
  if (flock (entry->backup_fd, LOCK_EX | LOCK_NB) != 0)
    g_debug ("No lock on %s: %s", entry->backup_path, g_strerror (errno));

  from = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (from < 0)
    {
      set_errno_error (error, errno);
      set_entry_drop_backup (entry);
      return FALSE;
    }
  if (!copy_fd (from, entry->backup_fd, error))
    {
      close (from);
      set_entry_drop_backup (entry);
      return FALSE;
    }
  close (from);

  return TRUE;
}

/* Puts back what the files renamed so far replaced, last first: the
 * kept old file, or nothing where there was none.
 */
static void
roll_back (WfAtomicSet *self)
{
  for (guint i = self->entries->len; i > 0; i--)
    {
      SetEntry *entry = &g_array_index (self->entries, SetEntry, i - 1);
      const char *path = entry->write->path;

      if (!entry->renamed)
        continue;

      if (entry->backup_path != NULL)
        {
          /* Where it cannot go back, it stays where it is kept. */
          if (g_rename (entry->backup_path, path) != 0)
            g_warning ("Could not put back the old %s, kept as %s: %s", path, entry->backup_path,
                       g_strerror (errno));
          g_clear_pointer (&entry->backup_path, g_free);
        }
      else if (g_unlink (path) != 0 && errno != ENOENT)
        {
          g_warning ("Could not remove the new %s: %s", path, g_strerror (errno));
        }
      entry->renamed = FALSE;
    }
}

/**
 * wf_atomic_set_new:
 *
 * Starts writing several files whole or not at all, as one: an export
 * of a file per map. Add each with wf_atomic_set_add(), then put them
 * all in place with wf_atomic_set_commit(); wf_atomic_set_free() without
 * a commit changes no file.
 *
 * Returns: (transfer full): a new set
 */
WfAtomicSet *
wf_atomic_set_new (void)
{
  WfAtomicSet *self = g_new0 (WfAtomicSet, 1);

  self->entries = g_array_new (FALSE, TRUE, sizeof (SetEntry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) set_entry_clear);

  return self;
}

/**
 * wf_atomic_set_add:
 * @file: a file to write; it must have a path
 * @bytes: all of its new content
 * @flags: how safe against a crash
 *
 * Writes @bytes into a temporary file beside @file (wf_atomic_file_new(),
 * wf_atomic_file_write()); @file itself is not changed yet.
 *
 * Returns: whether it was written, or %FALSE with @error saying why, in
 *   %G_IO_ERROR, without naming any file
 */
gboolean
wf_atomic_set_add (WfAtomicSet    *self,
                   GFile          *file,
                   GBytes         *bytes,
                   WfAtomicFlags   flags,
                   GError        **error)
{
  SetEntry entry = { .backup_fd = -1 };
  const void *data;
  gsize length;

  g_return_val_if_fail (self != NULL && !self->done, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &length);
  if (!(entry.write = wf_atomic_file_new (file, error)))
    return FALSE;
  if (!wf_atomic_file_write (entry.write, data, length, flags, error))
    {
      wf_atomic_file_free (entry.write);
      return FALSE;
    }

  g_array_append_val (self->entries, entry);
  return TRUE;
}

/**
 * wf_atomic_set_commit:
 * @failed: (out) (optional): on failure, which file failed, in the order
 *   they were added
 *
 * Puts every file of the set in place: first each old file is kept
 * (a hard link beside it), then each temporary file is renamed over its
 * file. When one fails, the files already renamed get their old file
 * back, or go where there was none: no file of the set is changed.
 *
 * Returns: whether every file now has its new content, or %FALSE with
 *   @error saying why, in %G_IO_ERROR, without naming any file
 */
gboolean
wf_atomic_set_commit (WfAtomicSet  *self,
                      guint        *failed,
                      GError      **error)
{
  guint i;

  g_return_val_if_fail (self != NULL && !self->done, FALSE);

  self->done = TRUE;

  for (i = 0; i < self->entries->len; i++)
    if (!keep_old (&g_array_index (self->entries, SetEntry, i), error))
      goto fail;

  for (i = 0; i < self->entries->len; i++)
    {
      SetEntry *entry = &g_array_index (self->entries, SetEntry, i);

      if (!wf_atomic_file_commit (entry->write, error))
        goto fail;
      entry->renamed = TRUE;
    }

  /* All in place: the old files go. */
  for (i = 0; i < self->entries->len; i++)
    set_entry_drop_backup (&g_array_index (self->entries, SetEntry, i));

  return TRUE;

fail:
  if (failed != NULL)
    *failed = i;
  roll_back (self);
  for (guint j = 0; j < self->entries->len; j++)
    set_entry_drop_backup (&g_array_index (self->entries, SetEntry, j));

  return FALSE;
}

/**
 * wf_atomic_set_free:
 *
 * Ends the set: the temporary files not renamed are removed.
 */
void
wf_atomic_set_free (WfAtomicSet *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->entries);
  g_free (self);
}
