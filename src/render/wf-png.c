/* wf-png.c — the PNG encoder of exported maps
 *
 * The pixels are a sheet's, drawn by the page planner (wf-pages.c); the
 * filters, zlib's stream and PNG's chunks are made here.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>
#include <zlib.h>

#include "wf-png.h"

#define STRIP_PIXELS   (2 * 1024 * 1024)
#define META_CHARS     WF_PAGES_META_CHARS

static void
report (WfPngProgress progress,
        gpointer      user_data,
        double        fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0, 1), user_data);
}

/* PNG, drawn and compressed a strip at a time, so that memory stays
 * small whatever the image's size, and in as many threads as there are
 * processors (up to four). Each thread has a scene of its own, drawing
 * the same map: the model is only read. Each strip becomes a piece of
 * raw deflate ending on a byte boundary; the pieces, one after another,
 * are the image's zlib stream (as pigz does), and their checksums are
 * combined.
 */

#define MAX_THREADS 4

typedef struct
{
  GByteArray *deflated;
  guint32     adler;
  gsize       length;      /* of the filtered data */
} Strip;

typedef struct
{
  WfPages      *pages;
  guint         sheet;
  double        scale;       /* pixels per map unit */
  gboolean      alpha;
  int           width;
  int           height;
  int           strip_height;
  guint         n_strips;
  Strip        *strips;
  gint          next;        /* the next strip to take, atomically */
  gint          done;
  GCancellable *cancellable;
  GMutex        lock;
  char         *error;       /* the first failure, under lock */
} PngJob;

static void
png_job_fail (PngJob     *job,
              const char *message)
{
  g_mutex_lock (&job->lock);
  if (job->error == NULL)
    job->error = g_strdup (message);
  g_mutex_unlock (&job->lock);
}

/* Cairo's premultiplied native-endian pixels to PNG's straight RGB(A),
 * with the Sub filter: each byte less the byte of the pixel before,
 * which turns flat colour into zeros.
 */
static void
filter_row (const guint32 *in,
            guint8        *out,
            int            width,
            gboolean       alpha)
{
  guint8 pr = 0, pg = 0, pb = 0, pa = 0;

  *out++ = 1;   /* Sub */

  if (!alpha)
    {
      for (int x = 0; x < width; x++)
        {
          guint32 p = in[x];
          guint8 r = p >> 16, g = p >> 8, b = p;

          out[0] = r - pr;
          out[1] = g - pg;
          out[2] = b - pb;
          out += 3;
          pr = r;
          pg = g;
          pb = b;
        }
      return;
    }

  for (int x = 0; x < width; x++)
    {
      guint32 p = in[x];
      guint a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

      if (a != 0 && a != 255)
        {
          r = (r * 255 + a / 2) / a;
          g = (g * 255 + a / 2) / a;
          b = (b * 255 + a / 2) / a;
        }
      out[0] = (guint8) r - pr;
      out[1] = (guint8) g - pg;
      out[2] = (guint8) b - pb;
      out[3] = (guint8) a - pa;
      out += 4;
      pr = r;
      pg = g;
      pb = b;
      pa = a;
    }
}

static gboolean
encode_strip (PngJob          *job,
              WfScene         *scene,
              cairo_surface_t *surface,
              guint8          *filtered,
              GByteArray      *buffer,
              guint            index)
{
  Strip *strip = &job->strips[index];
  double scale = job->scale;
  gboolean alpha = job->alpha;
  int top = index * job->strip_height;
  int rows = MIN (job->strip_height, job->height - top);
  gsize row_bytes = 1 + (gsize) job->width * (alpha ? 4 : 3);
  z_stream z = { 0 };
  const guint8 *data;
  int stride, status;
  cairo_t *cr;

  cr = cairo_create (surface);
  /* A strip starts empty, or in the background's colour: the sheet's
   * own background may leave a fraction of a pixel at its edges.
   */
  if (alpha)
    cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  else
    gdk_cairo_set_source_rgba (cr, wf_scene_get_background (scene));
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_translate (cr, 0, -top);
  cairo_scale (cr, scale, scale);
  wf_pages_draw_sheet (job->pages, job->sheet, scene, cr,
                       &GRAPHENE_RECT_INIT (0, top / scale, job->width / scale, rows / scale), scale, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* The checksum goes along, row by row: that of a row of zeros is
   * known without reading it.
   */
  strip->length = row_bytes * rows;
  strip->adler = adler32 (0, NULL, 0);
  for (int y = 0; y < rows; y++)
    {
      const guint8 *pixels = data + (gsize) y * stride;
      guint8 *out = filtered + y * row_bytes;

      /* A row like the one above, common in a map, is all zeros with
       * the Up filter.
       */
      if (y > 0 && memcmp (pixels, pixels - stride, (gsize) job->width * 4) == 0)
        {
          out[0] = 2;   /* Up */
          memset (out + 1, 0, row_bytes - 1);
          /* The bytes 2, 0, 0, …: a = 3, and b gains 3 a byte. */
          strip->adler = adler32_combine (strip->adler, ((3 * (uLong) row_bytes) % 65521) << 16 | 3, row_bytes);
        }
      else
        {
          filter_row ((const guint32 *) pixels, out, job->width, alpha);
          strip->adler = adler32 (strip->adler, out, row_bytes);
        }
    }

  /* Raw deflate, at the fastest level: maps are mostly flat colour,
   * which the filter has made zeros of.
   */
  if (deflateInit2 (&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      png_job_fail (job, z.msg ? z.msg : "deflateInit2");
      return FALSE;
    }

  g_byte_array_set_size (buffer, MAX (buffer->len, deflateBound (&z, strip->length) + 16));
  z.next_in = filtered;
  z.avail_in = strip->length;
  z.next_out = buffer->data;
  z.avail_out = buffer->len;
  /* The last strip ends the stream; the others end on a byte boundary. */
  status = deflate (&z, index + 1 == job->n_strips ? Z_FINISH : Z_SYNC_FLUSH);
  strip->deflated = g_byte_array_sized_new (buffer->len - z.avail_out);
  g_byte_array_append (strip->deflated, buffer->data, buffer->len - z.avail_out);
  deflateEnd (&z);

  /* All of it in, and the last strip ended the stream. */
  if (z.avail_in != 0 || (index + 1 == job->n_strips ? status != Z_STREAM_END : status != Z_OK))
    {
      png_job_fail (job, "deflate");
      return FALSE;
    }

  return TRUE;
}

/* Takes strips until none are left: in each thread, the calling one too,
 * which alone reports @progress.
 */
static void
png_work (PngJob        *job,
          WfPngProgress  progress,
          gpointer       user_data)
{
  PangoFontMap *font_map = wf_pages_borrow_font_map ();
  g_autoptr(WfScene) scene = wf_pages_new_scene (job->pages, job->sheet, font_map);
  gboolean alpha = job->alpha;
  cairo_surface_t *surface;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 *filtered;

  /* Pixels: each picture from the size kept that is as large as it
   * shows, as on the canvas (wf-picture-cache.c).
   */
  wf_scene_set_pixel_scale (scene, 1);

  surface = cairo_image_surface_create (alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                        job->width, job->strip_height);
  filtered = g_try_malloc ((1 + (gsize) job->width * 4) * job->strip_height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    png_job_fail (job, cairo_status_to_string (cairo_surface_status (surface)));
  else if (filtered == NULL)
    png_job_fail (job, g_strerror (ENOMEM));

  while (g_atomic_pointer_get (&job->error) == NULL && !g_cancellable_is_cancelled (job->cancellable))
    {
      guint index = g_atomic_int_add (&job->next, 1);

      if (index >= job->n_strips || !encode_strip (job, scene, surface, filtered, buffer, index))
        break;
      g_atomic_int_inc (&job->done);
      report (progress, user_data, (double) g_atomic_int_get (&job->done) / job->n_strips);
    }

  cairo_surface_destroy (surface);
  g_free (filtered);
  g_clear_pointer (&scene, wf_scene_free);
  wf_pages_return_font_map (font_map);
}

static gpointer
png_thread (gpointer data)
{
  png_work (data, NULL, NULL);
  return NULL;
}

static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  guint8 header[8];
  guint8 trailer[4];
  guint32 crc;

  g_assert (length < G_MAXINT32);

  header[0] = length >> 24;
  header[1] = length >> 16;
  header[2] = length >> 8;
  header[3] = length;
  memcpy (header + 4, type, 4);
  crc = crc32 (crc32 (0, NULL, 0), header + 4, 4);
  if (length > 0)
    crc = crc32 (crc, data, length);
  trailer[0] = crc >> 24;
  trailer[1] = crc >> 16;
  trailer[2] = crc >> 8;
  trailer[3] = crc;

  g_byte_array_append (out, header, 8);
  if (length > 0)
    g_byte_array_append (out, data, length);
  g_byte_array_append (out, trailer, 4);
}

static void
put_be32 (guint8  *p,
          guint32  value)
{
  p[0] = value >> 24;
  p[1] = value >> 16;
  p[2] = value >> 8;
  p[3] = value;
}

/**
 * wf_png_encode:
 * @pages: the sheets
 * @sheet: which sheet to encode
 * @width: the image's size in pixels
 * @height:
 * @scale: pixels per map unit
 * @alpha: with transparency (the sheets drawn without background)
 * @progress: (nullable): called, in this thread, with how much is done
 * @failure: (out) (optional): why the image could not be made, in
 *   English (zlib's or cairo's words); %NULL when it was cancelled
 *
 * Draws the @sheet'th sheet and encodes it as a PNG image.
 *
 * Returns: (transfer full) (nullable): the PNG file's bytes, or %NULL
 *   when it failed or @cancellable was cancelled
 */
GBytes *
wf_png_encode (WfPages        *pages,
               guint           sheet,
               int             width,
               int             height,
               double          scale,
               gboolean        alpha,
               WfPngProgress   progress,
               gpointer        user_data,
               GCancellable   *cancellable,
               char          **failure)
{
  static const guint8 signature[8] = { 137, 'P', 'N', 'G', '\r', '\n', 26, '\n' };
  PngJob job = { .pages = pages, .sheet = sheet, .scale = scale, .alpha = alpha, .width = width,
                 .height = height, .cancellable = cancellable };
  GThread *threads[MAX_THREADS - 1] = { NULL };
  guint n_threads = CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  g_autoptr(GByteArray) out = NULL;
  guint32 adler;
  guint8 ihdr[13];

  g_return_val_if_fail (pages != NULL, NULL);
  g_return_val_if_fail (sheet < wf_pages_get_n_sheets (pages), NULL);

  job.strip_height = CLAMP (STRIP_PIXELS / MAX (job.width, 1), 1, job.height);
  /* Enough strips to share among the threads and to show progress. */
  if (job.height / job.strip_height < 8 * n_threads)
    job.strip_height = MAX (16, job.height / (8 * n_threads));
  job.strip_height = MIN (job.strip_height, job.height);
  job.n_strips = (job.height + job.strip_height - 1) / job.strip_height;
  job.strips = g_new0 (Strip, job.n_strips);
  g_mutex_init (&job.lock);

  n_threads = MIN (n_threads, job.n_strips);
  for (guint i = 0; i + 1 < n_threads; i++)
    threads[i] = g_thread_try_new ("wf-export-png", png_thread, &job, NULL);

  /* This thread draws too, and tells the progress between strips. */
  png_work (&job, progress, user_data);

  for (guint i = 0; i + 1 < n_threads; i++)
    if (threads[i] != NULL)
      g_thread_join (threads[i]);

  if (g_cancellable_is_cancelled (cancellable))
    goto out;

  if (job.error != NULL)
    {
      if (failure != NULL)
        *failure = g_steal_pointer (&job.error);
      goto out;
    }

  /* The file: header, the image's facts, then the strips. */
  out = g_byte_array_new ();
  g_byte_array_append (out, signature, sizeof signature);

  put_be32 (ihdr, job.width);
  put_be32 (ihdr + 4, job.height);
  ihdr[8] = 8;                                   /* bits per sample */
  ihdr[9] = alpha ? 6 : 2;                       /* RGBA or RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;            /* deflate, adaptive filters, no interlace */
  put_chunk (out, "IHDR", ihdr, sizeof ihdr);

  {
    /* 96 dpi at scale 1, in pixels per metre. */
    guint32 ppm = (guint32) lround (96 * scale / 0.0254);
    guint8 phys[9];
    g_autoptr(GByteArray) text = g_byte_array_new ();
    WfMap *map = wf_pages_get_sheet_map (pages, sheet);
    g_autofree char *title = wf_scene_clip_text (wf_map_get_title (map), META_CHARS);
    static const guint8 itxt_flags[5] = { 0, 0, 0, 0, 0 };  /* uncompressed, no language */

    put_be32 (phys, ppm);
    put_be32 (phys + 4, ppm);
    phys[8] = 1;                                 /* per metre */
    put_chunk (out, "pHYs", phys, sizeof phys);

    g_byte_array_append (text, (const guint8 *) "Title", 5);
    g_byte_array_append (text, itxt_flags, 5);
    g_byte_array_append (text, (const guint8 *) title, strlen (title));
    put_chunk (out, "iTXt", text->data, text->len);
    put_chunk (out, "tEXt", (const guint8 *) "Software\0Wayfinder", 18);
  }

  {
    static const guint8 zlib_header[2] = { 0x78, 0x01 };
    guint8 trailer[4];

    put_chunk (out, "IDAT", zlib_header, 2);
    adler = adler32 (0, NULL, 0);
    for (guint i = 0; i < job.n_strips; i++)
      {
        put_chunk (out, "IDAT", job.strips[i].deflated->data, job.strips[i].deflated->len);
        adler = adler32_combine (adler, job.strips[i].adler, job.strips[i].length);
      }
    put_be32 (trailer, adler);
    put_chunk (out, "IDAT", trailer, 4);
  }
  put_chunk (out, "IEND", NULL, 0);
  report (progress, user_data, 1);

out:
  for (guint i = 0; i < job.n_strips; i++)
    g_clear_pointer (&job.strips[i].deflated, g_byte_array_unref);
  g_free (job.strips);
  g_free (job.error);
  g_mutex_clear (&job.lock);

  return out ? g_byte_array_free_to_bytes (g_steal_pointer (&out)) : NULL;
}

