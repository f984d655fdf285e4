"""The gold validator and loader, on hand-made gold files."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from incidents.evals.gold import GoldError, load_gold, validate_gold_data, validate_gold_file

TEXT = "Gunmen killed two farmers near Kenscoff on Monday, residents said."

GOOD: dict[str, Any] = {
    "id": "test-001",
    "schema_version": "1",
    "language": "en",
    "published": "2025-03-04",
    "origin": "written for this project",
    "text": TEXT,
    "incidents": [
        {
            "summary": "Gunmen killed two farmers near Kenscoff.",
            "event_type": "violence_against_civilians",
            "sub_event_type": "attack",
            "date": {"start": "2025-03-03", "end": None, "precision": None, "text": "on Monday"},
            "location": {"name": "Kenscoff", "country": "HT", "geo_precision": 2},
            "actors": [{"name": "Gunmen", "role": "perpetrator"}],
            "fatalities": 2,
            "injured": None,
            "evidence": [{"start": 0, "end": 33, "text": "Gunmen killed two farmers near Ke"}],
        }
    ],
}


def variant(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    incident_changes = changes.pop("incident", {})
    data.update(changes)
    if incident_changes:
        data["incidents"][0].update(incident_changes)
    return data


def test_good_file_passes_with_nulls_and_missing_kind() -> None:
    assert validate_gold_data(GOOD) == []


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (variant(incident={"sub_event_type": "armed_clash"}), "does not belong to event_type"),
        (variant(incident={"event_type": "war"}), "incidents.0.event_type"),
        (variant(incident={"fatalites": 2}), "incidents.0.fatalites: Extra inputs"),
        (variant(incident={"fatalities": -1}), "incidents.0.fatalities"),
        (
            variant(incident={"evidence": [{"start": 0, "end": 6, "text": "Gunman"}]}),
            "text[0:6] is 'Gunmen', not 'Gunman'",
        ),
        (
            variant(incident={"evidence": [{"start": 60, "end": 90, "text": "x"}]}),
            "outside the text",
        ),
        (variant(incident={"location": {"country": "Haiti"}}), "incidents.0.location.country"),
        (variant(schema_version="2"), "schema_version '2'"),
        (variant(language="english"), "ISO 639-1"),
        (variant(published="March 2025"), "not an ISO date"),
        (variant(id="has space"), "id 'has space'"),
        (variant(text=""), "text must be"),
        (variant(notes="ok", extra=1), "unknown key 'extra'"),
        ({k: v for k, v in GOOD.items() if k != "origin"}, "missing key 'origin'"),
    ],
)
def test_bad_gold_is_reported(data: dict[str, Any], problem: str) -> None:
    problems = validate_gold_data(data)
    assert any(problem in p for p in problems), problems


def test_validate_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    [problem] = validate_gold_file(path)
    assert str(path) in problem and "not valid JSON" in problem


def write(folder: Path, data: dict[str, Any], name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{data['id']}.json")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_load_gold_recursive_sorted_and_lenient(tmp_path: Path) -> None:
    write(tmp_path / "test", variant(id="b-article"))
    write(tmp_path / "dev", variant(id="a-article", incidents=[]))
    docs = load_gold(tmp_path)
    assert [d.id for d in docs] == ["a-article", "b-article"]
    incident = docs[1].incidents[0]
    assert incident.injured is None and incident.date.precision == "unknown"  # null = absent
    assert str(docs[1].published) == "2025-03-04"


def test_load_gold_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="does not exist"):
        load_gold(tmp_path / "nowhere")
    with pytest.raises(GoldError, match="no gold files"):
        load_gold(tmp_path)
    bad = write(tmp_path, variant(incident={"sub_event_type": "armed_clash"}))
    with pytest.raises(GoldError, match=r"test-001\.json: invalid gold file"):
        load_gold(tmp_path)
    bad.unlink()
    write(tmp_path, GOOD, "one.json")
    write(tmp_path, GOOD, "two.json")
    with pytest.raises(GoldError, match="id 'test-001' is already used"):
        load_gold(tmp_path)
