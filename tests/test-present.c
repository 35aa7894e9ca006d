/* test-present.c — a presentation as the room sees it, driven by the
 * real keyboard
 *
 * The application runs under Xvfb; keys are typed with xdotool (XTEST),
 * so they take the path a facilitator's keyboard takes, and the window is
 * resized with xdotool as a window manager would. What is asserted is
 * where things end up on the screen: the focused and the captured card
 * above the hint bar, the view following the focus, whole emotion labels,
 * no empty band beside the map after a resize.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "model/wf-model.h"
#include "ui/wf-canvas-private.h"
#include "ui/wf-presenter.h"
#include "test-app.h"
#include "test-util.h"

typedef struct
{
  WfCard   *card;        /* what a test follows from step to step */
  gboolean  prepared;
  gboolean  scrolled;
  int       width;       /* the canvas's width before a resize */
  guint     moves;
  int       phase;
} PresentState;

/* Runs a presentation test, where there is a real keyboard to press. */
static void
run_present (WfTestStep step)
{
  PresentState state = { 0 };

  if (!wf_test_have_xdotool ())
    return;

  wf_test_app_run_sample (step, &state);
}

/* Geometry, in the canvas's pixels */

static GtkWidget *
find_hint_bar (WfCanvas *canvas)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (canvas));

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "presentation-status"))
      return child;

  return NULL;
}

static void
map_to_canvas (WfCanvas              *canvas,
               const graphene_rect_t *map,
               graphene_rect_t       *rect)
{
  double zoom = wf_canvas_get_zoom (canvas);
  double x, y;

  wf_canvas_get_offset (canvas, &x, &y);
  *rect = GRAPHENE_RECT_INIT ((map->origin.x - x) * zoom, (map->origin.y - y) * zoom,
                              map->size.width * zoom, map->size.height * zoom);
}

static void
card_rect (WfCanvas        *canvas,
           WfCard          *card,
           graphene_rect_t *rect)
{
  graphene_rect_t bounds;

  g_assert_true (wf_layout_get_card_bounds (wf_scene_get_layout (wf_canvas_get_scene (canvas)), card, &bounds));
  map_to_canvas (canvas, &bounds, rect);
}

/* Asserts that @card is whole in the part of the view the room sees:
 * under the phase titles and right of the lane titles the presentation
 * pins, above the hint bar, inside the window.
 */
static void
assert_card_in_sight (WfCanvas *canvas,
                      WfCard   *card)
{
  GtkWidget *bar = find_hint_bar (canvas);
  double zoom = wf_canvas_get_zoom (canvas);
  graphene_rect_t rect, bar_bounds;
  double x, y;

  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_get_mapped (bar));
  g_assert_true (gtk_widget_compute_bounds (bar, GTK_WIDGET (canvas), &bar_bounds));
  card_rect (canvas, card, &rect);
  wf_canvas_get_offset (canvas, &x, &y);

  g_test_message ("“%s” at %.0f,%.0f %.0f×%.0f; the hint bar from y %.0f",
                  wf_card_get_title (card), rect.origin.x, rect.origin.y, rect.size.width, rect.size.height,
                  bar_bounds.origin.y);
  g_assert_cmpfloat (rect.origin.x, >=, (x > 0 ? WF_LAYOUT_LANE_HEADER_WIDTH * zoom : 0) - 0.5);
  g_assert_cmpfloat (rect.origin.y, >=, (y > 0 ? WF_LAYOUT_HEADER_HEIGHT * zoom : 0) - 0.5);
  g_assert_cmpfloat (rect.origin.x + rect.size.width, <=, gtk_widget_get_width (GTK_WIDGET (canvas)) + 0.5);
  g_assert_cmpfloat (rect.origin.y + rect.size.height, <=, bar_bounds.origin.y + 0.5);
}

static WfCard *
first_card_of (WfMap      *map,
               const char *phase_name,
               const char *title)
{
  g_autoptr(GPtrArray) cards = wf_map_list_cards (map);

  for (guint i = 0; i < cards->len; i++)
    {
      WfCard *card = cards->pdata[i];

      if (g_strcmp0 (wf_phase_get_name (wf_card_get_phase (card)), phase_name) == 0 &&
          (title == NULL || g_strcmp0 (wf_card_get_title (card), title) == 0))
        return card;
    }

  return NULL;
}

/* Whether the canvas fills @window: laid out for the presentation,
 * without the header bar and the side panes.
 */
static gboolean
fills_window (WfCanvas *canvas,
              WfWindow *window)
{
  return gtk_widget_get_width (GTK_WIDGET (canvas)) == gtk_widget_get_width (GTK_WIDGET (window)) &&
         gtk_widget_get_height (GTK_WIDGET (canvas)) == gtk_widget_get_height (GTK_WIDGET (window));
}

/* Common first steps: the window shows its map, F5 typed and handled,
 * the presentation laid out at the window's size and drawn. Returns the
 * canvas once there, at stage 2.
 */
static WfCanvas *
presenting (WfTestApp  *app,
            WfWindow  **window_out)
{
  WfWindow *window = wf_test_app_get_window (app);
  WfCanvas *canvas = wf_test_app_get_canvas (app);

  if (canvas == NULL)
    return NULL;

  *window_out = window;
  switch (app->stage)
    {
    case 0:
      g_assert_false (fills_window (canvas, window));
      g_assert_true (wf_test_xdotool_keys (app, GTK_WIDGET (canvas), "F5", NULL));
      app->stage++;
      return NULL;

    case 1:
      if (!wf_test_app_keys_arrived (app))
        return NULL;
      g_assert_true (wf_presenter_is_active (wf_window_get_presenter (window)));
      if (!fills_window (canvas, window) || !wf_test_app_wait_frame (app, GTK_WIDGET (canvas)))
        return NULL;
      app->stage++;
      return canvas;

    default:
      return canvas;
    }
}

/* Then C, and three lanes down: the capture entry open at Ruben's
 * touchpoints, near the foot of the screen. For stages 2 and 3; returns
 * TRUE once there, at the end of stage 3.
 */
static gboolean
capturing_low (WfTestApp   *app,
               WfCanvas    *canvas,
               WfPresenter *presenter)
{
  WfPhase *phase;
  WfLane *lane;

  if (app->stage == 2)
    {
      wf_test_xdotool_keys (app, GTK_WIDGET (canvas), "c", "Tab", "Tab", "Tab", NULL);
      app->stage++;
      return FALSE;
    }

  g_assert_cmpuint (app->stage, ==, 3);
  if (!wf_test_app_keys_arrived (app))
    return FALSE;
  g_assert_true (wf_presenter_get_capture_cell (presenter, &phase, &lane));
  g_assert_cmpstr (wf_item_get_id (WF_ITEM (lane)), ==, "ru-tp");
  app->stage++;
  return TRUE;
}

/* A card captured low on the screen, and its votes, stay in sight. */

static gboolean
step_capture (WfTestApp *app)
{
  PresentState *state = app->data;
  WfWindow *window = NULL;
  WfCanvas *canvas = presenting (app, &window);
  WfPresenter *presenter;
  WfMap *map;

  if (canvas == NULL)
    return FALSE;
  presenter = wf_window_get_presenter (window);
  map = wf_canvas_get_map (canvas);

  switch (app->stage)
    {
    case 2:
    case 3:
      if (!capturing_low (app, canvas, presenter))
        return FALSE;
      g_assert_true (wf_presenter_is_capturing (presenter));
      wf_test_xdotool_type (app, GTK_WIDGET (canvas), "Hears about it on the radio");
      return FALSE;

    case 4:
      if (!wf_test_app_keys_arrived (app))
        return FALSE;
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (window)))), ==,
                       "Hears about it on the radio");
      wf_test_xdotool_keys (app, GTK_WIDGET (canvas), "Return", NULL);
      app->stage++;
      return FALSE;

    case 5:
      {
        GtkWidget *entry = wf_test_find_widget (gtk_widget_get_parent (GTK_WIDGET (canvas)), GTK_TYPE_ENTRY);
        graphene_rect_t rect, entry_bounds;

        /* The card made, and the view and the entry laid out after it. */
        if (!wf_test_app_keys_arrived (app) || !wf_test_app_wait_frame (app, GTK_WIDGET (canvas)))
          return FALSE;
        state->card = first_card_of (map, "Awareness", "Hears about it on the radio");
        g_assert_nonnull (state->card);
        g_assert_true (wf_canvas_get_focus_card (canvas) == state->card);

        /* The new card is in sight, and the entry, open for the next,
         * does not cover it.
         */
        assert_card_in_sight (canvas, state->card);
        g_assert_nonnull (entry);
        g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_parent (entry), GTK_WIDGET (canvas), &entry_bounds));
        card_rect (canvas, state->card, &rect);
        g_assert_false (graphene_rect_intersection (&rect, &entry_bounds, NULL));
        g_assert_cmpfloat (entry_bounds.origin.y + entry_bounds.size.height, <=,
                           gtk_widget_get_height (GTK_WIDGET (canvas)) - gtk_widget_get_height (find_hint_bar (canvas)) + 0.5);

        /* Esc closes the entry; + + +: three votes on the card. */
        wf_test_xdotool_keys (app, GTK_WIDGET (canvas), "Escape", "plus", "plus", "plus", NULL);
        app->stage++;
      }
      return FALSE;

    case 6:
      if (!wf_test_app_keys_arrived (app) || !wf_test_app_wait_frame (app, GTK_WIDGET (canvas)))
        return FALSE;
      g_assert_cmpuint (wf_card_get_votes (state->card), ==, 3);
      g_assert_false (wf_presenter_is_capturing (presenter));
      g_assert_true (wf_presenter_is_active (presenter));
      /* The dots are on the card, at its foot. */
      assert_card_in_sight (canvas, state->card);

      /* → is the presentation's (the next phase, its first card in
       * focus), not the canvas's (the next card in the same lane), though
       * the canvas has the focus.
       */
      state->phase = wf_presenter_get_phase (presenter);
      wf_test_xdotool_keys (app, GTK_WIDGET (canvas), "Right", NULL);
      app->stage++;
      return FALSE;

    case 7:
      if (!wf_test_app_keys_arrived (app))
        return FALSE;
      g_assert_cmpint (wf_presenter_get_phase (presenter), ==, state->phase + 1);
      g_assert_nonnull (wf_canvas_get_focus_card (canvas));
      g_assert_true (wf_card_get_lane (wf_canvas_get_focus_card (canvas)) != wf_card_get_lane (state->card));

      /* Esc leaves the presentation. */
      wf_test_xdotool_keys (app, GTK_WIDGET (canvas), "Escape", NULL);
      app->stage++;
      return FALSE;

    case 8:
      if (!wf_test_app_keys_arrived (app))
        return FALSE;
      g_assert_false (wf_presenter_is_active (presenter));
      g_assert_false (wf_canvas_get_presenting (canvas));
      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_capture (void)
{
  run_present (step_capture);
}

/* Down, card after card through a phase taller than the screen: the view
 * follows, and the phase in the light is the focused card's.
 */

static void
make_phase_tall (WfMap *map)
{
  static const char *lanes[] = { "eva-pp", "ru-tp", "opp" };
  WfDocument *document = wf_item_get_document (WF_ITEM (map));
  WfPhase *phase = wf_map_get_phase (map, 0);

  for (guint l = 0; l < G_N_ELEMENTS (lanes); l++)
    for (guint i = 0; i < 6; i++)
      {
        g_autofree char *id = wf_document_make_id (document, "card");
        g_autofree char *title = g_strdup_printf ("Said in the room %u.%u", l, i);
        g_autoptr(WfCard) card = wf_card_new (id, title);

        for (guint j = 0; j < wf_map_get_n_lanes (map); j++)
          if (g_strcmp0 (wf_item_get_id (WF_ITEM (wf_map_get_lane (map, j))), lanes[l]) == 0)
            g_assert_true (wf_edit_add_card (map, card, phase, wf_map_get_lane (map, j), -1));
      }
}

static gboolean
step_follow (WfTestApp *app)
{
  PresentState *state = app->data;
  WfWindow *window = NULL;
  WfCanvas *canvas;
  WfPresenter *presenter;
  WfCard *focus;
  WfMap *map;

  /* Before F5, the first phase made three screens tall. */
  if (app->stage == 0 && !state->prepared && (canvas = wf_test_app_get_canvas (app)) != NULL)
    {
      make_phase_tall (wf_canvas_get_map (canvas));
      state->prepared = TRUE;
    }

  if ((canvas = presenting (app, &window)) == NULL)
    return FALSE;
  presenter = wf_window_get_presenter (window);
  map = wf_canvas_get_map (canvas);
  focus = wf_canvas_get_focus_card (canvas);

  switch (app->stage)
    {
    case 2:
      g_assert_nonnull (focus);
      state->card = focus;
      wf_test_xdotool_keys (app, GTK_WIDGET (canvas), "Down", NULL);
      app->stage++;
      return FALSE;

    case 3:
      /* Each Down: the card below, in its cell or the next lane's, whole
       * in sight, in the phase in the light, which stays the first: Up
       * and Down keep to the focused card's phase (issue #20). Down from
       * the last card changes nothing.
       */
      if (!wf_test_app_keys_arrived (app) || !wf_test_app_wait_frame (app, GTK_WIDGET (canvas)))
        return FALSE;
      if (focus == state->card)
        {
          /* Through every lane of the first phase and down its tall
           * cells, the view scrolled down, and never into the next
           * phases.
           */
          g_assert_cmpuint (state->moves, >=, 7);
          g_assert_true (state->scrolled);
          g_assert_cmpint (wf_presenter_get_phase (presenter), ==, 0);
          gtk_window_destroy (GTK_WINDOW (window));
          return TRUE;
        }

      state->moves++;
      assert_card_in_sight (canvas, focus);
      g_assert_true (wf_card_get_phase (focus) == wf_map_get_phase (map, 0));
      {
        double x, y;

        wf_canvas_get_offset (canvas, &x, &y);
        state->scrolled |= y > 0;
      }
      g_assert_cmpint (wf_presenter_get_phase (presenter), ==, wf_map_get_phase_index (map, wf_card_get_phase (focus)));
      g_assert_cmpint (wf_canvas_get_spotlight (canvas), ==, wf_presenter_get_phase (presenter));

      state->card = focus;
      wf_test_xdotool_keys (app, GTK_WIDGET (canvas), "Down", NULL);
      return FALSE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_follow (void)
{
  run_present (step_follow);
}

/* Emotion labels use the room a projector gives them. */

static guint
count_glyphs (GskRenderNode *node)
{
  g_autoptr(GPtrArray) texts = wf_test_collect_nodes (node, GSK_TEXT_NODE, TRUE, NULL);
  guint n = 0;

  for (guint i = 0; i < texts->len; i++)
    n += gsk_text_node_get_num_glyphs (g_ptr_array_index (texts, i));

  return n;
}

/* How many glyphs @text has, whole, in the projector's type for an
 * emotion, less one for each space (a line may end at one).
 */
static guint
glyphs_of_label (GtkWidget  *widget,
                 const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, Sans");
  PangoLayoutIter *iter;
  guint n = 0;

  pango_font_description_set_absolute_size (font, 11 * 1.25 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoGlyphItem *run = pango_layout_iter_get_run_readonly (iter);

      if (run != NULL)
        n += run->glyphs->num_glyphs;
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    n -= g_unichar_isspace (g_utf8_get_char (p));

  return n;
}

static gboolean
step_emotions (WfTestApp *app)
{
  PresentState *state = app->data;
  WfWindow *window = NULL;
  WfCanvas *canvas = presenting (app, &window);
  g_autoptr(GPtrArray) cards = NULL;
  WfLayout *layout;
  WfMap *map;

  if (canvas == NULL)
    return FALSE;
  map = wf_canvas_get_map (canvas);
  layout = wf_scene_get_layout (wf_canvas_get_scene (canvas));

  switch (app->stage)
    {
    case 2:
      wf_test_xdotool_keys (app, GTK_WIDGET (canvas), "Page_Down", "Page_Down", NULL);
      app->stage++;
      return FALSE;

    case 3:
      if (!wf_test_app_keys_arrived (app))
        return FALSE;
      g_assert_cmpint (wf_presenter_get_phase (wf_window_get_presenter (window)), ==, 2);
      cards = wf_map_list_cards (map);

      /* Every emotion of the phase in the light, whole: as many glyphs
       * drawn as the label has (an ellipsis cuts most of them).
       */
      for (guint i = 0; i < cards->len; i++)
        {
          WfCard *card = cards->pdata[i];
          g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
          g_autoptr(GskRenderNode) node = NULL;
          const char *title = wf_card_get_title (card);
          graphene_rect_t bounds;
          const WfRow *row;
          guint letters;
          double x, w;

          if (wf_map_get_phase_index (map, wf_card_get_phase (card)) != 2 ||
              wf_lane_get_kind (wf_card_get_lane (card)) != WF_LANE_EMOTIONS)
            continue;

          letters = glyphs_of_label (GTK_WIDGET (canvas), title);
          g_assert_true (wf_layout_get_card_bounds (layout, card, &bounds));
          wf_scene_snapshot (wf_canvas_get_scene (canvas), snapshot, &bounds, wf_canvas_get_zoom (canvas), NULL, NULL);
          node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
          g_test_message ("“%s”: %u glyphs whole, %u drawn in %.0f×%.0f", title, letters,
                          node ? count_glyphs (node) : 0, bounds.size.width, bounds.size.height);
          g_assert_nonnull (node);
          g_assert_cmpuint (count_glyphs (node), >=, letters);

          /* In its own cell. */
          wf_layout_get_phase_bounds (layout, 2, &x, &w);
          row = wf_layout_get_row (layout, wf_layout_get_lane_row (layout, wf_card_get_lane (card)));
          g_assert_cmpfloat (bounds.origin.x, >=, x);
          g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, x + w);
          g_assert_cmpfloat (bounds.origin.y, >=, row->y);
          g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, row->y + row->height);
          state->moves++;
        }
      g_assert_cmpuint (state->moves, ==, 2);

      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_emotions (void)
{
  run_present (step_emotions);
}

/* The window grows (full screen, a resize): the view is laid out again at
 * once, the map from the left edge, the capture entry under its cell.
 */

static void
assert_laid_out (WfCanvas    *canvas,
                 WfPresenter *presenter)
{
  WfLayout *layout = wf_scene_get_layout (wf_canvas_get_scene (canvas));
  GtkWidget *entry = wf_test_find_widget (gtk_widget_get_parent (GTK_WIDGET (canvas)), GTK_TYPE_ENTRY);
  WfPhase *phase;
  WfLane *lane;
  graphene_rect_t map_rect, entry_bounds, phase_rect;
  double x, w;

  /* The map's left edge at the window's, give or take the presentation's
   * margin: no empty band.
   */
  map_to_canvas (canvas, &GRAPHENE_RECT_INIT (0, 0, wf_layout_get_width (layout), wf_layout_get_height (layout)),
                 &map_rect);
  g_test_message ("canvas %d×%d, the map drawn from x %.0f", gtk_widget_get_width (GTK_WIDGET (canvas)),
                  gtk_widget_get_height (GTK_WIDGET (canvas)), map_rect.origin.x);
  g_assert_cmpfloat (map_rect.origin.x, <=, 48);

  /* The first phase whole in sight. */
  wf_layout_get_phase_bounds (layout, 0, &x, &w);
  map_to_canvas (canvas, &GRAPHENE_RECT_INIT (x, 0, w, 1), &phase_rect);
  g_assert_cmpfloat (phase_rect.origin.x, >=, 0);
  g_assert_cmpfloat (phase_rect.origin.x + phase_rect.size.width, <=, gtk_widget_get_width (GTK_WIDGET (canvas)));

  /* The entry over its phase. */
  g_assert_true (wf_presenter_get_capture_cell (presenter, &phase, &lane));
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_compute_bounds (entry, GTK_WIDGET (canvas), &entry_bounds));
  g_test_message ("the entry from x %.0f to %.0f, its phase from %.0f to %.0f", entry_bounds.origin.x,
                  entry_bounds.origin.x + entry_bounds.size.width, phase_rect.origin.x,
                  phase_rect.origin.x + phase_rect.size.width);
  g_assert_cmpfloat (entry_bounds.origin.x + entry_bounds.size.width / 2, >=, phase_rect.origin.x);
  g_assert_cmpfloat (entry_bounds.origin.x + entry_bounds.size.width / 2, <=,
                     phase_rect.origin.x + phase_rect.size.width);

  /* …in sight above the hint bar, under the cell's last card, which is
   * in sight too.
   */
  {
    GPtrArray *cell = wf_map_get_cell (wf_canvas_get_map (canvas), phase, lane);
    WfCard *last = g_ptr_array_index (cell, cell->len - 1);
    graphene_rect_t card;

    g_assert_cmpfloat (entry_bounds.origin.y, >=, 0);
    g_assert_cmpfloat (entry_bounds.origin.y + entry_bounds.size.height, <=,
                       gtk_widget_get_height (GTK_WIDGET (canvas)) - gtk_widget_get_height (find_hint_bar (canvas)) + 0.5);
    assert_card_in_sight (canvas, last);
    card_rect (canvas, last, &card);
    g_assert_cmpfloat (entry_bounds.origin.y, >=, card.origin.y + card.size.height);
  }
}

/* Whether the window has the size xdotool gave it, and has been laid
 * out and drawn at that size.
 */
static gboolean
resized (WfTestApp *app,
         WfWindow  *window,
         int        width,
         int        height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return gdk_surface_get_width (surface) == width && gdk_surface_get_height (surface) == height &&
         wf_test_app_wait_frame (app, GTK_WIDGET (window));
}

static gboolean
step_resize (WfTestApp *app)
{
  PresentState *state = app->data;
  WfWindow *window = NULL;
  WfCanvas *canvas = presenting (app, &window);
  WfPresenter *presenter;

  if (canvas == NULL)
    return FALSE;
  presenter = wf_window_get_presenter (window);

  switch (app->stage)
    {
    case 2:
    case 3:
      /* The entry open low in the view, then the window as large as
       * the screen.
       */
      if (!capturing_low (app, canvas, presenter))
        return FALSE;
      state->width = gtk_widget_get_width (GTK_WIDGET (canvas));
      wf_test_xdotool_resize (GTK_WIDGET (window), 1920, 1080);
      return FALSE;

    case 4:
      if (!resized (app, window, 1920, 1080))
        return FALSE;
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), >, state->width);
      g_assert_true (fills_window (canvas, window));
      g_assert_true (wf_presenter_is_capturing (presenter));
      assert_laid_out (canvas, presenter);

      /* And smaller again. */
      state->width = gtk_widget_get_width (GTK_WIDGET (canvas));
      wf_test_xdotool_resize (GTK_WIDGET (window), 1280, 720);
      app->stage++;
      return FALSE;

    case 5:
      if (!resized (app, window, 1280, 720))
        return FALSE;
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), <, state->width);
      g_assert_true (fills_window (canvas, window));
      assert_laid_out (canvas, presenter);
      gtk_window_destroy (GTK_WINDOW (window));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
test_resize (void)
{
  run_present (step_resize);
}

int
main (int   argc,
      char *argv[])
{
  wf_test_app_init (&argc, &argv);

  /* Moves without animation, so the view is where it goes at once. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/present/capture", test_capture);
  g_test_add_func ("/present/follow-focus", test_follow);
  g_test_add_func ("/present/emotion-labels", test_emotions);
  g_test_add_func ("/present/resize", test_resize);

  return g_test_run ();
}
