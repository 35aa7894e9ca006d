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

#ifdef GDK_WINDOWING_X11
/* The X window of @widget and where (@x, @y) of @widget is in it. */
static gboolean
window_point (GtkWidget *widget,
              double     x,
              double     y,
              gulong    *xid,
              int       *window_x,
              int       *window_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t point;
  double surface_x, surface_y;

  if (!GDK_IS_X11_SURFACE (surface))
    return FALSE;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  *xid = gdk_x11_surface_get_xid (surface);
  *window_x = (int) (point.x + surface_x);
  *window_y = (int) (point.y + surface_y);
  return TRUE;
}

static void
add_move (GPtrArray *argv,
          gulong     xid,
          int        x,
          int        y)
{
  g_ptr_array_add (argv, g_strdup ("mousemove"));
  g_ptr_array_add (argv, g_strdup ("--window"));
  g_ptr_array_add (argv, g_strdup_printf ("%lu", xid));
  g_ptr_array_add (argv, g_strdup_printf ("%d", x));
  g_ptr_array_add (argv, g_strdup_printf ("%d", y));
}

/* Runs xdotool without waiting for it: the application has to go on
 * handling events while xdotool feeds them (a drag talks to the X server
 * on the way). The caller's step waits for what the input should do.
 */
static void
run_xdotool (GPtrArray *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, NULL);
  if (!(process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error)))
    g_error ("xdotool: %s", error->message);
  g_subprocess_wait_async (process, NULL, NULL, NULL);
}
#endif

static gboolean
have_xdotool (GtkWidget *widget)
{
#ifdef GDK_WINDOWING_X11
  g_autofree char *program = g_find_program_in_path ("xdotool");

  if (GDK_IS_X11_SURFACE (gtk_native_get_surface (gtk_widget_get_native (widget))) && program != NULL)
    return TRUE;
#endif
  g_test_skip ("needs X11 and xdotool");
  return FALSE;
}

/**
 * wf_test_xdotool:
 * @widget: a mapped widget
 * @x: a point of @widget, where the pointer goes first
 * @y: the same point's y
 * @first_command: then xdotool's commands and their arguments, such as
 *   "keydown", "ctrl", "click", "4", "keyup", "ctrl"
 *
 * Gives the X server real input: the window gets the keyboard focus, the
 * pointer moves to (@x, @y) of @widget, then the rest follows. The events
 * arrive while the test's steps run, in order.
 *
 * Returns: %FALSE (the test then skipped) where there is no X11 or no
 *   xdotool
 */
gboolean
wf_test_xdotool (GtkWidget  *widget,
                 double      x,
                 double      y,
                 const char *first_command,
                 ...)
{
#ifdef GDK_WINDOWING_X11
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  gulong xid;
  int window_x, window_y;
  va_list args;

  if (!have_xdotool (widget) || !window_point (widget, x, y, &xid, &window_x, &window_y))
    return FALSE;

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  g_ptr_array_add (argv, g_strdup ("windowfocus"));
  g_ptr_array_add (argv, g_strdup ("--sync"));
  g_ptr_array_add (argv, g_strdup_printf ("%lu", xid));
  add_move (argv, xid, window_x, window_y);

  va_start (args, first_command);
  for (const char *arg = first_command; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);

  run_xdotool (argv);
  return TRUE;
#else
  return have_xdotool (widget);
#endif
}

/**
 * wf_test_xdotool_drag:
 * @from: where the drag starts: a widget and a point of it
 * @to: where it goes, in ten steps
 * @release: whether to let go there, or to keep the button down
 *
 * Drags with the real pointer's first button, as a hand does.
 *
 * Returns: %FALSE (the test then skipped) where there is no X11 or no
 *   xdotool
 */
gboolean
wf_test_xdotool_drag (GtkWidget *from,
                      double     from_x,
                      double     from_y,
                      GtkWidget *to,
                      double     to_x,
                      double     to_y,
                      gboolean   release)
{
#ifdef GDK_WINDOWING_X11
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  gulong xid, to_xid;
  int x0, y0, x1, y1;

  if (!have_xdotool (from) ||
      !window_point (from, from_x, from_y, &xid, &x0, &y0) ||
      !window_point (to, to_x, to_y, &to_xid, &x1, &y1))
    return FALSE;

  g_assert_cmpuint (xid, ==, to_xid);
  g_ptr_array_add (argv, g_strdup ("xdotool"));
  add_move (argv, xid, x0, y0);
  g_ptr_array_add (argv, g_strdup ("mousedown"));
  g_ptr_array_add (argv, g_strdup ("1"));
  for (int step = 1; step <= 10; step++)
    {
      g_ptr_array_add (argv, g_strdup ("sleep"));
      g_ptr_array_add (argv, g_strdup ("0.05"));
      add_move (argv, xid, x0 + (x1 - x0) * step / 10, y0 + (y1 - y0) * step / 10);
    }
  if (release)
    {
      g_ptr_array_add (argv, g_strdup ("sleep"));
      g_ptr_array_add (argv, g_strdup ("0.2"));
      g_ptr_array_add (argv, g_strdup ("mouseup"));
      g_ptr_array_add (argv, g_strdup ("1"));
    }

  run_xdotool (argv);
  return TRUE;
#else
  return have_xdotool (from);
#endif
}
