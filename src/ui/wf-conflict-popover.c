/* wf-conflict-popover.c — a member's conflict, as a button with a popover
 *
 * In the sidebar, a member of the item shown that has an open conflict
 * (docs/team-library.md, "How a conflict is shown") gets a button beside
 * its field. Its popover shows the value on the map and the value set
 * aside, with who set it and when, each as a person reads it, and a
 * "Use This" under each: WfTeamJournal closes the conflict, as an
 * undoable step when the value set aside wins.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wf-conflict-popover.h"
#include "wf-toast.h"

/* What a button holds: the conflict it is about. */
typedef struct
{
  WfTeamJournal *journal;
  gint64         seq;
  char          *item;
  char          *member;
} Choice;

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_object_unref (choice->journal);
  g_free (choice->item);
  g_free (choice->member);
  g_free (choice);
}

/**
 * wf_conflict_member_label:
 *
 * Returns: the name a person knows @member of an item by
 */
const char *
wf_conflict_member_label (const char *member)
{
  static const struct { const char *member; const char *label; } labels[] = {
    { "title", N_("Title") }, { "name", N_("Name") }, { "notes", N_("Notes") },
    { "channel", N_("Channel") }, { "contact", N_("Contact") }, { "emotion", N_("Emotion") },
    { "color", N_("Colour") }, { "votes", N_("Votes") }, { "tags", N_("Tags") },
    { "metrics", N_("Figures") }, { "persona_metrics", N_("Figures") },
    { "description", N_("Description") }, { "role", N_("Role") }, { "goals", N_("Goals") },
    { "needs", N_("Needs") }, { "frustrations", N_("Frustrations") }, { "kind", N_("Kind") },
    { "persona", N_("Persona") }, { "collapsed", N_("Folded") }, { "@place", N_("Place") },
    { "label", N_("Label") }, { "scenario", N_("Scenario") }, { "width", N_("Width") },
    { "height", N_("Height") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (labels[i].member, member) == 0)
      return _(labels[i].label);

  return member;
}

static const char *
emotion_label (gint64 emotion)
{
  switch (emotion)
    {
    case -2:
      return _("Very negative (−2)");
    case -1:
      return _("Negative (−1)");
    case 0:
      return _("Neutral (0)");
    case 1:
      return _("Positive (+1)");
    case 2:
      return _("Very positive (+2)");
    default:
      return NULL;
    }
}

static char *
item_name (WfDocument *document,
           const char *id)
{
  WfItem *item = id != NULL ? wf_document_lookup (document, id) : NULL;
  g_autofree char *name = NULL;

  if (item == NULL)
    return g_strdup ("?");
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (item), "name") != NULL)
    g_object_get (item, "name", &name, NULL);
  else if (g_object_class_find_property (G_OBJECT_GET_CLASS (item), "title") != NULL)
    g_object_get (item, "title", &name, NULL);

  return g_strdup (name != NULL && name[0] != '\0' ? name : "?");
}

/* An item as the popover names a version of it: its title, quoted. */
static char *
item_title (WfItem *item)
{
  g_autofree char *name = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (item), "name") != NULL)
    g_object_get (item, "name", &name, NULL);
  else if (g_object_class_find_property (G_OBJECT_GET_CLASS (item), "title") != NULL)
    g_object_get (item, "title", &name, NULL);

  if (name == NULL || name[0] == '\0')
    return g_strdup (_("Empty"));

  return g_strdup_printf (_("“%s”"), name);
}

/* The same for an item's state set aside: {type, parent, pos, value},
 * or the value alone. */
static char *
state_title (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *name;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (C_("value", "None"));

  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (object, "type") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "value")))
    object = json_object_get_object_member (object, "value");
  name = json_object_get_string_member_with_default (object, "title", NULL);
  if (name == NULL)
    name = json_object_get_string_member_with_default (object, "name", NULL);

  if (name == NULL || name[0] == '\0')
    return g_strdup (_("Empty"));

  return g_strdup_printf (_("“%s”"), name);
}

/**
 * wf_conflict_format_value:
 * @document: where ids in the value are looked up
 * @member: the member the value is of
 * @json: (nullable): the value, as JSON text
 *
 * Returns: (transfer full): the value as a person reads it
 */
char *
wf_conflict_format_value (WfDocument *document,
                          const char *member,
                          const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *node;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return g_strdup (C_("value", "None"));

  node = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup (C_("value", "None"));

  if (strcmp (member, "@place") == 0 && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *place = json_node_get_object (node);
      g_autofree char *phase = item_name (document, json_object_get_string_member_with_default (place, "phase", NULL));
      g_autofree char *lane = item_name (document, json_object_get_string_member_with_default (place, "lane", NULL));

      if (!json_object_has_member (place, "phase"))
        return g_strdup (_("Another place in the order"));
      /* Translators: where a card is: its phase and its lane */
      return g_strdup_printf (_("In “%s”, “%s”"), phase, lane);
    }

  /* A picture, by its description: its bytes mean nothing read. */
  if ((strcmp (member, "photo") == 0 || strcmp (member, "image") == 0) && JSON_NODE_HOLDS_OBJECT (node))
    {
      const char *alt = json_object_get_string_member_with_default (json_node_get_object (node), "alt", "");

      if (alt[0] == '\0')
        return g_strdup (_("A picture without a description"));
      /* Translators: a picture in a conflict, by its description for screen readers */
      return g_strdup_printf (_("A picture: “%s”"), alt);
    }

  if (strcmp (member, "emotion") == 0 && json_node_get_value_type (node) == G_TYPE_INT64 &&
      emotion_label (json_node_get_int (node)) != NULL)
    return g_strdup (emotion_label (json_node_get_int (node)));

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      WfChannel channel;
      WfLaneKind kind;

      if (text[0] == '\0')
        return g_strdup (_("Empty"));
      if (strcmp (member, "channel") == 0 && wf_channel_from_string (text, &channel))
        return g_strdup (wf_channel_get_label (channel));
      if (strcmp (member, "kind") == 0 && wf_lane_kind_from_string (text, &kind))
        return g_strdup (wf_lane_kind_get_label (kind));
      if (strcmp (member, "contact") == 0 && strcmp (text, "direct") == 0)
        return g_strdup (_("Direct"));
      if (strcmp (member, "contact") == 0 && strcmp (text, "indirect") == 0)
        return g_strdup (_("Indirect"));
      if (strcmp (member, "persona") == 0)
        return item_name (document, text);
      return g_strdup (text);
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree char *text = json_to_string (node, FALSE);

      return g_steal_pointer (&text);
    }

  if (JSON_NODE_HOLDS_ARRAY (node) && strcmp (member, "tags") == 0)
    {
      JsonArray *tags = json_node_get_array (node);
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (tags); i++)
        {
          if (i > 0)
            g_string_append (text, ", ");
          g_string_append (text, json_array_get_string_element (tags, i));
        }
      if (text->len == 0)
        g_string_append (text, C_("value", "None"));
      return g_string_free (text, FALSE);
    }

  {
    guint n = JSON_NODE_HOLDS_ARRAY (node) ? json_array_get_length (json_node_get_array (node))
                                           : json_object_get_size (json_node_get_object (node));

    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u figure", "%u figures", n), n);
  }
}

static char *
format_time (const char *at)
{
  g_autoptr(GDateTime) utc = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;

  local = g_date_time_to_local (utc);
  /* Translators: when a team member's change was made, as in g_date_time_format() */
  return g_date_time_format (local, _("%-d %B, %H:%M"));
}

/**
 * wf_conflict_format_author:
 *
 * Returns: (transfer full): who set @conflict's value aside and when,
 *   "Anna, 6 December, 10:04", or "You, …" for a change of ours
 */
char *
wf_conflict_format_author (WfTeamJournal        *journal,
                           const WfTeamConflict *conflict)
{
  g_autofree char *when = format_time (conflict->at);
  const char *who = conflict->author != NULL && conflict->author[0] != '\0' ? conflict->author : _("Someone");

  if (wf_team_journal_is_own_change (journal, conflict->seq))
    who = _("You");
  if (when == NULL)
    return g_strdup (who);

  /* Translators: who made a change, and when */
  return g_strdup_printf (_("%s, %s"), who, when);
}

/* A choice to carry out once the click is over: closing the conflict
 * takes away the button that was clicked. */
typedef struct
{
  Choice   choice;
  gboolean set_aside;
} Pending;

static gboolean
on_use_idle (gpointer data)
{
  Pending *pending = data;
  g_autoptr(GError) error = NULL;

  if (!wf_team_journal_resolve (pending->choice.journal, pending->choice.seq, pending->choice.item,
                                pending->choice.member, pending->set_aside, &error))
    g_message ("Conflict not resolved: %s", error->message);

  g_object_unref (pending->choice.journal);
  g_free (pending->choice.item);
  g_free (pending->choice.member);
  g_free (pending);

  return G_SOURCE_REMOVE;
}

static void
on_use (GtkButton *button,
        gpointer   data)
{
  Choice *choice = g_object_get_data (G_OBJECT (button), "wf-choice");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  Pending *pending = g_new0 (Pending, 1);

  pending->choice.journal = g_object_ref (choice->journal);
  pending->choice.seq = choice->seq;
  pending->choice.item = g_strdup (choice->item);
  pending->choice.member = g_strdup (choice->member);
  pending->set_aside = GPOINTER_TO_INT (data);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  g_idle_add (on_use_idle, pending);
}

static GtkWidget *
value_section (const char *heading,
               const char *value,
               const char *use_name,
               Choice     *choice,
               gboolean    set_aside)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *text = gtk_label_new (value);
  GtkWidget *use = gtk_button_new_with_mnemonic (_("_Use This"));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 36);
  gtk_label_set_lines (GTK_LABEL (text), 6);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_bottom (text, 2);

  gtk_widget_set_halign (use, GTK_ALIGN_START);
  g_object_set_data (G_OBJECT (use), "wf-choice", choice);
  g_signal_connect (use, "clicked", G_CALLBACK (on_use), GINT_TO_POINTER (set_aside));
  gtk_accessible_update_property (GTK_ACCESSIBLE (use), GTK_ACCESSIBLE_PROPERTY_LABEL, use_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), use);

  return box;
}

/**
 * wf_conflict_button_new:
 * @journal: the team document's journal
 * @conflict: an open conflict of a member of an item on the map
 *
 * Returns: (transfer floating): a button that opens the conflict's
 *   popover, to put beside the member's field
 */
GtkWidget *
wf_conflict_button_new (WfTeamJournal        *journal,
                        const WfTeamConflict *conflict)
{
  WfDocument *document = wf_team_journal_get_document (journal);
  const char *member_label = wf_conflict_member_label (conflict->member);
  g_autofree char *on_map = wf_team_journal_get_map_value (journal, conflict->item, conflict->member);
  g_autofree char *map_text = wf_conflict_format_value (document, conflict->member, on_map);
  g_autofree char *aside_text = wf_conflict_format_value (document, conflict->member, conflict->value);
  g_autofree char *author = wf_conflict_format_author (journal, conflict);
  g_autofree char *heading = NULL;
  g_autofree char *aside_heading = NULL;
  g_autofree char *button_name = NULL;
  g_autofree char *use_aside = NULL;
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title;
  Choice *choice = g_new0 (Choice, 1);

  choice->journal = g_object_ref (journal);
  choice->seq = conflict->seq;
  choice->item = g_strdup (conflict->item);
  choice->member = g_strdup (conflict->member);
  g_object_set_data_full (G_OBJECT (button), "wf-choice", choice, choice_free);

  if (strcmp (conflict->member, "@item") == 0)
    {
      /* The item as a whole (an add of it met the one there): it is
       * named for what it is, and each version by its title. */
      WfItem *item = wf_document_lookup (document, conflict->item);
      gboolean card = WF_IS_CARD (item);

      heading = g_strdup (card ? _("Two Versions of This Card") : _("Two Versions of This Item"));
      button_name = g_strdup (card ? _("This card: two versions, choose one")
                                   : _("This item: two versions, choose one"));
      g_free (map_text);
      map_text = item != NULL ? item_title (item) : g_strdup (C_("value", "None"));
      g_free (aside_text);
      aside_text = state_title (conflict->value);
    }
  else
    {
      /* Translators: the heading of a conflict's popover; %s is a field, as "Title" */
      heading = g_strdup_printf (_("Two Changes to %s"), member_label);
      /* Translators: what a screen reader says for the button beside a field with a conflict */
      button_name = g_strdup_printf (_("%s: two changes, choose one"), member_label);
    }
  /* Translators: the value someone set that the map did not keep; %s is who and when */
  aside_heading = g_strdup_printf (_("Set aside: %s"), author);
  use_aside = g_strdup_printf (_("Use the value set aside by %s"), author);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "dialog-warning-symbolic");
  gtk_widget_set_tooltip_text (button, button_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "warning");
  gtk_widget_add_css_class (button, "wf-conflict-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);

  title = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), value_section (_("On the map"), map_text, _("Use the value on the map"), choice, FALSE));
  gtk_box_append (GTK_BOX (box), value_section (aside_heading, aside_text, use_aside, choice, TRUE));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_size_request (box, 260, -1);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  return button;
}

/**
 * wf_conflict_button_attach:
 * @field: an #AdwEntryRow or #AdwActionRow (the button goes at its end),
 *   or an #AdwPreferencesGroup (it goes into its header, after the
 *   buttons there)
 */
void
wf_conflict_button_attach (GtkWidget *button,
                           GtkWidget *field)
{
  g_object_set_data (G_OBJECT (button), "wf-field", field);

  if (ADW_IS_ENTRY_ROW (field))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (field), button);
  else if (ADW_IS_ACTION_ROW (field))
    adw_action_row_add_suffix (ADW_ACTION_ROW (field), button);
  else if (ADW_IS_PREFERENCES_GROUP (field))
    {
      /* The header holds one widget: a box of the buttons. */
      GtkWidget *box = g_object_get_data (G_OBJECT (field), "wf-conflict-box");

      if (box == NULL)
        {
          box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (field), box);
          g_object_set_data (G_OBJECT (field), "wf-conflict-box", box);
        }
      gtk_box_append (GTK_BOX (box), button);
    }
  else
    g_return_if_reached ();
}

void
wf_conflict_button_detach (GtkWidget *button)
{
  GtkWidget *field = g_object_get_data (G_OBJECT (button), "wf-field");

  if (field == NULL || gtk_widget_get_parent (button) == NULL)
    return;

  if (ADW_IS_ENTRY_ROW (field))
    adw_entry_row_remove (ADW_ENTRY_ROW (field), button);
  else if (ADW_IS_ACTION_ROW (field))
    adw_action_row_remove (ADW_ACTION_ROW (field), button);
  else if (ADW_IS_PREFERENCES_GROUP (field))
    {
      GtkWidget *box = gtk_widget_get_parent (button);

      gtk_box_remove (GTK_BOX (box), button);
      if (gtk_widget_get_first_child (box) == NULL)
        {
          g_object_set_data (G_OBJECT (field), "wf-conflict-box", NULL);
          adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (field), NULL);
        }
    }
  g_object_set_data (G_OBJECT (button), "wf-field", NULL);
}

/**
 * wf_conflict_buttons_update:
 * @buttons: (element-type GtkWidget): the buttons shown, replaced; it
 *   holds a reference on each (g_object_unref() as its free function)
 * @journal: (nullable): the team document's journal
 * @item: (nullable): the item shown
 * @field_of: the field of a member, or %NULL where it has none shown
 * @owner: for @field_of
 *
 * Puts a button beside each field of @item whose member has an open
 * conflict, taking away the ones there were.
 */
void
wf_conflict_buttons_update (GPtrArray  *buttons,
                            WfTeamJournal *journal,
                            WfItem     *item,
                            GtkWidget *(*field_of) (gpointer    owner,
                                                    const char *member),
                            gpointer    owner)
{
  g_autoptr(GPtrArray) conflicts = NULL;

  for (guint i = 0; i < buttons->len; i++)
    wf_conflict_button_detach (g_ptr_array_index (buttons, i));
  g_ptr_array_set_size (buttons, 0);

  if (journal == NULL || item == NULL)
    return;

  conflicts = wf_team_journal_list_conflicts (journal, wf_item_get_id (item));
  for (guint i = 0; i < conflicts->len; i++)
    {
      const WfTeamConflict *conflict = g_ptr_array_index (conflicts, i);
      GtkWidget *field = field_of (owner, conflict->member);
      GtkWidget *button;

      if (field == NULL)
        continue;
      button = g_object_ref_sink (wf_conflict_button_new (journal, conflict));
      wf_conflict_button_attach (button, field);
      g_ptr_array_add (buttons, button);
    }
}
