from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# who reads safeguarding concerns, and so who cites them on a notice
CONCERN_READERS = "hcc_contracts.group_safeguarding,hcc_contracts.group_county_manager"


class HccContractNotice(models.Model):
    """Safeguarding concerns cited as evidence for a notice (9.4).

    Only the Safeguarding group and the County Manager (Contracts) read the
    concerns, so only they cite them: the field of the concerns cited is
    theirs. Every other reader of the notice reads the case references only,
    kept on the notice as the concerns were cited, never their summary."""

    _inherit = "hcc.contract.notice"

    evidence_safeguarding_ids = fields.Many2many(
        "hcc.safeguarding.concern",
        "hcc_contract_notice_safeguarding_rel",
        "notice_id",
        "concern_id",
        string="Safeguarding Concerns",
        domain="[('contract_id', '=', contract_id)]",
        groups=CONCERN_READERS,
        help="Safeguarding concerns about the service that show the failings. "
        "Other readers of the notice see their case references only.",
    )
    evidence_safeguarding_refs = fields.Char(
        string="Safeguarding Concerns Cited",
        compute="_compute_evidence_safeguarding_refs",
        store=True,
        compute_sudo=True,
        help="The case references of the safeguarding concerns cited: all that "
        "a reader of the notice without access to the concerns sees of them.",
    )

    @api.depends("evidence_safeguarding_ids.case_reference")
    def _compute_evidence_safeguarding_refs(self):
        for notice in self:
            notice.evidence_safeguarding_refs = ", ".join(
                notice.evidence_safeguarding_ids.sorted("id").mapped("case_reference")
            )

    @api.model
    def _get_hcc_first_step_fields(self):
        """Cited while the notice is a draft, frozen once it is served."""
        return super()._get_hcc_first_step_fields() | {"evidence_safeguarding_ids"}

    @api.constrains("contract_id", "evidence_safeguarding_ids")
    def _check_evidence_safeguarding_contract(self):
        for notice in self.sudo():
            foreign = notice.evidence_safeguarding_ids.filtered(
                lambda c, notice=notice: c.contract_id != notice.contract_id
            )
            if foreign:
                raise ValidationError(
                    _(
                        "Notice %(ref)s can only rely on safeguarding concerns of "
                        "its own contract, not on %(case)s.",
                        ref=notice.name,
                        case=foreign[0].case_reference,
                    )
                )
