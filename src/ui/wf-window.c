/* wf-window.c — a window showing one journey document
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "model/wf-templates.h"
#include "storage/wf-autosave.h"
#include "storage/wf-journey.h"
#include "storage/wf-mermaid.h"
#include "storage/wf-sqlite.h"
#include "wf-a11y.h"
#include "wf-announcer.h"
#include "wf-application.h"
#include "wf-canvas.h"
#include "wf-frame-probe.h"
#include "wf-message.h"
#include "wf-presenter.h"
#include "wf-toast.h"
#include "wf-library-view.h"
#include "wf-outline.h"
#include "wf-palette.h"
#include "wf-properties.h"
#include "wf-window-private.h"

G_DEFINE_FINAL_TYPE (WfWindow, wf_window, ADW_TYPE_APPLICATION_WINDOW)

static WfUndoStack *
get_undo_stack (WfWindow *self)
{
  return self->document ? wf_document_get_undo_stack (self->document) : NULL;
}

static gboolean
library_works (WfWindow *self)
{
  return self->autosave != NULL && wf_autosave_get_error (self->autosave) == NULL;
}

/* Whether closing would lose something: edits not in the file the
 * document is linked to, or, without a working library, any edit.
 */
static gboolean
is_modified (WfWindow *self)
{
  if (self->document == NULL || !wf_undo_stack_get_modified (get_undo_stack (self)))
    return FALSE;

  return self->file != NULL || !library_works (self);
}

static WfLibrary *
get_library (WfWindow      *self,
             const GError **error)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (error != NULL)
    *error = NULL;

  return WF_IS_APPLICATION (app) ? wf_application_get_library (WF_APPLICATION (app), error) : NULL;
}

char *
_wf_window_get_display_title (WfWindow *self)
{
  const char *title = self->document ? wf_document_get_title (self->document) : NULL;

  if (title != NULL && *title != '\0')
    return g_strdup (title);

  if (self->file != NULL)
    return g_file_get_basename (self->file);

  return g_strdup (_("Untitled Journey"));
}

static void
show_toast (WfWindow   *self,
            const char *message)
{
  wf_toast_show (self->toast_overlay, wf_toast_new_text (message));
}

void
_wf_window_show_error (WfWindow   *self,
            const char *heading,
            const char *body)
{
  wf_message_show (GTK_WINDOW (self), heading, body);
}

static void update_title (WfWindow *self);
static void update_actions (WfWindow *self);
static void update_banner (WfWindow *self);

void
_wf_window_update_title (WfWindow *self)
{
  update_title (self);
}

void
_wf_window_update_actions (WfWindow *self)
{
  update_actions (self);
}

void
_wf_window_update_banner (WfWindow *self)
{
  update_banner (self);
}

WfLibrary *
_wf_window_get_library (WfWindow *self)
{
  return get_library (self, NULL);
}

void
_wf_window_show_toast (WfWindow   *self,
                       const char *message)
{
  show_toast (self, message);
}

static void
update_title (WfWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;

  if (self->document == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Wayfinder"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Wayfinder"));
      return;
    }

  title = _wf_window_get_display_title (self);

  if (is_modified (self))
    window_title = g_strdup_printf ("• %s", title);
  else
    window_title = g_strdup (title);

  adw_window_title_set_title (self->window_title, window_title);

  if (self->file != NULL && _wf_window_team_get_status (self) == NULL)
    {
      g_autofree char *path = g_file_get_parse_name (self->file);
      const char *home = g_get_home_dir ();

      /* As GNOME apps show places: ~/Documents/map.journey */
      if (g_str_has_prefix (path, home) && path[strlen (home)] == G_DIR_SEPARATOR)
        {
          g_autofree char *short_path = g_strconcat ("~", path + strlen (home), NULL);
          adw_window_title_set_subtitle (self->window_title, short_path);
        }
      else
        adw_window_title_set_subtitle (self->window_title, path);
    }
  else if (_wf_window_team_get_status (self) != NULL)
    adw_window_title_set_subtitle (self->window_title, _wf_window_team_get_status (self));
  else if (library_works (self))
    adw_window_title_set_subtitle (self->window_title, _("In the library"));
  else
    adw_window_title_set_subtitle (self->window_title, _("Not saved"));

  gtk_window_set_title (GTK_WINDOW (self), window_title);

  /* A screen reader says the mark in words, for the window and the title
   * in its header bar (GTK names the window by its title, set above). */
  {
    GtkWidget *label = gtk_widget_get_first_child (GTK_WIDGET (self->window_title));

    while (label != NULL && !GTK_IS_LABEL (label))
      label = gtk_widget_get_first_child (label);
    if (is_modified (self))
      {
        /* Translators: what a screen reader says for the window's title
         * when its journey has changes not yet saved, shown as "• %s" */
        g_autofree char *spoken = g_strdup_printf (_("%s, unsaved changes"), title);

        gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
        if (label != NULL)
          gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      }
    else if (label != NULL)
      gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL);
  }
}

static void
update_actions (WfWindow *self)
{
  WfUndoStack *stack = get_undo_stack (self);
  gboolean has_document = self->document != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", stack && wf_undo_stack_can_undo (stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", stack && wf_undo_stack_can_redo (stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history", self->autosave != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_document && wf_canvas_get_map (self->canvas));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-figures", has_document && wf_canvas_get_map (self->canvas));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_document && wf_canvas_get_map (self->canvas));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", has_document && wf_canvas_get_map (self->canvas));
  _wf_window_team_update_actions (self);
}

/* The banner: recovered edits, a library that cannot be written, pictures
 * left out
 */

static void
update_banner (WfWindow *self)
{
  const GError *library_error = NULL;
  g_autofree char *text = NULL;

  if (self->autosave != NULL && wf_autosave_get_error (self->autosave) != NULL)
    library_error = wf_autosave_get_error (self->autosave);
  else if (self->document != NULL && self->autosave == NULL)
    get_library (self, &library_error);

  if (library_error != NULL)
    {
      self->banner_kind = BANNER_LIBRARY;
      text = g_strdup_printf (_("Changes cannot be kept in the library: %s. Save the map as a file to keep it."),
                              library_error->message);
      gtk_label_set_text (self->banner_label, text);
      gtk_button_set_label (self->banner_button, _("_Save As…"));
    }
  else if (self->banner_kind == BANNER_RECOVERED && self->document != NULL && self->can_discard)
    {
      gtk_label_set_text (self->banner_label, _("Unsaved changes from the last session were recovered."));
      gtk_button_set_label (self->banner_button, _("_Discard Changes"));
    }
  else if (self->banner_kind == BANNER_RECOVERED && self->document != NULL)
    {
      /* Never saved: there is nothing to go back to. */
      gtk_label_set_text (self->banner_label, _("This map was open when Wayfinder stopped; all its changes were kept."));
      gtk_button_set_label (self->banner_button, _("_Dismiss"));
    }
  else if (self->banner_kind == BANNER_WARNINGS && self->document != NULL && self->warnings != NULL)
    {
      g_autofree char *warnings = _wf_window_get_warnings_text (self);

      gtk_label_set_text (self->banner_label, warnings);
      gtk_button_set_label (self->banner_button, _("_Details…"));
    }
  else if (self->document != NULL && self->team.read_only)
    {
      self->banner_kind = BANNER_VIEW_ONLY;
      gtk_label_set_text (self->banner_label, _("You can view this map; ask the team’s administrator to edit it."));
    }
  else
    self->banner_kind = BANNER_NONE;

  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), self->banner_kind != BANNER_VIEW_ONLY);

  gtk_revealer_set_reveal_child (self->banner, self->banner_kind != BANNER_NONE);
}

static void
on_autosave_error (WfWindow *self)
{
  update_banner (self);
  update_title (self);
}

static void
close_autosave (WfWindow *self)
{
  /* Not the window's application: a destroyed window has none left. */
  GApplication *app = g_application_get_default ();

  _wf_window_team_stop (self);

  if (self->autosave == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->autosave, self);
  wf_autosave_close (self->autosave);
  g_clear_object (&self->autosave);

  if (!WF_IS_APPLICATION (app))
    return;

  /* A team map closed with changes the server has not taken yet. */
  wf_application_send_team_changes (WF_APPLICATION (app));

  /* The other windows' start pages no longer say it is open. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (WF_IS_WINDOW (l->data) && l->data != self && WF_WINDOW (l->data)->library_view != NULL)
      wf_library_view_refresh (WF_WINDOW (l->data)->library_view);
}

/* Keeps @document in the library as @id, or as a new document of the
 * library (linked to the window's file) if @id is 0.
 */
static void
attach_library (WfWindow *self,
                gint64    id)
{
  WfLibrary *library = get_library (self, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (library == NULL || self->document == NULL || self->library_write != NULL)
    return;

  if (id == 0)
    {
      path = self->file ? g_file_get_path (self->file) : NULL;

      /* The library's copy of this file gets the file's content. */
      if (path != NULL && (id = wf_library_find_path (library, path)) != 0 &&
          wf_application_find_window (WF_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), id) == NULL)
        {
          wf_application_claim_document (WF_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), id);
          if (!wf_sqlite_write_content (wf_library_get_db (library), id, self->document, &error) ||
              !wf_library_set_unsaved (library, id, FALSE, &error))
            id = 0;
        }
      else
        id = 0;

      if (id == 0)
        {
          g_clear_error (&error);
          id = wf_library_add (library, self->document, path, &error);
        }
    }

  if (id == 0)
    {
      g_warning ("The document could not be added to the library: %s", error->message);
      return;
    }

  self->autosave = wf_autosave_new (library, id, self->document);
  g_signal_connect_object (self->autosave, "notify::error",
                           G_CALLBACK (on_autosave_error), self, G_CONNECT_SWAPPED);
}

/* Opening a large file, the library's copy of it is written by a worker
 * thread with a connection of its own, from a second reading of the
 * file's bytes, while the window shows the map (issue #19: adding 20,000
 * cards to the library took 0.3 s, all of it a frozen window). The
 * autosave starts when the worker is done. An edit made before that
 * waits for it and is then written with the whole document, so every
 * completed edit is in the library when its step ends, as always.
 */
static void show_document (WfWindow   *self,
                           WfDocument *document,
                           GFile      *file,
                           gint64      library_id);

typedef struct _LibraryWrite
{
  GMutex      mutex;
  GCond       cond;
  gboolean    done;       /* under @mutex */
  gboolean    handled;    /* main thread: the result was taken */
  gboolean    edited;     /* main thread: the map changed before it was done */
  gboolean    normalized; /* the worker numbered the positions for the autosave */
  WfLibrary  *library;    /* the window's, main thread only */
  WfDocument *document;   /* shown, main thread only */
  char       *path;       /* the file's */
  GBytes     *bytes;      /* the file's content */
  gint64      known_id;   /* the library's copy of the file, or 0 */
  gint64      id;         /* under @mutex: where it was written, or 0 */
  GError     *error;      /* under @mutex */
} LibraryWrite;

static void
library_write_free (gpointer data)
{
  LibraryWrite *w = data;

  g_mutex_clear (&w->mutex);
  g_cond_clear (&w->cond);
  g_clear_object (&w->library);
  g_clear_object (&w->document);
  g_free (w->path);
  g_bytes_unref (w->bytes);
  g_clear_error (&w->error);
  g_free (w);
}

static GMutex   hold_mutex;
static GCond    hold_cond;
static gboolean hold_writes;

void
_wf_window_hold_library_writes (gboolean hold)
{
  g_mutex_lock (&hold_mutex);
  hold_writes = hold;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_mutex);
}

/* A thread of its own, not one of GTask's pool: its lower priority
 * (below) then ends with it.
 */
static gpointer
library_write_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  LibraryWrite *w = g_task_get_task_data (task);
  g_autoptr(WfLibrary) library = NULL;
  g_autoptr(WfDocument) copy = NULL;
  GError *error = NULL;
  gint64 id = 0;

  g_mutex_lock (&hold_mutex);
  while (hold_writes)
    g_cond_wait (&hold_cond, &hold_mutex);
  g_mutex_unlock (&hold_mutex);

#ifdef __linux__
  /* Behind the window's own thread: on two cores, the parse and the
   * write would otherwise take turns with it and freeze it for 40 ms.
   * (Linux gives each thread its own nice value.)
   */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
#endif

  /* The window's library is the main thread's; its document is the
   * person's, who may be editing it: the worker has its own of each.
   */
  if ((library = wf_library_new_connection (w->library, &error)) &&
      (copy = wf_journey_load_bytes (w->bytes, NULL, &error)))
    {
      if (w->known_id != 0 &&
          wf_sqlite_write_content (wf_library_get_db (library), w->known_id, copy, &error) &&
          wf_library_set_unsaved (library, w->known_id, FALSE, &error))
        id = w->known_id;
      else
        {
          g_clear_error (&error);
          id = wf_library_add (library, copy, w->path, &error);
        }

      /* What the autosave would do first, on the main thread (60 ms for
       * 20,000 cards): here instead. Without it, the autosave does it.
       */
      if (id != 0)
        {
          g_autoptr(GError) ignored = NULL;

          w->normalized = wf_sqlite_exec (wf_library_get_db (library), "BEGIN IMMEDIATE", &ignored) &&
                          wf_autosave_normalize (wf_library_get_db (library), id, &ignored) &&
                          wf_sqlite_exec (wf_library_get_db (library), "COMMIT", &ignored);
          if (!w->normalized)
            sqlite3_exec (wf_library_get_db (library), "ROLLBACK", NULL, NULL, NULL);
        }
    }

  g_mutex_lock (&w->mutex);
  w->id = id;
  w->error = error;
  w->done = TRUE;
  g_cond_signal (&w->cond);
  g_mutex_unlock (&w->mutex);

  g_task_return_boolean (task, TRUE);

  return NULL;
}

/* Takes the worker's result: waits for it when @wait, and starts the
 * autosave unless @closing.
 */
static void
finish_library_write (WfWindow *self,
                      gboolean  wait,
                      gboolean  closing)
{
  LibraryWrite *w = self->library_write;
  g_autoptr(GError) error = NULL;

  if (w == NULL)
    return;

  g_mutex_lock (&w->mutex);
  while (!w->done && wait)
    g_cond_wait (&w->cond, &w->mutex);
  if (!w->done)
    {
      g_mutex_unlock (&w->mutex);
      return;
    }
  g_mutex_unlock (&w->mutex);

  self->library_write = NULL;
  w->handled = TRUE;

  if (closing || w->document != self->document)
    return;

  if (w->id == 0)
    {
      g_warning ("The document could not be added to the library: %s", w->error->message);
      update_banner (self);
      return;
    }

  /* The library holds the file as it was read; the map has changed. */
  if (w->edited && !wf_sqlite_write_content (wf_library_get_db (w->library), w->id, self->document, &error))
    g_warning ("The document could not be written to the library: %s", error->message);

  if (w->normalized)
    self->autosave = wf_autosave_new_normalized (w->library, w->id, self->document);
  else
    self->autosave = wf_autosave_new (w->library, w->id, self->document);
  g_signal_connect_object (self->autosave, "notify::error",
                           G_CALLBACK (on_autosave_error), self, G_CONNECT_SWAPPED);
  _wf_window_team_start (self);
  update_banner (self);
  update_title (self);
  update_actions (self);
}

static void
on_library_written (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  WfWindow *self = WF_WINDOW (object);
  LibraryWrite *w = g_task_get_task_data (G_TASK (result));

  if (!w->handled)
    finish_library_write (self, FALSE, FALSE);
}

/* Shows @document, read from @file as @bytes, and has a worker keep it in
 * the library as @known_id (or as a new document, when 0).
 */
static void
show_document_writing (WfWindow   *self,
                       WfDocument *document,
                       GFile      *file,
                       GBytes     *bytes,
                       gint64      known_id)
{
  WfLibrary *library = get_library (self, NULL);
  g_autoptr(GTask) task = NULL;
  LibraryWrite *w;

  if (library == NULL || wf_library_get_read_only_reason (library) != NULL ||
      bytes == NULL || g_file_peek_path (file) == NULL)
    {
      wf_window_set_document (self, document, file);
      return;
    }

  finish_library_write (self, TRUE, TRUE);

  w = g_new0 (LibraryWrite, 1);
  g_mutex_init (&w->mutex);
  g_cond_init (&w->cond);
  w->library = g_object_ref (library);
  w->document = g_object_ref (document);
  w->path = g_strdup (g_file_peek_path (file));
  w->bytes = g_bytes_ref (bytes);
  w->known_id = known_id;

  self->library_write = w;
  task = g_task_new (self, NULL, on_library_written, NULL);
  g_task_set_source_tag (task, show_document_writing);
  g_task_set_task_data (task, w, library_write_free);
  g_thread_unref (g_thread_new ("wf-library-write", library_write_thread, g_object_ref (task)));

  /* attach_library() leaves the library to the worker. */
  self->banner_kind = BANNER_NONE;
  show_document (self, document, file, 0);
}

/* Whether another window is still putting the file at @path into the
 * library: opening it again presents that window.
 */
static WfWindow *
find_window_writing (WfWindow   *self,
                     const char *path)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (GList *l = app ? gtk_application_get_windows (app) : NULL; l; l = l->next)
    {
      WfWindow *other = l->data;

      if (WF_IS_WINDOW (other) && other != self && other->library_write != NULL &&
          g_strcmp0 (other->library_write->path, path) == 0)
        return other;
    }

  return NULL;
}

/* The maps in the header bar's switcher; the canvas shows the chosen one. */
void
_wf_window_update_map_switcher (WfWindow *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  WfMap *shown = wf_canvas_get_map (self->canvas);
  guint n_maps = self->document ? wf_document_get_n_maps (self->document) : 0;
  int selected = -1;

  for (guint i = 0; i < n_maps; i++)
    {
      WfMap *map = wf_document_get_map (self->document, i);
      const char *title = wf_map_get_title (map);

      gtk_string_list_append (titles, *title ? title : _("Untitled Map"));
      if (map == shown)
        selected = i;
    }

  self->updating_maps = TRUE;
  gtk_drop_down_set_model (self->map_switcher, G_LIST_MODEL (titles));
  if (selected < 0 && n_maps > 0)
    {
      selected = 0;
      wf_canvas_set_map (self->canvas, wf_document_get_map (self->document, 0));
    }
  else if (n_maps == 0)
    wf_canvas_set_map (self->canvas, NULL);
  gtk_drop_down_set_selected (self->map_switcher, selected >= 0 ? (guint) selected : GTK_INVALID_LIST_POSITION);
  self->updating_maps = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->map_switcher), n_maps > 1);
}

static void
on_map_selected (WfWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->map_switcher);

  if (self->updating_maps || self->document == NULL || selected >= wf_document_get_n_maps (self->document))
    return;

  wf_canvas_set_map (self->canvas, wf_document_get_map (self->document, selected));
}

/* Model → view */

static void
on_undo_stack_changed (WfWindow    *self,
                       WfUndoStack *stack)
{
  if (self->library_write != NULL)
    {
      self->library_write->edited = TRUE;
      finish_library_write (self, TRUE, FALSE);
    }

  update_title (self);
  update_actions (self);
}

static void
on_document_item_changed (WfWindow   *self,
                          WfItem     *item,
                          GParamSpec *pspec,
                          WfDocument *document)
{
  if (WF_IS_DOCUMENT (item))
    update_title (self);
  else if (WF_IS_MAP (item))
    _wf_window_update_map_switcher (self);
}

static gboolean
update_map_switcher_idle (gpointer data)
{
  WfWindow *self = data;

  self->switcher_idle = 0;
  _wf_window_update_map_switcher (self);

  return G_SOURCE_REMOVE;
}

/* The journey details (maps, and personas with all their fields) are
 * filled when the pane is shown, not with every open: 80 rows for ten
 * personas, 14 ms of a large map's open on the main thread.
 */
static void
update_overview (WfWindow *self)
{
  gboolean shown = adw_flap_get_reveal_flap (self->flap);

  wf_document_overview_set_document (self->overview, shown ? self->document : NULL);
}

/* Hidden, the pane keeps its rows: it slides out as it was. */
static void
on_flap_revealed (WfWindow *self)
{
  if (adw_flap_get_reveal_flap (self->flap))
    update_overview (self);
}

/* Connected to item-added, -removed and -moved, whose further arguments
 * it does not need: a handler may take fewer arguments than the signal
 * gives, but never a variable list (a variadic function is called
 * differently, and the marshaller does not do that).
 */
static void
on_document_structure_changed (WfWindow *self,
                               WfItem   *item)
{
  /* The switcher looks again once the model is quiet, not once for
   * each of a thousand cards that one command adds or removes.
   */
  if (!WF_IS_LINK (item) && self->switcher_idle == 0)
    self->switcher_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, update_map_switcher_idle, self, NULL);

  /* A map that comes or goes changes what the canvas can show at once. */
  if (WF_IS_MAP (item))
    _wf_window_update_map_switcher (self);
}

static void
show_document (WfWindow   *self,
               WfDocument *document,
               GFile      *file,
               gint64      library_id)
{
  close_autosave (self);
  wf_canvas_set_map (self->canvas, NULL);
  gtk_widget_set_visible (self->sidebar_button, document != NULL);
  gtk_widget_set_visible (self->zoom_fit_button, document != NULL);

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (get_undo_stack (self), self);
    }

  g_set_object (&self->document, document);
  g_set_object (&self->file, file);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  if (self->banner_kind == BANNER_WARNINGS)
    self->banner_kind = BANNER_NONE;

  if (document != NULL)
    {
      g_signal_connect_object (get_undo_stack (self), "changed",
                               G_CALLBACK (on_undo_stack_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "item-changed",
                               G_CALLBACK (on_document_item_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "item-added",
                               G_CALLBACK (on_document_structure_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "item-removed",
                               G_CALLBACK (on_document_structure_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "item-moved",
                               G_CALLBACK (on_document_structure_changed), self, G_CONNECT_SWAPPED);
      attach_library (self, library_id);
      _wf_window_team_start (self);
      gtk_stack_set_visible_child_name (self->stack, "document");
      wf_frame_probe_mark (GTK_WIDGET (self), "document");
    }
  else
    {
      self->banner_kind = BANNER_NONE;
      gtk_stack_set_visible_child_name (self->stack, "start");
    }

  update_overview (self);
  _wf_window_update_map_switcher (self);
  update_title (self);
  update_actions (self);
  update_banner (self);
}

/**
 * wf_window_set_document:
 * @document: (nullable): the document to show, or %NULL for the start page
 * @file: (nullable): the .journey file it was read from
 *
 * Shows @document and keeps it in the library from now on.
 */
void
wf_window_set_document (WfWindow   *self,
                        WfDocument *document,
                        GFile      *file)
{
  g_return_if_fail (WF_IS_WINDOW (self));
  g_return_if_fail (!document || WF_IS_DOCUMENT (document));

  finish_library_write (self, TRUE, TRUE);
  self->banner_kind = BANNER_NONE;
  show_document (self, document, file, 0);
}

/**
 * wf_window_open_library_document:
 * @id: a document of the library
 * @recovered: whether it comes back after a crash, which the window says
 *
 * Shows the document the library holds as @id; if another window shows
 * it already, that window is presented instead.
 */
void
wf_window_open_library_document (WfWindow *self,
                                 gint64    id,
                                 gboolean  recovered)
{
  WfLibrary *library = get_library (self, NULL);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  WfWindow *other = WF_IS_APPLICATION (app) ? wf_application_find_window (WF_APPLICATION (app), id) : NULL;
  g_autoptr(WfLibraryEntry) entry = NULL;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WF_IS_WINDOW (self));

  if (other != NULL)
    {
      gtk_window_present (GTK_WINDOW (other));
      return;
    }

  finish_library_write (self, TRUE, TRUE);
  if (WF_IS_APPLICATION (app))
    wf_application_claim_document (WF_APPLICATION (app), id);

  if (library == NULL || !(entry = wf_library_get_entry (library, id)) ||
      !(document = wf_library_load_warned (library, id, &warnings, &error)))
    {
      _wf_window_show_error (self, _("Could Not Open the Map"),
                  error ? error->message : _("The library no longer holds it."));
      return;
    }

  if (entry->path != NULL)
    file = g_file_new_for_path (entry->path);

  self->banner_kind = recovered ? BANNER_RECOVERED : BANNER_NONE;
  if (recovered && file == NULL)
    {
      g_autoptr(GPtrArray) revisions = wf_library_list_revisions (library, id, NULL);

      self->can_discard = FALSE;
      for (guint i = 0; revisions != NULL && i < revisions->len; i++)
        if (!g_str_equal (((WfRevision *) revisions->pdata[i])->kind, "auto"))
          self->can_discard = TRUE;
    }
  else
    self->can_discard = file != NULL;

  /* Edits that never reached the file are still edits. */
  if (entry->unsaved)
    wf_undo_stack_set_unsaved (wf_document_get_undo_stack (document));

  show_document (self, document, file, id);
  _wf_window_set_warnings (self, warnings);
}

/**
 * wf_window_get_library_id:
 *
 * Returns: the library's id of the document shown, or 0
 */
gint64
wf_window_get_library_id (WfWindow *self)
{
  g_return_val_if_fail (WF_IS_WINDOW (self), 0);

  if (self->library_write != NULL)
    return self->library_write->known_id;

  return self->autosave ? wf_autosave_get_id (self->autosave) : 0;
}

/* Opening */

/* A Mermaid user journey, by its name: imported, not opened. */
static gboolean
is_mermaid (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && g_str_has_suffix (lower, ".mmd");
}

/* A file being opened, and what the worker read. */
typedef struct
{
  GFile     *file;
  GBytes    *bytes;     /* a .journey file's content, once read */
  GPtrArray *warnings;  /* nullable: WfProblem, the pictures the reader left out */
} Opening;

static void
opening_free (gpointer data)
{
  Opening *opening = data;

  g_object_unref (opening->file);
  g_clear_pointer (&opening->bytes, g_bytes_unref);
  g_clear_pointer (&opening->warnings, g_ptr_array_unref);
  g_free (opening);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Opening *opening = task_data;
  GFile *file = opening->file;
  GError *error = NULL;
  WfDocument *document = NULL;

  if (is_mermaid (file))
    {
      g_autofree char *text = NULL;
      gsize length;

      if (g_file_load_contents (file, cancellable, &text, &length, NULL, &error))
        document = wf_mermaid_read (text, length, &error);
    }
  else if ((opening->bytes = g_file_load_bytes (file, cancellable, NULL, &error)))
    {
      g_autoptr(GPtrArray) problems = NULL;

      /* With the document come the warnings: pictures left out. */
      if ((document = wf_journey_load_bytes (opening->bytes, &problems, &error)) != NULL)
        opening->warnings = g_steal_pointer (&problems);
    }

  if (document != NULL)
    g_task_return_pointer (task, document, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
on_load_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  WfWindow *self = WF_WINDOW (object);
  Opening *opening = g_task_get_task_data (G_TASK (result));
  GFile *file = opening->file;
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = g_task_propagate_pointer (G_TASK (result), &error);

  if (document == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _wf_window_show_error (self, heading, error->message);
      return;
    }

  /* A Mermaid diagram becomes a new journey; saving writes a .journey. */
  if (is_mermaid (file))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Made a journey of “%s”"), name);

      wf_window_set_document (self, document, NULL);
      show_toast (self, message);
      return;
    }

  /* Edits of this file that were kept in the library but never saved to
   * it come back instead of the file, and the window says so.
   */
  {
    WfLibrary *library = get_library (self, NULL);
    g_autofree char *path = g_file_get_path (file);
    gint64 id = library && path ? wf_library_find_path (library, path) : 0;
    g_autoptr(WfLibraryEntry) entry = id ? wf_library_get_entry (library, id) : NULL;
    GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
    WfWindow *other;

    if (entry != NULL && WF_IS_APPLICATION (app) &&
        wf_application_find_window (WF_APPLICATION (app), id) != NULL)
      {
        gtk_window_present (GTK_WINDOW (wf_application_find_window (WF_APPLICATION (app), id)));
        if (self->document == NULL)
          gtk_window_destroy (GTK_WINDOW (self));
        return;
      }

    if (entry != NULL && entry->unsaved)
      {
        wf_window_open_library_document (self, id, TRUE);
        return;
      }

    if (path != NULL && (other = find_window_writing (self, path)) != NULL)
      {
        gtk_window_present (GTK_WINDOW (other));
        if (self->document == NULL)
          gtk_window_destroy (GTK_WINDOW (self));
        return;
      }

    /* The library's copy is written again from the file: its only
     * writer from now on, not the sender of a closed team map. */
    if (entry != NULL && WF_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))))
      wf_application_claim_document (WF_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), id);
    show_document_writing (self, document, file, opening->bytes, entry ? id : 0);
    _wf_window_set_warnings (self, opening->warnings);
  }
}

/**
 * wf_window_open_file:
 *
 * Reads @file in a worker thread and shows it, or tells what is wrong with it.
 */
void
wf_window_open_file (WfWindow *self,
                     GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  Opening *opening;

  g_return_if_fail (WF_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  wf_frame_probe_mark (NULL, "open");
  opening = g_new0 (Opening, 1);
  opening->file = g_object_ref (file);
  task = g_task_new (self, self->cancellable, on_load_done, NULL);
  g_task_set_source_tag (task, wf_window_open_file);
  g_task_set_task_data (task, opening, opening_free);
  g_task_run_in_thread (task, load_thread);
}

/* Saving */

gboolean
_wf_window_save_to (WfWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = g_strdup (wf_document_get_modified (self->document));

  wf_document_touch (self->document);

  if (!wf_journey_save_file (self->document, file, NULL, &error))
    {
      /* The file on disk is unchanged, and so is the document. */
      wf_document_set_modified (self->document, previous);
      _wf_window_show_error (self, _("Could Not Save the Journey"), error->message);
      return FALSE;
    }

  g_set_object (&self->file, file);
  wf_undo_stack_set_saved (get_undo_stack (self));

  if (self->autosave != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      wf_autosave_saved (self->autosave, path);
    }

  /* The file holds what the document holds now, without the pictures
   * left out: nothing is missing from it any more.
   */
  if (self->banner_kind == BANNER_RECOVERED || self->banner_kind == BANNER_WARNINGS)
    self->banner_kind = BANNER_NONE;
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  update_banner (self);
  update_title (self);
  show_toast (self, _("Saved"));

  return TRUE;
}

/* The start page */

static void
on_new_from_template (WfWindow   *self,
                      const char *id)
{
  g_autoptr(WfDocument) document = wf_templates_create (id, NULL);

  wf_window_set_document (self, document, NULL);
}

static void
on_open_document (WfWindow *self,
                  gint64    id)
{
  wf_window_open_library_document (self, id, FALSE);
}

/* The banner's button */

/* The document as it was last saved: its file, or its last revision. */
static WfDocument *
load_last_saved (WfWindow  *self,
                 GError   **error)
{
  WfLibrary *library = wf_autosave_get_library (self->autosave);
  g_autoptr(GPtrArray) revisions = NULL;

  if (self->file != NULL)
    return wf_journey_load_file (self->file, NULL, NULL, error);

  /* Not an automatic revision: those were made while the edits to
   * discard were being made.
   */
  revisions = wf_library_list_revisions (library, wf_autosave_get_id (self->autosave), error);
  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      WfRevision *revision = g_ptr_array_index (revisions, i);

      if (!g_str_equal (revision->kind, "auto"))
        return wf_library_load_revision (library, revision->id, error);
    }

  return NULL;
}

/* Puts @saved in the library in place of the edits, keeping those edits
 * as a revision first, so that History can still bring them back. The
 * autosave is closed only once that worked.
 *
 * Returns: whether the library holds @saved now
 */
static gboolean
discard_to (WfWindow    *self,
            WfDocument  *saved,
            GError     **error)
{
  WfLibrary *library = wf_autosave_get_library (self->autosave);
  gint64 id = wf_autosave_get_id (self->autosave);

  wf_autosave_flush (self->autosave);
  wf_autosave_add_revision (self->autosave, "auto");

  if (!wf_sqlite_write_content (wf_library_get_db (library), id, saved, error) ||
      !wf_library_set_unsaved (library, id, FALSE, error))
    return FALSE;

  close_autosave (self);
  return TRUE;
}

/* Makes the open document what was last saved, as one step of the undo
 * stack that changes only what differs (wf_edit_replace_content()): in
 * a team document the journal records it, so the team's map goes back
 * too and the team state stays that of the document; Undo brings the
 * edits back, and so does History, as they are kept as a revision
 * first. The stack's saved point is then the step's end.
 *
 * Returns: whether a step was made (nothing differed otherwise)
 */
static gboolean
discard_in_place (WfWindow   *self,
                  WfDocument *saved)
{
  WfUndoStack *stack = wf_document_get_undo_stack (self->document);
  WfCommand *top = wf_undo_stack_peek_undo (stack);

  wf_autosave_flush (self->autosave);
  wf_autosave_add_revision (self->autosave, "auto");

  wf_edit_replace_content (self->document, saved, _("Discard Changes"));
  wf_undo_stack_set_saved (stack);
  wf_autosave_flush (self->autosave);

  return wf_undo_stack_peek_undo (stack) != top;
}

static void
discard_recovered (WfWindow *self)
{
  g_autoptr(WfDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  WfUndoStack *stack;

  if (self->autosave == NULL)
    return;

  saved = load_last_saved (self, &error);

  if (saved == NULL)
    {
      _wf_window_show_error (self, _("Could Not Discard the Changes"),
                  error ? error->message : _("No saved version of this map was found."));
      return;
    }

  stack = wf_document_get_undo_stack (self->document);
  self->banner_kind = BANNER_NONE;
  if (discard_in_place (self, saved))
    adw_toast_overlay_add_toast (self->toast_overlay, wf_toast_new_undo (stack, _("Changes discarded")));
  else
    show_toast (self, _("Changes discarded"));

  update_banner (self);
  update_title (self);
  update_actions (self);
}

static void
on_banner_button_clicked (WfWindow *self)
{
  if (self->banner_kind == BANNER_LIBRARY)
    _wf_window_save_as (self);
  else if (self->banner_kind == BANNER_RECOVERED && self->can_discard)
    discard_recovered (self);
  else if (self->banner_kind == BANNER_WARNINGS)
    _wf_window_show_warning_details (self);
  else
    {
      self->banner_kind = BANNER_NONE;
      update_banner (self);
    }
}

/* The fields of cards and headers are the largest part of the window,
 * and many start Wayfinder only to open a map: they are made the first
 * time they are shown, not before the first frame.
 */
static void
ensure_properties (WfWindow *self)
{
  if (self->properties != NULL)
    return;

  self->properties = WF_PROPERTIES (wf_properties_new ());
  /* Before it is in the window: some accessible roles can change only
   * until a screen reader has asked for them. */
  wf_a11y_name_scroll_bars (GTK_WIDGET (self->properties));
  wf_a11y_watch (GTK_WIDGET (self->properties));
  gtk_box_append (self->properties_box, GTK_WIDGET (self->properties));
  wf_properties_set_canvas (self->properties, self->canvas);
}

/* The properties slide in while a card is chosen. */
static void
on_canvas_selection_changed (WfWindow *self)
{
  g_autoptr(GList) selection = NULL;
  gboolean show;

  if (self->canvas == NULL || self->properties_revealer == NULL)
    return;

  selection = wf_canvas_get_selection (self->canvas);

  /* What the sidebar shows is the selection; the keyboard focus alone
   * does not open it.
   */
  show = (selection != NULL || wf_canvas_get_selected_header (self->canvas) != NULL) &&
         !(self->presenter && wf_presenter_is_active (self->presenter));
  if (show)
    ensure_properties (self);

  /* The item being edited went (someone else deleted it): the keyboard
   * goes on on the map, not on the first button of the header bar,
   * where the next Enter would open a file. */
  if (!show && gtk_revealer_get_reveal_child (self->properties_revealer))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->properties_revealer)))
        gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
  gtk_revealer_set_reveal_child (self->properties_revealer, show);
}

static void
on_palette_item_activated (WfWindow   *self,
                           const char *kind)
{
  WfLaneKind lane_kind;
  g_autofree char *message = NULL;

  if (self->document == NULL || wf_canvas_add_item_at_focus (self->canvas, kind))
    return;

  /* Nothing was added: say why, not only with the bell (the canvas rings
   * it for a card without its lane), in a toast that a screen reader is
   * told too: the focus stays on the palette. */
  if (wf_palette_kind_is_card (kind, &lane_kind))
    /* Translators: "This map has no “Actions” lane for “Action” cards:
     * add one first"; the second is a kind of card, put so that no
     * article depends on the kind */
    message = g_strdup_printf (_("This map has no “%s” lane for “%s” cards: add one first"),
                               wf_lane_kind_get_label (lane_kind), wf_palette_kind_get_label (kind));
  else
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      message = g_strdup_printf (_("“%s” cannot be added here"), wf_palette_kind_get_label (kind));
    }
  wf_toast_show (self->toast_overlay, wf_toast_new_text (message));
}

static void
on_details_mapped (GtkWidget *pane,
                   WfWindow  *self)
{
  g_signal_handlers_disconnect_by_func (pane, on_details_mapped, self);
  if (adw_flap_get_reveal_flap (self->flap))
    gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD);
}

/* The Journey details pane, from F9: the keyboard goes into it, so that
 * a screen reader says where it is, and back to where it was when the
 * pane closes (to the map if that is gone). */
void
_wf_window_reveal_details (WfWindow *self,
                           gboolean  reveal)
{
  GtkWidget *pane = adw_flap_get_flap (self->flap);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean inside = focus != NULL && pane != NULL && (focus == pane || gtk_widget_is_ancestor (focus, pane));

  if (reveal)
    {
      if (!inside)
        g_set_weak_pointer (&self->details_return, focus);
      adw_flap_set_reveal_flap (self->flap, TRUE);
      if (pane == NULL || inside)
        return;
      /* The flap shows its pane in the next frame. */
      if (gtk_widget_get_mapped (pane))
        gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD);
      else
        g_signal_connect_object (pane, "map", G_CALLBACK (on_details_mapped), self, 0);
      return;
    }

  adw_flap_set_reveal_flap (self->flap, FALSE);
  if (inside)
    {
      GtkWidget *back = self->details_return;

      if (back == NULL || gtk_widget_get_root (back) != GTK_ROOT (self) || !gtk_widget_is_visible (back) ||
          !gtk_widget_grab_focus (back))
        gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
  g_clear_weak_pointer (&self->details_return);
}

/* Workshop mode */

static void
set_presenting (WfWindow *self,
                gboolean  presenting)
{
  if (presenting == wf_presenter_is_active (self->presenter))
    return;

  gtk_widget_set_visible (self->header_bar, !presenting);
  gtk_widget_set_visible (self->left_pane, !presenting);
  gtk_widget_set_visible (self->left_separator, !presenting);

  if (presenting)
    {
      self->properties_were_shown = gtk_revealer_get_reveal_child (self->properties_revealer);
      gtk_revealer_set_reveal_child (self->properties_revealer, FALSE);
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_revealer_set_reveal_child (self->banner, FALSE);
      gtk_window_fullscreen (GTK_WINDOW (self));
      /* The map has the keyboard before the presentation tells its
       * first phase: a focus event after it would cut it off. */
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
      wf_presenter_start (self->presenter);
    }
  else
    {
      wf_presenter_stop (self->presenter);
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_revealer_set_reveal_child (self->properties_revealer, self->properties_were_shown);
      update_banner (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
}

/* What win.present does: the map shown, full screen, or back. */
void
_wf_window_toggle_presenting (WfWindow *self)
{
  if (self->document == NULL || wf_canvas_get_map (self->canvas) == NULL)
    return;

  set_presenting (self, !wf_presenter_is_active (self->presenter));
}

/* Esc in a presentation: the presenter's keys are its own actions. */
static void
on_presenter_leave (WfWindow *self)
{
  set_presenting (self, FALSE);
}

/**
 * wf_window_get_presenter:
 *
 * Returns: (transfer none): the window's workshop mode
 */
WfPresenter *
wf_window_get_presenter (WfWindow *self)
{
  g_return_val_if_fail (WF_IS_WINDOW (self), NULL);

  return self->presenter;
}

/* Closing */

static void
save_window_state (WfWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = app ? wf_application_get_settings (WF_APPLICATION (app)) : NULL;
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
on_present_animations_changed (WfWindow   *self,
                               const char *key,
                               GSettings  *settings)
{
  wf_presenter_set_animate (self->presenter, g_settings_get_boolean (settings, "present-animations"));
}

static void
restore_window_state (WfWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = app ? wf_application_get_settings (WF_APPLICATION (app)) : NULL;

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));

  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  on_present_animations_changed (self, "present-animations", settings);
  g_signal_connect_object (settings, "changed::present-animations",
                           G_CALLBACK (on_present_animations_changed), self, G_CONNECT_SWAPPED);
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   WfWindow         *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      /* The library forgets the edits too: its copy is the file again.
       * If the file cannot be read, the edits stay in the library, marked
       * unsaved, rather than being lost. A team document's copy is the
       * team's map, which has the edits already: it keeps them (going
       * back for the whole team is History's or Undo's to do).
       */
      if (self->autosave != NULL && self->file != NULL && self->team.journal == NULL)
        {
          g_autoptr(WfDocument) saved = wf_journey_load_file (self->file, NULL, NULL, NULL);

          if (saved != NULL)
            discard_to (self, saved, NULL);
        }

      self->close_confirmed = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      if (self->file != NULL)
        {
          if (_wf_window_save_to (self, self->file))
            gtk_window_destroy (GTK_WINDOW (self));
        }
      else
        {
          /* Closes once the chooser has saved the file. */
          self->close_confirmed = TRUE;
          _wf_window_save_as (self);
        }
    }
}

static gboolean
wf_window_close_request (GtkWindow *window)
{
  WfWindow *self = WF_WINDOW (window);
  g_autofree char *title = NULL;
  GtkWidget *dialog;

  save_window_state (self);

  if (self->close_confirmed || !is_modified (self))
    return GTK_WINDOW_CLASS (wf_window_parent_class)->close_request (window);

  title = _wf_window_get_display_title (self);
  dialog = adw_message_dialog_new (window, _("Save Changes?"), NULL);
  if (self->team.journal != NULL)
    /* A team map's changes are in the library and the team's already:
     * Discard leaves only the file as it was (on_close_response()). */
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s” has changes that are not saved in its file. They are kept in your library "
                                      "and shared with the team; Discard leaves the file as it is."),
                                    title);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s” has unsaved changes. Changes that are not saved will be lost."),
                                    title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* The application is set after construction: only then are the
 * settings and the library known.
 */
static void
on_application_changed (WfWindow *self)
{
  if (gtk_window_get_application (GTK_WINDOW (self)) == NULL || self->library_view == NULL)
    return;

  restore_window_state (self);
  wf_library_view_set_library (self->library_view, get_library (self, NULL));
  if (WF_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))))
    wf_library_view_set_team_account (self->library_view,
                                      wf_application_get_team_account (WF_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))));
  update_banner (self);
}

/* The window of keyboard shortcuts (Ctrl+?). GtkApplication would make
 * it from gtk/help-overlay.ui as each window is made, 7 ms of the cold
 * start before the first frame; it is made from wf-help-overlay.ui after
 * the window's first frame instead, or when it is asked for before.
 */
void
_wf_window_ensure_help_overlay (WfWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *overlay;

  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)) != NULL)
    return;

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/wf-help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), GTK_SHORTCUTS_WINDOW (overlay));
  wf_a11y_name_shortcuts_window (GTK_WIDGET (overlay));
}

static gboolean
after_first_frame (gpointer data)
{
  WfWindow *self = data;

  self->after_first_frame = 0;
  _wf_window_ensure_help_overlay (self);

  return G_SOURCE_REMOVE;
}

/* What the first frame does not need waits until it is painted, and then
 * for the main loop to have nothing else to do.
 */
static void
on_first_frame_painted (GdkFrameClock *clock,
                        WfWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted, self);
  if (self->after_first_frame == 0)
    self->after_first_frame = g_idle_add_full (G_PRIORITY_LOW, after_first_frame, self, NULL);
}

static void
on_realized (WfWindow *self)
{
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)) == NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                             G_CALLBACK (on_first_frame_painted), self, 0);
}

static void
wf_window_dispose (GObject *object)
{
  WfWindow *self = WF_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->after_first_frame, g_source_remove);

  finish_library_write (self, TRUE, TRUE);
  close_autosave (self);
  g_clear_handle_id (&self->switcher_idle, g_source_remove);
  g_clear_weak_pointer (&self->details_return);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->presenter);

  gtk_widget_dispose_template (GTK_WIDGET (self), WF_TYPE_WINDOW);

  G_OBJECT_CLASS (wf_window_parent_class)->dispose (object);
}

static void
wf_window_class_init (WfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wf_window_dispose;

  window_class->close_request = wf_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/wf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, primary_button);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, library_view);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, canvas_overlay);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, left_pane);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, left_separator);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, properties_revealer);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, insights);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, properties_box);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_selection_changed);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, map_switcher);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, zoom_fit_button);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, banner_button);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_new_from_template);
  gtk_widget_class_bind_template_callback (widget_class, on_open_document);
  gtk_widget_class_bind_template_callback (widget_class, on_palette_item_activated);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, overview);

  _wf_window_class_init_actions (widget_class);
  _wf_window_class_init_team (widget_class);

  g_type_ensure (WF_TYPE_LIBRARY_VIEW);
  g_type_ensure (WF_TYPE_CANVAS);
  g_type_ensure (WF_TYPE_DOCUMENT_OVERVIEW);
  g_type_ensure (WF_TYPE_PALETTE);
  g_type_ensure (WF_TYPE_OUTLINE);
  g_type_ensure (WF_TYPE_INSIGHTS_PANEL);
}

static void
wf_window_init (WfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wf_frame_probe_attach (GTK_WIDGET (self));

  self->presenter = wf_presenter_new (self->canvas, self->canvas_overlay);
  g_signal_connect_swapped (self->presenter, "leave", G_CALLBACK (on_presenter_leave), self);

  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
  g_signal_connect (self, "realize", G_CALLBACK (on_realized), NULL);
  g_signal_connect_swapped (self->map_switcher, "notify::selected", G_CALLBACK (on_map_selected), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap", G_CALLBACK (on_flap_revealed), self);
  wf_outline_set_canvas (self->outline, self->canvas);
  wf_insights_panel_set_canvas (self->insights, self->canvas);
  gtk_widget_set_visible (self->sidebar_button, FALSE);
  gtk_widget_set_visible (self->zoom_fit_button, FALSE);

  /* What GTK 4.8 would name after its type, for a screen reader. */
  wf_a11y_name_inner_button (self->primary_button, _("Main Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->primary_button))), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"), -1);
  wf_a11y_name_scroll_bars (GTK_WIDGET (self));
  wf_a11y_watch (GTK_WIDGET (self));
  wf_a11y_name_drop_down (GTK_WIDGET (self->map_switcher), _("Map"));
  /* What happens away from the focus, for a screen reader: toasts,
   * votes, a presentation's steps. No size, never drawn. */
  {
    GtkWidget *announcer = wf_announcer_new ();

    gtk_box_append (GTK_BOX (adw_toast_overlay_get_child (self->toast_overlay)), announcer);
    wf_announcer_attach (GTK_WINDOW (self), WF_ANNOUNCER (announcer));
  }
  update_title (self);
  gtk_widget_set_visible (GTK_WIDGET (self->map_switcher), FALSE);

  self->cancellable = g_cancellable_new ();

  update_actions (self);
}

WfWindow *
wf_window_new (GtkApplication *application)
{
  return g_object_new (WF_TYPE_WINDOW, "application", application, NULL);
}

/**
 * wf_window_get_document:
 *
 * Returns: (transfer none) (nullable): the document shown
 */
WfDocument *
wf_window_get_document (WfWindow *self)
{
  g_return_val_if_fail (WF_IS_WINDOW (self), NULL);

  return self->document;
}

/**
 * wf_window_get_file:
 *
 * Returns: (transfer none) (nullable): the file the document is saved in
 */
GFile *
wf_window_get_file (WfWindow *self)
{
  g_return_val_if_fail (WF_IS_WINDOW (self), NULL);

  return self->file;
}
