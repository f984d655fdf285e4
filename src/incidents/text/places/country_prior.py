"""The country an article is about, from the places it names: the prior that keeps its places
at home.

A 1.5B model does not say which country a place is in, and a gazetteer of 235k towns holds a
namesake abroad for many of them (a desert town in Syria and a village of the same name across
the sea). Analysts read the dateline and the rest of the article first; so does this: every
distinct place the article names votes for its country, regions and country names weighing
more than towns (a common word that happens to spell a small town somewhere is a town), and
the dateline (the first line, when it only names a place) more than anything else.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from incidents.text.language.dateline import PLACE_ENDS, read_dateline
from incidents.text.places.gazetteer import Place, find_places

COUNTRY_OR_REGION_VOTES = 3  # "Syria", «محافظة دير الزور»: named on purpose
TOWN_VOTES = 1
DATELINE_VOTES = 6  # «دير الزور –», "MOGADISHU (Reuters) —": where the report comes from
MIN_SHARE = 0.4  # below this share of the votes no country leads: no prior
# Only the dateline's place is read here, so a place's end marks end it (PLACE_ENDS: brackets,
# commas, colons too) and it is short: a longer start is a sentence, whose places are no
# dateline. The date finder allows more (incidents.text.dates.phrases), for a date as well.
DATELINE_MAX_CHARS = 40


def _votes(place: Place) -> int:
    return TOWN_VOTES if place.geonameid is not None else COUNTRY_OR_REGION_VOTES


def _dateline(text: str) -> str:
    """The article's first line, or the words before its first dash, if that is short."""
    dateline = read_dateline(
        text.strip(), max_chars=DATELINE_MAX_CHARS, ends=PLACE_ENDS, short_line_alone=True
    )
    return dateline.head if dateline else ""


@lru_cache(maxsize=256)
def article_country(text: str) -> str | None:
    """ISO alpha-2 code of the country the article's places point to, or None when no country
    leads with at least :data:`MIN_SHARE` of the votes.

    Args:
        text: The whole article.
    """
    votes: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for place in find_places(text):
        key = (place.name, place.country)
        if key not in seen:
            seen.add(key)
            votes[place.country] += _votes(place)
    for place in find_places(_dateline(text))[:1]:
        votes[place.country] += DATELINE_VOTES
    if not votes:
        return None
    ranked = votes.most_common(2)
    country, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    # A tie names no country: two towns, one per country, are as likely one as the other.
    return country if top > runner_up and top >= MIN_SHARE * sum(votes.values()) else None
