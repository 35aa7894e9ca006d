/* wf-launch.c — a file or folder opened in another program
 *
 * An exported file, its folder, the folder of a damaged library: another
 * program shows them. Where none can (no file manager, no viewer for the
 * type), GTK only logs a warning; here the person is told, with where the
 * file is, so they can find it themselves.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wf-launch.h"
#include "wf-message.h"

static void
on_shown (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree char *uri = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autofree char *where = g_file_get_parse_name (file);
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("%s: %s", uri, error->message);
  /* Translators: the first %s is where the file is, the second why no
   * program could show it */
  body = g_strdup_printf (_("No program could show “%s”: %s"), where, error->message);
  wf_message_show (GTK_WINDOW (source), _("Could Not Open the File"), body);
}

/**
 * wf_launch_uri:
 * @parent: the window to say it in, when nothing can show @uri
 * @uri: a file's or folder's URI
 *
 * Opens @uri in the program the system has for it.
 */
void
wf_launch_uri (GtkWindow  *parent,
               const char *uri)
{
  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (uri != NULL);

  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, on_shown, g_strdup (uri));
}
