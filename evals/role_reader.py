"""How often the role reader is right, on its own: precision and coverage over gold sides.

    python evals/role_reader.py [--gold DIR ...]

For every gold incident that cites evidence, the reader (:mod:`incidents.text.actors.roles`) reads
the first evidence span; each actor it gives a side is compared, by class
(:func:`incidents.evals.analyst_ready.same_actor`), with the gold's perpetrators and targets.

* precision: of the sides the reader decides for actors the gold lists, the share in the gold's
  role;
* coverage: of the gold's perpetrators and targets, the share the reader decides rightly;
* unlisted: sides it decides for actors the gold does not list at all.

No model runs: this reads gold text only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from incidents.evals.analyst_ready import SIDES, same_actor
from incidents.evals.gold import load_gold
from incidents.schema import Actor
from incidents.text.actors.roles import read_roles

GOLD = Path(__file__).parent / "gold"


def measure(gold_dir: Path) -> dict[str, float | int | None]:
    """Precision, coverage and counts of the reader on one gold directory."""
    decided = right = unlisted = gold_sides = covered = incidents = 0
    for doc in load_gold(gold_dir):
        for incident in doc.incidents:
            if not incident.evidence:
                continue
            incidents += 1
            country = incident.location.country
            sides = [a for a in incident.actors if a.role in SIDES]
            gold_sides += len(sides)
            found = [
                Actor(name=m.actor.named_for(country), role=m.role)
                for m in read_roles(incident.evidence[0].text)
                if m.role in SIDES
            ]
            for actor in found:
                listed = [g for g in sides if same_actor(actor, g, country)]
                if not listed:
                    unlisted += 1
                    continue
                decided += 1
                right += any(g.role == actor.role for g in listed)
            covered += sum(
                any(same_actor(f, g, country) and f.role == g.role for f in found) for g in sides
            )
    return {
        "incidents": incidents,
        "gold_sides": gold_sides,
        "decided": decided,
        "precision": right / decided if decided else None,
        "coverage": covered / gold_sides if gold_sides else None,
        "unlisted": unlisted,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, nargs="+", default=[GOLD / "dev"])
    args = parser.parse_args()
    head = ("gold", "incidents with evidence", "gold sides", "decided", "precision", "coverage")
    print("| " + " | ".join((*head, "unlisted")) + " |")
    print("|---|---|---|---|---|---|---|")
    for gold_dir in args.gold:
        m = measure(gold_dir)
        p = "–" if m["precision"] is None else f"{m['precision']:.2f}"
        c = "–" if m["coverage"] is None else f"{m['coverage']:.2f}"
        print(
            f"| {gold_dir} | {m['incidents']} | {m['gold_sides']} | {m['decided']} | {p} | {c} "
            f"| {m['unlisted']} |"
        )


if __name__ == "__main__":
    main()
