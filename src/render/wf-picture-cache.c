/* wf-picture-cache.c — pictures decoded for drawing, per size, within a budget
 *
 * A picture is decoded once, by its hash, with
 * gdk_texture_new_from_bytes(), and kept no larger than its largest
 * drawing needs: WF_PICTURE_CACHE_LARGEST pixels on its short side. From
 * that one, the smaller sizes are made at once, where it is decoded,
 * halving down to WF_PICTURE_CACHE_SMALLEST: a thumbnail of 26 pixels
 * on screen is drawn from the 32-pixel texture, not averaged from the
 * 256-pixel one by cairo each frame (docs/performance.md, "Pictures").
 *
 * What is kept is bounded (WF_PICTURE_CACHE_BUDGET, in bytes of pixels):
 * past it, the sizes a picture no longer draws go, then the pictures
 * drawn longest ago, never one the current frame or the one before drew
 * (evict()). A picture the checker passed but the decoder refuses is
 * kept as broken, and not decoded again.
 *
 * For the canvas (wf_picture_cache_set_async()), a large picture, or
 * any once the frame has spent WF_PICTURE_CACHE_FRAME_US decoding, is
 * decoded in a thread of the decoders (get_decoders()): the lookup says
 * it is pending, the scene draws something in its place, and the ready
 * function is called (to queue a redraw) when it is there. Without it, as for every export, the lookup
 * decodes where it is called and never says pending: a PNG or PDF always
 * has its pictures.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wf-picture-cache.h"

/* The sizes: 32, 64, 128, 256. */
#define N_LEVELS 4
/* Pictures up to this many pixels decode where they are drawn; in some
 * 1 to 3 ms each.
 */
#define SMALL_PIXELS (512 * 512)
/* The time one frame may spend decoding on the canvas's thread. */
#define WF_PICTURE_CACHE_FRAME_US 4000

typedef struct
{
  char       *hash;
  GdkTexture *levels[N_LEVELS];   /* [N_LEVELS - 1] the largest, the others made from it;
                                   * NULL where dropped to keep the budget */
  guint64     level_frame[N_LEVELS]; /* the frame that drew each last */
  gboolean    pending;            /* being decoded in a thread (again, if it has levels) */
  gboolean    broken;
  guint64     frame;              /* the frame that drew it last */
  gsize       size;               /* bytes of pixels in levels */
  GList       link;               /* in the cache's recent list */
} Entry;

struct _WfPictureCache
{
  GHashTable         *entries;   /* a picture's hash → Entry */
  GQueue              recent;    /* Entry, the last drawn first */
  gsize               size;      /* bytes of pixels of all entries */
  gsize               budget;
  guint64             frame;
  gint64              frame_us;  /* spent decoding in this frame */
  guint               n_decoded;
  guint               n_pending;
  WfPictureReadyFunc  ready;     /* NULL: decode where drawn */
  gpointer            ready_data;
  GCancellable       *cancellable;
};

static gsize
texture_size (GdkTexture *texture)
{
  return texture != NULL ? (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4 : 0;
}

/* @texture made smaller, its short side @side pixels, as cairo's good
 * filter averages it; or itself if it is as small already.
 */
static GdkTexture *
scale_down (GdkTexture *texture,
            int         side)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  double scale = (double) side / MIN (w, h);
  int width, height, stride;
  cairo_surface_t *source, *target;
  cairo_t *cr;
  GBytes *bytes;
  GdkTexture *small;

  if (scale >= 1)
    return g_object_ref (texture);

  width = MAX (1, (int) round (w * scale));
  height = MAX (1, (int) round (h * scale));

  source = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  gdk_texture_download (texture, cairo_image_surface_get_data (source), cairo_image_surface_get_stride (source));
  cairo_surface_mark_dirty (source);

  target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (target);
  cairo_scale (cr, (double) width / w, (double) height / h);
  cairo_set_source_surface (cr, source, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (target);

  /* Cairo's ARGB32 is GDK's default memory format: premultiplied, in
   * the machine's byte order.
   */
  stride = cairo_image_surface_get_stride (target);
  bytes = g_bytes_new (cairo_image_surface_get_data (target), (gsize) stride * height);
  small = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
  g_bytes_unref (bytes);
  cairo_surface_destroy (target);
  cairo_surface_destroy (source);

  return small;
}

/* Decodes @bytes into @levels, every size kept of it, each made from
 * the largest; all %NULL where it does not decode. Any thread.
 */
static void
decode_levels (GBytes     *bytes,
               GdkTexture *levels[N_LEVELS])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) whole = gdk_texture_new_from_bytes (bytes, &error);

  memset (levels, 0, N_LEVELS * sizeof (GdkTexture *));
  if (whole == NULL)
    {
      g_debug ("A picture does not decode: %s", error->message);
      return;
    }

  /* A picture smaller than a size is its own for that size. */
  levels[N_LEVELS - 1] = scale_down (whole, WF_PICTURE_CACHE_LARGEST);
  for (guint i = 0; i + 1 < N_LEVELS; i++)
    levels[i] = scale_down (levels[N_LEVELS - 1], WF_PICTURE_CACHE_SMALLEST << i);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  for (guint i = 0; i < N_LEVELS; i++)
    g_clear_object (&entry->levels[i]);
  g_free (entry->hash);
  g_free (entry);
}

static void
remove_entry (WfPictureCache *self,
              Entry          *entry)
{
  g_queue_unlink (&self->recent, &entry->link);
  self->size -= entry->size;
  g_hash_table_remove (self->entries, entry->hash);
}

/* The bytes of @levels, a texture that stands for several sizes once. */
static gsize
levels_size (GdkTexture **levels)
{
  gsize size = 0;

  for (guint i = 0; i < N_LEVELS; i++)
    {
      gboolean again = FALSE;

      for (guint j = i + 1; j < N_LEVELS; j++)
        again |= levels[j] == levels[i];
      if (!again)
        size += texture_size (levels[i]);
    }

  return size;
}

/* Drops the sizes of @entry that @keep does not say, and counts it again. */
static void
trim (WfPictureCache *self,
      Entry          *entry,
      guint64         keep)
{
  for (guint i = 0; i < N_LEVELS; i++)
    if (entry->levels[i] != NULL && entry->level_frame[i] < keep)
      g_clear_object (&entry->levels[i]);
  self->size -= entry->size;
  entry->size = levels_size (entry->levels);
  self->size += entry->size;
}

/* Past the budget, drops, the pictures drawn longest ago first:
 *
 * 1. the sizes a picture did not draw the last time it was drawn (a
 *    photo drawn at 32 pixels does not keep its 256-pixel size);
 * 2. whole pictures drawn neither in this frame nor the one before:
 *    one decoded in a thread stays for the redraw it asked for;
 * 3. if this frame draws more than the budget, the sizes of its
 *    pictures it does not draw.
 *
 * A size dropped is decoded again when it is needed; none being
 * decoded is dropped.
 */
static void
evict (WfPictureCache *self)
{
  GList *l;

  for (l = self->recent.tail; self->size > self->budget && l != NULL; l = l->prev)
    {
      Entry *entry = l->data;

      if (!entry->pending)
        trim (self, entry, entry->frame);
    }

  for (l = self->recent.tail; self->size > self->budget && l != NULL;)
    {
      Entry *entry = l->data;

      l = l->prev;
      if (entry->frame + 1 >= self->frame || entry->pending || entry->size == 0)
        continue;
      g_debug ("Picture %.8s dropped from the cache (%zu bytes)", entry->hash, entry->size);
      remove_entry (self, entry);
    }

  for (l = self->recent.tail; self->size > self->budget && l != NULL; l = l->prev)
    {
      Entry *entry = l->data;

      if (!entry->pending && entry->frame == self->frame)
        trim (self, entry, self->frame);
    }
}

/* Drops what @entry holds, before it is decoded again. */
static void
clear_levels (WfPictureCache *self,
              Entry          *entry)
{
  for (guint i = 0; i < N_LEVELS; i++)
    g_clear_object (&entry->levels[i]);
  self->size -= entry->size;
  entry->size = 0;
}

/* Takes @levels into @entry, in place of what it held. */
static void
set_levels (WfPictureCache *self,
            Entry          *entry,
            GdkTexture     *levels[N_LEVELS])
{
  clear_levels (self, entry);
  entry->broken = levels[N_LEVELS - 1] == NULL;
  for (guint i = 0; i < N_LEVELS; i++)
    entry->levels[i] = levels[i];
  entry->size = levels_size (entry->levels);
  self->size += entry->size;
}

/* Marks @entry drawn in this frame, first in the recent list. */
static void
touch (WfPictureCache *self,
       Entry          *entry)
{
  entry->frame = self->frame;
  if (self->recent.head != &entry->link)
    {
      g_queue_unlink (&self->recent, &entry->link);
      g_queue_push_head_link (&self->recent, &entry->link);
    }
}

/* A picture to decode in the decoders' threads, and what came of it. */
typedef struct
{
  WfPictureCache *cache;        /* touched on its own thread only, if not cancelled */
  GCancellable   *cancellable;  /* the cache's: cancelled when it goes */
  GMainContext   *context;      /* where the result goes */
  char           *hash;
  GBytes         *bytes;
  guint           order;        /* the later asked, the sooner decoded */
  GdkTexture     *levels[N_LEVELS];
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  for (guint i = 0; i < N_LEVELS; i++)
    g_clear_object (&job->levels[i]);
  g_object_unref (job->cancellable);
  g_main_context_unref (job->context);
  g_free (job->hash);
  g_bytes_unref (job->bytes);
  g_free (job);
}

/* On the thread of the cache that asked: the levels into its entry. */
static gboolean
deliver (gpointer data)
{
  Job *job = data;
  WfPictureCache *self = job->cache;
  Entry *entry;

  /* The cache is gone: nothing of it may be touched. */
  if (g_cancellable_is_cancelled (job->cancellable))
    return G_SOURCE_REMOVE;

  self->n_pending--;
  entry = g_hash_table_lookup (self->entries, job->hash);
  /* Else decoded meanwhile where it was needed at once. */
  if (entry == NULL || !entry->pending)
    return G_SOURCE_REMOVE;

  entry->pending = FALSE;
  set_levels (self, entry, job->levels);
  memset (job->levels, 0, sizeof job->levels);
  /* As if this frame drew it, so that it stays for the redraw. */
  touch (self, entry);
  for (guint i = 0; i < N_LEVELS; i++)
    entry->level_frame[i] = self->frame;
  evict (self);
  if (self->ready != NULL)
    self->ready (self->ready_data);

  return G_SOURCE_REMOVE;
}

static void
decode_job (gpointer data,
            gpointer user_data)
{
  Job *job = data;
  GSource *source;

  if (!g_cancellable_is_cancelled (job->cancellable))
    decode_levels (job->bytes, job->levels);

  /* An idle source, not g_main_context_invoke(): that would call it
   * here, in this thread, whenever the context is free to take, and the
   * default one is the fallback of a thread without its own.
   */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver, job, job_free);
  g_source_set_static_name (source, "[wayfinder] picture decoded");
  g_source_attach (source, job->context);
  g_source_unref (source);
}

static gint
newest_first (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  guint x = ((const Job *) a)->order, y = ((const Job *) b)->order;

  return x > y ? -1 : x < y;
}

/* The decoders: one thread less than the processors (the canvas's
 * needs one), at least one, at most four, for every cache; a picture
 * asked for last is decoded first, as it is the one on screen now.
 * GIO's own pool, which GTask uses, is left to reading files.
 */
static GThreadPool *
get_decoders (void)
{
  static GThreadPool *decoders;

  if (g_once_init_enter (&decoders))
    {
      guint n = CLAMP (g_get_num_processors () - 1, 1, 4);
      GThreadPool *pool = g_thread_pool_new (decode_job, NULL, n, FALSE, NULL);

      g_thread_pool_set_sort_function (pool, newest_first, NULL);
      g_once_init_leave (&decoders, pool);
    }

  return decoders;
}

static Entry *
add_entry (WfPictureCache *self,
           const char     *hash)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->hash = g_strdup (hash);
  entry->link.data = entry;
  g_hash_table_insert (self->entries, entry->hash, entry);
  g_queue_push_head_link (&self->recent, &entry->link);

  return entry;
}

/* Decodes @image for @entry where it is called. */
static void
decode_now (WfPictureCache *self,
            Entry          *entry,
            WfImage        *image)
{
  gint64 start = g_get_monotonic_time ();
  GdkTexture *levels[N_LEVELS];

  self->n_decoded++;
  entry->pending = FALSE;
  decode_levels (wf_image_get_bytes (image), levels);
  set_levels (self, entry, levels);
  self->frame_us += g_get_monotonic_time () - start;
}

/* Decodes @image into @entry: where it is called, or in a thread for
 * the canvas when it is large or the frame has spent its time.
 */
static void
decode (WfPictureCache *self,
        Entry          *entry,
        WfImage        *image,
        gboolean        wait)
{
  gboolean small = (guint64) wf_image_get_width (image) * wf_image_get_height (image) <= SMALL_PIXELS;

  if (wait || self->ready == NULL || (small && self->frame_us < WF_PICTURE_CACHE_FRAME_US))
    decode_now (self, entry, image);
  else if (!entry->pending)
    {
      static gint order;
      Job *job = g_new0 (Job, 1);

      job->cache = self;
      job->cancellable = g_object_ref (self->cancellable);
      job->context = g_main_context_ref_thread_default ();
      job->hash = g_strdup (entry->hash);
      job->bytes = g_bytes_ref (wf_image_get_bytes (image));
      job->order = (guint) g_atomic_int_add (&order, 1);
      entry->pending = TRUE;
      self->n_decoded++;
      self->n_pending++;
      g_thread_pool_push (get_decoders (), job, NULL);
    }
}

/* @image's entry, drawn in this frame at @level: decoded (again, if
 * that size was dropped) where it is not there.
 */
static Entry *
find_or_decode (WfPictureCache *self,
                WfImage        *image,
                guint           level,
                gboolean        wait)
{
  const char *hash = wf_image_get_hash (image);
  Entry *entry = g_hash_table_lookup (self->entries, hash);

  if (entry == NULL)
    {
      entry = add_entry (self, hash);
      decode (self, entry, image, wait);
    }
  else if (entry->pending ? wait : !entry->broken && entry->levels[level] == NULL)
    decode (self, entry, image, wait);

  touch (self, entry);

  return entry;
}

/* The texture of @entry at @level, or the nearest size it has while
 * that one decodes again; marked drawn in this frame.
 */
static GdkTexture *
draw_level (WfPictureCache *self,
            Entry          *entry,
            guint           level)
{
  GdkTexture *texture = NULL;

  for (guint i = level; texture == NULL && i < N_LEVELS; i++)
    texture = entry->levels[i];
  for (guint i = level; texture == NULL && i-- > 0;)
    texture = entry->levels[i];

  for (guint i = 0; texture != NULL && i < N_LEVELS; i++)
    if (entry->levels[i] == texture)
      entry->level_frame[i] = self->frame;

  return texture;
}

/**
 * wf_picture_cache_new:
 *
 * Returns: (transfer full): an empty cache that decodes where it is
 *   asked, within WF_PICTURE_CACHE_BUDGET
 */
WfPictureCache *
wf_picture_cache_new (void)
{
  WfPictureCache *self = g_new0 (WfPictureCache, 1);

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  g_queue_init (&self->recent);
  self->budget = WF_PICTURE_CACHE_BUDGET;
  self->cancellable = g_cancellable_new ();

  return self;
}

void
wf_picture_cache_free (WfPictureCache *self)
{
  if (self == NULL)
    return;

  /* Decodes still running finish into nothing. */
  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  g_hash_table_unref (self->entries);
  g_free (self);
}

/**
 * wf_picture_cache_set_async:
 * @ready: (nullable): called on this thread when a picture decoded in a
 *   thread is there; %NULL to decode every picture where it is asked for
 *
 * Large pictures, and any past the frame's time for decoding, decode in
 * a thread: for the canvas. The ready function is called from the
 * thread-default main context of the lookup that started them.
 */
void
wf_picture_cache_set_async (WfPictureCache     *self,
                            WfPictureReadyFunc  ready,
                            gpointer            data)
{
  self->ready = ready;
  self->ready_data = data;
}

/**
 * wf_picture_cache_set_budget:
 * @bytes: of decoded pixels kept, beyond those the current frame draws
 */
void
wf_picture_cache_set_budget (WfPictureCache *self,
                             gsize           bytes)
{
  self->budget = bytes;
  evict (self);
}

/**
 * wf_picture_cache_begin_frame:
 *
 * A new drawing begins: what it draws is kept, whatever the budget, and
 * it has its own time for decoding; what is over the budget of the
 * drawings before the last one goes.
 */
void
wf_picture_cache_begin_frame (WfPictureCache *self)
{
  self->frame++;
  self->frame_us = 0;
  /* What the last frame drew over the budget goes now. */
  evict (self);
}

/**
 * wf_picture_cache_lookup:
 * @pixels: the short side it will be drawn at, in pixels; 0 or less for
 *   the largest size kept (a vector export's)
 * @texture: (out) (transfer none): the texture when ready
 *
 * Returns: whether @image is ready, being decoded or broken
 */
WfPictureState
wf_picture_cache_lookup (WfPictureCache  *self,
                         WfImage         *image,
                         double           pixels,
                         GdkTexture     **texture)
{
  guint level = N_LEVELS - 1;
  Entry *entry;

  if (pixels > 0)
    for (level = 0; level + 1 < N_LEVELS && (WF_PICTURE_CACHE_SMALLEST << level) < pixels; level++)
      ;

  entry = find_or_decode (self, image, level, FALSE);
  *texture = draw_level (self, entry, level);
  evict (self);

  if (*texture != NULL)
    return WF_PICTURE_READY;

  return entry->pending ? WF_PICTURE_PENDING : WF_PICTURE_BROKEN;
}

/**
 * wf_picture_cache_get:
 *
 * Returns: (transfer none) (nullable): @image at the largest size kept,
 *   decoded now if need be, or %NULL if it does not decode
 */
GdkTexture *
wf_picture_cache_get (WfPictureCache *self,
                      WfImage        *image)
{
  Entry *entry = find_or_decode (self, image, N_LEVELS - 1, TRUE);

  return draw_level (self, entry, N_LEVELS - 1);
}

/**
 * wf_picture_cache_decode:
 *
 * Returns: (transfer full) (nullable): @image decoded whole, or %NULL if
 *   it does not decode
 */
GdkTexture *
wf_picture_cache_decode (WfImage *image)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_bytes (wf_image_get_bytes (image), &error);

  if (texture == NULL)
    g_debug ("A picture (%s, %u × %u) does not decode: %s", wf_image_get_mime_type (image),
             wf_image_get_width (image), wf_image_get_height (image), error->message);

  return texture;
}

/* For tests and the benchmark: what the cache holds, and has done. */

/* Returns: the pictures kept, decoded, pending or broken */
guint
wf_picture_cache_get_n_pictures (WfPictureCache *self)
{
  return g_hash_table_size (self->entries);
}

/* Returns: how many decodes were started since the cache was made */
guint
wf_picture_cache_get_n_decoded (WfPictureCache *self)
{
  return self->n_decoded;
}

/* Returns: how many decodes are running in a thread */
guint
wf_picture_cache_get_n_pending (WfPictureCache *self)
{
  return self->n_pending;
}

/* Returns: the bytes of decoded pixels kept */
gsize
wf_picture_cache_get_size (WfPictureCache *self)
{
  return self->size;
}
