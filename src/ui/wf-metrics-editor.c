/* wf-metrics-editor.c — the figures of a card or a phase, edited over time
 *
 * One expander row per metric: its name as title, and as subtitle its
 * latest value with unit, the trend against the measurement before it and
 * whether it meets its target, all in words. Opened, it edits the name,
 * unit, direction and target, lists the measurements newest first, each
 * with a remove button, and adds a measurement by date and value. Below
 * the rows a new metric is added; a phase's metric is for a persona or
 * for everyone.
 *
 * Each change sets the item's metrics property through wf_edit_set(), and
 * is sealed as one undo step. The model is the truth: when the property
 * changes (an edit here, undo, redo) the rows are built again, with the
 * same rows open and the focus on the same control if it still exists.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wf-metrics-editor.h"

struct _WfMetricsEditor
{
  GtkWidget            parent_instance;

  WfItem              *item;
  char                *property;
  WfDocument          *document;
  GVariant            *shown;        /* what the rows show */
  GPtrArray           *rows;         /* the metrics' expander rows */
  GPtrArray           *old_rows;     /* replaced, kept until idle */
  guint                old_rows_id;
  GHashTable          *widgets;      /* key → widget of the rows, see make_key() */
  GHashTable          *expanded;     /* metric keys of the open rows */
  GPtrArray           *personas;     /* of the "For" list, after "Everyone" */
  struct {
    char *from;                      /* a metric key being renamed … */
    char *to;                        /* … to this one */
  } rename;

  AdwPreferencesGroup *group;
  GtkWidget           *for_box;
  GtkDropDown         *for_dropdown;
  GtkEntry            *name_entry;
  GtkEntry            *value_entry;
  GtkWidget           *add_button;
};

G_DEFINE_FINAL_TYPE (WfMetricsEditor, wf_metrics_editor, GTK_TYPE_WIDGET)

/* The units offered; anything else is typed under "Other". */
static const char *units[] = { "", "%", "€", "count", "score" };
#define UNIT_OTHER G_N_ELEMENTS (units)

/* Helpers */

/* A metric is known by its persona and name; a control by its metric and
 * role, "persona\x1fname\x1erole". */
static char *
metric_key (const char *name,
            const char *persona)
{
  return g_strconcat (persona ? persona : "", "\x1f", name, NULL);
}

static char *
make_key (const char *metric,
          const char *role)
{
  return g_strconcat (metric, "\x1e", role, NULL);
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*copy == '\0')
    return FALSE;

  /* Either decimal separator will do. */
  g_strdelimit (copy, ",", '.');
  *value = g_ascii_strtod (copy, &end);

  return *end == '\0' && isfinite (*value);
}

/* ISO ("2026-10-31") or as the locale writes dates ("31-10-2026",
 * "10/31/26"); empty is undated. */
static gboolean
parse_date (const char *text,
            char        date[11])
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  GDate parsed;

  date[0] = '\0';
  if (*copy == '\0')
    return TRUE;

  if (wf_date_is_valid (copy))
    {
      g_strlcpy (date, copy, 11);
      return TRUE;
    }

  /* g_date_set_parse() takes a lone number as a day of this month. */
  if (strspn (copy, "0123456789") == strlen (copy))
    return FALSE;

  g_date_clear (&parsed, 1);
  g_date_set_parse (&parsed, copy);
  if (!g_date_valid (&parsed))
    return FALSE;

  g_snprintf (date, 11, "%04u-%02u-%02u",
              g_date_get_year (&parsed), g_date_get_month (&parsed), g_date_get_day (&parsed));

  return wf_date_is_valid (date);
}

static GDateTime *
date_time_from_iso (const char *date)
{
  return g_date_time_new_local (atoi (date), atoi (date + 5), atoi (date + 8), 0, 0, 0);
}

/* "31 October 2026", or "Undated" */
static char *
format_date_long (const char *date)
{
  g_autoptr(GDateTime) time = NULL;

  if (*date == '\0')
    return g_strdup (_("Undated"));

  time = date_time_from_iso (date);
  /* Translators: a measurement's date, see g_date_time_format() */
  return g_date_time_format (time, _("%-d %B %Y"));
}

/* As the locale writes a date short: "10/31/26", "31-10-26" */
static char *
format_date_short (GDateTime *time)
{
  return g_date_time_format (time, "%x");
}

static char *
format_number (double value)
{
  return g_strdup_printf ("%.6g", value);
}

static void
set_error (GtkWidget *widget,
           gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static const char *
persona_name (WfMetricsEditor *self,
              const char      *id)
{
  WfItem *persona = self->document != NULL ? wf_document_lookup (self->document, id) : NULL;

  return WF_IS_PERSONA (persona) ? wf_persona_get_name (WF_PERSONA (persona)) : id;
}

/* Takes @text, "▲ up from 3.1%", and puts a no-break space after the
 * symbol (or for @all, between all of its words), so that a wrapped
 * subtitle never leaves the symbol without its words. */
static char *
keep_symbol (char     *text,
             gboolean  all)
{
  g_auto(GStrv) words = g_strsplit (text, " ", all ? -1 : 2);

  g_free (text);
  return g_strjoinv ("\u00a0", words);
}

/* "For Anna · 3.4% · ▲ up from 3.1% · ✓ on target" */
static char *
describe (WfMetricsEditor *self,
          const WfMetric  *metric)
{
  const WfMeasurement *latest = wf_metric_get_latest (metric);
  const WfMeasurement *previous = wf_metric_get_previous (metric);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (*metric->persona != '\0')
    /* Translators: whom a phase's metric is about; %s is a persona's name */
    g_ptr_array_add (parts, g_strdup_printf (_("For %s"), persona_name (self, metric->persona)));

  if (latest == NULL)
    g_ptr_array_add (parts, g_strdup (_("No measurements")));
  else
    g_ptr_array_add (parts, wf_metric_format_value (metric, latest->value));

  if (latest != NULL && previous != NULL)
    {
      g_autofree char *before = wf_metric_format_value (metric, previous->value);
      int trend = wf_metric_get_trend (metric);

      if (trend > 0)
        /* Translators: the trend of a metric; %s is its value before */
        g_ptr_array_add (parts, keep_symbol (g_strdup_printf (_("▲ up from %s"), before), FALSE));
      else if (trend < 0)
        /* Translators: the trend of a metric; %s is its value before */
        g_ptr_array_add (parts, keep_symbol (g_strdup_printf (_("▼ down from %s"), before), FALSE));
      else
        /* Translators: the trend of a metric; %s is its value before */
        g_ptr_array_add (parts, keep_symbol (g_strdup_printf (_("= same as %s"), before), FALSE));
    }

  switch (wf_metric_get_target_state (metric))
    {
    case WF_TARGET_MET:
      g_ptr_array_add (parts, keep_symbol (g_strdup (_("✓ on target")), TRUE));
      break;
    case WF_TARGET_MISSED:
      g_ptr_array_add (parts, keep_symbol (g_strdup (_("✗ off target")), TRUE));
      break;
    case WF_TARGET_NONE:
    default:
      break;
    }

  g_ptr_array_add (parts, NULL);
  /* No line starts with the dot between the parts. */
  return g_strjoinv ("\u00a0· ", (char **) parts->pdata);
}

static GVariant *
get_metrics (WfMetricsEditor *self)
{
  GVariant *metrics = NULL;

  if (self->item != NULL)
    g_object_get (self->item, self->property, &metrics, NULL);

  return metrics;
}

static void
seal (WfMetricsEditor *self)
{
  if (self->document != NULL)
    wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
}

/* Sets the item's metrics, as one step. */
static void
set_metrics (WfMetricsEditor *self,
             GPtrArray       *metrics)
{
  seal (self);
  /* wf_edit_set() sinks the floating reference; none left is NULL. */
  wf_edit_set (self->item, self->property, wf_metrics_to_variant (metrics), NULL);
  seal (self);
}

/* The metrics as they are now, and in them the one @widget belongs to. */
static WfMetric *
find_metric (WfMetricsEditor *self,
             GtkWidget       *widget,
             GPtrArray      **metrics)
{
  g_autoptr(GVariant) variant = get_metrics (self);
  const char *name = g_object_get_data (G_OBJECT (widget), "wf-metric-name");
  const char *persona = g_object_get_data (G_OBJECT (widget), "wf-metric-persona");

  *metrics = wf_metrics_from_variant (variant);
  return name != NULL ? wf_metrics_find (*metrics, name, persona) : NULL;
}

static void
remember (WfMetricsEditor *self,
          GtkWidget       *widget,
          const WfMetric  *metric,
          const char      *role)
{
  g_autofree char *key = metric_key (metric->name, metric->persona);

  g_object_set_data_full (G_OBJECT (widget), "wf-metric-name", g_strdup (metric->name), g_free);
  g_object_set_data_full (G_OBJECT (widget), "wf-metric-persona", g_strdup (metric->persona), g_free);
  g_object_set_data_full (G_OBJECT (widget), "wf-key", make_key (key, role), g_free);
  g_hash_table_insert (self->widgets, make_key (key, role), widget);
}

/* The key of the control in the rows that has the focus. */
static char *
get_focus_key (WfMetricsEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      const char *key = g_object_get_data (G_OBJECT (w), "wf-key");

      if (key != NULL)
        return g_strdup (key);
    }

  return NULL;
}

/* A key of a metric being renamed, as it will be called. */
static char *
follow_rename (WfMetricsEditor *self,
               const char      *key)
{
  gsize length;

  if (self->rename.from != NULL && g_str_has_prefix (key, self->rename.from))
    {
      length = strlen (self->rename.from);
      if (key[length] == '\0' || key[length] == '\x1e')
        return g_strconcat (self->rename.to, key + length, NULL);
    }

  return g_strdup (key);
}

/* Model → widgets */

static void on_row_remove_clicked     (WfMetricsEditor *self, GtkButton *button);
static void on_name_apply             (WfMetricsEditor *self, AdwEntryRow *row);
static void on_unit_selected          (WfMetricsEditor *self, GParamSpec *pspec, AdwComboRow *row);
static void on_unit_text_apply        (WfMetricsEditor *self, AdwEntryRow *row);
static void on_direction_selected     (WfMetricsEditor *self, GParamSpec *pspec, AdwComboRow *row);
static void on_target_changed         (WfMetricsEditor *self, AdwEntryRow *row);
static void on_target_apply           (WfMetricsEditor *self, AdwEntryRow *row);
static void on_measurement_remove_clicked (WfMetricsEditor *self, GtkButton *button);
static void on_measurement_entry_changed  (WfMetricsEditor *self, GtkEntry *entry);
static void on_add_measurement        (WfMetricsEditor *self, GtkWidget *widget);

static gboolean
collapse_row (GtkWidget *row,
              GVariant  *args,
              gpointer   data)
{
  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    return FALSE;

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
  gtk_widget_grab_focus (row);
  return TRUE;
}

static GtkWidget *
new_entry_row (WfMetricsEditor *self,
               const WfMetric  *metric,
               const char      *role,
               const char      *title,
               const char      *text,
               GCallback        apply)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_swapped (row, "apply", apply, self);
  g_signal_connect_swapped (row, "entry-activated", apply, self);
  remember (self, row, metric, role);

  return row;
}

static GtkWidget *
new_combo_row (WfMetricsEditor *self,
               const WfMetric  *metric,
               const char      *role,
               const char      *title,
               const char     **labels,
               guint            selected,
               GCallback        callback)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect_swapped (row, "notify::selected", callback, self);
  remember (self, row, metric, role);

  return row;
}

static GtkWidget *
new_measurement_row (WfMetricsEditor     *self,
                     const WfMetric      *metric,
                     const WfMeasurement *m)
{
  g_autofree char *date = format_date_long (m->date);
  g_autofree char *value = wf_metric_format_value (metric, m->value);
  g_autofree char *label = NULL;
  g_autofree char *role = g_strconcat ("remove:", m->date, NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value_label, *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  /* One stop for Tab: its remove button, which names the date. */
  gtk_widget_set_focusable (row, FALSE);
  value_label = gtk_label_new (value);
  gtk_widget_add_css_class (value_label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Measurement"));
  if (*m->date != '\0')
    /* Translators: a button's name for screen readers; %s is a date as "31 October 2026" */
    label = g_strdup_printf (_("Remove measurement of %s"), date);
  else
    label = g_strdup (_("Remove undated measurement"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "wf-date", g_strdup (m->date), g_free);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_measurement_remove_clicked), self);
  remember (self, button, metric, role);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

/* Date, value and Add, for a new measurement of @metric. */
static GtkWidget *
new_add_measurement_row (WfMetricsEditor *self,
                         const WfMetric  *metric)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) example = g_date_time_new_local (2026, 10, 31, 0, 0, 0);
  g_autofree char *today = format_date_short (now);
  g_autofree char *placeholder = format_date_short (example);
  g_autofree char *tooltip = NULL;
  GtkWidget *row, *outer, *heading, *box, *date, *value, *button;

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  gtk_widget_set_margin_top (outer, 8);
  gtk_widget_set_margin_bottom (outer, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);

  heading = gtk_label_new (_("Add Measurement"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "caption");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_box_append (GTK_BOX (outer), heading);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (outer), box);


  date = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (date), today);
  gtk_entry_set_placeholder_text (GTK_ENTRY (date), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (date), 8);
  gtk_widget_set_hexpand (date, TRUE);
  /* Translators: %s is a date as the locale writes it short */
  tooltip = g_strdup_printf (_("The date, as %s or 2026-10-31; empty for undated"), placeholder);
  gtk_widget_set_tooltip_text (date, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (date),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date of the new measurement"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
  g_signal_connect_swapped (date, "activate", G_CALLBACK (on_add_measurement), self);
  g_signal_connect_swapped (date, "changed", G_CALLBACK (on_measurement_entry_changed), self);
  remember (self, date, metric, "date");
  gtk_box_append (GTK_BOX (box), date);

  value = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (value), _("Value"));
  gtk_entry_set_input_purpose (GTK_ENTRY (value), GTK_INPUT_PURPOSE_NUMBER);
  gtk_editable_set_width_chars (GTK_EDITABLE (value), 5);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value of the new measurement"),
                                  -1);
  g_signal_connect_swapped (value, "activate", G_CALLBACK (on_add_measurement), self);
  g_signal_connect_swapped (value, "changed", G_CALLBACK (on_measurement_entry_changed), self);
  remember (self, value, metric, "value");
  gtk_box_append (GTK_BOX (box), value);

  /* An icon, so that the entries keep their room in a narrow sidebar. */
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (button, _("Add Measurement"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Measurement"),
                                  -1);
  gtk_widget_set_sensitive (button, FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_add_measurement), self);
  remember (self, button, metric, "add");
  gtk_box_append (GTK_BOX (box), button);

  return row;
}

static GtkWidget *
new_metric_row (WfMetricsEditor *self,
                const WfMetric  *metric)
{
  const char *unit_labels[] = {
    /* Translators: a metric without unit */
    C_("unit", "None"), "%", "€", _("Count"), _("Score"), _("Other"), NULL
  };
  const char *direction_labels[] = {
    /* Translators: a metric that is neither better higher nor lower */
    C_("direction", "None"), _("Higher is better"), _("Lower is better"), NULL
  };
  g_autofree char *key = metric_key (metric->name, metric->persona);
  g_autofree char *subtitle = describe (self, metric);
  g_autofree char *remove_label = NULL;
  g_autofree char *target = metric->has_target ? format_number (metric->target) : g_strdup ("");
  g_autoptr(GtkShortcut) escape = NULL;
  GtkEventController *shortcuts;
  GtkWidget *row, *button, *unit_text;
  guint unit = UNIT_OTHER;

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), metric->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  remember (self, row, metric, "row");

  /* Escape closes the row, from anywhere in it. */
  shortcuts = gtk_shortcut_controller_new ();
  escape = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                             gtk_callback_action_new (collapse_row, NULL, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), g_steal_pointer (&escape));
  gtk_widget_add_controller (row, shortcuts);

  /* Translators: a button's name for screen readers; %s is a metric's name */
  remove_label = g_strdup_printf (_("Remove metric “%s”"), metric->name);
  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove Metric"));
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_row_remove_clicked), self);
  remember (self, button, metric, "remove");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            new_entry_row (self, metric, "name", _("_Name"), metric->name,
                                           G_CALLBACK (on_name_apply)));

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (metric->unit, units[i]) == 0)
      unit = i;
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            new_combo_row (self, metric, "unit", _("_Unit"), unit_labels, unit,
                                           G_CALLBACK (on_unit_selected)));
  unit_text = new_entry_row (self, metric, "unit-text", _("Other _unit"),
                             unit == UNIT_OTHER ? metric->unit : "",
                             G_CALLBACK (on_unit_text_apply));
  gtk_widget_set_visible (unit_text, unit == UNIT_OTHER);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), unit_text);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            new_combo_row (self, metric, "direction", _("_Direction"),
                                           direction_labels, metric->direction,
                                           G_CALLBACK (on_direction_selected)));

  button = new_entry_row (self, metric, "target", _("_Target"), target, G_CALLBACK (on_target_apply));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (button), GTK_INPUT_PURPOSE_NUMBER);
  g_signal_connect_swapped (button, "changed", G_CALLBACK (on_target_changed), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), button);

  /* Newest first. */
  for (guint i = metric->measurements->len; i > 0; i--)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              new_measurement_row (self, metric,
                                                   &g_array_index (metric->measurements, WfMeasurement, i - 1)));

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), new_add_measurement_row (self, metric));

  return row;
}

static gboolean
drop_old_rows (gpointer data)
{
  WfMetricsEditor *self = data;

  self->old_rows_id = 0;
  g_ptr_array_set_size (self->old_rows, 0);

  return G_SOURCE_REMOVE;
}

static void
update (WfMetricsEditor *self,
        gboolean         force)
{
  g_autoptr(GVariant) metrics = get_metrics (self);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *focus = NULL;
  GtkWidget *target = NULL;

  if (!force &&
      (self->shown == metrics ||
       (self->shown != NULL && metrics != NULL && g_variant_equal (self->shown, metrics))))
    return;

  /* What was open and focused stays so. */
  focus = get_focus_key (self);
  if (focus != NULL)
    {
      char *renamed = follow_rename (self, focus);

      g_free (focus);
      focus = renamed;
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const char *key = g_object_get_data (G_OBJECT (row), "wf-key");
      g_autofree char *metric = g_strndup (key, strlen (key) - strlen ("\x1erow"));

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        g_hash_table_add (self->expanded, follow_rename (self, metric));
      else
        g_hash_table_remove (self->expanded, metric);

      /* A signal of a control in it may still be under way. */
      g_ptr_array_add (self->old_rows, g_object_ref (row));
      adw_preferences_group_remove (self->group, row);
    }
  g_ptr_array_set_size (self->rows, 0);
  if (self->old_rows->len > 0 && self->old_rows_id == 0)
    self->old_rows_id = g_idle_add_full (G_PRIORITY_DEFAULT, drop_old_rows, self, NULL);
  g_hash_table_remove_all (self->widgets);

  g_clear_pointer (&self->shown, g_variant_unref);
  if (metrics != NULL)
    self->shown = g_variant_ref (metrics);

  list = wf_metrics_from_variant (metrics);
  for (guint i = 0; i < list->len; i++)
    {
      WfMetric *metric = g_ptr_array_index (list, i);
      g_autofree char *key = metric_key (metric->name, metric->persona);
      GtkWidget *row = new_metric_row (self, metric);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                     g_hash_table_contains (self->expanded, key));
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  if (focus != NULL)
    {
      target = g_hash_table_lookup (self->widgets, focus);
      if (target == NULL)
        {
          /* Its control is gone: the metric's row, or the new metric. */
          g_autofree char *metric = g_strndup (focus, strcspn (focus, "\x1e"));
          g_autofree char *row_key = make_key (metric, "row");

          target = g_hash_table_lookup (self->widgets, row_key);
          if (target == NULL)
            target = GTK_WIDGET (self->name_entry);
        }
      gtk_widget_grab_focus (target);
    }
}

/* The personas a phase's metric may be for, in the document's order. */
static void
fill_personas (WfMetricsEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->personas, 0);
  /* Translators: a phase's metric about all of its customers */
  gtk_string_list_append (names, _("Everyone"));
  for (guint i = 0; self->document != NULL && i < wf_document_get_n_personas (self->document); i++)
    {
      WfPersona *persona = wf_document_get_persona (self->document, i);

      g_ptr_array_add (self->personas, persona);
      gtk_string_list_append (names, wf_persona_get_name (persona));
    }

  gtk_drop_down_set_model (self->for_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->for_dropdown, 0);
}

static void
on_metrics_notify (WfMetricsEditor *self)
{
  update (self, FALSE);
}

static void
on_document_item_changed (WfMetricsEditor *self,
                          WfItem          *item)
{
  /* A persona renamed: the list and the subtitles follow. */
  if (WF_IS_PERSONA (item) && WF_IS_PHASE (self->item))
    {
      fill_personas (self);
      update (self, TRUE);
    }
}

static void
on_personas_changed (WfMetricsEditor *self)
{
  if (WF_IS_PHASE (self->item))
    {
      fill_personas (self);
      update (self, TRUE);
    }
}

/* Widgets → commands */

static void
on_row_remove_clicked (WfMetricsEditor *self,
                       GtkButton       *button)
{
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric = find_metric (self, GTK_WIDGET (button), &metrics);
  guint index;

  if (metric == NULL || !g_ptr_array_find (metrics, metric, &index))
    return;

  g_ptr_array_remove_index (metrics, index);
  set_metrics (self, metrics);

  /* The next metric, the one before, or the new metric's name. */
  if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, MIN (index, self->rows->len - 1)));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
on_name_apply (WfMetricsEditor *self,
               AdwEntryRow     *row)
{
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric = find_metric (self, GTK_WIDGET (row), &metrics);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (metric == NULL || strcmp (name, metric->name) == 0)
    {
      set_error (GTK_WIDGET (row), FALSE);
      return;
    }

  /* A metric needs a name, and one its persona has not for another. */
  if (*name == '\0' || wf_metrics_find (metrics, name, metric->persona) != NULL)
    {
      set_error (GTK_WIDGET (row), TRUE);
      return;
    }

  set_error (GTK_WIDGET (row), FALSE);
  self->rename.from = metric_key (metric->name, metric->persona);
  self->rename.to = metric_key (name, metric->persona);
  g_free (metric->name);
  metric->name = g_steal_pointer (&name);
  set_metrics (self, metrics);
  g_clear_pointer (&self->rename.from, g_free);
  g_clear_pointer (&self->rename.to, g_free);
}

static void
set_unit (WfMetricsEditor *self,
          GtkWidget       *widget,
          const char      *unit)
{
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric = find_metric (self, widget, &metrics);

  if (metric == NULL || strcmp (metric->unit, unit) == 0)
    return;

  g_free (metric->unit);
  metric->unit = g_strdup (unit);
  set_metrics (self, metrics);
}

static void
on_unit_selected (WfMetricsEditor *self,
                  GParamSpec      *pspec,
                  AdwComboRow     *row)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *metric = g_object_get_data (G_OBJECT (row), "wf-key");
  g_autofree char *prefix = g_strndup (metric, strcspn (metric, "\x1e"));
  g_autofree char *key = make_key (prefix, "unit-text");
  GtkWidget *text = g_hash_table_lookup (self->widgets, key);

  if (selected == GTK_INVALID_LIST_POSITION || text == NULL)
    return;

  if (selected < UNIT_OTHER)
    set_unit (self, GTK_WIDGET (row), units[selected]);
  else
    {
      /* Typed below, and applied from there. */
      gtk_widget_set_visible (text, TRUE);
    }
}

static void
on_unit_text_apply (WfMetricsEditor *self,
                    AdwEntryRow     *row)
{
  g_autofree char *unit = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  set_unit (self, GTK_WIDGET (row), unit);
}

static void
on_direction_selected (WfMetricsEditor *self,
                       GParamSpec      *pspec,
                       AdwComboRow     *row)
{
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric = find_metric (self, GTK_WIDGET (row), &metrics);
  guint selected = adw_combo_row_get_selected (row);

  if (metric == NULL || selected > WF_DIRECTION_LOWER || (guint) metric->direction == selected)
    return;

  metric->direction = (WfDirection) selected;
  set_metrics (self, metrics);
}

static void
on_target_changed (WfMetricsEditor *self,
                   AdwEntryRow     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  double value;

  set_error (GTK_WIDGET (row), *stripped != '\0' && !parse_number (stripped, &value));
}

static void
on_target_apply (WfMetricsEditor *self,
                 AdwEntryRow     *row)
{
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric = find_metric (self, GTK_WIDGET (row), &metrics);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean has_target = *text != '\0';
  double value = 0;

  if (metric == NULL)
    return;

  if (has_target && !parse_number (text, &value))
    {
      set_error (GTK_WIDGET (row), TRUE);
      return;
    }

  set_error (GTK_WIDGET (row), FALSE);
  if (has_target == metric->has_target && (!has_target || value == metric->target))
    return;

  metric->has_target = has_target;
  metric->target = value;
  set_metrics (self, metrics);
}

static void
on_measurement_remove_clicked (WfMetricsEditor *self,
                               GtkButton       *button)
{
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric = find_metric (self, GTK_WIDGET (button), &metrics);

  if (metric != NULL &&
      wf_metric_remove_measurement (metric, g_object_get_data (G_OBJECT (button), "wf-date")))
    set_metrics (self, metrics);
}

static GtkWidget *
sibling (WfMetricsEditor *self,
         GtkWidget       *widget,
         const char      *role)
{
  const char *key = g_object_get_data (G_OBJECT (widget), "wf-key");
  g_autofree char *prefix = g_strndup (key, strcspn (key, "\x1e"));
  g_autofree char *other = make_key (prefix, role);

  return g_hash_table_lookup (self->widgets, other);
}

static void
on_measurement_entry_changed (WfMetricsEditor *self,
                              GtkEntry        *entry)
{
  GtkWidget *date = sibling (self, GTK_WIDGET (entry), "date");
  GtkWidget *value = sibling (self, GTK_WIDGET (entry), "value");
  GtkWidget *add = sibling (self, GTK_WIDGET (entry), "add");
  const char *value_text;
  char iso[11];
  double number;
  gboolean date_ok, value_ok;

  if (date == NULL || value == NULL || add == NULL)
    return;

  value_text = gtk_editable_get_text (GTK_EDITABLE (value));
  date_ok = parse_date (gtk_editable_get_text (GTK_EDITABLE (date)), iso);
  value_ok = parse_number (value_text, &number);

  set_error (date, !date_ok);
  set_error (value, *value_text != '\0' && !value_ok);
  gtk_widget_set_sensitive (add, date_ok && value_ok);
}

static void
on_add_measurement (WfMetricsEditor *self,
                    GtkWidget       *widget)
{
  GtkWidget *date = sibling (self, widget, "date");
  GtkWidget *value = sibling (self, widget, "value");
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric = find_metric (self, widget, &metrics);
  g_autofree char *key = NULL;
  char iso[11];
  double number;

  if (metric == NULL || date == NULL || value == NULL)
    return;

  if (!parse_date (gtk_editable_get_text (GTK_EDITABLE (date)), iso))
    {
      set_error (date, TRUE);
      gtk_widget_grab_focus (date);
      return;
    }
  if (!parse_number (gtk_editable_get_text (GTK_EDITABLE (value)), &number))
    {
      set_error (value, TRUE);
      gtk_widget_grab_focus (value);
      return;
    }

  key = g_strdup (g_object_get_data (G_OBJECT (value), "wf-key"));
  wf_metric_set_measurement (metric, number, iso);
  set_metrics (self, metrics);

  /* The rows were built anew: the next value goes in the same place. */
  if ((value = g_hash_table_lookup (self->widgets, key)) != NULL)
    gtk_widget_grab_focus (value);
}

static void
on_new_entry_changed (WfMetricsEditor *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  const char *value_text = gtk_editable_get_text (GTK_EDITABLE (self->value_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  double value;
  gboolean value_ok = *value_text == '\0' || parse_number (value_text, &value);

  gtk_widget_set_sensitive (self->add_button, *stripped != '\0' && value_ok);
  set_error (GTK_WIDGET (self->value_entry), !value_ok);
}

static void
on_add_metric (WfMetricsEditor *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  const char *value_text;
  const char *persona = "";
  guint position;
  WfMetric *metric;
  double value = 0;

  if (self->item == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  if (*name == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  value_text = gtk_editable_get_text (GTK_EDITABLE (self->value_entry));
  if (*value_text != '\0' && !parse_number (value_text, &value))
    {
      set_error (GTK_WIDGET (self->value_entry), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->value_entry));
      return;
    }

  position = gtk_drop_down_get_selected (self->for_dropdown);
  if (WF_IS_PHASE (self->item) && position > 0 && position <= self->personas->len)
    persona = wf_item_get_id (g_ptr_array_index (self->personas, position - 1));

  /* A metric of the same name gets the new value, and keeps its unit,
   * target and dated measurements. */
  variant = get_metrics (self);
  metrics = wf_metrics_from_variant (variant);
  if ((metric = wf_metrics_find (metrics, name, persona)) == NULL)
    {
      metric = wf_metric_new (name);
      g_free (metric->persona);
      metric->persona = g_strdup (persona);
      g_ptr_array_add (metrics, metric);
    }
  else if (*value_text == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
      return;
    }
  if (*value_text != '\0')
    wf_metric_set_measurement (metric, value, NULL);

  set_metrics (self, metrics);

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

/* Overrides */

static void
wf_metrics_editor_dispose (GObject *object)
{
  WfMetricsEditor *self = WF_METRICS_EDITOR (object);

  GtkWidget *child;

  wf_metrics_editor_set_item (self, NULL, NULL);
  g_clear_handle_id (&self->old_rows_id, g_source_remove);
  if (self->old_rows != NULL)
    g_ptr_array_set_size (self->old_rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), WF_TYPE_METRICS_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (wf_metrics_editor_parent_class)->dispose (object);
}

static void
wf_metrics_editor_finalize (GObject *object)
{
  WfMetricsEditor *self = WF_METRICS_EDITOR (object);

  g_clear_pointer (&self->shown, g_variant_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->old_rows, g_ptr_array_unref);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->personas, g_ptr_array_unref);
  g_clear_pointer (&self->property, g_free);

  G_OBJECT_CLASS (wf_metrics_editor_parent_class)->finalize (object);
}

static void
wf_metrics_editor_class_init (WfMetricsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_metrics_editor_dispose;
  object_class->finalize = wf_metrics_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/wf-metrics-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, WfMetricsEditor, group);
  gtk_widget_class_bind_template_child (widget_class, WfMetricsEditor, for_box);
  gtk_widget_class_bind_template_child (widget_class, WfMetricsEditor, for_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WfMetricsEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, WfMetricsEditor, value_entry);
  gtk_widget_class_bind_template_child (widget_class, WfMetricsEditor, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_metric);
  gtk_widget_class_bind_template_callback (widget_class, on_new_entry_changed);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wf-metrics-editor");
}

static void
wf_metrics_editor_init (WfMetricsEditor *self)
{
  self->rows = g_ptr_array_new ();
  self->old_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->personas = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
wf_metrics_editor_new (void)
{
  return g_object_new (WF_TYPE_METRICS_EDITOR, NULL);
}

/**
 * wf_metrics_editor_set_item:
 * @item: (nullable): a card or a phase, in a document
 * @property: (nullable): its property of WF_METRICS_TYPE, "metrics"
 *
 * Edits the metrics of @item from now on. The rows that were open stay
 * open for a metric of the same name.
 */
void
wf_metrics_editor_set_item (WfMetricsEditor *self,
                            WfItem          *item,
                            const char      *property)
{
  g_autofree char *signal = NULL;

  g_return_if_fail (WF_IS_METRICS_EDITOR (self));
  g_return_if_fail (item == NULL || property != NULL);

  if (self->item == item && g_strcmp0 (self->property, property) == 0)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (wf_document_get_personas_model (self->document), self);
    }

  if (self->item != item)
    {
      g_hash_table_remove_all (self->expanded);
      if (self->name_entry != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
          gtk_editable_set_text (GTK_EDITABLE (self->value_entry), "");
        }
    }

  g_set_object (&self->item, item);
  g_free (self->property);
  self->property = g_strdup (property);
  g_set_object (&self->document, (item != NULL ? wf_item_get_document (item) : NULL));

  if (item != NULL)
    {
      signal = g_strconcat ("notify::", property, NULL);
      g_signal_connect_object (item, signal, G_CALLBACK (on_metrics_notify), self, G_CONNECT_SWAPPED);
    }
  if (self->document != NULL)
    {
      g_signal_connect_object (self->document, "item-changed",
                               G_CALLBACK (on_document_item_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (wf_document_get_personas_model (self->document), "items-changed",
                               G_CALLBACK (on_personas_changed), self, G_CONNECT_SWAPPED);
    }

  if (self->group == NULL)
    return;

  gtk_widget_set_visible (self->for_box, WF_IS_PHASE (item));
  fill_personas (self);
  update (self, TRUE);
}

/**
 * wf_metrics_editor_get_item:
 *
 * Returns: (transfer none) (nullable): the card or phase edited
 */
WfItem *
wf_metrics_editor_get_item (WfMetricsEditor *self)
{
  g_return_val_if_fail (WF_IS_METRICS_EDITOR (self), NULL);

  return self->item;
}

GtkWidget *
wf_metrics_editor_find (WfMetricsEditor *self,
                        const char      *metric,
                        const char      *persona,
                        const char      *role)
{
  g_autofree char *prefix = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (WF_IS_METRICS_EDITOR (self), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  if (metric == NULL)
    {
      if (strcmp (role, "new-name") == 0)
        return GTK_WIDGET (self->name_entry);
      if (strcmp (role, "new-value") == 0)
        return GTK_WIDGET (self->value_entry);
      if (strcmp (role, "new-for") == 0)
        return GTK_WIDGET (self->for_dropdown);
      if (strcmp (role, "new-add") == 0)
        return self->add_button;
      return NULL;
    }

  prefix = metric_key (metric, persona);
  key = make_key (prefix, role);
  return g_hash_table_lookup (self->widgets, key);
}
