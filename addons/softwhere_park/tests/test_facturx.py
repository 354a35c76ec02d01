# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Factur-X of the invoice runs: the XML Odoo's ``account_edi_ubl_cii``
embeds in each invoice PDF, read back from the PDF and validated by the
``factur-x`` package (PyPI) against the official XSD, and against the EN 16931
rules on VAT the XSD cannot check."""

from collections import defaultdict
from decimal import Decimal

import facturx
from lxml import etree

from odoo.tests import tagged

from .common import D, InvoiceDocumentCase

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:"
    "ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}


class FacturXCase(InvoiceDocumentCase):
    def factur_x(self, invoice):
        """The XML embedded in the invoice's PDF, after the factur-x package
        found it valid against the official XSD of its level."""
        self.assertTrue(invoice.invoice_pdf_report_id, invoice.name)
        pdf = invoice.invoice_pdf_report_id.raw
        self.assertEqual(pdf[:5], b"%PDF-")
        filename, xml = facturx.get_facturx_xml_from_pdf(pdf, check_xsd=False)
        self.assertEqual(filename, "factur-x.xml", "no Factur-X in the PDF")
        tree = etree.fromstring(xml)
        self.assertEqual(facturx.get_flavor(tree), "factur-x")
        # Raises with the XSD's error when the XML is not valid.
        self.assertTrue(facturx.xml_check_xsd(xml))
        # Odoo writes the EXTENDED profile's context, whose XSD holds EN 16931's:
        # the XML is checked against the EN 16931 XSD too.
        self.assertEqual(facturx.get_level(tree), "extended")
        self.assertTrue(facturx.xml_check_xsd(xml, level="en16931"))
        self.assertVatRules(tree)
        return tree

    def assertVatRules(self, tree):
        """EN 16931's VAT rules (the schematron's, written out: the factur-x
        package needs a Saxon server for it): each line's category has its
        breakdown, whose basis is the sum of its lines (BR-S-08, BR-E-08,
        BR-AE-08); E and AE charge no VAT and give a reason (BR-E-09/10,
        BR-AE-09/10); an AE invoice names the seller's VAT number and the
        buyer's (BR-AE-02)."""
        lines = defaultdict(Decimal)
        for item in tree.iterfind(".//ram:IncludedSupplyChainTradeLineItem", NS):
            category = item.findtext(
                ".//ram:ApplicableTradeTax/ram:CategoryCode", None, NS
            )
            lines[category] += Decimal(
                item.findtext(".//ram:LineTotalAmount", None, NS)
            )
        breakdown = {}
        for tax in tree.iterfind(
            ".//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", NS
        ):
            category = tax.findtext("ram:CategoryCode", None, NS)
            breakdown[category] = tax
            self.assertEqual(
                Decimal(tax.findtext("ram:BasisAmount", None, NS)), lines[category]
            )
            if category in ("E", "AE"):
                self.assertEqual(
                    Decimal(tax.findtext("ram:CalculatedAmount", None, NS)), 0
                )
                self.assertEqual(
                    Decimal(tax.findtext("ram:RateApplicablePercent", None, NS)), 0
                )
                self.assertTrue(
                    tax.findtext("ram:ExemptionReason", None, NS)
                    or tax.findtext("ram:ExemptionReasonCode", None, NS),
                    f"BR-{category}-10: no exemption reason",
                )
        self.assertEqual(set(breakdown), set(lines))
        if "AE" in breakdown:
            seller_vat = tree.findtext(
                ".//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID", None, NS
            )
            buyer = tree.find(".//ram:BuyerTradeParty", NS)
            self.assertTrue(seller_vat)
            self.assertTrue(
                buyer.findtext("ram:SpecifiedTaxRegistration/ram:ID", None, NS)
                or buyer.findtext("ram:SpecifiedLegalOrganization/ram:ID", None, NS),
                "BR-AE-02: the buyer has no VAT number nor legal registration",
            )

    def tax_breakdown(self, tree):
        return {
            tax.findtext("ram:CategoryCode", None, NS): {
                "basis": tax.findtext("ram:BasisAmount", None, NS),
                "vat": tax.findtext("ram:CalculatedAmount", None, NS),
                "reason": tax.findtext("ram:ExemptionReason", None, NS),
                "code": tax.findtext("ram:ExemptionReasonCode", None, NS),
            }
            for tax in tree.iterfind(
                ".//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", NS
            )
        }

    def line_periods(self, tree):
        """{line name: (first day, last day)} as the XML gives them."""
        periods = {}
        for item in tree.iterfind(".//ram:IncludedSupplyChainTradeLineItem", NS):
            name = item.findtext(
                ".//ram:SpecifiedTradeProduct/ram:Description", None, NS
            )
            period = item.find(
                ".//ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod", NS
            )
            periods[name] = period is not None and (
                period.findtext("ram:StartDateTime/udt:DateTimeString", None, NS),
                period.findtext("ram:EndDateTime/udt:DateTimeString", None, NS),
            )
        return periods


@tagged("post_install", "-at_install")
class TestFacturX(FacturXCase):
    def test_a_normal_site(self):
        self.create_line(
            first_name="Léa",
            last_name="Petit",
            articles=[(self.plan_20, D(2026, 1, 1))],
        )
        self.create_line("0698765432", articles=[(self.plan_100, D(2026, 11, 16))])
        run = self.run_and_post(D(2026, 11, 1))
        invoice = self.invoice_of(run, self.site)
        self.assertEqual(invoice.state, "posted")
        tree = self.factur_x(invoice)
        self.assertEqual(
            tree.findtext(".//rsm:ExchangedDocument/ram:ID", None, NS), invoice.name
        )
        self.assertEqual(
            tree.findtext(".//rsm:ExchangedDocument/ram:TypeCode", None, NS), "380"
        )
        # The seller's and the customer's SIREN, under the SIREN scheme.
        seller = tree.find(
            ".//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID", NS
        )
        buyer = tree.find(
            ".//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID", NS
        )
        self.assertEqual((seller.text, seller.get("schemeID")), ("732829320", "0002"))
        self.assertEqual((buyer.text, buyer.get("schemeID")), ("552081317", "0002"))
        self.assertEqual(
            tree.findtext(
                ".//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID", None, NS
            ),
            "FR44732829320",
        )
        self.assertEqual(
            self.tax_breakdown(tree),
            {"S": {"basis": "34.85", "vat": "6.97", "reason": None, "code": None}},
        )
        self.assertEqual(
            tree.findtext(".//ram:DuePayableAmount", None, NS),
            f"{invoice.amount_total:.2f}",
        )
        # The days each line bills, and the month billed.
        periods = self.line_periods(tree)
        self.assertEqual(
            periods["0612345678 – Léa Petit – Forfait Pro Illimité 20Go Orange"],
            ("20261101", "20261130"),
        )
        self.assertIn(("20261116", "20261130"), periods.values())
        header = tree.find(
            ".//ram:ApplicableHeaderTradeSettlement/ram:BillingSpecifiedPeriod", NS
        )
        self.assertEqual(
            header.findtext("ram:StartDateTime/udt:DateTimeString", None, NS),
            "20261101",
        )
        self.assertEqual(
            header.findtext("ram:EndDateTime/udt:DateTimeString", None, NS), "20261130"
        )
        # Made with the PDF, the XML is the invoice's own attachment too; making
        # them did not mark the invoice sent.
        self.assertEqual(
            invoice.ubl_cii_xml_id.name,
            f"{invoice.name.replace('/', '_')}_factur_x.xml",
        )
        self.assertFalse(invoice.is_move_sent)

    def test_an_exempt_site(self):
        foreign = self.create_site("Telefon Handel GmbH")
        foreign.partner_id.write(
            {
                "charge_vat": False,
                "country_id": self.env.ref("base.de").id,
                "vat": "DE123456788",
            }
        )
        service = self.Service.create(
            {"partner_id": foreign.partner_id.id, "service_type": "mobile"}
        )
        self.create_line(
            "0611112222", service=service, articles=[(self.plan_20, D(2026, 1, 1))]
        )
        run = self.run_and_post(D(2026, 11, 1))
        tree = self.factur_x(self.invoice_of(run, foreign))
        self.assertEqual(
            self.tax_breakdown(tree),
            {
                "E": {
                    "basis": "19.90",
                    "vat": "0.00",
                    "reason": "VAT not applicable – article 259-1 of the French "
                    "tax code, reverse charge by the customer",
                    "code": None,
                }
            },
        )

    def test_an_arcep_self_assessed_site_with_a_smartphone(self):
        operator = self.create_site("Opérateur Télécom SA")
        operator.partner_id.write({"vat_auto_reverse": True, "vat": "FR23334175221"})
        service = self.Service.create(
            {"partner_id": operator.partner_id.id, "service_type": "mobile"}
        )
        self.create_line(
            "0611113333",
            service=service,
            articles=[
                (self.plan_20, D(2026, 1, 1)),
                (self.article("HW-SGA55"), D(2026, 10, 20)),
            ],
        )
        operator.park_billing_start = D(2026, 10, 1)
        run = self.run_and_post(D(2026, 11, 1))
        tree = self.factur_x(self.invoice_of(run, operator))
        breakdown = self.tax_breakdown(tree)
        self.assertEqual(breakdown["AE"]["vat"], "0.00")
        self.assertEqual(
            breakdown["AE"]["reason"],
            "Self-assessed VAT – article 283-2 octies of the French tax code",
        )
        self.assertEqual(breakdown["AE"]["code"], "VATEX-EU-AE")
        # The smartphone is not self-assessed: standard rate.
        self.assertEqual(breakdown["S"]["basis"], "399.00")
        self.assertEqual(breakdown["S"]["vat"], "79.80")

    def test_an_invoice_with_regularisations(self):
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        self.run_and_post(D(2026, 11, 1))
        self.create_line("0698765432", articles=[(self.plan_100, D(2026, 11, 16))])
        run = self.run_and_post(D(2026, 12, 1))
        invoice = self.invoice_of(run, self.site)
        self.assertTrue(invoice.invoice_line_ids.filtered("softwhere_regularisation"))
        tree = self.factur_x(invoice)
        periods = self.line_periods(tree)
        # 15 days of November regularised on the December invoice.
        self.assertIn(("20261116", "20261130"), periods.values())
        header = tree.find(
            ".//ram:ApplicableHeaderTradeSettlement/ram:BillingSpecifiedPeriod", NS
        )
        self.assertEqual(
            header.findtext("ram:StartDateTime/udt:DateTimeString", None, NS),
            "20261116",
        )
        self.assertEqual(
            header.findtext("ram:EndDateTime/udt:DateTimeString", None, NS), "20261231"
        )
        self.assertEqual(
            self.tax_breakdown(tree)["S"]["basis"], f"{invoice.amount_untaxed:.2f}"
        )

    def test_a_credit_note(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        self.run_and_post(D(2026, 11, 1))
        line.write({"activity": "terminated", "termination_date": D(2026, 11, 20)})
        run = self.run_and_post(D(2026, 12, 1))
        credit = self.invoice_of(run, self.site)
        self.assertEqual(credit.move_type, "out_refund")
        tree = self.factur_x(credit)
        self.assertEqual(
            tree.findtext(".//rsm:ExchangedDocument/ram:TypeCode", None, NS), "381"
        )
        self.assertEqual(
            self.tax_breakdown(tree),
            {"S": {"basis": "6.63", "vat": "1.33", "reason": None, "code": None}},
        )

    def test_a_sepa_invoice_names_its_mandate_not_an_account_to_pay(self):
        self.site.write(self.mandate_values())
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        run = self.run_and_post(D(2026, 11, 1))
        invoice = self.invoice_of(run, self.site)
        self.assertEqual(invoice.mandate_id, self.site.mandate_id)
        tree = self.factur_x(invoice)
        settlement = tree.find(".//ram:ApplicableHeaderTradeSettlement", NS)
        self.assertEqual(
            settlement.findtext("ram:CreditorReferenceID", None, NS), "FR63ZZZ648291"
        )
        means = settlement.find("ram:SpecifiedTradeSettlementPaymentMeans", NS)
        self.assertEqual(means.findtext("ram:TypeCode", None, NS), "59")
        self.assertEqual(
            means.findtext("ram:PayerPartyDebtorFinancialAccount/ram:IBANID", None, NS),
            "FR7630003140029713445885396",
        )
        self.assertIsNone(means.find("ram:PayeePartyCreditorFinancialAccount", NS))
        self.assertEqual(
            settlement.findtext(
                "ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID", None, NS
            ),
            self.site.mandate_id.unique_mandate_reference,
        )
