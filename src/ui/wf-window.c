/* wf-window.c — a window showing one journey document
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/wf-templates.h"
#include "storage/wf-autosave.h"
#include "storage/wf-file-name.h"
#include "storage/wf-journey.h"
#include "storage/wf-mermaid.h"
#include "storage/wf-sqlite.h"
#include "wf-application.h"
#include "wf-canvas.h"
#include "wf-export-dialog.h"
#include "wf-history-dialog.h"
#include "wf-launch.h"
#include "wf-message.h"
#include "wf-presenter.h"
#include "wf-toast.h"
#include "wf-print.h"
#include "wf-library-view.h"
#include "wf-outline.h"
#include "wf-palette.h"
#include "wf-properties.h"
#include "wf-window.h"

typedef enum {
  BANNER_NONE,
  BANNER_RECOVERED,
  BANNER_LIBRARY,
} BannerKind;

struct _WfWindow
{
  AdwApplicationWindow  parent_instance;

  WfDocument           *document;
  GFile                *file;
  WfAutosave           *autosave;     /* nullable: no library */
  BannerKind            banner_kind;
  gboolean              can_discard;  /* a saved state to go back to */
  GCancellable         *cancellable;
  gboolean              close_confirmed;
  gboolean              updating_rows;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  WfLibraryView        *library_view;
  GtkRevealer          *banner;
  AdwFlap              *flap;
  WfCanvas             *canvas;
  GtkRevealer          *properties_revealer;
  WfOutline            *outline;
  WfProperties         *properties;
  GtkDropDown          *map_switcher;
  GtkWidget            *sidebar_button;
  GtkWidget            *zoom_fit_button;
  gboolean              updating_maps;
  guint                 summary_idle;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  AdwEntryRow          *title_row;
  AdwEntryRow          *description_row;
  AdwPreferencesGroup  *maps_group;
  AdwPreferencesGroup  *personas_group;
  GPtrArray            *summary_rows;
  GPtrArray            *persona_entries;  /* the entry rows of the personas */

  /* Workshop mode */
  WfPresenter          *presenter;
  GtkWidget            *header_bar;
  GtkWidget            *left_pane;
  GtkWidget            *left_separator;
  GtkOverlay           *canvas_overlay;
  gboolean              properties_were_shown;
};

G_DEFINE_FINAL_TYPE (WfWindow, wf_window, ADW_TYPE_APPLICATION_WINDOW)

static void save_as (WfWindow *self);
static void on_entry_row_focus_leave (WfWindow *self);

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

static char *
get_display_title (WfWindow *self)
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
  adw_toast_overlay_add_toast (self->toast_overlay, wf_toast_new_text (message));
}

static void
show_error (WfWindow   *self,
            const char *heading,
            const char *body)
{
  wf_message_show (GTK_WINDOW (self), heading, body);
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

  title = get_display_title (self);

  if (is_modified (self))
    window_title = g_strdup_printf ("• %s", title);
  else
    window_title = g_strdup (title);

  adw_window_title_set_title (self->window_title, window_title);

  if (self->file != NULL)
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
  else if (library_works (self))
    adw_window_title_set_subtitle (self->window_title, _("In the library"));
  else
    adw_window_title_set_subtitle (self->window_title, _("Not saved"));

  gtk_window_set_title (GTK_WINDOW (self), window_title);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_document && wf_canvas_get_map (self->canvas));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", has_document && wf_canvas_get_map (self->canvas));
}

/* The banner: recovered edits, or a library that cannot be written */

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
  else
    self->banner_kind = BANNER_NONE;

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
  if (self->autosave == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->autosave, self);
  wf_autosave_close (self->autosave);
  g_clear_object (&self->autosave);
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

  if (library == NULL || self->document == NULL)
    return;

  if (id == 0)
    {
      path = self->file ? g_file_get_path (self->file) : NULL;

      /* The library's copy of this file gets the file's content. */
      if (path != NULL && (id = wf_library_find_path (library, path)) != 0 &&
          wf_application_find_window (WF_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), id) == NULL)
        {
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

/* The overview of the document: its title, maps and personas. */

static void
clear_summary (WfWindow *self)
{
  for (guint i = 0; i < self->summary_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->summary_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }

  g_ptr_array_set_size (self->summary_rows, 0);
  g_ptr_array_set_size (self->persona_entries, 0);
}

static void
add_summary_row (WfWindow            *self,
                 AdwPreferencesGroup *group,
                 const char          *title,
                 const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->summary_rows, row);
}

/* A map's menu in the overview: rename, move, delete. */
static void
add_map_menu (WfWindow  *self,
              GtkWidget *row,
              guint      index,
              guint      n_maps)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();
  static const struct {
    const char *label;
    const char *action;
  } items[] = {
    { N_("_Rename…"), "win.map-rename" },
    { N_("D_uplicate"), "win.map-duplicate" },
    { N_("Move _Up"), "win.map-move-up" },
    { N_("Move _Down"), "win.map-move-down" },
    { N_("_Delete"), "win.map-delete" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if ((i == 2 && index == 0) || (i == 3 && index + 1 >= n_maps))
        continue;

      item = g_menu_item_new (_(items[i].label), NULL);
      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_uint32 (index));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Map Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map Actions"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

/* A persona in the overview: its profile, edited in place. */
static const struct {
  const char *property;
  const char *title;
} persona_fields[] = {
  { "name", N_("Name") },
  { "role", N_("Role") },
  { "goals", N_("Goals") },
  { "needs", N_("Needs") },
  { "frustrations", N_("Frustrations") },
  { "notes", N_("Notes") },
};

static void
on_persona_field_changed (GtkEditable *entry,
                          WfWindow    *self)
{
  WfPersona *persona = g_object_get_data (G_OBJECT (entry), "persona");
  const char *property = g_object_get_data (G_OBJECT (entry), "property");

  if (self->updating_rows || persona == NULL || wf_item_get_document (WF_ITEM (persona)) != self->document)
    return;

  wf_edit_set (persona, property, gtk_editable_get_text (entry), NULL);
}

static void
on_persona_remove_clicked (GtkButton *button,
                           WfWindow  *self)
{
  WfPersona *persona = g_object_get_data (G_OBJECT (button), "persona");

  if (persona != NULL && wf_item_get_document (WF_ITEM (persona)) == self->document)
    wf_edit_remove (persona);
}

static void
add_persona_row (WfWindow  *self,
                 WfPersona *persona)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Persona"));
  GtkWidget *remove_row = adw_action_row_new ();
  g_autofree char *label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wf_persona_get_name (persona));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), wf_persona_get_role (persona));
  g_object_set_data (G_OBJECT (row), "persona", persona);

  for (guint i = 0; i < G_N_ELEMENTS (persona_fields); i++)
    {
      GtkWidget *entry = adw_entry_row_new ();
      const char *value = NULL;
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_object_get (persona, persona_fields[i].property, &value, NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _(persona_fields[i].title));
      gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");
      g_free ((char *) value);
      g_object_set_data (G_OBJECT (entry), "persona", persona);
      g_object_set_data (G_OBJECT (entry), "property", (gpointer) persona_fields[i].property);
      g_signal_connect (entry, "changed", G_CALLBACK (on_persona_field_changed), self);
      g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_entry_row_focus_leave), self);
      gtk_widget_add_controller (entry, focus);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);
      g_ptr_array_add (self->persona_entries, entry);
    }

  label = g_strdup_printf (_("Remove %s and their lanes"), wf_persona_get_name (persona));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (remove_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), label);
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (remove), "persona", persona);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_persona_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);

  adw_preferences_group_add (self->personas_group, row);
  g_ptr_array_add (self->summary_rows, row);
}

/* A persona changed (an edit, an undo): its row follows, without taking
 * the text from under the person typing.
 */
static void
sync_persona_row (WfWindow  *self,
                  WfPersona *persona)
{
  self->updating_rows = TRUE;

  for (guint i = 0; i < self->summary_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->summary_rows, i);

      if (!ADW_IS_EXPANDER_ROW (row) || g_object_get_data (G_OBJECT (row), "persona") != persona)
        continue;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wf_persona_get_name (persona));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), wf_persona_get_role (persona));
    }

  for (guint i = 0; i < self->persona_entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->persona_entries, i);
      g_autofree char *value = NULL;

      if (g_object_get_data (G_OBJECT (entry), "persona") != persona)
        continue;

      g_object_get (persona, g_object_get_data (G_OBJECT (entry), "property"), &value, NULL);
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), value ? value : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");
    }

  self->updating_rows = FALSE;
}

/* The maps in the header bar's switcher; the canvas shows the chosen one. */
static void
update_map_switcher (WfWindow *self)
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

static void
update_summary (WfWindow *self)
{
  guint n_maps, n_personas;

  clear_summary (self);

  if (self->document == NULL)
    {
      update_map_switcher (self);
      return;
    }

  n_maps = wf_document_get_n_maps (self->document);
  n_personas = wf_document_get_n_personas (self->document);

  for (guint i = 0; i < n_maps; i++)
    {
      WfMap *map = wf_document_get_map (self->document, i);
      guint phases = wf_map_get_n_phases (map);
      guint lanes = wf_map_get_n_lanes (map);
      guint cards = wf_map_get_n_cards (map);
      g_autofree char *subtitle = NULL;
      g_autofree char *s_phases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phase", "%u phases", phases), phases);
      g_autofree char *s_lanes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lane", "%u lanes", lanes), lanes);
      g_autofree char *s_cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", cards), cards);
      const char *title = wf_map_get_title (map);

      subtitle = g_strdup_printf ("%s · %s · %s", s_phases, s_lanes, s_cards);
      add_summary_row (self, self->maps_group, *title ? title : _("Untitled Map"), subtitle);
      add_map_menu (self, g_ptr_array_index (self->summary_rows, self->summary_rows->len - 1), i, n_maps);
    }

  if (n_maps == 0)
    add_summary_row (self, self->maps_group, _("No maps"), _("This journey holds no maps yet"));

  update_map_switcher (self);

  for (guint i = 0; i < n_personas; i++)
    add_persona_row (self, wf_document_get_persona (self->document, i));
}

static void
update_rows (WfWindow *self)
{
  self->updating_rows = TRUE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                 wf_document_get_title (self->document)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), wf_document_get_title (self->document));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->description_row)),
                 wf_document_get_description (self->document)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->description_row), wf_document_get_description (self->document));

  self->updating_rows = FALSE;
}

/* Model → view */

static void
on_undo_stack_changed (WfWindow    *self,
                       WfUndoStack *stack)
{
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
    {
      update_rows (self);
      update_title (self);
    }
  else if (WF_IS_MAP (item))
    update_summary (self);
  else if (WF_IS_PERSONA (item))
    sync_persona_row (self, WF_PERSONA (item));
}

static gboolean
update_summary_idle (gpointer data)
{
  WfWindow *self = data;

  self->summary_idle = 0;
  update_summary (self);

  return G_SOURCE_REMOVE;
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
  /* The overview counts phases, lanes and cards of each map: counted
   * once when the model is quiet, not once for each of a thousand cards
   * that one command adds or removes.
   */
  if (!WF_IS_LINK (item) && self->summary_idle == 0)
    self->summary_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, update_summary_idle, self, NULL);

  /* A map that comes or goes changes what the canvas can show at once. */
  if (WF_IS_MAP (item))
    update_map_switcher (self);
}

/* View → commands */

static void
on_entry_row_changed (WfWindow    *self,
                      AdwEntryRow *row)
{
  const char *property = row == self->title_row ? "title" : "description";

  if (self->updating_rows || self->document == NULL)
    return;

  wf_edit_set (self->document, property, gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
}

static void
on_entry_row_focus_leave (WfWindow *self)
{
  if (self->document != NULL)
    wf_undo_stack_seal (get_undo_stack (self));
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
      update_rows (self);
      attach_library (self, library_id);
      gtk_stack_set_visible_child_name (self->stack, "document");
    }
  else
    {
      self->banner_kind = BANNER_NONE;
      gtk_stack_set_visible_child_name (self->stack, "start");
    }

  update_summary (self);
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
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WF_IS_WINDOW (self));

  if (other != NULL)
    {
      gtk_window_present (GTK_WINDOW (other));
      return;
    }

  if (library == NULL || !(entry = wf_library_get_entry (library, id)) ||
      !(document = wf_library_load (library, id, &error)))
    {
      show_error (self, _("Could Not Open the Map"),
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

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  WfDocument *document = NULL;

  if (is_mermaid (file))
    {
      g_autofree char *text = NULL;
      gsize length;

      if (g_file_load_contents (file, cancellable, &text, &length, NULL, &error))
        document = wf_mermaid_read (text, length, &error);
    }
  else
    document = wf_journey_load_file (file, NULL, cancellable, &error);

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
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = g_task_propagate_pointer (G_TASK (result), &error);

  if (document == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, heading, error->message);
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
  }

  wf_window_set_document (self, document, file);
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

  g_return_if_fail (WF_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, self->cancellable, on_load_done, NULL);
  g_task_set_source_tag (task, wf_window_open_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

static GtkFileFilter *
journey_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Journey Maps"));
  gtk_file_filter_add_mime_type (filter, "application/x-wayfinder-journey");
  gtk_file_filter_add_suffix (filter, "journey");

  return filter;
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(WfWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      WfWindow *target = self;

      /* Keep this window's document; open the file in a new window. */
      if (self->document != NULL)
        target = wf_window_new (gtk_window_get_application (GTK_WINDOW (self)));

      wf_window_open_file (target, file);
      gtk_window_present (GTK_WINDOW (target));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = journey_filter ();
  g_autoptr(GtkFileFilter) mermaid = gtk_file_filter_new ();

  gtk_file_filter_set_name (mermaid, _("Mermaid User Journeys"));
  gtk_file_filter_add_suffix (mermaid, "mmd");

  dialog = gtk_file_chooser_native_new (_("Open Journey"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), mermaid);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Saving */

static gboolean
save_to (WfWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = g_strdup (wf_document_get_modified (self->document));

  wf_document_touch (self->document);

  if (!wf_journey_save_file (self->document, file, NULL, &error))
    {
      /* The file on disk is unchanged, and so is the document. */
      wf_document_set_modified (self->document, previous);
      show_error (self, _("Could Not Save the Journey"), error->message);
      return FALSE;
    }

  g_set_object (&self->file, file);
  wf_undo_stack_set_saved (get_undo_stack (self));

  if (self->autosave != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      wf_autosave_saved (self->autosave, path);
    }

  if (self->banner_kind == BANNER_RECOVERED)
    self->banner_kind = BANNER_NONE;
  update_banner (self);
  update_title (self);
  show_toast (self, _("Saved"));

  return TRUE;
}

static void
on_save_as_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(WfWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (file);

      if (!g_str_has_suffix (name, ".journey"))
        {
          g_autofree char *with_suffix = g_strconcat (name, ".journey", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);

          g_set_object (&file, g_file_get_child (parent, with_suffix));
        }

      if (save_to (self, file) && self->close_confirmed)
        gtk_window_destroy (GTK_WINDOW (self));
    }

  self->close_confirmed = FALSE;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_as (WfWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = journey_filter ();
  g_autofree char *title = get_display_title (self);
  g_autofree char *name = wf_file_name_make_safe (title, ".journey");

  dialog = gtk_file_chooser_native_new (_("Save Journey"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), self->file, NULL);
  else
    {
      g_autoptr(GFile) folder = wf_export_dialog_default_folder ();

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }

  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->document == NULL)
    return;

  if (self->file != NULL)
    save_to (self, self->file);
  else
    save_as (self);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->document != NULL)
    save_as (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->document != NULL)
    wf_undo_stack_undo (get_undo_stack (self));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->document != NULL)
    wf_undo_stack_redo (get_undo_stack (self));
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

static void
discard_recovered (WfWindow *self)
{
  g_autoptr(WfDocument) saved = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->autosave == NULL)
    return;

  id = wf_autosave_get_id (self->autosave);
  saved = load_last_saved (self, &error);

  if (saved == NULL)
    {
      show_error (self, _("Could Not Discard the Changes"),
                  error ? error->message : _("No saved version of this map was found."));
      return;
    }

  if (!discard_to (self, saved, &error))
    {
      show_error (self, _("Could Not Discard the Changes"), error->message);
      return;
    }

  self->banner_kind = BANNER_NONE;
  show_document (self, saved, self->file, id);
  show_toast (self, _("Changes discarded"));
}

static void
on_banner_button_clicked (WfWindow *self)
{
  if (self->banner_kind == BANNER_LIBRARY)
    save_as (self);
  else if (self->banner_kind == BANNER_RECOVERED && self->can_discard)
    discard_recovered (self);
  else
    {
      self->banner_kind = BANNER_NONE;
      update_banner (self);
    }
}

/* Maps and personas, from the overview */

static WfMap *
map_at (WfWindow *self,
        GVariant *param)
{
  guint index = g_variant_get_uint32 (param);

  return self->document && index < wf_document_get_n_maps (self->document)
         ? wf_document_get_map (self->document, index) : NULL;
}

static void
map_add_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  const char *names[] = { N_("Before"), N_("During"), N_("After") };
  g_autofree char *id = NULL;
  g_autoptr(WfMap) map = NULL;
  g_autofree char *lane_id = NULL;
  g_autoptr(WfLane) lane = NULL;

  if (self->document == NULL)
    return;

  /* A new map to start from: three phases and a shared touchpoints lane. */
  id = wf_document_make_id (self->document, "map");
  map = wf_map_new (id, _("New Map"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *phase_id = wf_document_make_id (self->document, "phase");
      g_autoptr(WfPhase) phase = wf_phase_new (phase_id, _(names[i]));

      wf_map_insert_phase (map, phase, -1);
    }
  lane_id = wf_document_make_id (self->document, "lane");
  lane = wf_lane_new (lane_id, WF_LANE_TOUCHPOINTS);
  wf_lane_set_title (lane, wf_lane_kind_get_label (WF_LANE_TOUCHPOINTS));
  wf_map_insert_lane (map, lane, -1);

  if (wf_edit_add_map (self->document, map, -1))
    {
      wf_canvas_set_map (self->canvas, map);
      update_map_switcher (self);
    }
}

static void
map_duplicate_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  WfMap *map = map_at (self, param);
  g_autofree char *title = NULL;
  g_autoptr(WfMap) copy = NULL;

  if (map == NULL)
    return;

  /* Translators: the title of a duplicated map: "Coffee subscription (copy)" */
  title = g_strdup_printf (_("%s (copy)"), wf_map_get_title (map));
  copy = wf_map_duplicate (map, title);

  if (wf_edit_add_map (self->document, copy, g_variant_get_uint32 (param) + 1))
    {
      wf_canvas_set_map (self->canvas, copy);
      update_map_switcher (self);
    }
}

static void
on_map_rename_response (AdwMessageDialog *dialog,
                        const char       *response,
                        WfWindow         *self)
{
  WfMap *map = g_object_get_data (G_OBJECT (dialog), "map");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "rename") == 0 && map != NULL &&
      wf_item_get_document (WF_ITEM (map)) == self->document)
    wf_edit_set (map, "title", gtk_editable_get_text (entry), NULL);
}

static void
map_rename_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  WfMap *map = map_at (self, param);
  GtkWidget *dialog, *entry;

  if (map == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Map"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), wf_map_get_title (map));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "map", g_object_ref (map), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_map_rename_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
map_move_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  WfMap *map = map_at (self, param);
  guint index = g_variant_get_uint32 (param);

  if (map == NULL)
    return;

  if (g_str_equal (action_name, "win.map-move-up") && index > 0)
    wf_edit_reorder (map, index - 1);
  else if (g_str_equal (action_name, "win.map-move-down") && index + 1 < wf_document_get_n_maps (self->document))
    wf_edit_reorder (map, index + 1);
}

static void
map_delete_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  WfMap *map = map_at (self, param);
  g_autofree char *message = NULL;

  if (map == NULL)
    return;

  /* Deleting is undone like any edit; the toast offers it at once. */
  message = g_strdup_printf (_("Map “%s” deleted"), *wf_map_get_title (map) ? wf_map_get_title (map) : _("Untitled Map"));
  wf_edit_remove (map);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               wf_toast_new_undo (wf_document_get_undo_stack (self->document), message));
}

static void
persona_add_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->document != NULL && wf_canvas_get_map (self->canvas) != NULL)
    wf_canvas_add_item_at_focus (self->canvas, "persona");
}

/* The properties slide in while a card is chosen. */
static void
on_canvas_selection_changed (WfWindow *self)
{
  g_autoptr(GList) selection = NULL;

  if (self->canvas == NULL || self->properties_revealer == NULL)
    return;

  selection = wf_canvas_get_selection (self->canvas);

  /* What the sidebar shows is the selection; the keyboard focus alone
   * does not open it.
   */
  gtk_revealer_set_reveal_child (self->properties_revealer,
                                 (selection != NULL || wf_canvas_get_selected_header (self->canvas) != NULL) &&
                                 !(self->presenter && wf_presenter_is_active (self->presenter)));
}

static void
on_palette_item_activated (WfWindow   *self,
                           const char *kind)
{
  if (self->document != NULL)
    wf_canvas_add_item_at_focus (self->canvas, kind);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  wf_canvas_zoom_to_fit (WF_WINDOW (widget)->canvas);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->document != NULL)
    adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

  if (self->autosave == NULL)
    return;

  wf_autosave_flush (self->autosave);
  gtk_window_present (GTK_WINDOW (wf_history_dialog_new (GTK_WINDOW (self), self->autosave)));
}

/* Export and print */

static void
on_exported (WfWindow       *self,
             GFile          *file,
             guint           n_files,
             WfExportDialog *dialog)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  g_autoptr(GFile) shown = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;

  /* One file: open it; a file per map: their folder. */
  if (n_files > 1)
    {
      message = g_strdup_printf (g_dngettext (NULL, "Exported %u file", "Exported %u files", n_files), n_files);
      shown = g_file_get_parent (file);
    }
  else
    {
      message = g_strdup_printf (_("Exported “%s”"), name);
      shown = g_object_ref (file);
    }

  uri = g_file_get_uri (shown);
  toast = wf_toast_new_text (message);
  adw_toast_set_button_label (toast, n_files > 1 ? _("Show _Folder") : _("_Open"));
  adw_toast_set_action_name (toast, "win.show-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  g_autofree char *title = get_display_title (self);
  WfExportDialog *dialog;

  if (self->document == NULL || wf_canvas_get_map (self->canvas) == NULL)
    return;

  dialog = wf_export_dialog_new (GTK_WINDOW (self), self->document, wf_canvas_get_map (self->canvas), title);
  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      wf_export_dialog_set_folder (dialog, folder);
    }
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens an exported file or its folder, saying so when nothing can. */
static void
show_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  wf_launch_uri (GTK_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               WfWindow                *self)
{
  g_autoptr(GError) error = NULL;
  const GError *refusal = wf_print_operation_get_refusal (operation);

  if (result == GTK_PRINT_OPERATION_RESULT_CANCEL && refusal != NULL)
    {
      show_error (self, _("Could Not Print"), refusal->message);
      return;
    }

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  show_error (self, _("Could Not Print"), error ? error->message : _("The printer reported a problem."));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (self->document == NULL || wf_canvas_get_map (self->canvas) == NULL)
    return;

  operation = wf_print_operation_new (self->document, wf_canvas_get_map (self->canvas));
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("Could Not Print"), error->message);
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
      wf_presenter_start (self->presenter);
    }
  else
    {
      wf_presenter_stop (self->presenter);
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_revealer_set_reveal_child (self->properties_revealer, self->properties_were_shown);
      update_banner (self);
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  WfWindow *self = WF_WINDOW (widget);

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
       * unsaved, rather than being lost.
       */
      if (self->autosave != NULL && self->file != NULL)
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
          if (save_to (self, self->file))
            gtk_window_destroy (GTK_WINDOW (self));
        }
      else
        {
          /* Closes once the chooser has saved the file. */
          self->close_confirmed = TRUE;
          save_as (self);
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

  title = get_display_title (self);
  dialog = adw_message_dialog_new (window, _("Save Changes?"), NULL);
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
  update_banner (self);
}

static void
wf_window_dispose (GObject *object)
{
  WfWindow *self = WF_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  close_autosave (self);
  g_clear_handle_id (&self->summary_idle, g_source_remove);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->summary_rows, g_ptr_array_unref);
  g_clear_pointer (&self->persona_entries, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, WfWindow, properties);
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
  gtk_widget_class_bind_template_child (widget_class, WfWindow, title_row);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, description_row);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, maps_group);
  gtk_widget_class_bind_template_child (widget_class, WfWindow, personas_group);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.show-uri", "s", show_uri_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "win.map-add", NULL, map_add_action);
  gtk_widget_class_install_action (widget_class, "win.map-rename", "u", map_rename_action);
  gtk_widget_class_install_action (widget_class, "win.map-duplicate", "u", map_duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.map-move-up", "u", map_move_action);
  gtk_widget_class_install_action (widget_class, "win.map-move-down", "u", map_move_action);
  gtk_widget_class_install_action (widget_class, "win.map-delete", "u", map_delete_action);
  gtk_widget_class_install_action (widget_class, "win.persona-add", NULL, persona_add_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);

  g_type_ensure (WF_TYPE_LIBRARY_VIEW);
  g_type_ensure (WF_TYPE_CANVAS);
  g_type_ensure (WF_TYPE_PALETTE);
  g_type_ensure (WF_TYPE_PROPERTIES);
  g_type_ensure (WF_TYPE_OUTLINE);
}

static void
wf_window_init (WfWindow *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->presenter = wf_presenter_new (self->canvas, self->canvas_overlay);
  g_signal_connect_swapped (self->presenter, "leave", G_CALLBACK (on_presenter_leave), self);

  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
  g_signal_connect_swapped (self->map_switcher, "notify::selected", G_CALLBACK (on_map_selected), self);
  wf_properties_set_canvas (self->properties, self->canvas);
  wf_outline_set_canvas (self->outline, self->canvas);
  gtk_widget_set_visible (self->sidebar_button, FALSE);
  gtk_widget_set_visible (self->zoom_fit_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->map_switcher), FALSE);

  self->cancellable = g_cancellable_new ();
  self->summary_rows = g_ptr_array_new ();
  self->persona_entries = g_ptr_array_new ();


  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_entry_row_changed), self);
  g_signal_connect_swapped (self->description_row, "changed", G_CALLBACK (on_entry_row_changed), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_entry_row_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->title_row), focus);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_entry_row_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->description_row), focus);

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
