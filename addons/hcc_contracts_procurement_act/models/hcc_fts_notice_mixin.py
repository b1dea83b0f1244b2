import json
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hcc_contracts.models.hcc_workflow_mixin import Transition
from odoo.addons.hcc_contracts.tools.selection import selection_label

NOTICE_STATES = [
    ("due", "Due"),
    ("prepared", "Prepared"),
    ("published", "Published"),
    ("not_required", "Not required"),
]
# the buyer's classification Find a Tender gives a county council
BUYER_CLASSIFICATION = {
    "scheme": "UK_CA_TYPE",
    "id": "publicAuthoritySubCentralGovernment",
    "description": "Public authority - sub-central government",
}
# the CPV code of a service type no council mapped yet
DEFAULT_CPV = ("85300000", "Social work and related services")
OGL_V3 = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# the extensions whose fields the notices use: Find a Tender's own (UK), and
# the metrics (UK9) and contract completion (UK11) extensions
OCDS_EXTENSIONS = (
    "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_contract_completion_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_legalBasis_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
)
# Find a Tender's identifiers, as its API documents them: the procurement's
# ocid (its registered prefix and six hexadecimal digits, one per procurement)
# and the notice's number (six digits and the year of publication)
FTS_OCID_RE = re.compile(r"^ocds-h6vhtk-[0-9a-f]{6}$")
FTS_NOTICE_RE = re.compile(r"^[0-9]{6}-[0-9]{4}$")
FTS_NOTICE_URL = "https://www.find-tender.service.gov.uk/Notice/%s"
# what our notices carry before Find a Tender gives them their identifiers
DRAFT_PREFIX = "draft"


class HccFtsNoticeMixin(models.AbstractModel):
    """What every notice the council publishes on Find a Tender shares, whether
    it is about a contract (``hcc.statutory.notice``) or about a procurement
    before any contract exists (``hcc.procurement.notice``): its life (due,
    prepared, published or not required), what the officer types back from
    Find a Tender, the reminders it closes, its JSON export and the OCDS
    release package around its release.

    It comes first in ``_inherit``, before the workflow mixin its ``super()``
    calls reach (``hcc.workflow.mixin`` or ``hcc.contract.record.mixin``).
    Each model says which record the notice is about (``_fts_subject_field``), the
    procurement identifier already known for it (``_fts_known_ocid``) and what
    to do with the one typed back (``_fts_record_ocid``)."""

    _name = "hcc.fts.notice.mixin"
    _description = "Find a Tender Notice (Procurement Act 2023)"
    _order = "date_due, id"
    _check_company_auto = True
    # the field of the record the notice is about: "contract_id" or
    # "procurement_id"
    _fts_subject_field = None

    name = fields.Char(compute="_compute_name", store=True)
    reason = fields.Char(readonly=True, help="Why the notice is due.")
    date_due = fields.Date(string="Due By", required=True, readonly=True, index=True)
    state = fields.Selection(
        NOTICE_STATES,
        default="due",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    prepared_data = fields.Text(
        string="Prepared Data (OCDS)",
        readonly=True,
        copy=False,
        help="The notice as an Open Contracting Data Standard release.",
    )
    notice_identifier = fields.Char(
        tracking=True,
        copy=False,
        help="The notice's number on Find a Tender, e.g. 075961-2026, shown on "
        "the notice once published.",
    )
    fts_ocid = fields.Char(
        string="Procurement Identifier (ocid)",
        tracking=True,
        copy=False,
        help="The identifier Find a Tender gave the procurement with its first "
        "notice, e.g. ocds-h6vhtk-05a1b2 (its “OCID”). Every later notice of the "
        "procurement carries it: it is filled in from the contract once known.",
    )
    notice_url = fields.Char(
        string="Notice Link",
        tracking=True,
        copy=False,
        help="The address of the published notice on Find a Tender; left empty, "
        "it is the notice's page under its number.",
    )
    date_published = fields.Date(tracking=True, copy=False)
    not_required_reason = fields.Text(tracking=True, copy=False)

    def _fts_name_depends(self):
        """The name is the notice's kind and its record's reference (nothing
        on this abstract model, which has neither)."""
        subject = self._fts_subject_field
        return ["notice_kind", f"{subject}.name"] if subject else []

    @api.depends(lambda self: self._fts_name_depends())
    def _compute_name(self):
        for notice in self:
            notice.name = _(
                "%(kind)s – %(ref)s",
                kind=selection_label(notice, "notice_kind", notice.notice_kind),
                ref=notice._fts_subject().name or "",
            )

    # ------------------------------------------------------------------
    # What differs between the notices of a contract and of a procurement
    # ------------------------------------------------------------------
    def _fts_subject(self):
        """The record the notice is about: its contract or its procurement."""
        return self[self._fts_subject_field]

    def _fts_known_ocid(self):
        """The procurement identifier Find a Tender already gave the record
        the notice is about, or False."""
        raise NotImplementedError

    def _fts_record_ocid(self):
        """Keep the identifier typed back on the published notice where later
        notices read it; nothing to do by default."""

    def _fts_missing_identifier_message(self):
        return _(
            "Notice %(name)s: enter the identifier Find a Tender gave the notice "
            "and its publication date first.",
            name=self.name,
        )

    def _fts_other_ocid_message(self, known):
        return _(
            "Notice %(name)s: Find a Tender already gave this procurement the "
            "identifier %(ocid)s; every notice of it carries that one.",
            name=self.name,
            ocid=known,
        )

    # ------------------------------------------------------------------
    # What the officer types back
    # ------------------------------------------------------------------
    @api.constrains("notice_identifier", "fts_ocid", "notice_url")
    def _check_fts_identifiers(self):
        """What the officer types back from Find a Tender has its formats."""
        for notice in self:
            if notice.notice_identifier and not FTS_NOTICE_RE.match(
                notice.notice_identifier
            ):
                raise ValidationError(
                    _(
                        "Notice %(name)s: “%(value)s” is not a Find a Tender notice "
                        "number, which is six digits and the year, e.g. 075961-2026.",
                        name=notice.name,
                        value=notice.notice_identifier,
                    )
                )
            if notice.fts_ocid and not FTS_OCID_RE.match(notice.fts_ocid):
                raise ValidationError(
                    _(
                        "Notice %(name)s: “%(value)s” is not a Find a Tender "
                        "procurement identifier, which is “ocds-h6vhtk-” and six "
                        "characters 0-9 or a-f, e.g. ocds-h6vhtk-05a1b2.",
                        name=notice.name,
                        value=notice.fts_ocid,
                    )
                )
            if notice.notice_url and not notice.notice_url.startswith(
                FTS_NOTICE_URL % ""
            ):
                raise ValidationError(
                    _(
                        "Notice %(name)s: the link must be the notice's page on Find "
                        "a Tender, starting %(prefix)s.",
                        name=notice.name,
                        prefix=FTS_NOTICE_URL % "",
                    )
                )

    # ------------------------------------------------------------------
    # Closed by default
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_action_fields(self):
        """What falls due is worked out by the system; the state moves only
        through the buttons."""
        return super()._get_hcc_action_fields() | {
            "state",
            "notice_kind",
            "reason",
            "date_due",
            "prepared_data",
        }

    @api.model
    def _get_hcc_first_step_fields(self):
        """Why a notice due is not required, said when it is so marked."""
        return super()._get_hcc_first_step_fields() | {"not_required_reason"}

    @api.model
    def _get_hcc_editable_fields(self):
        """A prepared notice takes the identifier and the date Find a Tender
        gave it; then it is the record of what was published."""
        editable = super()._get_hcc_editable_fields()
        editable["prepared"] = {
            "notice_identifier",
            "date_published",
            "fts_ocid",
            "notice_url",
        }
        return editable

    @api.model
    def _get_hcc_transitions(self):
        """A notice due is prepared (again, until it is published), then
        published on Find a Tender or marked not required."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_prepare=Transition(
                ("due", "prepared"), "prepared", _("prepare the notice")
            ),
            action_mark_published=Transition(
                ("prepared",), "published", _("mark the notice as published")
            ),
            action_mark_not_required=Transition(
                ("due", "prepared"),
                "not_required",
                _("mark the notice as not required"),
            ),
        )
        return transitions

    @api.ondelete(at_uninstall=False)
    def _unlink_except_statutory(self):
        if self:
            raise UserError(
                _(
                    "Notice %(name)s is a statutory record and cannot be deleted: "
                    "mark it not required instead.",
                    name=self[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_prepare(self):
        """Fill the notice's data from its contract or procurement as it
        stands today."""
        for notice in self:
            notice._hcc_check_transition("action_prepare")
            package = notice._get_ocds_package()
            notice._hcc_transition(
                "action_prepare",
                {"prepared_data": json.dumps(package, indent=2, ensure_ascii=False)},
            )
            known = notice._fts_known_ocid()
            if known and not notice.fts_ocid:
                notice.fts_ocid = known
        return True

    def action_mark_published(self):
        for notice in self:
            notice._hcc_check_transition("action_mark_published")
            if not (notice.notice_identifier and notice.date_published):
                raise UserError(notice._fts_missing_identifier_message())
            if notice.date_published > fields.Date.context_today(self):
                raise UserError(
                    _(
                        "Notice %(name)s: the publication date cannot be in the "
                        "future.",
                        name=notice.name,
                    )
                )
            known = notice._fts_known_ocid()
            if not (notice.fts_ocid or known):
                raise UserError(
                    _(
                        "Notice %(name)s: enter the procurement identifier (OCID) "
                        "Find a Tender shows on the published notice, e.g. "
                        "ocds-h6vhtk-05a1b2.",
                        name=notice.name,
                    )
                )
            if known and notice.fts_ocid not in (False, known):
                raise UserError(notice._fts_other_ocid_message(known))
        for notice in self:
            notice.fts_ocid = notice.fts_ocid or notice._fts_known_ocid()
            notice.notice_url = notice.notice_url or (
                FTS_NOTICE_URL % notice.notice_identifier
            )
            notice._fts_record_ocid()
        self._hcc_transition("action_mark_published")
        self._close_due_activities(_("Notice published."))
        return True

    def action_mark_not_required(self):
        for notice in self:
            notice._hcc_check_transition("action_mark_not_required")
            if not notice.not_required_reason:
                raise UserError(
                    _(
                        "Notice %(name)s: say why the notice is not required before "
                        "closing it.",
                        name=notice.name,
                    )
                )
        self._hcc_transition("action_mark_not_required")
        self._close_due_activities(_("Notice not required."))
        return True

    def action_export_json(self):
        """Download the prepared OCDS release package as a JSON file."""
        self.ensure_one()
        if not self.prepared_data:
            raise UserError(
                _("Notice %(name)s has not been prepared yet.", name=self.name)
            )
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self._fts_subject().name}-{self.notice_kind}.json",
                "raw": self.prepared_data.encode(),
                "mimetype": "application/json",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }

    def _fts_remind_officer(self):
        """Remind the support officer (or the lead officer) of the contract or
        procurement of each notice that fell due to publish it."""
        activity_type = self.env.ref(
            "hcc_contracts_procurement_act.mail_activity_type_statutory_notice_due"
        )
        self.env["mail.activity"]._hcc_schedule(
            [
                {
                    "record": notice,
                    "activity_type": activity_type,
                    "user": notice._fts_subject().support_officer_id
                    or notice._fts_subject().lead_officer_id,
                    "summary": self.env._("Publish the %(name)s", name=notice.name),
                    "note": notice.reason,
                    "date_deadline": notice.date_due,
                }
                for notice in self
            ]
        )

    def _close_due_activities(self, feedback):
        """Mark the reminders done, whoever they were for, keeping them in the
        chatter as evidence."""
        self.sudo().activity_feedback(
            ["hcc_contracts_procurement_act.mail_activity_type_statutory_notice_due"],
            feedback=feedback,
        )

    # ------------------------------------------------------------------
    # The notice as Find a Tender publishes it (OCDS 1.1 and its UK extension)
    # ------------------------------------------------------------------
    def _get_ocds_release_id(self):
        """Find a Tender's release id is the notice's number; ours, until the
        officer records it, is a draft id unique within the procurement."""
        self.ensure_one()
        if self.notice_identifier:
            return self.notice_identifier
        subject = self._fts_subject().sudo()
        return f"{DRAFT_PREFIX}-{subject.name}-{self.notice_kind}-{self.id}"

    def _get_ocds_package(self):
        """The release in an OCDS release package, as Find a Tender's API
        serves its notices: the council as publisher, the Open Government
        Licence, and the extensions its fields come from."""
        self.ensure_one()
        company = self._fts_subject().company_id.sudo()
        publisher = {"name": company.name}
        if company.hcc_ppon:
            publisher.update(scheme="GB-PPON", uid=company.hcc_ppon)
        release = self._get_ocds_release()
        return {
            "uri": f"urn:hcc:{release['ocid']}:{release['id']}",
            "version": "1.1",
            "extensions": list(OCDS_EXTENSIONS),
            "publishedDate": release["date"],
            "publisher": publisher,
            "license": OGL_V3,
            "releases": [release],
        }

    def _ocds_party(self, partner, role, buyer=False):
        identifiers = partner._hcc_ocds_identifiers(buyer=buyer)
        party = {
            "id": (
                f"{identifiers[0]['scheme']}-{identifiers[0]['id']}"
                if identifiers
                else f"{DRAFT_PREFIX}-party-{partner.id}"
            ),
            "name": partner.name,
        }
        if identifiers:
            party["identifier"] = identifiers[0]
        if identifiers[1:]:
            party["additionalIdentifiers"] = identifiers[1:]
        address = partner._hcc_ocds_address()
        if address:
            party["address"] = address
        if partner.email:
            # an organisation's mailbox, named after it: no officer's name
            party["contactPoint"] = {"name": partner.name, "email": partner.email}
        party["roles"] = [role]
        return party

    def _get_ocds_buyer(self):
        """The council, classified as Find a Tender classifies a county
        council: a public authority of sub-central government."""
        company = self._fts_subject().company_id.sudo()
        party = self._ocds_party(company.partner_id, "buyer", buyer=True)
        party["name"] = company.name
        details = {"classifications": [dict(BUYER_CLASSIFICATION)]}
        if company.website:
            details["url"] = company.website
        party["details"] = details
        return party

    def _ocds_cpv(self, service_type):
        """The CPV code of the service type (a council maps each service type
        once), else social work and related services."""
        cpv = {
            "scheme": "CPV",
            "id": service_type.hcc_cpv_code or DEFAULT_CPV[0],
            "description": (
                service_type.hcc_cpv_description
                if service_type.hcc_cpv_code
                else DEFAULT_CPV[1]
            ),
        }
        return {key: value for key, value in cpv.items() if value}
