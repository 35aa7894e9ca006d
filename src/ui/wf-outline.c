/* wf-outline.c — the map as a tree: phases, their lanes, their cards
 *
 * The same map as the canvas, as a list a screen reader can walk:
 * phase → lane → cards of that cell. Choosing a card here selects it on
 * the canvas and brings it into view; selecting on the canvas selects
 * the card here. Children are made only when a row is expanded, so a map
 * of many thousands of cards costs nothing until it is explored.
 *
 * For a screen reader it is a tree: each row is named by its text, has a
 * level and, for phases and lanes, an expanded state. It is one Tab stop;
 * Up and Down walk the rows, Right opens a row or goes to its first child,
 * Left closes it or goes to its parent. An edit rebuilds the rows but keeps
 * what was open and what was chosen.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wf-outline.h"

/* One row: a phase, a lane within a phase, or a card. */
#define WF_TYPE_OUTLINE_NODE (wf_outline_node_get_type ())
G_DECLARE_FINAL_TYPE (WfOutlineNode, wf_outline_node, WF, OUTLINE_NODE, GObject)

struct _WfOutlineNode
{
  GObject     parent_instance;
  WfItem     *item;
  WfPhase    *phase;      /* of a lane row */
  GtkLabel   *label;      /* while the row is shown */
  GHashTable *registry;   /* of the outline: card → its node */
};

G_DEFINE_FINAL_TYPE (WfOutlineNode, wf_outline_node, G_TYPE_OBJECT)

static void
wf_outline_node_finalize (GObject *object)
{
  WfOutlineNode *self = WF_OUTLINE_NODE (object);

  if (self->registry != NULL && g_hash_table_lookup (self->registry, self->item) == self)
    g_hash_table_remove (self->registry, self->item);
  g_clear_pointer (&self->registry, g_hash_table_unref);
  g_clear_object (&self->item);
  g_clear_object (&self->phase);

  G_OBJECT_CLASS (wf_outline_node_parent_class)->finalize (object);
}

static void
wf_outline_node_class_init (WfOutlineNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wf_outline_node_finalize;
}

static void
wf_outline_node_init (WfOutlineNode *self)
{
}

static WfOutlineNode *
node_new (gpointer item,
          WfPhase *phase)
{
  WfOutlineNode *node = g_object_new (WF_TYPE_OUTLINE_NODE, NULL);

  node->item = g_object_ref (item);
  node->phase = phase ? g_object_ref (phase) : NULL;
  return node;
}

struct _WfOutline
{
  GtkWidget          parent_instance;

  WfCanvas          *canvas;
  WfMap             *map;
  WfDocument        *document;
  GtkWidget         *scrolled;
  GtkListView       *view;
  GtkSingleSelection *selection;
  gboolean           syncing;
  guint              rebuild;
  GHashTable        *cards;   /* WfCard → its row's node, while it exists */
  GHashTable        *open;    /* keys of the open rows, kept across a rebuild */
};

G_DEFINE_FINAL_TYPE (WfOutline, wf_outline, GTK_TYPE_WIDGET)

static GListModel *
children (gpointer item,
          gpointer user_data)
{
  WfOutlineNode *node = item;
  WfOutline *self = user_data;
  GListStore *store;

  if (WF_IS_PHASE (node->item))
    {
      store = g_list_store_new (WF_TYPE_OUTLINE_NODE);
      for (guint i = 0; i < wf_map_get_n_lanes (self->map); i++)
        {
          g_autoptr(WfOutlineNode) lane = node_new (wf_map_get_lane (self->map, i), WF_PHASE (node->item));

          g_list_store_append (store, lane);
        }
      return G_LIST_MODEL (store);
    }

  if (WF_IS_LANE (node->item))
    {
      GPtrArray *cell = wf_map_get_cell (self->map, node->phase, WF_LANE (node->item));

      if (cell == NULL || cell->len == 0)
        return NULL;

      store = g_list_store_new (WF_TYPE_OUTLINE_NODE);
      for (guint i = 0; i < cell->len; i++)
        {
          g_autoptr(WfOutlineNode) card = node_new (g_ptr_array_index (cell, i), NULL);

          /* So that a new title shows without rebuilding the tree. */
          card->registry = g_hash_table_ref (self->cards);
          g_hash_table_insert (self->cards, card->item, card);
          g_list_store_append (store, card);
        }
      return G_LIST_MODEL (store);
    }

  return NULL;
}

static char *
node_label (WfOutline     *self,
            WfOutlineNode *node)
{
  if (WF_IS_PHASE (node->item))
    return g_strdup (wf_phase_get_name (WF_PHASE (node->item)));

  if (WF_IS_LANE (node->item))
    {
      WfLane *lane = WF_LANE (node->item);
      guint n = wf_map_get_n_cell_cards (self->map, node->phase, lane);
      WfPersona *persona = wf_lane_get_persona (lane);
      g_autofree char *cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n), n);

      /* Translators: "Touchpoints (Sanne) — 3 cards" */
      if (persona != NULL)
        return g_strdup_printf (_("%s (%s) — %s"), wf_lane_get_title (lane), wf_persona_get_name (persona), cards);
      /* Translators: "Pain points — 3 cards" */
      return g_strdup_printf (_("%s — %s"), wf_lane_get_title (lane), cards);
    }

  {
    const char *title = wf_card_get_title (WF_CARD (node->item));

    return g_strdup (*title ? title : _("Untitled card"));
  }
}

/* What names a row across rebuilds: its item's id, and a lane row's
 * phase too (the same lane is a row under every phase). */
static char *
node_key (WfOutlineNode *node)
{
  if (node->phase != NULL)
    return g_strconcat (wf_item_get_id (WF_ITEM (node->phase)), "/", wf_item_get_id (node->item), NULL);
  return g_strdup (wf_item_get_id (node->item));
}

/* The row widget GTK 4.8 makes around the expander: the object a screen
 * reader reads as the row. GTK 4.12 names it through the list item. */
static GtkWidget *
row_widget (GtkWidget *expander)
{
  return gtk_widget_get_parent (expander);
}

static void
update_row_state (GtkTreeListRow *row,
                  GParamSpec     *pspec,
                  GtkWidget      *expander)
{
  GtkWidget *widget = row_widget (expander);

  if (widget == NULL || gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander)) != row)
    return;

  if (gtk_tree_list_row_is_expandable (row))
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_EXPANDED,
                                 gtk_tree_list_row_get_expanded (row), -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_EXPANDED);
}

/* Where a row is, in words: GTK 4.8 does not give a screen reader the
 * row's level, so a lane says its phase and a card its phase and lane. */
static char *
node_description (WfOutlineNode *node)
{
  if (WF_IS_PHASE (node->item))
    return g_strdup (_("Phase"));

  if (WF_IS_LANE (node->item))
    /* Translators: an outline row's place: "Lane in Awareness" */
    return g_strdup_printf (_("Lane in %s"), wf_phase_get_name (node->phase));

  {
    WfCard *card = WF_CARD (node->item);
    WfPersona *persona = wf_lane_get_persona (wf_card_get_lane (card));
    g_autofree char *picture = wf_canvas_describe_picture (wf_card_get_image (card), FALSE);
    g_autofree char *where = NULL;

    if (persona != NULL)
      /* Translators: an outline row's place: "Card in Awareness, Touchpoints (Sanne)" */
      where = g_strdup_printf (_("Card in %s, %s (%s)"), wf_phase_get_name (wf_card_get_phase (card)),
                               wf_lane_get_title (wf_card_get_lane (card)), wf_persona_get_name (persona));
    else
      /* Translators: an outline row's place: "Card in Awareness, Pain points" */
      where = g_strdup_printf (_("Card in %s, %s"), wf_phase_get_name (wf_card_get_phase (card)),
                               wf_lane_get_title (wf_card_get_lane (card)));

    /* What its image shows, by its alt text: "Card in Awareness,
     * Touchpoints, image: the shop counter". */
    if (picture != NULL)
      return g_strdup_printf (_("%s, %s"), where, picture);
    return g_steal_pointer (&where);
  }
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          WfOutline                *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  /* The row says its text, level and state; the expander and its arrow
   * would only say it again ("Expand", which never changes in 4.8). */
  gtk_accessible_update_state (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  /* The row takes the focus, so a screen reader's focus event is on the
   * row that says its place and state, not on the expander inside. */
  gtk_widget_set_focusable (expander, FALSE);
  gtk_list_item_set_child (list_item, expander);
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         WfOutline                *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  WfOutlineNode *node = gtk_tree_list_row_get_item (row);
  g_autofree char *text = node_label (self, node);
  g_autofree char *where = node_description (node);
  GtkWidget *widget;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  node->label = GTK_LABEL (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));
  gtk_label_set_text (node->label, text);

  widget = row_widget (expander);
  if (widget != NULL)
    {
      /* GTK 4.8 makes rows list items; a tree has tree items. The role can
       * change only before a screen reader first asked for the row. */
      if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) != GTK_ACCESSIBLE_ROLE_TREE_ITEM &&
          !g_object_get_data (G_OBJECT (widget), "wf-outline-row"))
        {
          g_object_set_data (G_OBJECT (widget), "wf-outline-row", GINT_TO_POINTER (TRUE));
          g_object_set (widget, "accessible-role", GTK_ACCESSIBLE_ROLE_TREE_ITEM, NULL);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, where,
                                      GTK_ACCESSIBLE_PROPERTY_LEVEL, (int) gtk_tree_list_row_get_depth (row) + 1,
                                      -1);
    }
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (update_row_state), expander, 0);
  update_row_state (row, NULL, expander);
  g_object_unref (node);
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           WfOutline                *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  g_autoptr(WfOutlineNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (node != NULL)
    node->label = NULL;
  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, update_row_state, expander);
}

/* Sets the description of a card's row's accessible: its place, and its
 * image. */
static void
set_row_description (WfOutlineNode *node)
{
  GtkWidget *expander = gtk_widget_get_parent (GTK_WIDGET (node->label));
  GtkWidget *widget = expander ? row_widget (expander) : NULL;
  g_autofree char *where = node_description (node);

  if (widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, where, -1);
}

/* Sets the label of a card's row and of the row's accessible. */
static void
set_row_text (WfOutlineNode *node,
              const char    *text)
{
  GtkWidget *expander = gtk_widget_get_parent (GTK_WIDGET (node->label));
  GtkWidget *widget = expander ? row_widget (expander) : NULL;

  gtk_label_set_text (node->label, text);
  if (widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* Selects @card's row, opening its phase and lane; or no row. */
static void
select_card_row (WfOutline *self,
                 WfCard    *card)
{
  GListModel *model = gtk_single_selection_get_model (self->selection);
  guint selected = GTK_INVALID_LIST_POSITION;

  self->syncing = TRUE;
  for (guint i = 0; card != NULL && model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(WfOutlineNode) node = gtk_tree_list_row_get_item (row);

      if ((WF_IS_PHASE (node->item) && WF_PHASE (node->item) == wf_card_get_phase (card)) ||
          (WF_IS_LANE (node->item) && node->phase == wf_card_get_phase (card) &&
           WF_LANE (node->item) == wf_card_get_lane (card)))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else if (WF_IS_CARD (node->item) && WF_CARD (node->item) == card)
        {
          selected = i;
          break;
        }
    }
  gtk_single_selection_set_selected (self->selection, selected);
  self->syncing = FALSE;
}

static gboolean
has_focus_inside (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Moves the keyboard focus to row @position, choosing it. The list
 * scrolls to it, which makes its row widget; that widget takes the focus,
 * as a click would give it. */
static void
focus_row (WfOutline *self,
           guint      position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->view), "list.scroll-to-item", "u", position);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *expander = gtk_widget_get_first_child (child);
      GtkTreeListRow *row;

      if (!GTK_IS_TREE_EXPANDER (expander) ||
          (row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander))) == NULL)
        continue;

      if (gtk_tree_list_row_get_position (row) == position)
        {
          gtk_widget_grab_focus (child);
          return;
        }
    }
}

static void
rebuild (WfOutline *self)
{
  g_autoptr(GListStore) phases = g_list_store_new (WF_TYPE_OUTLINE_NODE);
  GListModel *old = gtk_single_selection_get_model (self->selection);
  GtkTreeListRow *selected_row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(WfCard) selected = NULL;
  gboolean had_focus = has_focus_inside (GTK_WIDGET (self->view));
  GtkTreeListModel *tree;

  g_clear_handle_id (&self->rebuild, g_source_remove);

  /* What was open and chosen stays so: an edit is no reason to fold the
   * tree a person has opened. */
  for (guint i = 0; old != NULL && i < g_list_model_get_n_items (old); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (old, i);

      if (gtk_tree_list_row_get_expanded (row))
        {
          g_autoptr(WfOutlineNode) node = gtk_tree_list_row_get_item (row);

          g_hash_table_add (self->open, node_key (node));
        }
    }
  if (selected_row != NULL)
    {
      g_autoptr(WfOutlineNode) node = gtk_tree_list_row_get_item (selected_row);

      if (WF_IS_CARD (node->item) && self->document != NULL &&
          wf_item_get_document (node->item) == self->document)
        selected = g_object_ref (WF_CARD (node->item));
    }

  for (guint i = 0; self->map != NULL && i < wf_map_get_n_phases (self->map); i++)
    {
      g_autoptr(WfOutlineNode) node = node_new (wf_map_get_phase (self->map, i), NULL);

      g_list_store_append (phases, node);
    }

  tree = gtk_tree_list_model_new (G_LIST_MODEL (g_steal_pointer (&phases)), FALSE, FALSE,
                                  children, self, NULL);
  self->syncing = TRUE;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; g_hash_table_size (self->open) > 0 && i < g_list_model_get_n_items (G_LIST_MODEL (tree)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (tree), i);
      g_autoptr(WfOutlineNode) node = gtk_tree_list_row_get_item (row);
      g_autofree char *key = node_key (node);

      if (g_hash_table_remove (self->open, key))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  g_hash_table_remove_all (self->open);
  self->syncing = FALSE;
  g_object_unref (tree);

  select_card_row (self, selected);
  if (had_focus && g_list_model_get_n_items (G_LIST_MODEL (tree)) > 0)
    {
      guint position = gtk_single_selection_get_selected (self->selection);

      focus_row (self, position != GTK_INVALID_LIST_POSITION ? position : 0);
    }
}

static gboolean
rebuild_idle (gpointer data)
{
  WfOutline *self = data;

  self->rebuild = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* A card's title or other fields: its row's text, nothing else. */
static void
on_item_changed (WfOutline  *self,
                 WfItem     *item,
                 GParamSpec *pspec)
{
  WfOutlineNode *node = g_hash_table_lookup (self->cards, item);

  if (WF_IS_CARD (item))
    {
      if (node != NULL && node->label != NULL)
        {
          g_autofree char *text = node_label (self, node);

          set_row_text (node, text);
          if (pspec != NULL && g_strcmp0 (pspec->name, "image") == 0)
            set_row_description (node);
        }
      return;
    }

  if (self->rebuild == 0)
    self->rebuild = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 40, rebuild_idle, self, NULL);
}

static void
on_document_changed (WfOutline *self)
{
  /* Once the model is quiet, not once per card of a big command. */
  if (self->rebuild == 0)
    self->rebuild = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 40, rebuild_idle, self, NULL);
}

/* Outline → canvas */
static void
on_selected (WfOutline *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(WfOutlineNode) node = NULL;

  if (self->syncing || row == NULL || self->canvas == NULL)
    return;

  node = gtk_tree_list_row_get_item (row);
  if (WF_IS_CARD (node->item))
    {
      self->syncing = TRUE;
      wf_canvas_select (self->canvas, WF_CARD (node->item), FALSE);
      wf_canvas_reveal (self->canvas, WF_CARD (node->item));
      self->syncing = FALSE;
    }
}

/* Canvas → outline: open the card's phase and lane and choose it. The
 * outline shows what is selected: the focused card when it is, else a
 * selected one, else nothing. */
static void
on_canvas_selection_changed (WfOutline *self)
{
  g_autoptr(GList) cards = NULL;
  WfCard *card;

  if (self->syncing || self->canvas == NULL)
    return;

  cards = wf_canvas_get_selection (self->canvas);
  card = wf_canvas_get_focus_card (self->canvas);
  if (card == NULL || g_list_find (cards, card) == NULL)
    card = cards != NULL ? cards->data : NULL;

  /* A phase's or lane's header chosen (Enter on its row): its row stays. */
  if (card == NULL && wf_canvas_get_selected_header (self->canvas) != NULL)
    return;

  if (self->rebuild != 0)
    rebuild (self);
  select_card_row (self, card);
}

/* The card after @node's among its lane's in the outline, or else the
 * one before: where the keyboard goes when @node's card is deleted. */
static WfCard *
neighbour_card (GtkTreeListRow *row,
                WfOutlineNode  *node)
{
  g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
  GListModel *siblings = parent ? gtk_tree_list_row_get_children (parent) : NULL;
  guint n = siblings ? g_list_model_get_n_items (siblings) : 0;
  guint at = 0;

  while (at < n)
    {
      g_autoptr(WfOutlineNode) sibling = g_list_model_get_item (siblings, at);

      if (sibling == node)
        break;
      at++;
    }
  if (at >= n)
    return NULL;

  for (guint i = 0; i < 2; i++)
    {
      guint near = i == 0 ? at + 1 : at - 1;
      g_autoptr(WfOutlineNode) other = NULL;

      if ((i == 0 && near >= n) || (i == 1 && at == 0))
        continue;
      other = g_list_model_get_item (siblings, near);
      if (WF_IS_CARD (other->item))
        return g_object_ref (WF_CARD (other->item));
    }
  return NULL;
}

/* Right opens a row, or goes to its first child; Left closes it, or
 * goes to its parent. (GtkTreeExpander 4.8 has only Shift+arrows, and
 * "+", "-" and "*".) */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WfOutline             *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  guint position = gtk_single_selection_get_selected (self->selection);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  gboolean open;

  if ((state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || row == NULL)
    return FALSE;

  /* Delete acts on the row announced: its card is the one selected. */
  if (keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete)
    {
      g_autoptr(WfOutlineNode) node = gtk_tree_list_row_get_item (row);

      g_autoptr(WfCard) next = NULL;

      if (!WF_IS_CARD (node->item) || self->canvas == NULL)
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return TRUE;
        }
      next = neighbour_card (row, node);
      wf_canvas_select (self->canvas, WF_CARD (node->item), FALSE);
      gtk_widget_activate_action (GTK_WIDGET (self->canvas), "canvas.delete", NULL);

      /* The keyboard stays where it was: on the next card of the lane,
       * or the one before, or on the row before (the lane's), not back
       * on the first row. */
      if (next != NULL && wf_item_get_document (WF_ITEM (next)) == self->document)
        wf_canvas_select (self->canvas, next, FALSE);
      if (self->rebuild != 0)
        rebuild (self);
      if (next == NULL || gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
        position = position > 0 ? position - 1 : 0;
      else
        position = gtk_single_selection_get_selected (self->selection);
      if (position < g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
        focus_row (self, position);
      return TRUE;
    }

  if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    open = !rtl;
  else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    open = rtl;
  else
    return FALSE;

  if (open && gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row))
    gtk_tree_list_row_set_expanded (row, TRUE);
  else if (open && gtk_tree_list_row_get_expanded (row))
    focus_row (self, position + 1);
  else if (!open && gtk_tree_list_row_get_expanded (row))
    gtk_tree_list_row_set_expanded (row, FALSE);
  else if (!open && gtk_tree_list_row_get_parent (row) != NULL)
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

      focus_row (self, gtk_tree_list_row_get_position (parent));
    }
  else
    gtk_widget_error_bell (GTK_WIDGET (self));

  return TRUE;
}

/* Enter on a phase or lane: its properties in the sidebar, as a click on
 * its header on the map gives them; on a card: the card, in view. */
static void
on_activate (GtkListView *view,
             guint        position,
             WfOutline   *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(WfOutlineNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (node == NULL || self->canvas == NULL)
    return;

  if (WF_IS_CARD (node->item))
    {
      wf_canvas_select (self->canvas, WF_CARD (node->item), FALSE);
      wf_canvas_reveal (self->canvas, WF_CARD (node->item));
    }
  else
    wf_canvas_select_header (self->canvas, node->item);
}

static void
set_map (WfOutline *self,
         WfMap     *map)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_set_object (&self->map, map);

  if (map != NULL && wf_item_get_document (WF_ITEM (map)) != NULL)
    {
      self->document = g_object_ref (wf_item_get_document (WF_ITEM (map)));
      g_signal_connect_swapped (self->document, "item-added", G_CALLBACK (on_document_changed), self);
      g_signal_connect_swapped (self->document, "item-removed", G_CALLBACK (on_document_changed), self);
      g_signal_connect_swapped (self->document, "item-moved", G_CALLBACK (on_document_changed), self);
      g_signal_connect_swapped (self->document, "item-changed", G_CALLBACK (on_item_changed), self);
    }

  rebuild (self);
}

static void
on_canvas_map_changed (WfOutline *self)
{
  set_map (self, self->canvas ? wf_canvas_get_map (self->canvas) : NULL);
}

static void
wf_outline_dispose (GObject *object)
{
  WfOutline *self = WF_OUTLINE (object);

  wf_outline_set_canvas (self, NULL);
  g_clear_handle_id (&self->rebuild, g_source_remove);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->open, g_hash_table_unref);

  G_OBJECT_CLASS (wf_outline_parent_class)->dispose (object);
}

/* One Tab stop: Tab into the outline goes to the chosen row (or the
 * first), Tab inside it leaves it; the arrows walk the rows. */
static gboolean
wf_outline_focus (GtkWidget        *widget,
                  GtkDirectionType  direction)
{
  WfOutline *self = WF_OUTLINE (widget);
  guint position;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (wf_outline_parent_class)->focus (widget, direction);

  if (has_focus_inside (widget))
    return FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return FALSE;

  position = gtk_single_selection_get_selected (self->selection);
  focus_row (self, position != GTK_INVALID_LIST_POSITION ? position : 0);
  return has_focus_inside (widget);
}

static void
wf_outline_class_init (WfOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_outline_dispose;
  widget_class->focus = wf_outline_focus;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wfoutline");
}

static void
wf_outline_init (WfOutline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->cards = g_hash_table_new (NULL, NULL);
  self->open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected), self);

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), self);

  self->view = g_object_new (GTK_TYPE_LIST_VIEW,
                             "accessible-role", GTK_ACCESSIBLE_ROLE_TREE,
                             "model", self->selection,
                             "factory", factory,
                             NULL);
  g_object_unref (factory);
  g_signal_connect (self->view, "activate", G_CALLBACK (on_activate), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), keys);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Outline of the map"), -1);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->view));
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

GtkWidget *
wf_outline_new (void)
{
  return g_object_new (WF_TYPE_OUTLINE, NULL);
}

/**
 * wf_outline_set_canvas:
 * @canvas: (nullable): the canvas whose map and selection to follow
 */
void
wf_outline_set_canvas (WfOutline *self,
                       WfCanvas  *canvas)
{
  g_return_if_fail (WF_IS_OUTLINE (self));

  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);

  g_set_object (&self->canvas, canvas);

  if (canvas != NULL)
    {
      g_signal_connect_swapped (canvas, "notify::map", G_CALLBACK (on_canvas_map_changed), self);
      g_signal_connect_swapped (canvas, "selection-changed", G_CALLBACK (on_canvas_selection_changed), self);
    }

  on_canvas_map_changed (self);
}

/**
 * wf_outline_get_model:
 *
 * Returns: (transfer none): the rows, for tests
 */
GListModel *
wf_outline_get_model (WfOutline *self)
{
  g_return_val_if_fail (WF_IS_OUTLINE (self), NULL);

  return G_LIST_MODEL (self->selection);
}
