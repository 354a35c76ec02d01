# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time
from odoo.tools.misc import file_path

from odoo.addons.softwhere_collection.debit_date import debit_date
from odoo.addons.softwhere_park.tests.common import D

from .common import RUN, SoftwhereCollectionCase, texts


def oracle_debit_date(day, debit_day, lead_days):
    """Day by day from the invoice: the first debit day far enough ahead."""
    candidate = day
    while not (candidate.day == debit_day and (candidate - day).days >= lead_days):
        candidate += timedelta(days=1)
    return candidate


@tagged("post_install", "-at_install")
class TestDebitDate(SoftwhereCollectionCase):
    @settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @given(
        st.dates(min_value=D(2020, 1, 1), max_value=D(2040, 12, 31)),
        st.integers(min_value=1, max_value=28),
        st.integers(min_value=0, max_value=70),
    )
    def test_the_first_debit_day_at_least_the_lead_time_after(
        self, day, debit_day, lead_days
    ):
        self.assertEqual(
            debit_date(day, debit_day, lead_days),
            oracle_debit_date(day, debit_day, lead_days),
        )

    def test_a_sepa_sites_invoice_is_due_on_the_debit_day(self):
        sepa = self.create_site(
            "Garage Dubois", **self.mandate_values(mandate_rum="ACTIF-GD-01")
        )
        other = self.create_site("Cabinet Roux")
        cases = [
            # 1 Nov + 14 days = 15 Nov: past the 10th, so 10 December.
            (D(2026, 11, 1), D(2026, 12, 10)),
            # 20 Nov + 14 days = 4 Dec: 10 December.
            (D(2026, 11, 20), D(2026, 12, 10)),
            # 27 Nov + 14 days = 11 Dec: 10 January.
            (D(2026, 11, 27), D(2027, 1, 10)),
        ]
        for invoice_date, due in cases:
            invoice = self.create_invoice(sepa, invoice_date=invoice_date, post=False)
            self.assertEqual(invoice.invoice_date_due, due, invoice_date)
            self.assertEqual(invoice.softwhere_debit_date, due)
            self.assertEqual(
                invoice.invoice_payment_term_id.name,
                "SEPA direct debit on the debit day",
            )
        # The debit day moved to the 5th, the notice to 3 days.
        self.company.write({"softwhere_debit_day": 5, "softwhere_debit_lead_days": 3})
        invoice = self.create_invoice(sepa, invoice_date=D(2026, 11, 1), post=False)
        self.assertEqual(invoice.invoice_date_due, D(2026, 11, 5))
        # A site without mandate: Odoo's due date, no debit.
        invoice = self.create_invoice(other, invoice_date=D(2026, 11, 1), post=False)
        self.assertFalse(invoice.invoice_payment_term_id)
        self.assertFalse(invoice.softwhere_debit_date)

    def test_the_debit_day_is_one_every_month_has(self):
        for field, value in (
            ("softwhere_debit_day", 29),
            ("softwhere_debit_day", 0),
            ("softwhere_debit_lead_days", -1),
        ):
            label = self.company._fields[field]._description_string(self.env)
            with (
                self.assertRaisesRegex(ValidationError, label),
                self.env.cr.savepoint(),
            ):
                self.company.write({field: value})


@tagged("post_install", "-at_install")
class TestDebitOrders(SoftwhereCollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sepa_sites = cls.create_sepa_sites(3, "ACTIF-S")
        cls.other_site = cls.create_site_with_line(
            "Client virement", "0611111111", sepa=False
        )
        method = cls.env.ref("account_banking_sepa_direct_debit.sepa_direct_debit")
        cls.xsd = etree.XMLSchema(etree.parse(file_path(method.get_xsd_file_path())))

    def test_posting_a_run_makes_one_debit_order_per_due_date(self):
        late = self.sepa_sites[2]

        def a_date_changed_by_hand(drafts):
            # The clerk dated one draft of the run the 27th: it is due a month
            # later, in an order of its own.
            drafts.filtered(lambda move: move.billing_site_id == late).write(
                {"invoice_date": D(2026, 11, 27)}
            )

        run = self.run_invoicing(edit_drafts=a_date_changed_by_hand)
        invoices = run.invoice_ids
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertEqual(len(invoices), 4)
        orders = run.debit_order_ids.sorted("date_scheduled")
        self.assertEqual(run.debit_order_count, 2)
        self.assertEqual(
            orders.mapped("date_scheduled"), [D(2026, 12, 10), D(2027, 1, 10)]
        )
        self.assertEqual(set(orders.mapped("state")), {"draft"})
        self.assertEqual(orders.payment_method_id.code, "sepa_direct_debit")
        debited = {
            order.date_scheduled: order.payment_line_ids.move_line_id.move_id
            for order in orders
        }
        by_site = {move.billing_site_id: move for move in invoices}
        self.assertEqual(
            debited[D(2026, 12, 10)],
            by_site[self.sepa_sites[0]] | by_site[self.sepa_sites[1]],
        )
        self.assertEqual(debited[D(2027, 1, 10)], by_site[late])
        # Each invoice says the date its debit order requests.
        for date, moves in debited.items():
            self.assertEqual(set(moves.mapped("invoice_date_due")), {date})
        self.assertFalse(by_site[self.other_site].line_ids.payment_line_ids)

        # The PAIN.008 of the first order: valid against the XSD of OCA's
        # module, its count and control sum those of the invoices.
        first = orders[0]
        with freeze_time(RUN):
            xml = self.generate_file(first)
        self.assertTrue(self.xsd.validate(xml), self.xsd.error_log)
        moves = debited[D(2026, 12, 10)]
        total = sum(Decimal(str(amount)) for amount in moves.mapped("amount_total"))
        self.assertEqual(total, Decimal("47.76"))  # 2 × 19.90 + 20 % VAT
        for path in ("//p:GrpHdr", "//p:PmtInf"):
            self.assertEqual(texts(xml, f"{path}/p:NbOfTxs"), [str(len(moves))])
            self.assertEqual(texts(xml, f"{path}/p:CtrlSum"), [f"{total:.2f}"])
        self.assertEqual(
            sorted(texts(xml, "//p:DrctDbtTxInf/p:InstdAmt")),
            sorted(f"{amount:.2f}" for amount in moves.mapped("amount_total")),
        )
        self.assertEqual(texts(xml, "//p:PmtInf/p:ReqdColltnDt"), ["2026-12-10"])
        self.assertEqual(
            sorted(texts(xml, "//p:MndtRltdInf/p:MndtId")), ["ACTIF-S0", "ACTIF-S1"]
        )
        # New mandates: a first debit.
        self.assertEqual(texts(xml, "//p:PmtTpInf/p:SeqTp"), ["FRST"])
        with freeze_time(RUN):
            first.generated2uploaded()
        self.assertEqual(
            set(self.sepa_sites[:2].mandate_id.mapped("recurrent_sequence_type")),
            {"recurring"},
        )
        for move in moves:
            self.assertEqual(move.payment_state, "in_payment", move.name)

        # December's run: the mandates debited once are recurring, the one
        # not debited yet is still a first debit.
        december = D(2026, 12, 1)
        run = self.run_invoicing(december)
        [order] = run.debit_order_ids
        self.assertEqual(order.date_scheduled, D(2027, 1, 10))
        with freeze_time(december):
            xml = self.generate_file(order)
        self.assertTrue(self.xsd.validate(xml), self.xsd.error_log)
        sequence = {}
        namespace = {"p": xml.nsmap[None]}
        for info in xml.xpath("//p:PmtInf", namespaces=namespace):
            kind = info.xpath("p:PmtTpInf/p:SeqTp", namespaces=namespace)[0].text
            for rum in info.xpath(".//p:MndtRltdInf/p:MndtId", namespaces=namespace):
                sequence[rum.text] = kind
        self.assertEqual(
            sequence, {"ACTIF-S0": "RCUR", "ACTIF-S1": "RCUR", "ACTIF-S2": "FRST"}
        )
        self.assertEqual(
            texts(xml, "//p:GrpHdr/p:NbOfTxs"), [str(len(run.invoice_ids) - 1)]
        )

    def test_posting_again_puts_no_invoice_twice(self):
        run = self.run_invoicing()
        orders = run.debit_order_ids
        lines = orders.payment_line_ids
        self.assertEqual(len(lines), 3)
        # The posting job run again (a retry): nothing new.
        run._post_invoices(run.invoice_ids.ids)
        self.assertEqual(run.debit_order_ids, orders)
        self.assertEqual(run.debit_order_ids.payment_line_ids, lines)
        # An invoice added by hand goes to an order of its own, not the run's.
        invoice = self.create_invoice(self.sepa_sites[0], invoice_date=RUN)
        with freeze_time(RUN):
            action = invoice.create_account_payment_line()
        order = self.env["account.payment.order"].browse(action["res_id"])
        self.assertNotIn(order, orders)
        self.assertFalse(order.softwhere_invoice_run_id)
