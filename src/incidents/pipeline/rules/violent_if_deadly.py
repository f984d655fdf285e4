"""An "arrest" or a "peaceful protest" in which people were killed is coded by its violence.

When the incident has fatalities and its type is one that kills nobody by nature, the earliest
violent type cued in the sentence that states the deaths («اشتباكات» → armed_clash) replaces
it. The cue is looked for in that sentence only: a group's earlier history of shelling is not
how these people died.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.counts.casualties import NO_FATALITIES_BY_NATURE
from incidents.text.events.cues import ANY_EVENT, PLANNED


def violent_if_deadly(draft: Draft, article: Article) -> Draft:
    """Recode a deadly non-violent type by the violence its death sentence cues."""
    if not draft.counts["fatalities"] or draft.sub_event_type not in NO_FATALITIES_BY_NATURE:
        return draft
    deadly = next(
        (p for n in draft.sentences if "fatalities" in (p := article.passage([n])).counts),
        draft.evidence(article),
    )
    violent = {
        cued: position
        for cued, position in deadly.cues.items()
        # The two markers are no types: "something happened", "something planned".
        if cued not in (ANY_EVENT, PLANNED) and cued not in NO_FATALITIES_BY_NATURE
    }
    if violent:
        draft.sub_event_type = min(violent, key=lambda cued: violent[cued])
    return draft


STAGE = Stage(
    "violent_if_deadly",
    "recode a deadly arrest or peaceful protest by the violence its death sentence cues",
    each(violent_if_deadly),
)
