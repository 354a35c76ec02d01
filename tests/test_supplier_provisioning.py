"""Provisioning on the supplier platforms (SNAIC over SOAP, Alphalink over
REST) through the one supplier interface: every write is idempotent."""

from datetime import date

import pytest

from softwhere_lib import supplier
from softwhere_lib.exceptions import ApiError, TransientApiError, ValidationError
from softwhere_sim import alphalink as alphalink_sim
from softwhere_sim import snaic as snaic_sim
from softwhere_sim.park import Park

CODES = {
    "snaic": {
        "offer": "OR-PI20",
        "bigger": "OR-PI100",
        "option": "OR-OEU",
        "option2": "OR-OD10",
        "top_up": "OR-RD5",
        "foreign": "ALP-P10",
    },
    "alphalink": {
        "offer": "ALP-P10",
        "bigger": "ALP-PI60",
        "option": "ALP-ORM",
        "option2": None,
        "top_up": "ALP-RD5",
        "foreign": "OR-PI20",
    },
}
SIM = "89330199999999999990"


@pytest.fixture(params=["snaic", "alphalink"])
def platform(request):
    park = Park(customers=5, lines=40, seed=3)
    if request.param == "snaic":
        server = snaic_sim.start_snaic(park, retry_after=0, timeout_delay=1.0)
        config = {
            "url": f"{server.url}/soap/parc",
            "login": snaic_sim.DEFAULT_LOGIN,
            "password": snaic_sim.DEFAULT_PASSWORD,
        }
    else:
        server = alphalink_sim.start_alphalink(park, retry_after=0, timeout_delay=1.0)
        config = {"url": server.url, "api_key": alphalink_sim.DEFAULT_API_KEY}
    client = supplier.client_for(request.param, timeout=0.5, backoff_factor=0, **config)
    yield request.param, server, client, CODES[request.param]
    server.stop()


def test_create_line_with_an_assigned_number_once(platform):
    _name, server, client, codes = platform
    before = len(server.app.park.lines)
    line = client.create_line(
        codes["offer"], SIM, idempotency_key="o1-1", option_codes=[codes["option"]]
    )
    again = client.create_line(
        codes["offer"], SIM, idempotency_key="o1-1", option_codes=[codes["option"]]
    )
    assert again == line
    assert len(server.app.park.lines) == before + 1
    assert (line.status, line.iccid, line.offer.code) == ("active", SIM, codes["offer"])
    assert [o.code for o in line.options] == [codes["option"]]
    assert line.number in {listed.number for listed in client.iter_lines()}


def test_a_timeout_during_creation_does_not_create_twice(platform):
    _name, server, client, codes = platform
    before = len(server.app.park.lines)
    server.app.faults.inject("timeout")
    client.create_line(codes["offer"], SIM, idempotency_key="o2-1")
    assert server.app.faults.served["timeout"] == 1
    assert len(server.app.park.lines) == before + 1


def test_port_in_keeps_the_number_and_needs_a_rio(platform):
    _name, _server, client, codes = platform
    line = client.create_line(
        codes["offer"],
        SIM,
        idempotency_key="o3-1",
        ported_number="0611223344",
        rio="01P123456ABC",
    )
    assert line.number == "0611223344"
    with pytest.raises(ValidationError, match="RIO"):
        client.create_line(
            codes["offer"],
            SIM + "1",
            idempotency_key="o3-2",
            ported_number="0611223355",
        )


def test_a_sim_is_used_once(platform):
    _name, _server, client, codes = platform
    client.create_line(codes["offer"], SIM, idempotency_key="o4-1")
    with pytest.raises(ValidationError, match="déjà utilisée"):
        client.create_line(codes["offer"], SIM, idempotency_key="o4-2")


def test_modify_suspend_terminate(platform):
    _name, _server, client, codes = platform
    line = client.create_line(
        codes["offer"], SIM, idempotency_key="o5-1", option_codes=[codes["option"]]
    )
    changed = client.modify_line(
        line.number,
        idempotency_key="o5-2",
        offer_code=codes["bigger"],
        remove_options=[codes["option"]],
    )
    assert (changed.offer.code, changed.options) == (codes["bigger"], ())
    if codes["option2"]:
        added = client.modify_line(
            line.number, idempotency_key="o5-3", add_options=[codes["option2"]]
        )
        assert [o.code for o in added.options] == [codes["option2"]]
    assert (
        client.suspend_line(line.number, idempotency_key="o5-4").status == "suspended"
    )
    ended = client.terminate_line(
        line.number, date(2026, 12, 31), idempotency_key="o5-5"
    )
    assert (ended.status, ended.termination_date) == ("terminated", date(2026, 12, 31))
    with pytest.raises(ValidationError, match="résiliée"):
        client.modify_line(
            line.number, idempotency_key="o5-6", offer_code=codes["offer"]
        )


def test_one_off_products(platform):
    _name, server, client, codes = platform
    line = client.create_line(codes["offer"], SIM, idempotency_key="o6-1")
    top_up = client.add_one_off(
        line.number, codes["top_up"], idempotency_key="o6-2", quantity=2
    )
    client.add_one_off(line.number, codes["top_up"], idempotency_key="o6-2", quantity=2)
    assert len(server.app.park.one_offs) == 1
    assert top_up.amount == server.app.park.one_offs[0]["amount"] > 0
    with pytest.raises(ValidationError, match="n'est pas"):
        client.add_one_off(line.number, codes["offer"], idempotency_key="o6-3")


def test_refusals_are_final_errors_that_say_why(platform):
    _name, _server, client, codes = platform
    with pytest.raises(ValidationError, match="inconnu de la plateforme"):
        client.create_line(codes["foreign"], SIM, idempotency_key="o7-1")
    with pytest.raises(ApiError, match="0699999999") as error:
        client.suspend_line("0699999999", idempotency_key="o7-2")
    assert not isinstance(error.value, TransientApiError)
    client.create_line(codes["offer"], SIM, idempotency_key="o7-3")
    with pytest.raises(ValidationError):
        # The same key for another request is refused, not replayed.
        client.create_line(codes["bigger"], SIM, idempotency_key="o7-3")
    with pytest.raises(ValueError, match="idempotency key"):
        client.suspend_line("0611223344", idempotency_key=None)
