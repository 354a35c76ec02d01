# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from lxml import etree

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import (
    BIC,
    CREDITOR_ID,
    IBAN,
    OTHER_BIC,
    OTHER_IBAN,
    SoftwhereBillingCase,
)


@tagged("post_install", "-at_install")
class TestMandate(SoftwhereBillingCase):
    def assert_refused(self, site, values, field_label, *fragments):
        with self.assertRaises(ValidationError) as error:
            site.write(values)
        message = str(error.exception)
        self.assertIn(site.name, message)
        self.assertIn(f"“{field_label}”", message)
        for fragment in fragments:
            self.assertIn(fragment, message)
        return message

    def test_a_good_mandate_becomes_valid_and_the_site_pays_by_sepa_debit(self):
        site = self.create_site()
        site.write(self.mandate_values())
        mandate = site.mandate_id
        self.assertEqual(mandate.state, "valid")
        self.assertEqual(site.mandate_state, "valid")
        self.assertEqual(mandate.format, "sepa")
        self.assertEqual(mandate.type, "recurrent")
        self.assertEqual(mandate.recurrent_sequence_type, "first")
        self.assertEqual(mandate.company_id, self.company)
        self.assertEqual(mandate.partner_id, site.partner_id)
        self.assertEqual(
            mandate.partner_bank_id.sanitized_acc_number, IBAN.replace(" ", "")
        )
        self.assertEqual(mandate.partner_bank_id.bank_id.bic, BIC)
        # The RUM comes from OCA's mandate sequence when none is given.
        self.assertRegex(mandate.unique_mandate_reference, r"^BM\d{7}$")
        self.assertEqual(site.mandate_rum, mandate.unique_mandate_reference)
        self.assertEqual(site.mandate_iban, IBAN)
        self.assertEqual(site.mandate_bic, BIC)
        mode = site.payment_mode_id
        self.assertEqual(mode.payment_method_id.code, "sepa_direct_debit")
        self.assertEqual(mode.company_id, self.company)
        self.assertEqual(mode.fixed_journal_id, self.bank_journal)
        # One SEPA mode per company: the next site gets the same.
        other = self.create_site("Garage Dubois")
        other.write(self.mandate_values(mandate_iban=OTHER_IBAN, mandate_bic=OTHER_BIC))
        self.assertEqual(other.payment_mode_id, mode)

    def test_a_rum_given_is_kept(self):
        site = self.create_site()
        site.write(self.mandate_values(mandate_rum="ACTIF-CL0001-01"))
        self.assertEqual(site.mandate_id.unique_mandate_reference, "ACTIF-CL0001-01")

    def test_a_mandate_without_signature_date_is_a_draft(self):
        site = self.create_site()
        site.write(self.mandate_values(mandate_signature_date=False))
        self.assertEqual(site.mandate_state, "draft")
        self.assertFalse(site.payment_mode_id)
        site.mandate_signature_date = fields.Date.subtract(fields.Date.today(), days=3)
        self.assertEqual(site.mandate_state, "valid")
        self.assertEqual(
            site.payment_mode_id.payment_method_id.code, "sepa_direct_debit"
        )

    def test_a_bad_iban_is_refused_naming_the_field(self):
        site = self.create_site()
        self.assert_refused(
            site,
            self.mandate_values(mandate_iban="FR76 3000 3140 0297 1344 5885 397"),
            "IBAN",
            "FR76 3000 3140 0297 1344 5885 397",
        )
        self.assertFalse(site.mandate_id)

    def test_a_bad_bic_is_refused_naming_the_field(self):
        site = self.create_site()
        self.assert_refused(
            site, self.mandate_values(mandate_bic="SOGE12PP"), "BIC", "SOGE12PP"
        )

    def test_a_bic_of_another_country_than_the_iban_is_refused(self):
        site = self.create_site()
        self.assert_refused(
            site, self.mandate_values(mandate_bic="DEUTDEFF"), "BIC", "DEUTDEFF", "FR"
        )

    def test_a_missing_bic_is_refused(self):
        site = self.create_site()
        self.assert_refused(site, self.mandate_values(mandate_bic=False), "BIC")

    def test_a_bad_rum_is_refused(self):
        site = self.create_site()
        self.assert_refused(site, self.mandate_values(mandate_rum="/RUM//1"), "RUM")

    def test_a_duplicate_rum_is_refused_naming_the_other_holder(self):
        first = self.create_site("Garage Dubois")
        first.write(self.mandate_values(mandate_rum="ACTIF-0001"))
        second = self.create_site("Cabinet Roux")
        self.assert_refused(
            second,
            self.mandate_values(
                mandate_rum="ACTIF-0001", mandate_iban=OTHER_IBAN, mandate_bic=OTHER_BIC
            ),
            "RUM",
            "ACTIF-0001",
            "Garage Dubois",
        )
        self.assertFalse(second.mandate_id)

    def test_a_valid_mandate_keeps_its_signature_date(self):
        site = self.create_site()
        site.write(self.mandate_values())
        self.assert_refused(site, {"mandate_signature_date": False}, "Signature date")
        self.assertEqual(site.mandate_state, "valid")

    def test_a_signature_in_the_future_is_refused(self):
        site = self.create_site()
        self.assert_refused(
            site,
            self.mandate_values(
                mandate_signature_date=fields.Date.add(fields.Date.today(), days=2)
            ),
            "Signature date",
        )

    def test_the_holder_may_be_another_partner(self):
        site = self.create_site("Cabinet Roux")
        holder = self.env["res.partner"].create(
            {"name": "Hélène Roux", "parent_id": site.partner_id.id}
        )
        site.write(self.mandate_values(mandate_partner_id=holder.id))
        self.assertEqual(site.mandate_id.partner_id, holder)
        self.assertEqual(site.mandate_partner_id, holder)
        self.assertEqual(site.mandate_id.partner_bank_id.partner_id, holder)
        # The invoice of the customer still carries the holder's mandate.
        invoice = self.create_invoice(site)
        self.assertEqual(invoice.partner_id, site.partner_id)
        self.assertEqual(invoice.mandate_id, site.mandate_id)
        self.assertEqual(invoice.payment_mode_id, site.payment_mode_id)

    def test_a_new_account_restarts_the_debit_sequence(self):
        site = self.create_site()
        site.write(self.mandate_values())
        mandate = site.mandate_id
        mandate.recurrent_sequence_type = "recurring"
        site.write({"mandate_iban": OTHER_IBAN, "mandate_bic": OTHER_BIC})
        self.assertEqual(site.mandate_id, mandate)
        self.assertEqual(mandate.recurrent_sequence_type, "first")
        self.assertEqual(mandate.partner_bank_id.bank_id.bic, OTHER_BIC)
        # The same IBAN for the same holder is one bank account.
        other = self.create_site("Garage Dubois")
        other.write(
            self.mandate_values(
                mandate_partner_id=site.partner_id.id,
                mandate_iban=OTHER_IBAN,
                mandate_bic=OTHER_BIC,
            )
        )
        self.assertEqual(other.mandate_id.partner_bank_id, mandate.partner_bank_id)
        self.assertNotEqual(other.mandate_id, mandate)

    def test_removing_the_account_cancels_the_mandate(self):
        site = self.create_site()
        site.write(self.mandate_values())
        mandate = site.mandate_id
        site.write({"mandate_iban": False, "mandate_bic": False})
        self.assertEqual(mandate.state, "cancel")
        self.assertFalse(site.mandate_id)
        self.assertFalse(site.payment_mode_id)
        # A new mandate afterwards takes a new reference, not the cancelled one's.
        self.assert_refused(
            site,
            self.mandate_values(mandate_rum=mandate.unique_mandate_reference),
            "RUM",
        )
        site.write(self.mandate_values())
        self.assertEqual(site.mandate_state, "valid")
        self.assertNotEqual(site.mandate_id, mandate)
        self.assertNotEqual(site.mandate_rum, mandate.unique_mandate_reference)

    def test_an_expired_mandate_drops_the_sepa_payment_mode(self):
        site = self.create_site()
        site.write(self.mandate_values())
        site.mandate_id.state = "expired"
        self.assertFalse(site.payment_mode_id)
        site.write({"mandate_iban": OTHER_IBAN, "mandate_bic": OTHER_BIC})
        self.assertEqual(site.mandate_state, "valid")
        self.assertEqual(
            site.payment_mode_id.payment_method_id.code, "sepa_direct_debit"
        )

    def test_sepa_debit_without_a_valid_mandate_is_refused(self):
        site = self.create_site()
        mode = self.company._softwhere_sepa_payment_mode()
        with self.assertRaises(ValidationError) as error:
            site.payment_mode_id = mode
        self.assertIn("Payment Mode", str(error.exception))

    def test_the_mandate_can_be_given_at_creation(self):
        customer = self.create_customer("Hôtel Rousseau")
        site = self.Site.create(
            {
                "partner_id": customer.id,
                "name": "Hôtel Rousseau – Spa",
                **self.mandate_values(),
            }
        )
        self.assertEqual(site.mandate_state, "valid")
        self.assertEqual(site.mandate_id.partner_id, customer)

    def test_sites_created_together_get_their_mandates(self):
        """As an import creates them: one batch, one account per holder and IBAN."""
        customer = self.create_customer("Hôtel Rousseau")
        other = self.create_customer("Garage Dubois")
        sites = self.Site.create(
            [
                {
                    "partner_id": customer.id,
                    "name": "Hôtel – Spa",
                    **self.mandate_values(),
                },
                {
                    "partner_id": customer.id,
                    "name": "Hôtel – Restaurant",
                    **self.mandate_values(mandate_rum="ACTIF-0002"),
                },
                {"partner_id": customer.id, "name": "Hôtel – Bar"},
                {
                    "partner_id": other.id,
                    "name": "Garage",
                    **self.mandate_values(
                        mandate_iban=OTHER_IBAN,
                        mandate_bic=OTHER_BIC,
                        mandate_signature_date=False,
                    ),
                },
            ]
        )
        self.assertEqual(
            sites.mapped("mandate_state"), ["valid", "valid", False, "draft"]
        )
        spa, restaurant, bar, garage = sites
        self.assertEqual(
            spa.mandate_id.partner_bank_id, restaurant.mandate_id.partner_bank_id
        )
        self.assertEqual(restaurant.mandate_rum, "ACTIF-0002")
        self.assertEqual(garage.mandate_id.partner_id, other)
        self.assertEqual(garage.mandate_iban, OTHER_IBAN)
        self.assertFalse(bar.mandate_id)
        self.assertEqual(
            len(
                self.env["res.partner.bank"].search([("partner_id", "=", customer.id)])
            ),
            1,
        )
        self.assertEqual(
            spa.payment_mode_id.payment_method_id.code, "sepa_direct_debit"
        )
        self.assertFalse(garage.payment_mode_id.payment_method_id.mandate_required)

    def test_one_rum_given_to_two_sites_created_together_is_refused(self):
        customer = self.create_customer("Hôtel Rousseau")
        mandates = self.env["account.banking.mandate"].search_count([])
        with self.assertRaises(ValidationError) as error:
            self.Site.create(
                [
                    {
                        "partner_id": customer.id,
                        "name": name,
                        **self.mandate_values(mandate_rum="ACTIF-0001"),
                    }
                    for name in ("Hôtel – Spa", "Hôtel – Bar")
                ]
            )
        self.assertIn("Hôtel – Bar", str(error.exception))
        self.assertIn("ACTIF-0001", str(error.exception))
        self.assertEqual(self.env["account.banking.mandate"].search_count([]), mandates)

    def test_a_pain_008_file_from_the_invoices_of_a_site_with_a_mandate(self):
        site = self.create_site(
            "Garage Dubois", **self.mandate_values(mandate_rum="ACTIF-CL0002-01")
        )
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
        self.assertEqual(
            texts("//p:DrctDbtTxInf/p:DbtrAgt/p:FinInstnId/p:BIC"), ["SOGEFRPP"]
        )
        self.assertEqual(
            texts("//p:MndtRltdInf/p:MndtId"),
            [site.mandate_id.unique_mandate_reference],
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
