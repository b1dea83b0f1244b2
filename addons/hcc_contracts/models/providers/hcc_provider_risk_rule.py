from odoo import api, fields, models

from ...tools.selection import selection_label

# the risk levels, worst first (the columns of the providers by risk, a rule's
# choices); a provider's risk is the highest rank of the rules its signals
# meet, green when none does
RISK_LEVELS = [("red", "Red"), ("amber", "Amber"), ("green", "Green")]
RISK_RANK = {"green": 0, "amber": 1, "red": 2}


class HccProviderRiskRule(models.Model):
    """A rule of the provider risk rating, set by the council: when a
    provider's count of one signal across its contracts reaches the
    threshold, its risk is at least the rule's level.

    The signals are counted by ``hcc.provider.risk._get_signal_counts()``; a
    feature that adds one extends that method and this selection."""

    _name = "hcc.provider.risk.rule"
    _description = "Provider Risk Rule"
    _order = "sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    signal = fields.Selection(
        [
            ("red_contracts", "Contracts rated red"),
            ("amber_contracts", "Contracts rated amber"),
            ("late_returns", "Data returns overdue"),
            ("overdue_actions", "Corrective actions overdue"),
            ("open_complaints", "Complaints open"),
            ("improvement_notices", "Improvement notices in force"),
            ("default_notices", "Default notices in force"),
            ("termination_cases", "Early termination cases open"),
            ("safeguarding_concerns", "Safeguarding concerns open"),
        ],
        required=True,
        help="What is counted across the provider's live contracts.",
    )
    threshold = fields.Integer(
        default=1,
        required=True,
        help="The count at or above which the rule applies.",
    )
    level = fields.Selection(
        [level for level in RISK_LEVELS if level[0] != "green"],
        required=True,
        default="amber",
        help="The risk the provider is at least at when the rule applies.",
    )

    _sql_constraints = [
        (
            "threshold_positive",
            "CHECK(threshold >= 1)",
            "A risk rule's threshold must be 1 or more.",
        ),
    ]

    @api.depends("signal", "threshold", "level")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = self.env._(
                "%(signal)s: %(threshold)s or more → %(level)s",
                signal=selection_label(rule, "signal", rule.signal),
                threshold=rule.threshold,
                level=selection_label(rule, "level", rule.level),
            )
