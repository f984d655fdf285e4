"""Counts come from the evidence, never from the model's imagination.

A count the evidence states next to a casualty word wins («مقتل اثنين ... وإصابة ثلاثة»:
2 killed, 3 injured, whatever the model put where). Otherwise the model's count is kept only
when its digits or number words appear in the evidence, the evidence has a word for that kind
of count ("the two sub-clans" is no toll), and the number is not one the evidence gives to
another field.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.schema import COUNT_FIELDS
from incidents.text.counts.numbers import count_is_grounded


def ground_counts(draft: Draft, article: Article) -> Draft:
    """Replace the model's counts by the evidence's, or drop those it cannot ground."""
    passage = draft.evidence(article)
    evidence, read, mentioned = passage.text, passage.counts, passage.count_fields
    for name in COUNT_FIELDS:
        value = draft.counts[name]
        misplaced = value is not None and value in read.values() and read.get(name) != value
        grounded = count_is_grounded(value, evidence) and not misplaced
        grounded = grounded and (value == 0 or name in mentioned)
        draft.counts[name] = read.get(name, value if grounded else None)
    return draft


STAGE = Stage(
    "ground_counts",
    "counts read next to casualty words win; model counts stay only if the evidence grounds them",
    each(ground_counts),
)
