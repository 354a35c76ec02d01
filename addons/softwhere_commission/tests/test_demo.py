# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    def test_last_months_statements_and_their_bills(self):
        last_month = date.today().replace(day=1) - relativedelta(months=1)
        statements = self.env["softwhere.commission.statement"].search(
            [("company_id", "=", self.env.company.id), ("month", "=", last_month)]
        )
        if not self.env["ir.module.module"]._get("softwhere_commission").demo:
            self.assertFalse(statements, "commission statements without demo data")
            return
        self.assertTrue(statements, "the demo's statements of last month")
        run = self.env["softwhere.invoice.run"].search(
            [("company_id", "=", self.env.company.id), ("run_date", "=", last_month)]
        )
        self.assertEqual(run.state, "posted")
        for statement in statements:
            provider = statement.business_provider_id
            with self.subTest(provider=provider.name):
                # Every invoice of last month's run of the customers it brought.
                brought = run.invoice_ids.filtered(
                    lambda move,
                    provider=provider: move.commercial_partner_id.business_provider_id
                    == provider
                )
                self.assertTrue(brought)
                self.assertEqual(statement.line_ids.move_ids, brought)
                for line in statement.line_ids:
                    moves = brought.filtered(
                        lambda move, line=line: move.commercial_partner_id
                        == line.partner_id
                    )
                    revenue = round(sum(moves.mapped("amount_untaxed_signed")), 2)
                    self.assertEqual(line.rate, line.partner_id.commission_rate)
                    self.assertAlmostEqual(line.amount_revenue, revenue, places=2)
                    self.assertAlmostEqual(
                        line.amount_commission,
                        round(revenue * line.rate / 100, 2),
                        places=2,
                    )
                # Its draft vendor bill, the commission to pay.
                bill = statement.bill_id
                self.assertEqual(
                    (bill.move_type, bill.state, bill.partner_id),
                    ("in_invoice", "draft", provider),
                )
                self.assertAlmostEqual(
                    bill.amount_untaxed, statement.amount_commission, places=2
                )
                self.assertEqual(bill.ref, statement.name)
