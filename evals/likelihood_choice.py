"""Generate less, score more? The embedded model scores candidate statements instead of writing.

    python evals/likelihood_choice.py [--gold DIR ...] [--json PATH]

Issue 22, point 7. On these 2 cores the model reads a prompt about ten times faster than it
writes, so where a field is a choice among few options it could *score* short statements by
their log-likelihood after the article instead of writing the answer. This measures two such
choices on the records the default pipeline already produces (recorded answers, replayed),
against the pipeline's own choice, on matched records only:

* **roles**: the record names exactly two sides, and they are the gold's two sides in one
  order or the other. The model scores "<A> carried out the attack on <B>." both ways;
  the pipeline's choice is the order the record already has.
* **place**: the record's cited sentences name two or more distinct places
  (:func:`incidents.text.places.gazetteer.find_places`), one of them the gold's. The model scores
  "It happened in <place>." for each (total and per-token log-likelihood); the pipeline's
  choice is the record's place.

The candidates come from the record and its sentences, never from the gold; the gold only
says which choice was right. Each article's text is evaluated once and every statement after
it reuses that cache, which is the cost this reports (seconds and tokens evaluated per record).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from incidents.config import resolve_backend
from incidents.evals.analyst_ready import same_actor
from incidents.evals.gold import GoldDocument, load_gold
from incidents.evals.runner import default_store
from incidents.evals.similarity import align, locations_match
from incidents.extraction import extract
from incidents.schema import Incident, Location
from incidents.text.places.gazetteer import find_places

GOLD = Path(__file__).parent / "gold"
SYSTEM = "You are a conflict analyst. You code incidents from news reports."
N_CTX = 4096


class TooLong(ValueError):
    """The article and the statement do not fit in the context: the record is skipped."""


@dataclass
class Scorer:
    """Log-likelihood of a continuation after a context, reusing the evaluated prefix."""

    llm: Any
    evaluated: int = 0  # tokens the model evaluated
    seconds: float = 0.0

    def tokens(self, text: str) -> list[int]:
        return list(self.llm.tokenize(text.encode(), add_bos=False, special=True))

    def _last_logits(self) -> np.ndarray:
        # Without logits_all, llama-cpp-python keeps no scores: read llama.cpp's last row.
        n_vocab = self.llm.n_vocab()
        row = np.ctypeslib.as_array(self.llm._ctx.get_logits(), shape=(n_vocab,))
        return np.array(row, dtype=np.float64)

    def logprobs(self, context: list[int], continuation: list[int]) -> list[float]:
        """The log-probability of each continuation token after ``context``."""
        started = time.perf_counter()
        llm = self.llm
        tokens = context + continuation
        if len(tokens) >= N_CTX:
            raise TooLong(len(tokens))
        known = list(llm.input_ids[: llm.n_tokens])
        common = 0
        for a, b in zip(known, tokens[: len(context) - 1], strict=False):
            if a != b:
                break
            common += 1
        llm.n_tokens = common  # llama-cpp-python drops the cache after n_tokens on eval
        # Only the rows the statement needs: the context's last, then one per statement token
        # (logits for every position would cost a full-vocabulary product per prompt token).
        llm.eval(context[common:])
        rows = [self._last_logits()]
        for token in continuation[:-1]:
            llm.eval([token])
            rows.append(self._last_logits())
        self.evaluated += len(tokens) - common - 1
        picked = []
        for row, token in zip(rows, continuation, strict=True):
            top = row.max()
            picked.append(row[token] - top - np.log(np.exp(row - top).sum()))
        self.seconds += time.perf_counter() - started
        return [float(x) for x in picked]


def _prompt(doc: GoldDocument, record: Incident, question: str) -> tuple[str, str]:
    """The article part (shared by every record) and the record's question."""
    article = f"<|im_start|>system\n{SYSTEM}<|im_end|>\n<|im_start|>user\nArticle:\n{doc.text}\n"
    cited = " … ".join(e.text for e in record.evidence) or record.summary or ""
    question = f"\nIncident: «{cited}»\n{question}<|im_end|>\n<|im_start|>assistant\n"
    return article, question


@dataclass
class Tally:
    records: int = 0
    pipeline_right: int = 0
    model_right: int = 0
    model_right_mean: int = 0
    seconds: float = 0.0
    evaluated: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        n = self.records or 1
        return {
            "records": self.records,
            "pipeline_right": self.pipeline_right,
            "likelihood_right": self.model_right,
            "likelihood_right_per_token": self.model_right_mean,
            "seconds_per_record": round(self.seconds / n, 2),
            "tokens_evaluated_per_record": round(self.evaluated / n, 1),
            "examples": self.examples,
        }


def _two_sides(record: Incident) -> tuple[Any, Any] | None:
    perps = [a for a in record.actors if a.role == "perpetrator"]
    targets = [a for a in record.actors if a.role == "target"]
    if len(perps) == 1 and len(targets) == 1:
        return perps[0], targets[0]
    return None


def _role_case(record: Incident, gold: Incident) -> tuple[Any, Any, bool] | None:
    """The record's two sides and whether its order is the gold's; None when it is no case."""
    sides = _two_sides(record)
    gold_sides = _two_sides(gold)
    if sides is None or gold_sides is None:
        return None
    country = gold.location.country
    (p, t), (gp, gt) = sides, gold_sides
    if same_actor(p, gp, country) and same_actor(t, gt, country):
        return p, t, True
    if same_actor(p, gt, country) and same_actor(t, gp, country):
        return p, t, False
    return None


def score_roles(
    scorer: Scorer, doc: GoldDocument, record: Incident, gold: Incident, t: Tally
) -> None:
    case = _role_case(record, gold)
    if case is None:
        return
    p, q, pipeline_right = case
    article, question = _prompt(doc, record, "Who carried out this attack, and on whom?")
    context = scorer.tokens(article + question)
    before = (scorer.seconds, scorer.evaluated)
    as_is = sum(
        scorer.logprobs(context, scorer.tokens(f"{p.name} carried out the attack on {q.name}."))
    )
    swapped = sum(
        scorer.logprobs(context, scorer.tokens(f"{q.name} carried out the attack on {p.name}."))
    )
    model_right = (as_is >= swapped) == pipeline_right
    t.records += 1
    t.pipeline_right += pipeline_right
    t.model_right += model_right
    t.model_right_mean += model_right  # both statements have the same tokens
    t.seconds += scorer.seconds - before[0]
    t.evaluated += scorer.evaluated - before[1]
    t.examples.append(
        {
            "id": doc.id,
            "record": [p.name, q.name],
            "pipeline_right": pipeline_right,
            "likelihood_right": model_right,
            "margin": round(as_is - swapped, 2),
        }
    )


def _candidates(record: Incident) -> list[Location]:
    seen: dict[str, Location] = {}
    for evidence in record.evidence:
        for place in find_places(evidence.text, country_hint=record.location.country):
            if place.name not in seen:
                seen[place.name] = Location(
                    name=place.name,
                    admin1=place.admin1,
                    country=place.country,
                    latitude=place.latitude,
                    longitude=place.longitude,
                    geo_precision=place.geo_precision,  # type: ignore[arg-type]
                )
    return list(seen.values())


def score_place(
    scorer: Scorer, doc: GoldDocument, record: Incident, gold: Incident, t: Tally
) -> None:
    candidates = _candidates(record)
    right = [locations_match(c, gold.location) for c in candidates]
    if len(candidates) < 2 or not any(right):
        return
    article, question = _prompt(
        doc, record, "Where exactly did it happen? Name the most specific place."
    )
    context = scorer.tokens(article + question)
    before = (scorer.seconds, scorer.evaluated)
    totals, means = [], []
    for c in candidates:
        lp = scorer.logprobs(context, scorer.tokens(f"It happened in {c.name}."))
        totals.append(sum(lp))
        means.append(sum(lp) / len(lp))
    t.records += 1
    t.pipeline_right += locations_match(record.location, gold.location)
    t.model_right += right[int(np.argmax(totals))]
    t.model_right_mean += right[int(np.argmax(means))]
    t.seconds += scorer.seconds - before[0]
    t.evaluated += scorer.evaluated - before[1]
    t.examples.append(
        {
            "id": doc.id,
            "candidates": [c.name for c in candidates],
            "gold": gold.location.name,
            "pipeline": record.location.name,
            "by_total": candidates[int(np.argmax(totals))].name,
            "by_mean": candidates[int(np.argmax(means))].name,
        }
    )


def measure(gold_dir: Path, scorer: Scorer) -> dict[str, Any]:
    backend = resolve_backend("local")
    store = default_store(gold_dir)
    roles, places = Tally(), Tally()
    too_long = 0
    for doc in load_gold(gold_dir):
        result = extract(
            doc.text,
            published=doc.published,
            backend=backend,
            document_id=doc.id,
            language=doc.language,
            cache_mode="replay",
            store=store,
        )
        pred: Sequence[Incident] = result.incidents
        pairs, _ = align(pred, doc.incidents)
        for i, j, _s in pairs:
            try:
                score_roles(scorer, doc, pred[i], doc.incidents[j], roles)
                score_place(scorer, doc, pred[i], doc.incidents[j], places)
            except TooLong:
                too_long += 1
    return {
        "gold": gold_dir.as_posix(), "roles": roles.to_dict(), "place": places.to_dict(),
        "skipped_too_long": too_long,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, nargs="+", default=[GOLD / "dev"])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import llama_cpp

    from incidents.model.model_file import model_path

    llm = llama_cpp.Llama(
        model_path=str(model_path()),
        n_ctx=N_CTX,
        n_batch=512,
        seed=0,
        verbose=False,
    )
    scorer = Scorer(llm)
    reports = []
    for gold_dir in args.gold:
        reports.append(measure(gold_dir, scorer))
        print(json.dumps({k: v for k, v in reports[-1].items()}, default=str)[:600], flush=True)
    head = "| gold | choice | records | pipeline right | likelihood right | per token | s/record |"
    print(head + " tokens/record |")
    print("|---|---|---|---|---|---|---|---|")
    for r in reports:
        for name in ("roles", "place"):
            m = r[name]
            print(
                f"| {r['gold']} | {name} | {m['records']} | {m['pipeline_right']} "
                f"| {m['likelihood_right']} | {m['likelihood_right_per_token']} "
                f"| {m['seconds_per_record']} | {m['tokens_evaluated_per_record']} |"
            )
    if args.json:
        args.json.write_text(json.dumps(reports, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
