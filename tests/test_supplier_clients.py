"""Supplier platforms (SNAIC over SOAP/zeep, Alphalink over REST) against
their simulators, through the one supplier interface."""

from datetime import date

import pytest
import requests

from softwhere_lib import supplier
from softwhere_lib.cfast import CfastClient
from softwhere_lib.exceptions import AuthenticationError, TransientApiError
from softwhere_sim import alphalink as alphalink_sim
from softwhere_sim import snaic as snaic_sim
from softwhere_sim.catalogue import ARTICLE_BY_LABEL
from softwhere_sim.cfast import DEFAULT_TOKEN, CfastApp
from softwhere_sim.common import SimulatorServer
from softwhere_sim.park import Park
from softwhere_sim.supplier_park import GAP_KINDS, PRICE_INCREASE, parse_gaps

TODAY = date(2026, 11, 23)

PLATFORMS = {
    "snaic": (
        snaic_sim.start_snaic,
        lambda url, **kw: {
            "url": f"{url}/soap/parc",
            "login": snaic_sim.DEFAULT_LOGIN,
            "password": snaic_sim.DEFAULT_PASSWORD,
            **kw,
        },
    ),
    "alphalink": (
        alphalink_sim.start_alphalink,
        lambda url, **kw: {"url": url, "api_key": alphalink_sim.DEFAULT_API_KEY, **kw},
    ),
}


@pytest.fixture(scope="module")
def park():
    return Park(customers=15, lines=200, seed=5)


def start(platform, park, **kwargs):
    starter, _config = PLATFORMS[platform]
    kwargs.setdefault("retry_after", 0)
    kwargs.setdefault("timeout_delay", 1.0)
    return starter(park, on_date=TODAY, **kwargs)


def client(platform, server, **kwargs):
    _starter, config = PLATFORMS[platform]
    kwargs.setdefault("timeout", 0.5)
    kwargs.setdefault("page_size", 9)
    kwargs.setdefault("backoff_factor", 0)
    return supplier.client_for(platform, **config(server.url, **kwargs))


@pytest.mark.parametrize("platform", PLATFORMS)
def test_ping_and_bad_credentials(platform, park):
    with start(platform, park) as server:
        assert client(platform, server).ping() is True
        _starter, config = PLATFORMS[platform]
        settings = config(server.url, timeout=0.5)
        settings.update(
            {"password": "wrong"} if platform == "snaic" else {"api_key": "wrong"}
        )
        with pytest.raises(AuthenticationError):
            supplier.client_for(platform, **settings).ping()


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_line_once_with_offer_options_and_prices(platform, park):
    with start(platform, park) as server:
        lines = list(client(platform, server).iter_lines())
        expected = server.app.park.lines
        assert [line.number for line in lines] == [line["number"] for line in expected]
        assert len(lines) > 20
        for line, raw in zip(lines, expected, strict=True):
            assert line.offer.label == raw["offer"]["label"]
            assert line.offer.monthly_price == raw["offer"]["price"]
            assert [o.label for o in line.options] == [
                o["label"] for o in raw["options"]
            ]
            assert line.status in supplier.STATUSES
            assert line.iccid == raw["iccid"]
        assert any(line.options for line in lines)
        assert any(
            line.status == "terminated" and line.termination_date for line in lines
        )


@pytest.mark.parametrize("platform", PLATFORMS)
def test_without_gaps_the_supplier_has_what_cfast_bills(platform, park):
    """A clean supplier park is what the billed lines of its catalogues say."""
    cfast = SimulatorServer(CfastApp(park)).start()
    try:
        billed = {
            s.number: s
            for s in CfastClient(cfast.url, DEFAULT_TOKEN, page_size=50).iter_records(
                "services"
            )
        }
    finally:
        cfast.stop()
    with start(platform, park) as server:
        lines = list(client(platform, server).iter_lines())
    for line in lines:
        service = billed[line.number]
        plan = ARTICLE_BY_LABEL[
            service.plan_history().current_subscription(TODAY).label
        ]
        assert (line.offer.label, line.offer.monthly_price) == (
            plan.supplier_label,
            plan.buy_price,
        )
        options = sorted(
            ARTICLE_BY_LABEL[p.label].supplier_label
            for p in service.plan_history().options
            if p.active_on(TODAY)
        )
        if line.status != "terminated":
            assert sorted(o.label for o in line.options) == options


@pytest.mark.parametrize("platform", PLATFORMS)
def test_each_kind_of_gap_is_injected_as_told(platform, park):
    gaps = dict.fromkeys(GAP_KINDS, 2)
    with start(platform, park) as clean_server:
        clean = {
            line.number: line for line in client(platform, clean_server).iter_lines()
        }
    with start(platform, park, gaps=gaps) as server:
        diverged = {line.number: line for line in client(platform, server).iter_lines()}
        injected = server.app.park.injected
    assert sorted(g.kind for g in injected) == sorted(
        kind for kind in GAP_KINDS for _ in range(2)
    )
    for gap in injected:
        before, after = clean.get(gap.number), diverged.get(gap.number)
        if gap.kind == "not_billed":
            assert before is None and after.status == "active"
        elif gap.kind == "not_in_place":
            assert before is not None and after is None
        elif gap.kind == "plan_different":
            assert after.offer.code != before.offer.code
        elif gap.kind == "option_different":
            assert {o.code for o in after.options} != {o.code for o in before.options}
        elif gap.kind == "price_above":
            expected = round(before.offer.monthly_price * (1 + PRICE_INCREASE), 2)
            assert after.offer.monthly_price == expected > before.offer.monthly_price
        elif gap.kind == "terminated_one_side":
            assert before.status == "active" and after.status == "terminated"
    untouched = set(clean) - {g.number for g in injected}
    assert all(clean[n] == diverged[n] for n in untouched)


def test_gap_option_parsing():
    assert parse_gaps("not_billed=3, price_above=5") == {
        "not_billed": 3,
        "price_above": 5,
    }
    with pytest.raises(ValueError, match="unknown gap kind"):
        parse_gaps("cheaper=1")


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize(
    "fault", ["429", "500", "503", "timeout", "malformed", "duplicate_page"]
)
def test_each_fault_is_survived(platform, fault, park):
    with start(platform, park) as server:
        sim_client = client(platform, server)
        clean = list(sim_client.iter_lines())
        server.app.faults.inject(fault, fault)
        assert list(sim_client.iter_lines()) == clean
        assert server.app.faults.served[fault] >= 1


@pytest.mark.parametrize("platform", PLATFORMS)
def test_ten_percent_faults_give_the_clean_park(platform, park):
    with start(platform, park) as clean_server:
        clean = list(client(platform, clean_server, page_size=1).iter_lines())
    with start(platform, park, fault_rate=0.10, seed=12, timeout_delay=0.6) as server:
        faulty = list(
            client(platform, server, page_size=1, timeout=0.3, retries=8).iter_lines()
        )
        assert sum(server.app.faults.served.values()) >= 3
    assert faulty == clean


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_platform_that_keeps_failing_raises_a_transient_error(platform, park):
    with start(platform, park) as server:
        server.app.faults.inject(*["503"] * 20)
        with pytest.raises(TransientApiError):
            client(platform, server, retries=1).fetch_page(1)


def test_snaic_serves_the_wsdl_kept_in_the_repository(park):
    with start("snaic", park) as server:
        served = requests.get(f"{server.url}/soap/parc?wsdl", timeout=2).content
    assert served == snaic_sim.WSDL_PATH.read_bytes()


def test_unknown_platform_is_refused():
    assert supplier.platforms() == ["alphalink", "snaic"]
    with pytest.raises(ValueError, match="no supplier client"):
        supplier.client_for("sfr")
