/* wf-pq.c — libpq, loaded the first time a team server is used
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

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

/* The table, filled once libpq is loaded; or why it could not be. */
static WfPq pq;
static char *load_failure;

static gboolean
load (void)
{
  void *lib = dlopen (LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL);

  if (lib == NULL)
    {
      load_failure = g_strdup (dlerror ());
      g_debug ("%s could not be loaded: %s", LIBPQ_SONAME, load_failure);
      return FALSE;
    }

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
  return TRUE;
}

/**
 * wf_pq_load:
 * @error: return location for a #G_IO_ERROR_NOT_FOUND
 *
 * Loads libpq when first called, from any thread. Every way into the
 * team code that reads a connection string calls this first, so that a
 * system without libpq gets a message, not a crash.
 *
 * Returns: whether libpq's functions can be called
 */
gboolean
wf_pq_load (GError **error)
{
  static gsize state;   /* 1 loaded, 2 failed */

  if (g_once_init_enter (&state))
    g_once_init_leave (&state, load () ? 1 : 2);

  if (state == 1)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The PostgreSQL client library (%s) is not installed, so the team server cannot be used: %s"),
               LIBPQ_SONAME, load_failure);
  return FALSE;
}

/**
 * wf_pq:
 *
 * Returns: (transfer none): libpq's functions; only after wf_pq_load()
 *   said they can be called
 */
const WfPq *
wf_pq (void)
{
  if (!wf_pq_load (NULL))
    g_error ("libpq is used although it could not be loaded: %s", load_failure);

  return &pq;
}
