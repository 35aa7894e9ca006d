/* wf-metric.h — a figure measured over time, with a unit and a target
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The type of the "metrics" property of cards and phases: per metric its
 * name, the persona it is about (an id; empty for everyone, and always
 * for a card's), its unit, its direction ("", "higher", "lower"), its
 * target, and its measurements as value and date ("YYYY-MM-DD", or empty
 * for an undated one), undated first, then by date.
 */
#define WF_METRICS_TYPE ((const GVariantType *) "a(ssssmda(ds))")

typedef enum {
  WF_DIRECTION_NONE,
  WF_DIRECTION_HIGHER,
  WF_DIRECTION_LOWER,
} WfDirection;

typedef enum {
  WF_TARGET_NONE,       /* no target, direction or measurement */
  WF_TARGET_MET,
  WF_TARGET_MISSED,
} WfTargetState;

typedef struct
{
  double value;
  char   date[11];      /* "YYYY-MM-DD", or "" */
} WfMeasurement;

typedef struct
{
  char        *name;
  char        *persona;     /* an id, or "" */
  char        *unit;        /* "", "%", "€", "count", "score", … */
  WfDirection  direction;
  gboolean     has_target;
  double       target;
  GArray      *measurements; /* WfMeasurement, undated first, then by date */
} WfMetric;

const char    *wf_direction_to_string     (WfDirection    direction);
gboolean       wf_direction_from_string   (const char    *str,
                                           WfDirection   *direction);

WfMetric      *wf_metric_new              (const char    *name);
WfMetric      *wf_metric_new_from_variant (GVariant      *item);
WfMetric      *wf_metric_copy             (const WfMetric *metric);
void           wf_metric_free             (WfMetric      *metric);
void           wf_metric_set_measurement  (WfMetric      *metric,
                                           double         value,
                                           const char    *date);
gboolean       wf_metric_remove_measurement (WfMetric    *metric,
                                           const char    *date);
const WfMeasurement *wf_metric_get_latest (const WfMetric *metric);
const WfMeasurement *wf_metric_get_previous (const WfMetric *metric);
int            wf_metric_get_trend        (const WfMetric *metric);
WfTargetState  wf_metric_get_target_state (const WfMetric *metric);
gboolean       wf_metric_is_worse         (const WfMetric *metric,
                                           double         value,
                                           double         than);

char          *wf_metric_format_value     (const WfMetric *metric,
                                           double         value);

gboolean       wf_date_is_valid           (const char    *date);

GPtrArray     *wf_metrics_from_variant    (GVariant      *metrics);
GVariant      *wf_metrics_to_variant      (GPtrArray     *metrics);
WfMetric      *wf_metrics_find            (GPtrArray     *metrics,
                                           const char    *name,
                                           const char    *persona);
void           wf_metrics_builder_add_plain (GVariantBuilder *builder,
                                           const char    *name,
                                           double         value);
GVariant      *wf_metrics_from_pairs      (GVariant      *pairs);
gboolean       wf_metrics_get_latest_value (GVariant     *metrics,
                                           guint          index,
                                           const char   **name,
                                           double        *value);
gboolean       wf_metrics_are_plain       (GVariant      *metrics);
gboolean       wf_metrics_replace         (GVariant     **slot,
                                           GVariant      *metrics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WfMetric, wf_metric_free)

G_END_DECLS
