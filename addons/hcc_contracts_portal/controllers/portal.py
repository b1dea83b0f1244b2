import math
import os

from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import float_round, format_date, formatLang
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal

# counts of a data return: whole numbers; the rest are decimals
RETURN_INTEGERS = (
    "age_range_min",
    "age_range_max",
    "people_served",
    "statements_issued",
    "assessments_done",
    "reviews_done",
)
RETURN_FLOATS = ("units_delivered",)
RETURN_FIELDS = ("nature_of_service", *RETURN_INTEGERS, *RETURN_FLOATS)
# what the database stores: a whole number is a 32-bit integer; a decimal
# above a million million is a typing slip, not a count of care hours
MAX_INTEGER = 2**31 - 1
MAX_DECIMAL = 10**12
# free text keyed in a portal form (a description, a progress comment)
MAX_TEXT = 10_000
# survey results come as a PDF, an office document or a CSV file: the
# extension and the content (``guess_mimetype``) must both say so
OLE = (
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/x-ole-storage",
    "application/CDFV2",
)
OOXML = "application/vnd.openxmlformats-officedocument."
ODF = "application/vnd.oasis.opendocument."
UPLOAD_TYPES = {
    ".pdf": ("application/pdf",),
    ".csv": ("text/plain", "text/csv"),
    ".doc": OLE,
    ".xls": OLE,
    ".ppt": OLE,
    ".docx": (OOXML + "wordprocessingml.document",),
    ".xlsx": (OOXML + "spreadsheetml.sheet",),
    ".pptx": (OOXML + "presentationml.presentation",),
    ".odt": (ODF + "text",),
    ".ods": (ODF + "spreadsheet",),
    ".odp": (ODF + "presentation",),
}
# the minutes as printed, when the reports addon is installed
MINUTES_REPORT = "hcc_contracts_reports.action_report_meeting_minutes"
UPLOAD_MAX_MB_PARAM = "hcc_contracts_portal.upload_max_mb"
UPLOAD_MAX_MB = 10


class HccContractsPortal(CustomerPortal):
    """Provider portal: the contracts of the user's commercial partner, their
    data returns and surveys to submit, the actions assigned to the provider
    and the minutes circulated to the user.

    Portal users have no access right on the contract models: every record is
    looked up with ``sudo()`` restricted by the model's ``_get_portal_domain``
    for the user's partner, so a record of another provider, an internal
    record or a guessed id is a 404."""

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _hcc_partner(self):
        """The provider's contact the pages are served to: a portal user's
        (an external user of ``base.group_portal``) only. Staff work in the
        back office, and their own contact, which they can attach to any
        company, makes them no provider: they get no provider page."""
        user = request.env.user
        if not user._is_portal():
            raise NotFound()
        return user.partner_id

    def _hcc_search(self, model, extra_domain=None, **kwargs):
        Model = request.env[model]
        domain = Model._get_portal_domain(self._hcc_partner()) + (extra_domain or [])
        return Model.sudo().search(domain, **kwargs)

    def _hcc_get(self, model, record_id):
        record = self._hcc_search(model, [("id", "=", record_id)], limit=1)
        if not record:
            raise NotFound()
        return record

    def _hcc_values(self, page_name, **values):
        values.update(
            page_name=page_name,
            fmt_date=lambda d: format_date(request.env, d, date_format="d MMM y")
            if d
            else "",
            fmt_number=self._hcc_format_number,
            document_url=self._hcc_document_url,
        )
        return values

    @staticmethod
    def _hcc_format_number(value, digits=2, grouping=True):
        """A figure as read in England: 20,800 or 1,733.33, decimals only
        when there are any; without the thousands separator for the value of
        a form's field (``grouping=False``)."""
        if value is None or value is False:
            return ""
        value = float_round(value, precision_digits=digits)
        shown = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        decimals = len(shown.partition(".")[2])
        if not grouping:
            return shown
        return formatLang(request.env, value, digits=decimals)

    @staticmethod
    def _hcc_document_url(attachment):
        """The download link of a document of a record the provider may see
        (the page checked that): the attachment's own access token, as
        Odoo's portal gives attachments."""
        token = attachment.sudo().generate_access_token()[0]
        return f"/web/content/{attachment.id}?access_token={token}&download=true"

    def _hcc_documents(self, record):
        """The documents the provider's contacts sent with ``record`` (which
        the provider may see): never a document the council filed on it."""
        provider = self._hcc_partner().commercial_partner_id
        return (
            request.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("create_uid.partner_id", "child_of", provider.id),
                ],
                order="id",
            )
        )

    @staticmethod
    def _hcc_number(raw, label, integer, blank=0):
        """Parse a number keyed in a portal form; the message names the field.
        A blank gives ``blank``."""
        raw = (raw or "").strip().replace(",", "")
        if not raw:
            return blank
        try:
            number = int(raw) if integer else float(raw)
            if not math.isfinite(number):
                raise ValueError(raw)
        except ValueError:
            if integer:
                message = _(
                    "“%(field)s” must be a whole number, not “%(value)s”.",
                    field=label,
                    value=raw,
                )
            else:
                message = _(
                    "“%(field)s” must be a number, not “%(value)s”.",
                    field=label,
                    value=raw,
                )
            raise ValidationError(message) from None
        limit = MAX_INTEGER if integer else MAX_DECIMAL
        if abs(number) > limit:
            # formatted first: the extraction of translatable terms evaluates
            # the arguments of _() and cannot read an f-string
            shown = f"{limit:,}"
            raise ValidationError(
                _(
                    "“%(field)s” is out of range: %(value)s is more than %(limit)s.",
                    field=label,
                    value=raw,
                    limit=shown,
                )
            )
        return number

    @staticmethod
    def _hcc_text(raw, label):
        """A free text keyed in a portal form, refused when over-long."""
        text = (raw or "").strip()
        if len(text) > MAX_TEXT:
            length, most = f"{len(text):,}", f"{MAX_TEXT:,}"
            raise ValidationError(
                _(
                    "“%(field)s” is too long: %(length)s characters, the most "
                    "is %(limit)s.",
                    field=label,
                    length=length,
                    limit=most,
                )
            )
        return text

    def _hcc_upload(self, upload, refused_message=None):
        """``(file name, bytes)`` of an uploaded file, or None; refused
        unless a PDF, office document or CSV file within the size limit."""
        if not upload or not upload.filename:
            return None
        limit_mb = self._hcc_upload_max_mb()
        data = upload.read(limit_mb * 1024 * 1024 + 1)
        if len(data) > limit_mb * 1024 * 1024:
            raise ValidationError(
                _(
                    "“%(name)s” is larger than %(limit)s MB: send a smaller file.",
                    name=upload.filename,
                    limit=limit_mb,
                )
            )
        extension = os.path.splitext(upload.filename)[1].lower()
        if guess_mimetype(data) not in UPLOAD_TYPES.get(extension, ()):
            if refused_message:
                raise ValidationError(refused_message(upload.filename))
            raise ValidationError(
                _(
                    "“%(name)s” is not accepted: send the survey results as a "
                    "PDF, an office document (Word, Excel, PowerPoint, "
                    "OpenDocument) or a CSV file.",
                    name=upload.filename,
                )
            )
        return upload.filename, data

    @staticmethod
    def _hcc_upload_max_mb():
        value = request.env["ir.config_parameter"].sudo().get_param(UPLOAD_MAX_MB_PARAM)
        try:
            return max(1, int(value)) if value else UPLOAD_MAX_MB
        except ValueError:
            return UPLOAD_MAX_MB

    def _hcc_parse_return(self, ret, post):
        def label(fname):
            return ret._fields[fname]._description_string(request.env)

        vals = {
            "nature_of_service": self._hcc_text(
                post.get("nature_of_service"), label("nature_of_service")
            )
        }
        # a blank stays blank (None): the model refuses a required figure left
        # out, and accepts a zero
        for fname in RETURN_INTEGERS:
            vals[fname] = self._hcc_number(post.get(fname), label(fname), True, None)
        for fname in RETURN_FLOATS:
            vals[fname] = self._hcc_number(post.get(fname), label(fname), False, None)
        indicators = {
            indicator.id: self._hcc_number(
                post.get(f"indicator_{indicator.id}"), indicator.name, False, None
            )
            for indicator in ret.contract_id.indicator_ids
        }
        return vals, indicators

    def _hcc_return_attachments(self):
        """The supporting documents uploaded with a return, or the evidence
        attached to an action."""

        def message(name):
            return _(
                "“%(name)s” is not accepted: attach documents as a PDF, an office "
                "document (Word, Excel, PowerPoint, OpenDocument) or a CSV file.",
                name=name,
            )

        uploads = request.httprequest.files.getlist("attachments")
        return [
            upload
            for upload in (self._hcc_upload(file, message) for file in uploads)
            if upload
        ]

    def _hcc_submit(self, callback):
        """Run ``callback`` in a savepoint; return the error message or None.
        Nothing of a failed submission is kept."""
        try:
            with request.env.cr.savepoint():
                callback()
        except (UserError, ValidationError) as error:
            request.env.invalidate_all()
            return error.args[0]
        return None

    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not request.env.user._is_portal():
            # staff are no provider: nothing of a provider's is counted
            for counter in (
                "hcc_contract_count",
                "hcc_return_count",
                "hcc_document_count",
            ):
                if counter in counters:
                    values[counter] = 0
            return values
        if "hcc_contract_count" in counters:
            values["hcc_contract_count"] = (
                request.env["hcc.contract"]
                .sudo()
                .search_count(
                    request.env["hcc.contract"]._get_portal_domain(self._hcc_partner())
                )
            )
        if "hcc_return_count" in counters:
            Return = request.env["hcc.data.return"]
            values["hcc_return_count"] = Return.sudo().search_count(
                Return._get_portal_domain(self._hcc_partner())
                + [("state", "in", ("expected", "queried"))]
            )
        if "hcc_document_count" in counters:
            Document = request.env["hcc.provider.document"]
            values["hcc_document_count"] = Document.sudo().search_count(
                Document._get_portal_domain(self._hcc_partner())
            )
        return values

    # ------------------------------------------------------------------
    # Contracts
    # ------------------------------------------------------------------
    @http.route("/my/contracts", type="http", auth="user", website=True)
    def portal_my_hcc_contracts(self, **kw):
        contracts = self._hcc_search("hcc.contract", order="date_start desc, id desc")
        return request.render(
            "hcc_contracts_portal.portal_my_hcc_contracts",
            self._hcc_values("hcc_contracts", contracts=contracts),
        )

    @http.route(
        "/my/contracts/<int:contract_id>", type="http", auth="user", website=True
    )
    def portal_my_hcc_contract(self, contract_id, **kw):
        contract = self._hcc_get("hcc.contract", contract_id)
        domain = [("contract_id", "=", contract.id)]
        return request.render(
            "hcc_contracts_portal.portal_my_hcc_contract",
            self._hcc_values(
                "hcc_contract",
                contract=contract,
                returns=self._hcc_search("hcc.data.return", domain),
                surveys=self._hcc_search("hcc.satisfaction.survey", domain),
                actions=self._hcc_search("hcc.contract.action", domain),
                meetings=self._hcc_search(
                    "hcc.contract.meeting", domain, order="date desc"
                ),
                **self._hcc_price_values(contract),
            ),
        )

    def _hcc_price_values(self, contract):
        """The unit price in force today, the next one when a variation (a fee
        review for 1 April) is applied ahead of its date, and the applied
        variations with the letters the council sent."""
        today = fields.Date.context_today(contract)
        variations = (
            request.env["hcc.contract.revision"]
            .sudo()
            .search(
                [("contract_id", "=", contract.id), ("state", "=", "applied")],
                order="date_effective desc, id desc",
            )
        )
        letters = {
            letter.res_id: letter
            for letter in request.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "hcc.contract.revision"),
                    ("res_id", "in", variations.ids),
                    ("hcc_document_type", "=", "variation_letter"),
                ]
            )
        }
        upcoming = variations.filtered(
            lambda rev: rev.date_effective > today
            and "unit_price" in rev.line_ids.mapped("field_name")
        )
        return {
            "price_now": contract._term_in_force("unit_price", today),
            "price_next": contract.unit_price if upcoming else None,
            "price_next_date": min(upcoming.mapped("date_effective"))
            if upcoming
            else None,
            "variations": variations,
            "variation_letters": letters,
        }

    # ------------------------------------------------------------------
    # Data returns
    # ------------------------------------------------------------------
    def _hcc_returns_filters(self):
        return {
            "to_submit": {
                "label": _("To Submit"),
                "domain": [("state", "in", ("expected", "queried"))],
            },
            "all": {"label": _("All"), "domain": []},
        }

    @http.route("/my/returns", type="http", auth="user", website=True)
    def portal_my_hcc_returns(self, filterby=None, **kw):
        """The provider's data returns, those to submit first: what the
        /my card counts."""
        filters = self._hcc_returns_filters()
        if filterby not in filters:
            filterby = "to_submit"
        returns = self._hcc_search(
            "hcc.data.return",
            filters[filterby]["domain"],
            order="date_due, contract_id, id",
        )
        return request.render(
            "hcc_contracts_portal.portal_my_hcc_returns",
            self._hcc_values(
                "hcc_returns",
                returns=returns,
                searchbar_filters=filters,
                filterby=filterby,
                default_url="/my/returns",
            ),
        )

    @http.route(
        "/my/contracts/returns/<int:return_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_my_hcc_return(self, return_id, **post):
        """The return's form; posted with ``step=review`` it is checked by
        the model and shown for review, nothing saved; posted with
        ``step=confirm`` (from the review) it is submitted, or amended."""
        ret = self._hcc_get("hcc.data.return", return_id)
        error, review = None, False
        step = post.get("step") or "review"
        if request.httprequest.method == "POST" and step in ("review", "confirm"):
            try:
                vals, indicators = self._hcc_parse_return(ret, post)
                answer = self._hcc_text(
                    post.get("query_answer"), _("Your answer to the query")
                )
                attachments = (
                    self._hcc_return_attachments() if step == "confirm" else []
                )
            except ValidationError as parse_error:
                error = parse_error.args[0]
            else:
                if step == "confirm":
                    error = self._hcc_submit(
                        lambda: ret._portal_submit(
                            vals,
                            indicators,
                            self._hcc_partner(),
                            attachments,
                            answer=answer,
                        )
                    )
                    if not error:
                        return request.redirect(
                            f"/my/contracts/returns/{ret.id}?submitted=1"
                        )
                else:
                    error = self._hcc_submit(
                        lambda: ret._portal_review(vals, indicators, answer)
                    )
                    review = not error
        posted = request.httprequest.method == "POST"
        return request.render(
            "hcc_contracts_portal.portal_my_hcc_return",
            self._hcc_values(
                "hcc_return",
                ret=ret,
                contract=ret.contract_id,
                documents=self._hcc_documents(ret),
                error=error,
                review=review,
                period_over=ret.date_to < ret._portal_today(),
                # the form as posted, every field present (a client may leave
                # some out)
                form=dict.fromkeys((*RETURN_FIELDS, "query_answer"), "") | post
                if posted
                else {},
                submitted=bool(post.get("submitted")) and not error,
            ),
        )

    # ------------------------------------------------------------------
    # Satisfaction surveys
    # ------------------------------------------------------------------
    @http.route(
        "/my/contracts/surveys/<int:survey_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_my_hcc_survey(self, survey_id, **post):
        survey = self._hcc_get("hcc.satisfaction.survey", survey_id)
        error = None
        if request.httprequest.method == "POST":
            try:
                attachment = self._hcc_upload(
                    request.httprequest.files.get("results_file")
                )
                respondents = self._hcc_number(
                    post.get("respondents"), _("Respondents"), True
                )
                percent = self._hcc_number(
                    post.get("satisfied_percent"), _("Satisfied (%)"), False
                )
            except ValidationError as parse_error:
                error = parse_error.args[0]
            else:
                error = self._hcc_submit(
                    lambda: survey._portal_submit(
                        respondents, percent, attachment, self._hcc_partner()
                    )
                )
            if not error:
                return request.redirect(
                    f"/my/contracts/surveys/{survey.id}?submitted=1"
                )
        return request.render(
            "hcc_contracts_portal.portal_my_hcc_survey",
            self._hcc_values(
                "hcc_survey",
                survey=survey,
                contract=survey.contract_id,
                documents=self._hcc_documents(survey),
                error=error,
                form=post if error else {},
                submitted=bool(post.get("submitted")) and not error,
            ),
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @http.route(
        "/my/contracts/actions/<int:action_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_my_hcc_action(self, action_id, **post):
        action = self._hcc_get("hcc.contract.action", action_id)
        error = None
        if request.httprequest.method == "POST":
            try:
                comment = self._hcc_text(post.get("comment"), _("Comment"))
                attachments = self._hcc_return_attachments()
            except ValidationError as parse_error:
                error = parse_error.args[0]
            else:
                error = self._hcc_submit(
                    lambda: action._portal_post_progress(
                        comment, self._hcc_partner(), attachments
                    )
                )
            if not error:
                return request.redirect(f"/my/contracts/actions/{action.id}?posted=1")
        return request.render(
            "hcc_contracts_portal.portal_my_hcc_action",
            self._hcc_values(
                "hcc_action",
                action=action,
                contract=action.contract_id,
                messages=action._portal_messages(),
                error=error,
                form=post if error else {},
                posted=bool(post.get("posted")) and not error,
            ),
        )

    # ------------------------------------------------------------------
    # Minutes
    # ------------------------------------------------------------------
    @http.route(
        "/my/contracts/minutes/<int:meeting_id>", type="http", auth="user", website=True
    )
    def portal_my_hcc_minutes(self, meeting_id, **kw):
        meeting = self._hcc_get("hcc.contract.meeting", meeting_id)
        return request.render(
            "hcc_contracts_portal.portal_my_hcc_minutes",
            self._hcc_values(
                "hcc_minutes",
                meeting=meeting,
                contract=meeting.contract_id,
                minutes_pdf=bool(self._hcc_minutes_report()),
            ),
        )

    @http.route(
        "/my/contracts/minutes/<int:meeting_id>/pdf",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_hcc_minutes_pdf(self, meeting_id, **kw):
        """The minutes as printed, for a meeting whose minutes were
        circulated to the user."""
        meeting = self._hcc_get("hcc.contract.meeting", meeting_id)
        if not self._hcc_minutes_report():
            raise NotFound()
        return self._show_report(
            model=meeting, report_type="pdf", report_ref=MINUTES_REPORT, download=True
        )

    @staticmethod
    def _hcc_minutes_report():
        """The report printing the minutes, when its addon is installed."""
        return request.env.ref(MINUTES_REPORT, raise_if_not_found=False)

    # ------------------------------------------------------------------
    # Compliance documents
    # ------------------------------------------------------------------
    @staticmethod
    def _hcc_date(raw, label, required=True):
        """A date keyed in a portal form (an ``<input type="date">`` sends
        it as 2027-03-31); the message names the field."""
        raw = (raw or "").strip()
        if not raw:
            if required:
                raise ValidationError(_("Give “%(field)s”.", field=label))
            return False
        try:
            return fields.Date.to_date(raw)
        except ValueError:
            raise ValidationError(
                _("“%(field)s” is not a date: “%(value)s”.", field=label, value=raw)
            ) from None

    @http.route("/my/compliance-documents", type="http", auth="user", website=True)
    def portal_my_hcc_documents(self, **kw):
        documents = self._hcc_search(
            "hcc.provider.document", order="document_type, date_expiry, id"
        )
        return request.render(
            "hcc_contracts_portal.portal_my_hcc_documents",
            self._hcc_values(
                "hcc_documents", documents=documents, renewed=bool(kw.get("renewed"))
            ),
        )

    @http.route(
        "/my/compliance-documents/<int:document_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_my_hcc_document(self, document_id, **post):
        """A compliance document of the provider, and the form that uploads
        its renewal (file, new expiry date) for the council to check."""
        document = self._hcc_get("hcc.provider.document", document_id)
        error = None
        if request.httprequest.method == "POST":

            def message(name):
                return _(
                    "“%(name)s” is not accepted: send the document as a PDF or an "
                    "office document (Word, OpenDocument).",
                    name=name,
                )

            try:
                upload = self._hcc_upload(
                    request.httprequest.files.get("renewal_file"), message
                )
                date_expiry = self._hcc_date(
                    post.get("date_expiry"), _("Expires or due for review on")
                )
                date_issued = self._hcc_date(
                    post.get("date_issued"), _("Issued on"), required=False
                )
            except ValidationError as parse_error:
                error = parse_error.args[0]
            else:
                error = self._hcc_submit(
                    lambda: document._portal_renew(
                        upload, date_expiry, date_issued, self._hcc_partner()
                    )
                )
            if not error:
                return request.redirect("/my/compliance-documents?renewed=1")
        pending = (
            request.env["hcc.provider.document"]
            .sudo()
            .search([("renewal_of_id", "=", document.id), ("state", "=", "draft")])
        )
        return request.render(
            "hcc_contracts_portal.portal_my_hcc_document",
            self._hcc_values(
                "hcc_document",
                document=document,
                pending=pending,
                error=error,
                form=post if error else {},
            ),
        )
