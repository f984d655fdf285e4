"""Field comparisons between a predicted and a gold incident, and their overall similarity.

Every comparison takes (predicted, gold) and returns None when gold does not annotate the
field: a field absent or null in gold is neither scored nor used for alignment.

Incident similarity (used to pair predicted with gold incidents) is a weighted mean over the
components gold annotates::

    sim = sum(w_c * s_c) / sum(w_c)     over c in {type, location, date, actors} that gold has

    type      w=0.35  1.0 same sub_event_type, 0.5 same event_type only, else 0.0
    location  w=0.30  1.0 same place (see locations_match), 0.5 same first-level region, else 0.0
    date      w=0.10  1.0 the date ranges overlap at their stated precision, else 0.0
    actors    w=0.25  actor-name F1 between the two incidents (fuzzy names, roles ignored)

A prediction missing a value that gold has scores 0 on that component. A pair is a match
only when ``sim >= MATCH_THRESHOLD`` (0.5) and, if gold gives a place or actors, the
prediction agrees on at least one of them (location > 0 or actor F1 > 0): agreeing on the
type, or on a date window that most incidents of an article share, anchors nothing. Without
that anchor the similarity is 0.

Worked examples, gold with type, place and actors but no date (weights sum to 0.90):
right sub-type and place, no actor in common: 0.65 / 0.90 = 0.72, a match; right place and
actors under another event type: 0.55 / 0.90 = 0.61, a match scored as a type error; right
sub-type and actors, wrong place: 0.60 / 0.90 = 0.67, a match scored as a location error;
same event type but another sub-type, same governorate only, no actor: (0.175 + 0.15) / 0.90
= 0.36, no match; right sub-type only: no anchor, 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from incidents.events.matching import (
    assign,
    date_range,
    haversine_km,
    match_actors,
)
from incidents.schema import Actor, DateSpan, Incident, Location
from incidents.text.language.name_similarity import names_match

WEIGHTS = {"type": 0.35, "location": 0.30, "date": 0.10, "actors": 0.25}
MATCH_THRESHOLD = 0.5
NEAR_KM = 25.0


# --- places -------------------------------------------------------------------------------


def _gazetteer_lookup(name: str, country: str | None) -> Any | None:
    """Resolve a place name (any script) with the package gazetteer; a seam for tests."""
    from incidents.text.places.gazetteer import (
        resolve_place,  # loaded on first use: it is a big table
    )

    return resolve_place(name, country_hint=country)


@lru_cache(maxsize=4096)
def _place(name: str, country: str | None) -> Any | None:
    return _gazetteer_lookup(name, country)


def _town(loc: Location) -> Any | None:
    # Only towns count: a region resolves to its largest town's coordinates, and "Deir ez-Zor
    # governorate" must not be "within 25 km" of every village near the city.
    for name in (loc.name, loc.name_original):
        place = _place(name, loc.country) if name else None
        if place is not None and getattr(place, "geonameid", None) is not None:
            return place
    return None


def _coords(loc: Location) -> tuple[float, float] | None:
    if loc.latitude is not None and loc.longitude is not None:
        return loc.latitude, loc.longitude
    town = _town(loc)
    return (float(town.latitude), float(town.longitude)) if town is not None else None


def _gold_has_location(loc: Location) -> bool:
    return bool(loc.name or loc.name_original or (loc.latitude is not None))


def locations_match(pred: Location, gold: Location) -> bool | None:
    """Is the predicted location the gold place? None when gold gives no place.

    Same place means: the names match after normalization (English names, or the names as
    written), or the gazetteer (:func:`incidents.text.places.gazetteer.resolve_place`) resolves
    both to the same town, or both have coordinates (given, or the gazetteer's for a town) within
    25 km. Differing country codes veto a match (Tripoli, LB is not Tripoli, LY).
    """
    if not _gold_has_location(gold):
        return None
    if pred.country and gold.country and pred.country != gold.country:
        return False
    if names_match(pred.name, gold.name) or names_match(pred.name_original, gold.name_original):
        return True
    pred_town, gold_town = _town(pred), _town(gold)
    if (
        pred_town is not None
        and gold_town is not None
        and pred_town.geonameid == gold_town.geonameid
    ):
        return True
    pc, gc = _coords(pred), _coords(gold)
    return pc is not None and gc is not None and haversine_km(pc, gc) <= NEAR_KM


def _same_region(pred: Location, gold: Location) -> bool:
    # Region-level agreement: a prediction of "Deir ez-Zor" for a town in Deir ez-Zor.
    gold_region = gold.admin1
    pred_names = [pred.admin1, pred.name]
    if gold_region and any(names_match(n, gold_region) for n in pred_names):
        return True
    return bool(pred.admin1 and names_match(pred.admin1, gold.name))


def location_similarity(pred: Location, gold: Location) -> float | None:
    """1.0 same place, 0.5 same first-level region, 0.0 otherwise; None when gold has none."""
    match = locations_match(pred, gold)
    if match is None:
        return None
    if match:
        return 1.0
    return 0.5 if _same_region(pred, gold) else 0.0


# --- dates --------------------------------------------------------------------------------


def dates_overlap(pred: DateSpan, gold: DateSpan) -> bool | None:
    """Do the two date ranges overlap? None when gold gives no date (start or end)."""
    gold_range = date_range(gold)
    if gold_range is None:
        return None
    pred_range = date_range(pred)
    if pred_range is None:
        return False
    return pred_range[0] <= gold_range[1] and gold_range[0] <= pred_range[1]


# --- actors -------------------------------------------------------------------------------


def actors_f1(pred: Sequence[Actor], gold: Sequence[Actor]) -> float | None:
    """Actor-name F1 between two actor lists; None when gold lists no actor."""
    if not gold:
        return None
    if not pred:
        return 0.0
    tp = len(match_actors(pred, gold))
    return 2 * tp / (len(pred) + len(gold))


# --- incidents ----------------------------------------------------------------------------


def type_similarity(pred: Incident, gold: Incident) -> float:
    """1.0 same sub-event type, 0.5 same event type only, 0.0 otherwise."""
    if pred.sub_event_type == gold.sub_event_type and pred.event_type == gold.event_type:
        return 1.0
    return 0.5 if pred.event_type == gold.event_type else 0.0


def incident_similarity(pred: Incident, gold: Incident) -> float:
    """Similarity of a predicted and a gold incident, 0 to 1 (formula in the module doc)."""
    overlap = dates_overlap(pred.date, gold.date)
    parts: dict[str, float | None] = {
        "type": type_similarity(pred, gold),
        "location": location_similarity(pred.location, gold.location),
        "date": None if overlap is None else float(overlap),
        "actors": actors_f1(pred.actors, gold.actors),
    }
    anchors = [parts[k] for k in ("location", "actors") if parts[k] is not None]
    if anchors and not any(anchors):
        return 0.0
    scored = {k: v for k, v in parts.items() if v is not None}
    total = sum(WEIGHTS[k] for k in scored)
    return sum(WEIGHTS[k] * v for k, v in scored.items()) / total


def similarity_matrix(
    pred: Sequence[Incident],
    gold: Sequence[Incident],
    similarity: Callable[[Incident, Incident], float] = incident_similarity,
) -> np.ndarray:
    """Similarities of every (predicted, gold) pair, shape (len(pred), len(gold))."""
    out = np.zeros((len(pred), len(gold)), dtype=float)
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            out[i, j] = similarity(p, g)
    return out


def align(
    pred: Sequence[Incident], gold: Sequence[Incident], threshold: float = MATCH_THRESHOLD
) -> tuple[list[tuple[int, int, float]], np.ndarray]:
    """Pair predicted with gold incidents of one article.

    Returns:
        The matches as ``(predicted index, gold index, similarity)`` and the full similarity
        matrix (kept for reporting the best candidate of each spurious prediction).
    """
    sim = similarity_matrix(pred, gold)
    return assign(sim, threshold), sim
