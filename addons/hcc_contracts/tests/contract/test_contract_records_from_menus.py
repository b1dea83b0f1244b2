from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestContractRecordsFromMenus(HccContractsCase):
    """A record of a contract (a meeting, a notice, a revision...) started
    from its own menu rather than from the contract offers, in its Contract
    field, the contracts its user may see (issue 43: it offered none)."""

    def _offered_contracts(self, model, user):
        """The contracts the web client offers in the Contract field of a new
        record of ``model``: the field's domain as ``fields_get`` gives it,
        evaluated on the new record's default values, searched as ``user``."""
        Model = self.env[model].with_user(user)
        domain = Model.fields_get(["contract_id"])["contract_id"].get("domain") or []
        if isinstance(domain, str):
            values = dict.fromkeys(Model._fields, False)
            values.update(Model.default_get(list(Model._fields)))
            domain = safe_eval(domain, {**values, "context": {}, "uid": user.id})
        return self.env["hcc.contract"].with_user(user).search(domain)

    def test_a_new_record_offers_the_users_contracts(self):
        contract = self._create_contract()
        contract.action_activate()
        models = sorted(
            name
            for name in self.registry["hcc.contract.record.mixin"]._inherit_children
            if not self.env[name]._abstract and not self.env[name]._transient
        )
        self.assertIn("hcc.contract.meeting", models)
        self.assertIn("hcc.contract.notice", models)
        for model in models:
            with self.subTest(model=model):
                self.assertIn(
                    contract, self._offered_contracts(model, self.user_sm), model
                )
