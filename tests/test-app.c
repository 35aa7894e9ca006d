/* test-app.c — the real application, run by a test, and a real pointer
 *
 * A UI test runs the application as a user starts it, under Xvfb, and
 * checks it in a step called every 50 ms: a step waits for what it needs
 * (the window mapped, the map shown, the keys arrived, a frame drawn)
 * instead of for time, so that a slow machine makes it slower, not fail.
 * Input that has to come the way a person's does goes through xdotool,
 * which the X server turns into real pointer and keyboard events.
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
static guint keys_received;     /* keys (not modifiers) let go in any window */
static GQueue xdotool_queue = G_QUEUE_INIT;   /* the command running first */

/* Counts the keys as the application gets them, before anything handles
 * them: a handler may keep a key from the widgets and controllers after
 * it, not from this.
 */
static gboolean
on_surface_event (GSignalInvocationHint *hint,
                  guint                  n_values,
                  const GValue          *values,
                  gpointer               data)
{
  GdkEvent *event = g_value_get_pointer (&values[1]);

  if (gdk_event_get_event_type (event) == GDK_KEY_RELEASE && !gdk_key_event_is_modifier (event))
    keys_received++;

  return TRUE;
}

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
  g_autoptr(GTypeClass) surface_class = NULL;

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

  surface_class = g_type_class_ref (GDK_TYPE_SURFACE);
  g_signal_add_emission_hook (g_signal_lookup ("event", GDK_TYPE_SURFACE), 0, on_surface_event, NULL, NULL);
}

/**
 * wf_test_use_system_data_dirs:
 *
 * Each test has a home of its own (G_TEST_OPTION_ISOLATE_DIRS), so a
 * library of its own; the icon theme stays where the system has it.
 * Called at the start of a test that shows widgets.
 */
void
wf_test_use_system_data_dirs (void)
{
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
}

static gboolean
on_tick (gpointer data)
{
  WfTestApp *app = data;

  if (g_get_monotonic_time () - app->started > WF_TEST_DEADLINE * G_USEC_PER_SEC)
    {
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

static gboolean
xdotool_done (gpointer data)
{
  return g_queue_is_empty (&xdotool_queue);
}

/**
 * wf_test_app_run:
 * @file: (nullable): what to open, as from the command line
 * @step: called until it returns %TRUE, then the application quits
 *
 * Fails the test, saying at which stage, when @step is not done by the
 * deadline. Returns when the input the test gave has all been given, so
 * that none of it reaches the next test.
 */
void
wf_test_app_run (WfTestApp  *app,
                 const char *file,
                 WfTestStep  step)
{
  const char *argv[] = { "wayfinder", file, NULL };

  wf_test_use_system_data_dirs ();

  app->app = wf_application_new ();
  g_application_set_flags (G_APPLICATION (app->app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  app->step = step;
  app->started = g_get_monotonic_time ();
  app->keys_expected = keys_received;
  g_signal_connect_after (app->app, "startup", G_CALLBACK (on_startup), app);
  g_application_run (G_APPLICATION (app->app), file ? 2 : 1, (char **) argv);

  /* The tick goes on when the application ended the run itself (on
   * SIGTERM): it would call the next test's loop with this @app, gone.
   */
  while (g_source_remove_by_user_data (app))
    ;

  if (!app->done)
    {
      g_autofree char *message = g_strdup_printf ("not done after %d s, at stage %u", WF_TEST_DEADLINE, app->stage);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
  g_clear_object (&app->app);

  wf_test_wait_until (xdotool_done, NULL, "xdotool to finish");
}

WfWindow *
wf_test_app_get_window (WfTestApp *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app->app));

  return WF_IS_WINDOW (window) ? WF_WINDOW (window) : NULL;
}

/**
 * wf_test_app_run_sample:
 * @step: as for wf_test_app_run()
 * @data: (nullable): the test's own state, for @step as the app's data
 *
 * Runs the application on the sample map, coffee-subscription.journey,
 * as wf_test_app_run() does.
 */
void
wf_test_app_run_sample (WfTestStep step,
                        gpointer   data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "coffee-subscription.journey", NULL);
  WfTestApp app = { .data = data };

  wf_test_app_run (&app, path, step);
}

/* The canvas of a window that shows its map, or NULL while it does not yet. */
WfCanvas *
wf_test_app_get_canvas (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  GtkWidget *canvas;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
      wf_window_get_document (window) == NULL)
    return NULL;

  canvas = wf_test_find_widget (GTK_WIDGET (window), WF_TYPE_CANVAS);
  if (canvas == NULL || gtk_widget_get_width (canvas) <= 0 || wf_canvas_get_map (WF_CANVAS (canvas)) == NULL)
    return NULL;

  return WF_CANVAS (canvas);
}

/* Finding widgets */

/**
 * wf_test_find:
 * @root: where to look: it and what is under it
 * @match: what to look for
 *
 * Looks depth first, a widget before its children, among every widget,
 * shown or not: a @match that wants only what is on the screen checks
 * gtk_widget_get_mapped() itself.
 *
 * Returns: (nullable): the first widget @match accepts
 */
GtkWidget *
wf_test_find (GtkWidget   *root,
              WfTestMatch  match,
              gpointer     data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wf_test_find (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
find_all (GtkWidget   *root,
          WfTestMatch  match,
          gpointer     data,
          GPtrArray   *found)
{
  if (match (root, data))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    find_all (child, match, data, found);
}

/**
 * wf_test_find_all:
 *
 * Like wf_test_find(), every widget @match accepts.
 *
 * Returns: (transfer container): the widgets, in the order
 *   wf_test_find() meets them
 */
GPtrArray *
wf_test_find_all (GtkWidget   *root,
                  WfTestMatch  match,
                  gpointer     data)
{
  GPtrArray *found = g_ptr_array_new ();

  find_all (root, match, data, found);
  return found;
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_shown_of_type (GtkWidget *widget,
                  gpointer   type)
{
  return is_of_type (widget, type) && gtk_widget_get_mapped (widget);
}

/* The first mapped widget of @type at or under @root. */
GtkWidget *
wf_test_find_widget (GtkWidget *root,
                     GType      type)
{
  return wf_test_find (root, is_shown_of_type, GSIZE_TO_POINTER (type));
}

/* The first widget of @type at or under @root, shown or not. */
GtkWidget *
wf_test_find_any_widget (GtkWidget *root,
                         GType      type)
{
  return wf_test_find (root, is_of_type, GSIZE_TO_POINTER (type));
}

/* Every widget of @type at or under @root, shown or not, in the order
 * wf_test_find() meets them.
 */
GPtrArray *
wf_test_find_all_widgets (GtkWidget *root,
                          GType      type)
{
  return wf_test_find_all (root, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_shown_button_labelled (GtkWidget *widget,
                          gpointer   label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/**
 * wf_test_find_button:
 * @label: (nullable): the button's label, with its mnemonic ("_Undo");
 *   %NULL for a button without one (an icon)
 *
 * Returns: (nullable): the first mapped button labelled @label at or
 *   under @root
 */
GtkWidget *
wf_test_find_button (GtkWidget  *root,
                     const char *label)
{
  return wf_test_find (root, is_shown_button_labelled, (gpointer) label);
}

typedef struct
{
  GType       type;
  const char *title;
} RowMatch;

static gboolean
is_row_titled (GtkWidget *widget,
               gpointer   data)
{
  RowMatch *row = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, row->type) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), row->title) == 0;
}

/**
 * wf_test_find_row:
 * @type: an #AdwPreferencesRow type (#AdwActionRow, #AdwEntryRow, …)
 * @title: the row's title, with its mnemonic ("_Title Block")
 *
 * Returns: (nullable): the first row of @type titled @title at or under
 *   @root, shown or not (a row below the fold of a page may not be)
 */
GtkWidget *
wf_test_find_row (GtkWidget  *root,
                  GType       type,
                  const char *title)
{
  RowMatch row = { type, title };

  g_return_val_if_fail (g_type_is_a (type, ADW_TYPE_PREFERENCES_ROW), NULL);

  return wf_test_find (root, is_row_titled, &row);
}

static gboolean
is_palette_row (GtkWidget *widget,
                gpointer   kind)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "palette-kind"), kind) == 0;
}

/**
 * wf_test_find_palette_row:
 * @kind: what the row adds to a map: "touchpoint", "phase", "persona", …
 *
 * Returns: (nullable): the palette's row for @kind at or under @root,
 *   shown or not
 */
GtkWidget *
wf_test_find_palette_row (GtkWidget  *root,
                          const char *kind)
{
  return wf_test_find (root, is_palette_row, (gpointer) kind);
}

/* The window of @type on screen, if there is one. */
GtkWindow *
wf_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return GTK_WINDOW (toplevel);
    }

  return NULL;
}

/* The message dialog on screen, if there is one. */
AdwMessageDialog *
wf_test_find_dialog (void)
{
  return ADW_MESSAGE_DIALOG (wf_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

/* Waiting */

static gboolean
on_frame_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  guint *frames = data;

  /* The first frame lays out what was queued before it; the second, what
   * laying out the first queued (a view that follows a new size). Seen
   * from outside a frame, both are drawn.
   */
  if (++*frames < 2)
    return G_SOURCE_CONTINUE;

  return G_SOURCE_REMOVE;
}

/**
 * wf_test_app_wait_frame:
 * @widget: a mapped widget
 *
 * For a step that has seen what it waited for and needs what follows
 * from it on the screen: the layout it queued, a frame drawn. The first
 * call asks for frames and returns %FALSE; the calls after it return
 * %TRUE once @widget's window has laid out and drawn two frames, then
 * the next call starts again.
 */
gboolean
wf_test_app_wait_frame (WfTestApp *app,
                        GtkWidget *widget)
{
  if (!app->waiting_frame)
    {
      app->waiting_frame = TRUE;
      app->frames = 0;
      gtk_widget_add_tick_callback (widget, on_frame_tick, &app->frames, NULL);
      gtk_widget_queue_draw (widget);
      return FALSE;
    }

  if (app->frames < 2)
    return FALSE;

  app->waiting_frame = FALSE;
  return TRUE;
}

/**
 * wf_test_app_keys_arrived:
 *
 * Whether every key typed with wf_test_xdotool_keys() or
 * wf_test_xdotool_type() has reached the application and been handled
 * (it counts keys as they are let go, after they were pressed).
 */
gboolean
wf_test_app_keys_arrived (WfTestApp *app)
{
  return keys_received >= app->keys_expected;
}

static gboolean
on_wait_timeout (gpointer data)
{
  return G_SOURCE_CONTINUE;   /* wakes the loop up to look at the clock */
}

/**
 * wf_test_wait_until:
 * @condition: what is waited for
 * @what: what it is, for the message of a test that gives up
 *
 * Runs the main loop until @condition returns %TRUE; fails the test when
 * it has not after WF_TEST_DEADLINE seconds.
 */
void
wf_test_wait_until (WfTestCondition  condition,
                    gpointer         data,
                    const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + WF_TEST_DEADLINE * G_USEC_PER_SEC;
  guint wake = g_timeout_add (50, on_wait_timeout, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *message = g_strdup_printf ("still waiting for %s after %d s", what, WF_TEST_DEADLINE);

          g_source_remove (wake);
          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
          return;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);
}

static gboolean
frames_drawn (gpointer data)
{
  return *(guint *) data >= 2;
}

/**
 * wf_test_wait_frame:
 * @widget: a mapped widget
 *
 * Runs the main loop until @widget's window has laid out and drawn what
 * was queued: two frames, as wf_test_app_wait_frame() waits for.
 */
void
wf_test_wait_frame (GtkWidget *widget)
{
  guint frames = 0;

  g_assert_true (gtk_widget_get_mapped (widget));
  gtk_widget_add_tick_callback (widget, on_frame_tick, &frames, NULL);
  gtk_widget_queue_draw (widget);
  wf_test_wait_until (frames_drawn, &frames, "a frame drawn");
}

/* Real input */

#ifdef GDK_WINDOWING_X11
static gulong
get_xid (GtkWidget *widget)
{
  return gdk_x11_surface_get_xid (gtk_native_get_surface (gtk_widget_get_native (widget)));
}

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

/* The start of a command that gives @xid the keyboard focus. */
static GPtrArray *
new_focus_argv (gulong xid)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  g_ptr_array_add (argv, g_strdup ("windowfocus"));
  g_ptr_array_add (argv, g_strdup ("--sync"));
  g_ptr_array_add (argv, g_strdup_printf ("%lu", xid));
  return argv;
}

static void run_next_xdotool (void);

static void
on_xdotool_exited (GObject      *object,
                   GAsyncResult *result,
                   gpointer      data)
{
  GSubprocess *process = G_SUBPROCESS (object);
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (process, result, &error))
    g_test_fail_printf ("xdotool: %s", error->message);

  g_ptr_array_unref (g_queue_pop_head (&xdotool_queue));
  run_next_xdotool ();
}

static void
run_next_xdotool (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *argv = g_queue_peek_head (&xdotool_queue);

  if (argv == NULL)
    return;

  if (!(process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error)))
    g_error ("xdotool: %s", error->message);
  g_subprocess_wait_async (process, NULL, on_xdotool_exited, NULL);
}

/* Runs xdotool without waiting for it: the application has to go on
 * handling events while xdotool feeds them (a drag talks to the X server
 * on the way). The caller's step waits for what the input should do.
 * One command starts when the one before it has ended, so that their
 * input comes in the order they were given.
 */
static void
run_xdotool (GPtrArray *argv)
{
  g_ptr_array_add (argv, NULL);
  g_queue_push_tail (&xdotool_queue, g_ptr_array_ref (argv));
  if (xdotool_queue.length == 1)
    run_next_xdotool ();
}
#endif

/**
 * wf_test_have_xdotool:
 *
 * Returns: whether there is real input to give: X11 and xdotool; where
 *   not, the test is skipped
 */
gboolean
wf_test_have_xdotool (void)
{
#ifdef GDK_WINDOWING_X11
  g_autofree char *program = g_find_program_in_path ("xdotool");

  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()) && program != NULL)
    return TRUE;
#endif
  g_test_skip ("needs X11 and xdotool");
  return FALSE;
}

static gboolean
have_xdotool (GtkWidget *widget)
{
  return wf_test_have_xdotool ();
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
  g_autoptr(GPtrArray) argv = NULL;
  gulong xid;
  int window_x, window_y;
  va_list args;

  if (!have_xdotool (widget) || !window_point (widget, x, y, &xid, &window_x, &window_y))
    return FALSE;

  argv = new_focus_argv (xid);
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

/* Types with xdotool's @command ("key", "type") and its @n_args @args
 * into @widget's window, which gets the keyboard focus first; @n_keys
 * keys will arrive.
 */
static gboolean
type_keys (WfTestApp         *app,
           GtkWidget         *widget,
           const char        *command,
           const char *const *args,
           guint              n_args,
           guint              n_keys)
{
#ifdef GDK_WINDOWING_X11
  g_autoptr(GPtrArray) argv = NULL;

  if (!have_xdotool (widget))
    return FALSE;

  argv = new_focus_argv (get_xid (widget));
  g_ptr_array_add (argv, g_strdup (command));
  for (guint i = 0; i < n_args; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  app->keys_expected = MAX (app->keys_expected, keys_received) + n_keys;

  run_xdotool (argv);
  return TRUE;
#else
  return have_xdotool (widget);
#endif
}

/**
 * wf_test_xdotool_keys:
 * @widget: a mapped widget, of the window that gets the keys
 * @first_key: then more, each as xdotool's key command names it ("Tab",
 *   "ctrl+z", "plus")
 *
 * Types the keys on the real keyboard, one after the other, without
 * moving the pointer. wf_test_app_keys_arrived() says when they have all
 * been handled.
 *
 * Returns: %FALSE (the test then skipped) where there is no X11 or no
 *   xdotool
 */
gboolean
wf_test_xdotool_keys (WfTestApp  *app,
                      GtkWidget  *widget,
                      const char *first_key,
                      ...)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    g_ptr_array_add (keys, (gpointer) key);
  va_end (args);

  return type_keys (app, widget, "key", (const char *const *) keys->pdata, keys->len, keys->len);
}

/**
 * wf_test_xdotool_type:
 * @widget: a mapped widget, of the window that gets the keys
 * @text: what to type, in characters of the keyboard's map
 *
 * Types @text on the real keyboard, as wf_test_xdotool_keys() types keys.
 *
 * Returns: %FALSE (the test then skipped) where there is no X11 or no
 *   xdotool
 */
gboolean
wf_test_xdotool_type (WfTestApp  *app,
                      GtkWidget  *widget,
                      const char *text)
{
  return type_keys (app, widget, "type", &text, 1, g_utf8_strlen (text, -1));
}

/**
 * wf_test_xdotool_resize:
 * @widget: a mapped widget, of the window to resize
 *
 * Resizes the window as a window manager does, to @width × @height
 * pixels of the screen.
 *
 * Returns: %FALSE (the test then skipped) where there is no X11 or no
 *   xdotool
 */
gboolean
wf_test_xdotool_resize (GtkWidget *widget,
                        int        width,
                        int        height)
{
#ifdef GDK_WINDOWING_X11
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  if (!have_xdotool (widget))
    return FALSE;

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  g_ptr_array_add (argv, g_strdup ("windowsize"));
  g_ptr_array_add (argv, g_strdup_printf ("%lu", get_xid (widget)));
  g_ptr_array_add (argv, g_strdup_printf ("%d", width));
  g_ptr_array_add (argv, g_strdup_printf ("%d", height));

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
