"""Whether a sentence reports an event of its own, and if not, why not.

A small model codes statements, plans, background and economic news as incidents. A sentence
reports no event when, in this order:

1. it has no event word (:mod:`incidents.text.events.cues`);
2. its event words all follow a threat, a plan, a condition, an option, a request, a warning,
   a denial or a condemnation («أحد الخيارات المطروحة توجيه ضربات جوية», "if the army attacks");
3. its event words all follow an anniversary («الذكرى السنوية لاغتيال», "the anniversary of
   the massacre"), or it tells of history and dates nothing recent: "last year", «منذ بداية
   الحرب», «ذلك اليوم», or a year before the publication's ("in 1991", «عام 2003»);
4. it tells of a habit or a tally and dates nothing recent: "militias often fire mortars",
   «عادة ما», "since the start of the year", «شبه يومية»;
5. its only event word is an agreement on prices, rates or trade.

A recent date ("on Monday", «أمس», "hier") keeps a sentence an event whatever history it also
mentions ("killed on Monday, a year after the anniversary"), and so does a comparison with the
past ("the deadliest attack since 2019", «الأعنف منذ عام 2019»): a new event measured against
history. The words are data, in ``data/event_cues.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from incidents.text.actors.names import ARMED_KINDS, find_actors
from incidents.text.dates.words import month_names
from incidents.text.events.cues import (
    ANNIVERSARY,
    COMPARED,
    DISASTER,
    ECONOMY,
    HABITUAL,
    HISTORY,
    PLANNED,
    RECENT,
    cue_positions,
    event_is_reported,
    first_marker,
)
from incidents.text.language.normalize import normalize_arabic, normalize_latin

# The reasons, as an analyst reads them after the sentence number.
NO_EVENT_WORD = "no event word"
UNREAL = "only a threat, plan, condition, request or denial"
HISTORY_TOLD = "history, before the news"
HABIT = "a habit or a tally, not one event"
ECONOMIC_NEWS = "economic news"
ACCIDENT = "an accident or a disaster, no armed actor"

_YEAR = re.compile(r"(?<![\d.,/:-])(1[89]\d\d|20\d\d)(?![\d.,/:-]*\d)")
# A year comes up to three words after one of these words or a month: "in 1991", «عام 2003»,
# «en 2023», "March 2024", «آب/أغسطس 2023», "after a difficult 2024"; "2000 people fled" is
# a count.
# fmt: off
_YEAR_AFTER = frozenset(normalize_latin(normalize_arabic(w)) for w in (
    "in", "since", "during", "until", "from", "of", "before", "after", "early", "late", "mid",
    "en", "depuis", "durant", "de", "jusqu", "avant", "après", "début", "fin",
    "عام", "العام", "لعام", "سنة", "منذ", "في", "خلال", "حتى", "قبل", "بعد", "مطلع", "أواخر",
    "أوائل", "نهاية", "بداية",
    *(word for language in ("en", "fr", "ar", "ar_levantine")
      for name in month_names(language) for word in name.split()),
))
# fmt: on
# A day number among the three words before a year makes it a full date («12 آذار/مارس 2024»,
# "March 12, 2023"), which the date stages read; only bare years and months tell of history.
_DAY_BEFORE = re.compile(r"(?<!\d)(?:[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class NonEvent:
    """Why a sentence reports no event: one of the reasons above, and the words that show it."""

    reason: str
    words: str | None = None

    def __str__(self) -> str:
        return f"{self.reason} ({self.words})" if self.words else self.reason


def _earlier_year(sentence: str, published: dt.date | None) -> str | None:
    """A bare year (or month and year) before the publication year, or any bare year when
    the publication date is unknown: "in 1991", «عام 2003», «en 2023»."""
    text = normalize_latin(normalize_arabic(sentence))
    for match in _YEAR.finditer(text):
        year = int(match.group())
        if published is not None and year >= published.year:
            continue
        before = text[: match.start()].split()[-3:]
        full_date = any(_DAY_BEFORE.fullmatch(word) for word in before)
        if not full_date and any(word in _YEAR_AFTER for word in before):
            return match.group()
    return None


def _background(
    sentence: str, published: dt.date | None, cues: Mapping[str, int]
) -> NonEvent | None:
    """History or a habit, unless the sentence also dates something recent or compares."""
    anniversary = first_marker(ANNIVERSARY, sentence)
    if anniversary is not None and all(at > anniversary[0] for at in cues.values()):
        # The commemoration may be today; what it commemorates is not («تحيي الكويت اليوم
        # الذكرى ... للغزو»). An event before it ("protesters rallied on the anniversary") is.
        return NonEvent(HISTORY_TOLD, anniversary[1].strip())
    if first_marker(RECENT, sentence, outside=(HISTORY,)) is not None:
        return None
    compared = first_marker(COMPARED, sentence)
    for key, reason in ((HISTORY, HISTORY_TOLD), (HABITUAL, HABIT)):
        marker = first_marker(key, sentence)
        if marker is not None and not (compared is not None and compared[0] < marker[0]):
            return NonEvent(reason, marker[1].strip())
    year = _earlier_year(sentence, published)
    if year is not None and compared is None:
        return NonEvent(HISTORY_TOLD, year)
    return None


def non_event(
    sentence: str, published: dt.date | None = None, cues: Mapping[str, int] | None = None
) -> NonEvent | None:
    """Why ``sentence`` reports no event, or None when it reports one.

    Args:
        sentence: One sentence of the article.
        published: The article's publication date: years before it are history.
        cues: :func:`~incidents.text.events.cues.cue_positions` of the sentence, when the
            caller has them already.
    """
    cues = cue_positions(sentence) if cues is None else cues
    typed = set(cues) - {PLANNED}
    if not typed:
        return NonEvent(NO_EVENT_WORD)
    if not event_is_reported(cues):
        return NonEvent(UNREAL)
    background = _background(sentence, published, {k: cues[k] for k in typed})
    if background is not None:
        return background
    economy = first_marker(ECONOMY, sentence) if typed == {"agreement"} else None
    if economy is not None:
        return NonEvent(ECONOMIC_NEWS, economy[1].strip())
    disaster = first_marker(DISASTER, sentence)
    if disaster is not None and not any(a.kind in ARMED_KINDS for a in find_actors(sentence)):
        return NonEvent(ACCIDENT, disaster[1].strip())
    return None
