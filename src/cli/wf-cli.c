/* wf-cli.c — the headless subcommands of `wayfinder`
 *
 * These run before, and without, any GTK initialisation, so they work with
 * no display at all: in scripts, in CI, over ssh.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "storage/wf-figures.h"
#include "storage/wf-journey.h"
#include "storage/wf-mermaid.h"
#include "storage/wf-quote.h"
#include "storage/wf-sqlite.h"
#include "insights/wf-insights.h"
#include "render/wf-heat.h"
#include "model/wf-templates.h"
#include "export/wf-export.h"
#include "wf-cli.h"
#include "wf-cli-private.h"

#define EXIT_USAGE 2

typedef int (*CommandFunc) (int    argc,
                            char **argv);

typedef struct
{
  const char  *name;
  const char  *args;
  const char  *summary;
  CommandFunc  func;
} Command;

static int cmd_help      (int argc, char **argv);
static int cmd_validate  (int argc, char **argv);
static int cmd_new       (int argc, char **argv);
static int cmd_templates (int argc, char **argv);
static int cmd_stats     (int argc, char **argv);
static int cmd_convert   (int argc, char **argv);
static int cmd_export    (int argc, char **argv);
static int cmd_insights  (int argc, char **argv);
static int cmd_import_metrics (int argc, char **argv);
static int cmd_team      (int argc, char **argv);

static const Command commands[] = {
  { "help", "", N_("Show this help"), cmd_help },
  { "validate", N_("FILE…"), N_("Check .journey and .sqlite files and report every problem"), cmd_validate },
  { "new", N_("--template ID [--lang nl|en] OUT.journey"), N_("Create a journey from a template"), cmd_new },
  { "templates", "", N_("List the built-in templates"), cmd_templates },
  { "stats", N_("FILE"), N_("Print the counts of a journey as JSON"), cmd_stats },
  { "convert", N_("[--force] IN OUT"), N_("Convert between .journey and .sqlite, or from Mermaid .mmd, by the names’ extensions"), cmd_convert },
  { "export", N_("IN OUT [OPTION…]"), N_("Export maps to PNG, PDF, SVG, CSV or Mermaid, by OUT’s extension"), cmd_export },
  { "insights", N_("FILE [--map ID] [--json] [--all]"), N_("List the gaps the gap finder finds in each map"), cmd_insights },
  { "import-metrics", N_("IN DATA OUT [--map ID] [--column NAME=ROLE]… [--skip-bad]"), N_("Import figures from a spreadsheet’s CSV or TheyDo’s metrics JSON into the cards and phases of a map"), cmd_import_metrics },
  { "team", N_("init|push|list|pull CONNINFO …"), N_("Share documents through a team’s PostgreSQL server; “wayfinder team --help” tells more"), cmd_team },
};

typedef enum {
  FORMAT_NONE,
  FORMAT_JOURNEY,
  FORMAT_SQLITE,
  FORMAT_MERMAID,
} Format;

/* By the name alone: "map.journey", "map.SQLITE". */
static Format
format_of_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  if (lower != NULL && g_str_has_suffix (lower, ".journey"))
    return FORMAT_JOURNEY;
  if (lower != NULL && g_str_has_suffix (lower, ".sqlite"))
    return FORMAT_SQLITE;
  if (lower != NULL && g_str_has_suffix (lower, ".mmd"))
    return FORMAT_MERMAID;

  return FORMAT_NONE;
}

/* A file to read is SQLite when its name says so or when it starts as
 * every SQLite database does, whatever its name.
 */
static Format
format_to_read (GFile *file)
{
  static const char header[16] = "SQLite format 3";
  g_autoptr(GFileInputStream) stream = NULL;
  char start[sizeof header];
  gsize n = 0;

  if (format_of_name (file) == FORMAT_SQLITE)
    return FORMAT_SQLITE;

  if ((stream = g_file_read (file, NULL, NULL)) != NULL &&
      g_input_stream_read_all (G_INPUT_STREAM (stream), start, sizeof start, &n, NULL, NULL) &&
      n == sizeof start && memcmp (start, header, sizeof header) == 0)
    return FORMAT_SQLITE;

  return FORMAT_JOURNEY;
}

static int
usage_error (const char *command,
             const char *message)
{
  g_printerr ("wayfinder %s: %s\n", command, message);
  g_printerr (_("Run “wayfinder help” to see how to use it.\n"));

  return EXIT_USAGE;
}

static void
print_problem (const char *file,
               const char *where,
               const char *message)
{
  /* Translators: the word "error" in "FILE: error: WHERE: MESSAGE" */
  if (where != NULL)
    g_printerr ("%s: %s: %s: %s\n", file, _("error"), where, message);
  else
    g_printerr ("%s: %s: %s\n", file, _("error"), message);
}

static void
print_warning (const char *file,
               const char *where,
               const char *message)
{
  /* Translators: the word "warning" in "FILE: warning: WHERE: MESSAGE" */
  if (where != NULL)
    g_printerr ("%s: %s: %s: %s\n", file, _("warning"), where, message);
  else
    g_printerr ("%s: %s: %s\n", file, _("warning"), message);
}

/* Loads @path, a .journey, a .sqlite or a Mermaid .mmd file, printing every problem as
 * "FILE: error: WHERE: MESSAGE". A document that opens with warnings (pictures that
 * could not be read were left out) has each printed as "FILE: warning: WHERE:
 * MESSAGE", and @warned, if given, set.
 */
static WfDocument *
load_warned (const char *path,
             gboolean   *warned)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  WfDocument *document;

  if (format_to_read (file) == FORMAT_SQLITE)
    document = wf_sqlite_load_file (file, &problems, NULL, &error);
  else if (format_of_name (file) == FORMAT_MERMAID)
    {
      g_autofree char *text = NULL;
      gsize length;

      if (g_file_load_contents (file, NULL, &text, &length, NULL, &error))
        document = wf_mermaid_read (text, length, &error);
      else
        document = NULL;
    }
  else
    document = wf_journey_load_file (file, &problems, NULL, &error);

  if (document == NULL)
    {
      if (problems == NULL || problems->len == 0)
        print_problem (path, NULL, error->message);

      for (guint i = 0; problems != NULL && i < problems->len; i++)
        {
          WfProblem *problem = g_ptr_array_index (problems, i);

          print_problem (path, problem->where, problem->message);
        }

      /* The readers keep the first problems of a file and count the rest:
       * a file of a million broken cards is told in bounded time. */
      if (problems != NULL && problems->len >= WF_PROBLEMS_MAX_KEPT)
        {
          g_autofree char *message = g_strdup_printf (_("There are more problems; only the first %u are listed."),
                                                      problems->len);

          print_problem (path, NULL, message);
        }
    }
  else if (problems != NULL && problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          WfProblem *problem = g_ptr_array_index (problems, i);

          print_warning (path, problem->where, problem->message);
        }
      if (warned != NULL)
        *warned = TRUE;
    }

  return document;
}

static WfDocument *
load (const char *path)
{
  return load_warned (path, NULL);
}

static GOptionContext *
option_context (const char   *command,
                const char   *args,
                GOptionEntry *entries)
{
  g_autofree char *parameter = g_strdup_printf ("%s %s", command, args);
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

static int
cmd_help (int    argc,
          char **argv)
{
  g_print (_("Usage:\n"));
  g_print ("  wayfinder [%s…]\n", _("FILE"));
  g_print ("  wayfinder %s [%s…]\n\n", _("COMMAND"), _("ARGUMENTS"));
  g_print ("%s\n\n", _("Wayfinder draws customer journey maps. Without a command it opens the given files in the application."));
  g_print (_("Commands:\n"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *synopsis =
        g_strdup_printf ("%s %s", commands[i].name,
                         commands[i].args[0] ? _(commands[i].args) : "");
      /* Pad by characters, not bytes: "FILE…" is five wide. */
      glong width = g_utf8_strlen (synopsis, -1);

      g_print ("  %s%*s %s\n", synopsis, (int) MAX (0, 50 - width), "", _(commands[i].summary));
    }

  g_print ("\n%s\n", _("Options:"));
  g_print ("  %-50s %s\n", "--version", _("Show the version and exit"));
  g_print ("\n%s\n", _("Exit status: 0 on success, 1 when a file has a problem, 2 on wrong usage."));

  return 0;
}

static int
cmd_validate (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = option_context ("validate", _("FILE…"), NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_option_context_set_summary (context, _("Check .journey and .sqlite files and report every problem."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("validate", error->message);

  if (argc < 2)
    return usage_error ("validate", _("Name at least one file to check."));

  for (int i = 1; i < argc; i++)
    {
      gboolean warned = FALSE;
      g_autoptr(WfDocument) document = load_warned (argv[i], &warned);

      /* A picture left out is a file that does not conform. */
      if (document == NULL || warned)
        status = 1;
    }

  return status;
}

static int
cmd_new (int    argc,
         char **argv)
{
  g_autofree char *template_id = NULL;
  g_autofree char *lang = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_id, N_("The template to start from (see “wayfinder templates”)"), N_("ID") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang, N_("The language of the template’s texts: nl or en (default: the interface language)"), N_("LANG") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace OUT if it exists"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = option_context ("new", _("OUT.journey"), entries);
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  g_option_context_set_summary (context, _("Create a journey from a built-in template."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("new", error->message);

  if (template_id == NULL)
    return usage_error ("new", _("Choose a template with --template ID."));

  if (!wf_templates_has (template_id))
    {
      g_autofree char *message = g_strdup_printf (_("There is no template “%s”; run “wayfinder templates” for the list."), template_id);
      return usage_error ("new", message);
    }

  if (lang != NULL && g_strcmp0 (lang, "nl") != 0 && g_strcmp0 (lang, "en") != 0)
    {
      g_autofree char *message = g_strdup_printf (_("The language “%s” is not available; choose nl or en."), lang);
      return usage_error ("new", message);
    }

  if (argc != 2)
    return usage_error ("new", _("Name one file to create."));

  file = g_file_new_for_commandline_arg (argv[1]);

  if (!force && g_file_query_exists (file, NULL))
    {
      print_problem (argv[1], NULL, _("The file already exists; use --force to replace it."));
      return 1;
    }

  document = wf_templates_create (template_id, lang);

  if (!wf_journey_save_file (document, file, NULL, &error))
    {
      print_problem (argv[1], NULL, error->message);
      return 1;
    }

  return 0;
}

static int
cmd_templates (int    argc,
               char **argv)
{
  g_autofree char *lang = NULL;
  GOptionEntry entries[] = {
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang, N_("The language of the names: nl or en"), N_("LANG") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = option_context ("templates", "", entries);
  g_autoptr(GError) error = NULL;
  const char * const *ids = wf_templates_get_ids ();

  g_option_context_set_summary (context, _("List the built-in templates: their ids and names."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("templates", error->message);

  if (argc > 1)
    return usage_error ("templates", _("This command takes no arguments."));

  if (lang != NULL && g_strcmp0 (lang, "nl") != 0 && g_strcmp0 (lang, "en") != 0)
    {
      g_autofree char *message = g_strdup_printf (_("The language “%s” is not available; choose nl or en."), lang);
      return usage_error ("templates", message);
    }

  for (guint i = 0; ids[i] != NULL; i++)
    g_print ("%-20s %s — %s\n", ids[i],
             wf_templates_get_name (ids[i], lang),
             wf_templates_get_description (ids[i], lang));

  return 0;
}

static int
cmd_stats (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = option_context ("stats", _("FILE"), NULL);
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint phases = 0, lanes = 0, cards = 0, links = 0;
  guint n_maps;

  g_option_context_set_summary (context, _("Print the counts of personas, maps, phases, lanes, cards and links as JSON."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("stats", error->message);

  if (argc != 2)
    return usage_error ("stats", _("Name one file."));

  if (!(document = load (argv[1])))
    return 1;

  n_maps = wf_document_get_n_maps (document);

  for (guint i = 0; i < n_maps; i++)
    {
      WfMap *map = wf_document_get_map (document, i);

      phases += wf_map_get_n_phases (map);
      lanes += wf_map_get_n_lanes (map);
      cards += wf_map_get_n_cards (map);
      links += wf_map_get_n_links (map);
    }

  g_print ("{\n"
           "  \"personas\": %u,\n"
           "  \"maps\": %u,\n"
           "  \"phases\": %u,\n"
           "  \"lanes\": %u,\n"
           "  \"cards\": %u,\n"
           "  \"links\": %u\n"
           "}\n",
           wf_document_get_n_personas (document), n_maps, phases, lanes, cards, links);

  return 0;
}

/* Whether @a and @b are the same file, also through a link. */
static gboolean
same_file (GFile *a,
           GFile *b)
{
  g_autoptr(GFileInfo) info_a = NULL;
  g_autoptr(GFileInfo) info_b = NULL;
  const char *id_a, *id_b;

  if (g_file_equal (a, b))
    return TRUE;

  info_a = g_file_query_info (a, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  info_b = g_file_query_info (b, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info_a == NULL || info_b == NULL)
    return FALSE;

  id_a = g_file_info_get_attribute_string (info_a, G_FILE_ATTRIBUTE_ID_FILE);
  id_b = g_file_info_get_attribute_string (info_b, G_FILE_ATTRIBUTE_ID_FILE);

  return id_a != NULL && g_strcmp0 (id_a, id_b) == 0;
}

static int
cmd_convert (int    argc,
             char **argv)
{
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace OUT if it exists"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = option_context ("convert", _("IN OUT"), entries);
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) in = NULL;
  g_autoptr(GFile) out = NULL;
  Format format;
  gboolean saved;

  g_option_context_set_summary (context, _("Convert a journey between a .journey file and a .sqlite "
                                           "database, either way, without losing anything, or make a "
                                           "journey of a Mermaid user journey diagram (.mmd). The "
                                           "extension of OUT chooses the format; OUT is written "
                                           "completely or not at all."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("convert", error->message);

  if (argc != 3)
    return usage_error ("convert", _("Name one file to read and one file to write."));

  in = g_file_new_for_commandline_arg (argv[1]);
  out = g_file_new_for_commandline_arg (argv[2]);

  if ((format = format_of_name (out)) == FORMAT_MERMAID)
    return usage_error ("convert", _("To write Mermaid, use “wayfinder export IN OUT.mmd”."));

  if (format == FORMAT_NONE)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” does not end in .journey or .sqlite, so the format to write is not known."), argv[2]);
      return usage_error ("convert", message);
    }

  if (same_file (in, out))
    return usage_error ("convert", _("IN and OUT are the same file; write the result to another file."));

  if (!force && g_file_query_exists (out, NULL))
    {
      print_problem (argv[2], NULL, _("The file already exists; use --force to replace it."));
      return 1;
    }

  if (!(document = load (argv[1])))
    return 1;

  if (format == FORMAT_SQLITE)
    saved = wf_sqlite_save_file (document, out, NULL, &error);
  else
    saved = wf_journey_save_file (document, out, NULL, &error);

  if (!saved)
    {
      print_problem (argv[2], NULL, error->message);
      return 1;
    }

  return 0;
}

/* --map ID, or its number in the document counted from 1. */
static WfMap *
find_map (WfDocument *document,
          const char *name)
{
  guint64 number;

  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    {
      WfMap *map = wf_document_get_map (document, i);

      if (g_strcmp0 (wf_item_get_id (WF_ITEM (map)), name) == 0)
        return map;
    }

  if (g_ascii_string_to_unsigned (name, 10, 1, wf_document_get_n_maps (document), &number, NULL))
    return wf_document_get_map (document, number - 1);

  return NULL;
}

static void
print_maps (WfDocument *document)
{
  g_printerr (_("The maps in this journey:\n"));
  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    {
      WfMap *map = wf_document_get_map (document, i);
      g_autofree char *id = wf_quote_excerpt (wf_item_get_id (WF_ITEM (map)));
      g_autofree char *title = wf_quote_excerpt (wf_map_get_title (map));

      g_printerr ("  %u  %-16s %s\n", i + 1, id, title);
    }
}

/* The map --map @name names, in the file at @path; %NULL for none given.
 * An unknown map is a problem that lists the maps there are.
 */
static gboolean
lookup_map (WfDocument  *document,
            const char  *path,
            const char  *name,
            WfMap      **map)
{
  g_autofree char *message = NULL;

  *map = NULL;
  if (name == NULL || (*map = find_map (document, name)) != NULL)
    return TRUE;

  message = g_strdup_printf (_("There is no map “%s”."), name);
  print_problem (path, NULL, message);
  print_maps (document);

  return FALSE;
}

/* Shows the heat view of @metric, or none, in @map or every map of
 * @document, for this export only. A metric no map has is a mistake,
 * most likely a typing one: the maps' metrics are listed.
 */
static gboolean
set_heat (WfDocument *document,
          const char *path,
          WfMap      *map,
          const char *metric)
{
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *message = NULL;

  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    {
      WfMap *each = wf_document_get_map (document, i);
      g_auto(GStrv) names = NULL;

      if (map != NULL && each != map)
        continue;

      names = wf_heat_list_metrics (each);
      for (guint n = 0; names[n] != NULL; n++)
        if (!g_ptr_array_find_with_equal_func (known, names[n], g_str_equal, NULL))
          g_ptr_array_add (known, g_strdup (names[n]));
    }

  /* "none", in any case, unless a metric is called so. */
  if (!g_ptr_array_find_with_equal_func (known, metric, g_str_equal, NULL))
    {
      if (g_ascii_strcasecmp (metric, "none") != 0)
        {
          message = g_strdup_printf (_("No map has a metric “%s”."), metric);
          print_problem (path, NULL, message);
          if (known->len > 0)
            g_printerr ("%s\n", _("The maps’ metrics:"));
          for (guint i = 0; i < known->len; i++)
            g_printerr ("  %s\n", (const char *) g_ptr_array_index (known, i));
          return FALSE;
        }
      metric = "";
    }

  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    if (map == NULL || wf_document_get_map (document, i) == map)
      wf_map_set_heat (wf_document_get_map (document, i), metric);

  return TRUE;
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_autofree char *map_name = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *theme_name = NULL;
  g_autofree char *heat = NULL;
  double scale = 0, dpi = 0;
  gboolean tile = FALSE, landscape = FALSE, title_block = FALSE, transparent = FALSE, insights = FALSE;
  GOptionEntry entries[] = {
    { "map", 'm', 0, G_OPTION_ARG_STRING, &map_name, N_("The map to export, by its id or number, or “all” (default)"), N_("ID") },
    { "scale", 's', 0, G_OPTION_ARG_DOUBLE, &scale, N_("PNG: pixels per pixel of the map, 0.25 to 4 (default 1); tiled pages: the size on paper, 1 is 96 dpi"), N_("N") },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, N_("PNG: the resolution, instead of --scale (96 dpi is scale 1)"), N_("DPI") },
    { "paper", 'p', 0, G_OPTION_ARG_STRING, &paper_name, N_("PDF: poster (a page the size of the map, default) or a4, a3, a2, a1, a0 (the map fitted on the page)"), N_("SIZE") },
    { "tile", 0, 0, G_OPTION_ARG_NONE, &tile, N_("PDF: print across several pages of --paper at --scale, with an overlap and crop marks"), NULL },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &landscape, N_("PDF: turn the pages sideways"), NULL },
    { "theme", 't', 0, G_OPTION_ARG_STRING, &theme_name, N_("light (default), dark or projector (high contrast, large type)"), N_("THEME") },
    { "title-block", 0, 0, G_OPTION_ARG_NONE, &title_block, N_("Head each map with its titles, the date and its personas"), NULL },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &transparent, N_("PNG: leave the background transparent"), NULL },
    { "insights", 0, 0, G_OPTION_ARG_NONE, &insights, N_("PDF: after each map's pages, a page of its findings and figures"), NULL },
    { "heat", 0, 0, G_OPTION_ARG_STRING, &heat, N_("Tint the cells by this metric (the heat view), or “none”; without it, as each map was saved"), N_("METRIC") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = option_context ("export", _("IN OUT"), entries);
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(WfExport) export = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) in = NULL;
  g_autoptr(GFile) out = NULL;
  WfExportOptions options;

  g_option_context_set_summary (context, _("Export the maps of a journey. The extension of OUT chooses the "
                                           "format: .png, .pdf, .svg, .csv or .mmd (Mermaid). PDF and CSV hold "
                                           "every map in one file; PNG, SVG and Mermaid make a file per map, "
                                           "numbered (OUT-1.png, OUT-2.png) when there are several. OUT is "
                                           "written completely or not at all."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("export", error->message);

  if (argc != 3)
    return usage_error ("export", _("Name one file to read and one file to write."));

  wf_export_options_init (&options);
  options.tile = tile;
  options.landscape = landscape;
  options.title_block = title_block;
  options.transparent = transparent;
  options.insights = insights;

  if ((options.format = wf_export_format_for_name (argv[2])) == WF_EXPORT_FORMAT_NONE)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” does not end in .png, .pdf, .svg, .csv or .mmd, so the format to write is not known."), argv[2]);
      return usage_error ("export", message);
    }

  if (insights && options.format != WF_EXPORT_FORMAT_PDF)
    return usage_error ("export", _("--insights adds pages to a PDF; write OUT as .pdf."));

  if (scale != 0 && dpi != 0)
    return usage_error ("export", _("Give either --scale or --dpi, not both."));
  if (dpi != 0)
    scale = dpi / 96.0;
  if (scale != 0 && !(scale >= 0.25 && scale <= 4))
    return usage_error ("export", _("The scale must be from 0.25 to 4 (24 to 384 dpi)."));
  if (scale != 0)
    options.scale = scale;

  if (paper_name != NULL && !wf_paper_from_string (paper_name, &options.paper))
    {
      g_autofree char *message = g_strdup_printf (_("There is no paper size “%s”; choose poster, a4, a3, a2, a1 or a0."), paper_name);
      return usage_error ("export", message);
    }

  if (theme_name == NULL || g_strcmp0 (theme_name, "light") == 0)
    options.theme = WF_THEME_LIGHT;
  else if (g_strcmp0 (theme_name, "dark") == 0)
    options.theme = WF_THEME_DARK;
  else if (g_strcmp0 (theme_name, "projector") == 0)
    options.theme = WF_THEME_PROJECTOR;
  else
    {
      g_autofree char *message = g_strdup_printf (_("There is no theme “%s”; choose light, dark or projector."), theme_name);
      return usage_error ("export", message);
    }

  in = g_file_new_for_commandline_arg (argv[1]);
  out = g_file_new_for_commandline_arg (argv[2]);

  if (same_file (in, out))
    return usage_error ("export", _("IN and OUT are the same file; write the result to another file."));

  if (!(document = load (argv[1])))
    return 1;

  if (!lookup_map (document, argv[1], g_strcmp0 (map_name, "all") != 0 ? map_name : NULL, &options.map))
    return 1;

  if (heat != NULL && !set_heat (document, argv[1], options.map, heat))
    return 1;

  export = wf_export_new (document, &options);

  if (!wf_export_write (export, out, NULL, NULL, NULL, &error))
    {
      print_problem (argv[2], NULL, error->message);
      return 1;
    }

  /* Name what was written when it is not simply OUT. */
  if (wf_export_get_n_files (export) > 1)
    {
      for (guint i = 0; i < wf_export_get_n_files (export); i++)
        {
          g_autoptr(GFile) file = wf_export_get_file (export, out, i);
          g_autofree char *name = g_file_get_parse_name (file);

          g_print ("%s\n", name);
        }
    }

  return 0;
}

static const char *
id_or_null (gpointer item)
{
  return item != NULL ? wf_item_get_id (WF_ITEM (item)) : NULL;
}

/* {"findings": [{"rule", "map", "phase", "persona", "cards", "message"}]} */
static gboolean
is_dismissed (WfFinding *finding)
{
  return wf_map_is_dismissed (wf_finding_get_map (finding), wf_finding_get_key (finding));
}

static char *
findings_to_json (GPtrArray *findings,
                  gboolean   all)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);

  for (guint i = 0; i < findings->len; i++)
    {
      WfFinding *finding = g_ptr_array_index (findings, i);
      GPtrArray *cards = wf_finding_get_cards (finding);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, wf_finding_get_rule (finding));
      json_builder_set_member_name (builder, "map");
      json_builder_add_string_value (builder, id_or_null (wf_finding_get_map (finding)));
      json_builder_set_member_name (builder, "phase");
      json_builder_add_string_value (builder, id_or_null (wf_finding_get_phase (finding)));
      json_builder_set_member_name (builder, "persona");
      json_builder_add_string_value (builder, id_or_null (wf_finding_get_persona (finding)));
      json_builder_set_member_name (builder, "cards");
      json_builder_begin_array (builder);
      for (guint j = 0; j < cards->len; j++)
        json_builder_add_string_value (builder, id_or_null (g_ptr_array_index (cards, j)));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, wf_finding_get_message (finding));
      if (all)
        {
          json_builder_set_member_name (builder, "dismissed");
          json_builder_add_boolean_value (builder, is_dismissed (finding));
        }
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

static void
print_findings (WfDocument *document,
                WfMap      *only,
                GPtrArray  *findings)
{
  guint n_maps = wf_document_get_n_maps (document);
  guint next = 0;

  for (guint i = 0; i < n_maps; i++)
    {
      WfMap *map = wf_document_get_map (document, i);
      g_autofree char *title = NULL;
      guint n = 0;

      if (only != NULL && map != only)
        continue;

      while (next + n < findings->len && wf_finding_get_map (g_ptr_array_index (findings, next + n)) == map)
        n++;

      title = wf_quote_excerpt (*wf_map_get_title (map) ? wf_map_get_title (map) : wf_item_get_id (WF_ITEM (map)));
      if (n == 0)
        /* Translators: %s is the title of a map */
        g_print (_("%s: no gaps found\n"), title);
      else
        /* Translators: %s is the title of a map, %u a number of gaps */
        g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u gap\n", "%s: %u gaps\n", n), title, n);

      for (guint j = next; j < next + n; j++)
        {
          WfFinding *finding = g_ptr_array_index (findings, j);

          if (is_dismissed (finding))
            /* Translators: a finding a person set aside; the first %s is
             * the rule's id, the second the finding */
            g_print (_("  %s: %s (dismissed)\n"), wf_finding_get_rule (finding), wf_finding_get_message (finding));
          else
            g_print ("  %s: %s\n", wf_finding_get_rule (finding), wf_finding_get_message (finding));
        }

      next += n;
    }
}

static int
cmd_insights (int    argc,
              char **argv)
{
  g_autofree char *map_name = NULL;
  gboolean json = FALSE, all = FALSE;
  GOptionEntry entries[] = {
    { "map", 'm', 0, G_OPTION_ARG_STRING, &map_name, N_("The map to examine, by its id or number (default: every map)"), N_("ID") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list the findings that were dismissed in the app"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the findings as JSON, with the ids of maps, phases, personas and cards"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = option_context ("insights", _("FILE"), entries);
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  WfMap *map = NULL;

  g_option_context_set_summary (context, _("List the gaps in each map: phases a persona never reaches, pain points nobody answers, drops in feeling, hand-overs between online and offline, phases met only indirectly."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("insights", error->message);

  if (argc != 2)
    return usage_error ("insights", _("Name one file."));

  if (!(document = load (argv[1])))
    return 1;

  if (!lookup_map (document, argv[1], map_name, &map))
    return 1;

  findings = map ? wf_insights_find (map) : wf_insights_find_all (document);

  /* What a person set aside in the app stays aside here too. */
  for (guint i = findings->len; !all && i > 0; i--)
    if (is_dismissed (g_ptr_array_index (findings, i - 1)))
      g_ptr_array_remove_index (findings, i - 1);

  if (json)
    {
      g_autofree char *text = findings_to_json (findings, all);

      g_print ("%s\n", text);
    }
  else
    print_findings (document, map, findings);

  return 0;
}

static int
cmd_import_metrics (int    argc,
                    char **argv)
{
  g_autofree char *map_name = NULL;
  g_auto(GStrv) columns = NULL;
  gboolean skip_bad = FALSE;
  GOptionEntry entries[] = {
    { "map", 'm', 0, G_OPTION_ARG_STRING, &map_name, N_("The map whose cards and phases get the figures, by its id or number (default: the first)"), N_("ID") },
    { "column", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &columns, N_("What a column holds: phase, card, metric, value, date, target, direction, unit, persona or ignore"), N_("NAME=ROLE") },
    { "skip-bad", 0, 0, G_OPTION_ARG_NONE, &skip_bad, N_("Import the good rows and list the bad ones, instead of importing nothing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = option_context ("import-metrics", _("IN DATA OUT"), entries);
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) in = NULL;
  g_autoptr(GFile) data_file = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *title = NULL;
  WfFiguresCounts counts;
  WfMap *map = NULL;
  Format format;
  gboolean saved;

  g_option_context_set_summary (context, _("Import figures into the cards and phases of a map and write the journey to OUT. DATA is a CSV file as a spreadsheet exports it, with a header row naming the columns (phase, card, metric, value, date, target, direction, unit, persona, or in Dutch fase, kaart, metriek, waarde, datum, doel, richting, eenheid), or TheyDo’s metrics JSON (THEYDO_METRICS_V1). When a row has a problem, nothing is imported and nothing is written."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("import-metrics", error->message);

  if (argc != 4)
    return usage_error ("import-metrics", _("Name the journey to read, the figures to import and the file to write."));

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      const char *eq = strrchr (columns[i], '=');
      WfFiguresRole role;

      if (eq == NULL || eq == columns[i] || !wf_figures_role_from_name (eq + 1, &role))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” does not say which column is what; write NAME=ROLE, where ROLE is phase, card, metric, value, date, target, direction, unit, persona or ignore."), columns[i]);
          return usage_error ("import-metrics", message);
        }
    }

  in = g_file_new_for_commandline_arg (argv[1]);
  data_file = g_file_new_for_commandline_arg (argv[2]);
  out = g_file_new_for_commandline_arg (argv[3]);

  if ((format = format_of_name (out)) != FORMAT_JOURNEY && format != FORMAT_SQLITE)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” does not end in .journey or .sqlite, so the format to write is not known."), argv[3]);
      return usage_error ("import-metrics", message);
    }

  if (same_file (in, out))
    return usage_error ("import-metrics", _("IN and OUT are the same file; write the result to another file."));

  if (!(document = load (argv[1])))
    return 1;

  if (!lookup_map (document, argv[1], map_name, &map))
    return 1;

  /* No more than an import can hold: a file larger is not read, and a
   * pipe is read no further than the limit. */
  if (!(data = wf_figures_load_file (data_file, NULL, &error)))
    {
      print_problem (argv[2], NULL, error->message);
      return 1;
    }

  if (!wf_figures_import (document, map, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                          (const char * const *) columns,
                          skip_bad, &counts, &problems, &error))
    {
      if (problems == NULL || problems->len == 0)
        print_problem (argv[2], NULL, error->message);

      for (guint i = 0; problems != NULL && i < problems->len; i++)
        {
          WfProblem *problem = g_ptr_array_index (problems, i);

          print_problem (argv[2], problem->where, problem->message);
        }

      if (problems != NULL && problems->len >= WF_PROBLEMS_MAX_KEPT)
        {
          g_autofree char *message = g_strdup_printf (_("There are more problems; only the first %u are listed."),
                                                      problems->len);

          print_problem (argv[2], NULL, message);
        }

      return 1;
    }

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      WfProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *message = g_strdup_printf (_("%s (skipped)"), problem->message);

      print_warning (argv[2], problem->where, message);
    }

  if (format == FORMAT_SQLITE)
    saved = wf_sqlite_save_file (document, out, NULL, &error);
  else
    saved = wf_journey_save_file (document, out, NULL, &error);

  if (!saved)
    {
      print_problem (argv[3], NULL, error->message);
      return 1;
    }

  map = map ? map : wf_document_get_map (document, 0);
  title = wf_quote_excerpt (wf_map_get_title (map));
  g_print (_("Imported into “%s”: rows %u, skipped %u; new metrics %u; measurements added %u, replaced %u.\n"),
           title, counts.rows_applied, counts.rows_skipped, counts.metrics_created,
           counts.measurements_added, counts.measurements_replaced);

  return 0;
}

static int
cmd_team (int    argc,
          char **argv)
{
  return wf_cli_team (argc, argv);
}

/* For the subcommands in files of their own (wf-cli-private.h). */

WfDocument *
wf_cli_load (const char *path)
{
  return load (path);
}

int
wf_cli_usage_error (const char *command,
                    const char *message)
{
  return usage_error (command, message);
}

void
wf_cli_print_problem (const char *file,
                      const char *where,
                      const char *message)
{
  print_problem (file, where, message);
}

GOptionContext *
wf_cli_option_context (const char   *command,
                       const char   *args,
                       GOptionEntry *entries)
{
  return option_context (command, args, entries);
}

/* A word that is not a file name: "wayfinder frobnicate". */
static gboolean
looks_like_command (const char *arg)
{
  return strchr (arg, '.') == NULL &&
         strchr (arg, '/') == NULL &&
         strchr (arg, ':') == NULL &&
         !g_file_test (arg, G_FILE_TEST_EXISTS);
}

/**
 * wf_cli_run:
 *
 * Runs a subcommand if argv names one.
 *
 * Returns: the exit status, or %WF_CLI_NOT_A_COMMAND if the application
 *   should start
 */
int
wf_cli_run (int    argc,
            char **argv)
{
  const char *arg;

  if (argc < 2)
    return WF_CLI_NOT_A_COMMAND;

  arg = argv[1];

  if (g_strcmp0 (arg, "--version") == 0)
    {
      g_print ("wayfinder %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0)
    return cmd_help (argc - 1, argv + 1);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (arg, commands[i].name) == 0)
        {
          /* "Usage: wayfinder [OPTION…] convert IN OUT" in --help, not
           * "convert … convert". Only here: the application never starts
           * in this process. */
          g_set_prgname ("wayfinder");
          return commands[i].func (argc - 1, argv + 1);
        }
    }

  if (arg[0] != '-' && looks_like_command (arg))
    {
      g_printerr (_("wayfinder: “%s” is not a command or a file.\n"), arg);
      g_printerr (_("Run “wayfinder help” to see the commands.\n"));
      return EXIT_USAGE;
    }

  return WF_CLI_NOT_A_COMMAND;
}
