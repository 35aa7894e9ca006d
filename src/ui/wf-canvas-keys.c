/* wf-canvas-keys.c — the keyboard on the canvas, and its actions
 *
 * The keyboard focus moving from card to card (arrows) and the focused
 * card moving (Ctrl or Alt with arrows); Space held for panning; the
 * canvas's actions and their keys: zoom, edit, delete, insert, the
 * clipboard (copy, cut, paste, duplicate; a picture pasted onto the
 * selected card or persona), link and unlink.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "storage/wf-clipboard.h"
#include "wf-canvas-private.h"
#include "wf-picture-editor.h"
#include "wf-toast.h"

/* How many cards a row of @phase's cell in layout row @row holds side by
 * side: an emotions lane's and a collapsed lane's are all in one. */
static guint
cards_per_row (WfCanvas *self,
               guint     phase,
               int       row,
               guint     n_cards)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  const WfRow *r = wf_layout_get_row (layout, row);

  if (wf_lane_get_collapsed (r->lane) || wf_layout_is_emotion_row (layout, row))
    return MAX (n_cards, 1);
  return MAX (wf_layout_get_cards_per_row (layout, phase), 1);
}

/* The neighbour of the focused card in a direction, in the same lane for
 * left and right (across phases), in the same phase for up and down
 * (across lanes).
 */
static WfCard *
neighbour (WfCanvas  *self,
           WfCard    *card,
           int        dx,
           int        dy,
           WfPhase  **goal_phase)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  int phase = wf_map_get_phase_index (self->map, wf_card_get_phase (card));
  int row = wf_layout_get_lane_row (layout, wf_card_get_lane (card));
  int index = wf_map_get_card_index (self->map, card);
  guint n_phases = wf_map_get_n_phases (self->map);

  if (dx != 0)
    {
      GPtrArray *cell = wf_map_get_cell (self->map, wf_card_get_phase (card), wf_card_get_lane (card));

      if (index + dx >= 0 && index + dx < (int) cell->len)
        return g_ptr_array_index (cell, index + dx);

      for (int p = phase + dx; p >= 0 && p < (int) n_phases; p += dx)
        {
          GPtrArray *next = wf_map_get_cell (self->map, wf_map_get_phase (self->map, p), wf_card_get_lane (card));

          if (next != NULL && next->len > 0)
            return g_ptr_array_index (next, dx > 0 ? 0 : next->len - 1);
        }
      return NULL;
    }

  /* Up and down keep to a phase, as a text editor keeps to a column:
   * the card above or below in its cell, then the next lane with cards,
   * at the card in that phase there; a lane without one gets its card
   * nearest to the phase, and the next step goes back to it. So every
   * lane can be reached, and a column is not lost on the way. */
  {
    WfPhase *column = self->selection.goal_card == card && self->selection.goal != NULL &&
                      wf_map_get_phase_index (self->map, self->selection.goal) >= 0
                      ? self->selection.goal : wf_card_get_phase (card);
    int goal = wf_map_get_phase_index (self->map, column);
    GPtrArray *cell = wf_map_get_cell (self->map, wf_card_get_phase (card), wf_card_get_lane (card));
    guint per_row = cards_per_row (self, phase, row, cell->len);
    guint place = (guint) index % per_row;
    int other_index = index + dy * (int) per_row;

    if (goal_phase != NULL)
      *goal_phase = column;

    if (other_index >= 0 && other_index < (int) cell->len)
      return g_ptr_array_index (cell, other_index);
    /* Below, in a last row of cards shorter than this one. */
    if (dy > 0 && (guint) index / per_row < (cell->len - 1) / per_row)
      return g_ptr_array_index (cell, cell->len - 1);

    for (int r = row + dy; r >= 0 && r < (int) wf_layout_get_n_rows (layout); r += dy)
      {
        const WfRow *other = wf_layout_get_row (layout, r);
        GPtrArray *next;
        guint next_per_row;
        guint first;

        if (other->lane == NULL)
          continue;

        next = wf_map_get_cell (self->map, column, other->lane);
        if (next != NULL && next->len > 0)
          {
            next_per_row = cards_per_row (self, goal, r, next->len);
            first = dy > 0 ? 0 : (next->len - 1) / next_per_row * next_per_row;
            return g_ptr_array_index (next, MIN (first + MIN (place, next_per_row - 1), next->len - 1));
          }

        /* No card in the phase here: the one nearest to it, if any; not
         * while presenting, where the keys stay in the phase in the light. */
        if (wf_canvas_get_presenting (self))
          continue;
        for (guint distance = 1; distance < n_phases; distance++)
          for (int side = -1; side <= 1; side += 2)
            {
              int p = goal + side * (int) distance;

              if (p < 0 || p >= (int) n_phases)
                continue;
              next = wf_map_get_cell (self->map, wf_map_get_phase (self->map, p), other->lane);
              if (next != NULL && next->len > 0)
                return g_ptr_array_index (next, dy > 0 ? 0 : next->len - 1);
            }
      }
  }

  return NULL;
}

/* The first card in reading order, or the first of those in @area. */
static WfCard *
first_card_in (WfCanvas              *self,
               const graphene_rect_t *area)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);

  for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
    {
      const WfRow *row = wf_layout_get_row (layout, r);

      for (guint p = 0; row->lane != NULL && p < wf_map_get_n_phases (self->map); p++)
        {
          GPtrArray *cell = wf_map_get_cell (self->map, wf_map_get_phase (self->map, p), row->lane);

          for (guint i = 0; cell != NULL && i < cell->len; i++)
            {
              graphene_rect_t bounds;

              if (area == NULL)
                return g_ptr_array_index (cell, 0);
              if (wf_layout_get_card_bounds (layout, g_ptr_array_index (cell, i), &bounds) &&
                  graphene_rect_intersection (area, &bounds, NULL))
                return g_ptr_array_index (cell, i);
            }
        }
    }

  return NULL;
}

static WfCard *
first_card (WfCanvas *self)
{
  return first_card_in (self, NULL);
}

/* The keyboard arrives (Tab): a card shows it at once, the first one in
 * view when none had the focus yet.
 */
static void
show_keyboard_focus (WfCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->scene != NULL && self->selection.focus == NULL && !self->present.active &&
      GTK_IS_WINDOW (root) && gtk_window_get_focus_visible (GTK_WINDOW (root)))
    {
      graphene_rect_t area;
      WfCard *card;

      wf_canvas_get_visible_area (self, &area);
      if ((card = first_card_in (self, &area)) != NULL || (card = first_card (self)) != NULL)
        {
          wf_canvas_set_focus_card (self, card);
          wf_canvas_reveal_card (self, card);
        }
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The window may say that the keyboard is in use only after Tab moved
 * the focus here: the card shows it then.
 */
static void
on_root_focus_visible (WfCanvas *self)
{
  if (wf_canvas_a11y_has_keyboard (self))
    show_keyboard_focus (self);
}

static void
on_focus_enter (GtkEventControllerFocus *controller,
                WfCanvas                *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::focus-visible", G_CALLBACK (on_root_focus_visible),
                             self, G_CONNECT_SWAPPED);
  /* What the map says when it gets the keyboard: the focused card as it
   * is now, never an old message. */
  wf_canvas_announce_focus (self);
  show_keyboard_focus (self);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                WfCanvas                *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, on_root_focus_visible, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Ctrl+arrows: to the next phase or lane; Alt+arrows: within the cell. */
static void
move_card (WfCanvas *self,
           WfCard   *card,
           int       dx,
           int       dy,
           gboolean  within)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  int phase = wf_map_get_phase_index (self->map, wf_card_get_phase (card));
  int index = wf_map_get_card_index (self->map, card);

  if (within)
    {
      int target = index + dx + dy;

      if (target >= 0 && (guint) target < wf_map_get_n_cell_cards (self->map, wf_card_get_phase (card), wf_card_get_lane (card)))
        wf_edit_move_card (card, wf_card_get_phase (card), wf_card_get_lane (card), target);
      return;
    }

  if (dx != 0)
    {
      if (phase + dx >= 0 && phase + dx < (int) wf_map_get_n_phases (self->map))
        wf_edit_move_card (card, wf_map_get_phase (self->map, phase + dx), wf_card_get_lane (card), -1);
      return;
    }

  for (int r = wf_layout_get_lane_row (layout, wf_card_get_lane (card)) + dy;
       r >= 0 && r < (int) wf_layout_get_n_rows (layout); r += dy)
    {
      const WfRow *row = wf_layout_get_row (layout, r);

      if (row->lane != NULL)
        {
          wf_edit_move_card (card, wf_card_get_phase (card), row->lane, -1);
          return;
        }
    }
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 WfCanvas              *self)
{
  if (keyval == GDK_KEY_space)
    self->drag.space_down = FALSE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WfCanvas              *self)
{
  int dx = 0, dy = 0;

  if (self->scene == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_space:
      self->drag.space_down = TRUE;
      return TRUE;

    case GDK_KEY_Left:  case GDK_KEY_KP_Left:  dx = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = 1; break;
    case GDK_KEY_Up:    case GDK_KEY_KP_Up:    dy = -1; break;
    case GDK_KEY_Down:  case GDK_KEY_KP_Down:  dy = 1; break;

    case GDK_KEY_Escape:
      wf_canvas_select (self, NULL, FALSE);
      return TRUE;

    default:
      return FALSE;
    }

  /* Moving a card is an action, so that a read-only map turns it off. */
  if (state & GDK_CONTROL_MASK)
    gtk_widget_activate_action (GTK_WIDGET (self), "canvas.move-card", "(iib)", dx, dy, FALSE);
  else if (state & GDK_ALT_MASK)
    gtk_widget_activate_action (GTK_WIDGET (self), "canvas.move-card", "(iib)", dx, dy, TRUE);
  else if (!wf_canvas_move_focus (self, dx, dy, (state & GDK_SHIFT_MASK) != 0))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      wf_canvas_announce_dead_end (self, dx, dy);
    }

  return TRUE;
}

/**
 * wf_canvas_move_focus:
 * @dx: -1 or 1 to go left or right, across phases in the same lane
 * @dy: -1 or 1 to go up or down, across lanes in the same phase
 * @extend: whether to add the card to the selection
 *
 * Moves the keyboard focus to a neighbouring card, and selects it alone
 * (or adds it, with @extend); without a focus, to the first card.
 *
 * Returns: whether there was a card to go to
 */
gboolean
wf_canvas_move_focus (WfCanvas *self,
                      int       dx,
                      int       dy,
                      gboolean  extend)
{
  WfPhase *goal = NULL;
  WfCard *next;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  if (self->scene == NULL)
    return FALSE;

  next = self->selection.focus ? neighbour (self, self->selection.focus, dx, dy, &goal) : first_card (self);
  if (next == NULL)
    return FALSE;

  /* The card the arrows reach is the one selected, so that what is
   * announced is what Delete, Ctrl+C or the sidebar act on. */
  wf_canvas_select (self, next, extend);

  /* Up and Down remember their phase for the next step from there. */
  self->selection.goal = dy != 0 ? goal : NULL;
  self->selection.goal_card = dy != 0 ? next : NULL;

  wf_canvas_reveal_card (self, next);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/**
 * wf_canvas_move_focused:
 * @within: whether to reorder the card in its cell rather than move it to
 *   the next phase (@dx) or lane (@dy)
 *
 * Moves the focused card, as one undoable step.
 */
void
wf_canvas_move_focused (WfCanvas *self,
                        int       dx,
                        int       dy,
                        gboolean  within)
{
  g_return_if_fail (WF_IS_CANVAS (self));

  if (self->scene == NULL || self->selection.focus == NULL)
    return;

  move_card (self, self->selection.focus, dx, dy, within);
  wf_canvas_reveal_card (self, self->selection.focus);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Actions */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WfCanvas *self = WF_CANVAS (widget);
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;

  if (g_str_equal (action_name, "canvas.zoom-in"))
    wf_canvas_zoom_at (self, self->view.zoom * 1.25, x, y);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    wf_canvas_zoom_at (self, self->view.zoom / 1.25, x, y);
  else if (g_str_equal (action_name, "canvas.zoom-reset"))
    wf_canvas_zoom_at (self, wf_canvas_get_text_scale (self), x, y);
  else
    wf_canvas_zoom_to_fit (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WfCanvas *self = WF_CANVAS (widget);

  if (self->selection.link != NULL)
    wf_canvas_edit_link_label (self, self->selection.link);
  else if (self->selection.focus != NULL)
    wf_canvas_edit_title (self, self->selection.focus);
}

/* Removes the selected cards (or the focused one) as one undoable step. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WfCanvas *self = WF_CANVAS (widget);
  g_autoptr(GList) cards = wf_canvas_get_selection (self);
  WfCard *next = NULL;
  WfUndoStack *stack;

  /* A selected link goes alone, its cards stay. */
  if (self->selection.link != NULL)
    {
      wf_edit_remove (self->selection.link);
      return;
    }

  /* With a phase's, lane's or persona's header chosen, the sidebar shows
   * that, and Delete must not take the card the keyboard was on. */
  if (cards == NULL && self->selection.focus != NULL && self->selection.header == NULL)
    cards = g_list_prepend (NULL, self->selection.focus);
  if (cards == NULL || self->document == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  /* The keyboard stays where it was: on a neighbour of the focused card
   * that is not deleted too, not back at the map's first card. */
  if (self->selection.focus != NULL && wf_canvas_a11y_has_keyboard (self))
    {
      static const int steps[][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };
      WfPhase *phase = wf_card_get_phase (self->selection.focus);
      WfLane *lane = wf_card_get_lane (self->selection.focus);
      GPtrArray *cell = wf_map_get_cell (self->map, phase, lane);
      guint at = 0;

      /* First the next card in the cell, then the one before. */
      if (cell != NULL && g_ptr_array_find (cell, self->selection.focus, &at))
        {
          for (guint i = at + 1; i < cell->len && next == NULL; i++)
            if (!g_list_find (cards, g_ptr_array_index (cell, i)))
              next = g_ptr_array_index (cell, i);
          for (guint i = at; i > 0 && next == NULL; i--)
            if (!g_list_find (cards, g_ptr_array_index (cell, i - 1)))
              next = g_ptr_array_index (cell, i - 1);
        }
      for (guint i = 0; i < G_N_ELEMENTS (steps) && next == NULL; i++)
        {
          WfCard *near = neighbour (self, self->selection.focus, steps[i][0], steps[i][1], NULL);

          if (near != NULL && !g_list_find (cards, near))
            next = near;
        }
    }

  stack = wf_document_get_undo_stack (self->document);
  wf_undo_stack_begin (stack, g_list_length (cards) > 1 ? _("Delete Cards") : _("Delete Card"));
  for (GList *l = cards; l; l = l->next)
    if (wf_item_get_document (l->data) == self->document)
      wf_edit_remove (l->data);
  wf_undo_stack_end (stack);

  /* Undo at hand, in the window's toast overlay. */
  {
    GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
    guint n = g_list_length (cards);
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card deleted", "%u cards deleted", n), n);

    if (overlay != NULL && !g_str_equal (action_name, "canvas.cut-delete"))
      {
        wf_toast_show (ADW_TOAST_OVERLAY (overlay), wf_toast_new_undo (stack, message));
      }
  }

  if (next != NULL && wf_item_get_document (WF_ITEM (next)) == self->document)
    wf_canvas_select (self, next, FALSE);
}

/* Where new cards go: after the focused card, in its cell, or at the end
 * of the first cell. The map has at least one phase and one lane.
 */
static void
insertion_point (WfCanvas  *self,
                 WfPhase  **phase,
                 WfLane   **lane,
                 int       *index)
{
  if (self->selection.focus != NULL)
    {
      *phase = wf_card_get_phase (self->selection.focus);
      *lane = wf_card_get_lane (self->selection.focus);
      *index = wf_map_get_card_index (self->map, self->selection.focus) + 1;
    }
  else
    {
      *phase = wf_map_get_phase (self->map, 0);
      *lane = wf_map_get_lane (self->map, 0);
      *index = -1;
    }
}

/* Insert: a new card after the focused one, in its cell, of the kind
 * its lane holds; the title is open for typing.
 */
static void
add_card_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WfCanvas *self = WF_CANVAS (widget);
  g_autofree char *id = NULL;
  g_autoptr(WfCard) card = NULL;
  WfPhase *phase;
  WfLane *lane;
  int index;

  if (self->map == NULL || wf_map_get_n_phases (self->map) == 0 || wf_map_get_n_lanes (self->map) == 0)
    return;

  insertion_point (self, &phase, &lane, &index);

  id = wf_document_make_id (self->document, "card");
  card = wf_card_new (id, "");
  if (wf_lane_get_kind (lane) == WF_LANE_EMOTIONS)
    wf_card_set_emotion (card, 0);

  if (wf_edit_add_card (self->map, card, phase, lane, index))
    {
      wf_canvas_select (self, card, FALSE);
      wf_canvas_edit_title (self, card);
    }
}

/* The clipboard */

/* The selected cards, or the focused one, in map order. */
static GPtrArray *
chosen_cards (WfCanvas *self)
{
  GPtrArray *cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = NULL;

  if (self->map == NULL)
    return cards;

  all = wf_map_list_cards (self->map);
  for (guint i = 0; i < all->len; i++)
    {
      WfCard *card = g_ptr_array_index (all, i);

      if (g_hash_table_contains (self->selection.cards, card) ||
          (g_hash_table_size (self->selection.cards) == 0 && card == self->selection.focus))
        g_ptr_array_add (cards, card);
    }

  return cards;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WfCanvas *self = WF_CANVAS (widget);
  g_autoptr(GPtrArray) cards = chosen_cards (self);
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) provider = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (cards->len == 0)
    return;

  json = wf_clipboard_cards_to_json (cards);
  text = wf_clipboard_cards_to_text (cards);
  bytes = g_bytes_new (json, strlen (json));

  /* Wayfinder reads the JSON; other applications get the titles. */
  providers[0] = gdk_content_provider_new_for_bytes (WF_CLIPBOARD_MIME_TYPE, bytes);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  provider = gdk_content_provider_new_union (providers, 2);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);

  if (g_str_equal (action_name, "canvas.cut"))
    delete_action (widget, "canvas.cut-delete", NULL);
}

/* Pasted cards go after the focused card, in its cell, or into the
 * first cell of the map.
 */
static void
paste_cards (WfCanvas  *self,
             GPtrArray *cards)
{
  WfPhase *phase;
  WfLane *lane;
  int index;
  WfUndoStack *stack;

  if (self->map == NULL || cards->len == 0 ||
      wf_map_get_n_phases (self->map) == 0 || wf_map_get_n_lanes (self->map) == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  insertion_point (self, &phase, &lane, &index);

  stack = wf_document_get_undo_stack (self->document);
  wf_undo_stack_begin (stack, cards->len > 1 ? _("Paste Cards") : _("Paste Card"));
  for (guint i = 0; i < cards->len; i++)
    wf_edit_add_card (self->map, g_ptr_array_index (cards, i), phase, lane, index < 0 ? -1 : index + (int) i);
  wf_undo_stack_end (stack);

  g_hash_table_remove_all (self->selection.cards);
  for (guint i = 0; i < cards->len; i++)
    g_hash_table_add (self->selection.cards, g_ptr_array_index (cards, i));
  wf_canvas_set_focus_card (self, g_ptr_array_index (cards, cards->len - 1));
  wf_canvas_reveal_card (self, self->selection.focus);
}

/**
 * wf_canvas_paste_data:
 * @mime_type: #WF_CLIPBOARD_MIME_TYPE or a text type
 * @data: what the clipboard held
 *
 * Pastes cards as Ctrl+V does, from data already read.
 *
 * Returns: how many cards were pasted
 */
guint
wf_canvas_paste_data (WfCanvas   *self,
                      const char *mime_type,
                      GBytes     *data)
{
  g_autoptr(GPtrArray) cards = NULL;
  gsize len;
  const char *bytes;

  g_return_val_if_fail (WF_IS_CANVAS (self), 0);

  if (self->document == NULL)
    return 0;

  bytes = g_bytes_get_data (data, &len);
  if (g_strcmp0 (mime_type, WF_CLIPBOARD_MIME_TYPE) == 0)
    cards = wf_clipboard_cards_from_json (bytes, len, self->document, NULL);
  if (cards == NULL)
    cards = wf_clipboard_cards_from_text (bytes, len, self->document);

  paste_cards (self, cards);
  return cards->len;
}

/* Reading what is pasted: in chunks, without blocking the window while
 * another program sends it, and no more than a paste can hold.
 */
typedef struct
{
  WfCanvas     *self;
  GInputStream *stream;
  GByteArray   *data;
  char         *mime_type;
} PasteRead;

#define PASTE_CHUNK (64 * 1024)

static void
paste_read_free (PasteRead *read)
{
  g_object_unref (read->self);
  g_object_unref (read->stream);
  g_clear_pointer (&read->data, g_byte_array_unref);
  g_free (read->mime_type);
  g_free (read);
}

static void
on_paste_chunk (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PasteRead *read = user_data;
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL || read->data->len + g_bytes_get_size (chunk) > WF_CLIPBOARD_MAX_BYTES)
    {
      g_debug ("Paste: %s", error ? error->message : "more than a paste can hold");
      gtk_widget_error_bell (GTK_WIDGET (read->self));
      paste_read_free (read);
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      g_byte_array_append (read->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      g_input_stream_read_bytes_async (read->stream, PASTE_CHUNK, G_PRIORITY_DEFAULT, NULL,
                                       on_paste_chunk, read);
      return;
    }

  /* The end. */
  {
    g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&read->data));

    wf_canvas_paste_data (read->self, read->mime_type, bytes);
  }
  paste_read_free (read);
}

static void
on_paste_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WfCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *mime_type = NULL;
  GInputStream *stream;
  PasteRead *read;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, &mime_type, &error);
  if (stream == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  read = g_new0 (PasteRead, 1);
  read->self = g_object_ref (self);
  read->stream = stream;
  read->data = g_byte_array_new ();
  read->mime_type = g_strdup (mime_type);
  g_input_stream_read_bytes_async (stream, PASTE_CHUNK, G_PRIORITY_DEFAULT, NULL, on_paste_chunk, read);
}

/**
 * wf_canvas_picture_paste_target:
 *
 * Returns: (nullable): the one card chosen, or the persona whose header
 *   is selected: what a pasted picture goes onto
 */
WfItem *
wf_canvas_picture_paste_target (WfCanvas *self)
{
  g_autoptr(GPtrArray) cards = chosen_cards (self);
  WfItem *header = wf_canvas_get_selected_header (self);

  if (WF_IS_PERSONA (header) && g_hash_table_size (self->selection.cards) == 0)
    return header;
  if (cards->len == 1)
    return g_ptr_array_index (cards, 0);
  return NULL;
}

typedef struct
{
  WfCanvas *self;
  WfItem   *item;
} PastePicture;

static void
paste_picture_free (PastePicture *paste)
{
  g_object_unref (paste->self);
  g_object_unref (paste->item);
  g_free (paste);
}

static void
on_paste_picture_read (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  PastePicture *paste = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);

  if (value == NULL || !wf_picture_set_value (paste->item, value, GTK_WIDGET (paste->self), TRUE))
    {
      g_debug ("Paste: %s", error ? error->message : "no picture");
      gtk_widget_error_bell (GTK_WIDGET (paste->self));
    }

  paste_picture_free (paste);
}

/* A picture (pixels, or a copied file) onto the selected card or
 * persona, unless the clipboard holds cards or text: a spreadsheet's
 * cells come with a picture of them, and are pasted as cards. */
static gboolean
paste_picture (WfCanvas *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  WfItem *item = wf_canvas_picture_paste_target (self);
  GType type;
  PastePicture *paste;

  if (item == NULL || gdk_content_formats_contain_mime_type (formats, WF_CLIPBOARD_MIME_TYPE))
    return FALSE;

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    type = GDK_TYPE_FILE_LIST;
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) &&
           !gdk_content_formats_contain_mime_type (formats, "text/plain") &&
           !gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"))
    type = GDK_TYPE_TEXTURE;
  else
    return FALSE;

  paste = g_new0 (PastePicture, 1);
  paste->self = g_object_ref (self);
  paste->item = g_object_ref (item);
  gdk_clipboard_read_value_async (clipboard, type, G_PRIORITY_DEFAULT, NULL, on_paste_picture_read, paste);

  return TRUE;
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  static const char *mime_types[] = { WF_CLIPBOARD_MIME_TYPE, "text/plain;charset=utf-8", "text/plain", NULL };

  if (paste_picture (WF_CANVAS (widget)))
    return;

  gdk_clipboard_read_async (gtk_widget_get_clipboard (widget), mime_types, G_PRIORITY_DEFAULT,
                            NULL, on_paste_read, g_object_ref (widget));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  WfCanvas *self = WF_CANVAS (widget);
  g_autoptr(GPtrArray) cards = chosen_cards (self);
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  if (cards->len == 0)
    return;

  json = wf_clipboard_cards_to_json (cards);
  copies = wf_clipboard_cards_from_json (json, strlen (json), self->document, NULL);
  if (copies != NULL)
    paste_cards (self, copies);
}

/* Links */

/**
 * wf_canvas_link_selection:
 *
 * Draws a link from each selected card to the focused one (Ctrl+L), as
 * one undoable step; with nothing selected but the focus, nothing.
 *
 * Returns: how many links were added
 */
guint
wf_canvas_link_selection (WfCanvas *self)
{
  g_autoptr(GPtrArray) cards = NULL;
  WfUndoStack *stack;
  guint added = 0;

  g_return_val_if_fail (WF_IS_CANVAS (self), 0);

  if (self->map == NULL || self->selection.focus == NULL)
    return 0;

  cards = chosen_cards (self);
  stack = wf_document_get_undo_stack (self->document);
  wf_undo_stack_begin (stack, _("Link Cards"));
  for (guint i = 0; i < cards->len; i++)
    {
      WfCard *from = g_ptr_array_index (cards, i);
      g_autofree char *id = NULL;
      g_autoptr(WfLink) link = NULL;

      if (from == self->selection.focus)
        continue;

      id = wf_document_make_id (self->document, "link");
      link = wf_link_new (id, from, self->selection.focus);
      if (wf_edit_add_link (self->map, link, -1))
        added++;
    }
  wf_undo_stack_end (stack);

  if (added == 0)
    gtk_widget_error_bell (GTK_WIDGET (self));

  return added;
}

/**
 * wf_canvas_unlink_selection:
 *
 * Removes the links between the focused card and the selected cards
 * (Ctrl+Shift+L), or, with nothing else selected, every link of the
 * focused card, as one undoable step.
 *
 * Returns: how many links were removed
 */
guint
wf_canvas_unlink_selection (WfCanvas *self)
{
  g_autoptr(GPtrArray) links = NULL;
  WfUndoStack *stack;
  guint others, removed = 0;

  g_return_val_if_fail (WF_IS_CANVAS (self), 0);

  if (self->map == NULL || self->selection.focus == NULL)
    return 0;

  others = g_hash_table_size (self->selection.cards) - (g_hash_table_contains (self->selection.cards, self->selection.focus) ? 1 : 0);

  links = wf_map_list_links_of (self->map, self->selection.focus);
  stack = wf_document_get_undo_stack (self->document);
  wf_undo_stack_begin (stack, _("Remove Links"));
  for (guint i = 0; i < links->len; i++)
    {
      WfLink *link = g_ptr_array_index (links, i);
      WfCard *other = wf_link_get_from (link) == self->selection.focus ? wf_link_get_to (link) : wf_link_get_from (link);

      if (others == 0 || g_hash_table_contains (self->selection.cards, other))
        {
          wf_edit_remove (link);
          removed++;
        }
    }
  wf_undo_stack_end (stack);

  return removed;
}

static void
unlink_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  if (wf_canvas_unlink_selection (WF_CANVAS (widget)) == 0)
    gtk_widget_error_bell (widget);
}

static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  wf_canvas_link_selection (WF_CANVAS (widget));
}

/* (dx, dy, within): Ctrl+arrows and Alt+arrows. */
static void
move_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  int dx, dy;
  gboolean within;

  g_variant_get (param, "(iib)", &dx, &dy, &within);
  wf_canvas_move_focused (WF_CANVAS (widget), dx, dy, within);
}

/* The canvas's actions, and the keys that start them. */
void
wf_canvas_keys_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "canvas.link", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-card", NULL, add_card_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-card", "(iib)", move_card_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "canvas.add-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Insert, 0, "canvas.add-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "canvas.link", NULL);
  gtk_widget_class_install_action (widget_class, "canvas.unlink", NULL, unlink_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.unlink", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "canvas.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "canvas.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "canvas.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_9, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
}

/* The keyboard focus arriving and leaving; arrows, Escape and Space. */
void
wf_canvas_keys_init (WfCanvas *self)
{
  GtkEventController *controller;

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
