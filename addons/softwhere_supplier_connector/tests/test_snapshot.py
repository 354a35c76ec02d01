# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A page of the supplier's park written in SQL reads back as the ORM writes it.

The snapshot's pages are written by one ``INSERT … SELECT`` each (a park is a
hundred thousand rows). The oracle is the ORM: the same lines made by
``create`` with the values written out below (not by the code under test),
then both read back from the database, every field compared.
"""

from contextlib import closing
from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import TransactionCase, tagged

from softwhere_lib.phone import national
from softwhere_lib.supplier import STATUSES, SupplierLine, SupplierProduct

MONTH = date(2026, 11, 1)

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=20,
)
PRICE = st.floats(min_value=0, max_value=10_000, allow_nan=False).map(
    lambda value: round(value, 4)
)
PRODUCT = st.builds(
    SupplierProduct, code=TEXT.filter(bool), label=TEXT, monthly_price=PRICE
)
NUMBER = st.tuples(
    st.sampled_from(("0{}", "+33 {}", "33{}")),
    st.integers(min_value=600_000_000, max_value=799_999_999),
).map(lambda parts: parts[0].format(parts[1]))
DAY = st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2030, 12, 31)))
LINE = st.builds(
    SupplierLine,
    number=NUMBER,
    iccid=st.one_of(st.just(""), st.from_regex(r"8933[0-9]{15}", fullmatch=True)),
    status=st.sampled_from(STATUSES),
    activation_date=DAY,
    termination_date=DAY,
    offer=st.one_of(st.none(), PRODUCT),
    options=st.lists(PRODUCT, max_size=3).map(tuple),
)


def orm_values(line):
    """The row of one supplier line, as the reconciliation always wrote it."""
    offer = line.offer
    return {
        "number": national(line.number),
        "iccid": line.iccid,
        "status": line.status,
        "activation_date": line.activation_date,
        "termination_date": line.termination_date,
        "offer_code": offer.code if offer else False,
        "offer_label": offer.label if offer else False,
        "offer_price": offer.monthly_price if offer else 0.0,
        "options": ", ".join(option.label for option in line.options),
        "options_data": [
            [option.code, option.label, option.monthly_price] for option in line.options
        ],
        "monthly_price": line.monthly_price,
    }


@tagged("post_install", "-at_install")
class TestSnapshotPage(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend = cls.env["softwhere.supplier.backend"].create(
            {
                "name": "SNAIC snapshot",
                "platform": "snaic",
                "url": "http://127.0.0.1:9/soap/parc",
                "company_id": cls.env.company.id,
            }
        )
        cls.Snapshot = cls.env["softwhere.supplier.snapshot"]

    def rows(self, page):
        """The rows of ``page`` read back, every stored field but the id and
        the page's hash (the ORM's rows have none)."""
        self.env.invalidate_all()
        compared = [
            name
            for name, field in self.Snapshot._fields.items()
            if (field.store or name == "currency_id")
            and name not in ("id", "page_hash")
        ]
        self.assertIn("options_data", compared)
        return self.Snapshot.search(
            [("backend_id", "=", self.backend.id), ("page", "=", page)], order="id"
        ).read(compared)

    def test_a_page_written_in_sql_reads_back_as_the_orm_writes_it(self):
        @settings(
            max_examples=60,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(st.lists(LINE, min_size=1, max_size=6))
        def check(lines):
            with closing(self.env.cr.savepoint()):
                self.assertTrue(
                    self.Snapshot._write_page(self.backend, MONTH, 1, 1, lines)
                )
                self.Snapshot.create(
                    [
                        {
                            **orm_values(line),
                            "backend_id": self.backend.id,
                            "month": MONTH,
                            "page": 2,
                            "read_pass": 1,
                        }
                        for line in lines
                    ]
                )
                written, created = self.rows(1), self.rows(2)
                self.assertEqual(len(written), len(lines))
                for sql_row, orm_row in zip(written, created, strict=True):
                    self.assertEqual(
                        {**sql_row, "id": None, "page": 2},
                        {**orm_row, "id": None},
                    )
                self.env.flush_all()
            self.env.invalidate_all()

        check()

    def test_a_page_read_again_the_same_is_not_written_again(self):
        line = SupplierLine(
            number="0612345678",
            iccid="89330000000000000001",
            status="active",
            activation_date=date(2026, 1, 5),
            termination_date=None,
            offer=SupplierProduct("OR-P2H5", "Forfait 2h 5Go", 9.9),
            options=(SupplierProduct("OR-OEU", "Option Europe", 3.0),),
        )
        other = SupplierLine(
            number="0698765432",
            iccid="",
            status="terminated",
            activation_date=date(2025, 3, 1),
            termination_date=date(2026, 10, 31),
            offer=None,
        )
        Snapshot = self.Snapshot
        self.assertTrue(Snapshot._write_page(self.backend, MONTH, 1, 1, [line, other]))
        first = Snapshot.search([("backend_id", "=", self.backend.id)])
        self.assertFalse(Snapshot._write_page(self.backend, MONTH, 1, 1, [line, other]))
        self.assertEqual(Snapshot.search([("backend_id", "=", self.backend.id)]), first)
        # One price changed: the page is written again, and reads back new.
        cheaper = SupplierProduct("OR-P2H5", "Forfait 2h 5Go", 8.9)
        changed = replace(line, offer=cheaper)
        self.assertTrue(
            Snapshot._write_page(self.backend, MONTH, 1, 1, [changed, other])
        )
        self.assertEqual(
            Snapshot._month_lines(self.backend, MONTH),
            [changed, other],
        )
        # A row gone by hand (a double dropped): the page is written again whole.
        Snapshot.search([("number", "=", "0698765432")]).unlink()
        self.assertTrue(
            Snapshot._write_page(self.backend, MONTH, 1, 1, [changed, other])
        )
        self.assertEqual(
            sorted(
                Snapshot.search([("backend_id", "=", self.backend.id)]).mapped("number")
            ),
            ["0612345678", "0698765432"],
        )
