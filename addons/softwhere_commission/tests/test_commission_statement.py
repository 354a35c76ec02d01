# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A month's statements as the sales manager and the accountant read them."""

import shutil
import subprocess

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tests.common import freeze_time
from odoo.tools import mute_logger

from odoo.addons.softwhere_park.tests.common import D

from .common import SoftwhereCommissionCase

FEBRUARY = D(2026, 2, 1)
MARCH_2 = D(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestCommissionStatement(SoftwhereCommissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bakery = cls.brought_site("Boulangerie Dupont", cls.provider)
        cls.garage = cls.brought_site("Garage Lefèvre", cls.provider, rate=5.0)

    def lines_of(self, statement):
        return [
            (
                line.partner_id.name,
                line.amount_revenue,
                line.rate,
                line.amount_commission,
            )
            for line in statement.line_ids.sorted(lambda line: line.partner_id.name)
        ]

    def test_a_month_with_a_credit_note(self):
        self.post_invoice(self.bakery, D(2026, 2, 1), 200.0)
        self.post_invoice(self.bakery, D(2026, 2, 10), 50.0)
        self.post_invoice(self.bakery, D(2026, 2, 20), 30.0, refund=True)
        self.post_invoice(self.garage, D(2026, 2, 1), 100.0)
        # Not February's: a draft, a March invoice, a customer without provider.
        self.post_invoice(self.bakery, D(2026, 2, 25), 999.0).button_draft()
        self.post_invoice(self.bakery, D(2026, 3, 1), 400.0)
        self.post_invoice(self.site, D(2026, 2, 1), 500.0)

        statement = self.compute(FEBRUARY, MARCH_2)

        self.assertEqual(len(statement), 1)
        self.assertEqual(statement.business_provider_id, self.provider)
        self.assertEqual(statement.month, FEBRUARY)
        self.assertEqual(statement.month_label, "février 2026")
        self.assertEqual(
            self.lines_of(statement),
            [
                ("Boulangerie Dupont", 220.0, 10.0, 22.0),
                ("Garage Lefèvre", 100.0, 5.0, 5.0),
            ],
        )
        self.assertEqual(statement.amount_revenue, 320.0)
        self.assertEqual(statement.amount_commission, 27.0)
        self.assertEqual(
            statement.line_ids.filtered(
                lambda line: line.partner_id == self.bakery.partner_id
            ).move_count,
            3,
        )

        bill = statement.bill_id
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.partner_id, self.provider)
        self.assertEqual(bill.company_id, self.company)
        self.assertEqual(bill.amount_untaxed, 27.0)
        self.assertEqual(
            sorted(bill.invoice_line_ids.mapped("price_unit")), [5.0, 22.0]
        )
        self.assertEqual(
            set(bill.invoice_line_ids.account_id.mapped("code")), {"622200"}
        )
        self.assertEqual(
            bill.invoice_line_ids.product_id,
            self.env.ref("softwhere_commission.product_business_provider_commission"),
        )
        reference = self.bakery.partner_id.customer_reference
        self.assertIn(
            f"{reference} Boulangerie Dupont – 10 % of",
            " ".join(bill.invoice_line_ids.mapped("name")),
        )
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", bill.id)]
        )
        self.assertEqual(attachment.name, f"{statement.name}.pdf")
        self.assertEqual(statement.name, "Commissions février 2026 – Apport Conseil")
        self.assertIn(attachment, bill.message_ids.attachment_ids)

    def test_regularisations_of_the_park_are_revenue(self):
        """A plan changed inside a month already invoiced: the next month's
        invoice regularises it, and its commission follows."""
        service = self.Service.create(
            {"partner_id": self.bakery.partner_id.id, "service_type": "mobile"}
        )
        line = self.create_line(
            "0611223344", service=service, articles=[(self.plan_20, D(2026, 1, 1))]
        )
        january = self.run_park(D(2026, 1, 1))
        line.change_plan(self.plan_100, D(2026, 1, 16))
        february = self.run_park(D(2026, 2, 1))
        regularisations = february.invoice_line_ids.filtered("softwhere_regularisation")
        self.assertTrue(regularisations)

        january_statement = self.compute(D(2026, 1, 1), MARCH_2)
        statement = self.compute(FEBRUARY, MARCH_2)

        self.assertEqual(january_statement.line_ids.move_ids, january)
        self.assertEqual(statement.line_ids.move_ids, february)
        revenue = february.amount_untaxed
        # The regularisations are in the invoice's untaxed amount.
        self.assertAlmostEqual(
            revenue, sum(february.invoice_line_ids.mapped("price_subtotal"))
        )
        self.assertEqual(
            self.lines_of(statement),
            [("Boulangerie Dupont", revenue, 10.0, round(revenue / 10, 2))],
        )

    def run_park(self, run_date):
        run = self.env["softwhere.invoice.run"].create(
            {"run_date": run_date, "company_id": self.company.id}
        )
        run = run.with_context(queue_job__no_delay=True)
        run.action_start()
        run.action_post()
        invoice = run.invoice_ids.filtered(
            lambda move: move.billing_site_id == self.bakery
        )
        self.assertEqual(invoice.state, "posted")
        return invoice

    def test_a_provider_without_revenue_gets_no_statement_nor_bill(self):
        self.brought_site("Pharmacie Morel", self.other_provider)
        self.post_invoice(self.bakery, D(2026, 2, 3), 80.0)
        statements = self.compute(FEBRUARY, MARCH_2)
        self.assertEqual(statements.business_provider_id, self.provider)
        bills = self.env["account.move"].search(
            [("partner_id", "=", self.other_provider.id)]
        )
        self.assertFalse(bills)

    def test_revenue_cancelled_by_its_credit_note_gives_no_bill(self):
        self.post_invoice(self.bakery, D(2026, 2, 3), 80.0)
        self.post_invoice(self.bakery, D(2026, 2, 9), 80.0, refund=True)
        statement = self.compute(FEBRUARY, MARCH_2)
        self.assertEqual(
            self.lines_of(statement), [("Boulangerie Dupont", 0.0, 10.0, 0.0)]
        )
        self.assertFalse(statement.bill_id)

    def test_a_provider_owing_more_than_owed_gets_a_refund(self):
        self.post_invoice(self.bakery, D(2026, 1, 3), 300.0)
        self.compute(D(2026, 1, 1), MARCH_2)
        self.post_invoice(self.bakery, D(2026, 2, 9), 120.0, refund=True)
        statement = self.compute(FEBRUARY, MARCH_2)
        self.assertEqual(statement.amount_commission, -12.0)
        self.assertEqual(statement.bill_id.move_type, "in_refund")
        self.assertEqual(statement.bill_id.amount_untaxed, 12.0)

    def test_a_run_repeated_creates_nothing_twice(self):
        self.post_invoice(self.bakery, D(2026, 2, 3), 80.0)
        first = self.compute(FEBRUARY, MARCH_2)
        self.assertEqual(len(first), 1)
        self.assertFalse(self.compute(FEBRUARY, D(2026, 3, 5)))
        # An invoice of February posted after its statement: not lost, not
        # added to the statement already sent; next month's statement has it.
        late = self.post_invoice(self.bakery, D(2026, 2, 27), 40.0)
        self.assertFalse(self.compute(FEBRUARY, D(2026, 3, 6)))
        self.assertEqual(first.amount_commission, 8.0)
        march = self.compute(D(2026, 3, 1), D(2026, 4, 1))
        self.assertEqual(march.line_ids.move_ids, late)
        self.assertEqual(march.amount_commission, 4.0)
        self.assertFalse(self.compute(D(2026, 3, 1), D(2026, 4, 2)))
        bills = self.env["account.move"].search(
            [("partner_id", "=", self.provider.id), ("move_type", "=", "in_invoice")]
        )
        self.assertEqual(bills, first.bill_id | march.bill_id)
        self.assertEqual(
            self.Statement.search_count(
                [("business_provider_id", "=", self.provider.id)]
            ),
            2,
        )

    def test_the_wizard_as_the_sales_manager(self):
        """The sales manager has no accounting rights: the bill is made anyway."""
        self.post_invoice(self.garage, D(2026, 2, 3), 60.0)
        Wizard = self.env["softwhere.commission.compute"].with_user(self.sales_manager)
        with freeze_time(MARCH_2):
            wizard = Form(Wizard)
            self.assertEqual(wizard.month, FEBRUARY)
            action = wizard.save().action_compute()
            again = Form(Wizard).save().action_compute()
        statements = self.Statement.with_user(self.sales_manager).search(
            action["domain"]
        )
        self.assertEqual(statements.amount_commission, 3.0)
        # The accountants read the bill.
        self.assertEqual(statements.bill_id.sudo().amount_untaxed, 3.0)
        self.assertIn("No new statement", again["help"])
        self.assertEqual(
            self.Statement.with_user(self.sales_manager).search(again["domain"]),
            statements,
        )

    def test_a_month_not_over_is_refused(self):
        with self.assertRaisesRegex(UserError, "février 2026.*2026-03-01"):
            self.compute(FEBRUARY, D(2026, 2, 28))

    def test_the_cron_computes_last_month(self):
        self.post_invoice(self.bakery, D(2026, 2, 3), 80.0)
        with freeze_time("2026-03-01 05:00:00"):
            self.Statement._cron_compute_monthly()
        statement = self.Statement.search(
            [("business_provider_id", "=", self.provider.id)]
        )
        self.assertEqual(statement.month, FEBRUARY)
        self.assertEqual(statement.amount_commission, 8.0)

    def test_only_sales_managers_read_the_statements(self):
        self.post_invoice(self.bakery, D(2026, 2, 3), 80.0)
        statement = self.compute(FEBRUARY, MARCH_2)
        with self.assertRaises(AccessError):
            statement.with_user(self.user).read(["amount_commission"])
        self.assertEqual(statement.with_user(self.sales_manager).amount_commission, 8.0)

    def test_each_company_sees_its_own_statements(self):
        self.post_invoice(self.bakery, D(2026, 2, 3), 80.0)
        ours = self.compute(FEBRUARY, MARCH_2)
        other_company = self.env["res.company"].create({"name": "Connextoo Test"})
        theirs = self.Statement.sudo().create(
            {
                "company_id": other_company.id,
                "business_provider_id": self.provider.id,
                "month": FEBRUARY,
                "month_label": "février 2026",
                "line_ids": [
                    (0, 0, {"partner_id": self.bakery.partner_id.id, "rate": 10.0})
                ],
            }
        )
        as_manager = self.Statement.with_user(self.sales_manager)
        self.assertEqual(as_manager.search([]), ours)
        self.assertEqual(
            self.env["softwhere.commission.statement.line"]
            .with_user(self.sales_manager)
            .search([]),
            ours.line_ids,
        )
        with self.assertRaises(AccessError):
            theirs.with_user(self.sales_manager).read(["amount_commission"])
        # The other company's statement does not stop ours: one per company.
        self.assertEqual(theirs.business_provider_id, ours.business_provider_id)

    def test_the_statement_pdf(self):
        self.company.write(
            {"street": "12 rue de la Gare", "zip": "69002", "city": "Lyon"}
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        report = self.env["ir.actions.report"]
        # make test installs both; a missing one is a failure, not a skip.
        self.assertEqual(report.get_wkhtmltopdf_state(), "ok", "wkhtmltopdf missing")
        self.assertTrue(shutil.which("pdftotext"), "pdftotext (poppler-utils) missing")
        self.post_invoice(self.bakery, D(2026, 2, 3), 1234.5)
        self.post_invoice(self.garage, D(2026, 2, 3), 100.0)
        # Rendered by the run itself, PDFs forced as outside tests.
        Statement = self.Statement.with_context(force_report_rendering=True)
        with (
            mute_logger("odoo.addons.base.models.ir_actions_report"),
            freeze_time(MARCH_2),
        ):
            statement = Statement._compute_month(FEBRUARY, self.company)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", statement.bill_id.id)]
        )
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertEqual(attachment.raw[:5], b"%PDF-")
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=attachment.raw,
            capture_output=True,
            check=True,
        ).stdout.decode()
        text = " ".join(text.split())
        for expected in (
            "Actif Télécom Test",
            "Apport Conseil",
            "février 2026",
            self.bakery.partner_id.customer_reference,
            "Boulangerie Dupont",
            "Garage Lefèvre",
            "1,234.50",
            "123.45",
            "128.45",
        ):
            self.assertIn(expected, text)

    def test_a_statement_deleted_with_its_draft_bill_is_computed_again(self):
        self.post_invoice(self.bakery, D(2026, 2, 3), 80.0)
        statement = self.compute(FEBRUARY, MARCH_2)
        bill = statement.bill_id
        statement.unlink()
        self.assertFalse(bill.exists())
        again = self.compute(FEBRUARY, MARCH_2)
        self.assertEqual(again.amount_commission, 8.0)
        # Once its bill is posted, the statement stays.
        again.bill_id.invoice_date = D(2026, 3, 2)
        again.bill_id.action_post()
        with self.assertRaisesRegex(UserError, "no longer a draft"):
            again.unlink()
