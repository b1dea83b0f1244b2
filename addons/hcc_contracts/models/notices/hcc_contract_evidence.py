from odoo import _, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

EVIDENCE_KINDS = [
    ("improvement_notice", "Improvement notice served"),
    ("default_notice", "Default notice served"),
    ("notice_remedied", "Notice remedied"),
    ("notice_escalated", "Notice escalated"),
    ("notice_withdrawn", "Notice withdrawn"),
    ("revision", "Contract revision"),
    ("termination", "Early termination"),
    ("meeting", "Monitoring meeting held"),
    ("action", "Issue notified to the provider"),
    ("action_done", "Issue resolved"),
    ("return_late", "Data return late"),
    ("return_received", "Data return received"),
    ("complaint", "Complaint"),
    ("compliment", "Compliment"),
]


def _html_summary(column):
    """The first 200 characters of the text of an html column."""
    return SQL(
        "left(trim(regexp_replace(%s, '<[^>]*>', ' ', 'g')), 200)::varchar", column
    )


class HccContractEvidence(models.Model):
    """The evidence trail of a contract (procedure 9.4): every dated event of
    its management, in date order, with when the provider was told.

    A read-only SQL view: the union of the queries returned by
    ``_evidence_sources()``. Features add their own events (meetings,
    actions, data returns, complaints) by extending ``_evidence_sources()``
    and ``kind`` (``selection_add``), and declare the columns they read in
    ``_depends`` so that pending changes are flushed before the view is read."""

    _name = "hcc.contract.evidence"
    _description = "Contract Evidence Trail"
    _auto = False
    _order = "date, id"
    _rec_name = "name"
    _depends = {
        "hcc.contract.notice": [
            "contract_id",
            "company_id",
            "notice_type",
            "state",
            "name",
            "failings",
            "date_served",
            "date_closed",
            "outcome_note",
            "date_provider_informed_closed",
        ],
        "hcc.contract.revision": [
            "contract_id",
            "company_id",
            "state",
            "name",
            "title",
            "date_effective",
            "date_applied",
            "date_provider_informed",
        ],
        "hcc.contract.meeting": [
            "contract_id",
            "company_id",
            "state",
            "name",
            "date",
            "minutes",
            "date_minutes_circulated",
        ],
        "hcc.contract.action": [
            "contract_id",
            "company_id",
            "state",
            "name",
            "responsible",
            "date_notified",
            "date_due",
            "date_done",
        ],
        "hcc.data.return": [
            "contract_id",
            "company_id",
            "state",
            "name",
            "date_due",
            "date_received",
            "is_late",
        ],
        "hcc.contract.complaint": [
            "contract_id",
            "company_id",
            "complaint_type",
            "date_received",
            "active",
        ],
        "hcc.contract": [
            "company_id",
            "state",
            "name",
            "termination_date",
            "termination_reason",
            "termination_provider_informed_date",
        ],
    }

    contract_id = fields.Many2one("hcc.contract", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(readonly=True)
    kind = fields.Selection(EVIDENCE_KINDS, readonly=True)
    name = fields.Char(string="Reference", readonly=True)
    summary = fields.Char(readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", readonly=True
    )
    notified_to_provider_date = fields.Date(
        string="Provider Informed On", readonly=True
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # created once every model of the registry has its table, whatever the
        # order in which the features that extend the sources are loaded
        self.pool.post_init(self._create_view)

    def _create_view(self):
        # Each source gives at most one row per record, so the record id and
        # the position of the source make a stable id. A row_number() over
        # the whole union would stop PostgreSQL from pushing a filter such as
        # contract_id = 42 into each source: every event of the county was
        # read to show (or count) the trail of one contract.
        sources = self._evidence_sources()
        union = SQL(" UNION ALL ").join(
            SQL(
                "(SELECT src.res_id * %s + %s AS id, src.* FROM (%s) AS src)",
                len(sources),
                index,
                source,
            )
            for index, source in enumerate(sources)
        )
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT ev.*
                      FROM (%(union)s) AS ev
                     WHERE ev.date IS NOT NULL
                )""",
                table=SQL.identifier(self._table),
                union=union,
            )
        )

    def _evidence_sources(self):
        """Return a list of ``SQL`` queries, each selecting the columns
        contract_id, company_id, date, kind, name, summary, res_model, res_id,
        notified_to_provider_date, in that order and with those types
        (integer, integer, date, varchar, varchar, varchar, varchar, integer,
        date). Overrides call super() and append theirs."""
        return [
            # a notice served: serving it informs the provider
            SQL(
                """SELECT n.contract_id, n.company_id, n.date_served AS date,
                          (n.notice_type || '_notice')::varchar AS kind,
                          n.name::varchar AS name,
                          %(failings)s AS summary,
                          'hcc.contract.notice'::varchar AS res_model,
                          n.id AS res_id,
                          n.date_served AS notified_to_provider_date
                     FROM hcc_contract_notice n
                    WHERE n.date_served IS NOT NULL""",
                failings=_html_summary(SQL.identifier("n", "failings")),
            ),
            # its outcome
            SQL(
                """SELECT n.contract_id, n.company_id, n.date_closed AS date,
                          ('notice_' || n.state)::varchar AS kind,
                          n.name::varchar AS name,
                          left(n.outcome_note, 200)::varchar AS summary,
                          'hcc.contract.notice'::varchar AS res_model,
                          n.id AS res_id,
                          n.date_provider_informed_closed
                              AS notified_to_provider_date
                     FROM hcc_contract_notice n
                    WHERE n.date_served IS NOT NULL
                      AND n.state IN ('remedied', 'escalated', 'withdrawn')"""
            ),
            # a revision agreed and applied, dated when it takes effect
            SQL(
                """SELECT r.contract_id, r.company_id,
                          COALESCE(r.date_effective, r.date_applied) AS date,
                          'revision'::varchar AS kind,
                          r.name::varchar AS name,
                          r.title::varchar AS summary,
                          'hcc.contract.revision'::varchar AS res_model,
                          r.id AS res_id,
                          r.date_provider_informed AS notified_to_provider_date
                     FROM hcc_contract_revision r
                    WHERE r.state = 'applied'"""
            ),
            SQL(
                """SELECT c.id AS contract_id, c.company_id,
                          c.termination_date AS date,
                          'termination'::varchar AS kind,
                          c.name::varchar AS name,
                          %(reason)s AS summary,
                          'hcc.contract'::varchar AS res_model,
                          c.id AS res_id,
                          c.termination_provider_informed_date
                              AS notified_to_provider_date
                     FROM hcc_contract c
                    WHERE c.state = 'terminated'""",
                reason=_html_summary(SQL.identifier("c", "termination_reason")),
            ),
            *self._monitoring_sources(),
        ]

    def _monitoring_sources(self):
        """Meetings held, issues raised with the provider and resolved, late
        and received data returns, complaints and compliments (7.2, 7.6, 8)."""
        return [
            # a meeting held: the provider took part; its minutes went out later
            SQL(
                """SELECT m.contract_id, m.company_id, m.date::date AS date,
                          'meeting'::varchar AS kind,
                          m.name::varchar AS name,
                          %(minutes)s AS summary,
                          'hcc.contract.meeting'::varchar AS res_model,
                          m.id AS res_id,
                          m.date_minutes_circulated::date
                              AS notified_to_provider_date
                     FROM hcc_contract_meeting m
                    WHERE m.state IN ('held', 'minutes_circulated')""",
                minutes=_html_summary(SQL.identifier("m", "minutes")),
            ),
            # an issue raised with the provider, dated when they were told
            SQL(
                """SELECT a.contract_id, a.company_id, a.date_notified AS date,
                          'action'::varchar AS kind,
                          a.name::varchar AS name,
                          ('Due ' || to_char(a.date_due, 'DD/MM/YYYY'))::varchar
                              AS summary,
                          'hcc.contract.action'::varchar AS res_model,
                          a.id AS res_id,
                          a.date_notified AS notified_to_provider_date
                     FROM hcc_contract_action a
                    WHERE a.state != 'cancelled'"""
            ),
            SQL(
                """SELECT a.contract_id, a.company_id, a.date_done AS date,
                          'action_done'::varchar AS kind,
                          a.name::varchar AS name,
                          (CASE WHEN a.date_done <= a.date_due THEN 'On time'
                                ELSE 'Late' END)::varchar AS summary,
                          'hcc.contract.action'::varchar AS res_model,
                          a.id AS res_id,
                          NULL::date AS notified_to_provider_date
                     FROM hcc_contract_action a
                    WHERE a.state = 'done'"""
            ),
            # a return that was due and did not come, or came in
            SQL(
                """SELECT r.contract_id, r.company_id, r.date_due AS date,
                          'return_late'::varchar AS kind,
                          r.name::varchar AS name,
                          NULL::varchar AS summary,
                          'hcc.data.return'::varchar AS res_model,
                          r.id AS res_id,
                          NULL::date AS notified_to_provider_date
                     FROM hcc_data_return r
                    WHERE r.state != 'cancelled'
                      AND (r.is_late OR r.date_received > r.date_due)"""
            ),
            SQL(
                """SELECT r.contract_id, r.company_id, r.date_received AS date,
                          'return_received'::varchar AS kind,
                          r.name::varchar AS name,
                          r.state::varchar AS summary,
                          'hcc.data.return'::varchar AS res_model,
                          r.id AS res_id,
                          NULL::date AS notified_to_provider_date
                     FROM hcc_data_return r
                    WHERE r.date_received IS NOT NULL
                      AND r.state != 'cancelled'"""
            ),
            SQL(
                """SELECT c.contract_id, c.company_id, c.date_received AS date,
                          c.complaint_type::varchar AS kind,
                          -- the summary may speak of a service user: the
                          -- trail, read by every role, names the record only
                          ('#' || c.id)::varchar AS name,
                          NULL::varchar AS summary,
                          'hcc.contract.complaint'::varchar AS res_model,
                          c.id AS res_id,
                          NULL::date AS notified_to_provider_date
                     FROM hcc_contract_complaint c
                    WHERE c.active"""
            ),
        ]

    def action_open_source(self):
        """Open the document behind a line of the trail, as the current user
        (their access rights apply)."""
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env:
            raise UserError(_("This line of the evidence trail has no document."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(_("The document %(ref)s no longer exists.", ref=self.name))
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
