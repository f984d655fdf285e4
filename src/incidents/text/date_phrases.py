"""Find the date phrase of an incident in its evidence, when the model did not copy one.

News states when with a small set of phrases: relative ones («أمس», «فجر اليوم الثلاثاء»,
«ليلة الخميس», "on Monday", "yesterday", "hier soir", "la semaine dernière") and stated dates
("On 29 April 2020", "between 3 and 5 May", «في 12 آب/أغسطس 2024», "le 5 mai", "in early
May"; the forms are listed in :mod:`incidents.text.date_patterns`). The first one in the
evidence is taken as written (so it is a substring of the article), together with date words
right next to it ("On Monday, 12 August", «أمس الإثنين 11 آب»), and resolved by
:mod:`incidents.text.dates`. A stated date after "since", «منذ» or "depuis" is background
("fighting since 3 March"), not the incident's date, and is passed over.
"""

from __future__ import annotations

import datetime as dt
import re

from incidents.text.date_patterns import STATED_DATE
from incidents.text.dates import resolve_date

_AR_DAY = r"(?:ال|لل)?(?:[اإ]ثنين|ثلاثاء|[أا]ربعاء|خميس|جمعة|سبت|[أا]حد)"
_AR_TIME = r"(?:فجر|صباح|مساء|ظهر|ظهيرة|ليلة|ليل|عصر|منتصف\s+ليل)"
_EN_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_FR_DAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"

_RELATIVE = [
    # «فجر اليوم الثلاثاء», «مساء أمس الأحد», «يوم أمس», «أمس»
    rf"(?:{_AR_TIME}\s+)?(?:يوم\s+)?(?:[أا]مس|اليوم(?!\s+التالي)|البارحة)(?:\s+{_AR_DAY})?(?!\w)",
    # «ليلة الخميس», «يوم الاثنين الماضي»
    rf"(?:{_AR_TIME}|يوم)\s+{_AR_DAY}(?:\s+الماضي)?(?!\w)",
    # «الثلاثاء 18 شباط»: a bare weekday only when a day number follows
    r"(?<!\w)(?:ال|يوم\s+ال)(?:[اإ]ثنين|ثلاثاء|[أا]ربعاء|خميس|جمعة|سبت|[أا]حد)(?=\s*،?\s*\d)",
    r"(?:قبل|منذ)\s+[أا]يام|(?:الأسبوع|الاسبوع|الشهر)\s+(?:الماضي|الجاري|الحالي)",
    r"(?:هذا|خلال)\s+(?:الأسبوع|الاسبوع|الشهر)|مطلع\s+(?:الأسبوع|الاسبوع|الشهر)\s+الجاري",
    rf"\b(?:(?:on|last|early|late)\s+)?{_EN_DAY}(?:\s+(?:morning|afternoon|evening|night))?\b",
    r"\b(?:yesterday|last night|this morning|overnight|(?:earlier\s+)?this\s+(?:week|month)|"
    r"last\s+(?:week|month))\b",
    r"\ba few days ago\b",
    rf"\b{_FR_DAY}(?:\s+(?:matin|soir|après-midi|dernier))?\b",
    r"\b(?:hier(?:\s+soir|\s+matin)?|ce matin|la semaine (?:dernière|passée)|cette semaine|"
    r"le mois dernier|ce mois-ci|il y a quelques jours)\b",
]
_RELATIVE_PHRASE = re.compile("|".join(f"(?:{p})" for p in _RELATIVE), re.IGNORECASE)
_SINCE = re.compile(r"(?:\bsince|\bdepuis(?:\s+l[ea])?|(?<!\w)[وف]?منذ)\s*$", re.IGNORECASE)
# What may stand between two date words of one phrase: "Monday, 12 August", «أمس، الإثنين».
_GLUE = re.compile(r"[\s,،]*(?:the\s+)?")
_BACKGROUND = dt.timedelta(days=365)


def _candidates(evidence: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _RELATIVE_PHRASE.finditer(evidence)]
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
        phrases.append(evidence[start:end].strip(" ,،"))
    return phrases


def find_date_phrase(evidence: str, published: dt.date | None = None) -> str | None:
    """The first date phrase in ``evidence``, exactly as written, or None.

    With ``published``, a phrase dating from more than a year before it ("the group, founded
    in May 2019, attacked ... on Tuesday") is background and yields to a later phrase; it is
    still taken when the evidence has no other, since a date the text states is never lost.
    """
    phrases = date_phrases(evidence)
    if published is not None:
        for phrase in phrases:
            start = resolve_date(phrase, published).start
            if start is None or start >= published - _BACKGROUND:
                return phrase
    return phrases[0] if phrases else None


# "KHERSON, Ukraine, May 20 —", "NAIROBI, June 26 –": the dateline dates the report, not the
# event; the event's own phrase ("on Monday morning") follows it in the same sentence.
_DATELINE = re.compile(r"^[^\n]{0,60}?\s[—–-]\s")


def without_dateline(text: str) -> str:
    """The text without a leading dateline (the report's place and date), if it has one."""
    match = _DATELINE.match(text)
    return text[match.end() :] if match else text
