/* wf-canvas-conflicts.c — the open conflicts of a team document, marked on the canvas
 *
 * A card, phase header, lane header or persona band whose item has an
 * open conflict (docs/team-library.md, "How a conflict is shown") wears
 * a badge: a round mark with an exclamation mark in its top right
 * corner, told by its shape as well as its colour. The marks are drawn
 * over the scene, as the Insights highlights are, never into exports.
 * The canvas gets the conflicts from the document's WfTeamJournal and
 * says when they change ("conflicts-changed"), for the sidebar.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-canvas-private.h"

/* A deep orange with white: apart from the selection's blue and the
 * findings' orange outline, and readable on light and dark cards. */
static const GdkRGBA badge_color = { 0.78, 0.27, 0.0, 1 };
static const GdkRGBA mark_color = { 1, 1, 1, 1 };

/* The badge's radius, in pixels at any zoom. */
#define BADGE_RADIUS 10.0f

/* The badge's centre on each marked item of the map, in map units. */
static GArray *
list_badges (WfCanvas *self)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  WfLayout *layout = wf_scene_get_layout (self->scene);
  WfDocument *document = wf_team_journal_get_document (self->conflicts.journal);
  g_autoptr(GPtrArray) conflicts = wf_team_journal_list_conflicts (self->conflicts.journal, NULL);
  g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);
  double step = 2 * BADGE_RADIUS / self->view.zoom;

  for (guint i = 0; i < conflicts->len; i++)
    {
      const WfTeamConflict *conflict = g_ptr_array_index (conflicts, i);
      WfItem *item = conflict->item[0] != '\0' ? wf_document_lookup (document, conflict->item) : NULL;
      graphene_point_t point;
      graphene_rect_t bounds;
      int index;

      if (item == NULL || !g_hash_table_add (done, item))
        continue;

      if (WF_IS_CARD (item))
        {
          if (wf_item_get_parent (item) != WF_ITEM (self->map) ||
              !wf_layout_get_card_bounds (layout, WF_CARD (item), &bounds))
            continue;
          point = GRAPHENE_POINT_INIT (bounds.origin.x + bounds.size.width, bounds.origin.y);
          g_array_append_val (points, point);
        }
      else if (WF_IS_PHASE (item))
        {
          double x, width;

          if ((index = wf_map_get_phase_index (self->map, WF_PHASE (item))) < 0)
            continue;
          wf_layout_get_phase_bounds (layout, index, &x, &width);
          point = GRAPHENE_POINT_INIT (x + width - step, step);
          g_array_append_val (points, point);
        }
      else if (WF_IS_LANE (item) || WF_IS_PERSONA (item))
        {
          for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
            {
              const WfRow *row = wf_layout_get_row (layout, r);

              if ((row->kind == WF_ROW_PERSONA && row->persona == (WfPersona *) item) ||
                  (row->kind != WF_ROW_PERSONA && row->lane == (WfLane *) item))
                {
                  point = GRAPHENE_POINT_INIT (WF_LAYOUT_LANE_HEADER_WIDTH - step,
                                               row->y + MIN (row->height / 2, step));
                  g_array_append_val (points, point);
                }
            }
        }
    }

  return points;
}

static void
append_badge (WfCanvas               *self,
              GtkSnapshot            *snapshot,
              const graphene_point_t *centre)
{
  float r = BADGE_RADIUS / self->view.zoom;
  float ring = 2 / self->view.zoom;
  GskRoundedRect circle;
  graphene_rect_t area;

  /* A white ring parts it from what it sits on. */
  area = GRAPHENE_RECT_INIT (centre->x - r - ring, centre->y - r - ring, 2 * (r + ring), 2 * (r + ring));
  gsk_rounded_rect_init_from_rect (&circle, &area, r + ring);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, &mark_color, &area);
  gtk_snapshot_pop (snapshot);

  area = GRAPHENE_RECT_INIT (centre->x - r, centre->y - r, 2 * r, 2 * r);
  gsk_rounded_rect_init_from_rect (&circle, &area, r);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, &badge_color, &area);
  gtk_snapshot_pop (snapshot);

  /* "!": a bar and a dot. */
  area = GRAPHENE_RECT_INIT (centre->x - r * 0.14f, centre->y - r * 0.62f, r * 0.28f, r * 0.78f);
  gtk_snapshot_append_color (snapshot, &mark_color, &area);
  area = GRAPHENE_RECT_INIT (centre->x - r * 0.15f, centre->y + r * 0.32f, r * 0.3f, r * 0.3f);
  gtk_snapshot_append_color (snapshot, &mark_color, &area);
}

void
wf_canvas_snapshot_conflicts (WfCanvas    *self,
                              GtkSnapshot *snapshot)
{
  g_autoptr(GArray) badges = NULL;

  if (self->scene == NULL || self->map == NULL || self->conflicts.journal == NULL)
    return;

  badges = list_badges (self);
  for (guint i = 0; i < badges->len; i++)
    append_badge (self, snapshot, &g_array_index (badges, graphene_point_t, i));
}

/**
 * wf_canvas_has_conflict:
 *
 * Returns: whether @item has an open conflict, for what a screen reader
 *   says of it
 */
gboolean
wf_canvas_has_conflict (WfCanvas *self,
                        WfItem   *item)
{
  return self->conflicts.journal != NULL && item != NULL &&
         wf_team_journal_has_conflict (self->conflicts.journal, wf_item_get_id (item));
}

static void
on_conflicts_changed (WfCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->selection.focus != NULL)
    wf_canvas_announce_focus (self);
  wf_canvas_a11y_queue_sync (self);
  g_signal_emit_by_name (self, "conflicts-changed");
}

/**
 * wf_canvas_set_team_journal:
 * @journal: (nullable): the journal of the team document shown, or %NULL
 *
 * Marks the items with an open conflict, and follows the conflicts.
 */
void
wf_canvas_set_team_journal (WfCanvas      *self,
                            WfTeamJournal *journal)
{
  g_return_if_fail (WF_IS_CANVAS (self));
  g_return_if_fail (journal == NULL || WF_IS_TEAM_JOURNAL (journal));

  if (self->conflicts.journal == journal)
    return;

  if (self->conflicts.journal != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->conflicts.journal, on_conflicts_changed, self);
      g_clear_object (&self->conflicts.journal);
    }

  if (journal != NULL)
    {
      self->conflicts.journal = g_object_ref (journal);
      g_signal_connect_swapped (journal, "conflicts-changed", G_CALLBACK (on_conflicts_changed), self);
    }

  on_conflicts_changed (self);
}

/**
 * wf_canvas_get_team_journal:
 *
 * Returns: (transfer none) (nullable): the journal whose conflicts are marked
 */
WfTeamJournal *
wf_canvas_get_team_journal (WfCanvas *self)
{
  g_return_val_if_fail (WF_IS_CANVAS (self), NULL);

  return self->conflicts.journal;
}

/**
 * wf_canvas_get_n_conflict_marks:
 *
 * For tests. Returns: how many badges the map shows
 */
guint
wf_canvas_get_n_conflict_marks (WfCanvas *self)
{
  g_autoptr(GArray) badges = NULL;

  if (self->scene == NULL || self->map == NULL || self->conflicts.journal == NULL)
    return 0;

  badges = list_badges (self);
  return badges->len;
}
