"""A bomb defused or a weapons cache seized is a strategic development, not an explosion.

The model reads "explosive device" or «عبوة ناسفة» and codes an IED attack although the device
was dismantled before it went off. ACLED codes that as ``disrupted_weapons_use``. An explosion
type whose evidence cues a disrupted weapon and counts nobody killed or injured becomes one;
with casualties, something went off, and the explosion stands.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each


def disrupted_weapons(draft: Draft, article: Article) -> Draft:
    """An explosion with a disrupted-weapon cue and no casualties → disrupted weapons use."""
    if draft.event_type != "explosions_remote_violence":
        return draft
    if any(draft.counts.get(name) for name in ("fatalities", "injured")):
        return draft
    if "disrupted_weapons_use" in draft.evidence(article).cues:
        draft.sub_event_type = "disrupted_weapons_use"
        draft.note("the weapon was defused or seized and no one was hurt")
    return draft


STAGE = Stage(
    "disrupted_weapons",
    "an explosion type whose evidence tells of a weapon defused or seized, no one hurt",
    each(disrupted_weapons),
)
