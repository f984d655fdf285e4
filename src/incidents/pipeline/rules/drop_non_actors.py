"""Things are not actors: a bus, a school, a roadside bomb or «المركبات القتالية».

A small model lists what was hit as whom it targeted ("municipal bus", "his home",
«مقر»). ACLED's actors are groups of people. An actor the alias table does not know is
dropped when its name is a common noun with no capital letter and no word for people or an
armed group in it (English and French), or when it starts with a word for an object or a
place (any of the three languages).
"""

from __future__ import annotations

import re

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.actor_names import canonical_actor
from incidents.text.normalize import name_key

# Words for people or armed groups: a lower-case name holding one is an actor ("local men").
_PEOPLE = re.compile(
    r"\b(?:forces?|army|armies|militia|militias|militants?|fighters?|gunmen|group|groups|"
    r"brigades?|battalions?|movement|front|council|police|officers?|soldiers?|troops|"
    r"rebels?|insurgents?|jihadists?|protesters?|demonstrators?|rioters?|civilians?|people|"
    r"residents?|villagers?|men|women|children|students|workers|farmers|herders|"
    r"passengers|worshippers|patients|journalists?|activists?|members|supporters|youths?|"
    r"survivors|victims|relatives|families|mourners|guards?|"
    r"forces|armée|militaires|soldats|combattants|hommes|femmes|enfants|civils|habitants|"
    r"manifestants|policiers|gendarmes|rebelles|terroristes|assaillants|jihadistes|"
    r"bandits?|gangs?|snipers?|attackers|assailants|kidnappers|smugglers|pirates)\b",
    re.IGNORECASE,
)
# Things and places a model lists as targets (normalized Arabic: no article, ه for ة).
_OBJECTS = {
    "مركبات", "مركبه", "سياره", "سيارات", "حافله", "منزل", "منازل", "مبنى", "مباني", "مدرسه",
    "مستشفى", "مقر", "مقرات", "موقع", "مواقع", "طريق", "عبوه", "قذيفه", "مخزن", "مستودع",
    "سوق", "محطه", "جسر", "بئر", "حي", "قريه", "مدينه",
    "bus", "car", "vehicle", "vehicles", "home", "homes", "house", "houses", "school",
    "hospital", "building", "buildings", "parliament", "office", "offices", "market", "road",
    "bridge", "bomb", "convoy", "base", "camp", "checkpoint", "town", "village", "centre",
    "center", "station", "his", "her", "their", "its",
    # Keys as name_key writes them: accents folded.
    "vehicule", "maison", "maisons", "ecole", "hopital", "marche", "batiment", "route",
    "regroupement",
}  # fmt: skip


def _head(name: str) -> str:
    """The first word, article and case folded away («المركبات» → «مركبات»)."""
    words = name.split()
    return name_key(words[0]) if words else ""


def is_a_thing(name: str) -> bool:
    """Whether a name the alias table does not know names a thing, not people."""
    if canonical_actor(name) is not None:
        return False
    if _head(name) in _OBJECTS:
        return True
    latin_lower = name.isascii() and not any(ch.isupper() for ch in name)
    return latin_lower and _PEOPLE.search(name) is None


def drop_non_actors(draft: Draft, article: Article) -> Draft:
    """Drop the actors that name things."""
    kept = [a for a in draft.actors if not is_a_thing(a["name"])]
    if len(kept) < len(draft.actors):
        gone = ", ".join(a["name"] for a in draft.actors if a not in kept)
        draft.note(f"not actors: {gone}")
        draft.actors = kept
    return draft


STAGE = Stage(
    "drop_non_actors",
    "actors that name things (a bus, a school, «المركبات») are dropped",
    each(drop_non_actors),
)
