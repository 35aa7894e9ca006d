/* wf-journey-member.c — one member of one item, to and from JSON
 *
 * The team library sends a change as "this member of this item becomes
 * this value" (docs/team-library.md). A member is one of the item's
 * object in a .journey file (docs/format.md), and its value is written
 * here with the .journey writer's own functions and checked with the
 * reader's, through wf-journey-private.h: a value travels as it is
 * written in a file, on one line, and is refused where a file holding it
 * would be, with the reader's message.
 *
 * Two members of a phase, "metrics" and "persona_metrics", are one
 * property of the model; reading one leaves the other's part alone. A
 * lane's persona and a link's ends are ids here and objects in the
 * model; they are looked up in the item's document.
 *
 * A member the writer leaves out of a file when it holds its usual value
 * (a phase's width, a lane's height, a phase's metrics, a map's
 * dismissed findings and heat view, a persona's photo, a card's image) is
 * null here, and null reads back as
 * that usual value, as an absent member does in a file.
 *
 * A bad picture is an error here, not a warning as in a file: the value
 * is refused whole.
 *
 * Members are set through the model's setters, which notify; not through
 * the undo stack.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-journey-member.h"
#include "wf-journey-private.h"
#include "wf-quote.h"

/* In the order of a .journey file. */

static const char * const document_members[] = {
  "title", "description", NULL
};

static const char * const persona_members[] = {
  "name", "role", "color", "goals", "needs", "frustrations", "notes", "photo", NULL
};

static const char * const map_members[] = {
  "title", "scenario", "dismissed", "heat", NULL
};

static const char * const phase_members[] = {
  "name", "description", "color", "width", "metrics", "persona_metrics", NULL
};

static const char * const lane_members[] = {
  "kind", "title", "persona", "collapsed", "height", NULL
};

static const char * const card_members[] = {
  "title", "notes", "channel", "contact", "emotion", "color", "votes", "metrics", "tags",
  "image", NULL
};

static const char * const link_members[] = {
  "from", "to", "label", NULL
};

static gboolean
is (const char *member,
    const char *name)
{
  return strcmp (member, name) == 0;
}

/* Whether the writer leaves @member out of a file when it holds its
 * usual value.
 */
static gboolean
may_be_left_out (WfItem     *item,
                 const char *member)
{
  if (WF_IS_PHASE (item))
    return is (member, "width") || is (member, "metrics") || is (member, "persona_metrics");

  if (WF_IS_LANE (item))
    return is (member, "height");

  if (WF_IS_MAP (item))
    return is (member, "dismissed") || is (member, "heat");

  if (WF_IS_PERSONA (item))
    return is (member, "photo");

  if (WF_IS_CARD (item))
    return is (member, "image");

  return FALSE;
}

/* Writing */

static void
write_size (WfJourneyWriter *w,
            double           size)
{
  if (size > 0)
    wf_journey_write_double (w, size, FALSE);
  else
    g_string_append (w->out, "null");
}

static void
write_item_id (WfJourneyWriter *w,
               gpointer         item)
{
  wf_journey_write_nullable (w, item ? wf_item_get_id (item) : NULL);
}

static void
write_document_member (WfJourneyWriter *w,
                       WfDocument      *document,
                       const char      *member)
{
  if (is (member, "title"))
    wf_journey_write_string (w, wf_document_get_title (document));
  else if (is (member, "description"))
    wf_journey_write_string (w, wf_document_get_description (document));
  else
    g_assert_not_reached ();
}

static void
write_persona_member (WfJourneyWriter *w,
                      WfPersona       *persona,
                      const char      *member)
{
  if (is (member, "name"))
    wf_journey_write_string (w, wf_persona_get_name (persona));
  else if (is (member, "role"))
    wf_journey_write_string (w, wf_persona_get_role (persona));
  else if (is (member, "color"))
    wf_journey_write_string (w, wf_persona_get_color (persona));
  else if (is (member, "goals"))
    wf_journey_write_string (w, wf_persona_get_goals (persona));
  else if (is (member, "needs"))
    wf_journey_write_string (w, wf_persona_get_needs (persona));
  else if (is (member, "frustrations"))
    wf_journey_write_string (w, wf_persona_get_frustrations (persona));
  else if (is (member, "notes"))
    wf_journey_write_string (w, wf_persona_get_notes (persona));
  else if (is (member, "photo"))
    wf_journey_write_image (w, wf_persona_get_photo (persona));
  else
    g_assert_not_reached ();
}

static void
write_map_member (WfJourneyWriter *w,
                  WfMap           *map,
                  const char      *member)
{
  if (is (member, "title"))
    wf_journey_write_string (w, wf_map_get_title (map));
  else if (is (member, "scenario"))
    wf_journey_write_string (w, wf_map_get_scenario (map));
  else if (is (member, "dismissed"))
    {
      const char * const *dismissed = wf_map_get_dismissed (map);

      if (dismissed != NULL && dismissed[0] != NULL)
        wf_journey_write_strings (w, dismissed);
      else
        g_string_append (w->out, "null");
    }
  else if (is (member, "heat"))
    wf_journey_write_nullable (w, *wf_map_get_heat (map) != '\0' ? wf_map_get_heat (map) : NULL);
  else
    g_assert_not_reached ();
}

static void
write_phase_member (WfJourneyWriter *w,
                    WfPhase         *phase,
                    const char      *member)
{
  if (is (member, "name"))
    wf_journey_write_string (w, wf_phase_get_name (phase));
  else if (is (member, "description"))
    wf_journey_write_string (w, wf_phase_get_description (phase));
  else if (is (member, "color"))
    wf_journey_write_nullable (w, wf_phase_get_color (phase));
  else if (is (member, "width"))
    write_size (w, wf_phase_get_width (phase));
  else if (is (member, "metrics") || is (member, "persona_metrics"))
    {
      g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_phase_get_metrics (phase));
      g_autoptr(GPtrArray) personas = NULL;
      gboolean everyone;

      personas = wf_journey_metrics_personas (metrics, &everyone);

      if (is (member, "metrics") && everyone)
        wf_journey_write_metrics (w, metrics, "");
      else if (is (member, "persona_metrics") && personas->len > 0)
        wf_journey_write_persona_metrics (w, metrics, personas);
      else
        g_string_append (w->out, "null");
    }
  else
    g_assert_not_reached ();
}

static void
write_lane_member (WfJourneyWriter *w,
                   WfLane          *lane,
                   const char      *member)
{
  if (is (member, "kind"))
    wf_journey_write_string (w, wf_lane_kind_to_string (wf_lane_get_kind (lane)));
  else if (is (member, "title"))
    wf_journey_write_string (w, wf_lane_get_title (lane));
  else if (is (member, "persona"))
    write_item_id (w, wf_lane_get_persona (lane));
  else if (is (member, "collapsed"))
    wf_journey_write_boolean (w, wf_lane_get_collapsed (lane));
  else if (is (member, "height"))
    write_size (w, wf_lane_get_height (lane));
  else
    g_assert_not_reached ();
}

static void
write_card_member (WfJourneyWriter *w,
                   WfCard          *card,
                   const char      *member)
{
  if (is (member, "title"))
    wf_journey_write_string (w, wf_card_get_title (card));
  else if (is (member, "notes"))
    wf_journey_write_string (w, wf_card_get_notes (card));
  else if (is (member, "channel"))
    wf_journey_write_nullable (w, wf_channel_to_string (wf_card_get_channel (card)));
  else if (is (member, "contact"))
    wf_journey_write_nullable (w, wf_contact_to_string (wf_card_get_contact (card)));
  else if (is (member, "emotion"))
    wf_journey_write_emotion (w, wf_card_get_emotion (card));
  else if (is (member, "color"))
    wf_journey_write_nullable (w, wf_card_get_color (card));
  else if (is (member, "votes"))
    g_string_append_printf (w->out, "%u", wf_card_get_votes (card));
  else if (is (member, "metrics"))
    {
      g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_card_get_metrics (card));

      wf_journey_write_metrics (w, metrics, "");
    }
  else if (is (member, "tags"))
    wf_journey_write_strings (w, wf_card_get_tags (card));
  else if (is (member, "image"))
    wf_journey_write_image (w, wf_card_get_image (card));
  else
    g_assert_not_reached ();
}

static void
write_link_member (WfJourneyWriter *w,
                   WfLink          *link,
                   const char      *member)
{
  if (is (member, "from"))
    write_item_id (w, wf_link_get_from (link));
  else if (is (member, "to"))
    write_item_id (w, wf_link_get_to (link));
  else if (is (member, "label"))
    wf_journey_write_string (w, wf_link_get_label (link));
  else
    g_assert_not_reached ();
}

/* Reading: each function checks the value with the reader's functions
 * and sets it only if they found no problem.
 */

static gboolean
no_problem (WfJourneyReader *r)
{
  return wf_problems_get_count (r->problems) == 0;
}

typedef void (*SetString) (gpointer    item,
                           const char *value);

static void
read_string (WfJourneyReader   *r,
             gpointer           item,
             const WfJsonValue *object,
             const char        *member,
             SetString          set)
{
  const char *value = wf_journey_get_string (r, object, member, FALSE);

  if (no_problem (r))
    set (item, value);
}

static void
read_document_member (WfJourneyReader   *r,
                      WfDocument        *document,
                      const char        *member,
                      const WfJsonValue *object)
{
  if (is (member, "title"))
    read_string (r, document, object, member, (SetString) wf_document_set_title);
  else if (is (member, "description"))
    read_string (r, document, object, member, (SetString) wf_document_set_description);
  else
    g_assert_not_reached ();
}

static void
read_persona_member (WfJourneyReader   *r,
                     WfPersona         *persona,
                     const char        *member,
                     const WfJsonValue *object)
{
  if (is (member, "name"))
    read_string (r, persona, object, member, (SetString) wf_persona_set_name);
  else if (is (member, "role"))
    read_string (r, persona, object, member, (SetString) wf_persona_set_role);
  else if (is (member, "color"))
    {
      const char *color = wf_journey_get_color (r, object, member);

      if (!no_problem (r))
        return;

      /* As the reader does: no colour is the usual one for its place. */
      if (color == NULL)
        {
          int index = -1;

          if (r->document != NULL)
            index = wf_document_get_persona_index (r->document, persona);
          color = wf_persona_default_color (MAX (index, 0));
        }

      wf_persona_set_color (persona, color);
    }
  else if (is (member, "goals"))
    read_string (r, persona, object, member, (SetString) wf_persona_set_goals);
  else if (is (member, "needs"))
    read_string (r, persona, object, member, (SetString) wf_persona_set_needs);
  else if (is (member, "frustrations"))
    read_string (r, persona, object, member, (SetString) wf_persona_set_frustrations);
  else if (is (member, "notes"))
    read_string (r, persona, object, member, (SetString) wf_persona_set_notes);
  else if (is (member, "photo"))
    {
      g_autoptr(WfImage) photo = wf_journey_read_image (r, object, member);

      if (no_problem (r))
        wf_persona_set_photo (persona, photo);
    }
  else
    g_assert_not_reached ();
}

static void
read_map_member (WfJourneyReader   *r,
                 WfMap             *map,
                 const char        *member,
                 const WfJsonValue *object)
{
  if (is (member, "title"))
    read_string (r, map, object, member, (SetString) wf_map_set_title);
  else if (is (member, "scenario"))
    read_string (r, map, object, member, (SetString) wf_map_set_scenario);
  else if (is (member, "dismissed"))
    {
      g_autoptr(GPtrArray) keys = wf_journey_read_strings (r, object, member);

      if (no_problem (r))
        wf_map_set_dismissed (map, keys ? (const char * const *) keys->pdata : NULL);
    }
  else if (is (member, "heat"))
    read_string (r, map, object, member, (SetString) wf_map_set_heat);
  else
    g_assert_not_reached ();
}

/* The metrics of @phase with one part, for everyone or per persona,
 * replaced by the same part of @part; everyone's first, as read from a
 * file, each part in its own order.
 */
static GVariant *
merge_phase_metrics (WfPhase  *phase,
                     GVariant *part,
                     gboolean  everyone)
{
  g_autoptr(GPtrArray) old = wf_metrics_from_variant (wf_phase_get_metrics (phase));
  g_autoptr(GPtrArray) got = wf_metrics_from_variant (part);
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  GPtrArray *first = everyone ? got : old;
  GPtrArray *then = everyone ? old : got;
  GVariant *variant;

  for (guint i = 0; i < first->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (first, i);

      if (*metric->persona == '\0')
        g_ptr_array_add (merged, wf_metric_copy (metric));
    }

  for (guint i = 0; i < then->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (then, i);

      if (*metric->persona != '\0')
        g_ptr_array_add (merged, wf_metric_copy (metric));
    }

  if ((variant = wf_metrics_to_variant (merged)) == NULL)
    return NULL;

  return g_variant_ref_sink (variant);
}

static void
read_phase_member (WfJourneyReader   *r,
                   WfPhase           *phase,
                   const char        *member,
                   const WfJsonValue *object)
{
  if (is (member, "name"))
    read_string (r, phase, object, member, (SetString) wf_phase_set_name);
  else if (is (member, "description"))
    read_string (r, phase, object, member, (SetString) wf_phase_set_description);
  else if (is (member, "color"))
    {
      const char *color = wf_journey_get_color (r, object, member);

      if (no_problem (r))
        wf_phase_set_color (phase, color);
    }
  else if (is (member, "width"))
    {
      double width = wf_journey_get_size (r, object, member, WF_PHASE_MIN_WIDTH, WF_PHASE_MAX_WIDTH);

      if (no_problem (r))
        wf_phase_set_width (phase, width);
    }
  else if (is (member, "metrics") || is (member, "persona_metrics"))
    {
      g_autoptr(GVariant) part = wf_journey_read_phase_metrics (r, object);
      g_autoptr(GVariant) metrics = NULL;

      if (!no_problem (r))
        return;

      metrics = merge_phase_metrics (phase, part, is (member, "metrics"));
      wf_phase_set_metrics (phase, metrics);
    }
  else
    g_assert_not_reached ();
}

static void
read_lane_member (WfJourneyReader   *r,
                  WfLane            *lane,
                  const char        *member,
                  const WfJsonValue *object)
{
  if (is (member, "kind"))
    {
      WfLaneKind kind;

      if (wf_journey_get_lane_kind (r, object, &kind) && no_problem (r))
        wf_lane_set_kind (lane, kind);
    }
  else if (is (member, "title"))
    read_string (r, lane, object, member, (SetString) wf_lane_set_title);
  else if (is (member, "persona"))
    {
      WfPersona *persona = wf_journey_get_lane_persona (r, object);

      if (no_problem (r))
        wf_lane_set_persona (lane, persona);
    }
  else if (is (member, "collapsed"))
    {
      gboolean collapsed = FALSE;

      wf_journey_get_boolean (r, object, member, &collapsed);
      if (no_problem (r))
        wf_lane_set_collapsed (lane, collapsed);
    }
  else if (is (member, "height"))
    {
      double height = wf_journey_get_size (r, object, member, WF_LANE_MIN_HEIGHT, WF_LANE_MAX_HEIGHT);

      if (no_problem (r))
        wf_lane_set_height (lane, height);
    }
  else
    g_assert_not_reached ();
}

static void
read_card_member (WfJourneyReader   *r,
                  WfCard            *card,
                  const char        *member,
                  const WfJsonValue *object)
{
  if (is (member, "title"))
    read_string (r, card, object, member, (SetString) wf_card_set_title);
  else if (is (member, "notes"))
    read_string (r, card, object, member, (SetString) wf_card_set_notes);
  else if (is (member, "channel"))
    {
      WfChannel channel = WF_CHANNEL_NONE;

      wf_journey_get_channel (r, object, &channel);
      if (no_problem (r))
        wf_card_set_channel (card, channel);
    }
  else if (is (member, "contact"))
    {
      WfContact contact = WF_CONTACT_NONE;

      wf_journey_get_contact (r, object, &contact);
      if (no_problem (r))
        wf_card_set_contact (card, contact);
    }
  else if (is (member, "emotion"))
    {
      gint64 emotion = WF_EMOTION_NONE;

      wf_journey_get_int (r, object, member, WF_EMOTION_MIN, WF_EMOTION_MAX, &emotion);
      if (no_problem (r))
        wf_card_set_emotion (card, emotion);
    }
  else if (is (member, "color"))
    {
      const char *color = wf_journey_get_color (r, object, member);

      if (no_problem (r))
        wf_card_set_color (card, color);
    }
  else if (is (member, "votes"))
    {
      gint64 votes = 0;

      wf_journey_get_int (r, object, member, 0, G_MAXINT32, &votes);
      if (no_problem (r))
        wf_card_set_votes (card, votes);
    }
  else if (is (member, "metrics"))
    {
      g_autoptr(GVariant) metrics = wf_journey_read_metrics (r, object);

      if (no_problem (r))
        wf_card_set_metrics (card, metrics);
    }
  else if (is (member, "tags"))
    {
      g_autoptr(GPtrArray) tags = wf_journey_read_strings (r, object, member);

      if (no_problem (r))
        wf_card_set_tags (card, tags ? (const char * const *) tags->pdata : NULL);
    }
  else if (is (member, "image"))
    {
      g_autoptr(WfImage) image = wf_journey_read_image (r, object, member);

      if (no_problem (r))
        wf_card_set_image (card, image);
    }
  else
    g_assert_not_reached ();
}

static void
read_link_member (WfJourneyReader   *r,
                  WfLink            *link,
                  const char        *member,
                  const WfJsonValue *object,
                  GError           **error)
{
  if (is (member, "from") || is (member, "to"))
    {
      WfItem *parent = wf_item_get_parent (WF_ITEM (link));
      const char *id = wf_journey_get_string (r, object, member, TRUE);
      WfCard *card = NULL;

      if (id != NULL)
        card = wf_journey_lookup_link_end (r, WF_IS_MAP (parent) ? WF_MAP (parent) : NULL, id, member);

      if (!no_problem (r))
        return;

      /* A link's cards are its identity in the model: another pair is
       * another link. */
      if (card != (is (member, "from") ? wf_link_get_from (link) : wf_link_get_to (link)))
        g_set_error_literal (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID,
                             _("The cards of a link cannot change; remove it and add another"));
    }
  else if (is (member, "label"))
    read_string (r, link, object, member, (SetString) wf_link_set_label);
  else
    g_assert_not_reached ();
}

/**
 * wf_journey_member_list:
 * @type: a type of item: %WF_TYPE_DOCUMENT, %WF_TYPE_PERSONA, …
 *
 * Returns: (transfer none) (nullable): the members of @type that one can
 *   write and read alone, in the order of a .journey file; %NULL for a
 *   type that is not an item's
 */
const char * const *
wf_journey_member_list (GType type)
{
  if (type == WF_TYPE_DOCUMENT)
    return document_members;
  if (type == WF_TYPE_PERSONA)
    return persona_members;
  if (type == WF_TYPE_MAP)
    return map_members;
  if (type == WF_TYPE_PHASE)
    return phase_members;
  if (type == WF_TYPE_LANE)
    return lane_members;
  if (type == WF_TYPE_CARD)
    return card_members;
  if (type == WF_TYPE_LINK)
    return link_members;

  return NULL;
}

/**
 * wf_journey_member_is_known:
 *
 * Returns: whether @member is in wf_journey_member_list() of @type
 */
gboolean
wf_journey_member_is_known (GType       type,
                            const char *member)
{
  const char * const *members = wf_journey_member_list (type);

  g_return_val_if_fail (member != NULL, FALSE);

  return members != NULL && g_strv_contains (members, member);
}

/**
 * wf_journey_member_write:
 * @item: a document, persona, map, phase, lane, card or link
 * @member: one of wf_journey_member_list() for its type
 *
 * Writes the value of @member as the .journey writer writes it in a file,
 * on one line: a lane's persona and a link's ends as ids, a member the
 * writer leaves out of a file (a phase's usual width, …) as null.
 *
 * Returns: (transfer full) (nullable): the JSON text, or %NULL if @item
 *   has no such member
 */
char *
wf_journey_member_write (WfItem     *item,
                         const char *member)
{
  WfJourneyWriter w = { .compact = TRUE };

  g_return_val_if_fail (WF_IS_ITEM (item), NULL);
  g_return_val_if_fail (member != NULL, NULL);

  if (!wf_journey_member_is_known (G_OBJECT_TYPE (item), member))
    return NULL;

  w.out = g_string_new (NULL);

  if (WF_IS_DOCUMENT (item))
    write_document_member (&w, WF_DOCUMENT (item), member);
  else if (WF_IS_PERSONA (item))
    write_persona_member (&w, WF_PERSONA (item), member);
  else if (WF_IS_MAP (item))
    write_map_member (&w, WF_MAP (item), member);
  else if (WF_IS_PHASE (item))
    write_phase_member (&w, WF_PHASE (item), member);
  else if (WF_IS_LANE (item))
    write_lane_member (&w, WF_LANE (item), member);
  else if (WF_IS_CARD (item))
    write_card_member (&w, WF_CARD (item), member);
  else if (WF_IS_LINK (item))
    write_link_member (&w, WF_LINK (item), member);

  return g_string_free (w.out, FALSE);
}

/**
 * wf_journey_member_write_item:
 * @item: a document, persona, map, phase, lane, card or link
 *
 * Writes @item's value in the team library: its object as the .journey
 * writer writes it in a file, on one line, without its id and its child
 * arrays (a map's phases, lanes, cards and links; the document's personas
 * and maps), and for the document without format, version, created and
 * modified. Members the writer leaves out of a file stay out; unknown
 * members (extra) are in it. A card has its phase and lane, a link its
 * cards, a lane its persona, as ids.
 *
 * Returns: (transfer full): the JSON text
 */
char *
wf_journey_member_write_item (WfItem *item)
{
  WfJourneyWriter w = { .compact = TRUE };

  g_return_val_if_fail (WF_IS_ITEM (item), NULL);

  w.out = g_string_new (NULL);
  wf_journey_write_item_value (&w, item);

  return g_string_free (w.out, FALSE);
}

/**
 * wf_journey_member_read:
 * @item: a document, persona, map, phase, lane, card or link
 * @member: one of wf_journey_member_list() for its type
 * @json: the member's new value, as wf_journey_member_write() writes it
 * @error: return location for a #WF_JOURNEY_ERROR
 *
 * Sets @member of @item to the value in @json through the model's
 * setters, which notify when it changes, outside the undo stack. A value
 * that the .journey reader would refuse in a file is refused with its
 * message, placed at the item ("$.emotion: …"), and @item stays as it was.
 *
 * Returns: whether @member was set
 */
gboolean
wf_journey_member_read (WfItem      *item,
                        const char  *member,
                        const char  *json,
                        GError     **error)
{
  g_autoptr(WfProblems) problems = wf_problems_new (WF_PROBLEMS_MAX_KEPT);
  g_autoptr(WfJsonDocument) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  WfJsonError json_error;
  WfJsonMember one;
  WfJsonValue object = { .type = WF_JSON_OBJECT };
  WfJourneyReader r = { 0 };
  const WfJsonValue *root;

  g_return_val_if_fail (WF_IS_ITEM (item), FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!wf_journey_member_is_known (G_OBJECT_TYPE (item), member))
    {
      g_autofree char *quoted = wf_quote_excerpt (member);

      g_set_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_FORMAT,
                   _("“%s” is not a member of this item"), quoted);
      return FALSE;
    }

  if (!(parsed = wf_json_parse (json, strlen (json), WF_JOURNEY_MAX_DEPTH, &json_error)))
    {
      g_set_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_SYNTAX, "%s", json_error.message);
      g_free (json_error.message);
      return FALSE;
    }

  /* The value as the only member of the item's object, which the
   * reader's functions take: without it, for null where a file would
   * have nothing. */
  root = wf_json_document_root (parsed);
  one.name = member;
  one.value = *root;
  object.v.members = &one;
  object.len = root->type == WF_JSON_NULL && may_be_left_out (item, member) ? 0 : 1;

  r.document = WF_IS_DOCUMENT (item) ? WF_DOCUMENT (item) : wf_item_get_document (item);
  r.problems = problems;

  if (WF_IS_DOCUMENT (item))
    read_document_member (&r, WF_DOCUMENT (item), member, &object);
  else if (WF_IS_PERSONA (item))
    read_persona_member (&r, WF_PERSONA (item), member, &object);
  else if (WF_IS_MAP (item))
    read_map_member (&r, WF_MAP (item), member, &object);
  else if (WF_IS_PHASE (item))
    read_phase_member (&r, WF_PHASE (item), member, &object);
  else if (WF_IS_LANE (item))
    read_lane_member (&r, WF_LANE (item), member, &object);
  else if (WF_IS_CARD (item))
    read_card_member (&r, WF_CARD (item), member, &object);
  else if (WF_IS_LINK (item))
    read_link_member (&r, WF_LINK (item), member, &object, &local_error);

  if (!no_problem (&r))
    {
      wf_problems_set_error (problems, error, WF_JOURNEY_ERROR);
      return FALSE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
