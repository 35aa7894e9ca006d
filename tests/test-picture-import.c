/* test-picture-import.c — pictures from outside: shrunk, upright, refused when too large
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "storage/wf-picture.h"
#include "storage/wf-picture-import.h"
#include "test-util.h"

/* A picture of @width × @height: a gradient, left half red, with
 * transparency when @alpha. */
static GdkPixbuf *
make_pixbuf (int      width,
             int      height,
             gboolean alpha)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * channels;

        p[0] = x < width / 2 ? 255 : 0;
        p[1] = y * 255 / MAX (height - 1, 1);
        p[2] = x < width / 2 ? 0 : 255;
        if (alpha)
          p[3] = x < width / 2 ? 255 : 128;
      }

  return pixbuf;
}

static GBytes *
save (GdkPixbuf  *pixbuf,
      const char *format)
{
  g_autoptr(GError) error = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, format, &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

static GdkPixbuf *
decode (WfImage *image)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_mime_type (wf_image_get_mime_type (image), NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = wf_image_get_bytes (image);

  gdk_pixbuf_loader_write_bytes (loader, bytes, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);

  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static WfImage *
import (GBytes     *bytes,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  WfImage *image = wf_picture_import (bytes, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);

  /* What the import makes, a file may hold. */
  g_assert_true (wf_picture_check (wf_image_get_mime_type (image),
                                   g_bytes_get_data (wf_image_get_bytes (image), NULL),
                                   g_bytes_get_size (wf_image_get_bytes (image)), NULL, NULL, NULL));
  g_assert_cmpstr (wf_image_get_alt (image), ==, "");
  g_assert_false (wf_image_has_focus (image));

  return image;
}

static void
assert_refused (GBytes     *bytes,
                const char *name,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WfImage) image = wf_picture_import (bytes, name, &error);

  g_assert_null (image);
  g_assert_error (error, WF_PICTURE_ERROR, code);
  if (!g_pattern_match_simple (message, error->message))
    g_error ("“%s” does not match “%s”", error->message, message);
}

/* A camera's photo is shrunk to 2048 pixels on its long side and stays
 * a JPEG; a small picture keeps its size. */
static void
test_scale (void)
{
  g_autoptr(GdkPixbuf) large = make_pixbuf (3000, 1500, FALSE);
  g_autoptr(GBytes) jpeg = save (large, "jpeg");
  g_autoptr(WfImage) image = import (jpeg, "large.jpg");
  g_autoptr(GdkPixbuf) small = make_pixbuf (300, 200, FALSE);
  g_autoptr(GBytes) png = save (small, "png");
  g_autoptr(WfImage) same = import (png, "small.png");
  g_autoptr(GdkPixbuf) tall = make_pixbuf (100, 2100, FALSE);
  g_autoptr(GBytes) tall_png = save (tall, "png");
  g_autoptr(WfImage) tall_image = import (tall_png, "tall.png");
  g_autoptr(GdkPixbuf) decoded = decode (image);

  g_assert_cmpstr (wf_image_get_mime_type (image), ==, WF_IMAGE_JPEG);
  g_assert_cmpuint (wf_image_get_width (image), ==, 2048);
  g_assert_cmpuint (wf_image_get_height (image), ==, 1024);
  g_assert_cmpint (gdk_pixbuf_get_width (decoded), ==, 2048);

  /* The left is red, the right blue, as before. */
  {
    const guint8 *p = gdk_pixbuf_read_pixels (decoded);
    int stride = gdk_pixbuf_get_rowstride (decoded);
    int channels = gdk_pixbuf_get_n_channels (decoded);

    g_assert_cmpint (p[512 * stride + 100 * channels], >, 200);
    g_assert_cmpint (p[512 * stride + 1900 * channels + 2], >, 200);
    g_assert_cmpint (p[512 * stride + 1900 * channels], <, 50);
  }

  /* A drawing stays lossless. */
  g_assert_cmpstr (wf_image_get_mime_type (same), ==, WF_IMAGE_PNG);
  g_assert_cmpuint (wf_image_get_width (same), ==, 300);
  g_assert_cmpuint (wf_image_get_height (same), ==, 200);

  g_assert_cmpuint (wf_image_get_width (tall_image), ==, 98);
  g_assert_cmpuint (wf_image_get_height (tall_image), ==, 2048);
}

/* Other formats gdk-pixbuf reads become PNG or JPEG; icons, programs and
 * text are not pictures. */
static void
test_formats (void)
{
  static const guint8 gif[] = {
    'G', 'I', 'F', '8', '9', 'a', 0x02, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
    0xff, 0x00, 0x00, 0x00, 0x00, 0xff,
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x00, 0x00,
    0x02, 0x02, 0x44, 0x0a, 0x00, 0x3b
  };
  const char *svg = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>";
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (64, 32, FALSE);
  g_autoptr(GBytes) bmp = save (pixbuf, "bmp");
  g_autoptr(GBytes) tiff = save (pixbuf, "tiff");
  g_autoptr(GBytes) ico = save (pixbuf, "ico");
  g_autoptr(GBytes) gif_bytes = g_bytes_new_static (gif, sizeof gif);
  g_autoptr(GBytes) svg_bytes = g_bytes_new_static (svg, strlen (svg));
  g_autoptr(GBytes) text = g_bytes_new_static ("Hello", 5);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(WfImage) from_bmp = import (bmp, "a.bmp");
  g_autoptr(WfImage) from_tiff = import (tiff, "a.tiff");
  g_autoptr(WfImage) from_gif = import (gif_bytes, "a.gif");

  g_assert_cmpstr (wf_image_get_mime_type (from_bmp), ==, WF_IMAGE_PNG);
  g_assert_cmpuint (wf_image_get_width (from_bmp), ==, 64);
  g_assert_cmpuint (wf_image_get_height (from_bmp), ==, 32);
  g_assert_cmpuint (wf_image_get_width (from_tiff), ==, 64);
  g_assert_cmpuint (wf_image_get_width (from_gif), ==, 2);
  g_assert_cmpuint (wf_image_get_height (from_gif), ==, 1);

  assert_refused (ico, "a.ico", WF_PICTURE_ERROR_NOT_IMAGE, "“a.ico” is not a picture Wayfinder can read");
  assert_refused (svg_bytes, "a.svg", WF_PICTURE_ERROR_NOT_IMAGE, "“a.svg” is not a picture Wayfinder can read");
  assert_refused (text, "x.webp", WF_PICTURE_ERROR_NOT_IMAGE, "“x.webp” is not a picture Wayfinder can read");
  assert_refused (empty, "empty.png", WF_PICTURE_ERROR_NOT_IMAGE, "“empty.png” is not a picture Wayfinder can read");
}

/* A picture whose header claims 60,000 × 60,000 pixels is refused from
 * its header: decoded, it would take 14 GB. */
static void
test_bomb (void)
{
  g_autoptr(GBytes) png = wf_test_read_data ("pictures/bomb.png");
  g_autoptr(GBytes) jpeg = wf_test_read_data ("pictures/bomb.jpg");
  guint8 bmp[54] = { 'B', 'M' };
  guint8 gif[] = {
    'G', 'I', 'F', '8', '9', 'a', 0x60, 0xea, 0x60, 0xea, 0x80, 0x00, 0x00,
    0xff, 0x00, 0x00, 0x00, 0x00, 0xff,
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x60, 0xea, 0x60, 0xea, 0x00,
    0x02, 0x02, 0x44, 0x0a, 0x00, 0x3b
  };
  g_autoptr(GBytes) bmp_bytes = NULL;
  g_autoptr(GBytes) gif_bytes = g_bytes_new_static (gif, sizeof gif);
  g_autoptr(GBytes) huge = NULL;
  guint width, height;

  assert_refused (png, "bomb.png", WF_PICTURE_ERROR_TOO_LARGE, "“bomb.png” is too large: 60000 × 60000 pixels");

  g_assert_false (wf_picture_check (WF_IMAGE_JPEG, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                                    &width, &height, NULL));
  assert_refused (jpeg, "bomb.jpg", WF_PICTURE_ERROR_TOO_LARGE, "“bomb.jpg” is too large: * × * pixels");

  /* A BMP header: 60000 × 60000, 24 bits, no pixels after it. */
  bmp[10] = 54;
  bmp[14] = 40;
  bmp[18] = 0x60, bmp[19] = 0xea;
  bmp[22] = 0x60, bmp[23] = 0xea;
  bmp[26] = 1;
  bmp[28] = 24;
  bmp_bytes = g_bytes_new (bmp, sizeof bmp);
  assert_refused (bmp_bytes, "bomb.bmp", WF_PICTURE_ERROR_TOO_LARGE, "“bomb.bmp” is too large: 60000 × 60000 pixels");
  assert_refused (gif_bytes, "bomb.gif", WF_PICTURE_ERROR_TOO_LARGE, "“bomb.gif” is too large: 60000 × 60000 pixels");

  /* Too many bytes, whatever they are. */
  huge = g_bytes_new_take (g_malloc0 (WF_PICTURE_MAX_BYTES + 1), WF_PICTURE_MAX_BYTES + 1);
  assert_refused (huge, "huge.png", WF_PICTURE_ERROR_TOO_LARGE, "“huge.png” is too large: *MB");
}

/* A JPEG with an APP1 EXIF segment saying "turn 90° clockwise". */
static GBytes *
add_orientation (GBytes *jpeg,
                 guint8  orientation)
{
  static const guint8 exif_head[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0x00, 0x00,
    'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,
    0x01, 0x00,
    0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00
  };
  const guint8 *data = g_bytes_get_data (jpeg, NULL);
  GByteArray *out = g_byte_array_new ();
  guint8 value[] = { orientation, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };

  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, exif_head, sizeof exif_head);
  g_byte_array_append (out, value, sizeof value);
  g_byte_array_append (out, data + 2, g_bytes_get_size (jpeg) - 2);

  return g_byte_array_free_to_bytes (out);
}

static void
test_orientation (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (80, 40, FALSE);
  g_autoptr(GBytes) plain = save (pixbuf, "jpeg");
  g_autoptr(GBytes) turned = add_orientation (plain, 6);
  g_autoptr(WfImage) image = import (turned, "turned.jpg");
  g_autoptr(GdkPixbuf) decoded = decode (image);
  const guint8 *p = gdk_pixbuf_read_pixels (decoded);
  int stride = gdk_pixbuf_get_rowstride (decoded);
  int channels = gdk_pixbuf_get_n_channels (decoded);

  g_assert_cmpuint (wf_image_get_width (image), ==, 40);
  g_assert_cmpuint (wf_image_get_height (image), ==, 80);

  /* Turned clockwise, the red left half is on top, the blue below. */
  g_assert_cmpint (p[10 * stride + 20 * channels], >, 200);
  g_assert_cmpint (p[70 * stride + 20 * channels + 2], >, 200);

  /* The EXIF is left behind. */
  g_assert_null (g_strstr_len (g_bytes_get_data (wf_image_get_bytes (image), NULL),
                               g_bytes_get_size (wf_image_get_bytes (image)), "Exif"));
}

/* Transparency needs PNG; a PNG that says it has alpha but uses none of
 * it stays PNG too, as a drawing. */
static void
test_alpha (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (3000, 100, TRUE);
  g_autoptr(GBytes) png = save (pixbuf, "png");
  g_autoptr(WfImage) image = import (png, "logo.png");
  g_autoptr(GdkPixbuf) decoded = decode (image);
  g_autoptr(GBytes) tiff = save (pixbuf, "tiff");
  g_autoptr(WfImage) from_tiff = import (tiff, "logo.tiff");

  g_assert_cmpstr (wf_image_get_mime_type (image), ==, WF_IMAGE_PNG);
  g_assert_cmpuint (wf_image_get_width (image), ==, 2048);
  g_assert_true (gdk_pixbuf_get_has_alpha (decoded));
  g_assert_cmpint (gdk_pixbuf_read_pixels (decoded)[2000 * 4 + 3], <, 200);
  g_assert_cmpstr (wf_image_get_mime_type (from_tiff), ==, WF_IMAGE_PNG);
}

/* A cut PNG is damaged, and says so with the checker's words. */
static void
test_damaged (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (64, 64, FALSE);
  g_autoptr(GBytes) png = save (pixbuf, "png");
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) - 20);
  g_autoptr(GBytes) jpeg = save (pixbuf, "jpeg");
  g_autoptr(GBytes) cut_jpeg = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2);

  assert_refused (cut, "cut.png", WF_PICTURE_ERROR_DAMAGED, "“cut.png” is damaged: *");
  assert_refused (cut_jpeg, "cut.jpg", WF_PICTURE_ERROR_DAMAGED, "“cut.jpg” is damaged: *");
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* A file is read in a thread, and named in errors by its display name. */
static void
test_file (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (40, 30, FALSE);
  g_autoptr(GBytes) jpeg = save (pixbuf, "jpeg");
  g_autofree char *dir = g_dir_make_tmp ("wf-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Anna.jpg", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "Bo.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfImage) image = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), NULL));

  wf_picture_import_file_async (file, NULL, on_imported, &result);
  wf_picture_import_file_async (missing, NULL, on_imported, &failed);
  while (result == NULL || failed == NULL)
    g_main_context_iteration (NULL, TRUE);

  image = wf_picture_import_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wf_image_get_width (image), ==, 40);

  g_assert_null (wf_picture_import_finish (failed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Could not read “Bo.png”: "));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/picture/import/scale", test_scale);
  g_test_add_func ("/picture/import/formats", test_formats);
  g_test_add_func ("/picture/import/bomb", test_bomb);
  g_test_add_func ("/picture/import/orientation", test_orientation);
  g_test_add_func ("/picture/import/alpha", test_alpha);
  g_test_add_func ("/picture/import/damaged", test_damaged);
  g_test_add_func ("/picture/import/file", test_file);

  return g_test_run ();
}
