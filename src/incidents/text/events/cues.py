"""Check the model's sub-event type against the words of its own evidence.

A 1.5B model often picks a type the cited sentences do not support (an "abduction" for a
sniper killing, "overtakes territory" for a protest). The cue table
(``data/event_cues.yaml``, data not code) lists the words that show each type. When the
evidence holds no cue for the model's type but does for another, the type with the earliest
cue in the evidence wins; when the evidence holds no cue at all, the model's choice stands.

The same table says whether a sentence reports an event at all (:func:`reports_an_event`, and
:mod:`incidents.text.events.non_events` for history and habits): its ``_``-entries are the words of
any event, of threats and conditions, of history, habits and recent dates (whole words, found by
:func:`first_marker`), and the look-alikes that are no cue («هجوم لاذع», "missile shield").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel

from incidents.data_dir import DATA_DIR
from incidents.schema import EVENT_TYPE_OF_SUB_EVENT
from incidents.text.counts.casualty_words import event_cue_stems
from incidents.text.language.normalize import normalize_arabic, normalize_latin

CUES_FILE = DATA_DIR / "event_cues.yaml"
ANY_EVENT = "_event"  # the table's entry for words that show an event of some type
PLANNED = "_planned"  # words of a threat or a plan: what follows has not happened (yet)
NOT_CUES = "_not_cues"  # words that look like a cue but are none ("Tuesday", «هجوم لاذع»)
# Whole-word markers (see :func:`first_marker`), read by :mod:`incidents.text.events.non_events`.
UNREAL = "_unreal"  # conditions, options, requests, denials: reported under PLANNED
HISTORY = "_history"  # before the news: "last year", «منذ بداية الحرب»
ANNIVERSARY = "_anniversary"  # what follows an anniversary is history: «الذكرى السنوية لاغتيال»
HABITUAL = "_habitual"  # habits and tallies: "often", «عادة ما», "since the start of the year"
RECENT = "_recent"  # within the news: "on Monday", «أمس»
ECONOMY = "_economy"  # prices, rates, trade: an "agreement" among them is economic news
COMPARED = "_compared"  # "the deadliest since": a new event measured against history
DISASTER = "_disaster"  # accidents, floods, fires: no political violence without an armed actor
_MARKERS = (UNREAL, HISTORY, ANNIVERSARY, HABITUAL, RECENT, ECONOMY, COMPARED, DISASTER)
_ARABIC_LETTER = "\u0621-\u064a"


class _Cues(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ar: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)
    fr: list[str] = Field(default_factory=list)


class _Table(RootModel[dict[str, _Cues]]):
    pass


@lru_cache(maxsize=1)
def _table() -> dict[str, _Cues]:
    """The file's cues, and the casualty words that cue an event or its type: those are kept
    with the casualty vocabulary (:func:`~incidents.text.counts.casualty_words.event_cue_stems`),
    not written twice. Latin cues of English and French are matched together."""
    table = _Table.model_validate(yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))).root
    for entry, stems in event_cue_stems().items():
        cues = table.get(entry, _Cues())
        arabic = [stem for stem in stems if not stem.isascii()]
        latin = [stem for stem in stems if stem.isascii()]
        table[entry] = _Cues(ar=cues.ar + arabic, en=cues.en + latin, fr=cues.fr)
    return table


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]:
    table = _table()
    known = {*EVENT_TYPE_OF_SUB_EVENT, ANY_EVENT, PLANNED, NOT_CUES, *_MARKERS}
    if unknown := set(table) - known:
        raise ValueError(f"{CUES_FILE}: unknown sub-event types {sorted(unknown)}")
    compiled = []
    for sub_event, cues in table.items():
        if sub_event in (NOT_CUES, *_MARKERS):
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


def _whole_words(phrases: list[str], *, arabic: bool) -> re.Pattern[str]:
    """One pattern for whole words or phrases on normalized text. An Arabic phrase may carry
    «و»/«ف» and «ب»/«ل»/«ك» in front, and its «ال» after «ل» becomes «لل» («للعام الماضي»)."""
    if arabic:
        forms = {normalize_arabic(p) for p in phrases}
        forms |= {"لل" + form[2:] for form in forms if form.startswith("ال")}
        body = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
        letter = _ARABIC_LETTER
        pattern = rf"(?<![{letter}])(?:[وف]?[بلك]?)(?:{body})(?![{letter}])"
    else:
        forms = {normalize_latin(p) for p in phrases}
        body = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
        pattern = rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])"
    return re.compile(pattern if body else "(?!)")


@cache
def _marker_patterns(key: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = _table().get(key, _Cues())
    return _whole_words(cues.en + cues.fr, arabic=False), _whole_words(cues.ar, arabic=True)


# A cue word quoted on its own is a figure of speech: a deputy «bombardé» a minister with
# questions, an «exécution politique». Quotes of up to four words are no cues.
_SHORT_QUOTE = re.compile(r"[«“\"]\s*[^\s«»“”\"]+(?:\s+[^\s«»“”\"]+){0,3}\s*[»”\"]")


def _normalized(evidence: str) -> tuple[str, str]:
    """The evidence as Latin and as Arabic cues are matched, short quotes blanked."""
    text = _SHORT_QUOTE.sub(_blank, evidence)
    return normalize_latin(text), normalize_arabic(text)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())  # the same length, so positions still line up


def _blanked(evidence: str, keys: tuple[str, ...]) -> tuple[str, str]:
    """:func:`_normalized` with the markers of ``keys`` blanked."""
    latin_text, arabic_text = _normalized(evidence)
    for key in keys:
        latin_text = _marker_patterns(key)[0].sub(_blank, latin_text)
        arabic_text = _marker_patterns(key)[1].sub(_blank, arabic_text)
    return latin_text, arabic_text


def first_marker(
    key: str, evidence: str, *, outside: tuple[str, ...] = ()
) -> tuple[int, str] | None:
    """The position and words of the first whole-word marker of ``key`` (one of the table's
    entries ``_unreal``, ``_history``, ``_anniversary``, ``_habitual``, ``_recent``,
    ``_economy``, ``_compared``) in ``evidence``, positions as in :func:`cue_positions`.
    Markers inside ``_not_cues`` («طلب عدم الكشف عن اسمه» is no request) or inside those of
    the keys ``outside`` do not count («ذلك اليوم» is no «اليوم»)."""
    latin, arabic = _marker_patterns(key)
    latin_text, arabic_text = _blanked(evidence, (NOT_CUES, *outside))
    found = [
        (m.start(), m.group())
        for m in (latin.search(latin_text), arabic.search(arabic_text))
        if m is not None
    ]
    return min(found) if found else None


def cue_positions(evidence: str) -> dict[str, int]:
    """Sub-event types cued in ``evidence``, each with the position of its first cue.

    Words that only look like cues (``_not_cues``) and short quotes are no cues. The table's
    ``_planned`` entry is reported like a type (see :func:`reports_an_event`), at the first
    threat or plan, or condition, request or denial (``_unreal``) if that comes first.
    """
    latin_text, arabic_text = _blanked(evidence, (NOT_CUES,))
    found: dict[str, int] = {}
    for sub_event, latin, arabic in _patterns():
        positions = [m.start() for m in [latin.search(latin_text)] if m]
        if arabic is not None and (m := arabic.search(arabic_text)):
            positions.append(m.start())
        if positions:
            found[sub_event] = min(positions)
    unreal = first_marker(UNREAL, evidence)
    if unreal is not None:
        found[PLANNED] = min(found.get(PLANNED, unreal[0]), unreal[0])
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
