"""Check that two ``incidents eval --json`` reports score the same, number for number.

    python evals/same_scores.py BEFORE.json AFTER.json

Everything is compared except what changes from run to run (times, dates, paths of stores and
the meta block). Prints the key figures side by side and exits 1 on any difference.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

VOLATILE = {"seconds", "meta", "created_at", "wall_seconds", "store", "provenance", "gold_dir"}
KEY_FIGURES = ("incident_precision", "incident_recall", "incident_f1", "grounding_rate")


def stable(value: Any) -> Any:
    """The report without its volatile keys, at any depth."""
    if isinstance(value, dict):
        return {k: stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [stable(v) for v in value]
    return value


def differences(a: Any, b: Any, where: str = "") -> list[str]:
    """Paths at which two stable reports differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in sorted(set(a) | set(b)):
            out += differences(a.get(key), b.get(key), f"{where}.{key}")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        pairs = enumerate(zip(a, b, strict=True))
        return [d for i, (x, y) in pairs for d in differences(x, y, f"{where}[{i}]")]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


def main(before_path: str, after_path: str) -> int:
    before = json.loads(Path(before_path).read_text(encoding="utf-8"))
    after = json.loads(Path(after_path).read_text(encoding="utf-8"))
    print(f"| figure | {before_path} | {after_path} |\n|---|---|---|")
    for key in KEY_FIGURES:
        print(f"| {key} | {before.get(key)} | {after.get(key)} |")
    for name in sorted(before.get("fields", {})):
        b, a = before["fields"][name].get("score"), after["fields"].get(name, {}).get("score")
        print(f"| fields.{name} | {b} | {a} |")
    found = differences(stable(before), stable(after))
    for line in found[:40]:
        print("DIFF", line)
    print(f"{len(found)} difference(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
