/* wf-sheet.h — spreadsheet exports (CSV) as Excel and LibreOffice write them
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WF_SHEET_ERROR (wf_sheet_error_quark ())

typedef enum {
  WF_SHEET_ERROR_TOO_LARGE,
  WF_SHEET_ERROR_ENCODING,
  WF_SHEET_ERROR_QUOTE,
  WF_SHEET_ERROR_EMPTY,
} WfSheetError;

/* The largest sheet read: far more rows of figures than any map holds. */
#define WF_SHEET_MAX_BYTES (64 * 1024 * 1024)

typedef struct _WfSheet WfSheet;

GQuark              wf_sheet_error_quark      (void);

WfSheet            *wf_sheet_read             (const char  *data,
                                               gsize        length,
                                               GError     **error);
void                wf_sheet_free             (WfSheet     *sheet);
char                wf_sheet_get_separator    (WfSheet     *sheet);
char                wf_sheet_get_decimal_mark (WfSheet     *sheet);
guint               wf_sheet_get_n_rows       (WfSheet     *sheet);
const char * const *wf_sheet_get_row          (WfSheet     *sheet,
                                               guint        row,
                                               guint       *n_fields);
guint               wf_sheet_get_line         (WfSheet     *sheet,
                                               guint        row);

gboolean            wf_sheet_parse_number     (const char  *text,
                                               char         decimal_mark,
                                               double      *value,
                                               gboolean    *percent);
gboolean            wf_sheet_parse_date       (const char  *text,
                                               char         separator,
                                               GDate       *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfSheet, wf_sheet_free)

G_END_DECLS
