import logging
import threading
import time

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hcc_contracts.tools.roles import GROUP_SUPPORT_OFFICER, check_role

from ..tools.cqc_client import (
    DEFAULT_CQC_API_URL,
    DEFAULT_TIMEOUT,
    CqcClient,
    CqcError,
)

_logger = logging.getLogger(__name__)

# locations asked for in one call of the nightly sync, and the time one call
# may spend waiting for the API: the rest is left to the next call
CQC_BATCH_SIZE = 10
CQC_CALL_SECONDS = 60

CQC_RATINGS = [
    ("outstanding", "Outstanding"),
    ("good", "Good"),
    ("requires_improvement", "Requires improvement"),
    ("inadequate", "Inadequate"),
    ("not_rated", "Not rated"),
]
CQC_FRAMEWORKS = [
    ("inspection", "Inspection (ratings to 2023)"),
    ("assessment", "Single Assessment Framework"),
]
CQC_REGISTRATION = [
    ("registered", "Registered"),
    ("deregistered", "Deregistered"),
]
# higher is better: a sync that lowers the rank is a worse rating
CQC_RANK = {"outstanding": 4, "good": 3, "requires_improvement": 2, "inadequate": 1}
CQC_KEY_QUESTION_FIELDS = {
    "safe": "cqc_safe_rating",
    "effective": "cqc_effective_rating",
    "caring": "cqc_caring_rating",
    "responsive": "cqc_responsive_rating",
    "well_led": "cqc_well_led_rating",
}


class ResPartner(models.Model):
    """A provider location registered with the Care Quality Commission and its
    current ratings, kept in step with the CQC public API."""

    _inherit = "res.partner"

    cqc_location_id = fields.Char(
        string="CQC Location ID",
        index=True,
        copy=False,
        help="The location's identifier at the Care Quality Commission, e.g. "
        "1-000000001.",
    )
    cqc_overall_rating = fields.Selection(
        CQC_RATINGS,
        string="CQC Overall Rating",
        readonly=True,
        copy=False,
        help="The overall rating of the location's latest inspection or "
        "assessment. “Not rated” stands for each way the CQC says it has no "
        "rating to publish (see the rating as published).",
    )
    cqc_rating_label = fields.Char(
        string="CQC Rating As Published",
        readonly=True,
        copy=False,
        help="The overall rating in the CQC's own words, e.g. “Inspected but not "
        "rated” or “Evidence requirements partially scored”.",
    )
    cqc_rating_framework = fields.Selection(
        CQC_FRAMEWORKS,
        string="CQC Rated Under",
        readonly=True,
        copy=False,
        help="The framework of the latest rating: inspections (to 2023) or the "
        "Single Assessment Framework (from 2024). The latest by date counts.",
    )
    cqc_rating_date = fields.Date(
        string="CQC Report Date",
        readonly=True,
        copy=False,
        help="Date of the report or assessment that gave the rating.",
    )
    cqc_registration_status = fields.Selection(
        CQC_REGISTRATION,
        string="CQC Registration",
        readonly=True,
        copy=False,
        help="Whether the location is still registered with the CQC. A "
        "deregistered location may no longer provide regulated care: the "
        "provider's contracts turn amber until it is looked into.",
    )
    cqc_deregistration_date = fields.Date(
        string="CQC Deregistered On", readonly=True, copy=False
    )
    cqc_safe_rating = fields.Selection(CQC_RATINGS, string="Safe", readonly=True)
    cqc_effective_rating = fields.Selection(
        CQC_RATINGS, string="Effective", readonly=True
    )
    cqc_caring_rating = fields.Selection(CQC_RATINGS, string="Caring", readonly=True)
    cqc_responsive_rating = fields.Selection(
        CQC_RATINGS, string="Responsive", readonly=True
    )
    cqc_well_led_rating = fields.Selection(
        CQC_RATINGS, string="Well-led", readonly=True
    )
    cqc_last_sync = fields.Datetime(
        string="CQC Ratings Checked", readonly=True, copy=False
    )
    cqc_last_attempt = fields.Date(readonly=True, copy=False)
    cqc_sync_error = fields.Char(string="CQC Sync Problem", readonly=True, copy=False)

    @api.model
    def _cqc_synced_fields(self):
        """The ratings count in the RAG status of the provider's contracts:
        only the synchronisation with the CQC (run as superuser, after its
        own check of the role) writes them."""
        return {
            "cqc_overall_rating",
            "cqc_rating_label",
            "cqc_rating_framework",
            "cqc_rating_date",
            "cqc_registration_status",
            "cqc_deregistration_date",
            "cqc_last_sync",
            "cqc_last_attempt",
            "cqc_sync_error",
            *CQC_KEY_QUESTION_FIELDS.values(),
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_cqc_synced_fields(
                {k for k, v in vals.items() if v and k in self._cqc_synced_fields()}
            )
        return super().create(vals_list)

    def write(self, vals):
        self._check_cqc_synced_fields(self._cqc_synced_fields() & vals.keys())
        return super().write(vals)

    def _check_cqc_synced_fields(self, names):
        if names and not self.env.su:
            raise AccessError(
                _(
                    "The CQC ratings are read from the CQC only: use “Refresh CQC "
                    "Ratings” rather than writing them."
                )
            )

    def action_cqc_sync(self):
        check_role(self.env, GROUP_SUPPORT_OFFICER, _("refresh CQC ratings"))
        without = self.filtered(lambda p: not p.cqc_location_id)
        if without:
            raise UserError(
                _(
                    "%(name)s has no CQC location ID to look up.",
                    name=without[0].display_name,
                )
            )
        self.sudo()._cqc_sync()
        return True

    def _cqc_client(self):
        params = self.env["ir.config_parameter"].sudo()
        return CqcClient(
            base_url=params.get_param("hcc_contracts_cqc.api_url", DEFAULT_CQC_API_URL),
            subscription_key=params.get_param("hcc_contracts_cqc.subscription_key"),
            timeout=self._cqc_timeout(params.get_param("hcc_contracts_cqc.timeout")),
        )

    @api.model
    def _cqc_timeout(self, value):
        """The time-out setting in seconds; the default, with a warning in the
        log, when it is not a positive number (a typo must not stop the sync)."""
        if not value:
            return DEFAULT_TIMEOUT
        try:
            timeout = float(value)
        except ValueError:
            timeout = 0
        if not 0 < timeout < float("inf"):
            _logger.warning(
                "CQC time-out setting %r is not a positive number of seconds: using %s",
                value,
                DEFAULT_TIMEOUT,
            )
            return DEFAULT_TIMEOUT
        return timeout

    def _cqc_sync(self, client=None):
        """Fetch and store the current ratings of the locations. On any error
        the last good rating stays and the problem is logged and noted on the
        partner; a worse overall rating warns the lead officers."""
        return self._cqc_store(self._cqc_fetch(client))

    def _cqc_fetch(self, client=None, seconds=None):
        """Ask the CQC for the ratings of each location, with the database
        transaction ended first: nothing is locked, and no snapshot held, while
        waiting for the API. Stops asking once ``seconds`` have passed.

        :return: ``{partner id: (ratings, report date) or the CqcError}`` for
            the locations asked, in order
        """
        client = client or self._cqc_client()
        locations = [(partner.id, partner.cqc_location_id) for partner in self]
        self._cqc_end_transaction()
        start = time.monotonic()
        results = {}
        for partner_id, location_id in locations:
            if seconds and results and time.monotonic() - start > seconds:
                break
            try:
                ratings = client.get_location_ratings(location_id)
                results[partner_id] = (
                    ratings,
                    fields.Date.to_date(ratings["date"] or False),
                )
            except (CqcError, ValueError) as exc:
                results[partner_id] = exc
        return results

    @api.model
    def _cqc_end_transaction(self):
        """Commit what was done so far and end the transaction before the
        calls to the CQC, so that no lock and no snapshot is held while
        waiting (the sync writes nothing before them). Not in tests, whose
        transaction must stay open."""
        self.env.flush_all()
        if not getattr(threading.current_thread(), "testing", False):
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _cqc_store(self, results):
        """Write what ``_cqc_fetch`` brought back, in one short transaction."""
        today = fields.Date.context_today(self)
        worse = self.browse()
        deregistered = self.browse()
        changed = self.browse()
        for partner in self.filtered(lambda p: p.id in results):
            result = results[partner.id]
            if isinstance(result, Exception):
                exc = result
                _logger.warning(
                    "CQC sync of %s (%s) failed: %s",
                    partner.display_name,
                    partner.cqc_location_id,
                    exc,
                )
                partner.write({"cqc_last_attempt": today, "cqc_sync_error": str(exc)})
                partner.message_post(
                    body=_(
                        "CQC ratings not refreshed, the last good rating is kept: "
                        "%(error)s",
                        error=str(exc),
                    )
                )
                continue
            ratings, report_date = result
            old = partner.cqc_overall_rating
            was_deregistered = partner.cqc_registration_status == "deregistered"
            vals = {
                "cqc_overall_rating": ratings["overall"],
                "cqc_rating_label": ratings["label"],
                "cqc_rating_framework": ratings["framework"],
                "cqc_rating_date": report_date,
                "cqc_registration_status": ratings["registration"],
                "cqc_deregistration_date": fields.Date.to_date(
                    ratings["deregistration_date"] or False
                ),
                "cqc_last_sync": fields.Datetime.now(),
                "cqc_last_attempt": today,
                "cqc_sync_error": False,
            }
            for key, field in CQC_KEY_QUESTION_FIELDS.items():
                vals[field] = ratings["key_questions"].get(key) or False
            partner.write(vals)
            new = ratings["overall"]
            if old in CQC_RANK and new in CQC_RANK and CQC_RANK[new] < CQC_RANK[old]:
                worse |= partner
            if ratings["registration"] == "deregistered" and not was_deregistered:
                deregistered |= partner
            elif old != new or (
                was_deregistered and ratings["registration"] != "deregistered"
            ):
                changed |= partner
        if changed - worse:
            (changed - worse)._cqc_active_contracts()._hcc_refresh_rag_later()
        if worse:
            labels = dict(CQC_RATINGS)
            worse._cqc_warn(
                "hcc_contracts_cqc.mail_activity_type_cqc_rating_worse",
                lambda location: self.env._(
                    "CQC now rates %(location)s %(rating)s",
                    location=location.display_name,
                    rating=labels[location.cqc_overall_rating],
                ),
            )
        if deregistered:
            deregistered._cqc_warn(
                "hcc_contracts_cqc.mail_activity_type_cqc_deregistered",
                lambda location: self.env._(
                    "CQC has deregistered %(location)s",
                    location=location.display_name,
                ),
            )
        return worse

    def _cqc_active_contracts(self):
        """The active contracts of these locations' providers."""
        return (
            self.env["hcc.contract"]
            .sudo()
            .search(
                [
                    ("state", "=", "active"),
                    (
                        "partner_id.commercial_partner_id",
                        "in",
                        self.commercial_partner_id.ids,
                    ),
                ]
            )
        )

    def _cqc_warn(self, activity_xmlid, summary):
        """An activity of type ``activity_xmlid`` for the lead officer of each
        active contract with these providers, titled ``summary(location)``,
        and a fresh RAG status for those contracts."""
        contracts = self._cqc_active_contracts()
        activity_type = self.env.ref(activity_xmlid)
        requests = []
        for contract in contracts:
            for location in self.filtered(
                lambda p, c=contract: p.commercial_partner_id
                == c.partner_id.commercial_partner_id
            ):
                requests.append(
                    {
                        "record": contract,
                        "activity_type": activity_type,
                        "user": contract.lead_officer_id,
                        "summary": summary(location),
                    }
                )
        self.env["mail.activity"]._hcc_schedule(requests)
        contracts._hcc_refresh_rag_later()

    @api.model
    def _cron_cqc_sync(self):
        """Daily: refresh each location once a day; a location tried today
        (successfully or not) is left alone until tomorrow. A call asks for
        ``CQC_BATCH_SIZE`` locations, or those it reached in
        ``CQC_CALL_SECONDS``; Odoo calls again while some are left."""
        today = fields.Date.context_today(self)
        domain = [
            ("cqc_location_id", "!=", False),
            "|",
            ("cqc_last_attempt", "=", False),
            ("cqc_last_attempt", "<", today),
        ]
        size = min(CQC_BATCH_SIZE, self.env["hcc.scheduler"]._cron_batch_size())
        partners = self.search(domain, order="id", limit=size + 1)
        batch = partners[:size]
        results = batch._cqc_fetch(seconds=CQC_CALL_SECONDS)
        reached = batch.filtered(lambda partner: partner.id in results)
        reached._cqc_store(results)
        remaining = self.search_count(domain) if len(partners) > len(reached) else 0
        self.env["ir.cron"]._notify_progress(done=len(reached), remaining=remaining)
