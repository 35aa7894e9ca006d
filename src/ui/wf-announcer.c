/* wf-announcer.c — telling a screen reader what happened away from the focus
 *
 * A toast, a vote counted in a workshop, the next phase of a
 * presentation: none of them moves the keyboard focus, so a screen
 * reader would not notice them. GTK 4.14 can announce a message; GTK 4.8
 * cannot, so the window keeps an announcer: an empty status object,
 * never drawn and of no size, whose name becomes the message, for what
 * follows a window's status. Orca does not (it reads a name change only
 * on the focused object), so while the keyboard is on the map the map
 * tells the message as a focus event (wf_canvas_a11y_announce_soon()). Under
 * GTK 4.14 and later the message is announced as such instead.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-announcer.h"
#include "wf-canvas-private.h"

#define ANNOUNCER_KEY "wf-announcer"

struct _WfAnnouncer
{
  GtkWidget  parent_instance;

  char      *message;   /* the last one, to tell it again when repeated */
};

G_DEFINE_FINAL_TYPE (WfAnnouncer, wf_announcer, GTK_TYPE_WIDGET)

static void
wf_announcer_finalize (GObject *object)
{
  g_free (WF_ANNOUNCER (object)->message);

  G_OBJECT_CLASS (wf_announcer_parent_class)->finalize (object);
}

static void
wf_announcer_class_init (WfAnnouncerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wf_announcer_finalize;

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "wfannouncer");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
wf_announcer_init (WfAnnouncer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
}

/**
 * wf_announcer_new:
 *
 * The announcer of the window it is put in: it registers itself with its
 * root once it has one, for wf_announce().
 *
 * Returns: (transfer floating): a new announcer
 */
GtkWidget *
wf_announcer_new (void)
{
  return g_object_new (WF_TYPE_ANNOUNCER, NULL);
}

/**
 * wf_announcer_attach:
 * @root: the window
 * @announcer: its announcer, already under it
 */
void
wf_announcer_attach (GtkWindow   *root,
                     WfAnnouncer *announcer)
{
  g_return_if_fail (GTK_IS_WINDOW (root));
  g_return_if_fail (WF_IS_ANNOUNCER (announcer));

  g_object_set_data (G_OBJECT (root), ANNOUNCER_KEY, announcer);
}

/**
 * wf_announcer_get_message:
 *
 * Returns: (nullable): the last message, for tests
 */
const char *
wf_announcer_get_message (WfAnnouncer *self)
{
  g_return_val_if_fail (WF_IS_ANNOUNCER (self), NULL);

  return self->message;
}

static void
announce (WfAnnouncer *self,
          const char  *message)
{
  /* The same message twice is two events: the name goes empty between. */
  if (g_strcmp0 (self->message, message) == 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, message, -1);

#if GTK_CHECK_VERSION (4, 14, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_accessible_announce (GTK_ACCESSIBLE (gtk_widget_get_root (GTK_WIDGET (self))), message,
                             GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  /* Orca reads a name change only on the focused object, and GTK 4.8
   * never calls an object showing: while the keyboard is on the map,
   * the map tells it as a focus event, or with the focus event of the
   * card that takes the focus right after (Delete). */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
    GtkWidget *canvas = focus ? gtk_widget_get_ancestor (focus, WF_TYPE_CANVAS) : NULL;

    if (canvas != NULL)
      wf_canvas_a11y_announce_soon (WF_CANVAS (canvas), message);
  }
#endif
}

/**
 * wf_announce:
 * @widget: any widget of the window
 * @message: what happened, in a few words: "3 votes"
 *
 * Tells a screen reader @message through the window's announcer; does
 * nothing in a window without one.
 */
void
wf_announce (GtkWidget  *widget,
             const char *message)
{
  GtkRoot *root;
  WfAnnouncer *announcer;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  root = gtk_widget_get_root (widget);
  announcer = root ? g_object_get_data (G_OBJECT (root), ANNOUNCER_KEY) : NULL;
  if (announcer != NULL)
    announce (announcer, message);
}
