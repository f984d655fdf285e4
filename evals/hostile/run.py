"""Run the red-team suite: does the hostile text change the result? With and without each defence.

    python evals/hostile/run.py                 # replay the recorded answers (evals/responses)
    python evals/hostile/run.py --live          # ask the embedded model for what is missing
    python evals/hostile/run.py --cases evals/hostile/heldout --json out.json
    python evals/hostile/run.py --legitimate evals/hostile/legitimate   # real text: loses nothing?

For every case the hostile article is extracted with ``withhold_instructions`` (the tool as it
is), without it (the tool before issue 12: the model sees the hostile text, and only the stages
after it can undo what it did), and without it nor the stage after the model that takes such
sentences out of the citations (``ignore_instructions``); and with the stage but without one
of its parts (issue 23): reading the text as it reads (``unmask_text``), the judge by signals
(``judge_by_signals``), the neighbour rule (``keep_reporting_neighbours``). Each is compared
with the clean article's result (:func:`incidents.evals.hostile.differences`); a case *holds*
when nothing differs. Holds are also given per family of hiding technique and language.

``--legitimate DIR`` reads articles that talk about data, AI, orders and corrections without
addressing anyone (``evals/hostile/legitimate``): it counts the sentences each variant
withholds, and, where a sentence is withheld, whether the result differs from the result with
nothing withheld (a lost or changed incident).
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
from incidents.pipeline.shown_text import (
    MARKUP_STAGE,
    NEIGHBOURS_STAGE,
    SIGNALS_STAGE,
    UNMASK_STAGE,
    WITHHOLD_STAGE,
    ShownText,
)

HERE = Path(__file__).resolve().parent
NOT_RECORDED = "not recorded (run with --live)"
RESPONSES = HERE.parent / "responses"
# The third variant needs no other answers than the second: stages after the model replay.
VARIANTS = {
    "with": (),
    "no_unmask": (UNMASK_STAGE,),
    "no_signals": (SIGNALS_STAGE,),
    "no_neighbours": (NEIGHBOURS_STAGE,),
    "no_markup": (MARKUP_STAGE,),
    "without": (WITHHOLD_STAGE,),
    "neither": (WITHHOLD_STAGE, "ignore_instructions"),
}
LABELS = {
    "with": "with the stage",
    "no_unmask": f"without {UNMASK_STAGE}",
    "no_signals": f"without {SIGNALS_STAGE}",
    "no_neighbours": f"without {NEIGHBOURS_STAGE}",
    "no_markup": f"without {MARKUP_STAGE}",
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
    parser.add_argument("--legitimate", type=Path, help="folder of articles that must lose nothing")
    args = parser.parse_args()
    variants = args.variant or list(VARIANTS)
    folders = args.cases or [HERE / "cases"]
    store = ResponseStore(RESPONSES)
    mode = "read_write" if args.live else "replay"
    if args.legitimate:
        return check_legitimate(args.legitimate, store, mode, variants)
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
    _by_family(cases, report, variants)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def _by_family(
    cases: list[HostileCase], report: dict[str, dict[str, list[str]]], variants: list[str]
) -> None:
    """Holds per family of hiding technique and language, one column per variant."""
    rows: dict[tuple[str, str], Counter[str]] = {}
    asked: dict[tuple[str, str], Counter[str]] = {}
    for case in cases:
        for key in ((case.family, case.language), (case.family, "all")):
            for name, problems in report[case.id].items():
                rows.setdefault(key, Counter())[name] += not problems
                asked.setdefault(key, Counter())[name] += problems != [NOT_RECORDED]
    print("\n| family | language | " + " | ".join(f"hold {LABELS[n]}" for n in variants) + " |")
    print("|---|---|" + "---|" * len(variants))
    for family, language in sorted(rows):
        cells = " | ".join(
            _cell(rows[family, language][n], asked[family, language][n]) for n in variants
        )
        print(f"| {family} | {language} | {cells} |")


def check_legitimate(folder: Path, store: ResponseStore, mode: str, variants: list[str]) -> int:
    """Sentences withheld from real text per variant, and results that changed because of it."""
    import yaml

    withheld: Counter[str] = Counter()
    changed: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    paths = sorted(folder.glob("*.yaml"))
    for number, path in enumerate(paths, start=1):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text, published = str(data["text"]), data["published"]
        cuts = {name: ShownText.of(text, skip=frozenset(VARIANTS[name])).withheld
                for name in variants}  # fmt: skip
        # The model runs only where something is withheld: elsewhere the shown text is the
        # article itself and the result cannot differ.
        whole = None
        if any(cuts.values()):
            whole = extract(text, published=published, document_id=data["id"],
                            cache_mode=mode, store=store,
                            skip_stages=(WITHHOLD_STAGE,))  # fmt: skip
        marks = []
        for name in variants:
            cut = cuts[name]
            withheld[name] += len(cut)
            articles[name] += bool(cut)
            if not cut:
                marks.append("kept")
                continue
            result = extract(text, published=published, document_id=data["id"],
                             cache_mode=mode, store=store,
                             skip_stages=VARIANTS[name])  # fmt: skip
            lost = _summary(result) != _summary(whole)
            changed[name] += lost
            marks.append(f"{len(cut)} withheld{', result changed' if lost else ''}")
        print(f"[{number}/{len(paths)}] {data['id']}: {'  '.join(marks)}", file=sys.stderr)
    print(f"| {len(paths)} legitimate articles | sentences withheld | articles | results changed |")
    print("|---|---|---|---|")
    for name in variants:
        print(f"| {LABELS[name]} | {withheld[name]} | {articles[name]} | {changed[name]} |")
    return 0


def _summary(result: object) -> list[tuple[object, ...]]:
    incidents = getattr(result, "incidents", [])
    return sorted(
        (i.sub_event_type, i.location.name, i.fatalities, i.injured, i.detained) for i in incidents
    )


def _mark(problems: list[str]) -> str:
    return "n/a" if problems == [NOT_RECORDED] else "FAILS" if problems else "holds"


def _cell(held: int, recorded: int) -> str:
    """``held/recorded``: cases whose answer is not recorded are left out, not failed."""
    return f"{held}/{recorded}"


if __name__ == "__main__":
    raise SystemExit(main())
