import json

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date, formatLang

from ...tools.selection import selection_label

# how the value of each kind of signed term is held on a line
VALUE_COLUMNS = {
    "float": "new_float",
    "monetary": "new_float",
    "date": "new_date",
    "selection": "new_selection",
    "html": "new_html",
    "many2one": None,  # by comodel: see MANY2ONE_COLUMNS
}
MANY2ONE_COLUMNS = {"res.partner": "new_partner_id", "res.currency": "new_currency_id"}


def term_value(contract, name):
    """The contract's value of a signed term, as ``write`` takes it and as it
    is kept in JSON: an id for a record, text for a date."""
    value = contract[name]
    if isinstance(value, models.BaseModel):
        return value.id
    if isinstance(value, fields.date):
        return fields.Date.to_string(value)
    return value


class HccContractRevisionLine(models.Model):
    """One change a revision makes to the signed terms of its contract: the
    field, its value when the revision was drafted and the new value
    (procedure 7.4). Applying the revision writes the new values; the old
    ones let the terms be read back "as at" any date."""

    _name = "hcc.contract.revision.line"
    _inherit = ["hcc.contract.record.mixin"]
    _description = "Change Made by a Contract Revision"
    _hcc_state_path = "revision_id.state"
    _order = "revision_id, id"
    _check_company_auto = True

    revision_id = fields.Many2one(
        "hcc.contract.revision", required=True, ondelete="cascade", index=True
    )
    contract_id = fields.Many2one(
        related="revision_id.contract_id", store=True, precompute=True
    )
    revision_state = fields.Selection(related="revision_id.state")
    field_name = fields.Selection(
        selection="_selection_field_name", string="Term", required=True
    )
    value_column = fields.Char(compute="_compute_value_column")
    old_value_json = fields.Text(readonly=True, copy=False)
    old_value_display = fields.Char(string="Before", compute="_compute_displays")
    new_value_display = fields.Char(string="After", compute="_compute_displays")
    new_float = fields.Float(string="New Amount")
    new_date = fields.Date()
    new_selection = fields.Selection(
        selection="_selection_new_selection", string="New Choice"
    )
    new_html = fields.Html(string="New Text")
    new_partner_id = fields.Many2one("res.partner", string="New Provider")
    new_currency_id = fields.Many2one("res.currency")

    _sql_constraints = [
        (
            "revision_field_uniq",
            "unique(revision_id, field_name)",
            "A revision changes each term once.",
        ),
    ]

    # ------------------------------------------------------------------
    # Selections and computes
    # ------------------------------------------------------------------
    @api.model
    def _selection_field_name(self):
        Contract = self.env["hcc.contract"]
        terms = Contract._get_hcc_signed_terms()
        labels = Contract.fields_get(sorted(terms), attributes=["string"])
        return sorted(
            ((name, labels[name]["string"]) for name in terms),
            key=lambda item: item[1],
        )

    @api.model
    def _selection_new_selection(self):
        Contract = self.env["hcc.contract"]
        choices = []
        for name in sorted(Contract._get_hcc_signed_terms()):
            field = Contract._fields[name]
            if field.type == "selection":
                choices += field._description_selection(self.env)
        return choices

    @api.depends("field_name")
    def _compute_value_column(self):
        for line in self:
            line.value_column = line._value_column()

    def _value_column(self):
        field = self.env["hcc.contract"]._fields.get(self.field_name)
        if not field:
            return False
        if field.type == "many2one":
            return MANY2ONE_COLUMNS.get(field.comodel_name, False)
        return VALUE_COLUMNS.get(field.type, False)

    @api.depends("field_name")
    def _compute_display_name(self):
        labels = dict(self._selection_field_name())
        for line in self:
            line.display_name = labels.get(line.field_name, "")

    @api.depends_context("lang")
    @api.depends(
        "field_name",
        "old_value_json",
        "new_float",
        "new_date",
        "new_selection",
        "new_html",
        "new_partner_id",
        "new_currency_id",
    )
    def _compute_displays(self):
        """Both values as the reader expects them, in their language."""
        for line in self:
            if not line.field_name:
                line.old_value_display = line.new_value_display = False
                continue
            line.old_value_display = line._display(line._old_value())
            line.new_value_display = line._display(line._new_value())

    # ------------------------------------------------------------------
    # Values
    # ------------------------------------------------------------------
    def _new_value(self):
        """The new value, as ``write`` takes it."""
        self.ensure_one()
        column = self._value_column()
        value = self[column] if column else False
        return value.id if isinstance(value, models.BaseModel) else value

    def _new_term_value(self):
        """The new value, as ``term_value`` gives a contract's (a date as
        text)."""
        value = self._new_value()
        if isinstance(value, fields.date):
            return fields.Date.to_string(value)
        return value

    def _effective_date(self):
        """The day the change takes effect: a revision applied before
        effective dates were kept took effect when it was applied."""
        revision = self.revision_id
        return revision.date_effective or revision.date_applied

    def _applied_key(self):
        """The order in which changes were applied to the contract."""
        return (self.revision_id.date_applied, self.revision_id.id)

    def _contract_value(self, contract=None):
        """The contract's current value of the term, as ``write`` takes it."""
        self.ensure_one()
        return term_value(contract or self.contract_id, self.field_name)

    def _old_value(self):
        return json.loads(self.old_value_json) if self.old_value_json else False

    def _normalised(self, value):
        """A value comparable with another of the same term (dates as text,
        empty HTML as False, amounts rounded)."""
        field = self.env["hcc.contract"]._fields[self.field_name]
        if field.type == "date":
            return fields.Date.to_string(fields.Date.to_date(value)) if value else False
        if field.type in ("float", "monetary"):
            return round(value or 0.0, 2)
        if field.type == "html":
            return str(value or "") or False
        return value or False

    def _display(self, value):
        """The value as a user reads it."""
        field = self.env["hcc.contract"]._fields[self.field_name]
        if value in (False, None, ""):
            return _("(none)")
        if field.type == "many2one":
            return self.env[field.comodel_name].browse(value).display_name
        if field.type == "selection":
            return selection_label(self.env["hcc.contract"], self.field_name, value)
        if field.type == "date":
            return format_date(self.env, value)
        if field.type in ("float", "monetary"):
            return formatLang(self.env, value)
        if field.type == "html":
            return _("(new text)")
        return str(value)

    # ------------------------------------------------------------------
    # CRUD: lines change only while the revision is being prepared
    # ------------------------------------------------------------------
    @api.constrains("field_name")
    def _check_value_column(self):
        for line in self:
            if not line._value_column():
                raise ValidationError(
                    _("This term of the contract cannot be varied by a revision.")
                )

    @api.model
    def _get_hcc_action_fields(self):
        """The value before is read from the contract when the line is made."""
        return super()._get_hcc_action_fields() | {"old_value_json"}

    @api.model
    def _get_hcc_first_step_fields(self):
        """The change a line makes, fixed once its revision leaves its draft."""
        return super()._get_hcc_first_step_fields() | {
            "field_name",
            "new_currency_id",
            "new_date",
            "new_float",
            "new_html",
            "new_partner_id",
            "new_selection",
        }

    @api.model
    def _get_hcc_immutable_fields(self):
        return super()._get_hcc_immutable_fields() | {"revision_id"}

    @api.model_create_multi
    def create(self, vals_list):
        revisions = self.env["hcc.contract.revision"].browse(
            [vals.get("revision_id") for vals in vals_list]
        )
        revisions._check_changes_open()
        lines = super().create(vals_list)
        lines._record_old_values()
        return lines

    def write(self, vals):
        self.revision_id._check_changes_open()
        result = super().write(vals)
        if "field_name" in vals:
            self._record_old_values()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        self.revision_id._check_changes_open()

    def _record_old_values(self):
        for line in self:
            line.sudo().write({"old_value_json": json.dumps(line._contract_value())})

    def _is_stale(self):
        """The contract's term no longer holds the value the revision was
        drafted against: someone changed it since."""
        self.ensure_one()
        return self._normalised(self._contract_value()) != self._normalised(
            self._old_value()
        )
