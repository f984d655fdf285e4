"""Incidents and mentions for the event tests: one base incident, changed field by field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from incidents.events.grouping import Mention
from incidents.schema import Incident

# Al Mayadin and a point 9 km east of it (0.1° of longitude at 35° N is about 9.1 km).
MAYADIN = {
    "name": "Al Mayadin",
    "country": "SY",
    "latitude": 35.02,
    "longitude": 40.45,
    "geo_precision": 1,
}
NINE_KM_EAST = {
    "name": "Village east of Al Mayadin",
    "country": "SY",
    "latitude": 35.02,
    "longitude": 40.55,
    "geo_precision": 2,
}
PUBLISHED = dt.date(2025, 3, 11)


def incident(**fields: Any) -> Incident:
    """A drone strike in Al Mayadin on 2025-03-10, with ``fields`` replaced."""
    base: dict[str, Any] = {
        "summary": "A drone struck a car in Al Mayadin.",
        "event_type": "explosions_remote_violence",
        "sub_event_type": "air_drone_strike",
        "date": {"start": "2025-03-10", "end": "2025-03-10", "precision": "day"},
        "location": MAYADIN,
        "actors": [{"name": "Fatemiyoun Brigade", "role": "target"}],
        "fatalities": 3,
    }
    return Incident.model_validate({**base, **fields})


def day(iso: str) -> dict[str, str]:
    """A day-precision date."""
    return {"start": iso, "end": iso, "precision": "day"}


def mention(
    document_id: str, index: int = 0, published: dt.date | None = PUBLISHED, **fields: Any
) -> Mention:
    """A mention of :func:`incident` with ``fields`` in article ``document_id``."""
    return Mention(document_id, index, incident(**fields), published)


def keys(mentions: list[Mention], groups: list[list[int]]) -> list[set[tuple[str, int]]]:
    """Groups as sets of ``(document_id, index)``."""
    return [{mentions[n].key for n in members} for members in groups]
