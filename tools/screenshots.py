#!/usr/bin/env python3
"""Screenshots of the main screens of a running demo, for the README.

    make run                     # in another terminal: the demo on :8069
    python tools/screenshots.py [--url http://localhost:8069] [-d softwhere]
                                [--out docs/screenshots] [--sync] [--portal]

Logs in as admin (French, as ``make run`` leaves it), opens each screen in
headless Chromium (Debian's ``chromium``) through the DevTools protocol
(``websocket-client``, already in the requirements for Odoo's browser tests) and
saves one PNG per screen. With ``--sync``, presses the Cfast backend's "Sync
now" first and waits for its jobs, as a new user does on the first day.

With ``--portal``, takes the customer portal's pages instead (``portal_*.png``),
logged in as the demo's portal user (Camille Martin of CL0001, see
``addons/softwhere_portal/readme/USAGE.md``): /my, a billing site with its
SEPA mandate, a line with its plan and options and the request forms, the
same line once a change of plan was asked through its form (this writes a
draft provisioning order, as the customer would), and that line on a phone.
Each run picks a line of the customer with an option and no request under
way, so it can be run again on the same database.
Never part of ``make test``.
"""

import argparse
import base64
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
import xmlrpc.client
from pathlib import Path

import requests
import websocket

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1440, 900
#: The customer portal: narrower (its pages are a centred column), and a phone.
PORTAL_WIDTH, PORTAL_HEIGHT = 1280, 800
PHONE_WIDTH, PHONE_HEIGHT = 390, 844
#: The demo's portal user (softwhere_portal/demo/res_users_demo.xml).
PORTAL_LOGIN, PORTAL_PASSWORD = "camille.martin@example.fr", "portail"

#: A back-office view is drawn and no request is pending (Odoo's own loading bar).
BACKOFFICE_READY = (
    "document.querySelector('.o_action_manager .o_view_controller') !== null"
    " && !document.querySelector('.o_loading_indicator')"
)
#: A portal page is loaded (and /my has its counters).
PORTAL_READY = (
    "document.readyState === 'complete' && document.querySelector('#wrap') !== null"
    " && !document.querySelector('.o_portal_doc_spinner')"
)

#: (file, action xml id, model and domain of the record to open, or None for the view)
SCREENS = [
    ("01-customers.png", "softwhere_client.res_partner_customer_account_action", None),
    (
        "02-customer.png",
        "softwhere_client.res_partner_customer_account_action",
        (
            "res.partner",
            [("is_customer_account", "=", True), ("child_ids", "!=", False)],
        ),
    ),
    ("03-park.png", "softwhere_park.softwhere_service_action", None),
    (
        "04-line.png",
        "softwhere_park.softwhere_line_action",
        ("softwhere.line", [("article_ids.date_end", "!=", False)]),
    ),
    (
        "05-billing-site.png",
        "softwhere_billing.softwhere_billing_site_action",
        ("softwhere.billing.site", [("mandate_id", "!=", False)]),
    ),
    (
        "06-invoice.png",
        "account.action_move_out_invoice_type",
        ("account.move", [("park_period_start", "!=", False)]),
    ),
    (
        "07-cfast-backend.png",
        "softwhere_cfast_connector.softwhere_cfast_backend_action",
        ("softwhere.cfast.backend", []),
    ),
    (
        "08-sync-logs.png",
        "softwhere_cfast_connector.softwhere_cfast_sync_log_action",
        None,
    ),
    (
        "09-lost-margin.png",
        "softwhere_supplier_connector.softwhere_reconciliation_gap_action",
        None,
    ),
    # No 10: the demo has no provisioning order, and an empty list shows nothing.
    (
        "11-invoice-run.png",
        "softwhere_park.softwhere_invoice_run_action",
        ("softwhere.invoice.run", [("invoice_ids.state", "=", "posted")]),
    ),
    (
        "12-commission-statements.png",
        "softwhere_commission.softwhere_commission_statement_action",
        None,
    ),
    (
        "13-commission-analysis.png",
        "softwhere_commission.softwhere_commission_statement_line_action",
        None,
    ),
    (
        "14-commission-statement.png",
        "softwhere_commission.softwhere_commission_statement_action",
        ("softwhere.commission.statement", [("bill_id", "!=", False)]),
    ),
]

#: (file, report, model and domain of the record printed): the first page of
#: the PDF as the customer or the provider receives it.
DOCUMENTS = [
    (
        "15-invoice-pdf.png",
        "account.report_invoice_with_payments",
        (
            "account.move",
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("park_invoice_run_id", "!=", False),
                ("mandate_id", "!=", False),
            ],
        ),
    ),
    (
        "16-commission-statement-pdf.png",
        "softwhere_commission.report_commission_statement",
        ("softwhere.commission.statement", [("bill_id", "!=", False)]),
    ),
]
#: The formal notice letter of dunning (credit control's D+30 level).
FORMAL_NOTICE = "17-formal-notice-pdf.png"
FORMAL_NOTICE_REPORT = "account_credit_control.report_credit_control_summary"


class Chromium:
    """Just enough of the DevTools protocol: navigate, evaluate, capture."""

    def __init__(self):
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            sys.exit("Chromium is missing: apt-get install chromium")
        self.profile = tempfile.mkdtemp(prefix="softwhere-shots-")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--lang=fr-FR",
                f"--window-size={WIDTH},{HEIGHT}",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        for _ in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        pages = requests.get(f"http://127.0.0.1:{port}/json", timeout=10).json()
        page = next(p for p in pages if p["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.ids = itertools.count(1)
        self.call("Page.enable")
        self.resize(WIDTH, HEIGHT)

    def resize(self, width, height, mobile=False):
        self.width, self.height = width, height
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )

    def call(self, method, **params):
        call_id = next(self.ids)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']['text']}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.evaluate(expression):
                    return
            except RuntimeError:
                pass  # the page is being replaced (a form sent, a link followed)
            time.sleep(0.2)
        raise TimeoutError(f"not on the screen after {timeout} s: {expression}")

    def open(self, url, ready=BACKOFFICE_READY):
        # Away first: the ready test must not pass on the page being left.
        self.call("Page.navigate", url="about:blank")
        self.wait_for("location.href === 'about:blank'")
        self.call("Page.navigate", url=url)
        self.wait_for(ready)

    def capture(self, path, full_page=False):
        """The viewport, or the whole page down to its footer."""
        time.sleep(1.5)
        params = {"format": "png"}
        if full_page:
            height = self.evaluate("document.documentElement.scrollHeight")
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": self.width,
                "height": max(height, self.height),
                "scale": 1,
            }
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", **params)["data"]
        path.write_bytes(base64.b64decode(data))

    def shoot(self, url, path):
        self.open(url)
        self.capture(path)

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("-d", "--database", default="softwhere")
    parser.add_argument("--login", help="admin, or the demo's portal user")
    parser.add_argument("--password", help="admin, or the demo's portal user's")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--sync", action="store_true", help="press Sync now first")
    parser.add_argument(
        "--portal",
        action="store_true",
        help="the customer portal's pages, as the demo's portal user",
    )
    args = parser.parse_args(argv)
    if args.portal and args.sync:
        parser.error("--sync needs the admin: run it without --portal first")
    default_login = (
        (PORTAL_LOGIN, PORTAL_PASSWORD) if args.portal else ("admin", "admin")
    )
    args.login = args.login or default_login[0]
    args.password = args.password or default_login[1]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    common = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/common")
    uid = common.authenticate(args.database, args.login, args.password, {})
    if not uid:
        sys.exit(f"Cannot log in to {args.database} at {args.url} as {args.login}")
    models = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/object", allow_none=True)

    def rpc(model, method, *params, **kw):
        return models.execute_kw(
            args.database, uid, args.password, model, method, list(params), kw
        )

    if args.sync:
        sync_now(rpc)

    session = requests.post(
        f"{args.url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "params": {
                "db": args.database,
                "login": args.login,
                "password": args.password,
            },
        },
        timeout=60,
    )
    session.raise_for_status()
    browser = Chromium()
    try:
        host = args.url.split("://", 1)[1].split(":")[0]
        browser.call(
            "Network.setCookie",
            name="session_id",
            value=session.cookies["session_id"],
            domain=host,
            path="/",
        )
        if args.portal:
            shoot_portal(browser, args.url, out)
            return
        for name, action, record in SCREENS:
            url = f"{args.url}/odoo/action-{action}"
            if record:
                ids = rpc(record[0], "search", record[1], limit=1)
                if not ids:
                    print(f"{name}: no {record[0]} to show, skipped")
                    continue
                url += f"/{ids[0]}"
            browser.shoot(url, out / name)
            print(f"{out / name}")
    finally:
        browser.close()
    http = requests.Session()
    http.cookies["session_id"] = session.cookies["session_id"]
    for name, report, (model, domain) in DOCUMENTS:
        ids = rpc(model, "search", domain, limit=1)
        if not ids:
            print(f"{name}: no {model} to print, skipped")
            continue
        pdf_page(http, f"{args.url}/report/pdf/{report}/{ids[0]}", out / name)
        print(f"{out / name}")
    formal_notice(rpc, uid, http, args.url, out / FORMAL_NOTICE)


def pdf_page(http, url, path):
    """The first page of the PDF at ``url`` as a PNG (poppler's ``pdftoppm``)."""
    if not shutil.which("pdftoppm"):
        sys.exit("pdftoppm is missing: apt-get install poppler-utils")
    answer = http.get(url, timeout=300)
    answer.raise_for_status()
    if not answer.content.startswith(b"%PDF-"):
        raise RuntimeError(f"{url}: not a PDF ({answer.content[:80]!r})")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp, "document.pdf")
        pdf.write_bytes(answer.content)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile"]
            + [str(pdf), str(Path(tmp, "page"))],
            check=True,
        )
        shutil.copyfile(Path(tmp, "page.png"), path)


def formal_notice(rpc, uid, http, url, path):
    """The formal notice letter (the company's dunning policy, its letter
    level: D+30) of an unpaid invoice of the park's run, printed as credit
    control prints it, then taken back: the demo keeps no reminder that was
    not due."""
    company_id = rpc("res.users", "read", [uid], ["company_id"])[0]["company_id"][0]
    policy = rpc("res.company", "read", [company_id], ["credit_policy_id"])[0][
        "credit_policy_id"
    ]
    levels = policy and rpc(
        "credit.control.policy.level",
        "search",
        [("policy_id", "=", policy[0]), ("channel", "=", "letter")],
        order="level",
        limit=1,
    )
    moves = rpc(
        "account.move.line",
        "search_read",
        [
            ("move_id.move_type", "=", "out_invoice"),
            ("move_id.state", "=", "posted"),
            ("move_id.park_invoice_run_id", "!=", False),
            ("company_id", "=", company_id),
            ("account_id.account_type", "=", "asset_receivable"),
            ("reconciled", "=", False),
        ],
        fields=["partner_id", "date_maturity", "amount_residual", "move_id"],
        limit=1,
    )
    if not levels or not moves:
        print(f"{path.name}: no dunning letter level or no unpaid invoice, skipped")
        return
    move_line = moves[0]
    today = time.strftime("%Y-%m-%d")
    line = rpc(
        "credit.control.line",
        "create",
        {
            "date": today,
            "date_due": move_line["date_maturity"] or today,
            "state": "to_be_sent",
            "channel": "letter",
            "invoice_id": move_line["move_id"][0],
            "partner_id": move_line["partner_id"][0],
            "amount_due": move_line["amount_residual"],
            "balance_due": move_line["amount_residual"],
            "policy_level_id": levels[0],
            "move_line_id": move_line["id"],
        },
    )
    communications = []
    try:
        printer = rpc(
            "credit.control.printer",
            "create",
            {"line_ids": [(6, 0, [line])], "mark_as_sent": False},
        )
        # Over JSON-RPC: the report action it returns holds nulls.
        answer = http.post(
            f"{url}/web/dataset/call_kw/credit.control.printer/print_lines",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": "credit.control.printer",
                    "method": "print_lines",
                    "args": [[printer]],
                    "kwargs": {},
                },
            },
            timeout=120,
        ).json()
        if "error" in answer:
            raise RuntimeError(f"print_lines: {answer['error']['data']['message']}")
        communications = answer["result"]["context"]["active_ids"]
        ids = ",".join(str(i) for i in communications)
        pdf_page(http, f"{url}/report/pdf/{FORMAL_NOTICE_REPORT}/{ids}", path)
        print(f"{path}")
    finally:
        if communications:
            rpc("credit.control.communication", "unlink", communications)
        rpc("credit.control.line", "write", [line], {"state": "draft"})
        rpc("credit.control.line", "unlink", [line])


def shoot_portal(browser, url, out):
    """The customer portal, as its user clicks through it."""
    browser.resize(PORTAL_WIDTH, PORTAL_HEIGHT)

    def save(name, full_page=True):
        browser.capture(out / name, full_page=full_page)
        print(out / name)

    # /my, once its counters are in (the entries without any are hidden).
    browser.open(
        f"{url}/my",
        PORTAL_READY + " && document.querySelector("
        "'.o_portal_index_card:not(.d-none) a[href=\"/my/lines\"]') !== null",
    )
    save("portal_home.png", full_page=False)

    # The first billing site with a SEPA mandate (its IBAN masked).
    browser.open(f"{url}/my/billing_sites", PORTAL_READY)
    site = browser.evaluate(
        "[...document.querySelectorAll('.o_portal_my_doc_table tbody tr')]"
        ".filter(row => row.querySelector('.font-monospace'))"
        ".map(row => row.querySelector('a').href)[0] || null"
    )
    if not site:
        sys.exit("No billing site with a SEPA mandate on /my/billing_sites")
    browser.open(
        site, f"{PORTAL_READY} && !!document.querySelector('.o_softwhere_iban')"
    )
    save("portal_billing_site.png")

    # A line with an option, other plans on offer and no request under way.
    browser.open(f"{url}/my/lines", PORTAL_READY)
    lines = browser.evaluate(
        "[...document.querySelectorAll('.o_portal_my_doc_table tbody tr a')]"
        ".map(link => link.href).filter(href => /\\/my\\/lines\\/\\d+/.test(href))"
    )
    plan_select = "form.o_softwhere_change_plan select[name=product_id]"
    for line in lines or []:
        browser.open(line, PORTAL_READY + " && !!document.querySelector('#wrap h3')")
        if browser.evaluate(
            "!!document.querySelector('.o_softwhere_article_option')"
            f" && document.querySelectorAll('{plan_select} option').length > 1"
        ):
            break
    else:
        sys.exit("No line on /my/lines with an option and a change of plan to ask")
    save("portal_line.png")

    # The customer asks for the first other plan offered, through the form.
    browser.evaluate(
        f"{{ const select = document.querySelector('{plan_select}');"
        " select.value = select.options[1].value;"
        " select.closest('form').requestSubmit(); }"
    )
    browser.wait_for(
        "!!document.querySelector('.o_softwhere_request_sent')"
        " && document.readyState === 'complete'"
    )
    save("portal_line_request.png")

    # The same line on a phone.
    browser.resize(PHONE_WIDTH, PHONE_HEIGHT, mobile=True)
    browser.open(line, PORTAL_READY + " && !!document.querySelector('#wrap h3')")
    save("portal_line_phone.png", full_page=False)


def sync_now(rpc, timeout=900):
    """The Cfast backend's "Sync now", then wait until its jobs are done."""
    backend_ids = rpc("softwhere.cfast.backend", "search", [], limit=1)
    started = time.monotonic()
    rpc("softwhere.cfast.backend", "action_sync_now", backend_ids)
    while time.monotonic() - started < timeout:
        pending = rpc(
            "queue.job",
            "search_count",
            [("state", "in", ["pending", "enqueued", "started", "wait_dependencies"])],
        )
        if not pending:
            break
        time.sleep(2)
    logs = rpc(
        "softwhere.cfast.sync.log",
        "search_read",
        [("backend_id", "in", backend_ids)],
        fields=["resource", "state", "created_count", "updated_count", "error_count"],
        order="id desc",
        limit=4,
    )
    elapsed = time.monotonic() - started
    print(f"Sync now: done in {elapsed:.0f} s")
    for log in reversed(logs):
        print(
            f"  {log['resource']}: {log['state']}, created {log['created_count']}, "
            f"updated {log['updated_count']}, failed {log['error_count']}"
        )


if __name__ == "__main__":
    main()
