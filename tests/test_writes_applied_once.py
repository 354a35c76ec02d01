"""Provisioning writes are not idempotent: never sent blindly twice.

The platforms here ignore idempotency keys (nothing says the real Cfast, SNAIC
or Alphalink honour them): what keeps a write from being applied twice is the
client reading back, after a lost answer, whether it was applied.
"""

from datetime import date

import pytest

from softwhere_lib import supplier
from softwhere_lib.cfast import CfastClient
from softwhere_lib.http import WriteOutcomeUnknown
from softwhere_sim import alphalink as alphalink_sim
from softwhere_sim import snaic as snaic_sim
from softwhere_sim.cfast import DEFAULT_TOKEN
from softwhere_sim.park import Park

PLAN = "Forfait Pro Illimité 20Go Orange"
BIGGER = "Forfait Pro Illimité 100Go Orange"
OPTION = "Option Europe Voyage Orange"
SMARTPHONE = "Smartphone Samsung Galaxy A55"
SIM = "89330199999999999990"
OTHER_SIM = "89330199999999999982"


@pytest.fixture
def cfast_client(cfast):
    cfast.app.idempotency.honoured = False
    return CfastClient(
        cfast.url, DEFAULT_TOKEN, timeout=0.3, backoff_factor=0, write_pause=0
    )


def mobile_site(cfast):
    return next(s for s in cfast.app.park.sites if s["siteType"] == "MOBILE")


def new_line(client, cfast, key="op-1", number="0612345678"):
    return client.create_service(
        mobile_site(cfast)["siteId"],
        number,
        PLAN,
        idempotency_key=key,
        last_name="Martin",
        option_labels=[OPTION],
        start_date=date(2026, 11, 1),
    )


CFAST_WRITES = {
    "create_service": (
        "POST /api/v1/services",
        lambda client, cfast, line: new_line(
            client, cfast, key="op-2", number="0698765432"
        ),
    ),
    "change_plan": (
        "/change-plan",
        lambda client, cfast, line: client.change_plan(
            line.external_id, BIGGER, date(2026, 12, 1), idempotency_key="op-2"
        ),
    ),
    "add_option": (
        "POST /api/v1/services/",
        lambda client, cfast, line: client.add_option(
            line.external_id,
            "Option Data +10Go Orange",
            date(2026, 12, 1),
            idempotency_key="op-2",
        ),
    ),
    "remove_option": (
        "/options/remove",
        lambda client, cfast, line: client.remove_option(
            line.external_id, OPTION, date(2026, 11, 30), idempotency_key="op-2"
        ),
    ),
    "suspend": (
        "/suspend",
        lambda client, cfast, line: client.suspend(
            line.external_id, idempotency_key="op-2"
        ),
    ),
    "terminate": (
        "/terminate",
        lambda client, cfast, line: client.terminate(
            line.external_id, date(2026, 12, 31), idempotency_key="op-2"
        ),
    ),
    "add_charge": (
        "POST /api/v1/billing-points/",
        lambda client, cfast, line: client.add_charge(
            line.billing_point_id,
            SMARTPHONE,
            idempotency_key="op-2",
            quantity=2,
            on_date=date(2026, 11, 2),
            service_id=line.external_id,
        ),
    ),
}


def cfast_state(cfast, line):
    service = cfast.app.park.get("services", line.external_id + 1) or {}
    current = cfast.app.park.get("services", line.external_id)
    return (
        [dict(a) for a in current["articles"]],
        current["activity"],
        list(cfast.app.park.charges),
        bool(service),
    )


@pytest.mark.parametrize("operation", CFAST_WRITES)
@pytest.mark.parametrize("fault", ["timeout", "503", "500", "malformed"])
def test_cfast_write_whose_answer_is_lost_is_applied_once(
    cfast, cfast_client, operation, fault
):
    line = new_line(cfast_client, cfast)
    path, write = CFAST_WRITES[operation]
    applied_before = cfast.app.idempotency.writes_applied
    cfast.app.faults.inject(fault, path=path)
    result = write(cfast_client, cfast, line)
    assert cfast.app.faults.served[fault] == 1
    assert cfast.app.idempotency.writes_applied == applied_before + 1
    # The result is the write as Cfast now shows it.
    if operation == "add_charge":
        assert cfast_client.charges(line.billing_point_id) == [result]
        assert (result.quantity, result.service_id) == (2, line.external_id)
    else:
        assert result == cfast_client.get("services", result.external_id)


def test_cfast_create_after_a_timeout_returns_the_created_line(cfast, cfast_client):
    before = len(cfast.app.park.services)
    cfast.app.faults.inject("timeout", path="POST /api/v1/services")
    service = new_line(cfast_client, cfast)
    assert len(cfast.app.park.services) == before + 1
    assert (service.number, service.last_name, service.activity) == (
        "0612345678",
        "Martin",
        "active",
    )
    assert [(e.label, e.article_type) for e in service.history] == [
        (PLAN, "subscription"),
        (OPTION, "option"),
    ]


def test_cfast_write_unknown_when_the_read_back_fails(cfast):
    cfast.app.idempotency.honoured = False
    client = CfastClient(
        cfast.url, DEFAULT_TOKEN, timeout=0.5, backoff_factor=0, retries=1
    )
    line = new_line(client, cfast)
    cfast.app.faults.inject("timeout", path="POST /api/v1/services/")
    cfast.app.faults.inject(*["503"] * 5, path="GET /api/v1/services/")
    with pytest.raises(WriteOutcomeUnknown, match="applied or not, unknown"):
        client.suspend(line.external_id, idempotency_key="op-2")
    assert cfast.app.idempotency.writes_applied == 2  # created, then suspended


# -- supplier platforms --------------------------------------------------------
CODES = {
    "snaic": {"offer": "OR-PI20", "bigger": "OR-PI100", "top_up": "OR-RD5"},
    "alphalink": {"offer": "ALP-P10", "bigger": "ALP-PI60", "top_up": "ALP-RD5"},
}
WRITE_KEYS = {
    "snaic": {
        "create_line": "#CreerLigne",
        "modify_line": "#ModifierLigne",
        "suspend_line": "#SuspendreLigne",
        "terminate_line": "#ResilierLigne",
        "add_one_off": "#AjouterPonctuel",
    },
    "alphalink": {
        "create_line": "POST /v1/lines",
        "modify_line": "/change",
        "suspend_line": "/suspend",
        "terminate_line": "/terminate",
        "add_one_off": "POST /v1/lines/",
    },
}


@pytest.fixture(params=["snaic", "alphalink"])
def platform(request):
    park = Park(customers=5, lines=40, seed=3)
    if request.param == "snaic":
        server = snaic_sim.start_snaic(park, retry_after=0, timeout_delay=0.6)
        config = {
            "url": f"{server.url}/soap/parc",
            "login": snaic_sim.DEFAULT_LOGIN,
            "password": snaic_sim.DEFAULT_PASSWORD,
        }
    else:
        server = alphalink_sim.start_alphalink(park, retry_after=0, timeout_delay=0.6)
        config = {"url": server.url, "api_key": alphalink_sim.DEFAULT_API_KEY}
    server.app.idempotency.honoured = False
    client = supplier.client_for(
        request.param, timeout=0.3, backoff_factor=0, write_pause=0, **config
    )
    yield request.param, server, client
    server.stop()


SUPPLIER_WRITES = {
    "create_line": lambda client, codes, number: client.create_line(
        codes["offer"], OTHER_SIM, idempotency_key="w-2"
    ),
    "modify_line": lambda client, codes, number: client.modify_line(
        number, idempotency_key="w-2", offer_code=codes["bigger"]
    ),
    "suspend_line": lambda client, codes, number: client.suspend_line(
        number, idempotency_key="w-2"
    ),
    "terminate_line": lambda client, codes, number: client.terminate_line(
        number, date(2026, 12, 31), idempotency_key="w-2"
    ),
    "add_one_off": lambda client, codes, number: client.add_one_off(
        number, codes["top_up"], idempotency_key="w-2", quantity=2
    ),
}


@pytest.mark.parametrize("operation", SUPPLIER_WRITES)
@pytest.mark.parametrize("fault", ["timeout", "503", "500", "malformed"])
def test_supplier_write_whose_answer_is_lost_is_applied_once(
    platform, operation, fault
):
    name, server, client = platform
    codes = CODES[name]
    line = client.create_line(codes["offer"], SIM, idempotency_key="w-1")
    applied_before = server.app.idempotency.writes_applied
    lines_before = len(server.app.park.lines)
    server.app.faults.inject(fault, path=WRITE_KEYS[name][operation])
    result = SUPPLIER_WRITES[operation](client, codes, line.number)
    assert server.app.faults.served[fault] == 1
    assert server.app.idempotency.writes_applied == applied_before + 1
    if operation == "add_one_off":
        assert client.one_offs(line.number) == [result]
        assert len(server.app.park.one_offs) == 1
        assert (result.product_code, result.quantity) == (codes["top_up"], 2)
        assert result.amount == server.app.park.one_offs[0]["amount"]
    else:
        assert result in client.find_lines(number=result.number)
    if operation == "create_line":
        assert len(server.app.park.lines) == lines_before + 1
        assert (result.offer.code, result.status) == (codes["offer"], "active")
    if operation == "modify_line":
        assert result.offer.code == codes["bigger"]
    if operation == "terminate_line":
        assert result.termination_date == date(2026, 12, 31)


def test_find_lines_by_number_and_by_sim(platform):
    name, _server, client = platform
    line = client.create_line(CODES[name]["offer"], SIM, idempotency_key="w-1")
    assert client.find_lines(iccid=SIM) == [line]
    assert client.find_lines(number="+33" + line.number[1:]) == [line]
    assert client.find_lines(iccid="89330100000000000000") == []


# -- an operation run again by a caller that lost the record of its success --------
# A provisioning job whose transaction is lost after a write succeeded runs the
# write again: ``read_before_write`` reads it back first, and a one-off is told
# from the line's earlier ones by what was known before the first try (``known``).
@pytest.mark.parametrize("operation", SUPPLIER_WRITES)
def test_supplier_write_run_again_after_a_lost_record_is_applied_once(
    platform, operation
):
    name, server, client = platform
    codes = CODES[name]
    line = client.create_line(codes["offer"], SIM, idempotency_key="w-1")
    client.add_one_off(line.number, codes["top_up"], idempotency_key="w-0")
    known = [one_off.reference for one_off in client.one_offs(line.number)]
    client.read_before_write = True
    if operation == "add_one_off":
        first, second = (
            client.add_one_off(
                line.number,
                codes["top_up"],
                idempotency_key="w-2",
                quantity=2,
                known=known,
            )
            for _attempt in range(2)
        )
        assert len(client.one_offs(line.number)) == 2, "the earlier one and this one"
    else:
        applied_before = server.app.idempotency.writes_applied
        first = SUPPLIER_WRITES[operation](client, codes, line.number)
        second = SUPPLIER_WRITES[operation](client, codes, line.number)
        assert server.app.idempotency.writes_applied == applied_before + 1
    assert first == second


def test_a_line_without_sim_is_created_and_read_back_by_its_reference():
    # Fixed lines are SNAIC's (Alphalink's catalogue here is mobile only).
    server = snaic_sim.start_snaic(Park(customers=5, lines=40, seed=3), retry_after=0)
    server.app.idempotency.honoured = False
    try:
        client = supplier.client_for(
            "snaic",
            url=f"{server.url}/soap/parc",
            login=snaic_sim.DEFAULT_LOGIN,
            password=snaic_sim.DEFAULT_PASSWORD,
            timeout=2,
            write_pause=0,
        )
        client.read_before_write = True
        lines_before = len(server.app.park.lines)
        created, again = (
            client.create_line(
                "AC-VOIP", None, idempotency_key="w-3", reference="op-42"
            )
            for _attempt in range(2)
        )
        assert created == again
        assert len(server.app.park.lines) == lines_before + 1
        assert (created.iccid, created.reference) == ("", "op-42")
        assert created.number.startswith("09")
        assert client.find_lines(reference="op-42") == [created]
    finally:
        server.stop()


@pytest.mark.parametrize("operation", CFAST_WRITES)
def test_cfast_write_run_again_after_a_lost_record_is_applied_once(
    cfast, cfast_client, operation
):
    line = new_line(cfast_client, cfast)
    _path, write = CFAST_WRITES[operation]
    cfast_client.read_before_write = True
    applied_before = cfast.app.idempotency.writes_applied
    if operation == "add_charge":
        known = [c.external_id for c in cfast_client.charges(line.billing_point_id)]
        first, second = (
            cfast_client.add_charge(
                line.billing_point_id,
                SMARTPHONE,
                idempotency_key="op-2",
                quantity=2,
                on_date=date(2026, 11, 2),
                service_id=line.external_id,
                known=known,
            )
            for _attempt in range(2)
        )
    else:
        first = write(cfast_client, cfast, line)
        second = write(cfast_client, cfast, line)
    assert cfast.app.idempotency.writes_applied == applied_before + 1
    assert first == second
