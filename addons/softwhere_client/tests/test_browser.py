# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SoftwhereFrenchHttpCase


@tagged("post_install", "-at_install")
class TestBrowser(SoftwhereFrenchHttpCase):
    """What a sales assistant sees in the web client, in French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls.french_user(
            "sw_assistant",
            "Assistante commerciale",
            "softwhere_client.softwhere_client_group_user",
        )

    def test_create_a_customer_account_with_a_contact_and_sign_it(self):
        self.start_tour(
            "/odoo", "softwhere_customer_account_tour", login="sw_assistant"
        )
        customer = self.env["res.partner"].search([("name", "=", "Fromagerie Durand")])
        self.assertEqual(customer.customer_status, "signed")
        self.assertEqual(customer.trade_name, "La Cave à Fromages")
        self.assertEqual(customer.child_ids.mobile, "+33612345678")
        self.assertRegex(customer.customer_reference, r"^CL\d{4}$")
