/* test-app.c — the real application, run by a test, and a real pointer
 *
 * A UI test runs the application as a user starts it, under Xvfb, and
 * checks it in a step called every 50 ms: a step waits for what it needs
 * (the window mapped, the map shown) instead of for time. Input that has
 * to come the way a person's does goes through xdotool, which the X server
 * turns into real pointer and keyboard events.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "test-app.h"
#include "test-util.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

static char *system_data_dirs;

/**
 * wf_test_app_init:
 *
 * g_test_init() with a home of its own for each test, then GTK; prints
 * the TAP plan of a skipped test and exits when there is no display.
 */
void
wf_test_app_init (int    *argc,
                  char ***argv)
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS") ? g_getenv ("XDG_DATA_DIRS")
                                                          : "/usr/local/share:/usr/share");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      exit (0);
    }

  adw_init ();
  g_log_set_writer_func (wf_test_fail_on_warnings, NULL, NULL);
}

static gboolean
on_tick (gpointer data)
{
  WfTestApp *app = data;

  if (++app->ticks > WF_TEST_APP_TICKS)
    {
      g_test_fail_printf ("still not done at stage %u", app->stage);
      g_application_quit (G_APPLICATION (app->app));
      return G_SOURCE_REMOVE;
    }

  if (app->step (app))
    {
      app->done = TRUE;
      g_application_quit (G_APPLICATION (app->app));
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
on_startup (GApplication *application,
            WfTestApp    *app)
{
  g_timeout_add (50, on_tick, app);
}

/**
 * wf_test_app_run:
 * @file: (nullable): what to open, as from the command line
 * @step: called until it returns %TRUE, then the application quits
 */
void
wf_test_app_run (WfTestApp  *app,
                 const char *file,
                 WfTestStep  step)
{
  const char *argv[] = { "wayfinder", file, NULL };

  /* Each test has a home of its own (G_TEST_OPTION_ISOLATE_DIRS), so a
   * library of its own; the icon theme stays where the system has it.
   */
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);

  app->app = wf_application_new ();
  g_application_set_flags (G_APPLICATION (app->app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  app->step = step;
  g_signal_connect_after (app->app, "startup", G_CALLBACK (on_startup), app);
  g_application_run (G_APPLICATION (app->app), file ? 2 : 1, (char **) argv);

  g_assert_true (app->done);
  g_clear_object (&app->app);
}

WfWindow *
wf_test_app_get_window (WfTestApp *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app->app));

  return WF_IS_WINDOW (window) ? WF_WINDOW (window) : NULL;
}

/* The first mapped widget of @type at or under @root. */
GtkWidget *
wf_test_find_widget (GtkWidget *root,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wf_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The message dialog on screen, if there is one. */
AdwMessageDialog *
wf_test_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

/**
 * wf_test_xdotool:
 * @widget: a mapped widget
 * @x: a point of @widget, where the pointer goes first
 * @y: the same point's y
 * @first_command: then xdotool's commands and their arguments, such as
 *   "keydown", "ctrl", "click", "4", "keyup", "ctrl"
 *
 * Gives the X server real input: the pointer moves to (@x, @y) of @widget
 * and the window gets the keyboard focus, then the rest follows. The
 * events arrive when the test returns to the main loop, in order.
 *
 * Returns: %FALSE (after saying why) where there is no X11 or no xdotool,
 *   so the caller can skip
 */
gboolean
wf_test_xdotool (GtkWidget  *widget,
                 double      x,
                 double      y,
                 const char *first_command,
                 ...)
{
#ifdef GDK_WINDOWING_X11
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("xdotool");
  graphene_point_t point;
  double surface_x, surface_y;
  int status;
  va_list args;

  if (!GDK_IS_X11_SURFACE (surface) || program == NULL)
    {
      g_test_skip ("needs X11 and xdotool");
      return FALSE;
    }

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  g_ptr_array_add (argv, g_strdup ("windowfocus"));
  g_ptr_array_add (argv, g_strdup ("--sync"));
  g_ptr_array_add (argv, g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface)));
  g_ptr_array_add (argv, g_strdup ("mousemove"));
  g_ptr_array_add (argv, g_strdup ("--window"));
  g_ptr_array_add (argv, g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface)));
  g_ptr_array_add (argv, g_strdup_printf ("%d", (int) (point.x + surface_x)));
  g_ptr_array_add (argv, g_strdup_printf ("%d", (int) (point.y + surface_y)));

  va_start (args, first_command);
  for (const char *arg = first_command; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("xdotool: %s", error->message);

  return TRUE;
#else
  g_test_skip ("needs X11");
  return FALSE;
#endif
}
