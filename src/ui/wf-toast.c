/* wf-toast.c — toasts that show text as it is, and toasts with an Undo
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "storage/wf-quote.h"
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

/* Both weak: a step must not outlive its document, whose items it
 * refers to; a toast can.
 */
typedef struct
{
  GWeakRef stack;
  GWeakRef command;
} UndoData;

static void
undo_data_free (gpointer data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_weak_ref_clear (&undo->stack);
  g_weak_ref_clear (&undo->command);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast,
                 UndoData *undo)
{
  g_autoptr(WfUndoStack) stack = g_weak_ref_get (&undo->stack);
  g_autoptr(WfCommand) command = g_weak_ref_get (&undo->command);

  if (stack != NULL && command != NULL)
    wf_undo_stack_undo_command (stack, command);
}

/**
 * wf_toast_new_undo:
 * @stack: the stack whose last step the message is about
 * @title: the message, plain text as for wf_toast_new_text()
 *
 * "3 cards deleted — Undo" belongs to the deletion: its button undoes
 * that step while it is the last one done, and nothing once Ctrl+Z undid
 * it or another edit came after, rather than whatever is on top of the
 * stack.
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
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                             undo, undo_data_free, 0);
    }

  return toast;
}
