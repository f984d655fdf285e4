"""A country's forces named by a demonym: «القوات السودانية», "Iraqi troops", « l'armée malienne ».

``data/demonyms.yaml`` holds each country's adjective in Arabic, English and French and the
force nouns it qualifies; this module writes every noun-adjective pair the way each language
orders and inflects it (Arabic and French after the noun, agreeing in gender and number;
English before it) as an alias of "Military Forces of <country>" or "Police Forces of
<country>". The alias table (:mod:`incidents.text.actors.names`) adds them to its index, after
its own aliases, so a curated entry always wins ("Syrian Democratic Forces" is not the army).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from incidents.data_dir import DATA_DIR

FORCE_NAMES = {"military": "Military Forces of {country}", "police": "Police Forces of {country}"}
# Which form of the adjective each group of nouns takes (index into the language's list).
_FORMS = {
    "ar_masculine": ("ar", 0),
    "ar_feminine": ("ar", 1),
    "en": ("en", None),
    "fr_masculine_singular": ("fr", 0),
    "fr_feminine_singular": ("fr", 1),
    "fr_masculine_plural": ("fr", 2),
    "fr_feminine_plural": ("fr", 3),
}


@dataclass(frozen=True)
class CountryForce:
    """One country's forces of one kind and every way the table lets a report name them."""

    country: str  # ISO 3166-1 alpha-2
    force: str  # "military" or "police"
    aliases: tuple[str, ...]


def _phrases(nouns: list[str], adjectives: list[str], language: str) -> list[str]:
    if language == "en":
        return [f"{adjective} {noun}" for adjective in adjectives for noun in nouns]
    return [f"{noun} {adjective}" for adjective in adjectives for noun in nouns]


@lru_cache(maxsize=1)
def country_forces(path: Path | None = None) -> tuple[CountryForce, ...]:
    """Every country's military and police aliases built from the demonym table.

    Raises:
        ValueError: the file lacks a section, a country lacks a language, or a French or
            Arabic entry does not have its four or two forms.
    """
    path = path or DATA_DIR / "demonyms.yaml"
    raw = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(raw, dict) or set(raw) != {"force_nouns", "countries"}:
        raise ValueError(f"{path}: expected the sections force_nouns and countries")
    out: list[CountryForce] = []
    for code, forms in raw["countries"].items():
        if set(forms) != {"ar", "en", "fr"}:
            raise ValueError(f"{path}: {code} needs ar, en and fr")
        if len(forms["fr"]) != 4 or len(forms["ar"]) % 2:
            raise ValueError(f"{path}: {code} needs 4 French forms and Arabic pairs")
        for force, groups in raw["force_nouns"].items():
            if force not in FORCE_NAMES or set(groups) - set(_FORMS):
                raise ValueError(f"{path}: unknown force nouns {force!r}")
            aliases: list[str] = []
            for group, nouns in groups.items():
                language, index = _FORMS[group]
                if index is None:
                    adjectives = forms[language]
                elif language == "ar":  # every masculine/feminine pair the country lists
                    adjectives = forms["ar"][index::2]
                else:
                    adjectives = [forms[language][index]]
                aliases += _phrases(nouns or [], adjectives, language)
            out.append(CountryForce(code, force, tuple(dict.fromkeys(aliases))))
    return tuple(out)
