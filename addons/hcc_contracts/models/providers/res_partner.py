from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools.misc import format_amount

from .hcc_provider_risk import TERMINATION_OPEN
from .hcc_provider_risk_rule import RISK_LEVELS

# who sees a provider's page: everyone who may read at least some contracts
PROVIDER_PAGE_GROUPS = "hcc_contracts.group_service_manager,hcc_contracts.group_viewer"


class ResPartner(models.Model):
    """The provider's page: what the council knows of a provider across all
    its contracts, each figure counted over the contracts the reader may see
    (a Service Manager, those of their localities), and its risk rating."""

    _inherit = "res.partner"

    hcc_risk_ids = fields.One2many(
        "hcc.provider.risk",
        "partner_id",
        string="Provider Risk Ratings",
        readonly=True,
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_risk_id = fields.Many2one(
        "hcc.provider.risk",
        string="Provider Risk Rating",
        compute="_compute_hcc_risk_id",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_risk_level = fields.Selection(
        RISK_LEVELS,
        string="Provider Risk",
        compute="_compute_hcc_risk_id",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_risk_reasons = fields.Text(
        string="Why", compute="_compute_hcc_risk_id", groups=PROVIDER_PAGE_GROUPS
    )
    hcc_live_contract_count = fields.Integer(
        string="Live Contracts",
        compute="_compute_hcc_provider_page",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_red_contract_count = fields.Integer(
        string="Red", compute="_compute_hcc_provider_page", groups=PROVIDER_PAGE_GROUPS
    )
    hcc_amber_contract_count = fields.Integer(
        string="Amber",
        compute="_compute_hcc_provider_page",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_green_contract_count = fields.Integer(
        string="Green",
        compute="_compute_hcc_provider_page",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_late_return_count = fields.Integer(
        string="Late Returns",
        compute="_compute_hcc_provider_page",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_queried_return_count = fields.Integer(
        string="Queried Returns",
        compute="_compute_hcc_provider_page",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_open_complaint_count = fields.Integer(
        string="Open Complaints",
        compute="_compute_hcc_provider_page",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_open_action_count = fields.Integer(
        string="Open Corrective Actions",
        compute="_compute_hcc_provider_page",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_notice_count = fields.Integer(
        string="Notices Served",
        compute="_compute_hcc_provider_page",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_termination_count = fields.Integer(
        string="Termination Cases",
        compute="_compute_hcc_provider_page",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_concentration_html = fields.Html(
        string="Share of the Council's Contracts",
        compute="_compute_hcc_provider_page",
        sanitize=False,
        groups=PROVIDER_PAGE_GROUPS,
    )

    def _compute_hcc_risk_id(self):
        risks = self.env["hcc.provider.risk"].search(
            [("partner_id", "in", self.ids), ("company_id", "=", self.env.company.id)]
        )
        by_partner = {risk.partner_id.id: risk for risk in risks}
        for partner in self:
            risk = by_partner.get(partner.id, risks.browse())
            partner.hcc_risk_id = risk
            partner.hcc_risk_level = risk.level
            partner.hcc_risk_reasons = risk.reasons

    def _hcc_provider_counts(self):
        """{field name: (model, domain)} of the page's counters, each over
        the records of the provider's contracts the reader may see."""
        return {
            "hcc_late_return_count": ("hcc.data.return", [("is_late", "=", True)]),
            "hcc_queried_return_count": (
                "hcc.data.return",
                [("state", "=", "queried")],
            ),
            "hcc_open_complaint_count": (
                "hcc.contract.complaint",
                [("is_open", "=", True)],
            ),
            "hcc_open_action_count": ("hcc.contract.action", [("state", "=", "open")]),
            "hcc_notice_count": (
                "hcc.contract.notice",
                [("state", "in", ("served", "remedied", "escalated"))],
            ),
            "hcc_termination_count": (
                "hcc.contract.termination",
                [("state", "in", (*TERMINATION_OPEN, "terminated", "declined"))],
            ),
        }

    def _hcc_provider_count_values(self):
        """{field name: {partner id: count}} of the page's counters, one
        query a counter for all the partners, over what the reader may see."""
        values = {}
        for name, (model, domain) in self._hcc_provider_counts().items():
            by_partner = values[name] = {}
            groups = self.env[model]._read_group(
                [("contract_id.partner_id", "in", self.ids), *domain],
                ["contract_id"],
                ["__count"],
            )
            for contract, count in groups:
                partner_id = contract.sudo().partner_id.id
                by_partner[partner_id] = by_partner.get(partner_id, 0) + count
        return values

    @api.depends_context("uid", "company")
    def _compute_hcc_provider_page(self):
        Contract = self.env["hcc.contract"]
        live = Contract.search_fetch(
            [("partner_id", "in", self.ids), ("state", "=", "active")],
            ["partner_id", "rag_status"],
        )
        counts = self._hcc_provider_count_values()
        for partner in self:
            mine = live.filtered(lambda c, partner=partner: c.partner_id == partner)
            partner.hcc_live_contract_count = len(mine)
            for level in ("red", "amber", "green"):
                partner[f"hcc_{level}_contract_count"] = len(
                    mine.filtered(lambda c, level=level: c.rag_status == level)
                )
            for name, by_partner in counts.items():
                partner[name] = by_partner.get(partner.id, 0)
            partner.hcc_concentration_html = (
                partner._hcc_concentration_html() if mine else False
            )

    def _hcc_concentration_html(self):
        """The provider's share of the annual value of the live contracts
        the reader may see, by care group and by locality."""
        self.ensure_one()
        Contract = self.env["hcc.contract"]
        currency = self.env.company.currency_id
        rows = []
        for field, title in (
            ("care_group_id", self.env._("Care group")),
            ("locality_id", self.env._("Locality")),
        ):
            totals = dict(
                Contract._read_group(
                    [("state", "=", "active")], [field], ["annual_value:sum"]
                )
            )
            ours = dict(
                Contract._read_group(
                    [("state", "=", "active"), ("partner_id", "=", self.id)],
                    [field],
                    ["annual_value:sum"],
                )
            )
            for group, value in ours.items():
                total = totals.get(group) or 0.0
                share = value / total * 100 if total else 0.0
                rows.append(
                    Markup(
                        "<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td>"
                        "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
                    )
                    % (
                        title,
                        group.display_name if group else self.env._("None"),
                        format_amount(self.env, value, currency),
                        format_amount(self.env, total, currency),
                        f"{share:.1f} %",
                    )
                )
        head = Markup(
            "<table class='table table-sm o_hcc_concentration'><thead><tr>"
            "<th>%s</th><th>%s</th><th class='text-end'>%s</th>"
            "<th class='text-end'>%s</th><th class='text-end'>%s</th></tr></thead>"
            "<tbody>"
        ) % (
            escape(self.env._("By")),
            escape(self.env._("Group")),
            escape(self.env._("This provider, a year")),
            escape(self.env._("All providers, a year")),
            escape(self.env._("Share")),
        )
        return head + Markup("").join(rows) + Markup("</tbody></table>")

    def _hcc_provider_action(self, model, domain, name):
        action = (
            self.env["ir.actions.act_window"]._for_xml_id(
                "hcc_contracts.hcc_contract_action"
            )
            if model == "hcc.contract"
            else {
                "type": "ir.actions.act_window",
                "res_model": model,
                "views": [(False, "list"), (False, "form")],
            }
        )
        action.update(
            {
                "name": name,
                "domain": [("contract_id.partner_id", "=", self.id), *domain]
                if model != "hcc.contract"
                else [("partner_id", "=", self.id), *domain],
                "context": {"create": False},
            }
        )
        return action

    def action_hcc_view_contracts(self):
        self.ensure_one()
        return self._hcc_provider_action(
            "hcc.contract", [("state", "=", "active")], self.env._("Live Contracts")
        )

    def action_hcc_view_counter(self):
        """Open the records behind one counter of the page (its field name
        in the context key ``hcc_counter``, as a button passes it)."""
        self.ensure_one()
        name = self.env.context.get("hcc_counter")
        counters = self._hcc_provider_counts()
        if name not in counters:
            return False
        model, domain = counters[name]
        return self._hcc_provider_action(
            model, domain, self._fields[name].get_description(self.env)["string"]
        )

    def action_hcc_view_risk(self):
        self.ensure_one()
        risk = self.hcc_risk_id
        return {
            "type": "ir.actions.act_window",
            "res_model": "hcc.provider.risk",
            "res_id": risk.id,
            "views": [(False, "form")],
        }
