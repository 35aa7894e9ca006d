/* test-mermaid.c — Mermaid user journeys: writing, reading, round trips
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <string.h>

#include "model/wf-templates.h"
#include "storage/wf-journey.h"
#include "storage/wf-mermaid.h"

/* How Mermaid itself reads a line: its entity encoding (mermaidAPI.js,
 * encodeEntities) and the rules of its journey lexer (journey.jison), tried
 * in order, the first that matches wins, as jison does. Independent of
 * the reader under test, so that the tests show that Mermaid would parse
 * what Wayfinder writes, and show the same text.
 */

typedef enum {
  TOKEN_JOURNEY,
  TOKEN_TITLE,
  TOKEN_ACC,
  TOKEN_SECTION,
  TOKEN_TASK_NAME,
  TOKEN_TASK_DATA,
  TOKEN_COLON,
  TOKEN_INVALID,
} TokenType;

typedef struct
{
  TokenType  type;
  char      *text;
} Token;

static void
token_clear (Token *token)
{
  g_free (token->text);
}

/* JavaScript's \s */
static gboolean
js_space (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  return g_unichar_isspace (c) || c == '\v' || c == 0xFEFF;
}

static gboolean
js_word (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* #\w+; becomes ﬂ°°123¶ß or ﬂ°name¶ß, as in Mermaid. */
static char *
mermaid_encode_entities (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; )
    {
      gsize n = 1;

      if (*p == '#')
        {
          gboolean digits = TRUE;

          while (js_word (p[n]))
            digits = digits && g_ascii_isdigit (p[n++]);

          if (n > 1 && p[n] == ';')
            {
              g_string_append (out, digits ? "ﬂ°°" : "ﬂ°");
              g_string_append_len (out, p + 1, n - 1);
              g_string_append (out, "¶ß");
              p += n + 1;
              continue;
            }
        }

      g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* What a browser shows of a text Mermaid wrote: decodeEntities(), then the
 * numeric character references (the only ones Wayfinder writes).
 */
static char *
mermaid_shown_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; )
    {
      if (g_str_has_prefix (p, "ﬂ°°"))
        {
          gunichar c = 0;

          p += strlen ("ﬂ°°");
          while (g_ascii_isdigit (*p))
            c = c * 10 + (*p++ - '0');
          g_assert_true (g_str_has_prefix (p, "¶ß"));
          p += strlen ("¶ß");
          g_string_append_unichar (out, c);
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

static gsize
span (const char *p,
      const char *stop)
{
  const char *q = p;

  while (*q != '\0' && strchr (stop, *q) == NULL)
    q++;

  return q - p;
}

static GArray *
mermaid_lex (const char *raw)
{
  g_autofree char *line = mermaid_encode_entities (raw);
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = line;

  g_array_set_clear_func (tokens, (GDestroyNotify) token_clear);

  while (*p != '\0')
    {
      Token token = { TOKEN_INVALID, NULL };
      gsize n;

      if (g_str_has_prefix (p, "%%") && p[2] != '{')
        break;
      if (*p != '}' && g_str_has_prefix (g_utf8_next_char (p), "%%"))
        break;
      if (js_space (p))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (*p == '#')
        break;

      if (g_ascii_strncasecmp (p, "journey", 7) == 0 && !js_word (p[7]))
        {
          token.type = TOKEN_JOURNEY;
          n = 7;
        }
      else if (g_ascii_strncasecmp (p, "title", 5) == 0 && p[5] != '\0' && js_space (p + 5) &&
               (n = span (g_utf8_next_char (p + 5), "#;")) > 0)
        {
          token.type = TOKEN_TITLE;
          n += g_utf8_next_char (p + 5) - p;
        }
      else if (g_ascii_strncasecmp (p, "acctitle", 8) == 0 || g_ascii_strncasecmp (p, "accdescr", 8) == 0)
        {
          /* Wayfinder writes neither: enough to see one. */
          token.type = TOKEN_ACC;
          n = strlen (p);
        }
      else if (g_ascii_strncasecmp (p, "section", 7) == 0 && p[7] != '\0' && js_space (p + 7) &&
               (n = span (g_utf8_next_char (p + 7), "#:;")) > 0)
        {
          token.type = TOKEN_SECTION;
          n += g_utf8_next_char (p + 7) - p;
        }
      else if ((n = span (p, "#:;")) > 0)
        token.type = TOKEN_TASK_NAME;
      else if (*p == ':' && (n = span (p + 1, "#;")) > 0)
        {
          token.type = TOKEN_TASK_DATA;
          n++;
        }
      else if (*p == ':')
        {
          token.type = TOKEN_COLON;
          n = 1;
        }
      else
        n = g_utf8_next_char (p) - p;

      token.text = g_strndup (p, n);
      g_array_append_val (tokens, token);
      p += n;
    }

  return tokens;
}

/* What Mermaid makes of a diagram, as a person would see it. */
typedef struct
{
  char      *title;
  GPtrArray *sections;   /* (element-type utf8) */
  GPtrArray *tasks;      /* (element-type utf8) "section|name|score|actor,actor" */
} Seen;

static void
seen_free (Seen *seen)
{
  g_free (seen->title);
  g_ptr_array_unref (seen->sections);
  g_ptr_array_unref (seen->tasks);
  g_free (seen);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Seen, seen_free)

static Seen *
mermaid_parse (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  Seen *seen = g_new0 (Seen, 1);
  const char *section = "";

  seen->sections = g_ptr_array_new_with_free_func (g_free);
  seen->tasks = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GArray) tokens = mermaid_lex (lines[i]);
      Token *t;

      if (tokens->len == 0)
        continue;

      t = &g_array_index (tokens, Token, 0);

      if (i == 0)
        {
          g_assert_cmpuint (tokens->len, ==, 1);
          g_assert_cmpint (t[0].type, ==, TOKEN_JOURNEY);
          continue;
        }

      switch (t[0].type)
        {
        case TOKEN_TITLE:
          g_assert_cmpuint (tokens->len, ==, 1);
          g_free (seen->title);
          seen->title = mermaid_shown_text (t[0].text + 6);
          break;

        case TOKEN_SECTION:
          g_assert_cmpuint (tokens->len, ==, 1);
          g_ptr_array_add (seen->sections, mermaid_shown_text (t[0].text + 8));
          section = g_ptr_array_index (seen->sections, seen->sections->len - 1);
          break;

        case TOKEN_TASK_NAME:
          {
            g_auto(GStrv) pieces = NULL;
            g_autoptr(GString) actors = g_string_new (NULL);
            g_autofree char *name = mermaid_shown_text (t[0].text);
            g_autofree char *score = NULL;

            g_assert_cmpuint (tokens->len, ==, 2);
            g_assert_cmpint (t[1].type, ==, TOKEN_TASK_DATA);

            pieces = g_strsplit (t[1].text + 1, ":", -1);
            score = g_strstrip (g_strdup (pieces[0]));
            if (pieces[1] != NULL)
              {
                g_auto(GStrv) people = g_strsplit (pieces[1], ",", -1);

                for (guint j = 0; people[j] != NULL; j++)
                  {
                    g_autofree char *person = mermaid_shown_text (g_strstrip (people[j]));

                    g_string_append_printf (actors, "%s%s", j > 0 ? "," : "", person);
                  }
              }

            g_ptr_array_add (seen->tasks, g_strdup_printf ("%s|%s|%s|%s", section, name, score, actors->str));
          }
          break;

        case TOKEN_JOURNEY:
        case TOKEN_ACC:
        case TOKEN_TASK_DATA:
        case TOKEN_COLON:
        case TOKEN_INVALID:
        default:
          g_error ("Mermaid would not parse line %u: %s", i + 1, lines[i]);
        }
    }

  return seen;
}

/* Helpers */

static char *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static WfDocument *
read_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  WfDocument *document = wf_mermaid_read (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (wf_document_get_n_maps (document), ==, 1);

  return document;
}

/* The document is one a .journey file can hold: it saves and loads. */
static void
assert_saves (WfDocument *document)
{
  g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) again = wf_journey_load_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (again);
}

/* write → read → write gives the same text, Mermaid parses it, and what
 * Mermaid shows is what the map holds. Returns the text.
 */
static char *
assert_round_trip (WfMap *map)
{
  char *first = wf_mermaid_write (map);
  g_autoptr(WfDocument) document = read_ok (first);
  g_autofree char *second = wf_mermaid_write (wf_document_get_map (document, 0));
  g_autoptr(Seen) seen = mermaid_parse (first);
  WfMap *read = wf_document_get_map (document, 0);

  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (wf_map_get_title (read), ==, wf_map_get_title (map));
  g_assert_cmpstr (seen->title != NULL ? seen->title : "", ==, wf_map_get_title (map));
  g_assert_cmpuint (seen->sections->len, ==, wf_map_get_n_phases (map));
  g_assert_cmpuint (wf_map_get_n_phases (read), ==, wf_map_get_n_phases (map));

  for (guint i = 0; i < wf_map_get_n_phases (map); i++)
    {
      const char *name = wf_phase_get_name (wf_map_get_phase (map, i));

      g_assert_cmpstr (wf_phase_get_name (wf_map_get_phase (read, i)), ==, *name ? name : " ");
      g_assert_cmpstr (g_ptr_array_index (seen->sections, i), ==, *name ? name : " ");
    }

  assert_saves (document);

  return first;
}

/* The tasks of @map as Wayfinder means them: "phase|title|score|persona". */
/* A card without an emotion scores as its persona's curve in the phase:
 * the mean of the emotions lanes' cards there, or 3.
 */
static int
curve_score (WfMap     *map,
             WfPhase   *phase,
             WfPersona *persona)
{
  double sum = 0;
  guint n = 0;

  for (guint l = 0; persona != NULL && l < wf_map_get_n_lanes (map); l++)
    {
      WfLane *lane = wf_map_get_lane (map, l);

      if (wf_lane_get_kind (lane) != WF_LANE_EMOTIONS || wf_lane_get_persona (lane) != persona)
        continue;
      for (guint i = 0; i < wf_map_get_n_cell_cards (map, phase, lane); i++)
        {
          int emotion = wf_card_get_emotion (g_ptr_array_index (wf_map_get_cell (map, phase, lane), i));

          if (emotion != WF_EMOTION_NONE)
            {
              sum += emotion;
              n++;
            }
        }
    }

  return n > 0 ? (int) lround (sum / n) + 3 : 3;
}

static GPtrArray *
expected_tasks (WfMap *map)
{
  GPtrArray *tasks = g_ptr_array_new_with_free_func (g_free);
  gboolean touchpoints = FALSE;

  for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
    touchpoints = touchpoints || wf_lane_get_kind (wf_map_get_lane (map, l)) == WF_LANE_TOUCHPOINTS;

  for (guint p = 0; p < wf_map_get_n_phases (map); p++)
    for (guint l = 0; l < wf_map_get_n_lanes (map); l++)
      {
        WfPhase *phase = wf_map_get_phase (map, p);
        WfLane *lane = wf_map_get_lane (map, l);
        WfPersona *persona = wf_lane_get_persona (lane);

        if (wf_lane_get_kind (lane) != (touchpoints ? WF_LANE_TOUCHPOINTS : WF_LANE_ACTIONS))
          continue;

        for (guint i = 0; i < wf_map_get_n_cell_cards (map, phase, lane); i++)
          {
            WfCard *card = g_ptr_array_index (wf_map_get_cell (map, phase, lane), i);
            int emotion = wf_card_get_emotion (card);
            const char *title = wf_card_get_title (card);

            g_ptr_array_add (tasks, g_strdup_printf ("%s|%s|%d|%s",
                                                     *wf_phase_get_name (phase) ? wf_phase_get_name (phase) : " ",
                                                     *title ? title : " ",
                                                     emotion == WF_EMOTION_NONE ? curve_score (map, phase, persona)
                                                                                : emotion + 3,
                                                     persona ? wf_persona_get_name (persona) : ""));
          }
      }

  return tasks;
}

static void
assert_mermaid_shows (WfMap      *map,
                      const char *text)
{
  g_autoptr(Seen) seen = mermaid_parse (text);
  g_autoptr(GPtrArray) tasks = expected_tasks (map);

  g_assert_cmpuint (seen->tasks->len, ==, tasks->len);
  for (guint i = 0; i < tasks->len; i++)
    g_assert_cmpstr (g_ptr_array_index (seen->tasks, i), ==, g_ptr_array_index (tasks, i));
}

static WfCard *
add_card (WfDocument *document,
          WfMap      *map,
          WfPhase    *phase,
          WfLane     *lane,
          const char *title,
          int         emotion)
{
  g_autofree char *id = wf_document_make_id (document, "card");
  g_autoptr(WfCard) card = wf_card_new (id, title);

  wf_card_set_emotion (card, emotion);
  wf_map_insert_card (map, card, phase, lane, -1);
  return card;
}

static WfLane *
add_lane (WfDocument *document,
          WfMap      *map,
          WfLaneKind  kind,
          WfPersona  *persona)
{
  g_autofree char *id = wf_document_make_id (document, "lane");
  g_autoptr(WfLane) lane = wf_lane_new (id, kind);

  wf_lane_set_persona (lane, persona);
  wf_map_insert_lane (map, lane, -1);
  return lane;
}

static void
assert_error (const char *text,
              gssize      length,
              int         code,
              const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = wf_mermaid_read (text, length, &error);

  if (document != NULL)
    g_error ("“%s” was read without an error", text);
  g_assert_error (error, WF_MERMAID_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not begin with “%s”", error->message, prefix);
}

/* Tests */

/* The text of a small map, exactly: sections, scores, actors, a shared
 * lane, a phase without tasks, and what must be escaped.
 */
static void
test_write (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfPersona) sam = wf_persona_new ("sam", "Sam");
  g_autoptr(WfPersona) team = wf_persona_new ("team", "Sales, North: B2B");
  g_autoptr(WfMap) map = wf_map_new ("m", "Web shop: #1; 100%% sure");
  g_autoptr(WfPhase) p0 = wf_phase_new ("p0", "Awareness");
  g_autoptr(WfPhase) p1 = wf_phase_new ("p1", "Purchase: online");
  g_autoptr(WfPhase) p2 = wf_phase_new ("p2", "Aftercare");
  g_autofree char *text = NULL;
  WfLane *touch, *emotions, *shared, *other;

  wf_document_insert_persona (document, sam, -1);
  wf_document_insert_persona (document, team, -1);
  wf_document_insert_map (document, map, -1);
  wf_map_insert_phase (map, p0, -1);
  wf_map_insert_phase (map, p1, -1);
  wf_map_insert_phase (map, p2, -1);
  touch = add_lane (document, map, WF_LANE_TOUCHPOINTS, sam);
  emotions = add_lane (document, map, WF_LANE_EMOTIONS, sam);
  other = add_lane (document, map, WF_LANE_TOUCHPOINTS, team);
  shared = add_lane (document, map, WF_LANE_TOUCHPOINTS, NULL);
  add_lane (document, map, WF_LANE_ACTIONS, sam);

  add_card (document, map, p0, touch, "Sees an ad", 1);
  add_card (document, map, p0, touch, "Reads reviews", WF_EMOTION_NONE);
  add_card (document, map, p0, emotions, "Curious", 1);
  add_card (document, map, p0, shared, "Billboard", -2);
  add_card (document, map, p1, shared, "Checkout; step 2", -1);
  add_card (document, map, p1, touch, "Pays: by card", 2);
  add_card (document, map, p1, other, "Title page", 0);
  add_card (document, map, p1, touch, "Two\nlines", -2);

  text = wf_mermaid_write (map);
  g_assert_cmpstr (text, ==,
                   "journey\n"
                   "    title Web shop: #35;1#59; 100#37;% sure\n"
                   "    section Awareness\n"
                   "      Sees an ad: 4: Sam\n"
                   "      Reads reviews: 4: Sam\n"  /* no emotion: Sam's curve there, +1 */
                   "      Billboard: 1\n"
                   "    section Purchase#58; online\n"
                   "      Pays#58; by card: 5: Sam\n"
                   "      Two#10;lines: 1: Sam\n"
                   "      #84;itle page: 3: Sales#44; North#58; B2B\n"
                   "      Checkout#59; step 2: 2\n"
                   "    section Aftercare\n");

  assert_mermaid_shows (map, text);
  g_free (assert_round_trip (map));
}

/* Without touchpoints lanes, the actions lanes are the tasks. */
static void
test_write_actions (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("service-blueprint", "en");
  g_autoptr(WfDocument) actions = wf_document_new ();
  g_autoptr(WfPersona) customer = wf_persona_new ("c", "Customer");
  g_autoptr(WfMap) map = wf_map_new ("m", "Actions");
  g_autoptr(WfPhase) phase = wf_phase_new ("p", "Request");
  g_autofree char *blueprint = wf_mermaid_write (wf_document_get_map (document, 0));
  g_autofree char *text = NULL;
  WfLane *lane;

  /* The blueprint has a shared touchpoints lane (Frontstage): its cards,
   * without actors, not the customer's actions.
   */
  g_assert_nonnull (strstr (blueprint, "      Website: 3\n"));
  g_assert_null (strstr (blueprint, "Searches for a provider"));

  wf_document_insert_persona (actions, customer, -1);
  wf_document_insert_map (actions, map, -1);
  wf_map_insert_phase (map, phase, -1);
  lane = add_lane (actions, map, WF_LANE_ACTIONS, customer);
  add_lane (actions, map, WF_LANE_PAIN_POINTS, customer);
  add_card (actions, map, phase, lane, "Fills in the form", -1);
  add_card (actions, map, phase, wf_map_get_lane (map, 1), "Too many fields", WF_EMOTION_NONE);

  text = wf_mermaid_write (map);
  g_assert_cmpstr (text, ==,
                   "journey\n"
                   "    title Actions\n"
                   "    section Request\n"
                   "      Fills in the form: 2: Customer\n");
}

static void
test_round_trip_templates (void)
{
  const char * const *ids = wf_templates_get_ids ();
  const char *langs[] = { "en", "nl" };

  for (guint i = 0; ids[i] != NULL; i++)
    for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
      {
        g_autoptr(WfDocument) document = wf_templates_create (ids[i], langs[l]);
        WfMap *map = wf_document_get_map (document, 0);
        g_autofree char *text = assert_round_trip (map);
        g_autoptr(GPtrArray) tasks = expected_tasks (map);

        g_assert_cmpuint (tasks->len, >, 0);
        assert_mermaid_shows (map, text);
      }
}

/* Titles, phase names and persona names with everything Mermaid cannot
 * hold come back as they were, and Mermaid shows them as they are.
 */
static void
test_round_trip_escapes (void)
{
  static const char *texts[] = {
    "Make tea: 5: Me",
    "#35; is not a hash",
    "a;b;c",
    "100% sure, 100%% sure, %%%",
    "%% not a comment",
    "x%%y",
    "two\nlines\r\nand\rreturns",
    "  spaces around  ",
    "\ttab\t",
    "\u00a0no-break space\u3000",
    "journey",
    "Journey planning",
    "title page",
    "Section 2",
    "accTitle: x",
    "accDescr { y }",
    "}%% brace",
    "Çà et là, Путь, رحلة, 顾客旅程, 🙂👩🏽‍💻",
    "\"quoted\" and 'single'",
    "<b>bold</b> & more",
    "¶ß and ﬂ°°35¶ß",
    "line\u2028separator",
    "\x01\x1f\x7f controls",
    "",
    " ",
    "#",
    ":",
    ",",
  };
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Title: with # and ; and %% and \n a line");
  g_autoptr(GPtrArray) personas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  g_autoptr(WfDocument) read = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) back = NULL;

  wf_document_insert_map (document, map, -1);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *phase_id = g_strdup_printf ("p%u", i);
      g_autofree char *persona_id = g_strdup_printf ("a%u", i);
      g_autoptr(WfPhase) phase = wf_phase_new (phase_id, texts[i]);
      WfPersona *persona = wf_persona_new (persona_id, texts[i]);
      WfLane *lane;

      /* Names are unique: the reader makes one persona of one name. */
      if (*texts[i] == '\0')
        wf_persona_set_name (persona, "(empty)");
      wf_document_insert_persona (document, persona, -1);
      g_ptr_array_add (personas, persona);
      wf_map_insert_phase (map, phase, -1);
      lane = add_lane (document, map, WF_LANE_TOUCHPOINTS, persona);

      for (guint j = 0; j < G_N_ELEMENTS (texts); j++)
        if ((i + j) % 5 == 0 && *texts[j] != '\0' && !g_ascii_isspace (texts[j][0]))
          add_card (document, map, phase, lane, texts[j], (int) ((i + j) % 5) - 2);
    }

  text = assert_round_trip (map);
  assert_mermaid_shows (map, text);

  /* Every title and persona name comes back as it was. */
  read = read_ok (text);
  written = expected_tasks (map);
  back = expected_tasks (wf_document_get_map (read, 0));
  g_assert_cmpuint (written->len, ==, back->len);
  g_assert_cmpuint (written->len, >, 30);
  for (guint i = 0; i < written->len; i++)
    g_assert_cmpstr (g_ptr_array_index (written, i), ==, g_ptr_array_index (back, i));
}

static void
assert_card (WfMap      *map,
             guint       phase,
             guint       lane,
             guint       index,
             const char *title,
             int         emotion)
{
  WfPhase *p = wf_map_get_phase (map, phase);
  WfLane *l = wf_map_get_lane (map, lane);
  WfCard *card;

  g_assert_cmpuint (index, <, wf_map_get_n_cell_cards (map, p, l));
  card = g_ptr_array_index (wf_map_get_cell (map, p, l), index);
  g_assert_cmpstr (wf_card_get_title (card), ==, title);
  g_assert_cmpint (wf_card_get_emotion (card), ==, emotion);
}

static void
assert_lane (WfMap      *map,
             guint       index,
             WfLaneKind  kind,
             const char *persona)
{
  WfLane *lane = wf_map_get_lane (map, index);

  g_assert_cmpint (wf_lane_get_kind (lane), ==, kind);
  if (persona == NULL)
    g_assert_null (wf_lane_get_persona (lane));
  else
    g_assert_cmpstr (wf_persona_get_name (wf_lane_get_persona (lane)), ==, persona);
}

/* A hand-written diagram: what it reads into, and what it writes back. */
static void
test_hand_written (void)
{
  g_autofree char *text = read_data ("hand-written.mmd");
  g_autoptr(WfDocument) document = read_ok (text);
  WfMap *map = wf_document_get_map (document, 0);
  g_autofree char *written = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpstr (wf_document_get_title (document), ==, "Buying a bike: online or in the shop?");
  g_assert_cmpstr (wf_map_get_title (map), ==, "Buying a bike: online or in the shop?");

  g_assert_cmpuint (wf_map_get_n_phases (map), ==, 3);
  g_assert_cmpstr (wf_phase_get_name (wf_map_get_phase (map, 0)), ==, "Orientation");
  g_assert_cmpstr (wf_phase_get_name (wf_map_get_phase (map, 1)), ==, "Purchase");
  g_assert_cmpstr (wf_phase_get_name (wf_map_get_phase (map, 2)), ==, "Aftercare");

  /* Personas in the order they first own a task; Dana never does. */
  g_assert_cmpuint (wf_document_get_n_personas (document), ==, 4);
  g_assert_cmpstr (wf_persona_get_name (wf_document_get_persona (document, 0)), ==, "Anna");
  g_assert_cmpstr (wf_persona_get_name (wf_document_get_persona (document, 1)), ==, "Bo");
  g_assert_cmpstr (wf_persona_get_name (wf_document_get_persona (document, 2)), ==, "Chris");
  g_assert_cmpstr (wf_persona_get_name (wf_document_get_persona (document, 3)), ==, "Dana");

  g_assert_cmpuint (wf_map_get_n_lanes (map), ==, 9);
  assert_lane (map, 0, WF_LANE_TOUCHPOINTS, "Anna");
  assert_lane (map, 1, WF_LANE_EMOTIONS, "Anna");
  assert_lane (map, 2, WF_LANE_TOUCHPOINTS, NULL);
  assert_lane (map, 3, WF_LANE_TOUCHPOINTS, "Bo");
  assert_lane (map, 4, WF_LANE_EMOTIONS, "Bo");
  assert_lane (map, 5, WF_LANE_TOUCHPOINTS, "Chris");
  assert_lane (map, 6, WF_LANE_EMOTIONS, "Chris");
  assert_lane (map, 7, WF_LANE_TOUCHPOINTS, "Dana");
  assert_lane (map, 8, WF_LANE_EMOTIONS, "Dana");

  /* Touchpoints with emotion = score − 3, and the same in the emotions lane. */
  assert_card (map, 0, 0, 0, "Reads reviews", 1);
  assert_card (map, 0, 0, 1, "Asks a friend", 2);
  assert_card (map, 0, 1, 0, "Reads reviews", 1);
  assert_card (map, 0, 1, 1, "Asks a friend", 2);
  assert_card (map, 0, 2, 0, "Sees an ad #1 in the city", 0);
  assert_card (map, 1, 3, 0, "Compares prices", -1);
  assert_card (map, 1, 4, 0, "Compares prices", -1);
  assert_card (map, 1, 0, 0, "Orders \"the red one\"", 1);
  assert_card (map, 1, 0, 1, "Pays: card declined", -2);
  assert_card (map, 1, 5, 0, "Waits for delivery", 0);
  assert_card (map, 2, 0, 0, "First ride", 2);
  assert_card (map, 2, 3, 0, "Flat tyre ♥", -2);
  g_assert_cmpuint (wf_map_get_n_cards (map), ==, 2 * 9 - 1);
  g_assert_cmpuint (wf_map_get_n_cell_cards (map, wf_map_get_phase (map, 0), wf_map_get_lane (map, 2)), ==, 1);

  written = wf_mermaid_write (map);
  g_assert_cmpstr (written, ==,
                   "journey\n"
                   "    title Buying a bike: online or in the shop?\n"
                   "    section Orientation\n"
                   "      Reads reviews: 4: Anna\n"
                   "      Asks a friend: 5: Anna\n"
                   "      Sees an ad #35;1 in the city: 3\n"
                   "    section Purchase\n"
                   "      Orders \"the red one\": 4: Anna\n"
                   "      Pays#58; card declined: 1: Anna\n"
                   "      Compares prices: 2: Bo\n"
                   "      Waits for delivery: 3: Chris\n"
                   "    section Aftercare\n"
                   "      First ride: 5: Anna\n"
                   "      Flat tyre ♥: 1: Bo\n");

  {
    g_autoptr(WfDocument) second = read_ok (written);

    again = wf_mermaid_write (wf_document_get_map (second, 0));
    g_assert_cmpstr (again, ==, written);
  }

  assert_saves (document);
  g_free (assert_round_trip (map));
}

/* The example of Mermaid's documentation (docs/syntax/userJourney.md). */
static void
test_mermaid_example (void)
{
  const char *example =
    "journey\n"
    "    title My working day\n"
    "    section Go to work\n"
    "      Make tea: 5: Me\n"
    "      Go upstairs: 3: Me\n"
    "      Do work: 1: Me, Cat\n"
    "    section Go home\n"
    "      Go downstairs: 5: Me\n"
    "      Sit down: 5: Me\n";
  g_autoptr(WfDocument) document = read_ok (example);
  WfMap *map = wf_document_get_map (document, 0);
  g_autofree char *written = wf_mermaid_write (map);

  g_assert_cmpstr (wf_map_get_title (map), ==, "My working day");
  g_assert_cmpuint (wf_map_get_n_phases (map), ==, 2);
  g_assert_cmpstr (wf_phase_get_name (wf_map_get_phase (map, 1)), ==, "Go home");
  g_assert_cmpuint (wf_document_get_n_personas (document), ==, 2);
  g_assert_cmpstr (wf_persona_get_name (wf_document_get_persona (document, 0)), ==, "Me");
  g_assert_cmpstr (wf_persona_get_name (wf_document_get_persona (document, 1)), ==, "Cat");
  assert_lane (map, 0, WF_LANE_TOUCHPOINTS, "Me");
  assert_lane (map, 1, WF_LANE_EMOTIONS, "Me");
  assert_lane (map, 2, WF_LANE_TOUCHPOINTS, "Cat");
  assert_lane (map, 3, WF_LANE_EMOTIONS, "Cat");
  assert_card (map, 0, 0, 0, "Make tea", 2);
  assert_card (map, 0, 0, 2, "Do work", -2);
  assert_card (map, 0, 1, 2, "Do work", -2);
  assert_card (map, 1, 1, 1, "Sit down", 2);
  g_assert_cmpuint (wf_map_get_n_cards (map), ==, 10);

  /* The same text, but for the second actor, which Wayfinder keeps only as a persona. */
  g_assert_cmpstr (written, ==,
                   "journey\n"
                   "    title My working day\n"
                   "    section Go to work\n"
                   "      Make tea: 5: Me\n"
                   "      Go upstairs: 3: Me\n"
                   "      Do work: 1: Me\n"
                   "    section Go home\n"
                   "      Go downstairs: 5: Me\n"
                   "      Sit down: 5: Me\n");
}

/* What the reader reads over, and what it reads from odd corners. */
static void
test_read_corners (void)
{
  const char *text =
    "\xef\xbb\xbf---\r\n"
    "title: \"From the front matter\"\r\n"
    "config:\r\n"
    "  theme: forest\r\n"
    "---\r\n"
    "%%{init: {'theme': 'dark'}}%%\r\n"
    "\r\n"
    "JOURNEY   # a comment after the keyword\r\n"
    "  accTitle: Not kept; really # not\r\n"
    "  accDescr: Not kept either\r"
    "  accDescr {\n"
    "    Several lines: 5: Me\n"
    "    of description }\n"
    "  Early task: 2\n"
    "  Early with actor: 4: Zoe,  , Zoe ,Yan, Zoe\n"
    "  SECTION First #quot;one#quot; #amp; #lt;more#gt; #unknown; #0; #1114112;\n"
    "    Task:5:  Zoe   \n"
    "    Third colon: 3: Zoe: ignored, like Mermaid\n"
    "  section Empty\n"
    "\n";
  g_autoptr(WfDocument) document = read_ok (text);
  WfMap *map = wf_document_get_map (document, 0);

  g_assert_cmpstr (wf_map_get_title (map), ==, "From the front matter");
  g_assert_cmpuint (wf_map_get_n_phases (map), ==, 3);
  g_assert_cmpstr (wf_phase_get_name (wf_map_get_phase (map, 0)), ==, "New Phase");
  g_assert_cmpstr (wf_phase_get_name (wf_map_get_phase (map, 1)), ==,
                   "First \"one\" & <more> #unknown; \xef\xbf\xbd \xef\xbf\xbd");
  g_assert_cmpstr (wf_phase_get_name (wf_map_get_phase (map, 2)), ==, "Empty");

  /* Shared lane first (the first task has no actor), then Zoe, then Yan. */
  g_assert_cmpuint (wf_document_get_n_personas (document), ==, 2);
  g_assert_cmpuint (wf_map_get_n_lanes (map), ==, 5);
  assert_lane (map, 0, WF_LANE_TOUCHPOINTS, NULL);
  assert_lane (map, 1, WF_LANE_TOUCHPOINTS, "Zoe");
  assert_lane (map, 2, WF_LANE_EMOTIONS, "Zoe");
  assert_lane (map, 3, WF_LANE_TOUCHPOINTS, "Yan");
  assert_lane (map, 4, WF_LANE_EMOTIONS, "Yan");
  assert_card (map, 0, 0, 0, "Early task", -1);
  assert_card (map, 0, 1, 0, "Early with actor", 1);
  assert_card (map, 1, 1, 0, "Task", 2);
  assert_card (map, 1, 1, 1, "Third colon", 0);
  g_assert_cmpuint (wf_map_get_n_cards (map), ==, 7);
  assert_saves (document);
  g_free (assert_round_trip (map));
}

/* Lanes keep the order that sections show, and otherwise the order in
 * which their actors first own a task.
 */
static void
test_read_lane_order (void)
{
  g_autoptr(WfDocument) shown = read_ok ("journey\n"
                                         "  section A\n"
                                         "    Feed: 2: Cat\n"
                                         "  section B\n"
                                         "    Make tea: 5: Me\n"
                                         "    Feed again: 2: Cat\n");
  g_autoptr(WfDocument) cycle = read_ok ("journey\n"
                                         "  section A\n"
                                         "    Feed: 2: Cat\n"
                                         "    Make tea: 5: Me\n"
                                         "  section B\n"
                                         "    Sleep: 4: Me\n"
                                         "    Purr: 5: Cat\n"
                                         "    Nap: 3\n");
  WfMap *map = wf_document_get_map (shown, 0);

  g_assert_cmpstr (wf_persona_get_name (wf_document_get_persona (shown, 0)), ==, "Me");
  g_assert_cmpstr (wf_persona_get_name (wf_document_get_persona (shown, 1)), ==, "Cat");
  assert_lane (map, 0, WF_LANE_TOUCHPOINTS, "Me");
  assert_lane (map, 1, WF_LANE_EMOTIONS, "Me");
  assert_lane (map, 2, WF_LANE_TOUCHPOINTS, "Cat");
  assert_lane (map, 3, WF_LANE_EMOTIONS, "Cat");
  g_free (assert_round_trip (map));

  /* Sections that disagree: Cat owned a task first. */
  map = wf_document_get_map (cycle, 0);
  assert_lane (map, 0, WF_LANE_TOUCHPOINTS, "Cat");
  assert_lane (map, 2, WF_LANE_TOUCHPOINTS, "Me");
  assert_lane (map, 4, WF_LANE_TOUCHPOINTS, NULL);
  g_free (assert_round_trip (map));
}

static void
test_bad (void)
{
  static const struct { const char *text; int code; const char *prefix; } cases[] = {
    { "", WF_MERMAID_ERROR_NOT_JOURNEY, "Line 1: " },
    { "\n\n%% only a comment\n", WF_MERMAID_ERROR_NOT_JOURNEY, "Line 3: the text ends before" },
    { "graph TD\n  A --> B\n", WF_MERMAID_ERROR_NOT_JOURNEY,
      "Line 1: a Mermaid user journey begins with “journey”, not “graph TD”" },
    { "%% comment\n\n  title Too early\njourney\n", WF_MERMAID_ERROR_NOT_JOURNEY, "Line 3: " },
    { "journeys\n", WF_MERMAID_ERROR_NOT_JOURNEY, "Line 1: " },
    { "---\ntitle: x\njourney\n", WF_MERMAID_ERROR_NOT_JOURNEY,
      "Line 1: the front matter that begins here does not end with “---”" },
    { "journey\n  section A\n    Make tea: 0: Me\n", WF_MERMAID_ERROR_SYNTAX,
      "Line 3: “Make tea: 0: Me” has a score that is not a number from 1 to 5" },
    { "journey\n  Make tea: 6\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: “Make tea: 6” has a score" },
    { "journey\n  Make tea: x: Me\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: “Make tea: x: Me” has a score" },
    { "journey\n  Make tea: 3.5\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: " },
    { "journey\n  Make tea: \n", WF_MERMAID_ERROR_SYNTAX, "Line 2: " },
    { "journey\n  Make tea: 35\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: " },
    { "journey\n  Make tea: -1\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: " },
    { "journey\n\n\n\n\n  section A\n  Make tea: high: Me\n", WF_MERMAID_ERROR_SYNTAX,
      "Line 7: “Make tea: high: Me” has a score that is not a number from 1 to 5" },
    { "journey\n  : 3: Me\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: “: 3: Me” has no task name" },
    { "journey\n \t \u3000: 3\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: “: 3” has no task name" },
    { "journey\n  Make tea\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: “Make tea” is not a task" },
    { "journey\n  section\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: “section” without a name" },
    { "journey\n  section A: B\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: “section A: B” has a “:”" },
    { "journey\n  title\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: “title” without a title" },
    { "journey\n  title A; B\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: “title A; B” has a “;”" },
    { "journey\n  Tea: 3; Coffee: 4\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: " },
    { "journey\njourney\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: “journey”: “journey” may only be written once" },
    { "journey\n  Journey planning: 3\n", WF_MERMAID_ERROR_SYNTAX, "Line 2: " },
    { "journey\r\n  a: 1\r\n  b\r\n  c: 9\r\n  d: 2\r\n", WF_MERMAID_ERROR_SYNTAX,
      "Line 3: “b” is not a task: write “Task name: score” or “Task name: score: actors” (and 1 more problem)" },
    { "journey\r  a: 1\r  b: 0\r", WF_MERMAID_ERROR_SYNTAX, "Line 3: " },
    { "journey\n  title \xff\n", WF_MERMAID_ERROR_ENCODING, "Line 2: the text is not valid UTF-8" },
    { "journey\r\n\r\n  a: \xc3\x28: b\n", WF_MERMAID_ERROR_ENCODING, "Line 3: the text is not valid UTF-8" },
    { "journey\n  title \xed\xa0\x80\n", WF_MERMAID_ERROR_ENCODING, "Line 2: " },
    { "\xfe\xff\x00j\x00o", WF_MERMAID_ERROR_ENCODING, "Line 1: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_error (cases[i].text, -1, cases[i].code, cases[i].prefix);

  /* A zero byte inside the given length. */
  assert_error ("journey\n  a: 1\0: b\n", 18, WF_MERMAID_ERROR_ENCODING, "Line 2: the text holds a zero byte");
  assert_error ("journey\n  a: 1\n", 13, WF_MERMAID_ERROR_SYNTAX, "Line 2: “a:” has a score");

  /* A long line is quoted short, cut between characters. */
  {
    g_autoptr(GString) line = g_string_new ("journey\n  ");

    for (guint i = 0; i < 100; i++)
      g_string_append (line, "✓");
    g_string_append (line, ": 7\n");
    assert_error (line->str, -1, WF_MERMAID_ERROR_SYNTAX,
                  "Line 2: “✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓…” has a score");
  }

  /* Regression (issue #14): control characters in a quoted line are
   * escaped, so that the message is one line and moves no cursor.
   */
  {
    g_autoptr(GString) line = g_string_new ("journey\n  a\x1b[2J\x0c");

    while (line->len < 1000000)
      g_string_append (line, "\x1b[31mred\x7f\x01");
    g_string_append (line, "\n");
    assert_error (line->str, -1, WF_MERMAID_ERROR_SYNTAX,
                  "Line 2: “a\\u001B[2J\\u000C\\u001B[31mred\\u007F\\u0001\\u001B[31mred");
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WfDocument) none = wf_mermaid_read (line->str, line->len, &error);

      g_assert_cmpuint (strlen (error->message), <, 200);
      for (const char *p = error->message; *p; p++)
        g_assert_cmpint ((guchar) *p, >=, 0x20);
    }
  }
}

/* 10 MB of garbage: random bytes, text without the header, and text
 * after it. Each gives an error with a line number, quickly.
 */
static void
test_bad_garbage (void)
{
  const gsize size = 10 * 1024 * 1024;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autofree char *bytes = g_malloc (size);
  g_autoptr(GString) text = g_string_sized_new (size);
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = NULL;
  static const char *words[] = { "lorem", "ipsum", ":", "::", "#", ";", "%%", ",", " ", "\n", "é", "🙂", "section", "title", "5" };
  gint64 start = g_get_monotonic_time ();

  for (gsize i = 0; i < size; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  assert_error (bytes, size, WF_MERMAID_ERROR_ENCODING, "Line ");

  while (text->len < size)
    g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  assert_error (text->str, text->len, WF_MERMAID_ERROR_NOT_JOURNEY, "Line ");

  g_string_prepend (text, "journey\n");
  document = wf_mermaid_read (text->str, text->len, &error);
  g_assert_error (error, WF_MERMAID_ERROR, WF_MERMAID_ERROR_SYNTAX);
  g_assert_null (document);
  g_assert_true (g_str_has_prefix (error->message, "Line "));
  g_assert_nonnull (strstr (error->message, "more problems)"));

  g_test_message ("10 MB three times in %.2f s", (g_get_monotonic_time () - start) / 1e6);
}

/* Every prefix of a good diagram reads or fails cleanly. */
static void
test_every_prefix (void)
{
  g_autofree char *text = read_data ("hand-written.mmd");
  gsize len = strlen (text);
  gsize header_end = strstr (text, "journey\n") + strlen ("journey\n") - text;
  guint n_read = 0;

  for (gsize i = 0; i <= len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WfDocument) document = wf_mermaid_read (text, i, &error);

      g_assert_true ((document == NULL) != (error == NULL));

      /* Whole lines after the header always read. */
      if (i >= header_end && text[i - 1] == '\n')
        g_assert_no_error (error);
      if (document != NULL)
        {
          g_autofree char *written = wf_mermaid_write (wf_document_get_map (document, 0));
          g_autoptr(WfDocument) again = read_ok (written);
          g_autofree char *written_again = wf_mermaid_write (wf_document_get_map (again, 0));

          g_assert_cmpstr (written, ==, written_again);
          n_read++;
        }
    }

  g_assert_cmpuint (n_read, >, len / 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mermaid/write/exact", test_write);
  g_test_add_func ("/mermaid/write/actions", test_write_actions);
  g_test_add_func ("/mermaid/round-trip/templates", test_round_trip_templates);
  g_test_add_func ("/mermaid/round-trip/escapes", test_round_trip_escapes);
  g_test_add_func ("/mermaid/read/hand-written", test_hand_written);
  g_test_add_func ("/mermaid/read/mermaid-example", test_mermaid_example);
  g_test_add_func ("/mermaid/read/corners", test_read_corners);
  g_test_add_func ("/mermaid/read/lane-order", test_read_lane_order);
  g_test_add_func ("/mermaid/bad/cases", test_bad);
  g_test_add_func ("/mermaid/bad/garbage", test_bad_garbage);
  g_test_add_func ("/mermaid/bad/every-prefix", test_every_prefix);

  return g_test_run ();
}
