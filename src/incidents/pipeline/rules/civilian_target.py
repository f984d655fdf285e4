"""Violence against civilians has civilians on the receiving end.

ACLED's violence against civilians is one-sided violence by an armed actor on unarmed people:
its second actor is always civilians ("Civilians (Mali)"), whoever the article says they were
(a shepherd, two brothers, «مواطن»). When the record of such an incident names no target, the
civilians of the incident's country are the target.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, DraftActor
from incidents.pipeline.stage import Stage, each
from incidents.text.actors.names import canonical_actor


def civilian_target(draft: Draft, article: Article) -> Draft:
    """Add "Civilians (<country>)" as the target of violence against civilians that has none."""
    if draft.event_type != "violence_against_civilians":
        return draft
    if any(actor.role == "target" for actor in draft.actors):
        return draft
    civilians = canonical_actor("civilians")
    if civilians is None:  # the alias table always has it; guard for a custom table
        return draft
    name = civilians.named_for(draft.location.country or article.country)
    draft.actors = [
        *draft.actors,
        DraftActor(name=name, name_original=None, role="target", kind="civilians"),
    ]
    draft.note(f"violence against civilians: {name} is the target")
    return draft


STAGE = Stage(
    "civilian_target",
    "violence against civilians with no target listed: the civilians of its country",
    each(civilian_target),
)
