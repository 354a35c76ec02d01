# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.softwhere_client.tests.common import SoftwhereFrenchHttpCase

from .common import run_queued_jobs


@tagged("post_install", "-at_install")
class TestBrowser(SoftwhereFrenchHttpCase):
    """A day in the park, in French: a line, its plan, its invoice."""

    french_modules = (
        "softwhere_client",
        "softwhere_catalogue",
        "softwhere_billing",
        "softwhere_park",
    )
    french_chart = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls.french_user(
            "sw_park_manager",
            "Responsable du parc",
            "softwhere_client.softwhere_client_group_manager,"
            "account.group_account_invoice",
        )
        cls.customer = (
            cls.env["res.partner"]
            .with_context(default_is_customer_account=True)
            .create(
                {
                    "name": "Boulangerie du Tour",
                    "is_company": True,
                    "lang": "fr_FR",
                    "customer_status": "active_compliant",
                }
            )
        )
        cls.service = cls.env["softwhere.service"].create(
            {"partner_id": cls.customer.id, "service_type": "mobile"}
        )

    def test_a_line_its_plan_and_its_invoice(self):
        self.start_tour("/odoo", "softwhere_park_line_tour", login="sw_park_manager")
        line = self.service.line_ids
        self.assertEqual(line.name, "0612345678")
        self.assertEqual(len(line.article_ids), 2)

        self.start_tour(
            "/odoo", "softwhere_park_invoice_run_tour", login="sw_park_manager"
        )
        run = self.env["softwhere.invoice.run"].search([], limit=1)
        self.assertEqual(run.run_date.isoformat(), "2026-11-01")
        jobs = self.env["queue.job"].search(run._job_domain())
        self.assertTrue(jobs, "the run's button queues jobs")
        self.assertFalse(run.invoice_ids)
        # What queue_job's runner does in production, in this test's transaction.
        run_queued_jobs(self.env)
        run.invalidate_recordset()
        self.assertEqual(run.state, "done")
        invoice = run.invoice_ids.filtered(
            lambda move: move.billing_site_id == self.customer.billing_site_ids
        )
        self.assertEqual(len(invoice), 1)

        self.assertEqual(
            invoice.invoice_line_ids.filtered(
                lambda line: line.display_type == "line_section"
            ).name,
            "Boulangerie du Tour",
        )
        self.start_tour("/odoo", "softwhere_park_invoice_tour", login="sw_park_manager")

    def test_a_clerk_s_first_customer(self):
        self.start_tour("/odoo", "softwhere_clerk_day_tour", login="sw_park_manager")
        customer = self.env["res.partner"].search(
            [("name", "=", "Plomberie Martin SARL")]
        )
        self.assertEqual(customer.country_id, self.env.ref("base.fr"))
        self.assertEqual(customer.company_registry, "73282932000074")
        contact = customer.child_ids
        self.assertEqual(
            (contact.name, contact.softwhere_civility, contact.mobile),
            ("Sophie Martin", "mrs", "+33612345678"),
        )
        self.assertEqual(customer.billing_site_ids.periodicity, "quarterly")
        service = self.env["softwhere.service"].search(
            [("partner_id", "=", customer.id)]
        )
        self.assertEqual(service.service_type, "mobile")
        self.assertEqual(service.billing_site_id, customer.billing_site_ids)
        line = service.line_ids
        self.assertEqual((line.name, line.first_name), ("0671234589", "Sophie"))
        self.assertEqual(
            line.article_ids.mapped("label"), ["Forfait Pro Illimité 20Go Orange"]
        )
        self.assertEqual(line.operator_id.name, "Orange")
