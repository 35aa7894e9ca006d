/* wf-json.h — a small, strict, fast JSON reader for .journey files
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The UTF-8 byte order mark, which wf_json_parse() skips. */
#define WF_JSON_BOM "\xef\xbb\xbf"

typedef enum {
  WF_JSON_NULL,
  WF_JSON_BOOLEAN,
  WF_JSON_INT,
  WF_JSON_DOUBLE,
  WF_JSON_STRING,
  WF_JSON_ARRAY,
  WF_JSON_OBJECT,
} WfJsonType;

typedef struct _WfJsonValue  WfJsonValue;
typedef struct _WfJsonMember WfJsonMember;

struct _WfJsonValue
{
  WfJsonType type;
  guint      len;           /* elements of an array, members of an object */
  union {
    gboolean      boolean;
    gint64        integer;
    double        number;
    const char   *string;   /* valid UTF-8, without NUL characters */
    WfJsonValue  *elements;
    WfJsonMember *members;  /* in file order */
  } v;
};

struct _WfJsonMember
{
  const char  *name;
  WfJsonValue  value;
};

typedef struct _WfJsonDocument WfJsonDocument;

/* What went wrong in wf_json_parse(): where, and a translated message. */
typedef struct
{
  gsize  offset;
  char  *message;
} WfJsonError;

WfJsonDocument    *wf_json_parse                (const char         *data,
                                                 gsize               len,
                                                 guint               max_depth,
                                                 WfJsonError        *error);
const WfJsonValue *wf_json_document_root        (WfJsonDocument     *document);
void               wf_json_document_free        (WfJsonDocument     *document);
const char        *wf_json_out_of_range_message (void);
const WfJsonValue *wf_json_object_get           (const WfJsonValue  *object,
                                                 const char         *name);
JsonNode          *wf_json_value_to_node        (const WfJsonValue  *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfJsonDocument, wf_json_document_free)

G_END_DECLS
