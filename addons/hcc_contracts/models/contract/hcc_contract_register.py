from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


def term_years(date_start, date_end):
    """The term from ``date_start`` to ``date_end`` (inclusive) in years: whole
    years, then twelfths for whole months, then days over 365, as the annual
    value over the term counts it."""
    if not (date_start and date_end) or date_end < date_start:
        return 0.0
    term = relativedelta(date_end + relativedelta(days=1), date_start)
    return term.years + term.months / 12 + term.days / 365


class HccContract(models.Model):
    """What a council's published register says of a contract that came in by
    the register import (hcc.register.import): its own reference, status,
    category, directorate and extended value, kept as the register has them,
    and who imported it, when, from which file."""

    _inherit = "hcc.contract"

    register_reference = fields.Char(
        index=True,
        copy=False,
        help="The contract's identifier in the register it was imported from. "
        "Several contracts may share one (the lots or providers of one "
        "procurement); each then has a reference of its own.",
    )
    register_status = fields.Char(
        string="Status in the Register",
        help="As the imported register gave it (e.g. Active, Extended).",
    )
    register_category = fields.Char(
        string="Category in the Register",
        help="The register's product or service category.",
    )
    register_directorate = fields.Char(
        string="Directorate in the Register",
        help="The council directorate the register names.",
    )
    register_extended_value = fields.Monetary(
        string="Extended Value in the Register",
        currency_field="currency_id",
        help="The contract's value with its extensions, as the register gave it.",
    )
    imported_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    imported_on = fields.Datetime(readonly=True, copy=False)
    import_file_name = fields.Char(string="Imported From", readonly=True, copy=False)

    @api.model
    def _get_hcc_first_step_fields(self):
        return super()._get_hcc_first_step_fields() | {
            "register_reference",
            "register_status",
            "register_category",
            "register_directorate",
            "register_extended_value",
        }

    @api.model
    def _get_hcc_action_fields(self):
        """Written by the register import only, after its checks."""
        return super()._get_hcc_action_fields() | {
            "imported_by_id",
            "imported_on",
            "import_file_name",
        }

    @api.onchange("contract_value", "date_start", "date_end")
    def _onchange_contract_value_annual(self):
        """A register gives the value of the whole term: typed in with no
        annual value yet, the annual value follows from it over the term."""
        for contract in self:
            years = term_years(contract.date_start, contract.date_end)
            if contract.contract_value and not contract.annual_value and years:
                contract.annual_value = contract.currency_id.round(
                    contract.contract_value / years
                )
