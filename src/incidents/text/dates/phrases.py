"""Find the date phrase of an incident in its evidence, when the model did not copy one.

News states when with a small set of phrases: relative ones («أمس», «فجر اليوم الثلاثاء»,
«ليلة الخميس», "on Monday", "yesterday", "hier soir", "la semaine dernière") and stated dates
("On 29 April 2020", "between 3 and 5 May", «في 12 آب/أغسطس 2024», "le 5 mai", "in early
May"; the forms are listed in :mod:`incidents.text.dates.patterns`). The first one in the
evidence is taken as written (so it is a substring of the article), together with date words
right next to it ("On Monday, 12 August", «أمس الإثنين 11 آب»), and resolved by
:mod:`incidents.text.dates.resolve`. A stated date after "since", «منذ» or "depuis" is background
("fighting since 3 March"), not the incident's date, and is passed over.
"""

from __future__ import annotations

import datetime as dt
import re

from incidents.text.dates.patterns import STATED_DATE
from incidents.text.dates.resolve import resolve_date
from incidents.text.dates.words import (
    _ATTACHED,
    LANGUAGES,
    alternation,
    as_written,
    phrases,
    relative_phrases,
    vocabulary,
)
from incidents.text.language.dateline import read_dateline
from incidents.text.language.normalize import has_arabic

# A phrase never ends in punctuation: "on 3 May." is "on 3 May" («أمس،» is «أمس»).
_NOT_OF_A_PHRASE = " ,،.;:؛"


def _arabic_weekday(name: str) -> str:
    """«الاثنين» as written, its article optional or doubled («للخميس»)."""
    return "(?:ال|لل)?" + as_written(name.removeprefix("ال")).removeprefix(_ATTACHED)


_AR = "ar"
_AR_DAY = "(?:" + "|".join(_arabic_weekday(d) for d in vocabulary()["weekdays"][_AR]) + ")"
_AR_TIME = alternation(vocabulary()["day_parts"][_AR])
_AR_PAST = alternation(vocabulary()["past_markers"][_AR])
_LATIN = [language for language in LANGUAGES if language != _AR]
_LATIN_DAY = alternation([d for lang in _LATIN for d in vocabulary()["weekdays"][lang]])
_LATIN_PARTS = alternation(
    [
        w
        for lang in _LATIN
        for w in vocabulary()["day_parts"][lang] + vocabulary()["past_markers"][lang]
    ]
)
_LATIN_LEADS = alternation([w for lang in _LATIN for w in vocabulary()["day_leads"][lang]])
_REL_AR = alternation(
    [p for m in relative_phrases().values() for p in m if has_arabic(p)]
    + vocabulary()["undated"][_AR]
)
_REL_LATIN = alternation(
    [p for m in relative_phrases().values() for p in m if not has_arabic(p)]
    + [w for lang in _LATIN for w in vocabulary()["undated"][lang]]
)
_RELATIVE = [
    # «فجر اليوم الثلاثاء», «مساء أمس الأحد», «يوم أمس», «أمس»
    rf"(?:{_AR_TIME}\s+)?(?:يوم\s+)?{_REL_AR}(?:\s+{_AR_DAY})?(?!\w)",
    # «ليلة الخميس», «يوم الاثنين الماضي»
    rf"(?:{_AR_TIME}|يوم)\s+{_AR_DAY}(?:\s+{_AR_PAST})?(?!\w)",
    # «الثلاثاء 18 شباط»: a bare weekday only when a day number follows
    rf"(?<!\w)(?:يوم\s+)?{_AR_DAY}(?=\s*،?\s*\d)",
    # "late on Monday night", "early Tuesday", "last Monday", "yesterday", « hier soir »,
    # « lundi dernier », "earlier this week"
    rf"(?:{_LATIN_LEADS}\s+)?(?:(?:on|last)\s+)?(?:{_REL_LATIN}|{_LATIN_DAY})(?:\s+{_LATIN_PARTS})?(?![^\W\d_])",
]
_RELATIVE_PHRASE = re.compile("|".join(f"(?:{p})" for p in _RELATIVE), re.IGNORECASE)
# «اليوم التالي», "the next day": counted from another event, so no date phrase at all.
_COUNTED_FROM_ELSEWHERE = re.compile(
    alternation(phrases("counted_from_another_event")), re.IGNORECASE
)
# "this year", «العام الماضي», « l'année dernière »: what the group did over a year is
# context ("has stepped up drone attacks this year"), not the day of the incident.
_YEARS = phrases("relative", "this_year") + phrases("relative", "last_year")
_YEAR_ONLY = re.compile(rf"(?:(?:on|in|during)\s+)?{alternation(_YEARS)}", re.IGNORECASE)
_SINCE = re.compile(r"(?:\bsince|\bdepuis(?:\s+l[ea])?|(?<!\w)[وف]?منذ)\s*$", re.IGNORECASE)
# What may stand between two date words of one phrase: "Monday, 12 August", «أمس، الإثنين».
_GLUE = re.compile(r"[\s,،]*(?:the\s+)?")
_BACKGROUND = dt.timedelta(days=365)


def _candidates(evidence: str) -> list[tuple[int, int]]:
    elsewhere = [m.span() for m in _COUNTED_FROM_ELSEWHERE.finditer(evidence)]
    spans = [
        m.span()
        for m in _RELATIVE_PHRASE.finditer(evidence)
        if not any(s < m.end() and m.start() < e for s, e in elsewhere)
    ]
    spans += [
        m.span()
        for m in STATED_DATE.finditer(evidence)
        if not _SINCE.search(evidence, 0, m.start())
    ]
    return sorted(spans)


def date_phrases(evidence: str) -> list[str]:
    """Every date phrase in ``evidence``, in order, exactly as written."""
    spans = _candidates(evidence)
    phrases: list[str] = []
    while spans:
        start, end = spans.pop(0)
        while spans and (spans[0][0] <= end or _GLUE.fullmatch(evidence, end, spans[0][0])):
            end = max(end, spans.pop(0)[1])
        phrases.append(evidence[start:end].strip(_NOT_OF_A_PHRASE))
    return phrases


def find_date_phrase(evidence: str, published: dt.date | None = None) -> str | None:
    """The first date phrase in ``evidence``, exactly as written, or None.

    With ``published``, a phrase dating from more than a year before it ("the group, founded
    in May 2019, attacked ... on Tuesday") is background and yields to a later phrase; it is
    still taken when the evidence has no other, since a date the text states is never lost.
    A year said relatively ("this year", «العام الماضي») is never the incident's phrase.
    """
    phrases = [p for p in date_phrases(evidence) if not _YEAR_ONLY.fullmatch(p)]
    if published is not None:
        for phrase in phrases:
            start = resolve_date(phrase, published).start
            if start is None or start >= published - _BACKGROUND:
                return phrase
    return phrases[0] if phrases else None


# "KHERSON, Ukraine, May 20 —", "NAIROBI, June 26 –": the dateline dates the report, not the
# event; the event's own phrase ("on Monday morning") follows it in the same sentence. It holds a
# date besides the place, so it may be longer than the country prior's place alone (40), and
# only a spaced dash ends it: a bracket or a colon may stand in the event's own words.
DATELINE_MAX_CHARS = 60


def without_dateline(text: str) -> str:
    """The text without a leading dateline (the report's place and date), if it has one."""
    dateline = read_dateline(text, max_chars=DATELINE_MAX_CHARS)
    return dateline.rest if dateline else text
