/* wf-frame-probe.c — whole frames timed in the running app, for the benchmark
 *
 * The benchmark's canvas figure times only the canvas's snapshot(); what a
 * person sees costs the whole frame: events, layout, every widget's
 * snapshot, GSK's render and the upload to the display server. With
 * WAYFINDER_FRAME_LOG set to a file name, each window attached here writes
 * one line per frame of its frame clock to that file, timed from the
 * frame's "flush-events" to the end of "after-paint", where the display is
 * synced (XSync on X11), so that the upload is in the frame (a frame
 * without events starts at "before-paint"):
 *
 *   frame BEGIN END LAYOUT PAINT PRESENT    monotonic µs; then the parts in µs:
 *                                           animations and layout, snapshot and
 *                                           render, after-paint and the upload
 *   mark NAME TIME                          wf_frame_probe_mark() was called
 *   painted NAME END                        the first frame that ended after it
 *   stall BEGIN LENGTH                      the main loop did not run for LENGTH µs
 *   cpu NAME TIME                           the process's CPU time in µs (user and
 *                                           system, all threads) at the end of the
 *                                           first frame (NAME "first-frame"), which
 *                                           the load of the machine moves far less
 *                                           than its wall time
 *
 * Stalls are found by a timeout every 5 ms at high priority: a gap over
 * 25 ms between two runs is a freeze a person sees, also between frames
 * (work in an idle handler, a blocking call). The times are those of
 * g_get_monotonic_time(), CLOCK_MONOTONIC, so a driver in another process
 * compares them with its own (bench/frames.py). Without the variable
 * nothing is attached and nothing costs anything.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "wf-frame-probe.h"

#define HEARTBEAT_MS 5
#define STALL_US     25000

typedef struct
{
  gint64  begin;
  gint64  layout;
  gint64  paint;
  char   *pending_mark;   /* reported as painted at the end of a frame */
} Frame;

static FILE     *probe_log;
static gint64    last_beat;
static gboolean  first_frame_done;

static gboolean
open_log (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      const char *path = g_getenv ("WAYFINDER_FRAME_LOG");

      if (path != NULL && *path != '\0')
        {
          probe_log = fopen (path, "a");
          if (probe_log == NULL)
            g_warning ("Could not open the frame log “%s”", path);
          else
            setvbuf (probe_log, NULL, _IOLBF, 0);
        }
      g_once_init_leave (&once, 1);
    }

  return probe_log != NULL;
}

static gboolean
on_heartbeat (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_beat != 0 && now - last_beat > STALL_US)
    fprintf (probe_log, "stall %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
             last_beat, now - last_beat);
  last_beat = now;

  return G_SOURCE_CONTINUE;
}

static void
on_flush_events (GdkFrameClock *clock,
                 Frame         *frame)
{
  frame->begin = g_get_monotonic_time ();
  frame->layout = frame->paint = 0;
}

/* A frame without events to deliver starts here. */
static void
on_before_paint (GdkFrameClock *clock,
                 Frame         *frame)
{
  if (frame->begin == 0)
    on_flush_events (clock, frame);
}

static void
on_layout (GdkFrameClock *clock,
           Frame         *frame)
{
  frame->layout = g_get_monotonic_time ();
}

static void
on_paint (GdkFrameClock *clock,
          Frame         *frame)
{
  frame->paint = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  Frame *frame = g_object_get_data (G_OBJECT (window), "wf-frame-probe");
  gint64 layout, paint, end;

  if (frame->begin == 0)
    return;

  gdk_display_sync (gtk_widget_get_display (window));
  end = g_get_monotonic_time ();

  /* Each time is taken after GTK's own handler of its phase: the end of
   * that phase's work.
   */
  layout = frame->layout ? frame->layout : frame->begin;
  paint = frame->paint ? frame->paint : layout;
  fprintf (probe_log, "frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
           " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
           frame->begin, end, layout - frame->begin, paint - layout, end - paint);

  if (!first_frame_done)
    {
      struct timespec cpu;

      first_frame_done = TRUE;
      if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0)
        fprintf (probe_log, "cpu first-frame %" G_GINT64_FORMAT "\n",
                 (gint64) cpu.tv_sec * G_USEC_PER_SEC + cpu.tv_nsec / 1000);
    }

  if (frame->pending_mark != NULL)
    {
      fprintf (probe_log, "painted %s %" G_GINT64_FORMAT "\n", frame->pending_mark, end);
      g_clear_pointer (&frame->pending_mark, g_free);
    }

  frame->begin = 0;
}

static void
free_frame (gpointer data)
{
  Frame *frame = data;

  g_free (frame->pending_mark);
  g_free (frame);
}

static void
on_realize (GtkWidget *window)
{
  Frame *frame = g_object_get_data (G_OBJECT (window), "wf-frame-probe");
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  /* GTK connected its own handlers when it made the surface, so ours run
   * after its: "flush-events" after the events were delivered, "layout"
   * after the layout, "paint" after the snapshot and the render;
   * "after-paint" last.
   */
  g_signal_connect (clock, "flush-events", G_CALLBACK (on_flush_events), frame);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), frame);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout), frame);
  g_signal_connect (clock, "paint", G_CALLBACK (on_paint), frame);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), window, 0);
}

/**
 * wf_frame_probe_attach:
 * @window: a window, not yet realized
 *
 * Times the frames of @window into the file WAYFINDER_FRAME_LOG names;
 * does nothing when it names none.
 */
void
wf_frame_probe_attach (GtkWidget *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (!open_log ())
    return;

  g_object_set_data_full (G_OBJECT (window), "wf-frame-probe", g_new0 (Frame, 1), free_frame);
  g_signal_connect_after (window, "realize", G_CALLBACK (on_realize), NULL);

  if (last_beat == 0)
    {
      last_beat = g_get_monotonic_time ();
      g_timeout_add_full (G_PRIORITY_HIGH, HEARTBEAT_MS, on_heartbeat, NULL, NULL);
      fprintf (probe_log, "start %" G_GINT64_FORMAT "\n", last_beat);
    }
}

/**
 * wf_frame_probe_mark:
 * @window: (nullable): a window given to wf_frame_probe_attach()
 * @name: what happened, one word
 *
 * Notes that @name happened now, and with a @window, reports the end of
 * the first frame of @window that follows as the moment it was painted.
 */
void
wf_frame_probe_mark (GtkWidget  *window,
                     const char *name)
{
  Frame *frame;

  if (!open_log ())
    return;

  fprintf (probe_log, "mark %s %" G_GINT64_FORMAT "\n", name, g_get_monotonic_time ());

  frame = window ? g_object_get_data (G_OBJECT (window), "wf-frame-probe") : NULL;
  if (frame != NULL)
    {
      g_free (frame->pending_mark);
      frame->pending_mark = g_strdup (name);
    }
}
