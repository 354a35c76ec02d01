# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import OTHER_SIRET, SIRET, VAT, SoftwhereClientCase


@tagged("post_install", "-at_install")
class TestCustomerAccount(SoftwhereClientCase):
    def test_defaults_of_a_new_customer_account(self):
        customer = self.create_customer()
        self.assertTrue(customer.is_customer_account)
        self.assertEqual(customer.white_label_id, self.white_label)
        self.assertEqual(customer.white_label_id.name, "Actif Télécom")
        self.assertEqual(customer.softwhere_partner_type, "client")
        self.assertEqual(customer.customer_status, "awaiting_signature")
        self.assertEqual(customer.customer_type, "company")
        self.assertEqual(customer.country_id, self.france)
        self.assertTrue(customer.charge_vat)
        self.assertFalse(customer.vat_auto_reverse)
        self.assertFalse(
            customer.softwhere_vip or customer.on_call_duty or customer.is_reseller
        )
        self.assertRegex(customer.customer_reference, r"^CL\d{4,}$")

    def test_the_sequence_numbers_accounts_one_after_the_other(self):
        first, second = self.Partner.create(
            [{"name": "Garage Dubois"}, {"name": "Cabinet Roux"}]
        )
        number = int(first.customer_reference[2:])
        self.assertEqual(second.customer_reference, f"CL{number + 1:04d}")

    def test_the_sequence_skips_numbers_taken_by_hand(self):
        probe = self.create_customer("Sonde")
        following = int(probe.customer_reference[2:]) + 1
        # An imported customer already holds the next number, in lower case.
        self.create_customer("Importé", customer_reference=f"cl{following:04d}")
        customer = self.create_customer("Nouveau")
        self.assertEqual(customer.customer_reference, f"CL{following + 1:04d}")

    def test_the_sequence_skips_numbers_given_in_the_same_batch(self):
        probe = self.create_customer("Sonde")
        following = int(probe.customer_reference[2:]) + 1
        unnumbered, numbered = self.Partner.create(
            [
                {"name": "Sans numéro"},
                {"name": "Numéroté", "customer_reference": f" cl{following:04d}"},
            ]
        )
        self.assertEqual(numbered.customer_reference, f"cl{following:04d}")
        self.assertEqual(unnumbered.customer_reference, f"CL{following + 1:04d}")

    def test_a_given_billing_account_is_kept(self):
        customer = self.create_customer(customer_reference="  BRT-00042 ")
        self.assertEqual(customer.customer_reference, "BRT-00042")

    def test_duplicate_billing_account_is_refused_naming_both(self):
        self.create_customer("Garage Dubois", customer_reference="CL9001")
        with self.assertRaises(ValidationError) as error:
            self.create_customer("Cabinet Roux", customer_reference=" cl9001")
        message = str(error.exception)
        self.assertIn("cl9001", message)
        self.assertIn("Cabinet Roux", message)
        self.assertIn("Garage Dubois", message)

    def test_duplicate_billing_account_on_write(self):
        self.create_customer("Garage Dubois", customer_reference="CL9002")
        other = self.create_customer("Cabinet Roux")
        with self.assertRaises(ValidationError):
            other.customer_reference = "CL9002"

    def test_the_company_check_of_a_batch_names_the_customer_at_fault(self):
        """The company check of a batch runs once per group of alike customers
        (the orm helper's sample): a customer at fault is still found and
        named, and a batch without fault passes."""
        label = self.env["softwhere.white.label"].create(
            {"name": "Sud Télécom", "code": "SUD"}
        )
        company_id = self.env.company.id
        customers = self.Partner.create(
            [
                {"name": f"Client {number:02d}", "company_id": company_id}
                for number in range(12)
            ]
        )
        customers._check_company()
        customers[7].white_label_id = label
        customers._check_company()
        # The brand then moves to another company: the customer no longer
        # matches it (a change Odoo does not check on the brand's side).
        label.company_id = self.env["res.company"].create({"name": "Marque Sud"})
        with self.assertRaises(UserError) as caught:
            customers._check_company()
        message = str(caught.exception)
        self.assertIn("Client 07", message)
        self.assertIn("Sud Télécom", message)
        self.assertNotIn("Client 06", message)

    def test_the_same_account_in_another_company_is_allowed(self):
        company = self.env["res.company"].create({"name": "Marque Sud"})
        self.create_customer(
            "A", customer_reference="CL9003", company_id=self.env.company.id
        )
        other = self.create_customer(
            "B", customer_reference="CL9003", company_id=company.id
        )
        self.assertEqual(other.customer_reference, "CL9003")

    def test_contacts_and_other_partners_get_no_billing_account(self):
        customer = self.create_customer()
        contact = self.env["res.partner"].create(
            {"name": "Camille Martin", "parent_id": customer.id, "type": "contact"}
        )
        supplier = self.env["res.partner"].create(
            {"name": "Orange", "is_company": True}
        )
        self.assertFalse(contact.customer_reference)
        self.assertFalse(supplier.customer_reference or supplier.is_customer_account)

    def test_turning_a_partner_into_a_customer_account_numbers_it(self):
        partner = self.env["res.partner"].create(
            {"name": "Prospect", "is_company": True}
        )
        partner.is_customer_account = True
        self.assertRegex(partner.customer_reference, r"^CL\d{4,}$")

    def test_commission_between_0_and_100(self):
        provider = self.env["res.partner"].create(
            {
                "name": "Apporteur Conseil",
                "is_company": True,
                "is_business_provider": True,
                "provider_commission_rate": 7.5,
            }
        )
        customer = self.create_customer(business_provider_id=provider.id)
        self.assertEqual(customer.commission_rate, 7.5)
        customer.commission_rate = 12
        self.assertEqual(customer.commission_rate, 12)
        for rate in (-1, 100.01, 250):
            with self.subTest(rate=rate), self.assertRaises(ValidationError) as error:
                customer.commission_rate = rate
            self.assertIn("Commission (%)", str(error.exception))
            self.assertIn(customer.name, str(error.exception))
        with self.assertRaises(ValidationError):
            provider.provider_commission_rate = 101

    def test_bad_siret_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.create_customer(company_registry="73282932000075")
        self.assertIn("73282932000075", str(error.exception))

    def test_good_siret_and_vat_are_kept(self):
        customer = self.create_customer(company_registry=SIRET, vat=VAT)
        self.assertEqual((customer.company_registry, customer.vat), (SIRET, VAT))

    def test_bad_vat_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.create_customer(vat="FR00732829320")
        self.assertIn("00732829320", str(error.exception))

    def test_vat_must_match_the_siren(self):
        with self.assertRaises(ValidationError) as error:
            self.create_customer(company_registry=OTHER_SIRET, vat=VAT)
        self.assertIn("SIREN", str(error.exception))

    def test_reseller_level(self):
        customer = self.create_customer()
        self.assertEqual(customer.reseller_level, 0)
        customer.is_reseller = True
        self.assertEqual(customer.reseller_level, 1)
        customer.reseller_level = 3
        with self.assertRaises(ValidationError) as error:
            customer.write({"reseller_level": 0})
        self.assertIn("Reseller level", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.create_customer("Sans revendeur", is_reseller=False, reseller_level=2)
        self.assertIn("not a reseller", str(error.exception))

    def test_negative_capital_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.create_customer(softwhere_capital=-10)
        self.assertIn("Share capital", str(error.exception))

    def test_every_column_of_the_bluerocktel_file_has_a_field(self):
        customer = self.create_customer(
            "SAS Transports Leroy",
            customer_reference="CL7777",
            accounts_reference="411LEROY",
            company_registry=SIRET,
            vat=VAT,
            legal_form="SAS",
            softwhere_capital=15000.5,
            street="12 rue de la Paix",
            street2="Bâtiment B",
            zip="75002",
            city="Paris",
            website="https://leroy.example",
            is_reseller=True,
            reseller_level=2,
            charge_vat=False,
            vat_auto_reverse=True,
            on_call_duty=True,
            softwhere_vip=True,
            trade_name="Leroy Express",
        )
        customer.invalidate_recordset()
        self.assertRecordValues(
            customer,
            [
                {
                    "customer_reference": "CL7777",
                    "accounts_reference": "411LEROY",
                    "name": "SAS Transports Leroy",
                    "legal_form": "SAS",
                    "softwhere_capital": 15000.5,
                    "street2": "Bâtiment B",
                    "reseller_level": 2,
                    "charge_vat": False,
                    "vat_auto_reverse": True,
                    "on_call_duty": True,
                    "softwhere_vip": True,
                    "trade_name": "Leroy Express",
                    "active": True,
                }
            ],
        )
        self.assertTrue(re.match(r"^https?://", customer.website))
