"""The batch runner with a fake extractor: records, resume, compaction, concurrency, exit codes.

The real extraction path (openai SDK against a fault-injecting server) is in
test_batch_faults.py; these tests pin the runner's own contract quickly.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from factories import make_result
from incidents.batch.failures import classify_failure, redact
from incidents.batch.inputs import scan_inputs
from incidents.batch.output import NotABatchOutput, read_records
from incidents.batch.runner import arun_batch, run_batch
from incidents.cli.batch import run_batch_command
from incidents.config import BackendConfig, ConfigError
from incidents.model.store import CacheMode
from incidents.reading import SourceText
from incidents.schema import ExtractionResult, Usage

PROMPT = "extract_incidents@v1"
BACKEND = BackendConfig(backend="openai", model="fake", base_url="http://127.0.0.1:9/v1",
                        api_key="test-key-PLANTED-123")  # fmt: skip


def fake_result(document_id: str, *, tokens: int = 10) -> ExtractionResult:
    return make_result(
        document_id,
        prompt=PROMPT,
        backend="fake",
        model="fake",
        usage=Usage(prompt_tokens=tokens, completion_tokens=tokens // 2, calls=1),
        seconds=0.01,
        seconds_in_model=0.005,
    )


class FakeExtractor:
    """Records calls; fails for texts containing a ``FAIL:<ExceptionClass>`` marker."""

    def __init__(
        self, delay: float = 0.0, fail: Callable[[str], BaseException | None] | None = None
    ):
        self.delay = delay
        self.fail = fail
        self.calls: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0

    async def __call__(self, article: SourceText, **kwargs: Any) -> ExtractionResult:
        text = article.text
        assert set(kwargs) == {
            "prompt",
            "backend",
            "document_id",
            "cache_mode",
            "store",
        }
        self.calls.append(kwargs["document_id"])
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
            error = self.fail(text) if self.fail else None
            if error is not None:
                raise error
            return fake_result(kwargs["document_id"])
        finally:
            self.in_flight -= 1


def jsonl(path: Path, articles: list[tuple[str, str]]) -> Path:
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in articles]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run(inp: Path, out: Path, extractor: Any, concurrency: int = 4) -> Any:
    return run_batch(inp, out, prompt=PROMPT, backend=BACKEND, concurrency=concurrency,
                     cache_mode=CacheMode.off, extractor=extractor)  # fmt: skip


def test_every_article_gets_one_record_in_input_order(tmp_path: Path) -> None:
    inp = jsonl(tmp_path / "in.jsonl", [(f"a{i}", f"text {i}") for i in range(30)])
    fake = FakeExtractor(delay=0.001)

    summary = run(inp, tmp_path / "out.jsonl", fake, concurrency=8)

    out = records(tmp_path / "out.jsonl")
    assert [r["id"] for r in out] == [f"a{i}" for i in range(30)]
    assert {r["status"] for r in out} == {"ok"}
    assert all(r["reason"] is None and r["result"]["document_id"] == r["id"] for r in out)
    assert (summary.articles, summary.ok, summary.failed, summary.exit_code) == (30, 30, 0, 0)
    assert summary.prompt_tokens == 300 and summary.completion_tokens == 150


def test_concurrency_is_bounded(tmp_path: Path) -> None:
    inp = jsonl(tmp_path / "in.jsonl", [(f"a{i}", "t") for i in range(20)])
    fake = FakeExtractor(delay=0.01)

    run(inp, tmp_path / "out.jsonl", fake, concurrency=3)

    assert fake.max_in_flight == 3


def test_failures_are_recorded_by_category_and_do_not_stop_the_batch(tmp_path: Path) -> None:
    class APITimeoutError(Exception):
        pass

    class InstructorRetryException(Exception):
        pass

    def fail(text: str) -> BaseException | None:
        if text == "timeout":
            try:
                raise APITimeoutError("Request timed out.")
            except APITimeoutError as inner:
                wrapped = InstructorRetryException("Request timed out.")
                wrapped.__cause__ = inner
                return wrapped
        if text == "boom":
            return RuntimeError("unexpected")
        return None

    inp = jsonl(tmp_path / "in.jsonl", [("a", "timeout"), ("b", "fine"), ("c", "boom")])
    summary = run(inp, tmp_path / "out.jsonl", FakeExtractor(fail=fail))

    out = {r["id"]: r for r in records(tmp_path / "out.jsonl")}
    assert out["a"]["status"] == "failed" and out["a"]["result"] is None
    assert out["a"]["reason"] == "timeout: APITimeoutError: Request timed out."
    assert out["b"]["status"] == "ok"
    assert out["c"]["reason"] == "error: RuntimeError: unexpected"
    assert summary.failed_by_reason == {"error": 1, "timeout": 1}
    assert summary.exit_code == 1


def test_resume_skips_ok_retries_failed_and_compacts(tmp_path: Path) -> None:
    inp = jsonl(tmp_path / "in.jsonl", [(f"a{i}", f"t{i}") for i in range(10)])
    out = tmp_path / "out.jsonl"
    flaky = {"t3", "t7"}
    first = FakeExtractor(fail=lambda t: ConnectionResetError("reset") if t in flaky else None)
    assert run(inp, out, first).failed_by_reason == {"connection": 2}

    second = FakeExtractor()
    summary = run(inp, out, second)

    assert sorted(second.calls) == ["a3", "a7"]  # only the failed ones ran again
    final = records(out)
    assert [r["id"] for r in final] == [f"a{i}" for i in range(10)]  # one each, input order
    assert {r["status"] for r in final} == {"ok"}
    assert (summary.ok, summary.resumed, summary.extracted, summary.exit_code) == (10, 8, 2, 0)


def test_a_torn_last_line_is_ignored_and_cut_off(tmp_path: Path) -> None:
    inp = jsonl(tmp_path / "in.jsonl", [("a", "t"), ("b", "t"), ("c", "t")])
    out = tmp_path / "out.jsonl"
    run(inp, out, FakeExtractor())
    lines = out.read_bytes().splitlines(keepends=True)
    # As if SIGKILL hit while the third record was being written.
    out.write_bytes(lines[0] + lines[1] + lines[2][:25])

    assert [r["id"] for r in read_records(out)] == ["a", "b"]
    fake = FakeExtractor()
    run(inp, out, fake)

    assert fake.calls == ["c"]
    assert [r["id"] for r in records(out)] == ["a", "b", "c"]


def test_an_output_file_that_is_not_a_batch_output_is_left_alone(tmp_path: Path) -> None:
    inp = jsonl(tmp_path / "in.jsonl", [("a", "t")])
    out = tmp_path / "notes.jsonl"
    out.write_text("my precious notes\nline two\n", encoding="utf-8")

    with pytest.raises(NotABatchOutput):
        run(inp, out, FakeExtractor())
    assert out.read_text(encoding="utf-8") == "my precious notes\nline two\n"

    console = Console(file=io.StringIO(), stderr=True)
    code = run_batch_command(inp, out, prompt=PROMPT, backend=BACKEND, concurrency=1,
                             cache_mode=CacheMode.off, store=None, console=console,
                             extractor=FakeExtractor())  # fmt: skip
    assert code == 2


def test_records_of_other_inputs_keep_ok_and_drop_failed(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    old = jsonl(tmp_path / "old.jsonl", [("keep", "t"), ("stale", "bad")])
    run(old, out, FakeExtractor(fail=lambda t: ValueError("x") if t == "bad" else None))

    new = jsonl(tmp_path / "new.jsonl", [("fresh", "t")])
    summary = run(new, out, FakeExtractor())

    assert [r["id"] for r in records(out)] == ["fresh", "keep"]
    assert (summary.articles, summary.ok) == (1, 1)


def test_malformed_line_is_a_bad_input_record_with_its_line_number(tmp_path: Path) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "t"}\n{"id": "b", "text": \n{"id": "c", "text": "t"}\n')

    summary = run(inp, tmp_path / "out.jsonl", FakeExtractor())

    out = records(tmp_path / "out.jsonl")
    assert [(r["id"], r["status"]) for r in out] == [
        ("a", "ok"), ("in.jsonl:2", "failed"), ("c", "ok"),
    ]  # fmt: skip
    assert out[1]["reason"].startswith("bad_input: line 2: invalid JSON")
    assert summary.failed_by_reason == {"bad_input": 1}


def test_ids_are_labels_never_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "deep" / "er" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    hostile = ["../../x", "../../../../../../tmp/x", "/etc/passwd", "a/../../b", "..\\..\\x", "."]
    inp = jsonl(work / "in.jsonl", [(i, "text") for i in hostile])
    before = {p for p in tmp_path.rglob("*")}

    summary = run(inp, work / "out.jsonl", FakeExtractor())

    assert summary.ok == len(hostile)
    assert [r["id"] for r in records(work / "out.jsonl")] == hostile
    assert {p for p in tmp_path.rglob("*")} - before == {work / "out.jsonl"}
    assert not Path("/tmp/x").exists() or Path("/tmp/x") in before


def test_command_exit_codes_and_summary(tmp_path: Path) -> None:
    inp = jsonl(tmp_path / "in.jsonl", [("a", "t"), ("b", "bad")])
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, stderr=True)

    def command(path: Path, out: Path, extractor: Any, concurrency: int | None = 2) -> int:
        return run_batch_command(path, out, prompt=PROMPT, backend=BACKEND,
                                 concurrency=concurrency, cache_mode=CacheMode.off, store=None,
                                 console=console, extractor=extractor)  # fmt: skip

    failing = FakeExtractor(fail=lambda t: ValueError("nope") if t == "bad" else None)
    assert command(inp, tmp_path / "out.jsonl", failing) == 1
    text = buffer.getvalue()
    assert "articles" in text and "failed" in text and "error 1" in text
    assert command(inp, tmp_path / "out.jsonl", FakeExtractor()) == 0
    assert command(tmp_path / "missing.jsonl", tmp_path / "o.jsonl", FakeExtractor()) == 2
    assert command(inp, tmp_path, FakeExtractor()) == 2  # --out is a directory
    assert command(inp, inp, FakeExtractor()) == 2
    assert command(inp, tmp_path / "o.jsonl", FakeExtractor(), concurrency=0) == 2
    single = tmp_path / "one.txt"
    single.write_text("text", encoding="utf-8")
    assert command(single, tmp_path / "o.jsonl", FakeExtractor()) == 2
    assert "test-key-PLANTED-123" not in buffer.getvalue()


def test_a_setup_error_stops_the_batch_with_exit_code_2(tmp_path: Path) -> None:
    inp = jsonl(tmp_path / "in.jsonl", [(f"a{i}", "t") for i in range(5)])
    fake = FakeExtractor(fail=lambda t: ConfigError("the local backend needs llama-cpp-python"))
    console = Console(file=io.StringIO(), stderr=True)

    code = run_batch_command(inp, tmp_path / "out.jsonl", prompt=PROMPT, backend=BACKEND,
                             concurrency=1, cache_mode=CacheMode.off, store=None,
                             console=console, extractor=fake)  # fmt: skip

    assert code == 2 and len(fake.calls) == 1
    assert "llama-cpp-python" in console.file.getvalue()  # type: ignore[attr-defined]


def test_concurrent_writes_never_interleave(tmp_path: Path) -> None:
    big = "ج" * 50_000  # long lines make a torn or interleaved write visible
    inp = jsonl(tmp_path / "in.jsonl", [(f"a{i}", big) for i in range(40)])

    async def extractor(article: SourceText, **kwargs: Any) -> ExtractionResult:
        result = fake_result(kwargs["document_id"])
        return result.model_copy(update={"language": "ar"})

    entries = scan_inputs(inp)
    asyncio.run(arun_batch(entries, tmp_path / "out.jsonl", prompt=PROMPT, backend=BACKEND,
                           concurrency=16, cache_mode=CacheMode.off,
                           extractor=extractor))  # fmt: skip

    assert len(records(tmp_path / "out.jsonl")) == 40


def test_classify_failure_reads_through_wrappers() -> None:
    class RateLimitError(Exception):
        status_code = 429

    class RetryError(Exception):
        def __init__(self, inner: BaseException) -> None:
            super().__init__("RetryError[<Future>]")
            self.last_attempt = type("Attempt", (), {"exception": lambda _self: inner})()

    class BackendError(Exception):
        category = "invalid_output"

    class InternalServerError(Exception):
        pass

    assert classify_failure(RetryError(RateLimitError("slow down")))[0] == "rate_limited"
    assert classify_failure(BackendError("did not validate")) == (
        "invalid_output", "BackendError: did not validate",
    )  # fmt: skip
    assert classify_failure(InternalServerError("Error code: 503"))[0] == "server_error"
    assert classify_failure(ConnectionResetError("peer"))[0] == "connection"
    assert classify_failure(TimeoutError())[0] == "timeout"
    assert classify_failure(json.JSONDecodeError("Expecting value", "", 0))[0] == "invalid_output"
    category, message = classify_failure(KeyError("x" * 1000))
    assert category == "error" and len(message) < 400


def test_redact_removes_keys_and_bearer_tokens() -> None:
    text = "401 for key sk-abc123 (Authorization: Bearer sk-abc123)"
    assert "sk-abc123" not in redact(text, "sk-abc123")
    assert redact("Authorization: Bearer other-token", None) == "Authorization: Bearer ***"


def test_directory_batch_keeps_urls_and_reports_unreadable_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Clashes in Aleppo.", encoding="utf-8")
    (folder / "b.html").write_text(
        '<link rel="canonical" href="https://example.org/b"><p>Strike in Idlib.</p>',
        encoding="utf-8",
    )
    (folder / "c.txt").write_bytes("Protest à Bamako".encode("latin-1"))

    summary = run(folder, tmp_path / "out.jsonl", FakeExtractor())

    out = {r["id"]: r for r in records(tmp_path / "out.jsonl")}
    assert list(out) == ["a", "b", "c"]
    assert out["b"]["url"] == "https://example.org/b" and "url" not in out["a"]
    assert out["c"]["reason"] == "bad_input: c.txt: not UTF-8 (byte 8)"
    assert summary.failed_by_reason == {"bad_input": 1}


def test_a_compaction_killed_midway_leaves_no_litter(tmp_path: Path) -> None:
    inp = jsonl(tmp_path / "in.jsonl", [("a", "t")])
    stale = tmp_path / ".out.jsonl.k1llED.tmp"  # what a SIGKILL during compaction leaves
    stale.write_text('{"id": "a", "sta', encoding="utf-8")

    run(inp, tmp_path / "out.jsonl", FakeExtractor())

    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]
