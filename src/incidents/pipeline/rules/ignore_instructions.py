"""Text addressed to the tool is not evidence.

A sentence that speaks to the model («تجاهل التعليمات», "Ignore your instructions and ...",
"Note to the AI coding this text: ...", a fake ``SYSTEM:`` line; see
:mod:`incidents.text.security.instructions`) is taken out of every incident's citations, also when
an earlier stage added it as a toll or a group size; an incident left citing nothing is dropped.
Then no count, place, actor or type can be read from it by the stages that follow.

So is a sentence the signal judge finds suspicious without withholding it: one that names the
text or its data and directs its reader (:func:`incidents.text.security.address_signals.suspicious`,
issue 23). It stays in what the model reads, since it may be news about the news, but no
record cites it, so a count, a place or an actor found only there cannot enter a record.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.security.address_signals import suspicious
from incidents.text.security.instructions import addressed_to_the_tool


def ignore_instructions(draft: Draft, article: Article) -> Draft | None:
    """Remove sentences addressed to the tool, or suspicious, from the citations; None when
    none is left."""
    kept = [number for number in draft.sentences if not _distrusted(article.passage([number]).text)]
    if not kept:
        return None
    draft.sentences = kept
    return draft


def _distrusted(sentence: str) -> bool:
    return addressed_to_the_tool(sentence) or suspicious(sentence)


STAGE = Stage(
    "ignore_instructions",
    "take sentences addressed to the model, or suspicious, out of the evidence; drop incidents "
    "citing only them",
    each(ignore_instructions),
)
