from odoo import fields, models
from odoo.tools.sql import create_index


class HccContract(models.Model):
    """Indexes that keep the daily scheduled actions cheap at county scale
    (tests/benchmark/bench.py): with nothing to do, a cron must not read every
    contract, return or action of the county to find that out."""

    _inherit = "hcc.contract"

    # ``_cron_data_returns`` and ``_cron_satisfaction_surveys`` select the
    # contracts whose next period or contract year has started
    return_next_date = fields.Date(index=True)
    survey_next_date = fields.Date(index=True)

    def init(self):
        res = super().init()
        # ``_cron_update_rag`` also resets the status of contracts no longer
        # active that are not green: a handful at most, found without reading
        # every contract (the other half of its search uses the index of
        # ``rag_recheck_date``)
        create_index(
            self.env.cr,
            "hcc_contract_rag_to_reset_index",
            self._table,
            ["id"],
            where="state != 'active' AND rag_status != 'green'",
        )
        return res


class HccDataReturn(models.Model):
    _inherit = "hcc.data.return"

    def init(self):
        res = super().init()
        # ``_cron_flag_late_returns`` looks for expected returns past their
        # due date: a few among hundreds of thousands of returns
        create_index(
            self.env.cr,
            "hcc_data_return_expected_date_due_index",
            self._table,
            ["date_due"],
            where="state = 'expected'",
        )
        return res


class HccContractAction(models.Model):
    _inherit = "hcc.contract.action"

    def init(self):
        res = super().init()
        # ``_cron_flag_overdue`` looks for open actions past their due date
        create_index(
            self.env.cr,
            "hcc_contract_action_open_date_due_index",
            self._table,
            ["date_due"],
            where="state = 'open'",
        )
        return res
