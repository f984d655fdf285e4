"""Group the incidents of many articles into events: one event, every article reporting it.

The grouping is complete-linkage agglomeration over the pairwise rules of
:mod:`incidents.events.compatibility`: compatible pairs are taken closest first
(:func:`~incidents.events.compatibility.closeness`), and two groups merge only when

* every incident of one is compatible with every incident of the other, and
* no article is in both: an article that reports two strikes in one town reports two
  events, however alike they are.

Connected components of the compatibility graph would chain (a strike on Monday, one
Tuesday, one Wednesday, each a day from the next, would become one event); complete linkage
cannot. Candidate pairs are only compared inside one block (country and sub-type family), so
a large results file is not compared all against all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from incidents.batch.results import ResultLine
from incidents.events.compatibility import (
    Rules,
    apart_because,
    closeness,
    sub_type,
    type_family,
)
from incidents.schema import ExtractionResult, Incident


@dataclass(frozen=True)
class Mention:
    """One incident as one article reports it.

    Attributes:
        document_id: The article's id.
        index: The incident's position in that article's ``incidents``.
        incident: The incident.
        published: The article's publication date, when known.
        url: Where the article came from, when known.
    """

    document_id: str
    index: int
    incident: Incident
    published: dt.date | None = None
    url: str | None = None

    @property
    def key(self) -> tuple[str, int]:
        """``(document_id, index)``: the incident's address in the results file."""
        return self.document_id, self.index


def mentions_of_result(result: ExtractionResult, url: str | None = None) -> list[Mention]:
    """The mentions of one article's result."""
    url = url or (result.source.url if result.source else None)
    return [
        Mention(result.document_id, i, incident, result.published, url)
        for i, incident in enumerate(result.incidents)
    ]


def mentions_of(lines: Iterable[ResultLine]) -> list[Mention]:
    """Every incident of the articles that were extracted (failed ones have none)."""
    out: list[Mention] = []
    for line in lines:
        if line.result is not None:
            out += mentions_of_result(line.result, line.url)
    return out


def _block(mention: Mention, rules: Rules) -> tuple[str, str]:
    # Incidents in two countries or of incompatible types never pair: compare within blocks.
    incident = mention.incident
    return incident.location.country or "", type_family(sub_type(incident), rules.families)


def compatible_pairs(
    mentions: Sequence[Mention], rules: Rules
) -> list[tuple[tuple[int, int, float, int], int, int]]:
    """The pairs of mentions from different articles that may be one event, closest first.

    Returns:
        ``(closeness, i, j)`` with ``i < j`` indexes into ``mentions``, sorted.
    """
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, mention in enumerate(mentions):
        blocks[_block(mention, rules)].append(n)
    candidates: list[tuple[int, int]] = []
    for (country, family), members in blocks.items():
        candidates += [(i, j) for k, i in enumerate(members) for j in members[k + 1 :]]
        if country:  # an incident without a country may be the same place by its name
            candidates += [(i, j) for i in members for j in blocks.get(("", family), [])]
    pairs = []
    for i, j in candidates:
        a, b = mentions[i], mentions[j]
        if a.document_id == b.document_id:
            continue
        if apart_because(a.incident, b.incident, rules, (a.published, b.published)) is None:
            pairs.append((closeness(a.incident, b.incident), min(i, j), max(i, j)))
    return sorted(pairs)


def group(mentions: Sequence[Mention], rules: Rules | None = None) -> list[list[int]]:
    """Group mentions into events (complete linkage, never two incidents of one article).

    Args:
        mentions: The incidents of every article.
        rules: Date and distance thresholds; the defaults of :class:`Rules` when None.

    Returns:
        Every mention in exactly one group (singletons included), as indexes into
        ``mentions``; groups ordered by their first member, members in input order.
    """
    rules = rules or Rules()
    groups: dict[int, list[int]] = {n: [n] for n in range(len(mentions))}
    group_of = list(range(len(mentions)))
    pairs = compatible_pairs(mentions, rules)
    allowed = {(i, j) for _, i, j in pairs}
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        left, right = groups[gi], groups[gj]
        if {mentions[n].document_id for n in left} & {mentions[n].document_id for n in right}:
            continue
        if not all((min(x, y), max(x, y)) in allowed for x in left for y in right):
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        groups[keep] = sorted(groups[keep] + groups.pop(gone))
        for n in groups[keep]:
            group_of[n] = keep
    return [groups[k] for k in sorted(groups)]
