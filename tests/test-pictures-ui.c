/* test-pictures-ui.c — pictures put in through the sidebar, a drop and a paste
 *
 * A canvas and a properties sidebar on tests/data/rich.journey, in a
 * window under Xvfb with a toast overlay, as the application has it. A
 * photo and an image are chosen, dropped (a file list, a file, pixels)
 * and pasted; each is one undoable step, and the sidebar's preview shows
 * the picture before the canvas draws any (stage 3 of docs/pictures.md).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "model/wf-model.h"
#include "ui/wf-canvas-private.h"
#include "ui/wf-document-overview.h"
#include "ui/wf-item-properties.h"
#include "ui/wf-picture-editor.h"
#include "ui/wf-properties.h"
#include "test-app.h"
#include "test-util.h"

typedef struct
{
  WfDocument      *document;
  WfUndoStack     *stack;
  WfMap           *map;
  GtkWindow       *window;
  AdwToastOverlay *overlay;
  WfCanvas        *canvas;
  WfProperties    *props;
  char            *dir;
  GFile           *jpeg;       /* 300 × 200, a photo */
  GFile           *png;        /* 40 × 40, with transparency */
  GFile           *text;       /* not a picture */
} Fixture;

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

static GFile *
write_picture (Fixture    *f,
               const char *name,
               const char *format,
               int         width,
               int         height,
               gboolean    alpha)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, alpha ? 0x3366cc80 : 0xcc6633ff);
  gdk_pixbuf_save (pixbuf, path, format, &error, NULL);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box;
  g_autofree char *text_path = NULL;

  wf_test_use_system_data_dirs ();

  f->dir = g_dir_make_tmp ("wf-pictures-XXXXXX", NULL);
  f->jpeg = write_picture (f, "Anna.jpg", "jpeg", 300, 200, FALSE);
  f->png = write_picture (f, "logo.png", "png", 40, 40, TRUE);
  text_path = g_build_filename (f->dir, "notes.webp", NULL);
  g_assert_true (g_file_set_contents (text_path, "Not a picture", -1, NULL));
  f->text = g_file_new_for_path (text_path);

  f->document = wf_test_load_data ("rich.journey");
  f->stack = wf_document_get_undo_stack (f->document);
  f->map = wf_document_get_map (f->document, 0);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 760);
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  f->canvas = WF_CANVAS (wf_canvas_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (f->canvas), TRUE);
  f->props = WF_PROPERTIES (wf_properties_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->canvas));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->props));
  adw_toast_overlay_set_child (f->overlay, box);
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));

  wf_canvas_set_map (f->canvas, f->map);
  wf_properties_set_canvas (f->props, f->canvas);

  gtk_window_present (f->window);
  wf_test_wait_until (is_laid_out, f, "the window laid out");
  wf_test_wait_frame (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_destroy (f->window);
  wf_test_wait_until (is_finalized, &f->window, "the window finalized");
  g_clear_object (&f->document);

  for (GFile **file = (GFile *[]) { f->jpeg, f->png, f->text, NULL }; *file != NULL; file++)
    g_file_delete (*file, NULL, NULL);
  g_clear_object (&f->jpeg);
  g_clear_object (&f->png);
  g_clear_object (&f->text);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static WfPictureEditor *
card_editor (Fixture *f)
{
  return WF_PICTURE_EDITOR (gtk_widget_get_template_child (GTK_WIDGET (f->props), WF_TYPE_PROPERTIES,
                                                           "image_editor"));
}

static WfPictureEditor *
persona_editor (Fixture *f)
{
  GObject *item_properties = gtk_widget_get_template_child (GTK_WIDGET (f->props), WF_TYPE_PROPERTIES,
                                                            "item_properties");

  return WF_PICTURE_EDITOR (gtk_widget_get_template_child (GTK_WIDGET (item_properties),
                                                           WF_TYPE_ITEM_PROPERTIES, "photo_editor"));
}

static WfCard *
first_card_without_image (Fixture *f)
{
  g_autoptr(GPtrArray) cards = wf_map_list_cards (f->map);

  for (guint i = 0; i < cards->len; i++)
    if (wf_card_get_image (g_ptr_array_index (cards, i)) == NULL)
      return g_ptr_array_index (cards, i);

  g_assert_not_reached ();
}

typedef struct
{
  WfItem  *item;
  WfImage *not;   /* waits for a picture other than this one */
} PictureWait;

static WfImage *
picture_of (WfItem *item)
{
  return WF_IS_PERSONA (item) ? wf_persona_get_photo (WF_PERSONA (item)) : wf_card_get_image (WF_CARD (item));
}

static gboolean
has_new_picture (gpointer data)
{
  PictureWait *wait = data;
  WfImage *image = picture_of (wait->item);

  return image != NULL && image != wait->not;
}

static void
wait_for_picture (WfItem  *item,
                  WfImage *not)
{
  PictureWait wait = { item, not };

  wf_test_wait_until (has_new_picture, &wait, "the picture set");
}

static gboolean
has_texture (gpointer data)
{
  return wf_picture_editor_get_texture (data) != NULL;
}

static gboolean
has_toast (gpointer data)
{
  Fixture *f = data;

  /* A toast is a widget of the overlay's while it is shown. */
  return wf_test_find_any_widget (GTK_WIDGET (f->overlay), g_type_from_name ("AdwToastWidget")) != NULL;
}

static const char *
toast_title (Fixture *f)
{
  GtkWidget *toast = wf_test_find_any_widget (GTK_WIDGET (f->overlay), g_type_from_name ("AdwToastWidget"));
  GtkWidget *label = toast ? wf_test_find_any_widget (toast, GTK_TYPE_LABEL) : NULL;

  return label ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static void
dismiss_toasts (Fixture *f)
{
  /* A new overlay child clears the old one's toasts: a fresh start. */
  GtkWidget *child = g_object_ref (adw_toast_overlay_get_child (f->overlay));

  gtk_widget_unparent (GTK_WIDGET (f->overlay));
  adw_toast_overlay_set_child (f->overlay, NULL);
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, child);
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  g_object_unref (child);
}

/* Choose… with a file: the card's image, shrunk and kept as a JPEG, the
 * preview showing it; its description and focal point each one step,
 * undone and redone; Remove. */
static void
test_card_image (Fixture       *f,
                 gconstpointer  data)
{
  WfCard *card = first_card_without_image (f);
  WfPictureEditor *editor = card_editor (f);
  GtkWidget *alt = wf_picture_editor_find (editor, "alt");
  GtkWidget *focus_x = wf_picture_editor_find (editor, "focus-x");
  GtkWidget *remove = wf_picture_editor_find (editor, "remove");
  WfImage *image;
  double x, y;

  wf_canvas_select (f->canvas, card, FALSE);
  g_assert_true (wf_picture_editor_get_item (editor) == WF_ITEM (card));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_false (gtk_widget_get_sensitive (remove));
  g_assert_false (gtk_widget_get_visible (alt));

  wf_picture_editor_set_file (editor, f->jpeg);
  wait_for_picture (WF_ITEM (card), NULL);
  image = wf_card_get_image (card);
  g_assert_cmpstr (wf_image_get_mime_type (image), ==, "image/jpeg");
  g_assert_cmpuint (wf_image_get_width (image), ==, 300);
  g_assert_cmpuint (wf_image_get_height (image), ==, 200);
  g_assert_cmpstr (wf_undo_stack_get_undo_label (f->stack), ==, "Add Image");

  /* The preview shows it, though the canvas does not draw it yet. */
  wf_test_wait_until (has_texture, editor, "the preview decoded");
  g_assert_cmpint (gdk_texture_get_width (wf_picture_editor_get_texture (editor)), ==, 300);
  g_assert_true (gtk_widget_get_sensitive (remove));
  g_assert_true (gtk_widget_get_visible (alt));

  /* Typing the description is one step. */
  gtk_editable_set_text (GTK_EDITABLE (alt), "A");
  gtk_editable_set_text (GTK_EDITABLE (alt), "A counter");
  g_assert_cmpstr (wf_image_get_alt (wf_card_get_image (card)), ==, "A counter");

  /* The focal point, another. */
  gtk_range_set_value (GTK_RANGE (focus_x), 25);
  wf_image_get_focus (wf_card_get_image (card), &x, &y);
  g_assert_cmpfloat (x, ==, 0.25);
  g_assert_cmpfloat (y, ==, 0.5);
  gtk_range_set_value (GTK_RANGE (focus_x), 20);

  wf_undo_stack_undo (f->stack);
  wf_image_get_focus (wf_card_get_image (card), &x, &y);
  g_assert_cmpfloat (x, ==, 0.5);
  g_assert_cmpstr (wf_image_get_alt (wf_card_get_image (card)), ==, "A counter");
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (focus_x)), ==, 50);

  wf_undo_stack_undo (f->stack);
  g_assert_cmpstr (wf_image_get_alt (wf_card_get_image (card)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alt)), ==, "");

  wf_undo_stack_undo (f->stack);
  g_assert_null (wf_card_get_image (card));
  g_assert_false (gtk_widget_get_sensitive (remove));

  wf_undo_stack_redo (f->stack);
  wf_undo_stack_redo (f->stack);
  wf_undo_stack_redo (f->stack);
  wf_image_get_focus (wf_card_get_image (card), &x, &y);
  g_assert_cmpfloat (x, ==, 0.2);
  g_assert_cmpstr (wf_image_get_alt (wf_card_get_image (card)), ==, "A counter");

  /* Remove, one step. */
  g_signal_emit_by_name (remove, "clicked");
  g_assert_null (wf_card_get_image (card));
  g_assert_cmpstr (wf_undo_stack_get_undo_label (f->stack), ==, "Remove Image");
  wf_undo_stack_undo (f->stack);
  g_assert_cmpstr (wf_image_get_alt (wf_card_get_image (card)), ==, "A counter");
}

/* A persona's photo, through its properties: a PNG with transparency
 * stays PNG; the preview is round. A file that is no picture says so,
 * naming it, and changes nothing. */
static void
test_persona_photo (Fixture       *f,
                    gconstpointer  data)
{
  WfPersona *anna = WF_PERSONA (wf_document_lookup (f->document, "anna"));
  WfPictureEditor *editor = persona_editor (f);
  GtkWidget *preview = wf_picture_editor_find (editor, "preview");

  wf_canvas_select_header (f->canvas, WF_ITEM (anna));
  g_assert_true (wf_picture_editor_get_item (editor) == WF_ITEM (anna));
  g_assert_true (wf_picture_editor_get_item (card_editor (f)) == NULL);
  wf_test_wait_frame (GTK_WIDGET (f->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_cmpint (gtk_widget_get_width (preview), ==, gtk_widget_get_height (preview));

  wf_picture_editor_set_file (editor, f->text);
  wf_test_wait_until (has_toast, f, "the error shown");
  g_assert_cmpstr (toast_title (f), ==, "“notes.webp” is not a picture Wayfinder can read");
  g_assert_null (wf_persona_get_photo (anna));

  wf_picture_editor_set_file (editor, f->png);
  wait_for_picture (WF_ITEM (anna), NULL);
  g_assert_cmpstr (wf_image_get_mime_type (wf_persona_get_photo (anna)), ==, "image/png");
  g_assert_cmpstr (wf_undo_stack_get_undo_label (f->stack), ==, "Add Photo");
  wf_test_wait_until (has_texture, editor, "the preview decoded");

  /* The arrow keys move the focal point, by 5 %. */
  {
    GtkEventController *keys = NULL;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (preview);
    gboolean handled = FALSE;
    double x, y;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && keys == NULL; i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (c))
          keys = c;
      }
    g_assert_nonnull (keys);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
    g_assert_true (handled);
    wf_persona_get_photo (anna) != NULL ? wf_image_get_focus (wf_persona_get_photo (anna), &x, &y) : (void) 0;
    g_assert_cmpfloat_with_epsilon (x, 0.55, 1e-9);
    g_assert_cmpfloat (y, ==, 0.5);
  }

  /* Replaced: one step, the old picture back on undo. */
  {
    WfImage *before = wf_persona_get_photo (anna);

    wf_picture_editor_set_file (editor, f->jpeg);
    wait_for_picture (WF_ITEM (anna), before);
    g_assert_cmpstr (wf_undo_stack_get_undo_label (f->stack), ==, "Replace Photo");
    wf_undo_stack_undo (f->stack);
    g_assert_cmpstr (wf_image_get_mime_type (wf_persona_get_photo (anna)), ==, "image/png");
  }
}

static GValue *
file_list_value (GFile *file)
{
  GValue *value = g_new0 (GValue, 1);
  GSList *files = g_slist_prepend (NULL, file);

  g_value_init (value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (value, gdk_file_list_new_from_list (files));
  g_slist_free (files);

  return value;
}

static void
free_value (GValue *value)
{
  g_value_unset (value);
  g_free (value);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GValue, free_value)

/* Widget coordinates of the middle of a map rectangle. */
static void
to_widget (Fixture               *f,
           const graphene_rect_t *r,
           double                *x,
           double                *y)
{
  *x = (r->origin.x + r->size.width / 2 - f->canvas->view.offset_x) * f->canvas->view.zoom;
  *y = (r->origin.y + r->size.height / 2 - f->canvas->view.offset_y) * f->canvas->view.zoom;
}

/* Files from a file manager, and pixels from another application, dropped
 * on a card and on a persona's band; elsewhere, a toast says where
 * pictures go. */
static void
test_canvas_drop (Fixture       *f,
                  gconstpointer  data)
{
  WfLayout *layout = wf_scene_get_layout (wf_canvas_get_scene (f->canvas));
  WfCard *card = first_card_without_image (f);
  WfPersona *anna = WF_PERSONA (wf_document_lookup (f->document, "anna"));
  g_autoptr(GValue) files = file_list_value (f->jpeg);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (g_file_peek_path (f->png), NULL);
  g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);
  GValue pixels = G_VALUE_INIT;
  graphene_rect_t bounds;
  double x = 0, y = 0;

  g_assert_true (wf_layout_get_card_bounds (layout, card, &bounds));
  wf_canvas_reveal (f->canvas, card);
  wf_test_wait_frame (GTK_WIDGET (f->canvas));
  to_widget (f, &bounds, &x, &y);
  g_assert_true (wf_canvas_picture_item_at (f->canvas, bounds.origin.x + 5, bounds.origin.y + 5) == WF_ITEM (card));

  g_assert_true (wf_canvas_drop_picture (f->canvas, files, x, y));
  wait_for_picture (WF_ITEM (card), NULL);
  g_assert_cmpuint (wf_image_get_width (wf_card_get_image (card)), ==, 300);
  wf_test_wait_until (has_toast, f, "the toast");
  g_assert_true (g_str_has_prefix (toast_title (f), "New image for “"));
  wf_undo_stack_undo (f->stack);
  g_assert_null (wf_card_get_image (card));
  dismiss_toasts (f);

  /* Pixels, on Anna's band. */
  for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
    {
      const WfRow *row = wf_layout_get_row (layout, r);

      if (row->kind == WF_ROW_PERSONA && row->persona == anna)
        bounds = GRAPHENE_RECT_INIT (WF_LAYOUT_LANE_HEADER_WIDTH + 20, row->y, 40, row->height);
    }
  wf_canvas_show_area (f->canvas, &bounds, 0.5, FALSE);
  wf_test_wait_frame (GTK_WIDGET (f->canvas));
  to_widget (f, &bounds, &x, &y);
  g_value_init (&pixels, GDK_TYPE_TEXTURE);
  g_value_set_object (&pixels, texture);
  g_assert_true (wf_canvas_drop_picture (f->canvas, &pixels, x, y));
  wait_for_picture (WF_ITEM (anna), NULL);
  g_assert_cmpstr (wf_image_get_mime_type (wf_persona_get_photo (anna)), ==, "image/png");
  g_assert_cmpuint (wf_image_get_width (wf_persona_get_photo (anna)), ==, 40);
  g_value_unset (&pixels);
  dismiss_toasts (f);

  /* A lane's header takes no picture. */
  for (guint r = 0; r < wf_layout_get_n_rows (layout); r++)
    {
      const WfRow *row = wf_layout_get_row (layout, r);

      if (row->kind == WF_ROW_LANE)
        {
          bounds = GRAPHENE_RECT_INIT (20, row->y + 2, 20, 4);
          break;
        }
    }
  wf_canvas_show_area (f->canvas, &bounds, 0.5, FALSE);
  wf_test_wait_frame (GTK_WIDGET (f->canvas));
  to_widget (f, &bounds, &x, &y);
  g_assert_false (wf_canvas_drop_picture (f->canvas, files, x, y));
  g_assert_cmpstr (toast_title (f), ==, "A picture goes on a card or on a persona’s band");
}

/* The sidebar's own drop target takes a file, as a drop from a file
 * manager would give it. */
static void
test_sidebar_drop (Fixture       *f,
                   gconstpointer  data)
{
  WfCard *card = first_card_without_image (f);
  WfPictureEditor *editor = card_editor (f);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (editor));
  GtkDropTarget *target = NULL;
  GValue file = G_VALUE_INIT;
  gboolean dropped = FALSE;

  wf_canvas_select (f->canvas, card, FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);

  g_value_init (&file, G_TYPE_FILE);
  g_value_set_object (&file, f->png);
  g_signal_emit_by_name (target, "drop", &file, 10.0, 10.0, &dropped);
  g_value_unset (&file);
  g_assert_true (dropped);
  wait_for_picture (WF_ITEM (card), NULL);
  g_assert_cmpstr (wf_image_get_mime_type (wf_card_get_image (card)), ==, "image/png");
}

static gboolean
cards_grew (gpointer data)
{
  guint *counts = data;

  return counts[1] > counts[0];
}

/* Ctrl+V with pixels on the clipboard sets the selected card's image or
 * the selected persona's photo; with cards on it, pastes cards as
 * before. */
static void
test_paste (Fixture       *f,
            gconstpointer  data)
{
  WfCard *card = first_card_without_image (f);
  WfPersona *anna = WF_PERSONA (wf_document_lookup (f->document, "anna"));
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (g_file_peek_path (f->jpeg), NULL);
  g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->canvas));
  guint n_cards = wf_map_get_n_cards (f->map);

  gdk_clipboard_set_texture (clipboard, texture);
  wf_canvas_select (f->canvas, card, FALSE);
  g_assert_true (wf_canvas_picture_paste_target (f->canvas) == WF_ITEM (card));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.paste", NULL);
  wait_for_picture (WF_ITEM (card), NULL);
  g_assert_cmpuint (wf_image_get_width (wf_card_get_image (card)), ==, 300);
  g_assert_cmpuint (wf_map_get_n_cards (f->map), ==, n_cards);

  wf_canvas_select_header (f->canvas, WF_ITEM (anna));
  g_assert_true (wf_canvas_picture_paste_target (f->canvas) == WF_ITEM (anna));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.paste", NULL);
  wait_for_picture (WF_ITEM (anna), wf_persona_get_photo (anna));
  g_assert_nonnull (wf_persona_get_photo (anna));

  /* Cards on the clipboard, with their image, are pasted as cards. */
  wf_canvas_select (f->canvas, card, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.copy", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.paste", NULL);
  {
    guint counts[2] = { n_cards, 0 };

    while (!cards_grew (counts))
      {
        g_main_context_iteration (NULL, TRUE);
        counts[1] = wf_map_get_n_cards (f->map);
      }
  }
  g_assert_true (wf_image_equal (wf_card_get_image (wf_canvas_get_focus_card (f->canvas)),
                                 wf_card_get_image (card)));
  g_assert_true (wf_canvas_get_focus_card (f->canvas) != card);
}

static gboolean
avatar_has_image (gpointer data)
{
  return adw_avatar_get_custom_image (data) != NULL;
}

/* The journey details show a persona's photo beside their name, and
 * follow a change and its undo. */
static void
test_overview (Fixture       *f,
               gconstpointer  data)
{
  WfPersona *anna = WF_PERSONA (wf_document_lookup (f->document, "anna"));
  GtkWidget *overview = wf_document_overview_new ();
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GPtrArray) avatars = NULL;
  AdwAvatar *avatar = NULL;

  gtk_window_set_child (GTK_WINDOW (window), overview);
  wf_document_overview_set_document (WF_DOCUMENT_OVERVIEW (overview), f->document);
  gtk_window_present (GTK_WINDOW (window));

  avatars = wf_test_find_all_widgets (overview, ADW_TYPE_AVATAR);
  for (guint i = 0; i < avatars->len; i++)
    if (g_strcmp0 (adw_avatar_get_text (avatars->pdata[i]), wf_persona_get_name (anna)) == 0)
      avatar = avatars->pdata[i];
  g_assert_nonnull (avatar);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (avatar)));

  wf_picture_set_file (WF_ITEM (anna), f->jpeg, overview, FALSE);
  wait_for_picture (WF_ITEM (anna), NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (avatar)));
  wf_test_wait_until (avatar_has_image, avatar, "the photo in the journey details");
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (adw_avatar_get_custom_image (avatar)), ==,
                   32 * gtk_widget_get_scale_factor (GTK_WIDGET (avatar)));

  wf_undo_stack_undo (f->stack);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (avatar)));
  g_assert_null (adw_avatar_get_custom_image (avatar));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  wf_test_app_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/pictures-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("card-image", test_card_image);
  ADD ("persona-photo", test_persona_photo);
  ADD ("canvas-drop", test_canvas_drop);
  ADD ("sidebar-drop", test_sidebar_drop);
  ADD ("paste", test_paste);
  ADD ("overview", test_overview);

#undef ADD

  return g_test_run ();
}
