/* wf-picture-import.c — a picture from outside made fit to keep
 *
 * What a person drops, pastes or chooses may be any picture: a camera's
 * JPEG turned on its side, a PNG with transparency, a GIF or a BMP (or a
 * WebP, when gdk-pixbuf has its loader). The import reads its size from
 * its header and refuses one too large before a single pixel is decoded
 * (a 60,000 × 60,000 PNG is a few hundred bytes), checks PNG and JPEG
 * with wf_picture_check() as a file's are, decodes it with gdk-pixbuf
 * (which needs no display, so the CLI and unit tests can import too),
 * shrinks it to WF_PICTURE_IMPORT_SIDE on its long side while decoding,
 * turns it as its EXIF orientation says, and encodes it again: a picture
 * with transparency as PNG, a photo as JPEG. Encoding again also leaves
 * behind what a camera wrote beside the pixels (where the photo was
 * taken), which would otherwise travel with every shared map.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "wf-picture.h"
#include "wf-picture-import.h"

/* The formats an import reads: pictures, not icons, cursors or programs
 * (SVG). Others are not readable, even when gdk-pixbuf has a loader.
 */
static const char * const formats[] = {
  "png", "jpeg", "gif", "bmp", "webp", "tiff", "avif", "heif", "jxl", NULL
};

/* A lossless picture without transparency stays PNG up to this size;
 * above, it is a photo saved as PNG and becomes a JPEG.
 */
#define LOSSLESS_MAX_BYTES (1024 * 1024)
#define JPEG_QUALITY "88"
#define CHUNK 4096

typedef struct
{
  guint       width, height;   /* from the header; 0 until it is read */
  gboolean    readable;        /* a format in formats[] */
  gboolean    refused;
  gboolean    is_jpeg;
} Probe;

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  Probe *probe = user_data;
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);
  g_autofree char *format_name = format ? gdk_pixbuf_format_get_name (format) : NULL;
  double scale;

  probe->width = MAX (width, 0);
  probe->height = MAX (height, 0);
  probe->readable = format_name != NULL && g_strv_contains (formats, format_name);
  probe->is_jpeg = g_strcmp0 (format_name, "jpeg") == 0;

  if (!probe->readable || width <= 0 || height <= 0 ||
      width > WF_PICTURE_MAX_SIDE || height > WF_PICTURE_MAX_SIDE ||
      (guint64) width * height > WF_PICTURE_MAX_PIXELS)
    {
      /* As gdk_pixbuf_get_file_info() does: the loader stops here,
       * before it allocates anything for the pixels. */
      probe->refused = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  scale = (double) WF_PICTURE_IMPORT_SIDE / MAX (width, height);
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) (width * scale + 0.5)),
                                MAX (1, (int) (height * scale + 0.5)));
}

static gboolean
is_opaque (GdkPixbuf *pixbuf)
{
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return TRUE;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixels[y * stride + x * channels + 3] != 255)
        return FALSE;

  return TRUE;
}

static GBytes *
encode (GdkPixbuf   *pixbuf,
        const char  *type,
        GError     **error)
{
  g_autoptr(GdkPixbuf) opaque = NULL;
  gchar *buffer = NULL;
  gsize size = 0;
  gboolean ok;

  if (strcmp (type, WF_IMAGE_JPEG) == 0)
    {
      /* JPEG has no alpha: an opaque picture loses the channel. */
      if (gdk_pixbuf_get_has_alpha (pixbuf))
        {
          opaque = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8,
                                   gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
          gdk_pixbuf_fill (opaque, 0xffffffff);
          gdk_pixbuf_composite (pixbuf, opaque, 0, 0,
                                gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                                0, 0, 1, 1, GDK_INTERP_NEAREST, 255);
          pixbuf = opaque;
        }
      ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error,
                                      "quality", JPEG_QUALITY, NULL);
    }
  else
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", error, NULL);

  if (!ok)
    return NULL;

  return g_bytes_new_take (buffer, size);
}

static void
set_not_readable (GError    **error,
                  const char *name)
{
  g_set_error (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_NOT_IMAGE,
               _("“%s” is not a picture Wayfinder can read"), name);
}

/**
 * wf_picture_import:
 * @bytes: a picture from outside, in any format
 * @name: what the person knows it by (a file's display name), for errors
 * @error: return location for a #WF_PICTURE_ERROR
 *
 * Makes a picture from outside fit to keep: refused when its header says
 * it is too large, before anything is decoded; at most
 * %WF_PICTURE_IMPORT_SIDE pixels on its long side, upright, as JPEG or
 * (with transparency) PNG, without alt text and with its focal point in
 * the centre. It may take a while for a large picture: call it from a
 * thread, or wf_picture_import_async().
 *
 * Returns: (transfer full): the picture, or %NULL with @error set
 */
WfImage *
wf_picture_import (GBytes      *bytes,
                   const char  *name,
                   GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(GError) local_error = NULL;
  const guint8 *data;
  const char *type = NULL;
  GdkPixbuf *pixbuf;
  Probe probe = { 0 };
  gboolean opaque;
  gsize len, offset;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  if (len > WF_PICTURE_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (len);

      g_set_error (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_TOO_LARGE,
                   _("“%s” is too large: %s"), name, size);
      return NULL;
    }

  /* PNG and JPEG are checked as a file's are: the whole structure, by
   * its headers, so that a damaged one says so. */
  if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    type = WF_IMAGE_PNG;
  else if (len >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    type = WF_IMAGE_JPEG;

  if (type != NULL && !wf_picture_check (type, data, len, NULL, NULL, &local_error) &&
      !g_error_matches (local_error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_TOO_LARGE))
    {
      g_set_error (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_DAMAGED,
                   _("“%s” is damaged: %s"), name, local_error->message);
      return NULL;
    }
  g_clear_error (&local_error);

  /* The loader reads the header first and asks for the size, which
   * on_size_prepared() refuses or shrinks. Fed in chunks, so that it
   * asks before it has the whole. */
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &probe);

  for (offset = 0; offset < len && !probe.refused; offset += CHUNK)
    if (!gdk_pixbuf_loader_write (loader, data + offset, MIN (CHUNK, len - offset), &local_error))
      break;

  gdk_pixbuf_loader_close (loader, local_error == NULL ? &local_error : NULL);

  if (probe.refused && probe.readable && probe.width > 0 && probe.height > 0)
    {
      g_set_error (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_TOO_LARGE,
                   /* Translators: "“wall.png” is too large: 60000 × 60000 pixels" */
                   _("“%s” is too large: %u × %u pixels"), name, probe.width, probe.height);
      return NULL;
    }

  if (probe.width == 0 || probe.refused)
    {
      set_not_readable (error, name);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_debug ("Import of “%s”: %s", name, local_error->message);
      g_set_error (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_DAMAGED,
                   _("“%s” is damaged: %s"), name,
                   local_error ? local_error->message : _("The picture is damaged or cut off"));
      return NULL;
    }

  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);

  /* Transparency needs PNG; a photo is a JPEG; a drawing stays
   * lossless unless it is a photo saved as PNG. */
  opaque = is_opaque (upright);
  type = !opaque || !probe.is_jpeg ? WF_IMAGE_PNG : WF_IMAGE_JPEG;
  encoded = encode (upright, type, &local_error);
  if (encoded != NULL && !probe.is_jpeg && opaque &&
      g_bytes_get_size (encoded) > LOSSLESS_MAX_BYTES)
    {
      type = WF_IMAGE_JPEG;
      g_clear_pointer (&encoded, g_bytes_unref);
      encoded = encode (upright, type, &local_error);
    }

  if (encoded == NULL)
    {
      set_not_readable (error, name);
      g_debug ("Import of “%s”: %s", name, local_error ? local_error->message : "no bytes");
      return NULL;
    }

  return wf_picture_new_image (type, encoded, "", 0.5, 0.5, error);
}

typedef struct
{
  GBytes *bytes;
  GFile  *file;
  char   *name;
} ImportData;

static void
import_data_free (ImportData *import)
{
  g_clear_pointer (&import->bytes, g_bytes_unref);
  g_clear_object (&import->file);
  g_free (import->name);
  g_free (import);
}

/* A file's bytes, up to the limit and one byte more: the import then
 * says it is too large. */
static GBytes *
read_file (GFile         *file,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;

  if ((stream = g_file_read (file, cancellable, &local_error)) == NULL)
    goto failed;

  while (all->len <= WF_PICTURE_MAX_BYTES)
    {
      g_autoptr(GBytes) more = NULL;

      more = g_input_stream_read_bytes (G_INPUT_STREAM (stream),
                                        MIN (1024 * 1024, WF_PICTURE_MAX_BYTES + 1 - all->len),
                                        cancellable, &local_error);
      if (more == NULL)
        goto failed;
      if (g_bytes_get_size (more) == 0)
        break;
      g_byte_array_append (all, g_bytes_get_data (more, NULL), g_bytes_get_size (more));
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&all));

failed:
  g_set_error (error, local_error->domain, local_error->code,
               _("Could not read “%s”: %s"), name, local_error->message);
  return NULL;
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *import = task_data;
  GError *error = NULL;
  WfImage *image;

  if (import->file != NULL)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (import->file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                     G_FILE_QUERY_INFO_NONE, cancellable, NULL);

      g_autofree char *base = g_file_get_basename (import->file);

      import->name = info != NULL ? g_strdup (g_file_info_get_display_name (info))
                                  : g_filename_display_name (base ? base : "");
      import->bytes = read_file (import->file, import->name, cancellable, &error);
      if (import->bytes == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if ((image = wf_picture_import (import->bytes, import->name, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, image, (GDestroyNotify) wf_image_unref);
}

/**
 * wf_picture_import_async:
 * @bytes: a picture from outside
 * @name: what the person knows it by, for errors
 *
 * wf_picture_import() in a thread.
 */
void
wf_picture_import_async (GBytes              *bytes,
                         const char          *name,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportData *import = g_new0 (ImportData, 1);

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (name != NULL);

  import->bytes = g_bytes_ref (bytes);
  import->name = g_strdup (name);
  g_task_set_source_tag (task, wf_picture_import_async);
  g_task_set_task_data (task, import, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * wf_picture_import_file_async:
 * @file: a picture the person chose or dropped
 *
 * Reads @file (no more than a picture may hold) and imports it, in a
 * thread. Errors name the file by its display name.
 */
void
wf_picture_import_file_async (GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportData *import = g_new0 (ImportData, 1);

  g_return_if_fail (G_IS_FILE (file));

  import->file = g_object_ref (file);
  g_task_set_source_tag (task, wf_picture_import_async);
  g_task_set_task_data (task, import, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * wf_picture_import_finish:
 *
 * Returns: (transfer full): the picture, or %NULL with @error set
 */
WfImage *
wf_picture_import_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
