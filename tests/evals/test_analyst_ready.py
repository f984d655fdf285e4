"""Analyst-ready records: a matched record counts only when type, place, counts and both sides
are what the gold says (incidents.evals.analyst_ready)."""

from __future__ import annotations

from typing import Any

import pytest
from test_eval_metrics import gold_doc, inc, result, score

from incidents.evals import similarity
from incidents.evals.analyst_ready import same_actor, wrong_aspects
from incidents.evals.compare import compare_reports
from incidents.evals.report import score_predictions
from incidents.schema import Actor, Incident


@pytest.fixture(autouse=True)
def _no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(similarity, "_gazetteer_lookup", lambda name, country: None)
    similarity._place.cache_clear()


def side(name: str, role: str) -> dict[str, Any]:
    return {"name": name, "role": role}


def strike(**extra: Any) -> Incident:
    fields: dict[str, Any] = {
        "actors": [side("Islamic State", "perpetrator"), side("Military Forces of Iraq", "target")],
        "fatalities": 2,
        "location": {"name": "Hawija", "country": "IQ"},
    }
    fields.update(extra)
    actors = fields.pop("actors")
    place = fields.pop("location")
    return inc("air_drone_strike", actors=actors, location=place, **fields)


def test_a_record_right_on_every_field_is_ready() -> None:
    assert wrong_aspects(strike(), strike()) == []


def test_reversed_roles_make_a_record_not_ready() -> None:
    reversed_sides = [
        side("Islamic State", "target"),
        side("Military Forces of Iraq", "perpetrator"),
    ]
    assert wrong_aspects(strike(actors=reversed_sides), strike()) == ["actors"]


def test_an_extra_side_the_gold_lacks_is_wrong_but_an_other_role_is_not() -> None:
    extra = [*strike().model_dump()["actors"], side("Civilians (Iraq)", "target")]
    assert wrong_aspects(strike(actors=extra), strike()) == ["actors"]
    witness = [*strike().model_dump()["actors"], side("Reuters", "other")]
    assert wrong_aspects(strike(actors=witness), strike()) == []


def test_names_compare_by_class_for_the_incident_country() -> None:
    gunmen = Actor(name="gunmen", role="perpetrator")
    group = Actor(name="Unidentified Armed Group (Iraq)", role="perpetrator")
    assert same_actor(gunmen, group, "IQ")
    army = Actor(name="Iraqi Army", role="target")
    assert same_actor(army, Actor(name="Military Forces of Iraq", role="target"), "IQ")
    assert not same_actor(army, Actor(name="Military Forces of Syria", role="target"), "IQ")


def test_a_day_number_read_as_a_count_and_a_wrong_type_are_each_named() -> None:
    wrong = strike(detained=28, fatalities=3)
    wanted = strike(detained=None)
    assert wrong_aspects(wrong, wanted) == ["counts"]
    assert wrong_aspects(
        inc("armed_clash", actors=[], location={"name": "Hawija"}), strike(actors=[])
    ) == ["type", "counts"]


def test_counts_the_gold_does_not_state_are_not_scored() -> None:
    assert wrong_aspects(strike(injured=4), strike(injured=None)) == []


def test_report_gives_ready_shares_of_gold_and_of_predicted_with_breakdown() -> None:
    report = score([strike(), strike(location={"name": "Kirkuk", "country": "IQ"})], [strike()])
    ready = report.to_json_dict()["analyst_ready"]
    assert ready["ready"] == 1 and ready["gold"] == 2 and ready["predicted"] == 1
    assert ready["of_gold"] == 0.5 and ready["of_predicted"] == 1.0
    assert set(ready["wrong"]) == {"type", "place", "counts", "actors"}
    low, high = ready["of_gold_ci95"]
    assert 0.0 <= low <= 0.5 <= high <= 1.0


def test_comparison_has_a_paired_interval_of_the_ready_share() -> None:
    gold = [gold_doc(f"a{i}", [strike()]) for i in range(6)]
    wrong_sides = [side("Military Forces of Iraq", "perpetrator")]
    base = score_predictions(
        gold, {f"a{i}": result(f"a{i}", [strike(actors=wrong_sides)]) for i in range(6)}, meta={}
    )
    new = score_predictions(gold, {f"a{i}": result(f"a{i}", [strike()]) for i in range(6)}, meta={})
    comparison = compare_reports(base, new)
    assert comparison.base_ready == 0.0 and comparison.new_ready == 1.0
    assert comparison.ready_ci_low == comparison.ready_ci_high == 1.0
    assert comparison.to_json_dict()["analyst_ready"]["diff"] == 1.0
