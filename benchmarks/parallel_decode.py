"""How much faster several articles decode together than one after another.

    python benchmarks/parallel_decode.py [--articles evals/gold/dev] [--slots 4] [--tokens 120]

Takes the first ``--slots`` articles, renders the default prompt for each, and decodes their
answers (greedy, under the output form's grammar, at most ``--tokens`` tokens each) through the
decoder (``incidents.model.clients.decoder``) twice: one after another on a one-slot decoder,
then all at once on a decoder with ``--slots`` slots. It reports the decoding rate (tokens
decoded over the time from the first sampled token to the last, so the articles' prompt
evaluation is left out) and the forward passes each way. Never run it next to another model
run: the machine has 2 cores.
"""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def requests_for(llama: Any, texts: list[str], tokens: int) -> list[Any]:
    from incidents.config import default_prompt
    from incidents.model.clients.decoder import DecodeRequest
    from incidents.model.clients.local import _grammar_of
    from incidents.model.clients.prefix_state import render_prompt
    from incidents.pipeline.article import Article
    from incidents.prompting.forms import OUTPUT_FORMS
    from incidents.prompting.prompts import load_prompt

    prompt = load_prompt(default_prompt())
    grammar = _grammar_of(json.dumps(OUTPUT_FORMS[prompt.spec.output_form].model_json_schema()))
    made = []
    for text in texts:
        messages = prompt.messages(text, None, Article.of(text).sentences)
        rendered, prefix = render_prompt(llama, messages) or ([], [])
        made.append(
            DecodeRequest(
                tokens=rendered,
                prefix=prefix,
                grammar=grammar,
                max_tokens=tokens,
            )
        )
    return made


def main() -> None:
    from incidents.config import resolve_backend
    from incidents.model.clients import load_llama
    from incidents.model.clients.decoder import BatchDecoder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ROOT / "evals/gold/dev")
    parser.add_argument("--slots", type=int, default=4)
    parser.add_argument("--tokens", type=int, default=120)
    args = parser.parse_args()
    texts = [
        json.loads(path.read_text(encoding="utf-8"))["text"]
        for path in sorted(args.articles.glob("*.json"))[: args.slots]
    ]
    config = resolve_backend("local")
    llama = load_llama(config)

    def decoder(slots: int) -> Any:
        return BatchDecoder(llama._model, base_params=llama.context_params, slots=slots,
                            n_ctx=config.n_ctx, n_threads=llama.n_threads,
                            state_file=lambda _: None)  # fmt: skip

    alone = decoder(1)
    alone_done = [alone.decode(r) for r in requests_for(llama, texts, args.tokens)]
    alone_tokens = sum(len(r.completion) for r in alone_done)
    alone_seconds = sum(r.finished_at - r.first_token_at for r in alone_done)

    together = decoder(args.slots)
    batch = requests_for(llama, texts, args.tokens)
    threads = [threading.Thread(target=together.decode, args=(r,)) for r in batch]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # All prompts are evaluated before the last one samples its first token; from then on the
    # passes only decode.
    start = max(r.first_token_at for r in batch)
    tokens_after = sum(1 for r in batch for at in r.sampled_at if at > start)
    together_seconds = max(r.finished_at for r in batch) - start
    print("| decoding | articles | tokens | seconds | tokens/s | forward passes |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| one after another | {len(texts)} | {alone_tokens} | {alone_seconds:.1f} "
          f"| {alone_tokens / alone_seconds:.1f} | {alone.passes} |")  # fmt: skip
    print(f"| {args.slots} together (after the last prompt) | {len(texts)} | {tokens_after} "
          f"| {together_seconds:.1f} | {tokens_after / together_seconds:.1f} "
          f"| {together.passes} |")  # fmt: skip


if __name__ == "__main__":
    main()
