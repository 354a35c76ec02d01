# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The invoice a customer receives, read from its PDF as the customer reads it."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CREDITOR_ID, IBAN, SoftwhereBillingCase, pdf_to_text


@tagged("post_install", "-at_install")
class TestInvoicePdf(SoftwhereBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoice_pdf()
        cls.company.partner_id.softwhere_capital = 50000

    def pdf_text(self, invoice):
        """The text of the invoice's PDF, as ``pdftotext`` reads it."""
        report = self.env["ir.actions.report"]
        # make test installs it: a missing one is a failure, not a skip.
        self.assertEqual(report.get_wkhtmltopdf_state(), "ok", "wkhtmltopdf missing")
        # wkhtmltopdf cannot fetch the style sheets (setup_invoice_pdf), says so.
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = report.with_context(
                force_report_rendering=True
            )._render_qweb_pdf("account.account_invoices", invoice.ids)
        self.assertEqual(kind, "pdf")
        return pdf_to_text(self, pdf)

    def test_the_pdf_names_the_seller_and_the_legal_mentions(self):
        invoice = self.create_invoice(self.create_site())
        text = self.pdf_text(invoice)
        for expected in (
            "Actif Télécom Test",
            "12 rue de la Gare",
            "SIREN 732829320 RCS Lyon",
            "50,000.00 €",
            "FR44732829320",
            "40 €",
            "three times the French legal interest rate",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("SEPA direct debit", text)

    def test_a_sepa_invoice_announces_the_debit_not_an_account_to_pay(self):
        site = self.create_site()
        site.write(self.mandate_values())
        invoice = self.create_invoice(site)
        self.assertEqual(invoice.mandate_id, site.mandate_id)
        text = self.pdf_text(invoice)
        self.assertIn("Paid by SEPA direct debit", text)
        self.assertIn(site.mandate_id.unique_mandate_reference, text)
        self.assertIn(CREDITOR_ID, text)
        self.assertIn("from the account ending in 5396", text)
        # The customer's own IBAN is never shown as an account to pay to.
        self.assertNotIn(IBAN.replace(" ", ""), text.replace(" ", ""))
        self.assertNotIn("on this account", text)

    def test_the_pdf_is_in_its_customers_language_odoos_labels_too(self):
        """A French customer reads its invoice in French: our mentions from our
        French, Odoo's own labels from Odoo's. The platform this runs on ships
        no French for Odoo's addons, so one of its labels is given the French
        that Odoo's fr.po has for it."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["softwhere_billing"], ["fr_FR"], overwrite=True
        )
        label, french_label = "Invoice Date", "Date de facturation"
        self.env.ref("account.report_invoice_document").update_field_translations(
            "arch_db",
            {
                "fr_FR": {
                    f"<strong>{label}</strong>": f"<strong>{french_label}</strong>"
                }
            },
        )
        french = self.create_site()
        french.partner_id.lang = "fr_FR"
        english = self.create_site()
        english.partner_id.lang = "en_US"
        french_text = self.pdf_text(self.create_invoice(french))
        english_text = self.pdf_text(self.create_invoice(english))
        self.assertIn("Date de facturation", french_text)
        self.assertIn("trois fois le taux d'intérêt légal", french_text)
        self.assertNotIn("Invoice Date", french_text)
        self.assertIn("Invoice Date", english_text)
        self.assertIn("three times the French legal interest rate", english_text)
