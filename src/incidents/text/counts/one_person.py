"""One person named in the singular: «مقتل عنصر», "a soldier was killed", « un soldat tué ».

ACLED counts such a person as 1. The nouns are kept here once, for every reader that asks
whether a text names one person:

* the count checker (:func:`incidents.text.counts.numbers.count_is_grounded`) reads the cited
  text as written (:func:`names_one_person_in`);
* the count reader (:mod:`incidents.text.counts.casualties`) and the list reader
  (:mod:`incidents.text.counts.casualty_lists`) read normalized words once numbers are digits
  (:func:`names_one_person`, :func:`names_one_person_latin`, :func:`person_after`,
  :func:`single_person_at`).

Arabic names the person with the noun alone («مقتل عنصر», «والطفل»); English and French put
"a", "one", « un » or « une » before it, a few words ahead at most ("a 45-year-old shepherd").
"""

from __future__ import annotations

import re
from collections.abc import Collection

from incidents.text.counts.arabic_numbers import bare_readings
from incidents.text.counts.casualty_words import ONE_PERSON, stems_read_by
from incidents.text.language.normalize import normalize_arabic, normalize_latin, tokenize

# fmt: off
PERSON_NOUNS_LATIN = (
    "soldier", "civilian", "man", "woman", "child", "boy", "girl", "fighter", "member", "officer",
    "policeman", "person", "militant", "journalist", "commander", "worker", "farmer", "shepherd",
    "student", "teacher", "doctor", "resident", "protester", "gunman", "guard", "driver",
    "trader", "priest", "activist", "merchant", "herder", "villager", "imam", "nurse", "pupil",
    "pastor", "shopkeeper", "vendor", "passer-by", "passerby",
    "soldat", "civil", "civile", "homme", "femme", "enfant", "garçon", "fille", "combattant",
    "membre", "policier", "gendarme", "militaire", "personne", "jihadiste", "djihadiste",
    "journaliste", "chef", "commandant", "berger", "élève", "habitant", "manifestant", "agent",
    "chauffeur", "villageois", "jeune", "commerçant", "commerçante", "prêtre", "infirmier",
    "vendeur",
)
PERSON_NOUNS_ARABIC = (
    "عنصر", "جندي", "مدني", "شخص", "طفل", "طفلة", "امرأة", "رجل", "مقاتل", "قيادي", "ضابط", "شاب",
    "مواطن", "قائد", "عسكري", "مسلح", "صحفي", "ناشط", "مسؤول", "موظف", "عامل", "سائق", "راع",
    "مزارع", "طالب", "شرطي", "حارس", "متظاهر", "مسن", "فتى", "فتاة", "سيدة", "مختار", "معلم",
    "مدرس", "طبيب", "ممرض", "تاجر", "راعي",
    # the held are no stems of the detained field («معتقل» is also a prison); the nouns for one
    # killed or injured person («قتيل», «جريح», «مصاب») are, and are kept with them
    "معتقل", "أسير",
    # kin with a pronoun: «قتل طفل وأصيب شقيقه», «مقتل المختار وإصابة ابنه»
    "ابنه", "ابنها", "ابنته", "نجله", "شقيقه", "شقيقها", "شقيقته", "زوجته", "زوجها", "والده",
    "والدته", "أخوه", "أخيه", "أخته",
)
# fmt: on
# A plural that one person is taken from: "one of the soldiers".
ONE_OF_PLURALS = ("soldiers",)
# The words that say one before a person noun, as written: "a soldier", « une femme ».
ONE = ("a", "an", "one", "un", "une")
# "another" right after a casualty word is one more person: «قتل عنصر وأصيب آخر» (normalized).
ANOTHER = ("اخر", "واخر", "اخري", "واخري", "another", "ثالث", "وثالث", "رابع", "ورابع")

# Among digitized words "one" and « un » may have become "1" (numbers.digitize).
ONE_AMONG_WORDS = frozenset({*ONE, "1"})
# A list item ("the driver and seven passengers", "a soldier and two police officers") may take
# a definite article too; the list reader has always looked for these and no others.
LIST_ARTICLES = frozenset({"a", "an", "1", "the", "le", "la"})
_LIST_REACH = 2  # words between a list item's article and its noun: "a young soldier"

_LATIN = frozenset(normalize_latin(noun) for noun in PERSON_NOUNS_LATIN)
_ARABIC = frozenset(
    normalize_arabic(noun) for noun in PERSON_NOUNS_ARABIC + stems_read_by(ONE_PERSON)
)
# As written, up to four words between "a" and the noun ("a 45 year old shepherd"), as far as
# the count reader looks (casualties._PERSON_REACH): a 1 it reads, the checker must accept.
# Accents as written: the nouns keep theirs here.
_ONE_PERSON_AS_WRITTEN = re.compile(
    rf"\b(?:{'|'.join(ONE)})\s+(?:\w+\s+){{0,4}}?"
    rf"(?:{'|'.join(map(re.escape, PERSON_NOUNS_LATIN + ONE_OF_PLURALS))})\b",
    re.IGNORECASE,
)


def names_one_person(word: str) -> bool:
    """Whether an Arabic word (normalized, clitics allowed) names one person: «عنصر», «والطفل»,
    «عنصرا»."""
    return any(
        bare in _ARABIC or (bare.endswith("ا") and bare[:-1] in _ARABIC)
        for bare in bare_readings(word)
    )


def names_one_person_latin(word: str) -> bool:
    """Whether a normalized Latin word names one person: "soldier", "policier", "eleve"."""
    return word in _LATIN


def person_after(
    words: list[str],
    start: int,
    *,
    articles: Collection[str],
    reach: int,
    stop: int | None = None,
) -> bool:
    """Whether ``words[start]`` is one of ``articles`` and a Latin person noun follows within
    ``reach`` words (and before ``stop``): "a 45 year old shepherd", « un jeune »."""
    if start < 0 or start >= len(words) or words[start] not in articles:
        return False
    end = start + 1 + reach if stop is None else min(stop, start + 1 + reach)
    return any(names_one_person_latin(word) for word in words[start + 1 : end])


def single_person_at(words: list[str], index: int) -> bool:
    """Whether one person named in the singular starts at ``words[index]``, as a list item:
    "a soldier", "the driver", "1 soldat", «ضابط», «ومدني»."""
    word = words[index]
    if word in LIST_ARTICLES:
        return person_after(words, index, articles=LIST_ARTICLES, reach=_LIST_REACH)
    return not word.isascii() and names_one_person(word)


def names_one_person_in(text: str) -> bool:
    """Whether ``text``, as written, names one person in the singular: "a soldier", "one of
    the soldiers", « une femme », «مقتل عنصر»."""
    if _ONE_PERSON_AS_WRITTEN.search(text):
        return True
    return any(names_one_person(token.norm) for token in tokenize(text))
