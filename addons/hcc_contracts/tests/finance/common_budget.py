from ..common import HccContractsCase


class HccBudgetCase(HccContractsCase):
    """Adds cost centres on Odoo's project analytic plan and a way to post
    spend on them as the council's accounting would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env.ref("analytic.analytic_plan_projects")
        cls.cost_centre = cls._cost_centre("Test ASC day care north")
        cls.cost_centre_other = cls._cost_centre("Test ASC home care south")

    @classmethod
    def _cost_centre(cls, name):
        return cls.env["account.analytic.account"].create(
            {"name": name, "plan_id": cls.plan.id, "company_id": cls.company.id}
        )

    @classmethod
    def _spend(cls, account, day, amount, name="Provider invoice"):
        """Post a cost of ``amount`` pounds: a negative analytic amount."""
        return cls.env["account.analytic.line"].create(
            {
                "name": name,
                "account_id": account.id,
                "date": day,
                "amount": -amount,
                "company_id": cls.company.id,
            }
        )

    @classmethod
    def _budget(cls, contract, year, amount, user=None):
        env = cls.env(user=user) if user else cls.env
        return env["hcc.contract.budget"].create(
            {
                "contract_id": contract.id,
                "financial_year": year,
                "budgeted_amount": amount,
            }
        )
