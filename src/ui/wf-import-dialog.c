/* wf-import-dialog.c — see a spreadsheet's rows, say what its columns hold, import
 *
 * Shows the first rows of a sheet with a drop-down of roles above each
 * column, preset from the column's name, and imports the figures into a
 * map of the document as one undoable step. Rows with problems are listed
 * and nothing is imported, unless bad rows are to be skipped. TheyDo's
 * metrics JSON needs no columns: the dialog says what it holds.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "storage/wf-problems.h"
#include "storage/wf-sheet.h"
#include "wf-application.h"
#include "wf-import-dialog.h"

/* Rows of the sheet shown, after its header. */
#define PREVIEW_ROWS 20

struct _WfImportDialog
{
  AdwWindow     parent_instance;

  WfDocument   *document;
  GBytes       *data;
  GPtrArray    *names;        /* (element-type utf8): the sheet's header */
  GPtrArray    *role_drops;   /* (element-type GtkDropDown): one a column */
  GSettings    *settings;     /* nullable: the schema may not be installed */
  guint         n_problems;

  GtkLabel     *summary;
  GtkDropDown  *map_drop;
  GtkSwitch    *skip_bad;
  GtkLabel     *problems;
  GtkButton    *import_button;
  GtkButton    *cancel_button;
};

G_DEFINE_FINAL_TYPE (WfImportDialog, wf_import_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Role names as the drop-downs show them, in the order of WfFiguresRole. */
static const char *
role_label (WfFiguresRole role)
{
  switch (role)
    {
    case WF_FIGURES_ROLE_PHASE: return C_("column role", "Phase");
    case WF_FIGURES_ROLE_CARD: return C_("column role", "Card");
    case WF_FIGURES_ROLE_METRIC: return C_("column role", "Metric");
    case WF_FIGURES_ROLE_VALUE: return C_("column role", "Value");
    case WF_FIGURES_ROLE_DATE: return C_("column role", "Date");
    case WF_FIGURES_ROLE_TARGET: return C_("column role", "Target");
    case WF_FIGURES_ROLE_DIRECTION: return C_("column role", "Direction");
    case WF_FIGURES_ROLE_UNIT: return C_("column role", "Unit");
    case WF_FIGURES_ROLE_PERSONA: return C_("column role", "Persona");
    case WF_FIGURES_ROLE_NONE:
    case WF_FIGURES_N_ROLES:
    default:
      return C_("column role", "Ignore");
    }
}

static gboolean
looks_like_json (GBytes *data)
{
  gsize length;
  const char *text = g_bytes_get_data (data, &length);
  gsize start = 0;

  /* Windows tools start UTF-8 with a byte order mark. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  for (gsize i = start; i < length; i++)
    {
      if (g_ascii_isspace (text[i]))
        continue;
      return text[i] == '{' || text[i] == '[';
    }

  return FALSE;
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  if (heading)
    gtk_widget_add_css_class (label, "heading");

  return label;
}

/* Column names as they are remembered: case and spaces do not count. */
static char *
column_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_strdup (g_strstrip (folded));
}

/* The role chosen last for a column of this name, else what its name says. */
static WfFiguresRole
preset_role (WfImportDialog *self,
             const char     *name)
{
  WfFiguresRole role;

  if (self->settings != NULL)
    {
      g_autoptr(GVariant) remembered = g_settings_get_value (self->settings, "import-columns");
      g_autofree char *key = column_key (name);
      const char *word = NULL;

      if (g_variant_lookup (remembered, key, "&s", &word) &&
          (wf_figures_role_from_name (word, &role) || g_strcmp0 (word, "ignore") == 0))
        return role;
    }

  wf_figures_role_from_name (name, &role);

  return role;
}

/* Remembers the roles chosen, for the next sheet with columns so named. */
static void
remember_roles (WfImportDialog *self)
{
  g_autoptr(GVariant) old = NULL;
  g_autoptr(GHashTable) roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  GHashTableIter iter;
  GVariantIter entries;
  const char *key, *word;
  gpointer k, v;

  if (self->settings == NULL)
    return;

  old = g_settings_get_value (self->settings, "import-columns");
  g_variant_iter_init (&entries, old);
  while (g_variant_iter_next (&entries, "{&s&s}", &key, &word))
    g_hash_table_insert (roles, g_strdup (key), (gpointer) word);

  for (guint c = 0; c < self->role_drops->len; c++)
    g_hash_table_insert (roles, column_key (g_ptr_array_index (self->names, c)),
                         (gpointer) wf_figures_role_to_string (wf_import_dialog_get_role (self, c)));

  g_hash_table_iter_init (&iter, roles);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&builder, "{ss}", k, v);

  g_settings_set_value (self->settings, "import-columns", g_variant_builder_end (&builder));
}

/* The grid of the first rows, a drop-down of roles over each column. */
static GtkWidget *
build_preview (WfImportDialog *self,
               WfSheet        *sheet)
{
  GtkWidget *grid = gtk_grid_new ();
  guint n_rows = wf_sheet_get_n_rows (sheet);
  guint n_columns = 0;
  const char * const *header = wf_sheet_get_row (sheet, 0, &n_columns);
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);

  for (guint r = 0; r < WF_FIGURES_N_ROLES; r++)
    gtk_string_list_append (roles, role_label (r));

  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL);
      g_autofree char *name = g_strdup_printf (_("Role of column “%s”"), header[c]);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), preset_role (self, header[c]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_tooltip_text (drop, name);
      gtk_grid_attach (GTK_GRID (grid), drop, c, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell_label (header[c], TRUE), c, 1, 1, 1);
      g_ptr_array_add (self->names, g_strdup (header[c]));
      g_ptr_array_add (self->role_drops, drop);
    }

  for (guint row = 1; row < n_rows && row <= PREVIEW_ROWS; row++)
    {
      guint n_fields = 0;
      const char * const *fields = wf_sheet_get_row (sheet, row, &n_fields);

      for (guint c = 0; c < n_fields && c < n_columns; c++)
        gtk_grid_attach (GTK_GRID (grid), cell_label (fields[c], FALSE), c, row + 1, 1, 1);
    }

  return grid;
}

/* How many metrics a TheyDo export holds, or -1 when it is none. */
static int
count_theydo_metrics (GBytes *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *text = g_bytes_get_data (data, &length);
  JsonNode *root;
  JsonObject *object;

  /* Windows tools start UTF-8 with a byte order mark. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (!json_parser_load_from_data (parser, text, length, NULL))
    return -1;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return -1;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "metrics") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "metrics")))
    return -1;

  return json_array_get_length (json_object_get_array_member (object, "metrics"));
}

static void
show_problems (WfImportDialog *self,
               GPtrArray      *problems,
               const char     *heading)
{
  g_autoptr(GString) text = g_string_new (NULL);

  self->n_problems = problems != NULL ? problems->len : 0;
  if (problems == NULL || problems->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problems), FALSE);
      return;
    }

  g_string_append (text, heading);
  for (guint i = 0; i < problems->len; i++)
    {
      WfProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s: %s", problem->where, problem->message);
    }

  gtk_label_set_text (self->problems, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems), TRUE);
}

static void
on_import_clicked (WfImportDialog *self)
{
  wf_import_dialog_import (self);
}

static void
wf_import_dialog_dispose (GObject *object)
{
  WfImportDialog *self = WF_IMPORT_DIALOG (object);

  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->role_drops, g_ptr_array_unref);

  G_OBJECT_CLASS (wf_import_dialog_parent_class)->dispose (object);
}

static void
wf_import_dialog_class_init (WfImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_import_dialog_dispose;

  /**
   * WfImportDialog::imported:
   * @rows: how many rows of figures were applied
   *
   * The figures were imported, as one step of the undo stack.
   */
  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wf_import_dialog_init (WfImportDialog *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->role_drops = g_ptr_array_new ();

  /* The columns chosen before: the application's settings, where its
   * schema is installed. */
  {
    GApplication *app = g_application_get_default ();

    if (WF_IS_APPLICATION (app))
      g_set_object (&self->settings, wf_application_get_settings (WF_APPLICATION (app)));
  }
}

/**
 * wf_import_dialog_new:
 * @parent: the window it belongs to
 * @document: the document to import into
 * @current: (nullable): the map shown, the one preset to import into
 * @data: the file read: a CSV sheet or TheyDo's metrics JSON
 *
 * Returns: (transfer none): the dialog, not yet shown; GTK keeps it
 *   as it keeps every window, until it is closed
 */
WfImportDialog *
wf_import_dialog_new (GtkWindow  *parent,
                      WfDocument *document,
                      WfMap      *current,
                      GBytes     *data)
{
  WfImportDialog *self;
  GtkWidget *box, *header, *cancel, *content, *row, *label, *scrolled;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  g_return_val_if_fail (WF_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (WF_TYPE_IMPORT_DIALOG,
                       "title", _("Import Figures"),
                       "modal", TRUE,
                       "transient-for", parent,
                       "default-width", 760,
                       "default-height", 560,
                       NULL);
  self->document = g_object_ref (document);
  self->data = g_bytes_ref (data);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  self->cancel_button = GTK_BUTTON (cancel);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->import_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Import")));
  gtk_widget_add_css_class (GTK_WIDGET (self->import_button), "suggested-action");
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->import_button));
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->summary));

  /* The map to import into */
  for (guint i = 0; i < wf_document_get_n_maps (document); i++)
    {
      WfMap *map = wf_document_get_map (document, i);

      gtk_string_list_append (titles, wf_map_get_title (map));
      if (map == current)
        selected = i;
    }
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new_with_mnemonic (_("Import _into map"));
  self->map_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (titles)), NULL));
  gtk_drop_down_set_selected (self->map_drop, selected);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->map_drop));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->map_drop),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->map_drop));

  /* Skipping bad rows */
  label = gtk_label_new_with_mnemonic (_("_Skip bad rows"));
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  self->skip_bad = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->skip_bad), GTK_ALIGN_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->skip_bad));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->skip_bad),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->skip_bad));
  gtk_box_append (GTK_BOX (content), row);

  /* The rows, or what the TheyDo export holds */
  if (looks_like_json (data))
    {
      int n = count_theydo_metrics (data);

      if (n >= 0)
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%d metric from TheyDo",
                                                                "%d metrics from TheyDo", n), n);
          gtk_label_set_text (self->summary, text);
        }
      else
        gtk_label_set_text (self->summary, _("The file is no TheyDo export of metrics."));
    }
  else
    {
      g_autoptr(WfSheet) sheet = wf_sheet_read (g_bytes_get_data (data, NULL),
                                                g_bytes_get_size (data), &error);

      if (sheet == NULL)
        {
          gtk_label_set_text (self->summary, error->message);
          gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
        }
      else
        {
          guint n_rows = wf_sheet_get_n_rows (sheet) - 1;
          g_autofree char *text = g_strdup_printf (g_dngettext (NULL,
                                                                "%u row. Choose what each column holds.",
                                                                "%u rows. Choose what each column holds.",
                                                                n_rows), n_rows);

          gtk_label_set_text (self->summary, text);
          scrolled = gtk_scrolled_window_new ();
          gtk_widget_set_vexpand (scrolled, TRUE);
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), build_preview (self, sheet));
          gtk_box_append (GTK_BOX (content), scrolled);
        }
    }

  self->problems = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->problems, 0);
  gtk_label_set_wrap (self->problems, TRUE);
  gtk_label_set_selectable (self->problems, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problems), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->problems));

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));

  return self;
}

/**
 * wf_import_dialog_get_n_columns:
 *
 * Returns: the columns of the sheet; none for TheyDo's JSON
 */
guint
wf_import_dialog_get_n_columns (WfImportDialog *self)
{
  g_return_val_if_fail (WF_IS_IMPORT_DIALOG (self), 0);

  return self->role_drops->len;
}

void
wf_import_dialog_set_role (WfImportDialog *self,
                           guint           column,
                           WfFiguresRole   role)
{
  g_return_if_fail (WF_IS_IMPORT_DIALOG (self));
  g_return_if_fail (column < self->role_drops->len);
  g_return_if_fail (role < WF_FIGURES_N_ROLES);

  gtk_drop_down_set_selected (g_ptr_array_index (self->role_drops, column), role);
}

WfFiguresRole
wf_import_dialog_get_role (WfImportDialog *self,
                           guint           column)
{
  g_return_val_if_fail (WF_IS_IMPORT_DIALOG (self), WF_FIGURES_ROLE_NONE);
  g_return_val_if_fail (column < self->role_drops->len, WF_FIGURES_ROLE_NONE);

  return gtk_drop_down_get_selected (g_ptr_array_index (self->role_drops, column));
}

void
wf_import_dialog_set_skip_bad (WfImportDialog *self,
                               gboolean        skip_bad)
{
  g_return_if_fail (WF_IS_IMPORT_DIALOG (self));

  gtk_switch_set_active (self->skip_bad, skip_bad);
}

/**
 * wf_import_dialog_import:
 *
 * Imports the figures as the columns are chosen. On success the dialog
 * emits ::imported and closes, unless rows were skipped: then it lists
 * them and stays. On failure it lists the problems; nothing is imported.
 *
 * Returns: whether figures were imported
 */
gboolean
wf_import_dialog_import (WfImportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) columns = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  WfFiguresCounts counts;
  WfMap *map = NULL;
  guint selected;

  g_return_val_if_fail (WF_IS_IMPORT_DIALOG (self), FALSE);

  for (guint c = 0; c < self->role_drops->len; c++)
    {
      WfFiguresRole role = wf_import_dialog_get_role (self, c);
      g_autofree char *column = g_strdup_printf ("%s=%s", (char *) g_ptr_array_index (self->names, c),
                                                 wf_figures_role_to_string (role));

      g_strv_builder_add (builder, column);
    }
  columns = g_strv_builder_end (builder);

  selected = gtk_drop_down_get_selected (self->map_drop);
  if (selected < wf_document_get_n_maps (self->document))
    map = wf_document_get_map (self->document, selected);

  if (!wf_figures_import (self->document, map,
                          g_bytes_get_data (self->data, NULL), g_bytes_get_size (self->data),
                          (const char * const *) columns, gtk_switch_get_active (self->skip_bad),
                          &counts, &problems, &error))
    {
      if (problems != NULL && problems->len > 0)
        show_problems (self, problems, _("Nothing was imported. These rows have problems:"));
      else
        {
          self->n_problems = 1;
          gtk_label_set_text (self->problems, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->problems), TRUE);
        }
      return FALSE;
    }

  remember_roles (self);
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, counts.rows_applied);

  if (problems != NULL && problems->len > 0)
    {
      /* Done, with a note, not a failure: the list in the colour of a
       * warning, and a way out that does not sound like undoing. */
      show_problems (self, problems, _("Imported. These rows were skipped:"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->problems), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->problems), "warning");
      gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
      gtk_button_set_label (self->cancel_button, _("_Close"));
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->cancel_button));
    }
  else
    gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}

/**
 * wf_import_dialog_get_n_problems:
 *
 * Returns: the problems listed by the last import
 */
guint
wf_import_dialog_get_n_problems (WfImportDialog *self)
{
  g_return_val_if_fail (WF_IS_IMPORT_DIALOG (self), 0);

  return self->n_problems;
}
