"""Merge repeats: a small model repeats itself, and chunk overlaps see an event twice.

Two incidents are the same when they have the same sub-event type and share a cited sentence,
or have the same place, the same date and a common actor. The first keeps its fields; the
evidence is pooled (at most six sentences), and a stated count beats none and a 0, if it is
still grounded in the pooled evidence.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage
from incidents.schema import COUNT_FIELDS, MAX_EVIDENCE
from incidents.text.counts.numbers import count_is_grounded


def _date_key(draft: Draft) -> tuple[object, object]:
    date = draft.date
    return (date.start, date.text) if date is not None else (None, draft.date_phrase)


def why_same(a: Draft, b: Draft) -> str | None:
    """Why two drafts report the same incident, or None when they do not."""
    if a.sub_event_type != b.sub_event_type:
        return None
    shared = sorted(set(a.sentences) & set(b.sentences))
    if shared:
        return f"same {a.sub_event_type}, both cite {shared}"
    name = a.location.name
    same_place = name is not None and name == b.location.name
    actors_a = {x.name.casefold() for x in a.actors}
    shared_actor = bool(actors_a & {x.name.casefold() for x in b.actors})
    if same_place and _date_key(a) == _date_key(b) and shared_actor:
        return f"same {a.sub_event_type}, place ({name}), date and an actor"
    return None


def same_incident(a: Draft, b: Draft) -> bool:
    """Whether two drafts report the same incident."""
    return why_same(a, b) is not None


def _earlier_twin(merged: list[Draft], draft: Draft) -> tuple[Draft, str] | None:
    for earlier in merged:
        reason = why_same(earlier, draft)
        if reason is not None:
            return earlier, reason
    return None


def merge_repeats(drafts: list[Draft], article: Article) -> list[Draft]:
    """Fold each draft into an earlier one that reports the same incident."""
    merged: list[Draft] = []
    for draft in drafts:
        found = _earlier_twin(merged, draft)
        if found is None:
            merged.append(draft)
            continue
        twin, reason = found
        draft.note(reason, merged_into=twin)  # what --explain shows
        twin.sentences = sorted({*twin.sentences, *draft.sentences})[:MAX_EVIDENCE]
        pooled = twin.evidence(article).text
        for name in COUNT_FIELDS:
            value = twin.counts[name]
            if value is None or (value == 0 and draft.counts[name]):
                value = draft.counts[name]  # a stated count beats none and a 0
            # A 0 read from one sentence ("no casualty word") must hold for the pooled evidence.
            twin.counts[name] = value if count_is_grounded(value, pooled) else None
    return merged


STAGE = Stage(
    "merge_repeats",
    "merge incidents of one type that share a sentence, or a place, a date and an actor",
    merge_repeats,
)
