"""Drop incidents none of whose sentences reports an event.

Statements, plans, background and economic news produce "incidents" on a small model. An
incident is dropped when every sentence it cites reports no event of its own
(:func:`incidents.text.events.non_events.non_event`): no event word; only a threat, plan, condition,
request or denial («لوّحت بتنظيم وقفة», «في حال», "if"); history before the news ("last year",
«منذ بداية الحرب», an anniversary, a year before publication); a habit or a tally ("often",
«عادة ما»); or an agreement on prices. One sentence that reports an event keeps the incident.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.events.non_events import non_event


def non_event_reason(draft: Draft, article: Article) -> str | None:
    """Why none of the draft's sentences reports an event ("not an event: [3] history, before
    the news (last year)"), or None when one of them does."""
    reasons = []
    for number in draft.sentences:
        passage = article.passage([number])
        verdict = non_event(passage.text, article.published, passage.cues)
        if verdict is None:
            return None
        reasons.append(f"[{number}] {verdict}")
    return "not an event: " + "; ".join(reasons)


def drop_non_events(draft: Draft, article: Article) -> Draft | None:
    """None, with the reason noted, unless at least one cited sentence reports an event."""
    reason = non_event_reason(draft, article)
    if reason is None:
        return draft
    draft.note(reason)
    return None


STAGE = Stage(
    "drop_non_events",
    "drop incidents whose sentences report no event: no event word, a plan, history, a habit",
    each(drop_non_events),
)
