"""Alignment and metrics on hand-made gold/prediction pairs, scores worked out by hand.

Similarity weights: type 0.35, location 0.30, date 0.10, actors 0.25, averaged over the
components gold annotates; threshold 0.5 (see incidents.evals.similarity).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from factories import make_result
from incidents.evals import similarity
from incidents.evals.gold import GoldDocument
from incidents.evals.report import score_predictions
from incidents.evals.similarity import (
    align,
    dates_overlap,
    incident_similarity,
    locations_match,
)
from incidents.events.matching import assign, haversine_km
from incidents.schema import (
    DateSpan,
    EventType,
    ExtractionResult,
    Incident,
    Location,
)

EVENT_OF = {
    "armed_clash": "battles",
    "government_regains_territory": "battles",
    "air_drone_strike": "explosions_remote_violence",
    "arrests": "strategic_developments",
}


@pytest.fixture(autouse=True)
def _no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    # Scores must not depend on whether incidents.text.places.gazetteer exists yet.
    monkeypatch.setattr(similarity, "_gazetteer_lookup", lambda name, country: None)
    similarity._place.cache_clear()


def inc(
    sub: str = "armed_clash",
    place: str | None = None,
    actors: Sequence[str | dict[str, Any]] = (),
    **extra: Any,
) -> Incident:
    """An incident: sub-event type, place name, actors (a bare name is a perpetrator), extras."""
    data: dict[str, Any] = {
        "summary": f"{sub} at {place}",
        "event_type": EVENT_OF[sub],
        "sub_event_type": sub,
        "actors": [
            a if isinstance(a, dict) else {"name": a, "role": "perpetrator"} for a in actors
        ],
        **extra,
    }
    if place is not None:
        data["location"] = {**data.get("location", {}), "name": place}
    return Incident.model_validate(data)


def gold_doc(doc_id: str, incidents: list[Incident], text: str = "An article.") -> GoldDocument:
    return GoldDocument(doc_id, "en", None, "test", text, tuple(incidents), Path(f"{doc_id}.json"))


def result(doc_id: str, incidents: list[Incident], seconds: float = 1.0) -> ExtractionResult:
    return make_result(doc_id, incidents, seconds=seconds)


def score(gold: list[Incident], pred: list[Incident]) -> Any:
    return score_predictions([gold_doc("a", gold)], {"a": result("a", pred)}, meta={})


# --- alignment ----------------------------------------------------------------------------


def test_assignment_beats_greedy_on_a_matrix() -> None:
    # Greedy takes the best pair (0,0)=0.95 first; row 1 is then left with (1,1)=0.3, below
    # the threshold: 1 match. Maximum weight pairs (0,1)+(1,0) = 0.9+0.9 = 1.8 > 0.95: 2 matches.
    sim = np.array([[0.95, 0.90], [0.90, 0.30]])
    assert assign(sim, 0.5) == [(0, 1, 0.9), (1, 0, 0.9)]


def test_hungarian_pairing_of_incidents_beats_greedy() -> None:
    g1 = inc("armed_clash", "Al Mayadin", ("Islamic Revolutionary Guard Corps",))
    g2 = inc("armed_clash", "Hajin", ("Syrian Democratic Forces",))
    p1 = inc("armed_clash", "Al Mayadin", ("Syrian Democratic Forces",))
    p2 = inc("air_drone_strike", "Al Mayadin", ("Islamic Revolutionary Guard Corps",))
    # p1-g1: type 1, place 1, actors 0  -> (0.35 + 0.30) / 0.90 = 0.7222
    # p1-g2: type 1, place 0, actors 1  -> (0.35 + 0.25) / 0.90 = 0.6667
    # p2-g1: type 0, place 1, actors 1  -> (0.30 + 0.25) / 0.90 = 0.6111
    # p2-g2: nothing in common (no place, no actor: no anchor) -> 0
    assert incident_similarity(p1, g1) == pytest.approx(0.65 / 0.90)
    assert incident_similarity(p1, g2) == pytest.approx(0.60 / 0.90)
    assert incident_similarity(p2, g1) == pytest.approx(0.55 / 0.90)
    assert incident_similarity(p2, g2) == 0.0
    # Greedy: p1-g1 (0.72) then p2-g2 (0) -> 1 match. Best: p1-g2 + p2-g1 = 1.28 -> 2 matches.
    pairs, _ = align([p1, p2], [g1, g2])
    assert [(p, g) for p, g, _ in pairs] == [(0, 1), (1, 0)]
    report = score([g1, g2], [p1, p2])
    assert report.counts == (2, 0, 0)
    assert report.incident_f1 == 1.0
    fields = report.fields
    assert fields["event_type"]["accuracy"] == 0.5  # p2 is a drone strike, g1 a clash
    assert fields["location"]["accuracy"] == 0.5  # p1 says Al Mayadin, g2 is Hajin
    assert fields["actors"]["f1"] == 1.0  # 1 of 1 actor right in each pair


def test_threshold_rejects_a_weak_pair_and_accepts_a_stronger_one() -> None:
    gold = inc(
        "armed_clash",
        "Al Mayadin",
        ("Islamic Revolutionary Guard Corps",),
        location={"admin1": "Deir ez-Zor"},
    )
    weak = inc("government_regains_territory", "Deir ez-Zor", ("Syrian Democratic Forces",))
    # type: same event type, other sub-type -> 0.5 * 0.35 = 0.175
    # place: the governorate of the gold town -> 0.5 * 0.30 = 0.15
    # actors: none in common -> 0;  (0.175 + 0.15) / 0.90 = 0.361 < 0.5: no match
    assert incident_similarity(weak, gold) == pytest.approx(0.325 / 0.90)
    report = score([gold], [weak])
    assert report.counts == (0, 1, 1)  # one spurious, one missed
    assert (report.incident_precision, report.incident_recall) == (0.0, 0.0)
    article = report.articles[0]
    assert article.missed[0]["best_similarity"] == pytest.approx(0.3611, abs=1e-4)
    assert article.spurious[0]["best_gold"] == 0

    strong = inc("government_regains_territory", "Deir ez-Zor", ("IRGC",))
    # same as above but the actor matches (acronym): (0.175 + 0.15 + 0.25) / 0.90 = 0.639
    assert incident_similarity(strong, gold) == pytest.approx(0.575 / 0.90)
    assert score([gold], [strong]).counts == (1, 0, 0)


def test_type_alone_does_not_anchor_a_match() -> None:
    # Gold gives a place; the prediction has the right sub-type at another place.
    # Weighted score would be 0.35 / 0.65 = 0.54, but nothing besides the type agrees -> 0.
    assert incident_similarity(inc("armed_clash", "Hajin"), inc("armed_clash", "Al Mayadin")) == 0
    # With neither place nor actors in gold, the type decides: 0.35 / 0.35 = 1.0.
    assert incident_similarity(inc("armed_clash", "Hajin"), inc("armed_clash")) == 1.0


# --- Arabic-aware matching ----------------------------------------------------------------


def test_arabic_spelling_variants_count_as_right() -> None:
    gold = inc(
        "armed_clash",
        "Deir ez-Zor",
        location={"name_original": "دير الزور"},
        actors=[
            {
                "name": "Islamic Revolutionary Guard Corps",
                "name_original": "الحرس الثوري الإيراني",
                "role": "perpetrator",
            }
        ],
    )
    pred = Incident.model_validate(
        {
            "summary": "x",
            "event_type": "battles",
            "sub_event_type": "armed_clash",
            "location": {"name": "Deir al-Zour", "name_original": "ديرالزور"},
            # English names differ too much; the names as written match after folding
            "actors": [
                {
                    "name": "Iranian Guards",
                    "name_original": "الحرس الثورى الايرانى",
                    "role": "perpetrator",
                }
            ],
        }
    )
    report = score([gold], [pred])
    # type 1, place 1, actors 1 -> similarity 1.0, every field right
    assert report.articles[0].matches[0]["similarity"] == 1.0
    assert report.fields["location"]["accuracy"] == 1.0
    assert report.fields["actors"]["f1"] == 1.0
    assert report.fields["actor_roles"]["accuracy"] == 1.0


# --- empty articles -----------------------------------------------------------------------


def test_empty_article_scored_correctly() -> None:
    full = [inc("armed_clash", "Hajin"), inc("arrests", "Al Mayadin")]
    gold = [gold_doc("a", full), gold_doc("b", [])]

    right = score_predictions(gold, {"a": result("a", full), "b": result("b", [])}, meta={})
    # tp 2, fp 0, fn 0 -> P = R = F1 = 1; the empty article predicted empty: 1/1
    assert right.counts == (2, 0, 0)
    assert right.incident_precision == 1.0
    assert right.empty_articles == {"n": 1, "correct": 1, "accuracy": 1.0}

    spurious = [inc("armed_clash", "Hajin")]
    wrong = score_predictions(gold, {"a": result("a", full), "b": result("b", spurious)}, meta={})
    # tp 2, fp 1, fn 0 -> P = 2/3, R = 1, F1 = 2*2 / (2*2 + 1 + 0) = 0.8
    assert wrong.counts == (2, 1, 0)
    assert wrong.incident_precision == pytest.approx(2 / 3)
    assert wrong.incident_recall == 1.0
    assert wrong.incident_f1 == pytest.approx(0.8)
    assert wrong.empty_articles == {"n": 1, "correct": 0, "accuracy": 0.0}
    assert wrong.articles[1].spurious[0]["sub_event_type"] == "armed_clash"


def test_missing_prediction_counts_as_predicting_nothing() -> None:
    report = score_predictions([gold_doc("a", [inc("armed_clash", "Hajin")])], {}, meta={})
    assert report.articles[0].status == "missing"
    assert report.counts == (0, 0, 1)
    assert report.incident_recall == 0.0
    assert report.failed == ["a"]


# --- dates --------------------------------------------------------------------------------


def span(start: str | None, precision: str = "day", end: str | None = None) -> DateSpan:
    return DateSpan.model_validate({"start": start, "end": end, "precision": precision})


def test_date_overlap_at_the_stated_precision() -> None:
    august = span("2024-08-01", "month")  # covers 2024-08-01 .. 2024-08-31
    assert dates_overlap(span("2024-08-15"), august) is True
    assert dates_overlap(span("2024-09-02"), august) is False
    # 2024-08-14 is a Wednesday: its ISO week runs Monday 08-12 to Sunday 08-18
    week = span("2024-08-14", "week")
    assert dates_overlap(span("2024-08-18"), week) is True
    assert dates_overlap(span("2024-08-19"), week) is False
    assert dates_overlap(span("2024-08-11"), week) is False
    # a predicted month overlaps a gold day inside it
    assert dates_overlap(span("2024-08-03", "month"), span("2024-08-20")) is True
    # a range: 08-10 .. 08-12 overlaps 08-12, not 08-13
    assert dates_overlap(span("2024-08-12"), span("2024-08-10", end="2024-08-12")) is True
    assert dates_overlap(span("2024-08-13"), span("2024-08-10", end="2024-08-12")) is False
    # gold without a date is not scored; a prediction without one is wrong
    assert dates_overlap(span("2024-08-13"), span(None, "unknown")) is None
    assert dates_overlap(span(None, "unknown"), span("2024-08-13")) is False


def test_date_field_scored_only_where_gold_dates() -> None:
    gold = [
        inc("armed_clash", "Hajin", date={"start": "2024-08-10", "precision": "day"}),
        inc("arrests", "Al Mayadin"),  # no date in gold: not scored
    ]
    pred = [
        inc("armed_clash", "Hajin", date={"start": "2024-08-11", "precision": "day"}),
        inc("arrests", "Al Mayadin", date={"start": "2024-08-11", "precision": "day"}),
    ]
    fields = score(gold, pred).fields
    assert fields["date"] == {"n": 1, "correct": 0, "accuracy": 0.0, "score": 0.0}


# --- places -------------------------------------------------------------------------------


def test_haversine_known_distance() -> None:
    # 0.2 degrees of latitude = 0.2 * 2 * pi * 6371.0088 / 360 = 22.24 km
    assert haversine_km((35.0, 40.45), (35.2, 40.45)) == pytest.approx(22.239, abs=0.01)


def test_location_within_25_km() -> None:
    gold = Location(name="Al Mayadin", latitude=35.0, longitude=40.45)
    near = Location(name="Thiban", latitude=35.2, longitude=40.45)  # 22.24 km away
    far = Location(name="Thiban", latitude=35.25, longitude=40.45)  # 0.25 deg = 27.80 km
    assert locations_match(near, gold) is True
    assert locations_match(far, gold) is False
    assert locations_match(Location(name="Thiban"), gold) is False  # no coordinates to compare
    assert locations_match(near, Location()) is None  # gold gives no place: not scored


def test_location_same_gazetteer_place(monkeypatch: pytest.MonkeyPatch) -> None:
    pred, gold = Location(name="Muqdisho"), Location(name="Mogadishu")
    assert locations_match(pred, gold) is False  # the names alone are too far apart
    ids = {"Muqdisho": 53654, "Mogadishu": 53654}
    monkeypatch.setattr(
        similarity,
        "_gazetteer_lookup",
        lambda name, country: SimpleNamespace(geonameid=ids.get(name)),
    )
    similarity._place.cache_clear()
    assert locations_match(pred, gold) is True


def test_country_mismatch_vetoes_a_name_match() -> None:
    assert (
        locations_match(
            Location(name="Tripoli", country="LY"), Location(name="Tripoli", country="LB")
        )
        is False
    )


# --- counts -------------------------------------------------------------------------------


def test_fatalities_accuracy_and_mae() -> None:
    towns = ["Hajin", "Al Mayadin", "Albu Kamal", "Ash Shaddadi"]
    gold = [
        inc("armed_clash", t, fatalities=f) for t, f in zip(towns, [2, 4, 5, None], strict=True)
    ]
    pred = [
        inc("armed_clash", t, fatalities=f) for t, f in zip(towns, [3, 4, None, 7], strict=True)
    ]
    # pairs by town (other pairs share no place -> similarity 0):
    #   Hajin 3 vs 2 wrong |1|; Mayadin 4 vs 4 right |0|; Albu Kamal null vs 5 wrong, no error;
    #   Ash Shaddadi: gold null -> not scored.
    # accuracy 1/3; MAE over the 2 numeric predictions = (1 + 0) / 2 = 0.5; 1 null
    fatalities = score(gold, pred).fields["fatalities"]
    assert fatalities["n"] == 3
    assert fatalities["accuracy"] == pytest.approx(1 / 3)
    assert fatalities["mae"] == pytest.approx(0.5)
    assert (fatalities["mae_n"], fatalities["missing"]) == (2, 1)


def test_absent_gold_fields_are_not_scored() -> None:
    report = score([inc("armed_clash", "Hajin")], [inc("armed_clash", "Hajin", fatalities=3)])
    fields = report.fields
    for name in ("fatalities", "injured", "detained", "date", "actors", "country"):
        assert fields[name]["n"] == 0 and fields[name]["score"] is None, name
    assert fields["event_type"] == {"n": 1, "correct": 1, "accuracy": 1.0, "score": 1.0}


# --- grounding, cost ----------------------------------------------------------------------


def test_grounding_rate_and_usage() -> None:
    text = "Two fighters were killed in Hajin."
    good = {"start": 0, "end": 3, "text": "Two"}
    bad = {"start": 28, "end": 33, "text": "Hajim"}  # text[28:33] is "Hajin"
    pred = inc("armed_clash", "Hajin", evidence=[good, bad])
    report = score_predictions(
        [gold_doc("a", [inc("armed_clash", "Hajin")], text), gold_doc("b", [], text)],
        {"a": result("a", [pred], seconds=3.0), "b": result("b", [], seconds=1.0)},
        meta={"gold_dir": "x"},
    )
    assert report.grounding_rate == 0.5  # 1 of 2 spans checks
    # 2 articles, 100 + 20 tokens and 1 call each
    assert report.usage["total_tokens"] == 240
    assert report.usage["per_article"]["calls"] == 1.0
    assert report.seconds["per_article"] == 2.0  # (3 + 1) / 2
    assert report.meta["prompt"] == "extract_incidents@v1"  # taken from provenance
    assert report.meta["gold_dir"] == "x"


def test_event_type_enum_values_are_compared_as_strings() -> None:
    # The schema stores enum values; a gold/pred pair with equal types must score as right.
    g, p = inc("arrests", "Hajin"), inc("arrests", "Hajin")
    assert g.event_type == EventType.strategic_developments.value == p.event_type
    assert score([g], [p]).fields["sub_event_type"]["accuracy"] == 1.0
