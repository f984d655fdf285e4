"""A demonstration whose participants use violence is a riot, not a protest (ACLED).

Burning tyres, stone throwing, roads blocked by force or a building stormed make a
demonstration a riot (``violent_demonstration``) even when the model calls it a protest; the
demonstrators become rioters. The cues are ``violent_demonstration``'s in
``data/event_cues.yaml``, read in the incident's own sentences.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.actors.names import canonical_actor

PROTESTS = {"peaceful_protest", "protest_with_intervention"}


def violent_protest(draft: Draft, article: Article) -> Draft:
    """A protest whose evidence cues demonstrators' violence → a violent demonstration."""
    if draft.sub_event_type not in PROTESTS:
        return draft
    if "violent_demonstration" not in draft.evidence(article).cues:
        return draft
    draft.sub_event_type = "violent_demonstration"
    draft.note("the demonstrators burned, stoned or blocked roads: a riot")
    country = draft.location.country
    rioters = canonical_actor("rioters")
    for actor in draft.actors:
        if actor.kind == "protesters" and rioters is not None:
            actor.kind = "rioters"
            if actor.name.casefold().startswith("protesters"):
                actor.name = rioters.named_for(country)
    return draft


STAGE = Stage(
    "violent_protest",
    "a protest whose participants burn, stone or block roads by force is a riot",
    each(violent_protest),
)
