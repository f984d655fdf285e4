"""Counts in news text: digits in any script, number words (Arabic, English, French), duals.

The model gives bare counts; this module checks them against the cited sentences
(:func:`count_is_grounded`) and parses count phrases (:func:`parse_count`).

* Digits: any Unicode decimal digits (Western, Arabic-Indic ٠١٢, Persian ۰۱۲), with thousands
  separators ("1,200", «١٬٢٠٠»). Ordinals ("1st", "2e") are not counts.
* English and French number words go through ``text2num`` (compounds such as "twenty-one",
  "quatre-vingt-dix"); "a dozen" = 12, "two dozen" = 24, "une dizaine" = 10,
  "une douzaine" = 12, "une vingtaine" = 20, "une centaine" = 100.
* Arabic number words are parsed in :mod:`incidents.text.counts.arabic_numbers`: units in both
  genders, teens («ثلاثة عشر»), tens («عشرين»), «خمسة وعشرون», hundreds («مئة»,
  «ثلاثمائة»), thousands («ألف», «ثلاثة آلاف»), with attached و/ب/ل/ف. «الأحد» and «الاثنين»
  are weekdays, not numbers.
* Arabic duals count as 2 for nouns whose plural is broken, so the dual is unambiguous
  («جنديين», «عنصرين», «طفلتين»); sound plurals («مدنيين», «مقاتلين») look the same as duals
  without vowels and are deliberately not counted.
* Ranges take the lowest figure (ACLED): "between 5 and 7", «بين 5 و7», «5 إلى 7», "5-7".
* Vague plurals follow ACLED's documented convention: "dozens" = 12, "tens" («عشرات», «des
  dizaines») = 10, "hundreds" («مئات», «des centaines») = 100. Their multiples of thousands
  ("tens of thousands", «مئات الآلاف») and other vague words ("several", «عدة») are no count.
"""

from __future__ import annotations

import contextlib
import re

from text_to_num import alpha2digit

from incidents.text.counts.arabic_numbers import digitize_arabic
from incidents.text.counts.casualty_words import (
    NEGATION,
    NO_CASUALTIES,
    NOT_A_DENIAL,
    THE_REST,
    UNITS,
    mentions_casualties,
    mentions_detention,
    normalized_words,
)
from incidents.text.counts.one_person import names_one_person_in
from incidents.text.dates.patterns import without_dates

_DIGITS_TRANSLATION = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
_THOUSANDS_SEP = re.compile(r"(?<=\d)[,٬'](?=\d{3}(?!\d))")
# A count: digits not part of a decimal, an ordinal (1st, 2e, 3ème) or a longer token.
# Digits glued to a Latin letter ("M23", "F16") are names, not counts; «و7» is "and 7".
_NUMBER = re.compile(
    r"(?<![\d.,A-Za-z])\d+(?![\d]|[.,]\d|st\b|nd\b|rd\b|th\b|e\b|er\b|ème\b|eme\b)"
)
_MULTIPLIER = re.compile(
    r"\b(\d+|an?|one)\s+(dozen|dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|"
    r"cinquantaine|centaine)s?\b",
    re.IGNORECASE,
)
_MULTIPLIER_VALUE = {
    "dozen": 12,
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "centaine": 100,
}
# ACLED's convention for vague plurals; text2num already reads "tens" as 10, "hundreds" as 100.
_VAGUE_LATIN = re.compile(
    r"(?<![\w-])(?:des\s+)?(dozens|dizaines|douzaines|centaines)(?![\w-])", re.IGNORECASE
)
_VAGUE_VALUE = {"dozens": 12, "dizaines": 10, "douzaines": 12, "centaines": 100}
# "tens of thousands", «des centaines de milliers»: no count; hyphens keep text2num off them.
_VAGUE_THOUSANDS = re.compile(
    r"\b(tens|dozens|hundreds|dizaines|centaines)\s+(of|de)\s+(thousands|millions|milliers)\b",
    re.IGNORECASE,
)
_FRENCH = re.compile(r"\b(le|la|les|des|du|et|une?|dans|été|ont|sont|au|aux)\b", re.IGNORECASE)
# "No one" would otherwise become "No 1".
_NO_ONE = re.compile(r"\b(no[ -]one|nobody|none)\b", re.IGNORECASE)
_RANGE = re.compile(
    r"(?:\b(?:between|entre)\s+|(?:ما\s+)?بين\s+)(\d+)\s*(?:and|et|و|-)\s*(\d+)"
    r"|(\d+)\s*(?:-|–|—|/|\bto\b|\bor\b|\bà\b|\bou\b|أو|او|إلى|الى|حتى)\s*(\d+)",
    re.IGNORECASE,
)


def digitize(text: str) -> str:
    """The text with every count written as ASCII digits.

    «قبل ثلاثة أيام» → «قبل 3 أيام», "two dozen" → "24", «مقتل جنديين» → «مقتل 2 جنديين».
    """
    text = _THOUSANDS_SEP.sub("", text.translate(_DIGITS_TRANSLATION))
    if re.search(r"[\u0600-\u06FF]", text):
        text = digitize_arabic(text)
    if re.search(r"[A-Za-z]", text):
        text = _NO_ONE.sub(" ", text)
        text = _VAGUE_THOUSANDS.sub(lambda m: "-".join(m.groups()), text)
        # French words only in French text: "Sept 5" or "per cent" are not 7 or 100 in English.
        for lang in ("en", "fr") if _FRENCH.search(text) else ("en",):
            # text2num is strict about odd input; the digits still count if it gives up.
            with contextlib.suppress(Exception):
                text = alpha2digit(text, lang, threshold=0)
        text = _MULTIPLIER.sub(
            lambda m: str(
                (int(m.group(1)) if m.group(1).isdigit() else 1)
                * _MULTIPLIER_VALUE[m.group(2).lower()]
            ),
            text,
        )
        text = _VAGUE_LATIN.sub(lambda m: str(_VAGUE_VALUE[m.group(1).lower()]), text)
    return text


def _single(text: str) -> bool:
    """The text names one person in the singular next to a casualty or arrest word."""
    return (mentions_casualties(text) or mentions_detention(text)) and names_one_person_in(text)


def says_no_casualties(text: str) -> bool:
    """The text says explicitly that nobody was hurt ("no casualties", «دون وقوع إصابات»)."""
    return bool(NO_CASUALTIES.search(text)) or any(
        _denies_casualties(text[m.end() : m.end() + _DENIAL_REACH]) for m in NEGATION.finditer(text)
    )


_DENIAL_REACH = 40  # characters after a negation where the casualty word must come
_CLAUSE_END = re.compile(r"[.,،;:]")


def _denies_casualties(after: str) -> bool:
    """Whether the words after a negation name killed, injured or casualties in general
    (within its clause, and not a toll withheld: «لم يكشف عن عدد الضحايا»)."""
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    return not NOT_A_DENIAL.search(clause) and mentions_casualties(clause)


def speaks_of_the_rest(text: str) -> bool:
    """The text counts by remainder ("the rest were captured", «بقية العناصر»)."""
    return bool(THE_REST.search(text))


def numbers_in(text: str) -> set[int]:
    """Every count written in ``text``: digits in any script, number words, Arabic duals.

    Single-entity phrases ("a soldier", «مقتل عنصر») are not included here; see
    :func:`count_is_grounded`.

    Args:
        text: Any text.

    Returns:
        The set of non-negative integers mentioned.
    """
    return set(_counts(text))


def _counts(text: str) -> list[int]:
    if not isinstance(text, str) or not text:
        return []
    return [int(m.group()) for m in _NUMBER.finditer(digitize(text))]


def _people_counts(text: str) -> list[int]:
    """The numbers of :func:`_counts` that can count people: not an age, a distance, a time
    ("a 25-year-old trader", "15 km", «45 عاماً»)."""
    words = normalized_words(digitize(text))
    pairs = list(zip(words, [*words[1:], ""][: len(words)], strict=True))  # none: no words
    measures = {int(w) for w, after in pairs if w.isdigit() and after.startswith(UNITS)}
    people = {int(w) for w, after in pairs if w.isdigit() and not after.startswith(UNITS)}
    return [n for n in _counts(text) if n not in measures or n in people]


def parse_count(phrase: str) -> int | None:
    """Parse a count phrase to an int, ACLED-style.

    Args:
        phrase: e.g. «مقتل اثنين من المسلحين», "١٦", «18 عنصراً», "between 5 and 7",
            "une dizaine", "no casualties".

    Returns:
        The lowest figure of the first range, else the first count, else 1 for a single
        entity ("a soldier was killed", «مقتل عنصر»), else 0 for an explicit "no
        casualties" phrase, else None.
    """
    if not isinstance(phrase, str) or not phrase.strip():
        return None
    digitized = digitize(phrase)
    first = _NUMBER.search(digitized)
    if first is not None:
        for match in _RANGE.finditer(digitized):
            low, high = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
            if match.start() <= first.start() < match.end():
                return min(int(low), int(high))
        return int(first.group())
    if _single(phrase):
        return 1
    if says_no_casualties(phrase):
        return 0
    return None


def count_is_grounded(value: int | None, evidence: str) -> bool:
    """Whether a count the model gave is supported by the evidence text.

    Rules: None is always grounded (nothing claimed). A positive value must appear among
    :func:`numbers_in` (so the lowest figure of a range is in), or be the sum of two figures
    there, or their difference when the evidence speaks of "the rest" («بقية العناصر»),
    or be 1 when the evidence names a single person next to a casualty or arrest word
    ("a soldier was killed", «مقتل أحد عناصر», «مقتل عنصر», "un soldat tué").

    Zero is grounded when the evidence says so explicitly ("no casualties", «دون وقوع
    إصابات», "aucune victime"), or when it reports no casualty at all: ACLED records 0
    fatalities for an arrest or a strike without reported deaths, and a 0 there contradicts
    nothing. Zero is not grounded next to a killing or injury word.

    Args:
        value: The count the model gave.
        evidence: The cited sentences.

    Returns:
        True when the value can stay in the record.
    """
    if value is None:
        return True
    if not isinstance(value, int) or value < 0 or not isinstance(evidence, str):
        return False
    evidence = without_dates(evidence)  # a date's day is no count: "on 12 May" grounds no 12
    if value == 0:
        return says_no_casualties(evidence) or not mentions_casualties(evidence)
    counts = _people_counts(evidence)
    if value in counts:
        return True
    if value == 1 and _single(evidence):
        return True
    # ACLED adds up ("3 soldiers and 2 civilians killed" → 5) and takes what remains ("18
    # fighters ... 2 killed ... the rest captured" → 16): allow sums of two figures, and
    # differences when the evidence speaks of "the rest".
    small = [c for c in counts if c < 1900]  # years and outlet names ("963+") are not figures
    if any(value == a + b for i, a in enumerate(small) for b in small[i + 1 :]):
        return True
    return speaks_of_the_rest(evidence) and any(value == a - b for a in small for b in small)
