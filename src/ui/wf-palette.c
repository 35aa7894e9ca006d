/* wf-palette.c — what can be dragged onto the canvas
 *
 * A column of items: a phase, a card of each kind, a lane of each kind
 * and a persona. Each can be dragged onto the canvas, which decides where
 * it lands; activating one (Enter, or a click) emits ::item-activated, so
 * that the keyboard can add it where the canvas's focus is.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wf-palette.h"

struct _WfPalette
{
  GtkWidget  parent_instance;

  GtkWidget *scrolled;
  GPtrArray *rows;      /* every item, top to bottom */
  GtkWidget *current;   /* the row Tab comes back to */
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WfPalette, wf_palette, GTK_TYPE_WIDGET)

typedef struct
{
  const char *kind;
  const char *label;
  const char *icon;
  WfLaneKind  lane_kind;
} Item;

static const Item cards[] = {
  { "touchpoint", N_("Touchpoint"), "mail-send-symbolic", WF_LANE_TOUCHPOINTS },
  { "action", N_("Action"), "input-mouse-symbolic", WF_LANE_ACTIONS },
  { "thought", N_("Thought"), "dialog-question-symbolic", WF_LANE_THOUGHTS },
  { "emotion", N_("Emotion"), "face-smile-symbolic", WF_LANE_EMOTIONS },
  { "pain-point", N_("Pain Point"), "dialog-warning-symbolic", WF_LANE_PAIN_POINTS },
  { "opportunity", N_("Opportunity"), "starred-symbolic", WF_LANE_OPPORTUNITIES },
  { "metric", N_("Metric"), "x-office-spreadsheet-symbolic", WF_LANE_METRICS },
  { "backstage", N_("Backstage"), "emblem-system-symbolic", WF_LANE_BACKSTAGE },
  { "note", N_("Note"), "accessories-text-editor-symbolic", WF_LANE_NOTES },
};

/**
 * wf_palette_kind_is_card:
 * @lane_kind: (out) (optional): the kind of lane such a card goes in
 */
gboolean
wf_palette_kind_is_card (const char *kind,
                         WfLaneKind *lane_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    if (g_strcmp0 (kind, cards[i].kind) == 0)
      {
        if (lane_kind != NULL)
          *lane_kind = cards[i].lane_kind;
        return TRUE;
      }

  return FALSE;
}

/**
 * wf_palette_kind_is_lane:
 * @kind: "lane:KIND", KIND as in the .journey file
 * @lane_kind: (out) (optional): the kind of the lane
 */
gboolean
wf_palette_kind_is_lane (const char *kind,
                         WfLaneKind *lane_kind)
{
  WfLaneKind found;

  if (kind == NULL || !g_str_has_prefix (kind, "lane:") ||
      !wf_lane_kind_from_string (kind + strlen ("lane:"), &found))
    return FALSE;

  if (lane_kind != NULL)
    *lane_kind = found;
  return TRUE;
}

const char *
wf_palette_kind_get_label (const char *kind)
{
  WfLaneKind lane_kind;

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    if (g_strcmp0 (kind, cards[i].kind) == 0)
      return _(cards[i].label);

  if (wf_palette_kind_is_lane (kind, &lane_kind))
    return wf_lane_kind_get_label (lane_kind);

  if (g_strcmp0 (kind, "phase") == 0)
    return _("Phase");

  return _("Persona");
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "palette-kind");
  g_autofree char *text = g_strconcat (WF_PALETTE_PREFIX, kind, NULL);

  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

/* The palette is one stop on the way Tab goes: Tab enters it at the row
 * last used and leaves it at once; the arrows move from row to row, from
 * one group into the next.
 */
static GtkWidget *
focused_row (WfPalette *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (GTK_IS_LIST_BOX_ROW (w))
      return w;

  return NULL;
}

static gboolean
wf_palette_focus (GtkWidget        *widget,
                  GtkDirectionType  direction)
{
  WfPalette *self = WF_PALETTE (widget);
  GtkWidget *row = gtk_widget_get_focus_child (widget) ? focused_row (self) : NULL;
  guint index;

  if (row != NULL)
    self->current = row;

  switch (direction)
    {
    case GTK_DIR_TAB_FORWARD:
    case GTK_DIR_TAB_BACKWARD:
      if (row != NULL)
        return FALSE;
      return gtk_widget_grab_focus (self->current ? self->current : g_ptr_array_index (self->rows, 0));

    case GTK_DIR_UP:
    case GTK_DIR_DOWN:
      if (row == NULL || !g_ptr_array_find (self->rows, row, &index))
        return gtk_widget_grab_focus (self->current ? self->current : g_ptr_array_index (self->rows, 0));
      if (direction == GTK_DIR_UP && index > 0)
        index--;
      else if (direction == GTK_DIR_DOWN && index + 1 < self->rows->len)
        index++;
      else
        return TRUE;   /* the first or last row: the focus stays */
      self->current = g_ptr_array_index (self->rows, index);
      return gtk_widget_grab_focus (self->current);

    case GTK_DIR_LEFT:
    case GTK_DIR_RIGHT:
    default:
      return row != NULL;
    }
}

/* A list box moves its own cursor with the arrows; past its last row it
 * gives up, and the next group takes over.
 */
static gboolean
on_list_keynav_failed (GtkWidget        *list,
                       GtkDirectionType  direction,
                       WfPalette        *self)
{
  return wf_palette_focus (GTK_WIDGET (self), direction);
}

static void
add_item (WfPalette  *self,
          GtkWidget  *box,
          const char *kind,
          const char *label,
          const char *icon)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkDragSource *source = gtk_drag_source_new ();
  g_autofree char *tooltip = g_strdup_printf (_("Drag onto the map, or press Enter to add at the focused card"));

  /* The icon only decorates the label: no "GtkImage" for a screen reader. */
  gtk_box_append (GTK_BOX (content), g_object_new (GTK_TYPE_IMAGE, "icon-name", icon,
                                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL));
  gtk_box_append (GTK_BOX (content), gtk_label_new (label));
  gtk_widget_set_margin_start (content, 8);
  gtk_widget_set_margin_end (content, 8);
  gtk_widget_set_margin_top (content, 6);
  gtk_widget_set_margin_bottom (content, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), content);
  gtk_widget_set_tooltip_text (row, tooltip);
  /* GTK 4.8 leaves a row without a name of its own unnamed: the text is
   * on the label inside it. The tooltip stays its description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (row), "palette-kind", g_strdup (kind), g_free);

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  gtk_list_box_append (GTK_LIST_BOX (box), row);
  g_ptr_array_add (self->rows, row);
}

static GtkWidget *
add_group (WfPalette  *self,
           GtkWidget  *column,
           const char *title)
{
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_start (heading, 8);
  gtk_box_append (GTK_BOX (column), heading);

  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect (list, "keynav-failed", G_CALLBACK (on_list_keynav_failed), self);
  gtk_box_append (GTK_BOX (column), list);

  return list;
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  WfPalette     *self)
{
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0,
                 (const char *) g_object_get_data (G_OBJECT (row), "palette-kind"));
}

static void
wf_palette_dispose (GObject *object)
{
  WfPalette *self = WF_PALETTE (object);

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->current = NULL;

  G_OBJECT_CLASS (wf_palette_parent_class)->dispose (object);
}

static void
wf_palette_class_init (WfPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_palette_dispose;
  widget_class->focus = wf_palette_focus;

  /**
   * WfPalette::item-activated:
   * @kind: "phase", "persona", a card kind ("touchpoint", "pain-point", …)
   *   or "lane:KIND"
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wfpalette");
}

static void
wf_palette_init (WfPalette *self)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *list;

  self->rows = g_ptr_array_new ();
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), column);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  gtk_widget_set_size_request (GTK_WIDGET (self), 190, -1);

  list = add_group (self, column, _("Map"));
  add_item (self, list, "phase", _("Phase"), "view-grid-symbolic");
  add_item (self, list, "persona", _("Persona"), "avatar-default-symbolic");
  g_signal_connect (list, "row-activated", G_CALLBACK (on_row_activated), self);

  list = add_group (self, column, _("Cards"));
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    add_item (self, list, cards[i].kind, _(cards[i].label), cards[i].icon);
  g_signal_connect (list, "row-activated", G_CALLBACK (on_row_activated), self);

  list = add_group (self, column, _("Lanes"));
  for (guint k = 0; k < WF_N_LANE_KINDS; k++)
    {
      g_autofree char *kind = g_strconcat ("lane:", wf_lane_kind_to_string (k), NULL);

      add_item (self, list, kind, wf_lane_kind_get_label (k), "view-list-symbolic");
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (on_row_activated), self);
}

GtkWidget *
wf_palette_new (void)
{
  return g_object_new (WF_TYPE_PALETTE, NULL);
}
