"""Add the known actors the evidence names and the model left out.

A small model often lists one side of a clash. Actors of the alias table that the evidence
names go where the record has a gap: perpetrator when there is none, target when there is
only a perpetrator; the record holds at most :data:`MAX_ADDED_TO` actors.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.actor_names import find_actors

MAX_ADDED_TO = 4  # fill gaps up to this many actors (the schema allows more)


def add_named_actors(draft: Draft, article: Article) -> Draft:
    """Fill a missing perpetrator or target with a known actor the evidence names."""
    names = {a["name"].casefold() for a in draft.actors}
    country = draft.location.get("country")
    for found in find_actors(draft.evidence(article).text):
        name = found.named_for(country)
        if len(draft.actors) >= MAX_ADDED_TO or name.casefold() in names:
            continue
        roles = {a["role"] for a in draft.actors}
        role = (
            "perpetrator"
            if "perpetrator" not in roles
            else "target"
            if "target" not in roles
            else None
        )
        if role is None:
            break
        names.add(name.casefold())
        draft.actors.append(
            {"name": name, "name_original": found.matched, "role": role, "kind": found.kind}
        )
    return draft


STAGE = Stage(
    "add_named_actors",
    "add known actors the evidence names where the record lacks a perpetrator or a target",
    each(add_named_actors),
)
