/* test-picture-show.c — pictures drawn: the scene, PNG, PDF and SVG
 *
 * A persona's photo in its band's circle, a card's image as a thumbnail,
 * both cropped around their focal point; a picture that does not decode
 * as a placeholder; the focused card's image larger; and the exports
 * carrying them, read back by gdk-pixbuf and poppler's pdfimages (issue
 * #17, stages 3 and 5 of docs/pictures.md).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

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

typedef struct { guint8 r, g, b; } Rgb;

static const Rgb red = { 220, 20, 20 }, green = { 20, 200, 20 }, magenta = { 200, 0, 200 };
/* The same, as wf_test_make_png() takes them. */
#define RED     0xdc1414
#define GREEN   0x14c814
#define MAGENTA 0xc800c8
static const char *tint = "#1c71d8";

static guint32
crc32 (const guint8 *data,
       gsize         len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }

  return crc ^ 0xffffffff;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              guint32       len)
{
  guint32 be = GUINT32_TO_BE (len), crc;
  g_autoptr(GByteArray) typed = g_byte_array_new ();

  g_byte_array_append (png, (const guint8 *) &be, 4);
  g_byte_array_append (typed, (const guint8 *) type, 4);
  g_byte_array_append (typed, data, len);
  g_byte_array_append (png, typed->data, typed->len);
  crc = GUINT32_TO_BE (crc32 (typed->data, typed->len));
  g_byte_array_append (png, (const guint8 *) &crc, 4);
}

/* A PNG whose chunks add up, so that the checker passes it, but whose
 * image data is not zlib: it does not decode.
 */
static WfImage *
make_undecodable (void)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 ihdr[] = { 0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0 };
  static const guint8 garbage[] = "this is not zlib data at all";
  GByteArray *png = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  guint w = 0, h = 0;

  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT", garbage, sizeof garbage);
  append_chunk (png, "IEND", NULL, 0);
  bytes = g_byte_array_free_to_bytes (png);

  g_assert_true (wf_picture_check (WF_IMAGE_PNG, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   &w, &h, NULL));
  g_assert_null (gdk_texture_new_from_bytes (bytes, NULL));

  return wf_image_new (WF_IMAGE_PNG, bytes, w, h, "", 0.5, 0.5);
}

/* A map with a persona, Anna, whose photo is red above green; her lane
 * has three cards: "Counter" with a magenta image, "Broken" with one
 * that does not decode, "Plain" with none.
 */
static WfDocument *
make_document (double photo_focus_y)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Shop");
  g_autoptr(WfPersona) persona = wf_persona_new ("anna", "Anna");
  g_autoptr(WfPhase) phase = wf_phase_new ("p", "Buy");
  g_autoptr(WfLane) lane = wf_lane_new ("l", WF_LANE_ACTIONS);
  g_autoptr(WfImage) photo = wf_test_make_png (40, 80, RED, GREEN, 0.5, photo_focus_y);
  g_autoptr(WfImage) image = wf_test_make_png (60, 40, MAGENTA, MAGENTA, 0.5, 0.5);
  g_autoptr(WfImage) broken = make_undecodable ();
  const char *titles[] = { "Counter", "Broken", "Plain" };

  wf_document_set_title (document, "Pictures");
  wf_persona_set_color (persona, tint);
  wf_persona_set_photo (persona, photo);
  wf_document_insert_persona (document, persona, -1);
  wf_map_insert_phase (map, phase, -1);
  wf_lane_set_persona (lane, persona);
  wf_map_insert_lane (map, lane, -1);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autoptr(WfCard) card = wf_card_new (id, titles[i]);

      if (i == 0)
        wf_card_set_image (card, image);
      else if (i == 1)
        wf_card_set_image (card, broken);
      wf_map_insert_card (map, card, phase, lane, -1);
    }
  wf_document_insert_map (document, map, -1);

  return g_steal_pointer (&document);
}

static GdkPixbuf *
export_png (WfDocument *document,
            const char *dir,
            double      scale)
{
  g_autofree char *path = g_build_filename (dir, "map.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WfExport) export = NULL;
  g_autoptr(GError) error = NULL;
  WfExportOptions options;
  GdkPixbuf *pixbuf;

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PNG;
  options.scale = scale;
  export = wf_export_new (document, &options);
  g_assert_true (wf_export_write (export, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);

  return pixbuf;
}

static Rgb
pixel_at (GdkPixbuf *pixbuf,
          double     x,
          double     y)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) + (int) y * gdk_pixbuf_get_rowstride (pixbuf) +
                    (int) x * gdk_pixbuf_get_n_channels (pixbuf);

  return (Rgb) { p[0], p[1], p[2] };
}

static gboolean
near (Rgb        a,
      const Rgb *b)
{
  return abs (a.r - b->r) <= 12 && abs (a.g - b->g) <= 12 && abs (a.b - b->b) <= 12;
}

static const WfRow *
band_row (WfLayout *layout)
{
  for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
    if (wf_layout_get_row (layout, r)->kind == WF_ROW_PERSONA)
      return wf_layout_get_row (layout, r);

  g_assert_not_reached ();
}

/* The photo takes the place of the initials, cropped around its focal
 * point; the card's image is a thumbnail at the card's left; a picture
 * that does not decode is a placeholder, and the card is drawn.
 */
static void
test_png (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  const double scale = 2;

  for (guint top = 0; top < 2; top++)
    {
      g_autoptr(WfDocument) document = make_document (top ? 0.1 : 0.9);
      WfMap *map = wf_document_get_map (document, 0);
      g_autoptr(WfLayout) layout = wf_layout_new (map);
      g_autoptr(GdkPixbuf) pixbuf = export_png (document, dir, scale);
      graphene_rect_t bounds;
      const WfRow *band;
      Rgb centre, thumb, placeholder, plain;
      GdkRGBA persona;

      wf_layout_update (layout);
      band = band_row (layout);

      /* The circle: 26 units across, 12 from the map's left, 6 below the
       * band's top. A portrait photo in it shows its top or its bottom
       * half, as the focal point says; never the persona's colour.
       */
      centre = pixel_at (pixbuf, (PAD + 12 + 13) * scale, (PAD + band->y + 6 + 13) * scale);
      g_test_message ("focus %s: the circle's middle is %u, %u, %u", top ? "up" : "down", centre.r, centre.g, centre.b);
      g_assert_true (near (centre, top ? &red : &green));
      gdk_rgba_parse (&persona, tint);
      g_assert_false (near (centre, &(Rgb) { persona.red * 255, persona.green * 255, persona.blue * 255 }));

      /* The thumbnail: a square 6 units in from the card's top left. */
      g_assert_true (wf_layout_get_card_bounds (layout, WF_CARD (wf_document_lookup (document, "c0")), &bounds));
      thumb = pixel_at (pixbuf, (PAD + bounds.origin.x + 6 + 32) * scale, (PAD + bounds.origin.y + 6 + 32) * scale);
      g_assert_true (near (thumb, &magenta));
      /* Cropped to a square: the image's ends are cut, not squeezed in. */
      thumb = pixel_at (pixbuf, (PAD + bounds.origin.x + 6 + 1) * scale, (PAD + bounds.origin.y + 6 + 32) * scale);
      g_assert_true (near (thumb, &magenta));

      /* The placeholder: neither the card's fill nor nothing. */
      g_assert_true (wf_layout_get_card_bounds (layout, WF_CARD (wf_document_lookup (document, "c2")), &bounds));
      plain = pixel_at (pixbuf, (PAD + bounds.origin.x + 6 + 3) * scale, (PAD + bounds.origin.y + 6 + 3) * scale);
      g_assert_true (wf_layout_get_card_bounds (layout, WF_CARD (wf_document_lookup (document, "c1")), &bounds));
      placeholder = pixel_at (pixbuf, (PAD + bounds.origin.x + 6 + 3) * scale, (PAD + bounds.origin.y + 6 + 3) * scale);
      g_test_message ("placeholder %u, %u, %u; plain card %u, %u, %u", placeholder.r, placeholder.g, placeholder.b,
                      plain.r, plain.g, plain.b);
      g_assert_false (near (placeholder, &plain));
    }

  wf_test_remove_tree (dir);
}

/* Far out the photo is a few pixels: the circle of the persona's colour
 * stands for it.
 */
static void
test_far_out (void)
{
  g_autoptr(WfDocument) document = make_document (0.1);
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfLayout) layout = wf_layout_new (wf_document_get_map (document, 0));
  const double scale = 0.2;
  g_autoptr(GdkPixbuf) pixbuf = export_png (document, dir, scale);
  const WfRow *band;
  Rgb centre;
  GdkRGBA persona;

  wf_layout_update (layout);
  band = band_row (layout);
  gdk_rgba_parse (&persona, tint);
  centre = pixel_at (pixbuf, (PAD + 12 + 13) * scale, (PAD + band->y + 6 + 13) * scale);
  g_test_message ("the circle's middle is %u, %u, %u", centre.r, centre.g, centre.b);
  g_assert_true (near (centre, &(Rgb) { persona.red * 255, persona.green * 255, persona.blue * 255 }));

  wf_test_remove_tree (dir);
}

/* The scene as the canvas draws it, at @zoom, onto an image surface. */
static GdkPixbuf *
draw_scene (WfScene *scene,
            double   zoom,
            WfCard  *focus)
{
  WfLayout *layout = wf_scene_get_layout (scene);
  int width = wf_layout_get_width (layout) * zoom + 400, height = wf_layout_get_height (layout) * zoom + 400;
  graphene_rect_t area = GRAPHENE_RECT_INIT (0, 0, width / zoom, height / zoom);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GdkPixbuf *pixbuf;

  gtk_snapshot_scale (snapshot, zoom, zoom);
  wf_scene_snapshot (scene, snapshot, &area, zoom, NULL, focus);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  pixbuf = gdk_pixbuf_get_from_surface (surface, 0, 0, width, height);
  cairo_surface_destroy (surface);

  return pixbuf;
}

static guint
count_near (GdkPixbuf *pixbuf,
            const Rgb *color)
{
  guint n = 0;

  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x++)
      n += near (pixel_at (pixbuf, x, y), color);

  return n;
}

/* The focused card's image is shown larger beside it (or under it, to
 * stay in its phase), larger still in the projector's style; no other
 * card's focus shows it.
 */
static void
test_focus_larger (void)
{
  g_autoptr(WfDocument) document = make_document (0.5);
  WfMap *map = wf_document_get_map (document, 0);
  WfCard *counter = WF_CARD (wf_document_lookup (document, "c0"));
  WfCard *plain = WF_CARD (wf_document_lookup (document, "c2"));
  g_autoptr(WfScene) scene = wf_scene_new (map);

  for (guint projector = 0; projector < 2; projector++)
    {
      /* 220 pixels on its long side, 360 for a projector; the image is
       * 3 by 2. */
      double side = projector ? 360 : 220;
      g_autoptr(GdkPixbuf) unfocused = NULL;
      g_autoptr(GdkPixbuf) focused = NULL;
      g_autoptr(GdkPixbuf) other = NULL;
      guint before, after;
      double shown;

      wf_scene_set_theme (scene, projector ? WF_THEME_PROJECTOR : WF_THEME_LIGHT);
      for (double zoom = 0.5; zoom <= 1.5; zoom += 1)
        {
          g_clear_object (&unfocused);
          g_clear_object (&focused);
          g_clear_object (&other);
          unfocused = draw_scene (scene, zoom, NULL);
          focused = draw_scene (scene, zoom, counter);
          other = draw_scene (scene, zoom, plain);
          before = count_near (unfocused, &magenta);
          after = count_near (focused, &magenta);
          g_test_message ("projector %u, zoom %.1f: %u magenta pixels, %u focused", projector, zoom, before, after);

          /* The thumbnail's, 64 units square. */
          g_assert_cmpuint (before, >=, 60 * 60 * zoom * zoom);
          g_assert_cmpuint (before, <=, 66 * 66 * zoom * zoom);
          /* As large on screen at every zoom, but never narrower than
           * the card. */
          shown = MAX (side, WF_LAYOUT_CARD_WIDTH * zoom);
          g_assert_cmpuint (after - before, >=, (shown - 4) * (shown * 2 / 3 - 4));
          g_assert_cmpuint (after - before, <=, (shown + 4) * (shown * 2 / 3 + 4));
          g_assert_cmpuint (count_near (other, &magenta), ==, before);
        }
    }
}

/* Each picture is decoded once per scene, however often it is drawn. */
static void
test_decoded_once (void)
{
  g_autoptr(WfDocument) document = make_document (0.5);
  WfMap *map = wf_document_get_map (document, 0);
  WfCard *plain = WF_CARD (wf_document_lookup (document, "c2"));
  WfImage *image = wf_card_get_image (WF_CARD (wf_document_lookup (document, "c0")));
  g_autoptr(WfScene) scene = wf_scene_new (map);
  g_autoptr(GdkPixbuf) first = draw_scene (scene, 1, NULL);
  g_autoptr(GdkPixbuf) again = NULL;

  /* Photo, image and the one that does not decode. */
  g_assert_cmpuint (wf_scene_get_n_pictures (scene), ==, 3);

  /* The same picture on another card is the same texture. */
  wf_card_set_image (plain, image);
  wf_scene_forget_all (scene);
  again = draw_scene (scene, 1, NULL);
  g_assert_cmpuint (wf_scene_get_n_pictures (scene), ==, 3);
  g_assert_true (wf_scene_get_picture (scene, image) == wf_scene_get_picture (scene, wf_card_get_image (plain)));
}

/* A large picture is kept no larger than its thumbnail needs at the
 * largest zoom, 256 pixels on its short side, so that drawing it is
 * cheap; the focused card's larger view shows it whole, and sharp.
 */
static void
test_kept_small (void)
{
  g_autoptr(WfDocument) document = make_document (0.5);
  WfCard *counter = WF_CARD (wf_document_lookup (document, "c0"));
  g_autoptr(WfImage) large = wf_test_make_png (1024, 768, MAGENTA, GREEN, 0.5, 0.5);
  g_autoptr(WfImage) small = wf_test_make_png (200, 100, MAGENTA, GREEN, 0.5, 0.5);
  g_autoptr(WfScene) scene = wf_scene_new (wf_document_get_map (document, 0));
  GdkTexture *texture;

  texture = wf_scene_get_picture (scene, large);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 341);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 256);
  texture = wf_scene_get_picture (scene, small);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 200);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 100);

  /* The focused card's view at zoom 1: 220 pixels wide, the top half
   * magenta and the bottom green, as the whole picture is.
   */
  wf_card_set_image (counter, large);
  {
    g_autoptr(GdkPixbuf) focused = draw_scene (scene, 1, counter);
    guint m = count_near (focused, &magenta), g = count_near (focused, &green);

    g_test_message ("%u magenta, %u green pixels", m, g);
    g_assert_cmpuint (g, >=, 216 * 161 / 2);
    g_assert_cmpuint (m, >=, 216 * 161 / 2);
    /* From the picture whole, kept for this one view. */
    g_assert_nonnull (scene->whole);
    g_assert_cmpint (gdk_texture_get_width (scene->whole), ==, 1024);
  }
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_test_skip_printf ("%s is not installed", name);

  return path != NULL;
}

/* A PDF embeds the pictures as images, not the page as pixels; an SVG
 * as <image> elements.
 */
static void
test_pdf_svg (void)
{
  g_autoptr(WfDocument) document = make_document (0.5);
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  const char *paths[] = { pdf, svg };
  const WfExportFormat formats[] = { WF_EXPORT_FORMAT_PDF, WF_EXPORT_FORMAT_SVG };
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint images = 0;
  int status;
  const char *argv[] = { "pdfimages", "-list", pdf, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(WfExport) export = NULL;
      WfExportOptions options;

      wf_export_options_init (&options);
      options.format = formats[i];
      export = wf_export_new (document, &options);
      g_assert_true (wf_export_write (export, file, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  /* Two <image>s: the photo and the card's image (the placeholder is
   * shapes).
   */
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  for (const char *p = text; (p = strstr (p, "<image")) != NULL; p++)
    images++;
  g_assert_cmpuint (images, ==, 2);

  if (!have_program ("pdfimages"))
    {
      wf_test_remove_tree (dir);
      return;
    }

  /* pdfimages -list: two lines of heading, then one line per image, in
   * the picture's own pixels. Cairo pads the photo to the part its circle
   * shows (GTK draws a texture with CAIRO_EXTEND_PAD), so that one is 42
   * by 42 of its 40 by 80; the card's shows whole.
   */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_test_message ("%s", out);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2 + 2);
  g_assert_nonnull (strstr (out, "   60    40 "));
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      guint n = 0;
      guint64 width = 0;

      /* page, num, type, width: no image is as wide as the page. */
      for (guint f = 0; fields[f] != NULL; f++)
        if (*fields[f] != '\0' && ++n == 4)
          width = g_ascii_strtoull (fields[f], NULL, 10);
      g_assert_cmpuint (width, >, 0);
      g_assert_cmpuint (width, <=, 60);
    }

  wf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/picture-show/png", test_png);
  g_test_add_func ("/picture-show/far-out", test_far_out);
  g_test_add_func ("/picture-show/focus-larger", test_focus_larger);
  g_test_add_func ("/picture-show/decoded-once", test_decoded_once);
  g_test_add_func ("/picture-show/kept-small", test_kept_small);
  g_test_add_func ("/picture-show/pdf-svg", test_pdf_svg);

  return g_test_run ();
}
