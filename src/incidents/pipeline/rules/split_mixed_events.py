"""Two events the model cited as one incident become two.

A small model often cites two sentences together that report two events: a clash in one
village and shelling of another («كما قصفت القوات التركية ... قريتي ... في ريف الدرباسية»), an
attack and the army's retaliation somewhere else. The second event is then lost. A cited
sentence splits off as an incident of its own when it reports an event (a type cue and no
threat or plan before it) of another ACLED event type than the incident's, at a place that
the other cited sentences do not name: a different kind of event at a different place is a
different event. Its type, counts, date, place and actors are then read from that sentence
alone by the stages after this one.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage
from incidents.schema import EVENT_TYPE_OF_SUB_EVENT
from incidents.text.events.cues import sub_event_by_cues
from incidents.text.places.gazetteer import find_places

SPLIT_NUMBER_BASE = 1000  # drafts made by a split: numbered apart from the model's


def _places(text: str, country: str | None) -> set[str]:
    return {p.name for p in find_places(text, country_hint=country)}


def _split_off(draft: Draft, article: Article) -> tuple[int, str] | None:
    """The cited sentence that reports another event, and that event's sub-event type."""
    if len(draft.sentences) < 2:
        return None
    for number in draft.sentences[1:]:
        passage = article.passage([number])
        if not passage.reports_an_event:
            continue
        cued = sub_event_by_cues("", passage.cues)
        if cued not in EVENT_TYPE_OF_SUB_EVENT:
            continue
        if EVENT_TYPE_OF_SUB_EVENT[cued].value == draft.event_type:
            continue
        others = article.passage([n for n in draft.sentences if n != number]).text
        here = _places(passage.text, article.country)
        if here and not here & _places(others, article.country):
            return number, cued
    return None


def split_mixed_events(drafts: list[Draft], article: Article) -> list[Draft]:
    """Split each draft whose cited sentences report another event elsewhere."""
    out: list[Draft] = []
    for draft in drafts:
        found = _split_off(draft, article)
        if found is None:
            out.append(draft)
            continue
        number, cued = found
        draft.note(f"sentence [{number}] reports another event ({cued}) at another place")
        draft.sentences = [n for n in draft.sentences if n != number]
        # The model said nothing about this event but its sentence: stages must not read its
        # words for the other one (place, actors, counts) as if they were this one's.
        unsaid = draft.cited.model_copy(
            update={"sentences": [number], "sub_event_type": cued,
                    "event_type": EVENT_TYPE_OF_SUB_EVENT[cued].value, "summary": None,
                    "place": None, "country": None, "date_phrase": None, "actors": [],
                    "fatalities": None, "injured": None, "detained": None}
        )  # fmt: skip
        split = Draft.from_cited(unsaid, article, number=SPLIT_NUMBER_BASE + draft.number)
        out.extend([draft, split])
    return out


STAGE = Stage(
    "split_mixed_events",
    "a cited sentence reporting another type of event at another place becomes its own incident",
    split_mixed_events,
)
