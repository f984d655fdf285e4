"""Does chunking a long article cost accuracy? Full article vs. its chunks scored separately.

For each gold article longer than one chunk (``incidents.extraction.CHUNK_CHARS``), this runs the
pipeline twice: once on the whole article (chunked inside ``extract``, offsets mapped back,
duplicates across chunk overlaps merged) and once on each chunk as if it were an article of its
own, with the gold incidents split by where their evidence starts. Both are scored with the
eval harness; the issue's bar is that the whole article scores no worse than its chunks.

    python benchmarks/long_document.py [--gold evals/gold/dev] [--prompt extract_incidents@v4]

Responses go through the response store (the eval store by default), so a recorded full-article
run is replayed and only the chunk-alone requests reach the model.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
from pathlib import Path

from incidents.config import resolve_backend
from incidents.evals import default_store, load_gold, score_predictions
from incidents.extraction import CHUNK_CHARS, chunk_sentences, extract
from incidents.text.language.sentences import number_sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path("evals/gold/dev"))
    parser.add_argument("--prompt", default="extract_incidents@v4")
    args = parser.parse_args()
    backend = resolve_backend("local")
    store = default_store(args.gold)
    long_docs = [d for d in load_gold(args.gold) if len(d.text) > CHUNK_CHARS]
    if not long_docs:
        raise SystemExit(f"no gold article in {args.gold} is longer than {CHUNK_CHARS} characters")
    print("| article | chars | chunks | whole: P / R / F1 | chunks alone: P / R / F1 |")
    print("|---|---|---|---|---|")
    for doc in long_docs:
        run = functools.partial(
            extract, published=doc.published, prompt=args.prompt, backend=backend,
            language=doc.language, store=store,
        )  # fmt: skip
        whole = run(doc.text, document_id=doc.id)
        chunk_docs, chunk_predictions, owned = [], {}, set()
        for index, chunk in enumerate(chunk_sentences(number_sentences(doc.text).sentences)):
            start, end = chunk[0].start, chunk[-1].end
            # A gold incident belongs to the first chunk its first evidence span starts in.
            mine = [
                n
                for n, i in enumerate(doc.incidents)
                if n not in owned and i.evidence and start <= i.evidence[0].start < end
            ]
            owned.update(mine)
            part = dataclasses.replace(
                doc,
                id=f"{doc.id}#{index}",
                text=doc.text[start:end],
                incidents=tuple(doc.incidents[n].model_copy(update={"evidence": []}) for n in mine),
            )
            chunk_docs.append(part)
            chunk_predictions[part.id] = run(part.text, document_id=part.id)
        whole_report = score_predictions([doc], {doc.id: whole}, meta={"prompt": args.prompt})
        chunk_report = score_predictions(
            chunk_docs, chunk_predictions, meta={"prompt": args.prompt}
        )
        print(
            f"| {doc.id} | {len(doc.text):,} | {len(chunk_docs)} | {_prf(whole_report)} | "
            f"{_prf(chunk_report)} |"
        )


def _prf(report) -> str:  # type: ignore[no-untyped-def]
    return (
        f"{report.incident_precision:.2f} / {report.incident_recall:.2f} / {report.incident_f1:.2f}"
    )


if __name__ == "__main__":
    main()
