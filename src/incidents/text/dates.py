"""Resolve an article's date phrase («قبل أيام», "yesterday", «15 آذار/مارس 2025») to a DateSpan.

``dateparser`` (Arabic, English, French) does the heavy lifting; rules here cover what it
misses or gets wrong for news:

* vague recency («قبل أيام», "a few days ago", "il y a quelques jours", «مؤخراً») → the week
  before publication, precision ``week``;
* same day («صباح اليوم», «منتصف الليل», "this morning", "ce matin") → published, ``day``;
* yesterday («أمس», «البارحة», "last night", "hier") → published − 1; «أول أمس» → − 2;
* weekdays («يوم الاثنين», "on Monday", "lundi") → the latest such day on or before
  published (strictly before with "last"/«الماضي»/"dernier"); dateparser would skip today;
* calendar weeks, months and years ("last week" = Monday–Sunday before publication's week,
  «الشهر الماضي» = the previous calendar month, "this year" = 1 January to published);
* Levantine month names («آذار», «تشرين الأول») and doubled names («آذار/مارس»).

A phrase that fixes its date by itself (it resolves the same against any reference date,
e.g. "15 March 2025", «يوليو 2023») resolves without ``published``; any other phrase needs
it and otherwise stays unresolved with its text kept. Numeric dates are read day first
(03/08/2024 = 3 August), as Arabic and French sources write them. Spans never end after
``published``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from incidents.schema import DatePrecision, DateSpan
from incidents.text.normalize import normalize_name
from incidents.text.numbers import digitize

_TEXT_MAX = 120  # DateSpan.text's max_length
_PROBES = (dt.date(2001, 6, 15), dt.date(2013, 1, 20))  # any two dates with nothing in common

# Levantine month names → the Egyptian/Gulf names dateparser knows; «آب» only next to a
# number or another month, since «أب» is also "father".
_LEVANT = [
    (r"كانون\s+ال[ثت]اني", "يناير"),
    (r"كانون\s+ال[اأ]ول", "ديسمبر"),
    (r"تشرين\s+ال[اأ]ول", "أكتوبر"),
    (r"تشرين\s+ال[ثت]اني", "نوفمبر"),
    (r"شباط", "فبراير"),
    (r"[اأإآ]ذار", "مارس"),
    (r"نيسان", "أبريل"),
    (r"[اأإآ]يار", "مايو"),
    (r"حزيران", "يونيو"),
    (r"تموز", "يوليو"),
    (r"(?<=\d\s)[اأآ]ب(?!\w)|(?<=\d)[اأآ]ب(?!\w)|آب(?!\w)|[اأآ]ب(?=\s*/)|(?<=/)\s*[اأآ]ب", "أغسطس"),
    (r"[اأإ]يلول", "سبتمبر"),
]
_MONTH_WORDS = (
    "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|"
    "ديسمبر|january|february|march|april|may|june|july|august|september|october|november|"
    "december|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre"
)
_DOUBLED_MONTH = re.compile(rf"({_MONTH_WORDS})\s*/\s*({_MONTH_WORDS})", re.IGNORECASE)
_MONTH = re.compile(rf"(?<!\w)({_MONTH_WORDS})(?!\w)", re.IGNORECASE)
# Time-of-day and filler words dateparser does not expect next to a date.
_FILLER = re.compile(
    r"(?<!\w)(يوم|صباح|مساء|فجر|ظهر|ليلة|ليل|منتصف|نهار|عصر|في|الماضي|الماضية|الفائت|المنصرم)"
    r"(?!\w)|\b(last|past|dernier|derni[eè]re|pass[ée]e?)\b",
    re.IGNORECASE,
)

_WEEKDAYS = {
    "اثنين": 0, "ثلاثاء": 1, "اربعاء": 2, "خميس": 3, "جمعه": 4, "سبت": 5, "احد": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6,
}  # fmt: skip
# Arabic weekday names are always definite in news («يوم الأحد»); bare «أحد» is "one".
_WEEKDAY = re.compile(
    r"(?<!\w)(?:[وبل]?ال)(اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت|احد)(?!\w)"
    r"|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|"
    r"vendredi|samedi|dimanche)\b"
)
_LAST = re.compile(r"(?<!\w)(الماضي|الماضيه|الفايت|الفايته|المنصرم)(?!\w)|\b(last|dernier)\b")


def _w(pattern: str) -> re.Pattern[str]:
    """A rule pattern over normalize_name() output, delimited by non-word characters."""
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _last_month(pub: dt.date) -> tuple[dt.date, dt.date]:
    first = pub.replace(day=1) - dt.timedelta(days=1)
    return _month_span(first.year, first.month)


_Rule = tuple[re.Pattern[str], Callable[[dt.date], tuple[dt.date, dt.date]], DatePrecision]
_D = dt.timedelta
# Checked in order against normalize_name(phrase): the first hit wins.
_RULES: list[_Rule] = [
    (_w(r"[وف]?اول (من )?[اب]?امس|day before yesterday|avant hier"),
     lambda p: (p - _D(2), p - _D(2)), DatePrecision.day),
    (_w(r"[وفبل]?(ال)?امس|[وف]?البارحه|yesterday|hier|last night|(la )?nuit derniere|"
        r"الليله الماضيه"), lambda p: (p - _D(1), p - _D(1)), DatePrecision.day),
    (_w(r"[وف]?اليوم|منتصف الليل|هذا الصباح|هذه الليله|الليله|today|this (morning|afternoon|"
        r"evening)|tonight|midnight|earlier today|aujourdhui|ce (matin|soir)|cet apres midi|"
        r"cette nuit"), lambda p: (p, p), DatePrecision.day),
    (_w(r"(قبل|منذ) (بضعه |عده |بضع )?ايام|الايام (القليله )?(الماضيه|الاخيره)|"
        r"(a )?few days ago|several days ago|(in )?recent days|recently|il y a (quelques|"
        r"plusieurs) jours|ces derniers jours|recemment|موخرا"),
     lambda p: (p - _D(7), p), DatePrecision.week),
    (_w(r"(قبل|منذ) اسبوع|a week ago|il y a une semaine"),
     lambda p: (p - _D(10), p - _D(4)), DatePrecision.week),
    (_w(r"(هذا|خلال) الاسبوع( الجاري| الحالي)?|الاسبوع (الجاري|الحالي)|this week|cette semaine"),
     lambda p: (_monday(p), p), DatePrecision.week),
    (_w(r"الاسبوع (الماضي|الفايت|المنصرم)|last week|(la )?semaine (derniere|passee)"),
     lambda p: (_monday(p) - _D(7), _monday(p) - _D(1)), DatePrecision.week),
    (_w(r"(the )?past week"), lambda p: (p - _D(7), p), DatePrecision.week),
    (_w(r"هذا الشهر|الشهر (الجاري|الحالي)|(earlier )?this month|ce mois( ci)?"),
     lambda p: (p.replace(day=1), p), DatePrecision.month),
    (_w(r"الشهر (الماضي|الفايت|المنصرم)|last month|(le )?mois (dernier|passe)"),
     _last_month, DatePrecision.month),
    (_w(r"(هذا|هذه) (العام|السنه)|(العام|السنه) (الجاري|الجاريه|الحالي|الحاليه)|"
        r"(earlier )?this year|cette annee"),
     lambda p: (dt.date(p.year, 1, 1), p), DatePrecision.year),
    (_w(r"(العام|السنه) (الماضي|الماضيه|الفايت|المنصرم)|last year|l?annee (derniere|passee)"),
     lambda p: (dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31)), DatePrecision.year),
]  # fmt: skip


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
    for pattern, name in _LEVANT:
        text = re.sub(pattern, name, text)
    text = _DOUBLED_MONTH.sub(r"\1", text)
    if _MONTH.search(text) or re.search(r"\d", text):
        text = _FILLER.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" ,.،")


def _span(
    day: dt.date, period: str, published: dt.date | None
) -> tuple[dt.date, dt.date, DatePrecision]:
    if period == "year":
        start, end, precision = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year"
    elif period == "month":
        (start, end), precision = _month_span(day.year, day.month), "month"
    elif period == "week":
        start, end, precision = day - _D(3), day + _D(3), "week"
    else:  # "day", and "time"/"part_of_day" ("this morning") which still name a day
        start, end, precision = day, day, "day"
    if published is not None and start <= published < end:
        end = published
    return start, end, DatePrecision(precision)


def _dateparse(clean: str, base: dt.date) -> tuple[dt.date, dt.date, DatePrecision] | None:
    if not clean or re.fullmatch(r"\d{1,2}", clean):
        return None  # a bare "5" is not a date
    data = _parser(base).get_date_data(clean)
    if data is None or data.date_obj is None:
        return None
    return _span(data.date_obj.date(), data.period or "day", None)


def _weekday(norm: str, published: dt.date) -> tuple[dt.date, dt.date] | None:
    match = _WEEKDAY.search(norm)
    if match is None:
        return None
    target = _WEEKDAYS[match.group(1) or match.group(2)]
    back = (published.weekday() - target) % 7
    if back == 0 and _LAST.search(norm):
        back = 7  # "last Monday" said on a Monday is a week ago
    day = published - _D(back)
    return day, day


def _resolve(phrase: str, published: dt.date | None) -> DateSpan | None:
    text = phrase[:_TEXT_MAX]
    clean = _for_dateparser(phrase)
    # A phrase that fixes its own date resolves the same against any reference date.
    probes = {_dateparse(clean, probe) for probe in _PROBES}
    if len(probes) == 1 and None not in probes:
        start, end, precision = probes.pop()  # type: ignore[misc]
        return DateSpan(start=start, end=end, precision=precision, text=text)
    if published is None:
        return None
    norm = normalize_name(phrase)
    for pattern, span, precision in _RULES:
        if pattern.search(norm):
            start, end = span(published)
            return DateSpan(start=start, end=min(end, published), precision=precision, text=text)
    explicit = bool(_MONTH.search(clean) or re.search(r"\d", clean))
    weekday = None if explicit else _weekday(norm, published)
    if weekday is not None:
        return DateSpan(start=weekday[0], end=weekday[1], precision=DatePrecision.day, text=text)
    parsed = _dateparse(clean, published)
    if parsed is None:
        return None
    start, end, precision = parsed
    if start > published:
        return None  # a date after publication is a misreading, not an event date
    return DateSpan(start=start, end=min(end, published), precision=precision, text=text)


def resolve_date(phrase: str | None, published: dt.date | None) -> DateSpan:
    """Resolve a date phrase against the publication date.

    Args:
        phrase: The phrase as the article words it («قبل أيام», "on Monday", «15 آذار 2025»),
            or None.
        published: Publication date of the article, or None when unknown.

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
        span = _resolve(phrase, published)
    except Exception:  # dateparser raises on some odd inputs; a date is never worth a crash
        span = None
    return span if span is not None else _unknown(phrase[:_TEXT_MAX])


def _unknown(text: str | None) -> DateSpan:
    return DateSpan(start=None, end=None, precision=DatePrecision.unknown, text=text)
