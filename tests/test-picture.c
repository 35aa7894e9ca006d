/* test-picture.c — pictures: the checker, and photos and images in .journey files
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "storage/wf-journey.h"
#include "storage/wf-journey-member.h"
#include "storage/wf-picture.h"
#include "test-util.h"

static char *
read_text (const char *name)
{
  g_autoptr(GBytes) bytes = wf_test_read_data (name);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
assert_refused (const char *type,
                GBytes     *bytes,
                int         code,
                const char *pattern)
{
  g_autoptr(GError) error = NULL;
  guint width = 0, height = 0;

  g_assert_false (wf_picture_check (type, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    &width, &height, &error));
  g_assert_error (error, WF_PICTURE_ERROR, code);
  if (!g_pattern_match_simple (pattern, error->message))
    g_error ("“%s” does not match “%s”", error->message, pattern);
}

/* PNG and JPEG pass with their sizes; everything else is refused, and
 * says why. */
static void
test_check (void)
{
  g_autoptr(GBytes) png = wf_test_read_data ("pictures/small.png");
  g_autoptr(GBytes) jpeg = wf_test_read_data ("pictures/small.jpg");
  g_autoptr(GError) error = NULL;
  guint width, height;

  g_assert_true (wf_picture_check (WF_IMAGE_PNG, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                   &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 4);
  g_assert_cmpuint (height, ==, 3);

  g_assert_true (wf_picture_check (WF_IMAGE_JPEG, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                                   &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 16);
  g_assert_cmpuint (height, ==, 8);

  assert_refused ("image/gif", png, WF_PICTURE_ERROR_TYPE, "“image/gif” is not a type of picture*");
  assert_refused (WF_IMAGE_JPEG, png, WF_PICTURE_ERROR_WRONG_TYPE,
                  "The picture is a PNG image, but is declared as image/jpeg");
  assert_refused (WF_IMAGE_PNG, jpeg, WF_PICTURE_ERROR_WRONG_TYPE,
                  "The picture is a JPEG image, but is declared as image/png");

  {
    g_autoptr(GBytes) text = g_bytes_new_static ("GIF89a, or a letter", 19);
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

    assert_refused (WF_IMAGE_PNG, text, WF_PICTURE_ERROR_NOT_IMAGE, "The data is not a PNG or JPEG picture");
    assert_refused (WF_IMAGE_PNG, empty, WF_PICTURE_ERROR_NOT_IMAGE, "*not a PNG or JPEG*");
  }

  /* Cut anywhere, neither is whole. */
  for (gsize len = 3; len < g_bytes_get_size (png); len++)
    {
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (png, 0, len);

      assert_refused (WF_IMAGE_PNG, cut, len < 8 ? WF_PICTURE_ERROR_NOT_IMAGE : WF_PICTURE_ERROR_DAMAGED,
                      "*");
    }
  for (gsize len = 3; len < g_bytes_get_size (jpeg) - 1; len++)
    {
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (jpeg, 0, len);

      assert_refused (WF_IMAGE_JPEG, cut, WF_PICTURE_ERROR_DAMAGED, "The picture is damaged or cut off");
    }

  /* One byte changed inside a PNG chunk: its CRC finds it. */
  {
    g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    g_autoptr(GBytes) changed = NULL;

    copy[g_bytes_get_size (png) - 20] ^= 0x40;
    changed = g_bytes_new (copy, g_bytes_get_size (png));
    assert_refused (WF_IMAGE_PNG, changed, WF_PICTURE_ERROR_DAMAGED, "*");
  }
}

/* A header claiming 60,000 × 60,000 pixels is refused from the header,
 * before any pixel (issue #17). */
static void
test_bomb (void)
{
  g_autoptr(GBytes) png = wf_test_read_data ("pictures/bomb.png");
  g_autoptr(GBytes) jpeg = wf_test_read_data ("pictures/bomb.jpg");
  const char *message = "The picture is 60000 × 60000 pixels; Wayfinder reads pictures of at most 8192 "
                        "pixels a side and 32 megapixels";

  assert_refused (WF_IMAGE_PNG, png, WF_PICTURE_ERROR_TOO_LARGE, message);
  assert_refused (WF_IMAGE_JPEG, jpeg, WF_PICTURE_ERROR_TOO_LARGE, message);

  /* The header alone is enough: the rest need not even be there. */
  {
    g_autoptr(GBytes) header = g_bytes_new_from_bytes (png, 0, 8 + 8 + 13 + 4);

    assert_refused (WF_IMAGE_PNG, header, WF_PICTURE_ERROR_TOO_LARGE, message);
  }
}

static void
assert_base64_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = wf_picture_decode_base64 (text, strlen (text), &error);

  g_assert_null (bytes);
  g_assert_error (error, WF_PICTURE_ERROR, WF_PICTURE_ERROR_BASE64);
  g_assert_cmpstr (error->message, ==, "The picture’s data is not base64");
}

/* Base64 is read strictly, so that it writes back as it was. */
static void
test_base64 (void)
{
  const char *good[] = { "", "QQ==", "QUI=", "QUJD", "iVBORw0KGgo=" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = wf_picture_decode_base64 (good[i], strlen (good[i]), &error);
      g_autofree char *again = NULL;

      g_assert_no_error (error);
      again = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_assert_cmpstr (again, ==, good[i]);
    }

  assert_base64_refused ("QQ");          /* no padding */
  assert_base64_refused ("QR==");        /* bits left over */
  assert_base64_refused ("QUJ=");
  assert_base64_refused ("QU JD");       /* white space */
  assert_base64_refused ("QUJD\n");
  assert_base64_refused ("Q===");
  assert_base64_refused ("QQ==QUJD");    /* padding inside */
  assert_base64_refused ("QUJ-");        /* the URL alphabet */
  assert_base64_refused ("not base64!");
}

static WfDocument *
load_with_warnings (const char  *text,
                    GPtrArray  **warnings)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  WfDocument *document;

  document = wf_journey_load_bytes (bytes, warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

/* Photos and images come back byte for byte, and as the file says. */
static void
test_journey_round_trip (void)
{
  g_autoptr(GBytes) original = wf_test_read_data ("pictures.journey");
  g_autoptr(GBytes) png = wf_test_read_data ("pictures/small.png");
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfDocument) document = wf_journey_load_bytes (original, &warnings, &error);
  g_autoptr(GBytes) saved = NULL;
  WfImage *photo, *image, *same;
  double x, y;

  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  saved = wf_journey_to_bytes (document);
  if (!g_bytes_equal (saved, original))
    {
      g_autofree char *a = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
      g_autofree char *b = g_strndup (g_bytes_get_data (original, NULL), g_bytes_get_size (original));

      wf_test_assert_same_text (b, a);
    }

  photo = wf_persona_get_photo (WF_PERSONA (wf_document_lookup (document, "anna")));
  g_assert_nonnull (photo);
  g_assert_cmpstr (wf_image_get_mime_type (photo), ==, WF_IMAGE_PNG);
  g_assert_true (g_bytes_equal (wf_image_get_bytes (photo), png));
  g_assert_cmpuint (wf_image_get_width (photo), ==, 4);
  g_assert_cmpuint (wf_image_get_height (photo), ==, 3);
  g_assert_cmpstr (wf_image_get_alt (photo), ==, "Anna at her kitchen table");
  wf_image_get_focus (photo, &x, &y);
  g_assert_cmpfloat (x, ==, 0.5);
  g_assert_cmpfloat (y, ==, 0.25);
  g_assert_null (wf_persona_get_photo (WF_PERSONA (wf_document_lookup (document, "bo"))));

  image = wf_card_get_image (WF_CARD (wf_document_lookup (document, "cd0")));
  g_assert_cmpstr (wf_image_get_mime_type (image), ==, WF_IMAGE_JPEG);
  g_assert_cmpuint (wf_image_get_width (image), ==, 16);
  g_assert_false (wf_image_has_focus (image));
  same = wf_card_get_image (WF_CARD (wf_document_lookup (document, "cd1")));
  g_assert_cmpstr (wf_image_get_hash (same), ==, wf_image_get_hash (photo));
  /* The same picture again in the file is decoded once: the bytes are
   * shared; its alt text and focal point are its own (issue #17, stage 6).
   */
  g_assert_true (wf_image_get_bytes (same) == wf_image_get_bytes (photo));
  g_assert_cmpstr (wf_image_get_alt (same), ==, "");
  wf_image_get_focus (same, &x, &y);
  g_assert_cmpfloat (x, ==, 0);
  g_assert_cmpfloat (y, ==, 1);
  g_assert_null (wf_card_get_image (WF_CARD (wf_document_lookup (document, "cd2"))));
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

/* A bad picture is left out with a warning that says where and why; the
 * rest of the document opens (issue #17). */
static void
test_journey_bad (void)
{
  g_autofree char *good = read_text ("pictures.journey");
  g_autoptr(GBytes) bomb = wf_test_read_data ("pictures/bomb.png");
  g_autoptr(GBytes) jpeg = wf_test_read_data ("pictures/small.jpg");
  g_autofree char *bomb64 = g_base64_encode (g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));
  g_autofree char *jpeg64 = g_base64_encode (g_bytes_get_data (jpeg, NULL), 200);
  g_autoptr(GBytes) png = wf_test_read_data ("pictures/small.png");
  g_autofree char *png64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_autofree char *png_start = g_strndup (png64, 40);
  struct {
    const char *from;   /* in pictures.journey… */
    const char *to;     /* …becomes */
    const char *where;
    const char *message;
  } cases[] = {
    { png_start, "not base64!", "$.personas[0].photo", "The picture’s data is not base64" },
    { "\"type\": \"image/png\"", "\"type\": \"image/jpeg\"", "$.personas[0].photo",
      "The picture is a PNG image, but is declared as image/jpeg" },
    { "\"type\": \"image/png\"", "\"type\": \"image/svg+xml\"", "$.personas[0].photo",
      "“image/svg+xml” is not a type of picture Wayfinder reads: only image/png and image/jpeg" },
    { png64, "R0lGODlhAQABAAAAACw=", "$.personas[0].photo", "The data is not a PNG or JPEG picture" },
    { "\"alt\": \"Anna at her kitchen table\"", "\"alt\": 3", "$.personas[0].photo.alt",
      "Expected a text, found a number" },
    { "\"y\": 0.25", "\"y\": 1.25", "$.personas[0].photo.focus.y",
      "The focal point 1.25 is out of range: it must be from 0 to 1" },
    { "\"alt\": \"Anna at her kitchen table\"", "\"alt\": \"\", \"url\": \"x\"", "$.personas[0].photo.url",
      "“url” is not a member of a picture; expected type, data, alt or focus" },
    /* A revision's form, by hash, is not a file's. */
    { "\"alt\": \"Anna at her kitchen table\"", "\"alt\": \"\", \"sha256\": \"ab\"",
      "$.personas[0].photo.sha256",
      "“sha256” is not a member of a picture; expected type, data, alt or focus" },
    { "\"alt\": \"The shop counter\"", "\"focus\": {\"x\": 0, \"y\": 0}", "$.maps[0].cards[0].image",
      "The member “alt” is missing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace_once (good, cases[i].from, cases[i].to);
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(WfDocument) document = load_with_warnings (text, &warnings);
      WfProblem *warning;

      g_test_message ("case %u: %s", i, cases[i].message);
      g_assert_cmpuint (warnings->len, ==, 1);
      warning = g_ptr_array_index (warnings, 0);
      g_assert_cmpstr (warning->where, ==, cases[i].where);
      g_assert_cmpstr (warning->message, ==, cases[i].message);

      /* The rest is there. */
      g_assert_cmpuint (wf_document_get_n_personas (document), ==, 2);
      g_assert_nonnull (wf_document_lookup (document, "cd2"));
      if (g_str_has_prefix (cases[i].where, "$.personas"))
        {
          g_assert_null (wf_persona_get_photo (WF_PERSONA (wf_document_lookup (document, "anna"))));
          g_assert_nonnull (wf_card_get_image (WF_CARD (wf_document_lookup (document, "cd0"))));
        }
      else
        g_assert_null (wf_card_get_image (WF_CARD (wf_document_lookup (document, "cd0"))));
    }

  /* The bomb, a cut picture and a photo that is a number, at once: three
   * warnings, each where it is. */
  {
    g_autofree char *text = NULL;
    g_autoptr(GPtrArray) warnings = NULL;
    g_autoptr(WfDocument) document = NULL;

    text = g_strdup_printf ("{\"format\": \"wayfinder-journey\", \"version\": 1, \"title\": \"\","
                             " \"personas\": [{\"id\": \"a\", \"name\": \"A\", \"photo\": 7},"
                             " {\"id\": \"b\", \"name\": \"B\", \"photo\": {\"type\": \"image/png\","
                             " \"data\": \"%s\", \"alt\": \"\"}}],"
                             " \"maps\": [{\"id\": \"m\", \"title\": \"\", \"phases\": [{\"id\": \"p\", \"name\": \"P\"}],"
                             " \"lanes\": [{\"id\": \"l\", \"kind\": \"actions\", \"title\": \"\"}],"
                             " \"cards\": [{\"id\": \"c0\", \"phase\": \"p\", \"lane\": \"l\", \"title\": \"\"},"
                             " {\"id\": \"c1\", \"phase\": \"p\", \"lane\": \"l\", \"title\": \"Kept\","
                             " \"image\": {\"type\": \"image/jpeg\", \"data\": \"%s\", \"alt\": \"\"}}]}]}",
                             bomb64, jpeg64);
    document = load_with_warnings (text, &warnings);
    g_assert_cmpuint (warnings->len, ==, 3);
    g_assert_cmpstr (((WfProblem *) warnings->pdata[0])->where, ==, "$.personas[0].photo");
    g_assert_cmpstr (((WfProblem *) warnings->pdata[0])->message, ==, "Expected an object, found a number");
    g_assert_cmpstr (((WfProblem *) warnings->pdata[1])->where, ==, "$.personas[1].photo");
    g_assert_true (g_str_has_prefix (((WfProblem *) warnings->pdata[1])->message, "The picture is 60000 × 60000"));
    g_assert_cmpstr (((WfProblem *) warnings->pdata[2])->where, ==, "$.maps[0].cards[1].image");
    g_assert_cmpstr (((WfProblem *) warnings->pdata[2])->message, ==, "The picture is damaged or cut off");
    g_assert_cmpstr (wf_card_get_title (WF_CARD (wf_document_lookup (document, "c1"))), ==, "Kept");
  }

  /* With another problem the file is refused, as before. */
  {
    g_autofree char *text = replace_once (good, png_start, "not base64!");
    g_autofree char *worse = replace_once (text, "\"votes\": 0", "\"votes\": -1");
    g_autoptr(GBytes) bytes = g_bytes_new (worse, strlen (worse));
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(WfDocument) document = wf_journey_load_bytes (bytes, &problems, &error);

    g_assert_null (document);
    g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID);
    g_assert_cmpuint (problems->len, ==, 1);
  }
}

/* Through the team library's member functions, a photo travels as the
 * file has it, on one line, and a bad one is refused (docs/pictures.md). */
static void
test_member (void)
{
  g_autoptr(GBytes) original = wf_test_read_data ("pictures.journey");
  g_autoptr(WfDocument) document = wf_journey_load_bytes (original, NULL, NULL);
  WfPersona *anna = WF_PERSONA (wf_document_lookup (document, "anna"));
  WfPersona *bo = WF_PERSONA (wf_document_lookup (document, "bo"));
  WfCard *card = WF_CARD (wf_document_lookup (document, "cd2"));
  g_autofree char *json = wf_journey_member_write (WF_ITEM (anna), "photo");
  g_autofree char *none = wf_journey_member_write (WF_ITEM (bo), "photo");
  g_autofree char *value = wf_journey_member_write_item (WF_ITEM (anna));
  g_autoptr(GError) error = NULL;

  g_assert_true (wf_journey_member_is_known (WF_TYPE_PERSONA, "photo"));
  g_assert_true (wf_journey_member_is_known (WF_TYPE_CARD, "image"));
  g_assert_true (g_str_has_prefix (json, "{\"type\": \"image/png\",\"data\": \"iVBOR"));
  g_assert_true (g_str_has_suffix (json, "\"alt\": \"Anna at her kitchen table\",\"focus\": {\"x\": 0.5,\"y\": 0.25}}"));
  g_assert_null (strchr (json, '\n'));
  g_assert_cmpstr (none, ==, "null");
  g_assert_nonnull (strstr (value, json));

  g_assert_true (wf_journey_member_read (WF_ITEM (bo), "photo", json, &error));
  g_assert_no_error (error);
  g_assert_true (wf_image_equal (wf_persona_get_photo (bo), wf_persona_get_photo (anna)));
  g_assert_true (wf_journey_member_read (WF_ITEM (card), "image", json, &error));
  g_assert_no_error (error);
  g_assert_true (wf_image_equal (wf_card_get_image (card), wf_persona_get_photo (anna)));

  g_assert_true (wf_journey_member_read (WF_ITEM (bo), "photo", "null", &error));
  g_assert_no_error (error);
  g_assert_null (wf_persona_get_photo (bo));

  /* A bad picture is an error here, and nothing changes. */
  g_assert_false (wf_journey_member_read (WF_ITEM (card), "image",
                                          "{\"type\": \"image/png\", \"data\": \"QUJD\", \"alt\": \"\"}", &error));
  g_assert_error (error, WF_JOURNEY_ERROR, WF_JOURNEY_ERROR_INVALID);
  g_assert_true (strstr (error->message, "The data is not a PNG or JPEG picture") != NULL);
  g_assert_nonnull (wf_card_get_image (card));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/picture/check", test_check);
  g_test_add_func ("/picture/bomb", test_bomb);
  g_test_add_func ("/picture/base64", test_base64);
  g_test_add_func ("/picture/journey/round-trip", test_journey_round_trip);
  g_test_add_func ("/picture/journey/bad", test_journey_bad);
  g_test_add_func ("/picture/journey/member", test_member);

  return g_test_run ();
}
