from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ...tools.roles import (
    GROUP_COUNTY_MANAGER,
    GROUP_FINANCE,
    GROUP_SERVICE_MANAGER,
    GROUP_SUPPORT_OFFICER,
    check_role,
)


class HccContract(models.Model):
    """Field-level duties of Appendix A on top of the record rules.

    Record rules decide *which* contracts a person may change; this file decides
    *which fields* of them, where the procedure splits the duties:

    * cost centre and budget fields: Finance and the County Manager (12.6);
    * the contracts database and contract documentation (Appendix A 2, 6, 9):
      Contract Support Officers (and the County Manager, who is one), always for
      the locality and the support officer, and once the contract is no longer
      a draft for its signed terms (provider, payment basis, value, dates,
      volumes, unit price, currency);
    * early termination: the County Manager (Contracts) only (9.2, 9.4).

    A person who is Finance without being a Service Manager may change nothing
    else than the Finance fields. Creation is not restricted here (a Service
    Manager drafts the contracts they lead); only later changes are.
    """

    _inherit = "hcc.contract"

    hcc_can_edit_finance = fields.Boolean(
        compute="_compute_hcc_rights",
        help="You may change the cost centre and the budget fields.",
    )
    hcc_can_edit_procurement = fields.Boolean(
        compute="_compute_hcc_rights",
        help="You may change the locality, the support officer and, once the "
        "contract is signed, its documented terms.",
    )
    hcc_can_terminate = fields.Boolean(
        compute="_compute_hcc_rights",
        help="You may decide the early termination of a contract.",
    )
    hcc_is_finance_only = fields.Boolean(
        compute="_compute_hcc_rights",
        help="You work on contracts as Finance only: you may change only the "
        "cost centre and the budget fields.",
    )

    @api.depends_context("uid")
    def _compute_hcc_rights(self):
        user = self.env.user
        finance = user.has_group(GROUP_FINANCE)
        procurement = user.has_group(GROUP_SUPPORT_OFFICER)
        terminate = user.has_group(GROUP_COUNTY_MANAGER)
        finance_only = finance and not user.has_group(GROUP_SERVICE_MANAGER)
        for contract in self:
            contract.hcc_can_edit_finance = finance
            contract.hcc_can_edit_procurement = procurement
            contract.hcc_can_terminate = terminate
            contract.hcc_is_finance_only = finance_only

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_finance_fields(self):
        """Fields only Finance and the County Manager change. The budget
        feature adds its fields by overriding this method (call super())."""
        return {"analytic_account_id"}

    @api.model
    def _get_hcc_procurement_fields(self):
        """Fields only a Contract Support Officer changes once the contract
        exists: ``(always, once_signed)``, the second set applying when the
        contract is no longer a draft. Features extend both sets."""
        always = {"locality_id", "support_officer_id", "company_id"}
        once_signed = {
            "partner_id",
            "payment_basis",
            "annual_value",
            "date_start",
            "date_end",
            "commissioned_volume",
            "volume_unit",
            "unit_price",
            "currency_id",
        }
        return always, once_signed

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su and self:
            self.check_access("write")
            self._check_hcc_field_duties(vals)
        return super().write(vals)

    def _check_hcc_field_duties(self, vals):
        """Check the fields of ``vals`` that would really change against the
        duties of the current user; raise before anything is written."""
        changed = self._hcc_changed_fields(vals)
        if not changed:
            return
        finance_fields = self._get_hcc_finance_fields()
        always, once_signed = self._get_hcc_procurement_fields()
        if self.env.user.has_group(GROUP_FINANCE) and not self.env.user.has_group(
            GROUP_SERVICE_MANAGER
        ):
            others = changed - finance_fields - self._hcc_free_fields()
            if others:
                raise AccessError(
                    _(
                        "As Finance you may change only the cost centre and the "
                        "budget fields of a contract, not: %(fields)s.",
                        fields=self._hcc_field_labels(others),
                    )
                )
        if changed & finance_fields:
            check_role(
                self.env,
                GROUP_FINANCE,
                _(
                    "change the cost centre or budget fields (%(fields)s)",
                    fields=self._hcc_field_labels(changed & finance_fields),
                ),
            )
        documented = changed & always
        if changed & once_signed and any(c.state != "draft" for c in self):
            documented |= changed & once_signed
        if documented:
            check_role(
                self.env,
                GROUP_SUPPORT_OFFICER,
                _(
                    "change the contract documentation (%(fields)s)",
                    fields=self._hcc_field_labels(documented),
                ),
            )
        if vals.get("state") == "terminated":
            check_role(self.env, GROUP_COUNTY_MANAGER, _("terminate a contract early"))

    def _hcc_changed_fields(self, vals):
        """Names of the fields of ``vals`` whose value differs on at least one
        contract of ``self`` (saving a form resends unchanged values)."""
        changed = set()
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or field.type in ("one2many", "many2many"):
                changed.add(name)
                continue
            for contract in self:
                new = field.convert_to_record(
                    field.convert_to_cache(value, contract), contract
                )
                if new != contract[name]:
                    changed.add(name)
                    break
        return changed

    @api.model
    def _hcc_free_fields(self):
        """Fields anyone who may read a contract changes through the chatter
        (followers, messages, activities), whatever their role."""
        return set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )

    def _hcc_field_labels(self, names):
        labels = self.fields_get(sorted(names), attributes=["string"])
        return ", ".join(labels[name]["string"] for name in sorted(labels))
