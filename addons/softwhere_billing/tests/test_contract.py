# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import SoftwhereBillingCase


@tagged("post_install", "-at_install")
class TestContract(SoftwhereBillingCase):
    def add_line(self, site, price=30.0, **values):
        contract = site._get_or_create_contract()
        contract.write(
            {
                "contract_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "name": "Forfait Mobile 100 Go – 06 12 34 56 78",
                            "quantity": 1,
                            "specific_price": price,
                            **values,
                        }
                    )
                ]
            }
        )
        return contract.contract_line_ids[-1:]

    def test_the_contract_is_created_lazily(self):
        site = self.create_site()
        self.assertFalse(site.contract_id)
        contract = site._get_or_create_contract()
        self.assertEqual(site.contract_id, contract)
        self.assertEqual(site._get_or_create_contract(), contract)
        self.assertEqual(contract.billing_site_id, site)
        self.assertEqual(contract.contract_type, "sale")
        self.assertEqual(contract.partner_id, site.invoice_partner_id)
        self.assertEqual(contract.invoice_partner_id, site.invoice_partner_id)
        self.assertEqual(contract.company_id, self.company)
        self.assertEqual(contract.journal_id.type, "sale")
        self.assertEqual(contract.journal_id.company_id, self.company)
        self.assertEqual(contract.name, site.name)
        self.assertTrue(contract.line_recurrence)

    def test_several_sites_get_their_contracts_in_one_call(self):
        sites = self.create_site("Garage Dubois") | self.create_site("Cabinet Roux")
        contracts = sites._get_or_create_contract()
        self.assertEqual(len(contracts), 2)
        self.assertEqual(contracts.billing_site_id, sites)

    @freeze_time("2026-05-12")
    def test_periodicity_and_period_format_map_to_the_recurrence(self):
        expected = {
            ("monthly", "current"): (1, "pre-paid", date(2026, 5, 1)),
            ("quarterly", "current"): (3, "pre-paid", date(2026, 4, 1)),
            ("semiannual", "previous"): (6, "post-paid", date(2026, 1, 1)),
            ("annual", "previous"): (12, "post-paid", date(2026, 1, 1)),
        }
        for (periodicity, period_format), (interval, kind, start) in expected.items():
            with self.subTest(periodicity=periodicity, period_format=period_format):
                site = self.create_site(
                    f"Site {periodicity}",
                    periodicity=periodicity,
                    period_format=period_format,
                )
                contract = site._get_or_create_contract()
                self.assertEqual(contract.recurring_rule_type, "monthlylastday")
                self.assertEqual(contract.recurring_interval, interval)
                self.assertEqual(contract.recurring_invoicing_type, kind)
                self.assertEqual(contract.date_start, start)

    @freeze_time("2026-05-12")
    def test_the_contract_follows_the_site(self):
        site = self.create_site()
        contract = site._get_or_create_contract()
        line = self.add_line(site, date_start=date(2026, 5, 1))
        self.assertEqual(line.recurring_interval, 1)
        site.write({"periodicity": "quarterly", "period_format": "previous"})
        self.assertEqual(line.recurring_interval, 3)
        self.assertEqual(line.recurring_invoicing_type, "post-paid")
        self.assertEqual(contract.recurring_interval, 3)
        self.assertEqual(contract.recurring_invoicing_type, "post-paid")
        self.assertEqual(contract.date_start, date(2026, 5, 1))  # has lines: kept
        site.name = "Boulangerie Martin – Fournil"
        self.assertEqual(contract.name, "Boulangerie Martin – Fournil")
        site.partner_id.vat_auto_reverse = True
        self.assertEqual(contract.fiscal_position_id, site.fiscal_position_id)
        self.assertTrue(contract.fiscal_position_id)
        site.write(self.mandate_values())
        self.assertEqual(contract.payment_mode_id, site.payment_mode_id)
        self.assertTrue(contract.payment_mode_id)
        contact = self.env["res.partner"].create(
            {
                "name": "Service comptable",
                "parent_id": site.partner_id.id,
                "type": "invoice",
            }
        )
        site.invoice_partner_id = contact
        self.assertEqual(contract.partner_id, contact)
        self.assertEqual(contract.invoice_partner_id, contact)

    @freeze_time("2026-05-01")
    def test_a_month_in_advance_invoiced_through_the_site(self):
        site = self.create_site("Opérateur Réseaux Garcia", **self.mandate_values())
        site.partner_id.vat_auto_reverse = True
        line = self.add_line(site, price=30.0)
        self.assertEqual(line.date_start, date(2026, 5, 1))
        invoice = site.contract_id._recurring_create_invoice()
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.billing_site_id, site)
        self.assertEqual(invoice.partner_id, site.invoice_partner_id)
        self.assertEqual(invoice.fiscal_position_id, site.fiscal_position_id)
        self.assertEqual(invoice.payment_mode_id, site.payment_mode_id)
        self.assertEqual(invoice.mandate_id, site.mandate_id)
        self.assertEqual(invoice.invoice_date, date(2026, 5, 1))
        self.assertEqual(invoice.invoice_line_ids.tax_ids, site._invoice_taxes())
        self.assertEqual(invoice.amount_total, 30.0)
        self.assertEqual(line.last_date_invoiced, date(2026, 5, 31))
        self.assertEqual(site.invoice_count, 1)

    @freeze_time("2026-05-12")
    def test_a_quarter_in_arrears_is_a_calendar_quarter(self):
        site = self.create_site(periodicity="quarterly", period_format="previous")
        line = self.add_line(site, price=90.0, date_start=date(2026, 4, 1))
        self.assertEqual(line.recurring_next_date, date(2026, 6, 30))
        invoice = site.contract_id._recurring_create_invoice(date(2026, 7, 1))
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax_20)
        self.assertEqual(invoice.amount_untaxed, 90.0)
        self.assertEqual(line.last_date_invoiced, date(2026, 6, 30))
        period = site._invoice_period(date(2026, 7, 1))
        self.assertEqual(
            (period.start, period.end), (date(2026, 4, 1), date(2026, 6, 30))
        )

    @freeze_time("2026-05-12")
    def test_termination_ends_the_contract_lines_and_reactivation_restores_them(self):
        site = self.create_site()
        line = self.add_line(site, date_start=date(2026, 5, 1))
        ending = self.add_line(
            site, date_start=date(2026, 5, 1), date_end=date(2026, 5, 20)
        )
        site.contract_id._recurring_create_invoice()
        self.assertEqual(line.last_date_invoiced, date(2026, 5, 31))
        site._terminate(date(2026, 7, 15))
        self.assertEqual(line.date_end, date(2026, 7, 15))
        self.assertEqual(ending.date_end, date(2026, 5, 20))
        site.action_reactivate()
        self.assertFalse(line.date_end)
        self.assertEqual(ending.date_end, date(2026, 5, 20))
        # Invoiced until the end of May: a termination on the 10th ends it then.
        site._terminate(date(2026, 5, 10))
        self.assertEqual(line.date_end, date(2026, 5, 31))

    @freeze_time("2026-02-15")
    def test_what_contract_cannot_express_a_line_starting_inside_a_quarter(self):
        """Pinned for the park's invoice run (see ROADMAP). In advance, a line starting
        on 15 February of a quarterly site is invoiced from its start for three months
        (to 30 April), not to the end of the calendar quarter, and for its whole price
        (no prorata); a line starting on 10 May gets its own invoice date. In arrears,
        forcing the next invoice date to the end of the quarter puts its first period
        on the calendar, still without prorata."""
        site = self.create_site(periodicity="quarterly")
        line = self.add_line(site, price=90.0, date_start=date(2026, 2, 15))
        self.assertEqual(line.recurring_interval, 3)
        invoice = site.contract_id._recurring_create_invoice()
        self.assertEqual(line.last_date_invoiced, date(2026, 4, 30))
        self.assertEqual(invoice.amount_untaxed, 90.0)
        later = self.add_line(site, price=90.0, date_start=date(2026, 5, 10))
        self.assertEqual(line.recurring_next_date, date(2026, 5, 1))
        self.assertEqual(later.recurring_next_date, date(2026, 5, 10))

        arrears = self.create_site(
            "Cabinet Roux", periodicity="quarterly", period_format="previous"
        )
        line = self.add_line(arrears, price=90.0, date_start=date(2026, 2, 15))
        self.assertEqual(line.recurring_next_date, date(2026, 4, 30))
        line.recurring_next_date = date(2026, 3, 31)
        invoice = arrears.contract_id._recurring_create_invoice()
        self.assertEqual(line.last_date_invoiced, date(2026, 3, 31))
        self.assertEqual(invoice.amount_untaxed, 90.0)
        self.assertEqual(line.recurring_next_date, date(2026, 6, 30))
