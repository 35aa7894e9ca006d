/* wf-swatch.c — a round colour to choose, for cards, phases and personas
 *
 * A toggle button drawn as a disc of its colour, or a ring struck through
 * for no colour; the chosen one has a check mark, so that the choice does
 * not rest on colour alone. Its accessible label is the colour's name;
 * to a screen reader it is a radio button, checked when chosen.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-swatch.h"

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const char *swatch_color = data;
  GtkWidget *button = gtk_widget_get_parent (GTK_WIDGET (area));
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
  double cx = width / 2.0, cy = height / 2.0;
  double r = MIN (width, height) / 2.0 - 1.0;
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);

  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);

  if (swatch_color != NULL)
    {
      GdkRGBA color;

      gdk_rgba_parse (&color, swatch_color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.2);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
  else
    {
      /* An empty ring, struck through. */
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      if (!active)
        {
          cairo_move_to (cr, cx - r * 0.7, cy + r * 0.7);
          cairo_line_to (cr, cx + r * 0.7, cy - r * 0.7);
          cairo_stroke (cr);
        }
    }

  if (active)
    {
      /* A check mark, so that the choice does not rest on colour alone. */
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_move_to (cr, cx - r * 0.45, cy + r * 0.02);
      cairo_line_to (cr, cx - r * 0.1, cy + r * 0.38);
      cairo_line_to (cr, cx + r * 0.48, cy - r * 0.34);

      if (swatch_color != NULL)
        {
          cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
          cairo_set_line_width (cr, 4.0);
          cairo_stroke_preserve (cr);
          cairo_set_source_rgb (cr, 1, 1, 1);
        }
      else
        gdk_cairo_set_source_rgba (cr, &fg);

      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
}

/* One colour of several, chosen or not: a radio button to a screen
 * reader, checked, rather than a toggle button pressed. */
static void
update_checked (GtkToggleButton *button)
{
  gtk_accessible_reset_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (button), -1);
}

/**
 * wf_swatch_new:
 * @color: (nullable): the colour as `#rrggbb`, kept as it is (a static
 *   string), or %NULL for no colour
 * @name: the colour's name, translated, for the tooltip and screen readers
 *
 * Returns: (transfer floating): a toggle button showing @color
 */
GtkWidget *
wf_swatch_new (const char *color,
               const char *name)
{
  GtkWidget *button = g_object_new (GTK_TYPE_TOGGLE_BUTTON, "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO, NULL);
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 18);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 18);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, (gpointer) color, NULL);
  gtk_button_set_child (GTK_BUTTON (button), area);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  /* Drawn anew when chosen or not, for the check mark. */
  g_signal_connect_swapped (button, "toggled", G_CALLBACK (gtk_widget_queue_draw), area);
  g_signal_connect (button, "toggled", G_CALLBACK (update_checked), NULL);
  update_checked (GTK_TOGGLE_BUTTON (button));

  return button;
}
