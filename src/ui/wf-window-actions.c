/* wf-window-actions.c — the window's actions: open, save, undo, maps, export, print…
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "export/wf-export.h"
#include "storage/wf-file-name.h"
#include "storage/wf-figures.h"
#include "wf-export-dialog.h"
#include "wf-history-dialog.h"
#include "wf-import-dialog.h"
#include "wf-launch.h"
#include "wf-print.h"
#include "wf-toast.h"
#include "wf-window-private.h"

/* Opening and saving */

static GtkFileFilter *
journey_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Journey Maps"));
  gtk_file_filter_add_mime_type (filter, "application/x-wayfinder-journey");
  gtk_file_filter_add_suffix (filter, "journey");

  return filter;
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(WfWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      WfWindow *target = self;

      /* Keep this window's document; open the file in a new window. */
      if (self->document != NULL)
        target = wf_window_new (gtk_window_get_application (GTK_WINDOW (self)));

      wf_window_open_file (target, file);
      gtk_window_present (GTK_WINDOW (target));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = journey_filter ();
  g_autoptr(GtkFileFilter) mermaid = gtk_file_filter_new ();

  gtk_file_filter_set_name (mermaid, _("Mermaid User Journeys"));
  gtk_file_filter_add_suffix (mermaid, "mmd");

  dialog = gtk_file_chooser_native_new (_("Open Journey"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), mermaid);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_save_as_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(WfWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (file);

      if (!g_str_has_suffix (name, ".journey"))
        {
          g_autofree char *with_suffix = g_strconcat (name, ".journey", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);

          g_set_object (&file, g_file_get_child (parent, with_suffix));
        }

      if (_wf_window_save_to (self, file) && self->close_confirmed)
        gtk_window_destroy (GTK_WINDOW (self));
    }

  self->close_confirmed = FALSE;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
_wf_window_save_as (WfWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = journey_filter ();
  g_autofree char *title = _wf_window_get_display_title (self);
  g_autofree char *name = wf_file_name_make_safe (title, ".journey");

  dialog = gtk_file_chooser_native_new (_("Save Journey"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), self->file, NULL);
  else
    {
      g_autoptr(GFile) folder = wf_export_default_folder ();

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }

  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->document == NULL)
    return;

  if (self->file != NULL)
    _wf_window_save_to (self, self->file);
  else
    _wf_window_save_as (self);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->document != NULL)
    _wf_window_save_as (self);
}

/* Undo */

/* Undo keeps what someone else changed since (docs/team-library.md,
 * "Undo stays personal"); the person learns that their step was not
 * taken back, or not all of it.
 */
static void
tell_skipped (WfWindow    *self,
              WfUndoStack *stack,
              gboolean     undo)
{
  guint size = 0;
  guint skipped = wf_undo_stack_get_last_skipped (stack, &size);
  const char *message;

  if (skipped == 0)
    return;

  if (skipped == size)
    message = undo ? _("Not undone: someone else changed it since")
                   : _("Not redone: someone else changed it since");
  else
    message = undo ? _("Partly undone: someone else changed some of it since")
                   : _("Partly redone: someone else changed some of it since");

  wf_toast_show (self->toast_overlay, wf_toast_new_text (message));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  WfUndoStack *stack;

  if (self->document == NULL)
    return;

  stack = wf_document_get_undo_stack (self->document);
  if (wf_undo_stack_undo (stack))
    tell_skipped (self, stack, TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  WfUndoStack *stack;

  if (self->document == NULL)
    return;

  stack = wf_document_get_undo_stack (self->document);
  if (wf_undo_stack_redo (stack))
    tell_skipped (self, stack, FALSE);
}

/* Maps and personas, from the overview */

static WfMap *
map_at (WfWindow *self,
        GVariant *param)
{
  guint index = g_variant_get_uint32 (param);

  return self->document && index < wf_document_get_n_maps (self->document)
         ? wf_document_get_map (self->document, index) : NULL;
}

static void
map_add_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  const char *names[] = { N_("Before"), N_("During"), N_("After") };
  g_autofree char *id = NULL;
  g_autoptr(WfMap) map = NULL;
  g_autofree char *lane_id = NULL;
  g_autoptr(WfLane) lane = NULL;

  if (self->document == NULL)
    return;

  /* A new map to start from: three phases and a shared touchpoints lane. */
  id = wf_document_make_id (self->document, "map");
  map = wf_map_new (id, _("New Map"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *phase_id = wf_document_make_id (self->document, "phase");
      g_autoptr(WfPhase) phase = wf_phase_new (phase_id, _(names[i]));

      wf_map_insert_phase (map, phase, -1);
    }
  lane_id = wf_document_make_id (self->document, "lane");
  lane = wf_lane_new (lane_id, WF_LANE_TOUCHPOINTS);
  wf_lane_set_title (lane, wf_lane_kind_get_label (WF_LANE_TOUCHPOINTS));
  wf_map_insert_lane (map, lane, -1);

  if (wf_edit_add_map (self->document, map, -1))
    {
      wf_canvas_set_map (self->canvas, map);
      _wf_window_update_map_switcher (self);
    }
}

static void
map_duplicate_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  WfMap *map = map_at (self, param);
  g_autofree char *title = NULL;
  g_autoptr(WfMap) copy = NULL;

  if (map == NULL)
    return;

  /* Translators: the title of a duplicated map: "Coffee subscription (copy)" */
  title = g_strdup_printf (_("%s (copy)"), wf_map_get_title (map));
  copy = wf_map_duplicate (map, title);

  if (wf_edit_add_map (self->document, copy, g_variant_get_uint32 (param) + 1))
    {
      wf_canvas_set_map (self->canvas, copy);
      _wf_window_update_map_switcher (self);
    }
}

static void
on_map_rename_response (AdwMessageDialog *dialog,
                        const char       *response,
                        WfWindow         *self)
{
  WfMap *map = g_object_get_data (G_OBJECT (dialog), "map");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "rename") == 0 && map != NULL &&
      wf_item_get_document (WF_ITEM (map)) == self->document)
    wf_edit_set (map, "title", gtk_editable_get_text (entry), NULL);
}

static void
map_rename_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  WfMap *map = map_at (self, param);
  GtkWidget *dialog, *entry;

  if (map == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Map"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), wf_map_get_title (map));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "map", g_object_ref (map), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_map_rename_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
map_move_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  WfMap *map = map_at (self, param);
  guint index = g_variant_get_uint32 (param);

  if (map == NULL)
    return;

  if (g_str_equal (action_name, "win.map-move-up") && index > 0)
    wf_edit_reorder (map, index - 1);
  else if (g_str_equal (action_name, "win.map-move-down") && index + 1 < wf_document_get_n_maps (self->document))
    wf_edit_reorder (map, index + 1);
}

static void
map_delete_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  WfMap *map = map_at (self, param);
  g_autofree char *message = NULL;

  if (map == NULL)
    return;

  /* Deleting is undone like any edit; the toast offers it at once. */
  message = g_strdup_printf (_("Map “%s” deleted"), *wf_map_get_title (map) ? wf_map_get_title (map) : _("Untitled Map"));
  wf_edit_remove (map);
  wf_toast_show (self->toast_overlay,
                               wf_toast_new_undo (wf_document_get_undo_stack (self->document), message));
}

static void
persona_add_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->document != NULL && wf_canvas_get_map (self->canvas) != NULL)
    wf_canvas_add_item_at_focus (self->canvas, "persona");
}

/* The view */

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  wf_canvas_zoom_to_fit (WF_WINDOW (widget)->canvas);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->document != NULL)
    _wf_window_reveal_details (self, !adw_flap_get_reveal_flap (self->flap));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->autosave == NULL)
    return;

  wf_autosave_flush (self->autosave);
  gtk_window_present (GTK_WINDOW (wf_history_dialog_new (GTK_WINDOW (self), self->autosave)));
}

/* Export and print */

static void
on_exported (WfWindow       *self,
             GFile          *file,
             guint           n_files,
             WfExportDialog *dialog)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  g_autoptr(GFile) shown = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;

  /* One file: open it; a file per map: their folder. */
  if (n_files > 1)
    {
      message = g_strdup_printf (g_dngettext (NULL, "Exported %u file", "Exported %u files", n_files), n_files);
      shown = g_file_get_parent (file);
    }
  else
    {
      message = g_strdup_printf (_("Exported “%s”"), name);
      shown = g_object_ref (file);
    }

  uri = g_file_get_uri (shown);
  toast = wf_toast_new_text (message);
  adw_toast_set_button_label (toast, n_files > 1 ? _("Show _Folder") : _("_Open"));
  adw_toast_set_action_name (toast, "win.show-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  wf_toast_show (self->toast_overlay, toast);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  g_autofree char *title = _wf_window_get_display_title (self);
  WfExportDialog *dialog;

  if (self->document == NULL || wf_canvas_get_map (self->canvas) == NULL)
    return;

  dialog = wf_export_dialog_new (GTK_WINDOW (self), self->document, wf_canvas_get_map (self->canvas), title);
  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      wf_export_dialog_set_folder (dialog, folder);
    }
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens an exported file or its folder, saying so when nothing can. */
static void
show_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  wf_launch_uri (GTK_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               WfWindow                *self)
{
  g_autoptr(GError) error = NULL;
  const GError *refusal = wf_print_operation_get_refusal (operation);

  if (result == GTK_PRINT_OPERATION_RESULT_CANCEL && refusal != NULL)
    {
      _wf_window_show_error (self, _("Could Not Print"), refusal->message);
      return;
    }

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  _wf_window_show_error (self, _("Could Not Print"), error ? error->message : _("The printer reported a problem."));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (self->document == NULL || wf_canvas_get_map (self->canvas) == NULL)
    return;

  operation = wf_print_operation_new (self->document, wf_canvas_get_map (self->canvas));
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    _wf_window_show_error (self, _("Could Not Print"), error->message);
}

/* Import figures */

static void
on_imported (WfWindow       *self,
             guint           n_rows,
             WfImportDialog *dialog)
{
  g_autofree char *message = g_strdup_printf (g_dngettext (NULL, "Imported %u figure", "Imported %u figures", n_rows), n_rows);

  wf_toast_show (self->toast_overlay,
                               wf_toast_new_undo (wf_document_get_undo_stack (self->document), message));
}

static void
on_import_file_read (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(WfWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  WfImportDialog *dialog;

  data = wf_figures_load_file_finish (G_FILE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->document == NULL)
    return;
  if (data == NULL)
    {
      g_autofree char *name = g_file_get_basename (G_FILE (source));
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      _wf_window_show_error (self, heading, error->message);
      return;
    }

  dialog = wf_import_dialog_new (GTK_WINDOW (self), self->document, wf_canvas_get_map (self->canvas), data);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _wf_window_import_file:
 * @file: the sheet or TheyDo export chosen
 *
 * Reads @file off the main thread, then shows the Import Figures dialog
 * for it, or why it cannot be imported.
 */
void
_wf_window_import_file (WfWindow *self,
                        GFile    *file)
{
  g_return_if_fail (WF_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Off the main thread, and no more than an import can hold. */
  wf_figures_load_file_async (file, self->cancellable, on_import_file_read, g_object_ref (self));
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(WfWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      _wf_window_import_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
import_figures_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->document == NULL || wf_document_get_n_maps (self->document) == 0)
    return;

  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV) and TheyDo Metrics (JSON)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "application/json");

  dialog = gtk_file_chooser_native_new (_("Import Figures"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The window of keyboard shortcuts, made when first needed if the idle
 * after the first frame has not made it yet (wf-window.c). */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  _wf_window_ensure_help_overlay (self);
  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self))));
}

/* Workshop mode */

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _wf_window_toggle_presenting (WF_WINDOW (widget));
}

void
_wf_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.import-figures", NULL, import_figures_action);
  gtk_widget_class_install_action (widget_class, "win.show-uri", "s", show_uri_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "win.map-add", NULL, map_add_action);
  gtk_widget_class_install_action (widget_class, "win.map-rename", "u", map_rename_action);
  gtk_widget_class_install_action (widget_class, "win.map-duplicate", "u", map_duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.map-move-up", "u", map_move_action);
  gtk_widget_class_install_action (widget_class, "win.map-move-down", "u", map_move_action);
  gtk_widget_class_install_action (widget_class, "win.map-delete", "u", map_delete_action);
  gtk_widget_class_install_action (widget_class, "win.persona-add", NULL, persona_add_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  /* As the Zoom to Fit button's tooltip says, wherever the focus is (the
   * canvas has the same key for when it has the focus). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_9, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
}
