"""Who did what to whom, from the incident's own sentences rather than the model's lists.

The role reader (:mod:`incidents.text.actors.roles`) reads each cited sentence: «قتل جنديان برصاص
مسلحين», "a checkpoint came under fire from gunmen", « une patrouille de l'armée a été visée
par des jihadistes ». Every known actor it gives a role to takes that role in the record (added
when the model left it out, its side changed when the model reversed it). When the sentences
decide both sides, an actor the model listed that they never name is dropped: the sentences
say who acted and who was hit, and the model's extra name is a guess. Actors no cue decides
keep the model's role; later stages fill what is still missing. When neither the sentences
nor the model name a perpetrator of political violence, a claim in the next three sentences
does ("The attack was claimed by JNIM", «وتبنى تنظيم داعش الهجوم»).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, DraftActor
from incidents.pipeline.rules.check_actor_roles import POLITICAL_VIOLENCE
from incidents.pipeline.stage import Stage, each
from incidents.text.actors.roles import Mention, claimed_by
from incidents.text.actors.roles import read_roles as read_sentence_roles

MAX_ACTORS = 4  # the most actors one record takes from the sentences
CLAIM_REACH = 3  # sentences after the incident's where a claim may name its perpetrator
SIDES = ("perpetrator", "target")


def _actor(mention: Mention, role: str, country: Any) -> DraftActor:
    """A draft's actor for a mention the sentences give ``role``."""
    return DraftActor(
        name=mention.actor.named_for(country),
        name_original=mention.actor.matched,
        role=role,
        kind=mention.actor.kind,
    )


def _decided(draft: Draft, article: Article) -> dict[str, DraftActor]:
    """Actor name (casefolded) → the actor the incident's first cited sentence decides (the
    one that reports it; later ones often tell another event: a strike after a bombing)."""
    span = article.sentence(draft.sentences[0]) if draft.sentences else None
    if span is None:
        return {}
    decided: dict[str, DraftActor] = {}
    for mention in read_sentence_roles(span.text):
        if mention.role in SIDES:
            actor = _actor(mention, mention.role, draft.location.country)
            decided.setdefault(actor.name.casefold(), actor)
    return decided


def _claimed(draft: Draft, article: Article) -> dict[str, DraftActor]:
    """The perpetrator a claim right after the incident's sentences names, when they name
    none ("… killing two soldiers. The attack was claimed by JNIM.")."""
    last = max(draft.sentences, default=0)
    for number in range(last + 1, last + 1 + CLAIM_REACH):
        span = article.sentence(number)
        mention = claimed_by(span.text) if span is not None else None
        if mention is not None:
            actor = _actor(mention, "perpetrator", draft.location.country)
            return {actor.name.casefold(): actor}
    return {}


def read_roles(draft: Draft, article: Article) -> Draft:
    """Give the actors their roles as the first cited sentence says them."""
    decided = _decided(draft, article)
    no_perpetrator = all(a.role != "perpetrator" for a in [*draft.actors, *decided.values()])
    if no_perpetrator and draft.event_type in POLITICAL_VIOLENCE:
        decided.update(_claimed(draft, article))
    if not decided:
        return draft
    both_sides = {a.role for a in decided.values()} >= set(SIDES)
    actors: list[DraftActor] = []
    changed: list[str] = []
    for actor in draft.actors:
        said = decided.get(actor.name.casefold())
        if said is not None:
            if said.role != actor.role:
                changed.append(f"{actor.name} {actor.role} → {said.role}")
            actors.append(replace(actor, role=said.role))
        elif both_sides and actor.role in SIDES:
            changed.append(f"{actor.name} dropped (not named as a side)")
        else:
            actors.append(actor)
    listed = {a.name.casefold() for a in actors}
    for key, actor in decided.items():
        if actor.kind == "civilians" and draft.event_type not in POLITICAL_VIOLENCE:
            continue  # "people marched", "police arrested 5 people": not a side ACLED names
        if key not in listed and len(actors) < MAX_ACTORS:
            actors.append(actor)
            changed.append(f"{actor.name} added as {actor.role}")
    if changed:
        draft.note("roles read from the sentences: " + "; ".join(changed))
    draft.actors = actors
    return draft


STAGE = Stage(
    "read_roles",
    "perpetrator and target as the cited sentences say them («برصاص X», 'X attacked Y', 'par X')",
    each(read_roles),
)
