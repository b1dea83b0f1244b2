from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HccProcurementBid(models.Model):
    """A provider invited to tender, or the provider of a single tender
    negotiation, with its tender and its evaluation (A7, A8)."""

    _name = "hcc.procurement.bid"
    _inherit = ["hcc.workflow.mixin"]
    _description = "Tender"
    _hcc_state_path = "procurement_id.step"
    _order = "procurement_id, rank, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    procurement_id = fields.Many2one(
        "hcc.procurement",
        required=True,
        index=True,
        ondelete="cascade",
    )

    @api.model
    def _get_hcc_editable_fields(self):
        """A tender is received while the procurement is out to tender,
        negotiated, then scored at the evaluation; the scores are corrected
        until the award is made."""
        scores = {"price_score", "quality_score", "notes"}
        editable = super()._get_hcc_editable_fields()
        editable.update(
            tender={"partner_id", "date_received", "price", "notes"},
            negotiation={"date_received", "price", "notes"},
            evaluation=scores,
            award=scores,
        )
        return editable

    @api.model
    def _get_hcc_immutable_fields(self):
        return super()._get_hcc_immutable_fields() | {"procurement_id"}

    company_id = fields.Many2one(
        related="procurement_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="procurement_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Provider",
        required=True,
        index=True,
        check_company=True,
    )
    date_received = fields.Date(
        string="Tender Received On",
        help="Empty while the provider was invited but has not tendered.",
    )
    price = fields.Monetary(string="Annual Price", currency_field="currency_id")
    quality_score = fields.Float(help="Quality mark out of 100.")
    price_score = fields.Float(help="Price mark out of 100.")
    is_scored = fields.Boolean(
        string="Scored",
        compute="_compute_is_scored",
        help="The tender has been given its marks.",
    )
    total_score = fields.Float(
        compute="_compute_total_score",
        store=True,
        help="Quality and price marks combined by the procurement's weightings.",
    )
    rank = fields.Integer(compute="_compute_rank", store=True)
    is_recommended = fields.Boolean(compute="_compute_is_recommended")
    notes = fields.Text()

    _sql_constraints = [
        (
            "partner_procurement_uniq",
            "unique(procurement_id, partner_id)",
            "This provider already has a bid in this procurement.",
        ),
    ]

    @api.depends("quality_score", "price_score", "procurement_id.quality_weight")
    def _compute_total_score(self):
        for bid in self:
            weight = bid.procurement_id.quality_weight / 100.0
            bid.total_score = round(
                bid.quality_score * weight + bid.price_score * (1 - weight), 2
            )

    @api.depends(
        "date_received",
        "total_score",
        "procurement_id.bid_ids.total_score",
        "procurement_id.bid_ids.date_received",
    )
    def _compute_rank(self):
        for bid in self:
            if not bid.date_received:
                bid.rank = 0
                continue
            received = bid.procurement_id.bid_ids.filtered("date_received").sorted(
                lambda b: (-b.total_score, b._origin.id or 0)
            )
            bid.rank = list(received).index(bid) + 1 if bid in received else 0

    @api.depends("quality_score", "price_score")
    def _compute_is_scored(self):
        for bid in self:
            bid.is_scored = bool(bid.quality_score or bid.price_score)

    @api.depends("procurement_id.awarded_bid_id")
    def _compute_is_recommended(self):
        for bid in self:
            bid.is_recommended = bid.procurement_id.awarded_bid_id == bid

    @api.constrains("quality_score", "price_score", "price")
    def _check_scores(self):
        for bid in self:
            if not (0 <= bid.quality_score <= 100 and 0 <= bid.price_score <= 100):
                raise ValidationError(
                    _(
                        "The bid of %(provider)s: marks are out of 100.",
                        provider=bid.partner_id.name,
                    )
                )
            if bid.price < 0:
                raise ValidationError(
                    _(
                        "The bid of %(provider)s: the price cannot be negative.",
                        provider=bid.partner_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_received(self):
        received = self.filtered("date_received")
        if received:
            raise UserError(
                _(
                    "The tender of %(provider)s was received and stays on the "
                    "record of procurement %(ref)s.",
                    provider=received[0].partner_id.name,
                    ref=received[0].procurement_id.name,
                )
            )
