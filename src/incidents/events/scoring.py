"""Score a grouping against gold event groups: pairwise and B-cubed precision and recall.

Items are incidents addressed as ``(article id, incident index)``. Two scores:

* **pairwise** (the headline): every pair of incidents put in one event is a claim; a claim
  is right when gold puts the pair in one event. Precision is right claims over claims,
  recall is gold pairs found over gold pairs. Singletons make no pair: a distractor left
  alone earns nothing, a distractor merged costs precision.
* **B-cubed**: per gold incident, the share of its predicted event that is in its gold event
  (precision) and the share of its gold event that is in its predicted event (recall),
  averaged over gold incidents; singletons count, so it rewards leaving distractors alone.

End to end (groups of *predicted* incidents), predicted incidents are first mapped to gold
incidents with the eval harness's own per-article alignment
(:func:`incidents.evals.similarity.align`); a predicted incident with no gold match is a
spurious item (every pair it is in is a wrong claim), and a gold incident with no match
leaves its gold pairs unfound.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from incidents.evals.gold import GoldDocument
from incidents.evals.scoring import micro_prf
from incidents.evals.similarity import align
from incidents.events.grouping import Mention
from incidents.schema import ExtractionResult

Key = tuple[str, int]


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 with the counts behind them (pairs, or items for B-cubed)."""

    precision: float
    recall: float
    f1: float
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, rates rounded to 4 places."""
        out = asdict(self)
        for name in ("precision", "recall", "f1"):
            out[name] = round(out[name], 4)
        return out


def pairs_of(groups: Iterable[Iterable[Hashable]]) -> set[frozenset[Hashable]]:
    """The unordered pairs of items that share a group."""
    out: set[frozenset[Hashable]] = set()
    for members in groups:
        items = list(dict.fromkeys(members))
        out |= {frozenset((a, b)) for k, a in enumerate(items) for b in items[k + 1 :]}
    return out


def pairwise(predicted: Iterable[Iterable[Hashable]], gold: Iterable[Iterable[Hashable]]) -> Scores:
    """Pairwise precision/recall/F1 of ``predicted`` groups against ``gold`` groups."""
    claimed, true = pairs_of(predicted), pairs_of(gold)
    tp = len(claimed & true)
    fp, fn = len(claimed) - tp, len(true) - tp
    return Scores(*micro_prf(tp, fp, fn), tp=tp, fp=fp, fn=fn)


def bcubed(predicted: Iterable[Iterable[Hashable]], gold: Iterable[Iterable[Hashable]]) -> Scores:
    """B-cubed precision/recall/F1, averaged over the items of ``gold``.

    A gold item that is in no predicted group counts as a predicted singleton; predicted items
    that are not in gold (spurious incidents) weigh only through the gold items they share a
    group with, so a spurious singleton neither helps nor hurts.
    """
    pred_of = {item: frozenset(g) for g in map(list, predicted) for item in g}
    gold_of = {item: frozenset(g) for g in map(list, gold) for item in g}
    if not gold_of:
        return Scores(1.0, 1.0, 1.0)
    precision = recall = 0.0
    for item, g in gold_of.items():
        p = pred_of.get(item, frozenset({item}))
        precision += len(p & g) / len(p)
        recall += len(p & g) / len(g)
    precision, recall = precision / len(gold_of), recall / len(gold_of)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, tp=len(gold_of))


def load_groups(path: Path) -> list[list[Key]]:
    """Read a gold groups file: a JSON list of groups of ``{"article", "incident"}``.

    Raises:
        ValueError: the file is not that shape, or an incident is in two groups.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of groups")
    groups: list[list[Key]] = []
    seen: set[Key] = set()
    for n, raw in enumerate(data):
        if not isinstance(raw, list) or not raw:
            raise ValueError(f"{path}: group {n} must be a non-empty list")
        members: list[Key] = []
        for entry in raw:
            if not (isinstance(entry, dict) and set(entry) == {"article", "incident"}):
                raise ValueError(f"{path}: group {n}: expected {{'article', 'incident'}}")
            key = (str(entry["article"]), int(entry["incident"]))
            if key in seen:
                raise ValueError(f"{path}: {key[0]} incident {key[1]} is in two groups")
            seen.add(key)
            members.append(key)
        groups.append(members)
    return groups


def check_groups(groups: Sequence[Sequence[Key]], docs: Sequence[GoldDocument]) -> list[str]:
    """Problems between gold groups and gold files: unknown articles or incidents, gold
    incidents in no group, and groups holding two incidents of one article."""
    counts = {doc.id: len(doc.incidents) for doc in docs}
    grouped = {key for members in groups for key in members}
    problems = [f"{a} incident {i}: no such gold incident" for a, i in grouped
                if i >= counts.get(a, 0)]  # fmt: skip
    problems += [f"{a} incident {i}: in no group" for a, n in counts.items() for i in range(n)
                 if (a, i) not in grouped]  # fmt: skip
    for members in groups:
        articles = [a for a, _ in members]
        if len(set(articles)) < len(articles):
            problems.append(f"a group holds two incidents of one article: {members}")
    return sorted(problems)


def gold_mentions(docs: Iterable[GoldDocument]) -> list[Mention]:
    """The gold incidents as mentions (to group gold, free of extraction errors)."""
    return [
        Mention(doc.id, i, incident, doc.published)
        for doc in docs
        for i, incident in enumerate(doc.incidents)
    ]


def map_to_gold(
    results: Mapping[str, ExtractionResult], docs: Iterable[GoldDocument]
) -> dict[Key, Key]:
    """Predicted incident → the gold incident the eval harness matches it with, per article.

    Predicted incidents that match no gold incident are left out.
    """
    out: dict[Key, Key] = {}
    for doc in docs:
        result = results.get(doc.id)
        if result is None:
            continue
        pairs, _ = align(list(result.incidents), list(doc.incidents))
        out.update({(doc.id, i): (doc.id, j) for i, j, _ in pairs})
    return out


def as_gold_items(
    groups: Iterable[Iterable[Key]], mapping: Mapping[Key, Key]
) -> list[list[Hashable]]:
    """Predicted groups with each incident replaced by its gold incident, or by
    ``("spurious", article, index)`` when it has none (so it can never make a right pair)."""
    return [[mapping.get(key, ("spurious", *key)) for key in members] for members in groups]


@dataclass(frozen=True)
class GroupingScores:
    """How a grouping of one set of incidents compares with the gold groups.

    Attributes:
        pairwise: Pairwise precision/recall/F1 (the headline).
        bcubed: B-cubed precision/recall/F1.
        events: Events found (singletons included).
        multi: Events found with more than one incident.
        incidents: Incidents grouped.
        reachable: Gold pairs whose two incidents were both found (end to end; every gold
            pair when gold itself is grouped): recall cannot pass ``reachable / gold pairs``.
    """

    pairwise: Scores
    bcubed: Scores
    events: int
    multi: int
    incidents: int
    reachable: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        out = asdict(self)
        out["pairwise"], out["bcubed"] = self.pairwise.to_dict(), self.bcubed.to_dict()
        return out


def score_grouping(
    groups: Sequence[Sequence[Key]],
    gold_groups: Sequence[Sequence[Key]],
    mapping: Mapping[Key, Key] | None = None,
) -> GroupingScores:
    """Score groups of incidents against gold groups.

    Args:
        groups: The grouping, as incident addresses.
        gold_groups: The gold grouping.
        mapping: Predicted address → gold address (:func:`map_to_gold`); None when ``groups``
            are of the gold incidents themselves.
    """
    items = as_gold_items(groups, mapping) if mapping is not None else [list(g) for g in groups]
    found = {item for members in items for item in members}
    reachable = sum(1 for pair in pairs_of(gold_groups) if pair <= found)
    return GroupingScores(
        pairwise=pairwise(items, gold_groups),
        bcubed=bcubed(items, gold_groups),
        events=len(groups),
        multi=sum(len(g) > 1 for g in groups),
        incidents=sum(len(g) for g in groups),
        reachable=reachable,
    )
