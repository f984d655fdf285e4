"""The event record: every source kept, counts by the lowest figure, the stated tie rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from event_fixtures import NINE_KM_EAST, day, mention

from incidents.events.combine import COUNT_RULE, Event, build_events, combine, event_id
from incidents.events.grouping import Mention
from incidents.schema import Evidence


def test_counts_are_the_lowest_reported_figure_with_the_spread_kept() -> None:
    mentions = [
        mention("ar", fatalities=3),
        mention("en", fatalities=4, injured=2),
        mention("fr", fatalities=None, injured=None),
    ]
    event = combine(mentions)
    assert (event.fatalities, event.injured, event.detained) == (3, 2, None)
    assert [s.fatalities for s in event.sources] == [3, 4, None]
    assert "fatalities" in event.disagreements and "injured" not in event.disagreements
    assert event.count_rule == COUNT_RULE and event.articles == 3


def test_zero_is_a_figure() -> None:
    event = combine([mention("a", injured=3), mention("b", injured=0)])
    assert event.injured == 0


def test_every_source_is_kept_in_publication_order() -> None:
    text = "A drone struck a car in Al Mayadin."
    evidence = [Evidence(start=0, end=len(text), text=text)]
    late = Mention(
        "late",
        2,
        mention("x", reported_by="SOHR").incident.model_copy(update={"evidence": evidence}),
        dt.date(2025, 3, 12),
        "https://example.org/late",
    )
    early = mention("early", published=dt.date(2025, 3, 10))
    undated = mention("undated", published=None)
    event = combine([undated, late, early])
    assert [(s.document_id, s.incident) for s in event.sources] == [
        ("early", 0),
        ("late", 2),
        ("undated", 0),
    ]
    kept = event.sources[1]
    assert kept.url == "https://example.org/late" and kept.reported_by == "SOHR"
    assert kept.evidence == evidence and kept.published == dt.date(2025, 3, 12)
    assert event.summary == early.incident.summary


def test_the_sub_type_most_sources_give_wins_and_a_tie_goes_to_the_earliest() -> None:
    shelling: dict[str, Any] = {"sub_event_type": "shelling_artillery_missile_attack"}
    two_to_one = [
        mention("a", published=dt.date(2025, 3, 10)),
        mention("b", published=dt.date(2025, 3, 11), **shelling),
        mention("c", published=dt.date(2025, 3, 12), **shelling),
    ]
    assert combine(two_to_one).sub_event_type == "shelling_artillery_missile_attack"
    tie = [
        mention("b", published=dt.date(2025, 3, 11), **shelling),
        mention("a", published=dt.date(2025, 3, 10)),
    ]
    event = combine(tie)
    assert event.sub_event_type == "air_drone_strike"
    assert event.event_type == "explosions_remote_violence"
    assert "sub_event_type" in event.disagreements


def test_the_date_is_from_the_finest_reports_and_spans_their_disagreement() -> None:
    month = {"start": "2025-03-01", "end": "2025-03-01", "precision": "month"}
    event = combine([mention("a", date=month), mention("b"), mention("c", date=day("2025-03-11"))])
    assert (event.date.start, event.date.end) == (dt.date(2025, 3, 10), dt.date(2025, 3, 11))
    assert event.date.precision == "day" and "date" in event.disagreements
    undated = {"start": None, "end": None, "precision": "unknown", "text": "recently"}
    assert combine([mention("a", date=undated)]).date.text == "recently"
    # a report without a date disagrees with no one
    assert "date" not in combine([mention("a", date=undated), mention("b")]).disagreements


def test_the_most_precise_place_wins() -> None:
    region = {"name": "Deir ez-Zor", "country": "SY", "geo_precision": 3}
    event = combine(
        [mention("a", location=region), mention("b", location=NINE_KM_EAST), mention("c")]
    )
    assert event.location.name == "Al Mayadin"  # precision 1 beats 2 and 3


def test_actors_are_listed_once() -> None:
    rsf = [
        {"name": "Rapid Support Forces", "role": "perpetrator"},
        {"name": "Civilians (Sudan)", "role": "target"},
    ]
    alias = [{"name": "RSF", "role": "perpetrator"}, {"name": "MSF", "role": "other"}]
    event = combine([mention("a", actors=rsf), mention("b", actors=alias)])
    assert [a.name for a in event.actors] == ["Rapid Support Forces", "Civilians (Sudan)", "MSF"]


def test_the_event_id_is_stable_and_the_record_round_trips() -> None:
    mentions = [mention("a"), mention("b")]
    assert event_id(mentions) == event_id(mentions[::-1]) != event_id(mentions[:1])
    event = combine(mentions)
    assert Event.model_validate_json(event.model_dump_json()) == event


def test_build_events_and_an_empty_group() -> None:
    events = build_events([mention("a"), mention("b"), mention("c", date=day("2025-03-20"))])
    assert [e.articles for e in events] == [2, 1]
    with pytest.raises(ValueError, match="at least one"):
        combine([])
