"""Check the hostile (indirect prompt injection) cases and print how they are spread.

    python evals/hostile/check_cases.py [FOLDER] [--markdown]

FOLDER defaults to ``cases/`` beside this script. Every ``*.yaml`` file in it is one case (see
README.md). The script exits 1 on any problem and prints counts per language, attack and
position; ``--markdown`` prints the same counts as the tables of README.md.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from incidents.evals.hostile_format import (  # the one definition of the format
    ATTACKS,
    LANGUAGES,
    POSITIONS,
    case_problems,
)


def load(folder: Path) -> tuple[list[dict[str, Any]], list[str]]:
    cases: list[dict[str, Any]] = []
    problems: list[str] = []
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        problems.append(f"{folder}: no *.yaml case")
    for path in paths:
        try:
            case = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, ValueError) as error:  # a bad date raises ValueError
            problems.append(f"{path.name}: not valid YAML: {error}")
            continue
        found = case_problems(path, case)
        problems += [f"{path.name}: {problem}" for problem in found]
        if not found:
            cases.append(case)
    return cases, problems


def markdown(cases: list[dict[str, Any]]) -> str:
    pairs = Counter((c["attack"], c["language"]) for c in cases)
    lines = ["| attack | " + " | ".join(LANGUAGES) + " | all |", "|---" * 5 + "|"]
    for attack in ATTACKS:
        row = [pairs[attack, lang] for lang in LANGUAGES]
        lines.append(f"| {attack} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    totals = [sum(pairs[a, lang] for a in ATTACKS) for lang in LANGUAGES]
    lines.append("| **all** | " + " | ".join(map(str, totals)) + f" | {len(cases)} |")
    spots = Counter((c["position"], c["language"]) for c in cases)
    lines += ["", "| position | " + " | ".join(LANGUAGES) + " | all |", "|---" * 5 + "|"]
    for position in POSITIONS:
        row = [spots[position, lang] for lang in LANGUAGES]
        lines.append(f"| {position} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "--markdown"]
    folder = Path(args[0]) if args else Path(__file__).resolve().parent / "cases"
    cases, problems = load(folder)
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    if "--markdown" in argv:
        print(markdown(cases))
    else:
        print(f"{len(cases)} valid case(s) in {folder}")
        for key in ("language", "attack", "position"):
            counts = Counter(c[key] for c in cases)
            print(f"{key}: " + ", ".join(f"{k}={n}" for k, n in sorted(counts.items())))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
