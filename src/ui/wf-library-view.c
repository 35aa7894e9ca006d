/* wf-library-view.c — the start page: the library's maps, search, templates
 *
 * Shown in a window that has no document: every map in the library with
 * a small preview of its first map, the last change and its size; search
 * over titles and card texts; rename, duplicate and delete (undone from
 * a toast); Open File…; the team's maps (wf-library-team.c); and the
 * templates to start from.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/wf-templates.h"
#include "wf-application.h"
#include "wf-launch.h"
#include "wf-library-team.h"
#include "wf-library-view.h"
#include "wf-message.h"
#include "wf-toast.h"

struct _WfLibraryView
{
  GtkWidget       parent_instance;

  WfLibrary      *library;
  char           *notice_path;       /* the file the notice is about */
  gboolean        notice_dismissed;

  /* Template widgets */
  GtkWidget      *notice;
  GtkLabel       *notice_title;
  GtkLabel       *notice_body;
  GtkLabel       *notice_detail;
  GtkWidget      *notice_button;
  GtkWidget      *scrolled;
  GtkSearchEntry *search_entry;
  GtkListBox     *documents_list;
  GtkWidget      *documents_group;
  GtkListBox     *templates_list;
  WfLibraryTeam  *team_group;
};

enum {
  OPEN_DOCUMENT,
  NEW_FROM_TEMPLATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WfLibraryView, wf_library_view, GTK_TYPE_WIDGET)

/**
 * wf_format_time_ago:
 * @iso8601: a time in UTC
 *
 * Returns: (transfer full): the time as people say it: "just now",
 *   "5 minutes ago", "yesterday", "3 March 2026"
 */
char *
wf_format_time_ago (const char *iso8601)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GTimeSpan age;
  int minutes, hours;

  if (utc == NULL)
    return g_strdup ("");

  time = g_date_time_to_local (utc);
  age = g_date_time_difference (now, time);
  minutes = age / G_TIME_SPAN_MINUTE;
  hours = age / G_TIME_SPAN_HOUR;

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", minutes), minutes);
  if (hours < 24 && g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (time))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", hours), hours);
  if (hours < 48)
    /* Translators: a time yesterday, e.g. "yesterday at 14:05" */
    return g_date_time_format (time, _("yesterday at %H:%M"));

  /* Translators: a date, see the strftime manual page */
  return g_date_time_format (time, _("%-d %B %Y"));
}

/* @text (taken) with a capital first letter. */
static char *
capitalized (char *text)
{
  g_autofree char *owned = text;
  gunichar first = g_utf8_get_char (owned);
  char head[6];
  int len;

  if (first == 0 || g_unichar_istitle (first) || !g_unichar_islower (first))
    return g_steal_pointer (&owned);
  len = g_unichar_to_utf8 (g_unichar_totitle (first), head);
  return g_strdup_printf ("%.*s%s", len, head, g_utf8_next_char (owned));
}

/* The preview: the grid of the first map, each lane tinted by its kind
 * and each cell as dark as it is full.
 */
static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  WfPreview *preview = user_data;
  static const double tints[][3] = {
    [WF_LANE_TOUCHPOINTS]   = { 0.21, 0.52, 0.89 },
    [WF_LANE_ACTIONS]       = { 0.38, 0.21, 0.51 },
    [WF_LANE_THOUGHTS]      = { 0.60, 0.76, 0.95 },
    [WF_LANE_EMOTIONS]      = { 0.90, 0.65, 0.04 },
    [WF_LANE_PAIN_POINTS]   = { 0.88, 0.11, 0.14 },
    [WF_LANE_OPPORTUNITIES] = { 0.18, 0.76, 0.49 },
    [WF_LANE_CHANNELS]      = { 0.40, 0.40, 0.40 },
    [WF_LANE_METRICS]       = { 0.60, 0.40, 0.20 },
    [WF_LANE_BACKSTAGE]     = { 0.47, 0.47, 0.47 },
    [WF_LANE_NOTES]         = { 0.96, 0.83, 0.18 },
  };
  double cell_w, cell_h;

  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.12);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  if (preview == NULL || preview->n_phases == 0 || preview->n_lanes == 0)
    return;

  cell_w = (double) width / preview->n_phases;
  cell_h = (double) height / preview->n_lanes;

  for (guint l = 0; l < preview->n_lanes; l++)
    {
      const double *tint = tints[MIN (preview->kinds[l], WF_N_LANE_KINDS - 1)];

      for (guint p = 0; p < preview->n_phases; p++)
        {
          guint count = preview->counts[l * preview->n_phases + p];
          double alpha = count == 0 ? 0.10 : MIN (0.35 + 0.15 * count, 0.95);

          cairo_set_source_rgba (cr, tint[0], tint[1], tint[2], alpha);
          cairo_rectangle (cr, p * cell_w + 1, l * cell_h + 1, MAX (cell_w - 2, 1), MAX (cell_h - 2, 1));
          cairo_fill (cr);
        }
    }
}

static GtkWidget *
make_preview (WfLibraryView *self,
              gint64         id)
{
  GtkWidget *area = gtk_drawing_area_new ();
  WfPreview *preview = wf_library_get_preview (self->library, id);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 72);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 44);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (area, "card");
  gtk_widget_set_overflow (area, GTK_OVERFLOW_HIDDEN);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_preview,
                                  preview, (GDestroyNotify) wf_preview_free);

  return area;
}

static GMenuModel *
make_row_menu (gint64   id,
               gboolean open)
{
  GMenu *menu = g_menu_new ();
  static const struct {
    const char *label;
    const char *action;
    gboolean    when_open;
  } items[] = {
    { N_("_Open"), "library.open", TRUE },
    { N_("_Rename…"), "library.rename", FALSE },
    { N_("D_uplicate"), "library.duplicate", TRUE },
    { N_("_Delete"), "library.delete", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (open && !items[i].when_open)
        continue;

      item = g_menu_item_new (_(items[i].label), NULL);
      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_int64 (id));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static GtkWidget *
make_row (WfLibraryView  *self,
          WfLibraryEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = make_row_menu (entry->id, entry->open);
  g_autofree char *ago = wf_format_time_ago (entry->changed);
  g_autofree char *maps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u map", "%u maps", entry->n_maps), entry->n_maps);
  g_autofree char *cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", entry->n_cards), entry->n_cards);
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *menu_label = NULL;
  const char *title = *entry->title ? entry->title : _("Untitled Journey");

  /* Translators: "Edited 5 minutes ago · 2 maps · 40 cards"; the first
   * letter is made a capital, so the time may come first ("zojuist") */
  subtitle = g_strdup_printf (_("Edited %s · %s · %s"), ago, maps, cards);
  subtitle = capitalized (subtitle);
  if (entry->open)
    {
      char *open = g_strdup_printf ("%s · %s", subtitle, _("open in a window"));

      g_free (subtitle);
      subtitle = open;
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), make_preview (self, entry->id));

  if (entry->path != NULL)
    {
      tooltip = g_strdup_printf (_("Linked to %s"), entry->path);
      gtk_widget_set_tooltip_text (row, tooltip);
    }
  /* GTK 4.8 gives a row no description of its own; a screen reader
   * says the subtitle, and the linked file, after the title. */
  {
    g_autofree char *description = tooltip ? g_strdup_printf ("%s · %s", subtitle, tooltip) : g_strdup (subtitle);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  }

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  menu_label = g_strdup_printf (_("Actions for “%s”"), title);
  gtk_widget_set_tooltip_text (menu_button, _("More Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "document-id", g_memdup2 (&entry->id, sizeof entry->id), g_free);

  return row;
}

static gint64
row_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "document-id");

  return id ? *id : 0;
}

static void
show_error (WfLibraryView *self,
            const char    *heading,
            const GError  *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  wf_message_show (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, error->message);
}

/* The notice: what became of a library that could not be used as it
 * was. The window cannot go on as if nothing happened: the journeys in
 * the library are what people make here.
 */

/* "“Webshop” (12 of 18 cards)" */
static char *
describe_recovered (const WfRecoveredDocument *document)
{
  const char *title = *document->title ? document->title : _("Untitled Journey");

  if (document->revision != NULL)
    {
      g_autofree char *ago = wf_format_time_ago (document->revision);

      /* Translators: a journey rebuilt from an earlier version of it,
       * "“Webshop” (as it was yesterday at 14:05)" */
      return g_strdup_printf (_("“%s” (as it was %s)"), title, ago);
    }

  if (document->expected_cards >= 0 && (guint) document->expected_cards > document->n_cards)
    /* Translators: "“Webshop” (12 of 18 cards)" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” (%u of %d card)", "“%s” (%u of %d cards)",
                                         document->expected_cards),
                            title, document->n_cards, document->expected_cards);

  /* Translators: a journey's title in a list */
  return g_strdup_printf (_("“%s”"), title);
}

static char *
describe_recovery (const WfLibraryRecovery *recovery)
{
  g_autofree char *name = g_path_get_basename (recovery->damaged_path);
  GString *body = g_string_new (NULL);

  if (recovery->empty)
    {
      g_string_append (body, _("Something emptied the library file, so the journeys it held cannot be "
                               "recovered from it. Wayfinder started a new library. Journeys you saved "
                               "as files can be opened again with Open File."));
    }
  else if (recovery->n_documents == 0)
    {
      g_string_append (body, _("Wayfinder could not read its library file and started a new library. "
                               "Nothing could be recovered from the damaged file."));
    }
  else
    {
      g_autofree char *journeys = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u journey", "%u journeys",
                                                                recovery->n_documents), recovery->n_documents);
      g_autofree char *maps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u map", "%u maps",
                                                            recovery->n_maps), recovery->n_maps);
      g_autofree char *cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards",
                                                             recovery->n_cards), recovery->n_cards);
      /* Translators: "3 journeys with 5 maps and 48 cards" */
      g_autofree char *counts = g_strdup_printf (_("%s with %s and %s"), journeys, maps, cards);

      g_string_append_printf (body, _("Wayfinder could not read its library file and started a new library. "
                                      "It recovered what could still be read: %s."), counts);
    }

  if (recovery->incomplete->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      guint shown = MIN (recovery->incomplete->len, 5);

      for (guint i = 0; i < shown; i++)
        {
          g_autofree char *one = describe_recovered (g_ptr_array_index (recovery->incomplete, i));

          if (i > 0)
            g_string_append (list, ", ");
          g_string_append (list, one);
        }

      if (recovery->incomplete->len > shown)
        {
          guint more = recovery->incomplete->len - shown;

          g_string_append (list, " ");
          g_string_append_printf (list, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more), more);
        }

      g_string_append (body, "\n\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "Check this journey, which may not have come back whole: %s.",
                                                 "Check these journeys, which may not have come back whole: %s.",
                                                 recovery->incomplete->len),
                              list->str);
    }

  g_string_append (body, "\n\n");
  g_string_append_printf (body, recovery->empty ? _("The empty file was kept as “%s”, next to the library.")
                                                : _("The damaged file was kept as “%s”, next to the library."),
                          name);

  return g_string_free (body, FALSE);
}

static void
update_notice (WfLibraryView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  const WfLibraryRecovery *recovery = self->library ? wf_library_get_recovery (self->library) : NULL;
  const GError *read_only = self->library ? wf_library_get_read_only_reason (self->library) : NULL;
  const GError *unusable = NULL;
  const char *title = NULL;
  g_autofree char *body = NULL;
  const char *detail = NULL;

  g_clear_pointer (&self->notice_path, g_free);

  if (self->library == NULL && WF_IS_APPLICATION (app))
    wf_application_get_library (WF_APPLICATION (app), &unusable);

  if (recovery != NULL)
    {
      title = recovery->empty ? _("The Library File Was Empty") : _("The Library Was Damaged");
      body = describe_recovery (recovery);
      detail = recovery->reason ? recovery->reason->message : NULL;
      self->notice_path = g_strdup (recovery->damaged_path);
    }
  else if (read_only != NULL)
    {
      title = _("The Library Cannot Be Changed");
      body = g_strdup (_("Wayfinder cannot write to its library file or to its folder. You can open the "
                         "journeys in it, but changes are not kept in the library: save a journey as a "
                         "file to keep them."));
      detail = read_only->message;
      self->notice_path = g_strdup (wf_library_get_path (self->library));
    }
  else if (unusable != NULL)
    {
      title = _("The Library Cannot Be Used");
      body = g_strdup (_("Journeys you open or start are not kept in the library this time: save them "
                         "as files to keep them."));
      detail = unusable->message;
      self->notice_path = wf_library_get_default_path ();
    }

  if (title != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self->notice_path);

      gtk_label_set_text (self->notice_title, title);
      gtk_label_set_text (self->notice_body, body);
      gtk_label_set_text (self->notice_detail, detail ? detail : "");
      gtk_widget_set_visible (GTK_WIDGET (self->notice_detail), detail != NULL);
      gtk_widget_set_visible (self->notice_button, g_file_test (dir, G_FILE_TEST_IS_DIR));
    }

  gtk_widget_set_visible (self->notice, title != NULL && !self->notice_dismissed);
}

static void
on_notice_dismissed (WfLibraryView *self)
{
  self->notice_dismissed = TRUE;
  gtk_widget_set_visible (self->notice, FALSE);
}

static void
show_folder_fallback (WfLibraryView *self,
                      const char    *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (folder);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    wf_launch_uri (GTK_WINDOW (root), uri);
}

static void
on_show_items_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(WfLibraryView) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (!(reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error)) &&
      self->notice_path != NULL)
    {
      g_debug ("The file manager cannot show %s: %s", self->notice_path, error->message);
      show_folder_fallback (self, self->notice_path);
    }
}

/* The file manager, with the file selected; or else its folder. */
static void
on_show_folder_clicked (WfLibraryView *self)
{
  GApplication *app = g_application_get_default ();
  GDBusConnection *bus = app ? g_application_get_dbus_connection (app) : NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };

  if (self->notice_path == NULL)
    return;

  if (bus == NULL || !g_file_test (self->notice_path, G_FILE_TEST_EXISTS))
    {
      show_folder_fallback (self, self->notice_path);
      return;
    }

  file = g_file_new_for_path (self->notice_path);
  uri = g_file_get_uri (file);
  uris[0] = uri;
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE,
                          5000, NULL, on_show_items_done, g_object_ref (self));
}

/**
 * wf_library_view_refresh:
 *
 * Lists the library again, as the search entry asks.
 */
void
wf_library_view_refresh (WfLibraryView *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *search;
  GtkWidget *child;
  g_return_if_fail (WF_IS_LIBRARY_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->documents_list))))
    gtk_list_box_remove (self->documents_list, child);

  if (self->library == NULL)
    return;

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (!(entries = wf_library_list (self->library, search, &error)))
    {
      g_warning ("The library could not be listed: %s", error->message);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->documents_list, make_row (self, g_ptr_array_index (entries, i)));

  if (entries->len == 0)
    {
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (*search != '\0')
        text = g_strdup_printf (_("No maps contain “%s”"), search);
      else
        text = g_strdup (_("No maps yet. Start from a template below."));

      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 18);
      gtk_widget_set_margin_bottom (label, 18);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_list_box_append (self->documents_list, label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
    }
}

/* Actions on one document, from the row's menu */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  g_signal_emit (widget, signals[OPEN_DOCUMENT], 0, g_variant_get_int64 (param));
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    WfLibraryView    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "document-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  if (!wf_library_rename (self->library, id, gtk_editable_get_text (entry), &error))
    show_error (self, _("Could Not Rename the Map"), error);

  wf_library_view_refresh (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WfLibraryView *self = WF_LIBRARY_VIEW (widget);
  gint64 id = g_variant_get_int64 (param);
  g_autoptr(WfLibraryEntry) entry = wf_library_get_entry (self->library, id);
  GtkWidget *dialog, *text;

  if (entry == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Rename Map"), NULL);
  text = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (text), entry->title);
  gtk_entry_set_activates_default (GTK_ENTRY (text), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), text);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "document-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_rename_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  WfLibraryView *self = WF_LIBRARY_VIEW (widget);
  gint64 id = g_variant_get_int64 (param);
  g_autoptr(WfLibraryEntry) entry = wf_library_get_entry (self->library, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (entry == NULL)
    return;

  /* Translators: the title of a copy of a map */
  title = g_strdup_printf (_("%s (Copy)"), *entry->title ? entry->title : _("Untitled Journey"));
  if (!wf_library_duplicate (self->library, id, title, &error))
    show_error (self, _("Could Not Duplicate the Map"), error);

  wf_library_view_refresh (self);
}

static void
on_undo_delete (AdwToast      *toast,
                WfLibraryView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (toast), "document-id");
  g_autoptr(GError) error = NULL;

  if (!wf_library_set_trashed (self->library, id, FALSE, &error))
    show_error (self, _("Could Not Restore the Map"), error);

  wf_library_view_refresh (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WfLibraryView *self = WF_LIBRARY_VIEW (widget);
  gint64 id = g_variant_get_int64 (param);
  g_autoptr(WfLibraryEntry) entry = wf_library_get_entry (self->library, id);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (entry == NULL)
    return;

  if (!wf_library_set_trashed (self->library, id, TRUE, &error))
    {
      show_error (self, _("Could Not Delete the Map"), error);
      return;
    }

  wf_library_view_refresh (self);

  /* Deleted maps stay in the library's trash until Wayfinder quits. */
  message = g_strdup_printf (_("“%s” deleted"), *entry->title ? entry->title : _("Untitled Journey"));
  toast = wf_toast_new_text (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "document-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete), self, 0);

  if (overlay != NULL)
    wf_toast_show (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

/* Signals of the widgets */

static void
on_document_activated (GtkListBox    *list,
                       GtkListBoxRow *row,
                       WfLibraryView *self)
{
  gint64 id = row_id (row);

  if (id != 0)
    g_signal_emit (self, signals[OPEN_DOCUMENT], 0, id);
}

static void
on_template_activated (GtkListBox    *list,
                       GtkListBoxRow *row,
                       WfLibraryView *self)
{
  g_signal_emit (self, signals[NEW_FROM_TEMPLATE], 0,
                 (const char *) g_object_get_data (G_OBJECT (row), "template-id"));
}

static void
on_team_open_document (WfLibraryView *self,
                       gint64         id)
{
  g_signal_emit (self, signals[OPEN_DOCUMENT], 0, id);
}

static void
on_search_changed (WfLibraryView *self)
{
  wf_library_view_refresh (self);
}

static void
on_search_activate (WfLibraryView *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->documents_list, 0);

  if (first != NULL && row_id (first) != 0)
    g_signal_emit (self, signals[OPEN_DOCUMENT], 0, row_id (first));
}

static void
fill_templates (WfLibraryView *self)
{
  const char * const *ids = wf_templates_get_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wf_templates_get_name (ids[i], NULL));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), wf_templates_get_description (ids[i], NULL));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      wf_templates_get_description (ids[i], NULL), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "template-id", g_strdup (ids[i]), g_free);
      gtk_list_box_append (self->templates_list, row);
    }
}

static void
wf_library_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (wf_library_view_parent_class)->map (widget);

  wf_library_view_refresh (WF_LIBRARY_VIEW (widget));
  wf_library_team_refresh (WF_LIBRARY_VIEW (widget)->team_group);
}

static void
wf_library_view_dispose (GObject *object)
{
  WfLibraryView *self = WF_LIBRARY_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WF_TYPE_LIBRARY_VIEW);
  g_clear_object (&self->library);
  g_clear_pointer (&self->notice_path, g_free);

  G_OBJECT_CLASS (wf_library_view_parent_class)->dispose (object);
}

static void
wf_library_view_class_init (WfLibraryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_library_view_dispose;
  widget_class->map = wf_library_view_map;

  /**
   * WfLibraryView::open-document:
   * @id: a document of the library
   */
  signals[OPEN_DOCUMENT] =
    g_signal_new ("open-document", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * WfLibraryView::new-from-template:
   * @id: a template id
   */
  signals[NEW_FROM_TEMPLATE] =
    g_signal_new ("new-from-template", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/wf-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WfLibraryView, notice);
  gtk_widget_class_bind_template_child (widget_class, WfLibraryView, notice_title);
  gtk_widget_class_bind_template_child (widget_class, WfLibraryView, notice_body);
  gtk_widget_class_bind_template_child (widget_class, WfLibraryView, notice_detail);
  gtk_widget_class_bind_template_child (widget_class, WfLibraryView, notice_button);
  gtk_widget_class_bind_template_child (widget_class, WfLibraryView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, WfLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WfLibraryView, documents_list);
  gtk_widget_class_bind_template_child (widget_class, WfLibraryView, documents_group);
  gtk_widget_class_bind_template_child (widget_class, WfLibraryView, templates_list);
  gtk_widget_class_bind_template_child (widget_class, WfLibraryView, team_group);
  gtk_widget_class_bind_template_callback (widget_class, on_team_open_document);
  gtk_widget_class_bind_template_callback (widget_class, on_document_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_template_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_notice_dismissed);
  gtk_widget_class_bind_template_callback (widget_class, on_show_folder_clicked);

  gtk_widget_class_install_action (widget_class, "library.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "library.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "library.duplicate", "x", duplicate_action);
  gtk_widget_class_install_action (widget_class, "library.delete", "x", delete_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wf_library_view_init (WfLibraryView *self)
{
  g_type_ensure (WF_TYPE_LIBRARY_TEAM);
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_templates (self);
}

GtkWidget *
wf_library_view_new (void)
{
  return g_object_new (WF_TYPE_LIBRARY_VIEW, NULL);
}

/**
 * wf_library_view_set_library:
 * @library: (nullable): the library, or %NULL when it cannot be used
 */
void
wf_library_view_set_library (WfLibraryView *self,
                             WfLibrary     *library)
{
  g_return_if_fail (WF_IS_LIBRARY_VIEW (self));

  g_set_object (&self->library, library);
  wf_library_team_set_library (self->team_group, library);

  /* What the library is, once: not again at every key of a search. */
  gtk_widget_set_visible (self->documents_group, self->library != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), self->library != NULL);
  update_notice (self);
  if (self->library != NULL)
    {
      /* Nothing can be changed in a library that cannot be written. */
      gboolean writable = wf_library_get_read_only_reason (self->library) == NULL;

      gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.rename", writable);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.duplicate", writable);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.delete", writable);
    }

  wf_library_view_refresh (self);
}

/**
 * wf_library_view_set_team_account:
 * @account: (nullable): the team server, for the Team group
 */
void
wf_library_view_set_team_account (WfLibraryView *self,
                                  WfTeamAccount *account)
{
  g_return_if_fail (WF_IS_LIBRARY_VIEW (self));

  wf_library_team_set_account (self->team_group, account);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    wf_library_team_refresh (self->team_group);
}

/**
 * wf_library_view_get_team_group:
 *
 * Returns: (transfer none): the Team group, for tests
 */
GtkWidget *
wf_library_view_get_team_group (WfLibraryView *self)
{
  g_return_val_if_fail (WF_IS_LIBRARY_VIEW (self), NULL);

  return GTK_WIDGET (self->team_group);
}
