"""Find when it happened in the incident's own sentences.

The model's date phrase is kept only if it is copied from the evidence and reads as a date; a
small model often copies a place, any words or nothing (prompt v4 asks for none). Otherwise
the first date phrase of the evidence («فجر اليوم الثلاثاء», "on Monday", "between 3 and 5
May", «في 12 آب/أغسطس 2024») is taken as written; a date more than a year before publication
("founded in May 2019") is background and yields to a later, recent phrase, and a dateline's
date (the report's: "KHERSON, May 20 —") yields to the event's own phrase after it.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, in_text
from incidents.pipeline.stage import Stage, each
from incidents.text.dates.phrases import find_date_phrase as first_date_phrase
from incidents.text.dates.phrases import without_dateline
from incidents.text.dates.resolve import resolve_date


def find_date_phrase(draft: Draft, article: Article) -> Draft:
    """Keep the model's phrase if it is a date in the evidence, else the evidence's first."""
    evidence = draft.evidence(article).text
    copied = in_text(draft.date_phrase, evidence)
    if copied and (
        first_date_phrase(copied) or resolve_date(copied, article.published).precision != "unknown"
    ):
        draft.date_phrase = copied
    else:
        draft.date_phrase = first_date_phrase(without_dateline(evidence), article.published)
        draft.date_phrase = draft.date_phrase or first_date_phrase(evidence, article.published)
    return draft


STAGE = Stage(
    "find_date_phrase",
    "keep the model's date phrase only if it is a date in the evidence, else the evidence's first",
    each(find_date_phrase),
)
