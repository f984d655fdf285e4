"""``incidents extract --explain``: the stage trace on stderr, the result on stdout unchanged.

The model's answer for the README's example article is replayed from the committed response
store: no model runs, the stages do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_cli_cache import REPO, STORE, run_cli

from conftest import EXAMPLE_ARTICLE
from incidents.extraction import StageTrace, extract
from incidents.model.store import ResponseStore

REPLAY = ("--published", "2025-02-18", "--replay", "--store", str(STORE), "--format", "jsonl")


def _without_timing(result: dict[str, Any]) -> dict[str, Any]:
    provenance = {
        k: v
        for k, v in result["provenance"].items()
        if k not in ("created_at", "seconds", "seconds_in_model")
    }
    return {**result, "provenance": provenance}


def test_explain_prints_the_stage_trace_of_a_replayed_answer() -> None:
    explained = run_cli("extract", str(EXAMPLE_ARTICLE), *REPLAY, "--explain")
    assert explained.returncode == 0, explained.stderr
    plain = run_cli("extract", str(EXAMPLE_ARTICLE), *REPLAY)
    assert plain.returncode == 0, plain.stderr
    # stdout is the same one ExtractionResult, with or without the trace.
    result = json.loads(explained.stdout)
    assert _without_timing(result) == _without_timing(json.loads(plain.stdout))
    assert "stage trace" not in plain.stderr

    trace = explained.stderr
    assert "stage trace: " in trace and "incident(s) in the model's answer" in trace
    lines = trace.splitlines()
    drafts = [line for line in lines if line.startswith("#")]
    assert drafts and drafts[0].startswith("#1 ")
    # Every incident of the result is the end of some draft of the answer.
    for position in range(1, len(result["incidents"]) + 1):
        assert f"  = incident {position} of the result" in lines
    assert len([line for line in lines if line.startswith("  = ")]) == len(drafts)
    assert " → " in trace  # at least one field changed
    assert "left alone by " in trace


def test_the_python_api_fills_the_same_trace() -> None:
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    replay: dict[str, Any] = {"published": "2025-02-18", "cache_mode": "replay",
                              "store": ResponseStore(STORE)}  # fmt: skip
    trace = StageTrace()
    result = extract(text, trace=trace, **replay)
    assert result.incidents == extract(text, **replay).incidents
    assert [d.incident for d in trace.drafts if d.incident] == list(
        range(1, len(result.incidents) + 1)
    )
    cli = run_cli("extract", str(EXAMPLE_ARTICLE), *REPLAY, "--explain")
    assert "\n".join(trace.lines()) in cli.stderr


def test_explain_is_in_the_help() -> None:
    result = run_cli("extract", "--help")
    assert result.returncode == 0 and "--explain" in result.stdout


def test_explain_names_the_sentences_withheld_from_the_model(tmp_path: Path) -> None:
    from incidents.evals.hostile import load_case

    case = load_case(REPO / "evals" / "hostile" / "cases" / "en-kirkuk-add-incident-lead.yaml")
    article = tmp_path / "kirkuk.txt"
    article.write_text(case.hostile, encoding="utf-8")
    replay = ("--published", case.published.isoformat(), "--replay", "--store", str(STORE))
    explained = run_cli("extract", str(article), *replay, "--format", "jsonl", "--explain")
    assert explained.returncode == 0, explained.stderr
    withheld = [
        line for line in explained.stderr.splitlines() if "withheld before the prompt" in line
    ]
    assert len(withheld) == 2  # the two sentences of the injected block, each with its reason
    assert "instruction to drop the tool's own rules" in withheld[0]
    assert json.loads(explained.stdout)["provenance"]["withheld_sentences"] == 2
