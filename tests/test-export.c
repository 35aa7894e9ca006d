/* test-export.c — PNG, PDF and SVG exports, read back by other programs
 *
 * The PDFs are read with poppler's pdfinfo, pdftotext and pdffonts, the
 * PNGs with gdk-pixbuf, the SVGs with GMarkup: what a person opening the
 * files would use, not our own code.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "model/wf-model.h"
#include "model/wf-templates.h"
#include "export/wf-export.h"
#include "insights/wf-insights.h"
#include "render/wf-layout.h"
#include "storage/wf-journey.h"
#include "test-util.h"

/* Titles in the scripts people write journeys in. */
static const char *script_titles[] = {
  "Überweisung geprüft, café crème",
  "Заказ оформлен через приложение",
  "Η παραγγελία έφτασε",
  "تم الدفع عبر الموقع",
  "注文を確認しました",
  "客户在网上下单",
  "klant belt de helpdesk",
};

/* A map with a lane of every kind and cards in every script above. */
static WfDocument *
make_every_kind (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("every", "Every lane kind");
  g_autoptr(WfPersona) persona = wf_persona_new ("p1", "Ilse");
  g_autoptr(GPtrArray) phases = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = 0;

  wf_document_set_title (document, "Every kind, every script");
  wf_persona_set_color (persona, wf_persona_default_color (0));
  wf_document_insert_persona (document, persona, -1);

  for (guint p = 0; p < 3; p++)
    {
      g_autofree char *id = g_strdup_printf ("ph%u", p);
      g_autofree char *name = g_strdup_printf ("Phase %u", p + 1);
      WfPhase *phase = wf_phase_new (id, name);

      wf_map_insert_phase (map, phase, -1);
      g_ptr_array_add (phases, phase);
    }

  for (WfLaneKind kind = 0; kind < WF_N_LANE_KINDS; kind++)
    {
      g_autofree char *id = g_strdup_printf ("lane%u", kind);
      g_autoptr(WfLane) lane = wf_lane_new (id, kind);

      if (kind % 2 == 0)
        wf_lane_set_persona (lane, persona);
      wf_map_insert_lane (map, lane, -1);

      for (guint p = 0; p < phases->len; p++)
        {
          g_autofree char *card_id = g_strdup_printf ("c%u", n);
          g_autoptr(WfCard) card = wf_card_new (card_id, script_titles[n % G_N_ELEMENTS (script_titles)]);

          if (kind == WF_LANE_EMOTIONS)
            wf_card_set_emotion (card, (int) p - 1);
          if (kind == WF_LANE_PAIN_POINTS)
            wf_card_set_votes (card, p + 2);
          wf_map_insert_card (map, card, phases->pdata[p], lane, -1);
          n++;
        }
    }

  wf_document_insert_map (document, map, -1);

  return g_steal_pointer (&document);
}

static WfDocument *
make_empty (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("empty", "Nothing yet");

  wf_document_set_title (document, "Empty");
  wf_document_insert_map (document, map, -1);

  return g_steal_pointer (&document);
}

/* Every document the formats are tried on. */
static GPtrArray *
documents (void)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  const char * const *ids = wf_templates_get_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_ptr_array_add (all, wf_templates_create (ids[i], "en"));
      g_ptr_array_add (all, wf_templates_create (ids[i], "nl"));
    }
  g_ptr_array_add (all, wf_test_load_data ("rich.journey"));
  g_ptr_array_add (all, wf_test_load_data ("compact.journey"));
  g_ptr_array_add (all, make_every_kind ());
  g_ptr_array_add (all, make_empty ());

  return all;
}

static char *
run (const char *program,
     const char *arg1,
     const char *arg2)
{
  const char *argv[] = { program, arg1, arg2, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (arg2 == NULL)
    argv[2] = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s: %s", program, arg1, err);

  return g_steal_pointer (&out);
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdfinfo == NULL)
    g_test_skip ("poppler-utils (pdfinfo, pdftotext) is not installed");

  return pdfinfo != NULL;
}

static GFile *
write_export (const char            *dir,
              const char            *name,
              WfDocument            *document,
              const WfExportOptions *options)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WfExport) export = wf_export_new (document, options);
  g_autoptr(GError) error = NULL;

  g_assert_true (wf_export_write (export, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&file);
}

/* pdftotext's words, with runs of white space made one space. */
static char *
pdf_text (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *text = run ("pdftotext", path, "-");
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autoptr(GRegex) marks = g_regex_new ("[\\x{200E}\\x{200F}\\x{202A}-\\x{202E}]", 0, 0, NULL);
  g_autofree char *unmarked = g_regex_replace_literal (marks, normal, -1, 0, "", 0, NULL);

  /* Compatibility forms as their letters: Arabic is shaped into
   * presentation forms, "fi" into a ligature. And no direction marks.
   */
  return g_regex_replace_literal (space, unmarked, -1, 0, " ", 0, NULL);
}

static gboolean
can_show (const char *text)
{
  static PangoContext *context;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, Sans 12");

  if (context == NULL)
    context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  layout = pango_layout_new (context);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  return pango_layout_get_unknown_glyphs_count (layout) == 0;
}

/* Text the PDF must hold: every card's title as far as it is drawn
 * whole (three lines of a card hold about 60 characters).
 */
static void
assert_pdf_has_titles (GFile      *file,
                       WfDocument *document)
{
  g_autofree char *text = pdf_text (file);

  for (guint m = 0; m < wf_document_get_n_maps (document); m++)
    {
      WfMap *map = wf_document_get_map (document, m);
      g_autoptr(GPtrArray) cards = wf_map_list_cards (map);

      for (guint i = 0; i < cards->len; i++)
        {
          WfCard *card = cards->pdata[i];
          WfLane *lane = wf_card_get_lane (card);
          const char *title = wf_card_get_title (card);
          g_auto(GStrv) words = g_regex_split_simple ("\\s+", title, 0, 0);

          /* Markers hold one ellipsized line; a collapsed lane none. */
          if (wf_lane_get_kind (lane) == WF_LANE_EMOTIONS || wf_lane_get_collapsed (lane) || words[0] == NULL)
            continue;

          /* A script no installed font has is drawn as boxes. */
          if (!can_show (title))
            {
              g_test_message ("No font here shows “%s”", title);
              continue;
            }

          /* The start of the first word, whatever the wrapping and
           * ellipsizing did (a long word is broken across lines).
           */
          {
            g_autofree char *normal = g_utf8_normalize (words[0], -1, G_NORMALIZE_ALL);
            g_autofree char *start = g_utf8_substring (normal, 0, MIN (8, g_utf8_strlen (normal, -1)));

            if (strstr (text, start) == NULL)
              g_error ("“%s” (from “%s”) is not in the PDF's text", start, title);
          }
        }
    }
}

static void
pdf_page_sizes (GFile   *file,
                guint   *n_pages,
                GArray  *sizes)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *info = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { "pdfinfo", "-f", "1", "-l", "9999", path, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &info, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  lines = g_strsplit (info, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double size[2];

      if (g_str_has_prefix (lines[i], "Pages:"))
        *n_pages = atoi (lines[i] + 6);
      else if (g_str_has_prefix (lines[i], "Page") &&
               strstr (lines[i], "size:") != NULL &&
               sscanf (strstr (lines[i], "size:") + 5, "%lf x %lf", &size[0], &size[1]) == 2)
        g_array_append_vals (sizes, size, 2);
    }
}

static void
check_svg (GFile *file)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  GMarkupParser parser = { 0 };
  g_autoptr(GMarkupParseContext) context = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));

  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

/* The emotion curves reach the SVG: cairo 1.16's SVG surface drew
 * nothing of a drawing that did not start at the map's origin, so the
 * sample's two curves were missing there and only there.
 */
static void
test_svg_curves (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("../../data/samples/coffee-subscription.journey");
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GFile) svg = NULL;
  g_autofree char *contents = NULL;
  WfExportOptions options;
  guint n = 0;

  g_assert_nonnull (document);
  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_SVG;
  svg = write_export (dir, "map.svg", document, &options);
  g_assert_true (g_file_load_contents (svg, NULL, &contents, NULL, NULL, NULL));
  for (const char *p = contents; (p = strstr (p, "stroke-width:3;")) != NULL; p++)
    n++;
  g_assert_cmpuint (n, ==, 2);

  wf_test_remove_tree (dir);
}

static GdkPixbuf *
load_png (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);
  return pixbuf;
}

/* Every picture format, from every document: the files open. */
static void
test_formats (void)
{
  g_autoptr(GPtrArray) all = documents ();
  g_autofree char *dir = wf_test_make_tmpdir ();

  if (!have_poppler ())
    return;

  for (guint d = 0; d < all->len; d++)
    {
      WfDocument *document = all->pdata[d];
      WfExportOptions options;
      g_autoptr(GFile) pdf = NULL;
      g_autoptr(GFile) svg = NULL;
      g_autoptr(GFile) png = NULL;
      g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autoptr(WfExport) export = NULL;
      guint n_pages = 0;
      int width, height;

      g_test_message ("%s", wf_document_get_title (document));

      wf_export_options_init (&options);
      options.format = WF_EXPORT_FORMAT_PDF;
      pdf = write_export (dir, "map.pdf", document, &options);
      pdf_page_sizes (pdf, &n_pages, sizes);
      g_assert_cmpuint (n_pages, ==, wf_document_get_n_maps (document));
      assert_pdf_has_titles (pdf, document);

      options.format = WF_EXPORT_FORMAT_SVG;
      options.map = wf_document_get_map (document, 0);
      svg = write_export (dir, "map.svg", document, &options);
      check_svg (svg);

      options.format = WF_EXPORT_FORMAT_PNG;
      png = write_export (dir, "map.png", document, &options);
      pixbuf = load_png (png);
      export = wf_export_new (document, &options);
      wf_export_get_image_size (export, 0, &width, &height);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
      g_assert_false (gdk_pixbuf_get_has_alpha (pixbuf));

      /* A poster page is the PNG's size at 72 points to 96 pixels. */
      g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, 0), width * 0.75, 1.0);
      g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, 1), height * 0.75, 1.0);
    }

  wf_test_remove_tree (dir);
}

/* Fonts are embedded: the PDF reads the same on a machine without them. */
static void
test_pdf_fonts (void)
{
  g_autoptr(WfDocument) document = make_every_kind ();
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GFile) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fonts = NULL;
  g_auto(GStrv) lines = NULL;
  WfExportOptions options;
  guint n_fonts = 0;

  if (!have_poppler ())
    return;

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PDF;
  pdf = write_export (dir, "fonts.pdf", document, &options);
  path = g_file_get_path (pdf);
  fonts = run ("pdffonts", path, NULL);

  /* name type encoding emb sub uni object ID */
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      guint n = g_strv_length (fields);

      if (n < 7)
        continue;
      n_fonts++;
      g_test_message ("%s", lines[i]);
      /* emb, sub, uni: from the end, before the object's number and generation */
      g_assert_cmpstr (fields[n - 5], ==, "yes");
    }
  g_assert_cmpuint (n_fonts, >, 0);

  wf_test_remove_tree (dir);
}

/* The pages: a poster, every A-size both ways, tiles. */
static void
test_pdf_pages (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  g_autofree char *dir = wf_test_make_tmpdir ();
  WfExportOptions options;

  if (!have_poppler ())
    return;

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PDF;

  for (WfPaper paper = WF_PAPER_A4; paper <= WF_PAPER_A0; paper++)
    for (guint landscape = 0; landscape < 2; landscape++)
      {
        g_autoptr(GFile) pdf = NULL;
        g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
        guint n_pages = 0;
        double w, h;

        options.paper = paper;
        options.landscape = landscape;
        options.title_block = TRUE;
        pdf = write_export (dir, "paper.pdf", document, &options);
        pdf_page_sizes (pdf, &n_pages, sizes);
        wf_paper_get_size (paper, landscape, &w, &h);

        g_assert_cmpuint (n_pages, ==, 1);
        g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, 0), w, 0.5);
        g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, 1), h, 0.5);
        g_assert_true (landscape ? w > h : w < h);
      }

  /* A4 is 210 × 297 mm; A0 841 × 1189 mm. */
  {
    double w, h;

    wf_paper_get_size (WF_PAPER_A4, FALSE, &w, &h);
    g_assert_cmpfloat_with_epsilon (w, 210 * 72 / 25.4, 0.01);
    g_assert_cmpfloat_with_epsilon (h, 297 * 72 / 25.4, 0.01);
    wf_paper_get_size (WF_PAPER_A0, TRUE, &w, &h);
    g_assert_cmpfloat_with_epsilon (w, 1189 * 72 / 25.4, 0.01);
    g_assert_cmpfloat_with_epsilon (h, 841 * 72 / 25.4, 0.01);
  }

  /* Tiles: as many A4 pages as the map at 96 dpi needs, with 10 mm of
   * overlap, each A4 and each with the tile's label.
   */
  {
    g_autoptr(GFile) pdf = NULL;
    g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(WfExport) export = NULL;
    g_autofree char *text = NULL;
    guint n_pages = 0;
    double a4_w, a4_h, area_w, area_h, overlap = 10 * 72 / 25.4, margin = 10 * 72 / 25.4;
    int sheet_w, sheet_h;
    guint columns, rows;

    options.paper = WF_PAPER_A4;
    options.landscape = FALSE;
    options.tile = TRUE;
    options.title_block = FALSE;
    pdf = write_export (dir, "tiles.pdf", document, &options);
    pdf_page_sizes (pdf, &n_pages, sizes);

    options.format = WF_EXPORT_FORMAT_PNG;
    export = wf_export_new (document, &options);
    wf_export_get_image_size (export, 0, &sheet_w, &sheet_h);
    options.format = WF_EXPORT_FORMAT_PDF;

    wf_paper_get_size (WF_PAPER_A4, FALSE, &a4_w, &a4_h);
    area_w = a4_w - 2 * margin;
    area_h = a4_h - 2 * margin;
    columns = sheet_w * 0.75 <= area_w ? 1 : (guint) ceil ((sheet_w * 0.75 - overlap) / (area_w - overlap));
    rows = sheet_h * 0.75 <= area_h ? 1 : (guint) ceil ((sheet_h * 0.75 - overlap) / (area_h - overlap));

    g_assert_cmpuint (columns * rows, >, 1);
    g_assert_cmpuint (n_pages, ==, columns * rows);
    for (guint i = 0; i < n_pages; i++)
      {
        g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, 2 * i), a4_w, 0.5);
        g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, 2 * i + 1), a4_h, 0.5);
      }

    text = pdf_text (pdf);
    {
      g_autofree char *last = g_strdup_printf ("row %u of %u, column %u of %u", rows, rows, columns, columns);

      g_assert_nonnull (strstr (text, "row 1 of"));
      g_assert_nonnull (strstr (text, last));
    }

    /* Twice the scale, about four times the pages. */
    options.scale = 2;
    {
      g_autoptr(WfExport) larger = wf_export_new (document, &options);

      g_assert_cmpuint (wf_export_get_n_pages (larger), >=, 3 * n_pages);
    }
  }

  wf_test_remove_tree (dir);
}

/* The title block: both titles, the date, every persona. */
static void
test_title_block (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);
  g_autoptr(GFile) pdf = NULL;
  g_autofree char *text = NULL;
  WfExportOptions options;

  if (!have_poppler ())
    return;

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PDF;
  options.title_block = TRUE;
  options.date = date;
  pdf = write_export (dir, "title.pdf", document, &options);
  text = pdf_text (pdf);

  g_assert_nonnull (strstr (text, wf_document_get_title (document)));
  g_assert_nonnull (strstr (text, "23 November 2026"));
  for (guint i = 0; i < wf_document_get_n_personas (document); i++)
    {
      WfPersona *persona = wf_document_get_persona (document, i);

      if (wf_document_persona_in_use (document, persona))
        g_assert_nonnull (strstr (text, wf_persona_get_name (persona)));
    }
  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    g_assert_nonnull (strstr (text, wf_map_get_title (wf_document_get_map (document, i))));

  wf_test_remove_tree (dir);
}

/* PNG: the size follows the scale; transparent or the theme's colour. */
static void
test_png (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  g_autofree char *dir = wf_test_make_tmpdir ();
  WfExportOptions options;
  int width1 = 0, height1 = 0;

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PNG;

  for (double scale = 1; scale <= 4; scale++)
    {
      g_autoptr(GFile) png = NULL;
      g_autoptr(GdkPixbuf) pixbuf = NULL;

      options.scale = scale;
      png = write_export (dir, "scaled.png", document, &options);
      pixbuf = load_png (png);
      if (scale == 1)
        {
          width1 = gdk_pixbuf_get_width (pixbuf);
          height1 = gdk_pixbuf_get_height (pixbuf);
        }
      g_assert_cmpint (abs (gdk_pixbuf_get_width (pixbuf) - (int) (width1 * scale)), <=, (int) scale);
      g_assert_cmpint (abs (gdk_pixbuf_get_height (pixbuf) - (int) (height1 * scale)), <=, (int) scale);
    }

  /* The corner: the light theme's background, the dark's, none. */
  {
    const struct { WfThemeKind theme; gboolean transparent; guint8 expect[4]; } corners[] = {
      { WF_THEME_LIGHT, FALSE, { 250, 250, 250, 255 } },
      { WF_THEME_DARK, FALSE, { 36, 36, 36, 255 } },
      { WF_THEME_PROJECTOR, FALSE, { 255, 255, 255, 255 } },
      { WF_THEME_LIGHT, TRUE, { 0, 0, 0, 0 } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
      {
        g_autoptr(GFile) png = NULL;
        g_autoptr(GdkPixbuf) pixbuf = NULL;
        const guint8 *pixel;
        guint channels;

        options.scale = 1;
        options.theme = corners[i].theme;
        options.transparent = corners[i].transparent;
        png = write_export (dir, "corner.png", document, &options);
        pixbuf = load_png (png);
        channels = gdk_pixbuf_get_n_channels (pixbuf);
        g_assert_cmpint (gdk_pixbuf_get_has_alpha (pixbuf), ==, corners[i].transparent);
        pixel = gdk_pixbuf_read_pixels (pixbuf) + 5 * gdk_pixbuf_get_rowstride (pixbuf) + 5 * channels;
        for (guint c = 0; c < channels; c++)
          g_assert_cmpint (abs (pixel[c] - corners[i].expect[c]), <=, 1);
      }
  }

  wf_test_remove_tree (dir);
}

/* A persona's initials sit in the middle of their circle, one letter or
 * two wide ones (they sat off to the left, and two wide letters did not
 * fit).
 */
static void
check_initials_centred (const char *name)
{
  g_autoptr(WfDocument) document = make_every_kind ();
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GFile) png = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  WfMap *map = wf_document_get_map (document, 0);
  WfLayout *layout;
  const WfRow *band = NULL;
  WfExportOptions options;
  const double scale = 4;
  double sum_x = 0, sum_y = 0, n = 0, left = G_MAXDOUBLE, right = 0, reach = 0;
  const guint8 *pixels;
  int stride, channels;

  /* A dark colour, so the letters are white. */
  wf_persona_set_color (wf_document_get_persona (document, 0), "#1c71d8");
  wf_persona_set_name (wf_document_get_persona (document, 0), name);

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PNG;
  options.scale = scale;
  png = write_export (dir, "initials.png", document, &options);
  pixbuf = load_png (png);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);

  layout = wf_layout_new (map);
  wf_layout_update (layout);
  for (guint r = 0; r < wf_layout_get_n_rows (layout) && band == NULL; r++)
    if (wf_layout_get_row (layout, r)->kind == WF_ROW_PERSONA)
      band = wf_layout_get_row (layout, r);
  g_assert_nonnull (band);

  /* The sheet has 32 units of padding around the map. The circle: 26
   * units across, 12 from the map's left, 6 below the band's top.
   */
  pixels += (int) (32 * scale) * stride + (int) (32 * scale) * channels;
  {
    const guint8 *edge = pixels + (int) ((band->y + 19) * scale) * stride + (int) (13 * scale) * channels;

    g_assert_cmpint (abs (edge[0] - 0x1c), <=, 8);
    g_assert_cmpint (abs (edge[2] - 0xd8), <=, 8);
  }

  /* Where the white of the letters is, weighed, and how far it goes. */
  for (int y = (band->y + 6) * scale; y < (band->y + 32) * scale; y++)
    for (int x = 12 * scale; x < 38 * scale; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        double white = MIN (p[0], MIN (p[1], p[2])) / 255.0;
        double dx = x / scale - 25, dy = y / scale - (band->y + 19);

        /* Inside the circle, off its anti-aliased rim. */
        if (white > 0.5 && dx * dx + dy * dy < 11.5 * 11.5)
          {
            sum_x += x * white;
            sum_y += y * white;
            n += white;
            left = MIN (left, x / scale);
            right = MAX (right, x / scale);
            reach = MAX (reach, sqrt (dx * dx + dy * dy));
          }
      }

  g_test_message ("%s: ink from %.1f to %.1f, weighed middle %.2f, %.2f", name, left, right,
                  sum_x / n / scale, sum_y / n / scale - band->y);
  g_assert_cmpfloat (n, >, 20);
  g_assert_cmpfloat_with_epsilon ((left + right) / 2, 12 + 13, 0.75);
  g_assert_cmpfloat_with_epsilon (sum_y / n / scale, band->y + 6 + 13, 0.75);
  /* Inside the circle, clear of its rim. */
  g_assert_cmpfloat (reach, <, 10.5);

  wf_layout_free (layout);
  wf_test_remove_tree (dir);
}

/* A link's line passes under the cards between its ends, not through
 * their text: in the sample, the line from a pain point of Eva's down to
 * an opportunity crosses a card of Ruben's.
 */
static void
test_link_under_cards (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("../../data/samples/coffee-subscription.journey");
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GFile) png = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  WfMap *map = wf_document_get_map (document, 0);
  WfLayout *layout = wf_layout_new (map);
  WfExportOptions options;
  guint n_crossed = 0;

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PNG;
  png = write_export (dir, "links.png", document, &options);
  pixbuf = load_png (png);
  wf_layout_update (layout);

  for (guint i = 0; i < wf_map_get_n_links (map); i++)
    {
      WfLink *link = wf_map_get_link (map, i);
      graphene_rect_t from, to;
      double x;

      g_assert_true (wf_layout_get_card_bounds (layout, wf_link_get_from (link), &from));
      g_assert_true (wf_layout_get_card_bounds (layout, wf_link_get_to (link), &to));
      x = from.origin.x + from.size.width / 2;   /* a line straight down */

      for (guint p = 0; p < wf_map_get_n_phases (map); p++)
        for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
          {
            GPtrArray *cell = wf_map_get_cell (map, wf_map_get_phase (map, p), wf_map_get_lane (map, l));

            for (guint c = 0; cell != NULL && c < cell->len; c++)
              {
                graphene_rect_t card;
                const guint8 *pixel, *beside;
                int px, py;

                if (!wf_layout_get_card_bounds (layout, cell->pdata[c], &card) ||
                    card.origin.y <= from.origin.y + from.size.height || card.origin.y >= to.origin.y ||
                    x < card.origin.x + 8 || x > card.origin.x + card.size.width - 8)
                  continue;

                /* Halfway down the card, on the line and a little beside
                 * it: the same fill, no line.
                 */
                px = (int) (x + 32);
                py = (int) (card.origin.y + card.size.height / 2 + 32);
                pixel = gdk_pixbuf_read_pixels (pixbuf) + py * gdk_pixbuf_get_rowstride (pixbuf) +
                        px * gdk_pixbuf_get_n_channels (pixbuf);
                beside = pixel + 6 * gdk_pixbuf_get_n_channels (pixbuf);
                for (guint k = 0; k < 3; k++)
                  g_assert_cmpint (abs (pixel[k] - beside[k]), <=, 4);
                n_crossed++;
              }
          }
    }

  g_assert_cmpuint (n_crossed, >=, 1);

  wf_layout_free (layout);
  wf_test_remove_tree (dir);
}

/* The PNG encoder (strips drawn and deflated in parallel, on zlib) gives
 * the very pixels cairo's own PNG writer gives for the same drawing, in
 * every theme, opaque and transparent, at scales that cut strips across
 * cards.
 */
static void
test_png_matches_cairo (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("../../data/samples/coffee-subscription.journey");
  g_autofree char *dir = wf_test_make_tmpdir ();
  const struct { WfThemeKind theme; gboolean transparent; double scale; } cases[] = {
    { WF_THEME_LIGHT, FALSE, 1 },
    { WF_THEME_DARK, FALSE, 1.5 },
    { WF_THEME_PROJECTOR, FALSE, 0.75 },
    { WF_THEME_LIGHT, TRUE, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cairo_path = g_build_filename (dir, "cairo.png", NULL);
      g_autoptr(GFile) ours = NULL;
      g_autoptr(GdkPixbuf) ours_pixbuf = NULL;
      g_autoptr(GdkPixbuf) cairo_pixbuf = NULL;
      g_autoptr(WfExport) export = NULL;
      WfExportOptions options;
      cairo_surface_t *surface;
      cairo_t *cr;
      int width, height;
      guint differ = 0;

      wf_export_options_init (&options);
      options.format = WF_EXPORT_FORMAT_PNG;
      options.theme = cases[i].theme;
      options.transparent = cases[i].transparent;
      options.scale = cases[i].scale;
      ours = write_export (dir, "ours.png", document, &options);
      ours_pixbuf = load_png (ours);

      /* The same sheet, drawn whole on one surface and written by cairo. */
      export = wf_export_new (document, &options);
      wf_export_get_image_size (export, 0, &width, &height);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (surface);
      cairo_scale (cr, cases[i].scale, cases[i].scale);
      wf_export_draw_map (export, cr, 0, cases[i].scale);
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (surface, cairo_path), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
      cairo_pixbuf = gdk_pixbuf_new_from_file (cairo_path, NULL);
      g_assert_nonnull (cairo_pixbuf);

      g_assert_cmpint (gdk_pixbuf_get_width (ours_pixbuf), ==, gdk_pixbuf_get_width (cairo_pixbuf));
      g_assert_cmpint (gdk_pixbuf_get_height (ours_pixbuf), ==, gdk_pixbuf_get_height (cairo_pixbuf));
      g_assert_cmpint (gdk_pixbuf_get_has_alpha (ours_pixbuf), ==, cases[i].transparent);

      for (int y = 0; y < height; y++)
        {
          const guint8 *a = gdk_pixbuf_read_pixels (ours_pixbuf) + y * gdk_pixbuf_get_rowstride (ours_pixbuf);
          const guint8 *b = gdk_pixbuf_read_pixels (cairo_pixbuf) + y * gdk_pixbuf_get_rowstride (cairo_pixbuf);
          int na = gdk_pixbuf_get_n_channels (ours_pixbuf), nb = gdk_pixbuf_get_n_channels (cairo_pixbuf);

          for (int x = 0; x < width; x++)
            {
              gboolean same = TRUE;

              /* Where cairo's pixel is transparent, its colour means nothing. */
              if (nb == 4 && b[x * nb + 3] == 0 && (na < 4 || a[x * na + 3] == 0))
                continue;
              for (int c = 0; c < MIN (na, nb); c++)
                same = same && abs (a[x * na + c] - b[x * nb + c]) <= 1;
              if (na == 3 && nb == 4)
                same = same && b[x * nb + 3] == 255;
              differ += !same;
            }
        }

      g_test_message ("theme %d, transparent %d, scale %.2f: %u of %d pixels differ",
                      cases[i].theme, cases[i].transparent, cases[i].scale, differ, width * height);
      g_assert_cmpuint (differ, ==, 0);
    }

  wf_test_remove_tree (dir);
}

static void
test_initials_centred (void)
{
  check_initials_centred ("Eva");
  check_initials_centred ("Ilse");
  check_initials_centred ("Wim Mulder");
  check_initials_centred ("Wim 博");
}

/* A document with several maps: a PDF page and a PNG file for each. */
static void
test_several_maps (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *base = g_build_filename (dir, "out.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (base);
  g_autoptr(WfExport) export = NULL;
  g_autoptr(GError) error = NULL;
  guint n_maps = wf_document_get_n_maps (document);
  WfExportOptions options;

  g_assert_cmpuint (n_maps, >=, 2);

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PNG;
  export = wf_export_new (document, &options);
  g_assert_cmpuint (wf_export_get_n_files (export), ==, n_maps);
  g_assert_true (wf_export_write (export, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_maps; i++)
    {
      g_autofree char *name = g_strdup_printf ("out-%u.png", i + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  g_assert_false (g_file_query_exists (file, NULL));

  /* One map chosen: just OUT. */
  {
    g_autoptr(WfExport) one = NULL;
    g_autofree char *path = g_build_filename (dir, "one.svg", NULL);
    g_autoptr(GFile) one_file = g_file_new_for_path (path);

    options.format = WF_EXPORT_FORMAT_SVG;
    options.map = wf_document_get_map (document, 1);
    one = wf_export_new (document, &options);
    g_assert_cmpuint (wf_export_get_n_files (one), ==, 1);
    g_assert_true (wf_export_write (one, one_file, NULL, NULL, NULL, &error));
    check_svg (one_file);
  }

  wf_test_remove_tree (dir);
}

/* Failures leave nothing behind and say what is wrong. */
static void
test_failures (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  WfExportOptions options;

  wf_export_options_init (&options);

  /* A PNG too large for cairo: refused, with PDF suggested. */
  {
    g_autoptr(WfMap) wide = wf_map_new ("wide", "A very long journey");
    g_autoptr(WfExport) export = NULL;
    g_autofree char *path = g_build_filename (dir, "wide.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    for (guint i = 0; i < 60; i++)
      {
        g_autofree char *id = g_strdup_printf ("w%u", i);
        g_autoptr(WfPhase) phase = wf_phase_new (id, id);

        wf_map_insert_phase (wide, phase, -1);
      }
    wf_document_insert_map (document, wide, -1);

    options.format = WF_EXPORT_FORMAT_PNG;
    options.map = wide;
    options.scale = 4;
    export = wf_export_new (document, &options);
    g_assert_false (wf_export_write (export, file, NULL, NULL, NULL, &error));
    g_assert_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "PDF"));
    g_assert_nonnull (strstr (error->message, "A very long journey"));
    g_assert_false (g_file_query_exists (file, NULL));
    g_clear_error (&error);
    options.map = NULL;
    options.scale = 1;
  }

  /* A folder that does not exist: the message names the file. */
  {
    g_autofree char *path = g_build_filename (dir, "missing", "map.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(WfExport) export = NULL;

    options.format = WF_EXPORT_FORMAT_PDF;
    export = wf_export_new (document, &options);
    g_assert_false (wf_export_write (export, file, NULL, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "map.pdf"));
    g_clear_error (&error);
  }

  /* Cancelled: nothing written. */
  {
    g_autofree char *path = g_build_filename (dir, "cancelled.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(WfExport) export = NULL;

    options.format = WF_EXPORT_FORMAT_PNG;
    export = wf_export_new (document, &options);
    g_cancellable_cancel (cancellable);
    g_assert_false (wf_export_write (export, file, NULL, NULL, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (g_file_query_exists (file, NULL));
    g_clear_error (&error);
  }

  /* A document without maps. */
  {
    g_autoptr(WfDocument) none = wf_document_new ();
    g_autoptr(WfExport) export = NULL;

    options.format = WF_EXPORT_FORMAT_PDF;
    export = wf_export_new (none, &options);
    g_assert_false (wf_export_check (export, &error));
    g_assert_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_NO_MAP);
    g_clear_error (&error);
  }

  wf_test_remove_tree (dir);
}

/* Progress goes up to 1, and only up. */
static void
on_progress (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_progress (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  g_autofree char *dir = wf_test_make_tmpdir ();
  WfExportFormat formats[] = { WF_EXPORT_FORMAT_PNG, WF_EXPORT_FORMAT_PDF, WF_EXPORT_FORMAT_SVG };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("progress.%s", wf_export_format_get_extension (formats[i]));
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(WfExport) export = NULL;
      g_autoptr(GError) error = NULL;
      WfExportOptions options;
      double last = 0;

      wf_export_options_init (&options);
      options.format = formats[i];
      export = wf_export_new (document, &options);
      g_assert_true (wf_export_write (export, file, on_progress, &last, NULL, &error));
      g_assert_cmpfloat (last, ==, 1.0);
    }

  wf_test_remove_tree (dir);
}

/* A map of @n_phases phases, and @n_cards cards in one cell. */
static WfDocument *
make_large (guint n_phases,
            guint n_cards)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("large", "A map too large");
  g_autoptr(WfLane) lane = wf_lane_new ("tp", WF_LANE_TOUCHPOINTS);
  WfPhase *first = NULL;

  wf_document_set_title (document, "Large");
  for (guint i = 0; i < n_phases; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autoptr(WfPhase) phase = wf_phase_new (id, id);

      wf_map_insert_phase (map, phase, -1);
      if (first == NULL)
        first = phase;
    }
  wf_map_insert_lane (map, lane, -1);
  for (guint i = 0; i < n_cards; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autoptr(WfCard) card = wf_card_new (id, id);

      wf_map_insert_card (map, card, first, lane, -1);
    }
  wf_document_insert_map (document, map, -1);

  return g_steal_pointer (&document);
}

static void
assert_refused (const char            *dir,
                WfDocument            *document,
                const WfExportOptions *options,
                int                    code,
                const char            *says)
{
  g_autofree char *name = g_strdup_printf ("refused.%s", wf_export_format_get_extension (options->format));
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WfExport) export = wf_export_new (document, options);
  g_autoptr(GError) error = NULL;

  g_assert_false (wf_export_check (export, NULL));
  g_assert_false (wf_export_write (export, file, NULL, NULL, NULL, &error));
  g_assert_error (error, WF_EXPORT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, says));
  g_assert_false (g_file_query_exists (file, NULL));
}

/* Maps that would be drawn too small to read, or on more pages than
 * anyone prints, are refused with a message that says so, and no file
 * is made: no more blank 14400 × 0.07 pt pages.
 */
static void
test_refused (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(WfDocument) wide = make_large (10000, 0);
  g_autoptr(WfDocument) tall = make_large (2, 20000);
  g_autoptr(WfDocument) fair = make_large (200, 10);
  WfExportOptions options;

  wf_export_options_init (&options);

  /* 3.6 million pixels wide: on the largest page, text of 0.05 pt. */
  options.format = WF_EXPORT_FORMAT_PDF;
  assert_refused (dir, wide, &options, WF_EXPORT_ERROR_ILLEGIBLE, "A map too large");
  options.format = WF_EXPORT_FORMAT_SVG;
  assert_refused (dir, wide, &options, WF_EXPORT_ERROR_ILLEGIBLE, "too small to read");
  options.format = WF_EXPORT_FORMAT_PNG;
  assert_refused (dir, wide, &options, WF_EXPORT_ERROR_TOO_LARGE, "PDF");

  /* Across pages, more than a thousand of them: not even planned. */
  options.format = WF_EXPORT_FORMAT_PDF;
  options.tile = TRUE;
  assert_refused (dir, wide, &options, WF_EXPORT_ERROR_TOO_LARGE, "pages");
  {
    g_autoptr(WfExport) export = wf_export_new (wide, &options);

    g_assert_cmpuint (wf_export_get_n_pages (export), ==, 0);
  }

  /* Across pages at a scale too small to read. */
  options.scale = 0.01;
  assert_refused (dir, fair, &options, WF_EXPORT_ERROR_ILLEGIBLE, "scale");
  options.scale = 1;
  options.tile = FALSE;

  /* Twenty thousand cards in one cell: 840,000 pixels tall. */
  assert_refused (dir, tall, &options, WF_EXPORT_ERROR_ILLEGIBLE, "A map too large");
  options.format = WF_EXPORT_FORMAT_SVG;
  assert_refused (dir, tall, &options, WF_EXPORT_ERROR_ILLEGIBLE, "A map too large");

  /* Two hundred phases make a poster of some use, but not an A4 page. */
  options.format = WF_EXPORT_FORMAT_PDF;
  {
    g_autoptr(WfExport) export = wf_export_new (fair, &options);

    g_assert_true (wf_export_check (export, NULL));
  }
  options.paper = WF_PAPER_A4;
  options.landscape = TRUE;
  assert_refused (dir, fair, &options, WF_EXPORT_ERROR_ILLEGIBLE, "297 × 210 mm");

  wf_test_remove_tree (dir);
}

/* 5 MB of words, mixed with accents and other scripts, made once. */
static goffset
file_size (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);

  g_assert_nonnull (info);
  return g_file_info_get_size (info);
}

/* Titles of 5 MB everywhere: the files hold what is shown of them, in
 * the pictures, the PDF's metadata and bookmarks, the PNG's title and
 * the tiles' labels, not megabytes; and a message quotes a map's title
 * only in part.
 */
static void
test_long_texts (void)
{
  const char *text = wf_test_long_text ();
  g_autoptr(WfDocument) document = make_every_kind ();
  g_autofree char *dir = wf_test_make_tmpdir ();
  WfMap *map = wf_document_get_map (document, 0);
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);
  WfExportFormat formats[] = { WF_EXPORT_FORMAT_PDF, WF_EXPORT_FORMAT_SVG, WF_EXPORT_FORMAT_PNG };
  WfExportOptions options;

  wf_document_set_title (document, text);
  wf_map_set_title (map, text);
  wf_map_set_scenario (map, text);
  wf_phase_set_name (wf_map_get_phase (map, 0), text);
  wf_persona_set_name (wf_document_get_persona (document, 0), text);
  for (guint i = 0; i < cards->len; i += 2)
    wf_card_set_title (cards->pdata[i], text);

  wf_export_options_init (&options);
  options.title_block = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("long.%s", wf_export_format_get_extension (formats[i]));
      g_autoptr(GFile) file = NULL;

      options.format = formats[i];
      file = write_export (dir, name, document, &options);
      g_test_message ("%s: %" G_GOFFSET_FORMAT " bytes", name, file_size (file));
      g_assert_cmpint (file_size (file), <, 1024 * 1024);
    }

  options.format = WF_EXPORT_FORMAT_PDF;
  options.tile = TRUE;
  {
    g_autoptr(GFile) file = write_export (dir, "tiles.pdf", document, &options);

    g_assert_cmpint (file_size (file), <, 1024 * 1024);
  }

  {
    g_autoptr(WfExport) export = NULL;
    g_autoptr(GError) error = NULL;

    options.scale = 0.01;
    export = wf_export_new (document, &options);
    g_assert_false (wf_export_check (export, &error));
    g_assert_error (error, WF_EXPORT_ERROR, WF_EXPORT_ERROR_ILLEGIBLE);
    g_assert_cmpuint (strlen (error->message), <, 1024);
  }

  wf_test_remove_tree (dir);
}

/* Insights pages: one more page per map, with the findings that are not
 * dismissed and the figures; across more pages where a page is small,
 * with nothing cut off; without the option, the same bytes as before.
 */
static gboolean
pdf_has (const char *text,
         const char *sentence)
{
  g_autofree char *normal = g_utf8_normalize (sentence, -1, G_NORMALIZE_ALL);
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *words = g_regex_replace_literal (space, normal, -1, 0, " ", 0, NULL);

  return strstr (text, words) != NULL;
}

static void
test_insights (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("figures.journey");
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GFile) plain = NULL;
  g_autoptr(GFile) plain_again = NULL;
  g_autoptr(GFile) with = NULL;
  g_autoptr(GFile) small_plain = NULL;
  g_autoptr(GFile) small_with = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *text = NULL;
  g_autofree char *small_text = NULL;
  g_autofree char *plain_text = NULL;
  g_autofree char *plain_bytes = NULL;
  g_autofree char *again_bytes = NULL;
  gsize plain_length, again_length;
  guint n_plain = 0, n_with = 0, n_small_plain = 0, n_small_with = 0;
  guint n_maps = wf_document_get_n_maps (document);
  WfMap *map = wf_document_get_map (document, 0);
  WfExportOptions options;

  if (!have_poppler ())
    return;

  findings = wf_insights_find (map);
  g_assert_cmpuint (findings->len, >=, 2);
  {
    const char *keys[] = { wf_finding_get_key (findings->pdata[0]), NULL };

    wf_map_set_dismissed (map, keys);
  }

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PDF;
  options.date = date;
  plain = write_export (dir, "plain.pdf", document, &options);
  options.insights = TRUE;
  with = write_export (dir, "insights.pdf", document, &options);

  pdf_page_sizes (plain, &n_plain, sizes);
  pdf_page_sizes (with, &n_with, sizes);
  g_assert_cmpuint (n_with, ==, n_plain + n_maps);

  text = pdf_text (with);
  g_assert_true (pdf_has (text, "Insights: Webshop"));
  for (guint i = 1; i < findings->len; i++)
    {
      if (!pdf_has (text, wf_finding_get_message (findings->pdata[i])))
        g_error ("“%s” is not on the Insights page", wf_finding_get_message (findings->pdata[i]));
      g_assert_true (pdf_has (text, wf_insights_get_rule_title (wf_finding_get_rule (findings->pdata[i]))));
    }
  g_assert_false (pdf_has (text, wf_finding_get_message (findings->pdata[0])));
  /* Figures: the latest value, the trend, the target in words. */
  g_assert_true (pdf_has (text, "41.2%"));
  g_assert_true (pdf_has (text, "from 45%"));
  g_assert_true (pdf_has (text, "40% (off target)"));
  g_assert_true (pdf_has (text, "click-through"));

  plain_text = pdf_text (plain);
  g_assert_false (pdf_has (plain_text, "Insights:"));

  /* Without the option the file is as it was: the same bytes again. */
  options.insights = FALSE;
  plain_again = write_export (dir, "plain-again.pdf", document, &options);
  g_assert_true (g_file_load_contents (plain, NULL, &plain_bytes, &plain_length, NULL, NULL));
  g_assert_true (g_file_load_contents (plain_again, NULL, &again_bytes, &again_length, NULL, NULL));
  g_assert_cmpmem (plain_bytes, plain_length, again_bytes, again_length);

  /* Small pages: the Insights run over several, every sentence whole. */
  options.paper = WF_PAPER_CUSTOM;
  options.custom_width = 360;
  options.custom_height = 240;
  small_plain = write_export (dir, "small-plain.pdf", document, &options);
  options.insights = TRUE;
  small_with = write_export (dir, "small-insights.pdf", document, &options);
  pdf_page_sizes (small_plain, &n_small_plain, sizes);
  pdf_page_sizes (small_with, &n_small_with, sizes);
  g_assert_cmpuint (n_small_with, >, n_small_plain + n_maps);
  small_text = pdf_text (small_with);
  for (guint i = 1; i < findings->len; i++)
    g_assert_true (pdf_has (small_text, wf_finding_get_message (findings->pdata[i])));
  g_assert_true (pdf_has (small_text, "40% (off target)"));

  wf_test_remove_tree (dir);
}

static void
test_format_names (void)
{
  g_assert_cmpint (wf_export_format_for_name ("map.png"), ==, WF_EXPORT_FORMAT_PNG);
  g_assert_cmpint (wf_export_format_for_name ("/tmp/MAP.PDF"), ==, WF_EXPORT_FORMAT_PDF);
  g_assert_cmpint (wf_export_format_for_name ("a.b/map.svg"), ==, WF_EXPORT_FORMAT_SVG);
  g_assert_cmpint (wf_export_format_for_name ("cards.csv"), ==, WF_EXPORT_FORMAT_CSV);
  g_assert_cmpint (wf_export_format_for_name ("journey.mmd"), ==, WF_EXPORT_FORMAT_MERMAID);
  g_assert_cmpint (wf_export_format_for_name ("a.png/map"), ==, WF_EXPORT_FORMAT_NONE);
  g_assert_cmpint (wf_export_format_for_name ("map.docx"), ==, WF_EXPORT_FORMAT_NONE);
  g_assert_cmpint (wf_export_format_for_name ("map"), ==, WF_EXPORT_FORMAT_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/format-names", test_format_names);
  g_test_add_func ("/export/formats", test_formats);
  g_test_add_func ("/export/svg/curves", test_svg_curves);
  g_test_add_func ("/export/pdf/fonts", test_pdf_fonts);
  g_test_add_func ("/export/pdf/pages", test_pdf_pages);
  g_test_add_func ("/export/pdf/title-block", test_title_block);
  g_test_add_func ("/export/pdf/insights", test_insights);
  g_test_add_func ("/export/png", test_png);
  g_test_add_func ("/export/initials-centred", test_initials_centred);
  g_test_add_func ("/export/link-under-cards", test_link_under_cards);
  g_test_add_func ("/export/png-matches-cairo", test_png_matches_cairo);
  g_test_add_func ("/export/several-maps", test_several_maps);
  g_test_add_func ("/export/failures", test_failures);
  g_test_add_func ("/export/progress", test_progress);
  g_test_add_func ("/export/refused", test_refused);
  g_test_add_func ("/export/long-texts", test_long_texts);

  return g_test_run ();
}
