"""Check the model's sub-event type against the words of its own evidence.

A 1.5B model often picks a type the cited sentences do not support (an "abduction" for a
sniper killing). When the evidence holds no cue (``data/event_cues.yaml``) for the model's type
but does for another, the type with the earliest cue wins; with no cue at all, the model's
choice stands.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.events.cues import sub_event_by_cues


def check_sub_event(draft: Draft, article: Article) -> Draft:
    """The model's sub-event type if its evidence cues it, else the earliest cued type."""
    draft.sub_event_type = sub_event_by_cues(draft.sub_event_type, draft.evidence(article).cues)
    return draft


STAGE = Stage(
    "check_sub_event",
    "replace a sub-event type the evidence has no cue for by the earliest cued type",
    each(check_sub_event),
)
