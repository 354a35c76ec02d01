# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The control report of this month's run on the demo park, then its posting.

The figures expected are computed here from the park itself (articles, lines,
sites) and the invoices already made, day by day like the invariant's
oracle: never by the engine.
"""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from softwhere_lib.billing import invoice_period
from softwhere_lib.vocabulary import ENDED_LINE_ACTIVITIES

from ..models.softwhere_billing_site import BILLED_CUSTOMER_STATUSES
from .test_billing_invariant import oracle_amount


@tagged("post_install", "-at_install")
class TestDemoMonth(TransactionCase):
    def test_this_months_control_report_and_posting(self):
        run_date = date.today().replace(day=1)
        Run = self.env["softwhere.invoice.run"]
        demo_run = Run.search([("run_date", "=", run_date - relativedelta(months=1))])
        if not self.env["ir.module.module"]._get("softwhere_park").demo:
            self.assertFalse(demo_run, "a demo invoice run without demo data")
            return
        self.assertTrue(demo_run.invoice_ids, "the demo invoices last month")
        # A change inside last month, already billed: a line ended on the 20th.
        line = demo_run.invoice_ids.invoice_line_ids.park_line_id.filtered(
            lambda line: line.activity == "active"
            and line.billing_site_id.periodicity == "monthly"
            and line.billing_site_id.period_format == "current"
        )[:1]
        line.action_terminate(run_date - relativedelta(months=1, days=-19))
        sites = self.env["softwhere.billing.site"]._park_sites_to_invoice(
            run_date, self.env.company
        )
        before = {site: self._figures_before(site, run_date) for site in sites}
        run = Run.create({"run_date": run_date})
        run.with_context(queue_job__no_delay=True).action_start()

        self.assertEqual(run.report_ids.site_id, sites)
        for row in run.report_ids:
            site = row.site_id
            expected = before[site]
            with self.subTest(site=site.display_name):
                if site.partner_id.customer_status not in BILLED_CUSTOMER_STATUSES:
                    self.assertEqual(row.state, "skipped")
                    self.assertIn(
                        dict(
                            site.partner_id._fields[
                                "customer_status"
                            ]._description_selection(self.env)
                        )[site.partner_id.customer_status],
                        row.reason,
                    )
                    continue
                amount = expected["due"] - expected["billed"]
                self.assertAlmostEqual(row.amount_untaxed, float(amount), places=2)
                self.assertEqual(
                    row.state,
                    "invoiced" if amount > 0 else "credited" if amount else "nothing",
                )
                self.assertAlmostEqual(
                    row.regularisation_amount,
                    float(expected["due_before"] - expected["billed"]),
                    places=2,
                )
                self.assertAlmostEqual(
                    row.previous_amount, expected["previous"], places=2
                )
                self.assertEqual(row.lines_started, expected["started"])
                self.assertEqual(row.lines_ended, expected["ended"])
                variation = (
                    abs(float(amount) - expected["previous"])
                    / abs(expected["previous"])
                    if expected["previous"]
                    else 0
                )
                self.assertEqual(
                    row.anomaly,
                    variation > 0.20 or amount < 0 or bool(expected["zero"]),
                )
        mine = run.report_ids.filtered(lambda row: row.site_id == line.billing_site_id)
        self.assertLess(mine.regularisation_amount, 0, "the line's last days credited")
        self.assertTrue(run.report_ids.filtered(lambda row: row.state == "skipped"))

        # Posting the whole run: every invoice posted, numbered in the sites' order.
        with trap_jobs() as trap:
            run.action_post()
            trap.perform_enqueued_jobs()
        moves = run.invoice_ids
        self.assertTrue(moves)
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        order = {site: index for index, site in enumerate(sites)}
        for move_type in set(moves.mapped("move_type")):
            names = (
                moves.filtered(lambda m, t=move_type: m.move_type == t)
                .sorted(lambda m: order[m.billing_site_id])
                .mapped("name")
            )
            self.assertEqual(names, sorted(names), f"{move_type} numbers")

    def _figures_before(self, site, run_date):
        """What the site is due and was billed, from the park and its invoices."""
        period = invoice_period(run_date, site.periodicity, site.period_format)
        start = site.park_billing_start or period.start
        previous_horizon = site.park_billed_until or start - timedelta(days=1)
        horizon = max(period.end, previous_horizon)
        moves = self.env["account.move"].search(
            [("billing_site_id", "=", site.id), ("state", "!=", "cancel")]
        )
        previous_run = moves.park_invoice_run_id.sorted("run_date")[-1:]
        figures = {
            "billed": sum(
                (Decimal(str(m.amount_untaxed_signed)) for m in moves), Decimal(0)
            ),
            "previous": sum(
                moves.filtered(lambda m: m.park_invoice_run_id == previous_run).mapped(
                    "amount_untaxed_signed"
                )
            ),
            "due": 0,
            "due_before": 0,
            "started": set(),
            "ended": set(),
            "zero": set(),
        }
        for line in site.line_ids:
            if line.activity == "building":
                continue
            for article in line.article_ids.filtered("is_periodic"):
                ends = [article.date_end]
                if line.activity in ENDED_LINE_ACTIVITIES:
                    ends.append(line.termination_date)
                if site.state == "terminated":
                    ends.append(site.termination_date)
                end = min((e for e in ends if e), default=None)
                first = max(article.date_start, start, line.activation_date or start)
                for key, until in (("due", horizon), ("due_before", previous_horizon)):
                    last = min(end or until, until)
                    if first <= last:
                        figures[key] += oracle_amount(
                            article.sale_price, article.quantity, first, last
                        )
                if article.date_start > period.end:
                    continue
                if period.start <= article.date_start:
                    figures["started"].add(line)
                if end and period.start <= end <= period.end:
                    figures["ended"].add(line)
                if not article.sale_price and (not end or end >= period.start):
                    figures["zero"].add(line)
        for key in ("started", "ended"):
            figures[key] = len(figures[key])
        return figures
