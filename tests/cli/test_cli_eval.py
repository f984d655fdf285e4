"""``incidents eval --skip-stage``, and the eval session the command is a thin shell around."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from factories import make_result
from incidents.config import BackendConfig
from incidents.evals import run_session
from incidents.model.store import CacheMode
from incidents.pipeline.stages import STAGE_NAMES, UnknownStage
from incidents.schema import ExtractionResult, Usage

DEV = REPO / "evals" / "gold" / "dev"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "INCIDENTS_B"))}
    env.pop("INCIDENTS_PROMPT", None)
    return subprocess.run([sys.executable, "-m", "incidents", *args], capture_output=True,
                          text=True, timeout=600, cwd=REPO, env=env)  # fmt: skip


def test_an_unknown_stage_is_a_one_line_error_listing_the_stages() -> None:
    result = run_cli("eval", "--gold", "evals/gold/dev", "--replay", "--skip-stage", "bogus")
    assert result.returncode == 2 and result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: unknown stage 'bogus'"), lines
    assert all(name in lines[0] for name in STAGE_NAMES)


def test_skip_stage_rescores_the_committed_responses(tmp_path: Path) -> None:
    out = tmp_path / "ablation.json"
    result = run_cli("eval", "--gold", "evals/gold/dev", "--replay",
                     "--skip-stage", "ground_counts", "--json", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "skipped stages: ground_counts" in result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["meta"]["skipped_stages"] == ["ground_counts"]
    assert report["meta"]["cache_mode"] == "replay" and not report.get("failed")


def test_skip_stage_cannot_update_the_baseline(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    result = run_cli("eval", "--gold", "evals/gold/dev", "--replay", "--skip-stage",
                     "locate", "--baseline", str(baseline), "--update-baseline")  # fmt: skip
    assert result.returncode == 2 and "drop --skip-stage" in result.stderr
    assert not baseline.exists()


# --- the session, with a stand-in extractor --------------------------------------------------


class Recorder:
    """Stands in for extract(): answers nothing, remembers what it was asked."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, text: str, **kwargs: Any) -> ExtractionResult:
        self.calls.append(kwargs)
        return make_result(kwargs["document_id"], prompt=kwargs["prompt"], usage=Usage())


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    shutil.copy(DEV / "en-iraq-kirkuk-ied.json", folder)
    return folder


def test_compare_runs_both_prompts_with_the_same_skipped_stages(gold: Path) -> None:
    fake = Recorder()
    session = run_session(gold, prompt="extract_incidents@v4", compare="extract_incidents@v1",
                          backend=BackendConfig(), cache_mode=CacheMode.replay,
                          skip_stages=["locate", "cite_group_size"], extract_fn=fake)  # fmt: skip
    assert [call["prompt"] for call in fake.calls] == ["extract_incidents@v4",
                                                       "extract_incidents@v1"]  # fmt: skip
    # in pipeline order, whatever order they were given in
    assert all(call["skip_stages"] == ["cite_group_size", "locate"] for call in fake.calls)
    assert session.compared is not None and session.comparison is not None
    assert session.report.meta["skipped_stages"] == ["cite_group_size", "locate"]
    assert session.compared.meta["skipped_stages"] == ["cite_group_size", "locate"]
    assert set(session.payload) >= {"incident_f1", "comparison", "compared_report"}


def test_the_session_checks_stage_names_before_extracting(gold: Path) -> None:
    fake = Recorder()
    with pytest.raises(
        UnknownStage,
        match="stages are: withhold_instructions, unmask_text, judge_by_signals, "
        "keep_reporting_neighbours, strip_page_markup, cite_group_size",
    ):
        run_session(gold, prompt="extract_incidents@v4", backend=BackendConfig(),
                    skip_stages=["nope"], extract_fn=fake)  # fmt: skip
    assert fake.calls == []


def test_the_session_gates_against_a_baseline(gold: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    first = run_session(gold, prompt="extract_incidents@v4", backend=BackendConfig(),
                        baseline=baseline, update=True, extract_fn=Recorder())  # fmt: skip
    assert first.baseline_updated and not first.gate_checked and baseline.exists()
    again = run_session(gold, prompt="extract_incidents@v4", backend=BackendConfig(),
                        baseline=baseline, extract_fn=Recorder())  # fmt: skip
    assert again.gate_checked and again.gate_failures == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"update": True},
        {"update": True, "baseline": Path("b.json"), "skip_stages": ["locate"]},
        {"predictions": Path("p.jsonl"), "compare": "extract_incidents@v1"},
        {"predictions": Path("p.jsonl"), "skip_stages": ["locate"]},
    ],
)
def test_the_session_refuses_what_makes_no_sense(gold: Path, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        run_session(gold, prompt="extract_incidents@v4", backend=BackendConfig(),
                    extract_fn=Recorder(), **kwargs)  # fmt: skip
