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

struct _WfTeamJournal
{
  GObject      parent_instance;

  WfAutosave  *autosave;
  WfDocument  *document;
  WfUndoStack *stack;
  gint64       doc;
  char        *client;
  gint64       seq;             /* the last change applied */
  char        *last;            /* its "client:client_seq" */
  gint64       next;            /* the next client_seq */

  GHashTable  *items;           /* id → WfTeamItemState */
  GHashTable  *dirty;           /* ids whose team_items row is to be written */
  gboolean     document_dirty;  /* team_documents' seq and last */
  GPtrArray   *conflicts;       /* of WfTeamConflict, the open ones */
  gboolean     conflicts_dirty;
  GArray      *answered;        /* of gint64 pairs: client_seq, seq */
  GHashTable  *pending;         /* "id\037member" → count of records */
  GHashTable  *records;         /* client_seq (gint64 *) → GStrv of pending keys */
  GPtrArray   *resolves;        /* of char *: resolve and restore ops for the next record */
  GHashTable  *gone;            /* id → the state of an item this library removed, as JSON */
  GHashTable  *editors;         /* id → who last changed an item not here (someone else) */

  GPtrArray   *entries;         /* of Entry, in the order first noted */
  GHashTable  *by_id;           /* id → Entry */
  guint        position;        /* of the stack when the last record was made */

  /* What the transaction being written changes, kept when it commits. */
  GHashTable  *staged_keys;     /* id → new key, or NULL: the row goes */
  GPtrArray   *staged_pending;  /* the new record's pending keys */
  gboolean     staged_record;
  guint        staged_resolves; /* how many of resolves it holds */
  guint        staged_position;
  gboolean     closed;
};

/* One row of team_items (not wf-team-state.h's WfTeamItem, a row of the
 * server's items). */
typedef struct
{
  char       *pos;       /* the position key, or NULL if none is known */
  GHashTable *versions;  /* member or "@place" → gint64 *: the seq that set it */
} WfTeamItemState;

/* wf-team-journal-state.c, for the journal */
char       *_wf_team_pending_key           (const char    *id,
                                            const char    *member);
void        _wf_team_append_string         (GString       *out,
                                            const char    *str);
void        _wf_team_item_state_free       (gpointer       data);
void        _wf_team_conflict_free         (gpointer       data);
void        _wf_team_journal_add_pending   (WfTeamJournal *self,
                                            gint64         client_seq,
                                            GPtrArray     *keys);
gboolean    _wf_team_journal_read_state    (WfTeamJournal *self,
                                            sqlite3       *db,
                                            GError       **error);
const char *_wf_team_journal_current_key   (WfTeamJournal *self,
                                            const char    *id);
gint64      _wf_team_journal_version_of    (WfTeamJournal *self,
                                            const char    *id,
                                            const char    *member);
gboolean    _wf_team_journal_write_rows    (WfTeamJournal *self,
                                            sqlite3       *db,
                                            GError       **error);

/* wf-team-journal-state.c, for wf-team-apply.c */
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
gboolean    _wf_team_journal_is_removed_here (WfTeamJournal *self,
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
const char *_wf_team_journal_gone_state     (WfTeamJournal *self,
                                            const char    *id);
void        _wf_team_journal_note_editor   (WfTeamJournal *self,
                                            const char    *id,
                                            const char    *author);
void        _wf_team_journal_answered      (WfTeamJournal *self,
                                            gint64         client_seq,
                                            gint64         seq);
void        _wf_team_journal_applied       (WfTeamJournal *self,
                                            gint64         seq,
                                            const char    *client,
                                            gint64         client_seq);
GPtrArray  *_wf_team_journal_get_conflicts (WfTeamJournal *self);
gboolean    _wf_team_journal_is_awaited    (WfTeamJournal *self,
                                            gint64         client_seq);
gboolean    _wf_team_journal_send_again    (WfTeamJournal *self,
                                            GArray        *on_server,
                                            gint64         horizon,
                                            GError       **error);
const char *_wf_team_journal_get_last      (WfTeamJournal *self);
gboolean    _wf_team_journal_set_client    (WfTeamJournal *self,
                                            const char    *client,
                                            const char    *tag,
                                            GError       **error);

G_END_DECLS
