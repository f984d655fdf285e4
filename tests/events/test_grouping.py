"""The grouping rules: what may be one event, and what never is."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from event_fixtures import MAYADIN, NINE_KM_EAST, day, incident, keys, mention

from factories import make_result
from incidents.batch.results import read_results
from incidents.events.compatibility import (
    Rules,
    actors_compatible,
    apart_because,
    place_distance,
    place_point,
)
from incidents.events.grouping import group, mentions_of
from incidents.schema import Location


def test_three_articles_reporting_one_strike_make_one_event() -> None:
    mentions = [mention("ar"), mention("en", fatalities=4), mention("fr", fatalities=None)]
    assert keys(mentions, group(mentions)) == [{("ar", 0), ("en", 0), ("fr", 0)}]


def test_two_incidents_of_one_article_are_never_one_event() -> None:
    # Sunday's and Monday's sniper attacks in one article; another article reports Sunday's.
    mentions = [
        mention("ar", 0, date=day("2025-08-03")),
        mention("ar", 1, date=day("2025-08-04")),
        mention("en", 0, date=day("2025-08-03")),
    ]
    assert keys(mentions, group(mentions)) == [{("ar", 0), ("en", 0)}, {("ar", 1)}]
    # the closest pair goes first, whichever order the input has
    flipped = [mentions[2], mentions[1], mentions[0]]
    assert {("ar", 0), ("en", 0)} in keys(flipped, group(flipped))


def test_complete_linkage_does_not_chain_day_after_day() -> None:
    mentions = [mention(f"a{n}", date=day(f"2025-03-1{n}")) for n in range(3)]
    for found in keys(mentions, group(mentions)):
        assert not {("a0", 0), ("a2", 0)} <= found, "the 10th and the 12th are two days apart"


@pytest.mark.parametrize(
    ("days", "gap", "together"),
    [(1, 1, True), (1, 2, False), (0, 1, False), (0, 0, True), (3, 3, True)],
)
def test_the_date_window(days: int, gap: int, together: bool) -> None:
    later = (dt.date(2025, 3, 10) + dt.timedelta(days=gap)).isoformat()
    a, b = mention("a"), mention("b", date=day(later))
    why = apart_because(a.incident, b.incident, Rules(days=days))
    assert (why is None) is together and why in (None, "date")


def test_coarse_dates_overlap_by_their_precision() -> None:
    month = {"start": "2025-03-01", "end": "2025-03-01", "precision": "month"}
    assert apart_because(incident(), incident(date=month), Rules()) is None
    april = {"start": "2025-04-01", "end": "2025-04-01", "precision": "month"}
    assert apart_because(incident(), incident(date=april), Rules()) == "date"


def test_an_undated_incident_needs_the_same_sub_type_and_a_shared_actor() -> None:
    undated = {"start": None, "end": None, "precision": "unknown", "text": "recently"}
    pub = (dt.date(2025, 3, 11), dt.date(2025, 3, 11))
    assert apart_because(incident(date=undated), incident(), Rules(), pub) is None
    stranger = [{"name": "Rapid Support Forces", "role": "target"}]
    assert apart_because(incident(date=undated), incident(actors=stranger), Rules(), pub) == "date"
    shelling = incident(sub_event_type="shelling_artillery_missile_attack")
    assert apart_because(incident(date=undated), shelling, Rules(), pub) == "date"
    # published a month after the dated report: not the same strike
    late = (dt.date(2025, 4, 11), None)
    assert apart_because(incident(date=undated), incident(), Rules(), late) == "date"


@pytest.mark.parametrize(("km", "together"), [(10.0, True), (5.0, False)])
def test_places_within_the_distance(km: float, together: bool) -> None:
    why = apart_because(incident(), incident(location=NINE_KM_EAST), Rules(km=km))
    assert (why is None) is together and why in (None, "place")


def test_place_rules() -> None:
    assert place_distance(Location(**MAYADIN), Location(name="Al Mayadin")) == 0.0  # same name
    assert place_distance(Location(**MAYADIN), Location(name="Al Mayadin", country="IQ")) == (
        float("inf")
    )
    assert place_distance(Location(**MAYADIN), Location()) is None
    # a region is no point, though it has its largest town's coordinates
    region = Location(
        name="Deir ez-Zor", country="SY", latitude=35.02, longitude=40.45, geo_precision=3
    )
    assert place_point(region) is None
    assert apart_because(incident(), incident(location=region.model_dump()), Rules()) == "place"
    assert apart_because(incident(), incident(location={}), Rules()) == "place"


def test_the_gazetteer_places_names_without_coordinates() -> None:
    # "near Tebnine" and "in Bint Jbeil": 9 km apart by the gazetteer's towns
    tebnine = Location(name="Tebnine", country="LB")
    bint_jbeil = Location(name_original="بنت جبيل", country="LB")
    distance = place_distance(tebnine, bint_jbeil)
    assert distance is not None and 5 < distance < 10
    tyre = place_distance(Location(name="Tyre", country="LB"), bint_jbeil)
    assert tyre is not None and tyre > 20


def test_sub_type_families() -> None:
    shelling = incident(sub_event_type="shelling_artillery_missile_attack")
    assert apart_because(incident(), shelling, Rules()) is None
    assert apart_because(incident(), shelling, Rules(families=())) == "type"
    ied = incident(sub_event_type="remote_explosive_landmine_ied")
    assert apart_because(incident(), ied, Rules()) == "type"
    protest = incident(event_type="protests", sub_event_type="peaceful_protest")
    dispersed = incident(event_type="protests", sub_event_type="protest_with_intervention")
    assert apart_because(protest, dispersed, Rules()) is None
    assert apart_because(protest, incident(), Rules()) == "type"


def test_two_named_perpetrators_keep_reports_apart() -> None:
    def by(*names: str) -> list[dict[str, str]]:
        return [{"name": name, "role": "perpetrator"} for name in names]

    rsf, army = incident(actors=by("Rapid Support Forces")), incident(actors=by("Sudanese army"))
    assert not actors_compatible(rsf, army)
    assert apart_because(rsf, army, Rules()) == "actors"
    assert apart_because(rsf, army, Rules(actors=False)) is None
    # an unidentified perpetrator, no perpetrator, or a name in common: no veto
    assert actors_compatible(rsf, incident(actors=by("Unidentified Armed Group (Sudan)")))
    assert actors_compatible(rsf, incident())
    assert actors_compatible(rsf, incident(actors=by("RSF", "Janjaweed")))


def test_mentions_of_a_results_file_skip_failed_articles(tmp_path: Path) -> None:
    ok = make_result(
        "a", [incident()], published=dt.date(2025, 3, 11), text="x", url="https://example.org/a"
    )
    records = [
        {"id": "a", "status": "ok", "reason": None, "result": json.loads(ok.model_dump_json())},
        {"id": "b", "status": "failed", "reason": "timed out", "result": None},
    ]
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (only,) = mentions_of(read_results(path))
    assert only.key == ("a", 0) and only.url == "https://example.org/a"
    assert only.published == dt.date(2025, 3, 11)


def test_every_mention_is_in_exactly_one_group() -> None:
    mentions = [
        mention("a"),
        mention("a", 1, location=NINE_KM_EAST),
        mention("b"),
        mention("c", sub_event_type="grenade"),
        mention("d", date=day("2025-03-20")),
    ]
    found = group(mentions)
    assert sorted(n for members in found for n in members) == list(range(len(mentions)))
    assert group([]) == []
