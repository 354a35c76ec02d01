# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.softwhere_billing.tests.common import COMPANY_IBAN
from odoo.addons.softwhere_park.tests.common import D

from .common import SoftwhereCollectionCase, camt054, pain002

RETURNED = D(2026, 12, 14)
IBAN = COMPANY_IBAN.replace(" ", "")


@tagged("post_install", "-at_install")
class TestRejects(SoftwhereCollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sites = cls.create_sepa_sites(3, "ACTIF-R")

    def setUp(self):
        super().setUp()
        self.run = self.run_invoicing()
        self.orders = self.debit(self.run)
        self.invoice = {move.billing_site_id: move for move in self.run.invoice_ids}

    def payment(self, site):
        """The debit of the site's invoice (its id is the file's EndToEndId)."""
        return self.orders.payment_ids.filtered(
            lambda payment: payment.partner_id == site.invoice_partner_id
        )

    def fee_articles(self, site):
        return site.line_ids.article_ids.filtered("product_id.softwhere_collection_fee")

    def test_a_camt_054_reject_unpays_the_invoice_and_bills_a_fee(self):
        rejected, paid, blocked = self.sites
        blocked.block_reminders = True
        self.assertEqual(
            {move.payment_state for move in self.invoice.values()}, {"in_payment"}
        )
        data = camt054(
            IBAN,
            [
                (self.payment(site).id, self.invoice[site].amount_total, reason)
                for site, reason in ((rejected, "AM04"), (blocked, "MD06"))
            ],
            RETURNED,
        )
        returns = self.import_return(data, RETURNED)
        self.assertEqual(set(returns.mapped("state")), {"done"})
        self.assertEqual(len(returns.line_ids), 2)

        for site, code in ((rejected, "AM04"), (blocked, "MD06")):
            invoice = self.invoice[site]
            self.assertEqual(invoice.payment_state, "not_paid", site.name)
            self.assertEqual(invoice.amount_residual, invoice.amount_total)
            self.assertTrue(invoice.returned_payment)
            self.assertEqual(invoice.softwhere_debit_return_reason_id.code, code)
            self.assertEqual(invoice.softwhere_debit_return_date, RETURNED)
            note = invoice.message_ids.filtered(lambda m, c=code: c in (m.body or ""))
            self.assertEqual(len(note), 1, site.name)
            self.assertIn("15.0", note.body)
            # One reject fee, dated the reject, on the site's line.
            [fee] = self.fee_articles(site)
            self.assertEqual((fee.date_start, fee.date_end), (RETURNED, RETURNED))
            self.assertEqual(fee.sale_price, 15.0)
            self.assertIn(invoice.name, fee.label)
            self.assertIn(code, fee.label)
        self.assertEqual(self.invoice[paid].payment_state, "in_payment")
        self.assertFalse(self.fee_articles(paid))
        self.assertFalse(self.invoice[paid].softwhere_debit_return_reason_id)

        # Dunning starts: the first reminder waits for the clerk, except for
        # the site that blocks reminders.
        reminders = self.env["credit.control.line"].search(
            [("invoice_id", "in", self.run.invoice_ids.ids)]
        )
        self.assertEqual(reminders.invoice_id, self.invoice[rejected])
        self.assertEqual((reminders.level, reminders.state), (1, "to_be_sent"))
        self.assertEqual(reminders.channel, "email")

        # January's run bills the fee once, on the rejected site's invoice, at
        # the site's VAT; the next run does not bill it again.
        january = self.run_invoicing(D(2027, 1, 1))
        for site in self.sites:
            move = january.invoice_ids.filtered(
                lambda m, s=site: m.billing_site_id == s
            )
            fees = move.invoice_line_ids.filtered("product_id.softwhere_collection_fee")
            if site == paid:
                self.assertFalse(fees)
                continue
            self.assertEqual(len(fees), 1, site.name)
            self.assertEqual(fees.price_subtotal, 15.0)
            self.assertEqual(fees.tax_ids, site._invoice_taxes())
            self.assertIn(self.invoice[site].name, fees.name)
        february = self.run_invoicing(D(2027, 2, 1))
        self.assertFalse(
            february.invoice_ids.invoice_line_ids.filtered(
                "product_id.softwhere_collection_fee"
            )
        )

    def test_a_pain_002_reject_is_read_too(self):
        site = self.sites[1]
        data = pain002(
            IBAN,
            [(self.payment(site).id, self.invoice[site].amount_total, "MD06")],
            RETURNED,
        )
        self.import_return(data, RETURNED)
        invoice = self.invoice[site]
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(invoice.softwhere_debit_return_reason_id.code, "MD06")
        self.assertEqual(len(self.fee_articles(site)), 1)

    def test_a_site_without_a_live_line_gets_an_activity_instead(self):
        site = self.sites[0]
        site.line_ids.write({"activity": "terminated", "termination_date": RETURNED})
        data = camt054(
            IBAN,
            [(self.payment(site).id, self.invoice[site].amount_total, "AC04")],
            RETURNED,
        )
        self.import_return(data, RETURNED)
        self.assertFalse(self.fee_articles(site))
        self.assertEqual(
            site.activity_ids.mapped("summary"), ["Reject fee to bill by hand"]
        )
        self.assertIn("AC04", site.activity_ids.note)
        self.assertEqual(self.invoice[site].payment_state, "not_paid")

    def test_a_cancelled_return_closes_the_activity_of_its_fee(self):
        """The activity asking to bill the fee by hand is closed with the
        return it came from, and only that one."""
        site = self.sites[0]
        site.line_ids.write({"activity": "terminated", "termination_date": RETURNED})
        site.activity_schedule("mail.mail_activity_data_todo", summary="Rappeler")
        payment_return = self.reject(site, "AC04")
        self.assertEqual(len(site.activity_ids), 2)
        payment_return.action_cancel()
        self.assertEqual(site.activity_ids.mapped("summary"), ["Rappeler"])
        self.assertIn("no reject fee to bill", site.message_ids[:1].body or "")
        invoice = self.invoice[site]
        self.assertIn("is closed", invoice.message_ids[:1].body or "")
        self.assertEqual(invoice.payment_state, "in_payment")

    def reject(self, site, code="AM04"):
        data = camt054(
            IBAN,
            [(self.payment(site).id, self.invoice[site].amount_total, code)],
            RETURNED,
        )
        return self.import_return(data, RETURNED)

    def fees_billed(self, run, site):
        """The reject fees a run bills the site, net of what it credits."""
        total = 0.0
        for move in run.invoice_ids.filtered(lambda m: m.billing_site_id == site):
            sign = -1 if move.move_type == "out_refund" else 1
            fees = move.invoice_line_ids.filtered("product_id.softwhere_collection_fee")
            total += sign * sum(fees.mapped("price_subtotal"))
        return total

    def test_a_cancelled_return_takes_the_reject_back_before_billing(self):
        site = self.sites[0]
        invoice = self.invoice[site]
        payment_return = self.reject(site)
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(len(self.fee_articles(site)), 1)
        # Booked by mistake: the clerk cancels the bank's return.
        payment_return.action_cancel()
        self.assertEqual(invoice.payment_state, "in_payment")
        self.assertFalse(invoice.softwhere_debit_return_reason_id)
        self.assertFalse(invoice.softwhere_debit_return_date)
        self.assertFalse(self.fee_articles(site))
        self.assertFalse(
            self.env["credit.control.line"].search(
                [("invoice_id", "=", invoice.id), ("state", "!=", "ignored")]
            )
        )
        self.assertIn(
            "withdrawn before being billed", invoice.message_ids[:1].body or ""
        )
        january = self.run_invoicing(D(2027, 1, 1))
        self.assertEqual(self.fees_billed(january, site), 0)
        # Confirmed again, it is a reject again: one fee, once.
        payment_return.action_draft()
        payment_return.action_confirm()
        payment_return.action_confirm()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(invoice.softwhere_debit_return_reason_id.code, "AM04")
        self.assertEqual(len(self.fee_articles(site)), 1)
        february = self.run_invoicing(D(2027, 2, 1))
        self.assertEqual(self.fees_billed(february, site), 15.0)

    def test_a_cancelled_return_credits_a_fee_billed_already(self):
        site = self.sites[2]
        invoice = self.invoice[site]
        payment_return = self.reject(site, "MD06")
        january = self.run_invoicing(D(2027, 1, 1))
        self.assertEqual(self.fees_billed(january, site), 15.0)
        payment_return.action_cancel()
        self.assertIn("credited on the next invoice", invoice.message_ids[:1].body)
        february = self.run_invoicing(D(2027, 2, 1))
        # The fee billed in January is credited in February: nothing net.
        self.assertEqual(self.fees_billed(february, site), -15.0)
        march = self.run_invoicing(D(2027, 3, 1))
        self.assertEqual(self.fees_billed(march, site), 0)
