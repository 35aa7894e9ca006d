/* wf-team-journal-private.h — what the journal shares with applying records
 * (wf-team-apply.c): the team state of one document, as team_items,
 * team_documents and team_conflicts hold it
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-team-journal.h"

G_BEGIN_DECLS

/* One row of team_items (not wf-team-state.h's WfTeamItem, a row of the
 * server's items). */
typedef struct
{
  char       *pos;       /* the position key, or NULL if none is known */
  GHashTable *versions;  /* member or "@place" → gint64 *: the seq that set it */
} WfTeamItemState;

/* One row of team_conflicts. */
typedef struct
{
  gint64  seq;
  char   *item;
  char   *member;
  char   *value;   /* JSON, or NULL */
  char   *author;
  char   *at;
} WfTeamConflict;

WfTeamItemState *_wf_team_journal_lookup        (WfTeamJournal *self,
                                            const char    *id);
WfTeamItemState *_wf_team_journal_ensure        (WfTeamJournal *self,
                                            const char    *id);
void        _wf_team_journal_set_key       (WfTeamJournal *self,
                                            const char    *id,
                                            const char    *key);
void        _wf_team_journal_set_version   (WfTeamJournal *self,
                                            const char    *id,
                                            const char    *member,
                                            gint64         seq);
void        _wf_team_journal_forget        (WfTeamJournal *self,
                                            const char    *id);
void        _wf_team_journal_add_conflict  (WfTeamJournal *self,
                                            gint64         seq,
                                            const char    *item,
                                            const char    *member,
                                            const char    *value,
                                            const char    *author,
                                            const char    *at);
void        _wf_team_journal_drop_conflict (WfTeamJournal *self,
                                            gint64         seq,
                                            const char    *item,
                                            const char    *member);
void        _wf_team_journal_answered      (WfTeamJournal *self,
                                            gint64         client_seq,
                                            gint64         seq);
void        _wf_team_journal_applied       (WfTeamJournal *self,
                                            gint64         seq,
                                            const char    *client,
                                            gint64         client_seq);
GPtrArray  *_wf_team_journal_get_conflicts (WfTeamJournal *self);

G_END_DECLS
