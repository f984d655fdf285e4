"""The most specific place the incident's own sentences name wins, as in ACLED's coding.

The model often names the governorate or province («محافظة الحسكة», "Borno State") where its
sentence names the town or village. A region gives way to the one town of the same region
(same country, same admin1) that the evidence names (with several, code cannot tell which);
the town's ``geo_precision`` (1, or 2 when the event was near it) replaces the region's 3.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.rules.locate import location_of
from incidents.pipeline.stage import Stage, each
from incidents.text.places import find_places

REGION_PRECISION = 3


def most_specific_place(draft: Draft, article: Article) -> Draft:
    """A region → the one town of that region the evidence names."""
    location = draft.location
    if location.get("geo_precision") != REGION_PRECISION or not location.get("country"):
        return draft
    towns = [
        p
        for p in find_places(draft.evidence(article).text, country_hint=location["country"])
        if p.geonameid is not None
        and p.country == location["country"]
        and (location.get("admin1") is None or p.admin1 == location["admin1"])
    ]
    if len({town.name for town in towns}) != 1:
        return draft  # none, or several towns: which one the event was in is not for code to say
    town = towns[0]
    draft.note(f"{location.get('name')} (a region) → {town.name}, named in the evidence")
    draft.location = location_of(town, town.matched if town.matched in article.text else None)
    return draft


STAGE = Stage(
    "most_specific_place",
    "a governorate or province gives way to a town of it that the incident's sentences name",
    each(most_specific_place),
)
