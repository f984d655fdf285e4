"""One English sentence from the coded fields.

Prompts from v3 on leave the summary to code (a 1.5B model's free-text summaries cost ~35
tokens each and drift from the article); a model's summary is also replaced when a stage has
changed the incident's type, since it then describes another event.
"""

from __future__ import annotations

from typing import Any

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, DraftActor
from incidents.pipeline.stage import Stage, each

_SUB_EVENT_WORDS = {
    "air_drone_strike": "Air/drone strike",
    "shelling_artillery_missile_attack": "Shelling/artillery/missile attack",
    "remote_explosive_landmine_ied": "Remote explosive/landmine/IED attack",
    "abduction_forced_disappearance": "Abduction/forced disappearance",
    "looting_property_destruction": "Looting/property destruction",
    "attack": "Attack on civilians",
}


def summary_of(
    sub_event: str, actors: list[DraftActor], place: str | None, counts: dict[str, Any]
) -> str:
    """ "Air/drone strike by X against Y in Z; 3 killed, 2 injured." """
    parts = [_SUB_EVENT_WORDS.get(sub_event, sub_event.replace("_", " ").capitalize())]
    by = [a.name for a in actors if a.role == "perpetrator"]
    on = [a.name for a in actors if a.role == "target"]
    if by:
        parts.append(f"by {', '.join(by)}")
    if on:
        parts.append(f"against {', '.join(on)}")
    if place:
        parts.append(f"in {place}")
    tallies = [
        f"{counts[k]} {word}"
        for k, word in (("fatalities", "killed"), ("injured", "injured"), ("detained", "detained"))
        if counts.get(k)
    ]
    return " ".join(parts) + (f"; {', '.join(tallies)}." if tallies else ".")


def write_summary(draft: Draft, article: Article) -> Draft:
    """Write the summary when the model gave none or the type has changed since."""
    if draft.summary and draft.sub_event_type == draft.cited.sub_event_type:
        return draft
    place = draft.location.name or draft.location.name_original
    draft.summary = summary_of(draft.sub_event_type, draft.actors, place, draft.counts)
    return draft


STAGE = Stage(
    "write_summary",
    "write the summary from the coded fields when the model gave none or the type changed",
    each(write_summary),
)
