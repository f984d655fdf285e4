"""Drop incidents whose evidence has no word of any event.

Statements, economic news and background produce "incidents" on a small model. The cue table
(``data/event_cues.yaml``) lists words that show an event; an incident none of whose sentences
has one, or whose only cues follow a threat or a plan («لوّحت بتنظيم وقفة», "threatened to"),
is dropped.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each


def drop_non_events(draft: Draft, article: Article) -> Draft | None:
    """None unless at least one cited sentence reports an event."""
    if any(article.passage([n]).reports_an_event for n in draft.sentences):
        return draft
    return None


STAGE = Stage(
    "drop_non_events",
    "drop incidents whose sentences hold no event word, or only a threat or a plan",
    each(drop_non_events),
)
