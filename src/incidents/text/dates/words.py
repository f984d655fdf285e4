"""The date vocabulary, kept once in ``data/date_words.yaml`` and compiled for each reader.

Two readers need the same words in two shapes:

* the **finder** (:mod:`incidents.text.dates.phrases`) searches the article as written, so a
  phrase becomes a pattern over raw text (:func:`as_written`): Arabic letter variants
  («أمس»/«امس», «الليلة»/«الليله»), accents optional ("derniere"), a hyphen or an apostrophe
  written either way;
* the **resolver** (:mod:`incidents.text.dates.relative`) reads a phrase after
  :func:`~incidents.text.language.normalize.normalize_name`, so a phrase becomes a pattern over
  normalized text (:func:`as_normalized`).

Both come from the same list, which is what the property tests check: every phrase the
resolver understands, the finder finds. Hedges ("around", «نحو») are matched letter for letter
by both (:func:`as_spaced`, :func:`re.escape`): the finder takes them with a stated date
(:mod:`incidents.text.dates.patterns`), the resolver drops them
(:mod:`incidents.text.dates.resolve`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import yaml

from incidents.data_dir import DATA_DIR
from incidents.text.language.normalize import has_arabic, normalize_arabic, normalize_name

_DATA = DATA_DIR / "date_words.yaml"
LANGUAGES = ("ar", "en", "fr")
RELATIVE_MEANINGS = (
    "day_before_yesterday", "yesterday", "today", "recent_days", "a_week_ago", "this_week",
    "last_week", "past_week", "this_month", "last_month", "this_year", "last_year",
)  # fmt: skip
_SECTIONS = (
    "months", "weekdays", "day_parts", "day_leads", "relative", "undated",
    "counted_from_another_event", "past_markers", "hedges", "hedges_after", "as_reported",
)  # fmt: skip
# Arabic letters as writers vary them: an alef with or without hamza, a final ta marbuta
# or ha, a final alef maqsura or ya, a hamza on its waw seat or not.
_ARABIC_VARIANTS = {"ا": "[اأإآ]", "ه": "[هة]", "ي": "[يىئ]", "و": "[وؤ]"}
_MARKS = "[\u064b-\u0652\u0670\u0640]*"  # short vowels, tanween, shadda, tatweel: «مؤخراً»
_ATTACHED = "(?:(?<![^\\W\\d_])|(?<=(?<![^\\W\\d_])[وفبل]))"  # a word start, or after و/ف/ب/ل


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The file, checked: every section, every language, every meaning in its order."""
    data: dict[str, Any] = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    if set(data) != set(_SECTIONS):
        raise ValueError(f"{_DATA}: expected the sections {', '.join(_SECTIONS)}")
    if tuple(data["relative"]) != RELATIVE_MEANINGS:
        raise ValueError(f"{_DATA}: relative meanings must be {', '.join(RELATIVE_MEANINGS)}")
    for name in ("months", "weekdays"):
        size = 12 if name == "months" else 7
        if any(len(words) != size for words in data[name].values()):
            raise ValueError(f"{_DATA}: {name} takes {size} names in each language")
    return data


def phrases(section: str, meaning: str | None = None) -> list[str]:
    """Every phrase of a section (or of one relative meaning), all languages together."""
    entries = vocabulary()[section] if meaning is None else vocabulary()[section][meaning]
    return [str(phrase) for words in entries.values() for phrase in words or []]


def relative_phrases() -> dict[str, list[str]]:
    """Meaning → its phrases, in the order the resolver tries them."""
    return {meaning: phrases("relative", meaning) for meaning in RELATIVE_MEANINGS}


def month_names(language: str) -> list[str]:
    """The twelve month names of ``language`` ("ar_levantine" for «آذار», «تشرين الأول»)."""
    return [str(name) for name in vocabulary()["months"][language]]


def weekday_number(word: str) -> int | None:
    """0 for Monday … 6 for Sunday, for a weekday in any language (normalized either way)."""
    key = normalize_name(word)
    for names in vocabulary()["weekdays"].values():
        for number, name in enumerate(names):
            if normalize_name(str(name)) in (key, "ال" + key):
                return number
    return None


def _latin_letter(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0]
    if base != char:  # "è" or "e"
        return f"[{re.escape(char)}{re.escape(base)}]"
    if char in "-'’":
        return r"[-'’\s]?" if char != "-" else r"[-\s]"
    return re.escape(char)


def as_written(phrase: str) -> str:
    """A regex for ``phrase`` in text as written (see the module doc), Arabic marks allowed
    after any letter. Latin phrases are meant to be compiled case-insensitively."""
    words = phrase.split()
    if has_arabic(phrase):
        parts = [
            "".join(_ARABIC_VARIANTS.get(c, re.escape(c)) + _MARKS for c in normalize_arabic(w))
            for w in words
        ]
        return _ATTACHED + r"\s+".join(parts) + r"(?![^\W\d_])"
    parts = ["".join(_latin_letter(c) for c in word) for word in words]
    return r"(?<![^\W\d_])" + r"\s+".join(parts) + r"(?![^\W\d_])"


def as_spaced(phrase: str) -> str:
    """A regex for ``phrase`` letter for letter, any whitespace between its words (hedges:
    "on or about", «نحو»)."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


def as_normalized(phrase: str) -> str:
    """A regex for ``phrase`` in :func:`~incidents.text.language.normalize.normalize_name`
    output."""
    body = r"\s".join(re.escape(word) for word in normalize_name(phrase).split())
    if has_arabic(phrase):
        return rf"(?<!\w)[وفبل]?{body}(?!\w)"
    return rf"(?<!\w){body}(?!\w)"


def alternation(entries: list[str], shape: Any = as_written) -> str:
    """One regex alternative per entry, longest first (so "last night" beats "last")."""
    ordered = sorted(set(entries), key=lambda e: (-len(e), e))
    return "(?:" + "|".join(shape(entry) for entry in ordered) + ")" if ordered else "(?!)"
