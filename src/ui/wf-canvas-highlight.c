/* wf-canvas-highlight.c — what a finding is about, outlined on the canvas
 *
 * The Insights panel asks the canvas to show a finding: its cards, or
 * for a finding with none (a phase a persona never reaches), the cells
 * of that phase in the persona's lanes, or the whole phase. They are
 * outlined in a colour of their own, not the selection's, brought into
 * view, and the outline stays until the person clicks the map, another
 * finding is shown, or the map changes.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-canvas-private.h"

/* Orange: apart from the selection's blue, and with a frame of its own
 * width, so that it is not told by colour alone. */
static const GdkRGBA highlight_color = { 0.90, 0.38, 0.0, 1 };

/* The area of @phase in the rows of @persona, with the persona's band,
 * which holds the phase's figures for the persona; for everyone, all
 * rows and the phase's header, which holds its figures.
 */
static gboolean
get_cells_bounds (WfCanvas        *self,
                  WfPhase         *phase,
                  WfPersona       *persona,
                  graphene_rect_t *bounds)
{
  WfLayout *layout = wf_scene_get_layout (self->scene);
  int index = wf_map_get_phase_index (self->map, phase);
  double x, width, top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  guint n_rows;

  if (index < 0)
    return FALSE;

  wf_layout_get_phase_bounds (layout, index, &x, &width);
  n_rows = wf_layout_get_n_rows (layout);
  for (guint r = 0; r < n_rows; r++)
    {
      const WfRow *row = wf_layout_get_row (layout, r);

      if (persona != NULL && row->kind == WF_ROW_PERSONA && row->persona == persona)
        ;
      else if (row->lane == NULL || (persona != NULL && wf_lane_get_persona (row->lane) != persona))
        continue;

      top = MIN (top, row->y);
      bottom = MAX (bottom, row->y + row->height);
    }

  if (top > bottom)
    return FALSE;
  if (persona == NULL)
    top = 0;

  *bounds = GRAPHENE_RECT_INIT (x, top, width, bottom - top);
  return TRUE;
}

/* Each outlined area, in map units. */
static GArray *
list_areas (WfCanvas *self)
{
  GArray *areas = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  WfLayout *layout = wf_scene_get_layout (self->scene);
  graphene_rect_t bounds;

  if (self->highlight.cards != NULL && self->highlight.cards->len > 0)
    {
      for (guint i = 0; i < self->highlight.cards->len; i++)
        if (wf_layout_get_card_bounds (layout, g_ptr_array_index (self->highlight.cards, i), &bounds))
          g_array_append_val (areas, bounds);
    }
  else if (self->highlight.phase != NULL &&
           get_cells_bounds (self, self->highlight.phase, self->highlight.persona, &bounds))
    g_array_append_val (areas, bounds);

  return areas;
}

void
wf_canvas_snapshot_highlight (WfCanvas    *self,
                              GtkSnapshot *snapshot)
{
  g_autoptr(GArray) areas = NULL;
  float line = 4 / self->view.zoom;
  float widths[4] = { line, line, line, line };
  GdkRGBA colors[4] = { highlight_color, highlight_color, highlight_color, highlight_color };

  if (self->scene == NULL || (self->highlight.cards == NULL && self->highlight.phase == NULL))
    return;

  areas = list_areas (self);
  for (guint i = 0; i < areas->len; i++)
    {
      graphene_rect_t area = g_array_index (areas, graphene_rect_t, i);
      GskRoundedRect frame;

      /* Around the card or cells, not over them. */
      graphene_rect_inset (&area, -line * 1.5f, -line * 1.5f);
      gsk_rounded_rect_init_from_rect (&frame, &area, 6 / self->view.zoom);
      gtk_snapshot_append_border (snapshot, &frame, widths, colors);
    }
}

/**
 * wf_canvas_show_highlight:
 * @cards: (nullable) (element-type WfCard): cards to outline
 * @phase: (nullable): without cards, the phase whose cells to outline
 * @persona: (nullable): and the persona whose lanes; all lanes when %NULL
 *
 * Outlines what a finding is about and brings it into view.
 */
void
wf_canvas_show_highlight (WfCanvas  *self,
                          GPtrArray *cards,
                          WfPhase   *phase,
                          WfPersona *persona)
{
  g_autoptr(GArray) areas = NULL;
  graphene_rect_t all;

  g_return_if_fail (WF_IS_CANVAS (self));

  wf_canvas_clear_highlight (self);
  if (self->scene == NULL)
    return;

  if (cards != NULL && cards->len > 0)
    {
      self->highlight.cards = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < cards->len; i++)
        g_ptr_array_add (self->highlight.cards, g_object_ref (g_ptr_array_index (cards, i)));
    }
  g_set_object (&self->highlight.phase, phase);
  g_set_object (&self->highlight.persona, persona);

  areas = list_areas (self);
  if (areas->len > 0)
    {
      all = g_array_index (areas, graphene_rect_t, 0);
      for (guint i = 1; i < areas->len; i++)
        graphene_rect_union (&all, &g_array_index (areas, graphene_rect_t, i), &all);
      wf_canvas_reveal_area (self, &all);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wf_canvas_clear_highlight:
 *
 * Takes away the outline of wf_canvas_show_highlight().
 */
void
wf_canvas_clear_highlight (WfCanvas *self)
{
  g_return_if_fail (WF_IS_CANVAS (self));

  if (self->highlight.cards == NULL && self->highlight.phase == NULL)
    return;

  g_clear_pointer (&self->highlight.cards, g_ptr_array_unref);
  g_clear_object (&self->highlight.phase);
  g_clear_object (&self->highlight.persona);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * wf_canvas_get_highlight_bounds:
 * @bounds: (out): what is outlined, all of it, in map units
 *
 * For tests. Returns: whether something is outlined
 */
gboolean
wf_canvas_get_highlight_bounds (WfCanvas        *self,
                                graphene_rect_t *bounds)
{
  g_autoptr(GArray) areas = NULL;

  if (self->scene == NULL || (self->highlight.cards == NULL && self->highlight.phase == NULL))
    return FALSE;

  areas = list_areas (self);
  if (areas->len == 0)
    return FALSE;

  *bounds = g_array_index (areas, graphene_rect_t, 0);
  for (guint i = 1; i < areas->len; i++)
    graphene_rect_union (bounds, &g_array_index (areas, graphene_rect_t, i), bounds);

  return TRUE;
}

/**
 * wf_canvas_get_highlight:
 * @cards: (out) (optional) (transfer none) (nullable): the cards outlined
 * @phase: (out) (optional) (transfer none) (nullable): the phase outlined
 *
 * Returns: whether something is outlined
 */
gboolean
wf_canvas_get_highlight (WfCanvas   *self,
                         GPtrArray **cards,
                         WfPhase   **phase)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), FALSE);

  if (cards != NULL)
    *cards = self->highlight.cards;
  if (phase != NULL)
    *phase = self->highlight.phase;

  return self->highlight.cards != NULL || self->highlight.phase != NULL;
}
