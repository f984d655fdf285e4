"""The pipeline's own cost per article, without the model, and tokens per article.

    python benchmarks/pipeline_cost.py [--gold evals/gold/dev evals/gold/test] [--rounds 5]
                                       [--json FILE]

Every gold article is extracted with ``cache_mode="replay"`` from the committed response store
(``evals/responses``): the model's recorded answer is read back and everything else runs as
live: withholding text addressed to the model, sentence numbering, chunking, prompt rendering,
request key, validation of the answer, the post-processing stages, evidence checks and the
result's own validation. So the time per article is what one core spends on an article next to
the model call, and ``60 / median`` is the articles per minute one core of post-processing
sustains (the batch's I/O, a few JSON lines, is left out). Tokens per article are the recorded
``provenance.usage`` of the same answers, the figure to price a hosted model or size a fleet.

``--against REF`` measures a git revision too, in the same run: the revision is checked out
into a temporary worktree and the same measurement runs there in a child process (its own
``src/``, this checkout's gold files and response store), so the previous default and the
current one are timed side by side on the same answers. The model's own time does not enter:
both revisions send the same prompt and read the same recorded answer, so what changes is the
post-processing.

The first round warms imports, the gazetteer and compiled patterns; rounds after it are
measured. Run it with nothing else on the machine (``pgrep -f "incidents|llama_cpp"``): it is a
CPU timing. The script says when another model process was running.
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


def busy() -> list[str]:
    """Other processes running a model or the package (they would skew a CPU timing)."""
    found = subprocess.run(["pgrep", "-af", "incidents|llama_cpp"], capture_output=True,
                           text=True).stdout.splitlines()  # fmt: skip
    return [line for line in found if str(os.getpid()) not in line.split()[0:1]
            and "pipeline_cost.py" not in line and "pgrep" not in line]  # fmt: skip


def measure(gold_dirs: list[Path], rounds: int) -> dict[str, Any]:
    from incidents.config import resolve_backend
    from incidents.evals.gold import load_gold
    from incidents.extraction import extract
    from incidents.model.store import ResponseStore

    store = ResponseStore(ROOT / "evals" / "responses")
    backend = resolve_backend("local")  # the recorded answers' backend; the model never loads
    docs = [doc for gold in gold_dirs for doc in load_gold(gold)]
    seconds: dict[str, list[float]] = {doc.id: [] for doc in docs}
    tokens: dict[str, tuple[int, int, int]] = {}
    chars: dict[str, int] = {}
    for round_number in range(rounds + 1):
        for doc in docs:
            started = time.process_time()  # CPU time of this process: one core's work
            result = extract(doc.text, published=doc.published, backend=backend,
                             document_id=doc.id, cache_mode="replay", store=store)  # fmt: skip
            spent = time.process_time() - started
            if round_number:  # round 0 warms up
                seconds[doc.id].append(spent)
            usage = result.provenance.usage
            tokens[doc.id] = (usage.prompt_tokens, usage.completion_tokens, usage.calls)
            chars[doc.id] = len(doc.text)
    per_article = [statistics.median(times) for times in seconds.values()]
    prompt = [t[0] for t in tokens.values()]
    completion = [t[1] for t in tokens.values()]
    return {
        "articles": len(docs),
        "rounds": rounds,
        "cpu_seconds_median": statistics.median(per_article),
        "cpu_seconds_mean": statistics.fmean(per_article),
        "cpu_seconds_max": max(per_article),
        "articles_per_minute_one_core": 60 / statistics.fmean(per_article),
        "prompt_tokens_mean": statistics.fmean(prompt),
        "completion_tokens_mean": statistics.fmean(completion),
        "prompt_tokens_median": statistics.median(prompt),
        "completion_tokens_median": statistics.median(completion),
        "calls_mean": statistics.fmean(t[2] for t in tokens.values()),
        "chars_mean": statistics.fmean(chars.values()),
        "slowest": max(seconds, key=lambda key: statistics.median(seconds[key])),
    }


def measure_revision(ref: str, gold_dirs: list[Path], rounds: int) -> dict[str, Any]:
    """:func:`measure` on the code of git revision ``ref``, in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree),
                        ref], check=True)  # fmt: skip
        try:
            script = (
                "import json, sys; sys.path.insert(0, sys.argv[1]); import pipeline_cost as p; "
                "print(json.dumps(p.measure([__import__('pathlib').Path(g) for g in "
                "sys.argv[3:]], int(sys.argv[2]))))"
            )
            env = {**os.environ, "PYTHONPATH": str(tree / "src")}
            out = subprocess.run(
                [sys.executable, "-c", script, str(Path(__file__).parent), str(rounds),
                 *map(str, gold_dirs)],
                env=env, check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False)  # fmt: skip
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def _row(label: str, numbers: dict[str, Any]) -> str:
    return (f"| {label} | {numbers['articles']} | {numbers['cpu_seconds_median']:.3f} / "
            f"{numbers['cpu_seconds_mean']:.3f} / {numbers['cpu_seconds_max']:.3f} | "
            f"{numbers['articles_per_minute_one_core']:.0f} | {numbers['prompt_tokens_mean']:.0f} "
            f"| {numbers['completion_tokens_mean']:.0f} | {numbers['calls_mean']:.2f} "
            f"| {numbers['chars_mean']:.0f} |")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", nargs="+", type=Path,
                        default=[ROOT / "evals/gold/dev", ROOT / "evals/gold/test"])  # fmt: skip
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--against", metavar="REF", help="also measure this git revision")
    args = parser.parse_args()
    others = busy()
    rows = {}
    if args.against:
        rows[args.against] = measure_revision(args.against, args.gold, args.rounds)
    numbers = rows["this checkout"] = measure(args.gold, args.rounds)
    numbers["other_model_processes"] = others
    print(
        "| code | articles | CPU s/article (median / mean / max) | articles/min, one core "
        "| prompt tok/article | completion tok/article | calls/article | chars/article |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, row in rows.items():
        print(_row(label, row))
    if others:
        print(f"\nwarning: {len(others)} other model process(es) ran meanwhile:", file=sys.stderr)
        for line in others:
            print("  " + line[:160], file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
