/* test-ui-files.c — every .ui file loads
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "ui/wf-window.h"

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  GObject *overlay;

  gtk_builder_add_from_resource (builder, RESOURCE_PREFIX "/gtk/help-overlay.ui", &error);
  g_assert_no_error (error);
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* A template with a missing child or a wrong property fails here. */
static void
test_window_template (void)
{
  GtkWidget *window = g_object_new (WF_TYPE_WINDOW, NULL);

  g_assert_true (WF_IS_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }

  adw_init ();

  g_test_add_func ("/ui-files/help-overlay", test_help_overlay);
  g_test_add_func ("/ui-files/window", test_window_template);

  return g_test_run ();
}
