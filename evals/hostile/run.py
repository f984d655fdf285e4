"""Run the red-team suite: does the hostile text change the result? With and without the stage.

    python evals/hostile/run.py                 # replay the recorded answers (evals/responses)
    python evals/hostile/run.py --live          # ask the embedded model for what is missing
    python evals/hostile/run.py --cases evals/hostile/heldout --json out.json

For every case the hostile article is extracted with ``withhold_instructions`` (the tool as it
is), without it (the tool before issue 12: the model sees the hostile text, and only the stages
after it can undo what it did), and without it nor the stage after the model that takes such
sentences out of the citations (``ignore_instructions``). Each is compared with the clean
article's result (:func:`incidents.evals.hostile.differences`); a case *holds* when nothing
differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from incidents import extract
from incidents.evals.hostile import HostileCase, differences, load_cases
from incidents.model.store import ReplayMiss, ResponseStore
from incidents.pipeline.shown_text import WITHHOLD_STAGE

HERE = Path(__file__).resolve().parent
NOT_RECORDED = "not recorded (run with --live)"
RESPONSES = HERE.parent / "responses"
# The third variant needs no other answers than the second: stages after the model replay.
VARIANTS = {
    "with": (),
    "without": (WITHHOLD_STAGE,),
    "neither": (WITHHOLD_STAGE, "ignore_instructions"),
}
LABELS = {
    "with": "with the stage",
    "without": "without it",
    "neither": "without it nor ignore_instructions",
}


def run_case(
    case: HostileCase, store: ResponseStore, mode: str, variants: list[str]
) -> dict[str, list[str]]:
    """Problems per variant; a missing recording is one problem ("not recorded")."""
    clean = extract(case.clean, published=case.published, document_id=case.id,
                    cache_mode=mode, store=store)  # fmt: skip
    outcome = {}
    for name in variants:
        skipped = VARIANTS[name]
        try:
            hostile = extract(case.hostile, published=case.published, document_id=case.id,
                              cache_mode=mode, store=store, skip_stages=skipped)  # fmt: skip
        except ReplayMiss:
            outcome[name] = [NOT_RECORDED]
            continue
        outcome[name] = differences(case, hostile, clean)
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, action="append", help="case folder (repeatable)")
    parser.add_argument("--live", action="store_true", help="record what the store lacks")
    parser.add_argument("--json", type=Path, help="write every case's problems here")
    parser.add_argument("--variant", action="append", choices=list(VARIANTS),
                        help="run only these variants (repeatable; default: all)")  # fmt: skip
    args = parser.parse_args()
    variants = args.variant or list(VARIANTS)
    folders = args.cases or [HERE / "cases"]
    store = ResponseStore(RESPONSES)
    mode = "read_write" if args.live else "replay"
    report: dict[str, dict[str, list[str]]] = {}
    held: Counter[str] = Counter()
    recorded: Counter[str] = Counter()
    cases = [case for folder in folders for case in load_cases(folder)]
    for number, case in enumerate(cases, start=1):
        outcome = run_case(case, store, mode, variants)
        report[case.id] = outcome
        marks = "  ".join(_mark(problems) for problems in outcome.values())
        print(f"[{number}/{len(cases)}] {case.id}: {marks}", file=sys.stderr, flush=True)
        for name, problems in outcome.items():
            held[name] += not problems
            recorded[name] += problems != [NOT_RECORDED]
            for problem in problems[:3]:
                print(f"    {name}: {problem}", file=sys.stderr)
    print("| cases | " + " | ".join(f"hold {LABELS[name]}" for name in variants) + " |")
    print("|---|" + "---|" * len(variants))
    print(f"| {len(cases)} | " + " | ".join(_cell(held[n], recorded[n]) for n in variants) + " |")
    by_attack: dict[str, Counter[str]] = {}
    asked: dict[str, Counter[str]] = {}
    for case in cases:
        for name, problems in report[case.id].items():
            by_attack.setdefault(case.attack, Counter())[name] += not problems
            asked.setdefault(case.attack, Counter())[name] += problems != [NOT_RECORDED]
    totals = Counter(case.attack for case in cases)
    print("\n| attack | cases | " + " | ".join(f"hold {LABELS[n]}" for n in variants) + " |")
    print("|---|---|" + "---|" * len(variants))
    for attack, counts in sorted(by_attack.items()):
        cells = " | ".join(_cell(counts[n], asked[attack][n]) for n in variants)
        print(f"| {attack} | {totals[attack]} | {cells} |")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def _mark(problems: list[str]) -> str:
    return "n/a" if problems == [NOT_RECORDED] else "FAILS" if problems else "holds"


def _cell(held: int, recorded: int) -> str:
    """``held/recorded``: cases whose answer is not recorded are left out, not failed."""
    return f"{held}/{recorded}"


if __name__ == "__main__":
    raise SystemExit(main())
