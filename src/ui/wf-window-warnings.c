/* wf-window-warnings.c — what was left out of a document as it opened
 *
 * A file whose pictures could not be read opens without them: the
 * reader returns the document and a warning for each picture (where in
 * the file, and why). The window does not open it silently: its banner
 * says how many were left out, and Details… lists them. Saving writes
 * the document as it is, without them, so the banner goes then; so it
 * does when a person dismisses it (docs/pictures.md, stage 2).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "storage/wf-problems.h"
#include "wf-message.h"
#include "wf-window-private.h"

/* The most warnings the details list: the reader keeps at most
 * WF_PROBLEMS_MAX_KEPT, and a label of a thousand lines helps nobody.
 */
#define MAX_LISTED 100
/* From how many warnings on the list scrolls. */
#define SCROLL_FROM 6

/*
 * _wf_window_set_warnings:
 * @warnings: (nullable) (element-type WfProblem): what the reader left
 *   out of the document just shown, or %NULL
 *
 * Keeps @warnings and shows the banner about them, unless the banner
 * says something more pressing (the library, recovered edits).
 */
void
_wf_window_set_warnings (WfWindow  *self,
                         GPtrArray *warnings)
{
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  if (warnings != NULL && warnings->len > 0)
    {
      self->warnings = g_ptr_array_ref (warnings);
      g_debug ("The document opened with %u warnings", warnings->len);
      if (self->banner_kind == BANNER_NONE)
        self->banner_kind = BANNER_WARNINGS;
    }
  else if (self->banner_kind == BANNER_WARNINGS)
    self->banner_kind = BANNER_NONE;

  _wf_window_update_banner (self);
}

/*
 * _wf_window_get_warnings_text:
 *
 * Returns: (transfer full): the banner's text about the warnings
 */
char *
_wf_window_get_warnings_text (WfWindow *self)
{
  guint n = self->warnings != NULL ? self->warnings->len : 0;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u picture could not be read and was left out.",
                                       "%u pictures could not be read and were left out.", n), n);
}

static void
on_details_response (WfWindow   *self,
                     const char *response)
{
  if (g_strcmp0 (response, "dismiss") == 0)
    _wf_window_set_warnings (self, NULL);
}

/*
 * _wf_window_show_warning_details:
 *
 * Lists the warnings in a dialog, each as WHERE: WHY, with a button that
 * hides the banner.
 */
void
_wf_window_show_warning_details (WfWindow *self)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *name = self->file != NULL ? g_file_get_basename (self->file) : NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *label;

  if (self->warnings == NULL)
    return;

  if (name != NULL)
    body = g_strdup_printf (_("These pictures in “%s” could not be read. The rest of the map opened; "
                              "saving it leaves them out of the file."), name);
  else
    body = g_strdup (_("These pictures could not be read. The rest of the map opened; "
                       "saving it leaves them out."));

  for (guint i = 0; i < self->warnings->len && i < MAX_LISTED; i++)
    {
      WfProblem *warning = g_ptr_array_index (self->warnings, i);

      if (list->len > 0)
        g_string_append_c (list, '\n');
      if (warning->where != NULL)
        g_string_append_printf (list, "%s: %s", warning->where, warning->message);
      else
        g_string_append (list, warning->message);
    }
  if (self->warnings->len > MAX_LISTED)
    {
      g_string_append_c (list, '\n');
      g_string_append_printf (list, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 self->warnings->len - MAX_LISTED),
                              self->warnings->len - MAX_LISTED);
    }

  dialog = wf_message_new (GTK_WINDOW (self), _("Pictures Left Out"), body);
  adw_message_dialog_add_response (dialog, "dismiss", _("_Hide Message"));
  adw_message_dialog_set_default_response (dialog, "close");

  label = gtk_label_new (list->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* A few lines as they are; more scroll. */
  if (self->warnings->len <= SCROLL_FROM)
    adw_message_dialog_set_extra_child (dialog, label);
  else
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      adw_message_dialog_set_extra_child (dialog, scrolled);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_details_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
