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
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "storage/wf-clipboard.h"
#include "storage/wf-quote.h"
#include "wf-canvas-private.h"
#include "wf-palette.h"
#include "wf-toast.h"

/* A map's view, kept on the map while another one is shown, or
 * while presenting. */
typedef struct
{
  double zoom;
  double offset_x;
  double offset_y;
} WfCanvasView;

/* What a drag with the primary button does, chosen where it begins. */
typedef enum
{
  WF_CANVAS_DRAG_NONE,
  WF_CANVAS_DRAG_PRESS,   /* on a card or a header, not yet far enough to move it */
  WF_CANVAS_DRAG_MOVE,    /* moves that card, or that phase or lane by its header */
  WF_CANVAS_DRAG_BAND,    /* from an empty place of the grid: a rubber band */
  WF_CANVAS_DRAG_PAN,     /* with Space held: pans */
  WF_CANVAS_DRAG_LINK,    /* from the focused card's handle: a new link */
  WF_CANVAS_DRAG_RESIZE,  /* from a header's edge: a wider phase or a taller lane */
} WfCanvasDragMode;

struct _WfCanvas
{
  GtkWidget    parent_instance;

  WfMap       *map;
  WfDocument  *document;
  WfScene     *scene;

  /* What is in view (wf-canvas-viewport.c) */
  struct {
    double     zoom;
    double     offset_x;      /* the map point at the widget's top left */
    double     offset_y;
    gboolean   fitted;        /* zoom to fit once the widget has a size */

    guint      tick_id;       /* a move to where the view goes: */
    gint64     move_start;    /* frame time, µs */
    double     from_zoom, from_x, from_y;
    double     to_zoom, to_x, to_y;

    gboolean   showing;       /* an area asked for, shown again at a new size: */
    graphene_rect_t shown_area;
    double     shown_min_zoom;
    int        shown_width;   /* the size it was shown at */
    int        shown_height;
    GtkBorder  obscured;      /* pixels of the view that overlays cover */
  } view;

  /* What is selected, and where the keyboard is (wf-canvas-selection.c) */
  struct {
    GHashTable *cards;        /* WfCard → itself */
    WfCard     *focus;
    WfItem     *header;       /* or a phase, lane or persona by its header */
    WfLink     *link;         /* or a link */
    GHashTable *restored;     /* cards an undo or redo brought back or changed */
    WfCard     *restored_first;
  } selection;

  /* The primary button's drag, and the pans (wf-canvas-gestures.c) */
  struct {
    WfCanvasDragMode mode;
    WfCard     *card;         /* PRESS, MOVE: the card it holds, */
    WfItem     *header;       /* or the phase or lane whose header it holds */
    graphene_rect_t band;     /* BAND: in map units */
    WfItem     *resizing;     /* RESIZE: the phase or lane, and its size before */
    double      resize_start;
    WfCard     *link_from;    /* LINK: from, to, and where the pointer is */
    WfCard     *link_target;
    graphene_point_t link_end;
    gboolean    space_down;
    double      pan_x;        /* how far a pan has moved the view */
    double      pan_y;
    double      zoom_begin;   /* for the pinch */
  } drag;

  /* Where the pointer is, in widget coordinates: GTK 4.8's scroll events
   * carry no position, so Ctrl+wheel zooms around this point.
   */
  struct {
    double     x;
    double     y;
    gboolean   inside;
  } pointer;

  /* While something is dragged over the map: what, and where in map units
   * (wf-canvas-drop.c)
   */
  struct {
    char      *kind;          /* a palette kind, or "move" for a card */
    double     x;
    double     y;
  } drop;

  /* The popover that edits a title in place (wf-canvas-editor.c) */
  struct {
    GtkWidget *popover;
    WfCard    *card;
    WfLink    *link;          /* or a link's label */
  } editor;

  /* Presenting: the projector's style, one phase in the light
   * (wf-canvas-present.c)
   */
  struct {
    gboolean   active;
    int        spotlight;     /* the phase not dimmed, or -1 */
    WfCanvasView before;      /* the view to go back to */
  } present;
};

#define MOVE_DURATION_US (350 * 1000)

/* The smallest zoom a map opens at: card titles (12 px) stay about 9 px
 * high, readable without leaning in.
 */
#define READABLE_ZOOM 0.75

#define VIEW_KEY "wf-canvas-view"

/* How much of a card's title a screen reader is given. */
#define SPOKEN_TITLE_CHARS 200

/* The round handle on the focused card, in pixels. */
#define HANDLE_RADIUS 7.0

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

enum {
  PROP_0,
  PROP_MAP,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WfCanvas, wf_canvas, GTK_TYPE_WIDGET)

static void show_start (WfCanvas *self);

/* Ends a move of the view to where it goes (wf_canvas_show_area()). */
static void
stop_move (WfCanvas *self)
{
  if (self->view.tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->view.tick_id);
  self->view.tick_id = 0;
}

static void
selection_changed (WfCanvas *self)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
update_theme (WfCanvas *self)
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

static void
clamp_offset (WfCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) / self->view.zoom;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) / self->view.zoom;
  WfLayout *layout;
  double margin = 80 / self->view.zoom;

  if (self->scene == NULL)
    return;

  layout = wf_scene_get_layout (self->scene);

  /* Nothing that is not a number reaches the view. */
  if (!isfinite (self->view.offset_x))
    self->view.offset_x = 0;
  if (!isfinite (self->view.offset_y))
    self->view.offset_y = 0;

  /* The map may move anywhere, as long as some of it stays in sight. */
  self->view.offset_x = CLAMP (self->view.offset_x, -(width - margin), wf_layout_get_width (layout) - margin);
  self->view.offset_y = CLAMP (self->view.offset_y, -(height - margin), wf_layout_get_height (layout) - margin);
}

/* A title as a screen reader says it: the start of it, on one line. */
static char *
spoken (const char *title)
{
  return wf_quote_excerpt_len (title, -1, SPOKEN_TITLE_CHARS);
}

static void
announce_focus (WfCanvas *self)
{
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lane = NULL;
  g_autofree char *phase = NULL;

  if (self->selection.focus == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Journey map"), -1);
      return;
    }

  title = spoken (wf_card_get_title (self->selection.focus));
  lane = spoken (wf_lane_get_title (wf_card_get_lane (self->selection.focus)));
  phase = spoken (wf_phase_get_name (wf_card_get_phase (self->selection.focus)));
  /* Translators: what a screen reader says of the focused card:
   * "Instagram ad, Touchpoints, Awareness" */
  label = g_strdup_printf (_("%s, %s, %s"), title, lane, phase);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Scrolls so that @bounds (map units) is in view, with a margin: clear
 * of the lane and phase titles and of what overlays cover; where a move
 * is under way, in the view where it ends.
 */
static void
reveal_area (WfCanvas              *self,
             const graphene_rect_t *bounds)
{
  gboolean moving = self->view.tick_id != 0;
  double zoom = moving ? self->view.to_zoom : self->view.zoom;
  double margin = 24 / zoom;
  graphene_rect_t view;
  double x, y;

  wf_canvas_get_visible_area (self, &view);
  if (view.size.width <= 0 || view.size.height <= 0)
    return;
  x = view.origin.x;
  y = view.origin.y;

  if (bounds->origin.x - margin < x + WF_LAYOUT_LANE_HEADER_WIDTH)
    x = bounds->origin.x - margin - WF_LAYOUT_LANE_HEADER_WIDTH;
  else if (bounds->origin.x + bounds->size.width + margin > x + view.size.width)
    x = bounds->origin.x + bounds->size.width + margin - view.size.width;

  if (bounds->origin.y - margin < y + WF_LAYOUT_HEADER_HEIGHT)
    y = bounds->origin.y - margin - WF_LAYOUT_HEADER_HEIGHT;
  else if (bounds->origin.y + bounds->size.height + margin > y + view.size.height)
    y = bounds->origin.y + bounds->size.height + margin - view.size.height;

  x -= self->view.obscured.left / zoom;
  y -= self->view.obscured.top / zoom;
  if (moving)
    {
      self->view.to_x = x;
      self->view.to_y = y;
      return;
    }

  self->view.offset_x = x;
  self->view.offset_y = y;
  clamp_offset (self);
}

static void
reveal_card (WfCanvas *self,
             WfCard   *card)
{
  graphene_rect_t bounds;

  if (self->scene != NULL && wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), card, &bounds))
    reveal_area (self, &bounds);
}

/* The model */

static void
relayout (WfCanvas *self)
{
  if (self->scene == NULL)
    return;

  wf_scene_update (self->scene);
  clamp_offset (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  reveal_card (self, self->selection.focus);
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
      relayout (self);
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
      relayout (self);
      announce_focus (self);
      selection_changed (self);
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
  relayout (self);
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
   * only need the headers drawn again, which a relayout does.
   */
  if (WF_IS_CARD (item))
    {
      wf_scene_forget_card (self->scene, WF_CARD (item));
      if (g_strcmp0 (pspec->name, "emotion") == 0)
        relayout (self);
      else
        gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    {
      if (WF_IS_LANE (item) && g_strcmp0 (pspec->name, "kind") == 0)
        wf_scene_forget_all (self->scene);
      relayout (self);
    }

  if ((gpointer) item == (gpointer) self->selection.focus)
    announce_focus (self);
}


/* Dropping and moving */

static WfCard *
card_at (WfCanvas *self,
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
          /* On a band: the first lane of its group. */
          mark_y = row->y + row->height;
          for (guint i = r + 1; i < n_rows; i++)
            if (wf_layout_get_row (layout, i)->lane != NULL)
              {
                t->index = wf_map_get_lane_index (self->map, wf_layout_get_row (layout, i)->lane);
                break;
              }
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
  under = card_at (self, x, y);
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

static void
set_drop (WfCanvas   *self,
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

  set_drop (self, kind, x, y);
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

/* Dragging a card with the primary button */

/* The phase whose header's right edge, or the lane whose header's lower
 * edge, is at a point of the map: what a drag there resizes.
 */
static WfItem *
edge_at (WfCanvas *self,
         double    x,
         double    y)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  double slack = 5 / self->view.zoom;

  if (self->present.active)
    return NULL;

  if (y >= 0 && y < WF_LAYOUT_HEADER_HEIGHT)
    {
      for (guint p = 0; p < wf_layout_get_n_phases (layout); p++)
        {
          double px, pw;

          wf_layout_get_phase_bounds (layout, p, &px, &pw);
          if (fabs (x - (px + pw)) <= slack)
            return WF_ITEM (wf_map_get_phase (self->map, p));
        }
      return NULL;
    }

  if (x >= 0 && x < WF_LAYOUT_LANE_HEADER_WIDTH)
    {
      for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
        {
          const WfRow *row = wf_layout_get_row (layout, r);

          if (row->kind == WF_ROW_LANE && !wf_lane_get_collapsed (row->lane) &&
              fabs (y - (row->y + row->height)) <= slack)
            return WF_ITEM (row->lane);
        }
    }

  return NULL;
}

static void
on_pointer_enter (GtkEventControllerMotion *controller,
                  double                    x,
                  double                    y,
                  WfCanvas                 *self)
{
  self->pointer.x = x;
  self->pointer.y = y;
  self->pointer.inside = isfinite (x) && isfinite (y);
}

static void
on_pointer_leave (GtkEventControllerMotion *controller,
                  WfCanvas                 *self)
{
  self->pointer.inside = FALSE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WfCanvas                 *self)
{
  double map_x, map_y;
  WfItem *edge;

  on_pointer_enter (controller, x, y, self);

  if (self->scene == NULL || self->drag.mode == WF_CANVAS_DRAG_RESIZE || !self->pointer.inside)
    return;

  wf_canvas_widget_to_map (self, x, y, &map_x, &map_y);
  edge = edge_at (self, map_x, map_y);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   WF_IS_PHASE (edge) ? "col-resize" : WF_IS_LANE (edge) ? "row-resize" : NULL);
}

static void
on_move_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               WfCanvas       *self)
{
  double map_x, map_y;

  self->drag.mode = WF_CANVAS_DRAG_NONE;
  self->drag.card = NULL;

  if (self->scene == NULL)
    return;

  /* A finger pans (the touch gesture does that); it does not move cards. */
  {
    GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
    GdkDevice *device = event ? gdk_event_get_device (event) : NULL;

    if (device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN)
      {
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
        return;
      }
  }

  wf_canvas_widget_to_map (self, x, y, &map_x, &map_y);

  /* From a header's edge: a wider phase or a taller lane. */
  if (!self->drag.space_down && (self->drag.resizing = edge_at (self, map_x, map_y)) != NULL)
    {
      WfLayout *layout = wf_scene_get_layout (self->scene);

      /* This drag is a step of its own, not merged into the last one. */
      wf_undo_stack_seal (wf_document_get_undo_stack (self->document));

      if (WF_IS_PHASE (self->drag.resizing))
        {
          double px;

          wf_layout_get_phase_bounds (layout, wf_map_get_phase_index (self->map, WF_PHASE (self->drag.resizing)),
                                      &px, &self->drag.resize_start);
        }
      else
        self->drag.resize_start = wf_layout_get_row (layout, wf_layout_get_lane_row (layout, WF_LANE (self->drag.resizing)))->height;

      self->drag.mode = WF_CANVAS_DRAG_RESIZE;
      self->drag.card = NULL;
      self->drag.header = NULL;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  /* From the focused card's handle: a new link. */
  {
    graphene_point_t handle;

    if (!self->drag.space_down && wf_canvas_get_link_handle (self, &handle) &&
        hypot (map_x - handle.x, map_y - handle.y) <= HANDLE_RADIUS / self->view.zoom + 3 / self->view.zoom)
      {
        self->drag.mode = WF_CANVAS_DRAG_LINK;
        self->drag.link_from = self->selection.focus;
        self->drag.link_target = NULL;
        self->drag.link_end = GRAPHENE_POINT_INIT (map_x, map_y);
        self->drag.header = NULL;
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
        return;
      }
  }

  self->drag.card = card_at (self, map_x, map_y);
  self->drag.header = NULL;

  /* A phase by its header, a lane by its header. */
  if (self->drag.card == NULL)
    {
      WfLayout *layout = wf_scene_get_layout (self->scene);
      int phase = wf_layout_phase_at (layout, map_x);
      int row = wf_layout_row_at (layout, map_y);

      if (map_y >= 0 && map_y < WF_LAYOUT_HEADER_HEIGHT && phase >= 0)
        self->drag.header = WF_ITEM (wf_map_get_phase (self->map, phase));
      else if (map_x >= 0 && map_x < WF_LAYOUT_LANE_HEADER_WIDTH && row >= 0 &&
               wf_layout_get_row (layout, row)->lane != NULL)
        self->drag.header = WF_ITEM (wf_layout_get_row (layout, row)->lane);
    }

  /* Space+drag pans, wherever it starts. */
  if (self->drag.space_down)
    {
      self->drag.card = NULL;
      self->drag.header = NULL;
      self->drag.mode = WF_CANVAS_DRAG_PAN;
      self->drag.pan_x = self->drag.pan_y = 0;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  /* From an empty place of the grid: a rubber band. */
  if (self->drag.card == NULL && self->drag.header == NULL &&
      map_x >= WF_LAYOUT_LANE_HEADER_WIDTH && map_y >= WF_LAYOUT_HEADER_HEIGHT)
    {
      self->drag.mode = WF_CANVAS_DRAG_BAND;
      self->drag.band = GRAPHENE_RECT_INIT (map_x, map_y, 0, 0);
      return;
    }

  if (self->drag.card == NULL && self->drag.header == NULL)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
  else
    self->drag.mode = WF_CANVAS_DRAG_PRESS;
}

/**
 * wf_canvas_select_area:
 * @area: a rectangle in map units
 * @extend: whether to add to the selection
 *
 * Selects every card that meets @area, as a rubber band does.
 *
 * Returns: how many cards it selected
 */
guint
wf_canvas_select_area (WfCanvas              *self,
                       const graphene_rect_t *area,
                       gboolean               extend)
{
  WfLayout *layout;
  guint p0, p1, r0, r1, n = 0;
  WfCard *last = NULL;

  g_return_val_if_fail (WF_IS_CANVAS (self), 0);

  if (self->scene == NULL)
    return 0;

  layout = wf_scene_get_layout (self->scene);
  if (!extend)
    g_hash_table_remove_all (self->selection.cards);

  wf_layout_get_visible (layout, area, &p0, &p1, &r0, &r1);
  for (guint r = r0; r < r1; r++)
    {
      const WfRow *row = wf_layout_get_row (layout, r);

      for (guint p = p0; row->lane != NULL && p < p1; p++)
        {
          GPtrArray *cell = wf_map_get_cell (self->map, wf_map_get_phase (self->map, p), row->lane);

          for (guint i = 0; cell != NULL && i < cell->len; i++)
            {
              graphene_rect_t bounds;

              wf_layout_get_cell_card_bounds (layout, p, r, i, &bounds);
              if (graphene_rect_intersection (&bounds, area, NULL))
                {
                  last = g_ptr_array_index (cell, i);
                  g_hash_table_add (self->selection.cards, last);
                  n++;
                }
            }
        }
    }

  if (last != NULL)
    self->selection.focus = last;
  announce_focus (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  selection_changed (self);

  return n;
}

static void
on_move_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                WfCanvas       *self)
{
  double x, y;

  if (self->drag.mode == WF_CANVAS_DRAG_RESIZE)
    {
      /* One step however long the drag: the edits merge until sealed. */
      if (WF_IS_PHASE (self->drag.resizing))
        wf_edit_set (self->drag.resizing, "width", MAX (WF_PHASE_MIN_WIDTH, self->drag.resize_start + dx / self->view.zoom), NULL);
      else
        wf_edit_set (self->drag.resizing, "height", MAX (WF_LANE_MIN_HEIGHT, self->drag.resize_start + dy / self->view.zoom), NULL);
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_LINK)
    {
      double mx, my;
      WfCard *target;

      gtk_gesture_drag_get_start_point (gesture, &x, &y);
      wf_canvas_widget_to_map (self, x + dx, y + dy, &mx, &my);
      self->drag.link_end = GRAPHENE_POINT_INIT (mx, my);
      target = card_at (self, mx, my);
      self->drag.link_target = target != self->drag.link_from ? target : NULL;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_PAN)
    {
      wf_canvas_scroll_by (self, -(dx - self->drag.pan_x), -(dy - self->drag.pan_y));
      self->drag.pan_x = dx;
      self->drag.pan_y = dy;
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_BAND)
    {
      double sx, sy, ex, ey;

      gtk_gesture_drag_get_start_point (gesture, &x, &y);
      wf_canvas_widget_to_map (self, x, y, &sx, &sy);
      wf_canvas_widget_to_map (self, x + dx, y + dy, &ex, &ey);
      self->drag.band = GRAPHENE_RECT_INIT (MIN (sx, ex), MIN (sy, ey), fabs (ex - sx), fabs (ey - sy));
      if (hypot (dx, dy) >= 8)
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_NONE ||
      (self->drag.card == NULL && self->drag.header == NULL))
    return;

  if (self->drag.mode == WF_CANVAS_DRAG_PRESS && hypot (dx, dy) < 8)
    return;

  if (self->drag.mode == WF_CANVAS_DRAG_PRESS)
    {
      self->drag.mode = WF_CANVAS_DRAG_MOVE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  set_drop (self, self->drag.card ? "move" : WF_IS_PHASE (self->drag.header) ? "move-phase" : "move-lane",
            x + dx, y + dy);
}

static void
on_move_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             WfCanvas       *self)
{
  WfCard *card = self->drag.card;

  g_clear_pointer (&self->drop.kind, g_free);

  if (self->drag.mode == WF_CANVAS_DRAG_RESIZE)
    {
      self->drag.mode = WF_CANVAS_DRAG_NONE;
      self->drag.resizing = NULL;
      if (self->document != NULL)
        wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_LINK)
    {
      WfCard *from = self->drag.link_from, *to = self->drag.link_target;

      self->drag.mode = WF_CANVAS_DRAG_NONE;
      self->drag.link_from = self->drag.link_target = NULL;
      if (from != NULL && to != NULL)
        wf_canvas_draw_link (self, from, to);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_PAN)
    {
      self->drag.mode = WF_CANVAS_DRAG_NONE;
      return;
    }

  if (self->drag.mode == WF_CANVAS_DRAG_BAND)
    {
      GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

      self->drag.mode = WF_CANVAS_DRAG_NONE;
      if (hypot (dx, dy) >= 8)
        wf_canvas_select_area (self, &self->drag.band, (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if ((card != NULL || self->drag.header != NULL) && self->drag.mode == WF_CANVAS_DRAG_MOVE)
    {
      double x, y, map_x, map_y;

      gtk_gesture_drag_get_start_point (gesture, &x, &y);
      wf_canvas_widget_to_map (self, x + dx, y + dy, &map_x, &map_y);
      if (card != NULL)
        wf_canvas_move_card_to (self, card, map_x, map_y);
      else
        wf_canvas_move_header_to (self, self->drag.header, map_x, map_y);
    }

  self->drag.mode = WF_CANVAS_DRAG_NONE;
  self->drag.card = NULL;
  self->drag.header = NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Where a dragged item would land: a bar between phases or lanes, or the
 * cell, red when it takes no such item.
 */
static void
snapshot_drop (WfCanvas    *self,
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

/* Drawing */

/* The phase, lane or persona whose header is at a point of the map. */
static WfItem *
header_at (WfCanvas *self,
           double    x,
           double    y)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  int phase = wf_layout_phase_at (layout, x);
  int r = wf_layout_row_at (layout, y);
  const WfRow *row = r >= 0 ? wf_layout_get_row (layout, r) : NULL;

  if (y >= 0 && y < WF_LAYOUT_HEADER_HEIGHT && phase >= 0)
    return WF_ITEM (wf_map_get_phase (self->map, phase));
  if (row != NULL && row->kind == WF_ROW_LANE && x >= 0 && x < WF_LAYOUT_LANE_HEADER_WIDTH)
    return WF_ITEM (row->lane);
  if (row != NULL && row->kind == WF_ROW_PERSONA && x >= 0 && x < wf_layout_get_width (layout))
    return WF_ITEM (row->persona);

  return NULL;
}

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

/* The focused card's handle, to draw a link from; and the link being
 * drawn, to the card it would reach.
 */
static void
snapshot_link_handle (WfCanvas    *self,
                      GtkSnapshot *snapshot)
{
  graphene_point_t handle;
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
  GdkRGBA white = { 1, 1, 1, 1 };
  double r = HANDLE_RADIUS / self->view.zoom;
  GskRoundedRect dot;

  if (self->drag.mode == WF_CANVAS_DRAG_LINK && self->drag.link_from != NULL)
    {
      graphene_rect_t from;
      double w = 2.5 / self->view.zoom;
      double dx, dy, length;

      if (!wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), self->drag.link_from, &from))
        return;
      handle = GRAPHENE_POINT_INIT (from.origin.x + from.size.width, from.origin.y + from.size.height / 2);
      dx = self->drag.link_end.x - handle.x;
      dy = self->drag.link_end.y - handle.y;
      length = hypot (dx, dy);

      /* The line as a thin rotated rectangle. */
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &handle);
      gtk_snapshot_rotate (snapshot, atan2 (dy, dx) * 180 / G_PI);
      gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (0, -w / 2, length, w));
      gtk_snapshot_restore (snapshot);

      if (self->drag.link_target != NULL)
        {
          graphene_rect_t to;
          GskRoundedRect frame;
          float widths[4] = { 3 / self->view.zoom, 3 / self->view.zoom, 3 / self->view.zoom, 3 / self->view.zoom };
          GdkRGBA colors[4] = { accent, accent, accent, accent };

          if (wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), self->drag.link_target, &to))
            {
              graphene_rect_inset (&to, -3 / self->view.zoom, -3 / self->view.zoom);
              gsk_rounded_rect_init_from_rect (&frame, &to, 8 / self->view.zoom);
              gtk_snapshot_append_border (snapshot, &frame, widths, colors);
            }
        }
    }
  else if (!wf_canvas_get_link_handle (self, &handle))
    return;

  gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (handle.x - r - 2 / self->view.zoom, handle.y - r - 2 / self->view.zoom,
                                                              2 * r + 4 / self->view.zoom, 2 * r + 4 / self->view.zoom),
                                   r + 2 / self->view.zoom);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, &white, &dot.bounds);
  gtk_snapshot_pop (snapshot);
  gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (handle.x - r, handle.y - r, 2 * r, 2 * r), r);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, &accent, &dot.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_pinned_headers (WfCanvas              *self,
                         GtkSnapshot           *snapshot,
                         const graphene_rect_t *area)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  const GdkRGBA *background = wf_scene_get_background (self->scene);
  GdkRGBA edge = { 0, 0, 0, 0.5 };

  if (area->origin.y > 0)
    {
      graphene_rect_t top = GRAPHENE_RECT_INIT (area->origin.x, 0, area->size.width, WF_LAYOUT_HEADER_HEIGHT);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, area->origin.y));
      gtk_snapshot_push_clip (snapshot, &top);
      gtk_snapshot_append_color (snapshot, background, &top);
      wf_scene_snapshot (self->scene, snapshot, &top, self->view.zoom, NULL, NULL);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (area->origin.x, WF_LAYOUT_HEADER_HEIGHT,
                                                                      area->size.width, 2 / self->view.zoom));
      gtk_snapshot_restore (snapshot);
    }

  if (area->origin.x > 0)
    {
      graphene_rect_t left = GRAPHENE_RECT_INIT (0, area->origin.y, WF_LAYOUT_LANE_HEADER_WIDTH,
                                                 MIN (area->size.height, wf_layout_get_height (layout)));

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (area->origin.x, 0));
      gtk_snapshot_push_clip (snapshot, &left);
      gtk_snapshot_append_color (snapshot, background, &left);
      wf_scene_snapshot (self->scene, snapshot, &left, self->view.zoom, NULL, NULL);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (WF_LAYOUT_LANE_HEADER_WIDTH, area->origin.y,
                                                                      2 / self->view.zoom, left.size.height));
      gtk_snapshot_restore (snapshot);
    }
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

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_scale (snapshot, self->view.zoom, self->view.zoom);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-self->view.offset_x, -self->view.offset_y));
  wf_scene_snapshot (self->scene, snapshot, &area, self->view.zoom, self->selection.cards,
                     gtk_widget_has_focus (widget) ? self->selection.focus : NULL);
  if (self->drop.kind != NULL)
    snapshot_drop (self, snapshot);

  snapshot_link_handle (self, snapshot);

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

  /* The phases around the one in the light, dimmed. */
  if (self->present.spotlight >= 0 && (guint) self->present.spotlight < wf_map_get_n_phases (self->map))
    {
      WfLayout *layout = wf_scene_get_layout (self->scene);
      GdkRGBA dim = *wf_scene_get_background (self->scene);
      double x, w, left = MAX (area.origin.x, WF_LAYOUT_LANE_HEADER_WIDTH);

      dim.alpha = 0.72;
      wf_layout_get_phase_bounds (layout, self->present.spotlight, &x, &w);

      /* Not the lane titles: they say what the rows are. */
      if (left < x)
        gtk_snapshot_append_color (snapshot, &dim,
                                   &GRAPHENE_RECT_INIT (left, area.origin.y, x - left, area.size.height));
      if (area.origin.x + area.size.width > x + w)
        gtk_snapshot_append_color (snapshot, &dim,
                                   &GRAPHENE_RECT_INIT (x + w, area.origin.y,
                                                        area.origin.x + area.size.width - x - w, area.size.height));
    }

  /* Presenting, the lane titles stay at the left and the phase titles
   * at the top, wherever the view is.
   */
  if (self->present.active)
    snapshot_pinned_headers (self, snapshot, &area);

  if (self->drag.mode == WF_CANVAS_DRAG_BAND && self->drag.band.size.width > 0)
    {
      GdkRGBA wash = { 0.21, 0.52, 0.89, 0.15 };
      GdkRGBA edge = { 0.21, 0.52, 0.89, 1 };
      GskRoundedRect frame;
      float widths[4] = { 1 / self->view.zoom, 1 / self->view.zoom, 1 / self->view.zoom, 1 / self->view.zoom };
      GdkRGBA colors[4] = { edge, edge, edge, edge };

      gtk_snapshot_append_color (snapshot, &wash, &self->drag.band);
      gsk_rounded_rect_init_from_rect (&frame, &self->drag.band, 0);
      gtk_snapshot_append_border (snapshot, &frame, widths, colors);
    }
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
      show_start (self);
    }

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

/* Moving around */

static void
set_zoom (WfCanvas *self,
          double    zoom)
{
  if (!isfinite (zoom))
    return;

  zoom = CLAMP (zoom, WF_CANVAS_MIN_ZOOM, WF_CANVAS_MAX_ZOOM);
  if (zoom == self->view.zoom)
    return;

  self->view.zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * wf_canvas_zoom_at:
 * @zoom: the new zoom
 * @widget_x: a point of the widget that stays where it is
 * @widget_y: the same point's y
 */
void
wf_canvas_zoom_at (WfCanvas *self,
                   double    zoom,
                   double    widget_x,
                   double    widget_y)
{
  double map_x, map_y;

  g_return_if_fail (WF_IS_CANVAS (self));

  /* Whatever an input device reports, the view stays a view. */
  if (!isfinite (zoom) || !isfinite (widget_x) || !isfinite (widget_y))
    return;

  wf_canvas_widget_to_map (self, widget_x, widget_y, &map_x, &map_y);
  set_zoom (self, zoom);
  self->view.offset_x = map_x - widget_x / self->view.zoom;
  self->view.offset_y = map_y - widget_y / self->view.zoom;
  clamp_offset (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* How a map first shows: as it was left, or else whole when it is then
 * still readable, or as wide as the window when that is, or else at
 * 100 % from its top left corner.
 */
static void
show_start (WfCanvas *self)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  WfCanvasView *view = g_object_get_data (G_OBJECT (self->map), VIEW_KEY);
  double fit_width = (width - 32) / MAX (1.0, wf_layout_get_width (layout));
  double fit_height = (height - 32) / MAX (1.0, wf_layout_get_height (layout));

  if (view != NULL)
    {
      set_zoom (self, view->zoom);
      self->view.offset_x = view->offset_x;
      self->view.offset_y = view->offset_y;
    }
  else if (MIN (fit_width, fit_height) >= READABLE_ZOOM)
    {
      wf_canvas_zoom_to_fit (self);
      return;
    }
  else
    {
      set_zoom (self, fit_width >= READABLE_ZOOM ? MIN (1.0, fit_width) : 1.0);
      self->view.offset_x = -16 / self->view.zoom;
      self->view.offset_y = -16 / self->view.zoom;
    }

  clamp_offset (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wf_canvas_zoom_to_fit (WfCanvas *self)
{
  WfLayout *layout;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_if_fail (WF_IS_CANVAS (self));

  if (self->scene == NULL || width <= 0 || height <= 0)
    return;

  layout = wf_scene_get_layout (self->scene);
  set_zoom (self, MIN (1.0, MIN ((width - 32) / wf_layout_get_width (layout),
                                 (height - 32) / wf_layout_get_height (layout))));
  self->view.offset_x = -(width / self->view.zoom - wf_layout_get_width (layout)) / 2;
  self->view.offset_y = -16 / self->view.zoom;
  if (wf_layout_get_width (layout) * self->view.zoom > width - 32)
    self->view.offset_x = -16 / self->view.zoom;
  clamp_offset (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wf_canvas_scroll_by (WfCanvas *self,
                     double    dx,
                     double    dy)
{
  g_return_if_fail (WF_IS_CANVAS (self));

  if (!isfinite (dx) || !isfinite (dy))
    return;

  self->view.offset_x += dx / self->view.zoom;
  self->view.offset_y += dy / self->view.zoom;
  clamp_offset (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WfCanvas                 *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean touchpad = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = touchpad ? exp (-dy / 100.0) : pow (1.2, -dy);
      double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

      /* Around the pointer; the event's own position is not the widget's
       * (and GTK 4.8 gives a scroll event none).
       */
      if (self->pointer.inside)
        {
          x = self->pointer.x;
          y = self->pointer.y;
        }

      wf_canvas_zoom_at (self, self->view.zoom * factor, x, y);
      return TRUE;
    }

  /* A wheel moves in steps; Shift turns it sideways. */
  if (!touchpad)
    {
      dx *= 60;
      dy *= 60;
      if (state & GDK_SHIFT_MASK)
        {
          dx = dy;
          dy = 0;
        }
    }

  wf_canvas_scroll_by (self, dx, dy);
  return TRUE;
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               WfCanvas         *self)
{
  self->drag.zoom_begin = self->view.zoom;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       WfCanvas       *self)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  wf_canvas_zoom_at (self, self->drag.zoom_begin * scale, x, y);
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              WfCanvas       *self)
{
  self->drag.pan_x = 0;
  self->drag.pan_y = 0;
}

static void
on_pan_update (GtkGestureDrag *gesture,
               double          x,
               double          y,
               WfCanvas       *self)
{
  wf_canvas_scroll_by (self, -(x - self->drag.pan_x), -(y - self->drag.pan_y));
  self->drag.pan_x = x;
  self->drag.pan_y = y;
}

/* Selection and focus */

/**
 * wf_canvas_select_header:
 * @item: (nullable): a phase, lane or persona of the map, selected by its
 *   header; it deselects every card and link
 */
void
wf_canvas_select_header (WfCanvas *self,
                         WfItem   *item)
{
  g_return_if_fail (WF_IS_CANVAS (self));
  g_return_if_fail (item == NULL || WF_IS_PHASE (item) || WF_IS_LANE (item) || WF_IS_PERSONA (item));

  wf_canvas_select_link (self, NULL);
  g_hash_table_remove_all (self->selection.cards);
  self->selection.header = item;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  selection_changed (self);
}

WfItem *
wf_canvas_get_selected_header (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), NULL);

  return self->selection.header;
}

/**
 * wf_canvas_select_link:
 * @link: (nullable): the link to select, which deselects every card
 */
void
wf_canvas_select_link (WfCanvas *self,
                       WfLink   *link)
{
  g_return_if_fail (WF_IS_CANVAS (self));

  if (self->scene == NULL || self->selection.link == link)
    return;

  self->selection.link = link;
  wf_scene_set_selected_link (self->scene, link);

  if (link != NULL)
    {
      g_autofree char *label = NULL;
      g_autofree char *from = spoken (wf_card_get_title (wf_link_get_from (link)));
      g_autofree char *to = spoken (wf_card_get_title (wf_link_get_to (link)));

      self->selection.header = NULL;
      g_hash_table_remove_all (self->selection.cards);
      selection_changed (self);
      /* Translators: what a screen reader says of a selected link:
       * "Link from Reads reviews to Price per cup is hard to compare" */
      label = g_strdup_printf (_("Link from %s to %s"), from, to);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

WfLink *
wf_canvas_get_selected_link (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), NULL);

  return self->selection.link;
}

void
wf_canvas_select (WfCanvas *self,
                  WfCard   *card,
                  gboolean  extend)
{
  g_return_if_fail (WF_IS_CANVAS (self));

  if (card != NULL || !extend)
    {
      wf_canvas_select_link (self, NULL);
      self->selection.header = NULL;
    }

  if (!extend)
    g_hash_table_remove_all (self->selection.cards);

  if (card != NULL)
    {
      if (extend && g_hash_table_contains (self->selection.cards, card))
        g_hash_table_remove (self->selection.cards, card);
      else
        g_hash_table_add (self->selection.cards, card);
      wf_canvas_set_focus_card (self, card);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  selection_changed (self);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  WfCanvas        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  double map_x, map_y;
  WfCard *card;

  if (self->scene == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* Presenting, the pinned titles cover what is under them. */
  if (self->present.active &&
      ((self->view.offset_x > 0 && x < WF_LAYOUT_LANE_HEADER_WIDTH * self->view.zoom) ||
       (self->view.offset_y > 0 && y < WF_LAYOUT_HEADER_HEIGHT * self->view.zoom)))
    return;

  wf_canvas_widget_to_map (self, x, y, &map_x, &map_y);
  card = wf_layout_card_at (wf_scene_get_layout (self->scene), map_x, map_y);

  if (n_press == 2 && card != NULL)
    {
      wf_canvas_select (self, card, FALSE);
      wf_canvas_edit_title (self, card);
      return;
    }

  /* A double click on a resized edge: the usual size again. */
  if (n_press == 2 && card == NULL)
    {
      WfItem *edge = edge_at (self, map_x, map_y);

      if (WF_IS_PHASE (edge) && wf_phase_get_width (WF_PHASE (edge)) > 0)
        {
          wf_edit_set (edge, "width", 0.0, NULL);
          wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
          return;
        }
      if (WF_IS_LANE (edge) && wf_lane_get_height (WF_LANE (edge)) > 0)
        {
          wf_edit_set (edge, "height", 0.0, NULL);
          wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
          return;
        }
    }

  /* Next to a link's line: the link, and a double click edits its label. */
  if (card == NULL)
    {
      WfLink *link = wf_scene_link_at (self->scene, map_x, map_y, 6 / self->view.zoom);

      if (link != NULL)
        {
          wf_canvas_select_link (self, link);
          if (n_press == 2)
            wf_canvas_edit_link_label (self, link);
          return;
        }
    }

  /* A header: its phase, lane or persona, for the properties. */
  if (card == NULL && n_press == 1)
    {
      WfItem *header = header_at (self, map_x, map_y);

      if (header != NULL)
        {
          wf_canvas_select_header (self, header);
          return;
        }
    }

  /* A double click on a lane's header folds it to a thin row, or opens it. */
  if (n_press == 2 && map_x >= 0 && map_x < WF_LAYOUT_LANE_HEADER_WIDTH)
    {
      int row = wf_layout_row_at (wf_scene_get_layout (self->scene), map_y);
      WfLane *lane = row >= 0 ? wf_layout_get_row (wf_scene_get_layout (self->scene), row)->lane : NULL;

      if (lane != NULL)
        {
          wf_edit_set (lane, "collapsed", !wf_lane_get_collapsed (lane), NULL);
          return;
        }
    }

  wf_canvas_select (self, card, (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0);
}

/* The neighbour of the focused card in a direction, in the same lane for
 * left and right (across phases), in the same phase for up and down
 * (across lanes).
 */
static WfCard *
neighbour (WfCanvas *self,
           WfCard   *card,
           int       dx,
           int       dy)
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

  /* The next lane with cards, at the nearest phase that has some: so
   * that every lane, and with left and right every card, can be reached.
   */
  for (int r = row + dy; r >= 0 && r < (int) wf_layout_get_n_rows (layout); r += dy)
    {
      const WfRow *other = wf_layout_get_row (layout, r);

      if (other->lane == NULL)
        continue;

      for (guint distance = 0; distance < n_phases; distance++)
        for (int side = -1; side <= 1; side += 2)
          {
            int p = phase + side * (int) distance;
            GPtrArray *cell;

            if (p < 0 || p >= (int) n_phases || (distance == 0 && side > 0))
              continue;

            cell = wf_map_get_cell (self->map, wf_map_get_phase (self->map, p), other->lane);
            if (cell != NULL && cell->len > 0)
              return g_ptr_array_index (cell, MIN ((guint) index, cell->len - 1));
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
          reveal_card (self, card);
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
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
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

  if (state & GDK_CONTROL_MASK)
    wf_canvas_move_focused (self, dx, dy, FALSE);
  else if (state & GDK_ALT_MASK)
    wf_canvas_move_focused (self, dx, dy, TRUE);
  else if (!wf_canvas_move_focus (self, dx, dy, (state & GDK_SHIFT_MASK) != 0))
    gtk_widget_error_bell (GTK_WIDGET (self));

  return TRUE;
}

/**
 * wf_canvas_move_focus:
 * @dx: -1 or 1 to go left or right, across phases in the same lane
 * @dy: -1 or 1 to go up or down, across lanes in the same phase
 * @extend: whether to add the card to the selection
 *
 * Moves the keyboard focus to a neighbouring card; without a focus, to
 * the first card.
 *
 * Returns: whether there was a card to go to
 */
gboolean
wf_canvas_move_focus (WfCanvas *self,
                      int       dx,
                      int       dy,
                      gboolean  extend)
{
  WfCard *next;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  if (self->scene == NULL)
    return FALSE;

  next = self->selection.focus ? neighbour (self, self->selection.focus, dx, dy) : first_card (self);
  if (next == NULL)
    return FALSE;

  if (extend)
    wf_canvas_select (self, next, TRUE);
  else
    wf_canvas_set_focus_card (self, next);

  reveal_card (self, next);
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
  reveal_card (self, self->selection.focus);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Editing a title in place */

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

  reveal_card (self, card);

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
    wf_canvas_zoom_at (self, 1.0, x, y);
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
  WfUndoStack *stack;

  /* A selected link goes alone, its cards stay. */
  if (self->selection.link != NULL)
    {
      wf_edit_remove (self->selection.link);
      return;
    }

  if (cards == NULL && self->selection.focus != NULL)
    cards = g_list_prepend (NULL, self->selection.focus);
  if (cards == NULL || self->document == NULL)
    return;

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
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), wf_toast_new_undo (stack, message));
      }
  }
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
  reveal_card (self, self->selection.focus);
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

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  static const char *mime_types[] = { WF_CLIPBOARD_MIME_TYPE, "text/plain;charset=utf-8", "text/plain", NULL };

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

/* GObject */

static void
wf_canvas_dispose (GObject *object)
{
  WfCanvas *self = WF_CANVAS (object);

  stop_move (self);
  wf_canvas_set_map (self, NULL);
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

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, WF_TYPE_MAP,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, WF_CANVAS_MIN_ZOOM, WF_CANVAS_MAX_ZOOM, 1.0,
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

  gtk_widget_class_set_css_name (widget_class, "wfcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wf_canvas_init (WfCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->view.zoom = 1.0;
  self->present.spotlight = -1;
  self->selection.cards = g_hash_table_new (NULL, NULL);
  self->selection.restored = g_hash_table_new (NULL, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  /* A finger pans. */
  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_pan_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_pan_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_move_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_move_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_move_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

    gtk_drop_target_set_preload (drop, TRUE);
    g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), self);
    g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
    g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_pointer_enter), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_pointer_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_theme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (update_theme), self, G_CONNECT_SWAPPED);

  announce_focus (self);
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
      g_object_set_data_full (G_OBJECT (self->map), VIEW_KEY, view, g_free);
    }

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (wf_document_get_undo_stack (self->document), self);
    }

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
  stop_move (self);
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
      update_theme (self);

      g_signal_connect_swapped (self->document, "item-added", G_CALLBACK (on_item_added), self);
      g_signal_connect_swapped (self->document, "item-removed", G_CALLBACK (on_item_removed), self);
      g_signal_connect_swapped (self->document, "item-moved", G_CALLBACK (on_item_moved), self);
      g_signal_connect_swapped (self->document, "item-changed", G_CALLBACK (on_item_changed), self);
      g_signal_connect_swapped (wf_document_get_undo_stack (self->document), "changed",
                                G_CALLBACK (on_undo_stack_changed), self);

      if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
        {
          self->view.fitted = TRUE;
          show_start (self);
        }
    }

  announce_focus (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
  selection_changed (self);
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

double
wf_canvas_get_zoom (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), 1.0);

  return self->view.zoom;
}

void
wf_canvas_get_offset (WfCanvas *self,
                      double   *x,
                      double   *y)
{
  *x = self->view.offset_x;
  *y = self->view.offset_y;
}

void
wf_canvas_widget_to_map (WfCanvas *self,
                         double    widget_x,
                         double    widget_y,
                         double   *map_x,
                         double   *map_y)
{
  *map_x = self->view.offset_x + widget_x / self->view.zoom;
  *map_y = self->view.offset_y + widget_y / self->view.zoom;
}

WfCard *
wf_canvas_get_focus_card (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), NULL);

  return self->selection.focus;
}

void
wf_canvas_set_focus_card (WfCanvas *self,
                          WfCard   *card)
{
  g_return_if_fail (WF_IS_CANVAS (self));

  self->selection.focus = card;
  announce_focus (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  selection_changed (self);
}

/**
 * wf_canvas_get_selection:
 *
 * Returns: (transfer container) (element-type WfCard): the selected cards
 */
GList *
wf_canvas_get_selection (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), NULL);

  return g_hash_table_get_keys (self->selection.cards);
}

WfScene *
wf_canvas_get_scene (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), NULL);

  return self->scene;
}

/**
 * wf_canvas_reveal:
 *
 * Scrolls so that @card is in view.
 */
void
wf_canvas_reveal (WfCanvas *self,
                  WfCard   *card)
{
  g_return_if_fail (WF_IS_CANVAS (self));
  g_return_if_fail (WF_IS_CARD (card));

  reveal_card (self, card);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wf_canvas_reveal_area:
 * @area: a part of the map, in map units
 *
 * Scrolls so that @area is in view, clear of the titles and of what
 * overlays cover; where a move is under way, in the view where it ends.
 */
void
wf_canvas_reveal_area (WfCanvas              *self,
                       const graphene_rect_t *area)
{
  g_return_if_fail (WF_IS_CANVAS (self));
  g_return_if_fail (area != NULL);

  if (self->scene == NULL)
    return;

  reveal_area (self, area);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wf_canvas_set_obscured:
 * @border: how many pixels at each edge of the view something over the
 *   canvas covers (a presentation's hint bar)
 *
 * Areas shown and cards revealed are placed in the rest of the view.
 */
void
wf_canvas_set_obscured (WfCanvas        *self,
                        const GtkBorder *border)
{
  g_return_if_fail (WF_IS_CANVAS (self));
  g_return_if_fail (border != NULL);

  if (memcmp (&self->view.obscured, border, sizeof *border) == 0)
    return;

  self->view.obscured = *border;
  if (self->present.active && self->view.showing)
    {
      graphene_rect_t area = self->view.shown_area;

      wf_canvas_show_area (self, &area, self->view.shown_min_zoom, FALSE);
    }
}

/* Presenting */

/**
 * wf_canvas_set_presenting:
 * @presenting: whether the map is shown to a room
 *
 * In a presentation the map is drawn in the projector's style: high
 * contrast, larger type, thicker lines.
 */
void
wf_canvas_set_presenting (WfCanvas *self,
                          gboolean  presenting)
{
  g_return_if_fail (WF_IS_CANVAS (self));

  presenting = !!presenting;
  if (self->present.active == presenting)
    return;

  self->present.active = presenting;
  self->view.showing = FALSE;

  /* After the presentation the map shows as it was before it. */
  if (presenting)
    self->present.before = (WfCanvasView) { self->view.zoom, self->view.offset_x, self->view.offset_y };
  else
    {
      self->present.spotlight = -1;
      stop_move (self);
      set_zoom (self, self->present.before.zoom);
      self->view.offset_x = self->present.before.offset_x;
      self->view.offset_y = self->present.before.offset_y;
    }
  update_theme (self);
  relayout (self);
}

gboolean
wf_canvas_get_presenting (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  return self->present.active;
}

/**
 * wf_canvas_set_spotlight:
 * @phase: the index of the phase to show as it is, or -1
 *
 * Dims every phase but @phase.
 */
void
wf_canvas_set_spotlight (WfCanvas *self,
                         int       phase)
{
  g_return_if_fail (WF_IS_CANVAS (self));

  if (self->present.spotlight == phase)
    return;

  self->present.spotlight = phase;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
wf_canvas_get_spotlight (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), -1);

  return self->present.spotlight;
}

static double
ease_out (double t)
{
  return 1 - pow (1 - t, 3);
}

static gboolean
move_tick (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  WfCanvas *self = WF_CANVAS (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t;

  if (self->view.move_start == 0)
    self->view.move_start = now;

  t = MIN (1.0, (double) (now - self->view.move_start) / MOVE_DURATION_US);
  t = ease_out (t);

  /* Zoom between the two geometrically, so that it feels even. */
  set_zoom (self, self->view.from_zoom * pow (self->view.to_zoom / self->view.from_zoom, t));
  self->view.offset_x = self->view.from_x + (self->view.to_x - self->view.from_x) * t;
  self->view.offset_y = self->view.from_y + (self->view.to_y - self->view.from_y) * t;
  gtk_widget_queue_draw (widget);

  if (t >= 1.0)
    {
      self->view.tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/**
 * wf_canvas_show_area:
 * @area: a part of the map, in map units
 * @min_zoom: the smallest zoom to show it at, however tall it is
 * @animate: whether to move there smoothly (when the system allows
 *   animations)
 *
 * Moves the view so that @area fills it: as large as fits, but no
 * smaller than @min_zoom as long as its width fits; an area taller than
 * the view shows its top.
 */
void
wf_canvas_show_area (WfCanvas              *self,
                     const graphene_rect_t *area,
                     double                 min_zoom,
                     gboolean               animate)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - self->view.obscured.left - self->view.obscured.right;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - self->view.obscured.top - self->view.obscured.bottom;
  gboolean animations = TRUE;
  double zoom, x, y;

  g_return_if_fail (WF_IS_CANVAS (self));

  /* Kept, to show again when the view changes its size. */
  self->view.showing = TRUE;
  self->view.shown_area = *area;
  self->view.shown_min_zoom = min_zoom;

  if (self->scene == NULL || width <= 0 || height <= 0 || area->size.width <= 0 || area->size.height <= 0)
    return;

  /* Never wider than the view, whatever @min_zoom asks: a phase cut at
   * the right of a small projector hides its cards.
   */
  zoom = MIN (width / area->size.width, height / area->size.height);
  zoom = CLAMP (MAX (zoom, MIN (min_zoom, width / area->size.width)), WF_CANVAS_MIN_ZOOM, WF_CANVAS_MAX_ZOOM);
  x = area->origin.x + area->size.width / 2 - width / zoom / 2;
  if (area->size.height * zoom <= height)
    y = area->origin.y + area->size.height / 2 - height / zoom / 2;
  else
    y = area->origin.y;

  /* A view wider than the area shows more of the map on both sides, and
   * no empty band beside the map where there is map on the other side.
   */
  {
    WfLayout *layout = wf_scene_get_layout (self->scene);
    double left = MIN (area->origin.x, 0);
    double right = MAX (area->origin.x + area->size.width, wf_layout_get_width (layout));

    if (right - left <= width / zoom)
      x = (left + right - width / zoom) / 2;
    else
      x = CLAMP (x, left, right - width / zoom);
  }
  x -= self->view.obscured.left / zoom;
  y -= self->view.obscured.top / zoom;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animations, NULL);

  stop_move (self);
  self->view.fitted = TRUE;

  self->view.shown_width = gtk_widget_get_width (GTK_WIDGET (self));
  self->view.shown_height = gtk_widget_get_height (GTK_WIDGET (self));

  if (!animate || !animations || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      set_zoom (self, zoom);
      self->view.offset_x = x;
      self->view.offset_y = y;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  self->view.from_zoom = self->view.zoom;
  self->view.from_x = self->view.offset_x;
  self->view.from_y = self->view.offset_y;
  self->view.to_zoom = zoom;
  self->view.to_x = x;
  self->view.to_y = y;
  self->view.move_start = 0;
  self->view.tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), move_tick, NULL, NULL);
}

/**
 * wf_canvas_get_visible_area:
 * @area: (out): the part of the map in view and not covered by overlays
 *   (see wf_canvas_set_obscured()), in map units; where a move is under
 *   way, where it ends
 */
void
wf_canvas_get_visible_area (WfCanvas        *self,
                            graphene_rect_t *area)
{
  double zoom = self->view.tick_id ? self->view.to_zoom : self->view.zoom;
  const GtkBorder *o = &self->view.obscured;

  g_return_if_fail (WF_IS_CANVAS (self));

  *area = GRAPHENE_RECT_INIT ((self->view.tick_id ? self->view.to_x : self->view.offset_x) + o->left / zoom,
                              (self->view.tick_id ? self->view.to_y : self->view.offset_y) + o->top / zoom,
                              MAX (0, gtk_widget_get_width (GTK_WIDGET (self)) - o->left - o->right) / zoom,
                              MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - o->top - o->bottom) / zoom);
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
  relayout (self);

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

/**
 * wf_canvas_get_link_handle:
 * @point: (out): where the handle is, in map units
 *
 * The handle on the focused card's right edge, from which a drag draws
 * a link; there is none while presenting or without a focused card in
 * sight.
 *
 * Returns: whether there is a handle
 */
gboolean
wf_canvas_get_link_handle (WfCanvas         *self,
                           graphene_point_t *point)
{
  graphene_rect_t bounds;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  if (self->scene == NULL || self->selection.focus == NULL || self->present.active || self->view.zoom < WF_SCENE_TEXT_ZOOM ||
      wf_lane_get_collapsed (wf_card_get_lane (self->selection.focus)) ||
      !wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), self->selection.focus, &bounds))
    return FALSE;

  *point = GRAPHENE_POINT_INIT (bounds.origin.x + bounds.size.width, bounds.origin.y + bounds.size.height / 2);
  return TRUE;
}

/**
 * wf_canvas_draw_link:
 *
 * Links @from to @to as an undoable step, unless they are linked that
 * way already, and selects the new link.
 *
 * Returns: whether a link was made
 */
gboolean
wf_canvas_draw_link (WfCanvas *self,
                     WfCard   *from,
                     WfCard   *to)
{
  g_autofree char *id = NULL;
  g_autoptr(WfLink) link = NULL;

  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (WF_IS_CARD (from) && WF_IS_CARD (to), FALSE);

  if (self->map == NULL || from == to)
    return FALSE;

  for (guint i = 0; i < wf_map_get_n_links (self->map); i++)
    {
      WfLink *other = wf_map_get_link (self->map, i);

      if (wf_link_get_from (other) == from && wf_link_get_to (other) == to)
        return FALSE;
    }

  id = wf_document_make_id (self->document, "link");
  link = wf_link_new (id, from, to);
  if (!wf_edit_add_link (self->map, link, -1))
    return FALSE;

  wf_canvas_select_link (self, link);
  return TRUE;
}
