"""Prompt evaluation and decoding speed of the embedded model per thread count and batch size.

    python benchmarks/threads.py [ARTICLE] [--settings 2:512,1:512,2:256,2:1024]

Each setting ``THREADS:N_BATCH`` loads the model afresh in its own process, evaluates the v4
prompt of the article from scratch (llama.cpp's prompt-evaluation timer) and decodes 64 tokens
without a grammar (its decode timer). The embedded backend uses all cores and ``n_batch=512``
(:func:`incidents.model.clients.load_llama`); this is the measurement behind that choice.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROCESS = """
import json, sys
import llama_cpp
from incidents.model.model_file import model_path
from incidents.pipeline.article import Article
from incidents.prompting.prompts import load_prompt
threads, n_batch = int(sys.argv[2]), int(sys.argv[3])
llama = llama_cpp.Llama(model_path=str(model_path()), n_ctx=8192, n_threads=threads,
                        n_batch=n_batch, seed=0, verbose=False)
text = open(sys.argv[1], encoding="utf-8").read()
prompt = load_prompt("extract_incidents@v4")
messages = [{**m, "content": m["content"].strip()}
            for m in prompt.messages(text, None, Article.of(text).sentences)]
llama_cpp.llama_perf_context_reset(llama._ctx.ctx)
out = llama.create_chat_completion(messages=messages, max_tokens=64, temperature=0)
perf = llama_cpp.llama_perf_context(llama._ctx.ctx)
print(json.dumps({"prompt_tokens": perf.n_p_eval, "prompt_s": perf.t_p_eval_ms / 1000,
                  "decoded": perf.n_eval, "decode_s": perf.t_eval_ms / 1000}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=ROOT / "examples/hasakah-ar.txt")
    parser.add_argument("--settings", default="2:512,1:512,2:256,2:1024")
    args = parser.parse_args()
    print("| threads | n_batch | prompt tokens | prompt eval tokens/s | decode tokens/s |")
    print("|---:|---:|---:|---:|---:|")
    for setting in args.settings.split(","):
        threads, n_batch = setting.split(":")
        done = subprocess.run(
            [sys.executable, "-c", PROCESS, str(args.article), threads, n_batch],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"| {threads} | {n_batch} | {row['prompt_tokens']} "
            f"| {row['prompt_tokens'] / row['prompt_s']:.1f} "
            f"| {row['decoded'] / row['decode_s']:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
