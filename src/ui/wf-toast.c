/* wf-toast.c — toasts that show text as it is
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-toast.h"

/**
 * wf_toast_new_text:
 * @text: what the toast says, plain text: "Exported “Q&A <draft>.png”"
 *
 * An AdwToast's title is Pango markup, and libadwaita 1.2 cannot turn that
 * off: a title or a file name with a `&` or a `<` in it left the toast
 * empty. Every toast is made here, with @text escaped.
 *
 * Returns: (transfer floating): a new toast
 */
AdwToast *
wf_toast_new_text (const char *text)
{
  g_autofree char *markup = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  markup = g_markup_escape_text (text, -1);
  return adw_toast_new (markup);
}
