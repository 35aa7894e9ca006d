/* wf-canvas-a11y.c — the map's parts as objects a screen reader can walk
 *
 * GTK 4.8 has no accessible objects that are not widgets, so the canvas
 * keeps a tree of empty child widgets that are never drawn and take no
 * pointer: a list of the phases, a group per persona holding a list per
 * lane, a list per shared lane, and an item per card in its lane's list.
 * A screen reader walks it as it walks any widget tree. The arrow keys
 * move the keyboard focus to the card's item, so a screen reader hears a
 * focus event on the card, not a new name for the whole map.
 *
 * What happens without a card to focus (an arrow key at a dead end, a
 * vote, a presentation's next phase, a toast) is told the same way while
 * the keyboard is on the map: one of two status items takes the focus
 * with the message as its name; GTK 4.8 has no other way that a screen
 * reader such as Orca reads out (it speaks a name change only on a
 * focused object it sees as showing, which GTK 4.8 never says). Orca
 * stops at every focus event, so a message that a focus move follows at
 * once (Delete's toast, then the next card) goes with the card's focus
 * event instead, in its description.
 *
 * Maps of up to WF_CANVAS_A11Y_ALL cards have an item for every card;
 * larger ones for the cards in view and the focused one, as a list view
 * has rows only for what is shown. The tree is brought up to date in an
 * idle after the map changed, never while a frame is drawn.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "storage/wf-quote.h"
#include "wf-canvas-private.h"

/* One part of the map for a screen reader. */
#define WF_TYPE_CANVAS_PART (wf_canvas_part_get_type ())
G_DECLARE_FINAL_TYPE (WfCanvasPart, wf_canvas_part, WF, CANVAS_PART, GtkWidget)

struct _WfCanvasPart
{
  GtkWidget  parent_instance;

  WfItem    *item;         /* NULL for the list of phases */
  char      *label;        /* as last told, so that nothing is told twice */
  char      *description;
  int        selected;     /* -1: not told yet */
  gboolean   seen;         /* wanted in this sync */
};

G_DEFINE_FINAL_TYPE (WfCanvasPart, wf_canvas_part, GTK_TYPE_WIDGET)

static void
wf_canvas_part_dispose (GObject *object)
{
  WfCanvasPart *self = WF_CANVAS_PART (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (wf_canvas_part_parent_class)->dispose (object);
}

static void
wf_canvas_part_finalize (GObject *object)
{
  WfCanvasPart *self = WF_CANVAS_PART (object);

  g_free (self->label);
  g_free (self->description);

  G_OBJECT_CLASS (wf_canvas_part_parent_class)->finalize (object);
}

static void
wf_canvas_part_class_init (WfCanvasPartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_canvas_part_dispose;
  object_class->finalize = wf_canvas_part_finalize;

  /* Nothing to draw and no size: every part sits at the canvas's top
   * left, 0 × 0. */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wfcanvaspart");
}

static void
wf_canvas_part_init (WfCanvasPart *self)
{
  self->selected = -1;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

static WfCanvasPart *
part_new (WfItem            *item,
          GtkAccessibleRole  role)
{
  WfCanvasPart *part = g_object_new (WF_TYPE_CANVAS_PART, "accessible-role", role, NULL);

  part->item = item ? g_object_ref (item) : NULL;
  /* A card's item takes the keyboard focus from the arrow keys; Tab
   * never stops on it (wf_canvas_a11y_focus_step()). */
  gtk_widget_set_focusable (GTK_WIDGET (part), WF_IS_CARD (item));
  return part;
}

static void
tell (WfCanvasPart *part,
      const char   *label,
      const char   *description)
{
  if (g_strcmp0 (part->label, label) != 0)
    {
      g_free (part->label);
      part->label = g_strdup (label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (part), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  if (g_strcmp0 (part->description, description) != 0)
    {
      g_free (part->description);
      part->description = g_strdup (description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (part), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
    }
}

struct _WfCanvasA11y
{
  GHashTable   *parts;     /* WfItem → its WfCanvasPart */
  WfCanvasPart *phases;    /* the list of the phases */
  WfCanvasPart *status[2]; /* what is told away from the cards, in turns */
  guint         next_status;
  char         *told;      /* the last message, for tests */
  char         *pending;   /* a message waiting for a focus move, see announce_soon */
  guint         pending_id;
  WfCanvasPart *said_on;   /* the card that says a message with its focus event */
  char         *said;
  guint         sync_id;
  gboolean      sync_idle; /* sync_id is an idle for a change of the map */
  gboolean      in_view;   /* only the cards in view have parts */
  graphene_rect_t synced;  /* the area in view at the last sync */
};

static WfCanvasA11y *
get_a11y (WfCanvas *self)
{
  if (self->a11y == NULL)
    {
      self->a11y = g_new0 (WfCanvasA11y, 1);
      self->a11y->parts = g_hash_table_new (NULL, NULL);
    }
  return self->a11y;
}

/* Puts @part under @parent after @previous (NULL: first), moving it
 * only when it is elsewhere. */
static void
place (GtkWidget *part,
       GtkWidget *parent,
       GtkWidget *previous)
{
  if (gtk_widget_get_parent (part) == parent && gtk_widget_get_prev_sibling (part) == previous)
    return;

  if (gtk_widget_get_parent (part) != NULL && gtk_widget_get_parent (part) != parent)
    gtk_widget_unparent (part);
  gtk_widget_insert_after (part, parent, previous);
}

static WfCanvasPart *
ensure_part (WfCanvas          *self,
             WfItem            *item,
             GtkAccessibleRole  role,
             GtkWidget         *parent,
             GtkWidget         *previous)
{
  WfCanvasA11y *a11y = get_a11y (self);
  WfCanvasPart *part = g_hash_table_lookup (a11y->parts, item);

  if (part == NULL)
    {
      part = part_new (item, role);
      g_hash_table_insert (a11y->parts, item, g_object_ref_sink (part));
    }
  part->seen = TRUE;
  place (GTK_WIDGET (part), parent, previous);
  return part;
}

static char *
spoken (const char *text)
{
  return wf_quote_excerpt_len (text, -1, 200);
}

static void
tell_card (WfCanvas     *self,
           WfCanvasPart *part)
{
  WfCard *card = WF_CARD (part->item);
  g_autofree char *title = spoken (wf_card_get_title (card));
  g_autofree char *details = wf_canvas_describe_card (self, card);
  gboolean selected = g_hash_table_contains (self->selection.cards, card);

  /* A message told with the card's focus event goes first, until the
   * focus moves on (see wf_canvas_a11y_announce_soon()). */
  if (self->a11y != NULL && self->a11y->said_on == part)
    {
      g_autofree char *both = g_strdup_printf (_("%s — %s"), self->a11y->said, details);

      tell (part, *title ? title : _("Untitled card"), both);
    }
  else
    tell (part, *title ? title : _("Untitled card"), details);
  if (part->selected != selected)
    {
      part->selected = selected;
      gtk_accessible_update_state (GTK_ACCESSIBLE (part), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
    }
}

static void
tell_lane (WfCanvas     *self,
           WfCanvasPart *part)
{
  WfLane *lane = WF_LANE (part->item);
  guint n = 0;
  g_autofree char *title = spoken (wf_lane_get_title (lane));
  g_autofree char *cards = NULL;
  g_autofree char *description = NULL;

  for (guint i = 0; i < wf_map_get_n_phases (self->map); i++)
    n += wf_map_get_n_cell_cards (self->map, wf_map_get_phase (self->map, i), lane);
  cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n), n);
  /* Translators: a lane for a screen reader: its kind and how many
   * cards it has: "Touchpoints, 12 cards" */
  description = g_strdup_printf (_("%s, %s"), wf_lane_kind_get_label (wf_lane_get_kind (lane)), cards);
  tell (part, *title ? title : _("Untitled lane"), description);
}

static void
tell_persona (WfCanvasPart *part)
{
  WfPersona *persona = WF_PERSONA (part->item);
  g_autofree char *name = spoken (wf_persona_get_name (persona));
  g_autofree char *role = spoken (wf_persona_get_role (persona));
  g_autofree char *photo = wf_canvas_describe_picture (wf_persona_get_photo (persona), TRUE);
  g_autofree char *description = NULL;

  /* Translators: a persona for a screen reader: its role and its
   * photo: "Designer, photo: Anna at her kitchen table" */
  if (photo != NULL)
    description = g_strdup_printf (_("%s, %s"), *role ? role : _("Persona"), photo);
  tell (part, name, description ? description : *role ? role : _("Persona"));
}

static void
tell_phase (WfCanvasPart *part)
{
  WfPhase *phase = WF_PHASE (part->item);
  g_autofree char *name = spoken (wf_phase_get_name (phase));
  g_autofree char *description = spoken (wf_phase_get_description (phase));

  tell (part, *name ? name : _("Untitled phase"), description);
}

/* Whether @card gets a part: always on a small map, else when it is in
 * view or has the focus. */
static gboolean
wanted_card (WfCanvas              *self,
             WfCard                *card,
             const graphene_rect_t *area)
{
  WfCanvasA11y *a11y = self->a11y;
  graphene_rect_t bounds;

  if (!a11y->in_view || card == self->selection.focus)
    return TRUE;

  return wf_layout_get_card_bounds (wf_scene_get_layout (self->scene), card, &bounds) &&
         graphene_rect_intersection (area, &bounds, NULL);
}

/* Whether @lane's row is in view, or holds the focused card. */
static gboolean
lane_in_view (WfCanvas *self,
              WfLane   *lane,
              guint     first_row,
              guint     last_row)
{
  int row = wf_layout_get_lane_row (wf_scene_get_layout (self->scene), lane);

  if (self->selection.focus != NULL && wf_card_get_lane (self->selection.focus) == lane)
    return TRUE;

  return row >= 0 && (guint) row >= first_row && (guint) row <= last_row;
}

static gboolean
forget_unseen (gpointer key,
               gpointer value,
               gpointer user_data)
{
  WfCanvasPart *part = value;
  WfCanvas *self = user_data;
  GtkRoot *root;

  if (part->seen)
    return FALSE;

  if (self->a11y->said_on == part)
    {
      g_clear_object (&self->a11y->said_on);
      g_clear_pointer (&self->a11y->said, g_free);
    }

  /* The keyboard stays on the map when its card goes. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root != NULL && gtk_root_get_focus (root) == GTK_WIDGET (part))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  if (gtk_widget_get_parent (GTK_WIDGET (part)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (part));
  return TRUE;
}

/* The card that said a message with its focus event says only itself
 * again. */
static void
unsay (WfCanvas *self)
{
  WfCanvasA11y *a11y = self->a11y;
  g_autoptr(WfCanvasPart) part = g_steal_pointer (&a11y->said_on);

  g_clear_pointer (&a11y->said, g_free);
  if (part != NULL && part->item != NULL)
    tell_card (self, part);
}

/* @part, a card's, takes the keyboard focus: a message that waits for a
 * focus move (wf_canvas_a11y_announce_soon()) goes with it, in its
 * description, so that a screen reader says both; a focus event right
 * after the message would cut it off. */
static void
take_focus (WfCanvas     *self,
            WfCanvasPart *part)
{
  WfCanvasA11y *a11y = self->a11y;

  unsay (self);
  if (a11y->pending != NULL)
    {
      g_clear_handle_id (&a11y->pending_id, g_source_remove);
      a11y->said_on = g_object_ref (part);
      a11y->said = g_steal_pointer (&a11y->pending);
    }
  tell_card (self, part);
  gtk_widget_grab_focus (GTK_WIDGET (part));
}

/*
 * wf_canvas_a11y_sync:
 *
 * Brings the parts up to date with the map now: adds, moves, tells and
 * removes; a part's name is told again only when it changed.
 */
void
wf_canvas_a11y_sync (WfCanvas *self)
{
  WfCanvasA11y *a11y = get_a11y (self);
  GtkWidget *canvas = GTK_WIDGET (self);
  GtkWidget *previous = NULL;
  GHashTableIter iter;
  gpointer part;
  graphene_rect_t area;
  guint budget = WF_CANVAS_A11Y_ALL;
  guint first_phase = 0, last_phase = 0, first_row = 0, last_row = 0;
  g_autoptr(GHashTable) last_lane = g_hash_table_new (NULL, NULL);  /* persona → its last lane's part */

  GtkRoot *root = gtk_widget_get_root (canvas);
  g_autoptr(WfCanvasPart) focused = NULL;

  g_clear_handle_id (&a11y->sync_id, g_source_remove);
  a11y->sync_idle = FALSE;

  if (root != NULL && WF_IS_CANVAS_PART (gtk_root_get_focus (root)) &&
      WF_IS_CARD (WF_CANVAS_PART (gtk_root_get_focus (root))->item))
    focused = g_object_ref (WF_CANVAS_PART (gtk_root_get_focus (root)));

  g_hash_table_iter_init (&iter, a11y->parts);
  while (g_hash_table_iter_next (&iter, NULL, &part))
    WF_CANVAS_PART (part)->seen = FALSE;

  if (self->map != NULL && self->scene != NULL)
    {
      a11y->in_view = wf_map_get_n_cards (self->map) > WF_CANVAS_A11Y_ALL;
      wf_canvas_get_visible_area (self, &area);
      a11y->synced = area;
      wf_layout_get_visible (wf_scene_get_layout (self->scene), &area, &first_phase, &last_phase, &first_row, &last_row);

      /* The phases, as a list of their own. */
      if (a11y->phases == NULL)
        {
          a11y->phases = g_object_ref_sink (part_new (NULL, GTK_ACCESSIBLE_ROLE_LIST));
          tell (a11y->phases, _("Phases"), "");
        }
      place (GTK_WIDGET (a11y->phases), canvas, NULL);
      previous = GTK_WIDGET (a11y->phases);
      {
        GtkWidget *last = NULL;

        for (guint i = 0; i < wf_map_get_n_phases (self->map); i++)
          {
            WfCanvasPart *phase = ensure_part (self, WF_ITEM (wf_map_get_phase (self->map, i)),
                                               GTK_ACCESSIBLE_ROLE_LIST_ITEM, GTK_WIDGET (a11y->phases), last);

            tell_phase (phase);
            last = GTK_WIDGET (phase);
          }
      }

      /* The lanes, a persona's in its group, with their cards phase by
       * phase. */
      for (guint l = 0; l < wf_map_get_n_lanes (self->map); l++)
        {
          WfLane *lane = wf_map_get_lane (self->map, l);
          WfPersona *persona = wf_lane_get_persona (lane);
          GtkWidget *parent = canvas;
          GtkWidget *after = previous;
          WfCanvasPart *lane_part;
          GtkWidget *last = NULL;

          if (persona != NULL)
            {
              WfCanvasPart *group = g_hash_table_lookup (a11y->parts, persona);

              if (group == NULL || !group->seen)
                {
                  group = ensure_part (self, WF_ITEM (persona), GTK_ACCESSIBLE_ROLE_GROUP, canvas, previous);
                  tell_persona (group);
                  previous = GTK_WIDGET (group);
                }
              after = g_hash_table_lookup (last_lane, persona);
              parent = GTK_WIDGET (group);
            }

          lane_part = ensure_part (self, WF_ITEM (lane), GTK_ACCESSIBLE_ROLE_LIST, parent, after);
          tell_lane (self, lane_part);
          if (persona == NULL)
            previous = GTK_WIDGET (lane_part);
          else
            g_hash_table_insert (last_lane, persona, lane_part);

          /* On a large map, only the cells in view (and the focused card's). */
          if (a11y->in_view && !lane_in_view (self, lane, first_row, last_row))
            continue;

          for (guint p = 0; p < wf_map_get_n_phases (self->map); p++)
            {
              GPtrArray *cell;

              if (a11y->in_view && (p < first_phase || p > last_phase) &&
                  !(self->selection.focus != NULL && wf_card_get_lane (self->selection.focus) == lane &&
                    wf_card_get_phase (self->selection.focus) == wf_map_get_phase (self->map, p)))
                continue;

              cell = wf_map_get_cell (self->map, wf_map_get_phase (self->map, p), lane);

              for (guint i = 0; cell != NULL && i < cell->len; i++)
                {
                  WfCard *card = g_ptr_array_index (cell, i);
                  WfCanvasPart *card_part;

                  if ((budget == 0 && card != self->selection.focus) || !wanted_card (self, card, &area))
                    continue;

                  card_part = ensure_part (self, WF_ITEM (card), GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                           GTK_WIDGET (lane_part), last);
                  tell_card (self, card_part);
                  last = GTK_WIDGET (card_part);
                  if (budget > 0)
                    budget--;
                }
            }
        }
    }
  else if (a11y->phases != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (a11y->phases));
      g_clear_object (&a11y->phases);
    }

  g_hash_table_foreach_remove (a11y->parts, forget_unseen, self);

  /* A card's item moved to another lane lost the keyboard focus on the
   * way: it takes it back, and a screen reader hears where it is now. */
  if (focused != NULL && gtk_widget_get_parent (GTK_WIDGET (focused)) != NULL &&
      gtk_root_get_focus (root) != GTK_WIDGET (focused) &&
      (gtk_root_get_focus (root) == NULL || gtk_root_get_focus (root) == canvas ||
       gtk_widget_is_ancestor (gtk_root_get_focus (root), canvas)))
    take_focus (self, focused);
}

static gboolean
sync_idle (gpointer data)
{
  WfCanvas *self = data;

  self->a11y->sync_id = 0;
  self->a11y->sync_idle = FALSE;
  wf_canvas_a11y_sync (self);
  return G_SOURCE_REMOVE;
}

/*
 * wf_canvas_a11y_queue_sync:
 *
 * The map changed: the parts follow once the main loop is idle, after
 * the frame that shows the change.
 */
void
wf_canvas_a11y_queue_sync (WfCanvas *self)
{
  WfCanvasA11y *a11y = get_a11y (self);

  if (a11y->sync_idle)
    return;
  g_clear_handle_id (&a11y->sync_id, g_source_remove);
  a11y->sync_id = g_idle_add_full (G_PRIORITY_LOW, sync_idle, self, NULL);
  a11y->sync_idle = TRUE;
}

/*
 * wf_canvas_a11y_view_changed:
 * @area: what is in view now, in map units
 *
 * On a large map the parts follow the view, a while after it stops.
 */
void
wf_canvas_a11y_view_changed (WfCanvas              *self,
                             const graphene_rect_t *area)
{
  WfCanvasA11y *a11y = self->a11y;

  if (a11y == NULL || !a11y->in_view || a11y->sync_idle || graphene_rect_equal (area, &a11y->synced))
    return;

  /* Once the view rests: a pan or zoom moves it every frame. */
  g_clear_handle_id (&a11y->sync_id, g_source_remove);
  a11y->sync_id = g_timeout_add_full (G_PRIORITY_LOW, 250, sync_idle, self, NULL);
}

/*
 * wf_canvas_a11y_get_part:
 *
 * Returns: (transfer none) (nullable): the widget a screen reader reads
 *   for @item (a persona, lane, phase or card of the map), for tests
 */
GtkWidget *
wf_canvas_a11y_get_part (WfCanvas *self,
                         WfItem   *item)
{
  WfCanvasPart *part = self->a11y ? g_hash_table_lookup (self->a11y->parts, item) : NULL;

  return part != NULL && gtk_widget_get_parent (GTK_WIDGET (part)) != NULL ? GTK_WIDGET (part) : NULL;
}

/*
 * wf_canvas_a11y_announce:
 * @message: what happened, or where the keyboard is
 *
 * While the keyboard is on the map, tells a screen reader @message as a
 * focus event: one of two status items, in turns, takes the focus with
 * @message as its name. The arrow keys go on from the focused card.
 *
 * Returns: whether it was told (the keyboard was on the map)
 */
gboolean
wf_canvas_a11y_announce (WfCanvas   *self,
                         const char *message)
{
  WfCanvasA11y *a11y = get_a11y (self);
  WfCanvasPart *status;

  if (!wf_canvas_a11y_has_keyboard (self))
    return FALSE;

  status = a11y->status[a11y->next_status];
  if (status == NULL)
    {
      status = a11y->status[a11y->next_status] = g_object_ref_sink (part_new (NULL, GTK_ACCESSIBLE_ROLE_STATUS));
      gtk_widget_set_focusable (GTK_WIDGET (status), TRUE);
      gtk_widget_insert_before (GTK_WIDGET (status), GTK_WIDGET (self), NULL);
    }
  a11y->next_status = 1 - a11y->next_status;

  unsay (self);
  g_clear_handle_id (&a11y->pending_id, g_source_remove);
  g_clear_pointer (&a11y->pending, g_free);
  tell (status, message, "");
  g_free (a11y->told);
  a11y->told = g_strdup (message);
  gtk_widget_grab_focus (GTK_WIDGET (status));
  return TRUE;
}

static gboolean
announce_pending (gpointer data)
{
  WfCanvas *self = data;
  WfCanvasA11y *a11y = self->a11y;
  g_autofree char *message = g_steal_pointer (&a11y->pending);

  a11y->pending_id = 0;
  wf_canvas_a11y_announce (self, message);
  return G_SOURCE_REMOVE;
}

/*
 * wf_canvas_a11y_announce_soon:
 * @message: what happened
 *
 * As wf_canvas_a11y_announce(), for what may be followed at once by a
 * focus move: Delete's toast and then the next card, a presentation's
 * phase and then the map. Orca stops speaking at every focus event, so
 * @message waits until the main loop is idle; a card that takes the
 * focus before then says it in its description, for that focus event.
 *
 * Returns: whether it will be told (the keyboard is on the map)
 */
gboolean
wf_canvas_a11y_announce_soon (WfCanvas   *self,
                              const char *message)
{
  WfCanvasA11y *a11y = get_a11y (self);

  if (!wf_canvas_a11y_has_keyboard (self))
    return FALSE;

  g_free (a11y->pending);
  a11y->pending = g_strdup (message);
  g_free (a11y->told);
  a11y->told = g_strdup (message);
  /* After the parts' sync, which may give a card the focus back. */
  if (a11y->pending_id == 0)
    a11y->pending_id = g_idle_add_full (G_PRIORITY_LOW + 10, announce_pending, self, NULL);
  return TRUE;
}

/*
 * wf_canvas_a11y_get_told:
 *
 * Returns: (nullable): the last message wf_canvas_a11y_announce() told,
 *   for tests
 */
const char *
wf_canvas_a11y_get_told (WfCanvas *self)
{
  return self->a11y ? self->a11y->told : NULL;
}

/*
 * wf_canvas_a11y_has_keyboard:
 *
 * Returns: whether the keyboard focus is on the map: the canvas or a
 *   card's part
 */
gboolean
wf_canvas_a11y_has_keyboard (WfCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus == GTK_WIDGET (self) ||
         (WF_IS_CANVAS_PART (focus) && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)));
}

/*
 * wf_canvas_a11y_focus_card:
 *
 * The arrow keys reached @card: while the keyboard is on the map, its
 * part takes the focus, and a screen reader says the card.
 */
void
wf_canvas_a11y_focus_card (WfCanvas *self,
                           WfCard   *card)
{
  WfCanvasA11y *a11y = get_a11y (self);
  WfCanvasPart *part;

  if (!wf_canvas_a11y_has_keyboard (self))
    return;

  if (card == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self));
      return;
    }

  part = g_hash_table_lookup (a11y->parts, card);
  if (part == NULL || gtk_widget_get_parent (GTK_WIDGET (part)) == NULL)
    {
      wf_canvas_a11y_sync (self);
      part = g_hash_table_lookup (a11y->parts, card);
    }
  if (part == NULL)
    return;

  take_focus (self, part);
}

/*
 * wf_canvas_a11y_focus_step:
 *
 * The canvas's focus step: one Tab stop, the map itself; Tab leaves it
 * from a card's part as from the map. The title editor's popover keeps
 * GTK's own.
 */
gboolean
wf_canvas_a11y_focus_step (WfCanvas         *self,
                           GtkDirectionType  direction,
                           gboolean         *handled)
{
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self));

  if (child != NULL && !WF_IS_CANVAS_PART (child))
    return FALSE;

  if (wf_canvas_a11y_has_keyboard (self))
    *handled = FALSE;
  else
    *handled = gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

void
wf_canvas_a11y_free (WfCanvas *self)
{
  WfCanvasA11y *a11y = self->a11y;
  GtkWidget *child, *next;

  if (a11y == NULL)
    return;

  g_clear_handle_id (&a11y->sync_id, g_source_remove);
  g_clear_handle_id (&a11y->pending_id, g_source_remove);
  g_clear_pointer (&a11y->pending, g_free);
  g_clear_object (&a11y->said_on);
  g_clear_pointer (&a11y->said, g_free);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      if (WF_IS_CANVAS_PART (child))
        gtk_widget_unparent (child);
    }
  g_hash_table_unref (a11y->parts);
  g_clear_object (&a11y->phases);
  g_clear_object (&a11y->status[0]);
  g_clear_object (&a11y->status[1]);
  g_free (a11y->told);
  g_free (a11y);
  self->a11y = NULL;
}
