"""Take the README screenshots from a running Odoo with the demo data.

Logs in as the demo users (password = login, see
addons/hcc_contracts/demo/res_users_demo.xml), opens each page in headless
Chromium through the DevTools protocol and saves a PNG under docs/, and each
role's home screen (what /odoo opens for them) at 1366 x 768 under
docs/screenshots/:

    python3 /opt/odoo18/odoo-bin -d hcc_demo -i hcc_contracts,hcc_contracts_reports \\
        --addons-path=... --stop-after-init            # demo data on
    python3 /opt/odoo18/odoo-bin -d hcc_demo --addons-path=... \\
        --http-interface=127.0.0.1 --http-port=8069 &
    python3 tests/screenshots.py --url http://127.0.0.1:8069 --db hcc_demo

Needs requests and websocket-client (both installed with Odoo's test tools)
and a Chromium or Chrome binary. Nothing here is run by tests/run.sh.
"""

import argparse
import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests
import websocket

REPO = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1440, 1000

DAYCARE = [("title", "=", "Day care block contract, Basingstoke")]
# (file name, demo login, (model, domain) of the record or None, URL path,
#  what to wait for[, (what to click, what to wait for then)]); demo users
#  cannot read XML ids, hence the domains.
SHOTS = [
    (
        "screenshot_contract_form.png",
        "sarah.mitchell",
        ("hcc.contract", DAYCARE),
        "/odoo/action-hcc_contracts.hcc_contract_action/{id}",
        ".o_form_view .o_field_widget[name=title]",
    ),
    (
        "screenshot_meeting.png",
        "sarah.mitchell",
        (
            "hcc.contract.meeting",
            [
                ("contract_id.title", "=", DAYCARE[0][2]),
                ("state", "=", "minutes_circulated"),
                ("action_ids", "!=", False),
            ],
        ),
        "/odoo/action-hcc_contracts.hcc_contract_meeting_action/{id}",
        ".o_field_widget[name=agenda_ids] .o_data_row",
    ),
    (
        "screenshot_contracts_rag.png",
        "margaret.ellis",
        None,
        "/odoo/action-hcc_contracts.hcc_contract_action_all",
        ".o_list_view .o_data_row",
    ),
    (
        "screenshot_provider_page.png",
        "margaret.ellis",
        ("hcc.provider.risk", [("level", "in", ["red", "amber"])]),
        "/odoo/action-hcc_contracts.hcc_provider_risk_action/{id}",
        ".o_field_widget[name=reasons]",
        (
            ".o_field_widget[name=partner_id] a",
            ".o_notebook .nav-link",
            "[...document.querySelectorAll('.o_notebook .nav-link')]"
            ".find(link => link.textContent.includes('Social Care Contracts'))",
            ".o_field_widget[name=hcc_concentration_html] table",
        ),
    ),
    (
        "screenshot_providers_by_risk.png",
        "margaret.ellis",
        None,
        "/odoo/action-hcc_contracts.hcc_provider_risk_action",
        ".o_kanban_record",
    ),
    (
        "screenshot_oversight_dashboard.png",
        "margaret.ellis",
        None,
        "/odoo/action-hcc_contracts_reports.hcc_compliance_dashboard_action",
        ".o_hcc_dashboard_trends table",
    ),
    (
        "screenshot_compliance_dashboard.png",
        "margaret.ellis",
        None,
        "/odoo/action-hcc_contracts_reports.hcc_compliance_report_action",
        ".o_graph_renderer canvas",
    ),
]

# each role's home screen on a 1366 x 768 laptop: (file name, demo login,
# what to wait for)
HOME_SIZE = (1366, 768)
HOME_SHOTS = [
    ("home_service_manager.png", "sarah.mitchell", ".o_kanban_record"),
    ("home_support_officer.png", "priya.shah", ".o_list_view .o_group_name"),
    ("home_finance.png", "tom.reed", ".o_list_view .o_data_row"),
    ("home_read_only.png", "alison.grant", ".o_list_view .o_data_row"),
    ("home_county_manager.png", "margaret.ellis", ".o_hcc_dashboard_standards tr"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_chrome():
    for name in (
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("No Chromium or Chrome found on the PATH.")


class Odoo:
    """A JSON-RPC session as one demo user."""

    def __init__(self, url, db, login):
        self.url = url
        self.http = requests.Session()
        result = self._rpc(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": login},
        )
        if not result.get("uid"):
            raise SystemExit(f"Cannot log in as {login} on {db}.")
        self.session_id = self.http.cookies["session_id"]

    def _rpc(self, path, params):
        response = self.http.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=60,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise SystemExit(f"{path}: {body['error']['data']['message']}")
        return body["result"]

    def find(self, model, domain):
        ids = self._rpc(
            f"/web/dataset/call_kw/{model}/search",
            {
                "model": model,
                "method": "search",
                "args": [domain],
                "kwargs": {"limit": 1, "order": "id desc"},
            },
        )
        if not ids:
            raise SystemExit(f"No demo {model} matches {domain}: is demo data loaded?")
        return ids[0]


class Chrome:
    """Just enough of the DevTools protocol to open a page and capture it."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="hcc_shots_")
        port = free_port()
        self.proc = subprocess.Popen(  # pylint: disable=consider-using-with
            [
                find_chrome(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{HEIGHT}",
                "--lang=en-GB",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(50):
            try:
                pages = requests.get(f"http://127.0.0.1:{port}/json", timeout=2).json()
                page = next(p for p in pages if p["type"] == "page")
                break
            except (requests.ConnectionError, StopIteration):
                time.sleep(0.2)
        else:
            raise SystemExit("Chromium did not start.")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def resize(self, width, height):
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise SystemExit(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def wait_for(self, url, selector):
        check = (
            f"!!document.querySelector({json.dumps(selector)}) && "
            "!document.querySelector('.o_loading_indicator, .o_blockUI')"
        )
        for _attempt in range(120):
            if self.evaluate(check):
                return
            time.sleep(0.25)
        raise SystemExit(f"{url}: {selector} never appeared.")

    def shoot(self, url, session_id, selector, target, clicks=None):
        """Open ``url``, wait for ``selector``, then follow ``clicks``: a
        link to click, what to wait for, a JavaScript expression giving the
        element to click next (a tab found by its label), what to wait for."""
        host = url.split("/")[2].split(":")[0]
        self.send("Network.enable")
        self.send("Network.clearBrowserCookies")
        self.send(
            "Network.setCookie",
            name="session_id",
            value=session_id,
            domain=host,
            path="/",
        )
        self.send("Page.navigate", url=url)
        self.wait_for(url, selector)
        if clicks:
            link, wait, element, final = clicks
            self.evaluate(f"document.querySelector({json.dumps(link)}).click()")
            self.wait_for(url, wait)
            time.sleep(0.5)
            self.evaluate(f"({element}).click()")
            self.wait_for(url, final)
        time.sleep(1.5)  # let fonts, avatars and the chatter settle
        data = self.send("Page.captureScreenshot", format="png")["data"]
        target.write_bytes(base64.b64decode(data))

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default=str(REPO / "docs"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    chrome = Chrome()
    try:
        for name, login, record, path, selector, *clicks in SHOTS:
            odoo = Odoo(args.url, args.db, login)
            record_id = odoo.find(*record) if record else None
            url = args.url + path.format(id=record_id)
            chrome.shoot(url, odoo.session_id, selector, out / name, *clicks[:1])
            print(f"{out / name}: {login} at {url}")
        homes = out / "screenshots"
        homes.mkdir(exist_ok=True)
        chrome.resize(*HOME_SIZE)
        for name, login, selector in HOME_SHOTS:
            odoo = Odoo(args.url, args.db, login)
            chrome.shoot(f"{args.url}/odoo", odoo.session_id, selector, homes / name)
            print(f"{homes / name}: {login}'s home screen")
    finally:
        chrome.close()


if __name__ == "__main__":
    main()
