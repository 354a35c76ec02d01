# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SoftwhereClientCase


@tagged("post_install", "-at_install")
class TestLifecycle(SoftwhereClientCase):
    def status_changes(self, customer):
        """(old, new, author) of each tracked status change, oldest first."""
        values = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "=", customer.id),
                ("field_id.name", "=", "customer_status"),
            ],
            order="id",
        )
        return [
            (v.old_value_char, v.new_value_char, v.mail_message_id.author_id)
            for v in values
        ]

    def test_from_signature_to_termination(self):
        customer = self.create_customer().with_user(self.user)
        customer.action_mark_signed()
        self.assertEqual(customer.customer_status, "signed")
        customer.action_mark_active()
        self.assertEqual(customer.customer_status, "active_compliant")
        customer.action_terminate()
        self.assertEqual(customer.customer_status, "terminated")
        self.assertEqual(customer.termination_date, fields.Date.context_today(customer))
        customer.action_reopen()
        self.assertEqual(customer.customer_status, "awaiting_signature")
        self.assertFalse(customer.termination_date)

    def test_each_change_is_in_the_chatter_with_its_author(self):
        customer = self.create_customer().with_user(self.user)
        # Tracking values are written when the transaction commits: one per commit.
        self.env.cr.precommit.run()
        customer.action_mark_signed()
        self.env.cr.precommit.run()
        customer.action_mark_active()
        self.env.cr.precommit.run()
        changes = self.status_changes(customer)
        self.assertEqual(
            [(old, new) for old, new, _ in changes],
            [("Awaiting signature", "Signed"), ("Signed", "Active – compliant")],
        )
        self.assertEqual({author for *_, author in changes}, {self.user.partner_id})

    def test_a_change_that_skips_the_lifecycle_is_refused(self):
        customer = self.create_customer()
        customer.action_terminate()
        with self.assertRaises(UserError) as error:
            customer.action_mark_signed()
        self.assertIn(customer.name, str(error.exception))
        self.assertIn("Terminated", str(error.exception))
        customer.action_mark_obsolete()
        self.assertEqual(customer.customer_status, "obsolete")
        with self.assertRaises(UserError):
            customer.action_mark_obsolete()

    def test_only_customer_accounts_have_a_lifecycle(self):
        supplier = self.env["res.partner"].create(
            {"name": "Orange", "is_company": True}
        )
        with self.assertRaises(UserError):
            supplier.action_mark_signed()
