"""Plan history rebuilt from Cfast's list of changes."""

from datetime import date

from softwhere_lib.cfast import ArticleEntry, CfastClient
from softwhere_lib.history import rebuild
from softwhere_sim.cfast import DEFAULT_TOKEN, start_cfast
from softwhere_sim.park import Park


def entry(label, start, end=None, kind="subscription", price=10.0):
    return ArticleEntry(
        code="",
        label=label,
        article_type=kind,
        sale_price=price,
        buy_price=price / 2,
        quantity=1,
        start_date=start,
        end_date=end,
    )


def plans(history):
    return [(p.label, p.start, p.end) for p in history.subscriptions]


def test_a_clean_history_is_kept_as_it_is():
    history = rebuild(
        [
            entry("A", date(2025, 1, 1), date(2025, 6, 30)),
            entry("B", date(2025, 7, 1)),
            entry("Opt", date(2025, 2, 1), kind="option"),
        ]
    )
    assert plans(history) == [
        ("A", date(2025, 1, 1), date(2025, 6, 30)),
        ("B", date(2025, 7, 1), None),
    ]
    assert [o.label for o in history.options] == ["Opt"]
    assert history.fixes == []
    assert history.current_subscription(date(2025, 3, 1)).label == "A"
    assert [p.label for p in history.in_force(date(2025, 8, 1))] == ["B", "Opt"]


def test_a_plan_left_open_ends_the_day_before_the_next():
    history = rebuild([entry("B", date(2025, 7, 1)), entry("A", date(2025, 1, 1))])
    assert plans(history) == [
        ("A", date(2025, 1, 1), date(2025, 6, 30)),
        ("B", date(2025, 7, 1), None),
    ]
    assert history.fixes == [
        "« A » clos le 30/06/2025 (remplacé par « B » le 01/07/2025)"
    ]
    assert (
        len([p for p in history.subscriptions if p.active_on(date(2025, 7, 15))]) == 1
    )


def test_repeats_reversed_entries_and_same_day_plans():
    history = rebuild(
        [
            entry("A", date(2025, 1, 1)),
            entry("A", date(2025, 1, 1)),
            entry("B", date(2025, 1, 1)),
            entry("Opt", date(2025, 3, 1), date(2025, 2, 1), kind="option"),
        ]
    )
    assert plans(history) == [("B", date(2025, 1, 1), None)]
    assert history.options == []
    assert history.fixes == [
        "« A » du 01/01/2025 en double : ignoré",
        "« Opt » finit le 01/02/2025 avant de commencer le 01/03/2025 : ignoré",
        "« A » et « B » commencent tous deux le 01/01/2025 : « B » retenu",
    ]


def test_an_ended_line_keeps_its_last_plan():
    history = rebuild([entry("A", date(2024, 1, 1), date(2024, 12, 31))])
    assert history.current_subscription(date(2026, 1, 1)).label == "A"
    assert history.current_subscription(date(2023, 1, 1)) is None


def test_messy_cfast_histories_rebuild_to_the_truth():
    """Over HTTP: every messy history rebuilds to the clean one, with a fix reported."""
    server = start_cfast(customers=10, lines=200, seed=4, messy_rate=0.3)
    try:
        client = CfastClient(server.url, DEFAULT_TOKEN, page_size=100)
        services = {s.external_id: s for s in client.iter_records("services")}
    finally:
        server.stop()
    messy = [raw for raw in server.app.park.services if raw.get("_messy")]
    assert {raw["_messy"] for raw in messy} == {"duplicate", "open_overlap", "reversed"}
    clean_twin = Park(customers=10, lines=200, seed=4)
    for raw in messy:
        rebuilt = services[raw["serviceId"]].plan_history()
        truth = rebuild(
            [
                ArticleEntry.from_json(e)
                for e in clean_twin.get("services", raw["serviceId"])["articles"]
            ]
        )
        assert rebuilt.subscriptions == truth.subscriptions, raw["_messy"]
        assert rebuilt.options == truth.options, raw["_messy"]
        assert len(rebuilt.fixes) == 1 and truth.fixes == []
