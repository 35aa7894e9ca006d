/* wf-paint.c — what the canvas's drawing costs GSK's cairo renderer
 *
 * bench/frames.py times whole frames in the running app, on two cores
 * shared with whatever else runs: its wall times move by half between
 * runs. This program times only the canvas's part of a frame, the way
 * GTK's cairo renderer paints it, in CPU time of its own thread, which
 * moves by a few percent: the scene's snapshot() of a view of
 * 1660 × 1030 (the canvas in the app's window at 1920 × 1080) and
 * gsk_render_node_draw() of it onto a new image surface, as the renderer
 * paints a frame.
 *
 *   wayfinder-paint MAP.journey fit|full|sweep [FRAMES]
 *
 * fit pans the whole map at zoom to fit, full pans at 100 % (or at
 * --zoom Z), sweep
 * zooms from 100 % out to 11 % in 13 steps (bench/frames.py's sweep),
 * around the map point @x, @y (--at X,Y; the middle of the generated
 * 20,000-card map by default, where many links cross). It prints the
 * median and 95th percentile of the frames, with --levels the last
 * sweep's frame at each zoom, and with --by-node what each kind of
 * render node cost a frame.
 *
 * The scene is set up as the canvas's: pictures decoded in a thread
 * (their time is not this thread's) and drawn at the size they show;
 * what arrived is taken between frames. At the end, the picture cache's
 * size and the process's resident memory (with --pictures-budget MB, a
 * smaller budget for the cache).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gtk/gtk.h>

#include "model/wf-model.h"
#include "render/wf-scene.h"
#include "storage/wf-journey.h"
#include "wf-bench.h"

#define VIEW_WIDTH  1660.0
#define VIEW_HEIGHT 1030.0

static void
on_picture_ready (gpointer data)
{
  (*(guint *) data)++;
}

/* With --by-node, the paint is made node by node as the cairo renderer
 * makes it, through containers, translations, scales and clips, and each
 * kind of other node's drawing is timed (a rotation, with what is under
 * it): what a frame is made of.
 */
#define N_KINDS 64
static double by_kind[N_KINDS];
static guint n_by_kind[N_KINDS];
static gboolean by_node;

static void
draw_node (GskRenderNode *node,
           cairo_t       *cr)
{
  GskRenderNodeType type = gsk_render_node_get_node_type (node);

  switch (type)
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        draw_node (gsk_container_node_get_child (node, i), cr);
      return;

    case GSK_TRANSFORM_NODE:
      {
        GskTransform *transform = gsk_transform_node_get_transform (node);

        if (gsk_transform_get_category (transform) >= GSK_TRANSFORM_CATEGORY_2D_AFFINE)
          {
            float sx, sy, dx, dy;

            gsk_transform_to_affine (transform, &sx, &sy, &dx, &dy);
            cairo_save (cr);
            cairo_translate (cr, dx, dy);
            cairo_scale (cr, sx, sy);
            draw_node (gsk_transform_node_get_child (node), cr);
            cairo_restore (cr);
            return;
          }
        break;
      }

    case GSK_CLIP_NODE:
      {
        const graphene_rect_t *clip = gsk_clip_node_get_clip (node);

        cairo_save (cr);
        cairo_rectangle (cr, clip->origin.x, clip->origin.y, clip->size.width, clip->size.height);
        cairo_clip (cr);
        draw_node (gsk_clip_node_get_child (node), cr);
        cairo_restore (cr);
        return;
      }

    default:
      break;
    }

  {
    double start = wf_bench_thread_ms ();

    gsk_render_node_draw (node, cr);
    by_kind[MIN (type, N_KINDS - 1)] += wf_bench_thread_ms () - start;
    n_by_kind[MIN (type, N_KINDS - 1)]++;
  }
}

/* One frame as the canvas and the renderer make it: in ms of CPU. */
static double
paint (WfScene               *scene,
       const graphene_rect_t *area,
       double                 zoom)
{
  double start = wf_bench_thread_ms ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_t *cr;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, VIEW_WIDTH, VIEW_HEIGHT));
  gtk_snapshot_scale (snapshot, zoom, zoom);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-area->origin.x, -area->origin.y));
  wf_scene_snapshot (scene, snapshot, area, zoom, NULL, NULL);
  gtk_snapshot_pop (snapshot);
  node = gtk_snapshot_free_to_node (snapshot);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);
  cr = cairo_create (surface);
  if (node != NULL && by_node)
    draw_node (node, cr);
  else if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
  g_clear_pointer (&node, gsk_render_node_unref);

  return wf_bench_thread_ms () - start;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("MAP.journey fit|full|sweep [FRAMES]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(WfScene) scene = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *at = NULL;
  gboolean levels = FALSE;
  double pan_zoom = 1;
  int budget = 0;
  guint ready = 0;
  GOptionEntry entries[] = {
    { "pictures-budget", 0, 0, G_OPTION_ARG_INT, &budget, "The picture cache's budget (96)", "MB" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, "The map point the views are around (the map's middle)", "X,Y" },
    { "zoom", 0, 0, G_OPTION_ARG_DOUBLE, &pan_zoom, "With full, the zoom to pan at (1)", "ZOOM" },
    { "by-node", 0, 0, G_OPTION_ARG_NONE, &by_node, "Time each kind of node's drawing", NULL },
    { "levels", 0, 0, G_OPTION_ARG_NONE, &levels, "With sweep, the last frame at each zoom", NULL },
    { NULL }
  };
  double width, height, fit, x, y;
  const char *mode;
  guint frames;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 3)
    {
      g_printerr ("wayfinder-paint: %s\n", error ? error->message : "wayfinder-paint MAP.journey fit|full|sweep [FRAMES]");
      return 2;
    }
  mode = argv[2];
  frames = argc > 3 ? (guint) atoi (argv[3]) : 260;

  gtk_init ();
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!(document = wf_journey_load_file (file, NULL, NULL, &error)))
    {
      g_printerr ("wayfinder-paint: %s\n", error->message);
      return 1;
    }
  scene = wf_scene_new (wf_document_get_map (document, 0));
  wf_scene_set_pictures_async (scene, on_picture_ready, &ready);
  wf_scene_set_pixel_scale (scene, 1);
  if (budget > 0)
    wf_picture_cache_set_budget (wf_scene_get_picture_cache (scene), (gsize) budget * 1024 * 1024);
  width = wf_layout_get_width (wf_scene_get_layout (scene));
  height = wf_layout_get_height (wf_scene_get_layout (scene));
  fit = MIN (MIN ((VIEW_WIDTH - 32) / width, (VIEW_HEIGHT - 32) / height), 0.1);
  x = width / 2;
  y = height / 2;
  if (at != NULL && sscanf (at, "%lf,%lf", &x, &y) != 2)
    {
      g_printerr ("wayfinder-paint: --at wants X,Y\n");
      return 2;
    }

  for (guint i = 0; i < frames; i++)
    {
      graphene_rect_t area;
      double zoom, ms;

      if (g_str_equal (mode, "fit"))
        {
          /* A few pixels a frame, as bench/frames.py's pan at fit. */
          zoom = fit;
          area = GRAPHENE_RECT_INIT ((-16 - (i % 10) * 6.0) / zoom, (-16 - (i % 10) * 8.0) / zoom,
                                     VIEW_WIDTH / zoom, VIEW_HEIGHT / zoom);
        }
      else if (g_str_equal (mode, "full"))
        {
          zoom = pan_zoom;
          area = GRAPHENE_RECT_INIT (x - VIEW_WIDTH / 2 / zoom + (i % 20) * 53.0 / zoom,
                                     y - VIEW_HEIGHT / 2 / zoom + (i % 20) * 37.0 / zoom,
                                     VIEW_WIDTH / zoom, VIEW_HEIGHT / zoom);
        }
      else if (g_str_equal (mode, "sweep"))
        {
          zoom = pow (1.2, -(double) (i % 13));
          area = GRAPHENE_RECT_INIT (x - VIEW_WIDTH / 2 / zoom, y - VIEW_HEIGHT / 2 / zoom,
                                     VIEW_WIDTH / zoom, VIEW_HEIGHT / zoom);
        }
      else
        {
          g_printerr ("wayfinder-paint: no mode “%s”: fit, full or sweep\n", mode);
          return 2;
        }

      ms = paint (scene, &area, zoom);
      g_array_append_val (times, ms);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (levels && g_str_equal (mode, "sweep") && i + 13 >= frames)
        g_print ("  zoom %5.3f: %6.2f ms\n", zoom, ms);
    }

  g_print ("%s, %u frames: median %.2f ms, p95 %.2f ms (CPU time: snapshot and paint)\n", mode, frames,
           wf_bench_median (times), wf_bench_percentile (times, 0.95));
  if (by_node)
    for (guint k = 0; k < N_KINDS; k++)
      if (n_by_kind[k] > 0)
        g_print ("  %-28s %7.3f ms, %6.1f nodes a frame\n",
                 g_enum_to_string (GSK_TYPE_RENDER_NODE_TYPE, k), by_kind[k] / frames, (double) n_by_kind[k] / frames);
  {
    WfPictureCache *cache = wf_scene_get_picture_cache (scene);

    if (wf_picture_cache_get_n_pictures (cache) > 0)
      g_print ("pictures: %u met, %u decodes, %.1f MB kept; resident memory %.0f MB\n",
               wf_picture_cache_get_n_pictures (cache), wf_picture_cache_get_n_decoded (cache),
               wf_picture_cache_get_size (cache) / 1e6, wf_bench_rss_mb ());
  }

  return 0;
}
