"""Ray Data (issue 14): a local Ray instance with 2 CPUs runs 10 articles through
:class:`~incidents.integrations.ray_data.ExtractIncidents` against a real
``llama_cpp.server``; the rows are the live ``incidents batch`` records of the same input.

Needs the ``ray`` extra (``pip install -e '.[ray]'``). Run under the model lock here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from llama_server import SERVER_MODEL, llama_server

pytestmark = pytest.mark.ray

ARTICLES = [
    ("r01", "Two soldiers were killed in a drone strike near Kidal on Monday."),
    ("r02", "Police arrested 14 protesters in central Khartoum on Sunday."),
    ("r03", "Gunmen killed five villagers near Tillaberi on Friday."),
    ("r04", "An IED exploded under a bus near Gao on Wednesday, injuring nine people."),
    ("r05", "Rebels seized the town of Kidal from the army on Tuesday."),
    ("r06", "Shelling killed three civilians in Idlib on Saturday."),
    ("r07", "Hundreds of teachers protested peacefully in Bamako on Thursday."),
    ("r08", "Unknown gunmen abducted two aid workers near Goma on Monday."),
    ("r09", "A suicide bomber killed six people at a market in Maiduguri on Friday."),
    ("r10", "Rioters burned a police station in Kano on Sunday."),
]
PUBLISHED = "2024-03-08"
TIMINGS = ("seconds", "seconds_in_model", "created_at")


def ray_module() -> Any:
    try:
        import ray
    except ImportError:
        pytest.fail("ray is not installed: pip install -e '.[ray]' (the ray extra)")
    return ray


def without_timings(record: dict[str, Any]) -> dict[str, Any]:
    if record.get("result"):
        record["result"] = dict(record["result"])
        record["result"]["provenance"] = {
            k: v for k, v in record["result"]["provenance"].items() if k not in TIMINGS
        }
    return record


def test_a_bad_row_is_a_failed_record_without_a_model() -> None:
    from incidents.integrations.ray_data import ExtractIncidents

    worker = ExtractIncidents(backend="openai", base_url="http://127.0.0.1:9/v1", model="m")
    record = worker.record({"id": "empty", "text": "  ", "published": None})
    assert record == {"id": "empty", "status": "failed", "result": None, "url": None,
                      "reason": "bad_input: id 'empty': missing or empty 'text'"}  # fmt: skip
    cells = worker({"id": ["x"], "text": ["y"], "published": ["not a date"]})
    assert cells["status"] == ["failed"] and cells["reason"][0].startswith("bad_input: ")


@pytest.mark.model
@pytest.mark.server
def test_ray_rows_equal_the_live_batch(tmp_path: Path) -> None:
    ray = ray_module()
    from incidents.integrations.ray_data import ExtractIncidents, write_results

    rows = [{"id": i, "text": t, "published": PUBLISHED} for i, t in ARTICLES]
    inp = tmp_path / "articles.jsonl"
    inp.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    with llama_server(tmp_path / "server.log") as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "INCIDENTS_"))}
        env.update(INCIDENTS_RESPONSE_STORE=str(tmp_path / "store-live"), INCIDENTS_TIMEOUT="900")
        live = tmp_path / "live.jsonl"
        done = subprocess.run([sys.executable, "-m", "incidents", "batch", str(inp), "--out",
                               str(live), "--concurrency", "1", "--backend", "openai",
                               "--base-url", server, "--model", SERVER_MODEL],
                              capture_output=True, text=True, timeout=1800, env=env)  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]

        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        try:
            # One worker: the server answers one request at a time anyway.
            dataset = ray.data.from_items(rows).map_batches(
                ExtractIncidents,
                fn_constructor_kwargs={
                    "backend": "openai",
                    "base_url": server,
                    "model": SERVER_MODEL,
                    "timeout_s": 900,
                    "store": str(tmp_path / "store-ray"),
                },
                compute=ray.data.ActorPoolStrategy(size=1),
                batch_size=4,
            )
            results = tmp_path / "ray-results.jsonl"
            assert write_results(dataset.iter_rows(), results) == len(ARTICLES)
        finally:
            ray.shutdown()

    def by_id(path: Path) -> dict[str, dict[str, Any]]:
        lines = path.read_text(encoding="utf-8").splitlines()
        return {r["id"]: without_timings(r) for r in map(json.loads, lines)}

    got, expected = by_id(results), by_id(live)
    assert all(record["status"] == "ok" for record in expected.values())
    assert got == expected
    # What `incidents export` and `eval --predictions` read.
    from incidents.batch.results import read_results
    from incidents.evals.runner import load_predictions

    assert [line.id for line in read_results(results) if line.ok] == [i for i, _ in ARTICLES]
    assert set(load_predictions(results)) == {i for i, _ in ARTICLES}
