/* wf-scene-pictures.c — pictures in a map's drawing: photos and card images
 *
 * A picture is decoded once per scene and per picture (its hash), and
 * kept in sizes from WF_PICTURE_CACHE_SMALLEST to
 * WF_SCENE_THUMBNAIL_PIXELS on its short side, within a budget
 * (wf-picture-cache.c), which every drawing of it shares: a persona's
 * photo in its band, a card's thumbnail. Where the drawing is pixels
 * (wf_scene_set_pixel_scale()), a thumbnail is drawn from the smallest
 * size as large as it shows; else from the largest. The picture whole
 * stays only for the larger view of the focused card, one at a time. A
 * picture the checker passed but the decoder refuses is drawn as a
 * placeholder, a neutral box with the shape of an image icon, and not
 * decoded again; one being decoded in a thread (the canvas's), as the
 * box alone.
 *
 * Pictures are texture nodes: the canvas shows them, and an export draws
 * them with cairo as images, so a PDF embeds each as an image rather
 * than a page of pixels.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "wf-scene-private.h"

/*
 * wf_scene_get_picture:
 *
 * Returns: (transfer none) (nullable): @image decoded, at most
 *   WF_SCENE_THUMBNAIL_PIXELS on its short side, or %NULL if it does
 *   not decode; decoded now if it was not
 */
GdkTexture *
wf_scene_get_picture (WfScene *self,
                      WfImage *image)
{
  return wf_picture_cache_get (self->pictures, image);
}

static void
decode_whole_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_bytes (task_data, &error);

  if (texture == NULL)
    g_debug ("A picture does not decode: %s", error->message);
  g_task_return_pointer (task, texture, texture != NULL ? g_object_unref : NULL);
}

static void
on_whole_decoded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = G_TASK (result);
  WfScene *self = user_data;
  GdkTexture *texture;

  /* The scene is gone: nothing of it may be touched. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  texture = g_task_propagate_pointer (task, NULL);
  /* Another card took the focus meanwhile. */
  if (g_strcmp0 (g_object_get_data (G_OBJECT (task), "hash"), self->whole_hash) != 0 || self->whole != NULL)
    {
      g_clear_object (&texture);
      return;
    }

  self->whole = texture;
  if (self->ready != NULL)
    self->ready (self->ready_data);
}

/* @image whole, for the larger view: the last one asked for is kept. On
 * the canvas it decodes in a thread, and the largest size kept stands
 * for it meanwhile; %NULL, with @pending, while even that one decodes.
 */
static GdkTexture *
get_whole_picture (WfScene  *self,
                   WfImage  *image,
                   gboolean *pending)
{
  GdkTexture *small = NULL;

  *pending = FALSE;
  if (self->ready == NULL)
    small = wf_scene_get_picture (self, image);
  else if (wf_picture_cache_lookup (self->pictures, image, 0, &small) == WF_PICTURE_PENDING)
    {
      *pending = TRUE;
      return NULL;
    }

  if (small == NULL || (gdk_texture_get_width (small) == (int) wf_image_get_width (image) &&
                        gdk_texture_get_height (small) == (int) wf_image_get_height (image)))
    return small;

  if (g_strcmp0 (self->whole_hash, wf_image_get_hash (image)) != 0)
    {
      g_clear_object (&self->whole);
      g_free (self->whole_hash);
      self->whole_hash = g_strdup (wf_image_get_hash (image));
      if (self->ready == NULL)
        self->whole = wf_picture_cache_decode (image);
      else
        {
          g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_whole_decoded, self);

          g_object_set_data_full (G_OBJECT (task), "hash", g_strdup (self->whole_hash), g_free);
          g_task_set_task_data (task, g_bytes_ref (wf_image_get_bytes (image)), (GDestroyNotify) g_bytes_unref);
          g_task_set_source_tag (task, get_whole_picture);
          g_task_run_in_thread (task, decode_whole_thread);
        }
    }

  return self->whole != NULL ? self->whole : small;
}

/* A picture being decoded in a thread: the neutral box alone, which
 * the picture replaces in a moment.
 */
static void
draw_pending (WfScene               *self,
              GtkSnapshot           *snapshot,
              const graphene_rect_t *bounds)
{
  GdkRGBA box = self->theme.dim;

  box.alpha = self->theme.high_contrast ? 0 : 0.2;
  gtk_snapshot_append_color (snapshot, &box, bounds);
}

/* A picture that would not decode: a neutral box with a frame, a sun
 * and a hill, the shape of an image icon, so that it reads as "a
 * picture is here" rather than as a gap.
 */
static void
draw_placeholder (WfScene               *self,
                  GtkSnapshot           *snapshot,
                  const graphene_rect_t *bounds)
{
  double side = MIN (bounds->size.width, bounds->size.height);
  double unit = side / 8;
  GdkRGBA box = self->theme.dim, ink = self->theme.dim;
  graphene_rect_t icon;
  GskRoundedRect frame, sun;
  float widths[4] = { unit / 2, unit / 2, unit / 2, unit / 2 };
  GdkRGBA colors[4] = { ink, ink, ink, ink };

  box.alpha = self->theme.high_contrast ? 0 : 0.2;
  gtk_snapshot_append_color (snapshot, &box, bounds);

  icon = GRAPHENE_RECT_INIT (bounds->origin.x + (bounds->size.width - 5 * unit) / 2,
                             bounds->origin.y + (bounds->size.height - 4 * unit) / 2, 5 * unit, 4 * unit);
  gsk_rounded_rect_init_from_rect (&frame, &icon, unit / 2);
  gtk_snapshot_append_border (snapshot, &frame, widths, colors);

  gsk_rounded_rect_init_from_rect (&sun, &GRAPHENE_RECT_INIT (icon.origin.x + 3.2 * unit, icon.origin.y + 0.9 * unit,
                                                              unit, unit), unit / 2);
  wf_scene_fill_rounded (snapshot, &sun, &ink);

  /* The hill: a square turned on its corner, its lower half cut off by
   * the frame's bottom.
   */
  gtk_snapshot_push_clip (snapshot, &icon);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (icon.origin.x + 1.8 * unit, icon.origin.y + 4 * unit));
  gtk_snapshot_rotate (snapshot, 45);
  gtk_snapshot_append_color (snapshot, &ink, &GRAPHENE_RECT_INIT (-1.4 * unit, -1.4 * unit, 2.8 * unit, 2.8 * unit));
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

/*
 * wf_scene_picture_rect:
 * @image: a picture
 * @bounds: the box to fill
 * @rect: (out): where the whole picture goes
 *
 * The picture scaled to cover @bounds, shifted so that its focal point
 * is as near the middle of @bounds as the picture's edges allow: what
 * shows of it, clipped to @bounds, is cropped around the focal point.
 */
void
wf_scene_picture_rect (WfImage               *image,
                       const graphene_rect_t *bounds,
                       graphene_rect_t       *rect)
{
  double fx, fy;

  wf_image_get_focus (image, &fx, &fy);
  wf_scene_cover_rect (wf_image_get_width (image), wf_image_get_height (image), fx, fy, bounds, rect);
}

/**
 * wf_scene_cover_rect:
 * @picture_width: the picture's size, in any unit
 * @picture_height: the picture's size, in any unit
 * @focus_x: its focal point, 0 to 1 across
 * @focus_y: its focal point, 0 to 1 down
 * @bounds: the area to cover
 * @rect: (out): where the whole picture goes
 *
 * Where a picture is drawn so that it covers @bounds with its focal
 * point as near the middle as the picture allows: the crop of the map's
 * thumbnails and of the picture editor's preview.
 */
void
wf_scene_cover_rect (double                 picture_width,
                     double                 picture_height,
                     double                 focus_x,
                     double                 focus_y,
                     const graphene_rect_t *bounds,
                     graphene_rect_t       *rect)
{
  double w = MAX (1, picture_width), h = MAX (1, picture_height);
  double scale = MAX (bounds->size.width / w, bounds->size.height / h);
  double dw = w * scale, dh = h * scale;
  double x = CLAMP (bounds->size.width / 2 - focus_x * dw, bounds->size.width - dw, 0);
  double y = CLAMP (bounds->size.height / 2 - focus_y * dh, bounds->size.height - dh, 0);

  *rect = GRAPHENE_RECT_INIT (bounds->origin.x + x, bounds->origin.y + y, dw, dh);
}

/*
 * wf_scene_draw_picture:
 * @bounds: where, in map units
 * @radius: of its corners; half the side for a circle
 * @crop: whether to fill @bounds, cropped around the focal point (a
 *   thumbnail, at most WF_SCENE_THUMBNAIL_PIXELS / 4 units on its short
 *   side to be sharp), or to show the whole picture, as large as fits in
 *   @bounds
 *
 * Draws @image, or a placeholder where it does not decode.
 */
void
wf_scene_draw_picture (WfScene               *self,
                       GtkSnapshot           *snapshot,
                       WfImage               *image,
                       const graphene_rect_t *bounds,
                       double                 radius,
                       gboolean               crop)
{
  WfPictureState state = WF_PICTURE_READY;
  GdkTexture *texture = NULL;
  graphene_rect_t box = *bounds, rect;
  GskRoundedRect shape;

  /* A thumbnail from the size kept that is as large as it shows. */
  if (crop)
    {
      wf_scene_picture_rect (image, bounds, &rect);
      state = wf_picture_cache_lookup (self->pictures, image,
                                       MIN (rect.size.width, rect.size.height) * self->zoom * self->pixel_scale,
                                       &texture);
    }
  else
    {
      gboolean pending;

      texture = get_whole_picture (self, image, &pending);
      state = pending ? WF_PICTURE_PENDING : WF_PICTURE_READY;
    }

  if (!crop)
    {
      double w = MAX (1, wf_image_get_width (image)), h = MAX (1, wf_image_get_height (image));
      double scale = MIN (bounds->size.width / w, bounds->size.height / h);

      box = GRAPHENE_RECT_INIT (bounds->origin.x + (bounds->size.width - w * scale) / 2,
                                bounds->origin.y + (bounds->size.height - h * scale) / 2, w * scale, h * scale);
    }

  gsk_rounded_rect_init_from_rect (&shape, &box, MIN (radius, MIN (box.size.width, box.size.height) / 2));
  gtk_snapshot_push_rounded_clip (snapshot, &shape);
  if (state == WF_PICTURE_PENDING)
    draw_pending (self, snapshot, &box);
  else if (texture == NULL)
    draw_placeholder (self, snapshot, &box);
  else
    {
      wf_scene_picture_rect (image, &box, &rect);
      gtk_snapshot_append_texture (snapshot, texture, &rect);
    }
  gtk_snapshot_pop (snapshot);
}

/* The larger view of the focused card's image, beside the card: on
 * screen, as large as PREVIEW_PIXELS whatever the zoom (more in the
 * projector's style), never smaller than the card.
 */
#define PREVIEW_PIXELS           220.0
#define PREVIEW_PIXELS_PROJECTOR 360.0

void
wf_scene_draw_card_preview (WfScene               *self,
                            GtkSnapshot           *snapshot,
                            WfCard                *card,
                            const graphene_rect_t *card_bounds,
                            double                 zoom)
{
  WfImage *image = wf_card_get_image (card);
  double pixels = self->theme_kind == WF_THEME_PROJECTOR ? PREVIEW_PIXELS_PROJECTOR : PREVIEW_PIXELS;
  double side = MAX (pixels / MAX (zoom, 0.01), WF_LAYOUT_CARD_WIDTH);
  double w, h, scale, x, y;
  double gap = 6 / MAX (zoom, 0.01), line = MAX (self->theme.line, 1 / MAX (zoom, 0.01));
  graphene_rect_t frame;
  GskRoundedRect shape;
  float widths[4] = { line, line, line, line };
  GdkRGBA border = self->theme.high_contrast ? self->theme.text : self->theme.accent;
  GdkRGBA colors[4] = { border, border, border, border };

  if (image == NULL)
    return;

  w = MAX (1, wf_image_get_width (image));
  h = MAX (1, wf_image_get_height (image));
  scale = side / MAX (w, h);
  w *= scale;
  h *= scale;

  /* Inside the card's phase where it fits, so that a workshop's
   * spotlight on the phase shows it: to the right of the card, to its
   * left, or under it; else to the right, or left where the map ends.
   */
  {
    int index = wf_map_get_phase_index (self->map, wf_card_get_phase (card));
    double px = 0, pw = wf_layout_get_width (self->layout);
    double right = card_bounds->origin.x + card_bounds->size.width + gap;
    double left = card_bounds->origin.x - gap - w;

    if (index >= 0)
      wf_layout_get_phase_bounds (self->layout, index, &px, &pw);

    y = card_bounds->origin.y;
    if (right + w <= px + pw)
      x = right;
    else if (left >= px)
      x = left;
    else if (w <= pw)
      {
        x = CLAMP (card_bounds->origin.x, px, px + pw - w);
        y = card_bounds->origin.y + card_bounds->size.height + gap;
      }
    else if (right + w <= wf_layout_get_width (self->layout) || left < 0)
      x = right;
    else
      x = left;
  }

  frame = GRAPHENE_RECT_INIT (x, y, w, h);
  gtk_snapshot_append_color (snapshot, &self->theme.background,
                             &GRAPHENE_RECT_INIT (x - line, y - line, w + 2 * line, h + 2 * line));
  wf_scene_draw_picture (self, snapshot, image, &frame, 0, FALSE);
  gsk_rounded_rect_init_from_rect (&shape, &GRAPHENE_RECT_INIT (x - line, y - line, w + 2 * line, h + 2 * line), 0);
  gtk_snapshot_append_border (snapshot, &shape, widths, colors);
}
