/* wf-document-overview.c — the journey's title, maps and personas, in the side pane
 *
 * The lists are bound to the document's list models: they follow every
 * edit, undo and redo by themselves, and each row holds the map or
 * persona it shows. What the rows' menus and buttons do goes through the
 * window's actions ("win.map-rename", "win.persona-add", …) or, for what
 * is typed in place, through undoable edits.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wf-a11y.h"
#include "wf-document-overview.h"
#include "wf-picture-editor.h"

struct _WfDocumentOverview
{
  AdwPreferencesPage  parent_instance;

  WfDocument         *document;
  gboolean            updating_rows;
  guint               counts_idle;

  /* Template widgets */
  AdwEntryRow        *title_row;
  AdwEntryRow        *description_row;
  GtkListBox         *maps_list;
  GtkListBox         *no_maps_list;
  GtkListBox         *personas_list;
};

G_DEFINE_FINAL_TYPE (WfDocumentOverview, wf_document_overview, ADW_TYPE_PREFERENCES_PAGE)

/* The journey's title and description */

static void
update_rows (WfDocumentOverview *self)
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

static void
on_entry_row_changed (WfDocumentOverview *self,
                      AdwEntryRow        *row)
{
  const char *property = row == self->title_row ? "title" : "description";

  if (self->updating_rows || self->document == NULL)
    return;

  wf_edit_set (self->document, property, gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
}

/* Typing into a field is one step; leaving it, or Enter, ends the
 * step, and the autosave writes it at once. */
static void
on_entry_row_focus_leave (WfDocumentOverview *self)
{
  if (self->document != NULL)
    wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
}

static void
seal_on_focus_leave (WfDocumentOverview *self,
                     GtkWidget          *entry)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_entry_row_focus_leave), self);
  gtk_widget_add_controller (entry, focus);
  if (ADW_IS_ENTRY_ROW (entry))
    g_signal_connect_swapped (entry, "entry-activated", G_CALLBACK (on_entry_row_focus_leave), self);
  else if (GTK_IS_ENTRY (entry))
    g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_entry_row_focus_leave), self);
}

/* The maps */

static gboolean
map_title_to_row (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const char *title = g_value_get_string (from);

  g_value_set_string (to, title != NULL && *title != '\0' ? title : _("Untitled Map"));

  return TRUE;
}

/* A map's menu in the overview: rename, move, delete. */
static GMenuModel *
map_menu_new (guint index,
              guint n_maps)
{
  GMenu *menu = g_menu_new ();
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

  return G_MENU_MODEL (menu);
}

/* How many phases, lanes and cards the map of @row holds. */
static void
update_map_counts (GtkWidget *row)
{
  WfMap *map = g_object_get_data (G_OBJECT (row), "map");
  guint phases = wf_map_get_n_phases (map);
  guint lanes = wf_map_get_n_lanes (map);
  guint cards = wf_map_get_n_cards (map);
  g_autofree char *subtitle = NULL;
  g_autofree char *s_phases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phase", "%u phases", phases), phases);
  g_autofree char *s_lanes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lane", "%u lanes", lanes), lanes);
  g_autofree char *s_cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", cards), cards);

  subtitle = g_strdup_printf ("%s · %s · %s", s_phases, s_lanes, s_cards);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static GtkWidget *
create_map_row (gpointer item,
                gpointer user_data)
{
  WfMap *map = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "map", g_object_ref (map), g_object_unref);
  g_object_bind_property_full (map, "title", row, "title", G_BINDING_SYNC_CREATE,
                               map_title_to_row, NULL, NULL, NULL);
  update_map_counts (row);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Map Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map Actions"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "menu-button", button);

  return row;
}

static gboolean
update_counts_idle (gpointer data)
{
  WfDocumentOverview *self = data;

  self->counts_idle = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->maps_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_object_get_data (G_OBJECT (row), "map") != NULL)
        update_map_counts (row);
    }

  return G_SOURCE_REMOVE;
}

/* The menus name their map by its place, which a change of the list
 * moves: each row's menu is made again. An empty list says so.
 */
static void
on_maps_changed (WfDocumentOverview *self)
{
  guint n_maps = self->document ? wf_document_get_n_maps (self->document) : 0;

  for (guint i = 0; i < n_maps; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->maps_list, i);
      GtkMenuButton *button = g_object_get_data (G_OBJECT (row), "menu-button");
      g_autoptr(GMenuModel) menu = map_menu_new (i, n_maps);

      gtk_menu_button_set_menu_model (button, menu);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->maps_list), n_maps > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_maps_list), n_maps == 0);
}

/* The personas: their profiles, edited in place */

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

/* The persona that @widget, or the row it is part of, shows. */
static WfPersona *
persona_of (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);

  return row ? g_object_get_data (G_OBJECT (row), "persona") : NULL;
}

static void
on_persona_field_changed (GtkEditable        *entry,
                          WfDocumentOverview *self)
{
  WfPersona *persona = persona_of (GTK_WIDGET (entry));
  const char *property = g_object_get_data (G_OBJECT (entry), "property");

  if (persona == NULL || wf_item_get_document (WF_ITEM (persona)) != self->document)
    return;

  wf_edit_set (persona, property, gtk_editable_get_text (entry), NULL);
}

static void
on_persona_remove_clicked (GtkButton          *button,
                           WfDocumentOverview *self)
{
  WfPersona *persona = persona_of (GTK_WIDGET (button));

  if (persona != NULL && wf_item_get_document (WF_ITEM (persona)) == self->document)
    wf_edit_remove (persona);
}

static void
update_remove_label (GtkWidget *remove_row,
                     WfPersona *persona)
{
  g_autofree char *label = g_strdup_printf (_("Remove %s and their lanes"), wf_persona_get_name (persona));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row), label);
}

#define AVATAR_SIZE 32

typedef struct
{
  AdwAvatar *avatar;
  WfImage   *photo;
} AvatarLoad;

static void
on_thumbnail_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AvatarLoad *load = user_data;
  g_autoptr(GdkTexture) texture = wf_picture_load_thumbnail_finish (result, NULL);

  /* Still the photo the avatar shows: not another on its way. */
  if (texture != NULL && g_object_get_data (G_OBJECT (load->avatar), "photo") == load->photo)
    adw_avatar_set_custom_image (load->avatar, GDK_PAINTABLE (texture));

  g_object_unref (load->avatar);
  wf_image_unref (load->photo);
  g_free (load);
}

/* A persona's photo beside their name, cropped round its focal point.
 * Without one, nothing: the initials would be in a colour of the
 * avatar's choosing, not the persona's. */
static void
update_avatar (AdwAvatar *avatar,
               WfPersona *persona)
{
  WfImage *photo = wf_persona_get_photo (persona);
  WfImage *shown = g_object_get_data (G_OBJECT (avatar), "photo");
  AvatarLoad *load;

  /* The same picture cropped the same: an edit of its alt text, typed a
   * key at a time, decodes nothing again.
   */
  if (photo != NULL && shown != NULL && g_str_equal (wf_image_get_hash (photo), wf_image_get_hash (shown)))
    {
      double x, y, shown_x, shown_y;

      wf_image_get_focus (photo, &x, &y);
      wf_image_get_focus (shown, &shown_x, &shown_y);
      if (x == shown_x && y == shown_y)
        return;
    }

  g_object_set_data_full (G_OBJECT (avatar), "photo", photo ? wf_image_ref (photo) : NULL,
                          (GDestroyNotify) wf_image_unref);
  gtk_widget_set_visible (GTK_WIDGET (avatar), photo != NULL);
  if (photo == NULL)
    {
      adw_avatar_set_custom_image (avatar, NULL);
      return;
    }

  load = g_new0 (AvatarLoad, 1);
  load->avatar = g_object_ref (avatar);
  load->photo = wf_image_ref (photo);
  wf_picture_load_thumbnail_async (photo, AVATAR_SIZE * gtk_widget_get_scale_factor (GTK_WIDGET (avatar)),
                                   NULL, on_thumbnail_loaded, load);
}

/* A persona changed (an edit, an undo): its row follows, without taking
 * the text from under the person typing.
 */
static void
on_persona_notify (WfPersona  *persona,
                   GParamSpec *pspec,
                   GtkWidget  *row)
{
  GPtrArray *entries = g_object_get_data (G_OBJECT (row), "entries");

  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (entries, i);
      g_autofree char *value = NULL;

      if (!g_str_equal (g_object_get_data (G_OBJECT (entry), "property"), pspec->name))
        continue;

      g_object_get (persona, pspec->name, &value, NULL);
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), value ? value : "") != 0)
        {
          g_signal_handlers_block_matched (entry, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                           on_persona_field_changed, NULL);
          gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");
          g_signal_handlers_unblock_matched (entry, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                             on_persona_field_changed, NULL);
        }
    }

  if (g_str_equal (pspec->name, "name"))
    update_remove_label (g_object_get_data (G_OBJECT (row), "remove-row"), persona);
  if (g_str_equal (pspec->name, "photo"))
    update_avatar (g_object_get_data (G_OBJECT (row), "avatar"), persona);
}

static GtkWidget *
create_persona_row (gpointer item,
                    gpointer user_data)
{
  WfDocumentOverview *self = user_data;
  WfPersona *persona = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Persona"));
  GtkWidget *remove_row = adw_action_row_new ();
  GPtrArray *entries = g_ptr_array_new ();
  GtkWidget *avatar;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "persona", g_object_ref (persona), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "entries", entries, (GDestroyNotify) g_ptr_array_unref);
  g_object_bind_property (persona, "name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (persona, "role", row, "subtitle", G_BINDING_SYNC_CREATE);

  avatar = adw_avatar_new (AVATAR_SIZE, NULL, TRUE);
  g_object_bind_property (persona, "name", avatar, "text", G_BINDING_SYNC_CREATE);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), avatar);
  g_object_set_data (G_OBJECT (row), "avatar", avatar);
  update_avatar (ADW_AVATAR (avatar), persona);

  for (guint i = 0; i < G_N_ELEMENTS (persona_fields); i++)
    {
      GtkWidget *entry = adw_entry_row_new ();
      g_autofree char *value = NULL;

      g_object_get (persona, persona_fields[i].property, &value, NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _(persona_fields[i].title));
      gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");
      g_object_set_data (G_OBJECT (entry), "property", (gpointer) persona_fields[i].property);
      g_signal_connect (entry, "changed", G_CALLBACK (on_persona_field_changed), self);
      seal_on_focus_leave (self, entry);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);
      g_ptr_array_add (entries, entry);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (remove_row), FALSE);
  update_remove_label (remove_row, persona);
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_persona_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);
  g_object_set_data (G_OBJECT (row), "remove-row", remove_row);
  wf_a11y_name_inner_lists (row, _("Persona Details"));
  /* Made after the window's wf_a11y_watch(): named here, open or not. */
  wf_a11y_watch (row);

  g_signal_connect_object (persona, "notify", G_CALLBACK (on_persona_notify), row, 0);

  return row;
}

static void
on_personas_changed (WfDocumentOverview *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->personas_list),
                          self->document != NULL && wf_document_get_n_personas (self->document) > 0);
}

/* Model → view */

static void
on_document_item_changed (WfDocumentOverview *self,
                          WfItem             *item)
{
  if (WF_IS_DOCUMENT (item))
    update_rows (self);
}

/* Connected to item-added, -removed and -moved, whose further arguments
 * it does not need: a handler may take fewer arguments than the signal
 * gives, but never a variable list (a variadic function is called
 * differently, and the marshaller does not do that).
 */
static void
on_document_structure_changed (WfDocumentOverview *self,
                               WfItem             *item)
{
  /* The overview counts phases, lanes and cards of each map: counted
   * once when the model is quiet, not once for each of a thousand cards
   * that one command adds or removes.
   */
  if (!WF_IS_LINK (item) && self->counts_idle == 0)
    self->counts_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, update_counts_idle, self, NULL);
}

static void
wf_document_overview_dispose (GObject *object)
{
  WfDocumentOverview *self = WF_DOCUMENT_OVERVIEW (object);

  wf_document_overview_set_document (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WF_TYPE_DOCUMENT_OVERVIEW);

  G_OBJECT_CLASS (wf_document_overview_parent_class)->dispose (object);
}

static void
wf_document_overview_class_init (WfDocumentOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_document_overview_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/wf-document-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, WfDocumentOverview, title_row);
  gtk_widget_class_bind_template_child (widget_class, WfDocumentOverview, description_row);
  gtk_widget_class_bind_template_child (widget_class, WfDocumentOverview, maps_list);
  gtk_widget_class_bind_template_child (widget_class, WfDocumentOverview, no_maps_list);
  gtk_widget_class_bind_template_child (widget_class, WfDocumentOverview, personas_list);
}

static void
wf_document_overview_init (WfDocumentOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_entry_row_changed), self);
  g_signal_connect_swapped (self->description_row, "changed", G_CALLBACK (on_entry_row_changed), self);
  seal_on_focus_leave (self, GTK_WIDGET (self->title_row));
  seal_on_focus_leave (self, GTK_WIDGET (self->description_row));
}

GtkWidget *
wf_document_overview_new (void)
{
  return g_object_new (WF_TYPE_DOCUMENT_OVERVIEW, NULL);
}

/**
 * wf_document_overview_get_document:
 *
 * Returns: (transfer none) (nullable): the document shown
 */
WfDocument *
wf_document_overview_get_document (WfDocumentOverview *self)
{
  g_return_val_if_fail (WF_IS_DOCUMENT_OVERVIEW (self), NULL);

  return self->document;
}

/**
 * wf_document_overview_set_document:
 * @document: (nullable): the document to show
 */
void
wf_document_overview_set_document (WfDocumentOverview *self,
                                   WfDocument         *document)
{
  GListModel *maps = document ? wf_document_get_maps_model (document) : NULL;
  GListModel *personas = document ? wf_document_get_personas_model (document) : NULL;

  g_return_if_fail (WF_IS_DOCUMENT_OVERVIEW (self));
  g_return_if_fail (!document || WF_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (wf_document_get_maps_model (self->document), self);
      g_signal_handlers_disconnect_by_data (wf_document_get_personas_model (self->document), self);
    }
  g_clear_handle_id (&self->counts_idle, g_source_remove);

  g_set_object (&self->document, document);

  gtk_list_box_bind_model (self->maps_list, maps, create_map_row, self, NULL);
  gtk_list_box_bind_model (self->personas_list, personas, create_persona_row, self, NULL);

  if (document != NULL)
    {
      /* After the lists' own handlers: the rows are there. */
      g_signal_connect_object (maps, "items-changed",
                               G_CALLBACK (on_maps_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (personas, "items-changed",
                               G_CALLBACK (on_personas_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "item-changed",
                               G_CALLBACK (on_document_item_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "item-added",
                               G_CALLBACK (on_document_structure_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "item-removed",
                               G_CALLBACK (on_document_structure_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "item-moved",
                               G_CALLBACK (on_document_structure_changed), self, G_CONNECT_SWAPPED);
      update_rows (self);
    }

  on_maps_changed (self);
  on_personas_changed (self);
}
