# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A customer's commission over time: a change applies from the next month."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from odoo.addons.softwhere_park.tests.common import D

from ..hooks import post_init_hook
from .common import SoftwhereCommissionCase


@tagged("post_install", "-at_install")
class TestRateHistory(SoftwhereCommissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bakery = cls.brought_site("Boulangerie Dupont", cls.provider)
        cls.customer_b = cls.bakery.partner_id

    def history(self, partner):
        return [
            (entry.date_from, entry.business_provider_id.name or False, entry.rate)
            for entry in partner.softwhere_commission_rate_ids.sorted("date_from")
        ]

    def test_a_customer_created_with_its_provider_from_this_month(self):
        self.assertEqual(self.customer_b.commission_rate, 10.0)
        self.assertEqual(
            self.history(self.customer_b), [(D(2026, 1, 1), "Apport Conseil", 10.0)]
        )
        # A customer account without a provider has no terms.
        self.assertFalse(self.customer.softwhere_commission_rate_ids)

    def test_changes_of_one_month_make_one_entry_from_the_next(self):
        with freeze_time("2026-05-12"):
            self.customer_b.commission_rate = 12.0
        with freeze_time("2026-05-28"):
            self.customer_b.commission_rate = 15.0
        self.assertEqual(
            self.history(self.customer_b),
            [
                (D(2026, 1, 1), "Apport Conseil", 10.0),
                (D(2026, 6, 1), "Apport Conseil", 15.0),
            ],
        )
        with freeze_time("2026-05-30"):
            self.customer_b.commission_rate = 10.0
        self.assertEqual(
            self.history(self.customer_b), [(D(2026, 1, 1), "Apport Conseil", 10.0)]
        )

    def test_a_new_provider_and_no_provider_from_the_next_month(self):
        with freeze_time("2026-03-20"):
            self.customer_b.business_provider_id = self.other_provider
        with freeze_time("2026-07-02"):
            self.customer_b.business_provider_id = False
        self.assertEqual(
            self.history(self.customer_b),
            [
                (D(2026, 1, 1), "Apport Conseil", 10.0),
                (D(2026, 4, 1), "Réseau Pro", 5.0),
                (D(2026, 8, 1), False, 0.0),
            ],
        )
        for day in (D(2026, 3, 31), D(2026, 4, 1), D(2026, 8, 1)):
            self.post_invoice(self.bakery, day, 100.0)
        statements = self.compute(D(2026, 8, 1), D(2026, 9, 1))
        self.assertEqual(
            sorted(
                (s.business_provider_id.name, s.amount_commission) for s in statements
            ),
            [("Apport Conseil", 10.0), ("Réseau Pro", 5.0)],
        )
        # The invoice of August (no provider any more) is nobody's commission.
        self.assertEqual(len(statements.line_ids.move_ids), 2)

    def test_a_rate_change_mid_year_leaves_the_past_statement_unchanged(self):
        self.post_invoice(self.bakery, D(2026, 5, 4), 300.0)
        may = self.compute(D(2026, 5, 1), D(2026, 6, 1))
        self.assertEqual(may.amount_commission, 30.0)
        with freeze_time("2026-06-10"):
            self.customer_b.commission_rate = 20.0
        self.post_invoice(self.bakery, D(2026, 6, 4), 300.0)
        self.post_invoice(self.bakery, D(2026, 7, 4), 300.0)
        june = self.compute(D(2026, 6, 1), D(2026, 7, 3))
        july = self.compute(D(2026, 7, 1), D(2026, 8, 3))
        # June was invoiced at June's terms; the new rate from July on.
        self.assertEqual((june.line_ids.rate, june.amount_commission), (10.0, 30.0))
        self.assertEqual((july.line_ids.rate, july.amount_commission), (20.0, 60.0))
        # May's statement, its bill and its PDF as they were.
        self.assertEqual((may.line_ids.rate, may.amount_commission), (10.0, 30.0))
        self.assertEqual(may.bill_id.amount_untaxed, 30.0)
        self.assertFalse(self.compute(D(2026, 5, 1), D(2026, 8, 3)))

    def test_terms_start_on_the_first_of_a_month(self):
        with self.assertRaisesRegex(ValidationError, "first day of a month"):
            self.Terms.create(
                {
                    "partner_id": self.customer_b.id,
                    "date_from": D(2026, 9, 15),
                    "business_provider_id": self.provider.id,
                    "rate": 3.0,
                }
            )

    def test_the_users_read_the_history_but_do_not_write_it(self):
        entry = self.customer_b.softwhere_commission_rate_ids.with_user(self.user)
        self.assertEqual(entry.rate, 10.0)
        with self.assertRaises(AccessError):
            entry.rate = 50.0
        # Changing the customer's rate, as a SoftWhere user does, writes it.
        with freeze_time("2026-05-12"):
            self.customer_b.with_user(self.user).commission_rate = 11.0
        self.assertEqual(
            self.history(self.customer_b)[-1], (D(2026, 6, 1), "Apport Conseil", 11.0)
        )

    def test_installed_on_a_database_in_use(self):
        """Customers brought before the installation: their current terms from
        the month of the installation, those with terms left as they are."""
        self.customer_b.softwhere_commission_rate_ids.unlink()
        other = self.brought_site("Pharmacie Morel", self.other_provider).partner_id
        with freeze_time("2026-09-14"):
            post_init_hook(self.env)
        self.assertEqual(
            self.history(self.customer_b), [(D(2026, 9, 1), "Apport Conseil", 10.0)]
        )
        self.assertEqual(self.history(other), [(D(2026, 1, 1), "Réseau Pro", 5.0)])
