"""A one-off extraction in a new process, and where its seconds go.

    python benchmarks/one_off.py [ARTICLE] [--published DATE] [--runs 3] [--json FILE]

Each run is a fresh Python process that imports the package, loads the embedded model and
extracts one article with the response cache off (what ``incidents extract ARTICLE --cache off``
does). Runs alternate between two settings, side by side in one run of this script:

* ``prefix cache off``: the fixed prompt prefix is evaluated in every process (the behaviour
  before prefix states, ``INCIDENTS_PREFIX_CACHE=0``);
* ``prefix cache on``: the prefix's KV state, saved by an earlier process, is loaded.

The profile splits a run's wall time into: Python start and imports; model load; inside the
model call, the prompt evaluation (llama.cpp's own timer; with the cache on, only the article's
tokens), the decoding of the answer (llama.cpp's timer), and the rest of the call (sampling with
the JSON-schema grammar, prefix state loading, instructor and validation); then the pipeline
(post-processing stages). Medians over the runs of each setting. Never run it next to another
model run: the machine has 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

PROCESS = """
import json, sys, time
started = time.perf_counter()
import llama_cpp
from incidents.config import resolve_backend
from incidents.extraction import extract
from incidents.model.clients import load_llama
imported = time.perf_counter()
llama = load_llama(resolve_backend("local"))
loaded = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
result = extract(text, published=sys.argv[2] or None, cache_mode="off")
done = time.perf_counter()
perf = llama_cpp.llama_perf_context(llama._ctx.ctx)  # the last model call's counters
p = result.provenance
print(json.dumps({
    "imports": imported - started, "model_load": loaded - imported,
    "extract": p.seconds, "in_model": p.seconds_in_model,
    "prompt_eval": perf.t_p_eval_ms / 1000, "decode": perf.t_eval_ms / 1000,
    "prompt_tokens": p.usage.prompt_tokens, "evaluated": p.prompt_tokens_evaluated,
    "completion_tokens": p.usage.completion_tokens, "calls": p.usage.calls,
    "incidents": len(result.incidents),
}))
"""


def one_run(article: Path, published: str, cache: Path, prefix_cache: bool) -> dict[str, Any]:
    from incidents.model.model_file import model_path

    env = {**os.environ, "INCIDENTS_CACHE_DIR": str(cache)}
    env["INCIDENTS_MODEL_PATH"] = str(model_path())
    env["INCIDENTS_PREFIX_CACHE"] = "1" if prefix_cache else "0"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PROCESS, str(article), published],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"run failed:\n{done.stderr[-2000:]}")
    row = dict(json.loads(done.stdout.strip().splitlines()[-1]))
    row["wall"] = wall
    row["python_start"] = wall - row["imports"] - row["model_load"] - row["extract"]
    row["call_rest"] = row["in_model"] - row["prompt_eval"] - row["decode"]
    row["pipeline"] = row["extract"] - row["in_model"]
    return row


def median(rows: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(r[key] for r in rows if r[key] is not None))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=ROOT / "examples/hasakah-ar.txt")
    parser.add_argument("--published", default="2025-02-18")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    settings = {"prefix cache off": False, "prefix cache on": True}
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in settings}
    with tempfile.TemporaryDirectory() as cache:
        # Save the prefix once, as a first `incidents extract` on this machine does.
        one_run(args.article, args.published, Path(cache), prefix_cache=True)
        for _ in range(args.runs):
            for name, on in settings.items():
                results[name].append(one_run(args.article, args.published, Path(cache), on))
                print(name, json.dumps(results[name][-1]), file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    columns = [
        ("wall", "wall s"),
        ("python_start", "Python start"),
        ("imports", "imports"),
        ("model_load", "model load"),
        ("prompt_eval", "prompt eval"),
        ("decode", "decoding"),
        ("call_rest", "sampling + grammar + rest of call"),
        ("pipeline", "pipeline"),
        ("evaluated", "prompt tokens evaluated"),
        ("prompt_tokens", "prompt tokens"),
        ("completion_tokens", "completion tokens"),
    ]
    print("| setting | runs | " + " | ".join(title for _, title in columns) + " |")
    print("|---|---:|" + "---:|" * len(columns))
    for name, rows in results.items():
        cells = [f"{median(rows, key):.1f}" for key, _ in columns[:8]]
        cells += [f"{median(rows, key):.0f}" for key, _ in columns[8:]]
        print(f"| {name} | {len(rows)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
