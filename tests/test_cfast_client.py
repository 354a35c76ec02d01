"""The Cfast client against the Cfast simulator, over real HTTP on loopback."""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
import requests

from softwhere_lib import vocabulary
from softwhere_lib.cfast import RESOURCES, CfastClient, Customer, Service
from softwhere_lib.exceptions import (
    AuthenticationError,
    TransientApiError,
    UnexpectedDataError,
)
from softwhere_sim.cfast import DEFAULT_TOKEN, start_cfast


def make_client(server, **kwargs):
    kwargs.setdefault("timeout", 0.5)
    kwargs.setdefault("page_size", 7)
    kwargs.setdefault("backoff_factor", 0)
    return CfastClient(server.url, DEFAULT_TOKEN, **kwargs)


def snapshot(client):
    return {resource: list(client.iter_records(resource)) for resource in RESOURCES}


def test_ping_and_bad_token(cfast):
    assert make_client(cfast).ping() is True
    with pytest.raises(AuthenticationError) as error:
        CfastClient(cfast.url, "wrong-token", timeout=0.5).ping()
    assert error.value.status == 401


def test_pagination_returns_every_record_once(cfast):
    client = make_client(cfast)
    park = cfast.app.park
    customers = list(client.iter_records("customers"))
    # Read by keyset: in the order of modification, then of id.
    assert [c.external_id for c in customers] == [
        c["customerReference"]
        for c in sorted(
            park.customers, key=lambda c: (c["modifiedAt"], c["customerReference"])
        )
    ]
    assert all(isinstance(c, Customer) for c in customers)
    services = list(client.iter_records("services"))
    assert len(services) == 60 == len({s.external_id for s in services})
    # 60 lines in pages of 7: 9 pages, the last one short.
    pages = list(client.iter_pages("services"))
    assert [len(p.records) for p in pages] == [7] * 8 + [4]
    assert pages[-1].is_last and not pages[0].is_last


def test_fields_of_the_spec_are_mapped(cfast):
    client = make_client(cfast)
    raw = cfast.app.park.services[0]
    service = client.get("services", raw["serviceId"])
    assert service.number == raw["serviceLabel"]
    assert service.last_name == raw["lastName"]
    assert service.customer_reference == raw["customerReference"]
    assert sorted(e.label for e in service.history) == sorted(
        a["articleLabel"] for a in raw["articles"]
    )
    assert {e.sale_price for e in service.history} == {
        a["articlePeriodicPrice"] for a in raw["articles"]
    }
    assert {e.buy_price for e in service.history} == {
        a["periodicBuyPrice"] for a in raw["articles"]
    }
    bp = client.get(
        "billing-points", cfast.app.park.billing_points[0]["billingPointId"]
    )
    assert bp.vat_rate == 20.0
    customer = client.get("customers", "CL0001")
    assert customer.name == cfast.app.park.customers[0]["customer_name"]


def test_history_gives_the_current_plan_and_the_ended_ones(cfast):
    client = make_client(cfast)
    park = cfast.app.park
    raw = next(s for s in park.services if s["activity"] == "ACTIVE")
    current = next(
        a
        for a in raw["articles"]
        if a["articleType"] == "SUBSCRIPTION" and a["endDate"] is None
    )
    park.change_plan(raw["serviceId"], current["articleLabel"], date(2026, 11, 1))
    # Plan changes go to another plan of the same catalogue in real life; the
    # label does not matter here, the dates do.
    service = client.get("services", raw["serviceId"])
    history = service.plan_history()
    assert history.current_subscription(date(2026, 11, 23)).start == date(2026, 11, 1)
    assert history.current_subscription(date(2026, 10, 31)).end == date(2026, 10, 31)
    assert sum(1 for p in history.subscriptions if p.end is None) == 1
    assert history.fixes == []


def test_incremental_by_modification_date(cfast):
    client = make_client(cfast)
    since = datetime(2026, 11, 1, tzinfo=timezone.utc)
    assert list(client.iter_records("services", modified_since=since)) == []
    touched_ids = [s["serviceId"] for s in cfast.app.park.services[3:6]]
    cfast.app.touch("services", touched_ids)
    changed = list(client.iter_records("services", modified_since=since))
    assert [s.external_id for s in changed] == touched_ids
    assert all(s.last_name.endswith("-Modifié") for s in changed)


@pytest.mark.parametrize("fault", ["429", "500", "503", "timeout", "malformed"])
def test_each_fault_is_retried(cfast, fault):
    client = make_client(cfast)
    cfast.app.faults.inject(fault, fault, path="/customers")
    customers = list(client.iter_records("customers"))
    assert len(customers) == 12
    assert cfast.app.faults.served[fault] == 2


def test_duplicated_page_is_detected_and_fetched_again(cfast):
    client = make_client(cfast)
    first = client.fetch_page("services", 1)
    cfast.app.faults.inject("duplicate_page", path="/services")
    second = client.fetch_page("services", 2)
    assert cfast.app.faults.served["duplicate_page"] == 1
    assert second.number == 2
    assert {s.external_id for s in first.records}.isdisjoint(
        s.external_id for s in second.records
    )


def test_persistent_failure_raises_a_transient_error(cfast):
    client = make_client(cfast, retries=2)
    cfast.app.faults.inject(*["503"] * 10, path="/sites")
    with pytest.raises(TransientApiError):
        client.fetch_page("sites", 1)
    cfast.app.faults.clear()
    client = make_client(cfast, body_retries=1)
    cfast.app.faults.inject("malformed", "malformed", path="/sites")
    with pytest.raises(TransientApiError, match="malformed"):
        client.fetch_page("sites", 1)


def test_ten_percent_faults_give_exactly_the_clean_data():
    clean_server = start_cfast(customers=15, lines=300, seed=12)
    faulty_server = start_cfast(
        customers=15,
        lines=300,
        seed=12,
        fault_rate=0.10,
        timeout_delay=0.6,
        retry_after=0,
    )
    try:
        clean = snapshot(make_client(clean_server, page_size=3))
        faulty = snapshot(
            make_client(faulty_server, page_size=3, timeout=0.3, retries=8)
        )
        assert faulty == clean
        assert len(clean["services"]) == 300
        # The seeded draw hit every kind of fault at least once.
        assert all(
            faulty_server.app.faults.served.values()
        ), faulty_server.app.faults.served
        assert all(isinstance(s, Service) for s in faulty["services"])
    finally:
        clean_server.stop()
        faulty_server.stop()


def test_simulator_rejects_bad_queries(cfast):
    headers = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
    bad = requests.get(
        f"{cfast.url}/api/v1/services?pageSize=9999", headers=headers, timeout=2
    )
    assert bad.status_code == 400
    missing = requests.get(
        f"{cfast.url}/api/v1/services/42", headers=headers, timeout=2
    )
    assert missing.status_code == 404


def test_enumerations_come_in_our_vocabulary(cfast):
    client = make_client(cfast)
    customers = list(client.iter_records("customers"))
    assert {c.customer_type for c in customers} <= set(vocabulary.CUSTOMER_TYPES.keys)
    assert {c.status for c in customers} <= set(vocabulary.CUSTOMER_STATUSES.keys)
    assert {c.partner_type for c in customers} == {"client"}
    civilities = {k.civility for c in customers for k in c.contacts}
    assert civilities == {"m", "mme"}
    sites = list(client.iter_records("sites"))
    assert {s.site_type for s in sites} <= set(vocabulary.SITE_TYPES.keys)
    assert {s.status for s in sites} <= {"principale", "agence", "autres"}
    services = list(client.iter_records("services"))
    assert {s.activity for s in services} <= set(vocabulary.LINE_ACTIVITIES.keys)
    assert {e.article_type for s in services for e in s.history} == {
        "subscription",
        "option",
    }


def test_a_code_outside_the_vocabulary_names_the_record_and_the_field(cfast):
    client = make_client(cfast)
    raw = cfast.app.park.billing_points[1]
    raw["periodicity"] = "WEEKLY"
    with pytest.raises(UnexpectedDataError) as error:
        client.get("billing-points", raw["billingPointId"])
    assert str(error.value) == (
        f"Cfast billing-points {raw['billingPointId']}: periodicity : valeur Cfast "
        "inconnue « WEEKLY » (attendu : monthly, quarterly, semiannual, annual)"
    )
    assert not isinstance(error.value, TransientApiError)
    with pytest.raises(UnexpectedDataError, match="WEEKLY"):
        list(client.iter_records("billing-points"))


def test_modified_since_in_another_time_zone_is_converted_to_utc(cfast):
    client = make_client(cfast)
    ids = [s["serviceId"] for s in cfast.app.park.services[:2]]
    cfast.app.touch(
        "services", ids, when=datetime(2026, 11, 20, 10, 30, tzinfo=timezone.utc)
    )
    paris = ZoneInfo("Europe/Paris")
    # 11:00 in Paris is 10:00 UTC: the records changed at 10:30 UTC are newer.
    since = datetime(2026, 11, 20, 11, 0, tzinfo=paris)
    assert [s.external_id for s in client.iter_records("services", since)] == ids
    # 11:45 in Paris is 10:45 UTC: nothing newer.
    later = datetime(2026, 11, 20, 11, 45, tzinfo=paris)
    assert list(client.iter_records("services", later)) == []


def test_a_naive_modified_since_is_refused():
    client = CfastClient("http://127.0.0.1:9", "token")
    with pytest.raises(ValueError, match="naive.*UTC"):
        client.fetch_page("services", 1, modified_since=datetime(2026, 11, 20, 10))
