/* wf-a11y.c — names for the parts GTK 4.8 leaves unnamed
 *
 * GTK 4.8 gives a widget without an accessible label the name of its
 * type, so Orca reads "GtkScrollbar" or "GtkMenuButton" (issue #20).
 * Our own widgets get their names in their .ui files; these functions
 * name the parts GTK makes inside widgets, which a .ui file cannot
 * reach: a scrolled window's bars, the button inside a menu button or a
 * drop-down, the list inside an expander row.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
