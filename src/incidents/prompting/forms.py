"""Intermediate forms: what a prompt asks the model for, before code builds ``Incident``s.

A small model is good at citing sentence numbers, naming a type and copying a short phrase; it
is bad at character offsets, transliteration and gazetteer fields. So prompts ask for a
compact "cited" form and :mod:`incidents.pipeline.assemble` turns it into schema-v1 incidents.

Bounds (``max_length`` on every list and string) keep grammar-constrained decoding from
looping: a 1.5B model without them repeated array items for 1,500 tokens.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from incidents.schema import (
    EVENT_TYPE_OF_SUB_EVENT,
    ActorKind,
    EventType,
    Role,
    SubEventType,
)
from incidents.text.language.sentences import number_sentences

MAX_CITED_INCIDENTS = 10


class CitedActor(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    name: str = Field(
        ..., min_length=1, max_length=80, description="The actor as the article names it."
    )
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
    sub_event_type: SubEventType
    summary: str | None = Field(
        None, min_length=1, max_length=220, description="One English sentence."
    )  # None: the pipeline writes one from the coded fields
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
            raise ValueError(
                f"sentence numbers {numbers} are not in the article ([{first}]..[{last}])"
            )
        return kept


def _drop_uncited(items: Any, info: ValidationInfo) -> Any:
    """Drop the items that cite no sentence of the article: one bad item then costs that
    item, not a re-ask of the whole answer (a minute and a half on 2 cores) or the article."""
    context = info.context if isinstance(info.context, dict) else {}
    bounds = context.get("sentence_range")
    if bounds is None or context.get("strict") or not isinstance(items, list):
        return items  # strict: a prompt file's example must cite its own sentences
    first, last = bounds

    def cites_the_article(item: Any) -> bool:
        numbers = item.get("sentences") if isinstance(item, dict) else None
        if not isinstance(numbers, list):
            return True  # not ours to judge: the item's own validation reports it
        return any(isinstance(n, int) and first <= n <= last for n in numbers)

    return [item for item in items if cites_the_article(item)]


class _Answer(BaseModel):
    """What every output form shares: an ``incidents`` list, pruned of items that cite no
    sentence of the article, and read back as cited drafts. (No fields and no docstring reach
    a subclass's JSON schema, which is part of the prompt and of the response store's key.)"""

    model_config = ConfigDict(extra="forbid")
    incidents: list[Any]

    _drop_uncited = field_validator("incidents", mode="before")(_drop_uncited)

    def cited(self) -> list[CitedIncident]:
        """The answer's incidents in the cited form the assembler reads."""
        return [i if isinstance(i, CitedIncident) else i.cited() for i in self.incidents]


class CitedIncidents(_Answer):
    """The model's answer for one article."""

    incidents: list[CitedIncident] = Field(default_factory=list, max_length=MAX_CITED_INCIDENTS)


OUTPUT_FORMS: dict[str, type[BaseModel]] = {"cited_incidents": CitedIncidents}


def validate_example_output(form: str, output: dict[str, Any], text: str) -> BaseModel:
    """Validate a few-shot example's output against its form and its own text."""
    from incidents.text.candidates import candidates_of  # the gazetteer: only when needed

    sentences = number_sentences(text).sentences
    context: dict[str, Any] = {"sentence_range": (1, len(sentences)), "strict": True}
    if getattr(OUTPUT_FORMS[form], "chooses_candidates", False):
        context["candidates"] = candidates_of(sentences).by_id()
    return OUTPUT_FORMS[form].model_validate(output, context=context)


# --------------------------------------------------------------------------- lean form
# v1's cited form costs ~180 output tokens per incident (≈20 s at 9 tokens/s on 2 cores) and
# hit max_tokens on busy articles. The lean form asks only for what the model must read:
# event_type, summary, country and actor kinds are derived in code from the rest.


class LeanActor(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    name: str = Field(..., min_length=1, max_length=40, description="As the article names it.")
    role: Role


class LeanIncident(BaseModel):
    """One incident: its sentences, type, and the facts those sentences state."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    sentences: list[int] = Field(..., min_length=1, max_length=2)
    sub_event_type: SubEventType
    place: str | None = Field(None, max_length=40)
    when: str | None = Field(None, max_length=30)
    actors: list[LeanActor] = Field(default_factory=list, max_length=3)
    killed: int | None = Field(None, ge=0, le=100000)
    injured: int | None = Field(None, ge=0, le=100000)
    detained: int | None = Field(None, ge=0, le=100000)

    _sentences_exist = field_validator("sentences")(CitedIncident._sentences_exist.__func__)  # type: ignore[attr-defined]

    def cited(self) -> CitedIncident:
        """The same incident in the cited form the assembler reads."""
        actors = [a.model_dump() for a in self.actors]
        return _cited(self, str(self.sub_event_type), actors, date_phrase=self.when)


def _cited(
    incident: Any, sub_event_type: str, actors: list[dict[str, Any]], date_phrase: str | None
) -> CitedIncident:
    """A short form's incident (sentences, place, killed, injured, detained) in the cited form;
    the event type follows from the sub-event type and code writes the summary."""
    return CitedIncident.model_validate(
        {
            "sentences": incident.sentences,
            "event_type": EVENT_TYPE_OF_SUB_EVENT[sub_event_type].value,
            "sub_event_type": sub_event_type,
            "summary": None,
            "place": incident.place,
            "date_phrase": date_phrase,
            "actors": actors,
            "fatalities": incident.killed,
            "injured": incident.injured,
            "detained": incident.detained,
        }
    )


class LeanIncidents(_Answer):
    incidents: list[LeanIncident] = Field(default_factory=list, max_length=MAX_CITED_INCIDENTS)


OUTPUT_FORMS["lean_incidents"] = LeanIncidents


# --------------------------------------------------------------------------- brief form
# v3: the lean form without the date phrase, which code finds in the evidence anyway (on the
# dev split, ignoring the model's phrase changed no score), and with counts the sentences do
# not give simply left out. Output tokens are the time: ~12 per second on 2 cores.


class BriefIncident(BaseModel):
    """One incident: its sentences, type, place, actors and the counts those sentences give."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    sentences: list[int] = Field(..., min_length=1, max_length=2)
    sub_event_type: SubEventType
    place: str | None = Field(None, max_length=40)
    actors: list[LeanActor] = Field(default_factory=list, max_length=3)
    killed: int | None = Field(None, ge=0, le=100000)
    injured: int | None = Field(None, ge=0, le=100000)
    detained: int | None = Field(None, ge=0, le=100000)

    _sentences_exist = field_validator("sentences")(CitedIncident._sentences_exist.__func__)  # type: ignore[attr-defined]

    def cited(self) -> CitedIncident:
        return LeanIncident.model_validate({**self.model_dump(), "when": None}).cited()


class BriefIncidents(_Answer):
    incidents: list[BriefIncident] = Field(default_factory=list, max_length=MAX_CITED_INCIDENTS)


OUTPUT_FORMS["brief_incidents"] = BriefIncidents


# --------------------------------------------------------------------------- compact form
# v5: the brief form in fewer tokens. Actors as two lists of names, "by" (perpetrators) and
# "on" (targets), instead of objects with a name and a role: a two-actor incident costs ~20
# decoding steps less. With the examples written without spaces (compact_json), an incident
# of the v4 example costs 46 tokens instead of 82.

_ActorName = Annotated[str, Field(min_length=1, max_length=40)]


class CompactIncident(BaseModel):
    """One incident: its sentences, type, place, who did it, to whom, and the counts."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    sentences: list[int] = Field(..., min_length=1, max_length=2)
    type: SubEventType
    place: str | None = Field(None, max_length=40)
    by: list[_ActorName] = Field(default_factory=list, max_length=2)
    on: list[_ActorName] = Field(default_factory=list, max_length=2)
    killed: int | None = Field(None, ge=0, le=100000)
    injured: int | None = Field(None, ge=0, le=100000)
    detained: int | None = Field(None, ge=0, le=100000)

    _sentences_exist = field_validator("sentences")(CitedIncident._sentences_exist.__func__)  # type: ignore[attr-defined]

    def cited(self) -> CitedIncident:
        actors = [{"name": name, "role": "perpetrator"} for name in self.by]
        actors += [{"name": name, "role": "target"} for name in self.on]
        return _cited(self, str(self.type), actors, date_phrase=None)  # dates: found by code


class CompactIncidents(_Answer):
    incidents: list[CompactIncident] = Field(default_factory=list, max_length=MAX_CITED_INCIDENTS)


OUTPUT_FORMS["compact_incidents"] = CompactIncidents


def drafts_of(output: BaseModel) -> list[CitedIncident]:
    """The cited drafts in a parsed answer of any output form."""
    if isinstance(output, _Answer):
        return output.cited()
    raise TypeError(f"no drafts in {type(output).__name__}")


# --------------------------------------------------------------------------- chosen form
# v7: the compact form, but places and actors are chosen from the candidates code found in
# the article (incidents.text.candidates) by their ids, "P3" or "A1", listed after the
# article in the prompt. The model no longer spells names it cannot spell, a chosen name is
# always one the article writes, and an id costs 2-3 tokens where a name costs 5-15. A name
# the list lacks may still be written out. The ids are read back while the answer is
# validated, so the store records the answer as given and a replay maps it the same way.

_CANDIDATE_ID = re.compile(r"^[PA]\d{1,2}$")


def _chosen(value: Any, listed: dict[str, str]) -> Any:
    """An id's words from the article; an unknown id (the model picked what is not listed)
    is no choice at all; other text stands as written."""
    if isinstance(value, str) and _CANDIDATE_ID.match(value.strip()):
        return listed.get(value.strip())
    return value


class ChosenIncident(CompactIncident):
    """One incident: sentences, type, a place and actors chosen by id (or written), counts."""

    @model_validator(mode="before")
    @classmethod
    def _read_ids(cls, data: Any, info: ValidationInfo) -> Any:
        context = info.context if isinstance(info.context, dict) else {}
        listed = context.get("candidates")
        if not isinstance(data, dict) or listed is None:
            return data
        data = {**data, "place": _chosen(data.get("place"), listed)}
        for side in ("by", "on"):
            names = data.get(side)
            if isinstance(names, list):
                data[side] = [n for n in (_chosen(v, listed) for v in names) if n]
        return data


class ChosenIncidents(_Answer):
    chooses_candidates: ClassVar[bool] = True
    incidents: list[ChosenIncident] = Field(default_factory=list, max_length=MAX_CITED_INCIDENTS)


OUTPUT_FORMS["chosen_incidents"] = ChosenIncidents
