"""Reconciliation on a small park written here, with every gap and amount
written out: no simulator, no catalogue of the simulators as the oracle."""

from datetime import date

from softwhere_lib.reconciliation import (
    BilledItem,
    BilledLine,
    CatalogueArticle,
    Reconciler,
)
from softwhere_lib.supplier import (
    SupplierClient,
    SupplierLine,
    SupplierPage,
    SupplierProduct,
)

# label, supplier label, sale price, planned purchase price (monthly, € excl. VAT)
F20 = CatalogueArticle("Forfait 20Go", "PRO 20GO", 19.90, 8.50)
F100 = CatalogueArticle("Forfait 100Go", "PRO 100GO", 29.90, 12.90)
EUROPE = CatalogueArticle("Option Europe", "OPT EUROPE", 5.00, 2.00)
DATA = CatalogueArticle("Option Data", "OPT DATA", 4.00, 1.60)
RECONCILER = Reconciler([F20, F100, EUROPE, DATA])


def plan(article):
    return BilledItem(article.label, "subscription", article.sale_price)


def option(article):
    return BilledItem(article.label, "option", article.sale_price)


def billed(number, ref, *items, active=True, start=None, end=None):
    return BilledLine(number, active, tuple(items), ref=ref, start=start, end=end)


def product(article, price=None):
    return SupplierProduct(
        code=article.supplier_label,
        label=article.supplier_label,
        monthly_price=article.planned_price if price is None else price,
    )


def line(number, offer, *options, status="active", since=None, until=None, iccid=""):
    return SupplierLine(number, iccid, status, since, until, offer, tuple(options))


BILLED = [
    billed("0611111111", 1, plan(F20), option(EUROPE)),
    billed("0622222222", 2, plan(F20)),
    billed("0633333333", 3, plan(F20)),
    billed("0644444444", 4, plan(F20), option(EUROPE)),
    billed("0655555555", 5, plan(F100)),
    billed("0677777777", 7, plan(F20)),
    billed("0688888888", 8, plan(F20), active=False, end=date(2026, 9, 30)),
    # 06 99 99 99 99: terminated, then given to a new customer.
    billed(
        "0699999999",
        91,
        plan(F100),
        active=False,
        start=date(2024, 1, 1),
        end=date(2025, 6, 30),
    ),
    billed("0699999999", 92, plan(F20), start=date(2025, 9, 1)),
    # 07 33 33 33 33: the same, the old line gone from the supplier's park.
    billed(
        "0733333333",
        101,
        plan(F20),
        active=False,
        start=date(2023, 1, 1),
        end=date(2024, 12, 31),
    ),
    billed("0733333333", 102, plan(F20), start=date(2025, 3, 1)),
]
SUPPLIER = [
    # The same line, numbered the international way.
    line("33611111111", product(F20), product(EUROPE)),
    line("+33 6 22 22 22 22", product(F100)),
    line("0633333333", product(F20, 9.78)),
    line("0644444444", product(F20), product(DATA)),
    line("0666666666", product(F20), product(EUROPE)),
    line("0677777777", product(F20), status="terminated", until=date(2026, 10, 31)),
    line("0688888888", product(F20)),
    line(
        "0699999999",
        product(F100),
        status="terminated",
        since=date(2024, 1, 2),
        until=date(2025, 6, 30),
    ),
    line("0699999999", product(F20), since=date(2025, 9, 1)),
    line("0733333333", product(F20, 9.00), since=date(2025, 3, 1)),
]


def test_the_gaps_of_a_small_park_with_their_amounts():
    gaps = RECONCILER.reconcile(BILLED, SUPPLIER)
    assert [
        (
            g.kind,
            g.number,
            g.ref,
            g.billed_label,
            g.supplier_label,
            g.revenue_lost,
            g.margin_lost,
            g.overbilled,
        )
        for g in gaps
    ] == [
        ("plan_different", "0622222222", 2, "Forfait 20Go", "PRO 100GO", 10.0, 4.4, 0),
        ("price_above", "0633333333", 3, "Forfait 20Go", "PRO 20GO", 0, 1.28, 0),
        ("option_different", "0644444444", 4, "", "OPT DATA", 4.0, 1.6, 0),
        ("option_different", "0644444444", 4, "Option Europe", "", 0, 0, 5.0),
        ("not_in_place", "0655555555", 5, "Forfait 100Go", "", 0, 0, 29.9),
        ("not_billed", "0666666666", None, "", "PRO 20GO", 24.9, 10.5, 0),
        ("terminated_one_side", "0677777777", 7, "", "PRO 20GO", 0, 0, 19.9),
        ("terminated_one_side", "0688888888", 8, "", "PRO 20GO", 0, 8.5, 0),
        ("price_above", "0733333333", 102, "Forfait 20Go", "PRO 20GO", 0, 0.5, 0),
    ]
    details = {(g.kind, g.number): g.detail for g in gaps}
    assert details[("plan_different", "0622222222")] == (
        "Forfait facturé « Forfait 20Go », forfait en place « PRO 100GO »"
    )
    assert details[("price_above", "0633333333")] == (
        "« PRO 20GO » acheté 9.78 € au lieu de 8.50 € prévus"
    )
    assert details[("terminated_one_side", "0677777777")] == (
        "Résiliée chez l'opérateur le 2026-10-31, toujours facturée"
    )


def test_numbers_match_whatever_their_spelling():
    for spelling in (
        "33611111111",
        "+33 6 11 11 11 11",
        "0033611111111",
        "06.11.11.11.11",
    ):
        supplier = [line(spelling, product(F20), product(EUROPE))]
        assert RECONCILER.reconcile(BILLED[:1], supplier) == [], spelling


def test_a_reused_number_matches_the_line_of_the_same_dates():
    old, new = BILLED[7], BILLED[8]
    supplier_old, supplier_new = SUPPLIER[7], SUPPLIER[8]
    for billed_order in ([old, new], [new, old]):
        for supplier_order in (
            [supplier_old, supplier_new],
            [supplier_new, supplier_old],
        ):
            assert RECONCILER.reconcile(billed_order, supplier_order) == []
    # The new line not yet at the supplier: billed, not in place, on the new ref.
    (gap,) = RECONCILER.reconcile([old, new], [supplier_old])
    assert (gap.kind, gap.ref, gap.overbilled) == ("not_in_place", 92, 19.9)


class _Pages(SupplierClient):
    """A supplier platform whose pages are given."""

    def __init__(self, pages):
        self.pages = pages

    def ping(self):
        return True

    def fetch_page(self, page=1):
        lines = self.pages[page - 1]
        return SupplierPage(page, len(self.pages), 0, tuple(lines))

    one_offs = _send_create_line = _send_modify_line = _send_suspend_line = None
    _send_terminate_line = _send_add_one_off = None


def test_iter_lines_keeps_every_line_of_a_reused_number():
    pages = [[SUPPLIER[7], SUPPLIER[8]], [SUPPLIER[8], SUPPLIER[9]]]
    lines = list(_Pages(pages).iter_lines())
    # The line served on two pages comes once; both lines of 0699999999 stay.
    assert lines == [SUPPLIER[7], SUPPLIER[8], SUPPLIER[9]]
