"""What each post-processing stage earns: replay every split with every stage, then with each
stage switched off in turn, and print the Markdown table of ``evals/README.md``.

    python evals/ablation.py [--prompt extract_incidents@v5] [--json OUT.json] [--gold DIR ...]

Scores come from the committed response store (``--replay``: no model runs), so the only thing
that changes between rows is the stage left out. Same as running, per stage and split,
``incidents eval --gold evals/gold/SPLIT --replay --skip-stage NAME``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from incidents.config import default_prompt, resolve_backend
from incidents.evals import load_gold, run_eval
from incidents.extraction import extract
from incidents.model.store import CacheMode
from incidents.pipeline.stages import STAGE_NAMES
from incidents.schema import ExtractionResult

FIELDS = (
    "event_type",
    "sub_event_type",
    "location",
    "date",
    "actors",
    "actor_roles",
    "fatalities",
    "injured",
    "detained",
)
COLUMNS = ("ready", "ready_p", "f1", *FIELDS, "geo_precision")
GOLD = Path(__file__).parent / "gold"
SPLITS = (GOLD / "dev", GOLD / "test", GOLD / "test2", GOLD / "test3")


def scores(gold_dir: Path, prompt: str, skip: tuple[str, ...]) -> dict[str, Any]:
    predictions: dict[str, ExtractionResult] = {}

    def keep(text: str, **options: Any) -> ExtractionResult:
        predictions[options["document_id"]] = result = extract(text, **options)
        return result

    evaluated = run_eval(
        gold_dir,
        prompt=prompt,
        backend=resolve_backend("local"),
        cache_mode=CacheMode.replay,
        store=None,
        skip_stages=skip,
        extract_fn=keep,
    )
    report = evaluated.to_json_dict()
    return {
        # analyst-ready records: share of gold incidents, and of predicted records
        "ready": report["analyst_ready"]["of_gold"],
        "ready_p": report["analyst_ready"]["of_predicted"],
        "f1": report["incident_f1"],
        "predicted": report["predicted_incidents"],
        **{name: report["fields"].get(name, {}).get("score") for name in FIELDS},
        "geo_precision": geo_precision_accuracy(gold_dir, report, predictions),
    }


def geo_precision_accuracy(
    gold_dir: Path, report: dict[str, Any], predictions: dict[str, ExtractionResult]
) -> float | None:
    """Share of matched incidents whose geo_precision equals gold's, where gold gives one.

    ``incidents eval`` does not score geo_precision (yet); this column lets the ablation
    measure the stage that sets it."""
    gold = {doc.id: doc for doc in load_gold(gold_dir)}
    right = total = 0
    for article in report["per_article"]:
        predicted = predictions.get(article["id"])
        for match in article["matches"]:
            wanted = gold[article["id"]].incidents[match["gold"]].location.geo_precision
            if predicted is None or wanted is None:
                continue
            total += 1
            right += predicted.incidents[match["predicted"]].location.geo_precision == wanted
    return right / total if total else None


def cell(value: float | None, base: float | None) -> str:
    if value is None or base is None:
        return "–"
    delta = base - value  # what the stage earns: score with it minus score without it
    return f"{value:.2f} ({delta:+.2f})" if abs(delta) >= 0.005 else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompt", default=None, help="default: the current default prompt")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--gold", type=Path, nargs="+", default=list(SPLITS))
    args = parser.parse_args()
    prompt = args.prompt or default_prompt()
    results: dict[str, dict[str, dict[str, Any]]] = {}
    for gold_dir in args.gold:
        split = gold_dir.name
        results[split] = {"(all stages)": scores(gold_dir, prompt, ())}
        for name in STAGE_NAMES:
            results[split][name] = scores(gold_dir, prompt, (name,))
            print(f"{split}: {name} off", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    header = ["stage off", "split", "incidents", *COLUMNS]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name in ("(all stages)", *STAGE_NAMES):
        for split in results:
            row, base = results[split][name], results[split]["(all stages)"]
            values = [str(row["predicted"]), *(cell(row[k], base[k]) for k in COLUMNS)]
            print(f"| {name} | {split} | " + " | ".join(values) + " |")


if __name__ == "__main__":
    main()
