"""Datelines are not evidence.

A small model often cites the dateline line («دير الزور», "KIRKUK, Iraq") or codes it as an
incident. A cited sentence of at most three words and no digit is taken out of the citations;
an incident left citing nothing is dropped.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each

DATELINE_MAX_WORDS = 3


def is_dateline(sentence: str) -> bool:
    """Whether a sentence is only a dateline: a few words, no digits."""
    return len(sentence.split()) <= DATELINE_MAX_WORDS and not any(c.isdigit() for c in sentence)


def ignore_datelines(draft: Draft, article: Article) -> Draft | None:
    """Remove dateline sentences from the citations; None when nothing else is cited."""
    kept = [
        number
        for number in draft.sentences
        if (sentence := article.sentence(number)) is not None and not is_dateline(sentence.text)
    ]
    if not kept:
        return None
    draft.sentences = kept
    return draft


STAGE = Stage(
    "ignore_datelines",
    "take dateline lines out of the evidence; drop incidents that cite nothing else",
    each(ignore_datelines),
)
