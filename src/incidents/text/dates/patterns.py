"""Dates as news writes them (Arabic, English, French): the patterns that find a stated date.

Shared by the finder (:mod:`incidents.text.dates.phrases`), which takes a date phrase out of an
incident's evidence as written, and the reader (:mod:`incidents.text.dates.resolve`), which isolates
the stated date inside a longer phrase («أمس الإثنين 11 آب») before handing it to dateparser.
dateparser's own ``search_dates`` is no finder here: it reads "2 may have fled" as 2 May,
takes "on 4 May in" with the next word, and finds only «2024» in «12 آب/أغسطس 2024».

Forms (digits may be Arabic-Indic, «١٢»):

* day and month, with an optional year: "29 April 2020", "May 4th", "le 5 mai 2024",
  «12 آب/أغسطس 2024», «الثلاثاء 18 شباط»; numeric with a year: 03/08/2024, 2024-08-03;
* a month with a year, or with a word that makes it a date: "March 2024", "in early May",
  "mi-juin", «في آذار الماضي», «مطلع نيسان»;
* ranges: "between 3 and 5 May", "from 3 to 5 May", "3-5 May", "May 3-5", "du 3 au 5 mai",
  «بين 3 و5 أيار»;
* hedged: "around 12 June (as reported)", "as reported on 5 May", "on or about 3 March",
  «نحو 12 آب», «حوالي 12 آب».

Arabic months come in two sets: the Levantine/Iraqi names («شباط», «تشرين الأول») and the
Egyptian/Gulf ones («فبراير», «أكتوبر»), often doubled («آذار/مارس», «آب (أغسطس)»). English
month names must be capitalized ("may", "march" are words); «آب» must carry its madda unless
a day number stands before it («أب» is "father").
"""

from __future__ import annotations

import re
import unicodedata

from incidents.text.dates.words import alternation, as_spaced, month_names, vocabulary


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


# Levantine month names → the Egyptian names dateparser knows; «أب» only after a day number.
LEVANTINE = [
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
    (
        r"(?:(?<=\d\s)|(?<=\d)|(?<=[/(])|(?<=[/(]\s))[اأآ]ب(?!\w)|آب(?!\w)|[اأآ]ب(?=\s*[/(])",
        "أغسطس",
    ),
    (r"[اأإ]يلول", "سبتمبر"),
]
AR_EGYPTIAN_MONTH = (
    r"يناير|فبراير|مارس|[أاإ]بريل|مايو|يوني[وه]|يولي[وه]|[أاآ]غسطس|سبتمبر|[أا]كتوبر|نوفمبر|ديسمبر"
)
_AR_LEVANT = (
    r"كانون\s+ال[ثت]اني|كانون\s+ال[أا]ول|شباط|[أاإآ]ذار|نيسان|[أاإآ]يار|حزيران|تموز|آب|[أاإ]يلول|"
    r"تشرين\s+ال[أا]ول|تشرين\s+ال[ثت]اني"
)
_AR_ONE = rf"(?:{_AR_LEVANT}|{AR_EGYPTIAN_MONTH})(?!\w)"
# «آذار/مارس», «آب (أغسطس)»: the pair names one month.
AR_MONTH = rf"{_AR_ONE}(?:\s*[/(]\s*{_AR_ONE}\)?)?"
_AR_MONTH_AFTER_DAY = rf"(?:{AR_MONTH}|[أا]ب(?!\w)(?:\s*[/(]\s*{_AR_ONE}\)?)?)"
EN_MONTH_NAMES = "|".join(month_names("en"))
FR_MONTH_NAMES = "|".join(
    spelling for name in month_names("fr") for spelling in dict.fromkeys((name, _unaccented(name)))
)  # « février » and « fevrier »
# Abbreviations only next to a day number: "in Mar Elias" is a place, not "in March".
# Only an abbreviation takes a full stop: in "on 3 May." the stop ends the sentence.
EN_MONTH = (
    rf"(?-i:(?:{EN_MONTH_NAMES})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
FR_MONTH = rf"(?:(?:{FR_MONTH_NAMES})\b|(?:janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec)\b\.?)"
_EN_MONTH_NAME = rf"(?-i:{EN_MONTH_NAMES})\b"
_FR_MONTH_NAME = rf"(?:{FR_MONTH_NAMES})\b"
# Unicode \d: Western and Arabic-Indic digits alike; not a part of "1,200" or "10:30".
_DAY = r"(?<!\d)(?<!\d[,:])\d{1,2}(?!\d|[,:]\d)"
YEAR = r"(?<!\d)\d{4}(?!\d)"
_AR_YEAR = rf"\s*(?:(?:من\s+)?(?:عام|سنة)\s+)?{YEAR}"
_A = r"(?<!\w)"  # start of an Arabic word (\b is unreliable next to Arabic diacritics)
_A_OR_AND = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"  # or after an attached «و»/«ف»: «وفي آذار»

# Hedges (data/date_words.yaml): "around 12 June", "reportedly on 5 May", « vers le 5 mai »,
# «نحو 12 آب», and a source in brackets after the date, "12 June (as reported by AFP)".
_HEDGES = vocabulary()["hedges"]
_REPORTED = vocabulary()["as_reported"]
_EN_HEDGE = (
    rf"(?:{alternation(_HEDGES['en'], as_spaced)}\s+"
    rf"|{alternation(_REPORTED['en'], as_spaced)}\s+(?:on\s+)?)"
)
_FR_HEDGE = rf"(?:{alternation(_HEDGES['fr'], as_spaced)}\s+)"
_AR_HEDGE = rf"(?:{_A}{alternation(_HEDGES['ar'], as_spaced)}\s+)"
_IN_BRACKETS = alternation(_REPORTED["en"] + _REPORTED["fr"], as_spaced)
_AS_REPORTED = rf"(?:\s*\({_IN_BRACKETS}\b[^()]{{0,40}}\))?"

_EN_ORD = r"(?:st|nd|rd|th)?"
_EN_DAY_MONTH = (
    rf"\b{_EN_HEDGE}?(?:on\s+)?(?:the\s+)?(?:{_DAY}{_EN_ORD}\s+(?:of\s+)?{EN_MONTH}|"
    rf"{EN_MONTH}\s+{_DAY}{_EN_ORD})(?:,?\s+{YEAR})?{_AS_REPORTED}"
)
_FR_DAY_MONTH = rf"\b{_FR_HEDGE}?(?:le\s+)?{_DAY}(?:er)?\s+{FR_MONTH}(?:\s+{YEAR})?{_AS_REPORTED}"
_AR_DAY_MONTH = (
    rf"{_AR_HEDGE}?(?:{_A_OR_AND}(?:في|يوم)\s+)?{_DAY}\s*(?:من\s+)?{_AR_MONTH_AFTER_DAY}"
    rf"(?:{_AR_YEAR})?"
)
_NUMERIC = rf"{_DAY}[/.]{_DAY}[/.]{YEAR}|\b\d{{4}}-\d{{2}}-\d{{2}}\b"

# A month alone is a date only with a year or with a word that places the event in it.
_EN_MONTH_LEAD = (
    r"(?:(?:in|during)\s+(?:(?:early|late|mid)[-\s]?)?|(?:early|late|last|mid)[-\s]?|"
    r"(?:(?:at|in)\s+)?the\s+(?:beginning|start|end|middle)\s+of\s+)"
)
_EN_MONTH_FORM = (
    rf"\b(?:{_EN_MONTH_LEAD}{_EN_MONTH_NAME}(?:,?\s+{YEAR})?|{_EN_MONTH_NAME},?\s+{YEAR})"
)
_FR_MONTH_LEAD = (
    r"(?:en|courant|(?:(?:au|en)\s+)?(?:début|fin)(?:\s+(?:du\s+mois\s+)?de)?|"
    r"(?:à\s+la\s+)?mi-|(?:au\s+)?mois\s+de)\s*"
)
_FR_MONTH_FORM = rf"\b(?:{_FR_MONTH_LEAD}{_FR_MONTH_NAME}(?:\s+{YEAR})?|{_FR_MONTH_NAME}\s+{YEAR})"
_AR_MONTH_LEAD = (
    r"(?:في|خلال|مطلع|[أا]وائل|[أا]واخر|[أا]واسط|منتصف|بداي[ةه]|نهاي[ةه])\s+(?:شهر\s+)?"
)
_AR_PAST = r"(?:\s+(?:الماضي|الفائت|المنصرم|الجاري|الحالي)(?!\w))"
_AR_MONTH_FORM = (
    rf"(?:{_A_OR_AND}{_AR_MONTH_LEAD}{AR_MONTH}(?:{_AR_PAST}|{_AR_YEAR})?"
    rf"|{_A}{AR_MONTH}(?:{_AR_PAST}|{_AR_YEAR}))"
)

# Ranges, with named parts for the reader: from day (month) (year) to day month (year).
_FROM = rf"(?:\b(?:between|from|entre|du)\s+(?:le\s+)?|{_A_OR_AND}(?:ما\s+)?(?:بين|من)\s+)"
_TO = (
    r"\s*(?:[-–—]|\b(?:and|to|until|through|et(?:\s+le)?|au)\b|"
    r"(?<!\w)و|(?<!\w)(?:إلى|الى|حتى|لغاية)(?!\w))\s*"
)
_MONTH_ANY = rf"(?:{EN_MONTH}|{FR_MONTH}|{_AR_MONTH_AFTER_DAY})"
RANGE_DAY_FIRST = re.compile(
    rf"{_FROM}?(?P<d1>{_DAY}){_EN_ORD}(?:er)?(?:\s*(?P<m1>{_MONTH_ANY})(?:\s*(?P<y1>{YEAR}))?)?"
    rf"{_TO}(?:le\s+)?(?P<d2>{_DAY}){_EN_ORD}(?:er)?\s*(?P<m2>{_MONTH_ANY})"
    rf"(?:,?\s*(?P<y2>{YEAR}))?",
    re.IGNORECASE,
)
RANGE_MONTH_FIRST = re.compile(
    rf"(?:\b(?:between|from)\s+)?(?P<m1>{EN_MONTH})\s+(?P<d1>{_DAY}){_EN_ORD}{_TO}"
    rf"(?:(?P<m2>{EN_MONTH})\s+)?(?P<d2>{_DAY}){_EN_ORD}(?:,?\s+(?P<y2>{YEAR}))?",
    re.IGNORECASE,
)

_STATED_FORMS = [
    RANGE_DAY_FIRST.pattern,
    RANGE_MONTH_FIRST.pattern,
    _NUMERIC,
    _EN_DAY_MONTH,
    _FR_DAY_MONTH,
    _AR_DAY_MONTH,
    _EN_MONTH_FORM,
    _FR_MONTH_FORM,
    _AR_MONTH_FORM,
]
# Named groups repeat across the two range patterns; only the reader needs them.
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
STATED_DATE = re.compile(
    "|".join("(?:" + _NAMED_GROUP.sub("(?:", form) + ")" for form in _STATED_FORMS),
    re.IGNORECASE,
)


def without_dates(text: str) -> str:
    """``text`` with every stated date blanked out (same length, so offsets hold): the day of
    "on 28 April" or «في 12 آذار» is never a count of people."""
    return STATED_DATE.sub(lambda match: " " * len(match.group(0)), text)
