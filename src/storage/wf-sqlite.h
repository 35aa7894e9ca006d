/* wf-sqlite.h — journey documents in SQLite: the library's schema and .sqlite files
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "model/wf-model.h"

G_BEGIN_DECLS

/* "WAYF": PRAGMA application_id of every database Wayfinder writes. */
#define WF_SQLITE_APPLICATION_ID 0x57415946

/* PRAGMA user_version of the current schema; docs/sqlite.md lists them all. */
#define WF_SQLITE_SCHEMA_VERSION 7

#define WF_SQLITE_ERROR (wf_sqlite_error_quark ())

typedef enum {
  WF_SQLITE_ERROR_NOT_DATABASE, /* not an SQLite file at all */
  WF_SQLITE_ERROR_FOREIGN,      /* SQLite, but not made by Wayfinder */
  WF_SQLITE_ERROR_CORRUPT,      /* damaged, fails PRAGMA quick_check */
  WF_SQLITE_ERROR_NEWER,        /* a schema from a newer Wayfinder */
  WF_SQLITE_ERROR_LOCKED,       /* another program holds a lock */
  WF_SQLITE_ERROR_READ_ONLY,    /* the file or its folder cannot be written */
  WF_SQLITE_ERROR_FULL,         /* the disk is full */
  WF_SQLITE_ERROR_NO_DOCUMENT,  /* no such document, or not exactly one */
  WF_SQLITE_ERROR_FAILED,
} WfSqliteError;

GQuark      wf_sqlite_error_quark      (void);

sqlite3    *wf_sqlite_open             (const char    *path,
                                        gboolean       read_only,
                                        GError       **error);
sqlite3    *wf_sqlite_open_again       (const char    *path,
                                         GError       **error);
sqlite3    *wf_sqlite_open_immutable   (const char    *path,
                                        GError       **error);
char       *wf_sqlite_uri_for_path     (const char    *path,
                                        gboolean       immutable);
gboolean    wf_sqlite_prepare          (sqlite3       *db,
                                        GError       **error);
gboolean    wf_sqlite_create_old_schema (sqlite3      *db,
                                         int           version,
                                         GError      **error);
gboolean    wf_sqlite_exec             (sqlite3       *db,
                                        const char    *sql,
                                        GError       **error);
gboolean    wf_sqlite_set_error        (GError       **error,
                                        sqlite3       *db,
                                        int            rc);

gint64      wf_sqlite_insert_document  (sqlite3       *db,
                                        WfDocument    *document,
                                        GError       **error);
gboolean    wf_sqlite_write_content    (sqlite3       *db,
                                        gint64         doc,
                                        WfDocument    *document,
                                        GError       **error);
WfDocument *wf_sqlite_read_document    (sqlite3       *db,
                                        gint64         doc,
                                        GPtrArray    **problems,
                                        GError       **error);
guint       wf_sqlite_count_documents  (sqlite3       *db,
                                        gint64        *first);

WfDocument *wf_sqlite_load_bytes       (GBytes        *bytes,
                                        GPtrArray    **problems,
                                        GError       **error);
WfDocument *wf_sqlite_load_file        (GFile         *file,
                                        GPtrArray    **problems,
                                        GCancellable  *cancellable,
                                        GError       **error);
GBytes     *wf_sqlite_to_bytes         (WfDocument    *document,
                                        GError       **error);
gboolean    wf_sqlite_save_file        (WfDocument    *document,
                                        GFile         *file,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* Incremental writes, for autosave: one row at a time. */
typedef struct _WfSqliteWriter WfSqliteWriter;

WfSqliteWriter *wf_sqlite_writer_new          (sqlite3         *db,
                                               gint64           doc,
                                               GError         **error);
void            wf_sqlite_writer_free         (WfSqliteWriter  *writer);
gboolean        wf_sqlite_writer_put_document (WfSqliteWriter  *writer,
                                               WfDocument      *document,
                                               GError         **error);
gboolean        wf_sqlite_writer_put_item     (WfSqliteWriter  *writer,
                                               WfItem          *item,
                                               int              position,
                                               GError         **error);
gboolean        wf_sqlite_writer_put_tree     (WfSqliteWriter  *writer,
                                               WfItem          *item,
                                               int              position,
                                               GError         **error);
gboolean        wf_sqlite_writer_set_position (WfSqliteWriter  *writer,
                                               WfItem          *item,
                                               int              position,
                                               GError         **error);
gboolean        wf_sqlite_writer_delete_item  (WfSqliteWriter  *writer,
                                               WfItem          *item,
                                               GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfSqliteWriter, wf_sqlite_writer_free)

G_END_DECLS
