/* wf-pq.c — libpq, loaded the first time a team server is used
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>

#define WF_PQ_TABLE_ONLY
#include "wf-pq.h"

/* The soname of every libpq since PostgreSQL 8.0. */
#define LIBPQ_SONAME "libpq.so.5"

static gpointer
load_symbol (void       *lib,
             const char *name)
{
  gpointer symbol = dlsym (lib, name);

  /* As the dynamic linker would have refused to start Wayfinder. */
  if (symbol == NULL)
    g_error ("%s has no %s: %s", LIBPQ_SONAME, name, dlerror ());

  return symbol;
}

/**
 * wf_pq:
 *
 * Loads libpq when first called, from any thread.
 *
 * Returns: (transfer none): libpq's functions
 */
const WfPq *
wf_pq (void)
{
  static WfPq pq;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      void *lib = dlopen (LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL);

      if (lib == NULL)
        g_error ("The team server’s client library could not be loaded: %s", dlerror ());

#define LOAD(name) pq.name = load_symbol (lib, #name)
      LOAD (PQbackendPID);
      LOAD (PQclear);
      LOAD (PQconnectPoll);
      LOAD (PQconnectStartParams);
      LOAD (PQconnectionNeedsPassword);
      LOAD (PQconninfoFree);
      LOAD (PQconninfoParse);
      LOAD (PQconsumeInput);
      LOAD (PQerrorMessage);
      LOAD (PQescapeIdentifier);
      LOAD (PQexec);
      LOAD (PQfinish);
      LOAD (PQflush);
      LOAD (PQfreemem);
      LOAD (PQgetResult);
      LOAD (PQgetisnull);
      LOAD (PQgetvalue);
      LOAD (PQhost);
      LOAD (PQisBusy);
      LOAD (PQnfields);
      LOAD (PQnotifies);
      LOAD (PQntuples);
      LOAD (PQresultErrorField);
      LOAD (PQresultErrorMessage);
      LOAD (PQresultStatus);
      LOAD (PQsendQuery);
      LOAD (PQsendQueryParams);
      LOAD (PQsetErrorVerbosity);
      LOAD (PQsetNoticeProcessor);
      LOAD (PQsetnonblocking);
      LOAD (PQsocket);
      LOAD (PQstatus);
      LOAD (PQuser);
#undef LOAD

      g_debug ("Loaded %s", LIBPQ_SONAME);
      g_once_init_leave (&loaded, 1);
    }

  return &pq;
}
