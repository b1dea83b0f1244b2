from odoo import _, api, fields, models


class HccContract(models.Model):
    """Notices, revisions and the evidence trail of a contract (procedure 7.4,
    9.1 to 9.5)."""

    _inherit = "hcc.contract"

    notice_ids = fields.One2many("hcc.contract.notice", "contract_id", string="Notices")
    notice_count = fields.Integer(compute="_compute_notice_count")
    revision_ids = fields.One2many(
        "hcc.contract.revision", "contract_id", string="Revisions"
    )
    revision_count = fields.Integer(compute="_compute_revision_count")
    evidence_count = fields.Integer(compute="_compute_evidence_count")

    @api.depends("notice_ids")
    def _compute_notice_count(self):
        counts = dict(
            self.env["hcc.contract.notice"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.notice_count = counts.get(contract, 0)

    @api.depends("revision_ids")
    def _compute_revision_count(self):
        counts = dict(
            self.env["hcc.contract.revision"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.revision_count = counts.get(contract, 0)

    def _compute_evidence_count(self):
        counts = dict(
            self.env["hcc.contract.evidence"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.evidence_count = counts.get(contract, 0)

    def action_view_notices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hcc_contracts.hcc_contract_notice_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_view_revisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hcc_contracts.hcc_contract_revision_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_view_evidence(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hcc_contracts.hcc_contract_evidence_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {}
        action["display_name"] = _("Evidence Trail: %(ref)s", ref=self.name)
        return action

    def _get_rag_evidence(self):
        """A served notice is amber; a notice escalated or whose remedy date
        has passed is red."""
        evidence = super()._get_rag_evidence()
        today = fields.Date.context_today(self)
        notices = (
            self.env["hcc.contract.notice"]
            .sudo()
            .search(
                [
                    ("contract_id", "in", self.ids),
                    ("state", "in", ("served", "escalated")),
                ]
            )
        )
        for notice in notices:
            due = fields.Date.to_string(notice.date_remedy_due)
            if notice.state == "escalated":
                item = ("red", _("Notice %(ref)s was escalated.", ref=notice.name))
            elif notice.date_remedy_due and notice.date_remedy_due < today:
                item = (
                    "red",
                    _(
                        "The remedy period of notice %(ref)s ended on %(date)s.",
                        ref=notice.name,
                        date=due,
                    ),
                )
            else:
                item = (
                    "amber",
                    _(
                        "Notice %(ref)s is served; remedy due by %(date)s.",
                        ref=notice.name,
                        date=due,
                    ),
                )
            evidence.setdefault(notice.contract_id.id, []).append(item)
        return evidence

    def _state_label(self):
        self.ensure_one()
        states = dict(self._fields["state"]._description_selection(self.env))
        return states[self.state].lower()
