"""The typed working draft of one incident, between the model's answer and an ``Incident``.

A draft starts as the model said it (:meth:`Draft.from_cited`): cited sentence numbers, a
sub-event type, counts, a place and actors as written. Each stage of
:data:`incidents.pipeline.stages.STAGES` refines it; :func:`build_incident` turns what is left
into a validated :class:`~incidents.schema.Incident`. With a stage skipped, the field it owns
keeps the model's value, so an ablation measures exactly what the stage earns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from incidents.pipeline.article import Article, Passage
from incidents.prompting.forms import CitedIncident
from incidents.schema import EVENT_TYPE_OF_SUB_EVENT, DateSpan, Incident

COUNT_FIELDS = ("fatalities", "injured", "detained")
_LATIN = re.compile(r"[A-Za-z]")


def in_text(phrase: str | None, text: str) -> str | None:
    """The phrase, stripped, if it occurs in ``text`` (the model copies; it must not invent)."""
    if not phrase:
        return None
    phrase = phrase.strip()
    return phrase if phrase and phrase in text else None


@dataclass
class Draft:
    """One incident being coded. ``cited`` is the model's answer and never changes."""

    cited: CitedIncident
    sentences: list[int]
    sub_event_type: str
    counts: dict[str, int | None]
    date_phrase: str | None
    date: DateSpan | None
    location: dict[str, Any]
    actors: list[dict[str, Any]]
    summary: str | None

    @classmethod
    def from_cited(cls, cited: CitedIncident, article: Article) -> Draft:
        """The draft as the model gave it: places and actors as written, nothing resolved."""
        place = cited.place
        return cls(
            cited=cited,
            sentences=list(cited.sentences),
            sub_event_type=str(cited.sub_event_type),
            counts={name: getattr(cited, name) for name in COUNT_FIELDS},
            date_phrase=cited.date_phrase,
            date=None,
            location={
                "name": place if place and _LATIN.search(place) else None,
                "name_original": in_text(place, article.text),
                "country": cited.country,
                "geo_precision": None,
            },
            actors=[
                {
                    "name": actor.name,
                    "name_original": in_text(actor.name, article.text),
                    "role": actor.role,
                    "kind": actor.kind,
                }
                for actor in cited.actors
            ],
            summary=cited.summary,
        )

    def evidence(self, article: Article) -> Passage:
        """The cited sentences, joined: what every rule reads."""
        return article.passage(self.sentences)


def build_incident(draft: Draft, article: Article) -> Incident | None:
    """The validated Incident for a finished draft, or None if it does not validate (only
    reachable through a bug in a stage: an invalid record is never emitted)."""
    spans = [article.sentence(n) for n in draft.sentences]
    sub_event = draft.sub_event_type
    data = {
        "summary": draft.summary or sub_event.replace("_", " ").capitalize() + ".",
        "event_type": EVENT_TYPE_OF_SUB_EVENT[sub_event].value,
        "sub_event_type": sub_event,
        "date": (draft.date or DateSpan(text=draft.date_phrase)).model_dump(),
        "location": draft.location,
        "actors": draft.actors,
        **draft.counts,
        "reported_by": draft.cited.reported_by,
        "evidence": [
            {"start": s.start, "end": s.end, "text": s.text} for s in spans if s is not None
        ],
    }
    try:
        return Incident.model_validate(data, context={"source_text": article.text})
    except ValidationError:
        return None
