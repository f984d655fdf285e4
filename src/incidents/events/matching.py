"""How alike two incidents' parts are, for grouping incidents into events: the pairing of
two lists by maximum-weight assignment, distances, the days a date span covers, actor names.

The scorer (:mod:`incidents.evals.similarity`) compares predictions with gold with these same
functions; they live in the product because the events of :mod:`incidents.events` need them
and the product does not import the evaluation harness.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy.optimize import linear_sum_assignment

from incidents.schema import Actor, DateSpan
from incidents.text.actors.names import canonical_actor
from incidents.text.language.name_similarity import NAME_MATCH, name_similarity


def assign(sim: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """Pair rows with columns by maximum-weight assignment, keeping pairs at or above threshold.

    Pairs below the threshold are zeroed before solving, so the solver never trades a real
    match for a sub-threshold one (a greedy "best pair first" would: it can lock the best row
    into a column that a second row needed, leaving that row unmatched).

    Args:
        sim: Similarities, shape (rows, columns), values in [0, 1].
        threshold: The smallest similarity that counts as a match.

    Returns:
        ``(row, column, similarity)`` triples, sorted by row.
    """
    if sim.size == 0:
        return []
    weights = np.where(sim >= threshold, sim, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    pairs = zip(rows, cols, strict=True)
    return sorted((int(r), int(c), float(sim[r, c])) for r, c in pairs if sim[r, c] >= threshold)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def _widen(day: dt.date, precision: str, *, end: bool) -> dt.date:
    if precision == "week":  # the ISO week (Monday to Sunday) holding the day
        monday = day - dt.timedelta(days=day.weekday())
        return monday + dt.timedelta(days=6) if end else monday
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=last if end else 1)
    if precision == "year":
        return dt.date(day.year, 12, 31) if end else dt.date(day.year, 1, 1)
    return day  # day, or unknown with a date given: taken as stated


def date_range(span: DateSpan) -> tuple[dt.date, dt.date] | None:
    """The interval a date span covers at its stated precision, or None without dates.

    A missing end is the start (and vice versa); "week" widens to the ISO week, "month" to
    the calendar month, "year" to the calendar year.
    """
    start, end = span.start or span.end, span.end or span.start
    if start is None or end is None:
        return None
    precision = str(span.precision)
    return _widen(start, precision, end=False), _widen(end, precision, end=True)


def actor_similarity(pred: Actor, gold: Actor) -> float:
    """Name similarity of two actors: English names, or names as written, whichever is higher;
    1.0 when both names are aliases of one named actor of the alias table ("Sudanese Armed
    Forces" and "Military Forces of Sudan" are one actor, spelled two ways)."""
    table_entry = _named_table_entry(pred.name)
    if table_entry is not None and table_entry == _named_table_entry(gold.name):
        return 1.0
    return max(
        name_similarity(pred.name, gold.name),
        name_similarity(pred.name_original, gold.name_original),
    )


@lru_cache(maxsize=4096)
def _named_table_entry(name: str | None) -> str | None:
    """The alias table's actor for a name, unless it is a generic one ("Civilians", "the
    army"): those name no one until a country is added, and the names compare that."""
    actor = canonical_actor(name) if name else None
    return actor.name if actor is not None and actor.by_country is None else None


def match_actors(pred: Sequence[Actor], gold: Sequence[Actor]) -> list[tuple[int, int, float]]:
    """Pair predicted with gold actors by name (maximum-weight assignment, NAME_MATCH)."""
    if not pred or not gold:
        return []
    sim = np.array([[actor_similarity(p, g) for g in gold] for p in pred], dtype=float)
    return assign(sim, NAME_MATCH)
