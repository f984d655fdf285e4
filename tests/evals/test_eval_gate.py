"""The CI gate end to end: the default prompt's recorded responses pass it; a deliberately
worse prompt version, scored from its recorded (replayed) responses, fails it."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO
from incidents.config import default_prompt, resolve_backend
from incidents.model.store import CacheMode, ResponseStore
from incidents.prompting.prompts import load_prompt

DEV = REPO / "evals" / "gold" / "dev"
BASELINE = REPO / "evals" / "baseline.json"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "incidents", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
        env={**os.environ, **(env or {})},
    )


class SilentModel:
    """Stands in for the model while recording the worse prompt's answers: it finds nothing."""

    name = "local"

    def __init__(self, model: str) -> None:
        self.model = model

    def complete(self, request: Any) -> Any:
        from incidents.model.backend import Answered, CallStats

        return Answered(request.response_model.model_validate({"incidents": []}), CallStats())


def test_the_default_prompt_passes_the_gate_from_recorded_responses() -> None:
    result = run_cli("eval", "--gold", "evals/gold/dev", "--replay", "--baseline", str(BASELINE))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "gate passed for evals/gold/dev" in result.stderr


def test_a_worse_prompt_version_fails_the_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(REPO / "prompts", prompts)
    current = load_prompt(default_prompt())
    spec: dict[str, Any] = yaml.safe_load(current.path.read_text(encoding="utf-8"))
    spec["version"] = 99
    spec["system"] = "Read the article. Report only incidents you are certain of.\n"
    spec["examples"] = []
    spec["changelog"] = [
        "v99: deliberately worse (no coding rules, no examples), for the gate test"
    ]
    (prompts / current.spec.task / "v99.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True))
    monkeypatch.setenv("INCIDENTS_PROMPTS_DIR", str(prompts))

    # Record what the worse prompt "answered", as a live run would, into its own store.
    from incidents import evals

    extract = importlib.import_module("incidents.extraction")  # the module, not the function
    backend = resolve_backend("local")
    monkeypatch.setattr(extract, "make_backend", lambda config: SilentModel(config.model))
    store = ResponseStore(tmp_path / "store")
    worse = f"{current.spec.task}@v99"
    evals.run_eval(DEV, prompt=worse, backend=backend, cache_mode=CacheMode.live, store=store)
    assert len(store) > 0

    result = run_cli(
        "eval",
        "--gold",
        "evals/gold/dev",
        "--prompt",
        worse,
        "--replay",
        "--store",
        str(store.root),
        "--baseline",
        str(BASELINE),
        env={"INCIDENTS_PROMPTS_DIR": str(prompts)},
    )
    assert result.returncode == 1, result.stderr[-3000:]
    assert "gate: incident_f1 dropped" in result.stderr
