"""An incident whose own sentences give no date takes the date of the text before it.

Reports state the date once: in the dateline ("NAIROBI, June 26 —"), in a lead ("took to the
streets on Wednesday …") or in a live blog's header («الأحد 2 تشرين الثاني/نوفمبر 2025»),
and the paragraphs that follow tell that day's events without repeating it; "Hours later"
and «في وقت لاحق من اليوم نفسه» point back to it too. An analyst codes those events on that
day, so an incident left without a resolved date takes the nearest date phrase of the
sentences before its own (nearest first), resolved as ``resolve_date`` would. The phrase it
took is its ``date.text``; with none before it, the incident stays undated.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.dates.phrases import find_date_phrase, without_dateline
from incidents.text.dates.resolve import resolve_date, year_anchor


def inherit_date(draft: Draft, article: Article) -> Draft:
    """The nearest resolvable date phrase before the incident's sentences, if it has none."""
    if draft.date is not None and draft.date.start is not None:
        return draft
    published = article.published
    anchor = year_anchor(article.text) if published is None else None
    for number in range(min(draft.sentences) - 1, 0, -1):
        sentence = article.sentence(number)
        phrase = None
        if sentence is not None:  # the event's date, not the report's (dateline) if both
            own = find_date_phrase(without_dateline(sentence.text), published)
            phrase = own or find_date_phrase(sentence.text, published)
        if phrase is None:
            continue
        span = resolve_date(phrase, published, anchor=anchor)
        if span.start is not None:
            draft.note(f"no date in its sentences: {phrase!r} of sentence [{number}] before it")
            draft.date_phrase, draft.date = phrase, span
            return draft
    return draft


STAGE = Stage(
    "inherit_date",
    "an incident with no date in its sentences takes the nearest date stated before them",
    each(inherit_date),
)
