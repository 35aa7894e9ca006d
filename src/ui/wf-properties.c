/* wf-properties.c — the properties of the selected cards, in a sidebar
 *
 * Follows a canvas's selection. With one card it shows and edits all of
 * the card: title, notes, channel, contact, emotion, votes, colour, tags,
 * metrics and image. With several it sets votes and colour for all of them at
 * once, as one step. With none it says what to do. In a team document,
 * a field whose member has an open conflict gets a button beside it
 * (wf-conflict-popover.c), from the canvas's journal.
 *
 * Every change goes through wf_edit_set(), so it can be undone; typing in
 * the title and the notes merges into one step until the field loses focus
 * or another card is shown. The model is the truth: when it changes (undo,
 * redo, edits elsewhere) the widgets follow, and a guard keeps those
 * updates from being taken for the user's edits.
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
#include "wf-a11y.h"
#include "wf-properties.h"
#include "wf-swatch.h"

typedef struct
{
  const char *color;  /* NULL: no colour */
  const char *name;
} Swatch;

/* The GNOME palette, 3rd shade. */
static const Swatch swatches[] = {
  { NULL,      N_("No Colour") },
  { "#3584e4", N_("Blue") },
  { "#2ec27e", N_("Green") },
  { "#f5c211", N_("Yellow") },
  { "#ff7800", N_("Orange") },
  { "#e01b24", N_("Red") },
  { "#9141ac", N_("Purple") },
  { "#986a44", N_("Brown") },
};

#define N_SWATCHES G_N_ELEMENTS (swatches)

/* Emotion combo positions: None, then -2 … +2. */
#define EMOTION_TO_POSITION(e) ((e) == WF_EMOTION_NONE ? 0u : (guint) ((e) - WF_EMOTION_MIN + 1))
#define POSITION_TO_EMOTION(p) ((p) == 0 ? WF_EMOTION_NONE : (int) (p) - 1 + WF_EMOTION_MIN)

struct _WfProperties
{
  GtkWidget            parent_instance;

  WfCanvas            *canvas;
  WfDocument          *document;
  GPtrArray           *cards;           /* (element-type WfCard) shown, focus first */
  GtkToggleButton     *swatch_buttons[N_SWATCHES];
  gboolean             updating;        /* widgets are following the model */
  gboolean             tags_dirty;      /* the tags row holds unapplied text */
  GPtrArray           *conflict_buttons; /* beside fields with an open conflict */

  /* Template widgets */
  GtkStack            *stack;
  GtkWidget           *scrolled;
  GtkLabel            *heading;
  GtkLabel            *subheading;
  GtkWidget           *text_group;
  GtkWidget           *notes_group;
  GtkWidget           *details_group;
  GtkWidget           *votes_group;
  AdwPreferencesGroup *color_group;
  GtkWidget           *tags_group;
  WfMetricsEditor     *metrics_editor;
  WfPictureEditor     *image_editor;
  AdwEntryRow         *title_row;
  GtkTextView         *notes_view;
  AdwComboRow         *channel_row;
  AdwComboRow         *contact_row;
  AdwComboRow         *emotion_row;
  AdwActionRow        *votes_row;
  GtkSpinButton       *votes_spin;
  WfItemProperties    *item_properties;
  GtkBox              *swatch_box;
  AdwEntryRow         *tags_row;
};

enum {
  PROP_0,
  PROP_CANVAS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WfProperties, wf_properties, GTK_TYPE_WIDGET)

/* Helpers */

static WfCard *
get_card (WfProperties *self)
{
  return self->cards->len == 1 ? g_ptr_array_index (self->cards, 0) : NULL;
}

static WfUndoStack *
get_undo_stack (WfProperties *self)
{
  return self->document != NULL ? wf_document_get_undo_stack (self->document) : NULL;
}

static void
seal (WfProperties *self)
{
  WfUndoStack *stack = get_undo_stack (self);

  if (stack != NULL)
    wf_undo_stack_seal (stack);
}

/* Sets @property of every shown card, as one step. */
static void
edit_cards (WfProperties *self,
            const char   *property,
            const GValue *value)
{
  WfUndoStack *stack = get_undo_stack (self);

  if (stack == NULL || self->cards->len == 0)
    return;

  wf_undo_stack_begin (stack, self->cards->len > 1 ? _("Edit Cards") : _("Edit Card"));
  for (guint i = 0; i < self->cards->len; i++)
    wf_edit_set_value (g_ptr_array_index (self->cards, i), property, value);
  wf_undo_stack_end (stack);
}

/* "a, b,, c " → { "a", "b", "c" } */
static GStrv
parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static gboolean
tags_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || a[0] == NULL)
    return b == NULL || b[0] == NULL;
  if (b == NULL)
    return FALSE;

  return g_strv_equal (a, b);
}

static void
commit_tags (WfProperties *self)
{
  WfCard *card = get_card (self);
  g_auto(GStrv) tags = NULL;
  g_autofree char *normalized = NULL;

  if (!self->tags_dirty || card == NULL)
    return;

  self->tags_dirty = FALSE;
  tags = parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  wf_edit_set (card, "tags", tags[0] != NULL ? tags : NULL, NULL);

  /* Show the tags as they were taken. */
  normalized = g_strjoinv (", ", tags);
  if (g_strcmp0 (normalized, gtk_editable_get_text (GTK_EDITABLE (self->tags_row))) != 0)
    {
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->tags_row), normalized);
      self->updating = FALSE;
    }
}

static const Swatch *
find_swatch (const char *color)
{
  for (guint i = 0; i < N_SWATCHES; i++)
    {
      if (g_strcmp0 (swatches[i].color, color) == 0 ||
          (color != NULL && swatches[i].color != NULL &&
           g_ascii_strcasecmp (swatches[i].color, color) == 0))
        return &swatches[i];
    }

  return NULL;
}

/* Model → widgets */

static void
update_heading (WfProperties *self)
{
  WfCard *card = get_card (self);

  if (card == NULL)
    {
      g_autofree char *heading = NULL;

      /* Translators: the heading of the sidebar with several cards selected */
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u card selected",
                                              "%u cards selected",
                                              self->cards->len),
                                 self->cards->len);
      gtk_label_set_label (self->heading, heading);
      gtk_label_set_label (self->subheading, _("Votes and colour are set for all of them."));
    }
  else
    {
      WfPhase *phase = wf_card_get_phase (card);
      WfLane *lane = wf_card_get_lane (card);

      gtk_label_set_label (self->heading, _("Card"));

      if (phase != NULL && lane != NULL)
        {
          g_autofree char *where = NULL;

          /* Translators: where a card is: its phase, then its lane */
          where = g_strdup_printf (_("Phase “%s”, lane “%s”"),
                                   wf_phase_get_name (phase), wf_lane_get_title (lane));
          gtk_label_set_label (self->subheading, where);
        }
      else
        gtk_label_set_label (self->subheading, "");
    }
}

static void
update_swatches (WfProperties *self)
{
  WfCard *first = g_ptr_array_index (self->cards, 0);
  const char *color = wf_card_get_color (first);
  gboolean same = TRUE;
  const Swatch *swatch;

  for (guint i = 1; i < self->cards->len && same; i++)
    same = g_strcmp0 (color, wf_card_get_color (g_ptr_array_index (self->cards, i))) == 0;

  swatch = same ? find_swatch (color) : NULL;

  for (guint i = 0; i < N_SWATCHES; i++)
    gtk_toggle_button_set_active (self->swatch_buttons[i], swatch == &swatches[i]);

  if (!same)
    adw_preferences_group_set_description (self->color_group, _("Several colours"));
  else if (swatch != NULL)
    adw_preferences_group_set_description (self->color_group, _(swatch->name));
  else
    {
      g_autofree char *custom = NULL;

      /* Translators: %s is a colour as #rrggbb */
      custom = g_strdup_printf (_("Custom colour %s"), color);
      adw_preferences_group_set_description (self->color_group, custom);
    }
}

static void
update_votes (WfProperties *self)
{
  WfCard *first = g_ptr_array_index (self->cards, 0);
  guint votes = wf_card_get_votes (first);
  gboolean same = TRUE;

  for (guint i = 1; i < self->cards->len && same; i++)
    same = votes == wf_card_get_votes (g_ptr_array_index (self->cards, i));

  if ((guint) gtk_spin_button_get_value_as_int (self->votes_spin) != votes)
    gtk_spin_button_set_value (self->votes_spin, votes);

  adw_action_row_set_subtitle (self->votes_row, same ? "" : _("Differs between the cards"));
}

static void
update_tags (WfProperties *self,
             WfCard       *card)
{
  const char * const *tags = wf_card_get_tags (card);
  g_auto(GStrv) shown = NULL;

  if (self->tags_dirty)
    return;

  shown = parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  if (!tags_equal ((const char * const *) shown, tags))
    {
      g_autofree char *text = tags != NULL ? g_strjoinv (", ", (char **) tags) : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (self->tags_row), text);
    }
}

/* The field of a card's member, for its conflict's button. */
static GtkWidget *
field_of (gpointer    data,
          const char *member)
{
  WfProperties *self = data;
  struct { const char *member; GtkWidget *field; } fields[] = {
    { "title", GTK_WIDGET (self->title_row) }, { "notes", self->notes_group },
    { "channel", GTK_WIDGET (self->channel_row) }, { "contact", GTK_WIDGET (self->contact_row) },
    { "emotion", GTK_WIDGET (self->emotion_row) }, { "votes", GTK_WIDGET (self->votes_row) },
    { "color", GTK_WIDGET (self->color_group) }, { "tags", GTK_WIDGET (self->tags_row) },
    { "image", wf_picture_editor_find (self->image_editor, "group") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].member, member))
      return fields[i].field;

  /* Its place, its figures: above the title. */
  return self->text_group;
}

static void
update_conflicts (WfProperties *self)
{
  WfTeamJournal *journal = self->canvas ? wf_canvas_get_team_journal (self->canvas) : NULL;
  WfCard *card = self->cards->len == 1 ? get_card (self) : NULL;

  wf_conflict_buttons_update (self->conflict_buttons, journal, WF_ITEM (card), field_of, self);
}

static void
on_conflicts_changed (WfProperties *self)
{
  WfTeamJournal *journal = self->canvas ? wf_canvas_get_team_journal (self->canvas) : NULL;

  update_conflicts (self);
  wf_item_properties_set_team_journal (self->item_properties, journal);
}

static void
update_widgets (WfProperties *self)
{
  WfCard *card = get_card (self);
  gboolean multi = self->cards->len > 1;

  update_conflicts (self);

  if (self->cards->len == 0)
    {
      WfItem *header = self->canvas ? wf_canvas_get_selected_header (self->canvas) : NULL;

      wf_item_properties_set_item (self->item_properties, header);
      wf_metrics_editor_set_item (self->metrics_editor, NULL, NULL);
      wf_picture_editor_set_item (self->image_editor, NULL);
      gtk_stack_set_visible_child_name (self->stack, header ? "item" : "empty");
      return;
    }

  wf_item_properties_set_item (self->item_properties, NULL);

  self->updating = TRUE;

  gtk_stack_set_visible_child_name (self->stack, "cards");
  gtk_widget_set_visible (self->text_group, !multi);
  gtk_widget_set_visible (self->notes_group, !multi);
  gtk_widget_set_visible (self->details_group, !multi);
  gtk_widget_set_visible (self->tags_group, !multi);
  gtk_widget_set_visible (GTK_WIDGET (self->metrics_editor), !multi);
  wf_metrics_editor_set_item (self->metrics_editor, card != NULL ? WF_ITEM (card) : NULL, "metrics");
  gtk_widget_set_visible (GTK_WIDGET (self->image_editor), !multi);
  wf_picture_editor_set_item (self->image_editor, card != NULL && !multi ? WF_ITEM (card) : NULL);

  update_heading (self);
  update_votes (self);
  update_swatches (self);

  if (card != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
      GtkTextIter start, end;
      g_autofree char *notes = NULL;
      int emotion = wf_card_get_emotion (card);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                     wf_card_get_title (card)) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->title_row), wf_card_get_title (card));

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (notes, wf_card_get_notes (card)) != 0)
        gtk_text_buffer_set_text (buffer, wf_card_get_notes (card), -1);

      if (adw_combo_row_get_selected (self->channel_row) != wf_card_get_channel (card))
        adw_combo_row_set_selected (self->channel_row, wf_card_get_channel (card));
      if (adw_combo_row_get_selected (self->contact_row) != wf_card_get_contact (card))
        adw_combo_row_set_selected (self->contact_row, wf_card_get_contact (card));
      if (emotion != WF_EMOTION_NONE)
        emotion = CLAMP (emotion, WF_EMOTION_MIN, WF_EMOTION_MAX);
      if (adw_combo_row_get_selected (self->emotion_row) != EMOTION_TO_POSITION (emotion))
        adw_combo_row_set_selected (self->emotion_row, EMOTION_TO_POSITION (emotion));

      update_tags (self, card);
    }

  self->updating = FALSE;
}

static gboolean
same_cards (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
        return FALSE;
    }

  return TRUE;
}

/* Shows what the canvas has selected. */
static void
follow_selection (WfProperties *self)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->canvas != NULL && self->document != NULL)
    {
      g_autoptr(GList) selection = wf_canvas_get_selection (self->canvas);
      WfCard *focus = wf_canvas_get_focus_card (self->canvas);

      for (GList *l = selection; l != NULL; l = l->next)
        {
          WfCard *card = l->data;

          /* A card that was just removed is no longer shown. */
          if (wf_item_get_parent (WF_ITEM (card)) == NULL ||
              wf_item_get_document (WF_ITEM (card)) != self->document)
            continue;

          if (card == focus)
            g_ptr_array_insert (cards, 0, g_object_ref (card));
          else
            g_ptr_array_add (cards, g_object_ref (card));
        }
    }

  if (!same_cards (cards, self->cards))
    {
      /* What was typed for the card shown until now stays with it. */
      commit_tags (self);
      seal (self);

      g_ptr_array_set_size (self->cards, 0);
      g_ptr_array_extend_and_steal (self->cards, g_steal_pointer (&cards));

      /* The tags row now belongs to the new card. */
      self->tags_dirty = FALSE;
    }

  update_widgets (self);
}

static void
on_document_item_changed (WfProperties *self,
                          WfItem       *item,
                          GParamSpec   *pspec,
                          WfDocument   *document)
{
  /* The heading names the card's phase and lane. */
  if (WF_IS_PHASE (item) || WF_IS_LANE (item))
    {
      if (self->cards->len > 0)
        update_heading (self);
      return;
    }

  if (!g_ptr_array_find (self->cards, item, NULL))
    return;

  /* A change of the tags from elsewhere (undo) wins over unapplied text. */
  if (g_strcmp0 (pspec->name, "tags") == 0)
    self->tags_dirty = FALSE;

  update_widgets (self);
}

static void
on_document_item_moved (WfProperties *self,
                        WfItem       *item,
                        WfDocument   *document)
{
  if (g_ptr_array_find (self->cards, item, NULL) ||
      WF_IS_PHASE (item) || WF_IS_LANE (item))
    update_widgets (self);
}

static void
on_document_item_removed (WfProperties *self,
                          WfItem       *item,
                          WfItem       *parent,
                          WfDocument   *document)
{
  if (g_ptr_array_find (self->cards, item, NULL))
    follow_selection (self);
}

static void
set_document (WfProperties *self,
              WfDocument   *document)
{
  if (self->document == document)
    return;

  if (self->document != NULL)
    {
      commit_tags (self);
      seal (self);
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_ptr_array_set_size (self->cards, 0);
    }

  g_set_object (&self->document, document);

  if (document != NULL)
    {
      g_signal_connect_object (document, "item-changed",
                               G_CALLBACK (on_document_item_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "item-moved",
                               G_CALLBACK (on_document_item_moved), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "item-removed",
                               G_CALLBACK (on_document_item_removed), self, G_CONNECT_SWAPPED);
    }
}

static void
on_canvas_map_changed (WfProperties *self)
{
  WfMap *map = wf_canvas_get_map (self->canvas);

  set_document (self, map != NULL ? wf_item_get_document (WF_ITEM (map)) : NULL);
  follow_selection (self);
}

/* Widgets → commands */

static void
on_title_changed (WfProperties *self,
                  AdwEntryRow  *row)
{
  WfCard *card = get_card (self);

  if (self->updating || card == NULL)
    return;

  wf_edit_set (card, "title", gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
}

static void
on_notes_changed (WfProperties  *self,
                  GtkTextBuffer *buffer)
{
  WfCard *card = get_card (self);
  GtkTextIter start, end;
  g_autofree char *notes = NULL;

  if (self->updating || card == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  wf_edit_set (card, "notes", notes, NULL);
}

static void
on_combo_selected (WfProperties *self,
                   GParamSpec   *pspec,
                   AdwComboRow  *row)
{
  WfCard *card = get_card (self);
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || card == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (row == self->channel_row)
    wf_edit_set (card, "channel", (WfChannel) selected, NULL);
  else if (row == self->contact_row)
    wf_edit_set (card, "contact", (WfContact) selected, NULL);
  else if (row == self->emotion_row)
    wf_edit_set (card, "emotion", POSITION_TO_EMOTION (selected), NULL);
}

static void
on_votes_value_changed (WfProperties  *self,
                        GtkSpinButton *spin)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->updating)
    return;

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, (guint) gtk_spin_button_get_value_as_int (spin));
  edit_cards (self, "votes", &value);
}

static void
on_swatch_toggled (WfProperties    *self,
                   GtkToggleButton *button)
{
  const Swatch *swatch = g_object_get_data (G_OBJECT (button), "wf-swatch");
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, swatch->color);
  edit_cards (self, "color", &value);

  /* A colour is text to the undo stack, but each choice is a step. */
  seal (self);
}

static void
on_tags_changed (WfProperties *self)
{
  if (!self->updating)
    self->tags_dirty = TRUE;
}

static void
on_tags_activated (WfProperties *self)
{
  commit_tags (self);
  seal (self);
}

/* Enter ends the title as leaving the field does: one step, written at
 * once. */
static void
on_title_activated (WfProperties *self)
{
  seal (self);
}

static void
on_focus_leave (WfProperties *self)
{
  commit_tags (self);
  seal (self);
}

/* Swatches */


static void
add_swatches (WfProperties *self)
{
  for (guint i = 0; i < N_SWATCHES; i++)
    {
      GtkWidget *button = wf_swatch_new (swatches[i].color, _(swatches[i].name));

      g_object_set_data (G_OBJECT (button), "wf-swatch", (gpointer) &swatches[i]);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->swatch_buttons[0]);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (on_swatch_toggled), self);

      gtk_box_append (self->swatch_box, button);
      self->swatch_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}

static void
add_focus_leave (WfProperties *self,
                 GtkWidget    *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, focus);
}

/* Overrides */

static void
wf_properties_dispose (GObject *object)
{
  WfProperties *self = WF_PROPERTIES (object);

  wf_properties_set_canvas (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WF_TYPE_PROPERTIES);

  G_OBJECT_CLASS (wf_properties_parent_class)->dispose (object);
}

static void
wf_properties_finalize (GObject *object)
{
  WfProperties *self = WF_PROPERTIES (object);

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->conflict_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (wf_properties_parent_class)->finalize (object);
}

static void
wf_properties_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WfProperties *self = WF_PROPERTIES (object);

  switch (prop_id)
    {
    case PROP_CANVAS:
      g_value_set_object (value, self->canvas);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_properties_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WfProperties *self = WF_PROPERTIES (object);

  switch (prop_id)
    {
    case PROP_CANVAS:
      wf_properties_set_canvas (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_properties_class_init (WfPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_properties_dispose;
  object_class->finalize = wf_properties_finalize;
  object_class->get_property = wf_properties_get_property;
  object_class->set_property = wf_properties_set_property;

  /**
   * WfProperties:canvas:
   *
   * The canvas whose selection is shown.
   */
  properties[PROP_CANVAS] =
    g_param_spec_object ("canvas", NULL, NULL, WF_TYPE_CANVAS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WF_TYPE_ITEM_PROPERTIES);
  g_type_ensure (WF_TYPE_METRICS_EDITOR);
  g_type_ensure (WF_TYPE_PICTURE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/wf-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, WfProperties, item_properties);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, stack);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, scrolled);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, heading);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, subheading);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, text_group);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, notes_group);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, details_group);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, votes_group);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, color_group);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, tags_group);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, metrics_editor);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, image_editor);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, title_row);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, notes_view);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, channel_row);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, contact_row);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, emotion_row);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, votes_row);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, votes_spin);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, swatch_box);
  gtk_widget_class_bind_template_child (widget_class, WfProperties, tags_row);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_title_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_votes_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wf-properties");
}

static void
wf_properties_init (WfProperties *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);

  self->cards = g_ptr_array_new_with_free_func (g_object_unref);
  self->conflict_buttons = g_ptr_array_new_with_free_func (g_object_unref);

  /* The template's handlers may run while it is built. */
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: a card with no channel */
  gtk_string_list_append (channels, C_("channel", "None"));
  for (guint i = WF_CHANNEL_NONE + 1; i < WF_N_CHANNELS; i++)
    gtk_string_list_append (channels, wf_channel_get_label (i));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));

  add_swatches (self);

  /* Named once: GTK 4.8 adds the row's title ("Card title Title"). */
  wf_a11y_label_only (GTK_WIDGET (self->title_row), _("Card title"));
  wf_a11y_label_only (GTK_WIDGET (self->tags_row), _("Tags, separated by commas"));
  wf_a11y_label_only (GTK_WIDGET (self->votes_spin), _("Votes"));
  /* Groups without a title: their lists would be "GtkListBox". */
  wf_a11y_name_inner_lists (self->text_group, _("Card title"));
  wf_a11y_name_inner_lists (self->votes_group, _("Votes"));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (on_notes_changed), self);
  g_signal_connect_swapped (self->tags_row, "changed", G_CALLBACK (on_tags_changed), self);

  add_focus_leave (self, GTK_WIDGET (self->title_row));
  add_focus_leave (self, GTK_WIDGET (self->notes_view));
  add_focus_leave (self, GTK_WIDGET (self->tags_row));

  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Public API */

/**
 * wf_properties_new:
 *
 * Returns: (transfer floating): a properties sidebar, empty until it is
 *   given a canvas
 */
GtkWidget *
wf_properties_new (void)
{
  return g_object_new (WF_TYPE_PROPERTIES, NULL);
}

/**
 * wf_properties_get_canvas:
 *
 * Returns: (transfer none) (nullable): the canvas whose selection is shown
 */
WfCanvas *
wf_properties_get_canvas (WfProperties *self)
{
  g_return_val_if_fail (WF_IS_PROPERTIES (self), NULL);

  return self->canvas;
}

/**
 * wf_properties_set_canvas:
 * @canvas: (nullable): the canvas to follow
 *
 * Shows the cards selected on @canvas from now on.
 */
void
wf_properties_set_canvas (WfProperties *self,
                          WfCanvas     *canvas)
{
  g_return_if_fail (WF_IS_PROPERTIES (self));
  g_return_if_fail (!canvas || WF_IS_CANVAS (canvas));

  if (self->canvas == canvas)
    return;

  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);

  g_set_object (&self->canvas, canvas);

  if (canvas != NULL)
    {
      g_signal_connect_object (canvas, "selection-changed",
                               G_CALLBACK (follow_selection), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (canvas, "notify::map",
                               G_CALLBACK (on_canvas_map_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (canvas, "conflicts-changed",
                               G_CALLBACK (on_conflicts_changed), self, G_CONNECT_SWAPPED);
      on_canvas_map_changed (self);
      on_conflicts_changed (self);
    }
  else
    {
      set_document (self, NULL);
      follow_selection (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANVAS]);
}
