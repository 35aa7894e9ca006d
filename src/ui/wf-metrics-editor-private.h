/* wf-metrics-editor-private.h — what only the metrics editor's own files share
 *
 * The editor's struct, the units offered, and the helpers and callbacks
 * by which the building of a metric's rows (wf-metrics-editor-rows.c) and
 * the editor (wf-metrics-editor.c) reach each other.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wf-metrics-editor.h"

G_BEGIN_DECLS

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
  GHashTable          *widgets;      /* key → widget of the rows, see wf_metrics_editor_make_key() */
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


/* The units offered; anything else is typed under "Other". */
extern const char *wf_metrics_editor_units[5];
#define UNIT_OTHER G_N_ELEMENTS (wf_metrics_editor_units)

/* The editor (wf-metrics-editor.c) */
void       wf_metrics_editor_remember                     (WfMetricsEditor *self,
                                                           GtkWidget       *widget,
                                                           const WfMetric  *metric,
                                                           const char      *role);
void       wf_metrics_editor_on_row_remove_clicked        (WfMetricsEditor *self,
                                                           GtkButton       *button);
void       wf_metrics_editor_on_name_apply                (WfMetricsEditor *self,
                                                           AdwEntryRow     *row);
void       wf_metrics_editor_on_unit_selected             (WfMetricsEditor *self,
                                                           GParamSpec      *pspec,
                                                           AdwComboRow     *row);
void       wf_metrics_editor_on_unit_text_apply           (WfMetricsEditor *self,
                                                           AdwEntryRow     *row);
void       wf_metrics_editor_on_direction_selected        (WfMetricsEditor *self,
                                                           GParamSpec      *pspec,
                                                           AdwComboRow     *row);
void       wf_metrics_editor_on_target_changed            (WfMetricsEditor *self,
                                                           AdwEntryRow     *row);
void       wf_metrics_editor_on_target_apply              (WfMetricsEditor *self,
                                                           AdwEntryRow     *row);
void       wf_metrics_editor_on_measurement_remove_clicked (WfMetricsEditor *self,
                                                            GtkButton       *button);
void       wf_metrics_editor_on_measurement_entry_changed (WfMetricsEditor *self,
                                                           GtkEntry        *entry);
void       wf_metrics_editor_on_add_measurement           (WfMetricsEditor *self,
                                                           GtkWidget       *widget);

/* Keys, numbers, dates and rows (wf-metrics-editor-rows.c) */
char      *wf_metrics_editor_metric_key                   (const char      *name,
                                                           const char      *persona);
char      *wf_metrics_editor_make_key                     (const char      *metric,
                                                           const char      *role);
gboolean   wf_metrics_editor_parse_number                 (const char      *text,
                                                           double          *value);
gboolean   wf_metrics_editor_parse_date                   (const char      *text,
                                                           char             date[11]);
void       wf_metrics_editor_set_error                    (GtkWidget       *widget,
                                                           gboolean         error);
GtkWidget *wf_metrics_editor_new_metric_row               (WfMetricsEditor *self,
                                                           const WfMetric  *metric);

G_END_DECLS
