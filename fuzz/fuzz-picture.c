/* fuzz-picture.c — libFuzzer target for the picture checker
 *
 * The first byte of the input says how to read the rest: bit 0, the
 * declared type (PNG or JPEG); bit 1, whether the rest is base64 text to
 * decode first, as a .journey file holds it. The checker must answer
 * without a crash, a leak, undefined behaviour, or a GLib warning or
 * critical, and without reading past the bytes (AddressSanitizer); what
 * it accepts must be within the limits, and what the base64 decoder
 * accepts must encode back to the same text. A picture it accepts goes
 * into a persona and through the team library's member writer and
 * reader, and comes back equal (docs/pictures.md).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wf-fuzz.h"

#include "storage/wf-journey-member.h"
#include "storage/wf-picture.h"

static void
round_trip (WfImage *image)
{
  g_autoptr(WfPersona) persona = wf_persona_new ("p1", "Eva");
  g_autoptr(WfPersona) copy = wf_persona_new ("p1", "Eva");
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  wf_persona_set_photo (persona, image);
  json = wf_journey_member_write (WF_ITEM (persona), "photo");
  if (!wf_journey_member_read (WF_ITEM (copy), "photo", json, &error) ||
      !wf_image_equal (wf_persona_get_photo (copy), image))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfImage) image = NULL;
  const char *type;
  guint width = 0, height = 0;

  if (size < 1)
    return 0;

  type = (data[0] & 1) ? WF_IMAGE_JPEG : WF_IMAGE_PNG;

  if (data[0] & 2)
    {
      g_autofree char *text = g_strndup ((const char *) data + 1, size - 1);

      if (strlen (text) != size - 1)
        return 0;

      if (!(bytes = wf_picture_decode_base64 (text, size - 1, &error)))
        {
          if (error == NULL)
            abort ();
          return 0;
        }

      {
        g_autofree char *again = g_base64_encode (g_bytes_get_data (bytes, NULL),
                                                  g_bytes_get_size (bytes));

        if (strcmp (again, text) != 0)
          abort ();
      }
    }
  else
    bytes = g_bytes_new (data + 1, size - 1);

  if (!wf_picture_check (type, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                         &width, &height, &error))
    {
      if (error == NULL || error->domain != WF_PICTURE_ERROR)
        abort ();
      return 0;
    }

  if (width == 0 || height == 0 || width > WF_PICTURE_MAX_SIDE || height > WF_PICTURE_MAX_SIDE ||
      (guint64) width * height > WF_PICTURE_MAX_PIXELS)
    abort ();

  if (!(image = wf_picture_new_image (type, bytes, "alt", 0.25, 1, &error)))
    abort ();

  round_trip (image);

  return 0;
}
