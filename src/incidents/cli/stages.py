"""``incidents stages``: the post-processing stages, in the order they run."""

from __future__ import annotations

from incidents.cli.listing import Column, print_listing


def stages() -> None:
    """List the stages in the order they run (names for --skip-stage): the one before the
    prompt as 0, then the post-processing stages."""
    from incidents.pipeline.stages import BEFORE_PROMPT, STAGES

    columns = (Column("#", identifier=True, right=True), Column("stage", identifier=True),
               Column("what it does"))  # fmt: skip
    rows = [("0", name, summary) for name, summary in BEFORE_PROMPT]
    rows += [(str(n), stage.name, stage.summary) for n, stage in enumerate(STAGES, start=1)]
    print_listing(columns, rows)
