/* wf-message.c — a message about something that went wrong, in a dialog
 *
 * Every "Could Not …" dialog is made here: a heading, the reason, and a
 * Close button the dialog closes with. The reason is shown whole up to
 * MAX_BODY_CHARS characters: the readers quote only the start of a value
 * from a file, and this keeps any other text that grew long from keeping
 * the dialog from ever being drawn (Pango lays out all of a label's text,
 * however long, before it shows).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wf-message.h"

#define MAX_BODY_CHARS 2000

/**
 * wf_message_new:
 * @parent: (nullable): the window it is about
 * @heading: what went wrong, as "Could Not Save the Journey"
 * @body: (nullable): why, plain text, cut to 2,000 characters
 *
 * Returns: (transfer floating): a dialog with a Close response, not yet
 *   shown, for callers that offer more (a button that helps)
 */
AdwMessageDialog *
wf_message_new (GtkWindow  *parent,
                const char *heading,
                const char *body)
{
  g_autofree char *cut = NULL;
  GtkWidget *dialog;

  if (body != NULL && g_utf8_strlen (body, -1) > MAX_BODY_CHARS)
    {
      g_autofree char *start = g_utf8_substring (body, 0, MAX_BODY_CHARS);

      g_debug ("A message of %zu bytes is shown cut short", strlen (body));
      body = cut = g_strconcat (start, "…", NULL);
    }

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  return ADW_MESSAGE_DIALOG (dialog);
}

/**
 * wf_message_show:
 *
 * Shows wf_message_new()'s dialog.
 */
void
wf_message_show (GtkWindow  *parent,
                 const char *heading,
                 const char *body)
{
  gtk_window_present (GTK_WINDOW (wf_message_new (parent, heading, body)));
}
