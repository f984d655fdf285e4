"""Resolve an article's date phrase («قبل أيام», "yesterday", «15 آذار/مارس 2025») to a DateSpan.

``dateparser`` (Arabic, English, French) does the heavy lifting; rules here cover what it
misses or gets wrong for news:

* stated dates (forms in :mod:`incidents.text.dates.patterns`) are cut out of the phrase and
  read alone, so the day and month win over a weekday or a relative word next to them
  («أمس الإثنين 11 آب», «الثلاثاء 18 شباط»); without a year, the latest such day not after
  ``published``; hedges ("around", "on or about", "(as reported)", «نحو») are dropped;
* a part of a month ("in early May", «مطلع آذار», "mi-juin") → that month, precision ``month``;
* ranges ("between 3 and 5 May", «بين 3 و5 أيار») → start and end as stated, precision ``day``
  (the days are known; the span's length tells an exporter ACLED's time precision);
* relative phrases («أمس», «قبل أيام», "on Monday", "last week", «الشهر الماضي») → rules
  in :mod:`incidents.text.dates.relative`, against ``published``;
* Levantine month names («آذار», «تشرين الأول») and doubled names («آذار/مارس»).

A phrase that fixes its date by itself (it resolves the same against any reference date,
e.g. "15 March 2025", «يوليو 2023») resolves without ``published``; so does a day and month
when the article states another date with its year (``anchor``); any other phrase needs
``published`` and otherwise stays unresolved with its text kept. Numeric dates are read day first
(03/08/2024 = 3 August), as Arabic and French sources write them. Spans never end after
``published`` (a stated date after it is kept as stated).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from incidents.schema import DatePrecision, DateSpan
from incidents.text.counts.numbers import digitize
from incidents.text.dates.patterns import (
    AR_EGYPTIAN_MONTH,
    EN_MONTH_NAMES,
    FR_MONTH_NAMES,
    LEVANTINE,
    RANGE_DAY_FIRST,
    RANGE_MONTH_FIRST,
    STATED_DATE,
)
from incidents.text.dates.relative import month_span, relative_span, weekday_span
from incidents.text.dates.words import alternation, vocabulary
from incidents.text.language.normalize import normalize_name

_TEXT_MAX = 120  # DateSpan.text's max_length
_PROBES = (dt.date(2001, 6, 15), dt.date(2013, 1, 20))  # any two dates with nothing in common

_Span = tuple[dt.date, dt.date, DatePrecision]
_HALF_YEAR = dt.timedelta(days=182)
_DIGITS_ONLY = re.compile(r"[\d\s./-]+")
_NUMERIC_DATE = re.compile(r"\d{4}|\d{1,2}([./-])\d{1,2}\1\d{4}|\d{4}-\d{1,2}-\d{1,2}")

_MONTH_WORDS = f"{AR_EGYPTIAN_MONTH}|{EN_MONTH_NAMES}|{FR_MONTH_NAMES}"  # data/date_words.yaml
_DOUBLED_MONTH = re.compile(rf"({_MONTH_WORDS})\s*[/(]\s*({_MONTH_WORDS})\)?", re.IGNORECASE)
_MONTH = re.compile(rf"(?<!\w)({_MONTH_WORDS})(?!\w)", re.IGNORECASE)
# Hedges (data/date_words.yaml), letter for letter. Not "c.": the \b after the Latin words
# cannot follow its full stop, so it was never dropped (and "c. 12 June 2024" stays unread).
_HEDGES = vocabulary()["hedges"]
_REPORTED = vocabulary()["as_reported"]
_AR_HEDGES = alternation(_HEDGES["ar"] + vocabulary()["hedges_after"]["ar"], re.escape)
_LATIN_HEDGES = alternation(
    [h for h in _HEDGES["en"] + _HEDGES["fr"] if not h.endswith(".")] + _REPORTED["en"], re.escape
)
# "(according to AFP)" as well: the finder leaves it out of a date phrase, but a phrase the
# model copied may hold it.
_IN_BRACKETS = alternation([*_REPORTED["en"], *_REPORTED["fr"], "according"], re.escape)
# Words dateparser does not expect next to a date: time of day, "last", hedges ("around",
# «نحو»), parts of a month ("early", «مطلع»: the month is what is known) and «شهر»/«عام».
_FILLER = re.compile(
    r"(?<!\w)(يوم|صباح|مساء|فجر|ظهر|ليلة|ليل|منتصف|نهار|عصر|في|الماضي|الماضية|الفائت|المنصرم|"
    rf"الجاري|الحالي|{_AR_HEDGES}|مطلع|[أا]وائل|[أا]واخر|[أا]واسط|بداي[ةه]|"
    r"نهاي[ةه]|شهر|من|عام|سنة)(?!\w)"
    rf"|\({_IN_BRACKETS}\b[^()]*\)"  # "(as reported by AFP)", "(according to ...)"
    r"|\b(?:mid|(?:à la )?mi)-"  # "mid-June", "mi-juin"
    rf"|\b(last|past|dernier|derni[eè]re|pass[ée]e?|{_LATIN_HEDGES}|early|late|mid|"
    r"(at |in )?the (beginning|start|end|middle) of|courant|début|fin|(à la )?mi|"
    r"((au|du) )?mois d[e'])\b|[()]",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _parser(base: dt.date) -> Any:  # dateparser's DateDataParser
    from dateparser.date import DateDataParser  # deferred: importing dateparser costs ~0.3 s

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day, 12),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=["ar", "en", "fr"], settings=settings)


def _for_dateparser(phrase: str) -> str:
    text = digitize(phrase)
    for pattern, name in LEVANTINE:
        text = re.sub(pattern, name, text)
    text = _DOUBLED_MONTH.sub(r"\1", text)
    if _MONTH.search(text) or re.search(r"\d", text):
        text = _FILLER.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" ,.،")


def _span(day: dt.date, period: str) -> _Span:
    if period == "year":
        start, end, precision = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year"
    elif period == "month":
        (start, end), precision = month_span(day.year, day.month), "month"
    elif period == "week":
        start, end, precision = day - dt.timedelta(days=3), day + dt.timedelta(days=3), "week"
    else:  # "day", and "time"/"part_of_day" ("this morning") which still name a day
        start, end, precision = day, day, "day"
    return start, end, DatePrecision(precision)


def _dateparse(clean: str, base: dt.date) -> _Span | None:
    if not clean or (_DIGITS_ONLY.fullmatch(clean) and not _NUMERIC_DATE.fullmatch(clean)):
        return None  # "5", "12-14" (a count, a range of counts) are no dates; 2023, 3/8/2024 are
    data = _parser(base).get_date_data(clean)
    if data is None or data.date_obj is None:
        return None
    return _span(data.date_obj.date(), data.period or "day")


def _fixed(clean: str) -> _Span | None:
    """The span of a phrase that fixes its own date ("15 March 2025", «يوليو 2023»): it
    resolves the same against any reference date."""
    probes = {_dateparse(clean, probe) for probe in _PROBES}
    return probes.pop() if len(probes) == 1 and None not in probes else None


def _capped(span: _Span, published: dt.date | None) -> _Span:
    start, end, precision = span
    if published is not None and start <= published < end:
        end = published
    return start, end, precision


def _read(clean: str, published: dt.date | None) -> _Span | None:
    """A date as dateparser reads it; without a year, the latest one not after published."""
    fixed = _fixed(clean)
    if fixed is not None:
        return _capped(fixed, published)
    if published is None:
        return None
    parsed = _dateparse(clean, published)
    if parsed is None or parsed[0] > published:
        return None  # a date after publication is a misreading, not an event date
    return _capped(parsed, published)


def _range(parts: dict[str, str | None], published: dt.date | None) -> _Span | None:
    """ "between 3 and 5 May", «بين 3 و5 أيار»: precision day, since the days are stated (the
    span's length is for an exporter to turn into ACLED's time precision).

    The first day is read like any stated date; the last is the first such day on or after
    it, so "10-16 March" published on 12 March still ends on 16 March (then capped).
    """
    first_month, last_month = parts["m1"] or parts["m2"], parts["m2"] or parts["m1"]
    first_year, last_year = parts.get("y1") or parts.get("y2"), parts.get("y2")
    first = _read(_for_dateparser(f"{parts['d1']} {first_month} {first_year or ''}"), published)
    if first is None:
        return None
    start = first[0]
    last_day = f"{parts['d2']} {last_month}"
    end = _day_of_year(last_day, int(last_year) if last_year else start.year)
    if end is not None and end < start:
        if last_year is None:
            end = _day_of_year(last_day, start.year + 1)  # "28 December to 2 January"
        elif parts.get("y1") is None:
            start = start.replace(year=start.year - 1)  # "28 December to 2 January 2025"
    if end is None or end < start:
        return None
    return _capped((start, end, DatePrecision.day), published)


def _day_of_year(day_month: str, year: int) -> dt.date | None:
    fixed = _fixed(_for_dateparser(f"{day_month} {year}"))
    return fixed[0] if fixed is not None else None


def _stated(phrase: str, published: dt.date | None) -> _Span | None:
    """The date the phrase states (a day, a month), read on its own so that words
    around it («أمس الإثنين 11 آب», "Monday, 12 August") do not confuse dateparser; a stated
    day and month win over a weekday or a relative word next to them."""
    match = STATED_DATE.search(phrase)
    return _read(_for_dateparser(match.group(0)), published) if match else None


def _relative(phrase: str, published: dt.date | None) -> _Span | None:
    clean = _for_dateparser(phrase)
    fixed = _fixed(clean)
    if fixed is not None or published is None:
        return fixed and _capped(fixed, published)
    norm = normalize_name(phrase)
    relative = relative_span(norm, published)
    if relative is not None:
        return relative
    explicit = bool(_MONTH.search(clean) or re.search(r"\d", clean))
    weekday = None if explicit else weekday_span(norm, published)
    if weekday is not None:
        return weekday[0], weekday[1], DatePrecision.day
    return _read(clean, published)


def _resolve(phrase: str, published: dt.date | None, anchor: dt.date | None) -> DateSpan | None:
    # Without a publication date, a stated day and month take the year that puts them nearest
    # a date the article states with its year; relative words still need ``published``.
    reference = published or (anchor + _HALF_YEAR if anchor is not None else None)
    in_range = RANGE_DAY_FIRST.search(phrase) or RANGE_MONTH_FIRST.search(phrase)
    if in_range is not None:  # read as a range or not at all: dateparser takes "12-14" as 1914
        span = _range(in_range.groupdict(), reference)
    else:
        span = _stated(phrase, reference) or _relative(phrase, published)
    if span is None:
        return None
    start, end, precision = span
    return DateSpan(start=start, end=end, precision=precision, text=phrase[:_TEXT_MAX])


@lru_cache(maxsize=16)
def year_anchor(text: str) -> dt.date | None:
    """The first date ``text`` states with its year («الخميس 4 أيلول/سبتمبر 2025»), or None:
    what dates without a year in an undated article are read against."""
    for match in STATED_DATE.finditer(text):
        fixed = _fixed(_for_dateparser(match.group(0)))
        if fixed is not None:
            return fixed[0]
    return None


def resolve_date(
    phrase: str | None, published: dt.date | None, *, anchor: dt.date | None = None
) -> DateSpan:
    """Resolve a date phrase against the publication date.

    Args:
        phrase: The phrase as the article words it («قبل أيام», "on Monday", «15 آذار 2025»),
            or None.
        published: Publication date of the article, or None when unknown.
        anchor: Used only without ``published``: a date the article states with its year
            (:func:`year_anchor`). A day and month without a year («الجمعة 5 أيلول») then take
            the year that puts them nearest to it; relative phrases stay unresolved.

    Returns:
        A DateSpan whose ``text`` is the phrase (cut to 120 characters); ``start``/``end``
        are null and ``precision`` is ``unknown`` when the phrase cannot be resolved. Never
        raises.
    """
    if not isinstance(phrase, str) or not phrase.strip():
        return _unknown(phrase[:_TEXT_MAX] if isinstance(phrase, str) and phrase else None)
    if isinstance(published, dt.datetime):
        published = published.date()
    if not isinstance(published, dt.date):
        published = None
    try:
        span = _resolve(phrase, published, anchor)
    except Exception:  # dateparser raises on some odd inputs; a date is never worth a crash
        span = None
    return span if span is not None else _unknown(phrase[:_TEXT_MAX])


def _unknown(text: str | None) -> DateSpan:
    return DateSpan(start=None, end=None, precision=DatePrecision.unknown, text=text)
