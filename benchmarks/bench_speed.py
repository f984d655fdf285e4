"""Speed of the extraction pipeline: seconds and tokens per article, overhead, throughput.

Runs the real batch code path (:func:`incidents.batch.runner.run_batch`, response cache off,
so every article reaches the model) against ``python -m llama_cpp.server`` serving the embedded
GGUF on 127.0.0.1, at each concurrency level, and prints Markdown tables:

* per concurrency: median seconds/article, prompt and completion tokens/article, overhead
  (an article's wall time / its time inside model calls, median; 1.00 = no pipeline cost),
  wall time / summed model time, throughput (articles/minute), failures;
* cold vs warm: server start until it answers (model load), the first article on a fresh
  server, the median of the following ones.

``--embedded`` adds the in-process backend (no server), the default path of ``incidents
extract`` and ``incidents batch``, at each level of ``--embedded-concurrency`` (default 1); its
first article includes loading the model. The server is llama-cpp-python's, which decodes one
request at a time with the grammar applied to the whole vocabulary: the embedded path before its
decoder (``incidents.model.clients.decoder``). ``--concurrency ''`` skips the server.

Examples::

    python benchmarks/bench_speed.py                       # evals/gold/dev, 5 articles, c=1,2,4
    python benchmarks/bench_speed.py --limit 3 --concurrency 1,2 --json bench.json
    python benchmarks/bench_speed.py --server-url http://127.0.0.1:8000/v1   # a running server

It needs the ``local`` extra (llama-cpp-python[server] and the model chunks). See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = REPO / "evals" / "gold" / "dev"
SERVED_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"


@dataclass
class Row:
    """The measurements of one batch run."""

    label: str
    concurrency: int
    articles: int
    failed: int
    wall_s: float
    median_s: float
    first_s: float
    median_after_first_s: float
    prompt_tokens: float
    completion_tokens: float
    overhead: float
    completion_per_incident: float
    wall_over_model: float

    @property
    def per_minute(self) -> float:
        return 60 * self.articles / self.wall_s if self.wall_s else 0.0


# --------------------------------------------------------------------------- inputs


def batch_input(source: Path, limit: int, workdir: Path) -> Path:
    """A JSONL batch input of at most ``limit`` articles from gold files, a JSONL or a folder
    of article files (the latter two as ``incidents batch`` reads them)."""
    gold = sorted(source.rglob("*.json")) if source.is_dir() else []
    out = workdir / "articles.jsonl"
    rows: list[dict[str, Any]] = []
    if gold:
        for path in gold[:limit]:
            data = json.loads(path.read_text(encoding="utf-8"))
            published = data.get("published")
            rows.append({"id": data["id"], "text": data["text"], "published": published})
    else:
        from incidents.batch.inputs import InputItem, scan_inputs

        for entry in scan_inputs(source):
            if isinstance(entry, InputItem) and len(rows) < limit:
                article = entry.load()
                published = article.published.isoformat() if article.published else None
                rows.append({"id": entry.id, "text": article.text, "published": published})
    if not rows:
        raise SystemExit(f"no articles found in {source}")
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return out


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(url: str, process: subprocess.Popen[bytes] | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"llama_cpp.server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"llama_cpp.server did not answer within {timeout:.0f} s")


def start_server(model: Path, threads: int, n_ctx: int, log: Path) -> tuple[Any, str, float]:
    """Start llama_cpp.server; return (process, base URL, seconds until it answered).

    llama-cpp-python's server has no ``--n_parallel`` (that is llama.cpp's own llama-server):
    it takes one completion at a time, so concurrent requests queue at the server."""
    port = free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model),
        "--model_alias", SERVED_NAME, "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", str(n_ctx), "--n_threads", str(threads), "--seed", "0", "--verbose", "False",
    ]  # fmt: skip
    started = time.monotonic()
    handle = log.open("wb")
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_ready(url, process, timeout=300)
    except BaseException:
        process.kill()
        raise
    return process, url, time.monotonic() - started


# --------------------------------------------------------------------------- runs


def run_once(
    label: str, inp: Path, workdir: Path, backend: Any, concurrency: int, prompt: str
) -> Row:
    """One batch over ``inp``; every article goes to the model (cache off)."""
    from incidents.batch.runner import run_batch
    from incidents.model.store import CacheMode

    out = workdir / f"{label.replace(' · ', '-')}-c{concurrency}.jsonl"
    out.unlink(missing_ok=True)
    started = time.monotonic()
    summary = run_batch(inp, out, prompt=prompt, backend=backend, concurrency=concurrency,
                        cache_mode=CacheMode.off)  # fmt: skip
    wall = time.monotonic() - started
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    provenances = [r["result"]["provenance"] for r in records if r["status"] == "ok"]
    seconds = [p["seconds"] for p in provenances]
    in_model = [p.get("seconds_in_model") or 0.0 for p in provenances]
    ratios = [s / m for s, m in zip(seconds, in_model, strict=True) if m > 0]

    def median(values: list[float]) -> float:
        return statistics.median(values) if values else float("nan")

    def mean(values: list[float]) -> float:
        return statistics.fmean(values) if values else float("nan")

    return Row(
        label=label,
        concurrency=concurrency,
        articles=summary.articles,
        failed=summary.failed,
        wall_s=wall,
        median_s=median(seconds),
        # Input order is completion order only at concurrency 1; the first record is the
        # first article started either way, which is what "cold" means here.
        first_s=seconds[0] if seconds else float("nan"),
        median_after_first_s=median(seconds[1:]),
        prompt_tokens=mean([p["usage"]["prompt_tokens"] for p in provenances]),
        completion_tokens=mean([p["usage"]["completion_tokens"] for p in provenances]),
        overhead=median(ratios),
        completion_per_incident=sum(p["usage"]["completion_tokens"] for p in provenances)
        / max(1, sum(len(r["result"]["incidents"]) for r in records if r["status"] == "ok")),
        wall_over_model=wall / sum(in_model) if sum(in_model) else float("nan"),
    )


def markdown(rows: list[Row], cold: dict[str, float]) -> str:
    lines = [
        "| run | concurrency | articles | failed | median s/article | prompt tok/article "
        "| completion tok/article | completion tok/incident | overhead (article/model) "
        "| wall/Σmodel | articles/min |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.label} | {r.concurrency} | {r.articles} | {r.failed} | {r.median_s:.1f} "
            f"| {r.prompt_tokens:.0f} | {r.completion_tokens:.0f} "
            f"| {r.completion_per_incident:.0f} | {r.overhead:.2f} "
            f"| {r.wall_over_model:.2f} | {r.per_minute:.2f} |"
        )
    if cold:
        lines += ["", "| start | seconds |", "|---|---:|"]
        lines += [f"| {name} | {value:.1f} |" for name, value in cold.items()]
    return "\n".join(lines)


def server_for(args: Any, workdir: Path, cold: dict[str, float]) -> tuple[Any, str]:
    """The server to benchmark: ``--server-url``, or llama-cpp-python's, started here."""
    if args.server_url:
        url = args.server_url.rstrip("/")
        wait_ready(url, None, timeout=30)
        return None, url
    from incidents.model.model_file import model_path

    model = args.model or model_path()
    process, url, load_s = start_server(model, args.threads, args.n_ctx, workdir / "server.log")
    cold["server start until it answers (model load)"] = load_s
    return process, url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES,
                        help="gold folder (*.json), JSONL, or folder of article files")  # fmt: skip
    parser.add_argument("--limit", type=int, default=5, help="articles per run (default 5)")
    parser.add_argument("--concurrency", default="1,2,4", help="comma-separated levels")
    parser.add_argument("--model", type=Path, help="GGUF file (default: the embedded model)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--n-ctx", type=int, default=8192)
    parser.add_argument("--prompt", default=None, help="TASK@vN (default: the current one)")
    parser.add_argument("--server-prompt", help="TASK@vN for the server runs (default: --prompt)")
    parser.add_argument("--server-url", help="benchmark this running server instead")
    parser.add_argument("--embedded", action="store_true", help="also time the in-process backend")
    parser.add_argument("--embedded-concurrency", default="1", help="its levels (default 1)")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = parser.parse_args(argv)

    from incidents.config import BackendConfig, default_prompt, resolve_backend

    prompt = args.prompt or default_prompt()
    server_prompt = args.server_prompt or prompt
    levels = [int(x) for x in args.concurrency.split(",") if x.strip()]
    rows: list[Row] = []
    cold: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        workdir = Path(tmp)
        inp = batch_input(args.articles, args.limit, workdir)
        process = None
        try:
            if levels:
                process, url = server_for(args, workdir, cold)
                backend = BackendConfig(backend="openai", model=SERVED_NAME, base_url=url,
                                        api_key="no-key-needed-for-loopback", timeout_s=900,
                                        max_transport_retries=1)  # fmt: skip
            for index, level in enumerate(levels):
                label = f"server · {server_prompt.split('@')[-1]}"
                row = run_once(label, inp, workdir, backend, level, server_prompt)
                rows.append(row)
                if index == 0:
                    where = "of the run" if args.server_url else "on a fresh server (cold)"
                    cold[f"first article {where}"] = row.first_s
                    cold["median of the following articles (warm)"] = row.median_after_first_s
                print(f"done: server c={level}: {row.wall_s:.0f} s", file=sys.stderr)
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
        if args.embedded:
            local = resolve_backend("local")
            for index, level in enumerate(int(x) for x in args.embedded_concurrency.split(",")):
                label = f"embedded · {prompt.split('@')[-1]}"
                row = run_once(label, inp, workdir, local, level, prompt)
                rows.append(row)
                print(f"done: embedded c={level}: {row.wall_s:.0f} s", file=sys.stderr)
                if index == 0:
                    cold["embedded: first article, model load included (cold)"] = row.first_s
                    cold["embedded: median of the following articles (warm)"] = (
                        row.median_after_first_s
                    )
    print(markdown(rows, cold))
    if args.json:
        payload = {"rows": [asdict(r) | {"per_minute": r.per_minute} for r in rows], "cold": cold}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 1 if any(r.failed for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
