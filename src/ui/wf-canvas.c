/* wf-canvas.c — a journey map to look at and work on
 *
 * Shows one map through its WfScene, at a zoom and an offset of its own,
 * drawing only what is visible. Input comes through controllers: scroll
 * pans (with Ctrl it zooms around the pointer), a pinch zooms, a middle
 * drag pans; a click selects, a double click or Enter edits a card's
 * title in place; arrows move the focus from card to card, Ctrl+arrows
 * move the focused card, Alt+arrows reorder it in its cell, Delete
 * removes the selection. Every change is asked of the model through
 * wf_edit_*(), so it can be undone; the canvas redraws when the model
 * says something changed.
 *
 * This file holds the GObject: its properties and signal, the map it
 * shows and the model's signals it follows, and the snapshot that puts
 * the scene and each part's marks together. The rest is in siblings that
 * share wf-canvas-private.h: wf-canvas-viewport.c (zoom and offset),
 * -selection.c (selection and focus), -gestures.c (pointer and touch),
 * -drop.c (where dragged things land), -keys.c (keys, actions, the
 * clipboard), -editor.c (titles edited in place), -present.c (workshop
 * mode).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "wf-canvas-private.h"

enum {
  PROP_0,
  PROP_MAP,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SELECTION_CHANGED,
  CONFLICTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WfCanvas, wf_canvas, GTK_TYPE_WIDGET)

void
wf_canvas_emit_selection_changed (WfCanvas *self)
{
  wf_canvas_a11y_queue_sync (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
wf_canvas_update_theme (WfCanvas *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  WfThemeKind kind = WF_THEME_LIGHT;

  if (self->scene == NULL)
    return;

  if (self->present.active)
    kind = WF_THEME_PROJECTOR;
  else if (adw_style_manager_get_high_contrast (style))
    kind = WF_THEME_HIGH_CONTRAST;
  else if (adw_style_manager_get_dark (style))
    kind = WF_THEME_DARK;

  wf_scene_set_theme (self->scene, kind);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The zoom, which is a property; the rest of the view is in
 * wf-canvas-viewport.c.
 */
void
wf_canvas_set_zoom (WfCanvas *self,
                    double    zoom)
{
  if (!isfinite (zoom))
    return;

  zoom = CLAMP (zoom, wf_canvas_get_min_zoom (self), WF_CANVAS_MAX_ZOOM);
  if (zoom == self->view.zoom)
    return;

  self->view.zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* The model */

void
wf_canvas_relayout (WfCanvas *self)
{
  if (self->scene == NULL)
    return;

  wf_scene_update (self->scene);
  wf_canvas_clamp_offset (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  wf_canvas_a11y_queue_sync (self);
}

static void
forget (WfCanvas *self,
        WfItem   *item)
{
  if ((gpointer) item == (gpointer) self->drag.card || item == self->drag.header)
    {
      self->drag.card = NULL;
      self->drag.header = NULL;
      if (self->drag.mode == WF_CANVAS_DRAG_PRESS || self->drag.mode == WF_CANVAS_DRAG_MOVE)
        self->drag.mode = WF_CANVAS_DRAG_NONE;
      g_clear_pointer (&self->drop.kind, g_free);
    }

  if (WF_IS_CARD (item))
    {
      wf_scene_forget_card (self->scene, WF_CARD (item));
      g_hash_table_remove (self->selection.cards, item);
      g_hash_table_remove (self->selection.restored, item);
      if ((gpointer) item == (gpointer) self->selection.restored_first)
        self->selection.restored_first = NULL;
      if (self->selection.focus == WF_CARD (item))
        self->selection.focus = NULL;
      if (self->editor.card == WF_CARD (item) && self->editor.popover != NULL)
        gtk_popover_popdown (GTK_POPOVER (self->editor.popover));
    }
  else if (WF_IS_PERSONA (item) || WF_IS_LANE (item))
    {
      /* Card drawings depend on their lane's kind; a lane's or persona's
       * cards were removed one by one before it.
       */
      wf_scene_forget_all (self->scene);
    }

  else if (WF_IS_LINK (item) && (gpointer) item == (gpointer) self->selection.link)
    {
      self->selection.link = NULL;
      wf_scene_set_selected_link (self->scene, NULL);
    }

  if (item == self->selection.header)
    self->selection.header = NULL;
  if (item == self->drag.resizing)
    {
      self->drag.resizing = NULL;
      if (self->drag.mode == WF_CANVAS_DRAG_RESIZE)
        self->drag.mode = WF_CANVAS_DRAG_NONE;
    }

  if ((gpointer) item == (gpointer) self->editor.link && self->editor.popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->editor.popover));
  if (WF_IS_CARD (item) && ((gpointer) item == (gpointer) self->drag.link_from ||
                            (gpointer) item == (gpointer) self->drag.link_target))
    {
      if (self->drag.mode == WF_CANVAS_DRAG_LINK)
        self->drag.mode = WF_CANVAS_DRAG_NONE;
      self->drag.link_from = self->drag.link_target = NULL;
    }

  /* A phase's cards went before it too. */
}

static gboolean
is_mine (WfCanvas *self,
         WfItem   *item)
{
  WfItem *parent = wf_item_get_parent (item);

  return item == WF_ITEM (self->map) || parent == WF_ITEM (self->map) ||
         WF_IS_PERSONA (item) || WF_IS_DOCUMENT (item);
}

/* What an undo or a redo touches gets the focus once it is done, so that
 * Ctrl+Z after a deletion leaves the keyboard on the card that came back.
 */
static void
note_restored (WfCanvas *self,
               WfItem   *item)
{
  if (WF_IS_CARD (item) && wf_undo_stack_is_replaying (wf_document_get_undo_stack (self->document)) &&
      g_hash_table_add (self->selection.restored, item) && self->selection.restored_first == NULL)
    self->selection.restored_first = WF_CARD (item);
}

static void
on_undo_stack_changed (WfCanvas    *self,
                       WfUndoStack *stack)
{
  GHashTableIter iter;
  gpointer card;

  if (g_hash_table_size (self->selection.restored) == 0)
    return;

  /* The selection becomes what came back; the focus the first of it. */
  g_hash_table_remove_all (self->selection.cards);
  g_hash_table_iter_init (&iter, self->selection.restored);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    {
      g_hash_table_add (self->selection.cards, card);
      if (self->selection.restored_first == NULL)
        self->selection.restored_first = card;
    }
  self->selection.header = NULL;
  wf_canvas_select_link (self, NULL);
  wf_canvas_set_focus_card (self, self->selection.restored_first);
  wf_canvas_reveal_card (self, self->selection.focus);
  g_hash_table_remove_all (self->selection.restored);
  self->selection.restored_first = NULL;
}

static void
on_item_added (WfCanvas *self,
               WfItem   *item)
{
  if (self->scene != NULL && is_mine (self, item))
    {
      note_restored (self, item);
      wf_canvas_relayout (self);
    }
}

static void
on_item_removed (WfCanvas *self,
                 WfItem   *item,
                 WfItem   *parent)
{
  if (self->scene == NULL)
    return;

  if (item == WF_ITEM (self->map))
    {
      wf_canvas_set_map (self, NULL);
      return;
    }

  if (parent == WF_ITEM (self->map) || WF_IS_PERSONA (item))
    {
      forget (self, item);
      wf_canvas_relayout (self);
      wf_canvas_announce_focus (self);
      wf_canvas_emit_selection_changed (self);
    }
}

static void
on_item_moved (WfCanvas *self,
               WfItem   *item)
{
  if (self->scene == NULL || !is_mine (self, item))
    return;

  /* A card in an emotions lane is drawn by its cell. */
  if (WF_IS_CARD (item))
    wf_scene_forget_card (self->scene, WF_CARD (item));
  note_restored (self, item);
  wf_canvas_relayout (self);
}

static void
on_item_changed (WfCanvas   *self,
                 WfItem     *item,
                 GParamSpec *pspec)
{
  if (self->scene == NULL || !is_mine (self, item))
    return;

  note_restored (self, item);

  /* A card's size never changes: only its drawing, and where an emotion
   * marker sits. A lane's kind colours its cards; other header texts
   * only need the headers drawn again, which a wf_canvas_relayout does.
   */
  if (WF_IS_CARD (item))
    {
      wf_scene_forget_card (self->scene, WF_CARD (item));
      if (g_strcmp0 (pspec->name, "emotion") == 0)
        wf_canvas_relayout (self);
      else
        gtk_widget_queue_draw (GTK_WIDGET (self));
      wf_canvas_a11y_queue_sync (self);
    }
  else
    {
      if (WF_IS_LANE (item) && g_strcmp0 (pspec->name, "kind") == 0)
        wf_scene_forget_all (self->scene);
      wf_canvas_relayout (self);
    }

  if ((gpointer) item == (gpointer) self->selection.focus)
    wf_canvas_announce_focus (self);
}

/* Drawing */

/* Where a selected header is drawn, in map units. */
static gboolean
header_bounds (WfCanvas        *self,
               WfItem          *item,
               graphene_rect_t *bounds)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);

  if (WF_IS_PHASE (item))
    {
      double x, w;
      int index = wf_map_get_phase_index (self->map, WF_PHASE (item));

      if (index < 0)
        return FALSE;
      wf_layout_get_phase_bounds (layout, index, &x, &w);
      *bounds = GRAPHENE_RECT_INIT (x, 0, w, WF_LAYOUT_HEADER_HEIGHT);
      return TRUE;
    }

  for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
    {
      const WfRow *row = wf_layout_get_row (layout, r);

      if (row->kind == WF_ROW_LANE && (gpointer) row->lane == (gpointer) item)
        {
          *bounds = GRAPHENE_RECT_INIT (0, row->y, WF_LAYOUT_LANE_HEADER_WIDTH, row->height);
          return TRUE;
        }
      if (row->kind == WF_ROW_PERSONA && (gpointer) row->persona == (gpointer) item)
        {
          *bounds = GRAPHENE_RECT_INIT (0, row->y, wf_layout_get_width (layout), row->height);
          return TRUE;
        }
    }

  return FALSE;
}

/* How long a frame may spend making the nodes of cards it shows for the
 * first time (wf_scene_set_build_budget()): with the paint, within a
 * frame at 60 Hz on the cairo renderer.
 */
#define BUILD_BUDGET_US 3000

static gboolean
finish_drawing (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  WfCanvas *self = WF_CANVAS (widget);

  self->finish_tick = 0;
  gtk_widget_queue_draw (widget);

  return G_SOURCE_REMOVE;
}

static void
wf_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  WfCanvas *self = WF_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  graphene_rect_t area;

  if (self->scene == NULL)
    return;

  area = GRAPHENE_RECT_INIT (self->view.offset_x, self->view.offset_y, width / self->view.zoom, height / self->view.zoom);

  wf_scene_set_pixel_scale (self->scene, gtk_widget_get_scale_factor (widget));
  /* The background in the widget's own units: the same node in every
   * frame, so GTK's diff of two frames leaves out what only it covers.
   * Drawn by the scene, in map units through the zoom, its bounds came
   * out a little different at each step (floating point), and every
   * step was a repaint and an upload of the whole canvas, also where
   * the map did not reach: half the upload of a sweep.
   */
  gtk_snapshot_append_color (snapshot, wf_scene_get_background (self->scene), &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_scale (snapshot, self->view.zoom, self->view.zoom);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-self->view.offset_x, -self->view.offset_y));
  wf_scene_snapshot (self->scene, snapshot, &area, self->view.zoom, self->selection.cards,
                     wf_canvas_a11y_has_keyboard (self) ? self->selection.focus : NULL);
  /* Cards left as shapes get their words in the next frame. */
  if (!wf_scene_is_complete (self->scene) && self->finish_tick == 0)
    self->finish_tick = gtk_widget_add_tick_callback (widget, finish_drawing, NULL, NULL);
  wf_canvas_a11y_view_changed (self, &area);
  if (self->drop.kind != NULL)
    wf_canvas_snapshot_drop (self, snapshot);

  wf_canvas_snapshot_link_handle (self, snapshot);

  if (self->selection.header != NULL)
    {
      graphene_rect_t bounds;

      if (header_bounds (self, self->selection.header, &bounds))
        {
          GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
          float line = 3 / self->view.zoom;
          float widths[4] = { line, line, line, line };
          GdkRGBA colors[4] = { accent, accent, accent, accent };
          GskRoundedRect frame;

          graphene_rect_inset (&bounds, line / 2, line / 2);
          gsk_rounded_rect_init_from_rect (&frame, &bounds, 0);
          gtk_snapshot_append_border (snapshot, &frame, widths, colors);
        }
    }

  wf_canvas_snapshot_highlight (self, snapshot);
  wf_canvas_snapshot_conflicts (self, snapshot);
  wf_canvas_snapshot_present (self, snapshot, &area);
  wf_canvas_snapshot_band (self, snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
wf_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  WfCanvas *self = WF_CANVAS (widget);

  /* The title editor, and the presentation's capture entry. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_present (GTK_POPOVER (child));

  if (!self->view.fitted && width > 0 && height > 0 && self->scene != NULL)
    {
      self->view.fitted = TRUE;
      wf_canvas_show_start (self);
    }
  else if (self->view.width > 0 && self->view.height > 0)
    wf_canvas_keep_focus_in_view (self, self->view.width, self->view.height);
  self->view.width = width;
  self->view.height = height;

  /* A presentation's area fills the view whatever its size. */
  if (self->present.active && self->view.showing && width > 0 && height > 0 &&
      (width != self->view.shown_width || height != self->view.shown_height))
    {
      graphene_rect_t area = self->view.shown_area;

      wf_canvas_show_area (self, &area, self->view.shown_min_zoom, FALSE);
    }
}

static void
wf_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 600;
}

static void
on_text_scale_changed (WfCanvas *self)
{
  double scale = wf_canvas_get_text_scale (self);
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (self->scene != NULL && self->view.fitted && scale != self->view.text_scale)
    wf_canvas_zoom_at (self, self->view.zoom * scale / self->view.text_scale, x, y);
  self->view.text_scale = scale;
}

/* One Tab stop: the map; the arrow keys go from card to card. */
static gboolean
wf_canvas_focus (GtkWidget        *widget,
                 GtkDirectionType  direction)
{
  gboolean handled;

  if (wf_canvas_a11y_focus_step (WF_CANVAS (widget), direction, &handled))
    return handled;

  return GTK_WIDGET_CLASS (wf_canvas_parent_class)->focus (widget, direction);
}

/* GObject */

static void
wf_canvas_dispose (GObject *object)
{
  WfCanvas *self = WF_CANVAS (object);

  wf_canvas_stop_move (self);
  if (self->finish_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->finish_tick);
  self->finish_tick = 0;
  wf_canvas_set_team_journal (self, NULL);
  wf_canvas_set_map (self, NULL);
  wf_canvas_a11y_free (self);
  g_clear_pointer (&self->editor.popover, gtk_widget_unparent);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  G_OBJECT_CLASS (wf_canvas_parent_class)->dispose (object);
}

static void
wf_canvas_finalize (GObject *object)
{
  WfCanvas *self = WF_CANVAS (object);

  g_hash_table_unref (self->selection.cards);
  g_hash_table_unref (self->selection.restored);
  g_free (self->drop.kind);

  G_OBJECT_CLASS (wf_canvas_parent_class)->finalize (object);
}

static void
wf_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WfCanvas *self = WF_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->view.zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WfCanvas *self = WF_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MAP:
      wf_canvas_set_map (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_canvas_class_init (WfCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_canvas_dispose;
  object_class->finalize = wf_canvas_finalize;
  object_class->get_property = wf_canvas_get_property;
  object_class->set_property = wf_canvas_set_property;

  widget_class->snapshot = wf_canvas_snapshot;
  widget_class->measure = wf_canvas_measure;
  widget_class->size_allocate = wf_canvas_size_allocate;
  widget_class->focus = wf_canvas_focus;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, WF_TYPE_MAP,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, WF_CANVAS_FLOOR_ZOOM, WF_CANVAS_MAX_ZOOM, 1.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WfCanvas::selection-changed:
   *
   * The selection or the focused card changed.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * WfCanvas::conflicts-changed:
   *
   * The team document's open conflicts changed, or its journal did
   * (wf_canvas_set_team_journal()).
   */
  signals[CONFLICTS_CHANGED] =
    g_signal_new ("conflicts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  wf_canvas_keys_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "wfcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wf_canvas_init (WfCanvas *self)
{
  self->view.zoom = 1.0;
  self->present.spotlight = -1;
  self->selection.cards = g_hash_table_new (NULL, NULL);
  self->selection.restored = g_hash_table_new (NULL, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  wf_canvas_gestures_init (self);
  wf_canvas_drop_init (self);
  wf_canvas_keys_init (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (wf_canvas_update_theme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (wf_canvas_update_theme), self, G_CONNECT_SWAPPED);
  /* Large Text switched on or off: the map grows or shrinks with it. */
  self->view.text_scale = wf_canvas_get_text_scale (self);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (on_text_scale_changed), self, G_CONNECT_SWAPPED);

  wf_canvas_announce_focus (self);
}

GtkWidget *
wf_canvas_new (void)
{
  return g_object_new (WF_TYPE_CANVAS, NULL);
}

WfMap *
wf_canvas_get_map (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), NULL);

  return self->map;
}

/**
 * wf_canvas_set_map:
 * @map: (nullable): the map to show
 */
void
wf_canvas_set_map (WfCanvas *self,
                   WfMap    *map)
{
  g_return_if_fail (WF_IS_CANVAS (self));
  g_return_if_fail (!map || (WF_IS_MAP (map) && wf_item_get_document (WF_ITEM (map)) != NULL));

  if (self->map == map)
    return;

  /* Coming back to this map shows it as it was left. */
  if (self->map != NULL && self->view.fitted && !self->present.active)
    {
      WfCanvasView *view = g_new (WfCanvasView, 1);

      *view = (WfCanvasView) { self->view.zoom, self->view.offset_x, self->view.offset_y };
      g_object_set_data_full (G_OBJECT (self->map), WF_CANVAS_VIEW_KEY, view, g_free);
    }

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (wf_document_get_undo_stack (self->document), self);
    }

  wf_canvas_clear_highlight (self);
  g_clear_pointer (&self->scene, wf_scene_free);
  g_clear_object (&self->document);
  g_set_object (&self->map, map);
  g_hash_table_remove_all (self->selection.cards);
  g_hash_table_remove_all (self->selection.restored);
  self->selection.restored_first = NULL;
  self->selection.focus = NULL;
  self->selection.header = NULL;
  self->selection.link = NULL;
  self->drag.mode = WF_CANVAS_DRAG_NONE;
  self->drag.resizing = NULL;
  self->drag.link_from = self->drag.link_target = NULL;
  self->view.showing = FALSE;
  self->present.spotlight = -1;
  wf_canvas_stop_move (self);
  if (self->editor.popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->editor.popover));
  self->drag.card = NULL;
  self->drag.header = NULL;
  g_clear_pointer (&self->drop.kind, g_free);
  self->view.fitted = FALSE;

  if (map != NULL)
    {
      self->document = g_object_ref (wf_item_get_document (WF_ITEM (map)));
      self->scene = wf_scene_new (map);
      /* Large pictures decode in a thread; each draws when it is there. */
      wf_scene_set_pictures_async (self->scene, (WfPictureReadyFunc) gtk_widget_queue_draw, self);
      wf_scene_set_build_budget (self->scene, BUILD_BUDGET_US);
      wf_scene_set_paint_background (self->scene, FALSE);   /* see wf_canvas_snapshot() */
      wf_canvas_update_theme (self);

      g_signal_connect_swapped (self->document, "item-added", G_CALLBACK (on_item_added), self);
      g_signal_connect_swapped (self->document, "item-removed", G_CALLBACK (on_item_removed), self);
      g_signal_connect_swapped (self->document, "item-moved", G_CALLBACK (on_item_moved), self);
      g_signal_connect_swapped (self->document, "item-changed", G_CALLBACK (on_item_changed), self);
      g_signal_connect_swapped (wf_document_get_undo_stack (self->document), "changed",
                                G_CALLBACK (on_undo_stack_changed), self);

      if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
        {
          self->view.fitted = TRUE;
          wf_canvas_show_start (self);
        }
    }

  wf_canvas_announce_focus (self);
  wf_canvas_a11y_queue_sync (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
  wf_canvas_emit_selection_changed (self);
}

WfScene *
wf_canvas_get_scene (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), NULL);

  return self->scene;
}

/**
 * wf_canvas_set_persona_filter:
 * @persona: (nullable): the persona whose lanes alone are shown, with the
 *   shared lanes, or %NULL for every lane
 */
void
wf_canvas_set_persona_filter (WfCanvas  *self,
                              WfPersona *persona)
{
  WfLayout *layout;

  g_return_if_fail (WF_IS_CANVAS (self));

  if (self->scene == NULL)
    return;

  layout = wf_scene_get_layout (self->scene);
  if (wf_layout_get_persona_filter (layout) == persona)
    return;

  wf_layout_set_persona_filter (layout, persona);
  wf_canvas_relayout (self);

  /* A focused card in a hidden lane is not focused any more. */
  if (self->selection.focus != NULL && !wf_layout_get_card_bounds (layout, self->selection.focus, &GRAPHENE_RECT_INIT (0, 0, 0, 0)))
    wf_canvas_set_focus_card (self, NULL);
}

WfPersona *
wf_canvas_get_persona_filter (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), NULL);

  return self->scene ? wf_layout_get_persona_filter (wf_scene_get_layout (self->scene)) : NULL;
}
