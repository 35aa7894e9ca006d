/* test-app.h — the real application, run by a test, and a real pointer
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/wf-application.h"
#include "ui/wf-canvas-private.h"
#include "ui/wf-window.h"

typedef struct _WfTestApp WfTestApp;

/* Called every 50 ms until it returns TRUE. A step waits for what it
 * needs (the window mapped, the keys arrived, a frame drawn), never for
 * time; a test that is not done after WF_TEST_DEADLINE seconds fails
 * rather than hangs.
 */
typedef gboolean (*WfTestStep) (WfTestApp *app);

/* A deadline for failure only: what is waited for comes sooner, and
 * comes in the end even under AddressSanitizer on a loaded machine.
 * tests/meson.build gives each UI test binary more time than this, so
 * that a test that gives up says where.
 */
#define WF_TEST_DEADLINE 120

struct _WfTestApp
{
  WfApplication *app;
  WfTestStep     step;
  gpointer       data;    /* the test's own state */
  guint          stage;   /* for steps that go through stages */
  gint64         started;
  gboolean       done;

  guint          keys_expected; /* see wf_test_app_keys_arrived() */
  guint          frames;        /* see wf_test_app_wait_frame() */
  gboolean       waiting_frame;
};

void        wf_test_app_init     (int          *argc,
                                  char       ***argv);
void        wf_test_use_system_data_dirs (void);
void        wf_test_app_run      (WfTestApp    *app,
                                  const char   *file,
                                  WfTestStep    step);
void        wf_test_app_run_sample (WfTestStep  step,
                                    gpointer    data);
WfWindow   *wf_test_app_get_window (WfTestApp  *app);
WfCanvas   *wf_test_app_get_canvas (WfTestApp  *app);

/* Finding widgets at or under @root, depth first, a widget before its
 * children. wf_test_find_widget() and wf_test_find_button() see only
 * what is on the screen (mapped); the others see hidden widgets too, and
 * a WfTestMatch decides for itself. wf_test_find_window() looks among
 * the windows on the screen.
 */
typedef gboolean (*WfTestMatch) (GtkWidget *widget,
                                 gpointer   data);

GtkWidget  *wf_test_find         (GtkWidget    *root,
                                  WfTestMatch   match,
                                  gpointer      data);
GPtrArray  *wf_test_find_all     (GtkWidget    *root,
                                  WfTestMatch   match,
                                  gpointer      data);
GtkWidget  *wf_test_find_widget  (GtkWidget    *root,
                                  GType         type);
GtkWidget  *wf_test_find_any_widget (GtkWidget *root,
                                     GType      type);
GPtrArray  *wf_test_find_all_widgets (GtkWidget *root,
                                      GType      type);
GtkWidget  *wf_test_find_button  (GtkWidget    *root,
                                  const char   *label);
GtkWidget  *wf_test_find_row     (GtkWidget    *root,
                                  GType         type,
                                  const char   *title);
GtkWidget  *wf_test_find_palette_row (GtkWidget  *root,
                                      const char *kind);
GtkWindow  *wf_test_find_window  (GType         type);
AdwMessageDialog *wf_test_find_dialog (void);

/* Waiting for a condition, in a step or in a test of its own */
gboolean    wf_test_app_wait_frame (WfTestApp  *app,
                                    GtkWidget  *widget);
gboolean    wf_test_app_keys_arrived (WfTestApp *app);

typedef gboolean (*WfTestCondition) (gpointer data);

void        wf_test_wait_until   (WfTestCondition  condition,
                                  gpointer         data,
                                  const char      *what);
void        wf_test_wait_frame   (GtkWidget    *widget);

/* Real input, through the X server */
gboolean    wf_test_have_xdotool (void);
gboolean    wf_test_xdotool      (GtkWidget    *widget,
                                  double        x,
                                  double        y,
                                  const char   *first_command,
                                  ...) G_GNUC_NULL_TERMINATED;
gboolean    wf_test_xdotool_keys (WfTestApp    *app,
                                  GtkWidget    *widget,
                                  const char   *first_key,
                                  ...) G_GNUC_NULL_TERMINATED;
gboolean    wf_test_xdotool_type (WfTestApp    *app,
                                  GtkWidget    *widget,
                                  const char   *text);
gboolean    wf_test_xdotool_resize (GtkWidget  *widget,
                                    int         width,
                                    int         height);
gboolean    wf_test_xdotool_drag (GtkWidget    *from,
                                  double        from_x,
                                  double        from_y,
                                  GtkWidget    *to,
                                  double        to_x,
                                  double        to_y,
                                  gboolean      release);
