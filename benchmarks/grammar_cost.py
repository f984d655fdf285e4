"""Decoding speed with and without the JSON-schema grammar, on the same prompt.

    python benchmarks/grammar_cost.py [ARTICLE] [--tokens 200] [--runs 3]

Loads the embedded model in this process, renders the default prompt for the article, lets the
prompt's prefix be evaluated once, then decodes greedily ``--tokens`` tokens (``max_tokens``,
the answer may stop earlier) with and without the grammar that llama-cpp-python builds from the
output form's JSON schema (what ``incidents extract`` uses), alternating, ``--runs`` times each.
Tokens per second are completion tokens over the wall time of the decoding call, with the
prompt already in the KV cache (the prompt's evaluation is not counted: one token of it is
re-evaluated to refresh the logits).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def decode(llama: Any, messages: list[dict[str, str]], schema: Any, tokens: int) -> float:
    response_format = {"type": "json_object", "schema": schema} if schema else None
    # Warm: the whole prompt is evaluated once and stays in the KV cache.
    llama.create_chat_completion(messages=messages, max_tokens=1, temperature=0)
    started = time.perf_counter()
    out = llama.create_chat_completion(
        messages=messages, max_tokens=tokens, temperature=0, response_format=response_format
    )
    seconds = time.perf_counter() - started
    return float(out["usage"]["completion_tokens"]) / seconds


def main() -> None:
    from incidents.config import resolve_backend
    from incidents.model.clients import load_llama
    from incidents.pipeline.article import Article
    from incidents.prompting.forms import OUTPUT_FORMS
    from incidents.prompting.prompts import load_prompt

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=ROOT / "examples/hasakah-ar.txt")
    parser.add_argument("--tokens", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    prompt = load_prompt("extract_incidents@v4")
    text = args.article.read_text(encoding="utf-8")
    messages = prompt.messages(text, None, Article.of(text).sentences)
    schema = OUTPUT_FORMS[prompt.spec.output_form].model_json_schema()
    llama = load_llama(resolve_backend("local"))
    rates: dict[str, list[float]] = {"plain": [], "JSON-schema grammar": []}
    for _ in range(args.runs):
        rates["plain"].append(decode(llama, messages, None, args.tokens))
        rates["JSON-schema grammar"].append(decode(llama, messages, schema, args.tokens))
    print("| decoding | runs | tokens/s (median) | runs' tokens/s |\n|---|---:|---:|---|")
    for name, values in rates.items():
        listed = ", ".join(f"{v:.1f}" for v in values)
        print(f"| {name} | {len(values)} | {statistics.median(values):.1f} | {listed} |")


if __name__ == "__main__":
    main()
