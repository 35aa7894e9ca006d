/* wf-export-dialog.c — choose how to export, see it, and export
 *
 * The preview and the export itself run in threads, so that a large
 * map never freezes the window. The threads work on a copy of the
 * document, taken as .journey bytes when the dialog opens (the dialog is
 * modal: nothing changes meanwhile), and each loads its own: the model
 * is not shared between threads.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "storage/wf-file-name.h"
#include "storage/wf-journey.h"
#include "wf-application.h"
#include "wf-a11y.h"
#include "wf-export-dialog.h"
#include "wf-message.h"
#include "wf-toast.h"

#define PREVIEW_DELAY_MS 150

struct _WfExportDialog
{
  AdwWindow       parent_instance;

  GBytes         *snapshot;       /* the document, for the threads */
  GSettings      *settings;       /* the choices, kept for next time */
  char           *name;           /* the title to name the file after */
  GFile          *folder;         /* where the file chooser starts */
  GCancellable   *preview_cancellable;
  GCancellable   *export_cancellable;
  guint           preview_timeout;
  guint           progress_timeout;
  guint           page;
  guint           n_pages;
  guint           n_files;        /* as the last preview found */
  guint           previews_running;
  gint            progress;       /* of the export, in thousandths; atomic */
  gboolean        exporting;
  gboolean        disposed;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkButton      *export_button;
  GtkStack       *preview_stack;
  GtkPicture     *picture;
  GtkTextView    *text_view;
  AdwStatusPage  *problem_page;
  GtkLabel       *details_label;
  GtkWidget      *page_box;
  GtkLabel       *page_label;
  GtkWidget      *previous_page_button;
  GtkWidget      *next_page_button;
  GtkRevealer    *progress_revealer;
  GtkProgressBar *progress_bar;
  GtkWidget      *settings_page;
  AdwComboRow    *format_row;
  AdwComboRow    *maps_row;
  GtkWidget      *page_group;
  AdwComboRow    *paper_row;
  GtkWidget      *tile_row;
  GtkSwitch      *tile_switch;
  GtkWidget      *landscape_row;
  GtkSwitch      *landscape_switch;
  GtkSwitch      *insights_switch;
  GtkWidget      *look_group;
  AdwComboRow    *theme_row;
  GtkWidget      *scale_row;
  GtkSpinButton  *scale_spin;
  GtkWidget      *title_block_row;
  GtkSwitch      *title_block_switch;
  GtkWidget      *transparent_row;
  GtkSwitch      *transparent_switch;
};

G_DEFINE_FINAL_TYPE (WfExportDialog, wf_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The format row's order. */
static const WfExportFormat formats[] = {
  WF_EXPORT_FORMAT_PDF,
  WF_EXPORT_FORMAT_PNG,
  WF_EXPORT_FORMAT_SVG,
  WF_EXPORT_FORMAT_CSV,
  WF_EXPORT_FORMAT_MERMAID,
};

static const WfThemeKind themes[] = {
  WF_THEME_LIGHT,
  WF_THEME_DARK,
  WF_THEME_PROJECTOR,
};

/* The rows' items as the settings name them, in the rows' order. */
static const char * const format_names[] = { "pdf", "png", "svg", "csv", "mermaid", NULL };
static const char * const paper_names[] = { "poster", "a4", "a3", "a2", "a1", "a0", NULL };
static const char * const theme_names[] = { "light", "dark", "projector", NULL };
G_STATIC_ASSERT (G_N_ELEMENTS (format_names) == G_N_ELEMENTS (formats) + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (theme_names) == G_N_ELEMENTS (themes) + 1);

/* What a thread needs, and what it gives back. */
typedef struct
{
  GBytes          *snapshot;
  WfExportOptions  options;       /* .map is not set: map_index is */
  int              map_index;     /* -1: every map */
  guint            page;
  int              max_width;     /* of the preview, device pixels */
  int              max_height;
  GFile           *file;          /* to export to */
  gint            *progress;      /* the dialog's, while it waits */

  /* Results */
  GBytes          *pixels;
  int              width;
  int              height;
  int              stride;
  char            *text;
  char            *details;
  guint            n_pages;
  guint            n_files;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->snapshot, g_bytes_unref);
  g_clear_pointer (&job->pixels, g_bytes_unref);
  g_clear_object (&job->file);
  g_free (job->text);
  g_free (job->details);
  g_free (job);
}

static WfExportFormat
get_format (WfExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);

  return i < G_N_ELEMENTS (formats) ? formats[i] : WF_EXPORT_FORMAT_PDF;
}

static Job *
make_job (WfExportDialog *self)
{
  Job *job = g_new0 (Job, 1);
  guint theme = adw_combo_row_get_selected (self->theme_row);

  job->snapshot = g_bytes_ref (self->snapshot);
  wf_export_options_init (&job->options);
  job->options.format = get_format (self);
  job->options.paper = adw_combo_row_get_selected (self->paper_row);
  job->options.tile = gtk_switch_get_active (self->tile_switch);
  job->options.landscape = gtk_switch_get_active (self->landscape_switch);
  job->options.theme = themes[MIN (theme, G_N_ELEMENTS (themes) - 1)];
  job->options.scale = gtk_spin_button_get_value (self->scale_spin);
  job->options.title_block = gtk_switch_get_active (self->title_block_switch);
  /* Only a PDF has Insights pages. */
  job->options.insights = gtk_switch_get_active (self->insights_switch) &&
                          job->options.format == WF_EXPORT_FORMAT_PDF;
  /* Only a PNG image is ever transparent. */
  job->options.transparent = gtk_switch_get_active (self->transparent_switch) &&
                             job->options.format == WF_EXPORT_FORMAT_PNG;
  job->map_index = (int) adw_combo_row_get_selected (self->maps_row) - 1;
  job->page = self->page;

  return job;
}

static WfExport *
job_open (Job     *job,
          GError **error)
{
  g_autoptr(WfDocument) document = wf_journey_load_bytes (job->snapshot, NULL, error);
  WfExportOptions options = job->options;

  if (document == NULL)
    return NULL;

  if (job->map_index >= 0 && (guint) job->map_index < wf_document_get_n_maps (document))
    options.map = wf_document_get_map (document, job->map_index);

  return wf_export_new (document, &options);
}

/* "1 page, A4 (210 × 297 mm)", "4680 × 22556 pixels", "3 files". */
static char *
describe (WfExport  *export,
          Job       *job)
{
  GString *text = g_string_new (NULL);

  switch (job->options.format)
    {
    case WF_EXPORT_FORMAT_PDF:
      {
        double w, h;

        wf_export_get_page_size (export, job->page, &w, &h);
        g_string_append_printf (text, g_dngettext (NULL, "%u page", "%u pages", job->n_pages), job->n_pages);
        /* Translators: a page's size, after the number of pages: ", 210 × 297 mm" */
        g_string_append_printf (text, _(", %.0f × %.0f mm"), w * 25.4 / 72, h * 25.4 / 72);
      }
      break;

    case WF_EXPORT_FORMAT_PNG:
      {
        int w, h;

        wf_export_get_image_size (export, 0, &w, &h);
        g_string_append_printf (text, _("%d × %d pixels"), w, h);
      }
      break;

    case WF_EXPORT_FORMAT_SVG:
    case WF_EXPORT_FORMAT_CSV:
    case WF_EXPORT_FORMAT_MERMAID:
    case WF_EXPORT_FORMAT_NONE:
    default:
      break;
    }

  if (job->n_files > 1)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (NULL, "a file for each of the %u maps",
                                                 "a file for each of the %u maps", job->n_files),
                              job->n_files);
    }

  return g_string_free (text, FALSE);
}

/* In a thread: the preview of one page, or the first map, or the text. */
static void
preview_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(WfExport) export = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h, s;

  if (!(export = job_open (job, &error)) || !wf_export_check (export, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->n_pages = wf_export_get_n_pages (export);
  job->n_files = wf_export_get_n_files (export);
  job->page = MIN (job->page, MAX (job->n_pages, 1) - 1);
  job->details = describe (export, job);

  if (job->options.format == WF_EXPORT_FORMAT_CSV || job->options.format == WF_EXPORT_FORMAT_MERMAID)
    {
      g_autoptr(GBytes) bytes = wf_export_render_file (export, 0, NULL, NULL, cancellable, &error);

      if (bytes == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      job->text = g_strndup (g_bytes_get_data (bytes, NULL), MIN (g_bytes_get_size (bytes), 64 * 1024));
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (job->options.format == WF_EXPORT_FORMAT_PDF)
    wf_export_get_page_size (export, job->page, &w, &h);
  else
    {
      int iw, ih;

      wf_export_get_image_size (export, 0, &iw, &ih);
      w = iw / job->options.scale;
      h = ih / job->options.scale;
    }

  s = MIN (job->max_width / MAX (w, 1), job->max_height / MAX (h, 1));
  job->width = MAX (1, (int) ceil (w * s));
  job->height = MAX (1, (int) ceil (h * s));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width, job->height);
  cr = cairo_create (surface);
  cairo_scale (cr, s, s);
  if (job->options.format == WF_EXPORT_FORMAT_PDF)
    {
      /* Paper. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      wf_export_draw_page (export, cr, job->page, s);
    }
  else
    wf_export_draw_map (export, cr, 0, s);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  job->stride = cairo_image_surface_get_stride (surface);
  job->pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) job->stride * job->height);
  cairo_surface_destroy (surface);

  g_task_return_boolean (task, TRUE);
}

static void
update_sensitivity (WfExportDialog *self)
{
  WfExportFormat format = get_format (self);
  gboolean pdf = format == WF_EXPORT_FORMAT_PDF;
  gboolean picture = format == WF_EXPORT_FORMAT_PDF || format == WF_EXPORT_FORMAT_PNG ||
                     format == WF_EXPORT_FORMAT_SVG;
  gboolean poster = adw_combo_row_get_selected (self->paper_row) == WF_PAPER_POSTER;
  gboolean tile = gtk_switch_get_active (self->tile_switch);

  gtk_widget_set_visible (self->page_group, pdf);
  gtk_widget_set_visible (self->landscape_row, !poster || tile);
  gtk_widget_set_visible (self->look_group, picture);
  gtk_widget_set_visible (self->scale_row, format == WF_EXPORT_FORMAT_PNG || (pdf && tile));
  gtk_widget_set_visible (self->transparent_row, format == WF_EXPORT_FORMAT_PNG);
  gtk_widget_set_visible (self->page_box, pdf && self->n_pages > 1);
}

static void
on_preview_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WfExportDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->previews_running--;

  /* The dialog closed meanwhile. */
  if (self->disposed)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The description is markup; the message can hold a map's title. */
      {
        g_autofree char *markup = g_markup_escape_text (error->message, -1);

        adw_status_page_set_description (self->problem_page, markup);
      }
      gtk_stack_set_visible_child_name (self->preview_stack, "problem");
      gtk_label_set_text (self->details_label, "");
      gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
      return;
    }

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !self->exporting);
  gtk_label_set_text (self->details_label, job->details);
  self->n_pages = job->n_pages;
  self->n_files = job->n_files;
  self->page = job->page;

  {
    g_autofree char *page = g_strdup_printf (_("Page %u of %u"), self->page + 1, MAX (self->n_pages, 1));

    gtk_label_set_text (self->page_label, page);
    gtk_widget_set_sensitive (self->previous_page_button, self->page > 0);
    gtk_widget_set_sensitive (self->next_page_button, self->page + 1 < self->n_pages);
  }

  if (job->text != NULL)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), job->text, -1);
      gtk_stack_set_visible_child_name (self->preview_stack, "text");
    }
  else
    {
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new (job->width, job->height, GDK_MEMORY_DEFAULT,
                                                              job->pixels, job->stride);

      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
      gtk_stack_set_visible_child_name (self->preview_stack, "picture");
    }

  update_sensitivity (self);
}

static gboolean
start_preview (gpointer user_data)
{
  WfExportDialog *self = user_data;
  g_autoptr(GTask) task = NULL;
  Job *job;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int width = gtk_widget_get_width (GTK_WIDGET (self->preview_stack));
  int height = gtk_widget_get_height (GTK_WIDGET (self->preview_stack));

  /* At least as large as the dialog shows it at first, which it has not
   * yet been given the first time.
   */
  width = MAX (width, 640);
  height = MAX (height, 480);

  self->preview_timeout = 0;

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  job = make_job (self);
  job->max_width = width * scale;
  job->max_height = height * scale;

  task = g_task_new (self, self->preview_cancellable, on_preview_done, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, FALSE);
  self->previews_running++;
  g_task_run_in_thread (task, preview_thread);

  return G_SOURCE_REMOVE;
}

static void
schedule_preview (WfExportDialog *self)
{
  update_sensitivity (self);
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  self->preview_timeout = g_timeout_add (PREVIEW_DELAY_MS, start_preview, self);
}

static void
on_setting_changed (WfExportDialog *self)
{
  self->page = 0;
  schedule_preview (self);
}

/* Export */

static void
export_progress (double   fraction,
                 gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (job->progress, (int) (fraction * 1000));
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(WfExport) export = NULL;
  g_autoptr(GError) error = NULL;

  if (!(export = job_open (job, &error)) ||
      !wf_export_write (export, job->file, export_progress, job, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->n_files = wf_export_get_n_files (export);
  g_task_return_boolean (task, TRUE);
}

static gboolean
on_progress_tick (gpointer user_data)
{
  WfExportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->progress) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
set_exporting (WfExportDialog *self,
               gboolean        exporting)
{
  self->exporting = exporting;
  gtk_widget_set_sensitive (self->settings_page, !exporting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !exporting);
  gtk_revealer_set_reveal_child (self->progress_revealer, exporting);
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  if (exporting)
    {
      g_atomic_int_set (&self->progress, 0);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _("Exporting…"));
      self->progress_timeout = g_timeout_add (100, on_progress_tick, self);
    }
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WfExportDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Closed while exporting: the export was cancelled, nothing to show. */
  if (self->disposed)
    return;

  set_exporting (self, FALSE);
  g_clear_object (&self->export_cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          wf_toast_show (self->toast_overlay, wf_toast_new_text (_("Export cancelled")));
          return;
        }

      wf_message_show (GTK_WINDOW (self), _("Could Not Export"), error->message);
      return;
    }

  g_signal_emit (self, signals[EXPORTED], 0, job->file, job->n_files);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * wf_export_dialog_export_to:
 * @file: where to export: the file, or the name a file per map is
 *   numbered after
 *
 * Exports with the dialog's settings, in a thread, showing the progress;
 * the dialog closes when it is done and emits ::exported.
 */
void
wf_export_dialog_export_to (WfExportDialog *self,
                            GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (WF_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->exporting);

  job = make_job (self);
  job->file = g_object_ref (file);
  job->progress = &self->progress;

  self->export_cancellable = g_cancellable_new ();
  set_exporting (self, TRUE);

  task = g_task_new (self, self->export_cancellable, on_export_done, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     WfExportDialog   *self)
{
  if (g_strcmp0 (response, "replace") == 0 && !self->exporting && !self->disposed)
    wf_export_dialog_export_to (self, g_object_get_data (G_OBJECT (dialog), "file"));
}

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  WfExportDialog *self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file == NULL)
    return;

  /* A name without the format's extension gets it. */
  {
    g_autofree char *name = g_file_get_basename (file);
    WfExportFormat format = get_format (self);

    if (wf_export_format_for_name (name) != format)
      {
        g_autofree char *fixed = g_strdup_printf ("%s.%s", name, wf_export_format_get_extension (format));
        g_autoptr(GFile) parent = g_file_get_parent (file);

        g_set_object (&file, g_file_get_child (parent, fixed));
      }
  }

  /* The chooser asked about the name chosen; a file per map is named
   * after it, and those it did not see are asked about here.
   */
  if (self->n_files > 1)
    {
      guint existing = 0;

      for (guint i = 0; i < self->n_files; i++)
        {
          g_autoptr(GFile) numbered = wf_export_number_file (file, i);

          if (g_file_query_exists (numbered, NULL))
            existing++;
        }

      if (existing > 0)
        {
          g_autoptr(GFile) first = wf_export_number_file (file, 0);
          g_autofree char *first_name = g_file_get_basename (first);
          g_autofree char *body = g_strdup_printf (g_dngettext (NULL,
                                                                "“%s” already exists. Replacing it overwrites its contents.",
                                                                "%2$u files named like “%1$s” already exist. Replacing them overwrites their contents.",
                                                                existing),
                                                   first_name, existing);
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace Existing Files?"), body);

          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                            "replace", _("_Replace"), NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
          g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), self);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
    }

  wf_export_dialog_export_to (self, file);
}

/**
 * wf_export_dialog_set_folder:
 * @folder: (nullable): where the file chooser starts: the folder of the
 *   journey's file
 */
void
wf_export_dialog_set_folder (WfExportDialog *self,
                             GFile          *folder)
{
  g_return_if_fail (WF_IS_EXPORT_DIALOG (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  g_set_object (&self->folder, folder);
}

static void
on_export_clicked (WfExportDialog *self)
{
  WfExportFormat format = get_format (self);
  const char *extension = wf_export_format_get_extension (format);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = wf_export_dialog_get_file_name (self);
  g_autofree char *pattern = g_strdup_printf ("*.%s", extension);

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* Beside the journey's file, or else in Documents: not wherever the
   * app was started from.
   */
  {
    g_autoptr(GFile) folder = self->folder ? g_object_ref (self->folder) : wf_export_default_folder ();

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  gtk_file_filter_set_name (filter, adw_combo_row_get_selected_item (self->format_row)
                                      ? gtk_string_object_get_string (adw_combo_row_get_selected_item (self->format_row))
                                      : extension);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_cancel_clicked (WfExportDialog *self)
{
  if (self->exporting)
    {
      g_cancellable_cancel (self->export_cancellable);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
on_previous_page_clicked (WfExportDialog *self)
{
  if (self->page > 0)
    {
      self->page--;
      schedule_preview (self);
    }
}

static void
on_next_page_clicked (WfExportDialog *self)
{
  if (self->page + 1 < self->n_pages)
    {
      self->page++;
      schedule_preview (self);
    }
}

static gboolean
wf_export_dialog_close_request (GtkWindow *window)
{
  WfExportDialog *self = WF_EXPORT_DIALOG (window);

  /* Closing while exporting stops the export; the file is left as it was. */
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);

  return GTK_WINDOW_CLASS (wf_export_dialog_parent_class)->close_request (window);
}

/* A combo row's position ↔ the name a setting keeps. */
static gboolean
name_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *names = user_data;
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
position_to_name (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  const char * const *names = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) names))
    return NULL;

  return g_variant_new_string (names[position]);
}

static void
bind_row (WfExportDialog     *self,
          const char         *key,
          AdwComboRow        *row,
          const char * const *names)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                name_to_position, position_to_name, (gpointer) names, NULL);
}

static void
bind_settings (WfExportDialog *self)
{
  bind_row (self, "export-format", self->format_row, format_names);
  bind_row (self, "export-paper", self->paper_row, paper_names);
  bind_row (self, "export-theme", self->theme_row, theme_names);
  g_settings_bind (self->settings, "export-tile", self->tile_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-landscape", self->landscape_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-title-block", self->title_block_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-insights", self->insights_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-transparent", self->transparent_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-scale", self->scale_spin, "value", G_SETTINGS_BIND_DEFAULT);
}

static void
wf_export_dialog_dispose (GObject *object)
{
  WfExportDialog *self = WF_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_pointer (&self->snapshot, g_bytes_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->folder);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), WF_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (wf_export_dialog_parent_class)->dispose (object);
}

static void
wf_export_dialog_class_init (WfExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wf_export_dialog_dispose;
  window_class->close_request = wf_export_dialog_close_request;

  /**
   * WfExportDialog::exported:
   * @file: the file chosen
   * @n_files: how many files were written (a file per map: numbered after @file)
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/wayfinder/Wayfinder/wf-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, picture);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, problem_page);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, details_label);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, page_box);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, page_label);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, previous_page_button);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, next_page_button);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, settings_page);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, maps_row);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, page_group);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, tile_row);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, tile_switch);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, landscape_row);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, landscape_switch);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, insights_switch);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, look_group);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, title_block_row);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, title_block_switch);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, transparent_row);
  gtk_widget_class_bind_template_child (widget_class, WfExportDialog, transparent_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_page_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_page_clicked);
}

static void
wf_export_dialog_init (WfExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wf_a11y_watch (GTK_WIDGET (self));
}

/**
 * wf_export_dialog_new:
 * @parent: the window it belongs to
 * @document: the document to export
 * @current: (nullable): the map shown, chosen first when there are several
 * @name: (nullable): the title to name the file after
 *
 * Returns: (transfer floating): a new export dialog
 */
WfExportDialog *
wf_export_dialog_new (GtkWindow  *parent,
                      WfDocument *document,
                      WfMap      *current,
                      const char *name)
{
  WfExportDialog *self;
  g_autoptr(GtkStringList) maps = gtk_string_list_new (NULL);
  guint n_maps;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);

  self = g_object_new (WF_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->snapshot = wf_journey_to_bytes (document);
  self->name = g_strdup (name != NULL ? name : "");

  n_maps = wf_document_get_n_maps (document);
  {
    g_autofree char *all = g_strdup_printf (g_dngettext (NULL, "All %u map", "All %u maps", n_maps), n_maps);

    gtk_string_list_append (maps, all);
  }
  for (guint i = 0; i < n_maps; i++)
    gtk_string_list_append (maps, wf_map_get_title (wf_document_get_map (document, i)));
  adw_combo_row_set_model (self->maps_row, G_LIST_MODEL (maps));
  /* One map: the row says so; several: the one shown. */
  gtk_widget_set_visible (GTK_WIDGET (self->maps_row), n_maps > 1);
  if (n_maps > 1 && current != NULL && wf_document_get_map_index (document, current) >= 0)
    adw_combo_row_set_selected (self->maps_row, wf_document_get_map_index (document, current) + 1);

  /* Every choice but the maps is the one made last time: the
   * application's settings, where its schema is installed.
   */
  {
    GApplication *app = g_application_get_default ();

    if (WF_IS_APPLICATION (app))
      g_set_object (&self->settings, wf_application_get_settings (WF_APPLICATION (app)));
  }
  if (self->settings != NULL)
    bind_settings (self);

  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->maps_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->paper_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->theme_row, "notify::selected", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->tile_switch, "notify::active", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->landscape_switch, "notify::active", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->title_block_switch, "notify::active", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->insights_switch, "notify::active", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->transparent_switch, "notify::active", G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self->scale_spin, "value-changed", G_CALLBACK (on_setting_changed), self);

  schedule_preview (self);

  return self;
}

void
wf_export_dialog_set_format (WfExportDialog *self,
                             WfExportFormat  format)
{
  g_return_if_fail (WF_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i] == format)
      adw_combo_row_set_selected (self->format_row, i);
}

/**
 * wf_export_dialog_get_file_name:
 *
 * The name that Export… suggests: the title the dialog was made with,
 * made a safe file name (wf_file_name_make_safe()), with the extension of
 * the format chosen. A title such as "../../tmp/x" names a file in the
 * folder the file chooser shows, not elsewhere.
 *
 * Returns: (transfer full): the file name
 */
char *
wf_export_dialog_get_file_name (WfExportDialog *self)
{
  g_autofree char *suffix = NULL;

  g_return_val_if_fail (WF_IS_EXPORT_DIALOG (self), NULL);

  suffix = g_strconcat (".", wf_export_format_get_extension (get_format (self)), NULL);
  return wf_file_name_make_safe (self->name, suffix);
}

/**
 * wf_export_dialog_get_n_pages:
 *
 * Returns: the pages of the PDF, as the last preview found
 */
guint
wf_export_dialog_get_n_pages (WfExportDialog *self)
{
  return self->n_pages;
}

/**
 * wf_export_dialog_is_busy:
 *
 * Returns: whether a preview is waiting or being made, or an export runs
 */
gboolean
wf_export_dialog_is_busy (WfExportDialog *self)
{
  return self->preview_timeout != 0 || self->previews_running > 0 || self->exporting;
}
