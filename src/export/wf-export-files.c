/* wf-export-files.c — the files an export makes: their folder, their names,
 * and writing them whole or not at all
 *
 * PDF and CSV make one file, the one a person chose; PNG, SVG and
 * Mermaid a file per map, numbered after it ("journey-2.png"). CSV makes
 * a second one next to it when the maps have measurements,
 * "journey-measurements.csv". Every file
 * is made before any is written, and a set of files is written as one
 * (WfAtomicSet): a failure half-way changes no file.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "storage/wf-atomic-file.h"
#include "storage/wf-file-name.h"
#include "wf-export.h"

/**
 * wf_export_default_folder:
 *
 * Returns: (transfer full): where files go when a journey has no folder
 *   of its own: Documents, or else the home folder
 */
GFile *
wf_export_default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);

  return g_file_new_for_path (g_get_home_dir ());
}

/**
 * wf_export_get_file:
 * @file: the file the person chose
 * @index: which of wf_export_get_n_files()
 *
 * With a single file, @file itself; with a file per map, @file's name
 * with the map's number before the extension: "journey-2.png". The
 * second file of a CSV export, the measurements, is named after @file
 * too: "journey-measurements.csv".
 *
 * Returns: (transfer full): the @index'th file to write
 */
GFile *
wf_export_get_file (WfExport *self,
                    GFile    *file,
                    guint     index)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (wf_export_get_n_files (self) <= 1 || (index == 0 && wf_export_get_format (self) == WF_EXPORT_FORMAT_CSV))
    return g_object_ref (file);

  if (wf_export_get_format (self) == WF_EXPORT_FORMAT_CSV)
    return wf_export_measurements_file (file);

  return wf_export_number_file (file, index);
}

/**
 * wf_export_number_file:
 * @file: the file a person chose
 * @index: which map, from 0
 *
 * Returns: (transfer full): @file's name with the map's number before the
 *   extension: "journey-2.png", in @file's folder; the name is the
 *   person's, only shortened where the number would make it longer than
 *   a file system allows (wf_file_name_fit())
 */
GFile *
wf_export_number_file (GFile *file,
                       guint  index)
{
  g_autofree char *name = NULL;
  g_autofree char *numbered = NULL;
  g_autoptr(GFile) parent = NULL;
  char *dot;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u.%s", index + 1, dot + 1);

      *dot = '\0';
      numbered = wf_file_name_fit (name, suffix);
    }
  else
    {
      g_autofree char *suffix = g_strdup_printf ("-%u", index + 1);

      numbered = wf_file_name_fit (name, suffix);
    }

  parent = g_file_get_parent (file);
  return parent ? g_file_get_child (parent, numbered) : g_file_new_for_path (numbered);
}

/**
 * wf_export_measurements_file:
 * @file: the CSV file a person chose
 *
 * Returns: (transfer full): the file of the measurements beside it:
 *   "journey-measurements.csv" for "journey.csv"
 */
GFile *
wf_export_measurements_file (GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *named = NULL;
  g_autoptr(GFile) parent = NULL;
  char *dot;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name)
    {
      g_autofree char *suffix = g_strdup_printf ("-measurements.%s", dot + 1);

      *dot = '\0';
      named = wf_file_name_fit (name, suffix);
    }
  else
    named = wf_file_name_fit (name, "-measurements");

  parent = g_file_get_parent (file);
  return parent ? g_file_get_child (parent, named) : g_file_new_for_path (named);
}

static void
set_write_error (GError **error,
                 GFile   *file,
                 GError  *reason)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, reason->domain, reason->code,
               _("Could not write “%s”: %s"), name, reason->message);
}

static gboolean
write_bytes (GFile         *file,
             GBytes        *bytes,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!wf_atomic_write (file, bytes, WF_ATOMIC_CONSISTENT, cancellable, &local_error))
    {
      set_write_error (error, file, local_error);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  WfExportProgress progress;
  gpointer         user_data;
  guint            done;
  guint            n;
} Progress;

static void
file_progress (double   fraction,
               gpointer user_data)
{
  Progress *p = user_data;

  if (p->progress != NULL)
    p->progress (CLAMP ((p->done + fraction) / p->n, 0, 1), p->user_data);
}

/**
 * wf_export_write:
 * @file: where to write; with a file per map, the name they are numbered
 *   after (see wf_export_get_file())
 * @progress: (nullable): called, in this thread, with how much is done
 *
 * Makes every file of the export and only then writes them, each into
 * a temporary file that is renamed over its name. On failure no file is
 * left half-written, and none is made.
 *
 * Returns: whether every file was written
 */
gboolean
wf_export_write (WfExport          *self,
                 GFile             *file,
                 WfExportProgress   progress,
                 gpointer           user_data,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_object_unref);
  Progress p = { progress, user_data, 0, wf_export_get_n_files (self) };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!wf_export_check (self, error))
    return FALSE;

  for (p.done = 0; p.done < p.n; p.done++)
    {
      GBytes *bytes = wf_export_render_file (self, p.done, file_progress, &p, cancellable, error);

      if (bytes == NULL)
        return FALSE;
      g_ptr_array_add (contents, bytes);
    }

  /* Closed or stopped before the files were written: none is. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* A file per map: each into a temporary file beside it first, then all
   * renamed, so that a failure half-way changes no file at all: those
   * renamed before it are put back (wf_atomic_set_commit()).
   */
  if (contents->len > 1 && g_file_peek_path (file) != NULL)
    {
      g_autoptr(WfAtomicSet) set = wf_atomic_set_new ();
      g_autoptr(GError) local_error = NULL;
      guint i;

      for (i = 0; i < contents->len; i++)
        {
          g_autoptr(GFile) target = wf_export_get_file (self, file, i);

          if (!wf_atomic_set_add (set, target, contents->pdata[i], WF_ATOMIC_CONSISTENT, &local_error))
            break;
        }

      if (local_error == NULL)
        wf_atomic_set_commit (set, &i, &local_error);

      /* Freeing the set removes the temporary files not renamed. */
      if (local_error != NULL)
        {
          g_autoptr(GFile) target = wf_export_get_file (self, file, i);

          set_write_error (error, target, local_error);
          return FALSE;
        }

      return TRUE;
    }

  for (guint i = 0; i < contents->len; i++)
    {
      g_autoptr(GFile) target = wf_export_get_file (self, file, i);
      gboolean existed = g_file_query_exists (target, NULL);

      if (!write_bytes (target, contents->pdata[i], cancellable, error))
        {
          /* All or nothing: what this export made goes again. */
          for (guint j = 0; j < written->len; j++)
            g_file_delete (written->pdata[j], NULL, NULL);
          return FALSE;
        }
      if (!existed)
        g_ptr_array_add (written, g_object_ref (target));
    }

  return TRUE;
}
