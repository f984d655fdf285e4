"""Sentences beyond the model's citations that an incident's counts come from.

A 1.5B model cites the sentence that names an event and often misses the ones around it that
count it: the toll in the next sentence ("Nine people were killed and 23 wounded."), or the
size of a group whose remainder was captured, given a few sentences earlier. These functions
add such sentences to a draft's citations before it is assembled, so every count still comes
from the incident's own evidence.
"""

from __future__ import annotations

from incidents.casualties import counts_in_evidence, group_size
from incidents.event_cues import ANY_EVENT, cue_positions
from incidents.forms import CitedIncident
from incidents.numbers import speaks_of_the_rest
from incidents.sentences import Sentence


def attach_count_sentences(
    drafts: list[CitedIncident], sentences: tuple[Sentence, ...]
) -> list[CitedIncident]:
    """Give an incident the toll stated in the sentence after it.

    News states the event, then the toll ("...attacked the base." / "Nine people were killed
    and 23 wounded."). The model rarely cites the second sentence, or codes it as an incident
    of its own. So when an incident's sentences give no toll and the next sentence does, that
    sentence joins the incident's evidence, if no other incident cites it, or if the only
    incident citing it is that bare toll sentence with no word of any type of event.
    """
    by_number = {s.number: s for s in sentences}
    citing: dict[int, list[int]] = {}
    for index, draft in enumerate(drafts):
        for number in draft.sentences:
            citing.setdefault(number, []).append(index)
    tolls = {"fatalities", "injured"}
    out, absorbed = [_with_group_sentence(d, by_number) for d in drafts], set()
    for index, draft in enumerate(out):
        following = by_number.get(max(draft.sentences) + 1)
        if index in absorbed or following is None:
            continue
        own = " ".join(by_number[n].text for n in draft.sentences if n in by_number)
        if tolls & counts_in_evidence(own).keys() or not (
            tolls & counts_in_evidence(following.text).keys()
        ):
            continue
        others = [i for i in citing.get(following.number, []) if i != index and i not in absorbed]
        bare_toll = all(drafts[i].sentences == [following.number] for i in others) and not (
            set(cue_positions(following.text)) - {ANY_EVENT}
        )
        if others and not bare_toll:
            continue
        out[index] = draft.model_copy(update={"sentences": [*draft.sentences, following.number]})
        absorbed.update(others)
        citing[following.number] = [index]
    return [draft for index, draft in enumerate(out) if index not in absorbed]


GROUP_LOOKBACK_SENTENCES = 3


def _with_group_sentence(draft: CitedIncident, by_number: dict[int, Sentence]) -> CitedIncident:
    """ "...the rest were captured": cite the earlier sentence that gave the group's size, so
    the remainder can be counted from the evidence ("a group of 18 ...")."""
    own = " ".join(by_number[n].text for n in draft.sentences if n in by_number)
    if not speaks_of_the_rest(own) or group_size(own) is not None:
        return draft
    first = min(draft.sentences)
    for number in range(first - 1, max(0, first - 1 - GROUP_LOOKBACK_SENTENCES), -1):
        sentence = by_number.get(number)
        if sentence is not None and group_size(sentence.text) is not None:
            return draft.model_copy(update={"sentences": sorted({number, *draft.sentences})})
    return draft
