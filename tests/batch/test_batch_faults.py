"""A 200-article batch through the real openai backend code path, against a server that fails
in every way a real one does. Every article must end ``ok`` or ``failed`` with the right reason,
none missing, none twice, and the API key must leak nowhere."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from fault_server import FaultServer, marker
from incidents.batch.runner import run_batch
from incidents.cli.batch import run_batch_command
from incidents.config import BackendConfig
from incidents.model.store import CacheMode, ResponseStore

KEY = "test-key-PLANTED-123"
PROMPT = "extract_incidents@v1"

# marker → the final status and reason category it must produce (timeout 1 s, 1 retry, 1 re-ask)
PLAN: dict[str, tuple[str, set[str | None]]] = {
    # The request refused (a 4xx): not the model's answer, and not retried.
    "400": ("failed", {"refused"}),
    "429": ("failed", {"rate_limited"}),
    "500": ("failed", {"server_error"}),
    "503": ("failed", {"server_error"}),
    "hang": ("failed", {"timeout"}),
    "reset": ("failed", {"connection"}),
    "truncated": ("failed", {"connection"}),
    "badjson": ("failed", {"server_error"}),
    # An HTML error page with status 200: the SDK hands back text; a body that is not JSON is
    # the server's failure, not the model's (incidents.model.failures).
    "nonjson": ("failed", {"server_error"}),
    "invalid": ("failed", {"invalid_output"}),
    # One failure, then success: transport retries and validation re-asks recover.
    "429*1": ("ok", {None}),
    "503*1": ("ok", {None}),
    "hang*1": ("ok", {None}),
    "reset*1": ("ok", {None}),
    "invalid*1": ("ok", {None}),
}
SLOTS = 20  # every 20 articles: one of each fault above, the rest plain successes


def backend(server: FaultServer) -> BackendConfig:
    return BackendConfig(backend="openai", model="fault-model", base_url=server.url,
                         api_key=KEY, timeout_s=1.0, max_transport_retries=1,
                         max_reasks=1)  # fmt: skip


def article(index: int) -> tuple[str, str | None]:
    """Article ``index`` and the fault it carries (None: a plain success)."""
    kinds = list(PLAN)
    kind = kinds[index % SLOTS] if index % SLOTS < len(kinds) else None
    text = f"Gunmen attacked a checkpoint near Aleppo, killing {index % 7} soldiers, sources said."
    if kind:
        name, _, times = kind.partition("*")
        text += " " + marker(name, int(times) if times else None)
    return text, kind


def test_two_hundred_articles_against_a_faulty_server(
    tmp_path: Path,
    fault_server: FaultServer,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # the SDK's debug logs must not carry the key either
    inp = tmp_path / "in.jsonl"
    expected: dict[str, str | None] = {}
    with inp.open("w", encoding="utf-8") as handle:
        for i in range(200):
            text, kind = article(i)
            expected[f"art-{i:03d}"] = kind
            handle.write(json.dumps({"id": f"art-{i:03d}", "text": text}) + "\n")
    out = tmp_path / "out.jsonl"
    store_dir = tmp_path / "store"

    summary = run_batch(inp, out, prompt=PROMPT, backend=backend(fault_server), concurrency=16,
                        cache_mode=CacheMode.read_write,
                        store=ResponseStore(store_dir))  # fmt: skip

    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == list(expected)  # none missing, none twice, in order
    for record in records:
        kind = expected[record["id"]]
        status, categories = PLAN[kind] if kind else ("ok", {None})
        category = record["reason"].split(":", 1)[0] if record["reason"] else None
        assert (record["status"], category in categories) == (status, True), record
        assert (record["result"] is None) == (status == "failed")
    failed = sum(1 for k in expected.values() if k and PLAN[k][0] == "failed")
    assert (summary.articles, summary.failed, summary.ok) == (200, failed, 200 - failed)
    assert (
        summary.failed_by_reason["timeout"] == 10 and summary.failed_by_reason["rate_limited"] == 10
    )
    assert fault_server.faults["hang"] >= 20 and fault_server.faults["429"] >= 20  # retried

    # The key reached the server (so the checks below are not vacuous) and nothing else.
    assert f"Bearer {KEY}" in fault_server.authorizations
    captured = capfd.readouterr()
    assert KEY not in captured.out and KEY not in captured.err
    assert KEY not in caplog.text
    assert all(KEY not in str(r.args) for r in caplog.records)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.is_relative_to(store_dir) for p in written)  # responses were stored
    for path in written:
        assert KEY.encode() not in path.read_bytes(), path


def test_resume_after_faults_clear_finishes_the_batch(tmp_path: Path) -> None:
    """Failed articles are retried on the next run; ok ones are not sent again."""
    inp = tmp_path / "in.jsonl"
    lines = [{"id": f"a{i}", "text": f"Shelling hit Idlib. {marker('503') if i % 3 == 0 else ''}"}
             for i in range(12)]  # fmt: skip
    inp.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"

    with FaultServer() as server:
        first = run_batch(inp, out, prompt=PROMPT, backend=backend(server), concurrency=4,
                          cache_mode=CacheMode.off)  # fmt: skip
    assert (first.ok, first.failed_by_reason) == (8, {"server_error": 4})

    # The same articles, now against a healthy server (the marker is ignored by schedule).
    with FaultServer(schedule=lambda n, body: "ok") as healthy:
        healthy_backend = backend(healthy)
        healthy.ignore_markers = True
        second = run_batch(inp, out, prompt=PROMPT, backend=healthy_backend, concurrency=4,
                           cache_mode=CacheMode.off)  # fmt: skip
        chat_requests = healthy.faults.total()
    assert (second.ok, second.failed, second.resumed) == (12, 0, 8)
    assert chat_requests == 4
    final = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in final] == [f"a{i}" for i in range(12)]


def test_cli_entry_prints_a_summary_and_keeps_the_key_out(
    tmp_path: Path, fault_server: FaultServer
) -> None:
    folder = tmp_path / "articles"
    (folder / "syria").mkdir(parents=True)
    (folder / "syria" / "one.txt").write_text("Clashes in Deir ez-Zor.", encoding="utf-8")
    (folder / "two.html").write_text(
        "<html><script>x()</script><p>Protest in Homs.</p></html>", encoding="utf-8"
    )
    (folder / "three.md").write_text(f"Strike. {marker('429')}", encoding="utf-8")
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, stderr=True)

    code = run_batch_command(folder, tmp_path / "out" / "r.jsonl", prompt=PROMPT,
                             backend=backend(fault_server), concurrency=None,
                             cache_mode=CacheMode.off, store=None,
                             console=console)  # fmt: skip

    assert code == 1
    records: dict[str, Any] = {
        r["id"]: r for r in map(json.loads, (tmp_path / "out" / "r.jsonl").read_text().splitlines())
    }
    assert list(records) == ["syria/one", "three", "two"]
    assert records["three"]["reason"].startswith("rate_limited: RateLimitError")
    text = buffer.getvalue()
    assert "rate_limited 1" in text and KEY not in text
