# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Statements against an oracle, over random months of invoices, credit notes,
late postings and commission changes.

For every provider and month: the statement's commission equals, customer by
customer, the rounded product of the untaxed amounts invoiced less credited
and the rate in force on their dates; no invoice is ever counted twice, and a
statement never changes once computed. The oracle keeps its own copy of the
rate history (a change on day d of month m applies from month m + 1) and of
the invoices' untaxed amounts; it never calls the code under test.
"""

from collections import defaultdict
from contextlib import closing
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import SoftwhereCommissionCase

EXAMPLES = 20
MONTHS = 4  # January to April 2026, then May computed for the late ones
CUSTOMERS = 3

INVOICE = st.fixed_dictionaries(
    {
        "customer": st.integers(0, CUSTOMERS - 1),
        "month": st.integers(1, MONTHS),
        "day": st.integers(1, 28),
        "cents": st.integers(1, 100_000),
        "refund": st.booleans(),
        "late": st.booleans(),
    }
)
CHANGE = st.fixed_dictionaries(
    {
        "customer": st.integers(0, CUSTOMERS - 1),
        "month": st.integers(1, MONTHS),
        "day": st.integers(1, 28),
        "rate": st.sampled_from([0.0, 2.5, 7.0, 10.0, 12.35, 33.33]),
        "provider": st.integers(0, 1),
    }
)
SCENARIO = st.fixed_dictionaries(
    {
        "rates": st.lists(
            st.sampled_from([0.0, 5.0, 10.0, 15.55]),
            min_size=CUSTOMERS,
            max_size=CUSTOMERS,
        ),
        "invoices": st.lists(INVOICE, min_size=1, max_size=8),
        "changes": st.lists(CHANGE, max_size=4),
    }
)


def cents(value):
    return Decimal(value).quantize(Decimal("0.01"))


def oracle_commission(revenue, rate):
    exact = Decimal(revenue) * Decimal(str(rate)) / 100
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@tagged("post_install", "-at_install")
class TestCommissionProperty(SoftwhereCommissionCase):
    def test_statements_equal_the_oracle(self):
        seen = set()

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(SCENARIO)
        def check(scenario):
            with closing(self.env.cr.savepoint()):
                self._check_scenario(scenario, seen)
                self.env.flush_all()
            self.env.invalidate_all()

        check()
        self.assertEqual(
            seen,
            {"refund", "late", "changed terms", "other provider"},
            "every kind of event must be met",
        )

    def _check_scenario(self, scenario, seen):
        providers = (self.provider, self.other_provider)
        sites = [
            self.brought_site(f"Client {index}", providers[index % 2], rate=rate)
            for index, rate in enumerate(scenario["rates"])
        ]
        # The oracle's terms: {customer: {first month in force: (provider, rate)}}.
        terms = {
            index: {1: (index % 2, rate)}
            for index, rate in enumerate(scenario["rates"])
        }
        expected = defaultdict(Decimal)  # (provider, statement month) -> commission
        counted = set()
        computed = {}
        for month in range(1, MONTHS + 2):
            for change in sorted(scenario["changes"], key=lambda c: c["day"]):
                if change["month"] != month:
                    continue
                partner = sites[change["customer"]].partner_id
                with freeze_time(date(2026, month, change["day"])):
                    partner.write(
                        {
                            "business_provider_id": providers[change["provider"]].id,
                            "commission_rate": change["rate"],
                        }
                    )
                terms[change["customer"]][month + 1] = (
                    change["provider"],
                    change["rate"],
                )
            moves = {}
            for number, invoice in enumerate(scenario["invoices"]):
                posted_in = invoice["month"] + (1 if invoice["late"] else 0)
                if posted_in != month:
                    continue
                amount = cents(invoice["cents"]) / 100
                moves[number] = self.post_invoice(
                    sites[invoice["customer"]],
                    date(2026, invoice["month"], invoice["day"]),
                    float(amount),
                    refund=invoice["refund"],
                )
            # Oracle: every invoice posted so far and not counted goes to this
            # month's statement of the provider in force on its date.
            revenue = defaultdict(Decimal)
            for number, invoice in enumerate(scenario["invoices"]):
                posted_in = invoice["month"] + (1 if invoice["late"] else 0)
                if number in counted or posted_in > month:
                    continue
                counted.add(number)
                history = terms[invoice["customer"]]
                start = max(m for m in history if m <= invoice["month"])
                provider, rate = history[start]
                seen.update(
                    kind
                    for kind, met in (
                        ("refund", invoice["refund"]),
                        ("late", invoice["late"]),
                        ("changed terms", start > 1),
                        ("other provider", provider != invoice["customer"] % 2),
                    )
                    if met
                )
                amount = cents(invoice["cents"]) / 100
                sign = -1 if invoice["refund"] else 1
                revenue[provider, invoice["customer"], rate] += sign * amount
            for (provider, _customer, rate), total in revenue.items():
                expected[provider, month] += oracle_commission(total, rate)
            statements = self.compute(date(2026, month, 1), date(2026, month + 1, 2))
            computed[month] = {
                s.id: (s.amount_commission, s.line_ids.mapped("amount_commission"))
                for s in statements
            }
            for index, provider in enumerate(providers):
                statement = statements.filtered(
                    lambda s, p=provider: s.business_provider_id == p
                )
                self.assertAlmostEqual(
                    statement.amount_commission,
                    float(expected.get((index, month), 0)),
                    places=2,
                    msg=f"{provider.name}, month {month}: {scenario}",
                )
                has_revenue = any(key[0] == index for key in revenue)
                self.assertEqual(bool(statement), has_revenue, f"month {month}")
            # A repeated run adds nothing.
            self.assertFalse(
                self.compute(date(2026, month, 1), date(2026, month + 1, 3))
            )
        all_moves = self.Statement.search(
            [("business_provider_id", "in", [p.id for p in providers])]
        ).line_ids.move_ids
        self.assertEqual(len(all_moves), len(scenario["invoices"]))
        # Every statement as it was computed, after the changes that followed it.
        for month, statements in computed.items():
            for statement_id, figures in statements.items():
                statement = self.Statement.browse(statement_id)
                self.assertEqual(
                    (
                        statement.amount_commission,
                        statement.line_ids.mapped("amount_commission"),
                    ),
                    figures,
                    f"statement of month {month} changed",
                )
