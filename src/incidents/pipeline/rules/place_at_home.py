"""A place resolved abroad gives way to a place in the article's own country.

The gazetteer holds a namesake abroad for many towns (a desert town in Syria, a village of the
same name across the sea), and a 1.5B model does not say which country it means. The article
does: its dateline and the places it names (:mod:`incidents.text.country_prior`). When the
resolved place lies in another country, the model's words are resolved again with that
country as the hint, and failing that a place of that country named in the incident's own
sentences is taken. With neither, the place abroad stands: strikes cross borders.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.rules.locate import location_of
from incidents.pipeline.stage import Stage, each
from incidents.text.places import find_places, resolve_place


def place_at_home(draft: Draft, article: Article) -> Draft:
    """Move a place resolved abroad to the article's country, when the article allows it."""
    home = article.country
    country = draft.location.get("country")
    if home is None or country is None or country == home:
        return draft
    written = draft.location.get("name_original") or draft.cited.place
    again = resolve_place(written, country_hint=home) if written else None
    if again is None or again.country != home:
        named = [
            p
            for p in find_places(draft.evidence(article).text, country_hint=home)
            if p.country == home
        ]
        again = named[0] if named else None
    if again is None:
        return draft
    draft.note(f"{draft.location.get('name')} ({country}) → {again.name} ({home}), at home")
    original = again.matched if again.matched in article.text else None
    draft.location = location_of(again, draft.location.get("name_original") or original)
    return draft


STAGE = Stage(
    "place_at_home",
    "a place resolved abroad gives way to one in the article's country the evidence names",
    each(place_at_home),
)
