# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SoftwhereClientCase


@tagged("post_install", "-at_install")
class TestContacts(SoftwhereClientCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer("Pharmacie Moreau")

    def create_contact(self, **values):
        return self.env["res.partner"].create(
            {"parent_id": self.customer.id, "type": "contact", **values}
        )

    def test_every_field_of_a_contact(self):
        contact = self.create_contact(
            softwhere_civility="mrs",
            firstname="Camille",
            lastname="Moreau",
            phone="01 42 68 53 00",
            direct_phone="01.42.68.53.01",
            mobile="06 12 34 56 78",
            function="Gérante",
            email="camille.moreau@pharmacie-moreau.fr",
        )
        self.assertRecordValues(
            contact,
            [
                {
                    "softwhere_civility": "mrs",
                    "firstname": "Camille",
                    "lastname": "Moreau",
                    "name": "Camille Moreau",
                    "phone": "+33142685300",
                    "direct_phone": "+33142685301",
                    "mobile": "+33612345678",
                    "function": "Gérante",
                    "email": "camille.moreau@pharmacie-moreau.fr",
                }
            ],
        )

    def test_phones_are_normalised_on_write(self):
        contact = self.create_contact(firstname="Hugo", lastname="Petit")
        contact.write({"mobile": "+33 7 81 23 45 67", "phone": "0033 4 78 00 00 00"})
        self.assertEqual(contact.mobile, "+33781234567")
        self.assertEqual(contact.phone, "+33478000000")
        self.customer.phone = "04 72 00 00 00"
        self.assertEqual(self.customer.phone, "+33472000000")

    def test_a_foreign_number_keeps_its_country(self):
        contact = self.create_contact(lastname="Muller", phone="+49 30 901820")
        self.assertEqual(contact.phone, "+4930901820")

    def test_an_impossible_number_is_refused_naming_the_field(self):
        cases = {
            "phone": "01 23",
            "direct_phone": "0899",
            "mobile": "06 12 34 56 78 90 12",
        }
        for field_name, number in cases.items():
            with (
                self.subTest(field=field_name),
                self.assertRaises(ValidationError) as error,
            ):
                self.create_contact(lastname="Erreur", **{field_name: number})
            message = str(error.exception)
            label = self.env["res.partner"]._fields[field_name].string
            self.assertIn(label, message)
            self.assertIn(number, message)
        contact = self.create_contact(lastname="Roux")
        with self.assertRaises(ValidationError) as error:
            contact.mobile = "12"
        self.assertIn("Roux", str(error.exception))

    def test_partners_outside_customer_accounts_are_left_alone(self):
        # Suppliers and users keep their numbers as typed: only the park is checked.
        supplier = self.env["res.partner"].create(
            {"name": "Fournisseur", "is_company": True, "phone": "555-0100"}
        )
        self.assertEqual(supplier.phone, "555-0100")
