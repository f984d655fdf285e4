"""Which event types the extraction takes for which: the confusion matrix of ``incidents eval``.

The alignment (:func:`incidents.evals.similarity.align`) pairs predicted with gold incidents
across event types (the type is one weighted component of their similarity, anchored by the
place or the actors), so no separate pairing is needed: the matrix counts the alignment's
matched pairs, gold event type in rows, predicted event type in columns, plus

* a ``missed`` column: gold incidents of that type no prediction was matched to;
* a ``spurious`` row: predictions matched to no gold incident, by predicted type.

Per type, ``accuracy`` is the diagonal over the row total, missed included (a gold incident
the extraction missed counts against its type as much as one it mistyped); ``precision`` is the
diagonal over the column total, spurious included. ``None`` where the total is 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from incidents.evals.scoring import ArticleResult
from incidents.schema import EventType

EVENT_TYPES = tuple(t.value for t in EventType)
MISSED = "missed"
SPURIOUS = "spurious"
PAIRING = "the incident alignment's matched pairs (gold and predicted types may differ)"


def _empty() -> dict[str, dict[str, int]]:
    rows = {gold: dict.fromkeys((*EVENT_TYPES, MISSED), 0) for gold in EVENT_TYPES}
    return {**rows, SPURIOUS: dict.fromkeys(EVENT_TYPES, 0)}


@dataclass
class TypeConfusion:
    """Counts of (gold event type, predicted event type), missed and spurious incidents.

    Attributes:
        counts: ``counts[gold][predicted]``; ``counts[gold]["missed"]`` and
            ``counts["spurious"][predicted]`` for unmatched incidents. Every type has a row
            and a column, zeros included, so matrices of two runs line up.
    """

    counts: dict[str, dict[str, int]] = field(default_factory=_empty)

    @classmethod
    def of_articles(cls, articles: Iterable[ArticleResult]) -> TypeConfusion:
        """The matrix over scored articles.

        A match recorded without its two types (a report saved before they were kept) is left
        out, as are types outside ACLED's six.
        """
        confusion = cls()
        for article in articles:
            for match in article.matches:
                confusion.add(match.get("gold_event_type"), match.get("predicted_event_type"))
            for missed in article.missed:
                confusion.add(missed.get("event_type"), MISSED)
            for spurious in article.spurious:
                confusion.add(SPURIOUS, spurious.get("event_type"))
        return confusion

    def add(self, gold: str | None, predicted: str | None) -> None:
        """Count one incident in row ``gold``, column ``predicted`` (if both exist)."""
        row = self.counts.get(gold or "")
        if row is not None and predicted in row:
            row[predicted] += 1

    def row_total(self, gold: str) -> int:
        """Gold incidents of a type: matched to any type, or missed."""
        return sum(self.counts[gold].values())

    def column_total(self, predicted: str) -> int:
        """Predicted incidents of a type: matched to a gold incident of any type, or spurious."""
        return sum(row[predicted] for row in self.counts.values())

    def per_type(self) -> dict[str, dict[str, Any]]:
        """Per event type: gold and predicted totals, the diagonal, accuracy and precision."""
        out: dict[str, dict[str, Any]] = {}
        for name in EVENT_TYPES:
            correct, gold, predicted = (
                self.counts[name][name],
                self.row_total(name),
                self.column_total(name),
            )
            out[name] = {
                "gold": gold,
                "predicted": predicted,
                "correct": correct,
                "accuracy": correct / gold if gold else None,
                "precision": correct / predicted if predicted else None,
            }
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: how pairs were made, the type order, the matrix, the per-type scores."""
        return {
            "pairing": PAIRING,
            "types": list(EVENT_TYPES),
            "matrix": {row: dict(columns) for row, columns in self.counts.items()},
            "per_type": self.per_type(),
        }
