/* wf-canvas-selection.c — what is selected on the canvas
 *
 * The selected cards and the focused one, or else a phase, lane or
 * persona by its header, or a link; what a screen reader is told of
 * them; selecting the cards in an area (the rubber band).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "storage/wf-quote.h"
#include "wf-canvas-private.h"

/* How much of a card's title a screen reader is given. */
#define SPOKEN_TITLE_CHARS 200

/* A title as a screen reader says it: the start of it, on one line. */
static char *
spoken (const char *title)
{
  return wf_quote_excerpt_len (title, -1, SPOKEN_TITLE_CHARS);
}

/* A card's first figure as a screen reader says it, in words where the
 * map has arrows and marks: "Conversion 3.4%, down from 3.9%, off
 * target 4%"; %NULL for a card without figures.
 */
static char *
spoken_figure (WfCard *card)
{
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_card_get_metrics (card));
  const WfMetric *metric;
  const WfMeasurement *latest, *previous;
  g_autoptr(GString) words = NULL;
  g_autofree char *name = NULL;

  if (metrics->len == 0)
    return NULL;

  metric = g_ptr_array_index (metrics, 0);
  name = spoken (metric->name);
  words = g_string_new (name);
  latest = wf_metric_get_latest (metric);
  previous = wf_metric_get_previous (metric);
  if (latest != NULL)
    {
      g_autofree char *value = wf_metric_format_value (metric, latest->value);

      g_string_append_printf (words, " %s", value);
    }
  if (previous != NULL && wf_metric_get_trend (metric) != 0)
    {
      g_autofree char *value = wf_metric_format_value (metric, previous->value);

      g_string_append (words, ", ");
      /* Translators: of a figure, against the measurement before it:
       * "Conversion 3.4%, down from 3.9%" */
      g_string_append_printf (words, wf_metric_get_trend (metric) > 0 ? _("up from %s") : _("down from %s"),
                              value);
    }
  if (wf_metric_get_target_state (metric) != WF_TARGET_NONE)
    {
      g_autofree char *value = wf_metric_format_value (metric, metric->target);

      g_string_append (words, ", ");
      /* Translators: of a figure and its target: "Conversion 3.4%, off target 4%" */
      g_string_append_printf (words, wf_metric_get_target_state (metric) == WF_TARGET_MET ? _("on target %s")
                                                                                        : _("off target %s"),
                              value);
    }

  return g_string_free (g_steal_pointer (&words), FALSE);
}

static void
add_words (GString    *words,
           const char *more)
{
  if (more == NULL || *more == '\0')
    return;
  if (words->len > 0)
    g_string_append (words, ", ");
  g_string_append (words, more);
}

/**
 * wf_canvas_describe_picture:
 * @image: (nullable): a card's image or a persona's photo
 * @photo: whether it is a persona's photo
 *
 * A picture as a screen reader says it: by its alt text, "image: the
 * shop counter", "photo: Anna at her kitchen table".
 *
 * Returns: (transfer full) (nullable): the words, or %NULL without a
 *   picture
 */
char *
wf_canvas_describe_picture (WfImage  *image,
                            gboolean  photo)
{
  g_autofree char *alt = NULL;

  if (image == NULL)
    return NULL;

  alt = spoken (wf_image_get_alt (image));
  if (*alt == '\0')
    return g_strdup (photo ? _("photo without a description") : _("image without a description"));
  /* Translators: a persona's photo, as a screen reader says it, by its
   * description: "photo: Anna at her kitchen table" */
  if (photo)
    return g_strdup_printf (_("photo: %s"), alt);
  /* Translators: a card's image, as a screen reader says it, by its
   * description: "image: the shop counter" */
  return g_strdup_printf (_("image: %s"), alt);
}

/* A lane as a person tells it from the others: "Touchpoints (Eva)". */
static char *
spoken_lane (WfLane *lane)
{
  WfPersona *persona = wf_lane_get_persona (lane);
  g_autofree char *title = spoken (wf_lane_get_title (lane));
  g_autofree char *name = NULL;

  if (persona == NULL)
    return g_steal_pointer (&title);

  name = spoken (wf_persona_get_name (persona));
  /* Translators: a lane and its persona: "Touchpoints (Eva)" */
  return g_strdup_printf (_("%s (%s)"), title, name);
}

/* The most links of a card said one by one; more are counted. */
#define SPOKEN_LINKS 4

/* Where @card's links go and come from, in words: "link to Pays the
 * invoice, leads to; link from Reads reviews". */
static char *
describe_links (WfCard *card)
{
  WfMap *map = WF_MAP (wf_item_get_parent (WF_ITEM (card)));
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; map != NULL && i < wf_map_get_n_links (map); i++)
    {
      WfLink *link = wf_map_get_link (map, i);
      gboolean from_here = wf_link_get_from (link) == card;
      g_autofree char *other = NULL;
      g_autofree char *said = NULL;

      if (!from_here && wf_link_get_to (link) != card)
        continue;
      if (n++ >= SPOKEN_LINKS)
        continue;

      other = spoken (wf_card_get_title (from_here ? wf_link_get_to (link) : wf_link_get_from (link)));
      /* Translators: one link of a card, as a screen reader says it */
      said = from_here ? g_strdup_printf (_("link to %s"), other) : g_strdup_printf (_("link from %s"), other);
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, said);
      if (wf_link_get_label (link) != NULL && *wf_link_get_label (link) != '\0')
        {
          g_autofree char *label = spoken (wf_link_get_label (link));

          g_string_append_printf (text, ", %s", label);
        }
    }

  if (n > SPOKEN_LINKS)
    {
      g_string_append (text, "; ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u more link", "%u more links", n - SPOKEN_LINKS),
                              n - SPOKEN_LINKS);
    }

  return n > 0 ? g_strdup (text->str) : NULL;
}

/*
 * wf_canvas_describe_card:
 *
 * What a screen reader is told of a card after its title, all that the
 * canvas shows of it in words: "Touchpoint, Eva, Touchpoints, Purchase,
 * Web Shop, direct, online, Positive (+1), 3 votes, Conversion 3.4%,
 * image: the shop's app, tags: app, link to Pays, notes: …, selected".
 */
char *
wf_canvas_describe_card (WfCanvas *self,
                         WfCard   *card)
{
  static const char *emotions[] = {
    N_("Very negative (−2)"), N_("Negative (−1)"), N_("Neutral (0)"), N_("Positive (+1)"), N_("Very positive (+2)"),
  };
  g_autoptr(GString) words = g_string_new (NULL);
  WfLane *lane = wf_card_get_lane (card);
  WfPersona *persona = wf_lane_get_persona (lane);
  WfChannel channel = wf_card_get_channel (card);
  const char * const *tags = wf_card_get_tags (card);
  int emotion = wf_card_get_emotion (card);
  guint votes = wf_card_get_votes (card);
  g_autofree char *links = describe_links (card);
  g_autofree char *figure = spoken_figure (card);
  g_autofree char *picture = wf_canvas_describe_picture (wf_card_get_image (card), FALSE);

  add_words (words, wf_lane_kind_get_card_label (wf_lane_get_kind (lane)));
  if (persona != NULL)
    {
      g_autofree char *name = spoken (wf_persona_get_name (persona));

      add_words (words, name);
    }
  {
    g_autofree char *title = spoken (wf_lane_get_title (lane));
    g_autofree char *phase = spoken (wf_phase_get_name (wf_card_get_phase (card)));

    add_words (words, title);
    add_words (words, phase);
  }

  if (channel != WF_CHANNEL_NONE)
    {
      add_words (words, wf_channel_get_label (channel));
      if (wf_card_get_contact (card) == WF_CONTACT_DIRECT)
        add_words (words, _("direct"));
      else if (wf_card_get_contact (card) == WF_CONTACT_INDIRECT)
        add_words (words, _("indirect"));
      if (wf_channel_get_presence (channel) == WF_PRESENCE_ONLINE)
        add_words (words, _("online"));
      else if (wf_channel_get_presence (channel) == WF_PRESENCE_OFFLINE)
        add_words (words, _("offline"));
    }

  if (emotion >= WF_EMOTION_MIN && emotion <= WF_EMOTION_MAX)
    add_words (words, _(emotions[emotion - WF_EMOTION_MIN]));

  if (votes > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u vote", "%u votes", votes), votes);

      add_words (words, text);
    }

  add_words (words, figure);
  add_words (words, picture);

  if (tags != NULL && tags[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) tags);
      g_autofree char *said = spoken (list);
      /* Translators: a card's tags, as a screen reader says them: "tags: app, price" */
      g_autofree char *text = g_strdup_printf (_("tags: %s"), said);

      add_words (words, text);
    }

  if (links != NULL)
    add_words (words, links);

  if (*wf_card_get_notes (card) != '\0')
    {
      g_autofree char *notes = spoken (wf_card_get_notes (card));
      /* Translators: the start of a card's notes, as a screen reader says it */
      g_autofree char *text = g_strdup_printf (_("notes: %s"), notes);

      add_words (words, text);
    }

  /* Translators: added to what a screen reader says of a card with
   * a conflict in a team map */
  if (wf_canvas_has_conflict (self, WF_ITEM (card)))
    add_words (words, _("two changes to choose from in the sidebar"));

  if (g_hash_table_contains (self->selection.cards, card))
    add_words (words, _("selected"));

  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* The canvas is one object for a screen reader (GTK 4.8 has no
 * accessible objects that are not widgets): its name says the focused
 * card, "title — what it is and where", and its description the same
 * without the title. */
static void
announce (WfCanvas   *self,
          const char *label,
          const char *description)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

void
wf_canvas_announce_focus (WfCanvas *self)
{
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;

  if (self->selection.focus == NULL)
    {
      announce (self, _("Journey map"), "");
      return;
    }

  title = spoken (wf_card_get_title (self->selection.focus));
  details = wf_canvas_describe_card (self, self->selection.focus);
  /* Translators: what a screen reader says of the focused card: its
   * title, then what it is and where: "Instagram ad — Touchpoint, Eva,
   * Touchpoints, Awareness" */
  label = g_strdup_printf (_("%s — %s"), *title ? title : _("Untitled card"), details);
  /* The name says it all; the same as description would be read twice. */
  announce (self, label, "");
}

/*
 * wf_canvas_announce_dead_end:
 * @dx: -1 or 1 when there was no card to the left or right
 * @dy: -1 or 1 when there was no lane with cards above or below
 *
 * Tells a screen reader why an arrow key went nowhere, and where the
 * focus still is.
 */
void
wf_canvas_announce_dead_end (WfCanvas *self,
                             int       dx,
                             int       dy)
{
  WfCard *card = self->selection.focus;
  g_autofree char *where = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  g_autofree char *details = NULL;

  if (card == NULL)
    {
      announce (self, _("No cards on this map"), "");
      return;
    }

  if (dx != 0)
    {
      g_autofree char *lane = spoken_lane (wf_card_get_lane (card));

      /* Translators: said when the arrow key finds no card: "No more cards to the right in Touchpoints (Eva)" */
      where = g_strdup_printf (dx > 0 ? _("No more cards to the right in %s") : _("No more cards to the left in %s"),
                               lane);
    }
  else
    {
      g_autofree char *phase = spoken (wf_phase_get_name (wf_card_get_phase (card)));

      /* Translators: said when the arrow key finds no card: "No lane with cards below in Awareness" */
      where = g_strdup_printf (dy > 0 ? _("No lane with cards below in %s") : _("No lane with cards above in %s"),
                               phase);
    }

  title = spoken (wf_card_get_title (card));
  label = g_strdup_printf (_("%s — %s"), where, *title ? title : _("Untitled card"));
  /* A focus event, which a screen reader reads out; the map's own name
   * keeps saying the card. */
  if (!wf_canvas_a11y_announce (self, label))
    {
      details = wf_canvas_describe_card (self, card);
      announce (self, label, details);
    }
}

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
  wf_canvas_emit_selection_changed (self);
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
      wf_canvas_emit_selection_changed (self);
      /* Translators: what a screen reader says of a selected link:
       * "Link from Reads reviews to Price per cup is hard to compare" */
      label = g_strdup_printf (_("Link from %s to %s"), from, to);
      announce (self, label, "");
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
  wf_canvas_emit_selection_changed (self);
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
  wf_canvas_announce_focus (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  wf_canvas_emit_selection_changed (self);

  return n;
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

  /* Up and Down keep to the phase they kept to only from the card they
   * reached (wf_canvas_move_focus() sets it again after this). */
  self->selection.goal = NULL;
  self->selection.goal_card = NULL;
  self->selection.focus = card;
  wf_canvas_announce_focus (self);
  wf_canvas_a11y_focus_card (self, card);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  wf_canvas_emit_selection_changed (self);
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
