/* wf-pq.h — libpq, loaded the first time a team server is used
 *
 * Linked at start, libpq brings about twenty libraries (TLS, Kerberos,
 * LDAP) whose loading cost every start about 6 ms of CPU (issue #19), for
 * a server most starts never talk to. The team code calls libpq's
 * functions by their names as ever: including this header (through
 * wf-team-connection.h) makes each name a call through a table that
 * wf_pq() fills from libpq.so.5 on first use. A function the team code
 * starts to use is added to the table here and to wf-pq.c's list (the
 * link fails until it is).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct
{
  __typeof__ (PQbackendPID) *PQbackendPID;
  __typeof__ (PQclear) *PQclear;
  __typeof__ (PQconnectPoll) *PQconnectPoll;
  __typeof__ (PQconnectStartParams) *PQconnectStartParams;
  __typeof__ (PQconnectionNeedsPassword) *PQconnectionNeedsPassword;
  __typeof__ (PQconninfoFree) *PQconninfoFree;
  __typeof__ (PQconninfoParse) *PQconninfoParse;
  __typeof__ (PQconsumeInput) *PQconsumeInput;
  __typeof__ (PQerrorMessage) *PQerrorMessage;
  __typeof__ (PQescapeIdentifier) *PQescapeIdentifier;
  __typeof__ (PQexec) *PQexec;
  __typeof__ (PQfinish) *PQfinish;
  __typeof__ (PQflush) *PQflush;
  __typeof__ (PQfreemem) *PQfreemem;
  __typeof__ (PQgetResult) *PQgetResult;
  __typeof__ (PQgetisnull) *PQgetisnull;
  __typeof__ (PQgetvalue) *PQgetvalue;
  __typeof__ (PQhost) *PQhost;
  __typeof__ (PQisBusy) *PQisBusy;
  __typeof__ (PQnfields) *PQnfields;
  __typeof__ (PQnotifies) *PQnotifies;
  __typeof__ (PQntuples) *PQntuples;
  __typeof__ (PQresultErrorField) *PQresultErrorField;
  __typeof__ (PQresultErrorMessage) *PQresultErrorMessage;
  __typeof__ (PQresultStatus) *PQresultStatus;
  __typeof__ (PQsendQuery) *PQsendQuery;
  __typeof__ (PQsendQueryParams) *PQsendQueryParams;
  __typeof__ (PQsetErrorVerbosity) *PQsetErrorVerbosity;
  __typeof__ (PQsetNoticeProcessor) *PQsetNoticeProcessor;
  __typeof__ (PQsetnonblocking) *PQsetnonblocking;
  __typeof__ (PQsocket) *PQsocket;
  __typeof__ (PQstatus) *PQstatus;
  __typeof__ (PQuser) *PQuser;
} WfPq;

gboolean    wf_pq_load (GError **error);
const WfPq *wf_pq (void);

G_END_DECLS

#ifndef WF_PQ_TABLE_ONLY
#define PQbackendPID              (wf_pq ()->PQbackendPID)
#define PQclear                   (wf_pq ()->PQclear)
#define PQconnectPoll             (wf_pq ()->PQconnectPoll)
#define PQconnectStartParams      (wf_pq ()->PQconnectStartParams)
#define PQconnectionNeedsPassword (wf_pq ()->PQconnectionNeedsPassword)
#define PQconninfoFree            (wf_pq ()->PQconninfoFree)
#define PQconninfoParse           (wf_pq ()->PQconninfoParse)
#define PQconsumeInput            (wf_pq ()->PQconsumeInput)
#define PQerrorMessage            (wf_pq ()->PQerrorMessage)
#define PQescapeIdentifier        (wf_pq ()->PQescapeIdentifier)
#define PQexec                    (wf_pq ()->PQexec)
#define PQfinish                  (wf_pq ()->PQfinish)
#define PQflush                   (wf_pq ()->PQflush)
#define PQfreemem                 (wf_pq ()->PQfreemem)
#define PQgetResult               (wf_pq ()->PQgetResult)
#define PQgetisnull               (wf_pq ()->PQgetisnull)
#define PQgetvalue                (wf_pq ()->PQgetvalue)
#define PQhost                    (wf_pq ()->PQhost)
#define PQisBusy                  (wf_pq ()->PQisBusy)
#define PQnfields                 (wf_pq ()->PQnfields)
#define PQnotifies                (wf_pq ()->PQnotifies)
#define PQntuples                 (wf_pq ()->PQntuples)
#define PQresultErrorField        (wf_pq ()->PQresultErrorField)
#define PQresultErrorMessage      (wf_pq ()->PQresultErrorMessage)
#define PQresultStatus            (wf_pq ()->PQresultStatus)
#define PQsendQuery               (wf_pq ()->PQsendQuery)
#define PQsendQueryParams         (wf_pq ()->PQsendQueryParams)
#define PQsetErrorVerbosity       (wf_pq ()->PQsetErrorVerbosity)
#define PQsetNoticeProcessor      (wf_pq ()->PQsetNoticeProcessor)
#define PQsetnonblocking          (wf_pq ()->PQsetnonblocking)
#define PQsocket                  (wf_pq ()->PQsocket)
#define PQstatus                  (wf_pq ()->PQstatus)
#define PQuser                    (wf_pq ()->PQuser)
#endif
