/* test-export-ui.c — the export as people meet it: the canvas and the
 * PNG agree pixel for pixel, the Export dialog exports, printing prints
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "model/wf-templates.h"
#include "export/wf-export.h"
#include "storage/wf-journey.h"
#include "ui/wf-canvas-private.h"
#include "ui/wf-export-dialog.h"
#include "ui/wf-print.h"
#include "test-app.h"
#include "test-util.h"

static WfDocument *
load_sample (void)
{
  return wf_test_load_data ("../../data/samples/coffee-subscription.journey");
}

static gboolean
is_laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* The canvas's last frame drew every card with its words: a frame has a
 * budget for making cards' nodes (wf_scene_set_build_budget()).
 */
static gboolean
is_complete (gpointer data)
{
  return wf_scene_is_complete (wf_canvas_get_scene (data));
}

/* What the window's renderer makes of the canvas: its screenshot. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The PNG export at 100 % and the canvas at 100 % show the same pixels:
 * one drawing for both.
 */
static void
check_canvas_matches_png (WfDocument *document)
{
  WfMap *map = wf_document_get_map (document, 0);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *canvas = wf_canvas_new ();
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkPixbuf) exported = NULL;
  g_autoptr(WfExport) export = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *pixels = NULL;
  WfExportOptions options;
  double offset_x, offset_y;
  int width, height, different = 0, compared = 0;
  gsize stride;

  wf_test_use_system_data_dirs ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  wf_canvas_set_map (WF_CANVAS (canvas), map);
  gtk_window_present (GTK_WINDOW (window));
  wf_test_wait_until (is_laid_out, canvas, "the canvas laid out");
  wf_test_wait_frame (canvas);

  /* 100 %, somewhere inside the map. */
  wf_canvas_zoom_at (WF_CANVAS (canvas), 1.0, 0, 0);
  wf_canvas_scroll_by (WF_CANVAS (canvas), 230, 140);
  wf_test_wait_frame (canvas);
  g_assert_cmpfloat (wf_canvas_get_zoom (WF_CANVAS (canvas)), ==, 1.0);
  /* On whole pixels, as the export's are. */
  wf_canvas_get_offset (WF_CANVAS (canvas), &offset_x, &offset_y);
  wf_canvas_scroll_by (WF_CANVAS (canvas), round (offset_x) - offset_x, round (offset_y) - offset_y);
  wf_test_wait_frame (canvas);
  wf_canvas_get_offset (WF_CANVAS (canvas), &offset_x, &offset_y);
  g_assert_cmpfloat_with_epsilon (offset_x, round (offset_x), 1e-6);
  g_assert_cmpfloat_with_epsilon (offset_y, round (offset_y), 1e-6);
  wf_test_wait_until (is_complete, canvas, "every card drawn");

  shot = render_widget (canvas);
  width = gdk_texture_get_width (shot);
  height = gdk_texture_get_height (shot);
  stride = width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (shot, pixels, stride);

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PNG;
  export = wf_export_new (document, &options);
  png = wf_export_render_file (export, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);

    exported = gdk_pixbuf_new_from_stream (stream, NULL, &error);
    g_assert_no_error (error);
  }

  /* The export's sheet has 32 pixels of padding around the map. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        int ex = x + (int) round (offset_x) + 32, ey = y + (int) round (offset_y) + 32;
        const guint8 *a, *b;
        int worst = 0;

        if (ex >= gdk_pixbuf_get_width (exported) || ey >= gdk_pixbuf_get_height (exported))
          continue;

        /* Texture: B G R A (premultiplied, opaque here); pixbuf: R G B. */
        a = pixels + y * stride + x * 4;
        b = gdk_pixbuf_read_pixels (exported) + ey * gdk_pixbuf_get_rowstride (exported) +
            ex * gdk_pixbuf_get_n_channels (exported);
        worst = MAX (worst, abs (a[2] - b[0]));
        worst = MAX (worst, abs (a[1] - b[1]));
        worst = MAX (worst, abs (a[0] - b[2]));
        compared++;
        if (worst > 24)
          different++;
      }

  g_test_message ("%d of %d pixels differ (offset %.1f, %.1f)", different, compared, offset_x, offset_y);
  g_assert_cmpint (compared, >, width * height / 2);
  g_assert_cmpfloat ((double) different / compared, <, 0.005);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_canvas_matches_png (void)
{
  g_autoptr(WfDocument) document = load_sample ();
  g_autoptr(WfDocument) pictures = wf_test_load_data ("pictures.journey");
  WfImage *image = wf_card_get_image (WF_CARD (wf_document_lookup (pictures, "cd0")));
  WfImage *photo = wf_persona_get_photo (WF_PERSONA (wf_document_lookup (pictures, "anna")));
  WfMap *map = wf_document_get_map (document, 0);

  check_canvas_matches_png (document);

  /* With pictures on every card and persona (issue #17): texture nodes
   * drawn the same way on the canvas and in the export.
   */
  for (guint i = 0; i < wf_document_get_n_personas (document); i++)
    wf_persona_set_photo (wf_document_get_persona (document, i), photo);
  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
      {
        GPtrArray *cell = wf_map_get_cell (map, wf_map_get_phase (map, p), wf_map_get_lane (map, l));

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          wf_card_set_image (g_ptr_array_index (cell, i), i % 2 ? image : photo);
      }
  check_canvas_matches_png (document);
}

/* The first colour node of @node's tree outside any transform: what the
 * canvas draws in its own units.
 */
static GskRenderNode *
untransformed_color (GskRenderNode *node)
{
  g_autoptr(GPtrArray) colors = wf_test_collect_nodes (node, GSK_COLOR_NODE, FALSE, NULL);

  return colors->len > 0 ? g_ptr_array_index (colors, 0) : NULL;
}

/* The canvas's background is the same node at every zoom, the widget's
 * size to the bit: GTK's diff of two frames then leaves out what it
 * alone covers, where a zoom step does not reach (issue #19).
 */
static void
test_canvas_background (void)
{
  g_autoptr(WfDocument) document = load_sample ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *canvas = wf_canvas_new ();

  wf_test_use_system_data_dirs ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  wf_canvas_set_map (WF_CANVAS (canvas), wf_document_get_map (document, 0));
  gtk_window_present (GTK_WINDOW (window));
  wf_test_wait_until (is_laid_out, canvas, "the canvas laid out");

  /* The steps of a zoom by the wheel, scrolled a little. */
  wf_canvas_scroll_by (WF_CANVAS (canvas), 0.3, 0.7);
  for (double zoom = 1.0; zoom > 0.1; zoom /= 1.2)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (canvas);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      GskRenderNode *background;
      graphene_rect_t bounds;
      GdkRGBA expected = *wf_scene_get_background (wf_canvas_get_scene (WF_CANVAS (canvas)));

      wf_canvas_zoom_at (WF_CANVAS (canvas), zoom, 0, 0);
      wf_test_wait_frame (canvas);
      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (canvas), gtk_widget_get_height (canvas));
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      background = untransformed_color (node);
      g_assert_nonnull (background);
      gsk_render_node_get_bounds (background, &bounds);
      g_assert_cmpfloat (bounds.origin.x, ==, 0);
      g_assert_cmpfloat (bounds.origin.y, ==, 0);
      g_assert_cmpfloat (bounds.size.width, ==, gtk_widget_get_width (canvas));
      g_assert_cmpfloat (bounds.size.height, ==, gtk_widget_get_height (canvas));
      g_assert_true (gdk_rgba_equal (gsk_color_node_get_color (background), &expected));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The dialog */

static gboolean
dialog_idle (gpointer data)
{
  return !wf_export_dialog_is_busy (data);
}

static void
on_exported (WfExportDialog *dialog,
             GFile          *file,
             guint           n_files,
             gpointer        user_data)
{
  guint *exported = user_data;

  *exported = n_files;
}

static gboolean
exported_cb (gpointer data)
{
  return *(guint *) data > 0;
}

/* The Export dialog for @document's first map, its files named after
 * @title, shown; @exported counts the files of its last export.
 */
static WfExportDialog *
show_dialog (WfDocument *document,
             const char *title,
             guint      *exported)
{
  WfExportDialog *dialog;

  wf_test_use_system_data_dirs ();
  dialog = wf_export_dialog_new (NULL, document, wf_document_get_map (document, 0), title);
  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), exported);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static gboolean
two_pages (gpointer data)
{
  return !wf_export_dialog_is_busy (data) && wf_export_dialog_get_n_pages (data) == 2;
}

static void
test_dialog (void)
{
  g_autoptr(WfDocument) document = load_sample ();
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "from-dialog.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  WfExportDialog *dialog;
  guint exported = 0;

  dialog = show_dialog (document, "Coffee", &exported);
  wf_test_wait_until (dialog_idle, dialog, "the dialog idle");

  /* The preview has found the PDF's one poster page. */
  g_assert_cmpuint (wf_export_dialog_get_n_pages (dialog), ==, 1);

  /* Insights Page: the map's findings and figures on a page after it. */
  {
    GtkSwitch *insights = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (dialog), WF_TYPE_EXPORT_DIALOG,
                                                                     "insights_switch"));

    gtk_switch_set_active (insights, TRUE);
    wf_test_wait_until (two_pages, dialog, "the preview's Insights page");
    gtk_switch_set_active (insights, FALSE);
  }

  wf_export_dialog_set_format (dialog, WF_EXPORT_FORMAT_PNG);
  wf_test_wait_until (dialog_idle, dialog, "the dialog idle");
  wf_export_dialog_export_to (dialog, file);
  wf_test_wait_until (exported_cb, &exported, "the export");

  g_assert_cmpuint (exported, ==, 1);
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), >, 1000);

  g_object_unref (dialog);
  wf_test_remove_tree (dir);
}

/* A title that names another folder ("../../tmp/x") gives a file name in
 * the folder the chooser shows; Print to File suggests the same.
 */
static void
test_dialog_file_name (void)
{
  g_autoptr(WfDocument) document = load_sample ();
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GDir) listing = NULL;
  WfExportDialog *dialog;
  GtkPrintSettings *settings;
  guint exported = 0;

  dialog = show_dialog (document, "../../tmp/x", &exported);
  /* The dialog opens with the format chosen last, by the test before. */
  wf_export_dialog_set_format (dialog, WF_EXPORT_FORMAT_PDF);
  wf_test_wait_until (dialog_idle, dialog, "the dialog idle");

  name = wf_export_dialog_get_file_name (dialog);
  g_assert_cmpstr (name, ==, "tmp-x.pdf");
  g_clear_pointer (&name, g_free);

  wf_export_dialog_set_format (dialog, WF_EXPORT_FORMAT_CSV);
  wf_test_wait_until (dialog_idle, dialog, "the dialog idle");
  name = wf_export_dialog_get_file_name (dialog);
  g_assert_cmpstr (name, ==, "tmp-x.csv");

  /* What the chooser returns for that name, in the folder it shows. */
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  wf_export_dialog_export_to (dialog, file);
  wf_test_wait_until (exported_cb, &exported, "the export");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* The sample's figures have dates: its measurements beside it. */
  listing = g_dir_open (dir, 0, NULL);
  {
    const char *first = g_dir_read_name (listing);
    const char *second = g_dir_read_name (listing);

    g_assert_nonnull (first);
    g_assert_nonnull (second);
    g_assert_true ((strcmp (first, "tmp-x.csv") == 0 && strcmp (second, "tmp-x-measurements.csv") == 0) ||
                   (strcmp (second, "tmp-x.csv") == 0 && strcmp (first, "tmp-x-measurements.csv") == 0));
  }
  g_assert_null (g_dir_read_name (listing));
  g_object_unref (dialog);

  wf_document_set_title (document, "../../tmp/x");
  operation = wf_print_operation_new (document, wf_document_get_map (document, 0));
  settings = gtk_print_operation_get_print_settings (operation);
  g_assert_nonnull (settings);
  g_assert_cmpstr (gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME), ==, "tmp-x");

  wf_test_remove_tree (dir);
}

/* Runs @operation as GTK's "Print to File" does, into the PDF file @path. */
static GtkPrintOperationResult
print_to_file (GtkPrintOperation *operation,
               const char        *path)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_allow_async (operation, FALSE);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);

  return result;
}

/* Printing, to a PDF file as GTK's "Print to File" does. */
static void
test_print (void)
{
  g_autoptr(WfDocument) document = load_sample ();
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  int status;

  if (g_find_program_in_path ("pdfinfo") == NULL)
    {
      g_test_skip ("pdfinfo is not installed");
      return;
    }

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);

  operation = wf_print_operation_new (document, wf_document_get_map (document, 0));
  gtk_print_operation_set_default_page_setup (operation, setup);
  g_assert_cmpint (print_to_file (operation, path), ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (info, "Pages:           1"));
  g_assert_nonnull (strstr (info, "841.89 x 595.276"));

  wf_test_remove_tree (dir);
}

/* A map that would be too small to read on the paper is not printed: no
 * page, and the reason (a blank or tiny page came out).
 */
static void
test_print_refused (void)
{
  g_autoptr(WfDocument) document = load_sample ();
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "refused.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  WfMap *map = wf_document_get_map (document, 0);
  const GError *refusal;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("wide-%u", i);
      g_autoptr(WfPhase) phase = wf_phase_new (id, "One more phase");

      wf_map_insert_phase (map, phase, -1);
    }

  operation = wf_print_operation_new (document, map);
  g_assert_cmpint (print_to_file (operation, path), ==, GTK_PRINT_OPERATION_RESULT_CANCEL);

  refusal = wf_print_operation_get_refusal (operation);
  g_assert_nonnull (refusal);
  g_assert_nonnull (strstr (refusal->message, wf_map_get_title (map)));
  g_test_message ("%s", refusal->message);

  wf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  wf_test_app_init (&argc, &argv);

  g_test_add_func ("/export-ui/canvas-matches-png", test_canvas_matches_png);
  g_test_add_func ("/export-ui/canvas-background", test_canvas_background);
  g_test_add_func ("/export-ui/dialog", test_dialog);
  g_test_add_func ("/export-ui/dialog-file-name", test_dialog_file_name);
  g_test_add_func ("/export-ui/print", test_print);
  g_test_add_func ("/export-ui/print-refused", test_print_refused);

  return g_test_run ();
}
