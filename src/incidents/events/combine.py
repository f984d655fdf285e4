"""One event record from the incidents that report it, every source kept.

The combined fields, and the rule for each:

* **counts** (``fatalities``, ``injured``, ``detained``): the lowest figure any source
  reports, ACLED's conservative rule; a source that gives no figure does not count, so the
  field is null only when no source gives one. We do not judge which report is more
  reliable or later (ACLED's exception): every source's figures stay in ``sources``, and a
  field whose sources disagree is listed in ``disagreements``, so the analyst sees the
  spread (3, 4 and "at least 3" killed gives 3).
* **sub-event type**: the one most sources give; a tie goes to the earliest source (sources
  are ordered by publication date, then id). Sub-types of one event always share their event
  type (:data:`~incidents.events.compatibility.CONFUSABLE`).
* **date**: the sources with the finest precision, from the earliest start to the latest end
  among them ("Monday" and "Tuesday" give Monday to Tuesday, listed as a disagreement).
* **place**: the most precise (lowest ``geo_precision``, a located place before an unlocated
  one); a tie goes to the place most sources name, then to the earliest source.
* **actors**: every actor any source names, once (alias-aware names), with the role and kind
  of the first source that names it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from incidents.events.compatibility import Rules
from incidents.events.grouping import Mention, group
from incidents.events.matching import actor_similarity
from incidents.schema import COUNT_FIELDS, Actor, DateSpan, Evidence, Location
from incidents.text.language.name_similarity import NAME_MATCH, names_match

COUNT_RULE = "lowest figure reported by any source (ACLED's conservative rule)"
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


class EventSource(BaseModel):
    """One article's report of the event: where to find it and what it says."""

    model_config = ConfigDict(extra="forbid")

    document_id: str
    incident: int = Field(..., ge=0, description="Index into the article's incidents.")
    url: str | None = None
    published: dt.date | None = None
    reported_by: str | None = None
    summary: str
    sub_event_type: str
    date: DateSpan
    location: Location
    fatalities: int | None = None
    injured: int | None = None
    detained: int | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Event(BaseModel):
    """One event, as several articles (or one) report it (a line of ``incidents events``)."""

    model_config = ConfigDict(extra="forbid")

    event_id: str = Field(..., description="Stable id: a hash of the sources' addresses.")
    event_type: str
    sub_event_type: str
    summary: str = Field(..., description="The earliest source's summary.")
    date: DateSpan
    location: Location
    actors: list[Actor] = Field(default_factory=list)
    fatalities: int | None = None
    injured: int | None = None
    detained: int | None = None
    count_rule: str = COUNT_RULE
    articles: int = Field(..., ge=1, description="How many articles report it.")
    disagreements: list[str] = Field(
        default_factory=list, description="Fields whose sources disagree."
    )
    sources: list[EventSource]


def _value(field: object) -> str:
    # Schema models store enum values (use_enum_values); a hand-built one may hold the enum.
    return str(getattr(field, "value", field))


def _order(mention: Mention) -> tuple[bool, dt.date, str, int]:
    return (mention.published is None, mention.published or dt.date.max, *mention.key)


def event_id(mentions: Sequence[Mention]) -> str:
    """``ev-`` and 12 hex digits, the same for the same sources whatever their order."""
    keys = sorted(f"{doc}#{index}" for doc, index in (m.key for m in mentions))
    return "ev-" + hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:12]


def _source(mention: Mention) -> EventSource:
    incident = mention.incident
    return EventSource(
        document_id=mention.document_id,
        incident=mention.index,
        url=mention.url,
        published=mention.published,
        reported_by=incident.reported_by,
        summary=incident.summary,
        sub_event_type=incident.sub_event_type,
        date=incident.date,
        location=incident.location,
        fatalities=incident.fatalities,
        injured=incident.injured,
        detained=incident.detained,
        evidence=list(incident.evidence),
    )


def _date(dates: Sequence[DateSpan]) -> DateSpan:
    dated = [d for d in dates if d.start or d.end]
    if not dated:
        return next((d for d in dates if d.text), dates[0])
    finest = min(_PRECISION_RANK[_value(d.precision)] for d in dated)
    best = [d for d in dated if _PRECISION_RANK[_value(d.precision)] == finest]
    starts = [d.start or d.end for d in best]
    ends = [d.end or d.start for d in best]
    return DateSpan(
        start=min(s for s in starts if s),
        end=max(e for e in ends if e),
        precision=best[0].precision,
        text=best[0].text,
    )


def _location(locations: Sequence[Location]) -> Location:
    def named_by(loc: Location) -> int:
        return sum(names_match(loc.name, other.name) for other in locations)

    def rank(n: int) -> tuple[int, int, int, int]:
        loc = locations[n]
        located = loc.latitude is not None and loc.longitude is not None
        return (loc.geo_precision or 4, int(not located), -named_by(loc), n)

    return locations[min(range(len(locations)), key=rank)]


def _actors(lists: Sequence[Sequence[Actor]]) -> list[Actor]:
    out: list[Actor] = []
    for actors in lists:
        for actor in actors:
            if not any(actor_similarity(actor, kept) >= NAME_MATCH for kept in out):
                out.append(actor)
    return out


def combine(mentions: Sequence[Mention]) -> Event:
    """The event record of a group of mentions (one per article).

    Args:
        mentions: The incidents of one event, from :func:`incidents.events.grouping.group`.

    Returns:
        The event, its sources ordered by publication date (undated last), then id.

    Raises:
        ValueError: ``mentions`` is empty.
    """
    if not mentions:
        raise ValueError("an event needs at least one incident")
    ordered = sorted(mentions, key=_order)
    incidents = [m.incident for m in ordered]
    votes = Counter(_value(i.sub_event_type) for i in incidents)
    top = max(votes.values())
    sub_type = next(t for t in votes if votes[t] == top)  # Counter keeps first-seen order
    event_type = next(i.event_type for i in incidents if _value(i.sub_event_type) == sub_type)
    counts: dict[str, int | None] = {}
    disagreements = []
    if len(votes) > 1:
        disagreements.append("sub_event_type")
    # an undated report says nothing about the date: it disagrees with no one
    ranges = {(i.date.start, i.date.end, i.date.precision) for i in incidents if i.date.start}
    if len(ranges) > 1:
        disagreements.append("date")
    for name in COUNT_FIELDS:
        figures = [getattr(i, name) for i in incidents if getattr(i, name) is not None]
        counts[name] = min(figures) if figures else None
        if len(set(figures)) > 1:
            disagreements.append(name)
    return Event(
        event_id=event_id(ordered),
        event_type=_value(event_type),
        sub_event_type=_value(sub_type),
        summary=incidents[0].summary,
        date=_date([i.date for i in incidents]),
        location=_location([i.location for i in incidents]),
        actors=_actors([i.actors for i in incidents]),
        articles=len({m.document_id for m in ordered}),
        disagreements=disagreements,
        sources=[_source(m) for m in ordered],
        **counts,
    )


def build_events(mentions: Sequence[Mention], rules: Rules | None = None) -> list[Event]:
    """Group mentions (:func:`~incidents.events.grouping.group`) and combine each group.

    Returns:
        One event per group, in the order of their first mention in ``mentions``.
    """
    return [combine([mentions[n] for n in members]) for members in group(mentions, rules)]
