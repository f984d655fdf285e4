"""A one-off extraction in a new process, and where its seconds go.

    python benchmarks/one_off.py [ARTICLE] [--published DATE] [--runs 3] [--json FILE]
                                 [--before REV] [--also-prompt TASK@vN]

Each run is a fresh Python process that imports the package, loads the embedded model and
extracts one article with the response cache off (what ``incidents extract ARTICLE --cache off``
does). Runs alternate between settings, side by side in one run of this script:

* ``prefix cache off``: the fixed prompt prefix is evaluated in every process (the behaviour
  before prefix states, ``INCIDENTS_PREFIX_CACHE=0``);
* ``prefix cache on``: the prefix's KV state, saved by an earlier process, is loaded;
* with ``--before REV``, the code of git revision REV (checked out in a temporary worktree and
  run with this environment's packages) with its prefix cache on: the previous default;
* with ``--also-prompt TASK@vN``, this code with that prompt version instead of the default.

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
config = resolve_backend("local")
llama = load_llama(config)
try:  # the decoder's own context, where there is one (not in older revisions)
    from incidents.model.clients.local import load_decoder
    ctx = load_decoder(config, llama)._ctx
except ImportError:
    ctx = llama._ctx.ctx
loaded = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
result = extract(text, published=sys.argv[2] or None, cache_mode="off")
done = time.perf_counter()
perf = llama_cpp.llama_perf_context(ctx)  # counters of the process's model calls
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


def one_run(
    article: Path,
    published: str,
    cache: Path,
    prefix_cache: bool,
    tree: Path | None = None,
    prompt: str | None = None,
) -> dict[str, Any]:
    from incidents.model.model_file import model_path

    env = {**os.environ, "INCIDENTS_CACHE_DIR": str(cache)}
    env["INCIDENTS_MODEL_PATH"] = str(model_path())
    env["INCIDENTS_PREFIX_CACHE"] = "1" if prefix_cache else "0"
    if tree is not None:  # another revision's code and prompts, this environment's packages
        env["PYTHONPATH"] = str(tree / "src")
        env["INCIDENTS_PROMPTS_DIR"] = str(tree / "prompts")
    if prompt is not None:
        env["INCIDENTS_PROMPT"] = prompt
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
    parser.add_argument("--before", help="also run this git revision (the previous default)")
    parser.add_argument("--also-prompt", help="also run this prompt version (TASK@vN)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as trees:
        Setting = tuple[bool, Path | None, str | None]  # prefix cache, code tree, prompt
        settings: dict[str, Setting] = {}
        if args.before:
            tree = Path(trees) / "before"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree),
                            args.before], check=True, capture_output=True)  # fmt: skip
            settings[f"{args.before}, prefix cache on"] = (True, tree, None)
        else:
            settings["prefix cache off"] = (False, None, None)
        if args.also_prompt:
            settings[f"prefix cache on, {args.also_prompt}"] = (True, None, args.also_prompt)
        settings["prefix cache on"] = (True, None, None)
        results: dict[str, list[dict[str, Any]]] = {name: [] for name in settings}
        try:
            # Save the prefix once, as a first `incidents extract` on this machine does.
            for on, code, prompt in settings.values():
                one_run(args.article, args.published, Path(cache), on, code, prompt)
            for _ in range(args.runs):
                for name, (on, code, prompt) in settings.items():
                    row = one_run(args.article, args.published, Path(cache), on, code, prompt)
                    results[name].append(row)
                    print(name, json.dumps(row), file=sys.stderr)
        finally:
            if args.before:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(Path(trees) / "before")], check=False)  # fmt: skip
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
