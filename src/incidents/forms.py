"""Intermediate forms: what a prompt asks the model for, before code builds ``Incident``s.

A small model is good at citing sentence numbers, naming a type and copying a short phrase; it
is bad at character offsets, transliteration and gazetteer fields. So prompts ask for a
compact "cited" form and :mod:`incidents.assemble` turns it into schema-v1 incidents.

Bounds (``max_length`` on every list and string) keep grammar-constrained decoding from
looping: a 1.5B model without them repeated array items for 1,500 tokens.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from incidents.schema import (
    EVENT_TYPE_OF_SUB_EVENT,
    ActorKind,
    EventType,
    Role,
    SubEventType,
)
from incidents.sentences import number_sentences

MAX_CITED_INCIDENTS = 10


class CitedActor(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    name: str = Field(..., min_length=1, max_length=80, description="The actor as the article names it.")
    role: Role
    kind: ActorKind | None = None


class CitedIncident(BaseModel):
    """One incident, citing the numbered sentences that report it."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    sentences: list[int] = Field(
        ...,
        min_length=1,
        max_length=4,
        description="Numbers [n] of the sentences that report this incident.",
    )
    event_type: EventType
    sub_event_type: SubEventType  # type: ignore[valid-type]
    summary: str = Field(..., min_length=1, max_length=220, description="One English sentence.")
    place: str | None = Field(
        None, max_length=60, description="Most specific place, copied as written in the article."
    )
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2.")
    date_phrase: str | None = Field(
        None, max_length=40, description="When it happened, copied as the article words it."
    )
    actors: list[CitedActor] = Field(default_factory=list, max_length=4)
    fatalities: int | None = Field(None, ge=0, le=100000)
    injured: int | None = Field(None, ge=0, le=100000)
    detained: int | None = Field(None, ge=0, le=100000)
    reported_by: str | None = Field(None, max_length=80)

    @model_validator(mode="before")
    @classmethod
    def _event_type_follows_sub_event(cls, data: Any) -> Any:
        # The sub-event type is the more specific answer; a small model often pairs it with the
        # wrong parent. Repairing here is cheaper and surer than a 30-second re-ask.
        if isinstance(data, dict):
            sub = data.get("sub_event_type")
            if isinstance(sub, str) and sub in EVENT_TYPE_OF_SUB_EVENT:
                data = {**data, "event_type": EVENT_TYPE_OF_SUB_EVENT[sub].value}
        return data

    @field_validator("sentences")
    @classmethod
    def _sentences_exist(cls, numbers: list[int], info: ValidationInfo) -> list[int]:
        context = info.context if isinstance(info.context, dict) else {}
        bounds = context.get("sentence_range")  # (first, last) numbers shown to the model
        if bounds is None:
            return numbers
        first, last = bounds
        kept = sorted({n for n in numbers if first <= n <= last})
        if not kept:
            raise ValueError(f"sentence numbers {numbers} are not in the article ([{first}]..[{last}])")
        return kept


class CitedIncidents(BaseModel):
    """The model's answer for one article."""

    model_config = ConfigDict(extra="forbid")
    incidents: list[CitedIncident] = Field(default_factory=list, max_length=MAX_CITED_INCIDENTS)


OUTPUT_FORMS: dict[str, type[BaseModel]] = {"cited_incidents": CitedIncidents}


def validate_example_output(form: str, output: dict[str, Any], text: str) -> BaseModel:
    """Validate a few-shot example's output against its form and its own text."""
    model = OUTPUT_FORMS[form]
    count = len(number_sentences(text).sentences)
    return model.model_validate(output, context={"sentence_range": (1, count)})


# --------------------------------------------------------------------------- two-stage forms
# Stage 1 labels every numbered sentence (a closed choice a small model does well); stage 2
# fills the details of one incident from its own sentences (a short, focused context).

NO_INCIDENT = "none"
SentenceLabel = Enum(  # type: ignore[misc]
    "SentenceLabel", {name: name for name in (NO_INCIDENT, *EVENT_TYPE_OF_SUB_EVENT)}, type=str
)


class LabeledSentence(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    s: int = Field(..., ge=1, description="Sentence number.")
    label: SentenceLabel = Field(  # type: ignore[valid-type]
        ..., description="ACLED sub-event type of the incident this sentence reports, or none."
    )


class SentenceLabels(BaseModel):
    """Stage 1: one label per numbered sentence."""

    model_config = ConfigDict(extra="forbid")
    labels: list[LabeledSentence] = Field(default_factory=list, max_length=120)


class DetectedIncident(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    sentences: list[int] = Field(..., min_length=1, max_length=4)
    sub_event_type: SubEventType  # type: ignore[valid-type]

    _sentences_exist = field_validator("sentences")(CitedIncident._sentences_exist.__func__)  # type: ignore[attr-defined]


class DetectedIncidents(BaseModel):
    """Stage 1 (alternative): the incidents, each as cited sentences and a sub-event type."""

    model_config = ConfigDict(extra="forbid")
    incidents: list[DetectedIncident] = Field(default_factory=list, max_length=MAX_CITED_INCIDENTS)


class IncidentDetails(BaseModel):
    """Stage 2: the details of one incident, read from its sentences."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    summary: str = Field(..., min_length=1, max_length=220, description="One English sentence.")
    place: str | None = Field(None, max_length=60, description="Most specific place, as written.")
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    date_phrase: str | None = Field(None, max_length=40, description="When, as written, or null.")
    actors: list[CitedActor] = Field(default_factory=list, max_length=4)
    fatalities: int | None = Field(None, ge=0, le=100000)
    injured: int | None = Field(None, ge=0, le=100000)
    detained: int | None = Field(None, ge=0, le=100000)
    reported_by: str | None = Field(None, max_length=80)


def group_labels(
    labels: SentenceLabels | DetectedIncidents, first: int, last: int
) -> list[tuple[str, list[int]]]:
    """Incidents as (sub-event type, sentence numbers). Detected incidents are taken as they
    are (repeats dropped); for sentence labels, a run of consecutive sentences with the same
    label is one incident (articles tell one event over several sentences)."""
    if isinstance(labels, DetectedIncidents):
        seen, found = set(), []
        for item in labels.incidents:
            key = (item.sub_event_type, tuple(item.sentences))
            if key not in seen:
                seen.add(key)
                found.append((str(item.sub_event_type), list(item.sentences)))
        return found
    by_number = {item.s: item.label for item in labels.labels if first <= item.s <= last}
    groups: list[tuple[str, list[int]]] = []
    for number in range(first, last + 1):
        label = by_number.get(number, NO_INCIDENT)
        if label == NO_INCIDENT:
            continue
        if groups and groups[-1][0] == label and groups[-1][1][-1] == number - 1:
            groups[-1][1].append(number)
        else:
            groups.append((label, [number]))
    return [(label, numbers[:4]) for label, numbers in groups]


def cited_from_details(sub_event_type: str, sentences: list[int], details: IncidentDetails) -> CitedIncident:
    """Combine stage 1's type and sentences with stage 2's details into the cited form."""
    return CitedIncident.model_validate(
        {
            "sentences": sentences,
            "event_type": EVENT_TYPE_OF_SUB_EVENT[sub_event_type].value,
            "sub_event_type": sub_event_type,
            **details.model_dump(),
        }
    )


OUTPUT_FORMS.update(
    {
        "sentence_labels": SentenceLabels,
        "detected_incidents": DetectedIncidents,
        "incident_details": IncidentDetails,
    }
)
