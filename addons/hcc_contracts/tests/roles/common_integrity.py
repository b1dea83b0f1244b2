"""The integrity attack suite: every guarded field of every workflow model,
written over real XML-RPC by each role that may otherwise change the record.

A class sets ``INTEGRITY`` (model -> entry) and ``INTEGRITY_ADDON`` (the addon
whose workflow models it must cover), and calls ``_assert_integrity_complete``
and ``_assert_integrity``. An entry is ``{"record": method name, "roles":
(...)}``: the method, called with no argument, returns a record of the model
advanced along its workflow (so that its state and decisions are worth
forging); each role of ``roles`` tries to write every field the model guards
(``_get_hcc_action_fields``) and every field it never changes
(``_get_hcc_immutable_fields``); with ``"history": True``, each role also
tries to delete the record, which has a history and must stay. A workflow
model added without its entry fails ``_assert_integrity_complete``.
"""

import datetime
import xmlrpc.client

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tests import HttpCase

from ...models.hcc_workflow_mixin import Transition
from ..common import HccContractsCase
from .rpc_client import HccRpcClientMixin

# odoo/addons/base/controllers/rpc.py: how an exception reaches an RPC client
RPC_FAULT_CODES = {"access": 4, "user": 2}
FORGED_TEXT = "Forged over RPC"


class HccIntegrityCase(HccRpcClientMixin, HccContractsCase, HttpCase):
    """Shared by the attack suite of each addon (see ``test_integrity_rpc``)."""

    INTEGRITY = {}
    INTEGRITY_ADDON = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.logins = {
            "viewer": cls.user_viewer,
            "finance": cls.user_finance,
            "service_manager": cls.user_sm,
            "support_officer": cls.user_cso,
            "county_manager": cls.user_cm,
        }
        cls.contract = cls._create_contract()
        cls.contract.action_activate()

    # ------------------------------------------------------------------
    # RPC clients: XML-RPC and JSON-RPC, as external clients call Odoo
    # ------------------------------------------------------------------
    def _xmlrpc(self, role, model, method, *args, **kwargs):
        return self._xmlrpc_as(self.logins[role].login, model, method, *args, **kwargs)

    def _jsonrpc(self, role, model, method, *args, **kwargs):
        """Call over JSON-RPC; return the reply's ``result`` or ``error``."""
        return self._jsonrpc_as(self.logins[role].login, model, method, *args, **kwargs)

    def assertXmlrpcRefused(self, role, model, method, *args, kind="access", **kw):
        """The call is refused with the fault of ``kind`` ("access" for an
        AccessError, "user" for a UserError or ValidationError); return its
        message."""
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc(role, model, method, *args, **kw)
        self.assertEqual(
            caught.exception.faultCode,
            RPC_FAULT_CODES[kind],
            caught.exception.faultString,
        )
        return caught.exception.faultString

    def assertJsonrpcRefused(self, role, model, method, *args, **kwargs):
        reply = self._jsonrpc(role, model, method, *args, **kwargs)
        self.assertIn("error", reply, f"{model}.{method} was not refused: {reply}")
        return reply["error"]["data"]["message"]

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return record.sudo().read(sorted(names))

    # ------------------------------------------------------------------
    # The generic attack
    # ------------------------------------------------------------------
    def _forged_value(self, record, name):
        """A value of the field ``name`` other than the record's: what an
        attacker would write. None when the field cannot take another one."""
        field = record._fields[name]
        current = record[name]
        if field.type == "selection":
            keys = [
                key
                for key, _label in field._description_selection(self.env)
                if key != current
            ]
            return keys[0] if keys else None
        if field.type == "boolean":
            return not current
        if field.type == "date":
            return "2099-01-01"
        if field.type == "datetime":
            return "2099-01-01 10:00:00"
        if field.type in ("integer", "float", "monetary"):
            return (current or 0) + 99
        if field.type in ("char", "text", "html"):
            return FORGED_TEXT
        if field.type == "many2one":
            if field.comodel_name == "res.users":
                return self.user_viewer.id if current != self.user_viewer else None
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "not in", current.ids)], limit=1)
            )
            return other.id or None
        if field.type == "many2many" and field.comodel_name == "res.partner":
            return [(6, 0, self.user_viewer.partner_id.ids)]
        return None

    def _guarded_fields(self, model):
        Model = self.env[model]
        return Model._get_hcc_action_fields() | Model._get_hcc_immutable_fields()

    def _assert_integrity_complete(self):
        """Every workflow model of ``INTEGRITY_ADDON`` (a model that guards
        fields) has its entry, and every entry guards something."""
        models = self.env["ir.model"].search(
            [("model", "=like", "hcc.%"), ("transient", "=", False)]
        )
        guarded = {
            m.model
            for m in models
            if not self.env[m.model]._abstract
            and self.env[m.model]._original_module == self.INTEGRITY_ADDON
            and "_get_hcc_action_fields" in dir(self.env[m.model])
            and self._guarded_fields(m.model)
        }
        self.assertTrue(guarded, f"{self.INTEGRITY_ADDON} guards no model")
        self.assertLessEqual(guarded, set(self.INTEGRITY), "models missing")
        for model in self.INTEGRITY:
            self.assertTrue(self._guarded_fields(model), f"{model} guards nothing")

    def _assert_integrity(self):
        """Each role of each entry writes each guarded field over XML-RPC: the
        write is refused by the guard (its message, not a record rule) and the
        record is unchanged."""
        for model, entry in self.INTEGRITY.items():
            record = getattr(self, entry["record"])()
            self.assertEqual(record._name, model)
            for name in sorted(self._guarded_fields(model)):
                value = self._forged_value(record, name)
                if value is None:
                    continue
                before = self._snapshot(record, [name])
                for role in entry["roles"]:
                    with self.subTest(model=model, field=name, role=role):
                        message = self.assertXmlrpcRefused(
                            role,
                            model,
                            "write",
                            record.ids,
                            {name: value},
                            kind="user"
                            if name in self.env[model]._get_hcc_immutable_fields()
                            else "access",
                        )
                        # the guard's message (or that of the step that froze
                        # the field), not a record rule's
                        self.assertRegex(
                            message,
                            "cannot be written directly|cannot change once|"
                            "cannot be changed",
                        )
                        self.assertEqual(self._snapshot(record, [name]), before)
            for role in entry["roles"] if entry.get("history") else ():
                with self.subTest(model=model, unlink=True, role=role):
                    with self.assertRaises(xmlrpc.client.Fault) as caught:
                        self._xmlrpc(role, model, "unlink", record.ids)
                    self.assertIn(
                        caught.exception.faultCode, set(RPC_FAULT_CODES.values())
                    )
                    self.assertTrue(record.exists())


class HccClosedByDefaultCase(HccIntegrityCase):
    """The attack suite generated from the models, not from the guard's lists.

    For every workflow model of ``INTEGRITY_ADDON`` (every model built on
    ``hcc.workflow.mixin``: a model without an entry in ``INTEGRITY`` fails),
    every state its record can be in, every stored field and every role
    (Legal Services and a provider's portal user included), over JSON-RPC:

    * ``write`` of another value: it is refused, or the field is one the
      state declares editable (``_get_hcc_editable_fields``; in the initial
      state, unless the model declares it, any field but the action and
      immutable fields);
    * ``unlink`` past the initial state: refused;
    * ``create`` and ``copy``: refused, or the record is born with its action
      fields at their initial value, whether the forged value came in the
      values, in a ``default_*`` key of the context or in an ``ir.default``
      row of the user;
    * each action of its transition table (``_get_hcc_transitions``), in
      every state the action does not start from: refused
      (``_assert_transitions_refused``).
    """

    ATTACK_ROLES = (
        "viewer",
        "finance",
        "service_manager",
        "support_officer",
        "county_manager",
        "legal",
        "portal",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_provider = cls._create_provider_portal_user("hcc_attacker_portal")
        cls.logins.update(legal=cls.user_legal, portal=cls.user_provider)

    # ------------------------------------------------------------------
    # What the models declare
    # ------------------------------------------------------------------
    def _workflow_models(self):
        """Every concrete model of the addon built on the guard's mixin."""
        mixin = type(self.env["hcc.workflow.mixin"])
        return sorted(
            name
            for name, model in self.env.registry.items()
            if not model._abstract
            and not model._transient
            and issubclass(model, mixin)
            and model._original_module == self.INTEGRITY_ADDON
        )

    def _ruling_state(self, record):
        """(the record holding the ruling state, its field, the states)."""
        path = record._hcc_state_path
        if not path:
            return None, None, [None]
        *parents, name = path.split(".")
        holder = record.sudo()
        for parent in parents:
            holder = holder[parent]
        states = [
            key for key, _label in holder._fields[name]._description_selection(self.env)
        ]
        return holder, name, states

    def _stored_fields(self, model):
        Model = self.env[model]
        return sorted(
            name
            for name, field in Model._fields.items()
            if field.store
            and name not in models.MAGIC_COLUMNS
            and name not in Model._hcc_free_fields()
        )

    def _allowed(self, record, state):
        Model = self.env[record._name]
        editable = Model._get_hcc_editable_fields()
        if state is None or (
            state == Model._hcc_initial_state() and state not in editable
        ):
            return (
                set(self._stored_fields(record._name))
                - Model._get_hcc_action_fields()
                - Model._get_hcc_immutable_fields()
            )
        return editable.get(state, set())

    def _unclassified_fields(self):
        """``{model: names}``: the stored fields of the installed workflow
        models (whichever addon adds them) that nobody classified."""
        mixin = type(self.env["hcc.workflow.mixin"])
        unclassified = {}
        for name, model in self.env.registry.items():
            if model._abstract or model._transient or not issubclass(model, mixin):
                continue
            Model = self.env[name]
            classified = (
                Model._get_hcc_action_fields()
                | Model._get_hcc_immutable_fields()
                | Model._hcc_derived_fields()
                | Model._get_hcc_first_step_fields()
            )
            for names in Model._get_hcc_editable_fields().values():
                classified |= names
            missing = set(self._stored_fields(name)) - classified
            if missing:
                unclassified[name] = sorted(missing)
        return unclassified

    # ------------------------------------------------------------------
    # The attacks
    # ------------------------------------------------------------------
    def _assert_closed_by_default(self):
        found = self._workflow_models()
        self.assertTrue(found, f"{self.INTEGRITY_ADDON} has no workflow model")
        missing = set(found) - set(self.INTEGRITY)
        self.assertFalse(
            missing, f"workflow models with no record to attack: {missing}"
        )
        self.attempts = self.passed = 0
        for model in found:
            record = getattr(self, self.INTEGRITY[model]["record"])()
            holder, state_field, _states = self._ruling_state(record)
            state = holder[state_field] if holder is not None else None
            self._attack_writes(record)
            self._attack_creations(record)
            if holder is not None:
                # the records of the other models share the contract
                self._force_state(holder, state_field, state)
        return self.attempts

    def _attack_writes(self, record):
        holder, state_field, states = self._ruling_state(record)
        for state in states:
            if holder is not None:
                self._force_state(holder, state_field, state)
            allowed = self._allowed(record, state)
            for role in self.ATTACK_ROLES:
                for name in self._stored_fields(record._name):
                    self._attack_write(record, role, state, name, allowed)
                if state is not None and state != record._hcc_initial_state():
                    self._attack_copy(record, role)
                    self._attack_unlink(record, role, state)

    @staticmethod
    def _force_state(holder, state_field, state):
        """Put the record in a state as a fact, without the constraints of
        reaching it: what is attacked is what the state lets through. (The
        pending writes are flushed first: flushed after, the step that made
        the record would overwrite the forced state.)"""
        holder.flush_recordset()
        holder.sudo()._write({state_field: state})
        holder.invalidate_recordset()

    def _attack_write(self, record, role, state, name, allowed):
        value = self._forged_value(record, name)
        if value is None:
            return
        field = record._fields[name]
        before = field.convert_to_write(record.sudo()[name], record)
        self.attempts += 1
        reply = self._jsonrpc(role, record._name, "write", record.ids, {name: value})
        record.invalidate_recordset()
        if "error" in reply:
            self.assertEqual(
                field.convert_to_write(record.sudo()[name], record), before
            )
            return
        with self.subTest(model=record._name, state=state, field=name, role=role):
            self.assertIn(
                name,
                allowed,
                f"{role} changed {record._name}.{name} in the state {state}, "
                "which does not declare it editable",
            )
        # put the record back for the next attempt
        record.sudo().write({name: before})

    def _attack_unlink(self, record, role, state):
        self.attempts += 1
        reply = self._jsonrpc(role, record._name, "unlink", record.ids)
        with self.subTest(model=record._name, state=state, unlink=True, role=role):
            self.assertIn("error", reply, f"{role} deleted {record._name} in {state}")
            self.assertTrue(record.exists())

    def _attack_creations(self, record):
        """Create and copy as each role, with every action field forged in
        the values, in the context's defaults and in an ``ir.default``."""
        Model = self.env[record._name]
        holder, state_field, _states = self._ruling_state(record)
        if holder is not None:
            model = self.env[holder._name]
            initial = model._hcc_initial_value(state_field)
            self._force_state(holder, state_field, initial)
        action_fields = Model._get_hcc_action_fields()
        base = {
            k: self._json_ready(v)
            for k, v in record.sudo().copy_data()[0].items()
            if k not in action_fields
        }
        names = sorted(n for n in action_fields if not Model._fields[n].compute)
        for role in self.ATTACK_ROLES:
            user = self.logins[role]
            for name in names:
                value = self._forged_value(record, name)
                if value is None:
                    continue
                self.attempts += 3
                forged = dict(base, **{name: value})
                reply = self._jsonrpc(role, record._name, "create", [forged])
                self._check_born(record, role, reply, name, value)
                context = {f"default_{name}": value}
                reply = self._jsonrpc(
                    role, record._name, "create", [base], context=context
                )
                self._check_born(record, role, reply, name, value)
                field = Model._fields[name]
                stored = value[0][2] if field.type == "many2many" else value
                self.env["ir.default"].set(record._name, name, stored, user_id=user.id)
                reply = self._jsonrpc(role, record._name, "create", [base])
                self._check_born(record, role, reply, name, value)
                self.env["ir.default"].search(
                    [
                        ("field_id.model", "=", record._name),
                        ("field_id.name", "=", name),
                        ("user_id", "=", user.id),
                    ]
                ).unlink()

    @staticmethod
    def _json_ready(value):
        """A value of ``copy_data`` as a JSON-RPC client sends it."""
        if isinstance(value, datetime.datetime):
            return fields.Datetime.to_string(value)
        if isinstance(value, datetime.date):
            return fields.Date.to_string(value)
        return value

    def _attack_copy(self, record, role):
        """A copy of a record past its first step starts again: none of the
        original's recorded decisions, dates or people come with it."""
        self.attempts += 1
        started = fields.Datetime.now().replace(microsecond=0)
        reply = self._jsonrpc(role, record._name, "copy", record.ids)
        if "error" in reply:
            return
        copy = self.env[record._name].browse(reply["result"]).exists()
        Model = self.env[record._name]
        for name in Model._get_hcc_action_fields():
            if Model._fields[name].compute:
                continue
            original = record[name]
            field = Model._fields[name]
            # the initial value as the record holds it (a record, not an id)
            initial = field.convert_to_record(
                field.convert_to_cache(Model._hcc_initial_value(name) or False, record),
                record,
            )
            if not original or original == initial:
                continue
            if field.type == "datetime" and copy[name] and copy[name] >= started:
                # the copy's own stamp, taken as it was made (who set a fee
                # review rule, and when): within the original's second it
                # cannot be told from a copied value
                continue
            with self.subTest(model=record._name, copied=name, role=role):
                self.assertNotEqual(copy[name], original, f"{role} copied {name}")
        holder, state_field, states = self._ruling_state(copy)
        if holder == copy:
            # out of the way of the checks on open records (one open review
            # per due date...)
            self._force_state(copy, state_field, states[-1])

    def _assert_transitions_refused(self):
        """Every workflow model of the addon that declares a transition table:
        each action of the table is a method of the model, over the states of
        the model's own state field; called on a record in each state it does
        not start from, it is refused with the table's message and the record
        stays in that state. Called as the superuser, whom no role check
        holds: the state alone refuses. Return the number of refusals."""
        tables = {
            model: self.env[model]._get_hcc_transitions()
            for model in self._workflow_models()
        }
        tables = {model: table for model, table in tables.items() if table}
        self.assertTrue(tables, f"{self.INTEGRITY_ADDON} declares no transition")
        refused = 0
        for model, table in tables.items():
            record = getattr(self, self.INTEGRITY[model]["record"])()
            # what the workflow wrote is in the database before a state is
            # forced there
            self.env.flush_all()
            state_field = record._hcc_state_path
            self.assertNotIn(".", state_field, f"{model}: transitions of a parent")
            states = [
                key
                for key, _label in record._fields[state_field]._description_selection(
                    self.env
                )
            ]
            start = record[state_field]
            for action, transition in table.items():
                with self.subTest(model=model, action=action):
                    self.assertTrue(
                        callable(getattr(record, action, None)),
                        f"{model} has no method {action}",
                    )
                    self.assertIsInstance(transition, Transition)
                    self.assertTrue(transition.from_states)
                    self.assertLessEqual(set(transition.from_states), set(states))
                    targets = transition.to_state
                    if not isinstance(targets, tuple):
                        targets = (targets,)
                    self.assertLessEqual(set(targets) - {None}, set(states))
                    self.assertTrue(transition.label)
                for state in states:
                    if state in transition.from_states:
                        continue
                    self._force_state(record, state_field, state)
                    with self.subTest(model=model, action=action, state=state):
                        with self.assertRaises(UserError) as caught:
                            getattr(record, action)()
                        self.assertIn(transition.label, caught.exception.args[0])
                        record.invalidate_recordset()
                        self.assertEqual(record[state_field], state)
                    refused += 1
            self._force_state(record, state_field, start)
        return refused

    def _check_born(self, record, role, reply, name, value):
        """A record created with a forged action field: refused, or born
        without the forged value."""
        if "error" in reply:
            return
        created = self.env[record._name].browse(reply["result"]).exists()
        field = created._fields[name]
        forged = field.convert_to_record(
            field.convert_to_cache(value, created), created
        )
        with self.subTest(model=record._name, born=name, role=role):
            for new in created:
                self.assertNotEqual(
                    new[name], forged, f"{role} created {record._name} with {name}"
                )
