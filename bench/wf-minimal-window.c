/* wf-minimal-window.c — the least a libadwaita app shows, as a baseline
 *
 * bench/frames.py starts this beside Wayfinder in the same run: its cold
 * start to the first frame is what any libadwaita window costs on the
 * machine, against which Wayfinder's own is measured (issue #19: at most
 * 1.1 times). A header bar and a status page, the frame probe attached,
 * nothing else.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "ui/wf-frame-probe.h"

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();

  wf_frame_probe_attach (window);
  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Minimal");
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.wayfinder.Minimal",
                                                       G_APPLICATION_FLAGS_NONE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
