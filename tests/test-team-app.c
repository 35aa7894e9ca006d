/* test-team-app.c — the team library in the running application
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A map is shared from its window with a throwaway team server; a
 * second client in the test process (a library of its own with a
 * WfTeamSession, as tests/test-team-session.c has them) joins it, and
 * edits travel both ways; the start page of another window lists it in
 * its Team group. Without a team server, nothing of the team shows.
 */
#include "config.h"

#include <string.h>

#include <libpq-fe.h>

#include "storage/wf-autosave.h"
#include "storage/wf-journey.h"
#include "team/wf-team-library.h"
#include "team/wf-team-schema.h"
#include "test-app.h"
#include "test-postgres.h"
#include "test-util.h"
#include "ui/wf-history-dialog.h"
#include "ui/wf-library-view.h"
#include "ui/wf-preferences-window.h"
#include "ui/wf-window-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

/* The second client: a library of its own, the shared map live in it. */
typedef struct
{
  char             *dir;
  WfLibrary        *library;
  WfTeamConnection *connection;
  GAsyncResult     *result;
  gint64            doc;
  WfDocument       *document;
  WfAutosave       *autosave;
  WfTeamJournal    *journal;
  WfTeamSession    *session;
} Other;

typedef struct
{
  char    *conninfo;
  char    *card;         /* the card both edit */
  char    *removed;      /* the card the other client deletes */
  gint64   doc;          /* the map's library id */
  char    *team_id;
  Other    other;
  WfWindow *window;      /* the map's window */
  WfWindow *start;       /* a second window, on its start page */
  gboolean  discard;     /* Discard Changes rather than History */
  gint64    revision;    /* the version History restores */
  gint64    outbox;      /* the outbox's rows before the restore */
  char     *original;    /* cd0's title in that version */
  const char *label;     /* the restore's step */
  guint     changes;     /* the account's "changed" */
  WfTestPostgres *server; /* one of its own, to stop and start */
} Team;

static void
team_clear (Team *team)
{
  g_free (team->conninfo);
  g_free (team->card);
  g_free (team->removed);
  g_free (team->team_id);
  g_free (team->original);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Team, team_clear)

static char *
make_team (WfTestPostgres *server)
{
  static int counter = 0;
  g_autofree char *dbname = g_strdup_printf ("t_app_%d", ++counter);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", dbname);
  g_autoptr(PGconn) postgres = PQconnectdb (wf_test_postgres_get_conninfo (server));
  g_autoptr(PGconn) conn = NULL;
  char *conninfo;

  g_assert_cmpint (PQstatus (postgres), ==, CONNECTION_OK);
  PQclear (PQexec (postgres, create));

  conninfo = wf_test_postgres_conninfo (server, dbname, NULL);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  for (guint from = 0; wf_team_schema_step (from) != NULL; from++)
    {
      PGresult *result = PQexec (conn, wf_team_schema_step (from));

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      PQclear (result);
    }

  return conninfo;
}

static void
set_team_settings (const char *server)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "team-server", server ? server : "");
  g_settings_set_string (settings, "team-user", "");
  g_settings_set_string (settings, "team-sslmode", "prefer");
}

/* Runs @step in the app with @team's database as the team server,
 * opening @path if not NULL; the server is unset after.
 */
static void
run_in_team (Team       *team,
             const char *path,
             gboolean  (*step) (WfTestApp *app))
{
  WfTestApp app = { .data = team };

  set_team_settings (team->conninfo);
  wf_test_app_run (&app, path, step);
  set_team_settings (NULL);
}

static WfCard *
first_card (WfDocument *document)
{
  WfMap *map = wf_document_get_map (document, 0);

  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
      {
        GPtrArray *cell = wf_map_get_cell (map, wf_map_get_phase (map, p), wf_map_get_lane (map, l));

        if (cell != NULL && cell->len > 0)
          return g_ptr_array_index (cell, 0);
      }

  g_assert_not_reached ();
}

/* A card other than first_card()'s. */
static WfCard *
second_card (WfDocument *document)
{
  WfCard *first = first_card (document);
  g_autoptr(GPtrArray) cards = wf_map_list_cards (wf_document_get_map (document, 0));

  for (guint i = 0; i < cards->len; i++)
    if (cards->pdata[i] != first)
      return cards->pdata[i];

  g_assert_not_reached ();
}

static const char *
title_in (WfDocument *document,
          const char *id)
{
  WfItem *card = wf_document_lookup (document, id);

  return card != NULL ? wf_card_get_title (WF_CARD (card)) : NULL;
}

static void
on_ready (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Other *other = data;

  other->result = g_object_ref (result);
}

static void
other_open (Other *other)
{
  g_autoptr(WfTeamLocal) local = wf_team_library_lookup (other->library, other->doc);
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;

  g_assert_nonnull (local);
  other->document = wf_library_load (other->library, other->doc, &error);
  g_assert_no_error (error);
  wf_document_set_id_tag (other->document, local->tag);
  other->autosave = wf_autosave_new (other->library, other->doc, other->document);
  other->journal = wf_team_journal_new (other->autosave, &error);
  g_assert_no_error (error);
  conninfo = g_strdup (g_object_get_data (G_OBJECT (other->connection), "conninfo"));
  other->session = wf_team_session_new (other->journal, conninfo, local->team_id);
  wf_team_session_set_retry (other->session, 20, 200);
  wf_team_session_start (other->session);
}

static void
other_close (Other *other)
{
  if (other->session != NULL)
    wf_team_session_stop (other->session);
  g_clear_object (&other->session);
  if (other->journal != NULL)
    {
      wf_autosave_flush (other->autosave);
      wf_team_journal_close (other->journal);
      wf_autosave_close (other->autosave);
    }
  g_clear_object (&other->journal);
  g_clear_object (&other->autosave);
  g_clear_object (&other->document);
  if (other->connection != NULL)
    wf_team_connection_close (other->connection);
  g_clear_object (&other->connection);
  g_clear_object (&other->result);
  g_clear_object (&other->library);
  if (other->dir != NULL)
    wf_test_remove_tree (other->dir);
  g_clear_pointer (&other->dir, g_free);
}

static gboolean
has_team_row (GtkWidget *widget,
              gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "team-id"), data) == 0;
}

static gboolean
step_share (WfTestApp *app)
{
  Team *team = app->data;
  WfWindow *window = team->window ? team->window : wf_test_app_get_window (app);
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  Other *other = &team->other;
  g_autoptr(GError) error = NULL;

  switch (app->stage)
    {
    case 0:   /* the map shown, kept in the library: share it */
      if (canvas == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (window)) ||
          window->autosave == NULL || window->library_write != NULL)
        return FALSE;
      g_assert_null (window->team.journal);
      team->window = window;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.share-team", NULL));
      app->stage++;
      return FALSE;

    case 1:   /* the question: Share */
      {
        AdwMessageDialog *dialog = wf_test_find_dialog ();

        if (dialog == NULL || !gtk_widget_get_mapped (GTK_WIDGET (dialog)))
          return FALSE;
        g_assert_true (adw_message_dialog_has_response (dialog, "share"));
        adw_message_dialog_response (dialog, "share");
        app->stage++;
        return FALSE;
      }

    case 2:   /* shared and live */
      if (window->team.session == NULL ||
          wf_team_session_get_state (window->team.session) != WF_TEAM_SESSION_LIVE)
        return FALSE;
      g_assert_null (window->team.progress);
      g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, "Shared · Live");
      {
        g_autoptr(WfTeamLocal) local = wf_team_library_lookup (wf_autosave_get_library (window->autosave),
                                                               wf_autosave_get_id (window->autosave));

        g_assert_nonnull (local);
        team->team_id = g_strdup (local->team_id);
      }
      team->card = g_strdup (wf_item_get_id (WF_ITEM (first_card (window->document))));

      /* The second client joins. */
      other->dir = wf_test_make_tmpdir ();
      {
        g_autofree char *path = g_build_filename (other->dir, "library.sqlite", NULL);

        other->library = wf_library_new (path, &error);
        g_assert_no_error (error);
      }
      wf_team_connection_new_async (team->conninfo, NULL, on_ready, other);
      app->stage++;
      return FALSE;

    case 3:
      if (other->result == NULL)
        return FALSE;
      other->connection = wf_team_connection_new_finish (other->result, &error);
      g_assert_no_error (error);
      g_object_set_data_full (G_OBJECT (other->connection), "conninfo", g_strdup (team->conninfo), g_free);
      g_clear_object (&other->result);
      wf_team_library_join_async (other->library, other->connection, team->team_id, NULL, on_ready, other);
      app->stage++;
      return FALSE;

    case 4:
      if (other->result == NULL)
        return FALSE;
      other->doc = wf_team_library_join_finish (other->library, other->result, &error);
      g_assert_no_error (error);
      g_clear_object (&other->result);
      other_open (other);
      app->stage++;
      return FALSE;

    case 5:   /* an edit of the second client reaches the window */
      if (wf_team_session_get_state (other->session) != WF_TEAM_SESSION_LIVE)
        return FALSE;
      wf_edit_set (wf_document_lookup (other->document, team->card), "title", "Changed by the other client", NULL);
      g_assert_true (wf_autosave_flush (other->autosave));
      app->stage++;
      return FALSE;

    case 6:
      if (g_strcmp0 (title_in (window->document, team->card), "Changed by the other client") != 0)
        return FALSE;
      /* An edit in the window reaches the second client. */
      wf_edit_set (wf_document_lookup (window->document, team->card), "title", "Changed in the window", NULL);
      app->stage++;
      return FALSE;

    case 7:
      if (g_strcmp0 (title_in (other->document, team->card), "Changed in the window") != 0)
        return FALSE;
      /* Typing in the sidebar about a card the other client deletes. */
      {
        WfCard *card = second_card (window->document);
        GtkWidget *text;

        g_free (team->removed);
        team->removed = g_strdup (wf_item_get_id (WF_ITEM (card)));
        wf_canvas_select (canvas, card, FALSE);
        g_assert_nonnull (window->properties);
        text = wf_test_find_any_widget (GTK_WIDGET (window->properties), GTK_TYPE_TEXT);
        g_assert_nonnull (text);
        g_assert_true (gtk_widget_grab_focus (text));
        g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                               GTK_WIDGET (window->properties)));
        wf_edit_remove (wf_document_lookup (other->document, team->removed));
        g_assert_true (wf_autosave_flush (other->autosave));
      }
      app->stage++;
      return FALSE;

    case 8:   /* gone: the keyboard is on the map */
      if (wf_document_lookup (window->document, team->removed) != NULL)
        return FALSE;
      g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (canvas));

      /* A second window, on its start page. */
      team->start = wf_window_new (GTK_APPLICATION (app->app));
      gtk_window_present (GTK_WINDOW (team->start));
      app->stage++;
      return FALSE;

    case 9:   /* its Team group lists the map, from the library's copy */
      {
        GtkWidget *row = wf_test_find (GTK_WIDGET (team->start), has_team_row, team->team_id);
        const gint64 *doc;

        /* The library's copy shows at once; the server's list follows. */
        if (row == NULL || strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Changed by") == NULL)
          return FALSE;
        g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                         wf_document_get_title (window->document));
        g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "in your library"));
        doc = g_object_get_data (G_OBJECT (row), "document-id");
        g_assert_cmpint (*doc, ==, wf_autosave_get_id (window->autosave));
      }
      other_close (other);
      gtk_window_destroy (GTK_WINDOW (team->start));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_share (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_auto(Team) team = { 0 };
  g_autofree char *path = NULL;

  if (server == NULL)
    return;

  team.conninfo = make_team (server);
  path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "coffee-subscription.journey", NULL);
  run_in_team (&team, path, step_share);
}

/* A map another member shared shows on the start page; clicking it
 * joins it into the library and opens it, live. */
static gboolean
is_team_group_row (GtkWidget *widget,
                   gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_object_get_data (G_OBJECT (widget), "team-id") != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The first stages of a case: the other member shares a map of its
 * library titled @title, and a second window shows the start page.
 * Returns whether the stage was one of those. */
static gboolean
other_shares (WfTestApp  *app,
              const char *title)
{
  Team *team = app->data;
  WfWindow *window = wf_test_app_get_window (app);
  Other *other = &team->other;
  g_autoptr(GError) error = NULL;

  switch (app->stage)
    {
    case 0:
      if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
        return TRUE;
      other->dir = wf_test_make_tmpdir ();
      {
        g_autofree char *path = g_build_filename (other->dir, "library.sqlite", NULL);

        other->library = wf_library_new (path, &error);
        g_assert_no_error (error);
      }
      other->document = wf_test_load_data ("rich.journey");
      wf_document_set_title (other->document, title);
      other->doc = wf_library_add (other->library, other->document, NULL, &error);
      g_assert_no_error (error);
      wf_team_connection_new_async (team->conninfo, NULL, on_ready, other);
      app->stage++;
      return TRUE;

    case 1:
      if (other->result == NULL)
        return TRUE;
      other->connection = wf_team_connection_new_finish (other->result, &error);
      g_assert_no_error (error);
      g_clear_object (&other->result);
      wf_team_library_share_async (other->library, other->doc, other->document, other->connection,
                                   NULL, on_ready, other);
      app->stage++;
      return TRUE;

    case 2:   /* shared: a new window's start page lists it */
      if (other->result == NULL)
        return TRUE;
      team->team_id = wf_team_library_share_finish (other->library, other->result, &error);
      g_assert_no_error (error);
      g_clear_object (&other->result);
      team->start = wf_window_new (GTK_APPLICATION (app->app));
      gtk_window_present (GTK_WINDOW (team->start));
      app->stage++;
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
step_join (WfTestApp *app)
{
  Team *team = app->data;
  Other *other = &team->other;
  g_autoptr(GError) error = NULL;

  if (other_shares (app, "Shared by the other member"))
    return FALSE;

  switch (app->stage)
    {
    case 3:
      {
        GtkWidget *row = wf_test_find (GTK_WIDGET (team->start), is_team_group_row,
                                       (gpointer) "Shared by the other member");
        const gint64 *doc;

        if (row == NULL)
          return FALSE;
        /* Not in this library yet. */
        doc = g_object_get_data (G_OBJECT (row), "document-id");
        g_assert_cmpint (*doc, ==, 0);
        g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "in your library"));
        g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
        app->stage++;
        return FALSE;
      }

    case 4:   /* joined, opened in that window, live */
      if (wf_window_get_document (team->start) == NULL || team->start->team.session == NULL ||
          wf_team_session_get_state (team->start->team.session) != WF_TEAM_SESSION_LIVE)
        return FALSE;
      g_assert_cmpstr (wf_document_get_title (wf_window_get_document (team->start)), ==,
                       "Shared by the other member");
      g_assert_cmpuint (wf_document_get_n_maps (wf_window_get_document (team->start)), ==,
                        wf_document_get_n_maps (other->document));
      other_close (other);
      gtk_window_destroy (GTK_WINDOW (team->start));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_join (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_auto(Team) team = { 0 };

  if (server == NULL)
    return;

  team.conninfo = make_team (server);
  run_in_team (&team, NULL, step_join);
}

/* History → Restore, or the banner's Discard Changes, on a team map:
 * the restore is one step, one record in the outbox naming only what
 * differs, and reaches the server as one change of that name. */
static gboolean
is_restore_of (GtkWidget *widget,
               gpointer   data)
{
  const gint64 *revision = g_object_get_data (G_OBJECT (widget), "revision-id");

  return GTK_IS_BUTTON (widget) && revision != NULL && *revision == *(gint64 *) data;
}

static gint64
count_on_server (const char *conninfo,
                 const char *sql)
{
  g_autoptr(PGconn) conn = PQconnectdb (conninfo);
  PGresult *result;
  gint64 value;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);

  return value;
}

static void
assert_restored (Team       *team,
                 WfDocument *document,
                 sqlite3    *db)
{
  g_autofree char *label = NULL;
  g_autofree char *record = NULL;

  g_assert_cmpstr (title_in (document, "cd0"), ==, team->original);
  g_assert_cmpstr (wf_undo_stack_get_undo_label (wf_document_get_undo_stack (document)), ==, team->label);
  g_assert_cmpint (wf_test_sqlite_int (db, "SELECT count(*) FROM team_outbox"), ==, team->outbox + 1);
  label = wf_test_sqlite_text (db, "SELECT label FROM team_outbox ORDER BY client_seq DESC LIMIT 1");
  g_assert_cmpstr (label, ==, team->label);
  record = wf_test_sqlite_text (db, "SELECT record FROM team_outbox ORDER BY client_seq DESC LIMIT 1");
  g_assert_nonnull (strstr (record, "\"cd0\""));
  g_assert_null (strstr (record, "\"cd4\""));
}

static gboolean
step_restore (WfTestApp *app)
{
  Team *team = app->data;
  WfWindow *window = team->start;
  WfDocument *document = window ? wf_window_get_document (window) : NULL;
  sqlite3 *db = window && window->autosave ? wf_library_get_db (wf_autosave_get_library (window->autosave)) : NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  GtkWindow *history;
  GtkWidget *button;

  /* Another member shares rich.journey; this window joins it. */
  if (app->stage < 4)
    return step_join (app);

  switch (app->stage)
    {
    case 4:   /* live: a version, then an edit */
      if (document == NULL || window->team.session == NULL ||
          wf_team_session_get_state (window->team.session) != WF_TEAM_SESSION_LIVE)
        return FALSE;
      g_assert_true (wf_autosave_add_revision (window->autosave, "save"));
      revisions = wf_library_list_revisions (wf_autosave_get_library (window->autosave),
                                             wf_autosave_get_id (window->autosave), &error);
      g_assert_no_error (error);
      team->revision = ((WfRevision *) revisions->pdata[0])->id;
      team->original = g_strdup (title_in (document, "cd0"));
      wf_edit_set (wf_document_lookup (document, "cd0"), "title", "Edited in the window", NULL);
      g_assert_true (wf_autosave_flush (window->autosave));
      team->outbox = wf_test_sqlite_int (db, "SELECT count(*) FROM team_outbox");

      if (team->discard)
        {
          /* As after a crash with those edits unsaved. */
          window->banner_kind = BANNER_RECOVERED;
          window->can_discard = TRUE;
          _wf_window_update_banner (window);
          g_assert_true (gtk_revealer_get_reveal_child (window->banner));
          g_assert_cmpstr (gtk_button_get_label (window->banner_button), ==, "_Discard Changes");
          g_signal_emit_by_name (window->banner_button, "clicked");

          assert_restored (team, document, db);
          g_assert_false (wf_undo_stack_get_modified (wf_document_get_undo_stack (document)));
          g_assert_false (gtk_revealer_get_reveal_child (window->banner));
          g_assert_true (window->team.journal != NULL);
          app->stage = 6;
          return FALSE;
        }

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.history", NULL));
      app->stage++;
      return FALSE;

    case 5:   /* History: restore that version */
      if ((history = wf_test_find_window (WF_TYPE_HISTORY_DIALOG)) == NULL)
        return FALSE;
      button = wf_test_find (GTK_WIDGET (history), is_restore_of, &team->revision);
      g_assert_nonnull (button);
      g_signal_emit_by_name (button, "clicked");
      assert_restored (team, document, db);
      app->stage++;
      return FALSE;

    case 6:   /* sent: one change of that name on the server */
      sql = g_strdup_printf ("SELECT count(*) FROM wayfinder.changes WHERE label = '%s'", team->label);
      if (wf_test_sqlite_int (db, "SELECT count(*) FROM team_outbox WHERE seq IS NULL") > 0 ||
          count_on_server (team->conninfo, sql) == 0)
        return FALSE;
      g_assert_cmpint (count_on_server (team->conninfo, sql), ==, 1);
      other_close (&team->other);
      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
run_restore (gboolean discard)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_auto(Team) team = { 0 };

  if (server == NULL)
    return;

  team.discard = discard;
  team.label = discard ? "Discard Changes" : "Restore Version";
  team.conninfo = make_team (server);
  run_in_team (&team, NULL, step_restore);
}

static void
test_history_restore (void)
{
  run_restore (FALSE);
}

static void
test_discard_changes (void)
{
  run_restore (TRUE);
}

/* Presenting a map read only: the presentation goes on, but nothing
 * of it changes the map. */
static void
assert_presenter_read_only (WfWindow *window)
{
  WfDocument *document = wf_window_get_document (window);
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  WfPresenter *presenter = wf_window_get_presenter (window);
  WfCard *card = first_card (document);
  guint votes = wf_card_get_votes (card);
  const char *undo = wf_undo_stack_get_undo_label (stack);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  g_assert_true (wf_presenter_is_active (presenter));
  wf_canvas_set_focus_card (window->canvas, card);

  gtk_widget_activate_action (GTK_WIDGET (window->canvas), "present.vote", "i", 1);
  gtk_widget_activate_action (GTK_WIDGET (window->canvas), "present.vote", "i", -1);
  gtk_widget_activate_action (GTK_WIDGET (window->canvas), "present.reset-votes", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window->canvas), "present.color", "i", 2);
  gtk_widget_activate_action (GTK_WIDGET (window->canvas), "present.sort-cell", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window->canvas), "present.capture", NULL);
  g_assert_false (wf_presenter_is_capturing (presenter));
  g_assert_false (wf_presenter_capture (presenter, "Captured by a viewer"));
  /* Ctrl+arrows would move the card. */
  gtk_widget_activate_action (GTK_WIDGET (window->canvas), "canvas.move-card", "(iib)", 1, 0, FALSE);

  g_assert_cmpuint (wf_card_get_votes (card), ==, votes);
  g_assert_cmpstr (wf_undo_stack_get_undo_label (stack), ==, undo);
  /* Presenting itself still works. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->canvas), "present.whole-map", NULL));
  g_assert_cmpint (wf_presenter_get_phase (presenter), ==, -1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  g_assert_false (wf_presenter_is_active (presenter));
}

/* The document as a file, but for "created" and "modified", each
 * library's own (as tests/test-team-session.c compares them). */
static char *
text_of_document (WfDocument *document)
{
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
  g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "  \"created\":") && !g_str_has_prefix (lines[i], "  \"modified\":"))
      g_string_append_printf (text, "%s\n", lines[i]);

  return g_string_free (text, FALSE);
}

/* Anna opened a .journey file, shared it and worked with the other
 * member; her server went away, she retitled a card, closed and chose
 * Discard; she opened the map again with the server back. Her library
 * kept the team's map and the retitle (Discard leaves a team map's
 * library alone), the seq did not go back, and the retitle reached the
 * other member: both maps end equal. */
static gboolean
is_dialog_body (GtkWidget *widget,
                gpointer   data)
{
  return ADW_IS_MESSAGE_DIALOG (widget) &&
         strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (widget)), data) != NULL;
}

static AdwMessageDialog *
find_dialog_titled (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) widget = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (widget) && gtk_widget_get_mapped (widget) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (widget)), heading) == 0)
        return ADW_MESSAGE_DIALOG (widget);
    }

  return NULL;
}

static gboolean
step_discard_file (WfTestApp *app)
{
  Team *team = app->data;
  WfWindow *window = team->window;
  Other *other = &team->other;
  WfWindow *start = team->start;
  AdwMessageDialog *dialog;
  sqlite3 *db;

  if (app->stage < 5)
    return step_share (app);

  switch (app->stage)
    {
    case 5:   /* both live: an edit that the team has */
      if (wf_team_session_get_state (other->session) != WF_TEAM_SESSION_LIVE)
        return FALSE;
      wf_edit_set (wf_document_lookup (window->document, team->card), "title", "Before the outage", NULL);
      app->stage++;
      return FALSE;

    case 6:   /* the server gone for her: a retitle, kept here only */
      if (g_strcmp0 (title_in (other->document, team->card), "Before the outage") != 0 ||
          !wf_team_session_is_idle (window->team.session))
        return FALSE;
      team->revision = wf_team_journal_get_seq (window->team.journal);
      wf_team_session_stop (window->team.session);
      wf_edit_set (wf_document_lookup (window->document, team->card), "title", "Retitled offline", NULL);
      g_assert_true (wf_autosave_flush (window->autosave));
      team->doc = wf_autosave_get_id (window->autosave);

      /* The Share question, answered but not closed by the test. */
      {
        GListModel *toplevels = gtk_window_get_toplevels ();

        for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
          {
            g_autoptr(GtkWidget) widget = g_list_model_get_item (toplevels, i - 1);

            if (ADW_IS_MESSAGE_DIALOG (widget))
              gtk_window_destroy (GTK_WINDOW (widget));
          }
      }

      /* Another window keeps the app running; then Close. */
      team->start = wf_window_new (GTK_APPLICATION (app->app));
      gtk_window_present (GTK_WINDOW (team->start));
      gtk_window_close (GTK_WINDOW (window));
      app->stage++;
      return FALSE;

    case 7:   /* Save Changes? says what Discard does to a team map: Discard */
      if ((dialog = find_dialog_titled ("Save Changes?")) == NULL)
        return FALSE;
      g_assert_null (strstr (adw_message_dialog_get_body (dialog), "will be lost"));
      g_assert_true (is_dialog_body (GTK_WIDGET (dialog), (gpointer) "shared with the team"));
      /* Held until the dialog is gone, as the event of a click would. */
      g_object_ref (window);
      g_signal_emit_by_name (wf_test_find_button (GTK_WIDGET (dialog), "_Discard"), "clicked");
      app->stage++;
      return FALSE;

    case 8:
      if (find_dialog_titled ("Save Changes?") != NULL)
        return FALSE;
      g_clear_object (&team->window);
      app->stage++;
      return FALSE;

    case 9:   /* the library kept the team's map and the retitle */
      db = wf_library_get_db (_wf_window_get_library (start));
      {
        g_autoptr(WfDocument) kept = wf_library_load (_wf_window_get_library (start), team->doc, NULL);
        g_autofree char *sql = g_strdup_printf ("SELECT seq FROM team_documents WHERE doc = %" G_GINT64_FORMAT,
                                                team->doc);

        g_assert_nonnull (kept);
        g_assert_cmpstr (title_in (kept, team->card), ==, "Retitled offline");
        g_assert_cmpint (wf_test_sqlite_int (db, sql), >=, team->revision);
        /* Its record is in the outbox, or already sent by the
         * application for the closed map (/team-app/closed-map). */
        g_assert_cmpint (wf_test_sqlite_int (db, "SELECT count(*) FROM team_outbox"), >=, 1);
      }
      app->stage++;
      return FALSE;

    case 10:  /* opened again, the server there: the start page lists it */
      {
        GtkWidget *row = wf_test_find (GTK_WIDGET (start), has_team_row, team->team_id);

        if (row == NULL)
          return FALSE;
        g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
        app->stage++;
        return FALSE;
      }

    case 11:  /* live again: the retitle reached the other member, both equal */
      {
        WfDocument *document = wf_window_get_document (start);

        if (document == NULL || start->team.session == NULL ||
            wf_team_session_get_state (start->team.session) != WF_TEAM_SESSION_LIVE ||
            !wf_team_session_is_idle (start->team.session) ||
            g_strcmp0 (title_in (other->document, team->card), "Retitled offline") != 0)
          return FALSE;
        g_assert_cmpstr (title_in (document, team->card), ==, "Retitled offline");
        g_assert_cmpint (wf_team_journal_get_seq (start->team.journal), >, team->revision);
        g_assert_cmpstr (adw_window_title_get_subtitle (start->window_title), ==, "Shared · Live");
        {
          g_autofree char *mine = text_of_document (document);
          g_autofree char *theirs = text_of_document (other->document);

          g_assert_cmpstr (mine, ==, theirs);
        }
        other_close (other);
        gtk_window_destroy (GTK_WINDOW (start));
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static void
test_discard_file (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_auto(Team) team = { 0 };
  g_autofree char *sample = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (server == NULL)
    return;

  /* A copy: Discard must not touch it, and the tree stays as it is. */
  sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "coffee-subscription.journey", NULL);
  g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
  dir = wf_test_make_tmpdir ();
  path = g_build_filename (dir, "coffee.journey", NULL);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  team.conninfo = make_team (server);
  run_in_team (&team, path, step_discard_file);

  {
    g_autofree char *after = NULL;

    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, contents);
  }
  wf_test_remove_tree (dir);
}

/* A viewer: the map joined opens read only, as the session says once it
 * knows the role (WfTeamSession:can-write). */
static gboolean
step_viewer (WfTestApp *app)
{
  Team *team = app->data;
  WfWindow *window = wf_test_app_get_window (app);
  WfWindow *start = team->start;

  switch (app->stage)
    {
    case 0:
      if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
        return FALSE;
      team->start = window;
      app->stage++;
      return FALSE;

    case 1:   /* the map, listed for the viewer: open it */
      {
        GtkWidget *row = wf_test_find (GTK_WIDGET (start), is_team_group_row,
                                       (gpointer) "Shared with a viewer");

        if (row == NULL)
          return FALSE;
        g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
        app->stage++;
        return FALSE;
      }

    case 2:
      if (start->team.session == NULL ||
          wf_team_session_get_state (start->team.session) != WF_TEAM_SESSION_LIVE)
        return FALSE;
      if (!g_object_class_find_property (G_OBJECT_GET_CLASS (start->team.session), "can-write"))
        {
          g_test_skip ("WfTeamSession has no can-write property yet");
          return TRUE;
        }
      if (!start->team.read_only)
        return FALSE;
      g_assert_true (gtk_revealer_get_reveal_child (start->banner));
      g_assert_cmpint (start->banner_kind, ==, BANNER_VIEW_ONLY);
      g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (start->overview)));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (start->banner_button)));
      g_assert_cmpstr (adw_window_title_get_subtitle (start->window_title), ==, "Shared · Live · View only");
      /* Restoring a version would be an edit. */
      gtk_widget_activate_action (GTK_WIDGET (start), "win.history", NULL);
      g_assert_null (wf_test_find_window (WF_TYPE_HISTORY_DIALOG));
      /* Nor the heat view's choice, a member of the map. */
      g_assert_false (gtk_widget_get_sensitive (wf_test_find_any_widget (GTK_WIDGET (start->insights),
                                                                         GTK_TYPE_DROP_DOWN)));
      /* Nor a drop from another window's palette. */
      {
        g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (start->canvas));

        for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
          {
            g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

            if (GTK_IS_DROP_TARGET (controller))
              g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_NONE);
          }
      }
      assert_presenter_read_only (start);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
run_sql (const char *conninfo,
         const char *sql)
{
  g_autoptr(PGconn) conn = PQconnectdb (conninfo);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
}

/* The administrator shares rich.journey, titled "Shared with a viewer",
 * on @conninfo from a library of its own in @dir; @document is the one
 * in it. */
static WfLibrary *
share_as_admin (const char  *conninfo,
                const char  *dir,
                WfDocument **document)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(WfTeamConnection) connection = NULL;
  g_autofree char *team_id = NULL;
  WfLibrary *library;
  Other wait = { 0 };
  gint64 doc;

  library = wf_library_new (path, &error);
  g_assert_no_error (error);
  *document = wf_test_load_data ("rich.journey");
  wf_document_set_title (*document, "Shared with a viewer");
  doc = wf_library_add (library, *document, NULL, &error);
  g_assert_no_error (error);
  wf_team_connection_new_async (conninfo, NULL, on_ready, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  connection = wf_team_connection_new_finish (wait.result, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  wf_team_library_share_async (library, doc, *document, connection, NULL, on_ready, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  team_id = wf_team_library_share_finish (library, wait.result, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  wf_team_connection_close (connection);

  return library;
}

/* The team settings of a member who is @user: the address names no
 * user, the setting team-user does. */
static void
set_team_settings_as (const char *conninfo,
                      const char *user)
{
  g_autofree char *address = g_strdup (conninfo);
  g_autoptr(GSettings) settings = NULL;
  char *at = strstr (address, "user=");

  g_assert_nonnull (at);
  *at = '\0';
  set_team_settings (address);
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "team-user", user);
}

/* Runs @step as @user, a member of @member_of among the roles @editors
 * and @viewers as an administrator makes them, with the grants of team
 * init, on a team where the administrator shared a map. */
static void
run_as_member (WfTestPostgres *server,
               Team           *team,
               WfTestStep      step,
               const char     *editors,
               const char     *viewers,
               const char     *user,
               const char     *member_of)
{
  WfTestApp app = { .data = team };
  g_autofree char *roles = g_strdup_printf ("CREATE ROLE %s NOLOGIN; CREATE ROLE %s NOLOGIN;"
                                            " CREATE ROLE %s LOGIN IN ROLE %s",
                                            editors, viewers, user, member_of);
  g_autofree char *grants = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(WfLibrary) library = NULL;

  team->conninfo = make_team (server);
  run_sql (wf_test_postgres_get_conninfo (server), roles);
  grants = wf_team_schema_grants_sql (editors, viewers);
  run_sql (team->conninfo, grants);

  dir = wf_test_make_tmpdir ();
  library = share_as_admin (team->conninfo, dir, &document);

  /* Its string names no user: the setting does. */
  set_team_settings_as (team->conninfo, user);
  wf_test_app_run (&app, NULL, step);

  set_team_settings (NULL);
  g_clear_object (&library);
  wf_test_remove_tree (dir);
}

static void
test_viewer (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_auto(Team) team = { 0 };

  if (server == NULL)
    return;

  run_as_member (server, &team, step_viewer, "wayfinder_editor", "wayfinder_viewer", "t_viewer", "wayfinder_viewer");
}

static void
count_change (Team *team)
{
  team->changes++;
}

/* An editor's role taken away while she is live: the server refuses
 * her next change (42501); it stays in her map and outbox, she is told
 * once, and the map goes read only. */
static gboolean
is_refusal (GtkWidget *widget,
            gpointer   data)
{
  return ADW_IS_MESSAGE_DIALOG (widget) &&
         g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (widget)), data) == 0;
}

static gboolean
step_role_taken (WfTestApp *app)
{
  Team *team = app->data;
  WfWindow *window = wf_test_app_get_window (app);
  WfWindow *start = team->start;
  sqlite3 *db = start && start->autosave ? wf_library_get_db (wf_autosave_get_library (start->autosave)) : NULL;
  AdwMessageDialog *dialog;

  switch (app->stage)
    {
    case 0:
      if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
        return FALSE;
      team->start = window;
      app->stage++;
      return FALSE;

    case 1:
      {
        GtkWidget *row = wf_test_find (GTK_WIDGET (start), is_team_group_row,
                                       (gpointer) "Shared with a viewer");

        if (row == NULL)
          return FALSE;
        g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
        app->stage++;
        return FALSE;
      }

    case 2:   /* live as an editor: the role goes, then she edits */
      if (start->team.session == NULL ||
          wf_team_session_get_state (start->team.session) != WF_TEAM_SESSION_LIVE)
        return FALSE;
      g_assert_false (start->team.read_only);
      run_sql (wf_test_postgres_get_conninfo (wf_test_postgres_shared ()),
               "REVOKE wf_editors_b FROM t_member_b; GRANT wf_viewers_b TO t_member_b");
      team->card = g_strdup (wf_item_get_id (WF_ITEM (first_card (wf_window_get_document (start)))));
      wf_edit_set (wf_document_lookup (wf_window_get_document (start), team->card),
                   "title", "Changed before the refusal", NULL);
      g_assert_true (wf_autosave_flush (start->autosave));
      app->stage++;
      return FALSE;

    case 3:   /* refused: told, kept, read only */
      dialog = wf_test_find_dialog ();
      if (dialog == NULL || !start->team.read_only)
        return FALSE;
      g_assert_true (is_refusal (GTK_WIDGET (dialog), (gpointer) "Your Changes Are Not Shared"));
      g_assert_cmpstr (title_in (wf_window_get_document (start), team->card), ==, "Changed before the refusal");
      g_assert_cmpint (wf_test_sqlite_int (db, "SELECT count(*) FROM team_outbox WHERE seq IS NULL"), >=, 1);
      g_assert_cmpint (start->banner_kind, ==, BANNER_VIEW_ONLY);
      adw_message_dialog_response (dialog, adw_message_dialog_get_close_response (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
      assert_presenter_read_only (start);
      app->stage++;
      return FALSE;

    case 4:   /* once: a later change of the session tells nothing again */
      g_object_notify (G_OBJECT (start->team.session), "state");
      g_assert_null (wf_test_find (GTK_WIDGET (start), is_refusal, (gpointer) "Your Changes Are Not Shared"));
      g_assert_null (wf_test_find_dialog ());
      g_assert_cmpstr (title_in (wf_window_get_document (start), team->card), ==, "Changed before the refusal");
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_role_taken (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_auto(Team) team = { 0 };

  if (server == NULL)
    return;

  run_as_member (server, &team, step_role_taken, "wf_editors_b", "wf_viewers_b", "t_member_b", "wf_editors_b");
}

/* Preferences → Team: an address with a password is refused and not
 * kept; a good one is kept, and Check Connection says what it found. A
 * password is kept per server and user, in memory without a keyring. */
static gboolean
step_preferences (WfTestApp *app)
{
  Team *team = app->data;
  WfWindow *window = wf_test_app_get_window (app);
  GtkWindow *preferences = wf_test_find_window (WF_TYPE_PREFERENCES_WINDOW);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  switch (app->stage)
    {
    case 0:
      if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
        return FALSE;
      {
        WfTeamAccount *account = wf_application_get_team_account (WF_APPLICATION (app->app));

        /* As without a Secret Service (or with its prompt cancelled). */
        wf_team_account_set_use_keyring (account, FALSE);
        g_signal_connect_swapped (account, "changed", G_CALLBACK (count_change), team);
      }
      g_action_group_activate_action (G_ACTION_GROUP (app->app), "preferences", NULL);
      app->stage++;
      return FALSE;

    case 1:
      {
        GtkWidget *server;
        GtkWidget *status;
        g_autofree char *kept = NULL;

        if (preferences == NULL || !gtk_widget_get_mapped (GTK_WIDGET (preferences)))
          return FALSE;

        server = wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Server");
        g_assert_nonnull (server);
        gtk_editable_set_text (GTK_EDITABLE (server), "host=/nowhere password=secret");
        g_signal_emit_by_name (server, "apply");
        kept = g_settings_get_string (settings, "team-server");
        g_assert_cmpstr (kept, ==, "");
        status = wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW,
                                   "The server’s address cannot be used");
        g_assert_nonnull (status);
        g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status)), "secret"));

        gtk_editable_set_text (GTK_EDITABLE (server), team->conninfo);
        g_signal_emit_by_name (server, "apply");
        g_clear_pointer (&kept, g_free);
        kept = g_settings_get_string (settings, "team-server");
        g_assert_cmpstr (kept, ==, team->conninfo);

        /* Nothing checked yet: it says so, not "Not connected". */
        g_assert_nonnull (wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Not checked yet"));
        g_signal_emit_by_name (wf_test_find_button (GTK_WIDGET (preferences), "_Check Connection"), "clicked");
        app->stage++;
        return FALSE;
      }

    case 2:
      {
        GtkWidget *status = wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW,
                                              "Connected on this computer");
        GtkWidget *password;

        g_assert_null (wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Not connected"));
        if (status == NULL)
          return FALSE;
        g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status)),
                                  "As wayfinder_admin, who may edit"));
        /* A socket crosses no network: no warning about one. */
        g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status)),
                               "offers no encryption"));

        /* No password kept for this server: the row asks for one. No
         * keyring: it is kept in memory, and the row and status say so. */
        password = wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_PASSWORD_ENTRY_ROW,
                                     "Password (none kept for this server and user)");
        g_assert_nonnull (password);
        team->changes = 0;
        gtk_editable_set_text (GTK_EDITABLE (password), "s3cret");
        g_signal_emit_by_name (password, "apply");
        app->stage++;
        return FALSE;
      }

    case 3:
      {
        WfTeamAccount *account = wf_application_get_team_account (WF_APPLICATION (app->app));
        GtkWidget *server;

        if (wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW,
                              "No keyring: the password is kept until Wayfinder quits") == NULL)
          return FALSE;
        g_assert_nonnull (wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_PASSWORD_ENTRY_ROW,
                                            "Password (kept until Wayfinder quits)"));
        g_assert_cmpint (wf_team_account_get_password_place (account), ==, WF_TEAM_PASSWORD_MEMORY);
        /* Whoever follows the account (the start page) hears of it. */
        g_assert_cmpuint (team->changes, >, 0);

        /* Another server: its own password, none yet. */
        server = wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Server");
        g_free (team->original);
        team->original = g_strdup_printf ("%s connect_timeout=9", team->conninfo);
        gtk_editable_set_text (GTK_EDITABLE (server), team->original);
        g_signal_emit_by_name (server, "apply");
        app->stage++;
        return FALSE;
      }

    case 4:
      {
        WfTeamAccount *account = wf_application_get_team_account (WF_APPLICATION (app->app));
        GtkWidget *server;

        if (wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_PASSWORD_ENTRY_ROW,
                              "Password (none kept for this server and user)") == NULL)
          return FALSE;
        g_assert_false (wf_team_account_has_password (account));

        /* Back: the one kept for it. */
        server = wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Server");
        gtk_editable_set_text (GTK_EDITABLE (server), team->conninfo);
        g_signal_emit_by_name (server, "apply");
        app->stage++;
        return FALSE;
      }

    case 5:
      if (wf_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_PASSWORD_ENTRY_ROW,
                            "Password (kept until Wayfinder quits)") == NULL)
        return FALSE;
      gtk_window_destroy (preferences);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_preferences (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_auto(Team) team = { 0 };
  WfTestApp app = { .data = &team };

  if (server == NULL)
    return;

  /* No server set: the preferences set it. */
  team.conninfo = make_team (server);
  set_team_settings (NULL);
  wf_test_app_run (&app, NULL, step_preferences);
  set_team_settings (NULL);
}

/* A server that cannot be reached: the Team group says so in one line. */
static gboolean
step_offline (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  GtkWidget *group;
  const char *description;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  group = wf_library_view_get_team_group (window->library_view);
  g_assert_true (gtk_widget_get_visible (group));
  description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));

  return description != NULL && strstr (description, "cannot be reached") != NULL;
}

static void
test_offline (void)
{
  g_autofree char *dir = wf_test_make_tmpdir ();
  g_autofree char *server = g_strdup_printf ("host=%s port=1 dbname=nothing connect_timeout=2", dir);
  WfTestApp app = { 0 };

  set_team_settings (server);
  wf_test_app_run (&app, NULL, step_offline);
  set_team_settings (NULL);
  wf_test_remove_tree (dir);
}

/* A server that is down, then up again: the Team group says why in its
 * tooltip, tries again by itself while it shows, and lists the team
 * once the server answers, without a restart. */
static gboolean
step_back_online (WfTestApp *app)
{
  Team *team = app->data;
  WfWindow *window = wf_test_app_get_window (app);
  GtkWidget *group;
  const char *description;
  const char *tooltip;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  group = wf_library_view_get_team_group (window->library_view);
  description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));
  tooltip = gtk_widget_get_tooltip_text (group);

  switch (app->stage)
    {
    case 0:
      if (description == NULL || strstr (description, "cannot be reached") == NULL)
        return FALSE;
      /* The plain reason and libpq's own words. */
      g_assert_nonnull (tooltip);
      g_assert_nonnull (strstr (tooltip, "The team server cannot be reached: check its address"));
      g_assert_nonnull (strstr (tooltip, ".s.PGSQL."));
      {
        g_autoptr(GError) error = NULL;

        g_assert_true (wf_test_postgres_restart (team->server, &error));
        g_assert_no_error (error);
      }
      app->stage++;
      return FALSE;

    case 1:
      if (description == NULL || strstr (description, "No maps are shared") == NULL)
        return FALSE;
      g_assert_null (tooltip);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_back_online (void)
{
  g_autoptr(WfTestPostgres) server = wf_test_postgres_start_or_skip ();
  g_auto(Team) team = { 0 };

  if (server == NULL)
    return;

  team.server = server;
  team.conninfo = make_team (server);
  wf_test_postgres_kill (server);
  run_in_team (&team, NULL, step_back_online);
}

/* The first stages of a case: other_shares(), then the second window
 * joins the map from its start page, and it is live there. Returns
 * whether the stage was one of those. */
static gboolean
other_shares_and_joined (WfTestApp  *app,
                         const char *title)
{
  Team *team = app->data;
  GtkWidget *row;

  if (other_shares (app, title))
    return TRUE;

  switch (app->stage)
    {
    case 3:
      if ((row = wf_test_find (GTK_WIDGET (team->start), is_team_group_row, (gpointer) title)) == NULL)
        return TRUE;
      g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
      app->stage++;
      return TRUE;

    case 4:
      if (wf_window_get_document (team->start) != NULL && team->start->team.session != NULL &&
          wf_team_session_get_state (team->start->team.session) == WF_TEAM_SESSION_LIVE)
        app->stage++;
      return TRUE;

    default:
      return FALSE;
    }
}

/* A team map edited while the server is down, and closed: the changes
 * reach the team when the server is back, without the map being opened
 * again. */
static gboolean
step_closed_map (WfTestApp *app)
{
  Team *team = app->data;
  Other *other = &team->other;
  g_autoptr(GError) error = NULL;

  if (other_shares_and_joined (app, "Closed offline"))
    return FALSE;

  switch (app->stage)
    {
    case 5:   /* live; then the server goes away, and the other member */
      if (other->connection != NULL)
        {
          wf_team_connection_close (other->connection);
          g_clear_object (&other->connection);
        }
      wf_test_postgres_kill (team->server);
      app->stage++;
      return FALSE;

    case 6:   /* offline: edited, and closed */
      if (wf_team_session_get_state (team->start->team.session) == WF_TEAM_SESSION_LIVE)
        return FALSE;
      {
        WfDocument *document = wf_window_get_document (team->start);

        g_free (team->card);
        team->card = g_strdup (wf_item_get_id (WF_ITEM (first_card (document))));
        wf_edit_set (first_card (document), "title", "Edited, then closed", NULL);
        wf_undo_stack_seal (wf_document_get_undo_stack (document));
      }
      gtk_window_destroy (GTK_WINDOW (team->start));
      team->start = NULL;
      g_assert_true (wf_test_postgres_restart (team->server, &error));
      g_assert_no_error (error);
      app->stage++;
      return FALSE;

    case 7:   /* the server has it, and the library knows it was taken */
      {
        g_autoptr(PGconn) conn = PQconnectdb (team->conninfo);
        WfLibrary *library = wf_application_get_library (WF_APPLICATION (app->app), NULL);

        if (PQstatus (conn) != CONNECTION_OK ||
            wf_test_pg_int (conn, "SELECT count(*) FROM wayfinder.items WHERE id = $1"
                                  " AND value->>'title' = 'Edited, then closed'", team->card) != 1)
          return FALSE;
        if (wf_test_sqlite_int (wf_library_get_db (library), "SELECT count(*) FROM team_outbox WHERE seq IS NULL") != 0)
          return FALSE;
      }
      other_close (other);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_closed_map (void)
{
  g_autoptr(WfTestPostgres) server = wf_test_postgres_start_or_skip ();
  g_auto(Team) team = { 0 };

  if (server == NULL)
    return;

  team.server = server;
  team.conninfo = make_team (server);
  run_in_team (&team, NULL, step_closed_map);
}

/* A title typed and Wayfinder quit at once, the field never left: the
 * change reaches the team as the application ends, not at the next
 * start. */
static gboolean
step_quit_sends (WfTestApp *app)
{
  Team *team = app->data;

  if (other_shares_and_joined (app, "Quit at once"))
    return FALSE;

  switch (app->stage)
    {
    case 5:   /* live; typed, and not sent by the window */
      {
        WfDocument *document = wf_window_get_document (team->start);

        g_free (team->card);
        team->card = g_strdup (wf_item_get_id (WF_ITEM (first_card (document))));
        wf_team_session_stop (team->start->team.session);
        wf_edit_set (first_card (document), "title", "Typed, then quit", NULL);
        g_assert_true (wf_autosave_is_waiting (team->start->autosave));
      }
      other_close (&team->other);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_quit_sends (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  g_auto(Team) team = { 0 };
  g_autoptr(PGconn) conn = NULL;

  if (server == NULL)
    return;

  team.conninfo = make_team (server);
  run_in_team (&team, NULL, step_quit_sends);

  conn = PQconnectdb (team.conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  g_assert_cmpint (wf_test_pg_int (conn, "SELECT count(*) FROM wayfinder.items WHERE id = $1"
                                         " AND value->>'title' = 'Typed, then quit'", team.card), ==, 1);
}

/* A user the server does not know: the Team group says the server
 * refused who connects, not that it cannot be reached. */
static gboolean
step_refused (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  GtkWidget *group;
  const char *description;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  group = wf_library_view_get_team_group (window->library_view);
  description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));
  if (description == NULL || strstr (description, "still open") == NULL)
    return FALSE;
  g_assert_nonnull (strstr (description, "did not accept the user name or password"));
  g_assert_null (strstr (description, "cannot be reached"));

  return TRUE;
}

static void
test_refused (void)
{
  WfTestPostgres *server = wf_test_postgres_shared ();
  WfTestApp app = { 0 };
  g_autofree char *conninfo = NULL;
  g_autofree char *refused = NULL;

  if (server == NULL)
    return;

  conninfo = make_team (server);
  refused = g_strdup_printf ("%s user=nobody_known_here", conninfo);
  set_team_settings (refused);
  wf_test_app_run (&app, NULL, step_refused);

  set_team_settings (NULL);
}

/* No team server: no Team group, no sharing, the map as before. */
static gboolean
step_no_team (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  GtkWidget *group;

  if (canvas == NULL || window->autosave == NULL || window->library_write != NULL)
    return FALSE;

  group = wf_library_view_get_team_group (window->library_view);
  g_assert_false (gtk_widget_get_visible (group));
  g_assert_null (window->team.journal);
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), !=, "Shared · Live");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.share-team", NULL);
  g_assert_null (wf_test_find_dialog ());

  return TRUE;
}

static void
test_no_team (void)
{
  WfTestApp app = { 0 };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "coffee-subscription.journey", NULL);

  set_team_settings (NULL);
  wf_test_app_run (&app, path, step_no_team);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wf_test_app_init (&argc, &argv);

  g_test_add_func ("/team-app/no-team", test_no_team);
  g_test_add_func ("/team-app/offline", test_offline);
  g_test_add_func ("/team-app/back-online", test_back_online);
  g_test_add_func ("/team-app/refused", test_refused);
  g_test_add_func ("/team-app/closed-map", test_closed_map);
  g_test_add_func ("/team-app/quit-sends", test_quit_sends);
  g_test_add_func ("/team-app/preferences", test_preferences);
  g_test_add_func ("/team-app/share", test_share);
  g_test_add_func ("/team-app/join", test_join);
  g_test_add_func ("/team-app/history-restore", test_history_restore);
  g_test_add_func ("/team-app/discard-changes", test_discard_changes);
  g_test_add_func ("/team-app/discard-file", test_discard_file);
  g_test_add_func ("/team-app/viewer", test_viewer);
  g_test_add_func ("/team-app/role-taken", test_role_taken);

  status = g_test_run ();
  wf_test_postgres_stop_shared ();

  return status;
}
