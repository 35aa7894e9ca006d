/* wf-item-properties.c — the fields of a phase, a lane or a persona
 *
 * Shown in the properties sidebar when a header is selected on the
 * canvas: a phase's name, description, metrics and colour; a lane's title, kind,
 * persona and folding; a persona's name, role, photo, profile and colour. Every
 * change is an undoable command; typing into a field is one step. In a
 * team document, a field whose member has an open conflict gets a button
 * beside it (wf-conflict-popover.c).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wf-conflict-popover.h"
#include "wf-item-properties.h"
#include "wf-metrics-editor.h"
#include "wf-picture-editor.h"
#include "wf-swatch.h"

struct _WfItemProperties
{
  GtkWidget       parent_instance;

  WfItem         *item;          /* a phase, a lane or a persona */
  WfDocument     *document;
  gboolean        updating;
  GPtrArray      *personas;      /* of the persona row, after "Shared" */
  GtkWidget      *swatches[11];  /* "none", then the personas' colours */
  WfTeamJournal  *journal;       /* a team document's, or NULL */
  GPtrArray      *conflict_buttons;

  /* Template widgets */
  GtkLabel       *heading;
  AdwEntryRow    *name_row;
  AdwEntryRow    *text_row;
  AdwComboRow    *kind_row;
  AdwComboRow    *persona_row;
  GtkWidget      *collapsed_row;
  GtkSwitch      *collapsed_switch;
  GtkWidget      *profile_group;
  AdwEntryRow    *goals_row;
  AdwEntryRow    *needs_row;
  AdwEntryRow    *frustrations_row;
  GtkWidget      *color_group;
  GtkFlowBox     *swatch_box;
  WfMetricsEditor *metrics_editor;
  WfPictureEditor *photo_editor;
};

G_DEFINE_FINAL_TYPE (WfItemProperties, wf_item_properties, GTK_TYPE_WIDGET)

/* The names of the personas' default colours, in their order. */
static const char *color_names[] = {
  N_("Blue"), N_("Orange"), N_("Green"), N_("Purple"), N_("Yellow"),
  N_("Red"), N_("Dark Blue"), N_("Brown"), N_("Dark Green"), N_("Dark Purple"),
};

static const char *
swatch_color (guint i)
{
  return i == 0 ? NULL : wf_persona_default_color (i - 1);
}

static const char *
item_color (WfItemProperties *self)
{
  if (WF_IS_PHASE (self->item))
    return wf_phase_get_color (WF_PHASE (self->item));
  if (WF_IS_PERSONA (self->item))
    return wf_persona_get_color (WF_PERSONA (self->item));
  return NULL;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
update (WfItemProperties *self)
{
  gboolean phase = WF_IS_PHASE (self->item);
  gboolean lane = WF_IS_LANE (self->item);
  gboolean persona = WF_IS_PERSONA (self->item);
  const char *color;

  if (self->item == NULL)
    return;

  self->updating = TRUE;

  gtk_widget_set_visible (GTK_WIDGET (self->text_row), !lane);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_row), lane);
  gtk_widget_set_visible (GTK_WIDGET (self->persona_row), lane);
  gtk_widget_set_visible (self->collapsed_row, lane);
  gtk_widget_set_visible (self->profile_group, persona);
  gtk_widget_set_visible (self->color_group, !lane);
  gtk_widget_set_visible (self->swatches[0], phase);
  gtk_widget_set_visible (GTK_WIDGET (self->metrics_editor), phase);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_editor), persona);

  if (phase)
    {
      WfPhase *p = WF_PHASE (self->item);

      gtk_label_set_label (self->heading, _("Phase"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->text_row), _("Description"));
      set_text (self->name_row, wf_phase_get_name (p));
      set_text (self->text_row, wf_phase_get_description (p));
    }
  else if (lane)
    {
      WfLane *l = WF_LANE (self->item);
      WfPersona *owner = wf_lane_get_persona (l);
      guint position = 0;

      gtk_label_set_label (self->heading, _("Lane"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Title"));
      set_text (self->name_row, wf_lane_get_title (l));
      adw_combo_row_set_selected (self->kind_row, wf_lane_get_kind (l));

      for (guint i = 0; owner != NULL && i < self->personas->len; i++)
        if (self->personas->pdata[i] == owner)
          position = i + 1;
      adw_combo_row_set_selected (self->persona_row, position);
      gtk_switch_set_active (self->collapsed_switch, wf_lane_get_collapsed (l));
    }
  else if (persona)
    {
      WfPersona *p = WF_PERSONA (self->item);

      gtk_label_set_label (self->heading, _("Persona"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->text_row), _("Role"));
      set_text (self->name_row, wf_persona_get_name (p));
      set_text (self->text_row, wf_persona_get_role (p));
      set_text (self->goals_row, wf_persona_get_goals (p));
      set_text (self->needs_row, wf_persona_get_needs (p));
      set_text (self->frustrations_row, wf_persona_get_frustrations (p));
    }

  color = item_color (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->swatches); i++)
    {
      const char *c = swatch_color (i);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->swatches[i]),
                                    (c == NULL && color == NULL) ||
                                    (c != NULL && color != NULL && g_ascii_strcasecmp (c, color) == 0));
    }

  self->updating = FALSE;
}

/* The personas a lane may belong to, in the document's order. */
static void
fill_personas (WfItemProperties *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->personas, 0);
  /* Translators: a lane of no persona in particular */
  gtk_string_list_append (names, C_("lane", "Shared"));
  for (guint i = 0; self->document != NULL && i < wf_document_get_n_personas (self->document); i++)
    {
      WfPersona *persona = wf_document_get_persona (self->document, i);

      g_ptr_array_add (self->personas, persona);
      gtk_string_list_append (names, wf_persona_get_name (persona));
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->persona_row, G_LIST_MODEL (names));
  self->updating = FALSE;
}

static void
on_item_changed (WfItemProperties *self,
                 WfItem           *item,
                 GParamSpec       *pspec)
{
  if (item == self->item || WF_IS_PERSONA (item))
    {
      if (WF_IS_LANE (self->item) && WF_IS_PERSONA (item))
        fill_personas (self);
      update (self);
    }
}

static void
on_item_removed (WfItemProperties *self,
                 WfItem           *item)
{
  if (item == self->item)
    wf_item_properties_set_item (self, NULL);
}

/* Personas added, removed or reordered: the lane's list follows. */
static void
on_personas_changed (WfItemProperties *self)
{
  if (WF_IS_LANE (self->item))
    {
      fill_personas (self);
      update (self);
    }
}

/* Widgets → commands */

static void
edit (WfItemProperties *self,
      const char       *property,
      const char       *value)
{
  g_auto(GValue) current = G_VALUE_INIT;

  if (self->updating || self->item == NULL)
    return;

  g_value_init (&current, G_TYPE_STRING);
  g_object_get_property (G_OBJECT (self->item), property, &current);
  if (g_strcmp0 (g_value_get_string (&current), value) != 0)
    wf_edit_set (self->item, property, value, NULL);
}

/* Enter ends what was typed into a field: one step, written at once. */
static void
on_entry_activated (WfItemProperties *self)
{
  if (self->document != NULL)
    wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
}

static void
on_name_changed (WfItemProperties *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  edit (self, WF_IS_LANE (self->item) ? "title" : "name", text);
}

static void
on_text_changed (WfItemProperties *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->text_row));

  edit (self, WF_IS_PERSONA (self->item) ? "role" : "description", text);
}

static void
on_profile_changed (WfItemProperties *self,
                    AdwEntryRow      *row)
{
  const char *property = row == self->goals_row ? "goals" : row == self->needs_row ? "needs" : "frustrations";

  edit (self, property, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_kind_selected (WfItemProperties *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (self->updating || !WF_IS_LANE (self->item) || kind >= WF_N_LANE_KINDS ||
      kind == (guint) wf_lane_get_kind (WF_LANE (self->item)))
    return;

  wf_edit_set (self->item, "kind", (WfLaneKind) kind, NULL);
}

static void
on_persona_selected (WfItemProperties *self)
{
  guint position = adw_combo_row_get_selected (self->persona_row);
  WfPersona *persona;

  if (self->updating || !WF_IS_LANE (self->item) || position == GTK_INVALID_LIST_POSITION)
    return;

  persona = position > 0 && position <= self->personas->len ? self->personas->pdata[position - 1] : NULL;
  if (persona != wf_lane_get_persona (WF_LANE (self->item)))
    wf_edit_set (self->item, "persona", persona, NULL);
}

static void
on_collapsed_changed (WfItemProperties *self)
{
  gboolean collapsed = gtk_switch_get_active (self->collapsed_switch);

  if (self->updating || !WF_IS_LANE (self->item) || collapsed == wf_lane_get_collapsed (WF_LANE (self->item)))
    return;

  wf_edit_set (self->item, "collapsed", collapsed, NULL);
}

static void
on_swatch_toggled (WfItemProperties *self,
                   GtkToggleButton  *button)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "wf-swatch"));

  if (self->updating || self->item == NULL || !gtk_toggle_button_get_active (button))
    return;

  edit (self, "color", swatch_color (i));
  /* A colour is text to the undo stack, but each choice is a step. */
  if (self->document != NULL)
    wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
}


static void
add_swatches (WfItemProperties *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->swatches); i++)
    {
      const char *name = i == 0 ? N_("No Colour") : color_names[i - 1];
      GtkWidget *button = wf_swatch_new (swatch_color (i), _(name));

      g_object_set_data (G_OBJECT (button), "wf-swatch", GUINT_TO_POINTER (i));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (self->swatches[0]));
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (on_swatch_toggled), self);
      gtk_flow_box_append (self->swatch_box, button);
      self->swatches[i] = button;
    }
}

/* Conflicts */

static GtkWidget *
field_of (gpointer    data,
          const char *member)
{
  WfItemProperties *self = data;
  static const char * const text_members[] = { "description", "role", NULL };

  if (g_str_equal (member, "name") || (WF_IS_LANE (self->item) && g_str_equal (member, "title")))
    return GTK_WIDGET (self->name_row);
  if (g_strv_contains (text_members, member))
    return GTK_WIDGET (self->text_row);
  if (g_str_equal (member, "kind"))
    return GTK_WIDGET (self->kind_row);
  if (g_str_equal (member, "persona"))
    return GTK_WIDGET (self->persona_row);
  if (g_str_equal (member, "collapsed"))
    return self->collapsed_row;
  if (g_str_equal (member, "goals"))
    return GTK_WIDGET (self->goals_row);
  if (g_str_equal (member, "needs"))
    return GTK_WIDGET (self->needs_row);
  if (g_str_equal (member, "frustrations"))
    return GTK_WIDGET (self->frustrations_row);
  if (g_str_equal (member, "color"))
    return self->color_group;
  if (g_str_equal (member, "photo"))
    return wf_picture_editor_find (self->photo_editor, "group");

  /* Its place, a phase's figures, a size, a persona's notes: beside the
   * name. */
  return GTK_WIDGET (self->name_row);
}

static void
update_conflicts (WfItemProperties *self)
{
  wf_conflict_buttons_update (self->conflict_buttons, self->journal, self->item, field_of, self);
}

static void
wf_item_properties_dispose (GObject *object)
{
  WfItemProperties *self = WF_ITEM_PROPERTIES (object);

  GtkWidget *child;

  wf_item_properties_set_item (self, NULL);
  wf_item_properties_set_team_journal (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WF_TYPE_ITEM_PROPERTIES);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (wf_item_properties_parent_class)->dispose (object);
}

static void
wf_item_properties_finalize (GObject *object)
{
  WfItemProperties *self = WF_ITEM_PROPERTIES (object);

  g_ptr_array_unref (self->personas);
  g_ptr_array_unref (self->conflict_buttons);

  G_OBJECT_CLASS (wf_item_properties_parent_class)->finalize (object);
}

static void
wf_item_properties_class_init (WfItemPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_item_properties_dispose;
  object_class->finalize = wf_item_properties_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (WF_TYPE_METRICS_EDITOR);
  g_type_ensure (WF_TYPE_PICTURE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/wayfinder/Wayfinder/wf-item-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, heading);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, name_row);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, text_row);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, kind_row);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, persona_row);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, collapsed_row);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, collapsed_switch);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, profile_group);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, goals_row);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, needs_row);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, frustrations_row);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, color_group);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, swatch_box);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, metrics_editor);
  gtk_widget_class_bind_template_child (widget_class, WfItemProperties, photo_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_persona_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_collapsed_changed);
}

static void
wf_item_properties_init (WfItemProperties *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  self->personas = g_ptr_array_new ();
  self->conflict_buttons = g_ptr_array_new_with_free_func (g_object_unref);
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < WF_N_LANE_KINDS; i++)
    gtk_string_list_append (kinds, wf_lane_kind_get_label (i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  add_swatches (self);

  self->updating = FALSE;
}

GtkWidget *
wf_item_properties_new (void)
{
  return g_object_new (WF_TYPE_ITEM_PROPERTIES, NULL);
}

/**
 * wf_item_properties_set_item:
 * @item: (nullable): a phase, a lane or a persona, in a document
 */
void
wf_item_properties_set_item (WfItemProperties *self,
                             WfItem           *item)
{
  g_return_if_fail (WF_IS_ITEM_PROPERTIES (self));
  g_return_if_fail (item == NULL || WF_IS_PHASE (item) || WF_IS_LANE (item) || WF_IS_PERSONA (item));

  if (self->item == item)
    return;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (wf_document_get_personas_model (self->document), self);
      /* What was typed for the item shown until now is one step. */
      wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
    }
  g_clear_object (&self->document);
  g_set_object (&self->item, item);
  wf_metrics_editor_set_item (self->metrics_editor, WF_IS_PHASE (item) ? item : NULL, "metrics");
  wf_picture_editor_set_item (self->photo_editor, WF_IS_PERSONA (item) ? item : NULL);

  if (item != NULL && wf_item_get_document (item) != NULL)
    {
      self->document = g_object_ref (wf_item_get_document (item));
      g_signal_connect_swapped (self->document, "item-changed", G_CALLBACK (on_item_changed), self);
      g_signal_connect_swapped (self->document, "item-removed", G_CALLBACK (on_item_removed), self);
      g_signal_connect_swapped (wf_document_get_personas_model (self->document), "items-changed",
                                G_CALLBACK (on_personas_changed), self);
      if (WF_IS_LANE (item))
        fill_personas (self);
    }

  update (self);
  update_conflicts (self);
}

WfItem *
wf_item_properties_get_item (WfItemProperties *self)
{
  g_return_val_if_fail (WF_IS_ITEM_PROPERTIES (self), NULL);

  return self->item;
}

/**
 * wf_item_properties_set_team_journal:
 * @journal: (nullable): the journal of the team document, or %NULL
 *
 * Shows a button beside each field with an open conflict, as they are
 * now: call again when they change.
 */
void
wf_item_properties_set_team_journal (WfItemProperties *self,
                                     WfTeamJournal    *journal)
{
  g_return_if_fail (WF_IS_ITEM_PROPERTIES (self));

  g_set_object (&self->journal, journal);
  update_conflicts (self);
}
