"""Batch files against a real ``llama_cpp.server`` on 127.0.0.1 (issue 14's acceptance):

* ``--prepare`` writes, for every article, the body the live openai path sends (recorded by a
  proxy in front of the server during a live ``incidents batch``);
* those requests run through :mod:`incidents.batch.run_requests` (the stand-in for a Batch
  API), then ``--collect`` gives the live batch's results and the live run's store keys;
* an engine output with a missing line, error lines, an invalid answer and unreadable lines
  leaves every article ``ok`` or ``failed`` with its reason, and a follow-up request file of
  exactly the requests to send again; sending it closes the loop.

Run under the model lock here (``flock /tmp/model.lock pytest …``): the server is the model.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from incidents.batch.requests_file import body_digest, digest_of
from incidents.batch.run_requests import run_requests
from llama_server import SERVER_MODEL, RecordingProxy, llama_server

pytestmark = [pytest.mark.model, pytest.mark.server]

ARTICLES = [
    ("kidal-strike", "Two soldiers were killed in a drone strike near Kidal on Monday, the "
     "army said."),
    ("khartoum-arrests", "Police arrested 14 protesters in central Khartoum on Sunday, "
     "witnesses said."),
    ("kidal-enlevement", "Des hommes armés ont enlevé trois enseignants à Kidal mardi, selon "
     "des sources locales."),
    ("tillaberi-attack", "Gunmen killed five villagers in an attack on a village near "
     "Tillaberi on Friday."),
    ("gao-ied", "An IED exploded under a bus near Gao on Wednesday, injuring nine passengers, "
     "the UN said."),
]  # fmt: skip
PUBLISHED = "2024-03-08"
# Provenance that measures this run, not the answer.
TIMINGS = ("seconds", "seconds_in_model", "created_at")


def incidents_cli(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "INCIDENTS_"))}
    env["INCIDENTS_RESPONSE_STORE"] = str(store)
    # The server answers one request at a time: a client timeout would resend a request (and
    # count a retry the collected run does not have).
    env["INCIDENTS_TIMEOUT"] = "900"
    return subprocess.run([sys.executable, "-m", "incidents", *args], capture_output=True,
                          text=True, timeout=1800, env=env)  # fmt: skip


def records(path: Path) -> dict[str, dict[str, Any]]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {record["id"]: record for record in lines}


def without_timings(record: dict[str, Any]) -> dict[str, Any]:
    record = json.loads(json.dumps(record))
    if record.get("result"):
        for key in TIMINGS:
            record["result"]["provenance"].pop(key)
    return record


def store_keys(store: Path) -> set[str]:
    return {path.stem for path in store.glob("??/*.json")}


def canonical(body: dict[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


@dataclass
class Runs:
    tmp: Path
    inp: Path
    proxy_url: str
    server_url: str
    live: Path
    live_bodies: list[dict[str, Any]]
    requests: Path
    responses: Path
    collected: Path
    collect_output: str


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    tmp = tmp_path_factory.mktemp("batch-files")
    inp = tmp / "articles.jsonl"
    inp.write_text("".join(json.dumps({"id": i, "text": t, "published": PUBLISHED}) + "\n"
                           for i, t in ARTICLES), encoding="utf-8")  # fmt: skip
    with llama_server(tmp / "server.log") as server_url, RecordingProxy(server_url) as proxy:
        engine = ("--model", SERVER_MODEL, "--base-url", proxy.base_url)
        live = tmp / "live.jsonl"
        done = incidents_cli("batch", str(inp), "--out", str(live), "--concurrency", "1",
                             "--backend", "openai",
                             *engine, store=tmp / "store-live")  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        live_bodies = proxy.recorded()

        requests = tmp / "requests.jsonl"
        done = incidents_cli("batch", str(inp), "--prepare", str(requests), *engine,
                             store=tmp / "store-prepare")  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        assert len(proxy.bodies) == len(live_bodies), "--prepare sent a request to the model"

        responses = tmp / "responses.jsonl"
        run_requests(requests, responses, base_url=server_url)

        collected = tmp / "collected.jsonl"
        done = incidents_cli("batch", str(inp), "--collect", str(responses), "--out",
                             str(collected), *engine, store=tmp / "store-collect")  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        yield Runs(tmp, inp, proxy.base_url, server_url, live, live_bodies, requests,
                   responses, collected, done.stderr)  # fmt: skip


def test_prepared_bodies_are_what_the_live_path_sends(runs: Runs) -> None:
    lines = [json.loads(line) for line in runs.requests.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(ARTICLES) == len(runs.live_bodies)
    for line in lines:
        assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
        assert digest_of(line["custom_id"]) == body_digest(line["body"])
    assert [line["custom_id"].rpartition("#")[0] for line in lines] == [i for i, _ in ARTICLES]
    prepared = sorted(canonical(line["body"]) for line in lines)
    assert prepared == sorted(canonical(body) for body in runs.live_bodies)
    # The llama.cpp server got the json_object form that constrains its decoding.
    assert all(line["body"]["response_format"]["type"] == "json_object" for line in lines)


def test_collected_results_equal_the_live_batch(runs: Runs) -> None:
    live, collected = records(runs.live), records(runs.collected)
    assert list(collected) == [i for i, _ in ARTICLES]
    assert all(record["status"] == "ok" for record in collected.values())
    assert {i: without_timings(r) for i, r in collected.items()} == {
        i: without_timings(r) for i, r in live.items()
    }
    assert sum(len(r["result"]["incidents"]) for r in collected.values()) >= 3
    # Answers were saved under the live run's keys: a live run would find them.
    assert store_keys(runs.tmp / "store-collect") == store_keys(runs.tmp / "store-live")
    assert "to send again" in runs.collect_output and "none" in runs.collect_output


def test_a_faulty_engine_output_fails_articles_with_reasons_and_lists_the_retries(
    runs: Runs,
) -> None:
    requests = {json.loads(x)["custom_id"].rpartition("#")[0]: json.loads(x)
                for x in runs.requests.read_text(encoding="utf-8").splitlines()}  # fmt: skip
    answers = {json.loads(x)["custom_id"].rpartition("#")[0]: json.loads(x)
               for x in runs.responses.read_text(encoding="utf-8").splitlines()}  # fmt: skip
    lines = [json.dumps(answers["kidal-strike"])]  # answered; khartoum-arrests is missing
    expired = {
        **answers["kidal-enlevement"],
        "response": None,
        "error": {"code": "batch_expired", "message": "not run before the window"},
    }
    lines.append(json.dumps(expired))
    broken = json.loads(json.dumps(answers["tillaberi-attack"]))
    broken["response"] = {"status_code": 500, "body": {"error": {"message": "engine crashed"}}}
    lines.append(json.dumps(broken))
    prose = json.loads(json.dumps(answers["gao-ied"]))
    prose["response"]["body"]["choices"][0]["message"]["content"] = "Sorry, I cannot help."
    lines.append(json.dumps(prose))
    lines.append(json.dumps(answers["khartoum-arrests"])[:60])  # a torn line: not JSON
    lines.append(json.dumps({"custom_id": "someone-else", "response": None, "error": None}))
    faulty = runs.tmp / "faulty.jsonl"
    faulty.write_text("\n".join(lines) + "\n", encoding="utf-8")

    out, retry = runs.tmp / "faulty-results.jsonl", runs.tmp / "follow-up.jsonl"
    engine = ("--model", SERVER_MODEL, "--base-url", runs.proxy_url)
    done = incidents_cli("batch", str(runs.inp), "--collect", str(faulty), "--out", str(out),
                         "--retry-file", str(retry), *engine,
                         store=runs.tmp / "store-faulty")  # fmt: skip
    assert done.returncode == 1, done.stderr[-3000:]
    assert "2 unusable" in done.stderr and "4 requests in" in done.stderr
    got = records(out)
    assert {i: r["status"] for i, r in got.items()} == {
        "kidal-strike": "ok", "khartoum-arrests": "failed", "kidal-enlevement": "failed",
        "tillaberi-attack": "failed", "gao-ied": "failed",
    }  # fmt: skip
    reasons = {i: r["reason"].split(":")[0] for i, r in got.items() if r["reason"]}
    assert reasons == {"khartoum-arrests": "not_answered", "kidal-enlevement": "timeout",
                       "tillaberi-attack": "server_error", "gao-ied": "invalid_output"}  # fmt: skip
    assert all("follow-up.jsonl" in got[i]["reason"] for i in reasons)

    follow_up = [json.loads(x) for x in retry.read_text(encoding="utf-8").splitlines()]
    by_article = {line["custom_id"].rpartition("#")[0]: line for line in follow_up}
    assert list(by_article) == ["khartoum-arrests", "kidal-enlevement", "tillaberi-attack",
                                "gao-ied"]  # fmt: skip
    for article in ("khartoum-arrests", "kidal-enlevement", "tillaberi-attack"):
        assert by_article[article] == requests[article]  # the same request, sent again
    reask = by_article["gao-ied"]["body"]
    first = requests["gao-ied"]["body"]
    assert reask["messages"][: len(first["messages"])] == first["messages"]
    assert reask["messages"][len(first["messages"])]["content"] == "Sorry, I cannot help."
    assert digest_of(by_article["gao-ied"]["custom_id"]) == body_digest(reask)

    # The engine runs the follow-up file; collecting both outputs completes the batch.
    second = runs.tmp / "follow-up-responses.jsonl"
    run_requests(retry, second, base_url=runs.server_url)
    done = incidents_cli("batch", str(runs.inp), "--collect", str(faulty), "--collect",
                         str(second), "--out", str(out), "--retry-file", str(retry), *engine,
                         store=runs.tmp / "store-faulty")  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    final, live = records(out), records(runs.live)
    assert all(record["status"] == "ok" for record in final.values())
    for article in ("kidal-strike", "khartoum-arrests", "kidal-enlevement", "tillaberi-attack"):
        assert without_timings(final[article]) == without_timings(live[article])
    assert final["gao-ied"]["result"]["provenance"]["usage"]["retries"] == 1  # the re-ask
    assert not retry.exists()
