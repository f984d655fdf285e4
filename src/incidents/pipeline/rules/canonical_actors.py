"""Actor names and kinds from the curated alias table, ACLED's way.

«قسد», "SDF" and "Syrian Democratic Forces" are one actor; the table
(``data/actor_aliases.yaml``, see :mod:`incidents.text.actors.names`) gives its canonical
English name and ACLED inter code. Generic actors take the incident's country, ACLED's way:
"Civilians (Yemen)", "Military Forces of Sudan", "Unidentified Armed Group (Syria)". The
model's kind stands for actors the table does not know, whose names are transliterated. The
same actor in the same role is listed once.
"""

from __future__ import annotations

from dataclasses import replace

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, DraftActor
from incidents.pipeline.stage import Stage, each
from incidents.text.actors.names import canonical_actor
from incidents.text.language.transliterate import transliterate


def canonical_actors(draft: Draft, article: Article) -> Draft:
    """Map each actor to its canonical name and kind; drop repeats of (name, role)."""
    actors: list[DraftActor] = []
    country = draft.location.country
    seen: set[tuple[str, str | None]] = set()
    for actor in draft.actors:
        canonical = canonical_actor(actor.name)
        # A name outside the table is written in Latin letters, never left half-Arabic.
        name = canonical.named_for(country) if canonical else transliterate(actor.name)
        key = (name.casefold(), actor.role)
        if key in seen:
            continue
        seen.add(key)
        kind = (canonical.kind if canonical else None) or actor.kind
        actors.append(replace(actor, name=name, kind=kind))
    draft.actors = actors
    return draft


STAGE = Stage(
    "canonical_actors",
    "canonical actor names and ACLED kinds from the alias table; one entry per name and role",
    each(canonical_actors),
)
