"""Counts that are zero by what the evidence says or by the event's nature.

"No casualties" means nobody killed or hurt; a peaceful march or a ceasefire kills nobody
(ACLED records 0 fatalities). Only counts still unknown are set.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.counts.casualties import zero_counts


def fill_zero_counts(draft: Draft, article: Article) -> Draft:
    """Set unknown counts to 0 where the evidence or the event's nature says so."""
    zeros = zero_counts(draft.evidence(article).text, draft.sub_event_type)
    for name, zero in zeros.items():
        if draft.counts[name] is None:
            draft.counts[name] = zero
    return draft


STAGE = Stage(
    "zero_counts",
    "0 killed/injured where the evidence says 'no casualties' or the event kills nobody",
    each(fill_zero_counts),
)
