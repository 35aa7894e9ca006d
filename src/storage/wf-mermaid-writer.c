/* wf-mermaid-writer.c — writing journey maps as Mermaid user journey diagrams
 *
 * Mermaid's `journey` diagram has a title, sections and tasks; a task has a
 * score from 1 to 5 and a list of actors:
 *
 *     journey
 *         title My working day
 *         section Go to work
 *           Make tea: 5: Me
 *           Do work: 1: Me, Cat
 *
 * A section is a phase, a task is a touchpoint card, the score is the
 * emotion + 3 and an actor is a persona (docs/csv-and-mermaid.md).
 *
 * What Mermaid's grammar (journey.jison) does not allow in a text — `#`
 * begins a comment, `;` is refused, `:` ends a task name or a section name,
 * `,` separates actors, a line ends a statement — is written as a Mermaid
 * entity code, `#35;` for `#`: Mermaid shows it as the character, and
 * wf-mermaid-reader.c reads it back as the character.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wf-mermaid-private.h"

#define SECTION_INDENT "    "
#define TASK_INDENT    "      "

typedef enum {
  ESCAPE_COLON   = 1 << 0,    /* `:` ends a task name or a section name */
  ESCAPE_COMMA   = 1 << 1,    /* `,` separates actors */
  ESCAPE_KEYWORD = 1 << 2,    /* a task name must not begin like a statement */
} EscapeFlags;

/* Writing */

static gboolean
begins_like_statement (const char *name)
{
  static const char * const keywords[] = { "journey", "title", "section", "acctitle", "accdescr" };

  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      if (g_ascii_strncasecmp (name, keywords[i], strlen (keywords[i])) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
needs_entity (gunichar     c,
              char         next,
              EscapeFlags  flags)
{
  switch (c)
    {
    case '#':             /* begins a comment */
    case ';':             /* refused */
    case 0x2028:          /* line and paragraph separators */
    case 0x2029:
    case 0x00B6:          /* ¶ and ﬂ: Mermaid's own entity placeholders */
    case 0xFB02:
    case 0x7F:
      return TRUE;

    case ':':
      return (flags & ESCAPE_COLON) != 0;

    case ',':
      return (flags & ESCAPE_COMMA) != 0;

    case '%':             /* `%%` begins a comment */
      return next == '%';

    case '\t':
      return FALSE;

    default:
      return c < 0x20;    /* line ends and other control characters */
    }
}

/* Appends @text so that Mermaid reads it as one name and shows it as it
 * is, and so that read_text() gives @text back. An empty text is written
 * as a space, which Mermaid can hold.
 */
static void
append_escaped (GString     *out,
                const char  *text,
                EscapeFlags  flags)
{
  gboolean keyword = (flags & ESCAPE_KEYWORD) != 0 && begins_like_statement (text);

  if (*text == '\0')
    {
      g_string_append (out, "#32;");
      return;
    }

  for (const char *p = text; *p != '\0'; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      gboolean first = p == text;
      gsize n;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_unichar (out, 0xFFFD);
          p++;
          continue;
        }

      n = g_utf8_next_char (p) - p;

      if ((first && keyword) ||
          ((first || p[n] == '\0') && wf_mermaid_is_blank (c)) ||
          needs_entity (c, p[n], flags))
        g_string_append_printf (out, "#%u;", c);
      else
        g_string_append_len (out, p, n);

      p += n;
    }
}

static gboolean
has_lane_kind (WfMap      *map,
               WfLaneKind  kind)
{
  for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
    {
      if (wf_lane_get_kind (wf_map_get_lane (map, i)) == kind)
        return TRUE;
    }

  return FALSE;
}

/* A card's own emotion; else, as the map shows it, the mean emotion of
 * its persona's emotions lanes in its phase; else neutral.
 */
static int
score_of (WfMap  *map,
          WfCard *card,
          WfLane *lane)
{
  int emotion = wf_card_get_emotion (card);
  WfPersona *persona = wf_lane_get_persona (lane);
  int sum = 0, n = 0;

  if (emotion != WF_EMOTION_NONE)
    return CLAMP (emotion, WF_EMOTION_MIN, WF_EMOTION_MAX) + NEUTRAL_SCORE;

  for (guint i = 0; persona != NULL && i < wf_map_get_n_lanes (map); i++)
    {
      WfLane *other = wf_map_get_lane (map, i);
      GPtrArray *cell;

      if (wf_lane_get_kind (other) != WF_LANE_EMOTIONS || wf_lane_get_persona (other) != persona)
        continue;

      cell = wf_map_get_cell (map, wf_card_get_phase (card), other);
      for (guint j = 0; cell != NULL && j < cell->len; j++)
        {
          int e = wf_card_get_emotion (cell->pdata[j]);

          if (e != WF_EMOTION_NONE)
            {
              sum += CLAMP (e, WF_EMOTION_MIN, WF_EMOTION_MAX);
              n++;
            }
        }
    }

  if (n == 0)
    return NEUTRAL_SCORE;

  return (int) lround ((double) sum / n) + NEUTRAL_SCORE;
}

static void
write_task (GString *out,
            WfMap   *map,
            WfCard  *card,
            WfLane  *lane)
{
  WfPersona *persona = wf_lane_get_persona (lane);

  g_string_append (out, TASK_INDENT);
  append_escaped (out, wf_card_get_title (card), ESCAPE_COLON | ESCAPE_KEYWORD);
  g_string_append_printf (out, ": %d", score_of (map, card, lane));

  if (persona != NULL && *wf_persona_get_name (persona) != '\0')
    {
      g_string_append (out, ": ");
      append_escaped (out, wf_persona_get_name (persona), ESCAPE_COLON | ESCAPE_COMMA);
    }

  g_string_append_c (out, '\n');
}

/**
 * wf_mermaid_write:
 * @map: a map
 *
 * Writes @map as a Mermaid user journey (`journey`) diagram. Its title is
 * the map's title; a section per phase, in order (phases without tasks too);
 * a task per card of the touchpoints lanes — or of the actions lanes if the
 * map has no touchpoints lane — in lane order, then by position in the cell.
 *
 * A task's score is the card's emotion + 3 (−2 … +2 becomes 1 … 5); a card
 * without an emotion takes the mean emotion of its persona's emotions lanes
 * in its phase, as the map's curve shows it, and without those scores 3. Its actor is the persona of the card's lane;
 * a task of a shared lane (or of a persona without a name) has no actor.
 *
 * Characters that Mermaid cannot hold in a text are written as Mermaid
 * entity codes: `#35;` for `#`, `#59;` for `;`, `#58;` for `:` in task and
 * section names and actors, `#44;` for `,` in actors, and line ends and
 * other control characters, `%` before `%`, white space at the beginning
 * or end of a text, and the first letter of a task name that begins like a
 * statement (`journey`, `title`, `section`, `accTitle`, `accDescr`). An empty
 * name is written as `#32;` (a space). Mermaid shows the characters, and
 * wf_mermaid_read() reads them back.
 *
 * Returns: (transfer full): the diagram, lines ended by LF
 */
char *
wf_mermaid_write (WfMap *map)
{
  g_autoptr(GPtrArray) cards = NULL;
  GString *out;
  WfLaneKind kind;

  g_return_val_if_fail (WF_IS_MAP (map), NULL);

  kind = has_lane_kind (map, WF_LANE_TOUCHPOINTS) ? WF_LANE_TOUCHPOINTS : WF_LANE_ACTIONS;
  out = g_string_new ("journey\n");

  if (*wf_map_get_title (map) != '\0')
    {
      g_string_append (out, SECTION_INDENT "title ");
      append_escaped (out, wf_map_get_title (map), 0);
      g_string_append_c (out, '\n');
    }

  /* The cards come by phase, then lane, then position in the cell. */
  cards = wf_map_list_cards (map);

  for (guint p = 0, i = 0; p < wf_map_get_n_phases (map); p++)
    {
      WfPhase *phase = wf_map_get_phase (map, p);

      g_string_append (out, SECTION_INDENT "section ");
      append_escaped (out, wf_phase_get_name (phase), ESCAPE_COLON);
      g_string_append_c (out, '\n');

      for (; i < cards->len && wf_card_get_phase (g_ptr_array_index (cards, i)) == phase; i++)
        {
          WfCard *card = g_ptr_array_index (cards, i);

          if (wf_lane_get_kind (wf_card_get_lane (card)) == kind)
            write_task (out, map, card, wf_card_get_lane (card));
        }
    }

  return g_string_free (out, FALSE);
}
