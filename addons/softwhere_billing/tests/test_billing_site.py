# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SoftwhereBillingCase


@tagged("post_install", "-at_install")
class TestBillingSite(SoftwhereBillingCase):
    def test_defaults_of_a_new_site(self):
        customer = self.create_customer("Garage Dubois")
        site = self.Site.create({"partner_id": customer.id})
        self.assertEqual(site.name, "Garage Dubois")
        self.assertEqual(site.company_id, self.company)
        self.assertEqual(site.state, "active")
        self.assertFalse(site.termination_date)
        self.assertEqual(site.tax_id, self.tax_20)
        self.assertEqual(site.tax_id.amount, 20.0)
        self.assertEqual(site.tax_id.tax_scope, "service")
        self.assertEqual(site.periodicity, "monthly")
        self.assertEqual(site.period_format, "current")
        self.assertFalse(site.fiscal_position_id)
        self.assertFalse(site.block_reminders)
        self.assertEqual(site.invoice_partner_id, customer)
        self.assertEqual(site.mandate_partner_id, customer)
        self.assertFalse(site.mandate_id or site.payment_mode_id)

    def test_the_name_is_the_customer_s_unless_another_is_given(self):
        customer = self.create_customer("Transports Leroy")
        site = self.Site.create({"partner_id": customer.id, "name": "Leroy – Dépôt"})
        self.assertEqual(site.name, "Leroy – Dépôt")
        site.name = "Leroy – Siège"
        self.assertEqual(site.name, "Leroy – Siège")
        with Form(self.Site) as form:
            form.partner_id = customer
            self.assertEqual(form.name, "Transports Leroy")

    def test_only_a_customer_account_has_sites(self):
        supplier = self.env["res.partner"].create({"name": "Orange"})
        with self.assertRaises(ValidationError) as error:
            self.Site.create({"partner_id": supplier.id, "name": "Orange"})
        self.assertIn("Orange", str(error.exception))

    def test_cfast_billing_point_id_is_unique_in_a_company(self):
        first = self.create_site("Garage Dubois", cfast_billing_point_id=5001)
        other = self.create_site("Cabinet Roux")
        with self.assertRaises(ValidationError) as error:
            other.cfast_billing_point_id = 5001
        message = str(error.exception)
        self.assertIn("Cfast billing point ID", message)
        self.assertIn("5001", message)
        self.assertIn(first.name, message)
        self.assertIn("Cabinet Roux", message)
        customer = self.create_customer("Pharmacie Moreau")
        with self.assertRaises(ValidationError):
            self.Site.create(
                {"partner_id": customer.id, "cfast_billing_point_id": 5001}
            )
        with self.assertRaises(ValidationError):
            self.Site.create(
                [
                    {"partner_id": customer.id, "cfast_billing_point_id": 5077},
                    {"partner_id": customer.id, "cfast_billing_point_id": 5077},
                ]
            )

    def test_the_same_cfast_id_in_another_company_and_no_id_at_all(self):
        self.create_site("Garage Dubois", cfast_billing_point_id=5002)
        company = self.env["res.company"].create({"name": "Marque Sud"})
        customer = self.create_customer("Cabinet Roux")
        site = self.Site.create(
            {
                "partner_id": customer.id,
                "company_id": company.id,
                "cfast_billing_point_id": 5002,
            }
        )
        self.assertEqual(site.cfast_billing_point_id, 5002)
        # Sites without a Cfast ID (not synced yet) are many.
        self.create_site("Sans identifiant 1")
        self.create_site("Sans identifiant 2")

    def test_terminate_asks_a_date_and_reactivation_clears_it(self):
        site = self.create_site()
        action = site.action_open_terminate_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"termination_date": date(2026, 3, 31)})
        )
        self.assertEqual(wizard.site_ids, site)
        wizard.action_terminate()
        self.assertEqual(site.state, "terminated")
        self.assertEqual(site.termination_date, date(2026, 3, 31))
        with self.assertRaises(UserError):
            site._terminate(date(2026, 4, 30))
        site.action_reactivate()
        self.assertEqual(site.state, "active")
        self.assertFalse(site.termination_date)
        with self.assertRaises(UserError):
            site.action_reactivate()

    def test_the_wizard_defaults_to_today(self):
        site = self.create_site()
        wizard = (
            self.env["softwhere.billing.site.terminate"]
            .with_context(active_model=site._name, active_ids=site.ids)
            .create({})
        )
        self.assertEqual(wizard.termination_date, fields.Date.context_today(wizard))

    def test_a_terminated_site_needs_its_date(self):
        site = self.create_site()
        with self.assertRaises(ValidationError) as error:
            site.state = "terminated"
        self.assertIn("Termination date", str(error.exception))

    def test_invoice_period_follows_the_site_settings(self):
        site = self.create_site()
        period = site._invoice_period(date(2026, 5, 12))
        self.assertEqual(
            (period.start, period.end), (date(2026, 5, 1), date(2026, 5, 31))
        )
        site.write({"periodicity": "quarterly", "period_format": "previous"})
        period = site._invoice_period(date(2026, 5, 12))
        self.assertEqual(
            (period.start, period.end), (date(2026, 1, 1), date(2026, 3, 31))
        )
        site.write({"periodicity": "annual", "period_format": "current"})
        self.assertEqual(site._invoice_period(date(2026, 5, 12)).label, "année 2026")

    def test_display_name_shows_the_cfast_id(self):
        site = self.create_site("Garage Dubois", cfast_billing_point_id=5004)
        self.assertEqual(site.display_name, "Garage Dubois (5004)")
        # Made here, named like its customer: told apart from it.
        site.cfast_billing_point_id = 0
        self.assertEqual(site.partner_id.name, "Garage Dubois")
        self.assertEqual(site.display_name, "Garage Dubois (billing)")
        site.name = "Garage Dubois – Atelier"
        self.assertEqual(site.display_name, "Garage Dubois – Atelier")
        found = self.Site.name_search(site.partner_id.customer_reference)
        self.assertIn(site.id, [row[0] for row in found])

    def test_a_site_with_invoices_cannot_be_deleted(self):
        site = self.create_site()
        self.create_invoice(site, post=False)
        with self.assertRaises(UserError) as error:
            site.unlink()
        self.assertIn(site.name, str(error.exception))
