"""Reads that records changed between two pages cannot fool (issue 28, point 2).

The simulators serve their park live; a test changes the park between the
pages of a running read, then compares what was read with the park itself.
"""

from datetime import date, datetime, timezone

import pytest

from softwhere_lib import supplier
from softwhere_lib.cfast import CfastClient
from softwhere_lib.supplier import line_key
from softwhere_sim import alphalink as alphalink_sim
from softwhere_sim import snaic as snaic_sim
from softwhere_sim.cfast import DEFAULT_TOKEN
from softwhere_sim.park import Park, iccid_for

SINCE = datetime(2026, 6, 1, tzinfo=timezone.utc)
TODAY = date(2026, 11, 23)
SUPPLIERS = {
    "snaic": (
        snaic_sim.start_snaic,
        lambda url: {
            "url": f"{url}/soap/parc",
            "login": snaic_sim.DEFAULT_LOGIN,
            "password": snaic_sim.DEFAULT_PASSWORD,
        },
    ),
    "alphalink": (
        alphalink_sim.start_alphalink,
        lambda url: {"url": url, "api_key": alphalink_sim.DEFAULT_API_KEY},
    ),
}


def make_client(server, page_size=7):
    return CfastClient(
        server.url, DEFAULT_TOKEN, timeout=0.5, page_size=page_size, backoff_factor=0
    )


def stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_simulator_serves_a_change_made_between_two_reads(cfast):
    # Changed in the park itself, not through the API: no write to notice.
    client = make_client(cfast, page_size=100)
    park = cfast.app.park
    before = {r.external_id for r in client.fetch_page("services", 1, SINCE).records}
    old = next(s for s in park.services if s["modifiedAt"] <= stamp(SINCE))
    park.touch("services", [old["serviceId"]])
    after = {r.external_id for r in client.fetch_page("services", 1, SINCE).records}
    assert after == before | {old["serviceId"]}


def test_an_incremental_read_misses_no_record_changed_between_its_pages(cfast):
    park = cfast.app.park
    client = make_client(cfast)
    # Records older than the cursor, the lowest ids first: each one changed
    # enters the list before the records still to read.
    older = sorted(
        (s for s in park.services if s["modifiedAt"] <= stamp(SINCE)),
        key=lambda s: s["serviceId"],
    )
    newer = [s for s in park.services if s["modifiedAt"] > stamp(SINCE)]
    assert len(newer) > 3 * client.page_size, "several pages to read"
    last_read = {}
    pages = client.iter_pages("services", modified_since=SINCE)
    for number, page in enumerate(pages):
        last_read.update({r.external_id: r for r in page.records})
        if number < 4:
            # One unread record and one record read already, changed now.
            touched = [older[number]["serviceId"], page.records[0].external_id]
            park.touch("services", touched)
    # The oracle: the park as it is now.
    expected = {
        s["serviceId"]: s["lastName"]
        for s in park.services
        if s["modifiedAt"] > stamp(SINCE)
    }
    assert {i: r.last_name for i, r in last_read.items()} == expected


def test_iter_records_gives_each_record_changed_while_read_once(cfast):
    park = cfast.app.park
    client = make_client(cfast)
    seen = []
    for record in client.iter_records("customers"):
        seen.append(record.external_id)
        if len(seen) == 3:
            park.touch("customers", seen)
    assert sorted(seen) == sorted(c["customerReference"] for c in park.customers)


def test_a_page_served_twice_is_detected_in_a_keyset_read(cfast):
    client = make_client(cfast)
    first = client.fetch_after("services")
    cfast.app.faults.inject("duplicate_page", path="/services")
    second = client.fetch_after("services", first.cursor)
    assert cfast.app.faults.served["duplicate_page"] == 1
    assert {r.external_id for r in first.records}.isdisjoint(
        r.external_id for r in second.records
    )


def test_a_bad_cursor_is_refused_by_the_simulator(cfast):
    client = make_client(cfast)
    response = client.session.get(
        client._url("services"),
        params={"sort": "modifiedAt,id", "after": "hier"},
        timeout=1,
    )
    assert response.status_code == 400


@pytest.mark.parametrize("platform", SUPPLIERS)
def test_the_supplier_park_read_misses_no_line_added_or_changed_between_pages(
    platform,
):
    park = Park(customers=15, lines=200, seed=5)
    starter, config = SUPPLIERS[platform]
    with starter(park, on_date=TODAY, retry_after=0) as server:
        supplier_park = server.app.park
        reader = supplier.client_for(
            platform, timeout=0.5, page_size=9, **config(server.url)
        )
        pages = 0

        def change_the_park():
            """A line ported in before every other number, one terminated,
            one modified: the park moves under the read."""
            nonlocal pages
            pages += 1
            if pages > 4:
                return
            mobile = next(
                line for line in supplier_park.lines if line["iccid"]
            )  # a SIM card goes with a mobile offer only
            supplier_park.create_line(
                iccid_for(900_000 + pages),
                mobile["offer"]["code"],
                ported_number=f"060000000{pages}",
                rio=f"OP{pages:010d}",
            )
            live = [line for line in supplier_park.lines if line["status"] == "active"]
            supplier_park.terminate_line(live[pages]["number"], TODAY)
            supplier_park.suspend_line(live[-pages]["number"])

        fetch_page = reader.fetch_page

        def fetch_and_change(number=1):
            page = fetch_page(number)
            change_the_park()
            return page

        reader.fetch_page = fetch_and_change
        lines = list(reader.iter_lines())
        # The oracle: the park as it is now, each line once.
        expected = sorted(
            (line["number"], line["iccid"], date.fromisoformat(line["activationDate"]))
            for line in supplier_park.lines
        )
        assert sorted(line_key(line) for line in lines) == expected
        assert pages > len(lines) // reader.page_size, "read again once"
