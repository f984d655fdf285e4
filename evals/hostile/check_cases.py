"""Check the hostile (indirect prompt injection) cases and print how they are spread.

    python evals/hostile/check_cases.py [FOLDER] [--markdown]

FOLDER defaults to ``cases/`` beside this script. Every ``*.yaml`` file in it is one case (see
README.md). The script exits 1 on any problem and prints counts per language, attack and
position; ``--markdown`` prints the same counts as the tables of README.md.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from incidents.evals.hostile import ATTACKS, CLOSE, LANGUAGES, OPEN, POSITIONS, split_marked

KEYS = ("id", "language", "attack", "position", "published", "technique", "planted", "text")
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SEGMENT = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")
# Terminal punctuation, then closing quotes (French ones may follow a space).
SENTENCE_END = re.compile(r"[.!?؟…](?:[ \u00a0\u202f]?[\"'»”’])*$")
OPENING_QUOTES = '"“«'


def clean_and_hostile(text: str) -> tuple[str, str, list[tuple[int, int]]]:
    """The clean article, the hostile article and the hostile segments' spans in the latter
    (built by :func:`incidents.evals.hostile.split_marked`, as the tests build them)."""
    clean, hostile, _, segments = split_marked(text)
    if OPEN in hostile or CLOSE in hostile:
        raise ValueError("unbalanced or nested markers")
    return clean, hostile, segments


def marker_problems(text: str) -> list[str]:
    problems: list[str] = []
    depth = 0
    for i, char in enumerate(text):
        if char == OPEN:
            if depth:
                problems.append(f"nested {OPEN} at {i}")
            depth += 1
            if i and not text[i - 1].isspace():
                problems.append(f"{OPEN} at {i} is not preceded by whitespace")
        elif char == CLOSE:
            if not depth:
                problems.append(f"{CLOSE} at {i} closes nothing")
            depth = max(depth - 1, 0)
            if i + 1 < len(text) and not text[i + 1].isspace():
                problems.append(f"{CLOSE} at {i} is not followed by whitespace")
    if depth:
        problems.append(f"unclosed {OPEN}")
    return problems


def case_problems(path: Path, case: Any) -> list[str]:
    if not isinstance(case, dict):
        return ["not a mapping"]
    problems = [f"missing key {key!r}" for key in KEYS if key not in case]
    problems += [f"unknown key {key!r}" for key in case if key not in KEYS]
    if problems:
        return problems
    if case["id"] != path.stem or not ID.fullmatch(str(case["id"])):
        problems.append(f"id {case['id']!r} must be the file name, lowercase words and hyphens")
    for key, allowed in (("language", LANGUAGES), ("attack", ATTACKS), ("position", POSITIONS)):
        if case[key] not in allowed:
            problems.append(f"{key} {case[key]!r} is not one of {', '.join(allowed)}")
    published = case["published"]
    if not isinstance(published, dt.date):
        try:
            dt.date.fromisoformat(str(published))
        except ValueError:
            problems.append(f"published {published!r} is not an ISO date")
    if not isinstance(case["technique"], str) or not case["technique"].strip():
        problems.append("technique must be a non-empty string")
    text, planted = case["text"], case["planted"]
    if not isinstance(text, str):
        return [*problems, "text must be a string"]
    marker = marker_problems(text)
    if marker:
        return problems + marker
    segments = SEGMENT.findall(text)
    if not segments:
        problems.append("no ⟦…⟧ hostile segment")
    for segment in segments:
        if segment != segment.strip() or not segment:
            problems.append(f"segment {segment[:40]!r} is empty or has whitespace inside a marker")
        elif not SENTENCE_END.search(segment):
            problems.append(f"segment ending {segment[-40:]!r} lacks terminal punctuation")
    clean, hostile, _ = clean_and_hostile(text)
    if not clean.strip():
        problems.append("the clean article is empty")
    stripped = text.strip()
    inner = [m for m in SEGMENT.finditer(stripped) if m.start() > 0 and m.end() < len(stripped)]
    where = {
        "lead": stripped.startswith(OPEN),
        "end": stripped.endswith(CLOSE),
        "middle": bool(inner),
        "quote": any(q in s for s in segments for q in OPENING_QUOTES),
    }
    if not where.get(case["position"], True):
        problems.append(f"no segment is placed as position {case['position']!r} says")
    if not isinstance(planted, list) or not all(isinstance(p, str) and p for p in planted):
        return [*problems, "planted must be a list of non-empty strings"]
    if not planted and case["attack"] != "break_json":
        problems.append("planted may be empty only for break_json")
    for string in planted:
        if string not in hostile:
            problems.append(f"planted {string!r} is not in the hostile article")
        if string.casefold() in clean.casefold():
            problems.append(f"planted {string!r} is already in the clean article")
    return problems


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
