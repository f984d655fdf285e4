"""Resolve the date phrase against the publication date («أمس» → published − 1 day).

See :mod:`incidents.text.dates.resolve` for the rules (dateparser plus what it misses in news).
Without ``published``, a relative phrase stays unresolved with its text kept, and a day and
month without a year («الجمعة 5 أيلول») take their year from a date the article states with
one («الخميس 4 أيلول/سبتمبر 2025»), the nearest such day to it.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.dates.resolve import resolve_date as resolve_phrase
from incidents.text.dates.resolve import year_anchor


def resolve_date(draft: Draft, article: Article) -> Draft:
    """Set the date span from the phrase and the publication date."""
    published = article.published
    anchor = year_anchor(article.text) if published is None and draft.date_phrase else None
    draft.date = resolve_phrase(draft.date_phrase, published, anchor=anchor)
    return draft


STAGE = Stage(
    "resolve_date",
    "resolve the date phrase to start/end/precision against the publication date",
    each(resolve_date),
)
