import os
from typing import NamedTuple

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from ..tools.selection import selection_label

# context keys a caller could send to change a record without a trace
UNTRACKED_CONTEXT_KEYS = ("tracking_disable", "mail_notrack")


class Transition(NamedTuple):
    """One action of a workflow model's transition table
    (``_get_hcc_transitions``)."""

    # the states the action may start from
    from_states: tuple
    # the state it leads to; a tuple of states when the action chooses one of
    # them (it says which to ``_hcc_transition``); None when the action
    # records a decision and leaves the state as it is
    to_state: str | tuple | None
    # what the action does, translated, as a refused user reads it after
    # "you cannot": "mark the data return as received"
    label: str
    # when the action is possible, translated, for a user refused, where the
    # list of the states it starts from would not say it (the default)
    when: str | None = None


class HccWorkflowMixin(models.AbstractModel):
    """The one guard of the records of the procedure, on every path, closed
    by default.

    A record with a workflow (a contract, a notice, a meeting, a return...)
    moves through states. A button is not a guard: RPC, imports, server
    actions and other addons call ``create``, ``write`` and ``copy``
    directly, and a context (``default_*`` keys included) is written by the
    caller. So the guard is here, in the model, and it lists what may still
    change rather than what may not:

    * ``_hcc_state_path`` names the state that rules the record: its own
      (``"state"``), its parent's for a line (``"revision_id.state"``), or
      none for a record without a workflow. While that state is the initial
      one (the field's default), a user changes any field but the action
      fields, unless the model declares the initial state too; after it,
      only the fields ``_get_hcc_editable_fields()`` declares for that
      state, and those of the chatter. A field nobody
      classified is refused once the record has left its first step;
    * ``_get_hcc_action_fields()`` names the fields only the record's actions
      write (its state, and each decision, date or person an action
      records). A record is born with them at their initial value whatever
      the route: context defaults and ``ir.default`` rows are not applied to
      them, a copy starts without them, and the final values of a ``create``
      are checked;
    * ``_get_hcc_transitions()`` is the record's transition table: for each
      action, the states it may start from, the state it leads to and what it
      does, in words. An action checks the role, then the transition
      (``_hcc_check_transition``, the one check of the states, which holds
      the superuser too), then records its result with
      ``_hcc_transition(action, vals)`` or ``_hcc_record_action(vals)``, which
      check the user's access to the record and write as the superuser (the
      chatter still names the user);
    * ``_get_hcc_immutable_fields()`` names the fields that never change once
      the record exists, whoever writes: the contract of a record of a
      contract, the parent of a line;
    * the chatter's tracking cannot be switched off by a caller's context.

    The superuser (data files, migrations, the actions' recording) is not
    held by a step. Overrides call ``super()`` and add their names, so a
    feature classifies the fields it adds to a model in its own file.
    """

    _name = "hcc.workflow.mixin"
    _description = "Record with a Guarded Workflow"

    # the state ruling the record: a field of the record, a dotted path to
    # its parent's, or False for a record without a workflow
    _hcc_state_path = "state"

    @api.model
    def _get_hcc_action_fields(self):
        """Names of the fields written only by the record's actions."""
        return set()

    @api.model
    def _get_hcc_immutable_fields(self):
        """Names of the fields that never change after the record is created."""
        return set()

    @api.model
    def _get_hcc_first_step_fields(self):
        """Names of the fields a user writes while the record is at its first
        step (for a record without a workflow: whenever they may change it),
        and that are frozen after it: the terms of a draft, what a notice
        says before it is served. Every stored field of a workflow model is
        classified: an action, immutable or derived field, one of these, or
        editable in a later state (``_get_hcc_editable_fields``); the attack
        suite fails on a field that is none of them."""
        return set()

    @api.model
    def _get_hcc_editable_fields(self):
        """What a user may still change once the record has left its initial
        state: ``{state: set of field names}``. A state not listed allows
        only the chatter's fields; the initial state, listed, allows only its
        list."""
        return {}

    @api.model
    def _get_hcc_transitions(self):
        """The transition table of the record's actions: ``{action method
        name: Transition(from_states, to_state, label[, when])}``, over the
        states of the record's own state field (``_hcc_state_path``). Each
        action method named checks its entry with ``_hcc_check_transition``;
        the attack suite calls each one in every state it does not start from
        and expects it refused. Overrides call ``super()`` and add (or
        replace) entries, as for the fields."""
        return {}

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def default_get(self, fields_list):
        """The action fields start at their own default: a caller's context
        (``default_state``...) or a user's ``ir.default`` do not set them."""
        defaults = super().default_get(fields_list)
        if not self.env.su:
            for name in self._get_hcc_action_fields() & defaults.keys():
                initial = self._hcc_initial_value(name)
                if initial is None:
                    del defaults[name]
                else:
                    defaults[name] = initial
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        guarded = self._get_hcc_action_fields()
        for vals in vals_list:
            # what the application works out is not the caller's to give
            for name in self._hcc_derived_fields() & vals.keys():
                del vals[name]
            self._check_hcc_initial_values(guarded & vals.keys(), vals)
        records = super(HccWorkflowMixin, self._hcc_tracked()).create(vals_list)
        records._check_hcc_born_initial()
        return records.with_env(self.env)

    def copy_data(self, default=None):
        """A copy starts its workflow again: the action fields are left to
        their initial value, unless the caller asks for them (and is then
        checked as any creation)."""
        vals_list = super().copy_data(default=default)
        asked = set(default or ())
        drop = self._get_hcc_action_fields() - asked
        for vals in vals_list:
            for name in drop & vals.keys():
                del vals[name]
        return vals_list

    def write(self, vals):
        if not self:
            return super().write(vals)
        immutable = self._hcc_changed_fields(
            {k: vals[k] for k in self._get_hcc_immutable_fields() & vals.keys()}
        )
        if immutable:
            raise UserError(
                _(
                    "%(fields)s of %(model)s cannot change once it is recorded: "
                    "record a new one instead.",
                    fields=self._hcc_field_labels(immutable),
                    model=self._description,
                )
            )
        if self.env.su:
            return super().write(vals)
        guarded = self._get_hcc_action_fields() & vals.keys()
        changed = self._hcc_changed_fields({k: vals[k] for k in guarded})
        if changed:
            self._raise_hcc_action_fields(changed)
        self._check_hcc_not_derived(vals)
        self._check_hcc_step_allows(vals)
        return super(HccWorkflowMixin, self._hcc_tracked()).write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_unless_first_step(self):
        """A record that has left its first step is history: it is archived,
        cancelled or withdrawn by its buttons, never deleted, whoever asks.
        (Named to run after the models' own ``_unlink_except_*`` checks, whose
        messages say what to do instead.)"""
        initial = self._hcc_initial_state()
        if initial is None:
            return
        for record in self:
            state = record._hcc_state()
            if state != initial:
                raise UserError(
                    _(
                        "%(record)s is at the step “%(state)s” and has a history: "
                        "it cannot be deleted. Archive, cancel or withdraw it "
                        "instead.",
                        record=record.sudo().display_name,
                        state=record._hcc_state_label(state),
                    )
                )

    def _hcc_record_action(self, vals):
        """Record what an action did (its new state, its dates, its decision),
        once the action has checked the role and the transition: the user must
        still be allowed to change the records, then the guarded fields are
        written as the superuser."""
        if not self.env.su:
            self.check_access("write")
        return self.sudo().write(vals)

    def _hcc_check_transition(self, action):
        """Refuse ``action``, a method named in the transition table, when a
        record of ``self`` is not in a state the action may start from: a
        translated ``UserError`` naming the record, its step, what was
        attempted and when it is possible. The superuser (a scheduled action)
        is held too. Return the action's ``Transition``."""
        transition = self._get_hcc_transitions()[action]
        for record in self:
            state = record._hcc_state()
            if state not in transition.from_states:
                raise UserError(
                    _(
                        "%(record)s is at the step “%(state)s”: you cannot "
                        "%(action)s now. %(when)s",
                        record=record.sudo().display_name,
                        state=record._hcc_state_label(state),
                        action=transition.label,
                        when=transition.when
                        or record._hcc_steps_sentence(transition.from_states),
                    )
                )
        return transition

    def _hcc_transition(self, action, extra_vals=None, to_state=None):
        """Check ``action`` on the records (``_hcc_check_transition``), then
        record its result with ``_hcc_record_action``: the state its entry
        leads to and ``extra_vals`` (the dates, people or decision the action
        records with it). ``to_state`` says which state, for an action whose
        entry leads to one of several."""
        transition = self._hcc_check_transition(action)
        target = transition.to_state
        if isinstance(target, tuple):
            if to_state not in target:
                raise ValueError(
                    f"{self._name}.{action} leads to one of {target}, "
                    f"not to {to_state!r}"
                )
            target = to_state
        elif to_state is not None and to_state != target:
            raise ValueError(f"{self._name}.{action} leads to {target!r} only")
        vals = dict(extra_vals or {})
        if target is not None:
            vals[self._hcc_state_path] = target
        return self._hcc_record_action(vals)

    def _hcc_confirmation(self, action, message):
        """Once every check of ``action`` has passed: the dialog asking the
        user to confirm it with ``message`` (translated), when the button
        asked for one (``hcc_ask_confirmation`` in its context), else None
        and the action goes on. The button's ``confirm=`` would ask before
        the checks; the key only asks a question, it skips no check."""
        if not self.env.context.get("hcc_ask_confirmation"):
            return None
        return self.env["hcc.confirm.wizard"]._action_for(self, action, message)

    # ------------------------------------------------------------------
    # The screens say what the guard allows
    # ------------------------------------------------------------------
    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """For a user who may not change the model (a reader), every field is
        read-only: the web client then offers no Archive, which would only
        end in an access error."""
        res = super().fields_get(allfields, attributes)
        if not self.env.su and not self.has_access("write"):
            for description in res.values():
                if attributes is None or "readonly" in attributes:
                    description["readonly"] = True
        return res

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        """Past its first step a record changes only what its step allows
        (``_check_hcc_step_allows``): the form shows the other fields
        read-only in those steps, rather than refusing them on Save."""
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            self._hcc_readonly_by_step(arch)
        return arch, view

    @api.model
    def _hcc_locked_states(self):
        """``{field name: states in which the step refuses a change}`` for the
        stored fields a user may write at some step of the record's own state
        field (a record whose state is its parent's is shown by the parent)."""
        state_field = self._fields.get(self._hcc_state_path or "")
        if not state_field or state_field.type != "selection":
            return {}
        initial = self._hcc_initial_state()
        editable = self._get_hcc_editable_fields()
        states = [
            value
            for value, _label in state_field._description_selection(self.env)
            if value != initial or value in editable
        ]
        skip = (
            self._get_hcc_action_fields()
            | self._hcc_derived_fields()
            | self._hcc_free_fields()
        )
        locked = {}
        for name, field in self._fields.items():
            if not field.store or field.readonly or name in skip:
                continue
            refused = [s for s in states if name not in editable.get(s, ())]
            if refused:
                locked[name] = refused
        return locked

    @api.model
    def _hcc_readonly_by_step(self, arch):
        locked = self._hcc_locked_states()
        if not locked:
            return
        state = self._hcc_state_path
        for node in arch.iter("field"):
            name = node.get("name")
            if name not in locked or node.get("readonly") in ("1", "True", "true"):
                continue
            # a field of a one2many's own list or form is its model's
            if any(parent.tag == "field" for parent in node.iterancestors()):
                continue
            rule = f"{state} in {locked[name]!r}"
            current = node.get("readonly")
            node.set("readonly", f"({current}) or {rule}" if current else rule)

    # ------------------------------------------------------------------
    # The steps
    # ------------------------------------------------------------------
    @api.model
    def _hcc_initial_state(self):
        """The state a record is born in (the state field's default), or
        None for a record without a workflow."""
        if not self._hcc_state_path:
            return None
        model = self
        *parents, name = self._hcc_state_path.split(".")
        for parent in parents:
            model = model.env[model._fields[parent].comodel_name]
        return model._hcc_initial_value(name)

    def _hcc_state(self):
        """The state ruling the record (``self`` is one record)."""
        if not self._hcc_state_path:
            return None
        value = self.sudo()
        for name in self._hcc_state_path.split("."):
            value = value[name]
        return value

    def _check_hcc_step_allows(self, vals):
        """Refuse a change the records' step does not allow: past its initial
        state, a record changes only what its state declares editable. The
        initial state is free, unless the model declares it too: then it
        allows only its own list, as a later state does (for a field written
        at a later step only, such as Legal Services' record of a
        termination)."""
        initial = self._hcc_initial_state()
        if initial is None:
            return
        editable = self._get_hcc_editable_fields()
        free = self._hcc_free_fields()
        for record in self:
            state = record._hcc_state()
            if state == initial and state not in editable:
                continue
            allowed = editable.get(state, set()) | free
            refused = record._hcc_changed_fields(
                {k: v for k, v in vals.items() if k not in allowed}
            )
            if refused:
                record._hcc_refuse_step(state, refused)

    def _hcc_refuse_step(self, state, names):
        if os.environ.get("HCC_GUARD_LEARN"):
            with open(os.environ["HCC_GUARD_LEARN"], "a", encoding="utf-8") as log:
                for name in sorted(names):
                    log.write(f"{self._name}\t{state}\t{name}\n")
            return
        raise UserError(self._hcc_step_refusal_message(state, names))

    def _hcc_step_refusal_message(self, state, names):
        """The refusal of a change of ``names`` (field names) while the record
        (``self``, one record) is at ``state``. A model overrides it to say,
        for the fields its step froze, what the step made of them (evidence,
        a decision) and what to do instead, and returns ``super()``'s
        general message for the others."""
        return _(
            "%(record)s is at the step “%(state)s”: %(fields)s can no longer "
            "be changed. Use the record's buttons, or add a note in the "
            "chatter.",
            record=self.sudo().display_name,
            state=self._hcc_state_label(state),
            fields=self._hcc_field_labels(names),
        )

    def _hcc_state_label(self, state):
        """The label of ``state``, a value of the state ruling the record."""
        model = self
        *parents, name = self._hcc_state_path.split(".")
        for parent in parents:
            model = model.env[model._fields[parent].comodel_name]
        return selection_label(model, name, state)

    def _hcc_steps_sentence(self, states):
        """When an action is possible, from the states it starts from."""
        labels = [f"“{self._hcc_state_label(state)}”" for state in states]
        steps = labels[-1]
        if len(labels) > 1:
            steps = _("%(steps)s or %(step)s", steps=", ".join(labels[:-1]), step=steps)
        return _("That can be done only at the step %(steps)s.", steps=steps)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _hcc_tracked(self):
        """The records with a context that cannot switch the tracking off."""
        if any(self.env.context.get(key) for key in UNTRACKED_CONTEXT_KEYS):
            return self.with_context(**dict.fromkeys(UNTRACKED_CONTEXT_KEYS, False))
        return self

    @api.model
    def _hcc_initial_value(self, name):
        """The value a field holds when a record is born: the field's own
        default (never the caller's), or None when it has none."""
        field = self._fields[name]
        if not field.default:
            return None
        return field.convert_to_write(
            field.convert_to_record(
                field.convert_to_cache(field.default(self), self), self
            ),
            self,
        )

    def _check_hcc_born_initial(self):
        """The final values of a creation: the action fields the record does
        not compute hold their initial value, whatever set them."""
        names = {
            name
            for name in self._get_hcc_action_fields()
            if not self._fields[name].compute
        }
        wrong = set()
        for record in self:
            for name in names:
                field = self._fields[name]
                initial = self._hcc_initial_value(name)
                expected = field.convert_to_record(
                    field.convert_to_cache(initial or False, record), record
                )
                if record[name] != expected:
                    wrong.add(name)
        if wrong:
            self._raise_hcc_action_fields(wrong)

    @api.model
    def _hcc_derived_fields(self):
        """Stored fields the application works out and no form edits."""
        return {
            name
            for name, field in self._fields.items()
            if field.store and field.compute and field.readonly and not field.inverse
        }

    def _check_hcc_not_derived(self, vals):
        """A field the application works out (a stored compute the form
        cannot edit, a related value) is never written by a user: it would
        stay forged until its inputs change."""
        derived = self._hcc_changed_fields(
            {k: vals[k] for k in self._hcc_derived_fields() & vals.keys()}
        )
        if derived:
            raise UserError(
                _(
                    "%(fields)s of %(model)s are worked out by the application "
                    "and cannot be written.",
                    fields=self._hcc_field_labels(derived),
                    model=self._description,
                )
            )

    def _check_hcc_initial_values(self, names, vals):
        """A record is created at the start of its workflow: the guarded
        fields given must hold their initial value (empty or the default)."""
        wrong = set()
        for name in names:
            field = self._fields[name]
            value = field.convert_to_cache(vals[name], self)
            if not value:
                continue
            default = field.default(self) if field.default else False
            if value != field.convert_to_cache(default, self):
                wrong.add(name)
        if wrong:
            self._raise_hcc_action_fields(wrong)

    def _raise_hcc_action_fields(self, names):
        raise AccessError(
            _(
                "%(fields)s of %(model)s are recorded by its actions, which check "
                "the role and the step of the procedure: they cannot be written "
                "directly. Use the buttons of the record.",
                fields=self._hcc_field_labels(names),
                model=self._description,
            )
        )

    def _hcc_changed_fields(self, vals):
        """Names of the fields of ``vals`` whose value differs on at least one
        record of ``self`` (saving a form, or an import, resends unchanged
        values)."""
        changed = set()
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or field.type in ("one2many", "many2many"):
                changed.add(name)
                continue
            for record in self:
                new = field.convert_to_record(
                    field.convert_to_cache(value, record), record
                )
                if new != record[name]:
                    changed.add(name)
                    break
        return changed

    @api.model
    def _hcc_free_fields(self):
        """Fields anyone who may read a record changes through the chatter
        (followers, messages, activities), whatever the step or the role."""
        return set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )

    def _hcc_field_labels(self, names):
        labels = self.fields_get(sorted(names), attributes=["string"])
        return ", ".join(f"“{labels[name]['string']}”" for name in sorted(labels))
