/* wf-image.c — a picture: a persona's photo, a card's image
 *
 * An immutable value (docs/pictures.md): the file's bytes as they came,
 * its type and size, which storage checked before making it, and what
 * belongs to its use: the alt text and the focal point. A change makes a
 * new value, so that an undo step can keep the old one.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wf-image.h"

struct _WfImage
{
  gatomicrefcount  ref_count;
  char            *mime_type;
  GBytes          *bytes;
  guint            width;
  guint            height;
  char            *alt;
  double           focus_x;
  double           focus_y;
  char            *hash;      /* computed when first asked for */
};

G_DEFINE_BOXED_TYPE (WfImage, wf_image, wf_image_ref, wf_image_unref)

/**
 * wf_image_new:
 * @mime_type: %WF_IMAGE_PNG or %WF_IMAGE_JPEG
 * @bytes: the file's bytes, checked by wf_picture_check()
 * @width: its width in pixels, as the check found it
 * @height: its height
 * @alt: (nullable): the text that stands for it; %NULL is empty
 * @focus_x: the focal point, a fraction of the width from the left
 * @focus_y: a fraction of the height from the top
 *
 * Returns: (transfer full): the picture
 */
WfImage *
wf_image_new (const char *mime_type,
              GBytes     *bytes,
              guint       width,
              guint       height,
              const char *alt,
              double      focus_x,
              double      focus_y)
{
  WfImage *self;

  g_return_val_if_fail (g_strcmp0 (mime_type, WF_IMAGE_PNG) == 0 ||
                        g_strcmp0 (mime_type, WF_IMAGE_JPEG) == 0, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (focus_x >= 0 && focus_x <= 1 && focus_y >= 0 && focus_y <= 1, NULL);

  self = g_new0 (WfImage, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->mime_type = g_strdup (mime_type);
  self->bytes = g_bytes_ref (bytes);
  self->width = width;
  self->height = height;
  self->alt = g_strdup (alt ? alt : "");
  self->focus_x = focus_x;
  self->focus_y = focus_y;

  return self;
}

WfImage *
wf_image_ref (WfImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
wf_image_unref (WfImage *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->mime_type);
  g_bytes_unref (self->bytes);
  g_free (self->alt);
  g_free (self->hash);
  g_free (self);
}

const char *
wf_image_get_mime_type (WfImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->mime_type;
}

/**
 * wf_image_get_bytes:
 *
 * Returns: (transfer none): the file's bytes
 */
GBytes *
wf_image_get_bytes (WfImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->bytes;
}

guint
wf_image_get_width (WfImage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->width;
}

guint
wf_image_get_height (WfImage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->height;
}

const char *
wf_image_get_alt (WfImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->alt;
}

void
wf_image_get_focus (WfImage *self,
                    double  *x,
                    double  *y)
{
  g_return_if_fail (self != NULL);

  if (x != NULL)
    *x = self->focus_x;
  if (y != NULL)
    *y = self->focus_y;
}

/**
 * wf_image_has_focus:
 *
 * Returns: whether the focal point is another than the centre
 */
gboolean
wf_image_has_focus (WfImage *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->focus_x != 0.5 || self->focus_y != 0.5;
}

/**
 * wf_image_get_hash:
 *
 * Returns: the SHA-256 of the bytes in lower-case hex: the picture's key
 *   in SQLite's `images` table
 */
const char *
wf_image_get_hash (WfImage *self)
{
  char *hash;

  g_return_val_if_fail (self != NULL, NULL);

  if ((hash = g_atomic_pointer_get (&self->hash)) != NULL)
    return hash;

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->bytes);
  if (!g_atomic_pointer_compare_and_exchange (&self->hash, NULL, hash))
    g_free (hash);

  return g_atomic_pointer_get (&self->hash);
}

static WfImage *
copy_with (WfImage    *self,
           const char *alt,
           double      x,
           double      y)
{
  WfImage *copy = wf_image_new (self->mime_type, self->bytes, self->width, self->height,
                                alt, x, y);
  const char *hash = g_atomic_pointer_get (&self->hash);

  copy->hash = g_strdup (hash);

  return copy;
}

/**
 * wf_image_with_alt:
 * @alt: (nullable): the new alt text
 *
 * Returns: (transfer full): a picture like @self with @alt
 */
WfImage *
wf_image_with_alt (WfImage    *self,
                   const char *alt)
{
  g_return_val_if_fail (self != NULL, NULL);

  return copy_with (self, alt, self->focus_x, self->focus_y);
}

/**
 * wf_image_with_focus:
 *
 * Returns: (transfer full): a picture like @self with another focal point
 */
WfImage *
wf_image_with_focus (WfImage *self,
                     double   x,
                     double   y)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (x >= 0 && x <= 1 && y >= 0 && y <= 1, NULL);

  return copy_with (self, self->alt, x, y);
}

/**
 * wf_image_equal:
 * @a: (nullable): a picture
 * @b: (nullable): another
 *
 * Returns: whether @a and @b are the same picture with the same alt text
 *   and focal point, or both %NULL
 */
gboolean
wf_image_equal (WfImage *a,
                WfImage *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return strcmp (a->mime_type, b->mime_type) == 0 &&
         strcmp (a->alt, b->alt) == 0 &&
         a->focus_x == b->focus_x && a->focus_y == b->focus_y &&
         a->width == b->width && a->height == b->height &&
         (a->bytes == b->bytes || g_bytes_equal (a->bytes, b->bytes));
}
