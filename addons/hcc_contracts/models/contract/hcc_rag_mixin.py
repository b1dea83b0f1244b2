from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools.sql import create_index

# the RAG status of a live contract is re-read at least this often
RAG_RECHECK_DAYS = 28
# the fields the refresh writes
RAG_FIELDS = ("rag_status", "rag_reasons", "rag_recheck_date")
# ``cr.precommit.data`` key: ids of the contracts whose evidence changed
RAG_PENDING = "hcc_contracts.rag_pending"


class HccRagMixin(models.AbstractModel):
    """The RAG status of a contract: red, amber or green from the documented
    evidence, with its reasons and the date of its next check.

    Features add evidence with ``_get_rag_evidence`` and the dates on which it
    changes by itself with ``_get_rag_recheck_dates``. A change of evidence
    does not refresh the status at once: ``_hcc_refresh_rag_later`` notes the
    contracts, and the refresh runs once per transaction for all of them, in a
    pre-commit hook (as ``mail.thread`` posts its tracking). Whatever reads
    the status before then (a search, a group-by, a read of the field) gets it
    refreshed first, through ``flush_model``: the stored values are never
    seen stale. The daily cron re-reads the contracts whose re-check date
    has come.

    Made for ``hcc.contract``: it reads the contract's ``state`` and posts the
    status's changes in its chatter."""

    _name = "hcc.rag.mixin"
    _description = "RAG Status of a Contract"

    # red first: grouped by status (the home screens), the contracts that
    # need attention come first, and every status shows, empty or not
    rag_status = fields.Selection(
        [("red", "Red"), ("amber", "Amber"), ("green", "Green")],
        group_expand=True,
        string="RAG Status",
        default="green",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Red, amber or green from the documented evidence on the contract; "
        "the reasons are listed beside it. Refreshed every day and whenever the "
        "evidence changes.",
    )
    # tracked with the status: the chatter says why it changed (a change of
    # the reasons alone is not logged, ``_update_rag``)
    rag_reasons = fields.Text(
        string="RAG Reasons", readonly=True, copy=False, tracking=True
    )
    rag_recheck_date = fields.Date(
        string="RAG Re-check Date",
        readonly=True,
        copy=False,
        index=True,
        help="The next date on which the evidence of the RAG status can change "
        "with the date alone (a return falling late, a remedy period ending); "
        "the daily refresh looks only at contracts whose date has come.",
    )

    # the kinds of evidence that count: all of them (None), or a tuple of
    # sources. A class attribute, so that no caller can change it (a context
    # could be written by any RPC client): only the tests of a feature set it,
    # to look at their own evidence alone.
    _hcc_rag_sources = None

    def init(self):
        res = super().init()
        if self._abstract:
            # the mixin has no table: the index is on the model that uses it
            return res
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

    def action_refresh_rag(self):
        """Work the RAG status out again now. It writes the status and posts
        its change on the contract: for those who may change the contract."""
        self.check_access("write")
        self._update_rag()
        return True

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------
    def _get_rag_evidence(self):
        """Extension point of the RAG status: return ``{contract id: [(level,
        reason), ...]}`` for the contracts of ``self``, where level is "amber" or
        "red" and reason a translated sentence naming the cause. Overrides call
        super(), then add their own evidence computed for all contracts at once
        (a ``_read_group``, not a query per contract)."""
        return {contract.id: [] for contract in self}

    def _rag_source_enabled(self, source):
        """Whether the evidence of ``source`` ("meetings", "performance",
        "budget", "notices", "reviews", ...) counts: always, but in the tests
        of a feature that look at one kind of evidence alone."""
        return self._hcc_rag_sources is None or source in self._hcc_rag_sources

    def _get_rag_recheck_dates(self):
        """Extension point beside ``_get_rag_evidence``: return ``{contract id:
        date}``, the first date after today on which the evidence of each
        contract of ``self`` can change without any record changing (a due
        date passing). Overrides call super() and lower the dates with
        ``_rag_recheck_before``. The base asks for a check every four weeks
        all the same, as a safety net."""
        safety = fields.Date.context_today(self) + relativedelta(days=RAG_RECHECK_DAYS)
        return {contract.id: safety for contract in self}

    def _rag_recheck_before(self, dates, contract_id, day):
        """Bring the re-check date of a contract forward to ``day`` when it is
        after today and earlier than the date already planned."""
        if day and day > fields.Date.context_today(self) and contract_id in dates:
            dates[contract_id] = min(dates[contract_id], day)

    # ------------------------------------------------------------------
    # Refresh: once per transaction
    # ------------------------------------------------------------------
    def _hcc_refresh_rag_later(self):
        """The evidence of these contracts changed: refresh their status once,
        before the transaction commits or as soon as something reads it. The
        status is derived data: it is refreshed as superuser, whoever changed
        the evidence."""
        ids = self._origin.ids
        if not ids:
            return
        data = self.env.cr.precommit.data
        if RAG_PENDING not in data:
            data[RAG_PENDING] = set()
            self.env.cr.precommit.add(self.browse().sudo()._hcc_flush_rag)
        data[RAG_PENDING].update(ids)
        # the next read of the status fetches it, and so refreshes it first
        self.browse(ids).invalidate_recordset(RAG_FIELDS)

    def _hcc_flush_rag(self):
        """Refresh the status of the contracts noted by
        ``_hcc_refresh_rag_later`` (all of them, whatever ``self``)."""
        ids = self.env.cr.precommit.data.pop(RAG_PENDING, None)
        if not ids:
            return
        contracts = self.sudo().browse(sorted(ids)).exists()
        contracts._update_rag()
        # a pre-commit hook runs after the last flush of the ORM
        self.env.flush_all()

    @api.private
    def flush_model(self, fnames=None):
        # what searches or groups by the status gets it fresh
        if (
            fnames is not None
            and RAG_PENDING in self.env.cr.precommit.data
            and not set(RAG_FIELDS).isdisjoint(fnames)
        ):
            self._hcc_flush_rag()
        return super().flush_model(fnames)

    def _fetch_query(self, query, fields):
        # what reads the status (a field, ``read``, the web client) gets it
        # fresh: the values of the contracts noted were taken out of the cache
        if RAG_PENDING in self.env.cr.precommit.data and any(
            field.name in RAG_FIELDS for field in fields
        ):
            self._hcc_flush_rag()
        return super()._fetch_query(query, fields)

    def _update_rag(self):
        """Store the RAG status, its reasons and the date of the next check of
        live contracts; ended and draft contracts are green with no reasons.
        Writes only what changed, now (``_hcc_refresh_rag_later`` defers it to
        the end of the transaction)."""
        live = self.filtered(lambda c: c.state == "active")
        evidence = live._get_rag_evidence() if live else {}
        recheck = live._get_rag_recheck_dates() if live else {}
        by_values = {}
        for contract in self:
            reasons = evidence.get(contract.id, [])
            levels = {level for level, _reason in reasons}
            status = "red" if "red" in levels else "amber" if levels else "green"
            text = "\n".join(reason for _level, reason in reasons) or False
            values = (status, text, recheck.get(contract.id, False))
            current = (
                contract.rag_status,
                contract.rag_reasons or False,
                contract.rag_recheck_date,
            )
            if current != values:
                flips = status != contract.rag_status
                by_values.setdefault((flips, *values), []).append(contract.id)
        # the status is computed from the evidence, never typed by a user: whoever
        # changed the evidence (a provider's return, Finance's budget) refreshes it
        for (flips, status, text, day), ids in by_values.items():
            contracts = self.browse(ids).sudo()
            if flips:
                contracts._hcc_track_as_system()
            else:
                # the same status for other reasons: no message in the chatter
                contracts = contracts.with_context(mail_notrack=True)
            contracts.write(
                {"rag_status": status, "rag_reasons": text, "rag_recheck_date": day}
            )

    def _hcc_track_as_system(self):
        """The chatter names the system (OdooBot), not the user whose change
        refreshed it, as the author of a change of the RAG status: the status
        is derived from the evidence. Changes of these contracts tracked
        earlier in the transaction are posted first, under their author."""
        pending = self.env.cr.precommit.data.get(f"mail.tracking.{self._name}", {})
        if any(pending.get(contract_id) for contract_id in self.ids):
            self.env.flush_all()
            self._track_finalize()
        self._track_set_author(self.env.ref("base.partner_root"))

    @api.model
    def _cron_update_rag(self):
        """Daily: evidence that depends on the date (a return becoming late, an
        action overdue) changes the RAG status without any record changing.
        Only the contracts whose re-check date has come are read (changes of
        the evidence itself refresh the status in their transaction)."""
        today = fields.Date.context_today(self)
        # "in" rather than "!=", which would also match NULL: both halves of
        # the search then use an index (see ``init``)
        ended = [
            state
            for state, _label in self._fields["state"].selection
            if state != "active"
        ]
        domain = [
            "|",
            "&",
            ("state", "=", "active"),
            "|",
            ("rag_recheck_date", "=", False),
            ("rag_recheck_date", "<=", today),
            "&",
            ("state", "in", ended),
            ("rag_status", "in", ("amber", "red")),
        ]
        scheduler = self.env["hcc.scheduler"]
        scheduler._run_steps(
            [scheduler._step(self, domain, lambda batch: batch._hcc_rag_check())]
        )

    def _hcc_rag_check(self):
        """The daily check of the contracts whose re-check date has come:
        their status is refreshed. A feature adds what the date alone brings
        about (the meetings feature: corrective actions for low utilisation)."""
        self._update_rag()
