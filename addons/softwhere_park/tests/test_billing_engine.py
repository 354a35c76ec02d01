# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Named cases of the invoice run: changes inside a period already billed."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import format_date

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import D, SoftwhereParkCase


@tagged("post_install", "-at_install")
class TestBillingEngine(SoftwhereParkCase):
    def run_invoicing(self, run_date, site=None):
        run = self.env["softwhere.invoice.run"].create(
            {"run_date": run_date, "company_id": self.company.id}
        )
        run.with_context(queue_job__no_delay=True).action_start()
        return run, run.invoice_ids.filtered(
            lambda move: move.billing_site_id == (site or self.site)
        )

    def net_billed(self, line, product, site=None):
        """Invoices less credit notes for one article of a line, to the cent."""
        lines = self.env["account.move.line"].search(
            [
                ("move_id.billing_site_id", "=", (site or self.site).id),
                ("park_line_id", "=", line.id),
                ("product_id", "=", product.id),
                ("move_id.state", "!=", "cancel"),
            ]
        )
        return round(
            sum(
                -aml.price_subtotal
                if aml.move_id.move_type == "out_refund"
                else aml.price_subtotal
                for aml in lines
            ),
            2,
        )

    def regularisations(self, move):
        return move.invoice_line_ids.filtered("softwhere_regularisation")

    def add_article(self, line, product, start, end=False, quantity=1):
        line.write(
            {
                "article_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "date_start": start,
                            "date_end": end,
                            "quantity": quantity,
                        }
                    )
                ]
            }
        )

    # -- the month -------------------------------------------------------------
    def _month_of_changes(self):
        """Billed on 1 November; then, inside November: a line activated on the
        16th, a data top-up on the 12th, a plan ended on the 20th."""
        kept = self.create_line("0611111111", articles=[(self.plan_20, D(2026, 1, 1))])
        ended = self.create_line(
            "0622222222", articles=[(self.plan_100, D(2026, 1, 1))]
        )
        self.run_invoicing(D(2026, 11, 1))
        activated = self.create_line(
            "0633333333", articles=[(self.plan_20, D(2026, 11, 16))]
        )
        top_up = self.article("OR-RD5")
        self.add_article(kept, top_up, D(2026, 11, 12))
        ended.article_ids.date_end = D(2026, 11, 20)
        return kept, ended, activated, top_up

    def test_changes_inside_a_month_billed_in_advance(self):
        kept, ended, activated, top_up = self._month_of_changes()
        _run, december = self.run_invoicing(D(2026, 12, 1))
        self.assertEqual(december.move_type, "out_invoice")
        regularisations = self.regularisations(december)
        self.assertIn("Regularisations", december.invoice_line_ids.mapped("name"))
        self.assertEqual(
            sorted(regularisations.mapped("price_subtotal")),
            # 20 of 30 days of 29.90 were due, 29.90 billed; 15 days of 19.90.
            [-9.97, 9.95],
        )
        # The top-up is billed once, in its line's section, on this run.
        self.assertEqual(self.net_billed(kept, top_up), 7.00)
        # Net billed over November and December, each by the prorata rule.
        self.assertEqual(self.net_billed(kept, self.plan_20), 39.80)
        self.assertEqual(self.net_billed(ended, self.plan_100), 19.93)
        self.assertEqual(self.net_billed(activated, self.plan_20), 29.85)
        self.assertAlmostEqual(december.amount_untaxed, 19.90 * 2 + 7.00 + 9.95 - 9.97)
        # A second December run finds nothing more to bill.
        self.assertFalse(self.run_invoicing(D(2026, 12, 1))[1])

    def test_changes_inside_a_month_billed_in_arrears(self):
        self.site.period_format = "previous"
        kept, ended, activated, top_up = self._month_of_changes()
        _run, november = self.run_invoicing(D(2026, 12, 1))
        # In arrears, November is billed once it is over: no regularisation.
        self.assertFalse(self.regularisations(november))
        self.assertEqual(november.park_period_label, "novembre 2026")
        self.assertEqual(november.amount_untaxed, 19.90 + 19.93 + 9.95 + 7.00)
        # October (the run of 1 November) and November.
        self.assertEqual(self.net_billed(kept, top_up), 7.00)
        self.assertEqual(self.net_billed(ended, self.plan_100), 29.90 + 19.93)
        self.assertEqual(self.net_billed(activated, self.plan_20), 9.95)
        self.assertEqual(self.net_billed(kept, self.plan_20), 39.80)

    def test_quarterly_line_starting_in_the_second_month(self):
        self.site.periodicity = "quarterly"
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        _run, fourth = self.run_invoicing(D(2026, 10, 1))
        self.assertEqual(fourth.amount_untaxed, round(3 * 19.90, 2))
        late = self.create_line(
            "0698765432", articles=[(self.plan_20, D(2026, 11, 10))]
        )
        _run, first = self.run_invoicing(D(2027, 1, 1))
        # 21 of 30 days of November and December whole, rounded once.
        self.assertEqual(self.regularisations(first).price_subtotal, 33.83)
        self.assertEqual(self.net_billed(late, self.plan_20), 33.83 + 3 * 19.90)

    def test_line_terminated_in_cfast_after_its_month_was_billed(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        self.run_invoicing(D(2026, 11, 1))
        # What the Cfast sync writes: the activity and its date.
        line.write({"activity": "terminated", "termination_date": D(2026, 11, 20)})
        _run, credit = self.run_invoicing(D(2026, 12, 1))
        # Nothing follows: the site's whole invoice is a credit note.
        self.assertEqual(credit.move_type, "out_refund")
        self.assertEqual(credit.amount_untaxed, 6.63)  # 10 days of 19.90
        self.assertEqual(self.net_billed(line, self.plan_20), 13.27)
        self.assertFalse(self.run_invoicing(D(2027, 1, 1))[1])

    def test_line_dying_without_a_date_stops_today(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        line.with_context(date="2026-11-20").activity = "obsolete"
        self.assertTrue(line.termination_date)

    def test_line_under_construction_is_billed_from_its_activation(self):
        sim = self.article("OR-SIM")
        line = self.create_line(
            articles=[(self.plan_20, D(2026, 11, 3)), (sim, D(2026, 11, 3))],
            activity="building",
        )
        self.assertFalse(self.run_invoicing(D(2026, 11, 1))[1])
        # In service on 16 November: its days in construction are not billed.
        line.with_context(date="2026-11-16").activity = "active"
        self.assertEqual(line.activation_date, D(2026, 11, 16))
        _run, december = self.run_invoicing(D(2026, 12, 1))
        regularisation = self.regularisations(december)
        self.assertEqual(regularisation.price_subtotal, 9.95)  # 15 days of 19.90
        self.assertIn(format_date(self.env, D(2026, 11, 16)), regularisation.name)
        self.assertEqual(self.net_billed(line, self.plan_20), 29.85)
        # The SIM card sent during the construction is billed once it works.
        self.assertEqual(self.net_billed(line, sim), 10.0)

    def test_line_terminated_under_construction_bills_nothing(self):
        sim = self.article("OR-SIM")
        line = self.create_line(
            articles=[(self.plan_20, D(2026, 11, 3)), (sim, D(2026, 11, 3))],
            activity="building",
        )
        self.assertFalse(self.run_invoicing(D(2026, 11, 1))[1])
        # The order is cancelled in Cfast before the line ever worked.
        line.with_context(date="2026-11-20").activity = "terminated"
        self.assertTrue(line.never_activated)
        self.assertEqual(line.termination_date, D(2026, 11, 20))
        self.assertFalse(line.activation_date)
        self.assertFalse(self.run_invoicing(D(2026, 12, 1))[1])
        self.assertEqual(self.net_billed(line, self.plan_20), 0)
        self.assertEqual(self.net_billed(line, sim), 0)
        # Brought back and put in service on 10 December: billed from then.
        line.with_context(date="2026-12-10").activity = "active"
        self.assertFalse(line.never_activated)
        self.assertEqual(line.activation_date, D(2026, 12, 10))
        self.run_invoicing(D(2027, 1, 1))
        # 22 days of 19.90 in December, then January in advance; the SIM once.
        self.assertEqual(self.net_billed(line, self.plan_20), 34.02)
        self.assertEqual(self.net_billed(line, sim), 10.0)

    def test_line_billed_then_terminated_under_construction_keeps_its_billing(self):
        # Cfast put it back under construction, then terminated it: it did
        # work, and keeps what it was billed up to its termination.
        line = self.create_line(articles=[(self.plan_20, D(2026, 11, 1))])
        self.run_invoicing(D(2026, 11, 1))
        line.activity = "building"
        line.with_context(date="2026-11-25").activity = "terminated"
        self.assertFalse(line.never_activated)

    def test_quantity_is_the_invoice_quantity(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        self.add_article(line, self.article("OR-OEU"), D(2026, 11, 16), quantity=3)
        _run, invoice = self.run_invoicing(D(2026, 11, 1))
        option = invoice.invoice_line_ids.filtered(
            lambda aml: aml.product_id == self.article("OR-OEU")
        )
        self.assertEqual((option.quantity, option.price_unit), (3, 2.50))
        self.assertEqual(option.price_subtotal, 7.50)

    def test_reduced_vat_site(self):
        tax = self.company._softwhere_sale_tax_for_rate(5.5)
        self.assertEqual(tax.amount, 5.5)
        self.site.tax_id = tax
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        _run, invoice = self.run_invoicing(D(2026, 11, 1))
        self.assertEqual(invoice.amount_tax, round(19.90 * 0.055, 2))

    def test_smartphone_of_an_arcep_site_takes_the_normal_vat(self):
        operator = self.create_site("Opérateur Télécom SA")
        operator.partner_id.vat_auto_reverse = True
        service = self.Service.create(
            {"partner_id": operator.partner_id.id, "service_type": "mobile"}
        )
        smartphone = self.article("HW-SGA55")
        self.create_line(
            service=service,
            articles=[(self.plan_20, D(2026, 1, 1)), (smartphone, D(2026, 10, 20))],
        )
        operator.park_billing_start = D(2026, 10, 1)
        _run, invoice = self.run_invoicing(D(2026, 11, 1), operator)
        lines = invoice.invoice_line_ids
        phone = lines.filtered(lambda aml: aml.product_id == smartphone)
        plan = lines.filtered(lambda aml: aml.product_id == self.plan_20)
        self.assertEqual(phone.tax_ids.amount, 20.0)
        self.assertTrue(all(tax.amount == 0.0 for tax in plan.tax_ids))
        self.assertAlmostEqual(invoice.amount_tax, 399.00 * 0.20)
        # The self-assessed services carry their legal mention.
        self.assertIn("283-2 octies", str(plan.tax_ids.invoice_legal_notes))

    def printed(self, invoice):
        """The invoice as its PDF prints it (the report's HTML)."""
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "account.account_invoices", invoice.ids
        )
        return html.decode()

    def test_exempt_and_self_assessed_invoices_print_their_legal_mention(self):
        operator = self.create_site("Opérateur Télécom SA")
        operator.partner_id.vat_auto_reverse = True
        foreign = self.create_site("Telefon Handel GmbH")
        foreign.partner_id.charge_vat = False
        phones_only = self.create_site("Opérateur Mobile SAS")
        phones_only.partner_id.vat_auto_reverse = True
        for index, (site, product) in enumerate(
            (
                (operator, self.plan_20),
                (foreign, self.plan_20),
                (phones_only, self.article("HW-SGA55")),
                (self.site, self.plan_20),
            )
        ):
            service = self.Service.create(
                {"partner_id": site.partner_id.id, "service_type": "mobile"}
            )
            self.create_line(
                f"061111222{index}",
                service=service,
                articles=[(product, D(2026, 11, 1))],
            )
        run, _invoice = self.run_invoicing(D(2026, 11, 1))
        printed = {
            site: self.printed(
                run.invoice_ids.filtered(lambda m, s=site: m.billing_site_id == s)
            )
            for site in (operator, foreign, phones_only, self.site)
        }
        arcep = "Self-assessed VAT – article 283-2 octies of the French tax code"
        exempt = "VAT not applicable – article 259-1 of the French tax code"
        # Once each: the mention is the 0 % tax's, not the fiscal position's too.
        self.assertEqual(printed[operator].count(arcep), 1)
        self.assertEqual(printed[foreign].count(exempt), 1)
        self.assertNotIn(arcep, printed[foreign])
        # A smartphone is not self-assessed (20 %): no mention on its invoice.
        self.assertNotIn("283-2", printed[phones_only])
        self.assertNotIn("283-2", printed[self.site])
        self.assertNotIn("259-1", printed[self.site])

    def test_terminating_a_line_keeps_its_fees(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        top_up, sim = self.article("OR-RD5"), self.article("OR-SIM")
        self.run_invoicing(D(2026, 11, 1))
        self.add_article(line, top_up, D(2026, 11, 25))
        line.change_plan(self.plan_100, D(2026, 12, 1))
        self.run_invoicing(D(2026, 12, 1))
        self.assertEqual(self.net_billed(line, top_up), 7.00)
        self.assertEqual(self.net_billed(line, self.plan_100), 29.90)
        self.add_article(line, sim, D(2026, 11, 28))
        # Terminated back on 20 November, once the top-up was billed.
        wizard = self.env["softwhere.line.terminate"].create(
            {"line_id": line.id, "termination_date": D(2026, 11, 20)}
        )
        wizard.action_confirm()
        self.assertEqual(line.activity, "terminated")
        plans = line.article_ids.filtered("is_periodic")
        self.assertEqual(plans.product_id, self.plan_20, "the December plan is gone")
        self.assertEqual(plans.date_end, D(2026, 11, 20))
        fees = line.article_ids - plans
        self.assertEqual(fees.product_id, top_up | sim)
        self.assertFalse(any(fees.mapped("date_end")))
        # The SIM card, not billed and dated after the termination, is not
        # billed: the line's chatter says so.
        notes = line.message_ids.filtered(lambda m: "not billed" in (m.body or ""))
        self.assertIn(format_date(self.env, D(2026, 11, 28)), notes.body)
        self.assertNotIn(format_date(self.env, D(2026, 11, 25)), notes.body)
        self.run_invoicing(D(2027, 1, 1))
        self.assertEqual(self.net_billed(line, top_up), 7.00, "billed, it stays")
        self.assertEqual(self.net_billed(line, sim), 0.0)
        self.assertEqual(self.net_billed(line, self.plan_20), 13.27)  # 20 days
        self.assertEqual(self.net_billed(line, self.plan_100), 0.0)

    def test_a_site_terminated_long_ago_is_credited_a_termination_moved_back(self):
        line = self.create_line(articles=[(self.plan_20, D(2025, 1, 1))])
        self.run_invoicing(D(2025, 2, 1))
        self.site._terminate(D(2025, 2, 28))
        self.run_invoicing(D(2025, 3, 1))
        Site = self.env["softwhere.billing.site"]
        # More than a year later, nothing changed: the runs leave it aside.
        self.run_invoicing(D(2026, 3, 1))
        self.assertNotIn(
            self.site, Site._park_sites_to_invoice(D(2027, 2, 1), self.company)
        )
        # The customer had left on 14 February: the days after are credited.
        self.site.termination_date = D(2025, 2, 14)
        self.assertIn(
            self.site, Site._park_sites_to_invoice(D(2027, 2, 1), self.company)
        )
        _run, credit = self.run_invoicing(D(2027, 2, 1))
        self.assertEqual(credit.move_type, "out_refund")
        self.assertEqual(credit.amount_untaxed, 9.95)  # 14 of 28 days of 19.90
        self.assertEqual(self.net_billed(line, self.plan_20), 9.95)
        self.assertNotIn(
            self.site, Site._park_sites_to_invoice(D(2027, 3, 1), self.company)
        )
        # A fee added since to one of its lines is billed too.
        self.add_article(line, self.article("OR-SIM"), D(2025, 2, 10))
        _run, invoice = self.run_invoicing(D(2027, 3, 1))
        self.assertEqual(invoice.amount_untaxed, 10.0)
        # That invoice cancelled: the next run bills the fee again.
        invoice.button_cancel()
        _run, invoice = self.run_invoicing(D(2027, 4, 1))
        self.assertEqual(invoice.amount_untaxed, 10.0)
        self.assertEqual(self.net_billed(line, self.article("OR-SIM")), 10.0)
        self.assertNotIn(
            self.site, Site._park_sites_to_invoice(D(2027, 5, 1), self.company)
        )
        # Its service moved to another site: the next run looks at it again.
        other = Site.create({"partner_id": self.site.partner_id.id, "name": "Agence"})
        line.service_id.billing_site_id = other
        self.assertIn(
            self.site, Site._park_sites_to_invoice(D(2027, 5, 1), self.company)
        )

    def test_customer_awaiting_signature_is_not_invoiced_until_signed(self):
        self.customer.customer_status = "awaiting_signature"
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        run, invoice = self.run_invoicing(D(2026, 11, 1))
        self.assertFalse(invoice)
        row = run.report_ids.filtered(lambda r: r.site_id == self.site)
        self.assertEqual(row.state, "skipped")
        self.assertIn("Awaiting signature", row.reason)
        self.customer.customer_status = "signed"
        self.run_invoicing(D(2026, 12, 1))
        self.assertEqual(self.net_billed(line, self.plan_20), 2 * 19.90)

    def test_terminated_customer_terminates_its_sites(self):
        self.customer.customer_status = "active_compliant"
        self.customer.with_context(date="2026-11-15").write(
            {"customer_status": "terminated", "termination_date": D(2026, 11, 15)}
        )
        self.assertEqual(self.site.state, "terminated")
        self.assertEqual(self.site.termination_date, D(2026, 11, 15))

    def test_run_killed_between_two_chunks_then_resumed(self):
        sites = self.site
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        sites |= self.create_sites_with_a_line(3, self.plan_100)
        run = self.env["softwhere.invoice.run"].create(
            {"run_date": D(2026, 11, 1), "company_id": self.company.id, "chunk_size": 2}
        )
        with trap_jobs() as trap:
            run.action_start()
            first = trap.enqueued_jobs[0]
            first.perform()
        mine = run.invoice_ids.filtered(lambda m: m.billing_site_id in sites)
        self.assertEqual(len(mine), 2)
        # "Reprendre": every site again; the first chunk's bill nothing more.
        with trap_jobs() as trap:
            run.action_start()
            trap.perform_enqueued_jobs()
        mine = run.invoice_ids.filtered(lambda m: m.billing_site_id in sites)
        self.assertEqual(mine.billing_site_id, sites)
        self.assertEqual(len(mine), 4)
        self.assertAlmostEqual(sum(mine.mapped("amount_untaxed")), 19.90 + 3 * 29.90)
        # The control report shows the run, not the job: every site invoiced.
        rows = run.report_ids.filtered(lambda row: row.site_id in sites)
        self.assertEqual(set(rows.mapped("state")), {"invoiced"})
        self.assertEqual(rows.move_id, mine)

    def test_control_report_and_posting_the_run(self):
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        self.run_invoicing(D(2026, 11, 1))
        self.create_line("0698765432", articles=[(self.plan_100, D(2026, 11, 16))])
        idle = self.create_site("Garage Dupont")
        run, december = self.run_invoicing(D(2026, 12, 1))
        row = run.report_ids.filtered(lambda r: r.site_id == self.site)
        self.assertEqual(row.state, "invoiced")
        self.assertEqual(row.previous_amount, 19.90)
        self.assertEqual(row.amount_untaxed, december.amount_untaxed)
        self.assertEqual(row.regularisation_amount, 14.95)  # 15 days of 29.90
        self.assertEqual(row.lines_started, 0)
        self.assertTrue(row.anomaly)  # far more than last month
        self.assertIn("%", row.anomaly_note)
        idle_row = run.report_ids.filtered(lambda r: r.site_id == idle)
        self.assertEqual((idle_row.state, idle_row.reason), ("nothing", "Nothing due"))
        # Posting outside the run is refused, and so is the run's posting to a
        # user who is not a SoftWhere manager; the run posts all of its drafts.
        with self.assertRaises(UserError):
            december.action_post()
        with self.assertRaises(AccessError):
            run.with_user(self.user).action_post()
        with trap_jobs() as trap:
            run.action_post()
            trap.perform_enqueued_jobs()
        self.assertEqual(set(run.invoice_ids.mapped("state")), {"posted"})
        numbers = (
            self.env["account.move"]
            .search([("park_invoice_run_id", "=", run.id)], order="billing_site_id, id")
            .mapped("name")
        )
        self.assertEqual(numbers, sorted(numbers))

    def test_two_top_ups_of_one_day_are_billed_once_each(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        top_up = self.article("OR-RD5")
        self.add_article(line, top_up, D(2026, 11, 12))
        self.add_article(line, top_up, D(2026, 11, 12))
        self.run_invoicing(D(2026, 11, 1))
        for run_date in (D(2026, 12, 1), D(2026, 12, 1), D(2027, 1, 1)):
            self.run_invoicing(run_date)
            self.assertEqual(self.net_billed(line, top_up), 14.00)

    def test_a_line_moved_to_another_site_is_neither_credited_nor_billed_twice(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        self.run_invoicing(D(2026, 11, 1))
        other = self.env["softwhere.billing.site"].create(
            {"partner_id": self.customer.id, "name": "Boulangerie Martin – Agence"}
        )
        line.service_id.billing_site_id = other
        run, moves = self.run_invoicing(D(2026, 12, 1))
        self.assertFalse(moves, "nothing credited on the site it left")
        december = run.invoice_ids.filtered(lambda m: m.billing_site_id == other)
        self.assertEqual(december.amount_untaxed, 19.90)
        self.assertFalse(self.regularisations(december))
        self.assertEqual(self.net_billed(line, self.plan_20, other), 19.90)

    def test_a_line_back_to_life_loses_its_old_termination_date(self):
        line = self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        line.write({"activity": "terminated", "termination_date": D(2025, 3, 10)})
        line.activity = "active"
        self.assertFalse(line.termination_date)
        line.with_context(date="2026-11-20").activity = "obsolete"
        self.assertTrue(line.termination_date > D(2025, 3, 10))

    def test_a_site_made_after_the_go_live_is_billed_from_its_first_day(self):
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        self.run_invoicing(D(2026, 11, 1))
        self.assertEqual(self.company.softwhere_billing_start, D(2026, 11, 1))
        newcomer = self.create_site("Fleuriste Garnier")
        service = self.Service.create(
            {"partner_id": newcomer.partner_id.id, "service_type": "mobile"}
        )
        line = self.create_line(
            "0655555555",
            service=service,
            articles=[
                (self.plan_20, D(2026, 11, 16)),
                (self.article("OR-SIM"), D(2026, 11, 16)),
            ],
        )
        self.run_invoicing(D(2026, 12, 1), newcomer)
        self.assertEqual(self.net_billed(line, self.plan_20, newcomer), 29.85)
        self.assertEqual(self.net_billed(line, self.article("OR-SIM"), newcomer), 10.0)

    def test_an_invoice_of_a_posted_run_reset_to_draft_is_posted_again(self):
        self.create_line(articles=[(self.plan_20, D(2026, 1, 1))])
        run, invoice = self.run_invoicing(D(2026, 11, 1))
        with trap_jobs() as trap:
            run.action_post()
            trap.perform_enqueued_jobs()
        invoice.button_draft()
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
