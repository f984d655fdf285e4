"""A village the gazetteer does not hold keeps its own name, in Latin letters, at ACLED's
geo-precision 2, placed by the nearest larger place the article names.

Coding it as the governorate, or leaving it empty, loses the one fact the article gave. So the
words the model copied (introducing words such as «قرية» or "village of" removed) become the
name, transliterated (:mod:`incidents.text.language.transliterate`), never cut; the country and
admin1 come from the gazetteer place ``locate`` found in the incident's sentences instead (its
"parent": «قرية تل الشوك في ريف درعا» → Daraa), else from the article's country; the
coordinates are the parent's, and only when the sentences name a parent (otherwise none: a
country's centre would put the village on the map where it is not).
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, in_text
from incidents.pipeline.rules.locate import unlisted_location
from incidents.pipeline.stage import Stage, each
from incidents.text.actors.names import actor_mentions
from incidents.text.candidates import DESCRIPTIVE_WORDS
from incidents.text.language.normalize import name_key, tokenize
from incidents.text.language.transliterate import transliterate
from incidents.text.places.gazetteer import find_places, resolve_place, word_before
from incidents.text.places.index import place_words

DESCRIPTIVE_STEMS = tuple(word.removeprefix("ال") for word in DESCRIPTIVE_WORDS)


def _own_words(phrase: str) -> str:
    """The phrase without the generic words that introduce or qualify a name, nor those that
    describe the place («الشحيل المجاورة», "the neighbouring Al Shuhayl")."""
    generic = place_words().generic
    words = [
        t.text
        for t in tokenize(phrase)
        if name_key(t.text) not in generic
        and not t.text.lstrip("وبل").removeprefix("ال").startswith(DESCRIPTIVE_STEMS)
    ]
    return " ".join(words)


def _written_as_a_place(written: str, text: str) -> bool:
    """Whether the article writes the phrase as a place: introduced by a place word («قرية»,
    "in", "near", « près de ») or starting with one, and naming no actor ("Frontier Corps
    vehicle", «قوات الدعم السريع» are not places)."""
    if actor_mentions(written):
        return False
    generic = place_words().generic
    words = tokenize(written)
    if words and name_key(words[0].text) in generic:
        return True
    at = text.find(written)
    return at >= 0 and word_before(text, at) in generic


def unlisted_place(draft: Draft, article: Article) -> Draft:
    """Name an unresolved place by its own words, placed by the parent the evidence names."""
    written = in_text(draft.cited.place, article.text)
    if not written or resolve_place(written, country_hint=article.country) is not None:
        return draft  # no place, one the article does not write, or one the gazetteer knows
    if not _written_as_a_place(written, article.text):
        return draft
    if find_places(written, country_hint=article.country):
        return draft  # a phrase around a known place («جنزور غرب العاصمة»): that place stands
    own = _own_words(written)
    if not own:
        return draft
    # The model's words resolve nowhere, so a place ``locate`` found is another one the
    # evidence names: the parent. (Its ``name_original`` still holds the model's words.)
    parent = draft.location if draft.location.country else None
    name = transliterate(own)
    draft.location = unlisted_location(name, written, parent, country=article.country)
    draft.note(f"{written} is not in the gazetteer: kept as {name!r}")
    return draft


STAGE = Stage(
    "unlisted_place",
    "a village the gazetteer lacks keeps its name (in Latin letters), placed by its parent",
    each(unlisted_place),
)
