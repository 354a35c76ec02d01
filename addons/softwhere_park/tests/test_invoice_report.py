# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The invoice of a run as its customer reads it: its PDF's text (pdftotext)."""

import base64
import io

from PIL import Image

from odoo.tests import tagged

from .common import D, InvoiceDocumentCase


def png(color):
    image = io.BytesIO()
    Image.new("RGB", (60, 30), color).save(image, "PNG")
    return base64.b64encode(image.getvalue())


@tagged("post_install", "-at_install")
class TestInvoiceReport(InvoiceDocumentCase):
    def month_with_a_regularisation(self):
        """A fixed line and a mobile line billed for November; in December a
        line activated on 16 November (regularised) and a smartphone."""
        fixed = self.Service.create(
            {"partner_id": self.customer.id, "service_type": "fixe", "name": "Standard"}
        )
        voip = self.article("AC-VOIP")
        self.create_line("0472102030", service=fixed, articles=[(voip, D(2026, 1, 1))])
        self.create_line(
            first_name="Léa",
            last_name="Petit",
            articles=[(self.plan_20, D(2026, 1, 1))],
        )
        self.run_and_post(D(2026, 11, 1), pdf=False)
        self.create_line(
            "0698765432",
            first_name="Hugo",
            last_name="Martin",
            articles=[
                (self.plan_100, D(2026, 11, 16)),
                (self.article("HW-SGA55"), D(2026, 11, 20)),
            ],
        )
        run = self.run_and_post(D(2026, 12, 1))
        return self.invoice_of(run, self.site)

    def test_the_invoice_of_a_run(self):
        self.site.name = "Boulangerie Martin – Lyon"
        invoice = self.month_with_a_regularisation()
        text = self.pdf_text(invoice)
        # The seller, the customer and its SIREN.
        for expected in (
            "Actif Télécom Test",
            "SIREN 732829320 RCS Lyon",
            "FR44732829320",
            "Boulangerie Martin",
            "SIREN: 552081317",
        ):
            self.assertIn(expected, text)
        # The period billed and the billing site.
        self.assertIn("Period billed: décembre 2026 (12/01/2026 – 12/31/2026)", text)
        self.assertIn("Billing site: Boulangerie Martin – Lyon", text)
        # A section per service, then the regularisations; each line's number,
        # user, article and the days it covers.
        sections = [text.index(name) for name in ("Standard", "Regularisations")]
        self.assertEqual(sections, sorted(sections))
        for expected in (
            "0612345678 – Léa Petit",
            "0698765432 – Hugo Martin",
            "Service from 12/01/2026 to 12/31/2026",
            "0698765432 – Forfait Pro Illimité 100Go Orange (regularisation from",
            "Service from 11/16/2026 to 11/30/2026",
            "Date: 11/20/2026",
        ):
            self.assertIn(expected, text)
        # Hardware with the services: a mixed operation.
        self.assertIn("Operation category: Mixed (supply of goods and services)", text)
        self.assertIn("40 €", text)

    def test_a_white_label_customer_never_sees_the_reseller(self):
        label = self.env["softwhere.white.label"].create(
            {"name": "Télécom Services Plus", "code": "TSP", "logo": png("navy")}
        )
        self.customer.white_label_id = label
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        invoice = self.invoice_of(self.run_and_post(D(2026, 11, 1)), self.site)
        text = self.pdf_text(invoice)
        self.assertIn("Télécom Services Plus", text)
        self.assertNotIn("Actif Télécom", text)
        # The seller's legal identity stays: its numbers and address.
        self.assertIn("SIREN 732829320 RCS Lyon", text)
        self.assertIn("12 rue de la Gare", text)
        self.assertIn("Operation category: Provision of services", text)
        # The brand's logo is in the page itself (an image the PDF holds).
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.account_invoices", invoice.ids)[0]
            .decode()
        )
        self.assertEqual(html.count("data:image/png;base64"), 2)  # header and body
        # The reseller's own customers get the company's invoice.
        self.customer.white_label_id = self.env.ref(
            "softwhere_client.white_label_actif_telecom"
        )
        self.assertEqual(invoice._softwhere_brand_name(), "Actif Télécom Test")

    def test_exempt_and_self_assessed_mentions(self):
        self.customer.charge_vat = False
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        invoice = self.invoice_of(self.run_and_post(D(2026, 11, 1)), self.site)
        text = self.pdf_text(invoice)
        self.assertIn("VAT not applicable – article 259-1 of the French tax code", text)
        self.assertIn("Operation category: Provision of services", text)

    def test_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["softwhere_billing", "softwhere_park"], ["fr_FR"]
        )
        self.customer.lang = "fr_FR"
        self.customer.vat_auto_reverse = True
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        invoice = self.invoice_of(self.run_and_post(D(2026, 11, 1)), self.site)
        text = self.pdf_text(invoice)
        for expected in (
            "Période facturée : novembre 2026 (01/11/2026 – 30/11/2026)",
            "Site de facturation : Boulangerie Martin",
            "Catégorie de l'opération : Prestations de services",
            "283-2 octies",
            "indemnité forfaitaire de 40 €",
        ):
            self.assertIn(expected, text)
