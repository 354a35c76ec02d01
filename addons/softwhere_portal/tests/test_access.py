# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import datetime, timedelta

from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import FULL_IBANS, SoftwherePortalCase

#: The models the portal shows, and their records of each customer.
MODELS = {
    "softwhere.billing.site": ("site_a", "site_b"),
    "softwhere.service": ("service_a", "service_b"),
    "softwhere.line": ("line_a", "line_b"),
}


@tagged("post_install", "-at_install")
class TestPortalAccess(SoftwherePortalCase):
    """A portal user of customer A sees its own account, and nothing of
    customer B: not through the pages, the API, an access token nor a request."""

    def setUp(self):
        super().setUp()
        # Customer B has a request of its own, and an invoice.
        self.order_b = (
            self.Order.with_user(self.portal_b)
            .sudo()
            ._portal_create_request(
                self.line_b,
                "add_option",
                str(self.option_data.id),
                self.later,
                self.portal_b,
            )
        )
        self.invoice_b = self.create_invoice(self.site_b)
        self.invoice_a = self.create_invoice(self.site_a)

    def call_kw(self, model, method, args, kwargs=None):
        with mute_logger("odoo.http"):
            return self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            )

    def assertNothingOfB(self, html):
        for text in ("0698765432", "Garage Dubois", "Julien", *FULL_IBANS):
            self.assertNotIn(text, html)

    def test_own_pages(self):
        self.authenticate("portal_a", "portal_a")
        sites = self.page("/my/billing_sites").text
        self.assertIn("Boulangerie Martin", sites)
        self.assertIn("FR76 **** **** **** **** **** 396", sites)
        site = self.page(f"/my/billing_sites/{self.site_a.id}").text
        self.assertIn("Mandat de prélèvement SEPA", site)
        self.assertIn("FR76 **** **** **** **** **** 396", site)
        self.assertIn("SOGEFRPP", site)
        self.assertIn(self.invoice_a.name, site)
        services = self.page("/my/services").text
        self.assertIn(self.service_a.name, services)
        service = self.page(f"/my/services/{self.service_a.id}").text
        self.assertIn("0612345678", service)
        lines = self.page("/my/lines").text
        self.assertIn("0612345678", lines)
        self.assertIn("Forfait Pro Illimité 20Go Orange", lines)
        line = self.page(f"/my/lines/{self.line_a.id}").text
        for text in (
            "Forfait Pro Illimité 20Go Orange",
            "Option Europe Voyage Orange",
            "19,90",
            "01/01/2026",  # in service since
            "Numéros appelés masqués",
            "Changer de forfait",
        ):
            self.assertIn(text, line)
        # The reseller's purchase prices are not the customer's.
        self.assertNotIn("8,50", line)
        for html in (sites, site, services, service, lines, line):
            self.assertNothingOfB(html)

    def test_pages_of_another_customer(self):
        self.authenticate("portal_a", "portal_a")
        for url in (
            f"/my/billing_sites/{self.site_b.id}",
            f"/my/services/{self.service_b.id}",
            f"/my/lines/{self.line_b.id}",
            f"/my/invoices/{self.invoice_b.id}",
            f"/my/invoices/{self.invoice_b.id}/facturx/xml",
            f"/my/invoices/{self.invoice_b.id}/facturx/pdf",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(self.landed_on(response), "/my", url)
                self.assertNothingOfB(response.text)
                self.assertNotIn(self.invoice_b.name, response.text)
        # A line searched by B's number: none.
        found = self.page("/my/lines?search=0698765432").text
        self.assertIn("Aucune ligne trouvée", found)
        self.assertNotIn(f"/my/lines/{self.line_b.id}", found)
        self.assertNotIn("Julien", found)

    def test_access_tokens(self):
        token_a = self.line_a._portal_ensure_token()
        token_b = self.line_b._portal_ensure_token()
        self.authenticate("portal_a", "portal_a")
        for token in ("", "not-a-token", token_a, token_b[:-1]):
            with self.subTest(token=token):
                response = self.url_open(
                    f"/my/lines/{self.line_b.id}?access_token={token}"
                )
                self.assertEqual(self.landed_on(response), "/my")
                self.assertNothingOfB(response.text)
        # B's own link, as B shared it, shows the line: read only, no request.
        self.authenticate(None, None)
        shared = self.page(f"/my/lines/{self.line_b.id}?access_token={token_b}").text
        self.assertIn("0698765432", shared)
        self.assertNotIn("Changer de forfait", shared)
        self.assertNotIn("FR76", shared)

    def test_rpc(self):
        self.authenticate("portal_a", "portal_a")
        for model, (mine, other) in MODELS.items():
            with self.subTest(model=model):
                found = self.call_kw(
                    model, "search_read", [[]], {"fields": ["display_name"]}
                )
                self.assertEqual([r["id"] for r in found], getattr(self, mine).ids)
                with self.assertRaises(JsonRpcException) as error:
                    self.call_kw(
                        model, "read", [getattr(self, other).ids, ["display_name"]]
                    )
                self.assertEqual(error.exception.args[0], "odoo.exceptions.AccessError")
                field = "first_name" if model == "softwhere.line" else "name"
                with self.assertRaises(JsonRpcException) as error:
                    self.call_kw(
                        model, "write", [getattr(self, mine).ids, {field: "X"}]
                    )
                self.assertEqual(error.exception.args[0], "odoo.exceptions.AccessError")
        articles = self.call_kw(
            "softwhere.line.article", "search_read", [[]], {"fields": ["label"]}
        )
        self.assertEqual(
            sorted(a["label"] for a in articles),
            ["Forfait Pro Illimité 20Go Orange", "Option Europe Voyage Orange"],
        )
        self.assertFalse(
            self.call_kw(
                "softwhere.provisioning.order",
                "search_read",
                [[]],
                {"fields": ["name"]},
            )
        )
        self.assertFalse(
            self.call_kw(
                "softwhere.provisioning.operation",
                "search_read",
                [[]],
                {"fields": ["kind"]},
            )
        )
        invoices = self.call_kw(
            "account.move", "search_read", [[]], {"fields": ["name"]}
        )
        self.assertEqual([i["id"] for i in invoices], self.invoice_a.ids)
        # Neither the purchase prices nor the bank details, even its own.
        for model, field in (
            ("softwhere.line.article", "purchase_price"),
            ("softwhere.line", "monthly_margin"),
            ("softwhere.billing.site", "mandate_iban"),
            ("softwhere.provisioning.order", "failure_reason"),
        ):
            with self.subTest(field=field), self.assertRaises(JsonRpcException):
                self.call_kw(model, "search_read", [[]], {"fields": [field]})
        with self.assertRaises(JsonRpcException):
            self.call_kw(
                "account.banking.mandate", "search_read", [[]], {"fields": ["id"]}
            )
        # B sees its own request.
        self.authenticate("portal_b", "portal_b")
        orders = self.call_kw(
            "softwhere.provisioning.order", "search_read", [[]], {"fields": ["state"]}
        )
        self.assertEqual(orders, [{"id": self.order_b.id, "state": "draft"}])

    def test_request_on_another_customers_line(self):
        token_b = self.line_b._portal_ensure_token()
        self.authenticate("portal_a", "portal_a")
        orders = self.Order.search([])
        articles = self.line_b.article_ids
        for extra in ({}, {"access_token": token_b}):
            with self.subTest(extra=extra):
                response = self.ask(
                    self.line_b, "change_plan", self.plan_20, self.later, **extra
                )
                self.assertEqual(response.status_code, 404)
                self.assertNothingOfB(response.text)
                response = self.ask(self.line_b, "terminate", day=self.later, **extra)
                self.assertEqual(response.status_code, 404)
        self.assertEqual(self.Order.search([]), orders)
        self.assertEqual(self.line_b.article_ids, articles)
        self.assertEqual(self.line_b.activity, "active")
        # Nor as a visitor holding B's link.
        self.authenticate(None, None)
        response = self.ask(
            self.line_b, "terminate", day=self.later, access_token=token_b
        )
        self.assertEqual(self.landed_on(response), "/web/login")
        self.assertEqual(self.Order.search([]), orders)

    def test_json_2(self):
        """The same through Odoo 19's JSON-2 API, with the user's API key."""
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.portal_a)
            .sudo()
            ._generate("rpc", "Test", datetime.now() + timedelta(hours=12))
        )
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}

        def json_2(model, method, **params):
            with mute_logger("odoo.http"):
                return self.url_open(
                    f"/json/2/{model}/{method}",
                    data=json.dumps(params),
                    headers=headers,
                )

        for model, (mine, other) in MODELS.items():
            with self.subTest(model=model):
                found = json_2(model, "search_read", domain=[], fields=["name"])
                self.assertEqual(found.status_code, 200, found.text)
                self.assertEqual(
                    [r["id"] for r in found.json()], getattr(self, mine).ids
                )
                refused = json_2(
                    model, "read", ids=getattr(self, other).ids, fields=["name"]
                )
                self.assertEqual(refused.status_code, 403)
                self.assertEqual(refused.json()["name"], "odoo.exceptions.AccessError")
                self.assertNothingOfB(refused.text)
        orders = json_2("softwhere.provisioning.order", "search_read", domain=[])
        self.assertEqual(orders.json(), [])
