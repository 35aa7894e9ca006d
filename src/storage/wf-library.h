/* wf-library.h — every document a person works on, in one SQLite database
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

#define WF_TYPE_LIBRARY (wf_library_get_type ())

G_DECLARE_FINAL_TYPE (WfLibrary, wf_library, WF, LIBRARY, GObject)

/**
 * WfLibraryEntry:
 * @id: the document's row
 * @title: its title
 * @changed: when it was last edited (UTC, ISO 8601)
 * @path: (nullable): the .journey file it is linked to
 * @unsaved: whether it has edits that were not saved explicitly
 * @open: whether a window of a running Wayfinder had it open
 * @n_maps: how many maps it holds
 * @n_cards: how many cards its maps hold
 */
typedef struct
{
  gint64    id;
  char     *title;
  char     *changed;
  char     *path;
  gboolean  unsaved;
  gboolean  open;
  guint     n_maps;
  guint     n_cards;
} WfLibraryEntry;

/**
 * WfRevision:
 * @id: the revision's row
 * @time: when it was made (UTC, ISO 8601)
 * @kind: "save", "auto" or "restore"
 * @changes: how many edits it holds since the revision before
 * @n_cards: how many cards the document had
 */
typedef struct
{
  gint64  id;
  char   *time;
  char   *kind;
  guint   changes;
  guint   n_cards;
} WfRevision;

/**
 * WfPreview:
 * @n_phases: columns of the first map
 * @n_lanes: rows of the first map
 * @kinds: (array length=n_lanes): each lane's #WfLaneKind
 * @counts: (array): cards per cell, row by row (@n_lanes × @n_phases)
 *
 * What a thumbnail of a document needs, read without loading it.
 */
typedef struct
{
  guint  n_phases;
  guint  n_lanes;
  guint *kinds;
  guint *counts;
} WfPreview;

/**
 * WfRecoveredDocument:
 * @title: the document's title
 * @n_maps: the maps recovered
 * @n_cards: the cards recovered
 * @expected_maps: the maps the damaged file's index still counts, or -1
 *   if it cannot tell
 * @expected_cards: the same for cards
 * @revision: (nullable): when the version it was rebuilt from was made
 *   (UTC, ISO 8601), if its own rows could not be read
 *
 * A document that was recovered from a damaged library only in part, or
 * only from an earlier version.
 */
typedef struct
{
  char  *title;
  guint  n_maps;
  guint  n_cards;
  int    expected_maps;
  int    expected_cards;
  char  *revision;
} WfRecoveredDocument;

/**
 * WfLibraryRecovery:
 * @damaged_path: where the damaged file was kept, next to the new library
 * @reason: why it could not be used
 * @empty: whether it was empty (0 bytes)
 * @n_documents: the documents recovered into the new library
 * @n_maps: their maps
 * @n_cards: their cards
 * @incomplete: (element-type WfRecoveredDocument): those recovered in part
 *
 * What wf_library_open() did with a library it could not open.
 */
typedef struct
{
  char      *damaged_path;
  GError    *reason;
  gboolean   empty;
  guint      n_documents;
  guint      n_maps;
  guint      n_cards;
  GPtrArray *incomplete;
} WfLibraryRecovery;

void             wf_library_entry_free      (WfLibraryEntry  *entry);
void             wf_revision_free           (WfRevision      *revision);
void             wf_preview_free            (WfPreview       *preview);
void             wf_recovered_document_free (WfRecoveredDocument *document);
void             wf_library_recovery_free   (WfLibraryRecovery   *recovery);

char            *wf_library_get_default_path (void);

WfLibrary       *wf_library_new             (const char      *path,
                                             GError         **error);
WfLibrary       *wf_library_open            (const char      *path,
                                             GError         **error);
WfLibrary       *wf_library_new_connection  (WfLibrary       *self,
                                             GError         **error);
const WfLibraryRecovery *
                 wf_library_get_recovery    (WfLibrary       *self);
const GError    *wf_library_get_read_only_reason (WfLibrary  *self);
const char      *wf_library_get_path        (WfLibrary       *self);
gpointer         wf_library_get_db          (WfLibrary       *self);

gint64           wf_library_add             (WfLibrary       *self,
                                             WfDocument      *document,
                                             const char      *path,
                                             GError         **error);
WfDocument      *wf_library_load            (WfLibrary       *self,
                                             gint64           id,
                                             GError         **error);
WfDocument      *wf_library_load_warned     (WfLibrary       *self,
                                             gint64           id,
                                             GPtrArray      **warnings,
                                             GError         **error);
WfLibraryEntry  *wf_library_get_entry       (WfLibrary       *self,
                                             gint64           id);
GPtrArray       *wf_library_list            (WfLibrary       *self,
                                             const char      *search,
                                             GError         **error);
WfPreview       *wf_library_get_preview     (WfLibrary       *self,
                                             gint64           id);
gint64           wf_library_find_path       (WfLibrary       *self,
                                             const char      *path);
gboolean         wf_library_set_path        (WfLibrary       *self,
                                             gint64           id,
                                             const char      *path,
                                             GError         **error);
gboolean         wf_library_set_open        (WfLibrary       *self,
                                             gint64           id,
                                             gboolean         open,
                                             GError         **error);
gboolean         wf_library_set_unsaved     (WfLibrary       *self,
                                             gint64           id,
                                             gboolean         unsaved,
                                             GError         **error);
GArray          *wf_library_list_recovered  (WfLibrary       *self);
gboolean         wf_library_rename          (WfLibrary       *self,
                                             gint64           id,
                                             const char      *title,
                                             GError         **error);
gint64           wf_library_duplicate       (WfLibrary       *self,
                                             gint64           id,
                                             const char      *title,
                                             GError         **error);
gboolean         wf_library_set_trashed     (WfLibrary       *self,
                                             gint64           id,
                                             gboolean         trashed,
                                             GError         **error);
gboolean         wf_library_empty_trash     (WfLibrary       *self,
                                             GError         **error);

gint64           wf_library_add_revision    (WfLibrary       *self,
                                             gint64           id,
                                             WfDocument      *document,
                                             const char      *kind,
                                             guint            changes,
                                             GError         **error);
GPtrArray       *wf_library_list_revisions  (WfLibrary       *self,
                                             gint64           id,
                                             GError         **error);
WfDocument      *wf_library_load_revision   (WfLibrary       *self,
                                             gint64           revision,
                                             GError         **error);
guint            wf_library_thin_revisions  (WfLibrary       *self,
                                             gint64           id,
                                             GDateTime       *now,
                                             GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfLibraryEntry, wf_library_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfRevision, wf_revision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfPreview, wf_preview_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfLibraryRecovery, wf_library_recovery_free)

G_END_DECLS
