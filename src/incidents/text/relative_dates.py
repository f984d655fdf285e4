"""Relative date phrases against the publication date: what dateparser misses or gets wrong.

Matched against :func:`~incidents.text.normalize.normalize_name` of the phrase:

* vague recency («قبل أيام», "a few days ago", "il y a quelques jours", «مؤخراً») → the week
  before publication, precision ``week``;
* same day («صباح اليوم», «منتصف الليل», "this morning", "ce matin") → published, ``day``
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

from incidents.schema import DatePrecision

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


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _last_month(pub: dt.date) -> tuple[dt.date, dt.date]:
    first = pub.replace(day=1) - dt.timedelta(days=1)
    return month_span(first.year, first.month)


_Rule = tuple[re.Pattern[str], Callable[[dt.date], tuple[dt.date, dt.date]], DatePrecision]
_D = dt.timedelta
# Checked in order against normalize_name(phrase): the first hit wins.
_RULES: list[_Rule] = [
    (_w(r"[وف]?اول (من )?[اب]?امس|day before yesterday|avant hier"),
     lambda p: (p - _D(2), p - _D(2)), DatePrecision.day),
    (_w(r"[وفبل]?(ال)?امس|[وف]?البارحه|yesterday|hier|last night|(la )?nuit derniere|"
        r"الليله الماضيه"), lambda p: (p - _D(1), p - _D(1)), DatePrecision.day),
    (_w(r"[وف]?اليوم(?! التالي)|منتصف الليل|هذا الصباح|هذه الليله|الليله|today|"
        r"this (morning|afternoon|evening)|tonight|midnight|earlier today|aujourdhui|"
        r"ce (matin|soir)|cet apres midi|cette nuit"), lambda p: (p, p), DatePrecision.day),
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


def relative_span(norm: str, published: dt.date) -> tuple[dt.date, dt.date, DatePrecision] | None:
    """The span of the first relative rule ``norm`` (a normalized phrase) matches, or None."""
    for pattern, span, precision in _RULES:
        if pattern.search(norm):
            start, end = span(published)
            return start, min(end, published), precision
    return None


def weekday_span(norm: str, published: dt.date) -> tuple[dt.date, dt.date] | None:
    """The latest day named by the weekday in ``norm`` on or before published, or None."""
    match = _WEEKDAY.search(norm)
    if match is None:
        return None
    target = _WEEKDAYS[match.group(1) or match.group(2)]
    back = (published.weekday() - target) % 7
    if back == 0 and _LAST.search(norm):
        back = 7  # "last Monday" said on a Monday is a week ago
    day = published - _D(back)
    return day, day
