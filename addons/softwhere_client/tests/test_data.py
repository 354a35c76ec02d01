# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from stdnum.eu import vat as eu_vat
from stdnum.fr import siret as fr_siret

from odoo.tests import tagged

from .common import SoftwhereClientCase


@tagged("post_install", "-at_install")
class TestData(SoftwhereClientCase):
    def demo_installed(self):
        return self.env["ir.module.module"]._get("softwhere_client").demo

    def test_demo_customers_look_real_or_are_absent(self):
        customers = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("is_customer_account", "=", True)])
        )
        demo = customers.filtered(
            lambda p: p.get_external_id()[p.id].startswith("softwhere_client.")
        )
        if not self.demo_installed():
            self.assertFalse(
                demo, "demo customers exist in a database without demo data"
            )
            return
        self.assertGreaterEqual(len(demo), 20)
        self.assertEqual(
            set(demo.mapped("customer_type")),
            {"company", "liberal_profession", "individual", "public_body"},
        )
        self.assertEqual(
            set(demo.mapped("customer_status")),
            {
                "awaiting_signature",
                "signed",
                "active_compliant",
                "obsolete",
                "terminated",
            },
        )
        for customer in demo:
            with self.subTest(customer=customer.name):
                self.assertRegex(customer.customer_reference, r"^CL\d{4}$")
                if customer.company_registry:
                    self.assertTrue(fr_siret.is_valid(customer.company_registry))
                if customer.vat:
                    self.assertTrue(eu_vat.is_valid(customer.vat))
                    self.assertTrue(
                        customer.vat.endswith(customer.company_registry[:9])
                    )
        contacts = demo.child_ids
        self.assertGreaterEqual(len(contacts), 20)
        self.assertTrue(all(c.phone.startswith("+33") for c in contacts if c.phone))

    def test_the_sequence_continues_after_the_demo_numbers(self):
        customer = self.create_customer("Après la démo")
        taken = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_count(
                [
                    ("customer_reference", "=", customer.customer_reference),
                    ("id", "!=", customer.id),
                ]
            )
        )
        self.assertEqual(taken, 0)
