/* wf-outline.c — the map as a tree: phases, their lanes, their cards
 *
 * The same map as the canvas, as a list a screen reader can walk:
 * phase → lane → cards of that cell. Choosing a card here selects it on
 * the canvas and brings it into view; selecting on the canvas selects
 * the card here. Children are made only when a row is expanded, so a map
 * of many thousands of cards costs nothing until it is explored.
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

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  node->label = GTK_LABEL (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));
  gtk_label_set_text (node->label, text);
  g_object_unref (node);
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           WfOutline                *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(WfOutlineNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (node != NULL)
    node->label = NULL;
}

static void
rebuild (WfOutline *self)
{
  g_autoptr(GListStore) phases = g_list_store_new (WF_TYPE_OUTLINE_NODE);
  GtkTreeListModel *tree;

  g_clear_handle_id (&self->rebuild, g_source_remove);

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
  self->syncing = FALSE;
  g_object_unref (tree);
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

          gtk_label_set_text (node->label, text);
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

/* Canvas → outline: open the card's phase and lane and choose it. */
static void
on_canvas_selection_changed (WfOutline *self)
{
  WfCard *card;
  GListModel *model;

  if (self->syncing || self->canvas == NULL || (card = wf_canvas_get_focus_card (self->canvas)) == NULL)
    return;

  if (self->rebuild != 0)
    rebuild (self);
  model = gtk_single_selection_get_model (self->selection);

  self->syncing = TRUE;
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(WfOutlineNode) node = gtk_tree_list_row_get_item (row);

      if ((WF_IS_PHASE (node->item) && WF_PHASE (node->item) == wf_card_get_phase (card)) ||
          (WF_IS_LANE (node->item) && node->phase == wf_card_get_phase (card) &&
           WF_LANE (node->item) == wf_card_get_lane (card)))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else if (WF_IS_CARD (node->item) && WF_CARD (node->item) == card)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  self->syncing = FALSE;
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

  G_OBJECT_CLASS (wf_outline_parent_class)->dispose (object);
}

static void
wf_outline_class_init (WfOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_outline_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wfoutline");
}

static void
wf_outline_init (WfOutline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->cards = g_hash_table_new (NULL, NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected), self);

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), self);

  self->view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory));
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
