/* wf-picture.c — checking pictures from outside before anything decodes them
 *
 * A picture in a file is bytes someone else made. Before the model keeps
 * them, this reads their headers, and only their headers: a PNG's chunks
 * (lengths, CRCs, IHDR first, IDAT, IEND last) and a JPEG's segments (a
 * frame header before the first scan, EOI after it). Width and height
 * come from IHDR and SOF and are refused above the limits before any
 * decoder could be asked for the pixels: a 60,000 × 60,000 "bomb" costs
 * the 33 bytes of its header. Nothing here allocates but the error, and
 * time is linear in the bytes (docs/pictures.md).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-picture.h"

G_DEFINE_QUARK (wf-picture-error-quark, wf_picture_error)

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

/* PNG's CRC-32 (ISO 3309), table made once. */
static guint32
crc32 (const guint8 *data,
       gsize         len)
{
  static guint32 table[256];
  static gsize made = 0;
  guint32 crc = 0xffffffff;

  if (g_once_init_enter (&made))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320 ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&made, 1);
    }

  for (gsize i = 0; i < len; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);

  return crc ^ 0xffffffff;
}

static gboolean
damaged (GError **error)
{
  g_set_error_literal (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_DAMAGED,
                       _("The picture is damaged or cut off"));
  return FALSE;
}

static gboolean
check_size (guint32   width,
            guint32   height,
            GError  **error)
{
  if (width == 0 || height == 0)
    return damaged (error);

  if (width > WF_PICTURE_MAX_SIDE || height > WF_PICTURE_MAX_SIDE ||
      (guint64) width * height > WF_PICTURE_MAX_PIXELS)
    {
      /* Translators: the first two numbers are the picture's width and
       * height in pixels, the others the limits */
      g_set_error (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_TOO_LARGE,
                   _("The picture is %u × %u pixels; Wayfinder reads pictures of at most %u pixels a side and %u megapixels"),
                   width, height, WF_PICTURE_MAX_SIDE, WF_PICTURE_MAX_PIXELS / 1000000);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_png (const guint8  *data,
           gsize          len,
           guint         *width,
           guint         *height,
           GError       **error)
{
  gsize pos = sizeof png_signature;
  gboolean seen_idat = FALSE;

  /* IHDR first, its size checked before anything else. */
  if (len < pos + 8 + 13 + 4 || be32 (data + pos) != 13 || memcmp (data + pos + 4, "IHDR", 4) != 0)
    return damaged (error);

  if (!check_size (be32 (data + pos + 8), be32 (data + pos + 12), error))
    return FALSE;

  *width = be32 (data + pos + 8);
  *height = be32 (data + pos + 12);

  {
    const guint8 *ihdr = data + pos + 8;
    guint depth = ihdr[8], color = ihdr[9];
    gboolean ok;

    switch (color)
      {
      case 0: ok = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16; break;
      case 3: ok = depth == 1 || depth == 2 || depth == 4 || depth == 8; break;
      case 2: case 4: case 6: ok = depth == 8 || depth == 16; break;
      default: ok = FALSE; break;
      }

    if (!ok || ihdr[10] != 0 || ihdr[11] != 0 || ihdr[12] > 1)
      return damaged (error);
  }

  while (pos < len)
    {
      guint32 length;
      const guint8 *type;

      if (len - pos < 12)
        return damaged (error);

      length = be32 (data + pos);
      type = data + pos + 4;
      if (length > 0x7fffffff || length > len - pos - 12)
        return damaged (error);

      for (int i = 0; i < 4; i++)
        if (!g_ascii_isalpha (type[i]))
          return damaged (error);

      if (crc32 (type, length + 4) != be32 (data + pos + 8 + length))
        return damaged (error);

      if (memcmp (type, "IHDR", 4) == 0 && pos != sizeof png_signature)
        return damaged (error);

      if (memcmp (type, "IDAT", 4) == 0)
        seen_idat = TRUE;

      pos += 12 + length;

      if (memcmp (type, "IEND", 4) == 0)
        return (length == 0 && pos == len && seen_idat) || damaged (error);
    }

  return damaged (error);
}

/* Markers of a frame header: SOF0 to SOF15 but DHT, JPG and DAC. */
static gboolean
is_sof (guint8 marker)
{
  return marker >= 0xc0 && marker <= 0xcf &&
         marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

static gboolean
check_jpeg (const guint8  *data,
            gsize          len,
            guint         *width,
            guint         *height,
            GError       **error)
{
  gsize pos = 2;
  gboolean seen_sof = FALSE;

  while (TRUE)
    {
      guint8 marker;
      guint length;

      /* A marker, after any fill bytes. */
      if (pos >= len || data[pos] != 0xff)
        return damaged (error);
      while (pos < len && data[pos] == 0xff)
        pos++;
      if (pos >= len)
        return damaged (error);
      marker = data[pos++];

      if (marker == 0x00 || marker == 0xd8 || marker == 0xd9)
        return damaged (error);   /* no image before its end */
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        continue;

      if (len - pos < 2 || (length = be16 (data + pos)) < 2 || length > len - pos)
        return damaged (error);

      if (is_sof (marker))
        {
          if (seen_sof || length < 8)
            return damaged (error);
          if (!check_size (be16 (data + pos + 5), be16 (data + pos + 3), error))
            return FALSE;
          *width = be16 (data + pos + 5);
          *height = be16 (data + pos + 3);
          seen_sof = TRUE;
        }

      pos += length;

      if (marker != 0xda)
        continue;

      if (!seen_sof)
        return damaged (error);

      /* The entropy-coded scan: up to a marker other than a stuffed zero
       * or a restart. */
      while (TRUE)
        {
          const guint8 *ff = memchr (data + pos, 0xff, len - pos);

          if (ff == NULL || (gsize) (ff - data) + 1 >= len)
            return damaged (error);

          pos = ff - data;
          if (data[pos + 1] == 0x00 || (data[pos + 1] >= 0xd0 && data[pos + 1] <= 0xd7))
            {
              pos += 2;
              continue;
            }
          if (data[pos + 1] == 0xff)
            {
              pos++;
              continue;
            }
          break;
        }

      /* The end; what follows EOI (padding some cameras add) is ignored. */
      if (data[pos + 1] == 0xd9)
        return TRUE;
    }
}

/**
 * wf_picture_check:
 * @mime_type: the type the file declares: %WF_IMAGE_PNG or %WF_IMAGE_JPEG
 * @data: (array length=len): the picture's bytes
 * @len: their length
 * @width: (out): its width in pixels
 * @height: (out): its height
 * @error: return location for a #WF_PICTURE_ERROR
 *
 * Checks that @data is a whole picture of @mime_type no larger than the
 * limits, from its headers alone: nothing is inflated or decoded.
 *
 * Returns: whether @data may be kept as a picture
 */
gboolean
wf_picture_check (const char    *mime_type,
                  const guint8  *data,
                  gsize          len,
                  guint         *width,
                  guint         *height,
                  GError       **error)
{
  gboolean png, jpeg, declared_png;
  guint w = 0, h = 0;

  g_return_val_if_fail (mime_type != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (strcmp (mime_type, WF_IMAGE_PNG) != 0 && strcmp (mime_type, WF_IMAGE_JPEG) != 0)
    {
      g_autofree char *quoted = g_utf8_make_valid (mime_type, MIN (strlen (mime_type), 40));

      /* Translators: %s is a media type such as image/gif */
      g_set_error (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_TYPE,
                   _("“%s” is not a type of picture Wayfinder reads: only image/png and image/jpeg"),
                   quoted);
      return FALSE;
    }

  if (len > WF_PICTURE_MAX_BYTES)
    {
      g_set_error (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_TOO_LARGE,
                   _("The picture is larger than %u MiB"), WF_PICTURE_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  png = len >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0;
  jpeg = len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;
  declared_png = strcmp (mime_type, WF_IMAGE_PNG) == 0;

  if (!png && !jpeg)
    {
      g_set_error_literal (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_NOT_IMAGE,
                           _("The data is not a PNG or JPEG picture"));
      return FALSE;
    }

  if (png != declared_png)
    {
      /* Translators: the first %s is PNG or JPEG, the second a media type */
      g_set_error (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_WRONG_TYPE,
                   _("The picture is a %s image, but is declared as %s"),
                   png ? "PNG" : "JPEG", mime_type);
      return FALSE;
    }

  if (!(png ? check_png (data, len, &w, &h, error) : check_jpeg (data, len, &w, &h, error)))
    return FALSE;

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;

  return TRUE;
}

static int
base64_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

static GBytes *
not_base64 (GError **error)
{
  g_set_error_literal (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_BASE64,
                       _("The picture’s data is not base64"));
  return NULL;
}

/**
 * wf_picture_decode_base64:
 * @text: (array length=len): base64 text
 * @len: its length in bytes
 * @error: return location for a #WF_PICTURE_ERROR
 *
 * Decodes @text strictly: the standard alphabet, no white space, a length
 * that is a multiple of four, `=` only as padding and unused bits zero, so
 * that g_base64_encode() of the result is @text again.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL
 */
GBytes *
wf_picture_decode_base64 (const char  *text,
                          gsize        len,
                          GError     **error)
{
  g_autofree guint8 *out = NULL;
  gsize n = 0, padding = 0;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (len / 4 * 3 > WF_PICTURE_MAX_BYTES + 2)
    {
      g_set_error (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_TOO_LARGE,
                   _("The picture is larger than %u MiB"), WF_PICTURE_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  if (len % 4 != 0)
    return not_base64 (error);

  if (len > 0 && text[len - 1] == '=')
    padding = (len > 1 && text[len - 2] == '=') ? 2 : 1;

  out = g_malloc (len / 4 * 3 + 1);

  for (gsize i = 0; i < len; i += 4)
    {
      int v[4];
      guint32 group;

      for (int k = 0; k < 4; k++)
        {
          gboolean pad = i + 4 == len && k >= 4 - (int) padding;

          v[k] = pad ? 0 : base64_value (text[i + k]);
          if (v[k] < 0)
            return not_base64 (error);
        }

      group = ((guint32) v[0] << 18) | ((guint32) v[1] << 12) | ((guint32) v[2] << 6) | (guint32) v[3];
      out[n++] = group >> 16;
      if (i + 4 < len || padding < 2)
        out[n++] = (group >> 8) & 0xff;
      if (i + 4 < len || padding < 1)
        out[n++] = group & 0xff;

      /* Unused bits must be zero: else two texts give the same bytes. */
      if (i + 4 == len && ((padding == 1 && (v[2] & 0x3)) || (padding == 2 && (v[1] & 0xf))))
        return not_base64 (error);
    }

  return g_bytes_new_take (g_steal_pointer (&out), n);
}

/**
 * wf_picture_new_image:
 * @mime_type: the declared type
 * @bytes: the picture's bytes
 * @alt: (nullable): its alt text
 * @focus_x: its focal point, from 0 to 1
 * @focus_y:
 * @error: return location for a #WF_PICTURE_ERROR
 *
 * Returns: (transfer full) (nullable): a picture for the model, if
 *   wf_picture_check() accepts @bytes
 */
WfImage *
wf_picture_new_image (const char  *mime_type,
                      GBytes      *bytes,
                      const char  *alt,
                      double       focus_x,
                      double       focus_y,
                      GError     **error)
{
  gsize len;
  const guint8 *data;
  guint width, height;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (!wf_picture_check (mime_type, data, len, &width, &height, error))
    return NULL;

  return wf_image_new (mime_type, bytes, width, height, alt, focus_x, focus_y);
}
