/* wf-picture-editor.c — a persona's photo or a card's image, chosen, dropped, described
 *
 * The sidebar's Photo (a persona) or Image (a card) group: a preview of
 * the crop around the focal point (round for a photo, as the persona's
 * band shows it), Choose… (GtkFileChooserNative, the portal in Flatpak),
 * Remove, the alt text, and the focal point as two sliders, or dragged
 * on the preview, or moved by its arrow keys. Pictures can be dropped on
 * it, files or pixels.
 *
 * Below the widget, what every way in shares (the canvas's drop and
 * paste too): a picture from outside is imported off the main thread
 * (storage/wf-picture-import.c) and set as one undoable step; what goes
 * wrong is a toast naming the file.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "render/wf-scene.h"
#include "storage/wf-picture-import.h"
#include "wf-picture-editor.h"
#include "wf-toast.h"

/* The preview: the crop around the focal point */

#define WF_TYPE_PICTURE_PREVIEW (wf_picture_preview_get_type ())
G_DECLARE_FINAL_TYPE (WfPicturePreview, wf_picture_preview, WF, PICTURE_PREVIEW, GtkWidget)

struct _WfPicturePreview
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
  gboolean    round;
  double      focus_x, focus_y;
  double      drag_x, drag_y;    /* the focal point where a drag began */
};

enum { FOCUS_MOVED, N_PREVIEW_SIGNALS };
static guint preview_signals[N_PREVIEW_SIGNALS];

G_DEFINE_FINAL_TYPE (WfPicturePreview, wf_picture_preview, GTK_TYPE_WIDGET)

#define PREVIEW_HEIGHT 96
#define CARD_PREVIEW_WIDTH 144

/* Where the texture is drawn so that it covers @width × @height with the
 * focal point as near the middle as the picture allows, as on the map. */
static graphene_rect_t
cover_rect (GdkTexture *texture,
            double      width,
            double      height,
            double      focus_x,
            double      focus_y)
{
  graphene_rect_t rect;

  wf_scene_cover_rect (gdk_texture_get_width (texture), gdk_texture_get_height (texture), focus_x, focus_y,
                       &GRAPHENE_RECT_INIT (0, 0, width, height), &rect);

  return rect;
}

static void
wf_picture_preview_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  WfPicturePreview *self = WF_PICTURE_PREVIEW (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  GskRoundedRect clip;
  GdkRGBA color = { 0.5f, 0.5f, 0.5f, 0.2f };

  gsk_rounded_rect_init_from_rect (&clip, &bounds, self->round ? MIN (width, height) / 2 : 8);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);

  if (self->texture != NULL)
    {
      graphene_rect_t r = cover_rect (self->texture, width, height, self->focus_x, self->focus_y);

      gtk_snapshot_append_texture (snapshot, self->texture, &r);
    }
  else
    {
      /* No picture: a placeholder, a person or a landscape. */
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
      g_autoptr(GtkIconPaintable) icon = NULL;
      GdkRGBA faint = { 0.5f, 0.5f, 0.5f, 0.7f };

      gtk_snapshot_append_color (snapshot, &color, &bounds);
      icon = gtk_icon_theme_lookup_icon (theme, self->round ? "avatar-default-symbolic" : "image-x-generic-symbolic",
                                         NULL, 32, gtk_widget_get_scale_factor (widget), GTK_TEXT_DIR_NONE, 0);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - 32) / 2, (height - 32) / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, 32, 32, &faint, 1);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_pop (snapshot);

  if (gtk_widget_has_visible_focus (widget))
    {
      float w[4] = { 2, 2, 2, 2 };
      GdkRGBA accent = { 0.21f, 0.52f, 0.89f, 1 };
      GdkRGBA colors[4] = { accent, accent, accent, accent };

      gtk_snapshot_append_border (snapshot, &clip, w, colors);
    }
}

static void
wf_picture_preview_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  WfPicturePreview *self = WF_PICTURE_PREVIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->round ? PREVIEW_HEIGHT : CARD_PREVIEW_WIDTH;
  else
    *minimum = *natural = PREVIEW_HEIGHT;
}

static void
move_focus (WfPicturePreview *self,
            double            x,
            double            y)
{
  x = CLAMP (x, 0, 1);
  y = CLAMP (y, 0, 1);
  if (self->texture == NULL || (x == self->focus_x && y == self->focus_y))
    return;

  self->focus_x = x;
  self->focus_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, preview_signals[FOCUS_MOVED], 0, x, y);
}

static void
on_preview_drag_begin (GtkGestureDrag   *gesture,
                       double            x,
                       double            y,
                       WfPicturePreview *self)
{
  self->drag_x = self->focus_x;
  self->drag_y = self->focus_y;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* Dragging moves the picture under the frame, as a photo is moved in a
 * frame: what is dragged to the middle is the focal point. */
static void
on_preview_drag_update (GtkGestureDrag   *gesture,
                        double            dx,
                        double            dy,
                        WfPicturePreview *self)
{
  graphene_rect_t r;

  if (self->texture == NULL)
    return;

  r = cover_rect (self->texture, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)), self->drag_x, self->drag_y);
  move_focus (self, self->drag_x - dx / r.size.width, self->drag_y - dy / r.size.height);
}

static gboolean
on_preview_key (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WfPicturePreview      *self)
{
  double step = (state & GDK_SHIFT_MASK) ? 0.01 : 0.05;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_focus (self, self->focus_x - step, self->focus_y);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_focus (self, self->focus_x + step, self->focus_y);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_focus (self, self->focus_x, self->focus_y - step);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_focus (self, self->focus_x, self->focus_y + step);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
wf_picture_preview_dispose (GObject *object)
{
  WfPicturePreview *self = WF_PICTURE_PREVIEW (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (wf_picture_preview_parent_class)->dispose (object);
}

static void
wf_picture_preview_class_init (WfPicturePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_picture_preview_dispose;
  widget_class->snapshot = wf_picture_preview_snapshot;
  widget_class->measure = wf_picture_preview_measure;

  preview_signals[FOCUS_MOVED] =
    g_signal_new ("focus-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
wf_picture_preview_init (WfPicturePreview *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->focus_x = self->focus_y = 0.5;
  self->round = TRUE;

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_preview_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_preview_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_preview_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* The editor */

struct _WfPictureEditor
{
  GtkWidget         parent_instance;

  WfItem           *item;            /* a persona or a card */
  WfDocument       *document;
  gboolean          updating;
  gboolean          editing_alt;     /* the last change was to the description */
  char             *decoded_hash;    /* of the texture shown, or of the one on its way */
  GCancellable     *decoding;
  GtkFileChooserNative *chooser;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkWidget        *picture_row;
  WfPicturePreview *preview;
  GtkWidget        *choose_button;
  GtkWidget        *remove_button;
  AdwEntryRow      *alt_row;
  GtkWidget        *focus_x_row;
  GtkWidget        *focus_y_row;
  GtkScale         *focus_x_scale;
  GtkScale         *focus_y_scale;
};

G_DEFINE_FINAL_TYPE (WfPictureEditor, wf_picture_editor, GTK_TYPE_WIDGET)

static WfImage *
current_image (WfPictureEditor *self)
{
  if (WF_IS_PERSONA (self->item))
    return wf_persona_get_photo (WF_PERSONA (self->item));
  if (WF_IS_CARD (self->item))
    return wf_card_get_image (WF_CARD (self->item));
  return NULL;
}

static void
set_texture (WfPictureEditor *self,
             GdkTexture      *texture)
{
  if (g_set_object (&self->preview->texture, texture))
    gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

static void
decode_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_bytes (task_data, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
on_decoded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  WfPictureEditor *self;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = WF_PICTURE_EDITOR (source);
  if (error != NULL)
    g_debug ("Picture preview: %s", error->message);
  set_texture (self, texture);
}

/* The picture's pixels, decoded off the main thread: a picture in a file
 * may be 8192 pixels a side. */
static void
update_texture (WfPictureEditor *self,
                WfImage         *image)
{
  g_autoptr(GTask) task = NULL;

  if (image != NULL && g_strcmp0 (self->decoded_hash, wf_image_get_hash (image)) == 0)
    return;

  g_cancellable_cancel (self->decoding);
  g_clear_object (&self->decoding);
  g_clear_pointer (&self->decoded_hash, g_free);
  set_texture (self, NULL);

  if (image == NULL)
    return;

  self->decoded_hash = g_strdup (wf_image_get_hash (image));
  self->decoding = g_cancellable_new ();
  task = g_task_new (self, self->decoding, on_decoded, NULL);
  g_task_set_task_data (task, g_bytes_ref (wf_image_get_bytes (image)), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, decode_thread);
}

static void
update (WfPictureEditor *self)
{
  WfImage *image = current_image (self);
  gboolean persona = WF_IS_PERSONA (self->item);
  double x = 0.5, y = 0.5;
  const char *alt = "";

  if (self->item == NULL)
    return;

  self->updating = TRUE;

  adw_preferences_group_set_title (self->group, persona ? _("Photo") : _("Image"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  persona ? _("Photo") : _("Image"), -1);
  self->preview->round = persona;
  gtk_widget_queue_resize (GTK_WIDGET (self->preview));
  update_texture (self, image);

  if (image != NULL)
    {
      wf_image_get_focus (image, &x, &y);
      alt = wf_image_get_alt (image);
    }
  self->preview->focus_x = x;
  self->preview->focus_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  image == NULL ? (persona ? _("No photo") : _("No image"))
                                  : *alt != '\0' ? alt
                                  : (persona ? _("Photo without a description") : _("Image without a description")),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  image != NULL ? _("Arrow keys move the focal point") : "",
                                  -1);
  gtk_widget_set_focusable (GTK_WIDGET (self->preview), image != NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->preview), image != NULL);

  gtk_widget_set_sensitive (self->remove_button, image != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->alt_row), image != NULL);
  gtk_widget_set_visible (self->focus_x_row, image != NULL);
  gtk_widget_set_visible (self->focus_y_row, image != NULL);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->alt_row)), alt) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->alt_row), alt);
  gtk_range_set_value (GTK_RANGE (self->focus_x_scale), x * 100);
  gtk_range_set_value (GTK_RANGE (self->focus_y_scale), y * 100);

  self->updating = FALSE;
}

static void
on_item_changed (WfPictureEditor *self,
                 WfItem          *item,
                 GParamSpec      *pspec)
{
  /* Only its picture: not the title typed beside it, a key at a time. */
  if (item == self->item && (pspec == NULL || g_strcmp0 (pspec->name, wf_picture_member (item)) == 0))
    update (self);
}

static void
on_item_removed (WfPictureEditor *self,
                 WfItem          *item)
{
  if (item == self->item)
    wf_picture_editor_set_item (self, NULL);
}

/* Widgets → commands */

/* Typing the description is one step, moving the focal point another:
 * each would merge into the other (model/wf-command.c). */
static void
set_detail (WfPictureEditor *self,
            WfImage         *image,
            gboolean         alt)
{
  if (alt != self->editing_alt && self->document != NULL)
    wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
  self->editing_alt = alt;

  wf_edit_set (self->item, wf_picture_member (self->item), image, NULL);
}

static void
on_alt_changed (WfPictureEditor *self)
{
  WfImage *image = current_image (self);
  g_autoptr(WfImage) changed = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->alt_row));

  if (self->updating || image == NULL || g_strcmp0 (text, wf_image_get_alt (image)) == 0)
    return;

  changed = wf_image_with_alt (image, text);
  set_detail (self, changed, TRUE);
}

static void
on_alt_activated (WfPictureEditor *self)
{
  if (self->document != NULL)
    wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
}

static void
set_focus (WfPictureEditor *self,
           double           x,
           double           y)
{
  WfImage *image = current_image (self);
  g_autoptr(WfImage) changed = NULL;
  double old_x, old_y;

  if (self->updating || image == NULL)
    return;

  wf_image_get_focus (image, &old_x, &old_y);
  if (old_x == x && old_y == y)
    return;

  changed = wf_image_with_focus (image, x, y);
  set_detail (self, changed, FALSE);
}

static void
on_focus_changed (WfPictureEditor *self)
{
  set_focus (self,
             gtk_range_get_value (GTK_RANGE (self->focus_x_scale)) / 100,
             gtk_range_get_value (GTK_RANGE (self->focus_y_scale)) / 100);
}

static void
on_focus_moved (WfPictureEditor  *self,
                double            x,
                double            y)
{
  set_focus (self, x, y);
}

static void
on_remove_clicked (WfPictureEditor *self)
{
  WfUndoStack *stack;

  if (self->item == NULL || current_image (self) == NULL || self->document == NULL)
    return;

  stack = wf_document_get_undo_stack (self->document);
  wf_undo_stack_seal (stack);
  wf_undo_stack_begin (stack, WF_IS_PERSONA (self->item) ? _("Remove Photo") : _("Remove Image"));
  wf_edit_set (self->item, wf_picture_member (self->item), NULL, NULL);
  wf_undo_stack_end (stack);
  wf_undo_stack_seal (stack);
}

static void
on_chooser_response (WfPictureEditor      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        wf_picture_editor_set_file (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
on_choose_clicked (WfPictureEditor *self)
{
  static const char * const types[] = {
    "image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp", "image/tiff",
    "image/avif", "image/heif", "image/jxl", NULL
  };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->item == NULL || self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Pictures"));
  for (guint i = 0; types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, types[i]);

  self->chooser = gtk_file_chooser_native_new (WF_IS_PERSONA (self->item) ? _("Choose a Photo") : _("Choose an Image"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         WfPictureEditor *self)
{
  if (self->item == NULL)
    return FALSE;

  return wf_picture_set_value (self->item, value, GTK_WIDGET (self), FALSE);
}

static void
wf_picture_editor_dispose (GObject *object)
{
  WfPictureEditor *self = WF_PICTURE_EDITOR (object);

  wf_picture_editor_set_item (self, NULL);
  g_cancellable_cancel (self->decoding);
  g_clear_object (&self->decoding);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
    }
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), WF_TYPE_PICTURE_EDITOR);

  G_OBJECT_CLASS (wf_picture_editor_parent_class)->dispose (object);
}

static void
wf_picture_editor_finalize (GObject *object)
{
  WfPictureEditor *self = WF_PICTURE_EDITOR (object);

  g_free (self->decoded_hash);

  G_OBJECT_CLASS (wf_picture_editor_parent_class)->finalize (object);
}

static void
wf_picture_editor_class_init (WfPictureEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_picture_editor_dispose;
  object_class->finalize = wf_picture_editor_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (WF_TYPE_PICTURE_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/wayfinder/Wayfinder/wf-picture-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, WfPictureEditor, group);
  gtk_widget_class_bind_template_child (widget_class, WfPictureEditor, picture_row);
  gtk_widget_class_bind_template_child (widget_class, WfPictureEditor, preview);
  gtk_widget_class_bind_template_child (widget_class, WfPictureEditor, choose_button);
  gtk_widget_class_bind_template_child (widget_class, WfPictureEditor, remove_button);
  gtk_widget_class_bind_template_child (widget_class, WfPictureEditor, alt_row);
  gtk_widget_class_bind_template_child (widget_class, WfPictureEditor, focus_x_row);
  gtk_widget_class_bind_template_child (widget_class, WfPictureEditor, focus_y_row);
  gtk_widget_class_bind_template_child (widget_class, WfPictureEditor, focus_x_scale);
  gtk_widget_class_bind_template_child (widget_class, WfPictureEditor, focus_y_scale);
  gtk_widget_class_bind_template_callback (widget_class, on_alt_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_alt_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
wf_picture_editor_init (WfPictureEditor *self)
{
  GtkDropTarget *drop;

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;

  g_signal_connect_swapped (self->preview, "focus-moved", G_CALLBACK (on_focus_moved), self);

  drop = wf_picture_drop_target_new ();
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
wf_picture_editor_new (void)
{
  return g_object_new (WF_TYPE_PICTURE_EDITOR, NULL);
}

/**
 * wf_picture_editor_set_item:
 * @item: (nullable): a persona or a card, in a document
 */
void
wf_picture_editor_set_item (WfPictureEditor *self,
                            WfItem          *item)
{
  g_return_if_fail (WF_IS_PICTURE_EDITOR (self));
  g_return_if_fail (item == NULL || WF_IS_PERSONA (item) || WF_IS_CARD (item));

  if (self->item == item)
    return;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      wf_undo_stack_seal (wf_document_get_undo_stack (self->document));
    }
  g_clear_object (&self->document);
  g_set_object (&self->item, item);

  if (item != NULL && wf_item_get_document (item) != NULL)
    {
      self->document = g_object_ref (wf_item_get_document (item));
      g_signal_connect_swapped (self->document, "item-changed", G_CALLBACK (on_item_changed), self);
      g_signal_connect_swapped (self->document, "item-removed", G_CALLBACK (on_item_removed), self);
    }

  if (item == NULL)
    update_texture (self, NULL);
  update (self);
}

WfItem *
wf_picture_editor_get_item (WfPictureEditor *self)
{
  g_return_val_if_fail (WF_IS_PICTURE_EDITOR (self), NULL);

  return self->item;
}

/**
 * wf_picture_editor_set_file:
 * @file: a picture the person chose
 *
 * Imports @file and sets it as the item's picture, as Choose… does.
 */
void
wf_picture_editor_set_file (WfPictureEditor *self,
                            GFile           *file)
{
  g_return_if_fail (WF_IS_PICTURE_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->item != NULL)
    wf_picture_set_file (self->item, file, GTK_WIDGET (self), FALSE);
}

GtkWidget *
wf_picture_editor_find (WfPictureEditor *self,
                        const char      *role)
{
  g_return_val_if_fail (WF_IS_PICTURE_EDITOR (self), NULL);

  if (g_str_equal (role, "group"))
    return GTK_WIDGET (self->group);
  if (g_str_equal (role, "preview"))
    return GTK_WIDGET (self->preview);
  if (g_str_equal (role, "choose"))
    return self->choose_button;
  if (g_str_equal (role, "remove"))
    return self->remove_button;
  if (g_str_equal (role, "alt"))
    return GTK_WIDGET (self->alt_row);
  if (g_str_equal (role, "focus-x"))
    return GTK_WIDGET (self->focus_x_scale);
  if (g_str_equal (role, "focus-y"))
    return GTK_WIDGET (self->focus_y_scale);

  return NULL;
}

/**
 * wf_picture_editor_get_texture:
 *
 * Returns: (transfer none) (nullable): the picture shown, once decoded
 */
GdkTexture *
wf_picture_editor_get_texture (WfPictureEditor *self)
{
  g_return_val_if_fail (WF_IS_PICTURE_EDITOR (self), NULL);

  return self->preview->texture;
}

/* Setting a picture from outside */

/**
 * wf_picture_member:
 * @item: a persona or a card
 *
 * Returns: (nullable): "photo", "image", or %NULL for an item without
 *   a picture
 */
const char *
wf_picture_member (WfItem *item)
{
  if (WF_IS_PERSONA (item))
    return "photo";
  if (WF_IS_CARD (item))
    return "image";
  return NULL;
}

/**
 * wf_picture_show_error:
 * @widget: a widget in the window
 *
 * Shows @message in the window's toast overlay.
 */
void
wf_picture_show_error (GtkWidget  *widget,
                       const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  g_debug ("Picture: %s", message);
  if (overlay != NULL)
    wf_toast_show (ADW_TOAST_OVERLAY (overlay), wf_toast_new_text (message));
  else
    gtk_widget_error_bell (widget);
}

typedef struct
{
  WfItem    *item;
  GtkWidget *widget;
  gboolean   toast;
} SetPicture;

static void
set_picture_free (SetPicture *set)
{
  g_object_unref (set->item);
  g_object_unref (set->widget);
  g_free (set);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SetPicture *set = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WfImage) image = wf_picture_import_finish (result, &error);
  WfDocument *document = wf_item_get_document (set->item);
  gboolean persona = WF_IS_PERSONA (set->item);
  WfImage *old;
  WfUndoStack *stack;

  if (image == NULL)
    {
      wf_picture_show_error (set->widget, error->message);
      set_picture_free (set);
      return;
    }

  /* Removed while the picture was read. */
  if (document == NULL)
    {
      set_picture_free (set);
      return;
    }

  old = persona ? wf_persona_get_photo (WF_PERSONA (set->item)) : wf_card_get_image (WF_CARD (set->item));
  stack = wf_document_get_undo_stack (document);
  wf_undo_stack_seal (stack);
  wf_undo_stack_begin (stack, persona ? (old ? _("Replace Photo") : _("Add Photo"))
                                      : (old ? _("Replace Image") : _("Add Image")));
  wf_edit_set (set->item, wf_picture_member (set->item), image, NULL);
  wf_undo_stack_end (stack);
  wf_undo_stack_seal (stack);

  if (set->toast)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (set->widget, ADW_TYPE_TOAST_OVERLAY);
      g_autofree char *message = NULL;

      if (persona)
        /* Translators: %s is a persona's name */
        message = g_strdup_printf (_("New photo for “%s”"), wf_persona_get_name (WF_PERSONA (set->item)));
      else
        /* Translators: %s is a card's title */
        message = g_strdup_printf (_("New image for “%s”"), wf_card_get_title (WF_CARD (set->item)));

      if (overlay != NULL)
        wf_toast_show (ADW_TOAST_OVERLAY (overlay), wf_toast_new_undo (stack, message));
    }

  set_picture_free (set);
}

static SetPicture *
set_picture_new (WfItem    *item,
                 GtkWidget *widget,
                 gboolean   toast)
{
  SetPicture *set = g_new0 (SetPicture, 1);

  set->item = g_object_ref (item);
  set->widget = g_object_ref (widget);
  set->toast = toast;

  return set;
}

/**
 * wf_picture_set_file:
 * @item: a persona or a card
 * @file: a picture from outside
 * @widget: where errors are shown
 * @toast: whether to say that it was set, with Undo
 *
 * Imports @file off the main thread and sets it as @item's picture, as
 * one undoable step.
 */
void
wf_picture_set_file (WfItem    *item,
                     GFile     *file,
                     GtkWidget *widget,
                     gboolean   toast)
{
  g_return_if_fail (wf_picture_member (item) != NULL);
  g_return_if_fail (G_IS_FILE (file));

  wf_picture_import_file_async (file, NULL, on_imported, set_picture_new (item, widget, toast));
}

/**
 * wf_picture_set_texture:
 * @texture: pixels another application dropped or copied
 *
 * As wf_picture_set_file(), for pixels.
 */
void
wf_picture_set_texture (WfItem     *item,
                        GdkTexture *texture,
                        GtkWidget  *widget,
                        gboolean    toast)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (wf_picture_member (item) != NULL);
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  bytes = gdk_texture_save_to_png_bytes (texture);
  /* Translators: names a picture dropped or pasted from another application in
   * messages such as "“Picture” is too large: 9000 × 9000 pixels" */
  wf_picture_import_async (bytes, _("Picture"), NULL, on_imported, set_picture_new (item, widget, toast));
}

/**
 * wf_picture_set_value:
 * @value: a dropped or pasted #GdkFileList, #GFile or #GdkTexture
 *
 * Returns: whether @value holds a picture, now on its way
 */
gboolean
wf_picture_set_value (WfItem       *item,
                      const GValue *value,
                      GtkWidget    *widget,
                      gboolean      toast)
{
  GFile *file = NULL;

  g_return_val_if_fail (wf_picture_member (item) != NULL, FALSE);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      file = files != NULL ? files->data : NULL;
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);
  else if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE) && g_value_get_object (value) != NULL)
    {
      wf_picture_set_texture (item, g_value_get_object (value), widget, toast);
      return TRUE;
    }

  if (file == NULL)
    return FALSE;

  wf_picture_set_file (item, file, widget, toast);
  return TRUE;
}

/**
 * wf_picture_drop_target_new:
 *
 * Returns: (transfer full): a drop target for files and pixels, whose
 *   "drop" the caller connects
 */
GtkDropTarget *
wf_picture_drop_target_new (void)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, GDK_TYPE_TEXTURE };
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));

  return drop;
}

typedef struct
{
  GBytes *bytes;
  int     size;
  double  focus_x, focus_y;
} Thumbnail;

static void
thumbnail_free (Thumbnail *thumbnail)
{
  g_bytes_unref (thumbnail->bytes);
  g_free (thumbnail);
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Thumbnail *thumbnail = task_data;
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (thumbnail->bytes);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) square = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  GError *error = NULL;
  int width, height, side, x, y;

  if ((pixbuf = gdk_pixbuf_new_from_stream (stream, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The largest square with the focal point as near its middle as the
   * picture allows, as the preview crops a photo. */
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  side = MIN (width, height);
  x = CLAMP ((int) (thumbnail->focus_x * width - side / 2.0), 0, width - side);
  y = CLAMP ((int) (thumbnail->focus_y * height - side / 2.0), 0, height - side);
  square = gdk_pixbuf_new_subpixbuf (pixbuf, x, y, side, side);
  scaled = gdk_pixbuf_scale_simple (square, thumbnail->size, thumbnail->size, GDK_INTERP_BILINEAR);

  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (scaled), g_object_unref);
}

/**
 * wf_picture_load_thumbnail_async:
 * @image: a picture
 * @size: the side of the square, in pixels
 *
 * Decodes @image off the main thread and crops it to a square around its
 * focal point, for an avatar.
 */
void
wf_picture_load_thumbnail_async (WfImage             *image,
                                 int                  size,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Thumbnail *thumbnail = g_new0 (Thumbnail, 1);

  g_return_if_fail (image != NULL);
  g_return_if_fail (size > 0);

  thumbnail->bytes = g_bytes_ref (wf_image_get_bytes (image));
  thumbnail->size = size;
  wf_image_get_focus (image, &thumbnail->focus_x, &thumbnail->focus_y);
  g_task_set_task_data (task, thumbnail, (GDestroyNotify) thumbnail_free);
  g_task_run_in_thread (task, thumbnail_thread);
}

/**
 * wf_picture_load_thumbnail_finish:
 *
 * Returns: (transfer full): the square, or %NULL with @error set
 */
GdkTexture *
wf_picture_load_thumbnail_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
