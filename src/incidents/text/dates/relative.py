"""Relative date phrases against the publication date: what dateparser misses or gets wrong.

The phrases are those of ``data/date_words.yaml`` (:mod:`incidents.text.dates.words`), the
same the finder looks for.

Matched against :func:`~incidents.text.language.normalize.normalize_name` of the phrase:

* vague recency («قبل أيام», "a few days ago", "il y a quelques jours", «مؤخراً») → the week
  before publication, precision ``week``;
* same day («صباح اليوم», "tonight", "this morning", "ce matin") → published, ``day``
  («اليوم التالي», "the next day", counts from another event: unresolved);
* yesterday («أمس», «البارحة», "last night", "hier") → published − 1; «أول أمس» → − 2;
* calendar weeks, months and years ("last week" = Monday–Sunday before publication's week,
  «الشهر الماضي» = the previous calendar month, "this year" = 1 January to published);
* weekdays («يوم الاثنين», "on Monday", "lundi") → the latest such day on or before
  published (strictly before with "last"/«الماضي»/"dernier"); dateparser would skip today.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from incidents.schema import DatePrecision
from incidents.text.dates.words import (
    alternation,
    as_normalized,
    phrases,
    relative_phrases,
    weekday_number,
)
from incidents.text.language.normalize import has_arabic, normalize_name

# Arabic weekday names are always definite in news («يوم الأحد»); bare «أحد» is "one".
_WEEKDAY = re.compile(
    "|".join(
        as_normalized(name)
        if not has_arabic(name)
        else rf"(?<!\w)[وبل]?{re.escape(normalize_name(name))}(?!\w)"
        for name in phrases("weekdays")
    )
)
_LAST = re.compile(alternation(phrases("past_markers"), as_normalized))
_COUNTED_FROM_ELSEWHERE = re.compile(
    alternation(phrases("counted_from_another_event"), as_normalized)
)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _last_month(pub: dt.date) -> tuple[dt.date, dt.date]:
    first = pub.replace(day=1) - dt.timedelta(days=1)
    return month_span(first.year, first.month)


_D = dt.timedelta
_Span = Callable[[dt.date], tuple[dt.date, dt.date]]
# What each meaning of data/date_words.yaml spans against the publication date.
_MEANINGS: dict[str, tuple[_Span, DatePrecision]] = {
    "day_before_yesterday": (lambda p: (p - _D(2), p - _D(2)), DatePrecision.day),
    "yesterday": (lambda p: (p - _D(1), p - _D(1)), DatePrecision.day),
    "today": (lambda p: (p, p), DatePrecision.day),
    "recent_days": (lambda p: (p - _D(7), p), DatePrecision.week),
    "a_week_ago": (lambda p: (p - _D(10), p - _D(4)), DatePrecision.week),
    "this_week": (lambda p: (_monday(p), p), DatePrecision.week),
    "last_week": (lambda p: (_monday(p) - _D(7), _monday(p) - _D(1)), DatePrecision.week),
    "past_week": (lambda p: (p - _D(7), p), DatePrecision.week),
    "this_month": (lambda p: (p.replace(day=1), p), DatePrecision.month),
    "last_month": (_last_month, DatePrecision.month),
    "this_year": (lambda p: (dt.date(p.year, 1, 1), p), DatePrecision.year),
    "last_year": (
        lambda p: (dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31)),
        DatePrecision.year,
    ),
}


@lru_cache(maxsize=1)
def _rules() -> list[tuple[re.Pattern[str], _Span, DatePrecision]]:
    """Checked in the file's order against normalize_name(phrase): the first hit wins."""
    return [
        (re.compile(alternation(words, as_normalized)), *_MEANINGS[meaning])
        for meaning, words in relative_phrases().items()
    ]


def relative_span(norm: str, published: dt.date) -> tuple[dt.date, dt.date, DatePrecision] | None:
    """The span of the first relative rule ``norm`` (a normalized phrase) matches, or None."""
    norm = _COUNTED_FROM_ELSEWHERE.sub(" ", norm)  # «اليوم التالي» is no «اليوم»
    for pattern, span, precision in _rules():
        if pattern.search(norm):
            start, end = span(published)
            return start, min(end, published), precision
    return None


def weekday_span(norm: str, published: dt.date) -> tuple[dt.date, dt.date] | None:
    """The latest day named by the weekday in ``norm`` on or before published, or None."""
    match = _WEEKDAY.search(norm)
    if match is None:
        return None
    target = weekday_number(
        match.group().lstrip("وبل") if has_arabic(match.group()) else match.group()
    )
    if target is None:
        return None
    back = (published.weekday() - target) % 7
    if back == 0 and _LAST.search(norm):
        back = 7  # "last Monday" said on a Monday is a week ago
    day = published - _D(back)
    return day, day
