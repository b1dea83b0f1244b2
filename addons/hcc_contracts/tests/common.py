from contextlib import contextmanager
from datetime import datetime

from freezegun import freeze_time
from freezegun.api import freeze_factories

from odoo import fields, sql_db
from odoo.tests import TransactionCase, new_test_user


def _cursor_now(cursor):
    """``Cursor.now`` for tests: the transaction's timestamp, from the clock
    ``freeze_time`` moves, as Odoo's ``TestCursor.now`` (HttpCase) takes it.

    The real cursor asks the database (``SELECT now()``), so under
    ``freeze_time`` a record would be created at the real date while its
    dates are typed in the frozen one, and the rule that a date stated for an
    event cannot precede the record (tools/event_dates.py) could not be
    tested. A test class runs in one transaction: the timestamp is kept, as
    the original keeps it, until the frozen clock changes."""
    frozen = freeze_factories[-1] if freeze_factories else None
    if cursor._now is None or getattr(cursor, "_hcc_now_frozen", None) is not frozen:
        cursor._now = datetime.now()
        cursor._hcc_now_frozen = frozen
    return cursor._now


@contextmanager
def on_earliest(*days):
    """Run the block on the earliest of ``days`` (dates or "YYYY-MM-DD",
    empty ones ignored) when it is before today, at the clock the test froze
    or the real one; otherwise today. A record is created before the events
    it records (tools/event_dates.py): a test that types the dates of past
    events creates the record on or before them."""
    stated = [fields.Date.to_date(day) for day in days if day]
    earliest = min(stated, default=None)
    if earliest and earliest < datetime.now().date():
        with freeze_time(f"{earliest} 09:00:00"):
            yield
    else:
        yield


def create_before_events(model, vals, names):
    """Create a record of ``model`` from ``vals`` on the earliest of the dates
    of past events ``names`` it states, as a user drafts a notice before
    serving it (tools/event_dates.py): the later dates are written once the
    block is over, at the test's clock."""
    days = {name: fields.Date.to_date(vals[name]) for name in names if vals.get(name)}
    earliest = min(days.values(), default=None)
    later = {name: vals[name] for name, day in days.items() if day != earliest}
    with on_earliest(earliest):
        record = model.create({k: v for k, v in vals.items() if k not in later})
    if later:
        record.write(later)
    return record


class HccContractsCase(TransactionCase):
    """Builds its own world, never relying on demo data: two localities, a
    provider, and one user for each role of the procedure."""

    # the RAG evidence a test class looks at (all when None): a feature's RAG
    # tests name their own source so that other evidence does not interfere
    rag_sources = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # records are created at the clock freeze_time moves (``_cursor_now``)
        cls.classPatch(sql_db.Cursor, "now", _cursor_now)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        if cls.rag_sources:
            cls.classPatch(
                type(cls.env["hcc.contract"]), "_hcc_rag_sources", cls.rag_sources
            )
        cls.company = cls.env.company
        cls.locality_north = cls.env["hcc.locality"].create({"name": "Test North"})
        cls.locality_south = cls.env["hcc.locality"].create({"name": "Test South"})
        cls.care_group = cls.env["hcc.care.group"].create({"name": "Test Older People"})
        cls.service_type = cls.env["hcc.service.type"].create({"name": "Test Day Care"})
        cls.provider = cls.env["res.partner"].create(
            {"name": "Test Provider Ltd", "is_company": True}
        )
        cls.gbp = cls.env.ref("base.GBP")

        def user(login, group, localities=None):
            new = new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,hcc_contracts.{group}",
                name=login.replace("_", " ").title(),
                # each officer's preferences, as the README asks a council
                lang="en_GB",
                tz="Europe/London",
            )
            if localities:
                new.hcc_locality_ids = localities
            return new

        cls.user_sm = user("hcc_sm", "group_service_manager", cls.locality_north)
        cls.user_sm_other = user(
            "hcc_sm_other", "group_service_manager", cls.locality_north
        )
        cls.user_sm_south = user(
            "hcc_sm_south", "group_service_manager", cls.locality_south
        )
        cls.user_cso = user("hcc_cso", "group_support_officer", cls.locality_north)
        cls.user_cm = user("hcc_cm", "group_county_manager")
        cls.user_finance = user("hcc_finance", "group_finance")
        cls.user_viewer = user("hcc_viewer", "group_viewer")
        cls.user_admin = user("hcc_admin", "group_administrator")
        cls.user_legal = user("hcc_legal", "group_legal_services")

    @classmethod
    def _create_provider_portal_user(cls, login, provider=None):
        """A portal user among the contacts of ``provider`` (the test's)."""
        user = new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            name="Provider Portal User",
        )
        user.partner_id.parent_id = provider or cls.provider
        return user

    def flush_tracking(self):
        """Tracking values are written when the transaction commits: run that
        step now, as a real request would at its end."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    @classmethod
    def _contract_vals(cls, **overrides):
        vals = {
            "title": "Day care block contract",
            "partner_id": cls.provider.id,
            "lead_officer_id": cls.user_sm.id,
            "representative_id": cls.user_sm.id,
            "support_officer_id": cls.user_cso.id,
            "locality_id": cls.locality_north.id,
            "care_group_id": cls.care_group.id,
            "service_type_id": cls.service_type.id,
            "date_start": "2026-04-01",
            "date_end": "2029-03-31",
            "annual_value": 120000.0,
            "payment_basis": "block",
            "commissioned_volume": 6000.0,
            "spec_scope": "<p>Day care for older people in the north.</p>",
            # most tests follow provider returns (8.1's minority); those of the
            # case-management system's data set "case_system", the default
            "activity_source": "provider_returns",
        }
        vals.update(overrides)
        return vals

    @classmethod
    def _create_contract(cls, user=None, **overrides):
        env = cls.env(user=user) if user else cls.env
        return env["hcc.contract"].create(cls._contract_vals(**overrides))

    @contextmanager
    def assertRaisesMessage(self, exception, text):
        """``assertRaises`` (the failed call runs in a savepoint rolled back
        on the error, so the test can then check that nothing changed), and
        the message must contain ``text``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))
