"""The post-processing pipeline: the model's answer → validated, grounded incidents.

Most of the tool's accuracy is earned here, by rules in code after the model answers. The
model cites numbered sentences and names a type, a place, actors and counts (a prompt's output
form, :mod:`incidents.prompting.forms`); a :class:`~incidents.pipeline.draft.Draft` is made of
each incident, and these stages run over the drafts of one article, in this order:
 1. cite_group_size     cite the earlier sentence giving a group's size when "the rest" are counted
 2. cite_next_toll      cite the next sentence when it states the toll the incident's own lack
 3. ignore_instructions text addressed to the model is no evidence; drop incidents citing only it
 4. split_mixed_events  a cited sentence with another type of event at another place: its own
 5. drop_non_events     drop incidents with no event word, or only a threat or a plan
 6. ground_counts       counts read next to casualty words win; model counts only if grounded
 7. count_remainder     detained = the group's size minus the killed when the rest were captured
 8. check_sub_event     a sub-event type the evidence has no cue for → the earliest cued type
 9. violent_if_deadly   a deadly arrest or peaceful protest → the violence its death sentence cues
10. zero_counts         0 where the evidence says "no casualties" or the event kills nobody
11. find_date_phrase    the model's date phrase only if it is a date in the evidence, else the first
12. resolve_date        the date phrase → start/end/precision against the publication date
13. inherit_date        no date in its sentences: the nearest date stated before them
14. locate              the place through the gazetteer, only if the incident's sentences name it
15. place_at_home       a place resolved abroad gives way to one in the article's country
16. unlisted_place      a village the gazetteer lacks keeps its name, placed by its parent
17. specific_place      a governorate, its namesake town or the capital gives way to the town named
18. near_place          geo_precision 2 instead of 1 when the event was near the town
19. canonical_actors    actor names and kinds from the alias table; one per name and role
20. keep_named_actors   actors only from the alias table or proper names the article writes
21. read_roles          perpetrator and target as the cited sentences say them («برصاص X», "by X")
22. add_named_actors    known actors the evidence names fill a missing perpetrator or target
23. check_actor_roles   one role per actor; civilians are targets, demonstrators act
24. one_sided_violence  an armed clash on civilians only is violence against civilians, and back
25. civilian_target     violence against civilians with no target listed: its country's civilians
26. violent_protest     a protest whose participants burn, stone or block roads is a riot
27. disrupted_weapons   a bomb defused or weapons seized, no one hurt: disrupted weapons use
28. write_summary       a summary from the coded fields when none was given or the type changed
29. merge_repeats       merge incidents of one type sharing a sentence, or place, date and actor

Then :func:`~incidents.pipeline.draft.build_incident` validates each draft as an
:class:`~incidents.schema.Incident` (evidence offsets are checked against the text there).

Before the stages, while the answer is parsed, the output form itself checks it: cited sentence
numbers must exist (an incident citing none is dropped), the event type follows the sub-event
type, and chunks of a long article are numbered from [1] and shifted back. Those checks shape
the answer the response store records, so they are not stages and cannot be skipped.

Before all of them, ``withhold_instructions`` cuts the sentences addressed to the model out of
the article (:mod:`incidents.pipeline.shown_text`): the model, the stages and the evidence see
the article without them.

Each stage can be switched off (``incidents eval --replay --skip-stage NAME``); the field it
owns then keeps the model's value. ``incidents stages`` prints this list.

Given a :class:`~incidents.pipeline.trace.StageTrace`, :func:`run_stages` also records what
each stage did to each incident (``incidents extract --explain``); the result is the same.
"""

from __future__ import annotations

from collections.abc import Iterable

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft, build_incident
from incidents.pipeline.rules import (
    add_named_actors,
    canonical_actors,
    check_actor_roles,
    check_sub_event,
    cite_group_size,
    cite_next_toll,
    civilian_target,
    count_remainder,
    disrupted_weapons,
    drop_non_events,
    find_date_phrase,
    ground_counts,
    ignore_instructions,
    inherit_date,
    keep_named_actors,
    locate,
    merge_repeats,
    near_place,
    one_sided_violence,
    place_at_home,
    read_roles,
    resolve_date,
    specific_place,
    split_mixed_events,
    unlisted_place,
    violent_if_deadly,
    violent_protest,
    write_summary,
    zero_counts,
)
from incidents.pipeline.shown_text import DEFENCES
from incidents.pipeline.stage import Stage
from incidents.pipeline.trace import StageTrace
from incidents.prompting.forms import CitedIncident
from incidents.schema import Incident

STAGES: tuple[Stage, ...] = (
    cite_group_size.STAGE,
    cite_next_toll.STAGE,
    ignore_instructions.STAGE,
    split_mixed_events.STAGE,
    drop_non_events.STAGE,
    ground_counts.STAGE,
    count_remainder.STAGE,
    check_sub_event.STAGE,
    violent_if_deadly.STAGE,
    zero_counts.STAGE,
    find_date_phrase.STAGE,
    resolve_date.STAGE,
    inherit_date.STAGE,
    locate.STAGE,
    place_at_home.STAGE,
    unlisted_place.STAGE,
    specific_place.STAGE,
    near_place.STAGE,
    canonical_actors.STAGE,
    keep_named_actors.STAGE,
    read_roles.STAGE,
    add_named_actors.STAGE,
    check_actor_roles.STAGE,
    one_sided_violence.STAGE,
    civilian_target.STAGE,
    violent_protest.STAGE,
    disrupted_weapons.STAGE,
    write_summary.STAGE,
    merge_repeats.STAGE,
)
# Before the prompt, one stage works on the text itself (see incidents.pipeline.shown_text); it
# is listed and skipped like the others.
BEFORE_PROMPT: tuple[tuple[str, str], ...] = DEFENCES
STAGE_NAMES = tuple(stage.name for stage in STAGES)
# Every name --skip-stage takes, in the order the stages run.
SKIPPABLE = tuple(name for name, _ in BEFORE_PROMPT) + STAGE_NAMES


class UnknownStage(ValueError):
    """A stage name that is not in :data:`STAGES`; the message lists the known ones."""


class SkippedStages(frozenset[str]):
    """Stage names already checked by :func:`check_stage_names`: passed on, never checked
    again."""


def check_stage_names(names: Iterable[str]) -> SkippedStages:
    """The names as a set, or :class:`UnknownStage` for the first that is not a stage."""
    if isinstance(names, SkippedStages):
        return names
    chosen = SkippedStages(names)
    for name in sorted(chosen):
        if name not in SKIPPABLE:
            raise UnknownStage(f"unknown stage {name!r}; the stages are: {', '.join(SKIPPABLE)}")
    return chosen


def run_stages(
    cited: list[CitedIncident],
    article: Article,
    *,
    skip: Iterable[str] = (),
    trace: StageTrace | None = None,
) -> list[Incident]:
    """Turn the model's cited incidents into validated incidents.

    Args:
        cited: The answer's incidents, citing the article's sentence numbers.
        article: The article they cite.
        skip: Names of stages to leave out (for ablation).
        trace: Filled with what each stage did to each incident, when given (it copies every
            draft before every stage, so it is off by default).

    Raises:
        UnknownStage: ``skip`` names a stage that does not exist.
    """
    skipped = check_stage_names(skip)
    drafts = [Draft.from_cited(incident, article, n) for n, incident in enumerate(cited, 1)]
    if trace is not None:
        trace.begin(drafts, skipped)
    for stage in STAGES:
        if stage.name in skipped:
            continue
        if trace is None:
            drafts = stage.run(drafts, article)
        else:
            seen = trace.before(drafts)
            drafts = stage.run(drafts, article)
            trace.after(stage, seen, drafts)
    built = [build_incident(draft, article) for draft in drafts]
    if trace is not None:
        trace.finish(drafts, built)
    return [incident for incident in built if incident is not None]
