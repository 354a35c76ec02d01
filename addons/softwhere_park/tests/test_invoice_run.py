# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import D, SoftwhereParkCase

#: A run on 1 November 2026 invoices November for a "current month" site.
RUN = D(2026, 11, 1)


@tagged("post_install", "-at_install")
class TestInvoiceRun(SoftwhereParkCase):
    def run_invoicing(self, run_date=RUN, sites=None):
        run = self.env["softwhere.invoice.run"].create(
            {"run_date": run_date, "company_id": self.company.id}
        )
        run.with_context(queue_job__no_delay=True).action_start()
        invoices = run.invoice_ids
        if sites is not None:
            invoices = invoices.filtered(lambda move: move.billing_site_id in sites)
        return invoices

    def product_lines(self, invoice):
        return invoice.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )

    def test_one_invoice_per_site_with_a_section_per_service(self):
        self.create_line(
            first_name="Léa",
            last_name="Petit",
            articles=[
                (self.plan_20, D(2026, 1, 1)),
                (self.article("OR-OEU"), D(2026, 2, 1)),
            ],
        )
        self.create_line("0698765432", articles=[(self.plan_100, D(2025, 6, 1))])
        fixed = self.Service.create(
            {"partner_id": self.customer.id, "service_type": "fixe", "name": "Standard"}
        )
        self.create_line(
            "0472102030",
            service=fixed,
            articles=[(self.article("AC-VOIP"), D(2026, 1, 1))],
        )
        invoice = self.run_invoicing(sites=self.site)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.partner_id, self.site.invoice_partner_id)
        self.assertEqual(invoice.invoice_date, RUN)
        self.assertEqual(invoice.park_period_label, "novembre 2026")
        self.assertEqual(invoice.ref, "Period: novembre 2026, billed in advance")
        sections = invoice.invoice_line_ids.filtered(
            lambda line: line.display_type == "line_section"
        )
        self.assertEqual(sections.mapped("name"), ["Standard", "Boulangerie Martin"])
        labels = self.product_lines(invoice).mapped("name")
        self.assertIn(
            "0612345678 – Léa Petit – Forfait Pro Illimité 20Go Orange", labels
        )
        self.assertIn("0612345678 – Léa Petit – Option Europe Voyage Orange", labels)
        self.assertEqual(
            sorted(self.product_lines(invoice).mapped("price_unit")),
            [5.00, 14.90, 19.90, 29.90],
        )
        self.assertAlmostEqual(invoice.amount_untaxed, 69.70)
        self.assertEqual(self.product_lines(invoice).tax_ids, self.site.tax_id)
        self.assertAlmostEqual(invoice.amount_total, 83.64)
        self.assertEqual(invoice.state, "draft")

    def _same_invoice_by_hand(self, invoice):
        """The invoice as Odoo makes it from its product lines alone."""
        return self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": invoice.partner_id.id,
                "journal_id": invoice.journal_id.id,
                "invoice_date": invoice.invoice_date,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "name": line.name,
                            "quantity": 1,
                            "price_unit": line.price_unit,
                            "tax_ids": [Command.set(line.tax_ids.ids)],
                        }
                    )
                    for line in self.product_lines(invoice)
                ],
            }
        )

    def _accounting(self, invoice):
        return sorted(
            (
                line.display_type,
                line.account_id.code,
                line.balance,
                tuple(line.tax_tag_ids.mapped("name")),
                tuple(sorted((line.analytic_distribution or {}).items())),
            )
            for line in invoice.line_ids
            if line.display_type != "line_section"
        )

    def test_journal_items_as_odoo_makes_them(self):
        # The run gives the lines their balance, tax grids and (no) analytic
        # distribution up front: the journal items must be Odoo's own.
        self.create_line(articles=[(self.plan_20, D(2026, 11, 16))])
        self.create_line("0698765432", articles=[(self.plan_100, D(2025, 6, 1))])
        invoice = self.run_invoicing(sites=self.site)
        by_hand = self._same_invoice_by_hand(invoice)
        self.assertEqual(self._accounting(invoice), self._accounting(by_hand))
        products = self.product_lines(invoice)
        self.assertEqual(
            sorted(products.mapped("balance")),
            sorted(-line.price_unit for line in products),
        )
        tax_line = invoice.line_ids.filtered(lambda line: line.display_type == "tax")
        self.assertAlmostEqual(tax_line.balance, -invoice.amount_tax)
        self.assertAlmostEqual(invoice.amount_residual, invoice.amount_total)

    def test_analytic_distribution_rules_apply(self):
        plan = self.env["account.analytic.plan"].create({"name": "Activités"})
        mobile = self.env["account.analytic.account"].create(
            {"name": "Mobile", "plan_id": plan.id, "company_id": self.company.id}
        )
        self.env["account.analytic.distribution.model"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.site.invoice_partner_id.id,
                "analytic_distribution": {str(mobile.id): 100},
            }
        )
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        invoice = self.run_invoicing(sites=self.site)
        self.assertEqual(
            self.product_lines(invoice).analytic_distribution, {str(mobile.id): 100}
        )
        self.assertEqual(
            self._accounting(invoice),
            self._accounting(self._same_invoice_by_hand(invoice)),
        )

    def test_prorata_when_starting_or_ending_inside_the_period(self):
        # November has 30 days: from the 16th, 15 days.
        self.create_line(articles=[(self.plan_20, D(2026, 11, 16))])
        line = self.create_line("0698765432", articles=[(self.plan_20, D(2026, 1, 1))])
        line.change_plan(self.plan_100, D(2026, 11, 21))
        invoice = self.run_invoicing(sites=self.site)
        amounts = {
            move_line.name: move_line.price_unit
            for move_line in self.product_lines(invoice)
        }
        self.assertEqual(
            amounts,
            {
                "0612345678 – Forfait Pro Illimité 20Go Orange "
                "(from 11/16/2026 to 11/30/2026)": 9.95,
                # 20 days at 19.90, 10 at 29.90
                "0698765432 – Forfait Pro Illimité 20Go Orange "
                "(from 11/01/2026 to 11/20/2026)": 13.27,
                "0698765432 – Forfait Pro Illimité 100Go Orange "
                "(from 11/21/2026 to 11/30/2026)": 9.97,
            },
        )

    def test_running_twice_creates_nothing_new(self):
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        first = self.run_invoicing(sites=self.site)
        self.assertEqual(len(first), 1)
        self.assertFalse(self.run_invoicing(sites=self.site))
        with freeze_time("2026-11-01 03:00:00"):
            self.env["softwhere.invoice.run"]._cron_run_monthly()
        self.assertEqual(
            self.env["account.move"].search_count(
                [("billing_site_id", "=", self.site.id)]
            ),
            1,
        )
        # The next period is a new invoice.
        self.assertEqual(len(self.run_invoicing(D(2026, 12, 1), sites=self.site)), 1)

    def test_terminated_line_and_site_are_not_invoiced_after_their_end(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        line.action_terminate(D(2026, 11, 10))
        self.create_line("0698765432", articles=[(self.plan_100, D(2026, 1, 1))])
        invoice = self.run_invoicing(sites=self.site)
        amounts = sorted(self.product_lines(invoice).mapped("price_unit"))
        self.assertEqual(amounts, [6.63, 29.90])  # 10 days of 19.90
        self.site._terminate(D(2026, 12, 15))
        december = self.run_invoicing(D(2026, 12, 1), sites=self.site)
        # Only the live line, up to the site's end: 15 of 31 days of 29.90.
        self.assertEqual(
            self.product_lines(december).mapped("name"),
            [
                "0698765432 – Forfait Pro Illimité 100Go Orange "
                "(from 12/01/2026 to 12/15/2026)"
            ],
        )
        self.assertEqual(self.product_lines(december).price_unit, 14.47)
        self.assertFalse(self.run_invoicing(D(2027, 1, 1), sites=self.site))

    def test_no_empty_invoice(self):
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1), D(2026, 9, 30))])
        empty_site = self.create_site("Garage Dupont")
        self.assertFalse(self.run_invoicing(sites=self.site | empty_site))

    def test_one_off_article_invoiced_once(self):
        self.create_line(
            articles=[
                (self.plan_20, D(2026, 1, 1)),
                (self.article("OR-SIM"), D(2026, 11, 5)),
            ]
        )
        # Billed in advance on 1 November, the SIM card of the 5th is not yet
        # there: the first run after its date bills it, once.
        november = self.run_invoicing(sites=self.site)
        self.assertEqual(self.product_lines(november).mapped("price_unit"), [19.9])
        december = self.run_invoicing(D(2026, 12, 1), sites=self.site)
        self.assertEqual(
            sorted(self.product_lines(december).mapped("price_unit")), [10.0, 19.9]
        )
        january = self.run_invoicing(D(2027, 1, 1), sites=self.site)
        self.assertEqual(self.product_lines(january).mapped("price_unit"), [19.9])

    def test_quarterly_site_in_arrears(self):
        self.site.write({"periodicity": "quarterly", "period_format": "previous"})
        self.create_line(articles=[(self.plan_20, D(2026, 8, 16))])
        invoice = self.run_invoicing(D(2026, 10, 1), sites=self.site)
        self.assertEqual(invoice.park_period_label, "3e trimestre 2026")
        self.assertEqual(
            (invoice.park_period_start, invoice.park_period_end),
            (D(2026, 7, 1), D(2026, 9, 30)),
        )
        # Half of August (16 of 31 days) and September whole.
        self.assertAlmostEqual(
            invoice.amount_untaxed, round(19.90 * 16 / 31 + 19.90, 2)
        )
        self.assertFalse(self.run_invoicing(D(2026, 11, 1), sites=self.site))

    def test_site_fiscal_position_maps_the_taxes(self):
        operator = self.create_site("Opérateur Télécom SA")
        operator.partner_id.vat_auto_reverse = True
        service = self.Service.create(
            {"partner_id": operator.partner_id.id, "service_type": "mobile"}
        )
        self.create_line(service=service, articles=[(self.plan_20, D(2026, 1, 1))])
        invoice = self.run_invoicing(sites=operator)
        self.assertEqual(invoice.fiscal_position_id, operator.fiscal_position_id)
        self.assertEqual(self.product_lines(invoice).tax_ids.amount, 0.0)
        self.assertAlmostEqual(invoice.amount_total, 19.90)

    def test_the_run_is_split_into_jobs(self):
        sites = self.site
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        sites |= self.create_sites_with_a_line(4, self.plan_100)
        run = self.env["softwhere.invoice.run"].create(
            {"run_date": RUN, "company_id": self.company.id, "chunk_size": 2}
        )
        with trap_jobs() as trap:
            run.action_start()
            trap.assert_jobs_count(3, only=run._invoice_sites)
            self.assertFalse(run.invoice_ids)
            trap.perform_enqueued_jobs()
        self.assertEqual(run.invoice_ids.billing_site_id, sites)
        self.assertEqual(run.invoice_count, 5)
        self.assertAlmostEqual(run.amount_untaxed, 19.90 + 4 * 29.90)
        # A job performed again (a retry) creates nothing new.
        self.assertEqual(run._invoice_sites(sites.ids), "0 invoices created.")
