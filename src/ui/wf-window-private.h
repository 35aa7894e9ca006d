/* wf-window-private.h — what the pieces of the window share
 *
 * wf-window.c shows the document and keeps it (library, banner, saving,
 * closing); wf-window-actions.c holds the window's actions;
 * wf-window-team.c a team document's journal and session, Share with
 * Team…, the status and read-only for viewers.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "storage/wf-autosave.h"
#include "team/wf-team-journal.h"
#include "team/wf-team-session.h"
#include "wf-canvas.h"
#include "wf-document-overview.h"
#include "wf-library-view.h"
#include "wf-insights-panel.h"
#include "wf-outline.h"
#include "wf-presenter.h"
#include "wf-properties.h"
#include "wf-window.h"

G_BEGIN_DECLS

typedef enum {
  BANNER_NONE,
  BANNER_RECOVERED,
  BANNER_LIBRARY,
  BANNER_VIEW_ONLY,
  BANNER_WARNINGS,   /* pictures left out as the document opened (wf-window-warnings.c) */
} BannerKind;

struct _WfWindow
{
  AdwApplicationWindow  parent_instance;

  WfDocument           *document;
  GFile                *file;
  WfAutosave           *autosave;     /* nullable: no library */
  BannerKind            banner_kind;
  GPtrArray            *warnings;     /* nullable: WfProblem, what the reader left out */
  gboolean              can_discard;  /* a saved state to go back to */
  GCancellable         *cancellable;
  gboolean              close_confirmed;
  struct _LibraryWrite *library_write; /* nullable: a worker keeps the file in the library */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  WfLibraryView        *library_view;
  GtkRevealer          *banner;
  AdwFlap              *flap;
  WfCanvas             *canvas;
  GtkRevealer          *properties_revealer;
  GtkBox               *properties_box;
  WfOutline            *outline;
  WfInsightsPanel      *insights;
  WfProperties         *properties;   /* nullable: made when first shown */
  GtkDropDown          *map_switcher;
  GtkWidget            *sidebar_button;
  GtkWidget            *primary_button;
  GtkWidget            *zoom_fit_button;
  gboolean              updating_maps;
  guint                 switcher_idle;
  guint                 after_first_frame;  /* the idle after it, for what it did not need */
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  WfDocumentOverview   *overview;

  /* Workshop mode */
  WfPresenter          *presenter;
  GtkWidget            *header_bar;
  GtkWidget            *left_pane;
  GtkWidget            *left_separator;
  GtkOverlay           *canvas_overlay;
  gboolean              properties_were_shown;
  GtkWidget            *details_return; /* weak: where F9 takes the keyboard back to */

  /* The team (wf-window-team.c): set while the document is a team document */
  struct
  {
    WfTeamJournal      *journal;
    WfTeamSession      *session;     /* nullable: no team server set */
    GCancellable       *sharing;     /* a share on its way */
    GtkWidget          *progress;    /* its dialog */
    GtkGesture         *view_click;  /* read only: takes double clicks */
    GtkGesture         *view_drag;   /* read only: takes drags */
    gboolean            read_only;
    gboolean            error_shown; /* the error that stopped it, told once */
    gboolean            refusal_shown; /* changes refused for a viewer, told once */
    gulong              account_id;
  } team;
};

char     *_wf_window_get_display_title   (WfWindow       *self);
void      _wf_window_show_error          (WfWindow       *self,
                                          const char     *heading,
                                          const char     *body);
void      _wf_window_update_map_switcher (WfWindow       *self);
gboolean  _wf_window_save_to             (WfWindow       *self,
                                          GFile          *file);
void      _wf_window_toggle_presenting   (WfWindow       *self);
void      _wf_window_reveal_details      (WfWindow       *self,
                                          gboolean        reveal);

void      _wf_window_update_title        (WfWindow       *self);
void      _wf_window_update_actions      (WfWindow       *self);
void      _wf_window_update_banner       (WfWindow       *self);
WfLibrary *_wf_window_get_library        (WfWindow       *self);
void      _wf_window_show_toast          (WfWindow       *self,
                                          const char     *message);
void      _wf_window_ensure_help_overlay (WfWindow       *self);

/* wf-window-warnings.c */
void      _wf_window_set_warnings        (WfWindow       *self,
                                          GPtrArray      *warnings);
char     *_wf_window_get_warnings_text   (WfWindow       *self);
void      _wf_window_show_warning_details (WfWindow      *self);

/* wf-window-team.c */
void        _wf_window_team_start        (WfWindow       *self);
void        _wf_window_team_stop         (WfWindow       *self);
const char *_wf_window_team_get_status   (WfWindow       *self);
void        _wf_window_team_update_actions (WfWindow     *self);
void        _wf_window_class_init_team   (GtkWidgetClass *widget_class);

/* wf-window-actions.c */
void      _wf_window_save_as             (WfWindow       *self);
void      _wf_window_import_file         (WfWindow       *self,
                                          GFile          *file);
void      _wf_window_class_init_actions  (GtkWidgetClass *widget_class);

/* For tests: workers that write opened files into the library wait
 * while this is held.
 */
void      _wf_window_hold_library_writes (gboolean        hold);

G_END_DECLS
