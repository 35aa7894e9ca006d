/* wf-history-dialog.c — earlier versions of a document, to look at and restore
 *
 * Lists the revisions the library keeps of a document (at every save and
 * every ten minutes of editing), newest first. Restoring one changes
 * what differs from it as one step of the undo stack
 * (wf_edit_replace_content()), so that Undo brings the changes back and,
 * in a team document, the team gets the restore as one change.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wf-history-dialog.h"
#include "wf-message.h"
#include "wf-toast.h"

struct _WfHistoryDialog
{
  AdwWindow   parent_instance;

  WfAutosave *autosave;
  GtkWindow  *parent;

  /* Template widgets */
  GtkStack   *stack;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (WfHistoryDialog, wf_history_dialog, ADW_TYPE_WINDOW)

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "save") == 0)
    return _("Saved");
  if (g_strcmp0 (kind, "restore") == 0)
    return _("Restored");
  return _("Kept automatically");
}

static char *
format_time (const char *iso8601)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso8601);

  local = g_date_time_to_local (utc);
  /* Translators: a revision's date and time, see the strftime manual page */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static void
show_error (WfHistoryDialog *self,
            const char      *heading,
            const GError    *error)
{
  wf_message_show (GTK_WINDOW (self), heading, error->message);
}

static void
on_restore_clicked (GtkButton       *button,
                    WfHistoryDialog *self)
{
  gint64 revision = *(gint64 *) g_object_get_data (G_OBJECT (button), "revision-id");
  const char *time = g_object_get_data (G_OBJECT (button), "revision-time");
  WfLibrary *library = wf_autosave_get_library (self->autosave);
  WfDocument *document = wf_autosave_get_document (self->autosave);
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfCommand *top = wf_undo_stack_peek_undo (stack);
  g_autoptr(WfDocument) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = format_time (time);
  g_autofree char *message = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  if (!(old = wf_library_load_revision (library, revision, &error)))
    {
      show_error (self, _("Could Not Restore This Version"), error);
      return;
    }

  wf_edit_replace_content (document, old, _("Restore Version"));
  wf_autosave_add_revision (self->autosave, "restore");

  /* Translators: %s is a date and time */
  message = g_strdup_printf (_("Restored the version of %s"), when);
  /* Nothing differed: no step, and nothing to undo. */
  if (wf_undo_stack_peek_undo (stack) == top)
    toast = wf_toast_new_text (message);
  else
    toast = wf_toast_new_undo (stack, message);

  /* The parent window's content is its toast overlay. */
  overlay = ADW_IS_APPLICATION_WINDOW (self->parent)
            ? adw_application_window_get_content (ADW_APPLICATION_WINDOW (self->parent)) : NULL;

  if (ADW_IS_TOAST_OVERLAY (overlay))
    wf_toast_show (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fill (WfHistoryDialog *self)
{
  WfLibrary *library = wf_autosave_get_library (self->autosave);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;

  revisions = wf_library_list_revisions (library, wf_autosave_get_id (self->autosave), &error);
  if (revisions == NULL)
    {
      g_warning ("The history could not be read: %s", error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < revisions->len; i++)
    {
      WfRevision *revision = g_ptr_array_index (revisions, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));
      g_autofree char *title = format_time (revision->time);
      g_autofree char *changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", revision->changes),
                                                  revision->changes);
      g_autofree char *cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", revision->n_cards),
                                                revision->n_cards);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", kind_label (revision->kind), changes, cards);
      g_autofree char *label = g_strdup_printf (_("Restore the version of %s"), title);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "revision-id", g_memdup2 (&revision->id, sizeof revision->id), g_free);
      g_object_set_data_full (G_OBJECT (button), "revision-time", g_strdup (revision->time), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      gtk_list_box_append (self->list, row);
    }

  gtk_stack_set_visible_child_name (self->stack, revisions->len > 0 ? "list" : "empty");
}

static void
wf_history_dialog_dispose (GObject *object)
{
  WfHistoryDialog *self = WF_HISTORY_DIALOG (object);

  g_clear_object (&self->autosave);
  gtk_widget_dispose_template (GTK_WIDGET (self), WF_TYPE_HISTORY_DIALOG);

  G_OBJECT_CLASS (wf_history_dialog_parent_class)->dispose (object);
}

static void
wf_history_dialog_class_init (WfHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_history_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/wf-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WfHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, WfHistoryDialog, list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wf_history_dialog_init (WfHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

WfHistoryDialog *
wf_history_dialog_new (GtkWindow  *parent,
                       WfAutosave *autosave)
{
  WfHistoryDialog *self;

  g_return_val_if_fail (WF_IS_AUTOSAVE (autosave), NULL);

  self = g_object_new (WF_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->parent = parent;
  self->autosave = g_object_ref (autosave);
  fill (self);

  return self;
}
