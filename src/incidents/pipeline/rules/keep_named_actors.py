"""Names only from knowledge, never from guessing (see :mod:`incidents.text.actors.words`).

A 1.5B model writes Arabic common nouns as names («الرصاص» → "Al-Rasas", «راعي» → "Rai"),
keeps English and French generic words ("journalist", "victims", « hommes armés … » cut
mid-word) and invents ACLED-looking names. An analyst would rather find an empty role than a
wrong name: an actor that is neither in the alias table nor a proper name the article writes
is dropped. The role is filled later from the sentences (``read_roles``, ``add_named_actors``)
when the text names a known actor there.
"""

from __future__ import annotations

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft
from incidents.pipeline.stage import Stage, each
from incidents.text.actors.words import is_named_actor


def keep_named_actors(draft: Draft, article: Article) -> Draft:
    """Drop actors whose names are neither knowledge nor written in the article."""
    kept = [a for a in draft.actors if is_named_actor(a.name, a.name_original, article.text)]
    if len(kept) < len(draft.actors):
        gone = ", ".join(a.name for a in draft.actors if a not in kept)
        draft.note(f"not a known actor nor a name the article writes: {gone}")
        draft.actors = kept
    return draft


STAGE = Stage(
    "keep_named_actors",
    "actors only from the alias table or as the article writes a proper name; no common nouns",
    each(keep_named_actors),
)
