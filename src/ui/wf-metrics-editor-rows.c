/* wf-metrics-editor-rows.c — a metric's rows in the metrics editor
 *
 * The expander row of one metric (its subtitle in words: value, trend,
 * target), the rows that edit its name, unit, direction and target, its
 * measurements and the row that adds one; and the keys of its controls,
 * the numbers and dates as the locale writes and reads them.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wf-a11y.h"
#include "wf-metrics-editor-private.h"

/* The units offered; anything else is typed under "Other". */
const char *wf_metrics_editor_units[] = { "", "%", "€", "count", "score" };

/* A metric is known by its persona and name; a control by its metric and
 * role, "persona\x1fname\x1erole". */
char *
wf_metrics_editor_metric_key (const char *name,
                              const char *persona)
{
  return g_strconcat (persona ? persona : "", "\x1f", name, NULL);
}

char *
wf_metrics_editor_make_key (const char *metric,
                            const char *role)
{
  return g_strconcat (metric, "\x1e", role, NULL);
}

gboolean
wf_metrics_editor_parse_number (const char *text,
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
gboolean
wf_metrics_editor_parse_date (const char *text,
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

void
wf_metrics_editor_set_error (GtkWidget *widget,
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
  wf_metrics_editor_remember (self, row, metric, role);

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
  wf_metrics_editor_remember (self, row, metric, role);

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
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (wf_metrics_editor_on_measurement_remove_clicked), self);
  wf_metrics_editor_remember (self, button, metric, role);
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
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Measurement"), -1);

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
  g_signal_connect_swapped (date, "activate", G_CALLBACK (wf_metrics_editor_on_add_measurement), self);
  g_signal_connect_swapped (date, "changed", G_CALLBACK (wf_metrics_editor_on_measurement_entry_changed), self);
  wf_metrics_editor_remember (self, date, metric, "date");
  gtk_box_append (GTK_BOX (box), date);

  value = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (value), _("Value"));
  gtk_entry_set_input_purpose (GTK_ENTRY (value), GTK_INPUT_PURPOSE_NUMBER);
  gtk_editable_set_width_chars (GTK_EDITABLE (value), 5);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value of the new measurement"),
                                  -1);
  g_signal_connect_swapped (value, "activate", G_CALLBACK (wf_metrics_editor_on_add_measurement), self);
  g_signal_connect_swapped (value, "changed", G_CALLBACK (wf_metrics_editor_on_measurement_entry_changed), self);
  wf_metrics_editor_remember (self, value, metric, "value");
  gtk_box_append (GTK_BOX (box), value);

  /* An icon, so that the entries keep their room in a narrow sidebar. */
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (button, _("Add Measurement"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Measurement"),
                                  -1);
  gtk_widget_set_sensitive (button, FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (wf_metrics_editor_on_add_measurement), self);
  wf_metrics_editor_remember (self, button, metric, "add");
  gtk_box_append (GTK_BOX (box), button);

  return row;
}

GtkWidget *
wf_metrics_editor_new_metric_row (WfMetricsEditor *self,
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
  wf_metrics_editor_remember (self, row, metric, "row");

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
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (wf_metrics_editor_on_row_remove_clicked), self);
  wf_metrics_editor_remember (self, button, metric, "remove");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            new_entry_row (self, metric, "name", _("_Name"), metric->name,
                                           G_CALLBACK (wf_metrics_editor_on_name_apply)));

  for (guint i = 0; i < G_N_ELEMENTS (wf_metrics_editor_units); i++)
    if (strcmp (metric->unit, wf_metrics_editor_units[i]) == 0)
      unit = i;
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            new_combo_row (self, metric, "unit", _("_Unit"), unit_labels, unit,
                                           G_CALLBACK (wf_metrics_editor_on_unit_selected)));
  unit_text = new_entry_row (self, metric, "unit-text", _("Other _unit"),
                             unit == UNIT_OTHER ? metric->unit : "",
                             G_CALLBACK (wf_metrics_editor_on_unit_text_apply));
  gtk_widget_set_visible (unit_text, unit == UNIT_OTHER);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), unit_text);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            new_combo_row (self, metric, "direction", _("_Direction"),
                                           direction_labels, metric->direction,
                                           G_CALLBACK (wf_metrics_editor_on_direction_selected)));

  button = new_entry_row (self, metric, "target", _("_Target"), target, G_CALLBACK (wf_metrics_editor_on_target_apply));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (button), GTK_INPUT_PURPOSE_NUMBER);
  g_signal_connect_swapped (button, "changed", G_CALLBACK (wf_metrics_editor_on_target_changed), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), button);

  /* Newest first. */
  for (guint i = metric->measurements->len; i > 0; i--)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              new_measurement_row (self, metric,
                                                   &g_array_index (metric->measurements, WfMeasurement, i - 1)));

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), new_add_measurement_row (self, metric));

  /* Made after the window's wf_a11y_watch(), and before it is in the
   * window: the row says its name and whether it is open, the drop-down
   * rows their values, the entry rows their focus. */
  wf_a11y_name_inner_lists (row, metric->name);
  wf_a11y_watch (row);

  return row;
}

