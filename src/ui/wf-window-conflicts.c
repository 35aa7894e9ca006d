/* wf-window-conflicts.c — a team document's open conflicts in its window
 *
 * What the window shows of the conflicts its WfTeamJournal keeps
 * (docs/team-library.md, "How a conflict is shown"): the canvas marks
 * the items that have one and the sidebar offers both values of a
 * member (wf-canvas-conflicts.c, wf-conflict-popover.c, both through
 * wf_canvas_set_team_journal()); an item that is no longer on the map
 * because a removal met an edit, or an edit met a removal, is listed
 * in a bar above the map, "Anna deleted “Plan page” after it was
 * changed", with Restore and Dismiss. A change to what the canvas has
 * no place to mark (the document's title, a map's, a link's label) is
 * listed there too, with the sidebar's popover to choose.
 *
 * The window's code calls _wf_window_attach_conflicts() when it makes
 * the journal of a team document and _wf_window_detach_conflicts()
 * before it closes it; what this keeps lives on the window as object
 * data.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wf-conflict-popover.h"
#include "wf-window-conflicts.h"
#include "wf-window-private.h"

#define DATA_KEY "wf-window-conflicts"

typedef struct
{
  WfTeamJournal *journal;
  GtkWidget     *revealer;  /* in the canvas's overlay */
  GtkWidget     *rows;
} Conflicts;

/* A button's conflict, carried out once the click is over: it takes
 * the bar's rows away. */
typedef struct
{
  WfTeamJournal *journal;
  gint64         seq;
  char          *item;
  char          *member;
  gboolean       restore;
} Choice;

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_clear_object (&choice->journal);
  g_free (choice->item);
  g_free (choice->member);
  g_free (choice);
}

static void
conflicts_free (gpointer data)
{
  Conflicts *c = data;
  GtkWidget *overlay = gtk_widget_get_parent (c->revealer);

  g_signal_handlers_disconnect_by_data (c->journal, c);
  g_signal_handlers_disconnect_by_data (wf_team_journal_get_document (c->journal), c);
  if (GTK_IS_OVERLAY (overlay))
    gtk_overlay_remove_overlay (GTK_OVERLAY (overlay), c->revealer);
  g_object_unref (c->revealer);
  g_object_unref (c->journal);
  g_free (c);
}

/* The title a removed item had, from the value set aside: the item's
 * state {type, parent, pos, value}, an add's value, or the title set. */
static char *
title_of (const WfTeamConflict *conflict)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *node;
  JsonObject *object;

  if (conflict->value == NULL || !json_parser_load_from_data (parser, conflict->value, -1, NULL))
    return NULL;

  node = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      (strcmp (conflict->member, "title") == 0 || strcmp (conflict->member, "name") == 0))
    return g_strdup (json_node_get_string (node));
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  if (json_object_has_member (object, "type") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "value")))
    object = json_object_get_object_member (object, "value");

  if (json_object_has_member (object, "title"))
    return g_strdup (json_object_get_string_member_with_default (object, "title", NULL));
  if (json_object_has_member (object, "name"))
    return g_strdup (json_object_get_string_member_with_default (object, "name", NULL));

  return NULL;
}

static gboolean
is_removal (const WfTeamConflict *conflict)
{
  return strcmp (conflict->member, "@item") == 0 &&
         (conflict->value == NULL || strstr (conflict->value, "\"type\"") != NULL);
}

/* What happened, in a sentence. */
static char *
describe (WfTeamJournal        *journal,
          const WfTeamConflict *conflict)
{
  g_autofree char *title = title_of (conflict);
  gboolean own = wf_team_journal_is_own_change (journal, conflict->seq);
  const char *who = conflict->author != NULL && conflict->author[0] != '\0' ? conflict->author : _("Someone");
  gboolean titled = title != NULL && title[0] != '\0';
  const char *editor = wf_team_journal_get_editor (journal, conflict->item);

  if (is_removal (conflict) && own && titled && editor != NULL)
    /* Translators: %1$s is the title of what you deleted, %2$s the team member who changed it */
    return g_strdup_printf (_("You deleted “%1$s” after %2$s changed it"), title, editor);
  if (is_removal (conflict) && own)
    return titled ? g_strdup_printf (_("You deleted “%s” after someone else changed it"), title)
                  : g_strdup (_("You deleted an item after someone else changed it"));
  if (is_removal (conflict))
    /* Translators: %1$s is a team member, %2$s the title of what they deleted */
    return titled ? g_strdup_printf (_("%1$s deleted “%2$s” after it was changed"), who, title)
                  : g_strdup_printf (_("%s deleted an item after it was changed"), who);
  if (own)
    return titled ? g_strdup_printf (_("“%s” was deleted before your change reached the team"), title)
                  : g_strdup (_("An item was deleted before your change reached the team"));

  return titled ? g_strdup_printf (_("%1$s changed “%2$s” after it was deleted"), who, title)
                : g_strdup_printf (_("%s changed an item after it was deleted"), who);
}

static gboolean
on_choice_idle (gpointer data)
{
  Choice *choice = data;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (choice->restore)
    done = wf_team_journal_restore (choice->journal, choice->seq, choice->item, choice->member, &error);
  else
    done = wf_team_journal_resolve (choice->journal, choice->seq, choice->item, choice->member, FALSE, &error);
  if (!done)
    g_message ("Conflict not resolved: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
on_button_clicked (GtkButton *button)
{
  Choice *choice = g_object_get_data (G_OBJECT (button), "wf-choice");
  Choice *copy = g_new0 (Choice, 1);

  copy->journal = g_object_ref (choice->journal);
  copy->seq = choice->seq;
  copy->item = g_strdup (choice->item);
  copy->member = g_strdup (choice->member);
  copy->restore = choice->restore;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_choice_idle, copy, choice_free);
}

static GtkWidget *
make_button (Conflicts            *c,
             const WfTeamConflict *conflict,
             const char           *label,
             const char           *name,
             gboolean              restore)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  Choice *choice = g_new0 (Choice, 1);

  choice->journal = g_object_ref (c->journal);
  choice->seq = conflict->seq;
  choice->item = g_strdup (conflict->item);
  choice->member = g_strdup (conflict->member);
  choice->restore = restore;
  g_object_set_data_full (G_OBJECT (button), "wf-choice", choice, choice_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_button_clicked), NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  return button;
}

static void
add_row (Conflicts            *c,
         const WfTeamConflict *conflict)
{
  g_autofree char *text = describe (c->journal, conflict);
  g_autofree char *restore_name = NULL;
  g_autofree char *dismiss_name = NULL;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "dialog-warning-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *restore, *dismiss;

  /* Translators: what a screen reader says for a button of the bar; %s is what it says above the map */
  restore_name = g_strdup_printf (_("Restore: %s"), text);
  /* Translators: what a screen reader says for a button of the bar; %s is what it says above the map */
  dismiss_name = g_strdup_printf (_("Dismiss: %s"), text);

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Conflict"), -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);

  restore = make_button (c, conflict, _("_Restore"), restore_name, TRUE);
  dismiss = make_button (c, conflict, C_("conflict", "_Dismiss"), dismiss_name, FALSE);
  gtk_widget_add_css_class (dismiss, "flat");

  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), restore);
  gtk_box_append (GTK_BOX (row), dismiss);
  gtk_box_append (GTK_BOX (c->rows), row);
}

/* A member of the document, a map or a link: the popover of the
 * sidebar, from a button in the bar. */
static void
add_choice_row (Conflicts            *c,
                const WfTeamConflict *conflict,
                WfItem               *item)
{
  const char *member = wf_conflict_member_label (conflict->member);
  g_autofree char *text = NULL;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "dialog-warning-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *label;
  GtkWidget *button;

  if (WF_IS_DOCUMENT (item))
    /* Translators: %s is a field, as "Title" */
    text = g_strdup_printf (_("%s of the document: two changes"), member);
  else if (WF_IS_MAP (item))
    /* Translators: %1$s is a field, as "Title", %2$s a map's title */
    text = g_strdup_printf (_("%1$s of map “%2$s”: two changes"), member, wf_map_get_title (WF_MAP (item)));
  else
    /* Translators: %s is a field, as "Label" */
    text = g_strdup_printf (_("%s of a link: two changes"), member);

  label = gtk_label_new (text);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Conflict"), -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);

  button = wf_conflict_button_new (c->journal, conflict);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Choose…"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_remove_css_class (button, "flat");

  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (c->rows), row);
}

/* Lists the conflicts whose item is not on the map, or not on the
 * canvas to be marked, and shows the bar when there are any. */
static void
update_bar (Conflicts *c)
{
  WfDocument *document = wf_team_journal_get_document (c->journal);
  g_autoptr(GPtrArray) conflicts = wf_team_journal_list_conflicts (c->journal, NULL);
  GtkWidget *child;
  guint n = 0;

  g_autoptr(GHashTable) removals = g_hash_table_new (g_str_hash, g_str_equal);

  while ((child = gtk_widget_get_first_child (c->rows)) != NULL)
    gtk_box_remove (GTK_BOX (c->rows), child);

  /* A removal that met an edit holds the item's older conflicts: Restore
   * brings them back with it, Dismiss closes them. */
  for (guint i = 0; i < conflicts->len; i++)
    {
      WfTeamConflict *conflict = g_ptr_array_index (conflicts, i);
      WfTeamConflict *known;

      if (!is_removal (conflict))
        continue;
      known = g_hash_table_lookup (removals, conflict->item);
      if (known == NULL || known->seq < conflict->seq)
        g_hash_table_insert (removals, conflict->item, conflict);
    }

  for (guint i = 0; i < conflicts->len; i++)
    {
      const WfTeamConflict *conflict = g_ptr_array_index (conflicts, i);
      WfItem *item = conflict->item[0] == '\0' ? WF_ITEM (document) : wf_document_lookup (document, conflict->item);
      const WfTeamConflict *removal = g_hash_table_lookup (removals, conflict->item);

      if (item == NULL && !is_removal (conflict) && removal != NULL && removal->seq > conflict->seq)
        continue;
      if (item == NULL)
        add_row (c, conflict);
      else if ((WF_IS_DOCUMENT (item) || WF_IS_MAP (item) || WF_IS_LINK (item)) &&
               strcmp (conflict->member, "@item") != 0)
        add_choice_row (c, conflict, item);
      else
        continue;
      n++;
    }

  gtk_revealer_set_reveal_child (GTK_REVEALER (c->revealer), n > 0);
  gtk_widget_set_visible (c->revealer, n > 0);
}

/* Restored by someone else (the item came back) or removed now: the
 * item's presence decides whether it is listed. */
static void
on_document_changed (Conflicts *c)
{
  update_bar (c);
}

/**
 * _wf_window_attach_conflicts:
 * @journal: the journal of the team document the window shows
 *
 * Marks the items with an open conflict on the canvas, offers both
 * values in the sidebar, and lists removals that met an edit in a bar
 * above the map, following the journal's conflicts.
 */
void
_wf_window_attach_conflicts (WfWindow      *self,
                             WfTeamJournal *journal)
{
  Conflicts *c;
  GtkWidget *bar;

  g_return_if_fail (WF_IS_WINDOW (self));
  g_return_if_fail (WF_IS_TEAM_JOURNAL (journal));

  _wf_window_detach_conflicts (self);

  c = g_new0 (Conflicts, 1);
  c->journal = g_object_ref (journal);

  c->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (bar, "card");
  gtk_widget_add_css_class (bar, "wf-removal-bar");
  gtk_widget_set_margin_top (c->rows, 6);
  gtk_widget_set_margin_bottom (c->rows, 6);
  gtk_widget_set_margin_start (c->rows, 12);
  gtk_widget_set_margin_end (c->rows, 6);
  gtk_box_append (GTK_BOX (bar), c->rows);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Deleted while changed"), -1);

  c->revealer = g_object_ref_sink (gtk_revealer_new ());
  gtk_revealer_set_transition_type (GTK_REVEALER (c->revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (GTK_REVEALER (c->revealer), bar);
  gtk_widget_set_valign (c->revealer, GTK_ALIGN_START);
  gtk_widget_set_halign (c->revealer, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (c->revealer, 6);
  gtk_widget_set_margin_start (c->revealer, 12);
  gtk_widget_set_margin_end (c->revealer, 12);
  gtk_overlay_add_overlay (self->canvas_overlay, c->revealer);

  g_object_set_data_full (G_OBJECT (self), DATA_KEY, c, conflicts_free);
  g_signal_connect_swapped (journal, "conflicts-changed", G_CALLBACK (update_bar), c);
  g_signal_connect_swapped (wf_team_journal_get_document (journal), "item-added",
                            G_CALLBACK (on_document_changed), c);
  g_signal_connect_swapped (wf_team_journal_get_document (journal), "item-removed",
                            G_CALLBACK (on_document_changed), c);

  wf_canvas_set_team_journal (self->canvas, journal);
  update_bar (c);
}

/**
 * _wf_window_detach_conflicts:
 *
 * Takes away what _wf_window_attach_conflicts() showed.
 */
void
_wf_window_detach_conflicts (WfWindow *self)
{
  Conflicts *c;

  g_return_if_fail (WF_IS_WINDOW (self));

  if ((c = g_object_get_data (G_OBJECT (self), DATA_KEY)) == NULL)
    return;

  if (self->canvas != NULL)
    wf_canvas_set_team_journal (self->canvas, NULL);
  g_object_set_data (G_OBJECT (self), DATA_KEY, NULL);
}

/**
 * _wf_window_get_removal_bar:
 *
 * For tests. Returns: (nullable) (transfer none): the bar's revealer
 */
GtkWidget *
_wf_window_get_removal_bar (WfWindow *self)
{
  Conflicts *c = g_object_get_data (G_OBJECT (self), DATA_KEY);

  return c != NULL ? c->revealer : NULL;
}
