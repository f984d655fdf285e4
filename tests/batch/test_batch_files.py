"""Batch files without a model: what ``--prepare`` writes for each engine, how ``--collect``
reads an engine's failures, and the flags' rules. (Answers from a real server, and the
byte-for-byte match with the live path, are in test_batch_files_server.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from incidents.batch.engine_output import EngineOutput
from incidents.batch.requests_file import body_digest, custom_id, digest_of, prepare_requests
from incidents.config import resolve_backend
from incidents.model.clients.batch_file import RecordedAnswer, RecordedFailure

ARTICLES = [
    ("kidal", "Two soldiers were killed in a drone strike near Kidal on Monday."),
    ("khartoum", "Police arrested 14 protesters in central Khartoum on Sunday."),
]


def jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def articles(tmp_path: Path, extra: list[tuple[str, str]] = ()) -> Path:  # type: ignore[assignment]
    rows = [{"id": i, "text": t, "published": "2024-03-08"} for i, t in [*ARTICLES, *extra]]
    return jsonl(tmp_path / "articles.jsonl", rows)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def incidents_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "INCIDENTS_"))}
    env["INCIDENTS_RESPONSE_STORE"] = str(cwd / "store")
    return subprocess.run([sys.executable, "-m", "incidents", *args], capture_output=True,
                          text=True, timeout=120, env=env, cwd=cwd)  # fmt: skip


def test_openai_batch_lines_need_no_key_and_use_tools(tmp_path: Path) -> None:
    done = incidents_cli("batch", "articles.jsonl", "--prepare", "requests.jsonl",
                         cwd=articles(tmp_path).parent)  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = read_jsonl(tmp_path / "requests.jsonl")
    assert [line["custom_id"].rpartition("#")[0] for line in lines] == ["kidal", "khartoum"]
    for line in lines:
        assert set(line) == {"custom_id", "method", "url", "body"}
        assert (line["method"], line["url"]) == ("POST", "/v1/chat/completions")
        assert digest_of(line["custom_id"]) == body_digest(line["body"])
        body = line["body"]
        assert body["model"] == "gpt-4o-mini" and body["temperature"] == 0.0
        assert body["tools"][0]["type"] == "function" and "response_format" not in body
        assert body["messages"][0]["role"] == "system"
    assert "Kidal" in lines[0]["body"]["messages"][-1]["content"]
    assert "instructor mode tools" in done.stderr


def test_json_schema_mode_writes_the_openai_form_for_vllm(tmp_path: Path) -> None:
    backend = resolve_backend("openai", model="Qwen/Qwen2.5-7B-Instruct", mode="json_schema",
                              key_required=False)  # fmt: skip
    summary = prepare_requests(articles(tmp_path), tmp_path / "r.jsonl",
                               prompt="extract_incidents@v5", backend=backend)  # fmt: skip
    assert summary.requests == 2 and summary.mode == "json_schema"
    for line in read_jsonl(tmp_path / "r.jsonl"):
        response_format = line["body"]["response_format"]
        assert response_format["type"] == "json_schema"  # vLLM honours it; no bridge needed
        assert response_format["json_schema"]["schema"]["type"] == "object"
        assert line["body"]["model"] == "Qwen/Qwen2.5-7B-Instruct"


def test_a_long_article_gets_one_request_per_chunk(tmp_path: Path) -> None:
    sentence = "Shelling hit the market in Idlib on Monday, killing {n} people, medics said. "
    long_text = "".join(sentence.format(n=n) for n in range(2, 140))
    backend = resolve_backend("openai", key_required=False)
    summary = prepare_requests(articles(tmp_path, [("long", long_text)]), tmp_path / "r.jsonl",
                               prompt="extract_incidents@v5", backend=backend)  # fmt: skip
    lines = read_jsonl(tmp_path / "r.jsonl")
    chunks = [line for line in lines if line["custom_id"].startswith("long#")]
    assert len(chunks) >= 2 and summary.requests == 2 + len(chunks)
    assert len({line["custom_id"] for line in lines}) == len(lines)
    # Each chunk's prompt holds its own sentences only.
    assert "killing 2 people" in chunks[0]["body"]["messages"][-1]["content"]
    assert "killing 2 people" not in chunks[-1]["body"]["messages"][-1]["content"]


def test_engine_errors_fail_the_articles_and_list_their_requests_again(tmp_path: Path) -> None:
    inp = articles(tmp_path, [("refused", "Gunmen killed five villagers near Tillaberi.")])
    done = incidents_cli("batch", inp.name, "--prepare", "requests.jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    requests = read_jsonl(tmp_path / "requests.jsonl")
    responses = [
        {"id": "b1", "custom_id": requests[0]["custom_id"], "response": None,
         "error": {"code": "rate_limit_exceeded", "message": "slow down"}},
        {"id": "b2", "custom_id": requests[1]["custom_id"],
         "response": {"status_code": 503, "body": {"error": {"message": "overloaded"}}}},
        {"id": "b3", "custom_id": requests[2]["custom_id"],
         "response": {"status_code": 400, "body": {"error": {"message": "bad schema"}}}},
    ]  # fmt: skip
    jsonl(tmp_path / "responses.jsonl", responses)
    done = incidents_cli("batch", inp.name, "--collect", "responses.jsonl", "--out",
                         "results.jsonl", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 1, done.stderr
    reasons = {r["id"]: r["reason"] for r in read_jsonl(tmp_path / "results.jsonl")}
    assert reasons["kidal"].startswith("rate_limited: the engine reported an error: ")
    assert reasons["khartoum"].startswith("server_error: the engine answered HTTP 503")
    # A refusal is the server's answer, handled as live; sending it again cannot help.
    assert reasons["refused"].startswith("refused: the server refused the request (HTTP 400)")
    assert "bad schema" in reasons["refused"] and "retry" not in reasons["refused"]
    assert read_jsonl(tmp_path / "results.retry.jsonl") == requests[:2]
    assert "2 requests in results.retry.jsonl" in done.stderr


def test_an_output_of_other_settings_answers_nothing_and_says_so(tmp_path: Path) -> None:
    inp = articles(tmp_path)
    done = incidents_cli("batch", inp.name, "--prepare", "requests.jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [{"id": "b", "custom_id": line["custom_id"], "response": None,
              "error": {"code": "server_error", "message": "x"}}
             for line in read_jsonl(tmp_path / "requests.jsonl")]  # fmt: skip
    jsonl(tmp_path / "responses.jsonl", lines)
    done = incidents_cli("batch", inp.name, "--collect", "responses.jsonl", "--out", "o.jsonl",
                         "--model", "another-model", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 1
    assert "2 answering no request of this input and settings" in " ".join(done.stderr.split())
    assert {r["reason"].split(":")[0] for r in read_jsonl(tmp_path / "o.jsonl")} == {"not_answered"}


def test_an_answer_outranks_a_failure_and_a_later_answer_an_earlier_one(tmp_path: Path) -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": "x"}]}
    cid = custom_id("a", body)

    def line(status: int, content: str) -> dict[str, Any]:
        return {"custom_id": cid, "response": {"status_code": status, "body": {"c": content}}}

    first = jsonl(tmp_path / "1.jsonl", [line(200, "first"), line(500, "crash")])
    second = jsonl(tmp_path / "2.jsonl", [line(200, "second")])
    assert EngineOutput.read([first]).lookup(body) == RecordedAnswer(200, {"c": "first"})
    assert EngineOutput.read([first, second]).lookup(body) == RecordedAnswer(200, {"c": "second"})
    only_failure = jsonl(tmp_path / "3.jsonl", [line(500, "crash")])
    found = EngineOutput.read([only_failure]).lookup(body)
    assert isinstance(found, RecordedFailure) and found.category == "server_error"
    assert EngineOutput.read([only_failure]).lookup({"other": 1}) is None


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (("--prepare", "r.jsonl", "--out", "o.jsonl"), "drop --out"),
        (("--collect", "r.jsonl"), "--collect needs --out"),
        (("--prepare", "r.jsonl", "--collect", "r.jsonl"), "exclude each other"),
        ((), "give --out RESULTS.jsonl"),
        (("--out", "o.jsonl", "--retry-file", "x.jsonl"), "--retry-file goes with --collect"),
        (("--prepare", "r.jsonl", "--concurrency", "4"), "--concurrency is for running now"),
        (("--prepare", "r.jsonl", "--backend", "local"), "drop --backend local"),
        (("--collect", "missing.jsonl", "--out", "o.jsonl"), "is not a file"),
    ],
)
def test_the_three_ways_are_one_line_errors_when_mixed(
    flags: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    inp = articles(tmp_path)
    done = incidents_cli("batch", inp.name, *flags, cwd=tmp_path)
    assert done.returncode == 2
    assert message in " ".join(done.stderr.split()) and "Traceback" not in done.stderr
