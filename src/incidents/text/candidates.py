"""Places and actors an article names, found by code before the model is asked: it then
chooses among them by number instead of writing names it cannot spell.

* **Places** (``P1``, ``P2`` …): gazetteer matches
(:func:`incidents.text.places.gazetteer.find_places`,
  with the article's country as the hint) and place patterns for what the gazetteer lacks: a
  word that introduces a place and the one or two words after it («قرية الخربة», «بلدة
  الشحيل», «ريف درعا», "the village of Chai", "near Kidal", «près de Gao»).
* **Actors** (``A1``, ``A2`` …): alias-table matches (:func:`incidents.text.actors.names
  .find_actors`), which hold the generic forms too («مسلحون مجهولون», "gunmen", "security
  forces", «المدنيين»).

Each candidate keeps the words as written and their character span in the text, so the choice
is its own evidence. Candidates are listed in order of first mention, once per distinct
spelling, at most :data:`MAX_PLACES` and :data:`MAX_ACTORS` (a busy round-up names more; the
model can still write a name that is not listed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from incidents.text.actors.names import find_actors
from incidents.text.dates.words import month_names, vocabulary
from incidents.text.language.normalize import name_key, normalize_name
from incidents.text.language.sentences import Sentence
from incidents.text.places.country_prior import article_country
from incidents.text.places.gazetteer import find_places
from incidents.text.places.index import place_words

MAX_PLACES = 20
MAX_ACTORS = 16

# A word that introduces a place, then one or two words of its name. Arabic has no capitals,
# so the words after «قرية» are the name; in Latin scripts the name is capitalized.
# First words of two-word names: «تل تمر», «عين عيسى», «دير حافر», «أبو حمام».
_NAME_HEADS = "|".join(
    ["تل", "عين", "دير", "بئر", "جسر", "أبو", "ابو", "رأس", "راس", "خان", "كفر", "بني", "أم",
     "ام", "سيدي", "مرج", "بيت", "قصر", "سوق", "ذي", "جبل", "وادي"]
)  # fmt: skip
# Words after a name that describe it rather than name it: «ذيبان التابعة لـ…».
DESCRIPTIVE_WORDS = (
    "التابع", "المجاور", "القريب", "الواقع", "الشرقي", "الغربي", "الشمالي", "الجنوبي", "نفس"
)  # fmt: skip
_NOT_NAME_TAILS = "|".join(DESCRIPTIVE_WORDS)
_ARABIC_PLACE = re.compile(
    r"(?:^|(?<=[\s،,.(]))[وب]?(?:ال)?(?:قرية|بلدة|مدينة|ناحية|قضاء|مديرية|حي|مخيم|ريف|منطقة|بادية)"
    rf"\s+((?:(?:{_NAME_HEADS})\s+)?(?:ال)?[\u0621-\u064A]{{2,}}"
    rf"(?:\s+(?!{_NOT_NAME_TAILS})ال[\u0621-\u064A]{{2,}})?)"
)
_LATIN_PLACE = re.compile(
    r"\b(?:village|town|city|district|camp|locality|area) of ((?:[A-Z][\w'-]+)(?: [A-Z][\w'-]+)?)"
    r"|\b(?:near|in|at|outside) ((?:[A-Z][\w'-]+)(?: [A-Z][\w'-]+)?)"
    r"|\b(?:village|localité|ville|commune) de ((?:[A-Z][\w'-]+)(?: [A-Z][\w'-]+)?)"
    r"|\b(?:près de|à|de|d') ?((?:[A-Z][\w'-]+)(?: [A-Z][\w'-]+)?)"
)
# Capitalized words after "in"/"at" that are not places.
_NOT_PLACES = {
    *(name.casefold() for name in month_names("en") + vocabulary()["weekdays"]["en"]),
    "the", "a", "an", "this", "his", "her", "their", "its",
}  # fmt: skip


@dataclass(frozen=True)
class Candidate:
    """A place or actor the article names.

    Attributes:
        id: ``P3`` or ``A1``: what the model answers.
        text: The words as written in the article.
        start: Offset of the first character in the article.
        end: Offset after the last character.
    """

    id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Candidates:
    """The places and actors of one article (or chunk)."""

    places: tuple[Candidate, ...]
    actors: tuple[Candidate, ...]

    def by_id(self) -> dict[str, str]:
        """``{"P1": "قرية الخربة", "A2": "gunmen", ...}``: what an answer's ids stand for."""
        return {c.id: c.text for c in (*self.places, *self.actors)}

    def render(self) -> str:
        """Two lines for the prompt: ``Places: P1 …; P2 …`` and ``Actors: A1 …; …``."""
        places = "; ".join(f"{c.id} {c.text}" for c in self.places) or "none"
        actors = "; ".join(f"{c.id} {c.text}" for c in self.actors) or "none"
        return f"Places: {places}\nActors: {actors}"


def _a_name(words: str) -> bool:
    """Not a conjunction-led verb («وبدأت»), a frequent word or a generic one («المحافظة»)."""
    words_data = place_words()
    first = words.split()[0]
    key = name_key(first)
    return (
        not first.startswith("و")
        and key not in words_data.generic
        and (normalize_name(first).replace(" ", "") not in words_data.stop)
    )


def place_word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the names a place word introduces («قرية الخربة», "the village of Boni", "near
    Gao"), found whether or not the gazetteer knows them, in order of the patterns."""
    spans = [m.span(1) for m in _ARABIC_PLACE.finditer(text) if _a_name(m.group(1))]
    for match in _LATIN_PLACE.finditer(text):
        group = next(g for g in range(1, 5) if match.group(g))
        words = match.group(group).split()
        if words[0].casefold() not in _NOT_PLACES:
            spans.append(match.span(group))
    return spans


def _distinct(spans: list[tuple[int, int]], text: str, prefix: str, limit: int) -> list[Candidate]:
    """Spans as candidates in order of first mention, one per spelling, nested spans merged."""
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if any(s <= start and end <= e for s, e in chosen):
            continue  # inside a longer candidate already listed
        chosen.append((start, end))
    seen: set[str] = set()
    out: list[Candidate] = []
    for start, end in chosen:
        words = text[start:end]
        if words in seen:
            continue
        seen.add(words)
        out.append(Candidate(f"{prefix}{len(out) + 1}", words, start, end))
        if len(out) == limit:
            break
    return out


def _spans_of(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Spans of phrases found in order in ``text`` (each searched after the previous one)."""
    spans, at = [], 0
    for phrase in phrases:
        start = text.find(phrase, at)
        if start < 0:
            start = text.find(phrase)
        if start >= 0:
            spans.append((start, start + len(phrase)))
            at = start + len(phrase)
    return spans


@lru_cache(maxsize=64)
def find_candidates(text: str, *, country_hint: str | None = None) -> Candidates:
    """The places and actors ``text`` names, numbered for the model to choose from (cached:
    a few-shot example's list is found when its prompt file is validated and again when its
    turns are rendered; an article's chunk is rendered once, with its list).

    Args:
        text: The article, or the part of it the model is shown.
        country_hint: The article's country, if known; else the places' own prior.
    """
    hint = country_hint or article_country(text)
    gazetteer = _spans_of(text, [p.matched for p in find_places(text, country_hint=hint)])
    places = _distinct(gazetteer + place_word_spans(text), text, "P", MAX_PLACES)
    actors = _distinct(
        _spans_of(text, [a.matched for a in find_actors(text)]), text, "A", MAX_ACTORS
    )
    return Candidates(places=tuple(places), actors=tuple(actors))


def candidates_of(sentences: Sequence[Sentence]) -> Candidates:
    """The candidates of the sentences the model is shown (an article or a chunk of it): the
    prompt lists them and the answer's ids are read back against the same list."""
    return find_candidates("\n".join(s.text for s in sentences))
