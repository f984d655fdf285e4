"""The event-type confusion matrix of ``incidents eval``, on hand-made gold/prediction pairs
whose matrix is worked out by hand.

Alignment (incidents.evals.similarity): type 0.35, location 0.30, actors 0.25 over what gold
annotates (no dates here: weights sum to 0.90); threshold 0.5; a place or an actor must agree.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from factories import make_result
from incidents.evals import similarity
from incidents.evals.confusion import EVENT_TYPES, TypeConfusion
from incidents.evals.gold import GoldDocument
from incidents.evals.render import render_report, report_markdown
from incidents.evals.report import EvalReport, score_predictions
from incidents.schema import EVENT_TYPE_OF_SUB_EVENT, Incident


@pytest.fixture(autouse=True)
def _no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    # Places match by name only: the pairs below must not depend on the gazetteer.
    monkeypatch.setattr(similarity, "_gazetteer_lookup", lambda name, country: None)
    similarity._place.cache_clear()


def inc(sub: str, place: str, actor: str) -> Incident:
    return Incident.model_validate({
        "summary": f"{sub} in {place}", "sub_event_type": sub,
        "event_type": EVENT_TYPE_OF_SUB_EVENT[sub].value, "location": {"name": place},
        "actors": [{"name": actor, "role": "perpetrator"}],
    })  # fmt: skip


def doc(doc_id: str, incidents: list[Incident]) -> GoldDocument:
    return GoldDocument(doc_id, "en", None, "test", "An article.", tuple(incidents),
                        Path(f"{doc_id}.json"))  # fmt: skip


GOLD = {
    "a": [
        inc("armed_clash", "Al Mayadin", "Islamic Revolutionary Guard Corps"),
        inc("air_drone_strike", "Hajin", "Syrian Democratic Forces"),
        inc("peaceful_protest", "Raqqa", "Protesters (Syria)"),
    ],
    "b": [inc("arrests", "Basra", "Police Forces of Iraq")],
}
PREDICTED = {
    "a": [
        # a0 ~ gold a0: same type, place, actor (1.0): battles → battles
        inc("armed_clash", "Al Mayadin", "Islamic Revolutionary Guard Corps"),
        # a1 ~ gold a1: other event type, same place and actor, (0.30 + 0.25) / 0.90 = 0.61:
        # explosions → battles
        inc("armed_clash", "Hajin", "Syrian Democratic Forces"),
        # shares nothing with any gold incident: spurious strategic development
        inc("arrests", "Deir ez-Zor", "Asayish"),
    ],  # gold a2 (the protest) is matched by nothing: protests → missed
    "b": [
        # b0 ~ gold b0 at 0.61: strategic → protests
        inc("peaceful_protest", "Basra", "Police Forces of Iraq"),
        # spurious violence against civilians
        inc("attack", "Kirkuk", "Unidentified Armed Group (Iraq)"),
    ],
}
ZEROS = dict.fromkeys((*EVENT_TYPES, "missed"), 0)
EXPECTED = {
    "battles": {**ZEROS, "battles": 1},
    "explosions_remote_violence": {**ZEROS, "battles": 1},
    "violence_against_civilians": ZEROS,
    "protests": {**ZEROS, "missed": 1},
    "riots": ZEROS,
    "strategic_developments": {**ZEROS, "protests": 1},
    "spurious": {
        **dict.fromkeys(EVENT_TYPES, 0),
        "strategic_developments": 1,
        "violence_against_civilians": 1,
    },
}


def report() -> EvalReport:
    predictions = {k: make_result(k, v) for k, v in PREDICTED.items()}
    return score_predictions([doc(k, v) for k, v in GOLD.items()], predictions, meta={})


def test_the_matrix_counts_matched_pairs_across_types_missed_and_spurious() -> None:
    scored = report()
    assert scored.counts == (3, 2, 1)  # 3 pairs, 2 spurious, 1 missed
    assert scored.event_type_confusion.counts == EXPECTED


def test_per_type_accuracy_is_the_diagonal_over_the_gold_row() -> None:
    per_type = report().event_type_confusion.per_type()
    # battles: 1 of 1 gold right; its column holds 2 predictions (one was an explosion).
    assert per_type["battles"] == {
        "gold": 1, "predicted": 2, "correct": 1, "accuracy": 1.0, "precision": 0.5,
    }  # fmt: skip
    assert per_type["explosions_remote_violence"]["accuracy"] == 0.0  # taken for a battle
    assert per_type["explosions_remote_violence"]["precision"] is None  # never predicted
    assert per_type["protests"] == {  # missed counts against its type
        "gold": 1, "predicted": 1, "correct": 0, "accuracy": 0.0, "precision": 0.0,
    }  # fmt: skip
    assert per_type["strategic_developments"]["accuracy"] == 0.0
    assert per_type["violence_against_civilians"]["accuracy"] is None  # no gold of the type
    assert per_type["violence_against_civilians"]["predicted"] == 1  # the spurious one
    assert per_type["riots"]["gold"] == per_type["riots"]["predicted"] == 0


def test_the_json_report_has_the_matrix_and_keeps_it_through_a_reload() -> None:
    data = json.loads(json.dumps(report().to_json_dict()))
    confusion = data["event_type_confusion"]
    assert confusion["types"] == list(EVENT_TYPES)
    assert confusion["matrix"] == EXPECTED
    assert confusion["per_type"]["battles"]["accuracy"] == 1.0
    assert "alignment" in confusion["pairing"]
    assert EvalReport.from_json_dict(data).event_type_confusion.counts == EXPECTED


def test_a_report_saved_without_pair_types_leaves_those_pairs_out() -> None:
    data = report().to_json_dict()
    for article in data["per_article"]:
        for match in article["matches"]:
            del match["gold_event_type"], match["predicted_event_type"]
    counts = EvalReport.from_json_dict(data).event_type_confusion.counts
    assert counts["protests"]["missed"] == 1 and counts["spurious"]["strategic_developments"] == 1
    assert counts["battles"]["battles"] == counts["explosions_remote_violence"]["battles"] == 0


def test_the_terminal_and_markdown_show_the_matrix() -> None:
    scored = report()
    console = Console(record=True, width=80)
    render_report(scored, console)
    text = console.export_text()
    assert "Event types: gold (rows) × predicted (columns)" in text
    rows: dict[str, list[str]] = {}
    for line in text[text.index("Event types") :].splitlines()[1:]:
        label, *cells = line.split() or [""]
        rows.setdefault(label, cells)  # the key under the table starts with "explos." too
    assert rows["explos."] == ["1", "0", "0", "0", "0", "0", "0", "0.0%"]
    assert rows["protests"] == ["0", "0", "0", "0", "0", "0", "1", "0.0%"]
    assert rows["precision"] == ["50.0%", "–", "0.0%", "0.0%", "–", "0.0%"]
    assert all(len(line) <= 80 for line in text.splitlines())

    markdown = report_markdown(scored)
    assert "| battles | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 100.0% |" in markdown
    assert "| strat. | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0.0% |" in markdown
    assert "| spurious | 0 | 0 | 1 | 0 | 0 | 1 |  |  |" in markdown


def test_an_empty_matrix_has_every_row_and_column() -> None:
    empty: dict[str, Any] = TypeConfusion().to_dict()
    assert list(empty["matrix"]) == [*EVENT_TYPES, "spurious"]
    assert all(v["accuracy"] is None for v in empty["per_type"].values())


def test_summarize_prints_the_matrix_only_when_asked(tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    data = report().to_json_dict()
    data["gold_dir"] = "evals/gold/dev"
    saved.write_text(json.dumps(data), encoding="utf-8")
    script = Path(__file__).resolve().parents[2] / "evals" / "summarize.py"

    def summarize(*flags: str) -> list[str]:
        done = subprocess.run([sys.executable, str(script), str(saved), *flags],
                              capture_output=True, text=True, check=True)  # fmt: skip
        return done.stdout.splitlines()

    table = summarize()
    assert len(table) == 3 and table[2].startswith("| extract_incidents@v1 · dev | 2 |")
    with_matrix = summarize("--confusion")
    assert with_matrix[:3] == table
    assert "| battles | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 100.0% |" in with_matrix
