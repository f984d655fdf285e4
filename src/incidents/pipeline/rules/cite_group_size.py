"""Cite the sentence that gave a group's size when the evidence counts "the rest".

"...two were killed and the rest captured": the remainder can only be counted from the
evidence if the earlier sentence that introduced the group ("a group of 18 ...") is cited too.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.counts.casualties import group_size
from incidents.text.counts.numbers import speaks_of_the_rest

GROUP_LOOKBACK_SENTENCES = 3


def cite_group_size(draft: Draft, article: Article) -> Draft:
    """Add the group-size sentence of up to three sentences back to the draft's citations."""
    own = draft.evidence(article).text
    if not speaks_of_the_rest(own) or group_size(own) is not None:
        return draft
    first = min(draft.sentences)
    for number in range(first - 1, max(0, first - 1 - GROUP_LOOKBACK_SENTENCES), -1):
        sentence = article.sentence(number)
        if sentence is not None and group_size(sentence.text) is not None:
            draft.sentences = sorted({number, *draft.sentences})
            return draft
    return draft


STAGE = Stage(
    "cite_group_size",
    "cite the earlier sentence giving a group's size when the evidence counts 'the rest'",
    each(cite_group_size),
)
