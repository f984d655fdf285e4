"""ACLED's remainder: "a group of 18 ... two were killed and the rest captured" → 16 detained.

Only when the evidence gives the group's size, speaks of "the rest" next to a capture word and
states the killed, so both figures of the difference are in the evidence, and when no detained
count is read from the evidence directly.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.counts.casualties import remainder_detained


def count_remainder(draft: Draft, article: Article) -> Draft:
    """Set ``detained`` to the group's size minus the killed, when the evidence says so."""
    passage = draft.evidence(article)
    remainder = remainder_detained(passage.text, draft.counts["fatalities"])
    if remainder is not None and "detained" not in passage.counts:
        draft.counts["detained"] = remainder
    return draft


STAGE = Stage(
    "count_remainder",
    "detained = the group's size minus the killed when the rest were captured",
    each(count_remainder),
)
