# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.softwhere_client.tests.common import SoftwhereFrenchHttpCase


@tagged("post_install", "-at_install")
class TestBrowser(SoftwhereFrenchHttpCase):
    """What an accountant sees on a billing site, in French."""

    french_modules = (
        "softwhere_client",
        "softwhere_billing",
        "account_banking_mandate",
    )
    french_chart = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls.french_user(
            "sw_accountant", "Comptable", "softwhere_client.softwhere_client_group_user"
        )
        cls.customer = (
            cls.env["res.partner"]
            .with_context(default_is_customer_account=True)
            .create({"name": "Boulangerie du Tour", "is_company": True})
        )

    def test_give_a_billing_site_its_sepa_mandate(self):
        self.start_tour("/odoo", "softwhere_billing_site_tour", login="sw_accountant")
        site = self.customer.billing_site_ids
        self.assertEqual(site.mandate_state, "valid")
        self.assertEqual(site.mandate_iban, "FR76 3000 3140 0297 1344 5885 396")
        self.assertEqual(site.mandate_signature_date.isoformat(), "2026-11-02")
        self.assertTrue(site.payment_mode_id.payment_method_id.mandate_required)
