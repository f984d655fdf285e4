"""Score ``incidents events`` on the event gold set: gold incidents, then end to end.

    python evals/events/run.py                          # replay the recorded answers
    python evals/events/run.py --results RESULTS.jsonl  # a results file of these articles
    python evals/events/run.py --write-articles         # regenerate articles.jsonl from gold
    python evals/events/run.py --json report.json --days 0 --km 25

(a) groups the **gold** incidents of ``gold/`` (the grouping alone, free of extraction
errors) and (b) groups the incidents that ``incidents batch`` extracted from ``articles.jsonl``
(end to end), mapping each predicted incident to a gold one with the eval harness's own
per-article alignment; both are scored against ``groups.json`` (pairwise and B-cubed, see
:mod:`incidents.events.scoring`). A table of variants shows what each rule earns. Without
``--results`` the batch is replayed from the committed store (``evals/responses``): no model
runs, and a missing answer stops the run with the article's name.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from incidents.batch.results import read_results
from incidents.evals.gold import GoldDocument, load_gold
from incidents.events.compatibility import Rules
from incidents.events.grouping import Mention, compatible_pairs, group, mentions_of_result
from incidents.events.scoring import (
    GroupingScores,
    check_groups,
    gold_mentions,
    load_groups,
    map_to_gold,
    score_grouping,
)
from incidents.schema import ExtractionResult

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
GROUPS = HERE / "groups.json"
ARTICLES = HERE / "articles.jsonl"
RESPONSES = HERE.parent / "responses"


def articles_jsonl(docs: Sequence[GoldDocument]) -> str:
    """The batch input for the gold articles: ``{id, text, published}`` per line."""
    rows = [
        {"id": d.id, "text": d.text, "published": d.published.isoformat() if d.published else None}
        for d in docs
    ]
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def replay_results(articles: Path = ARTICLES, store: Path = RESPONSES) -> list[ExtractionResult]:
    """Run ``incidents batch`` over the articles from recorded answers only (no model).

    Raises:
        RuntimeError: an article failed (e.g. its answer is not recorded).
    """
    from incidents.batch.runner import run_batch
    from incidents.config import default_prompt, resolve_backend
    from incidents.model.store import CacheMode, ResponseStore

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "results.jsonl"
        run_batch(
            articles,
            out,
            prompt=default_prompt(),
            backend=resolve_backend(),
            cache_mode=CacheMode.replay,
            store=ResponseStore(store),
        )
        lines = read_results(out)
    failed = [f"{line.id}: {line.reason}" for line in lines if line.result is None]
    if failed:
        raise RuntimeError("articles not replayed: " + "; ".join(failed))
    return [line.result for line in lines if line.result is not None]


def components(mentions: Sequence[Mention], rules: Rules) -> list[list[int]]:
    """Connected components of the compatibility graph (the variant that chains)."""
    parent = list(range(len(mentions)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for _, i, j in compatible_pairs(mentions, rules):
        parent[root(j)] = root(i)
    out: dict[int, list[int]] = {}
    for n in range(len(mentions)):
        out.setdefault(root(n), []).append(n)
    return list(out.values())


def variants(rules: Rules) -> dict[str, tuple[Rules, bool]]:
    """Name → (rules, complete linkage?): the chosen rules and one change at a time."""
    return {
        f"chosen (--days {rules.days}, --km {rules.km:g})": (rules, True),
        "--days 0": (replace(rules, days=0), True),
        "--days 3": (replace(rules, days=3), True),
        "--km 5": (replace(rules, km=5.0), True),
        "--km 30": (replace(rules, km=30.0), True),
        "same sub-type only": (replace(rules, families=()), True),
        "--ignore-actors": (replace(rules, actors=False), True),
        "connected components": (rules, False),
    }


def score(
    mentions: Sequence[Mention],
    gold_groups: Sequence[Sequence[tuple[str, int]]],
    rules: Rules,
    *,
    linkage: bool = True,
    mapping: dict[tuple[str, int], tuple[str, int]] | None = None,
) -> GroupingScores:
    """Group mentions with one variant and score the groups."""
    found = group(mentions, rules) if linkage else components(mentions, rules)
    keyed = [[mentions[n].key for n in members] for members in found]
    return score_grouping(keyed, gold_groups, mapping)


def evaluate(rules: Rules, results: Sequence[ExtractionResult] | None) -> dict[str, dict[str, Any]]:
    """Scores of every variant on gold incidents and, given results, end to end."""
    docs = load_gold(GOLD)
    gold_groups = load_groups(GROUPS)
    problems = check_groups(gold_groups, docs)
    if problems:
        raise SystemExit("groups.json does not fit the gold files:\n  " + "\n  ".join(problems))
    gold = gold_mentions(docs)
    report: dict[str, dict[str, Any]] = {"gold": {}, "end_to_end": {}}
    predicted: list[Mention] = []
    mapping: dict[tuple[str, int], tuple[str, int]] = {}
    if results is not None:
        by_id = {r.document_id: r for r in results}
        missing = sorted({d.id for d in docs} - set(by_id))
        if missing:
            raise SystemExit(f"the results hold no result for: {', '.join(missing)}")
        ids = {d.id for d in docs}
        predicted = [m for r in results if r.document_id in ids for m in mentions_of_result(r)]
        mapping = map_to_gold(by_id, docs)
    for name, (variant, linkage) in variants(rules).items():
        report["gold"][name] = score(gold, gold_groups, variant, linkage=linkage).to_dict()
        if results is not None:
            report["end_to_end"][name] = score(
                predicted, gold_groups, variant, linkage=linkage, mapping=mapping
            ).to_dict()
    if results is not None:
        first = results[0].provenance
        report["meta"] = {
            "prompt": first.prompt,
            "model": first.model,
            "backend": first.backend,
            "predicted_incidents": len(predicted),
            "matched_to_gold": len(mapping),
        }
    report["meta"] = {
        **report.get("meta", {}),
        "gold_incidents": len(gold),
        "gold_articles": len(docs),
        "gold_events": len(gold_groups),
    }
    return report


def table(scores: dict[str, dict[str, Any]]) -> list[str]:
    """Markdown rows: variant, pairwise P/R/F1 (tp/fp/fn), B-cubed F1, events."""
    rows = [
        "| variant | pairwise P | R | F1 | pairs right / wrong / missed (reachable) | "
        "B-cubed F1 | events (several incidents) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in scores.items():
        p = s["pairwise"]
        rows.append(
            f"| {name} | {p['precision']:.2f} | {p['recall']:.2f} | {p['f1']:.2f} | "
            f"{p['tp']} / {p['fp']} / {p['fn']} ({s['reachable']}) | {s['bcubed']['f1']:.2f} | "
            f"{s['events']} ({s['multi']}) |"
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, help="incidents batch output for articles.jsonl")
    parser.add_argument("--days", type=int, default=Rules.days)
    parser.add_argument("--km", type=float, default=Rules.km)
    parser.add_argument("--json", type=Path, help="write the scores here")
    parser.add_argument(
        "--write-articles",
        action="store_true",
        help=f"write {ARTICLES.name} from the gold files and stop",
    )
    args = parser.parse_args(argv)
    if args.write_articles:
        ARTICLES.write_text(articles_jsonl(load_gold(GOLD)), encoding="utf-8")
        print(f"wrote {ARTICLES}", file=sys.stderr)
        return 0
    if args.results:
        results = [line.result for line in read_results(args.results) if line.result]
    else:
        results = replay_results()
    report = evaluate(Rules(days=args.days, km=args.km), results)
    meta = report["meta"]
    print(
        f"gold: {meta['gold_articles']} articles, {meta['gold_incidents']} incidents, "
        f"{meta['gold_events']} events\n"
    )
    print("Grouping the gold incidents:\n")
    print("\n".join(table(report["gold"])))
    print(
        f"\nEnd to end ({meta['prompt']}, {meta['model']}, {meta['backend']}): "
        f"{meta['predicted_incidents']} incidents predicted, {meta['matched_to_gold']} "
        f"matched to gold\n"
    )
    print("\n".join(table(report["end_to_end"])))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
