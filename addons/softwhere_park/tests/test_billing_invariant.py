# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The billing invariant, proven over random histories of one billing site.

For every article and every sequence of changes and runs, after each run:

- the net billed amount of a periodic article (invoices less credit notes)
  equals its prorata over its days in force up to the end of the last period
  billed, to the cent;
- a one-off or hardware fee is billed once, on the first run on or after its
  date;
- a run repeated bills nothing;
- a line under construction is billed from the day it goes live, and nothing
  of a line terminated before it ever did.

The oracle below never calls the engine: it keeps its own copy of the park's
history, counts days in force one by one (each day is 1/days-of-its-month of
a month) and rounds once, half up. Only the definition of a site's periods
comes from ``softwhere_lib.billing``.
"""

import calendar
from contextlib import closing
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command
from odoo.tests import tagged

from softwhere_lib.billing import invoice_period

from .common import SoftwhereParkCase

#: Examples per period format: every kind of event meets both formats
#: (checked at the end), at about 0.3 s an example.
EXAMPLES = 150
FIRST_DAY = date(2026, 1, 1)
EVENT_KINDS = (
    "activate",
    "build",
    "go_live",
    "change_plan",
    "option",
    "end_option",
    "terminate",
    "one_off",
    "hardware",
)


def oracle_amount(price, quantity, first, last):
    """``quantity`` × the monthly ``price`` over ``[first, last]``, day by day."""
    months = Fraction(0)
    day = first
    while day <= last:
        months += Fraction(1, calendar.monthrange(day.year, day.month)[1])
        day += timedelta(days=1)
    exact = Fraction(Decimal(str(price))) * months
    unit = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return quantity * unit


def run_dates():
    """Runs on the 1st of consecutive months, some on another day, some twice."""
    return st.tuples(
        st.integers(0, 5),  # first month
        st.lists(st.tuples(st.integers(1, 28), st.booleans()), min_size=3, max_size=9),
    ).map(
        lambda drawn: [
            day
            for index, (day_of_month, repeated) in enumerate(drawn[1])
            for day in (
                [_month(drawn[0] + index, 1 if day_of_month > 9 else day_of_month)]
                * (2 if repeated else 1)
            )
        ]
    )


def _month(index, day):
    return date(2026 + index // 12, index % 12 + 1, day)


EVENT = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(EVENT_KINDS),
        "at_run": st.integers(0, 9),
        "day": st.integers(0, 500),
        "line": st.integers(0, 3),
        "choice": st.integers(0, 1),
        "quantity": st.integers(1, 3),
        "length": st.one_of(st.none(), st.integers(0, 120)),
    }
)
SCENARIO = st.fixed_dictionaries(
    {
        "periodicity": st.sampled_from(
            ["monthly", "quarterly", "semiannual", "annual"]
        ),
        "runs": run_dates(),
        "events": st.lists(EVENT, min_size=2, max_size=10),
    }
)


@tagged("post_install", "-at_install")
class TestBillingInvariant(SoftwhereParkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plans = (cls.plan_20, cls.plan_100)
        cls.option = cls.article("OR-OEU")
        cls.one_off = cls.article("OR-RD5")
        cls.hardware = (cls.article("OR-SIM"), cls.article("HW-SGA55"))

    def test_net_billed_equals_the_prorata_of_every_article(self):
        seen = set()

        for period_format in ("current", "previous"):
            self._property(period_format, seen)()
        self.assertEqual(
            seen,
            {(kind, fmt) for kind in EVENT_KINDS for fmt in ("current", "previous")},
            "every kind of event must meet every period format",
        )

    def _property(self, period_format, seen):
        """The invariant over random histories of a site of this period format."""

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(SCENARIO)
        def check(scenario):
            scenario = dict(scenario, period_format=period_format)
            with closing(self.env.cr.savepoint()):
                self._check_scenario(scenario, seen)
                self.env.flush_all()
            self.env.invalidate_all()

        return check

    # -- one history ---------------------------------------------------------------
    def _check_scenario(self, scenario, seen):
        site = self.create_site("Client aléatoire")
        site.write(
            {
                "periodicity": scenario["periodicity"],
                "period_format": scenario["period_format"],
            }
        )
        service = self.Service.create(
            {"partner_id": site.partner_id.id, "service_type": "mobile"}
        )
        oracle = {"lines": [], "articles": {}, "last_run": None, "billing_start": None}
        runs = scenario["runs"]
        billing_start = horizon = None
        for index, run_date in enumerate(runs):
            changed = False
            for event in scenario["events"]:
                if event["at_run"] == index and self._apply(event, service, oracle):
                    seen.add((event["kind"], scenario["period_format"]))
                    changed = True
            moves = site._park_invoice(run_date)
            period = invoice_period(
                run_date, scenario["periodicity"], scenario["period_format"]
            )
            billing_start = billing_start or period.start
            horizon = max(horizon or period.end, period.end)
            oracle.update(last_run=run_date, billing_start=billing_start)
            expected = self._expected(oracle, billing_start, horizon, run_date)
            billed = self._billed(site)
            keys = set(expected) | set(billed)
            self.assertEqual(
                {key: billed.get(key, 0) for key in keys},
                {key: expected.get(key, 0) for key in keys},
                f"run {index} on {run_date} of {scenario}",
            )
            if index and runs[index - 1] == run_date and not changed:
                self.assertFalse(moves, "a repeated run with no change bills nothing")

    def _apply(self, event, service, oracle):
        """Apply one event to Odoo and to the oracle's copy; False when skipped."""
        day = FIRST_DAY + timedelta(days=event["day"])
        kind = event["kind"]
        if kind in ("activate", "build"):
            plan = self.plans[event["choice"]]
            number = f"061{len(oracle['lines']):07d}"
            building = kind == "build"
            line = self.create_line(
                number,
                service=service,
                articles=[(plan, day)],
                activity="building" if building else "active",
            )
            oracle["lines"].append(
                {"line": line, "terminated": None, "building": building, "live": None}
            )
            self._add(oracle, line, line.article_ids, plan, day, None, 1)
            return True
        if kind == "go_live":
            # The first line still under construction goes live on the day drawn.
            waiting = [
                e for e in oracle["lines"] if e["building"] and not e["terminated"]
            ]
            if not waiting:
                return False
            waiting[0].update(building=False, live=day)
            waiting[0]["line"].write({"activity": "active", "activation_date": day})
            return True
        if not oracle["lines"]:
            return False
        entry = oracle["lines"][event["line"] % len(oracle["lines"])]
        line = entry["line"]
        if entry["terminated"]:
            return False
        articles = oracle["articles"]
        mine = {k: a for k, a in articles.items() if a["line"] == line.id}
        if kind == "change_plan":
            plan = self.plans[event["choice"]]
            subscriptions = {k: a for k, a in mine.items() if a["subscription"]}
            if any(a["start"] >= day for a in subscriptions.values()):
                return False
            for article in subscriptions.values():
                if article["end"] is None or article["end"] >= day:
                    article["end"] = day - timedelta(days=1)
            line.change_plan(plan, day)
            new = line.article_ids.filtered(
                lambda a: a.product_id == plan and a.date_start == day
            )
            self._add(oracle, line, new, plan, day, None, 1)
            return True
        if kind == "option":
            end = day + timedelta(days=event["length"]) if event["length"] else None
            if (line.id, self.option.id, day) in articles:
                return False
            new = self._create_article(line, self.option, day, end, event["quantity"])
            self._add(oracle, line, new, self.option, day, end, event["quantity"])
            return True
        if kind == "end_option":
            # The first option still open, of any live line: ends on the day
            # drawn, or on its own start when that comes later.
            live = {e["line"].id for e in oracle["lines"] if not e["terminated"]}
            options = [
                article
                for article in articles.values()
                if article["periodic"]
                and not article["subscription"]
                and article["line"] in live
                and article["end"] is None
            ]
            if not options:
                return False
            article = options[0]
            article["end"] = max(day, article["start"])
            article["record"].date_end = article["end"]
            return True
        if kind == "terminate":
            for key, article in list(mine.items()):
                if not article["periodic"]:
                    # A fee stays; one dated after the termination is due
                    # only if a run had already billed it.
                    if article["start"] > day:
                        article["billed_only"] = bool(
                            oracle["last_run"]
                            and oracle["billing_start"]
                            <= article["start"]
                            <= oracle["last_run"]
                        )
                elif article["start"] > day:
                    del articles[key]
                elif article["end"] is None or article["end"] > day:
                    article["end"] = day
            entry["terminated"] = day
            line.action_terminate(day)
            return True
        product = self.one_off if kind == "one_off" else self.hardware[event["choice"]]
        if (line.id, product.id, day) in articles:
            return False
        new = self._create_article(line, product, day, None, event["quantity"])
        self._add(oracle, line, new, product, day, None, event["quantity"])
        return True

    def _create_article(self, line, product, start, end, quantity):
        line.write(
            {
                "article_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "date_start": start,
                            "date_end": end or False,
                            "quantity": quantity,
                        }
                    )
                ]
            }
        )
        return line.article_ids.filtered(
            lambda a: a.product_id == product and a.date_start == start
        )

    def _add(self, oracle, line, record, product, start, end, quantity):
        oracle["articles"][(line.id, product.id, start)] = {
            "line": line.id,
            "record": record,
            "periodic": product.softwhere_kind in ("subscription", "option"),
            "subscription": product.softwhere_kind == "subscription",
            "price": product.list_price,
            "quantity": quantity,
            "start": start,
            "end": end,
        }

    def _expected(self, oracle, billing_start, horizon, run_date):
        expected = {}
        lines = {entry["line"].id: entry for entry in oracle["lines"]}
        for key, article in oracle["articles"].items():
            line = lines[article["line"]]
            if line["building"]:
                # Under construction, or terminated before it went live.
                amount = 0
            elif article["periodic"]:
                first = max(article["start"], billing_start, line["live"] or FIRST_DAY)
                last = min(article["end"] or horizon, horizon)
                amount = oracle_amount(
                    article["price"], article["quantity"], first, last
                )
            elif article.get("billed_only") is False:
                amount = 0
            elif billing_start <= article["start"] <= run_date:
                amount = article["quantity"] * Decimal(str(article["price"]))
            else:
                amount = 0
            if amount:
                expected[key] = Decimal(amount).quantize(Decimal("0.01"))
        return expected

    def _billed(self, site):
        billed = {}
        lines = self.env["account.move.line"].search(
            [("move_id.billing_site_id", "=", site.id), ("park_line_id", "!=", False)]
        )
        for line in lines:
            key = (
                line.park_line_id.id,
                line.product_id.id,
                line.softwhere_article_start,
            )
            sign = -1 if line.move_id.move_type == "out_refund" else 1
            billed[key] = billed.get(key, 0) + sign * Decimal(
                str(line.price_subtotal)
            ).quantize(Decimal("0.01"))
        return {key: amount for key, amount in billed.items() if amount}
