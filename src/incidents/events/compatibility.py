"""When can two reported incidents be one event? The rules, one function each.

Two incidents from different articles may report one event when all four agree:

* **type**: the same sub-event type, or two sub-types of one :data:`CONFUSABLE` family, the
  disagreements real reports of one event have: the weapon of a strike («مسيّرة» in one,
  "artillery shells" in another), whether the police intervened in a protest, whether a
  battle ended with a side taking the place. Nothing across event types: a protest and a
  bombing in one town on one day are two events.
* **date**: the date ranges (widened to their stated precision, as the eval harness does)
  are at most ``days`` apart (default 1: "yesterday" read from papers published either side
  of midnight, a night attack dated to either day). An incident without a date is allowed
  only when the rest is strong: the same sub-type exactly, an actor named in both, and the
  other's date within :data:`RECENT_DAYS` before the undated article was published.
* **place**: the same country, and the same place by name (English names, or the names as
  written) or the two points within ``km`` of each other (default 10: a report "near
  Tebnine" and one "in Bint Jbeil", 9 km apart). Points are the result's coordinates, else
  the gazetteer's town for the name; a region («محافظة النبطية», ``geo_precision`` 3) is no
  point. An incident with no place at all joins no event.
* **actors**: no veto unless both reports name a perpetrator, every such perpetrator is
  identified, and no actor name is common to the two reports. Reports disagree on victims
  («مواطنان» or "a Hezbollah member") far more than on who struck, and "an unidentified
  drone" in one report and "the coalition" in another can be one strike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from incidents.events.matching import date_range, haversine_km, match_actors
from incidents.schema import Actor, Incident, Location
from incidents.text.language.name_similarity import names_match

CONFUSABLE: tuple[frozenset[str], ...] = (
    frozenset({"air_drone_strike", "shelling_artillery_missile_attack"}),
    frozenset({"suicide_bomb", "remote_explosive_landmine_ied"}),
    frozenset(
        {"peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters"}
    ),
    frozenset(
        {"armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory"}
    ),
)
"""Sub-event types that reports of one event give differently (each family is inside one
event type, so the event type never changes)."""

RECENT_DAYS = 7
"""How long before its publication an article's undated incident may have happened."""

_UNIDENTIFIED = ("unidentified", "unknown")


@dataclass(frozen=True)
class Rules:
    """The thresholds of the grouping (``incidents events --days/--km``).

    Attributes:
        days: Largest gap in days between two date ranges of one event.
        km: Largest distance between two places of one event.
        families: Sub-event types that may be one event; ``()`` asks for the same sub-type.
        actors: Whether two different named perpetrators keep reports apart (False: the
            actors are not compared at all).
    """

    days: int = 1
    km: float = 10.0
    families: tuple[frozenset[str], ...] = CONFUSABLE
    actors: bool = True


def sub_type(incident: Incident) -> str:
    """The incident's sub-event type as a plain string (the schema stores enum values; a
    model built by hand may hold the enum)."""
    value = incident.sub_event_type
    return str(getattr(value, "value", value))


def type_family(sub_event_type: str, families: Sequence[frozenset[str]] = CONFUSABLE) -> str:
    """The key shared by sub-types that may be one event: the family's sorted first member,
    or the sub-type itself."""
    for family in families:
        if sub_event_type in family:
            return min(family)
    return sub_event_type


def types_compatible(
    a: Incident, b: Incident, families: Sequence[frozenset[str]] = CONFUSABLE
) -> bool:
    """Same sub-event type, or two of one family (:data:`CONFUSABLE` by default)."""
    return type_family(sub_type(a), families) == type_family(sub_type(b), families)


# --- dates --------------------------------------------------------------------------------


def day_gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    """Days between two ranges; 0 when they overlap."""
    if a[0] <= b[1] and b[0] <= a[1]:
        return 0
    return (b[0] - a[1]).days if a[1] < b[0] else (a[0] - b[1]).days


def undated_window(published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """Where an undated incident may lie: the :data:`RECENT_DAYS` up to its article's date."""
    if published is None:
        return None
    return published - dt.timedelta(days=RECENT_DAYS), published


# --- places -------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _town_point(name: str, country: str | None) -> tuple[float, float] | None:
    from incidents.text.places.gazetteer import resolve_place  # a big table, loaded on first use

    place = resolve_place(name, country_hint=country)
    if place is None or place.geonameid is None:  # a region or a country is not a point
        return None
    return float(place.latitude), float(place.longitude)


def place_point(location: Location) -> tuple[float, float] | None:
    """The point of a location: its coordinates, else the gazetteer's town for its name.

    A region (``geo_precision`` 3) has none: its coordinates are its largest town's, and two
    reports "in Deir ez-Zor governorate" are not "within 10 km" of each other for that.
    """
    if location.geo_precision == 3:
        return None
    if location.latitude is not None and location.longitude is not None:
        return location.latitude, location.longitude
    for name in (location.name, location.name_original):
        point = _town_point(name, location.country) if name else None
        if point is not None:
            return point
    return None


def place_distance(a: Location, b: Location) -> float | None:
    """Kilometres between two places: 0 for the same name, ``inf`` for two countries, None
    when either cannot be placed."""
    if a.country and b.country and a.country != b.country:
        return float("inf")
    if names_match(a.name, b.name) or names_match(a.name_original, b.name_original):
        return 0.0
    pa, pb = place_point(a), place_point(b)
    if pa is None or pb is None:
        return None
    return haversine_km(pa, pb)


# --- actors -------------------------------------------------------------------------------


def _identified(actor: Actor) -> bool:
    return not actor.name.strip().lower().startswith(_UNIDENTIFIED)


def share_actor(a: Sequence[Actor], b: Sequence[Actor]) -> bool:
    """Is one actor named in both lists (alias-aware fuzzy names, roles ignored)?"""
    return bool(a and b and match_actors(a, b))


def actors_compatible(a: Incident, b: Incident) -> bool:
    """False only when both name identified perpetrators and no actor is common to both."""
    if share_actor(a.actors, b.actors):
        return True
    perpetrators = [[x for x in incident.actors if x.role == "perpetrator"] for incident in (a, b)]
    named = [bool(p) and all(_identified(x) for x in p) for p in perpetrators]
    return not all(named)


# --- all four -----------------------------------------------------------------------------


def apart_because(
    a: Incident,
    b: Incident,
    rules: Rules,
    published: tuple[dt.date | None, dt.date | None] = (None, None),
) -> str | None:
    """Why two incidents cannot be one event, or None when they can.

    Args:
        a: One incident.
        b: An incident from another article.
        rules: The date and distance thresholds.
        published: The two articles' publication dates (for an undated incident).

    Returns:
        ``"type"``, ``"date"``, ``"place"`` or ``"actors"`` (the first rule that fails), or
        None.
    """
    if not types_compatible(a, b, rules.families):
        return "type"
    ranges = (date_range(a.date), date_range(b.date))
    if ranges[0] is not None and ranges[1] is not None:
        if day_gap(ranges[0], ranges[1]) > rules.days:
            return "date"
    else:
        # Undated: only the strongest matches, and within the days before publication.
        if sub_type(a) != sub_type(b) or not share_actor(a.actors, b.actors):
            return "date"
        windows = [r or undated_window(p) for r, p in zip(ranges, published, strict=True)]
        if windows[0] and windows[1] and day_gap(windows[0], windows[1]) > rules.days:
            return "date"
    distance = place_distance(a.location, b.location)
    if distance is None or distance > rules.km:
        return "place"
    if rules.actors and not actors_compatible(a, b):
        return "actors"
    return None


def closeness(a: Incident, b: Incident) -> tuple[int, int, float, int]:
    """Sort key of a compatible pair, closest first: date gap, sub-type disagreement,
    distance, then more shared actors. Merging closest pairs first is what sends a report
    of Sunday's sniper attack to Sunday's incident, not to Monday's in the same article."""
    ranges = (date_range(a.date), date_range(b.date))
    gap = day_gap(ranges[0], ranges[1]) if ranges[0] and ranges[1] else RECENT_DAYS + 1
    distance = place_distance(a.location, b.location)
    shared = len(match_actors(a.actors, b.actors)) if a.actors and b.actors else 0
    return (
        gap,
        int(sub_type(a) != sub_type(b)),
        round(distance if distance is not None else float("inf"), 1),
        -shared,
    )
