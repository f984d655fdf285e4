"""The dateline: where, and often when, a report was filed, before its first words ("KHERSON,
Ukraine, May 20 —", "MOGADISHU (Reuters) —", «دير الزور –», «دمشق، ...»).

One reader (:func:`read_dateline`) for the two that need it: the country prior
(:mod:`incidents.text.places.country_prior`) votes for the dateline's place, and the date finder
(:mod:`incidents.text.dates.phrases`) skips the dateline, which dates the report, not the event.
They want different things from it, so each says how long a dateline may be and which marks
end it (see them for why).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# A dash with space on both sides: what surely ends a dateline ("NAIROBI, June 26 – A soldier").
SPACED_DASH = r"\s[—–-]\s"
# Marks after which a dateline's place ends, surest first: a dash ("Deir ez-Zor" has a hyphen,
# so only a spaced one), an agency in brackets ("MOGADISHU (Reuters)"), an Arabic comma
# («دمشق، 12 آب»), a colon ("Gao: ...").
PLACE_ENDS = tuple(map(re.escape, ("–", "—", " - ", "(", "،", ":")))


@dataclass(frozen=True)
class Dateline:
    """A dateline (``head``, its end mark left out) and the text after its end mark."""

    head: str
    rest: str


@lru_cache(maxsize=16)
def _ending_at(end: str, max_chars: int) -> re.Pattern[str]:
    return re.compile(rf"(?P<head>[^\n]{{0,{max_chars}}}?)(?:{end})")


def read_dateline(
    text: str,
    *,
    max_chars: int,
    ends: Sequence[str] = (SPACED_DASH,),
    short_line_alone: bool = False,
) -> Dateline | None:
    """The dateline at the start of ``text``, or None.

    Each end mark of ``ends`` (a regex) is tried in turn: the dateline is the first line's start
    up to that mark's first occurrence, if at most ``max_chars`` characters come before it. With
    ``short_line_alone``, a first line without the mark tried is a dateline by itself when it is
    that short («دير الزور» on its own line).
    """
    line = text.split("\n", 1)[0]
    for end in ends:
        match = _ending_at(end, max_chars).match(text)
        if match:
            return Dateline(match["head"], text[match.end() :])
        if short_line_alone and len(line) <= max_chars:
            return Dateline(line, text[len(line) + 1 :])
    return None
