"""Cite the toll that the sentence after an incident states.

News states the event, then the toll ("...attacked the base." / "Nine people were killed and
23 wounded."). A 1.5B model rarely cites the second sentence, or codes it as an incident of its
own. So when an incident's sentences give no toll and the next sentence does, that sentence
joins the incident's evidence, if no other incident cites it, or if the only incidents citing
it are that bare toll sentence with no word of any type of event (they are absorbed).
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage
from incidents.text.events.cues import ANY_EVENT

_TOLLS = {"fatalities", "injured"}


def cite_next_toll(drafts: list[Draft], article: Article) -> list[Draft]:
    """Give each toll-less incident the toll of the sentence after it."""
    original = [list(draft.sentences) for draft in drafts]
    citing: dict[int, list[int]] = {}
    for index, numbers in enumerate(original):
        for number in numbers:
            citing.setdefault(number, []).append(index)
    absorbed: set[int] = set()
    for index, draft in enumerate(drafts):
        following = article.sentence(max(draft.sentences) + 1)
        if index in absorbed or following is None:
            continue
        next_passage = article.passage([following.number])
        if _TOLLS & draft.evidence(article).counts.keys() or not (
            _TOLLS & next_passage.counts.keys()
        ):
            continue
        others = [i for i in citing.get(following.number, []) if i != index and i not in absorbed]
        bare_toll = all(original[i] == [following.number] for i in others) and not (
            set(next_passage.cues) - {ANY_EVENT}
        )
        if others and not bare_toll:
            continue
        draft.sentences = [*draft.sentences, following.number]
        absorbed.update(others)
        citing[following.number] = [index]
    return [draft for index, draft in enumerate(drafts) if index not in absorbed]


STAGE = Stage(
    "cite_next_toll",
    "cite the next sentence when it states the toll the incident's own sentences lack",
    cite_next_toll,
)
