/* wf-undo-stack.c — the one undo stack of a document
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-command-private.h"
#include "wf-undo-stack-private.h"

struct _WfUndoStack
{
  GObject     parent_instance;
  WfDocument *document;    /* unowned: the document owns the stack */
  GPtrArray  *commands;
  guint       position;    /* commands[0, position) are applied */
  int         saved;       /* the position at the last save, or -1 */
  WfCommand  *current;     /* the open group */
  guint       depth;
  guint       sealed : 1;  /* the top command takes no more merges */
  guint       replaying : 1;  /* inside an undo or a redo */
  guint       remote : 1;     /* applying someone else's change */
  guint       last_skipped;   /* of the last undo or redo: changes left alone */
  guint       last_size;      /* … of how many */

  /* What was last announced, to notify only real changes. */
  guint       can_undo : 1;
  guint       can_redo : 1;
  guint       modified : 1;
  guint       merging : 1;
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  PROP_MERGING,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WfUndoStack, wf_undo_stack, G_TYPE_OBJECT)

static void
update_merging (WfUndoStack *self)
{
  gboolean merging = wf_undo_stack_get_merging (self);

  if (merging != self->merging)
    {
      self->merging = merging;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MERGING]);
    }
}

static void
update_state (WfUndoStack *self)
{
  gboolean can_undo = wf_undo_stack_can_undo (self);
  gboolean can_redo = wf_undo_stack_can_redo (self);
  gboolean modified = wf_undo_stack_get_modified (self);

  g_object_freeze_notify (G_OBJECT (self));

  update_merging (self);

  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }

  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }

  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);

  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
push (WfUndoStack *self,
      WfCommand   *command)
{
  WfCommand *top = self->position > 0 ? g_ptr_array_index (self->commands, self->position - 1) : NULL;

  /* Redo history is gone once something new is done. */
  if (self->position < self->commands->len)
    {
      if (self->saved > (int) self->position)
        self->saved = -1;
      g_ptr_array_set_size (self->commands, self->position);
    }

  if (top != NULL && !self->sealed && self->saved != (int) self->position &&
      _wf_command_try_merge (top, command))
    return;

  g_ptr_array_add (self->commands, g_object_ref (command));
  self->position++;
  self->sealed = FALSE;
}

static void
wf_undo_stack_finalize (GObject *object)
{
  WfUndoStack *self = WF_UNDO_STACK (object);

  g_clear_pointer (&self->commands, g_ptr_array_unref);
  g_clear_object (&self->current);

  G_OBJECT_CLASS (wf_undo_stack_parent_class)->finalize (object);
}

static void
wf_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WfUndoStack *self = WF_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, wf_undo_stack_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, wf_undo_stack_can_redo (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, wf_undo_stack_get_modified (self));
      break;

    case PROP_MERGING:
      g_value_set_boolean (value, wf_undo_stack_get_merging (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, wf_undo_stack_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, wf_undo_stack_get_redo_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wf_undo_stack_class_init (WfUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wf_undo_stack_finalize;
  object_class->get_property = wf_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * WfUndoStack:modified:
   *
   * Whether the document differs from what was last saved. Derived from
   * the position in the stack, never tracked by hand.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * WfUndoStack:merging:
   *
   * Whether the top step is still open: the next change of the same text
   * or size folds into it, as while typing a title. It turns %FALSE when
   * the step is sealed, undone, saved or followed by another step, so a
   * listener that waits for complete steps (the autosave) knows when to
   * write.
   */
  properties[PROP_MERGING] =
    g_param_spec_boolean ("merging", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WfUndoStack::changed:
   *
   * Emitted after a command was done, merged, undone or redone.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
wf_undo_stack_init (WfUndoStack *self)
{
  self->commands = g_ptr_array_new_with_free_func (g_object_unref);
}

WfUndoStack *
_wf_undo_stack_new (WfDocument *document)
{
  WfUndoStack *self = g_object_new (WF_TYPE_UNDO_STACK, NULL);

  self->document = document;

  return self;
}

/**
 * _wf_undo_stack_current:
 *
 * Returns: (transfer none): the open command that changes are recorded in
 */
WfCommand *
_wf_undo_stack_current (WfUndoStack *self)
{
  g_return_val_if_fail (self->current != NULL, NULL);

  return self->current;
}

/**
 * wf_undo_stack_get_document:
 *
 * Returns: (transfer none): the document
 */
WfDocument *
wf_undo_stack_get_document (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), NULL);

  return self->document;
}

/**
 * wf_undo_stack_begin:
 * @label: the translated name of the step, as "Move Cards"
 *
 * Opens a group: every change until the matching wf_undo_stack_end() is
 * one step. Groups nest; the outermost label names the step.
 */
void
wf_undo_stack_begin (WfUndoStack *self,
                     const char  *label)
{
  g_return_if_fail (WF_IS_UNDO_STACK (self));

  if (self->depth++ == 0)
    self->current = _wf_command_new (label);
}

void
wf_undo_stack_end (WfUndoStack *self)
{
  g_autoptr(WfCommand) command = NULL;

  g_return_if_fail (WF_IS_UNDO_STACK (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;

  command = g_steal_pointer (&self->current);

  if (wf_command_get_size (command) == 0)
    return;

  push (self, command);
  update_state (self);
}

/**
 * wf_undo_stack_seal:
 *
 * Ends merging: the next change of the same text starts a new step, as
 * when an editor loses focus.
 */
void
wf_undo_stack_seal (WfUndoStack *self)
{
  g_return_if_fail (WF_IS_UNDO_STACK (self));

  self->sealed = TRUE;
  update_merging (self);
}

/**
 * wf_undo_stack_get_merging:
 *
 * Whether the next change may fold into the top step instead of starting
 * a new one: the top step sets one text or size, and was not sealed or
 * saved since. See #WfUndoStack:merging.
 */
gboolean
wf_undo_stack_get_merging (WfUndoStack *self)
{
  WfCommand *top;

  g_return_val_if_fail (WF_IS_UNDO_STACK (self), FALSE);

  top = wf_undo_stack_peek_undo (self);

  return top != NULL && !self->sealed && self->saved != (int) self->position &&
         _wf_command_is_mergeable (top);
}

gboolean
wf_undo_stack_can_undo (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), FALSE);

  return self->position > 0;
}

gboolean
wf_undo_stack_can_redo (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), FALSE);

  return self->position < self->commands->len;
}

/**
 * wf_undo_stack_get_undo_label:
 *
 * Returns: (nullable): the name of the step that undo would revert
 */
const char *
wf_undo_stack_get_undo_label (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), NULL);

  if (self->position == 0)
    return NULL;

  return wf_command_get_label (g_ptr_array_index (self->commands, self->position - 1));
}

/**
 * wf_undo_stack_get_redo_label:
 *
 * Returns: (nullable): the name of the step that redo would do again
 */
const char *
wf_undo_stack_get_redo_label (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), NULL);

  if (self->position >= self->commands->len)
    return NULL;

  return wf_command_get_label (g_ptr_array_index (self->commands, self->position));
}

gboolean
wf_undo_stack_undo (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (self->position == 0)
    return FALSE;

  self->position--;
  self->sealed = TRUE;
  self->replaying = TRUE;
  self->last_size = wf_command_get_size (g_ptr_array_index (self->commands, self->position));
  self->last_skipped = _wf_command_revert (g_ptr_array_index (self->commands, self->position));
  self->replaying = FALSE;
  update_state (self);

  return TRUE;
}

/**
 * wf_undo_stack_get_last_skipped:
 * @self: an undo stack
 * @size: (out) (optional): how many changes the step holds
 *
 * How many changes of the step that the last wf_undo_stack_undo() or
 * wf_undo_stack_redo() went through were left alone, because someone
 * else changed what they touch since (a team member's change, applied
 * outside the stack): theirs stays. The window tells the person.
 *
 * Returns: the changes left alone
 */
guint
wf_undo_stack_get_last_skipped (WfUndoStack *self,
                                guint       *size)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), 0);

  if (size != NULL)
    *size = self->last_size;

  return self->last_skipped;
}

gboolean
wf_undo_stack_redo (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (self->position >= self->commands->len)
    return FALSE;

  self->replaying = TRUE;
  self->last_size = wf_command_get_size (g_ptr_array_index (self->commands, self->position));
  self->last_skipped = _wf_command_apply (g_ptr_array_index (self->commands, self->position));
  self->replaying = FALSE;
  self->position++;
  self->sealed = TRUE;
  update_state (self);

  return TRUE;
}

gboolean
wf_undo_stack_get_modified (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), FALSE);

  return self->saved != (int) self->position;
}

/**
 * wf_undo_stack_set_saved:
 *
 * Marks the present state as the one on disk.
 */
void
wf_undo_stack_set_saved (WfUndoStack *self)
{
  g_return_if_fail (WF_IS_UNDO_STACK (self));

  self->saved = self->position;
  self->sealed = TRUE;
  update_state (self);
}

/**
 * wf_undo_stack_set_unsaved:
 *
 * Marks the present state as one that no file holds, as for edits that
 * were recovered after a crash. No position in the stack counts as saved
 * until the next wf_undo_stack_set_saved().
 */
void
wf_undo_stack_set_unsaved (WfUndoStack *self)
{
  g_return_if_fail (WF_IS_UNDO_STACK (self));

  self->saved = -1;
  update_state (self);
}

/**
 * wf_undo_stack_clear:
 *
 * Forgets every step, as after loading a document. The present state
 * counts as saved.
 */
void
wf_undo_stack_clear (WfUndoStack *self)
{
  g_return_if_fail (WF_IS_UNDO_STACK (self));
  g_return_if_fail (self->depth == 0);

  g_ptr_array_set_size (self->commands, 0);
  self->position = 0;
  self->saved = 0;
  update_state (self);
}

/**
 * wf_undo_stack_peek_undo:
 *
 * Returns: (transfer none) (nullable): the step that undo would revert
 */
WfCommand *
wf_undo_stack_peek_undo (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), NULL);

  return self->position > 0 ? g_ptr_array_index (self->commands, self->position - 1) : NULL;
}

/**
 * wf_undo_stack_undo_command:
 * @command: a step of this stack
 *
 * Undoes @command if it is the step that undo would revert, and nothing
 * otherwise: the Undo of a message about one step ("3 cards deleted")
 * must not revert another one when that step was undone already.
 *
 * Returns: whether @command was undone
 */
gboolean
wf_undo_stack_undo_command (WfUndoStack *self,
                            WfCommand   *command)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (WF_IS_COMMAND (command), FALSE);

  if (self->depth > 0 || wf_undo_stack_peek_undo (self) != command)
    return FALSE;

  return wf_undo_stack_undo (self);
}

/**
 * wf_undo_stack_is_replaying:
 *
 * Whether the document is being changed by an undo or a redo, so that a
 * view can show what came back rather than treat it as a new edit.
 */
gboolean
wf_undo_stack_is_replaying (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), FALSE);

  return self->replaying;
}

/**
 * wf_undo_stack_begin_remote:
 *
 * Starts applying a change made elsewhere (a team member's): until
 * wf_undo_stack_end_remote(), the document is changed through the model's
 * own functions, outside the stack, and wf_undo_stack_is_remote() says so,
 * so that the team journal does not send the change back and views do
 * not treat it as the person's own edit. No group may be open: a step is
 * never mixed with someone else's change.
 */
void
wf_undo_stack_begin_remote (WfUndoStack *self)
{
  g_return_if_fail (WF_IS_UNDO_STACK (self));
  g_assert (self->depth == 0);
  g_assert (!self->replaying);
  g_return_if_fail (!self->remote);

  self->remote = TRUE;
}

void
wf_undo_stack_end_remote (WfUndoStack *self)
{
  g_return_if_fail (WF_IS_UNDO_STACK (self));
  g_return_if_fail (self->remote);
  g_assert (self->depth == 0);

  self->remote = FALSE;
}

/**
 * wf_undo_stack_is_remote:
 *
 * Whether the document is being changed by someone else's change, between
 * wf_undo_stack_begin_remote() and wf_undo_stack_end_remote().
 */
gboolean
wf_undo_stack_is_remote (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), FALSE);

  return self->remote;
}

guint
wf_undo_stack_get_position (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), 0);

  return self->position;
}

guint
wf_undo_stack_get_length (WfUndoStack *self)
{
  g_return_val_if_fail (WF_IS_UNDO_STACK (self), 0);

  return self->commands->len;
}
