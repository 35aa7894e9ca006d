/* test-properties.c — the properties sidebar edits cards, undoably
 *
 * A canvas and a properties sidebar on a map from a template, in a window
 * under Xvfb. Each control is changed as a user would change it; the model
 * must follow, one undo must restore it, and the controls must follow the
 * model back. Any GTK or GLib warning or critical fails the test.
 *
 * With WF_SHOT=path.png set, the sidebar is also saved as a picture.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "model/wf-model.h"
#include "model/wf-templates.h"
#include "ui/wf-canvas-private.h"
#include "ui/wf-item-properties.h"
#include "ui/wf-metrics-editor.h"
#include "ui/wf-properties.h"
#include "test-app.h"

typedef struct
{
  WfDocument   *document;
  WfUndoStack  *stack;
  WfMap        *map;
  GPtrArray    *cards;
  GtkWindow    *window;
  WfCanvas     *canvas;
  WfProperties *props;
} Fixture;

/* The window shown, the canvas and the sidebar laid out. */
static gboolean
is_laid_out (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_mapped (GTK_WIDGET (f->window)) &&
         gtk_widget_get_width (GTK_WIDGET (f->canvas)) > 0 &&
         gtk_widget_get_width (GTK_WIDGET (f->props)) > 0;
}

static gboolean
is_finalized (gpointer data)
{
  return *(GtkWindow **) data == NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box;

  wf_test_use_system_data_dirs ();

  f->document = wf_templates_create ("five-phases", "en");
  f->stack = wf_document_get_undo_stack (f->document);
  f->map = wf_document_get_map (f->document, 0);
  f->cards = wf_map_list_cards (f->map);
  g_assert_cmpuint (f->cards->len, >=, 3);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 760);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  f->canvas = WF_CANVAS (wf_canvas_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (f->canvas), TRUE);
  f->props = WF_PROPERTIES (wf_properties_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->canvas));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->props));
  gtk_window_set_child (f->window, box);

  wf_canvas_set_map (f->canvas, f->map);
  wf_properties_set_canvas (f->props, f->canvas);
  g_assert_true (wf_properties_get_canvas (f->props) == f->canvas);

  gtk_window_present (f->window);
  wf_test_wait_until (is_laid_out, f, "the window laid out");
  wf_test_wait_frame (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Gone, with what it still had to do, before the map goes. */
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_destroy (f->window);
  wf_test_wait_until (is_finalized, &f->window, "the window finalized");
  g_clear_pointer (&f->cards, g_ptr_array_unref);
  g_clear_object (&f->document);
}

static WfCard *
card_at (Fixture *f,
         guint    index)
{
  return g_ptr_array_index (f->cards, index);
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->props), WF_TYPE_PROPERTIES, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (child (f, "stack"));
}

static GtkToggleButton *
find_swatch (Fixture    *f,
             const char *name)
{
  GtkWidget *box = child (f, "swatch_box");

  for (GtkWidget *w = gtk_widget_get_first_child (box); w; w = gtk_widget_get_next_sibling (w))
    {
      if (g_strcmp0 (gtk_widget_get_tooltip_text (w), name) == 0)
        return GTK_TOGGLE_BUTTON (w);
    }

  g_assert_not_reached ();
}

/* The rows of a metrics editor, as "name=subtitle;" */
static char *
editor_rows (WfMetricsEditor *editor)
{
  g_autoptr(GPtrArray) rows = wf_test_find_all_widgets (GTK_WIDGET (editor), ADW_TYPE_EXPANDER_ROW);
  GString *out = g_string_new ("");

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      g_string_append_printf (out, "%s=%s;",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)));
    }

  return g_string_free (out, FALSE);
}

static char *
metric_rows (Fixture *f)
{
  return editor_rows (child (f, "metrics_editor"));
}

/* A control of the card's metrics editor, see wf_metrics_editor_find(). */
static gpointer
metric_widget (Fixture    *f,
               const char *metric,
               const char *role)
{
  GtkWidget *widget = wf_metrics_editor_find (child (f, "metrics_editor"), metric, NULL, role);

  g_assert_nonnull (widget);
  return widget;
}

/* The card's metric called @name, as the model has it. */
static WfMetric *
card_metric (WfCard     *card,
             const char *name)
{
  g_autoptr(GPtrArray) metrics = wf_metrics_from_variant (wf_card_get_metrics (card));
  WfMetric *metric = wf_metrics_find (metrics, name, NULL);

  return metric != NULL ? wf_metric_copy (metric) : NULL;
}

static gboolean
is_button_with_tooltip (GtkWidget *widget,
                        gpointer   tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static char *
notes_text (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (child (f, "notes_view"));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Nothing selected: a clear empty state; one card: its properties. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpstr (visible_page (f), ==, "empty");

  wf_canvas_select (f->canvas, card_at (f, 0), FALSE);
  g_assert_cmpstr (visible_page (f), ==, "cards");
  g_assert_cmpstr (gtk_editable_get_text (child (f, "title_row")), ==, wf_card_get_title (card_at (f, 0)));
  g_assert_true (gtk_widget_get_visible (child (f, "text_group")));

  wf_canvas_select (f->canvas, card_at (f, 1), FALSE);
  g_assert_cmpstr (gtk_editable_get_text (child (f, "title_row")), ==, wf_card_get_title (card_at (f, 1)));

  /* The heading says where the card is, and follows a renamed phase. */
  wf_edit_set (wf_card_get_phase (card_at (f, 1)), "name", "Renamed", NULL);
  g_assert_nonnull (strstr (gtk_label_get_label (child (f, "subheading")), "Renamed"));

  wf_canvas_select (f->canvas, NULL, FALSE);
  g_assert_cmpstr (visible_page (f), ==, "empty");

  /* A card removed while shown is no longer shown; undo brings it back
   * with the focus, shown again.
   */
  {
    WfCard *removed = card_at (f, 0);

    wf_canvas_select (f->canvas, removed, FALSE);
    wf_edit_remove (removed);
    g_assert_cmpstr (visible_page (f), ==, "empty");
    wf_undo_stack_undo (f->stack);
    g_assert_true (wf_canvas_get_focus_card (f->canvas) == removed);
    g_assert_cmpstr (visible_page (f), ==, "cards");
    g_assert_cmpstr (gtk_editable_get_text (child (f, "title_row")), ==, wf_card_get_title (removed));
  }
}

/* Typing a title is one step; undo restores it and the row follows. */
static void
test_title (Fixture       *f,
            gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  g_autofree char *original = g_strdup (wf_card_get_title (card));
  GtkEditable *row;
  guint length;

  wf_canvas_select (f->canvas, card, FALSE);
  row = child (f, "title_row");
  length = wf_undo_stack_get_length (f->stack);

  gtk_editable_set_text (row, "N");
  gtk_editable_set_text (row, "Ne");
  gtk_editable_set_text (row, "New title");
  g_assert_cmpstr (wf_card_get_title (card), ==, "New title");
  g_assert_cmpuint (wf_undo_stack_get_length (f->stack), ==, length + 1);

  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (wf_card_get_title (card), ==, original);
  g_assert_cmpstr (gtk_editable_get_text (row), ==, original);

  g_assert_true (wf_undo_stack_redo (f->stack));
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "New title");

  /* An edit elsewhere shows at once. */
  wf_edit_set (card, "title", "From elsewhere", NULL);
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "From elsewhere");
}

/* Showing another card ends the merging of typing. */
static void
test_seal_on_switch (Fixture       *f,
                     gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  GtkEditable *row = child (f, "title_row");

  wf_canvas_select (f->canvas, card, FALSE);
  gtk_editable_set_text (row, "First");

  wf_canvas_select (f->canvas, card_at (f, 1), FALSE);
  wf_canvas_select (f->canvas, card, FALSE);
  gtk_editable_set_text (row, "First and second");

  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (wf_card_get_title (card), ==, "First");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "First");
}

/* Enter ends the typing of a title: the step is complete, and the
 * autosave writes it at once instead of after a pause. */
static void
test_seal_on_enter (Fixture       *f,
                    gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  GtkEditable *row;

  wf_canvas_select (f->canvas, card, FALSE);
  row = child (f, "title_row");
  wf_undo_stack_seal (f->stack);
  gtk_editable_set_text (row, "Typed");
  gtk_editable_set_text (row, "Typed, then Enter");
  g_assert_true (wf_undo_stack_get_merging (f->stack));

  g_signal_emit_by_name (row, "entry-activated");
  g_assert_false (wf_undo_stack_get_merging (f->stack));
}

static void
test_notes (Fixture       *f,
            gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  GtkTextBuffer *buffer;
  g_autofree char *shown = NULL;

  wf_canvas_select (f->canvas, card, FALSE);
  buffer = gtk_text_view_get_buffer (child (f, "notes_view"));

  gtk_text_buffer_set_text (buffer, "Line one", -1);
  gtk_text_buffer_set_text (buffer, "Line one\nLine two", -1);
  g_assert_cmpstr (wf_card_get_notes (card), ==, "Line one\nLine two");

  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (wf_card_get_notes (card), ==, "");
  shown = notes_text (f);
  g_assert_cmpstr (shown, ==, "");
}

static void
test_combos (Fixture       *f,
             gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  AdwComboRow *channel, *contact, *emotion;
  GListModel *model;
  WfChannel old_channel = wf_card_get_channel (card);
  WfContact old_contact = wf_card_get_contact (card);
  int old_emotion = wf_card_get_emotion (card);

  wf_canvas_select (f->canvas, card, FALSE);
  channel = child (f, "channel_row");
  contact = child (f, "contact_row");
  emotion = child (f, "emotion_row");

  /* None and every channel, by name. */
  model = adw_combo_row_get_model (channel);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, WF_N_CHANNELS);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), WF_CHANNEL_PHONE), ==,
                   wf_channel_get_label (WF_CHANNEL_PHONE));
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, old_channel);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (emotion)), ==, 6);

  adw_combo_row_set_selected (channel, WF_CHANNEL_PHONE);
  g_assert_cmpint (wf_card_get_channel (card), ==, WF_CHANNEL_PHONE);
  adw_combo_row_set_selected (contact, WF_CONTACT_INDIRECT);
  g_assert_cmpint (wf_card_get_contact (card), ==, WF_CONTACT_INDIRECT);
  adw_combo_row_set_selected (emotion, 1);
  g_assert_cmpint (wf_card_get_emotion (card), ==, -2);
  adw_combo_row_set_selected (emotion, 5);
  g_assert_cmpint (wf_card_get_emotion (card), ==, 2);
  adw_combo_row_set_selected (emotion, 3);
  g_assert_cmpint (wf_card_get_emotion (card), ==, 0);

  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpint (wf_card_get_emotion (card), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (emotion), ==, 5);
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpint (wf_card_get_emotion (card), ==, old_emotion);
  g_assert_cmpuint (adw_combo_row_get_selected (emotion), ==, 0);

  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpint (wf_card_get_contact (card), ==, old_contact);
  g_assert_cmpuint (adw_combo_row_get_selected (contact), ==, old_contact);

  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpint (wf_card_get_channel (card), ==, old_channel);
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, old_channel);
}

static void
test_votes (Fixture       *f,
            gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  GtkSpinButton *spin;

  wf_canvas_select (f->canvas, card, FALSE);
  spin = child (f, "votes_spin");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 0);

  gtk_spin_button_set_value (spin, 7);
  g_assert_cmpuint (wf_card_get_votes (card), ==, 7);

  /* The range ends at 999. */
  gtk_spin_button_set_value (spin, 5000);
  g_assert_cmpuint (wf_card_get_votes (card), ==, 999);

  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpuint (wf_card_get_votes (card), ==, 7);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 7);
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpuint (wf_card_get_votes (card), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 0);
}

static void
test_color (Fixture       *f,
            gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  GtkToggleButton *none, *blue, *red;

  wf_canvas_select (f->canvas, card, FALSE);
  none = find_swatch (f, "No Colour");
  blue = find_swatch (f, "Blue");
  red = find_swatch (f, "Red");
  g_assert_null (wf_card_get_color (card));
  g_assert_true (gtk_toggle_button_get_active (none));

  g_signal_emit_by_name (blue, "clicked");
  g_assert_cmpstr (wf_card_get_color (card), ==, "#3584e4");
  g_assert_true (gtk_toggle_button_get_active (blue));
  g_assert_false (gtk_toggle_button_get_active (none));
  g_assert_cmpstr (adw_preferences_group_get_description (child (f, "color_group")), ==, "Blue");

  g_signal_emit_by_name (red, "clicked");
  g_assert_cmpstr (wf_card_get_color (card), ==, "#e01b24");

  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (wf_card_get_color (card), ==, "#3584e4");
  g_assert_true (gtk_toggle_button_get_active (blue));
  g_assert_false (gtk_toggle_button_get_active (red));

  g_signal_emit_by_name (none, "clicked");
  g_assert_null (wf_card_get_color (card));

  /* A colour that is not in the palette marks no swatch, and says so. */
  wf_edit_set (card, "color", "#123456", NULL);
  g_assert_false (gtk_toggle_button_get_active (none));
  g_assert_false (gtk_toggle_button_get_active (blue));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (child (f, "color_group")), "#123456"));
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  const char * const *tags;
  GtkEditable *row;

  wf_canvas_select (f->canvas, card, FALSE);
  row = child (f, "tags_row");
  g_assert_null (wf_card_get_tags (card));

  /* Typing is kept until Enter, which applies it; empty tags are dropped. */
  gtk_editable_set_text (row, "urgent, ,  web ,");
  g_assert_null (wf_card_get_tags (card));
  g_signal_emit_by_name (row, "entry-activated");
  tags = wf_card_get_tags (card);
  g_assert_nonnull (tags);
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "urgent");
  g_assert_cmpstr (tags[1], ==, "web");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "urgent, web");

  /* Unapplied text survives a change elsewhere on the card… */
  gtk_editable_set_text (row, "urgent, web, mobile");
  wf_edit_set (card, "votes", 3u, NULL);
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "urgent, web, mobile");

  /* …and is applied when another card is shown. */
  wf_canvas_select (f->canvas, card_at (f, 1), FALSE);
  g_assert_cmpuint (g_strv_length ((char **) wf_card_get_tags (card)), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "");

  wf_canvas_select (f->canvas, card, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "urgent, web, mobile");
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "urgent, web");
  g_assert_true (wf_undo_stack_undo (f->stack));  /* votes */
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_null (wf_card_get_tags (card));
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "");
}

static void
test_metrics (Fixture       *f,
              gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  GtkEditable *name, *value;
  GtkWidget *add, *remove;
  g_autofree char *rows = NULL;
  g_autofree char *rows2 = NULL;
  g_autofree char *rows3 = NULL;
  g_autoptr(GPtrArray) removes = NULL;
  GVariant *metrics;
  double number;
  const char *metric;

  wf_canvas_select (f->canvas, card, FALSE);
  name = metric_widget (f, NULL, "new-name");
  value = metric_widget (f, NULL, "new-value");
  add = metric_widget (f, NULL, "new-add");
  g_assert_null (wf_card_get_metrics (card));

  /* Add is only possible with a name, and a number or no value. */
  g_assert_false (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (name, "Conversion");
  gtk_editable_set_text (value, "abc");
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (value), "error"));
  gtk_editable_set_text (value, "2,5");
  g_assert_true (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (add, "clicked");

  metrics = wf_card_get_metrics (card);
  g_assert_nonnull (metrics);
  g_assert_cmpuint (g_variant_n_children (metrics), ==, 1);
  wf_metrics_get_latest_value (metrics, 0, &metric, &number);
  g_assert_cmpstr (metric, ==, "Conversion");
  g_assert_cmpfloat (number, ==, 2.5);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "");

  gtk_editable_set_text (name, "NPS");
  gtk_editable_set_text (value, "-12");
  g_signal_emit_by_name (value, "activate");
  g_assert_cmpuint (g_variant_n_children (wf_card_get_metrics (card)), ==, 2);
  rows = metric_rows (f);
  g_assert_cmpstr (rows, ==, "Conversion=2.5;NPS=-12;");

  /* Remove the second. */
  removes = wf_test_find_all (child (f, "metrics_editor"), is_button_with_tooltip, (gpointer) "Remove Metric");
  remove = removes->len > 1 ? g_ptr_array_index (removes, 1) : NULL;
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpuint (g_variant_n_children (wf_card_get_metrics (card)), ==, 1);
  rows2 = metric_rows (f);
  g_assert_cmpstr (rows2, ==, "Conversion=2.5;");

  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpuint (g_variant_n_children (wf_card_get_metrics (card)), ==, 2);
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_null (wf_card_get_metrics (card));
  rows3 = metric_rows (f);
  g_assert_cmpstr (rows3, ==, "");
}

/* A value added by name to a metric measured on dates is today's, not
 * an undated one that would read as the oldest and never show.
 */
static void
test_metric_add_dated (Fixture       *f,
                       gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  WfMetric *conversion = wf_metric_new ("Conversion");
  const WfMeasurement *latest;
  GtkEditable *name, *value;

  wf_metric_set_measurement (conversion, 3.1, "2020-09-30");
  g_ptr_array_add (metrics, conversion);
  wf_card_set_metrics (card, wf_metrics_to_variant (metrics));

  wf_canvas_select (f->canvas, card, FALSE);
  name = metric_widget (f, NULL, "new-name");
  value = metric_widget (f, NULL, "new-value");
  gtk_editable_set_text (name, "Conversion");
  gtk_editable_set_text (value, "4");
  g_signal_emit_by_name (value, "activate");

  after = wf_metrics_from_variant (wf_card_get_metrics (card));
  g_assert_cmpuint (after->len, ==, 1);
  conversion = g_ptr_array_index (after, 0);
  g_assert_cmpuint (conversion->measurements->len, ==, 2);
  latest = wf_metric_get_latest (conversion);
  g_assert_cmpfloat (latest->value, ==, 4);
  g_assert_cmpstr (latest->date, ==, today);
}

static gboolean
has_error (gpointer widget)
{
  return gtk_widget_has_css_class (GTK_WIDGET (widget), "error");
}

static const char *
subtitle_of (Fixture    *f,
             const char *metric)
{
  return adw_expander_row_get_subtitle (metric_widget (f, metric, "row"));
}

/* Measurements by date, a unit, a direction and a target: each one step,
 * shown in the row's subtitle in words, each undone. */
static void
test_metric_figures (Fixture       *f,
                     gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  g_autoptr(WfMetric) metric = NULL;
  guint length;

  wf_canvas_select (f->canvas, card, FALSE);

  /* A metric without a value yet. */
  gtk_editable_set_text (metric_widget (f, NULL, "new-name"), "Conversion");
  g_signal_emit_by_name (metric_widget (f, NULL, "new-name"), "activate");
  metric = card_metric (card, "Conversion");
  g_assert_nonnull (metric);
  g_assert_cmpuint (metric->measurements->len, ==, 0);
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "No measurements");
  g_clear_pointer (&metric, wf_metric_free);

  adw_expander_row_set_expanded (metric_widget (f, "Conversion", "row"), TRUE);
  length = wf_undo_stack_get_position (f->stack);

  /* Two dated measurements, the decimal comma taken. */
  gtk_editable_set_text (metric_widget (f, "Conversion", "date"), "2026-09-30");
  gtk_editable_set_text (metric_widget (f, "Conversion", "value"), "3,1");
  g_assert_true (gtk_widget_get_sensitive (metric_widget (f, "Conversion", "add")));
  gtk_widget_grab_focus (metric_widget (f, "Conversion", "value"));
  g_signal_emit_by_name (metric_widget (f, "Conversion", "value"), "activate");

  /* The rows were built anew; the focus is where the next value goes. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_nonnull (focus);
    g_assert_true (focus == metric_widget (f, "Conversion", "value") ||
                   gtk_widget_is_ancestor (focus, metric_widget (f, "Conversion", "value")));
  }
  gtk_editable_set_text (metric_widget (f, "Conversion", "date"), "2026-10-31");
  gtk_editable_set_text (metric_widget (f, "Conversion", "value"), "3.4");
  g_signal_emit_by_name (metric_widget (f, "Conversion", "add"), "clicked");
  g_assert_cmpuint (wf_undo_stack_get_position (f->stack), ==, length + 2);

  metric = card_metric (card, "Conversion");
  g_assert_cmpuint (metric->measurements->len, ==, 2);
  g_assert_cmpstr (g_array_index (metric->measurements, WfMeasurement, 1).date, ==, "2026-10-31");
  g_assert_cmpfloat (g_array_index (metric->measurements, WfMeasurement, 0).value, ==, 3.1);
  g_clear_pointer (&metric, wf_metric_free);

  /* The row stayed open through the rebuilds. */
  g_assert_true (adw_expander_row_get_expanded (metric_widget (f, "Conversion", "row")));
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "3.4\u00a0· ▲\u00a0up from 3.1");

  /* The remove buttons say what they remove. */
  g_assert_nonnull (metric_widget (f, "Conversion", "remove:2026-10-31"));

  /* A unit. */
  adw_combo_row_set_selected (metric_widget (f, "Conversion", "unit"), 1);
  metric = card_metric (card, "Conversion");
  g_assert_cmpstr (metric->unit, ==, "%");
  g_clear_pointer (&metric, wf_metric_free);
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "3.4%\u00a0· ▲\u00a0up from 3.1%");

  /* A direction, then a target it misses and one it meets. */
  adw_combo_row_set_selected (metric_widget (f, "Conversion", "direction"), WF_DIRECTION_HIGHER);
  gtk_editable_set_text (metric_widget (f, "Conversion", "target"), "3,5");
  g_signal_emit_by_name (metric_widget (f, "Conversion", "target"), "entry-activated");
  metric = card_metric (card, "Conversion");
  g_assert_cmpint (metric->direction, ==, WF_DIRECTION_HIGHER);
  g_assert_true (metric->has_target);
  g_assert_cmpfloat (metric->target, ==, 3.5);
  g_clear_pointer (&metric, wf_metric_free);
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "3.4%\u00a0· ▲\u00a0up from 3.1%\u00a0· ✗\u00a0off\u00a0target");
  g_assert_cmpstr (gtk_editable_get_text (metric_widget (f, "Conversion", "target")), ==, "3.5");

  gtk_editable_set_text (metric_widget (f, "Conversion", "target"), "3");
  g_signal_emit_by_name (metric_widget (f, "Conversion", "target"), "apply");
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "3.4%\u00a0· ▲\u00a0up from 3.1%\u00a0· ✓\u00a0on\u00a0target");
  g_assert_cmpuint (wf_undo_stack_get_position (f->stack), ==, length + 6);

  /* Remove the newest measurement: the trend goes with it. */
  g_signal_emit_by_name (metric_widget (f, "Conversion", "remove:2026-10-31"), "clicked");
  metric = card_metric (card, "Conversion");
  g_assert_cmpuint (metric->measurements->len, ==, 1);
  g_clear_pointer (&metric, wf_metric_free);
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "3.1%\u00a0· ✓\u00a0on\u00a0target");
  g_assert_cmpuint (wf_undo_stack_get_position (f->stack), ==, length + 7);

  /* Undo each step, the rows following, the row still open. */
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "3.4%\u00a0· ▲\u00a0up from 3.1%\u00a0· ✓\u00a0on\u00a0target");
  g_assert_true (adw_expander_row_get_expanded (metric_widget (f, "Conversion", "row")));
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "3.4%\u00a0· ▲\u00a0up from 3.1%\u00a0· ✗\u00a0off\u00a0target");
  g_assert_cmpstr (gtk_editable_get_text (metric_widget (f, "Conversion", "target")), ==, "3.5");
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "3.4%\u00a0· ▲\u00a0up from 3.1%");
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpuint (adw_combo_row_get_selected (metric_widget (f, "Conversion", "direction")), ==, 0);
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "3.4\u00a0· ▲\u00a0up from 3.1");
  g_assert_cmpuint (adw_combo_row_get_selected (metric_widget (f, "Conversion", "unit")), ==, 0);
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "3.1");
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "No measurements");
  g_assert_cmpuint (wf_undo_stack_get_position (f->stack), ==, length);

  /* Redo comes back the same way. */
  g_assert_true (wf_undo_stack_redo (f->stack));
  g_assert_cmpstr (subtitle_of (f, "Conversion"), ==, "3.1");

  /* A unit of one's own, and an undated measurement. */
  adw_combo_row_set_selected (metric_widget (f, "Conversion", "unit"), 5);
  g_assert_true (gtk_widget_get_visible (metric_widget (f, "Conversion", "unit-text")));
  gtk_editable_set_text (metric_widget (f, "Conversion", "unit-text"), "min");
  g_signal_emit_by_name (metric_widget (f, "Conversion", "unit-text"), "entry-activated");
  gtk_editable_set_text (metric_widget (f, "Conversion", "date"), "");
  gtk_editable_set_text (metric_widget (f, "Conversion", "value"), "2");
  g_signal_emit_by_name (metric_widget (f, "Conversion", "value"), "activate");
  metric = card_metric (card, "Conversion");
  g_assert_cmpstr (metric->unit, ==, "min");
  g_assert_cmpuint (metric->measurements->len, ==, 2);
  g_assert_cmpstr (g_array_index (metric->measurements, WfMeasurement, 0).date, ==, "");
  g_clear_pointer (&metric, wf_metric_free);
  g_assert_true (gtk_widget_get_visible (metric_widget (f, "Conversion", "unit-text")));
  g_assert_nonnull (metric_widget (f, "Conversion", "remove:"));

  /* Renamed in place, still open. */
  gtk_editable_set_text (metric_widget (f, "Conversion", "name"), "Conversion rate");
  g_signal_emit_by_name (metric_widget (f, "Conversion", "name"), "entry-activated");
  g_assert_null (wf_metrics_editor_find (child (f, "metrics_editor"), "Conversion", NULL, "row"));
  g_assert_true (adw_expander_row_get_expanded (metric_widget (f, "Conversion rate", "row")));
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_true (adw_expander_row_get_expanded (metric_widget (f, "Conversion", "row")));
}

/* What is no date, no number or no name is refused, and nothing changes. */
static void
test_metric_invalid (Fixture       *f,
                     gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  g_autoptr(GVariant) before = NULL;
  GtkWidget *date, *value, *add, *target, *name;
  guint length;

  wf_canvas_select (f->canvas, card, FALSE);
  gtk_editable_set_text (metric_widget (f, NULL, "new-name"), "NPS");
  gtk_editable_set_text (metric_widget (f, NULL, "new-value"), "12");
  g_signal_emit_by_name (metric_widget (f, NULL, "new-add"), "clicked");
  gtk_editable_set_text (metric_widget (f, NULL, "new-name"), "CSAT");
  gtk_editable_set_text (metric_widget (f, NULL, "new-value"), "");
  g_signal_emit_by_name (metric_widget (f, NULL, "new-add"), "clicked");
  before = g_variant_ref (wf_card_get_metrics (card));
  length = wf_undo_stack_get_length (f->stack);

  date = metric_widget (f, "NPS", "date");
  value = metric_widget (f, "NPS", "value");
  add = metric_widget (f, "NPS", "add");

  gtk_editable_set_text (GTK_EDITABLE (value), "4");
  gtk_editable_set_text (GTK_EDITABLE (date), "2026-02-30");
  g_assert_true (has_error (date));
  g_assert_false (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (date, "activate");
  gtk_editable_set_text (GTK_EDITABLE (date), "soon");
  g_assert_true (has_error (date));
  g_signal_emit_by_name (value, "activate");
  gtk_editable_set_text (GTK_EDITABLE (date), "12");
  g_assert_true (has_error (date));

  gtk_editable_set_text (GTK_EDITABLE (date), "2026-10-31");
  g_assert_false (has_error (date));
  gtk_editable_set_text (GTK_EDITABLE (value), "four");
  g_assert_true (has_error (value));
  g_assert_false (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (value, "activate");

  target = metric_widget (f, "NPS", "target");
  gtk_editable_set_text (GTK_EDITABLE (target), "1.2.3");
  g_assert_true (has_error (target));
  g_signal_emit_by_name (target, "entry-activated");
  g_assert_true (has_error (target));

  /* No name, or the name of another metric. */
  name = metric_widget (f, "NPS", "name");
  gtk_editable_set_text (GTK_EDITABLE (name), " ");
  g_signal_emit_by_name (name, "entry-activated");
  g_assert_true (has_error (name));
  gtk_editable_set_text (GTK_EDITABLE (name), "CSAT");
  g_signal_emit_by_name (name, "entry-activated");
  g_assert_true (has_error (name));

  g_assert_true (g_variant_equal (before, wf_card_get_metrics (card)));
  g_assert_cmpuint (wf_undo_stack_get_length (f->stack), ==, length);

  /* The locale's short date (the C locale's: 10/31/26) is a date too. */
  gtk_editable_set_text (GTK_EDITABLE (date), "10/31/26");
  gtk_editable_set_text (GTK_EDITABLE (value), "7");
  g_assert_true (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (add, "clicked");
  {
    g_autoptr(WfMetric) nps = card_metric (card, "NPS");

    g_assert_cmpuint (nps->measurements->len, ==, 2);
    g_assert_cmpstr (g_array_index (nps->measurements, WfMeasurement, 1).date, ==, "2026-10-31");
  }
}

/* A phase's metrics, for a persona or for everyone. */
static void
test_phase_metrics (Fixture       *f,
                    gconstpointer  data)
{
  WfPhase *phase = wf_map_get_phase (f->map, 1);
  WfPersona *persona = wf_document_get_persona (f->document, 0);
  WfItemProperties *item = child (f, "item_properties");
  WfMetricsEditor *editor;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *expected = NULL;
  GtkDropDown *dropdown;
  GtkWidget *widget;

  editor = WF_METRICS_EDITOR (gtk_widget_get_template_child (GTK_WIDGET (item), WF_TYPE_ITEM_PROPERTIES, "metrics_editor"));
  g_assert_nonnull (persona);

  wf_canvas_select_header (f->canvas, WF_ITEM (phase));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (wf_metrics_editor_get_item (editor) == WF_ITEM (phase));

  /* "Everyone", then each persona. */
  dropdown = GTK_DROP_DOWN (wf_metrics_editor_find (editor, NULL, NULL, "new-for"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==,
                    wf_document_get_n_personas (f->document) + 1);

  gtk_drop_down_set_selected (dropdown, 1);
  gtk_editable_set_text (GTK_EDITABLE (wf_metrics_editor_find (editor, NULL, NULL, "new-name")), "NPS");
  gtk_editable_set_text (GTK_EDITABLE (wf_metrics_editor_find (editor, NULL, NULL, "new-value")), "-12");
  g_signal_emit_by_name (wf_metrics_editor_find (editor, NULL, NULL, "new-value"), "activate");

  gtk_drop_down_set_selected (dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (wf_metrics_editor_find (editor, NULL, NULL, "new-name")), "NPS");
  gtk_editable_set_text (GTK_EDITABLE (wf_metrics_editor_find (editor, NULL, NULL, "new-value")), "20");
  g_signal_emit_by_name (wf_metrics_editor_find (editor, NULL, NULL, "new-value"), "activate");

  metrics = wf_metrics_from_variant (wf_phase_get_metrics (phase));
  g_assert_cmpuint (metrics->len, ==, 2);
  g_assert_nonnull (wf_metrics_find (metrics, "NPS", wf_item_get_id (WF_ITEM (persona))));
  g_assert_nonnull (wf_metrics_find (metrics, "NPS", NULL));

  /* The persona in the subtitle. */
  rows = editor_rows (editor);
  expected = g_strdup_printf ("NPS=For %s\u00a0· -12;NPS=20;", wf_persona_get_name (persona));
  g_assert_cmpstr (rows, ==, expected);

  /* Each metric edited on its own. */
  widget = wf_metrics_editor_find (editor, "NPS", wf_item_get_id (WF_ITEM (persona)), "direction");
  g_assert_nonnull (widget);
  adw_combo_row_set_selected (ADW_COMBO_ROW (widget), WF_DIRECTION_LOWER);
  g_clear_pointer (&metrics, g_ptr_array_unref);
  metrics = wf_metrics_from_variant (wf_phase_get_metrics (phase));
  g_assert_cmpint (wf_metrics_find (metrics, "NPS", wf_item_get_id (WF_ITEM (persona)))->direction, ==, WF_DIRECTION_LOWER);
  g_assert_cmpint (wf_metrics_find (metrics, "NPS", NULL)->direction, ==, WF_DIRECTION_NONE);

  /* Not for lanes. */
  wf_canvas_select_header (f->canvas, WF_ITEM (wf_map_get_lane (f->map, 0)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));

  /* Undone, step by step. */
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpuint (g_variant_n_children (wf_phase_get_metrics (phase)), ==, 1);
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_null (wf_phase_get_metrics (phase));
}

/* Several cards: votes and colour for all, one step each. */
static void
test_multi (Fixture       *f,
            gconstpointer  data)
{
  WfCard *a = card_at (f, 0), *b = card_at (f, 1), *c = card_at (f, 2);
  GtkSpinButton *spin;
  guint length;

  wf_edit_set (b, "votes", 4u, NULL);
  wf_canvas_select (f->canvas, a, FALSE);
  wf_canvas_select (f->canvas, b, TRUE);
  wf_canvas_select (f->canvas, c, TRUE);

  g_assert_cmpstr (visible_page (f), ==, "cards");
  g_assert_cmpstr (gtk_label_get_label (child (f, "heading")), ==, "3 cards selected");
  g_assert_false (gtk_widget_get_visible (child (f, "text_group")));
  g_assert_false (gtk_widget_get_visible (child (f, "metrics_editor")));
  g_assert_true (gtk_widget_get_visible (child (f, "votes_group")));
  g_assert_true (gtk_widget_get_visible (child (f, "color_group")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (f, "votes_row")), !=, "");

  length = wf_undo_stack_get_length (f->stack);
  spin = child (f, "votes_spin");
  gtk_spin_button_set_value (spin, 9);
  g_assert_cmpuint (wf_card_get_votes (a), ==, 9);
  g_assert_cmpuint (wf_card_get_votes (b), ==, 9);
  g_assert_cmpuint (wf_card_get_votes (c), ==, 9);
  g_assert_cmpuint (wf_undo_stack_get_length (f->stack), ==, length + 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (child (f, "votes_row")), ==, "");

  g_signal_emit_by_name (find_swatch (f, "Green"), "clicked");
  g_assert_cmpstr (wf_card_get_color (a), ==, "#2ec27e");
  g_assert_cmpstr (wf_card_get_color (b), ==, "#2ec27e");
  g_assert_cmpstr (wf_card_get_color (c), ==, "#2ec27e");
  g_assert_cmpuint (wf_undo_stack_get_length (f->stack), ==, length + 2);

  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_null (wf_card_get_color (a));
  g_assert_null (wf_card_get_color (b));
  g_assert_null (wf_card_get_color (c));
  g_assert_true (gtk_toggle_button_get_active (find_swatch (f, "No Colour")));

  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpuint (wf_card_get_votes (a), ==, 0);
  g_assert_cmpuint (wf_card_get_votes (b), ==, 4);
  g_assert_cmpuint (wf_card_get_votes (c), ==, 0);

  /* Mixed colours mark no swatch. */
  wf_edit_set (a, "color", "#e01b24", NULL);
  g_assert_false (gtk_toggle_button_get_active (find_swatch (f, "No Colour")));
  g_assert_false (gtk_toggle_button_get_active (find_swatch (f, "Red")));

  /* Back to one card: everything again. */
  wf_canvas_select (f->canvas, a, FALSE);
  g_assert_true (gtk_widget_get_visible (child (f, "text_group")));
  g_assert_true (gtk_toggle_button_get_active (find_swatch (f, "Red")));
}

static void
save_shot (Fixture    *f,
           const char *prefix,
           const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s-%s.png", prefix, name);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height;

  wf_test_wait_frame (GTK_WIDGET (f->props));

  width = gtk_widget_get_width (GTK_WIDGET (f->props));
  height = gtk_widget_get_height (GTK_WIDGET (f->props));
  g_assert_cmpint (width, >=, 300);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->props));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_test_message ("Saved %s", path);
}

/* WF_SHOT=/tmp/props: the sidebar as pictures, /tmp/props-*.png, to look at. */
static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  const char *prefix = g_getenv ("WF_SHOT");
  GtkAdjustment *vadjustment;
  GVariantBuilder builder;

  if (prefix == NULL)
    {
      g_test_skip ("WF_SHOT is not set");
      return;
    }

  save_shot (f, prefix, "empty");

  g_variant_builder_init (&builder, WF_METRICS_TYPE);
  wf_metrics_builder_add_plain (&builder, "Conversion", 2.5);
  wf_metrics_builder_add_plain (&builder, "NPS", -12.0);
  wf_edit_set (card_at (f, 0),
               "notes", "Seen on a phone, in the evening.\nClicks through to the shop.",
               "color", "#f5c211", "votes", 3u, "emotion", 1,
               "metrics", g_variant_builder_end (&builder), NULL);
  wf_edit_set (card_at (f, 0), "tags", (const char * const[]) { "social", "mobile", NULL }, NULL);
  wf_canvas_select (f->canvas, card_at (f, 0), FALSE);
  save_shot (f, prefix, "card");

  vadjustment = gtk_scrolled_window_get_vadjustment (child (f, "scrolled"));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  save_shot (f, prefix, "card-end");

  /* Figures over time: two metrics, three dated measurements each. */
  {
    g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
    WfMetric *conversion = wf_metric_new ("Conversion");
    WfMetric *nps = wf_metric_new ("NPS");

    g_free (conversion->unit);
    conversion->unit = g_strdup ("%");
    conversion->direction = WF_DIRECTION_HIGHER;
    conversion->has_target = TRUE;
    conversion->target = 3.5;
    wf_metric_set_measurement (conversion, 2.8, "2026-08-31");
    wf_metric_set_measurement (conversion, 3.1, "2026-09-30");
    wf_metric_set_measurement (conversion, 3.4, "2026-10-31");
    g_free (nps->unit);
    nps->unit = g_strdup ("score");
    nps->direction = WF_DIRECTION_HIGHER;
    nps->has_target = TRUE;
    nps->target = 10;
    wf_metric_set_measurement (nps, -4, "2026-08-31");
    wf_metric_set_measurement (nps, 8, "2026-09-30");
    wf_metric_set_measurement (nps, 12, "2026-10-31");
    g_ptr_array_add (metrics, conversion);
    g_ptr_array_add (metrics, nps);
    wf_edit_set (card_at (f, 0), "metrics", wf_metrics_to_variant (metrics), NULL);
    adw_expander_row_set_expanded (metric_widget (f, "Conversion", "row"), TRUE);
    wf_test_wait_frame (GTK_WIDGET (f->props));
    wf_test_wait_frame (GTK_WIDGET (f->props));
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) - 1100);
    save_shot (f, prefix, "metrics");
    for (guint i = 0; i < 3; i++)
      {
        gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
        wf_test_wait_frame (GTK_WIDGET (f->props));
      }
    save_shot (f, prefix, "metrics-end");
  }

  wf_canvas_select (f->canvas, card_at (f, 1), TRUE);
  wf_canvas_select (f->canvas, card_at (f, 2), TRUE);
  save_shot (f, prefix, "multi");
}

/* Links on the canvas: drawn from a card to another, selected by a
 * click on the line, labelled in place, deleted alone; each undoable.
 */
static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  WfCard *from = card_at (f, 0), *to = card_at (f, 2);
  WfScene *scene = wf_canvas_get_scene (f->canvas);
  guint n_links = wf_map_get_n_links (f->map);
  graphene_point_t handle, middle;
  GtkWidget *entry;
  WfLink *link;

  /* The focused card has the handle a drag starts from, when its text
   * shows.
   */
  wf_canvas_zoom_at (f->canvas, 0.2, 0, 0);
  wf_canvas_select (f->canvas, from, FALSE);
  g_assert_false (wf_canvas_get_link_handle (f->canvas, &handle));
  wf_canvas_zoom_at (f->canvas, 1.0, 0, 0);
  g_assert_true (wf_canvas_get_link_handle (f->canvas, &handle));

  g_assert_true (wf_canvas_draw_link (f->canvas, from, to));
  g_assert_cmpuint (wf_map_get_n_links (f->map), ==, n_links + 1);
  link = wf_map_get_link (f->map, n_links);
  g_assert_true (wf_link_get_from (link) == from && wf_link_get_to (link) == to);
  g_assert_true (wf_canvas_get_selected_link (f->canvas) == link);
  g_assert_null (wf_canvas_get_selection (f->canvas));
  /* Not twice the same way. */
  g_assert_false (wf_canvas_draw_link (f->canvas, from, to));

  /* A point on the line finds the link; one far from it does not. */
  g_assert_true (wf_scene_get_link_middle (scene, link, &middle));
  g_assert_true (wf_scene_link_at (scene, middle.x, middle.y + 3, 6) == link);
  g_assert_null (wf_scene_link_at (scene, middle.x, middle.y + 40, 6));

  /* Its label, edited in place. */
  wf_canvas_edit_link_label (f->canvas, link);
  entry = NULL;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (f->canvas)); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER (c) && gtk_widget_get_visible (c))
      entry = gtk_popover_get_child (GTK_POPOVER (c));
  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (entry), "leads to");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (wf_link_get_label (link), ==, "leads to");

  /* Delete takes the link, not its cards. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.delete", NULL));
  g_assert_cmpuint (wf_map_get_n_links (f->map), ==, n_links);
  g_assert_true (wf_item_get_document (WF_ITEM (from)) == f->document);
  g_assert_true (wf_item_get_document (WF_ITEM (to)) == f->document);
  g_assert_null (wf_canvas_get_selected_link (f->canvas));

  /* Undo: the link with its label; undo again: no label; again: none. */
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpuint (wf_map_get_n_links (f->map), ==, n_links + 1);
  link = wf_map_get_link (f->map, n_links);
  g_assert_cmpstr (wf_link_get_label (link), ==, "leads to");
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpstr (wf_link_get_label (link), ==, "");
  g_assert_true (wf_undo_stack_undo (f->stack));
  g_assert_cmpuint (wf_map_get_n_links (f->map), ==, n_links);
}

/* A header selected: the sidebar edits its phase, lane or persona. */
static void
test_headers (Fixture       *f,
              gconstpointer  data)
{
  WfPhase *phase = wf_map_get_phase (f->map, 1);
  WfLane *lane = wf_map_get_lane (f->map, 0);
  WfPersona *persona = wf_document_get_persona (f->document, 0);
  GtkStack *stack = child (f, "stack");
  WfItemProperties *item = child (f, "item_properties");
  GtkEditable *name, *text, *goals;
  AdwComboRow *kind, *owner;
  g_autofree char *old_name = g_strdup (wf_phase_get_name (phase));
  WfLaneKind old_kind = wf_lane_get_kind (lane);

  name = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (item), WF_TYPE_ITEM_PROPERTIES, "name_row"));
  text = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (item), WF_TYPE_ITEM_PROPERTIES, "text_row"));
  goals = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (item), WF_TYPE_ITEM_PROPERTIES, "goals_row"));
  kind = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (item), WF_TYPE_ITEM_PROPERTIES, "kind_row"));
  owner = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (item), WF_TYPE_ITEM_PROPERTIES, "persona_row"));

  /* A phase: its name and description. */
  wf_canvas_select_header (f->canvas, WF_ITEM (phase));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "item");
  g_assert_cmpstr (gtk_editable_get_text (name), ==, old_name);
  gtk_editable_set_text (name, "Orientation");
  gtk_editable_set_text (text, "Looks around");
  g_assert_cmpstr (wf_phase_get_name (phase), ==, "Orientation");
  g_assert_cmpstr (wf_phase_get_description (phase), ==, "Looks around");

  /* A lane: its kind and persona. */
  wf_canvas_select_header (f->canvas, WF_ITEM (lane));
  g_assert_true (wf_item_properties_get_item (item) == WF_ITEM (lane));
  adw_combo_row_set_selected (kind, WF_LANE_PAIN_POINTS);
  g_assert_cmpint (wf_lane_get_kind (lane), ==, WF_LANE_PAIN_POINTS);
  adw_combo_row_set_selected (owner, 0);
  g_assert_null (wf_lane_get_persona (lane));

  /* The personas offered follow the document's: "Shared", then each. */
  {
    guint n_choices = g_list_model_get_n_items (adw_combo_row_get_model (owner));
    g_autoptr(WfPersona) extra = wf_persona_new ("extra-persona", "Extra");

    g_assert_cmpuint (n_choices, ==, wf_document_get_n_personas (f->document) + 1);
    g_assert_true (wf_edit_add_persona (f->document, extra, -1));
    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (owner)), ==, n_choices + 1);
    g_assert_true (wf_undo_stack_undo (f->stack));
    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (owner)), ==, n_choices);
    g_assert_null (wf_lane_get_persona (lane));
  }

  /* A persona: its profile. */
  wf_canvas_select_header (f->canvas, WF_ITEM (persona));
  gtk_editable_set_text (goals, "Coffee without thinking");
  g_assert_cmpstr (wf_persona_get_goals (persona), ==, "Coffee without thinking");

  /* A card again: the card's page. */
  wf_canvas_select (f->canvas, card_at (f, 0), FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "cards");
  g_assert_null (wf_canvas_get_selected_header (f->canvas));

  /* Every change undoes. */
  while (wf_undo_stack_can_undo (f->stack))
    wf_undo_stack_undo (f->stack);
  g_assert_cmpstr (wf_phase_get_name (phase), ==, old_name);
  g_assert_cmpint (wf_lane_get_kind (lane), ==, old_kind);
  g_assert_true (wf_lane_get_persona (lane) == persona);
  g_assert_cmpstr (wf_persona_get_goals (persona), !=, "Coffee without thinking");
}

/* What a screen reader hears of a focused card says its first figure in
 * words where the map has an arrow and a mark.
 */
static void
test_spoken_figure (Fixture       *f,
                    gconstpointer  data)
{
  WfCard *card = card_at (f, 0);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  WfMetric *metric = wf_metric_new ("Conversion");
  g_autofree char *plain = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *details = NULL;
  char *failure;

  wf_canvas_set_focus_card (f->canvas, card);
  details = wf_canvas_describe_card (f->canvas, card);
  g_assert_nonnull (strstr (details, wf_lane_get_title (wf_card_get_lane (card))));
  g_assert_nonnull (strstr (details, wf_phase_get_name (wf_card_get_phase (card))));
  g_assert_null (strstr (details, "Conversion"));
  plain = g_strdup_printf ("%s — %s", wf_card_get_title (card), details);
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, plain);
  g_assert_null (failure);

  g_free (metric->unit);
  metric->unit = g_strdup ("%");
  metric->direction = WF_DIRECTION_HIGHER;
  metric->has_target = TRUE;
  metric->target = 4;
  wf_metric_set_measurement (metric, 3.9, "2026-09-30");
  wf_metric_set_measurement (metric, 3.4, "2026-10-31");
  g_ptr_array_add (metrics, metric);
  wf_card_set_metrics (card, wf_metrics_to_variant (metrics));
  wf_canvas_set_focus_card (f->canvas, NULL);
  wf_canvas_set_focus_card (f->canvas, card);

  g_free (details);
  details = wf_canvas_describe_card (f->canvas, card);
  g_assert_nonnull (strstr (details, ", Conversion 3.4%, down from 3.9%, off target 4%"));
  expected = g_strdup_printf ("%s — %s", wf_card_get_title (card), details);
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  g_assert_null (failure);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's own accessibility backend for tests, not none: spoken-figure
   * reads what a screen reader would be told.
   */
  g_setenv ("GTK_A11Y", "test", TRUE);
  wf_test_app_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/properties/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("empty", test_empty);
  ADD ("title", test_title);
  ADD ("seal-on-switch", test_seal_on_switch);
  ADD ("seal-on-enter", test_seal_on_enter);
  ADD ("notes", test_notes);
  ADD ("combos", test_combos);
  ADD ("votes", test_votes);
  ADD ("color", test_color);
  ADD ("tags", test_tags);
  ADD ("metrics", test_metrics);
  ADD ("metric-add-dated", test_metric_add_dated);
  ADD ("metric-figures", test_metric_figures);
  ADD ("metric-invalid", test_metric_invalid);
  ADD ("phase-metrics", test_phase_metrics);
  ADD ("multi", test_multi);
  ADD ("screenshot", test_screenshot);
  ADD ("links", test_links);
  ADD ("headers", test_headers);
  ADD ("spoken-figure", test_spoken_figure);

#undef ADD

  return g_test_run ();
}
