/* wf-team-journal.h — a team document's steps as change records in the outbox
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-model.h"
#include "storage/wf-autosave.h"

G_BEGIN_DECLS

/* "v" of the records the journal writes. */
#define WF_TEAM_JOURNAL_RECORD_VERSION 1

#define WF_TYPE_TEAM_JOURNAL (wf_team_journal_get_type ())

G_DECLARE_FINAL_TYPE (WfTeamJournal, wf_team_journal, WF, TEAM_JOURNAL, GObject)

/* An open conflict of a team document, a row of team_conflicts: change
 * @seq, by @author at @at, met someone else's change to @member of @item
 * and what it brought was set aside. */
typedef struct
{
  gint64  seq;     /* the change whose value was set aside */
  char   *item;    /* the item's id, "" for the document */
  char   *member;  /* a member, "@place", or "@item": the item as a whole */
  char   *value;   /* the value set aside, as JSON text, or NULL */
  char   *author;  /* who made change @seq */
  char   *at;      /* when, UTC, ISO 8601 */
} WfTeamConflict;

WfTeamJournal *wf_team_journal_new         (WfAutosave     *autosave,
                                            GError        **error);
void           wf_team_journal_close       (WfTeamJournal  *self);
WfAutosave    *wf_team_journal_get_autosave (WfTeamJournal *self);
WfDocument    *wf_team_journal_get_document (WfTeamJournal *self);
const char    *wf_team_journal_get_client  (WfTeamJournal  *self);
gint64         wf_team_journal_get_seq     (WfTeamJournal  *self);
const char    *wf_team_journal_get_key     (WfTeamJournal  *self,
                                            const char     *id);
gint64         wf_team_journal_get_version (WfTeamJournal  *self,
                                            const char     *id,
                                            const char     *member);
gboolean       wf_team_journal_is_pending  (WfTeamJournal  *self,
                                            const char     *id,
                                            const char     *member);

GPtrArray     *wf_team_journal_list_conflicts (WfTeamJournal *self,
                                              const char    *id);
gboolean       wf_team_journal_has_conflict (WfTeamJournal  *self,
                                            const char     *id);
const char    *wf_team_journal_get_editor  (WfTeamJournal  *self,
                                            const char     *id);
gboolean       wf_team_journal_is_own_change (WfTeamJournal *self,
                                              gint64         seq);
char          *wf_team_journal_get_map_value (WfTeamJournal *self,
                                              const char    *id,
                                              const char    *member);
gboolean       wf_team_journal_resolve     (WfTeamJournal  *self,
                                            gint64          seq,
                                            const char     *id,
                                            const char     *member,
                                            gboolean        use_set_aside,
                                            GError        **error);
gboolean       wf_team_journal_restore     (WfTeamJournal  *self,
                                            gint64          seq,
                                            const char     *id,
                                            const char     *member,
                                            GError        **error);

gboolean       wf_team_journal_has_unsent  (sqlite3        *db,
                                            gint64          doc,
                                            gboolean        if_unknown);
gboolean       wf_team_journal_write_state (sqlite3        *db,
                                            gint64          doc,
                                            WfDocument     *document,
                                            const char     *team,
                                            const char     *team_id,
                                            gint64          seq,
                                            const char     *last,
                                            GError        **error);

G_END_DECLS
