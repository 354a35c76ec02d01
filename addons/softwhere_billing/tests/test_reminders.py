# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import SoftwhereBillingCase


@tagged("post_install", "-at_install")
class TestReminders(SoftwhereBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("softwhere_billing.mail_template_payment_reminder")
        cls.due = fields.Date.subtract(fields.Date.today(), days=20)

    def overdue_invoice(self, name, **site_values):
        site = self.create_site(name, **site_values)
        return self.create_invoice(
            site,
            invoice_date=self.due - timedelta(days=30),
            invoice_date_due=self.due,
        )

    def reminders(self, invoice):
        """The reminder e-mails of an invoice: chatter messages sent to its customer."""
        return invoice.message_ids.filtered(
            lambda message: (
                message.message_type == "comment"
                and invoice.partner_id in message.partner_ids
                and "reminder" in (message.subject or "")
            )
        )

    def test_a_blocked_site_gets_no_reminder_another_does(self):
        reminded = self.overdue_invoice("Garage Dubois")
        blocked = self.overdue_invoice("Cabinet Roux", block_reminders=True)
        self.env["account.move"]._cron_send_payment_reminders()
        messages = self.reminders(reminded)
        self.assertEqual(len(messages), 1)
        self.assertIn(reminded.name, messages.subject)
        self.assertIn(reminded.name, messages.body)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", messages.id)])
        self.assertEqual(mail.recipient_ids, reminded.partner_id)
        self.assertEqual(reminded.payment_reminder_date, fields.Date.today())
        self.assertEqual(reminded.payment_reminder_count, 1)
        self.assertFalse(self.reminders(blocked))
        self.assertFalse(blocked.payment_reminder_date)

    def test_at_most_one_reminder_per_invoice_in_n_days(self):
        self.env["ir.config_parameter"].set_param(
            "softwhere_billing.reminder_interval_days", 10
        )
        invoice = self.overdue_invoice("Garage Dubois")
        Move = self.env["account.move"]
        Move._cron_send_payment_reminders()
        Move._cron_send_payment_reminders()
        self.assertEqual(len(self.reminders(invoice)), 1)
        with freeze_time(fields.Date.today() + timedelta(days=9)):
            Move._cron_send_payment_reminders()
        self.assertEqual(len(self.reminders(invoice)), 1)
        with freeze_time(fields.Date.today() + timedelta(days=10)):
            Move._cron_send_payment_reminders()
        self.assertEqual(len(self.reminders(invoice)), 2)
        self.assertEqual(invoice.payment_reminder_count, 2)

    def test_the_default_interval_is_seven_days(self):
        self.env["ir.config_parameter"].search(
            [("key", "=", "softwhere_billing.reminder_interval_days")]
        ).unlink()
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.softwhere_reminder_interval_days, 7)
        self.assertEqual(self.env["account.move"]._payment_reminder_interval(), 7)

    def test_paid_not_yet_due_and_draft_invoices_get_no_reminder(self):
        site = self.create_site("Garage Dubois")
        not_due = self.create_invoice(
            site, invoice_date_due=fields.Date.add(fields.Date.today(), days=5)
        )
        draft = self.create_invoice(site, post=False, invoice_date_due=self.due)
        paid = self.overdue_invoice("Cabinet Roux")
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=paid.ids
        ).create({"journal_id": self.bank_journal.id})._create_payments()
        self.assertIn(paid.payment_state, ("paid", "in_payment"))
        self.env["account.move"]._cron_send_payment_reminders()
        for invoice in (not_due, draft, paid):
            self.assertFalse(self.reminders(invoice), invoice.name)

    def test_the_scheduled_action_runs(self):
        invoice = self.overdue_invoice("Garage Dubois")
        cron = self.env.ref("softwhere_billing.ir_cron_payment_reminders")
        self.assertEqual(cron.interval_type, "days")
        cron.ir_actions_server_id.run()
        self.assertEqual(len(self.reminders(invoice)), 1)

    def test_a_french_customer_reads_the_reminder_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["softwhere_billing"], ["fr_FR"], overwrite=True
        )
        invoice = self.overdue_invoice("Garage Dubois")
        invoice.partner_id.lang = "fr_FR"
        self.env["account.move"]._cron_send_payment_reminders()
        message = invoice.message_ids.filtered(
            lambda m: m.message_type == "comment" and "relance" in (m.subject or "")
        )
        self.assertEqual(len(message), 1)
        self.assertIn("reste à payer", message.body)
