"""Reconciliation of the billed park against the supplier platforms.

End to end over the simulators: the Cfast park read through the Cfast client,
the supplier park through the SNAIC (SOAP) or Alphalink (REST) client, each
simulator told to diverge in every kind of gap; the reconciliation must find
exactly the gaps injected, no more, no fewer.
"""

from datetime import date

import pytest

from softwhere_lib import supplier
from softwhere_lib.cfast import CfastClient
from softwhere_lib.reconciliation import (
    GAP_KINDS,
    BilledItem,
    BilledLine,
    CatalogueArticle,
    Reconciler,
    billed_lines_from_cfast,
)
from softwhere_lib.supplier import SupplierLine, SupplierProduct
from softwhere_sim import alphalink as alphalink_sim
from softwhere_sim import snaic as snaic_sim
from softwhere_sim.catalogue import (
    ARTICLE_BY_LABEL,
    ARTICLES,
    platform_of_label,
)
from softwhere_sim.cfast import DEFAULT_TOKEN, CfastApp
from softwhere_sim.common import SimulatorServer
from softwhere_sim.park import Park
from softwhere_sim.supplier_park import PRICE_INCREASE

TODAY = date(2026, 11, 23)
RECONCILER = Reconciler(
    CatalogueArticle(a.label, a.supplier_label, a.sale_price, a.buy_price)
    for a in ARTICLES
)


def platform_of(service):
    plan = next(e for e in service.history if e.article_type == "subscription")
    return platform_of_label(plan.label)


@pytest.fixture(scope="module")
def park():
    return Park(customers=20, lines=300, seed=21)


@pytest.fixture(scope="module")
def billed(park):
    """The billed park as the Cfast client reads it, by platform."""
    with SimulatorServer(CfastApp(park)).start() as server:
        services = list(
            CfastClient(server.url, DEFAULT_TOKEN, page_size=100).iter_records(
                "services"
            )
        )
    by_platform = {}
    for service in services:
        by_platform.setdefault(platform_of(service), []).append(service)
    return {
        name: billed_lines_from_cfast(items, TODAY)
        for name, items in by_platform.items()
    }


def supplier_lines(platform, park, **kwargs):
    if platform == "snaic":
        server = snaic_sim.start_snaic(park, on_date=TODAY, **kwargs)
        config = {
            "url": f"{server.url}/soap/parc",
            "login": snaic_sim.DEFAULT_LOGIN,
            "password": snaic_sim.DEFAULT_PASSWORD,
        }
    else:
        server = alphalink_sim.start_alphalink(park, on_date=TODAY, **kwargs)
        config = {"url": server.url, "api_key": alphalink_sim.DEFAULT_API_KEY}
    with server:
        lines = list(supplier.client_for(platform, page_size=50, **config).iter_lines())
        return lines, server.app.park.injected


@pytest.mark.parametrize("platform", ["snaic", "alphalink"])
def test_a_clean_supplier_park_gives_no_gap(platform, park, billed):
    lines, _injected = supplier_lines(platform, park)
    assert len(lines) > 20
    assert RECONCILER.reconcile(billed[platform], lines) == []


def test_messy_cfast_histories_give_no_false_gap():
    """Repeats, plans left open, reversed dates in Cfast: rebuilt before matching."""
    messy_park = Park(customers=20, lines=300, seed=21, messy_rate=0.3)
    assert sum(1 for s in messy_park.services if s.get("_messy")) > 50
    with SimulatorServer(CfastApp(messy_park)).start() as server:
        client = CfastClient(server.url, DEFAULT_TOKEN, page_size=100)
        services = [
            s for s in client.iter_records("services") if platform_of(s) == "snaic"
        ]
    lines, _injected = supplier_lines("snaic", messy_park)
    assert RECONCILER.reconcile(billed_lines_from_cfast(services, TODAY), lines) == []


@pytest.mark.parametrize("platform", ["snaic", "alphalink"])
def test_every_injected_gap_is_found_and_nothing_else(platform, park, billed):
    lines, injected = supplier_lines(platform, park, gaps=dict.fromkeys(GAP_KINDS, 3))
    gaps = RECONCILER.reconcile(billed[platform], lines)
    assert sorted((g.kind, g.number) for g in gaps) == sorted(
        (g.kind, g.number) for g in injected
    )
    assert len(gaps) == 3 * len(GAP_KINDS)
    by_number = {line.number: line for line in billed[platform]}
    for gap in gaps:
        assert gap.detail
        if gap.kind == "not_billed":
            assert gap.revenue_lost > 0 and gap.margin_lost > 0 and gap.ref is None
        elif gap.kind == "not_in_place":
            billed_line = by_number[gap.number]
            assert gap.overbilled == round(
                sum(i.sale_price for i in billed_line.items), 2
            )
            assert gap.ref == billed_line.ref
        elif gap.kind == "price_above":
            assert gap.margin_lost == pytest.approx(
                gap.supplier_price - gap.billed_price
            )
            assert gap.supplier_price == round(
                gap.billed_price * (1 + PRICE_INCREASE), 2
            )
        elif gap.kind == "terminated_one_side":
            assert gap.overbilled > 0


@pytest.mark.parametrize("platform", ["snaic", "alphalink"])
def test_a_rerun_gives_the_same_gaps(platform, park, billed):
    lines, _injected = supplier_lines(
        platform, park, gaps={"price_above": 2, "not_billed": 1}
    )
    first = RECONCILER.reconcile(billed[platform], lines)
    second = RECONCILER.reconcile(billed[platform], lines)
    assert [g.key for g in first] == [g.key for g in second]
    assert len({g.key for g in first}) == len(first)


# Hand-made lines: the amounts of each kind of gap.
def product(label, price):
    return SupplierProduct(code=label, label=label, monthly_price=price)


def in_place(number, offer, options=(), status="active"):
    return SupplierLine(number, "", status, TODAY, None, offer, tuple(options))


PLAN = ARTICLE_BY_LABEL["Forfait Pro Illimité 20Go Orange"]  # sale 19.90, planned 8.50
BIGGER = ARTICLE_BY_LABEL[
    "Forfait Pro Illimité 100Go Orange"
]  # sale 29.90, planned 12.90
OPTION = ARTICLE_BY_LABEL["Option Europe Voyage Orange"]  # sale 5.00, planned 2.00


def billed_line(number="0612345678", items=None, active=True):
    items = items or (BilledItem(PLAN.label, "subscription", PLAN.sale_price),)
    return BilledLine(number=number, active=active, items=tuple(items), ref=42)


def test_matching_ignores_case_accents_and_spaces():
    line = in_place("0612345678", product("  pro   illimité 20go ", PLAN.buy_price))
    assert RECONCILER.reconcile([billed_line()], [line]) == []


def test_bigger_plan_in_place_loses_revenue_and_margin():
    (gap,) = RECONCILER.reconcile(
        [billed_line()], [in_place("0612345678", product(BIGGER.supplier_label, 12.90))]
    )
    assert gap.kind == "plan_different"
    assert (gap.revenue_lost, gap.margin_lost) == (10.0, 4.4)
    assert "« Forfait Pro Illimité 20Go Orange »" in gap.detail


def test_price_above_on_an_option():
    billed = billed_line(
        items=[
            BilledItem(PLAN.label, "subscription", PLAN.sale_price),
            BilledItem(OPTION.label, "option", OPTION.sale_price),
        ]
    )
    line = in_place(
        "0612345678",
        product(PLAN.supplier_label, PLAN.buy_price),
        [product(OPTION.supplier_label, 2.60)],
    )
    (gap,) = RECONCILER.reconcile([billed], [line])
    assert (gap.kind, gap.billed_label, gap.margin_lost) == (
        "price_above",
        OPTION.label,
        0.6,
    )


def test_unbilled_option_and_option_billed_but_absent():
    line = in_place(
        "0612345678",
        product(PLAN.supplier_label, PLAN.buy_price),
        [product(OPTION.supplier_label, 2.0)],
    )
    (gap,) = RECONCILER.reconcile([billed_line()], [line])
    assert (gap.kind, gap.revenue_lost, gap.margin_lost) == (
        "option_different",
        5.0,
        2.0,
    )
    billed = billed_line(
        items=[
            BilledItem(PLAN.label, "subscription", PLAN.sale_price),
            BilledItem(OPTION.label, "option", OPTION.sale_price),
        ]
    )
    (gap,) = RECONCILER.reconcile(
        [billed], [in_place("0612345678", product(PLAN.supplier_label, 8.5))]
    )
    assert (gap.kind, gap.overbilled, gap.revenue_lost) == (
        "option_different",
        5.0,
        0.0,
    )


def test_terminated_on_either_side():
    line = in_place(
        "0612345678", product(PLAN.supplier_label, 8.5), status="terminated"
    )
    (gap,) = RECONCILER.reconcile([billed_line()], [line])
    assert (gap.kind, gap.overbilled) == ("terminated_one_side", 19.9)
    (gap,) = RECONCILER.reconcile(
        [billed_line(active=False)],
        [in_place("0612345678", product(PLAN.supplier_label, 8.5))],
    )
    assert (gap.kind, gap.margin_lost) == ("terminated_one_side", 8.5)
    both = in_place(
        "0612345678", product(PLAN.supplier_label, 8.5), status="terminated"
    )
    assert RECONCILER.reconcile([billed_line(active=False)], [both]) == []


def test_terminated_lines_unknown_on_the_other_side_are_no_gap():
    assert RECONCILER.reconcile([billed_line(active=False)], []) == []
    assert (
        RECONCILER.reconcile(
            [], [in_place("0699999999", product("X", 1.0), status="terminated")]
        )
        == []
    )
