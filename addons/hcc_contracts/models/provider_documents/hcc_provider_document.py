from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import format_date

from ...tools.roles import GROUP_SUPPORT_OFFICER, check_role
from ...tools.selection import selection_label
from ..hcc_workflow_mixin import Transition

PROVIDER_DOCUMENT_TYPES = [
    ("employer_liability", "Employer's liability insurance"),
    ("public_liability", "Public liability insurance"),
    ("cqc_registration", "CQC registration certificate"),
    ("business_continuity", "Business continuity plan"),
    ("contingency_plan", "Contingency plan"),
    ("policy_safeguarding", "Safeguarding policy"),
    ("policy_whistleblowing", "Whistleblowing policy"),
    ("policy_other", "Other policy"),
]
# the plans whose lapse is its own risk signal (``overdue_bcp``)
CONTINUITY_TYPES = ("business_continuity", "contingency_plan")
# a type of which a provider holds several at once: a renewal replaces only
# the document it names
SEVERAL_TYPES = ("policy_other",)
REMINDER_ACTIVITY = "hcc_contracts.mail_activity_type_provider_document_expiring"


class HccProviderDocument(models.Model):
    """A compliance document in a provider's file: its insurance, CQC
    registration certificate, business continuity and contingency plans and
    policies, each with the day it was issued and the day it expires or falls
    due for review.

    A document is recorded (by a Contract Support Officer, or by the
    provider on the portal as a renewal), then accepted: it becomes the
    provider's current document of its type and supersedes the one it renews,
    which is archived, never deleted. Its files are Odoo attachments filed
    under the type "Provider compliance document" (the contract file's
    rules: never deleted nor rewritten). A daily scheduled action reminds
    the Contract Support Officers of the provider's contracts ahead of the
    expiry; an expired document counts in the provider's risk rating."""

    _name = "hcc.provider.document"
    _description = "Provider Compliance Document"
    _inherit = ["hcc.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_expiry, id"
    _check_company_auto = True

    active = fields.Boolean(default=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Provider",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    document_type = fields.Selection(
        PROVIDER_DOCUMENT_TYPES, string="Type", required=True, tracking=True
    )
    name = fields.Char(
        string="Description",
        help="e.g. the insurer and policy number, or the version of a plan.",
    )
    date_issued = fields.Date(string="Issued On", tracking=True)
    date_expiry = fields.Date(
        string="Expires or Due for Review",
        required=True,
        index=True,
        tracking=True,
        help="The day the document expires (insurance, certificate) or falls "
        "due for review (plans, policies).",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "hcc_provider_document_attachment_rel",
        "document_id",
        "attachment_id",
        string="Files",
    )
    renewal_of_id = fields.Many2one(
        "hcc.provider.document",
        string="Renews",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('partner_id', '=', partner_id), ('state', '=', 'current')]",
        help="The document this one replaces once accepted.",
    )
    state = fields.Selection(
        [
            ("draft", "To Check"),
            ("current", "Current"),
            ("superseded", "Superseded"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    expiry_status = fields.Selection(
        [("valid", "Valid"), ("expiring", "Expiring Soon"), ("expired", "Expired")],
        compute="_compute_expiry_status",
        search="_search_expiry_status",
        string="Expiry",
    )
    accepted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_accepted = fields.Date(string="Accepted On", readonly=True, copy=False)
    superseded_by_id = fields.Many2one(
        "hcc.provider.document", readonly=True, copy=False
    )
    date_reminded = fields.Date(
        string="Reminded On",
        readonly=True,
        copy=False,
        help="The day the officers were reminded of the expiry.",
    )
    uploaded_on_portal = fields.Boolean(
        compute="_compute_uploaded_on_portal",
        help="Uploaded by the provider on the portal.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("date_expiry", "company_id.hcc_document_reminder_days")
    @api.depends_context("tz")
    def _compute_expiry_status(self):
        today = fields.Date.context_today(self)
        for document in self:
            ahead = today + timedelta(
                days=document.company_id.hcc_document_reminder_days
            )
            if not document.date_expiry:
                document.expiry_status = False
            elif document.date_expiry < today:
                document.expiry_status = "expired"
            elif document.date_expiry <= ahead:
                document.expiry_status = "expiring"
            else:
                document.expiry_status = "valid"

    def _search_expiry_status(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Search the expiry by one of its values."))
        values = {value} if isinstance(value, str) else set(value or ())
        today = fields.Date.context_today(self)
        companies = (
            self.env["res.company"]
            .sudo()
            .search_fetch([], ["hcc_document_reminder_days"])
        )
        parts = []
        for company in companies:
            ahead = today + timedelta(days=company.hcc_document_reminder_days)
            by_status = {
                "expired": [("date_expiry", "<", today)],
                "expiring": [
                    ("date_expiry", ">=", today),
                    ("date_expiry", "<=", ahead),
                ],
                "valid": [("date_expiry", ">", ahead)],
            }
            chosen = [by_status[v] for v in values if v in by_status]
            if chosen:
                parts.append(
                    expression.AND(
                        [[("company_id", "=", company.id)], expression.OR(chosen)]
                    )
                )
        domain = expression.OR(parts) if parts else expression.FALSE_DOMAIN
        if operator in ("!=", "not in"):
            return ["!", *domain] if parts else expression.TRUE_DOMAIN
        return domain

    def _compute_uploaded_on_portal(self):
        for document in self:
            document.uploaded_on_portal = document.sudo().create_uid.share

    @api.depends("document_type", "partner_id", "date_expiry")
    def _compute_display_name(self):
        for document in self:
            document.display_name = _(
                "%(type)s of %(provider)s, to %(date)s",
                type=selection_label(document, "document_type", document.document_type)
                or "",
                provider=document.partner_id.display_name or "",
                date=format_date(self.env, document.date_expiry)
                if document.date_expiry
                else "",
            )

    # ------------------------------------------------------------------
    # The guard (hcc.workflow.mixin)
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_first_step_fields(self):
        return super()._get_hcc_first_step_fields() | {
            "document_type",
            "name",
            "date_issued",
            "date_expiry",
            "attachment_ids",
        }

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "active",
            "state",
            "accepted_by_id",
            "date_accepted",
            "superseded_by_id",
            "date_reminded",
        }

    @api.model
    def _get_hcc_immutable_fields(self):
        """The provider, the company and the document renewed are who the
        document is about: fixed at creation (record rules check a record
        before a write, not after)."""
        return super()._get_hcc_immutable_fields() | {
            "partner_id",
            "company_id",
            "renewal_of_id",
        }

    @api.model
    def _get_hcc_transitions(self):
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_accept=Transition(
                ("draft",), "current", _("accept the provider's document")
            ),
            action_reject=Transition(
                ("draft",), "rejected", _("reject the provider's document")
            ),
        )
        return transitions

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents._hcc_file_attachments()
        return documents

    def write(self, vals):
        res = super().write(vals)
        if "attachment_ids" in vals:
            self._hcc_file_attachments()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _(
                "A provider's compliance documents are kept: reject one recorded "
                "by mistake, and a renewal supersedes the document it replaces."
            )
        )

    @api.constrains("date_issued", "date_expiry")
    def _check_dates(self):
        for document in self:
            if document.date_issued and document.date_expiry < document.date_issued:
                raise UserError(
                    _(
                        "%(document)s cannot expire before it was issued.",
                        document=document.display_name,
                    )
                )

    @api.constrains("renewal_of_id", "partner_id", "document_type")
    def _check_renewal(self):
        for document in self.filtered("renewal_of_id"):
            renewed = document.renewal_of_id
            if (
                renewed.partner_id != document.partner_id
                or renewed.document_type != document.document_type
            ):
                raise UserError(
                    _(
                        "A renewal is a document of the same provider and type as "
                        "the one it renews."
                    )
                )

    def _hcc_file_attachments(self):
        """File the documents' attachments under their document, typed as a
        provider compliance document: never deleted nor rewritten after."""
        for document in self:
            unfiled = document.sudo().attachment_ids.filtered(
                lambda a: not a.hcc_document_type
            )
            if unfiled:
                unfiled.write(
                    {
                        "res_model": self._name,
                        "res_id": document.id,
                        "hcc_document_type": "provider_compliance",
                        "hcc_document_date": document.date_issued
                        or fields.Date.context_today(self),
                    }
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_accept(self):
        """Accept the document (a Contract Support Officer): it becomes the
        provider's current document of its type and supersedes the one it
        renews (for a type held once, every current one of the type)."""
        check_role(self.env, GROUP_SUPPORT_OFFICER, _("accept a provider's document"))
        self.check_access("write")
        self._hcc_check_transition("action_accept")
        missing = self.filtered(lambda d: not d.attachment_ids)
        if missing:
            raise UserError(
                _(
                    "%(document)s has no file: attach the document before "
                    "accepting it.",
                    document=missing[0].display_name,
                )
            )
        for document in self:
            previous = document._hcc_renewed_documents()
            document._hcc_transition(
                "action_accept",
                {
                    "accepted_by_id": self.env.uid,
                    "date_accepted": fields.Date.context_today(self),
                },
            )
            previous._hcc_supersede(document)
        return True

    def action_reject(self):
        check_role(self.env, GROUP_SUPPORT_OFFICER, _("reject a provider's document"))
        self.check_access("write")
        self._hcc_transition("action_reject")
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _hcc_renewed_documents(self):
        self.ensure_one()
        if self.renewal_of_id or self.document_type in SEVERAL_TYPES:
            return self.renewal_of_id.sudo().filtered(lambda d: d.state == "current")
        return self.sudo().search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("document_type", "=", self.document_type),
                ("state", "=", "current"),
                ("id", "!=", self.id),
            ]
        )

    def _hcc_supersede(self, renewal):
        """Superseded by ``renewal``: archived with it named, its reminders
        done."""
        if not self:
            return
        self.sudo().write(
            {"state": "superseded", "superseded_by_id": renewal.id, "active": False}
        )
        self.sudo().activity_unlink([REMINDER_ACTIVITY])
        for document in self.sudo():
            document.message_post(
                body=_("Superseded by %(renewal)s.", renewal=renewal.display_name),
                author_id=self.env.user.partner_id.id,
            )

    @api.model
    def _portal_create_renewal(self, renewed, attachment, date_expiry, date_issued):
        """A renewal uploaded by the provider on the portal: a document to
        check, renewing ``renewed``, with its file. The portal's controller
        checks the provider's access to ``renewed`` before calling it."""
        renewed.ensure_one()
        return self.sudo().create(
            {
                "partner_id": renewed.partner_id.id,
                "company_id": renewed.company_id.id,
                "document_type": renewed.document_type,
                "name": renewed.name,
                "date_issued": date_issued,
                "date_expiry": date_expiry,
                "renewal_of_id": renewed.id,
                "attachment_ids": [fields.Command.link(attachment.id)],
            }
        )

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    def _hcc_reminder_domain(self):
        today = fields.Date.context_today(self)
        companies = (
            self.env["res.company"]
            .sudo()
            .search_fetch([], ["hcc_document_reminder_days"])
        )
        by_company = [
            [
                ("company_id", "=", company.id),
                (
                    "date_expiry",
                    "<=",
                    today + timedelta(days=company.hcc_document_reminder_days),
                ),
            ]
            for company in companies
        ]
        return expression.AND(
            [
                [("state", "=", "current"), ("date_reminded", "=", False)],
                expression.OR(by_company),
            ]
        )

    def _hcc_reminder_users(self):
        """{document id: users}: the support officers of the provider's live
        contracts in the document's company, or the company's County Manager
        (Contracts) when none has one."""
        contracts = (
            self.env["hcc.contract"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "=", "active"),
                    ("support_officer_id", "!=", False),
                ],
                ["partner_id", "company_id", "support_officer_id"],
            )
        )
        officers = {}
        for contract in contracts:
            key = (contract.partner_id.id, contract.company_id.id)
            officers[key] = officers.get(key, self.env["res.users"]) | (
                contract.support_officer_id
            )
        return {
            document.id: officers.get((document.partner_id.id, document.company_id.id))
            or document.company_id.hcc_county_manager_id
            for document in self
        }

    def _hcc_remind(self):
        """Remind the officers of these documents' expiry, and mark them
        reminded (the marker takes them out of the cron's step)."""
        activity_type = self.env.ref(REMINDER_ACTIVITY)
        users = self._hcc_reminder_users()
        requests = []
        for document in self:
            summary = _(
                "%(document)s: ask the provider for its renewal",
                document=document.display_name,
            )
            for user in users[document.id]:
                requests.append(
                    {
                        "record": document,
                        "activity_type": activity_type,
                        "user": user,
                        "summary": summary,
                        "date_deadline": document.date_expiry,
                    }
                )
        self.env["mail.activity"]._hcc_schedule(requests)
        self.write({"date_reminded": fields.Date.context_today(self)})

    @api.model
    def _cron_document_reminders(self):
        """Daily: remind the officers of the current documents that expire
        (or fall due for review) within the company's reminder period, once
        per document; ``date_reminded`` makes a second run do nothing. A
        renewal accepted in time supersedes the document and closes its
        reminder."""
        scheduler = self.env["hcc.scheduler"]
        return scheduler._run_steps(
            [
                scheduler._step(
                    self.sudo(),
                    self._hcc_reminder_domain(),
                    lambda documents: documents._hcc_remind(),
                )
            ]
        )
