/* test-picture-cache.c — pictures decoded for drawing: sizes, budget, threads
 *
 * A picture is decoded once and kept in sizes of 32 to 256 pixels on its
 * short side; past the budget the pictures drawn longest ago go, never
 * one the current frame drew; for the canvas a large picture decodes in
 * a thread, drawn as a plain box until it is there, and the ready
 * function asks for a redraw; an export never draws the box (issue #17,
 * stage 6 of docs/pictures.md).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gtk/gtk.h>

#include "model/wf-model.h"
#include "export/wf-export.h"
#include "render/wf-layout.h"
#include "render/wf-scene-private.h"
#include "storage/wf-picture.h"
#include "test-util.h"

/* The sheet's padding around the map in an export, map units. */
#define PAD 32

/* A PNG of @width × @height in one colour (0xRRGGBB). */
static WfImage *
make_png (int     width,
          int     height,
          guint32 color)
{
  return wf_test_make_png (width, height, color, color, 0.5, 0.5);
}

static int
short_side (GdkTexture *texture)
{
  return MIN (gdk_texture_get_width (texture), gdk_texture_get_height (texture));
}

/* One decode makes every size; each lookup takes the smallest as large
 * as the drawing, or the largest for a drawing without pixels.
 */
static void
test_sizes (void)
{
  g_autoptr(WfPictureCache) cache = wf_picture_cache_new ();
  g_autoptr(WfImage) large = make_png (1024, 768, 0xdc1414);
  g_autoptr(WfImage) tiny = make_png (48, 40, 0x14c814);
  const struct { double pixels; int side; } sizes[] = {
    { 10, 32 }, { 32, 32 }, { 33, 64 }, { 64, 64 }, { 100, 128 }, { 200, 256 }, { 900, 256 }, { 0, 256 },
  };
  GdkTexture *texture = NULL;
  gsize size;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_assert_cmpint (wf_picture_cache_lookup (cache, large, sizes[i].pixels, &texture), ==, WF_PICTURE_READY);
      g_assert_cmpint (short_side (texture), ==, sizes[i].side);
    }
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, 1);
  g_assert_cmpuint (wf_picture_cache_get_n_pictures (cache), ==, 1);
  /* 256 + 128 + 64 + 32 on the short side, 4:3, four bytes a pixel. */
  size = wf_picture_cache_get_size (cache);
  g_assert_cmpuint (size, >=, 4 * (341 * 256 + 171 * 128 + 85 * 64 + 43 * 32) - 4 * 1024);
  g_assert_cmpuint (size, <=, 4 * (342 * 256 + 171 * 128 + 86 * 64 + 43 * 32));

  /* A picture smaller than a size is its own for it, counted once. */
  g_assert_cmpint (wf_picture_cache_lookup (cache, tiny, 200, &texture), ==, WF_PICTURE_READY);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 48);
  g_assert_cmpint (wf_picture_cache_lookup (cache, tiny, 64, &texture), ==, WF_PICTURE_READY);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 48);
  g_assert_cmpint (wf_picture_cache_lookup (cache, tiny, 20, &texture), ==, WF_PICTURE_READY);
  g_assert_cmpint (short_side (texture), ==, 32);
  g_assert_cmpuint (wf_picture_cache_get_size (cache) - size, ==, 4 * (48 * 40 + 38 * 32));
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, 2);
}

/* Past the budget, the sizes a picture did not draw go first; then
 * the pictures drawn longest ago, but none the current frame or the one
 * before drew, however many they drew.
 */
static void
test_budget (void)
{
  g_autoptr(WfPictureCache) cache = wf_picture_cache_new ();
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_image_unref);
  const gsize largest = 256 * 256 * 4;
  GdkTexture *texture = NULL;
  gsize one;

  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (images, make_png (256, 256, 0x101010 * (i + 1)));

  wf_picture_cache_begin_frame (cache);
  wf_picture_cache_lookup (cache, images->pdata[0], 200, &texture);
  one = wf_picture_cache_get_size (cache);
  g_assert_cmpuint (one, ==, 4 * (256 * 256 + 128 * 128 + 64 * 64 + 32 * 32));

  /* Room for three drawn at 256 pixels, without their smaller sizes. */
  wf_picture_cache_set_budget (cache, 3 * largest + largest / 2);
  for (guint i = 1; i < 4; i++)
    {
      wf_picture_cache_begin_frame (cache);
      g_assert_cmpint (wf_picture_cache_lookup (cache, images->pdata[i], 200, &texture), ==, WF_PICTURE_READY);
      g_assert_cmpint (short_side (texture), ==, 256);
      g_assert_cmpuint (wf_picture_cache_get_size (cache), <=, 3 * largest + largest / 2);
    }
  /* The fourth: the first, drawn longest ago, went. */
  g_assert_cmpuint (wf_picture_cache_get_n_pictures (cache), ==, 3);
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, 4);

  /* Drawn again, the first is decoded again, and the second goes. */
  wf_picture_cache_begin_frame (cache);
  wf_picture_cache_lookup (cache, images->pdata[0], 200, &texture);
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, 5);
  wf_picture_cache_begin_frame (cache);
  wf_picture_cache_lookup (cache, images->pdata[3], 200, &texture);
  wf_picture_cache_lookup (cache, images->pdata[2], 200, &texture);
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, 5);
  g_assert_cmpuint (wf_picture_cache_get_n_pictures (cache), ==, 3);

  /* One frame drawing all four keeps all four, over the budget. */
  wf_picture_cache_begin_frame (cache);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpint (wf_picture_cache_lookup (cache, images->pdata[i], 200, &texture), ==, WF_PICTURE_READY);
      g_assert_cmpint (short_side (texture), ==, 256);
    }
  g_assert_cmpuint (wf_picture_cache_get_n_pictures (cache), ==, 4);
  g_assert_cmpuint (wf_picture_cache_get_size (cache), >=, 4 * largest);

  /* Two frames on, drawing one, what is over goes. */
  wf_picture_cache_begin_frame (cache);
  wf_picture_cache_lookup (cache, images->pdata[1], 200, &texture);
  wf_picture_cache_begin_frame (cache);
  wf_picture_cache_lookup (cache, images->pdata[1], 200, &texture);
  g_assert_cmpuint (wf_picture_cache_get_size (cache), <=, 3 * largest + largest / 2);
  g_assert_cmpuint (wf_picture_cache_get_n_pictures (cache), ==, 3);
}

/* A frame far out with more pictures than the budget holds whole keeps
 * the size it draws of each; closer again, a size dropped is decoded
 * again, once.
 */
static void
test_trim (void)
{
  g_autoptr(WfPictureCache) cache = wf_picture_cache_new ();
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_image_unref);
  GdkTexture *texture = NULL;
  const guint n = 20;
  gsize all = 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (images, make_png (512, 384, 0x0a0a0a * (i + 1)));

  /* What one picture's sizes take: 341 × 256 and smaller. */
  wf_picture_cache_begin_frame (cache);
  wf_picture_cache_lookup (cache, images->pdata[0], 20, &texture);
  all = wf_picture_cache_get_size (cache);

  /* Room for four pictures whole; a frame draws twenty at 32 pixels. */
  wf_picture_cache_set_budget (cache, 4 * all);
  wf_picture_cache_begin_frame (cache);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (wf_picture_cache_lookup (cache, images->pdata[i], 20, &texture), ==, WF_PICTURE_READY);
      g_assert_cmpint (short_side (texture), ==, 32);
    }
  g_assert_cmpuint (wf_picture_cache_get_n_pictures (cache), ==, n);
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, n);
  g_assert_cmpuint (wf_picture_cache_get_size (cache), <=, 4 * all);

  /* Drawn again at 32 pixels: nothing decodes. */
  wf_picture_cache_begin_frame (cache);
  for (guint i = 0; i < n; i++)
    wf_picture_cache_lookup (cache, images->pdata[i], 20, &texture);
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, n);

  /* Closer, the one drawn longest ago at 256: its largest size went, and
   * is decoded again, once; the last one drawn kept its own.
   */
  wf_picture_cache_begin_frame (cache);
  g_assert_cmpint (wf_picture_cache_lookup (cache, images->pdata[0], 200, &texture), ==, WF_PICTURE_READY);
  g_assert_cmpint (short_side (texture), ==, 256);
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, n + 1);
  g_assert_cmpint (wf_picture_cache_lookup (cache, images->pdata[0], 200, &texture), ==, WF_PICTURE_READY);
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, n + 1);
  g_assert_cmpint (wf_picture_cache_lookup (cache, images->pdata[n - 1], 200, &texture), ==, WF_PICTURE_READY);
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, n + 1);
}

static void
on_ready (gpointer data)
{
  (*(guint *) data)++;
}

/* Runs the main loop until the ready function was called, ten seconds
 * at most.
 */
static void
wait_ready (guint *ready)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*ready == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  g_assert_cmpuint (*ready, >, 0);
}

/* For the canvas, a large picture decodes in a thread: pending until
 * the ready function says it is there, then drawn; a small one decodes
 * at once. Without a ready function (an export) nothing is pending.
 */
static void
test_async (void)
{
  g_autoptr(WfPictureCache) cache = wf_picture_cache_new ();
  g_autoptr(WfImage) large = make_png (1024, 768, 0xdc1414);
  g_autoptr(WfImage) small = make_png (200, 100, 0x14c814);
  GdkTexture *texture = NULL;
  guint ready = 0;

  wf_picture_cache_set_async (cache, on_ready, &ready);
  wf_picture_cache_begin_frame (cache);
  g_assert_cmpint (wf_picture_cache_lookup (cache, small, 64, &texture), ==, WF_PICTURE_READY);
  g_assert_nonnull (texture);
  g_assert_cmpint (wf_picture_cache_lookup (cache, large, 64, &texture), ==, WF_PICTURE_PENDING);
  g_assert_null (texture);
  g_assert_cmpuint (wf_picture_cache_get_n_pending (cache), ==, 1);
  /* Asked again while it decodes: still the one decode. */
  g_assert_cmpint (wf_picture_cache_lookup (cache, large, 64, &texture), ==, WF_PICTURE_PENDING);

  wait_ready (&ready);
  g_assert_cmpuint (ready, ==, 1);
  g_assert_cmpuint (wf_picture_cache_get_n_pending (cache), ==, 0);
  g_assert_cmpint (wf_picture_cache_lookup (cache, large, 64, &texture), ==, WF_PICTURE_READY);
  g_assert_cmpint (short_side (texture), ==, 64);
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, 2);

  /* Waited for where it is needed at once (the focused card's view). */
  {
    g_autoptr(WfImage) other = make_png (900, 900, 0x1414dc);

    g_assert_cmpint (wf_picture_cache_lookup (cache, other, 64, &texture), ==, WF_PICTURE_PENDING);
    g_assert_nonnull (wf_picture_cache_get (cache, other));
    g_assert_cmpint (wf_picture_cache_lookup (cache, other, 64, &texture), ==, WF_PICTURE_READY);
    /* The thread's result, when it comes, is dropped: no second ready. */
    while (wf_picture_cache_get_n_pending (cache) > 0)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (ready, ==, 1);
  }

  /* Freed while a picture decodes: the decode finishes into nothing. */
  {
    WfPictureCache *gone = wf_picture_cache_new ();
    g_autoptr(WfImage) other = make_png (800, 800, 0x808080);
    guint late = 0;

    wf_picture_cache_set_async (gone, on_ready, &late);
    wf_picture_cache_begin_frame (gone);
    g_assert_cmpint (wf_picture_cache_lookup (gone, other, 64, &texture), ==, WF_PICTURE_PENDING);
    wf_picture_cache_free (gone);
    for (guint i = 0; i < 50; i++)
      {
        g_usleep (10000);
        while (g_main_context_iteration (NULL, FALSE))
          ;
      }
    g_assert_cmpuint (late, ==, 0);
  }

  /* Many small ones at once: past the frame's time, they go to threads. */
  {
    g_autoptr(WfPictureCache) many = wf_picture_cache_new ();
    g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_image_unref);
    guint pending = 0, count = 0;

    wf_picture_cache_set_async (many, on_ready, &count);
    wf_picture_cache_begin_frame (many);
    for (guint i = 0; i < 200 && pending == 0; i++)
      {
        g_ptr_array_add (images, make_png (500, 500, 0x010101 * i));
        pending += wf_picture_cache_lookup (many, images->pdata[i], 64, &texture) == WF_PICTURE_PENDING;
      }
    g_assert_cmpuint (pending, ==, 1);
    while (wf_picture_cache_get_n_pending (many) > 0)
      g_main_context_iteration (NULL, TRUE);
  }
}

/* On the canvas, a size dropped decodes again in a thread, and the size
 * kept stands for it meanwhile: no box.
 */
static void
test_trim_async (void)
{
  g_autoptr(WfPictureCache) cache = wf_picture_cache_new ();
  g_autoptr(WfImage) first = make_png (1024, 768, 0xdc1414);
  g_autoptr(WfImage) second = make_png (1024, 768, 0x14c814);
  GdkTexture *texture = NULL;
  guint ready = 0;

  wf_picture_cache_set_async (cache, on_ready, &ready);
  wf_picture_cache_begin_frame (cache);
  g_assert_cmpint (wf_picture_cache_lookup (cache, first, 20, &texture), ==, WF_PICTURE_PENDING);
  g_assert_cmpint (wf_picture_cache_lookup (cache, second, 20, &texture), ==, WF_PICTURE_PENDING);
  while (wf_picture_cache_get_n_pending (cache) > 0)
    g_main_context_iteration (NULL, TRUE);

  /* Room for less than one whole: a frame drawing both keeps their
   * 32-pixel sizes.
   */
  wf_picture_cache_set_budget (cache, 200 * 1024);
  wf_picture_cache_begin_frame (cache);
  g_assert_cmpint (wf_picture_cache_lookup (cache, first, 20, &texture), ==, WF_PICTURE_READY);
  g_assert_cmpint (wf_picture_cache_lookup (cache, second, 20, &texture), ==, WF_PICTURE_READY);
  g_assert_cmpuint (wf_picture_cache_get_size (cache), <=, 200 * 1024);

  ready = 0;
  wf_picture_cache_begin_frame (cache);
  g_assert_cmpint (wf_picture_cache_lookup (cache, first, 200, &texture), ==, WF_PICTURE_READY);
  g_assert_cmpint (short_side (texture), ==, 32);
  g_assert_cmpuint (wf_picture_cache_get_n_pending (cache), ==, 1);
  wait_ready (&ready);
  wf_picture_cache_begin_frame (cache);
  g_assert_cmpint (wf_picture_cache_lookup (cache, first, 200, &texture), ==, WF_PICTURE_READY);
  g_assert_cmpint (short_side (texture), ==, 256);
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (cache), ==, 3);
}

/* The scene as the canvas sets it up: a pending picture is a plain box
 * (no texture node), and the redraw after the ready function has it.
 */
static gboolean
has_texture (GskRenderNode *node)
{
  g_autoptr(GPtrArray) textures = wf_test_collect_nodes (node, GSK_TEXTURE_NODE, TRUE, NULL);

  return textures->len > 0;
}

static GskRenderNode *
snapshot_scene (WfScene *scene,
                WfCard  *focus)
{
  WfLayout *layout = wf_scene_get_layout (scene);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  wf_scene_snapshot (scene, snapshot,
                     &GRAPHENE_RECT_INIT (0, 0, wf_layout_get_width (layout), wf_layout_get_height (layout)),
                     1, NULL, focus);

  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static WfDocument *
make_document (WfImage *image)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Shop");
  g_autoptr(WfPhase) phase = wf_phase_new ("p", "Buy");
  g_autoptr(WfLane) lane = wf_lane_new ("l", WF_LANE_ACTIONS);
  g_autoptr(WfCard) card = wf_card_new ("c0", "Counter");

  wf_map_insert_phase (map, phase, -1);
  wf_map_insert_lane (map, lane, -1);
  wf_card_set_image (card, image);
  wf_map_insert_card (map, card, phase, lane, -1);
  wf_document_insert_map (document, map, -1);

  return g_steal_pointer (&document);
}

static void
test_scene_redraw (void)
{
  g_autoptr(WfImage) large = make_png (1024, 768, 0xdc1414);
  g_autoptr(WfDocument) document = make_document (large);
  g_autoptr(WfScene) scene = wf_scene_new (wf_document_get_map (document, 0));
  g_autoptr(GskRenderNode) first = NULL;
  g_autoptr(GskRenderNode) second = NULL;
  guint ready = 0;

  wf_scene_set_pictures_async (scene, on_ready, &ready);
  wf_scene_set_pixel_scale (scene, 1);
  first = snapshot_scene (scene, NULL);
  g_assert_false (has_texture (first));

  wait_ready (&ready);
  second = snapshot_scene (scene, NULL);
  g_assert_true (has_texture (second));
  g_assert_cmpuint (wf_picture_cache_get_n_decoded (wf_scene_get_picture_cache (scene)), ==, 1);
}

/* The focused card's larger view on the canvas: the box while the
 * picture decodes, then its largest size kept while the picture whole
 * decodes in a thread, then the picture whole.
 */
static void
test_focus_async (void)
{
  g_autoptr(WfImage) large = make_png (1024, 768, 0xdc1414);
  g_autoptr(WfDocument) document = make_document (large);
  WfCard *card = WF_CARD (wf_document_lookup (document, "c0"));
  g_autoptr(WfScene) scene = wf_scene_new (wf_document_get_map (document, 0));
  guint ready = 0;

  wf_scene_set_pictures_async (scene, on_ready, &ready);
  wf_scene_set_pixel_scale (scene, 1);
  {
    g_autoptr(GskRenderNode) node = snapshot_scene (scene, card);

    g_assert_false (has_texture (node));
  }

  wait_ready (&ready);
  ready = 0;
  {
    g_autoptr(GskRenderNode) node = snapshot_scene (scene, card);

    g_assert_true (has_texture (node));
    g_assert_null (scene->whole);
    g_assert_cmpstr (scene->whole_hash, ==, wf_image_get_hash (large));
  }

  wait_ready (&ready);
  g_assert_nonnull (scene->whole);
  g_assert_cmpint (gdk_texture_get_width (scene->whole), ==, 1024);

  /* Gone while the picture whole decodes: nothing is called. */
  {
    g_autoptr(WfImage) other = make_png (900, 600, 0x1414dc);
    WfScene *gone = wf_scene_new (wf_document_get_map (document, 0));
    guint late = 0;

    wf_card_set_image (card, other);
    wf_scene_set_pictures_async (gone, on_ready, &late);
    wf_scene_set_pixel_scale (gone, 1);
    g_assert_nonnull (wf_scene_get_picture (gone, other));
    {
      g_autoptr(GskRenderNode) node = snapshot_scene (gone, card);

      g_assert_true (has_texture (node));
      g_assert_null (gone->whole);
    }
    g_clear_pointer (&gone, wf_scene_free);
    for (guint i = 0; i < 50; i++)
      {
        g_usleep (10000);
        while (g_main_context_iteration (NULL, FALSE))
          ;
      }
    g_assert_cmpuint (late, ==, 0);
  }
}

/* An export decodes where it draws: a large picture is in the PNG, never
 * the box, and at the pixels' size.
 */
static void
test_export_waits (void)
{
  g_autoptr(WfImage) large = make_png (1024, 768, 0xdc1414);
  g_autoptr(WfDocument) document = make_document (large);
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "map.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WfLayout) layout = wf_layout_new (wf_document_get_map (document, 0));
  g_autoptr(WfExport) export = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  WfExportOptions options;
  graphene_rect_t bounds;
  const guint8 *p;

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PNG;
  export = wf_export_new (document, &options);
  g_assert_true (wf_export_write (export, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);

  wf_layout_update (layout);
  g_assert_true (wf_layout_get_card_bounds (layout, WF_CARD (wf_document_lookup (document, "c0")), &bounds));
  p = gdk_pixbuf_read_pixels (pixbuf) +
      (int) (PAD + bounds.origin.y + 6 + 32) * gdk_pixbuf_get_rowstride (pixbuf) +
      (int) (PAD + bounds.origin.x + 6 + 32) * gdk_pixbuf_get_n_channels (pixbuf);
  g_test_message ("the thumbnail's middle: %u, %u, %u", p[0], p[1], p[2]);
  g_assert_cmpint (abs (p[0] - 0xdc), <=, 4);
  g_assert_cmpint (abs (p[1] - 0x14), <=, 4);
  g_assert_cmpint (abs (p[2] - 0x14), <=, 4);

  wf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/picture-cache/sizes", test_sizes);
  g_test_add_func ("/picture-cache/budget", test_budget);
  g_test_add_func ("/picture-cache/trim", test_trim);
  g_test_add_func ("/picture-cache/async", test_async);
  g_test_add_func ("/picture-cache/trim-async", test_trim_async);
  g_test_add_func ("/picture-cache/scene-redraw", test_scene_redraw);
  g_test_add_func ("/picture-cache/focus-async", test_focus_async);
  g_test_add_func ("/picture-cache/export-waits", test_export_waits);

  return g_test_run ();
}
