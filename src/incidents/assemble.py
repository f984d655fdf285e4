"""Turn the model's cited form into schema-v1 incidents, deterministically.

Everything a small model does badly is done here instead: evidence offsets come from the
cited sentences (so they always check), counts are kept only when their digits or number
words appear in that evidence, date phrases are kept only when they occur in the article and
are resolved against ``published``, places go through the offline gazetteer, and actor names
through the curated alias table.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from incidents.actors import canonical_actor, find_actors
from incidents.casualties import (
    NO_FATALITIES_BY_NATURE,
    counts_in_evidence,
    fields_mentioned,
    remainder_detained,
    zero_counts,
)
from incidents.date_phrases import find_date_phrase
from incidents.dates import resolve_date
from incidents.event_cues import ANY_EVENT, checked_sub_event, cue_positions, reports_an_event
from incidents.forms import CitedIncident
from incidents.gazetteer import Place, find_places, resolve_place
from incidents.numbers import count_is_grounded
from incidents.schema import EVENT_TYPE_OF_SUB_EVENT, DateSpan, Evidence, Incident
from incidents.sentences import number_sentences
from incidents.textnorm import normalize_name

_LATIN = re.compile(r"[A-Za-z]")
# Words that put an event *near* a place rather than in it (ACLED geo_precision 2).
_NEAR = re.compile(r"(قرب|بالقرب|محيط|ريف|أطراف|near|outskirts|countryside|près de|environs)", re.I)


def _in_text(phrase: str | None, text: str) -> str | None:
    """The phrase if it occurs in the article (the model copies; it must not invent)."""
    if not phrase:
        return None
    phrase = phrase.strip()
    return phrase if phrase and phrase in text else None


DATELINE_MAX_WORDS = 3


def _is_dateline(sentence: str) -> bool:
    # "دير الزور", "KIRKUK, Iraq": a small model often codes the dateline line as an incident.
    return len(sentence.split()) <= DATELINE_MAX_WORDS and not any(c.isdigit() for c in sentence)


def _evidence(draft: CitedIncident, text: str) -> list[Evidence]:
    numbered = number_sentences(text)
    spans = []
    for number in draft.sentences:
        sentence = numbered.get(number)
        if sentence is not None and not _is_dateline(sentence.text):
            spans.append(Evidence(start=sentence.start, end=sentence.end, text=sentence.text))
    return spans


def _named_in(place: Place, phrase: str | None, passage: str) -> bool:
    """Whether the passage names the place (as the model wrote it, or any spelling of it)."""
    if phrase and normalize_name(phrase) in normalize_name(passage):
        return True
    return any(p.name == place.name for p in find_places(passage, country_hint=place.country))


def _location(draft: CitedIncident, evidence_text: str, text: str) -> dict[str, Any]:
    written = draft.place
    original = _in_text(written, text)
    place: Place | None = None
    if written:
        place = resolve_place(written, country_hint=draft.country)
    # The place must be one the incident's own sentences name: a small model carries a place
    # over from a neighbouring sentence or from a few-shot example ("Kaduna" in Somalia).
    if place is not None and not _named_in(place, written, evidence_text):
        nearby = [
            p
            for p in find_places(evidence_text, country_hint=place.country)
            if p.geonameid is not None and p.country == place.country
        ]
        if nearby:  # the evidence names a town of the same country: that one
            place, original = nearby[0], nearby[0].matched
        elif not _named_in(place, written, text):
            place, original, written = None, None, None  # named nowhere in the article
    if place is None:
        # The model's place may be garbled; fall back to the first known place it cited.
        found = find_places(evidence_text, country_hint=draft.country)
        place = found[0] if found else None
        if place is not None and original is None:
            original = place.matched if place.matched in text else None
    if place is None:
        latin_name = written if written and _LATIN.search(written) else None
        return {
            "name": latin_name,
            "name_original": original,
            "country": draft.country,
            "geo_precision": None,
        }
    precision = place.geo_precision
    if precision == 1 and _NEAR.search(evidence_text):
        precision = 2
    return {
        "name": place.name,
        "name_original": original,
        "admin1": place.admin1,
        "country": place.country,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": precision,
    }


def _actors(draft: CitedIncident, text: str, evidence_text: str) -> list[dict[str, Any]]:
    actors, seen = [], set()
    for cited in draft.actors:
        canonical = canonical_actor(cited.name)
        name = canonical.name if canonical else cited.name
        kind = (canonical.kind if canonical else None) or cited.kind
        key = (name.casefold(), cited.role)
        if key in seen:
            continue
        seen.add(key)
        actors.append(
            {
                "name": name,
                "name_original": _in_text(cited.name, text),
                "role": cited.role,
                "kind": kind,
            }
        )
    return _with_named_actors(actors, evidence_text)


MAX_ACTORS = 4


def _with_named_actors(actors: list[dict[str, Any]], evidence_text: str) -> list[dict[str, Any]]:
    """Add the known actors the evidence names and the model left out (a small model often
    lists one side of a clash). The missing side goes where the record has a gap: target
    when there is only a perpetrator, perpetrator when there is none."""
    names = {a["name"].casefold() for a in actors}
    for found in find_actors(evidence_text):
        if len(actors) >= MAX_ACTORS or found.name.casefold() in names:
            continue
        roles = {a["role"] for a in actors}
        role = (
            "perpetrator"
            if "perpetrator" not in roles
            else "target"
            if "target" not in roles
            else None
        )
        if role is None:
            break
        names.add(found.name.casefold())
        actors.append(
            {"name": found.name, "name_original": found.matched, "role": role, "kind": found.kind}
        )
    return actors


_SUB_EVENT_WORDS = {
    "air_drone_strike": "Air/drone strike",
    "shelling_artillery_missile_attack": "Shelling/artillery/missile attack",
    "remote_explosive_landmine_ied": "Remote explosive/landmine/IED attack",
    "abduction_forced_disappearance": "Abduction/forced disappearance",
    "looting_property_destruction": "Looting/property destruction",
    "attack": "Attack on civilians",
}


def write_summary(data: dict[str, Any]) -> str:
    """One English sentence from the coded fields, for prompts that leave the summary to code
    (a 1.5B model's free-text summaries cost ~35 tokens each and drift from the article)."""
    sub = str(data["sub_event_type"])
    what = _SUB_EVENT_WORDS.get(sub, sub.replace("_", " ").capitalize())
    by = [a["name"] for a in data["actors"] if a["role"] == "perpetrator"]
    on = [a["name"] for a in data["actors"] if a["role"] == "target"]
    parts = [what]
    if by:
        parts.append(f"by {', '.join(by)}")
    if on:
        parts.append(f"against {', '.join(on)}")
    place = data["location"].get("name") or data["location"].get("name_original")
    if place:
        parts.append(f"in {place}")
    counts = [
        f"{data[k]} {word}"
        for k, word in (("fatalities", "killed"), ("injured", "injured"), ("detained", "detained"))
        if data.get(k)
    ]
    return " ".join(parts) + (f"; {', '.join(counts)}." if counts else ".")


def _date(copied: str | None, evidence_text: str, published: Any) -> DateSpan:
    """The model's phrase if it copied a date from this incident's evidence; else the first
    date phrase the evidence holds (a small model often copies a place, any words or nothing)."""
    if copied:
        span = resolve_date(copied, published)
        if find_date_phrase(copied) or span.precision != "unknown":
            return span
    return resolve_date(find_date_phrase(evidence_text), published)


def _violent_if_deadly(
    sub_event: str, evidence: list[Evidence], evidence_text: str, counts: dict[str, Any]
) -> str:
    """An "arrest" or "peaceful protest" in which people were killed is coded by its violence:
    the earliest violent type the evidence cues («اشتباكات» → armed_clash), if any."""
    if not counts.get("fatalities") or sub_event not in NO_FATALITIES_BY_NATURE:
        return sub_event
    # The cue is looked for in the sentence that states the deaths, not in context sentences
    # (a group's earlier history of shelling is not how these two died).
    deadly = next(
        (s.text for s in evidence if "fatalities" in counts_in_evidence(s.text)), evidence_text
    )
    violent = {
        cued: position
        for cued, position in cue_positions(deadly).items()
        if cued != ANY_EVENT and cued not in NO_FATALITIES_BY_NATURE
    }
    return min(violent, key=lambda cued: violent[cued]) if violent else sub_event


def assemble_incident(
    draft: CitedIncident, *, text: str, published: Any, context: dict[str, Any]
) -> Incident | None:
    """Build a validated Incident from one cited draft, or None if it cannot be grounded."""
    evidence = _evidence(draft, text)
    if not evidence:
        return None
    evidence_text = " ".join(span.text for span in evidence)
    if not any(reports_an_event(span.text) for span in evidence):
        return None  # statements, economic news, background: no word of any event
    # Counts the evidence states next to a casualty word win; otherwise the model's count is
    # kept only if its digits or number words appear in the evidence (no invented numbers).
    read = counts_in_evidence(evidence_text)
    # A number the model gives must also be of the right kind: "the two sub-clans" is no toll.
    mentioned = fields_mentioned(evidence_text)
    counts = {}
    for field, value in (
        ("fatalities", draft.fatalities),
        ("injured", draft.injured),
        ("detained", draft.detained),
    ):
        misplaced = value is not None and value in read.values() and read.get(field) != value
        grounded = count_is_grounded(value, evidence_text) and not misplaced
        grounded = grounded and (value == 0 or field in mentioned)
        counts[field] = read.get(field, value if grounded else None)
    # "...the rest were captured" counted from the group's size beats the model's guess.
    remainder = remainder_detained(evidence_text, counts["fatalities"])
    if remainder is not None and "detained" not in read:
        counts["detained"] = remainder
    sub_event = _violent_if_deadly(
        checked_sub_event(str(draft.sub_event_type), evidence_text), evidence, evidence_text, counts
    )
    for field, zero in zero_counts(evidence_text, sub_event).items():
        if counts[field] is None:
            counts[field] = zero
    data = {
        "summary": draft.summary if sub_event == draft.sub_event_type else None,
        "event_type": EVENT_TYPE_OF_SUB_EVENT[sub_event].value,
        "sub_event_type": sub_event,
        "date": _date(
            _in_text(draft.date_phrase, evidence_text), evidence_text, published
        ).model_dump(),
        "location": _location(draft, evidence_text, text),
        "actors": _actors(draft, text, evidence_text),
        **counts,
        "reported_by": draft.reported_by,
        "evidence": [span.model_dump() for span in evidence],
    }
    if not data["summary"]:
        data["summary"] = write_summary(data)
    try:
        return Incident.model_validate(data, context=context)
    except ValidationError:
        return None  # only reachable through a normalizer bug; never emit an invalid record


def _same_incident(a: Incident, b: Incident) -> bool:
    if a.sub_event_type != b.sub_event_type:
        return False
    spans_a = {(e.start, e.end) for e in a.evidence}
    if spans_a & {(e.start, e.end) for e in b.evidence}:
        return True
    same_place = a.location.name is not None and a.location.name == b.location.name
    same_date = a.date.start == b.date.start and a.date.text == b.date.text
    actors_a = {x.name.casefold() for x in a.actors}
    return same_place and same_date and bool(actors_a & {x.name.casefold() for x in b.actors})


def merge_duplicates(incidents: list[Incident], *, context: dict[str, Any]) -> list[Incident]:
    """Merge repeats (a small model repeats itself; chunk overlaps see an event twice)."""
    merged: list[Incident] = []
    for incident in incidents:
        twin = next((m for m in merged if _same_incident(m, incident)), None)
        if twin is None:
            merged.append(incident)
            continue
        spans = {(e.start, e.end): e for e in [*twin.evidence, *incident.evidence]}
        evidence = [spans[k] for k in sorted(spans)][:6]
        update: dict[str, Any] = {"evidence": evidence}
        merged_text = " ".join(e.text for e in evidence)
        for field in ("fatalities", "injured", "detained"):
            value = getattr(twin, field)
            if value is None or (value == 0 and getattr(incident, field)):
                value = getattr(incident, field)  # a stated count beats none and a 0
            # A 0 read from one sentence ("no casualty word") must hold for the merged evidence.
            update[field] = value if count_is_grounded(value, merged_text) else None
        merged[merged.index(twin)] = twin.model_copy(update=update)
    return merged
