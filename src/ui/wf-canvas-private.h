/* wf-canvas-private.h — what the canvas shows only its siblings and tests
 *
 * The canvas is one widget in several files, one concern each (see the
 * top of wf-canvas.c); they share its struct, with the state grouped by
 * concern, and the functions below.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "team/wf-team-journal.h"
#include "wf-canvas.h"

G_BEGIN_DECLS

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

/* Maps with up to this many cards have a part for every card; larger
 * ones for the cards in view (wf-canvas-a11y.c). */
#define WF_CANVAS_A11Y_ALL 500

typedef struct _WfCanvasA11y WfCanvasA11y;

struct _WfCanvas
{
  GtkWidget    parent_instance;

  WfMap       *map;
  WfDocument  *document;
  WfScene     *scene;
  guint        finish_tick;   /* draws again what a frame left without words */

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
    double     text_scale;    /* the system's text scaling, when last seen */
    int        width;         /* the size at the last allocation */
    int        height;
  } view;

  /* What is selected, and where the keyboard is (wf-canvas-selection.c) */
  struct {
    GHashTable *cards;        /* WfCard → itself */
    WfCard     *focus;
    WfItem     *header;       /* or a phase, lane or persona by its header */
    WfLink     *link;         /* or a link */
    GHashTable *restored;     /* cards an undo or redo brought back or changed */
    WfCard     *restored_first;
    WfPhase    *goal;         /* the phase Up and Down keep to, while */
    WfCard     *goal_card;    /* … the focus is the card they reached */
  } selection;

  /* What a finding is about, outlined (wf-canvas-highlight.c) */
  struct {
    GPtrArray *cards;         /* WfCard, or NULL */
    WfPhase   *phase;         /* without cards: the cells of this phase */
    WfPersona *persona;       /* in this persona's lanes, or all */
  } highlight;

  /* The open conflicts of a team document, marked (wf-canvas-conflicts.c) */
  struct {
    WfTeamJournal *journal;   /* or NULL */
  } conflicts;

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

  /* The map's parts for a screen reader (wf-canvas-a11y.c) */
  WfCanvasA11y *a11y;
};

/* Where a map's WfCanvasView is kept on it. */
#define WF_CANVAS_VIEW_KEY "wf-canvas-view"

/* What the files of the canvas share, and the tests use; by file. */

/* wf-canvas.c */
GtkWidget  *wf_canvas_new            (void);
void        wf_canvas_emit_selection_changed (WfCanvas *self);
void        wf_canvas_update_theme   (WfCanvas    *self);
void        wf_canvas_set_zoom       (WfCanvas    *self,
                                      double       zoom);
void        wf_canvas_relayout       (WfCanvas    *self);

/* wf-canvas-viewport.c */
double      wf_canvas_get_zoom       (WfCanvas    *self);
double      wf_canvas_get_min_zoom   (WfCanvas    *self);
void        wf_canvas_zoom_at        (WfCanvas    *self,
                                      double       zoom,
                                      double       widget_x,
                                      double       widget_y);
void        wf_canvas_scroll_by      (WfCanvas    *self,
                                      double       dx,
                                      double       dy);
void        wf_canvas_get_offset     (WfCanvas    *self,
                                      double      *x,
                                      double      *y);
void        wf_canvas_widget_to_map  (WfCanvas    *self,
                                      double       widget_x,
                                      double       widget_y,
                                      double      *map_x,
                                      double      *map_y);
void        wf_canvas_stop_move      (WfCanvas    *self);
void        wf_canvas_clamp_offset   (WfCanvas    *self);
void        wf_canvas_show_start     (WfCanvas    *self);
void        wf_canvas_reveal_card    (WfCanvas    *self,
                                      WfCard      *card);
void        wf_canvas_keep_focus_in_view (WfCanvas *self,
                                      int          width,
                                      int          height);

/* wf-canvas-selection.c */
void        wf_canvas_select_link    (WfCanvas    *self,
                                      WfLink      *link);
WfLink     *wf_canvas_get_selected_link (WfCanvas *self);
guint       wf_canvas_select_area    (WfCanvas    *self,
                                      const graphene_rect_t *area,
                                      gboolean     extend);
void        wf_canvas_announce_focus (WfCanvas    *self);
void        wf_canvas_announce_dead_end (WfCanvas *self,
                                      int          dx,
                                      int          dy);
char       *wf_canvas_describe_card  (WfCanvas    *self,
                                      WfCard      *card);

/* wf-canvas-a11y.c */
void        wf_canvas_a11y_sync      (WfCanvas    *self);
void        wf_canvas_a11y_queue_sync (WfCanvas   *self);
void        wf_canvas_a11y_view_changed (WfCanvas *self,
                                      const graphene_rect_t *area);
gboolean    wf_canvas_a11y_has_keyboard (WfCanvas *self);
gboolean    wf_canvas_a11y_announce  (WfCanvas    *self,
                                      const char  *message);
gboolean    wf_canvas_a11y_announce_soon (WfCanvas *self,
                                      const char  *message);
const char *wf_canvas_a11y_get_told  (WfCanvas    *self);
GtkWidget  *wf_canvas_a11y_get_part  (WfCanvas    *self,
                                      WfItem      *item);
void        wf_canvas_a11y_focus_card (WfCanvas   *self,
                                      WfCard      *card);
gboolean    wf_canvas_a11y_focus_step (WfCanvas   *self,
                                      GtkDirectionType direction,
                                      gboolean    *handled);
void        wf_canvas_a11y_free      (WfCanvas    *self);

/* wf-canvas-gestures.c */
gboolean    wf_canvas_get_link_handle (WfCanvas   *self,
                                      graphene_point_t *point);
gboolean    wf_canvas_draw_link      (WfCanvas    *self,
                                      WfCard      *from,
                                      WfCard      *to);
void        wf_canvas_gestures_init  (WfCanvas    *self);
void        wf_canvas_snapshot_link_handle (WfCanvas *self,
                                      GtkSnapshot *snapshot);
void        wf_canvas_snapshot_band  (WfCanvas    *self,
                                      GtkSnapshot *snapshot);

/* wf-canvas-drop.c */
gboolean    wf_canvas_add_item       (WfCanvas    *self,
                                      const char  *kind,
                                      double       x,
                                      double       y);
gboolean    wf_canvas_move_card_to   (WfCanvas    *self,
                                      WfCard      *card,
                                      double       x,
                                      double       y);
gboolean    wf_canvas_move_header_to (WfCanvas    *self,
                                      gpointer     item,
                                      double       x,
                                      double       y);
gboolean    wf_canvas_get_drop_mark  (WfCanvas    *self,
                                      graphene_rect_t *mark);
void        wf_canvas_drop_init      (WfCanvas    *self);
WfCard     *wf_canvas_card_at        (WfCanvas    *self,
                                      double       x,
                                      double       y);
void        wf_canvas_set_drop       (WfCanvas    *self,
                                      const char  *kind,
                                      double       widget_x,
                                      double       widget_y);
void        wf_canvas_snapshot_drop  (WfCanvas    *self,
                                      GtkSnapshot *snapshot);
WfItem     *wf_canvas_picture_item_at (WfCanvas   *self,
                                      double       x,
                                      double       y);
gboolean    wf_canvas_drop_picture   (WfCanvas    *self,
                                      const GValue *value,
                                      double       widget_x,
                                      double       widget_y);

/* wf-canvas-keys.c */
gboolean    wf_canvas_move_focus     (WfCanvas    *self,
                                      int          dx,
                                      int          dy,
                                      gboolean     extend);
void        wf_canvas_move_focused   (WfCanvas    *self,
                                      int          dx,
                                      int          dy,
                                      gboolean     within);
guint       wf_canvas_paste_data     (WfCanvas    *self,
                                      const char  *mime_type,
                                      GBytes      *data);
WfItem     *wf_canvas_picture_paste_target (WfCanvas *self);
guint       wf_canvas_link_selection (WfCanvas    *self);
guint       wf_canvas_unlink_selection (WfCanvas  *self);
void        wf_canvas_keys_class_init (GtkWidgetClass *widget_class);
void        wf_canvas_keys_init      (WfCanvas    *self);

/* wf-canvas-editor.c */
void        wf_canvas_edit_title     (WfCanvas    *self,
                                      WfCard      *card);
void        wf_canvas_edit_link_label (WfCanvas   *self,
                                      WfLink      *link);

/* wf-canvas-highlight.c */
void        wf_canvas_snapshot_highlight (WfCanvas    *self,
                                          GtkSnapshot *snapshot);
gboolean    wf_canvas_get_highlight  (WfCanvas    *self,
                                      GPtrArray  **cards,
                                      WfPhase    **phase);
gboolean    wf_canvas_get_highlight_bounds (WfCanvas  *self,
                                      graphene_rect_t *bounds);

/* wf-canvas-conflicts.c */
void        wf_canvas_snapshot_conflicts (WfCanvas    *self,
                                          GtkSnapshot *snapshot);
guint       wf_canvas_get_n_conflict_marks (WfCanvas  *self);
gboolean    wf_canvas_has_conflict   (WfCanvas    *self,
                                      WfItem      *item);

/* wf-canvas-present.c */
gboolean    wf_canvas_get_presenting (WfCanvas    *self);
int         wf_canvas_get_spotlight  (WfCanvas    *self);
void        wf_canvas_snapshot_present (WfCanvas *self,
                                      GtkSnapshot *snapshot,
                                      const graphene_rect_t *area);

G_END_DECLS
