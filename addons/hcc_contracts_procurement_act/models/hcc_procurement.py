from odoo import api, fields, models


class HccProcurement(models.Model):
    """The procurement steps raise the Procurement Act notices that follow from
    them at once: the contract award notice on the award, the contract details
    notice (and the publication of a contract over £5 million) on the
    countersignature. The nightly run catches any missed."""

    _inherit = "hcc.procurement"

    is_light_touch = fields.Boolean(
        string="Light Touch Contract",
        default=True,
        tracking=True,
        help="Most care services provided directly to individuals are light touch "
        "services: higher threshold, 120 days for the contract details notice. "
        "The awarded contract inherits it.",
    )

    estimated_value = fields.Monetary(
        string="Estimated Value (incl. VAT)",
        currency_field="currency_id",
        tracking=True,
        help="Estimated value of the contract over its whole term, published "
        "with the invitation to tender (Local Government Transparency Code).",
    )

    fts_ocid = fields.Char(
        related="awarded_contract_id.fts_ocid",
        string="Find a Tender Identifier (OCID)",
        help="The identifier Find a Tender gave this procurement with its first "
        "published notice, as the officer recorded it on that notice.",
    )

    @api.model
    def _get_hcc_editable_fields(self):
        """The regime and the estimate follow the service being shaped."""
        editable = super()._get_hcc_editable_fields()
        for step in ("option", "authorisation", "tender", "negotiation"):
            editable[step] = editable.get(step, set()) | {
                "is_light_touch",
                "estimated_value",
            }
        return editable

    def _get_contract_copied_fields(self):
        return [*super()._get_contract_copied_fields(), "is_light_touch"]

    def action_authorise(self):
        result = super().action_authorise()
        self._sync_procurement_notices()
        return result

    def action_award(self):
        result = super().action_award()
        contract = self.awarded_contract_id
        ocid = self._hcc_fts_ocid()
        if ocid and not contract.sudo().fts_ocid:
            # the identifier typed back on the tender notice is the one the
            # contract's notices carry
            contract._hcc_record_fts_ocid(ocid)
        contract._sync_statutory_notices()
        return result

    def action_cancel(self):
        result = super().action_cancel()
        self._sync_procurement_notices()
        return result

    # ------------------------------------------------------------------
    # The notices of a procurement before any contract (UK4, UK12)
    # ------------------------------------------------------------------
    def _get_due_procurement_notices(self):
        """A competitive tender opens with its tender notice (s.21), published
        before the tender is advertised; a procurement cancelled once its
        tender notice was published ends with a procurement termination
        notice (s.55), as soon as reasonably practicable."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        tender = self.notice_ids.filtered(lambda n: n.notice_kind == "tender")
        if self.step == "tender" and not tender:
            return [
                {
                    "procurement_id": self.id,
                    "notice_kind": "tender",
                    "date_due": self.date_advert or today,
                    "reason": self.env._(
                        "Competitive tender of procurement %(ref)s: the tender "
                        "notice is published before the tender is advertised.",
                        ref=self.name,
                    ),
                }
            ]
        if (
            self.step == "cancelled"
            and tender.state == "published"
            and "procurement_termination" not in self.notice_ids.mapped("notice_kind")
        ):
            return [
                {
                    "procurement_id": self.id,
                    "notice_kind": "procurement_termination",
                    "date_due": today,
                    "reason": self.env._(
                        "Procurement %(ref)s was cancelled after its tender notice "
                        "%(notice)s was published.",
                        ref=self.name,
                        notice=tender.notice_identifier,
                    ),
                }
            ]
        return []

    def _sync_procurement_notices(self):
        """Create the notices that fell due, remind the support officer (or the
        lead officer) of each; a tender notice not yet published when the
        procurement is cancelled is no longer required."""
        Notice = self.env["hcc.procurement.notice"].sudo()
        vals_list = []
        for procurement in self.sudo():
            vals_list += procurement._get_due_procurement_notices()
            if procurement.step == "cancelled":
                unpublished = procurement.notice_ids.filtered(
                    lambda n: n.notice_kind == "tender"
                    and n.state in ("due", "prepared")
                )
                if unpublished:
                    unpublished.not_required_reason = self.env._(
                        "The procurement was cancelled before the notice was published."
                    )
                    unpublished.action_mark_not_required()
        notices = Notice.create(vals_list)
        notices._fts_remind_officer()
        return notices

    def action_confirm_signature(self):
        result = super().action_confirm_signature()
        self.awarded_contract_id._sync_statutory_notices()
        return result
