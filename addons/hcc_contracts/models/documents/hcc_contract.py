from odoo import _, fields, models


class HccContract(models.Model):
    """The contract file: the typed documents of the contract and of the
    records of its management (procurement, notices, revisions, reviews)."""

    _inherit = "hcc.contract"

    document_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Documents",
        domain=[("res_model", "=", "hcc.contract"), ("hcc_document_type", "!=", False)],
        help="The documents filed on the contract itself.",
    )

    def _hcc_document_records(self):
        """``{model: ids}`` of the records whose documents make the file of
        these contracts."""
        self.ensure_one()
        records = {"hcc.contract": self.ids}
        for model in (
            "hcc.contract.notice",
            "hcc.contract.revision",
            "hcc.contract.review",
        ):
            records[model] = (
                self.env[model].sudo().search([("contract_id", "=", self.id)]).ids
            )
        procurements = (
            self.env["hcc.procurement"]
            .sudo()
            .search([("awarded_contract_id", "=", self.id)])
        )
        records["hcc.procurement"] = procurements.ids
        records["hcc.procurement.bid"] = procurements.bid_ids.ids
        return records

    def _hcc_document_domain(self):
        self.ensure_one()
        parts = [
            [("res_model", "=", model), ("res_id", "in", ids)]
            for model, ids in self._hcc_document_records().items()
            if ids
        ]
        domain = ["|"] * (len(parts) - 1)
        for part in parts:
            domain = [*domain, "&", *part]
        return [("hcc_document_type", "!=", False), *domain]

    def action_view_documents(self):
        self.ensure_one()
        return self._action_view_records(
            "hcc_contracts.hcc_document_action",
            domain=self._hcc_document_domain(),
            context={
                "default_res_model": "hcc.contract",
                "default_res_id": self.id,
                "default_hcc_document_type": "other",
            },
            name=_("Contract File: %(ref)s", ref=self.name),
        )
