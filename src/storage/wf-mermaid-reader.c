/* wf-mermaid-reader.c — reading Mermaid user journey diagrams as journey maps
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
 * The reader follows Mermaid's grammar (journey.jison) and reads the
 * entity codes the writer uses (`#35;` for `#`) back as their characters.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wf-mermaid-private.h"
#include "wf-problems.h"
#include "wf-quote.h"

typedef struct
{
  char      *name;
  guint      phase;           /* 0: before the first section; n: the n-th section */
  int        score;
  GPtrArray *actors;          /* (element-type utf8) distinct, in order */
} Task;

/* Who owns a task: the persona of its first actor, or the shared lane. */
typedef struct
{
  char      *name;            /* (nullable): %NULL for the shared lane */
  WfLane    *touchpoints;     /* unowned */
  WfLane    *emotions;        /* (nullable) unowned */
} Owner;

typedef struct
{
  char      *title;
  GPtrArray *sections;        /* (element-type utf8) section names, in order */
  GPtrArray *tasks;           /* (element-type Task) */
  gboolean   untitled_phase;  /* a task before the first section */

  guint      line;
  gboolean   seen_text;       /* a line that is not blank or a comment */
  gboolean   header_seen;
  gboolean   in_front_matter;
  guint      front_matter_line;
  gboolean   in_description;  /* between `accDescr {` and `}` */
  gboolean   stop;

  WfProblems *problems;       /* keeps the first, counts the others */
  char      *quoted;          /* scratch for quote() */
} Reader;

/**
 * wf_mermaid_error_quark:
 *
 * Returns: the domain of #WfMermaidError
 */
G_DEFINE_QUARK (wf-mermaid-error-quark, wf_mermaid_error)

static void
task_free (Task *task)
{
  g_free (task->name);
  g_ptr_array_unref (task->actors);
  g_free (task);
}

static void
owner_free (Owner *owner)
{
  g_free (owner->name);
  g_free (owner);
}

/* Reading: messages */

/* @line as a message quotes it, valid until the next call. */
static const char *
quote (Reader     *r,
       const char *line)
{
  g_free (r->quoted);
  r->quoted = wf_quote_excerpt (line);

  return r->quoted;
}

static void problem (Reader     *r,
                     int         code,
                     const char *format,
                     ...) G_GNUC_PRINTF (3, 4);

/* Keeps the first problem and counts the others. */
static void
problem (Reader     *r,
         int         code,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  wf_problems_add_valist (r->problems, code, NULL, NULL, NULL, NULL, format, args);
  va_end (args);
}

/* Reading: texts */

/* A copy of [start, end) without blanks at either end. */
static char *
strip_dup (const char *start,
           const char *end)
{
  while (start < end && wf_mermaid_is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !wf_mermaid_is_blank (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

/* The length of the entity code `#name;` or `#123;` at @p, or 0. */
static gsize
entity_length (const char *p)
{
  gsize i = 1;

  g_assert (*p == '#');

  while (g_ascii_isalnum (p[i]) || p[i] == '_')
    i++;

  return i > 1 && p[i] == ';' ? i + 1 : 0;
}

static void
append_entity (GString    *out,
               const char *name,
               gsize       len)
{
  static const struct { const char *name; gunichar c; } named[] = {
    { "quot", '"' }, { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "apos", '\'' },
    { "nbsp", 0xA0 }, { "num", '#' }, { "colon", ':' }, { "semi", ';' },
    { "comma", ',' }, { "percnt", '%' },
  };
  gboolean digits = TRUE;

  for (gsize i = 0; i < len; i++)
    digits = digits && g_ascii_isdigit (name[i]);

  if (digits)
    {
      gunichar c = 0;

      for (gsize i = 0; i < len; i++)
        c = MIN (c * 10 + (name[i] - '0'), 0x110000);

      /* As a browser shows &#0; and &#55296;. */
      if (c == 0 || !g_unichar_validate (c))
        c = 0xFFFD;

      g_string_append_unichar (out, c);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      if (strlen (named[i].name) == len && strncmp (named[i].name, name, len) == 0)
        {
          g_string_append_unichar (out, named[i].c);
          return;
        }
    }

  /* Not an entity Mermaid users write: the text as it is. */
  g_string_append_c (out, '#');
  g_string_append_len (out, name, len);
  g_string_append_c (out, ';');
}

/* [start, end) without blanks at either end, entity codes decoded. */
static char *
read_text (const char *start,
           const char *end)
{
  g_autofree char *stripped = strip_dup (start, end);
  GString *out = g_string_sized_new (strlen (stripped));

  for (const char *p = stripped; *p != '\0'; )
    {
      gsize n;

      if (*p == '#' && (n = entity_length (p)) > 0)
        {
          append_entity (out, p + 1, n - 2);
          p += n;
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* @line up to a comment (`#` that does not begin an entity code), or
 * %NULL if it holds a `;`, which Mermaid refuses.
 */
static char *
strip_comment (const char *line)
{
  const char *p = line;

  while (*p != '\0')
    {
      gsize n;

      if (*p == ';')
        return NULL;

      if (*p == '#')
        {
          if ((n = entity_length (p)) == 0)
            break;
          p += n;
        }
      else
        p++;
    }

  return strip_dup (line, p);
}

/* If @line begins with @keyword (in any case) and then @c, after blanks,
 * returns what follows; otherwise %NULL.
 */
static const char *
after_keyword (const char *line,
               const char *keyword,
               char        c)
{
  gsize len = strlen (keyword);
  const char *p = line + len;

  if (g_ascii_strncasecmp (line, keyword, len) != 0)
    return NULL;

  while (*p != '\0' && wf_mermaid_is_blank (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  return *p == c ? p + 1 : NULL;
}

/* If @line is @keyword (in any case) followed by a blank and more, returns
 * that blank; if it is only @keyword, returns the end of @line; otherwise
 * %NULL.
 */
static const char *
statement (const char *line,
           const char *keyword)
{
  gsize len = strlen (keyword);

  if (g_ascii_strncasecmp (line, keyword, len) != 0)
    return NULL;

  if (line[len] == '\0' || wf_mermaid_is_blank (g_utf8_get_char (line + len)))
    return line + len;

  return NULL;
}

/* Reading: lines */

static void
read_front_matter (Reader     *r,
                   const char *line)
{
  const char *value;
  g_autofree char *title = NULL;
  gsize len;

  if (strcmp (line, "---") == 0)
    {
      r->in_front_matter = FALSE;
      return;
    }

  if (strncmp (line, "title:", 6) != 0)
    return;

  value = line + 6;
  title = strip_dup (value, value + strlen (value));
  len = strlen (title);
  if (len >= 2 && (title[0] == '"' || title[0] == '\'') && title[len - 1] == title[0])
    {
      title[len - 1] = '\0';
      memmove (title, title + 1, len - 1);
    }

  g_free (r->title);
  r->title = g_steal_pointer (&title);
}

static void
read_task (Reader     *r,
           const char *line,
           const char *raw)
{
  const char *colon = strchr (line, ':');
  g_autofree char *name = NULL;
  g_autofree char *score = NULL;
  g_auto(GStrv) pieces = NULL;
  Task *task;

  if (colon == NULL)
    {
      /* Translators: a problem in a Mermaid diagram; %u is a line number,
       * %s the line. In “Task name: score: actors” the words may be
       * translated, the colons stay.
       */
      problem (r, WF_MERMAID_ERROR_SYNTAX,
               _("Line %u: “%s” is not a task: write “Task name: score” or “Task name: score: actors”"),
               r->line, quote (r, raw));
      return;
    }

  name = read_text (line, colon);
  if (*name == '\0')
    {
      problem (r, WF_MERMAID_ERROR_SYNTAX, _("Line %u: “%s” has no task name"),
               r->line, quote (r, raw));
      return;
    }

  /* As Mermaid: the score, then the actors; anything after a third
   * colon is left out.
   */
  pieces = g_strsplit (colon + 1, ":", 3);
  if (pieces[0] == NULL)        /* g_strsplit() of "" is empty */
    score = g_strdup ("");
  else
    score = strip_dup (pieces[0], pieces[0] + strlen (pieces[0]));
  if (strlen (score) != 1 || score[0] < '1' || score[0] > '5')
    {
      problem (r, WF_MERMAID_ERROR_SYNTAX,
               _("Line %u: “%s” has a score that is not a number from 1 to 5"),
               r->line, quote (r, raw));
      return;
    }

  task = g_new0 (Task, 1);
  task->name = g_steal_pointer (&name);
  task->score = score[0] - '0';
  task->phase = r->sections->len;
  task->actors = g_ptr_array_new_with_free_func (g_free);
  r->untitled_phase = r->untitled_phase || task->phase == 0;

  if (pieces[0] != NULL && pieces[1] != NULL)
    {
      g_auto(GStrv) actors = g_strsplit (pieces[1], ",", -1);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; actors[i] != NULL; i++)
        {
          char *actor = read_text (actors[i], actors[i] + strlen (actors[i]));

          /* g_hash_table_add() would replace the key, freed here. */
          if (*actor == '\0' || g_hash_table_contains (seen, actor))
            g_free (actor);
          else
            {
              g_hash_table_add (seen, actor);
              g_ptr_array_add (task->actors, actor);
            }
        }
    }

  g_ptr_array_add (r->tasks, task);
}

static void
read_statement (Reader     *r,
                const char *line,
                const char *raw)
{
  const char *rest;

  /* Mermaid reads `journey` as its keyword when no letter, digit or `_`
   * follows, so "Journey planning: 3" is not a task there either.
   */
  if (g_ascii_strncasecmp (line, "journey", 7) == 0 && !g_ascii_isalnum (line[7]) && line[7] != '_')
    {
      /* Translators: “journey”, “title” and “section” (here and in the
       * messages below) are Mermaid's keywords: keep them as they are.
       */
      problem (r, WF_MERMAID_ERROR_SYNTAX,
               _("Line %u: “%s”: “journey” may only be written once, at the beginning"),
               r->line, quote (r, raw));
    }
  else if ((rest = statement (line, "title")) != NULL)
    {
      g_autofree char *title = read_text (rest, rest + strlen (rest));

      if (*title == '\0')
        {
          problem (r, WF_MERMAID_ERROR_SYNTAX, _("Line %u: “title” without a title"), r->line);
          return;
        }

      g_free (r->title);
      r->title = g_steal_pointer (&title);
    }
  else if ((rest = statement (line, "section")) != NULL)
    {
      g_autofree char *name = read_text (rest, rest + strlen (rest));

      if (*name == '\0')
        problem (r, WF_MERMAID_ERROR_SYNTAX, _("Line %u: “section” without a name"), r->line);
      else if (strchr (rest, ':') != NULL)
        /* Translators: #58; is the Mermaid code for “:”; keep it as it is */
        problem (r, WF_MERMAID_ERROR_SYNTAX,
                 _("Line %u: “%s” has a “:” in a section name (write #58; instead)"),
                 r->line, quote (r, raw));
      else
        g_ptr_array_add (r->sections, g_steal_pointer (&name));
    }
  else
    read_task (r, line, raw);
}

static void
read_line (Reader     *r,
           const char *start,
           const char *end)
{
  g_autofree char *raw = strip_dup (start, end);
  g_autofree char *line = NULL;
  const char *rest;

  if (r->stop)
    return;

  if (r->in_front_matter)
    {
      read_front_matter (r, raw);
      return;
    }

  if (r->in_description)
    {
      r->in_description = strchr (raw, '}') == NULL;
      return;
    }

  /* Blank lines, comments and %%{init: …}%% directives. */
  if (*raw == '\0' || g_str_has_prefix (raw, "%%"))
    return;

  if (!r->header_seen && !r->seen_text && strcmp (raw, "---") == 0)
    {
      r->seen_text = TRUE;
      r->in_front_matter = TRUE;
      r->front_matter_line = r->line;
      return;
    }

  r->seen_text = TRUE;

  if (r->header_seen)
    {
      /* Accessibility title and description: what Wayfinder has no place for. */
      if (after_keyword (raw, "accTitle", ':') != NULL ||
          after_keyword (raw, "accDescr", ':') != NULL)
        return;

      if ((rest = after_keyword (raw, "accDescr", '{')) != NULL)
        {
          r->in_description = strchr (rest, '}') == NULL;
          return;
        }
    }

  line = strip_comment (raw);

  if (!r->header_seen)
    {
      if (line != NULL && *line == '\0')
        return;

      if (line != NULL && g_ascii_strcasecmp (line, "journey") == 0)
        {
          r->header_seen = TRUE;
          return;
        }

      problem (r, WF_MERMAID_ERROR_NOT_JOURNEY,
               _("Line %u: a Mermaid user journey begins with “journey”, not “%s”"),
               r->line, quote (r, raw));
      r->stop = TRUE;
      return;
    }

  if (line == NULL)
    {
      /* Translators: #59; is the Mermaid code for “;”; keep it as it is */
      problem (r, WF_MERMAID_ERROR_SYNTAX,
               _("Line %u: “%s” has a “;”, which a user journey cannot hold (write #59; instead)"),
               r->line, quote (r, raw));
      return;
    }

  if (*line != '\0')
    read_statement (r, line, raw);
}

/* Reading: the document */

static Owner *
ensure_owner (WfDocument *document,
              WfMap      *map,
              GHashTable *owners,
              const char *name)
{
  Owner *owner = g_hash_table_lookup (owners, name != NULL ? name : "");
  g_autofree char *lane_id = NULL;
  g_autoptr(WfLane) lane = NULL;
  WfPersona *persona = NULL;

  if (owner != NULL)
    return owner;

  owner = g_new0 (Owner, 1);
  owner->name = g_strdup (name);
  g_hash_table_insert (owners, g_strdup (name != NULL ? name : ""), owner);

  if (name != NULL)
    {
      g_autofree char *persona_id = wf_document_make_id (document, "persona");
      g_autoptr(WfPersona) new_persona = wf_persona_new (persona_id, name);

      wf_persona_set_color (new_persona, wf_persona_default_color (wf_document_get_n_personas (document)));
      wf_document_insert_persona (document, new_persona, -1);
      persona = new_persona;
    }

  lane_id = wf_document_make_id (document, "lane");
  lane = wf_lane_new (lane_id, WF_LANE_TOUCHPOINTS);
  wf_lane_set_title (lane, wf_lane_kind_get_label (WF_LANE_TOUCHPOINTS));
  wf_lane_set_persona (lane, persona);
  wf_map_insert_lane (map, lane, -1);
  owner->touchpoints = lane;

  if (persona != NULL)
    {
      g_autofree char *emotions_id = wf_document_make_id (document, "lane");
      g_autoptr(WfLane) emotions = wf_lane_new (emotions_id, WF_LANE_EMOTIONS);

      wf_lane_set_title (emotions, wf_lane_kind_get_label (WF_LANE_EMOTIONS));
      wf_lane_set_persona (emotions, persona);
      wf_map_insert_lane (map, emotions, -1);
      owner->emotions = emotions;
    }

  return owner;
}

static void
add_card (WfDocument *document,
          WfMap      *map,
          WfPhase    *phase,
          WfLane     *lane,
          Task       *task)
{
  g_autofree char *id = wf_document_make_id (document, "card");
  g_autoptr(WfCard) card = wf_card_new (id, task->name);

  wf_card_set_emotion (card, task->score - NEUTRAL_SCORE);
  wf_map_insert_card (map, card, phase, lane, -1);
}

/* The key of a task's owner: its first actor, or "" for the shared lane
 * (an actor's name is never empty).
 */
static const char *
owner_key (Task *task)
{
  return task->actors->len > 0 ? g_ptr_array_index (task->actors, 0) : "";
}

static int
compare_index (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  guint ia = GPOINTER_TO_UINT (a), ib = GPOINTER_TO_UINT (b);

  return ia < ib ? -1 : ia > ib;
}

/* The owners of the tasks (owner_key()), in the order of their lanes.
 *
 * The writer writes a section's tasks in lane order, so within a section
 * an owner whose tasks come first has the earlier lane. The order keeps
 * every such "comes before" of every section where it can (a topological
 * order), and otherwise the order in which owners first own a task. So a
 * map written from a map this reader made reads back to the same lanes,
 * and writes the same text again.
 */
static GPtrArray *
owner_order (Reader *r)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) before_count = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GTree) ready = g_tree_new_full (compare_index, NULL, NULL, NULL);
  g_autofree gboolean *placed = NULL;
  GPtrArray *order;
  guint previous = G_MAXUINT, previous_phase = G_MAXUINT, lowest = 0;

  for (guint i = 0; i < r->tasks->len; i++)
    {
      Task *task = g_ptr_array_index (r->tasks, i);
      const char *key = owner_key (task);
      gpointer value;
      guint owner;

      if (g_hash_table_lookup_extended (index, key, NULL, &value))
        owner = GPOINTER_TO_UINT (value);
      else
        {
          owner = names->len;
          g_ptr_array_add (names, (gpointer) key);
          g_ptr_array_add (after, g_array_new (FALSE, FALSE, sizeof (guint)));
          g_array_set_size (before_count, names->len);
          g_hash_table_insert (index, (gpointer) key, GUINT_TO_POINTER (owner));
        }

      if (task->phase == previous_phase && previous != owner)
        {
          g_array_append_val (g_ptr_array_index (after, previous), owner);
          g_array_index (before_count, guint, owner)++;
        }

      previous = owner;
      previous_phase = task->phase;
    }

  for (guint i = 0; i < names->len; i++)
    {
      if (g_array_index (before_count, guint, i) == 0)
        g_tree_insert (ready, GUINT_TO_POINTER (i), NULL);
    }

  /* Kahn's algorithm; in a cycle, the owner that came first goes first. */
  placed = g_new0 (gboolean, names->len + 1);
  order = g_ptr_array_sized_new (names->len);

  while (order->len < names->len)
    {
      GTreeNode *first = g_tree_node_first (ready);
      GArray *next;
      guint owner;

      if (first != NULL)
        {
          owner = GPOINTER_TO_UINT (g_tree_node_key (first));
          g_tree_remove (ready, GUINT_TO_POINTER (owner));
        }
      else
        {
          while (placed[lowest])
            lowest++;
          owner = lowest;
        }

      if (placed[owner])
        continue;

      placed[owner] = TRUE;
      g_ptr_array_add (order, g_ptr_array_index (names, owner));

      next = g_ptr_array_index (after, owner);
      for (guint i = 0; i < next->len; i++)
        {
          guint later = g_array_index (next, guint, i);

          if (--g_array_index (before_count, guint, later) == 0 && !placed[later])
            g_tree_insert (ready, GUINT_TO_POINTER (later), NULL);
        }
    }

  return order;
}

static WfDocument *
build_document (Reader *r)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = NULL;
  g_autoptr(GPtrArray) phases = g_ptr_array_new ();
  g_autoptr(GHashTable) owners = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autofree char *map_id = NULL;
  const char *title = r->title != NULL ? r->title : "";

  wf_document_set_title (document, title);
  wf_document_touch (document);

  map_id = wf_document_make_id (document, "map");
  map = wf_map_new (map_id, title);
  wf_document_insert_map (document, map, -1);

  /* Phases: the tasks before the first section, then one per section. */
  for (guint i = 0; i <= r->sections->len; i++)
    {
      g_autofree char *phase_id = NULL;
      g_autoptr(WfPhase) phase = NULL;

      if (i == 0 && !r->untitled_phase)
        {
          g_ptr_array_add (phases, NULL);
          continue;
        }

      phase_id = wf_document_make_id (document, "phase");
      /* The name the canvas gives a phase it adds. */
      phase = wf_phase_new (phase_id, i == 0 ? _("New Phase") : g_ptr_array_index (r->sections, i - 1));
      wf_map_insert_phase (map, phase, -1);
      g_ptr_array_add (phases, phase);
    }

  /* Personas and lanes in the order of their owners (owner_order()), then
   * the actors that never come first.
   */
  owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) owner_free);
  order = owner_order (r);

  for (guint i = 0; i < order->len; i++)
    {
      const char *name = g_ptr_array_index (order, i);

      ensure_owner (document, map, owners, *name != '\0' ? name : NULL);
    }

  for (guint i = 0; i < r->tasks->len; i++)
    {
      Task *task = g_ptr_array_index (r->tasks, i);

      for (guint j = 1; j < task->actors->len; j++)
        ensure_owner (document, map, owners, g_ptr_array_index (task->actors, j));
    }

  for (guint i = 0; i < r->tasks->len; i++)
    {
      Task *task = g_ptr_array_index (r->tasks, i);
      WfPhase *phase = g_ptr_array_index (phases, task->phase);
      Owner *owner = g_hash_table_lookup (owners, owner_key (task));

      g_assert (phase != NULL && owner != NULL);

      add_card (document, map, phase, owner->touchpoints, task);
      if (owner->emotions != NULL)
        add_card (document, map, phase, owner->emotions, task);
    }

  return g_steal_pointer (&document);
}

/* The line of @text that @at is in, counting CR LF, LF and CR as line ends. */
static guint
line_of (const char *text,
         const char *at)
{
  guint line = 1;

  for (const char *p = text; p < at; p++)
    {
      if (*p == '\n' || (*p == '\r' && (p + 1 == at || p[1] != '\n')))
        line++;
    }

  return line;
}

/**
 * wf_mermaid_read:
 * @text: a Mermaid user journey diagram
 * @length: the length of @text in bytes, or -1 if it ends with a zero byte
 * @error: return location for a #WF_MERMAID_ERROR
 *
 * Reads a Mermaid user journey into a new document with one map. The
 * diagram's title is the title of the document and the map. Each section
 * is a phase; tasks before the first section go into a phase of their
 * own, named “New Phase”. Each distinct actor is a persona with a
 * touchpoints lane and an emotions lane; tasks without actors go into a
 * shared touchpoints lane. A task is a touchpoint card in the lane of its
 * first actor (its emotion is the score − 3), and a card with the same
 * title and emotion in that persona's emotions lane, so the emotion curve
 * shows. The personas and lanes come in the order their actors first own a
 * task, then come the actors that are never first.
 *
 * Blank lines, `%%` comment lines, `#` comments, front matter (only its
 * `title`), `accTitle` and `accDescr` are read over. Entity codes (`#35;`,
 * `#quot;`) are read as their characters.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error
 *   set to the first problem, which names its line, and a count of the
 *   others
 */
WfDocument *
wf_mermaid_read (const char  *text,
                 gssize       length,
                 GError     **error)
{
  Reader r = { 0 };
  const char *start, *end, *bad = NULL;
  WfDocument *document = NULL;

  g_return_val_if_fail (text != NULL || length <= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    {
      text = "";
      length = 0;
    }

  if (length < 0)
    length = strlen (text);

  if (!g_utf8_validate (text, length, &bad))
    {
      if (*bad == '\0')
        g_set_error (error, WF_MERMAID_ERROR, WF_MERMAID_ERROR_ENCODING,
                     _("Line %u: the text holds a zero byte"), line_of (text, bad));
      else
        g_set_error (error, WF_MERMAID_ERROR, WF_MERMAID_ERROR_ENCODING,
                     _("Line %u: the text is not valid UTF-8"), line_of (text, bad));
      return NULL;
    }

  start = text;
  end = text + length;
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    start += 3;

  r.problems = wf_problems_new (1);
  r.sections = g_ptr_array_new_with_free_func (g_free);
  r.tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) task_free);
  r.line = 1;

  while (start < end && !r.stop)
    {
      const char *eol = start;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;

      read_line (&r, start, eol);

      if (eol + 1 < end && eol[0] == '\r' && eol[1] == '\n')
        eol++;
      start = eol + 1;
      r.line++;
    }

  if (wf_problems_get_count (r.problems) == 0 && r.in_front_matter)
    problem (&r, WF_MERMAID_ERROR_NOT_JOURNEY,
             _("Line %u: the front matter that begins here does not end with “---”"),
             r.front_matter_line);
  else if (wf_problems_get_count (r.problems) == 0 && !r.header_seen)
    problem (&r, WF_MERMAID_ERROR_NOT_JOURNEY,
             _("Line %u: the text ends before “journey”, the beginning of a Mermaid user journey"),
             MAX (r.line - 1, 1));

  if (wf_problems_get_count (r.problems) > 0)
    wf_problems_set_error (r.problems, error, WF_MERMAID_ERROR);
  else
    document = build_document (&r);

  g_free (r.title);
  wf_problems_free (r.problems);
  g_free (r.quoted);
  g_ptr_array_unref (r.sections);
  g_ptr_array_unref (r.tasks);

  return document;
}
