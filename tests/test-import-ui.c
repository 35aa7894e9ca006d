/* test-import-ui.c — the Import Figures dialog: columns chosen, imported as
 * one step that Undo takes back, problems listed with nothing imported
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "model/wf-model.h"
#include "model/wf-edit.h"
#include "model/wf-metric.h"
#include "render/wf-layout.h"
#include "render/wf-scene.h"
#include "storage/wf-sheet.h"
#include "ui/wf-import-dialog.h"
#include "ui/wf-window-private.h"
#include "test-app.h"
#include "test-util.h"

typedef struct
{
  WfDocument *document;
  WfCard     *pay;
  guint       imported;   /* the rows ::imported said */
  gboolean    closed;
} Fixture;

static void
set_up (Fixture *f)
{
  WfMap *map = wf_map_new ("map", "Coffee");
  WfPhase *buy = wf_phase_new ("buy", "Buy");
  WfLane *lane = wf_lane_new ("touchpoints", WF_LANE_TOUCHPOINTS);

  memset (f, 0, sizeof *f);
  f->document = wf_document_new ();
  wf_document_insert_map (f->document, map, -1);
  wf_map_insert_phase (map, buy, -1);
  wf_map_insert_lane (map, lane, -1);
  f->pay = wf_card_new ("c1", "Pay");
  g_assert_true (wf_map_insert_card (map, f->pay, buy, lane, -1));
  g_object_unref (f->pay);
  g_object_unref (lane);
  g_object_unref (buy);
  g_object_unref (map);
}

static guint
n_metrics (WfCard *card)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GPtrArray) metrics = NULL;

  g_object_get (card, "metrics", &variant, NULL);
  if (variant == NULL)
    return 0;
  metrics = wf_metrics_from_variant (variant);

  return metrics->len;
}

static double
last_value (WfCard     *card,
            const char *name)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  WfMetric *metric;

  g_object_get (card, "metrics", &variant, NULL);
  g_assert_nonnull (variant);
  metrics = wf_metrics_from_variant (variant);
  metric = wf_metrics_find (metrics, name, "");
  g_assert_nonnull (metric);
  g_assert_cmpuint (metric->measurements->len, >, 0);

  return g_array_index (metric->measurements, WfMeasurement, metric->measurements->len - 1).value;
}

static void
on_imported (WfImportDialog *dialog,
             guint           rows,
             Fixture        *f)
{
  f->imported = rows;
}

static void
on_destroy (GtkWidget *widget,
            Fixture   *f)
{
  f->closed = TRUE;
}

static WfImportDialog *
show_dialog (Fixture    *f,
             const char *text)
{
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));
  WfImportDialog *dialog;

  dialog = wf_import_dialog_new (NULL, f->document, wf_document_get_map (f->document, 0), data);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), f);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_destroy), f);
  gtk_window_present (GTK_WINDOW (dialog));
  wf_test_wait_frame (GTK_WIDGET (dialog));

  return dialog;
}

/* "Stap" and "Getal" name no role: they start as Ignore, and the column
 * chosen for them counts; Undo takes the whole import back.
 */
static void
test_import (void)
{
  Fixture f;
  WfImportDialog *dialog;

  set_up (&f);
  dialog = show_dialog (&f, "Stap,metric,Getal\nPay,NPS,12\nPay,Wait,3\n");

  g_assert_cmpuint (wf_import_dialog_get_n_columns (dialog), ==, 3);
  g_assert_cmpint (wf_import_dialog_get_role (dialog, 0), ==, WF_FIGURES_ROLE_NONE);
  g_assert_cmpint (wf_import_dialog_get_role (dialog, 1), ==, WF_FIGURES_ROLE_METRIC);
  g_assert_cmpint (wf_import_dialog_get_role (dialog, 2), ==, WF_FIGURES_ROLE_NONE);

  wf_import_dialog_set_role (dialog, 0, WF_FIGURES_ROLE_CARD);
  wf_import_dialog_set_role (dialog, 2, WF_FIGURES_ROLE_VALUE);
  g_assert_true (wf_import_dialog_import (dialog));
  g_assert_cmpuint (f.imported, ==, 2);
  g_assert_true (f.closed);

  g_assert_cmpuint (n_metrics (f.pay), ==, 2);
  g_assert_cmpfloat (last_value (f.pay, "NPS"), ==, 12);
  g_assert_cmpfloat (last_value (f.pay, "Wait"), ==, 3);

  g_assert_true (wf_undo_stack_undo (wf_document_get_undo_stack (f.document)));
  g_assert_cmpuint (n_metrics (f.pay), ==, 0);

  g_object_unref (f.document);
}

/* In the app, whose settings remember the columns: the next sheet with
 * a column "Stap" (or " stap ") gets the role chosen for it; a name
 * never chosen for still says its own.
 */
static gboolean
step_remembered (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfImportDialog *dialog;
  Fixture f;

  if (wf_test_app_get_canvas (app) == NULL)
    return FALSE;

  set_up (&f);
  dialog = show_dialog (&f, "Stap,metric,Getal\nPay,NPS,12\n");
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  wf_import_dialog_set_role (dialog, 0, WF_FIGURES_ROLE_CARD);
  wf_import_dialog_set_role (dialog, 2, WF_FIGURES_ROLE_VALUE);
  g_assert_true (wf_import_dialog_import (dialog));

  dialog = show_dialog (&f, " stap ,GETAL,value,Opmerking\nPay,12,NPS,x\n");
  g_assert_cmpint (wf_import_dialog_get_role (dialog, 0), ==, WF_FIGURES_ROLE_CARD);
  g_assert_cmpint (wf_import_dialog_get_role (dialog, 1), ==, WF_FIGURES_ROLE_VALUE);
  g_assert_cmpint (wf_import_dialog_get_role (dialog, 2), ==, WF_FIGURES_ROLE_VALUE);
  g_assert_cmpint (wf_import_dialog_get_role (dialog, 3), ==, WF_FIGURES_ROLE_NONE);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_object_unref (f.document);
  gtk_window_close (GTK_WINDOW (window));

  return TRUE;
}

static void
test_remembered (void)
{
  wf_test_app_run_sample (step_remembered, NULL);
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* A bad row: the problems are listed, nothing is imported and the
 * dialog stays; skipping bad rows imports the good ones.
 */
static void
test_problems (void)
{
  Fixture f;
  WfImportDialog *dialog;

  set_up (&f);
  dialog = show_dialog (&f, "card,metric,value\nPay,NPS,12\nQueue,NPS,3\nPay,Wait,abc\n");

  g_assert_false (wf_import_dialog_import (dialog));
  g_assert_cmpuint (wf_import_dialog_get_n_problems (dialog), ==, 2);
  g_assert_cmpuint (f.imported, ==, 0);
  g_assert_false (f.closed);
  g_assert_cmpuint (n_metrics (f.pay), ==, 0);

  wf_import_dialog_set_skip_bad (dialog, TRUE);
  g_assert_true (wf_import_dialog_import (dialog));
  g_assert_cmpuint (f.imported, ==, 1);
  g_assert_cmpuint (wf_import_dialog_get_n_problems (dialog), ==, 2);
  g_assert_cmpuint (n_metrics (f.pay), ==, 1);

  /* Imported: the skipped rows are a note, and the way out is Close. */
  g_assert_nonnull (wf_test_find (GTK_WIDGET (dialog), is_button_labelled, (gpointer) "_Close"));
  g_assert_null (wf_test_find (GTK_WIDGET (dialog), is_button_labelled, (gpointer) "_Cancel"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (f.document);
}

static gboolean
is_label (GtkWidget *widget,
          gpointer   text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* TheyDo's metrics JSON needs no columns: the dialog says what it holds
 * and imports it.
 */
static void
test_theydo (void)
{
  static const char theydo[] =
    "\xEF\xBB\xBF{ \"format\": \"THEYDO_METRICS_V1\", \"metrics\": [\n"
    "  { \"type\": \"CES\", \"importKey\": \"Pay\", \"title\": \"Customer Effort Score\",\n"
    "    \"unit\": \"score\", \"dataPoints\": [\n"
    "      { \"dateOfMeasurement\": \"2025-01-31\", \"score\": 4.8, \"respondents\": 320 } ] },\n"
    "  { \"type\": \"OTHER\", \"importKey\": \"c1\", \"title\": \"Handle Time\", \"unit\": \"seconds\",\n"
    "    \"dataPoints\": [ { \"dateOfMeasurement\": \"2025-01-31\", \"value\": 312.5 } ] } ] }\n";
  Fixture f;
  WfImportDialog *dialog;

  set_up (&f);
  dialog = show_dialog (&f, theydo);
  g_assert_cmpuint (wf_import_dialog_get_n_columns (dialog), ==, 0);
  g_assert_nonnull (wf_test_find (GTK_WIDGET (dialog), is_label, (gpointer) "2 metrics from TheyDo"));

  g_assert_true (wf_import_dialog_import (dialog));
  g_assert_true (f.closed);
  g_assert_cmpuint (n_metrics (f.pay), ==, 2);
  g_assert_cmpfloat (last_value (f.pay, "Customer Effort Score"), ==, 4.8);

  g_object_unref (f.document);
}

/* The band of @persona in the canvas, or NULL. */
static const WfRow *
band_of (WfCanvas  *canvas,
         WfPersona *persona,
         guint     *index)
{
  WfLayout *layout = wf_scene_get_layout (wf_canvas_get_scene (canvas));

  for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
    if (wf_layout_get_row (layout, r)->kind == WF_ROW_PERSONA &&
        wf_layout_get_row (layout, r)->persona == persona)
      {
        *index = r;
        return wf_layout_get_row (layout, r);
      }

  return NULL;
}

/* Figures imported for a persona with no lanes in the map: its band
 * shows them, and the band takes what a band takes — a lane dropped on
 * it becomes that persona's, a card is refused.
 */
static gboolean
step_persona_band (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas = wf_test_app_get_canvas (app);
  WfDocument *document;
  WfUndoStack *stack;
  WfMap *map;
  WfLayout *layout;
  WfImportDialog *dialog;
  g_autoptr(WfPersona) bo = NULL;
  g_autoptr(GBytes) data = NULL;
  const char *sheet = "phase,persona,metric,value\nPurchase,Bo,CSAT,3.5\n";
  const WfRow *band;
  WfLane *lane = NULL;
  guint row, n_lanes, n_cards;
  double x, w;

  if (canvas == NULL)
    return FALSE;

  document = wf_window_get_document (window);
  stack = wf_document_get_undo_stack (document);
  map = wf_canvas_get_map (canvas);
  layout = wf_scene_get_layout (wf_canvas_get_scene (canvas));
  bo = wf_persona_new ("bo", "Bo");
  wf_persona_set_color (bo, wf_persona_default_color (2));
  g_assert_true (wf_edit_add_persona (document, bo, -1));
  g_assert_null (band_of (canvas, bo, &row));

  data = g_bytes_new_static (sheet, strlen (sheet));
  dialog = wf_import_dialog_new (GTK_WINDOW (window), document, map, data);
  g_assert_true (wf_import_dialog_import (dialog));

  band = band_of (canvas, bo, &row);
  g_assert_nonnull (band);
  g_assert_true (row + 1 == wf_layout_get_n_rows (layout) ||
                 wf_layout_get_row (layout, row + 1)->kind != WF_ROW_LANE);

  /* A card on the band: refused. */
  wf_layout_get_phase_bounds (layout, 2, &x, &w);
  n_cards = wf_map_get_n_cards (map);
  g_assert_false (wf_canvas_add_item (canvas, "touchpoint", x + w / 2, band->y + band->height / 2));
  g_assert_cmpuint (wf_map_get_n_cards (map), ==, n_cards);

  /* A lane on the band: Bo's, under the band. */
  n_lanes = wf_map_get_n_lanes (map);
  g_assert_true (wf_canvas_add_item (canvas, "lane:touchpoints", x + w / 2, band->y + band->height / 2));
  g_assert_cmpuint (wf_map_get_n_lanes (map), ==, n_lanes + 1);
  for (guint i = 0; i < wf_map_get_n_lanes (map); i++)
    if (wf_lane_get_persona (wf_map_get_lane (map, i)) == bo)
      lane = wf_map_get_lane (map, i);
  g_assert_nonnull (lane);
  band = band_of (canvas, bo, &row);
  g_assert_cmpint (wf_layout_get_lane_row (layout, lane), ==, row + 1);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpuint (wf_map_get_n_lanes (map), ==, n_lanes);

  /* A lane's header dropped on the band: the lane becomes Bo's. */
  lane = wf_map_get_lane (map, 0);
  band = band_of (canvas, bo, &row);
  g_assert_true (wf_canvas_move_header_to (canvas, lane, 50, band->y + band->height / 2));
  g_assert_true (wf_lane_get_persona (lane) == bo);
  band = band_of (canvas, bo, &row);
  g_assert_cmpint (wf_layout_get_lane_row (layout, lane), ==, row + 1);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_true (wf_lane_get_persona (lane) != bo);

  /* Undoing the import takes the band away. */
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_null (band_of (canvas, bo, &row));

  gtk_window_close (GTK_WINDOW (window));
  return TRUE;
}

static void
test_persona_band (void)
{
  wf_test_app_run_sample (step_persona_band, NULL);
}

/* A file that does not say its size — a pipe — and is far larger than
 * any sheet: the window reads no more of it than a sheet can hold, and
 * says so naming the file.
 */
typedef struct
{
  char       *dir;
  char       *path;
  WfTestFifo *writer;
  gsize       written;
} Fifo;

static gboolean
step_too_large (WfTestApp *app)
{
  WfWindow *window = wf_test_app_get_window (app);
  Fifo *fifo = app->data;
  AdwMessageDialog *dialog;

  switch (app->stage)
    {
    case 0:
      {
        g_autoptr(GFile) file = NULL;

        if (wf_test_app_get_canvas (app) == NULL)
          return FALSE;

        fifo->dir = g_dir_make_tmp ("wayfinder-import-XXXXXX", NULL);
        fifo->path = g_build_filename (fifo->dir, "huge.csv", NULL);
        fifo->writer = wf_test_fifo_new (fifo->path, 2 * (gsize) WF_SHEET_MAX_BYTES + 1);
        file = g_file_new_for_path (fifo->path);
        _wf_window_import_file (window, file);
        app->stage++;
        return FALSE;
      }

    default:
      if ((dialog = wf_test_find_dialog ()) == NULL)
        return FALSE;

      fifo->written = wf_test_fifo_finish (fifo->writer);
      g_test_message ("%s: %s; %" G_GSIZE_FORMAT " bytes written",
                      adw_message_dialog_get_heading (dialog),
                      adw_message_dialog_get_body (dialog), fifo->written);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open “huge.csv”");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "larger than 64 MB"));
      /* The reader stopped at the limit: what it read, what the pipe
       * held, what the writer had in hand. */
      g_assert_cmpuint (fifo->written, <, WF_SHEET_MAX_BYTES + 4 * 1024 * 1024);
      g_assert_null (wf_test_find_window (WF_TYPE_IMPORT_DIALOG));

      gtk_window_destroy (GTK_WINDOW (dialog));
      gtk_window_close (GTK_WINDOW (window));
      return TRUE;
    }
}

static void
test_too_large (void)
{
  Fifo fifo = { 0 };

  wf_test_app_run_sample (step_too_large, &fifo);

  g_assert_cmpint (g_rmdir (fifo.dir), ==, 0);
  g_free (fifo.path);
  g_free (fifo.dir);
}

int
main (int   argc,
      char *argv[])
{
  wf_test_app_init (&argc, &argv);

  g_test_add_func ("/import-ui/import", test_import);
  g_test_add_func ("/import-ui/problems", test_problems);
  g_test_add_func ("/import-ui/remembered", test_remembered);
  g_test_add_func ("/import-ui/theydo", test_theydo);
  g_test_add_func ("/import-ui/too-large", test_too_large);
  g_test_add_func ("/import-ui/persona-band", test_persona_band);

  return g_test_run ();
}
