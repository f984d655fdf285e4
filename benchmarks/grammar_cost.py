"""Decoding speed with and without the JSON-schema grammar, on the same prompt.

    python benchmarks/grammar_cost.py [ARTICLE] [--tokens 200] [--runs 3]

Loads the embedded model in this process, renders the default prompt for the article, lets the
prompt's prefix be evaluated once, then decodes greedily ``--tokens`` tokens (``max_tokens``,
the answer may stop earlier) with and without the grammar that llama-cpp-python builds from the
output form's JSON schema (what ``incidents extract`` uses), alternating, ``--runs`` times each.
Tokens per second are completion tokens over the wall time of the decoding call, with the
prompt already in the KV cache; the last column is that wall time less llama.cpp's own timer of
the one-token forward passes, per token: what sampling (and the grammar) costs, a figure the
machine's neighbours disturb less than tokens per second. (The prompt's evaluation is not
counted: one token of it is re-evaluated to refresh the logits.)

A third row decodes the same request through the decoder every greedy extraction now uses
(``incidents.model.clients.decoder``): the same grammar, checked against the greedy token first
and against the whole vocabulary only when it rejects that token. Its tokens per second are
timed from the first sampled token to the last (the article's evaluation is not counted), and
its answer is checked to be the same text as llama-cpp-python's constrained one.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def decode(
    llama: Any, messages: list[dict[str, str]], schema: Any, tokens: int
) -> tuple[float, float]:
    import llama_cpp

    response_format = {"type": "json_object", "schema": schema} if schema else None
    # Warm: the whole prompt is evaluated once and stays in the KV cache.
    llama.create_chat_completion(messages=messages, max_tokens=1, temperature=0)
    llama_cpp.llama_perf_context_reset(llama._ctx.ctx)
    started = time.perf_counter()
    out = llama.create_chat_completion(
        messages=messages, max_tokens=tokens, temperature=0, response_format=response_format
    )
    seconds = time.perf_counter() - started
    count = float(out["usage"]["completion_tokens"])
    forward = llama_cpp.llama_perf_context(llama._ctx.ctx).t_eval_ms / 1000
    return count / seconds, 1000 * (seconds - forward) / count


def decode_greedy_first(
    llama: Any, decoder: Any, messages: list[dict[str, str]], schema: Any, tokens: int
) -> tuple[float, float, str]:
    import json

    from incidents.model.clients.decoder import DecodeRequest
    from incidents.model.clients.local import _grammar_of
    from incidents.model.clients.prefix_state import render_prompt

    prompt, prefix = render_prompt(llama, messages) or ([], [])
    decoder.reset_counters()
    done = decoder.decode(
        DecodeRequest(
            tokens=prompt,
            prefix=prefix,
            grammar=_grammar_of(json.dumps(schema)),
            max_tokens=tokens,
        )
    )
    # From the first sampled token to the last: n - 1 one-token passes and n - 1 choices.
    seconds = done.finished_at - done.first_token_at
    steps = len(done.completion) - 1
    forward = decoder.counters().t_eval_ms / 1000
    text = llama.detokenize(done.completion).decode("utf-8", errors="ignore")
    return steps / seconds, 1000 * (seconds - forward) / steps, text


def constrained_text(llama: Any, messages: list[dict[str, str]], schema: Any, tokens: int) -> str:
    from incidents.model.clients.prefix_state import render_prompt

    llama.reset()  # the prefix alone first, as the decoder evaluates it: the same KV values
    llama.eval((render_prompt(llama, messages) or ([], []))[1])
    out = llama.create_chat_completion(
        messages=messages,
        max_tokens=tokens,
        temperature=0,
        response_format={"type": "json_object", "schema": schema},
    )
    return str(out["choices"][0]["message"]["content"])


def main() -> None:
    from incidents.config import resolve_backend
    from incidents.model.clients import load_llama
    from incidents.model.clients.local import load_decoder
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
    config = resolve_backend("local")
    llama = load_llama(config)
    decoder = load_decoder(config, llama)
    greedy_first = "JSON-schema grammar, greedy token checked first (decoder)"
    rates: dict[str, list[tuple[float, float]]] = {
        "plain": [],
        "JSON-schema grammar": [],
        greedy_first: [],
    }
    same = []
    for _ in range(args.runs):
        rates["plain"].append(decode(llama, messages, None, args.tokens))
        rates["JSON-schema grammar"].append(decode(llama, messages, schema, args.tokens))
        rate, overhead, text = decode_greedy_first(llama, decoder, messages, schema, args.tokens)
        rates[greedy_first].append((rate, overhead))
        same.append(text == constrained_text(llama, messages, schema, args.tokens))
    print(
        "| decoding | runs | tokens/s (median) | runs' tokens/s "
        "| ms/token outside the forward pass (median) |\n|---|---:|---:|---|---:|"
    )
    for name, values in rates.items():
        listed = ", ".join(f"{v:.1f}" for v, _ in values)
        speed = statistics.median(v for v, _ in values)
        outside = statistics.median(o for _, o in values)
        print(f"| {name} | {len(values)} | {speed:.1f} | {listed} | {outside:.1f} |")
    print(f"\nthe decoder's answer is llama-cpp-python's constrained answer: {same}")


if __name__ == "__main__":
    main()
