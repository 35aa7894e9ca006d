/* wf-presenter.c — workshop mode: present a map phase by phase, capture
 * cards, vote
 *
 * The presenter drives a WfCanvas in front of a room: the projector's
 * style, one phase in the light and its neighbours dimmed, moved to with
 * an animation (none when the system asks for less motion). It adds to
 * the canvas's overlay a line that tells where the room is and which keys
 * do what, a timer, and the quick-capture entry. Every change it makes to
 * the map is an undoable command, autosaved like any other.
 *
 * What the room must see stays in sight: the canvas places the phase and
 * the focused card above the line at the bottom (which it is told
 * covers the view), the view follows the focus, and the phase in the
 * light is the focused card's. The overlay places the capture entry as
 * it lays out, so that a new size moves it with the view at once.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/wf-model.h"
#include "render/wf-layout.h"
#include "storage/wf-quote.h"
#include "wf-announcer.h"
#include "wf-presenter.h"

/* The zoom at which card titles are at least 28 pixels high (12 px type,
 * 1.25 times larger in the projector's style).
 */
#define MIN_PRESENT_ZOOM (28.0 / (12.0 * 1.25))

struct _WfPresenter
{
  GObject     parent_instance;

  WfCanvas   *canvas;
  GtkOverlay *overlay;
  gboolean    active;
  gboolean    animate;        /* moves between phases, where the system allows */
  gboolean    read_only;      /* a viewer: presents, but captures, votes, colours nothing */
  int         phase;          /* -1: the whole map */
  int         persona;        /* -1: every persona; else an index */

  GtkWidget  *status;         /* the line at the bottom */
  GtkWidget  *status_label;
  GtkWidget  *timer_label;
  int         width;          /* the canvas's size at the last layout */
  int         height;

  /* Quick capture */
  GtkWidget  *capture;        /* the box over the canvas, by the cell */
  GtkWidget  *capture_entry;
  WfPhase    *capture_phase;
  WfLane     *capture_lane;

  GSimpleActionGroup *actions;  /* "present.", enabled while presenting */

  /* The timer */
  guint       timer_id;
  gint64      timer_started;  /* monotonic µs, while running */
  gint64      timer_elapsed;  /* µs before the last start */
  char       *announced;     /* where the presentation was said to be */
};

enum {
  LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WfPresenter, wf_presenter, G_TYPE_OBJECT)

/* Sticky-note colours: yellow, pink, orange, green, blue, purple. */
static const char *colors[WF_PRESENTER_N_COLORS] = {
  "#f8e45c", "#f66151", "#ffa348", "#8ff0a4", "#99c1f1", "#dc8add",
};

static WfMap *
get_map (WfPresenter *self)
{
  return wf_canvas_get_map (self->canvas);
}

static WfLayout *
get_layout (WfPresenter *self)
{
  WfScene *scene = wf_canvas_get_scene (self->canvas);

  return scene ? wf_scene_get_layout (scene) : NULL;
}

/* The line at the bottom */

static void
update_status (WfPresenter *self)
{
  WfMap *map = get_map (self);
  g_autoptr(GString) text = g_string_new (NULL);
  WfPersona *persona = wf_canvas_get_persona_filter (self->canvas);

  if (map == NULL)
    return;

  if (self->phase >= 0 && (guint) self->phase < wf_map_get_n_phases (map))
    /* Translators: where a presentation is: "Phase 2 of 5: Consideration" */
    g_string_append_printf (text, _("Phase %d of %u: %s"), self->phase + 1, wf_map_get_n_phases (map),
                            wf_phase_get_name (wf_map_get_phase (map, self->phase)));
  else
    g_string_append (text, wf_map_get_title (map));

  if (persona != NULL)
    g_string_append_printf (text, " · %s", wf_persona_get_name (persona));

  /* A step to another phase or persona moves no focus: a screen reader
   * is told where the presentation is now. */
  if (self->active && g_strcmp0 (self->announced, text->str) != 0)
    {
      g_free (self->announced);
      self->announced = g_strdup (text->str);
      wf_announce (GTK_WIDGET (self->canvas), text->str);
    }

  /* Translators: the keys of a presentation, shown at its bottom */
  g_string_append_printf (text, "     %s",
                          _("Page Down next · Page Up back · Home all · C capture · + − vote · P persona · T timer · Esc leave"));

  gtk_label_set_text (GTK_LABEL (self->status_label), text->str);
}

static guint
timer_seconds (WfPresenter *self)
{
  gint64 us = self->timer_elapsed;

  if (self->timer_started != 0)
    us += g_get_monotonic_time () - self->timer_started;

  return us / G_USEC_PER_SEC;
}

static void
update_timer (WfPresenter *self)
{
  guint seconds = timer_seconds (self);
  g_autofree char *text = g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);

  gtk_label_set_text (GTK_LABEL (self->timer_label), text);
  gtk_widget_set_visible (self->timer_label, self->active && (self->timer_started != 0 || self->timer_elapsed > 0));
  if (self->timer_started == 0)
    gtk_widget_add_css_class (self->timer_label, "paused");
  else
    gtk_widget_remove_css_class (self->timer_label, "paused");
}

static gboolean
on_timer_tick (gpointer user_data)
{
  update_timer (user_data);
  return G_SOURCE_CONTINUE;
}

/* Keeping in sight what the room must see */

/* Whether the capture cell is still a cell of the map shown. */
static gboolean
capture_cell_valid (WfPresenter *self)
{
  WfMap *map = get_map (self);

  return map != NULL && self->capture_phase != NULL && self->capture_lane != NULL &&
         wf_item_get_parent (WF_ITEM (self->capture_phase)) == WF_ITEM (map) &&
         wf_item_get_parent (WF_ITEM (self->capture_lane)) == WF_ITEM (map);
}

/* The line at the bottom covers the view: the canvas shows what it
 * shows above it.
 */
static void
update_obscured (WfPresenter *self)
{
  GtkBorder border = { 0, };
  int height = 0;

  if (self->active && gtk_widget_get_visible (self->status))
    gtk_widget_measure (self->status, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (GTK_WIDGET (self->overlay)),
                        NULL, &height, NULL, NULL);
  border.bottom = height;

  wf_canvas_set_obscured (self->canvas, &border);
}

/* The capture entry's natural size. */
static void
measure_capture (WfPresenter *self,
                 int         *width,
                 int         *height)
{
  gtk_widget_measure (self->capture, GTK_ORIENTATION_HORIZONTAL, -1, NULL, width, NULL, NULL);
  gtk_widget_measure (self->capture, GTK_ORIENTATION_VERTICAL, *width, NULL, height, NULL, NULL);
}

/* Where the entry goes, in map units: under the last card of its cell
 * (where the next one appears), or at the top of an empty cell.
 */
static gboolean
capture_anchor (WfPresenter     *self,
                graphene_rect_t *anchor)
{
  WfLayout *layout = get_layout (self);
  WfMap *map = get_map (self);
  int row, phase;
  guint n;

  if (layout == NULL || !capture_cell_valid (self) ||
      (row = wf_layout_get_lane_row (layout, self->capture_lane)) < 0 ||
      (phase = wf_map_get_phase_index (map, self->capture_phase)) < 0)
    return FALSE;

  n = wf_map_get_n_cell_cards (map, self->capture_phase, self->capture_lane);
  if (n > 0)
    wf_layout_get_cell_card_bounds (layout, phase, row, n - 1, anchor);
  else
    {
      double x, w;

      wf_layout_get_phase_bounds (layout, phase, &x, &w);
      *anchor = GRAPHENE_RECT_INIT (x, wf_layout_get_row (layout, row)->y, w, WF_LAYOUT_CELL_PADDING);
    }

  return TRUE;
}

/* The gap between a cell's last card and the entry, in pixels. */
#define CAPTURE_GAP 8

/* The overlay lays the entry out: centred on its phase, under its
 * anchor, inside the part of the view the line at the bottom leaves.
 */
static gboolean
place_capture (WfPresenter  *self,
               GdkRectangle *allocation)
{
  WfLayout *layout = get_layout (self);
  graphene_rect_t visible, anchor;
  int width = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  double x, w, zoom, left, top, bottom;

  if (!capture_anchor (self, &anchor))
    return FALSE;

  wf_canvas_get_visible_area (self->canvas, &visible);
  if (visible.size.width <= 0 || visible.size.height <= 0)
    return FALSE;
  zoom = width / visible.size.width;
  bottom = visible.size.height * zoom;

  measure_capture (self, &allocation->width, &allocation->height);
  wf_layout_get_phase_bounds (layout, wf_map_get_phase_index (get_map (self), self->capture_phase), &x, &w);
  left = (x + w / 2 - visible.origin.x) * zoom - allocation->width / 2.0;
  top = (anchor.origin.y + anchor.size.height - visible.origin.y) * zoom + CAPTURE_GAP;

  allocation->x = (int) CLAMP (left, 0, MAX (0, width - allocation->width));
  allocation->y = (int) CLAMP (top, 0, MAX (0, bottom - allocation->height));
  return TRUE;
}

/* The view follows the focused card; while capturing, the cell's last
 * card and the entry under it.
 */
static void
keep_in_sight (WfPresenter *self)
{
  WfCard *focus = wf_canvas_get_focus_card (self->canvas);
  graphene_rect_t visible, anchor;

  if (!self->active)
    return;

  if (gtk_widget_get_visible (self->capture) && capture_anchor (self, &anchor))
    {
      int width, height;

      wf_canvas_get_visible_area (self->canvas, &visible);
      measure_capture (self, &width, &height);
      if (visible.size.width > 0)
        anchor.size.height += (height + CAPTURE_GAP) * visible.size.width /
                              gtk_widget_get_width (GTK_WIDGET (self->canvas));
      wf_canvas_reveal_area (self->canvas, &anchor);
    }
  else if (focus != NULL)
    wf_canvas_reveal (self->canvas, focus);
}

/* …and the entry moves with the view. */
static void
follow_focus (WfPresenter *self)
{
  keep_in_sight (self);
  if (gtk_widget_get_visible (self->capture))
    gtk_widget_queue_allocate (GTK_WIDGET (self->overlay));
}

/* The overlay lays out the presentation's widgets after the canvas. */
static gboolean
on_overlay_get_child_position (GtkOverlay   *overlay,
                               GtkWidget    *widget,
                               GdkRectangle *allocation,
                               WfPresenter  *self)
{
  if (widget == self->status)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self->canvas));
      int height = gtk_widget_get_height (GTK_WIDGET (self->canvas));

      /* The first of them: at a new size (full screen, a resized window)
       * the canvas has shown its area again; the line may be taller, and
       * the focus comes back in sight, before anything is drawn.
       */
      update_obscured (self);
      if (width != self->width || height != self->height)
        {
          self->width = width;
          self->height = height;
          keep_in_sight (self);
        }
      return FALSE;
    }

  if (widget == self->capture)
    return place_capture (self, allocation);

  return FALSE;
}

/* A card focused by the keys, a click or a capture: in the light and in
 * sight.
 */
static void
on_canvas_selection_changed (WfPresenter *self)
{
  WfCard *focus = wf_canvas_get_focus_card (self->canvas);
  WfMap *map = get_map (self);

  if (!self->active || map == NULL)
    return;

  if (focus != NULL && self->phase >= 0 &&
      wf_map_get_phase_index (map, wf_card_get_phase (focus)) != self->phase)
    {
      wf_presenter_go_to_phase (self, wf_map_get_phase_index (map, wf_card_get_phase (focus)));
      return;
    }

  follow_focus (self);
}

/* Phases */

static void
show_phase (WfPresenter *self,
            gboolean     animate)
{
  WfLayout *layout = get_layout (self);
  WfMap *map = get_map (self);
  graphene_rect_t area;

  if (layout == NULL)
    return;

  if (self->phase < 0 || (guint) self->phase >= wf_map_get_n_phases (map))
    {
      /* The whole map, as large as fits. */
      self->phase = -1;
      area = GRAPHENE_RECT_INIT (0, 0, wf_layout_get_width (layout), wf_layout_get_height (layout));
      wf_canvas_set_spotlight (self->canvas, -1);
      wf_canvas_show_area (self->canvas, &area, 0, animate);
    }
  else
    {
      double x, w;

      /* The phase as large as the screen allows, with room at its left
       * for the lane titles the canvas keeps in sight, and a glimpse of
       * its neighbours; at least large enough to read from the back of
       * the room.
       */
      wf_layout_get_phase_bounds (layout, self->phase, &x, &w);
      area = GRAPHENE_RECT_INIT (x - WF_LAYOUT_LANE_HEADER_WIDTH - 24, 0,
                                 w + WF_LAYOUT_LANE_HEADER_WIDTH + 48, wf_layout_get_height (layout));
      wf_canvas_set_spotlight (self->canvas, self->phase);
      wf_canvas_show_area (self->canvas, &area, MIN_PRESENT_ZOOM * wf_canvas_get_text_scale (self->canvas), animate);

      /* The focus follows into the phase. */
      {
        WfCard *focus = wf_canvas_get_focus_card (self->canvas);

        if (focus == NULL || wf_map_get_phase_index (map, wf_card_get_phase (focus)) != self->phase)
          {
            WfPhase *phase = wf_map_get_phase (map, self->phase);
            WfCard *first = NULL;

            for (guint r = 0; r < wf_layout_get_n_rows (layout) && first == NULL; r++)
              {
                const WfRow *row = wf_layout_get_row (layout, r);
                GPtrArray *cell;

                if (row->kind != WF_ROW_LANE || wf_lane_get_collapsed (row->lane))
                  continue;
                cell = wf_map_get_cell (map, phase, row->lane);
                if (cell != NULL && cell->len > 0)
                  first = cell->pdata[0];
              }
            wf_canvas_set_focus_card (self->canvas, first);
          }
      }
    }

  update_status (self);
  follow_focus (self);
}

/**
 * wf_presenter_go_to_phase:
 * @phase: the index of a phase, or -1 for the whole map
 */
void
wf_presenter_go_to_phase (WfPresenter *self,
                          int          phase)
{
  WfMap *map;

  g_return_if_fail (WF_IS_PRESENTER (self));

  map = get_map (self);
  if (map == NULL)
    return;

  self->phase = phase < 0 ? -1 : MIN (phase, (int) wf_map_get_n_phases (map) - 1);
  show_phase (self, self->animate);
}

int
wf_presenter_get_phase (WfPresenter *self)
{
  g_return_val_if_fail (WF_IS_PRESENTER (self), -1);

  return self->phase;
}

/**
 * wf_presenter_cycle_persona:
 *
 * Shows the next persona's lanes alone (with the shared lanes), and
 * after the last one every lane again.
 */
void
wf_presenter_cycle_persona (WfPresenter *self)
{
  WfDocument *document;
  guint n;

  g_return_if_fail (WF_IS_PRESENTER (self));

  if (get_map (self) == NULL)
    return;

  document = wf_item_get_document (WF_ITEM (get_map (self)));
  n = wf_document_get_n_personas (document);

  /* The next persona that has lanes in this map. */
  do
    self->persona = self->persona + 1 >= (int) n ? -1 : self->persona + 1;
  while (self->persona >= 0 &&
         !wf_document_persona_in_use (document, wf_document_get_persona (document, self->persona)));

  wf_canvas_set_persona_filter (self->canvas,
                                self->persona >= 0 ? wf_document_get_persona (document, self->persona) : NULL);
  show_phase (self, FALSE);
}

/* Quick capture */

/* The cell the entry writes into: the focused card's, or the first lane
 * of the phase shown that is not a curve.
 */
static void
find_capture_cell (WfPresenter *self)
{
  WfMap *map = get_map (self);
  WfLayout *layout = get_layout (self);
  WfCard *focus = wf_canvas_get_focus_card (self->canvas);
  int phase = MAX (self->phase, 0);

  self->capture_phase = NULL;
  self->capture_lane = NULL;
  if (map == NULL || layout == NULL || wf_map_get_n_phases (map) == 0)
    return;

  if (focus != NULL)
    {
      self->capture_phase = wf_card_get_phase (focus);
      self->capture_lane = wf_card_get_lane (focus);
      return;
    }

  self->capture_phase = wf_map_get_phase (map, MIN (phase, (int) wf_map_get_n_phases (map) - 1));
  for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
    {
      const WfRow *row = wf_layout_get_row (layout, r);

      if (row->kind == WF_ROW_LANE && wf_lane_get_kind (row->lane) != WF_LANE_EMOTIONS)
        {
          self->capture_lane = row->lane;
          return;
        }
    }
}

/* The entry is named by where its card goes, "New card in Awareness,
 * Touchpoints (Eva)", again when Tab moves it: a screen reader says
 * where it is. */
static void
update_capture_name (WfPresenter *self)
{
  g_autofree char *lane = NULL;
  g_autofree char *name = NULL;
  WfPersona *persona;

  if (self->capture_phase == NULL || self->capture_lane == NULL)
    return;

  persona = wf_lane_get_persona (self->capture_lane);
  lane = persona != NULL
    ? g_strdup_printf ("%s (%s)", wf_lane_get_title (self->capture_lane), wf_persona_get_name (persona))
    : g_strdup (wf_lane_get_title (self->capture_lane));
  name = g_strdup_printf (_("New card in %s, %s"), wf_phase_get_name (self->capture_phase), lane);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->capture_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/**
 * wf_presenter_open_capture:
 *
 * Opens the entry at the focused cell: what is typed becomes a card
 * there on Enter, and the entry stays open for the next.
 */
void
wf_presenter_open_capture (WfPresenter *self)
{
  g_return_if_fail (WF_IS_PRESENTER (self));

  find_capture_cell (self);
  if (self->capture_lane == NULL)
    return;

  update_capture_name (self);
  gtk_widget_set_visible (self->capture, TRUE);
  follow_focus (self);
  gtk_widget_grab_focus (self->capture_entry);
}

/**
 * wf_presenter_close_capture:
 *
 * Closes the entry; what is typed but not entered is dropped.
 */
void
wf_presenter_close_capture (WfPresenter *self)
{
  g_return_if_fail (WF_IS_PRESENTER (self));

  if (!gtk_widget_get_visible (self->capture))
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->capture_entry), "");
  gtk_widget_set_visible (self->capture, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

gboolean
wf_presenter_is_capturing (WfPresenter *self)
{
  g_return_val_if_fail (WF_IS_PRESENTER (self), FALSE);

  return gtk_widget_get_visible (self->capture);
}

gboolean
wf_presenter_get_capture_cell (WfPresenter  *self,
                               WfPhase     **phase,
                               WfLane      **lane)
{
  g_return_val_if_fail (WF_IS_PRESENTER (self), FALSE);

  *phase = self->capture_phase;
  *lane = self->capture_lane;

  return self->capture_lane != NULL;
}

/**
 * wf_presenter_capture:
 * @title: the text of the new card
 *
 * Adds a card with @title at the end of the capture cell, as an undoable
 * step, and focuses it.
 *
 * Returns: whether a card was added
 */
gboolean
wf_presenter_capture (WfPresenter *self,
                      const char  *title)
{
  WfMap *map = get_map (self);
  WfDocument *document;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(WfCard) card = NULL;

  g_return_val_if_fail (WF_IS_PRESENTER (self), FALSE);

  if (map == NULL || title == NULL || self->read_only)
    return FALSE;

  /* The cell went (undo, another window): the focused one, again. */
  if (!capture_cell_valid (self))
    find_capture_cell (self);
  if (!capture_cell_valid (self))
    return FALSE;

  text = g_strstrip (g_strdup (title));
  if (*text == '\0')
    return FALSE;

  document = wf_item_get_document (WF_ITEM (map));
  id = wf_document_make_id (document, "card");
  card = wf_card_new (id, text);
  if (wf_lane_get_kind (self->capture_lane) == WF_LANE_EMOTIONS)
    wf_card_set_emotion (card, 0);

  if (!wf_edit_add_card (map, card, self->capture_phase, self->capture_lane, -1))
    return FALSE;

  wf_canvas_set_focus_card (self->canvas, card);
  return TRUE;
}

/**
 * wf_presenter_move_capture:
 * @lanes: how many lanes down (up when negative) the entry moves
 * @phases: how many phases right (left when negative)
 */
void
wf_presenter_move_capture (WfPresenter *self,
                           int          lanes,
                           int          phases)
{
  WfLayout *layout = get_layout (self);
  WfMap *map = get_map (self);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  int current = -1;

  g_return_if_fail (WF_IS_PRESENTER (self));

  if (layout == NULL)
    return;
  if (!capture_cell_valid (self))
    find_capture_cell (self);
  if (!capture_cell_valid (self))
    return;

  /* The lanes in sight, top to bottom. */
  for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
    {
      const WfRow *row = wf_layout_get_row (layout, r);

      if (row->kind != WF_ROW_LANE)
        continue;
      if (row->lane == self->capture_lane)
        current = rows->len;
      g_array_append_val (rows, r);
    }

  if (rows->len > 0 && lanes != 0)
    {
      int next = ((current < 0 ? 0 : current) + lanes) % (int) rows->len;

      if (next < 0)
        next += rows->len;
      self->capture_lane = wf_layout_get_row (layout, g_array_index (rows, guint, next))->lane;
    }

  if (phases != 0 && wf_map_get_n_phases (map) > 0)
    {
      int n = wf_map_get_n_phases (map);
      int next = (wf_map_get_phase_index (map, self->capture_phase) + phases) % n;

      if (next < 0)
        next += n;
      self->capture_phase = wf_map_get_phase (map, next);
      if (self->active && self->phase >= 0)
        {
          self->phase = next;
          show_phase (self, self->animate);
        }
    }

  update_capture_name (self);
  /* Nothing is focused in a cell the entry left. */
  wf_canvas_set_focus_card (self->canvas, NULL);
  follow_focus (self);
}

static void
on_capture_activate (WfPresenter *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->capture_entry));

  if (wf_presenter_capture (self, text))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->capture_entry), "");
      follow_focus (self);
    }
}

/* The timer */

void
wf_presenter_toggle_timer (WfPresenter *self)
{
  g_return_if_fail (WF_IS_PRESENTER (self));

  if (self->timer_started != 0)
    {
      self->timer_elapsed += g_get_monotonic_time () - self->timer_started;
      self->timer_started = 0;
      g_clear_handle_id (&self->timer_id, g_source_remove);
    }
  else
    {
      self->timer_started = g_get_monotonic_time ();
      self->timer_id = g_timeout_add (250, on_timer_tick, self);
    }

  update_timer (self);
  wf_announce (GTK_WIDGET (self->canvas), self->timer_started != 0 ? _("Timer running") : _("Timer paused"));
}

void
wf_presenter_reset_timer (WfPresenter *self)
{
  g_return_if_fail (WF_IS_PRESENTER (self));

  self->timer_elapsed = 0;
  if (self->timer_started != 0)
    self->timer_started = g_get_monotonic_time ();
  update_timer (self);
}

guint
wf_presenter_get_timer_seconds (WfPresenter *self)
{
  g_return_val_if_fail (WF_IS_PRESENTER (self), 0);

  return timer_seconds (self);
}

gboolean
wf_presenter_get_timer_running (WfPresenter *self)
{
  g_return_val_if_fail (WF_IS_PRESENTER (self), FALSE);

  return self->timer_started != 0;
}

/* Votes and colours */

static void
vote (WfPresenter *self,
      int          delta)
{
  WfCard *card = wf_canvas_get_focus_card (self->canvas);
  guint votes;

  if (card == NULL)
    return;

  votes = wf_card_get_votes (card);
  if (delta < 0 && votes == 0)
    return;

  wf_edit_set (card, "votes", (guint) ((int) votes + delta), NULL);

  {
    guint n = wf_card_get_votes (card);
    g_autofree char *title = wf_quote_excerpt_len (wf_card_get_title (card), -1, 100);
    /* Translators: said to a screen reader when the room votes: "3 votes for Instagram ad" */
    g_autofree char *said = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u vote for %s", "%u votes for %s", n),
                                             n, title);

    wf_announce (GTK_WIDGET (self->canvas), said);
  }
}

const char *
wf_presenter_get_color (guint n)
{
  g_return_val_if_fail (n < WF_PRESENTER_N_COLORS, NULL);

  return colors[n];
}

/* Keys
 *
 * Every key of a presentation is a "present." action with a shortcut.
 * Those of the presentation are on the canvas, those of the capture entry
 * on the entry's box; both run in the bubble phase, so a widget that
 * edits text gets its keys first: the entry's own, and a title being
 * edited on the canvas (its popover is a GtkNative of its own, whose keys
 * the canvas's controllers do not see). Added after the canvas's own
 * controllers, the presentation's shortcuts run before them: → is the
 * next phase rather than the next card, Esc leaves. The actions are
 * enabled only while presenting; a key whose action is disabled goes on
 * to the canvas and the window as before. Ctrl and Alt shortcuts stay
 * the window's (undo, redo…).
 */

typedef struct
{
  const char *action;
  const char *keys;     /* as gtk_shortcut_trigger_parse_string() reads them */
  const char *arg;      /* a GVariant, as text, or NULL */
} Key;

static const Key present_keys[] = {
  { "present.next-phase", "Page_Down|<Shift>Page_Down|Right|<Shift>Right|KP_Right|<Shift>KP_Right|"
                          "space|<Shift>space", NULL },
  { "present.previous-phase", "Page_Up|<Shift>Page_Up|Left|<Shift>Left|KP_Left|<Shift>KP_Left", NULL },
  { "present.whole-map", "Home|<Shift>Home", NULL },
  { "present.last-phase", "End|<Shift>End", NULL },
  { "present.capture", "c|<Shift>c|Insert|<Shift>Insert", NULL },
  { "present.vote", "plus|equal|KP_Add|<Shift>KP_Add", "1" },
  { "present.vote", "minus|KP_Subtract|<Shift>KP_Subtract", "-1" },
  { "present.sort-cell", "s", NULL },
  { "present.reset-votes", "<Shift>v", NULL },
  { "present.persona", "p|<Shift>p", NULL },
  { "present.timer", "t", NULL },
  { "present.reset-timer", "<Shift>t", NULL },
  { "present.color", "0|KP_0", "0" },
  { "present.color", "1", "1" },
  { "present.color", "2", "2" },
  { "present.color", "3", "3" },
  { "present.color", "4", "4" },
  { "present.color", "5", "5" },
  { "present.color", "6", "6" },
  { "present.leave", "Escape|<Shift>Escape", NULL },
};

static const Key capture_keys[] = {
  { "present.close-capture", "Escape|<Shift>Escape", NULL },
  { "present.move-capture", "Tab|KP_Tab", "(1, 0)" },
  { "present.move-capture", "<Shift>Tab|<Shift>KP_Tab", "(-1, 0)" },
  { "present.move-capture", "<Control>Tab|<Control>KP_Tab", "(0, 1)" },
  { "present.move-capture", "<Control><Shift>Tab|<Control><Shift>KP_Tab", "(0, -1)" },
};

static void
next_phase_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  WfPresenter *self = user_data;
  WfMap *map = get_map (self);

  if (map != NULL && self->phase + 1 < (int) wf_map_get_n_phases (map))
    wf_presenter_go_to_phase (self, self->phase + 1);
}

static void
previous_phase_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  WfPresenter *self = user_data;
  WfMap *map = get_map (self);

  if (map == NULL)
    return;
  if (self->phase > 0)
    wf_presenter_go_to_phase (self, self->phase - 1);
  else if (self->phase < 0 && wf_map_get_n_phases (map) > 0)
    wf_presenter_go_to_phase (self, 0);
}

static void
whole_map_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  wf_presenter_go_to_phase (user_data, -1);
}

static void
last_phase_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  WfPresenter *self = user_data;
  WfMap *map = get_map (self);

  if (map != NULL)
    wf_presenter_go_to_phase (self, (int) wf_map_get_n_phases (map) - 1);
}

static void
capture_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  wf_presenter_open_capture (user_data);
}

static void
vote_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  vote (user_data, g_variant_get_int32 (param));
}

static void
sort_cell_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  WfPresenter *self = user_data;
  WfCard *focus = wf_canvas_get_focus_card (self->canvas);

  if (focus != NULL && get_map (self) != NULL)
    wf_edit_sort_cell_by_votes (get_map (self), wf_card_get_phase (focus), wf_card_get_lane (focus));
}

static void
reset_votes_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  WfMap *map = get_map (user_data);

  if (map != NULL)
    wf_edit_reset_votes (map);
}

static void
persona_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  wf_presenter_cycle_persona (user_data);
}

static void
timer_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  wf_presenter_toggle_timer (user_data);
}

static void
reset_timer_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  wf_presenter_reset_timer (user_data);
}

/* 1 to 6: a sticky-note colour; 0: none. */
static void
color_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  WfPresenter *self = user_data;
  WfCard *focus = wf_canvas_get_focus_card (self->canvas);
  int n = g_variant_get_int32 (param);
  const char *color = n > 0 && n <= WF_PRESENTER_N_COLORS ? colors[n - 1] : NULL;

  if (focus != NULL && g_strcmp0 (wf_card_get_color (focus), color) != 0)
    wf_edit_set (focus, "color", color, NULL);
}

static void
leave_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  g_signal_emit (user_data, signals[LEAVE], 0);
}

static void
close_capture_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  wf_presenter_close_capture (user_data);
}

/* (lanes, phases): Tab the next lane, Ctrl+Tab the next phase. */
static void
move_capture_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  int lanes, phases;

  g_variant_get (param, "(ii)", &lanes, &phases);
  wf_presenter_move_capture (user_data, lanes, phases);
}

static const GActionEntry actions[] = {
  { "next-phase", next_phase_activated },
  { "previous-phase", previous_phase_activated },
  { "whole-map", whole_map_activated },
  { "last-phase", last_phase_activated },
  { "capture", capture_activated },
  { "vote", vote_activated, "i" },
  { "sort-cell", sort_cell_activated },
  { "reset-votes", reset_votes_activated },
  { "persona", persona_activated },
  { "timer", timer_activated },
  { "reset-timer", reset_timer_activated },
  { "color", color_activated, "i" },
  { "leave", leave_activated },
  { "close-capture", close_capture_activated },
  { "move-capture", move_capture_activated, "(ii)" },
};

/* The actions that change the map, and the capture entry's, off while
 * read only. */
static gboolean
is_edit (const char *name)
{
  static const char * const edits[] = {
    "capture", "vote", "sort-cell", "reset-votes", "color", "close-capture", "move-capture",
  };

  return g_strv_contains (edits, name);
}

static void
update_actions (WfPresenter *self)
{
  gboolean enabled = self->active && get_map (self) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                              actions[i].name)),
                                 enabled && !(self->read_only && is_edit (actions[i].name)));
}

/* A shortcut controller for @widget with @n @keys. */
static void
add_shortcuts (GtkWidget  *widget,
               const char *name,
               const Key  *table,
               guint       n)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (controller, name);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);

  for (guint i = 0; i < n; i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (table[i].keys);
      GtkShortcut *shortcut;

      g_assert (trigger != NULL);
      shortcut = gtk_shortcut_new (trigger, gtk_named_action_new (table[i].action));
      if (table[i].arg != NULL)
        gtk_shortcut_set_arguments (shortcut, g_variant_new_parsed (table[i].arg));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }

  gtk_widget_add_controller (widget, controller);
}

/* Starting and stopping */

void
wf_presenter_start (WfPresenter *self)
{
  g_return_if_fail (WF_IS_PRESENTER (self));

  if (self->active || get_map (self) == NULL)
    return;

  self->active = TRUE;
  update_actions (self);
  self->phase = wf_map_get_n_phases (get_map (self)) > 0 ? 0 : -1;
  wf_canvas_set_presenting (self->canvas, TRUE);
  gtk_widget_set_visible (self->status, TRUE);
  /* The map takes the keyboard before the phase is told: a focus event
   * after the message would cut it off for a screen reader. */
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  update_status (self);
  update_obscured (self);
  update_timer (self);

  /* The canvas has its new size only after the window went full screen. */
  show_phase (self, FALSE);
}

void
wf_presenter_stop (WfPresenter *self)
{
  g_return_if_fail (WF_IS_PRESENTER (self));

  if (!self->active)
    return;

  self->active = FALSE;
  update_actions (self);
  wf_presenter_close_capture (self);
  self->persona = -1;
  wf_canvas_set_persona_filter (self->canvas, NULL);
  wf_canvas_set_spotlight (self->canvas, -1);
  wf_canvas_set_presenting (self->canvas, FALSE);
  gtk_widget_set_visible (self->status, FALSE);
  update_obscured (self);
  update_timer (self);
}

gboolean
wf_presenter_is_active (WfPresenter *self)
{
  g_return_val_if_fail (WF_IS_PRESENTER (self), FALSE);

  return self->active;
}

static void
wf_presenter_dispose (GObject *object)
{
  WfPresenter *self = WF_PRESENTER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->overlay != NULL)
    gtk_widget_insert_action_group (GTK_WIDGET (self->overlay), "present", NULL);
  g_clear_object (&self->actions);
  g_clear_object (&self->canvas);
  g_clear_object (&self->overlay);
  g_clear_pointer (&self->announced, g_free);

  G_OBJECT_CLASS (wf_presenter_parent_class)->dispose (object);
}

static void
wf_presenter_class_init (WfPresenterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wf_presenter_dispose;

  /**
   * WfPresenter::leave:
   *
   * Emitted when the room's keyboard asks to end the presentation (Esc);
   * the window leaves full screen and stops presenting.
   */
  signals[LEAVE] =
    g_signal_new ("leave",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
wf_presenter_init (WfPresenter *self)
{
  self->animate = TRUE;
  self->phase = -1;
  self->persona = -1;

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), actions, G_N_ELEMENTS (actions), self);
  update_actions (self);
}

/**
 * wf_presenter_new:
 * @canvas: the canvas to present
 * @overlay: an overlay around @canvas, for the presentation's own widgets
 *
 * Returns: (transfer full): a presenter, not yet presenting
 */
WfPresenter *
wf_presenter_new (WfCanvas   *canvas,
                  GtkOverlay *overlay)
{
  WfPresenter *self;
  GtkWidget *box;

  g_return_val_if_fail (WF_IS_CANVAS (canvas), NULL);
  g_return_val_if_fail (GTK_IS_OVERLAY (overlay), NULL);

  self = g_object_new (WF_TYPE_PRESENTER, NULL);
  self->canvas = g_object_ref (canvas);
  self->overlay = g_object_ref (overlay);

  self->status_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->status_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  self->status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (self->status), self->status_label);
  gtk_widget_add_css_class (self->status, "presentation-status");
  gtk_widget_set_valign (self->status, GTK_ALIGN_END);
  gtk_widget_set_can_target (self->status, FALSE);
  gtk_widget_set_visible (self->status, FALSE);
  gtk_overlay_add_overlay (overlay, self->status);

  self->timer_label = gtk_label_new ("0:00");
  gtk_widget_add_css_class (self->timer_label, "presentation-timer");
  gtk_widget_set_halign (self->timer_label, GTK_ALIGN_END);
  gtk_widget_set_valign (self->timer_label, GTK_ALIGN_START);
  gtk_widget_set_can_target (self->timer_label, FALSE);
  gtk_widget_set_visible (self->timer_label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timer_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Timer"), -1);
  gtk_overlay_add_overlay (overlay, self->timer_label);

  self->capture_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->capture_entry), _("New card, then Enter"));
  gtk_widget_set_size_request (self->capture_entry, 420, -1);
  gtk_widget_add_css_class (self->capture_entry, "capture-entry");
  g_signal_connect_swapped (self->capture_entry, "activate", G_CALLBACK (on_capture_activate), self);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), self->capture_entry);
  {
    const char *keys = _("Tab: next lane · Ctrl+Tab: next phase · Esc: done");
    GtkWidget *hint = gtk_label_new (keys);

    /* What the hint shows, a screen reader says with the entry. */
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->capture_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, keys, -1);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_widget_add_css_class (hint, "caption");
    gtk_box_append (GTK_BOX (box), hint);
  }
  self->capture = box;
  gtk_widget_add_css_class (box, "capture-box");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_widget_set_visible (box, FALSE);
  gtk_overlay_add_overlay (overlay, box);

  gtk_widget_insert_action_group (GTK_WIDGET (overlay), "present", G_ACTION_GROUP (self->actions));
  add_shortcuts (GTK_WIDGET (canvas), "presenter", present_keys, G_N_ELEMENTS (present_keys));
  add_shortcuts (box, "presenter-capture", capture_keys, G_N_ELEMENTS (capture_keys));

  g_signal_connect_object (overlay, "get-child-position", G_CALLBACK (on_overlay_get_child_position), self, 0);
  g_signal_connect_object (canvas, "selection-changed", G_CALLBACK (on_canvas_selection_changed), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * wf_presenter_set_animate:
 * @animate: whether to move smoothly from phase to phase (never when the
 *   system turns animations off)
 */
void
wf_presenter_set_animate (WfPresenter *self,
                          gboolean     animate)
{
  g_return_if_fail (WF_IS_PRESENTER (self));

  self->animate = !!animate;
}

/**
 * wf_presenter_set_read_only:
 * @read_only: whether the map may only be shown (a team's viewer): the
 *   presentation goes on, but capture, votes, sorting and colours are off
 */
void
wf_presenter_set_read_only (WfPresenter *self,
                            gboolean     read_only)
{
  g_return_if_fail (WF_IS_PRESENTER (self));

  if (self->read_only == read_only)
    return;

  if (read_only)
    wf_presenter_close_capture (self);
  self->read_only = read_only;
  update_actions (self);
}
