# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from lxml import etree

from odoo.tests import tagged

from .common import CREDITOR_ID, IBAN, SoftwhereBillingCase


@tagged("post_install", "-at_install")
class TestSepaDirectDebit(SoftwhereBillingCase):
    def test_a_pain_008_file_from_the_invoices_of_a_site_with_a_mandate(self):
        site = self.create_site("Garage Dubois", **self.mandate_values(mandate_rum="ACTIF-CL0002-01"))
        first = self.create_invoice(site, price=100.0)
        second = self.create_invoice(site, price=50.0)
        invoices = first | second
        self.assertEqual(invoices.mandate_id, site.mandate_id)
        self.assertEqual(invoices.payment_mode_id, site.payment_mode_id)

        action = invoices.create_account_payment_line()
        order = self.env["account.payment.order"].browse(action["res_id"])
        self.assertEqual(order.payment_mode_id, site.payment_mode_id)
        self.assertEqual(order.journal_id, self.bank_journal)
        self.assertEqual(order.payment_line_ids.mandate_id, site.mandate_id)
        order.draft2open()
        self.assertEqual(order.state, "open")
        action = order.open2generated()
        self.assertEqual(order.state, "generated")
        attachment = self.env["ir.attachment"].browse(action["res_id"])
        xml = etree.fromstring(base64.b64decode(attachment.datas))

        namespace = {"p": xml.nsmap[None]}
        self.assertIn("pain.008", namespace["p"])

        def texts(path):
            return [node.text for node in xml.xpath(path, namespaces=namespace)]

        self.assertEqual(texts("//p:PmtInf/p:PmtMtd"), ["DD"])
        self.assertEqual(
            texts("//p:PmtInf/p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr/p:Id"), [CREDITOR_ID]
        )
        self.assertEqual(
            texts("//p:DrctDbtTxInf/p:DbtrAcct/p:Id/p:IBAN"), [IBAN.replace(" ", "")]
        )
        self.assertEqual(texts("//p:DrctDbtTxInf/p:DbtrAgt/p:FinInstnId/p:BIC"), ["SOGEFRPP"])
        self.assertEqual(
            texts("//p:MndtRltdInf/p:MndtId"), [site.mandate_id.unique_mandate_reference]
        )
        self.assertEqual(texts("//p:MndtRltdInf/p:MndtId"), ["ACTIF-CL0002-01"])
        self.assertEqual(
            texts("//p:MndtRltdInf/p:DtOfSgntr"), [str(site.mandate_signature_date)]
        )
        self.assertEqual(texts("//p:PmtTpInf/p:SeqTp"), ["FRST"])
        # 100 + 50, VAT 20 % included: one debit, grouped for the debtor.
        self.assertEqual(texts("//p:DrctDbtTxInf/p:InstdAmt"), ["180.00"])
        self.assertEqual(texts("//p:GrpHdr/p:CtrlSum"), ["180.00"])
        self.assertEqual(texts("//p:DrctDbtTxInf/p:Dbtr/p:Nm"), ["Garage Dubois"])

        order.generated2uploaded()
        self.assertEqual(site.mandate_id.recurrent_sequence_type, "recurring")
