/* wf-canvas-editor.c — a card's title or a link's label edited in place
 *
 * A popover with an entry, over the card or at the middle of the link;
 * Enter sets the text as one undoable step.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wf-canvas-private.h"

static void
on_editor_activate (GtkEntry *entry,
                    WfCanvas *self)
{
  if (self->editor.card != NULL && wf_item_get_document (WF_ITEM (self->editor.card)) == self->document)
    {
      wf_edit_set (self->editor.card, "title", gtk_editable_get_text (GTK_EDITABLE (entry)), NULL);
      wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
    }
  else if (self->editor.link != NULL && wf_item_get_document (WF_ITEM (self->editor.link)) == self->document)
    {
      if (g_strcmp0 (wf_link_get_label (self->editor.link), gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
        wf_edit_set (self->editor.link, "label", gtk_editable_get_text (GTK_EDITABLE (entry)), NULL);
      wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
    }

  gtk_popover_popdown (GTK_POPOVER (self->editor.popover));
}

static void
on_editor_closed (WfCanvas *self)
{
  self->editor.card = NULL;
  self->editor.link = NULL;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* The popover with an entry that edits a card's title or a link's label. */
static GtkWidget *
get_editor (WfCanvas   *self,
            const char *label)
{
  GtkWidget *entry;

  if (self->editor.popover == NULL)
    {
      self->editor.popover = gtk_popover_new ();
      entry = gtk_entry_new ();
      gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 28);
      g_signal_connect (entry, "activate", G_CALLBACK (on_editor_activate), self);
      gtk_popover_set_child (GTK_POPOVER (self->editor.popover), entry);
      gtk_widget_set_parent (self->editor.popover, GTK_WIDGET (self));
      g_signal_connect_swapped (self->editor.popover, "closed", G_CALLBACK (on_editor_closed), self);
    }

  entry = gtk_popover_get_child (GTK_POPOVER (self->editor.popover));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  self->editor.card = NULL;
  self->editor.link = NULL;

  return entry;
}

/**
 * wf_canvas_edit_link_label:
 *
 * Opens an entry at the middle of @link that edits its label.
 */
void
wf_canvas_edit_link_label (WfCanvas *self,
                           WfLink   *link)
{
  graphene_point_t middle;
  GtkWidget *entry;

  g_return_if_fail (WF_IS_CANVAS (self));
  g_return_if_fail (WF_IS_LINK (link));

  if (self->scene == NULL || !wf_scene_get_link_middle (self->scene, link, &middle))
    return;

  entry = get_editor (self, _("Link label"));
  self->editor.link = link;
  gtk_editable_set_text (GTK_EDITABLE (entry), wf_link_get_label (link));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->editor.popover),
                               &(GdkRectangle) {
                                 (middle.x - self->view.offset_x) * self->view.zoom - 1,
                                 (middle.y - self->view.offset_y) * self->view.zoom - 1, 2, 2 });
  gtk_popover_popup (GTK_POPOVER (self->editor.popover));
  gtk_widget_grab_focus (entry);
}

void
wf_canvas_edit_title (WfCanvas *self,
                      WfCard   *card)
{
  graphene_rect_t bounds;
  GtkWidget *entry;

  g_return_if_fail (WF_IS_CANVAS (self));

  if (self->scene == NULL || !wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), card, &bounds))
    return;

  wf_canvas_reveal_card (self, card);

  entry = get_editor (self, _("Card title"));
  self->editor.card = card;
  gtk_editable_set_text (GTK_EDITABLE (entry), wf_card_get_title (card));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->editor.popover),
                               &(GdkRectangle) {
                                 (bounds.origin.x - self->view.offset_x) * self->view.zoom,
                                 (bounds.origin.y - self->view.offset_y) * self->view.zoom,
                                 bounds.size.width * self->view.zoom,
                                 bounds.size.height * self->view.zoom });
  gtk_popover_popup (GTK_POPOVER (self->editor.popover));
  gtk_widget_grab_focus (entry);
}
