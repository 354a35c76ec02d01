# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SoftwhereClientCase


@tagged("post_install", "-at_install")
class TestAccess(SoftwhereClientCase):
    def test_user_reads_creates_and_edits_customers(self):
        customer = self.Partner.with_user(self.user).create({"name": "Atelier Garnier"})
        customer.write({"trade_name": "Garnier Déco", "softwhere_vip": True})
        contact = (
            self.env["res.partner"]
            .with_user(self.user)
            .create({"name": "Léa Garnier", "parent_id": customer.id})
        )
        self.assertEqual(customer.trade_name, "Garnier Déco")
        contact.unlink()  # a contact, not an account: the user may remove it
        self.assertFalse(contact.exists())

    def test_user_cannot_delete_a_customer_account(self):
        customer = self.create_customer()
        with self.assertRaises(AccessError) as error:
            customer.with_user(self.user).unlink()
        self.assertIn(customer.name, str(error.exception))
        self.assertTrue(customer.exists())

    def test_manager_deletes_a_customer_account(self):
        customer = self.create_customer()
        customer.with_user(self.manager).unlink()
        self.assertFalse(customer.exists())

    def test_white_labels_are_configured_by_managers_only(self):
        labels = self.env["softwhere.white.label"]
        self.assertTrue(labels.with_user(self.user).search([]))
        with self.assertRaises(AccessError):
            labels.with_user(self.user).create({"name": "Marque", "code": "MQ"})
        with self.assertRaises(AccessError):
            self.white_label.with_user(self.user).name = "Autre"
        label = labels.with_user(self.manager).create(
            {"name": "Télécom Sud", "code": "SUD"}
        )
        self.assertEqual(label.customer_count, 0)

    def test_an_employee_without_softwhere_rights_only_reads(self):
        customer = self.create_customer()
        self.assertEqual(customer.with_user(self.employee).name, customer.name)
        with self.assertRaises(AccessError):
            customer.with_user(self.employee).write({"softwhere_vip": True})
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.employee).create({"name": "Refusé"})

    def test_white_label_of_another_company_is_hidden(self):
        company = self.env["res.company"].create({"name": "Marque Sud"})
        other = self.env["softwhere.white.label"].create(
            {"name": "Sud Télécom", "code": "SUDT", "company_id": company.id}
        )
        visible = self.env["softwhere.white.label"].with_user(self.user).search([])
        self.assertNotIn(other, visible)
        self.assertIn(self.white_label, visible)
