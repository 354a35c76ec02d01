# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import facturx
from lxml import etree

from odoo.tests import tagged

from .common import SoftwherePortalCase


@tagged("post_install", "-at_install")
class TestInvoiceDocuments(SoftwherePortalCase):
    """Odoo's invoices portal, with the invoice's PDF (its Factur-X inside) and
    its Factur-X XML for the customer to download, and for no one else."""

    def test_the_customer_downloads_its_factur_x(self):
        invoice = self.create_invoice(self.site_a)
        with self.real_pdf():
            self.assertFalse(
                invoice.with_context(
                    force_report_rendering=True
                )._softwhere_generate_documents()
            )
        self.assertTrue(invoice.invoice_pdf_report_id)
        self.assertTrue(invoice.ubl_cii_xml_id)
        self.authenticate("portal_a", "portal_a")
        page = self.page(f"/my/invoices/{invoice.id}").text
        self.assertIn(f"/my/invoices/{invoice.id}/facturx/pdf", page)
        self.assertIn(f"/my/invoices/{invoice.id}/facturx/xml", page)
        pdf = self.page(f"/my/invoices/{invoice.id}/facturx/pdf")
        self.assertEqual(pdf.content[:5], b"%PDF-")
        self.assertIn(
            invoice.invoice_pdf_report_id.name, pdf.headers["Content-Disposition"]
        )
        filename, embedded = facturx.get_facturx_xml_from_pdf(
            pdf.content, check_xsd=False
        )
        self.assertEqual(filename, "factur-x.xml")
        xml = self.page(f"/my/invoices/{invoice.id}/facturx/xml")
        self.assertIn(invoice.ubl_cii_xml_id.name, xml.headers["Content-Disposition"])
        tree = etree.fromstring(xml.content)
        self.assertEqual(etree.QName(tree).localname, "CrossIndustryInvoice")
        self.assertIn(invoice.name.encode(), xml.content)
        self.assertEqual(
            etree.QName(etree.fromstring(embedded)).localname, "CrossIndustryInvoice"
        )
        # Not to another customer's user.
        self.authenticate("portal_b", "portal_b")
        for kind in ("pdf", "xml"):
            response = self.url_open(f"/my/invoices/{invoice.id}/facturx/{kind}")
            self.assertEqual(self.landed_on(response), "/my")
            self.assertNotIn(b"CrossIndustryInvoice", response.content)
            self.assertNotEqual(response.content[:5], b"%PDF-")

    def test_an_invoice_not_made_yet_has_no_factur_x(self):
        invoice = self.create_invoice(self.site_a)
        self.authenticate("portal_a", "portal_a")
        page = self.page(f"/my/invoices/{invoice.id}").text
        self.assertNotIn("/facturx/", page)
        self.assertEqual(
            self.url_open(f"/my/invoices/{invoice.id}/facturx/xml").status_code, 404
        )
