"""An event *near* a town is coded at ACLED geo-precision 2, not 1.

«قرب», «ريف», "near", "outskirts", "près de": when the evidence puts the event near the place
and the place is a town (precision 1), the precision becomes 2.
"""

from __future__ import annotations

import re

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each

_NEAR = re.compile(r"(قرب|بالقرب|محيط|ريف|أطراف|near|outskirts|countryside|près de|environs)", re.I)


def near_place(draft: Draft, article: Article) -> Draft:
    """Precision 1 → 2 when the evidence says the event was near the town."""
    if draft.location.geo_precision == 1 and _NEAR.search(draft.evidence(article).text):
        draft.location.geo_precision = 2
    return draft


STAGE = Stage(
    "near_place",
    "geo_precision 2 instead of 1 when the evidence puts the event near the town",
    each(near_place),
)
