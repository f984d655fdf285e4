"""Add the known actors the evidence names and the model left out.

A small model often lists one side of a clash. Actors of the alias table that the evidence
names go where the record has a gap: perpetrator when there is none, target when there is
only a perpetrator; the record holds at most :data:`MAX_ADDED_TO` actors. An actor named
together with one already listed («القوات التركية وفصائل الجيش الوطني», "X and Y") takes that
one's side instead.
"""

from __future__ import annotations

import re

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, DraftActor
from incidents.pipeline.stage import Stage, each
from incidents.text.actors.names import find_actors

MAX_ADDED_TO = 4  # fill gaps up to this many actors (the schema allows more)


# "X and Y", «X وY», «X وفصائل Y», "X et Y": two actors joined like this act together.
_JOINED = re.compile(r"^[\s,،]*(?:and|et|و)\s*$|^\s*و$", re.IGNORECASE)


def _joined_to_previous(evidence: str, previous_end: int, start: int) -> bool:
    """Whether the words between two actor mentions only join them ("and", «و»)."""
    gap = evidence[previous_end:start]
    # Nothing between them joins them only through an attached «و» («وفصائل الجيش الوطني»):
    # «قتل مسلحون مجهولون راعياً» names the killers, then the one they killed.
    return bool(_JOINED.match(gap)) or (gap.strip() == "" and evidence.startswith("و", start))


def add_named_actors(draft: Draft, article: Article) -> Draft:
    """Fill a missing perpetrator or target with a known actor the evidence names; an actor
    named together with one already listed ("X and Y") takes that one's side."""
    names = {a.name.casefold(): a.role for a in draft.actors}
    country = draft.location.country
    evidence = draft.evidence(article).text
    previous: tuple[str, int] | None = None  # (name, end offset) of the last mention
    at = 0
    for found in find_actors(evidence):
        name = found.named_for(country)
        start = evidence.find(found.matched, at)
        start = start if start >= 0 else at
        end = start + len(found.matched)
        ally = (
            previous[0] if previous and _joined_to_previous(evidence, previous[1], start) else None
        )
        previous, at = (name, end), end
        if len(draft.actors) >= MAX_ADDED_TO or name.casefold() in names:
            continue
        roles = set(names.values())
        role = (
            names.get(ally.casefold())
            if ally is not None and ally.casefold() in names
            else "perpetrator"
            if "perpetrator" not in roles
            else "target"
            if "target" not in roles
            else None
        )
        if role is None:
            break
        names[name.casefold()] = role
        draft.actors.append(
            DraftActor(name=name, name_original=found.matched, role=role, kind=found.kind)
        )
    return draft


STAGE = Stage(
    "add_named_actors",
    "add known actors the evidence names where the record lacks a perpetrator or a target",
    each(add_named_actors),
)
