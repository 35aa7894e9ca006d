/* test-layout.c — the map's geometry: rows per persona, cards, hit testing
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "model/wf-templates.h"
#include "render/wf-heat.h"
#include "render/wf-layout.h"
#include "render/wf-scene.h"
#include "render/wf-scene-private.h"
#include "storage/wf-journey.h"
#include "storage/wf-sqlite.h"
#include "test-util.h"

/* Each persona's band comes before its lanes; shared lanes come last. */
static void
test_rows (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("b2b", "en");
  WfMap *map = wf_document_get_map (document, 0);
  g_autoptr(WfLayout) layout = wf_layout_new (map);
  WfPersona *current = NULL;
  gboolean shared = FALSE;
  guint lanes = 0;
  double y = WF_LAYOUT_HEADER_HEIGHT;

  for (guint i = 0; i < wf_layout_get_n_rows (layout); i++)
    {
      const WfRow *row = wf_layout_get_row (layout, i);

      g_assert_cmpfloat (row->y, ==, y);
      y += row->height;

      switch (row->kind)
        {
        case WF_ROW_PERSONA:
          g_assert_false (shared);
          g_assert_nonnull (row->persona);
          current = row->persona;
          break;

        case WF_ROW_SHARED:
          shared = TRUE;
          current = NULL;
          break;

        case WF_ROW_LANE:
        default:
          g_assert_true (wf_lane_get_persona (row->lane) == current);
          g_assert_cmpint (wf_layout_get_lane_row (layout, row->lane), ==, i);
          lanes++;
          break;
        }
    }

  g_assert_cmpuint (lanes, ==, wf_map_get_n_lanes (map));
  g_assert_cmpfloat (wf_layout_get_height (layout), ==, y);
}

/* The point in the middle of every card finds that card, and points
 * between cards find none.
 */
static void
check_hits (WfMap *map)
{
  g_autoptr(WfLayout) layout = wf_layout_new (map);
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);

  for (guint i = 0; i < cards->len; i++)
    {
      WfCard *card = g_ptr_array_index (cards, i);
      graphene_rect_t bounds;
      graphene_point_t center;

      g_assert_true (wf_layout_get_card_bounds (layout, card, &bounds));
      g_assert_cmpfloat (bounds.size.width, >, 0);
      graphene_rect_get_center (&bounds, &center);
      g_assert_true (wf_layout_card_at (layout, center.x, center.y) == card);

      /* Just right of a card of a normal lane is the gap. */
      if (!wf_layout_is_emotion_row (layout, wf_layout_get_lane_row (layout, wf_card_get_lane (card))))
        g_assert_true (wf_layout_card_at (layout, bounds.origin.x + bounds.size.width + WF_LAYOUT_GAP / 2,
                                          center.y) != card);
    }

  g_assert_null (wf_layout_card_at (layout, 1, 1));
  g_assert_null (wf_layout_card_at (layout, -50, 300));
  g_assert_null (wf_layout_card_at (layout, wf_layout_get_width (layout) + 10, 300));
}

static void
test_hits (void)
{
  g_autoptr(WfDocument) rich = wf_test_load_data ("rich.journey");

  for (guint i = 0; i < wf_document_get_n_maps (rich); i++)
    check_hits (wf_document_get_map (rich, i));

  for (const char * const *id = wf_templates_get_ids (); *id != NULL; id++)
    {
      g_autoptr(WfDocument) document = wf_templates_create (*id, "en");

      check_hits (wf_document_get_map (document, 0));
    }
}

/* Where every card is, as the map is now: its phase's column, its
 * lane's row, its index in its cell.
 */
static void
assert_card_places (WfLayout *layout,
                    WfMap    *map)
{
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);

  for (guint i = 0; i < cards->len; i++)
    {
      WfCard *card = g_ptr_array_index (cards, i);
      int phase = wf_map_get_phase_index (map, wf_card_get_phase (card));
      int row = wf_layout_get_lane_row (layout, wf_card_get_lane (card));
      int index = wf_map_get_card_index (map, card);
      graphene_rect_t bounds, expected;

      g_assert_cmpint (phase, >=, 0);
      g_assert_cmpint (row, >=, 0);
      g_assert_cmpint (index, >=, 0);
      wf_layout_get_cell_card_bounds (layout, phase, row, index, &expected);
      g_assert_true (wf_layout_get_card_bounds (layout, card, &bounds));
      g_assert_true (graphene_rect_equal (&bounds, &expected));
    }
}

/* A card's bounds are looked up in tables: they follow the map when it
 * changes, before the layout is made again and after.
 */
static void
test_card_bounds_follow (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  WfMap *map = wf_document_get_map (document, 0);
  g_autoptr(WfLayout) layout = wf_layout_new (map);
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);
  g_autoptr(WfCard) added = wf_card_new ("c-added", "Added first");
  WfCard *first = g_ptr_array_index (cards, 0);
  WfCard *last = g_ptr_array_index (cards, cards->len - 1);
  graphene_rect_t bounds;

  g_assert_cmpuint (cards->len, >, 2);
  assert_card_places (layout, map);

  /* A card first in a cell moves the others along; a card moved goes. */
  g_assert_true (wf_map_insert_card (map, added, wf_card_get_phase (first), wf_card_get_lane (first), 0));
  wf_map_move_card (map, last, wf_card_get_phase (first), wf_card_get_lane (first), 1);
  assert_card_places (layout, map);
  wf_layout_update (layout);
  assert_card_places (layout, map);

  wf_map_remove_card (map, added);
  g_assert_false (wf_layout_get_card_bounds (layout, added, &bounds));
  assert_card_places (layout, map);
}

/* A full cell makes its lane taller; collapsing makes it thin. */
static void
test_lane_heights (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfMap *map = wf_document_get_map (document, 0);
  WfPhase *phase = wf_map_get_phase (map, 0);
  WfLane *lane = wf_map_get_lane (map, 0);
  g_autoptr(WfLayout) layout = wf_layout_new (map);
  int row = wf_layout_get_lane_row (layout, lane);
  double before = wf_layout_get_row (layout, row)->height;

  g_assert_cmpint (wf_lane_get_kind (lane), !=, WF_LANE_EMOTIONS);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = wf_document_make_id (document, "c");
      g_autoptr(WfCard) card = wf_card_new (id, "More");

      wf_edit_add_card (map, card, phase, lane, -1);
    }

  wf_layout_update (layout);
  g_assert_cmpfloat (wf_layout_get_row (layout, row)->height, >, before);

  wf_edit_set (lane, "collapsed", TRUE, NULL);
  wf_layout_update (layout);
  g_assert_cmpfloat (wf_layout_get_row (layout, row)->height, ==, WF_LAYOUT_COLLAPSED_HEIGHT);
}

/* Only what meets the area is visited. */
static void
test_visible (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("service-blueprint", "en");
  WfMap *map = wf_document_get_map (document, 0);
  g_autoptr(WfLayout) layout = wf_layout_new (map);
  graphene_rect_t all = GRAPHENE_RECT_INIT (0, 0, wf_layout_get_width (layout), wf_layout_get_height (layout));
  graphene_rect_t outside = GRAPHENE_RECT_INIT (wf_layout_get_width (layout) + 100, 0, 500, 500);
  graphene_rect_t one;
  double x, w;
  guint p0, p1, r0, r1;

  wf_layout_get_visible (layout, &all, &p0, &p1, &r0, &r1);
  g_assert_cmpuint (p0, ==, 0);
  g_assert_cmpuint (p1, ==, wf_layout_get_n_phases (layout));
  g_assert_cmpuint (r0, ==, 0);
  g_assert_cmpuint (r1, ==, wf_layout_get_n_rows (layout));

  wf_layout_get_visible (layout, &outside, &p0, &p1, &r0, &r1);
  g_assert_cmpuint (p1 - p0, ==, 0);

  wf_layout_get_phase_bounds (layout, 1, &x, &w);
  graphene_rect_init (&one, x + 10, wf_layout_get_row (layout, 1)->y + 1, w - 20, 2);
  wf_layout_get_visible (layout, &one, &p0, &p1, &r0, &r1);
  g_assert_cmpuint (p0, ==, 1);
  g_assert_cmpuint (p1, ==, 2);
  g_assert_cmpuint (r0, ==, 1);
  g_assert_cmpuint (r1, ==, 2);
}

/* A wider phase holds more cards side by side; a taller lane keeps its
 * height until its cards need more; both undo as one step each, and
 * survive .journey and .sqlite.
 */
static void
test_resize (void)
{
  g_autoptr(WfDocument) document = wf_templates_create ("five-phases", "en");
  WfMap *map = wf_document_get_map (document, 0);
  WfPhase *phase = wf_map_get_phase (map, 0);
  WfLane *lane = NULL;
  WfUndoStack *stack = wf_document_get_undo_stack (document);
  g_autoptr(WfLayout) layout = NULL;
  graphene_rect_t third;
  double x, w, usual_w;
  int row;

  for (guint i = 0; i < wf_map_get_n_lanes (map) && lane == NULL; i++)
    if (wf_lane_get_kind (wf_map_get_lane (map, i)) == WF_LANE_TOUCHPOINTS)
      lane = wf_map_get_lane (map, i);
  g_assert_nonnull (lane);

  /* Three cards in the first cell. */
  while (wf_map_get_n_cell_cards (map, phase, lane) < 3)
    {
      g_autofree char *id = wf_document_make_id (document, "card");
      g_autoptr(WfCard) card = wf_card_new (id, "More");

      wf_map_insert_card (map, card, phase, lane, -1);
    }

  layout = wf_layout_new (map);
  g_assert_cmpuint (wf_layout_get_cards_per_row (layout, 0), ==, 2);
  wf_layout_get_phase_bounds (layout, 0, &x, &usual_w);
  wf_layout_get_cell_card_bounds (layout, 0, wf_layout_get_lane_row (layout, lane), 2, &third);
  g_assert_cmpfloat (third.origin.x, ==, x + WF_LAYOUT_CELL_PADDING);   /* second row */

  /* A drag that widens step by step is one undoable change. */
  for (double width = usual_w; width <= 560; width += 20)
    wf_edit_set (phase, "width", width, NULL);
  wf_undo_stack_seal (stack);
  wf_layout_update (layout);
  wf_layout_get_phase_bounds (layout, 0, &x, &w);
  g_assert_cmpfloat (w, ==, wf_phase_get_width (phase));
  g_assert_cmpuint (wf_layout_get_cards_per_row (layout, 0), ==, 3);
  wf_layout_get_cell_card_bounds (layout, 0, wf_layout_get_lane_row (layout, lane), 2, &third);
  g_assert_cmpfloat (third.origin.y, ==, wf_layout_get_row (layout, wf_layout_get_lane_row (layout, lane))->y +
                                         WF_LAYOUT_CELL_PADDING);   /* first row now */
  g_assert_true (wf_layout_card_at (layout, third.origin.x + 5, third.origin.y + 5) ==
                 g_ptr_array_index (wf_map_get_cell (map, phase, lane), 2));

  /* Out of range: brought in, as a step of its own. */
  wf_edit_set (phase, "width", 10.0, NULL);
  wf_undo_stack_seal (stack);
  g_assert_cmpfloat (wf_phase_get_width (phase), ==, WF_PHASE_MIN_WIDTH);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpfloat (wf_phase_get_width (phase), >, 540);
  g_assert_true (wf_undo_stack_undo (stack));
  g_assert_cmpfloat (wf_phase_get_width (phase), ==, 0);

  /* A lane made taller. */
  wf_layout_update (layout);
  row = wf_layout_get_lane_row (layout, lane);
  {
    double natural = wf_layout_get_row (layout, row)->height;

    wf_edit_set (lane, "height", natural + 150, NULL);
    wf_layout_update (layout);
    g_assert_cmpfloat (wf_layout_get_row (layout, row)->height, ==, natural + 150);
    /* Never shorter than its cards need. */
    wf_edit_set (lane, "height", WF_LANE_MIN_HEIGHT, NULL);
    wf_layout_update (layout);
    g_assert_cmpfloat (wf_layout_get_row (layout, row)->height, ==, natural);
  }

  /* Both sizes go through both file formats. */
  wf_phase_set_width (wf_map_get_phase (map, 1), 612.5);
  wf_lane_set_height (lane, 333);
  {
    g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
    g_autoptr(GError) error = NULL;
    g_autoptr(WfDocument) again = wf_journey_load_bytes (bytes, NULL, &error);
    g_autoptr(GBytes) sqlite = NULL;
    g_autoptr(WfDocument) from_sqlite = NULL;
    g_autoptr(GBytes) bytes2 = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"width\": 612.5"));
    g_assert_cmpfloat (wf_phase_get_width (wf_map_get_phase (wf_document_get_map (again, 0), 1)), ==, 612.5);
    sqlite = wf_sqlite_to_bytes (again, &error);
    g_assert_no_error (error);
    from_sqlite = wf_sqlite_load_bytes (sqlite, NULL, &error);
    g_assert_no_error (error);
    bytes2 = wf_journey_to_bytes (from_sqlite);
    g_assert_true (g_bytes_equal (bytes, bytes2));
  }

  /* A width out of range in a file is a problem that names it. */
  {
    g_autoptr(GBytes) bytes = wf_journey_to_bytes (document);
    g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_autoptr(GBytes) broken = NULL;
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(WfDocument) none = NULL;

    g_string_replace (text, "\"width\": 612.5", "\"width\": 5", 1);
    broken = g_string_free_to_bytes (g_steal_pointer (&text));
    none = wf_journey_load_bytes (broken, &problems, &error);
    g_assert_null (none);
    g_assert_nonnull (problems);
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_nonnull (strstr (((WfProblem *) problems->pdata[0])->where, "width"));
  }
}

/* The projector's style passes WCAG AA: 4.5:1 for text on everything it
 * is drawn on (cards of every lane kind, sticky notes of every colour,
 * headers, the background), 3:1 for marks and for the initials on every
 * persona colour (large bold text when presented).
 */
static void
test_projector_contrast (void)
{
  static const char *sticky[] = { "#f8e45c", "#f66151", "#ffa348", "#8ff0a4", "#99c1f1", "#dc8add" };
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Map");
  g_autoptr(WfPhase) phase = wf_phase_new ("p", "Phase");
  g_autoptr(WfScene) scene = NULL;
  GdkRGBA text, dim, accent, fill;
  double worst_text = 21, worst_mark = 21;

  wf_document_insert_map (document, map, -1);
  wf_map_insert_phase (map, phase, -1);
  scene = wf_scene_new (map);
  wf_scene_set_theme (scene, WF_THEME_PROJECTOR);
  wf_scene_get_text_colors (scene, &text, &dim, &accent);

  worst_text = MIN (worst_text, wf_scene_contrast (&text, wf_scene_get_background (scene)));
  worst_text = MIN (worst_text, wf_scene_contrast (&dim, wf_scene_get_background (scene)));
  worst_mark = MIN (worst_mark, wf_scene_contrast (&accent, wf_scene_get_background (scene)));

  for (WfLaneKind kind = 0; kind < WF_N_LANE_KINDS; kind++)
    for (guint c = 0; c <= G_N_ELEMENTS (sticky); c++)
      {
        g_autofree char *id = g_strdup_printf ("l%u-%u", kind, c);
        g_autofree char *card_id = g_strdup_printf ("c%u-%u", kind, c);
        g_autoptr(WfLane) lane = wf_lane_new (id, kind);
        g_autoptr(WfCard) card = wf_card_new (card_id, "Card");

        if (c < G_N_ELEMENTS (sticky))
          wf_card_set_color (card, sticky[c]);
        wf_map_insert_lane (map, lane, -1);
        wf_map_insert_card (map, card, phase, lane, -1);

        wf_scene_get_card_fill (scene, card, lane, &fill);
        worst_text = MIN (worst_text, wf_scene_contrast (&text, &fill));
        worst_text = MIN (worst_text, wf_scene_contrast (&dim, &fill));
        worst_mark = MIN (worst_mark, wf_scene_contrast (&accent, &fill));
      }

  for (guint i = 0; i < 10; i++)
    {
      GdkRGBA tint, letters;

      g_assert_true (gdk_rgba_parse (&tint, wf_persona_default_color (i)));
      wf_scene_get_initials_color (scene, &tint, &letters);
      worst_mark = MIN (worst_mark, wf_scene_contrast (&letters, &tint));
    }

  g_test_message ("worst contrast: text %.2f:1, marks and initials %.2f:1", worst_text, worst_mark);
  g_assert_cmpfloat (worst_text, >=, 4.5);
  g_assert_cmpfloat (worst_mark, >=, 3.0);

  /* The ratio itself: black on white is 21:1, a colour on itself 1:1. */
  g_assert_cmpfloat_with_epsilon (wf_scene_contrast (&(GdkRGBA) { 0, 0, 0, 1 }, &(GdkRGBA) { 1, 1, 1, 1 }), 21, 1e-9);
  g_assert_cmpfloat_with_epsilon (wf_scene_contrast (&accent, &accent), 1, 1e-9);
}

/* A link's label sits in a lane of one of its cards: the sample's pain
 * points, answered by opportunities three lanes below, had their labels
 * in Ruben's emotions lane, which has nothing to do with them.
 */
static gboolean
in_row (WfLayout *layout,
        WfCard   *card,
        double    y)
{
  const WfRow *row = wf_layout_get_row (layout, wf_layout_get_lane_row (layout, wf_card_get_lane (card)));

  return y >= row->y && y <= row->y + row->height;
}

static void
test_link_labels (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("../../data/samples/coffee-subscription.journey");
  g_autoptr(WfDocument) rich = wf_test_load_data ("rich.journey");
  WfDocument *documents[] = { document, rich };
  guint n_links = 0;

  for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
    {
      WfMap *map = wf_document_get_map (documents[d], 0);
      WfScene *scene = wf_scene_new (map);
      WfLayout *layout = wf_scene_get_layout (scene);

      for (guint i = 0; i < wf_map_get_n_links (map); i++)
        {
          WfLink *link = wf_map_get_link (map, i);
          graphene_point_t label;

          g_assert_true (wf_scene_get_link_middle (scene, link, &label));
          g_assert_true (in_row (layout, wf_link_get_from (link), label.y) ||
                         in_row (layout, wf_link_get_to (link), label.y));
          n_links++;
        }

      wf_scene_free (scene);
    }

  g_assert_cmpuint (n_links, >=, 3);
}

/* 5 MB of words, mixed with accents and other scripts, made once. */
/* Cutting a text to what can be shown: short texts stay, long ones end
 * in "…" after at most as many characters as asked, never inside a
 * character or between a letter and its accent.
 */
static void
test_clip_text (void)
{
  g_autoptr(GString) accents = g_string_new (NULL);
  g_autofree char *kept = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *invalid = NULL;

  kept = wf_scene_clip_text ("Instagram ad", 12);
  g_assert_cmpstr (kept, ==, "Instagram ad");
  g_clear_pointer (&kept, g_free);
  kept = wf_scene_clip_text ("", 1);
  g_assert_cmpstr (kept, ==, "");

  cut = wf_scene_clip_text ("Instagram ad", 9);
  g_assert_cmpstr (cut, ==, "Instagram…");
  g_clear_pointer (&cut, g_free);

  /* Two bytes a character: a cut by bytes would split one. */
  cut = wf_scene_clip_text ("éééééé", 3);
  g_assert_cmpstr (cut, ==, "ééé…");
  g_clear_pointer (&cut, g_free);

  /* "e" and a combining acute accent: one grapheme, two characters. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (accents, "e\xcc\x81");
  cut = wf_scene_clip_text (accents->str, 7);
  g_assert_cmpstr (cut, ==, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81…");
  g_clear_pointer (&cut, g_free);

  /* Invalid bytes are not copied as they are. */
  invalid = wf_scene_clip_text ("ab\xff\xfe" "cdefgh", 5);
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_true (g_str_has_prefix (invalid, "ab"));
  g_assert_true (g_str_has_suffix (invalid, "…"));
}

/* Counts a render node tree's nodes, and of them those of @type. */
static guint
count_nodes (GskRenderNode     *node,
             GskRenderNodeType  type,
             guint             *of_type)
{
  guint n = 0;
  g_autoptr(GPtrArray) found = wf_test_collect_nodes (node, type, TRUE, &n);

  *of_type += found->len;

  return n;
}

/* The whole map, as an export draws it. */
static GskRenderNode *
draw_whole (WfScene *scene)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  WfLayout *layout = wf_scene_get_layout (scene);

  wf_scene_snapshot (scene, snapshot,
                     &GRAPHENE_RECT_INIT (0, 0, wf_layout_get_width (layout), wf_layout_get_height (layout)),
                     1.0, NULL, NULL);
  wf_scene_snapshot_title_block (scene, snapshot, wf_layout_get_width (layout), wf_test_long_text (), "today");

  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* The nodes of @card drawn alone at @zoom: of them @texts text nodes
 * and @shapes border nodes (the scene's rounded fills).
 */
static void
count_card_nodes (WfScene *scene,
                  WfCard  *card,
                  double   zoom,
                  guint   *texts,
                  guint   *shapes)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t bounds;

  g_assert_true (wf_layout_get_card_bounds (wf_scene_get_layout (scene), card, &bounds));
  wf_scene_snapshot (scene, snapshot, &bounds, zoom, NULL, NULL);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  *texts = *shapes = 0;
  count_nodes (node, GSK_TEXT_NODE, texts);
  count_nodes (node, GSK_BORDER_NODE, shapes);
}

/* @layout drawn by GTK's cairo renderer, through the scene's
 * wf_scene_place_layout() or GTK's gtk_snapshot_append_layout(); its
 * text nodes in @texts.
 */
static cairo_surface_t *
draw_layout (PangoLayout *layout,
             gboolean     scene,
             guint       *texts)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 120);
  cairo_t *cr = cairo_create (surface);

  if (scene)
    wf_scene_place_layout (snapshot, layout, 4, 4, &(GdkRGBA) { 0, 0, 0, 1 });
  else
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (4, 4));
      gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 0, 0, 0, 1 });
    }
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  *texts = 0;
  count_nodes (node, GSK_TEXT_NODE, texts);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* A layout of several lines is one text node for each font, drawn as GTK
 * draws it: lines, a tab, words of another font (an emoji's), an
 * ellipsis, right-to-left words.
 */
static void
test_layout_lines (void)
{
  PangoFontMap *fonts = pango_cairo_font_map_get_default ();
  g_autoptr(GObject) context = G_OBJECT (pango_font_map_create_context (fonts));
  const char *texts[] = {
    "A title long enough to need the three lines a card gives it, and more words that are cut off",
    "Tab\there, and\ta second one on a line that wraps to the next one and the one after",
    "Mixed ★ signs ⚠ and words שלום עולם that read from the right, and then more words",
  };

  /* GSK's kinds of node, which gtk_init() would have made. */
  g_type_ensure (GSK_TYPE_TEXT_NODE);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (PANGO_CONTEXT (context));
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, Sans 9");
      cairo_surface_t *merged, *gtk;
      guint merged_texts, gtk_texts;
      int different = 0;

      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, texts[i], -1);
      pango_layout_set_width (layout, 180 * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -3);
      g_assert_cmpint (pango_layout_get_line_count (layout), ==, 3);

      merged = draw_layout (layout, TRUE, &merged_texts);
      gtk = draw_layout (layout, FALSE, &gtk_texts);
      g_assert_cmpuint (merged_texts, <, gtk_texts);

      for (int y = 0; y < 120; y++)
        for (int x = 0; x < 200; x++)
          {
            const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (merged) +
                                                  y * cairo_image_surface_get_stride (merged)) + x;
            const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (gtk) +
                                                  y * cairo_image_surface_get_stride (gtk)) + x;

            for (int shift = 0; shift < 24; shift += 8)
              if (abs ((int) ((*a >> shift) & 0xff) - (int) ((*b >> shift) & 0xff)) > 16)
                {
                  different++;
                  break;
                }
          }
      g_test_message ("text %u: %u text nodes against GTK's %u, %d pixels differ",
                      i, merged_texts, gtk_texts, different);
      g_assert_cmpint (different, <=, 4);
      cairo_surface_destroy (merged);
      cairo_surface_destroy (gtk);
    }
}

/* A map of @card alone, in a lane of touchpoints. */
static WfMap *
map_of_card (WfCard *card)
{
  WfMap *map = wf_map_new ("m", "Map");
  g_autoptr(WfPhase) phase = wf_phase_new ("ph", "Phase");
  g_autoptr(WfLane) lane = wf_lane_new ("tp", WF_LANE_TOUCHPOINTS);

  wf_map_insert_phase (map, phase, -1);
  wf_map_insert_lane (map, lane, -1);
  wf_map_insert_card (map, card, phase, lane, -1);

  return map;
}

/* Past five votes a card says how many more, “+4”; past 99 more, “99+”,
 * not a number cut off to its first figure.
 */
static void
test_many_votes (void)
{
  const struct { guint votes; const char *label; } cases[] = {
    { 6, "+1" }, { 104, "+99" }, { 105, "99+" }, { G_MAXINT32, "99+" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = wf_scene_more_votes (cases[i].votes);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

#define LONG_TITLE "A title long enough to need the three lines a card gives it, and more words that are cut off"

/* Below WF_SCENE_DETAIL_ZOOM a card leaves out its footer and, but in
 * high contrast, its outline; at every zoom a title of three lines is
 * one text node, not one a line (GTK's cairo renderer pays for each).
 */
static void
test_card_detail (void)
{
  g_autoptr(WfCard) plain = wf_card_new ("c1", LONG_TITLE);
  g_autoptr(WfCard) card = wf_card_new ("c2", LONG_TITLE);
  g_autoptr(WfMap) plain_map = map_of_card (plain);
  g_autoptr(WfMap) map = map_of_card (card);
  g_autoptr(WfScene) plain_scene = wf_scene_new (plain_map);
  g_autoptr(WfScene) scene = NULL;
  guint near_texts, near_shapes, far_texts, far_shapes;

  count_card_nodes (plain_scene, plain, 1.0, &near_texts, &near_shapes);
  g_assert_cmpuint (near_texts, ==, 1);
  g_assert_cmpuint (near_shapes, ==, 2);

  wf_card_set_channel (card, WF_CHANNEL_WEB);
  wf_card_set_votes (card, 3);
  scene = wf_scene_new (map);
  count_card_nodes (scene, card, 1.0, &near_texts, &near_shapes);
  count_card_nodes (scene, card, WF_SCENE_DETAIL_ZOOM - 0.05, &far_texts, &far_shapes);
  g_assert_cmpuint (far_texts, ==, near_texts - 1);
  g_assert_cmpuint (far_shapes, ==, near_shapes - 1);
  count_card_nodes (scene, card, WF_SCENE_DETAIL_ZOOM, &far_texts, &far_shapes);
  g_assert_cmpuint (far_texts, ==, near_texts);
  g_assert_cmpuint (far_shapes, ==, near_shapes);

  /* A card that changed is forgotten at every level. */
  g_assert_cmpuint (wf_scene_get_n_cached (scene), ==, 2);
  wf_scene_forget_card (scene, card);
  g_assert_cmpuint (wf_scene_get_n_cached (scene), ==, 0);

  wf_scene_set_theme (scene, WF_THEME_HIGH_CONTRAST);
  count_card_nodes (scene, card, 1.0, &near_texts, &near_shapes);
  count_card_nodes (scene, card, WF_SCENE_DETAIL_ZOOM - 0.05, &far_texts, &far_shapes);
  g_assert_cmpuint (far_texts, ==, near_texts - 1);
  g_assert_cmpuint (far_shapes, ==, near_shapes);
}

/* With a budget for making cards' nodes, a drawing that runs out of it
 * draws the rest as their shapes and says it is incomplete; the next
 * drawings go on where it stopped, and exports (no budget) draw all.
 */
static void
test_build_budget (void)
{
  g_autoptr(WfDocument) document = wf_test_load_data ("rich.journey");
  WfMap *map = wf_document_get_map (document, 0);
  g_autoptr(WfScene) scene = wf_scene_new (map);
  g_autoptr(WfScene) whole = wf_scene_new (map);
  WfLayout *layout = wf_scene_get_layout (scene);
  graphene_rect_t area = GRAPHENE_RECT_INIT (0, 0, wf_layout_get_width (layout), wf_layout_get_height (layout));
  g_autoptr(GPtrArray) all_cards = wf_map_list_cards (map);
  guint cards = all_cards->len, drawings = 0, first_texts = 0, first_shapes = 0;

  g_assert_cmpuint (cards, >, 3);

  wf_scene_set_build_budget (scene, 1);
  do
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      guint kept = wf_scene_get_n_cached (scene);

      wf_scene_snapshot (scene, snapshot, &area, 1.0, NULL, NULL);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (drawings++ == 0)
        {
          count_nodes (node, GSK_TEXT_NODE, &first_texts);
          count_nodes (node, GSK_BORDER_NODE, &first_shapes);
          g_assert_false (wf_scene_is_complete (scene));
        }
      /* Each drawing makes at least one card. */
      g_assert_cmpuint (wf_scene_get_n_cached (scene), >, kept);
      g_assert_cmpuint (drawings, <=, cards);
    }
  while (!wf_scene_is_complete (scene));
  g_assert_cmpuint (drawings, >, 1);

  {
    g_autoptr(GskRenderNode) done = NULL;
    g_autoptr(GskRenderNode) all = NULL;
    g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
    g_autoptr(GtkSnapshot) at_once = gtk_snapshot_new ();
    guint done_texts = 0, done_shapes = 0, all_texts = 0, all_shapes = 0;

    wf_scene_snapshot (scene, snapshot, &area, 1.0, NULL, NULL);
    done = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    g_assert_true (wf_scene_is_complete (scene));
    wf_scene_snapshot (whole, at_once, &area, 1.0, NULL, NULL);
    all = gtk_snapshot_free_to_node (g_steal_pointer (&at_once));
    g_assert_true (wf_scene_is_complete (whole));

    /* The first drawing had fewer words, each card drawn at least as
     * its shape; the last has what one drawing without a budget has.
     */
    g_assert_cmpuint (count_nodes (done, GSK_TEXT_NODE, &done_texts), ==, count_nodes (all, GSK_TEXT_NODE, &all_texts));
    count_nodes (done, GSK_BORDER_NODE, &done_shapes);
    count_nodes (all, GSK_BORDER_NODE, &all_shapes);
    g_assert_cmpuint (first_texts, <, done_texts);
    g_assert_cmpuint (first_shapes, >=, cards);
    g_assert_cmpuint (done_texts, ==, all_texts);
    g_assert_cmpuint (done_shapes, ==, all_shapes);
  }

  /* Both levels of detail are made together: below
   * WF_SCENE_DETAIL_ZOOM the cards made at 100 % need no making.
   */
  {
    double far = WF_SCENE_DETAIL_ZOOM - 0.1;
    g_autoptr(GtkSnapshot) first = gtk_snapshot_new ();
    g_autoptr(GtkSnapshot) at_once = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) first_node = NULL;
    g_autoptr(GskRenderNode) all = NULL;
    guint far_texts = 0, all_texts = 0;

    wf_scene_snapshot (scene, first, &area, far, NULL, NULL);
    first_node = gtk_snapshot_free_to_node (g_steal_pointer (&first));
    g_assert_true (wf_scene_is_complete (scene));
    wf_scene_snapshot (whole, at_once, &area, far, NULL, NULL);
    all = gtk_snapshot_free_to_node (g_steal_pointer (&at_once));
    count_nodes (first_node, GSK_TEXT_NODE, &far_texts);
    count_nodes (all, GSK_TEXT_NODE, &all_texts);
    g_assert_cmpuint (far_texts, ==, all_texts);
  }

  /* In high contrast, where fills are white on white, a card not made
   * yet keeps its outline.
   */
  {
    g_autoptr(WfScene) contrast = wf_scene_new (map);
    g_autoptr(WfScene) contrast_whole = wf_scene_new (map);
    g_autoptr(GtkSnapshot) first = gtk_snapshot_new ();
    g_autoptr(GtkSnapshot) at_once = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) first_node = NULL;
    g_autoptr(GskRenderNode) all = NULL;
    guint first_outlines = 0, all_outlines = 0;

    wf_scene_set_theme (contrast, WF_THEME_HIGH_CONTRAST);
    wf_scene_set_theme (contrast_whole, WF_THEME_HIGH_CONTRAST);
    wf_scene_set_build_budget (contrast, 1);
    wf_scene_snapshot (contrast, first, &area, 1.0, NULL, NULL);
    first_node = gtk_snapshot_free_to_node (g_steal_pointer (&first));
    g_assert_false (wf_scene_is_complete (contrast));
    wf_scene_snapshot (contrast_whole, at_once, &area, 1.0, NULL, NULL);
    all = gtk_snapshot_free_to_node (g_steal_pointer (&at_once));
    /* Two fills a card, the outline's and the card's, made or not (a
     * pain point's stripe waits for it to be made).
     */
    count_nodes (first_node, GSK_BORDER_NODE, &first_outlines);
    count_nodes (all, GSK_BORDER_NODE, &all_outlines);
    g_test_message ("high contrast: %u shapes in the first drawing, %u in one without a budget",
                    first_outlines, all_outlines);
    g_assert_cmpuint (first_outlines * 10, >=, all_outlines * 9);
  }
}

/* Every text the scene draws, 5 MB long: Pango is given no more of each
 * than its lines could show (it shapes all it is given, for a minute
 * and gigabytes at 50 MB).
 */
static void
test_long_texts (void)
{
  const char *text = wf_test_long_text ();
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", text);
  g_autoptr(WfPersona) persona = wf_persona_new ("p", text);
  g_autoptr(WfPhase) phase = wf_phase_new ("ph", text);
  g_autoptr(WfLane) touchpoints = wf_lane_new ("tp", WF_LANE_TOUCHPOINTS);
  g_autoptr(WfLane) emotions = wf_lane_new ("em", WF_LANE_EMOTIONS);
  g_autoptr(WfLane) collapsed = wf_lane_new ("co", WF_LANE_NOTES);
  g_autoptr(WfCard) card = wf_card_new ("c1", text);
  g_autoptr(WfCard) other = wf_card_new ("c2", text);
  g_autoptr(WfCard) marker = wf_card_new ("c3", text);
  g_autoptr(WfCard) note = wf_card_new ("c4", text);
  g_autoptr(WfLink) link = wf_link_new ("l1", card, other);
  g_autoptr(GskRenderNode) node = NULL;
  GVariantBuilder metrics;

  wf_document_set_title (document, text);
  wf_map_set_scenario (map, text);
  wf_persona_set_color (persona, wf_persona_default_color (0));
  wf_document_insert_persona (document, persona, -1);
  wf_phase_set_description (phase, text);
  wf_map_insert_phase (map, phase, -1);
  wf_lane_set_title (touchpoints, text);
  wf_lane_set_persona (touchpoints, persona);
  wf_lane_set_title (emotions, text);
  wf_lane_set_collapsed (collapsed, TRUE);
  wf_lane_set_title (collapsed, text);
  wf_map_insert_lane (map, touchpoints, -1);
  wf_map_insert_lane (map, emotions, -1);
  wf_map_insert_lane (map, collapsed, -1);

  g_variant_builder_init (&metrics, WF_METRICS_TYPE);
  wf_metrics_builder_add_plain (&metrics, text, 0.5);
  wf_card_set_metrics (card, g_variant_builder_end (&metrics));
  g_variant_builder_init (&metrics, WF_METRICS_TYPE);
  for (guint i = 0; i < 2; i++)
    {
      GVariantBuilder values;

      g_variant_builder_init (&values, G_VARIANT_TYPE ("a(ds)"));
      g_variant_builder_add (&values, "(ds)", 0.5, "");
      g_variant_builder_add (&metrics, "(ssssmda(ds))", text, i == 0 ? "" : "p", text, "higher",
                             TRUE, 1.0, &values);
    }
  wf_phase_set_metrics (phase, g_variant_builder_end (&metrics));
  wf_card_set_notes (card, text);
  wf_card_set_emotion (marker, 1);
  wf_map_insert_card (map, card, phase, touchpoints, -1);
  wf_map_insert_card (map, other, phase, touchpoints, -1);
  wf_map_insert_card (map, marker, phase, emotions, -1);
  wf_map_insert_card (map, note, phase, collapsed, -1);
  wf_link_set_label (link, text);
  wf_map_insert_link (map, link, -1);
  wf_document_insert_map (document, map, -1);

  for (WfThemeKind theme = WF_THEME_LIGHT; theme <= WF_THEME_PROJECTOR; theme++)
    {
      g_autoptr(WfScene) scene = wf_scene_new (map);

      wf_scene_set_theme (scene, theme);
      node = draw_whole (scene);
      g_assert_nonnull (node);
      g_clear_pointer (&node, gsk_render_node_unref);

      g_test_message ("theme %d: at most %" G_GSIZE_FORMAT " bytes in one layout",
                      theme, wf_scene_get_longest_text (scene));
      g_assert_cmpuint (wf_scene_get_longest_text (scene), >, 0);
      g_assert_cmpuint (wf_scene_get_longest_text (scene), <, 64 * 1024);
    }
}

/* A card's figure: its latest value with its unit, an arrow against the
 * measurement before it and a mark for its target, not colour alone; in
 * the locale's way with numbers.
 */
static void
test_figures (void)
{
  g_autoptr(WfMetric) metric = wf_metric_new ("Conversion");
  g_autofree char *bare = NULL;
  g_autofree char *one = NULL;
  g_autofree char *down = NULL;
  g_autofree char *up = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *dutch = NULL;
  g_autofree char *old_locale = g_strdup (setlocale (LC_NUMERIC, NULL));

  bare = wf_scene_format_figure (metric, 256);
  g_assert_cmpstr (bare, ==, "Conversion");

  g_free (metric->unit);
  metric->unit = g_strdup ("%");
  metric->direction = WF_DIRECTION_HIGHER;
  metric->has_target = TRUE;
  metric->target = 4;
  wf_metric_set_measurement (metric, 3.9, "2026-09-30");
  one = wf_scene_format_figure (metric, 256);
  g_assert_cmpstr (one, ==, "Conversion 3.9% ✗");

  wf_metric_set_measurement (metric, 3.4, "2026-10-31");
  down = wf_scene_format_figure (metric, 256);
  g_assert_cmpstr (down, ==, "Conversion 3.4% ▼ ✗");

  wf_metric_set_measurement (metric, 4.2, "2026-11-30");
  up = wf_scene_format_figure (metric, 256);
  g_assert_cmpstr (up, ==, "Conversion 4.2% ▲ ✓");

  cut = wf_scene_format_figure (metric, 4);
  g_assert_true (g_str_has_prefix (cut, "Conv"));
  g_assert_true (g_str_has_suffix (cut, " 4.2% ▲ ✓"));
  g_assert_null (strstr (cut, "Conversion"));

  if (setlocale (LC_NUMERIC, "nl_NL.UTF-8") == NULL)
    {
      g_test_message ("no Dutch locale: the decimal comma is not checked");
      return;
    }
  dutch = wf_scene_format_figure (metric, 256);
  setlocale (LC_NUMERIC, old_locale);
  g_assert_cmpstr (dutch, ==, "Conversion 4,2% ▲ ✓");
}

/* A phase's figures: for everyone in its header, for a persona in its
 * band; one line each, and none without figures.
 */
static void
test_phase_figures (void)
{
  g_autoptr(WfPhase) phase = wf_phase_new ("ph", "Pay");
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  WfMetric *nps = wf_metric_new ("NPS");
  WfMetric *csat = wf_metric_new ("CSAT");
  WfMetric *anna = wf_metric_new ("CSAT");
  g_autofree char *none = NULL;
  g_autofree char *everyone = NULL;
  g_autofree char *persona = NULL;
  g_autofree char *other = NULL;

  none = wf_scene_format_phase_figures (phase, "");
  g_assert_null (none);

  nps->direction = WF_DIRECTION_HIGHER;
  nps->has_target = TRUE;
  nps->target = 10;
  wf_metric_set_measurement (nps, 8, "2026-09-30");
  wf_metric_set_measurement (nps, 12, "2026-10-31");
  g_free (csat->unit);
  csat->unit = g_strdup ("%");
  csat->direction = WF_DIRECTION_HIGHER;
  csat->has_target = TRUE;
  csat->target = 80;
  wf_metric_set_measurement (csat, 78, "");
  g_free (anna->persona);
  anna->persona = g_strdup ("anna");
  wf_metric_set_measurement (anna, 3.5, "");
  g_ptr_array_add (metrics, nps);
  g_ptr_array_add (metrics, csat);
  g_ptr_array_add (metrics, anna);
  wf_phase_set_metrics (phase, wf_metrics_to_variant (metrics));

  everyone = wf_scene_format_phase_figures (phase, "");
  g_assert_cmpstr (everyone, ==, "NPS 12 ▲ ✓ · CSAT 78% ✗");
  persona = wf_scene_format_phase_figures (phase, "anna");
  g_assert_cmpstr (persona, ==, "CSAT 3.5");
  other = wf_scene_format_phase_figures (phase, "bo");
  g_assert_null (other);
}

/* A metric of one value, with a target and direction when @direction
 * is not NONE.
 */
static WfMetric *
make_metric (const char  *name,
             const char  *persona,
             WfDirection  direction,
             double       target,
             double       value)
{
  WfMetric *metric = wf_metric_new (name);

  if (persona != NULL)
    {
      g_free (metric->persona);
      metric->persona = g_strdup (persona);
    }
  metric->direction = direction;
  metric->has_target = direction != WF_DIRECTION_NONE;
  metric->target = target;
  wf_metric_set_measurement (metric, value, "2026-10-31");

  return metric;
}

static void
set_metrics (gpointer  item,
             WfMetric *first,
             ...)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  va_list args;

  va_start (args, first);
  for (WfMetric *m = first; m != NULL; m = va_arg (args, WfMetric *))
    g_ptr_array_add (metrics, m);
  va_end (args);

  if (WF_IS_CARD (item))
    wf_card_set_metrics (item, wf_metrics_to_variant (metrics));
  else
    wf_phase_set_metrics (item, wf_metrics_to_variant (metrics));
}

/* Two phases; Anna's touchpoints and a shared lane. */
typedef struct
{
  WfDocument *document;
  WfMap      *map;
  WfPhase    *look;
  WfPhase    *buy;
  WfLane     *touchpoints;
  WfLane     *shared;
  WfCard     *ad;
  WfCard     *mail;
  WfCard     *shop;
} HeatMap;

static void
heat_map_init (HeatMap *h)
{
  g_autoptr(WfPersona) anna = wf_persona_new ("anna", "Anna");
  g_autoptr(WfMap) map = wf_map_new ("m", "Shop");
  g_autoptr(WfPhase) look = wf_phase_new ("look", "Look");
  g_autoptr(WfPhase) buy = wf_phase_new ("buy", "Buy");
  g_autoptr(WfLane) touchpoints = wf_lane_new ("tp", WF_LANE_TOUCHPOINTS);
  g_autoptr(WfLane) shared = wf_lane_new ("no", WF_LANE_NOTES);
  g_autoptr(WfCard) ad = wf_card_new ("ad", "Ad");
  g_autoptr(WfCard) mail = wf_card_new ("mail", "Mail");
  g_autoptr(WfCard) shop = wf_card_new ("shop", "Shop");

  h->document = wf_document_new ();
  wf_document_insert_persona (h->document, anna, -1);
  wf_lane_set_persona (touchpoints, anna);
  wf_map_insert_phase (map, look, -1);
  wf_map_insert_phase (map, buy, -1);
  wf_map_insert_lane (map, touchpoints, -1);
  wf_map_insert_lane (map, shared, -1);
  wf_map_insert_card (map, ad, look, touchpoints, -1);
  wf_map_insert_card (map, mail, look, touchpoints, -1);
  wf_map_insert_card (map, shop, buy, touchpoints, -1);
  wf_document_insert_map (h->document, map, -1);

  h->map = map;
  h->look = look;
  h->buy = buy;
  h->touchpoints = touchpoints;
  h->shared = shared;
  h->ad = ad;
  h->mail = mail;
  h->shop = shop;
}

/* A cell is the mean of its cards' latest values; a cell without takes
 * its phase's figure for the lane's persona, then for everyone; the
 * scale goes through the target, better to the right.
 */
static void
test_heat_values (void)
{
  HeatMap h;
  g_autoptr(WfHeat) heat = NULL;
  g_autoptr(WfHeat) none = NULL;
  double value, min, max;

  heat_map_init (&h);
  set_metrics (h.ad, make_metric ("conversion", NULL, WF_DIRECTION_HIGHER, 3, 2), NULL);
  set_metrics (h.mail, make_metric ("conversion", NULL, WF_DIRECTION_HIGHER, 3, 4),
               make_metric ("opened", NULL, WF_DIRECTION_NONE, 0, 40), NULL);
  set_metrics (h.buy, make_metric ("conversion", "anna", WF_DIRECTION_HIGHER, 3, 1),
               make_metric ("conversion", NULL, WF_DIRECTION_HIGHER, 3, 6), NULL);
  set_metrics (h.look, make_metric ("conversion", NULL, WF_DIRECTION_HIGHER, 3, 5), NULL);

  heat = wf_heat_new (h.map, "conversion");
  g_assert_true (wf_heat_is_diverging (heat));
  g_assert_cmpstr (wf_heat_get_metric (heat)->name, ==, "conversion");
  g_assert_true (wf_heat_get_metric (heat)->has_target);
  g_assert_cmpfloat (wf_heat_get_metric (heat)->target, ==, 3);

  /* The two cards' mean; Anna's figure in Buy; everyone's in the shared lane. */
  g_assert_true (wf_heat_get_value (heat, 0, h.touchpoints, &value));
  g_assert_cmpfloat (value, ==, 3);
  g_assert_true (wf_heat_get_value (heat, 1, h.touchpoints, &value));
  g_assert_cmpfloat (value, ==, 1);
  g_assert_true (wf_heat_get_value (heat, 0, h.shared, &value));
  g_assert_cmpfloat (value, ==, 5);
  g_assert_true (wf_heat_get_value (heat, 1, h.shared, &value));
  g_assert_cmpfloat (value, ==, 6);
  g_assert_false (wf_heat_get_value (heat, 2, h.shared, &value));

  g_assert_true (wf_heat_get_range (heat, &min, &max));
  g_assert_cmpfloat (min, ==, 1);
  g_assert_cmpfloat (max, ==, 6);

  /* 3 from the target at most: 1 is the worst, 6 the best, 3 neither. */
  g_assert_cmpfloat (wf_heat_get_level (heat, 1), ==, -2.0 / 3);
  g_assert_cmpfloat (wf_heat_get_level (heat, 6), ==, 1);
  g_assert_cmpfloat (wf_heat_get_level (heat, 3), ==, 0);

  /* A card's figure changed: its cell read again gives what the whole
   * map read again does, scale and all.
   */
  set_metrics (h.shop, make_metric ("conversion", NULL, WF_DIRECTION_LOWER, 3, 9), NULL);
  wf_heat_update_card (heat, h.shop);
  {
    g_autoptr(WfHeat) fresh = wf_heat_new (h.map, "conversion");
    double fresh_min, fresh_max;

    g_assert_true (wf_heat_get_value (heat, 1, h.touchpoints, &value));
    g_assert_cmpfloat (value, ==, 9);
    g_assert_true (wf_heat_get_range (heat, &min, &max));
    g_assert_true (wf_heat_get_range (fresh, &fresh_min, &fresh_max));
    g_assert_cmpfloat (min, ==, fresh_min);
    g_assert_cmpfloat (max, ==, fresh_max);
    g_assert_cmpfloat (max, ==, 9);
    g_assert_false (wf_heat_is_diverging (heat));
    g_assert_false (wf_heat_is_diverging (fresh));
  }

  /* No direction: low to high. */
  none = wf_heat_new (h.map, "opened");
  g_assert_false (wf_heat_is_diverging (none));
  g_assert_true (wf_heat_get_value (none, 0, h.touchpoints, &value));
  g_assert_cmpfloat (value, ==, 40);
  g_assert_cmpfloat (wf_heat_get_level (none, 40), ==, 1);
  g_assert_false (wf_heat_get_value (none, 0, h.shared, &value));

  g_object_unref (h.document);
}

/* Lower is better turns the scale; metrics that disagree on their
 * direction have none, on their target none.
 */
static void
test_heat_scale (void)
{
  HeatMap h;
  g_autoptr(WfHeat) lower = NULL;
  g_autoptr(WfHeat) mixed = NULL;
  g_autoptr(WfHeat) targets = NULL;
  g_autoptr(WfHeat) missing = NULL;
  double min, max;

  heat_map_init (&h);
  set_metrics (h.ad, make_metric ("drop-out", NULL, WF_DIRECTION_LOWER, 30, 20),
               make_metric ("mixed", NULL, WF_DIRECTION_LOWER, 1, 1),
               make_metric ("targets", NULL, WF_DIRECTION_HIGHER, 1, 1), NULL);
  set_metrics (h.shop, make_metric ("drop-out", NULL, WF_DIRECTION_LOWER, 30, 50),
               make_metric ("mixed", NULL, WF_DIRECTION_HIGHER, 1, 2),
               make_metric ("targets", NULL, WF_DIRECTION_HIGHER, 2, 3), NULL);

  lower = wf_heat_new (h.map, "drop-out");
  g_assert_cmpint (wf_heat_get_metric (lower)->direction, ==, WF_DIRECTION_LOWER);
  g_assert_cmpfloat (wf_heat_get_level (lower, 20), ==, 0.5);
  g_assert_cmpfloat (wf_heat_get_level (lower, 50), ==, -1);

  mixed = wf_heat_new (h.map, "mixed");
  g_assert_false (wf_heat_is_diverging (mixed));
  g_assert_cmpfloat (wf_heat_get_level (mixed, 1), ==, 0);

  /* Two targets: from the worst to the best, with no target. */
  targets = wf_heat_new (h.map, "targets");
  g_assert_true (wf_heat_is_diverging (targets));
  g_assert_false (wf_heat_get_metric (targets)->has_target);
  g_assert_cmpfloat (wf_heat_get_level (targets, 1), ==, -1);
  g_assert_cmpfloat (wf_heat_get_level (targets, 3), ==, 1);

  missing = wf_heat_new (h.map, "nowhere");
  g_assert_false (wf_heat_get_range (missing, &min, &max));

  g_object_unref (h.document);
}

/* The metrics to choose from: each name once, cards' and phases'. */
static void
test_heat_list (void)
{
  HeatMap h;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) empty = NULL;

  heat_map_init (&h);
  empty = wf_heat_list_metrics (h.map);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);

  set_metrics (h.ad, make_metric ("visits", NULL, WF_DIRECTION_NONE, 0, 2),
               make_metric ("conversion", NULL, WF_DIRECTION_NONE, 0, 2), NULL);
  set_metrics (h.shop, make_metric ("conversion", NULL, WF_DIRECTION_NONE, 0, 2), NULL);
  set_metrics (h.buy, make_metric ("NPS", "anna", WF_DIRECTION_NONE, 0, 2), NULL);
  names = wf_heat_list_metrics (h.map);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) names, "visits"));
  g_assert_true (g_strv_contains ((const char * const *) names, "conversion"));
  g_assert_true (g_strv_contains ((const char * const *) names, "NPS"));

  g_object_unref (h.document);
}

/* A card's footer shows the heat view's figure, which it tints by,
 * rather than its first.
 */
static void
test_heat_footer (void)
{
  HeatMap h;
  g_autofree char *plain = NULL;
  g_autofree char *heat = NULL;
  g_autofree char *missing = NULL;

  heat_map_init (&h);
  set_metrics (h.ad, make_metric ("visits", NULL, WF_DIRECTION_NONE, 0, 1200),
               make_metric ("NPS", NULL, WF_DIRECTION_HIGHER, 30, 12), NULL);
  plain = wf_scene_card_footer (h.ad, "", FALSE);
  g_assert_cmpstr (plain, ==, "visits 1200");
  heat = wf_scene_card_footer (h.ad, "NPS", FALSE);
  g_assert_cmpstr (heat, ==, "NPS 12 ✗");
  missing = wf_scene_card_footer (h.ad, "conversion", FALSE);
  g_assert_cmpstr (missing, ==, "visits 1200");

  g_object_unref (h.document);
}

/* The colour of the scene at a point of the map, drawn at zoom 1. */
static void
scene_pixel (WfScene *scene,
             double   x,
             double   y,
             guint8   rgb[3])
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;

  wf_scene_snapshot (scene, snapshot, &GRAPHENE_RECT_INIT (x, y, 1, 1), 1, NULL, NULL);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  cairo_translate (cr, -x, -y);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  /* CAIRO_FORMAT_RGB24 is a native-endian 0xXXRRGGBB. */
  {
    guint32 pixel = *(const guint32 *) data;

    rgb[0] = (pixel >> 16) & 0xff;
    rgb[1] = (pixel >> 8) & 0xff;
    rgb[2] = pixel & 0xff;
  }
  cairo_surface_destroy (surface);
}

/* The heat view tints a cell below its target orange and one above it
 * blue, under its cards; a changed figure is read again; no heat, no
 * tint.
 */
static void
test_heat_scene (void)
{
  HeatMap h;
  g_autoptr(WfScene) scene = NULL;
  WfLayout *layout;
  const WfRow *row = NULL;
  double look_x, buy_x, w, y;
  guint8 plain[3], look[3], buy[3], after[3];

  heat_map_init (&h);
  set_metrics (h.look, make_metric ("NPS", NULL, WF_DIRECTION_HIGHER, 30, 10), NULL);
  set_metrics (h.buy, make_metric ("NPS", NULL, WF_DIRECTION_HIGHER, 30, 50), NULL);
  scene = wf_scene_new (h.map);
  layout = wf_scene_get_layout (scene);
  for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
    if (wf_layout_get_row (layout, r)->lane == h.shared)
      row = wf_layout_get_row (layout, r);
  g_assert_nonnull (row);
  wf_layout_get_phase_bounds (layout, 0, &look_x, &w);
  wf_layout_get_phase_bounds (layout, 1, &buy_x, &w);
  y = row->y + row->height / 2;

  scene_pixel (scene, look_x + w / 2, y, plain);

  wf_map_set_heat (h.map, "NPS");
  wf_scene_update (scene);
  scene_pixel (scene, look_x + w / 2, y, look);
  scene_pixel (scene, buy_x + w / 2, y, buy);
  g_assert_cmpint (look[0], >, look[2] + 20);   /* orange: below target */
  g_assert_cmpint (buy[2], >, buy[0] + 20);     /* blue: above it */
  g_assert_true (memcmp (look, plain, 3) != 0);

  /* The key in the corner: not the plain header. */
  {
    guint8 corner[3];

    scene_pixel (scene, 14 + 176 / 2.0, 41, corner);
    g_assert_false (corner[0] == 255 && corner[1] == 255 && corner[2] == 255);
  }

  /* A card's figure changed: the heat is read again. */
  set_metrics (h.ad, make_metric ("NPS", NULL, WF_DIRECTION_HIGHER, 30, 90), NULL);
  wf_scene_forget_card (scene, h.ad);
  g_assert_true (wf_scene_get_heat (scene) != NULL);
  {
    double value;

    g_assert_true (wf_heat_get_value (wf_scene_get_heat (scene), 0, h.touchpoints, &value));
    g_assert_cmpfloat (value, ==, 90);
  }

  wf_map_set_heat (h.map, "");
  wf_scene_update (scene);
  scene_pixel (scene, look_x + w / 2, y, after);
  g_assert_cmpmem (after, 3, plain, 3);

  g_object_unref (h.document);
}

/* Sets a phase's one figure, about the persona of @persona_id. */
static void
set_persona_figure (WfPhase    *phase,
                    const char *persona_id,
                    const char *name,
                    double      value)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) wf_metric_free);
  WfMetric *metric = wf_metric_new (name);

  g_free (metric->persona);
  metric->persona = g_strdup (persona_id);
  wf_metric_set_measurement (metric, value, "");
  g_ptr_array_add (metrics, metric);
  wf_phase_set_metrics (phase, wf_metrics_to_variant (metrics));
}

/* Anna has a lane; Bo has figures on the map's phase and no lane; Cas
 * has neither; Dee has figures only on another map. One shared lane.
 */
static WfDocument *
figures_without_lanes (void)
{
  WfDocument *document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Map");
  g_autoptr(WfMap) other = wf_map_new ("m2", "Other map");
  g_autoptr(WfPhase) phase = wf_phase_new ("ph", "Pay");
  g_autoptr(WfPhase) other_phase = wf_phase_new ("ph2", "Pay");
  g_autoptr(WfLane) annas = wf_lane_new ("tp", WF_LANE_TOUCHPOINTS);
  g_autoptr(WfLane) shared = wf_lane_new ("pp", WF_LANE_PAIN_POINTS);
  const char *ids[] = { "anna", "bo", "cas", "dee" };
  const char *names[] = { "Anna", "Bo", "Cas", "Dee" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(WfPersona) persona = wf_persona_new (ids[i], names[i]);

      wf_persona_set_color (persona, wf_persona_default_color (i));
      wf_document_insert_persona (document, persona, -1);
    }

  wf_map_insert_phase (map, phase, -1);
  wf_lane_set_persona (annas, wf_document_get_persona (document, 0));
  wf_map_insert_lane (map, annas, -1);
  wf_map_insert_lane (map, shared, -1);
  set_persona_figure (phase, "bo", "CSAT", 3.5);
  wf_document_insert_map (document, map, -1);

  wf_map_insert_phase (other, other_phase, -1);
  set_persona_figure (other_phase, "dee", "NPS", 12);
  wf_document_insert_map (document, other, -1);

  return document;
}

/* A persona's figures on a phase are drawn in its band: a persona with
 * figures in this map but no lanes has its band alone, not followed by
 * lanes; one with neither, or with figures on another map only, none.
 */
static void
test_figures_band (void)
{
  g_autoptr(WfDocument) document = figures_without_lanes ();
  WfMap *map = wf_document_get_map (document, 0);
  WfPersona *bo = wf_document_get_persona (document, 1);
  WfPersona *cas = wf_document_get_persona (document, 2);
  g_autoptr(WfLayout) layout = wf_layout_new (map);
  static const WfRowKind kinds[] = { WF_ROW_PERSONA, WF_ROW_LANE, WF_ROW_PERSONA, WF_ROW_SHARED, WF_ROW_LANE };
  const WfRow *band;
  double y = WF_LAYOUT_HEADER_HEIGHT;

  g_assert_cmpuint (wf_layout_get_n_rows (layout), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const WfRow *row = wf_layout_get_row (layout, i);

      g_assert_cmpint (row->kind, ==, kinds[i]);
      g_assert_cmpfloat (row->y, ==, y);
      y += row->height;
    }
  g_assert_cmpfloat (wf_layout_get_height (layout), ==, y);

  band = wf_layout_get_row (layout, 2);
  g_assert_true (band->persona == bo);
  g_assert_null (band->lane);
  g_assert_cmpfloat (band->height, ==, WF_LAYOUT_BAND_HEIGHT);
  g_assert_cmpint (wf_layout_row_at (layout, band->y + 1), ==, 2);
  g_assert_null (wf_layout_card_at (layout, WF_LAYOUT_LANE_HEADER_WIDTH + 20, band->y + 20));

  /* Looking at Bo alone: Bo's band and the shared lanes. */
  wf_layout_set_persona_filter (layout, bo);
  g_assert_cmpuint (wf_layout_get_n_rows (layout), ==, 3);
  g_assert_true (wf_layout_get_row (layout, 0)->persona == bo);
  g_assert_cmpint (wf_layout_get_row (layout, 1)->kind, ==, WF_ROW_SHARED);

  /* At Cas, who has nothing here: the shared lanes alone. */
  wf_layout_set_persona_filter (layout, cas);
  g_assert_cmpuint (wf_layout_get_n_rows (layout), ==, 2);
  g_assert_cmpint (wf_layout_get_row (layout, 0)->kind, ==, WF_ROW_SHARED);

  /* Bo's figures gone, the band goes with them. */
  wf_layout_set_persona_filter (layout, NULL);
  wf_phase_set_metrics (wf_map_get_phase (map, 0), NULL);
  wf_layout_update (layout);
  g_assert_cmpuint (wf_layout_get_n_rows (layout), ==, 4);
}

/* The colour of a pixel of an ARGB32 surface, opaque. */
static void
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y,
          GdkRGBA         *color)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  guint32 argb = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);

  color->red = ((argb >> 16) & 0xff) / 255.0;
  color->green = ((argb >> 8) & 0xff) / 255.0;
  color->blue = (argb & 0xff) / 255.0;
  color->alpha = 1;
}

/* The band of a persona without lanes, as an export draws it: in the
 * persona's colour, with its figures in the phase's column.
 */
static void
test_figures_band_drawn (void)
{
  g_autoptr(WfDocument) document = figures_without_lanes ();
  WfMap *map = wf_document_get_map (document, 0);
  WfPersona *bo = wf_document_get_persona (document, 1);
  g_autoptr(WfScene) scene = wf_scene_new (map);
  WfLayout *layout = wf_scene_get_layout (scene);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  const WfRow *band = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GdkRGBA tint, stripe, ink;
  double px, pw;
  guint dark = 0;

  for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
    if (wf_layout_get_row (layout, r)->persona == bo)
      band = wf_layout_get_row (layout, r);
  g_assert_nonnull (band);

  wf_scene_set_paint_background (scene, TRUE);
  wf_scene_snapshot (scene, snapshot,
                     &GRAPHENE_RECT_INIT (0, 0, wf_layout_get_width (layout), wf_layout_get_height (layout)),
                     1.0, NULL, NULL);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, ceil (wf_layout_get_width (layout)),
                                        ceil (wf_layout_get_height (layout)));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (g_getenv ("WF_SHOT") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("WF_SHOT"));

  /* The persona's colour along its top. */
  g_assert_true (gdk_rgba_parse (&tint, wf_persona_get_color (bo)));
  pixel_at (surface, WF_LAYOUT_LANE_HEADER_WIDTH + 40, band->y + 1, &stripe);
  g_assert_cmpfloat_with_epsilon (stripe.red, tint.red, 0.02);
  g_assert_cmpfloat_with_epsilon (stripe.green, tint.green, 0.02);
  g_assert_cmpfloat_with_epsilon (stripe.blue, tint.blue, 0.02);

  /* "CSAT 3.5" in the phase's column: dark ink on the light wash. */
  wf_layout_get_phase_bounds (layout, 0, &px, &pw);
  for (int y = band->y + 8; y < band->y + band->height - 4; y++)
    for (int x = px + 14; x < px + pw - 14; x++)
      {
        pixel_at (surface, x, y, &ink);
        if (ink.red + ink.green + ink.blue < 1.2)
          dark++;
      }
  g_test_message ("%u dark pixels in the band's cell", dark);
  g_assert_cmpuint (dark, >, 20);

  cairo_surface_destroy (surface);
}

/* A cell of a hundred thousand emotions, a collapsed lane as full and a
 * hundred thousand links: what is drawn is what can be told apart, not
 * a node a card or a label a link.
 */
static void
test_many_items (void)
{
  g_autoptr(WfDocument) document = wf_document_new ();
  g_autoptr(WfMap) map = wf_map_new ("m", "Crowded");
  g_autoptr(WfPhase) phase = wf_phase_new ("ph", "Awareness");
  g_autoptr(WfPhase) next = wf_phase_new ("ph2", "Purchase");
  g_autoptr(WfLane) emotions = wf_lane_new ("em", WF_LANE_EMOTIONS);
  g_autoptr(WfLane) collapsed = wf_lane_new ("co", WF_LANE_NOTES);
  g_autoptr(WfLane) touchpoints = wf_lane_new ("tp", WF_LANE_TOUCHPOINTS);
  g_autoptr(WfScene) scene = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = 100000, n_text = 0, n_nodes;

  wf_map_insert_phase (map, phase, -1);
  wf_map_insert_phase (map, next, -1);
  wf_lane_set_collapsed (collapsed, TRUE);
  wf_map_insert_lane (map, emotions, -1);
  wf_map_insert_lane (map, collapsed, -1);
  wf_map_insert_lane (map, touchpoints, -1);
  wf_document_insert_map (document, map, -1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *note_id = g_strdup_printf ("n%u", i);
      g_autoptr(WfCard) marker = wf_card_new (id, "Happy");
      g_autoptr(WfCard) note = wf_card_new (note_id, "Note");

      wf_card_set_emotion (marker, (int) (i % 5) - 2);
      wf_map_insert_card (map, marker, phase, emotions, -1);
      wf_map_insert_card (map, note, phase, collapsed, -1);
    }

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      WfCard *card = wf_card_new (id, "Touchpoint");

      wf_map_insert_card (map, card, i % 2 ? phase : next, touchpoints, -1);
      g_ptr_array_add (cards, card);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("l%u", i);
      g_autofree char *label = g_strdup_printf ("step %u", i);
      g_autoptr(WfLink) link = wf_link_new (id, cards->pdata[i % cards->len], cards->pdata[(i * 7 + 1) % cards->len]);

      wf_link_set_label (link, label);
      wf_map_insert_link (map, link, -1);
    }

  scene = wf_scene_new (map);
  node = draw_whole (scene);
  n_nodes = count_nodes (node, GSK_TEXT_NODE, &n_text);
  g_test_message ("%u nodes, %u of them text", n_nodes, n_text);
  g_assert_cmpuint (n_nodes, <, 2000);
  g_assert_cmpuint (n_text, <, 500);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/rows", test_rows);
  g_test_add_func ("/layout/hits", test_hits);
  g_test_add_func ("/layout/card-bounds-follow", test_card_bounds_follow);
  g_test_add_func ("/layout/lane-heights", test_lane_heights);
  g_test_add_func ("/layout/visible", test_visible);
  g_test_add_func ("/layout/resize", test_resize);
  g_test_add_func ("/layout/figures-band", test_figures_band);
  g_test_add_func ("/scene/projector-contrast", test_projector_contrast);
  g_test_add_func ("/scene/link-labels", test_link_labels);
  g_test_add_func ("/scene/clip-text", test_clip_text);
  g_test_add_func ("/scene/figures", test_figures);
  g_test_add_func ("/scene/phase-figures", test_phase_figures);
  g_test_add_func ("/heat/values", test_heat_values);
  g_test_add_func ("/heat/scale", test_heat_scale);
  g_test_add_func ("/heat/list", test_heat_list);
  g_test_add_func ("/heat/scene", test_heat_scene);
  g_test_add_func ("/heat/footer", test_heat_footer);
  g_test_add_func ("/scene/figures-band", test_figures_band_drawn);
  g_test_add_func ("/scene/long-texts", test_long_texts);
  g_test_add_func ("/scene/card-detail", test_card_detail);
  g_test_add_func ("/scene/many-votes", test_many_votes);
  g_test_add_func ("/scene/layout-lines", test_layout_lines);
  g_test_add_func ("/scene/build-budget", test_build_budget);
  g_test_add_func ("/scene/many-items", test_many_items);

  return g_test_run ();
}
