"""``incidents stages``: the post-processing stages, in the order they run."""

from __future__ import annotations

from incidents.cli.listing import Column, print_listing


def stages() -> None:
    """List the post-processing stages in the order they run (names for --skip-stage)."""
    from incidents.pipeline.stages import STAGES

    columns = (Column("#", identifier=True, right=True), Column("stage", identifier=True),
               Column("what it does"))  # fmt: skip
    rows = [(str(n), stage.name, stage.summary) for n, stage in enumerate(STAGES, start=1)]
    print_listing(columns, rows)
