"""The typed working draft of one incident, between the model's answer and an ``Incident``.

A draft starts as the model said it (:meth:`Draft.from_cited`): cited sentence numbers, a
sub-event type, counts, a place and actors as written. Each stage of
:data:`incidents.pipeline.stages.STAGES` refines it; :func:`build_incident` turns what is left
into a validated :class:`~incidents.schema.Incident`. With a stage skipped, the field it owns
keeps the model's value, so an ablation measures exactly what the stage earns.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import ValidationError

from incidents.pipeline.article import Article, Passage
from incidents.prompting.forms import CitedIncident
from incidents.schema import COUNT_FIELDS, EVENT_TYPE_OF_SUB_EVENT, DateSpan, Incident

_LATIN = re.compile(r"[A-Za-z]")


def in_text(phrase: str | None, text: str) -> str | None:
    """The phrase, stripped, if it occurs in ``text`` (the model copies; it must not invent)."""
    if not phrase:
        return None
    phrase = phrase.strip()
    return phrase if phrase and phrase in text else None


@dataclass(slots=True)
class DraftLocation:
    """Where, while it is being coded: the fields of :class:`~incidents.schema.Location` a rule
    may set, typed and slotted, so that a misspelt field is an error and not a silent new key."""

    name: str | None = None
    name_original: str | None = None
    admin1: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class DraftActor:
    """Who, while it is being coded: an :class:`~incidents.schema.Actor`'s fields, typed."""

    name: str
    name_original: str | None = None
    role: str | None = None
    kind: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Note:
    """Why a stage changed or dropped a draft, for ``incidents extract --explain``.

    Attributes:
        reason: A short phrase ("no event word in [2]"), read by an analyst.
        merged_into: For a draft folded into another, that draft's ``number``.
    """

    reason: str
    merged_into: int | None = None


@dataclass
class Draft:
    """One incident being coded. ``cited`` is the model's answer and never changes.

    ``number`` is the incident's place in the model's answer (1 for the first), kept by every
    stage so that a trace can follow a draft through them; ``notes`` are the reasons stages
    chose to give (:meth:`note`).
    """

    cited: CitedIncident
    sentences: list[int]
    sub_event_type: str
    counts: dict[str, int | None]
    date_phrase: str | None
    date: DateSpan | None
    location: DraftLocation
    actors: list[DraftActor]
    summary: str | None
    number: int = 0
    notes: list[Note] = field(default_factory=list)

    @classmethod
    def from_cited(cls, cited: CitedIncident, article: Article, number: int = 0) -> Draft:
        """The draft as the model gave it: places and actors as written, nothing resolved."""
        place = cited.place
        return cls(
            number=number,
            cited=cited,
            sentences=list(cited.sentences),
            sub_event_type=str(cited.sub_event_type),
            counts={name: getattr(cited, name) for name in COUNT_FIELDS},
            date_phrase=cited.date_phrase,
            date=None,
            location=DraftLocation(
                name=place if place and _LATIN.search(place) else None,
                name_original=in_text(place, article.text),
                country=cited.country,
            ),
            actors=[
                DraftActor(
                    name=actor.name,
                    name_original=in_text(actor.name, article.text),
                    role=actor.role,
                    kind=actor.kind,
                )
                for actor in cited.actors
            ],
            summary=cited.summary,
        )

    def note(self, reason: str, *, merged_into: Draft | None = None) -> None:
        """Say why the running stage changes or drops this draft (or merges it into
        ``merged_into``). Only ``--explain`` shows notes; they never change a result, so a
        reason should be a cheap literal or f-string, not a computation of its own."""
        self.notes.append(Note(reason, merged_into.number if merged_into is not None else None))

    @property
    def event_type(self) -> str:
        """The ACLED event type its sub-event type belongs to."""
        return EVENT_TYPE_OF_SUB_EVENT[self.sub_event_type].value

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
        "event_type": draft.event_type,
        "sub_event_type": sub_event,
        "date": (draft.date or DateSpan(text=draft.date_phrase)).model_dump(),
        "location": draft.location.as_dict(),
        "actors": [actor.as_dict() for actor in draft.actors],
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
