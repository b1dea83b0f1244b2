from odoo import _, api, models
from odoo.exceptions import AccessError, UserError


class HccWorkflowMixin(models.AbstractModel):
    """The one guard of the records of the procedure, on every path.

    A record with a workflow (a contract, a notice, a meeting, a return...)
    has fields that only its actions write: its state, and every decision,
    date or person an action records (served on, circulated on, accepted,
    approved, decided by, terminated on, the RAG status, erased on...). A
    button is not a guard: RPC, imports, server actions and other addons call
    ``create`` and ``write`` directly, and a context is written by the caller.
    So the guard is here, in the model:

    * ``_get_hcc_action_fields()`` names those fields. ``create`` accepts them
      only at their initial value (empty, or the field's default) and
      ``write`` refuses any change to them, for every user but the superuser;
    * an action checks the role and the transition, then records its result
      with ``_hcc_record_action(vals)``, which checks the user's access to the
      record and writes as the superuser (the chatter still names the user);
    * ``_get_hcc_immutable_fields()`` names the fields that never change once
      the record exists, whoever writes: the contract of a record of a
      contract, the parent of a line.

    Overrides of both methods call ``super()`` and add their names, so a
    feature guards the fields it adds to a model in its own file.
    """

    _name = "hcc.workflow.mixin"
    _description = "Record with a Guarded Workflow"

    @api.model
    def _get_hcc_action_fields(self):
        """Names of the fields written only by the record's actions."""
        return set()

    @api.model
    def _get_hcc_immutable_fields(self):
        """Names of the fields that never change after the record is created."""
        return set()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            guarded = self._get_hcc_action_fields()
            for vals in vals_list:
                self._check_hcc_initial_values(guarded & vals.keys(), vals)
        return super().create(vals_list)

    def write(self, vals):
        if self:
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
            if not self.env.su:
                guarded = self._get_hcc_action_fields() & vals.keys()
                changed = self._hcc_changed_fields({k: vals[k] for k in guarded})
                if changed:
                    self._raise_hcc_action_fields(changed)
        return super().write(vals)

    def _hcc_record_action(self, vals):
        """Record what an action did (its new state, its dates, its decision),
        once the action has checked the role and the transition: the user must
        still be allowed to change the records, then the guarded fields are
        written as the superuser."""
        if not self.env.su:
            self.check_access("write")
        return self.sudo().write(vals)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
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

    def _hcc_frozen_changes(self, vals, names):
        """Names among ``names`` that ``vals`` would change on the records of
        ``self``, the records whose step froze those fields (circulated
        minutes, a closed action, a received survey...). The superuser (data
        files, migrations) is not held by a step."""
        if self.env.su or not self:
            return set()
        return self._hcc_changed_fields(
            {name: vals[name] for name in set(names) & vals.keys()}
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
