"""Resolve the date phrase against the publication date («أمس» → published − 1 day).

See :mod:`incidents.text.dates` for the rules (dateparser plus what it misses in news).
Without ``published``, a relative phrase stays unresolved with its text kept.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.dates import resolve_date as resolve_phrase


def resolve_date(draft: Draft, article: Article) -> Draft:
    """Set the date span from the phrase and the publication date."""
    draft.date = resolve_phrase(draft.date_phrase, article.published)
    return draft


STAGE = Stage(
    "resolve_date",
    "resolve the date phrase to start/end/precision against the publication date",
    each(resolve_date),
)
