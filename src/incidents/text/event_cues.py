"""Check the model's sub-event type against the words of its own evidence.

A 1.5B model often picks a type the cited sentences do not support (an "abduction" for a
sniper killing, "overtakes territory" for a protest). The cue table
(``data/event_cues.yaml``, data not code) lists the words that show each type. When the
evidence holds no cue for the model's type but does for another, the type with the earliest
cue in the evidence wins; when the evidence holds no cue at all, the model's choice stands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel

from incidents.schema import EVENT_TYPE_OF_SUB_EVENT
from incidents.text.normalize import normalize_arabic, normalize_latin

CUES_FILE = Path(__file__).parents[1] / "data" / "event_cues.yaml"
ANY_EVENT = "_event"  # the table's entry for words that show an event of some type
PLANNED = "_planned"  # words of a threat or a plan: what follows has not happened (yet)
NOT_CUES = "_not_cues"  # Latin words that begin like a cue but are none ("Tuesday", "according")


class _Cues(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ar: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)
    fr: list[str] = Field(default_factory=list)


class _Table(RootModel[dict[str, _Cues]]):
    pass


@lru_cache(maxsize=1)
def _table() -> dict[str, _Cues]:
    return _Table.model_validate(yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))).root


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]:
    table = _table()
    unknown = set(table) - set(EVENT_TYPE_OF_SUB_EVENT) - {ANY_EVENT, PLANNED, NOT_CUES}
    if unknown:
        raise ValueError(f"{CUES_FILE}: unknown sub-event types {sorted(unknown)}")
    compiled = []
    for sub_event, cues in table.items():
        if sub_event == NOT_CUES:
            continue
        # Arabic: substring on normalized text, so clitics (و، ب، ال) and suffixes still match.
        arabic = "|".join(re.escape(normalize_arabic(c)) for c in cues.ar)
        # Latin: the cue must start a word ("ied" must not match "died"); inflections follow.
        latin = "|".join(re.escape(normalize_latin(c)) for c in cues.en + cues.fr)
        compiled.append(
            (
                sub_event,
                re.compile(rf"(?<![a-z])(?:{latin})") if latin else re.compile(r"(?!)"),
                re.compile(arabic) if arabic else None,
            )
        )
    return tuple(compiled)


@lru_cache(maxsize=1)
def _not_cues() -> re.Pattern[str]:
    table = _table()
    words = table[NOT_CUES].en + table[NOT_CUES].fr if NOT_CUES in table else []
    return re.compile(rf"(?<![a-z])(?:{'|'.join(map(re.escape, words)) or '(?!)'})(?![a-z])")


def cue_positions(evidence: str) -> dict[str, int]:
    """Sub-event types cued in ``evidence``, each with the position of its first cue.

    The table's ``_planned`` entry is reported like a type (see :func:`reports_an_event`).
    """
    arabic_text = normalize_arabic(evidence)
    # Blanked to the same length, so positions still line up.
    latin_text = _not_cues().sub(lambda m: " " * len(m.group()), normalize_latin(evidence))
    found: dict[str, int] = {}
    for sub_event, latin, arabic in _patterns():
        positions = [m.start() for m in [latin.search(latin_text)] if m]
        if arabic is not None and (m := arabic.search(arabic_text)):
            positions.append(m.start())
        if positions:
            found[sub_event] = min(positions)
    return found


def event_is_reported(cues: Mapping[str, int]) -> bool:
    """Whether cues (from :func:`cue_positions`) show an event (of a known type or not) that
    no threat or plan comes before («لوّحت النقابة بتنظيم وقفة احتجاجية», "threatened to")."""
    cued = dict(cues)
    planned = cued.pop(PLANNED, None)
    if planned is not None and all(position > planned for position in cued.values()):
        return False
    return bool(cued)


def reports_an_event(evidence: str) -> bool:
    """:func:`event_is_reported` for the cues of ``evidence``."""
    return event_is_reported(cue_positions(evidence))


def sub_event_by_cues(model_choice: str, cues: Mapping[str, int]) -> str:
    """The model's sub-event type if the cues support it, else the earliest cued type."""
    cued = {k: v for k, v in cues.items() if k not in (ANY_EVENT, PLANNED)}
    if not cued or model_choice in cued:
        return model_choice
    # Ties keep the table's order (more specific types are listed first).
    return min(cued, key=lambda sub_event: cued[sub_event])


def checked_sub_event(model_choice: str, evidence: str) -> str:
    """:func:`sub_event_by_cues` for the cues of ``evidence``."""
    return sub_event_by_cues(model_choice, cue_positions(evidence))
