/* test-util.c — what several tests share
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <sqlite3.h>

#include "storage/wf-picture.h"

#include "storage/wf-journey.h"
#include "test-util.h"

static WfMap *
first_map (WfDocument *document)
{
  return wf_document_get_map (document, 0);
}

static gpointer
random_item (WfMap *map,
             GType  type,
             GRand *rand)
{
  if (type == WF_TYPE_PHASE && wf_map_get_n_phases (map) > 0)
    return wf_map_get_phase (map, g_rand_int_range (rand, 0, wf_map_get_n_phases (map)));
  if (type == WF_TYPE_LANE && wf_map_get_n_lanes (map) > 0)
    return wf_map_get_lane (map, g_rand_int_range (rand, 0, wf_map_get_n_lanes (map)));
  if (type == WF_TYPE_CARD && wf_map_get_n_cards (map) > 0)
    {
      g_autoptr(GPtrArray) cards = wf_map_list_cards (map);
      return g_ptr_array_index (cards, g_rand_int_range (rand, 0, cards->len));
    }

  return NULL;
}

/* One or two metrics with what the formats must carry: a unit, a
 * direction, a target, dated and undated values; for @persona ("" for
 * everyone).
 */
static void
random_metrics (GRand      *rand,
                const char *persona,
                GPtrArray  *metrics)
{
  static const char *names[] = { "NPS", "conversion", "CSAT ‘nl’", "" };
  static const char *units[] = { "", "%", "€", "count", "min" };
  static const char *dates[] = { "", "2026-01-31", "2026-10-31", "2027-02-28" };
  guint n = g_rand_int_range (rand, 1, 3);

  for (guint i = 0; i < n; i++)
    {
      WfMetric *metric = wf_metric_new (names[(i + g_rand_int_range (rand, 0, 3)) % G_N_ELEMENTS (names)]);
      guint n_values = g_rand_int_range (rand, 0, 4);

      if (wf_metrics_find (metrics, metric->name, persona) != NULL)
        {
          wf_metric_free (metric);
          continue;
        }

      g_free (metric->persona);
      metric->persona = g_strdup (persona);
      g_free (metric->unit);
      metric->unit = g_strdup (units[g_rand_int_range (rand, 0, G_N_ELEMENTS (units))]);
      metric->direction = g_rand_int_range (rand, 0, 3);
      metric->has_target = g_rand_boolean (rand);
      metric->target = metric->has_target ? g_rand_int_range (rand, -5, 100) / 4.0 : 0;
      for (guint j = 0; j < n_values; j++)
        wf_metric_set_measurement (metric, g_rand_int_range (rand, -1000, 1000) / 8.0,
                                   dates[g_rand_int_range (rand, 0, G_N_ELEMENTS (dates))]);
      g_ptr_array_add (metrics, metric);
    }
}

/**
 * wf_test_random_edit:
 *
 * One random edit of the first map of @document through the undo stack.
 */
void
wf_test_random_edit (WfDocument *document,
                     GRand      *rand)
{
  WfMap *map = first_map (document);
  WfPhase *phase = random_item (map, WF_TYPE_PHASE, rand);
  WfLane *lane = random_item (map, WF_TYPE_LANE, rand);
  WfCard *card = random_item (map, WF_TYPE_CARD, rand);
  static const char *words[] = { "Klantreis", "Überweisung", "旅程", "رحلة", "Путь", "🙂 ok", "" };
  const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

  switch (g_rand_int_range (rand, 0, 16))
    {
    case 0:
      if (card)
        wf_edit_set (card, "title", word, NULL);
      break;

    case 1:
      if (phase && lane)
        {
          g_autofree char *id = wf_document_make_id (document, "rnd");
          g_autoptr(WfCard) new_card = wf_card_new (id, word);
          int cell = wf_map_get_n_cell_cards (map, phase, lane);

          wf_edit_add_card (map, new_card, phase, lane, g_rand_int_range (rand, -1, cell + 1));
        }
      break;

    case 2:
      if (card)
        wf_edit_remove (card);
      break;

    case 3:
      if (card && phase && lane)
        wf_edit_move_card (card, phase, lane,
                           g_rand_int_range (rand, -1, wf_map_get_n_cell_cards (map, phase, lane) + 1));
      break;

    case 4:
      if (phase)
        wf_edit_reorder (phase, g_rand_int_range (rand, 0, wf_map_get_n_phases (map)));
      break;

    case 5:
      if (lane)
        wf_edit_reorder (lane, g_rand_int_range (rand, 0, wf_map_get_n_lanes (map)));
      break;

    case 6:
      if (card)
        wf_edit_set (card,
                     "emotion", g_rand_boolean (rand) ? WF_EMOTION_NONE : g_rand_int_range (rand, -2, 3),
                     "channel", g_rand_int_range (rand, 0, WF_N_CHANNELS),
                     "votes", (guint) g_rand_int_range (rand, 0, 9),
                     NULL);
      break;

    case 7:
      if (card)
        {
          const char *tags[] = { word, "tag", NULL };
          GVariant *metrics = wf_metrics_from_pairs (g_variant_new_parsed ("[('NPS', %d), ('CSAT', 4.5)]",
                                                                           (double) g_rand_int_range (rand, -100, 100)));

          /* Sometimes figures over time instead. */
          if (g_rand_int_range (rand, 0, 3) == 0)
            {
              g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);

              g_variant_unref (g_variant_ref_sink (metrics));
              random_metrics (rand, "", list);
              metrics = wf_metrics_to_variant (list);
            }

          wf_edit_set (card, "tags", g_rand_boolean (rand) ? tags : NULL, "metrics", metrics, NULL);
        }
      break;

    case 8:
      if (phase && g_rand_int_range (rand, 0, 4) == 0)
        wf_edit_remove (phase);
      break;

    case 9:
      if (lane && g_rand_int_range (rand, 0, 4) == 0)
        wf_edit_remove (lane);
      break;

    case 10:
      {
        g_autofree char *id = wf_document_make_id (document, "rnd");
        g_autoptr(WfPhase) new_phase = wf_phase_new (id, word);

        wf_edit_add_phase (map, new_phase, g_rand_int_range (rand, -1, wf_map_get_n_phases (map) + 1));
      }
      break;

    case 11:
      {
        WfCard *other = random_item (map, WF_TYPE_CARD, rand);

        if (card && other)
          {
            g_autofree char *id = wf_document_make_id (document, "rnd");
            g_autoptr(WfLink) link = wf_link_new (id, card, other);

            wf_edit_add_link (map, link, -1);
          }
      }
      break;

    case 12:
      if (lane)
        wf_edit_set (lane, "collapsed", g_rand_boolean (rand), "title", word, NULL);
      break;

    case 14:
      /* A phase's figures, for everyone and for a persona. */
      if (phase)
        {
          g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
          g_autoptr(GVariant) variant = NULL;
          guint n_personas = wf_document_get_n_personas (document);

          random_metrics (rand, "", metrics);
          if (n_personas > 0 && g_rand_boolean (rand))
            {
              WfPersona *persona = wf_document_get_persona (document, g_rand_int_range (rand, 0, n_personas));

              random_metrics (rand, wf_item_get_id (WF_ITEM (persona)), metrics);
            }

          variant = g_variant_ref_sink (wf_metrics_to_variant (metrics));
          wf_edit_set (phase, "metrics", g_rand_int_range (rand, 0, 4) ? variant : NULL, NULL);
        }
      break;

    case 15:
      /* Findings set aside, or none again. */
      {
        g_autofree char *key = g_strdup_printf ("no-touchpoint:%s:%s", word, phase ? wf_item_get_id (WF_ITEM (phase)) : "");
        const char *keys[] = { key, "pain-without-opportunity:c1", NULL };

        wf_edit_set (map, "dismissed", g_rand_int_range (rand, 0, 3) ? keys : NULL, NULL);
      }
      break;

    case 13:
    default:
      if (wf_document_get_n_personas (document) > 0 && g_rand_int_range (rand, 0, 6) == 0)
        wf_edit_remove (wf_document_get_persona (document, 0));
      else
        wf_edit_set (document, "title", word, NULL);
      break;
    }
}


/**
 * wf_test_assert_same_text:
 *
 * Like g_assert_cmpstr(), but shows a failure as a diff of the lines
 * that differ instead of two whole documents.
 */
void
wf_test_assert_same_text (const char *expected,
                          const char *actual)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  guint i;

  if (g_strcmp0 (expected, actual) == 0)
    return;

  a = g_strsplit (expected ? expected : "", "\n", -1);
  b = g_strsplit (actual ? actual : "", "\n", -1);

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (!g_str_equal (a[i], b[i]))
      break;

  g_printerr ("# texts differ from line %u:\n", i + 1);
  for (guint j = i > 3 ? i - 3 : 0; j < i + 6; j++)
    {
      if (j >= g_strv_length (a) && j >= g_strv_length (b))
        break;
      g_printerr ("#   expected %4u | %s\n", j + 1, j < g_strv_length (a) ? a[j] : "");
      g_printerr ("#   actual   %4u | %s\n", j + 1, j < g_strv_length (b) ? b[j] : "");
    }

  g_assert_cmpstr (a[i], ==, b[i]);
}

/**
 * wf_test_make_tmpdir:
 *
 * Returns: (transfer full): a new empty folder for one test
 */
char *
wf_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("wf-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/**
 * wf_test_remove_tree:
 *
 * Removes @dir with everything in it, also when a test made it read-only.
 */
void
wf_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_chmod (dir, 0700);
  d = g_dir_open (dir, 0, NULL);

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        wf_test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/**
 * wf_test_load_data:
 * @name: a file in tests/data, or a path relative to it ("../../data/samples/…")
 *
 * Returns: (transfer full): the document, which must load without problems
 */
WfDocument *
wf_test_load_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WfDocument *document = wf_journey_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

/**
 * wf_test_fail_on_warnings:
 *
 * A log writer that fails the test at any warning or critical, and says
 * which; for g_log_set_writer_func().
 */
GLogWriterOutput
wf_test_fail_on_warnings (GLogLevelFlags   level,
                          const GLogField *fields,
                          gsize            n_fields,
                          gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
            g_printerr ("Unexpected warning: %s\n", (const char *) fields[i].value);
        }
      g_test_fail ();
    }

  return g_log_writer_default (level, fields, n_fields, user_data);
}

/**
 * wf_test_become_unprivileged:
 *
 * chmod does not stop root, and the tests run as root in CI containers and
 * on a newcomer's bare machine: a test of read-only folders runs in a
 * subprocess that first becomes "nobody". Whatever it reads from the
 * source tree it must read before: as root, the tree may be in a folder
 * nobody cannot enter (/root is mode 700).
 *
 * Returns: whether the process now runs as a user chmod applies to
 */
gboolean
wf_test_become_unprivileged (void)
{
  if (geteuid () != 0)
    return TRUE;

  if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
    return FALSE;

  return geteuid () != 0;
}

/**
 * wf_test_long_text:
 *
 * Returns: (transfer none): five megabytes of text in several scripts,
 *   for what a huge title or note does
 */
const char *
wf_test_long_text (void)
{
  static char *text;

  if (text == NULL)
    {
      GString *s = g_string_sized_new (5 * 1024 * 1024 + 64);

      while (s->len < 5 * 1024 * 1024)
        g_string_append (s, "klant belt de helpdesk over een café crème, 注文を確認しました ");
      text = g_string_free (s, FALSE);
    }

  return text;
}

/**
 * wf_test_sqlite_page_size:
 * @bytes: an SQLite database file
 *
 * Returns: its page size, from its header
 */
guint
wf_test_sqlite_page_size (GBytes *bytes)
{
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  guint size = (data[16] << 8) | data[17];

  return size == 1 ? 65536 : size;
}

struct _WfTestFifo
{
  char    *path;
  gsize    offered;
  gsize    written;
  GThread *writer;
};

static gpointer
write_fifo (gpointer data)
{
  WfTestFifo *fifo = data;
  char buffer[64 * 1024];
  sigset_t pipe_signal;
  int fd;

  /* The writer learns that the reader is gone from write (), not from a
   * signal that would end the test; in this thread only. */
  sigemptyset (&pipe_signal);
  sigaddset (&pipe_signal, SIGPIPE);
  pthread_sigmask (SIG_BLOCK, &pipe_signal, NULL);

  fd = open (fifo->path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  for (gsize i = 0; i < sizeof buffer; i += 4)
    memcpy (buffer + i, "1,2\n", 4);

  /* Until all is offered, or the reader closes its end. */
  while (fifo->written < fifo->offered)
    {
      gssize n = write (fd, buffer, MIN (sizeof buffer, fifo->offered - fifo->written));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      fifo->written += n;
    }
  close (fd);

  return NULL;
}

/**
 * wf_test_fifo_new:
 * @path: where to make the pipe
 * @offered: how many bytes of "1,2" rows to offer
 *
 * Makes a named pipe at @path and starts writing to it in a thread of
 * its own, until @offered bytes are written or the reader is gone.
 */
WfTestFifo *
wf_test_fifo_new (const char *path,
                  gsize       offered)
{
  WfTestFifo *fifo = g_new0 (WfTestFifo, 1);

  fifo->path = g_strdup (path);
  fifo->offered = offered;
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  fifo->writer = g_thread_new ("writer", write_fifo, fifo);

  return fifo;
}

/**
 * wf_test_fifo_finish:
 *
 * Waits for the writer, removes the pipe and frees @fifo.
 *
 * Returns: how many bytes the reader took before it closed the pipe
 */
gsize
wf_test_fifo_finish (WfTestFifo *fifo)
{
  gsize written;

  g_thread_join (fifo->writer);
  written = fifo->written;
  g_assert_cmpint (g_unlink (fifo->path), ==, 0);
  g_free (fifo->path);
  g_free (fifo);

  return written;
}

/**
 * wf_test_sqlite_int:
 * @db: a `sqlite3` handle
 * @sql: a query, which must compile
 *
 * Returns: the first column of the first row @sql answers, or -1 without one
 */
gint64
wf_test_sqlite_int (gpointer    db,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/**
 * wf_test_sqlite_text:
 * @db: a `sqlite3` handle
 * @sql: a query, which must compile
 *
 * Returns: (transfer full) (nullable): the first column of the first row
 *   @sql answers, or %NULL without one
 */
char *
wf_test_sqlite_text (gpointer    db,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

/**
 * wf_test_outbox_last_ops:
 * @db: a library's `sqlite3` handle
 *
 * Returns: (transfer full): the ops of the newest record in the team
 *   outbox, without the record around them
 */
char *
wf_test_outbox_last_ops (gpointer db)
{
  g_autofree char *record = wf_test_sqlite_text (db, "SELECT record FROM team_outbox ORDER BY client_seq DESC LIMIT 1");
  const char *ops;

  g_assert_nonnull (record);
  ops = strstr (record, "\"ops\":[");
  g_assert_nonnull (ops);

  return g_strndup (ops + 7, strlen (ops + 7) - 2);
}

/**
 * wf_test_seed:
 * @fixed: a seed known to pass
 *
 * The seed of a randomized case: @fixed in the suite, so that every run
 * (and CI) makes the same edits; the test run's random one with
 * `-m thorough`, to look for what the fixed one does not reach. A run
 * that fails prints its seed (`--seed`), and a seed that fails becomes a
 * case of its own once understood.
 *
 * Returns: the seed to use
 */
guint32
wf_test_seed (guint32 fixed)
{
  return g_test_thorough () ? (guint32) g_test_rand_int () : fixed;
}

static void
collect_nodes (GskRenderNode     *node,
               GskRenderNodeType  type,
               gboolean           through_transforms,
               GPtrArray         *found,
               guint             *n_nodes)
{
  GskRenderNode *child = NULL;

  if (node == NULL)
    return;

  if (n_nodes != NULL)
    (*n_nodes)++;
  if (gsk_render_node_get_node_type (node) == type)
    g_ptr_array_add (found, node);

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_nodes (gsk_container_node_get_child (node, i), type, through_transforms, found, n_nodes);
      return;
    case GSK_TRANSFORM_NODE:
      child = through_transforms ? gsk_transform_node_get_child (node) : NULL;
      break;
    case GSK_CLIP_NODE:
      child = gsk_clip_node_get_child (node);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      child = gsk_rounded_clip_node_get_child (node);
      break;
    case GSK_OPACITY_NODE:
      child = gsk_opacity_node_get_child (node);
      break;
    case GSK_COLOR_MATRIX_NODE:
      child = gsk_color_matrix_node_get_child (node);
      break;
    case GSK_DEBUG_NODE:
      child = gsk_debug_node_get_child (node);
      break;
    default:
      break;
    }
  collect_nodes (child, type, through_transforms, found, n_nodes);
}

/**
 * wf_test_collect_nodes:
 * @node: (nullable): a render node tree
 * @type: the kind of node to collect
 * @through_transforms: whether to look under transform nodes too
 * @n_nodes: (optional): counts every node looked at
 *
 * Returns: (transfer container): the nodes of @type in @node's tree,
 *   depth first, owned by the tree
 */
GPtrArray *
wf_test_collect_nodes (GskRenderNode     *node,
                       GskRenderNodeType  type,
                       gboolean           through_transforms,
                       guint             *n_nodes)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_nodes (node, type, through_transforms, found, n_nodes);

  return found;
}

/**
 * wf_test_read_data:
 * @name: a file in tests/data
 *
 * Returns: (transfer full): its bytes
 */
GBytes *
wf_test_read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
fill_rgb (cairo_t *cr,
          guint32  color,
          double   y,
          double   width,
          double   height)
{
  cairo_set_source_rgb (cr, (color >> 16) / 255.0, ((color >> 8) & 0xff) / 255.0, (color & 0xff) / 255.0);
  cairo_rectangle (cr, 0, y, width, height);
  cairo_fill (cr);
}

/**
 * wf_test_make_png:
 * @top: the colour of its top half, 0xRRGGBB
 * @bottom: the colour of its bottom half
 * @focus_x: its focal point
 * @focus_y: its focal point
 *
 * Returns: (transfer full): a PNG of @width × @height as cairo writes it,
 *   checked as an import would, with the alt text "A picture"
 */
WfImage *
wf_test_make_png (int     width,
                  int     height,
                  guint32 top,
                  guint32 bottom,
                  double  focus_x,
                  double  focus_y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  guint w = 0, h = 0;

  fill_rgb (cr, top, 0, width, height / 2);
  fill_rgb (cr, bottom, height / 2, width, height - height / 2);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  bytes = g_byte_array_free_to_bytes (png);
  g_assert_true (wf_picture_check (WF_IMAGE_PNG, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   &w, &h, NULL));

  return wf_image_new (WF_IMAGE_PNG, bytes, w, h, "A picture", focus_x, focus_y);
}
