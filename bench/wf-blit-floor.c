/* wf-blit-floor.c — what a frame costs when the whole view moves
 *
 * Issue #19 asks for whole frames under 4 ms while panning a map at
 * 1920 × 1080 with GTK's cairo renderer, and suggests keeping what is
 * drawn as tiles and moving them, as map widgets do. This program
 * measures the floor of that: a window of 1920 × 1080 whose only
 * content is 512-pixel tiles, all drawn already, moved by a few pixels
 * every frame, with the frame probe of the app (src/ui/wf-frame-probe.c)
 * timing each frame as bench/frames.py does. Nothing is drawn anew;
 * what remains is GSK painting the tiles and the upload.
 *
 *   WAYFINDER_FRAME_LOG=frames.log GSK_RENDERER=cairo \
 *     xvfb-run -s "-screen 0 1920x1080x24" wayfinder-blit-floor [--texture] [--opaque] [--fill]
 *
 * prints the median and 95th percentile of the frames. The tiles are
 * cairo nodes holding an image surface (as a cached drawing would be),
 * or with --texture GdkMemoryTextures in texture nodes; --opaque makes
 * them RGB24. With --fill an area as large as the app's canvas in that
 * window (1645 × 1023, where the sidebar and the header bar leave it)
 * holds one colour that changes every frame: the floor of any frame
 * that draws the whole canvas again (a zoom, a pan), whatever it draws.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ui/wf-frame-probe.h"

#define TILE 512
#define SECONDS 3

static gboolean use_texture;
static gboolean opaque;
static gboolean fill;

#define WF_TYPE_TILES (wf_tiles_get_type ())
G_DECLARE_FINAL_TYPE (WfTiles, wf_tiles, WF, TILES, GtkWidget)

struct _WfTiles
{
  GtkWidget      parent_instance;
  GdkTexture    *texture;
  GskRenderNode *node;
  int            offset;
};

G_DEFINE_FINAL_TYPE (WfTiles, wf_tiles, GTK_TYPE_WIDGET)

static void
wf_tiles_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  WfTiles *self = WF_TILES (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int dx = self->offset % TILE;
  int dy = (self->offset / 2) % TILE;

  if (fill)
    {
      GdkRGBA color = { 0.9 + (self->offset / 7 % 2) * 0.05, 0.9, 0.9, 1 };

      gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (int y = -dy; y < height; y += TILE)
    for (int x = -dx; x < width; x += TILE)
      {
        if (use_texture)
          gtk_snapshot_append_texture (snapshot, self->texture, &GRAPHENE_RECT_INIT (x, y, TILE, TILE));
        else
          {
            gtk_snapshot_save (snapshot);
            gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
            gtk_snapshot_append_node (snapshot, self->node);
            gtk_snapshot_restore (snapshot);
          }
      }
  gtk_snapshot_pop (snapshot);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  WF_TILES (widget)->offset += 7;
  gtk_widget_queue_draw (widget);

  return G_SOURCE_CONTINUE;
}

static void
wf_tiles_dispose (GObject *object)
{
  WfTiles *self = WF_TILES (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->node, gsk_render_node_unref);

  G_OBJECT_CLASS (wf_tiles_parent_class)->dispose (object);
}

static void
wf_tiles_class_init (WfTilesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wf_tiles_dispose;
  GTK_WIDGET_CLASS (klass)->snapshot = wf_tiles_snapshot;
}

/* A tile that looks like part of a map: blocks of colour and text. */
static void
wf_tiles_init (WfTiles *self)
{
  cairo_surface_t *surface = cairo_image_surface_create (opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32,
                                                         TILE, TILE);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_paint (cr);
  for (int i = 0; i < 40; i++)
    {
      cairo_set_source_rgb (cr, i / 40.0, 0.5, 1 - i / 40.0);
      cairo_rectangle (cr, (i * 37) % 450, (i * 53) % 470, 60, 40);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 10, 100);
  cairo_set_font_size (cr, 14);
  cairo_show_text (cr, "Orders in the web shop");
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       cairo_image_surface_get_stride (surface) * TILE);
  self->texture = gdk_memory_texture_new (TILE, TILE, GDK_MEMORY_DEFAULT, bytes,
                                          cairo_image_surface_get_stride (surface));

  self->node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, TILE, TILE));
  cr = gsk_cairo_node_get_draw_context (self->node);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  if (fill)
    {
      gtk_widget_set_margin_start (GTK_WIDGET (self), 1920 - 1645);
      gtk_widget_set_margin_top (GTK_WIDGET (self), 1080 - 1023);
    }
  gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
}

static gboolean
on_time_up (gpointer app)
{
  g_application_quit (app);

  return G_SOURCE_REMOVE;
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  wf_frame_probe_attach (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_set_child (GTK_WINDOW (window), g_object_new (WF_TYPE_TILES, NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add_seconds (SECONDS, on_time_up, app);
}

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The frames the probe logged, as bench/frames.py reads them. */
static void
report (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_printerr ("wayfinder-blit-floor: no frame log at %s\n", path);
      return;
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      gint64 begin, end;

      if (sscanf (lines[i], "frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &begin, &end) == 2)
        {
          double d = (end - begin) / 1000.0;
          g_array_append_val (ms, d);
        }
    }

  /* The first frames load fonts and make the window. */
  if (ms->len > 10)
    g_array_remove_range (ms, 0, 5);
  if (ms->len == 0)
    return;
  qsort (ms->data, ms->len, sizeof (double), compare);
  g_print ("%s%s: %u frames, median %.2f ms, p95 %.2f ms\n",
           fill ? "one colour, changing" : use_texture ? "texture tiles" : "cairo tiles", opaque ? ", opaque" : "", ms->len,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, (guint) (ms->len * 0.95)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;
  const char *log = g_getenv ("WAYFINDER_FRAME_LOG");
  GOptionEntry entries[] = {
    { "texture", 0, 0, G_OPTION_ARG_NONE, &use_texture, "Tiles as GdkTextures", NULL },
    { "opaque", 0, 0, G_OPTION_ARG_NONE, &opaque, "Opaque tiles (RGB24)", NULL },
    { "fill", 0, 0, G_OPTION_ARG_NONE, &fill, "One colour that changes every frame", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (log == NULL)
    {
      g_printerr ("wayfinder-blit-floor: set WAYFINDER_FRAME_LOG to a file name\n");
      return 2;
    }
  g_unlink (log);

  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  g_application_run (G_APPLICATION (app), 1, argv);
  report (log);

  return 0;
}
