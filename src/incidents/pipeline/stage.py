"""What a post-processing stage is: a name, one line saying what it does, and a function over
the list of drafts of one article (most stages look at one draft at a time: see :func:`each`).

A stage edits drafts in place or returns copies of them (:func:`dataclasses.replace`, which
keeps the draft's ``number``), and leaves out the drafts it drops. ``--explain`` sees what it
changed without its help; to say *why*, a stage calls ``draft.note("no event word in [2]")``
before it drops or changes a draft, or ``draft.note(reason, merged_into=other)`` when it folds
the draft into another (see :mod:`incidents.pipeline.rules.merge_repeats`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from incidents.pipeline.article import Article
from incidents.pipeline.draft import Draft

StageFunction = Callable[[list[Draft], Article], list[Draft]]
DraftRule = Callable[[Draft, Article], Draft | None]


@dataclass(frozen=True)
class Stage:
    """One named post-processing rule.

    Attributes:
        name: snake_case, as ``incidents stages`` lists it and ``--skip-stage`` takes it.
        summary: One line: what the stage does and why.
        run: The rule, over every draft of one article.
    """

    name: str
    summary: str
    run: StageFunction


def each(rule: DraftRule) -> StageFunction:
    """A stage function from a rule over one draft; a rule returning None drops the draft."""

    def run(drafts: list[Draft], article: Article) -> list[Draft]:
        kept = (rule(draft, article) for draft in drafts)
        return [draft for draft in kept if draft is not None]

    run.__doc__ = rule.__doc__
    return run
