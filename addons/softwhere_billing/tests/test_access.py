# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SoftwhereBillingCase


@tagged("post_install", "-at_install")
class TestAccess(SoftwhereBillingCase):
    def test_user_reads_creates_and_writes_sites_with_their_mandate(self):
        customer = self.create_customer("Garage Dubois")
        Site = self.Site.with_user(self.user)
        site = Site.create(
            {"partner_id": customer.id, "name": "Garage Dubois – Atelier"}
        )
        site.write(
            {
                "periodicity": "quarterly",
                "block_reminders": True,
                **self.mandate_values(),
            }
        )
        self.assertEqual(site.mandate_state, "valid")
        self.assertEqual(
            site.payment_mode_id.payment_method_id.code, "sepa_direct_debit"
        )
        self.assertIn(site, Site.search([("partner_id", "=", customer.id)]))
        site._terminate(site.mandate_signature_date)
        site.action_reactivate()
        self.assertEqual(site.state, "active")

    def test_user_cannot_delete_a_site(self):
        site = self.create_site()
        with self.assertRaises(AccessError):
            site.with_user(self.user).unlink()
        self.assertTrue(site.exists())

    def test_manager_deletes_a_site(self):
        site = self.create_site()
        site.with_user(self.manager).unlink()
        self.assertFalse(site.exists())

    def test_an_employee_without_softwhere_rights_only_reads(self):
        site = self.create_site()
        self.assertEqual(site.with_user(self.employee).name, site.name)
        with self.assertRaises(AccessError):
            site.with_user(self.employee).write({"block_reminders": True})
        with self.assertRaises(AccessError):
            self.Site.with_user(self.employee).create(
                {"partner_id": site.partner_id.id, "name": "Refusé"}
            )

    def test_a_site_of_another_company_is_hidden(self):
        company = self.env["res.company"].create({"name": "Marque Sud"})
        customer = self.create_customer("Cabinet Roux")
        other = self.Site.create(
            {"partner_id": customer.id, "company_id": company.id, "name": "Roux Sud"}
        )
        visible = self.Site.with_user(self.user).search([])
        self.assertNotIn(other, visible)
        self.assertIn(customer.billing_site_ids - other, visible)
