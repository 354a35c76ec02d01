# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from stdnum import iban as std_iban

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestData(TransactionCase):
    def demo_installed(self):
        return self.env["ir.module.module"]._get("softwhere_billing").demo

    def test_the_sepa_payment_mode_comes_with_the_data(self):
        mode = self.env.ref("softwhere_billing.account_payment_mode_sepa_direct_debit")
        self.assertEqual(mode.payment_method_id.code, "sepa_direct_debit")
        self.assertEqual(mode.company_id, self.env.ref("base.main_company"))
        # The home-made reminders gave way to credit control (softwhere_collection).
        for xmlid in ("ir_cron_payment_reminders", "mail_template_payment_reminder"):
            self.assertFalse(
                self.env.ref(f"softwhere_billing.{xmlid}", raise_if_not_found=False)
            )

    def test_demo_sites_have_valid_mandates_or_are_absent(self):
        sites = self.env["softwhere.billing.site"].sudo().search([])
        demo = sites.filtered(
            lambda s: s.get_external_id()[s.id].startswith("softwhere_billing.")
        )
        if not self.demo_installed():
            self.assertFalse(demo, "demo billing sites in a database without demo data")
            return
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Actif Télécom")
        self.assertEqual(company.country_id.code, "FR")
        self.assertEqual(company.chart_template, "fr")
        self.assertEqual(company.currency_id.name, "EUR")
        self.assertTrue(company.sepa_creditor_identifier)
        customers = (
            self.env["res.partner"]
            .search([("is_customer_account", "=", True)])
            .filtered(
                lambda p: p.get_external_id()[p.id].startswith("softwhere_client.")
            )
        )
        self.assertLessEqual(customers, demo.partner_id)
        for site in demo:
            with self.subTest(site=site.name):
                self.assertEqual(site.mandate_state, "valid")
                self.assertTrue(std_iban.is_valid(site.mandate_iban))
                self.assertEqual(
                    site.payment_mode_id.payment_method_id.code, "sepa_direct_debit"
                )
                self.assertEqual(site.company_id, company)
        self.assertEqual(
            set(demo.mapped("periodicity")),
            {"monthly", "quarterly", "semiannual", "annual"},
        )
        self.assertEqual(set(demo.mapped("period_format")), {"current", "previous"})
        self.assertIn("terminated", demo.mapped("state"))
        self.assertTrue(demo.filtered("block_reminders"))
        self.assertTrue(demo.filtered(lambda s: s.mandate_partner_id != s.partner_id))
        self.assertTrue(demo.fiscal_position_id)
