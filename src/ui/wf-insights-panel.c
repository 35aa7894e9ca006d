/* wf-insights-panel.c — the gaps of the map on the canvas, listed
 *
 * A list of the findings of the canvas's map (WfFindings), which follows
 * the map as it is edited. Activating a finding shows it on the canvas:
 * its cards selected, and outlined and brought into view, or, for a
 * finding with no cards (a phase a persona never reaches), the cells of
 * that phase in the persona's lanes.
 *
 * Above the list, the heat view's choice: which metric tints the map's
 * cells (WfMap:heat, one undoable step), from the metrics the map's
 * cards and phases have, listed again when its figures change.
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wf-a11y.h"
#include "wf-insights-panel.h"
#include "render/wf-heat.h"

struct _WfInsightsPanel
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *stack;
  GtkWidget  *list;
  GtkWidget  *show_dismissed;
  GtkWidget  *heat;         /* GtkDropDown: "None", then the metrics */
  GtkStringList *heat_names;
  gboolean    updating_heat;
  gboolean    read_only;    /* a team's viewer: no dismissing, no heat choice */
  guint       heat_id;      /* the idle that lists the metrics again */
  guint       find_id;      /* the idle that finds a new map's gaps… */
  GdkFrameClock *find_clock; /* …after the canvas's next frame, */
  gulong      find_painted; /* whose "after-paint" starts it */
  WfFindings *findings;
  WfCanvas   *canvas;
  WfDocument *document;     /* of the canvas's map, while it has one */
};

G_DEFINE_FINAL_TYPE (WfInsightsPanel, wf_insights_panel, GTK_TYPE_WIDGET)

/* Sets a finding aside, or takes it back, as one undoable step. */
static void
set_dismissed (WfFinding *finding,
               gboolean   dismissed)
{
  WfMap *map = wf_finding_get_map (finding);
  const char *key = wf_finding_get_key (finding);
  const char * const *old = wf_map_get_dismissed (map);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;

  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    if (strcmp (old[i], key) != 0)
      g_strv_builder_add (builder, old[i]);
  if (dismissed)
    g_strv_builder_add (builder, key);

  keys = g_strv_builder_end (builder);
  wf_edit_set (map, "dismissed", keys, NULL);
}

static void
on_dismiss_clicked (GtkButton *button,
                    WfFinding *finding)
{
  WfMap *map = wf_finding_get_map (finding);

  set_dismissed (finding, !wf_map_is_dismissed (map, wf_finding_get_key (finding)));
}

/* A row: the rule as a small heading over the sentence, and a button
 * that sets the finding aside (or takes it back, when set aside ones are
 * shown). */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  WfInsightsPanel *self = user_data;
  WfFinding *finding = item;
  gboolean dismissed = wf_map_is_dismissed (wf_finding_get_map (finding), wf_finding_get_key (finding));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *rule = gtk_label_new (wf_insights_get_rule_title (wf_finding_get_rule (finding)));
  GtkWidget *message = gtk_label_new (wf_finding_get_message (finding));
  GtkWidget *button = gtk_button_new_from_icon_name (dismissed ? "edit-undo-symbolic" : "window-close-symbolic");
  g_autofree char *button_label = NULL;

  gtk_widget_set_margin_top (hbox, 8);
  gtk_widget_set_margin_bottom (hbox, 8);
  gtk_widget_set_margin_start (hbox, 10);
  gtk_widget_set_margin_end (hbox, 4);
  gtk_widget_set_hexpand (box, TRUE);

  gtk_label_set_xalign (GTK_LABEL (rule), 0);
  gtk_widget_add_css_class (rule, "caption-heading");
  gtk_widget_add_css_class (rule, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (message), 18);
  if (dismissed)
    gtk_widget_add_css_class (message, "dim-label");

  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_tooltip_text (button, dismissed ? _("Take Back") : C_("finding", "Dismiss"));
  button_label = dismissed
    /* Translators: a button's name for screen readers; %s is a finding */
    ? g_strdup_printf (_("Take back: %s"), wf_finding_get_message (finding))
    /* Translators: a button's name for screen readers; %s is a finding */
    : g_strdup_printf (_("Dismiss: %s"), wf_finding_get_message (finding));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_label,
                                  -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_dismiss_clicked), finding, 0);
  g_object_set_data (G_OBJECT (row), "wf-dismiss", button);
  gtk_widget_set_sensitive (button, !self->read_only);

  gtk_box_append (GTK_BOX (box), rule);
  gtk_box_append (GTK_BOX (box), message);
  gtk_box_append (GTK_BOX (hbox), box);
  gtk_box_append (GTK_BOX (hbox), button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);

  /* A screen reader reads the row as one sentence, with its rule. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, wf_finding_get_message (finding),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  wf_insights_get_rule_title (wf_finding_get_rule (finding)),
                                  -1);

  return row;
}

static void
update_show_dismissed (WfInsightsPanel *self)
{
  guint n = wf_findings_get_n_dismissed (self->findings);
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u Dismissed", "Show %u Dismissed", n), n);

  gtk_check_button_set_label (GTK_CHECK_BUTTON (self->show_dismissed), label);
  gtk_widget_set_visible (self->show_dismissed, n > 0 || wf_findings_get_show_dismissed (self->findings));
}

static void
update_stack (WfInsightsPanel *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->findings)) == 0;
  const char *page = wf_findings_get_map (self->findings) == NULL ? "no-map" : empty ? "empty" : "list";

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
}

/**
 * wf_insights_panel_show_finding:
 * @finding: one of the panel's findings
 *
 * Shows @finding on the canvas: its cards selected, and its cards or the
 * cells it is about outlined and in view.
 */
void
wf_insights_panel_show_finding (WfInsightsPanel *self,
                                WfFinding       *finding)
{
  GPtrArray *cards;

  g_return_if_fail (WF_IS_INSIGHTS_PANEL (self));
  g_return_if_fail (WF_IS_FINDING (finding));

  if (self->canvas == NULL || wf_canvas_get_map (self->canvas) != wf_finding_get_map (finding))
    return;

  /* Its cards selected, so the sidebar shows them; and outlined, with
   * the cells of a finding without cards, all brought into view. */
  cards = wf_finding_get_cards (finding);
  if (cards->len == 0)
    wf_canvas_select (self->canvas, NULL, FALSE);
  for (guint i = 0; i < cards->len; i++)
    wf_canvas_select (self->canvas, g_ptr_array_index (cards, i), i > 0);
  wf_canvas_show_highlight (self->canvas, cards, wf_finding_get_phase (finding),
                            wf_finding_get_persona (finding));
}

static void
on_row_activated (WfInsightsPanel *self,
                  GtkListBoxRow   *row)
{
  g_autoptr(WfFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings),
                                                        gtk_list_box_row_get_index (row));

  if (finding != NULL)
    wf_insights_panel_show_finding (self, finding);
}

/* The heat view */

/* A metric's name in the choice, no wider than @data characters: a
 * long name must not widen the pane. The button cuts it short; the list
 * wraps it, whole.
 */
static void
on_name_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);
  int max_chars = GPOINTER_TO_INT (data);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_chars);
  if (max_chars < 20)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  gtk_list_item_set_child (item, label);
}

static void
on_name_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  const char *name = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);
  int max_chars = GPOINTER_TO_INT (data);

  /* A label that ellipsizes or wraps asks for little width of its own:
   * as wide as the name, up to the most. */
  gtk_label_set_text (GTK_LABEL (label), name);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (name, max_chars + 1), max_chars));
  gtk_widget_set_tooltip_text (label, name);
}

static GtkListItemFactory *
name_factory (int max_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_name_setup), GINT_TO_POINTER (max_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (on_name_bind), GINT_TO_POINTER (max_chars));

  return factory;
}

static WfMap *
get_map (WfInsightsPanel *self)
{
  return self->canvas != NULL ? wf_canvas_get_map (self->canvas) : NULL;
}

/* Lists the map's metrics again and selects the one shown; a metric
 * shown that no figure has any more stays listed, so the choice reads
 * true.
 */
static void
update_heat (WfInsightsPanel *self)
{
  WfMap *map = get_map (self);
  g_auto(GStrv) names = map != NULL ? wf_heat_list_metrics (map) : NULL;
  const char *shown = map != NULL ? wf_map_get_heat (map) : "";
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  guint selected = 0, n_old;

  g_clear_handle_id (&self->heat_id, g_source_remove);

  /* Translators: the heat view's choice of no metric */
  g_strv_builder_add (builder, C_("heat view", "None"));
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (strcmp (names[i], shown) == 0)
        selected = i + 1;
      g_strv_builder_add (builder, names[i]);
    }
  if (*shown != '\0' && selected == 0)
    {
      g_strv_builder_add (builder, shown);
      selected = g_strv_length (names) + 1;
    }
  list = g_strv_builder_end (builder);

  self->updating_heat = TRUE;
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->heat_names));
  gtk_string_list_splice (self->heat_names, 0, n_old, (const char * const *) list);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->heat), selected);
  gtk_widget_set_sensitive (self->heat, map != NULL && g_strv_length (list) > 1 && !self->read_only);
  self->updating_heat = FALSE;
}

static gboolean
update_heat_cb (gpointer data)
{
  WfInsightsPanel *self = data;

  self->heat_id = 0;
  update_heat (self);

  return G_SOURCE_REMOVE;
}

/* Lists the metrics again once the edit is done, not for each card of
 * an import.
 */
static void
on_item_changed (WfInsightsPanel *self,
                 WfItem          *item,
                 GParamSpec      *pspec)
{
  gboolean heat = WF_IS_MAP (item) && strcmp (pspec->name, "heat") == 0;

  if ((heat || strcmp (pspec->name, "metrics") == 0) && self->heat_id == 0)
    self->heat_id = g_idle_add (update_heat_cb, self);
}

static void
on_items_changed (WfInsightsPanel *self)
{
  if (self->heat_id == 0)
    self->heat_id = g_idle_add (update_heat_cb, self);
}

static void
on_heat_selected (WfInsightsPanel *self)
{
  WfMap *map = get_map (self);
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->heat));
  const char *name = "";

  if (self->updating_heat || map == NULL)
    return;

  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    name = gtk_string_list_get_string (self->heat_names, selected);

  /* Each choice is a step of its own, not merged like typed text. */
  if (g_strcmp0 (name, wf_map_get_heat (map)) != 0)
    {
      WfUndoStack *stack = wf_document_get_undo_stack (wf_item_get_document (WF_ITEM (map)));

      wf_undo_stack_seal (stack);
      wf_edit_set (map, "heat", name, NULL);
      wf_undo_stack_seal (stack);
    }
}

static void
set_document (WfInsightsPanel *self,
              WfDocument      *document)
{
  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "item-changed", G_CALLBACK (on_item_changed), self);
      g_signal_connect_swapped (document, "item-added", G_CALLBACK (on_items_changed), self);
      g_signal_connect_swapped (document, "item-removed", G_CALLBACK (on_items_changed), self);
    }
}

static gboolean
finding_later (WfInsightsPanel *self)
{
  return self->find_id != 0 || self->find_painted != 0;
}

/* Also after the frame clock went with its window, which took the
 * handler along.
 */
static void
stop_waiting_for_frame (WfInsightsPanel *self)
{
  if (self->find_painted != 0 && g_signal_handler_is_connected (self->find_clock, self->find_painted))
    g_signal_handler_disconnect (self->find_clock, self->find_painted);
  self->find_painted = 0;
  g_clear_object (&self->find_clock);
}

static void
cancel_finding_later (WfInsightsPanel *self)
{
  g_clear_handle_id (&self->find_id, g_source_remove);
  stop_waiting_for_frame (self);
}

static void
find_gaps (WfInsightsPanel *self)
{
  cancel_finding_later (self);
  wf_findings_set_map (self->findings, get_map (self));
  update_stack (self);
}

static gboolean
find_gaps_cb (gpointer data)
{
  WfInsightsPanel *self = data;

  self->find_id = 0;
  find_gaps (self);

  return G_SOURCE_REMOVE;
}

/* The canvas's frame is on the screen: the gaps are found when the main
 * loop is next idle, before the frame after it is due.
 */
static void
on_canvas_painted (WfInsightsPanel *self)
{
  stop_waiting_for_frame (self);
  if (self->find_id == 0)
    self->find_id = g_idle_add (find_gaps_cb, self);
}

static void
find_gaps_later (WfInsightsPanel *self)
{
  GdkFrameClock *clock = self->canvas ? gtk_widget_get_frame_clock (GTK_WIDGET (self->canvas)) : NULL;

  cancel_finding_later (self);
  if (clock == NULL)
    {
      self->find_id = g_idle_add (find_gaps_cb, self);
      return;
    }

  self->find_clock = g_object_ref (clock);
  self->find_painted = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_canvas_painted), self);
}

static void
on_canvas_map_changed (WfInsightsPanel *self)
{
  WfMap *map = get_map (self);

  /* Hidden, as it is when a map opens, the panel finds the new map's
   * gaps after the map's first frame: finding them and making their
   * rows was 7 of the 37 ms that frame froze the window, opening
   * 1,000 cards. Shown, or as soon as it is, at once.
   */
  cancel_finding_later (self);
  if (map != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      wf_findings_set_map (self->findings, NULL);
      find_gaps_later (self);
    }
  else
    wf_findings_set_map (self->findings, map);
  set_document (self, map != NULL ? wf_item_get_document (WF_ITEM (map)) : NULL);
  update_stack (self);
  update_heat (self);
}

static GtkWidget *
status_page (const char *title,
             const char *description)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *body = gtk_label_new (description);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_justify (GTK_LABEL (heading), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (body, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_justify (GTK_LABEL (body), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (body), 18);

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), body);

  return box;
}

static void
wf_insights_panel_dispose (GObject *object)
{
  WfInsightsPanel *self = WF_INSIGHTS_PANEL (object);

  wf_insights_panel_set_canvas (self, NULL);
  g_clear_handle_id (&self->heat_id, g_source_remove);
  cancel_finding_later (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  if (self->findings != NULL)
    g_signal_handlers_disconnect_by_data (self->findings, self);
  g_clear_object (&self->findings);

  G_OBJECT_CLASS (wf_insights_panel_parent_class)->dispose (object);
}

static void
wf_insights_panel_map (GtkWidget *widget)
{
  WfInsightsPanel *self = WF_INSIGHTS_PANEL (widget);

  GTK_WIDGET_CLASS (wf_insights_panel_parent_class)->map (widget);

  /* Shown before its gaps were found: at once. */
  if (finding_later (self))
    find_gaps (self);
}

static void
wf_insights_panel_class_init (WfInsightsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wf_insights_panel_dispose;
  widget_class->map = wf_insights_panel_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wfinsightspanel");
}

static void
wf_insights_panel_init (WfInsightsPanel *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *heat_box, *heat_label;

  self->findings = wf_findings_new ();
  g_signal_connect_swapped (self->findings, "notify::n-items", G_CALLBACK (update_stack), self);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (self->findings), create_row, self, NULL);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Gaps in the map"),
                                  -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->stack),
                       status_page (_("No Gaps Found"),
                                    _("Every persona reaches every phase, every pain point has an answer, and the journey does not break.")),
                       "empty");
  gtk_stack_add_named (GTK_STACK (self->stack),
                       status_page (_("No Map"), _("Open a map to look for its gaps.")),
                       "no-map");
  gtk_widget_set_vexpand (self->stack, TRUE);

  /* The findings set aside stay out of the way, a click from view. */
  self->show_dismissed = gtk_check_button_new ();
  gtk_widget_set_margin_start (self->show_dismissed, 10);
  gtk_widget_set_margin_end (self->show_dismissed, 10);
  gtk_widget_set_margin_bottom (self->show_dismissed, 6);
  g_object_bind_property (self->show_dismissed, "active", self->findings, "show-dismissed",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->findings, "notify::n-dismissed", G_CALLBACK (update_show_dismissed), self);
  g_signal_connect_swapped (self->findings, "notify::show-dismissed", G_CALLBACK (update_show_dismissed), self);

  /* The heat view's choice, over the list. */
  heat_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  heat_label = gtk_label_new_with_mnemonic (_("_Heat View"));
  self->heat_names = gtk_string_list_new (NULL);
  self->heat = gtk_drop_down_new (G_LIST_MODEL (self->heat_names), NULL);
  {
    g_autoptr(GtkListItemFactory) shown = name_factory (12);
    g_autoptr(GtkListItemFactory) listed = name_factory (32);

    gtk_drop_down_set_factory (GTK_DROP_DOWN (self->heat), shown);
    gtk_drop_down_set_list_factory (GTK_DROP_DOWN (self->heat), listed);
  }
  gtk_widget_set_margin_start (heat_box, 10);
  gtk_widget_set_margin_end (heat_box, 10);
  gtk_widget_set_margin_top (heat_box, 6);
  gtk_widget_set_margin_bottom (heat_box, 6);
  gtk_label_set_xalign (GTK_LABEL (heat_label), 0);
  gtk_widget_set_hexpand (heat_label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (heat_label), self->heat);
  gtk_widget_set_tooltip_text (self->heat, _("Tint the map’s cells by a figure"));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->heat),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heat_label, NULL,
                                  -1);
  wf_a11y_name_inner_button (self->heat, _("Heat View"));
  g_signal_connect_swapped (self->heat, "notify::selected", G_CALLBACK (on_heat_selected), self);
  gtk_box_append (GTK_BOX (heat_box), heat_label);
  gtk_box_append (GTK_BOX (heat_box), self->heat);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), heat_box);
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->box), self->stack);
  gtk_box_append (GTK_BOX (self->box), self->show_dismissed);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  update_stack (self);
  update_show_dismissed (self);
  update_heat (self);
}

GtkWidget *
wf_insights_panel_new (void)
{
  return g_object_new (WF_TYPE_INSIGHTS_PANEL, NULL);
}

/**
 * wf_insights_panel_set_canvas:
 * @canvas: (nullable): the canvas whose map to examine
 */
void
wf_insights_panel_set_canvas (WfInsightsPanel *self,
                              WfCanvas        *canvas)
{
  g_return_if_fail (WF_IS_INSIGHTS_PANEL (self));

  if (self->canvas == canvas)
    return;

  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);

  g_set_object (&self->canvas, canvas);

  if (canvas != NULL)
    g_signal_connect_swapped (canvas, "notify::map", G_CALLBACK (on_canvas_map_changed), self);

  on_canvas_map_changed (self);
}

/**
 * wf_insights_panel_get_findings:
 *
 * Returns: (transfer none): the findings listed
 */
WfFindings *
wf_insights_panel_get_findings (WfInsightsPanel *self)
{
  g_return_val_if_fail (WF_IS_INSIGHTS_PANEL (self), NULL);

  /* Those of the canvas's map, though the panel was to find them later. */
  if (finding_later (self))
    find_gaps (self);

  return self->findings;
}

/**
 * wf_insights_panel_set_read_only:
 * @read_only: whether the map may only be looked at (a team's viewer):
 *   the findings still show and lead to their cards, but dismissing one
 *   and choosing the heat view's metric, which change the map, are off
 */
void
wf_insights_panel_set_read_only (WfInsightsPanel *self,
                                 gboolean         read_only)
{
  g_return_if_fail (WF_IS_INSIGHTS_PANEL (self));

  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (row), "wf-dismiss");

      if (button != NULL)
        gtk_widget_set_sensitive (button, !read_only);
    }
  update_heat (self);
}
