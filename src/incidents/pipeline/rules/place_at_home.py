"""A place resolved abroad gives way to a place in the article's own country.

The gazetteer holds a namesake abroad for many towns (a desert town in Syria, a village of the
same name across the sea), and a 1.5B model does not say which country it means. The article
does: its dateline and the places it names (:mod:`incidents.text.places.country_prior`). When the
resolved place lies in another country, the model's words are resolved again with that
country as the hint, and failing that a place of that country named in the incident's own
sentences is taken. With neither, the words are a local place the gazetteer lacks (its
namesake lies abroad) and keep their name, in the article's country, at geo-precision 2;
only when the evidence names the foreign country itself ("a drone strike in Syria") does the
place abroad stand: strikes cross borders.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.rules.locate import location_of, unlisted_location
from incidents.pipeline.stage import Stage, each
from incidents.text.language.transliterate import transliterate
from incidents.text.places.gazetteer import find_places, resolve_place


def place_at_home(draft: Draft, article: Article) -> Draft:
    """Move a place resolved abroad to the article's country, when the article allows it."""
    home = article.country
    country = draft.location.country
    if home is None or country is None or country == home:
        return draft
    written = draft.location.name_original or draft.cited.place
    again = resolve_place(written, country_hint=home) if written else None
    if again is None or again.country != home:
        named = [
            p
            for p in find_places(draft.evidence(article).text, country_hint=home)
            if p.country == home
        ]
        again = named[0] if named else None
    if again is None:
        return _unlisted_at_home(draft, article, home, country)
    draft.note(f"{draft.location.name} ({country}) → {again.name} ({home}), at home")
    original = again.matched if again.matched in article.text else None
    draft.location = location_of(again, draft.location.name_original or original)
    return draft


def _unlisted_at_home(draft: Draft, article: Article, home: str, abroad: str) -> Draft:
    """No place of the article's country to fall back on: unless the evidence names the
    foreign country itself ("a strike in Syria"), the words are a local place the gazetteer
    lacks whose namesake lies abroad; they keep their name, in the article's country."""
    evidence = draft.evidence(article).text
    foreign_named = any(
        p.country == abroad and p.geonameid is None and p.admin1 is None
        for p in find_places(evidence)
    )
    written = draft.location.name_original
    if foreign_named or not written:
        return draft
    name = transliterate(written)
    draft.note(f"{draft.location.name} ({abroad}) is a namesake abroad: {name!r} at home")
    draft.location = unlisted_location(name, written, parent=None, country=home)
    return draft


STAGE = Stage(
    "place_at_home",
    "a place resolved abroad gives way to one in the article's country the evidence names",
    each(place_at_home),
)
