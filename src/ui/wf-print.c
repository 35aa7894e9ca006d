/* wf-print.c — printing maps through GtkPrintOperation
 *
 * Pages are planned and drawn by the export's code (WfExport) on the
 * page the print dialog chose: each map fitted on a page, or full size
 * across several with crop marks, as in the Export dialog. The dialog's
 * own tab, "Map", holds those choices; its Print Preview shows the
 * result.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "export/wf-export.h"
#include "storage/wf-file-name.h"
#include "storage/wf-journey.h"
#include "wf-print.h"
#include "wf-message.h"

/* Room for crop marks inside the printable area, in points. */
#define TILE_MARGIN 18.0

typedef struct
{
  WfDocument  *document;
  WfMap       *current;
  WfExport    *export;

  /* The choices, and the widgets that make them */
  gboolean     all_maps;
  gboolean     tile;
  WfThemeKind  theme;
  gboolean     title_block;
  GtkWidget   *maps_drop_down;
  GtkWidget   *layout_drop_down;
  GtkWidget   *theme_drop_down;
  GtkWidget   *title_check;

  GError      *refusal;      /* why the pages could not be of use */
} Print;

static void
print_free (Print *print)
{
  g_clear_pointer (&print->export, wf_export_free);
  g_clear_object (&print->document);
  g_clear_object (&print->current);
  g_clear_error (&print->refusal);
  g_free (print);
}

static GtkWidget *
add_row (GtkGrid    *grid,
         int         row,
         const char *label,
         GtkWidget  *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_widget_set_halign (widget, GTK_ALIGN_START);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);

  return widget;
}

static GObject *
on_create_custom_widget (GtkPrintOperation *operation,
                         Print             *print)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  const char *layouts[] = { N_("Each map fitted on a page"), N_("Full size, across several pages"), NULL };
  const char *styles[] = { NC_("export style", "Light"), NC_("export style", "Dark"),
                           NC_("export style", "Projector"), NULL };
  g_autofree char *all = g_strdup_printf (g_dngettext (NULL, "All %u map", "All %u maps",
                                                       wf_document_get_n_maps (print->document)),
                                          wf_document_get_n_maps (print->document));
  const char *maps[] = { wf_map_get_title (print->current), all, NULL };
  const char *translated[4] = { NULL };
  int row = 0;

  gtk_grid_set_row_spacing (grid, 12);
  gtk_grid_set_column_spacing (grid, 12);
  g_object_set (grid, "margin-top", 18, "margin-bottom", 18, "margin-start", 18, "margin-end", 18, NULL);

  if (wf_document_get_n_maps (print->document) > 1)
    {
      print->maps_drop_down = add_row (grid, row++, _("_Maps"), gtk_drop_down_new_from_strings (maps));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (print->maps_drop_down), print->all_maps);
    }

  for (guint i = 0; layouts[i] != NULL; i++)
    translated[i] = _(layouts[i]);
  translated[2] = NULL;
  print->layout_drop_down = add_row (grid, row++, _("_Layout"), gtk_drop_down_new_from_strings (translated));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (print->layout_drop_down), print->tile);

  for (guint i = 0; styles[i] != NULL; i++)
    translated[i] = g_dpgettext2 (NULL, "export style", styles[i]);
  translated[3] = NULL;
  print->theme_drop_down = add_row (grid, row++, _("_Style"), gtk_drop_down_new_from_strings (translated));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (print->theme_drop_down),
                              print->theme == WF_THEME_DARK ? 1 : print->theme == WF_THEME_PROJECTOR ? 2 : 0);

  print->title_check = gtk_check_button_new_with_mnemonic (_("_Title block: titles, date and personas"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (print->title_check), print->title_block);
  gtk_grid_attach (grid, print->title_check, 1, row++, 1, 1);

  return G_OBJECT (grid);
}

static void
on_custom_widget_apply (GtkPrintOperation *operation,
                        GtkWidget         *widget,
                        Print             *print)
{
  static const WfThemeKind themes[] = { WF_THEME_LIGHT, WF_THEME_DARK, WF_THEME_PROJECTOR };
  guint theme = gtk_drop_down_get_selected (GTK_DROP_DOWN (print->theme_drop_down));

  if (print->maps_drop_down != NULL)
    print->all_maps = gtk_drop_down_get_selected (GTK_DROP_DOWN (print->maps_drop_down)) == 1;
  print->tile = gtk_drop_down_get_selected (GTK_DROP_DOWN (print->layout_drop_down)) == 1;
  print->theme = themes[MIN (theme, G_N_ELEMENTS (themes) - 1)];
  print->title_block = gtk_check_button_get_active (GTK_CHECK_BUTTON (print->title_check));
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Print             *print)
{
  WfExportOptions options;

  wf_export_options_init (&options);
  options.format = WF_EXPORT_FORMAT_PDF;
  options.map = print->all_maps ? NULL : print->current;
  options.paper = WF_PAPER_CUSTOM;
  options.custom_width = gtk_print_context_get_width (context);
  options.custom_height = gtk_print_context_get_height (context);
  options.margin = print->tile ? TILE_MARGIN : 0;
  options.tile = print->tile;
  options.theme = print->theme;
  options.title_block = print->title_block;

  g_clear_pointer (&print->export, wf_export_free);
  g_clear_error (&print->refusal);
  print->export = wf_export_new (print->document, &options);

  /* Pages nobody can read, or thousands of them, are not printed: the
   * operation ends, and wf_print_operation_get_refusal() says why.
   */
  if (!wf_export_check (print->export, &print->refusal))
    {
      gtk_print_operation_set_n_pages (operation, 1);
      gtk_print_operation_cancel (operation);
      return;
    }

  gtk_print_operation_set_n_pages (operation, MAX (1, wf_export_get_n_pages (print->export)));
}

/**
 * wf_print_operation_get_refusal:
 * @operation: an operation of wf_print_operation_new()
 *
 * Returns: (nullable): why printing was cancelled without a page: the
 *   map would be too small to read on the paper chosen, or take too many
 *   pages
 */
const GError *
wf_print_operation_get_refusal (GtkPrintOperation *operation)
{
  Print *print;

  g_return_val_if_fail (GTK_IS_PRINT_OPERATION (operation), NULL);

  print = g_object_get_data (G_OBJECT (operation), "wf-print");
  return print != NULL ? print->refusal : NULL;
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Print             *print)
{
  if (print->refusal == NULL && (guint) page < wf_export_get_n_pages (print->export))
    wf_export_draw_page (print->export, gtk_print_context_get_cairo_context (context), page, 0);
}

/* Print Preview runs another program, a document viewer, on a PDF of
 * the pages (GtkSettings:gtk-print-preview-command). Where there is none,
 * GTK says only that a child process failed: say what is missing, and
 * offer what shows the same pages.
 */
static gboolean
have_previewer (GtkWindow *parent)
{
  GtkSettings *settings = parent ? gtk_widget_get_settings (GTK_WIDGET (parent)) : gtk_settings_get_default ();
  g_autofree char *command = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *program = NULL;

  g_object_get (settings, "gtk-print-preview-command", &command, NULL);
  if (command == NULL || !g_shell_parse_argv (command, NULL, &argv, NULL) || argv[0] == NULL)
    return FALSE;

  program = g_find_program_in_path (argv[0]);
  return program != NULL;
}

static gboolean
end_preview (gpointer data)
{
  gtk_print_operation_preview_end_preview (data);
  return G_SOURCE_REMOVE;
}

static void
on_no_previewer_response (AdwMessageDialog *dialog,
                          const char       *response,
                          GtkWindow        *parent)
{
  if (g_str_equal (response, "export") && parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.export", NULL);
}

static gboolean
on_preview (GtkPrintOperation        *operation,
            GtkPrintOperationPreview *preview,
            GtkPrintContext          *context,
            GtkWindow                *parent,
            Print                    *print)
{
  AdwMessageDialog *dialog;

  if (have_previewer (parent))
    return FALSE;

  /* Handled: nothing to show, so the preview ends at once. GTK still
   * wants somewhere to draw meanwhile.
   */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create (surface);

    gtk_print_context_set_cairo_context (context, cr, 72, 72);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  g_idle_add_full (G_PRIORITY_DEFAULT, end_preview, g_object_ref (preview), g_object_unref);

  dialog = wf_message_new (parent, _("No Print Preview"),
                           _("Print Preview needs a document viewer, such as Document Viewer "
                             "(Evince), and none is installed. The Export dialog shows the same "
                             "pages, and Print to File saves them as a PDF."));
  adw_message_dialog_add_response (dialog, "export", _("_Export…"));
  adw_message_dialog_set_default_response (dialog, "export");
  if (parent != NULL)
    g_signal_connect_object (dialog, "response", G_CALLBACK (on_no_previewer_response), parent, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/**
 * wf_print_operation_new:
 * @current: the map shown, printed alone unless the person chooses all
 *
 * Returns: (transfer full): a print operation for @document's maps, with
 *   its own tab in the print dialog
 */
GtkPrintOperation *
wf_print_operation_new (WfDocument *document,
                        WfMap      *current)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *file_name = NULL;
  Print *print;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (WF_IS_MAP (current), NULL);

  print = g_new0 (Print, 1);
  /* A copy: pages are drawn while the window stays open to edits. */
  {
    g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
    int index = wf_document_get_map_index (document, current);

    print->document = wf_journey_load_bytes (bytes, NULL, NULL);
    if (print->document == NULL)
      print->document = g_object_ref (document);
    else
      current = wf_document_get_map (print->document, MAX (index, 0));
  }
  print->current = g_object_ref (current);
  print->theme = WF_THEME_LIGHT;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, wf_document_get_title (document));
  /* Print to File suggests it, with ".pdf", in the folder it shows. */
  file_name = wf_file_name_make_safe (wf_document_get_title (document), NULL);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, file_name);
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_custom_tab_label (operation, _("Map"));

  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (on_create_custom_widget), print);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (on_custom_widget_apply), print);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), print);
  g_signal_connect (operation, "preview", G_CALLBACK (on_preview), print);
  g_object_set_data_full (G_OBJECT (operation), "wf-print", print, (GDestroyNotify) print_free);

  return operation;
}
