"""Read killed / injured / detained counts from an incident's evidence, deterministically.

The model often leaves a count out or puts it in the wrong field («مقتل اثنين ... وإصابة
ثلاثة»: 3 killed, 2 injured). Once every number word is turned into digits
(:func:`incidents.numbers.digitize`), each number is given to the casualty word nearest to it
within a few words. A range gives its lowest figure, ACLED's rule.
"""

from __future__ import annotations

import re

from incidents.numbers import digitize
from incidents.textnorm import normalize_arabic, normalize_latin

# Words allowed between a number and its casualty word ("killing at least 4 of the soldiers").
# Words allowed between a number and its casualty word ("killing at least 4 of the soldiers").
WINDOW = 6

# Stems, matched inside normalized words (Arabic clitics and English/French inflections).
CASUALTY_WORDS: dict[str, tuple[str, ...]] = {
    "fatalities": (
        "مقتل",
        "قتل",
        "قتلي",
        "قتيل",
        "مصرع",
        "حتفه",
        "حتفهم",
        "استشهاد",
        "استشهد",
        "kill",
        "dead",
        "died",
        "death",
        "tue",
        "tuant",
        "mort",
        "deces",
    ),
    "injured": (
        "اصاب",
        "اصيب",
        "جرح",
        "جريح",
        "مصاب",
        "injur",
        "wound",
        "hurt",
        "bless",
    ),
    "detained": (
        "اعتقال",
        "اعتقل",
        "القبض",
        "احتجاز",
        "اختطاف",
        "اختطف",
        "خطف",
        "اسر",
        "arrest",
        "detain",
        "kidnap",
        "abduct",
        "captur",
        "interpell",
        "enlev",
        "detenu",
    ),
}
_NUMBER = re.compile(r"^\d{1,5}$")
# A number followed by one of these is an age, a distance, a time or a share, not people.
_UNITS = (
    "عام",
    "اعوام",
    "سنه",
    "سنوات",
    "سنين",
    "كم",
    "كيلو",
    "متر",
    "ساع",
    "دقيق",
    "يوم",
    "ايام",
    "year",
    "km",
    "kilomet",
    "mile",
    "meter",
    "metre",
    "hour",
    "minute",
    "day",
    "week",
    "month",
    "percent",
    "%",
    "a.m",
    "p.m",
    "ans",
    "heure",
    "jour",
    "mois",
    "pour",
)
_RANGE_JOINERS = {"and", "to", "or", "-", "et", "a", "و", "الي", "او"}
_YEAR = range(1900, 2101)


def _words(evidence: str) -> list[str]:
    return normalize_latin(normalize_arabic(digitize(evidence))).split()


def _category(word: str) -> str | None:
    for field, stems in CASUALTY_WORDS.items():
        if any(stem in word for stem in stems):
            return field
    return None


def counts_in_evidence(evidence: str) -> dict[str, int]:
    """``{"fatalities": n, "injured": n, "detained": n}`` for what the evidence states."""
    words = _words(evidence)
    categories = [_category(word) for word in words]
    found: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        if not _NUMBER.match(word) or int(word) in _YEAR:
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        if following.startswith(_UNITS):
            continue
        # digitize() turns articles into 1 ("un kamikaze", "une source"); a lone 1 is left to
        # the model, whose single-casualty answers count_is_grounded() checks.
        if word == "1" and not re.search(r"(?<!\d)1(?!\d)", evidence):
            continue
        nearest: tuple[int, str] | None = None
        for other in range(max(0, index - WINDOW), min(len(words), index + WINDOW + 1)):
            field = categories[other]
            if field is None:
                continue
            distance = abs(other - index) + (0.5 if other < index else 0)  # "3 killed" > "killed 3"
            if nearest is None or distance < nearest[0]:
                nearest = (distance, field)  # type: ignore[assignment]
        if nearest is not None:
            found.setdefault(nearest[1], []).append(int(word))
            # "between 5 and 7 killed": the low end of a range counts with the high end.
            low = index - 2
            if low >= 0 and words[index - 1] in _RANGE_JOINERS and _NUMBER.match(words[low]):
                found[nearest[1]].append(int(words[low]))
    return {field: min(values) for field, values in found.items()}
