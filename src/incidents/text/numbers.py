"""Counts in news text: digits in any script, number words (Arabic, English, French), duals.

The model gives bare counts; this module checks them against the cited sentences
(:func:`count_is_grounded`) and parses count phrases (:func:`parse_count`).

* Digits: any Unicode decimal digits (Western, Arabic-Indic ٠١٢, Persian ۰۱۲), with thousands
  separators ("1,200", «١٬٢٠٠»). Ordinals ("1st", "2e") are not counts.
* English and French number words go through ``text2num`` (compounds such as "twenty-one",
  "quatre-vingt-dix"); "a dozen" = 12, "two dozen" = 24, "une dizaine" = 10,
  "une douzaine" = 12, "une vingtaine" = 20, "une centaine" = 100.
* Arabic number words are parsed here (no maintained library covers them): units in both
  genders, teens («ثلاثة عشر»), tens («عشرين»), «خمسة وعشرون», hundreds («مئة»,
  «ثلاثمائة»), thousands («ألف», «ثلاثة آلاف»), with attached و/ب/ل/ف. «الأحد» and «الاثنين»
  are weekdays, not numbers.
* Arabic duals count as 2 for nouns whose plural is broken, so the dual is unambiguous
  («جنديين», «عنصرين», «طفلتين»); sound plurals («مدنيين», «مقاتلين») look the same as duals
  without vowels and are deliberately not counted.
* Ranges take the lowest figure (ACLED): "between 5 and 7", «بين 5 و7», «5 إلى 7», "5-7".
* Vague quantities ("dozens", «عشرات», "several") are not counts: they give None.
"""

from __future__ import annotations

import contextlib
import re

from text_to_num import alpha2digit

from incidents.text.casualty_words import (
    NO_CASUALTIES,
    THE_REST,
    mentions_casualties,
    mentions_detention,
)
from incidents.text.normalize import normalize_arabic, tokenize

_UNITS = {
    1: "واحد واحده احد احدي",
    2: "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي",
    3: "ثلاثه ثلاث",
    4: "اربعه اربع",
    5: "خمسه خمس",
    6: "سته ست",
    7: "سبعه سبع",
    8: "ثمانيه ثماني ثمان",
    9: "تسعه تسع",
    10: "عشره عشر",
    20: "عشرون عشرين",
    30: "ثلاثون ثلاثين",
    40: "اربعون اربعين",
    50: "خمسون خمسين",
    60: "ستون ستين",
    70: "سبعون سبعين",
    80: "ثمانون ثمانين",
    90: "تسعون تسعين",
    200: "ميتان ميتين مايتان مايتين",
    2000: "الفان الفين",
}
# Words are matched after normalize_arabic (ئ → ي, ة → ه): «مئة» is «ميه», «مائة» «مايه».
_WORDS: dict[str, int] = {w: v for v, words in _UNITS.items() for w in words.split()}
_HUNDREDS = ((3, "ثلاث"), (4, "اربع"), (5, "خمس"), (6, "ست"), (7, "سبع"), (8, "ثمان"), (9, "تسع"))
_WORDS.update({f"{unit}{h}": n * 100 for n, unit in _HUNDREDS for h in ("ميه", "مايه")})
_HUNDRED = {"ميه", "مايه", "مئه"}
_THOUSAND = {"الف", "الاف", "لاف"}
# Definite forms that name weekdays: «الأحد» Sunday, «الاثنين» Monday.
_WEEKDAYS = {"الاحد", "الاثنين"}

# Nouns with a broken plural, so "-ين"/"-ان" (or "-تين"/"-تان") on them can only be a dual.
# Not «طالب»: «طالبان» is the Taliban.
# fmt: off
_DUAL_STEMS = frozenset(normalize_arabic(w) for w in (
    "جندي", "عنصر", "شخص", "قتيل", "جريح", "طفل", "ضابط", "رجل", "شاب", "عضو", "شقيق", "أخو",
    "ابن", "حارس", "راعي", "أسير", "قائد", "صاروخ", "هجوم", "انفجار", "منزل", "مقر", "موقع",
    "حاجز", "طفلت", "سيدت", "فتات", "امرأت", "شقيقت", "طالبت", "ضحيت", "رهينت", "غارت", "طائرت",
    "سيارت", "قذيفت", "مسيرت", "ضربت", "عبوت",
))
# fmt: on

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
_FRENCH = re.compile(r"\b(le|la|les|des|du|et|une?|dans|été|ont|sont|au|aux)\b", re.IGNORECASE)
# "No one" would otherwise become "No 1".
_NO_ONE = re.compile(r"\b(no[ -]one|nobody|none)\b", re.IGNORECASE)
_RANGE = re.compile(
    r"(?:\b(?:between|entre)\s+|(?:ما\s+)?بين\s+)(\d+)\s*(?:and|et|و|-)\s*(\d+)"
    r"|(\d+)\s*(?:-|–|—|/|\bto\b|\bor\b|\bà\b|\bou\b|أو|او|إلى|الى|حتى)\s*(\d+)",
    re.IGNORECASE,
)
# One person or thing named in the singular: «مقتل عنصر», «أحد عناصر», "a soldier was killed".
# fmt: off
_SINGLE_AR = frozenset(normalize_arabic(w) for w in (
    "عنصر", "جندي", "مدني", "شخص", "طفل", "طفلة", "امرأة", "رجل", "مقاتل", "قيادي", "ضابط", "شاب",
    "مواطن", "قائد", "عسكري", "مسلح", "صحفي", "ناشط", "مسؤول", "موظف", "عامل", "سائق", "راع",
    "مزارع", "طالب", "معتقل", "أسير", "جريح", "قتيل", "مصاب", "شرطي", "حارس", "متظاهر", "مسن",
    "فتى", "فتاة", "سيدة",
))
# fmt: on
_SINGLE_LATIN = re.compile(
    r"\b(a|an|one|un|une)\s+(?:\w+\s+){0,2}?(soldiers?|civilian|man|woman|child|boy|girl|"
    r"fighter|member|officer|policeman|police officer|person|militant|journalist|commander|"
    r"worker|farmer|shepherd|student|teacher|doctor|resident|protester|gunman|guard|driver|"
    r"soldat|civile?|homme|femme|enfant|garçon|fille|combattant|membre|policier|gendarme|"
    r"militaire|personne|jihadiste|djihadiste|journaliste|chef|commandant|berger|élève|"
    r"habitant|manifestant|agent|chauffeur|villageois)\b",
    re.IGNORECASE,
)


def _bare(norm: str) -> list[str]:
    """A normalized Arabic word and its readings without و/ف, ب/ل/ك and «ال» prefixes."""
    out = [norm]
    if norm[:1] in ("و", "ف") and len(norm) > 3:
        out.append(norm[1:])
    for word in list(out):
        if word[:1] in ("ب", "ل", "ك") and len(word) > 3:
            out.append(word[1:])
    for word in list(out):
        if (word.startswith("ال") and len(word) > 3) or (word.startswith("لل") and len(word) > 3):
            out.append(word[2:])
    return out


def _arabic_word(norm: str) -> int | None:
    """Value of one normalized Arabic number word («وثلاثة», «بأربعة», «مئة»), or None."""
    readings = _bare(norm)
    if any(word in _WEEKDAYS for word in readings):
        return None  # «الاثنين», «والأحد»: weekdays, whatever the stripped reading says
    for word in readings:
        if word in _WORDS:
            return _WORDS[word]
        if word in _HUNDRED:
            return 100
        if word in _THOUSAND:
            return 1000
    return None


def _dual(norm: str) -> bool:
    """«جنديين», «الجنديين», «عنصران», «طفلتين»: a dual of a noun in :data:`_DUAL_STEMS`."""
    if norm[-2:] not in ("ين", "ان"):
        return False
    return any(word[:-2] in _DUAL_STEMS for word in _bare(norm))


def _digitize_arabic(text: str) -> str:
    """Replace Arabic number words by digits and put a "2" before duals, keeping other text."""
    out, last = [], 0
    tokens = tokenize(text)
    i = 0
    while i < len(tokens):
        value = _arabic_word(tokens[i].norm)
        if value is None:
            if _dual(tokens[i].norm):
                out.append(text[last : tokens[i].start] + "2 ")
                last = tokens[i].start
            i += 1
            continue
        total, current, j = 0, 0, i
        while j < len(tokens):
            word = _arabic_word(tokens[j].norm) if j > i else value
            if word is None:
                break
            joined = j > i and tokens[j].norm[:1] == "و"
            if j > i and not joined and not (word >= 100 or (current < 10 and word == 10)):
                break  # two numbers side by side («ثلاثة أربعة») are two counts
            if joined and not ((current < 10 and 20 <= word < 100) or current >= 100 > word):
                break  # «خمسة وعشرون» adds; «خمسة وسبعة» is a range or a list
            if word in (100, 1000) and tokens[j].norm not in _WORDS:
                current = (current or 1) * word
                if word == 1000:
                    total, current = total + current, 0
            else:
                current += word
            j += 1
        out.append(text[last : tokens[i].start] + str(total + current))
        last = tokens[j - 1].end
        i = j
    out.append(text[last:])
    return "".join(out)


def digitize(text: str) -> str:
    """The text with every count written as ASCII digits.

    «قبل ثلاثة أيام» → «قبل 3 أيام», "two dozen" → "24", «مقتل جنديين» → «مقتل 2 جنديين».
    """
    text = _THOUSANDS_SEP.sub("", text.translate(_DIGITS_TRANSLATION))
    if re.search(r"[\u0600-\u06FF]", text):
        text = _digitize_arabic(text)
    if re.search(r"[A-Za-z]", text):
        text = _NO_ONE.sub(" ", text)
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
    return text


def _single(text: str) -> bool:
    """The text names one person in the singular next to a casualty or arrest word."""
    if not (mentions_casualties(text) or mentions_detention(text)):
        return False
    if _SINGLE_LATIN.search(text):
        return True
    return any(names_one_person(token.norm) for token in tokenize(text))


def names_one_person(word: str) -> bool:
    """Whether an Arabic word (normalized, clitics allowed) names one person: «عنصر», «والطفل»."""
    return any(
        bare in _SINGLE_AR or (bare.endswith("ا") and bare[:-1] in _SINGLE_AR)
        for bare in _bare(word)
    )


def says_no_casualties(text: str) -> bool:
    """The text says explicitly that nobody was hurt ("no casualties", «دون وقوع إصابات»)."""
    return bool(NO_CASUALTIES.search(text))


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
    if value == 0:
        return says_no_casualties(evidence) or not mentions_casualties(evidence)
    counts = _counts(evidence)
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
