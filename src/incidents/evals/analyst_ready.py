"""Analyst-ready records: matched incidents an analyst would keep without fixing anything.

Incident F1 counts a record as found when its type and place or one actor agree, so it cannot
see a record whose roles are reversed or whose place is the governorate. A matched record is
*analyst-ready* when, for every field its gold states:

* ``type``: the sub-event type is the gold's (and so the event type);
* ``place``: the place matches (:func:`~incidents.evals.similarity.locations_match`);
* ``counts``: every count gold states (fatalities, injured, detained) is the same number;
* ``actors``: every gold perpetrator and target has a predicted actor of the same class in the
  same role, and every predicted perpetrator and target is such an actor of the gold. Names
  are compared by class: two names that the alias table resolves to one actor for the
  incident's country ("Iraqi Army" and "Military Forces of Iraq"; "gunmen" and
  "Unidentified Armed Group (Iraq)") are one actor, as are names the scorer's name match
  pairs.

Shares are reported of gold incidents (the number to move) and of predicted records, with a
95% bootstrap interval over articles and the breakdown of matched records by what is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from incidents.evals.similarity import locations_match
from incidents.events.matching import actor_similarity
from incidents.schema import COUNT_FIELDS, Actor, Incident
from incidents.text.actors.names import canonical_actor
from incidents.text.language.name_similarity import NAME_MATCH

ASPECTS = ("type", "place", "counts", "actors")
"""What a matched record can be wrong on, in report order."""

SIDES = ("perpetrator", "target")


def actor_class(actor: Actor, country: str | None) -> str:
    """The actor the alias table names for ``actor`` in ``country``, else its name (folded)."""
    canonical = canonical_actor(actor.name) if actor.name else None
    if canonical is None and actor.name_original:
        canonical = canonical_actor(actor.name_original)
    name = canonical.named_for(country) if canonical is not None else (actor.name or "")
    return name.casefold().strip()


def same_actor(pred: Actor, gold: Actor, country: str | None) -> bool:
    """True when two actors are one actor by class or by the scorer's name match."""
    if actor_class(pred, country) == actor_class(gold, country):
        return True
    return actor_similarity(pred, gold) >= NAME_MATCH


def _sides_right(pred: Sequence[Actor], gold: Sequence[Actor], country: str | None) -> bool:
    gold_sides = [a for a in gold if a.role in SIDES]
    pred_sides = [a for a in pred if a.role in SIDES]
    for g in gold_sides:
        if not any(p.role == g.role and same_actor(p, g, country) for p in pred_sides):
            return False
    for p in pred_sides:
        if not any(g.role == p.role and same_actor(p, g, country) for g in gold_sides):
            return False
    return True


def wrong_aspects(pred: Incident, gold: Incident) -> list[str]:
    """What an analyst would have to fix in a matched record (empty: analyst-ready)."""
    wrong: list[str] = []
    if pred.sub_event_type != gold.sub_event_type or pred.event_type != gold.event_type:
        wrong.append("type")
    if locations_match(pred.location, gold.location) is False:
        wrong.append("place")
    if any(
        getattr(gold, name) is not None and getattr(pred, name) != getattr(gold, name)
        for name in COUNT_FIELDS
    ):
        wrong.append("counts")
    country = gold.location.country or pred.location.country
    if gold.actors and not _sides_right(pred.actors, gold.actors, country):
        wrong.append("actors")
    return wrong


def _counts(article: Any) -> tuple[int, int, int]:
    ready = sum(1 for m in article.matches if m.get("not_ready") == [])
    return ready, article.gold, article.predicted


def ready_interval(
    articles: Sequence[Any], *, resamples: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """95% bootstrap interval (over articles, fixed seed) of the ready share of gold."""
    counts = np.array([_counts(a) for a in articles], dtype=float)
    if counts.shape[0] == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    sums = counts[rng.integers(0, counts.shape[0], size=(resamples, counts.shape[0]))].sum(axis=1)
    low, high = np.percentile(_shares(sums), [2.5, 97.5])
    return float(low), float(high)


def _shares(sums: np.ndarray) -> np.ndarray:
    """Ready over gold for each row of summed (ready, gold, predicted); 1.0 with no gold."""
    return np.where(sums[:, 1] > 0, sums[:, 0] / np.maximum(sums[:, 1], 1), 1.0)


def paired_ready_interval(
    base: Sequence[Any], new: Sequence[Any], *, resamples: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """95% paired-bootstrap interval of the difference in ready share of gold (new − base)."""
    b = np.array([_counts(a) for a in base], dtype=float)
    w = np.array([_counts(a) for a in new], dtype=float)
    if b.shape[0] == 0:
        raise ValueError("no articles to resample")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, b.shape[0], size=(resamples, b.shape[0]))
    diffs = _shares(w[idx].sum(axis=1)) - _shares(b[idx].sum(axis=1))
    low, high = np.percentile(diffs, [2.5, 97.5])
    return float(low), float(high)


def ready_summary(articles: Sequence[Any]) -> dict[str, Any]:
    """The analyst-ready figures of scored articles (JSON-ready).

    Keys: ``ready`` (records), ``gold``, ``predicted``, ``matched``, ``of_gold``,
    ``of_predicted``, ``of_gold_ci95``, and ``wrong`` — matched records wrong on each aspect
    (a record can be wrong on several).
    """
    ready = gold = predicted = matched = 0
    wrong = dict.fromkeys(ASPECTS, 0)
    for article in articles:
        r, g, p = _counts(article)
        ready, gold, predicted = ready + r, gold + g, predicted + p
        for match in article.matches:
            matched += 1
            for aspect in match.get("not_ready") or []:
                wrong[aspect] = wrong.get(aspect, 0) + 1
    return {
        "ready": ready,
        "gold": gold,
        "predicted": predicted,
        "matched": matched,
        "of_gold": ready / gold if gold else None,
        "of_predicted": ready / predicted if predicted else None,
        "of_gold_ci95": list(ready_interval(articles)),
        "wrong": wrong,
    }
