"""The event gold set (evals/events) and the figures evals/events/README.md reports.

The gold grouping needs no model; the end-to-end figure replays the embedded model's recorded
answers (evals/responses), through ``incidents batch --replay``, so it is checked in CI too.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from incidents.evals.gold import load_gold, validate_gold_file
from incidents.events.compatibility import Rules
from incidents.events.scoring import check_groups, load_groups

EVENTS = Path(__file__).resolve().parents[2] / "evals" / "events"


def run_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("events_run", EVENTS / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_gold_files_are_valid_and_the_groups_fit_them() -> None:
    paths = sorted((EVENTS / "gold").glob("*.json"))
    assert 14 <= len(paths) <= 20
    assert [p for path in paths for p in validate_gold_file(path)] == []
    docs = load_gold(EVENTS / "gold")
    groups = load_groups(EVENTS / "groups.json")
    assert check_groups(groups, docs) == []
    languages = {doc.id: doc.language for doc in docs}
    assert set(languages.values()) == {"ar", "en", "fr"}
    several = [g for g in groups if len(g) > 1]
    assert len(several) >= 5
    for members in several:  # each event is reported in at least two languages
        assert len({languages[article] for article, _ in members}) >= 2, members
    assert Counter(len(g) for g in groups)[1] >= 4  # and distractors stand alone


def test_articles_jsonl_is_the_gold_articles() -> None:
    run = run_module()
    expected = run.articles_jsonl(load_gold(EVENTS / "gold"))
    assert (EVENTS / "articles.jsonl").read_text(encoding="utf-8") == expected


def pairwise_of(report: dict, part: str, variant: str) -> tuple[float, float, int, int, int]:
    scores = report[part][variant]["pairwise"]
    return scores["precision"], scores["recall"], scores["tp"], scores["fp"], scores["fn"]


CHOSEN = f"chosen (--days {Rules.days}, --km {Rules.km:g})"


def test_grouping_the_gold_incidents_gives_the_reported_scores() -> None:
    report = run_module().evaluate(Rules(), None)
    assert pairwise_of(report, "gold", CHOSEN) == (1.0, 1.0, 12, 0, 0)
    # the distractors are real: a wider window or radius merges them, exact sub-types split
    assert pairwise_of(report, "gold", "--km 30") == (0.8, 1.0, 12, 3, 0)
    assert pairwise_of(report, "gold", "--days 3") == (0.8, 1.0, 12, 3, 0)
    assert pairwise_of(report, "gold", "same sub-type only") == (1.0, 0.6667, 8, 0, 4)
    assert pairwise_of(report, "gold", "connected components") == (0.8571, 1.0, 12, 2, 0)


def test_end_to_end_from_the_recorded_answers_gives_the_reported_scores() -> None:
    run = run_module()
    try:
        results = run.replay_results()
    except RuntimeError as exc:  # an answer missing from the store: say which
        pytest.fail(str(exc))
    report = run.evaluate(Rules(), results)
    meta = report["meta"]
    assert (meta["prompt"], meta["predicted_incidents"], meta["matched_to_gold"]) == (
        "extract_incidents@v5",
        30,
        20,
    )
    assert pairwise_of(report, "end_to_end", CHOSEN) == (0.7778, 0.5833, 7, 2, 5)
    assert report["end_to_end"][CHOSEN]["reachable"] == 12
    assert pairwise_of(report, "end_to_end", "--ignore-actors") == (0.7778, 0.5833, 7, 2, 5)
    json.dumps(report)  # the --json report is plain JSON
