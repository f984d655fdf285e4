"""Rules an analyst never breaks about who did what to whom, checked after the names are known.

A 1.5B model lists the same actor on both sides of one incident, makes villagers the
perpetrators of the attack that killed them, and swaps a drone's owner with its target. ACLED's
coding rules settle each case without reading the article again:

* one actor is not both perpetrator and target of one incident (except two clans' militias,
  which share a generic name): civilians keep the target
  role, protesters and rioters the perpetrator role (they are a demonstration's first actor),
  any other actor the role the model gave it first;
* civilians are never the perpetrators of political violence (battles, explosions, violence
  against civilians): they are its targets;
* protesters are the first actor of a protest, rioters of a riot;
* in an air or drone strike the perpetrator owns the aircraft, so an actor that cannot own
  one (civilians, protesters, rioters) is the target;
* in arrests the state arrests: state forces given as the target of a non-state actor are
  the model's swap, and the two sides change places.
"""

from __future__ import annotations

from dataclasses import replace

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, DraftActor
from incidents.pipeline.stage import Stage, each

POLITICAL_VIOLENCE = {"battles", "explosions_remote_violence", "violence_against_civilians"}
DEMONSTRATORS = {"protesters", "rioters"}


def _fixed_role(actor: DraftActor, event_type: str, sub_event: str) -> str | None:
    """The role ACLED's rules give this actor in this kind of event (or the model's role)."""
    kind, role = actor.kind, actor.role
    if kind == "civilians" and event_type in POLITICAL_VIOLENCE:
        return "target"
    if kind in DEMONSTRATORS and event_type in {"protests", "riots"} and role == "target":
        # "Protesters (Iraq)" demonstrating are the first actor even when police intervene.
        return "perpetrator" if sub_event in {"peaceful_protest", "violent_demonstration"} else role
    if kind in DEMONSTRATORS | {"civilians"} and sub_event == "air_drone_strike":
        return "target"
    return role


def _keep_one_role(actors: list[DraftActor]) -> list[DraftActor]:
    """One entry per actor name: the first role given, after the fixes above. Identity militias
    are the exception: two clans' militias fighting each other share one generic name."""
    kept: list[DraftActor] = []
    seen: set[str] = set()
    for actor in actors:
        key = actor.name.casefold()
        if actor.kind == "identity_militia" or key not in seen:
            seen.add(key)
            kept.append(actor)
    return kept


def _arrests_by_the_state(actors: list[DraftActor]) -> list[DraftActor]:
    """In arrests, state forces arrest: a state force given as the target of a non-state
    "perpetrator" is the model's swap ("police arrested suspected gang members")."""
    state_targets = [a for a in actors if a.role == "target" and a.kind == "state_forces"]
    others_act = [a for a in actors if a.role == "perpetrator" and a.kind != "state_forces"]
    if not state_targets or not others_act:
        return actors
    swap = {"target": "perpetrator", "perpetrator": "target"}
    return [replace(a, role=swap.get(a.role or "", a.role)) for a in actors]


def check_actor_roles(draft: Draft, article: Article) -> Draft:
    """Fix roles that break ACLED's rules; list each actor once."""
    sub_event = draft.sub_event_type
    event_type = draft.event_type
    actors = _arrests_by_the_state(draft.actors) if sub_event == "arrests" else draft.actors
    fixed = [replace(actor, role=_fixed_role(actor, event_type, sub_event)) for actor in actors]
    kept = _keep_one_role(fixed)
    if kept != draft.actors:
        draft.note("roles fixed by ACLED's rules (one side per actor; civilians are targets)")
    draft.actors = kept
    return draft


STAGE = Stage(
    "check_actor_roles",
    "one role per actor; civilians are targets of violence, demonstrators the first actor",
    each(check_actor_roles),
)
