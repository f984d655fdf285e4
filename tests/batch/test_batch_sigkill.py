"""SIGKILL a batch midway, re-run it, and get the same file as a run that was never interrupted.

The batch runs as a real ``python -m incidents batch`` subprocess, the way users run it, against
the fault server in success-only mode with a small delay, so the kill lands while requests are
in flight.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from fault_server import FaultServer

KEY = "test-key-PLANTED-123"
ARTICLES = 24
VOLATILE = {"created_at", "seconds", "seconds_in_model", "cached"}  # differ between runs


def command(inp: Path, out: Path, url: str) -> list[str]:
    return [
        sys.executable, "-m", "incidents", "batch", str(inp), "--out", str(out),
        "--backend", "openai", "--base-url", url, "--model", "fault-model", "--concurrency", "2",
    ]  # fmt: skip


def environment(store: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["OPENAI_API_KEY"] = KEY  # resolved the way users provide it
    env["INCIDENTS_RESPONSE_STORE"] = str(store)  # each run its own cache, grepped below
    for name in ("INCIDENTS_BACKEND", "INCIDENTS_MODEL", "INCIDENTS_BASE_URL", "OPENAI_BASE_URL"):
        env.pop(name, None)
    return env


def normalized(path: Path) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for record in records:
        if record["result"]:
            provenance = record["result"]["provenance"]
            for name in VOLATILE:
                provenance.pop(name, None)
    return records


def complete_lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.mark.timeout(60)
def test_sigkill_then_resume_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    inp = tmp_path / "in.jsonl"
    with inp.open("w", encoding="utf-8") as handle:
        for i in range(ARTICLES):
            text = f"قصفت طائرة مسيّرة موقعاً في ريف دير الزور، ما أدى إلى مقتل {i} عناصر. ({i})"
            handle.write(json.dumps({"id": f"dz-{i:02d}", "text": text}, ensure_ascii=False) + "\n")

    with FaultServer(delay_s=0.05) as server:
        reference = tmp_path / "reference.jsonl"
        done = subprocess.run(command(inp, reference, server.url),
                              env=environment(tmp_path / "store-ref"),
                              capture_output=True, text=True, timeout=50)  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs = [done.stdout, done.stderr]

        out = tmp_path / "interrupted.jsonl"
        env = environment(tmp_path / "store")
        victim = subprocess.Popen(
            command(inp, out, server.url),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while complete_lines(out) < 5 and time.monotonic() < deadline and victim.poll() is None:
            time.sleep(0.02)
        os.kill(victim.pid, signal.SIGKILL)
        stdout, stderr = victim.communicate(timeout=10)
        outputs += [stdout, stderr]
        assert victim.returncode == -signal.SIGKILL
        written = complete_lines(out)
        assert 5 <= written < ARTICLES, "the kill must land midway"
        # The worst moment to die: in the middle of writing a line.
        with out.open("ab") as handle:
            handle.write(b'{"id": "dz-23", "status": "ok", "res')

        resumed = subprocess.run(command(inp, out, server.url), env=env,
                                 capture_output=True, text=True, timeout=50)  # fmt: skip
        outputs += [resumed.stdout, resumed.stderr]
        assert resumed.returncode == 0, resumed.stderr
        assert f"Bearer {KEY}" in server.authorizations

    assert normalized(out) == normalized(reference)
    assert [r["id"] for r in normalized(out)] == [f"dz-{i:02d}" for i in range(ARTICLES)]
    assert out.read_bytes().endswith(b"\n") and b'"res\n' not in out.read_bytes()
    for text in outputs:
        assert KEY not in text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path


@pytest.mark.timeout(60)
def test_ctrl_c_saves_a_clean_file_and_says_how_to_resume(tmp_path: Path) -> None:
    inp = tmp_path / "in.jsonl"
    lines = [{"id": f"a{i:02d}", "text": f"Clashes in Homs, report {i}."} for i in range(ARTICLES)]
    inp.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = environment(tmp_path / "store")

    with FaultServer(delay_s=0.05) as server:
        victim = subprocess.Popen(
            command(inp, out, server.url),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # A shell that runs the suite in the background (nohup, `&`) ignores SIGINT, and a
            # child inherits that: Python then installs no Ctrl-C handler. A user's terminal
            # delivers it, so the victim gets the default disposition back.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        deadline = time.monotonic() + 30
        while complete_lines(out) < 3 and time.monotonic() < deadline and victim.poll() is None:
            time.sleep(0.02)
        victim.send_signal(signal.SIGINT)
        _, stderr = victim.communicate(timeout=20)
        assert victim.returncode == 130, stderr
        assert "run the same command again to resume" in stderr
        assert "Traceback" not in stderr
        saved = normalized(out)  # compacted on the way out: whole lines, input order
        ids = [r["id"] for r in saved]
        assert 3 <= len(ids) < ARTICLES and ids == sorted(ids)

        resumed = subprocess.run(command(inp, out, server.url), env=env,
                                 capture_output=True, text=True, timeout=50)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert [r["id"] for r in normalized(out)] == [x["id"] for x in lines]
