"""Name similarity for actors and places, Arabic-aware: the product's, which the scorer uses too.

The same actor or place is spelled many ways: «الحرس الثوري الإيراني» / «الحرس الثورى الايرانى»,
«دير الزور» / «ديرالزور», "Deir ez-Zor" / "Deir al-Zour" / "Dayr az Zawr". Scoring must not count
those as errors, and must still tell "Syrian Democratic Forces" from "Syrian government forces".

Two keys are computed per name:

* the **mild key**: Arabic letters folded by the product's normaliser
  (:func:`incidents.text.language.normalize.fold_arabic_letters`: hamza/alef forms, alef
  maksura, ta marbuta, Persian letters, diacritics and tatweel; a lone hamza dropped too), the
  article «ال» stripped from word starts; Latin
  letters lowercased without accents or apostrophes, transliterated articles (al-, el-, ez-,
  ash- …) dropped, doubled letters collapsed, q → k, final -h after a vowel dropped.
* the **strong key**: the mild key with every vowel run (a, e, i, o, u, and y/w in a diphthong
  before a consonant) written as one ``a``, so ou/u/o, ei/ay/e, oo/u all agree.

:func:`name_similarity` is 1.0 when the strong keys or the space-free keys agree, or one name
is the acronym of the other ("IRGC"), 0.9 when the shorter name's words are all in the longer
one (and one of them is distinctive), else rapidfuzz's ``token_sort_ratio`` of the mild keys.
The strong key is only ever compared for equality: fuzzy ratios on it would over-match
("Mayadin" vs "Madinah").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from incidents.text.language.normalize import fold_arabic_letters, has_arabic

NAME_MATCH = 0.85
"""Two names at or above this similarity are the same name."""

# Transliterations of «ال», including the sun-letter assimilations (ad-, ash-, az- …).
_LATIN_ARTICLES = frozenset(
    {"al", "el", "il", "ul", "ad", "adh", "ag", "ar", "as", "ash", "at", "ath", "az"}
    | {"ed", "ej", "er", "es", "esh", "et", "ez", "an", "en"}
)
_APOSTROPHES = re.compile(r"['’‘`ʿʾ´]")
_VOWELS = frozenset("aeiou")
_PAREN = re.compile(r"\(([^)]*)\)")
_ACRONYM = re.compile(r"^[A-Z]{2,8}$")
_ACRONYM_SKIP = frozenset(("of", "the", "and", "for", "al", "el", "de", "du", "des", "la", "le"))


def _arabic_token(token: str) -> str:
    # Strip the article only when a real word remains («ال» alone, «الى» stay).
    if token.startswith("ال") and len(token) > 3:
        return token[2:]
    return token


def _latin_token(token: str) -> str:
    token = re.sub(r"(.)\1+", r"\1", token)  # doubled letters: Raqqa/Raqa, Hassakeh/Hasakah
    token = token.replace("q", "k").replace("dj", "j").replace("ch", "sh").replace("ph", "f")
    if len(token) > 2 and token.endswith("h") and token[-2] in _VOWELS:
        token = token[:-1]  # ta marbuta written -ah/-eh or -a/-e
    return token


def _strong_token(token: str) -> str:
    if has_arabic(token):
        return token
    out: list[str] = []
    for i, char in enumerate(token):
        prev_vowel = bool(out) and out[-1] == "a"
        nxt = token[i + 1] if i + 1 < len(token) else ""
        # y/w after a vowel and before a consonant (or the end) is a diphthong: Dayr = Deir,
        # Zawr = Zor; before a vowel it is a consonant: Mayadin keeps its y (≠ Ma'dan).
        glide = char in "yw" and prev_vowel and nxt not in _VOWELS
        if char in _VOWELS or glide:
            if not prev_vowel:
                out.append("a")
        else:
            out.append(char)
    return "".join(out)


@lru_cache(maxsize=8192)
def name_tokens(name: str) -> tuple[str, ...]:
    """Return the mild key of ``name`` as a tuple of folded tokens (see the module docstring)."""
    # The product's Arabic folding (marks, alef and hamza seats, ta marbuta, Persian forms),
    # and a lone hamza dropped: «البطحاء» and «البطحا» are one name.
    text = fold_arabic_letters(name).replace("ء", "")
    text = _APOSTROPHES.sub("", text)
    text = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).lower()
    raw = [t for t in re.split(r"[^\w]+|_", text) if t]
    tokens = [_arabic_token(t) if has_arabic(t) else t for t in raw]
    without_articles = [t for t in tokens if t not in _LATIN_ARTICLES]
    if without_articles:  # a name that is only "al" keeps it
        tokens = without_articles
    return tuple(t if has_arabic(t) else _latin_token(t) for t in tokens)


def _compact(tokens: tuple[str, ...]) -> str:
    joined = "".join(tokens)
    # «ديرالزور» glues the article inside the word; drop it everywhere in the compact form.
    return joined.replace("ال", "") if has_arabic(joined) else joined


_GENERIC = frozenset(
    name_tokens(
        "forces force group groups army militia militias fighters members people civilians men "
        "gunmen unknown unidentified local government security police troops soldiers residents "
        "brigade brigades faction factions units unit patrol "
        "قوات مسلحين مسلحون عناصر مدنيين مدنيون مجموعه فصائل"
    )
)


def _acronym_of(short: str, long: str) -> bool:
    if not _ACRONYM.match(short.strip()):
        return False
    words = [w for w in re.split(r"[^\w]+", long) if w and w.lower() not in _ACRONYM_SKIP]
    return len(words) >= 2 and "".join(w[0] for w in words).upper() == short.strip()


def _variants(name: str) -> list[str]:
    # "Syrian Democratic Forces (SDF)" is also "Syrian Democratic Forces" and "SDF".
    out = [name]
    bare = _PAREN.sub(" ", name).strip()
    if bare and bare != name:
        out.append(bare)
    out.extend(inner.strip() for inner in _PAREN.findall(name) if inner.strip())
    return out


def _variant_similarity(a: str, b: str) -> float:
    if _acronym_of(a, b) or _acronym_of(b, a):
        return 1.0
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return 0.0
    if ta == tb or _compact(ta) == _compact(tb):
        return 1.0
    if tuple(map(_strong_token, ta)) == tuple(map(_strong_token, tb)):
        return 1.0
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if (
        set(short) <= set(long)
        and any(t not in _GENERIC for t in short)
        and 2 * len(short) >= len(long)
    ):
        return 0.9  # "Fatemiyoun Brigade" names the same actor as "Fatemiyoun Brigade defectors"
    return fuzz.token_sort_ratio(" ".join(ta), " ".join(tb)) / 100.0


def name_similarity(a: str | None, b: str | None) -> float:
    """Return how alike two names are, from 0.0 to 1.0 (1.0 = the same name spelled alike).

    Args:
        a: A name in any script, or None.
        b: Another name, or None.

    Returns:
        The best similarity over the names and their parenthesized variants; 0.0 when either
        is empty.
    """
    if not a or not b or not a.strip() or not b.strip():
        return 0.0
    return max(_variant_similarity(x, y) for x in _variants(a) for y in _variants(b))


def names_match(a: str | None, b: str | None, threshold: float = NAME_MATCH) -> bool:
    """Return True when :func:`name_similarity` of ``a`` and ``b`` reaches ``threshold``."""
    return name_similarity(a, b) >= threshold
