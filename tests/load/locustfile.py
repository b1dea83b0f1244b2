"""A county's working day, for Locust (run by tests/load/run_load.py).

Staff work through their daily screens over JSON-RPC exactly as the web
client asks (``/web/dataset/call_kw`` with ``web_search_read``,
``web_read``, ``web_read_group``, ``get_views``); providers submit their data
returns and survey results through the portal forms. Every submission the
server acknowledges (the redirection to ``?submitted=1``) is appended to the
file named by ``HCC_LOAD_ACKS`` for the reconciliation.

Environment: ``HCC_LOAD_DATA`` (the JSON written by seed.py),
``HCC_LOAD_DB``, ``HCC_LOAD_ACKS`` and ``HCC_LOAD_ERRORS`` (every failed
request, timed, to tell what users saw during each fault).
"""

import itertools
import json
import os
import random
import re
import threading
import time

from locust import HttpUser, between, events, task

DATA = json.loads(open(os.environ["HCC_LOAD_DATA"], encoding="utf-8").read())
ACKS = os.environ.get("HCC_LOAD_ACKS", "load_acks.jsonl")
ERRORS = os.environ.get("HCC_LOAD_ERRORS", "load_errors.jsonl")
DB = os.environ.get("HCC_LOAD_DB", "hcc_load")
_ack_lock = threading.Lock()
_logins = {role: itertools.cycle(logins) for role, logins in DATA["logins"].items()}

CONTRACT_LIST = {
    "name": {},
    "title": {},
    "partner_id": {"fields": {"display_name": {}}},
    "locality_id": {"fields": {"display_name": {}}},
    "lead_officer_id": {"fields": {"display_name": {}}},
    "state": {},
    "rag_status": {},
    "date_start": {},
    "date_end": {},
    "annual_value": {},
    "currency_id": {"fields": {}},
    "activity_state": {},
    "activity_summary": {},
    "activity_type_id": {"fields": {"display_name": {}}},
}
ROWS = {"fields": {"display_name": {}}, "limit": 40, "order": ""}
# the lists the contract form reads with it; meetings, returns, reviews and
# value for money open from buttons and are read on their own screens
CONTRACT_FORM = dict(
    CONTRACT_LIST,
    rag_reasons={},
    total_value={},
    review_due_date={},
    next_meeting_due_date={},
    support_officer_id={"fields": {"display_name": {}}},
    representative_id={"fields": {"display_name": {}}},
    indicator_ids=ROWS,
    budget_ids=ROWS,
    document_ids=ROWS,
    message_follower_ids={"fields": {}},
)
RETURN_LIST = {
    "name": {},
    "contract_id": {"fields": {"display_name": {}}},
    "partner_id": {"fields": {"display_name": {}}},
    "date_due": {},
    "state": {},
    "is_late": {},
    "units_delivered": {},
}
ACTION_LIST = {
    "name": {},
    "contract_id": {"fields": {"display_name": {}}},
    "date_due": {},
    "state": {},
    "is_overdue": {},
}


def record_ack(kind, record_id):
    with _ack_lock, open(ACKS, "a", encoding="utf-8") as out:
        out.write(json.dumps({"kind": kind, "id": record_id}) + "\n")


@events.request.add_listener
def record_error(name, exception, response=None, **_kwargs):
    if exception is None:
        return
    status = getattr(response, "status_code", 0) or 0
    with _ack_lock, open(ERRORS, "a", encoding="utf-8") as out:
        out.write(
            json.dumps(
                {
                    "t": time.time(),
                    "name": name,
                    "status": status,
                    "error": str(exception)[:200],
                }
            )
            + "\n"
        )


class Staff(HttpUser):
    """A member of staff logged in to the web client."""

    abstract = True
    role = None
    wait_time = between(2, 6)

    def on_start(self):
        self.login = next(_logins[self.role])
        self.rpc_id = itertools.count()
        self.uid = False
        self.authenticate()

    def authenticate(self):
        """Sign in, as the web client's login page does. A user whose login
        failed or whose session was lost (a request cut by a fault) signs in
        again on their next screen, as the web client sends them back to the
        login page."""
        session = self.client.post(
            "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {
                    "db": DB,
                    "login": self.login,
                    "password": DATA["password"],
                },
            },
            name="login",
        )
        try:
            self.uid = session.json()["result"]["uid"]
        except (ValueError, KeyError, TypeError):
            self.uid = False
            return
        self.call("hcc.contract", "get_views", [[[False, "list"], [False, "form"]]])

    def call(self, model, method, args=(), name=None, **kwargs):
        if not self.uid:
            self.authenticate()
            if not self.uid:
                return None
        with self.client.post(
            f"/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "id": next(self.rpc_id),
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": {"context": {"lang": "en_GB"}, **kwargs},
                },
            },
            name=name or f"{model}.{method}",
            catch_response=True,
        ) as response:
            try:
                body = response.json()
            except ValueError:
                response.failure(f"HTTP {response.status_code}, not JSON")
                return None
            if "error" in body:
                error = body["error"].get("data", {}).get("name", "error")
                response.failure(error)
                if error == "odoo.http.SessionExpiredException":
                    self.uid = False
                return None
            return body["result"]

    def contract_list(self, domain=(), name="contracts list"):
        result = self.call(
            "hcc.contract",
            "web_search_read",
            name=name,
            domain=list(domain),
            specification=CONTRACT_LIST,
            offset=0,
            limit=80,
            order="",
            count_limit=10001,
        )
        return [row["id"] for row in (result or {}).get("records", [])]

    def list_rows(self, model, name, domain, specification):
        return self.call(
            model,
            "web_search_read",
            name=name,
            domain=domain,
            specification=specification,
            limit=80,
            count_limit=10001,
        )

    def read_group(self, name, domain, fields, groupby):
        return self.call(
            "hcc.contract",
            "web_read_group",
            name=name,
            domain=domain,
            fields=fields,
            groupby=groupby,
            lazy=False,
        )

    def contract_form(self, ids):
        if ids:
            self.call(
                "hcc.contract",
                "web_read",
                [[random.choice(ids)]],
                name="contract form",
                specification=CONTRACT_FORM,
            )

    def my_activities(self):
        self.list_rows(
            "mail.activity",
            "activities",
            [("user_id", "=", self.uid)],
            {
                "res_name": {},
                "summary": {},
                "date_deadline": {},
                "activity_type_id": {"fields": {"display_name": {}}},
            },
        )


class ServiceManager(Staff):
    role = "service_manager"
    weight = 8

    @task(4)
    def my_contracts(self):
        ids = self.contract_list([("state", "=", "active")])
        self.contract_form(ids)

    @task(2)
    def returns_to_check(self):
        self.list_rows(
            "hcc.data.return",
            "returns list",
            [("state", "in", ("received", "expected"))],
            RETURN_LIST,
        )

    @task(1)
    def overdue_actions(self):
        self.list_rows(
            "hcc.contract.action", "actions list", [("state", "=", "open")], ACTION_LIST
        )

    @task(1)
    def activities(self):
        self.my_activities()


class SupportOfficer(ServiceManager):
    role = "support_officer"
    weight = 3

    @task(2)
    def red_and_amber(self):
        self.contract_list([("rag_status", "in", ("red", "amber"))], "rag list")


class CountyManager(Staff):
    role = "county_manager"
    weight = 1

    @task(3)
    def by_locality(self):
        self.read_group(
            "contracts by locality",
            [("state", "=", "active")],
            ["annual_value:sum"],
            ["locality_id", "rag_status"],
        )

    @task(2)
    def red_contracts(self):
        ids = self.contract_list([("rag_status", "=", "red")], "rag list")
        self.contract_form(ids)

    @task(1)
    def activities(self):
        self.my_activities()


class Finance(Staff):
    role = "finance"
    weight = 2

    @task(3)
    def values(self):
        self.read_group(
            "values by care group",
            [],
            ["annual_value:sum", "total_value:sum"],
            ["care_group_id", "payment_basis"],
        )

    @task(2)
    def contracts(self):
        ids = self.contract_list([("payment_basis", "=", "block")])
        self.contract_form(ids)


class Provider(HttpUser):
    """A provider's contact on the portal: reads its contracts, submits its
    returns and survey results (each exactly once)."""

    weight = 6
    wait_time = between(3, 8)
    token_re = re.compile(r'name="csrf_token" value="([^"]+)"')

    def on_start(self):
        self.login = next(_logins["provider"])
        work = DATA["work"][self.login]
        self.returns = list(work["returns"])
        self.surveys = list(work["surveys"])
        self.contracts = work["contracts"]
        random.shuffle(self.returns)
        self.portal_login()

    def portal_login(self):
        page = self.client.get("/web/login", name="portal login page")
        self.client.post(
            "/web/login",
            data={
                "login": self.login,
                "password": DATA["password"],
                "csrf_token": self._token(page),
                "redirect": "/my/contracts",
            },
            name="portal login",
        )

    def signed_out(self, response):
        """The portal sent the provider to the login page (a failed login, or
        a session lost to a fault): they sign in again, as a person would."""
        if "/web/login" in (response.url or ""):
            self.portal_login()
            return True
        return False

    def _token(self, response):
        match = self.token_re.search(response.text or "")
        return match.group(1) if match else ""

    @task(3)
    def read_contracts(self):
        if self.signed_out(self.client.get("/my/contracts", name="portal contracts")):
            return
        if self.contracts:
            self.client.get(
                f"/my/contracts/{random.choice(self.contracts)}",
                name="portal contract",
            )

    def _submit(self, kind, todo, data, files=None):
        """Submit the last record of ``todo`` (returns or surveys) through its
        portal form; an acknowledged submission is recorded, and the record
        leaves ``todo`` once submitted (by this try or an earlier one whose
        answer a fault cut)."""
        if not todo:
            return
        record_id = todo[-1]
        url = f"/my/contracts/{kind}s/{record_id}"
        page = self.client.get(url, name=f"portal {kind} form")
        if page.status_code != 200 or self.signed_out(page):
            return
        if kind == "return":
            # the figures are checked and shown for review, then confirmed
            with self.client.post(
                url,
                data={"csrf_token": self._token(page), "step": "review", **data},
                name="portal return review",
                catch_response=True,
            ) as page:
                if page.status_code != 200 or self.signed_out(page):
                    return
                if "o_hcc_confirm_return" not in page.text:
                    # the figures were refused: a failure of the script's
                    # data or of the portal, never a silent skip
                    page.failure("return review refused")
                    return
            data = {**data, "step": "confirm"}
        with self.client.post(
            url,
            data={"csrf_token": self._token(page), **data},
            files=files,
            name=f"portal {kind} submit",
            catch_response=True,
        ) as response:
            if response.status_code == 200 and "submitted=1" in response.url:
                record_ack(kind, record_id)
                todo.pop()
            elif "already been submitted" in (response.text or ""):
                todo.pop()
                response.success()
            elif response.status_code == 200:
                response.failure(f"{kind} refused")

    @task(2)
    def submit_return(self):
        self._submit(
            "return",
            self.returns,
            {
                "nature_of_service": "Day care, five days a week",
                # every figure a specification may require in each return
                "age_range_min": "18",
                "age_range_max": "95",
                "assessments_done": "6",
                "reviews_done": "9",
                "people_served": "41",
                "statements_issued": "41",
                "units_delivered": "231.5",
            },
        )

    @task(1)
    def submit_survey(self):
        self._submit(
            "survey",
            self.surveys,
            {"respondents": "38", "satisfied_percent": "87.5"},
            {"results_file": ("results.csv", b"question,score\nq1,4\n", "text/csv")},
        )
