"""The post-processing pipeline: the model's answer → validated, grounded incidents.

Most of the tool's accuracy is earned here, by rules in code after the model answers. The
model cites numbered sentences and names a type, a place, actors and counts (a prompt's output
form, :mod:`incidents.prompting.forms`); a :class:`~incidents.pipeline.draft.Draft` is made of
each incident, and these stages run over the drafts of one article, in this order:

 1. cite_group_size    cite the earlier sentence giving a group's size when "the rest" are counted
 2. cite_next_toll     cite the next sentence when it states the toll the incident's own lack
 3. ignore_instructions  text addressed to the model is no evidence; drop incidents citing only it
 4. drop_non_events    drop incidents with no event word, or only a threat or a plan
 5. ground_counts      counts read next to casualty words win; model counts only if grounded
 6. count_remainder    detained = the group's size minus the killed when the rest were captured
 7. check_sub_event    a sub-event type the evidence has no cue for → the earliest cued type
 8. violent_if_deadly  a deadly arrest or peaceful protest → the violence its death sentence cues
 9. zero_counts        0 where the evidence says "no casualties" or the event kills nobody
10. find_date_phrase   the model's date phrase only if it is a date in the evidence, else the first
11. resolve_date       the date phrase → start/end/precision against the publication date
12. locate             the place through the gazetteer, only if the incident's sentences name it
13. near_place         geo_precision 2 instead of 1 when the event was near the town
14. canonical_actors   actor names and kinds from the alias table; one per name and role
15. add_named_actors   known actors the evidence names fill a missing perpetrator or target
16. write_summary      a summary from the coded fields when none was given or the type changed
17. merge_repeats      merge incidents of one type sharing a sentence, or place, date and actor

Then :func:`~incidents.pipeline.draft.build_incident` validates each draft as an
:class:`~incidents.schema.Incident` (evidence offsets are checked against the text there).

Before the stages, while the answer is parsed, the output form itself checks it: cited sentence
numbers must exist (an incident citing none is dropped), the event type follows the sub-event
type, and chunks of a long article are numbered from [1] and shifted back. Those checks shape
the answer the response store records, so they are not stages and cannot be skipped.

Each stage can be switched off (``incidents eval --replay --skip-stage NAME``); the field it
owns then keeps the model's value. ``incidents stages`` prints this list.
"""

from __future__ import annotations

from collections.abc import Iterable

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, build_incident
from incidents.pipeline.rules import (
    add_named_actors,
    canonical_actors,
    check_sub_event,
    cite_group_size,
    cite_next_toll,
    count_remainder,
    drop_non_events,
    find_date_phrase,
    ground_counts,
    ignore_instructions,
    locate,
    merge_repeats,
    near_place,
    resolve_date,
    violent_if_deadly,
    write_summary,
    zero_counts,
)
from incidents.pipeline.stage import Stage
from incidents.prompting.forms import CitedIncident
from incidents.schema import Incident

STAGES: tuple[Stage, ...] = (
    cite_group_size.STAGE,
    cite_next_toll.STAGE,
    ignore_instructions.STAGE,
    drop_non_events.STAGE,
    ground_counts.STAGE,
    count_remainder.STAGE,
    check_sub_event.STAGE,
    violent_if_deadly.STAGE,
    zero_counts.STAGE,
    find_date_phrase.STAGE,
    resolve_date.STAGE,
    locate.STAGE,
    near_place.STAGE,
    canonical_actors.STAGE,
    add_named_actors.STAGE,
    write_summary.STAGE,
    merge_repeats.STAGE,
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


class UnknownStage(ValueError):
    """A stage name that is not in :data:`STAGES`; the message lists the known ones."""


def check_stage_names(names: Iterable[str]) -> frozenset[str]:
    """The names as a set, or :class:`UnknownStage` for the first that is not a stage."""
    chosen = frozenset(names)
    for name in sorted(chosen):
        if name not in STAGE_NAMES:
            raise UnknownStage(f"unknown stage {name!r}; the stages are: {', '.join(STAGE_NAMES)}")
    return chosen


def run_stages(
    cited: list[CitedIncident], article: Article, *, skip: Iterable[str] = ()
) -> list[Incident]:
    """Turn the model's cited incidents into validated incidents.

    Args:
        cited: The answer's incidents, citing the article's sentence numbers.
        article: The article they cite.
        skip: Names of stages to leave out (for ablation).

    Raises:
        UnknownStage: ``skip`` names a stage that does not exist.
    """
    skipped = check_stage_names(skip)
    drafts = [Draft.from_cited(incident, article) for incident in cited]
    for stage in STAGES:
        if stage.name not in skipped:
            drafts = stage.run(drafts, article)
    built = (build_incident(draft, article) for draft in drafts)
    return [incident for incident in built if incident is not None]
