/* wf-clipboard.h — cards on the clipboard: as JSON for Wayfinder, as text for others
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/wf-model.h"

G_BEGIN_DECLS

#define WF_CLIPBOARD_MIME_TYPE "application/x-wayfinder-cards+json"
#define WF_CLIPBOARD_FORMAT    "wayfinder-cards"
#define WF_CLIPBOARD_MAX_CARDS 10000

/* The most a paste reads from the clipboard: ten thousand cards with
 * long notes, and no more.
 */
#define WF_CLIPBOARD_MAX_BYTES (64 * 1024 * 1024)

char      *wf_clipboard_cards_to_json   (GPtrArray   *cards);
char      *wf_clipboard_cards_to_text   (GPtrArray   *cards);
GPtrArray *wf_clipboard_cards_from_json (const char  *data,
                                         gsize        len,
                                         WfDocument  *document,
                                         GError     **error);
GPtrArray *wf_clipboard_cards_from_text (const char  *data,
                                         gsize        len,
                                         WfDocument  *document);

G_END_DECLS
