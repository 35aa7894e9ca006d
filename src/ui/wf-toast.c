/* wf-toast.c — toasts that show text as it is, and toasts with an Undo
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "storage/wf-quote.h"
#include "wf-a11y.h"
#include "wf-announcer.h"
#include "wf-toast.h"

#define TOAST_MAX_CHARS 200

/**
 * wf_toast_new_text:
 * @text: what the toast says, plain text: "Exported “Q&A <draft>.png”"
 *
 * An AdwToast's title is Pango markup, and libadwaita 1.2 cannot turn that
 * off: a title or a file name with a `&` or a `<` in it left the toast
 * empty. Every toast is made here, with @text escaped, on one line and
 * cut to 200 characters.
 *
 * Returns: (transfer floating): a new toast
 */
AdwToast *
wf_toast_new_text (const char *text)
{
  g_autofree char *line = NULL;
  g_autofree char *markup = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* One line, and no longer than a toast can show: a title of a million
   * characters would keep Pango busy for minutes.
   */
  line = wf_quote_excerpt_len (text, -1, TOAST_MAX_CHARS);
  markup = g_markup_escape_text (line, -1);
  return adw_toast_new (markup);
}

/* The first label at or under @widget that is not in a button: a
 * toast's title. */
static GtkWidget *
find_title (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return NULL;
  if (GTK_IS_LABEL (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_title (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A toast's button with a label (Undo) says what it acts on, the
 * toast's title, as its description: "Undo, 1 card deleted". */
static void
describe_buttons (GtkWidget  *widget,
                  const char *title)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    describe_buttons (child, title);
}

/* libadwaita 1.2 names a toast's buttons "_Undo Undo" and "GtkImage"
 * (issue #20), and makes them only when the toast is shown, after
 * wf_a11y_watch() has seen the window: they are named here, and the
 * action button described by the toast's title.
 */
static gboolean
name_toasts_cb (gpointer data)
{
  g_autoptr(GtkWidget) overlay = g_weak_ref_get (data);
  GtkWidget *content;

  if (overlay == NULL)
    return G_SOURCE_REMOVE;

  content = adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay));

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *title;

      if (child == content)
        continue;
      wf_a11y_watch (child);
      wf_a11y_name_icon_buttons (child);
      title = find_title (child);
      if (title != NULL)
        describe_buttons (child, gtk_label_get_text (GTK_LABEL (title)));
    }

  return G_SOURCE_REMOVE;
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* A weak reference: holding the overlay past its window made libadwaita
 * 1.2 finalize it later, out of order, and crash on its toasts. */
static void
name_toasts_later (AdwToastOverlay *overlay)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, overlay);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, name_toasts_cb, ref, free_weak_ref);
}

/**
 * wf_toast_show:
 * @overlay: where to show it
 * @toast: (transfer full): the toast
 *
 * Shows @toast, and tells a screen reader what it says: a toast does not
 * take the focus, so it would go unheard.
 */
void
wf_toast_show (AdwToastOverlay *overlay,
               AdwToast        *toast)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (pango_parse_markup (adw_toast_get_title (toast), -1, 0, NULL, &text, NULL, NULL))
    wf_announce (GTK_WIDGET (overlay), text);
  /* The toast's widget is made when it is shown: now, or when the one
   * before it goes. */
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (name_toasts_later), overlay, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (overlay, toast);
  name_toasts_later (overlay);
}

/* Both weak: a step must not outlive its document, whose items it
 * refers to; a toast can.
 */
typedef struct
{
  GWeakRef stack;
  GWeakRef command;
  gint64   created;     /* monotonic, µs */
} UndoData;

/* libadwaita 1.2 frees a toast's show animation while skipping it when
 * the toast is dismissed during that animation (300 ms), and then uses
 * it: a crash. A toast is therefore dismissed only once it has been
 * shown that long. Later versions do not need this, and it costs
 * nothing there: the Undo of a step already undone does nothing.
 */
#define SHOW_ANIMATION_US (400 * G_TIME_SPAN_MILLISECOND)

static gboolean
dismiss_cb (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));

  return G_SOURCE_REMOVE;
}

static void
dismiss_when_shown (AdwToast *toast,
                    gint64    created)
{
  gint64 age = g_get_monotonic_time () - created;

#if ADW_CHECK_VERSION (1, 3, 0)
  age = SHOW_ANIMATION_US;
#endif

  if (age >= SHOW_ANIMATION_US)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, (SHOW_ANIMATION_US - age) / 1000 + 1,
                        dismiss_cb, g_object_ref (toast), g_object_unref);
}

#define UNDO_DATA_KEY "wf-toast-undo"

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_weak_ref_clear (&undo->stack);
  g_weak_ref_clear (&undo->command);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast)
{
  UndoData *undo = g_object_get_data (G_OBJECT (toast), UNDO_DATA_KEY);
  g_autoptr(WfUndoStack) stack = g_weak_ref_get (&undo->stack);
  g_autoptr(WfCommand) command = g_weak_ref_get (&undo->command);

  if (stack != NULL && command != NULL)
    wf_undo_stack_undo_command (stack, command);
}

/* Once the step is no longer the last one done (Ctrl+Z undid it, or
 * another edit came after), the toast's Undo could do nothing: it goes.
 */
static void
on_stack_changed (WfUndoStack *stack,
                  AdwToast    *toast)
{
  UndoData *undo = g_object_get_data (G_OBJECT (toast), UNDO_DATA_KEY);
  g_autoptr(WfCommand) command = g_weak_ref_get (&undo->command);

  if (command == NULL || wf_undo_stack_peek_undo (stack) != command)
    {
      g_signal_handlers_disconnect_by_func (stack, on_stack_changed, toast);
      dismiss_when_shown (toast, undo->created);
    }
}

/**
 * wf_toast_new_undo:
 * @stack: the stack whose last step the message is about
 * @title: the message, plain text as for wf_toast_new_text()
 *
 * "3 cards deleted — Undo" belongs to the deletion: its button undoes
 * that step, never whatever else is on top of the stack, and the toast
 * goes as soon as the step is no longer the last one done (Ctrl+Z undid
 * it, or another edit came after).
 *
 * Returns: (transfer floating): a toast with an Undo button for the step
 *   just done
 */
AdwToast *
wf_toast_new_undo (WfUndoStack *stack,
                   const char  *title)
{
  AdwToast *toast = wf_toast_new_text (title);
  WfCommand *command;

  g_return_val_if_fail (WF_IS_UNDO_STACK (stack), toast);

  /* The step stays what it is: nothing typed next merges into it. */
  wf_undo_stack_seal (stack);
  command = wf_undo_stack_peek_undo (stack);

  if (command != NULL)
    {
      UndoData *undo = g_new0 (UndoData, 1);

      g_weak_ref_init (&undo->stack, stack);
      g_weak_ref_init (&undo->command, command);
      undo->created = g_get_monotonic_time ();
      g_object_set_data_full (G_OBJECT (toast), UNDO_DATA_KEY, undo, undo_data_free);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_clicked), NULL);
      g_signal_connect_object (stack, "changed", G_CALLBACK (on_stack_changed), toast, 0);
    }

  return toast;
}
