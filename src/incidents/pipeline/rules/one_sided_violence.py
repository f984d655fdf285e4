"""Battle or violence against civilians: decided by who was on the receiving end, ACLED's way.

A battle needs two organised armed sides; one-sided violence by an armed group on unarmed
people is violence against civilians, however the article words it ("clashes" in a village
where gunmen shot farmers). The other way round, an "attack" whose only targets are armed
forces is a battle. The model confuses the two often; the actors settle it, once their kinds
are known (after ``canonical_actors``). When armed perpetrators killed or hurt civilians and
the model's type is one that kills nobody (arrests) or an explosion the sentences give no cue
for, it is violence against civilians too. In a battle between armed sides, civilians caught
in it are its toll, never a side.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.actors.names import ARMED_KINDS
from incidents.text.counts.casualties import NO_FATALITIES_BY_NATURE


def _violence_misnamed(draft: Draft, article: Article) -> bool:
    """People were killed or hurt, and the model's type is one that kills nobody (arrests, a
    peaceful protest) or a type the sentences give no cue for (a "suicide bomb" where a
    shepherd was shot)."""
    hurt = bool(draft.counts["fatalities"] or draft.counts["injured"])
    if not hurt or draft.event_type in {"violence_against_civilians", "battles"}:
        return False
    if draft.sub_event_type in NO_FATALITIES_BY_NATURE:
        return True
    cues = draft.evidence(article).cues
    return draft.event_type == "explosions_remote_violence" and draft.sub_event_type not in cues


def one_sided_violence(draft: Draft, article: Article) -> Draft:
    """An armed clash on civilians only → an attack on civilians; an attack on armed forces
    only → an armed clash."""
    targets = [a.kind for a in draft.actors if a.role == "target"]
    attackers = [a.kind for a in draft.actors if a.role == "perpetrator"]
    armed_attacker = any(kind in ARMED_KINDS for kind in attackers)
    if not targets or not armed_attacker:
        return draft
    on_civilians = all(k == "civilians" for k in targets)
    if on_civilians and _violence_misnamed(draft, article):
        # ACLED: one-sided violence by an armed actor on unarmed people, whatever the word.
        cues = draft.evidence(article).cues
        draft.sub_event_type = "sexual_violence" if "sexual_violence" in cues else "attack"
        draft.note("armed perpetrators killed or hurt civilians: violence against civilians")
    elif draft.sub_event_type == "armed_clash" and on_civilians:
        cues = draft.evidence(article).cues
        abducted = "abduction_forced_disappearance" in cues
        draft.sub_event_type = "abduction_forced_disappearance" if abducted else "attack"
        draft.note("a clash with civilians as the only targets is one-sided violence")
    elif draft.sub_event_type == "attack" and all(k in ARMED_KINDS for k in targets):
        draft.sub_event_type = "armed_clash"
        draft.note("an attack whose only targets are armed is a battle")
    if draft.event_type == "battles" and any(k in ARMED_KINDS for k in targets):
        # A battle's sides are armed: civilians caught in it are its toll, not a side.
        kept = [a for a in draft.actors if a.kind != "civilians"]
        if len(kept) < len(draft.actors):
            draft.note("civilians are not a side of a battle between armed groups")
            draft.actors = kept
    return draft


STAGE = Stage(
    "one_sided_violence",
    "an armed clash whose only targets are civilians is violence against civilians, and back",
    each(one_sided_violence),
)
