/* wf-canvas-drop.c — where dragged things land on the canvas
 *
 * Where a phase, lane, persona or card would land, from the palette or
 * moved on the map, and the mark that shows it; adding or moving it
 * there as one undoable step; the drop target that takes the palette's
 * items; and the one that takes pictures (files from a file manager,
 * pixels from another application) onto a card or a persona's band.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wf-canvas-private.h"
#include "wf-palette.h"
#include "wf-picture-editor.h"

/* Where a dragged item would land. */
typedef struct
{
  gboolean  ok;
  WfPhase  *phase;          /* a cell, or the phase to insert before */
  WfLane   *lane;           /* a cell, or the lane to insert before */
  WfPersona *persona;       /* of a new lane */
  int       index;          /* in the cell, the phases or the lanes; -1 at the end */
  graphene_rect_t mark;     /* what to draw, in map units */
} Target;

WfCard *
wf_canvas_card_at (WfCanvas *self,
                   double    x,
                   double    y)
{
  return wf_layout_card_at (wf_scene_get_layout (self->scene), x, y);
}

/* The place between two phases nearest to @x. */
static void
phase_target (WfCanvas *self,
              double    x,
              Target   *t)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  guint n = wf_layout_get_n_phases (layout);
  int p = wf_layout_phase_at (layout, x);
  double px, pw;

  if (p < 0)
    t->index = x < WF_LAYOUT_LANE_HEADER_WIDTH ? 0 : (int) n;
  else
    {
      wf_layout_get_phase_bounds (layout, p, &px, &pw);
      t->index = x > px + pw / 2 ? p + 1 : p;
    }

  if (t->index < (int) n)
    wf_layout_get_phase_bounds (layout, t->index, &px, &pw);
  else
    px = wf_layout_get_width (layout);

  t->ok = TRUE;
  t->mark = GRAPHENE_RECT_INIT (px - 3, 0, 6, wf_layout_get_height (layout));
}

/* The place between two lanes nearest to @y, and whose group it joins. */
static void
lane_target (WfCanvas *self,
             double    y,
             Target   *t)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  int r = wf_layout_row_at (layout, y);
  guint n_rows = wf_layout_get_n_rows (layout);
  double mark_y;

  t->ok = TRUE;
  t->index = -1;
  t->persona = NULL;

  if (r < 0)
    {
      mark_y = y < WF_LAYOUT_HEADER_HEIGHT && n_rows > 0 ? wf_layout_get_row (layout, 0)->y : wf_layout_get_height (layout);
      if (y < WF_LAYOUT_HEADER_HEIGHT && n_rows > 0)
        {
          const WfRow *first = wf_layout_get_row (layout, 0);

          t->persona = first->persona;
          for (guint i = 0; i < n_rows; i++)
            if (wf_layout_get_row (layout, i)->lane != NULL)
              {
                t->index = wf_map_get_lane_index (self->map, wf_layout_get_row (layout, i)->lane);
                break;
              }
        }
    }
  else
    {
      const WfRow *row = wf_layout_get_row (layout, r);
      gboolean after = row->kind == WF_ROW_LANE && y > row->y + row->height / 2;

      t->persona = row->persona;
      mark_y = after ? row->y + row->height : row->y;

      if (row->kind == WF_ROW_LANE)
        t->index = wf_map_get_lane_index (self->map, row->lane) + (after ? 1 : 0);
      else
        {
          /* On a band: before the first lane of its group. A persona's
           * band may have no lanes under it (only figures): then after
           * every lane, which is still under the band.
           */
          mark_y = row->y + row->height;
          if ((guint) r + 1 < n_rows && wf_layout_get_row (layout, r + 1)->kind == WF_ROW_LANE)
            t->index = wf_map_get_lane_index (self->map, wf_layout_get_row (layout, r + 1)->lane);
        }
    }

  t->mark = GRAPHENE_RECT_INIT (0, mark_y - 3, wf_layout_get_width (layout), 6);
}

/* A new persona's group comes after the other personas' groups, before
 * the lanes no persona has: the mark shows that place, wherever the
 * pointer is.
 */
static void
persona_target (WfCanvas *self,
                Target   *t)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  double mark_y = wf_layout_get_height (layout);

  for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
    {
      const WfRow *row = wf_layout_get_row (layout, r);

      if (row->persona == NULL)
        {
          mark_y = row->y;
          break;
        }
    }

  t->ok = TRUE;
  t->mark = GRAPHENE_RECT_INIT (0, mark_y - 3, wf_layout_get_width (layout), 6);
}

/* The cell under the point and the place in it; @kind_needed, if set,
 * is the kind of lane the card must go in.
 */
static void
cell_target (WfCanvas   *self,
             double      x,
             double      y,
             gboolean    check_kind,
             WfLaneKind  kind_needed,
             WfCard     *moving,
             Target     *t)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  int p = wf_layout_phase_at (layout, x);
  int r = wf_layout_row_at (layout, y);
  const WfRow *row = r >= 0 ? wf_layout_get_row (layout, r) : NULL;
  WfCard *under;
  double px, pw;

  t->ok = FALSE;
  if (p < 0 || row == NULL || row->lane == NULL)
    {
      t->mark = GRAPHENE_RECT_INIT (0, 0, 0, 0);
      return;
    }

  wf_layout_get_phase_bounds (layout, p, &px, &pw);
  t->phase = wf_map_get_phase (self->map, p);
  t->lane = row->lane;
  t->mark = GRAPHENE_RECT_INIT (px, row->y, pw, row->height);
  t->ok = !check_kind || wf_lane_get_kind (row->lane) == kind_needed;

  /* Before the card under the pointer, or at the end of the cell. */
  under = wf_canvas_card_at (self, x, y);
  t->index = under != NULL && wf_card_get_lane (under) == row->lane ? wf_map_get_card_index (self->map, under) : -1;

  /* The index counts after the moving card has left its place. */
  if (moving != NULL && t->index >= 0 && wf_card_get_phase (moving) == t->phase &&
      wf_card_get_lane (moving) == t->lane && t->index > wf_map_get_card_index (self->map, moving))
    t->index--;
}

static void
find_target (WfCanvas   *self,
             const char *kind,
             double      x,
             double      y,
             Target     *t)
{
  WfLaneKind lane_kind;

  memset (t, 0, sizeof *t);

  if (g_strcmp0 (kind, "phase") == 0)
    phase_target (self, x, t);
  else if (g_strcmp0 (kind, "persona") == 0)
    persona_target (self, t);
  else if (wf_palette_kind_is_lane (kind, NULL))
    lane_target (self, y, t);
  else if (wf_palette_kind_is_card (kind, &lane_kind))
    cell_target (self, x, y, TRUE, lane_kind, NULL, t);
  else if (g_strcmp0 (kind, "move") == 0 && self->drag.card != NULL)
    cell_target (self, x, y, FALSE, 0, self->drag.card, t);
  else if (g_strcmp0 (kind, "move-phase") == 0)
    phase_target (self, x, t);
  else if (g_strcmp0 (kind, "move-lane") == 0)
    lane_target (self, y, t);
}

static const WfLaneKind default_lanes[] = {
  WF_LANE_TOUCHPOINTS, WF_LANE_EMOTIONS, WF_LANE_PAIN_POINTS, WF_LANE_OPPORTUNITIES,
};

static gboolean
apply_target (WfCanvas     *self,
              const char   *kind,
              const Target *t)
{
  WfLaneKind lane_kind;

  if (!t->ok)
    return FALSE;

  if (g_strcmp0 (kind, "phase") == 0)
    {
      g_autofree char *id = wf_document_make_id (self->document, "phase");
      g_autoptr(WfPhase) phase = wf_phase_new (id, _("New Phase"));

      return wf_edit_add_phase (self->map, phase, t->index);
    }

  if (g_strcmp0 (kind, "persona") == 0)
    {
      WfUndoStack *stack = wf_document_get_undo_stack (self->document);
      g_autofree char *id = wf_document_make_id (self->document, "persona");
      g_autoptr(WfPersona) persona = wf_persona_new (id, _("New Persona"));

      wf_persona_set_color (persona, wf_persona_default_color (wf_document_get_n_personas (self->document)));
      wf_undo_stack_begin (stack, _("Add Persona"));
      wf_edit_add_persona (self->document, persona, -1);
      for (guint i = 0; i < G_N_ELEMENTS (default_lanes); i++)
        {
          g_autofree char *lane_id = wf_document_make_id (self->document, "lane");
          g_autoptr(WfLane) lane = wf_lane_new (lane_id, default_lanes[i]);

          wf_lane_set_title (lane, wf_lane_kind_get_label (default_lanes[i]));
          wf_lane_set_persona (lane, persona);
          wf_edit_add_lane (self->map, lane, -1);
        }
      wf_undo_stack_end (stack);
      return TRUE;
    }

  if (wf_palette_kind_is_lane (kind, &lane_kind))
    {
      g_autofree char *id = wf_document_make_id (self->document, "lane");
      g_autoptr(WfLane) lane = wf_lane_new (id, lane_kind);

      wf_lane_set_title (lane, wf_lane_kind_get_label (lane_kind));
      wf_lane_set_persona (lane, t->persona);
      return wf_edit_add_lane (self->map, lane, t->index);
    }

  if (wf_palette_kind_is_card (kind, &lane_kind))
    {
      g_autofree char *id = wf_document_make_id (self->document, "card");
      g_autoptr(WfCard) card = wf_card_new (id, "");

      if (lane_kind == WF_LANE_EMOTIONS)
        wf_card_set_emotion (card, 0);
      if (!wf_edit_add_card (self->map, card, t->phase, t->lane, t->index))
        return FALSE;

      wf_canvas_select (self, card, FALSE);
      wf_canvas_edit_title (self, card);
      return TRUE;
    }

  if (g_strcmp0 (kind, "move") == 0 && self->drag.card != NULL)
    {
      wf_edit_move_card (self->drag.card, t->phase, t->lane, t->index);
      return TRUE;
    }

  /* A phase or lane to another place: the index counts after it left. */
  if (g_strcmp0 (kind, "move-phase") == 0 && WF_IS_PHASE (self->drag.header))
    {
      int from = wf_map_get_phase_index (self->map, WF_PHASE (self->drag.header));
      int to = t->index > from ? t->index - 1 : t->index;

      if (to != from)
        wf_edit_reorder (self->drag.header, to);
      return TRUE;
    }

  if (g_strcmp0 (kind, "move-lane") == 0 && WF_IS_LANE (self->drag.header))
    {
      WfLane *lane = WF_LANE (self->drag.header);
      WfUndoStack *stack = wf_document_get_undo_stack (self->document);
      int from = wf_map_get_lane_index (self->map, lane);
      int n = wf_map_get_n_lanes (self->map);
      int to = t->index < 0 ? n - 1 : t->index > from ? t->index - 1 : t->index;

      /* Into another persona's group, the lane becomes that persona's. */
      wf_undo_stack_begin (stack, _("Move Lane"));
      if (wf_lane_get_persona (lane) != t->persona)
        wf_edit_set (lane, "persona", t->persona, NULL);
      if (to != from)
        wf_edit_reorder (lane, CLAMP (to, 0, n - 1));
      wf_undo_stack_end (stack);
      return TRUE;
    }

  return FALSE;
}

void
wf_canvas_set_drop (WfCanvas   *self,
                    const char *kind,
                    double      widget_x,
                    double      widget_y)
{
  g_free (self->drop.kind);
  self->drop.kind = g_strdup (kind);
  wf_canvas_widget_to_map (self, widget_x, widget_y, &self->drop.x, &self->drop.y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static const char *
palette_kind (const GValue *value)
{
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;

  return text && g_str_has_prefix (text, WF_PALETTE_PREFIX) ? text + strlen (WF_PALETTE_PREFIX) : NULL;
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         x,
                double         y,
                WfCanvas      *self)
{
  const GValue *value = gtk_drop_target_get_value (target);
  const char *kind = value ? palette_kind (value) : NULL;
  Target t;

  if (kind == NULL || self->scene == NULL)
    return 0;

  wf_canvas_set_drop (self, kind, x, y);
  find_target (self, kind, self->drop.x, self->drop.y, &t);

  return t.ok ? GDK_ACTION_COPY : 0;
}

static void
on_drop_leave (GtkDropTarget *target,
               WfCanvas      *self)
{
  g_clear_pointer (&self->drop.kind, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         WfCanvas      *self)
{
  const char *kind = palette_kind (value);
  double map_x, map_y;

  g_clear_pointer (&self->drop.kind, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (kind == NULL || self->scene == NULL)
    return FALSE;

  wf_canvas_widget_to_map (self, x, y, &map_x, &map_y);
  return wf_canvas_add_item (self, kind, map_x, map_y);
}

/* Where a dragged item would land: a bar between phases or lanes, or the
 * cell, red when it takes no such item.
 */
void
wf_canvas_snapshot_drop (WfCanvas    *self,
                         GtkSnapshot *snapshot)
{
  Target t;
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
  GdkRGBA refused = { 0.88, 0.11, 0.14, 1 };
  GdkRGBA color;

  find_target (self, self->drop.kind, self->drop.x, self->drop.y, &t);
  color = t.ok ? accent : refused;

  if (t.mark.size.width == 0)
    return;

  if (t.phase != NULL && t.lane != NULL)
    {
      GskRoundedRect frame;
      float widths[4] = { 3, 3, 3, 3 };
      GdkRGBA colors[4] = { color, color, color, color };
      GdkRGBA wash = color;

      wash.alpha = 0.12;
      gtk_snapshot_append_color (snapshot, &wash, &t.mark);
      gsk_rounded_rect_init_from_rect (&frame, &t.mark, 4);
      gtk_snapshot_append_border (snapshot, &frame, widths, colors);

      /* The bar before the card it would go before. */
      if (t.ok && t.index >= 0)
        {
          WfLayout *layout = wf_scene_get_layout (self->scene);
          GPtrArray *cell = wf_map_get_cell (self->map, t.phase, t.lane);
          graphene_rect_t bounds;

          if (cell != NULL && (guint) t.index < cell->len &&
              wf_layout_get_card_bounds (layout, g_ptr_array_index (cell, t.index), &bounds))
            gtk_snapshot_append_color (snapshot, &color,
                                       &GRAPHENE_RECT_INIT (bounds.origin.x - 6, bounds.origin.y, 4, bounds.size.height));
        }
    }
  else
    gtk_snapshot_append_color (snapshot, &color, &t.mark);

  /* A card being moved follows the pointer. */
  if (self->drag.card != NULL && self->drag.mode == WF_CANVAS_DRAG_MOVE)
    {
      GdkRGBA ghost = accent;

      ghost.alpha = 0.35;
      gtk_snapshot_append_color (snapshot, &ghost,
                                 &GRAPHENE_RECT_INIT (self->drop.x - WF_LAYOUT_CARD_WIDTH / 2,
                                                      self->drop.y - WF_LAYOUT_CARD_HEIGHT / 2,
                                                      WF_LAYOUT_CARD_WIDTH, WF_LAYOUT_CARD_HEIGHT));
    }
}

/**
 * wf_canvas_move_header_to:
 * @item: a phase or a lane of the map
 * @x: where its header is dropped, in map units
 *
 * Moves a phase to between the phases nearest @x, or a lane to between
 * the lanes nearest @y (joining that persona's group).
 */
gboolean
wf_canvas_move_header_to (WfCanvas *self,
                          gpointer  item,
                          double    x,
                          double    y)
{
  const char *kind = WF_IS_PHASE (item) ? "move-phase" : "move-lane";
  Target t;
  gboolean done;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (WF_IS_PHASE (item) || WF_IS_LANE (item), FALSE);

  if (self->scene == NULL)
    return FALSE;

  self->drag.header = item;
  find_target (self, kind, x, y, &t);
  done = apply_target (self, kind, &t);
  self->drag.header = NULL;

  return done;
}

/**
 * wf_canvas_add_item:
 * @kind: a palette kind: "phase", "persona", "lane:KIND" or a card kind
 * @x: where it is dropped, in map units
 * @y: the same point's y
 *
 * Adds what a palette item stands for where it is dropped, as one
 * undoable step: a phase between the phases nearest @x, a lane between
 * the lanes nearest @y (in that persona's group), a card in the cell
 * under the point (which must be a lane of the card's kind), a persona
 * with its default lanes.
 *
 * Returns: whether it was added; %FALSE for a place that takes no such item
 */
gboolean
wf_canvas_add_item (WfCanvas   *self,
                    const char *kind,
                    double      x,
                    double      y)
{
  Target t;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  if (self->scene == NULL)
    return FALSE;

  find_target (self, kind, x, y, &t);
  return apply_target (self, kind, &t);
}

/**
 * wf_canvas_add_item_at_focus:
 *
 * As wf_canvas_add_item(), at the focused card: for the keyboard.
 */
gboolean
wf_canvas_add_item_at_focus (WfCanvas   *self,
                             const char *kind)
{
  graphene_rect_t bounds;
  graphene_point_t center;
  WfLaneKind lane_kind;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  if (self->scene == NULL)
    return FALSE;

  /* A card goes into the first lane of its kind in the focused phase. */
  if (wf_palette_kind_is_card (kind, &lane_kind) &&
      (self->selection.focus == NULL || wf_lane_get_kind (wf_card_get_lane (self->selection.focus)) != lane_kind))
    {
      WfPhase *phase = self->selection.focus ? wf_card_get_phase (self->selection.focus) : wf_map_get_phase (self->map, 0);

      for (guint i = 0; phase != NULL && i < wf_map_get_n_lanes (self->map); i++)
        {
          WfLane *lane = wf_map_get_lane (self->map, i);

          if (wf_lane_get_kind (lane) == lane_kind)
            {
              Target t = { TRUE, phase, lane, NULL, -1, GRAPHENE_RECT_INIT (0, 0, 0, 0) };

              return apply_target (self, kind, &t);
            }
        }
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  if (self->selection.focus == NULL || !wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), self->selection.focus, &bounds))
    graphene_rect_init (&bounds, WF_LAYOUT_LANE_HEADER_WIDTH + 1, wf_layout_get_height (wf_scene_get_layout (self->scene)) - 1, 1, 1);

  graphene_rect_get_center (&bounds, &center);
  if (wf_palette_kind_is_card (kind, NULL))
    center.x = bounds.origin.x + bounds.size.width - 1;

  return wf_canvas_add_item (self, kind, center.x + 1, center.y);
}

/**
 * wf_canvas_move_card_to:
 * @x: where the card is dropped, in map units
 *
 * Moves @card to the cell under the point, before the card there.
 */
gboolean
wf_canvas_move_card_to (WfCanvas *self,
                        WfCard   *card,
                        double    x,
                        double    y)
{
  Target t;
  gboolean done;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  if (self->scene == NULL)
    return FALSE;

  self->drag.card = card;
  find_target (self, "move", x, y, &t);
  done = apply_target (self, "move", &t);
  self->drag.card = NULL;

  return done;
}

/**
 * wf_canvas_get_drop_mark:
 * @mark: (out): where the canvas shows that a dragged item would land, in
 *   map units
 *
 * Returns: whether something is dragged over the map and has a place
 */
gboolean
wf_canvas_get_drop_mark (WfCanvas        *self,
                         graphene_rect_t *mark)
{
  Target t;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  if (self->scene == NULL || self->drop.kind == NULL)
    return FALSE;

  find_target (self, self->drop.kind, self->drop.x, self->drop.y, &t);
  *mark = t.mark;
  return t.ok && t.mark.size.width > 0;
}

/* Pictures */

static gboolean
is_picture_drop (GdkDrop *drop)
{
  GdkContentFormats *formats = gdk_drop_get_formats (drop);

  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) ||
         gdk_content_formats_contain_gtype (formats, G_TYPE_FILE) ||
         gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE);
}

/* The palette's items are text: files and pixels are for the picture
 * target, though their names could be read as text. */
static gboolean
on_palette_accept (GtkDropTarget *target,
                   GdkDrop       *drop,
                   WfCanvas      *self)
{
  return !is_picture_drop (drop) &&
         (gdk_drop_get_actions (drop) & GDK_ACTION_COPY) != 0 &&
         gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), G_TYPE_STRING);
}

/**
 * wf_canvas_picture_item_at:
 * @x: in map units
 *
 * Returns: (nullable): the card, or else the persona whose band, is at
 *   @x, @y: what a dropped picture goes onto
 */
WfItem *
wf_canvas_picture_item_at (WfCanvas *self,
                           double    x,
                           double    y)
{
  WfLayout *layout;
  WfCard *card;
  int r;

  if (self->scene == NULL)
    return NULL;

  layout = wf_scene_get_layout (self->scene);
  if ((card = wf_layout_card_at (layout, x, y)) != NULL)
    return WF_ITEM (card);

  r = wf_layout_row_at (layout, y);
  if (r >= 0)
    {
      const WfRow *row = wf_layout_get_row (layout, r);

      if (row->kind == WF_ROW_PERSONA && row->persona != NULL)
        return WF_ITEM (row->persona);
    }

  return NULL;
}

/**
 * wf_canvas_drop_picture:
 * @value: a #GdkFileList, #GFile or #GdkTexture
 * @widget_x: where it was dropped, in widget coordinates
 *
 * Sets a dropped picture as the photo of the persona whose band, or the
 * image of the card, is under the pointer; elsewhere says where pictures
 * go.
 *
 * Returns: whether the picture is on its way
 */
gboolean
wf_canvas_drop_picture (WfCanvas     *self,
                        const GValue *value,
                        double        widget_x,
                        double        widget_y)
{
  double x, y;
  WfItem *item;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  wf_canvas_widget_to_map (self, widget_x, widget_y, &x, &y);
  if ((item = wf_canvas_picture_item_at (self, x, y)) == NULL)
    {
      wf_picture_show_error (GTK_WIDGET (self), _("A picture goes on a card or on a persona’s band"));
      return FALSE;
    }

  return wf_picture_set_value (item, value, GTK_WIDGET (self), TRUE);
}

static gboolean
on_picture_drop (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 WfCanvas      *self)
{
  return wf_canvas_drop_picture (self, value, x, y);
}

/* Takes the palette's items and pictures. */
void
wf_canvas_drop_init (WfCanvas *self)
{
  {
    GtkDropTarget *drop = wf_picture_drop_target_new ();

    g_signal_connect (drop, "drop", G_CALLBACK (on_picture_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

    gtk_drop_target_set_preload (drop, TRUE);
    g_signal_connect (drop, "accept", G_CALLBACK (on_palette_accept), self);
    g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), self);
    g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
    g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
}
