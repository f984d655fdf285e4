"""The OpenAI-compatible path against a real `python -m llama_cpp.server` on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from conftest import SEED_ARTICLE
from llama_server import llama_server as start_llama_server

pytestmark = [pytest.mark.model, pytest.mark.server]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with start_llama_server(tmp_path_factory.mktemp("server") / "server.log") as base_url:
        yield base_url


def test_cli_extracts_the_seed_through_the_server(llama_server: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "incidents",
            "extract",
            str(SEED_ARTICLE),
            "--backend",
            "openai",
            "--base-url",
            llama_server,
            "--model",
            "qwen2.5-coder-1.5b",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    output = json.loads(result.stdout)

    schema = subprocess.run(
        [sys.executable, "-m", "incidents", "schema"], capture_output=True, text=True, check=True
    )
    jsonschema.validate(output, json.loads(schema.stdout))

    assert output["provenance"]["backend"] == "openai"
    assert output["provenance"]["model"] == "qwen2.5-coder-1.5b"
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    for incident in output["incidents"]:
        for span in incident["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]
    # Answers were constrained, so no re-ask was needed for broken JSON.
    assert output["provenance"]["usage"]["calls"] >= 1


def test_a_request_to_leak_the_key_leaks_nothing_through_the_server(
    llama_server: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Live, through the OpenAI-compatible path, whose key is a real secret: an exfiltration
    case of the red-team suite, with the key planted, leaves it in no output, log or store
    entry, and no run of the system prompt either."""
    import logging

    from incidents import extract
    from incidents.config import default_prompt, resolve_backend
    from incidents.evals.hostile import PLANTED_KEY, leaks, load_cases, prompt_windows
    from incidents.model.store import ResponseStore
    from incidents.prompting.prompts import load_prompt

    # The tool's own logs at every level; libraries at INFO. (openai's and instructor's DEBUG
    # logs print whole request bodies, system prompt included: an opt-in of theirs, said in
    # the README.)
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="incidents")
    suite = Path(__file__).resolve().parents[2] / "evals" / "hostile" / "cases"
    case = next(c for c in load_cases(suite) if c.attack == "exfiltrate" and c.language == "en")
    backend = resolve_backend("openai", base_url=llama_server, api_key=PLANTED_KEY,
                              model="qwen2.5-coder-1.5b")  # fmt: skip
    store = ResponseStore(tmp_path / "store")
    result = extract(case.hostile, published=case.published, backend=backend, store=store,
                     cache_mode="read_write")  # fmt: skip
    windows = prompt_windows(load_prompt(default_prompt()).spec.system)
    assert result.provenance.withheld_sentences >= 1
    assert leaks(result.model_dump_json(), windows) == []
    assert leaks(caplog.text, windows) == []
    entries = list((tmp_path / "store").glob("??/*.json"))
    assert entries
    for entry in entries:
        assert leaks(entry.read_text(encoding="utf-8"), windows) == []
