/* wf-application.h
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "storage/wf-library.h"
#include "wf-team-account.h"

G_BEGIN_DECLS

#define WF_TYPE_APPLICATION (wf_application_get_type ())

G_DECLARE_FINAL_TYPE (WfApplication, wf_application, WF, APPLICATION, AdwApplication)

WfApplication *wf_application_new          (void);
typedef struct _WfWindow WfWindow;

GSettings     *wf_application_get_settings (WfApplication *self);
WfLibrary     *wf_application_get_library  (WfApplication  *self,
                                            const GError  **error);
WfWindow      *wf_application_find_window  (WfApplication *self,
                                            gint64         id);
WfTeamAccount *wf_application_get_team_account (WfApplication *self);
void           wf_application_claim_document (WfApplication *self,
                                              gint64         id);
void           wf_application_send_team_changes (WfApplication *self);

G_END_DECLS
