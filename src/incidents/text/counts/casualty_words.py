"""The casualty vocabulary, in one place: the words for people killed, injured and detained,
the words that speak of casualties in general, and the phrases that deny any casualty or
count by remainder.

:mod:`incidents.text.counts.casualties` reads counts with it (which field a number belongs to) and
:mod:`incidents.text.counts.numbers` checks counts with it (whether a sentence speaks of casualties
at all, or of an arrest). Some stems are read elsewhere too, and are written here only: the
event cues (:mod:`incidents.text.events.cues`) take the words of a killing, an injury, an arrest
or an abduction as signs of an event and of its type; the nouns for one casualty («قتيل»)
name one person (:mod:`incidents.text.counts.one_person`).

Stems are matched against the words of the normalized text (:func:`normalized_words`: Arabic
letter variants and vowel marks unified, Latin accents and case dropped): an Arabic stem
anywhere inside a word, since clitics attach in front («وأصيب», «بمقتل»); a Latin stem at the
start of a word only, so inflections match ("killing", "tués") while "tue" inside "statue"
does not.
"""

from __future__ import annotations

import re

from incidents.text.language.normalize import normalize_arabic, normalize_latin

# Readers of a stem besides the count readers. The event cues are named as the cue table
# (data/event_cues.yaml) names its entries: incidents.text.events.cues adds each stem to them.
EVENT = "_event"  # a word that shows that something happened, whatever its type
ARRESTS = "arrests"
ABDUCTION = "abduction_forced_disappearance"
# A noun for one casualty («قتيل», «جريح»): it names one person in the singular too
# (incidents.text.counts.one_person).
ONE_PERSON = "one_person"

# Stems per field, normalized (ة → ه, ى → ي, no hamza seats, no accents), each written once
# and grouped by its other readers; a stem under () is read for its field alone. The groups
# keep what each reader read before the vocabulary was kept here: making «قتيل» or "death" an
# event cue, say, would change which sentences report an event.
# fmt: off
_STEMS: dict[str, dict[tuple[str, ...], tuple[str, ...]]] = {
    "fatalities": {
        (EVENT,): ("قتل", "قتلي", "مصرع", "kill", "dead", "behead", "tue", "mort", "decapit"),
        (ONE_PERSON,): ("قتيل",),
        (): (
            "حتفه", "استشهاد", "استشهد", "شهيد", "شهداء",
            "die", "death", "fatalit", "tuant", "deces",
        ),
    },
    "injured": {
        (EVENT,): ("اصيب", "جرح", "injur", "wound", "hurt", "bless"),
        (EVENT, ONE_PERSON): ("جريح",),
        (ONE_PERSON,): ("مصاب",),
        (): ("اصاب",),
    },
    "detained": {
        (ARRESTS,): (
            "اعتقال", "اعتقل", "القبض", "احتجاز",
            "arrest", "detain", "interpell", "arret", "detenu",
        ),
        (ABDUCTION,): ("اختطاف", "اختطف", "خطف", "kidnap", "abduct", "enlev", "otage"),
        (): ("احتجز", "اسر", "توقيف", "اقتياد", "captur", "seiz"),
    },
}
# Casualties in general, no field of their own: "casualties", «ضحايا».
_GENERAL: dict[tuple[str, ...], tuple[str, ...]] = {
    (EVENT,): ("ضحايا", "casualt", "victime"),
    (): ("ضحيه",),
}
# fmt: on
CASUALTY_WORDS: dict[str, tuple[str, ...]] = {
    field: tuple(stem for stems in groups.values() for stem in stems)
    for field, groups in _STEMS.items()
}
GENERAL_WORDS = tuple(stem for stems in _GENERAL.values() for stem in stems)


def stems_read_by(reader: str) -> tuple[str, ...]:
    """Every stem, of any field or of casualties in general, that ``reader`` (:data:`EVENT`,
    :data:`ARRESTS`, :data:`ABDUCTION`, :data:`ONE_PERSON`) reads too."""
    groups = [*(group for field in _STEMS.values() for group in field.items()), *_GENERAL.items()]
    return tuple(stem for readers, stems in groups if reader in readers for stem in stems)


def event_cue_stems() -> dict[str, tuple[str, ...]]:
    """The stems that cue an event too, by the entry of the cue table they join."""
    return {entry: stems_read_by(entry) for entry in (EVENT, ARRESTS, ABDUCTION)}


# Words a stem would take for a casualty: a mortar is not a death, nor Tuesday «tué».
NOT_CASUALTY_WORDS = ("mortar", "mortier", "tuesday", "diesel", "diet")

# "No casualties" said in so many words.
NO_CASUALTIES = re.compile(
    r"\b(no (one|casualties|fatalities|deaths|injuries|losses|victims)|nobody|without casualties|"
    r"no[- ]one was|aucune? (victime|mort|blessé|perte)|sans (faire de )?victimes?|"
    r"pas de (victimes?|morts?|blessés?))\b|"
    r"دون (وقوع )?(إصابات|اصابات|خسائر|ضحايا)|بدون (إصابات|اصابات|خسائر|ضحايا)|"
    r"لا (قتلى|ضحايا|إصابات|اصابات)|(لم|دون أن) (يسفر|تسفر|تسجل|يسجل|يؤد|تؤد)[^.،]{0,25}"
    r"(إصابات|اصابات|قتلى|ضحايا|خسائر)",
    re.IGNORECASE,
)
# A negation a casualty word may follow: "there were no reports of casualties", «من دون
# تسجيل إصابات», "without causing casualties", « sans faire de blessés » (see numbers.py).
NEGATION = re.compile(
    r"\b(?:no|without|not|never|sans|aucune?|pas\s+de)\b|(?<!\w)[وف]?(?:دون|بدون|لم|لا|عدم)(?!\w)",
    re.IGNORECASE,
)
# What is denied is a figure, not the casualties: "did not give the toll", «عدد الضحايا».
NOT_A_DENIAL = re.compile(r"عدد|حصيل|number|toll|figure|nombre|bilan", re.IGNORECASE)
# A count by remainder: "the rest were captured", «بقية العناصر».
THE_REST = re.compile(
    r"\b(the rest|the remaining|the others|remainder|le reste|les autres|restants)\b|"
    r"بقية|باقي|الباقين|البقية|الآخرين",
    re.IGNORECASE,
)


# A number followed by one of these is an age, a distance, a time or a share, not people.
UNITS = (
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
    "pm",
    "gmt",
    "ans",
    "heure",
    "jour",
    "mois",
    "pour",
)
# Nor is a number whose next words name things or informants: "two military sources said",
# «3 منازل», "12 maisons".
NOT_PEOPLE = (
    "source",
    "witness",
    "house",
    "homes",
    "vehicle",
    "cars",
    "truck",
    "villages",
    "building",
    "shops",
    "times",
    "مصدر",
    "مصادر",
    "منزل",
    "منازل",
    "سيار",
    "اليات",
    "عربات",
    "قري",
    "مرات",
    "مركب",
    "مبان",
    "محلات",
    "maison",
    "vehicule",
    "fois",
)


def normalized_words(text: str) -> list[str]:
    """The normalized words of ``text``, as stems are matched against them."""
    return normalize_latin(normalize_arabic(text)).split()


def _has_stem(word: str, stems: tuple[str, ...]) -> bool:
    return any(word.startswith(stem) if stem.isascii() else stem in word for stem in stems)


def casualty_field(word: str) -> str | None:
    """The field a normalized word counts for: ``"fatalities"``, ``"injured"``,
    ``"detained"``, or None (general casualty words included: they name no field)."""
    if word.startswith(NOT_CASUALTY_WORDS):
        return None
    for field, stems in CASUALTY_WORDS.items():
        if _has_stem(word, stems):
            return field
    return None


def mentions_casualties(text: str) -> bool:
    """The text has a word for a killing, a death, an injury or casualties in general."""
    return any(
        casualty_field(word) in ("fatalities", "injured")
        or (not word.startswith(NOT_CASUALTY_WORDS) and _has_stem(word, GENERAL_WORDS))
        for word in normalized_words(text)
    )


def mentions_detention(text: str) -> bool:
    """The text has a word for an arrest, a capture or an abduction."""
    return any(casualty_field(word) == "detained" for word in normalized_words(text))
