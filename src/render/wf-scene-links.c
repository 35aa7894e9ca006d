/* wf-scene-links.c — the links of a map's drawing
 *
 * Where each link runs between its cards and where its label goes,
 * worked out once per layout; which lines and labels are drawn where
 * many overlap; the lines under the cards and the labels over them; and
 * which link is under the pointer.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wf-scene-private.h"

/* Links */

typedef struct
{
  WfLink           *link;
  graphene_point_t  a;      /* from the edge of one card… */
  graphene_point_t  b;      /* …to the edge of the other */
  graphene_point_t  label;  /* where the middle of its label goes */
  graphene_rect_t   span;
  gboolean          line;      /* FALSE where an earlier link's line is the same */
  gboolean          labelled;  /* whether its label is drawn: not where another one is */
} LinkPath;

/* A label belongs in a lane of one of the cards it joins. The middle of
 * the line is, when the cards are in one lane or in lanes next to each
 * other; a line across other lanes (a pain point answered by an
 * opportunity far below) has its label where it enters the lane of the
 * card it points to, between that lane's edge and the card.
 */
static graphene_point_t
link_label_point (WfScene               *self,
                  const LinkPath        *path,
                  const graphene_rect_t *to)
{
  graphene_point_t middle = GRAPHENE_POINT_INIT ((path->a.x + path->b.x) / 2, (path->a.y + path->b.y) / 2);
  int from_index = wf_layout_get_lane_row (self->layout, wf_card_get_lane (wf_link_get_from (path->link)));
  int to_index = wf_layout_get_lane_row (self->layout, wf_card_get_lane (wf_link_get_to (path->link)));
  const WfRow *from_row, *to_row;
  double y;

  if (from_index < 0 || to_index < 0 || path->a.y == path->b.y)
    return middle;

  from_row = wf_layout_get_row (self->layout, from_index);
  to_row = wf_layout_get_row (self->layout, to_index);
  if ((middle.y >= from_row->y && middle.y <= from_row->y + from_row->height) ||
      (middle.y >= to_row->y && middle.y <= to_row->y + to_row->height))
    return middle;

  if (path->b.y > path->a.y)
    y = (to_row->y + to->origin.y) / 2;
  else
    y = (to->origin.y + to->size.height + to_row->y + to_row->height) / 2;

  return GRAPHENE_POINT_INIT (path->a.x + (path->b.x - path->a.x) * (y - path->a.y) / (path->b.y - path->a.y), y);
}

#define LINK_LABEL_SIZE   10.5
#define LINK_LABEL_WIDTH 160.0

/* The pill behind a link's label, centred where the label goes. */
static void
label_pill (const LinkPath  *path,
            int              w,
            int              h,
            graphene_rect_t *pill)
{
  double x = path->label.x - w / 2.0;
  double y = path->label.y - h / 2.0;

  graphene_rect_init (pill, x - 6, y - 2, w + 12, h + 4);
}

/* Labels already placed, by the cells of a grid they meet. */
#define LABEL_CELL_W 128.0
#define LABEL_CELL_H  32.0

static GArray *
label_cell (GHashTable *grid,
            int         column,
            int         row,
            gboolean    create)
{
  gint64 key = ((gint64) column << 32) | (guint32) row;
  GArray *placed = g_hash_table_lookup (grid, &key);

  if (placed == NULL && create)
    {
      placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
      g_hash_table_insert (grid, g_memdup2 (&key, sizeof key), placed);
    }

  return placed;
}

static gboolean
label_overlaps (GHashTable            *grid,
                const graphene_rect_t *rect,
                gboolean               place)
{
  int c0 = floor (rect->origin.x / LABEL_CELL_W), c1 = floor ((rect->origin.x + rect->size.width) / LABEL_CELL_W);
  int r0 = floor (rect->origin.y / LABEL_CELL_H), r1 = floor ((rect->origin.y + rect->size.height) / LABEL_CELL_H);

  for (int c = c0; c <= c1; c++)
    for (int r = r0; r <= r1; r++)
      {
        GArray *placed = label_cell (grid, c, r, place);

        if (place)
          g_array_append_val (placed, *rect);
        else
          for (guint i = 0; placed != NULL && i < placed->len; i++)
            if (graphene_rect_intersection (rect, &g_array_index (placed, graphene_rect_t, i), NULL))
              return TRUE;
      }

  return FALSE;
}

static guint
segment_hash (gconstpointer key)
{
  const LinkPath *path = key;
  float v[4] = { path->a.x, path->a.y, path->b.x, path->b.y };
  guint hash = 17;

  for (guint i = 0; i < 4; i++)
    {
      guint32 bits;

      memcpy (&bits, &v[i], sizeof bits);
      hash = hash * 31 + bits;
    }

  return hash;
}

static gboolean
segment_equal (gconstpointer a,
               gconstpointer b)
{
  const LinkPath *pa = a, *pb = b;

  return graphene_point_equal (&pa->a, &pb->a) && graphene_point_equal (&pa->b, &pb->b);
}

/* Which lines and labels of links are drawn. One line over another
 * adds nothing; one label over another hides it: with a million links,
 * drawing each took minutes and gigabytes for a picture of nothing but
 * labels. So a line is drawn once, and a label only where no other is;
 * the later link's goes first, as it was the one on top. The labels
 * drawn are then no more than fit side by side on the map.
 */
static void
place_link_labels (WfScene *self,
                   GArray  *paths)
{
  g_autoptr(GHashTable) segments = g_hash_table_new (segment_hash, segment_equal);
  g_autoptr(GHashTable) grid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < paths->len; i++)
    {
      LinkPath *path = &g_array_index (paths, LinkPath, i);

      path->line = g_hash_table_add (segments, path);
    }

  for (guint i = paths->len; i-- > 0;)
    {
      LinkPath *path = &g_array_index (paths, LinkPath, i);
      const char *label = wf_link_get_label (path->link);
      g_autoptr(PangoLayout) layout = NULL;
      graphene_rect_t pill;
      int w, h;

      path->labelled = FALSE;
      if (label == NULL || *label == '\0')
        continue;

      /* Where another label covers the middle, this one would overlap
       * it whatever its size: no need to lay it out.
       */
      label_pill (path, 0, 0, &pill);
      graphene_rect_inset (&pill, 5.5, 1.5);
      if (label_overlaps (grid, &pill, FALSE))
        continue;

      layout = wf_scene_make_text (self, label, LINK_LABEL_SIZE, FALSE, LINK_LABEL_WIDTH, 1);
      pango_layout_get_pixel_size (layout, &w, &h);
      label_pill (path, w, h, &pill);
      if (label_overlaps (grid, &pill, FALSE))
        continue;

      label_overlaps (grid, &pill, TRUE);
      path->labelled = TRUE;
    }
}

/* Where each link runs, worked out once per layout. */
static GArray *
get_link_paths (WfScene *self)
{
  if (self->links != NULL)
    return self->links;

  self->links = g_array_new (FALSE, FALSE, sizeof (LinkPath));
  if (wf_map_get_n_links (self->map) == 0)
    return self->links;

  for (guint i = 0; i < wf_map_get_n_links (self->map); i++)
    {
      WfLink *link = wf_map_get_link (self->map, i);
      graphene_rect_t from, to;
      LinkPath path = { link };

      /* Looked up, not searched for: a million links into one crowded
       * cell cost no more than a million links anywhere.
       */
      if (!wf_layout_get_card_bounds (self->layout, wf_link_get_from (link), &from) ||
          !wf_layout_get_card_bounds (self->layout, wf_link_get_to (link), &to))
        continue;

      path.a = GRAPHENE_POINT_INIT (from.origin.x + from.size.width, from.origin.y + from.size.height / 2);
      path.b = GRAPHENE_POINT_INIT (to.origin.x, to.origin.y + to.size.height / 2);
      if (to.origin.x + to.size.width <= from.origin.x)
        {
          path.a.x = from.origin.x;
          path.b.x = to.origin.x + to.size.width;
        }
      else if (to.origin.x < from.origin.x + from.size.width)
        {
          path.a = GRAPHENE_POINT_INIT (from.origin.x + from.size.width / 2,
                                        to.origin.y > from.origin.y ? from.origin.y + from.size.height : from.origin.y);
          path.b = GRAPHENE_POINT_INIT (to.origin.x + to.size.width / 2,
                                        to.origin.y > from.origin.y ? to.origin.y : to.origin.y + to.size.height);
        }
      path.label = link_label_point (self, &path, &to);
      graphene_rect_union (&from, &to, &path.span);
      g_array_append_val (self->links, path);
    }

  place_link_labels (self, self->links);

  return self->links;
}

/* The arrowhead: its sides 10 long, 0.45 rad either side of the line. */
#define HEAD_SIZE  10.0
#define HEAD_ANGLE  0.45

/* In pixels: a line 2 wide at a zoom of 4 %, and of 12.5 %. */
#define LINK_MIN_WIDTH   0.08
#define LINK_FAINT_WIDTH 0.25

/* A link's line and its arrowhead as render nodes rather than cairo.
 * GTK's cairo renderer paints a cairo node by drawing it into a surface
 * of its own, as large as the drawing, and that surface onto the window:
 * the links of a view in one drawing cost three passes over the whole
 * view in each frame. A rectangle turned along the line and a triangle
 * are drawn straight away. The line is the stroke cairo draws with flat
 * ends: a rectangle @width wide from @a to @b.
 */
static void
append_link_line (GtkSnapshot            *snapshot,
                  const graphene_point_t *a,
                  const graphene_point_t *b,
                  double                  width,
                  const GdkRGBA          *color)
{
  double length = graphene_point_distance (a, b, NULL, NULL);
  double depth = HEAD_SIZE * cos (HEAD_ANGLE), half = HEAD_SIZE * sin (HEAD_ANGLE);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, b);
  gtk_snapshot_rotate (snapshot, atan2 (b->y - a->y, b->x - a->x) * 180 / G_PI);
  if (length > 0)
    gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (-length, -width / 2, length, width));

  /* The triangle, its tip at the line's end: the half toward the tip of
   * a square standing on its corner, stretched to the arrowhead's depth
   * and width. In units of (depth, half) the square's corners are
   * (0, 0), (-1, ±1) and (-2, 0).
   */
  gtk_snapshot_scale (snapshot, depth, half);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (-1, -1, 1, 2));
  gtk_snapshot_rotate (snapshot, 135);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (0, 0, G_SQRT2, G_SQRT2));
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);
}

static void
stroke_link_line (cairo_t                *cr,
                  const graphene_point_t *a,
                  const graphene_point_t *b,
                  double                  width,
                  const GdkRGBA          *color)
{
  double angle = atan2 (b->y - a->y, b->x - a->x);

  cairo_set_line_width (cr, width);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, a->x, a->y);
  cairo_line_to (cr, b->x, b->y);
  cairo_stroke (cr);

  cairo_move_to (cr, b->x, b->y);
  cairo_line_to (cr, b->x - HEAD_SIZE * cos (angle - HEAD_ANGLE), b->y - HEAD_SIZE * sin (angle - HEAD_ANGLE));
  cairo_line_to (cr, b->x - HEAD_SIZE * cos (angle + HEAD_ANGLE), b->y - HEAD_SIZE * sin (angle + HEAD_ANGLE));
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The lines of the links that meet @area. Seen closer than
 * WF_SCENE_TEXT_ZOOM, a view holds few of them, each drawn as nodes.
 * Further out a view can hold every link of the map, and a few nodes
 * each cost more than one cairo drawing of them all; that drawing only
 * reaches as far as the lines drawn, not over the whole view. Thinner
 * on the screen than LINK_MIN_WIDTH pixels a line is not seen (a tint
 * of a few percent), but costs as much as any: only a selected link's
 * line is drawn. Up to LINK_FAINT_WIDTH a line is faint, and cairo
 * antialiases it at about three times the cost of a line one pixel
 * wide without antialiasing: so it is drawn that way, in the colour the
 * antialiased line has on the background.
 */
void
wf_scene_draw_link_lines (WfScene               *self,
                          GtkSnapshot           *snapshot,
                          const graphene_rect_t *area,
                          double                 zoom)
{
  GArray *paths = get_link_paths (self);
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean as_nodes = zoom >= WF_SCENE_TEXT_ZOOM;
  double width = self->theme.high_contrast ? 3 : 2;
  graphene_rect_t extents = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  GtkSnapshot *sub;
  cairo_t *cr;

  for (guint i = 0; i < paths->len; i++)
    {
      const LinkPath *path = &g_array_index (paths, LinkPath, i);
      gboolean selected = path->link == self->selected_link;

      if ((!path->line && !selected) || !graphene_rect_intersection (&path->span, area, NULL))
        continue;
      if (!selected && width * zoom < LINK_MIN_WIDTH)
        continue;

      if (as_nodes)
        {
          append_link_line (snapshot, &path->a, &path->b, selected ? width + 2 : width,
                            selected ? &self->theme.accent : &self->theme.dim);
          continue;
        }

      {
        graphene_rect_t line;

        /* The line's ends, and as far as its arrowhead and its width reach. */
        graphene_rect_init (&line, MIN (path->a.x, path->b.x), MIN (path->a.y, path->b.y),
                            fabs (path->b.x - path->a.x), fabs (path->b.y - path->a.y));
        graphene_rect_inset (&line, -HEAD_SIZE - width, -HEAD_SIZE - width);
        if (drawn->len == 0)
          extents = line;
        else
          graphene_rect_union (&extents, &line, &extents);
      }
      g_array_append_val (drawn, i);
    }

  if (drawn->len == 0 || !graphene_rect_intersection (&extents, area, &extents))
    return;

  cr = wf_scene_begin_cairo (self, &sub, &extents);
  for (guint k = 0; k < drawn->len; k++)
    {
      const LinkPath *path = &g_array_index (paths, LinkPath, g_array_index (drawn, guint, k));
      gboolean selected = path->link == self->selected_link;
      double w = selected ? width + 2 : width;
      GdkRGBA color = selected ? self->theme.accent : self->theme.dim;

      if (w * zoom < LINK_FAINT_WIDTH)
        {
          const GdkRGBA *bg = &self->theme.background;
          double cover = w * zoom;

          color.red = bg->red + (color.red - bg->red) * cover;
          color.green = bg->green + (color.green - bg->green) * cover;
          color.blue = bg->blue + (color.blue - bg->blue) * cover;
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
          w = 1 / zoom;
        }
      else
        cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
      stroke_link_line (cr, &path->a, &path->b, w, &color);
    }
  wf_scene_end_cairo (snapshot, sub, cr);
}

/* The labels, over the lines and the cards. */
void
wf_scene_draw_link_labels (WfScene               *self,
                           GtkSnapshot           *snapshot,
                           const graphene_rect_t *area)
{
  GArray *paths = get_link_paths (self);

  for (guint i = 0; i < paths->len; i++)
    {
      const LinkPath *path = &g_array_index (paths, LinkPath, i);
      const char *label = wf_link_get_label (path->link);
      g_autoptr(PangoLayout) layout = NULL;
      GskRoundedRect pill;
      graphene_rect_t bounds;
      int w, h;

      if (label == NULL || *label == '\0' || (!path->labelled && path->link != self->selected_link) ||
          !graphene_rect_intersection (&path->span, area, NULL))
        continue;

      layout = wf_scene_make_text (self, label, LINK_LABEL_SIZE, FALSE, LINK_LABEL_WIDTH, 1);
      pango_layout_get_pixel_size (layout, &w, &h);
      label_pill (path, w, h, &bounds);
      gsk_rounded_rect_init_from_rect (&pill, &bounds, (h + 4) / 2.0);
      wf_scene_fill_rounded (snapshot, &pill, &self->theme.background);
      {
        float widths[4] = { 1, 1, 1, 1 };
        const GdkRGBA *c = path->link == self->selected_link ? &self->theme.accent : &self->theme.dim;
        GdkRGBA colors[4] = { *c, *c, *c, *c };

        gtk_snapshot_append_border (snapshot, &pill, widths, colors);
      }
      wf_scene_place_layout (snapshot, layout, bounds.origin.x + 6, bounds.origin.y + 2, &self->theme.text);
    }
}

/**
 * wf_scene_set_selected_link:
 * @link: (nullable): the link to draw as selected
 */
void
wf_scene_set_selected_link (WfScene *self,
                            WfLink  *link)
{
  self->selected_link = link;
}

static double
distance_to_segment (const graphene_point_t *p,
                     const graphene_point_t *a,
                     const graphene_point_t *b)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((p->x - a->x) * dx + (p->y - a->y) * dy) / length2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (p->x - (a->x + t * dx), p->y - (a->y + t * dy));
}

/**
 * wf_scene_link_at:
 * @x: a point of the map
 * @y: its y
 * @tolerance: how far from the line a point may be, in map units
 *
 * Returns: (nullable) (transfer none): the link drawn nearest the point,
 *   within @tolerance
 */
WfLink *
wf_scene_link_at (WfScene *self,
                  double   x,
                  double   y,
                  double   tolerance)
{
  GArray *paths = get_link_paths (self);
  graphene_point_t p = GRAPHENE_POINT_INIT (x, y);
  WfLink *nearest = NULL;
  double best = tolerance;

  for (guint i = 0; i < paths->len; i++)
    {
      const LinkPath *path = &g_array_index (paths, LinkPath, i);
      double d = distance_to_segment (&p, &path->a, &path->b);

      if (d <= best)
        {
          best = d;
          nearest = path->link;
        }
    }

  return nearest;
}

/**
 * wf_scene_get_link_middle:
 * @point: (out): where @link's label is, on its line
 *
 * Returns: whether @link is drawn
 */
gboolean
wf_scene_get_link_middle (WfScene          *self,
                          WfLink           *link,
                          graphene_point_t *point)
{
  GArray *paths = get_link_paths (self);

  for (guint i = 0; i < paths->len; i++)
    {
      const LinkPath *path = &g_array_index (paths, LinkPath, i);

      if (path->link == link)
        {
          *point = path->label;
          return TRUE;
        }
    }

  return FALSE;
}
