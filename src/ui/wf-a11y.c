/* wf-a11y.c — names for the parts GTK 4.8 leaves unnamed
 *
 * GTK 4.8 gives a widget without an accessible label the name of its
 * type, so Orca reads "GtkScrollbar" or "GtkMenuButton" (issue #20).
 * Our own widgets get their names in their .ui files; these functions
 * name the parts GTK makes inside widgets, which a .ui file cannot
 * reach: a scrolled window's bars, the button inside a menu button or a
 * drop-down, the list inside an expander row. And they keep a stack's
 * hidden pages out of what a screen reader walks.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wf-a11y.h"

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/**
 * wf_a11y_name_scroll_bars:
 * @root: a widget
 *
 * Names every scroll bar at or under @root by its direction, as a screen
 * reader then says it: "Vertical, scroll bar".
 */
void
wf_a11y_name_scroll_bars (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_SCROLLBAR (root))
    {
      GtkOrientation orientation = gtk_orientable_get_orientation (GTK_ORIENTABLE (root));

      set_label (root, orientation == GTK_ORIENTATION_VERTICAL ? _("Vertical") : _("Horizontal"));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    wf_a11y_name_scroll_bars (child);
}

/**
 * wf_a11y_name_inner_button:
 * @widget: a #GtkMenuButton or a #GtkDropDown
 * @label: its name
 *
 * Names the button GTK 4.8 makes inside @widget. A menu button's is
 * labelled by the menu button, which gets @label; a drop-down's has no
 * such link, and gets @label itself (the drop-down keeps what labels it:
 * both would make a screen reader say the name twice).
 */
void
wf_a11y_name_inner_button (GtkWidget  *widget,
                           const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_MENU_BUTTON (widget))
    {
      set_label (widget, label);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        set_label (child, label);
    }
}

/**
 * wf_a11y_name_inner_lists:
 * @root: a widget that holds lists of its own, as an #AdwExpanderRow does
 * @label: the name for them
 *
 * Names every #GtkListBox under @root (not @root itself).
 */
void
wf_a11y_name_inner_lists (GtkWidget  *root,
                          const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX (child))
        set_label (child, label);
      wf_a11y_name_inner_lists (child, label);
    }
}

/**
 * wf_a11y_name_icon_buttons:
 * @root: a widget
 *
 * Names every button at or under @root that shows only an icon, which
 * GTK 4.8 names "GtkImage": by its tooltip, or "Dismiss" for a close
 * button without one (a toast's, a dialog's).
 */
void
wf_a11y_name_icon_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (root))))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (root);
      const char *icon = gtk_button_get_icon_name (GTK_BUTTON (root));

      if (tooltip != NULL && *tooltip != '\0')
        set_label (root, tooltip);
      else if (g_strcmp0 (icon, "window-close-symbolic") == 0)
        set_label (root, _("Dismiss"));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    wf_a11y_name_icon_buttons (child);
}

static void
name_shortcuts_parts (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget) ||
      (GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "edit-find-symbolic") == 0))
    {
      set_label (widget, _("Search Shortcuts"));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    name_shortcuts_parts (child);
}

/**
 * wf_a11y_name_shortcuts_window:
 * @window: the window of keyboard shortcuts (Ctrl+?)
 *
 * Names what GTK 4.8 makes inside a #GtkShortcutsWindow, which its .ui
 * file cannot reach: the search entry, the button that shows it, the
 * search bar's close button and the scroll bars.
 */
void
wf_a11y_name_shortcuts_window (GtkWidget *window)
{
  g_return_if_fail (GTK_IS_SHORTCUTS_WINDOW (window));

  name_shortcuts_parts (window);
  wf_a11y_name_icon_buttons (window);
  wf_a11y_name_scroll_bars (window);
}

static void
update_stack_pages (GtkStack *stack)
{
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (stack);
  GtkWidget *visible = gtk_stack_get_visible_child (stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      GtkStackPage *page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = gtk_stack_page_get_child (page);
      const char *title = gtk_stack_page_get_title (page);

      /* GTK 4.8 names a page after its type, "GtkStackPage". */
      gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title != NULL ? title : "", -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_STATE_HIDDEN, child != visible, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, child != visible, -1);
      g_object_unref (page);
    }
}

static void
update_revealer (GtkRevealer *revealer)
{
  GtkWidget *child = gtk_revealer_get_child (revealer);

  if (child != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 !gtk_revealer_get_child_revealed (revealer) && !gtk_revealer_get_reveal_child (revealer),
                                 -1);
}

/* GTK 4.8 names a button with a mnemonic "_Open Open": its label, with
 * the underscore, and then the text of the label inside it, which it
 * is also labelled by. The inner label's text is enough. */
static void
update_mnemonic_button (GtkButton *button)
{
  if (gtk_button_get_label (button) == NULL || !gtk_button_get_use_underline (button))
    return;

  if (GTK_IS_LABEL (gtk_button_get_child (button)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Hides the shown value and the arrow inside a drop-down, not its
 * popover's list of choices. */
static void
hide_drop_down_insides (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        continue;
      if (GTK_IS_LIST_VIEW (child) || GTK_IS_IMAGE (child) ||
          g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkListItemWidget"))
        gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      else
        hide_drop_down_insides (child);
    }
}

/* What a drop-down shows for @item. */
static char *
item_text (gpointer       item,
           GtkExpression *expression)
{
  char *value = NULL;

  if (item != NULL && expression != NULL)
    {
      GValue result = G_VALUE_INIT;

      if (gtk_expression_evaluate (expression, item, &result))
        {
          if (G_VALUE_HOLDS_STRING (&result))
            value = g_value_dup_string (&result);
          g_value_unset (&result);
        }
    }
  else if (GTK_IS_STRING_OBJECT (item))
    value = g_strdup (gtk_string_object_get_string (item));

  return value;
}

/* The text of the labels at or under @widget, one after the other. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (widget));

      if (label != NULL && *label != '\0')
        {
          if (text->len > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, label);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static void
name_choice (GtkWidget *row)
{
  g_autoptr(GString) text = g_string_new (NULL);

  collect_text (row, text);
  set_label (row, text->str);
}

static void
on_choice_label_notify (GtkWidget  *label,
                        GParamSpec *pspec,
                        GtkWidget  *row)
{
  name_choice (row);
}

static void
connect_choice_labels (GtkWidget *widget,
                       GtkWidget *row)
{
  if (GTK_IS_LABEL (widget))
    g_signal_connect_object (widget, "notify::label", G_CALLBACK (on_choice_label_notify), row, 0);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    connect_choice_labels (child, row);
}

/* GTK 4.8 leaves a list view's rows unnamed: the text is on a label in
 * the row the factory made. Each row of a drop-down's list of choices is
 * named by its text, again when the row is used for another choice. */
static void
name_choices (GtkWidget *list)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      if (!g_object_get_data (G_OBJECT (row), "wf-a11y-choice"))
        {
          g_object_set_data (G_OBJECT (row), "wf-a11y-choice", GINT_TO_POINTER (TRUE));
          connect_choice_labels (row, row);
        }
      name_choice (row);
    }
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The list in the popover of @widget, a drop-down or a drop-down row,
 * is named @label, and its rows by their text when it is shown. */
static void
watch_choices (GtkWidget  *widget,
               const char *label)
{
  GtkWidget *popover = find_widget (widget, GTK_TYPE_POPOVER);
  GtkWidget *list = popover ? find_widget (popover, GTK_TYPE_LIST_VIEW) : NULL;

  if (list == NULL)
    return;

  set_label (list, label);
  if (!g_object_get_data (G_OBJECT (list), "wf-a11y-choices"))
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));

      g_object_set_data (G_OBJECT (list), "wf-a11y-choices", GINT_TO_POINTER (TRUE));
      g_signal_connect (list, "map", G_CALLBACK (name_choices), NULL);
      if (adjustment != NULL)
        g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (name_choices), list, G_CONNECT_SWAPPED);
    }
}

/* A drop-down row: GTK 4.8 names it "Channel Channel" (its label and the
 * title it is labelled by) and keeps its value in an unnamed child. The
 * row says its title, and its value as its description. */
static void
update_combo_row (AdwComboRow *row)
{
  gpointer item = adw_combo_row_get_selected_item (row);
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *name = NULL;
  g_autofree char *value = item_text (item, adw_combo_row_get_expression (row));

  if (title == NULL ||
      !adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)) ||
      !pango_parse_markup (title, -1, '_', NULL, &name, NULL, NULL))
    name = g_strdup (title != NULL ? title : "");

  hide_drop_down_insides (GTK_WIDGET (row));
  watch_choices (GTK_WIDGET (row), name);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value != NULL ? value : "",
                                  -1);
}

/* A drop-down: named by its mnemonic label, or the name given with
 * wf_a11y_name_drop_down(), its value as its description (rather than
 * its tooltip) on it and on the button inside it, which takes the focus;
 * the value shown inside is hidden. A drop-down without a label (the map
 * switcher in the header bar) names that button too, which GTK 4.8
 * would call "GtkToggleButton". */
static void
update_drop_down (GtkDropDown *drop_down)
{
  g_autofree char *value = item_text (gtk_drop_down_get_selected_item (drop_down),
                                      gtk_drop_down_get_expression (drop_down));
  g_autoptr(GList) labels = gtk_widget_list_mnemonic_labels (GTK_WIDGET (drop_down));
  const char *own = g_object_get_data (G_OBJECT (drop_down), "wf-a11y-label");
  const char *name = labels != NULL ? gtk_label_get_text (labels->data) : own;

  hide_drop_down_insides (GTK_WIDGET (drop_down));
  if (name != NULL)
    watch_choices (GTK_WIDGET (drop_down), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value != NULL ? value : "",
                                  -1);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down)); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value != NULL ? value : "",
                                        -1);
        if (labels == NULL && own != NULL)
          set_label (child, own);
      }
}

/* GTK shows a widget again to a screen reader when it is shown. */
static void
hide_decoration (GtkWidget *image)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

/* The icons at or under @widget that only decorate it (an entry row's
 * pencil, an expander row's arrow), not those that are a button's face, are hidden: GTK 4.8
 * would say "GtkImage". */
static void
hide_decorations (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        continue;
      if (!GTK_IS_IMAGE (child))
        hide_decorations (child);
      else if (!g_object_get_data (G_OBJECT (child), "wf-a11y-decoration"))
        {
          g_object_set_data (G_OBJECT (child), "wf-a11y-decoration", GINT_TO_POINTER (TRUE));
          g_signal_connect (child, "notify::visible", G_CALLBACK (hide_decoration), NULL);
          hide_decoration (child);
        }
    }
}

/* An expander row: GTK 4.8 leaves it unnamed (its title is on a row
 * inside it) and does not say whether it is open. */
static void
update_expander_row (AdwExpanderRow *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  const char *subtitle = adw_expander_row_get_subtitle (row);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle != NULL ? subtitle : "",
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_EXPANDED,
                               adw_expander_row_get_expanded (row), -1);
  /* Its arrow says nothing that the expanded state does not. */
  hide_decorations (GTK_WIDGET (row));
}

/* A flap folded away is, like a closed revealer, not there to read. */
static void
update_flap (AdwFlap *flap)
{
  GtkWidget *child = adw_flap_get_flap (flap);

  if (child != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 !adw_flap_get_reveal_flap (flap), -1);
}

/* libadwaita 1.2 keeps an entry row's text in a GtkText whose role is
 * "none": when it takes the focus, GTK 4.8 tells a screen reader only
 * that an internal AdwGizmo lost it, and nothing has the focused state
 * (issue #20). As a text box of its own, named as the row, the text
 * reports its focus. Its role can change only before a screen reader
 * first asked for it: while the row is not yet in a window shown. */
static void
update_entry_row (AdwEntryRow *row)
{
  GtkWidget *text = find_widget (GTK_WIDGET (row), GTK_TYPE_TEXT);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
  const char *label = g_object_get_data (G_OBJECT (row), "wf-a11y-label");
  g_autofree char *title = NULL;

  if (text == NULL)
    return;

  hide_decorations (GTK_WIDGET (row));
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (text)) == GTK_ACCESSIBLE_ROLE_NONE)
    {
      if (root != NULL && gtk_widget_get_realized (GTK_WIDGET (root)))
        return;
      g_object_set (text, "accessible-role", GTK_ACCESSIBLE_ROLE_TEXT_BOX, NULL);
    }

  if (label == NULL)
    {
      const char *row_title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      if (row_title == NULL ||
          !adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)) ||
          !pango_parse_markup (row_title, -1, '_', NULL, &title, NULL, NULL))
        title = g_strdup (row_title != NULL ? row_title : "");
      label = title;
    }
  set_label (text, label);
}

/* GTK 4.8 gives that text box no Text interface (the row has it): a
 * screen reader on it hears the name but not what is in the field. Its
 * description says the text, as it is when the focus comes; never a
 * password's. */
static void
describe_entry_text (AdwEntryRow *row)
{
  GtkWidget *text = find_widget (GTK_WIDGET (row), GTK_TYPE_TEXT);

  if (text == NULL || ADW_IS_PASSWORD_ENTRY_ROW (row))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_editable_get_text (GTK_EDITABLE (row)), -1);
}

/**
 * wf_a11y_label_only:
 * @widget: a widget labelled by another one, and named in its .ui file
 * @label: its name
 *
 * Names @widget @label alone: GTK 4.8 would say its label and then the
 * text of what labels it ("Votes Votes", "Card title Title").
 */
void
wf_a11y_label_only (GtkWidget  *widget,
                    const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  set_label (widget, label);
  if (ADW_IS_ENTRY_ROW (widget))
    {
      g_object_set_data_full (G_OBJECT (widget), "wf-a11y-label", g_strdup (label), g_free);
      update_entry_row (ADW_ENTRY_ROW (widget));
    }
}

/**
 * wf_a11y_name_drop_down:
 * @drop_down: a #GtkDropDown that no label names, as the map switcher
 * @label: its name
 *
 * Names @drop_down, the button inside it that takes the focus and the
 * list of its choices @label; the button says the value as its
 * description, and each choice its text, as under wf_a11y_watch().
 */
void
wf_a11y_name_drop_down (GtkWidget  *drop_down,
                        const char *label)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  g_object_set_data_full (G_OBJECT (drop_down), "wf-a11y-label", g_strdup (label), g_free);
  set_label (drop_down, label);
  update_drop_down (GTK_DROP_DOWN (drop_down));
}

/**
 * wf_a11y_watch:
 * @root: a widget
 *
 * Keeps what GTK 4.8 tells a screen reader of the widgets at or under
 * @root right as they change: the pages a stack does not show and what a
 * closed revealer holds are hidden (GTK presents them all, so the
 * editor's controls were read out on the start page), a stack page is
 * named by its title rather than "GtkStackPage", a button with a
 * mnemonic is named without the underscore, and a drop-down row by its
 * title, with its value as its description; a drop-down too, and the
 * choices in their lists by their text; an expander row says its title
 * and whether it is open; a flap folded away is hidden; an entry row's
 * text, as the row, reports its focus.
 */
void
wf_a11y_watch (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (!g_object_get_data (G_OBJECT (root), "wf-a11y-watched"))
    {
      if (GTK_IS_STACK (root))
        {
          g_signal_connect (root, "notify::visible-child", G_CALLBACK (update_stack_pages), NULL);
          update_stack_pages (GTK_STACK (root));
        }
      else if (GTK_IS_REVEALER (root))
        {
          g_signal_connect (root, "notify::child-revealed", G_CALLBACK (update_revealer), NULL);
          g_signal_connect (root, "notify::reveal-child", G_CALLBACK (update_revealer), NULL);
          update_revealer (GTK_REVEALER (root));
        }
      else if (ADW_IS_COMBO_ROW (root))
        {
          g_signal_connect (root, "notify::selected-item", G_CALLBACK (update_combo_row), NULL);
          g_signal_connect (root, "notify::title", G_CALLBACK (update_combo_row), NULL);
          update_combo_row (ADW_COMBO_ROW (root));
        }
      else if (GTK_IS_DROP_DOWN (root))
        {
          g_signal_connect (root, "notify::selected-item", G_CALLBACK (update_drop_down), NULL);
          update_drop_down (GTK_DROP_DOWN (root));
        }
      else if (ADW_IS_EXPANDER_ROW (root))
        {
          g_signal_connect (root, "notify::expanded", G_CALLBACK (update_expander_row), NULL);
          g_signal_connect (root, "notify::title", G_CALLBACK (update_expander_row), NULL);
          g_signal_connect (root, "notify::subtitle", G_CALLBACK (update_expander_row), NULL);
          update_expander_row (ADW_EXPANDER_ROW (root));
        }
      else if (ADW_IS_ENTRY_ROW (root))
        {
          g_signal_connect (root, "notify::title", G_CALLBACK (update_entry_row), NULL);
          g_signal_connect (root, "changed", G_CALLBACK (describe_entry_text), NULL);
          update_entry_row (ADW_ENTRY_ROW (root));
          describe_entry_text (ADW_ENTRY_ROW (root));
        }
      else if (ADW_IS_FLAP (root))
        {
          g_signal_connect (root, "notify::reveal-flap", G_CALLBACK (update_flap), NULL);
          g_signal_connect (root, "notify::flap", G_CALLBACK (update_flap), NULL);
          update_flap (ADW_FLAP (root));
        }
      else if (GTK_IS_BUTTON (root))
        {
          g_signal_connect (root, "notify::label", G_CALLBACK (update_mnemonic_button), NULL);
          update_mnemonic_button (GTK_BUTTON (root));
        }
      g_object_set_data (G_OBJECT (root), "wf-a11y-watched", GINT_TO_POINTER (TRUE));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    wf_a11y_watch (child);
}
