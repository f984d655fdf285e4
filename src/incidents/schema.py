"""Incident schema, version 1: the contract of every output.

Field descriptions are written for the model: instructor sends them as part of the prompt.
This module imports nothing from the rest of the package.

Evidence grounding is checked here, against the article passed as pydantic validation
context (``{"source_text": ...}``): a span whose text is not ``article[start:end]`` fails
validation, so an ungrounded span is never kept. (The pipeline computes spans from cited
sentences, so they check by construction; this is the library's guarantee, not a repair.)
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

SCHEMA_VERSION = "1"
COUNT_FIELDS = ("fatalities", "injured", "detained")
"""The counts of people an incident records, in the order every reader and writer lists them."""

MAX_ACTORS = 6
MAX_EVIDENCE = 6


class EventType(str, Enum):
    """ACLED's six event types."""

    battles = "battles"
    explosions_remote_violence = "explosions_remote_violence"
    violence_against_civilians = "violence_against_civilians"
    protests = "protests"
    riots = "riots"
    strategic_developments = "strategic_developments"


SUB_EVENT_TYPES: dict[EventType, tuple[str, ...]] = {
    EventType.battles: (
        "armed_clash",
        "government_regains_territory",
        "non_state_actor_overtakes_territory",
    ),
    EventType.explosions_remote_violence: (
        "chemical_weapon",
        "air_drone_strike",
        "suicide_bomb",
        "shelling_artillery_missile_attack",
        "remote_explosive_landmine_ied",
        "grenade",
    ),
    EventType.violence_against_civilians: (
        "sexual_violence",
        "attack",
        "abduction_forced_disappearance",
    ),
    EventType.protests: (
        "peaceful_protest",
        "protest_with_intervention",
        "excessive_force_against_protesters",
    ),
    EventType.riots: ("violent_demonstration", "mob_violence"),
    EventType.strategic_developments: (
        "agreement",
        "arrests",
        "change_to_group_activity",
        "disrupted_weapons_use",
        "headquarters_or_base_established",
        "looting_property_destruction",
        "non_violent_transfer_of_territory",
        "other",
    ),
}

SubEventType = Enum(  # type: ignore[misc]  # built from the table above so the two never drift
    "SubEventType",
    {name: name for names in SUB_EVENT_TYPES.values() for name in names},
    type=str,
)
SubEventType.__doc__ = "ACLED's 25 sub-event types, snake_case."

EVENT_TYPE_OF_SUB_EVENT: dict[str, EventType] = {
    sub: event for event, subs in SUB_EVENT_TYPES.items() for sub in subs
}


class DatePrecision(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"
    unknown = "unknown"


class Role(str, Enum):
    perpetrator = "perpetrator"
    target = "target"
    other = "other"


class ActorKind(str, Enum):
    """ACLED's inter codes, as words."""

    state_forces = "state_forces"
    rebel_group = "rebel_group"
    political_militia = "political_militia"
    identity_militia = "identity_militia"
    rioters = "rioters"
    protesters = "protesters"
    civilians = "civilians"
    external_forces = "external_forces"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class DateSpan(_Strict):
    start: dt.date | None = Field(
        None, description="First day of the event (ISO date), or null if it cannot be resolved."
    )
    end: dt.date | None = Field(
        None, description="Last day of the event (ISO date); equal to start for one-day events."
    )
    precision: DatePrecision = Field(
        DatePrecision.unknown, description="How precisely the article dates the event."
    )
    text: str | None = Field(
        None,
        max_length=120,
        description="The date phrase exactly as the article words it, e.g. «قبل أيام».",
    )

    @model_validator(mode="after")
    def _end_not_before_start(self) -> DateSpan:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"date.end {self.end} is before date.start {self.start}")
        return self


class Location(_Strict):
    name: str | None = Field(
        None, max_length=120, description="Place name in English/Latin form, e.g. 'Al Mayadin'."
    )
    name_original: str | None = Field(
        None, max_length=120, description="The place name as written in the article."
    )
    admin1: str | None = Field(
        None, max_length=120, description="First-level division (governorate, province, state)."
    )
    country: str | None = Field(
        None,
        pattern=r"^[A-Z]{2}$",
        description="ISO 3166-1 alpha-2 code of the country where it happened, e.g. 'SY'.",
    )
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    geo_precision: Literal[1, 2, 3] | None = Field(
        None, description="1 = the town itself, 2 = near a town or part of a region, 3 = region."
    )


class Actor(_Strict):
    name: str = Field(..., min_length=1, max_length=120, description="Actor name in English.")
    name_original: str | None = Field(
        None, max_length=120, description="The actor's name as written in the article."
    )
    role: Role = Field(..., description="perpetrator, target, or other.")
    kind: ActorKind | None = Field(None, description="ACLED inter code of the actor, as a word.")


class Evidence(_Strict):
    start: int = Field(..., ge=0, description="Start character offset into the article.")
    end: int = Field(..., ge=0, description="End character offset (exclusive).")
    text: str = Field(..., min_length=1, description="Exactly article[start:end].")

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end <= self.start:
            raise ValueError(f"evidence end {self.end} must be greater than start {self.start}")
        return self


def _span_checks(span: Any, source: str) -> bool:
    start: Any
    end: Any
    text: Any
    if isinstance(span, Evidence):
        start, end, text = span.start, span.end, span.text
    elif isinstance(span, dict):
        start, end, text = span.get("start"), span.get("end"), span.get("text")
    else:
        return False
    return (
        isinstance(start, int)
        and isinstance(end, int)
        and isinstance(text, str)
        and 0 <= start < end <= len(source)
        and source[start:end] == text
    )


class Incident(_Strict):
    summary: str = Field(
        ..., min_length=1, max_length=400, description="One English sentence: who did what where."
    )
    event_type: EventType = Field(..., description="ACLED event type.")
    sub_event_type: SubEventType = Field(
        ..., description="ACLED sub-event type; must belong to event_type."
    )
    date: DateSpan = Field(default_factory=DateSpan)
    location: Location = Field(default_factory=Location)
    actors: list[Actor] = Field(default_factory=list, max_length=MAX_ACTORS)
    fatalities: int | None = Field(
        None, ge=0, description="People killed; lowest reported figure; null if not stated."
    )
    injured: int | None = Field(None, ge=0, description="People injured; null if not stated.")
    detained: int | None = Field(
        None, ge=0, description="People arrested, captured or abducted; null if not stated."
    )
    reported_by: str | None = Field(
        None, max_length=200, description="Attribution as stated, e.g. 'local sources'."
    )
    evidence: list[Evidence] = Field(default_factory=list, max_length=MAX_EVIDENCE)

    @model_validator(mode="after")
    def _sub_event_belongs_to_event(self) -> Incident:
        sub = str(getattr(self.sub_event_type, "value", self.sub_event_type))
        event = str(getattr(self.event_type, "value", self.event_type))
        if EVENT_TYPE_OF_SUB_EVENT[sub].value != event:
            allowed = ", ".join(SUB_EVENT_TYPES[EventType(event)])
            raise ValueError(
                f"sub_event_type {sub!r} does not belong to event_type {event!r}; "
                f"use one of: {allowed}"
            )
        return self

    @field_validator("evidence", mode="before")
    @classmethod
    def _grounded(cls, spans: Any, info: ValidationInfo) -> Any:
        context = info.context if isinstance(info.context, dict) else None
        if context is None or "source_text" not in context or not isinstance(spans, list):
            return spans
        source: str = context["source_text"]
        bad = [span for span in spans if not _span_checks(span, source)]
        if bad:
            raise ValueError(
                f"{len(bad)} evidence span(s) do not match the article, e.g. {bad[0]!r}: "
                "evidence.text must equal article[start:end] exactly"
            )
        return spans


class Usage(_Strict):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    retries: int = 0

    def add(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            calls=self.calls + other.calls,
            retries=self.retries + other.retries,
        )


class Provenance(_Strict):
    prompt: str = Field(..., pattern=r"^[a-z0-9_]+@v\d+$", description="'<task>@v<N>'.")
    prompt_sha256: str = Field(..., pattern=r"^[0-9a-f]{64}$")
    schema_version: str = SCHEMA_VERSION
    backend: str
    model: str
    created_at: dt.datetime
    usage: Usage = Field(default_factory=Usage)
    seconds: float = Field(0.0, ge=0, description="Wall time of the whole extraction.")
    seconds_in_model: float = Field(
        0.0, ge=0, description="Time spent inside model calls (0 when answered from the store)."
    )
    dropped_spans: int = Field(
        0,
        ge=0,
        description="Always 0: evidence is computed from cited sentences and always checks "
        "(kept so that results written by earlier versions still load).",
    )
    cached: bool = Field(False, description="True when the response came from the local store.")
    withheld_sentences: int = Field(
        0,
        ge=0,
        description="Sentences addressed to the model (instructions hidden in the article) that "
        "were cut before the prompt: neither the model nor the evidence saw them.",
    )
    markup_removed: int = Field(
        0,
        ge=0,
        description="Characters of page markup pasted as text (tags with their attributes, "
        "image alt text, link targets) that were removed before the prompt, as a browser "
        "would not show them.",
    )
    prompt_tokens_evaluated: int | None = Field(
        None,
        ge=0,
        description="Prompt tokens the embedded model evaluated for this article; the rest of "
        "usage.prompt_tokens came from a saved or in-memory state of the fixed prompt prefix. "
        "Null for server backends and answers from the store.",
    )


PublishedFrom = Literal["caller", "page metadata", "feed"]


class ArticleSource(_Strict):
    """The article as the tool read it: every evidence span points into ``text``."""

    text: str = Field(
        ...,
        description="The article text the extraction read (a page reduced to its article "
        "text); evidence offsets index into it.",
    )
    url: str | None = Field(None, description="Where the article came from, when known.")
    title: str | None = Field(None, description="The page's or feed item's title, when known.")
    published_from: PublishedFrom | None = Field(
        None,
        description="Where ``published`` came from: the caller (--published, the API or a "
        "JSONL input), the page's metadata, a feed item's date; null when there is no date.",
    )


class ExtractionResult(_Strict):
    document_id: str = Field(..., min_length=1, max_length=300)
    language: str = Field(..., pattern=r"^[a-z]{2}$", description="ISO 639-1 code.")
    published: dt.date | None = None
    incidents: list[Incident] = Field(default_factory=list, max_length=200)
    provenance: Provenance
    # Optional so that results written before it existed still load; every result written
    # since carries it, so its evidence can be checked and shown without the input file.
    source: ArticleSource | None = None

    @model_validator(mode="after")
    def _evidence_points_into_source(self) -> ExtractionResult:
        if self.source is None:
            return self
        text = self.source.text
        for number, incident in enumerate(self.incidents, start=1):
            for span in incident.evidence:
                if not _span_checks(span, text):
                    raise ValueError(
                        f"incident {number}: evidence {span.text!r} is not "
                        f"source.text[{span.start}:{span.end}]"
                    )
        return self


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`ExtractionResult` (what ``incidents schema`` prints)."""
    return ExtractionResult.model_json_schema()
