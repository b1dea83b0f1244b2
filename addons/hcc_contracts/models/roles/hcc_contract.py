from lxml import etree

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

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
    * the contracts database (Appendix A 2, 6, 9): Contract Support Officers
      (and the County Manager, who is one) for the locality and the support
      officer; the signed terms of a contract no longer a draft change only
      by applying an approved revision (``models/notices/hcc_contract.py``);
    * early termination: the County Manager (Contracts) only (9.2, 9.4).

    Roles do not add up to more than each gives: Finance may change the
    Finance fields of every contract, and nothing else of a contract that no
    other role of the user lets them change (a Finance user who is also a
    Service Manager changes the rest only of the contracts they lead or
    represent). Creation is not restricted here (a Service Manager drafts the
    contracts they lead); only later changes are.
    """

    _inherit = "hcc.contract"

    hcc_can_edit_finance = fields.Boolean(
        string="May Change Finance Fields",
        compute="_compute_hcc_rights",
        help="You may change the cost centre and the budget fields.",
    )
    hcc_can_edit_procurement = fields.Boolean(
        string="May Change Procurement Fields",
        compute="_compute_hcc_rights",
        help="You may change the locality and the support officer (the signed "
        "terms of a live contract change by applying an approved revision).",
    )
    hcc_is_finance_only = fields.Boolean(
        string="Finance Only",
        compute="_compute_hcc_rights",
        search="_search_hcc_is_finance_only",
        help="You work on contracts as Finance only: you may change only the "
        "cost centre and the budget fields.",
    )

    home_returns_to_check = fields.Integer(
        string="Returns to Check",
        compute="_compute_home_counts",
        help="Data returns received or queried, waiting for the lead officer's check.",
    )
    home_overdue_actions = fields.Integer(
        string="Overdue Actions",
        compute="_compute_home_counts",
        help="Corrective actions still open past their due date.",
    )

    def _compute_home_counts(self):
        """The figures of the lead officer's home screen, counted by the
        contract's counter engine: one query for all the contracts shown, and
        none when they are not shown (not stored, so the list and the form do
        not pay for them). The engine counts as the superuser, which counts
        the same: the rules of a contract's records follow the contract."""
        counts = self._count_by_contract(
            [
                (
                    "home_returns_to_check",
                    "hcc.data.return",
                    [("state", "in", ("received", "queried"))],
                ),
                (
                    "home_overdue_actions",
                    "hcc.contract.action",
                    [("state", "=", "open"), ("is_overdue", "=", True)],
                ),
            ]
        )
        for contract in self:
            for name, by_contract in counts.items():
                contract[name] = by_contract.get(contract._origin.id, 0)

    @api.depends_context("uid")
    def _compute_hcc_rights(self):
        user = self.env.user
        finance = user.has_group(GROUP_FINANCE)
        procurement = user.has_group(GROUP_SUPPORT_OFFICER)
        finance_only = self._origin._hcc_finance_only()
        for contract in self:
            contract.hcc_can_edit_finance = finance
            contract.hcc_can_edit_procurement = procurement
            contract.hcc_is_finance_only = finance and (
                contract._origin in finance_only
                or (not contract._origin and not user.has_group(GROUP_SERVICE_MANAGER))
            )

    def _search_hcc_is_finance_only(self, operator, value):
        if operator not in ("=", "!="):
            # a programming error, not a user's: the field is a yes or no
            raise NotImplementedError(f"hcc_is_finance_only {operator} {value!r}")
        finance_only = (
            expression.FALSE_DOMAIN
            if self.env.su or not self.env.user.has_group(GROUP_FINANCE)
            else ["!", *expression.normalize_domain(self._get_hcc_managed_domain())]
        )
        if (operator == "=") == bool(value):
            return finance_only
        return ["!", *finance_only]

    @api.model
    def _get_hcc_managed_domain(self):
        """The contracts that the current user's roles other than Finance let
        them change: the conditions of the write rules of those roles
        (``security/hcc_contracts_rules.xml``: the County Manager's, the
        Contract Support Officer's, the Service Manager's), written on the
        contract's own fields; ``test_contract_field_duties.py`` checks that
        they reach what those rules reach, role by role.

        Record rules of several roles add up (any group rule that matches
        grants the write), so Finance's rule, which reaches every contract,
        would give a Finance officer who is also a Service Manager every
        field of every contract; outside this domain Finance's part is
        narrowed back to its fields. A module adding a role that changes
        contracts extends this domain (call super())."""
        user = self.env.user
        if user.has_group(GROUP_COUNTY_MANAGER):
            return expression.TRUE_DOMAIN
        domains = []
        if user.has_group(GROUP_SERVICE_MANAGER):
            domains.append(
                [
                    "|",
                    ("lead_officer_id", "=", user.id),
                    ("representative_id", "=", user.id),
                ]
            )
        if user.has_group(GROUP_SUPPORT_OFFICER):
            domains.append(
                [
                    "|",
                    ("locality_id", "in", user.hcc_locality_ids.ids),
                    ("support_officer_id", "=", user.id),
                ]
            )
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    def _hcc_finance_only(self):
        """The contracts of ``self`` that the current user may change only as
        Finance (``hcc_is_finance_only``): those outside
        ``_get_hcc_managed_domain``. On them only the Finance fields change."""
        if self.env.su or not self or not self.env.user.has_group(GROUP_FINANCE):
            return self.browse()
        managed = self._get_hcc_managed_domain()
        if managed == expression.TRUE_DOMAIN:
            return self.browse()
        if managed == expression.FALSE_DOMAIN:
            return self
        reached = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "in", self.ids), *managed])
        )
        return self - reached.with_env(self.env)

    # ------------------------------------------------------------------
    # The form as each role sees it
    # ------------------------------------------------------------------
    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        """Finance types only into what it may change: on the form, every
        field but the Finance ones is read-only for a user whose roles give
        nothing more than Finance, and read-only on the contracts they reach
        only as Finance for one who also has another role (``write`` refuses
        the same). Done here, after Odoo's cache of views, because it depends
        on the user's roles."""
        result = super().get_view(view_id, view_type, **options)
        if view_type != "form":
            return result
        arch = etree.fromstring(result["arch"])
        self._hcc_saved_only_buttons(arch)
        self._hcc_finance_readonly(arch)
        result["arch"] = etree.tostring(arch, encoding="unicode")
        return result

    @api.model
    def _hcc_saved_only_buttons(self, arch):
        """The smart buttons of every feature count what a contract has: on a
        contract not saved yet they would all show 0, so they show once it is."""
        for node in arch.xpath("//div[@name='button_box']/*"):
            invisible = node.get("invisible")
            node.set("invisible", f"not id or ({invisible})" if invisible else "not id")

    @api.model
    def _hcc_finance_readonly(self, arch):
        user = self.env.user
        if not user.has_group(GROUP_FINANCE) or user.has_group(GROUP_COUNTY_MANAGER):
            return
        finance_only = not user.has_group(GROUP_SERVICE_MANAGER)
        keep = self._get_hcc_finance_fields() | self._hcc_free_fields()
        for node in arch.xpath("//field[not(ancestor::field)]"):
            if node.get("name") in keep or node.get("readonly") in ("1", "True"):
                continue
            if finance_only:
                node.set("readonly", "1")
            else:
                readonly = node.get("readonly")
                node.set(
                    "readonly",
                    f"({readonly}) or hcc_is_finance_only"
                    if readonly
                    else "hcc_is_finance_only",
                )

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
        exists (the contracts database, Appendix A 2, 6, 9). The signed terms
        of a contract no longer a draft change only by applying an approved
        revision (``_get_hcc_signed_terms``, notices)."""
        return {"locality_id", "support_officer_id", "company_id"}

    # ------------------------------------------------------------------
    # Reading under record rules
    # ------------------------------------------------------------------
    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        """Under record rules, fetch with the rows found what their reading
        would otherwise fetch apart. The list searches its rows under the
        record rules, then reads them; each later fetch of a field missing
        from the cache checks the rules again on the rows, in Python:

        * the fields that the user's read rules test: a Service Manager's
          rule names the representative and the company, which the list
          does not show; without them the check reads every other column
          of the 80 rows, a second query;
        * the one2many fields that the computed fields asked for depend on
          (the budget lines of the budget figures): read later, they cost
          another check of every row (1.5 ms for 80 rows).

        The rows are the same, found under the same rules, and the lines are
        read under their own rules as before. A plain ``search`` (no field
        asked for) is left as it is."""
        if field_names and not self.env.su:
            extra = [
                name
                for name in self._hcc_read_rule_fields()
                + self._hcc_x2many_dependencies(field_names)
                if name not in field_names
            ]
            if extra:
                field_names = [*field_names, *dict.fromkeys(extra)]
        return super().search_fetch(
            domain, field_names, offset=offset, limit=limit, order=order
        )

    @api.model
    def _hcc_x2many_dependencies(self, field_names):
        """The x2many fields of the contract that the non-stored computed
        fields among ``field_names`` depend on directly."""
        names = []
        for name in field_names:
            field = self._fields.get(name)
            if not field or field.store or not field.compute:
                continue
            for dotname in self.pool.field_depends[field]:
                dependency = self._fields.get(dotname.split(".", 1)[0])
                if (
                    dependency
                    and dependency.type in ("one2many", "many2many")
                    and dependency.store
                    and dependency.is_accessible(self.env)
                    and dependency.name not in names
                ):
                    names.append(dependency.name)
        return names

    @api.model
    def _hcc_read_rule_fields(self):
        """The stored columns of the contract that the current user's read
        rules compare (the first field of each condition's path)."""
        domain = self.env["ir.rule"]._compute_domain(self._name, "read") or []
        names = []
        for leaf in domain:
            if not isinstance(leaf, (list, tuple)) or not isinstance(leaf[0], str):
                continue
            field = self._fields.get(leaf[0].split(".", 1)[0])
            if (
                field
                and field.column_type
                and field.is_accessible(self.env)
                and field.name not in names
            ):
                names.append(field.name)
        return names

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
        finance_only = self._hcc_finance_only()
        if finance_only:
            others = (
                finance_only._hcc_changed_fields(vals)
                - finance_fields
                - self._hcc_free_fields()
            )
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
        documented = changed & self._get_hcc_procurement_fields()
        if documented:
            check_role(
                self.env,
                GROUP_SUPPORT_OFFICER,
                _(
                    "change the contract documentation (%(fields)s)",
                    fields=self._hcc_field_labels(documented),
                ),
            )
