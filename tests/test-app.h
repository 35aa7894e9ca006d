/* test-app.h — the real application, run by a test, and a real pointer
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/wf-application.h"
#include "ui/wf-window.h"

typedef struct _WfTestApp WfTestApp;

/* Called every 50 ms until it returns TRUE; a test that is not done after
 * WF_TEST_APP_TICKS calls fails rather than hangs.
 */
typedef gboolean (*WfTestStep) (WfTestApp *app);

#define WF_TEST_APP_TICKS 600

struct _WfTestApp
{
  WfApplication *app;
  WfTestStep     step;
  gpointer       data;    /* the test's own state */
  guint          stage;   /* for steps that go through stages */
  guint          ticks;
  gboolean       done;
};

void        wf_test_app_init     (int          *argc,
                                  char       ***argv);
void        wf_test_app_run      (WfTestApp    *app,
                                  const char   *file,
                                  WfTestStep    step);
WfWindow   *wf_test_app_get_window (WfTestApp  *app);
GtkWidget  *wf_test_find_widget  (GtkWidget    *root,
                                  GType         type);
AdwMessageDialog *wf_test_find_dialog (void);

gboolean    wf_test_xdotool      (GtkWidget    *widget,
                                  double        x,
                                  double        y,
                                  const char   *first_command,
                                  ...) G_GNUC_NULL_TERMINATED;
gboolean    wf_test_xdotool_drag (GtkWidget    *from,
                                  double        from_x,
                                  double        from_y,
                                  GtkWidget    *to,
                                  double        to_x,
                                  double        to_y,
                                  gboolean      release);
