"""Provisioning writes on Cfast: every call carries an idempotency key, and a
replay (after a timeout, a lost answer, a job retry) never writes twice."""

from datetime import date

import pytest

from softwhere_lib.cfast import CfastClient
from softwhere_lib.exceptions import NotFoundError, ValidationError
from softwhere_sim.cfast import DEFAULT_TOKEN

PLAN = "Forfait Pro Illimité 20Go Orange"
BIGGER = "Forfait Pro Illimité 100Go Orange"
OPTION = "Option Europe Voyage Orange"
SMARTPHONE = "Smartphone Samsung Galaxy A55"


@pytest.fixture
def client(cfast):
    return CfastClient(cfast.url, DEFAULT_TOKEN, timeout=0.5, backoff_factor=0)


def mobile_site(cfast):
    return next(s for s in cfast.app.park.sites if s["siteType"] == "MOBILE")


def create(client, cfast, key="order-1-op-1", number="0612345678"):
    return client.create_service(
        mobile_site(cfast)["siteId"],
        number,
        PLAN,
        idempotency_key=key,
        first_name="Léa",
        last_name="Martin",
        option_labels=[OPTION],
        start_date=date(2026, 11, 1),
    )


def test_create_line_then_read_it_back(client, cfast):
    service = create(client, cfast)
    again = client.get("services", service.external_id)
    assert again == service
    assert (again.number, again.last_name, again.activity) == (
        "0612345678",
        "Martin",
        "active",
    )
    assert [(e.label, e.article_type) for e in again.history] == [
        (PLAN, "subscription"),
        (OPTION, "option"),
    ]


def test_the_same_key_creates_once(client, cfast):
    before = len(cfast.app.park.services)
    first = create(client, cfast)
    second = create(client, cfast)
    assert first.external_id == second.external_id
    assert len(cfast.app.park.services) == before + 1
    assert cfast.app.idempotency.replays == 1


def test_a_timeout_after_the_write_is_replayed_not_written_twice(client, cfast):
    before = len(cfast.app.park.services)
    cfast.app.faults.inject("timeout", path="/services")
    create(client, cfast)
    assert cfast.app.faults.served["timeout"] == 1
    assert len(cfast.app.park.services) == before + 1


def test_a_key_reused_for_another_request_is_refused(client, cfast):
    create(client, cfast)
    with pytest.raises(ValidationError) as error:
        create(client, cfast, number="0698765432")
    assert error.value.status == 409


def test_change_plan_keeps_the_history(client, cfast):
    service = create(client, cfast)
    changed = client.change_plan(
        service.external_id, BIGGER, date(2026, 12, 1), idempotency_key="order-2-op-1"
    )
    plans = [
        (e.label, e.start_date, e.end_date)
        for e in changed.history
        if e.article_type == "subscription"
    ]
    assert plans == [
        (PLAN, date(2026, 11, 1), date(2026, 11, 30)),
        (BIGGER, date(2026, 12, 1), None),
    ]
    assert (
        changed.plan_history().current_subscription(date(2026, 12, 15)).label == BIGGER
    )


def test_options_suspend_and_terminate(client, cfast):
    service = create(client, cfast)
    sid = service.external_id
    removed = client.remove_option(
        sid, OPTION, date(2026, 11, 30), idempotency_key="k2"
    )
    assert [e.end_date for e in removed.history if e.article_type == "option"] == [
        date(2026, 11, 30)
    ]
    added = client.add_option(
        sid, "Option Data +10Go Orange", date(2026, 12, 1), idempotency_key="k3"
    )
    assert "Option Data +10Go Orange" in {e.label for e in added.history}
    assert client.suspend(sid, idempotency_key="k4").activity == "inactive"
    ended = client.terminate(sid, date(2026, 12, 31), idempotency_key="k5")
    assert ended.activity == "terminated"
    assert all(e.end_date is not None for e in ended.history)
    with pytest.raises(ValidationError, match="résilié"):
        client.change_plan(sid, BIGGER, date(2027, 1, 1), idempotency_key="k6")


def test_one_off_charges_are_billed_once(client, cfast):
    bp = mobile_site(cfast)["billingPointId"]
    charge = client.add_charge(
        bp, SMARTPHONE, idempotency_key="order-3-op-1", quantity=2
    )
    client.add_charge(bp, SMARTPHONE, idempotency_key="order-3-op-1", quantity=2)
    assert client.charges(bp) == [charge]
    assert (charge.unit_price, charge.quantity) == (399.0, 2)
    with pytest.raises(ValidationError, match="pas un article ponctuel"):
        client.add_charge(bp, PLAN, idempotency_key="order-3-op-2")


def test_bad_requests_say_why(client, cfast):
    with pytest.raises(ValidationError, match="inconnu du catalogue"):
        client.change_plan(
            cfast.app.park.services[0]["serviceId"],
            "Forfait lunaire",
            date(2026, 12, 1),
            idempotency_key="x1",
        )
    with pytest.raises(NotFoundError):
        client.suspend(42, idempotency_key="x2")
    with pytest.raises(ValidationError, match="déjà actif"):
        active = next(s for s in cfast.app.park.services if s["activity"] == "ACTIVE")
        create(client, cfast, key="x3", number=active["serviceLabel"])
    with pytest.raises(ValueError, match="idempotency key"):
        client.suspend(1, idempotency_key="")


def test_a_number_is_sent_in_its_national_form(client, cfast):
    service = create(client, cfast, number="+33 6 12 34 56 78")
    assert service.number == "0612345678"
    assert client.find_services(number="33612345678") == [service]
