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
 * This file holds the widget, its item and the undo steps it makes;
 * building a metric's rows and reading numbers and dates in the locale
 * are in wf-metrics-editor-rows.c.
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

G_DEFINE_FINAL_TYPE (WfMetricsEditor, wf_metrics_editor, GTK_TYPE_WIDGET)

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

void
wf_metrics_editor_remember (WfMetricsEditor *self,
                            GtkWidget       *widget,
                            const WfMetric  *metric,
                            const char      *role)
{
  g_autofree char *key = wf_metrics_editor_metric_key (metric->name, metric->persona);

  g_object_set_data_full (G_OBJECT (widget), "wf-metric-name", g_strdup (metric->name), g_free);
  g_object_set_data_full (G_OBJECT (widget), "wf-metric-persona", g_strdup (metric->persona), g_free);
  g_object_set_data_full (G_OBJECT (widget), "wf-key", wf_metrics_editor_make_key (key, role), g_free);
  g_hash_table_insert (self->widgets, wf_metrics_editor_make_key (key, role), widget);
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
      g_autofree char *key = wf_metrics_editor_metric_key (metric->name, metric->persona);
      GtkWidget *row = wf_metrics_editor_new_metric_row (self, metric);

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
          g_autofree char *row_key = wf_metrics_editor_make_key (metric, "row");

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

void
wf_metrics_editor_on_row_remove_clicked (WfMetricsEditor *self,
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

void
wf_metrics_editor_on_name_apply (WfMetricsEditor *self,
                                 AdwEntryRow     *row)
{
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric = find_metric (self, GTK_WIDGET (row), &metrics);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (metric == NULL || strcmp (name, metric->name) == 0)
    {
      wf_metrics_editor_set_error (GTK_WIDGET (row), FALSE);
      return;
    }

  /* A metric needs a name, and one its persona has not for another. */
  if (*name == '\0' || wf_metrics_find (metrics, name, metric->persona) != NULL)
    {
      wf_metrics_editor_set_error (GTK_WIDGET (row), TRUE);
      return;
    }

  wf_metrics_editor_set_error (GTK_WIDGET (row), FALSE);
  self->rename.from = wf_metrics_editor_metric_key (metric->name, metric->persona);
  self->rename.to = wf_metrics_editor_metric_key (name, metric->persona);
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

void
wf_metrics_editor_on_unit_selected (WfMetricsEditor *self,
                                    GParamSpec      *pspec,
                                    AdwComboRow     *row)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *metric = g_object_get_data (G_OBJECT (row), "wf-key");
  g_autofree char *prefix = g_strndup (metric, strcspn (metric, "\x1e"));
  g_autofree char *key = wf_metrics_editor_make_key (prefix, "unit-text");
  GtkWidget *text = g_hash_table_lookup (self->widgets, key);

  if (selected == GTK_INVALID_LIST_POSITION || text == NULL)
    return;

  if (selected < UNIT_OTHER)
    set_unit (self, GTK_WIDGET (row), wf_metrics_editor_units[selected]);
  else
    {
      /* Typed below, and applied from there. */
      gtk_widget_set_visible (text, TRUE);
    }
}

void
wf_metrics_editor_on_unit_text_apply (WfMetricsEditor *self,
                                      AdwEntryRow     *row)
{
  g_autofree char *unit = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  set_unit (self, GTK_WIDGET (row), unit);
}

void
wf_metrics_editor_on_direction_selected (WfMetricsEditor *self,
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

void
wf_metrics_editor_on_target_changed (WfMetricsEditor *self,
                                     AdwEntryRow     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  double value;

  wf_metrics_editor_set_error (GTK_WIDGET (row), *stripped != '\0' && !wf_metrics_editor_parse_number (stripped, &value));
}

void
wf_metrics_editor_on_target_apply (WfMetricsEditor *self,
                                   AdwEntryRow     *row)
{
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric = find_metric (self, GTK_WIDGET (row), &metrics);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean has_target = *text != '\0';
  double value = 0;

  if (metric == NULL)
    return;

  if (has_target && !wf_metrics_editor_parse_number (text, &value))
    {
      wf_metrics_editor_set_error (GTK_WIDGET (row), TRUE);
      return;
    }

  wf_metrics_editor_set_error (GTK_WIDGET (row), FALSE);
  if (has_target == metric->has_target && (!has_target || value == metric->target))
    return;

  metric->has_target = has_target;
  metric->target = value;
  set_metrics (self, metrics);
}

void
wf_metrics_editor_on_measurement_remove_clicked (WfMetricsEditor *self,
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
  g_autofree char *other = wf_metrics_editor_make_key (prefix, role);

  return g_hash_table_lookup (self->widgets, other);
}

void
wf_metrics_editor_on_measurement_entry_changed (WfMetricsEditor *self,
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
  date_ok = wf_metrics_editor_parse_date (gtk_editable_get_text (GTK_EDITABLE (date)), iso);
  value_ok = wf_metrics_editor_parse_number (value_text, &number);

  wf_metrics_editor_set_error (date, !date_ok);
  wf_metrics_editor_set_error (value, *value_text != '\0' && !value_ok);
  gtk_widget_set_sensitive (add, date_ok && value_ok);
}

void
wf_metrics_editor_on_add_measurement (WfMetricsEditor *self,
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

  if (!wf_metrics_editor_parse_date (gtk_editable_get_text (GTK_EDITABLE (date)), iso))
    {
      wf_metrics_editor_set_error (date, TRUE);
      gtk_widget_grab_focus (date);
      return;
    }
  if (!wf_metrics_editor_parse_number (gtk_editable_get_text (GTK_EDITABLE (value)), &number))
    {
      wf_metrics_editor_set_error (value, TRUE);
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
  gboolean value_ok = *value_text == '\0' || wf_metrics_editor_parse_number (value_text, &value);

  gtk_widget_set_sensitive (self->add_button, *stripped != '\0' && value_ok);
  wf_metrics_editor_set_error (GTK_WIDGET (self->value_entry), !value_ok);
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
  if (*value_text != '\0' && !wf_metrics_editor_parse_number (value_text, &value))
    {
      wf_metrics_editor_set_error (GTK_WIDGET (self->value_entry), TRUE);
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
  /* Among dated measurements an undated one would read as the oldest
   * and never show: the new value is today's. */
  if (*value_text != '\0')
    {
      const WfMeasurement *latest = wf_metric_get_latest (metric);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      wf_metric_set_measurement (metric, value, latest != NULL && *latest->date != '\0' ? today : NULL);
    }

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
  /* "New metric for For" and a button named "GtkToggleButton" otherwise. */
  wf_a11y_label_only (GTK_WIDGET (self->for_dropdown), _("New metric for"));
  wf_a11y_name_inner_button (GTK_WIDGET (self->for_dropdown), _("New metric for"));
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

  prefix = wf_metrics_editor_metric_key (metric, persona);
  key = wf_metrics_editor_make_key (prefix, role);
  return g_hash_table_lookup (self->widgets, key);
}
