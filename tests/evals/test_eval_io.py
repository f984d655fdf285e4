"""Predictions files, the runner (with a stand-in extractor), reports and their renderings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from factories import make_result
from incidents.config import BackendConfig
from incidents.evals import (
    EvalError,
    EvalReport,
    PredictionsError,
    compare_reports,
    default_store,
    load_gold,
    load_predictions,
    render_report,
    report_markdown,
    run_eval,
    score_predictions,
    similarity,
)
from incidents.model.store import CacheMode, ReplayMiss, ResponseStore
from incidents.schema import ExtractionResult, Usage

CLASH = {
    "summary": "Gunmen clashed with police in Kenscoff.",
    "event_type": "battles",
    "sub_event_type": "armed_clash",
    "location": {"name": "Kenscoff", "country": "HT"},
    "actors": [{"name": "Police", "role": "target"}],
    "fatalities": 2,
}


@pytest.fixture(autouse=True)
def _no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(similarity, "_gazetteer_lookup", lambda name, country: None)
    similarity._place.cache_clear()


def gold_dir(tmp_path: Path) -> Path:
    """evals/gold/dev with two articles: one clash, one with no incident."""
    root = tmp_path / "evals" / "gold" / "dev"
    root.mkdir(parents=True)
    common = {"schema_version": "1", "origin": "written for this project"}
    docs = [
        {
            "id": "clash",
            "language": "en",
            "published": "2025-03-04",
            "text": "Gunmen clashed with police in Kenscoff.",
            "incidents": [CLASH],
        },
        {
            "id": "rates",
            "language": "fr",
            "published": None,
            "text": "La banque centrale a baissé ses taux.",
            "incidents": [],
        },
    ]
    for doc in docs:
        (root / f"{doc['id']}.json").write_text(json.dumps({**common, **doc}), encoding="utf-8")
    return root


def result(doc_id: str, incidents: list[dict[str, Any]], cached: bool = False) -> ExtractionResult:
    return make_result(
        doc_id,
        incidents,
        prompt_sha256="a" * 64,
        usage=Usage(prompt_tokens=50, completion_tokens=10, calls=1, retries=1),
        seconds=2.0,
        cached=cached,
    )


# --- predictions files --------------------------------------------------------------------


def test_score_a_predictions_file_without_a_model(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    lines = [result("clash", [CLASH]).model_dump_json(), "", result("rates", []).model_dump_json()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    predictions = load_predictions(path)
    assert sorted(predictions) == ["clash", "rates"]
    report = score_predictions(load_gold(gold_dir(tmp_path)), predictions, meta={"source": "p"})
    # 1 gold incident matched exactly, 1 empty article predicted empty
    assert report.counts == (1, 0, 0)
    assert report.empty_articles["accuracy"] == 1.0
    assert report.meta["model"] == "test-model"


def test_predictions_file_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    good = result("clash", [CLASH]).model_dump_json()
    path.write_text(good + "\n\n{oops\n", encoding="utf-8")
    with pytest.raises(PredictionsError, match=r"line 3: not valid JSON"):
        load_predictions(path)
    wrong_type = json.loads(good)
    wrong_type["incidents"][0]["event_type"] = "war"
    path.write_text(good + "\n" + json.dumps(wrong_type) + "\n", encoding="utf-8")
    with pytest.raises(PredictionsError, match=r"line 2: not an ExtractionResult: incidents\.0"):
        load_predictions(path)
    path.write_text(good + "\n" + good + "\n", encoding="utf-8")
    with pytest.raises(PredictionsError, match="'clash' already on line 1"):
        load_predictions(path)
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(PredictionsError, match="no predictions"):
        load_predictions(path)


# --- runner -------------------------------------------------------------------------------


class FakeExtractor:
    """Stands in for incidents.extraction.extract; records its keyword arguments."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.calls: list[dict[str, Any]] = []

    def __call__(self, text: str, **kwargs: Any) -> ExtractionResult:
        self.calls.append(kwargs)
        answer = self.answers[kwargs["document_id"]]
        if isinstance(answer, BaseException):
            raise answer
        return answer


def test_run_eval_scores_and_survives_a_failed_article(tmp_path: Path) -> None:
    fake = FakeExtractor({"clash": RuntimeError("model crashed"), "rates": result("rates", [])})
    lines: list[str] = []
    store = ResponseStore(tmp_path / "store")
    report = run_eval(
        gold_dir(tmp_path),
        prompt="extract_incidents@v1",
        backend=BackendConfig(),
        cache_mode=CacheMode.read_write,
        store=store,
        progress=lines.append,
        extract_fn=fake,
    )
    first = fake.calls[0]
    assert first["published"] == dt.date(2025, 3, 4) and first["language"] == "en"
    assert first["store"] is store and first["cache_mode"] is CacheMode.read_write
    assert fake.calls[1]["published"] is None
    clash = report.articles[0]
    assert (clash.status, clash.error) == ("failed", "RuntimeError: model crashed")
    assert report.counts == (0, 0, 1)  # the failed article predicts nothing
    assert report.failed == ["clash"]
    assert len(lines) == 2 and "failed: RuntimeError" in lines[0]
    assert report.meta["backend"] == "local" and report.meta["cache_mode"] == "read_write"
    assert report.to_json_dict()["per_article"][0]["error"] == "RuntimeError: model crashed"


def test_run_eval_replay_miss_names_the_article(tmp_path: Path) -> None:
    fake = FakeExtractor({"clash": ReplayMiss("no entry"), "rates": result("rates", [])})
    with pytest.raises(EvalError, match=r"article 'clash'.*run with --live"):
        run_eval(
            gold_dir(tmp_path),
            prompt="extract_incidents@v1",
            backend=BackendConfig(),
            cache_mode=CacheMode.replay,
            store=None,
            extract_fn=fake,
        )
    # with no store given, the replay store sits beside the gold: evals/responses
    assert fake.calls[0]["store"].root == (tmp_path / "evals" / "responses").resolve()


def test_default_store_outside_evals(tmp_path: Path) -> None:
    # Someone else's articles (e.g. ../shared/seeds) must never be recorded into the repo's
    # committed store: outside an evals/ folder the user's own response store is used.
    from incidents.config import response_store_dir

    assert default_store(tmp_path / "gold").root == response_store_dir()
    assert "evals" not in default_store(tmp_path / "gold").root.parts


# --- reports ------------------------------------------------------------------------------


def sample_report(tmp_path: Path, answer: list[dict[str, Any]], prompt: str) -> EvalReport:
    predictions = {"clash": result("clash", answer), "rates": result("rates", [], cached=True)}
    meta = {"prompt": prompt, "gold_dir": "evals/gold/dev"}
    return score_predictions(load_gold(gold_dir(tmp_path)), predictions, meta=meta)


def test_json_report_has_the_contract_keys_and_round_trips(tmp_path: Path) -> None:
    report = sample_report(tmp_path, [CLASH, {**CLASH, "location": {"name": "Hinche"}}], "p@v1")
    data = json.loads(json.dumps(report.to_json_dict()))  # JSON-serializable
    for key in (
        "incident_precision",
        "incident_recall",
        "incident_f1",
        "fields",
        "grounding_rate",
        "articles",
        "seconds",
        "usage",
        "per_article",
        "prompt",
        "model",
        "backend",
        "gold_dir",
    ):
        assert key in data, key
    # 2 predictions, 1 gold: tp 1, fp 1 -> P 0.5, R 1, F1 2/3
    assert data["incident_precision"] == 0.5 and data["incident_f1"] == pytest.approx(2 / 3)
    clash = data["per_article"][0]
    assert clash["spurious"][0]["location"] == "Hinche" and clash["missed"] == []
    assert data["usage"]["retries"] == 2 and data["seconds"]["cached_articles"] == 1
    again = EvalReport.from_json_dict(data)
    assert again.incident_f1 == report.incident_f1
    assert again.fields == report.fields
    with pytest.raises(ValueError, match="not an eval report"):
        EvalReport.from_json_dict({"incident_f1": 1})


def test_renderings_show_the_scores(tmp_path: Path) -> None:
    base = sample_report(tmp_path, [{**CLASH, "fatalities": 3}], "extract_incidents@v1")
    new = sample_report(tmp_path / "n", [CLASH], "extract_incidents@v2")
    comparison = compare_reports(base, new)
    console = Console(record=True, width=140)
    render_report(new, console, comparison)
    text = console.export_text()
    assert "incident F1" in text and "100.0%" in text
    assert "extract_incidents@v2 vs extract_incidents@v1" in text
    markdown = report_markdown(new, comparison)
    assert markdown.startswith("### Eval: extract_incidents@v2")
    assert "| incident F1 | 100.0% | 100.0% | +0.0 pts" in markdown
    assert "| fatalities | 1 | 100.0% |" in markdown
    spurious = sample_report(
        tmp_path / "s", [CLASH, {**CLASH, "location": {"name": "Hinche"}}], "p@v3"
    )
    assert "spurious #1 armed_clash @ Hinche" in report_markdown(spurious)


def test_batch_output_is_read_as_predictions(tmp_path: Path) -> None:
    from incidents.evals.runner import load_predictions

    good = {
        "document_id": "a1",
        "language": "en",
        "published": None,
        "incidents": [],
        "provenance": {
            "prompt": "extract_incidents@v1",
            "prompt_sha256": "0" * 64,
            "backend": "local",
            "model": "m",
            "created_at": "2026-01-01T00:00:00Z",
        },
    }
    lines = [
        {"id": "a1", "status": "ok", "reason": None, "result": good},
        {"id": "a2", "status": "failed", "reason": "timeout: slow", "result": None},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    assert list(load_predictions(path)) == ["a1"]
